"""Nationality of the holders of multinational offices over time (``data/actors/office_nationality.tsv``).

A person the page knows only as "the ISAF commander" gets the holders' nationality for the page's
date; the multinational body stays an affiliation. Knowledge, not a guess: each row is a period in
which every holder of the office came from one country.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from storyline.actors.kb import DATA_DIR


@dataclass(frozen=True, slots=True, kw_only=True)
class OfficeRow:
    organisation: str
    role: str
    country: str
    start: date | None
    end: date | None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@functools.cache
def office_rows() -> tuple[OfficeRow, ...]:
    text = (DATA_DIR / "office_nationality.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            org, role, country, start, end, _note = line.split("\t")
            rows.append(OfficeRow(organisation=org, role=role, country=country, start=_day(start), end=_day(end)))
    return tuple(rows)


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def office_nationality(organisation: str, roles: frozenset[str] | set[str], when: date | None) -> OfficeRow | None:
    """The row giving the nationality of a holder of ``organisation``'s office on ``when``, if known."""
    rows = [r for r in office_rows() if r.organisation == organisation and r.role in roles]
    if when is not None:
        return next((r for r in rows if r.covers(when)), None)
    return rows[0] if len(rows) == 1 else None
