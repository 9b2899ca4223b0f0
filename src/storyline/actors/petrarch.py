"""Importer for TABARI/PETRARCH actor dictionaries (the Phoenix ``*.actors.txt`` files).

Format, as PETRARCH reads it:

* ``#`` starts a comment; lines starting with ``<`` are comments too; blank lines are ignored.
* A line starting in column one names a new actor (``BARACK_OBAMA_``); words are joined by ``_``
  or spaces, a final ``_`` is only a TABARI stemming marker. Codes may follow on the same line:
  ``UN_ [IGOUNO]`` or, in the older in-line form, several ``[CODE dates]`` groups.
* ``+NAME`` adds a synonym to the current actor.
* An indented ``[CODE restriction]`` line adds a role: no restriction (the default code),
  ``<YYMMDD`` (on or before), ``>YYMMDD`` (on or after), ``YYMMDD-YYMMDD`` (inclusive range).
  Dates are ``YYMMDD`` (00-30 read as 20YY, otherwise 19YY) or ``YYYYMMDD``.
* A name line with no codes shares the codes of the next actor (PETRARCH stores it under the next
  code index), so such names are carried into the next entry.

The code of an actor on a date is that of the first date-restricted role covering the date, else
its first unrestricted role; ``---`` means "no code". Malformed lines are skipped with a warning that
names the file and line.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycountry

from storyline.actors.kb import sector_codes

logger = logging.getLogger(__name__)

NULL_CODE = "---"
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "INT", "UIS"})
"""CAMEO first-slot codes that are not countries: the next three letters name the organisation."""

_BRACKET = re.compile(r"\[([^\]]*)\]")
_ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)


class DictionaryFormatError(ValueError):
    """A line of an actor dictionary that cannot be read."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRole:
    """One code of an actor, valid from ``start`` to ``end`` inclusive (None: unbounded)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def restricted(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class DictionaryActor:
    """An actor entry: its names (normalised) and roles, with where it was read."""

    names: tuple[str, ...]
    roles: tuple[ActorRole, ...]
    source: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeParts:
    """A CAMEO actor code split into slots: ``USAGOV`` -> USA, GOV; ``IGOUNOKID`` -> IGO, UNO, KID."""

    code: str
    country: str | None
    organisation: str | None
    sectors: tuple[str, ...]

    @property
    def sector(self) -> str | None:
        return self.sectors[0] if self.sectors else None


def normalise_name(name: str) -> str:
    """PETRARCH's form of a name: upper case, words joined by underscores, no final underscore."""
    return "_".join(name.upper().replace("_", " ").split())


def code_on(actor: DictionaryActor, when: date | None) -> str | None:
    """The actor's code on ``when``; with no date, its unrestricted code or else its latest role."""
    code = _resolve(actor.roles, when)
    return None if code in (None, NULL_CODE) else code


def _resolve(roles: tuple[ActorRole, ...], when: date | None) -> str | None:
    if when is not None:
        for role in roles:
            if role.restricted and role.covers(when):
                return role.code
    for role in roles:
        if not role.restricted:
            return role.code
    if when is None and roles:
        return max(roles, key=lambda r: r.end or date.max).code
    return None


def split_code(code: str) -> CodeParts:
    """Split a CAMEO code into country (or non-state kind), organisation and 3-letter sector slots."""
    clean = code.strip().upper()
    chunks = tuple(clean[k : k + 3] for k in range(0, len(clean), 3))
    if not chunks or clean == NULL_CODE:
        return CodeParts(code=clean, country=None, organisation=None, sectors=())
    first, rest = chunks[0], chunks[1:]
    if first in NON_STATE_PREFIXES:
        org = rest[0] if rest else None
        return CodeParts(code=clean, country=first, organisation=org, sectors=rest[1:])
    if first in _ISO3 or first not in sector_codes() and first.isalpha():
        return CodeParts(code=clean, country=first, organisation=None, sectors=rest)
    return CodeParts(code=clean, country=None, organisation=None, sectors=chunks)


# ---------------------------------------------------------------- dates and roles


def parse_date(text: str) -> date:
    """A dictionary date: YYMMDD (00-30 -> 20YY) or YYYYMMDD (extra digits ignored)."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) < 6:
        raise DictionaryFormatError(f"not a date: {text!r}")
    if len(digits) <= 7:
        yy, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return date(year, month, day)
    except ValueError as e:
        raise DictionaryFormatError(f"invalid date: {text!r}") from e


def parse_role(body: str) -> ActorRole:
    """The inside of a ``[...]`` group: ``CODE``, ``CODE <d``, ``CODE >d`` or ``CODE d1-d2``."""
    code, _, rest = body.strip().partition(" ")
    code, rest = code.strip(), rest.strip()
    if not code or not re.fullmatch(r"[A-Z0-9-]+", code):
        raise DictionaryFormatError(f"bad code: {body!r}")
    if not rest:
        return ActorRole(code=code)
    if rest[0] in "<>":
        when = parse_date(rest[1:])
        return ActorRole(code=code, end=when) if rest[0] == "<" else ActorRole(code=code, start=when)
    start, dash, end = rest.partition("-")
    if not dash:
        raise DictionaryFormatError(f"date restriction without '<', '>' or '-': {body!r}")
    first, last = parse_date(start), parse_date(end)
    if last < first:
        raise DictionaryFormatError(f"range ends before it starts: {body!r}")
    return ActorRole(code=code, start=first, end=last)


# ---------------------------------------------------------------- parser


@dataclass(slots=True)
class _Pending:
    """The actor being read: its names, roles and first line."""

    names: list[str] = field(default_factory=list)
    roles: list[ActorRole] = field(default_factory=list)
    line: int = 0


def _strip_comment(raw: str) -> str:
    return raw.split("#", 1)[0].rstrip()


def _roles_in(text: str, *, source: str, lineno: int) -> list[ActorRole]:
    roles = []
    for body in _BRACKET.findall(text):
        try:
            roles.append(parse_role(body))
        except DictionaryFormatError as e:
            logger.warning("%s:%d: %s; role skipped", source, lineno, e)
    return roles


def parse_actor_dictionary(lines: Iterable[str], *, source: str = "<string>") -> list[DictionaryActor]:
    """Read actor entries from the lines of a dictionary file."""
    actors: list[DictionaryActor] = []
    current = _Pending()
    for lineno, raw in enumerate(lines, start=1):
        text = _strip_comment(raw)
        if not text.strip() or text.lstrip().startswith("<") and not text[:1].isspace():
            continue
        if text[0] in " \t":
            _add_roles(current, text, source=source, lineno=lineno)
        elif text[0] == "+":
            _add_synonym(current, text[1:], source=source, lineno=lineno)
        else:
            current = _start_actor(actors, current, text, source=source, lineno=lineno)
    _finish(actors, current, source=source)
    return actors


def _add_roles(current: _Pending, text: str, *, source: str, lineno: int) -> None:
    if "[" not in text or not current.names:
        logger.warning("%s:%d: indented line is not a role of an actor; skipped", source, lineno)
        return
    current.roles.extend(_roles_in(text, source=source, lineno=lineno))


def _add_synonym(current: _Pending, text: str, *, source: str, lineno: int) -> None:
    name = normalise_name(text.split("[", 1)[0])
    if not current.names or not name:
        logger.warning("%s:%d: synonym without an actor; skipped", source, lineno)
        return
    current.names.append(name)
    current.roles.extend(_roles_in(text, source=source, lineno=lineno))


def _start_actor(actors: list[DictionaryActor], current: _Pending, text: str, *, source: str, lineno: int) -> _Pending:
    name = normalise_name(text.split("[", 1)[0])
    if not name:
        logger.warning("%s:%d: actor line without a name; skipped", source, lineno)
        return current
    roles = _roles_in(text, source=source, lineno=lineno)
    if current.names and not current.roles:
        # PETRARCH gives a codeless name the codes of the next entry.
        return _Pending(names=[*current.names, name], roles=roles, line=current.line)
    _finish(actors, current, source=source)
    return _Pending(names=[name], roles=roles, line=lineno)


def _finish(actors: list[DictionaryActor], current: _Pending, *, source: str) -> None:
    if not current.names:
        return
    if not current.roles:
        logger.warning("%s:%d: actor %s has no code; skipped", source, current.line, current.names[0])
        return
    names = tuple(dict.fromkeys(current.names))
    actors.append(DictionaryActor(names=names, roles=tuple(current.roles), source=source, line=current.line))


# ---------------------------------------------------------------- dictionary


SURNAME_MIN_CHARS = 4
SURNAME_MAX_PEOPLE = 3


def nationality(actor: DictionaryActor) -> str | None:
    """The one state every role of the actor belongs to (``None`` for several, or a non-state code)."""
    countries = {split_code(r.code).country for r in actor.roles if r.code != NULL_CODE}
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    return country if country and country not in NON_STATE_PREFIXES else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorDictionary:
    """Actors from one or more files, indexed by normalised name, by the last word of their
    several-word names (``surnames``) and by the first (``first_words``: the family name of names
    written family name first, "Xi Jinping", "Moon Jae-in")."""

    actors: tuple[DictionaryActor, ...]
    index: dict[str, tuple[int, ...]]
    surnames: dict[str, tuple[int, ...]] = field(default_factory=dict)
    first_words: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, actors: Iterable[DictionaryActor]) -> ActorDictionary:
        kept = tuple(actors)
        index: dict[str, list[int]] = {}
        surnames: dict[str, list[int]] = {}
        firsts: dict[str, list[int]] = {}
        for k, actor in enumerate(kept):
            for name in actor.names:
                index.setdefault(name, []).append(k)
                last = name.rsplit("_", 1)[-1] if "_" in name else None
                if last and len(last) >= SURNAME_MIN_CHARS and (not surnames.get(last) or surnames[last][-1] != k):
                    surnames.setdefault(last, []).append(k)
                first = name.split("_", 1)[0] if "_" in name else None
                if first and len(first) >= 2 and (not firsts.get(first) or firsts[first][-1] != k):
                    firsts.setdefault(first, []).append(k)
        return cls(actors=kept, index={name: tuple(ks) for name, ks in index.items()},
                   surnames={name: tuple(ks) for name, ks in surnames.items()},
                   first_words={name: tuple(ks) for name, ks in firsts.items()})

    def __len__(self) -> int:
        return len(self.actors)

    def lookup(self, name: str, when: date | None = None) -> tuple[DictionaryActor, str] | None:
        """The first actor called ``name`` that has a code on ``when``, with that code; else the first
        one whose roles all lie in one state, with that state's code (a former minister is still of
        his country, in no office)."""
        found = self.index.get(normalise_name(name), ())
        for k in found:
            actor = self.actors[k]
            code = code_on(actor, when)
            if code is not None:
                return actor, code
        for k in found:
            country = nationality(self.actors[k])
            if country is not None:
                return self.actors[k], country
        return None

    def lookup_surname(self, surname: str, when: date | None = None) -> tuple[DictionaryActor, str] | None:
        """A person named by surname alone ("Modi"): the dictionary's people whose names end in it (else,
        for names written family name first, begin with it: "Xi"), when
        they are few (``SURNAME_MAX_PEOPLE``) and all of one state; the first with a code on ``when``
        gives it, else the state alone. ``None`` for a name of several words or a shared surname."""
        key = normalise_name(surname)
        people = [self.actors[k] for k in self.surnames.get(key, ())]
        if not people:  # a family name written first ("President Xi": Xi Jinping)
            people = [self.actors[k] for k in self.first_words.get(key, ())]
        if "_" in key or not people or len(people) > SURNAME_MAX_PEOPLE:
            return None
        states = {nationality(a) for a in people}
        if len(states) != 1 or None in states:
            return None
        for actor in people:
            code = code_on(actor, when)
            if code is not None and split_code(code).country in states:
                return actor, code
        return people[0], next(iter(states))


def load_actor_dictionary(*paths: str | Path) -> ActorDictionary:
    """Read one or more actor dictionary files into one :class:`ActorDictionary`."""
    began = time.perf_counter()
    actors: list[DictionaryActor] = []
    for path in map(Path, paths):
        with path.open(encoding="utf-8", errors="replace") as handle:
            actors.extend(parse_actor_dictionary(handle, source=path.name))
    dictionary = ActorDictionary.build(actors)
    logger.info("read %d actors, %d names in %.2fs", len(dictionary), len(dictionary.index), time.perf_counter() - began)
    return dictionary


def merge_dictionaries(*dictionaries: ActorDictionary | None) -> ActorDictionary:
    """One dictionary of several; on a name the first one given that codes it wins."""
    return ActorDictionary.build(a for d in dictionaries if d is not None for a in d.actors)


# ---------------------------------------------------------------- the shipped dictionary

SHIPPED_DICTIONARY = "phoenix_actors.tsv.gz"
"""Compiled by ``scripts/build_actor_dictionary.py`` from the PETRARCH2/Phoenix actor dictionaries
(MIT, Open Event Data Alliance); see ``data/actors/PHOENIX_LICENSE``."""


def _date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def write_compiled(actors: Iterable[DictionaryActor], path: str | Path) -> int:
    """Write actors as gzipped TSV rows ``source, line, names (|), roles (code:start:end, ;)``."""
    count = 0
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as packed, \
            io.TextIOWrapper(packed, encoding="utf-8", newline="\n") as handle:  # no timestamp: builds are identical
        for actor in actors:
            roles = ";".join(f"{r.code}:{_date_text(r.start)}:{_date_text(r.end)}" for r in actor.roles)
            handle.write(f"{actor.source}\t{actor.line}\t{'|'.join(actor.names)}\t{roles}\n")
            count += 1
    return count


def read_compiled(lines: Iterable[str]) -> list[DictionaryActor]:
    """Actors from the rows :func:`write_compiled` writes."""
    actors = []
    for row in lines:
        source, line, names, roles = row.rstrip("\n").split("\t")
        parsed = []
        for role in roles.split(";"):
            code, start, end = role.split(":")
            parsed.append(ActorRole(code=code, start=date.fromisoformat(start) if start else None,
                                    end=date.fromisoformat(end) if end else None))
        actors.append(DictionaryActor(names=tuple(names.split("|")), roles=tuple(parsed), source=source, line=int(line)))
    return actors


@lru_cache(maxsize=1)
def shipped_dictionary() -> ActorDictionary:
    """The actor dictionary shipped with Storyline (people, organisations and armed groups with their
    date-bounded CAMEO codes), read once per process."""
    began = time.perf_counter()
    data = resources.files("storyline") / "data" / "actors" / SHIPPED_DICTIONARY
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        dictionary = ActorDictionary.build(read_compiled(handle))
    logger.info("shipped actor dictionary: %d actors, %d names in %.2fs", len(dictionary), len(dictionary.index),
                time.perf_counter() - began)
    return dictionary
