"""Score extracted events against hand-made gold (``gold/README.md`` rules).

Per page, factual predictions (neither negated nor hypothetical) are matched one to one to gold
events. A prediction fits a gold event when its PLOVER type is in the gold ``type`` list, one of
its actor codes is in the gold ``actor`` list and, where gold has a recipient, one of its recipient
codes is in the gold ``recipient`` list; symmetric gold events may be matched with the sides
swapped. A participant's codes are its country and its affiliation (a NATO commander: NATO or his
country). The matching is a maximum bipartite matching that serves main events first, then the
other non-optional events, then optional ones; among those, each gold event takes the prediction
whose evidence covers its quote and whose date agrees (one weighted assignment, Hungarian method).

- recall (main): matched main events / main events
- recall (all): matched non-optional events / non-optional events
- precision: predictions matched to any gold event (optional included) / predictions
- F1 from precision and recall (all)
- date accuracy: matched events whose gold date is set and whose predicted date agrees to the gold
  precision (``2012-03`` gold accepts any day of March 2012)
- not_events: predictions whose evidence overlaps a quoted comment, sidebar or teaser

``python -m storyline.eval.events --gold GOLD.json --pages DIR_OR_JSONL [--json]`` prints the figures.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from storyline.events.records import Event

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One gold event record."""

    gold_id: str
    types: tuple[str, ...]
    actors: frozenset[str]
    recipients: frozenset[str] | None
    symmetric: bool = False
    main: bool = False
    optional: bool = False
    date: str | None = None
    evidence: str = ""

    @property
    def priority(self) -> int:
        """Matching order: main first, then other non-optional events, optional last."""
        return 0 if self.main else (2 if self.optional else 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldPage:
    doc_id: str
    events: tuple[GoldEvent, ...]
    not_events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    gold_id: str
    event_id: str
    type: str
    date_scored: bool
    date_correct: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class PageResult:
    """One page scored: its matches, missed gold ids, unmatched predictions, not_events hits."""

    doc_id: str
    matches: tuple[Match, ...]
    missed: tuple[str, ...]
    spurious: tuple[str, ...]
    not_event_hits: tuple[str, ...]
    predicted: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeRow:
    type: str
    gold: int
    predicted: int
    matched_gold: int
    matched_predicted: int

    @property
    def recall(self) -> float:
        return _ratio(self.matched_gold, self.gold)

    @property
    def precision(self) -> float:
        return _ratio(self.matched_predicted, self.predicted)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventsReport:
    """Totals over the pages, the per-type table and the per-page detail."""

    pages: int
    main: int
    main_matched: int
    gold: int
    gold_matched: int
    predicted: int
    predicted_matched: int
    dates_scored: int
    dates_correct: int
    not_event_hits: int
    dates_correct_inferred: int | None = None
    types: tuple[TypeRow, ...] = ()
    details: tuple[PageResult, ...] = field(default_factory=tuple)

    @property
    def recall_main(self) -> float:
        return _ratio(self.main_matched, self.main)

    @property
    def recall(self) -> float:
        return _ratio(self.gold_matched, self.gold)

    @property
    def precision(self) -> float:
        return _ratio(self.predicted_matched, self.predicted)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_accuracy(self) -> float:
        return _ratio(self.dates_correct, self.dates_scored)

    @property
    def date_accuracy_inferred(self) -> float | None:
        """Date accuracy once undated reports take the date their story lends them (``None`` when the
        events were not linked: the story stage infers those dates)."""
        if self.dates_correct_inferred is None:
            return None
        return _ratio(self.dates_correct_inferred, self.dates_scored)

    def to_json(self) -> dict[str, object]:
        """The figures and the detail as plain JSON-ready values."""
        data = asdict(self)
        data.update(recall_main=self.recall_main, recall=self.recall, precision=self.precision, f1=self.f1,
                    date_accuracy=self.date_accuracy, date_accuracy_inferred=self.date_accuracy_inferred)
        data["types"] = [dict(asdict(t), recall=t.recall, precision=t.precision) for t in self.types]
        return data


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


# -- gold ------------------------------------------------------------------------------------


def _codes(value: object) -> frozenset[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return frozenset(str(v).upper() for v in items)


def gold_event(record: dict[str, object]) -> GoldEvent:
    """One gold JSON record as a :class:`GoldEvent`; ``ValueError`` when a field is missing."""
    try:
        types = record["type"]
        return GoldEvent(
            gold_id=str(record["id"]),
            types=tuple(str(t).upper() for t in ([types] if isinstance(types, str) else types)),  # type: ignore[union-attr]
            actors=_codes(record["actor"]) or frozenset(),
            recipients=_codes(record.get("recipient")),
            symmetric=bool(record.get("symmetric")),
            main=bool(record.get("main")),
            optional=bool(record.get("optional")),
            date=record.get("date") or None,  # type: ignore[arg-type]
            evidence=str(record.get("evidence") or ""),
        )
    except (KeyError, TypeError) as e:
        raise ValueError(f"bad gold event {record.get('id')!r}: {e}") from e


def read_gold(path: Path) -> list[GoldPage]:
    """The gold pages of an events JSON file (a list of ``{doc_id, events, not_events}``)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read gold events from {path}: {e}") from e
    return [
        GoldPage(doc_id=row["doc_id"], events=tuple(gold_event(e) for e in row.get("events", ())),
                 not_events=tuple(row.get("not_events", ())))
        for row in rows
    ]


# -- matching --------------------------------------------------------------------------------


def _sides_fit(actors: frozenset[str], recipients: frozenset[str], gold: GoldEvent) -> bool:
    if not actors & gold.actors:
        return False
    return gold.recipients is None or bool(recipients & gold.recipients)


def fits(event: Event, gold: GoldEvent) -> bool:
    """Whether a prediction may be matched to a gold event (type, actor, recipient; swap if symmetric)."""
    if event.type not in gold.types:
        return False
    actors, recipients = event.actor_codes(), event.recipient_codes()
    if _sides_fit(actors, recipients, gold):
        return True
    return gold.symmetric and _sides_fit(recipients, actors, gold)


# Weights in tiers: a matched pair outweighs any sum of priorities, a priority step any sum of affinities.
_PAIR_WEIGHT = 1_000_000.0
_PRIORITY_STEP = 1_000.0


def best_matching(weights: Mapping[tuple[int, int], float]) -> dict[int, int]:
    """The one-to-one matching (left → right) of greatest total weight over the given edges
    (Hungarian method on the square cost matrix; edges missing from ``weights`` are never used).

    With the tiered weights of :func:`score_page` the matching is a maximum one; among those, it
    serves main gold events first, then the evidence that fits best.
    """
    if not weights:
        return {}
    lefts = sorted({g for g, _ in weights})
    rights = sorted({p for _, p in weights})
    n = max(len(lefts), len(rights))
    top = max(weights.values())
    cost = [[top - weights.get((lefts[i], rights[j]), 0.0) if i < len(lefts) and j < len(rights) else top
             for j in range(n)] for i in range(n)]
    assignment = _hungarian(cost)
    return {lefts[i]: rights[j] for i, j in enumerate(assignment)
            if i < len(lefts) and j < len(rights) and (lefts[i], rights[j]) in weights}


def _hungarian(cost: Sequence[Sequence[float]]) -> list[int]:
    """Row → column of a minimum-cost assignment of a square matrix (Kuhn–Munkres, O(n³))."""
    n = len(cost)
    u, v, match, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for row in range(1, n + 1):
        match[0], col0 = row, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while match[col0]:
            used[col0] = True
            r, delta, col1 = match[col0], float("inf"), 0
            for c in range(1, n + 1):
                if not used[c]:
                    cur = cost[r - 1][c - 1] - u[r] - v[c]
                    if cur < minv[c]:
                        minv[c], way[c] = cur, col0
                    if minv[c] < delta:
                        delta, col1 = minv[c], c
            for c in range(n + 1):
                if used[c]:
                    u[match[c]] += delta
                    v[c] -= delta
                else:
                    minv[c] -= delta
            col0 = col1
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    result = [0] * n
    for c in range(1, n + 1):
        result[match[c] - 1] = c - 1
    return result


def affinity(event: Event, gold: GoldEvent, span: tuple[int, int] | None) -> float:
    """How surely a fitting prediction is this gold event rather than another of the same type and
    sides: the share of the gold evidence quote (``span`` in the page text) one of its evidence
    sentences (the kept one or a merged repeat) covers, plus
    one when the dates agree (at most 2)."""
    covered = 0.0
    if span is not None and span[1] > span[0]:
        covered = max(max(0, min(span[1], ev.end) - max(span[0], ev.start)) for ev in event.evidence_spans) / (span[1] - span[0])
    return covered + (1.0 if gold.date and date_agrees(event.date, gold.date) else 0.0)


def _quote_span(quote: str, text: str) -> tuple[int, int] | None:
    start = text.find(quote) if quote else -1
    return (start, start + len(quote)) if start >= 0 else None


def date_agrees(predicted: str | None, gold: str) -> bool:
    """Whether a predicted ISO date agrees with the gold date to the gold's precision."""
    return bool(predicted) and str(predicted)[: len(gold)] == gold


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def not_event_hits(events: Iterable[Event], quotes: Iterable[str], text: str) -> list[str]:
    """Event ids whose evidence overlaps one of the quoted non-events (in ``text`` or by wording)."""
    spans = [(i, i + len(q)) for q in quotes if (i := text.find(q)) >= 0]
    normed = [_norm(q) for q in quotes if q.strip()]
    hits = []
    for event in events:
        ev = event.evidence
        by_span = any(ev.start < end and start < ev.end for start, end in spans)
        words = _norm(ev.text)
        by_words = any(q in words or (words and words in q) for q in normed)
        if by_span or by_words:
            hits.append(event.event_id)
    return hits


def score_page(gold: GoldPage, predicted: Sequence[Event], *, text: str = "") -> PageResult:
    """Match one page's factual predictions to its gold events."""
    events = [e for e in predicted if e.factual]
    spans = [_quote_span(ge.evidence, text) for ge in gold.events]
    weights = {(g, p): _PAIR_WEIGHT - _PRIORITY_STEP * ge.priority + affinity(e, ge, spans[g])
               for g, ge in enumerate(gold.events) for p, e in enumerate(events) if fits(e, ge)}
    pairs = best_matching(weights)
    matches = tuple(_match(gold.events[g], events[p]) for g, p in sorted(pairs.items()))
    matched_preds = set(pairs.values())
    return PageResult(
        doc_id=gold.doc_id,
        matches=matches,
        missed=tuple(ge.gold_id for g, ge in enumerate(gold.events) if g not in pairs and not ge.optional),
        spurious=tuple(e.event_id for p, e in enumerate(events) if p not in matched_preds),
        not_event_hits=tuple(not_event_hits(events, gold.not_events, text)),
        predicted=len(events),
    )


def _match(gold: GoldEvent, event: Event) -> Match:
    scored = gold.date is not None
    return Match(gold_id=gold.gold_id, event_id=event.event_id, type=gold.types[0], date_scored=scored,
                 date_correct=scored and date_agrees(event.date, gold.date or ""))


def _type_rows(gold_pages: Sequence[GoldPage], results: Sequence[PageResult],
               predicted: dict[str, Sequence[Event]]) -> tuple[TypeRow, ...]:
    gold_n: Counter[str] = Counter()
    gold_hit: Counter[str] = Counter()
    pred_n: Counter[str] = Counter()
    pred_hit: Counter[str] = Counter()
    by_id = {g.gold_id: g for page in gold_pages for g in page.events}
    for page in gold_pages:
        gold_n.update(g.types[0] for g in page.events if not g.optional)
    for result in results:
        events = {e.event_id: e for e in predicted.get(result.doc_id, ()) if e.factual}
        pred_n.update(e.type for e in events.values())
        for m in result.matches:
            pred_hit[events[m.event_id].type] += 1
            gold_hit[m.type] += not by_id[m.gold_id].optional
    names = sorted(set(gold_n) | set(pred_n))
    return tuple(TypeRow(type=t, gold=gold_n[t], predicted=pred_n[t], matched_gold=gold_hit[t],
                         matched_predicted=pred_hit[t]) for t in names)


def score(gold_pages: Sequence[GoldPage], predicted: dict[str, Sequence[Event]],
          *, texts: dict[str, str] | None = None) -> EventsReport:
    """Score predictions (doc_id → events) against gold pages; pages without predictions score empty."""
    texts = texts or {}
    results = [score_page(g, predicted.get(g.doc_id, ()), text=texts.get(g.doc_id, "")) for g in gold_pages]
    by_id = {g.gold_id: g for page in gold_pages for g in page.events}
    matches = [m for r in results for m in r.matches]
    return EventsReport(
        pages=len(gold_pages),
        main=sum(g.main for g in by_id.values()),
        main_matched=sum(by_id[m.gold_id].main for m in matches),
        gold=sum(not g.optional for g in by_id.values()),
        gold_matched=sum(not by_id[m.gold_id].optional for m in matches),
        predicted=sum(r.predicted for r in results),
        predicted_matched=len(matches),
        dates_scored=sum(m.date_scored for m in matches),
        dates_correct=sum(m.date_correct for m in matches),
        not_event_hits=sum(len(r.not_event_hits) for r in results),
        types=_type_rows(gold_pages, results, predicted),
        details=tuple(results),
    )


# -- running the pipeline ----------------------------------------------------------------------


def extract_pages(pages: Sequence[Path], *, n_process: int = 1) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """Events of every page under ``pages`` (doc_id → events, canonical actor ids set) and stored texts."""
    from storyline.actors import canonicalize
    from storyline.events.extract import extract_events, with_canonical_actors
    from storyline.ingest import discover_pages
    from storyline.model import Document
    from storyline.pipeline import build_document
    from storyline.read import read_documents

    documents = [d for d in map(build_document, discover_pages(pages)) if isinstance(d, Document)]
    events: dict[str, list[Event]] = {}
    page_actors = []
    for page in read_documents(documents, n_process=n_process):
        events[page.document.doc_id] = extract_events(page)
        page_actors.append(page.actors)
    canonical = canonicalize(page_actors)
    events = {doc_id: with_canonical_actors(evs, canonical) for doc_id, evs in events.items()}
    return events, {d.doc_id: d.text for d in documents}


def evaluate_events(gold_path: Path, pages: list[Path], *, n_process: int = 1) -> EventsReport:
    """Read the pages (a folder of pages or a JSONL file), extract their events and score them."""
    gold = read_gold(gold_path)
    predicted, texts = extract_pages(pages, n_process=n_process)
    missing = [g.doc_id for g in gold if g.doc_id not in texts]
    if missing:
        log.warning("%d gold pages were not among the pages read: %s", len(missing), ", ".join(missing[:5]))
    return score(gold, predicted, texts=texts)


def format_report(report: EventsReport) -> str:
    """The figures and the per-type table as text."""
    lines = [
        f"pages {report.pages}  gold {report.gold} (main {report.main})  predicted {report.predicted}  "
        f"matched {report.predicted_matched}",
        f"recall(main) {report.recall_main:.3f}  recall(all) {report.recall:.3f}  "
        f"precision {report.precision:.3f}  F1 {report.f1:.3f}",
        f"date accuracy {report.date_accuracy:.3f} ({report.dates_correct}/{report.dates_scored})  "
        f"not_events hit {report.not_event_hits}",
        *([f"date accuracy with dates inferred from linked reports {report.date_accuracy_inferred:.3f} "
           f"({report.dates_correct_inferred}/{report.dates_scored})"] if report.date_accuracy_inferred is not None else []),
        f"{'type':<10} {'gold':>5} {'found':>5} {'R':>6} {'pred':>5} {'right':>5} {'P':>6}",
    ]
    lines += [f"{t.type:<10} {t.gold:>5} {t.matched_gold:>5} {t.recall:>6.2f} {t.predicted:>5} "
              f"{t.matched_predicted:>5} {t.precision:>6.2f}" for t in report.types]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score extracted events against gold events.")
    parser.add_argument("--gold", type=Path, required=True, help="gold events JSON")
    parser.add_argument("--pages", type=Path, nargs="+", required=True, help="folder of pages or a JSONL file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--n-process", type=int, default=1)
    args = parser.parse_args(argv)
    report = evaluate_events(args.gold, args.pages, n_process=args.n_process)
    out = json.dumps(report.to_json(), indent=1) if args.json else format_report(report)
    sys.stdout.write(out + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
