"""Benchmark the comments stage: comments analysed per second, and linking reposts across pages.

    python -m storyline.bench.comments [--shared ../shared] [--comments 6000] [--per-page 40]

Comments are the Fox News comments of ``../shared/data/fox-news-comments`` (or, without ``../shared``,
sentences of our own making), cycled to ``--comments`` and spread over pages of ``--per-page``
comments, every page carrying the same twelve actors (people, organisations, states). A page holds
each text once; as the texts cycle, later pages repeat earlier ones, so reposts across pages are
found and linked. Timed (wall clock, and the process's CPU time for the analysis, which other jobs on
the machine do not inflate): analysing every page (language, spam, toxicity, constructiveness, targets,
stance, events, MinHash), storing the analyses, and linking reposts over the whole store. Prints one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from storyline.bench import positive_int
from storyline.comments.records import PageActor, PageEvent
from storyline.comments.stage import analyse_page, link_reposts
from storyline.model import Document, GivenComment, Segment, Segmentation
from storyline.segment.given import with_given_comments
from storyline.store import Store
from storyline.store.comments import PendingPage, replace_page_analyses

log = logging.getLogger(__name__)

OWN_SENTENCES = (
    "Minister Wafula did well, but General Okumu is a liar and a coward.",
    "The meeting in Nairobi changed nothing; the Kenyans and the Ugandans both know it.",
    "Earn $400 a week from home, click here www.quickcash.biz",
    "Le ministre n'a rien fait pour les familles, c'est une honte.",
    "The army chief should resign because the border attack happened on his watch.",
    "Good to see both governments talking instead of shouting.",
)
ACTORS = [
    PageActor(local_entity=f"e{i}", actor_id=actor_id, name=name, kind=kind, country=country, surname=surname,
              aliases=(name,), role_words=roles)
    for i, (actor_id, name, kind, country, surname, roles) in enumerate([
        ("person:joseph-wafula:KEN", "Joseph Wafula", "person", "KEN", "Wafula", ("defence", "minister")),
        ("person:moses-okumu:UGA", "Moses Okumu", "person", "UGA", "Okumu", ("army", "chief", "general")),
        ("person:barack-obama:USA", "Barack Obama", "person", "USA", "Obama", ("president",)),
        ("person:angela-merkel:DEU", "Angela Merkel", "person", "DEU", "Merkel", ("chancellor",)),
        ("person:hillary-clinton:USA", "Hillary Clinton", "person", "USA", "Clinton", ("secretary", "state")),
        ("person:donald-trump:USA", "Donald Trump", "person", "USA", "Trump", ("candidate",)),
        ("organisation:NATO", "North Atlantic Treaty Organization", "organisation", "NATO", None, ()),
        ("organisation:ICE", "Immigration and Customs Enforcement", "organisation", "USA", None, ()),
        ("state:USA", "United States", "state", "USA", None, ()),
        ("state:DEU", "Germany", "state", "DEU", None, ()),
        ("state:KEN", "Kenya", "state", "KEN", None, ()),
        ("state:UGA", "Uganda", "state", "UGA", None, ()),
    ])
]
EVENTS = [
    PageEvent(event_id="ev-meet", story_id="story-meet", type="CONSULT", trigger="met", evidence="met in Nairobi",
              factual=True),
    PageEvent(event_id="ev-attack", story_id="story-attack", type="ASSAULT", trigger="attacked",
              evidence="attacked the border post", factual=True),
]


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentsBench:
    comments: int
    pages: int
    analyse_seconds: float
    comments_per_second: float
    analyse_cpu_seconds: float
    comments_per_cpu_second: float
    store_seconds: float
    repost_seconds: float
    reposts: int
    peak_rss_mib: float


def sample_texts(shared: Path) -> list[str]:
    path = shared / "data" / "fox-news-comments" / "fox-news-comments.json"
    if not path.is_file():
        log.info("%s not found: benchmarking sentences of our own", path)
        return list(OWN_SENTENCES)
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["text"].strip() for line in handle if line.strip()]
    return [t for t in dict.fromkeys(texts) if t]


def bench(shared: Path, *, n_comments: int = 6000, per_page: int = 40) -> CommentsBench:
    texts = sample_texts(shared)
    pages = [[texts[(p * per_page + k) % len(texts)] for k in range(per_page) if p * per_page + k < n_comments]
             for p in range((n_comments + per_page - 1) // per_page)]
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "bench.duckdb") as store:
        documents = []
        for n, page in enumerate(pages):
            given = [GivenComment(comment_id=f"c{k}", parent_id=None, author=f"reader{k % 7}", posted_at=None, text=t)
                     for k, t in enumerate(dict.fromkeys(page))]
            seg = Segmentation(text="Article.", title=None, published=None, published_source="unknown",
                               segments=(Segment(role="body", start=0, end=8),))
            seg = with_given_comments(seg, given)
            doc = Document(doc_id=f"page-{n:05d}", version=1, source="bench", fmt="text", url=None, outlet=None,
                           title=None, published=None, published_source="unknown", ingested_at="2020-01-01T00:00:00",
                           text=seg.text, content_hash=str(n), segments=seg.segments, comments=seg.comments)
            store.add_document(doc)
            documents.append(doc)
        began, cpu_began = time.perf_counter(), time.process_time()
        analysed = [analyse_page(d.doc_id, 1, d.comments, actors=ACTORS, events=EVENTS) for d in documents]
        analyse_seconds = time.perf_counter() - began
        analyse_cpu_seconds = time.process_time() - cpu_began
        count = sum(len(a) for a in analysed)
        began = time.perf_counter()
        for doc, analyses in zip(documents, analysed, strict=True):
            with store.transaction():
                replace_page_analyses(store, PendingPage(doc_id=doc.doc_id, version=1, read_at="2020-01-01 00:00:00"),
                                      models="bench", analyses=analyses)
        store_seconds = time.perf_counter() - began
        began = time.perf_counter()
        reposts = link_reposts(store)
        repost_seconds = time.perf_counter() - began
    return CommentsBench(
        comments=count, pages=len(pages), analyse_seconds=round(analyse_seconds, 2),
        comments_per_second=round(count / analyse_seconds, 1) if analyse_seconds else 0.0,
        analyse_cpu_seconds=round(analyse_cpu_seconds, 2),
        comments_per_cpu_second=round(count / analyse_cpu_seconds, 1) if analyse_cpu_seconds else 0.0,
        store_seconds=round(store_seconds, 2), repost_seconds=round(repost_seconds, 2), reposts=reposts,
        peak_rss_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.bench.comments", description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--comments", type=positive_int, default=6000, help="comments to analyse")
    parser.add_argument("--per-page", type=positive_int, default=40, help="comments per page")
    args = parser.parse_args(argv)
    result = bench(args.shared, n_comments=args.comments, per_page=args.per_page)
    sys.stdout.write(json.dumps(asdict(result)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
