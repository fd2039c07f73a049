"""Bulk imports: many files, many formats, written in batches, safe to re-run from cron.

Records stream from the parsers into batches; each batch is one transaction,
so an import killed at any moment leaves whole batches behind, and running
it again stores exactly what is missing (saving is idempotent). A bad record
is reported and skipped; with `strict` the whole import is one transaction
that the first bad record rolls back.
"""

import json
import os
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO

from newsctl.archive import Archive
from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import NewsctlError, ParseError, ParseWarning, RecordRejected, UsageError
from newsctl.import_log import FileIdentity, identify, remember, unchanged
from newsctl.inputs import STDIN, Input, open_input
from newsctl.models import Article
from newsctl.parsers import ParseOptions, importable_name, parse

# Records per transaction: large enough that commits and index merges cost little
# (bench/run.py), small enough that other writers wait well under a second for the lock.
BATCH_SIZE = 1000
# A slow stream (a scraper piping into stdin) is committed at least this often.
BATCH_SECONDS = 2.0
# Rejected records kept in the summary; the rejects file gets all of them.
MAX_REJECTS_KEPT = 1000

COUNTERS = ("added", "updated", "unchanged", "partial", "merged", "skipped", "rejected")


@dataclass
class Counts:
    """Records per outcome; `merged` counts stored articles found to be the same article as
    another and merged into it (their ids are not used again); `skipped` counts records of
    articles a person deleted (imports do not bring them back)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    partial: int = 0
    merged: int = 0
    skipped: int = 0
    rejected: int = 0

    def add(self, other: "Counts") -> None:
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_json(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTERS}


@dataclass
class ImportSummary:
    """What an import did, per format."""

    by_format: dict[str, Counts] = field(default_factory=dict)
    files: int = 0
    # Files skipped because an earlier import read them to the end and they are unchanged.
    unchanged_files: int = 0
    rejects: list[ParseError] = field(default_factory=list)
    # Values left out of stored records (a date in an unknown time zone), and where.
    warnings: list[ParseWarning] = field(default_factory=list)
    dry_run: bool = False
    # The signal number that stopped the import early, if one did.
    stopped_by: int | None = None
    # True when everything was undone at the end (a --strict import that was interrupted).
    rolled_back: bool = False
    # (merged id, kept id) for each stored article merged into another.
    merges: list[tuple[int, int]] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self, fmt: str) -> Counts:
        return self.by_format.setdefault(fmt, Counts())

    @property
    def total(self) -> Counts:
        total = Counts()
        for counts in self.by_format.values():
            total.add(counts)
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            **self.total.to_json(),
            "files": self.files,
            "unchanged_files": self.unchanged_files,
            "by_format": {fmt: counts.to_json() for fmt, counts in sorted(self.by_format.items())},
            "rejects": [
                {"source": r.source, "location": r.location, "reason": r.message}
                for r in self.rejects
            ],
            "warnings": [
                {"source": w.source, "location": w.location, "message": w.message}
                for w in self.warnings
            ],
            "merges": [{"merged": merged, "into": kept} for merged, kept in self.merges],
            "dry_run": self.dry_run,
            "interrupted": self.stopped_by is not None,
            "rolled_back": self.rolled_back,
            "seconds": round(self.seconds, 3),
        }


class Document(Protocol):
    """An input that is not a file: bytes fetched from the web (newsctl.fetch.documents).
    Opening it gives an Input named by its final url, with that url as `base_url`;
    `records` sees the parsed records before they are stored (a feed's settings)."""

    name: str

    def open(self) -> AbstractContextManager[Input]: ...

    def records(
        self, records: Iterator[Article | ParseError | ParseWarning]
    ) -> Iterator[Article | ParseError | ParseWarning]: ...


class ImportAborted(NewsctlError):
    """--strict: a bad record stopped the import and nothing was stored."""


class _UndoAll(Exception):
    """Raised inside the one transaction of a --strict import to undo it (interrupted)."""


class Progress(Protocol):
    """What an import tells a progress display: a file started, how far into it (bytes of
    the file as stored), records stored, the file done."""

    def file_started(self, name: str) -> None: ...
    def read_to(self, offset: int) -> None: ...
    def records_done(self, count: int) -> None: ...
    def file_done(self) -> None: ...


class _NoProgress:
    def file_started(self, name: str) -> None:
        pass

    def read_to(self, offset: int) -> None:
        pass

    def records_done(self, count: int) -> None:
        pass

    def file_done(self) -> None:
        pass


@dataclass(frozen=True)
class ImportOptions:
    fmt: str | None = None
    update: bool = True
    recent: bool = True
    saved_at: datetime | None = None
    strict: bool = False
    dry_run: bool = False
    batch_size: int = BATCH_SIZE
    # Bring back articles a person deleted instead of skipping them.
    restore_deleted: bool = False
    # Read files again even when an earlier import read them and they are unchanged.
    again: bool = False
    # The import log entry of this run (import_log.start_run); files read are remembered.
    run_id: int | None = None


def find_inputs(paths: list[str]) -> list[str]:
    """The files to import: named files as given, folders walked (sorted), "-" for stdin."""
    found: list[str] = []
    for path in paths:
        if path == STDIN:
            found.append(path)
            continue
        candidate = Path(path)
        if candidate.is_dir():
            found.extend(str(file) for file in _walk(candidate))
        elif candidate.exists():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return found


def _walk(folder: Path) -> Iterator[Path]:
    """Importable files under a folder, in a stable order; hidden files and others skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and importable_name(name):
                yield Path(root) / name


def _saved_at(path: str) -> datetime:
    """When a page was saved: its file's modification time (now for stdin)."""
    if path == STDIN:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime, UTC)
    except OSError:
        return datetime.now(UTC)


def _now() -> str:
    return format_timestamp(now_utc())


class RejectsFile:
    """Bad records as JSON Lines, each with its reason, ready to be fixed and imported again."""

    def __init__(self, stream: TextIO, run_at: str | None = None):
        self.stream = stream
        # When the run that rejected them started: a file appended to by every cron run
        # tells the runs apart.
        self.run_at = run_at

    def write(self, reject: ParseError) -> None:
        details = {
            "_reason": reject.message,
            "_source": reject.source,
            "_location": reject.location,
        }
        if self.run_at:
            details["_run_at"] = self.run_at
        if isinstance(reject.record, dict):
            entry = {**reject.record, **details}
        elif reject.record is not None:
            entry = {"_raw": str(reject.record).rstrip("\n"), **details}
        else:
            entry = details
        try:
            line = json.dumps(entry, ensure_ascii=False, default=str)
            line.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates (legal in JSON text): keep them escaped
            line = json.dumps(entry, default=str)
        self.stream.write(line + "\n")
        self.stream.flush()


class Importer:
    """Imports files into an archive; `should_stop` is polled between batches (signals)."""

    def __init__(
        self,
        archive: Archive,
        options: ImportOptions = ImportOptions(),
        *,
        progress: Progress | None = None,
        on_reject: Callable[[ParseError], None] | None = None,
        on_merge: Callable[[int, int], None] | None = None,
        on_warning: Callable[[ParseWarning], None] | None = None,
        should_stop: Callable[[], int | None] = lambda: None,
    ):
        self.archive = archive
        self.options = options
        self.progress = progress or _NoProgress()
        self.on_reject = on_reject
        self.on_merge = on_merge
        self.on_warning = on_warning
        self.should_stop = should_stop
        self.summary = ImportSummary(dry_run=options.dry_run)
        self.batch: list[tuple[Article, str]] = []
        self.batch_started = 0.0
        # Whether the whole import is one transaction (--strict, --dry-run).
        self.one_transaction = options.strict or options.dry_run
        self.save_options = {"update": options.update, "restore_deleted": options.restore_deleted}
        # Files read to the end whose records are in the batch: remembered when it is saved.
        self.finished_files: list[FileIdentity] = []

    def run(self, inputs: "list[str | Document]") -> ImportSummary:
        started = time.monotonic()
        self.archive.prefer_bulk_writes()
        try:
            if self.one_transaction:
                # One transaction for everything: all-or-nothing, or (dry run) rolled back.
                try:
                    with self.archive.write(commit=not self.options.dry_run):
                        self._import_all(inputs)
                        if self.options.strict and self.summary.stopped_by is not None:
                            raise _UndoAll
                except _UndoAll:
                    self.summary.rolled_back = True
            else:
                self._import_all(inputs)
        finally:
            self.summary.seconds = time.monotonic() - started
        return self.summary

    def _import_all(self, inputs: "list[str | Document]") -> None:
        for path in inputs:
            if self._stopping():
                break
            self._import_file(path)
        self._flush()

    def _stopping(self) -> bool:
        signal_number = self.should_stop()
        if signal_number is not None:
            self.summary.stopped_by = signal_number
        return signal_number is not None

    def _import_file(self, path: "str | Document") -> None:
        # A Document (fetched from the web) is read like a file named by its url.
        document = None if isinstance(path, str) else path
        name = document.name if document else path
        self.progress.file_started(name)
        identity = None
        # A run that did not apply all it read (--dry-run, --no-update) remembers nothing.
        if document is None and path != STDIN and not self.options.dry_run and self.options.update:
            identity = identify(path)
            # --restore-deleted looks for deleted articles in files read before, too.
            again = self.options.again or self.options.restore_deleted
            if identity and not again and unchanged(self.archive.db, identity):
                self.summary.unchanged_files += 1
                self.progress.file_done()
                return
        fmt = self.options.fmt or "unknown"
        try:
            with document.open() if document else open_input(path) as opened:
                fmt = self.options.fmt or opened.detect_format()
                options = ParseOptions(
                    saved_at=self.options.saved_at
                    or (datetime.now(UTC) if document else _saved_at(name)),
                    recent=self.options.recent,
                    base_url=getattr(opened, "base_url", None),  # a fetched input's url
                )
                records = parse(opened.stream, opened.name, fmt, options)
                for record in document.records(records) if document else records:
                    if isinstance(record, ParseError):
                        self._reject(record, fmt)
                        continue
                    if isinstance(record, ParseWarning):
                        self._warn(record)
                        continue
                    if not self.batch:
                        self.batch_started = time.monotonic()
                    self.batch.append((record, fmt))
                    if opened.position and len(self.batch) % 64 == 0:
                        self.progress.read_to(opened.position())
                    full = len(self.batch) >= self.options.batch_size
                    if full or time.monotonic() - self.batch_started > BATCH_SECONDS:
                        self._flush()
                        if self._stopping():
                            break
        except ParseError as problem:
            self._reject(problem, fmt)
        except UsageError as problem:  # vanished or unreadable since the folder was walked
            self._reject(ParseError(str(problem), name), fmt)
        except (OSError, EOFError, zlib.error) as problem:  # truncated gzip, I/O errors
            self._reject(ParseError(f"cannot read: {problem}", name), fmt)
            identity = None
        else:
            if identity and self.summary.stopped_by is None:
                self.finished_files.append(identity)
        self.summary.files += 1
        self.progress.file_done()

    def _save(self, articles: list[Article], files: list[FileIdentity]) -> list:
        """Save a batch, and remember the files read to the end, in the caller's transaction."""
        results = self.archive.save_batch(articles, **self.save_options) if articles else []
        if files:
            remember(self.archive.db, files, run_id=self.options.run_id, now=_now())
        return results

    def _warn(self, warning: ParseWarning) -> None:
        if len(self.summary.warnings) < MAX_REJECTS_KEPT:
            self.summary.warnings.append(warning)
        if self.on_warning:
            self.on_warning(warning)

    def _reject(self, problem: ParseError, fmt: str) -> None:
        self.summary.counts(fmt).rejected += 1
        if len(self.summary.rejects) < MAX_REJECTS_KEPT:
            self.summary.rejects.append(problem)
        if self.on_reject:
            self.on_reject(problem)
        if self.options.strict:
            raise ImportAborted(f"{problem} (--strict: nothing was imported)")

    def _flush(self) -> None:
        if not self.batch and not self.finished_files:
            return
        batch, self.batch = self.batch, []
        files, self.finished_files = self.finished_files, []
        articles = [article for article, _ in batch]
        if self.one_transaction:
            results = self._save(articles, files)
        else:
            with self.archive.write():
                results = self._save(articles, files)
        for (article, fmt), result in zip(batch, results, strict=True):
            counts = self.summary.counts(fmt)
            if isinstance(result, RecordRejected):
                record = {k: v for k, v in article.to_json(full=True).items() if v is not None}
                record.pop("id", None)
                self._reject(
                    ParseError(str(result), article.source or "", article.location, record),
                    fmt,
                )
                continue
            name = result.outcome.value
            setattr(counts, name, getattr(counts, name) + 1)
            for merged in result.merged:
                counts.merged += 1
                self.summary.merges.append((merged, result.article_id))
                if self.on_merge:
                    self.on_merge(merged, result.article_id)
        self.progress.records_done(len(batch))
