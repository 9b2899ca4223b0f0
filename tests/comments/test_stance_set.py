"""Stance on the project's own test set of comments (tests/data/comments/stance_set.json)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from storyline.comments.records import TargetMention
from storyline.comments.stance import target_stances
from storyline.eval.comment_stance import evaluate, read_set

STANCE_SET = Path(__file__).resolve().parents[1] / "data" / "comments" / "stance_set.json"


def test_the_set_covers_several_actors_countries_stances_and_sarcasm():
    pages, items = read_set(STANCE_SET)
    targets = {i.target for i in items}
    assert len(items) >= 100 and len(targets) >= 20
    assert {t.split(":")[0] for t in targets} == {"person", "organisation", "state"}
    assert len({a.country for actors in pages.values() for a in actors if a.country}) >= 10
    assert min(Counter(i.stance for i in items).values()) >= 15
    assert sum(i.hard == "sarcasm" for i in items) >= 10
    assert "round" in json.loads(STANCE_SET.read_text(encoding="utf-8"))["items"][0]


def test_stance_accuracy_holds_its_measured_floors():
    figures = evaluate(STANCE_SET)
    # measured: 0.736 over 182 items (majority class 0.478); rounds 1 and 2 (the method improved while
    # looking at them) 0.829 and 0.774; rounds 3 and 4 (written afterwards, each scored once) 0.394 and
    # 0.806; sarcasm 0.227 over 22
    assert figures["accuracy"] >= 0.7 and figures["accuracy"] > figures["majority_baseline"]["accuracy"] + 0.15
    assert figures["by_round"]["1"]["accuracy"] >= 0.8
    assert figures["by_round"]["2"]["accuracy"] >= 0.75
    assert figures["by_round"]["3"]["accuracy"] >= 0.35
    assert figures["by_round"]["4"]["accuracy"] >= 0.75
    assert figures["targets_found"] == 1.0
    assert figures["sarcasm"]["items"] >= 15


def _mention(text: str, name: str) -> TargetMention:
    start = text.index(name)
    return TargetMention(actor_id="person:x:KEN", local_entity="e1", name=name, text=name, start=start,
                         end=start + len(name), how="surname")


def _stance(text: str, name: str = "Wafula"):
    [result] = target_stances(text, [_mention(text, name)])
    return result


def test_general_mechanisms():
    # inflections reach the base word; 'nobody' negates; 'nothing but' does not
    assert _stance("Everyone respects Wafula.").stance == "supportive"
    assert _stance("Nobody respects Wafula.").stance == "critical"
    assert _stance("Wafula's speeches are nothing but lies.").stance == "critical"
    # a directed word judges only what follows it
    assert _stance("Wafula was right to vote against the budget.").stance == "supportive"
    assert _stance("I am against Wafula.").stance == "critical"
    # an ironic opener turns praise around, unless the sentence concedes
    ironic = _stance("Oh great, Wafula is a real genius.")
    assert ironic.stance == "critical" and "ironic genius" in ironic.words
    assert _stance("Sure, he was slow, but Wafula is honest.").stance == "supportive"
