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

Incremental (:func:`storyline.store.readings.rebuild_actors` uses these pieces to give the actors of
one pass over every page while loading only what new pages touch):

- People: every decision above compares a chain only with chains whose surname (or lone name) is a
  spelling of its surname or first given name. :func:`blocking_keys` files each person under keys
  every such pair shares (the folded surname, its transliteration skeleton with each letter but the
  first left out once, the given-name spellings); the people linked through pairs that share a key
  and can meet (:func:`may_meet`), directly or not, are clustered as among all chains. They are
  clustered again against the actors they had (:func:`recluster_people`): a chain clustered before
  decides again only where a cluster its decision reads changed, and only the clusters that changed
  are made again.
- Organisations, states, roles and groups: the chains of one merge key make one actor, and what they
  say together is a :class:`KeySummary` (names counted, strongest evidence and where it came from,
  aliases, mentions): a key's new chains join its stored summary (:func:`summarise`) without loading
  its old chains.
- Ids: actors are made with derived ids (:func:`cluster_actors`) and numbered (``~2``) together with
  the stored actors of the same derived id (:func:`numbered`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
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
    found = cluster_actors(pages)
    ids = numbered([(f.actor.actor_id, f.first) for f in found])
    actors = [replace(f.actor, actor_id=i) if i != f.actor.actor_id else f.actor for f, i in zip(found, ids, strict=True)]
    assignment = {ref: a.actor_id for a in actors for ref in a.entities}
    return CanonicalActors(actors=tuple(sorted(actors, key=lambda a: a.actor_id)), assignment=assignment)


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundActor:
    """An actor as clustering makes it, its id not yet numbered (:func:`numbered`): ``first`` is its
    first chain (in page and chain order) and ``summary`` what its chains say together when it was
    made by merge key."""

    actor: Actor
    first: tuple[str, str]
    summary: KeySummary | None = None


def cluster_actors(pages: Iterable[PageActors], *, summaries: Mapping[str, KeySummary] | None = None,
                   people: Sequence[Sequence[tuple[str, str]]] | None = None) -> list[FoundActor]:
    """The actors of the chains of ``pages``, with derived ids (two actors may share one). A chain
    filed under a merge key with a summary in ``summaries`` (the chains of that key stored before)
    joins them: its actor is made from the summary and the new chains, its ``entities`` the new ones.
    With ``people`` (clusters of person chains ``(doc_id, local_id)`` in the order they joined, as
    :func:`recluster_people` gives them), the people of ``pages`` make those clusters' actors."""
    summaries = summaries or {}
    entities = sorted((e for page in pages for e in page.entities), key=_entity_order)
    if people is None:
        clusters = _cluster_people([e for e in entities if e.kind == "person"])
    else:
        by_ref = {(e.doc_id, e.local_id): e for e in entities if e.kind == "person"}
        clusters = [_Cluster(kind="person") for _ in people]
        for cluster, members in zip(clusters, people, strict=True):
            for ref in members:
                cluster.add(by_ref[ref])
    found = [FoundActor(actor=(a := _actor(c)), first=a.entities[0]) for c in clusters]
    by_key: dict[str, list[PageEntity]] = {}
    for e in entities:
        if e.kind != "person" and not _generic(e):
            by_key.setdefault(merge_key(e), []).append(e)
    for key, members in by_key.items():  # a merge key's chains: one actor
        summary = summarise(members, key=key, base=summaries.get(key))
        found.append(FoundActor(actor=_key_actor(summary, members), first=summary.first, summary=summary))
    return found


def numbered(actors: Sequence[tuple[str, tuple[str, str]]]) -> list[str]:
    """Unique ids for actors given as ``(derived id, first chain)``: distinct actors with one derived
    id get ``~2``, ``~3``... in the order of their first chains."""
    seen: Counter[str] = Counter()
    out = [""] * len(actors)
    for n in sorted(range(len(actors)), key=lambda n: actors[n]):
        base = actors[n][0]
        seen[base] += 1
        out[n] = base if seen[base] == 1 else f"{base}~{seen[base]}"
    return out


def _generic(e: PageEntity) -> bool:
    """An unnamed role or group without a country: no actor of its own (see the module docstring)."""
    return e.kind in ("role", "group") and e.country is None


def _entity_order(e: PageEntity) -> tuple[str, int]:
    return (e.doc_id, int(e.local_id.lstrip("e") or 0))


# ---------------------------------------------------------------- blocking


# A chain's key is matched against other chains' keys of a role: SAME with SAME (surname spellings,
# merge keys), GIVES (a full name's first given name) with WANTS (a name seen alone that may be a
# given name), so two full names that share only a first name are not compared.
SAME, GIVES, WANTS = 0, 1, 2
BlockingKey = tuple[str, int]


def keys_match(a: int, b: int) -> bool:
    """Whether a key of role ``a`` meets an equal key of role ``b``."""
    return (a == SAME and b == SAME) or a + b == GIVES + WANTS


def blocking_keys(e: PageEntity) -> frozenset[BlockingKey]:
    """Keys ``(key, role)`` of a chain: for a person, such that any two people one of the decisions of
    :func:`canonicalize` compares share a matching key (:func:`keys_match`), so a group of people
    linked by matching keys is clustered as among all chains; for other kinds, the merge key (``x:``).
    No key for a chain that gets no actor (an unnamed role or group without a country)."""
    if e.kind != "person":
        return frozenset() if _generic(e) else frozenset({(merge_key(e), SAME)})
    same: set[str] = set()
    surname = e.surname or _surname_of(e.name)
    if surname:
        same |= _surname_keys(surname)
    if e.given:
        return frozenset({*((k, SAME) for k in same), *((k, GIVES) for k in _given_keys(e.given[0]))})
    word = e.surname or e.name
    same |= _surname_keys(word)
    return frozenset({*((k, SAME) for k in same), *((k, WANTS) for k in _given_keys(word))})


def merge_key(e: PageEntity) -> str:
    """The key an organisation, state, role or group is merged by, as text (``x:`` and its parts)."""
    return "x:" + _key_text(_key(e))


def may_meet(a: PageEntity, b: PageEntity, key: str) -> bool:
    """Whether two chains that share ``key`` can meet in :func:`canonicalize`: always for a merge key
    or an actor-id slug; for a spelling key, when one's surname (or lone name) is a spelling of the
    other's surname, or the other's first given name. Keys of short skeletons are shared by many names
    no decision compares; following only the pairs that can meet keeps the groups small."""
    if key.startswith("x:"):
        return True
    return _person_meets(a, b) or _person_meets(b, a)


def _person_meets(a: PageEntity, b: PageEntity) -> bool:
    surname_a, surname_b = a.surname or _surname_of(a.name), b.surname or _surname_of(b.name)
    if surname_a and surname_b and similar_surnames(surname_a, surname_b):
        return True
    if a.given:
        return False
    word = a.surname or a.name
    return bool(surname_b and similar_surnames(word, surname_b)) or bool(b.given and given_name_match(b.given[0], word))


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
    keys = {f"gf:{folded.split('-')[0]}", f"ge:{folded}", f"gk:{name_key(word)}"}
    return keys | {f"ge:{folded[:i]}{folded[i + 1:]}" for i in range(len(folded))}


def _key_text(key: tuple[object, ...]) -> str:
    return "|".join(",".join(sorted(p)) if isinstance(p, frozenset) else str(p) for p in key)


# ---------------------------------------------------------------- people


def _completeness(e: PageEntity) -> tuple[int, int]:
    return (-sum(len(g.rstrip(".")) > 1 for g in e.given), -len(e.given))


class _People:
    """Person clusters in the order they were made, indexed by the spelling keys of their surnames and
    first given names (:func:`_surname_keys`, :func:`_given_keys`): a look-up finds every cluster a
    decision could accept (and some it will not), so each chain is compared with a few clusters, not all.
    ``keys[n]``: every key cluster ``n`` was filed under."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self.number: dict[int, int] = {}  # id(cluster) → its place in ``clusters``
        self.surnames: dict[str, set[int]] = defaultdict(set)
        self.givens: dict[str, set[int]] = defaultdict(set)
        self.keys: list[set[str]] = []

    def add(self, cluster: _Cluster | None, entity: PageEntity) -> tuple[int, set[str]]:
        """Add ``entity`` to ``cluster`` (a new one when ``None``): the cluster's number, and the keys
        it is filed under now and was not before."""
        if cluster is None:
            cluster = _Cluster(kind="person")
            self.number[id(cluster)] = len(self.clusters)
            self.clusters.append(cluster)
            self.keys.append(set())
        n = self.number[id(cluster)]
        added = _grown_keys(cluster, entity) - self.keys[n]
        for key in added:
            (self.givens if key.startswith("g") else self.surnames)[key].add(n)
        self.keys[n] |= added
        return n, added

    def by_surname(self, word: str | None) -> list[_Cluster]:
        """Clusters whose surname may be a spelling of ``word``, in the order they were made."""
        return self._found(self.surnames, _surname_keys(word) if word else set())

    def by_given(self, word: str) -> list[_Cluster]:
        """Clusters whose first given name may be a spelling of ``word``, in the order they were made."""
        return self._found(self.givens, _given_keys(word))

    def _found(self, index: dict[str, set[int]], keys: set[str]) -> list[_Cluster]:
        return [self.clusters[n] for n in sorted({n for k in keys for n in index.get(k, ())})]


def _grown_keys(cluster: _Cluster, entity: PageEntity) -> set[str]:
    """Add ``entity`` to ``cluster``: the keys of its surname and first given name when they changed
    (surname keys ``f:``/``k:``, given-name keys ``g…:``)."""
    surname, given = cluster.surname, cluster.given[:1]
    cluster.add(entity)
    keys: set[str] = set()
    if cluster.surname and cluster.surname != surname:
        keys |= _surname_keys(cluster.surname)
    if cluster.given[:1] and cluster.given[:1] != given:
        keys |= _given_keys(cluster.given[0])
    return keys


def _person_order(e: PageEntity) -> tuple[int, int, str, int]:
    return (*_completeness(e), *_entity_order(e))


def _decide(found: _People, entity: PageEntity) -> _Cluster | None:
    """The cluster ``entity`` joins among ``found`` (``None``: a new one)."""
    fitting = [c for c in found.by_surname(entity.surname or _surname_of(entity.name)) if _fits(c, entity)]
    return _choose(fitting, entity) if fitting else _given_name_cluster(found, entity)


def _cluster_people(people: Sequence[PageEntity]) -> list[_Cluster]:
    found = _People()
    for entity in sorted(people, key=_person_order):
        found.add(_decide(found, entity), entity)
    return found.clusters


def _looked_up(entity: PageEntity) -> set[str]:
    """Every key :func:`_decide` may look clusters up by for ``entity``."""
    surname, word = entity.surname or _surname_of(entity.name), entity.surname or entity.name
    return (_surname_keys(surname) if surname else set()) | (_surname_keys(word) if word else set()) | (
        _given_keys(word) if word else set())


def _may_matter(cluster: _Cluster, entity: PageEntity) -> bool:
    """Whether :func:`_decide` may read ``cluster`` for ``entity``: its surname is a spelling of the
    entity's surname or lone word (the clusters that may fit, or bar a given-name match), or its first
    given name one of the lone word (the clusters a lone name may be the given name of). A cluster
    for which none holds is left out of every choice the decision makes."""
    surname, word = entity.surname or _surname_of(entity.name), entity.surname or entity.name
    if cluster.surname and ((surname and similar_surnames(cluster.surname, surname))
                            or (word and similar_surnames(cluster.surname, word))):
        return True
    return bool(cluster.given and word and given_name_match(cluster.given[0], word))


def recluster_people(people: Sequence[PageEntity],
                     previous: Mapping[tuple[str, str], str]) -> list[list[PageEntity]]:
    """The person clusters of ``people`` (chains that meet no chain outside them) that differ from
    the actors they had: ``previous`` gives the actor of each chain clustered before (the others are
    new). Each cluster is given as its members in the order they joined; a cluster whose members are
    exactly one previous actor's is left out (its actor is unchanged).

    The clusters are those of :func:`canonicalize`, chain by chain in its order, but a chain clustered
    before decides again only when a cluster its decision may read (:func:`_may_matter`) differs from
    what it read before; otherwise it does what it did (joins its actor's cluster, or makes it). A
    cluster differs ("dirty") once a chain joined it that its actor did not have, or one of its
    actor's chains went elsewhere; what a decision read before is each previous actor made again
    from its chains as they come (its "shadow"), and a shadow differs once its actor's cluster does
    (or its chains went elsewhere). Dirty clusters and differing shadows are indexed by their keys, so
    a chain far from the new ones costs a look-up of its keys."""
    found = _People()
    shadows: dict[str, _Cluster] = {}
    shadow_keys: dict[str, set[str]] = defaultdict(set)
    counterpart: dict[str, int] = {}  # previous actor → the cluster made of its chains alone
    owner: dict[int, str] = {}
    dirty: set[int] = set()
    unclean: set[str] = set()  # previous actors no cluster is equal to
    dirty_at: dict[str, set[int]] = defaultdict(set)  # key → dirty clusters filed under it
    unclean_at: dict[str, set[str]] = defaultdict(set)  # key → unclean actors whose shadow is filed under it

    def mark_unclean(actor: str) -> None:
        if actor not in unclean:
            unclean.add(actor)
            for key in shadow_keys[actor]:
                unclean_at[key].add(actor)
            if actor in counterpart:
                mark_dirty(counterpart[actor])

    def mark_dirty(n: int) -> None:
        if n not in dirty:
            dirty.add(n)
            for key in found.keys[n]:
                dirty_at[key].add(n)
            if n in owner:
                mark_unclean(owner[n])

    def differs(entity: PageEntity) -> bool:
        keys = _looked_up(entity)
        matters = _fits if entity.given else _may_matter  # a full name reads the clusters that fit it only
        return (any(matters(found.clusters[n], entity) for n in {n for k in keys for n in dirty_at.get(k, ())})
                or any(matters(shadows[a], entity) for a in {a for k in keys for a in unclean_at.get(k, ())}))

    for entity in sorted(people, key=_person_order):
        old = previous.get((entity.doc_id, entity.local_id))
        clean = old is not None and old not in unclean and not differs(entity)
        if old is not None:
            grown = _grown_keys(shadows.setdefault(old, _Cluster(kind="person")), entity)
            shadow_keys[old] |= grown
            if old in unclean:
                for key in grown:
                    unclean_at[key].add(old)
        if clean:
            choice = found.clusters[counterpart[old]] if old in counterpart else None
        else:
            choice = _decide(found, entity)
        n, added = found.add(choice, entity)
        if old is not None and old not in unclean and (
                (choice is None and old not in counterpart) or (choice is not None and counterpart.get(old) == n)):
            counterpart[old] = n
            owner[n] = old
            continue
        if old is not None:
            mark_unclean(old)
        mark_dirty(n)
        for key in added:
            dirty_at[key].add(n)
    return [list(found.clusters[n].members) for n in sorted(dirty)]


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


def _given_name_cluster(found: _People, entity: PageEntity) -> _Cluster | None:
    """A person known on a page by one name that no cluster has as surname: the one cluster whose
    first given name it spells ("Prayut" and "Prayut Chan-o-cha"), if exactly one."""
    word = entity.surname or entity.name
    if entity.given or len(fold(word)) < 4 or any(
            c.surname and similar_surnames(c.surname, word) for c in found.by_surname(word)):
        return None
    country, sector = country_evidence(entity), sector_evidence(entity)
    holders = [
        c
        for c in found.by_given(word)
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


def _key(e: PageEntity) -> tuple[object, ...]:
    if e.kind == "organisation":
        return ("organisation", e.org_code) if e.org_code else ("organisation", fold(e.name), e.country)
    if e.kind == "state":
        return ("state", e.country or fold(e.name))
    return (e.kind, e.role_words or fold(e.name), e.country, e.sector)


@dataclass(frozen=True, slots=True, kw_only=True)
class KeySummary:
    """What the chains filed under one merge key say together (an organisation, a state, a role or a
    group): enough to make their actor again when chains join, without loading them. ``country_at``
    and ``sector_at`` are the chains that gave the evidence (the first of the strongest wins)."""

    key: str
    kind: MentionKind
    names: Mapping[str, int]
    country: Evidence | None
    country_at: tuple[str, int] | None
    sector: Evidence | None
    sector_at: tuple[str, int] | None
    affiliations: tuple[str, ...]
    aliases: tuple[str, ...]
    org_code: str | None
    mention_count: int
    first: tuple[str, str]

    def to_json(self) -> dict[str, object]:
        def evidence(e: Evidence | None) -> list[object] | None:
            return None if e is None else [e.value, e.source, e.rank]

        return {"key": self.key, "kind": self.kind, "names": dict(self.names), "country": evidence(self.country),
                "country_at": self.country_at, "sector": evidence(self.sector), "sector_at": self.sector_at,
                "affiliations": list(self.affiliations), "aliases": list(self.aliases), "org_code": self.org_code,
                "mention_count": self.mention_count, "first": list(self.first)}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> KeySummary:
        def evidence(e: object) -> Evidence | None:
            return None if e is None else Evidence(value=e[0], source=e[1], rank=e[2])  # type: ignore[index]

        def at(value: object) -> tuple[str, int] | None:
            return None if value is None else (value[0], value[1])  # type: ignore[index]

        return cls(key=data["key"], kind=data["kind"], names=dict(data["names"]),  # type: ignore[arg-type]
                   country=evidence(data["country"]), country_at=at(data["country_at"]),
                   sector=evidence(data["sector"]), sector_at=at(data["sector_at"]),
                   affiliations=tuple(data["affiliations"]), aliases=tuple(data["aliases"]),  # type: ignore[arg-type]
                   org_code=data["org_code"], mention_count=data["mention_count"],  # type: ignore[arg-type]
                   first=(data["first"][0], data["first"][1]))  # type: ignore[index]


def summarise(members: Sequence[PageEntity], *, key: str, base: KeySummary | None = None) -> KeySummary:
    """The summary of ``members`` (chains of one merge key, in page and chain order), joined to
    ``base``: the same as summarising all of their chains at once."""
    names: Counter[str] = Counter(base.names if base else {})
    names.update(m.name for m in members)
    country, country_at = _strongest([(country_evidence(m), _entity_order(m)) for m in members],
                                     base.country if base else None, base.country_at if base else None)
    sector, sector_at = _strongest([(sector_evidence(m), _entity_order(m)) for m in members],
                                   base.sector if base else None, base.sector_at if base else None)
    firsts = [(members[0].doc_id, members[0].local_id)] if members else []
    first = min([*firsts, *([base.first] if base else [])], key=lambda ref: (ref[0], int(ref[1].lstrip("e") or 0)))
    return KeySummary(
        key=key, kind=base.kind if base else members[0].kind, names=dict(names),
        country=country, country_at=country_at, sector=sector, sector_at=sector_at,
        affiliations=tuple(sorted({*(base.affiliations if base else ()), *(m.affiliation for m in members
                                                                            if m.affiliation)})),
        aliases=tuple(sorted({*(base.aliases if base else ()), *(a for m in members for a in _surfaces(m))})),
        org_code=(base.org_code if base else None) or next((m.org_code for m in members if m.org_code), None),
        mention_count=(base.mention_count if base else 0) + sum(len(m.mentions) for m in members),
        first=first,
    )


def _strongest(found: Sequence[tuple[Evidence | None, tuple[str, int]]], best: Evidence | None,
               at: tuple[str, int] | None) -> tuple[Evidence | None, tuple[str, int] | None]:
    """The strongest evidence (lowest rank), the first chain's among equals, as :func:`better` folds it."""
    for evidence, where in found:
        if evidence is not None and (best is None or at is None or (evidence.rank, where) < (best.rank, at)):
            best, at = evidence, where
    return best, at


def _key_actor(summary: KeySummary, members: Sequence[PageEntity]) -> Actor:
    """The actor of a merge key's chains, from their summary (``members``: the chains given now)."""
    counts = summary.names
    name = max(counts, key=lambda n: (counts[n], len(n), n))
    country, sector = summary.country, summary.sector
    own = country.value if country else None
    return Actor(
        actor_id=_derived_id(summary.kind, name, own, sector.value if sector else None, summary.org_code),
        kind=summary.kind,
        canonical_name=name,
        aliases=summary.aliases,
        country=own,
        sector=sector.value if sector else None,
        country_evidence=country.source if country else None,
        sector_evidence=sector.source if sector else None,
        affiliations=tuple(a for a in summary.affiliations if a != own),
        entities=tuple((m.doc_id, m.local_id) for m in members),
        mention_count=summary.mention_count,
    )


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
    return _derived_id(cluster.kind, name, cluster.country.value if cluster.country else None,
                       cluster.sector.value if cluster.sector else None,
                       next((m.org_code for m in cluster.members if m.org_code), None))


def _derived_id(kind: MentionKind, name: str, country: str | None, sector: str | None, code: str | None) -> str:
    if kind == "state":
        return f"state:{country or _slug(name)}"
    if kind == "organisation" and code:
        return f"organisation:{code}"
    parts = [kind, _slug(name), country]
    if kind in ("role", "group"):
        parts.append(sector)
    return ":".join(p for p in parts if p)
