"""PETRARCH/Phoenix actor dictionary importer: hand-written snippets and the real Phoenix files."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest

from storyline.actors.petrarch import (
    ActorRole,
    DictionaryFormatError,
    code_on,
    load_actor_dictionary,
    normalise_name,
    parse_actor_dictionary,
    parse_date,
    parse_role,
    split_code,
)

SNIPPET = """\
# a made-up dictionary in the TABARI/PETRARCH layout
FREEDONIA_  [FRD]
+FREEDONIAN_
+GRAND_FENWICK  # comment after a synonym

RUFUS_T_FIREFLY_  # head of state, then out of office
+FIREFLY
\t[FRDGOV 330101-451231]
\t[FRDELI >460101]
\t[FRDELI]
MRS_TEASDALE [FRDELI 20010101-20051231] [IGOUNO >060101]
SYLVANIAN_AMBASSADOR_
TRENTINO_
\t[SYLGOV <350601]
+  # empty synonym is ignored with a warning
\t[BADCODE 991399]
BROKEN [FRDMIL 991399-000101]
"""


def _parse(text: str) -> list:
    return parse_actor_dictionary(text.splitlines(), source="snippet.txt")


def test_snippet_actors_names_and_roles() -> None:
    actors = _parse(SNIPPET)
    by_name = {name: a for a in actors for name in a.names}
    assert by_name["FREEDONIAN"] is by_name["FREEDONIA"]
    assert by_name["GRAND_FENWICK"].roles == (ActorRole(code="FRD"),)
    firefly = by_name["FIREFLY"]
    assert firefly.names == ("RUFUS_T_FIREFLY", "FIREFLY")
    assert firefly.roles[0] == ActorRole(code="FRDGOV", start=date(1933, 1, 1), end=date(1945, 12, 31))
    assert firefly.line == 6


def test_code_on_honours_dates_then_default() -> None:
    firefly = next(a for a in _parse(SNIPPET) if "FIREFLY" in a.names)
    assert code_on(firefly, date(1940, 6, 1)) == "FRDGOV"
    assert code_on(firefly, date(1945, 12, 31)) == "FRDGOV"  # inclusive end
    assert code_on(firefly, date(1950, 1, 1)) == "FRDELI"
    assert code_on(firefly, date(1920, 1, 1)) == "FRDELI"  # unrestricted default
    assert code_on(firefly, None) == "FRDELI"


def test_inline_roles_and_codeless_name_joins_next_entry() -> None:
    actors = _parse(SNIPPET)
    teasdale = next(a for a in actors if "MRS_TEASDALE" in a.names)
    assert code_on(teasdale, date(2003, 5, 5)) == "FRDELI"
    assert code_on(teasdale, date(2010, 1, 1)) == "IGOUNO"
    assert code_on(teasdale, date(1999, 1, 1)) is None
    trentino = next(a for a in actors if "TRENTINO" in a.names)
    assert "SYLVANIAN_AMBASSADOR" in trentino.names
    assert code_on(trentino, date(1934, 1, 1)) == "SYLGOV"
    assert code_on(trentino, date(1936, 1, 1)) is None


def test_malformed_lines_warn_with_file_and_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="storyline.actors.petrarch"):
        actors = _parse(SNIPPET)
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("snippet.txt:16:") for m in messages)  # bad date in a role line
    assert any(m.startswith("snippet.txt:17:") and "BROKEN" not in m for m in messages)
    assert any("BROKEN has no code" in m for m in messages)
    assert not any("BROKEN" in a.names for a in actors)


def test_dates_and_roles() -> None:
    assert parse_date("300101") == date(2030, 1, 1)
    assert parse_date("310101") == date(1931, 1, 1)
    assert parse_date("20140607") == date(2014, 6, 7)
    assert parse_role("USAGOV > 130701") == ActorRole(code="USAGOV", start=date(2013, 7, 1))
    assert parse_role("USRARM <900823") == ActorRole(code="USRARM", end=date(1990, 8, 23))
    with pytest.raises(DictionaryFormatError):
        parse_date("20100931")
    with pytest.raises(DictionaryFormatError):
        parse_role("USAGOV 19820101")


def test_split_code() -> None:
    assert (split_code("USAGOV").country, split_code("USAGOV").sector) == ("USA", "GOV")
    assert (split_code("PAKMIL").country, split_code("PAKMIL").sector) == ("PAK", "MIL")
    igo = split_code("IGOUNOKID")
    assert (igo.country, igo.organisation, igo.sectors) == ("IGO", "UNO", ("KID",))
    assert split_code("ELI").country is None and split_code("ELI").sector == "ELI"
    assert split_code("---").country is None


def test_lookup_normalises_like_petrarch(tmp_path: Path) -> None:
    path = tmp_path / "tiny.actors.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    dictionary = load_actor_dictionary(path)
    assert normalise_name("Rufus T.  firefly_") == "RUFUS_T._FIREFLY"
    found = dictionary.lookup("rufus t firefly", date(1940, 1, 1))
    assert found is not None and found[1] == "FRDGOV"
    assert dictionary.lookup("Nobody Here") is None


PHOENIX = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")


@pytest.fixture(scope="module")
def phoenix(shared_dir: Path):
    folder = shared_dir / "data" / "petrarch2-dictionaries"
    return load_actor_dictionary(*(folder / name for name in PHOENIX))


def test_phoenix_files_load(phoenix) -> None:
    dictionary = phoenix
    assert len(dictionary) > 25_000
    assert len(dictionary.index) > 30_000
    sources = {a.source for a in dictionary.actors}
    assert sources == set(PHOENIX)


def test_phoenix_date_bounded_roles(phoenix) -> None:
    dictionary = phoenix
    assert dictionary.lookup("Barack Obama", date(2012, 1, 1))[1] == "USAGOV"
    assert dictionary.lookup("Barack Obama", date(1990, 1, 1))[1] == "USAELI"
    assert dictionary.lookup("Barack Obama", date(2005, 1, 1))[1] == "USA"  # between roles: his state, no sector
    assert dictionary.lookup("Mohammad Zahir Shah", date(1960, 1, 1))[1] == "AFGGOV"
    assert dictionary.lookup("Mohammad Zahir Shah", date(1980, 1, 1))[1] == "AFGELI"
    assert dictionary.lookup("Ban Ki-moon", date(2010, 1, 1))[1] == "IGOUNO"
    assert dictionary.lookup("U.N.")[1] == "IGOUNO"
    assert split_code(dictionary.lookup("Boko Haram")[1]).country == "NGA"
