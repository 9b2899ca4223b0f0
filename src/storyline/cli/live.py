"""``storyline fetch`` and ``storyline watch``: thin commands over :mod:`storyline.live`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.cli.main import (
    DbOption,
    DictionaryOption,
    NProcessOption,
    _fail,
    _open,
    _read_text,
    _run_read,
    app,
    err,
    out,
)
from storyline.engines import available_cores
from storyline.errors import StorylineError, error_line
from storyline.live.settings import DEFAULT_EVERY, DEFAULT_MAX_PAGES, Politeness
from storyline.store import DEFAULT_DB

if TYPE_CHECKING:  # the client, fetcher and reader load only when a command runs
    from storyline.live.fetch import FetchReport
    from storyline.live.watch import CycleReport
    from storyline.pipeline import ReadReport

_DEFAULTS = Politeness()

DelayOption = Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between two requests to one host (robots.txt Crawl-delay may lengthen it).")]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds to connect and between two reads of a response.")]
RetriesOption = Annotated[int, typer.Option("--retries", min=0, help="More tries after a time-out, a refused connection, HTTP 429 or 5xx (back-off doubling from 2 s).")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1, help="The largest response body accepted, after decompression.")]
UserAgentOption = Annotated[str, typer.Option("--user-agent", help="User-Agent sent, and matched against robots.txt.")]
ReadOption = Annotated[bool, typer.Option("--read/--no-read", help="Also read the new pages (actors, times, places, events) and link them.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def _politeness(*, delay: float, timeout: float, retries: int, max_bytes: int, user_agent: str) -> Politeness:
    return Politeness(user_agent=user_agent, delay=delay, timeout=timeout, deadline=max(_DEFAULTS.deadline, timeout),
                      retries=retries, max_bytes=max_bytes)


def fetch_text(report: FetchReport) -> str:
    return (f"{len(report.added)} added, {len(report.new_versions)} new versions, {len(report.unchanged)} unchanged, "
            f"{len(report.not_modified)} not modified, {len(report.skipped)} fetched before, "
            f"{len(report.errors)} failed")


def cycle_text(report: CycleReport) -> str:
    return (f"cycle {report.number}: {report.feeds} feeds ({report.not_modified} not modified), {report.links} links, "
            f"{report.new_links} new, {report.deferred} left for the next cycle; pages: {fetch_text(report.pages)}")


def _print_errors(errors) -> None:
    for e in errors:
        err.print(error_line(e), markup=False, soft_wrap=True)


@app.command("fetch")
def fetch_cmd(
    urls: Annotated[list[str], typer.Argument(help="Page URLs (http:// or https://).")],
    db: DbOption = Path(DEFAULT_DB),
    refresh: Annotated[bool, typer.Option("--refresh", help="Fetch again URLs fetched before (conditional GET: unchanged pages answer 304).")] = False,
    read: ReadOption = True,
    n_process: NProcessOption = available_cores(),
    dictionary: DictionaryOption = None,
    delay: DelayOption = _DEFAULTS.delay,
    timeout: TimeoutOption = _DEFAULTS.timeout,
    retries: RetriesOption = _DEFAULTS.retries,
    max_bytes: MaxBytesOption = _DEFAULTS.max_bytes,
    user_agent: UserAgentOption = _DEFAULTS.user_agent,
    quiet: QuietOption = False,
) -> None:
    """Fetch pages from the web politely and store them with their URL and fetch time, then read them."""
    from storyline.live.fetch import fetch_pages
    from storyline.live.http import PoliteClient

    politeness = _politeness(delay=delay, timeout=timeout, retries=retries, max_bytes=max_bytes, user_agent=user_agent)
    with _open(db, create=True) as store, PoliteClient(politeness) as client:
        report = fetch_pages(urls, store=store, client=client, refresh=refresh)
        _print_errors(report.errors)
        out.print(fetch_text(report), markup=False)
        reading = _run_read(store, n_process=n_process, dictionary=dictionary, quiet=quiet) if read else None
        if reading is not None:
            out.print(_read_text(reading), markup=False)
    if not report.ok or (reading is not None and reading.errors):
        raise typer.Exit(1)


@app.command("watch")
def watch_cmd(
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed or sitemap URLs.")],
    db: DbOption = Path(DEFAULT_DB),
    every: Annotated[str, typer.Option("--every", help="Time from the start of one cycle to the next: 90s, 15m, 1h.")] = DEFAULT_EVERY,
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and stop.")] = False,
    max_pages: Annotated[int, typer.Option("--max-pages", min=1, help="New pages fetched per feed and cycle; the rest wait for the next cycle.")] = DEFAULT_MAX_PAGES,
    read: ReadOption = True,
    n_process: NProcessOption = available_cores(),
    dictionary: DictionaryOption = None,
    delay: DelayOption = _DEFAULTS.delay,
    timeout: TimeoutOption = _DEFAULTS.timeout,
    retries: RetriesOption = _DEFAULTS.retries,
    max_bytes: MaxBytesOption = _DEFAULTS.max_bytes,
    user_agent: UserAgentOption = _DEFAULTS.user_agent,
    quiet: QuietOption = False,
) -> None:
    """Watch feeds and sitemaps: fetch the pages they list that were never fetched, read them, repeat."""
    from storyline.live.http import PoliteClient
    from storyline.live.watch import parse_every, watch

    try:
        seconds = parse_every(every)
    except StorylineError as e:
        raise _fail(e) from None
    _open(db, create=True).close()  # a database that cannot be opened fails here, once
    politeness = _politeness(delay=delay, timeout=timeout, retries=retries, max_bytes=max_bytes, user_agent=user_agent)

    def reader(store) -> ReadReport:
        return _run_read(store, n_process=n_process, dictionary=dictionary, quiet=quiet)

    failed = False
    with PoliteClient(politeness) as client:
        try:
            for report in watch(feeds, db=db, client=client, every=seconds, cycles=1 if once else None,
                                max_pages=max_pages, reader=reader if read else None):
                _print_errors([*report.feed_errors, *report.pages.errors])
                out.print(cycle_text(report), markup=False)
                if report.reading is not None:
                    out.print(_read_text(report.reading), markup=False)
                failed = failed or not report.ok
        except StorylineError as e:
            raise _fail(e) from None
        except KeyboardInterrupt:
            err.print("interrupted: what was stored is kept; run the same command again to resume", markup=False)
            raise typer.Exit(130) from None
    if failed:
        raise typer.Exit(1)
