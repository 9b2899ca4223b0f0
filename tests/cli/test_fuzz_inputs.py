"""Fuzzing the ingest with a deterministic corpus of hostile files (``random.Random(seed)``, no
Hypothesis): no traceback, exactly one bounded, printable error line naming each bad input, and the
good pages beside them stored and read."""

from __future__ import annotations

import gzip
import io
import json
import os
import random

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.cli.main import app
from storyline.errors import MAX_SOURCE_CHARS, printable
from storyline.ingest.readers import warc_doc_id
from storyline.store import Store
from tests.helpers import ARTICLE, HTML_ARTICLE, write_warc

runner = CliRunner()
SEEDS = (7, 2024)
NAME_CHARS = "abcxyz019 -_.é€😀\t\x1b\x85\u2028"


def _warc_bytes(records, *, gz: bool, drop_uri: bool = False) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for url, html in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
        if drop_uri:
            record.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(record)
    return buffer.getvalue()


def _good_article(rng: random.Random, i: int) -> str:
    countries = ["Kenya", "Uganda", "Chile", "Peru", "Ghana", "Togo"]
    a, b = rng.sample(countries, 2)
    return ARTICLE.replace("Kenya", a).replace("Uganda", b).replace("a week", f"{i + 2} days")


class Corpus:
    """Files written under ``root``: good ones (their doc ids) and bad ones (path → expected code)."""

    def __init__(self, root, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        self.good: set[str] = set()
        self.bad: dict[str, str] = {}  # the printable name an error line must hold → its code
        self.mutants: list[str] = []

    def write(self, name: str | bytes, data: bytes, *, bad: str | None = None, folder=None) -> None:
        folder = folder or self.root
        path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(data)
        if bad:
            self.bad[printable(os.fsdecode(path), MAX_SOURCE_CHARS)] = bad

    def random_name(self, suffix: str) -> str:
        stem = "".join(self.rng.choice(NAME_CHARS) for _ in range(self.rng.randint(3, 12))).strip() or "x"
        return f"m{len(self.mutants)}-{stem}{suffix}"


def build_corpus(root, seed: int) -> Corpus:
    rng = random.Random(seed)
    c = Corpus(root, rng)
    # good pages of every form
    for i in range(2):
        c.write(f"good-{i}.txt", _good_article(rng, i).encode())
        c.good.add(f"good-{i}")
    c.write("good-nel.txt", ("Ministers meet\u0085 again\n\n" + _good_article(rng, 9)).encode())
    c.good.add("good-nel")
    # an article far over the parser's length limit (set low by the test): read in pieces, never refused
    long_body = "".join(f"Officials in Nairobi said {i} lorries crossed the Malaba border on day {i} of the talks.\n"
                        for i in range(120))
    c.write("good-long.txt", ("Border reopens\n\nPublished: June 4, 2014\n\n" + long_body).encode())
    c.good.add("good-long")
    c.write("good.jsonl", (json.dumps({"id": "good-j", "published": "2014-06-05", "text": _good_article(rng, 3)}) + "\n").encode())
    c.good.add("good-j")
    write_warc(root / "good.warc.gz", [("https://www.herald.example/world/good-w", HTML_ARTICLE)])
    # hostile inputs from the fuzzing report, each one error line
    c.write("nouri.warc", _warc_bytes([("https://a.example/1", HTML_ARTICLE)], gz=False, drop_uri=True), bad="E107")
    c.write("nouri.warc.gz", _warc_bytes([("https://a.example/1", HTML_ARTICLE)], gz=True, drop_uri=True), bad="E107")
    c.write("surrogate-text.jsonl", b'{"id": "s1", "text": "x\\ud800y"}\n', bad="E114")
    c.write("surrogate-id.jsonl", b'{"id": "\\ud800", "text": "hello there"}\n', bad="E114")
    c.write("deep.jsonl", b"[" * 5000 + b"]" * 5000 + b"\n", bad="E105")
    c.write("bigint.jsonl", b'{"id": ' + b"9" * 5000 + b', "text": "hello"}\n', bad="E105")
    c.write(b"caf\xe9-latin1-name.txt", ARTICLE.encode(), bad="E113")
    c.write("year9999.jsonl", (json.dumps({"id": "far", "published": "9999-12-31", "text": ARTICLE}) + "\n").encode(), bad="E115")
    c.write("garbage-date.jsonl", (json.dumps({"id": "gd", "published": "2012-03-28Tgarbage", "text": ARTICLE}) + "\n").encode(),
            bad="E112")
    c.write("zeros.warc.gz", gzip.compress(b"\0" * 16_000_000), bad="E107")
    for name, data in (("empty.warc", b""), ("blank.warc", b" \n\t\n"), ("empty.warc.gz", gzip.compress(b"")),
                       ("blank.warc.gz", gzip.compress(b"\n \n")), ("empty.jsonl", b""), ("blank.jsonl", b"  \n\n")):
        c.write(name, data, bad="E104")
    two = _warc_bytes([("https://b.example/1", HTML_ARTICLE), ("https://b.example/2", HTML_ARTICLE)], gz=False)
    one = _warc_bytes([("https://b.example/1", HTML_ARTICLE)], gz=False)
    c.write("cut-header.warc", two[: len(one) + rng.randint(5, 60)], bad="E107")
    c.good.add(warc_doc_id("https://b.example/1"))  # the record before the cut is kept
    c.write("line\nerror: forged.txt", b"", bad="E104")
    c.write("random17.txt", bytes(rng.randrange(256) for _ in range(17)), bad="E103")
    locked = root / "locked"
    locked.mkdir()
    c.write("hidden.txt", ARTICLE.encode(), folder=locked)
    c.bad[printable(str(locked), MAX_SOURCE_CHARS)] = "E109"
    # random mutants of good pages: truncated, bytes flipped, NULs or control bytes put in
    for _ in range(12):
        base = rng.choice([ARTICLE.encode(), HTML_ARTICLE.encode(),
                           (json.dumps({"id": "mj", "text": ARTICLE}) + "\n").encode()])
        data = bytearray(base)
        for _ in range(rng.randint(1, 6)):
            op = rng.randrange(4)
            if op == 0 and len(data) > 2:
                del data[rng.randrange(len(data)):]
            elif op == 1 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif op == 2:
                data[rng.randrange(len(data) + 1):0] = bytes(rng.choice([0, 1, 27, 0x85, 0xFF]) for _ in range(rng.randint(1, 40)))
            else:
                data[rng.randrange(len(data) + 1):0] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 9)))
        suffix = ".jsonl" if base.startswith(b"{") else rng.choice([".txt", ".html"])
        name = c.random_name(suffix)
        c.mutants.append(printable(str(root / name), MAX_SOURCE_CHARS))
        c.write(name, bytes(data))
    return c


@pytest.mark.parametrize("seed", SEEDS)
def test_hostile_corpus_gives_one_error_line_per_bad_input_and_the_good_pages_are_read(tmp_path, monkeypatch, seed):
    root = tmp_path / "corpus"
    root.mkdir()
    corpus = build_corpus(root, seed)
    real_scandir = os.scandir

    def scandir(path):  # the locked folder behaves as mode 000 does for a user other than root
        if str(path) == str(root / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("storyline.ingest.discover.os.scandir", scandir)
    monkeypatch.setenv("STORYLINE_MAX_PARSE_CHARS", "2000")
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(root), "--db", str(db), "-q"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert all(len(line) < 600 and line.isprintable() for line in errors), errors
    # every line is an error line, a summary line, or the read summary: nothing forged, nothing else
    others = [line for line in lines if not line.startswith("error:")]
    assert len(others) == 2 and "added" in others[0] and "pages read" in others[1], others
    for name, code in corpus.bad.items():
        mine = [e for e in errors if e.startswith(f"error: {name}") and e[len(f"error: {name}")] in ":#"]
        assert len(mine) == 1 and f" {code} " in mine[0], (name, code, mine)
    # the other lines name a mutant (a mutant JSONL file may have gained lines: one error line each)
    unexplained = [e for e in errors if not any(e.startswith(f"error: {n}") for n in (*corpus.bad, *corpus.mutants))]
    assert not unexplained
    with Store(db) as store:
        stored = {d.doc_id: d for d in store.iter_documents()}
        read = {r[0] for r in store.con.execute("SELECT doc_id FROM read_state").fetchall()}
        failed = store.con.execute("SELECT count(*) FROM read_failures").fetchone()[0]
    wanted = corpus.good | {next(d for d in stored if d.startswith("herald-example-good-w"))}
    assert wanted <= set(stored) and wanted <= read and failed == 0
    assert "Ministers meet\u0085 again" in stored["good-nel"].text
    with Store(db) as store:
        places = store.con.execute("SELECT count(*) FROM place_mentions WHERE doc_id = 'good-long'").fetchone()[0]
    assert places >= 120  # Nairobi in every piece
    # running it again changes nothing and still names the same bad inputs
    again = runner.invoke(app, ["ingest", str(root), "--db", str(db), "-q"])
    assert again.exit_code == 1 and "Traceback" not in again.output
    assert [line for line in again.output.splitlines() if line.startswith("error:")] == errors
    assert again.output.splitlines()[-2].startswith("0 added, 0 new versions")


def test_hostile_corpus_in_a_real_process_with_workers_prints_error_lines_only(tmp_path):
    import subprocess
    import sys

    root = tmp_path / "corpus"
    root.mkdir()
    corpus = build_corpus(root, 99)
    del corpus.bad[printable(str(root / "locked"), MAX_SOURCE_CHARS)]  # no denied folder outside this process
    done = subprocess.run([sys.executable, "-m", "storyline", "ingest", str(root), "--db", str(tmp_path / "s.duckdb"),
                           "-q", "--no-read", "--workers", "2"], capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines and all(line.startswith("error:") and len(line) < 600 for line in lines), lines[:5]
    for name, code in corpus.bad.items():
        mine = [e for e in lines if e.startswith(f"error: {name}") and e[len(f"error: {name}")] in ":#"]
        assert len(mine) == 1 and f" {code} " in mine[0], (name, code, mine)
    assert done.stdout.strip().endswith(f"{len(lines)} failed")
