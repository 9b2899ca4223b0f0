"""In running text a sentence ends only after a stop, a closing quote or bracket, a dash or a line
break: the parser no longer cuts "Tanzania | on Friday rejected ..." after a paragraph's first word."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lead", [
    "Tanzania on Friday rejected a Kenyan newspaper report about troop movements.",
    "Zambia on Monday closed its border with Malawi.",
    "Ecuador this week expelled two Colombian diplomats.",
])
def test_a_paragraph_opening_on_a_name_is_one_sentence(nlp, lead: str) -> None:
    doc = nlp(f"World news\n\n{lead}\n")
    assert [s.text.strip() for s in doc.sents][1:] == [lead]


def test_stops_still_end_sentences(nlp) -> None:
    doc = nlp("Peace talks resumed. Both sides met in Lusaka; no deal was reached. \"We will return,\" he said.")
    assert len(list(doc.sents)) >= 3


def test_a_line_break_still_starts_one(nlp) -> None:
    doc = nlp("Border closed\nZambia shut the crossing")
    assert [s.text.strip() for s in doc.sents] == ["Border closed", "Zambia shut the crossing"]
