"""Actor knowledge base: countries, organisations and sectors on text of our own making."""

from __future__ import annotations


import pytest

from storyline.actors.kb import load_kb, phrase_key, plural, sector_codes, tokenize


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_kb_loads_once() -> None:
    load_kb.cache_clear()
    first = load_kb()
    assert load_kb() is first


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Pakistan's", "PAK", "name"),
        ("the U.S. embassy", "USA", "name"),
        ("US officials", "USA", "name"),
        ("American diplomats", "USA", "demonym"),
        ("two Ghanaian ministers", "GHA", "demonym"),
        ("Peruvians voted", "PER", "demonym"),
        ("the Dutch government", "NLD", "demonym"),
        ("Britain", "GBR", "name"),
        ("Türkiye and Turkey", "TUR", "name"),
        ("Côte d'Ivoire", "CIV", "name"),
        ("Ivory Coast", "CIV", "name"),
        ("the Democratic Republic of the Congo", "COD", "name"),
        ("Kosovar police", "XKX", "demonym"),
        ("Ottawa", "CAN", "capital"),
        ("Kyiv", "UKR", "capital"),
        ("Kiev", "UKR", "capital"),
    ],
)
def test_country_of(kb, text: str, code: str, kind: str) -> None:
    match = kb.country_of(text)
    assert match is not None and (match.code, match.kind) == (code, kind)
    assert text[match.start : match.end] == match.matched


def test_capital_metonymy_is_government(kb) -> None:
    match = kb.country_of("Nairobi rejected the claims")
    assert (match.code, match.kind, match.sector) == ("KEN", "capital", "GOV")
    assert kb.country_of("Kenya").sector is None


def test_longest_match_and_case(kb) -> None:
    assert kb.country_of("South African troops").code == "ZAF"
    assert kb.country_of("North Korea's envoy").code == "PRK"
    assert kb.country_of("he told us nothing") is None
    assert kb.country_of("the male nurse") is None  # excluded capital
    assert kb.country_of("Jordan said").ambiguous
    assert [m.code for m in kb.countries_in("French and Egyptian police met in Cairo")] == ["FRA", "EGY", "EGY"]


def test_country_name(kb) -> None:
    assert kb.country_name("RUS") == "Russia"
    assert kb.country_name("kor") == "South Korea"
    assert kb.country_name("XKX") == "Kosovo"
    assert kb.country_name("NATO") is None


@pytest.mark.parametrize(
    ("text", "code", "country", "sector"),
    [
        ("the UN Security Council", "UNSC", "UN", "IGO"),
        ("U.N.", "UN", "UN", "IGO"),
        ("ISAF troops", "ISAF", "NATO", "MIL"),
        ("Nato", "NATO", "NATO", "MIL"),
        ("the International Atomic Energy Agency", "IAEA", "IAEA", "IGO"),
        ("Israeli Defence Forces", "ISR-IDF", "ISR", "MIL"),
        ("the Kremlin", "RUS-KREM", "RUS", "GOV"),
        ("US Central Command", "USA-CENTCOM", "USA", "MIL"),
        ("Bundeswehr", "DEU-BW", "DEU", "MIL"),
        ("Boko Haram fighters", "NGA-BOKO", "NGA", "INS"),
        ("al-Qaida", "XNS-AQ", "XNS", "INS"),
        ("the Knesset", "ISR-KNESSET", "ISR", "LEG"),
        ("Kenya Defence Forces", "KEN-KDF", "KEN", "MIL"),
    ],
)
def test_organisation(kb, text: str, code: str, country: str, sector: str) -> None:
    org = kb.organisation(text)
    assert org is not None and (org.code, org.country, org.sector) == (code, country, sector)


def test_organisation_case_rules(kb) -> None:
    assert kb.organisation("who said") is None
    assert kb.organisation("WHO said").code == "WHO"
    assert kb.organisation_match("the ICC ruled").alias == "ICC"


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("the French foreign minister", "GOV"),
        ("Egyptian police", "COP"),
        ("the Indian army chief", "MIL"),
        ("Kenyan parliament", "LEG"),
        ("Prime Minister", "GOV"),
        ("a security official", "COP"),
        ("Brazilian navy spokesman", "MIL"),
        ("a court spokesman", "JUD"),
        ("spokesman", "GOV"),
        ("head of the air force", "MIL"),
        ("opposition lawmakers", "OPP"),
        ("rebel commanders", "REB"),
        ("Lt. Gen.", "MIL"),
        ("Maj-Gen", "MIL"),
        ("Air Chief Marshal", "MIL"),
        ("COAS", "MIL"),
        ("the chief justice", "JUD"),
        ("senators", "LEG"),
        ("insurgents", "INS"),
        ("journalists", "MED"),
        ("a mining company", "BUS"),
        ("student activists", "CVL"),
        ("aid workers", "NGO"),
        ("the grand mufti", "REL"),
        ("villagers", "CVL"),
        ("intelligence officials", "SPY"),
    ],
)
def test_sector_of(kb, phrase: str, sector: str) -> None:
    match = kb.sector_of(phrase)
    assert match is not None and match.sector == sector, match
    assert phrase[match.start : match.end] == match.matched


def test_sector_evidence_and_unknown(kb) -> None:
    match = kb.sector_of("army spokesmen")
    assert match.sector == "MIL"
    assert kb.sector_of("the weather") is None
    generic = kb.sector_of("the party chief")
    assert generic.sector == "PTY"


def test_plural_and_tokens() -> None:
    assert plural("spokesman") == "spokesmen"
    assert plural("army chief") == "army chiefs"
    assert plural("secretary") == "secretaries"
    assert phrase_key("U.S.") == ("us",)
    assert [t.key for t in tokenize("Lt. Gen. Côte")] == ["lt", "gen", "cote"]
