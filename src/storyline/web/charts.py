"""The cooperation/conflict series as SVG geometry: one column per period, cooperation (quad classes
1-2) above the axis and conflict (3-4) below, and the Goldstein mean as a dot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.query import SeriesPoint

WIDTH, HALF = 720, 80  # drawing width; height of each half (cooperation above, conflict below)


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    period: str
    x: float
    width: float
    up: float
    down: float
    cooperation: int
    conflict: int
    goldstein_mean: float | None
    mean_y: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Chart:
    width: int
    half: int
    columns: tuple[Column, ...]


def series_chart(series: Sequence[SeriesPoint]) -> Chart:
    top = max((max(p.cooperation, p.conflict) for p in series), default=0) or 1
    step = WIDTH / max(len(series), 1)
    width = max(min(step * 0.7, 60.0), 2.0)
    return Chart(width=WIDTH, half=HALF, columns=tuple(
        Column(period=p.period, x=round(i * step + (step - width) / 2, 1), width=round(width, 1),
               up=round(p.cooperation / top * HALF, 1), down=round(p.conflict / top * HALF, 1),
               cooperation=p.cooperation, conflict=p.conflict, goldstein_mean=p.goldstein_mean,
               mean_y=None if p.goldstein_mean is None else round(HALF - p.goldstein_mean / 10 * HALF, 1))
        for i, p in enumerate(series)))
