"""Entry points of the actor stage: resolve one parsed page, then canonicalise across pages.

:func:`resolve_page` finds the actor mentions of one article (:mod:`storyline.actors.mentions`),
links them within the page (:mod:`storyline.actors.coref`), decides each chain's country and sector
(the text first, then the knowledge base, then an optional user dictionary valid on the page's
date, then the page's own country) and maps every offset to the stored document text.

The page's country is its dateline's ("RAWALPINDI: ..."), else the country that dominates its
state mentions and national institutions, else its outlet's country-code domain when the page names
no other country more often. It goes, as the weakest evidence, to people with a
national office below head of state or government ("Chief of Army Staff General X") and to
national roles, groups and unnamed institutions ("the army chief", "the Foreign Office") whose
country is still unknown; never to states, international bodies, untitled names, or anyone whose
words name a country. :func:`canonicalize` (from
:mod:`storyline.actors.canonical`) merges the chains of many pages into actors.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

import pycountry
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from storyline.actors.canonical import Actor, CanonicalActors, canonicalize
from storyline.actors.coref import ActorMention, Chain, PageEntity, link_mentions
from storyline.actors.kb import KnowledgeBase, load_kb
from storyline.actors.mentions import (
    RANK_AFFILIATION,
    RANK_DICTIONARY,
    RANK_PAGE,
    RANK_WEAK,
    Evidence,
    FoundMention,
    find_dateline,
    find_mentions,
)
from storyline.actors.names import PersonName, fold, rules
from storyline.actors.offices import office_nationality
from storyline.actors.petrarch import NON_STATE_PREFIXES, ActorDictionary, shipped_dictionary, split_code

logger = logging.getLogger(__name__)

__all__ = ["Actor", "CanonicalActors", "PageActors", "canonicalize", "dominant_country", "page_country", "resolve_page"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PageActors:
    """The actors of one page: every mention (text order) and the within-page chains.

    ``page_country`` is the page's own country (see the module docstring) and its evidence
    ("page:dateline RAWALPINDI", "page:dominant PAK"), where the page has one.
    """

    doc_id: str
    published: date | None
    mentions: tuple[ActorMention, ...]
    entities: tuple[PageEntity, ...]
    page_country: str | None = None
    page_country_evidence: str | None = None

    def entity(self, local_id: str) -> PageEntity | None:
        return next((e for e in self.entities if e.local_id == local_id), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Decided:
    """A chain's final country, sector and affiliation."""

    country: Evidence | None
    sector: Evidence | None
    affiliation: str | None


def resolve_page(
    doc_id: str,
    spacy_doc: Doc,
    *,
    to_stored: Callable[[int], int],
    published: date | None = None,
    kb: KnowledgeBase | None = None,
    dictionary: ActorDictionary | None = None,
    url: str | None = None,
    place_country: str | None = None,
) -> PageActors:
    """Actor mentions and within-page chains of one parsed article.

    ``to_stored`` maps an offset of the parsed (article) text to the stored document text;
    ``dictionary`` (default: the shipped Phoenix dictionary, :func:`shipped_dictionary`) codes people
    and organisations the text leaves without a country or sector; ``published`` picks its roles
    valid on the page's date; ``url`` (the page's) lends
    its country-code domain as the weakest page-context country; ``place_country`` (the country the
    page's places lie in, :func:`storyline.places.mentions.dominant_place_country`) comes before it.
    """
    kb = kb or load_kb()
    dictionary = shipped_dictionary() if dictionary is None else dictionary
    found = find_mentions(spacy_doc, kb=kb)
    chains = link_mentions(found)
    context = page_country(spacy_doc.text, found, url=url, place_country=place_country)
    decisions = []
    for chain in chains:
        members = [found[k] for k in chain.members]
        name = _best_name(chain, members, kb)
        decided = _decide(chain, members, name, dictionary, published)
        decided = decided if _person_possessed(chain, members) else _with_page_country(chain, members, decided, context)
        decisions.append((chain, members, name, decided))
    decisions = _with_institution_country(decisions)
    entities = [_entity(doc_id, f"e{n}", chain, members, decided, name=name, to_stored=to_stored)
                for n, (chain, members, name, decided) in enumerate(decisions, start=1)]
    mentions = sorted((m for e in entities for m in e.mentions), key=lambda m: (m.start, m.end))
    return PageActors(
        doc_id=doc_id,
        published=published,
        mentions=tuple(mentions),
        entities=tuple(entities),
        page_country=context.value if context else None,
        page_country_evidence=context.source if context else None,
    )


# ---------------------------------------------------------------- the page's own country


def page_country(text: str, found: Sequence[FoundMention], *, url: str | None = None,
                 place_country: str | None = None) -> Evidence | None:
    """The page's country: its dateline's, else the dominant country of its mentions, else the
    country its places lie in (``place_country``), else the country of the outlet's country-code
    domain (``.pk``, ``.co.uk``); the last two unless the page names another country's state or
    institutions more often (a national broadcaster's foreign news: a ``.co.uk`` page on Crimea is
    not about Britain); all at the weakest rank."""
    dateline = find_dateline(text)
    if dateline is not None and dateline.country:
        return Evidence(value=dateline.country, source=f"page:dateline {dateline.text}", rank=RANK_PAGE)
    counts = national_counts(found)
    code = dominant_country(found, counts=counts)
    if code:
        return Evidence(value=code, source=f"page:dominant {code}", rank=RANK_PAGE)
    if place_country and counts.get(place_country, 0) >= max(counts.values(), default=0):
        return Evidence(value=place_country, source=f"page:places {place_country}", rank=RANK_PAGE)
    domain = outlet_country(url)
    if domain is None or counts.get(domain[0], 0) < max(counts.values(), default=0):
        return None
    return Evidence(value=domain[0], source=f"page:domain {domain[1]}", rank=RANK_PAGE)


def outlet_country(url: str | None) -> tuple[str, str] | None:
    """The country of a URL's country-code top-level domain, with the host (``.com`` and the
    country codes used as generic domains, such as ``.io`` or ``.tv``, give nothing)."""
    host = (urlsplit(url).hostname or "") if url else ""
    tld = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(tld) != 2 or tld in rules().generic_cctlds:
        return None
    country = pycountry.countries.get(alpha_2=tld.upper()) or (pycountry.countries.get(alpha_2="GB") if tld == "uk" else None)
    return (country.alpha_3, host) if country else None


def dominant_country(found: Sequence[FoundMention], *, counts: Counter[str] | None = None) -> str | None:
    """The country most named by the page's state mentions and national institutions
    (:func:`national_counts`, or ``counts`` when already counted), when it clearly leads
    (``page_context`` in ``resolve_rules.json``: a minimum count and a margin)."""
    counts = national_counts(found) if counts is None else counts
    ranked = counts.most_common(2)
    if not ranked:
        return None
    (code, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0)
    r = rules()
    return code if top >= r.page_context_min and top >= r.page_context_margin * second else None


def national_counts(found: Sequence[FoundMention]) -> Counter[str]:
    """How often the page names each country as a state or a national institution.

    Only states and institutions count: a page qualifies the foreign actors it names ("the US
    envoy") and leaves its own country's unqualified ("the army chief"), so country adjectives
    would favour the foreign side.
    """
    sectors = rules().page_context_sectors
    return Counter(
        m.country.value
        for m in found
        if m.country is not None and _iso(m.country.value) and m.country.rank <= RANK_AFFILIATION
        and (m.kind == "state" or m.kind == "organisation" and m.org_code and m.sector and m.sector.value in sectors)
    )


def _iso(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper() and code != "XNS"


def _relational(members: Sequence[FoundMention]) -> bool:
    """Every mention a role named by its relation to another side ("his counterpart"): never the
    page's country (nor any it does not state)."""
    heads = rules().relational_heads
    return bool(members) and all(m.text.split() and fold(m.text.split()[-1]) in heads for m in members)


def _with_page_country(chain: Chain, members: Sequence[FoundMention], decided: _Decided,
                       context: Evidence | None) -> _Decided:
    """The page's country for a person or national institution that states none (see the module docstring)."""
    if context is None or decided.country is not None and decided.country.rank <= RANK_PAGE:
        return decided
    if _relational(members):
        return decided
    takes = _officer(chain, decided) if chain.kind == "person" else chain.kind != "state" and _national(chain, decided)
    return replace(decided, country=context) if takes else decided


_Decision = tuple[Chain, list[FoundMention], str, _Decided]


def _with_institution_country(decisions: list[_Decision]) -> list[_Decision]:
    """A bare national institution ("the army", "the military") that states no country takes the
    country of the page's other military mentions whose own words name one ("Thailand's army
    chief", "the Thai military"), when exactly one country has them (``page_institution`` in
    ``resolve_rules.json``). Plural people ("officials", "generals") never borrow a country."""
    borrowed = institution_country(decisions)
    if borrowed is None:
        return decisions
    return [(chain, members, name, replace(decided, country=borrowed)) if _bare_institution(members, decided) else
            (chain, members, name, decided) for chain, members, name, decided in decisions]


def institution_country(decisions: Sequence[_Decision]) -> Evidence | None:
    """The one country the page's military mentions name in their own words, if exactly one."""
    sectors = rules().institution_source_sectors
    codes = {
        decided.country.value
        for _, _, _, decided in decisions
        if decided.country is not None and decided.country.rank <= RANK_AFFILIATION and _iso(decided.country.value)
        and decided.sector is not None and decided.sector.value in sectors
    }
    if len(codes) != 1:
        return None
    code = codes.pop()
    return Evidence(value=code, source=f"page:military {code}", rank=RANK_PAGE)


def _bare_institution(members: Sequence[FoundMention], decided: _Decided) -> bool:
    """Every mention is a bare institution name ("the army"), of a sector that borrows, with no country yet."""
    if decided.country is not None or decided.sector is None:
        return False
    if decided.sector.value not in rules().institution_source_sectors:
        return False
    return all(m.kind in ("role", "group", "organisation") and fold(m.text) in rules().institution_heads
               for m in members)


_POSSESSED = re.compile(r"\b[A-Z][\w-]*\s*['\u2019]s?\s+\w")


def _person_possessed(chain: Chain, members: Sequence[FoundMention]) -> bool:
    """A group a named person owns ("President Hadi's government", "General Ruiz's forces"): it is
    that person's country's, which the page's own country does not tell."""
    return chain.kind != "person" and all(_POSSESSED.search(m.text) for m in members)


def _officer(chain: Chain, decided: _Decided) -> bool:
    """A person with a national office that pages leave unqualified for their own country ("the army
    chief General X"). A name without a title, or a head of state or government ("President X"),
    is as often a foreign leader: it gets no page country."""
    r = rules()
    return _national(chain, decided) and not chain.role_words & r.leader_titles


def _national(chain: Chain, decided: _Decided) -> bool:
    """A role, group or unnamed organisation of a national sector, not qualified as foreign or
    international ("world leaders", "Western diplomats")."""
    r = rules()
    if decided.sector is None or decided.sector.value not in r.page_context_sectors:
        return False
    return not chain.role_words & r.non_national_modifiers


def _best_name(chain: Chain, members: Sequence[FoundMention], kb: KnowledgeBase) -> str:
    if chain.kind == "person":
        names = [m.name for m in members if m.name is not None]
        if names:
            return _fullest(names)
    if chain.kind == "organisation":
        org = next((m for m in members if m.org_code), None)
        entry = next((o for o in kb.orgs if org is not None and o.code == org.org_code), None)
        if entry is not None:
            return entry.name
    if chain.kind == "state" and chain.country is not None:
        return kb.country_name(chain.country.value) or members[0].text
    return members[0].text


def _fullest(names: Sequence[PersonName]) -> str:
    """The most complete spelling (most full given names, then initials), the most frequent among equals."""
    counts = Counter(n.full for n in names)

    def score(name: PersonName) -> tuple[int, int, int, str]:
        full_given = sum(len(g.rstrip(".")) > 1 for g in name.given)
        return (full_given, len(name.given), counts[name.full], name.full)

    return max(names, key=score).full


def _decide(
    chain: Chain, members: Sequence[FoundMention], name: str, dictionary: ActorDictionary | None, when: date | None
) -> _Decided:
    """Country and sector from the text; a user dictionary fills what the text leaves open.

    An international body's code (ISAF -> NATO) is an affiliation: a dictionary's nationality
    replaces it as the country, and the affiliation is kept.
    """
    affiliation = next((m.affiliation for m in members if m.affiliation), None)
    country, sector = chain.country, chain.sector
    found = _dictionary_code(chain, members, name, dictionary, when)
    if found is not None:
        code, source = found
        parts = split_code(code)
        if parts.country and parts.country not in NON_STATE_PREFIXES:
            if country is None or country.rank >= RANK_AFFILIATION:
                country = Evidence(value=parts.country, source=source, rank=RANK_DICTIONARY)
        if parts.sector and (sector is None or sector.rank >= RANK_WEAK):
            sector = Evidence(value=parts.sector, source=source, rank=RANK_DICTIONARY)
    if affiliation is None and country is not None and country.rank == RANK_AFFILIATION:
        affiliation = country.value
    if chain.kind == "person" and (country is None or country.rank == RANK_AFFILIATION):
        country = _office_country(members, chain, when) or country
    return _Decided(country=country, sector=sector, affiliation=affiliation)


def _office_country(members: Sequence[FoundMention], chain: Chain, when: date | None) -> Evidence | None:
    """The nationality of the holders of a multinational office the person is named by, on the page's date."""
    named = [m.org_code for m in members if m.org_code]
    named += sorted(w.removeprefix("org:") for w in chain.role_words if w.startswith("org:"))
    for organisation in dict.fromkeys(named):
        row = office_nationality(organisation, chain.role_words, when)
        if row is not None:
            period = f"{row.start or ''}..{row.end or ''}"
            return Evidence(value=row.country, source=f"office:{organisation} {row.role} ({period})", rank=RANK_AFFILIATION)
    return None


def _dictionary_code(
    chain: Chain, members: Sequence[FoundMention], name: str, dictionary: ActorDictionary | None, when: date | None
) -> tuple[str, str] | None:
    if dictionary is None or chain.kind not in ("person", "organisation"):
        return None
    candidates = [name, *dict.fromkeys(m.name.full if m.name else m.text for m in members)]
    for candidate in candidates:
        hit = dictionary.lookup(candidate, when)
        if hit is not None:
            actor, code = hit
            return code, f"dictionary:{actor.source}:{actor.line}"
    if chain.kind != "person" or any(m.name and m.name.given for m in members):
        return None  # a full name the dictionary lacks is someone else than its namesakes
    for surname in dict.fromkeys(m.name.surname for m in members if m.name and m.name.surname):
        hit = dictionary.lookup_surname(surname, when)
        if hit is not None:
            actor, code = hit
            return code, f"dictionary-surname:{actor.source}:{actor.line}"
    return None


def _entity(
    doc_id: str,
    local_id: str,
    chain: Chain,
    members: Sequence[FoundMention],
    decided: _Decided,
    *,
    name: str,
    to_stored: Callable[[int], int],
) -> PageEntity:
    mentions = tuple(_stored_mention(doc_id, local_id, m, decided, to_stored) for m in members)
    person_names = [m.name for m in members if m.name is not None]
    best = next((n for n in person_names if n.full == name), None)
    return PageEntity(
        doc_id=doc_id,
        local_id=local_id,
        kind=chain.kind,
        name=name,
        mentions=mentions,
        country=decided.country.value if decided.country else None,
        sector=decided.sector.value if decided.sector else None,
        country_evidence=decided.country.source if decided.country else None,
        sector_evidence=decided.sector.source if decided.sector else None,
        country_rank=decided.country.rank if decided.country else None,
        sector_rank=decided.sector.rank if decided.sector else None,
        affiliation=decided.affiliation,
        given=best.given if best else (),
        surname=best.surname if best else None,
        aliases=tuple(dict.fromkeys(n.full for n in person_names)) or (name,),
        role_words=frozenset(chain.role_words),
        org_code=next((m.org_code for m in members if m.org_code), None),
    )


def _stored_mention(
    doc_id: str, local_id: str, m: FoundMention, decided: _Decided, to_stored: Callable[[int], int]
) -> ActorMention:
    return ActorMention(
        doc_id=doc_id,
        start=to_stored(m.start),
        end=to_stored(m.end),
        text=m.text,
        kind=m.kind,
        title=m.title,
        role=m.role,
        name=m.name.full if m.name is not None else None,
        country=decided.country.value if decided.country else None,
        sector=decided.sector.value if decided.sector else None,
        country_evidence=decided.country.source if decided.country else None,
        sector_evidence=decided.sector.source if decided.sector else None,
        affiliation=decided.affiliation,
        local_entity=local_id,
    )
