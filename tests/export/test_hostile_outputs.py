"""Exports write only regular files, keep an existing file's mode, and end cleanly on a full disk or a
closed pipe: one error line or nothing, never a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from storyline.cli.main import app
from storyline.demo import corpus_dir
from tests.helpers import ARTICLE

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    path = folder / "s.duckdb"
    # a megabyte of export: more than a pipe holds, so a reader that leaves early closes it under the writer
    feed = folder / "big.jsonl"
    feed.write_text("".join(json.dumps({"id": f"big-{i}", "text": f"Page {i}\n\n" + ARTICLE * 60}) + "\n"
                            for i in range(20)), encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(corpus_dir()), str(feed), "--db", str(path), "-q", "--no-read"])
    assert result.exit_code == 0, result.output
    return path


def _export(db, *args):
    return runner.invoke(app, ["export", "documents", "--db", str(db), *args])


def _errors(output):
    return [line for line in output.splitlines() if line.startswith("error:")]


def test_symlink_at_output_is_refused_and_left_alone(tmp_path, db):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    result = _export(db, "--output", str(link))
    assert result.exit_code == 1 and len(_errors(result.output)) == 1
    assert "E305" in result.output and "symbolic link" in result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"


def _device(tmp_path):
    """A character device node in ``tmp_path`` (the null device's numbers), or None where none can be made.
    Never /dev itself: a regression must not replace the system's /dev/null."""
    node = tmp_path / "device.out"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        return None
    return node


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_device_and_fifo_at_output_are_refused(tmp_path, db, fmt):
    fifo = tmp_path / "pipe.out"
    os.mkfifo(fifo)
    device = _device(tmp_path)
    for path in (fifo, *([device] if device else [])):
        result = _export(db, "--format", fmt, "--output", str(path))
        assert result.exit_code == 1 and len(_errors(result.output)) == 1 and "E305" in result.output
        assert "not a regular file" in result.output
        assert not path.is_file()


def test_existing_file_keeps_its_mode(tmp_path, db):
    out = tmp_path / "docs.jsonl"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    result = _export(db, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert (out.stat().st_mode & 0o777) == 0o600 and out.read_text(encoding="utf-8") != "old"


def _storyline(args: str) -> subprocess.CompletedProcess:
    return subprocess.run(f"{sys.executable} -m storyline {args}", shell=True, capture_output=True, text=True, check=False,
                          timeout=120)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_on_standard_output_is_one_error_line(db):
    done = _storyline(f"export documents --db {db} > /dev/full")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["error: E305 cannot write standard output: No space left on device"]


def test_closed_pipe_ends_quietly(db):
    done = subprocess.run(f"set -o pipefail; {sys.executable} -m storyline export documents --db {db} | head -c 10 > /dev/null",
                          shell=True, capture_output=True, text=True, check=False, timeout=120, executable="/bin/bash")
    assert done.returncode == 0 and done.stderr == ""
