"""Looking after the archive: check (and repair) it, back it up."""

from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.app import JsonOption, app, open_archive_for
from newsctl.errors import ExitCode


@app.command()
def check(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Rebuild the search index if it is damaged.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Check the archive: SQLite's integrity check, the search index, and foreign keys.

    Exit status 0 when all is well, 1 when problems remain. Example: newsctl check --repair
    """
    from newsctl.maintenance import check_archive

    with open_archive_for(ctx) as archive:
        report = check_archive(archive, repair=repair)
    from newsctl import render

    if json_output:
        render.print_json(report.to_json())
    else:
        render.console.print(render.check_report(report))
    if not report.ok:
        raise typer.Exit(ExitCode.REJECTED)


@app.command()
def backup(
    ctx: typer.Context,
    destination: Annotated[Path, typer.Argument(help="File to write the copy to.", dir_okay=False)],
    force: Annotated[
        bool, typer.Option("--force", help="Replace DESTINATION if it exists.")
    ] = False,
) -> None:
    """Copy the archive to a file, safely, even while imports are running.

    The copy holds every article committed before it started. Example:
    newsctl backup ~/backups/news-$(date +%F).db
    """
    from newsctl.maintenance import backup_archive

    with open_archive_for(ctx) as archive:
        count = backup_archive(archive, destination, overwrite=force)
    from newsctl import render

    render.console.print(render.safe_line(f"Backed up {count} articles to {destination}"))
