"""The plain-text segmenter on pages of our own making: other countries, names and layouts."""

from __future__ import annotations

from storyline.model import Segmentation
from storyline.segment.text import segment_text


def _roles(seg: Segmentation) -> list[tuple[str, str]]:
    return [(s.role, seg.text[s.start:s.end]) for s in seg.segments]


def _role_of(seg: Segmentation, prefix: str) -> str:
    return next(role for role, line in _roles(seg) if line.startswith(prefix))


def _lines(seg: Segmentation, role: str) -> list[str]:
    return [line for r, line in _roles(seg) if r == role]


COOKIE_PAGE = """We use cookies to improve your experience. By continuing to browse you agree to our cookie policy.
Accept

Chile and Peru agree to reopen border crossings

By Ana Ferreira | Updated Mar 5, 2014 09:14 GMT

SANTIAGO: Chile and Peru agreed on Tuesday to reopen three border crossings that were closed during a dispute over fishing rights, the two foreign ministries said.
The ministers met in Arica for four hours and signed a short protocol on customs cooperation.
Officials said trucks would be allowed through from Monday, with extra inspectors posted on both sides.

Share this
Related articles
Bolivia asks for talks on sea access
Peru names new ambassador to Santiago after long vacancy...
"""


def test_cookie_banner_byline_and_sidebar() -> None:
    seg = segment_text(COOKIE_PAGE)
    assert seg.title == "Chile and Peru agree to reopen border crossings"
    assert _role_of(seg, "We use cookies") == "boilerplate"
    assert _role_of(seg, "Accept") == "boilerplate"
    assert _role_of(seg, "By Ana Ferreira") == "dateline"
    assert (seg.published, seg.published_source) == ("2014-03-05", "page")
    assert _lines(seg, "body")[0].startswith("SANTIAGO:")
    assert len(_lines(seg, "body")) == 3
    assert {_role_of(seg, p) for p in ("Share this", "Related articles", "Bolivia asks", "Peru names")} == {"boilerplate"}
    assert seg.comments == ()


LIST_PAGE = """Kenyan parliament passes revised budget

Posted on 3 April 2013

The National Assembly in Nairobi approved a revised budget on Wednesday after a debate that lasted late into the night.
The finance committee attached three conditions to the vote:
1. Spending on roads must be audited every quarter.
2. County governments must publish their accounts online.
3. No new borrowing may be agreed without a vote of the house.
The treasury said it would comply with the conditions and present a first audit in July.
Opposition members walked out before the vote, saying the debate had been rushed.
"""


def test_numbered_list_inside_prose_stays_body_and_posted_on_date() -> None:
    seg = segment_text(LIST_PAGE)
    assert seg.published == "2013-04-03"
    assert _role_of(seg, "Posted on") == "dateline"
    assert len(_lines(seg, "body")) == 7
    assert _role_of(seg, "2. County governments") == "body"
    assert seg.comments == ()


NO_DATE_PAGE = """Floods force thousands from homes in northern Ghana

Rescue teams struggle to reach villages cut off by rising water

TAMALE (Reuters) - Heavy rain flooded dozens of villages in northern Ghana this week, forcing thousands of families from their homes, the disaster agency said on Friday.

Advertisement

The agency said roads to at least twelve communities were under water and that boats had been sent from the coast.

Local leaders asked the government for food, tents and clean water for the displaced families.

Copyright 2019 Example News Agency. All rights reserved.
"""


def test_page_without_date_dek_and_inline_advert() -> None:
    seg = segment_text(NO_DATE_PAGE)
    assert (seg.published, seg.published_source) == (None, "unknown")
    assert _role_of(seg, "Rescue teams") == "dek"
    assert _role_of(seg, "Advertisement") == "boilerplate"
    assert _lines(seg, "body")[0].startswith("TAMALE (Reuters)")
    assert _role_of(seg, "Local leaders") == "body"
    assert _role_of(seg, "Copyright") == "boilerplate"


AUTHOR_TIME_THREAD = """Norway opens inquiry into pension fund losses

Oslo, 14 May 2015

The Norwegian parliament opened an inquiry on Thursday into losses at the state pension fund after a year of weak returns.
Members of the finance committee will question the fund's managers in public hearings next month.
The government said it welcomed the inquiry and would hand over all requested documents.

Comments (3)

Maria Lopez
March 3, 2013 at 4:15 pm
The fund should publish every trade it makes.
Reply
    Tom K.
    March 3, 2013 at 5:02 pm
    That would help the funds that trade against it.
    Reply
Jonas Berg
2 hours ago
Hearings in public are a good start.
Reply
"""


def test_unbulleted_thread_with_author_time_and_indented_reply() -> None:
    seg = segment_text(AUTHOR_TIME_THREAD)
    assert seg.published == "2015-05-14"
    assert _role_of(seg, "Comments (3)") == "boilerplate"
    first, reply, third = seg.comments
    assert (first.author, first.posted_at, first.depth, first.parent_id) == ("Maria Lopez", "2013-03-03T16:15", 0, None)
    assert (reply.author, reply.posted_at, reply.depth, reply.parent_id) == ("Tom K.", "2013-03-03T17:02", 1, "c1")
    assert (third.author, third.posted_at, third.depth) == ("Jonas Berg", None, 0)
    assert first.text == "The fund should publish every trade it makes."
    assert seg.text[first.start:first.end].startswith("Maria Lopez")
    assert set(_lines(seg, "comment")) >= {"Reply", "Maria Lopez", "March 3, 2013 at 4:15 pm"}
    assert len(_lines(seg, "body")) == 3


NUMBERED_THREAD = """Indonesia and Malaysia sign maritime boundary deal

JAKARTA: Indonesia and Malaysia signed an agreement on Monday settling part of their maritime boundary in the Strait of Malacca.
The foreign ministers said the deal would make it easier for fishing crews to know where they may work.
Both governments must still ratify the agreement before it enters into force.


  1. Good news for the fishermen, they have waited twenty years for this.

    - Twenty years too long if you ask me.

      - Better late than never, my friend.

  2. Good news for the fishermen; they have waited twenty years for this!

  3. What about the other disputed areas in the south?

    The article does not say anything about them.

    - They are still under negotiation.

Comments are closed.
"""


def test_numbered_thread_depths_parents_and_repost() -> None:
    seg = segment_text(NUMBERED_THREAD)
    got = [(c.comment_id, c.depth, c.parent_id, c.duplicate_of) for c in seg.comments]
    assert got == [
        ("c1", 0, None, None),
        ("c2", 1, "c1", None),
        ("c3", 2, "c2", None),
        ("c4", 0, None, "c1"),
        ("c5", 0, None, None),
        ("c6", 1, "c5", None),
    ]
    assert seg.comments[4].text == "What about the other disputed areas in the south?\nThe article does not say anything about them."
    assert seg.comments[1].text == "Twenty years too long if you ask me."
    assert _role_of(seg, "The article does not say") == "comment"
    assert _role_of(seg, "Comments are closed.") == "boilerplate"
    assert len(_lines(seg, "body")) == 3


POSTED_BY_THREAD = """Senegal holds peaceful run-off vote

Published: June 1, 2015

DAKAR: Voters in Senegal chose a new president on Sunday in a run-off that observers from the African Union described as calm and orderly.
Turnout was higher than in the first round, the electoral commission said, and results are expected within a week.

2 comments

Posted by kwame_a on June 2, 2015 at 8:10 am
A calm election is the best news this year.
Posted by lena.m on June 2, 2015 at 9:45 am
A calm election is the best news this year!!
Leave a comment
"""


def test_posted_by_comments_with_duplicate() -> None:
    seg = segment_text(POSTED_BY_THREAD)
    assert seg.published == "2015-06-01"
    first, second = seg.comments
    assert (first.author, first.posted_at) == ("kwame_a", "2015-06-02T08:10")
    assert (second.author, second.posted_at, second.duplicate_of) == ("lena.m", "2015-06-02T09:45", "c1")
    assert _role_of(seg, "2 comments") == "boilerplate"
    assert _role_of(seg, "Leave a comment") == "boilerplate"


CAPTION_PAGE = """Protesters gather outside parliament in Lima

Photo: Demonstrators carry flags near the Congress building in Lima. (EFE)

LIMA: Thousands of people marched to the Peruvian Congress on Saturday to demand early elections, police said.
The march was mostly peaceful, although officers used tear gas near the main square in the evening.
Organisers said they would return next weekend if Congress did not schedule a vote.
"""


def test_photo_caption_before_body() -> None:
    seg = segment_text(CAPTION_PAGE)
    assert _role_of(seg, "Photo:") == "caption"
    assert _lines(seg, "body")[0].startswith("LIMA:")
    assert seg.published is None


BULLET_AUTHOR_THREAD = """Iceland votes to keep fishing quotas

12 May 2016

REYKJAVIK: Iceland's parliament voted on Thursday to keep the current system of fishing quotas for another ten years.
The vote followed months of debate over whether quotas should be auctioned to raise money for the state.
The fisheries minister said the decision gave crews and towns the certainty they needed.

Reader Comments (2)

  • Ingrid
    12 May 2016 - 9:30AM

    Auctions would have been fairer to young fishermen.

  • 12 May 2016 - 11:05AM

    Stability matters more than fairness here.

More in Europe
"""


def test_bulleted_thread_with_author_lines_and_missing_author() -> None:
    seg = segment_text(BULLET_AUTHOR_THREAD)
    assert seg.published == "2016-05-12"
    assert [(c.author, c.posted_at, c.depth) for c in seg.comments] == [
        ("Ingrid", "2016-05-12T09:30", 0),
        (None, "2016-05-12T11:05", 0),
    ]
    assert seg.comments[1].text == "Stability matters more than fairness here."
    assert _role_of(seg, "More in Europe") == "boilerplate"
    assert _role_of(seg, "Reader Comments") == "boilerplate"


SECTION_PAGE = """World
Ghana and Togo reopen rail link after decade
World | Ghana and Togo reopen rail link after decade
Follow us on Twitter
ACCRA: Passenger trains between Ghana and Togo ran again on Monday for the first time in ten years, the railway company said.
The line was repaired with a loan from a regional development bank and now carries four trains a day.
Ministers from both countries travelled on the first train from Accra to Lome.
Recent News
Nigeria raises fuel prices
0
The government said the new prices would take effect at midnight and that subsidies...
"""


def test_section_label_headline_echo_and_teasers() -> None:
    seg = segment_text(SECTION_PAGE)
    assert seg.title == "Ghana and Togo reopen rail link after decade"
    assert _roles(seg)[0] == ("boilerplate", "World")
    assert _role_of(seg, "World | Ghana") == "boilerplate"
    assert _role_of(seg, "Follow us") == "boilerplate"
    assert len(_lines(seg, "body")) == 3
    assert {_role_of(seg, p) for p in ("Recent News", "Nigeria raises", "0", "The government said")} == {"boilerplate"}


def test_empty_and_blank_pages() -> None:
    for text in ("", "\n\n   \n"):
        seg = segment_text(text)
        assert (seg.segments, seg.comments, seg.title, seg.published_source) == ((), (), None, "unknown")


def test_offsets_exact_with_windows_newlines() -> None:
    text = CAPTION_PAGE.replace("\n", "\r\n")
    seg = segment_text(text)
    assert seg.text is text
    assert [text[s.start:s.end] for s in seg.segments] == [ln.strip() for ln in CAPTION_PAGE.splitlines() if ln.strip()]
