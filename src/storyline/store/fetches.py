"""Fetch state of live sources (table ``fetch_state``): one row per URL asked for, page or feed.

A row says what the last fetch of the URL gave (``ok``, ``failed`` for good, ``retry`` later), the
validators to ask again with (ETag, Last-Modified), the stored page it became and when. Data
access only: what counts as seen, and when to ask again, is decided in :mod:`storyline.live`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from storyline.store.database import Store

FetchKind = Literal["page", "feed"]
FetchStatus = Literal["ok", "failed", "retry"]

_COLUMNS = ("url", "kind", "status", "http_status", "final_url", "etag", "last_modified", "doc_id", "version", "error",
            "fetched_at")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchState:
    """What the store remembers of one URL. ``fetched_at`` is ISO 8601 UTC to the second."""

    url: str
    kind: FetchKind
    status: FetchStatus
    fetched_at: str
    http_status: int | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    doc_id: str | None = None
    version: int | None = None
    error: str | None = None


def get_state(store: Store, url: str) -> FetchState | None:
    """The stored state of ``url``, if it was ever fetched."""
    row = store.con.execute(f"SELECT {', '.join(_COLUMNS)} FROM fetch_state WHERE url = ?", [url]).fetchone()  # noqa: S608
    return _state(row) if row else None


def done_urls(store: Store, urls: Iterable[str], *, kind: FetchKind = "page") -> set[str]:
    """Those of ``urls`` whose last fetch settled them (``ok`` or ``failed``, not ``retry``)."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return set()
    rows = store.con.execute(
        "SELECT url FROM fetch_state WHERE kind = ? AND status IN ('ok', 'failed') AND url IN (SELECT unnest(?))",
        [kind, wanted],
    ).fetchall()
    return {r[0] for r in rows}


def save_state(store: Store, state: FetchState) -> None:
    """Insert or replace the row of ``state.url`` (one transaction)."""
    values = [state.url, state.kind, state.status, state.http_status, state.final_url, state.etag,
              state.last_modified, state.doc_id, state.version, state.error, state.fetched_at]
    with store.transaction():
        store.con.execute(f"INSERT OR REPLACE INTO fetch_state ({', '.join(_COLUMNS)}) VALUES "  # noqa: S608
                          f"({', '.join('?' * len(_COLUMNS))})", values)


def list_states(store: Store, *, kind: FetchKind | None = None) -> list[FetchState]:
    """Every fetch state (of one kind), in URL order."""
    where, args = ("WHERE kind = ?", [kind]) if kind else ("", [])
    rows = store.con.execute(f"SELECT {', '.join(_COLUMNS)} FROM fetch_state {where} ORDER BY url", args).fetchall()  # noqa: S608
    return [_state(r) for r in rows]


def _state(row: tuple) -> FetchState:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["fetched_at"] = values["fetched_at"].isoformat(timespec="seconds")
    return FetchState(**values)
