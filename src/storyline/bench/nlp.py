"""NLP benchmark: pages and words per second, and peak memory, for parsing article text.

    python -m storyline.bench.nlp [--shared ../shared] [--pages 300] [--n-process 1 2] [--batch-size 8]
                                  [--pipeline NAME] [--disable lemmatizer,...]

Pages of about 700 words of article text are built from the article paragraphs of the sample and
development pages of ``../shared`` (segmented with :func:`storyline.segment.segment_page`; the
bundled demo corpus when ``../shared`` is absent): a headline and body paragraphs taken in turn, so
that no two pages are the same. Each ``--n-process`` value runs in a fresh process, so that its peak
memory (max RSS of the main process and of its largest worker) is its own. Model loading is timed
apart from parsing. Besides wall-clock rates, ``pages_per_cpu_second`` (CPU time of the process and its
workers) shows the cost per page even on a machine shared with other work. One JSON line per scenario.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import subprocess
import sys
import time
from pathlib import Path

from storyline.bench import positive_int
from storyline.model import ARTICLE_ROLES, Document, Page, Segment, content_hash
from storyline.nlp.pipeline import DEFAULT_BATCH_SIZE

logger = logging.getLogger(__name__)

MIN_PARAGRAPH_WORDS = 12


def _raw_pages(shared: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    dev = shared / "gold" / "dev" / "pages.jsonl"
    if dev.is_file():
        texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not texts:
        from storyline.demo import corpus_dir

        texts = [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.txt"))]
    return texts


def _article_paragraphs(number: int, raw: str) -> list[str]:
    """Article lines of one page by the segmenter; its long prose lines if the segmenter fails."""
    try:
        from storyline.segment import segment_page

        found = segment_page(Page(doc_id=f"raw{number}", source="bench", fmt="text", content=raw))
        lines = [found.text[s.start : s.end] for s in found.segments if s.role in ARTICLE_ROLES]
        lines = [part for line in lines for part in line.splitlines()]
    except Exception as e:  # the segmenter is another stage: fall back to prose lines, say so
        logger.warning("segmenter failed on raw page %d (%s); using its prose lines", number, e)
        lines = raw.splitlines()
    return [line.strip() for line in lines if len(line.split()) >= MIN_PARAGRAPH_WORDS]


def paragraphs(shared: Path) -> list[str]:
    """Body-like paragraphs of the raw pages, in page order."""
    return [p for number, raw in enumerate(_raw_pages(shared)) for p in _article_paragraphs(number, raw)]


def build_documents(pool: list[str], *, pages: int, words: int = 700) -> list[Document]:
    """``pages`` documents of a headline and about ``words`` words of body paragraphs from ``pool``."""
    documents = []
    for i in range(pages):
        lines = [" ".join(pool[(i * 7) % len(pool)].split()[:10])]
        k = i * 3
        while sum(len(line.split()) for line in lines) < words:
            lines.append(pool[k % len(pool)])
            k += 1
        documents.append(_document(f"bench{i:05d}", lines))
    return documents


def _document(doc_id: str, lines: list[str]) -> Document:
    text, segments = "", []
    for n, line in enumerate(lines):
        text += "\n\n" if text else ""
        segments.append(Segment(role="headline" if n == 0 else "body", start=len(text), end=len(text) + len(line)))
        text += line
    return Document(doc_id=doc_id, version=1, source="bench", fmt="text", url=None, outlet=None, title=None,
                    published=None, published_source="unknown", ingested_at="1970-01-01T00:00:00", text=text,
                    content_hash=content_hash(text), segments=tuple(segments))


def run_scenario(shared: Path, *, pages: int, n_process: int, batch_size: int, pipeline: str | None,
                 disable: tuple[str, ...]) -> dict:
    """Build the pages, load the pipeline and parse them in this process; measure."""
    from storyline.nlp import load_pipeline, parse_articles

    documents = build_documents(paragraphs(shared), pages=pages)
    start = time.perf_counter()
    nlp = load_pipeline(pipeline, disable=disable)
    load_seconds = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    words = sum(len(p.doc) - sum(t.is_punct or t.is_space for t in p.doc)
                for p in parse_articles(documents, n_process=n_process, batch_size=batch_size, nlp=nlp))
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    main_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"pipeline": nlp.meta.get("name"), "components": nlp.pipe_names, "n_process": n_process,
            "batch_size": batch_size, "pages": pages, "words": words, "words_per_page": round(words / pages),
            "load_seconds": round(load_seconds, 2), "seconds": round(seconds, 2),
            "pages_per_second": round(pages / seconds, 1), "words_per_second": round(words / seconds),
            "cpu_seconds": round(cpu, 2), "pages_per_cpu_second": round(pages / cpu, 1),
            "peak_rss_mb_main": round(main_kb / 1024, 1), "peak_rss_mb_largest_worker": round(worker_kb / 1024, 1)}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished workers (user + system)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--pages", type=positive_int, default=300)
    parser.add_argument("--n-process", type=positive_int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--pipeline", default=None, help="spaCy pipeline name (default: the Storyline setting)")
    parser.add_argument("--disable", default="", help="comma-separated pipeline components to disable")
    parser.add_argument("--scenario", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    disable = tuple(c for c in args.disable.split(",") if c)
    if args.scenario:
        print(json.dumps(run_scenario(args.shared, pages=args.pages, n_process=args.n_process[0],
                                      batch_size=args.batch_size, pipeline=args.pipeline, disable=disable)))
        return
    for n_process in args.n_process:
        cmd = [sys.executable, "-m", "storyline.bench.nlp", "--scenario", "--shared", str(args.shared),
               "--pages", str(args.pages), "--n-process", str(n_process), "--batch-size", str(args.batch_size),
               "--disable", args.disable] + (["--pipeline", args.pipeline] if args.pipeline else [])
        print(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
