"""Typed errors; the CLI turns each into one line on stderr and its exit code."""

from dataclasses import dataclass
from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    """Exit statuses, chosen once: scripts and cron jobs depend on them."""

    OK = 0
    REJECTED = 1  # some input was rejected (the rest, if any, was stored)
    USAGE = 2  # bad options or arguments
    NOT_FOUND = 3  # no article or author with that id or name
    ARCHIVE = 4  # the archive file cannot be used (not SQLite, read-only, disk full)
    INTERRUPTED = 130  # SIGINT (Ctrl-C)
    TERMINATED = 143  # SIGTERM


class NewsctlError(Exception):
    """Base class for errors a user can cause and fix."""

    exit_code = ExitCode.REJECTED


class UsageError(NewsctlError):
    """An option or argument has a value newsctl cannot use."""

    exit_code = ExitCode.USAGE


class NotConfirmed(NewsctlError):
    """A person at the terminal declined (or ended the input at) a question such as "Move 3
    articles to the trash?": nothing was changed."""

    exit_code = ExitCode.REJECTED


class ParseError(NewsctlError):
    """Input could not be read as an article; carries where it went wrong."""

    exit_code = ExitCode.REJECTED

    def __init__(self, message: str, source: str = "", location: str = "", record: Any = None):
        self.message = message
        self.source = source
        self.location = location
        # The rejected record as read (a dict, or the raw text), so it can be fixed and re-imported.
        self.record = record
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ":".join(part for part in (self.source, self.location) if part)
        return f"{where}: {self.message}" if where else self.message


class RecordRejected(NewsctlError):
    """The archive refused one record's values (a constraint, text it cannot store)."""

    exit_code = ExitCode.REJECTED


@dataclass(frozen=True)
class ParseWarning:
    """A value a parser could not read right and left out (a date in an unknown time zone);
    the record comes next and is stored without it. Parsers yield it before the record."""

    message: str
    source: str = ""
    location: str = ""

    def __str__(self) -> str:
        where = ":".join(part for part in (self.source, self.location) if part)
        return f"{where}: {self.message}" if where else self.message


class ArticleNotFound(NewsctlError):
    """No article has the requested id."""

    exit_code = ExitCode.NOT_FOUND


class AuthorNotFound(NewsctlError):
    """No author has the requested name."""

    exit_code = ExitCode.NOT_FOUND


class LabelNotFound(NewsctlError):
    """No tag or category has the requested name."""

    exit_code = ExitCode.NOT_FOUND


class ArchiveError(NewsctlError):
    """The archive file cannot be opened or written."""

    exit_code = ExitCode.ARCHIVE
