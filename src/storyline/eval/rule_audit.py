"""Rule audit: how often each rule of the event coder fires on the development pages and on other news.

A rule written from one development sentence fires there and almost nowhere else. This audit runs the
whole reading (parse, actors, times, places, events) over several corpora and counts, for every rule
function of the event coder (``storyline.events.extract``, ``.modality``, ``.participants``,
``.contexts``, ``.dedupe``; the public ones, not their private helpers), how often it decided
something (returned a non-empty value other than its first argument: a rule that passes its input
through unchanged did not fire), per 100 trigger candidates (trigger words the lexicon found in
the article, so a corpus with fewer political events is not mistaken for one where a rule is rare). A
rule whose rate on the development pages' tune half is many times its rate on every other corpus is
flagged: generalise it or remove it.

    python -m storyline.eval.rule_audit --shared ../shared [--limit 200] [--json]
    python -m storyline.eval.rule_audit --examples extract.act_authors --corpus ngec --limit 1200

A rule that is rare in a corpus may still be right where it fires: ``--examples RULE`` (repeatable)
prints, instead of the table, every sentence where that rule decided something (up to
``--max-examples`` per corpus), with what it decided, so its precision on text that did not build it
can be judged by reading.

Corpora (all under ``--shared``; each capped at ``--limit`` documents, taken in a fixed order):
``dev-tune`` and ``dev-check`` (the halves of ``gold/dev``), ``ecbplus`` (available topics),
``meantime``, ``html-bench`` (the benchmark's gold article bodies), ``ngec`` (synthetic stories).
The counting wraps the module functions for the run only; the coder itself is unchanged.
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib
import inspect
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.model import Page

log = logging.getLogger(__name__)

MODULES = ("storyline.events.extract", "storyline.events.modality", "storyline.events.participants",
           "storyline.events.contexts", "storyline.events.dedupe")
SKIP = frozenset({"extract_events", "extract_quotes", "extract_events_and_quotes", "_extract",
                  "evidence_bounds", "confidence", "participant", "event_id", "_page_counterpart", "placed_between",
                  "sentence_start_back", "sentence_end_ahead",
                  "places_between"})
"""Plumbing, not decisions: always called, always non-empty."""
CANDIDATES = "extract._reportable"
"""Called once per trigger candidate: the denominator of the rates."""
FLAG_RATIO = 4.0
"""A rule firing this many times more often (per sentence) on the tune half than on every other corpus."""
FLAG_MIN_TUNE = 0.5
"""... and at least this often per 100 tune sentences (rarer rules are noise either way)."""


# ---------------------------------------------------------------- corpora


def _dev(shared: Path, half: str) -> Iterator[Page]:
    split = json.loads((shared / "gold" / "dev" / "split.json").read_text(encoding="utf-8"))
    wanted = set(split[half])
    with (shared / "gold" / "dev" / "pages.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["id"] in wanted:
                yield Page(doc_id=row["id"], source="dev", fmt="text", content=row["text"], url=row.get("url"))


def _ecbplus(shared: Path) -> Iterator[Page]:
    from storyline.eval.ecbplus import load_topics

    for docs in load_topics(shared / "data" / "ecbplus").values():
        for doc in docs:
            yield Page(doc_id=doc.doc_id, source="ecbplus", fmt="text", content=doc.text)


def _meantime(shared: Path) -> Iterator[Page]:
    from storyline.eval.timex import iter_articles

    for article in iter_articles(shared / "data" / "meantime"):
        yield Page(doc_id=article.name, source="meantime", fmt="text", content=article.text,
                   published=article.dct.isoformat() if article.dct else None)


def _html_bench(shared: Path) -> Iterator[Page]:
    truth = json.loads((shared / "data" / "article-extraction-benchmark" / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        body = truth[key].get("articleBody") or ""
        if body.strip():
            yield Page(doc_id=key[:16], source="html-bench", fmt="text", content=body, url=truth[key].get("url"))


def _ngec(shared: Path) -> Iterator[Page]:
    path = shared / "data" / "plover" / "ngec_synthetic_events_2023-10-19.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            title = (row.get("prompt") or "").split("\n")[0]
            yield Page(doc_id=f"ngec{n:05d}", source="ngec", fmt="text", content=f"{title}\n\n{row['text']}")


CORPORA: dict[str, Callable[[Path], Iterator[Page]]] = {
    "dev-tune": lambda s: _dev(s, "tune"),
    "dev-check": lambda s: _dev(s, "check"),
    "ecbplus": _ecbplus,
    "meantime": _meantime,
    "html-bench": _html_bench,
    "ngec": _ngec,
}


# ---------------------------------------------------------------- counting


@dataclass(frozen=True)
class Firing:
    """One decision of a rule: the sentence it was made in and what was decided."""

    rule: str
    sentence: str
    decided: str


class RuleCounter:
    """Wraps the rule functions of the coder's modules and counts the calls that decided something;
    for the rules in ``examples``, also keeps each firing's sentence."""

    def __init__(self, examples: frozenset[str] = frozenset()) -> None:
        self.fires: Counter[str] = Counter()
        self.examples = examples
        self.firings: list[Firing] = []
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> RuleCounter:
        for name in MODULES:
            module = importlib.import_module(name)
            for attr, fn in vars(module).items():
                if inspect.isfunction(fn) and fn.__module__ == name and (attr not in SKIP and not attr.startswith("_")
                                                                          or attr == CANDIDATES.split(".")[1]):
                    self._saved.append((module, attr, fn))
                    setattr(module, attr, self._wrap(f"{name.rsplit('.', 1)[1]}.{attr}", fn))
        return self

    def __exit__(self, *exc: object) -> None:
        for module, attr, fn in self._saved:
            setattr(module, attr, fn)
        self._saved.clear()

    def _wrap(self, key: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def counted(*args: Any, **kwargs: Any) -> Any:
            result = fn(*args, **kwargs)
            if key == CANDIDATES or _decided(result) and not (args and result is args[0]):
                self.fires[key] += 1
                if key in self.examples:
                    self.firings.append(Firing(key, _sentence(args), _describe(result)))
            return result

        return counted


def _sentence(args: tuple[Any, ...]) -> str:
    """The sentence of the first argument that is a token (every rule takes one)."""
    token = next((a for a in args if hasattr(a, "sent")), None)
    return " ".join(token.sent.text.split()) if token is not None else ""


def _describe(result: Any) -> str:
    """What a rule decided, in words: the texts of the tokens or participants it returned."""
    if isinstance(result, (tuple, list)):
        return "[" + ", ".join(_describe(part) for part in result) + "]"
    return str(getattr(result, "text", result))[:80]


def _decided(result: Any) -> bool:
    if isinstance(result, tuple) and result and all(isinstance(part, tuple) for part in result):
        return any(result)  # (actors, recipients)
    return bool(result)


def audit_corpus(pages: list[Page], *, n_process: int = 1,
                 examples: list[Firing] | None = None, rules: frozenset[str] = frozenset()) -> tuple[Counter[str], int, int]:
    """Rule fires, trigger candidates and sentences over the pages' articles; the firings of ``rules``
    are appended to ``examples``."""
    from storyline.events.extract import extract_events
    from storyline.pipeline import build_document
    from storyline.read import read_documents

    docs = [build_document(page) for page in pages]
    sentences = 0
    with RuleCounter(rules) as counter:
        for read in read_documents(docs, n_process=n_process):
            sentences += sum(1 for _ in read.doc.sents)
            extract_events(read)
        fires = Counter(counter.fires)
    if examples is not None:
        examples.extend(counter.firings)
    candidates = fires.pop(CANDIDATES, 0)
    return fires, candidates, sentences


def flagged(rates: dict[str, dict[str, float]], rule: str) -> bool:
    tune = rates["dev-tune"].get(rule, 0.0)
    others = [r.get(rule, 0.0) for name, r in rates.items() if name not in ("dev-tune", "dev-check")]
    return tune >= FLAG_MIN_TUNE and bool(others) and all(tune >= FLAG_RATIO * o for o in others)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=200, help="documents per corpus (default 200)")
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="only these corpora (repeatable)")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--examples", action="append", default=[], metavar="RULE",
                        help="print the sentences where RULE (e.g. extract.act_authors) fired (repeatable)")
    parser.add_argument("--max-examples", type=int, default=50, help="examples per corpus (default 50)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not args.shared.is_dir():
        print(f"error: {args.shared}: no such folder", file=sys.stderr)
        return 1
    rates: dict[str, dict[str, float]] = {}
    sizes: dict[str, tuple[int, int, int]] = {}
    for name in args.corpus or list(CORPORA):
        try:
            pages = [p for _, p in zip(range(args.limit), CORPORA[name](args.shared))]
        except (OSError, KeyError, ValueError) as e:
            print(f"error: {args.shared}: cannot read corpus {name}: {e}", file=sys.stderr)
            return 1
        firings: list[Firing] = []
        fires, candidates, sentences = audit_corpus(pages, n_process=args.n_process, examples=firings,
                                                    rules=frozenset(args.examples))
        for firing in firings[:args.max_examples]:
            print(f"{name}\t{firing.rule}\t{firing.decided}\t{firing.sentence}")
        sizes[name] = (len(pages), sentences, candidates)
        rates[name] = {rule: 100.0 * n / max(candidates, 1) for rule, n in fires.items()}
    if args.examples:
        return 0
    rules = sorted({r for rate in rates.values() for r in rate}, key=lambda r: -rates.get("dev-tune", {}).get(r, 0.0))
    if args.json:
        print(json.dumps({"corpora": {k: {"documents": d, "sentences": s, "trigger_candidates": c}
                                      for k, (d, s, c) in sizes.items()},
                          "rates_per_100_candidates": rates,
                          "flagged": [r for r in rules if "dev-tune" in rates and flagged(rates, r)]}, indent=1))
        return 0
    names = list(rates)
    print("corpora: " + ", ".join(f"{k} {d} docs / {s} sentences / {c} trigger candidates"
                                  for k, (d, s, c) in sizes.items()))
    print(f"{'rule (fires per 100 trigger candidates)':44s}" + "".join(f"{n:>11s}" for n in names) + "  flag")
    for rule in rules:
        mark = "DEV-ONLY" if "dev-tune" in rates and flagged(rates, rule) else ""
        print(f"{rule:44s}" + "".join(f"{rates[n].get(rule, 0.0):11.2f}" for n in names) + f"  {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
