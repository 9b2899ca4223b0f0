"""The linking pass collects garbage among what it makes, not among everything the process holds."""

from __future__ import annotations

import gc

import pytest

from storyline import pipeline
from storyline.heap import collecting_new_only
from storyline.store import Store


def test_objects_alive_on_entry_are_frozen_inside_and_handed_back_after() -> None:
    held = [object() for _ in range(10)]
    assert gc.get_freeze_count() == 0
    with collecting_new_only():
        assert gc.get_freeze_count() >= len(held)
        with collecting_new_only():  # nested: the outer block's freeze holds
            assert gc.get_freeze_count() >= len(held)
        assert gc.get_freeze_count() >= len(held)
    assert gc.get_freeze_count() == 0


def test_handed_back_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), collecting_new_only():
        raise RuntimeError
    assert gc.get_freeze_count() == 0


def test_link_read_runs_its_steps_with_the_held_objects_frozen(tmp_path, monkeypatch) -> None:
    seen: list[int] = []

    def record(store: Store, **_: object) -> None:
        seen.append(gc.get_freeze_count())
        raise _Stop

    monkeypatch.setattr(pipeline, "link_pages", record)
    monkeypatch.setattr(pipeline, "actors_stale", lambda store: False)
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(_Stop):
        pipeline.link_read(store)
    assert seen and seen[0] > 0
    assert gc.get_freeze_count() == 0


class _Stop(Exception):
    pass
