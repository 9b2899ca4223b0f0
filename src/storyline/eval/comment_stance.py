"""Score comment stance on the project's own stance test set.

The set (``tests/data/comments/stance_set.json``) holds pages, each a list of actors as the comments
stage receives them (:class:`storyline.comments.records.PageActor`), and comments written for the
test, each naming one target actor of its page with the gold stance toward it (supportive, critical,
neutral); sarcastic comments are marked ``"hard": "sarcasm"``. Each comment goes through the stage's
own steps: :func:`storyline.comments.targets.find_targets` on the page's actors, then
:func:`storyline.comments.stance.target_stances`; a target not found counts as wrong.

Items carry a ``round``: the method was improved (by general mechanisms) while looking at the errors
on rounds 1 and 2; the last round was written after the last change and scored once, unchanged.

``python -m storyline.eval.comment_stance SET`` prints one JSON object: accuracy over all items, over
the items without sarcasm and over the sarcastic ones, macro-F1 over the three stances, the same per
round, the share of targets found, the majority-class baseline, and the ids of the items got wrong
with what was predicted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.comments.records import PageActor
from storyline.comments.stance import target_stances
from storyline.comments.targets import find_targets, target_index

STANCES = ("supportive", "critical", "neutral")
NOT_FOUND = "target not found"


@dataclass(frozen=True, slots=True, kw_only=True)
class StanceItem:
    item_id: int
    page: str
    target: str
    stance: str
    hard: str | None
    text: str
    round: int = 1


def _actor(raw: dict[str, Any]) -> PageActor:
    tuples = {k: tuple(v) for k, v in raw.items() if isinstance(v, list)}
    return PageActor(**{**raw, **tuples})


def read_set(path: Path) -> tuple[dict[str, list[PageActor]], list[StanceItem]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    pages = {name: [_actor(a) for a in actors] for name, actors in raw["pages"].items()}
    items = [StanceItem(item_id=int(i["id"]), page=i["page"], target=i["target"], stance=i["stance"],
                        hard=i.get("hard"), text=i["text"], round=int(i.get("round", 1))) for i in raw["items"]]
    for item in items:
        if item.stance not in STANCES or item.page not in pages:
            raise ValueError(f"{path}: item {item.item_id}: unknown stance or page")
    return pages, items


def predict(item: StanceItem, actors: list[PageActor]) -> str:
    """The stage's stance toward the item's target, or :data:`NOT_FOUND`."""
    mentions = find_targets(item.text, target_index(actors))
    for stance in target_stances(item.text, mentions):
        if stance.target.actor_id == item.target:
            return stance.stance
    return NOT_FOUND


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return round(sum(g == p for g, p in pairs) / len(pairs), 4) if pairs else 0.0


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    scores = []
    for stance in STANCES:
        tp = sum(g == p == stance for g, p in pairs)
        fp = sum(p == stance != g for g, p in pairs)
        fn = sum(g == stance != p for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return round(sum(scores) / len(scores), 4)


def _round_figures(items: list[StanceItem], predicted: dict[int, str]) -> dict[str, object]:
    pairs = [(i.stance, predicted[i.item_id]) for i in items]
    sarcasm = [(i.stance, predicted[i.item_id]) for i in items if i.hard == "sarcasm"]
    plain = [(i.stance, predicted[i.item_id]) for i in items if not i.hard]
    return {"items": len(items), "accuracy": _accuracy(pairs), "without_sarcasm": _accuracy(plain),
            "sarcasm_items": len(sarcasm), "sarcasm": _accuracy(sarcasm)}


def evaluate(path: Path) -> dict[str, object]:
    pages, items = read_set(path)
    predicted = {item.item_id: predict(item, pages[item.page]) for item in items}
    pairs = [(i.stance, predicted[i.item_id]) for i in items]
    plain = [(i.stance, predicted[i.item_id]) for i in items if not i.hard]
    sarcasm = [(i.stance, predicted[i.item_id]) for i in items if i.hard == "sarcasm"]
    majority = Counter(i.stance for i in items).most_common(1)[0]
    return {
        "items": len(items),
        "accuracy": _accuracy(pairs),
        "macro_f1": macro_f1(pairs),
        "without_sarcasm": {"items": len(plain), "accuracy": _accuracy(plain)},
        "sarcasm": {"items": len(sarcasm), "accuracy": _accuracy(sarcasm)},
        "by_round": {str(r): _round_figures([i for i in items if i.round == r], predicted)
                     for r in sorted({i.round for i in items})},
        "targets_found": round(sum(p != NOT_FOUND for _, p in pairs) / len(pairs), 4),
        "majority_baseline": {"stance": majority[0], "accuracy": round(majority[1] / len(items), 4)},
        "wrong": [{"id": i.item_id, "gold": i.stance, "predicted": predicted[i.item_id]}
                  for i in items if predicted[i.item_id] != i.stance],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m storyline.eval.comment_stance",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the stance set (tests/data/comments/stance_set.json)")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        parser.error(f"{args.path}: no such file")
    sys.stdout.write(json.dumps(evaluate(args.path)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
