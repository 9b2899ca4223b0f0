"""Runners around the one per-page function :func:`storyline.read.read_pages`: in this process or a
pool of processes (:mod:`storyline.engines.local`), or in Spark tasks (:mod:`storyline.engines.spark`).
Every runner yields plain :class:`~storyline.page_reading.PageReading` records (or
:class:`~storyline.page_reading.ReadFailure`); storing them is the caller's."""

from __future__ import annotations

import os


def available_cores() -> int:
    """The cores this process may run on (the default number of reading processes)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)
