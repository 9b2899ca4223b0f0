"""Where the reports of one story event disagree: its date, its place, the numbers they give.

- ``date``: two reported dates disagree when neither covers the other (``2011-11`` and
  ``2011-11-26`` agree; ``2012-03-22`` and ``2012-03-27`` do not).
- ``place``: reports placing the event in different countries.
- ``number:<noun>``: counts attached to the same noun in the evidence sentences ("killed 24
  soldiers" against "25 soldiers died"), the nouns and number words being data
  (``data/link/linking.json``).

Each disagreeing value is listed with the pages that give it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from storyline.events.records import Event
from storyline.link.blocking import LinkingWords, day_range, linking_words
from storyline.store.stories import Disagreement

_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+(?:[’'][^\W\d_]+)?")
_YEAR_RANGE = range(1900, 2101)


def _number(token: str, words: LinkingWords) -> int | None:
    if token[0].isdigit():
        try:
            return int(token.replace(",", ""))
        except ValueError:
            return None
    return words.number_words.get(token.lower())


def counted_numbers(text: str, *, words: LinkingWords | None = None) -> dict[str, set[int]]:
    """Counts attached to nouns in ``text``: ``"killed 24 Pakistani soldiers"`` → ``{"soldiers": {24}}``.

    A number counts a noun when the noun follows within a few words with no stop word between
    (adjectives and names may: "24 Pakistani soldiers"); numbers after a month name are days, and
    four-digit numbers from 1900 to 2100 are years.
    """
    words = words or linking_words()
    tokens = _TOKEN_RE.findall(text)
    found: dict[str, set[int]] = defaultdict(set)
    for i, token in enumerate(tokens):
        value = _number(token, words)
        if value is None or _is_date_part(tokens, i, value, words):
            continue
        noun = _counted_noun(tokens[i + 1 : i + 1 + words.number_window], words)
        if noun:
            found[noun].add(value)
    return dict(found)


def _is_date_part(tokens: list[str], i: int, value: int, words: LinkingWords) -> bool:
    if tokens[i][0].isdigit() and len(tokens[i]) == 4 and value in _YEAR_RANGE:
        return True
    return i > 0 and tokens[i - 1].lower() in words.month_names


def _counted_noun(following: Sequence[str], words: LinkingWords) -> str | None:
    for token in following:
        lower = token.lower()
        if lower in words.counted_nouns:
            return words.counted_nouns[lower]
        if lower != "and" and (lower in words.stop_words or _number(token, words) is not None):
            return None
    return None


def date_disagreements(events: Iterable[Event]) -> list[Disagreement]:
    """Every reported date with its pages, when two of them cannot both be right."""
    return dated_disagreements((e.date, e.doc_id) for e in events if e.date)


def dated_disagreements(dates: Iterable[tuple[str, str]]) -> list[Disagreement]:
    """Like :func:`date_disagreements`, from ``(date, doc_id)`` pairs (reported or inferred dates)."""
    by_value: dict[str, set[str]] = defaultdict(set)
    for value, doc_id in dates:
        if day_range(value):
            by_value[value].add(doc_id)
    ranges = {v: day_range(v) for v in by_value}
    clash = any(_disjoint(ranges[a], ranges[b]) for a in by_value for b in by_value if a < b)
    return _rows("date", by_value) if clash else []


def _disjoint(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return False
    covers = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
    return not covers


def place_disagreements(events: Iterable[Event]) -> list[Disagreement]:
    """Every country reports place the event in, with its pages, when there are two or more."""
    by_country: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e.location and e.location.country:
            by_country[e.location.country].add(e.doc_id)
    return _rows("place", by_country) if len(by_country) > 1 else []


def number_disagreements(events: Iterable[Event], *, words: LinkingWords | None = None) -> list[Disagreement]:
    """Counts of the same noun that differ between reports (``number:soldiers`` 24 vs 25)."""
    by_noun: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for e in events:
        for noun, values in counted_numbers(e.evidence.text, words=words).items():
            for value in values:
                by_noun[noun][str(value)].add(e.doc_id)
    rows: list[Disagreement] = []
    for noun, by_value in sorted(by_noun.items()):
        if len(by_value) > 1 and _pages(by_value) > 1:
            rows += _rows(f"number:{noun}", by_value)
    return rows


def _pages(by_value: dict[str, set[str]]) -> int:
    return len(set().union(*by_value.values()))


def _rows(field: str, by_value: dict[str, set[str]]) -> list[Disagreement]:
    return [Disagreement(field=field, value=value, doc_ids=tuple(sorted(docs))) for value, docs in sorted(by_value.items())]


def find_disagreements(events: Sequence[Event]) -> list[Disagreement]:
    """Date, place and number disagreements between the reports of one story event."""
    return [*date_disagreements(events), *place_disagreements(events), *number_disagreements(events)]
