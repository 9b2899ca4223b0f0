"""A leader named by a family name written first ("President Xi") is found in the shipped dictionary;
"it" refers back to a body named as a role ("Nigeria's military said it ...")."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.actors.petrarch import shipped_dictionary
from tests.events.sentence_events import events_of, factual


def test_a_family_name_written_first_finds_its_bearer() -> None:
    hit = shipped_dictionary().lookup_surname("Xi", date(2015, 6, 1))
    assert hit is not None and hit[1].startswith("CHN")


def test_a_last_name_still_comes_first() -> None:
    hit = shipped_dictionary().lookup_surname("Putin", date(2015, 6, 1))
    assert hit is not None and hit[1].startswith("RUS")


def test_a_common_first_word_names_nobody() -> None:
    assert shipped_dictionary().lookup_surname("John", date(2015, 6, 1)) is None


@pytest.fixture(scope="module")
def events():
    return events_of({
        "xi": "The Indian prime minister held talks with President Xi in Wuhan.",
        "military_it": "The Chadian military said it killed 30 Boko Haram fighters.",
        "government_it": "The Kenyan government said it had expelled two Somali diplomats.",
    }, published="2015-06-01")


def test_a_titled_family_name_is_a_side(events) -> None:
    found = factual(events["xi"], "CONSULT")
    assert found and found[0].actor_codes() | found[0].recipient_codes() == {"IND", "CHN"}, events["xi"]


@pytest.mark.parametrize(("name", "code"), [("military_it", "TCD"), ("government_it", "KEN")])
def test_it_refers_to_a_body_named_as_a_role(events, name, code) -> None:
    found = [e for e in factual(events[name]) if e.type in {"ASSAULT", "SANCTION"}]
    assert found and found[0].actor_codes() == {code}, events[name]
