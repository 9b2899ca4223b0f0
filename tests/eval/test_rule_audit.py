"""The rule audit counts what each rule decided, restores the coder, and flags development-only rules."""

from __future__ import annotations

import sys

import storyline.events.extract as extract
from storyline.eval.rule_audit import CANDIDATES, RuleCounter, audit_corpus, flagged
from storyline.model import Page


def test_counter_wraps_and_restores():
    original = extract.split_joint
    with RuleCounter():
        assert extract.split_joint is not original
    assert extract.split_joint is original


def test_rules_fire_on_a_page_of_our_own():
    page = Page(doc_id="audit1", source="test", fmt="text",
                content="Leaders meet\n\nThe Kenyan president met Tanzania's foreign minister in Nairobi on Monday. "
                        "Police arrested forty protesters in Mombasa.\n")
    fires, candidates, sentences = audit_corpus([page])
    assert sentences >= 2 and candidates >= 2
    assert CANDIDATES not in fires
    assert fires["extract.national_sides"] >= 1
    assert all(count > 0 for count in fires.values())


def test_flag_needs_a_high_tune_rate_and_low_rates_elsewhere():
    rates = {"dev-tune": {"a": 5.0, "b": 5.0, "c": 0.2}, "dev-check": {"a": 0.0},
             "ecbplus": {"a": 0.5, "b": 3.0, "c": 0.0}, "ngec": {"a": 1.0, "b": 4.0}}
    assert flagged(rates, "a")
    assert not flagged(rates, "b")  # fires elsewhere too
    assert not flagged(rates, "c")  # too rare on the tune half to tell


def test_main_refuses_a_missing_folder(tmp_path, capsys):
    from storyline.eval.rule_audit import main

    assert main(["--shared", str(tmp_path / "nope")]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert "storyline.events.extract" in sys.modules


def test_examples_keep_the_sentences_a_rule_fired_in():
    from storyline.eval.rule_audit import Firing

    page = Page(doc_id="audit2", source="test", fmt="text",
                content="Border clash\n\nChilean troops shelled a border post in Argentina on Tuesday. "
                        "Argentina condemned the attack.\n")
    firings: list[Firing] = []
    fires, _, _ = audit_corpus([page], examples=firings, rules=frozenset({"extract.act_authors"}))
    assert fires["extract.act_authors"] == len(firings) >= 1
    assert firings[0].sentence == "Argentina condemned the attack."
    assert "Chilean troops" in firings[0].decided
