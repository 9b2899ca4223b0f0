"""The record a time expression becomes, and the small vocabularies its fields use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Precision = Literal[
    "time", "day", "week", "month", "quarter", "season", "year", "decade", "century", "vague"
]
Kind = Literal["date", "duration", "set", "time"]
Tense = Literal["past", "present", "future"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """A normalised value (TIMEX3 style) with its precision and kind."""

    value: str | None
    precision: Precision | None
    kind: Kind


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpression:
    """A time expression found in a text.

    ``text == source[start:end]``. ``value`` follows TIMEX3: ``2012-03-28`` (day), ``2012-03`` (month),
    ``2012`` (year), ``2012-W13`` (week), ``2012-Q1``, ``2012-SP``, ``199`` (decade), ``2012-03-28T14:30Z``
    (time), ``P4Y`` (duration), ``PAST_REF`` ...; ``None`` when it cannot be resolved (a relative
    expression without an anchor). ``rule`` names the grammar rule that matched it.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: Precision | None
    kind: Kind
    rule: str
    tense: Tense | None = None
