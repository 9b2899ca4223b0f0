"""The pieces a page is cut into for highlighting, the link and URL helpers of the templates, and the
series chart's geometry: small records of our own making, no store."""

from __future__ import annotations

import pytest

from storyline.pageview import Piece, _Span, pieces
from storyline.query import SeriesPoint
from storyline.web.charts import HALF, series_chart
from storyline.web.templates import http_url, path_part, query_string


def test_pieces_cut_at_every_boundary_and_name_what_covers_them():
    text = "Kenya met Uganda in Nairobi on Tuesday."
    spans = [_Span(kind="evidence", start=0, end=len(text), label="CONSULT event", event_id="e1", story_id="s1",
                   event_type="CONSULT"),
             _Span(kind="actor", start=0, end=5, label="Kenya KEN"), _Span(kind="place", start=20, end=27, label="Nairobi"),
             _Span(kind="time", start=31, end=38, label="2014-06-03 (day)")]
    cut = pieces(text, 0, len(text), spans)
    assert "".join(p.text for p in cut) == text
    assert cut[0] == Piece(text="Kenya", kinds=("evidence", "actor"), labels=("Kenya KEN",), event_id="e1",
                           story_id="s1", event_type="CONSULT")
    assert [p.text for p in cut if "place" in p.kinds] == ["Nairobi"]
    assert all(p.story_id == "s1" for p in cut)


def test_pieces_keep_to_their_segment_and_skip_empty_spans():
    text = "Headline\nBody words here."
    spans = [_Span(kind="actor", start=5, end=14, label="x"), _Span(kind="time", start=3, end=3, label="empty")]
    cut = pieces(text, 9, len(text), spans)
    assert "".join(p.text for p in cut) == "Body words here."
    assert cut[0].text == "Body " and cut[0].kinds == ("actor",) and cut[1].kinds == ()


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("HTTPS://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), (" javascript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False), ("//example.org/x", False), ("/local", False),
    ("https://exa\nmple.org", False), ("vbscript:x", False), (None, False), ("", False), ("http://", False),
])
def test_only_absolute_http_urls_are_links(url, kept):
    assert (http_url(url) is not None) is kept and http_url(url) in (url, None)


def test_path_parts_and_query_strings_are_encoded():
    assert path_part('a/b"><script>') == "a%2Fb%22%3E%3Cscript%3E"
    assert query_string({"actor": ["PAK", "USA"], "since": None, "q": "a&b"}) == "?actor=PAK&actor=USA&q=a%26b"
    assert query_string({"since": ""}) == ""


def test_series_chart_scales_cooperation_up_and_conflict_down():
    series = [SeriesPoint(period="2012-03", events=4, cooperation=3, conflict=1, goldstein_sum=2.0, goldstein_mean=0.5),
              SeriesPoint(period="2012-04", events=2, cooperation=0, conflict=2, goldstein_sum=-20.0, goldstein_mean=-10.0)]
    chart = series_chart(series)
    first, second = chart.columns
    assert first.up == HALF and first.down == pytest.approx(HALF / 3, abs=0.1)
    assert second.up == 0 and second.mean_y == 2 * HALF and first.x < second.x
    assert series_chart([]).columns == ()
