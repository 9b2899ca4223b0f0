"""find_times(): spans, values, tense from cues or from a parse, reference dates, durations."""

import datetime as dt

import pytest

from storyline.time import TimeExpression, find_times

ANCHOR = dt.date(2016, 9, 14)  # a Wednesday


def _values(text: str, anchor: dt.date | None = ANCHOR) -> dict[str, str | None]:
    return {t.text: t.value for t in find_times(text, anchor=anchor)}


def test_offsets_are_exact() -> None:
    text = "Talks in Lima ended on Monday; a new round opens 3 October 2016 in Quito."
    found = find_times(text, anchor=ANCHOR)
    assert [t.text for t in found] == ["Monday", "3 October 2016"]
    assert all(text[t.start : t.end] == t.text for t in found)
    assert isinstance(found[0], TimeExpression) and found[0].kind == "date"


def test_weekday_tense_from_cue_words() -> None:
    assert _values("The envoy met rebels on Friday.") == {"Friday": "2016-09-09"}
    assert _values("The envoy will meet rebels on Friday.") == {"Friday": "2016-09-16"}
    assert _values("The summit is due to open on Monday.") == {"Monday": "2016-09-19"}


def test_relative_expressions_without_anchor_have_no_value() -> None:
    found = find_times("Parliament voted yesterday on the 2015 budget.", anchor=None)
    assert [(t.text, t.value) for t in found] == [("yesterday", None), ("2015", "2015")]


def test_reference_date_for_the_day_before() -> None:
    text = "Elections were held on 4 June 2014. The day before, troops deployed."
    assert _values(text)["The day before"] == "2014-06-03"


def test_durations_sets_and_clock_times() -> None:
    text = "The 12-year truce, renewed annually, lasted two and a half years. Polls closed at 20:00 GMT on Sunday."
    values = _values(text)
    assert values["12-year"] == "P12Y"
    assert values["annually"] == "P1Y"
    assert values["two and a half years"] == "P2.5Y"
    assert values["20:00 GMT on Sunday"] == "2016-09-11T20:00Z"


def test_years_and_not_numbers() -> None:
    values = _values("In 2009, $2011 was sent; 1999% is no date and neither is 2,015.")
    assert values == {"2009": "2009"}


def test_may_the_modal_is_not_a_month() -> None:
    assert _values("The minister May resign, aides say.") == {}
    assert _values("Floods hit the delta in May.") == {"May": "2016-05"}


def test_named_days_are_not_resolved() -> None:
    assert _values("Markets recalled Black Monday.") == {}


def test_quarters_seasons_and_decades() -> None:
    values = _values("Output fell in the second quarter of 2015, as in the 1980s and last spring.")
    assert values == {"the second quarter of 2015": "2015-Q2", "the 1980s": "198", "last spring": "2015-SP"}


def test_a_doc_with_other_text_is_ignored() -> None:
    spacy = pytest.importorskip("spacy")
    doc = spacy.blank("en")("something else")
    assert _values("It rained on Tuesday.") == {"Tuesday": "2016-09-13"}
    assert find_times("It rained on Tuesday.", anchor=ANCHOR, doc=doc)[0].value == "2016-09-13"
