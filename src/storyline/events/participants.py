"""From parse tokens to event sides: which actor mention a token (or its noun phrase) names.

Actor mentions carry stored offsets; each token is mapped to the mention whose span it overlaps.
A head token without a mention of its own looks inside its noun phrase ("NATO air strikes",
"the chief of Pakistan's army"), never into relative clauses or other clauses. Conjoined heads
give several sides ("X and Y met"). Personal pronouns take the most salient earlier mention of a
fitting kind within a few sentences: subjects before other mentions, then the nearest.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from storyline.events.records import EventParticipant
from storyline.events.words import ExtractWords, load_words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from storyline.actors import ActorMention
    from storyline.places import PlaceMention
    from storyline.read import ReadPage

logger = logging.getLogger(__name__)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_FIRST_DEPS = frozenset({"appos", "compound", "amod", "nmod", "poss"})
_PRONOUN_WINDOW = 3  # sentences back
_KIND_PRIORITY = {"plural": ("group", "person", "role", "state", "organisation")}


@dataclass(frozen=True, slots=True, kw_only=True)
class _Placed:
    """A mention with the parse tokens it covers."""

    mention: ActorMention
    first: int
    last: int
    subject: bool
    sent_start: int


def participant(mention: ActorMention, *, text: str | None = None) -> EventParticipant:
    """An event side from an actor mention (stored offsets kept)."""
    return EventParticipant(
        text=text or mention.text, name=mention.name or mention.text, actor_id=None,
        local_entity=mention.local_entity or None, country=mention.country, sector=mention.sector,
        start=mention.start, end=mention.end, affiliation=mention.affiliation, kind=mention.kind,
    )


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def clause_opening_conjunct(token: Token) -> bool:
    """A noun the parser hung as a conjunct that is the subject of the clause after it: "the attack on
    Georgian posts and Armenia had not been involved" (a verb right after it, or its auxiliary, that
    has no subject of its own, in a finite form): not one more side of the first clause."""
    if token.dep_ != "conj" or token.pos_ not in {"PROPN", "NOUN"}:
        return False
    after = token.right_edge.i + 1
    if after >= len(token.doc):
        return False
    verb = token.doc[after]
    if verb.tag_ not in _FINITE:
        return False  # "urged X and Y to stay", "officials deemed responsible": no clause of their own
    if verb.dep_ in {"aux", "auxpass"}:
        verb = verb.head
    elif verb.pos_ != "VERB" or verb.dep_ not in {"conj", "advcl", "ccomp"}:
        return False
    return verb.i > token.i and verb.pos_ in {"VERB", "AUX"} \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


class PageParticipants:
    """Token → actor mention lookups for one read page."""

    def __init__(self, page: ReadPage, *, words: ExtractWords | None = None) -> None:
        self.page = page
        self.words = words or load_words()
        spans = [page.stored(t.idx, t.idx + len(t)) for t in page.doc]  # once per token
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]
        self._by_token: dict[int, _Placed] = {}
        self._placed: list[_Placed] = []
        for mention in page.actors.mentions:
            self._place(mention)
        # the placed mentions by first token, for the lookups in a window of tokens (a page's cost
        # stays linear in its length): positions into _placed, and their first tokens
        self._by_first = sorted(range(len(self._placed)), key=lambda k: self._placed[k].first)
        self._firsts = [self._placed[k].first for k in self._by_first]
        self._place_index: tuple[list[int], list[int]] | None = None

    def stored_span(self, first: int, last: int) -> tuple[int, int]:
        """Stored offsets of the tokens ``first..last`` (inclusive)."""
        return self._starts[first], self._ends[last]

    def _place(self, mention: ActorMention) -> None:
        lo = bisect.bisect_right(self._ends, mention.start)
        hi = bisect.bisect_left(self._starts, mention.end) - 1
        if lo > hi or lo >= len(self._starts):
            return
        doc = self.page.doc
        root = next((t for t in doc[lo : hi + 1] if not lo <= t.head.i <= hi), doc[hi])
        placed = _Placed(mention=mention, first=lo, last=hi, subject=_is_subject(root),
                         sent_start=doc[lo].sent.start)
        self._placed.append(placed)
        for i in range(lo, hi + 1):
            self._by_token.setdefault(i, placed)

    def placed_between(self, lo: int, hi: int) -> list[_Placed]:
        """The placed mentions whose first token is in ``lo..hi-1``, in the order they were placed."""
        a, b = bisect.bisect_left(self._firsts, lo), bisect.bisect_left(self._firsts, hi)
        return [self._placed[k] for k in sorted(self._by_first[a:b])]

    def places_between(self, start: int, end: int) -> list[PlaceMention]:
        """The page's places that start at article offsets ``start..end-1``, in page order."""
        if self._place_index is None:
            places = self.page.places
            order = sorted(range(len(places)), key=lambda k: places[k].start)
            self._place_index = (order, [places[k].start for k in order])
        order, starts = self._place_index
        a, b = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [self.page.places[k] for k in sorted(order[a:b])]

    def mention_at(self, token: Token) -> ActorMention | None:
        placed = self._by_token.get(token.i)
        return placed.mention if placed else None

    def sides(self, head: Token | None) -> tuple[EventParticipant, ...]:
        """The actors a head token names, with its conjuncts ("X and Y"), one per page entity."""
        if head is None:
            return ()
        pair = self.pair(head)
        if pair:
            return pair
        found: dict[str, EventParticipant] = {}
        for token in (head, *(c for c in head.conjuncts if not clause_opening_conjunct(c))):
            side = self.side(token)
            if side is not None:
                found.setdefault(side.local_entity or f"{side.start}", side)
        return tuple(found.values())

    def pair(self, token: Token) -> tuple[EventParticipant, ...]:
        """The two states "the two countries", "both sides" or "the two neighbours" refer back to
        (``pair_nouns``): the countries of the two most recent sides of two countries named within a few
        sentences, else nothing."""
        if token.lemma_.lower() not in self.words.pair_nouns or token.tag_ != "NNS" \
                or not any(c.lower_ in {"two", "both"} for c in token.children):
            return ()
        earliest = sentence_start_back(token, _PRONOUN_WINDOW)
        before = reversed(self.placed_between(earliest, token.i))
        after = self.placed_between(token.i + 1, sentence_end_ahead(token, _PRONOUN_WINDOW))
        for pool in (before, after):  # a headline's "two countries" are named in the lines after it
            found: dict[str, EventParticipant] = {}
            for placed in pool:
                mention = placed.mention
                if mention.country and mention.country not in found:
                    found[mention.country] = replace(participant(mention, text=token.text), rule="pair")
                if len(found) == 2:
                    return tuple(sorted(found.values(), key=lambda p: p.start or 0))
        return ()

    def side(self, token: Token) -> EventParticipant | None:
        """The actor one token names: its own mention, a pronoun's antecedent, or its phrase's mention."""
        mention = self.mention_at(token)
        if mention is not None:
            return participant(mention)
        pron = self.words.pronouns.get(token.lower_) if token.pos_ == "PRON" else None
        if pron is not None and not _dummy(token):
            antecedent = self.antecedent(token, pron)
            return participant(antecedent, text=token.text) if antecedent else None
        mention = self._in_phrase(token)
        return participant(mention) if mention is not None else None

    def _in_phrase(self, head: Token) -> ActorMention | None:
        cut = self.words.cut_deps
        # an apposition names the head itself ("their old partner, Brazil"), a modifier qualifies it
        for child in sorted(head.children, key=lambda c: c.dep_ != "appos"):
            if child.dep_ in _FIRST_DEPS and self.mention_at(child) is not None:
                return self.mention_at(child)
        best: tuple[int, ActorMention] | None = None
        stack = [c for c in head.children if c.dep_ not in cut]
        while stack:
            token = stack.pop()
            mention = self.mention_at(token)
            if mention is not None and (best is None or abs(token.i - head.i) < best[0]):
                best = (abs(token.i - head.i), mention)
            stack.extend(c for c in token.children if c.dep_ not in cut)
        return best[1] if best else None

    def antecedent(self, token: Token, pron: str) -> ActorMention | None:
        """The mention a pronoun refers to: a fitting, salient, recent mention before it."""
        kinds = self.words.pronoun_kinds.get(pron, ())
        earliest = sentence_start_back(token, _PRONOUN_WINDOW)
        pool = [p for p in self.placed_between(earliest, token.i) if self._fits(p.mention, kinds)
                and not p.first <= token.i <= p.last]
        if not pool:
            return None
        order = _KIND_PRIORITY.get(pron, kinds)

        def rank(p: _Placed) -> tuple[int, int, int]:
            return (p.subject, -order.index(p.mention.kind) if p.mention.kind in order else -9, p.first)

        return max(pool, key=rank).mention

    def _fits(self, mention: ActorMention, kinds: tuple[str, ...]) -> bool:
        """A mention of one of the pronoun's ``kinds``; a role naming a singular body ("Nigeria's
        military") is of the kind ``institution``."""
        if mention.kind in kinds:
            return True
        if "institution" not in kinds or mention.kind != "role":
            return False
        text = mention.text.lower()
        return any(text == head or text.endswith(" " + head) for head in self.words.institution_heads)

    def sentence_mentions_near(self, token: Token, *, places: frozenset[str] = frozenset(),
                               same_clause: bool = False) -> list[tuple[ActorMention, int]]:
        """The mentions in ``token``'s sentence with their distance in tokens, leaving out those that
        name a place after one of the ``places`` words ("in Kenya"); with ``same_clause``, also those
        on the other side of an adverbial clause ("X met a day after Y held talks with Z": Z is not
        X's counterpart, X not Z's) or in another coordinated clause with its own subject ("X insisted
        ..., and Y denounced the raid": X is not Y's target)."""
        sent = token.sent
        doc = self.page.doc
        own = adverbial_clause(token)
        conjunct = coordinate_clause(token)
        return [(p.mention, min(abs(p.first - token.i), abs(p.last - token.i)))
                for p in self.placed_between(sent.start, sent.end) if not self._locative(p, places)
                and (not same_clause or adverbial_clause(doc[p.first]) == own
                     and coordinate_clause(doc[p.first]) == conjunct)]

    def _locative(self, placed: _Placed, places: frozenset[str]) -> bool:
        if placed.mention.kind != "state":
            return False
        root = self.page.doc[placed.first]
        while root.head.i in range(placed.first, placed.last + 1) and root.head.i != root.i:
            root = root.head
        return root.head.lower_ in places


def adverbial_clause(token: Token) -> int:
    """The index of the adverbial clause ("after X held talks", "since strikes killed Y") that holds
    ``token``, or of its sentence's root where it is in none."""
    current = token
    while current.dep_ != "advcl" and current.head.i != current.i:
        current = current.head
    return current.i


def coordinate_clause(token: Token) -> int:
    """The index of the coordinated clause with its own subject ("..., and Y denounced the raid")
    that holds ``token``, or of its sentence's root where it is in none."""
    current = token
    while current.head.i != current.i:
        if current.dep_ == "conj" and current.pos_ in {"VERB", "AUX"} \
                and any(c.dep_ in _SUBJECT_DEPS for c in current.children):
            return current.i
        current = current.head
    return current.i


def _dummy(token: Token) -> bool:
    """An expletive "it" ("it is the first meeting", "it was reported")."""
    return token.lower_ == "it" and (token.dep_ == "expl" or token.head.lemma_ == "be" or
                                     any(c.dep_ == "auxpass" for c in token.head.children))


def _is_subject(token: Token) -> bool:
    current = token
    for _ in range(3):
        if current.dep_ in _SUBJECT_DEPS:
            return True
        if current.dep_ not in {"conj", "appos", "compound"}:
            return False
        current = current.head
    return False


def sentence_end_ahead(token: Token, n: int) -> int:
    """The end of the ``n``-th sentence after the token's own (the document's end at most)."""
    doc = token.doc
    end = token.sent.end
    for _ in range(n):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    return end


def sentence_start_back(token: Token, n: int) -> int:
    """The start of the ``n``-th sentence before the token's own (the document's start at most)."""
    doc = token.doc
    start = token.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start
