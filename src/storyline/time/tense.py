"""The tense that governs a time expression: from a spaCy parse when there is one, else from cue words."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from storyline.time.expression import Tense
from storyline.time.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CLAUSE_BREAK = re.compile(r"[.!?;\n]")
_WINDOW = 80
_MAX_CLIMB = 4
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_PERFECT_AUX = frozenset({"have"})


@cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    words = sorted((re.escape(c) for c in cues), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the clause before and after a span (up to a sentence break, within a window)."""
    before = text[max(0, start - _WINDOW) : start]
    after = text[end : end + _WINDOW]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    before = before[cut[-1] :] if cut else before
    stop = _CLAUSE_BREAK.search(after)
    after = after[: stop.start()] if stop else after
    return before, after


def tense_from_cues(text: str, start: int, end: int) -> Tense | None:
    """Future when a future cue ('will', 'is due to', 'next') shares the clause, past on a past cue."""
    lex = lexicon()
    before, after = _clause(text, start, end)
    window = f"{before} {after}"
    if _cue_pattern(lex.future_cues).search(window):
        return "future"
    if _cue_pattern(lex.past_cues).search(window) or re.search(r"\b\w{3,}ed\b", before):
        return "past"
    return None


def _governing_verb(token: Token) -> Token | None:
    for _ in range(_MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _is_future(verb: Token, auxes: list[Token]) -> bool:
    """'will visit', 'is due to visit', 'to be held', 'should open', 'a hearing was scheduled for'."""
    lex = lexicon()
    if any(_lemma(a) in lex.future_lemmas or a.text.lower() in lex.modals or a.tag_ == "TO" for a in auxes):
        return not (verb.tag_ == "VBN" and any(_lemma(a) == "have" for a in auxes))
    if _lemma(verb) in lex.future_verbs:
        return True
    head = verb.head
    return verb.tag_ == "VB" and head is not verb and _lemma(head) in lex.future_lemmas


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if _is_future(verb, auxes):
        return "future"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & _PAST_TAGS:
        return "past"
    if verb.tag_ == "VBN" and any(_lemma(a) in _PERFECT_AUX for a in auxes):
        return "past"
    if tags & _PRESENT_TAGS:
        return "present"
    return None


def tense_from_doc(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense of the verb governing the characters ``start:end`` of ``doc.text``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _governing_verb(span.root)
    return _verb_tense(verb) if verb is not None else None


def tense_at(text: str, start: int, end: int, *, doc: Doc | None = None) -> Tense | None:
    """The tense around a span: the parse's answer first, cue words when the parse has none."""
    if doc is not None:
        found = tense_from_doc(doc, start, end)
        if found is not None:
            return found
    return tense_from_cues(text, start, end)
