"""``storyline`` command line. Every command calls the Python API; nothing here holds logic."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.cli import render
from storyline.demo import corpus_dir
from storyline.errors import Errors, StoreError, StorylineError
from storyline.export import FORMATS, document_rows, write_rows
from storyline.export.documents import DOCUMENT_FIELDS
from storyline.ingest.discover import expand_paths
from storyline.pipeline import IngestReport, ingest
from storyline.store import DEFAULT_DB, Store

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Storyline: news pages in, a sourced timeline of events out.")
docs_app = typer.Typer(no_args_is_help=True, help="Look at stored documents.")
export_app = typer.Typer(no_args_is_help=True, help="Export stored records as JSONL, CSV or Parquet.")
app.add_typer(docs_app, name="docs")
app.add_typer(export_app, name="export")

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB database file.", envvar="STORYLINE_DB")]
DEMO_DB = "storyline-demo.duckdb"

out = render.console()
err = render.console(stderr=True)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what the pipeline does.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")


def _fail(e: StorylineError) -> typer.Exit:
    err.print(f"error: {e}", markup=False)
    return typer.Exit(1)


def _open(db: Path, *, create: bool = False) -> Store:
    """Open the database; commands that only read refuse a file that does not exist."""
    try:
        if not create and not db.exists():
            raise StoreError(Errors.E201.format(path=db, detail="no such file"))
        return Store(db)
    except StorylineError as e:
        raise _fail(e) from None


def _run_ingest(paths: list[str], *, store: Store, workers: int, quiet: bool) -> IngestReport:
    total = sum(1 for p in expand_paths(paths) if isinstance(p, Path))
    columns = (TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.fields[name]}"))
    with Progress(*columns, console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("ingest", total=total or None, name="")

        def advance(path: Path) -> None:
            progress.update(task, advance=1, name=path.name)

        return ingest(paths, store=store, workers=workers, on_file=advance)


def _print_errors(report: IngestReport) -> None:
    for e in report.errors:
        err.print(f"error: {e}", markup=False)


@app.command("ingest")
def ingest_cmd(
    paths: Annotated[list[str], typer.Argument(help="Files or directories: .txt .html .htm .warc .warc.gz .jsonl")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[int, typer.Option(help="Processes for segmentation.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest pages: segment them and store them. Re-running never duplicates anything."""
    with _open(db, create=True) as store:
        report = _run_ingest(paths, store=store, workers=workers, quiet=quiet)
    _print_errors(report)
    out.print(render.report_text(report), markup=False)
    if not report.ok:
        raise typer.Exit(1)


@app.command("demo")
def demo_cmd(db: DbOption = Path(DEMO_DB)) -> None:
    """Ingest the bundled sample corpus into a fresh database and show what was found."""
    for suffix in ("", ".wal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with _open(db, create=True) as store:
        report = _run_ingest([str(corpus_dir())], store=store, workers=1, quiet=True)
        _print_errors(report)
        out.print(render.documents_table(store.list_documents()))
        for doc in store.iter_documents():
            if doc.comments:
                out.print(render.document_view(doc))
                break
    out.print(render.report_text(report), markup=False)
    out.print(f"database: {db}  (try: storyline docs list --db {db})", markup=False)
    if not report.ok:
        raise typer.Exit(1)


@docs_app.command("list")
def docs_list(db: DbOption = Path(DEFAULT_DB)) -> None:
    """List stored documents (latest version of each)."""
    with _open(db) as store:
        out.print(render.documents_table(store.list_documents()))


@docs_app.command("show")
def docs_show(
    doc_id: Annotated[str, typer.Argument(help="Document id.")],
    db: DbOption = Path(DEFAULT_DB),
    version: Annotated[int | None, typer.Option(help="A stored version (default: the latest).")] = None,
) -> None:
    """Show a document as segmented: headline, date, body, comment threads."""
    with _open(db) as store:
        try:
            doc = store.get_document(doc_id, version=version)
        except StorylineError as e:
            raise _fail(e) from None
    out.print(render.document_view(doc))


@export_app.command("documents")
def export_documents(
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output file (default: standard output).")] = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export documents with their segments and comments."""
    if fmt not in FORMATS:
        raise _fail(StorylineError(Errors.E301.format(fmt=fmt)))
    with _open(db) as store:
        try:
            count = write_rows(document_rows(store), fmt=fmt, out=output or sys.stdout, fields=DOCUMENT_FIELDS)
        except StorylineError as e:
            raise _fail(e) from None
    if output:
        err.print(f"{count} documents written to {output}", markup=False)
