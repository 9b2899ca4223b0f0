"""Story events in the store: one real-world event, every page that reports it, where they disagree.

Tables (migration 5): ``story_events`` (canonical fields), ``story_sides``, ``story_reports`` (one
row per linked factual event, with the date inferred for an undated report), ``story_disagreements``,
and the linker's working tables ``story_blocks`` (blocking keys of every linked event) and
``story_links`` (scored candidate pairs that passed the threshold). A linking pass replaces the
stories it touched in one transaction, so a cut-off pass leaves the previous stories whole.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from storyline.segment.urldate import writing_window
from storyline.store.database import Store, insert_rows

log = logging.getLogger(__name__)

STORY_TABLES = ("story_events", "story_sides", "story_reports", "story_disagreements", "story_blocks", "story_links",
                "story_page_state")


@dataclass(frozen=True, slots=True, kw_only=True)
class StorySide:
    """One participant of a story event on one side (``actor`` or ``recipient``)."""

    side: str
    seq: int
    actor_id: str | None
    name: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryReport:
    """One page's report of a story event; ``inferred_date`` is set when the page gave no date."""

    event_id: str
    doc_id: str
    inferred_date: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Disagreement:
    """One value reports give for a field (``date``, ``place``, ``number:soldiers``) and the pages giving it."""

    field: str
    value: str
    doc_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryEvent:
    """One real-world event: canonical fields chosen from its reports, and the reports themselves."""

    story_id: str
    type: str
    canonical_event_id: str
    pages: int
    sources: int
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    location_text: str | None = None
    location_country: str | None = None
    location_lat: float | None = None
    location_lon: float | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    sides: tuple[StorySide, ...] = ()
    reports: tuple[StoryReport, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PageInfo:
    """What linking needs of a page: publication date, outlet and its independent-source key."""

    doc_id: str
    published: str | None
    outlet: str | None
    source: str
    page_story: str | None = None
    reference: str | None = None

    @property
    def date_hint(self) -> str | None:
        """The page's publication date, else its reference date (what its undated events are filed near)."""
        return self.published or self.reference


# -- reading what linking needs ------------------------------------------------------------------


def page_infos(store: Store) -> dict[str, PageInfo]:
    """Every stored page (latest version); near-duplicates share their representative's source key.

    The source key is the representative page's outlet when known, else the representative's id:
    syndicated copies and two articles of one outlet count as one independent source.
    """
    rows = store.con.execute(
        """
        WITH latest AS (SELECT doc_id, arg_max(published, version) AS published, arg_max(outlet, version) AS outlet
                        FROM documents GROUP BY doc_id)
        SELECT l.doc_id, l.published, l.outlet, coalesce(n.duplicate_of, l.doc_id), h.outlet
        FROM latest l LEFT JOIN near_duplicates n ON n.doc_id = l.doc_id
        LEFT JOIN latest h ON h.doc_id = coalesce(n.duplicate_of, l.doc_id)
        """
    ).fetchall()
    stories = _page_stories(store)
    published = {r[0]: r[1].isoformat() for r in rows if r[1]}
    references = _reference_dates(store, stories, published)
    return {r[0]: PageInfo(doc_id=r[0], published=published.get(r[0]), outlet=r[2],
                           source=f"outlet:{r[4]}" if r[4] else f"page:{r[3]}", page_story=stories.get(r[0]),
                           reference=references.get(r[0])) for r in rows}


def _page_stories(store: Store) -> dict[str, str]:
    """Page → its page story (pages reporting the same news event), for pages in a story of two or more."""
    try:
        rows = store.con.execute(
            "SELECT doc_id, story_id FROM page_stories WHERE story_id IN "
            "(SELECT story_id FROM page_stories GROUP BY story_id HAVING count(*) > 1)").fetchall()
    except duckdb.Error as e:  # an old store without the page-story table
        log.debug("no page stories: %s", e)
        return {}
    return dict(rows)


def _reference_dates(store: Store, stories: Mapping[str, str], published: Mapping[str, str]) -> dict[str, str]:
    """Undated pages → a date the page is about: its page story's middle publication date; else its
    own (the latest day its text names, time expressions of kind ``date``, kept inside the month its
    URL names: the month's last day when it names no day of that month); else, in a page story with
    no publication date, the middle of its fellow pages' own reference dates."""
    own = _own_references(store, published)
    by_story: dict[str, list[str]] = defaultdict(list)
    for doc_id, story in stories.items():
        if doc_id in published:
            by_story[story].append(published[doc_id])
    found: dict[str, str] = {}
    for doc_id, story in stories.items():
        dates = sorted(by_story.get(story, ()))
        if doc_id not in published and dates:
            found[doc_id] = _middle(dates)
    found.update((d, r) for d, r in own.items() if d not in found)
    fellows: dict[str, list[str]] = defaultdict(list)
    for doc_id, story in stories.items():
        if doc_id in own and story not in by_story:
            fellows[story].append(own[doc_id])
    for doc_id, story in stories.items():
        if doc_id not in published and doc_id not in found and fellows.get(story):
            found[doc_id] = _middle(sorted(fellows[story]))
    return found


def _middle(dates: Sequence[str]) -> str:
    return dates[(len(dates) - 1) // 2]


def _own_references(store: Store, published: Mapping[str, str]) -> dict[str, str]:
    """Undated pages → the latest day their text names, kept inside the month their URL names."""
    named = dict(_latest_named_days(store))
    found: dict[str, str] = {}
    for doc_id, url in store.con.execute(
            "SELECT doc_id, arg_max(url, version) FROM documents GROUP BY doc_id").fetchall():
        if doc_id not in published:
            day = date.fromisoformat(named[doc_id]) if doc_id in named else None
            lower, upper = writing_window(day, None, url=url)
            reference = day if day is not None and lower == day else upper
            if reference is not None:
                found[doc_id] = reference.isoformat()
    return found


def _latest_named_days(store: Store) -> list[tuple[str, str]]:
    try:
        return store.con.execute(
            "SELECT doc_id, max(value[1:10]) FROM time_expressions WHERE kind = 'date' AND precision = 'day' "
            "AND value IS NOT NULL AND length(value) >= 10 GROUP BY doc_id").fetchall()
    except duckdb.Error as e:
        log.debug("no time expressions: %s", e)
        return []


def factual_event_ids(store: Store, doc_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Every stored factual event (neither negated nor hypothetical), or those of ``doc_ids``, → its page."""
    if doc_ids is None:
        return dict(store.con.execute(
            "SELECT event_id, doc_id FROM events WHERE NOT negated AND NOT hypothetical").fetchall())
    return dict(store.con.execute(
        "SELECT event_id, doc_id FROM events WHERE NOT negated AND NOT hypothetical "
        "AND doc_id IN (SELECT unnest(?))", [sorted(set(doc_ids))]).fetchall())


def lead_event_ids(store: Store, doc_ids: Iterable[str] | None = None) -> set[str]:
    """The first factual event (by evidence position, then id) of each page, or of each of ``doc_ids``:
    the news it reports."""
    if doc_ids is None:
        return {r[0] for r in store.con.execute(
            "SELECT arg_min(event_id, (evidence_start, event_id)) FROM events "
            "WHERE NOT negated AND NOT hypothetical GROUP BY doc_id").fetchall()}
    ids = sorted(set(doc_ids))
    if not ids:
        return set()
    return {r[0] for r in store.con.execute(
        "SELECT arg_min(event_id, (evidence_start, event_id)) FROM events "
        "WHERE NOT negated AND NOT hypothetical AND doc_id IN (SELECT unnest(?)) GROUP BY doc_id", [ids]).fetchall()}


def unlinked_factual_events(store: Store) -> set[str]:
    """Stored factual events that no story reports yet."""
    return {r[0] for r in store.con.execute(
        "SELECT event_id FROM events e WHERE NOT negated AND NOT hypothetical "
        "AND NOT EXISTS (SELECT 1 FROM story_reports r WHERE r.event_id = e.event_id)").fetchall()}


def linked_gone_events(store: Store) -> set[str]:
    """Events stories report that are no longer stored as factual events."""
    return {r[0] for r in store.con.execute(
        "SELECT event_id FROM story_reports r WHERE NOT EXISTS (SELECT 1 FROM events e "
        "WHERE e.event_id = r.event_id AND NOT negated AND NOT hypothetical)").fetchall()}


def linked_among(store: Store, event_ids: Iterable[str]) -> set[str]:
    """Those of ``event_ids`` a story reports."""
    ids = sorted(set(event_ids))
    if not ids:
        return set()
    return {r[0] for r in store.con.execute(
        "SELECT event_id FROM story_reports WHERE event_id IN (SELECT unnest(?))", [ids]).fetchall()}


def linked_event_ids(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT event_id FROM story_reports").fetchall()}


def changed_page_state(store: Store, pages: Mapping[str, PageInfo]) -> list[str]:
    """Pages whose page story or date hint (what their events were linked with) changed since the last
    linking pass, and record the current ones (inside the caller's transaction).

    Linking reads of a page story only whether two pages share it, so a story only renamed (its id
    derives from its first page) changes nothing: a page whose story went from ``A`` to ``B`` where
    every page linked before that was in ``A`` is now in ``B`` and every such page now in ``B`` was in
    ``A`` is not listed (pages new to the pass do not count: their events are linked anyway)."""
    store.con.execute("CREATE OR REPLACE TEMP TABLE _page_state (doc_id VARCHAR, page_story VARCHAR, date_hint VARCHAR)")
    _insert(store, "_page_state", [[p.doc_id, p.page_story, p.date_hint] for p in pages.values()])
    changed = [r[0] for r in store.con.execute(
        """
        WITH moved AS (SELECT n.doc_id, o.page_story AS old, n.page_story AS new, o.date_hint AS old_hint,
                              n.date_hint AS new_hint
                       FROM _page_state n JOIN story_page_state o USING (doc_id)),
             renamed AS (SELECT DISTINCT p.old, p.new FROM moved p
                         WHERE p.old IS NOT NULL AND p.new IS NOT NULL AND p.old <> p.new
                         AND NOT EXISTS (SELECT 1 FROM moved m WHERE m.old = p.old AND m.new IS DISTINCT FROM p.new)
                         AND NOT EXISTS (SELECT 1 FROM moved m WHERE m.new = p.new AND m.old IS DISTINCT FROM p.old))
        SELECT doc_id FROM moved m WHERE m.new_hint IS DISTINCT FROM m.old_hint
        OR (m.new IS DISTINCT FROM m.old AND NOT EXISTS (SELECT 1 FROM renamed r WHERE r.old = m.old AND r.new = m.new))
        ORDER BY doc_id
        """).fetchall()]
    store.con.execute("INSERT OR REPLACE INTO story_page_state SELECT n.* FROM _page_state n "
                      "LEFT JOIN story_page_state o USING (doc_id) WHERE o.doc_id IS NULL "
                      "OR n.page_story IS DISTINCT FROM o.page_story OR n.date_hint IS DISTINCT FROM o.date_hint")
    store.con.execute("DROP TABLE _page_state")
    return changed


def linked_events_of(store: Store, doc_ids: Iterable[str]) -> set[str]:
    """The linked events of these pages."""
    ids = sorted(set(doc_ids))
    if not ids:
        return set()
    return {r[0] for r in store.con.execute(
        "SELECT event_id FROM story_reports WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()}


# -- blocks and links ---------------------------------------------------------------------------


def insert_blocks(store: Store, rows: Sequence[tuple[str, str, int | None]]) -> None:
    """File events under blocks: ``(event_id, block, bucket)``."""
    _insert(store, "story_blocks", [list(r) for r in rows])


def probe_blocks(store: Store, rows: Sequence[tuple[str, str, int | None]], *, reach: int) -> dict[str, set[str]]:
    """For each probing event, the filed events sharing a block at a bucket at most ``reach`` away."""
    if not rows:
        return {}
    store.con.execute("CREATE OR REPLACE TEMP TABLE _probe (event_id VARCHAR, block VARCHAR, bucket INTEGER)")
    _insert(store, "_probe", [list(r) for r in rows])
    found: dict[str, set[str]] = defaultdict(set)
    # Equality joins only (block and bucket, the probe's bucket spread over the reach), so the work is
    # the candidates found, not every stored event of a block; events without a bucket meet their whole block.
    for a, b in store.con.execute(
        """
        WITH spread AS (SELECT p.event_id, p.block, p.bucket + d.range AS bucket FROM _probe p, range(-?, ? + 1) d
                        WHERE p.bucket IS NOT NULL),
             undated AS (SELECT event_id, block FROM story_blocks WHERE bucket IS NULL)
        SELECT p.event_id, s.event_id FROM spread p JOIN story_blocks s ON s.block = p.block AND s.bucket = p.bucket
        UNION SELECT p.event_id, s.event_id FROM _probe p JOIN story_blocks s ON s.block = p.block
              WHERE p.bucket IS NULL
        UNION SELECT p.event_id, s.event_id FROM _probe p JOIN undated s ON s.block = p.block
        """,
        [reach, reach],
    ).fetchall():
        if a == b:
            continue
        found[a].add(b)
    store.con.execute("DROP TABLE _probe")
    return dict(found)


def insert_links(store: Store, rows: Sequence[tuple[str, str, float]]) -> None:
    _insert(store, "story_links", [list(r) for r in rows])


def links_touching(store: Store, event_ids: Iterable[str]) -> list[tuple[str, str, float]]:
    ids = sorted(set(event_ids))
    if not ids:
        return []
    return store.con.execute(
        "SELECT event_a, event_b, score FROM story_links WHERE event_a IN (SELECT unnest(?)) "
        "OR event_b IN (SELECT unnest(?))", [ids, ids]).fetchall()


def stories_of(store: Store, event_ids: Iterable[str]) -> dict[str, set[str]]:
    """The stories holding any of ``event_ids`` → all their report event ids."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    members: dict[str, set[str]] = defaultdict(set)
    for story_id, event_id in store.con.execute(
        "SELECT story_id, event_id FROM story_reports WHERE story_id IN "
        "(SELECT story_id FROM story_reports WHERE event_id IN (SELECT unnest(?)))", [ids]).fetchall():
        members[story_id].add(event_id)
    return dict(members)


def forget_events(store: Store, event_ids: Iterable[str]) -> None:
    """Drop the blocks and links of events that are gone (inside the caller's transaction)."""
    ids = sorted(set(event_ids))
    if ids:
        store.con.execute("DELETE FROM story_blocks WHERE event_id IN (SELECT unnest(?))", [ids])
        store.con.execute("DELETE FROM story_links WHERE event_a IN (SELECT unnest(?)) "
                          "OR event_b IN (SELECT unnest(?))", [ids, ids])


def clear_stories(store: Store) -> None:
    with store.transaction():
        for table in STORY_TABLES:
            store.con.execute(f"DELETE FROM {table}")


# -- stories ------------------------------------------------------------------------------------


def replace_stories(store: Store, stories: Sequence[StoryEvent], *, forget: Iterable[str]) -> None:
    """Delete the stories ``forget`` and insert ``stories`` (inside the caller's transaction)."""
    ids = sorted(set(forget) | {s.story_id for s in stories})
    if ids:
        for table in ("story_events", "story_sides", "story_reports", "story_disagreements"):
            store.con.execute(f"DELETE FROM {table} WHERE story_id IN (SELECT unnest(?))", [ids])
    _insert(store, "story_events", [_story_values(s) for s in stories])
    _insert(store, "story_sides", [[s.story_id, p.side, p.seq, p.actor_id, p.name, p.country, p.sector]
                                   for s in stories for p in s.sides])
    _insert(store, "story_reports", [[s.story_id, r.event_id, r.doc_id, r.inferred_date]
                                     for s in stories for r in s.reports])
    _insert(store, "story_disagreements", [[s.story_id, d.field, d.value, list(d.doc_ids)]
                                           for s in stories for d in s.disagreements])


def _story_values(s: StoryEvent) -> list[Any]:
    return [s.story_id, s.type, s.date, s.date_precision, s.date_source, s.location_text, s.location_country,
            s.location_lat, s.location_lon, s.pages, s.sources, s.first_seen, s.last_seen, s.quad_class,
            s.goldstein, s.canonical_event_id]


def _insert(store: Store, table: str, rows: list[list[Any]]) -> None:
    insert_rows(store.con, table, rows)


_STORY_COLUMNS = ("story_id, type, date, date_precision, date_source, location_text, location_country, location_lat, "
                  "location_lon, pages, sources, first_seen, last_seen, quad_class, goldstein, canonical_event_id")


def load_stories(store: Store, story_ids: Iterable[str] | None = None) -> list[StoryEvent]:
    """Stored story events (all, or those named) with sides, reports and disagreements, by date then id."""
    where, params = ("WHERE story_id IN (SELECT unnest(?))", [sorted(set(story_ids))]) if story_ids is not None else ("", [])
    sides = _grouped(store, f"SELECT story_id, side, seq, actor_id, name, country, sector FROM story_sides {where} "
                            "ORDER BY story_id, side, seq", params)
    reports = _grouped(store, f"SELECT story_id, event_id, doc_id, inferred_date FROM story_reports {where} "
                              "ORDER BY story_id, doc_id, event_id", params)
    disagreements = _grouped(store, f"SELECT story_id, field, value, doc_ids FROM story_disagreements {where} "
                                    "ORDER BY story_id, field, value", params)
    rows = store.con.execute(f"SELECT {_STORY_COLUMNS} FROM story_events {where} "
                             "ORDER BY date NULLS LAST, story_id", params).fetchall()
    return [_story(r, sides.get(r[0], []), reports.get(r[0], []), disagreements.get(r[0], [])) for r in rows]


def _grouped(store: Store, sql: str, params: list[Any]) -> dict[str, list[tuple]]:
    groups: dict[str, list[tuple]] = defaultdict(list)
    for r in store.con.execute(sql, params).fetchall():
        groups[r[0]].append(r[1:])
    return groups


def _story(r: tuple, sides: list[tuple], reports: list[tuple], disagreements: list[tuple]) -> StoryEvent:
    return StoryEvent(
        story_id=r[0], type=r[1], date=r[2], date_precision=r[3], date_source=r[4], location_text=r[5],
        location_country=r[6], location_lat=r[7], location_lon=r[8], pages=r[9], sources=r[10], first_seen=r[11],
        last_seen=r[12], quad_class=r[13], goldstein=r[14], canonical_event_id=r[15],
        sides=tuple(StorySide(side=s[0], seq=s[1], actor_id=s[2], name=s[3], country=s[4], sector=s[5]) for s in sides),
        reports=tuple(StoryReport(event_id=x[0], doc_id=x[1], inferred_date=x[2]) for x in reports),
        disagreements=tuple(Disagreement(field=d[0], value=d[1], doc_ids=tuple(d[2])) for d in disagreements),
    )


def story_ids_by_event(store: Store) -> dict[str, str]:
    """Every linked event → its story id (for ``export events``' ``story_id`` column)."""
    return dict(store.con.execute("SELECT event_id, story_id FROM story_reports").fetchall())


def inferred_dates_by_event(store: Store) -> dict[str, str]:
    """Every linked event whose page gave it no date → the date its story lends it (``export events``'
    ``inferred_date`` column)."""
    return dict(store.con.execute(
        "SELECT event_id, inferred_date FROM story_reports WHERE inferred_date IS NOT NULL").fetchall())


def story_detail(store: Store, story_id: str) -> StoryEvent | None:
    """One story event with everything it holds, or ``None`` when there is no such story."""
    try:
        story_id.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes name no story
        return None
    found = load_stories(store, [story_id])
    return found[0] if found else None


def story_row(s: StoryEvent) -> dict[str, Any]:
    """A story event as an export row (the ``storyline export stories`` contract)."""
    return {
        "story_id": s.story_id, "type": s.type, "date": s.date, "date_precision": s.date_precision,
        "date_source": s.date_source,
        "location": ({"text": s.location_text, "country": s.location_country, "lat": s.location_lat,
                      "lon": s.location_lon} if s.location_text or s.location_country else None),
        "actors": [_side_row(p) for p in s.sides if p.side == "actor"],
        "recipients": [_side_row(p) for p in s.sides if p.side == "recipient"],
        "pages": s.pages, "sources": s.sources, "first_seen": s.first_seen, "last_seen": s.last_seen,
        "quad_class": s.quad_class, "goldstein": s.goldstein, "canonical_event_id": s.canonical_event_id,
        "reports": [{"event_id": r.event_id, "doc_id": r.doc_id, "inferred_date": r.inferred_date} for r in s.reports],
        "disagreements": [{"field": d.field, "value": d.value, "doc_ids": list(d.doc_ids)} for d in s.disagreements],
    }


def _side_row(p: StorySide) -> dict[str, Any]:
    return {"actor_id": p.actor_id, "name": p.name, "country": p.country, "sector": p.sector}


def story_rows(store: Store) -> list[dict[str, Any]]:
    """Export rows of every stored story event, by date then id."""
    return [story_row(s) for s in load_stories(store)]


# -- relative dates (dates one report's sentence gives relative to another event) ---------------


def relative_date_candidates(store: Store, pattern: str,
                             doc_ids: Iterable[str] | None = None) -> list[tuple[str, str, int, int, str]]:
    """Factual events (of ``doc_ids``' pages, or all) whose evidence sentence matches ``pattern`` (a
    regular expression): ``(event_id, doc_id, evidence_start, evidence_end, evidence_text)``."""
    where, params = "", [pattern]
    if doc_ids is not None:
        where, params = " AND doc_id IN (SELECT unnest(?))", [pattern, sorted(set(doc_ids))]
    return store.con.execute(
        "SELECT event_id, doc_id, evidence_start, evidence_end, evidence_text FROM events "
        "WHERE NOT negated AND NOT hypothetical AND regexp_matches(evidence_text, ?)" + where +
        " ORDER BY doc_id, evidence_start, event_id", params).fetchall()


def event_triggers(store: Store, doc_ids: Iterable[str]) -> list[tuple[str, str, int, int, int, int, str | None]]:
    """Factual events of the pages: ``(event_id, doc_id, trigger_start, trigger_end, evidence_start,
    evidence_end, date)``."""
    ids = sorted(set(doc_ids))
    if not ids:
        return []
    return store.con.execute(
        "SELECT event_id, doc_id, trigger_start, trigger_end, evidence_start, evidence_end, date FROM events "
        "WHERE NOT negated AND NOT hypothetical AND doc_id IN (SELECT unnest(?)) ORDER BY doc_id, trigger_start",
        [ids]).fetchall()


def duration_expressions(store: Store, doc_ids: Iterable[str]) -> list[tuple[str, int, int, str | None]]:
    """Durations the pages name (latest version): ``(doc_id, start, end, value)``."""
    ids = sorted(set(doc_ids))
    if not ids:
        return []
    try:
        return store.con.execute(
            "SELECT t.doc_id, t.start_offset, t.end_offset, t.value FROM time_expressions t "
            "JOIN (SELECT doc_id, max(version) AS version FROM time_expressions GROUP BY doc_id) l "
            "ON l.doc_id = t.doc_id AND l.version = t.version "
            "WHERE t.kind = 'duration' AND t.doc_id IN (SELECT unnest(?))", [ids]).fetchall()
    except duckdb.Error as e:  # an old store without time expressions
        log.debug("no time expressions: %s", e)
        return []


def story_days(store: Store, event_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Linked events → ``(story_id, story date)`` for stories dated to the day (``None`` dates left out)."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    return {r[0]: (r[1], r[2]) for r in store.con.execute(
        "SELECT r.event_id, r.story_id, s.date FROM story_reports r JOIN story_events s USING (story_id) "
        "WHERE r.event_id IN (SELECT unnest(?)) AND s.date IS NOT NULL AND length(s.date) = 10", [ids]).fetchall()}


def story_of_events(store: Store, event_ids: Iterable[str]) -> dict[str, str]:
    """Linked events → their story id."""
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    return dict(store.con.execute("SELECT event_id, story_id FROM story_reports WHERE event_id IN (SELECT unnest(?))",
                                  [ids]).fetchall())


def report_dates(store: Store, story_ids: Iterable[str]) -> dict[str, list[tuple[str, str, str | None, str | None]]]:
    """The reports of these stories, by story: ``(event_id, doc_id, reported date, inferred date)``.
    One query for them all, reading the dates of their events only (an event id is one row of ``events``:
    the stories' own reports are joined, never the whole table grouped)."""
    ids = sorted(set(story_ids))
    found: dict[str, list[tuple[str, str, str | None, str | None]]] = {story: [] for story in ids}
    if not ids:
        return found
    for story, *row in store.con.execute(
        "WITH r AS (SELECT story_id, event_id, doc_id, inferred_date FROM story_reports "
        "WHERE story_id IN (SELECT unnest(?))) "
        "SELECT r.story_id, r.event_id, r.doc_id, e.date, r.inferred_date FROM r LEFT JOIN events e USING (event_id) "
        "ORDER BY r.story_id, r.event_id", [ids]).fetchall():
        found[story].append(tuple(row))  # type: ignore[arg-type]
    return found


def set_inferred_date(store: Store, event_id: str, value: str) -> None:
    """Set one report's inferred date (inside the caller's transaction)."""
    store.con.execute("UPDATE story_reports SET inferred_date = ? WHERE event_id = ?", [value, event_id])


def date_story_if_undated(store: Store, story_id: str, value: str) -> None:
    """Give an undated story a day it was inferred to happen on."""
    store.con.execute("UPDATE story_events SET date = ?, date_precision = 'day', date_source = 'inferred' "
                      "WHERE story_id = ? AND date IS NULL", [value, story_id])


def replace_field_disagreements(store: Store, story_id: str, field: str, rows: Sequence[Disagreement]) -> None:
    """Replace one story's disagreements of one field (inside the caller's transaction)."""
    store.con.execute("DELETE FROM story_disagreements WHERE story_id = ? AND field = ?", [story_id, field])
    _insert(store, "story_disagreements", [[story_id, d.field, d.value, list(d.doc_ids)] for d in rows])
