"""A harmful act a side vows, pledges or threatens, or announces under a condition, is PLOVER's
threat (THREATEN, CAMEO 13x), made now; the pledge is no agreement of its own. A plain prediction,
a negated vow and a pledge of help stay what they were."""

from __future__ import annotations

import pytest

from storyline.events.records import Event

from .sentence_events import events_of, factual

SENTENCES = {
    "conditional": "Poland said it would impose sanctions on Belarus if the migrants kept coming.",
    "vowed": "Turkey vowed to launch a new offensive against Kurdish militants in Syria.",
    "pledged": "Kenya pledged to expel Somali diplomats.",
    "promised": "Iran promised to retaliate against Israel.",
    "threatened": "Azerbaijan threatened to attack Armenian positions.",
    "predicted": "Analysts expect Turkey to launch an offensive against Kurdish militants in Syria.",
    "aid": "Kenya pledged to send aid to Somalia.",
    "retaliated": "Israel retaliated against Hezbollah positions in Lebanon.",
}


@pytest.fixture(scope="module")
def events() -> dict[str, list[Event]]:
    return events_of(SENTENCES)


@pytest.mark.parametrize(("name", "actor", "recipient", "cameo"), [
    ("conditional", "POL", "BLR", "1312"), ("vowed", "TUR", "SYR", "138"), ("pledged", "KEN", "SOM", "1312"),
    ("promised", "IRN", "ISR", "138"), ("threatened", "AZE", "ARM", "138")])
def test_a_vowed_or_conditional_harm_is_a_threat(events, name, actor, recipient, cameo):
    found = factual(events[name], "THREATEN")
    assert found and found[0].actor_codes() == {actor} and found[0].recipient_codes() == {recipient}, events[name]
    assert found[0].cameo.startswith("13") and (name == "threatened" or found[0].cameo == cameo)
    assert not factual(events[name], "AGREE") and not factual(events[name], "ASSAULT")


def test_a_prediction_is_no_threat(events):
    assert not factual(events["predicted"]), events["predicted"]


def test_a_pledge_of_help_stays_an_agreement(events):
    assert factual(events["aid"], "AGREE") and not factual(events["aid"], "THREATEN")


def test_retaliating_is_an_attack(events):
    found = factual(events["retaliated"], "ASSAULT")
    assert found and found[0].actor_codes() == {"ISR"}
