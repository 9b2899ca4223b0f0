"""Relative dates between events of one page, on hand-built stored events of our own making."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.events.records import Event, EventParticipant, Evidence, event_id
from storyline.link.events import link_events
from storyline.link.relative_dates import (
    RelativeDate,
    duration_days,
    find_relative_dates,
    shift,
)
from storyline.model import Document
from storyline.pipeline import ingest, read_pending
from storyline.store import Store
from storyline.store.events import insert_events
from storyline.store.stories import load_stories


def side(name: str, country: str, actor_id: str) -> EventParticipant:
    return EventParticipant(text=name, name=name, actor_id=actor_id, local_entity=None, country=country, sector=None,
                            start=0, end=len(name))


LULA = side("President Lula", "BRA", "person:lula:BRA")
MILEI = side("President Milei", "ARG", "person:milei:ARG")
CHILE_NAVY = side("Chilean navy", "CHL", "organisation:CHL-NAVY")
PERU_NAVY = side("Peruvian navy", "PER", "organisation:PER-NAVY")


def event(doc_id: str, type_: str, actors: list[EventParticipant], recipients: list[EventParticipant], text: str,
          trigger: str, *, at: int = 100, date: str | None = None) -> Event:
    t = at + text.index(trigger)
    return Event(
        event_id=event_id(doc_id, type_, t, t + len(trigger)), doc_id=doc_id, type=type_, mode=None,
        actors=tuple(actors), recipients=tuple(recipients), evidence=Evidence(text=text, start=at, end=at + len(text)),
        trigger=Evidence(text=trigger, start=t, end=t + len(trigger)), date=date,
        date_precision="day" if date else None, location=None, negated=False, quad_class=1, goldstein=1.0,
        symmetric=type_ == "CONSULT",
    )


def add_page(store: Store, doc_id: str, published: str, events: list[Event],
             durations: list[tuple[int, str, str]] = ()) -> None:
    """A page with its events and its duration expressions ``(start, text, value)``."""
    store.add_document(Document(doc_id=doc_id, version=1, source=f"{doc_id}.txt", fmt="text",
                                url=f"https://{doc_id}.example/a", outlet=f"{doc_id}.example", title=doc_id,
                                published=published, published_source="page", ingested_at="2020-01-01T00:00:00",
                                text="x" * 400, content_hash=f"hash-{doc_id}"))
    with store.transaction():
        insert_events(store, doc_id=doc_id, version=1, events=events, quotes=())
        for start, text, value in durations:
            store.con.execute("INSERT INTO time_expressions VALUES (?, 1, ?, ?, ?, ?, NULL, 'duration')",
                              [doc_id, start, start + len(text), text, value])


SENTENCE = "The navy chiefs met two days after President Lula held talks with President Milei in Brasilia."
TALKS_A = "President Lula held talks with President Milei in Brasilia on Monday, their first meeting."
NAVIES = "The Chilean navy met the Peruvian navy in Lima on Thursday for border talks."


def _store_pages(store: Store, sentence: str = SENTENCE, duration: tuple[str, str] | None = ("two days", "P2D")) -> None:
    add_page(store, "br1", "2023-05-03", [
        event("br1", "CONSULT", [LULA], [MILEI], TALKS_A, "held", date="2023-05-01"),
    ])
    add_page(store, "cl1", "2023-05-06", [event("cl1", "CONSULT", [CHILE_NAVY], [PERU_NAVY], NAVIES, "met",
                                               date="2023-05-04")])
    navies = event("cl2", "CONSULT", [CHILE_NAVY], [PERU_NAVY], sentence, "met")
    talks = event("cl2", "CONSULT", [LULA], [MILEI], sentence, "held")
    durations = [(100 + sentence.index(duration[0]), *duration)] if duration else []
    add_page(store, "cl2", "2023-05-06", [navies, talks], durations)


@pytest.mark.parametrize(("value", "days"), [("P1D", 1), ("P3D", 3), ("P2W", 14), ("PT5H", 0), ("PTXH", 0),
                                             ("PXD", None), ("P1M", None), ("P2Y", None), ("later", None), (None, None)])
def test_duration_days(value: str | None, days: int | None) -> None:
    assert duration_days(value) == days


def test_shift_crosses_months() -> None:
    assert shift("2023-03-01", -1) == "2023-02-28" and shift("2023-12-31", 1) == "2024-01-01"


def test_a_sentence_dates_the_event_of_its_after_clause(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        _store_pages(store)
        [rel] = find_relative_dates(store)
        talks = event("cl2", "CONSULT", [LULA], [MILEI], SENTENCE, "held")
        navies = event("cl2", "CONSULT", [CHILE_NAVY], [PERU_NAVY], SENTENCE, "met")
        assert rel == RelativeDate(doc_id="cl2", event_id=talks.event_id, anchor_id=navies.event_id, offset_days=-2)


def test_the_relative_date_is_listed_as_a_disagreement(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        _store_pages(store)
        link_events(store)
        stories = {frozenset(r.doc_id for r in s.reports): s for s in load_stories(store)}
        talks = stories[frozenset({"br1", "cl2"})]
        navies = stories[frozenset({"cl1", "cl2"})]
        assert navies.date == "2023-05-04"
        assert {r.doc_id: r.inferred_date for r in talks.reports} == {"br1": None, "cl2": "2023-05-02"}
        assert {(d.field, d.value, d.doc_ids) for d in talks.disagreements} == {
            ("date", "2023-05-01", ("br1",)), ("date", "2023-05-02", ("cl2",))}
        before = load_stories(store)
        link_events(store, rebuild=True)  # idempotent
        assert load_stories(store) == before


@pytest.mark.parametrize(("sentence", "duration", "day"), [
    ("The navy chiefs met the day before President Lula held talks with President Milei.", None, "2023-05-05"),
    ("The navy chiefs met a week after President Lula held talks with President Milei.", ("a week", "P1W"),
     "2023-04-27"),
    ("The navy chiefs met hours after President Lula held talks with President Milei.", ("hours", "PTXH"),
     "2023-05-04"),
])
def test_other_offsets(tmp_path: Path, sentence: str, duration: tuple[str, str] | None, day: str) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        _store_pages(store, sentence, duration)
        link_events(store)
        inferred = {r.event_id: r.inferred_date for s in load_stories(store) for r in s.reports if r.doc_id == "cl2"}
        talks = event("cl2", "CONSULT", [LULA], [MILEI], sentence, "held")
        assert inferred[talks.event_id] == day


@pytest.mark.parametrize(("sentence", "duration"), [
    ("The navy chiefs met after President Lula held talks with President Milei.", None),  # no duration
    ("The navy chiefs met months after President Lula held talks with President Milei.", ("months", "PXM")),
])
def test_no_day_without_a_day_duration(tmp_path: Path, sentence: str, duration: tuple[str, str] | None) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        _store_pages(store, sentence, duration)
        link_events(store)
        assert find_relative_dates(store) == []
        talks = [s for s in load_stories(store) if {r.doc_id for r in s.reports} == {"br1", "cl2"}]
        assert all(d.field != "date" for s in talks for d in s.disagreements)


def test_seed_pages_relative_date(shared_dir: Path, tmp_path: Path) -> None:
    """Sample page 002 puts the commanders' meeting one day later than the leaders' talks: a one-day relation."""
    with Store(tmp_path / "seeds.duckdb") as store:
        ingest([shared_dir / "seeds"], store=store)
        read_pending(store)
        relations = [r for r in find_relative_dates(store) if r.doc_id.startswith("002")]
        assert [r.offset_days for r in relations] == [-1]
        inferred = {r.event_id: r.inferred_date for s in load_stories(store) for r in s.reports}
        assert inferred[relations[0].event_id] is not None


def test_seed_pages_obama_talks_date_disagreement(shared_dir: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "seeds.duckdb") as store:
        ingest([shared_dir / "seeds"], store=store)
        read_pending(store)
        found = {(d.field, d.value, tuple(x[:3] for x in d.doc_ids)) for s in load_stories(store)
                 for d in s.disagreements}
        assert {("date", "2012-03-22", ("001",)), ("date", "2012-03-27", ("002",))} <= found


def test_export_events_carries_the_inferred_date_of_an_undated_report(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from storyline.cli.main import app
    from storyline.store.stories import inferred_dates_by_event

    with Store(tmp_path / "s.duckdb") as store:
        _store_pages(store)
        link_events(store)
        talks = event("cl2", "CONSULT", [LULA], [MILEI], SENTENCE, "held")
        navies = event("cl2", "CONSULT", [CHILE_NAVY], [PERU_NAVY], SENTENCE, "met")
        assert inferred_dates_by_event(store) == {talks.event_id: "2023-05-02", navies.event_id: "2023-05-04"}
    result = CliRunner().invoke(app, ["export", "events", "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 0, result.output
    rows = {r["event_id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows[talks.event_id]["date"] is None and rows[talks.event_id]["inferred_date"] == "2023-05-02"
    dated = next(r for r in rows.values() if r["doc_id"] == "br1")
    assert dated["date"] == "2023-05-01" and dated["inferred_date"] is None


def _dated_state(store: Store) -> tuple[list[tuple], list[tuple]]:
    q = store.con.execute
    return (q("SELECT event_id, inferred_date FROM story_reports ORDER BY ALL").fetchall(),
            q("SELECT s.date, d.* EXCLUDE (story_id) FROM story_disagreements d JOIN story_events s USING (story_id) "
              "ORDER BY ALL").fetchall())


def test_passes_that_rebuild_some_stories_date_as_one_pass(tmp_path: Path) -> None:
    other = "The Chilean navy met the Peruvian navy in Lima on Friday for fishing talks."
    with Store(tmp_path / "one.duckdb") as one, Store(tmp_path / "passes.duckdb") as passes:
        _store_pages(one)
        add_page(one, "cl3", "2023-06-20", [event("cl3", "CONSULT", [CHILE_NAVY], [PERU_NAVY], other, "met",
                                                  date="2023-06-16")])
        link_events(one)
        # the page stating the relative date first, its anchor's dated report later, then an unrelated page
        sentence = SENTENCE
        add_page(passes, "cl2", "2023-05-06", [event("cl2", "CONSULT", [CHILE_NAVY], [PERU_NAVY], sentence, "met"),
                                               event("cl2", "CONSULT", [LULA], [MILEI], sentence, "held")],
                 [(100 + sentence.index("two days"), "two days", "P2D")])
        link_events(passes)
        add_page(passes, "br1", "2023-05-03", [event("br1", "CONSULT", [LULA], [MILEI], TALKS_A, "held",
                                                     date="2023-05-01")])
        add_page(passes, "cl1", "2023-05-06", [event("cl1", "CONSULT", [CHILE_NAVY], [PERU_NAVY], NAVIES, "met",
                                                     date="2023-05-04")])
        link_events(passes)
        add_page(passes, "cl3", "2023-06-20", [event("cl3", "CONSULT", [CHILE_NAVY], [PERU_NAVY], other, "met",
                                                     date="2023-06-16")])
        link_events(passes)
        whole, fed = _dated_state(one), _dated_state(passes)
    assert any(day for _, day in whole[0]), "a report gets its relative date"
    assert whole[1], "and its story lists the disagreement"
    assert fed == whole


def test_the_reports_of_the_stories_to_date_are_read_at_once(tmp_path: Path, monkeypatch) -> None:
    from storyline.link import relative_dates

    asked: list[object] = []  # each read of reports
    real = relative_dates.report_dates

    def counted(store, stories):
        asked.append(stories)
        return real(store, stories)

    monkeypatch.setattr(relative_dates, "report_dates", counted)
    later = "The Chilean navy met the Peruvian navy in Lima on Friday, a year later, for fishing talks."
    with Store(tmp_path / "s.duckdb") as store:
        _store_pages(store)
        # a second page stating a relative date, a year on: another story to date in the same pass
        add_page(store, "cl4", "2024-05-06", [event("cl4", "CONSULT", [CHILE_NAVY], [PERU_NAVY], later, "met",
                                                    date="2024-05-03")])
        follow = "The navy chiefs met three days after President Lula held talks with President Milei in Santiago."
        add_page(store, "br4", "2024-05-08", [event("br4", "CONSULT", [CHILE_NAVY], [PERU_NAVY], follow, "met"),
                                              event("br4", "CONSULT", [LULA], [MILEI], follow, "held")],
                 [(100 + follow.index("three days"), "three days", "P3D")])
        link_events(store)
        dated = [day for _, day in _dated_state(store)[0] if day]
    assert len(dated) >= 2, "reports of both pages stating a relative date get their days"
    assert len(asked) == 2, "once before dating the reports, once to relist the stories they date"
