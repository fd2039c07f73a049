"""The import log: every `newsctl import` run recorded, and the files already read.

A cron job imports the same folder every ten minutes; the log lets a person see what
last night's runs did (`newsctl imports`), and lets a run skip the files it already
read to the end and that have not changed since (same path, size, modification time
and content): re-reading them would only re-report the same bad records. Tables:
schema m007. No Typer, no Rich.
"""

import hashlib
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from newsctl.models import ImportRun

if TYPE_CHECKING:
    from newsctl.archive import Archive

# Rejected records kept in a run's log entry (the rejects file has them all).
MAX_LOGGED_REJECTS = 50


@dataclass(frozen=True)
class FileIdentity:
    """A file as read: absolute path, size (bytes), modification time (ns), sha256 (hex)."""

    path: str
    size: int
    mtime_ns: int
    sha256: str


def identify(path: str) -> FileIdentity | None:
    """The identity of a file now (its content hashed in 1 MB reads); None if unreadable."""
    try:
        status = os.stat(path)
        digest = hashlib.sha256()
        with open(path, "rb") as stream:
            while chunk := stream.read(2**20):
                digest.update(chunk)
    except OSError:
        return None
    return FileIdentity(
        os.path.abspath(path), status.st_size, status.st_mtime_ns, digest.hexdigest()
    )


def unchanged(db: Database, file: FileIdentity) -> bool:
    """Whether this file was read to the end by an earlier import and has not changed."""
    return bool(
        db.execute(
            "SELECT 1 FROM imported_files WHERE path = ? AND size = ? AND mtime_ns = ? "
            "AND sha256 = ?",
            [file.path, file.size, file.mtime_ns, file.sha256],
        ).fetchone()
    )


def remember(db: Database, files: list[FileIdentity], *, run_id: int | None, now: str) -> None:
    """Record files read to the end (inside the write transaction that stored their records)."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO imported_files (path, size, mtime_ns, sha256, imported_at, "
        "run_id) VALUES (?, ?, ?, ?, ?, ?)",
        [(f.path, f.size, f.mtime_ns, f.sha256, now, run_id) for f in files],
    )


def start_run(archive: "Archive", inputs: list[str], *, now: str) -> int:
    """Open a run's log entry; returns its id."""
    with archive.write():
        cursor = archive.db.execute(
            "INSERT INTO import_runs (started_at, inputs) VALUES (?, ?)",
            [now, json.dumps(inputs, ensure_ascii=False)],
        )
        return cursor.lastrowid


def finish_run(
    archive: "Archive", run_id: int, summary: Any, exit_status: int, *, now: str
) -> None:
    """Close a run's log entry with its counts, first rejects and warnings, and exit status."""
    rejects = [
        {"source": r.source, "location": r.location, "reason": r.message}
        for r in summary.rejects[:MAX_LOGGED_REJECTS]
    ]
    warnings = [
        {"source": w.source, "location": w.location, "message": w.message}
        for w in summary.warnings[:MAX_LOGGED_REJECTS]
    ]
    with archive.write():
        archive.db.execute(
            "UPDATE import_runs SET finished_at = ?, files = ?, unchanged_files = ?, counts = ?, "
            "rejects = ?, warnings = ?, exit_status = ? WHERE id = ?",
            [now, summary.files, summary.unchanged_files, json.dumps(summary.total.to_json()),
             json.dumps(rejects, ensure_ascii=False), json.dumps(warnings, ensure_ascii=False),
             exit_status, run_id],
        )  # fmt: skip


def recent_runs(archive: "Archive", limit: int = 20) -> list[ImportRun]:
    """The latest import runs, newest first."""
    rows = archive.db.execute(
        "SELECT id, started_at, finished_at, inputs, files, unchanged_files, counts, rejects, "
        "exit_status, warnings FROM import_runs ORDER BY id DESC LIMIT ?",
        [limit],
    ).fetchall()
    return [
        ImportRun(run_id, started, finished, tuple(json.loads(inputs)), files, unchanged_files,
                  json.loads(counts), tuple(json.loads(rejects)), status,
                  tuple(json.loads(warnings)))
        for (run_id, started, finished, inputs, files, unchanged_files, counts, rejects, status,
             warnings) in rows
    ]  # fmt: skip
