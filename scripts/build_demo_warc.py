"""Build the demo corpus's WARC file from the HTML pages in ``scripts/demo_warc_src/``.

Each ``*.html`` source becomes one HTTP ``response`` record (status 200, ``text/html;
charset=utf-8``) whose ``WARC-Target-URI`` is the page's ``<link rel="canonical">``. Record
ids, dates and the gzip headers are fixed, so rebuilding from unchanged sources gives the same
bytes. The pages live outside the corpus directory so the corpus holds them only once.

    python scripts/build_demo_warc.py            # write src/storyline/demo/corpus/05-06_crawl.warc.gz
    python scripts/build_demo_warc.py --check    # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import io
import logging
import re
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SRC_DIR = REPO / "scripts" / "demo_warc_src"
OUT_FILE = REPO / "src" / "storyline" / "demo" / "corpus" / "05-06_crawl.warc.gz"

# The crawl is pretended to have happened at this moment; record n is dated n minutes later.
CRAWL_START = datetime(2014, 1, 15, 9, 30, tzinfo=timezone.utc)
# Namespace for the record ids (uuid5 of the target URI): stable across rebuilds.
RECORD_ID_NAMESPACE = uuid.UUID("6f1d1c2e-5a3b-4f0e-9c7d-2b8e4a1f0c93")
CANONICAL_RE = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class SourcePage:
    """One HTML source page and where the pretend crawl found it."""

    path: Path
    url: str
    html: bytes


def load_sources(src_dir: Path) -> list[SourcePage]:
    """Read every ``*.html`` file in ``src_dir`` (in name order) with its canonical URL."""
    pages = []
    for path in sorted(src_dir.glob("*.html")):
        html = path.read_bytes()
        match = CANONICAL_RE.search(html.decode("utf-8"))
        if match is None:
            raise ValueError(f"{path}: no <link rel=\"canonical\" href=...> to use as the target URI")
        pages.append(SourcePage(path=path, url=match.group(1), html=html))
    if not pages:
        raise ValueError(f"{src_dir}: no .html source pages")
    return pages


def _http_headers(*, html: bytes, fetched: datetime) -> StatusAndHeaders:
    headers = [
        ("Date", fetched.strftime("%a, %d %b %Y %H:%M:%S GMT")),
        ("Server", "nginx"),
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(html))),
        ("Connection", "close"),
    ]
    return StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")


def _write_record(writer: WARCWriter, page: SourcePage, *, fetched: datetime) -> None:
    record_id = uuid.uuid5(RECORD_ID_NAMESPACE, page.url)
    warc_headers = {
        "WARC-Record-ID": f"<urn:uuid:{record_id}>",
        "WARC-Date": fetched.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    record = writer.create_warc_record(
        page.url,
        "response",
        payload=io.BytesIO(page.html),
        http_headers=_http_headers(html=page.html, fetched=fetched),
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def build_warc_bytes(src_dir: Path = SRC_DIR) -> bytes:
    """The gzipped WARC built from ``src_dir``: one response record per HTML page."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n, page in enumerate(load_sources(src_dir)):
        _write_record(writer, page, fetched=CRAWL_START + timedelta(minutes=n))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=SRC_DIR, help="folder of *.html source pages")
    parser.add_argument("--out", type=Path, default=OUT_FILE, help="WARC file to write")
    parser.add_argument("--check", action="store_true", help="only compare with the existing file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = build_warc_bytes(args.src)
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else b""
        if current != data:
            logger.error("%s is out of date: run scripts/build_demo_warc.py", args.out)
            return 1
        logger.info("%s is up to date (%d bytes)", args.out, len(data))
        return 0
    args.out.write_bytes(data)
    logger.info("wrote %s (%d bytes)", args.out, len(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
