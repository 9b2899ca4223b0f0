"""Benchmark reading and event coding on long pages: the time per paragraph must not grow with length.

    python -m storyline.bench.longpage [--paragraphs 100 400 1600]

Each page is built of generated news paragraphs (a clash, a condemnation, a meeting, an accusation,
each with a quote, a pronoun, a back reference or a report, between states of the knowledge base,
each on its own day), so its events, actors, places, times and quotes all grow with its length. For
each length it prints the CPU seconds to parse the article text, to read it (actors, times, places)
and to code its events and quotes, the events found, and the reading and coding seconds per 100
paragraphs; the last line gives the growth of those per-paragraph costs from the shortest page to
the longest (about 1 when the work is linear in the page's length, the length ratio when it is
quadratic).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.bench import positive_int
from storyline.model import Document, Segment

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
STATES = 12


@dataclass(frozen=True, slots=True, kw_only=True)
class LongPageBench:
    paragraphs: int
    events: int
    parse_seconds: float
    read_seconds: float
    code_seconds: float


def paragraph(i: int, names: Sequence[str]) -> str:
    """The ``i``-th paragraph: an act between two states on its own day, and a sentence about it."""
    a, b = names[i % len(names)], names[(i * 5 + 1) % len(names)]
    if a == b:
        b = names[(i + 1) % len(names)]
    day = f"{MONTHS[i % 11]} {1 + i % 28}"
    act = (f"Troops of {a} attacked soldiers of {b} near the border on {day}, officials said.",
           f"{a} condemned the attack by {b} on {day} and urged talks.",
           f"The foreign minister of {a} met his counterpart from {b} on {day}.",
           f"{a} accused {b} of violating the ceasefire on {day}.")[i % 4]
    more = (f' "We will not accept this," the minister of {a} said. He warned that the incident would be answered.',
            f" The attack drew protests in the capital, where thousands marched against {b}, police said.",
            f" The army of {b} said it had arrested several suspects after the incident and would hold talks.",
            f" Officials said the sanctions imposed on {b} would stay, according to the government of {a}.")[i % 4]
    return act + more


def long_page(n: int, names: Sequence[str]) -> Document:
    """A stored-like document of ``n`` body paragraphs."""
    texts = [paragraph(i, names) for i in range(n)]
    segments, start = [], 0
    for text in texts:
        segments.append(Segment(role="body", start=start, end=start + len(text)))
        start += len(text) + 2
    return Document(doc_id=f"long-{n}", version=1, source=f"long-{n}", fmt="text", url=None, outlet=None, title=None,
                    published="2012-06-01", published_source="text", ingested_at="2012-06-01T00:00",
                    text="\n\n".join(texts), content_hash=f"long-{n}", segments=tuple(segments))


def state_names() -> list[str]:
    """Names of a few states of the knowledge base (its first, in code order)."""
    from storyline.actors.kb import load_kb

    names = load_kb().names
    return [names[code] for code in sorted(names) if names[code] and " " not in names[code]][:STATES]


def bench(lengths: Sequence[int]) -> list[LongPageBench]:
    from storyline.actors.kb import load_kb
    from storyline.nlp.pipeline import parse_articles
    from storyline.read import page_reading, read_parsed

    names, kb = state_names(), load_kb()
    warm = long_page(8, names)  # load the model, gazetteer and tables before timing
    for parsed in parse_articles([warm]):
        page_reading(read_parsed(parsed.document, parsed.article, parsed.doc, kb=kb))
    out = []
    for n in lengths:
        start = time.process_time()
        [parsed] = list(parse_articles([long_page(n, names)]))
        parsed_at = time.process_time()
        page = read_parsed(parsed.document, parsed.article, parsed.doc, kb=kb)
        read_at = time.process_time()
        reading = page_reading(page)
        coded_at = time.process_time()
        out.append(LongPageBench(paragraphs=n, events=len(reading.events), parse_seconds=parsed_at - start,
                                 read_seconds=read_at - parsed_at, code_seconds=coded_at - read_at))
    return out


def format_bench(results: Sequence[LongPageBench]) -> str:
    lines = []
    for r in results:
        per = 100 / r.paragraphs
        lines.append(f"paragraphs {r.paragraphs:5d}  events {r.events:5d}  parse {r.parse_seconds:6.2f}s  "
                     f"read {r.read_seconds:6.2f}s  code {r.code_seconds:6.2f}s  per 100 paragraphs: "
                     f"read {r.read_seconds * per:.3f}s  code {r.code_seconds * per:.3f}s")
    if len(results) > 1:
        first, last = results[0], results[-1]
        scale = first.paragraphs / last.paragraphs

        def growth(a: float, b: float) -> float:
            return b * scale / a if a else 0.0

        lines.append(f"growth of the cost per paragraph, {first.paragraphs} to {last.paragraphs} paragraphs "
                     f"(1 = linear, {last.paragraphs / first.paragraphs:.0f} = quadratic): "
                     f"read {growth(first.read_seconds, last.read_seconds):.2f}  "
                     f"code {growth(first.code_seconds, last.code_seconds):.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=positive_int, nargs="+", default=[100, 400, 1600])
    args = parser.parse_args(argv)
    sys.stdout.write(format_bench(bench(sorted(args.paragraphs))) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
