"""The store's own memory has a bound (issue 21: linking memory stays bounded as the store grows)."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from storyline.errors import StoreError
from storyline.heap import return_freed_memory
from storyline.store import Store
from storyline.store.database import DEFAULT_MEMORY, MEMORY_ENV, memory_limit


def _bound(store: Store) -> str:
    return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def _as_duckdb_says(size: str) -> str:
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{size}'")
    return con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_a_store_holds_duckdb_under_the_default_bound_not_most_of_the_machine(tmp_path, monkeypatch):
    monkeypatch.delenv(MEMORY_ENV, raising=False)
    with Store(tmp_path / "a.duckdb") as store:
        assert _bound(store) == _as_duckdb_says(DEFAULT_MEMORY)
    with Store(tmp_path / "a.duckdb", read_only=True) as store:  # readers too
        assert _bound(store) == _as_duckdb_says(DEFAULT_MEMORY)


def test_the_bound_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv(MEMORY_ENV, "300MB")
    assert memory_limit() == "300MB"
    with Store(tmp_path / "b.duckdb") as store:
        assert _bound(store) == _as_duckdb_says("300MB") != _as_duckdb_says(DEFAULT_MEMORY)


@pytest.mark.parametrize("value", ["lots", "2 giga", "-1GB", "1GB; DROP TABLE documents"])
def test_a_bound_that_is_no_size_is_one_clear_error(tmp_path, monkeypatch, value):
    monkeypatch.setenv(MEMORY_ENV, value)
    with pytest.raises(StoreError, match=f"E206 {MEMORY_ENV}="):
        Store(tmp_path / "c.duckdb")
    assert not (tmp_path / "c.duckdb").exists()


def test_a_command_that_needs_more_than_the_bound_says_so_in_one_line(tmp_path):
    db = tmp_path / "d.duckdb"
    Store(db).close()
    env = {"PATH": "/usr/bin:/bin", MEMORY_ENV: "1KB", "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "storyline", "docs", "list", "--db", str(db)],
                          capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: E207 ") and MEMORY_ENV in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_freed_memory_goes_back_to_the_system_where_the_c_library_allows():
    blocks = [bytearray(64 * 1024) for _ in range(2000)]  # ~128 MB in small blocks the allocator keeps
    del blocks
    assert return_freed_memory() is (sys.platform.startswith("linux") and _glibc())


def _glibc() -> bool:
    import platform

    return platform.libc_ver()[0] == "glibc"
