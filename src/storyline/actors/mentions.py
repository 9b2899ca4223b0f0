"""Actor mentions in one parsed article: people, organisations, states, role phrases and groups.

Works on a spaCy ``Doc`` of the article text (offsets here are article-text offsets; the stage's
entry point maps them to the stored text). The cascade:

1. organisations and states: the knowledge base scanned over the whole text (longest match);
2. people: PERSON entities, repaired (titles stripped, split names joined, possessives dropped),
   plus capitalised names right after a title word the tagger missed; each person gets the title
   written before the name ("Kenya's Prime Minister"), the apposition after it (", the head of
   US Central Command," or " – former defence minister") and a role phrase set off by a comma before
   it ("Kenya's interior minister, Ruth Wanjiru,": kept as a role mention that joins the person).
   Candidates that read as places or facilities ("Nha Trang", "General Headquarters", "Kurram
   province", "the Danube") are dropped, and names glued to words by a title-case headline are cut
   back to a person named elsewhere on the page;
3. surnames repeated alone ("Okafor said"), wherever the tagger labelled them;
4. role phrases and groups: noun chunks headed by an agent noun of the sector lexicon ("the army
   chief", "a Nigerian security official", "Nigerian soldiers"), outside the spans above; phrases
   that name no one ("neither army", "no soldiers") are skipped.

Every mention carries the country and sector its own words give, with evidence and a rank
(:class:`Evidence`): explicit country words first, then organisation entries, then the lexicon.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from storyline.actors.kb import (
    CountryMatch,
    KnowledgeBase,
    OrgEntry,
    OrgMatch,
    PhraseTable,
    SectorMatch,
    _Hit,
    _is_capitalised,
    _rows,
    phrase_key,
    recognised_country_names,
    tokenize,
)
from storyline.actors.kb import Token as KbToken
from storyline.actors.names import PersonName, fold, name_words, rules, split_name, surname_key
from storyline.nlp.components import DATELINE_LEAD, DATELINE_WINDOW
from storyline.ranges import Ranges

logger = logging.getLogger(__name__)

MentionKind = Literal["person", "organisation", "state", "group", "role"]

RANK_TEXT = 0
"""Country named in the mention's own words (a demonym, a country name, a possessive)."""
RANK_ORG = 1
"""Country or sector of a national organisation named in the mention's words."""
RANK_AFFILIATION = 2
"""Country of an international body (NATO for ISAF): an affiliation, weaker than a nationality."""
RANK_WEAK = 3
"""A generic head without a modifier ("the official" -> GOV): a default."""
RANK_DICTIONARY = 4
"""From a user-supplied actor dictionary."""
RANK_PAGE = 5
"""The page's own country (its dateline, or the country its text is mostly about): a person or a
national institution that states no country of its own."""
RANK_DEFAULT = 6
"""The usual country of a generic institution name ("Foreign Office" -> GBR), used when the text and
the page give none."""

_STOP_PUNCT = frozenset({",", ".", ";", ":", "!", "?", "“", "”", '"', "—", "–"})
_BRACKETS = frozenset({"(", ")", "-", "’s", "'s", "’", "'"})
_CLAUSE_WORDS = frozenset({"who", "which", "that", "whose", "said", "says"})
_MAX_APPOSITION = 14


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A decided attribute (a country or sector code), what decided it, and how strongly."""

    value: str
    source: str
    rank: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Attributes:
    """Country, sector and affiliation read from a phrase."""

    country: Evidence | None = None
    sector: Evidence | None = None
    affiliation: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundMention:
    """A mention found in the article text (article offsets), before within-page linking.

    ``holder_start`` is set on a role phrase written as an apposition of a named person ("Nigeria's
    defence minister, Bashir Magashi"): the start of that person's mention, which the role joins.
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    name: PersonName | None = None
    title: str | None = None
    role: str | None = None
    role_words: frozenset[str] = frozenset()
    org_code: str | None = None
    country: Evidence | None = None
    sector: Evidence | None = None
    affiliation: str | None = None
    claimed: tuple[tuple[int, int], ...] = ()
    holder_start: int | None = None


# ---------------------------------------------------------------- memoised knowledge-base lookups


class Lookup:
    """The knowledge base's lookups, memoised: a page asks about the same phrases many times.

    One instance per knowledge base (:func:`lookup_for`); each memo is emptied when it grows past
    ``limit`` entries, so a long run does not grow without bound.
    """

    def __init__(self, kb: Lookup, *, limit: int = 50_000) -> None:
        self.kb = kb
        self.limit = limit
        self._memo: dict[tuple[str, str], object] = {}

    def _get(self, what: str, text: str) -> object:
        key = (what, text)
        if key not in self._memo:
            if len(self._memo) >= self.limit:
                self._memo.clear()
            self._memo[key] = getattr(self.kb, what)(text)
        return self._memo[key]

    def countries_in(self, text: str) -> tuple[CountryMatch, ...]:
        return self._get("countries_in", text)  # type: ignore[return-value]

    def country_of(self, text: str) -> CountryMatch | None:
        return self._get("country_of", text)  # type: ignore[return-value]

    def organisations_in(self, text: str) -> tuple[OrgMatch, ...]:
        return self._get("organisations_in", text)  # type: ignore[return-value]

    def organisation(self, text: str) -> OrgEntry | None:
        return self._get("organisation", text)  # type: ignore[return-value]

    def sector_of(self, text: str) -> SectorMatch | None:
        return self._get("sector_of", text)  # type: ignore[return-value]

    def page_scan(self, text: str) -> tuple[tuple[OrgMatch, ...], tuple[CountryMatch, ...]]:
        """Organisations and countries of a whole text, as the knowledge base's scans give them.

        Same longest-match, left-to-right result; only tokens that can start an entry are probed.
        """
        tokens = tokenize(text)
        orgs = tuple(_org_match(text, tokens, hit) for hit in _scan(self.kb.org_table, tokens, self._org_starts))
        countries = tuple(
            self.kb._country_match(text, tokens, hit)  # noqa: SLF001 - same record as countries_in
            for hit in _scan(self.kb.countries, tokens, self._country_starts)
        )
        return orgs, countries

    @functools.cached_property
    def _org_starts(self) -> frozenset[str]:
        return frozenset(key[0] for key in self.kb.org_table.entries)

    @functools.cached_property
    def _country_starts(self) -> frozenset[str]:
        return frozenset(key[0] for key in self.kb.countries.entries)

    def is_sector_word(self, folded: str) -> bool:
        return bool(self.kb.sectors.entries.get((folded,)))


def _scan(table: PhraseTable, tokens: list[KbToken], starts: frozenset[str]) -> Iterator[_Hit]:
    i = 0
    while i < len(tokens):
        hit = table.at(tokens, i) if tokens[i].key in starts else None
        if hit is None:
            i += 1
            continue
        yield hit
        i = hit.j


def _org_match(text: str, tokens: list[KbToken], hit: _Hit) -> OrgMatch:
    alias, org = hit.value  # type: ignore[misc]
    start, end = tokens[hit.i].start, tokens[hit.j - 1].end
    return OrgMatch(org=org, alias=alias, matched=text[start:end], start=start, end=end)


_LOOKUPS: dict[int, Lookup] = {}


def lookup_for(kb: Lookup) -> Lookup:
    """The memoised lookups of ``kb`` (one per knowledge base object)."""
    found = _LOOKUPS.get(id(kb))
    if found is None or found.kb is not kb:
        found = _LOOKUPS[id(kb)] = Lookup(kb)
    return found


# ---------------------------------------------------------------- attributes of a phrase


def better(a: Evidence | None, b: Evidence | None) -> Evidence | None:
    """The stronger of two pieces of evidence (lower rank; the first among equals)."""
    if a is None or b is not None and b.rank < a.rank:
        return b
    return a


def merge_attributes(*items: Attributes) -> Attributes:
    """Best country, best sector and the first affiliation of several phrases."""
    country = sector = None
    affiliation = None
    for item in items:
        country, sector = better(country, item.country), better(sector, item.sector)
        affiliation = affiliation or item.affiliation
    return Attributes(country=country, sector=sector, affiliation=affiliation)


def phrase_attributes(phrase: str, kb: Lookup) -> Attributes:
    """Country, sector and affiliation that the words of a phrase state."""
    phrase = cut_locative(phrase)
    if not phrase.strip():
        return Attributes()
    orgs = kb.organisations_in(phrase)
    sector = _lexicon_sector(phrase, kb)
    country = _country_words(phrase, orgs, kb, agent=sector is not None)
    org_attrs = _org_attributes(orgs)
    return Attributes(
        country=better(country, org_attrs.country),
        sector=better(sector, org_attrs.sector),
        affiliation=org_attrs.affiliation,
    )


_STANCE_PREFIX = re.compile(r"(?:^|\W)(?:pro|anti|non)[-‑]\s*$", flags=re.IGNORECASE)


def _country_words(phrase: str, orgs: tuple[OrgMatch, ...], kb: Lookup, *, agent: bool = False) -> Evidence | None:
    """The first country word of a phrase; one after "pro-" or "anti-" is a stance, not a nationality.
    A demonym that is also an ordinary word ("Georgian", "Indian") counts in an ``agent`` phrase (one
    naming an office, force or group: "the Georgian president", "Indian troops"), where it can only be
    a nationality."""
    for match in kb.countries_in(phrase):
        if match.ambiguous and not (agent and match.kind == "demonym") or any(o.start <= match.start < o.end for o in orgs):
            continue
        if _STANCE_PREFIX.search(phrase[: match.start]):
            continue
        return Evidence(value=match.code, source=f"text:{match.kind} '{match.matched}'", rank=RANK_TEXT)
    return None


def _org_attributes(orgs: tuple[OrgMatch, ...]) -> Attributes:
    national = [o for o in orgs if not o.org.international]
    international = [o for o in orgs if o.org.international]
    chosen = (national or international or [None])[0]
    if chosen is None:
        return Attributes()
    rank = RANK_ORG if not chosen.org.international else RANK_AFFILIATION
    source = f"kb:organisation {chosen.code} '{chosen.matched}'"
    affiliation = international[0].country if international else None
    return Attributes(
        country=Evidence(value=chosen.country, source=source, rank=rank),
        sector=Evidence(value=chosen.sector, source=source, rank=RANK_ORG),
        affiliation=affiliation,
    )


def _lexicon_sector(phrase: str, kb: Lookup) -> Evidence | None:
    match = kb.sector_of(phrase)
    if match is None:
        return None
    weak = match.entry.role == "generic" and match.modifier is None
    return Evidence(
        value=match.sector,
        source=f"kb:sector '{match.matched}' ({match.entry.phrase})",
        rank=RANK_WEAK if weak else RANK_TEXT,
    )


def cut_locative(phrase: str) -> str:
    """A role phrase without its trailing place ("the US commander in Afghanistan" -> "the US commander")."""
    locatives = rules().locatives
    words = list(re.finditer(r"\S+", phrase))
    for k, word in enumerate(words):
        if k > 0 and fold(word.group()) in locatives:
            return phrase[: word.start()].rstrip()
    return phrase


# ---------------------------------------------------------------- role words


@functools.cache
def _synonym_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    synonyms = rules().role_synonyms
    alternation = "|".join(re.escape(k) for k in sorted(synonyms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), synonyms


def role_words(phrase: str, kb: Lookup) -> frozenset[str]:
    """The content words of a role phrase, synonyms merged, country words and places left out.

    An organisation is written as its full name (its acronym and name give the same words) and
    also as an ``org:CODE`` word, which :func:`needed_words` ignores when matching holders (the
    organisation's country is compared with the holder's instead).
    """
    phrase = cut_locative(phrase)
    words: set[str] = set()
    for org in reversed(kb.organisations_in(phrase)):
        words.add(f"org:{org.code}")
        phrase = f"{phrase[: org.start]} {org.org.name} {phrase[org.end :]}"
    for match in reversed(kb.countries_in(phrase)):
        phrase = phrase[: match.start] + " " + phrase[match.end :]
    pattern, synonyms = _synonym_pattern()
    folded = pattern.sub(lambda m: synonyms[m.group()], fold(phrase.replace("-", " ")))
    stop = rules().role_stopwords
    words.update(w for w in re.findall(r"[a-z0-9]+", folded) if w not in stop)
    return frozenset(words)


def needed_words(words: frozenset[str]) -> frozenset[str]:
    """The words a holder's titles must contain for a role phrase to name them."""
    return frozenset(w for w in words if not w.startswith("org:"))


# ---------------------------------------------------------------- the cascade


def find_mentions(doc: Doc, *, kb: KnowledgeBase) -> list[FoundMention]:
    """All actor mentions of an article, in text order (see the module docstring for the cascade)."""
    return _find(doc, lookup_for(kb))


def _find(doc: Doc, kb: Lookup) -> list[FoundMention]:
    org_matches, country_matches = kb.page_scan(doc.text)
    orgs = [_org_mention(m, doc.text, kb) for m in org_matches]
    blocking = [o for o, m in zip(orgs, org_matches) if not _soft_acronym(doc.text, m)]
    people, apposed = _people(doc, kb, blocking)
    people += _surname_repeats(doc, people, orgs)
    roles = apposed + list(_role_phrases(doc, kb, _claimed_ranges(people), orgs))
    orgs = [m for m in orgs if not _inside(m.start, m.end, _claimed_ranges([*people, *roles]))]
    taken = _taken_ranges([*people, *orgs, *roles])
    states = list(_states(doc, country_matches, taken, _claimed_ranges([*people, *roles])))
    orgs += list(_other_organisations(doc, kb, _taken_ranges([*people, *orgs, *roles, *states])))
    found = sorted([*people, *orgs, *roles, *states], key=lambda m: (m.start, m.end))
    found = _with_coalitions(doc, _split_shared_heads(doc, found, kb), kb)
    found = sorted([*found, *_acronyms(doc, found, kb)], key=lambda m: (m.start, m.end))
    dateline = find_dateline(doc.text)
    if dateline is not None:
        found = [m for m in found if not _overlaps(m.start, m.end, [(dateline.start, dateline.end)])]
    return _with_role_words(found, kb)


_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*|of|the|and|for|on|in|de|du|des|la|le")
_SKIPPED_INITIALS = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le"})


def _acronyms(doc: Doc, found: list[FoundMention], kb: Lookup) -> list[FoundMention]:
    """Acronyms of bodies the page names in full before them ("the Defence Committee of the Cabinet
    ... the DCC"): a mention with what the full name's words state (its sector, its country when
    they or a country word right before them name one), when no other mention covers the acronym
    and the knowledge base does not know it. The full name is the nearest earlier run of capitalised words whose initials spell it
    (small words such as "of the" skipped)."""
    taken = _taken_ranges(found)
    made: list[FoundMention] = []
    text = doc.text
    expansions: dict[str, str | None] = {}
    for match in _ACRONYM.finditer(text):
        acronym, start, end = match.group(), match.start(), match.end()
        if _overlaps(start, end, taken) or kb.organisation(acronym) is not None or kb.country_of(acronym) is not None:
            continue
        if acronym not in expansions:
            expansions[acronym] = _expansion(text[:start], acronym)
        full = expansions[acronym]
        if full is None:
            continue
        attrs = phrase_attributes(_with_country_word(text[:start], full, kb), kb)
        if attrs.sector is None and attrs.country is None:
            continue
        made.append(FoundMention(start=start, end=end, text=acronym, kind="organisation", country=attrs.country,
                                 sector=attrs.sector, affiliation=attrs.affiliation))
    return made


def _with_country_word(before: str, full: str, kb: Lookup) -> str:
    """The full name with the country word written right before it ("the Kenyan" + "National
    Intelligence Service"), which says whose body it is."""
    at = before.rfind(full)
    previous = before[:at].split()[-1:] if at > 0 else []
    if previous and kb.country_of(previous[0].strip("(),;:'’")) is not None:
        return f"{previous[0]} {full}"
    return full


def _expansion(before: str, acronym: str) -> str | None:
    """The last run of name words in ``before`` whose initials spell ``acronym``, or ``None``."""
    words = list(re.finditer(r"\S+", before[-2000:]))
    letters = acronym.lower()
    for end in range(len(words), 0, -1):
        picked: list[str] = []
        k = end - 1
        initials = ""
        while k >= 0 and len(initials) < len(letters):
            word = words[k].group().strip("(),;:\"'“”‘’")
            if not _NAME_WORD.fullmatch(word):
                break
            picked.append(word)
            if word.lower() not in _SKIPPED_INITIALS:
                initials = word[0].lower() + initials
            k -= 1
        if initials == letters and picked[-1].lower() not in _SKIPPED_INITIALS \
                and picked[0].lower() not in _SKIPPED_INITIALS:
            return " ".join(reversed(picked))
    return None


def _with_role_words(found: list[FoundMention], kb: Lookup) -> list[FoundMention]:
    out = []
    for m in found:
        if m.kind == "person":
            phrases = " ".join(p for p in (m.title, m.role) if p)
            out.append(replace(m, role_words=role_words(phrases, kb)) if phrases else m)
        elif m.kind in ("role", "group"):
            out.append(m if m.role_words else replace(m, role_words=role_words(m.text, kb)))
        else:
            out.append(m)
    return out


def _org_mention(match: OrgMatch, text: str, kb: Lookup) -> FoundMention:
    if match.matched.endswith(".") and not match.alias.endswith("."):
        match = replace(match, matched=match.matched[:-1], end=match.end - 1)
    source = f"kb:organisation {match.code} '{match.matched}'"
    if phrase_key(match.alias) in generic_names():
        return _generic_org(match, text, kb)
    return FoundMention(
        start=match.start,
        end=match.end,
        text=match.matched,
        kind="organisation",
        org_code=match.code,
        country=Evidence(value=match.country, source=source, rank=RANK_ORG),
        sector=Evidence(value=match.sector, source=source, rank=RANK_ORG),
        affiliation=match.country if match.org.international else None,
    )


def _generic_org(match: OrgMatch, text: str, kb: Lookup) -> FoundMention:
    """A generic institution name ("the Foreign Office"): the country its own words state, else none
    yet (the page's country is given at the end of page resolution), else the name's usual country."""
    default = generic_names()[phrase_key(match.alias)]
    country = _stated_country(text, match.start, kb)
    if country is None and default is not None:
        country = Evidence(value=default, source=f"kb:generic name '{match.matched}' (usually {default})", rank=RANK_DEFAULT)
    return FoundMention(
        start=match.start,
        end=match.end,
        text=match.matched,
        kind="organisation",
        country=country,
        sector=Evidence(value=match.sector, source=f"kb:generic name '{match.matched}'", rank=RANK_ORG),
    )


_ADJOINS = re.compile(r"(?:['’]s?)?[ \t]+")


def _stated_country(text: str, start: int, kb: Lookup) -> Evidence | None:
    """The country written right before a name ("Kenya's", "the Thai" + "Foreign Ministry")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    found = kb.countries_in(before)
    if not found or found[-1].ambiguous or not _ADJOINS.fullmatch(before[found[-1].end :]):
        return None
    last = found[-1]
    return Evidence(value=last.code, source=f"text:{last.kind} '{last.matched}'", rank=RANK_TEXT)


@functools.cache
def generic_names() -> dict[tuple[str, ...], str | None]:
    """Organisation aliases that several countries use (``generic_organisation_names.tsv``): lookup
    key -> the name's usual country, or None."""
    rows = _rows("generic_organisation_names.tsv")
    return {phrase_key(r["alias"]): (None if r["usual_country"] == "-" else r["usual_country"]) for r in rows}


def _soft_acronym(text: str, match: OrgMatch) -> bool:
    """An acronym alias written as a name word ("Ocha") or glued by a hyphen to one ("Chan-OCHA"):
    such a match gives way to a person's name that contains it."""
    if not _is_capitalised(match.alias):
        return False
    left = re.search(r"([^\W\d_]+)-$", text[max(0, match.start - 30) : match.start])
    glued = left is not None and any(c.islower() for c in left.group(1))
    return glued or any(c.islower() for c in match.matched)


# ---------------------------------------------------------------- datelines


@dataclass(frozen=True, slots=True, kw_only=True)
class Dateline:
    """A place opening a line of the article as its dateline ("ISLAMABAD:", "Lagos, May 2 (AP) -")."""

    text: str
    start: int
    end: int
    country: str | None


_DATELINE_PRECISIONS = frozenset({"city", "region", "country"})


def find_dateline(text: str) -> Dateline | None:
    """The first line near the top of the article that opens with a known place and a colon or dash."""
    from storyline.places import resolve_place  # the gazetteer is loaded only when a page needs it

    for match in DATELINE_LEAD.finditer(text[:DATELINE_WINDOW]):
        name = match.group("name").rstrip(".")
        place = resolve_place(name, own_names_only=True)
        if place is None or place.precision not in _DATELINE_PRECISIONS:
            continue
        start = match.start("name")
        return Dateline(text=name, start=start, end=start + len(name), country=place.country)
    return None


def _taken_ranges(mentions: Iterable[FoundMention]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions]


def _claimed_ranges(mentions: Iterable[FoundMention]) -> list[tuple[int, int]]:
    return [r for m in mentions for r in ((m.start, m.end), *m.claimed)]


def _overlaps(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in ranges)


def _inside(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


# ---------------------------------------------------------------- people


def _people(doc: Doc, kb: Lookup, orgs: list[FoundMention]) -> tuple[list[FoundMention], list[FoundMention]]:
    """People of the page, and the role phrases written as appositions before their names."""
    org_ranges = _taken_ranges(orgs)
    spans = _merge_adjacent(sorted(_person_candidates(doc), key=lambda s: s.start))
    chunk_ends = _chunks_by_end(doc)
    people: list[FoundMention] = []
    apposed: list[FoundMention] = []
    for span in spans:
        found = _person(doc, span, kb, org_ranges, chunk_ends)
        if found is None or _overlaps(found[0].start, found[0].end, _taken_ranges(people)):
            continue
        people.append(found[0])
        if found[1] is not None:
            apposed.append(found[1])
    people, dropped = _headline_people(doc, people)
    apposed = [r for r in apposed if r.holder_start not in dropped]
    return people, apposed


def _person_candidates(doc: Doc) -> Iterator[Span]:
    """PERSON entities, and capitalised words right after a title word.

    The title word must be a title by itself ("General", "Minister"), not a modifier of one
    ("Foreign", "Army"), and the line must not be written in title case (a headline's capitals
    say nothing about names).
    """
    yield from (e for e in doc.ents if e.label_ == "PERSON")
    r = rules()
    for i, token in enumerate(doc[:-1]):
        folded = fold(token.text)
        if not token.text[:1].isupper() or folded not in r.title_words or folded in r.title_modifiers:
            continue
        if not _is_name_word(doc[i + 1]) or title_case_line(doc.text, token.idx):
            continue
        end = i + 2
        while end < len(doc) and _is_name_word(doc[end]) and "\n" not in doc[end - 1].whitespace_:
            end += 1
        yield doc[i + 1 : end]


def title_case_line(text: str, offset: int) -> bool:
    """The line around ``offset`` is written in title case (most of its longer words capitalised)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text[start : end if end >= 0 else len(text)]) if len(w) >= 4]
    capitalised = sum(w[:1].isupper() for w in words)
    return len(words) >= 3 and capitalised >= 0.75 * len(words)


def _is_name_word(token: Token) -> bool:
    text = token.text
    if not text[:1].isupper() or not any(c.isalpha() for c in text) or "\n" in text:
        return False
    return token.pos_ in ("PROPN", "NOUN", "X") and fold(text) not in rules().title_words


def _merge_adjacent(spans: list[Span]) -> list[Span]:
    """Join overlapping or touching person spans ("Gen Tunde" + "Bello Okafor")."""
    merged: list[Span] = []
    for span in spans:
        if merged and span.start <= merged[-1].end and "\n" not in merged[-1][-1].whitespace_:
            last = merged[-1]
            merged[-1] = last.doc[last.start : max(last.end, span.end)]
        else:
            merged.append(span)
    return merged


def _person(
    doc: Doc, span: Span, kb: Lookup, org_ranges: list[tuple[int, int]], chunk_ends: dict[int, Span]
) -> tuple[FoundMention, FoundMention | None] | None:
    """The person named by ``span`` and the role phrase written before it as an apposition, if any."""
    span, lead = _trim_person(span, kb)
    if span is None or _overlaps(span.start_char, span.end_char, org_ranges):
        return None
    name = split_name(span.text)
    if name is None or kb.sector_of(name.full) is not None or kb.country_of(name.surname) is not None:
        return None
    title_start = _title_start(doc, span.start if lead is None else lead.start, kb)
    title = doc[title_start : span.start].text.strip(" ,(") if title_start < span.start else None
    if name.prefix:
        title = " ".join(filter(None, (title, " ".join(name.prefix))))
    role_span = _apposition(doc, span, kb)
    role = role_span.text if role_span is not None else None
    before = _reverse_apposition(doc, title_start, span, kb, chunk_ends)
    if _not_a_person(doc, span, name, kb, cued=bool(title or role or before)):
        return None
    if before is not None:
        title = ", ".join(filter(None, (before.text, title)))
    office = _office_taken(span, kb)
    attrs = merge_attributes(*(phrase_attributes(p, kb) for p in (title, role, office) if p))
    claimed = [(doc[title_start].idx, span.start_char)] if title_start < span.start else []
    claimed += [(m.start, m.end) for m in (before,) if m is not None]
    if role_span is not None:
        claimed.append((role_span.start_char, role_span.end_char))
    start, text = _name_in_span(span, name)
    person = FoundMention(
        start=start,
        end=start + len(text),
        text=text,
        kind="person",
        name=split_name(text),
        title=title or None,
        role=role,
        country=attrs.country,
        sector=attrs.sector,
        affiliation=attrs.affiliation,
        claimed=tuple(claimed),
    )
    return person, replace(before, holder_start=start) if before is not None else None


# ---------------------------------------------------------------- people: appositions before the name


def _chunks_by_end(doc: Doc) -> dict[int, Span]:
    """The longest noun chunk (with its "of" phrase) ending at each token index."""
    ends: dict[int, Span] = {}
    for chunk in _chunks(doc):
        if chunk.end not in ends or chunk.start < ends[chunk.end].start:
            ends[chunk.end] = chunk
    return ends


def _reverse_apposition(
    doc: Doc, first: int, name: Span, kb: Lookup, chunk_ends: dict[int, Span]
) -> FoundMention | None:
    """A singular role phrase right before the name and its title, set off by a comma.

    "Nigeria's defence minister, Bashir Magashi, said": the parser makes the name an apposition of
    the role's head, or the name is closed by punctuation (not the subject of a new clause, as in
    "after meeting the minister, Smith said").
    """
    comma = first - 1
    if comma < 1 or doc[comma].text != "," or comma not in chunk_ends:
        return None
    chunk = chunk_ends[comma]
    if not (name.root.dep_ == "appos" and name.root.head.i == chunk.root.i or _closed(doc, name.end)):
        return None
    if not _role_like(chunk, kb) or "\n" in chunk.text:
        return None
    role = _role_phrase(chunk, kb)
    return role if role is not None and role.kind == "role" else None


def _closed(doc: Doc, end: int) -> bool:
    """The token after a name closes an apposition (a comma, a bracket, the end of the sentence)."""
    return end >= len(doc) or doc[end].text in (",", ")", ";", ".", "—", "–") or "\n" in doc[end - 1].whitespace_


# ---------------------------------------------------------------- people: names that are not people


def _not_a_person(doc: Doc, span: Span, name: PersonName, kb: Lookup, *, cued: bool) -> bool:
    """A candidate name that reads as a place or a facility rather than a person.

    A last word such as "Bay" or "Headquarters", a place noun after the name ("Kunar province") or
    a "the" right before it rule a person out; without a title or a role, so does a name the place
    gazetteer knows, in a place's context (see :func:`_place_reading`).
    """
    heads = rules().non_person_heads
    after = doc[span.end] if span.end < len(doc) else None
    if fold(name.surname.split()[-1]) in heads or after is not None and after.is_lower and fold(after.text) in heads:
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and fold(before.text) == "the":
        return True
    if not cued and len(span) == 1 and after is not None and after.is_lower and _agent_words(f"{span.text} {after.text}", kb):
        return True  # "Riot police", "Border guards" opening a sentence: an agent phrase, not a name
    return not cued and _place_reading(doc, span, name, before)


def _agent_words(phrase: str, kb: Lookup) -> bool:
    """Whether the phrase is, word for word, an agent phrase of the sector lexicon ("riot police")."""
    match = kb.sector_of(phrase)
    return match is not None and phrase_key(match.matched) == phrase_key(phrase)


def _place_reading(doc: Doc, span: Span, name: PersonName, before: Token | None) -> bool:
    """The gazetteer knows the name as a place, and nothing says it is a person's.

    A name of several words, or one the tagger did not label PERSON, is taken as the place; a
    single PERSON word only after a locative preposition or a motion "to", at the head of a
    dateline, or when it names a country or region and does not speak.
    """
    from storyline.places import resolve_place  # the gazetteer is loaded only when a name needs it

    place = resolve_place(name.full, own_names_only=True)
    if place is None:
        return False
    if len(name_words(name.full)) > 1 or span.root.ent_type_ != "PERSON":
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in (":", "—", "–") and span.text.isupper():
        return True
    if before is not None and _locative_before(before):
        return True
    return place.precision in ("country", "region") and not _speaks(span)


def _locative_before(token: Token) -> bool:
    folded = fold(token.text)
    if folded == "to":
        return fold(token.head.lemma_) in rules().motion_verbs
    return folded in rules().locatives or folded == "of"


def _speaks(span: Span) -> bool:
    root = span.root
    return root.dep_ in ("nsubj", "nsubjpass") and fold(root.head.lemma_) in rules().speech_verbs


# ---------------------------------------------------------------- people: names in title-case headlines


def _name_in_span(span: Span, name: PersonName) -> tuple[int, str]:
    """Where the person's name stands in ``span`` (the whole span when the name is not written
    there as one run, e.g. "X - X")."""
    text = name.full if not name.prefix else span.text[span.text.find(name.given[0] if name.given else name.surname) :]
    at = span.text.find(text)
    if at < 0:
        return span.start_char, span.text
    return span.start_char + at, text


def _headline_people(doc: Doc, people: list[FoundMention]) -> tuple[list[FoundMention], set[int]]:
    """People found in title-case lines, checked against the people named elsewhere on the page.

    A headline's capitals join a name to the next word ("Okafor Meets Envoys"): an untitled person
    of a title-case line is kept when its surname is one named elsewhere, cut back to the longest
    part that is, or dropped. Returns the people kept and the starts of those dropped.
    """
    in_headline = [not p.title and title_case_line(doc.text, p.start) for p in people]
    known = {surname_key(p.name.surname) for p, h in zip(people, in_headline) if not h and p.name is not None}
    kept: list[FoundMention] = []
    dropped: set[int] = set()
    for person, headline in zip(people, in_headline):
        fixed = _headline_person(person, known) if headline else person
        if fixed is None:
            dropped.add(person.start)
        else:
            kept.append(fixed)
    return kept, dropped


def _headline_person(person: FoundMention, known: set[str]) -> FoundMention | None:
    words = list(re.finditer(r"\S+", person.text))
    for n in range(len(words), 0, -1):
        text = person.text[: words[n - 1].end()]
        name = split_name(text)
        if name is not None and surname_key(name.surname) in known:
            return replace(person, end=person.start + len(text), text=text, name=name)
    return None


def _trim_person(span: Span, kb: Lookup) -> tuple[Span | None, Span | None]:
    """Drop leading titles and possessive qualifiers ("Chile's Soto") and a trailing "'s"."""
    doc = span.doc
    start, end = span.start, span.end
    lead = None
    for k in range(span.start, span.end - 1):
        if doc[k + 1].text in ("’s", "'s", "’", "'"):
            lead, start = doc[span.start : k + 2], k + 2
    while start < end - 1 and _not_name_start(doc[start]):
        start += 1
    while end > start and (doc[end - 1].text in _BRACKETS or doc[end - 1].is_punct):
        end -= 1
    if end <= start:
        return None, lead
    if lead is not None and kb.country_of(lead.text) is None:
        lead = None
    return doc[start:end], lead


def _not_name_start(token: Token) -> bool:
    folded = fold(token.text)
    return folded in rules().title_words or folded in rules().honorifics or not token.text[:1].isupper()


def _title_start(doc: Doc, i: int, kb: Lookup) -> int:
    """Walk left from token ``i`` over the title words before a name; return the title's first token.

    No title when "the" stands right before the name ("the banks of the Rhine"). A country named
    after a locative preposition is where the title's holder is, not their nationality ("the envoy
    in Chile Ana Soto"): the title starts after it.
    """
    if i > 0 and fold(doc[i - 1].text) == "the":
        return i
    start = _walk_title(doc, i, kb)
    if start < i and start > 0 and fold(doc[start - 1].text) in rules().locatives:
        while start < i and _place_name(doc[start].text, kb):
            start += 1
    return start


def _place_name(text: str, kb: Lookup) -> bool:
    """A country's name or capital (a place), not its demonym ("from Russian President X" is a nationality)."""
    match = kb.country_of(text)
    return match is not None and match.kind != "demonym"


def _walk_title(doc: Doc, i: int, kb: Lookup) -> int:
    start = i
    k = i - 1
    while k >= 0 and _title_token(doc[k], kb):
        if "\n" in doc[k].whitespace_:
            break
        k -= 1
        if doc[k + 1].text not in _BRACKETS and fold(doc[k + 1].text) not in ("of", "the"):
            start = k + 1
        elif doc[k + 1].text in (")", "’s", "'s"):
            start = k + 1
    return start


def _title_token(token: Token, kb: Lookup) -> bool:
    text = token.text
    if text in _BRACKETS or fold(text) in ("of", "the", "r") or _hyphen_prefix(token):
        return True
    if not any(c.isalpha() for c in text):
        return False
    if token.ent_type_ == "PERSON" and fold(text) not in rules().title_words and not _possessive_country(token, kb):
        return False
    folded = fold(text)
    if folded in rules().title_words or kb.is_sector_word(folded):
        return True
    return text[:1].isupper() and not (token.is_sent_start and kb.country_of(text) is None)


def _possessive_country(token: Token, kb: Lookup) -> bool:
    """A country name before "'s" (the small model sometimes tags it PERSON: "Togo's President")."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.text in ("’s", "'s") and kb.country_of(token.text) is not None


def _hyphen_prefix(token: Token) -> bool:
    """The first part of a hyphenated modifier ("pro" in "pro-Moscow president")."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.text == "-" and not token.whitespace_ and not nxt.whitespace_


def _apposition(doc: Doc, span: Span, kb: Lookup) -> Span | None:
    """The role phrase set off by a comma or a dash right after a name, if it reads as a role.

    A phrase that opens with a preposition (", at the ministry") is a circumstance, not a role.
    """
    start = span.end
    if start >= len(doc) - 1 or not _opens_apposition(doc, start):
        return None
    end = start + 1
    while end < len(doc) and end - start <= _MAX_APPOSITION and not _ends_apposition(doc[end]):
        end += 1
    phrase = doc[start + 1 : end]
    if not len(phrase) or end - start > _MAX_APPOSITION or phrase[0].pos_ == "ADP" or not _role_like(phrase, kb):
        return None
    text = cut_locative(phrase.text)
    if kb.sector_of(text) is None and not kb.organisations_in(text):
        return None
    return doc.char_span(phrase.start_char, phrase.start_char + len(text), alignment_mode="expand")


def _office_taken(span: Span, kb: Lookup) -> str | None:
    """The office a name's clause says it took or held ("X took over as Chile's president", "X was
    sworn in as Peru's foreign minister"): the role phrase after "as" on the verb the name is the
    subject of, when it names a country; ``None`` otherwise."""
    root = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    for prep in (c for c in root.head.children if c.dep_ == "prep" and c.lower_ == "as"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            phrase = obj.doc[obj.left_edge.i : obj.i + 1]
            if _role_like(phrase, kb) and kb.sector_of(phrase.text) is not None and kb.countries_in(phrase.text):
                return phrase.text
    return None


def _role_like(phrase: Span, kb: Lookup) -> bool:
    """No verb, no leading "and", no person's name: a phrase that can be a role."""
    if phrase[0].dep_ == "cc" or any(t.pos_ in ("VERB", "AUX") for t in phrase):
        return False
    return not _names_person(phrase, kb)


def _names_person(phrase: Span, kb: Lookup) -> bool:
    """The phrase holds a person's name (", and General X"), not an organisation tagged as one."""
    for ent in phrase.ents:
        known = kb.organisation(ent.text) or kb.country_of(ent.text) or kb.sector_of(ent.text)
        if ent.label_ == "PERSON" and known is None:
            return True
    return False


def _opens_apposition(doc: Doc, i: int) -> bool:
    """A comma, or a dash standing apart ("Ana Ruiz – former defence minister")."""
    text = doc[i].text
    return text == "," or text in ("—", "–", "-") and i > 0 and bool(doc[i - 1].whitespace_)


def _ends_apposition(token: Token) -> bool:
    text = token.text
    return text in _STOP_PUNCT or text == "(" or fold(text) in _CLAUSE_WORDS or "\n" in text


def _surname_repeats(doc: Doc, people: list[FoundMention], orgs: list[FoundMention]) -> list[FoundMention]:
    """Capitalised words that repeat the surname of a person named on the page."""
    keys = {surname_key(p.name.surname) for p in people if p.name is not None}
    taken = _claimed_ranges([*people, *orgs])
    found = []
    for i, word in enumerate(t.text for t in doc):
        if len(word) < 3 or not word[:1].isupper() or surname_key(word) not in keys:
            continue
        token = doc[i]
        if fold(word) not in rules().title_words and not _overlaps(token.idx, token.idx + len(word), taken):
            found.append(_bare_surname(doc, token))
    return found


def _bare_surname(doc: Doc, token: Token) -> FoundMention:
    k = token.i - 1
    title = doc[k].text if k >= 0 and fold(doc[k].text) in rules().title_words else None
    return FoundMention(
        start=token.idx,
        end=token.idx + len(token.text),
        text=token.text,
        kind="person",
        name=split_name(token.text),
        title=title,
    )


# ---------------------------------------------------------------- role phrases and groups


def _role_phrases(
    doc: Doc, kb: Lookup, taken: list[tuple[int, int]], orgs: list[FoundMention]
) -> Iterator[FoundMention]:
    claimed = Ranges(taken)
    org_ranges = Ranges(_taken_ranges(orgs))
    for chunk in _chunks(doc):
        if claimed.overlaps(chunk.start_char, chunk.end_char):
            continue
        root = chunk.root
        if org_ranges.overlaps(root.idx, root.idx + len(root.text)):
            continue
        mention = _role_phrase(chunk, kb) or _possessor_phrase(chunk, kb)
        if mention is not None:
            claimed.add(mention.start, mention.end)
            yield mention


def _chunks(doc: Doc) -> Iterator[Span]:
    """Noun chunks, each extended by an "of" phrase ("the chairman of the Joint Chiefs")."""
    if not doc.has_annotation("DEP"):
        return
    for chunk in doc.noun_chunks:
        yield _with_of_phrase(chunk)


def _with_of_phrase(chunk: Span) -> Span:
    root = chunk.root
    for child in root.rights:
        if child.dep_ == "prep" and fold(child.text) == "of" and child.i == chunk.end:
            last = max(t.i for t in child.subtree)
            return chunk.doc[chunk.start : last + 1]
    return chunk


def _role_phrase(chunk: Span, kb: Lookup) -> FoundMention | None:
    return _agent_phrase(chunk, kb) or _platform_phrase(chunk, kb) or _side_phrase(chunk, kb)


def _possessor_phrase(chunk: Span, kb: Lookup) -> FoundMention | None:
    """The office or body of a state that owns what a phrase names ("the Kenyan foreign ministry's
    statement", "the Chilean army's offensive"): the possessor, read as a role phrase of its own, when its
    own words name its country ("the company's statement" is left to the page)."""
    owner = next((c for c in chunk.root.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
    if owner is None or owner.left_edge.i < chunk.start:
        return None
    found = _agent_phrase(chunk.doc[owner.left_edge.i : owner.i + 1], kb)
    return found if found is not None and found.country is not None else None  # a state's office, by its own words


def _side_phrase(chunk: Span, kb: Lookup) -> FoundMention | None:
    """A state's side in talks or a dispute, as diplomatic reports name it ("the Chinese side",
    ``national_sides``): only with a country word, so "either side" and "the other side" name no one."""
    root = chunk.root
    if fold(root.text) not in rules().national_sides or _non_referential(chunk):
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return None  # "the Afghan side of the border": a place
    text = chunk.doc[chunk.start : root.i + 1].text
    country = _country_words(text, kb.organisations_in(text), kb, agent=True)  # a side is an agent
    if country is None:
        return None
    start = chunk.start_char + _skip_determiner(text)
    return FoundMention(start=start, end=chunk.start_char + len(text), text=text[start - chunk.start_char :],
                        kind="role", role=text, country=country,
                        sector=Evidence(value="GOV", source=f"side '{root.text}'", rank=RANK_TEXT))


def _agent_phrase(chunk: Span, kb: Lookup) -> FoundMention | None:
    text = cut_locative(chunk.text)
    match = kb.sector_of(text)
    if match is None or not text.strip():
        return None
    root = chunk.root
    if match.entry.role == "modifier" or not _agent_head(root, kb) or _non_referential(chunk):
        return None
    if root.pos_ == "PROPN" and match.entry.role == "generic" and not _all_agent(text, kb):
        return None
    attrs = phrase_attributes(text, kb)
    plural = root.tag_ in ("NNS", "NNPS") or fold(root.text) in rules().collective_heads
    start = chunk.start_char + _skip_determiner(text)
    return FoundMention(
        start=start,
        end=chunk.start_char + len(text),
        text=text[start - chunk.start_char :],
        kind="group" if plural else "role",
        role=text,
        country=attrs.country,
        sector=attrs.sector,
        affiliation=attrs.affiliation,
    )


def _platform_phrase(chunk: Span, kb: Lookup) -> FoundMention | None:
    """A national military platform acting as a group ("Turkish fighter jets", "Saudi warplanes"):
    the head is a weapons platform and a country word modifies it as a nationality, not a maker
    ("US-made jets" names no one)."""
    root = chunk.root
    if fold(root.lemma_) not in rules().military_platforms and fold(root.text) not in rules().military_platforms:
        return None
    if _non_referential(chunk):
        return None
    country = _platform_country(chunk, kb)
    if country is None:
        return None
    text = chunk.doc[chunk.start : root.i + 1].text
    start = chunk.start_char + _skip_determiner(text)
    plural = root.tag_ in ("NNS", "NNPS")
    return FoundMention(start=start, end=chunk.start_char + len(text), text=text[start - chunk.start_char :],
                        kind="group" if plural else "role", role=text, country=country,
                        sector=Evidence(value="MIL", source=f"platform '{root.text}'", rank=RANK_TEXT))


def _platform_country(chunk: Span, kb: Lookup) -> Evidence | None:
    """The country of a modifier of the platform, unless it names its maker ("Russian-made")."""
    root = chunk.root
    for token in chunk:
        if token.i >= root.i or token.head.i != root.i and token.head.head.i != root.i:
            continue
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.text in ("-", "‑") and fold(nxt.nbor(1).text) in rules().maker_suffixes:
            return None
        match = kb.country_of(token.text)
        if match is not None and not match.ambiguous:
            return Evidence(value=match.code, source=f"text:{match.kind} '{match.matched}'", rank=RANK_TEXT)
    return None


def _non_referential(chunk: Span) -> bool:
    """A phrase that names no one: "neither army", "no soldiers", "any foreign government"."""
    return fold(chunk[0].text) in rules().non_referential


def _agent_head(root: Token, kb: Lookup) -> bool:
    """The head noun of a chunk is itself an agent noun or title ("commander", "officials")."""
    match = kb.sector_of(root.text)
    return match is not None and match.entry.role != "modifier" or _two_word_head(root, kb)


def _two_word_head(root: Token, kb: Lookup) -> bool:
    """A head noun that is an agent only with the word before it: a national institution ("armed
    forces", "air force"; ``page_institution`` heads in ``resolve_rules.json``) or a two-word agent noun
    ("border guards"; ``compound_agent_heads``)."""
    if root.i == 0:
        return False
    before = root.nbor(-1)
    if before.head.i != root.i or before.dep_ not in ("amod", "compound"):
        return False
    text = f"{before.text} {root.text}"
    if fold(text) not in rules().institution_heads | rules().compound_agent_heads:
        return False
    match = kb.sector_of(text)
    return match is not None and match.entry.role != "modifier"


def _all_agent(text: str, kb: Lookup) -> bool:
    match = kb.sector_of(text)
    return match is not None and match.end - match.start >= len(text.strip()) - 4


def _skip_determiner(text: str) -> int:
    first = re.match(r"\s*(the|a|an)\s+", text, flags=re.IGNORECASE)
    return first.end() if first else 0


# ---------------------------------------------------------------- states and other organisations


def _states(
    doc: Doc, matches: Iterable[CountryMatch], taken: list[tuple[int, int]], claimed: list[tuple[int, int]]
) -> Iterator[FoundMention]:
    blocked = Ranges([*taken, *claimed])  # the caller changes neither while it reads these
    for match in matches:
        if blocked.overlaps(match.start, match.end):
            continue
        if match.matched.endswith(".") and not match.entry.endswith("."):
            match = replace(match, matched=match.matched[:-1], end=match.end - 1)
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if match.ambiguous and not _recognised_state(match, span):
            continue
        kind = _state_kind(span, match.kind) if span is not None else None
        if kind is None:
            continue
        source = f"kb:country {match.kind} '{match.matched}'"
        sector = Evidence(value="GOV", source=source, rank=RANK_ORG) if match.kind == "capital" else None
        yield FoundMention(
            start=match.start,
            end=match.end,
            text=match.matched,
            kind=kind,
            country=Evidence(value=match.code, source=source, rank=RANK_TEXT),
            sector=sector,
        )


def _recognised_state(match: CountryMatch, span: Span | None) -> bool:
    """An ambiguous country name that is also a person's name ("Jordan", "Chad", "Niger") names the state
    where it is capitalised and stands alone: no capitalised name word next to it ("Chad Smith", "Michael
    Jordan") and no longer name of the article holding it (a later "Jordan" is that person's surname).
    The small pipeline's entity recogniser reads most of these as persons, so its label does not decide."""
    if span is None or match.entry not in recognised_country_names() or not match.matched[:1].isupper():
        return False
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    if any(t.is_title and t.pos_ == "PROPN" and not t.is_sent_start for t in neighbours):
        return False
    word = match.matched.lower()
    return not any(len(e) > 1 and e.label_ == "PERSON" and word in {t.lower_ for t in e} for e in doc.ents)


def _state_kind(span: Span, kind: str) -> MentionKind | None:
    """The kind of mention a country word makes, or None when it names no actor.

    A country or demonym that leads ("Saudi-led") or modifies an event noun ("US drone strike",
    "Israeli strikes") stands for the state that acts; a plural demonym is a group ("the Afghans").
    """
    if kind != "capital" and (_leads(span) or _modifies_event(span)):
        return "state"
    if not _acts(span, kind):
        return None
    return "group" if kind == "demonym" else "state"


def _leads(span: Span) -> bool:
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text not in ("-", "–") or doc[span.end].whitespace_:
        return False
    return fold(doc[span.end + 1].text) in rules().leader_suffixes


def _modifies_event(span: Span) -> bool:
    """The word modifies an event noun, directly or through other modifiers ("US drone attack")."""
    root = span.root
    if root.dep_ not in ("compound", "amod", "nmod", "poss") or root.head.i < root.i:
        return False
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    nouns = rules().event_nouns
    return fold(head.lemma_) in nouns or fold(head.text) in nouns


def _acts(span: Span, kind: str) -> bool:
    """A country word that names an actor: not a modifier, not a place after "in", "to"...

    Demonyms count only as plural nouns ("the Afghans"); capitals only as subjects ("Kabul said").
    A country that a visit goes to ("travelled to Uganda", "arrived in Peru") is named as a state:
    the visit's other side.
    """
    root = span.root
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.text in ("-", "–"):
        return False
    if kind == "demonym":
        return root.tag_ in ("NNS", "NNPS") and root.text.endswith("s")
    if kind == "capital":  # "Seoul and Washington held talks": a conjunct of the subject too
        return root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"))
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i > root.i:
        return False
    start = span.start
    while start > 1 and fold(span.doc[start - 1].text) in rules().place_directions:
        start -= 1  # "in northern Mali": the place after "in"
    before = span.doc[start - 1] if start > 0 else None
    return (before is None or fold(before.text) not in rules().locatives or _visit_destination(before)
            or kind == "name" and _event_complement(before))


_EVENT_PREPOSITIONS = frozenset({"to", "from", "on", "against"})


def _event_complement(preposition: Token) -> bool:
    """A "to", "from", "on" or "against" after an event noun names the event's other side, not a
    place: "an apology to Japan", "condemnation from Germany", "sanctions on Iran"."""
    if fold(preposition.text) not in _EVENT_PREPOSITIONS:
        return False
    head = preposition.head
    nouns = rules().event_nouns
    if head.pos_ == "VERB":  # "issued an apology to Japan": the noun is the verb's object
        return any(c.dep_ == "dobj" and fold(c.lemma_) in nouns for c in head.children)
    return head.pos_ == "NOUN" and (fold(head.lemma_) in nouns or fold(head.text) in nouns)


def _visit_destination(preposition: Token) -> bool:
    """A "to" or "in" after a verb of travel ("travelled to", "arrived in")."""
    r = rules()
    return fold(preposition.text) in r.destination_prepositions and fold(preposition.head.lemma_) in r.visit_verbs


def _other_organisations(doc: Doc, kb: Lookup, taken: list[tuple[int, int]]) -> Iterator[FoundMention]:
    """Named organisations the knowledge base lacks, headed by an institution word ("... Council")."""
    blocked = Ranges(taken)
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON", "NORP") or blocked.overlaps(ent.start_char, ent.end_char):
            continue
        span = ent[1:] if fold(ent[0].text) == "the" else ent
        match = kb.sector_of(span.text) if len(span) > 1 else None
        if match is None or not span[-1].text[:1].isupper():
            continue
        if match.entry.role != "generic" or match.end < len(span.text) - len(span[-1].text):
            continue
        attrs = phrase_attributes(span.text, kb)
        yield FoundMention(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            kind="organisation",
            country=attrs.country,
            sector=attrs.sector,
        )


# ---------------------------------------------------------------- coalitions of groups


def _with_coalitions(doc: Doc, found: list[FoundMention], kb: Lookup) -> list[FoundMention]:
    """Named coalitions described by an apposition ("the Tana Front, an alliance of 12 opposition
    parties,"): the name is an organisation whose sector is its members' (OPP), not the generic
    default of its head word ("Front", "Council" -> GOV); the apposition is no separate mention."""
    for comma in (t for t in doc if t.text == ","):
        members = _coalition_members(doc, comma.i)
        if members is None:
            continue
        name = _coalition_name(doc, comma.i)
        sector = _lexicon_sector(members.text, kb)
        if name is None or sector is None or sector.rank == RANK_WEAK:
            continue
        found = _as_coalition(found, name, members, sector, kb)
    return sorted(found, key=lambda m: (m.start, m.end))


def _coalition_members(doc: Doc, comma: int) -> Span | None:
    """The members' phrase of ", a coalition of <members>": up to the apposition's end."""
    k = comma + 1
    if k < len(doc) and fold(doc[k].text) in ("a", "an", "the"):
        k += 1
    heads = rules().coalition_heads
    n = next((n for n in (2, 1) if fold(doc[k : k + n].text) in heads), 0) if k < len(doc) else 0
    if not n or k + n >= len(doc) or fold(doc[k + n].text) != "of":
        return None
    start = end = k + n + 1
    while end < len(doc) and end - start <= _MAX_APPOSITION and not _ends_apposition(doc[end]):
        end += 1
    return doc[start:end] if end > start else None


def _coalition_name(doc: Doc, comma: int) -> Span | None:
    """The capitalised name written right before the comma ("the Tana Front")."""
    start = comma
    while start > 0 and _name_part(doc[start - 1]):
        start -= 1
    if start == comma or "\n" in doc[start:comma].text:
        return None
    return doc[start:comma]


def _name_part(token: Token) -> bool:
    text = token.text
    if text in ("-", "‑") or fold(text) in ("of", "for", "and") and not token.is_sent_start:
        return True
    if _hyphen_prefix(token) or token.i > 0 and token.doc[token.i - 1].text == "-" and not token.doc[token.i - 1].whitespace_:
        return True
    return text[:1].isupper() and fold(text) != "the" and any(c.isalpha() for c in text)


def _as_coalition(
    found: list[FoundMention], name: Span, members: Span, sector: Evidence, kb: Lookup
) -> list[FoundMention]:
    """Replace the mentions inside the name and the apposition by one organisation mention."""
    lo, hi = name.start_char, members.end_char
    inside = [m for m in found if lo <= m.start and m.end <= hi]
    own = next((m for m in inside if m.kind == "organisation" and (m.start, m.end) == (lo, name.end_char)), None)
    if own is not None and own.org_code is not None:
        return found
    attrs = merge_attributes(phrase_attributes(name.text, kb), phrase_attributes(members.text, kb))
    source = f"text:coalition of '{members.text}'"
    coalition = FoundMention(
        start=lo,
        end=name.end_char,
        text=name.text,
        kind="organisation",
        country=attrs.country,
        sector=replace(sector, source=source, rank=RANK_TEXT),
        claimed=((members.start_char, members.end_char),),
    )
    logger.debug("coalition %r: sector %s from %r", name.text, sector.value, members.text)
    return [m for m in found if m not in inside] + [coalition]


# ---------------------------------------------------------------- groups of several countries


def _split_shared_heads(doc: Doc, found: list[FoundMention], kb: Lookup) -> list[FoundMention]:
    """A group noun shared by several countries becomes one group mention per country:
    "Kenyan and Ugandan troops" (coordinated demonyms) and "diplomats from Chile and Peru" (a
    "from" complement); each keeps the group's sector and role words."""
    out: list[FoundMention] = []
    for m in found:
        parts = _country_parts(doc, m, kb) if m.kind in ("group", "role") else []
        out.extend(_one_per_country(m, parts, kb) if len(parts) > 1 else [m])
    taken = [(m.start, m.end) for m in out if m.kind == "group" and m.claimed]
    return [m for m in out if not (m.kind == "state" and _inside(m.start, m.end, taken))]


def _country_parts(doc: Doc, mention: FoundMention, kb: Lookup) -> list[tuple[Span, CountryMatch]]:
    """The coordinated country words of a group phrase, or of its "from" complement."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return []
    words = [t for t in span if t.i != span.root.i and _country_word(t, kb)]
    words = words or _complement_countries(span.root, kb)
    if len(words) < 2 or not all(w.i == words[0].i or w.dep_ == "conj" for w in words):
        return []
    return [(doc[w.i : w.i + 1], match) for w in words if (match := kb.country_of(w.text)) is not None]


def _country_word(token: Token, kb: Lookup) -> bool:
    match = kb.country_of(token.text)
    return match is not None and not match.ambiguous and match.kind in ("demonym", "name")


def _complement_countries(head: Token, kb: Lookup) -> list[Token]:
    """Countries of a "from X and Y" complement of a group noun ("officials from Chile and Peru")."""
    for prep in head.rights:
        if prep.dep_ == "prep" and fold(prep.text) in rules().group_complement_prepositions:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            words = [w for o in objects for w in (o, *o.conjuncts)]
            if words and all(_country_word(w, kb) for w in words):
                return words
    return []


def _one_per_country(
    mention: FoundMention, parts: list[tuple[Span, CountryMatch]], kb: Lookup
) -> list[FoundMention]:
    """One group per country. Coordinated modifiers ("Kenyan and Ugandan troops"): each country word
    is a group, the last one with the shared head; a complement ("officials from Chile and Peru"):
    the head is the first country's group, each other country word a group."""
    words = role_words(mention.text, kb)
    modifiers = parts[-1][0].end_char <= mention.end and parts[0][0].start_char >= mention.start
    holder = len(parts) - 1 if modifiers else 0
    out = []
    for n, (span, match) in enumerate(parts):
        country = Evidence(value=match.code, source=f"text:{match.kind} '{match.matched}'", rank=RANK_TEXT)
        if n == holder:
            start = span.start_char if modifiers else mention.start
            text = mention.text[start - mention.start :]
            out.append(replace(mention, start=start, text=text, kind="group", country=country, role_words=words))
            continue
        out.append(
            FoundMention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind="group",
                role=mention.text,
                role_words=words,
                country=country,
                sector=mention.sector,
                claimed=((span.start_char, span.end_char),),
            )
        )
    return out
