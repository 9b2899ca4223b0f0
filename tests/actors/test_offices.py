"""Nationality of holders of multinational offices, bounded by dates."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from storyline.actors import resolve_page
from storyline.actors.offices import office_nationality, office_rows


def test_rows_parse():
    assert office_rows() and all(len(r.country) == 3 for r in office_rows())


def test_date_bounds():
    assert office_nationality("ISAF", {"commander"}, date(2010, 6, 1)).country == "USA"
    assert office_nationality("ISAF", {"commander"}, date(2005, 6, 1)) is None
    assert office_nationality("ISAF", {"spokesman"}, date(2010, 6, 1)) is None
    assert office_nationality("RSM", {"commander"}, date(2016, 1, 1)).country == "USA"


@pytest.fixture(scope="module")
def nlp():
    from storyline.nlp.pipeline import load_pipeline

    return load_pipeline()


def _person(nlp, text: str, when: date | None):
    doc = nlp(text)
    page = resolve_page("t", doc, to_stored=lambda i: i, published=when)
    return next(e for e in page.entities if e.kind == "person")


def test_office_holder_takes_the_nationality_of_the_period(nlp):
    text = "General Harold Whitcombe, commander of the Resolute Support Mission, met Afghan officials in Kabul."
    person = _person(nlp, text, date(2017, 5, 2))
    assert (person.country, person.affiliation) == ("USA", "NATO")
    assert person.country_evidence.startswith("office:RSM")


def test_outside_the_period_the_affiliation_stays(nlp):
    text = "General Harold Whitcombe, commander of the International Security Assistance Force, met Afghan officials."
    assert _person(nlp, text, date(2004, 5, 2)).country == "NATO"
