"""Pages kept apart: rival events (one type, the same sides, different named people) that the event
linker cannot link."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.link.apart import apart_pages, different_people, rivals
from storyline.link.blocking import day_range, type_family
from storyline.link.events import LinkFeatures, LinkOptions, evidence_words
from storyline.link.features import PageFeatures
from storyline.link.pagestories import (
    StoryOptions,
    agglomerate,
    assign_stories,
    options_with,
)


def _event(event_id: str, doc_id: str, evidence: str, *, type_: str = "CONSULT", actor: str = "PAK",
           recipient: str = "USA", day: str | None = None, actor_id: str | None = "person:general-a",
           recipient_id: str | None = None) -> LinkFeatures:
    dates = day_range(day)
    return LinkFeatures(event_id=event_id, doc_id=doc_id, type=type_, family=type_family(type_),
                        symmetric=type_ == "CONSULT", actor_ids=frozenset({actor_id} if actor_id else ()),
                        recipient_ids=frozenset({recipient_id} if recipient_id else ()), actor_codes=frozenset({actor}),
                        recipient_codes=frozenset({recipient}), dates=dates, anchor=dates,
                        words=evidence_words(evidence))


MEETING = "army chief met the visiting commander at headquarters to discuss border coordination"


def test_rival_events_that_do_not_link_keep_their_pages_apart():
    first = _event("a1", "a", MEETING)
    other_meeting = _event("b1", "b", "commanders reviewed the training programme for cadets and new recruits",
                           actor_id="person:general-b")
    same_meeting = _event("c1", "c", MEETING + " on Thursday", day="2012-03-28")
    apart = apart_pages([first, other_meeting, same_meeting])
    assert apart["a"] == {"b"} and apart["b"] == {"a", "c"}
    assert "c" not in apart["a"]  # the same meeting links: a and c may share a story


def test_a_page_pair_with_one_linked_event_is_not_kept_apart_by_another_pair():
    pages = [_event("a1", "a", MEETING), _event("a2", "a", "troops crossed the line", type_="ASSAULT"),
             _event("b1", "b", "officials toured a factory and praised exporters", actor_id="person:general-b"),
             _event("b2", "b", "troops crossed the line", type_="ASSAULT")]
    assert apart_pages(pages) == {}


def test_only_one_type_between_the_same_sides_makes_rivals():
    options = LinkOptions()
    meeting = _event("a1", "a", MEETING)
    other = "person:general-b"
    assert rivals(meeting, _event("b1", "b", "a visit", actor_id=other), options)
    assert not rivals(meeting, _event("b1", "b", "a visit", type_="ASSAULT", actor_id=other), options)
    assert not rivals(meeting, _event("b1", "b", "a visit", actor="IND", recipient="CHN", actor_id=other), options)
    assert not rivals(meeting, _event("a2", "a", "a visit", actor_id=other), options)  # one page: not two reports


def test_rivals_name_different_people_on_one_side():
    options = LinkOptions()
    meeting = _event("a1", "a", MEETING)
    # the same general, a group or no named person: nothing says the acts are two
    assert not rivals(meeting, _event("b1", "b", "a visit"), options)
    assert not rivals(meeting, _event("b1", "b", "a visit", actor_id="group:visiting-generals:PAK:MIL"), options)
    assert not rivals(meeting, _event("b1", "b", "a visit", actor_id=None), options)
    # one general among several names on the other report is one shared person
    shared = replace(_event("b1", "b", "a visit"), actor_ids=frozenset({"person:general-a", "person:general-b"}))
    assert not different_people(meeting, shared, options)


def test_one_surname_named_in_full_and_alone_is_no_evidence_of_two_people():
    options = LinkOptions()
    full = _event("a1", "a", MEETING, actor_id="person:amina-j-okafor:NGA")
    surname = _event("b1", "b", "a visit", actor_id="person:okafor:NGA")
    assert not different_people(full, surname, options)
    assert different_people(full, _event("b1", "b", "a visit", actor_id="person:bello:NGA"), options)


def test_a_symmetric_meeting_compares_people_on_either_pairing_of_sides():
    options = LinkOptions()
    # a met b's general: a's actor is b's recipient (swapped), so the same person is on both reports
    met = _event("a1", "a", MEETING, actor="PAK", recipient="USA", actor_id="person:general-a")
    swapped = _event("b1", "b", "a visit", actor="USA", recipient="PAK", actor_id="person:general-c",
                     recipient_id="person:general-a")
    assert not different_people(met, swapped, options)
    other = _event("b1", "b", "a visit", actor="USA", recipient="PAK", actor_id="person:general-c",
                   recipient_id="person:general-d")
    assert different_people(met, other, options)


def _page(doc_id: str, terms: dict[str, int]) -> PageFeatures:
    return PageFeatures(doc_id=doc_id, version=1, outlet=None, published=None, terms=terms,
                        entities=frozenset(), dates=frozenset())


@pytest.mark.parametrize("linkage", ["centroid", "global"])
def test_pages_kept_apart_never_share_a_story_however_alike(linkage):
    words = {"army": 3, "chief": 2, "commander": 3, "border": 2, "cooperation": 2}
    pages = [_page("a", words), _page("b", words), _page("c", words), _page("z", {"harvest": 3})]
    options = StoryOptions(linkage=linkage)
    together = {r.doc_id: r.story_id for r in assign_stories(pages, options=options)}
    assert together["a"] == together["b"] == together["c"]
    kept = {r.doc_id: r.story_id for r in assign_stories(pages, options=options,
                                                       apart={"a": frozenset({"b"}), "b": frozenset({"a"})})}
    assert kept["a"] != kept["b"]
    assert kept["c"] in (kept["a"], kept["b"])  # c is apart from neither


def test_agglomerate_skips_a_barred_merge_and_takes_the_next():
    sims = {("a", "b"): 0.9, ("a", "c"): 0.5, ("b", "c"): 0.05}

    def similarity(x: str, y: str) -> float:
        return sims.get((x, y), sims.get((y, x), 0.0))

    def everyone(x: str) -> list[str]:
        return [i for i in "abc" if i != x]

    assert sorted(agglomerate("abc", everyone, similarity, 0.2)) == [["a", "b", "c"]]
    barred = agglomerate("abc", everyone, similarity, 0.2, apart={"a": frozenset("b"), "b": frozenset("a")})
    assert sorted(barred) == [["a", "c"], ["b"]]


def test_keep_apart_is_a_boolean_setting():
    assert options_with(["keep_apart=true"]).keep_apart is True
    assert options_with(["keep_apart=no"]).keep_apart is False
    assert StoryOptions().keep_apart is True
    with pytest.raises(ValueError, match="keep_apart is true or false"):
        options_with(["keep_apart=maybe"])


def test_pages_of_one_story_made_before_are_not_compared_again(monkeypatch):
    # a pass asks only whether pages of different groups are apart: two pages that already share a story
    # only grow together, so their events are never scored against each other
    import storyline.link.apart as apart_module

    first = _event("a1", "a", MEETING)
    other_meeting = _event("b1", "b", "commanders reviewed the training programme for cadets and new recruits",
                           actor_id="person:general-b")
    third = _event("c1", "c", "generals inspected the new barracks and thanked the engineers",
                   actor_id="person:general-c")
    scored = []
    real = apart_module.pair_score
    monkeypatch.setattr(apart_module, "pair_score", lambda a, b, **kw: scored.append({a.doc_id, b.doc_id}) or real(a, b, **kw))
    everything = apart_pages([first, other_meeting, third])
    pairs_everything = len(scored)
    scored.clear()
    grouped = apart_pages([first, other_meeting, third], together={"a": "story-1", "b": "story-1"})
    assert {"a", "b"} not in scored and len(scored) < pairs_everything
    assert grouped["c"] == everything["c"]  # pairs across groups are as before
    assert "b" not in grouped.get("a", frozenset())
