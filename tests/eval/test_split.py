"""Split files name halves of the gold pages; anything else in them is passed over."""

from __future__ import annotations

import json

import pytest

from storyline.eval.pipeline_events import read_split


def test_halves_are_the_lists_of_ids(tmp_path):
    path = tmp_path / "split.json"
    path.write_text(json.dumps({"about": "text", "tune": ["a", "b"], "check": ["c"]}), encoding="utf-8")
    assert read_split(path) == {"tune": frozenset({"a", "b"}), "check": frozenset({"c"})}


@pytest.mark.parametrize("content", ["[]", '{"about": "no lists"}', '{"tune": [1, 2]}'])
def test_a_file_without_halves_is_refused(tmp_path, content):
    path = tmp_path / "split.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="named lists of page ids"):
        read_split(path)
