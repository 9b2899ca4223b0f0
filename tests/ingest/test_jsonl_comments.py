"""JSONL pages with a ``comments`` list: read, checked field by field, stored like extracted threads."""

from __future__ import annotations

import json

from storyline.errors import InputError
from storyline.ingest import discover_pages
from storyline.model import Page
from storyline.pipeline import ingest
from storyline.store import Store
from tests.helpers import ARTICLE

COMMENTS = [
    {"id": "k1", "author": "Wanjiru", "posted_at": "2014-06-04T09:30:00+03:00", "text": "About time the crossing opened."},
    {"id": 2, "parent": "k1", "author": "Okello", "posted_at": "2014-06-04", "text": "Tell that to the lorry drivers.\nThey waited a week."},
    {"id": "k3", "parent": "2", "text": "Agreed."},
    {"id": "k4", "author": "Spammer", "text": "About time the crossing opened!"},
]


def _write(tmp_path, rows):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _split(path):
    items = list(discover_pages([path]))
    return [i for i in items if isinstance(i, Page)], [i for i in items if isinstance(i, InputError)]


def test_comments_are_stored_like_extracted_threads(tmp_path):
    path = _write(tmp_path, [{"id": "ke-1", "text": ARTICLE, "comments": COMMENTS}])
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([path], store=store)
        assert report.ok and len(report.added) == 1
        doc = store.get_document("ke-1")
    got = [(c.comment_id, c.parent_id, c.depth, c.author, c.posted_at, c.duplicate_of) for c in doc.comments]
    assert got == [
        ("k1", None, 0, "Wanjiru", "2014-06-04T06:30", None),
        ("2", "k1", 1, "Okello", "2014-06-04T00:00", None),
        ("k3", "2", 2, None, None, None),
        ("k4", None, 0, "Spammer", None, "k1"),
    ]
    for c in doc.comments:
        assert doc.text[c.start:c.end].replace("\n", " ") == c.text.replace("\n", " ")
    assert doc.comments[1].text == "Tell that to the lorry drivers.\nThey waited a week."
    assert "lorry drivers" not in doc.article_text()
    roles = [doc.text[s.start:s.end] for s in doc.segments if s.role == "comment"]
    assert roles[:3] == ["About time the crossing opened.", "Tell that to the lorry drivers.", "They waited a week."]


def test_new_comments_make_a_new_version_and_same_comments_change_nothing(tmp_path):
    first = _write(tmp_path, [{"id": "ke-1", "text": ARTICLE, "comments": COMMENTS[:2]}])
    with Store(tmp_path / "s.duckdb") as store:
        assert len(ingest([first], store=store).added) == 1
        assert len(ingest([first], store=store).unchanged) == 1
        more = _write(tmp_path, [{"id": "ke-1", "text": ARTICLE, "comments": COMMENTS}])
        report = ingest([more], store=store)
        assert len(report.new_versions) == 1
        assert len(store.get_document("ke-1").comments) == 4
        assert len(store.get_document("ke-1", version=1).comments) == 2


def test_bad_comment_fields_get_one_line_errors(tmp_path):
    rows = [
        {"id": "a", "text": ARTICLE, "comments": "not a list"},
        {"id": "b", "text": ARTICLE, "comments": [{"id": "x"}]},
        {"id": "c", "text": ARTICLE, "comments": [{"id": "x", "text": "ok", "author": 7}]},
        {"id": "d", "text": ARTICLE, "comments": [{"id": "x", "text": "ok", "posted_at": "last Tuesday"}]},
        {"id": "e", "text": ARTICLE, "comments": [{"id": "x", "text": "ok"}, {"id": "x", "text": "again"}]},
        {"id": "f", "text": ARTICLE, "comments": [{"id": "x", "parent": "y", "text": "reply to nothing"}]},
        {"id": "g", "text": ARTICLE, "comments": [{"id": "x", "text": "fine"}]},
        {"id": "h", "text": ARTICLE, "comments": [{"id": True, "text": "bool id"}]},
    ]
    path = _write(tmp_path, rows)
    pages, errors = _split(path)
    assert [p.doc_id for p in pages] == ["g"]
    assert [(e.line, e.message[:4]) for e in errors] == [
        (1, "E118"), (2, "E118"), (3, "E110"), (4, "E112"), (5, "E119"), (6, "E119"), (8, "E118")]
    assert "'comments[0].author'" in errors[2].message
    assert "'last Tuesday'" in errors[3].message
    assert all(str(e).startswith(f"{path}:") and "\n" not in str(e) for e in errors)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([path], store=store)
        assert len(report.added) == 1 and len(report.errors) == 7
