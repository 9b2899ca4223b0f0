"""The bundled demo corpus: its forms and counts, that it parses, and that nothing in it was copied."""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest
from warcio.archiveiterator import ArchiveIterator

from storyline.demo import corpus_dir

REPO = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = REPO / "scripts" / "build_demo_warc.py"
MIN_SHARED_LINE = 60
EXPECTED_FORMS = {".txt": 2, ".html": 2, ".warc.gz": 1, ".jsonl": 1}


def _form(path: Path) -> str:
    return ".warc.gz" if path.name.endswith(".warc.gz") else path.suffix


def _corpus_files() -> list[Path]:
    return sorted(p for p in corpus_dir().iterdir() if p.is_file())


def _file_text(path: Path) -> str:
    data = path.read_bytes()
    return gzip.decompress(data).decode("utf-8") if path.name.endswith(".gz") else data.decode("utf-8")


def _warc_responses(path: Path) -> list[tuple[str, str, str]]:
    """(target URI, content type, payload text) of each response record."""
    out = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                uri = record.rec_headers.get_header("WARC-Target-URI")
                ctype = record.http_headers.get_header("Content-Type")
                out.append((uri, ctype, record.content_stream().read().decode("utf-8")))
    return out


def _jsonl_rows(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pages() -> list[tuple[str, str]]:
    """(name, content) of every page in the corpus, whatever its container."""
    pages = []
    for path in _corpus_files():
        form = _form(path)
        if form == ".warc.gz":
            pages += [(f"{path.name}#{uri}", html) for uri, _, html in _warc_responses(path)]
        elif form == ".jsonl":
            pages += [(f"{path.name}#{row['id']}", row.get("text") or row["html"]) for row in _jsonl_rows(path)]
        else:
            pages.append((path.name, path.read_text(encoding="utf-8")))
    return pages


def _html_pages() -> list[tuple[str, str]]:
    return [(name, content) for name, content in _pages() if content.lstrip().startswith("<!DOCTYPE html>")]


class _Tags(HTMLParser):
    """Collects start tags with their attributes, and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def _long_lines(text: str) -> set[str]:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return {line for line in lines if len(line) >= MIN_SHARED_LINE}


def _shared_texts(shared: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").iterdir()) if p.is_file()]
    for line in (shared / "gold" / "dev" / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            texts.append(row.get("text") or row.get("html") or "")
    return texts


@functools.cache
def _load_build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo_warc", BUILD_SCRIPT)
    if spec is None or spec.loader is None:
        raise ImportError(BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_corpus_dir_is_inside_the_package() -> None:
    directory = corpus_dir()
    assert directory.is_dir()
    assert directory.parent.name == "demo"
    assert directory.parent.parent.name == "storyline"


def test_expected_count_of_files_per_form() -> None:
    counts = Counter(_form(p) for p in _corpus_files())
    assert dict(counts) == EXPECTED_FORMS


def test_corpus_holds_eight_pages_and_stays_small() -> None:
    assert len(_pages()) == 8
    assert sum(p.stat().st_size for p in _corpus_files()) < 200_000


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: p.name)
def test_every_file_decodes_as_utf8(path: Path) -> None:
    assert _file_text(path).strip()


def test_warc_has_two_html_responses() -> None:
    (warc,) = [p for p in _corpus_files() if _form(p) == ".warc.gz"]
    responses = _warc_responses(warc)
    assert len(responses) == 2
    assert len({uri for uri, _, _ in responses}) == 2
    for uri, ctype, html in responses:
        assert re.match(r"https://[a-z0-9.-]+\.example/", uri)
        assert ctype == "text/html; charset=utf-8"
        assert "<article" in html and "</html>" in html


def test_warc_records_have_status_200_and_fixed_ids() -> None:
    (warc,) = [p for p in _corpus_files() if _form(p) == ".warc.gz"]
    with warc.open("rb") as stream:
        records = [r for r in ArchiveIterator(stream) if r.rec_type == "response"]
        statuses = [r.http_headers.get_statuscode() for r in records]
        ids = [r.rec_headers.get_header("WARC-Record-ID") for r in records]
    assert statuses == ["200", "200"]
    assert all(re.fullmatch(r"<urn:uuid:[0-9a-f-]{36}>", i) for i in ids)


def test_warc_rebuild_gives_the_same_bytes() -> None:
    script = _load_build_script()
    (warc,) = [p for p in _corpus_files() if _form(p) == ".warc.gz"]
    assert script.build_warc_bytes() == warc.read_bytes()


def test_warc_sources_are_not_duplicated_in_the_corpus() -> None:
    script = _load_build_script()
    sources = {page.html.decode("utf-8") for page in script.load_sources(script.SRC_DIR)}
    corpus_files = {p.read_text(encoding="utf-8") for p in _corpus_files() if _form(p) == ".html"}
    assert sources.isdisjoint(corpus_files)


def test_jsonl_lines_parse_with_required_keys() -> None:
    (jsonl,) = [p for p in _corpus_files() if _form(p) == ".jsonl"]
    rows = _jsonl_rows(jsonl)
    assert len(rows) == 2
    for row in rows:
        assert {"id", "url", "published"} <= row.keys()
        assert ("text" in row) != ("html" in row)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["published"])
        assert row["url"].startswith("https://") and ".example/" in row["url"]
    assert sum("html" in row for row in rows) == 1
    assert len({row["id"] for row in rows}) == 2


@pytest.mark.parametrize("name,html", _html_pages(), ids=[n for n, _ in _html_pages()])
def test_html_pages_have_head_metadata_and_page_furniture(name: str, html: str) -> None:
    tags = _parse(html).tags
    names = {tag for tag, _ in tags}
    assert {"head", "title", "nav", "article", "aside", "footer"} <= names
    metas = {a.get("property"): a.get("content") for t, a in tags if t == "meta"}
    assert re.match(r"\d{4}-\d{2}-\d{2}T", metas.get("article:published_time") or "")
    canonical = [a.get("href") for t, a in tags if t == "link" and a.get("rel") == "canonical"]
    assert len(canonical) == 1 and ".example/" in (canonical[0] or "")
    assert "cookie" in html.lower()


def test_one_html_page_has_a_nested_comment_section() -> None:
    with_comments = [html for _, html in _html_pages() if '<section id="comments"' in html]
    assert len(with_comments) == 1
    tags = _parse(with_comments[0]).tags
    classes = Counter(a.get("class") for _, a in tags)
    assert classes["comment"] >= 3
    assert classes["comment-list"] == 1 and classes["children"] >= 1
    assert classes["comment-author"] == classes["comment"]
    assert sum(1 for t, a in tags if t == "time" and a.get("datetime")) >= classes["comment"]


def test_text_pages_cover_both_comment_styles_and_a_page_without_comments() -> None:
    texts = [content for _, content in _pages() if not content.lstrip().startswith("<")]
    numbered = [t for t in texts if re.search(r"^  1\. ", t, re.M) and re.search(r"^    • ", t, re.M)]
    timed = [t for t in texts if re.search(r"^Reader Comments \(\d+\)$", t, re.M)]
    assert numbered and timed
    assert any('class="comment' not in html and 'id="comments"' not in html for _, html in _html_pages())


def test_timed_thread_count_matches_and_repeats_one_comment() -> None:
    (text,) = [c for _, c in _pages() if "Reader Comments (" in c]
    thread = text.split("Reader Comments (", 1)[1]
    declared = int(thread.split(")", 1)[0])
    authors = re.findall(r"^ +• .+$", thread, re.M)
    assert declared == len(authors)
    bodies = re.findall(r"^ +[A-Z][a-z]{2} \d{1,2}, \d{4} - \d{1,2}:\d{2}[AP]M\n +(.+)$", thread, re.M)
    assert len(bodies) == declared
    assert max(Counter(bodies).values()) == 2
    assert any(body.startswith("@") for body in bodies)


def test_every_page_has_a_few_hundred_words() -> None:
    for name, content in _pages():
        words = " ".join(_parse(content).text).split() if content.lstrip().startswith("<") else content.split()
        assert len(words) >= 300, name


def test_army_chief_is_spelled_three_ways_across_pages() -> None:
    pages = [content for _, content in _pages()]
    for spelling in ("Kayani", "Kiyani", "Kiani"):
        assert any(re.search(rf"\b{spelling}\b", page) for page in pages), spelling


def test_two_pages_report_one_meeting_with_different_details() -> None:
    pages = [content for _, content in _pages()]
    assert any("on Wednesday" in p and "killed 24 Pakistani soldiers" in p for p in pages)
    assert any("a day after" in p and "at least 24" in p for p in pages)


def test_no_line_is_shared_with_the_reference_pages(shared_dir: Path) -> None:
    shared_lines: set[str] = set()
    for text in _shared_texts(shared_dir):
        shared_lines |= _long_lines(text)
    assert shared_lines, "the reference pages were not read"
    for name, content in _pages():
        assert not (_long_lines(content) & shared_lines), name


def test_no_sixty_character_run_is_shared_with_the_reference_pages(shared_dir: Path) -> None:
    def windows(text: str) -> set[str]:
        flat = " ".join(text.lower().split())
        return {flat[i : i + MIN_SHARED_LINE] for i in range(max(0, len(flat) - MIN_SHARED_LINE + 1))}

    shared: set[str] = set()
    for text in _shared_texts(shared_dir):
        shared |= windows(text)
    for name, content in _pages():
        overlap = windows(content) & shared
        assert not overlap, f"{name}: {sorted(overlap)[:3]}"
