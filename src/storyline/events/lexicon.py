"""The PLOVER trigger lexicon: which words (with which particles and cues) signal which event type.

The lexicon is data (``data/events/triggers.tsv``), read once. Each row is one sense of a trigger
word: a verb or an event noun, the particles or prepositions it needs ("rule out", "crack down
on"), the PLOVER type and mode it signals, a CAMEO code, the syntactic frame that says where the
actor and the recipient sit, and cues that choose between senses of one word ("strike" is ASSAULT
under "drone", PROTEST under "on" or with "workers" as subject).

Matching a spaCy token looks the entries up by lemma and keeps the most specific senses whose
particles and cues all hold: ``load_lexicon().match(token)``.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from storyline.events.words import load_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

TRIGGERS_PATH = Path(__file__).resolve().parents[1] / "data" / "events" / "triggers.tsv"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
Frame = Literal["subj_obj", "subj_prep", "subj", "obj_subj", "nominal"]
FRAMES: frozenset[str] = frozenset({"subj_obj", "subj_prep", "subj", "obj_subj", "nominal"})
CUE_RELATIONS: frozenset[str] = frozenset({"obj", "subj", "mod", "pobj", "head", "comp", "inf", "prep", "ent"})
MODALITIES: frozenset[str] = frozenset({"commitment", "request", "refusal", "threat", "report"})
ANY = "*"

# Dependency labels that carry each kind of context word.
_PARTICLE_DEPS = frozenset({"prt", "prep", "advmod", "acomp", "oprd", "agent", "dative", "npadvmod"})
_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "oprd"})
_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_COMP_DEPS = frozenset({"xcomp", "ccomp", "acl", "advcl"})
# Tokens inside these entity types name things, not events ("March" the month, a person called Strike).
_NON_EVENT_ENTS = frozenset(
    {"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """One condition on a token's context: a relation and the words that satisfy it (``*``: any)."""

    rel: str
    words: frozenset[str]

    def holds(self, context: dict[str, set[str]]) -> bool:
        found = context.get(self.rel, set())
        return bool(found) if ANY in self.words else not self.words.isdisjoint(found)


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerEntry:
    """One sense of a trigger word and the PLOVER event it signals."""

    lemma: str
    pos: Literal["VERB", "NOUN"]
    plover_type: str
    frame: Frame
    particles: tuple[str, ...] = ()
    mode: str | None = None
    cameo: str | None = None
    recipient_preps: tuple[str, ...] = ()
    reciprocal: bool = False
    cues: tuple[Cue, ...] = ()
    excludes: tuple[Cue, ...] = ()
    modality: str | None = None
    note: str | None = None

    @property
    def specificity(self) -> int:
        """How much the sense asks of the context: particles plus cue conditions."""
        return len(self.particles) + len(self.cues)

    @property
    def base(self) -> str:
        """The lemma with its particles: ``"crack down on"``."""
        return " ".join((self.lemma, *self.particles))

    def phrases(self) -> tuple[str, ...]:
        """Lemma-form phrases this sense stands for, used by :meth:`TriggerLexicon.match_phrase`."""
        if not self.cues:
            return (self.base, *(f"{self.base} {p}" for p in self.recipient_preps if self.pos == "VERB"))
        first = self.cues[0]
        words = sorted(w for w in first.words if w != ANY) or [""]
        if first.rel in {"obj", "pobj", "comp", "prep"}:
            return tuple(f"{self.base} {w}".strip() for w in words)
        return tuple(f"{w} {self.base}".strip() for w in words)


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerMatch:
    """A token of a parsed document and the lexicon senses it matched."""

    token_i: int
    entries: tuple[TriggerEntry, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FrameRoles:
    """The head tokens of an event's actor and recipient as the trigger's frame places them."""

    actor: Token | None
    recipient: Token | None
    reciprocal: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class TriggerLexicon:
    """Trigger senses indexed by lemma, for matching parsed tokens."""

    entries: tuple[TriggerEntry, ...]
    by_lemma: dict[str, tuple[TriggerEntry, ...]] = field(default_factory=dict)
    by_phrase: dict[str, tuple[TriggerEntry, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[TriggerEntry]) -> TriggerLexicon:
        entries = tuple(entries)
        lemmas: dict[str, list[TriggerEntry]] = defaultdict(list)
        phrases: dict[str, list[TriggerEntry]] = defaultdict(list)
        for entry in entries:
            lemmas[entry.lemma].append(entry)
            for phrase in entry.phrases():
                phrases[phrase].append(entry)
        return cls(
            entries=entries,
            by_lemma={k: tuple(v) for k, v in lemmas.items()},
            by_phrase={k: tuple(v) for k, v in phrases.items()},
        )

    def types(self) -> frozenset[str]:
        return frozenset(e.plover_type for e in self.entries)

    def candidates(self, token: Token) -> list[TriggerEntry]:
        """Every sense whose lemma, part of speech, particles and cues fit ``token``, most specific first."""
        misparsed = self.misparsed_noun(token)
        if misparsed:
            return misparsed
        pool = _senses_for(self.by_lemma, token)
        if not pool:
            return []
        particles = _particles(token)
        context = token_context(token)
        fits = [e for e in pool if _fits(e, particles, context)]
        return sorted(fits, key=lambda e: -e.specificity)

    def misparsed_noun(self, token: Token) -> list[TriggerEntry]:
        """Noun senses of a two-word event noun the parser read as a verb ("imposed asset freezes and
        visa bans on X": "freezes" parsed as a verb after "asset"), matched on the raw
        token sequence; ``[]`` for anything else."""
        if token.pos_ != "VERB" or token.i == 0 or token.tag_ not in {"VBZ", "NNS"}:
            return []
        before = token.doc[token.i - 1]
        if before.pos_ not in {"NOUN", "PROPN"} or before.is_sent_start:
            return []
        return self.match_phrase(f"{before.lemma_.lower()} {token.lemma_.lower()}", pos="NOUN")

    def match(self, token: Token) -> list[TriggerEntry]:
        """The most specific senses that fit ``token`` (several when equally specific), or ``[]``."""
        fits = self.candidates(token)
        if not fits:
            return []
        top = fits[0].specificity
        return [e for e in fits if e.specificity == top]

    def match_doc(self, doc: Doc) -> list[TriggerMatch]:
        """Every token of ``doc`` that matches a trigger, with its senses."""
        found = []
        for token in doc:
            if not self.may_match(token):
                continue
            entries = self.match(token)
            if entries:
                found.append(TriggerMatch(token_i=token.i, entries=tuple(entries)))
        return found

    def may_match(self, token: Token) -> bool:
        """False for a token :meth:`match` is sure to reject, decided without its dependents: neither its
        lemma nor its form is a trigger lemma, and it is no verb (the only tokens :meth:`misparsed_noun`
        reads)."""
        return token.pos_ == "VERB" or token.lower_ in self.by_lemma or token.lemma_.lower() in self.by_lemma

    def match_phrase(self, text: str, *, pos: str | None = None) -> list[TriggerEntry]:
        """Senses whose lemma phrase is ``text`` ("rule out", "drone strike", "hold talks"); no parsing."""
        for key in _phrase_keys(text):
            hits = [e for e in self.by_phrase.get(key, ()) if pos is None or e.pos == pos]
            if hits:
                return hits
        return []


# -- reading the data ------------------------------------------------------------------------


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.split(sep) if part.strip())


def parse_cues(spec: str) -> tuple[Cue, ...]:
    """``"obj:talk|meeting;mod:joint"`` → cues; raises ``ValueError`` on an unknown relation."""
    cues = []
    for clause in _split(spec, ";"):
        rel, sep, words = clause.partition(":")
        if not sep or rel not in CUE_RELATIONS or not words:
            raise ValueError(f"bad cue {clause!r}: expected one of {sorted(CUE_RELATIONS)} as rel:word|word")
        value = frozenset(w.upper() if rel == "ent" else w for w in _split(words, "|"))
        cues.append(Cue(rel=rel, words=value))
    return tuple(cues)


def _check_row(row: dict[str, str]) -> None:
    if row["plover_type"] not in PLOVER_TYPES:
        raise ValueError(f"unknown PLOVER type {row['plover_type']!r}")
    if row["pos"] not in {"VERB", "NOUN"}:
        raise ValueError(f"unknown part of speech {row['pos']!r}")
    if row["frame"] not in FRAMES:
        raise ValueError(f"unknown frame {row['frame']!r}")
    if row["modality"] and row["modality"] not in MODALITIES:
        raise ValueError(f"unknown modality {row['modality']!r}")
    if row["cameo"] and not re.fullmatch(r"[0-2][0-9]{1,3}", row["cameo"]):
        raise ValueError(f"bad CAMEO code {row['cameo']!r}")


def entry_from_row(row: dict[str, str]) -> TriggerEntry:
    """One TSV row (column name → text) as a :class:`TriggerEntry`; ``ValueError`` if malformed."""
    if None in row:
        raise ValueError(f"too many columns: {row[None]!r}")  # type: ignore[index]
    row = {k: (v or "").strip() for k, v in row.items()}
    _check_row(row)
    return TriggerEntry(
        lemma=row["lemma"].lower(),
        pos=row["pos"],  # type: ignore[arg-type]
        plover_type=row["plover_type"],
        frame=row["frame"],  # type: ignore[arg-type]
        particles=_split(row["particles"], " "),
        mode=row["mode"] or None,
        cameo=row["cameo"] or None,
        recipient_preps=_split(row["recipient_prep"], "|"),
        reciprocal=row["reciprocal"] == "yes",
        cues=parse_cues(row["cues"]),
        excludes=parse_cues(row["excludes"]),
        modality=row["modality"] or None,
        note=row["note"] or None,
    )


def read_entries(path: Path) -> list[TriggerEntry]:
    """Read a trigger TSV (``#`` lines are comments)."""
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    except OSError as e:
        raise ValueError(f"cannot read the trigger lexicon at {path}: {e}") from e
    entries = []
    for n, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        try:
            entries.append(entry_from_row(row))
        except (KeyError, ValueError) as e:
            raise ValueError(f"{path.name}, data row {n - 1}: {e}") from e
    return entries


@cache
def load_lexicon() -> TriggerLexicon:
    """The trigger lexicon shipped with the package (read once per process)."""
    lexicon = TriggerLexicon.build(read_entries(TRIGGERS_PATH))
    logger.debug("loaded %d trigger senses for %d lemmas", len(lexicon.entries), len(lexicon.by_lemma))
    return lexicon


# -- matching ------------------------------------------------------------------------------


def _lower(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _stray_entity(token: Token) -> bool:
    """A common noun the entity recogniser took alone as a name ("Protests" opening a sentence read
    as a nationality): the tagger's common noun wins over a one-word entity."""
    if token.tag_ not in {"NN", "NNS"} or token.ent_iob_ != "B":
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is None or following.ent_iob_ != "I"


def _senses_for(by_lemma: dict[str, tuple[TriggerEntry, ...]], token: Token) -> list[TriggerEntry]:
    if token.ent_type_ in _NON_EVENT_ENTS and not _stray_entity(token):
        return []
    if token.pos_ == "VERB":
        wanted = "VERB"
    elif token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":
        wanted = "NOUN"
    else:
        return []
    senses: dict[int, TriggerEntry] = {}
    for key in _lower(token):
        for entry in by_lemma.get(key, ()):
            if entry.pos == wanted:
                senses[id(entry)] = entry
    return list(senses.values())


def _particles(token: Token) -> set[str]:
    words: set[str] = set()
    for child in token.children:
        if child.dep_ in _PARTICLE_DEPS or (child.dep_ == "ccomp" and child.pos_ == "ADJ"):
            words.add(child.lower_)
            words.update(g.lower_ for g in child.children if g.dep_ == "prep")
    return words


def _fits(entry: TriggerEntry, particles: set[str], context: dict[str, set[str]]) -> bool:
    if not particles.issuperset(entry.particles):
        return False
    if not all(cue.holds(context) for cue in entry.cues):
        return False
    return not any(cue.holds(context) for cue in entry.excludes)


def _with_conjuncts(tokens: Iterable[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from token.conjuncts


def _words(tokens: Iterable[Token]) -> set[str]:
    words: set[str] = set()
    for token in _with_conjuncts(tokens):
        words |= _lower(token)
    return words


def _subject(token: Token) -> Token | None:
    """The verb's grammatical actor: nsubj, the agent of a passive, or the subject it shares."""
    for child in token.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if token.dep_ in {"conj", "xcomp", "advcl"} and token.head.i != token.i:
        if token.dep_ == "conj" and any(c.dep_ == "auxpass" for c in token.head.children):
            return None  # a passive's agent is not its active conjunct's actor ("X was hit by Y and fled")
        return _subject(token.head)
    return None


def _head_chain(token: Token) -> list[Token]:
    """Governors of ``token`` up to and including the first verb (through prepositions and nouns)."""
    chain: list[Token] = []
    current = token
    while current.head.i != current.i and len(chain) < 4:
        current = current.head
        chain.append(current)
        if current.pos_ in {"VERB", "AUX"}:
            break
    return chain


def _governing_verb(token: Token) -> Token | None:
    return next((t for t in _head_chain(token) if t.pos_ in {"VERB", "AUX"}), None)


def _pobjs(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "prt", "dative"}:
            found.extend(g for g in child.children if g.dep_ == "pobj")
            for grand in child.children:
                if grand.dep_ == "prep":
                    found.extend(g for g in grand.children if g.dep_ == "pobj")
        elif child.dep_ == "advmod":  # an adverb particle's preposition: "stayed away from the talks"
            found.extend(g for grand in child.children if grand.dep_ == "prep"
                         for g in grand.children if g.dep_ == "pobj")
    return found + partitive_contents(found)  # "described the raid as an act of aggression"


def _has_infinitive(token: Token) -> bool:
    for child in token.children:
        if child.dep_ in _COMP_DEPS and any(g.tag_ == "TO" or g.lower_ == "to" for g in child.children):
            return True
    return False


def _comp(token: Token) -> set[str]:
    holders = [token, *_pobjs(token), *(c for c in token.children if c.dep_ in {"dobj", "pobj"})]
    return {"to"} if any(_has_infinitive(h) for h in holders) else set()


def _infinitives(token: Token) -> set[str]:
    """Lemmas of the infinitives the verb governs, with their conjuncts ("forced X to leave": leave)."""
    verbs = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"
             and any(g.lower_ == "to" for g in c.children)]
    return _words(verbs)


def _subject_words(token: Token) -> set[str]:
    if token.pos_ == "VERB":
        subject = _subject(token)
    else:
        verb = _governing_verb(token)
        subject = _subject(verb) if verb is not None else None
    poss = [c for c in token.children if c.dep_ == "poss"] if token.pos_ != "VERB" else []
    return _words([subject, *poss] if subject is not None else poss)


def _objects_with_appositions(children: list[Token]) -> list[Token]:
    """Objects and what stands in apposition to them ("branded the raid, a betrayal by a friend") or
    complements them ("called the raid a crime": the parser hangs "crime" on "raid"), and what a
    partitive object is made of ("fired a number of rockets": rockets too; "an act of aggression")."""
    objects = [c for c in children if c.dep_ in _OBJ_DEPS]
    objects += [g for c in objects for g in c.children if g.dep_ in {"appos", "dobj", "attr", "oprd"}]
    return objects + partitive_contents(objects)


def raised_object(token: Token) -> Token | None:
    """The object of a passive infinitive written as the subject of the verb it complements ("rockets
    continued to be fired": rockets). None when the verb has an object of its own. (A reduced relative,
    "shells fired from X hit Y", is left out: its target then reads as the origin's own side.)"""
    if any(c.dep_ in _OBJ_DEPS for c in token.children) or token.pos_ != "VERB":
        return None
    if token.dep_ == "xcomp" and any(c.dep_ == "auxpass" for c in token.children):
        return _child(token.head, "nsubj", "nsubjpass")
    return None


def partitive_contents(objects: list[Token]) -> list[Token]:
    """The "of" objects of partitive nouns among ``objects`` ("a barrage of shells": shells) and
    their noun modifiers ("troop numbers", "troop levels": troops)."""
    partitive = load_words().partitive_nouns
    found = []
    for obj in (o for o in objects if o.lemma_.lower() in partitive or o.lower_ in partitive):
        found.extend(g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj")
        found.extend(c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN")
    return found


def token_context(token: Token) -> dict[str, set[str]]:
    """The context words each cue relation looks at, for one token (lower-case lemmas and forms)."""
    children = list(token.children)
    raised = raised_object(token)
    return {
        "obj": _words(_objects_with_appositions(children) + ([raised] if raised is not None else [])),
        "subj": _subject_words(token),
        "mod": _words(c for c in children if c.dep_ in _MOD_DEPS),
        "pobj": _words(_pobjs(token)),
        "head": _words(_head_chain(token)),
        "comp": _comp(token),
        "inf": _infinitives(token) if token.pos_ == "VERB" else set(),
        "prep": {c.lower_ for c in children if c.dep_ in {"prep", "agent", "prt", "dative"}},
        "ent": {token.ent_type_} if token.ent_type_ else set(),
    }


def _phrase_keys(text: str) -> list[str]:
    words = re.sub(r"\s+", " ", text.strip().lower()).split(" ")
    singular = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]
    keys = [" ".join(words), " ".join(singular)]
    return list(dict.fromkeys(keys))


# -- frames ----------------------------------------------------------------------------------


def is_passive(token: Token) -> bool:
    """A passive verb, or a participle conjoined to one without a subject or auxiliary of its own
    ("the envoy was summoned and asked to explain": asked is passive too)."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children):
        return True
    return token.dep_ == "conj" and token.tag_ in {"VBN", "VBD"} and token.head.i != token.i \
        and not any(c.dep_ in {"nsubj", "aux"} for c in token.children) \
        and any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.head.children)


def _conjoined_passive_subject(token: Token) -> Token | None:
    """The passive subject a conjoined participle shares with its head ("X was summoned and asked")."""
    return _child(token.head, "nsubjpass") if token.dep_ == "conj" and token.head.i != token.i else None


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _prep_object(token: Token, preps: tuple[str, ...]) -> Token | None:
    for child in token.children:
        if child.dep_ in {"prep", "prt", "dative"} and child.lower_ in preps:
            pobj = _child(child, "pobj")
            if pobj is not None:
                return pobj
    return None


def _complement_subject(token: Token) -> Token | None:
    """The subject of an infinitive the verb governs, parsed inside it: "asked X to leave": X."""
    for child in token.children:
        if child.dep_ in {"ccomp", "xcomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return _child(child, "nsubj")
    return None


def _verb_roles(token: Token, entry: TriggerEntry) -> FrameRoles:
    agent = _child(token, "agent")
    passive = is_passive(token) or (agent is not None and token.dep_ == "acl")
    if agent is not None and not passive and _child(token, "dobj") is None:
        passive = True  # "a claim later backed up by X": a passive the parser read with a subject
    by_agent = _child(agent, "pobj") if agent is not None else None
    subject = by_agent if passive else _subject(token)
    obj = (_child(token, "nsubjpass") or _conjoined_passive_subject(token)) if passive \
        else _child(token, "dobj", "dative") or _complement_subject(token)
    if obj is None and passive and token.dep_ == "acl":
        obj = token.head  # "an assertion backed by X", "sanctions imposed by X": the noun is the object
    elif obj is None and passive:
        obj = _child(token, "nsubj")
    via_prep = _prep_object(token, entry.recipient_preps)
    if via_prep is None and entry.frame == "subj_prep" and obj is not None and not passive:
        via_prep = _prep_object(obj, entry.recipient_preps)  # "imposed sanctions on X": "on" hangs on the object
    if subject is None and entry.reciprocal:
        between = _prep_object(token, ("between", "among"))
        if between is not None:  # "an agreement was reached between X and Y", "talks were held between X and Y"
            return FrameRoles(actor=between, recipient=None, reciprocal=True)
    if entry.frame == "obj_subj":
        return FrameRoles(actor=obj, recipient=subject, reciprocal=entry.reciprocal)
    if entry.frame == "subj_obj":
        return FrameRoles(actor=subject, recipient=obj or via_prep, reciprocal=entry.reciprocal)
    return FrameRoles(actor=subject, recipient=via_prep or obj, reciprocal=entry.reciprocal)


def _noun_roles(token: Token, entry: TriggerEntry) -> FrameRoles:
    between = _prep_object(token, ("between", "among"))
    if between is None and _carried_passive(token):
        between = _prep_object(token.head, ("between", "among"))  # "an agreement was reached between X and Y"
    if between is not None:
        return FrameRoles(actor=between, recipient=None, reciprocal=True)
    actor = _child(token, "poss") or _prep_object(token, ("by", "from"))
    if actor is None:
        actor = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if actor is None:
        actor = light_verb_subject(token)
    received = _received_from(token)
    if actor is None and received is not None:
        return FrameRoles(actor=received, recipient=_subject(token.head), reciprocal=entry.reciprocal)
    undergoer = _undergoer(token)
    if undergoer is not None:
        actor = actor or _prep_object(token.head.head, ("from", "by"))
        return FrameRoles(actor=actor, recipient=undergoer, reciprocal=entry.reciprocal)
    recipient = _prep_object(token, entry.recipient_preps)
    if recipient is None and "for" in entry.recipient_preps:
        recipient = _for_clause_subject(token)  # "a deadline for X to leave", "a call for X to stop"
    if recipient is None and entry.recipient_preps and (light_verb_subject(token) is not None or _carried_passive(token)):
        recipient = _prep_object(token.head, entry.recipient_preps) \
            or _child(token.head, "dative")  # "X issued an apology to Y", "a protest was lodged with Y"
    return FrameRoles(actor=actor, recipient=recipient, reciprocal=entry.reciprocal)


def _undergoer(token: Token) -> Token | None:
    """The subject of a clause that comes or is "under" the event noun ("the base came under attack
    from X", "the convoy was under fire"): the side it is aimed at; ``None`` otherwise. Its actor is
    the "from"/"by" object of the noun (``_noun_roles``) or of the verb."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "under" or prep.dep_ != "prep" or prep.head.pos_ not in {"VERB", "AUX"}:
        return None
    return _subject(prep.head) or _child(prep.head, "nsubjpass")


def _received_from(token: Token) -> Token | None:
    """Who an event noun comes from when its verb receives it: "X received an apology from Y",
    "the raid drew condemnation from Y" (``receipt_verbs``): Y; ``None`` otherwise."""
    verb = token.head
    if token.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() not in load_words().receipt_verbs:
        return None
    return _prep_object(verb, ("from",))


def _for_clause_subject(token: Token) -> Token | None:
    """The subject of an infinitive clause a noun takes with "for" ("a deadline for X to vacate"):
    the side asked to act."""
    for clause in (c for c in token.children if c.dep_ in {"advcl", "acl", "relcl"} and c.pos_ in {"VERB", "AUX"}):
        if any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            return _child(clause, "nsubj")
    return None


def _carried_passive(token: Token) -> bool:
    """An event noun that is the passive subject of a light verb ("protests were lodged with X",
    "talks were held with X"): the verb's prepositions are the noun's."""
    verb = token.head
    return token.dep_ == "nsubjpass" and verb.pos_ == "VERB" and verb.lemma_.lower() in load_words().light_verbs


def light_verb_subject(token: Token) -> Token | None:
    """The actor of an event noun carried by a light verb: "X held talks", "X launched an attack",
    "sanctions imposed by X"; ``None`` for any other governor ("X condemned the attack" is not X's attack)."""
    token = _partitive_host(token)
    verb = token.head
    # a noun the parser read as a verb hangs off its carrier as a clause ("announced ... freezes")
    deps = {"dobj", "nsubjpass", "ccomp", "xcomp"} if token.pos_ == "VERB" else {"dobj", "nsubjpass"}
    if token.dep_ not in deps or verb.i == token.i or verb.pos_ != "VERB":
        return None
    if verb.lemma_.lower() not in load_words().light_verbs:
        return None
    return _subject(verb)


def _partitive_host(token: Token) -> Token:
    """The noun an event noun stands in through "of" after a partitive noun ("declared a state of
    emergency", "launched a wave of strikes", "held a round of talks"): the host's place is the event's."""
    partitive = load_words().partitive_nouns
    current = token
    for _ in range(2):
        prep = current.head
        host = prep.head
        if not (current.dep_ == "pobj" and prep.lower_ == "of" and host.pos_ == "NOUN"
                and host.lemma_.lower() in partitive and host.i != prep.i):
            break
        current = host
    return current


def frame_roles(token: Token, entry: TriggerEntry) -> FrameRoles:
    """Where the actor and recipient of ``entry``'s event sit around ``token`` (head tokens only).

    Passive clauses swap the sides ("soldiers were killed by militants": actor militants); a host
    (``obj_subj``) is the recipient of the visit; nouns take "X's", "by X" or "between X and Y",
    or the subject of the light verb that carries them ("ministers held talks").
    """
    if token.pos_ == "VERB" and entry.pos == "VERB":
        return _verb_roles(token, entry)
    return _noun_roles(token, entry)
