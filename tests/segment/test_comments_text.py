"""Comment-thread reading: openers, depths, authors, duplicates, and the lexicon data file."""

from __future__ import annotations

from storyline.segment.comments import find_thread
from storyline.segment.lines import LEXICON_KINDS, lexicon, matches, split_lines

THREAD = """Readers' comments

* Olga P. says:
  It is about time the ministers talked to each other.
  Like
    * Piet says:
      They talk every year and nothing changes.
* Hamid
  yesterday at 10:15 pm
  Hearing both sides is a start.
"""


def test_says_lines_star_bullets_and_nesting() -> None:
    text = THREAD
    thread = find_thread(split_lines(text))
    got = [(c.author, c.depth, c.parent_id, c.posted_at) for c in thread.comments]
    assert got == [("Olga P.", 0, None, None), ("Piet", 1, "c1", None), ("Hamid", 0, None, None)]
    assert thread.comments[0].text == "It is about time the ministers talked to each other."
    assert text[thread.comments[1].start:thread.comments[1].end].startswith("* Piet says:")


def test_one_line_author_and_time() -> None:
    text = "Comments\n\n- Rosa Diaz | May 9, 2017 7:45 pm\n  Good reporting.\n- Kofi | May 9, 2017 8:01 pm\n  Agreed.\n"
    thread = find_thread(split_lines(text))
    assert [(c.author, c.posted_at, c.text) for c in thread.comments] == [
        ("Rosa Diaz", "2017-05-09T19:45", "Good reporting."),
        ("Kofi", "2017-05-09T20:01", "Agreed."),
    ]


def test_similar_topic_is_not_a_duplicate() -> None:
    text = (
        "  1. The new border agreement will help traders on both sides of the river.\n"
        "  2. The new border agreement will hurt traders on both sides of the lake, sadly.\n"
        "  3. the NEW border agreement will help traders, on both sides of the river!\n"
    )
    thread = find_thread(split_lines(text))
    assert [c.duplicate_of for c in thread.comments] == [None, None, "c1"]


def test_no_thread_in_plain_sidebar() -> None:
    text = "Most read\nMinisters meet in Vienna\nRecent News\n"
    assert find_thread(split_lines(text)).comments == ()


def test_lexicon_data_parses_and_matches() -> None:
    patterns = lexicon()
    assert set(patterns) == set(LEXICON_KINDS)
    assert matches("comment_header", "Reader Comments (12)")
    assert matches("comment_close", "Comments are closed.")
    assert matches("breaker", "By continuing to use the site, you agree to the use of cookies.")
    assert matches("caption", "Soldiers on patrol near the border. PHOTO: REUTERS")
    assert not matches("breaker", "The minister said the talks would continue next week in Geneva.")
