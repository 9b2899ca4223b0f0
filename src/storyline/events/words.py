"""The word lists the event extractor reads (``data/events/extract_words.json``), loaded once."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

WORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "events" / "extract_words.json"
_SETS = ("speech_verbs", "source_preps", "negators", "negating_verbs", "modal_aux", "irrealis_heads", "raising_heads", "absence_preps", "receipt_verbs",
         "irrealis_mods", "conditional_marks", "article_roles", "cut_deps",
         "non_recipient_sectors", "located_types", "light_verbs", "participation_preps", "abstract_nouns",
         "comment_verbs", "comment_objects", "locative_preps", "relative_pronouns", "performative_purposes",
         "domestic_cameo", "domestic_fallback_cameo", "decision_heads", "use_verbs", "habitual_adverbs", "temporal_marks", "negative_subjects", "claim_nouns", "claim_types",
         "first_person", "doubt_verbs", "domestic_threat_sectors", "cessation_nouns", "cessation_verbs",
         "answerable_words",
         "sequence_marks", "anterior_adverbs", "act_anaphors", "hostile_types", "partitive_nouns", "origin_types", "origin_preps",
         "promised_types", "promise_futures", "one_sided_types", "refusal_futures", "announce_futures", "institution_heads", "threat_heads", "armed_group_sectors",
         "object_control_preps", "allegation_verbs", "homeland_sectors", "circumstance_preps", "prevention_verbs",
         "pair_nouns", "document_nouns")


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractWords:
    """Lemma sets for speech, negation, modality and pronouns, and the article roles events come from.

    ``light_verbs`` carry an event noun ("held talks", "launched an attack"): their subject is the
    noun's actor; ``participation_preps`` link a clause's subject to an event noun it took part in
    ("spoke during a meeting with X"); ``abstract_nouns`` name relations rather than acts and count
    only under a light verb; ``performative_purposes`` are done by the act they are the purpose of
    ("cancelled the visit to protest"); ``domestic_cameo`` codes (coups, arrests, curfews, bans, convictions) fall on the actor's own state when no
    target is named (a coup, a curfew); ``domestic_fallback_cameo`` codes (demonstrations, strikes, hunger strikes) with no other side named in
    their sentence fall on the actor's own state, never on the page's most mentioned foreign one; ``decision_heads`` report a decided act ("agreed to impose"); ``use_verbs`` ("use") without an
    object make their infinitive a habit or a purpose, not an act ("drones used to target militants",
    "used to attack"); with one, the object is an instrument and the subject acts ("X used jets to bomb Y");
    ``habitual_adverbs`` make an act a habit ("has traditionally expressed solidarity"); ``temporal_marks``
    open a clause in the present that shares its main clause's future ("measures would follow when
    leaders meet"); ``claim_nouns`` name what a
    ``claim_types`` event answers (a report, a claim): its author is the recipient; ``first_person`` pronouns in a quote are its speaker;
    ``doubt_verbs`` report a claim, not a fact ("a channel claimed that X attacked Y"); ``comment_verbs``/``comment_objects`` make a refusal a mere "no comment".
    ``domestic_threat_sectors`` (non-state groups) threaten their own state when no target is named;
    ``cessation_nouns`` ask for an end to an act, not report one ("an end to drone strikes");
    ``cessation_verbs`` under a request name the act to stop ("demanded that X stop its raids"):
    the act's author is the request's recipient;
    ``answerable_words`` make the subject of a relative clause on an act answerable for it ("the raid,
    for which X refused to apologise / claimed responsibility": X did it); ``sequence_marks`` open a
    clause that happened before or after its main clause ("met a day after X held talks"): two events;
    ``anterior_adverbs`` mark an act that happened before the page's news ("had previously met"): never
    one with another event of the page.
    ``act_anaphors`` name an earlier act without its author ("the incident"); a charge against one
    falls on the actor of the page's nearest earlier event of the ``hostile_types``.
    ``partitive_nouns`` stand before what a verb really acts on ("fired a number of rockets", "stopped
    the passage of supplies"): the "of" object counts as the object too. An event of the
    ``origin_types`` with no attacker named comes from the state of its "from" place (``origin_preps``):
    "rockets were fired from X into Y".
    A de-escalation of the ``promised_types`` that a side only commits to (a commitment verb, or the
    plain future of ``promise_futures``) is PLOVER's verbal concession, ``concession_type``.
    A cooperative act of the ``refused_types`` that a side declares it will not do ("will not attend
    the talks", "said it would not sign") or decides not to do ("decided not to meet", a
    ``decision_heads`` verb) is PLOVER's refusal, ``refusal_type``, made now, in the mode given.
    A meeting, aid or cooperation (``announced_types``) that a report says will take place (the plain
    future or a schedule of ``announce_futures``: "will visit", "is due to meet"; "would" only in
    reported speech) is PLOVER's expressed intent, ``intent_type`` with the CAMEO code given ("036":
    intent to meet, "033": to give aid, "031": to cooperate), made now; a condition, a question, a
    negation or a claim keeps it hypothetical.
    ``one_sided_types`` often have no other side (a deployment, a withdrawal, a protest): finding
    none does not lower their confidence.
    A gerund after one of the ``object_control_preps`` on a verb with an object is that object's act
    ("accused X of shelling", "condemned X for bombing"); after an ``allegation_verbs`` verb it is
    alleged, not reported as done. Groups of the ``homeland_sectors`` acted on with no country are of
    the country of the act's place, else of the acting state, and so are attackers of those groups.
    An event noun in a ``circumstance_preps`` phrase of a request, a promise or a threat ("following
    the strike, X asked Y to leave") is its circumstance, not what is asked or promised: it keeps its
    own modality. An event noun that a ``prevention_verbs`` verb takes as its object ("banned all
    rallies", "cancelled the talks") did not happen.
    """

    speech_verbs: frozenset[str]
    source_preps: frozenset[str]
    negators: frozenset[str]
    negating_verbs: frozenset[str]
    modal_aux: frozenset[str]
    irrealis_heads: frozenset[str]
    raising_heads: frozenset[str]
    absence_preps: frozenset[str]
    receipt_verbs: frozenset[str]
    """Verbs whose object noun's actor comes "from" someone and falls on their subject ("X received an
    apology from Y", "the raid drew condemnation from Y")."""
    """An event noun these take did not happen ("expelled them without consultation")."""
    """Irrealis heads that make only an infinitive unreal ("is set to meet", "is due to visit"), never
    their object noun ("set a deadline", "set fire to")."""
    irrealis_mods: frozenset[str]
    conditional_marks: frozenset[str]
    article_roles: frozenset[str]
    cut_deps: frozenset[str]
    non_recipient_sectors: frozenset[str]
    located_types: frozenset[str]
    light_verbs: frozenset[str]
    participation_preps: frozenset[str]
    abstract_nouns: frozenset[str]
    comment_verbs: frozenset[str]
    comment_objects: frozenset[str]
    locative_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    performative_purposes: frozenset[str]
    domestic_cameo: frozenset[str]
    domestic_fallback_cameo: frozenset[str]
    decision_heads: frozenset[str]
    use_verbs: frozenset[str]
    habitual_adverbs: frozenset[str]
    temporal_marks: frozenset[str]
    negative_subjects: frozenset[str]
    claim_nouns: frozenset[str]
    claim_types: frozenset[str]
    first_person: frozenset[str]
    doubt_verbs: frozenset[str]
    domestic_threat_sectors: frozenset[str]
    cessation_nouns: frozenset[str]
    cessation_verbs: frozenset[str]
    answerable_words: frozenset[str]
    sequence_marks: frozenset[str]
    anterior_adverbs: frozenset[str]
    act_anaphors: frozenset[str]
    hostile_types: frozenset[str]
    partitive_nouns: frozenset[str]
    origin_types: frozenset[str]
    origin_preps: frozenset[str]
    promised_types: frozenset[str]
    promise_futures: frozenset[str]
    concession_type: str
    refusal_futures: frozenset[str]
    refused_types: dict[str, str]
    refusal_type: str
    announced_types: dict[str, str]
    threatened_types: dict[str, tuple[str, str]]
    threat_heads: frozenset[str]
    armed_group_sectors: frozenset[str]
    """Armed groups (rebels, insurgents, gunmen) that strike in the page's own country when their
    sentence names no place."""
    """A harmful act (``threatened_types``: type → PLOVER mode and CAMEO code of the threat) that a
    side vows, pledges or threatens (``threat_heads``, "vowed to launch an offensive") or announces
    under a condition ("said it would impose sanctions if ...") is PLOVER's threat, made now."""
    official_protest: dict[str, object]
    """A demonstration sense (``lemmas``: "protest") whose every actor is a state or an office of the
    ``sectors`` is an official complaint: ``type``, ``mode``, ``cameo`` (ACCUSE, CAMEO 114)."""
    announce_futures: frozenset[str]
    institution_heads: frozenset[str]
    """Singular bodies a role mention may name ("Nigeria's military", "the Kenyan government"): "it"
    refers to them (the pronoun kind ``institution``)."""
    intent_type: str
    one_sided_types: frozenset[str]
    object_control_preps: frozenset[str]
    allegation_verbs: frozenset[str]
    homeland_sectors: frozenset[str]
    circumstance_preps: frozenset[str]
    prevention_verbs: frozenset[str]
    pair_nouns: frozenset[str]
    """Plural nouns that, with "two" or "both", refer back to the two states just named ("the two
    countries", "both sides", "the two neighbours")."""
    document_nouns: frozenset[str]
    """What a side speaks through (a statement, a letter): named again, its author is the subject of the
    verb that issued it a few sentences before."""
    pronouns: dict[str, str]
    pronoun_kinds: dict[str, tuple[str, ...]]
    role_rank: dict[str, int]
    instrument_modes: dict[str, tuple[str, str]] = field(default_factory=dict)
    """An attack whose actor is named by the weapon that carried it out ("helicopters fired on the
    posts", "drones struck a convoy"): the actor's head noun → PLOVER mode and CAMEO code."""


_CODE_SETS = frozenset({"homeland_sectors", "armed_group_sectors", "one_sided_types", "promised_types", "located_types", "claim_types", "domestic_threat_sectors", "hostile_types", "origin_types",
                        "non_recipient_sectors"})
"""Lists of codes (PLOVER types, sector codes), kept as written; every other list is of words, lower-cased."""


def parse_words(data: dict[str, object]) -> ExtractWords:
    """The JSON object as :class:`ExtractWords`; ``ValueError`` when a list is missing or malformed."""
    try:
        sets = {name: frozenset(str(w) if name in _CODE_SETS else str(w).lower() for w in data[name])  # type: ignore[attr-defined]
                for name in _SETS}
        pronouns = {str(k): str(v) for k, v in data["pronouns"].items()}  # type: ignore[attr-defined]
        kinds = {str(k): tuple(v) for k, v in data["pronoun_kinds"].items()}  # type: ignore[attr-defined]
        ranks = {str(k): int(v) for k, v in data["role_rank"].items()}  # type: ignore[attr-defined]
        concession = str(data["concession_type"])  # type: ignore[index]
        refused = {str(k): str(v) for k, v in data["refused_types"].items()}  # type: ignore[attr-defined]
        refusal = str(data["refusal_type"])  # type: ignore[index]
        announced = {str(k): str(v) for k, v in data["announced_types"].items()}  # type: ignore[attr-defined]
        intent = str(data["intent_type"])  # type: ignore[index]
        threatened = {str(k): (str(v[0]), str(v[1])) for k, v in data["threatened_types"].items()}  # type: ignore[attr-defined]
        instruments = {str(k).lower(): (str(v[0]), str(v[1])) for k, v in data["instrument_modes"].items()}  # type: ignore[attr-defined]
        official = dict(data["official_protest"])  # type: ignore[call-overload]
        official = {"lemmas": frozenset(map(str, official["lemmas"])), "sectors": frozenset(map(str, official["sectors"])),
                    "type": str(official["type"]), "mode": str(official["mode"]), "cameo": str(official["cameo"])}
    except (KeyError, TypeError, AttributeError, ValueError) as e:
        raise ValueError(f"bad extractor word lists: {e}") from e
    unknown = set(pronouns.values()) - set(kinds)
    if unknown:
        raise ValueError(f"pronoun classes without kinds: {sorted(unknown)}")
    return ExtractWords(**sets, pronouns=pronouns, pronoun_kinds=kinds, role_rank=ranks, concession_type=concession,
                        refused_types=refused, refusal_type=refusal, announced_types=announced, intent_type=intent, official_protest=official,
                        threatened_types=threatened, instrument_modes=instruments)


@cache
def load_words() -> ExtractWords:
    """The word lists shipped with the package (read once per process)."""
    try:
        data = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read {WORDS_PATH}: {e}") from e
    return parse_words(data)
