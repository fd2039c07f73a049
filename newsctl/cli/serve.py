"""newsctl serve: browse and search the archive in Datasette (the optional "web" extra)."""

import importlib.util
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.app import app, open_archive_for
from newsctl.errors import ExitCode, UsageError


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port.")] = 8001,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the archive in your browser.")
    ] = False,
) -> None:
    """Browse and search the archive in Datasette, read-only, on this computer.

    Needs the web extra: pip install 'newsctl[web]'. Shows the articles (the news view)
    with a search box and facets on category, authors and tags, and canned queries for
    recent posts and an author's articles. Only 127.0.0.1 unless --host says otherwise.

    Example: newsctl serve --port 8001 --open
    """
    from newsctl import web

    if importlib.util.find_spec("datasette") is None:
        raise UsageError("newsctl serve needs Datasette: pip install 'newsctl[web]'")
    _check_port_free(host, port)
    with open_archive_for(ctx) as archive:  # migrates it, so the news view exists
        path = archive.path.resolve()
        tables = [row[0] for row in archive.db.execute("SELECT name FROM sqlite_master")]
        schemas = dict(archive.db.execute("SELECT name, sql FROM sqlite_master").fetchall())
    import json  # here, not at the top: every command would pay for it at start-up

    metadata = web.datasette_metadata(web.database_name(path), web.search_index(tables, schemas))
    with tempfile.TemporaryDirectory(prefix="newsctl-serve-") as folder:
        metadata_file = Path(folder) / "metadata.json"
        metadata_file.write_text(json.dumps(metadata), encoding="utf-8")
        command = [
            sys.executable, "-m", "datasette", "serve", str(path),
            "--metadata", str(metadata_file), "--host", host, "--port", str(port),
            "--setting", "truncate_cells_html", "300",
            "--setting", "facet_time_limit_ms", "500",
        ]  # fmt: skip
        if open_browser:
            command.append("--open")
        code = _run_until_stopped(command)
    if code in (-signal.SIGINT, 130):
        raise typer.Exit(ExitCode.INTERRUPTED)
    if code in (-signal.SIGTERM, 143):
        raise typer.Exit(ExitCode.TERMINATED)
    if code != 0:
        raise typer.Exit(ExitCode.ARCHIVE)


def _check_port_free(host: str, port: int) -> None:
    """One clear line when the port is taken, before Datasette prints a server's errors."""
    import socket  # here, not at the top: start-up

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as problem:
            raise UsageError(f"cannot listen on {host}:{port}: {problem.strerror}") from None


def _run_until_stopped(command: list[str]) -> int:
    """Run Datasette; Ctrl-C or SIGTERM to newsctl stops it too (no server left behind)."""
    child = subprocess.Popen(command)

    def forward(signal_number: int, frame: object) -> None:
        child.send_signal(signal_number)

    previous = {
        number: signal.signal(number, forward) for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        return child.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if child.poll() is None:
            child.terminate()
            child.wait(timeout=10)
