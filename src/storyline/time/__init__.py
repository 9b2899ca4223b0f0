"""Time expressions: find them in article text and normalise them (TIMEX3 values) against the publication date."""

from storyline.time.expression import Kind, Precision, Resolution, Tense, TimeExpression
from storyline.time.finder import find_times, normalize

__all__ = ["Kind", "Precision", "Resolution", "Tense", "TimeExpression", "find_times", "normalize"]
