"""Find place mentions in a spaCy ``Doc``: GPE/LOC/FAC entities and paragraph datelines.

1. Datelines: a paragraph that opens with an all-caps name followed by ``:`` or a dash
   (``"ISLAMABAD: ..."``, ``"KYIV, Ukraine (AP) — ..."``); spaCy often misses these.
2. Entities labelled GPE, LOC or FAC that do not overlap a dateline, skipping nationalities
   (``"Afghan"``) and place names that head an organisation's name (``"Lagos State Police"``);
   a facility (FAC) counts only where its name starts with a place and ends with a facility word
   (``"Bagram Air Base"`` resolves as ``"Bagram"``); the gazetteer knows no buildings.
3. Every candidate is resolved with :func:`~.resolve.resolve_place`; unresolved ones are dropped.

PERSON or ORG entities of one word right after a locative preposition ("fled toward Herat"), and
FAC entities of up to three words with no facility word there ("in La Paz"), are also tried, by
the gazetteer's own names only: small spaCy models often mislabel place names.

Without explicit ``context_countries`` the page supplies its own: a first pass resolves the
mentions without context; countries named on the page come first, then the countries of its other
places, each most frequent first.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from storyline.places._data import read_json, read_tsv
from storyline.places.normalize import direction_words, name_key
from storyline.places.records import PlaceMention
from storyline.places.resolve import resolve_place

_LABELS = frozenset({"GPE", "LOC", "FAC"})
_GUESSED_LABELS = frozenset({"PERSON", "ORG"})  # small models mislabel places; taken only after "in", "near"...
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    """A span of the text that may name a place."""

    text: str
    start: int
    end: int
    dateline: bool
    query: str
    guessed: bool = False


@functools.cache
def _dateline_pattern() -> re.Pattern[str]:
    agencies = "|".join(re.escape(a) for a in read_json("mention_rules.json")["agencies"])
    return re.compile(
        rf"^[ \t]*(?P<name>{_CAPS_WORD}(?:[ ]{_CAPS_WORD})*)"
        r"(?=(?:,[^\n:—–]{1,60}?)?"
        rf"(?:\s*\((?:{agencies})\))?"
        r"\s*(?::|\s[-–—]|[–—]))",
        re.MULTILINE,
    )


@functools.cache
def _not_places() -> frozenset[str]:
    return frozenset(name_key(w) for w in read_json("mention_rules.json")["not_places"])


@functools.cache
def _organisation_heads() -> re.Pattern[str]:
    heads = sorted(read_json("mention_rules.json")["organisation_heads"], key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(re.escape(h) for h in heads) + r")\b")


@functools.cache
def _demonyms() -> frozenset[str]:
    return frozenset(name_key(row["demonym"]) for row in read_tsv("demonyms.tsv"))


def is_demonym(text: str) -> bool:
    """True for nationality words and their plurals (``"Afghan"``, ``"Pakistanis"``)."""
    key = name_key(text)
    demonyms = _demonyms()
    return key in demonyms or (key.endswith("s") and key[:-1] in demonyms)


def heads_organisation(text: str, end: int) -> bool:
    """True when the words after ``text[:end]`` make the place part of an organisation's name."""
    return _organisation_heads().match(text, end) is not None


@functools.cache
def _facility_pattern() -> re.Pattern[str]:
    heads = sorted(read_json("mention_rules.json")["facility_heads"], key=len, reverse=True)
    alternatives = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"^(?:the\s+)?(?P<place>.+?)\s+(?:{alternatives})$", re.IGNORECASE)


def facility_location(text: str) -> str | None:
    """The place a facility's name starts with (``"Bagram Air Base"`` → ``"Bagram"``), if any."""
    match = _facility_pattern().match(text.strip())
    return match.group("place") if match else None


def dateline_candidates(text: str) -> Iterator[_Candidate]:
    """All-caps names opening a paragraph as a dateline."""
    for match in _dateline_pattern().finditer(text):
        name = match.group("name").rstrip(".")
        if name_key(name) not in _not_places():
            start = match.start("name")
            yield _Candidate(text=name, start=start, end=start + len(name), dateline=True, query=name)


@functools.cache
def _locative_prepositions() -> frozenset[str]:
    return frozenset(w.lower() for w in read_json("mention_rules.json")["locative_prepositions"])


def _after_preposition(ent: Span, *, max_words: int = 1) -> bool:
    """An entity of at most ``max_words`` words right after a locative preposition, or after one and
    a direction word ("fled toward Herat", "a base in northern Mali")."""
    if len(ent) > max_words:
        return False
    start = ent.start
    while start > 1 and name_key(ent.doc[start - 1].text) in direction_words():
        start -= 1
    return start > 0 and ent.doc[start - 1].lower_ in _locative_prepositions()


def _entity_candidates(doc: Doc, taken: list[_Candidate]) -> Iterator[_Candidate]:
    for ent in doc.ents:
        guessed = ent.label_ in _GUESSED_LABELS and _after_preposition(ent)
        if ent.label_ not in _LABELS and not guessed:
            continue
        if any(ent.start_char < c.end and c.start < ent.end_char for c in taken):
            continue
        if is_demonym(ent.text) or heads_organisation(doc.text, ent.end_char):
            continue
        query = facility_location(ent.text) if ent.label_ == "FAC" else ent.text
        if not query and ent.label_ == "FAC" and _after_preposition(ent, max_words=3):
            query, guessed = ent.text, True  # "in La Paz" read as a building: the gazetteer's own names only
        if query:
            yield _Candidate(
                text=ent.text, start=ent.start_char, end=ent.end_char, dateline=False, query=query, guessed=guessed
            )


def _resolve_all(candidates: list[_Candidate], context: Sequence[str]) -> list[PlaceMention]:
    mentions = []
    for c in candidates:
        place = resolve_place(c.query, context_countries=context, own_names_only=c.guessed)
        if place is not None:
            mentions.append(PlaceMention(text=c.text, start=c.start, end=c.end, place=place, dateline=c.dateline))
    return mentions


def page_countries(mentions: Sequence[PlaceMention]) -> tuple[str, ...]:
    """The page's countries: those named as countries first, then those of its other places.

    Each group is ordered most frequent first (ties in order of first mention).
    """
    named = Counter(m.place.country for m in mentions if m.place.country and m.place.precision == "country")
    others = Counter(m.place.country for m in mentions if m.place.country and m.place.precision != "country")
    ordered = [code for code, _ in named.most_common()] + [code for code, _ in others.most_common()]
    return tuple(dict.fromkeys(ordered))


def find_places(
    doc: Doc, *, context_countries: Sequence[str] = (), infer_context: bool = True
) -> list[PlaceMention]:
    """Place mentions of ``doc`` in text order, each with exact character offsets into ``doc.text``.

    ``context_countries`` (ISO alpha-3, most frequent first) break ties between places of the
    same name; when empty and ``infer_context`` is true, the page's own mentions supply them.
    """
    datelines = list(dateline_candidates(doc.text))
    candidates = sorted([*datelines, *_entity_candidates(doc, datelines)], key=lambda c: c.start)
    context: Sequence[str] = context_countries
    if not context and infer_context:
        context = page_countries(_resolve_all(candidates, ()))
    return _resolve_all(candidates, context)


PLACE_COUNTRY_MARGIN = 2.0


def dominant_place_country(places: Sequence[PlaceMention], doc: Doc) -> str | None:
    """The country most of the page's places lie in, when it leads the next one
    ``PLACE_COUNTRY_MARGIN`` times over ("in Bangkok": Thailand); ``None`` for none or a tie. Only cities
    and regions count: a country named as a place is a state the page names already (and "Georgia" after
    "Atlanta," is a US state the gazetteer may take for the country); a place named as a modifier says
    whose, not where ("US officials", "the Afghan border")."""
    counts: Counter[str] = Counter()
    for place in places:
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if place.place.country and place.place.precision in _LOCAL_PRECISIONS \
                and (place.dateline or span is None or span.root.dep_ not in _MODIFIER_DEPS):
            counts[place.place.country] += 1
    ranked = counts.most_common(2)
    if not ranked:
        return None
    top, count = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return top if count >= PLACE_COUNTRY_MARGIN * second else None


_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_LOCAL_PRECISIONS = frozenset({"city", "region"})
