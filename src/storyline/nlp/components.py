"""Corrective pipeline components for the small English model on news text.

Registered with spaCy when this module is imported:

1. ``storyline_line_breaks`` (before the parser): a line break starts a sentence, so a headline
   without a full stop is never glued to the first body sentence.
2. ``storyline_possessive_persons`` (after the NER): ``<place>'s <Name>`` -- the place becomes a GPE
   (or keeps its NORP label) and the name a PERSON, also when the model tagged both as one PERSON.
3. ``storyline_titled_persons``: a capitalised name after a title or rank is a PERSON; a PERSON never
   includes its title. The title text is kept on the person span: ``span._.title``, ``span._.title_chars``.
4. ``storyline_role_phrases``: ``doc._.role_phrases``, the role phrases of persons found from
   office titles ("Prime Minister X"), the word before a title ("navy chief Adm X"), appositions
   in the parse and the comma pattern ("X, the head of ...,").

Everything a component records is stored as plain offsets (``doc.user_data``), so it survives
``nlp.pipe(..., n_process=2)``; :class:`RolePhrase` objects are built when read.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from storyline.nlp.lexicon import TitleKind, gazetteer, possessor_lexicon, title_lexicon

logger = logging.getLogger(__name__)

RoleKind = Literal["title", "pre_title", "appos", "comma"]
POSSESSIVE = frozenset({"'s", "’s"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
NAME_LABELS = frozenset({"PERSON", "NORP", "GPE", "ORG", "LOC"})
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X"})
OFFSET_KEY = "role_phrase_offsets"
INITIAL = re.compile(r"^[A-Z]\.?(?:[A-Z]\.)*$")
REGNAL = re.compile(r"^(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
MAX_NAME_TOKENS = 6

for _name in ("title", "title_chars"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)
if not Doc.has_extension(OFFSET_KEY):
    Doc.set_extension(OFFSET_KEY, default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class RolePhrase:
    """A person and a phrase naming their role, with how it was found."""

    person: Span
    role: Span
    kind: RoleKind


def role_phrases(doc: Doc) -> list[RolePhrase]:
    """The role phrases of ``doc`` (getter of ``doc._.role_phrases``)."""
    found: list[RolePhrase] = []
    for ps, pe, rs, re_, kind in getattr(doc._, OFFSET_KEY) or ():
        person = doc.char_span(ps, pe, label="PERSON")
        role = doc.char_span(rs, re_)
        if person is not None and role is not None:
            found.append(RolePhrase(person=person, role=role, kind=kind))
    return found


if not Doc.has_extension("role_phrases"):
    Doc.set_extension("role_phrases", getter=role_phrases)


def _record_role(doc: Doc, person: Span, role: Span, kind: RoleKind) -> None:
    """Add one role phrase unless the person already has a role overlapping it."""
    offsets = getattr(doc._, OFFSET_KEY)
    if offsets is None:
        offsets = []
        setattr(doc._, OFFSET_KEY, offsets)
    for ps, pe, rs, re_, _kind in offsets:
        if (ps, pe) == (person.start_char, person.end_char) and rs < role.end_char and role.start_char < re_:
            return
    offsets.append((person.start_char, person.end_char, role.start_char, role.end_char, kind))


# 1. line breaks ---------------------------------------------------------------------------------


DATELINE_WINDOW = 1200
"""Characters from the start of the article text within which a dateline is looked for."""

DATELINE_LEAD = re.compile(
    r"^[ \t]*(?P<name>[A-Z][\w'’.\-]*(?:[ ][A-Z][\w'’.\-]*){0,2})"
    r"(?:,[^\n:—–()]{1,40}?)?"
    r"(?:[ \t]*\([^()\n]{1,40}\))?"
    r"[ \t]*(?::|[ \t][-–—][ \t]|[–—])[ \t]*(?=\S)",
    re.MULTILINE,
)
"""A line opening on a dateline: one to three capitalised words, an optional date and agency, then a
colon or a dash ("Islamabad, Dec 1: ", "LAGOS (Reuters) - "); ``name`` is the place's words. Shared with
:func:`storyline.actors.mentions.find_dateline`, which checks the place in the gazetteer."""


_SENTENCE_ENDS = frozenset(".!?;:…\"'”’)]»-–—*•|")


def _may_end_sentence(token: Token) -> bool:
    """Whether a sentence may end after ``token``: a stop, a closing quote or bracket, a dash or bullet
    (the parser decides there); a word, a number or a comma never ends one in running text."""
    return token.text[-1:] in _SENTENCE_ENDS or not token.text[-1:].isalnum() and token.text[-1:] != ","


@Language.component("storyline_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first token after a line break, and after a dateline that opens a line
    ("Islamabad, Dec 1: The government ordered ..."): glued to its sentence, the dateline's place
    is parsed as a second subject of the lead's verb."""
    after_break = False
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break:
            token.is_sent_start = True
        elif previous is not None and not _may_end_sentence(previous):
            token.is_sent_start = False  # "Tanzania | on Friday rejected ...": no sentence without a stop
        after_break = "\n" in token.whitespace_
        previous = token
    starts = {token.idx: token for token in doc if token.idx < DATELINE_WINDOW}
    for match in DATELINE_LEAD.finditer(doc.text[:DATELINE_WINDOW]):
        token = starts.get(match.end())
        if token is not None and token.i > 0:
            token.is_sent_start = True
    return doc


def add_title_abbreviations(nlp: Language) -> None:
    """Keep single-word title abbreviations with their full stop ("Brig.", "Lt.") as one token.

    Without this, the tokenizer splits off the full stop and the parser starts a sentence after it.
    """
    for abbreviation in title_lexicon().abbreviations:
        dotted = f"{abbreviation}."
        if " " not in abbreviation and len(nlp.tokenizer(dotted)) > 1:
            nlp.tokenizer.add_special_case(dotted, [{ORTH: dotted}])


# 2. possessives ---------------------------------------------------------------------------------


@Language.factory("storyline_possessive_persons")
def make_possessive_persons(nlp: Language, name: str) -> PossessivePersons:
    return PossessivePersons()


class PossessivePersons:
    """``<place>'s <Name>``: split glued entities; the place is GPE/NORP and the name a PERSON."""

    def __init__(self) -> None:
        self.lexicon = possessor_lexicon()
        self.places = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        changes: list[tuple[Span, Span]] = []
        for token in doc:
            if token.text in POSSESSIVE and token.i > 0:
                found = self._at(doc, token)
                if found is not None:
                    changes.append(found)
        if changes:
            _replace_ents(doc, [span for pair in changes for span in pair])
        return doc

    def _at(self, doc: Doc, mark: Token) -> tuple[Span, Span] | None:
        possessor = self._possessor(doc, mark)
        if possessor is None:
            return None
        end = _name_end(doc, mark.i + 1, first_needs_entity=False)
        if end == mark.i + 1 or not self._is_person(doc[mark.i + 1 : end]):
            return None
        label = self._possessor_label(possessor)
        return Span(doc, possessor.start, possessor.end, label=label), Span(doc, mark.i + 1, end, label="PERSON")

    def _possessor_label(self, possessor: Span) -> str:
        """ORG for a bloc or body; the model's place label (GPE, LOC, NORP) where it gave one; else GPE."""
        if possessor.text in self.lexicon.organisations:
            return "ORG"
        return possessor.label_ if possessor.label_ in PLACE_LABELS else "GPE"

    def _possessor(self, doc: Doc, mark: Token) -> Span | None:
        """The place before ``'s``: the entity ending there (or glued over it), else one capitalised token."""
        prev = doc[mark.i - 1]
        ent = _entity_of(doc, prev)
        start = ent.start if ent is not None else prev.i
        span = Span(doc, start, mark.i, label=ent.label_ if ent is not None else "")
        if not (span.text[:1].isupper() or span.text.isupper()):
            return None
        known = span.text in self.places or span.text in self.lexicon.short_forms or span.text in self.lexicon.organisations
        if known or (ent is not None and ent.label_ in PLACE_LABELS and ent.end == mark.i):
            return span
        return None

    def _is_person(self, name: Span) -> bool:
        text = name.text
        if text in self.places or text in self.lexicon.not_persons or name[0].text in self.lexicon.not_persons:
            return False
        first = name[0]
        if any(t.is_upper and len(t) > 1 for t in name) or not (first.pos_ == "PROPN" or first.ent_type_ in NAME_LABELS):
            return False
        labels = {t.ent_type_ for t in name}
        return labels <= {"PERSON", "GPE", "LOC", "NORP", ""} or _glued_over_mark(name)


def _glued_over_mark(name: Span) -> bool:
    """Whether the name's entity starts before it (the model tagged ``X's Name`` as one entity)."""
    first = name[0]
    return first.ent_iob_ == "I" and name.start > 0 and name.doc[name.start - 1].text in POSSESSIVE


def _entity_of(doc: Doc, token: Token) -> Span | None:
    """The entity holding ``token``, from the tokens' IOB tags around it (``doc.ents`` is rebuilt from
    every token on each access: asked once per possessive, it made long articles quadratic)."""
    if token.ent_iob_ not in ("B", "I"):
        return None
    label = token.ent_type
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0 and doc[start - 1].ent_iob_ in ("B", "I") and doc[start - 1].ent_type == label:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type == label:
        end += 1
    return Span(doc, start, end, label=label)


# 3. titles and ranks ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleRun:
    """Consecutive title phrases before a name: token ``[start, end)`` and each phrase's kind."""

    start: int
    end: int
    phrases: tuple[tuple[int, int, TitleKind], ...]


@Language.factory("storyline_titled_persons")
def make_titled_persons(nlp: Language, name: str) -> TitledPersons:
    return TitledPersons(nlp)


class TitledPersons:
    """A capitalised name after a title is a PERSON without the title; the title is kept on the span."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = title_lexicon()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind in ("rank", "honorific", "office"):
            spellings = [s for s, k in self.lexicon.phrases.items() if k == kind]
            self.matcher.add(kind, list(nlp.tokenizer.pipe(spellings)))

    def __call__(self, doc: Doc) -> Doc:
        persons: list[Span] = []
        runs = title_runs(doc, self.matcher)
        ents = doc.ents  # once: the entities change only below, after every run is looked at
        for run in runs:
            person = self._person_after(doc, run, ents)
            if person is not None:
                persons.append(person)
        _replace_ents(doc, persons, drop=_title_only_persons(doc, runs))
        _strip_titles(doc, runs)
        return doc

    def _person_after(self, doc: Doc, run: TitleRun, ents: tuple[Span, ...]) -> Span | None:
        end = _name_end(doc, run.end, first_needs_entity=True)
        if end == run.end or _inside_organisation(run, ents):
            return None
        for ent in ents:
            if ent.label_ == "PERSON" and run.start <= ent.start < end < ent.end:
                end = next((t.i for t in doc[end : ent.end] if t.text in self.lexicon.blockers), ent.end)
        person = Span(doc, run.end, end, label="PERSON")
        _set_title(doc, person, run)
        return person


def title_runs(doc: Doc, matcher: PhraseMatcher) -> list[TitleRun]:
    """Maximal chains of adjacent capitalised title phrases (longest phrase at each token)."""
    longest: dict[int, tuple[int, TitleKind]] = {}
    for match_id, start, end in matcher(doc):
        if doc[start].text[:1].isupper() and end > longest.get(start, (start, "rank"))[0]:
            longest[start] = (end, doc.vocab.strings[match_id])
    runs: list[TitleRun] = []
    i = 0
    while i < len(doc):
        phrases = []
        while i in longest and not (phrases and _breaks_run(doc[i], phrases[-1][2], longest[i][1])):
            end, kind = longest[i]
            phrases.append((i, end, kind))
            i = end
        if phrases:
            runs.append(TitleRun(start=phrases[0][0], end=phrases[-1][1], phrases=tuple(phrases)))
        else:
            i += 1
    return runs


def _breaks_run(token: Token, previous: TitleKind, kind: TitleKind) -> bool:
    """An office never follows a rank or honorific ("Lt Gen Amir X": Amir is a name), nor a new sentence."""
    return token.is_sent_start or (kind == "office" and previous != "office")


def _set_title(doc: Doc, person: Span, run: TitleRun) -> None:
    title = doc[run.start : run.end]
    person._.title = title.text
    person._.title_chars = (title.start_char, title.end_char)


def _inside_organisation(run: TitleRun, ents: tuple[Span, ...]) -> bool:
    """Whether an organisation-like entity begins before the title and runs over it ("the UN General Assembly")."""
    for ent in ents:
        organisation_like = ent.label_ not in PLACE_LABELS | {"PERSON"}
        if organisation_like and ent.start < run.start and ent.end >= run.end:
            return True
    return False


def _title_only_persons(doc: Doc, runs: list[TitleRun]) -> list[Span]:
    """PERSON entities made of title words only ("Brig")."""
    return [ent for ent in doc.ents if ent.label_ == "PERSON" and any(r.start <= ent.start and ent.end <= r.end for r in runs)]


def _strip_titles(doc: Doc, runs: list[TitleRun]) -> None:
    """Cut a leading title off PERSON entities the name rule did not rebuild."""
    blockers = title_lexicon().blockers
    changed: list[Span] = []
    dropped: list[Span] = []
    for ent in doc.ents:
        run = next((r for r in runs if ent.label_ == "PERSON" and r.start <= ent.start <= r.end < ent.end), None)
        if run is None:
            continue
        if doc[run.end].text in blockers:
            dropped.append(ent)
            continue
        if ent.start == run.end and not _is_name_word(doc[run.end], first=True, first_needs_entity=True, blockers=blockers):
            continue
        person = Span(doc, run.end, ent.end, label="PERSON")
        _set_title(doc, person, run)
        changed.append(person)
    if changed or dropped:
        _replace_ents(doc, changed, drop=dropped)


# names ------------------------------------------------------------------------------------------


def _name_end(doc: Doc, start: int, *, first_needs_entity: bool) -> int:
    """End of the capitalised name starting at token ``start`` (``start`` itself when there is none)."""
    lexicon = title_lexicon()
    end = start
    i = start
    while i < len(doc) and i - start < MAX_NAME_TOKENS:
        token = doc[i]
        if i > start and token.is_sent_start:
            break
        if _is_name_word(token, first=i == start, first_needs_entity=first_needs_entity, blockers=lexicon.blockers):
            end = i + 1
        elif not (i > start and _is_joiner(token, lexicon.particles)):
            break
        i += 1
    return end


def _is_name_word(token: Token, *, first: bool, first_needs_entity: bool, blockers: frozenset[str]) -> bool:
    text = token.text
    if not first and REGNAL.match(text):
        return True
    if text in blockers or not (text[:1].isupper() and (token.is_alpha or INITIAL.match(text) or "-" in text)):
        return False
    if text.isupper() and len(text) > 1 and not INITIAL.match(text):
        return False
    if token.pos_ not in NAME_POS:
        return False
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS or not (first and first_needs_entity)


def _is_joiner(token: Token, particles: frozenset[str]) -> bool:
    """A name particle ("al", "bin", "van") or a hyphen inside a name, followed by more name."""
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is None or not nxt.text[:1].isupper():
        return False
    if token.text == "-":
        return not token.whitespace_ and not token.doc[token.i - 1].whitespace_
    return token.lower_ in particles


def _replace_ents(doc: Doc, new: Iterable[Span], *, drop: Iterable[Span] = ()) -> None:
    """Put ``new`` spans into ``doc.ents``, removing entities they overlap and those in ``drop``."""
    new = list(new)
    dropped = {(s.start, s.end) for s in drop}
    kept = [e for e in doc.ents if (e.start, e.end) not in dropped and not any(e.start < n.end and n.start < e.end for n in new)]
    doc.ents = filter_spans(kept + new)


# 4. role phrases --------------------------------------------------------------------------------

SKIP_APPOS_LABELS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"})
MAX_COMMA_ROLE = 15
STOP_ROLE_POS = frozenset({"VERB", "AUX", "CCONJ", "SCONJ", "PRON"})
ROLE_PREPOSITIONS = frozenset({"of", "for", "in", "at", "to", "with", "from"})
ROLE_HEAD_WINDOW = 6


@Language.factory("storyline_role_phrases")
def make_role_phrases(nlp: Language, name: str) -> RolePhrases:
    return RolePhrases()


class RolePhrases:
    """Find each person's role phrases: office title, word before a title, apposition, comma pattern."""

    def __init__(self) -> None:
        self.role_heads = title_lexicon().role_heads
        self.titles = title_lexicon().phrases

    def __call__(self, doc: Doc) -> Doc:
        for person in [e for e in doc.ents if e.label_ == "PERSON"]:
            for role, kind in self._roles(doc, person):
                _record_role(doc, person, role, kind)
        return doc

    def _roles(self, doc: Doc, person: Span) -> list[tuple[Span, RoleKind]]:
        found: list[tuple[Span, RoleKind]] = []
        title = doc.char_span(*person._.title_chars) if person._.title_chars else None
        if title is not None:
            found += [(r, "title") for r in [self._office_in_title(doc, title)] if r is not None]
            found += [(r, "pre_title") for r in [self._before_title(doc, title)] if r is not None]
        found += [(r, "appos") for r in _appositions(doc, person, title)]
        found += [(r, "comma") for r in [self._after_comma(doc, person)] if r is not None]
        return found

    def _office_in_title(self, doc: Doc, title: Span) -> Span | None:
        """The office part of a title: all of "Prime Minister", "Navy Chief" of "Navy Chief Admiral"."""
        end = title.start
        while end < title.end:
            stop = next((k for k in range(title.end, end, -1) if self.titles.get(doc[end:k].text) is not None), None)
            if stop is None or self.titles[doc[end:stop].text] != "office":
                break
            end = stop
        return doc[_role_start(doc, doc[end - 1], title.start) : end] if end > title.start else None

    def _before_title(self, doc: Doc, title: Span) -> Span | None:
        """A role noun just before the title with its modifiers ("Africa Command chief" Gen X)."""
        if title.start == 0 or title[0].is_sent_start:
            return None
        head = doc[title.start - 1]
        if head.lower_ not in self.role_heads or head.pos_ not in {"NOUN", "PROPN"}:
            return None
        return doc[_role_start(doc, head, head.i) : head.i + 1]

    def _after_comma(self, doc: Doc, person: Span) -> Span | None:
        """``Person, [the] ... <role noun> ... ,`` up to the next comma or the end of the sentence."""
        if person.end + 1 >= len(doc) or doc[person.end].text != ",":
            return None
        sent_end = doc[person.end].sent.end
        end = person.end + 1
        while end < min(sent_end, person.end + 1 + MAX_COMMA_ROLE) and doc[end].text not in {",", ";", ".", "(", ")"}:
            end += 1
        role = _trim(doc[person.end + 1 : end])
        window = role[:ROLE_HEAD_WINDOW] if role is not None else ()
        if role is None or not any(t.lower_ in self.role_heads and t.pos_ in {"NOUN", "PROPN"} for t in window):
            return None
        if role[0].pos_ == "CCONJ" or any(t.ent_type_ == "PERSON" for t in role):
            return None
        return role


def _appositions(doc: Doc, person: Span, title: Span | None) -> list[Span]:
    """Role phrases joined to the person by an ``appos`` arc, in either direction."""
    root = person.root
    taken = range(title.start if title is not None else person.start, person.end)
    found: list[Span] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i not in taken and _role_like(child):
            role = _trim(doc[max(child.left_edge.i, person.end) : _role_end(child)]) if child.i > root.i else None
            found += [role] if role is not None else []
    head = root.head
    if root.dep_ == "appos" and head.i not in taken and _role_like(head) and head.i < taken.start:
        role = _trim(doc[head.left_edge.i : taken.start])
        found += [role] if role is not None else []
    return found


def _role_start(doc: Doc, head: Token, start: int) -> int:
    """Extend a role leftwards over the head's modifiers, not past punctuation, verbs or conjunctions."""
    left = max(min(head.left_edge.i, start), head.sent.start)
    for k in range(start - 1, left - 1, -1):
        if doc[k].is_punct or doc[k].pos_ in STOP_ROLE_POS:
            left = k + 1
            break
    while left < start and doc[left].pos_ == "DET":
        left += 1
    return left


def _role_end(head: Token) -> int:
    """End of a role phrase headed by ``head``: its modifiers and complements, no conjuncts or dates."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in {"cc", "conj", "punct", "appos", "relcl", "acl", "advcl"}:
            break
        if child.dep_ == "prep" and child.lower_ not in ROLE_PREPOSITIONS:
            break
        end = child.right_edge.i + 1
    for token in head.doc[head.i + 1 : end]:
        if token.ent_type_ in {"DATE", "TIME", "PERSON"} or token.text in {"(", ",", ";"}:
            return token.i
    return end


def _role_like(token: Token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in SKIP_APPOS_LABELS


def _trim(span: Span) -> Span | None:
    """Drop punctuation and leading determiners from both ends of a span; ``None`` if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].pos_ == "DET"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].pos_ in {"ADP", "CCONJ", "DET"}):
        end -= 1
    return doc[start:end] if end > start else None
