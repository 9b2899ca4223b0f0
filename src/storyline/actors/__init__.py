"""Actors stage: who acts in a story. Knowledge base (countries, organisations, sectors) and the
PETRARCH/Phoenix actor dictionary importer."""

from storyline.actors.kb import (
    CountryMatch,
    KnowledgeBase,
    OrgEntry,
    OrgMatch,
    SectorEntry,
    SectorMatch,
    load_kb,
)
from storyline.actors.petrarch import (
    ActorDictionary,
    ActorRole,
    DictionaryActor,
    code_on,
    load_actor_dictionary,
    parse_actor_dictionary,
    split_code,
)

__all__ = [
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
