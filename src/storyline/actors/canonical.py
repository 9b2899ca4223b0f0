"""Canonical actors across pages: the within-page chains of many pages merged into actors.

People are clustered greedily, most complete names first: a chain joins a cluster when its
surname is a spelling variant of the cluster's (same transliteration key, or one edit apart), its
given names do not conflict, and its country and sector are compatible (an affiliation such as
NATO, or a generic default sector, never blocks). A surname seen alone joins only when exactly one
cluster fits (or exactly one whose sector and country agree with the surname's own). Organisations
merge by knowledge-base code (else name and country: one country's "Foreign Office" is not
another's), states by country code, unnamed roles and groups by role
words, country and sector.

Unnamed roles and groups whose country is unknown ("the government", "commanders", "24 soldiers")
get no actor: across pages they would merge unrelated governments and soldiers into one. Their
mentions stay on the page (kind ``role`` or ``group``, no actor id); a role that names a person on
its page has joined that person's chain before this stage and is not affected.

Each actor keeps its canonical name (the most complete spelling, the most frequent among equals),
every spelling seen, and the evidence for its country and sector. Ids are derived from kind,
canonical name, country and (for roles and groups) sector, leaving out what is unknown
(``person:jane-doe``, ``person:jane-doe:KEN``, ``group:american-officials:USA:GOV``), so the same
pages give the same ids in any order.

Blocking (:func:`blocking_keys`): every decision above compares a chain only with chains that share
one of its keys: its surname's spellings (the folded word and the transliteration skeleton with each
letter but the first left out once, which every surname one edit away shares), its first given name's
(for a surname seen alone that may be a given name), the name slugs its actor id could take, and for
other kinds the merge key itself. The chains linked by shared keys (a connected group) are clustered
exactly as among all pages, so a store canonicalises only the groups its new pages touch
(:func:`storyline.store.readings.rebuild_actors`) and gets the actors of one pass over every page.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from storyline.actors.coref import PageEntity, compatible
from storyline.actors.mentions import RANK_AFFILIATION, RANK_WEAK, Evidence, MentionKind, better
from storyline.actors.names import (
    compatible_given,
    conflicting_given,
    fold,
    given_name_match,
    name_key,
    similar_surnames,
    split_name,
)

if TYPE_CHECKING:
    from storyline.actors.resolve import PageActors

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """One actor across pages."""

    actor_id: str
    kind: MentionKind
    canonical_name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    country_evidence: str | None
    sector_evidence: str | None
    affiliations: tuple[str, ...] = ()
    entities: tuple[tuple[str, str], ...] = ()
    mention_count: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class CanonicalActors:
    """Actors, and which actor each page chain ``(doc_id, local_entity)`` belongs to."""

    actors: tuple[Actor, ...]
    assignment: dict[tuple[str, str], str]

    def actor_of(self, doc_id: str, local_entity: str) -> Actor | None:
        actor_id = self.assignment.get((doc_id, local_entity))
        return next((a for a in self.actors if a.actor_id == actor_id), None)

    def by_id(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.actor_id == actor_id), None)


@dataclass(slots=True)
class _Cluster:
    """Page entities taken as one actor, and what they say together."""

    kind: MentionKind
    members: list[PageEntity] = field(default_factory=list)
    surname: str | None = None
    given: tuple[str, ...] = ()
    country: Evidence | None = None
    sector: Evidence | None = None

    def add(self, entity: PageEntity) -> None:
        self.members.append(entity)
        self.surname = self.surname or entity.surname
        if len(entity.given) > len(self.given):
            self.given = entity.given
        self.country = better(self.country, country_evidence(entity))
        self.sector = better(self.sector, sector_evidence(entity))


def country_evidence(entity: PageEntity) -> Evidence | None:
    """The entity's country decision, its source prefixed with the page and chain."""
    return _evidence(entity.country, entity.country_evidence, entity.country_rank, entity)


def sector_evidence(entity: PageEntity) -> Evidence | None:
    """The entity's sector decision, its source prefixed with the page and chain."""
    return _evidence(entity.sector, entity.sector_evidence, entity.sector_rank, entity)


def _evidence(value: str | None, source: str | None, rank: int | None, entity: PageEntity) -> Evidence | None:
    if value is None:
        return None
    return Evidence(value=value, source=f"{entity.doc_id}/{entity.local_id}: {source}", rank=rank or 0)


def canonicalize(pages: Iterable[PageActors]) -> CanonicalActors:
    """Merge the chains of many pages into actors (deterministic: input order does not matter)."""
    entities = sorted((e for page in pages for e in page.entities), key=_entity_order)
    clusters = _cluster_people([e for e in entities if e.kind == "person"])
    clusters += _cluster_by_key([e for e in entities if e.kind != "person" and not _generic(e)])
    actors = _with_unique_ids([_actor(c) for c in clusters])
    assignment = {ref: a.actor_id for a in actors for ref in a.entities}
    return CanonicalActors(actors=tuple(sorted(actors, key=lambda a: a.actor_id)), assignment=assignment)


def _generic(e: PageEntity) -> bool:
    """An unnamed role or group without a country: no actor of its own (see the module docstring)."""
    return e.kind in ("role", "group") and e.country is None


def _entity_order(e: PageEntity) -> tuple[str, int]:
    return (e.doc_id, int(e.local_id.lstrip("e") or 0))


# ---------------------------------------------------------------- blocking


# A chain's key is matched against other chains' keys of a role: SAME with SAME (surnames, actor-id
# slugs, merge keys), GIVES (a full name's first given name) with WANTS (a name seen alone that may be a
# given name), so two full names that share only a first name are not compared.
SAME, GIVES, WANTS = 0, 1, 2
BlockingKey = tuple[str, int]


def keys_match(a: int, b: int) -> bool:
    """Whether a key of role ``a`` meets an equal key of role ``b``."""
    return (a == SAME and b == SAME) or a + b == GIVES + WANTS


def blocking_keys(e: PageEntity) -> frozenset[BlockingKey]:
    """Keys ``(key, role)`` such that any two chains one of the decisions of :func:`canonicalize`
    compares share a matching key (:func:`keys_match`): a group of chains linked by matching keys is
    clustered as among all chains. No key for a chain that gets no actor (an unnamed role or group
    without a country)."""
    if e.kind != "person":
        if _generic(e):
            return frozenset()
        return frozenset((k, SAME) for k in {f"x:{_key_text(_key(e))}", *_id_keys(e)})
    same = set(_id_keys(e))
    surname = e.surname or _surname_of(e.name)
    if surname:
        same |= _surname_keys(surname)
    if e.given:
        return frozenset({*((k, SAME) for k in same), *((k, GIVES) for k in _given_keys(e.given[0]))})
    word = e.surname or e.name
    same |= _surname_keys(word)
    return frozenset({*((k, SAME) for k in same), *((k, WANTS) for k in _given_keys(word))})


def _id_keys(e: PageEntity) -> set[str]:
    """The slugs of every name the chain's actor could be named by (two actors with one derived id
    must be numbered together)."""
    names = {e.name, *(m.name for m in e.mentions if m.name)}
    keys = {f"id:{e.kind}:{_slug(n)}" for n in names}
    if e.kind == "state" and e.country:
        keys.add(f"id:state:{e.country}")
    return keys


def _surname_keys(word: str) -> set[str]:
    """Keys every spelling :func:`similar_surnames` accepts as ``word`` shares with it."""
    keys = {f"f:{fold(word)}"}
    skeleton = name_key(word)
    if skeleton:
        keys.add(f"k:{skeleton}")
        if len(skeleton) >= 4:  # one edit apart needs keys of 4 letters; the first letter is always kept
            keys |= {f"k:{skeleton[:i]}{skeleton[i + 1:]}" for i in range(1, len(skeleton))}
    return keys


def _given_keys(word: str) -> set[str]:
    """Keys every given name :func:`given_name_match` accepts as ``word`` shares with it."""
    folded = fold(word)
    if len(folded) <= 2:
        return set()
    keys = {f"gf:{folded.split('-')[0]}", f"ge:{folded}"}
    if skeleton := name_key(word):
        keys.add(f"gk:{skeleton}")
    return keys | {f"ge:{folded[:i]}{folded[i + 1:]}" for i in range(len(folded))}


def _key_text(key: tuple[object, ...]) -> str:
    return "|".join(",".join(sorted(p)) if isinstance(p, frozenset) else str(p) for p in key)


# ---------------------------------------------------------------- people


def _completeness(e: PageEntity) -> tuple[int, int]:
    return (-sum(len(g.rstrip(".")) > 1 for g in e.given), -len(e.given))


def _cluster_people(people: Sequence[PageEntity]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for entity in sorted(people, key=lambda e: (*_completeness(e), *_entity_order(e))):
        fitting = [c for c in clusters if _fits(c, entity)]
        chosen = _choose(fitting, entity) if fitting else _given_name_cluster(clusters, entity)
        if chosen is None:
            chosen = _Cluster(kind="person")
            clusters.append(chosen)
        chosen.add(entity)
    return clusters


def _choose(fitting: list[_Cluster], entity: PageEntity) -> _Cluster | None:
    """A full name joins the first fitting cluster; a bare surname only an unambiguous one."""
    if not fitting:
        return None
    if entity.given:
        exact = [c for c in fitting if compatible_given(c.given, entity.given) and c.given]
        return (exact or fitting)[0]
    named = [c for c in fitting if c.given]
    if len(named) > 1:
        named = [c for c in named if _agrees(c, entity)]
    return named[0] if len(named) == 1 else (fitting[0] if not named and len(fitting) == 1 else None)


def _given_name_cluster(clusters: list[_Cluster], entity: PageEntity) -> _Cluster | None:
    """A person known on a page by one name that no cluster has as surname: the one cluster whose
    first given name it spells ("Prayut" and "Prayut Chan-o-cha"), if exactly one."""
    word = entity.surname or entity.name
    if entity.given or len(fold(word)) < 4 or any(c.surname and similar_surnames(c.surname, word) for c in clusters):
        return None
    country, sector = country_evidence(entity), sector_evidence(entity)
    holders = [
        c
        for c in clusters
        if c.given
        and given_name_match(c.given[0], word)
        and compatible(c.country, country, weak_rank=RANK_AFFILIATION)
        and compatible(c.sector, sector, weak_rank=RANK_WEAK)
    ]
    return holders[0] if len(holders) == 1 else None


def _agrees(cluster: _Cluster, entity: PageEntity) -> bool:
    """The entity states a sector or a country, and the cluster has the same ones."""
    if entity.sector is None and entity.country is None:
        return False
    same_sector = entity.sector is None or cluster.sector is not None and cluster.sector.value == entity.sector
    same_country = entity.country is None or cluster.country is not None and cluster.country.value == entity.country
    return same_sector and same_country


def _fits(cluster: _Cluster, entity: PageEntity) -> bool:
    surname = entity.surname or _surname_of(entity.name)
    if not cluster.surname or not surname or not similar_surnames(cluster.surname, surname):
        return False
    if conflicting_given(cluster.given, entity.given):
        return False
    country, sector = country_evidence(entity), sector_evidence(entity)
    return compatible(cluster.country, country, weak_rank=RANK_AFFILIATION) and compatible(
        cluster.sector, sector, weak_rank=RANK_WEAK
    )


def _surname_of(name: str) -> str | None:
    split = split_name(name)
    return split.surname if split else None


# ---------------------------------------------------------------- organisations, states, roles, groups


def _cluster_by_key(entities: Sequence[PageEntity]) -> list[_Cluster]:
    clusters: dict[tuple[object, ...], _Cluster] = {}
    for entity in entities:
        key = _key(entity)
        if key not in clusters:
            clusters[key] = _Cluster(kind=entity.kind)
        clusters[key].add(entity)
    return list(clusters.values())


def _key(e: PageEntity) -> tuple[object, ...]:
    if e.kind == "organisation":
        return ("organisation", e.org_code) if e.org_code else ("organisation", fold(e.name), e.country)
    if e.kind == "state":
        return ("state", e.country or fold(e.name))
    return (e.kind, e.role_words or fold(e.name), e.country, e.sector)


# ---------------------------------------------------------------- actors


def _actor(cluster: _Cluster) -> Actor:
    name = _canonical_name(cluster)
    country, sector = cluster.country, cluster.sector
    own = country.value if country else None
    affiliations = sorted({m.affiliation for m in cluster.members if m.affiliation and m.affiliation != own})
    aliases = sorted({a for m in cluster.members for a in _surfaces(m)})
    return Actor(
        actor_id=_actor_id(cluster, name),
        kind=cluster.kind,
        canonical_name=name,
        aliases=tuple(aliases),
        country=country.value if country else None,
        sector=sector.value if sector else None,
        country_evidence=country.source if country else None,
        sector_evidence=sector.source if sector else None,
        affiliations=tuple(affiliations),
        entities=tuple((m.doc_id, m.local_id) for m in sorted(cluster.members, key=_entity_order)),
        mention_count=sum(len(m.mentions) for m in cluster.members),
    )


def _surfaces(entity: PageEntity) -> Iterable[str]:
    if entity.kind == "person":
        return {m.name for m in entity.mentions if m.name}
    return {entity.name, *(m.text for m in entity.mentions)}


def _canonical_name(cluster: _Cluster) -> str:
    if cluster.kind != "person":
        counts = Counter(m.name for m in cluster.members)
        return max(counts, key=lambda n: (counts[n], len(n), n))
    names = Counter(m.name for e in cluster.members for m in e.mentions if m.name)
    if not names:
        return cluster.members[0].name

    def score(full: str) -> tuple[int, int, int, str]:
        split = split_name(full)
        given = split.given if split else ()
        return (sum(len(g.rstrip(".")) > 1 for g in given), len(given), names[full], full)

    return max(names, key=score)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _actor_id(cluster: _Cluster, name: str) -> str:
    country = cluster.country.value if cluster.country else None
    if cluster.kind == "state":
        return f"state:{country or _slug(name)}"
    code = next((m.org_code for m in cluster.members if m.org_code), None)
    if cluster.kind == "organisation" and code:
        return f"organisation:{code}"
    parts = [cluster.kind, _slug(name), country]
    if cluster.kind in ("role", "group"):
        parts.append(cluster.sector.value if cluster.sector else None)
    return ":".join(p for p in parts if p)


def _with_unique_ids(actors: list[Actor]) -> list[Actor]:
    """Distinct actors with the same derived id get ``~2``, ``~3``... in a stable order."""
    seen: Counter[str] = Counter()
    out = []
    for actor in sorted(actors, key=lambda a: (a.actor_id, a.entities)):
        seen[actor.actor_id] += 1
        if seen[actor.actor_id] > 1:
            actor = _renamed(actor, f"{actor.actor_id}~{seen[actor.actor_id]}")
        out.append(actor)
    return out


def _renamed(actor: Actor, actor_id: str) -> Actor:
    return replace(actor, actor_id=actor_id)
