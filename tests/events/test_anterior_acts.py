"""An act its sentence marks as earlier than the page's news ("had previously met") is another event,
never a repeat of the page's own event of the same sides."""

from __future__ import annotations

from .sentence_events import events_of, factual

PAGES = {
    "earlier": "Kenyan army chief Robert Kibochi met Somali commander Odowaa Yusuf in Mogadishu. "
               "Kibochi had previously met Yusuf in February.",
    "repeat": "Kenyan army chief Robert Kibochi met Somali commander Odowaa Yusuf in Mogadishu on Monday. "
              "Kibochi met Yusuf at the army headquarters.",
}


def test_an_earlier_meeting_of_the_same_people_is_a_second_event() -> None:
    found = events_of(PAGES)
    earlier = factual(found["earlier"], "CONSULT")
    assert len(earlier) == 2
    assert sorted(e.date or "" for e in earlier) == ["", "2021-02"]  # the news undated, the earlier one in February


def test_a_repeat_without_the_mark_stays_one_event() -> None:
    assert len(factual(events_of(PAGES)["repeat"], "CONSULT")) == 1
