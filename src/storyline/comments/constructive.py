"""Constructiveness of a comment: a transparent rule score in [0, 1], not a trained model.

No constructiveness labels are available to this project (the Fox News comments carry hate-speech
labels only), so this score is a documented heuristic after the features the constructiveness
literature names (length, reasons and proposals, specifics, civility), with no held-out figure:

- length: ``min(1, words / 40)``, weight 0.35;
- reasoning and proposals: ``min(1, markers / 2)`` over ``reasoning`` phrases ("because", "for
  example", "should", "according to", "%", ...), weight 0.35;
- specifics: ``min(1, (numbers + targets + events) / 3)`` (figures, the actors and events it names),
  weight 0.3;
- minus 0.5 x toxicity, minus 0.2 when more than half of its letters are capitals or it holds three
  or more exclamation marks; spam scores 0.

Constructive when the score is at least ``CONSTRUCTIVE_MIN`` (0.5).
"""

from __future__ import annotations

import re

from storyline.comments.lexicon import lexicon, phrase_spans, tokens

CONSTRUCTIVE_MIN = 0.5
_NUMBER = re.compile(r"\d")


def constructiveness(text: str, *, toxicity: float, specifics: int, spam: bool) -> float:
    if spam:
        return 0.0
    toks = tokens(text)
    words = [t for t in toks if t.text.isalpha()]
    length = min(1.0, len(words) / 40)
    reasons = min(1.0, len(phrase_spans(toks, lexicon().reasoning)) / 2)
    numbers = sum(1 for t in toks if _NUMBER.search(t.text))
    detail = min(1.0, (numbers + specifics) / 3)
    score = 0.35 * length + 0.35 * reasons + 0.3 * detail - 0.5 * toxicity
    letters = [c for c in text if c.isalpha()]
    if (letters and sum(c.isupper() for c in letters) > 0.5 * len(letters) and len(letters) > 8) or text.count("!") >= 3:
        score -= 0.2
    return round(min(1.0, max(0.0, score)), 3)
