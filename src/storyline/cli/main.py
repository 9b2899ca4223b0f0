"""``storyline`` command line. Every command calls the Python API; nothing here holds logic."""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import duckdb
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.cli import render
from storyline.demo import corpus_dir
from storyline.engines import available_cores
from storyline.errors import Errors, StoreError, StorylineError, error_line, printable
from storyline.store import DEFAULT_DB, Store
from storyline import __version__, query

if TYPE_CHECKING:  # the pipeline and the actor dictionary import spaCy: commands that read pages load them
    from storyline.actors.petrarch import ActorDictionary
    from storyline.pipeline import IngestReport, ReadReport

def _lazy(module: str, name: str):  # noqa: ANN202 - any function
    """``module.name``, imported on first call: the CLI starts without pyarrow, htmldate or spaCy."""

    def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = name
    return call


aggregates = _lazy("storyline.comments.query", "aggregates")
export_row = _lazy("storyline.comments.query", "export_row")
export_rows = _lazy("storyline.comments.query", "export_rows")
list_comments = _lazy("storyline.comments.query", "list_comments")
document_rows = _lazy("storyline.export", "document_rows")
write_rows = _lazy("storyline.export", "write_rows")
event_rows = _lazy("storyline.store.events", "event_rows")
inferred_dates_by_event = _lazy("storyline.store.stories", "inferred_dates_by_event")
story_detail = _lazy("storyline.store.stories", "story_detail")
story_ids_by_event = _lazy("storyline.store.stories", "story_ids_by_event")
story_rows = _lazy("storyline.store.stories", "story_rows")

VERBOSE_FLAGS = ("-v", "--verbose")


def verbose_first(argv: list[str]) -> list[str]:
    """``argv`` with a ``-v``/``--verbose`` given after the subcommand moved before it (up to ``--``)."""
    end = argv.index("--") if "--" in argv else len(argv)
    flags = [a for a in argv[:end] if a in VERBOSE_FLAGS]
    if not flags:
        return argv
    return [flags[0], *(a for a in argv[:end] if a not in VERBOSE_FLAGS), *argv[end:]]


class _App(typer.Typer):
    """The command line; ``-v`` is accepted after the subcommand too (``storyline ingest ... -v``)."""

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204 - Typer's own signature
        sys.argv[1:] = verbose_first(sys.argv[1:])
        try:
            return super().__call__(*args, **kwargs)
        except duckdb.OutOfMemoryException as e:  # any command, any statement: one line, not a traceback
            from storyline.store.database import out_of_memory

            err.print(error_line(out_of_memory(e)), markup=False, soft_wrap=True)
            raise SystemExit(1) from None


app = _App(no_args_is_help=True, add_completion=False, help="Storyline: news pages in, a sourced timeline of events out.")
docs_app = typer.Typer(no_args_is_help=True, help="Look at stored documents.")
export_app = typer.Typer(no_args_is_help=True, help="Export stored records as JSONL, CSV or Parquet.")
actors_app = typer.Typer(no_args_is_help=True, help="Look at canonical actors.")
events_app = typer.Typer(no_args_is_help=True, help="Look at coded events.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure the pipeline against gold annotations.")
stories_app = typer.Typer(no_args_is_help=True, help="Look at story events: one real-world event, all its reports.")
comments_app = typer.Typer(no_args_is_help=True, help="What readers say: comments with targets, stance, toxicity, spam.")
app.add_typer(docs_app, name="docs")
app.add_typer(actors_app, name="actors")
app.add_typer(events_app, name="events")
app.add_typer(stories_app, name="stories")
app.add_typer(comments_app, name="comments")
app.add_typer(eval_app, name="eval")
app.add_typer(export_app, name="export")

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.", envvar="STORYLINE_DB")]
DEMO_DB = "storyline-demo.duckdb"
NProcessOption = Annotated[int, typer.Option(
    "--n-process", min=1,
    help="Processes that read pages (parse, actors, times, places, events), each loading the model once "
         "(default: the cores this machine has).")]
EngineOption = Annotated[str, typer.Option(
    "--engine", help="Where pages are read: 'local' (this machine's processes) or 'spark' (Spark tasks; "
                     "pip install storyline[spark]).")]
MasterOption = Annotated[str | None, typer.Option(
    "--master", help="Spark master URL for --engine spark (local[2], spark://host:7077, yarn, k8s://...); "
                     "default: spark-submit's, else local[*].")]
DictionaryOption = Annotated[
    list[Path] | None,
    typer.Option("--dictionary", help="PETRARCH/Phoenix actor dictionary to consult before the shipped one (repeatable)."),
]

out = render.console()
err = render.console(stderr=True)


def _version(value: bool) -> None:
    if value:
        out.print(f"storyline {__version__}", markup=False)
        raise typer.Exit(0)


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what the pipeline does.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:  # a library's complaint about one hostile page (lxml: "Document is empty") is no second line
        for handler in logging.getLogger().handlers:
            handler.addFilter(_storyline_only)


def _storyline_only(record: logging.LogRecord) -> bool:
    return record.name == "storyline" or record.name.startswith("storyline.")


def actor_rows(store: Store) -> list[dict]:
    from storyline.store.readings import actor_rows as rows  # imports spaCy (through the actors package)

    return rows(store)


def document_marks(store: Store, doc_id: str) -> list:
    from storyline.store.readings import document_marks as marks

    return marks(store, doc_id)


def failed_documents(store: Store) -> list[dict]:
    from storyline.store.readings import failed_documents as failed

    return failed(store)


def time_rows(store: Store) -> list[dict]:
    from storyline.store.readings import time_rows as rows

    return rows(store)


def place_rows(store: Store) -> list[dict]:
    from storyline.store.readings import place_rows as rows

    return rows(store)


def _fail(e: StorylineError) -> typer.Exit:
    err.print(error_line(e), markup=False, soft_wrap=True)
    return typer.Exit(1)


def _detach_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what could not be
    written (a closed pipe, a full disk) prints nothing more."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


# how long a command waits for another process (an ingest, a server) to let go of the database file
LOCK_WAIT_S = 30.0


def _open(db: Path, *, create: bool = False, read_only: bool = False) -> Store:
    """Open the database; commands that only read refuse a file that does not exist and open it
    read-only (they never take the write lock, so they work beside a running server)."""
    try:
        if not create and not db.exists():
            raise StoreError(Errors.E201.format(path=db, detail="no such file"))
        return Store(db, read_only=read_only, lock_wait=LOCK_WAIT_S)
    except StorylineError as e:
        raise _fail(e) from None


def _run_ingest(paths: list[str], *, store: Store, workers: int, quiet: bool) -> IngestReport:
    from storyline.ingest.discover import expand_paths
    from storyline.pipeline import ingest

    total = sum(1 for p in expand_paths(paths) if isinstance(p, Path))
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.fields[name]}"))
    with Progress(*columns, console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("ingest", total=total or None, name="")

        def advance(path: Path) -> None:
            progress.update(task, advance=1, name=printable(path.name, 60))

        return ingest(paths, store=store, workers=workers, on_file=advance)


def _print_errors(report: IngestReport) -> None:
    for e in report.errors:
        err.print(error_line(e), markup=False, soft_wrap=True)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or directories: .txt .html .htm .warc .warc.gz .jsonl")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[int, typer.Option(help="Processes for segmentation.")] = 1,
    read: Annotated[bool, typer.Option("--read/--no-read", help="Also read the articles (actors, times, places).")] = True,
    n_process: NProcessOption = available_cores(),
    engine: EngineOption = "local",
    master: MasterOption = None,
    dictionary: DictionaryOption = None,
    out_dir: Annotated[str | None, typer.Option(
        "--out", help="With --engine spark: write the per-page records as Parquet to this new folder (a path "
                      "or Hadoop URI) and fill no store.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest pages: segment them, store them, read them. Re-running never duplicates anything."""
    if engine == "spark":
        _spark_ingest(paths, db=db, out_dir=out_dir, read=read, dictionary=dictionary, master=master)
        return
    if out_dir is not None:
        raise _fail(StorylineError(Errors.E134))
    with _open(db, create=True) as store:
        report = _run_ingest(paths, store=store, workers=workers, quiet=quiet)
        _print_errors(report)
        out.print(render.report_text(report), markup=False)
        reading = (_run_read(store, n_process=n_process, dictionary=dictionary, quiet=quiet, engine=engine,
                             master=master) if read else None)
        if reading is not None:
            out.print(_read_text(reading), markup=False)
    if not report.ok or (reading is not None and reading.errors):
        raise typer.Exit(1)


def _spark_ingest(paths: list[str], *, db: Path, out_dir: str | None, read: bool, dictionary: list[Path] | None,
                  master: str | None) -> None:
    """``ingest --engine spark``: pages read in Spark tasks, then stored and linked here (or left as
    Parquet in ``out_dir``)."""
    from contextlib import nullcontext

    from storyline.pipeline import ingest_spark

    loaded = _load_dictionary(dictionary)
    try:
        with (nullcontext(None) if out_dir is not None else _open(db, create=True)) as store:
            report, reading = ingest_spark(paths, store=store, out=out_dir, master=master, read=read,
                                           dictionary=loaded)
    except StorylineError as e:
        raise _fail(e) from None
    _print_errors(report)
    if out_dir is not None:
        out.print(f"{len(report.errors)} failed; per-page records written to {out_dir} as Parquet", markup=False)
    else:
        out.print(render.report_text(report), markup=False)
    if reading is not None:
        out.print(_read_text(reading), markup=False)
    if not report.ok or (reading is not None and reading.errors):
        raise typer.Exit(1)


def _load_dictionary(paths: list[Path] | None) -> ActorDictionary | None:
    from storyline.actors.petrarch import load_actor_dictionary, merge_dictionaries, shipped_dictionary

    if not paths:
        return None
    for path in paths:
        if not path.is_file():
            raise _fail(StoreError(f"{path}: {Errors.E101}"))
    return merge_dictionaries(load_actor_dictionary(*paths), shipped_dictionary())


def _run_read(store: Store, *, n_process: int, dictionary: list[Path] | None, quiet: bool, force: bool = False,
              retry_failed: bool = False, engine: str = "local", master: str | None = None) -> ReadReport:
    from storyline.pipeline import read_pending

    loaded = _load_dictionary(dictionary)
    columns = (TextColumn("reading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("read", total=None)
        try:
            return read_pending(store, n_process=n_process, dictionary=loaded, force=force, retry_failed=retry_failed,
                                on_page=lambda _doc_id: progress.update(task, advance=1), engine=engine,
                                master=master)
        except StorylineError as e:
            raise _fail(e) from None


def _read_text(report: ReadReport) -> str:
    for message in report.errors:
        err.print(error_line(message), markup=False, soft_wrap=True)
    if report.skipped_failed:
        err.print(f"note: {report.skipped_failed} page(s) that failed to read earlier were skipped "
                  "(storyline docs list --failed; storyline read --retry-failed)", markup=False, soft_wrap=True)
    return (f"{report.pages} pages read, {report.actors} actors, {report.page_stories} page stories, "
            f"{report.stories} story events, {report.comments} comments analysed")


@app.command("read")
def read_cmd(
    db: DbOption = Path(DEFAULT_DB),
    n_process: NProcessOption = available_cores(),
    engine: EngineOption = "local",
    master: MasterOption = None,
    dictionary: DictionaryOption = None,
    force: Annotated[bool, typer.Option("--force", help="Read every page again (failed ones too).")] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Also read again the pages that failed to read earlier.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read stored pages not read yet (actors, time expressions, places) and relink actors across pages."""
    with _open(db) as store:
        reading = _run_read(store, n_process=n_process, dictionary=dictionary, quiet=quiet, force=force,
                            retry_failed=retry_failed, engine=engine, master=master)
    out.print(_read_text(reading), markup=False)
    if reading.errors:
        raise typer.Exit(1)


@app.command("demo")
def demo_cmd(db: DbOption = Path(DEMO_DB)) -> None:
    """Ingest the bundled sample corpus into a fresh database and show what was found."""
    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with _open(db, create=True) as store:
        report = _run_ingest([str(corpus_dir())], store=store, workers=1, quiet=True)
        _print_errors(report)
        reading = _run_read(store, n_process=1, dictionary=None, quiet=True)
        out.print(render.documents_table(store.list_documents()))
        for doc in store.iter_documents():
            if doc.comments:
                out.print(render.document_view(doc))
                out.print(render.annotated_view(doc, document_marks(store, doc.doc_id)))
                out.print(render.comment_thread_view(doc, list_comments(store, doc_id=doc.doc_id)))
                break
        out.print(render.actors_table(actor_rows(store), limit=15))
    out.print(render.report_text(report), markup=False)
    out.print(_read_text(reading), markup=False)
    out.print(f"database: {db}  (try: storyline docs list --db {db})", markup=False)
    if not report.ok:
        raise typer.Exit(1)


DOC_LIST_FIELDS = ("doc_id", "version", "versions", "format", "outlet", "title", "published", "published_source",
                   "body_segments", "comments")


@docs_app.command("list")
def docs_list(
    db: DbOption = Path(DEFAULT_DB),
    failed: Annotated[bool, typer.Option("--failed", help="List the pages that failed to read, with their errors.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Show at most this many.")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """List stored documents (latest version of each), or the pages that failed to read."""
    with _open(db, read_only=True) as store:
        if failed:
            rows = failed_documents(store)[:limit]
            if not _emit(rows, ("doc_id", "version", "pipeline", "error", "failed_at"), as_json=as_json, as_csv=as_csv):
                out.print(render.failures_table(rows))
            return
        summaries = store.list_documents()[:limit]
        rows = [{f: getattr(s, f) for f in DOC_LIST_FIELDS} for s in summaries]
    if not _emit(rows, DOC_LIST_FIELDS, as_json=as_json, as_csv=as_csv):
        out.print(render.documents_table(summaries))


@docs_app.command("show")
def docs_show(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    db: DbOption = Path(DEFAULT_DB),
    version: Annotated[int | None, typer.Option(help="A stored version (default: the latest).")] = None,
    annotate: Annotated[bool, typer.Option("--annotate", help="Mark actors, dates and places in the article.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The document, its segments, comments and marks as one JSON object.")] = False,
) -> None:
    """Show a document as segmented: headline, date, body, comment threads (or the annotated article)."""
    from dataclasses import asdict

    with _open(db, read_only=True) as store:
        try:
            doc = store.get_document(doc_id, version=version)
        except StorylineError as e:
            raise _fail(e) from None
        marks = document_marks(store, doc_id) if annotate or as_json else []
    if as_json:
        record = {**asdict(doc), "marks": [asdict(m) if hasattr(m, "__dataclass_fields__") else m for m in marks]}
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        return
    out.print(render.annotated_view(doc, marks) if annotate else render.document_view(doc))


ACTOR_LIST_FIELDS = ("actor_id", "name", "kind", "country", "sector", "aliases", "affiliations", "country_evidence",
                     "sector_evidence", "mentions")


@actors_app.command("list")
def actors_list(
    db: DbOption = Path(DEFAULT_DB),
    name: Annotated[str | None, typer.Option("--name", help="Only actors a spelling matches (any word of a name or alias, e.g. 'Yousuf' for Yousaf).")] = None,
    country: Annotated[str | None, typer.Option(help="Only actors of this country code (PAK, USA, NATO, ...).")] = None,
    sector: Annotated[str | None, typer.Option(help="Only actors of this sector code (MIL, GOV, ...).")] = None,
    kind: Annotated[str | None, typer.Option(help="person, organisation, state, group or role.")] = None,
    limit: LimitOption = query.DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Canonical actors, most mentioned first (best match first with --name)."""
    with _open(db, read_only=True) as store:
        page = _query(query.actors, store, text=name, country=country, sector=sector, kind=kind, limit=limit,
                      offset=offset)
    rows = [{f: getattr(a, f) for f in ACTOR_LIST_FIELDS} for a in page.items]
    if not _emit(rows, ACTOR_LIST_FIELDS, as_json=as_json, as_csv=as_csv):
        out.print(render.actor_items_table(page))


@actors_app.command("show")
def actors_show(actor_id: Annotated[str, typer.Argument(help="Actor id (see `actors list`).")], db: DbOption = Path(DEFAULT_DB),
                as_json: Annotated[bool, typer.Option("--json", help="The actor and its mentions (each with its context) as one JSON object.")] = False) -> None:
    """One actor: canonical name, aliases, country and sector with their evidence, every mention in context."""
    with _open(db, read_only=True) as store:
        row = next((r for r in actor_rows(store) if r["actor_id"] == actor_id), None)
        if row is None:
            raise _fail(StoreError(Errors.E204.format(actor_id=actor_id)))
        texts = {m["doc_id"]: store.get_document(m["doc_id"]).text for m in row["mentions"]}
    contexts = [(m["doc_id"], _context(texts[m["doc_id"]], m["start"], m["end"])) for m in row["mentions"]]
    if as_json:
        mentions = [{**m, "context": text} for m, (_, text) in zip(row["mentions"], contexts, strict=True)]
        sys.stdout.write(json.dumps({**row, "mentions": mentions}, ensure_ascii=False, default=str) + "\n")
        return
    out.print(render.actor_view(row, contexts))


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


FormatOption = Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Output file (default: standard output).")]


def _export(rows_of, fields: tuple[str, ...], *, fmt: str, output: Path | None, db: Path, what: str,
            bom: bool = False) -> None:
    """Write the rows ``rows_of(store)`` gives in ``fmt``; a bad format fails before the database is opened."""
    from storyline.export import FORMATS

    if fmt not in FORMATS:
        raise _fail(StorylineError(Errors.E301.format(fmt=fmt)))
    with _open(db, read_only=True) as store:
        try:
            count = write_rows(rows_of(store), fmt=fmt, out=output or sys.stdout, fields=fields, bom=bom)
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
            _detach_stdout()
            raise typer.Exit(0) from None
        except StorylineError as e:
            if not output:
                _detach_stdout()
            raise _fail(e) from None
    if output:
        err.print(f"{count} {what} written to {output}", markup=False)


@export_app.command("documents")
def export_documents(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export documents with their segments and comments."""
    from storyline.export.documents import DOCUMENT_FIELDS

    _export(document_rows, DOCUMENT_FIELDS, fmt=fmt, output=output, db=db, what="documents")


ACTOR_FIELDS = ("actor_id", "name", "kind", "aliases", "country", "sector", "affiliations", "country_evidence",
                "sector_evidence", "mentions")
TIME_FIELDS = ("doc_id", "text", "start", "end", "value", "precision", "kind")
PLACE_FIELDS = ("doc_id", "text", "start", "end", "name", "country", "region", "lat", "lon", "precision", "geonames_id",
                "dateline")


@export_app.command("actors")
def export_actors(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export canonical actors with aliases, country, sector, evidence and mentions."""
    _export(actor_rows, ACTOR_FIELDS, fmt=fmt, output=output, db=db, what="actors")


@export_app.command("times")
def export_times(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export time expressions with their normalised values."""
    _export(time_rows, TIME_FIELDS, fmt=fmt, output=output, db=db, what="time expressions")


@export_app.command("places")
def export_places(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export place mentions resolved in the gazetteer."""
    _export(place_rows, PLACE_FIELDS, fmt=fmt, output=output, db=db, what="place mentions")


EVENT_FIELDS = ("event_id", "doc_id", "story_id", "type", "mode", "contexts", "actors", "recipients", "date",
                "date_precision", "inferred_date", "location", "negated", "hypothetical", "modality", "evidence", "evidence_spans", "trigger", "quote", "confidence",
                "cameo", "quad_class", "goldstein")
EVENT_LIST_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("story_id", "inferred_date"))
STORY_FIELDS = ("story_id", "type", "actors", "recipients", "date", "date_precision", "date_source", "location", "pages",
                "sources", "first_seen", "last_seen", "quad_class", "goldstein", "canonical_event_id", "reports",
                "disagreements")


def _event_rows_with_stories(store: Store) -> list[dict]:
    stories = story_ids_by_event(store)
    inferred = inferred_dates_by_event(store)
    return [{**row, "story_id": stories.get(row["event_id"]), "inferred_date": inferred.get(row["event_id"])}
            for row in event_rows(store)]


@export_app.command("events")
def export_events(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export coded events with sides, date, place, modality, evidence, quote, story and CAMEO-style columns."""
    _export(_event_rows_with_stories, EVENT_FIELDS, fmt=fmt, output=output, db=db, what="events")


@export_app.command("stories")
def export_stories(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export story events with their reports, sources and disagreements."""
    _export(story_rows, STORY_FIELDS, fmt=fmt, output=output, db=db, what="story events")


SinceOption = Annotated[str | None, typer.Option(help="From this ISO date or prefix (2012, 2012-03), inclusive.")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this ISO date or prefix, inclusive.")]


def _bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    try:
        return query.check_bound(since, option="--since"), query.check_bound(until, option="--until")
    except StorylineError as e:
        raise _fail(e) from None


JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line instead of a table.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV with a header row instead of a table.")]
LimitOption = Annotated[int, typer.Option("--limit", help=f"Show at most this many (1-{query.MAX_LIMIT}).")]
OffsetOption = Annotated[int, typer.Option("--offset", help="Skip this many first.")]
ActorsOption = Annotated[list[str] | None, typer.Option(
    "--actor", help="Country/organisation code, actor id or actor name (repeat for a pair).")]


def _emit(rows: list[dict], fields: tuple[str, ...], *, as_json: bool, as_csv: bool) -> bool:
    """Write ``rows`` as JSON lines or CSV when asked; says whether it did."""
    if not (as_json or as_csv):
        return False
    try:
        write_rows(rows, fmt="csv" if as_csv else "jsonl", out=sys.stdout, fields=fields)
    except BrokenPipeError:
        _detach_stdout()
    return True


def _query(fn, *args, **kwargs):  # noqa: ANN001, ANN202 - any query function
    try:
        return fn(*args, **kwargs)
    except StorylineError as e:
        raise _fail(e) from None


STORY_LIST_FIELDS = ("story_id", "when", "date_source", "type", "quad_class", "goldstein", "actors", "recipients",
                     "place", "evidence", "pages", "sources", "outlets", "urls", "disputed")


def _story_list_row(item: query.StoryItem) -> dict:
    return {"story_id": item.story_id, "when": item.when, "date_source": item.date_source, "type": item.type,
            "quad_class": item.quad_class, "goldstein": item.goldstein,
            "actors": "; ".join(p.name or p.actor_id or "?" for p in item.actors),
            "recipients": "; ".join(p.name or p.actor_id or "?" for p in item.recipients),
            "place": item.place.text if item.place else None, "evidence": item.evidence, "pages": item.pages,
            "sources": item.sources, "outlets": "; ".join(dict.fromkeys(r.outlet or r.doc_id for r in item.reports)),
            "urls": "; ".join(dict.fromkeys(r.url for r in item.reports if r.url)),
            "disputed": ", ".join(item.disputed)}


@stories_app.command("list")
def stories_list(
    db: DbOption = Path(DEFAULT_DB),
    actor: ActorsOption = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only this PLOVER type (repeatable).")] = None,
    quad_class: Annotated[list[int] | None, typer.Option("--quad-class", help="Only this quad class, 1-4 (repeatable).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_sources: Annotated[int, typer.Option("--min-sources", help="Only stories told by at least this many independent sources.")] = 1,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="Only stories reported by this page (repeatable).")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Only stories with these words in an evidence sentence, a side's name or the place.")] = None,
    limit: LimitOption = query.DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Story events in date order (undated ones last, left out when --since/--until is given), with their
    number of pages and independent sources."""
    since, until = _bounds(since, until)
    q = query.StoryQuery(actors=tuple(actor or ()), types=tuple(type_ or ()), quad_classes=tuple(quad_class or ()),
                         since=since, until=until, min_sources=min_sources, doc_ids=tuple(doc or ()), text=text,
                         limit=limit, offset=offset)
    with _open(db, read_only=True) as store:
        page = _query(query.stories, store, q)
    if not _emit([_story_list_row(i) for i in page.items], STORY_LIST_FIELDS, as_json=as_json, as_csv=as_csv):
        out.print(render.story_items_table(page))


@stories_app.command("show")
def stories_show(story_id: Annotated[str, typer.Argument(help="Story id (see `stories list`).")], db: DbOption = Path(DEFAULT_DB),
                 as_json: Annotated[bool, typer.Option("--json", help="The story as one JSON object.")] = False) -> None:
    """One story event: canonical fields, every report with its page and evidence, and the disagreements."""
    from dataclasses import asdict

    from storyline.store.events import load_events_by_id

    with _open(db, read_only=True) as store:
        if as_json:
            item = _query(query.story, store, story_id)
            sys.stdout.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
            return
        story = story_detail(store, story_id)
        if story is None:
            raise _fail(StoreError(Errors.E205.format(story_id=story_id)))
        events = {e.event_id: e for e in load_events_by_id(store, [r.event_id for r in story.reports])}
    out.print(render.story_view(story, events))


TIMELINE_FIELDS = STORY_LIST_FIELDS
SERIES_FIELDS = ("period", "events", "cooperation", "conflict", "goldstein_sum", "goldstein_mean", "quad_counts")


@app.command("timeline")
def timeline_cmd(
    actor: Annotated[list[str], typer.Option("--actor", help="Country/organisation code, actor id or name; give two for a pair.")],
    db: DbOption = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    period: Annotated[str, typer.Option(help="Cooperation/conflict series by 'month' or 'week'.")] = "month",
    limit: LimitOption = query.DEFAULT_LIMIT,
    offset: OffsetOption = 0,
    series: Annotated[bool, typer.Option("--series", help="With --json or --csv: the cooperation/conflict series instead of the stories.")] = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """A chronological timeline of story events for an actor or an actor pair (undated ones listed apart),
    and its cooperation/conflict series."""
    if period not in ("month", "week"):
        raise _fail(StorylineError(Errors.E303.format(period=period)))
    since, until = _bounds(since, until)
    with _open(db, read_only=True) as store:
        line = _query(query.timeline, store, query.StoryQuery(actors=tuple(actor), since=since, until=until,
                                                              limit=limit, offset=offset), period=period)
    if series:
        rows = [{f: getattr(p, f) for f in SERIES_FIELDS} for p in line.series]
        if _emit(rows, SERIES_FIELDS, as_json=as_json, as_csv=as_csv):
            return
    rows = [_story_list_row(i) for i in (*line.entries, *line.undated)]
    if not _emit(rows, TIMELINE_FIELDS, as_json=as_json, as_csv=as_csv):
        out.print(render.timeline_items_view(line))


@events_app.command("list")
def events_list(
    db: DbOption = Path(DEFAULT_DB),
    type_: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type (CONSULT, ASSAULT, ...).")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only events with a side of this country/organisation code or actor id.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events dated on or after this ISO date (undated events are left out).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Also negated and hypothetical events.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Show at most this many.")] = None,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Coded events as a readable table, in date order."""
    from storyline.store.events import event_row

    since, _ = _bounds(since, None)
    with _open(db, read_only=True) as store:
        chosen = _query(query.events, store, types=[type_] if type_ else [], actor=actor, since=since,
                        include_all=all_, limit=limit)
    if not _emit([event_row(e) for e in chosen], EVENT_LIST_FIELDS, as_json=as_json, as_csv=as_csv):
        out.print(render.events_table(chosen))


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option("--gold", help="Gold events file (the ../shared/gold format).")],
    pages: Annotated[list[Path], typer.Option("--pages", help="Pages to read: a folder, files or a JSONL file (repeatable).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    n_process: NProcessOption = available_cores(),
    split: Annotated[Path | None, typer.Option("--split", help="Split file (name → page ids, e.g. ../shared/gold/dev/split.json): also score each half.")] = None,
) -> None:
    """Ingest the pages into a temporary database, read them and score their events against the gold."""
    from storyline.eval.events import format_report
    from storyline.eval.pipeline_events import evaluate_pipeline_halves, read_split
    from storyline.eval.stories import format_score

    for path in (gold, *pages, *([split] if split else [])):
        if not path.exists():
            raise _fail(StorylineError(f"{path}: {Errors.E101}"))
    try:
        halves = read_split(split) if split else None
    except (ValueError, OSError) as e:
        raise _fail(StorylineError(f"{split}: cannot read the split: {e}")) from None
    try:
        results = evaluate_pipeline_halves(gold, pages, halves=halves, n_process=n_process)
    except (StorylineError, ValueError, KeyError) as e:
        raise _fail(StorylineError(f"{gold}: cannot score: {e}")) from None
    report, stories = results["all"]
    if as_json:
        body = {**report.to_json(), "stories": stories.to_json()}
        if halves:
            body["halves"] = {name: {**r.to_json(), "stories": s.to_json()} for name, (r, s) in results.items() if name != "all"}
        print(json.dumps(body, indent=1))
        return
    out.print(format_report(report), markup=False)
    out.print(format_score(stories), markup=False)
    for name, (half, half_stories) in results.items():
        if name != "all":
            out.print(f"\n== {name} half", markup=False)
            out.print(format_report(half).splitlines()[0], markup=False)
            out.print(format_report(half).splitlines()[1], markup=False)
            out.print(format_score(half_stories), markup=False)


@comments_app.command("list")
def comments_list(
    db: DbOption = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option("--actor", help="Only comments naming this actor (id, or country/organisation code).")] = None,
    story: Annotated[str | None, typer.Option("--story", help="Only comments naming an event of this story event, or on a page of this page story.")] = None,
    stance: Annotated[str | None, typer.Option("--stance", help="Only comments with a target (with --actor: that actor) of this stance: supportive, critical or neutral.")] = None,
    min_toxicity: Annotated[float | None, typer.Option("--min-toxicity", help="Only comments whose toxicity is at least this (0-1).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line instead of a table.")] = False,
    as_csv: CsvOption = False,
) -> None:
    """Comments with their language, toxicity, constructiveness, spam mark, targets and events."""
    from storyline.comments.query import COMMENT_FIELDS

    with _open(db, read_only=True) as store:
        try:
            rows = list_comments(store, actor=actor, story=story, stance=stance, min_toxicity=min_toxicity)
        except StorylineError as e:
            raise _fail(e) from None
    if not _emit([export_row(r) for r in rows], COMMENT_FIELDS, as_json=as_json, as_csv=as_csv):
        out.print(render.comments_table(rows))


@comments_app.command("show")
def comments_show(doc_id: Annotated[str, typer.Argument(help="Document id.")], db: DbOption = Path(DEFAULT_DB),
                  as_json: Annotated[bool, typer.Option("--json", help="One JSON object per comment, in thread order.")] = False) -> None:
    """One page's comment thread, indented by depth, with what was found in each comment."""
    from storyline.comments.query import COMMENT_FIELDS

    with _open(db, read_only=True) as store:
        try:
            doc = store.get_document(doc_id)
        except StorylineError as e:
            raise _fail(e) from None
        rows = list_comments(store, doc_id=doc_id)
    if not _emit([export_row(r) for r in rows], COMMENT_FIELDS, as_json=as_json, as_csv=False):
        out.print(render.comment_thread_view(doc, rows))


@comments_app.command("stats")
def comments_stats(
    db: DbOption = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option("--by", help="'actor' (comments naming it, stance toward it) or 'story' (comments on its pages or naming its events).")] = "actor",
    period: Annotated[str, typer.Option("--period", help="'month', 'week' or 'all'.")] = "month",
    include_spam: Annotated[bool, typer.Option("--include-spam", help="Count spam in the figures too.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line instead of a table.")] = False,
    as_csv: CsvOption = False,
) -> None:
    """Aggregates per actor or per story over time: comments, stance counts and shares, toxicity, spam."""
    if by not in ("actor", "story"):
        raise _fail(StorylineError(Errors.E308.format(by=by)))
    if period not in ("month", "week", "all"):
        raise _fail(StorylineError(Errors.E303.format(period=period)))
    with _open(db, read_only=True) as store:
        rows = aggregates(store, by=by, period=period, include_spam=include_spam)  # type: ignore[arg-type]
    records = [a.to_json() for a in rows]
    fields = tuple(records[0]) if records else ("key",)
    if not _emit(records, fields, as_json=as_json, as_csv=as_csv):
        out.print(render.comment_aggregates_table(rows, by=by))


@export_app.command("comments")
def export_comments(fmt: FormatOption = "jsonl", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Export comments with language, toxicity, constructiveness, spam, reposts, targets (with stance) and events."""
    from storyline.comments.query import COMMENT_FIELDS

    _export(export_rows, COMMENT_FIELDS, fmt=fmt, output=output, db=db, what="comments")


# -- storyline serve: the web app and its JSON API ------------------------------------------------


@app.command("serve")
def serve_cmd(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (only this machine by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    lock_wait: Annotated[float, typer.Option("--lock-wait", help="Seconds a request waits while another process (an ingest) writes the store.")] = 10.0,
) -> None:
    """Serve the store as a read-only web app (timeline, stories, pages, actors, map) with a JSON API under /api."""
    import uvicorn

    from storyline.web.app import Settings, create_app

    with _open(db, read_only=True):  # fails here, with one line, on a missing or unreadable file
        pass
    err.print(f"serving {printable(db)} at http://{host}:{port}/timeline (read-only; Ctrl-C stops)", markup=False,
              soft_wrap=True)
    uvicorn.run(create_app(Settings(db=db, lock_wait=lock_wait)), host=host, port=port, log_level="warning")


# -- storyline export flat-events / flat-stories: flat rows for spreadsheets and peers ----------------

ExcelOption = Annotated[bool, typer.Option("--excel", help="CSV that Excel opens as UTF-8 (a byte-order mark first).")]


def _flat_export(kind: str, *, fmt: str, output: Path | None, db: Path, actor: str | None, types: list[str] | None,
                 since: str | None, until: str | None, excel: bool) -> None:
    from storyline.export.flat import FLAT_EVENT_FIELDS, FLAT_STORY_FIELDS, flat_event_rows, flat_story_rows

    since, until = _bounds(since, until)
    rows_of, fields = (flat_event_rows, FLAT_EVENT_FIELDS) if kind == "events" else (flat_story_rows, FLAT_STORY_FIELDS)

    def rows(store: Store):  # noqa: ANN202 - an iterator of rows
        return rows_of(store, actor=actor, types=types or (), since=since, until=until)

    _export(rows, fields, fmt=fmt, output=output, db=db, what="rows", bom=excel)


FlatActorOption = Annotated[str | None, typer.Option("--actor", help="Only rows with this actor on a side (code, actor id or name).")]
FlatTypeOption = Annotated[list[str] | None, typer.Option("--type", help="Only this PLOVER type (repeatable).")]


@export_app.command("flat-events")
def export_flat_events(fmt: FormatOption = "csv", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB),
                       actor: FlatActorOption = None, type_: FlatTypeOption = None, since: SinceOption = None,
                       until: UntilOption = None, excel: ExcelOption = False) -> None:
    """One flat row per factual event (GDELT/POLECAT-style columns), for spreadsheets and other tools."""
    _flat_export("events", fmt=fmt, output=output, db=db, actor=actor, types=type_, since=since, until=until,
                 excel=excel)


@export_app.command("flat-stories")
def export_flat_stories(fmt: FormatOption = "csv", output: OutputOption = None, db: DbOption = Path(DEFAULT_DB),
                        actor: FlatActorOption = None, type_: FlatTypeOption = None, since: SinceOption = None,
                        until: UntilOption = None, excel: ExcelOption = False) -> None:
    """One flat row per story event (GDELT/POLECAT-style columns), for spreadsheets and other tools."""
    _flat_export("stories", fmt=fmt, output=output, db=db, actor=actor, types=type_, since=since, until=until,
                 excel=excel)


# `storyline fetch` and `storyline watch` live in their own module; importing it registers them on `app`.
from storyline.cli import live as _live  # noqa: E402,F401
