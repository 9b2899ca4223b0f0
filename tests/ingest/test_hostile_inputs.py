"""Hostile inputs: every one is one bounded, printable error naming it, never a traceback or a silent drop."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import Errors, InputError, printable
from storyline.ingest import discover_pages
from storyline.ingest.decode import decode_bytes
from storyline.ingest.discover import expand_paths
from storyline.ingest.readers import iso_day
from storyline.model import Page
from tests.helpers import ARTICLE, HTML_ARTICLE, write_warc


def pages_and_errors(*paths):
    items = list(discover_pages(paths))
    return [i for i in items if isinstance(i, Page)], [i for i in items if isinstance(i, InputError)]


def codes(errors):
    return [e.message[:4] for e in errors]


def warc_without_uri(path, *, then_good: bool = True):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record("https://a.example/x", "response", payload=io.BytesIO(HTML_ARTICLE.encode()),
                                       http_headers=headers)
    record.rec_headers.remove_header("WARC-Target-URI")
    writer.write_record(record)
    if then_good:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://a.example/good", "response",
                                                      payload=io.BytesIO(HTML_ARTICLE.encode()), http_headers=headers))
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("name", ["nouri.warc", "nouri.warc.gz"])
def test_response_record_without_target_uri_is_one_error_and_the_next_record_is_read(tmp_path, name):
    path = warc_without_uri(tmp_path / name)
    pages, errors = pages_and_errors(path)
    assert [p.url for p in pages] == ["https://a.example/good"]
    assert codes(errors) == ["E107"] and "WARC-Target-URI" in str(errors[0]) and f"{path}#1" in str(errors[0])


def test_jsonl_hostile_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        '{"id": "a", "text": "x\\ud800y"}',
        '{"id": "\\ud800", "text": "hello there"}',
        "[" * 5000 + "]" * 5000,
        '{"id": ' + "9" * 5000 + ', "text": "hello"}',
        json.dumps({"id": "g", "text": ARTICLE, "published": "2012-03-28Tgarbage"}),
        json.dumps({"id": "y", "text": ARTICLE, "published": "9999-12-31"}),
        json.dumps({"id": "z", "text": ARTICLE, "published": "0001-01-01T00:00:00"}),
        json.dumps({"id": "ok", "text": ARTICLE, "published": "2012-03-28T10:00:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages, errors = pages_and_errors(path)
    assert [p.doc_id for p in pages] == ["ok"]
    assert [(e.line, e.message[:4]) for e in errors] == [(1, "E114"), (2, "E114"), (3, "E105"), (4, "E105"),
                                                        (5, "E112"), (6, "E115"), (7, "E115")]
    assert "'text'" in errors[0].message and "'id'" in errors[1].message
    assert all(len(str(e)) < 600 for e in errors)


def test_iso_day_takes_whole_iso_values_in_range_only():
    assert iso_day("2012-03-28") == "2012-03-28" and iso_day("2012-03-28T10:00:00+05:00") == "2012-03-28"
    assert iso_day("2012-03-28Tgarbage") is None and iso_day("2012-03-28 and more") is None
    assert iso_day("9999-01-01") is None and iso_day("9999-01-01", bounded=False) == "9999-01-01"


@pytest.mark.parametrize("name,data", [
    ("empty.warc", b""), ("blank.warc", b"  \r\n\n"), ("empty.warc.gz", gzip.compress(b"")),
    ("blank.warc.gz", gzip.compress(b" \n \n")), ("empty.jsonl", b""), ("blank.jsonl", b"\n   \n\t\n"),
    ("empty.txt", b""), ("blank.html", b" \n"),
])
def test_empty_and_blank_files_are_e104(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    pages, errors = pages_and_errors(tmp_path / name)
    assert not pages and codes(errors) == ["E104"] and str(tmp_path / name) in str(errors[0])


def test_warc_of_compressed_zeros_is_refused_at_once_with_a_short_message(tmp_path):
    path = tmp_path / "zeros.warc.gz"
    path.write_bytes(gzip.compress(b"\0" * 16_000_000))
    pages, errors = pages_and_errors(path)
    assert not pages and codes(errors) == ["E107"]
    assert len(str(errors[0])) < 400 and "\0" not in str(errors[0])


@pytest.mark.parametrize("name", ["cut.warc", "cut.warc.gz"])
@pytest.mark.parametrize("keep", [12, 40, 120])
def test_warc_cut_inside_the_second_record_header_is_e107(tmp_path, name, keep):
    whole = write_warc(tmp_path / ("whole" + name[3:]), [("https://a.example/1", HTML_ARTICLE),
                                                          ("https://a.example/2", HTML_ARTICLE)])
    first = write_warc(tmp_path / ("first" + name[3:]), [("https://a.example/1", HTML_ARTICLE)])
    data = whole.read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(first.read_bytes()) + keep])
    pages, errors = pages_and_errors(cut)
    assert [p.url for p in pages] == ["https://a.example/1"]
    assert codes(errors) == ["E107"] and f"{cut}#2" in str(errors[0])


def test_text_that_is_not_a_warc_is_e107(tmp_path):
    (tmp_path / "notes.warc").write_text("just some notes\n", encoding="utf-8")
    _, errors = pages_and_errors(tmp_path / "notes.warc")
    assert codes(errors) == ["E107"] and "not a WARC file" in str(errors[0])


def test_random_bytes_are_binary_not_a_page():
    import random

    rng = random.Random(17)
    for _ in range(300):
        data = bytes(rng.randrange(256) for _ in range(17))
        with pytest.raises(InputError) as caught:
            decode_bytes(data, source="r.txt")
        assert caught.value.message.startswith("E103")


def test_c1_controls_are_kept_and_only_real_mojibake_is_repaired():
    assert decode_bytes("Hello\u0085 world, the minister said.".encode(), source="x").text == "Hello\u0085 world, the minister said."
    assert decode_bytes("x\u0080y".encode(), source="x").text == "x\u0080y"
    assert decode_bytes("Pakâ€™s army".encode(), source="x").text == "Pak’s army"


def test_file_name_that_is_not_utf8_is_one_error(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    pages, errors = pages_and_errors(tmp_path)
    assert [p.doc_id for p in pages] == ["good"]
    assert codes(errors) == ["E113"]
    line = str(errors[0])
    assert line.isprintable() and "\\udce9" in line


def test_names_with_newlines_cannot_forge_a_second_line(tmp_path):
    name = "bad\nerror: forged.txt"
    (tmp_path / name).write_bytes(b"")
    _, errors = pages_and_errors(tmp_path / name)
    assert codes(errors) == ["E104"]
    assert "\n" not in str(errors[0]) and "\\n" in str(errors[0])


def test_printable_escapes_and_bounds():
    assert printable("a\nb\x85c\u2028d\x1b[31m") == "a\\nb\\x85c\\u2028d\\x1b[31m"
    assert len(printable("x" * 10_000_000, 100)) == 100
    error = InputError(Errors.E107.format(detail="y" * 100_000), source="z" * 10_000)
    assert len(str(error)) < 600


class _Denied:
    """os.scandir that refuses one folder, as for a folder with mode 000 (tests run as root too)."""

    def __init__(self, denied):
        self.denied, self.real = str(denied), os.scandir

    def __call__(self, path):
        if str(path) == self.denied:
            raise PermissionError(13, "Permission denied", str(path))
        return self.real(path)


def test_unlistable_subdirectory_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setattr("storyline.ingest.discover.os.scandir", _Denied(tmp_path / "locked"))
    pages, errors = pages_and_errors(tmp_path)
    assert [p.doc_id for p in pages] == ["a"]
    assert codes(errors) == ["E109"] and "locked" in str(errors[0]) and "Permission denied" in str(errors[0])


def test_unlistable_directory_named_is_e109_not_e111(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    monkeypatch.setattr("storyline.ingest.discover.os.scandir", _Denied(tmp_path / "locked"))
    items = list(expand_paths([tmp_path / "locked"]))
    assert codes(items) == ["E109"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_chmod_000_folders(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(ARTICLE, encoding="utf-8")
    unsearchable = tmp_path / "unsearchable"
    unsearchable.mkdir()
    (unsearchable / "c.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    unsearchable.chmod(0o444)
    try:
        pages, errors = pages_and_errors(tmp_path, locked)
    finally:
        locked.chmod(0o755)
        unsearchable.chmod(0o755)
    assert [p.doc_id for p in pages] == ["a"]
    assert codes(errors) == ["E109", "E109", "E109"]


def test_fifo_named_is_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    items = list(expand_paths([fifo]))
    assert codes(items) == ["E109"] and "not a regular file" in str(items[0])


def test_a_reader_crashing_on_a_file_is_one_error_for_that_file(tmp_path, monkeypatch):
    import storyline.ingest.readers as readers

    real = readers.decode_bytes

    def crashing(data, **kwargs):
        if b"CRASH" in data:
            raise RuntimeError("a library bug")
        return real(data, **kwargs)

    monkeypatch.setattr(readers, "decode_bytes", crashing)
    (tmp_path / "a.txt").write_text(ARTICLE + "CRASH", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    pages, errors = pages_and_errors(tmp_path)
    assert [p.doc_id for p in pages] == ["b"]
    assert codes(errors) == ["E109"] and "RuntimeError: a library bug" in str(errors[0])


def test_jsonl_cut_inside_its_last_line_says_so(tmp_path):
    whole = json.dumps({"id": "a", "text": ARTICLE}) + "\n" + json.dumps({"id": "b", "text": ARTICLE}) + "\n"
    path = tmp_path / "cut.jsonl"
    path.write_text(whole[: len(whole) - 40], encoding="utf-8")
    pages, errors = pages_and_errors(path)
    assert [p.doc_id for p in pages] == ["a"]
    assert [(e.line, e.message[:4]) for e in errors] == [(2, "E105")] and "truncated" in errors[0].message
