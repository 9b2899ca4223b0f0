"""The shipped toxicity model's held-out figures: the card says what the scorer measures, and floors hold."""

from __future__ import annotations

from storyline.comments.textmodel import toxicity_card
from storyline.eval.comment_toxicity import evaluate, heldout_split, read_comments


def test_heldout_figures_match_the_card_and_beat_chance(shared_dir):
    folder = shared_dir / "data" / "fox-news-comments"
    figures = evaluate(folder)
    card = toxicity_card()
    assert figures == card["heldout"]
    assert figures["roc_auc"] >= 0.7 and figures["average_precision"] >= 0.5  # base rate 0.28
    assert figures["accuracy"] > figures["majority_baseline_accuracy"]
    assert figures["precision"] >= 0.55


def test_the_split_is_stratified_and_repeated_texts_count_once(shared_dir):
    comments = read_comments(shared_dir / "data" / "fox-news-comments")
    assert len({c.text.casefold() for c in comments}) == len(comments)
    train, held = heldout_split([c.label for c in comments])
    assert not set(train) & set(held) and len(train) + len(held) == len(comments)
    share = sum(comments[i].label for i in held) / len(held)
    assert abs(share - sum(c.label for c in comments) / len(comments)) < 0.01
