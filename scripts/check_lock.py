"""Check that the running environment holds exactly the packages pinned in requirements.lock.

Run by `.ci/run` after the README's install-and-test command, so a drift between the lock and what
was installed (a package the lock lacks, one missing, another version) fails CI instead of
surprising a user. Exit status 0 when the sets match, 1 with one line per difference otherwise.

    python scripts/check_lock.py [--lock requirements.lock [--lock requirements-spark.lock]]
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import metadata
from pathlib import Path

# Installed by `python3 -m venv` itself or by the project's own editable install, never pinned.
IGNORED = frozenset({"pip", "storyline"})

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalise(name: str) -> str:
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(lock_text: str) -> dict[str, str]:
    """Name → version of every `name==version` line of a pip-compile lock."""
    pins: dict[str, str] = {}
    for line in lock_text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    return pins


def installed() -> dict[str, str]:
    """Name → version of every distribution importable in this environment."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[normalise(name)] = dist.version
    return found


def differences(pins: dict[str, str], present: dict[str, str]) -> list[str]:
    """One line per package that is missing, unpinned or at another version than the lock's."""
    lines = []
    for name in sorted(set(pins) | set(present)):
        if name in IGNORED:
            continue
        want, have = pins.get(name), present.get(name)
        if have is None:
            lines.append(f"missing: {name}=={want} is locked but not installed")
        elif want is None:
            lines.append(f"unlocked: {name}=={have} is installed but not in the lock")
        elif want != have:
            lines.append(f"version: {name} is {have}, the lock pins {want}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, action="append",
                        help="A lock file (repeatable: the environment holds their union, e.g. "
                             "requirements.lock and requirements-spark.lock); default requirements.lock.")
    args = parser.parse_args(argv)
    locks = args.lock or [Path("requirements.lock")]
    name = " + ".join(map(str, locks))
    pins: dict[str, str] = {}
    for lock in locks:
        try:
            text = lock.read_text(encoding="utf-8")
        except OSError as exc:
            print(f"error: {lock}: cannot read the lock ({exc.strerror})", file=sys.stderr)
            return 1
        found = locked(text)
        if not found:
            print(f"error: {lock}: no name==version pins", file=sys.stderr)
            return 1
        pins.update(found)
    problems = differences(pins, installed())
    for line in problems:
        print(f"error: {name}: {line}", file=sys.stderr)
    if not problems:
        print(f"{len(pins)} locked packages installed, nothing else")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
