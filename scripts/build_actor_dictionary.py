"""Compile the PETRARCH2/Phoenix actor dictionaries into Storyline's shipped actor dictionary.

    python scripts/build_actor_dictionary.py [--source ../shared/data/petrarch2-dictionaries]

Reads ``Phoenix.Countries.actors.txt`` (people and state institutions of every country with
date-bounded roles), ``Phoenix.International.actors.txt`` (international organisations and their
officials) and ``Phoenix.MilNonState.actors.txt`` (armed non-state groups), and writes
``src/storyline/data/actors/phoenix_actors.tsv.gz`` with their licence beside it. The dictionaries are
MIT-licensed (Copyright (c) 2014 Open Event Data Alliance); the licence travels with the data.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from storyline.actors.petrarch import SHIPPED_DICTIONARY, parse_actor_dictionary, write_compiled

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "storyline" / "data" / "actors"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "petrarch2-dictionaries")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    actors = []
    for name in FILES:
        path = args.source / name
        if not path.is_file():
            print(f"error: {path}: no such dictionary file", file=sys.stderr)
            return 1
        with path.open(encoding="utf-8", errors="replace") as handle:
            actors.extend(parse_actor_dictionary(handle, source=name))
    count = write_compiled(actors, TARGET / SHIPPED_DICTIONARY)
    notice = ("The file phoenix_actors.tsv.gz beside this one is compiled by scripts/build_actor_dictionary.py from\n"
              f"the PETRARCH2/Phoenix actor dictionaries ({', '.join(FILES)}),\n"
              "distributed under the licence below.\n\n")
    (TARGET / "PHOENIX_LICENSE").write_text(notice + (args.source / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    size = (TARGET / SHIPPED_DICTIONARY).stat().st_size
    print(f"{count} actors from {len(FILES)} files -> {TARGET / SHIPPED_DICTIONARY} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
