"""Bulk data in and out: import (files, folders, stdin, for cron) and export."""

import contextlib
import os
import signal
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.app import (
    AuthorOption,
    CategoryOption,
    CreditOption,
    JsonOption,
    SinceOption,
    TagOption,
    UntilOption,
    app,
    article_filter,
    open_archive_for,
    parse_date_option,
)
from newsctl.errors import ExitCode, NewsctlError, UsageError
from newsctl.parsers import FORMATS, require_format

# Reject lines printed before newsctl only counts them (the --rejects file gets them all).
MAX_REJECT_LINES = 50


class _StopRequest:
    """SIGINT/SIGTERM handler: the first asks the import to stop after its current batch,
    a second one stops at once (the unfinished batch is rolled back)."""

    def __init__(self) -> None:
        self.signal_number: int | None = None

    def __call__(self, signal_number: int, frame: object) -> None:
        if self.signal_number is not None:
            raise KeyboardInterrupt
        self.signal_number = signal_number

    def poll(self) -> int | None:
        return self.signal_number


@contextmanager
def _graceful_signals():
    stop = _StopRequest()
    signals = (signal.SIGINT, signal.SIGTERM)
    try:
        previous = {number: signal.signal(number, stop) for number in signals}
    except ValueError:  # not the main thread: leave signal handling alone
        yield stop
        return
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _find_inputs(paths: list[str]) -> list:
    """Files, folders and stdin as importer.find_inputs finds them, and urls, fetched when
    the import reaches them (newsctl.fetch: imported only when a url is given)."""
    from newsctl.importer import find_inputs

    found: list = []
    for path in paths:
        if "://" in path and not Path(path).exists():
            from newsctl.fetch.documents import WebInput
            from newsctl.fetch.http import require_web_url

            found.append(WebInput(require_web_url(path)))
        else:
            found.extend(find_inputs([path]))
    return found


@app.command("import")
def import_articles(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursively) and http(s) urls to import; '-' reads stdin."
        ),
    ],
    input_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help=f"Read every input as this format: {', '.join(FORMATS)}."
        ),
    ] = None,
    no_update: Annotated[
        bool,
        typer.Option("--no-update", help="Keep stored articles even when they come back changed."),
    ] = False,
    no_recent: Annotated[
        bool,
        typer.Option("--no-recent", help="Skip the teasers of saved pages' Recent Posts blocks."),
    ] = False,
    saved_at: Annotated[
        str | None,
        typer.Option(
            "--saved-at",
            help="When the pages were saved (default: each file's time); dates teasers.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Stop at the first bad record and store nothing at all "
            "(one transaction: other writers wait until it ends).",
        ),
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            "--rejects",
            help="Add bad records, with the reason and the run's time, to this JSONL file.",
            dir_okay=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Report what would happen; write nothing (other writers wait until it ends).",
        ),
    ] = False,
    batch_size: Annotated[
        int | None,
        typer.Option(
            "--batch-size",
            min=1,
            # Escaped: Rich would read "[default: ...]" as markup and print nothing.
            help="Records per transaction \\[default: 1000].",
            show_default=False,
        ),
    ] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again", help="Read files again even if an earlier import read them unchanged."
        ),
    ] = False,
    restore_deleted: Annotated[
        bool,
        typer.Option(
            "--restore-deleted",
            help="Bring back articles you deleted (else they are skipped; see trash).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the summary as one JSON object.")
    ] = False,
) -> None:
    """Import articles from files, folders, urls or standard input; safe to re-run (cron).

    Formats: saved pages (.txt), JSON, JSON Lines, CSV, HTML pages, RSS/Atom feeds,
    detected per file (per url: from the content, else its Content-Type). Articles
    already stored are left alone or updated, never duplicated. Exit status: 0 all
    imported, 1 some records rejected (the rest stored), 2 usage error, 130/143
    interrupted (finished batches are kept).

    Examples:

      newsctl import ~/scraped/ --rejects ~/scraped/rejects.jsonl

      newsctl import https://example.com/feed.xml https://example.com/story.html
    """
    import dataclasses

    from newsctl import import_log, render
    from newsctl.dates import format_timestamp, now_utc
    from newsctl.importer import BATCH_SIZE, Importer, ImportOptions, RejectsFile

    require_format(input_format)
    saved_moment = None
    if saved_at is not None:
        from newsctl.dates import parse_timestamp

        saved_moment = parse_timestamp(parse_date_option(saved_at, "--saved-at"))
    inputs = _find_inputs(paths)
    if rejects is not None:  # a rejects file kept inside an imported folder is not an input
        inputs = [
            path
            for path in inputs
            if not isinstance(path, str) or path == "-" or Path(path).resolve() != rejects.resolve()
        ]
    options = ImportOptions(
        fmt=input_format,
        update=not no_update,
        recent=not no_recent,
        saved_at=saved_moment,
        strict=strict,
        dry_run=dry_run,
        batch_size=batch_size or BATCH_SIZE,
        restore_deleted=restore_deleted,
        again=again,
    )
    rejects_file = None
    rejects_writer = None
    printed = 0

    def report(problem) -> None:
        nonlocal printed
        if rejects_writer:
            rejects_writer.write(problem)
        printed += 1
        if strict:
            return  # the abort message names this record
        if printed <= MAX_REJECT_LINES:
            render.error(f"rejected {problem}")
        elif printed == MAX_REJECT_LINES + 1:
            render.error("more records were rejected; not listing them (see --rejects FILE)")

    merges = 0
    warned = 0

    def report_warning(warning) -> None:
        nonlocal warned
        warned += 1
        if not (quiet or json_output) and warned <= MAX_REJECT_LINES:
            render.warning(str(warning))

    def report_merge(merged: int, kept: int) -> None:
        nonlocal merges
        merges += 1
        if not (quiet or json_output) and merges <= MAX_REJECT_LINES:
            render.merge_notice(merged, kept)

    show_progress = not (quiet or json_output) and render.err_console.is_terminal
    try:
        with open_archive_for(ctx) as archive:
            # Opened only once the archive is: a run that cannot use the archive leaves the
            # rejects file as it was. Appended to: a cron job's runs all add to it.
            try:
                rejects_file = rejects.open("a", encoding="utf-8") if rejects else None
            except OSError as problem:
                raise UsageError(f"--rejects: cannot write {rejects}: {problem.strerror}") from None
            started = format_timestamp(now_utc())
            rejects_writer = RejectsFile(rejects_file, started) if rejects_file else None
            run_id = None
            if not dry_run:
                run_id = import_log.start_run(archive, paths, now=started)
                options = dataclasses.replace(options, run_id=run_id)
            with (
                _graceful_signals() as stop,
                render.import_progress(inputs, enabled=show_progress) as progress,
            ):
                importer = Importer(
                    archive,
                    options,
                    progress=progress,
                    on_reject=report,
                    on_merge=report_merge,
                    on_warning=report_warning,
                    should_stop=stop.poll,
                )
                try:
                    summary = importer.run(inputs)
                finally:
                    # An archive that failed the import (disk full) may fail its log too:
                    # the import's own error is the one to report.
                    if run_id is not None:
                        with contextlib.suppress(NewsctlError):
                            import_log.finish_run(
                                archive,
                                run_id,
                                importer.summary,
                                _exit_status(importer.summary),
                                now=format_timestamp(now_utc()),
                            )
    finally:
        if rejects_file:
            rejects_file.close()

    if json_output:
        render.print_json(summary.to_json())
    elif not quiet:
        render.console.print(render.import_summary(summary))
    if summary.stopped_by is not None:
        name = signal.Signals(summary.stopped_by).name
        if summary.rolled_back:
            render.error(f"interrupted by {name}: --strict stores all or nothing; nothing stored")
        elif dry_run:
            render.error(f"interrupted by {name}: dry run, nothing was written")
        else:
            render.error(
                f"interrupted by {name}: finished batches are stored; run the import again "
                "to finish"
            )
        raise typer.Exit(128 + summary.stopped_by)
    if summary.total.rejected:
        raise typer.Exit(ExitCode.REJECTED)


def _exit_status(summary) -> int:
    """The exit status an import's summary means (see import --help)."""
    if summary.stopped_by is not None:
        return 128 + summary.stopped_by
    return ExitCode.REJECTED if summary.total.rejected else ExitCode.OK


@app.command("imports")
def list_imports(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")
    ] = 20,
    json_output: JsonOption = False,
) -> None:
    """What recent imports did (the import log): when, files read and skipped, counts, exit.

    Example: newsctl imports -n 5   (after a night of cron runs)
    """
    from newsctl import import_log, render

    with open_archive_for(ctx) as archive:
        runs = import_log.recent_runs(archive, limit)
    if json_output:
        render.print_json([run.to_json() for run in runs])
    elif not runs:
        render.notice("No imports yet.")
    else:
        render.print_table(render.imports_table(runs))


@app.command("export")
def export_articles(
    ctx: typer.Context,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, json, csv (every field; re-importable) or markdown "
            "\\[default: from the -o file's extension, else jsonl].",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    author: AuthorOption = None,
    credit: CreditOption = None,
    category: CategoryOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
) -> None:
    """Export articles, with every field, oldest first.

    Examples:

      newsctl export -o archive.jsonl

      newsctl export --format csv --category Science --since 30d > science.csv

    An export imports back with 'newsctl import' into the same articles, authors and tags.
    """
    from newsctl.exporter import EXPORT_FORMATS, format_for_file, write_export

    if output_format is not None and output_format not in EXPORT_FORMATS:
        raise UsageError(
            f"--format: unknown format {output_format!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    if output is not None:
        output_format = format_for_file(output, output_format)
    output_format = output_format or "jsonl"
    filters = article_filter(author, category, tag, since, until, credit=credit)
    with open_archive_for(ctx) as archive:
        articles = archive.iter_articles(filters, sort="added", reverse=True, with_body=True)
        if output is None:
            write_export(articles, output_format, sys.stdout)
            return
        # Written beside the target and renamed into place: a half-written export never
        # looks like a finished one.
        try:
            handle, temporary = tempfile.mkstemp(
                dir=output.parent or ".", prefix=f".{output.name}."
            )
        except OSError as problem:
            raise UsageError(
                f"--output: cannot write in {output.parent}: {problem.strerror}"
            ) from None
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                count = write_export(articles, output_format, stream)
            os.replace(temporary, output)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    from newsctl import render

    render.notice(f"Exported {count} articles to {output}")
