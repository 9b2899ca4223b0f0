"""One stored page as a person reads it: its segments in order, the article cut into pieces that say
which actors, times, places and event evidence cover them (each evidence piece names its story), and
the reader-comment threads with their depth. Plain records: the web app escapes every text it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.store.database import Store
from storyline.store.queries import document_events

# segments whose words were read (marks and evidence are shown on them)
ARTICLE_ROLES = frozenset({"headline", "dek", "dateline", "body", "caption"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """A run of text under the same marks: ``kinds`` (actor, time, place, evidence), their labels, and
    the event and story of the evidence covering it (if any)."""

    text: str
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    event_id: str | None = None
    story_id: str | None = None
    event_type: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SegmentView:
    role: str
    start: int
    end: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetView:
    """An actor a comment names, and the comment's stance toward it."""

    actor_id: str | None
    name: str
    stance: str | None
    score: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentView:
    comment_id: str
    parent_id: str | None
    depth: int
    author: str | None
    posted_at: str | None
    text: str
    language: str | None = None
    toxicity: float | None = None
    toxic: bool | None = None
    constructive: bool | None = None
    spam: str | None = None
    duplicate_of: str | None = None
    targets: tuple[TargetView, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRef:
    event_id: str
    type: str
    factual: bool
    story_id: str | None
    evidence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PageView:
    doc_id: str
    version: int
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    published_source: str
    segments: tuple[SegmentView, ...]
    events: tuple[EventRef, ...]
    comments: tuple[CommentView, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class _Span:
    kind: str
    start: int
    end: int
    label: str
    event_id: str | None = None
    story_id: str | None = None
    event_type: str | None = None


def page_view(store: Store, doc_id: str) -> PageView:
    """The latest version of ``doc_id`` as segmented, marked and threaded (E203 when there is none)."""
    from storyline.store.readings import document_marks  # imports the actors package (spaCy): load it late

    doc = store.get_document(doc_id)
    spans = [_Span(kind=m.kind, start=m.start, end=m.end, label=m.label) for m in document_marks(store, doc_id)]
    events = document_events(store, doc_id)
    spans += [_Span(kind="evidence", start=r[4], end=r[5], label=f"{r[1]} event", event_id=r[0], story_id=r[8],
                    event_type=r[1]) for r in events if not (r[2] or r[3])]
    refs = {r[0]: EventRef(event_id=r[0], type=r[1], factual=not (r[2] or r[3]), story_id=r[8],
                           evidence=doc.text[r[4]:r[5]]) for r in events}
    segments = tuple(
        SegmentView(role=s.role, start=s.start, end=s.end,
                    pieces=pieces(doc.text, s.start, s.end, spans if s.role in ARTICLE_ROLES else ()))
        for s in doc.segments if s.role != "comment")
    read = _comment_readings(store, doc_id)
    comments = tuple(CommentView(comment_id=c.comment_id, parent_id=c.parent_id, depth=c.depth, author=c.author,
                                 posted_at=c.posted_at, text=c.text, **read.get(c.comment_id, {})) for c in doc.comments)
    return PageView(doc_id=doc.doc_id, version=doc.version, title=doc.title, url=doc.url, outlet=doc.outlet,
                    published=doc.published, published_source=doc.published_source, segments=segments,
                    events=tuple(refs.values()), comments=comments)


def _comment_readings(store: Store, doc_id: str) -> dict[str, dict]:
    """What the comments stage found in each comment of the page: language, toxicity, constructiveness,
    spam, the repost it copies, and its targets with their stance (empty before the stage ran)."""
    from storyline.comments.query import export_row, list_comments

    found = {}
    for row in (export_row(r) for r in list_comments(store, doc_id=doc_id)):
        targets = tuple(TargetView(actor_id=t.get("actor_id"), name=t.get("name") or "", stance=t.get("stance"),
                                   score=t.get("score")) for t in row.get("targets") or ())
        found[row["comment_id"]] = {"language": row.get("language"), "toxicity": row.get("toxicity"),
                                    "toxic": row.get("toxic"), "constructive": row.get("constructive"),
                                    "spam": row.get("spam"), "duplicate_of": row.get("duplicate_of"), "targets": targets}
    return found


def pieces(text: str, start: int, end: int, spans: Sequence[_Span]) -> tuple[Piece, ...]:
    """``text[start:end]`` cut at every span boundary inside it; each piece lists the spans covering it."""
    inside = [s for s in spans if s.start < end and s.end > start and s.end > s.start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    found = []
    for a, b in zip(cuts, cuts[1:]):
        over = [s for s in inside if s.start <= a and s.end >= b]
        evidence = next((s for s in over if isinstance(s, _Span) and s.kind == "evidence"), None)
        found.append(Piece(text=text[a:b], kinds=tuple(dict.fromkeys(s.kind for s in over)),
                           labels=tuple(s.label for s in over if s.kind != "evidence"),
                           event_id=evidence.event_id if evidence else None,
                           story_id=evidence.story_id if evidence else None,
                           event_type=evidence.event_type if evidence else None))
    return tuple(found)
