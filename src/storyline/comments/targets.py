"""Targets: the page's actors and events a comment talks about, each with its span in the comment.

Actors are matched against what the article itself says of them, and resolved to the same canonical
actors (``actor_id``) as the article's mentions:

- ``name``: a name, alias or mention text of the actor on the page, or a spelling the canonical actor
  has on other pages ("Husain" for Hussein), possessive prefixes dropped ("Pakistan's army chief" →
  "army chief"); capitalised names match case-insensitively but whole words only;
- ``surname``: a person's surname alone, with or without a title ("Gen Kazmi", "Kazmi");
- ``variant``: a capitalised word that is a spelling variant of a person's surname
  (``storyline.actors.names.similar_surnames``: "Kazimi" for Kazmi);
- ``acronym``: an organisation's code or the initials of its capitalised name words ("ISPR");
- ``role``: a definite role phrase ("the army chief", "the chief", "the premier") whose words all belong
  to the role words of exactly one person or role actor of the page, or a role abbreviation written in
  capitals ("COAS", "the PM": ``role_abbreviations`` in ``data/comments/lexicon.json``);
- ``country``: a country's name, demonym or capital ("the Americans", "Washington") → the page's
  state actor of that country (a capitalised ambiguous form too: "the Indians" under a page whose
  actors include India).

Events are definite noun phrases ("the border attack", "this meeting", "yesterday's strike") whose head
is a noun of an event type (``data/comments/event_nouns.json``) of one of the page's events; among
several events of the type, the one whose evidence shares the phrase's modifiers wins, factual ones
first.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass

from storyline.actors.kb import load_kb
from storyline.actors.names import rules, similar_surnames
from storyline.comments.lexicon import Token, lexicon, tokens
from storyline.comments.records import EventMention, PageActor, PageEvent, TargetMention
from storyline.comments.textmodel import data_path

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her", "its"})
_EVENT_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "last", "yesterday's", "today's",
                                "latest", "recent"})
_POSSESSIVE = re.compile(r"^.*?['’]s\s+", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_STOP_NAME_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "de", "al"})
_MIN_VARIANT = 5
_KINDS_WITH_ROLES = frozenset({"person", "role"})
# a one-word role phrase must name a holder ("the chief"), not an institution ("the army")
_TITLE_NOUNS = frozenset({
    "chief", "general", "president", "premier", "minister", "commander", "secretary", "chairman", "chairwoman",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "governor", "king", "queen", "prince",
    "emir", "mayor", "chancellor", "speaker", "senator", "admiral", "marshal", "colonel", "director", "leader",
})


@functools.cache
def english_words() -> frozenset[str]:
    """English function words (the language detector's profile)."""
    return frozenset(json.loads(data_path("stopwords.json").read_text(encoding="utf-8"))["en"])


@functools.cache
def event_nouns() -> dict[str, frozenset[str]]:
    raw = json.loads(data_path("event_nouns.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    actor: PageActor
    how: str
    cased: bool  # must match a capitalised word (names, acronyms)


@functools.lru_cache(maxsize=1 << 16)
def _phrase(text: str) -> tuple[str, ...]:
    """The lowercased words of ``text``, leading determiners dropped (cached: a canonical actor's
    spellings on other pages are the same texts for every page that names it)."""
    words = tuple(t.text for t in tokens(text))
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return words


def _acronym(name: str) -> str | None:
    parts = [w for w in re.split(r"[\s-]+", name) if w]
    initials = [w[0] for w in parts if w[0].isupper() and w.lower() not in _STOP_NAME_WORDS]
    return "".join(initials) if len(initials) >= 2 and len(initials) == len(
        [w for w in parts if w.lower() not in _STOP_NAME_WORDS]) else None


def _entries(actors: Sequence[PageActor], vocabulary: Set[str] | None = None) -> list[_Entry]:
    entries: dict[tuple[tuple[str, ...], str], _Entry] = {}
    owners: dict[tuple[str, ...], set[str]] = {}

    def add(text: str, actor: PageActor, how: str, *, cased: bool) -> None:
        words = _phrase(_POSSESSIVE.sub("", text) if how == "name" and actor.kind == "role" else text)
        if not words or (len(words) == 1 and len(words[0]) < 2):
            return
        if vocabulary is not None and not vocabulary.issuperset(words):
            return  # no comment can match it (nor, then, be kept from matching another actor's by it)
        owners.setdefault(words, set()).add(actor.actor_id or actor.local_entity)
        if actor.surname and words == (actor.surname.lower(),):
            how = "surname"
        entries.setdefault((words, actor.local_entity), _Entry(words, actor, how, cased))

    for actor in actors:
        if actor.kind == "state":
            continue  # countries are matched through the knowledge base (names, demonyms, capitals)
        for text in (actor.name, *actor.aliases, *actor.mentions, *actor.variants):
            add(text, actor, "name", cased=actor.kind in ("person", "organisation"))
            if "'" in text or "’" in text:
                add(_POSSESSIVE.sub("", text), actor, "name", cased=False)
        if actor.kind == "person" and actor.surname:
            add(actor.surname, actor, "surname", cased=True)
            for variant in actor.variants:  # the surname as other pages spell it ("Husain" for Hussein)
                last = variant.split()[-1] if variant.split() else ""
                if last and last != actor.surname and last[0].isupper():
                    add(last, actor, "variant", cased=True)
        if actor.kind == "organisation":
            for code in {actor.org_code, _acronym(actor.name)} - {None}:
                add(code, actor, "acronym", cased=True)  # type: ignore[arg-type]
    # a phrase that names two different actors of the page ("commanders") names neither
    return [e for (words, _), e in entries.items() if len(owners[words]) == 1]


@dataclass(frozen=True, slots=True)
class TargetIndex:
    """A page's actors prepared for matching many comments: built once per page."""

    actors: tuple[PageActor, ...]
    entries: tuple[_Entry, ...]
    named: frozenset[str]


def target_index(actors: Sequence[PageActor], *, vocabulary: Set[str] | None = None) -> TargetIndex:
    """The page's actors resolved to a canonical actor, with their phrases (longest first). With
    ``vocabulary`` (the words of the comments the index is for, as :func:`tokens` gives them), only the
    phrases those comments can hold are kept: the same targets for those comments, at a cost that does
    not grow with the spellings a canonical actor gathers across pages."""
    resolved = tuple(a for a in actors if a.actor_id)
    entries = tuple(sorted(_entries(resolved, vocabulary), key=lambda e: -len(e.words)))
    named = frozenset(w for a in resolved for n in (a.name, *a.aliases, *a.mentions, *a.variants)
                      for w in map(str.lower, n.split()) if vocabulary is None or w in vocabulary)
    return TargetIndex(actors=resolved, entries=entries, named=named)


def find_targets(text: str, actors: Sequence[PageActor] | TargetIndex) -> list[TargetMention]:
    """Mentions of the page's actors in a comment, left to right, not overlapping. Only actors resolved
    to a canonical actor are targets."""
    index = actors if isinstance(actors, TargetIndex) else target_index(actors)
    toks = tokens(text)
    found: list[TargetMention] = []
    taken = [False] * len(toks)
    positions: dict[str, list[int]] = {}
    for i, tok in enumerate(toks):
        positions.setdefault(tok.text, []).append(i)
    for entry in index.entries:
        n = len(entry.words)
        for i in positions.get(entry.words[0], ()):
            if any(taken[i : i + n]) or tuple(t.text for t in toks[i : i + n]) != entry.words:
                continue
            if entry.cased and not text[toks[i].start].isupper() and not _lowercase_person(entry, toks, i):
                continue
            if entry.how == "acronym" and not _ACRONYM.match(text[toks[i].start : toks[i].end]):
                continue
            found.append(_mention(text, toks[i], toks[i + n - 1], entry.actor, entry.how))
            taken[i : i + n] = [True] * n
    found += _variants(text, toks, taken, index)
    found += _roles(text, toks, taken, index.actors)
    found += _countries(text, taken, toks, index.actors)
    return sorted(found, key=lambda m: m.start)


def _lowercase_person(entry: _Entry, toks: Sequence[Token], i: int) -> bool:
    """A person's name readers wrote in lower case where nothing else reads it: the whole name ("ana
    soto"), or the surname after a title ("minister soto"). A lone lower-case surname stays a word
    ("rice", "bush")."""
    if entry.actor.kind != "person" or entry.how not in ("name", "surname"):
        return False
    return len(entry.words) > 1 or (i > 0 and toks[i - 1].text in rules().title_words)


def _mention(text: str, first: Token, last: Token, actor: PageActor, how: str) -> TargetMention:
    return TargetMention(actor_id=actor.actor_id, local_entity=actor.local_entity, name=actor.name,
                         text=text[first.start : last.end], start=first.start, end=last.end, how=how)


def _variants(text: str, toks: list[Token], taken: list[bool], index: TargetIndex) -> list[TargetMention]:
    """A capitalised word spelling a person's surname differently; never a word any actor of the page
    is named with ("Osama" is not a variant of Obama when Osama bin Laden is on the page) nor an
    English function word."""
    persons = [a for a in index.actors if a.kind == "person" and a.surname and len(a.surname) >= _MIN_VARIANT]
    named = index.named
    common = english_words()
    out = []
    for i, tok in enumerate(toks):
        word = text[tok.start : tok.end]
        if taken[i] or len(word) < _MIN_VARIANT or not word[0].isupper() or tok.text in named or tok.text in common:
            continue
        hits = {a.actor_id or a.local_entity: a for a in persons if similar_surnames(word, a.surname or "")}
        if len(hits) == 1:
            out.append(_mention(text, tok, tok, next(iter(hits.values())), "variant"))
            taken[i] = True
    return out


def _roles(text: str, toks: list[Token], taken: list[bool], actors: Sequence[PageActor]) -> list[TargetMention]:
    """'the army chief': a definite phrase whose words are all role words of exactly one actor."""
    holders = [a for a in actors if a.kind in _KINDS_WITH_ROLES and a.role_words]
    out = []
    abbreviations = lexicon().role_abbreviations
    for i, tok in enumerate(toks):  # "COAS", "the PM": an abbreviation written in capitals
        expansion = abbreviations.get(tok.text)
        if taken[i] or expansion is None or not text[tok.start : tok.end].isupper():
            continue
        owners = {a.actor_id or a.local_entity: a for a in holders if set(expansion) <= set(a.role_words)}
        if len(owners) == 1:
            out.append(_mention(text, tok, tok, next(iter(owners.values())), "role"))
            taken[i] = True
    i = 0
    while i < len(toks):
        if taken[i] or toks[i].text not in ("the", "our", "their", "your"):
            i += 1
            continue
        best = None
        for n in (3, 2, 1):
            words = [t.text for t in toks[i + 1 : i + 1 + n]]
            if len(words) < n or any(taken[i + 1 : i + 1 + n]):
                continue
            if n == 1 and words[0] not in _TITLE_NOUNS:
                continue
            owners = {a.actor_id or a.local_entity: a for a in holders if set(words) <= set(a.role_words)}
            if len(owners) == 1:
                best = (n, next(iter(owners.values())))
                break
        if best is None:
            i += 1
            continue
        n, actor = best
        out.append(_mention(text, toks[i + 1], toks[i + n], actor, "role"))
        taken[i + 1 : i + 1 + n] = [True] * n
        i += n + 1
    return out


def _countries(text: str, taken: list[bool], toks: list[Token], actors: Sequence[PageActor]) -> list[TargetMention]:
    states = {a.country: a for a in actors if a.kind == "state" and a.country}
    if not states:
        return []
    out = []
    for match in load_kb().countries_in(text):
        actor = states.get(match.code)
        # an ambiguous form ("Indians") names the page's country when the page has it and the reader
        # capitalised it
        if actor is None or (match.ambiguous and not match.matched[:1].isupper()):
            continue
        end = match.start + len(match.matched.rstrip(".,;:!?'\"’”)"))
        covered = [k for k, t in enumerate(toks) if t.start < end and t.end > match.start]
        if any(taken[k] for k in covered):
            continue
        for k in covered:
            taken[k] = True
        out.append(TargetMention(actor_id=actor.actor_id, local_entity=actor.local_entity, name=actor.name,
                                 text=text[match.start : end], start=match.start, end=end, how="country"))
    return out


def find_events(text: str, events: Sequence[PageEvent]) -> list[EventMention]:
    """Definite mentions of the page's events ("the border attack"), left to right."""
    if not events:
        return []
    nouns = event_nouns()
    toks = tokens(text)
    out: list[EventMention] = []
    closed = english_words() | {"is", "are", "was", "were", "be", "been", "being", "to", "in", "of", "on", "at",
                                "for", "by", "with", "from", "into", "over"}
    for i, tok in enumerate(toks):
        if tok.text not in _EVENT_DETERMINERS:
            continue
        if i + 1 < len(toks) and toks[i + 1].text in _EVENT_DETERMINERS:
            continue  # "that the attack": the phrase starts at "the"
        for j in range(i + 1, min(i + 4, len(toks))):
            word = toks[j].text
            if word in closed:
                break  # "the spike in the attacks", "that our leadership is meeting": not one noun phrase
            candidates = [e for e in events if word in nouns.get(e.type, ())]
            if not candidates:
                continue
            # the words around the noun ("the border attack", "this raid in Callao") against each
            # event's evidence; then a trigger of the noun's stem ("raid" / "raided"), factual, linked
            context = {t.text for t in toks[i + 1 : j] + toks[j + 1 : j + 5]} - _DETERMINERS
            chosen = max(candidates, key=lambda e: (len(context & set(_phrase(e.evidence))),
                                                    e.trigger.lower().startswith(word[:4]), e.factual,
                                                    e.story_id is not None))
            if out and out[-1].start >= toks[i].start:
                break
            out.append(EventMention(event_id=chosen.event_id, story_id=chosen.story_id, type=chosen.type,
                                    text=text[toks[i].start : toks[j].end], start=toks[i].start, end=toks[j].end))
            break
    return out
