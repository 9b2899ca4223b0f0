"""Reading the comments stage's results: comment rows with filters, and aggregates per actor and per
story over time. The CLI (``storyline comments ...``, ``storyline export comments``) calls these."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from storyline.errors import Errors, StorylineError
from storyline.store import Store
from storyline.store.comments import comment_records

STANCES = ("supportive", "critical", "neutral")
COMMENT_FIELDS = (
    "doc_id", "comment_id", "parent_id", "depth", "author", "posted_at", "text", "language", "toxicity", "toxic",
    "constructiveness", "constructive", "spam", "duplicate_of", "targets", "events",
)
Period = Literal["month", "week", "all"]


def actor_matches(actor_id: str | None, wanted: str) -> bool:
    """An actor id equal to ``wanted``, or carrying ``wanted`` as its country/organisation code
    (``PAK`` matches ``state:PAK`` and ``person:ana-soto:PAK``)."""
    if not actor_id:
        return False
    if actor_id == wanted:
        return True
    parts = actor_id.split(":")
    code = wanted.upper()
    return parts[1:] == [code] if len(parts) == 2 else code in parts[2:]


def check_filters(*, stance: str | None = None, min_toxicity: float | None = None) -> None:
    if stance is not None and stance not in STANCES:
        raise StorylineError(Errors.E306.format(stance=stance))
    if min_toxicity is not None and not 0.0 <= min_toxicity <= 1.0:
        raise StorylineError(Errors.E307.format(value=min_toxicity))


def comment_rows(store: Store, doc_id: str | None = None) -> list[dict[str, Any]]:
    """Every comment (of ``doc_id``, or of every page) with what the stage found: ``spam`` is the content
    reason or ``repost``; ``duplicate_of`` the earliest copy (its id on the same page,
    ``DOC_ID#COMMENT_ID`` on another), else the repeat the segmenter marked."""
    rows = []
    for r in comment_records(store, doc_id):
        of_doc, of_comment = r.pop("repost_of_doc"), r.pop("repost_of_comment")
        content_spam, repost_spam, repeats = r.pop("content_spam"), r.pop("repost_spam"), r.pop("segment_duplicate_of")
        repost = None if of_comment is None else (of_comment if of_doc == r["doc_id"] else f"{of_doc}#{of_comment}")
        spam = content_spam or ("repost" if repost_spam else None)
        rows.append({**r, "spam": spam, "duplicate_of": repost or repeats})
    return rows


def list_comments(
    store: Store,
    *,
    actor: str | None = None,
    story: str | None = None,
    stance: str | None = None,
    min_toxicity: float | None = None,
    doc_id: str | None = None,
) -> list[dict[str, Any]]:
    """Comment rows (page order) kept by every filter given:

    - ``actor``: a target is that actor (id, or country/organisation code);
    - ``story``: the comment names an event of that story event, or sits on a page of that page story;
    - ``stance``: a target (with ``actor``: that actor) has that stance;
    - ``min_toxicity``: toxicity at least that (comments not scored are left out).
    """
    check_filters(stance=stance, min_toxicity=min_toxicity)
    out = []
    for row in comment_rows(store, doc_id):
        targets = [t for t in row["targets"] if actor is None or actor_matches(t["actor_id"], actor)]
        if actor is not None and not targets:
            continue
        if stance is not None and not any(t["stance"] == stance for t in targets):
            continue
        if story is not None and row["page_story_id"] != story and not any(e["story_id"] == story for e in row["events"]):
            continue
        if min_toxicity is not None and (row["toxicity"] is None or row["toxicity"] < min_toxicity):
            continue
        out.append(row)
    return out


def export_row(row: dict[str, Any]) -> dict[str, Any]:
    """A comment row as exported: the ``COMMENT_FIELDS``; targets as ``{actor_id, name, stance, score,
    start, end, words}``, events as ``{story_id, event_id, start, end}``."""
    return {
        **{k: row[k] for k in COMMENT_FIELDS if k not in ("targets", "events")},
        "targets": [{k: t[k] for k in ("actor_id", "name", "stance", "score", "start", "end", "words")}
                    for t in row["targets"]],
        "events": [{k: e[k] for k in ("story_id", "event_id", "start", "end")} for e in row["events"]],
    }


def export_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Rows of ``storyline export comments``, one per comment of the latest version of each page."""
    for row in comment_rows(store):
        yield export_row(row)


@dataclass(slots=True, kw_only=True)
class Aggregate:
    """Comments about one actor (or on one story) in one period."""

    key: str
    name: str
    period: str
    comments: int = 0
    supportive: int = 0
    critical: int = 0
    neutral: int = 0
    toxicity_sum: float = 0.0
    scored: int = 0
    toxic: int = 0
    spam: int = 0
    _seen: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def to_json(self) -> dict[str, Any]:
        judged = self.supportive + self.critical + self.neutral
        return {
            "key": self.key, "name": self.name, "period": self.period, "comments": self.comments,
            "supportive": self.supportive, "critical": self.critical, "neutral": self.neutral,
            "supportive_share": round(self.supportive / judged, 3) if judged else None,
            "critical_share": round(self.critical / judged, 3) if judged else None,
            "neutral_share": round(self.neutral / judged, 3) if judged else None,
            "mean_toxicity": round(self.toxicity_sum / self.scored, 3) if self.scored else None,
            "toxic_share": round(self.toxic / self.scored, 3) if self.scored else None,
            "spam": self.spam,
        }


def period_of(row: dict[str, Any], period: Period) -> str:
    """The period of a comment: of its time, else of its page's publication date; ``undated`` without."""
    when = row["posted_at"] or row["published"]
    if period == "all":
        return "all"
    if not when:
        return "undated"
    if period == "month":
        return when[:7]
    from datetime import date

    year, week, _ = date.fromisoformat(when[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def aggregates(store: Store, *, by: Literal["actor", "story"] = "actor", period: Period = "month",
               include_spam: bool = False, key: str | None = None) -> list[Aggregate]:
    """Per actor (the comments naming it, stance toward it) or per story (the comments on the pages of a
    page story or naming an event of a story event; stance toward any target), per period: counts,
    stance counts and shares, mean toxicity, toxic share, spam. Spam is counted but left out of the
    figures unless ``include_spam``. With ``key``, only that actor's or story's rows."""
    if period not in ("month", "week", "all"):
        raise StorylineError(Errors.E303.format(period=period))
    groups: dict[tuple[str, str], Aggregate] = {}
    names: dict[str, str] = {}
    for row in comment_rows(store):
        when = period_of(row, period)
        per_actor = {t["actor_id"]: t["stance"] for t in row["targets"] if t["actor_id"]}  # one per actor
        keys: dict[str, list[str]] = defaultdict(list)
        if by == "actor":
            for t in row["targets"]:
                if t["actor_id"]:
                    names.setdefault(t["actor_id"], t["name"])
            for actor_id, stance in per_actor.items():
                keys[actor_id] = [stance]
        else:
            stances = list(per_actor.values())
            for story in {row["page_story_id"], *(e["story_id"] for e in row["events"])} - {None}:
                keys[story] = stances
                names.setdefault(story, story)
        for group, stances in keys.items():
            if key is not None and group != key:
                continue
            agg = groups.setdefault((group, when), Aggregate(key=group, name=names[group], period=when))
            ident = (row["doc_id"], row["comment_id"])
            if ident in agg._seen:
                continue
            agg._seen.add(ident)
            if row["spam"]:
                agg.spam += 1
                if not include_spam:
                    continue
            agg.comments += 1
            for s in stances:
                setattr(agg, s, getattr(agg, s) + 1)
            if row["toxicity"] is not None:
                agg.scored += 1
                agg.toxicity_sum += row["toxicity"]
                agg.toxic += bool(row["toxic"])
    return sorted(groups.values(), key=lambda a: (-sum(g.comments for g in groups.values() if g.key == a.key),
                                                   a.key, a.period))
