"""What page linking compares: words, entities and dates of each page's article text.

Features come from the store alone (the article text of each document's latest version and its stored
reading), so linking never parses a page again. Words are counted in the article text (headline,
dek, captions, body: never comments or boilerplate), the headline counting twice; stop words and
one-letter tokens are dropped and a plural ``s`` is cut. Weights are sublinear term frequency times a
smoothed inverse document frequency computed over the pages being linked (no background corpus ships
with Storyline), so a word every page uses weighs little and a name few pages use weighs much.
Entities are canonical actor ids (named actors: generic roles and groups such as "police" or
"officials" are left out, every kind of story has them) and gazetteer places; dates are the publication date and the
day-precision dates the text names.

A page's date window says when it can have been written: its publication date; else no earlier than the
latest day its article text or its events name (news reports what has happened) and no later than its
first dated reader comment, both kept inside the month its URL names (``/2012/02/``) when it names one;
else unknown. Its likely day (``likely``) is its publication date, else its first comment's day, else the
latest day it names: a URL month bounds the window but never makes a day.

Its salient specifics (``specifics``, counted per mention) say which event it is: the words of its named
entities (``n:`` keys, so "Reid" meets "Tara Reid"), the numbers it writes in digits (``#:``: magnitudes,
tolls, years), the days, months and years it names (``t:``: resolved values, else the words), and its
named actor and place keys. Which entity labels count is data (``data/link/specifics.json``).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import Document
from storyline.segment.pubdate import MONTH
from storyline.segment.urldate import writing_window
from storyline.store import Store
from storyline.store.links import PageMeta, latest_page_meta, load_page_terms, save_page_terms

_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
_TIME_VALUE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_MONTH_WORD_RE = re.compile(rf"^{MONTH}$")
SPECIFICS_PATH = Path(__file__).resolve().parents[1] / "data" / "link" / "specifics.json"
HEADLINE_WEIGHT = 2

SparseVector = dict[str, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class PageFeatures:
    """One page as linking sees it.

    ``terms`` are raw counts of normalised words; ``entities`` are ``actor:<id>`` and
    ``place:<geonames id or name>`` keys; ``dates`` the ISO days the text names.
    """

    doc_id: str
    version: int
    outlet: str | None
    published: date | None
    terms: Mapping[str, int]
    entities: frozenset[str]
    dates: frozenset[str]
    not_before: date | None = None
    not_after: date | None = None
    likely: date | None = None
    specifics: Mapping[str, int] = field(default_factory=dict)

    @property
    def when(self) -> date | None:
        """The page's date: its publication date, else the latest day its text names."""
        if self.published or not self.dates:
            return self.published
        return date.fromisoformat(max(self.dates))


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(w.lower().replace("’", "'") for w in STOP_WORDS)


def normalise_token(token: str) -> str | None:
    """A word as counted: lower case, plural ``s`` cut; ``None`` for stop words and single characters."""
    word = token.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in _stop_words():
        return None
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The counted words of ``text`` in order."""
    return [w for w in map(normalise_token, _TOKEN_RE.findall(text)) if w]


def term_counts(document: Document) -> Counter[str]:
    """Word counts of the article text, the headline (or title when none is marked) counted twice."""
    counts = Counter(words(document.article_text()))
    headlines = [document.text[s.start : s.end] for s in document.segments if s.role == "headline"]
    for word in words(" ".join(headlines) or (document.title or "")):
        counts[word] += HEADLINE_WEIGHT - 1
    return counts


def page_features(
    document: Document, *, entities: Iterable[str] = (), dates: Iterable[str] = (),
    specifics: Mapping[str, int] | None = None,
) -> PageFeatures:
    """The features of one document, given the entity keys and day dates of its reading.

    The date window: the publication date; else the latest named day and the first dated comment,
    inside the month the page's URL names (:func:`storyline.segment.urldate.writing_window`).
    """
    commented = [c.posted_at[:10] for c in document.comments if c.posted_at and _DAY_RE.match(c.posted_at[:10])]
    meta = PageMeta(doc_id=document.doc_id, version=document.version, outlet=document.outlet,
                    published=document.published, url=document.url, first_comment_day=min(commented, default=None))
    return _features(meta, term_counts(document), entities=entities, dates=dates, specifics=specifics)


def _features(meta: PageMeta, terms: Mapping[str, int], *, entities: Iterable[str], dates: Iterable[str],
              specifics: Mapping[str, int] | None) -> PageFeatures:
    days = frozenset(d for d in dates if _DAY_RE.match(d))
    published = date.fromisoformat(meta.published) if meta.published else None
    named = date.fromisoformat(max(days)) if days else None
    first_comment = date.fromisoformat(meta.first_comment_day) if meta.first_comment_day else None
    not_before, not_after = (published, published) if published else writing_window(named, first_comment,
                                                                                     url=meta.url)
    return PageFeatures(
        doc_id=meta.doc_id, version=meta.version, outlet=meta.outlet, published=published,
        terms=terms, entities=frozenset(entities), dates=days,
        not_before=not_before, not_after=not_after, likely=published or first_comment or named,
        specifics=dict(specifics or {}),
    )


def load_features(store: Store, *, doc_ids: Iterable[str] | None = None) -> list[PageFeatures]:
    """Features of the latest version of every stored document (or of ``doc_ids``), in id order.

    A page's word counts are computed from its text once per version and kept (``page_terms``), so a
    linking pass reads no page text but the new pages'. Given ``doc_ids``, only those pages' rows are
    read (an incremental pass loads its new pages and their candidate neighbours, never the store)."""
    ids = sorted(set(doc_ids)) if doc_ids is not None else None
    if ids == []:
        return []
    entities = _reading_keys(store, ids)
    dates = _reading_dates(store, ids)
    specific = reading_specifics(store, ids)
    metas = latest_page_meta(store, ids)
    terms = _term_counts(store, metas, ids)
    return [
        _features(m, terms[m.doc_id], entities=entities.get(m.doc_id, ()), dates=dates.get(m.doc_id, ()),
                  specifics=specific.get(m.doc_id, Counter()) + Counter(entities.get(m.doc_id, ())))
        for m in metas
    ]


def _term_counts(store: Store, metas: Iterable[PageMeta], ids: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Word counts of these page versions: kept ones read back, the others computed from the text and kept."""
    kept = load_page_terms(store, ids)
    counts = {m.doc_id: json.loads(kept[(m.doc_id, m.version)]) for m in metas if (m.doc_id, m.version) in kept}
    missing = [(m.doc_id, m.version) for m in metas if m.doc_id not in counts]
    new: list[tuple[str, int, str]] = []
    for doc in store.get_documents(missing):
        counts[doc.doc_id] = dict(term_counts(doc))
        new.append((doc.doc_id, doc.version, json.dumps(counts[doc.doc_id], ensure_ascii=False)))
    save_page_terms(store, new)
    return counts


def _among(column: str, ids: list[str] | None, *, where: bool = False) -> tuple[str, list[object]]:
    """An SQL condition keeping rows of ``ids`` (none when ``ids`` is ``None``) and its parameters."""
    if ids is None:
        return "", []
    return f" {'WHERE' if where else 'AND'} {column} IN (SELECT unnest(?))", [ids]


def _reading_keys(store: Store, ids: list[str] | None = None) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    among, params = _among("m.doc_id", ids)
    for doc_id, actor_id in store.con.execute(
        "SELECT DISTINCT m.doc_id, m.actor_id FROM actor_mentions m JOIN actors a USING (actor_id) "
        "WHERE a.kind NOT IN ('role', 'group')" + among, params
    ).fetchall():
        keys[doc_id].add(f"actor:{actor_id}")
    among, params = _among("doc_id", ids)
    for doc_id, geonames_id, name in store.con.execute(
        "SELECT DISTINCT doc_id, geonames_id, lower(name) FROM place_mentions WHERE name IS NOT NULL" + among, params
    ).fetchall():
        keys[doc_id].add(f"place:{geonames_id}" if geonames_id is not None else f"place:{name}")
    return keys


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecificsConfig:
    """Which stored readings are salient specifics (``data/link/specifics.json``)."""

    name_labels: frozenset[str]
    number_labels: frozenset[str]
    date_labels: frozenset[str]
    time_precisions: frozenset[str]
    name_stop_words: frozenset[str]


@cache
def specifics_config() -> SpecificsConfig:
    """The specifics settings shipped with the package (loaded once)."""
    raw = json.loads(SPECIFICS_PATH.read_text(encoding="utf-8"))
    return SpecificsConfig(**{k: frozenset(v) for k, v in raw.items() if not k.startswith("_")})


def name_keys(text: str) -> list[str]:
    """``n:<word>`` for every word of a name (lower case, possessive cut, joining words dropped)."""
    stop = specifics_config().name_stop_words
    found = []
    for token in _TOKEN_RE.findall(text):
        word = token.lower().replace("’", "'").removesuffix("'s")
        if len(word) > 1 and word not in stop and not word.isdigit():
            found.append(f"n:{word}")
    return found


def number_keys(text: str) -> list[str]:
    """``#:<number>`` for every number written in digits (thousands separators dropped)."""
    return [f"#:{m.replace(',', '')}" for m in _NUMBER_RE.findall(text)]


def time_key(text: str, value: str | None, precision: str | None) -> str | None:
    """``t:<value>`` for a resolved day, month or year; ``t:<words>`` for an unresolved one that names a
    month ("November 26", "in September"); else ``None``: an unresolved weekday, "today" or "last year"
    counts from an unknown day, so two pages saying "on Friday" share nothing that tells the event."""
    if precision not in specifics_config().time_precisions:
        return None
    if value and _TIME_VALUE_RE.match(value):
        return f"t:{value}"
    spoken = [w.lower() for w in _TOKEN_RE.findall(text)]
    if not any(_MONTH_WORD_RE.match(w) for w in spoken):
        return None
    return "t:" + " ".join(spoken)


def specific_keys(label: str, text: str) -> list[str]:
    """The specifics one entity mention contributes: its name words, or its numbers."""
    config = specifics_config()
    if label in config.name_labels:
        return name_keys(text)
    if label in config.number_labels or label in config.date_labels:
        return number_keys(text)
    return []


def reading_specifics(store: Store, ids: list[str] | None = None) -> dict[str, Counter[str]]:
    """Each page's (or each of ``ids``') salient specifics, counted per mention: the words of its named
    entities, the numbers it writes in digits, and the days, months and years it names (``time_expressions``)."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    among, params = _among("e.doc_id", ids, where=True)
    for doc_id, label, text in store.con.execute(
        "SELECT e.doc_id, e.label, e.text FROM entity_mentions e JOIN "
        "(SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) d USING (doc_id, version)" + among,
        params
    ).fetchall():
        found[doc_id].update(specific_keys(label, text))
    among, params = _among("t.doc_id", ids, where=True)
    for doc_id, text, value, precision in store.con.execute(
        "SELECT t.doc_id, t.text, t.value, t.precision FROM time_expressions t JOIN "
        "(SELECT doc_id, max(version) AS version FROM documents GROUP BY doc_id) d USING (doc_id, version)" + among,
        params
    ).fetchall():
        key = time_key(text, value, precision)
        if key:
            found[doc_id][key] += 1
    return found


def _reading_dates(store: Store, ids: list[str] | None = None) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    among, params = _among("doc_id", ids)
    for doc_id, value in store.con.execute(
        "SELECT DISTINCT doc_id, value FROM time_expressions WHERE precision = 'day' AND value IS NOT NULL" + among,
        params
    ).fetchall():
        found[doc_id].add(value[:10])
    for doc_id, value in store.con.execute(
        "SELECT DISTINCT doc_id, date FROM events WHERE date_precision = 'day' AND date IS NOT NULL "
        "AND NOT negated AND NOT hypothetical" + among, params
    ).fetchall():
        found[doc_id].add(value[:10])
    return found


def idf_table(
    keys_per_page: Iterable[Iterable[str]], *, offset: float = 1.0, prior: float = 0.0
) -> tuple[dict[str, float], int]:
    """Smoothed inverse document frequency ``ln((1 + n + prior) / (1 + df)) + offset`` of every key, and ``n``.

    ``prior`` counts imagined pages lacking every key, so that in a small corpus a key all pages share
    still weighs something, while in a large one it weighs next to nothing (with ``offset`` 0).
    """
    df: Counter[str] = Counter()
    n = 0
    for keys in keys_per_page:
        df.update(set(keys))
        n += 1
    return {k: math.log((1 + n + prior) / (1 + c)) + offset for k, c in df.items()}, n


def weighted(counts: Mapping[str, int | float], idf: Mapping[str, float], *, default_idf: float) -> SparseVector:
    """A unit-length vector of ``(1 + ln tf) * idf`` weights."""
    vector = {k: (1.0 + math.log(c)) * idf.get(k, default_idf) for k, c in counts.items() if c > 0}
    return normalised(vector)


def normalised(vector: Mapping[str, float]) -> SparseVector:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterates over the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())
