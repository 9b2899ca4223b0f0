"""Stance of a comment toward each actor it names: supportive, critical or neutral.

A lexicon method, stated as such (``data/comments/lexicon.json``: supportive and critical words and
phrases, negators, directed words, irony openers). Each polar phrase counts +1 (supportive) or -1
(critical) toward the nearest target mention of its sentence (by words; a sentence naming no target
gives its words to the last target named before it in the comment):

- a word not in the lists is tried without its inflection ("respects", "praised" → respect, praise);
- a negator up to three words before it flips it ("not corrupt", "nobody respects"), unless the
  negator is followed by "but" or "only" ("nothing but lies", "not only corrupt");
- a directed phrase ("against", "condemn") judges only a target after it in its sentence ("Hale voted
  against the war" says nothing against Hale);
- in a sentence opened ironically ("Oh great, ...", "Sure, ...") without a concession ("but"),
  supportive words count as critical.

A target's score is ``tanh`` of its sum, in [-1, 1]; ``STANCE_MIN`` or more is supportive,
``-STANCE_MIN`` or less critical, else neutral. The words that decided are kept, with ``not`` in front
of a negated one and ``ironic`` in front of an ironic one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from storyline.comments.lexicon import Lexicon, Token, lexicon, phrase_spans, tokens
from storyline.comments.records import Stance, TargetMention, TargetStance

STANCE_MIN = 0.3
NEGATION_WINDOW = 3
_SENTENCE_END = re.compile(r"[.!?;]+|\n")
_NOT_NEGATING_AFTER = frozenset({"but", "only"})
# suffix -> bases to try, longest suffixes first ("praised" -> praise, "looting" -> loot)
_INFLECTIONS = (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",)))


def _sentence_ids(text: str, offsets: Sequence[int]) -> list[int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [sum(1 for e in ends if e <= o) for o in offsets]


def _base_forms(toks: list[Token], lex: Lexicon) -> list[Token]:
    """Tokens with an inflected word replaced by its base when only the base is a polar word."""
    polar_words = lex.supportive.by_first.keys() | lex.critical.by_first.keys()
    out = []
    for t in toks:
        base = t.text
        if base not in polar_words:
            base = next((b for b in _bases(t.text) if b in polar_words), t.text)
        out.append(Token(text=base, start=t.start, end=t.end))
    return out


def _bases(word: str) -> list[str]:
    bases = []
    for suffix, replacements in _INFLECTIONS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            bases += [word[: -len(suffix)] + r for r in replacements]
    return bases


def _negated(words: list[str], i: int, negators: frozenset[str]) -> bool:
    for k in range(max(0, i - NEGATION_WINDOW), i):
        if words[k] in negators and (k + 1 >= len(words) or words[k + 1] not in _NOT_NEGATING_AFTER):
            return True
    return False


def _ironic_sentences(text: str, toks: list[Token], lex: Lexicon) -> set[int]:
    """Sentences opened by an irony opener and holding no concession."""
    words = [t.text for t in toks]
    sentences = _sentence_ids(text, [t.start for t in toks])
    ironic = set()
    for k, sentence in enumerate(sentences):
        if (k == 0 or sentences[k - 1] != sentence) and lex.irony_openers.longest_at(words, k):
            if not any(words[m] == "but" for m in range(len(words)) if sentences[m] == sentence):
                ironic.add(sentence)
    return ironic


def target_stances(text: str, targets: Sequence[TargetMention]) -> list[TargetStance]:
    """One entry per target mention, in order; mentions of one actor share its pooled stance, score
    and words."""
    if not targets:
        return []
    lex = lexicon()
    toks = _base_forms(tokens(text), lex)
    words = [t.text for t in toks]
    polar = [(i, j, +1) for i, j in phrase_spans(toks, lex.supportive)]
    polar += [(i, j, -1) for i, j in phrase_spans(toks, lex.critical)]
    # a phrase both lists know (none should) or overlapping spans: the longer wins
    polar.sort(key=lambda p: (p[0], -(p[1] - p[0])))
    target_tok = [next((k for k, t in enumerate(toks) if t.start >= m.start), len(toks)) for m in targets]
    target_sent = _sentence_ids(text, [m.start for m in targets])
    ironic = _ironic_sentences(text, toks, lex)
    sums: dict[str, float] = defaultdict(float)
    decided: dict[str, list[str]] = defaultdict(list)
    inside = {k for m in targets for k, t in enumerate(toks) if m.start <= t.start < m.end}
    for i, j, sign in polar:
        if any(k in inside for k in range(i, j)):
            continue  # a word of the target's own name ("Justice Party") is no judgement of it
        sentence = _sentence_ids(text, [toks[i].start])[0]
        phrase = tuple(words[i:j])
        candidates = [n for n, s in enumerate(target_sent) if s == sentence]
        if phrase in lex.directed:
            candidates = [n for n in candidates if target_tok[n] >= j]
            if not candidates:
                continue
        if not candidates:
            earlier = [n for n, m in enumerate(targets) if m.start < toks[i].start]
            if not earlier:
                continue
            candidates = [earlier[-1]]
        nearest = min(candidates, key=lambda n: abs(target_tok[n] - i))
        shown = " ".join(phrase)
        if _negated(words, i, lex.negators):
            sign, shown = -sign, f"not {shown}"
        elif sign > 0 and sentence in ironic:
            sign, shown = -1, f"ironic {shown}"
        key = _key(targets[nearest])
        sums[key] += sign
        decided[key].append(shown)
    out: list[TargetStance] = []
    for m in targets:
        key = _key(m)
        score = round(math.tanh(sums.get(key, 0.0)), 3)
        out.append(TargetStance(target=m, stance=_label(score), score=score, words=tuple(decided.get(key, ()))))
    return out


def _key(m: TargetMention) -> str:
    return m.actor_id or m.local_entity


def _label(score: float) -> Stance:
    if score >= STANCE_MIN:
        return "supportive"
    if score <= -STANCE_MIN:
        return "critical"
    return "neutral"
