"""The comments stage: run after the article is read (``read_pending`` calls it; so does
``storyline read``), on every page whose comments were not analysed since its last reading.

For each comment of such a page:

1. **language** (:mod:`.language`): a non-English comment is kept and marked, and gets no toxicity,
   constructiveness or stance (they are English models); ``und`` (too short to tell, no foreign
   script or function words) is scored as English, the language of the pages;
2. **spam** from its own words (:func:`.spam.content_spam`: advertising, link) and the thread
   (:func:`.spam.flooding`);
3. **toxicity** (our model blended with alt-profanity-check, :mod:`.toxicity`; one batch per page) and
   **constructiveness** (:mod:`.constructive`);
4. **targets**: the page's actors and events it names (:mod:`.targets`), and its **stance** toward
   each actor (:mod:`.stance`).

Then exact and near-duplicate comments are linked to their earliest copy (:func:`.spam.find_reposts`)
across pages: the new pages' comments and those sharing a repost key with them, directly or not
(:func:`.spam.repost_keys`, kept in ``comment_keys``), as linking every comment would. Nothing is deleted: spam and reposts are marked.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.comments.constructive import constructiveness
from storyline.comments.language import UNDETERMINED, Language, detect_language
from storyline.comments.lexicon import tokens
from storyline.comments.records import CommentAnalysis, PageActor, PageEvent, TargetMention, TargetStance
from storyline.comments.spam import Posted, content_spam, exact_key, find_reposts, flooding, repost_keys, signature
from storyline.comments.stance import target_stances
from storyline.comments.targets import find_events, find_targets, target_index
from storyline.comments.textmodel import data_path
from storyline.comments.toxicity import Toxicity, toxicity
from storyline.model import Comment
from storyline.store import Store
from storyline.store.comments import (
    REPOST_BLOCK,
    PendingPage,
    analysed_comments,
    comment_keys_filled,
    fill_comment_keys,
    pages_actors,
    pages_events,
    pending_comment_pages,
    relink_comment_targets,
    repost_block,
    replace_page_analyses,
    save_comment_keys,
    save_reposts,
)

log = logging.getLogger(__name__)

STAGE_VERSION = "comments-2"
SCORED_LANGUAGES = frozenset({"en", UNDETERMINED})
COMMIT_PAGES = 64
"""Pages whose comments are scored in one batch and stored in one transaction (a commit and a model
call per page cost as much as analysing the page)."""
STAGE_FILES = ("toxicity.npz", "toxicity.json", "constructiveness.json", "lexicon.json", "stopwords.json",
               "event_nouns.json")


@dataclass(slots=True, kw_only=True)
class CommentsReport:
    """What one pass of the comments stage did."""

    pages: int = 0
    comments: int = 0
    spam: int = 0
    reposts: int = 0


@functools.cache
def models_stamp() -> str:
    """Names what the analyses depend on: the stage's rules and a hash of its data files (the toxicity
    artifact and card with its blend, the constructiveness model, word lists, stopword profiles, event
    nouns): a change to any re-analyses every page."""
    digest = hashlib.sha256()
    for name in STAGE_FILES:
        digest.update(data_path(name).read_bytes())
    return f"{STAGE_VERSION}/{digest.hexdigest()[:16]}"


def analyse_comments(store: Store, *, force: bool = False) -> CommentsReport:
    """Analyse the comments of every read page not analysed since its reading (all with ``force``),
    then link reposts across all pages."""
    report = CommentsReport()
    stamp = models_stamp()
    pending = pending_comment_pages(store, models=stamp, force=force)
    for start in range(0, len(pending), COMMIT_PAGES):
        group = pending[start : start + COMMIT_PAGES]  # read, scored and stored together
        loaded = {(d.doc_id, d.version): d.comments for d in store.get_documents([(p.doc_id, p.version) for p in group])}
        threads = [loaded.get((page.doc_id, page.version), ()) for page in group]
        actors, events = pages_actors(store, [p.doc_id for p in group]), pages_events(store, [p.doc_id for p in group])
        scores = iter(score_comments([c for comments in threads for c in comments]))
        done = []
        for page, comments in zip(group, threads, strict=True):
            analyses = analyse_page(page.doc_id, page.version, comments, actors=actors[page.doc_id],
                                    events=events[page.doc_id], scores=[next(scores) for _ in comments])
            done.append((page, analyses))
            report.pages += 1
            report.comments += len(analyses)
            log.info("comments of %s: %d analysed", page.doc_id, len(analyses))
        _save(store, done, models=stamp)
    relink_comment_targets(store, None if force else [p.doc_id for p in pending])
    if force or not comment_keys_filled(store):
        report.reposts = link_reposts(store)
    elif pending:
        report.reposts = link_reposts(store, doc_ids=[p.doc_id for p in pending])
    report.spam = store.con.execute(
        "SELECT count(*) FROM comment_analyses WHERE content_spam IS NOT NULL OR repost_spam").fetchone()[0]
    return report


def _save(store: Store, done: list[tuple[PendingPage, list[CommentAnalysis]]], *, models: str) -> None:
    """Store the analyses of the pages in ``done`` in one transaction (a run cut off loses at most
    these pages, analysed again by the next)."""
    if not done:
        return
    with store.transaction():
        for page, analyses in done:
            replace_page_analyses(store, page, models=models, analyses=analyses)
            save_comment_keys(store, page.doc_id, [(a.comment_id, k) for a in analyses
                                                   for k in sorted(repost_keys(a.exact_key, a.minhash))])


def score_comments(comments: Sequence[Comment]) -> list[tuple[Language, Toxicity | None]]:
    """Each comment's language and, for the languages scored, its toxicity: the toxicity models run
    once over all of them (their fixed cost per call is paid once, not once per page)."""
    languages = [detect_language(c.text) for c in comments]
    scored = [n for n, language in enumerate(languages) if language.code in SCORED_LANGUAGES]
    toxic = dict(zip(scored, toxicity([comments[n].text for n in scored]), strict=True))
    return [(language, toxic.get(n)) for n, language in enumerate(languages)]


def analyse_page(doc_id: str, version: int, comments: tuple[Comment, ...], *, actors: list[PageActor],
                 events: list[PageEvent],
                 scores: Sequence[tuple[Language, Toxicity | None]] | None = None) -> list[CommentAnalysis]:
    """The analyses of one page's comments, in page order (``scores``: :func:`score_comments` of
    ``comments``, when already done)."""
    flooded = flooding([c.author for c in comments])
    index = target_index(actors, vocabulary={t.text for c in comments for t in tokens(c.text)})
    scores = scores if scores is not None else score_comments(comments)
    out = []
    for n, c in enumerate(comments):
        language, tox = scores[n]
        spam = content_spam(c.text) or ("flood" if n in flooded else None)
        targets = find_targets(c.text, index)
        mentioned = find_events(c.text, events)
        stances = target_stances(c.text, targets) if tox is not None else [_neutral(t) for t in targets]
        construct = (None if tox is None
                     else constructiveness(c.text, offensive=tox.general_score, spam=spam is not None))
        out.append(CommentAnalysis(
            doc_id=doc_id, version=version, comment_id=c.comment_id, language=language.code,
            language_confidence=language.confidence, toxicity=tox.score if tox is not None else None,
            toxic=tox.toxic if tox is not None else None,
            constructiveness=None if construct is None else construct[0],
            constructive=None if construct is None else construct[1],
            spam=spam, exact_key=exact_key(c.text), minhash=_hashes(c.text),
            targets=tuple(stances), events=tuple(mentioned),
        ))
    return out


def _neutral(target: TargetMention) -> TargetStance:
    """A non-English comment's target: named, its stance not judged with English words."""
    return TargetStance(target=target, stance="neutral", score=0.0, words=())


def _hashes(text: str) -> tuple[int, ...] | None:
    values = signature(text)
    return None if values is None else tuple(int(v) for v in values)


def link_reposts(store: Store, *, doc_ids: Sequence[str] | None = None) -> int:
    """Link every analysed comment that repeats an earlier one to its earliest copy; return how many.

    With ``doc_ids`` (pages whose comments were just analysed), only their comments and the comments
    they may repeat or be repeated by (those sharing a repost key, directly or not:
    :func:`.spam.repost_keys`) are linked again, which gives the links of linking all comments."""
    if doc_ids is None:
        comments = analysed_comments(store)
        fill_comment_keys(store, [(c.doc_id, c.comment_id, k) for c in comments
                                  for k in sorted(repost_keys(c.exact_key, c.minhash))])
        among = None
    else:
        repost_block(store, doc_ids)
        comments, among = analysed_comments(store, among=REPOST_BLOCK), REPOST_BLOCK
    posted = [
        Posted(key=(c.doc_id, c.comment_id), author=c.author, exact=c.exact_key, minhash=c.minhash,
               order=(c.posted_at or (f"{c.published}T23:59" if c.published else "9999"), c.doc_id, c.position))
        for c in comments
    ]
    reposts = find_reposts(posted)
    save_reposts(store, [(k[0], k[1], r.original[0], r.original[1], r.spam) for k, r in reposts.items()], among=among)
    if among:
        store.con.execute(f"DROP TABLE IF EXISTS {among}")  # noqa: S608
    return store.con.execute("SELECT count(*) FROM comment_analyses WHERE repost_of_doc IS NOT NULL").fetchone()[0]
