"""A noun the parser hangs as one more conjunct of a side while it is the subject of the clause after
it ("... the raid on Georgian posts and Armenia had not been involved") is no side of the first
clause; conjoined sides that share the clause stay sides ("urged Uganda and Tanzania to ...")."""

from __future__ import annotations

from .sentence_events import events_of, factual

SENTENCES = {
    "opening": "The minister said Russian jets had mounted the raid against Georgian posts and Armenia had not been involved.",
    "opening_verb": "Officials said Sudanese troops shelled Chadian villages and Libya denied any role.",
    "shared": "Kenya urged Uganda and Tanzania to reopen the border.",
}


def test_a_conjunct_that_opens_the_next_clause_is_no_side():
    events = events_of(SENTENCES)
    attack = factual(events["opening"], "ASSAULT")
    assert attack and attack[0].actor_codes() == {"RUS"} and "ARM" not in attack[0].recipient_codes(), attack
    shelling = factual(events["opening_verb"], "ASSAULT")
    assert shelling and "LBY" not in shelling[0].recipient_codes(), shelling
    request = factual(events["shared"], "REQUEST")
    assert request and request[0].recipient_codes() == {"UGA", "TZA"}, request
