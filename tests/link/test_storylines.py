"""Timelines per actor and actor pair, and the cooperation/conflict series."""

from __future__ import annotations

from storyline.link.storylines import cooperation_series, involves, period_of, timeline_of
from storyline.store.stories import StoryEvent, StorySide


def _story(story_id: str, actor: str, recipient: str, *, date: str | None, type_: str = "CONSULT", quad: int = 1,
           goldstein: float = 1.0, first_seen: str | None = None) -> StoryEvent:
    sides = (StorySide(side="actor", seq=0, actor_id=None, name=actor, country=actor, sector=None),
             StorySide(side="recipient", seq=0, actor_id=None, name=recipient, country=recipient, sector=None))
    return StoryEvent(story_id=story_id, type=type_, canonical_event_id=f"{story_id}-e", pages=2, sources=2, date=date,
                      date_precision="day" if date and len(date) == 10 else "month", quad_class=quad,
                      goldstein=goldstein, first_seen=first_seen, sides=sides)


STORIES = [
    _story("s3", "KEN", "UGA", date="2014-07-01"),
    _story("s1", "UGA", "KEN", date="2014-06-03"),
    _story("s2", "KEN", "UGA", date="2014-06-20", type_="ASSAULT", quad=4, goldstein=-10.0),
    _story("s4", "KEN", "TZA", date="2014-06-05"),
    _story("s5", "KEN", "UGA", date=None, first_seen="2014-06-25", type_="ACCUSE", quad=3, goldstein=-2.0),
    _story("s6", "KEN", "UGA", date=None),
]


def test_pair_timeline_is_chronological_in_both_directions() -> None:
    line = timeline_of(STORIES, actors=["KEN", "UGA"])
    assert [e.story_id for e in line.entries] == ["s1", "s2", "s5", "s3"]
    assert line.entries[2].when_source == "first_seen"
    assert line.entries[0].actors == ("UGA",) and line.entries[0].recipients == ("KEN",)


def test_single_actor_timeline_and_date_range() -> None:
    assert [e.story_id for e in timeline_of(STORIES, actors=["TZA"]).entries] == ["s4"]
    june = timeline_of(STORIES, actors=["KEN"], since="2014-06-04", until="2014-06")
    assert [e.story_id for e in june.entries] == ["s4", "s2", "s5"]
    assert not involves(STORIES[3], ["KEN", "UGA"])


def test_monthly_and_weekly_series() -> None:
    line = timeline_of(STORIES, actors=["KEN", "UGA"])
    months = cooperation_series(line, period="month")
    assert [(p.period, p.events, p.goldstein_sum, p.quad_counts) for p in months] == [
        ("2014-06", 3, -11.0, {1: 1, 3: 1, 4: 1}), ("2014-07", 1, 1.0, {1: 1})]
    assert months[0].goldstein_mean == round(-11.0 / 3, 3)
    weeks = cooperation_series(line, period="week")
    assert [p.period for p in weeks] == ["2014-W23", "2014-W25", "2014-W26", "2014-W27"]
    assert period_of("2014-06", "week") == "2014-06"
