"""Story linking with page evidence: page stories, lead events and page reference dates (hand-made events)."""

from __future__ import annotations

from storyline.link.events import lead_events, link_stories
from storyline.store.stories import PageInfo

from tests.link.test_story_events import make_event, side

GENERALS = side("Two senior Brazilian generals", "BRA", "group:two-senior-brazilian-generals:BRA:MIL")
ARMY_CHIEF = side("the Bolivian army chief", "BOL", "person:juan-perez:BOL")
SILVA = side("General Ana Silva", "BRA", "person:ana-silva:BRA")
OFFICERS = side("Bolivian military officers", "BOL", "group:bolivian-military-officers:BOL:MIL")
DATED = "Two senior Brazilian generals held talks with the Bolivian army chief in La Paz on Monday."
UNDATED = "General Ana Silva discussed smuggling routes and river patrols with Bolivian military officers."


def _pages(story_a: str | None, story_b: str | None, *, reference: str | None = "2019-05-06") -> dict[str, PageInfo]:
    return {
        "a": PageInfo(doc_id="a", published="2019-05-06", outlet="a.example", source="outlet:a.example",
                      page_story=story_a),
        "b": PageInfo(doc_id="b", published=None, outlet="b.example", source="outlet:b.example",
                      page_story=story_b, reference=reference),
    }


def _events() -> list:
    return [make_event("a", "CONSULT", [GENERALS], [ARMY_CHIEF], DATED, date="2019-05-06", at=10),
            make_event("b", "CONSULT", [SILVA], [OFFICERS], UNDATED, at=5)]


def test_lead_events_of_one_page_story_link_and_the_undated_page_gets_the_date() -> None:
    stories = link_stories(_events(), _pages("ps-1", "ps-1"))
    assert len(stories) == 1 and stories[0].pages == 2 and stories[0].sources == 2
    report = next(r for r in stories[0].reports if r.doc_id == "b")
    assert report.inferred_date == "2019-05-06"


def test_without_a_shared_page_story_weak_reports_stay_apart() -> None:
    assert len(link_stories(_events(), _pages("ps-1", "ps-2"))) == 2
    assert len(link_stories(_events(), _pages(None, None))) == 2


def test_lead_event_is_the_first_factual_event_of_its_page() -> None:
    first = make_event("a", "CONSULT", [GENERALS], [ARMY_CHIEF], DATED, at=50)
    later = make_event("a", "AGREE", [GENERALS], [ARMY_CHIEF], DATED, at=120)
    denied = make_event("a", "CONSULT", [SILVA], [OFFICERS], UNDATED, at=1, negated=True)
    assert lead_events([later, first, denied]) == {first.event_id}


def test_undated_reports_of_pages_years_apart_never_link() -> None:
    text = "Kenyan police fired tear gas at protesters in Nairobi over the new fuel tax."
    police = side("Kenyan police", "KEN", "organisation:KEN-POLICE")
    crowd = side("protesters", "KEN", "group:protesters:KEN:CVL")
    events = [make_event("a", "COERCE", [police], [crowd], text), make_event("b", "COERCE", [police], [crowd], text)]
    near = {"a": PageInfo(doc_id="a", published="2018-09-20", outlet=None, source="page:a"),
            "b": PageInfo(doc_id="b", published="2018-09-22", outlet=None, source="page:b")}
    far = {**near, "b": PageInfo(doc_id="b", published="2021-02-01", outlet=None, source="page:b")}
    assert len(link_stories(events, near)) == 1
    assert len(link_stories(events, far)) == 2


def test_pages_of_a_page_story_only_renamed_are_not_linked_again(tmp_path):
    from storyline.store import Store
    from storyline.store.stories import changed_page_state

    def info(doc_id: str, story: str | None, published: str = "2019-05-06") -> PageInfo:
        return PageInfo(doc_id=doc_id, published=published, outlet=None, source=f"page:{doc_id}", page_story=story)

    with Store(tmp_path / "s.duckdb") as store:
        with store.transaction():
            assert changed_page_state(store, {"p1": info("p1", "A"), "p2": info("p2", "A"), "p3": info("p3", "C"),
                                              "p5": info("p5", "C"), "p6": info("p6", "E"), "p7": info("p7", "E")}) == []
        with store.transaction():
            changed = changed_page_state(store, {
                "p1": info("p1", "B"), "p2": info("p2", "B"),  # A renamed B: linking sees the same pairs
                "p3": info("p3", "D"), "p4": info("p4", "D"),  # C renamed D, and a new page joins it
                "p5": info("p5", None),  # ... but C's other page left: not a rename
                "p6": info("p6", "E"), "p7": info("p7", "E", published="2019-05-07")})  # another date hint
        assert sorted(changed) == ["p3", "p5", "p7"]
        assert dict(store.con.execute("SELECT doc_id, page_story FROM story_page_state").fetchall())["p1"] == "B"
