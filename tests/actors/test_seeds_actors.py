"""Acceptance on the five sample pages (read from ../shared at run time): one actor per person.

Only article text is parsed (comments spell names otherwise and are never read). The pages are
parsed with the NLP layer's pipeline (``storyline.nlp.pipeline.parse_articles``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.actors.kb import load_kb
from storyline.actors.petrarch import ActorDictionary, parse_actor_dictionary
from storyline.actors.resolve import PageActors, canonicalize, resolve_page
from storyline.model import Document, Page, content_hash
from storyline.segment import segment_page

ARMY_CHIEF_WORDS = ("kayani", "kiyani", "kiayani", "kyani", "coas", "army chief", "chief of army staff")


def _documents(shared: Path) -> Iterator[Document]:
    for path in sorted((shared / "seeds").glob("*.txt")):
        content = path.read_text(encoding="utf-8")
        seg = segment_page(Page(doc_id=path.stem, source=str(path), fmt="text", content=content))
        yield Document(
            doc_id=path.stem, version=1, source=str(path), fmt="text", url=None, outlet=None, title=seg.title,
            published=seg.published, published_source=seg.published_source, ingested_at="2024-01-01T00:00:00",
            text=seg.text, content_hash=content_hash(content), segments=seg.segments, comments=seg.comments,
        )


@pytest.fixture(scope="module")
def parsed(shared_dir: Path) -> list:
    from storyline.nlp.pipeline import parse_articles

    return list(parse_articles(list(_documents(shared_dir))))


def _resolve(parsed: list, dictionary: ActorDictionary | None = None) -> list[PageActors]:
    return [
        resolve_page(p.document.doc_id, p.doc, to_stored=p.article.to_stored, dictionary=dictionary)
        for p in parsed
    ]


@pytest.fixture(scope="module")
def pages(parsed: list) -> list[PageActors]:
    return _resolve(parsed)


def test_mention_offsets_are_exact_in_stored_text(parsed: list, pages: list[PageActors]) -> None:
    for p, page in zip(parsed, pages, strict=True):
        for m in page.mentions:
            assert p.document.text[m.start : m.end] == m.text


def test_army_chief_is_one_pakistani_military_actor(pages: list[PageActors]) -> None:
    actors = canonicalize(pages)
    ids = set()
    for page in pages:
        for m in page.mentions:
            if any(w in m.text.lower() for w in ARMY_CHIEF_WORDS) and m.kind in ("person", "role"):
                ids.add(actors.assignment[(page.doc_id, m.local_entity)])
    assert len(ids) == 1
    chief = actors.by_id(ids.pop())
    assert chief is not None and (chief.country, chief.sector) == ("PAK", "MIL")
    assert chief.mention_count >= 15
    assert len({d for d, _ in chief.entities}) == 5


def _person(actors, surname: str):
    found = [a for a in actors.actors if a.kind == "person" and a.canonical_name.endswith(surname)]
    assert len(found) == 1, found
    return found[0]


def test_us_commanders_president_and_prime_minister(pages: list[PageActors]) -> None:
    actors = canonicalize(pages)
    centcom = _person(actors, "Mattis")
    isaf = _person(actors, "Allen")
    assert (centcom.country, centcom.sector) == ("USA", "MIL")
    assert (isaf.country, isaf.sector, isaf.affiliations) == ("USA", "MIL", ("NATO",))
    assert (_person(actors, "Obama").country, _person(actors, "Obama").sector) == ("USA", "GOV")
    assert (_person(actors, "Gilani").country, _person(actors, "Gilani").sector) == ("PAK", "GOV")
    assert {"Yousaf Raza Gilani", "Yousuf Raza Gilani"} <= set(_person(actors, "Gilani").aliases)


def test_second_isaf_commander_nationality_from_office_or_dictionary(parsed: list) -> None:
    # The page names him only as ISAF commander (NATO, an affiliation); the page is undated, and the
    # office table knows one period of holders' nationality (USA); a user dictionary says it too.
    plain = canonicalize(_resolve(parsed))
    commander = _person(plain, "Dunford")
    assert (commander.country, commander.sector, commander.affiliations) == ("USA", "MIL", ("NATO",))
    assert "office:ISAF" in commander.country_evidence
    entry = ["JOSEPH_F._DUNFORD_", "+JOSEPH_DUNFORD_", "\t[USAMIL]"]
    dictionary = ActorDictionary.build(parse_actor_dictionary(entry, source="user.actors.txt"))
    with_dictionary = canonicalize(_resolve(parsed, dictionary))
    commander = _person(with_dictionary, "Dunford")
    assert (commander.country, commander.sector, commander.affiliations) == ("USA", "MIL", ("NATO",))
    assert commander.country_evidence is not None and "dictionary:user.actors.txt:1" in commander.country_evidence


def test_organisations(pages: list[PageActors]) -> None:
    actors = canonicalize(pages)
    by_name = {a.canonical_name: (a.country, a.sector) for a in actors.actors if a.kind == "organisation"}
    assert by_name["Inter-Services Public Relations"] == ("PAK", "MIL")
    assert by_name["Tehrik-e-Taliban Pakistan"] == ("PAK", "INS")
