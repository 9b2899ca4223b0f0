"""Export files are written whole or not at all, and a path that cannot be written is a named error."""

from __future__ import annotations

import json
import os
import stat

import pyarrow.parquet as pq
import pytest

from storyline.errors import StorylineError
from storyline.export.writers import write_rows

FIELDS = ("doc_id", "n")
ROWS = [{"doc_id": "a", "n": 1}, {"doc_id": "b", "n": 2}]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_file_is_written_and_no_temporary_file_is_left(tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert write_rows(iter(ROWS), fmt=fmt, out=target, fields=FIELDS) == 2
    assert target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_an_exported_file_gets_the_usual_mode_not_a_private_one(tmp_path):
    target = tmp_path / "out.jsonl"
    write_rows(iter(ROWS), fmt="jsonl", out=target, fields=FIELDS)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_missing_folder_is_an_error_naming_the_path(tmp_path, fmt):
    target = tmp_path / "no-such-folder" / f"out.{fmt}"
    with pytest.raises(StorylineError, match=r"E305 cannot write .*no-such-folder.*out\." + fmt):
        write_rows(iter(ROWS), fmt=fmt, out=target, fields=FIELDS)
    assert not target.parent.exists()


def test_a_folder_as_output_is_an_error_and_stays_a_folder(tmp_path):
    folder = tmp_path / "out.jsonl"
    folder.mkdir()
    with pytest.raises(StorylineError, match="E305"):
        write_rows(iter(ROWS), fmt="jsonl", out=folder, fields=FIELDS)
    assert folder.is_dir() and not any(folder.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_a_failure_while_writing_keeps_the_earlier_file(tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    write_rows(iter(ROWS), fmt=fmt, out=target, fields=FIELDS)
    before = target.read_bytes()

    def failing():
        yield ROWS[0]
        raise StorylineError("E999 the store went away")

    with pytest.raises(StorylineError, match="E999"):
        write_rows(failing(), fmt=fmt, out=target, fields=FIELDS)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    if fmt == "parquet":
        assert pq.read_table(target).num_rows == 2
    else:
        assert [json.loads(line)["doc_id"] for line in before.decode().splitlines()] == ["a", "b"]
