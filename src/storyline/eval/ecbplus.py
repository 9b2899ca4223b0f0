"""Score page-story clustering against ECB+ sub-topics (B-cubed, micro over documents).

ECB+ groups news articles in topics; each topic holds two sub-topics, the ``ecb`` documents and the
``ecbplus`` documents, which report two different real events of the same kind (two rehab stays, two
earthquakes). Each document's text is rebuilt from its XML tokens (one space between tokens except
before closing punctuation, one line per sentence; the URL line that opens ``ecbplus`` documents is
dropped, since only one sub-topic has it). All documents of a topic are ingested into a temporary store
as JSONL text pages (no publication date: ECB+ gives none), read with
:func:`storyline.pipeline.read_pending`, and clustered with :func:`storyline.link.link_pages`, the same
call and settings used for news pages. The clusters are scored against the two sub-topics with B-cubed
precision, recall and F1, summed over the documents of every topic (micro average).

``python -m storyline.eval.ecbplus PATH [--topics 1,2,3] [--mixed] [--keep DIR] [--set KEY=VALUE ...]
[--baseline T]`` prints
the figures (PATH: the ECB+ folder holding ``docs/``); ``--mixed`` puts every chosen topic in one store,
as a news stream would, and scores the clusters against (topic, sub-topic). ``--keep DIR`` keeps each topic's store in
``DIR/<topic>/`` and reuses it on the next run when it holds the topic's documents (no reading: seconds
instead of minutes; delete DIR after changing how pages are read); ``--set`` clusters with other
:class:`~storyline.link.pagestories.StoryOptions` (``--set unknown_date_factor=0.5``), to measure what a
setting does here and, with ``storyline.eval.pagestories --set``, on news pages. A reused store, or one
clustered with ``--set``, is clustered afresh (:func:`storyline.link.recluster`) rather than read from the
store. ``--baseline THRESHOLD`` scores a plain TF-IDF + average-link baseline instead (:func:`tfidf_baseline`),
to compare the page-story clustering with across thresholds. Without ``--mixed`` the figures of the odd
topics (``bcubed_f1_tune``) and the even ones (``bcubed_f1_check``) are printed beside the whole.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.link.features import PageFeatures
    from storyline.link.pagestories import StoryOptions
    from storyline.store import Store

log = logging.getLogger(__name__)

_NAME_RE = re.compile(r"^(?P<topic>\d+)_(?P<number>\d+)(?P<kind>ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``"})


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbDocument:
    """One ECB+ document: its id (``<topic>_<n><kind>``), topic, sub-topic and rebuilt text."""

    doc_id: str
    topic: int
    subtopic: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BCubed:
    """B-cubed sums over documents (precision and recall are means over ``documents``)."""

    documents: int
    precision_sum: float
    recall_sum: float

    @property
    def precision(self) -> float:
        return self.precision_sum / self.documents if self.documents else 0.0

    @property
    def recall(self) -> float:
        return self.recall_sum / self.documents if self.documents else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: BCubed) -> BCubed:
        return BCubed(documents=self.documents + other.documents, precision_sum=self.precision_sum + other.precision_sum,
                      recall_sum=self.recall_sum + other.recall_sum)


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicResult:
    topic: int | str
    documents: int
    stories: int
    score: BCubed
    seconds: float


@dataclass(frozen=True, slots=True, kw_only=True)
class EcbReport:
    topics: tuple[TopicResult, ...]
    seconds: float

    @property
    def score(self) -> BCubed:
        total = BCubed(documents=0, precision_sum=0.0, recall_sum=0.0)
        for result in self.topics:
            total = total + result.score
        return total

    def as_dict(self) -> dict[str, object]:
        s = self.score
        return {"topics": len(self.topics), "documents": s.documents,
                "stories": sum(t.stories for t in self.topics),
                "bcubed_precision": round(s.precision, 4), "bcubed_recall": round(s.recall, 4),
                "bcubed_f1": round(s.f1, 4), "seconds": round(self.seconds, 1)}


def detokenize(tokens: Iterable[str]) -> str:
    """Tokens joined with single spaces, none before closing or after opening punctuation."""
    out: list[str] = []
    glue = True
    for token in tokens:
        if out and not glue and token not in _NO_SPACE_BEFORE:
            out.append(" ")
        out.append(token)
        glue = token in _NO_SPACE_AFTER
    return "".join(out)


def parse_document(path: Path) -> EcbDocument:
    """Rebuild one ECB+ XML document's text from its tokens."""
    match = _NAME_RE.match(path.name)
    if not match:
        raise ValueError(f"not an ECB+ document name: {path.name}")
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    kind = match["kind"]
    numbers = sorted(n for n in sentences if not (kind == "ecbplus" and n == 0))
    text = "\n".join(detokenize(sentences[n]) for n in numbers)
    return EcbDocument(doc_id=path.stem, topic=int(match["topic"]), subtopic=kind, text=text)


def load_topics(root: Path, *, topics: Iterable[int] | None = None) -> dict[int, list[EcbDocument]]:
    """ECB+ documents by topic (``root`` is the folder holding ``docs/`` or ``docs/`` itself)."""
    docs_dir = root / "docs" if (root / "docs").is_dir() else root
    wanted = set(topics) if topics is not None else None
    found: dict[int, list[EcbDocument]] = defaultdict(list)
    for path in sorted(docs_dir.glob("*/*.xml")):
        match = _NAME_RE.match(path.name)
        if match and (wanted is None or int(match["topic"]) in wanted):
            found[int(match["topic"])].append(parse_document(path))
    return dict(sorted(found.items()))


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> BCubed:
    """B-cubed sums of a clustering (item → cluster) against gold classes (item → class)."""
    by_cluster: dict[str, set[str]] = defaultdict(set)
    by_class: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        by_cluster[cluster].add(item)
    for item, label in gold.items():
        by_class[label].add(item)
    precision = recall = 0.0
    for item in gold:
        cluster = by_cluster.get(predicted.get(item, f"\0{item}"), {item})
        same = cluster & by_class[gold[item]]
        precision += len(same) / len(cluster)
        recall += len(same) / len(by_class[gold[item]])
    return BCubed(documents=len(gold), precision_sum=precision, recall_sum=recall)


def cluster_topic(
    documents: list[EcbDocument], *, workdir: Path, n_process: int = 1, options: StoryOptions | None = None,
    baseline: float | None = None,
) -> dict[str, str]:
    """Ingest, read and link one topic's documents in the store in ``workdir``: doc_id → story id.

    A store there that already holds exactly these documents, all read, is reused as it is (nothing
    ingested or read). A store that was there before, or ``options``, make the pages clustered afresh
    (:func:`storyline.link.recluster`) instead of taking the stored stories; ``baseline`` (a threshold)
    clusters them with :func:`tfidf_baseline` instead.
    """
    from storyline.link import link_pages, page_story_ids, recluster
    from storyline.pipeline import ingest
    from storyline.store import Store
    from storyline.store.links import latest_versions

    path = workdir / "topic.duckdb"
    reused = path.exists()
    with Store(path) as store:
        if reused and set(latest_versions(store)) == {d.doc_id for d in documents} and _all_read(store):
            log.info("reusing %s", path)
            return _baseline(store, baseline) if baseline is not None else recluster(store, options=options)
        feed = workdir / "pages.jsonl"
        feed.write_text("\n".join(json.dumps({"id": d.doc_id, "text": d.text}) for d in documents) + "\n",
                        encoding="utf-8")
        ingest([feed], store=store)
        read_store(store, n_process=n_process)
        link_pages(store)
        if baseline is not None:
            return _baseline(store, baseline)
        return page_story_ids(store) if options is None and not reused else recluster(store, options=options)


def tfidf_baseline(features: Iterable[PageFeatures], threshold: float) -> dict[str, str]:
    """The plain baseline: each page's words as a TF-IDF vector (sublinear counts times smoothed IDF
    ``ln((1 + n) / (1 + df)) + 1`` over the pages given), every pair compared by cosine, average-linkage
    agglomeration while the mean reaches ``threshold``; no dates, specifics, topics or cannot-links.
    Page → cluster id (its first page's id)."""
    from storyline.link.features import cosine, idf_table, weighted
    from storyline.link.pagestories import agglomerate

    features = list(features)
    idf, n = idf_table(f.terms for f in features)
    vectors = {f.doc_id: weighted(f.terms, idf, default_idf=math.log(1 + n) + 1) for f in features}
    items = sorted(vectors)
    groups = agglomerate(items, lambda _d: items, lambda a, b: cosine(vectors[a], vectors[b]), threshold)
    return {d: g[0] for g in groups for d in g}


def _baseline(store: Store, threshold: float) -> dict[str, str]:
    from storyline.link.features import load_features

    return tfidf_baseline(load_features(store), threshold)


def _all_read(store: Store) -> bool:
    from storyline.nlp.pipeline import pipeline_name
    from storyline.store.readings import pending_documents

    return not pending_documents(store, pipeline=pipeline_name())


def read_store(store: Store, *, n_process: int = 1) -> int:
    """``read_pending``; if a page makes the batch fail, read page by page and skip the failing ones.

    A page that cannot be read is still clustered (by its words alone). Returns the pages skipped.
    """
    from storyline.nlp.pipeline import pipeline_name
    from storyline.pipeline import read_pending
    from storyline.read import read_page
    from storyline.store.readings import pending_documents, rebuild_actors, save_reading

    try:
        read_pending(store, n_process=n_process)
        return 0
    except ValueError as e:
        log.warning("reading in a batch failed (%s); reading page by page", e)
    name, skipped = pipeline_name(), 0
    for doc_id, version in pending_documents(store, pipeline=name):
        try:
            save_reading(store, read_page(store.get_document(doc_id, version=version)), pipeline=name)
        except ValueError as e:
            log.warning("cannot read %s: %s", doc_id, e)
            skipped += 1
    rebuild_actors(store)
    return skipped


def evaluate(
    root: Path, *, topics: Iterable[int] | None = None, n_process: int = 1, keep: Path | None = None,
    options: StoryOptions | None = None, baseline: float | None = None,
) -> EcbReport:
    """Cluster every chosen topic in its own store and score it against its two sub-topics.

    Stores are temporary unless ``keep`` names a folder (one sub-folder per topic, reused next time);
    ``options`` replace the default clustering settings; ``baseline`` (a threshold) scores
    :func:`tfidf_baseline` instead.
    """
    started = time.perf_counter()
    results = []
    for topic, documents in load_topics(root, topics=topics).items():
        t0 = time.perf_counter()
        if keep is not None:
            workdir = keep / str(topic)
            workdir.mkdir(parents=True, exist_ok=True)
            predicted = cluster_topic(documents, workdir=workdir, n_process=n_process, options=options,
                                      baseline=baseline)
        else:
            with tempfile.TemporaryDirectory(prefix=f"ecbplus-{topic}-") as tmp:
                predicted = cluster_topic(documents, workdir=Path(tmp), n_process=n_process, options=options,
                                          baseline=baseline)
        gold = {d.doc_id: d.subtopic for d in documents}
        score = bcubed(predicted, gold)
        results.append(TopicResult(topic=topic, documents=len(documents), stories=len(set(predicted.values())),
                                   score=score, seconds=time.perf_counter() - t0))
        log.info("topic %d: %d docs, %d stories, B3 F1 %.3f", topic, len(documents), results[-1].stories, score.f1)
    return EcbReport(topics=tuple(results), seconds=time.perf_counter() - started)


def evaluate_mixed(
    root: Path, *, topics: Iterable[int] | None = None, n_process: int = 1, keep: Path | None = None,
    options: StoryOptions | None = None, baseline: float | None = None,
) -> EcbReport:
    """Cluster the documents of every chosen topic in one store, as pages of a real news stream
    arrive, and score them against their (topic, sub-topic) labels: a story that mixes topics loses
    precision. Reported as one result for every document (``topic`` "all") and one for each half of
    :data:`HALVES` (the clusters restricted to that half's documents)."""
    started = time.perf_counter()
    documents = [d for docs in load_topics(root, topics=topics).values() for d in docs]
    if keep is not None:
        workdir = keep / "mixed"
        workdir.mkdir(parents=True, exist_ok=True)
        predicted = cluster_topic(documents, workdir=workdir, n_process=n_process, options=options,
                                  baseline=baseline)
    else:
        with tempfile.TemporaryDirectory(prefix="ecbplus-mixed-") as tmp:
            predicted = cluster_topic(documents, workdir=Path(tmp), n_process=n_process, options=options,
                                      baseline=baseline)
    gold = {d.doc_id: f"{d.topic}/{d.subtopic}" for d in documents}
    seconds = time.perf_counter() - started
    results = []
    for half, wanted in (("all", None), *HALVES.items()):
        ids = [d.doc_id for d in documents if wanted is None or wanted(d.topic)]
        if not ids or (half != "all" and len(ids) == len(documents)):
            continue
        chosen = {k: predicted[k] for k in ids}
        results.append(TopicResult(topic=half, documents=len(ids), stories=len(set(chosen.values())),
                                   score=bcubed(chosen, {k: gold[k] for k in ids}), seconds=seconds))
    return EcbReport(topics=tuple(results), seconds=seconds)


HALVES = {"tune": lambda topic: topic % 2 == 1, "check": lambda topic: topic % 2 == 0}
"""The fixed split of the available ECB+ topics: settings are chosen on the odd topics (``tune``) and
reported on the even ones (``check``) beside them."""


def main(argv: list[str] | None = None) -> int:
    from storyline.link.pagestories import options_with

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the ECB+ folder (holding docs/)")
    parser.add_argument("--topics", help="comma-separated topic numbers (default: all found)")
    parser.add_argument("--n-process", type=int, default=1, help="spaCy processes for reading")
    parser.add_argument("--per-topic", action="store_true", help="also print one line per topic")
    parser.add_argument("--mixed", action="store_true",
                        help="all chosen topics in one store (a mixed stream), scored on (topic, sub-topic)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep each topic's store in DIR/<topic>/ and reuse it next time (no reading)")
    parser.add_argument("--baseline", type=float, metavar="THRESHOLD",
                        help="score the plain TF-IDF + average-link baseline at THRESHOLD instead")
    parser.add_argument("--set", dest="settings", action="append", default=[], metavar="KEY=VALUE",
                        help="a page-story clustering setting (StoryOptions field), repeatable")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        topics = [int(t) for t in args.topics.split(",")] if args.topics else None
    except ValueError:
        parser.error(f"--topics {args.topics!r}: give topic numbers separated by commas")
    try:
        options = options_with(args.settings) if args.settings else None
    except ValueError as e:
        parser.error(f"--set {e}")
    if not args.path.is_dir():
        parser.error(f"{args.path}: no such folder (give the ECB+ folder holding docs/)")
    run = evaluate_mixed if args.mixed else evaluate
    if args.baseline is not None and args.baseline < 0:
        parser.error(f"--baseline {args.baseline}: the threshold cannot be negative")
    report = run(args.path, topics=topics, n_process=args.n_process, keep=args.keep, options=options,
                 baseline=args.baseline)
    if args.mixed:
        for t in report.topics:
            sys.stdout.write(json.dumps({"half": t.topic, "documents": t.documents, "stories": t.stories,
                                         "bcubed_precision": round(t.score.precision, 4),
                                         "bcubed_recall": round(t.score.recall, 4),
                                         "bcubed_f1": round(t.score.f1, 4)}) + "\n")
        return 0
    if args.per_topic:
        for t in report.topics:
            sys.stdout.write(json.dumps({"topic": t.topic, "documents": t.documents, "stories": t.stories,
                                         "bcubed_f1": round(t.score.f1, 4), "seconds": round(t.seconds, 1)}) + "\n")
    figures = report.as_dict()
    for half, wanted in HALVES.items():
        chosen = [t.score for t in report.topics if isinstance(t.topic, int) and wanted(t.topic)]
        if chosen and len(chosen) < len(report.topics):
            figures[f"bcubed_f1_{half}"] = round(sum(chosen[1:], chosen[0]).f1, 4)
    sys.stdout.write(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
