"""Actors stage: who acts in a story. Knowledge base (countries, organisations, sectors), the
PETRARCH/Phoenix actor dictionary importer, and actor resolution (mentions, within-page chains,
canonical actors across pages)."""

from storyline.actors.kb import (
    CountryMatch,
    KnowledgeBase,
    OrgEntry,
    OrgMatch,
    SectorEntry,
    SectorMatch,
    load_kb,
)
from storyline.actors.canonical import Actor, CanonicalActors
from storyline.actors.coref import ActorMention, PageEntity
from storyline.actors.petrarch import (
    ActorDictionary,
    ActorRole,
    DictionaryActor,
    code_on,
    load_actor_dictionary,
    parse_actor_dictionary,
    split_code,
)
from storyline.actors.resolve import PageActors, canonicalize, resolve_page

__all__ = [
    "Actor",
    "ActorMention",
    "CanonicalActors",
    "PageActors",
    "PageEntity",
    "canonicalize",
    "resolve_page",
    "ActorDictionary",
    "ActorRole",
    "CountryMatch",
    "DictionaryActor",
    "KnowledgeBase",
    "OrgEntry",
    "OrgMatch",
    "SectorEntry",
    "SectorMatch",
    "code_on",
    "load_actor_dictionary",
    "load_kb",
    "parse_actor_dictionary",
    "split_code",
]
