"""Page stories on pages of our own making: one meeting reported by several outlets (one undated, one a
wire copy), a later meeting of the same people, and an unrelated story; batch and incremental agree."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from storyline.link import link_pages, page_story_ids, story_id_for
from storyline.link.features import PageFeatures
from storyline.link.pagestories import StoryOptions, assign_stories, date_factor
from storyline.pipeline import ingest, read_pending
from storyline.store import Store
from storyline.store.links import load_page_stories

MEETING_A = """Lahtinen and Tamm agree to speed up Baltic power cable

TALLINN: Finnish Prime Minister Eero Lahtinen and Estonian Prime Minister Kadri Tamm agreed on Tuesday in Tallinn to speed up construction of a second undersea power cable between their countries.
The two leaders said the Estlink cable would carry electricity across the Gulf of Finland by 2026 and cut prices for households in both countries.
Lahtinen told reporters that the grid operators Fingrid and Elering would sign the construction contract next month.
Tamm said the cable would make the region less dependent on imported gas.
"""

MEETING_B = """Estonia and Finland push ahead with new undersea electricity link

Kadri Tamm, Estonia's prime minister, hosted her Finnish counterpart Eero Lahtinen in Tallinn, where the pair pledged to accelerate work on a new Estlink power cable under the Gulf of Finland.
Grid companies Elering and Fingrid are expected to sign a building contract within weeks, Lahtinen said, adding that the undersea line should be running by 2026.
Tamm said cheaper electricity from the cable would reduce Estonian reliance on gas imports.
"""

MEETING_C_UNDATED = """Baltic leaders back faster Estlink cable

Finland's Eero Lahtinen and Estonia's Kadri Tamm want the new Estlink electricity cable beneath the Gulf of Finland finished by 2026, the two prime ministers said after talks in Tallinn.
They said Fingrid and Elering, the national grid operators, would sign the contract soon and that the undersea cable would lower power bills.
"""

LATER_MEETING = """Lahtinen and Tamm discuss herring quotas in Helsinki

HELSINKI: Eero Lahtinen and Kadri Tamm met again on Monday in Helsinki, this time to settle a dispute over herring fishing quotas in the Baltic Sea.
Finnish trawler owners have accused Estonian boats of exceeding their catch limits, and Tamm promised stricter inspections at Estonian ports.
Lahtinen said fisheries inspectors from both countries would board each other's vessels from the summer.
"""

UNRELATED = """Chile and Peru sign fisheries accord

LIMA: Chile and Peru signed an agreement on Monday to share data on anchovy stocks along their maritime border, ending two years of disputes over fishing quotas in the Pacific.
The foreign ministers of both countries met in Lima for the ceremony and said joint patrols would begin in the new year, with inspectors from each navy on board.
Fishing unions in the northern ports welcomed the deal but asked for compensation for the months in which their boats stayed in harbour.
"""

WIRE_COPY = MEETING_A.replace("TALLINN:", "TALLINN (Wire):") + "Reporting by the Northern Wire desk.\n"


def page_rows() -> list[dict[str, str]]:
    """Every page as a JSONL row (id, url, published, text)."""
    return [
        {"id": "a-meeting", "url": "https://www.north-herald.fi/news/1", "published": "2021-03-02",
         "text": MEETING_A},
        {"id": "b-meeting", "url": "https://baltic-daily.ee/world/2", "published": "2021-03-03",
         "text": MEETING_B},
        {"id": "c-undated", "url": "https://energy-notes.com/p/3", "text": MEETING_C_UNDATED},
        {"id": "d-wire", "url": "https://www.harbour-times.co.uk/a/4", "published": "2021-03-02",
         "text": WIRE_COPY},
        {"id": "e-later", "url": "https://www.north-herald.fi/news/9", "published": "2021-04-05",
         "text": LATER_MEETING},
        {"id": "f-other", "url": "https://andes-post.pe/n/5", "published": "2021-03-02", "text": UNRELATED},
    ]


def write_feed(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def _build(tmp: Path, batches: list[list[str]]) -> dict[str, str]:
    rows = {r["id"]: r for r in page_rows()}
    with Store(tmp / "s.duckdb") as store:
        for n, batch in enumerate(batches):
            ingest([write_feed(tmp / f"feed{n}.jsonl", [rows[i] for i in batch])], store=store)
            read_pending(store)
            link_pages(store)
        return page_story_ids(store)


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict[str, str]:
    return _build(tmp_path_factory.mktemp("batch"), [[r["id"] for r in page_rows()]])


def test_two_outlets_report_the_same_meeting_in_one_story(batch):
    assert batch["a-meeting"] == batch["b-meeting"]
    assert batch["a-meeting"] == story_id_for("a-meeting")


def test_a_page_without_date_joins_by_content_and_entities(batch):
    assert batch["c-undated"] == batch["a-meeting"]


def test_a_wire_copy_joins_its_original(batch):
    assert batch["d-wire"] == batch["a-meeting"]


def test_a_later_meeting_of_the_same_people_is_another_story(batch):
    assert batch["e-later"] not in {batch["a-meeting"], batch["f-other"]}


def test_an_unrelated_story_stands_alone(batch):
    assert batch["f-other"] == story_id_for("f-other")
    assert list(batch.values()).count(batch["f-other"]) == 1


def test_incremental_passes_give_the_batch_result(tmp_path, batch):
    got = _build(tmp_path, [["f-other", "a-meeting"], ["e-later", "c-undated"], ["b-meeting", "d-wire"]])
    assert got == batch


def test_relinking_changes_nothing(tmp_path):
    rows = page_rows()
    with Store(tmp_path / "s.duckdb") as store:
        ingest([write_feed(tmp_path / "f.jsonl", rows)], store=store)
        first = link_pages(store)
        before = load_page_stories(store)
        again = link_pages(store)
        assert first.placed == len(rows) and again.placed == 0 and again.signed == 0
        assert load_page_stories(store) == before


def test_a_changed_page_is_linked_again(tmp_path):
    rows = page_rows()
    with Store(tmp_path / "s.duckdb") as store:
        ingest([write_feed(tmp_path / "f.jsonl", rows)], store=store)
        link_pages(store)
        changed = [dict(r, text=UNRELATED.replace("Chile", "Bolivia")) if r["id"] == "b-meeting" else r for r in rows]
        ingest([write_feed(tmp_path / "g.jsonl", changed)], store=store)
        report = link_pages(store)
        stories = page_story_ids(store)
    assert report.signed == 1 and report.placed == 1
    assert stories["b-meeting"] == stories["f-other"] != stories["a-meeting"]


def _features(doc_id: str, terms: dict[str, int], *, published: str | None = None) -> PageFeatures:
    from datetime import date

    return PageFeatures(doc_id=doc_id, version=1, outlet=None, published=date.fromisoformat(published) if published else None,
                        terms=terms, entities=frozenset(), dates=frozenset())


def test_publication_dates_far_apart_keep_similar_pages_apart():
    same = {"quake": 3, "island": 2, "tsunami": 2, "warning": 1}
    pages = [_features("x1", same, published="2020-01-01"), _features("x2", same, published="2020-01-02"),
             _features("x3", same, published="2020-03-01"), _features("x4", {"harvest": 2, "wheat": 3})]
    rows = {r.doc_id: r.story_id for r in assign_stories(pages)}
    assert rows["x1"] == rows["x2"] != rows["x3"]
    assert rows["x4"] == story_id_for("x4")


def _dated(doc_id: str, *, published: str | None = None, named: str | None = None,
           commented: str | None = None) -> PageFeatures:
    from datetime import date

    day = date.fromisoformat
    return PageFeatures(doc_id=doc_id, version=1, outlet=None, published=day(published) if published else None,
                        terms={}, entities=frozenset(), dates=frozenset(),
                        not_before=day(published or named) if (published or named) else None,
                        not_after=day(published or commented) if (published or commented) else None,
                        likely=day(published or commented or named) if (published or commented or named) else None)


def test_date_factor():
    options = StoryOptions(full_days=3, window_days=13, unknown_date_factor=0.5)
    day = _dated("a", published="2020-05-01")
    assert date_factor(day, _dated("b", published="2020-05-04"), options) == 1.0
    assert date_factor(day, _dated("b", published="2020-05-09"), options) == pytest.approx(0.5)
    assert date_factor(day, _dated("b", published="2020-06-01"), options) == 0.0
    assert date_factor(day, _dated("b"), options) == 0.5  # unknown: only strong content joins


def test_a_named_day_long_after_a_publication_date_rules_the_pair_out():
    options = StoryOptions(full_days=3, window_days=14, unknown_date_factor=0.5)
    published = _dated("a", published="2020-05-01")
    assert date_factor(published, _dated("b", named="2020-08-10"), options) == 0.0
    assert date_factor(published, _dated("b", named="2019-12-24"), options) == 0.5  # background date: says little
    assert date_factor(published, _dated("b", named="2020-04-30"), options) == 1.0


def test_a_first_comment_bounds_an_undated_page():
    options = StoryOptions(full_days=3, window_days=14, unknown_date_factor=0.5)
    published = _dated("a", published="2020-05-01")
    assert date_factor(published, _dated("b", commented="2020-05-02"), options) == 1.0
    assert date_factor(published, _dated("b", commented="2020-03-01"), options) == 0.0


def test_topic_words_shared_by_every_page_do_not_make_a_story():
    from storyline.link.features import idf_table

    idf, _ = idf_table([{"border", "army"}, {"border", "army", "flood"}, {"border", "quake"}], offset=0.0)
    assert idf["border"] == pytest.approx(0.0) and idf["quake"] > idf["army"] > 0
    shared = {"border": 4, "army": 3, "minister": 2}
    pages = [_features(f"t{i}", {**shared, f"event{i}": 3, f"place{i}": 2}) for i in range(20)]
    rows = {r.doc_id: r.story_id for r in assign_stories(pages)}
    assert len(set(rows.values())) == 20


def test_two_stories_of_several_pages_merge_on_their_common_core():
    """Each page of one story is far from the other story; the two stories' centroids are close."""
    pages = [_features("a1", {"flood": 3, "dam": 3, "a1x": 3, "a1y": 3}),
             _features("a2", {"flood": 3, "dam": 3, "a2x": 3, "a2y": 3}),
             _features("b1", {"flood": 1, "levee": 3, "b1x": 3, "b1y": 3}),
             _features("b2", {"dam": 1, "levee": 3, "b2x": 3, "b2y": 3}),
             *(_features(f"z{i}", {f"z{i}a": 3, f"z{i}b": 3}) for i in range(6))]
    centroid = StoryOptions(linkage="centroid", threshold=0.12, block_terms=10)
    strict = {r.doc_id: r.story_id for r in assign_stories(pages, options=replace(centroid, group_factor=1.0))}
    assert strict["a1"] == strict["a2"] != strict["b1"] == strict["b2"]
    merged = {r.doc_id: r.story_id for r in assign_stories(pages, options=replace(centroid, group_factor=0.6))}
    assert len({merged[d] for d in ("a1", "a2", "b1", "b2")}) == 1
    assert len({merged[f"z{i}"] for i in range(6)}) == 6


def test_agglomerate_merges_the_closest_groups_first_by_mean_similarity():
    from storyline.link.pagestories import agglomerate

    sims = {("a", "b"): 0.9, ("b", "c"): 0.5, ("a", "c"): 0.1, ("c", "d"): 0.05}
    items = ["a", "b", "c", "d"]

    def similarity(x: str, y: str) -> float:
        return sims.get((x, y), sims.get((y, x), 0.0))

    def everyone(x: str) -> list[str]:
        return [i for i in items if i != x]

    # a+b first (0.9); then c joins at mean (0.1 + 0.5) / 2 = 0.3; d's mean with the three is 0.05 / 3
    assert sorted(agglomerate(items, everyone, similarity, 0.3)) == [["a", "b", "c"], ["d"]]
    assert sorted(agglomerate(items, everyone, similarity, 0.31)) == [["a", "b"], ["c"], ["d"]]
    assert sorted(agglomerate(items, everyone, similarity, 0.95)) == [["a"], ["b"], ["c"], ["d"]]
    # pairs that share no blocking key are never compared: they count 0
    assert sorted(agglomerate(items, lambda x: [], similarity, 0.01)) == [["a"], ["b"], ["c"], ["d"]]


def test_global_linkage_clusters_every_page_and_keeps_the_date_rule():
    same = {"quake": 3, "island": 2, "tsunami": 2, "warning": 1}
    pages = [_features("x1", same, published="2020-01-01"), _features("x2", same, published="2020-01-02"),
             _features("x3", same, published="2020-03-01"), _features("x4", {"harvest": 2, "wheat": 3})]
    rows = {r.doc_id: r.story_id for r in assign_stories(pages, options=StoryOptions(linkage="global"))}
    assert rows["x1"] == rows["x2"] == story_id_for("x1")
    assert rows["x3"] == story_id_for("x3") and rows["x4"] == story_id_for("x4")


def test_global_linkage_adds_new_pages_to_the_stories_near_them():
    options = StoryOptions(linkage="global")
    quake = {"quake": 3, "island": 2, "tsunami": 2, "warning": 1}
    first = [_features("x1", quake, published="2020-01-01"), _features("y1", {"harvest": 2, "wheat": 3}),
             *(_features(f"z{i}", {f"z{i}a": 3, f"z{i}b": 3}) for i in range(4))]
    placed = {r.doc_id: r for r in assign_stories(first, options=options)}
    assert assign_stories(first, placed=placed, options=options) == []  # nothing new: nothing moves
    later = [*first, _features("x2", quake, published="2020-01-02"), _features("w1", {"drought": 3})]
    rows = {r.doc_id: r.story_id for r in assign_stories(later, placed=placed, options=options)}
    assert rows == {"x2": placed["x1"].story_id, "w1": story_id_for("w1")}  # only the new pages' rows


def test_global_linkage_merges_placed_stories_a_new_page_bridges_and_keeps_the_older_id():
    options = StoryOptions(linkage="global", threshold=0.2)
    a = {"flood": 3, "dam": 3, "river": 2}
    b = {"levee": 3, "storm": 3, "river": 2}
    first = [_features("a1", a, published="2020-01-01"), _features("b1", b, published="2020-01-02"),
             *(_features(f"z{i}", {f"z{i}a": 3, f"z{i}b": 3}) for i in range(4))]
    placed = {r.doc_id: r for r in assign_stories(first, options=options)}
    assert placed["a1"].story_id != placed["b1"].story_id
    bridge = _features("c1", {**a, **b}, published="2020-01-02")
    rows = {r.doc_id: r.story_id for r in assign_stories([*first, bridge], placed=placed, options=options)}
    assert rows == {"b1": placed["a1"].story_id, "c1": placed["a1"].story_id}


def test_global_linkage_never_makes_a_story_of_pages_published_too_far_apart():
    """Undated pages like both may bridge two dated pages a year apart: the story would span the year."""
    words = {"quake": 3, "island": 2, "tsunami": 2, "warning": 1}
    pages = [_features("d1", words, published="2020-01-01"), _features("d2", words, published="2021-01-01"),
             *(_features(f"u{i}", words) for i in range(3)),
             *(_features(f"z{i}", {f"z{i}a": 3, f"z{i}b": 3}) for i in range(4))]
    rows = {r.doc_id: r.story_id for r in assign_stories(pages)}
    assert rows["d1"] != rows["d2"]
    assert all(rows[f"u{i}"] in (rows["d1"], rows["d2"]) for i in range(3))
    spanning = {r.doc_id: r.story_id for r in assign_stories(pages, options=StoryOptions(story_days=400))}
    assert spanning["d1"] == spanning["d2"]


def test_agglomerate_keeps_items_whose_days_lie_too_far_apart_in_two_groups():
    from storyline.link.pagestories import agglomerate

    def everyone(x: str) -> list[str]:
        return [i for i in "abc" if i != x]

    spans = {"a": (100, 100), "b": (None, None), "c": (300, 300)}
    together = agglomerate("abc", everyone, lambda x, y: 0.5, 0.2, spans=spans, max_gap=365)
    assert together == [["a", "b", "c"]]
    apart = agglomerate("abc", everyone, lambda x, y: 0.5, 0.2, spans=spans, max_gap=180)
    assert sorted(apart) == [["a", "b"], ["c"]]


def test_agglomerate_grows_groups_already_made_and_never_splits_them():
    from storyline.link.pagestories import agglomerate

    sims = {("a", "b"): 0.01, ("b", "c"): 0.9, ("a", "c"): 0.8}

    def similarity(x: str, y: str) -> float:
        return sims.get((x, y), sims.get((y, x), 0.0))

    def everyone(x: str) -> list[str]:
        return [i for i in "abc" if i != x]

    # alone, b and c pair first; with a and b one group, c joins it at mean (0.8 + 0.9) / 2
    assert sorted(agglomerate("abc", everyone, similarity, 0.5)) == [["a"], ["b", "c"]]
    assert agglomerate("abc", everyone, similarity, 0.5, groups=[["a", "b"]]) == [["a", "b", "c"]]
    assert sorted(agglomerate("abc", everyone, similarity, 0.9, groups=[["a", "b"]])) == [["a", "b"], ["c"]]


def test_relink_pages_stores_stories_of_other_settings_and_back(tmp_path, batch):
    from storyline.link import relink_pages

    rows = page_rows()
    with Store(tmp_path / "s.duckdb") as store:
        ingest([write_feed(tmp_path / "f.jsonl", rows)], store=store)
        read_pending(store)
        assert relink_pages(store, options=StoryOptions(threshold=1.5)) == len(rows)  # nothing reaches 1.5
        assert page_story_ids(store) == {r["id"]: story_id_for(r["id"]) for r in rows}
        relink_pages(store)
        assert page_story_ids(store) == batch


def test_story_pair_settings_need_pages_not_a_store(tmp_path, capsys):
    from storyline.eval.stories import main

    gold = write_feed(tmp_path / "gold.json", [])
    with pytest.raises(SystemExit) as stop:
        main(["--gold", str(gold), "--db", str(gold), "--set", "threshold=0.1"])
    assert stop.value.code == 2 and "--set needs --pages" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--gold", str(gold), "--pages", str(gold), "--set", "colour=red"])
    assert "not a KEY=VALUE setting" in capsys.readouterr().err


def _two_events_of_one_kind() -> list[PageFeatures]:
    """Two events of one kind (a quake on an island, a quake at a volcano): each report repeats its
    event's word and the topic's, and adds 25 words of its own."""
    def event(tag: str, word: str) -> list[PageFeatures]:
        return [_features(f"{tag}{i}", {"quake": 5, word: 5, **{f"{tag}{i}w{j}": 1 for j in range(25)}})
                for i in range(8)]
    return [*event("a", "island"), *event("b", "volcano")]


@pytest.mark.parametrize("other_topics", [0, 10])
def test_two_events_of_one_kind_are_found_alone_in_a_store_and_among_other_topics(other_topics):
    """Issue 17: the events of a topic are the same whether the topic has the store to itself or shares it.
    Within the topic, blocking keys chosen by the topic's own IDF would be each page's own words (no two
    reports would be compared); the first level's keys, weighed with the large ``topic_idf_prior``, are
    the words the reports repeat."""
    others = [_features(f"o{k}-{i}", {f"topic{k}": 5, f"kind{k}": 5, **{f"o{k}-{i}w{j}": 1 for j in range(25)}})
              for k in range(other_topics) for i in range(4)]
    pages = [*_two_events_of_one_kind(), *others]

    def events(options: StoryOptions) -> list[list[str]]:
        rows = {r.doc_id: r.story_id for r in assign_stories(pages, options=options)}
        found: dict[str, list[str]] = {}
        for doc_id, story in sorted(rows.items()):
            if doc_id[0] in "ab":
                found.setdefault(story, []).append(doc_id)
        return sorted(found.values())

    assert events(StoryOptions()) == [[f"a{i}" for i in range(8)], [f"b{i}" for i in range(8)]]
    # the first level weighed with the small prior, as within a topic: no report meets another
    assert len(events(StoryOptions(topic_idf_prior=3.0))) == 16


def test_a_page_left_alone_in_its_topic_joins_the_story_it_is_nearest_to():
    from storyline.link.pagestories import _attach_small

    sims = {("a1", "x"): 0.05, ("a2", "x"): 0.01, ("b1", "x"): 0.02, ("b2", "x"): 0.0,
            ("a1", "y"): 0.001, ("b1", "y"): 0.002}

    def similarity(p: str, q: str) -> float:
        return sims.get((p, q), sims.get((q, p), 0.0))

    def attach(groups, threshold=0.01, **kw):
        kw = {"size": 1, "apart": {}, "spans": {}, "max_gap": 180, **kw}
        return sorted(sorted(g) for g in _attach_small(groups, similarity, threshold, **kw))

    groups = [["a1", "a2"], ["b1", "b2"], ["x"], ["y"]]
    # x: mean 0.03 with a, 0.01 with b; y reaches 0.01 with neither
    assert attach(groups) == [["a1", "a2", "x"], ["b1", "b2"], ["y"]]
    # a page kept apart from a page of its nearest story joins the next one if near enough
    assert attach(groups, apart={"x": frozenset({"a2"}), "a2": frozenset({"x"})}) == [
        ["a1", "a2"], ["b1", "b2", "x"], ["y"]]
    # ... and never a story whose published pages lie too far from its own day
    far = {"a1": (100, 100), "b1": (100, 100), "x": (400, 400)}
    assert attach(groups, spans=far) == [["a1", "a2"], ["b1", "b2"], ["x"], ["y"]]
    # nothing to join: every group is small
    assert attach([["x"], ["y"]], 0.0) == [["x"], ["y"]]


def test_small_groups_join_larger_ones_but_two_larger_groups_never_merge():
    """A group of up to ``size`` pages joins the larger group it is nearest to; two groups larger than
    that stay apart however near they are (that merge is the agglomeration's, at its own threshold)."""
    from storyline.link.pagestories import _attach_small

    quake = ["q1", "q2", "q3"]
    flood = ["f1", "f2", "f3"]
    note = ["n1", "n2"]  # two short notes on the quake, weakly like it
    near = {frozenset(p): 0.2 for g in (quake, flood, note) for p in zip(g, g[1:], strict=False)}
    near |= {frozenset((a, b)): 0.05 for a in quake for b in flood}
    near |= {frozenset((a, b)): 0.03 for a in note for b in quake}
    near |= {frozenset((a, b)): 0.005 for a in note for b in flood}

    def similarity(p: str, q: str) -> float:
        return near.get(frozenset((p, q)), 0.0)

    found = _attach_small([quake, flood, note], similarity, 0.01, size=2, apart={}, spans={}, max_gap=180)
    assert sorted(sorted(g) for g in found) == [sorted(flood), sorted(quake + note)]
    # with size 3 the quake and flood reports are small too: small groups never merge with each other
    found = _attach_small([quake, flood, note], similarity, 0.01, size=3, apart={}, spans={}, max_gap=180)
    assert sorted(sorted(g) for g in found) == sorted(sorted(g) for g in (quake, flood, note))


def test_pages_far_apart_in_time_are_decided_as_page_similarity_decides_them():
    # the quick test on ordinals gives 0 exactly where the dates' window gap does, for every kind of window
    import itertools
    from datetime import date, timedelta

    from storyline.link.pagestories import _prepare, far_apart, window_gap

    day = date(2013, 3, 1)
    windows = [(None, None, None), (day, None, None), (None, day, day + timedelta(days=40)),
               (day + timedelta(days=13), None, None), (day + timedelta(days=14), None, None),
               (None, day - timedelta(days=30), day - timedelta(days=1)), (None, None, day + timedelta(days=20)),
               (None, day + timedelta(days=15), None)]
    features = [PageFeatures(doc_id=f"p{i}", version=1, outlet=None, published=pub, terms={"word": 1},
                             entities=frozenset(), dates=frozenset(), not_before=lo, not_after=hi)
                for i, (pub, lo, hi) in enumerate(windows)]
    pages = _prepare(features, StoryOptions())
    for a, b in itertools.product(features, repeat=2):
        for days in (1, 14, 30):
            assert far_apart(pages[a.doc_id], pages[b.doc_id], days) == (window_gap(a, b) >= days), (a, b, days)
