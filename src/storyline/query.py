"""The query layer: every filter a person can ask for, with pagination, as typed records.

The CLI list commands, the web app and its JSON API all call these functions; none of them writes
SQL of its own (the statements live in ``storyline.store.queries``). Filters:

- ``actors``: one actor (stories it takes part in on either side) or a pair (one on each side, either
  direction), each a country/organisation code (``PAK``, ``NATO``), a canonical actor id, or a name
  or spelling (``Yousuf`` for Yousaf) that :func:`resolve_actor` turns into the one actor it names;
- ``types`` (PLOVER), ``quad_classes`` (1 verbal cooperation ... 4 material conflict), ``since`` and
  ``until`` (ISO prefixes, inclusive, on the story's place in time), ``min_sources``, ``doc_ids``
  (stories reported by these pages), ``story_ids``, ``text`` (words in an evidence sentence, a side's
  name or the place);
- ``limit`` (1..``MAX_LIMIT``) and ``offset``.

A story is placed in time by its date (``reported`` by a page, or ``inferred`` by linking), else by
the day its first page was published (``published``); a story with neither is ``undated`` and a
timeline lists it apart, never at a made-up place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from storyline.errors import Errors, StoreError, StorylineError
from storyline.store.database import Store
from storyline.store import queries as sql
from storyline.store.queries import StoryConditions

if TYPE_CHECKING:
    from storyline.events.records import Event

DEFAULT_LIMIT = 100
MAX_LIMIT = 500
# an actor spelling matches a name or alias word at least this similar (Jaro-Winkler)
NAME_SIMILARITY = 0.8
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

T = TypeVar("T")
Period = Literal["week", "month"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Generic[T]):
    """One page of results: ``items`` from ``offset``, of ``total`` matching."""

    total: int
    limit: int
    offset: int
    items: tuple[T, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryQuery:
    """Which stories to list (see the module docstring)."""

    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    since: str | None = None
    until: str | None = None
    min_sources: int = 1
    doc_ids: tuple[str, ...] = ()
    story_ids: tuple[str, ...] = ()
    text: str | None = None
    limit: int = DEFAULT_LIMIT
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Side:
    """A participant of a story on one side, by name and code."""

    actor_id: str | None
    name: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    text: str | None
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One page's report of a story: the page (outlet, URL, publication date) and its evidence sentence."""

    event_id: str
    doc_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    evidence: str | None
    reported_date: str | None
    inferred_date: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """One value the reports give for a field, and the pages giving it."""

    field: str
    value: str
    doc_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryItem:
    """A story event as listed: when (and from where), what, who, where, its evidence and sources."""

    story_id: str
    type: str
    canonical_event_id: str
    when: str | None
    date_source: str
    date_precision: str | None
    quad_class: int | None
    goldstein: float | None
    actors: tuple[Side, ...]
    recipients: tuple[Side, ...]
    place: Place | None
    evidence: str | None
    pages: int
    sources: int
    reports: tuple[Report, ...]
    disagreements: tuple[Disagreement, ...]
    disputed: tuple[str, ...]  # the fields the sources disagree on


@dataclass(frozen=True, slots=True, kw_only=True)
class SeriesPoint:
    """One week (``2012-W13``) or month (``2012-03``): stories per quad class, Goldstein sum and mean."""

    period: str
    events: int
    cooperation: int
    conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad_counts: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    """Placed stories (a page of them, oldest first), the undated ones apart, and the whole series."""

    actors: tuple[str, ...]
    since: str | None
    until: str | None
    total: int
    limit: int
    offset: int
    entries: tuple[StoryItem, ...]
    undated_total: int
    undated: tuple[StoryItem, ...]
    series: tuple[SeriesPoint, ...]


# -- checking filters ------------------------------------------------------------------------------


def check_bound(value: str | None, *, option: str = "--since") -> str | None:
    """``value`` when it is an ISO date or prefix (``2012``, ``2012-03``, ``2012-03-28``); else
    ``StorylineError`` E304 naming ``option``. ``None`` and ``""`` are an open bound."""
    if not value:
        return None
    parts = value.split("-")
    padded = [*parts, *["01"] * (3 - len(parts))]
    try:
        valid = (len(parts) <= 3 and len(parts[0]) == 4 and all(len(p) == 2 for p in parts[1:])
                 and all(p.isdigit() for p in parts) and date(*map(int, padded)) is not None)
    except ValueError:
        valid = False
    if not valid:
        raise StorylineError(Errors.E304.format(option=option, value=value))
    return value


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise StorylineError(Errors.E602.format(name="limit", value=limit, detail=f"expected 1 to {MAX_LIMIT}"))
    if offset < 0:
        raise StorylineError(Errors.E602.format(name="offset", value=offset, detail="expected 0 or more"))


def resolve_actor(store: Store, value: str) -> str:
    """A code or actor id as given (``PAK``, ``person:...``), else the one actor a name or spelling
    names best; an actor nothing matches raises E608 with the nearest names."""
    known = sql.known_code(store, (value, value.upper()))
    if known is not None:
        return known
    _total, rows = sql.actor_search(store, text=value, country=None, sector=None, kind=None,
                                    min_similarity=NAME_SIMILARITY, limit=2, offset=0)
    if rows and (len(rows) == 1 or rows[0][-1] > rows[1][-1]):
        return rows[0][0]
    _total, near = sql.actor_search(store, text=value, country=None, sector=None, kind=None, min_similarity=0.6,
                                    limit=5, offset=0)
    hint = f"; did you mean {', '.join(repr(r[0]) for r in near)}?" if near else " (no actor or code like it is stored)"
    raise StorylineError(Errors.E608.format(value=value, hint=hint))


def _conditions(store: Store, q: StoryQuery) -> StoryConditions:
    if len(q.actors) > 2:
        raise StorylineError(Errors.E609.format(count=len(q.actors)))
    for quad in q.quad_classes:
        if quad not in QUAD_CLASSES:
            raise StorylineError(Errors.E602.format(name="quad_class", value=quad, detail="expected 1, 2, 3 or 4"))
    if q.min_sources < 1:
        raise StorylineError(Errors.E602.format(name="min_sources", value=q.min_sources, detail="expected 1 or more"))
    check_page(q.limit, q.offset)
    return StoryConditions(
        actors=tuple(resolve_actor(store, a) for a in q.actors), types=tuple(t.upper() for t in q.types),
        quad_classes=q.quad_classes, since=check_bound(q.since, option="since"),
        until=check_bound(q.until, option="until"), min_sources=q.min_sources, doc_ids=q.doc_ids,
        story_ids=q.story_ids, text=q.text or None)


# -- stories -----------------------------------------------------------------------------------------


def stories(store: Store, q: StoryQuery) -> Page[StoryItem]:
    """Stories matching ``q`` in time order (undated last), one page of them."""
    c = _conditions(store, q)
    total, rows = sql.story_page(store, c, limit=q.limit, offset=q.offset)
    return Page(total=total, limit=q.limit, offset=q.offset, items=tuple(_items(store, rows)))


def story(store: Store, story_id: str) -> StoryItem:
    """One story with every report and disagreement; E205 when there is none."""
    total, rows = sql.story_page(store, StoryConditions(story_ids=(story_id,)), limit=1, offset=0)
    if not total:
        raise StoreError(Errors.E205.format(story_id=story_id))
    return _items(store, rows)[0]


def timeline(store: Store, q: StoryQuery, *, period: Period = "month") -> Timeline:
    """The placed stories of one actor or a pair (a page of them), the undated ones apart (the first
    ``limit``), and the cooperation/conflict series of every placed story matching."""
    if period not in ("month", "week"):
        raise StorylineError(Errors.E303.format(period=period))
    c = _conditions(store, q)
    total, rows = sql.story_page(store, replace(c, placement="placed"), limit=q.limit, offset=q.offset)
    undated_total, undated_rows = (0, []) if c.since or c.until else sql.story_page(
        store, replace(c, placement="undated"), limit=q.limit, offset=0)
    items = _items(store, [*rows, *undated_rows])
    points = sql.story_points(store, c)
    return Timeline(actors=q.actors, since=c.since, until=c.until, total=total, limit=q.limit, offset=q.offset,
                    entries=tuple(items[: len(rows)]), undated_total=undated_total,
                    undated=tuple(items[len(rows):]), series=tuple(series(points, period=period)))


def _items(store: Store, rows: Sequence[tuple[str, str | None, str]]) -> list[StoryItem]:
    found = sql.story_records(store, [r[0] for r in rows])
    return [_item(found[story_id], placed, placed_by) for story_id, placed, placed_by in rows if story_id in found]


def _item(s: dict[str, Any], placed: str | None, placed_by: str) -> StoryItem:
    place = (Place(text=s["location_text"], country=s["location_country"], lat=s["location_lat"],
                   lon=s["location_lon"]) if s["location_text"] or s["location_country"] else None)
    reports = tuple(Report(**r) for r in s["reports"])
    disagreements = tuple(Disagreement(field=d["field"], value=d["value"], doc_ids=tuple(d["doc_ids"]))
                          for d in s["disagreements"])
    return StoryItem(
        story_id=s["story_id"], type=s["type"], canonical_event_id=s["canonical_event_id"], when=placed, date_source=placed_by,
        date_precision=s["date_precision"] if s["date"] else ("day" if placed else None),
        quad_class=s["quad_class"], goldstein=s["goldstein"], actors=_sides(s["sides"], "actor"),
        recipients=_sides(s["sides"], "recipient"), place=place,
        evidence=next((r.evidence for r in reports if r.event_id == s["canonical_event_id"]), None),
        pages=s["pages"], sources=s["sources"], reports=reports, disagreements=disagreements,
        disputed=tuple(dict.fromkeys(d.field for d in disagreements)))


def _sides(sides: list[dict[str, Any]], side: str) -> tuple[Side, ...]:
    return tuple(Side(actor_id=p["actor_id"], name=p["name"], country=p["country"], sector=p["sector"])
                 for p in sides if p["side"] == side)


def period_of(when: str, period: Period) -> str:
    """The week (ISO ``YYYY-Www``) or month (``YYYY-MM``) of an ISO date; a month date stays a month."""
    if period == "month" or len(when) < 10:
        return when[:7]
    year, week, _ = date.fromisoformat(when[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def series(points: Sequence[tuple[str, str, int | None, float | None]], *, period: Period = "month") -> list[SeriesPoint]:
    """Stories per quad class, Goldstein sum and mean, by week or month, oldest first."""
    buckets: dict[str, list[tuple[int | None, float | None]]] = defaultdict(list)
    for _story_id, when, quad, goldstein in points:
        buckets[period_of(when, period)].append((quad, goldstein))
    found = []
    for key, entries in sorted(buckets.items()):
        scores = [g for _q, g in entries if g is not None]
        quads = Counter(q for q, _g in entries if q is not None)
        found.append(SeriesPoint(
            period=key, events=len(entries), cooperation=quads[1] + quads[2], conflict=quads[3] + quads[4],
            goldstein_sum=round(sum(scores), 3), goldstein_mean=round(sum(scores) / len(scores), 3) if scores else None,
            quad_counts=dict(sorted(quads.items()))))
    return found


# -- the map -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class MapPoint:
    story_id: str
    when: str | None
    date_source: str
    type: str
    place: str | None
    lat: float
    lon: float
    quad_class: int | None


def map_points(store: Store, q: StoryQuery) -> tuple[MapPoint, ...]:
    """Stories with coordinates matching ``q`` (at most ``q.limit``)."""
    c = _conditions(store, q)
    return tuple(MapPoint(story_id=r[0], when=r[1], date_source=r[2], type=r[3], place=r[4], lat=r[5], lon=r[6],
                          quad_class=r[7]) for r in sql.map_points(store, c, limit=q.limit))


# -- actors ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorItem:
    """A canonical actor: names, country and sector with the words that gave them, mentions."""

    actor_id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    affiliations: tuple[str, ...]
    country_evidence: str | None
    sector_evidence: str | None
    mentions: int
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    doc_id: str
    start: int
    end: int
    text: str
    before: str
    after: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Counterpart:
    actor_id: str | None
    name: str | None
    country: str | None
    stories: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ReaderStance:
    """What readers' comments said of an actor in one period (month, or ``undated``)."""

    period: str
    comments: int
    supportive: int
    critical: int
    neutral: int
    mean_toxicity: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorDetail:
    actor: ActorItem
    stories: Page[StoryItem]
    counterparts: tuple[Counterpart, ...]
    mentions: tuple[Mention, ...]
    reader_stance: tuple[ReaderStance, ...] = ()


def actors(store: Store, *, text: str | None = None, country: str | None = None, sector: str | None = None,
           kind: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page[ActorItem]:
    """Canonical actors: with ``text``, those a spelling matches (a word of the name or an alias at
    least ``NAME_SIMILARITY`` alike, or text inside one), best first; else the most mentioned first."""
    check_page(limit, offset)
    total, rows = sql.actor_search(store, text=text or None, country=country.upper() if country else None,
                                   sector=sector.upper() if sector else None, kind=kind,
                                   min_similarity=NAME_SIMILARITY if text else 0.0, limit=limit, offset=offset)
    return Page(total=total, limit=limit, offset=offset, items=tuple(_actor(r) for r in rows))


def _actor(r: tuple) -> ActorItem:
    return ActorItem(actor_id=r[0], name=r[1], kind=r[2], aliases=tuple(r[3] or ()), country=r[4], sector=r[5],
                     affiliations=tuple(r[6] or ()), country_evidence=r[7], sector_evidence=r[8], mentions=r[9],
                     score=round(float(r[10]), 3))


def actor(store: Store, actor_id: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> ActorDetail:
    """One actor with its stories (a page of them), counterparts and first mentions in context."""
    row = sql.actor_row(store, actor_id)
    if row is None:
        raise StoreError(Errors.E204.format(actor_id=actor_id))
    listed = stories(store, StoryQuery(actors=(actor_id,), limit=limit, offset=offset))
    return ActorDetail(
        actor=_actor(row), stories=listed,
        counterparts=tuple(Counterpart(actor_id=r[0], name=r[1], country=r[2], stories=r[3])
                           for r in sql.actor_counterparts(store, actor_id, limit=20)),
        mentions=tuple(Mention(doc_id=r[0], start=r[1], end=r[2], text=r[3], before=r[4], after=r[5])
                       for r in sql.actor_mentions(store, actor_id, limit=50)),
        reader_stance=reader_stance(store, actor_id))


def reader_stance(store: Store, actor_id: str) -> tuple[ReaderStance, ...]:
    """The actor's reader-stance series by month (:func:`storyline.comments.query.aggregates`)."""
    from storyline.comments.query import aggregates

    rows = sorted(aggregates(store, by="actor", period="month", key=actor_id), key=lambda a: a.period)
    return tuple(ReaderStance(period=a.period, comments=a.comments, supportive=a.supportive, critical=a.critical,
                              neutral=a.neutral, mean_toxicity=a.to_json()["mean_toxicity"]) for a in rows)


# -- documents ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentItem:
    doc_id: str
    version: int
    format: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    published_source: str


def documents(store: Store, *, text: str | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page[DocumentItem]:
    """Stored documents (latest versions) in id order; ``text`` in the title or id."""
    check_page(limit, offset)
    total, rows = sql.document_page(store, text=text or None, limit=limit, offset=offset)
    return Page(total=total, limit=limit, offset=offset, items=tuple(
        DocumentItem(doc_id=r[0], version=r[1], format=r[2], url=r[3], outlet=r[4], title=r[5],
                     published=r[6].isoformat() if r[6] else None, published_source=r[7]) for r in rows))


# -- events ------------------------------------------------------------------------------------------


def events(store: Store, *, types: Sequence[str] = (), actor: str | None = None, since: str | None = None,
           until: str | None = None, include_all: bool = False, limit: int | None = None) -> list[Event]:
    """Coded events in date order (undated last): of these PLOVER types, with a side coded ``actor``
    (a country/organisation code or an actor id), dated from ``since`` to ``until``; negated and
    hypothetical ones only with ``include_all``."""
    from storyline.store.events import load_events_by_id

    ids = sql.event_ids(store, types=tuple(t.upper() for t in types), actor=actor,
                        since=check_bound(since, option="--since"), until=check_bound(until, option="--until"),
                        factual_only=not include_all, limit=limit)
    found = {e.event_id: e for e in load_events_by_id(store, ids)}
    return [found[i] for i in ids if i in found]
