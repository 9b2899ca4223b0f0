"""Readers: every input form, and every kind of bad input gets one clear error naming it."""

from __future__ import annotations

import json

from storyline.errors import InputError
from storyline.ingest import discover_pages
from storyline.ingest.decode import decode_bytes
from storyline.ingest.readers import warc_doc_id
from storyline.model import Page
from tests.helpers import ARTICLE, HTML_ARTICLE, write_warc


def pages_and_errors(*paths):
    items = list(discover_pages(paths))
    return [i for i in items if isinstance(i, Page)], [i for i in items if isinstance(i, InputError)]


def test_text_file_content_is_kept_unchanged(tmp_path):
    raw = "Headline\r\n\r\nFirst line with “quotes” and trailing space \n"
    (tmp_path / "a-page.txt").write_bytes(raw.encode("utf-8"))
    pages, errors = pages_and_errors(tmp_path / "a-page.txt")
    assert not errors
    assert pages[0].doc_id == "a-page" and pages[0].fmt == "text"
    assert pages[0].content == raw


def test_legacy_encoding_is_detected(tmp_path):
    text = "Le ministre français a déclaré à Genève que les négociations étaient terminées. " * 5
    (tmp_path / "fr.txt").write_bytes(text.encode("cp1252"))
    pages, _ = pages_and_errors(tmp_path / "fr.txt")
    assert pages[0].content == text


def test_mojibake_is_repaired():
    decoded = decode_bytes("The minister’s visit".encode("utf-8").decode("latin-1").encode("utf-8"), source="x")
    assert decoded.text == "The minister’s visit"
    assert decoded.repaired


def test_clean_text_is_not_touched():
    text = "Plain text -- with 'quotes' and \"double\" ones, ½ and naïve café.\n"
    decoded = decode_bytes(text.encode("utf-8"), source="x")
    assert decoded.text == text and not decoded.repaired


def test_jsonl_pages_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "j1", "url": "https://news.example/a", "published": "2013-02-11", "text": ARTICLE}),
        "{not json",
        json.dumps({"id": "j2", "url": "https://news.example/b"}),
        "",
        json.dumps({"id": "j3", "html": HTML_ARTICLE}),
        json.dumps(["a list"]),
        json.dumps({"id": "j4", "text": "x", "url": 5}),
        json.dumps({"id": "j5", "text": "x", "published": "2012-13-45"}),
        json.dumps({"id": "j6", "text": "x", "published": "28 March 2012"}),
        json.dumps({"id": "j7", "text": "x", "published": "2012-03-28T10:00:00Z"}),
    ]
    path = tmp_path / "pages.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages, errors = pages_and_errors(path)
    assert [(p.doc_id, p.fmt) for p in pages] == [("j1", "text"), ("j3", "html"), ("j7", "text")]
    assert pages[0].published == "2013-02-11" and pages[0].url == "https://news.example/a"
    assert [(e.line, e.message[:4]) for e in errors] == [(2, "E105"), (3, "E106"), (6, "E105"), (7, "E110"),
                                                        (8, "E112"), (9, "E112")]
    assert "'2012-13-45'" in str(errors[4]) and "'published'" in str(errors[4])
    assert all(str(e).startswith(f"{path}:") for e in errors)


def test_warc_records_become_pages(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://www.herald.example/world/chile-peru", HTML_ARTICLE),
                                                   ("https://www.herald.example/world/other", HTML_ARTICLE + " ")])
    pages, errors = pages_and_errors(path)
    assert not errors
    assert [p.url for p in pages] == ["https://www.herald.example/world/chile-peru", "https://www.herald.example/world/other"]
    assert pages[0].doc_id == warc_doc_id(pages[0].url) and pages[0].doc_id.startswith("herald-example-chile-peru-")
    assert pages[0].fmt == "html" and "anchovy" in pages[0].content


def test_truncated_warc_keeps_earlier_records(tmp_path):
    path = write_warc(tmp_path / "cut.warc", [("https://a.example/1", HTML_ARTICLE), ("https://a.example/2", HTML_ARTICLE * 3)],
                      truncate_last=500)
    pages, errors = pages_and_errors(path)
    assert [p.url for p in pages] == ["https://a.example/1"]
    assert len(errors) == 1 and errors[0].message.startswith("E107") and str(path) in str(errors[0])


def test_truncated_gzip_warc(tmp_path):
    path = write_warc(tmp_path / "cut.warc.gz", [("https://a.example/1", HTML_ARTICLE), ("https://a.example/2", HTML_ARTICLE * 3)],
                      truncate_last=300)
    pages, errors = pages_and_errors(path)
    assert [p.url for p in pages] == ["https://a.example/1"]
    assert len(errors) == 1 and errors[0].message.startswith("E107")


def test_missing_binary_empty_and_unsupported_inputs(tmp_path):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    pages, errors = pages_and_errors(tmp_path / "missing.txt", tmp_path / "blob.txt", tmp_path / "empty.txt",
                                     tmp_path / "notes.docx")
    assert not pages
    assert [e.message[:4] for e in errors] == ["E101", "E103", "E104", "E102"]
    assert [e.source for e in errors] == [str(tmp_path / n) for n in ("missing.txt", "blob.txt", "empty.txt", "notes.docx")]


def test_directory_of_junk_is_an_error(tmp_path):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "image.png").write_bytes(b"\x89PNG\r\n")
    (junk / "data.bin").write_bytes(b"\x00\x01")
    pages, errors = pages_and_errors(junk)
    assert not pages and len(errors) == 1 and errors[0].message.startswith("E111")


def test_directory_walk_skips_other_files(tmp_path):
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text(HTML_ARTICLE, encoding="utf-8")
    (tmp_path / "README.md").write_text("not a page", encoding="utf-8")
    pages, errors = pages_and_errors(tmp_path)
    assert not errors
    assert [p.doc_id for p in pages] == ["b", "a"]
