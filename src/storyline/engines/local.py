"""Read pages in this process or in a pool of worker processes on this machine.

Each worker loads the spaCy pipeline, the knowledge base and the type classifier once (its first
chunk) and reads chunks of documents with :func:`storyline.read.read_pages`: parse, actors, times,
places, events, quotes. What comes back is plain records, so the parent only stores them. At most
``2 × n_process`` chunks are in flight, so memory stays flat on a stream of any length; results
come back in input order.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from storyline.actors.petrarch import ActorDictionary
from storyline.model import Document
from storyline.page_reading import PageReading, ReadFailure
from storyline.read import read_failure, read_pages

log = logging.getLogger(__name__)

CHUNK_PAGES = 8


def read_local(
    documents: Iterable[Document],
    *,
    n_process: int = 1,
    dictionary: ActorDictionary | None = None,
    max_chars: int | None = None,
    chunk: int = CHUNK_PAGES,
) -> Iterator[PageReading | ReadFailure]:
    """One reading (or failure) per document, chunk by chunk in input order (see
    :func:`storyline.read.read_pages` for where a failure falls within its chunk); ``n_process`` > 1
    reads in that many worker processes."""
    if n_process <= 1:
        yield from read_pages(documents, dictionary=dictionary, max_chars=max_chars)
        return
    source = iter(documents)
    in_flight: deque[tuple[list[Document], Future[list[PageReading | ReadFailure]]]] = deque()
    with ProcessPoolExecutor(max_workers=n_process, initializer=_start_worker,
                             initargs=(dictionary, max_chars, os.getpid())) as pool:
        while True:
            while len(in_flight) < 2 * n_process and (docs := list(islice(source, chunk))):
                in_flight.append((docs, pool.submit(_read_chunk, docs)))
            if not in_flight:
                return
            docs, future = in_flight.popleft()
            yield from _results(docs, future)


def _results(docs: list[Document], future: Future[list[PageReading | ReadFailure]]) -> list[PageReading | ReadFailure]:
    """A chunk's readings; if its worker died (a crash, the memory killer), every page of it fails."""
    try:
        return future.result()
    except Exception as e:  # noqa: BLE001 - a lost worker fails its chunk's pages, the others go on
        log.warning("a reading worker failed on %d page(s): %s", len(docs), e)
        return [read_failure(doc, e) for doc in docs]


_settings: dict[str, object] = {}


def _start_worker(dictionary: ActorDictionary | None, max_chars: int | None, parent: int) -> None:
    """A worker's settings, sent once when it starts (not with every chunk); the worker dies with its
    parent (:func:`die_with_parent`)."""
    die_with_parent(parent)
    _settings.update(dictionary=dictionary, max_chars=max_chars)


_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``), so a
    killed ingest leaves no reading workers behind; exit at once if the parent is already gone.
    Elsewhere a no-op: the pool's own shutdown is all there is."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
            return
    except (OSError, AttributeError) as e:
        log.debug("no prctl: %s", e)
        return
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _read_chunk(docs: list[Document]) -> list[PageReading | ReadFailure]:
    """Read one chunk of documents (the task a worker runs)."""
    return list(read_pages(docs, **_settings))  # type: ignore[arg-type]
