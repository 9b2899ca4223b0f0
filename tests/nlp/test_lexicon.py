"""The NLP data files parse, expand into the spellings news text uses, and name no sample-page people."""

from __future__ import annotations

import json
import re
from pathlib import Path

from storyline.nlp import lexicon
from storyline.nlp.lexicon import gazetteer, possessor_lexicon, spellings, title_lexicon

SRC = Path(lexicon.__file__).resolve().parents[1]
FORBIDDEN = ("kayani", "kiyani", "mattis", "allen", "dunford", "salala", "shamsi", "gilani", "wynne")


def test_data_files_parse() -> None:
    for path in (SRC / "data" / "nlp").glob("*.json"):
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict), path


def test_title_lexicon_has_kinds_and_spellings() -> None:
    titles = title_lexicon()
    assert titles.phrases["Gen."] == "rank" and titles.phrases["Lt-Gen"] == "rank"
    assert titles.phrases["Foreign Minister"] == "office" and titles.phrases["Chief of Army Staff"] == "office"
    assert titles.phrases["Sheikh"] == "honorific"
    assert "chief" in titles.role_heads and "al" in titles.particles and "Assembly" in titles.blockers


def test_spellings_add_full_stops_and_hyphens() -> None:
    assert spellings("Maj Gen", frozenset({"Maj", "Gen"}), hyphenate=True) >= {"Maj Gen", "Maj. Gen.", "Maj-Gen", "Maj.-Gen."}
    assert spellings("Prime Minister", frozenset(), hyphenate=False) == {"Prime Minister"}


def test_gazetteer_and_possessors() -> None:
    places = gazetteer()
    assert {"Kenya", "Punjab", "Lagos", "Kashmir"} <= places
    assert "Pak" in possessor_lexicon().short_forms and "Parliament" in possessor_lexicon().not_persons


def test_nlp_code_and_data_name_no_sample_page_people() -> None:
    files = list((SRC / "nlp").glob("*.py")) + list((SRC / "data" / "nlp").glob("*")) + [SRC / "bench" / "nlp.py"]
    for path in files:
        if path.is_file():
            text = path.read_text(encoding="utf-8").lower()
            assert not [w for w in FORBIDDEN if re.search(rf"\b{w}\b", text)], path
