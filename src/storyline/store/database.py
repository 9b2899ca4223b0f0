"""DuckDB store: schema migrations, one transaction per stored page, typed reads.

One writer: a ``Store`` holds one connection; every write happens in a transaction that is
committed whole or not at all, so an interrupted ingest leaves no half-written page behind.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal

import duckdb

from storyline.errors import Errors, StoreError
from storyline.model import Comment, Document, Segment
from storyline.store.migrations import LATEST_VERSION, MIGRATIONS

log = logging.getLogger(__name__)

DEFAULT_DB = "storyline.duckdb"

MEMORY_ENV = "STORYLINE_DB_MEMORY"
DEFAULT_MEMORY = "1GB"
"""DuckDB's own memory (its buffer of table blocks, indexes, joins) is held under this bound, whatever
the store's size: blocks read before are evicted and large joins spill to ``FILE.tmp``. DuckDB's own
default is 80% of the machine's memory, so a process linking a growing store kept more of it
resident with every batch."""

_MEMORY_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)

AddStatus = Literal["added", "new_version", "unchanged"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    doc_id: str
    version: int
    status: AddStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentSummary:
    doc_id: str
    version: int
    versions: int
    format: str
    outlet: str | None
    title: str | None
    published: str | None
    published_source: str
    body_segments: int
    comments: int


class Store:
    """A Storyline database file (created and migrated on open).

    DuckDB lets one process write a file and, while it does, no other process open it, even to
    read. So a writer can :meth:`release` the file between batches (the connection reopens on the
    next use of :attr:`con`), and opening waits up to ``lock_wait`` seconds for another process's
    lock to go before it fails with E201. A read-only store never takes the write lock, except once
    to bring a store of an older schema up to date.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False, lock_wait: float = 0.0) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.lock_wait = lock_wait
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened_at = time.monotonic()
        if read_only and _schema_version(self.con) < LATEST_VERSION:
            self._upgrade()
        if not read_only:
            self._migrate()
        self._check_version()

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (reopened after :meth:`release`)."""
        if self._con is None:
            self._con = self._connect()
            self._opened_at = time.monotonic()
        return self._con

    def release(self) -> None:
        """Close the file so that other processes can open it; the next use of :attr:`con` reopens it."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def pause(self) -> None:
        """Between two pages: if a reader in another process waits for the file (``storyline serve``,
        a read-only command), :meth:`release` it and give the reader up to ``HANDOFF_S`` seconds to
        get in; else keep it (no cost when nobody waits)."""
        if self._con is None or not wanted(self.path, "read"):
            return
        self.release()
        deadline = time.monotonic() + HANDOFF_S
        while wanted(self.path, "read") and time.monotonic() < deadline:
            time.sleep(0.005)

    def close(self) -> None:
        self.release()

    def _connect(self, *, read_only: bool | None = None) -> duckdb.DuckDBPyConnection:
        """Connect, waiting up to ``lock_wait`` seconds while another process holds the file; while it
        waits it says so (:func:`wanted`), so that the holder lets go: a server at once, a writer at
        its next page (:meth:`pause`)."""
        read_only = self.read_only if read_only is None else read_only
        deadline = time.monotonic() + self.lock_wait
        pause, marker = 0.005, None
        try:
            while True:
                try:
                    return duckdb.connect(self.path, read_only=read_only, config={"memory_limit": memory_limit()})
                except duckdb.OutOfMemoryException as e:
                    raise out_of_memory(e) from e
                except (duckdb.Error, OSError) as e:
                    if not (is_lock_error(e) and time.monotonic() < deadline):
                        raise StoreError(Errors.E201.format(path=self.path, detail=e)) from e
                if marker is None:
                    marker = _say_wanted(self.path, "read" if read_only else "write")
                time.sleep(pause)
                pause = min(pause * 2, 0.02)  # a writer between pages lets go of the file only briefly
        finally:
            if marker:
                marker.unlink(missing_ok=True)

    def _upgrade(self) -> None:
        """Apply the missing migrations to an older store (the one time a read-only store writes)."""
        self.release()
        self._con = self._connect(read_only=False)
        try:
            self._migrate()
        finally:
            self.release()

    def reader(self) -> Store:
        """This store on a cursor of its own: one per thread reading the same open file."""
        view = object.__new__(Store)
        view.path, view.read_only, view.lock_wait = self.path, True, self.lock_wait
        view._con, view._opened_at = self.con.cursor(), self._opened_at
        return view

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------

    def schema_version(self) -> int:
        return _schema_version(self.con)

    def _migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        applied = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        for migration in MIGRATIONS:  # every one not applied yet, also one numbered below the newest applied
            if migration.version in applied:  # (migrations written in parallel are merged in any order)
                continue
            log.info("applying migration %d: %s", migration.version, migration.name)
            with self.transaction():
                self.con.execute(migration.sql)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", [migration.version, migration.name, _now()]
                )

    def _check_version(self) -> None:
        found = self.schema_version()
        if found > LATEST_VERSION:
            raise StoreError(Errors.E202.format(found=found, known=LATEST_VERSION))

    def transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # -- documents ----------------------------------------------------------------------

    def find_version(self, doc_id: str, content_hash: str) -> int | None:
        """The version of ``doc_id`` stored with this content, if any (the id alone is filtered in SQL:
        DuckDB looks it up in its index then, and scans the table for two conditions)."""
        rows = self.con.execute("SELECT version, content_hash FROM documents WHERE doc_id = ?", [doc_id]).fetchall()
        return min((version for version, stored in rows if stored == content_hash), default=None)

    def content_keys(self) -> frozenset[tuple[str, str]]:
        """Every stored ``(doc_id, content_hash)``: the pages an ingest passes over as unchanged."""
        return frozenset(self.con.execute("SELECT DISTINCT doc_id, content_hash FROM documents").fetchall())

    def add_document(self, doc: Document) -> AddResult:
        """Store ``doc`` as a new version unless the same content is already stored under its id.

        ``doc.version`` is ignored: the store numbers versions 1, 2, ... per document id.
        """
        with self.transaction():
            existing = self.find_version(doc.doc_id, doc.content_hash)
            if existing is not None:
                return AddResult(doc_id=doc.doc_id, version=existing, status="unchanged")
            latest = self.con.execute(
                "SELECT coalesce(max(version), 0) FROM documents WHERE doc_id = ?", [doc.doc_id]
            ).fetchone()[0]
            version = latest + 1
            self._insert(doc, version)
        return AddResult(doc_id=doc.doc_id, version=version, status="added" if version == 1 else "new_version")

    def _insert(self, doc: Document, version: int) -> None:
        self.con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [doc.doc_id, version, doc.source, doc.fmt, doc.url, doc.outlet, doc.title, doc.published,
             doc.published_source, doc.ingested_at, doc.text, doc.content_hash],
        )
        insert_rows(self.con, "segments",
                    [[doc.doc_id, version, seq, s.role, s.start, s.end] for seq, s in enumerate(doc.segments)])
        insert_rows(self.con, "comments",
                    [[doc.doc_id, version, c.comment_id, c.parent_id, c.depth, c.author, c.posted_at, c.text,
                      c.start, c.end, c.duplicate_of] for c in doc.comments])

    def list_documents(self) -> list[DocumentSummary]:
        """The latest version of every document, in id order."""
        rows = self.con.execute(
            """
            WITH latest AS (
                SELECT doc_id, max(version) AS version, count(*) AS versions FROM documents GROUP BY doc_id
            )
            SELECT d.doc_id, d.version, l.versions, d.format, d.outlet, d.title, d.published, d.published_source,
                   (SELECT count(*) FROM segments s
                     WHERE s.doc_id = d.doc_id AND s.version = d.version AND s.role = 'body'),
                   (SELECT count(*) FROM comments c WHERE c.doc_id = d.doc_id AND c.version = d.version)
            FROM documents d JOIN latest l USING (doc_id, version)
            ORDER BY d.doc_id
            """
        ).fetchall()
        return [
            DocumentSummary(doc_id=r[0], version=r[1], versions=r[2], format=r[3], outlet=r[4], title=r[5],
                            published=_iso(r[6]), published_source=r[7], body_segments=r[8], comments=r[9])
            for r in rows
        ]

    def latest_version(self, doc_id: str) -> int | None:
        row = self.con.execute("SELECT max(version) FROM documents WHERE doc_id = ?", [doc_id]).fetchone()
        return row[0] if row and row[0] is not None else None

    def get_document(self, doc_id: str, *, version: int | None = None) -> Document:
        """One stored document (the latest version unless ``version`` is given)."""
        if not _storable(doc_id):  # an argument with undecodable bytes can name no stored document
            raise StoreError(Errors.E203.format(doc_id=doc_id))
        version = version or self.latest_version(doc_id)
        row = version and self.con.execute(
            f"SELECT {_DOCUMENT_COLUMNS} FROM documents WHERE doc_id = ? AND version = ?", [doc_id, version],
        ).fetchone()
        if not row:
            raise StoreError(Errors.E203.format(doc_id=doc_id))
        return self._document(row)

    def iter_documents(self) -> Iterator[Document]:
        """The latest version of every document, in id order."""
        for summary in self.list_documents():
            yield self.get_document(summary.doc_id, version=summary.version)

    def get_documents(self, keys: Sequence[tuple[str, int]]) -> list[Document]:
        """The stored documents at these ``(doc_id, version)`` keys, in the order given (keys not stored
        are left out): three statements for any number of documents, where :meth:`get_document` takes
        three per document."""
        if not keys:
            return []
        import pyarrow as pa  # here, not at import: commands that only read start without it

        self.con.register("_storyline_wanted", pa.table({"doc_id": [k[0] for k in keys],
                                                         "version": [k[1] for k in keys]}))
        try:
            rows = {(r[0], r[1]): r for r in self.con.execute(
                f"SELECT {_DOCUMENT_COLUMNS} FROM documents JOIN _storyline_wanted USING (doc_id, version)").fetchall()}
            segments: dict[tuple[str, int], list[tuple]] = defaultdict(list)
            for r in self.con.execute(
                f"SELECT doc_id, version, {_SEGMENT_COLUMNS} FROM segments JOIN _storyline_wanted USING (doc_id, version) "
                "ORDER BY doc_id, version, seq").fetchall():
                segments[(r[0], r[1])].append(r[2:])
            comments: dict[tuple[str, int], list[tuple]] = defaultdict(list)
            for r in self.con.execute(
                f"SELECT doc_id, version, {_COMMENT_COLUMNS} FROM comments JOIN _storyline_wanted USING (doc_id, version) "
                "ORDER BY doc_id, version, start_offset").fetchall():
                comments[(r[0], r[1])].append(r[2:])
        finally:
            self.con.unregister("_storyline_wanted")
        return [_build_document(rows[k], segments[k], comments[k]) for k in dict.fromkeys(keys) if k in rows]

    def _document(self, row: tuple) -> Document:
        doc_id, version = row[0], row[1]
        segments = self.con.execute(
            f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE doc_id = ? AND version = ? ORDER BY seq", [doc_id, version],
        ).fetchall()
        comments = self.con.execute(
            f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE doc_id = ? AND version = ? ORDER BY start_offset",
            [doc_id, version],
        ).fetchall()
        return _build_document(row, segments, comments)

    def counts(self) -> dict[str, int]:
        return {
            table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("documents", "segments", "comments")
        }


_DOCUMENT_COLUMNS = ("doc_id, version, source, format, url, outlet, title, published, published_source, "
                     "ingested_at, text, content_hash")
_SEGMENT_COLUMNS = "role, start_offset, end_offset"
_COMMENT_COLUMNS = "comment_id, parent_id, depth, author, posted_at, text, start_offset, end_offset, duplicate_of"


def _build_document(row: tuple, segments: Sequence[tuple], comments: Sequence[tuple]) -> Document:
    """A document from its stored row (``_DOCUMENT_COLUMNS``), segment and comment rows."""
    return Document(
        doc_id=row[0], version=row[1], source=row[2], fmt=row[3], url=row[4], outlet=row[5], title=row[6],
        published=_iso(row[7]), published_source=row[8], ingested_at=row[9].isoformat(timespec="seconds"),
        text=row[10], content_hash=row[11], segments=tuple(Segment(role=r[0], start=r[1], end=r[2]) for r in segments),
        comments=tuple(Comment(comment_id=r[0], parent_id=r[1], depth=r[2], author=r[3], posted_at=_iso_minutes(r[4]),
                               text=r[5], start=r[6], end=r[7], duplicate_of=r[8]) for r in comments),
    )


_ROWS_PER_STATEMENT = 200
# Fewer rows than this go in one VALUES statement; more go through an Arrow table (one statement for
# any number of rows: binding thousands of parameters costs more than building the table).
_ARROW_MIN_ROWS = 8


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[object]]) -> None:
    """Insert rows (positional, in the table's column order). Many rows go in as one Arrow table
    (DuckDB casts each column to the table's type); a few, or rows Arrow cannot type (an integer
    beyond 64 bits, a column of mixed kinds), with multi-row ``VALUES`` statements (an order of
    magnitude faster than ``executemany`` in DuckDB). ``table`` is one of ours, never user input."""
    if not rows:
        return
    if len(rows) >= _ARROW_MIN_ROWS:
        import pyarrow as pa  # here, not at import: commands that only read start without it

        try:
            arrow = pa.table({f"c{i}": pa.array(column) for i, column in enumerate(zip(*rows, strict=True))})
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            arrow = None
        if arrow is not None:
            con.register("_storyline_rows", arrow)
            try:
                con.execute(f"INSERT INTO {table} SELECT * FROM _storyline_rows")  # noqa: S608
            finally:
                con.unregister("_storyline_rows")
            return
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        chunk = rows[start : start + _ROWS_PER_STATEMENT]
        marks = "(" + ", ".join("?" * len(chunk[0])) + ")"
        values = ", ".join([marks] * len(chunk))
        con.execute(f"INSERT INTO {table} VALUES {values}", [v for row in chunk for v in row])  # noqa: S608


class _Transaction:
    """``with store.transaction():`` commits on success, rolls back on any exception."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


def _schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


# A process waiting for the file leaves FILE.read-wanted or FILE.write-wanted beside it while it waits;
# a marker counts for this long (one a crashed process left is ignored after that).
WANTED_SECONDS = 120.0
# how long a writer that let go of the file for a waiting reader holds back before taking it again
HANDOFF_S = 1.0


def _wanted_marker(path: str, what: Literal["read", "write"]) -> Path:
    return Path(f"{path}.{what}-wanted")


def _say_wanted(path: str, what: Literal["read", "write"]) -> Path | Literal[False]:
    """Leave the marker that says this process waits for the file; ``False`` where the folder cannot
    be written (the wait goes on, unannounced)."""
    marker = _wanted_marker(path, what)
    try:
        marker.touch()
    except OSError as e:
        log.debug("cannot leave %s: %s", marker, e)
        return False
    return marker


def wanted(path: str | Path, what: Literal["read", "write"]) -> bool:
    """Whether a process is waiting to open the database file at ``path`` to read or to write."""
    try:
        age = time.time() - _wanted_marker(str(path), what).stat().st_mtime
    except OSError:
        return False
    return age < WANTED_SECONDS


def write_wanted(path: str | Path) -> bool:
    """Whether a writer in another process is waiting for the database file at ``path``."""
    return wanted(path, "write")


def memory_limit() -> str:
    """DuckDB's memory bound for a store: ``$STORYLINE_DB_MEMORY`` (e.g. ``512MB``, ``4GB``), else
    :data:`DEFAULT_MEMORY`; a value that is no size is refused with E206."""
    raw = os.environ.get(MEMORY_ENV, "").strip()
    if not raw:
        return DEFAULT_MEMORY
    if not _MEMORY_SIZE.fullmatch(raw):
        raise StoreError(Errors.E206.format(name=MEMORY_ENV, value=raw[:40]))
    return raw


def out_of_memory(error: duckdb.OutOfMemoryException) -> StoreError:
    """The one error a statement that needed more than the store's memory bound gives (E207)."""
    text = str(error).strip()
    detail = text.splitlines()[0] if text else type(error).__name__
    return StoreError(Errors.E207.format(limit=memory_limit(), detail=detail))


def is_lock_error(error: BaseException) -> bool:
    """Whether DuckDB refused a file because another process holds its lock."""
    return isinstance(error, duckdb.IOException) and "lock" in str(error).lower()


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def now_iso() -> str:
    return _now().isoformat(timespec="seconds")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _iso_minutes(value: datetime | None) -> str | None:
    return value.isoformat(timespec="minutes") if value else None
