"""A ~20 kB page with a long comment thread is segmented whole: every body paragraph and every comment.
(Its speed is measured by the pipeline benchmark, ``python -m storyline.bench.pipeline``, not here.)"""

from __future__ import annotations

from storyline.segment.text import segment_text


def _big_page() -> str:
    body = "\n\n".join(
        f"Paragraph {i}: delegates from Uruguay and Paraguay discussed river transport, tariffs and the new bridge project at length."
        for i in range(40)
    )
    words = [f"{stem}{n}" for stem in ("bridge", "river", "tariff", "port", "barge", "toll") for n in range(12)]
    thread = "\n\n".join(
        f"  • reader{i}\n    Apr {1 + i % 28}, 2018 - {1 + i % 12}:{i % 60:02d}PM\n\n    "
        + " ".join(words[(i * 5 + k * 7) % len(words)] for k in range(18)) + "."
        for i in range(80)
    )
    return f"River transport talks resume\n\nPublished: April 2, 2018\n\n{body}\n\nReader Comments (80)\n\n{thread}\n\nMore in Americas\n"


def test_twenty_kilobyte_page_segments_whole() -> None:
    page = _big_page()
    assert len(page) > 18_000
    seg = segment_text(page)
    assert len(seg.comments) == 80 and len(seg.spans("body")) == 40
