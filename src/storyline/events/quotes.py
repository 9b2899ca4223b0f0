"""Quotes: direct speech (text in quotation marks) and reported speech ("X said that ..."), with the
speaker resolved to an actor.

A direct quote's speaker is the subject of a speech verb outside the quotation marks in the same
sentence (or the next one, for "'...,' he added." split over sentences), else the object of
"according to". Reported speech is the clause a speech verb governs; its speaker is the verb's
subject. Offsets are stored-text offsets.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from storyline.events.participants import PageParticipants
from storyline.events.records import EventParticipant, Quote
from storyline.ranges import Ranges

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

logger = logging.getLogger(__name__)

_QUOTE_RE = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
_MIN_WORDS = 3


def _speaker_of(verb: Token, parts: PageParticipants) -> EventParticipant | None:
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    sides = parts.sides(subject)
    return sides[0] if sides else None


def _according_to(sent: Span, parts: PageParticipants) -> EventParticipant | None:
    for token in sent:
        if token.lower_ in parts.words.source_preps:
            pobjs = [g for c in token.children for g in c.children if g.dep_ == "pobj"]
            pobjs += [c for c in token.children if c.dep_ == "pobj"]
            sides = parts.sides(pobjs[0]) if pobjs else ()
            if sides:
                return sides[0]
    return None


def _speech_verbs(sent: Span, parts: PageParticipants, *, outside: tuple[int, int]) -> Iterator[Token]:
    for token in sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in parts.words.speech_verbs:
            if not outside[0] <= token.idx < outside[1]:
                yield token


def direct_speaker(start: int, end: int, parts: PageParticipants) -> EventParticipant | None:
    """Who says the quotation at article offsets ``start..end``."""
    doc = parts.page.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    sents = [span.sent]
    if span.sent.end < len(doc):
        sents.append(doc[span.sent.end].sent)
    for sent in sents:
        for verb in _speech_verbs(sent, parts, outside=(start, end)):
            speaker = _speaker_of(verb, parts)
            if speaker is not None:
                return speaker
    return _according_to(span.sent, parts)


def direct_quotes(parts: PageParticipants, *, doc_id: str = "") -> list[Quote]:
    """Quotations in marks with at least three words, speakers resolved."""
    text = parts.page.doc.text
    quotes = []
    for match in _QUOTE_RE.finditer(text):
        if len(match.group(1).split()) < _MIN_WORDS:
            continue
        start, end = parts.page.stored(match.start(1), match.end(1))
        quotes.append(Quote(text=match.group(1), speaker=direct_speaker(match.start(1), match.end(1), parts),
                            start=start, end=end, direct=True, doc_id=doc_id))
    return quotes


def reported_quote(verb: Token, parts: PageParticipants, *, doc_id: str = "") -> Quote | None:
    """The clause a speech verb reports, as a quote of the verb's subject (``None`` without a clause)."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    first, last = clause.left_edge.i, clause.right_edge.i
    start, end = parts.stored_span(first, last)
    return Quote(text=parts.page.doc[first : last + 1].text, speaker=_speaker_of(verb, parts) or
                 _according_to(verb.sent, parts), start=start, end=end, direct=False, doc_id=doc_id)


def reported_quotes(parts: PageParticipants, *, doc_id: str = "") -> list[Quote]:
    found = []
    for sent in parts.page.doc.sents:
        for verb in _speech_verbs(sent, parts, outside=(0, 0)):
            quote = reported_quote(verb, parts, doc_id=doc_id)
            if quote is not None:
                found.append(quote)
    return found


def find_quotes(parts: PageParticipants, *, doc_id: str = "") -> list[Quote]:
    """Direct quotes, then reported speech outside them, in text order."""
    direct = direct_quotes(parts, doc_id=doc_id)
    inside = Ranges((d.start, d.end) for d in direct)
    reported = [q for q in reported_quotes(parts, doc_id=doc_id) if not inside.holds(q.start, q.start + 1)]
    return sorted(direct + reported, key=lambda q: (q.start, q.end))


def quote_covering(start: int, end: int, quotes: Sequence[Quote]) -> Quote | None:
    """The narrowest quote whose span holds the stored span ``start..end`` (the first of equals)."""
    pool = _quotes_near(quotes, start, end) if isinstance(quotes, tuple) else quotes
    holding = [q for q in pool if q.start <= start and end <= q.end]
    return min(holding, key=lambda q: q.end - q.start) if holding else None


_QUOTE_INDEX: list[tuple[tuple[Quote, ...], list[int], list[int], int]] = []
"""The index of the last tuple of quotes asked about (a page's events all ask about the page's quotes)."""


def _quotes_near(quotes: tuple[Quote, ...], start: int, end: int) -> list[Quote]:
    """The quotes that may hold ``start..end``, in their order: those starting at most the longest
    quote's length before ``end`` and not after ``start`` (a page's cost stays linear in its length)."""
    if not _QUOTE_INDEX or _QUOTE_INDEX[0][0] is not quotes:
        order = sorted(range(len(quotes)), key=lambda k: quotes[k].start)
        longest = max((q.end - q.start for q in quotes), default=0)
        _QUOTE_INDEX[:] = [(quotes, order, [quotes[k].start for k in order], longest)]
    _, order, starts, longest = _QUOTE_INDEX[0]
    a, b = bisect.bisect_left(starts, end - longest), bisect.bisect_right(starts, start)
    return [quotes[k] for k in sorted(order[a:b])]
