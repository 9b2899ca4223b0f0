"""Near-duplicates: a page captured twice or carried by two outlets counts once; other pages do not."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.link import independent_sources, link_pages
from storyline.link.neardup import groups, representative, shingles
from storyline.pipeline import ingest
from storyline.store import Store
from storyline.store.links import load_near_duplicates, load_signatures

STORY = """Flooding closes river port in Rosario

Heavy rain closed the river port of Rosario on Thursday after the Parana rose more than two metres in a day, the port authority said.
Grain ships waiting to load soybeans were moved downstream and about three hundred families living near the docks were taken to shelters.
The provincial government said it would ask for federal help to repair roads damaged by the water, and forecasters expect more rain at the weekend.
"""
OTHER = """Cyclists protest new toll on coastal road

Several hundred cyclists rode slowly along the coastal road near Valparaiso on Sunday to protest a new toll that the regional council plans to charge from next year.
Organisers said the toll would push riders onto more dangerous inland routes, while the council said the money would pay for a separate cycle lane.
"""


def _rows() -> list[dict[str, str]]:
    return [
        {"id": "p1", "url": "https://www.river-news.com.ar/a/1", "published": "2019-05-03", "text": STORY},
        {"id": "p0", "url": "https://pampa-wire.com/x/7", "published": "2019-05-04",
         "text": STORY.replace("Thursday", "Thursday (May 2)") + "Copyright Pampa Wire.\n"},
        {"id": "p2", "url": "https://www.river-news.com.ar/a/1?amp", "published": "2019-05-03", "text": STORY},
        {"id": "q1", "url": "https://coast-daily.cl/c/2", "published": "2019-05-03", "text": OTHER},
    ]


def _feed(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_copies_point_to_the_earliest_page_and_name_their_kind(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([_feed(tmp_path / "f.jsonl", _rows())], store=store)
        report = link_pages(store)
        rows = {r.doc_id: r for r in load_near_duplicates(store)}
        sources = independent_sources(store)
    assert report.near_duplicates == 2 and set(rows) == {"p0", "p2"}
    assert rows["p0"].duplicate_of == "p1" and rows["p0"].kind == "syndication" and 0.8 <= rows["p0"].similarity < 1
    assert rows["p2"].duplicate_of == "p1" and rows["p2"].kind == "recapture" and rows["p2"].similarity == 1.0
    assert rows["p0"].outlet == "pampa-wire.com" and rows["p0"].duplicate_outlet == "river-news.com.ar"
    assert sources == {"p0": "p1", "p1": "p1", "p2": "p1", "q1": "q1"}


def test_incremental_signing_gives_the_batch_groups(tmp_path):
    def links(store: Store) -> list[tuple[str, str]]:
        return [(r.doc_id, r.duplicate_of) for r in load_near_duplicates(store)]

    rows = _rows()
    with Store(tmp_path / "b.duckdb") as batch, Store(tmp_path / "i.duckdb") as step:
        ingest([_feed(tmp_path / "all.jsonl", rows)], store=batch)
        link_pages(batch)
        for n, row in enumerate([rows[3], rows[1], rows[2], rows[0]]):
            ingest([_feed(tmp_path / f"{n}.jsonl", [row])], store=step)
            link_pages(step)
        assert links(step) == links(batch)
        assert {k: v.version for k, v in load_signatures(step).items()} == {"p0": 1, "p1": 1, "p2": 1, "q1": 1}


def test_a_copy_that_changes_is_unlinked(tmp_path):
    rows = _rows()
    with Store(tmp_path / "s.duckdb") as store:
        ingest([_feed(tmp_path / "f.jsonl", rows)], store=store)
        link_pages(store)
        ingest([_feed(tmp_path / "g.jsonl", [dict(rows[2], text=OTHER + "Updated.\n")])],
               store=store)
        link_pages(store)
        got = {r.doc_id: r.duplicate_of for r in load_near_duplicates(store)}
    assert got == {"p0": "p1", "q1": "p2"}  # same date: the smaller id stands for the pair


def test_shingles():
    assert shingles("One two three four five six") == {b"one two three four five", b"two three four five six"}
    assert shingles("Short text") == {b"short text"}
    assert shingles("") == set()


def test_groups_and_representative():
    found = sorted(sorted(g) for g in groups([("a", "b"), ("c", "b"), ("x", "y")]))
    assert found == [["a", "b", "c"], ["x", "y"]]
    from datetime import date

    published = {"a": date(2020, 1, 5), "b": None, "c": date(2020, 1, 2)}
    assert representative(["a", "b", "c"], published) == "c"
    assert representative(["a", "b"], {"a": None, "b": None}) == "a"
