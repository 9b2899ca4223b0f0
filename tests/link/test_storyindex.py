"""Incremental page stories load a new batch and its candidate neighbours, never the whole store, and
the document frequencies kept in the store are those counted afresh over every page."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from storyline.link import link_pages, page_story_ids
from storyline.link.features import load_features
from storyline.pipeline import ingest
from storyline.store import Store
from storyline.store.links import counted_totals, document_frequencies

FLOOD = ("Floods in {place} force thousands from their homes",
         "Heavy monsoon rain flooded the river delta around {place} on {day}, and rescue boats carried "
         "villagers from submerged rice paddies to shelters. The provincial disaster agency said {n} houses "
         "were under water and the embankments along the river had burst in three places.")
ELECTION = ("{place} votes in tight presidential runoff",
            "Voters in {place} queued at polling stations on {day} for a presidential runoff between the "
            "governing coalition and an opposition alliance. Election observers counted {n} ballots at the "
            "first stations to close and said turnout was higher than in the first round.")
WILDFIRE = ("Wildfire near {place} burns pine forest",
            "Firefighters with water-bombing aircraft fought a wildfire in the pine forests near {place} on "
            "{day}. Strong winds pushed the flames across {n} hectares and the civil protection service "
            "evacuated two hamlets and closed the motorway.")


def _row(doc_id: str, kind: tuple[str, str], place: str, day: str, n: int) -> dict[str, str]:
    headline, body = kind
    text = headline.format(place=place) + "\n\n" + body.format(place=place, day=day, n=n) + "\n"
    return {"id": doc_id, "url": f"https://news.example/{doc_id}", "published": day, "text": text}


def _feed(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


FIRST = [
    _row("flood-1", FLOOD, "Can Tho", "2022-09-10", 1200),
    _row("flood-2", FLOOD, "Can Tho", "2022-09-11", 1300),
    _row("vote-1", ELECTION, "Kenya", "2022-08-09", 5400),
    _row("vote-2", ELECTION, "Kenya", "2022-08-10", 5600),
    _row("fire-1", WILDFIRE, "Leiria", "2022-07-14", 800),
    _row("fire-2", WILDFIRE, "Leiria", "2022-07-15", 900),
    _row("flood-later", FLOOD, "Can Tho", "2023-10-02", 400),
]


def test_a_new_batch_loads_only_its_pages_and_the_stories_they_may_join(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([_feed(tmp_path / "a.jsonl", FIRST)], store=store)
        first = link_pages(store)
        assert first.loaded == {r["id"] for r in FIRST}  # the first pass clusters every page at once
        new = _row("flood-3", FLOOD, "Can Tho", "2022-09-12", 1400)
        ingest([_feed(tmp_path / "b.jsonl", [new])], store=store)
        second = link_pages(store)
        stories = page_story_ids(store)
    assert second.loaded <= {"flood-3", "flood-1", "flood-2"}
    assert "flood-3" in second.loaded and "vote-1" not in second.loaded and "fire-1" not in second.loaded
    assert "flood-later" not in second.loaded, "a page a year away cannot join: it is not loaded"
    assert stories["flood-3"] == stories["flood-1"] == stories["flood-2"]
    assert stories["flood-later"] != stories["flood-1"]


def test_kept_document_frequencies_are_those_counted_over_every_page(tmp_path):
    rows = [*FIRST, _row("flood-3", FLOOD, "Mekong", "2022-09-12", 1400),
            _row("vote-3", ELECTION, "Colombia", "2022-06-19", 7000)]
    with Store(tmp_path / "s.duckdb") as store:
        for n, start in enumerate(range(0, len(rows), 3)):
            ingest([_feed(tmp_path / f"{n}.jsonl", rows[start : start + 3])], store=store)
            link_pages(store)
        changed = dict(rows[0], text=rows[0]["text"].replace("rescue boats", "army helicopters"))
        ingest([_feed(tmp_path / "changed.jsonl", [changed])], store=store)  # a new version: counted again
        link_pages(store)
        features = load_features(store)
        terms = Counter(t for f in features for t in f.terms)
        specifics = Counter(k for f in features for k in f.specifics)
        kept_terms, kept_specifics = document_frequencies(store, terms, specifics)
        assert counted_totals(store)[0] == len(features)
    assert kept_terms == dict(terms)
    assert kept_specifics == dict(specifics)
    assert kept_terms["helicopter"] == 1 and "rescue" in kept_terms and kept_terms["rescue"] == terms["rescue"]


def test_a_store_linked_before_counts_were_kept_is_counted_once_and_links_as_one_that_kept_them(tmp_path):
    later = [_row("flood-3", FLOOD, "Can Tho", "2022-09-12", 1400), _row("vote-3", ELECTION, "Kenya", "2022-08-11", 5500)]
    results = []
    for name, wipe in (("kept", False), ("old", True)):
        with Store(tmp_path / f"{name}.duckdb") as store:
            ingest([_feed(tmp_path / f"{name}-a.jsonl", FIRST)], store=store)
            link_pages(store)
            if wipe:
                for table in ("link_counts", "page_counted", "page_blocks"):
                    store.con.execute(f"DELETE FROM {table}")  # noqa: S608 - as migration 14 leaves an older store
            ingest([_feed(tmp_path / f"{name}-b.jsonl", later)], store=store)
            link_pages(store)
            results.append((page_story_ids(store),
                            store.con.execute("SELECT * FROM link_counts ORDER BY ALL").fetchall(),
                            store.con.execute("SELECT * FROM page_blocks ORDER BY ALL").fetchall()))
    assert results[0] == results[1]
    assert results[0][0]["flood-3"] == results[0][0]["flood-1"]
