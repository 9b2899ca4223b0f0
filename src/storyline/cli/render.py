"""Rich renderings of stored records for the terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from storyline.errors import printable
from storyline.model import Document
from storyline.store import DocumentSummary

if TYPE_CHECKING:  # the pipeline imports spaCy: only commands that read pages load it
    from storyline.pipeline import IngestReport


def documents_table(summaries: list[DocumentSummary]) -> Table:
    table = Table(title=f"{len(summaries)} documents", title_justify="left")
    for column in ("id", "ver", "format", "published", "source", "outlet", "body lines", "comments", "title"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")
    for s in summaries:
        table.add_row(
            s.doc_id, str(s.version), s.format, s.published or "-", s.published_source, s.outlet or "-",
            str(s.body_segments), str(s.comments), s.title or "-",
        )
    return table


def failures_table(rows: list[dict]) -> Table:
    """Pages whose reading failed: id, version, when, pipeline and the error (``docs list --failed``)."""
    table = Table(title=f"{len(rows)} pages failed to read", title_justify="left")
    for column in ("id", "ver", "failed at", "pipeline", "error"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(printable(r["doc_id"], 120), str(r["version"]), r["failed_at"], r["pipeline"], printable(r["error"], 500))
    return table


def report_text(report: IngestReport) -> str:
    return (
        f"{len(report.added)} added, {len(report.new_versions)} new versions, "
        f"{len(report.unchanged)} unchanged, {len(report.errors)} failed"
    )


def document_view(doc: Document) -> Group:
    """The page as segmented: headline, date, dek, captions, body, then the comment threads."""
    parts: list[Text | Table] = [Text(doc.title or "(no headline)", style="bold")]
    meta = f"{doc.doc_id} v{doc.version} · {doc.outlet or doc.url or doc.source} · "
    meta += f"published {doc.published or 'unknown'} ({doc.published_source})"
    parts.append(Text(meta, style="dim"))
    for role, style in (("dek", "italic"), ("caption", "cyan"), ("body", "")):
        lines = [doc.text[s.start : s.end] for s in doc.segments if s.role == role]
        if lines:
            parts.append(Text(f"\n[{role}]", style="bold magenta"))
            parts.extend(Text(line, style=style) for line in lines)
    if doc.comments:
        parts.append(Text(f"\n[comments: {len(doc.comments)}]", style="bold magenta"))
        parts.extend(_comment_text(c) for c in doc.comments)
    return Group(*parts)


def _comment_text(comment) -> Text:
    indent = "    " * comment.depth
    head = " · ".join(x for x in (comment.comment_id, comment.author, comment.posted_at) if x)
    if comment.parent_id:
        head += f" ↳ {comment.parent_id}"
    if comment.duplicate_of:
        head += f" (repeats {comment.duplicate_of})"
    body = comment.text.replace("\n", "\n" + indent + "  ")
    return Text(f"{indent}{head}\n{indent}  {body}")


def console(stderr: bool = False) -> Console:
    """A console; when output is not a terminal (pipes, files, tests) lines are not cut at 80 columns."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 200
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


MARK_STYLES = {"actor": "bold cyan", "time": "bold green", "place": "bold yellow"}


def annotated_view(doc: Document, marks: list) -> Group:
    """The article (headline, dek, captions, body) with actors, dates and places marked inline."""
    parts: list[Text] = [Text(f"{doc.doc_id} v{doc.version} · published {doc.published or 'unknown'}", style="dim")]
    legend = Text("legend: ")
    for kind, style in MARK_STYLES.items():
        legend.append(f"{kind} ", style=style)
    parts.append(legend)
    for seg in doc.segments:
        if seg.role in ("headline", "dek", "caption", "body"):
            inside = [m for m in marks if seg.start <= m.start and m.end <= seg.end]
            parts.append(_marked_line(doc.text, seg, inside))
    return Group(*parts)


def _marked_line(text: str, seg, marks: list) -> Text:
    line = Text(f"[{seg.role}] ", style="magenta")
    cursor = seg.start
    for mark in marks:
        if mark.start < cursor:
            continue
        line.append(text[cursor : mark.start])
        line.append(text[mark.start : mark.end], style=MARK_STYLES[mark.kind])
        line.append(f"[{mark.label}]", style="dim " + MARK_STYLES[mark.kind].split()[-1])
        cursor = mark.end
    line.append(text[cursor : seg.end])
    return line


def actors_table(rows: list[dict], *, limit: int | None = None) -> Table:
    shown = rows[:limit] if limit else rows
    table = Table(title=f"{len(rows)} actors" + (f" (top {len(shown)})" if limit and len(rows) > limit else ""),
                  title_justify="left")
    for column in ("actor_id", "name", "kind", "country", "sector", "affiliations", "mentions", "aliases"):
        table.add_column(column, overflow="fold")
    for r in shown:
        table.add_row(r["actor_id"], r["name"], r["kind"], r["country"] or "-", r["sector"] or "-",
                      ", ".join(r["affiliations"]) or "-", str(len(r["mentions"])), "; ".join(r["aliases"][:6]))
    return table


def actor_view(row: dict, contexts: list[tuple[str, str]]) -> Group:
    parts: list[Text] = [Text(f"{row['name']}  ({row['actor_id']})", style="bold")]
    parts.append(Text(f"kind {row['kind']} · country {row['country'] or '-'} · sector {row['sector'] or '-'}"
                      f" · affiliations {', '.join(row['affiliations']) or '-'}"))
    parts.append(Text(f"country from: {row['country_evidence'] or '-'}", style="dim"))
    parts.append(Text(f"sector from: {row['sector_evidence'] or '-'}", style="dim"))
    parts.append(Text(f"aliases: {'; '.join(row['aliases'])}"))
    parts.append(Text(f"\n{len(row['mentions'])} mentions", style="bold magenta"))
    parts.extend(Text(f"  {doc_id}: {snippet}") for doc_id, snippet in contexts)
    return Group(*parts)


def events_table(events: list) -> Table:
    table = Table(title=f"{len(events)} events", title_justify="left")
    for column in ("date", "type", "actor", "recipient", "where", "quad", "gold.", "doc", "evidence"):
        table.add_column(column, overflow="fold")
    for e in events:
        flags = " (negated)" if e.negated else " (hypothetical)" if e.hypothetical else ""
        table.add_row(
            e.date or "-", f"{e.type}{flags}", _sides(e.actors), _sides(e.recipients),
            e.location.text if e.location else "-", str(e.quad_class or "-"),
            "-" if e.goldstein is None else f"{e.goldstein:+.1f}", e.doc_id, _clip(e.evidence.text, 90),
        )
    return table


def _sides(participants) -> str:
    return "; ".join(f"{p.name or p.text} [{'/'.join(p.codes()) or '?'}]" for p in participants) or "-"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _story_sides(story, side: str) -> str:
    names = [f"{p.name or p.actor_id or '?'} [{p.country or '?'}]" for p in story.sides if p.side == side]
    return "; ".join(names) or "-"


def stories_table(stories: list) -> Table:
    table = Table(title=f"{len(stories)} story events", title_justify="left")
    for column in ("date", "type", "actor", "recipient", "where", "pages", "sources", "disagree", "story_id"):
        table.add_column(column, overflow="fold")
    for s in stories:
        fields = sorted({d.field for d in s.disagreements})
        table.add_row(s.date or "-", s.type, _story_sides(s, "actor"), _story_sides(s, "recipient"),
                      s.location_text or s.location_country or "-", str(s.pages), str(s.sources),
                      ", ".join(fields) or "-", s.story_id)
    return table


def story_view(story, events: dict) -> Group:
    """A story event: canonical fields, each report with its evidence, the disagreements."""
    parts: list[Text] = [Text(f"{story.type}  {story.story_id}", style="bold")]
    parts.append(Text(f"actor {_story_sides(story, 'actor')} → recipient {_story_sides(story, 'recipient')}"))
    parts.append(Text(f"date {story.date or 'unknown'} ({story.date_precision or '-'}, {story.date_source or '-'}) · "
                      f"where {story.location_text or story.location_country or '-'} · quad {story.quad_class or '-'} · "
                      f"Goldstein {story.goldstein if story.goldstein is not None else '-'}"))
    parts.append(Text(f"{story.pages} pages, {story.sources} independent sources · first seen {story.first_seen or '-'}"
                      f" · last seen {story.last_seen or '-'}", style="dim"))
    parts.append(Text("\n[reports]", style="bold magenta"))
    for report in story.reports:
        event = events.get(report.event_id)
        evidence = event.evidence.text if event else "(event no longer stored)"
        inferred = f" (date inferred: {report.inferred_date})" if report.inferred_date else ""
        parts.append(Text(f"  {report.doc_id}{inferred}: {evidence}"))
    if story.disagreements:
        parts.append(Text("\n[disagreements]", style="bold magenta"))
        for d in story.disagreements:
            parts.append(Text(f"  {d.field}: {d.value} — {', '.join(d.doc_ids)}"))
    return Group(*parts)


def timeline_view(line, series: list) -> Group:
    """A timeline (oldest first) and its cooperation/conflict series."""
    table = Table(title=f"timeline of {' / '.join(line.actors)}: {len(line.entries)} story events", title_justify="left")
    for column in ("when", "type", "quad", "gold.", "sources", "actor", "recipient", "where", "story_id"):
        table.add_column(column, overflow="fold")
    for e in line.entries:
        table.add_row(e.when, e.type, str(e.quad_class or "-"), "-" if e.goldstein is None else f"{e.goldstein:+.1f}",
                      str(e.sources), "; ".join(e.actors) or "-", "; ".join(e.recipients) or "-", e.location or "-",
                      e.story_id)
    trend = Table(title="cooperation / conflict", title_justify="left")
    for column in ("period", "events", "Goldstein sum", "mean", "verbal coop", "material coop", "verbal conflict",
                   "material conflict"):
        trend.add_column(column)
    for p in series:
        mean = "-" if p.goldstein_mean is None else f"{p.goldstein_mean:+.2f}"
        trend.add_row(p.period, str(p.events), f"{p.goldstein_sum:+.1f}", mean,
                      *(str(p.quad_counts.get(q, 0)) for q in (1, 2, 3, 4)))
    return Group(table, trend)


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _targets_text(row: dict) -> str:
    return "; ".join(f"{t['text']}→{t['actor_id']} {t['stance']} {t['score']:+.2f}" for t in row["targets"])


def comments_table(rows: list[dict]) -> Table:
    """Comments as a table; every cell is plain text (comment words are never read as markup)."""
    table = Table(title=f"{len(rows)} comments", title_justify="left")
    for column in ("page", "id", "author", "posted", "lang", "tox", "constr", "spam", "repeats", "targets", "events",
                   "text"):
        table.add_column(column, overflow="fold")
    for r in rows:
        events = "; ".join(f"{e['text']}→{e['story_id'] or e['event_id']}" for e in r["events"])
        table.add_row(*(Text(str(v)) for v in (
            r["doc_id"], r["comment_id"], r["author"] or "-", r["posted_at"] or "-", r["language"] or "-",
            _num(r["toxicity"]), _num(r["constructiveness"]), r["spam"] or "-", r["duplicate_of"] or "-",
            _targets_text(r) or "-", events or "-", _clip(r["text"]))))
    return table


def _clip(text: str, width: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def comment_thread_view(doc: Document, rows: list[dict]) -> Group:
    """A page's comment thread indented by depth, each comment with what the comments stage found."""
    parts: list[Text] = [Text(doc.title or "(no headline)", style="bold"),
                         Text(f"{doc.doc_id} v{doc.version} · {len(rows)} comments", style="dim")]
    for r in rows:
        indent = "    " * r["depth"]
        head = " · ".join(x for x in (r["comment_id"], r["author"], r["posted_at"]) if x)
        if r["parent_id"]:
            head += f" ↳ {r['parent_id']}"
        line = Text(f"\n{indent}{head}", style="bold")
        if not r["analysed"]:
            facts = "not analysed yet (read the page first)"
        else:
            facts = (f"lang {r['language']} · toxicity {_num(r['toxicity'])}{' TOXIC' if r['toxic'] else ''}"
                     f" · constructiveness {_num(r['constructiveness'])}{' CONSTRUCTIVE' if r['constructive'] else ''}")
            if r["spam"]:
                facts += f" · SPAM: {r['spam']}"
        if r["duplicate_of"]:
            facts += f" · repeats {r['duplicate_of']}"
        parts.append(line)
        parts.append(Text(f"{indent}  {facts}", style="dim"))
        parts.append(Text(indent + "  " + r["text"].replace("\n", "\n" + indent + "  ")))
        for t in r["targets"]:
            words = f" ({', '.join(t['words'])})" if t["words"] else ""
            parts.append(Text(f"{indent}  → {t['text']} = {t['name']} [{t['actor_id']}] {t['stance']} "
                              f"{t['score']:+.2f}{words}", style="cyan"))
        for e in r["events"]:
            parts.append(Text(f"{indent}  ⇢ {e['text']} = {e['type']} event {e['event_id']} "
                              f"story {e['story_id'] or '-'}", style="green"))
    return Group(*parts)


def comment_aggregates_table(rows: list, *, by: str) -> Table:
    table = Table(title=f"comments per {by}", title_justify="left")
    for column in (by, "name", "period", "comments", "supportive", "critical", "neutral", "mean toxicity",
                   "toxic share", "spam"):
        table.add_column(column, overflow="fold")
    for a in rows:
        j = a.to_json()
        share = (lambda k: "-" if j[k] is None else f"{j[k]:.0%}")
        table.add_row(*(Text(str(v)) for v in (
            j["key"], j["name"], j["period"], j["comments"], f"{j['supportive']} ({share('supportive_share')})",
            f"{j['critical']} ({share('critical_share')})", f"{j['neutral']} ({share('neutral_share')})",
            _num(j["mean_toxicity"]), share("toxic_share"), j["spam"])))
    return table


# -- the query layer's records (stories list, timeline): ids never wrap; the other cells fold --

def _names(sides: tuple) -> str:
    return "; ".join(f"{p.name or p.actor_id or '?'}" + (f" [{p.country}]" if p.country else "") for p in sides) or "-"


def _story_items(title: str, items: tuple) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("story_id", no_wrap=True, overflow="ignore")
    table.add_column("when", no_wrap=True)
    for column in ("type", "actor", "recipient", "where", "src", "disagree"):
        table.add_column(column, overflow="fold")
    for s in items:
        when = f"{s.when or '-'}" + ("" if s.date_source == "reported" else f" ({s.date_source})")
        table.add_row(s.story_id, when, s.type, Text(printable(_names(s.actors))), Text(printable(_names(s.recipients))),
                      Text(printable(s.place.text or s.place.country or "-")) if s.place else "-",
                      f"{s.sources}/{s.pages}", ", ".join(s.disputed) or "-")
    return table


def story_items_table(page) -> Table:
    """One page of story events (``storyline.query.Page[StoryItem]``); ``src`` is sources/pages."""
    shown = f" ({page.offset + 1}-{page.offset + len(page.items)} shown)" if len(page.items) < page.total else ""
    return _story_items(f"{page.total} story events{shown}", page.items)


def timeline_items_view(line) -> Group:
    """A timeline from the query layer: placed stories, the undated ones apart, and the series."""
    parts = [_story_items(f"timeline of {' / '.join(line.actors)}: {line.total} story events", line.entries)]
    if line.undated_total:
        parts.append(_story_items(f"undated: {line.undated_total} story events (no date given, none published)",
                                  line.undated))
    trend = Table(title="cooperation / conflict", title_justify="left")
    for column in ("period", "events", "Goldstein sum", "mean", "verbal coop", "material coop", "verbal conflict",
                   "material conflict"):
        trend.add_column(column, no_wrap=True)
    for p in line.series:
        mean = "-" if p.goldstein_mean is None else f"{p.goldstein_mean:+.2f}"
        trend.add_row(p.period, str(p.events), f"{p.goldstein_sum:+.1f}", mean,
                      *(str(p.quad_counts.get(q, 0)) for q in (1, 2, 3, 4)))
    parts.append(trend)
    return Group(*parts)


def actor_items_table(page) -> Table:
    table = Table(title=f"{page.total} actors" + (f" ({len(page.items)} shown)" if len(page.items) < page.total else ""),
                  title_justify="left")
    table.add_column("actor_id", no_wrap=True, overflow="ignore")
    for column in ("name", "kind", "country", "sector", "mentions", "aliases"):
        table.add_column(column, overflow="fold")
    for a in page.items:
        table.add_row(a.actor_id, Text(printable(a.name)), a.kind, a.country or "-", a.sector or "-", str(a.mentions),
                      Text(printable("; ".join(a.aliases[:6]))))
    return table
