"""Page-story settings given as KEY=VALUE (the evaluations' ``--set``), and clustering stored pages afresh."""

from __future__ import annotations

import pytest

from storyline.link import link_pages, page_story_ids, recluster
from storyline.link.pagestories import StoryOptions, options_with
from storyline.pipeline import ingest, read_pending
from storyline.store import Store
from tests.link.test_pagestories import page_rows, write_feed


def test_settings_are_read_as_their_field_types():
    options = options_with(["unknown_date_factor=0.5", "window_days=21", " linkage = average "])
    assert options == StoryOptions(unknown_date_factor=0.5, window_days=21, linkage="average")
    assert isinstance(options.window_days, int)


def test_no_settings_give_the_base_options():
    base = StoryOptions(threshold=0.2)
    assert options_with([], base) == base
    assert options_with(["group_factor=0.7"], base) == StoryOptions(threshold=0.2, group_factor=0.7)


@pytest.mark.parametrize(("setting", "message"), [
    ("treshold=0.1", "not a KEY=VALUE setting"),
    ("threshold", "not a KEY=VALUE setting"),
    ("threshold=high", "threshold takes a number (float)"),
    ("window_days=2.5", "window_days takes a number (int)"),
    ("threshold=-0.1", "threshold cannot be negative"),
    ("linkage=single", "linkage is one of centroid, average"),
])
def test_a_bad_setting_is_named_with_its_problem(setting, message):
    with pytest.raises(ValueError) as caught:
        options_with([setting])
    assert setting in str(caught.value) and message in str(caught.value)


@pytest.fixture(scope="module")
def linked_store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("settings")
    with Store(tmp / "s.duckdb") as store:
        ingest([write_feed(tmp / "feed.jsonl", page_rows())], store=store)
        read_pending(store)
        link_pages(store)
    return tmp / "s.duckdb"


def test_reclustering_with_the_defaults_gives_the_stored_stories(linked_store):
    with Store(linked_store, read_only=True) as store:
        stored = page_story_ids(store)
        assert recluster(store) == stored
        assert len(set(stored.values())) < len(stored)


def test_reclustering_applies_the_settings_and_stores_nothing(linked_store):
    with Store(linked_store, read_only=True) as store:
        stored = page_story_ids(store)
        apart = recluster(store, options=options_with(["threshold=1.5"]))
        assert page_story_ids(store) == stored
    assert set(apart) == set(stored)
    assert len(set(apart.values())) == len(apart)  # no link reaches 1.5: every page is a story of its own
