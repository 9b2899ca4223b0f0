"""Words, weights and similarity of page features."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from storyline.link.features import cosine, idf_table, normalise_token, term_counts, weighted, words
from storyline.model import Document, Segment


def _doc(text: str, segments: tuple[Segment, ...]) -> Document:
    return Document(doc_id="d", version=1, source="s", fmt="text", url=None, outlet=None, title=None, published=None,
                    published_source="unknown", ingested_at="2020-01-01T00:00:00", text=text, content_hash="h",
                    segments=segments)


def test_normalise_token():
    assert normalise_token("Ministers") == "minister"
    assert normalise_token("the") is None and normalise_token("a") is None
    assert normalise_token("Congress") == "congress" and normalise_token("Paris") == "paris"
    assert normalise_token("Kenya's") == "kenya"
    assert words("The talks, in Nairobi, ended.") == ["talk", "nairobi", "ended"]


def test_term_counts_read_article_text_only_and_weigh_the_headline():
    text = "Dam opens\nThe new dam opened.\nReader comment about dams"
    doc = _doc(text, (Segment(role="headline", start=0, end=9), Segment(role="body", start=10, end=29),
                      Segment(role="comment", start=30, end=len(text))))
    counts = term_counts(doc)
    assert counts["dam"] == 3 and counts["open"] == 2 and counts["opened"] == 1
    assert "reader" not in counts and "comment" not in counts


def test_idf_and_cosine():
    idf, n = idf_table([{"a", "b"}, {"a"}, {"a", "c"}])
    assert n == 3 and idf["a"] == pytest.approx(1.0) and idf["b"] > idf["a"]
    x = weighted({"a": 1, "b": 2}, idf, default_idf=1.0)
    y = weighted({"b": 1}, idf, default_idf=1.0)
    assert math.isclose(sum(v * v for v in x.values()), 1.0)
    assert 0 < cosine(x, y) < 1 and cosine(x, x) == pytest.approx(1.0) and cosine(x, {}) == 0.0


def test_specifics_settings_parse():
    from storyline.link.features import specifics_config

    config = specifics_config()
    assert "PERSON" in config.name_labels and "CARDINAL" in config.number_labels
    assert "day" in config.time_precisions and "the" in config.name_stop_words


def test_specific_keys_of_names_numbers_and_times():
    from storyline.link.features import specific_keys, time_key

    assert specific_keys("PERSON", "Ingrid Solberg's") == ["n:ingrid", "n:solberg"]
    assert specific_keys("ORG", "the Bank of Ruritania") == ["n:bank", "n:ruritania"]
    assert specific_keys("CARDINAL", "1,250") == ["#:1250"]
    assert specific_keys("QUANTITY", "magnitude 6.4") == ["#:6.4"]
    assert specific_keys("DATE", "in 2019") == ["#:2019"]
    assert specific_keys("ORDINAL", "third") == []
    assert time_key("March 3, 2019", "2019-03-03", "day") == "t:2019-03-03"
    assert time_key("November 26", None, "day") == "t:november 26"
    assert time_key("in September", None, "month") == "t:in september"
    assert time_key("Friday", None, "day") is None  # a weekday from an unknown day tells no event apart
    assert time_key("last year", None, "year") is None
    assert time_key("recently", "PAST_REF", "vague") is None


def test_two_quakes_differ_in_their_specifics_not_their_topic():
    from storyline.link.features import idf_table

    quake_a = Counter(["n:valparaiso", "#:6.8", "t:2019-05-02", "n:chile", "n:usgs"])
    quake_b = Counter(["n:sumatra", "#:7.1", "t:2021-11-14", "n:indonesia", "n:usgs"])
    idf, _ = idf_table([quake_a, quake_a, quake_b, quake_b], offset=0.0)
    a, b = weighted(quake_a, idf, default_idf=1.0), weighted(quake_b, idf, default_idf=1.0)
    assert cosine(a, b) == pytest.approx(0.0) and cosine(a, a) == pytest.approx(1.0)


def test_an_undated_page_is_windowed_by_its_url_month_and_its_likely_day_stays_unknown():
    from dataclasses import replace
    from datetime import date

    from storyline.link.features import page_features
    from storyline.link.pagestories import StoryOptions, date_factor

    text = "Envoy to visit\nThe envoy will visit the capital this month."
    segments = (Segment(role="headline", start=0, end=14), Segment(role="body", start=15, end=len(text)))
    february = page_features(replace(_doc(text, segments), url="http://blog.example/2012/02/envoy-to-visit.html"))
    november = page_features(replace(_doc(text, segments), doc_id="e", url="http://blog.example/2012/11/envoy.html"))
    unknown = page_features(_doc(text, segments))
    assert (february.not_before, february.not_after) == (date(2012, 2, 1), date(2012, 2, 29))
    assert february.likely is None and february.published is None
    options = StoryOptions()
    assert date_factor(february, november, options) == 0.0  # months apart: never one event
    assert date_factor(february, unknown, options) == options.unknown_date_factor
    assert date_factor(february, february, options) == options.unknown_date_factor  # one month is not one day
