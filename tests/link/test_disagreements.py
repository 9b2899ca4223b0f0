"""Disagreements between reports of one story event: dates, places, counted numbers."""

from __future__ import annotations

from storyline.events.records import Event, EventLocation, EventParticipant, Evidence
from storyline.link.disagreements import (
    counted_numbers,
    date_disagreements,
    find_disagreements,
    number_disagreements,
    place_disagreements,
)


def _event(doc_id: str, text: str, *, date: str | None = None, country: str | None = None) -> Event:
    side = EventParticipant(text="Ghana", name="Ghana", actor_id=None, local_entity=None, country="GHA", sector=None,
                            start=0, end=5)
    return Event(event_id=f"{doc_id}-e", doc_id=doc_id, type="ASSAULT", mode=None, actors=(side,), recipients=(),
                 evidence=Evidence(text=text, start=0, end=len(text)), trigger=Evidence(text="x", start=0, end=1),
                 date=date, location=EventLocation(text=country or "", country=country, lat=None, lon=None)
                 if country else None)


def test_counted_numbers_attach_to_nouns_and_skip_days_and_years() -> None:
    text = "Gunmen killed 24 Ghanaian soldiers and seven civilians on May 2, 2019 near 3 border posts."
    assert counted_numbers(text) == {"soldiers": {24}, "civilians": {7}, "posts": {3}}
    assert counted_numbers("The March 26 strikes and the 2011 raid") == {}
    assert counted_numbers("at least 1,200 people fled") == {"people": {1200}}
    assert counted_numbers("21 Ghanaian and Togolese officials") == {"officials": {21}}


def test_number_disagreement_lists_each_value_with_its_pages() -> None:
    events = [_event("a", "The raid killed 24 soldiers."), _event("b", "The raid left 25 soldiers dead."),
              _event("c", "Officials said 25 soldiers died.")]
    rows = {(d.field, d.value, d.doc_ids) for d in number_disagreements(events)}
    assert rows == {("number:soldiers", "24", ("a",)), ("number:soldiers", "25", ("b", "c"))}
    assert number_disagreements(events[1:]) == []


def test_dates_disagree_only_when_neither_covers_the_other() -> None:
    agree = [_event("a", "x", date="2019-05"), _event("b", "x", date="2019-05-02")]
    assert date_disagreements(agree) == []
    clash = [_event("a", "x", date="2019-05-02"), _event("b", "x", date="2019-05-06"), _event("c", "x")]
    assert {(d.value, d.doc_ids) for d in date_disagreements(clash)} == {("2019-05-02", ("a",)), ("2019-05-06", ("b",))}


def test_places_disagree_across_countries() -> None:
    events = [_event("a", "x", country="GHA"), _event("b", "x", country="TGO"), _event("c", "x")]
    assert {(d.value, d.doc_ids) for d in place_disagreements(events)} == {("GHA", ("a",)), ("TGO", ("b",))}
    assert place_disagreements(events[:1]) == []
    assert [d.field for d in find_disagreements(events)] == ["place", "place"]
