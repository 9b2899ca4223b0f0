"""Segmenter rules found by event coding: captions and teasers inside a body, editor's notes,
hard-wrapped text, pages opening on their dateline lede (pages of our own making)."""

from __future__ import annotations

from storyline.model import Segmentation
from storyline.segment.lines import LEXICON_KINDS, lexicon, matches
from storyline.segment.text import segment_text


def _roles(seg: Segmentation) -> list[tuple[str, str]]:
    return [(s.role, seg.text[s.start:s.end]) for s in seg.segments]


def _role_of(seg: Segmentation, prefix: str) -> str:
    return next(role for role, line in _roles(seg) if line.startswith(prefix))


def _lines(seg: Segmentation, role: str) -> list[str]:
    return [line for r, line in _roles(seg) if r == role]


def test_lexicon_has_every_kind_and_new_patterns_compile() -> None:
    assert set(lexicon()) == set(LEXICON_KINDS)
    assert matches("dateline_lede", "LIMA, Peru, Oct 3 Fishermen blocked")
    assert not matches("dateline_lede", "Lima talks: fishermen block port")
    assert matches("insert", "Editor's note: this story was corrected")
    assert matches("breaker", "Previous articleChile signs accord")


DATED_CAPTION_PAGE = """Kenya recalls envoy over border raid

Kenyan police officers stand guard at a crossing near Moyale, on the border with Ethiopia, on March 4, 2015. Nairobi says the raid left three herders dead

Kenya recalled its ambassador to Addis Ababa on Thursday after a cross-border raid that killed three herders near Moyale, the foreign ministry said.
The ministry said the envoy would return for consultations and that a formal protest had been delivered.
Ethiopian officials did not respond to requests for comment.
"""


def test_dated_caption_without_a_closing_stop_is_a_caption() -> None:
    seg = segment_text(DATED_CAPTION_PAGE)
    assert seg.title == "Kenya recalls envoy over border raid"
    assert _role_of(seg, "Kenyan police officers") == "caption"
    assert _lines(seg, "body")[0].startswith("Kenya recalled")
    assert len(_lines(seg, "body")) == 3


CAPTION_BEFORE_LEDE = """Floods cut rail link in southern Chile

Residents wade through a flooded street in Temuco on June 2, 2016.

TEMUCO (Example Agency) - Heavy rain cut the rail link between Temuco and Puerto Montt on Thursday, the operator said.
Trains would resume once engineers had inspected two bridges, it said.
"""


def test_dated_caption_before_a_city_lede_is_a_caption() -> None:
    seg = segment_text(CAPTION_BEFORE_LEDE)
    assert _role_of(seg, "Residents wade") == "caption"
    assert _lines(seg, "body")[0].startswith("TEMUCO")


DATED_LEDE_PAGE = """Army takes power in Ruritania

The army overthrew the president in a swift putsch on October 9, 2017. Soldiers occupied the state broadcaster and shut the airport.
General Anton Varga said in a televised address that elections would be held within a year.
"""


def test_dated_lede_sentence_stays_body() -> None:
    seg = segment_text(DATED_LEDE_PAGE)
    assert _role_of(seg, "The army overthrew") == "body"
    assert len(_lines(seg, "body")) == 2


TEASER_PAGE = """Lisbon - Portugal names new ambassador to Brazil

Portugal named a career diplomat as its ambassador to Brazil on Monday, ending a vacancy of eight months, the foreign ministry said.

The appointment follows a dispute over visa rules that strained ties between the two governments last year.

Lisbon heatwave: Hospitals put on alert as temperatures soar

The ministry said the new envoy would present her credentials in Brasilia next month.

'A new chapter for fishermen': Minister hails Atlantic quota deal

Students protest tuition rise in Porto, police say dozens detained

Sign up for our newsletter
"""


def test_teaser_headlines_between_and_after_body_are_boilerplate() -> None:
    seg = segment_text(TEASER_PAGE)
    for prefix in ("Lisbon heatwave", "'A new chapter", "Students protest"):
        assert _role_of(seg, prefix) == "boilerplate", prefix
    assert _lines(seg, "body") == [
        "Portugal named a career diplomat as its ambassador to Brazil on Monday, ending a vacancy of eight months,"
        " the foreign ministry said.",
        "The appointment follows a dispute over visa rules that strained ties between the two governments last year.",
        "The ministry said the new envoy would present her credentials in Brasilia next month.",
    ]


def test_cut_last_line_of_a_page_is_not_a_teaser() -> None:
    page = TEASER_PAGE.split("Lisbon heatwave")[0] + "But the opposition leader in parliament criticised the choice of the"
    seg = segment_text(page)
    assert _role_of(seg, "But the opposition") == "body"


NOTE_PAGE = """Senegal and Gambia reopen border posts
Senegal and Gambia reopened three border posts on Saturday after a week of talks in Dakar, officials said.
Traders said lorries were crossing again by midday.
Editor's note: Our correspondent travelled to the border with support from a regional press fund.
Note Sahel-Watch: We think this deal will not last beyond the rainy season.
Update: Officials later said a fourth post would open on Monday.
Read more: Border trade in West Africa
"""


def test_editor_notes_are_boilerplate_and_updates_stay_body() -> None:
    seg = segment_text(NOTE_PAGE)
    assert _role_of(seg, "Editor's note") == "boilerplate"
    assert _role_of(seg, "Note Sahel-Watch") == "boilerplate"
    assert _role_of(seg, "Update: Officials") == "body"
    assert _role_of(seg, "Traders said") == "body"


WRAPPED_PAGE = """Dock strike ends in Gdansk

Updated: Mar 3, 2016, 10:10 AM CET

Gdansk: Dock workers in the Polish port on Friday
ended a two-week strike after the port authority agreed
to raise wages by eight percent, the union said.

Minister Ewa Nowak welcomed the agreement and said that
talks with ferry operators would resume in April.

The union said that ships held at anchor would be
unloaded first and that the backlog would take
"""


def test_wrapped_first_and_cut_last_lines_join_the_body() -> None:
    seg = segment_text(WRAPPED_PAGE)
    assert _role_of(seg, "Gdansk: Dock workers") == "body"
    assert _role_of(seg, "unloaded first") == "body"
    assert len(_lines(seg, "body")) == 7
    assert seg.published == "2016-03-03"


LEDE_FIRST_PAGE = """date 2019-02-11 By Olga Berg
| OSLO, Norway, Feb 11
OSLO, Norway, Feb 11 Norway's government
said on Monday it would raise its defence budget by
five percent, citing tension in the Arctic.
The defence minister told parliament that new patrol
aircraft would be ordered this year.
"""


def test_page_opening_on_its_dateline_lede_has_no_headline() -> None:
    seg = segment_text(LEDE_FIRST_PAGE)
    assert seg.title is None
    assert _role_of(seg, "OSLO, Norway, Feb 11 Norway") == "body"
    assert "headline" not in {role for role, _ in _roles(seg)}
    assert seg.published == "2019-02-11"


CAPTION_FIRST_PAGE = """Finance minister Lars Holm speaking in Copenhagen | File Photo
Economy

Denmark raises fuel tax to fund rail plan

Denmark's government raised the fuel tax on Tuesday to pay for an expansion of regional rail lines, the finance ministry said.
Opposition parties said the tax would hurt rural drivers and promised to reverse it.
"""


def test_caption_on_the_first_line_is_not_the_headline() -> None:
    seg = segment_text(CAPTION_FIRST_PAGE)
    assert seg.title == "Denmark raises fuel tax to fund rail plan"
    assert _role_of(seg, "Finance minister Lars Holm") == "boilerplate"


DUPLICATED_PAGE = """Mexican officials say the foreign minister will visit Guatemala next week to discuss migration and border security.
The minister is expected to meet President Ruiz to talk about a joint plan for the southern border.
Both governments have promised more checkpoints along the Suchiate river.
Compiled from agency reports
The minister is expected to meet President Ruiz to talk about a joint plan for the southern border.
Both governments have promised more checkpoints along the Suchiate river.
Compiled from agency reports
"""


def test_pasted_twice_the_second_copy_is_boilerplate_not_a_caption() -> None:
    seg = segment_text(DUPLICATED_PAGE)
    roles = [role for role, _ in _roles(seg)]
    assert roles[:3] == ["body", "body", "body"]
    assert roles[4:6] == ["boilerplate", "boilerplate"]


LIST_WITH_LINKS_PAGE = """Canada and Norway impose sanctions on mining firms

Canada and Norway announced asset freezes on Monday against five mining companies accused of forced labour.
The measures follow a report by a United Nations panel published last month.
Companies targeted
• Alpha Mining - gold (Canada)
• Beta Metals - copper (Canada and Norway)
• Gamma Ores - nickel (Norway)
Canadian order on sanctions
Norwegian list of firms
The foreign ministers said further names could be added if the companies did not cooperate.
Industry groups said the firms had not been given a chance to answer the allegations.
"""


def test_list_and_links_inside_body_do_not_cut_it() -> None:
    seg = segment_text(LIST_WITH_LINKS_PAGE)
    assert seg.comments == ()
    assert _role_of(seg, "• Beta Metals") == "body"
    assert _role_of(seg, "The foreign ministers said") == "body"
    assert _role_of(seg, "Industry groups") == "body"


def test_glued_previous_article_link_ends_the_body() -> None:
    page = ("Talks resume in Geneva\n"
            "Delegates from both sides met again in Geneva on Tuesday, the United Nations said.\n"
            "The talks are expected to last three days and focus on prisoner exchanges.\n"
            "Previous articleRebels free twelve hostages in the north\n")
    seg = segment_text(page)
    assert _role_of(seg, "Previous article") == "boilerplate"
    assert _role_of(seg, "The talks are") == "body"
