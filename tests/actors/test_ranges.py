"""Range lookups by bisection answer exactly what a scan of every range answers."""

from __future__ import annotations

import random

from storyline.ranges import Ranges


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in ranges)


def _holds(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def test_ranges_agree_with_a_scan_as_they_grow() -> None:
    rng = random.Random(19)
    for _ in range(200):
        ranges = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 300) for _ in range(rng.randint(0, 12)))]
        index = Ranges(ranges)
        for _ in range(30):
            if rng.random() < 0.2:  # grow it between questions, as a scan that claims what it finds does
                a = rng.randint(0, 300)
                ranges.append((a, a + rng.randint(1, 80)))
                index.add(*ranges[-1])
            start = rng.randint(-10, 330)
            end = start + rng.randint(1, 40)
            assert index.overlaps(start, end) == _overlaps(start, end, ranges)
            assert index.holds(start, end) == _holds(start, end, ranges)


def test_touching_ranges_do_not_overlap() -> None:
    index = Ranges([(10, 20)])
    assert not index.overlaps(20, 25) and not index.overlaps(5, 10)
    assert index.overlaps(19, 21) and index.holds(10, 20) and not index.holds(9, 20)
    assert not Ranges().overlaps(0, 5) and not Ranges().holds(0, 5)
