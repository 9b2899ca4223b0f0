"""The events scorer on hand-built gold and predictions."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from storyline.eval.events import (
    GoldPage,
    best_matching,
    date_agrees,
    fits,
    format_report,
    gold_event,
    read_gold,
    score,
    score_page,
)
from storyline.events.records import Event, EventParticipant, Evidence


def _side(country: str, *, affiliation: str | None = None) -> EventParticipant:
    return EventParticipant(text=country, name=country, actor_id=None, local_entity=country, country=country,
                            sector=None, start=0, end=3, affiliation=affiliation)


def _event(n: int, type_: str, actor: str, recipient: str | None = None, **kw: object) -> Event:
    ev = Evidence(text="x", start=n * 10, end=n * 10 + 5)
    return Event(event_id=f"e{n}", doc_id="d", type=type_, mode=None, actors=(_side(actor, **kw),),  # type: ignore[arg-type]
                 recipients=(_side(recipient),) if recipient else (), evidence=ev, trigger=ev)


def _gold(gid: str, types: list[str], actor: list[str], recipient: list[str] | None, **kw: object) -> object:
    return gold_event({"id": gid, "type": types, "actor": actor, "recipient": recipient, **kw})


def test_type_actor_recipient_and_symmetric_swap() -> None:
    g = _gold("g1", ["CONSULT"], ["KEN"], ["UGA"], symmetric=True)
    assert fits(_event(1, "CONSULT", "KEN", "UGA"), g)
    assert fits(_event(1, "CONSULT", "UGA", "KEN"), g)
    assert not fits(_event(1, "AGREE", "KEN", "UGA"), g)
    assert not fits(_event(1, "CONSULT", "KEN"), g)
    one_way = _gold("g2", ["ASSAULT"], ["KEN"], ["UGA"])
    assert not fits(_event(1, "ASSAULT", "UGA", "KEN"), one_way)
    assert fits(_event(1, "ASSAULT", "KEN"), _gold("g3", ["ASSAULT"], ["KEN"], None))


def test_affiliation_is_an_extra_code() -> None:
    assert fits(_event(1, "CONSULT", "CAN", "MLI", affiliation="UN"), _gold("g", ["CONSULT"], ["UN"], ["MLI"]))


def test_matching_is_one_to_one_and_maximum() -> None:
    assert best_matching({(0, 0): 100.0, (0, 1): 100.0, (1, 0): 100.0}) == {0: 1, 1: 0}
    # a maximum matching first, then the preferred pairs: 0 fits both but prefers 1's evidence
    assert best_matching({(0, 0): 100.9, (0, 1): 100.0, (1, 0): 100.5, (2, 2): 100.0}) == {0: 1, 1: 0, 2: 2}
    assert best_matching({(0, 0): 100.2, (0, 1): 100.9, (1, 0): 100.1}) == {0: 1, 1: 0}
    assert best_matching({}) == {}


def test_same_type_and_sides_are_matched_by_their_evidence() -> None:
    text = "Kenya shelled a Ugandan post in March. Months later Kenyan jets struck a Ugandan camp near the lake."
    first, second = text.index("Kenya shelled"), text.index("Months later")
    page = GoldPage(doc_id="d", events=(
        _gold("camp", ["ASSAULT"], ["KEN"], ["UGA"], evidence="Kenyan jets struck a Ugandan camp"),
        _gold("post", ["ASSAULT"], ["KEN"], ["UGA"], evidence="Kenya shelled a Ugandan post"),
    ))
    a = replace(_event(1, "ASSAULT", "KEN", "UGA"), evidence=Evidence(text=text[:second], start=first, end=second))
    b = replace(_event(2, "ASSAULT", "KEN", "UGA"), evidence=Evidence(text=text[second:], start=second, end=len(text)))
    result = score_page(page, [a, b], text=text)
    assert {m.gold_id: m.event_id for m in result.matches} == {"post": a.event_id, "camp": b.event_id}


def test_counts_optional_negated_and_dates() -> None:
    page = GoldPage(doc_id="d", events=(
        _gold("m", ["CONSULT"], ["KEN"], ["UGA"], main=True, date="2021-03"),
        _gold("o", ["ASSAULT"], ["UGA"], ["KEN"], optional=True),
        _gold("x", ["SANCTION"], ["KEN"], ["UGA"]),
    ), not_events=("a comment that says nothing",))
    preds = [replace(_event(1, "CONSULT", "KEN", "UGA"), date="2021-03-02"),
             _event(2, "ASSAULT", "UGA", "KEN"),
             replace(_event(3, "SANCTION", "KEN", "UGA"), negated=True),
             _event(4, "PROTEST", "KEN", "UGA")]
    report = score([page], {"d": preds})
    assert (report.main, report.main_matched) == (1, 1)
    assert (report.gold, report.gold_matched) == (2, 1)  # the optional event is not counted in recall
    assert (report.predicted, report.predicted_matched) == (3, 2)  # the negated one is ignored
    assert report.dates_scored == 1 and report.dates_correct == 1
    assert abs(report.f1 - 2 * (2 / 3) * 0.5 / (2 / 3 + 0.5)) < 1e-9
    assert "recall(main) 1.000" in format_report(report)
    assert json.dumps(report.to_json())


def test_date_precision() -> None:
    assert date_agrees("2021-03-02", "2021-03")
    assert not date_agrees("2021-03", "2021-03-02")
    assert not date_agrees(None, "2021")


def test_not_events_overlap() -> None:
    text = "Body sentence. Reader says: the army attacked us all."
    quote = "the army attacked us all."
    start = text.index(quote)
    ev = Evidence(text=text[start:], start=start, end=len(text))
    pred = replace(_event(1, "ASSAULT", "KEN"), evidence=ev)
    report = score([GoldPage(doc_id="d", events=(), not_events=(quote,))], {"d": [pred]}, texts={"d": text})
    assert report.not_event_hits == 1


def test_read_gold(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"doc_id": "d", "events": [
        {"id": "e1", "type": ["CONSULT"], "actor": ["KEN"], "recipient": None}], "not_events": []}]))
    pages = read_gold(path)
    assert pages[0].events[0].recipients is None and pages[0].events[0].actors == frozenset({"KEN"})
