"""Typed records of the events stage: events, their participants, evidence and quotes.

Every offset is a character offset into the STORED document text (``Document.text``), so
``document.text[start:end]`` is the quoted text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace


@dataclass(frozen=True, slots=True, kw_only=True)
class EventParticipant:
    """One side of an event as the page names it.

    ``text`` is the words on the page, ``name`` the chain's name (a person's full name, an
    organisation's name); ``local_entity`` is the page chain ("e3") and ``actor_id`` the canonical
    actor across pages (``None`` until canonicalised). ``affiliation`` is an organisation the actor
    acts for (a NATO commander), an extra acceptable code for the side; ``kind`` is the mention's
    kind (person, role, group, organisation, state). ``rule`` names what made it this side: ``clause``
    (subject, object or prepositional object of the trigger's clause), ``event_noun_modifier`` ("US
    strikes"), ``participant``, ``origin``, ``agentless_authority``, ``domestic``, ``named_in_sentence``,
    ``nearest_in_sentence``, ``place``, ``page_counterpart``, ... (the functions of ``events/extract.py``).
    """

    text: str
    name: str | None
    actor_id: str | None
    local_entity: str | None
    country: str | None
    sector: str | None
    start: int
    end: int
    affiliation: str | None = None
    kind: str | None = None
    rule: str | None = None

    def codes(self) -> tuple[str, ...]:
        """The codes this side may be coded with: its country, then its affiliation."""
        return tuple(dict.fromkeys(c for c in (self.country, self.affiliation) if c))


@dataclass(frozen=True, slots=True, kw_only=True)
class EventLocation:
    """Where an event happened: the place words and the gazetteer's answer."""

    text: str
    country: str | None
    lat: float | None
    lon: float | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A span of the stored text: the sentence that reports an event, or its trigger word."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """Direct ("...", X said) or reported (X said that ...) speech, its speaker resolved to an actor."""

    text: str
    speaker: EventParticipant | None
    start: int
    end: int
    direct: bool = True
    doc_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One PLOVER event reported by one page.

    ``date`` is an ISO value (``2012-03-28``, ``2012-03``) with its ``date_precision`` and the
    words that fixed it (``date_text``); ``None`` where the page does not fix it. ``negated`` and
    ``hypothetical`` events are kept (they are information) but did not happen as reported;
    ``cues`` are the modality cues that decided it ("negated:not", "hypothetical:will").
    ``contexts`` are PLOVER contexts (military, diplomatic, economic, ...). ``repeats`` are the
    evidence sentences of the page's other reports of this event, merged into this record.
    """

    event_id: str
    doc_id: str
    type: str
    mode: str | None
    actors: tuple[EventParticipant, ...]
    recipients: tuple[EventParticipant, ...]
    evidence: Evidence
    trigger: Evidence
    contexts: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    date_text: Evidence | None = None
    location: EventLocation | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    quote: Quote | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    symmetric: bool = False
    cues: tuple[str, ...] = ()
    role: str | None = None
    alternatives: tuple[str, ...] = field(default_factory=tuple)
    repeats: tuple[Evidence, ...] = ()

    @property
    def evidence_spans(self) -> tuple[Evidence, ...]:
        """Every sentence of the page that reports this event: the kept ``evidence`` first, then the
        repeats merged into it (headline, dek, a second sentence, a noun beside its verb), in text order."""
        return (self.evidence, *sorted(self.repeats, key=lambda e: e.start))

    @property
    def factual(self) -> bool:
        """Reported as having happened: neither negated nor hypothetical."""
        return not (self.negated or self.hypothetical)

    def actor_codes(self) -> frozenset[str]:
        return frozenset(code for p in self.actors for code in p.codes())

    def recipient_codes(self) -> frozenset[str]:
        return frozenset(code for p in self.recipients for code in p.codes())

    def with_actor_ids(self, actor_id_of: dict[str, str]) -> Event:
        """This event with canonical actor ids filled in from ``local_entity → actor_id``."""
        def fill(p: EventParticipant) -> EventParticipant:
            return replace(p, actor_id=actor_id_of.get(p.local_entity or "", p.actor_id))

        return replace(self, actors=tuple(map(fill, self.actors)), recipients=tuple(map(fill, self.recipients)))


def event_id(doc_id: str, type_: str, trigger_start: int, trigger_end: int) -> str:
    """A stable id from the page, the type and the trigger's stored span."""
    key = f"{doc_id}|{type_}|{trigger_start}|{trigger_end}"
    return f"{doc_id}-ev-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
