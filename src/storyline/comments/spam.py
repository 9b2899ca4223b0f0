"""Spam and reposts among reader comments: marked, never deleted.

- ``advertising``: two advertising phrases (``data/comments/lexicon.json``), or one with a price, a
  link or a contact handle ("earn $300 a day from home", "whatsapp +92 ...").
- ``link``: two or more links, or a link with fewer than ``LINK_WORDS`` other words (a link dropped
  in a thread); a link inside a real argument is not spam.
- ``flood``: one author writing at least ``FLOOD_MIN`` comments and at least ``FLOOD_SHARE`` of a page's
  thread; the author's comments after their first ``FLOOD_KEEP`` are marked.
- ``repost``: a comment whose words repeat an earlier one (exact after normalisation, at least
  ``EXACT_MIN_WORDS`` words; or near: MinHash of word 3-shingles, estimated Jaccard at least
  ``NEAR_THRESHOLD``, at least ``NEAR_MIN_WORDS`` words) gets ``duplicate_of`` (the earliest copy);
  it is spam when the copy is on another page (a copy-and-paste campaign) or by the same author on
  the same page. Two readers both writing "Agreed." on one page are neither.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.comments.lexicon import lexicon, phrase_hits

LINK_WORDS = 8
FLOOD_MIN = 4
FLOOD_SHARE = 0.4
FLOOD_KEEP = 2
EXACT_MIN_WORDS = 3
NEAR_MIN_WORDS = 6
NEAR_THRESHOLD = 0.7
NUM_PERM = 64
SHINGLE = 3
_SCHEME = "affine32"  # datasketch permutation scheme: 32-bit hash values

_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|net|org|biz|info|ly|io|xyz|club|shop)(?:/\S*)?\b")
_PRICE = re.compile(r"(?i)(?:[$€£]\s?\d|\d\s?(?:usd|dollars|euros|rupees|rs)\b|\brs\.?\s?\d)")
_CONTACT = re.compile(r"(?i)(?:\+\d[\d\s-]{7,}\d|\b(?:whatsapp|telegram|dm me|call)\b)")
_WORD = re.compile(r"\w+")


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", text).casefold())


def content_spam(text: str) -> str | None:
    """``advertising``, ``link`` or ``None`` from the comment's own words."""
    links = _URL.findall(text)
    ads = phrase_hits(text, lexicon().advertising)
    if len(ads) >= 2 or (ads and (links or _PRICE.search(text) or _CONTACT.search(text))):
        return "advertising"
    if len(links) >= 2 or (links and len(normalised_words(text)) < LINK_WORDS):
        return "link"
    return None


def flooding(authors: Sequence[str | None]) -> set[int]:
    """Positions (in page order) of the comments marked as one author flooding the thread."""
    keys = [a.casefold().strip() if a else None for a in authors]
    counts = Counter(k for k in keys if k)
    total = len(keys)
    flooders = {k for k, n in counts.items() if n >= FLOOD_MIN and n >= FLOOD_SHARE * total}
    seen: Counter[str] = Counter()
    marked: set[int] = set()
    for i, key in enumerate(keys):
        if key in flooders:
            seen[key] += 1
            if seen[key] > FLOOD_KEEP:
                marked.add(i)
    return marked


@functools.cache
def _template() -> MinHash:
    """An empty MinHash whose permutations every signature reuses (computing them is the slow part)."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME)


def _minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    template = _template()
    if hashvalues is None:
        return template.copy()
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME, hashvalues=hashvalues, permutations=template.permutations)


def signature(text: str) -> np.ndarray | None:
    """MinHash of the comment's word 3-shingles, or None for a comment too short to compare."""
    words = normalised_words(text)
    if len(words) < NEAR_MIN_WORDS:
        return None
    m = _minhash()
    m.update_batch([" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)])
    return m.hashvalues.copy()


def exact_key(text: str) -> str | None:
    words = normalised_words(text)
    return " ".join(words) if len(words) >= EXACT_MIN_WORDS else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Posted:
    """What duplicate finding needs of one stored comment; ``order`` sorts earliest first."""

    key: tuple[str, str]
    author: str | None
    exact: str | None
    minhash: Sequence[int] | None
    order: tuple


@dataclass(frozen=True, slots=True, kw_only=True)
class Repost:
    original: tuple[str, str]
    spam: bool


@functools.cache
def _bands() -> tuple[tuple[int, int], ...]:
    """The slices of a signature the LSH index of :func:`find_reposts` files comments under."""
    return tuple(MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM).hashranges)


def repost_keys(exact: str | None, minhash: Sequence[int] | None) -> set[str]:
    """Keys two comments :func:`find_reposts` compares share: the exact text's hash, and each LSH band
    of the signature. Comments linked by shared keys give the reposts among them that the same comments
    give among all (so a store links only the comments its new pages' comments may repeat)."""
    keys = set()
    if exact is not None:
        keys.add("x:" + hashlib.sha1(exact.encode("utf-8")).hexdigest())
    if minhash is not None and len(minhash) == NUM_PERM:
        values = np.asarray(minhash, dtype=np.uint32)
        keys |= {f"b{i}:{values[start:end].tobytes().hex()}" for i, (start, end) in enumerate(_bands())}
    return keys


def find_reposts(comments: Iterable[Posted]) -> dict[tuple[str, str], Repost]:
    """Every comment repeating an earlier one (within and across pages) → its earliest copy.

    A signature is indexed once, by its earliest comment (a later comment with the same signature
    matches the same comments, and is never the earliest match), and a comment with an exact original
    is not looked up: the copies a stream repeats on every page cost a set look-up each."""
    ordered = sorted(comments, key=lambda c: c.order)
    by_key = {c.key: c for c in ordered}
    parent: dict[tuple[str, str], tuple[str, str]] = {}
    first_exact: dict[str, tuple[str, str]] = {}
    for c in ordered:
        if c.exact is None:
            continue
        if c.exact in first_exact:
            parent[c.key] = first_exact[c.exact]
        else:
            first_exact[c.exact] = c.key
    hashed = [c for c in ordered if c.minhash is not None and len(c.minhash) == NUM_PERM]
    if len(hashed) > 1:
        lsh = MinHashLSH(threshold=NEAR_THRESHOLD, num_perm=NUM_PERM)
        minhashes: dict[str, MinHash] = {}
        names: dict[str, tuple[str, str]] = {}
        indexed: set[tuple[int, ...]] = set()
        for n, c in enumerate(hashed):
            values = tuple(c.minhash)
            if c.key in parent and values in indexed:
                continue  # an earlier comment with this signature is indexed: it matches what this one would, first
            m = _minhash(np.asarray(values, dtype=np.uint32))
            if c.key not in parent:  # a comment with an exact original takes it: its near ones are not looked up
                earlier = [names[k] for k in lsh.query(m) if m.jaccard(minhashes[k]) >= NEAR_THRESHOLD]
                if earlier:
                    parent[c.key] = min(earlier, key=lambda k: by_key[k].order)
            if values not in indexed:
                name = str(n)
                minhashes[name], names[name] = m, c.key
                lsh.insert(name, m)
                indexed.add(values)
    out: dict[tuple[str, str], Repost] = {}
    for key, original in parent.items():
        while original in parent:
            original = parent[original]
        copy, first = by_key[key], by_key[original]
        same_author = bool(copy.author and first.author and copy.author.casefold() == first.author.casefold())
        out[key] = Repost(original=original, spam=key[0] != original[0] or same_author)
    return out


def reposts_by_page(reposts: Mapping[tuple[str, str], Repost]) -> dict[str, dict[str, Repost]]:
    grouped: dict[str, dict[str, Repost]] = defaultdict(dict)
    for (doc_id, comment_id), repost in reposts.items():
        grouped[doc_id][comment_id] = repost
    return dict(grouped)
