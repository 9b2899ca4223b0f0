"""Story events from hand-built events of our own making (other countries, other names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.actors.alliances import alliances
from storyline.events.records import (
    Event,
    EventLocation,
    EventParticipant,
    Evidence,
    event_id,
)
from storyline.link.blocking import BlockIndex, day_range, linking_words
from storyline.link.events import (
    LinkOptions,
    Node,
    build_story,
    cluster,
    features_of,
    link_events,
    link_stories,
    pair_score,
)
from storyline.model import Document
from storyline.store import Store
from storyline.store.events import insert_events
from storyline.store.stories import (
    PageInfo,
    load_stories,
    story_detail,
    story_ids_by_event,
    story_rows,
)


def side(name: str, country: str, actor_id: str | None = None) -> EventParticipant:
    return EventParticipant(text=name, name=name, actor_id=actor_id, local_entity=None, country=country, sector=None,
                            start=0, end=len(name))


def make_event(doc_id: str, type_: str, actors: list[EventParticipant], recipients: list[EventParticipant], text: str,
               *, date: str | None = None, place: tuple[str, str] | None = None, at: int = 0,
               negated: bool = False) -> Event:
    precision = None if date is None else ("day" if len(date) == 10 else "month")
    return Event(
        event_id=event_id(doc_id, type_, at, at + 3), doc_id=doc_id, type=type_, mode=None, actors=tuple(actors),
        recipients=tuple(recipients), evidence=Evidence(text=text, start=at, end=at + len(text)),
        trigger=Evidence(text=text[:3], start=at, end=at + 3), date=date, date_precision=precision,
        location=EventLocation(text=place[0], country=place[1], lat=None, lon=None) if place else None,
        negated=negated, quad_class=1, goldstein=1.0, symmetric=type_ in {"CONSULT", "AGREE"},
    )


RUTO = side("President William Ruto", "KEN", "person:william-ruto:KEN")
MUSEVENI = side("President Yoweri Museveni", "UGA", "person:yoweri-museveni:UGA")
CHILE_NAVY = side("Chilean navy", "CHL", "organisation:CHL-NAVY")
PERU = side("Peru", "PER", "state:PER")
MEETING = ("President William Ruto met President Yoweri Museveni in Kampala on Tuesday to discuss the "
           "Malaba border crossing and fuel trucks.")
MEETING_2 = ("Kenya's William Ruto held talks with Uganda's Yoweri Museveni in Kampala about reopening the Malaba "
             "crossing for fuel trucks.")


def pages(**published: str | None) -> dict[str, PageInfo]:
    return {d: PageInfo(doc_id=d, published=p, outlet=f"{d}.example", source=f"outlet:{d}.example")
            for d, p in published.items()}


def test_same_meeting_on_two_pages_is_one_story_with_two_sources() -> None:
    a = make_event("ke1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03", place=("Kampala", "UGA"))
    b = make_event("ug1", "CONSULT", [MUSEVENI], [RUTO], MEETING_2, date="2014-06-03", place=("Kampala", "UGA"))
    stories = link_stories([a, b], pages(ke1="2014-06-03", ug1="2014-06-04"))
    assert len(stories) == 1
    story = stories[0]
    assert (story.pages, story.sources) == (2, 2)
    assert story.date == "2014-06-03" and story.date_source == "reported"
    assert (story.first_seen, story.last_seen) == ("2014-06-03", "2014-06-04")
    assert {p.actor_id for p in story.sides} == {RUTO.actor_id, MUSEVENI.actor_id}
    assert story.disagreements == ()


def test_syndicated_copy_is_two_pages_one_source() -> None:
    a = make_event("w1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03")
    b = make_event("w2", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03")
    info = {"w1": PageInfo(doc_id="w1", published="2014-06-03", outlet="wire.example", source="outlet:wire.example"),
            "w2": PageInfo(doc_id="w2", published="2014-06-03", outlet="paper.example", source="outlet:wire.example")}
    [story] = link_stories([a, b], info)
    assert (story.pages, story.sources) == (2, 1)


def test_monthly_meetings_of_the_same_leaders_stay_apart() -> None:
    events = [make_event(f"m{i}", "CONSULT", [RUTO], [MUSEVENI], MEETING, date=f"2014-0{i}-03") for i in (3, 4, 5)]
    stories = link_stories(events, pages(m3="2014-03-03", m4="2014-04-03", m5="2014-05-03"))
    assert len(stories) == 3


def test_two_events_of_one_page_are_never_linked() -> None:
    a = make_event("one", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03")
    b = make_event("one", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03", at=200)
    assert pair_score(features_of(a), features_of(b)) == 0.0
    assert len(link_stories([a, b])) == 2


def test_month_precision_date_is_compatible_with_a_day_in_that_month() -> None:
    a = make_event("d1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03")
    b = make_event("d2", "CONSULT", [RUTO], [MUSEVENI], MEETING_2, date="2014-06")
    [story] = link_stories([a, b])
    assert (story.date, story.date_precision) == ("2014-06-03", "day")
    assert not [d for d in story.disagreements if d.field == "date"]
    c = make_event("d3", "CONSULT", [RUTO], [MUSEVENI], MEETING_2, date="2014-07")
    assert len(link_stories([a, c])) == 2


def test_undated_report_joins_only_on_strong_agreement_and_gets_the_inferred_date() -> None:
    dated = make_event("p1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03", place=("Kampala", "UGA"))
    strong = make_event("p2", "CONSULT", [RUTO], [MUSEVENI], MEETING_2, place=("Kampala", "UGA"))
    weak = make_event("p3", "CONSULT", [side("Kenya", "KEN")], [side("Uganda", "UGA")],
                      "Officials from both countries will hold more talks on customs procedures.")
    stories = {len(s.reports): s for s in link_stories([dated, strong, weak])}
    assert set(stories) == {1, 2}
    pair = stories[2]
    assert {r.doc_id for r in pair.reports} == {"p1", "p2"}
    inferred = {r.doc_id: r.inferred_date for r in pair.reports}
    assert inferred == {"p1": None, "p2": "2014-06-03"}
    assert pair.date_source == "reported"


def test_number_disagreement_is_listed_with_its_pages() -> None:
    text = "A navy patrol boat fired on a fishing fleet near the maritime border, killing {n} fishermen and sailors."
    a = make_event("n1", "ASSAULT", [CHILE_NAVY], [PERU], text.format(n="24"), date="2015-09-14")
    b = make_event("n2", "ASSAULT", [CHILE_NAVY], [PERU], text.format(n="25"), date="2015-09-14")
    [story] = link_stories([a, b])
    numbers = {(d.value, d.doc_ids) for d in story.disagreements if d.field == "number:sailors"}
    assert numbers == {("24", ("n1",)), ("25", ("n2",))}


def test_date_disagreement_of_a_strongly_agreeing_report_is_listed() -> None:
    a = make_event("s1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03", place=("Kampala", "UGA"))
    b = make_event("s2", "CONSULT", [MUSEVENI], [RUTO], MEETING_2, date="2014-06-06", place=("Kampala", "UGA"))
    [story] = link_stories([a, b])
    dates = {(d.value, d.doc_ids) for d in story.disagreements if d.field == "date"}
    assert dates == {("2014-06-03", ("s1",)), ("2014-06-06", ("s2",))}


def test_only_factual_events_form_stories() -> None:
    a = make_event("f1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03")
    b = make_event("f2", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03", negated=True)
    [story] = link_stories([a, b])
    assert [r.doc_id for r in story.reports] == ["f1"]


def test_related_types_link_and_conflicting_sides_do_not() -> None:
    text = "Chile imposed sanctions on Peruvian fishing companies over the anchovy quota dispute."
    a = make_event("t1", "SANCTION", [side("Chile", "CHL")], [PERU], text, date="2015-09-14")
    b = make_event("t2", "COERCE", [side("Chile", "CHL")], [PERU], text, date="2015-09-14")
    c = make_event("t3", "SANCTION", [side("Bolivia", "BOL")], [PERU], text, date="2015-09-14")
    assert pair_score(features_of(a), features_of(b)) > 0
    assert pair_score(features_of(a), features_of(c)) == 0.0
    assert pair_score(features_of(a), features_of(make_event("t4", "AID", [side("Chile", "CHL")], [PERU], text,
                                                              date="2015-09-14"))) == 0.0


def test_place_countries_disagree_only_for_acts_placed_where_they_happened() -> None:
    """Two reports placing a strike in two countries weigh against one event; a sanction announced
    in one capital and reported from another does not."""
    sanction = "Chile imposed sanctions on Peruvian fishing companies over the anchovy quota dispute."
    a = make_event("t1", "SANCTION", [side("Chile", "CHL")], [PERU], sanction, place=("Santiago", "CHL"))
    b = make_event("t2", "SANCTION", [side("Chile", "CHL")], [PERU], sanction, place=("Lima", "PER"))
    unplaced = make_event("t3", "SANCTION", [side("Chile", "CHL")], [PERU], sanction)
    assert pair_score(features_of(a), features_of(b)) == pair_score(features_of(a), features_of(unplaced)) > 0
    strike = "Chilean warships shelled a Peruvian patrol boat near the maritime border, killing two sailors."
    c = make_event("t4", "ASSAULT", [CHILE_NAVY], [PERU], strike, place=("Arica", "CHL"))
    d = make_event("t5", "ASSAULT", [CHILE_NAVY], [PERU], strike, place=("Tacna", "PER"))
    e = make_event("t6", "ASSAULT", [CHILE_NAVY], [PERU], strike)
    assert pair_score(features_of(c), features_of(d)) < pair_score(features_of(c), features_of(e))


def test_cluster_never_puts_one_page_twice_in_a_story() -> None:
    nodes = {"a": Node(doc_id="p1", dates=None), "b": Node(doc_id="p2", dates=None), "c": Node(doc_id="p1", dates=None)}
    assignment = cluster(nodes, [("a", "b", 0.9), ("b", "c", 0.8)])
    assert assignment["a"] == assignment["b"] != assignment["c"]


def test_one_stray_link_does_not_chain_two_stories() -> None:
    nodes = {n: Node(doc_id=n, dates=None) for n in ("a1", "a2", "a3", "b1", "b2", "b3")}
    links = [("a1", "a2", 0.9), ("a1", "a3", 0.9), ("a2", "a3", 0.9), ("b1", "b2", 0.9), ("b1", "b3", 0.9),
             ("b2", "b3", 0.9), ("a3", "b1", 0.6)]
    assignment = cluster(nodes, links)
    assert len(set(assignment.values())) == 2
    assert assignment["a1"] == assignment["a3"] and assignment["b1"] == assignment["b3"]


def test_story_id_is_derived_from_the_earliest_report() -> None:
    a = make_event("early", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03")
    b = make_event("late", "CONSULT", [RUTO], [MUSEVENI], MEETING_2, date="2014-06-03")
    info = pages(early="2014-06-03", late="2014-06-05")
    first = build_story([b, a], info)
    assert first.story_id == build_story([a, b], info).story_id
    assert first.story_id == link_stories([a], info)[0].story_id


def test_linking_data_parses_and_dates_cover_their_days() -> None:
    words = linking_words()
    assert words.family_of["SANCTION"] == words.family_of["COERCE"] != words.family_of["CONSULT"]
    assert "NATO" in alliances().member_of["TUR"]
    assert day_range("2014-02") == (day_range("2014-02-01")[0], day_range("2014-02-28")[0])  # type: ignore[index]
    assert day_range("not a date") is None


def test_block_index_finds_near_buckets_and_forgets_old_ones() -> None:
    a = features_of(make_event("b1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03"))
    b = features_of(make_event("b2", "CONSULT", [MUSEVENI], [RUTO], MEETING, date="2014-06-09"))
    far = features_of(make_event("b3", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2015-06-03"))
    index = BlockIndex()
    index.add(a.event_id, a.keys())
    assert index.candidates(b.keys()) == {a.event_id}
    assert index.candidates(far.keys()) == set()
    index.evict_before(far.keys()[0].bucket or 0)
    assert index.candidates(b.keys()) == set()


# -- through the store ----------------------------------------------------------------------------


def _document(doc_id: str, published: str | None, outlet: str) -> Document:
    return Document(doc_id=doc_id, version=1, source=f"{doc_id}.txt", fmt="text", url=f"https://{outlet}/{doc_id}",
                    outlet=outlet, title=doc_id, published=published, published_source="page",
                    ingested_at="2020-01-01T00:00:00", text="x" * 400, content_hash=f"hash-{doc_id}")


def _add_page(store: Store, doc_id: str, published: str | None, outlet: str, events: list[Event]) -> None:
    store.add_document(_document(doc_id, published, outlet))
    with store.transaction():
        insert_events(store, doc_id=doc_id, version=1, events=events, quotes=())


def _corpus() -> list[tuple[str, str | None, str, list[Event]]]:
    text = "A navy patrol boat fired on a fishing fleet near the maritime border, killing {n} fishermen and sailors."
    return [
        ("ke1", "2014-06-03", "nairobi-star.example",
         [make_event("ke1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03", place=("Kampala", "UGA"))]),
        ("ug1", None, "kampala-times.example",
         [make_event("ug1", "CONSULT", [MUSEVENI], [RUTO], MEETING_2, place=("Kampala", "UGA"))]),
        ("ke2", "2014-07-02", "nairobi-star.example",
         [make_event("ke2", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-07-01", place=("Kampala", "UGA"))]),
        ("cl1", "2015-09-15", "santiago-news.example",
         [make_event("cl1", "ASSAULT", [CHILE_NAVY], [PERU], text.format(n="24"), date="2015-09-14")]),
        ("pe1", "2015-09-15", "lima-daily.example",
         [make_event("pe1", "ASSAULT", [CHILE_NAVY], [PERU], text.format(n="25"), date="2015-09-14")]),
        ("pe2", "2015-09-16", "andes-wire.example",
         [make_event("pe2", "ASSAULT", [CHILE_NAVY], [PERU], text.format(n="25"), date="2015-09-14")]),
    ]


def _snapshot(store: Store) -> list[tuple]:
    return [(s.story_id, s.type, s.date, s.pages, s.sources, s.first_seen, s.last_seen,
             tuple(sorted((r.event_id, r.inferred_date) for r in s.reports)),
             tuple(sorted((d.field, d.value, d.doc_ids) for d in s.disagreements))) for s in load_stories(store)]


def test_store_linking_counts_near_duplicates_once_and_keeps_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for page in _corpus():
            _add_page(store, *page)
        store.con.execute("INSERT INTO near_duplicates VALUES ('pe2', 'pe1', 0.93)")
        report = link_events(store)
        assert report.new_events == 6 and report.stories == 3
        by_type = {s.type: s for s in load_stories(store) if s.pages > 1}
        assault = by_type["ASSAULT"]
        assert (assault.pages, assault.sources) == (3, 2)
        assert {(d.value, d.doc_ids) for d in assault.disagreements} == {("24", ("cl1",)), ("25", ("pe1", "pe2"))}
        meeting = by_type["CONSULT"]
        assert {r.doc_id: r.inferred_date for r in meeting.reports} == {"ke1": None, "ug1": "2014-06-03"}
        assert story_detail(store, meeting.story_id) == meeting
        assert story_detail(store, "story-nothing") is None
        assert len(story_ids_by_event(store)) == 6
        assert {row["story_id"] for row in story_rows(store)} == {s.story_id for s in load_stories(store)}
        assert link_events(store).new_events == 0


@pytest.mark.parametrize("split", [1, 3, 5])
def test_incremental_linking_gives_the_batch_result(tmp_path: Path, split: int) -> None:
    corpus = _corpus()
    with Store(tmp_path / "batch.duckdb") as batch:
        for page in corpus:
            _add_page(batch, *page)
        link_events(batch)
        expected = _snapshot(batch)
    with Store(tmp_path / "incremental.duckdb") as store:
        for page in corpus[split:]:
            _add_page(store, *page)
        link_events(store)
        for page in corpus[:split]:
            _add_page(store, *page)
        second = link_events(store)
        assert second.new_events == split
        assert _snapshot(store) == expected


def test_events_of_a_page_read_again_leave_their_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        for page in _corpus():
            _add_page(store, *page)
        link_events(store)
        store.con.execute("DELETE FROM events WHERE doc_id = 'pe1'")
        report = link_events(store)
        assert report.gone_events == 1
        assault = next(s for s in load_stories(store) if s.type == "ASSAULT")
        assert {r.doc_id for r in assault.reports} == {"cl1", "pe2"}
        assert link_events(store, rebuild=True).stories == report.stories


def test_options_change_the_threshold() -> None:
    a = features_of(make_event("o1", "CONSULT", [RUTO], [MUSEVENI], MEETING, date="2014-06-03"))
    b = features_of(make_event("o2", "CONSULT", [RUTO], [MUSEVENI], MEETING_2, date="2014-06-03"))
    assert pair_score(a, b) > 0
    assert pair_score(a, b, options=LinkOptions(threshold=0.99, strong=0.99)) == 0.0


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("a cross-border strike killed 11 Chilean sailors in November", "2016-03-10", ("2015-11-01", "2015-11-30")),
    ("The October 4 raid, for which Peru apologised", "2016-03-10", ("2015-10-04", "2015-10-04")),
    ("the talks held in March", "2016-03-10", ("2016-03-01", "2016-03-31")),
    ("the talks held in September", "2016-03-10", ("2015-09-01", "2015-09-30")),  # back rather than ahead
    ("set a December 11 deadline after the raid", "2016-11-28", ("2016-12-11", "2016-12-11")),  # days ahead
    ("the summit in February", "2016-02-29", ("2016-02-01", "2016-02-29")),
    ("the talks held in March 2014", "2016-03-10", None),  # a year given: the reader resolved it already
    ("talks in March and a strike in May", "2016-03-10", None),  # two months: which one is the event's?
    ("Mr May said the strike killed 11 sailors", "2016-03-10", None),
    ("a strike killed 11 sailors in November", None, None),
])
def test_named_month_of_an_undated_report(text: str, reference: str | None,
                                          expected: tuple[str, str] | None) -> None:
    from datetime import date

    from storyline.link.events import named_month

    found = named_month(text, reference)
    assert (found and tuple(date.fromordinal(d).isoformat() for d in found)) == expected


def test_undated_background_report_links_to_the_dated_report_of_its_month() -> None:
    dated = make_event("cl1", "ASSAULT", [CHILE_NAVY], [PERU],
                       "On November 3, Chilean warships shelled a Peruvian patrol boat, killing two sailors.",
                       date="2015-11-03")
    undated = make_event("pe1", "ASSAULT", [CHILE_NAVY], [PERU],
                         "Relations soured after Chilean warships shelled a Peruvian patrol boat in November.")
    stories = link_stories([dated, undated], pages(cl1="2015-11-04", pe1="2016-02-20"))
    assert len(stories) == 1 and {r.doc_id for r in stories[0].reports} == {"cl1", "pe1"}


def test_an_undated_page_takes_its_reference_date_from_its_url_month(tmp_path: Path) -> None:
    from dataclasses import replace

    from storyline.store.stories import page_infos

    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(replace(_document("m1", None, "blog.example"),
                                   url="http://blog.example/2012/02/general-to-visit.html"))
        store.add_document(_document("m2", None, "wire.example"))
        infos = page_infos(store)
    assert infos["m1"].reference == "2012-02-29"  # the month's last day: no day of it is named
    assert infos["m2"].reference is None



def test_an_undated_page_story_shares_its_pages_own_reference_dates(tmp_path: Path) -> None:
    from dataclasses import replace

    from storyline.store.links import PageStory, save_page_stories
    from storyline.store.stories import page_infos

    with Store(tmp_path / "s.duckdb") as store:
        store.add_document(replace(_document("f1", None, "blog.example"),
                                   url="http://blog.example/2012/02/general-to-visit.html"))
        store.add_document(_document("f2", None, "radio.example"))  # no date, no URL month
        store.add_document(_document("f3", None, "other.example"))
        save_page_stories(store, [PageStory(doc_id="f1", story_id="ps-1", score=None),
                                  PageStory(doc_id="f2", story_id="ps-1", score=0.3)])
        infos = page_infos(store)
    assert infos["f1"].reference == infos["f2"].reference == "2012-02-29"
    assert infos["f3"].reference is None  # not in the story
