"""The server and an ingest on one store at once: both work, and new pages show without a restart.

DuckDB lets one process write a file and, while it does, no other open it at all; the ingest lets
go of the file between pages and while it parses, and the server opens it read-only per request,
waiting while the writer holds it (storyline.store.database.Store, storyline.web.app.reading).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.helpers import ARTICLE

OTHER = """Chile and Peru sign fisheries accord

Published: September 14, 2015

LIMA: Chile and Peru signed an agreement on Monday to share data on anchovy stocks along their maritime border.
The foreign ministers of both countries met in Lima for the ceremony.
"""

THIRD = """Ghana and Togo agree joint border patrols

Published: May 12, 2016

ACCRA: Ghana's President John Mahama met Togo's President Faure Gnassingbe in Accra on Wednesday.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
            return response.status, json.load(response)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def _storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def test_server_and_ingest_on_one_store(tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    (first / "kenya.txt").write_text(ARTICLE, encoding="utf-8")
    (later / "chile.txt").write_text(OTHER, encoding="utf-8")
    (later / "ghana.txt").write_text(THIRD, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    subprocess.run(_storyline("ingest", str(first), "--db", str(db), "--no-read", "-q"), check=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen(_storyline("serve", "--db", str(db), "--port", str(port), "--lock-wait", "60"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                status, body = _get(f"{base}/api/documents")
                break
            except OSError:
                time.sleep(0.1)
        assert status == 200 and body["total"] == 1
        ingest = subprocess.Popen(_storyline("ingest", str(later), "--db", str(db), "-q"), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        during: list[tuple[int, int]] = []
        while ingest.poll() is None:
            status, body = _get(f"{base}/api/documents")
            during.append((status, body.get("total", -1)))
            time.sleep(0.05)
        output, errors = ingest.communicate()
        assert ingest.returncode == 0, errors  # the ingest never met a lock it could not wait out
        assert "2 added" in output
        assert len(during) >= 3 and all(status == 200 for status, _ in during), during
        status, body = _get(f"{base}/api/documents")  # the same server, no restart: the new pages are there
        assert status == 200 and body["total"] == 3
        status, stories = _get(f"{base}/api/stories")
        assert status == 200 and stories["total"] >= 1
    finally:
        server.terminate()
        server.wait(timeout=30)
