"""Within-page linking: which mentions of one page refer to the same actor.

Mentions are linked in four passes, each over the page in text order:

1. full names: one chain per person; a later full name joins a chain whose surname is a spelling
   variant of its own and whose given names fit ("Jane K. Doe" and "Jane Doe");
2. surnames alone ("Doe said") join the person chain with that surname named most recently
   before them, else the first one named after them (a headline before the body); a single name
   that is no chain's surname joins the one chain whose first given name it spells ("Mr Prayut"
   after "Prayut Chan-o-cha": some names are shortened to the given name);
3. a role phrase written as an apposition before a name ("Kenya's envoy, Ruth Wanjiru") joins that
   person; other singular role phrases ("the army chief", "the ISAF commander") join the person whose
   titles and appositions contain all their role words (synonyms merged: COAS = chief of army staff = army
   chief), with a compatible country; most recent holder first. A role with no holder on the page
   stays a role chain of its own. A bare national institution ("the army", "the Kenyan navy": role
   words all from ``page_institution`` heads) never joins a person: an institution is not its chief,
   though "Army chief General Ana Soto" has the word "army" among her titles;
4. organisations by code or name, states by country, groups by their role words and country.

Two chains never merge when their countries or sectors conflict (an international body's code, an
affiliation, is compatible with any nationality; a generic default sector with any sector).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.actors.mentions import (
    RANK_AFFILIATION,
    RANK_WEAK,
    Evidence,
    FoundMention,
    MentionKind,
    better,
    needed_words,
)
from storyline.actors.names import compatible_given, fold, given_name_match, rules, similar_surnames

logger = logging.getLogger(__name__)

INFER_DISTANCE = 600
"""Characters within which a role phrase with a country may give it to a person without one."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorMention:
    """One mention of an actor, with offsets in the STORED document text.

    ``country`` and ``sector`` are those of the mention's chain (its entity); the evidence says which
    words or entries decided them. ``local_entity`` names the chain within the page ("e3").
    """

    doc_id: str
    start: int
    end: int
    text: str
    kind: MentionKind
    title: str | None = None
    role: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    country_evidence: str | None = None
    sector_evidence: str | None = None
    affiliation: str | None = None
    local_entity: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageEntity:
    """A within-page chain: one actor as seen on one page."""

    doc_id: str
    local_id: str
    kind: MentionKind
    name: str
    mentions: tuple[ActorMention, ...]
    country: str | None = None
    sector: str | None = None
    country_evidence: str | None = None
    sector_evidence: str | None = None
    country_rank: int | None = None
    sector_rank: int | None = None
    affiliation: str | None = None
    given: tuple[str, ...] = ()
    surname: str | None = None
    aliases: tuple[str, ...] = ()
    role_words: frozenset[str] = frozenset()
    org_code: str | None = None


@dataclass(slots=True)
class Chain:
    """Mentions linked so far (indexes into the page's mentions) and what they say together."""

    kind: MentionKind
    members: list[int] = field(default_factory=list)
    country: Evidence | None = None
    sector: Evidence | None = None
    role_words: set[str] = field(default_factory=set)
    surname: str | None = None
    given: tuple[str, ...] = ()
    key: object = None

    def add(self, k: int, mention: FoundMention) -> None:
        self.members.append(k)
        self.country = better(self.country, mention.country)
        self.sector = better(self.sector, mention.sector)
        self.role_words |= mention.role_words
        if mention.name is not None:
            self.surname = self.surname or mention.name.surname
            if len(mention.name.given) > len(self.given):
                self.given = mention.name.given


def compatible(a: Evidence | None, b: Evidence | None, *, weak_rank: int) -> bool:
    """Two decisions that can describe one actor: equal, unknown, or one of them weak."""
    if a is None or b is None or a.value == b.value:
        return True
    return a.rank >= weak_rank or b.rank >= weak_rank


def fits(chain: Chain, mention: FoundMention) -> bool:
    """The mention's country and sector do not contradict the chain's."""
    return compatible(chain.country, mention.country, weak_rank=RANK_AFFILIATION) and compatible(
        chain.sector, mention.sector, weak_rank=RANK_WEAK
    )


def link_mentions(found: Sequence[FoundMention]) -> list[Chain]:
    """Chains of one page's mentions (see the module docstring), ordered by first mention."""
    chains: list[Chain] = []
    full = [k for k, m in enumerate(found) if m.kind == "person" and m.name is not None and m.name.complete]
    bare = [k for k, m in enumerate(found) if m.kind == "person" and k not in set(full)]
    for k in full:
        _link_full_name(chains, k, found)
    for k in bare:
        _link_surname(chains, k, found)
    for k, m in enumerate(found):
        if m.kind == "role":
            _link_role(chains, k, found)
        elif m.kind in ("organisation", "state", "group"):
            _link_by_key(chains, k, m)
    for chain in chains:
        chain.members.sort()
    return sorted(chains, key=lambda c: c.members[0])


def _new_chain(chains: list[Chain], k: int, mention: FoundMention, *, key: object = None) -> None:
    chain = Chain(kind=mention.kind, key=key)
    chain.add(k, mention)
    chains.append(chain)


def _link_full_name(chains: list[Chain], k: int, found: Sequence[FoundMention]) -> None:
    mention = found[k]
    name = mention.name
    if name is None:
        return
    for chain in chains:
        if chain.kind == "person" and chain.surname and similar_surnames(chain.surname, name.surname):
            if compatible_given(chain.given, name.given) and fits(chain, mention):
                chain.add(k, mention)
                return
    _new_chain(chains, k, mention)


def _link_surname(chains: list[Chain], k: int, found: Sequence[FoundMention]) -> None:
    mention = found[k]
    surname = mention.name.surname if mention.name is not None else mention.text
    candidates = [c for c in chains if _same_surname(c, surname) and fits(c, mention)]
    if not candidates and not any(_same_surname(c, surname) for c in chains):
        candidates = given_name_holders(chains, surname, mention)
    chosen = _nearest(candidates, found[k].start, found)
    if chosen is None:
        _new_chain(chains, k, mention)
    else:
        chosen.add(k, mention)


MIN_GIVEN_NAME = 4
"""Letters a single name needs before it may stand for a person's given name."""


def given_name_holders(chains: list[Chain], word: str, mention: FoundMention) -> list[Chain]:
    """The one person chain whose first given name ``word`` spells, or none when several or no chain does."""
    if len(fold(word)) < MIN_GIVEN_NAME:
        return []
    holders = [
        c for c in chains if c.kind == "person" and c.given and given_name_match(c.given[0], word) and fits(c, mention)
    ]
    return holders if len(holders) == 1 else []


def _same_surname(chain: Chain, surname: str) -> bool:
    return chain.kind == "person" and bool(chain.surname) and similar_surnames(chain.surname or "", surname)


def _nearest(candidates: list[Chain], start: int, found: Sequence[FoundMention]) -> Chain | None:
    """The chain mentioned most recently before ``start``, else the first one mentioned after it."""
    before = [c for c in candidates if any(found[j].start < start for j in c.members)]
    if before:
        return max(before, key=lambda c: max(found[j].start for j in c.members if found[j].start < start))
    return min(candidates, key=lambda c: min(found[j].start for j in c.members), default=None)


def _link_role(chains: list[Chain], k: int, found: Sequence[FoundMention]) -> None:
    mention = found[k]
    institution = is_institution(mention)
    holder = None if institution else _apposed_holder(chains, mention, found)
    if holder is not None:
        holder.add(k, mention)
        return
    words = frozenset() if institution else needed_words(mention.role_words)
    holders = [
        c
        for c in chains
        if c.kind == "person" and words and words <= c.role_words and _country_fits(c, mention)
        and _near_enough(c, mention, found)
    ]
    before = [c for c in holders if any(found[j].start < mention.start for j in c.members)]
    chosen = _nearest(holders, mention.start, found) if before or len(holders) == 1 else None
    if chosen is not None:
        chosen.add(k, mention)
        return
    key = ("role", mention.role_words, mention.country.value if mention.country else None)
    same = next((c for c in chains if c.key == key), None)
    if same is None:
        _new_chain(chains, k, mention, key=key)
    else:
        same.add(k, mention)


@functools.cache
def _institution_words() -> frozenset[str]:
    return frozenset(w for head in rules().institution_heads for w in re.findall(r"[a-z0-9]+", head))


def is_institution(mention: FoundMention) -> bool:
    """A role phrase that names a national institution, not an office: all its role words are words of
    the ``page_institution`` heads ("the army", "the Thai military", "the armed forces")."""
    words = needed_words(mention.role_words)
    return bool(words) and words <= _institution_words()


def _apposed_holder(chains: list[Chain], mention: FoundMention, found: Sequence[FoundMention]) -> Chain | None:
    """The person chain a role phrase stands in apposition to ("Kenya's envoy, Ruth Wanjiru")."""
    if mention.holder_start is None:
        return None
    return next(
        (c for c in chains if c.kind == "person" and any(found[j].start == mention.holder_start for j in c.members)),
        None,
    )


def _near_enough(chain: Chain, mention: FoundMention, found: Sequence[FoundMention]) -> bool:
    """A role that would give a person without a country its country is close to one of their mentions.

    "the US president" a paragraph after "President Ana Soto" names her; the same words far down
    a page more often name someone else of the same office.
    """
    if chain.country is not None or mention.country is None:
        return True
    return any(abs(found[j].start - mention.start) <= INFER_DISTANCE for j in chain.members)


def _country_fits(chain: Chain, mention: FoundMention) -> bool:
    return compatible(chain.country, mention.country, weak_rank=RANK_AFFILIATION)


def _link_by_key(chains: list[Chain], k: int, mention: FoundMention) -> None:
    key = entity_key(mention)
    same = next((c for c in chains if c.key == key), None)
    if same is None:
        _new_chain(chains, k, mention, key=key)
    else:
        same.add(k, mention)


def entity_key(mention: FoundMention) -> tuple[object, ...]:
    """What makes two organisation, state or group mentions one actor."""
    country = mention.country.value if mention.country else None
    if mention.kind == "organisation":
        return ("organisation", mention.org_code or fold(mention.text))
    if mention.kind == "state":
        return ("state", country)
    return ("group", frozenset(mention.role_words), country)
