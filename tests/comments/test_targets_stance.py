"""Targets and stance on comments of our own making (several countries, names and phrasings)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storyline.comments.records import PageActor, PageEvent
from storyline.comments.stance import target_stances
from storyline.comments.targets import find_events, find_targets

# A page about Chile and Peru: a Chilean minister, a Peruvian general, an organisation, two states.
CHILE_PERU = [
    PageActor(local_entity="e1", actor_id="person:ana-soto:CHL", name="Ana Soto", kind="person", country="CHL",
              surname="Soto", aliases=("Ana Soto", "Soto"), role_words=("foreign", "minister"),
              mentions=("Ana Soto", "Chile's foreign minister", "Soto")),
    PageActor(local_entity="e2", actor_id="person:luis-quispe:PER", name="Luis Quispe", kind="person", country="PER",
              surname="Quispe", aliases=("Luis Quispe",), role_words=("army", "chief", "general"),
              mentions=("Gen. Luis Quispe",), variants=("Luis Quispe", "Luis Kispe")),
    PageActor(local_entity="e3", actor_id="organisation:ANCHOVY-BOARD", name="Pacific Anchovy Stocks Board",
              kind="organisation", country="CHL"),
    PageActor(local_entity="e4", actor_id="state:CHL", name="Chile", kind="state", country="CHL"),
    PageActor(local_entity="e5", actor_id="state:PER", name="Peru", kind="state", country="PER"),
    PageActor(local_entity="e6", actor_id=None, name="fishermen", kind="group", country="PER"),
]
EVENTS = [
    PageEvent(event_id="ev-talks", story_id="story-talks", type="CONSULT", trigger="met",
              evidence="Soto met Quispe in Lima for talks on the maritime border", factual=True),
    PageEvent(event_id="ev-clash", story_id="story-clash", type="ASSAULT", trigger="fired",
              evidence="a patrol boat fired on a fishing boat near the border", factual=True),
    PageEvent(event_id="ev-raid", story_id="story-raid", type="ASSAULT", trigger="raided",
              evidence="police raided the port warehouses in Callao", factual=True),
]


def _targets(text):
    return [(m.text, m.actor_id, m.how) for m in find_targets(text, CHILE_PERU)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ana Soto did the right thing.", [("Ana Soto", "person:ana-soto:CHL", "name")]),
        ("Minister Soto again!", [("Soto", "person:ana-soto:CHL", "surname")]),
        ("Kispe should go.", [("Kispe", "person:luis-quispe:PER", "variant")]),  # a spelling from another page
        ("Gen. Quizpe is hiding.", [("Quizpe", "person:luis-quispe:PER", "variant")]),
        ("What did the army chief know?", [("army chief", "person:luis-quispe:PER", "role")]),
        ("the foreign minister is out of her depth", [("foreign minister", "person:ana-soto:CHL", "name")]),
        ("Ask the minister, not me.", [("minister", "person:ana-soto:CHL", "role")]),
        ("The COAS knew everything.", [("COAS", "person:luis-quispe:PER", "role")]),
        ("the FM and the coas", [("FM", "person:ana-soto:CHL", "role")]),  # lower-case "coas" is no abbreviation
        ("When Osorio spoke, nobody listened.", []),  # not a spelling of anyone on the page
        ("ana soto did nothing", [("ana soto", "person:ana-soto:CHL", "name")]),  # a whole name in lower case
        ("thank you minister soto", [("soto", "person:ana-soto:CHL", "surname")]),  # a surname after a title
        ("soto is a word here, not a name", []),  # a lone lower-case surname is left alone
        ("The PASB never publishes its data.", [("PASB", "organisation:ANCHOVY-BOARD", "acronym")]),
        ("The Chileans and the Peruvians both want the fish.",
         [("Chileans", "state:CHL", "country"), ("Peruvians", "state:PER", "country")]),
        ("Santiago will not give in to Lima.", [("Santiago", "state:CHL", "country"), ("Lima", "state:PER", "country")]),
    ],
)
def test_mentions_resolve_to_the_page_actors(text, expected):
    assert _targets(text) == expected


def test_spans_are_offsets_into_the_comment_and_unresolved_actors_are_no_targets():
    text = "I side with the fishermen, not with Soto."
    found = find_targets(text, CHILE_PERU)
    assert [(text[m.start:m.end], m.actor_id) for m in found] == [("Soto", "person:ana-soto:CHL")]


def test_lowercase_common_words_and_a_bare_institution_are_not_people():
    assert _targets("the army will decide, and soto is a kind of sauce") == []


def test_event_mentions_pick_the_event_their_words_describe():
    text = "The border attack was a provocation, but the meeting in Lima changed nothing; this raid in Callao neither."
    found = [(e.text, e.story_id) for e in find_events(text, EVENTS)]
    assert found == [("The border attack", "story-clash"), ("the meeting", "story-talks"), ("this raid", "story-raid")]
    assert all(text[e.start:e.end] == e.text for e in find_events(text, EVENTS))


def _stances(text):
    return [(s.target.actor_id, s.stance, s.words) for s in target_stances(text, find_targets(text, CHILE_PERU))]


def test_stance_toward_each_target_with_the_deciding_words():
    got = _stances("Soto is a liar and a coward. General Quispe showed real courage.")
    assert got == [("person:ana-soto:CHL", "critical", ("liar", "coward")),
                   ("person:luis-quispe:PER", "supportive", ("courage",))]


def test_negation_flips_and_a_sentence_without_target_speaks_of_the_last_one():
    assert _stances("Soto is not corrupt.") == [("person:ana-soto:CHL", "supportive", ("not corrupt",))]
    assert _stances("I watched Quispe on TV last night. Pathetic.") == [
        ("person:luis-quispe:PER", "critical", ("pathetic",))]


def test_no_opinion_words_is_neutral_with_score_zero():
    (stance,) = target_stances("Quispe flew to Lima on Monday.", find_targets("Quispe flew to Lima on Monday.", CHILE_PERU)[:1])
    assert (stance.stance, stance.score, stance.words) == ("neutral", 0.0, ())


def test_scores_are_bounded_and_signed():
    (s,) = target_stances("Soto is brave, honest and wise.", find_targets("Soto is brave, honest and wise.", CHILE_PERU))
    assert 0.9 < s.score <= 1.0 and s.stance == "supportive"


def test_a_name_of_another_actor_is_no_spelling_variant():
    actors = [
        PageActor(local_entity="e1", actor_id="person:dilma-obregon:MEX", name="Dilma Obregon", kind="person",
                  country="MEX", surname="Obregon"),
        PageActor(local_entity="e2", actor_id="person:obrador-ruiz:MEX", name="Obrador Ruiz", kind="person",
                  country="MEX", surname="Ruiz"),
    ]
    found = [(m.text, m.actor_id, m.how) for m in find_targets("Obrador met Obregón, not Obregan.", actors)]
    assert ("Obrador", "person:dilma-obregon:MEX", "variant") not in found
    assert ("Obregan", "person:dilma-obregon:MEX", "variant") in found


def test_every_mention_has_its_span_and_mentions_of_one_actor_share_its_stance():
    text = "Soto lied about the quotas. Soto, of all people! The foreign minister is a disgrace."
    got = [(text[s.target.start:s.target.end], s.stance, s.words) for s in target_stances(text, find_targets(text, CHILE_PERU))]
    assert [g[0] for g in got] == ["Soto", "Soto", "foreign minister"]
    assert {(g[1], g[2]) for g in got} == {("critical", ("lied", "disgrace"))}


def test_a_canonical_actors_spellings_are_tokenized_once_for_every_page_naming_it(monkeypatch):
    from storyline.comments import targets

    variants = tuple(f"Zorvath Quendel{'i' * n}" for n in range(1, 40))  # the spellings other pages gave
    actor = PageActor(local_entity="e1", actor_id="person:zorvath-quendel", name="Zorvath Quendel", kind="person",
                      country=None, surname="Quendel", variants=variants)
    first = targets.target_index([actor])
    calls = []
    real = targets.tokens
    monkeypatch.setattr(targets, "tokens", lambda text: calls.append(text) or real(text))
    again = targets.target_index([actor])  # the next page naming the same actor
    assert again == first
    assert calls == []
    assert find_targets("Quendelii was right", again)[0].how == "variant"


def test_an_index_for_some_comments_keeps_only_the_phrases_they_can_hold_and_finds_the_same_targets():
    from storyline.comments.lexicon import tokens
    from storyline.comments.targets import target_index

    variants = ("Anna Sotto", "A. Soto Vidal", *(f"Ana Sotov{'a' * n}" for n in range(30)))
    actors = [replace(a, variants=variants) if a.local_entity == "e1" else a for a in CHILE_PERU]
    comments = ["Sotto lied again, and Quispe knows it.", "The Board and Chile will not listen to Ana Sotovaa."]
    vocabulary = {t.text for c in comments for t in tokens(c)}
    whole, narrow = target_index(actors), target_index(actors, vocabulary=vocabulary)
    assert len(narrow.entries) < len(whole.entries) and narrow.named < whole.named
    assert all(vocabulary.issuperset(e.words) for e in narrow.entries)
    for text in comments:
        assert find_targets(text, narrow) == find_targets(text, whole)
    assert any(m.how == "variant" for m in find_targets(comments[0], narrow))
