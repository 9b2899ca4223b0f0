"""The time lexicon ships with the package and parses into the grammar's word lists."""

from storyline.time.grammar import compile_pattern, fragments
from storyline.time.lexicon import lexicon


def test_lexicon_parses_with_complete_calendars() -> None:
    lex = lexicon()
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(lex.weekdays.values()) == list(range(7))
    assert lex.numbers["twelve"] == 12
    assert set(lex.units.values()) >= {"day", "week", "month", "year", "decade", "hour", "minute"}
    assert all(v.startswith("P") for v in lex.sets.values())
    assert set(lex.fuzzy.values()) <= {"PAST_REF", "PRESENT_REF", "FUTURE_REF"}


def test_fragments_compile() -> None:
    for name in ("month", "weekday", "number", "unit", "fuzzy", "sets"):
        assert compile_pattern(getattr(fragments(), name)).fullmatch(
            {"month": "Sept.", "weekday": "Friday", "number": "twenty-five", "unit": "decades",
             "fuzzy": "currently", "sets": "every week"}[name]
        )


def test_patterns_do_not_cross_line_breaks() -> None:
    assert compile_pattern(r"a\s+b").search("a\nb") is None
    assert compile_pattern(r"a\s+b").search("a  b")
