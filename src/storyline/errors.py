"""One catalogue of the errors a user can meet, each with a stable code.

Raise as ``InputError(Errors.E101.format(...), source=..., line=...)``: the CLI prints one line
naming the input (and line) and the problem, never a traceback.
"""

from __future__ import annotations


class Errors:
    E101 = "E101 no such file or directory"
    E102 = "E102 unsupported file type {suffix!r} (expected .txt, .html, .htm, .warc, .warc.gz, .jsonl)"
    E103 = "E103 cannot decode the file as text: it looks like binary data"
    E104 = "E104 the page is empty"
    E105 = "E105 not valid JSON: {detail}"
    E106 = "E106 a JSONL page needs a non-empty 'id' and one of 'text' or 'html'"
    E107 = "E107 truncated or malformed WARC record: {detail}"
    E108 = "E108 no article text found: {detail}"
    E109 = "E109 cannot read the file: {detail}"
    E110 = "E110 field {field!r} must be a string"
    E111 = "E111 directory holds no supported page files"
    E112 = "E112 field {field!r} is not an ISO date (2012-03-28 or 2012-03-28T10:00:00Z): {value!r}"
    E113 = "E113 field 'comments' must be a list of objects, each with a non-empty 'id' and 'text' ({detail})"
    E114 = "E114 comment {comment_id!r}: {detail}"
    E201 = "E201 cannot open the database {path}: {detail}"
    E202 = "E202 the database schema is version {found}, newer than this Storyline ({known})"
    E203 = "E203 no document with id {doc_id!r}"
    E204 = "E204 no actor with id {actor_id!r}"
    E205 = "E205 no story event with id {story_id!r}"
    E401 = (
        "E401 spaCy pipeline {name!r} is not installed in this Python environment: install it with "
        "`pip install {name}` (or `python -m spacy download {name}` for the official models), or set {env} "
        "to a pipeline that is installed (default: {default})"
    )
    E501 = "E501 cannot read the article of {doc_id!r}: {detail}"
    E301 = "E301 unknown export format {fmt!r} (expected jsonl, csv or parquet)"
    E302 = "E302 parquet export needs an output file: give --output FILE"
    E303 = "E303 unknown period {period!r} (expected month or week; comments stats also takes all)"
    E304 = "E304 {option} {value!r} is not an ISO date or prefix (expected 2012, 2012-03 or 2012-03-28)"
    E305 = "E305 cannot write {path}: {detail}"
    E306 = "E306 unknown stance {stance!r} (expected supportive, critical or neutral)"
    E307 = "E307 --min-toxicity {value!r} is not between 0 and 1"
    E308 = "E308 unknown grouping {by!r} (expected actor or story)"


class StorylineError(Exception):
    """Base class of errors meant for the user."""


class InputError(StorylineError):
    """A problem with one input (a file, a WARC record, a JSONL line)."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


class StoreError(StorylineError):
    """A problem with the database file."""
