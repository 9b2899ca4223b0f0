"""Event extraction: who did what to whom, when and where, in PLOVER, with evidence.

For one read page (article text only: headline, dek, captions, body; comments and boilerplate
are never parsed):

1. triggers: every token the trigger lexicon matches (verbs and event nouns, with particles and
   cues); where its senses name several types, the type classifier's prior on the sentence picks;
2. sides: the sense's frame places the actor and the recipient (subject, object, "with X",
   "X's visit", "talks between X and Y"); each head token becomes actor mentions (its own mention,
   its conjuncts, a mention inside its noun phrase, a pronoun's antecedent); sides without a
   country are dropped, and an event without an actor is not kept;
3. modality (``modality.py``): negated, hypothetical, reported by whom;
4. when and where (``when.py``, ``where.py``): the date expression the trigger's clause governs
   (never invented); the place after "in/at/near", else one in the trigger's clause that is not part
   of an actor's name, else the dateline for the page's first body event;
5. CAMEO code, quad class and Goldstein score (``cameo.py``), a confidence, a quote where the event
   is reported speech;
6. repeats within the page merged (``dedupe.py``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from storyline.actors import load_kb
from storyline.actors.alliances import alliances
from storyline.actors.kb import TRANSNATIONAL
from storyline.events.cameo import cameo_fields
from storyline.events.classifier import TypeClassifier, load_type_classifier
from storyline.events.contexts import event_contexts
from storyline.events.dedupe import dedupe_events
from storyline.events.detector import PROPOSED_CUE, confident_type, main_verb, proposed_entry
from storyline.events.lexicon import (
    FrameRoles,
    TriggerEntry,
    TriggerLexicon,
    frame_roles,
    is_passive,
    load_lexicon,
)
from storyline.events.modality import Modality, misattached_conjunct, modality
from storyline.events.participants import (
    PageParticipants,
    adverbial_clause,
    participant,
    sentence_start_back,
)
from storyline.events.quotes import find_quotes, quote_covering, reported_quote
from storyline.events.records import (
    Event,
    EventLocation,
    EventParticipant,
    Evidence,
    Quote,
    event_id,
)
from storyline.events.when import date_evidence, event_date
from storyline.events.where import PLACE_PREPS, event_location, with_dateline
from storyline.events.words import ExtractWords

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from storyline.actors import CanonicalActors
    from storyline.read import ReadPage

logger = logging.getLogger(__name__)



@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractOptions:
    """Knobs of the extractor: the classifier prior, the confidence floor (events without a
    recipient score below the default floor), whether an actor is required."""

    use_classifier: bool = True
    min_confidence: float = 0.6  # below: no recipient found (a one-sided event), never emitted
    require_actor: bool = True
    propose: bool = True  # the classifier proposes events in sentences with no trigger (detector.py)
    min_probability: float = 0.8  # ... when it is this sure of one type


@dataclass(slots=True, kw_only=True)
class _Context:
    """What one page's extraction shares: the page, lookups, quotes, classifier cache."""

    page: ReadPage
    parts: PageParticipants
    quotes: tuple[Quote, ...]
    words: ExtractWords
    lexicon: TriggerLexicon
    classifier: TypeClassifier | None
    priors: dict[int, dict[str, float]] = field(default_factory=dict)
    found: dict[int, Event] = field(default_factory=dict)
    counterparts: dict[frozenset[str], tuple[EventParticipant, ...]] = field(default_factory=dict)
    lent: frozenset[tuple[int, int]] | None = None

    def page_lent(self) -> frozenset[tuple[int, int]]:
        """The spans of the mentions whose country only the page lent them (evidence ``page:...``)."""
        if self.lent is None:
            self.lent = frozenset((m.start, m.end) for m in self.page.actors.mentions
                                  if m.country and (m.country_evidence or "").startswith("page:"))
        return self.lent

    def prior(self, sent: Span) -> dict[str, float]:
        if self.classifier is None:
            return {}
        if sent.start not in self.priors:
            self.priors[sent.start] = self.classifier.predict_proba([sent.text])[0]
        return self.priors[sent.start]


@cache
def _classifier() -> TypeClassifier | None:
    try:
        return load_type_classifier()
    except (OSError, ValueError) as e:
        logger.warning("event type classifier unavailable, typing from the lexicon alone: %s", e)
        return None


def extract_events(page: ReadPage, *, options: ExtractOptions | None = None) -> list[Event]:
    """The events the page's article text reports, repeats merged, in text order."""
    options = options or ExtractOptions()
    return _extract(_context(page, options), options)


def extract_events_and_quotes(page: ReadPage, *, options: ExtractOptions | None = None
                              ) -> tuple[list[Event], list[Quote]]:
    """:func:`extract_events` and :func:`extract_quotes` of one page, its participants and quotes found once."""
    options = options or ExtractOptions()
    ctx = _context(page, options)
    quotes = list(ctx.quotes)  # what extract_quotes finds: the context's quotes, before any event is coded
    return _extract(ctx, options), quotes


def _extract(ctx: _Context, options: ExtractOptions) -> list[Event]:
    page = ctx.page
    found = ctx.found  # earlier events of the page: what "the incident" refers back to
    triggered: set[int] = set()  # sentences (by first token) holding a lexicon trigger
    for match in ctx.lexicon.match_doc(page.doc):
        token = page.doc[match.token_i]
        role = page.article.role_at(token.idx)
        if role not in ctx.words.article_roles or picture_description(token, role):
            continue
        event = _event(token, match.entries, ctx, options)
        if event is not None and event.confidence >= options.min_confidence:
            found[token.i] = event
        triggered.add(token.sent.start)
    if options.propose and ctx.classifier is not None:
        _propose(ctx, options, triggered)
    distinct = (coordinated_acts(found, page.doc) | sequenced_acts(found, page.doc, ctx.words)
                | anterior_acts(found, page.doc, ctx.words))
    events = dedupe_events(found.values(), distinct=distinct)
    events = with_dateline([part for e in events for part in split_joint_actors(e)], page)
    return [replace(e, contexts=event_contexts(e)) for e in events]


def _propose(ctx: _Context, options: ExtractOptions, triggered: set[int]) -> None:
    """Events in article sentences with no lexicon trigger, typed by the classifier (``detector.py``)."""
    page = ctx.page
    for sent in page.doc.sents:
        if sent.start in triggered or page.article.role_at(sent.start_char) not in ctx.words.article_roles:
            continue
        plover_type = confident_type(ctx.prior(sent), options.min_probability)
        token = main_verb(sent, ctx.words.speech_verbs) if plover_type else None
        if token is None or plover_type is None:
            continue
        event = _event(token, (proposed_entry(token, plover_type),), ctx, options)
        if event is not None and event.confidence >= options.min_confidence:
            ctx.found[token.i] = replace(event, cues=(*event.cues, PROPOSED_CUE))


_PRESENT_TAGS = frozenset({"VBP", "VBZ", "VBG"})


def picture_description(token: Token, role: str | None) -> bool:
    """A caption verb in the present tense describes the picture ("soldiers patrol outside a
    checkpost"), by the captioning convention, and is often a file photo of another day: no event.
    A caption in the past tense reports news ("India dismissed the report") and is read."""
    return role == "caption" and token.tag_ in _PRESENT_TAGS


def split_joint_actors(event: Event) -> list[Event]:
    """A one-sided act of several countries ("the EU and the US imposed sanctions") is one event per
    acting country, each with the same recipients. Reciprocal events keep their joint sides, and so
    do non-state groups ("Taliban and al Qaeda attacks"): only states and bodies of states split."""
    if event.symmetric or not all(_sovereign(a) for a in event.actors):
        return [event]
    by_country: dict[str, list[EventParticipant]] = {}
    for actor in event.actors:
        by_country.setdefault(actor.country or "", []).append(actor)
    if len(by_country) < 2 or "" in by_country:
        return [event]
    return [replace(event, actors=tuple(group), event_id=event.event_id if n == 0 else f"{event.event_id}-{n}")
            for n, group in enumerate(by_country.values())]


def coordinated_acts(found: dict[int, Event], doc: Doc) -> frozenset[frozenset[str]]:
    """Pairs of events whose triggers are coordinated and code different acts ("shut the border and
    evicted the personnel", "a coup and a curfew"): two acts, never one repeated. Coordinated words
    of one act ("travel bans and asset freezes") still merge."""
    pairs = set()
    for i, event in found.items():
        for other in doc[i].conjuncts:
            twin = found.get(other.i)
            if twin is not None and twin.cameo != event.cameo:
                pairs.add(frozenset((event.event_id, twin.event_id)))
    return frozenset(pairs)


def sequenced_acts(found: dict[int, Event], doc: Doc, words: ExtractWords) -> frozenset[frozenset[str]]:
    """Pairs of events one of which the sentence places after or before the other ("the officers met
    a day after the ministers held talks", "since strikes killed ..."): two events, never one repeated."""
    pairs = set()
    for i, event in found.items():
        clause = doc[adverbial_clause(doc[i])]
        if clause.dep_ != "advcl" or not any(c.dep_ in {"mark", "prep"} and c.lower_ in words.sequence_marks
                                             for c in clause.children):
            continue
        for j, other in found.items():
            if doc[j].sent == doc[i].sent and adverbial_clause(doc[j]) != clause.i:
                pairs.add(frozenset((event.event_id, other.event_id)))
    return frozenset(pairs)


def anterior_acts(found: dict[int, Event], doc: Doc, words: ExtractWords) -> frozenset[frozenset[str]]:
    """Pairs of an event its sentence marks as earlier than the page's news ("General D had previously
    met General K in February", ``anterior_adverbs``) and every other event of the page: an earlier
    meeting of the same people is another meeting, never a repeat of the one the page reports."""
    earlier = [event for i, event in found.items()
               if any(c.dep_ == "advmod" and c.lower_ in words.anterior_adverbs for c in doc[i].children)]
    return frozenset(frozenset((event.event_id, other.event_id))
                     for event in earlier for other in found.values() if other is not event)


def _sovereign(side: EventParticipant) -> bool:
    return side.kind == "state" or (side.kind == "organisation" and side.affiliation is not None)


def extract_quotes(page: ReadPage) -> list[Quote]:
    """Direct and reported speech of the page's article text, speakers resolved to actors."""
    parts = PageParticipants(page)
    return find_quotes(parts, doc_id=page.document.doc_id)


def _context(page: ReadPage, options: ExtractOptions) -> _Context:
    parts = PageParticipants(page)
    return _Context(page=page, parts=parts, quotes=tuple(find_quotes(parts, doc_id=page.document.doc_id)),
                    words=parts.words, lexicon=load_lexicon(),
                    classifier=_classifier() if options.use_classifier else None)


# -- one trigger -----------------------------------------------------------------------------


def choose_entry(entries: tuple[TriggerEntry, ...], prior: dict[str, float]) -> TriggerEntry:
    """The sense to use: the lexicon's first, unless the senses differ in type and the prior prefers one."""
    if len({e.plover_type for e in entries}) < 2 or not prior:
        return entries[0]
    return max(entries, key=lambda e: prior.get(e.plover_type, 0.0))


def split_joint(actors: tuple[EventParticipant, ...], recipients: tuple[EventParticipant, ...],
                *, reciprocal: bool) -> tuple[tuple[EventParticipant, ...], tuple[EventParticipant, ...]]:
    """Joint actors of a reciprocal event ("X and Y met", "talks between X and Y") become two sides."""
    if reciprocal and not recipients and len(actors) > 1:
        first = actors[0]
        rest = tuple(a for a in actors[1:] if a.country != first.country)
        if rest:
            return (first,), rest
    return actors, recipients


def _sides(token: Token, entry: TriggerEntry, ctx: _Context) -> tuple[tuple[EventParticipant, ...], ...]:
    roles = frame_roles(token, entry)
    subject = relative_antecedent(controller(token, ctx.words) or marked_subject(token, ctx) or roles.actor
                                  or clause_subject(token), ctx.words)
    actors = _by("clause", speaker_sides(composite_actors(subject, ctx) or national_sides(subject, ctx), ctx))
    if not any(a.country for a in actors) and token.pos_ != "VERB":
        actors = _by("event_noun_modifier", modifier_sides(token, ctx)) \
            or _by("participant", ctx.parts.sides(participant_subject(token, entry, ctx.words))) \
            or _by("answerable", answerable_sides(token, ctx))
    if not actors and roles.actor is not None and roles.actor.pos_ == "PROPN":
        actors = _by("named_actor", named_word_side(roles.actor, ctx))  # "an apology from Accra": a capital
    if not any(a.country for a in actors) and subject is not None:
        actors = _by("document_author", document_author(subject, ctx)) or actors
    recipients = _by("clause", speaker_sides(national_sides(roles.recipient, ctx), ctx))
    if not any(a.country for a in actors) and entry.plover_type in ctx.words.origin_types:
        actors = _by("origin", origin_sides(token, ctx))
        recipients = recipients or _by("target_place", target_place_sides(roles.recipient, actors, ctx))
    if roles.reciprocal and token.pos_ != "VERB" and len(actors) < 2 and roles.actor is not None:
        actors = _by("joint_modifier", joint_modifier_sides(roles.actor, ctx)) or actors
    actors, recipients = split_joint(actors, recipients, reciprocal=roles.reciprocal or entry.reciprocal)
    if not any(a.country for a in actors) and _cameo(entry) in ctx.words.domestic_cameo:
        actors = _by("agentless_authority", agentless_authority(token, ctx)) or actors
    if not any(a.country for a in actors) and entry.plover_type == "MOBILIZE":
        actors = _by("own_forces", own_forces(token, ctx)) or actors
    if not any(a.country for a in actors) and _cameo(entry) in ctx.words.domestic_fallback_cameo:
        actors = placed_protesters(actors, token, ctx) or actors
    if entry.plover_type in ctx.words.hostile_types:
        actors = homeland_actors(actors, token, ctx)
    actors = tuple(a for a in actors if a.country)
    recipients = homeland_groups(recipients, token, actors, ctx)
    recipients = _kept_recipients(recipients, actors, ctx.words, media=entry.plover_type in ctx.words.hostile_types)
    if len(actors) > 1 and all(a.rule == "pair" for a in actors):  # "both countries deployed troops": each at the other
        actors, recipients = split_joint(actors, recipients, reciprocal=True)
    if entry.plover_type in ctx.words.claim_types and own_side_only(recipients, actors):
        recipients = ()  # "rejected a report that its minister had admitted ...": the report's author
    if not actors and recipients and entry.plover_type == "ASSAULT" \
            and (token.pos_ != "VERB" or subject is not None and hostile_act(subject, ctx)):
        actors = _by("earlier_report", earlier_report_actors(token if token.pos_ != "VERB" else subject, entry,
                                                              recipients, ctx))
    if not actors and (roles.reciprocal or entry.reciprocal):
        actors, recipients = recipients, ()  # "X met Y" with X unresolved: Y's side is known
    if actors and not recipients:
        recipients = _by("event_noun", _kept_recipients(_event_noun_sides(roles.recipient, ctx), actors, ctx.words))
    if actors and not recipients and (entry.cameo or "") in ctx.words.domestic_cameo:
        recipients = _by("domestic", domestic_recipients(actors))
    if actors and not recipients and entry.modality == "threat":
        recipients = _by("threat_target", threat_targets(token, actors, ctx))
    if actors and not recipients and entry.plover_type in ctx.words.claim_types:
        recipients = _by("claim_author", _kept_recipients(claim_authors(token, ctx), actors, ctx.words, media=True))
    if actors and not recipients and entry.plover_type in ctx.words.claim_types:
        recipients = _by("act_author", _kept_recipients(act_authors(token, ctx), actors, ctx.words))
    if actors and not recipients and entry.modality == "request":
        recipients = _by("halted_act", _kept_recipients(halted_act_authors(token, actors, ctx), actors, ctx.words))
    if actors and not recipients and backed_claim(token, roles, ctx.words):
        return actors, _by("claim_speaker", _kept_recipients(claim_speakers(roles.recipient, ctx), actors, ctx.words))
    if actors and not recipients and not solitary(token, entry, roles, ctx):
        hostile = entry.plover_type in ctx.words.hostile_types
        own = own_side(actors, hostile=hostile)
        named = tuple(s for s in named_word_side(roles.recipient, ctx) if s.country not in own) \
            if not other_clause_actor(token, own, ctx) else ()
        recipients = _by("named_recipient", _kept_recipients(named, actors, ctx.words)) \
            or _by("named_in_sentence", named_recipients(token, actors, ctx, hostile=hostile)) \
            or _by("nearest_in_sentence", implied_recipients(token, actors, ctx, hostile=hostile)) \
            or _by("place", place_recipients(token, entry, ctx)) \
            or (_by("domestic", domestic_recipients(actors)) if (entry.cameo or "") in ctx.words.domestic_fallback_cameo
                or entry.plover_type in {"COERCE", "MOBILIZE"}
                else _by("page_counterpart", page_counterpart(actors, ctx, hostile=hostile)))
    return actors, located_groups(recipients, token, entry, ctx)


_GENERIC_ATTACK_MODES = {None: 0, "firearms": 0, "heavy-weapons": 1}
"""Modes a trigger gives an attack by its verb alone ("fired", "shelled"), with their rank: an actor
named by a weapon of a higher rank (an aircraft over a gun, a gun over nothing) says how it was done."""
_INSTRUMENT_RANK = {"heavy-weapons": 1, "aerial": 2, "drone": 2}


def instrument_mode(entry: TriggerEntry, actors: tuple[EventParticipant, ...], words: ExtractWords) -> TriggerEntry:
    """An attack whose actor is named by what carried it out ("helicopters fired on two posts",
    "drones struck a convoy", "tanks shelled the town"): the mode and CAMEO code of that weapon
    (``instrument_modes``), where the trigger gave only a generic one."""
    if entry.plover_type != "ASSAULT" or entry.mode not in _GENERIC_ATTACK_MODES:
        return entry
    for actor in actors:
        word = actor.text.split()[-1].lower() if actor.text.split() else ""
        found = words.instrument_modes.get(word) or (words.instrument_modes.get(word[:-1]) if word.endswith("s") else None)
        if found and _INSTRUMENT_RANK[found[0]] > _GENERIC_ATTACK_MODES[entry.mode]:
            return replace(entry, mode=found[0], cameo=found[1])
    return entry


def _cameo(entry: TriggerEntry) -> str:
    """The sense's CAMEO code, or its type and mode's default when the lexicon names none."""
    return cameo_fields(entry.plover_type, entry.mode, entry.cameo).cameo or ""


def _by(rule: str, sides: tuple[EventParticipant, ...]) -> tuple[EventParticipant, ...]:
    """The sides with the rule that found them recorded (a side keeps the first rule that named it)."""
    return tuple(s if s.rule else replace(s, rule=rule) for s in sides)


def own_forces(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Forces deployed, mobilised or put on alert in the passive with no agent ("the Bolivian army was
    deployed to La Paz") are moved by their own state: the passive subject's sides."""
    if token.pos_ != "VERB" or any(c.dep_ == "agent" for c in token.children):
        return ()
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    return tuple(a for a in national_sides(subject, ctx) if a.country)


def agentless_authority(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """An arrest, a curfew or a ban in the passive with no agent ("30 journalists were arrested in
    Cairo"): done by the authorities of the state where it happened (else of the page's own
    country, else of the person's own: "a former Kenyan minister was sentenced")."""
    if not any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or any(c.dep_ == "agent" for c in token.children):
        return ()
    where = event_location(token, ctx.page, ctx.parts, after_prep=True)
    if where is None or not where.country or where.start is None or where.end is None:
        return _page_authority(token, ctx) or _subject_authority(token, ctx)
    return (EventParticipant(text=where.text, name=where.text, actor_id=None, local_entity=None, country=where.country,
                             sector="GOV", start=where.start, end=where.end, kind="state"),)


def _subject_authority(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """An agentless arrest or conviction with no place and no page country: the authorities of the
    state the person acted on belongs to ("a former Kenyan minister was sentenced": Kenya's)."""
    subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    sides = [s for s in national_sides(subject, ctx) if s.country and s.country != TRANSNATIONAL]
    return _authority_of(sides[0].country, token, ctx) if sides else ()


def _page_authority(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """An agentless arrest, curfew or ban whose sentence names no place ("a curfew was imposed"): the
    authorities of the page's own country (its dateline, else the country it is about), the trigger
    its evidence."""
    return _authority_of(ctx.page.actors.page_country, token, ctx)


def _authority_of(country: str | None, token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The authorities of ``country`` as the actor, the trigger its evidence; none without a country."""
    if not country:
        return ()
    start, end = ctx.page.stored(token.idx, token.idx + len(token.text))
    return (EventParticipant(text=token.text, name=country, actor_id=None, local_entity=None, country=country,
                             sector="GOV", start=start, end=end, kind="state"),)


def placed_protesters(actors: tuple[EventParticipant, ...], token: Token,
                      ctx: _Context) -> tuple[EventParticipant, ...]:
    """Protesters, strikers or rioters that no words tie to a country protest where they are: "thousands
    demonstrated in Santiago", "riots broke out across Kenya" (the country of the protest's place, after
    "in/at/across...", else, for groups of protesters named, the page's own country). Only non-state groups, or
    nobody, take it; a named state or office keeps its own."""
    if any(a.sector and a.sector not in ctx.words.domestic_threat_sectors for a in actors):
        return ()
    named_groups = bool(actors) and all(a.kind == "group" for a in actors)
    where = event_location(token, ctx.page, ctx.parts, after_prep=True) or (page_place(token, ctx) if named_groups else None)
    if where is None or not where.country or where.start is None or where.end is None:
        return ()
    if actors:
        return tuple(replace(a, country=where.country, rule="placed_protest") for a in actors)
    return (EventParticipant(text=where.text, name=where.text, actor_id=None, local_entity=None, country=where.country,
                             sector="CVL", start=where.start, end=where.end, kind="group", rule="placed_protest"),)


def homeland_groups(recipients: tuple[EventParticipant, ...], token: Token, actors: tuple[EventParticipant, ...],
                    ctx: _Context) -> tuple[EventParticipant, ...]:
    """Non-state groups acted on that no words tie to a country (rebels, militants, protesters,
    criminals: the ``homeland_sectors``) are of the country where the act happened ("troops
    attacked rebels near Goma": COD), else of the acting state's own country ("Nigerian troops
    killed 20 militants": NGA): armed groups are coded with the country they operate in."""
    if all(r.country or r.sector not in ctx.words.homeland_sectors for r in recipients):
        return recipients
    where = event_location(token, ctx.page, ctx.parts, after_prep=True)
    home = where.country if where is not None and where.country else None
    if home is None:
        own = {a.country for a in actors if (a.kind != "group" or a.sector not in ctx.words.homeland_sectors)
               and a.country and load_kb().country_name(a.country) is not None}
        home = next(iter(own)) if len(own) == 1 else None
    if home is None:
        return recipients
    return tuple(replace(r, country=home, rule="homeland_group")
                 if not r.country and r.sector in ctx.words.homeland_sectors else r for r in recipients)


def homeland_actors(actors: tuple[EventParticipant, ...], token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Attackers of the ``homeland_sectors`` (militants, rebels, gunmen) that no words tie to a country
    are of the country where they struck ("gunmen killed 12 villagers near Maiduguri": NGA; armed
    groups, ``armed_group_sectors``, in a sentence with no place: the page's own country), as the
    groups acted on are (:func:`homeland_groups`); a noun's group modifier, or a verb's subject the
    page found no actor in, is such an attacker ("a militant attack on a police station in Kano")."""
    if any(a.country for a in actors):
        return actors
    groups = [a for a in actors if a.sector in ctx.words.homeland_sectors]
    if not actors:
        deps = {"amod", "compound"} if token.pos_ == "NOUN" else {"nsubj"}
        groups = [side for c in token.children if c.dep_ in deps and (side := _group_word(c, ctx)) is not None]
    if not groups:
        return actors
    where = event_location(token, ctx.page, ctx.parts, after_prep=True)
    if where is None and all(g.sector in ctx.words.armed_group_sectors for g in groups):
        where = page_place(token, ctx)  # gunmen, militants, rebels: the page's own conflict
    if where is None or not where.country:
        return actors
    return tuple(replace(g, country=where.country, rule="homeland_group") for g in groups)


def page_place(token: Token, ctx: _Context) -> EventLocation | None:
    """Where a domestic act whose sentence names no place happened: the page's own country (its
    dateline, else the country it is about, :func:`storyline.actors.resolve.page_country`), the
    trigger its evidence; ``None`` when the page has none."""
    country = ctx.page.actors.page_country
    if not country:
        return None
    start, end = ctx.page.stored(token.idx, token.idx + len(token.text))
    return EventLocation(text=token.text, country=country, lat=None, lon=None, start=start, end=end)


def _group_word(word: Token, ctx: _Context) -> EventParticipant | None:
    """A word naming a group of the ``homeland_sectors`` ("militant" in "a militant attack", "gunmen")."""
    match = load_kb().sector_of(word.text)
    if match is None or match.sector not in ctx.words.homeland_sectors:
        return None
    start, end = ctx.page.stored(word.idx, word.idx + len(word.text))
    return EventParticipant(text=word.text, name=word.text, actor_id=None, local_entity=None, country=None,
                            sector=match.sector, start=start, end=end, kind="group")


def origin_sides(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """An attack that names no attacker but where it came from: "rockets were fired from X into Y",
    "killed by fire from X": the state of X (a place or a named state)."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in ctx.words.origin_preps):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            side = place_side(pobj, ctx) or ctx.parts.side(pobj)
            if side is not None and side.country:
                return (side,)
    return ()


def target_place_sides(head: Token | None, actors: tuple[EventParticipant, ...],
                       ctx: _Context) -> tuple[EventParticipant, ...]:
    """The state of the place an attack from elsewhere was aimed at ("into Y", "at towns in Y")."""
    own = {a.country for a in actors}
    for word in ([head, *head.subtree] if head is not None else []):
        side = place_side(word, ctx)
        if side is not None and side.country not in own:
            return (side,)
    return ()


def place_side(word: Token, ctx: _Context) -> EventParticipant | None:
    """The state a place name at ``word`` lies in, as a side ("the West Bank": the Palestinian territories)."""
    place = next((p for p in ctx.page.places if p.start <= word.idx < p.end and not p.dateline), None)
    if place is None or not place.place.country:
        return None
    start, end = ctx.page.stored(place.start, place.end)
    return EventParticipant(text=place.text, name=place.text, actor_id=None, local_entity=None,
                            country=place.place.country, sector=None, start=start, end=end, kind="state")


def national_sides(head: Token | None, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The sides a head names, one more per country of coordinated nationality adjectives on it
    ("Russian and Ukrainian officials": Russia's and Ukraine's officials; "French and German troops")
    or of coordinated countries in its "from" complement ("officials from Chile and Peru")."""
    sides = ctx.parts.sides(head)
    if head is None or not sides:
        return sides
    sides = located_in(sides, head, ctx)
    found = {s.country for s in sides}
    extra = []
    origins = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "from"
               for g in c.children if g.dep_ == "pobj" and g.conjuncts]
    for child in [c for c in head.children if c.dep_ in {"amod", "compound"} and c.conjuncts] + origins:
        for word in (child, *child.conjuncts):
            named = named_side(word, ctx.page) if word.pos_ in {"ADJ", "PROPN"} else None
            if named is not None and named.country not in found and named.kind == "state":
                found.add(named.country)
                text = f"{head.text} from {word.text}" if child in origins else f"{word.text} {head.text}"
                extra.append(replace(sides[0], country=named.country, local_entity=None, affiliation=None, text=text))
    return (*sides, *extra)


def located_in(sides: tuple[EventParticipant, ...], head: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Sides that state no country take the one their own words place them in: "workers in Malawi",
    "protesters in Lima", "police from Ohio" (an "in"/"from" complement of the head naming a place),
    also through the region it names: "militants in Peru's border areas", "rebels in the Congolese
    east"."""
    guessed = ctx.page_lent()
    if all(s.country and (s.start, s.end) not in guessed for s in sides):
        return sides  # a country of their own words; one the page lent them ("police": the page's) yields
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"in", "from"}):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            regions = [g for g in pobj.children if g.dep_ in {"poss", "compound", "amod"}]
            for word in (pobj, *regions):
                where = place_side(word, ctx) or ctx.parts.side(word)
                if where is None and word is not pobj and word.pos_ in {"ADJ", "PROPN"}:
                    where = named_side(word, ctx.page)
                if where is not None and where.country and where.kind == "state":
                    return tuple(s if s.country and (s.start, s.end) not in guessed else replace(s, country=where.country)
                                 for s in sides)
    return sides


def joint_modifier_sides(head: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Two sides named by conjoined modifiers of one noun: "clashes between Indian and Chinese
    troops" (India, China); empty unless two countries are found."""
    found: dict[str, EventParticipant] = {}
    for child in head.children:
        if child.dep_ not in {"amod", "compound", "nmod"}:
            continue
        for word in (child, *child.conjuncts):
            side = named_side(word, ctx.page) or ctx.parts.side(word)
            if side is not None and side.country:
                found.setdefault(side.country, side)
    return tuple(found.values()) if len(found) > 1 else ()


def solitary(token: Token, entry: TriggerEntry, roles: FrameRoles, ctx: _Context) -> bool:
    """A meeting whose frame names no second party ("a meeting of the cabinet", "the meeting was
    attended by six governors", "held a meeting of its committee"): a body's own session, not
    talks with another side. Hostile exchanges ("started firing", "clashes") always have another side."""
    if not (roles.reciprocal or entry.reciprocal or entry.frame == "subj" and entry.plover_type == "CONSULT") \
            or entry.plover_type in ctx.words.hostile_types:
        return False  # a reciprocal act, or taking part in one ("attended the meeting")
    if roles.recipient is not None and not ctx.lexicon.match(roles.recipient):
        return False
    nouns = [token] if token.pos_ != "VERB" else [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if token.pos_ != "VERB" or any(c.dep_ == "prep" and c.lower_ == "of" for n in nouns for c in n.children):
        return True
    if not nouns:  # "the cabinet met on Monday": one body, no partner
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        return len(subjects) == 1 and not subjects[0].conjuncts and subjects[0].tag_ in {"NN", "NNP"} \
            and not any(c.dep_ == "prep" and c.lower_ in {"with", "between", "among"} for c in token.children)
    return all(ctx.lexicon.match(n) and not _partnered(n, ctx) for n in nouns)  # "the meeting was attended by X"


def _partnered(noun: Token, ctx: _Context) -> bool:
    """An event noun that names a party of its own ("talks with X", "a NATO meeting")."""
    if any(c.dep_ == "prep" and c.lower_ in {"with", "between", "among"} for c in noun.children):
        return True
    return any(ctx.parts.mention_at(w) is not None for w in noun.subtree if w.i != noun.i)


def domestic_recipients(actors: tuple[EventParticipant, ...]) -> tuple[EventParticipant, ...]:
    """A coercive act with no named target (a coup, martial law, a curfew) falls on the actor's own
    state: "the army seized power", "the junta declared martial law"."""
    first = actors[0]
    if not first.country or first.country == TRANSNATIONAL:
        return ()
    return (EventParticipant(text=first.text, name=first.country, actor_id=None, local_entity=None,
                             country=first.country, sector=None, start=first.start, end=first.end,
                             kind="state"),)


def threat_targets(token: Token, actors: tuple[EventParticipant, ...], ctx: _Context) -> tuple[EventParticipant, ...]:
    """Whom a threat with no addressee targets: the object of the threatened act ("warned it will
    strike Georgian posts": Georgia), else, for a non-state group threatening unrest, its own state
    ("the union warned it will launch strikes if the law passes")."""
    acts = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"} and c.pos_ in {"VERB", "AUX"}]
    for act in acts:
        objects = [g for g in act.children if g.dep_ in {"dobj", "dative"}]
        found = _kept_recipients(tuple(s for o in objects for s in ctx.parts.sides(o)), actors, ctx.words)
        if found:
            return found
    first = actors[0]
    if acts and first.kind in {"group", "organisation"} and first.sector in ctx.words.domestic_threat_sectors:
        return domestic_recipients(actors)
    return ()


def located_groups(recipients: tuple[EventParticipant, ...], token: Token, entry: TriggerEntry,
                   ctx: _Context) -> tuple[EventParticipant, ...]:
    """A transnational armed group as the target of a material act is coded with the state where
    the act happened ("a strike on militants in northern Mali": MLI)."""
    if not recipients or any(r.country != TRANSNATIONAL for r in recipients):
        return recipients
    return place_recipients(token, entry, ctx) or located_state(token, ctx) or recipients


def own_side(actors: tuple[EventParticipant, ...], *, hostile: bool = False) -> frozenset[str]:
    """The codes a guessed recipient must not have: the actors' countries and affiliations, and for a
    hostile act also their alliances and the alliances' members (a NATO strike's target is not the
    US; a US envoy may still meet NATO)."""
    codes = frozenset(code for a in actors for code in a.codes())
    return alliances().sides_of(codes) if hostile else codes


def other_clause_actor(token: Token, own: frozenset[str], ctx: _Context) -> bool:
    """Whether the trigger's clause holds an actor mention of another country than ``own``."""
    clause = [w for w in token.subtree if w.i != token.i and _reaches(w, token)]
    return any((m := ctx.parts.mention_at(w)) is not None and m.country and m.country not in own for w in clause)


def named_recipients(token: Token, actors: tuple[EventParticipant, ...], ctx: _Context, *,
                     hostile: bool = False) -> tuple[EventParticipant, ...]:
    """A state the trigger's own clause names without an actor mention ("apologise to Iceland",
    "the attack on the Somali post"), from the knowledge base; not the actor's own (:func:`own_side`)."""
    own = own_side(actors, hostile=hostile)
    if other_clause_actor(token, own, ctx):
        return ()  # an actor of the clause is there: the usual fallbacks place it
    for word in token.subtree:
        if word.dep_ not in {"pobj", "dobj", "amod", "compound"} or word.pos_ not in {"PROPN", "ADJ", "NOUN"}:
            continue
        if word.i == token.i or not _reaches(word, token) or _locative_word(word, ctx.words):
            continue
        side = named_side(word, ctx.page) if ctx.parts.mention_at(word) is None else None
        if side is not None and side.country not in own and side.country != TRANSNATIONAL:
            return (side,)
    return ()


def named_word_side(word: Token | None, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The state the frame's recipient word names when no actor mention covers it, from the knowledge
    base: the word itself ("launched air raids on Kabul": Afghanistan) or, for a noun, its modifiers
    and its "of"/"in" complement ("fired a missile at the Saudi city of Jizan", "recognised the new
    government in Niamey")."""
    if word is None or ctx.parts.mention_at(word) is not None:
        return ()
    words = [word]
    if word.pos_ == "NOUN":
        words += [c for c in word.children if c.dep_ in {"amod", "compound", "poss"} and c.pos_ in {"ADJ", "PROPN"}]
        words += [g for c in word.children if c.dep_ == "prep" and c.lower_ in {"of", "in"} for g in c.children
                  if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    for candidate in words:
        if candidate is not word and ctx.parts.mention_at(candidate) is not None:
            continue
        side = named_side(candidate, ctx.page)
        if side is not None and side.country and side.country != TRANSNATIONAL:
            return (side,)
    return ()


def _locative_word(word: Token, words: ExtractWords) -> bool:
    """A place where the act happened ("talks with X in Seoul"), not a party to it: the object
    of "in/at/near ...", also inside that object's phrase ("on the margins of a summit in Seoul")."""
    current = word
    while current.dep_ in {"compound", "amod", "conj"} and current.head.i != current.i:
        current = current.head
    return current.dep_ == "pobj" and current.head.lower_ in words.locative_preps


def _reaches(token: Token, top: Token) -> bool:
    """Whether ``token`` hangs from ``top`` through objects, prepositions, modifiers and infinitives."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in {"relcl", "ccomp", "advcl", "acl", "conj", "parataxis", "appos"}:
            return False
        current = current.head
    return current.i == top.i


def located_state(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """A state named after "in/at/near" in the trigger's sentence ("in northern Mali")."""
    for word in token.sent:
        mention = ctx.parts.mention_at(word)
        if mention is not None and mention.kind == "state" and mention.country and word.dep_ == "pobj" \
                and word.head.lower_ in PLACE_PREPS:
            return (participant(mention),)
    return ()


def speaker_sides(sides: tuple[EventParticipant, ...], ctx: _Context) -> tuple[EventParticipant, ...]:
    """First-person pronouns inside a quote stand for its speaker ("'we will respond,' the minister
    said": the minister), and a group they own is of the speaker's country ("'our forces destroyed
    three bases,' a Sudanese colonel said")."""
    return tuple(_speaker_for(side, ctx) or side for side in sides)


def _speaker_for(side: EventParticipant, ctx: _Context) -> EventParticipant | None:
    first = side.text.split(maxsplit=1)[0].lower() if side.text.strip() else ""
    owned = not side.country and first != side.text.lower() and first in ctx.words.first_person
    if not owned and (ctx.words.pronouns.get(side.text.lower()) not in {"speaker", "plural"}
                      or side.text.lower() not in ctx.words.first_person):
        return None
    quote = quote_covering(side.start, side.end, ctx.quotes)
    if quote is None or quote.speaker is None:
        return None
    if owned:  # "our forces" in a quote: the speaker's side's forces
        return replace(side, country=quote.speaker.country) if quote.speaker.country else None
    return replace(quote.speaker, text=side.text, start=side.start, end=side.end)


def _kept_recipients(recipients: tuple[EventParticipant, ...], actors: tuple[EventParticipant, ...],
                     words: ExtractWords, *, media: bool = False) -> tuple[EventParticipant, ...]:
    """Recipients with a country that are not the actor itself, nor the press ("speaking to a news
    agency") unless ``media`` (a report's author answered by a denial, journalists arrested or attacked)."""
    entities = {a.local_entity for a in actors if a.local_entity}
    return tuple(r for r in recipients if r.country and (media or r.sector not in words.non_recipient_sectors)
                 and (r.local_entity is None or r.local_entity not in entities))


def own_side_only(recipients: tuple[EventParticipant, ...], actors: tuple[EventParticipant, ...]) -> bool:
    """A state denies or charges a person or body of its own country only: such a state answers
    someone else (an opposition party accusing its own government keeps its recipient)."""
    own = {code for a in actors for code in a.codes()}
    if not recipients or not own or any(a.kind != "state" for a in actors):
        return False
    return all(r.country in own and r.kind != "state" for r in recipients)


def claim_authors(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Who made the claim a denial or a charge answers: "rejected a Somali news report", "dismissed
    a report in Kenyan media", or the author of an earlier report of the page ("dismissed the report")."""
    claims = [c for c in _objects(token) if c.lemma_.lower() in ctx.words.claim_nouns]
    claims += [t for t in token.subtree if t.lemma_.lower() in ctx.words.claim_nouns and t not in claims
               and _within_clause(t, token)]
    for claim in claims:
        found = claim_sides(claim, ctx)
        if found:
            return found
    for claim in claims:
        for earlier in (t for t in token.doc if t.lemma_ == claim.lemma_ and t.i != claim.i):
            found = claim_sides(earlier, ctx)
            if found:
                return found
    return ()


def act_authors(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Whom a charge against an act named without its author ("denounced the incident as aggression",
    "called the attack a crime") falls on: the actor of the page's nearest earlier hostile event of the
    act's own type where the noun names one ("condemned the expulsion": the expelling side, not the
    author of a nearer strike), of any hostile type for a noun that names none ("the incident")."""
    acts = [o for o in _objects(token) if hostile_act(o, ctx)]
    if not acts:
        return ()
    types = frozenset(e.plover_type for o in acts for e in ctx.lexicon.match(o)
                      if e.plover_type in ctx.words.hostile_types)
    return nearest_hostile_actors(token, ctx, types=types or None)


def earlier_report_actors(noun: Token | None, entry: TriggerEntry, recipients: tuple[EventParticipant, ...],
                          ctx: _Context) -> tuple[EventParticipant, ...]:
    """An attack (ASSAULT) told again without its author, definite ("the air strikes that killed 24
    soldiers", after "US jets struck the post"; ``noun``: the attack noun, or the verb's subject with
    relative pronouns resolved): the actors of the page's nearest earlier factual event of the same
    type on the same side by another state (a domestic crime page repeats no one act this way)."""
    if noun is None or not any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an", "another"} for c in noun.children):
        return ()  # "the strikes", "these raids": told before; "a strike" is news of its own
    targets = {code for r in recipients for code in r.codes()}
    earlier = [(i, e) for i, e in ctx.found.items() if i < noun.i and e.factual and e.type == entry.plover_type
               and e.actors and targets & {code for r in e.recipients for code in r.codes()}
               and not targets & {code for a in e.actors for code in a.codes()}]
    return max(earlier, key=lambda pair: pair[0])[1].actors if earlier else ()


def document_author(noun: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Who speaks through a document named again ("Kenya's ministry issued a statement ... The
    statement urged Uganda to ..."; ``document_nouns``): the subject of the verb that governed the
    same noun a few sentences before."""
    if noun.lemma_.lower() not in ctx.words.document_nouns \
            or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children):
        return ()
    for earlier in reversed(noun.doc[sentence_start_back(noun, 2) : noun.i]):
        if earlier.lemma_.lower() != noun.lemma_.lower() or earlier.dep_ != "dobj":
            continue
        subject = next((c for c in earlier.head.children if c.dep_ == "nsubj"), None)
        return tuple(a for a in national_sides(subject, ctx) if a.country)
    return ()


def nearest_hostile_actors(token: Token, ctx: _Context, *, excluding: frozenset[str] = frozenset(),
                           types: frozenset[str] | None = None) -> tuple[EventParticipant, ...]:
    """The actors of the page's nearest factual hostile event before ``token`` (of one of ``types``
    where given) whose actors have none of the ``excluding`` codes (the requester's own side)."""
    wanted = ctx.words.hostile_types if types is None else types
    earlier = [(i, e) for i, e in ctx.found.items() if i < token.i and e.factual and e.type in wanted
               and not excluding & {code for a in e.actors for code in a.codes()}]
    return max(earlier, key=lambda pair: pair[0])[1].actors if earlier else ()


def halted_act_authors(token: Token, actors: tuple[EventParticipant, ...],
                       ctx: _Context) -> tuple[EventParticipant, ...]:
    """Of whom a demand to end an act is made ("demanded that X stop its raids", "called for an end
    to the US strikes", "urged a halt to the attacks"): the subject of the verb that is to stop, else
    the act noun's own actor, else the actor of the page's nearest earlier factual hostile event
    that is not the requester's own side."""
    acts = halted_acts(token, ctx)
    for act, stopper in acts:
        subject = next((c for c in stopper.children if c.dep_ == "nsubj"), None) if stopper is not None else None
        found = tuple(a for a in (national_sides(subject, ctx) or modifier_sides(act, ctx)) if a.country)
        if found:
            return found
    if not acts:
        return ()
    return nearest_hostile_actors(token, ctx, excluding=frozenset(code for a in actors for code in a.codes()))


def halted_acts(token: Token, ctx: _Context) -> list[tuple[Token, Token | None]]:
    """The hostile acts a request asks to end, each with the verb that is to stop it (``None`` for
    a cessation noun): "an end to the attacks", "that X stop its strikes"."""
    found: list[tuple[Token, Token | None]] = []
    for word in token.subtree:
        if word.pos_ not in {"NOUN", "PROPN"} or not hostile_act(word, ctx):
            continue
        if ceased(word, ctx.words) and _within_clause(word.head.head, token):
            found.append((word, None))
        elif word.dep_ == "dobj" and word.head.lemma_.lower() in ctx.words.cessation_verbs \
                and word.head.dep_ in {"ccomp", "xcomp"} and word.head.head.i == token.i:
            found.append((word, word.head))
    return found


def hostile_act(word: Token, ctx: _Context) -> bool:
    """Whether a noun names a hostile act ("strikes", "the raids", "the incident")."""
    return word.lemma_.lower() in ctx.words.act_anaphors or any(
        e.plover_type in ctx.words.hostile_types for e in ctx.lexicon.match(word))


def backed_claim(token: Token, roles: FrameRoles, words: ExtractWords) -> bool:
    """A participle on a claim noun with its agent ("an assertion backed up by X"): X supports the
    claim's author, never a bystander of the sentence."""
    claim = roles.recipient
    if claim is None or claim.lemma_.lower() not in words.claim_nouns:
        return False
    return (token.dep_ == "acl" and claim.i == token.head.i) or claim.head.i == token.i


def claim_speakers(claim: Token | None, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The author of a claim noun that stands for what a speech verb reports ("X said ..., an
    assertion ..."): the subject of the nearest speech verb above the noun, however the parser hangs
    the noun (on the verb, in apposition to the reported object, as the subject of the clause that
    backs it); empty where there is none."""
    if claim is None:
        return ()
    current = claim
    for _ in range(5):
        if current.head.i == current.i:
            return ()
        current = current.head
        if current.pos_ in {"VERB", "AUX"} and current.lemma_.lower() in ctx.words.speech_verbs:
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            return tuple(a for a in ctx.parts.sides(subject) if a.country)
    return ()


def _within_clause(token: Token, top: Token) -> bool:
    """Whether ``token`` hangs from ``top`` without crossing a clause or another verb."""
    current = token
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ in {"relcl", "ccomp", "advcl", "acl", "xcomp", "conj"}:
            return False
        current = current.head
    return current.i == top.i


_RELATIVE_PRONOUNS = frozenset({"which", "that", "whom"})


def _objects(token: Token) -> list[Token]:
    """A verb's object, also after "as" ("rejected as fake a report"); in a relative clause whose
    object is the relative pronoun or left out, the noun the clause describes ("an act Moscow denounced
    as ...", "the strike, which Kabul condemned")."""
    found = [token.head if c.lower_ in _RELATIVE_PRONOUNS and token.dep_ == "relcl" else c
             for c in token.children if c.dep_ in {"dobj", "nsubjpass", "oprd"}]
    if token.dep_ == "relcl" and not found and any(c.dep_ == "nsubj" for c in token.children):
        found.append(token.head)
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"):
        found += [g for g in prep.children if g.dep_ == "pobj"]
    return found


def claim_sides(claim: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The author a claim noun names: a modifier ("a Somali report"), "by/in/from X"."""
    found = modifier_sides(claim, ctx)
    if not found:
        source = next((g for c in claim.children if c.dep_ == "prep" and c.lower_ in {"by", "in", "from", "of"}
                       for g in c.children if g.dep_ == "pobj"), None)
        found = ctx.parts.sides(source) or (modifier_sides(source, ctx) if source is not None else ())
    return tuple(a for a in found if a.country)


def relative_antecedent(subject: Token | None, words: ExtractWords) -> Token | None:
    """The noun a relative pronoun stands for ("the strike that killed X": strike), else ``subject``."""
    if subject is None or subject.lower_ not in words.relative_pronouns:
        return subject
    verb = subject.head
    return verb.head if verb.dep_ == "relcl" and verb.head.i != verb.i else subject


def marked_subject(verb: Token, ctx: _Context) -> Token | None:
    """The event noun a parse hangs on the clause's conjunction instead of making it the subject
    ("since a Turkish strike in the hills bordering Syria killed 9 soldiers": "strike" under
    "since", "Syria" as subject): that noun is the verb's subject; else ``None``."""
    if verb.pos_ != "VERB":
        return None
    for mark in (c for c in verb.children if c.dep_ == "mark"):
        for noun in (g for g in mark.children if g.dep_ == "pobj" and g.i < verb.i):
            if noun.pos_ in {"NOUN", "PROPN"} and ctx.lexicon.match(noun):
                return noun
    return None


def composite_actors(subject: Token | None, ctx: _Context) -> tuple[EventParticipant, ...]:
    """Where a verb's subject is itself an event noun ("NATO strikes killed X", "a US raid that
    captured X"), the noun's actor is the event's actor: its possessor, "by X" or actor modifier."""
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or ctx.parts.mention_at(subject) is not None:
        return ()
    entries = ctx.lexicon.match(subject)
    if not entries:
        return ()
    roles = frame_roles(subject, entries[0])
    found = ctx.parts.sides(roles.actor) or modifier_sides(subject, ctx) or answerable_sides(subject, ctx)
    return tuple(a for a in found if a.country)


def answerable_sides(noun: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The actor a relative clause on an event noun makes answerable for it: "the raid, for which
    X has refused to apologise" / "for which X claimed responsibility" / "for which X was blamed": X."""
    for clause in (c for c in noun.children if c.dep_ == "relcl"):
        if not _relative_for(clause, ctx.words) or not _answerable(clause, ctx.words):
            continue
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        found = tuple(a for a in ctx.parts.sides(subject) if a.country)
        if found:
            return found
    return ()


def _relative_for(clause: Token, words: ExtractWords) -> bool:
    """Whether a relative clause hangs on "for which" / "for that" (the act it is answerable for)."""
    return any(t.lower_ in words.relative_pronouns and t.dep_ == "pobj" and t.head.lower_ == "for"
               for t in clause.subtree)


def _answerable(clause: Token, words: ExtractWords) -> bool:
    """Whether a clause's verb, its infinitive or object says apology, responsibility or blame."""
    near = [clause, *(c for c in clause.children if c.dep_ in {"xcomp", "dobj", "attr", "acomp"})]
    near += [g for c in near[1:] for g in c.children if g.dep_ in {"dobj", "xcomp"}]
    return any(t.lemma_.lower() in words.answerable_words or t.lower_ in words.answerable_words for t in near)


def absorbed(token: Token, ctx: _Context, plover_type: str) -> bool:
    """An event noun that is the subject of a verb of the same event ("air strikes killed X",
    "a strike that killed X"): the verb carries the event, with both sides."""
    if token.pos_ == "VERB":
        return False
    verbs = [token.head] if token.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [token.head.head] if token.dep_ == "pobj" and token.head.dep_ == "mark" else []
    verbs += [c for c in token.children if c.dep_ == "relcl"
              and any(g.dep_ == "nsubj" and g.lower_ in ctx.words.relative_pronouns for g in c.children)]
    if any(v.pos_ == "VERB" and any(e.plover_type == plover_type for e in ctx.lexicon.match(v)) for v in verbs):
        return True
    return selecting_verb(token, ctx, plover_type)


def selecting_verb(token: Token, ctx: _Context, plover_type: str) -> bool:
    """An event noun whose verb's sense of another type is chosen by it: "lodged a protest with X" is
    one diplomatic protest (the verb's "obj:protest" cue), not a protest march besides it. (A verb of
    the noun's own type carries it as a light verb: "imposed EU-wide sanctions".)"""
    if token.dep_ != "dobj" or token.head.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    senses = ctx.lexicon.match(token.head)
    return not any(e.plover_type == plover_type for e in senses) and any(
        cue.rel == "obj" and lemma in cue.words for e in senses for cue in e.cues)


def _event_noun_sides(head: Token | None, ctx: _Context) -> tuple[EventParticipant, ...]:
    """The actor of an event noun that is itself the recipient ("condemned the attack by X": X), else
    the noun's own recipient ("imposed sanctions on X": X)."""
    if head is None or head.pos_ == "VERB":
        return ()
    entries = ctx.lexicon.match(head)
    if not entries:
        return ()
    roles = frame_roles(head, entries[0])
    found = ctx.parts.sides(roles.actor) or modifier_sides(head, ctx) or ctx.parts.sides(roles.recipient)
    return tuple(a for a in found if a.country)


def place_recipients(token: Token, entry: TriggerEntry, ctx: _Context) -> tuple[EventParticipant, ...]:
    """For material events done somewhere (an attack, a raid): the state where it happened."""
    if entry.plover_type not in ctx.words.located_types:
        return ()
    where = event_location(token, ctx.page, ctx.parts, after_prep=True)
    if where is None or not where.country or where.start is None or where.end is None:
        return ()
    return (EventParticipant(text=where.text, name=where.text, actor_id=None, local_entity=None,
                             country=where.country, sector=None, start=where.start, end=where.end, kind="state"),)


def page_counterpart(actors: tuple[EventParticipant, ...], ctx: _Context, *,
                     hostile: bool = False) -> tuple[EventParticipant, ...]:
    """The page's most mentioned actor country other than the actor's own (:func:`own_side`): its
    first mention as a state ("Pakistan"), else its first mention (never a person picked by chance
    where a state is named)."""
    own = own_side(actors, hostile=hostile)
    if own not in ctx.counterparts:  # once per page and side, not once per event
        ctx.counterparts[own] = _page_counterpart(own, ctx)
    return ctx.counterparts[own]


def _page_counterpart(own: frozenset[str], ctx: _Context) -> tuple[EventParticipant, ...]:
    counts: dict[str, list[object]] = {}
    for mention in ctx.page.actors.mentions:
        if mention.country and mention.country not in own and mention.sector not in ctx.words.non_recipient_sectors:
            counts.setdefault(mention.country, []).append(mention)
    if not counts:
        return ()
    best = max(counts.values(), key=len)
    state = next((m for m in best if m.kind == "state"), best[0])  # type: ignore[attr-defined]
    return (participant(state),)  # type: ignore[arg-type]


def controller(token: Token, words: ExtractWords) -> Token | None:
    """The object that controls an infinitive ("prompted X to shut": X), also for its conjuncts
    ("prompted X to shut ... and evict": X), or a gerund after "of"/"for"/... (``object_control_preps``:
    "accused X of shelling", "condemned X for bombing"; the subject of a passive: "X was accused of
    bombing"), else ``None``. An instrument does not act: "X used jets to
    bomb Y" is X's bombing (``use_verbs``: the clause's subject, :func:`clause_subject`)."""
    if token.pos_ != "VERB" or any(c.dep_ == "nsubj" for c in token.children) or misattached_conjunct(token):
        return None
    prep = token.head
    if token.dep_ == "pcomp" and prep.dep_ == "prep" and prep.lower_ in words.object_control_preps:
        # "accused X of shelling", "blamed X for attacking", "X was accused of bombing": X does it
        verb = prep.head
        return next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None) if verb.pos_ == "VERB" else None
    if token.dep_ == "conj" and token.head.dep_ == "xcomp":
        token = token.head  # "prompted X to shut the border and evict Y": X evicts
    if token.dep_ != "xcomp" or token.head.lemma_.lower() in words.use_verbs:
        return None
    return next((c for c in token.head.children if c.dep_ in {"dobj", "dative"}), None)


def clause_subject(token: Token) -> Token | None:
    """The subject a verb without one shares with the clause above it: an infinitive ("X is due to
    meet Y": X), a conjunct, a gerund after a preposition or a participle ("X spoke after meeting
    Y", "X said, speaking with Y": X). A finite verb the parser hung on an infinitive ("X closed the
    routes used to transport supplies and forced Y to leave") shares the subject of the finite clause
    above the infinitive."""
    if misattached_conjunct(token):
        return finite_subject_above(token.head)
    current = token
    for _ in range(3):
        if current.dep_ not in {"xcomp", "acomp", "conj", "pcomp", "prep", "advcl"} or current.head.i == current.i:
            return None
        if current.dep_ == "advcl" and any(c.dep_ == "mark" for c in current.children):
            return None
        current = current.head
        subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.dep_ == "nsubjpass" and token.dep_ == "conj" and is_passive(token):
            return None  # "the envoy was summoned and asked to explain": the envoy was asked
        if subject is not None:
            return subject
    return None


def finite_subject_above(token: Token, *, steps: int = 6) -> Token | None:
    """The subject of the nearest verb above ``token`` that has one (through participles and the
    nouns they modify: "routes used to transport" reaches the verb of "routes")."""
    current = token
    for _ in range(steps):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            subject = next((c for c in current.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None:
                return subject
    return None


def participant_subject(token: Token, entry: TriggerEntry, words: ExtractWords) -> Token | None:
    """The subject of the clause that took part in a meeting noun: "X spoke during a meeting with Y": X.
    A passive subject undergoes the clause ("civilians were injured in the firing"): no participant."""
    if not entry.reciprocal or token.dep_ != "pobj" or token.head.lower_ not in words.participation_preps:
        return None
    verb = token.head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def implied_recipients(token: Token, actors: tuple[EventParticipant, ...], ctx: _Context, *,
                       hostile: bool = False) -> tuple[EventParticipant, ...]:
    """Where the frame names no recipient: the nearest actor of another country (:func:`own_side`)
    in the sentence."""
    own = own_side(actors, hostile=hostile)
    entities = {a.local_entity for a in actors}
    best: dict[str, tuple[int, EventParticipant]] = {}
    for mention, distance in ctx.parts.sentence_mentions_near(token, places=PLACE_PREPS, same_clause=True):
        if not mention.country or mention.country in own or mention.local_entity in entities:
            continue
        if mention.sector in ctx.words.non_recipient_sectors:
            continue
        if mention.country not in best or distance < best[mention.country][0]:
            best[mention.country] = (distance, participant(mention))
    ranked = sorted(best.values(), key=lambda pair: pair[0])
    return tuple(side for _, side in ranked[:1])


def modifier_sides(token: Token, ctx: _Context) -> tuple[EventParticipant, ...]:
    """An event noun's actor named by a modifier: "NATO strikes", "a US raid", "Israel's offensive"."""
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss"}:
            side = ctx.parts.side(child) or named_side(child, ctx.page)
            if side is not None:
                return (side,)
    return ()


def named_side(token: Token, page: ReadPage) -> EventParticipant | None:
    """A state or organisation that a modifier word names without an actor mention of its own
    ("US" in "US drone strikes", "Saudi-led" in "Saudi-led strikes"), from the knowledge base."""
    span = token.doc[token.left_edge.i : token.i + 1] if token.i - token.left_edge.i < 3 else token.doc[token.i : token.i + 1]
    kb = load_kb()
    org = kb.organisation_match(span.text)
    country = kb.country_of(span.text)
    code = org.org.country if org is not None and org.org.international else (country.code if country else None)
    if not code:
        return None
    start, end = page.stored(span.start_char, span.end_char)
    kind = "organisation" if org is not None else "state"
    return EventParticipant(text=span.text, name=span.text, actor_id=None, local_entity=None, country=code,
                            sector=None, start=start, end=end, kind=kind)


def _event(token: Token, entries: tuple[TriggerEntry, ...], ctx: _Context, options: ExtractOptions) -> Event | None:
    sent = token.sent
    prior = ctx.prior(sent)
    entry = choose_entry(entries, prior)
    if not _reportable(token, entry, ctx) or pledged_harm(token, entry, ctx):
        return None
    actors, recipients = _sides(token, entry, ctx)
    if options.require_actor and not actors:
        return None
    if entry.reciprocal and (press_only(actors, ctx.words) or press_only(recipients, ctx.words)):
        return None  # "an official, speaking to AFP, confirmed ...": a press contact, not talks
    halted = promised_halt(token, entry, actors, ctx)
    if halted is not None:
        entry = replace(entry, plover_type=ctx.words.concession_type, mode=None, cameo="08", reciprocal=False)
        targets = [g for c in (*halted.children, *halted.head.children) if c.dep_ == "prep"
                   and c.lower_ in {"on", "against"} for g in c.children if g.dep_ == "pobj"]
        recipients = _by("halted_target", _kept_recipients(
            tuple(s for t in targets for s in national_sides(t, ctx)), actors, ctx.words)) or recipients
    if official_protest(entry, actors, ctx.words):
        rule = ctx.words.official_protest
        entry = replace(entry, plover_type=str(rule["type"]), mode=str(rule["mode"]), cameo=str(rule["cameo"]))
        actors, recipients = _sides(token, entry, ctx)  # a complaint's target, not the protest's home
    mod = modality(token, words=ctx.words, lexicon=ctx.lexicon)
    if promised_concession(token, entry, mod, ctx):
        entry = replace(entry, plover_type=ctx.words.concession_type, mode=None, cameo=None)
        mod = replace(mod, hypothetical=False, cues=(*mod.cues, "promised_concession"))
    elif declared_refusal(token, entry, mod, ctx):
        entry = replace(entry, plover_type=ctx.words.refusal_type, mode=ctx.words.refused_types[entry.plover_type],
                        cameo=None, reciprocal=False)
        mod = replace(mod, negated=False, hypothetical=False, cues=(*mod.cues, "declared_refusal"))
    elif threatened_act(token, entry, mod, ctx):
        mode, cameo = ctx.words.threatened_types[entry.plover_type]
        entry = replace(entry, plover_type="THREATEN", mode=mode, cameo=cameo, reciprocal=False)
        mod = replace(mod, hypothetical=False, cues=(*mod.cues, "threatened_act"))
    elif announced_intent(token, entry, mod, ctx):
        entry = replace(entry, plover_type=ctx.words.intent_type, mode=None,
                        cameo=ctx.words.announced_types[entry.plover_type])
        mod = replace(mod, hypothetical=False, cues=(*mod.cues, "announced_intent"))
    entry = instrument_mode(entry, actors, ctx.words)
    page = ctx.page
    s_start, s_end = page.stored(*evidence_bounds(token))
    t_start, t_end = page.stored(token.idx, token.idx + len(token.text))
    doc_text = page.document.text
    when = event_date(token, page.times)
    fields = cameo_fields(entry.plover_type, entry.mode, entry.cameo)
    return Event(
        event_id=event_id(page.document.doc_id, entry.plover_type, t_start, t_end),
        doc_id=page.document.doc_id, type=entry.plover_type, mode=entry.mode,
        actors=actors, recipients=recipients,
        evidence=Evidence(text=doc_text[s_start:s_end], start=s_start, end=s_end),
        trigger=Evidence(text=doc_text[t_start:t_end], start=t_start, end=t_end),
        cues=mod.cues, date=when.value if when else None,
        date_precision=when.precision if when else None,
        date_text=date_evidence(when, page) if when else None,
        location=event_location(token, page, ctx.parts),
        negated=mod.negated, hypothetical=mod.hypothetical,
        confidence=confidence(entry, recipients=bool(recipients) or entry.plover_type in ctx.words.one_sided_types,
                              prior=prior),
        quote=_quote(token, mod, ctx, (t_start, t_end)),
        cameo=fields.cameo, quad_class=fields.quad_class, goldstein=fields.goldstein,
        symmetric=entry.reciprocal, role=page.article.role_at(token.idx),
        alternatives=tuple(dict.fromkeys(e.plover_type for e in entries if e is not entry)),
    )


def promised_concession(token: Token, entry: TriggerEntry, mod: Modality, ctx: _Context) -> bool:
    """A de-escalation (``promised_types``: easing, withdrawal, release) that a side commits to and has
    not yet carried out ("promised to ease restrictions", "agreed to lift the curfew", "will withdraw
    its complaint", reported: "said it would withdraw its troops"): PLOVER codes the promise itself
    as a verbal concession (CONCEDE), made now; so is one a body agreed or decided on. Only commitments,
    decisions and the plain future count ("would" only in reported speech); a negation, a condition, a
    request or a claim keeps the act hypothetical."""
    if entry.plover_type not in ctx.words.promised_types or mod.negated or not mod.cues:
        return False
    commitments = {e.lemma for e in ctx.lexicon.entries if e.modality == "commitment"}
    for cue in mod.cues:
        kind, _, word = cue.partition(":")
        if kind == "decided":
            continue  # "agreed to lift the curfew", "decided to withdraw": a promise, not yet carried out
        if kind != "hypothetical":
            return False
        if word not in commitments and word not in ctx.words.promise_futures \
                and not (word == "would" and mod.source is not None):
            return False
    return not conditioned(token, ctx.words)


def pledged_harm(token: Token, entry: TriggerEntry, ctx: _Context) -> bool:
    """A commitment ("pledged", "vowed") to a harmful act: the act is coded as the threat
    (:func:`threatened_act`), the commitment is no agreement of its own."""
    if entry.modality != "commitment" or entry.plover_type != "AGREE":
        return False
    acts = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    return any(e.plover_type in ctx.words.threatened_types for c in acts for e in ctx.lexicon.match(c))


def threatened_act(token: Token, entry: TriggerEntry, mod: Modality, ctx: _Context) -> bool:
    """A harmful act (``threatened_types``) that its side vows, pledges or threatens ("vowed to launch
    an offensive against X", "threatened to expel X's diplomats") or announces under a condition
    ("said it would impose sanctions on X if ..."): PLOVER codes the threat (THREATEN), made now.
    A negation, a request, a claim or a plain prediction keeps the act hypothetical."""
    if entry.plover_type not in ctx.words.threatened_types or mod.negated or not mod.hypothetical:
        return False
    words = [cue.partition(":") for cue in mod.cues]
    if any(kind != "hypothetical" for kind, _, _ in words):
        return False
    heads = {word for _, _, word in words}
    if heads <= ctx.words.threat_heads:
        return True
    return heads <= ctx.words.refusal_futures and mod.source is not None and conditioned(token, ctx.words)


def promised_halt(token: Token, entry: TriggerEntry, actors: tuple[EventParticipant, ...],
                  ctx: _Context) -> Token | None:
    """A commitment to stop one's own hostile acts or protests ("the rebels agreed to stop fighting",
    "the opposition agreed to halt the protests", "agreed to end rocket fire on X"): PLOVER's verbal
    concession, aimed at the side the acts were aimed at. A state or an office vowing to end protests
    ends other people's (a threat, not a concession). Returns the act's word, else ``None``."""
    if entry.plover_type != "AGREE" or entry.modality != "commitment":
        return None
    official = any(a.kind == "state" or a.sector in ctx.words.official_protest["sectors"] for a in actors)  # type: ignore[operator]
    wanted = ctx.words.hostile_types | (frozenset() if official else frozenset({"PROTEST"}))
    for verb in (c for c in token.children if c.dep_ == "xcomp" and c.lemma_.lower() in ctx.words.cessation_verbs):
        acts = [g for g in verb.children if g.dep_ in {"dobj", "xcomp"}]
        for act in acts:
            if any(e.plover_type in wanted
                   for word in (act, *(g for g in act.children if g.dep_ == "compound")) for e in ctx.lexicon.match(word)):
                return act
    return None


def official_protest(entry: TriggerEntry, actors: tuple[EventParticipant, ...], words: ExtractWords) -> bool:
    """A protest whose every side is a state or an office ("Pakistan is protesting over the attacks",
    "conveyed the ministry's strong protest"): PLOVER's official complaint (ACCUSE, CAMEO 114), not a
    demonstration, which civilians hold."""
    rule = words.official_protest
    if entry.plover_type != "PROTEST" or entry.lemma not in rule["lemmas"] or not actors:  # type: ignore[operator]
        return False
    return all(a.kind == "state" or a.sector in rule["sectors"] for a in actors)  # type: ignore[operator]


def announced_intent(token: Token, entry: TriggerEntry, mod: Modality, ctx: _Context) -> bool:
    """A meeting, aid or cooperation (``announced_types``) that a report says will take place ("X
    will visit Y this month", "is due to meet", "will hold joint exercises"; "would" only in reported
    speech: "said X would visit"): PLOVER codes the announcement, an expressed intent (AGREE, CAMEO
    036 to meet, 033 to give aid, 031 to cooperate), made now. Only the plain future and a schedule count; a condition, a question, a negation, a
    hope or a claim keeps the meeting hypothetical."""
    if entry.plover_type not in ctx.words.announced_types or mod.negated or not mod.cues:
        return False
    for cue in mod.cues:
        kind, _, word = cue.partition(":")
        if kind == "decided":
            continue  # "the cabinet decided that X would hold talks with Y": a decided meeting, still to come
        if kind != "hypothetical":
            return False
        if word not in ctx.words.announce_futures and not (word == "would" and mod.source is not None):
            return False
    return not conditioned(token, ctx.words)


def conditioned(token: Token, words: ExtractWords) -> bool:
    """A condition clause on the trigger or the verbs above it ("if talks go well, X will visit")."""
    current = token
    for _ in range(4):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in words.conditional_marks for m in c.children)
               for c in current.children):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def declared_refusal(token: Token, entry: TriggerEntry, mod: Modality, ctx: _Context) -> bool:
    """A cooperative act (``refused_types``) that its side says it will not do ("will not attend the
    talks", "said it would not sign the deal"), decides not to do ("decided not to meet") or calls off
    ("Serbia called off the talks"): PLOVER codes the refusal (REJECT), made now. A plain past
    negation ("did not meet") reports no refusal, and a condition, a question or a claim keeps the act
    hypothetical."""
    if entry.plover_type not in ctx.words.refused_types or not mod.negated:
        return False
    futures = False
    for cue in mod.cues:
        kind, _, word = cue.partition(":")
        if kind in {"hypothetical", "decided"} and word in ctx.words.refusal_futures:
            futures = True
        elif kind not in {"negated", "decided"}:
            return False
    decided = token.dep_ == "xcomp" and token.head.lemma_.lower() in ctx.words.decision_heads
    called_off = token.dep_ == "dobj" and any(c.startswith("negated:prevented:") for c in mod.cues) \
        and any(c.dep_ == "nsubj" for c in token.head.children)
    return futures or decided or called_off


def press_only(side: tuple[EventParticipant, ...], words: ExtractWords) -> bool:
    """A side made only of the press (``non_recipient_sectors``: a news agency, reporters)."""
    return bool(side) and all(p.sector in words.non_recipient_sectors for p in side)


def _reportable(token: Token, entry: TriggerEntry, ctx: _Context) -> bool:
    """Whether a trigger reports an event of its own: not a noun carried by a verb of the same
    event, not an abstract relation noun outside a light verb, not a refusal to comment."""
    if absorbed(token, ctx, entry.plover_type) or performed_by_head(token, ctx) or performed_noun(token, ctx):
        return False
    if entry.plover_type == "AGREE" and decision_of(token, ctx):
        return False
    if token.pos_ != "VERB" and token.lemma_.lower() in ctx.words.abstract_nouns and not carried(token, ctx.words):
        return False
    if ceased(token, ctx.words) or generic_subject(token) or predicative(token):
        return False
    return not (entry.modality == "refusal" and no_comment(token, ctx.words))


def predicative(token: Token) -> bool:
    """A participle a copula predicates as a quality ("It's striking that ...", "the results are
    alarming"): an adjective, not an act."""
    if token.tag_ != "VBG" or any(c.dep_ in ("dobj", "prep") for c in token.children):
        return False
    if token.dep_ == "acomp":
        return True
    expletive = any(c.dep_ == "nsubj" and c.lower_ == "it" for c in token.children)  # "it is striking that ..."
    return expletive and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                             for c in token.children)


def generic_subject(token: Token) -> bool:
    """A bare plural event noun that a copula describes ("Drone strikes are unpopular", "Raids by
    militias remain common"): a statement about a kind of act, not a report of one."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS" or token.dep_ != "nsubj":
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in token.children):
        return False
    head = token.head
    return head.lemma_ in ("be", "remain", "seem") and any(c.dep_ in ("acomp", "attr") for c in head.children)


def ceased(token: Token, words: ExtractWords) -> bool:
    """An event noun named as what is to stop ("an end to drone strikes", "a halt to the raids"):
    a demand about the act, not a report of one."""
    if token.pos_ == "VERB":
        return False
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in {"to", "on", "of"} and prep.head.lemma_.lower() in words.cessation_nouns


def performed_by_head(token: Token, ctx: _Context) -> bool:
    """A performative purpose of an act that is an event itself ("summoned the envoy to protest":
    the summoning is the event; "cancelled the trip to protest": the protest is). A clause with a
    subject of its own ("an act Moscow denounced as ...") is no purpose: its verb is an act of its own."""
    if token.lemma_.lower() not in ctx.words.performative_purposes or token.dep_ not in {"advcl", "relcl", "acl", "xcomp"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children):
        return False
    head = token.head.head if token.dep_ in {"relcl", "acl"} else token.head
    return head.pos_ == "VERB" and bool(ctx.lexicon.match(head))


def performed_noun(token: Token, ctx: _Context) -> bool:
    """An event noun that a performative purpose carries ("summoned the envoy to register its
    protest", "... to convey its concern"): the act it is the purpose of is the event."""
    if token.pos_ == "VERB" or token.dep_ != "dobj":
        return False
    return performed_by_head(token.head, ctx)


def decision_of(token: Token, ctx: _Context) -> bool:
    """A decision among one side's own members to do an event ("ministers agreed to impose
    sanctions"): the decided act is the event, not an agreement."""
    if token.pos_ != "VERB" or any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in token.children):
        return False
    if token.lemma_.lower() not in ctx.words.decision_heads:
        return False  # "offered to mediate", "pledged to withdraw": an intent, PLOVER's AGREE
    acts = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
    return any(not e.reciprocal and e.plover_type != "AGREE" for c in acts for e in ctx.lexicon.match(c))


def carried(token: Token, words: ExtractWords) -> bool:
    """An event noun that a light verb carries: "launched cooperation", "held a dialogue"."""
    return token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in words.light_verbs


def no_comment(token: Token, words: ExtractWords) -> bool:
    """A refusal to comment or to give details ("declined to comment", "refused to give any
    information"): not a political rejection."""
    for comp in (c for c in token.children if c.dep_ in {"xcomp", "dobj"}):
        if comp.lemma_.lower() in words.comment_objects:
            return True
        if comp.pos_ == "VERB" and comp.lemma_.lower() in words.comment_verbs:
            objects = [g for g in comp.children if g.dep_ in {"dobj", "dative"}]
            if not objects or any(g.lemma_.lower() in words.comment_objects for g in objects):
                return True
    return False


def evidence_bounds(token: Token) -> tuple[int, int]:
    """Article offsets of the trigger's sentence, clipped to the page segment that holds the trigger."""
    sent = token.sent
    start, end = sent.start_char, sent.end_char
    text = token.doc.text
    before = text.rfind("\n", start, token.idx)
    after = text.find("\n", token.idx, end)
    start = before + 1 if before >= 0 else start
    end = after if after >= 0 else end
    return start, len(text[:end].rstrip()) if end > start else end


def confidence(entry: TriggerEntry, *, recipients: bool, prior: dict[str, float]) -> float:
    """0..1 from the sense's specificity, a recipient found, and the classifier's agreement."""
    score = 0.45 + 0.08 * min(entry.specificity, 2) + (0.2 if recipients else 0.0)
    if prior:
        top = max(prior, key=prior.__getitem__)
        score += 0.15 if top == entry.plover_type else 0.1 * prior.get(entry.plover_type, 0.0)
    return round(min(max(score, 0.05), 0.99), 3)


def _quote(token: Token, mod: Modality, ctx: _Context, span: tuple[int, int]) -> Quote | None:
    covering = quote_covering(span[0], span[1], ctx.quotes)
    if covering is not None:
        return covering
    if mod.source is not None:
        return reported_quote(mod.source, ctx.parts, doc_id=ctx.page.document.doc_id)
    return None


# -- across pages ----------------------------------------------------------------------------


def with_canonical_actors(events: list[Event], canonical: CanonicalActors) -> list[Event]:
    """Events with each side's canonical actor id filled in."""
    filled = []
    for event in events:
        ids = {}
        for side in (*event.actors, *event.recipients):
            actor = canonical.actor_of(event.doc_id, side.local_entity or "")
            if actor is not None and side.local_entity:
                ids[side.local_entity] = actor.actor_id
        filled.append(event.with_actor_ids(ids))
    return filled
