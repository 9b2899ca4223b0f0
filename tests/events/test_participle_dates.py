"""A subjectless participle clause reports what came with its verb's act ("closed the crossing on
Tuesday, accusing X of ..."), so it shares that act's date."""

from __future__ import annotations

from tests.events.sentence_events import events_of, factual

SENTENCES = {
    "accuse": "Pakistan closed the border crossing on Tuesday, accusing Afghanistan of sheltering militants.",
    "demand": "Pakistan summoned the US ambassador on Tuesday, demanding an end to drone strikes.",
    "undated": "Pakistan closed the border crossing, accusing Afghanistan of sheltering militants.",
}
TUESDAY = "2021-03-02"  # the Tuesday before the pages' publication day, 2021-03-05


def _events(name: str, plover_type: str) -> list:
    return factual(events_of({name: SENTENCES[name]})[name], plover_type)


def test_participle_accusation_shares_the_closure_day() -> None:
    (closure,) = _events("accuse", "COERCE")
    (accusation,) = _events("accuse", "ACCUSE")
    assert closure.date == accusation.date == TUESDAY


def test_participle_demand_shares_the_summons_day() -> None:
    (demand,) = _events("demand", "REQUEST")
    assert demand.date == TUESDAY


def test_no_date_to_share_gives_none() -> None:
    (accusation,) = _events("undated", "ACCUSE")
    assert accusation.date is None
