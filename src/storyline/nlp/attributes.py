"""spaCy's attribute ruler, by lookup instead of its token matcher.

The English pipelines map every fine-grained tag to a coarse part of speech and morphology, and fix a
few words, with an ``attribute_ruler`` of about 180 token patterns; its :class:`~spacy.matcher.Matcher`
tries them all on every token and took an eighth of the parse. :class:`LookupAttributeRules` sets the
same attributes: a pattern here is a short sequence of token tests (equal to, in, not in, regular
expression) on
``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE``; which single-token patterns a token satisfies depends
only on those four values, so it is worked out once per distinct combination, and the few longer
patterns are tried where their first test holds. As in spaCy, every pattern is matched against the
Doc as it came in, and where several rules set the same token the later rule wins.
:func:`use_lookup_rules` swaps it in (same pipe name) only when every pattern is of that kind;
otherwise spaCy's ruler stays.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

logger = logging.getLogger(__name__)

FACTORY = "storyline_attribute_rules"
FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes a supported pattern tests, in the order of a token's key."""
_MAX_CACHED = 200_000

Key = tuple[str, str, str, bool]
token_key_example: Key = ("", "", "", False)  # which fields hold text (a regular expression tests text only)
Test = tuple[int, str, Any]  # (field index, "eq" | "in" | "not_in" | "regex", value)
Longer = tuple[int, tuple[tuple[Test, ...], ...], int]  # (rule number, tests of each token, index)


def token_key(token: Token) -> Key:
    return (token.tag_, token.lower_, token.dep_, token.is_space)


def compile_token(spec: dict[str, Any]) -> tuple[Test, ...] | None:
    """The tests of one token pattern, or ``None`` when it uses anything else."""
    tests: list[Test] = []
    for attr, value in spec.items():
        if attr not in FIELDS:
            return None
        field = FIELDS.index(attr)
        if isinstance(value, dict):
            if len(value) != 1 or not set(value) <= {"IN", "NOT_IN", "REGEX"}:
                return None
            [(op, values)] = value.items()
            if op == "REGEX":
                if not isinstance(values, str) or not isinstance(token_key_example[field], str):
                    return None
                tests.append((field, "regex", re.compile(values)))
            else:
                tests.append((field, op.lower(), frozenset(values)))
        elif isinstance(value, (str, bool)):
            tests.append((field, "eq", value))
        else:
            return None
    return tuple(tests)


def holds(tests: tuple[Test, ...], key: Key) -> bool:
    for field, op, value in tests:
        got = key[field]
        if op == "eq":
            if got != value:
                return False
        elif op == "regex":
            if value.search(got) is None:  # as spaCy's REGEX predicate: re.search on the text
                return False
        elif (got in value) != (op == "in"):
            return False
    return True


class LookupAttributeRules:
    """The rules of an :class:`~spacy.pipeline.AttributeRuler` (``patterns``: its ``.patterns``),
    applied by lookup; build with :meth:`from_patterns`, which says when that cannot be done."""

    def __init__(self, vocab: Any, rules: list[tuple[int, list[tuple[tuple[Test, ...], ...]], int]],
                 attrs: list[dict[Any, Any]]) -> None:
        self.vocab = vocab
        self.attrs = attrs  # rule number -> normalised attributes, as spaCy's ruler holds them
        self.single = [(rule, tokens[0], index) for rule, patterns, index in rules for tokens in patterns
                       if len(tokens) == 1]
        self.longer = [(rule, tokens, index) for rule, patterns, index in rules for tokens in patterns
                       if len(tokens) > 1]
        self._by_key: dict[Key, tuple[tuple[int, ...], tuple[Longer, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    @classmethod
    def from_patterns(cls, vocab: Any, patterns: list[dict[str, Any]]) -> LookupAttributeRules | None:
        ruler = AttributeRuler(vocab)
        ruler.add_patterns(patterns)  # normalises the attributes exactly as spaCy's ruler does
        rules = []
        for number, pattern in enumerate(patterns):
            compiled = [tuple(compile_token(spec) for spec in tokens) for tokens in pattern["patterns"]]
            index = int(pattern.get("index", 0))
            if any(None in tokens or not tokens or not -len(tokens) <= index < len(tokens) for tokens in compiled):
                return None
            rules.append((number, compiled, index))
        return cls(vocab, rules, list(ruler.attrs))

    def __call__(self, doc: Doc) -> Doc:
        keys = [token_key(t) for t in doc]
        found = [self._rules_at(key) for key in keys]
        hits: list[tuple[int, ...]] = [single for single, _ in found]
        for i, (_, starting) in enumerate(found):
            for rule, tests, index in starting:  # longer patterns whose first test holds here
                n = len(tests)
                if i + n <= len(keys) and all(holds(tests[k], keys[i + k]) for k in range(1, n)):
                    at = i + index % n
                    hits[at] = (*hits[at], rule)
        for token, rules in zip(doc, hits, strict=True):
            if rules:
                set_token_attrs(token, self._merged_attrs(rules))
        return doc

    def _rules_at(self, key: Key) -> tuple[tuple[int, ...], tuple[Longer, ...]]:
        """The single-token rules a token of ``key`` satisfies, and the longer patterns it may start."""
        found = self._by_key.get(key)
        if found is None:
            if len(self._by_key) > _MAX_CACHED:
                self._by_key.clear()
            found = (tuple(rule for rule, tests, _ in self.single if holds(tests, key)),
                     tuple(longer for longer in self.longer if holds(longer[1][0], key)))
            self._by_key[key] = found
        return found

    def _merged_attrs(self, rules: tuple[int, ...]) -> dict[Any, Any]:
        """The attributes of ``rules`` applied in rule order (a later rule overrides an earlier one)."""
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for rule in sorted(set(rules)):
                merged.update(self.attrs[rule])
            self._merged[rules] = merged
        return merged


@Language.factory(FACTORY, default_config={"patterns": []})
def make_lookup_rules(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> Callable[[Doc], Doc]:
    rules = LookupAttributeRules.from_patterns(nlp.vocab, patterns)
    if rules is None:  # never expected: use_lookup_rules checks first
        raise ValueError("attribute patterns the lookup rules cannot apply")
    return rules


def use_lookup_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler ``name`` with :class:`LookupAttributeRules` (same name,
    same annotations) when every one of its patterns can be looked up; say whether it was replaced."""
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return False
    patterns = nlp.get_pipe(name).patterns
    if LookupAttributeRules.from_patterns(nlp.vocab, patterns) is None:
        logger.info("attribute ruler %s keeps spaCy's matcher: a pattern the lookup cannot apply", name)
        return False
    nlp.replace_pipe(name, FACTORY, config={"patterns": patterns})
    return True
