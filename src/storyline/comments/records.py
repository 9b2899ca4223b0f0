"""Typed records of the comments stage. Offsets (``start``, ``end``) point into the comment's own text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Stance = Literal["supportive", "critical", "neutral"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetMention:
    """A mention of one of the page's actors in a comment, resolved to its canonical actor.

    ``how`` says what matched: ``name`` (a name or alias the article uses), ``surname``, ``variant``
    (a spelling variant of a surname), ``role`` (a role phrase: "the army chief"), ``acronym``,
    ``country`` (a country's name, demonym or capital: "the Americans" → the state actor)."""

    actor_id: str | None
    local_entity: str
    name: str
    text: str
    start: int
    end: int
    how: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetStance:
    """A comment's stance toward one target actor: label, score in [-1, 1], the words that decided it."""

    target: TargetMention
    stance: Stance
    score: float
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """A mention of one of the page's events ("the border attack"), with its story event."""

    event_id: str
    story_id: str | None
    type: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentAnalysis:
    """What the comments stage found in one comment."""

    doc_id: str
    version: int
    comment_id: str
    language: str
    language_confidence: float
    toxicity: float | None
    toxic: bool | None
    constructiveness: float | None
    constructive: bool | None
    spam: str | None
    exact_key: str | None
    minhash: tuple[int, ...] | None
    targets: tuple[TargetStance, ...] = field(default_factory=tuple)
    events: tuple[EventMention, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True, kw_only=True)
class PageActor:
    """One actor of a page's article (a within-page chain) as the comments stage needs it."""

    local_entity: str
    actor_id: str | None
    name: str
    kind: str
    country: str | None
    surname: str | None = None
    aliases: tuple[str, ...] = ()
    role_words: tuple[str, ...] = ()
    org_code: str | None = None
    mentions: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PageEvent:
    """One coded event of a page's article."""

    event_id: str
    story_id: str | None
    type: str
    trigger: str
    evidence: str
    factual: bool
