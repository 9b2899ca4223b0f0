"""Project hygiene: no file under src/ or tests/ repeats the reporting of a gold or seed page.

Seeds, gold and page texts are never copied into the project, and every mechanism is tested on
sentences of our own making. This test reads the development pages (../shared/gold/dev/pages.jsonl)
and the sample pages (../shared/seeds/, HTML tags stripped) at run time, and fails when a text file
under src/ or tests/ shares a run of ``RUN`` words (lower-cased alphanumeric tokens) with any of them,
listing every such run with its file, line and page. A few generic phrases that are common knowledge
or site boilerplate rather than copied reporting are allowed, each with its reason below; a sentence
of reporting is never added there: rewrite the test sentence in your own words instead.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RUN = 6

TOKEN = re.compile(r"[a-z0-9]+")
TAG = re.compile(r"<[^>]+>")
# Binary or compressed files carry no prose of ours to compare.
SKIP_SUFFIXES = {".gz", ".npz", ".png", ".jpg", ".ico", ".pyc", ".svg"}

# Phrases that may be shared with a page: any run of RUN words inside one of them is excused.
ALLOWED = [
    # Official titles: the names of offices, which an actor dictionary and its tests must spell out.
    "chairman of the joint chiefs of staff committee",  # Pakistan's senior joint military office
    "chairman joint chiefs of staff committee",  # the same title as it is written before a name
    "joint chiefs of staff committee chairman",  # ... and after one
    "commander of the international security assistance force",  # NATO's command title in Afghanistan
    "the head of us central command",  # the US combatant command, as a role phrase after a name
    "chief of army staff coas general",  # army chief's title with its abbreviation and rank
    "the defence committee of the cabinet",  # the name of a state body, as the demo pages name it
    # Site boilerplate: the cookie banner a comment/boilerplate filter must recognise and drop.
    "by continuing to use the site you agree to the use of cookies",
]

PENDING: dict[str, str] = {}
"""Files kept out of the check, with the reason (none now: the demo corpus was rephrased)."""


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _page_runs(shared: Path) -> dict[tuple[str, ...], set[str]]:
    """Every run of RUN words of every gold and seed page, with the pages it occurs on."""
    pages: list[tuple[str, str]] = []
    with (shared / "gold" / "dev" / "pages.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                pages.append((record["id"], record["text"]))
    for path in sorted((shared / "seeds").iterdir()):
        if path.is_file():
            pages.append((path.name, path.read_text(encoding="utf-8", errors="ignore")))
    runs: dict[tuple[str, ...], set[str]] = {}
    for name, text in pages:
        for run in _runs(_tokens(TAG.sub(" ", text))):
            runs.setdefault(run, set()).add(name)
    return runs


def _project_files() -> list[Path]:
    files = []
    for top in ("src", "tests"):
        for path in sorted((REPO / top).rglob("*")):
            if path.is_file() and path.suffix not in SKIP_SUFFIXES and "__pycache__" not in path.parts:
                files.append(path)
    return files


def _shared_spans(text: str, page_runs: dict, allowed: set) -> list[str]:
    """Maximal stretches of ``text`` made of runs shared with a page, as 'line N: words (pages)'."""
    matches = list(TOKEN.finditer(text.lower()))
    words = [m.group() for m in matches]
    hits = []
    for i in range(len(words) - RUN + 1):
        run = tuple(words[i:i + RUN])
        if run in page_runs and run not in allowed:
            hits.append((i, page_runs[run]))
    spans: list[str] = []
    k = 0
    while k < len(hits):
        start, pages = hits[k][0], set(hits[k][1])
        end = start
        while k + 1 < len(hits) and hits[k + 1][0] == end + 1:
            k += 1
            end = hits[k][0]
            pages |= hits[k][1]
        line = text.count("\n", 0, matches[start].start()) + 1
        spans.append(f"line {line}: {' '.join(words[start:end + RUN])!r} ({', '.join(sorted(pages))})")
        k += 1
    return spans


@pytest.fixture(scope="module")
def page_runs() -> dict:
    if not (SHARED / "gold" / "dev" / "pages.jsonl").is_file() or not (SHARED / "seeds").is_dir():
        pytest.skip(f"the gold and seed pages are not at {SHARED} (../shared beside the repository)")
    return _page_runs(SHARED)


def test_allowed_phrases_are_few_and_long_enough_to_matter():
    assert len(ALLOWED) <= 10
    assert all(len(_tokens(phrase)) >= RUN for phrase in ALLOWED)


def test_the_span_finder_reports_a_copied_run_and_excuses_an_allowed_one():
    runs = _page_runs_from({"x": "the river ferry from Sorell to Hobart carried nine cars that morning",
                            "y": "a long title of the office of weights and measures here"})
    allowed = _allowed_runs(["long title of the office of weights and measures"])
    text = "header\nit said the ferry from sorell to hobart carried goods\nthe office of weights and measures"
    assert _shared_spans(text, runs, allowed) == ["line 2: 'ferry from sorell to hobart carried' (x)"]


def _page_runs_from(pages: dict[str, str]) -> dict:
    runs: dict = {}
    for name, text in pages.items():
        for run in _runs(_tokens(text)):
            runs.setdefault(run, set()).add(name)
    return runs


def _allowed_runs(phrases: list[str]) -> set:
    return set().union(*(_runs(_tokens(phrase)) for phrase in phrases))


def _findings(page_runs: dict, paths: list[Path]) -> list[str]:
    allowed = _allowed_runs(ALLOWED)
    found = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for span in _shared_spans(text, page_runs, allowed):
            found.append(f"{path.relative_to(REPO).as_posix()} {span}")
    return found


def test_no_project_file_shares_a_run_of_words_with_a_gold_or_seed_page(page_runs):
    paths = [p for p in _project_files() if p.relative_to(REPO).as_posix() not in PENDING]
    found = _findings(page_runs, paths)
    assert not found, (f"{len(found)} stretches share {RUN}+ words with a gold or seed page; "
                       "rewrite them in your own words:\n" + "\n".join(found))
