"""The knowledge base data files parse, use known codes and hold no clashing entries."""

from __future__ import annotations

from collections import Counter

import pycountry

from storyline.actors import kb as kbmod

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def test_sector_codes_parse() -> None:
    codes = kbmod.sector_codes()
    assert {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "SPY", "IGO", "NGO"} <= set(codes)


def test_sector_lexicon_codes_roles_and_duplicates() -> None:
    entries = kbmod._sector_entries()
    assert len(entries) > 500
    assert {e.sector for e in entries} <= set(kbmod.sector_codes())
    assert {e.role for e in entries} <= {"head", "generic", "modifier", "dominant"}
    keys = Counter((kbmod.phrase_key(e.phrase), e.role) for e in entries)
    assert [k for k, n in keys.items() if n > 1] == []


def test_country_files_use_iso_codes() -> None:
    for name in ("country_aliases.tsv", "demonyms.tsv", "capitals.tsv"):
        rows = kbmod._rows(name)
        assert rows and {r["iso3"] for r in rows} <= ISO3 | {"ANT"}, name


def test_demonyms_cover_un_members() -> None:
    covered = {r["iso3"] for r in kbmod._rows("demonyms.tsv")}
    # 193 UN members: at least that many codes, and a sample of large and small members
    sample = {"PAK", "USA", "AFG", "IRN", "FRA", "BRA", "NGA", "KEN", "TUV", "LSO", "KIR", "BTN", "SUR"}
    assert sample <= covered
    assert len(covered) >= 193


def test_organisations_parse_and_are_unique() -> None:
    orgs = kbmod._organisations()
    assert len([o for o in orgs if o.international]) >= 60
    national = [o for o in orgs if not o.international]
    assert len({o.country for o in national} - {"XNS"}) >= 30
    assert {o.sector for o in orgs} <= set(kbmod.sector_codes())
    assert len({o.code for o in orgs}) == len(orgs)
    for org in national:
        assert org.country in ISO3 | {"XNS"}, org.code
    owners: dict[tuple[str, ...], set[str]] = {}
    for org in orgs:
        for alias in org.aliases:
            key = kbmod.phrase_key(alias) + ("CAPS",) * kbmod._is_capitalised(alias)
            owners.setdefault(key, set()).add(org.code)
    assert [key for key, codes in owners.items() if len(codes) > 1] == []
