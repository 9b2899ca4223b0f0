"""Print candidate trigger verbs per CAMEO root from a PETRARCH verb-pattern dictionary.

A curation aid for ``src/storyline/data/events/triggers.tsv``: it reads the CAMEO verb
patterns (TABARI/PETRARCH format) and, for each two-digit CAMEO root, lists the verb lemmas
filed under it with the number of patterns that code each verb into that root. The lexicon
itself is written by hand; this script only shows where the dictionary puts each verb.

    python scripts/derive_trigger_candidates.py ../shared/data/petrarch2-dictionaries/CAMEO.verbpatterns.150430.txt
    python scripts/derive_trigger_candidates.py PATH --root 13 --top 40
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

BLOCK_RE = re.compile(r"^---\s*(?P<name>[^\[]+?)\s*\[(?P<code>[^\]]*)\]\s*---")
CODE_RE = re.compile(r"\[(?P<code>[0-9]{2,4})(?::[0-9]{2,4})?\]")
VERB_RE = re.compile(r"^(?P<plus>\+?)(?P<verb>[A-Z][A-Z_\-']*)\s*(?:\{[^}]*\})?\s*(?:\[(?P<code>[^\]]*)\])?")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2-dictionaries" / "CAMEO.verbpatterns.150430.txt"


@dataclass(frozen=True, slots=True, kw_only=True)
class VerbBlock:
    """One ``--- NAME [code] ---`` block: its verbs (lemma → code) and the codes of its patterns."""

    name: str
    code: str | None
    verbs: dict[str, str | None]
    pattern_codes: tuple[str, ...]


def _clean_code(raw: str | None) -> str | None:
    if not raw:
        return None
    head = raw.split(":")[0].strip()
    return head if head.isdigit() else None


def _start_block(line: str) -> VerbBlock | None:
    m = BLOCK_RE.match(line)
    if m is None:
        return None
    return VerbBlock(name=m["name"].strip(), code=_clean_code(m["code"]), verbs={}, pattern_codes=())


def parse_blocks(text: str) -> list[VerbBlock]:
    """Split the VERB PATTERNS section into blocks of verbs and pattern codes."""
    blocks: list[VerbBlock] = []
    current: VerbBlock | None = None
    codes: list[str] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        started = _start_block(line)
        if started is not None:
            if current is not None:
                blocks.append(VerbBlock(name=current.name, code=current.code, verbs=current.verbs, pattern_codes=tuple(codes)))
            current, codes = started, []
        elif current is not None and line.startswith("-"):
            m = CODE_RE.search(line)
            if m:
                codes.append(m["code"])
        elif current is not None and line:
            m = VERB_RE.match(line)
            if m:
                current.verbs[m["verb"].replace("_", " ").lower()] = _clean_code(m["code"])
    if current is not None:
        blocks.append(VerbBlock(name=current.name, code=current.code, verbs=current.verbs, pattern_codes=tuple(codes)))
    return blocks


def candidates_by_root(blocks: list[VerbBlock]) -> dict[str, Counter[str]]:
    """CAMEO root (two digits) → Counter of verb lemmas (patterns + 1 for the verb's own code)."""
    roots: dict[str, Counter[str]] = defaultdict(Counter)
    for block in blocks:
        for verb, own in block.verbs.items():
            code = own or block.code
            if code:
                roots[code[:2]][verb] += 1
            for pattern_code in block.pattern_codes:
                roots[pattern_code[:2]][verb] += 1
    return roots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT_PATH)
    parser.add_argument("--root", help="only this two-digit CAMEO root")
    parser.add_argument("--top", type=int, default=25, help="verbs shown per root")
    args = parser.parse_args(argv)
    text = args.path.read_text(encoding="utf-8", errors="replace")
    section = text.split("####### VERB PATTERNS #######", 1)[-1]
    roots = candidates_by_root(parse_blocks(section))
    out = sys.stdout
    for root in sorted(roots):
        if args.root and root != args.root:
            continue
        verbs = roots[root].most_common(args.top)
        out.write(f"{root} ({len(roots[root])} verbs): " + ", ".join(f"{v}={n}" for v, n in verbs) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
