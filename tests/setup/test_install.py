"""The set-up commands: CI runs exactly the README's, and the lock check catches any drift."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load_check_lock():
    spec = importlib.util.spec_from_file_location("check_lock", ROOT / "scripts" / "check_lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _readme_command(ending: str) -> str:
    commands = [
        line.strip()
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("    pip install") and line.strip().endswith(ending)
    ]
    assert len(commands) == 1, commands
    return commands[0]


def test_ci_runs_exactly_the_readme_test_command():
    command = _readme_command("python -m pytest -q")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in [line.strip() for line in ci]
    assert "python scripts/check_lock.py" in [line.strip() for line in ci]


def test_readme_installs_resolve_nothing():
    for ending in ("storyline demo", "python -m pytest -q"):
        command = _readme_command(ending)
        installs = [part.strip() for part in command.split("&&") if part.strip().startswith("pip install")]
        assert installs and all("--no-deps" in part for part in installs), command


def test_lock_pins_every_dependency_with_hashes():
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    pinned = [b for b in blocks if re.match(r"[A-Za-z0-9][^\s]*==", b)]
    assert len(pinned) > 20
    assert all("--hash=sha256:" in block for block in pinned)
    assert not any(re.match(r"[A-Za-z0-9][^\s=]*(>=|<=|~=)", b) for b in blocks)


def test_lock_parse_and_differences():
    check = _load_check_lock()
    pins = check.locked("lxml==6.1.3 \\\n    --hash=sha256:ab\nLXML_html-clean==0.4.6 \\\n# via x\n")
    assert pins == {"lxml": "6.1.3", "lxml-html-clean": "0.4.6"}
    problems = check.differences(
        {"lxml": "6.1.3", "justext": "3.0.2", "spacy": "3.8.18"},
        {"lxml": "6.2.1", "spacy": "3.8.18", "requests": "2.0", "pip": "23.2.1", "storyline": "0.1.0"},
    )
    assert problems == [
        "missing: justext==3.0.2 is locked but not installed",
        "version: lxml is 6.2.1, the lock pins 6.1.3",
        "unlocked: requests==2.0 is installed but not in the lock",
    ]


def test_check_lock_reports_an_unreadable_lock(tmp_path, capsys):
    check = _load_check_lock()
    assert check.main(["--lock", str(tmp_path / "missing.lock")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.lock" in err and "cannot read" in err


def test_check_lock_takes_the_union_of_several_locks(tmp_path, capsys):
    check = _load_check_lock()
    main = tmp_path / "main.lock"
    extra = tmp_path / "extra.lock"
    main.write_text("".join(f"{n}=={v}\n" for n, v in check.installed().items() if n not in check.IGNORED))
    extra.write_text("not-installed-package==1.0 \\\n    --hash=sha256:ab\n")
    assert check.main(["--lock", str(main)]) == 0
    assert check.main(["--lock", str(main), "--lock", str(extra)]) == 1
    assert "missing: not-installed-package==1.0" in capsys.readouterr().err


def test_spark_has_its_own_hashed_lock_never_the_main_one():
    check = _load_check_lock()
    main = check.locked((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    spark_text = (ROOT / "requirements-spark.lock").read_text(encoding="utf-8")
    spark = check.locked(spark_text)
    assert "pyspark" in spark and "pyspark" not in main and "py4j" not in main
    blocks = [b for b in re.split(r"\n(?=[A-Za-z0-9])", spark_text) if re.match(r"[A-Za-z0-9][^\s]*==", b)]
    assert blocks and all("--hash=sha256:" in b for b in blocks)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-r requirements-spark.lock" in ci and "--lock requirements-spark.lock" in ci
