"""Filtered, paginated reads for the query layer (``storyline.query``): parameterised SQL only.

Every value a person gives travels as a bound parameter; the only text built into a statement is
this module's own fixed fragments. A story's place on a timeline (``placed``) is its date when a
report dates it (``reported``) or linking inferred one (``inferred``), else the day its first page
was published (``published``), else none (``undated``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.store.database import Store

# one story's place in time, and where it comes from (see the module docstring)
_PLACED_SQL = """
    SELECT s.*, coalesce(s.date, s.first_seen) AS placed,
           CASE WHEN s.date IS NOT NULL THEN coalesce(s.date_source, 'reported')
                WHEN s.first_seen IS NOT NULL THEN 'published' ELSE 'undated' END AS placed_by
    FROM story_events s
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryConditions:
    """Story filters as the store applies them (validated by ``storyline.query``)."""

    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    quad_classes: tuple[int, ...] = ()
    since: str | None = None
    until: str | None = None
    min_sources: int = 1
    doc_ids: tuple[str, ...] = ()
    story_ids: tuple[str, ...] = ()
    text: str | None = None
    placement: str = "any"  # any | placed (reported, inferred or published) | undated


def _story_where(c: StoryConditions) -> tuple[str, list[Any]]:
    clauses: list[str] = ["sources >= ?"]
    params: list[Any] = [c.min_sources]
    if len(c.actors) == 1:
        clauses.append("story_id IN (SELECT story_id FROM story_sides WHERE ? IN (actor_id, country))")
        params.append(c.actors[0])
    elif len(c.actors) == 2:
        clauses.append(  # one scan of the sides: the first on one side and the second on the other
            "story_id IN (SELECT story_id FROM (SELECT story_id, side, ? IN (actor_id, country) AS one, "
            "? IN (actor_id, country) AS two FROM story_sides) WHERE one OR two GROUP BY story_id HAVING "
            "(bool_or(side = 'actor' AND one) AND bool_or(side = 'recipient' AND two)) "
            "OR (bool_or(side = 'actor' AND two) AND bool_or(side = 'recipient' AND one)))")
        params += [c.actors[0], c.actors[1]]
    if c.types:
        clauses.append("type IN (SELECT unnest(?))")
        params.append(list(c.types))
    if c.quad_classes:
        clauses.append("quad_class IN (SELECT unnest(?))")
        params.append(list(c.quad_classes))
    if c.since:
        clauses.append("left(placed, ?) >= ?")
        params += [len(c.since), c.since]
    if c.until:
        clauses.append("left(placed, ?) <= ?")
        params += [len(c.until), c.until]
    if c.doc_ids:
        clauses.append("story_id IN (SELECT story_id FROM story_reports WHERE doc_id IN (SELECT unnest(?)))")
        params.append(list(c.doc_ids))
    if c.story_ids:
        clauses.append("story_id IN (SELECT unnest(?))")
        params.append(list(c.story_ids))
    if c.text:
        clauses.append(
            "(contains(lower(coalesce(location_text, '')), ?) OR story_id IN (SELECT story_id FROM story_sides "
            "WHERE contains(lower(coalesce(name, '')), ?)) OR story_id IN (SELECT r.story_id FROM story_reports r "
            "JOIN events e USING (event_id) WHERE contains(lower(e.evidence_text), ?)))")
        params += [c.text.lower()] * 3
    if c.placement == "placed":
        clauses.append("placed IS NOT NULL")
    elif c.placement == "undated":
        clauses.append("placed IS NULL")
    return " AND ".join(clauses), params


def story_page(store: Store, c: StoryConditions, *, limit: int, offset: int) -> tuple[int, list[tuple[str, str | None, str]]]:
    """How many stories match, and one page of them: ``(story_id, placed, placed_by)`` by place in
    time (unplaced last), then id."""
    where, params = _story_where(c)
    sql = f"WITH s AS ({_PLACED_SQL}) SELECT story_id, placed, placed_by, count(*) OVER () FROM s WHERE {where} " \
          "ORDER BY placed NULLS LAST, story_id LIMIT ? OFFSET ?"  # noqa: S608 - fixed fragments, bound values
    rows = store.con.execute(sql, [*params, limit, offset]).fetchall()
    total = rows[0][3] if rows else _count(store, where, params)
    return total, [(r[0], r[1], r[2]) for r in rows]


def _count(store: Store, where: str, params: list[Any]) -> int:
    sql = f"WITH s AS ({_PLACED_SQL}) SELECT count(*) FROM s WHERE {where}"  # noqa: S608
    return store.con.execute(sql, params).fetchone()[0]


def story_points(store: Store, c: StoryConditions) -> list[tuple[str, str, int | None, float | None]]:
    """Every matching placed story: ``(story_id, placed, quad_class, goldstein)`` (for series)."""
    where, params = _story_where(c)
    sql = f"WITH s AS ({_PLACED_SQL}) SELECT story_id, placed, quad_class, goldstein FROM s " \
          f"WHERE {where} AND placed IS NOT NULL ORDER BY placed, story_id"  # noqa: S608
    return store.con.execute(sql, params).fetchall()


def map_points(store: Store, c: StoryConditions, *, limit: int) -> list[tuple]:
    """Matching stories with coordinates: ``(story_id, placed, placed_by, type, location_text, lat, lon,
    quad_class)``."""
    where, params = _story_where(c)
    sql = f"WITH s AS ({_PLACED_SQL}) SELECT story_id, placed, placed_by, type, location_text, location_lat, " \
          f"location_lon, quad_class FROM s WHERE {where} AND location_lat IS NOT NULL AND location_lon IS NOT NULL " \
          "ORDER BY placed NULLS LAST, story_id LIMIT ?"  # noqa: S608
    return store.con.execute(sql, [*params, limit]).fetchall()


def story_records(store: Store, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """These stories whole: their canonical fields, ``sides`` (``side``, ``actor_id``, ``name``,
    ``country``, ``sector``), ``reports`` with their pages and evidence (``event_id``, ``doc_id``,
    ``title``, ``outlet``, ``url``, ``published``, ``evidence``, ``reported_date``, ``inferred_date``;
    oldest page first) and ``disagreements`` (``field``, ``value``, ``doc_ids``). A few small
    statements, each reading only these stories' rows."""
    if not story_ids:
        return {}
    ids = [list(story_ids)]
    found = {r[0]: {"story_id": r[0], "type": r[1], "date": r[2], "date_precision": r[3], "location_text": r[4],
                    "location_country": r[5], "location_lat": r[6], "location_lon": r[7], "pages": r[8],
                    "sources": r[9], "quad_class": r[10], "goldstein": r[11], "canonical_event_id": r[12],
                    "sides": [], "reports": [], "disagreements": []}
             for r in store.con.execute(
                 "SELECT story_id, type, date, date_precision, location_text, location_country, location_lat, "
                 "location_lon, pages, sources, quad_class, goldstein, canonical_event_id FROM story_events "
                 "WHERE story_id IN (SELECT unnest(?))", ids).fetchall()}
    for r in store.con.execute("SELECT story_id, side, actor_id, name, country, sector FROM story_sides "
                               "WHERE story_id IN (SELECT unnest(?)) ORDER BY story_id, side, seq", ids).fetchall():
        found[r[0]]["sides"].append({"side": r[1], "actor_id": r[2], "name": r[3], "country": r[4], "sector": r[5]})
    for r in store.con.execute("SELECT story_id, field, value, doc_ids FROM story_disagreements "
                               "WHERE story_id IN (SELECT unnest(?)) ORDER BY story_id, field, value", ids).fetchall():
        found[r[0]]["disagreements"].append({"field": r[1], "value": r[2], "doc_ids": r[3]})
    _add_reports(store, found, ids)
    return found


def _add_reports(store: Store, found: dict[str, dict[str, Any]], ids: list[list[str]]) -> None:
    reports = store.con.execute("SELECT story_id, event_id, doc_id, inferred_date FROM story_reports "
                                "WHERE story_id IN (SELECT unnest(?))", ids).fetchall()
    events = {r[0]: r[1:] for r in store.con.execute(
        "SELECT event_id, evidence_text, date FROM events WHERE event_id IN (SELECT unnest(?))",
        [[r[1] for r in reports]]).fetchall()}
    pages = {r[0]: r[1:] for r in store.con.execute(
        "SELECT doc_id, title, outlet, url, published FROM latest_documents WHERE doc_id IN (SELECT unnest(?))",
        [sorted({r[2] for r in reports})]).fetchall()}
    for story_id, event_id, doc_id, inferred in reports:
        title, outlet, url, published = pages.get(doc_id, (None, None, None, None))
        evidence, reported = events.get(event_id, (None, None))
        found[story_id]["reports"].append({
            "event_id": event_id, "doc_id": doc_id, "title": title, "outlet": outlet, "url": url,
            "published": published.isoformat() if published else None, "evidence": evidence,
            "reported_date": reported, "inferred_date": inferred})
    for story in found.values():
        story["reports"].sort(key=lambda r: (r["published"] is None, r["published"] or "", r["doc_id"], r["event_id"]))


def known_code(store: Store, values: Sequence[str]) -> str | None:
    """The first of ``values`` that a story side or a canonical actor carries as its actor id or its
    country/organisation code."""
    for value in values:
        if store.con.execute(
                "SELECT EXISTS (SELECT 1 FROM story_sides WHERE actor_id = ? OR country = ?) "
                "OR EXISTS (SELECT 1 FROM actors WHERE actor_id = ? OR country = ?)", [value] * 4).fetchone()[0]:
            return value
    return None


# -- actors --------------------------------------------------------------------------------------

_ACTOR_COLUMNS = ("actor_id, name, kind, aliases, country, sector, affiliations, country_evidence, sector_evidence, "
                  "mention_count")


def actor_search(store: Store, *, text: str | None, country: str | None, sector: str | None, kind: str | None,
                 min_similarity: float, limit: int, offset: int) -> tuple[int, list[tuple]]:
    """Canonical actors matching a spelling (any word of their name or an alias, or the text inside
    one), with a country, sector or kind; best match first, then most mentioned. Rows:
    ``(*_ACTOR_COLUMNS, score)``."""
    clauses, params = ["TRUE"], []
    for column, value in (("country", country), ("sector", sector), ("kind", kind)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if text:  # every word asked for matches some name or alias: inside it, or a word of it alike
        score = (
            "(SELECT min(best) FROM (SELECT (SELECT max(CASE WHEN contains(lower(n), q) THEN 1.0 ELSE "
            "(SELECT max(jaro_winkler_similarity(w, q)) FROM unnest(string_split(lower(n), ' ')) AS t(w)) END) "
            "FROM unnest(list_prepend(name, coalesce(aliases, []))) AS u(n)) AS best FROM unnest(?) AS a(q)))")
        score_params = [[w for w in text.lower().split() if w] or [text.lower()]]
    else:
        score, score_params = "1.0", []
    where = " AND ".join(clauses)
    sql = f"SELECT * FROM (SELECT {_ACTOR_COLUMNS}, {score} AS score FROM actors WHERE {where}) " \
          "WHERE score >= ? ORDER BY score DESC, mention_count DESC, actor_id"  # noqa: S608 - fixed fragments
    rows = store.con.execute(f"SELECT *, count(*) OVER () FROM ({sql}) LIMIT ? OFFSET ?",  # noqa: S608
                             [*score_params, *params, min_similarity, limit, offset]).fetchall()
    total = rows[0][-1] if rows else 0
    return total, [r[:-1] for r in rows]


def actor_row(store: Store, actor_id: str) -> tuple | None:
    return store.con.execute(f"SELECT {_ACTOR_COLUMNS}, 1.0 FROM actors WHERE actor_id = ?",  # noqa: S608
                             [actor_id]).fetchone()


def actor_mentions(store: Store, actor_id: str, *, limit: int) -> list[tuple]:
    """``(doc_id, start, end, text, context_before, context_after)`` of an actor's first mentions."""
    return store.con.execute(
        "SELECT m.doc_id, m.start_offset, m.end_offset, m.text, "
        "replace(substr(d.text, greatest(m.start_offset - 59, 1), least(m.start_offset, 60)), chr(10), ' '), "
        "replace(substr(d.text, m.end_offset + 1, 60), chr(10), ' ') "
        "FROM actor_mentions m JOIN latest_documents d ON d.doc_id = m.doc_id AND d.version = m.version "
        "WHERE m.actor_id = ? ORDER BY m.doc_id, m.start_offset LIMIT ?", [actor_id, limit]).fetchall()


def actor_counterparts(store: Store, actor_id: str, *, limit: int) -> list[tuple[str | None, str | None, str | None, int]]:
    """Who an actor's stories put on the other side: ``(actor_id, name, country, stories)``, most first."""
    return store.con.execute(
        "SELECT o.actor_id, any_value(o.name), any_value(o.country), count(DISTINCT o.story_id) AS n "
        "FROM story_sides me JOIN story_sides o ON o.story_id = me.story_id AND o.side <> me.side "
        "WHERE me.actor_id = ? AND coalesce(o.actor_id, '') <> ? "
        "GROUP BY o.actor_id, CASE WHEN o.actor_id IS NULL THEN o.name END ORDER BY n DESC, 2 LIMIT ?",
        [actor_id, actor_id, limit]).fetchall()


# -- documents -----------------------------------------------------------------------------------


def document_page(store: Store, *, text: str | None, limit: int, offset: int) -> tuple[int, list[tuple]]:
    """Latest document versions (title or id containing ``text``), in id order: ``(doc_id, version,
    format, url, outlet, title, published, published_source)``."""
    where, params = ("TRUE", []) if not text else (
        "(contains(lower(coalesce(title, '')), ?) OR contains(lower(doc_id), ?))", [text.lower()] * 2)
    rows = store.con.execute(
        f"SELECT doc_id, version, format, url, outlet, title, published, published_source, count(*) OVER () "  # noqa: S608
        f"FROM latest_documents WHERE {where} ORDER BY doc_id LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    total = rows[0][-1] if rows else 0
    return total, [r[:-1] for r in rows]


def document_events(store: Store, doc_id: str) -> list[tuple]:
    """The factual and other events of a page with their story: ``(event_id, type, negated, hypothetical,
    evidence_start, evidence_end, trigger_start, trigger_end, story_id)`` plus every repeat's span."""
    return store.con.execute(
        "SELECT e.event_id, e.type, e.negated, e.hypothetical, coalesce(v.start_offset, e.evidence_start), "
        "coalesce(v.end_offset, e.evidence_end), e.trigger_start, e.trigger_end, r.story_id FROM events e "
        "LEFT JOIN event_evidence v USING (event_id) LEFT JOIN story_reports r USING (event_id) "
        "WHERE e.doc_id = ? ORDER BY 5, e.event_id", [doc_id]).fetchall()


# -- events --------------------------------------------------------------------------------------


def event_ids(store: Store, *, types: Sequence[str], actor: str | None, since: str | None, factual_only: bool,
              limit: int | None, until: str | None = None) -> list[str]:
    """Events matching, in date order (undated last), then page and evidence position: a type, a side
    whose actor id, country (the canonical actor's where the page gave none) or affiliation is
    ``actor``, a date on or after ``since`` and on or before ``until`` (undated events left out by
    either), factual ones only."""
    clauses, params = ["TRUE"], []
    if factual_only:
        clauses.append("NOT negated AND NOT hypothetical")
    if types:
        clauses.append("type IN (SELECT unnest(?))")
        params.append(list(types))
    if since:
        clauses.append("date IS NOT NULL AND left(date, ?) >= ?")
        params += [len(since), since]
    if until:
        clauses.append("date IS NOT NULL AND left(date, ?) <= ?")
        params += [len(until), until]
    if actor:
        clauses.append("event_id IN (SELECT p.event_id FROM event_participants p LEFT JOIN actors a USING (actor_id) "
                       "WHERE ? IN (p.actor_id, coalesce(p.country, a.country), p.affiliation))")
        params.append(actor)
    sql = (f"SELECT event_id FROM events WHERE {' AND '.join(clauses)} "  # noqa: S608 - fixed fragments
           "ORDER BY coalesce(date, '9999'), doc_id, evidence_start, trigger_start, event_id" + (" LIMIT ?" if limit else ""))
    return [r[0] for r in store.con.execute(sql, [*params, *([limit] if limit else [])]).fetchall()]


def event_contexts(store: Store, event_ids: Sequence[str]) -> dict[str, tuple]:
    """Events → ``(story_id, inferred_date, story pages, story sources, page url, page outlet)`` (the
    story fields ``None`` for an event linked to none)."""
    if not event_ids:
        return {}
    rows = store.con.execute(
        "WITH e AS (SELECT event_id, doc_id FROM events WHERE event_id IN (SELECT unnest(?))) "
        "SELECT e.event_id, r.story_id, r.inferred_date, s.pages, s.sources, d.url, d.outlet FROM e "
        "LEFT JOIN story_reports r USING (event_id) LEFT JOIN story_events s USING (story_id) "
        "LEFT JOIN latest_documents d ON d.doc_id = e.doc_id", [list(event_ids)]).fetchall()
    return {r[0]: r[1:] for r in rows}
