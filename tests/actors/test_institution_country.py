"""A bare national institution ("the army", "the military", "the armed forces") takes the country
of the page's other military mentions when exactly one country has them; plural people
("officials", "generals") never borrow one. Sentences of our own making."""

from __future__ import annotations

import pytest

from tests.events.sentence_events import events_of, factual

from storyline.actors.names import rules
from storyline.events.records import Event
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import read_documents

SENTENCES = {
    "one_country": "Mali's army chief spoke on Monday. On Wednesday the military seized power and suspended "
                   "the constitution, dissolving parliament.",
    "armed_forces": "Sudan's army chief spoke on Monday. He said the armed forces had taken complete control of the state.",
    "curfew": "The Bolivian military held talks on Monday. The army later imposed a nationwide curfew.",
    "two_countries": "The Kenyan army met the Somali army on Monday. The army imposed a curfew.",
    "officials": "US officials met on Monday. Pakistani officials disagreed. Officials said talks failed.",
    "generals": "Chile's army chief spoke on Monday. Generals said the talks failed.",
}


@pytest.fixture(scope="module")
def countries() -> dict[str, dict[str, str | None]]:
    """Each page's entity names (lower case) and their countries."""
    docs = [build_document(Page(doc_id=name, source="test", fmt="text", content=f"World news\n\n{text}\n",
                                published="2021-03-05")) for name, text in SENTENCES.items()]
    return {page.document.doc_id: {e.name.lower(): e.country for e in page.actors.entities}
            for page in read_documents(docs)}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


def test_bare_military_takes_the_one_country_of_the_pages_military(countries: dict[str, dict[str, str | None]]) -> None:
    assert countries["one_country"]["military"] == "MLI"
    assert countries["curfew"]["army"] == "BOL"


def test_a_takeover_by_the_bare_military_is_domestic_coercion(events: dict[str, list[Event]]) -> None:
    [seizure] = factual(events["one_country"], "COERCE")
    assert seizure.actor_codes() == {"MLI"} and seizure.recipient_codes() == {"MLI"}
    [curfew] = factual(events["curfew"], "COERCE")
    assert curfew.actor_codes() == {"BOL"} and curfew.recipient_codes() == {"BOL"}


def test_armed_forces_is_an_institution_mention_that_borrows(countries: dict[str, dict[str, str | None]],
                                                             events: dict[str, list[Event]]) -> None:
    assert countries["armed_forces"]["armed forces"] == "SDN"
    [takeover] = factual(events["armed_forces"], "COERCE")
    assert takeover.actor_codes() == {"SDN"} and takeover.recipient_codes() == {"SDN"}


def test_two_military_countries_lend_none(countries: dict[str, dict[str, str | None]]) -> None:
    assert countries["two_countries"]["army"] is None


def test_plural_officials_borrow_no_country(countries: dict[str, dict[str, str | None]]) -> None:
    page = countries["officials"]
    assert page["us officials"] == "USA" and page["pakistani officials"] == "PAK"
    assert page["officials"] is None


def test_plural_generals_borrow_no_country(countries: dict[str, dict[str, str | None]]) -> None:
    assert countries["generals"]["generals"] is None


def test_institution_heads_parse_and_hold_no_plural_people() -> None:
    heads = rules().institution_heads
    assert {"army", "military", "armed forces"} <= heads
    assert not heads & {"officials", "generals", "soldiers", "troops", "commanders"}
    assert rules().institution_source_sectors == frozenset({"MIL"})
