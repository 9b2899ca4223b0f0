"""Event extraction on sentences of our own making (other countries, other people)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.events.extract import extract_events, extract_quotes
from storyline.events.participants import PageParticipants
from storyline.events.words import WORDS_PATH, load_words, parse_words
from storyline.model import Page
from storyline.pipeline import build_document
from storyline.read import ReadPage, read_documents

SRC = Path(__file__).resolve().parents[2] / "src" / "storyline"

TYPES = {
    "AGREE": "Kenya and Ethiopia agreed on a ceasefire on Tuesday.",
    "CONSULT": "Brazilian President Luiz Lula met Argentine President Javier Milei in Brasilia on Monday.",
    "SUPPORT": "The Norwegian foreign minister praised Sweden for its handling of the crisis.",
    "CONCEDE": "The Japanese government apologised to South Korea on Friday.",
    "COOPERATE": "Chile and Peru launched joint naval exercises in the Pacific.",
    "AID": "Japan sent humanitarian aid to Indonesia after the earthquake.",
    "RETREAT": "Russian troops withdrew from the Georgian village on Sunday.",
    "REQUEST": "Egypt urged Ethiopia to halt the filling of the dam.",
    "ACCUSE": "Greece accused Turkey of violating its airspace.",
    "REJECT": "Argentina rejected the British proposal on the islands.",
    "THREATEN": "North Korea threatened South Korea with military action.",
    "PROTEST": "Serbian protesters demonstrated against the Kosovo government in Pristina.",
    "SANCTION": "Canada imposed sanctions on Iran on Thursday.",
    "MOBILIZE": "India deployed troops along the Chinese border.",
    "COERCE": "Moroccan police arrested three Algerian diplomats in Rabat.",
    "ASSAULT": "Ethiopian troops attacked Eritrean positions near the border on 3 March 2021.",
}
ACTORS = {"AGREE": {"KEN", "ETH"}, "CONSULT": {"BRA"}, "SUPPORT": {"NOR"}, "CONCEDE": {"JPN"},
          "COOPERATE": {"CHL"}, "AID": {"JPN"}, "RETREAT": {"RUS"}, "REQUEST": {"EGY"}, "ACCUSE": {"GRC"},
          "REJECT": {"ARG"}, "THREATEN": {"PRK"}, "PROTEST": {"SRB"}, "SANCTION": {"CAN"},
          "MOBILIZE": {"IND"}, "COERCE": {"MAR"}, "ASSAULT": {"ETH"}}

STORIES = {
    "dedupe": "Kenyan president meets Ugandan minister in Kampala\n\n"
              "Kenyan President William Ruto met the Ugandan foreign minister in Kampala on Monday.",
    "two_meetings": "Regional news\n\n"
                    "The Chilean foreign minister Ana Soto met Bolivian President Luis Arce on Monday. "
                    "Later, Soto met Peruvian President Dina Boluarte in Lima.",
    "pronoun": "Regional news\n\n"
               "Kenyan President William Ruto arrived in Kampala on Monday. "
               "He met the Ugandan foreign minister at the State House.",
    "quote": "Regional news\n\n"
             "\"We will not accept any foreign troops on our soil,\" Bolivian President Luis Arce said.",
}


def _page(doc_id: str, text: str) -> object:
    return build_document(Page(doc_id=doc_id, source="test", fmt="text", content=text, published="2021-03-05"))


@pytest.fixture(scope="module")
def read_pages() -> dict[str, ReadPage]:
    docs = [_page(f"type-{t}", f"World news\n\n{s}\n") for t, s in TYPES.items()]
    docs += [_page(name, text + "\n") for name, text in STORIES.items()]
    return {p.document.doc_id: p for p in read_documents(docs)}


@pytest.mark.parametrize("plover_type", sorted(TYPES))
def test_each_plover_type_on_our_own_sentence(read_pages: dict[str, ReadPage], plover_type: str) -> None:
    events = extract_events(read_pages[f"type-{plover_type}"])
    found = [e for e in events if e.type == plover_type and e.factual]
    assert found, [(e.type, e.actor_codes()) for e in events]
    assert found[0].actor_codes() & ACTORS[plover_type]


def test_offsets_evidence_and_cameo_fields(read_pages: dict[str, ReadPage]) -> None:
    page = read_pages["type-ASSAULT"]
    event = next(e for e in extract_events(page) if e.type == "ASSAULT")
    text = page.document.text
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert text[event.trigger.start : event.trigger.end] == event.trigger.text == "attacked"
    assert all(text[a.start : a.end] == a.text for a in event.actors)
    assert event.date == "2021-03-03" and event.date_precision == "day"
    assert event.cameo and event.cameo.startswith(("18", "19", "20")) and event.quad_class == 4
    assert event.goldstein is not None and event.goldstein < 0
    assert 0.0 < event.confidence <= 1.0


def test_event_ids_are_stable(read_pages: dict[str, ReadPage]) -> None:
    page = read_pages["type-CONSULT"]
    assert [e.event_id for e in extract_events(page)] == [e.event_id for e in extract_events(page)]


def test_headline_and_body_report_one_meeting(read_pages: dict[str, ReadPage]) -> None:
    consults = [e for e in extract_events(read_pages["dedupe"]) if e.type == "CONSULT"]
    assert len(consults) == 1
    assert consults[0].role == "body"  # the body sentence is the better evidence
    assert consults[0].location is not None and consults[0].location.country == "UGA"


def test_meetings_with_different_people_stay_apart(read_pages: dict[str, ReadPage]) -> None:
    consults = [e for e in extract_events(read_pages["two_meetings"]) if e.type == "CONSULT"]
    recipients = {code for e in consults for code in e.recipient_codes()}
    assert len(consults) == 2 and {"BOL", "PER"} <= recipients


def test_pronoun_subject_takes_the_previous_subject(read_pages: dict[str, ReadPage]) -> None:
    page = read_pages["pronoun"]
    he = next(t for t in page.doc if t.text == "He")
    side = PageParticipants(page).side(he)
    assert side is not None and side.country == "KEN" and side.text == "He" and side.name == "William Ruto"
    consults = [e for e in extract_events(page) if e.type == "CONSULT"]
    assert consults and consults[0].actor_codes() == {"KEN"} and "UGA" in consults[0].recipient_codes()


def test_quote_has_its_speaker(read_pages: dict[str, ReadPage]) -> None:
    quotes = extract_quotes(read_pages["quote"])
    direct = [q for q in quotes if q.direct]
    assert direct and direct[0].text.startswith("We will not accept")
    assert direct[0].speaker is not None and direct[0].speaker.country == "BOL"


def test_word_lists_parse() -> None:
    words = load_words()
    assert "say" in words.speech_verbs and "will" in words.modal_aux and "not" in words.negators
    data = json.loads(WORDS_PATH.read_text(encoding="utf-8"))
    del data["pronoun_kinds"]
    with pytest.raises(ValueError):
        parse_words(data)


def test_no_sample_page_names_in_product_code() -> None:
    banned = re.compile(r"Kayani|Kiyani|Mattis|Allen|Dunford|Salala|Shamsi|Gilani|Wynne")
    mine = [*(SRC / "events").glob("*.py"), SRC / "eval" / "events.py", SRC / "bench" / "pipeline.py",
            *(SRC / "data" / "events").glob("extract_*.json")]
    hits = [p.name for p in mine if p.exists() and banned.search(p.read_text(encoding="utf-8"))]
    assert hits == []
