"""Reader comments a source gives as data (a JSONL page's ``comments`` list), placed in the stored text.

The comments are appended after the page's own text as HTML pages' comments are: a blank line, then
each comment's lines with role ``comment``, so ``text[start:end]`` of every comment is exact and
the article text (what the NLP stage reads) is unchanged. Depth comes from the parent chain; a
comment whose words repeat an earlier one on the page exactly is marked as its repost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from storyline.model import Comment, GivenComment, Segment, Segmentation

_NON_WORD = re.compile(r"\W+")


def clashing_id(seg: Segmentation, given: Sequence[GivenComment]) -> str | None:
    """A given comment id that a thread found in the page text already uses, if any."""
    found = {c.comment_id for c in seg.comments}
    return next((c.comment_id for c in given if c.comment_id in found), None)


def with_given_comments(seg: Segmentation, given: Sequence[GivenComment]) -> Segmentation:
    """``seg`` with ``given`` appended to its text, segments and comments."""
    if not given:
        return seg
    parts = [seg.text.rstrip("\n")]
    length = len(parts[0])
    segments = list(seg.segments)
    comments = list(seg.comments)
    depth: dict[str, int] = {}
    first_by_key: dict[str, str] = {}
    for c in given:
        lines = [x.strip() for x in c.text.splitlines() if x.strip()]
        spans: list[tuple[int, int]] = []
        for line in lines:
            separator = "\n" if spans else "\n\n"
            parts.append(separator)
            length += len(separator)
            spans.append((length, length + len(line)))
            parts.append(line)
            length += len(line)
        segments.extend(Segment(role="comment", start=s, end=e) for s, e in spans)
        depth[c.comment_id] = depth[c.parent_id] + 1 if c.parent_id in depth else 0
        key = _NON_WORD.sub(" ", c.text.casefold()).strip()
        comments.append(Comment(
            comment_id=c.comment_id, parent_id=c.parent_id, depth=depth[c.comment_id], author=c.author,
            posted_at=c.posted_at, text="\n".join(lines),
            start=spans[0][0], end=spans[-1][1], duplicate_of=first_by_key.get(key),
        ))
        first_by_key.setdefault(key, c.comment_id)
    return replace(seg, text="".join(parts), segments=tuple(segments), comments=tuple(comments))
