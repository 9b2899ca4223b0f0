"""A hostile act's guessed target is never the actor's own alliance or one of its members: a NATO
strike in a sentence that names the US is not a strike on the US. Cooperation keeps allies."""

from __future__ import annotations

import pytest

from storyline.events.extract import extract_events, own_side
from storyline.events.records import EventParticipant
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents


def _events(text: str) -> list[tuple[str, set[str | None], set[str | None]]]:
    doc = build_document(Page(doc_id="t", source="test", fmt="text", content=f"World news\n\n{text}\n",
                              published="2011-11-27"))
    [page] = list(read_documents([doc]))
    return [(e.type, {a.country for a in e.actors}, {r.country for r in e.recipients})
            for e in extract_events(page) if e.factual]


def _side(country: str) -> EventParticipant:
    return EventParticipant(text=country, name=country, actor_id=None, local_entity=None, country=country,
                            sector=None, start=0, end=len(country), affiliation=None, kind="state")


@pytest.mark.parametrize(("text", "country"), [
    ("Moldova on Tuesday instructed the United States to vacate its bases and halt the convoys in retaliation "
     "for a lethal cross-border Nato air strike.", "MDA"),
    ("Following a deadly Nato air strike on its border posts, Serbia ordered the United States on Tuesday to "
     "leave two air bases.", "SRB"),
    ("Ukraine demanded on Tuesday that the United States leave its bases, a day after a deadly Nato air strike "
     "near the frontier.", "UKR"),
])
def test_a_strike_by_an_alliance_does_not_fall_on_its_member(text: str, country: str) -> None:
    found = _events(text)
    strikes = [(actors, targets) for kind, actors, targets in found if kind == "ASSAULT"]
    assert strikes and all(actors == {"NATO"} and "USA" not in targets for actors, targets in strikes)
    assert ({"NATO"}, {country}) in strikes


def test_own_side_widens_to_alliances_only_for_hostile_acts() -> None:
    nato = (_side("NATO"),)
    assert own_side(nato) == {"NATO"}
    assert {"NATO", "USA", "TUR"} <= own_side(nato, hostile=True)
    assert own_side((_side("USA"),), hostile=True) >= {"USA", "NATO"}
    assert "RUS" not in own_side(nato, hostile=True)
