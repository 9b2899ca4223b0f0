"""Ingest benchmark: pages per second and peak memory for ingest + segment + store.

    python -m storyline.bench.ingest [--shared ../shared] [--text-pages 2000] [--html-pages 500] [--workers 1]

Text pages are the sample pages and development pages of ``../shared`` (or the bundled demo corpus
when ``../shared`` is absent), HTML pages the 181 pages of the article-extraction benchmark; each
is repeated with a unique marker line so that no copy is skipped as unchanged. Every scenario runs
in a fresh process so that its peak memory (max RSS, including worker processes) is its own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storyline.bench import positive_int
from storyline.demo import corpus_dir


def _text_sources(shared: Path) -> list[str]:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    dev = shared / "gold" / "dev" / "pages.jsonl"
    if dev.is_file():
        texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts or [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.txt"))]


def _html_sources(shared: Path) -> list[str]:
    folder = shared / "data" / "article-extraction-benchmark" / "html"
    pages = []
    for path in sorted(folder.glob("*.html.gz")):
        pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    return pages or [p.read_text(encoding="utf-8") for p in sorted(corpus_dir().glob("*.html"))]


def _write_pages(folder: Path, sources: list[str], *, count: int, suffix: str) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total_bytes = 0
    for i in range(count):
        text = sources[i % len(sources)]
        marker = f"\n<!-- copy {i} -->\n" if suffix == ".html" else f"\ncopy {i}\n"
        data = (text + marker).encode("utf-8")
        (folder / f"page{i:06d}{suffix}").write_bytes(data)
        total_bytes += len(data)
    return total_bytes


def run_scenario(folder: Path, *, workers: int) -> dict:
    """Ingest ``folder`` into a fresh database in this process and measure it."""
    from storyline.pipeline import ingest
    from storyline.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        start = time.perf_counter()
        report = ingest([folder], store=store, workers=workers)
        seconds = time.perf_counter() - start
    pages = len(report.added)
    peak_kb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"pages": pages, "failed": len(report.errors), "seconds": round(seconds, 2),
            "pages_per_second": round(pages / seconds, 1), "peak_rss_mb": round(peak_kb / 1024, 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--text-pages", type=positive_int, default=2000)
    parser.add_argument("--html-pages", type=positive_int, default=500)
    parser.add_argument("--workers", type=positive_int, default=1)
    parser.add_argument("--scenario", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scenario:
        print(json.dumps(run_scenario(args.scenario, workers=args.workers)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        plans = [("text", _text_sources(args.shared), args.text_pages, ".txt"),
                 ("html", _html_sources(args.shared), args.html_pages, ".html")]
        for name, sources, count, suffix in plans:
            folder = Path(tmp) / name
            size = _write_pages(folder, sources, count=count, suffix=suffix)
            cmd = [sys.executable, "-m", "storyline.bench.ingest", "--scenario", str(folder), "--workers", str(args.workers)]
            result = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
            result.update(kind=name, workers=args.workers, input_mb=round(size / 1e6, 1))
            print(json.dumps(result))


if __name__ == "__main__":
    main()
