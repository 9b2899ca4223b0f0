"""Stance of a comment toward each actor it names: supportive, critical or neutral.

A lexicon method, stated as such (``data/comments/lexicon.json``: supportive and critical words and
phrases, negators). Each polar phrase counts +1 (supportive) or -1 (critical) toward the nearest target
mention of its sentence (by words; a sentence naming no target gives its words to the last target
named before it in the comment); a negator up to three words before it flips it ("not corrupt",
"never trusted"). A target's score is ``tanh`` of its sum, in [-1, 1]; ``STANCE_MIN`` or more is
supportive, ``-STANCE_MIN`` or less critical, else neutral. The words that decided are kept, with
``not`` in front of a flipped one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.comments.lexicon import lexicon, phrase_spans, tokens
from storyline.comments.records import Stance, TargetMention, TargetStance

STANCE_MIN = 0.3
NEGATION_WINDOW = 3
_SENTENCE_END = re.compile(r"[.!?;]+|\n")


def _sentence_ids(text: str, offsets: Sequence[int]) -> list[int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [sum(1 for e in ends if e <= o) for o in offsets]


def target_stances(text: str, targets: Sequence[TargetMention]) -> list[TargetStance]:
    """One entry per target mention, in order; mentions of one actor share its pooled stance, score
    and words."""
    if not targets:
        return []
    lex = lexicon()
    toks = tokens(text)
    polar = [(i, j, +1) for i, j in phrase_spans(toks, lex.supportive)]
    polar += [(i, j, -1) for i, j in phrase_spans(toks, lex.critical)]
    # a phrase both lists know (none should) or overlapping spans: the longer wins
    polar.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    target_tok = [next((k for k, t in enumerate(toks) if t.start >= m.start), len(toks)) for m in targets]
    target_sent = _sentence_ids(text, [m.start for m in targets])
    sums: dict[str, float] = defaultdict(float)
    words: dict[str, list[str]] = defaultdict(list)
    inside = {k for m in targets for k, t in enumerate(toks) if m.start <= t.start < m.end}
    for i, j, sign in polar:
        if any(k in inside for k in range(i, j)):
            continue  # a word of the target's own name ("Justice Party") is no judgement of it
        sentence = _sentence_ids(text, [toks[i].start])[0]
        candidates = [n for n, s in enumerate(target_sent) if s == sentence]
        if not candidates:
            earlier = [n for n, m in enumerate(targets) if m.start < toks[i].start]
            if not earlier:
                continue
            candidates = [earlier[-1]]
        nearest = min(candidates, key=lambda n: abs(target_tok[n] - i))
        negated = any(toks[k].text in lex.negators for k in range(max(0, i - NEGATION_WINDOW), i))
        phrase = " ".join(t.text for t in toks[i:j])
        key = _key(targets[nearest])
        sums[key] += -sign if negated else sign
        words[key].append(f"not {phrase}" if negated else phrase)
    out: list[TargetStance] = []
    for m in targets:
        key = _key(m)
        score = round(math.tanh(sums.get(key, 0.0)), 3)
        out.append(TargetStance(target=m, stance=_label(score), score=score, words=tuple(words.get(key, ()))))
    return out


def _key(m: TargetMention) -> str:
    return m.actor_id or m.local_entity


def _label(score: float) -> Stance:
    if score >= STANCE_MIN:
        return "supportive"
    if score <= -STANCE_MIN:
        return "critical"
    return "neutral"
