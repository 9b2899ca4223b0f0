"""How the web app reads a store that other processes write.

DuckDB lets one process write a file and, while it does, no other process open it, even to read
(measured: a read-write connection in one process makes ``duckdb.connect(path, read_only=True)``
in another fail with "Could not set lock on file"; read-only connections in several processes
coexist). Opening the file costs tens of milliseconds on a large store, so the app keeps one
read-only connection open and gives each request a cursor of it, and lets go of the file as soon
as a writer (``storyline ingest``, ``storyline read``) says it is waiting for it
(:func:`storyline.store.database.write_wanted`): the requests in flight finish, the connection is
closed, the writer writes its batch, and the next request opens the file again, waiting while
the writer holds it, and sees what was written. Nothing is ever served from before a write that
finished: the connection is opened again after every one.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from storyline.store.database import Store, write_wanted


class Readers:
    """One read-only connection to ``db`` shared by the requests (a cursor each)."""

    def __init__(self, db: Path, *, lock_wait: float) -> None:
        self.db, self.lock_wait = db, lock_wait
        self._lock = threading.Lock()
        self._shared: Store | None = None
        self._users = 0

    def acquire(self) -> Store:
        """A store for one request (release it with :meth:`release`)."""
        deadline = time.monotonic() + self.lock_wait
        while write_wanted(self.db) and time.monotonic() < deadline:
            self._drop_if_idle()
            time.sleep(0.005)
        with self._lock:
            if self._shared is None:
                self._shared = Store(self.db, read_only=True, lock_wait=max(deadline - time.monotonic(), 0.0))
            self._users += 1
            try:
                return self._shared.reader()
            except Exception:
                self._users -= 1
                raise

    def release(self, view: Store) -> None:
        view.close()
        with self._lock:
            self._users -= 1
        if write_wanted(self.db):
            self._drop_if_idle()

    def _drop_if_idle(self) -> None:
        with self._lock:
            if self._shared is not None and self._users == 0:
                self._shared.close()
                self._shared = None

    def close(self) -> None:
        self._drop_if_idle()
