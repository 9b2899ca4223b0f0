"""Benchmark the JSON API: latency p50/p95 of the timeline, one story and actor search on a store of
generated pages.

The store is generated straight through the store's writers (no page is parsed): ``--pages`` pages
from 40 outlets, each with a headline and five body lines, about ten actor mentions and three events;
the events are grouped into stories of one to four reports (a tenth with a date disagreement),
between actors drawn from a pool of ``--actors`` named people of 20 countries. Requests go through
the app in this process (Starlette's test client: routing, a read-only store opened per request, the
query, JSON), so the figures leave out only the network.

``python -m storyline.bench.api --pages 10000``
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from storyline.bench import positive_int
from storyline.store.database import Store, insert_rows
from storyline.store.stories import Disagreement, StoryEvent, StoryReport, StorySide, replace_stories

log = logging.getLogger(__name__)

COUNTRIES = ("PAK", "USA", "AFG", "IND", "CHN", "RUS", "GBR", "FRA", "DEU", "IRN", "TUR", "EGY", "NGA", "KEN", "BRA",
             "MEX", "JPN", "KOR", "UKR", "ISR")
SYLLABLES = ("ka", "ya", "ni", "ra", "mo", "sa", "li", "de", "to", "ba", "shi", "ro", "na", "ve", "lu", "za")
TYPES = (("CONSULT", 1, 1.0), ("AGREE", 1, 3.0), ("SUPPORT", 2, 5.0), ("REQUEST", 3, -1.0), ("REJECT", 3, -4.0),
         ("COERCE", 4, -7.0), ("ASSAULT", 4, -10.0))
SENTENCE = "{a} of {ca} met {b} of {cb} in the capital on {day} to discuss border security and trade."


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def generate(db: Path, *, pages: int, actors: int, seed: int = 7) -> dict[str, list[str]]:
    """Fill a new store at ``db``; returns the actor names and story ids to ask for."""
    rng = random.Random(seed)
    people = [(f"person:bench-{i}:{COUNTRIES[i % len(COUNTRIES)]}", _name(rng), COUNTRIES[i % len(COUNTRIES)])
              for i in range(actors)]
    start, stamp = date(2010, 1, 1), datetime(2024, 1, 1)
    documents, segments, mentions, events, participants, page_days, cast_of = [], [], [], [], [], {}, {}
    for p in range(pages):
        doc_id, day = f"bench-{p:05d}", start + timedelta(days=rng.randrange(3650))
        page_days[doc_id] = day
        lines, cast = [], rng.sample(people, 4)
        for n in range(5):
            a, b = cast[n % 4], cast[(n + 1) % 4]
            lines.append(SENTENCE.format(a=a[1], ca=a[2], b=b[1], cb=b[2], day=day.strftime("%A")))
        headline = f"{cast[0][1]} and {cast[1][1]} hold talks"
        text = "\n".join([headline, *lines])
        documents.append([doc_id, 1, f"bench/{doc_id}.txt", "text", f"https://outlet{p % 40}.example/news/{p}",
                          f"outlet{p % 40}.example", headline, day, "page", stamp, text, f"hash-{p}"])
        offset = len(headline) + 1
        segments.append([doc_id, 1, 0, "headline", 0, len(headline)])
        for n, line in enumerate(lines):
            segments.append([doc_id, 1, n + 1, "body", offset, offset + len(line)])
            a, b = cast[n % 4], cast[(n + 1) % 4]
            for person, at in ((a, offset), (b, offset + line.index(b[1]))):
                mentions.append([doc_id, 1, at, at + len(person[1]), person[1], "person", None, None, person[1],
                                 person[2], "GOV", None, None, None, f"e{n}", person[0]])
            if n < 3:
                event_id = f"{doc_id}-e{n}"
                cast_of[event_id] = (a, b)
                kind, quad, goldstein = rng.choice(TYPES)
                events.append([event_id, doc_id, 1, kind, None, [], day.isoformat(), "day", None, None, None,
                               "the capital", a[2], 30.0 + rng.random() * 20, 40.0 + rng.random() * 60, False, False,
                               line, offset, offset + len(line), "met", offset, offset + 3, 0.9, None, None, "040",
                               quad, goldstein, False, []])
                participants += [[event_id, doc_id, "actor", 0, a[1], a[1], "person", f"e{n}", a[0], a[2], "GOV",
                                  None, offset, offset + len(a[1]), "bench"],
                                 [event_id, doc_id, "recipient", 0, b[1], b[1], "person", f"e{n}", b[0], b[2], "GOV",
                                  None, offset, offset + len(b[1]), "bench"]]
            offset += len(line) + 1
    stories = _stories(events, page_days, cast_of, rng)
    with Store(db) as store, store.transaction():
        for table, rows in (("documents", documents), ("segments", segments), ("actor_mentions", mentions),
                            ("events", events), ("event_participants", participants)):
            insert_rows(store.con, table, rows)
        counts: dict[str, int] = {}
        for m in mentions:
            counts[m[-1]] = counts.get(m[-1], 0) + 1
        insert_rows(store.con, "actors", [[pid, "person", name, [name.split()[-1]], country, "GOV", "of " + country,
                                          "minister", [], counts.get(pid, 0)] for pid, name, country in people])
        replace_stories(store, stories, forget=())
    return {"names": [name for _pid, name, _c in people], "stories": [s.story_id for s in stories]}


def _stories(events: list[list], page_days: dict[str, date], cast_of: dict[str, tuple], rng: random.Random) -> list[StoryEvent]:
    """Events grouped into stories of one to four reports from different pages."""
    stories, i = [], 0
    order = sorted(events, key=lambda e: (e[6], e[0]))
    while i < len(order):
        size = rng.choice((1, 1, 2, 2, 3, 4))
        group = order[i : i + size]
        i += size
        head = group[0]
        docs = tuple(dict.fromkeys(e[1] for e in group))
        disputed = len(docs) > 1 and rng.random() < 0.1
        a, b = cast_of[head[0]]
        stories.append(StoryEvent(
            story_id=f"story-{head[0]}", type=head[3], canonical_event_id=head[0], pages=len(docs), sources=len(docs),
            date=head[6], date_precision="day", date_source="reported", location_text=head[11],
            location_country=head[12], location_lat=head[13], location_lon=head[14],
            first_seen=min(page_days[d] for d in docs).isoformat(), last_seen=max(page_days[d] for d in docs).isoformat(),
            quad_class=head[27], goldstein=head[28],
            sides=(StorySide(side="actor", seq=0, actor_id=a[0], name=a[1], country=a[2], sector="GOV"),
                   StorySide(side="recipient", seq=0, actor_id=b[0], name=b[1], country=b[2], sector="GOV")),
            reports=tuple(StoryReport(event_id=e[0], doc_id=e[1]) for e in group),
            disagreements=(Disagreement(field="date", value=head[6], doc_ids=(docs[0],)),
                           Disagreement(field="date", value="2000-01-01", doc_ids=docs[1:])) if disputed else ()))
    return stories


def _asked(db: Path) -> dict[str, list[str]]:
    """What to ask a store generated earlier for."""
    with Store(db, read_only=True) as store:
        return {"names": [r[0] for r in store.con.execute("SELECT name FROM actors ORDER BY actor_id").fetchall()],
                "stories": [r[0] for r in store.con.execute("SELECT story_id FROM story_events ORDER BY 1").fetchall()]}


def measure(call: Callable[[], object], *, runs: int) -> dict[str, float]:
    """p50 and p95 of ``runs`` calls (milliseconds), after three to warm up: wall-clock time, and the
    CPU time the process spent on each call (all its threads), which other jobs on a shared machine
    do not inflate."""
    for _ in range(3):
        call()
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {"p50_ms": _cut(walls, 50), "p95_ms": _cut(walls, 95), "cpu_p50_ms": _cut(cpus, 50),
            "cpu_p95_ms": _cut(cpus, 95), "runs": runs}


def _cut(values: list[float], percent: int) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[percent - 1], 1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=positive_int, default=10000, help="pages in the generated store")
    parser.add_argument("--actors", type=positive_int, default=2000, help="named people in the actor pool")
    parser.add_argument("--runs", type=positive_int, default=200, help="requests per endpoint")
    parser.add_argument("--db", type=Path, help="generate the store here and keep it; a store already there is reused")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from fastapi.testclient import TestClient

    from storyline.web.app import Settings, create_app

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.duckdb"
        started = time.perf_counter()
        asked = generate(db, pages=args.pages, actors=args.actors) if not db.exists() else _asked(db)
        built = time.perf_counter() - started
        rng = random.Random(11)
        client = TestClient(create_app(Settings(db=db)))

        def get(url: str) -> Callable[[], object]:
            def call() -> object:
                response = client.get(url() if callable(url) else url)
                if response.status_code != 200:
                    raise SystemExit(f"{response.status_code}: {response.text[:200]}")
                return response
            return call

        def variant(name: str) -> str:  # a spelling variant: one vowel changed
            i = next(k for k, ch in enumerate(name) if ch in "aeiou" and k > 0)
            return name[:i] + ("i" if name[i] != "i" else "a") + name[i + 1 :]

        results = {
            "timeline_pair": measure(get(lambda: "/api/timeline?actor=PAK&actor=USA"), runs=args.runs),
            "timeline_actor": measure(get(lambda: "/api/timeline?actor=" + rng.choice(COUNTRIES)), runs=args.runs),
            "timeline_page_html": measure(get(lambda: "/timeline?actor=PAK&actor=USA"), runs=args.runs),
            "story": measure(get(lambda: "/api/stories/" + rng.choice(asked["stories"])), runs=args.runs),
            "actor_search": measure(get(lambda: "/api/actors?q=" + variant(rng.choice(asked["names"]).split()[-1])),
                                    runs=args.runs),
        }
        with Store(db, read_only=True) as store:
            sizes = {t: store.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                     for t in ("documents", "events", "story_events", "actors", "actor_mentions")}
    json.dump({"pages": args.pages, "store": sizes, "generate_seconds": round(built, 1), "latency": results},
              sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
