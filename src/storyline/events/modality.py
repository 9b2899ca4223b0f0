"""Did the event happen as reported? Negation, modality, conditions, questions and reported speech.

Starting at the trigger (a noun trigger starts at itself, then at the verb that governs it), the
walk climbs the clauses that embed it:

1. own marks: a negator child ("not", "never", "no talks"), a modal auxiliary ("will meet"), an
   irrealis modifier ("planned talks"), a conditional mark ("if they attack"), a habit adverb ("has
   traditionally expressed"), a present-tense time clause of a future ("would follow when leaders meet");
2. shared marks: a conjoined verb without its own subject shares its head's auxiliaries ("will
   meet and discuss");
3. embedding heads: an infinitive under an irrealis word ("plans to", "due to", "refused to",
   "called for talks", or any trigger whose sense is a commitment, request, refusal or threat) is
   hypothetical; under a negating verb ("failed to") negated; an event noun a verb of prevention
   takes as object ("banned all rallies", "the talks were called off") did not happen;
4. an infinitive of purpose ("summoned the envoy to protest") is hypothetical: intended, not done;
5. a clause under a speech verb is reported speech: it keeps its own modality, and the speech verb
   is returned as the source ("X said Y attacked Z": the attack, reported by X); under a verb of
   doubt it is a claim, hypothetical ("a channel claimed that X attacked Y");
6. a claim the sentence rejects is hypothetical ("X rejected a report that claimed Y attacked Z");
   a subject that denies the act negates it ("no country has recognised ..."); an act a body
   decided on ("ministers agreed to impose sanctions", "the cabinet decided to close the border")
   is reported as decided (cue ``decided``).

Relative clauses stop the walk: "the strikes, for which X refused to apologise" reports strikes.
A sentence that ends with a question mark is hypothetical, and so is a habit a relative clause in the
simple present ascribes ("militants who carry out attacks", :func:`habitual`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.events.lexicon import TriggerLexicon, load_lexicon
from storyline.events.words import ExtractWords, load_words

if TYPE_CHECKING:
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

EMBEDDING_MODALITIES = frozenset({"commitment", "request", "refusal", "threat"})
_MAX_DEPTH = 5
_NOUN_LINKS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "oprd", "npadvmod"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Modality:
    """What the context does to an event: ``cues`` name the words that decided it."""

    negated: bool = False
    hypothetical: bool = False
    source: Token | None = None
    cues: tuple[str, ...] = ()


@dataclass(slots=True)
class _Walk:
    negated: bool = False
    hypothetical: bool = False
    source: Token | None = None
    cues: list[str] | None = None

    def mark(self, kind: str, word: str) -> None:
        if kind == "negated":
            self.negated = True
        elif kind != "decided":  # "decided": a body's decided future, reported as decided
            self.hypothetical = True
        (self.cues if self.cues is not None else []).append(f"{kind}:{word}")

    def result(self) -> Modality:
        return Modality(negated=self.negated, hypothetical=self.hypothetical, source=self.source,
                        cues=tuple(self.cues or ()))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def decided(token: Token, words: ExtractWords) -> bool:
    """An act a body resolved on among its own members ("ministers agreed to impose sanctions",
    "the cabinet decided to close the border"): reported as decided, not merely intended; an
    agreement with another party ("agreed with X to ...") stays a commitment."""
    head = token.head
    if token.dep_ != "xcomp" or _lemma(head) not in words.decision_heads:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in {"with", "between"} for c in head.children)


def future_time_clause(token: Token, words: ExtractWords) -> str | None:
    """The time mark ("when", "once") of a clause in the simple present that it ties to a future main
    clause ("more measures would follow when EU leaders meet", "talks will resume once the ministers
    arrive"), else ``None``."""
    if token.dep_ != "advcl" or token.tag_ not in {"VBP", "VBZ"}:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in words.modal_aux for c in token.head.children):
        return None
    return next((c.lower_ for c in token.children if c.dep_ in {"mark", "advmod"} and c.lower_ in words.temporal_marks),
                None)


def negative_subject(token: Token, words: ExtractWords) -> str | None:
    """A subject that denies the act: "no country has recognised", "not one state applauded",
    "none of them attended"."""
    for subject in (c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}):
        if subject.lower_ in words.negative_subjects:
            return subject.lower_
        for child in subject.children:
            if child.dep_ in {"det", "neg"} and child.lower_ in words.negators:
                return child.lower_
            if child.dep_ == "nummod" and any(g.dep_ == "neg" for g in child.children):
                return "not " + child.lower_
    return None


def disputed(token: Token, lexicon: TriggerLexicon, doubts: frozenset[str] = frozenset()) -> str | None:
    """An event told by a claim that the sentence rejects ("X rejected a report that claimed Y
    attacked Z", "X denied that it supports Y"), or that a verb of ``doubts`` reports at any depth
    ("a channel claimed soldiers died as X fired"): the rejecting or doubting verb, else ``None``."""
    current = token
    crossed = False
    for _ in range(_MAX_DEPTH + 1):
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ == "ccomp" and _lemma(head) in doubts:
            return _lemma(head)
        crossed = crossed or current.dep_ in {"ccomp", "relcl", "acl"}
        if crossed and head.pos_ == "VERB" and current.dep_ in {"ccomp", "dobj", "prep"} \
                and any(e.plover_type == "REJECT" for e in lexicon.match(head)):
            return _lemma(head)
        current = head
    return None


def own_marks(token: Token, walk: _Walk, words: ExtractWords) -> None:
    """Negators, modal auxiliaries, irrealis modifiers and conditional marks on ``token`` itself."""
    denier = negative_subject(token, words)
    if denier is not None:
        walk.mark("negated", denier)
    for child in token.children:
        low = child.lower_
        if child.dep_ in {"neg", "det", "advmod", "preconj"} and low in words.negators:
            walk.mark("negated", low)
        elif child.dep_ == "aux" and low in words.modal_aux:
            walk.mark("hypothetical", low)
        elif child.dep_ in {"amod", "compound"} and low in words.irrealis_mods:
            walk.mark("hypothetical", low)
        elif child.dep_ == "mark" and low in words.conditional_marks:
            walk.mark("hypothetical", low)
        elif child.dep_ == "advmod" and low in words.habitual_adverbs:
            walk.mark("hypothetical", f"habitual:{low}")
    mark = future_time_clause(token, words)
    if mark is not None:
        walk.mark("hypothetical", f"future:{mark}")


def purpose_mark(token: Token, walk: _Walk, words: ExtractWords) -> None:
    """An infinitive of purpose is intended, not reported as done: "travelled to the capital to
    discuss", "opportunities for officials to meet"; unless the act performs it ("cancelled the
    visit to protest": the cancelling is the protest)."""
    if _lemma(token) in words.performative_purposes:
        return
    if token.dep_ in {"advcl", "relcl", "acl"} and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        walk.mark("hypothetical", "purpose")


_PRESENT = frozenset({"VBP", "VBZ"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def habitual(token: Token, clause: Token) -> bool:
    """A habit a relative clause ascribes, not an event: "gunmen who hide in the hills and
    mount raids over the frontier", "militants who attack schools". The clause's verb is in the simple
    present and the act is its verb, or an indefinite plural noun it governs (not "the attacks")."""
    if clause.pos_ != "VERB" or any(c.dep_ == "aux" for c in clause.children):
        return False
    if clause.dep_ == "conj":  # "who shelter ... and carry out": the conjunct shares the first verb's tense
        relative = clause.head.dep_ == "relcl" and clause.head.tag_ in _PRESENT and clause.tag_ in _PRESENT | {"VB"}
    else:
        relative = clause.dep_ == "relcl" and clause.tag_ in _PRESENT
    if not relative or token.i == clause.i:
        return relative
    return token.tag_ == "NNS" and not any(c.dep_ in {"det", "poss"} and c.lower_ in _DEFINITE for c in token.children)


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in token.children)


def misattached_conjunct(token: Token) -> bool:
    """A finite verb the parser hung as a conjunct of a verb whose subject it cannot share, so it
    coordinates with a clause higher up: of an infinitive ("asked X to leave the base and closed the
    road": a past or present tense form cannot continue a "to" clause), or, with an object of its own,
    of a passive participle ("an airbase that has been used by drones and closed the supply routes":
    the base closed nothing)."""
    head = token.head
    if token.dep_ != "conj" or _has_subject(token):
        return False
    if token.tag_ in {"VBD", "VBZ"} and head.dep_ == "xcomp" and head.tag_ == "VB":
        return True
    return (token.tag_ in {"VBD", "VBN"} and any(c.dep_ == "dobj" for c in token.children)
            and any(c.dep_ == "auxpass" for c in head.children))


def _embeds(head: Token, lexicon: TriggerLexicon) -> bool:
    return any(e.modality in EMBEDDING_MODALITIES for e in lexicon.match(head))


def _climb(token: Token, walk: _Walk, words: ExtractWords, lexicon: TriggerLexicon) -> Token | None:
    """One step up the clause chain; ``None`` where the walk stops."""
    head, dep = token.head, token.dep_
    if head.i == token.i or dep in {"relcl", "ROOT"}:
        return None
    lemma = _lemma(head)
    if dep == "prep" and token.lower_ in words.circumstance_preps:
        return None  # "following the strike, X asked Y to leave": the strike is no part of the request
    if dep == "conj" and misattached_conjunct(token):
        return head.head  # "asked X to leave and closed the road": "closed" is the asker's own act
    if dep == "conj":
        return head if not _has_subject(token) else None
    if dep == "pcomp" and head.dep_ == "prep" and _lemma(head.head) in words.allegation_verbs:
        walk.source = head.head
        walk.mark("hypothetical", f"claimed:{_lemma(head.head)}")  # "accused X of shelling Y": alleged
        return None
    if dep == "ccomp" and lemma in words.doubt_verbs:
        walk.source = head
        walk.mark("hypothetical", f"claimed:{lemma}")
        return None
    if dep == "ccomp" and lemma in words.speech_verbs:
        walk.source = head
        return None
    if dep in {"xcomp", "ccomp", "acl", "acomp", "advcl", "pobj", "prep"}:
        if lemma in words.negating_verbs and dep == "xcomp":
            walk.mark("negated", lemma)
        elif decided(token, words):
            walk.mark("decided", lemma)  # reported as decided: no mark of unreality
        elif dep == "xcomp" and lemma in words.use_verbs and not any(c.dep_ == "dobj" for c in head.children):
            walk.mark("hypothetical", f"habitual:{lemma}")  # "drones used to target militants", "used to attack"
        elif lemma in words.irrealis_heads or (dep in {"xcomp", "ccomp"} and _embeds(head, lexicon)):
            walk.mark("hypothetical", lemma)
        return head if dep in {"xcomp", "acomp", "prep", "pobj", "ccomp"} else None
    return None


def _phrasal(verb: Token) -> set[str]:
    """A verb's lemma, alone and with each of its particles ("call", "call off")."""
    lemma = _lemma(verb)
    return {lemma, *(f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt")}


def _start(token: Token, walk: _Walk, words: ExtractWords, lexicon: TriggerLexicon) -> Token:
    """Where the clause walk starts: the trigger verb, or the verb governing a noun trigger."""
    if token.pos_ == "VERB":
        return token
    current = token
    circumstance = False
    while current.dep_ in _NOUN_LINKS | {"prep", "pcomp"} and current.head.i != current.i:
        head = current.head
        if current.dep_ in {"pobj", "pcomp"} and head.lower_ in words.absence_preps:
            walk.mark("negated", head.lower_)  # "without consultation", "without warning"
        circumstance = circumstance or (current.dep_ == "prep" and current.lower_ in words.circumstance_preps)
        if head.pos_ in {"VERB", "AUX"}:
            prevented = _phrasal(head) & words.prevention_verbs
            if current.dep_ in {"dobj", "nsubjpass"} and prevented:
                walk.mark("negated", f"prevented:{min(prevented)}")  # "banned all rallies", "the talks were called off"
            elif not circumstance and not _raised_noun(current, head, words) \
                    and (_lemma(head) in words.irrealis_heads or _embeds(head, lexicon)):
                walk.mark("hypothetical", _lemma(head))
            return head
        current = head
    return token


def _raised_noun(current: Token, head: Token, words: ExtractWords) -> bool:
    """A noun a raising head takes as its object ("set a deadline") or, in the past tense, through a
    preposition ("went on strike"): real; such heads make only an infinitive unreal ("is set to meet",
    "are going on strike next week" stays unreal)."""
    if _lemma(head) not in words.raising_heads:
        return False
    return current.dep_ == "dobj" or (current.dep_ == "prep" and head.tag_ == "VBD")


def modality(token: Token, *, words: ExtractWords | None = None, lexicon: TriggerLexicon | None = None) -> Modality:
    """Negation, hypotheticality and reporting source of the event ``token`` triggers."""
    words = words or load_words()
    lexicon = lexicon or load_lexicon()
    walk = _Walk(cues=[])
    own_marks(token, walk, words)
    current: Token | None = _start(token, walk, words, lexicon)
    if habitual(token, current):
        walk.mark("hypothetical", f"habitual:{_lemma(current)}")
    seen_own = current.i == token.i
    for _ in range(_MAX_DEPTH):
        if current is None:
            break
        if not seen_own:
            own_marks(current, walk, words)
        purpose_mark(current, walk, words)
        seen_own = False
        current = _climb(current, walk, words, lexicon)
    rejecter = disputed(token, lexicon, words.doubt_verbs)
    if rejecter is not None:
        walk.mark("hypothetical", f"disputed:{rejecter}")
    if token.sent.text.rstrip().endswith("?"):
        walk.mark("hypothetical", "?")
    return walk.result()
