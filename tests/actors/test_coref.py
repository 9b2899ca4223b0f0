"""Within-page linking on hand-made mentions (no model needed)."""

from __future__ import annotations

from storyline.actors.coref import link_mentions
from storyline.actors.kb import load_kb
from storyline.actors.mentions import RANK_AFFILIATION, RANK_TEXT, Evidence, FoundMention, role_words
from storyline.actors.names import split_name


def _person(
    text: str, start: int, *, title: str = "", country: str | None = None, sector: str | None = None
) -> FoundMention:
    return FoundMention(
        start=start,
        end=start + len(text),
        text=text,
        kind="person",
        name=split_name(text),
        title=title or None,
        role_words=role_words(title, load_kb()) if title else frozenset(),
        country=Evidence(value=country, source="test", rank=RANK_TEXT) if country else None,
        sector=Evidence(value=sector, source="test", rank=RANK_TEXT) if sector else None,
    )


def _role(text: str, start: int, *, country: str | None = None) -> FoundMention:
    return FoundMention(
        start=start,
        end=start + len(text),
        text=text,
        kind="role",
        role=text,
        role_words=role_words(text, load_kb()),
        country=Evidence(value=country, source="test", rank=RANK_TEXT) if country else None,
    )


def _groups(found: list[FoundMention]) -> list[list[str]]:
    return [[found[k].text for k in chain.members] for chain in link_mentions(found)]


def test_full_names_surnames_and_roles_link() -> None:
    found = [
        _role("COAS", 0),
        _person("Ahmed Rafiq Dar", 10, title="Chief of Army Staff General", sector="MIL"),
        _person("Ahmed Dar", 60),
        _person("Dar", 80),
        _role("the army chief", 100),
    ]
    assert _groups(found) == [["COAS", "Ahmed Rafiq Dar", "Ahmed Dar", "Dar", "the army chief"]]


def test_role_goes_to_the_most_recent_holder_with_a_fitting_country() -> None:
    found = [
        _person("Omar Haddad", 0, title="army chief", country="JOR", sector="MIL"),
        _person("Sami Nasser", 40, title="army chief", country="LBN", sector="MIL"),
        _role("the army chief", 80),
        _role("the Jordanian army chief", 120, country="JOR"),
    ]
    groups = _groups(found)
    assert ["Omar Haddad", "the Jordanian army chief"] in groups
    assert ["Sami Nasser", "the army chief"] in groups  # the most recent holder


def test_conflicting_sectors_or_given_names_do_not_link() -> None:
    found = [
        _person("Nawaz Sharif", 0, title="Prime Minister", sector="GOV"),
        _person("Raheel Sharif", 40, title="General", sector="MIL"),
        _person("Sharif", 80, title="Gen.", sector="MIL"),
    ]
    assert _groups(found) == [["Nawaz Sharif"], ["Raheel Sharif", "Sharif"]]


def test_affiliation_does_not_block_a_nationality() -> None:
    nato = FoundMention(
        start=40, end=49, text="Tom Baker", kind="person", name=split_name("Tom Baker"),
        country=Evidence(value="NATO", source="test", rank=RANK_AFFILIATION),
    )
    found = [_person("Tom Baker", 0, country="USA"), nato]
    assert _groups(found) == [["Tom Baker", "Tom Baker"]]


def test_role_with_no_holder_forms_its_own_chain() -> None:
    found = [
        _role("a Kenyan police spokesman", 0, country="KEN"),
        _role("the Kenyan police spokesman", 50, country="KEN"),
    ]
    assert len(_groups(found)) == 1
