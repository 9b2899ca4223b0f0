"""The garbage collector kept off the objects a long-running process already holds.

A process that reads a stream (``storyline live``, the stream benchmark) holds the spaCy pipeline,
the knowledge base, caches and what it read before: hundreds of thousands of objects. Every full
collection during a linking pass went through all of them again, so a pass paid for what the process
held, not for what it did (4-7 s of a 1,000-page pass's 20-30 s on the stream benchmark, growing with
the store). :func:`collecting_new_only` moves the objects alive on entry out of the collector's
generations (:func:`gc.freeze`) for the duration, so collections inside go through what the work
itself made; on exit they are handed back (:func:`gc.unfreeze`) and collected as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0


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
