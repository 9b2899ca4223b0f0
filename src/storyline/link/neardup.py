"""Near-duplicate pages: the same page captured twice, or the same wire story on several sites.

Each page's article text (headline, dek, captions, body: never comments or boilerplate) is cut into
overlapping word shingles (``SHINGLE_WORDS`` normalised words, stop words kept so that wording counts)
and summarised by a MinHash signature of ``NUM_PERM`` permutations, stored in ``page_signatures``.
Candidate pairs come from LSH: each signature's bands are stored (``signature_bands``), and a new
page's candidates are the pages sharing one of its bands (a lookup in the store: no index of every
page is held in memory). They are confirmed when their estimated Jaccard similarity reaches ``THRESHOLD`` (0.8: a copy with a changed
headline, a dropped paragraph or an added credit line passes; two reports of one event in their own
words share few five-word runs and stay well below). Confirmed pairs are joined into groups; every page
of a group points to the group's representative, its earliest page (publication date, undated pages
last, then id), and the whole group counts as one independent source downstream.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.model import Document
from storyline.store import Store
from storyline.store.links import (
    NearDuplicate,
    Signature,
    band_candidates,
    count_near_duplicates,
    load_near_duplicates,
    load_signatures,
    near_duplicate_groups,
    published_days,
    replace_near_duplicates,
    save_signatures,
    unbanded_signatures,
    unsigned_versions,
)

log = logging.getLogger(__name__)

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.8
_SEED = 1
_SCHEME = "affine32"  # datasketch permutation scheme: 32-bit hash values
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class NearDupReport:
    signed: int
    duplicates: int


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct runs of ``size`` lower-cased words of ``text`` (the whole text when shorter)."""
    tokens = [w.lower() for w in _WORD_RE.findall(text)]
    if not tokens:
        return set()
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def signature(document: Document) -> Signature:
    """The MinHash signature of a document's article text."""
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    minhash.update_batch(sorted(shingles(document.article_text())))
    return Signature(doc_id=document.doc_id, version=document.version, minhash=minhash.hashvalues.astype(np.uint64))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of two signatures' shingle sets."""
    return float(np.count_nonzero(a.minhash == b.minhash)) / len(a.minhash)


def _minhash(sig: Signature) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, hashvalues=sig.minhash.astype(np.uint32))


def groups(pairs: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected groups of the pairs (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    found: dict[str, set[str]] = {}
    for x in list(parent):
        found.setdefault(find(x), set()).add(x)
    return list(found.values())


def representative(members: Iterable[str], published: Mapping[str, date | None]) -> str:
    """The earliest member: earliest publication date (undated last), then smallest id."""
    return min(members, key=lambda d: (published.get(d) is None, published.get(d) or date.min, d))


@functools.cache
def _bands() -> tuple[tuple[int, int], ...]:
    return tuple(MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges)


def band_keys(sig: Signature) -> list[str]:
    """The LSH band keys of a signature: two pages are candidates when they share one (the bands
    :class:`datasketch.MinHashLSH` files a signature under at ``THRESHOLD``)."""
    values = sig.minhash.astype(np.uint32)
    return [f"{i}:{values[start:end].tobytes().hex()}" for i, (start, end) in enumerate(_bands())]


def find_near_duplicates(store: Store, *, documents: Mapping[str, Document] | None = None) -> NearDupReport:
    """Sign pages not signed at their latest version and link them to earlier near-duplicates.

    Groups found before are kept and extended, so adding pages one pass at a time gives the same
    groups as one pass over all of them. A page whose text changed is unlinked and linked again.
    Work grows with the new pages and the groups and candidates they meet, not with the store.
    """
    _band_old_signatures(store)
    pending_versions = unsigned_versions(store)
    pending = [d for d, _ in pending_versions]
    if not pending:
        return NearDupReport(signed=0, duplicates=count_near_duplicates(store))
    if documents is None:  # the new pages' texts, loaded at once
        documents = {d.doc_id: d for d in store.get_documents(pending_versions)}
    new = [signature(_document(store, documents, d)) for d in pending]
    save_signatures(store, new, bands=[(s.doc_id, band) for s in new for band in band_keys(s)])
    candidates = band_candidates(store, pending)
    found = _confirmed(candidates, load_signatures(store, {*pending, *(o for c in candidates.values() for o in c)}))
    affected = {*pending, *(b for _, b, _ in found)}
    before = near_duplicate_groups(store, affected)
    kept = [(r.doc_id, r.duplicate_of) for r in before if r.doc_id not in pending and r.duplicate_of not in pending]
    found_groups = groups([*kept, *((a, b) for a, b, _ in found)])
    members = {m for g in found_groups for m in g}
    rows = _group_rows(found_groups, load_signatures(store, members), published_days(store, members))
    replace_near_duplicates(store, rows, doc_ids=[*pending, *(m for r in before for m in (r.doc_id, r.duplicate_of))])
    duplicates = count_near_duplicates(store)
    log.info("signed %d pages; %d near-duplicates in all", len(new), duplicates)
    return NearDupReport(signed=len(new), duplicates=duplicates)


def _confirmed(candidates: Mapping[str, Iterable[str]],
               signatures: Mapping[str, Signature]) -> list[tuple[str, str, float]]:
    """Candidate pairs ``(a, b, similarity)`` whose similarity reaches the threshold."""
    pairs = []
    for doc_id in sorted(candidates):
        for other in sorted(candidates[doc_id]):
            score = similarity(signatures[doc_id], signatures[other])
            if score >= THRESHOLD:
                pairs.append((doc_id, other, score))
    return pairs


def _band_old_signatures(store: Store) -> None:
    """File signatures stored without band keys (before migration 13) under their bands."""
    old = unbanded_signatures(store)
    if old:
        signatures = list(load_signatures(store, old).values())
        save_signatures(store, signatures, bands=[(s.doc_id, band) for s in signatures for band in band_keys(s)])


def _group_rows(found: list[set[str]], signatures: Mapping[str, Signature],
                published: Mapping[str, date | None]) -> list[NearDuplicate]:
    rows = []
    for members in found:
        head = representative(members, published)
        rows += [NearDuplicate(doc_id=m, duplicate_of=head, similarity=similarity(signatures[m], signatures[head]))
                 for m in sorted(members - {head})]
    return rows


def _document(store: Store, documents: Mapping[str, Document] | None, doc_id: str) -> Document:
    if documents is not None and doc_id in documents:
        return documents[doc_id]
    return store.get_document(doc_id)


def duplicate_of(store: Store) -> dict[str, str]:
    """Each near-duplicate page → its representative (pages not listed are their own)."""
    return {r.doc_id: r.duplicate_of for r in load_near_duplicates(store)}
