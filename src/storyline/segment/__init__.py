"""Segmentation: split a page into headline, date, body, captions, boilerplate and comment threads."""

from __future__ import annotations

from storyline.model import Page, Segmentation


def segment_page(page: Page) -> Segmentation:
    """Segment one page with the segmenter for its format."""
    if page.fmt == "html":
        from storyline.segment.html import segment_html

        return segment_html(page.content, url=page.url)
    from storyline.segment.text import segment_text

    return segment_text(page.content)
