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
    E104_FILE = "E104 the file is empty: it holds no page"
    E105 = "E105 not valid JSON: {detail}"
    E106 = "E106 a JSONL page needs a non-empty 'id' and one of 'text' or 'html'"
    E107 = "E107 truncated or malformed WARC record: {detail}"
    E108 = "E108 no article text found: {detail}"
    E109 = "E109 cannot read the file: {detail}"
    E109_DIR = "E109 cannot list the directory: {detail}"
    E110 = "E110 field {field!r} must be a string"
    E111 = "E111 directory holds no supported page files"
    E112 = "E112 field {field!r} is not an ISO date (2012-03-28 or 2012-03-28T10:00:00Z): {value!r}"
    E113 = "E113 the file name is not valid UTF-8: rename the file"
    E114 = "E114 field {field!r} is not valid Unicode (it holds a lone surrogate such as \\ud800)"
    E116 = "E116 the page could not be segmented: {detail}"
    E117 = "E117 the page could not be stored: {detail}"
    E115 = "E115 field {field!r} gives a date outside {low}..{high}: {value!r}"
    E118 = "E118 field 'comments' must be a list of objects, each with a non-empty 'id' and 'text' ({detail})"
    E119 = "E119 comment {comment_id!r}: {detail}"
    E120 = "E120 a URL is not a file: fetch it with `storyline fetch URL` (or follow a feed with `storyline watch FEED`)"
    E121 = "E121 not a web address: {detail} (expected an http:// or https:// URL with a host)"
    E122 = "E122 the server answered HTTP {status}{detail}"
    E123 = "E123 cannot reach the server: {detail}"
    E124 = "E124 robots.txt does not allow fetching this URL{detail}"
    E125 = "E125 the response is too large: more than {limit} bytes"
    E126 = "E126 unsupported response: {detail}"
    E127 = "E127 not a readable RSS/Atom feed or sitemap: {detail}"
    E128 = "E128 too many redirects or a bad redirect: {detail}"
    E129 = "E129 --every {value!r} is not a duration (expected seconds, or a number with s, m, h or d: 90s, 15m, 1h)"
    E130 = ("E130 the Spark engine needs PySpark, which is not installed: `pip install storyline[spark]` "
            "(or `pip install -r requirements-spark.lock`)")
    E131 = "E131 Spark could not start ({master}): {detail} (it needs Java 17 or later: `apt-get install default-jre-headless`)"
    E132 = "E132 unknown engine {engine!r}: use 'local' or 'spark'"
    E133 = ("E133 the Spark job failed: {detail} (the pages stored before it are kept: run the command again "
            "to read the rest)")
    E134 = "E134 --out needs --engine spark: the local engine fills the store (drop --out, or add --engine spark)"
    E135 = "E135 the output directory already exists: {path} (give a new one; Parquet is never written over)"
    E136 = "E136 cannot list the input through Hadoop: {detail}"
    E201 = "E201 cannot open the database {path}: {detail}"
    E202 = "E202 the database schema is version {found}, newer than this Storyline ({known})"
    E203 = "E203 no document with id {doc_id!r}"
    E204 = "E204 no actor with id {actor_id!r}"
    E205 = "E205 no story event with id {story_id!r}"
    E206 = ("E206 {name}={value!r} is not a memory size: give a number and a unit, e.g. 512MB or 2GB")
    E207 = ("E207 the database needed more memory than its bound of {limit} allows ({detail}): what was committed "
            "before stays as it was; raise the bound with the environment variable STORYLINE_DB_MEMORY (e.g. 2GB) and run again")
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
    # E601-E619: the query layer, the web app and its JSON API
    E602 = "E602 {name} {value!r} is not valid: {detail}"
    E603 = "E603 the store {path} is busy: another process is writing it (tried for {seconds:g} s); try again"
    E604 = "E604 the query took longer than {seconds:g} s and was stopped; narrow the filters"
    E605 = "E605 no such page: {path}"
    E606 = "E606 {method} is not allowed here: the server is read-only"
    E607 = "E607 the server failed on this request ({detail}); see its log"
    E608 = "E608 unknown actor {value!r}{hint}"
    E609 = "E609 give one actor or a pair, not {count}"


# An error line stays short and on one line: a name or message longer than this is cut (with "...").
MAX_SOURCE_CHARS = 160
MAX_MESSAGE_CHARS = 320


def printable(text: object, limit: int | None = None) -> str:
    """``text`` made safe for one terminal line: control characters, line and paragraph separators,
    lone surrogates (an undecodable file name byte) and other unprintable characters are escaped
    (``\\n``, ``\\x85``, ``\\udce9``), and the result is cut to ``limit`` characters."""
    value = str(text)
    if limit is not None and len(value) > limit * 4:  # never escape megabytes to keep a few hundred
        value = value[: limit * 4]
    out = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value)
    if limit is not None and len(out) > limit:
        out = out[: max(limit - 3, 0)] + "..."
    return out


def brief(detail: object, limit: int = 200) -> str:
    """An exception or detail as a short printable phrase (for the ``{detail}`` of a message)."""
    return printable(detail if str(detail) else type(detail).__name__, limit)


def error_line(error: object) -> str:
    """The one line the CLI prints for ``error``: ``error: WHERE: CODE message``, printable and bounded."""
    if isinstance(error, InputError):
        return f"error: {error}"
    return f"error: {printable(error, MAX_SOURCE_CHARS + MAX_MESSAGE_CHARS)}"


class StorylineError(Exception):
    """Base class of errors meant for the user."""


class InputError(StorylineError):
    """A problem with one input (a file, a WARC record, a JSONL line)."""

    def __init__(self, message: str, *, source: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __reduce__(self) -> tuple:
        # picklable, for segmenting in worker processes (the keyword-only arguments need this)
        return _input_error, (self.message, self.source, self.line)

    def __str__(self) -> str:
        source = printable(self.source, MAX_SOURCE_CHARS)
        where = f"{source}:{self.line}" if self.line is not None else source
        return f"{where}: {printable(self.message, MAX_MESSAGE_CHARS)}"


def _input_error(message: str, source: str, line: int | None) -> InputError:
    return InputError(message, source=source, line=line)


class StoreError(StorylineError):
    """A problem with the database file."""
