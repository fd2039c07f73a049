"""Looking after an archive: integrity checks, repairing the search index, online backups."""

import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newsctl.archive import Archive, storage_error
from newsctl.errors import ArchiveError, UsageError
from newsctl.schema import (
    BYLINE_OF,
    LONG_BODY,
    LONG_DISPLAY_COLUMNS,
    SEARCH_INDEX_TRIGGERS,
    fill_ngrams,
)

# Articles whose byline column (which the search index reads) differs from their authors.
_BYLINE = BYLINE_OF.format(id="articles.id")
_STALE_BYLINES = f"SELECT id FROM articles WHERE byline IS NOT {_BYLINE}"


@dataclass
class CheckReport:
    """What `check` found, in plain words, and what `--repair` fixed."""

    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    # Checks that could not run, and why (a read-only archive).
    skipped: list[str] = field(default_factory=list)
    articles: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"ok": self.ok, "problems": self.problems, "repaired": self.repaired,
                "skipped": self.skipped, "articles": self.articles}  # fmt: skip


def _search_index_problem(archive: Archive) -> str | None:
    try:
        # With rank 1, FTS5 also compares its index with the articles it indexes.
        archive.db.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError as error:
        return (
            f"the search index does not match the articles ({error}); run 'newsctl check --repair'"
        )
    return None


def _find_problems(archive: Archive, skipped: list[str]) -> list[str]:
    db = archive.db
    problems = [
        f"SQLite integrity check: {message}"
        for (message,) in db.execute("PRAGMA integrity_check(20)").fetchall()
        if message != "ok"
    ]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points at a missing {parent} row")
    triggers = {
        row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for missing in sorted(set(SEARCH_INDEX_TRIGGERS) - triggers):
        problems.append(
            f"trigger {missing} is missing: the search index will drift from the articles"
        )
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'articles_long_display'"
    ).fetchall():
        problems.append("index articles_long_display is missing: search cannot show long articles")
    stale = len(db.execute(_STALE_BYLINES).fetchall())
    if stale:
        problems.append(f"{stale} article(s) have a byline that does not match their authors")
    stale = fill_ngrams(db, dry_run=True)
    if stale:
        problems.append(
            f"{stale} article(s) changed by another tool have words in scripts without spaces "
            "that search does not find yet"
        )
    if db.execute("SELECT count(*) FROM fts_sync_deferred").fetchone()[0]:
        problems.append("new articles are not being added to the search index (stale batch marker)")
    if archive.read_only:
        # FTS5 runs its check as a write ("INSERT INTO ... 'integrity-check'").
        note = f"the search index was not checked: that needs write access, and {archive.read_only}"
        if note not in skipped:
            skipped.append(note)
        return problems
    index_problem = _search_index_problem(archive)
    if index_problem:
        problems.append(index_problem)
    return problems


def check_archive(archive: Archive, *, repair: bool = False) -> CheckReport:
    """Run SQLite's, the search index's and foreign-key checks; with repair, rebuild the index."""
    report = CheckReport()
    try:
        report.problems = _find_problems(archive, report.skipped)
        if repair and report.problems:
            with archive.write():
                archive.db.execute("DELETE FROM fts_sync_deferred")
                archive.db.execute(
                    "CREATE INDEX IF NOT EXISTS articles_long_display ON articles("
                    f"{', '.join(LONG_DISPLAY_COLUMNS)}) WHERE {LONG_BODY.format(body='body')}"
                )
                archive.db.execute(f"UPDATE articles SET byline = {_BYLINE}")
                fill_ngrams(archive.db)
                archive.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            report.repaired.append("rebuilt the search index from the articles")
            report.problems = _find_problems(archive, report.skipped)
        report.articles = archive.count_articles()
    except sqlite3.DatabaseError as error:
        report.problems.append(f"the archive cannot be read: {error}")
    return report


def backup_archive(archive: Archive, destination: Path, *, overwrite: bool = False) -> int:
    """Copy the archive to destination with SQLite's online backup; returns its article count.

    The copy is one consistent snapshot even while imports are writing: it
    holds every article committed before the backup started. It is written
    beside the destination and renamed into place, readable by its owner only.
    """
    destination = destination.expanduser()
    if destination.exists() and not overwrite:
        raise UsageError(f"{destination} already exists; use --force to replace it")
    if destination.resolve() == archive.path.resolve():
        raise UsageError("the backup cannot replace the archive itself")
    folder = destination.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{destination.name}.")
    except OSError as error:
        raise UsageError(f"cannot write in {folder or '.'}: {error.strerror}") from None
    os.close(handle)
    os.chmod(temporary, 0o600)
    try:
        target = sqlite3.connect(temporary)
        try:
            archive.db.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
            count = target.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            target.close()
        os.replace(temporary, destination)
    except sqlite3.Error as error:
        raise storage_error(error, destination) from None
    except OSError as error:
        raise ArchiveError(f"cannot write the backup {destination}: {error.strerror}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return count
