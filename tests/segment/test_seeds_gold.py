"""The text segmenter against the hand-made line roles of the five sample pages (../shared/gold)."""

from __future__ import annotations

import bisect
import json
from pathlib import Path

import pytest

from storyline.model import Segmentation
from storyline.segment.text import segment_text

ROLES = ("headline", "dek", "dateline", "caption", "body", "comment", "boilerplate")


def _expand(spec: list) -> set[int]:
    out: set[int] = set()
    for item in spec:
        out.update(range(item[0], item[1] + 1) if isinstance(item, list) else [item])
    return out


def _load(shared_dir: Path) -> list[tuple[str, str, dict]]:
    gold = json.loads((shared_dir / "gold" / "seeds.segments.json").read_text("utf-8"))
    pages = sorted((shared_dir / "seeds").glob("*.txt"))
    return [(p.stem, p.read_text("utf-8"), gold[p.stem]) for p in pages]


def _line_of(text: str):
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return lambda offset: bisect.bisect_right(starts, offset)


def _gold_roles(text: str, page: dict) -> dict[int, str]:
    raw = text.split("\n")
    roles: dict[int, str] = {}
    for role in ROLES:
        for number in _expand(page.get(role, [])):
            if raw[number - 1].strip():
                roles[number] = role
    return roles


def _pred_roles(seg: Segmentation) -> dict[int, str]:
    line_of = _line_of(seg.text)
    return {line_of(s.start): s.role for s in seg.segments}


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> list[tuple[str, str, dict, Segmentation]]:
    return [(stem, text, page, segment_text(text)) for stem, text, page in _load(shared_dir)]


def _find(seeds, prefix: str):
    return next(item for item in seeds if item[0].startswith(prefix))


def test_every_line_role_agrees_with_gold(seeds) -> None:
    for stem, text, page, seg in seeds:
        gold, pred = _gold_roles(text, page), _pred_roles(seg)
        wrong = {n: (gold.get(n), pred.get(n)) for n in set(gold) | set(pred) if gold.get(n) != pred.get(n)}
        assert wrong == {}, stem


def test_body_lines_exact_and_nothing_else_in_body(seeds) -> None:
    for stem, text, page, seg in seeds:
        gold_body = {n for n, r in _gold_roles(text, page).items() if r == "body"}
        pred_body = {n for n, r in _pred_roles(seg).items() if r == "body"}
        assert pred_body == gold_body, stem


def test_headline_is_first_line(seeds) -> None:
    for stem, text, _page, seg in seeds:
        assert seg.title == text.split("\n")[0].strip(), stem


def test_segments_are_exact_lines_in_order(seeds) -> None:
    for stem, text, _page, seg in seeds:
        expected = [ln.strip() for ln in text.splitlines() if ln.strip()]
        assert [text[s.start:s.end] for s in seg.segments] == expected, stem
        assert seg.text is text


def test_page_001_published_and_comment_count(seeds) -> None:
    _stem, _text, page, seg = _find(seeds, "001_")
    assert (seg.published, seg.published_source) == (page["published"], "page")
    assert len(seg.comments) == page["comments_count"] == 43


def test_page_001_sampled_authors_and_times(seeds) -> None:
    _stem, text, page, seg = _find(seeds, "001_")
    line_of = _line_of(text)
    by_line = {line_of(c.start): c for c in seg.comments}
    for sample in page["comments_sample"]:
        comment = by_line[sample["line"]]
        assert (comment.author, comment.posted_at, comment.depth) == (sample["author"], sample["time"], sample["depth"])


def test_page_001_unbulleted_reply_stays_inside_its_comment(seeds) -> None:
    _stem, text, _page, seg = _find(seeds, "001_")
    line_of = _line_of(text)
    holder = next(c for c in seg.comments if line_of(c.start) == 68)
    assert line_of(holder.end) == 79
    assert holder.text.endswith("How pathetic this comment is")


@pytest.mark.parametrize("prefix", ["000_", "003_"])
def test_comment_depths_and_duplicates_match_gold(seeds, prefix: str) -> None:
    _stem, text, page, seg = _find(seeds, prefix)
    line_of = _line_of(text)
    got = [(line_of(c.start), c.depth) for c in seg.comments]
    assert got == [(c["line"], c["depth"]) for c in page["comments"]]
    first_line = {c.comment_id: line_of(c.start) for c in seg.comments}
    dups = {line_of(c.start): first_line[c.duplicate_of] for c in seg.comments if c.duplicate_of}
    assert dups == {c["line"]: c["duplicate_of_line"] for c in page["comments"] if "duplicate_of_line" in c}


def test_pages_without_a_date_say_unknown(seeds) -> None:
    for stem, _text, page, seg in seeds:
        if "published" not in page:
            assert (seg.published, seg.published_source) == (None, "unknown"), stem
