"""The garbage collector kept off the objects a long-running process already holds.

A process that reads a stream (``storyline live``, the stream benchmark) holds the spaCy pipeline,
the knowledge base, caches and what it read before: hundreds of thousands of objects. Every full
collection during a linking pass went through all of them again, so a pass paid for what the process
held, not for what it did (4-7 s of a 1,000-page pass's 20-30 s on the stream benchmark, growing with
the store). :func:`collecting_new_only` moves the objects alive on entry out of the collector's
generations (:func:`gc.freeze`) for the duration, so collections inside go through what the work
itself made; on exit they are handed back (:func:`gc.unfreeze`) and collected as before.

A pass's objects are freed when it ends, but the C allocator keeps the pages they used, so the
process's resident memory was the high-water mark of every pass before; :func:`return_freed_memory`
hands the free pages back to the system (glibc's ``malloc_trim``; nothing where there is none).
"""

from __future__ import annotations

import ctypes
import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_depth = 0


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the interpreter runs on
    except (OSError, AttributeError, TypeError):  # not glibc (musl, macOS, Windows)
        return None


def return_freed_memory() -> bool:
    """Give the memory the C allocator holds free back to the system; whether it could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@contextmanager
def collecting_new_only() -> Iterator[None]:
    """Collect garbage inside the block among the objects made inside it only (nested blocks share
    the outermost's freeze; objects frozen by someone else before entry stay frozen after exit)."""
    global _depth
    if _depth or gc.get_freeze_count():
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
        return
    gc.freeze()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        gc.unfreeze()
