"""A killed ingest (kill -9 of the parent) leaves no reading worker processes behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DEV_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "gold" / "dev" / "pages.jsonl"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_the_parent_kills_its_reading_workers(tmp_path):
    if not DEV_PAGES.is_file():
        pytest.skip("../shared/gold/dev is not beside the repository")
    run = subprocess.Popen([sys.executable, "-m", "storyline", "ingest", str(DEV_PAGES), "--db",
                            str(tmp_path / "s.duckdb"), "--n-process", "2", "--quiet"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        workers = _children(run.pid)  # the pool's workers (and its resource tracker)
        if len(workers) >= 2:
            break
        time.sleep(0.2)
    if run.poll() is not None or len(workers) < 2:
        run.kill()
        pytest.skip("the ingest ended before its workers could be seen")
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.2)
    assert not [p for p in workers if _alive(p)]
