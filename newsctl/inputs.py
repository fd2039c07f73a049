"""Opening what the user points newsctl at: files, folders and standard input."""

import gzip
import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from newsctl.errors import ParseError, ParseWarning, UsageError
from newsctl.models import Article
from newsctl.parsers import ParseOptions, detect_format, parse, require_format

STDIN = "-"
STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 8192


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to detect its format) put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head = head
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        data = self.rest.read1(len(buffer))  # type: ignore[attr-defined]
        buffer[: len(data)] = data
        return len(data)


@dataclass
class Input:
    """An opened input: its stream, display name and first bytes."""

    stream: BinaryIO
    name: str
    head: bytes
    # How many bytes of the file (as stored: compressed for .gz) were read so far.
    position: Callable[[], int] | None = field(default=None, repr=False, kw_only=True)

    def detect_format(self) -> str:
        return detect_format("" if self.name == STDIN_NAME else self.name, self.head)


def _peekable(stream: BinaryIO, name: str, position: Callable[[], int] | None = None) -> Input:
    # read() on a pipe blocks until enough bytes arrive, unlike peek(), so detection is reliable.
    head = stream.read(_SNIFF_BYTES)
    buffered = io.BufferedReader(_Prefixed(head, stream))  # type: ignore[arg-type]
    return Input(buffered, name, head, position=position)


@contextmanager
def open_input(path: str) -> Iterator[Input]:
    """A file path or "-" (stdin), opened for reading with its first bytes at hand."""
    if path == STDIN:
        yield _peekable(sys.stdin.buffer, STDIN_NAME)
        return
    file = Path(path)
    try:
        stream = file.open("rb")
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder; use 'newsctl import' for folders") from None
    except OSError as problem:
        raise UsageError(f"cannot read {path}: {problem.strerror}") from None
    with stream:
        if path.lower().endswith(".gz"):  # saved pages are often kept compressed
            with gzip.GzipFile(fileobj=stream) as unpacked:
                yield _peekable(unpacked, path, stream.tell)  # type: ignore[arg-type]
        else:
            yield _peekable(stream, path, stream.tell)


def read_one_article(
    path: str, fmt: str | None = None, *, on_warning: Callable[[ParseWarning], None] = print
) -> Article:
    """The single article in a file (saved page, JSON object, ...); errors say why not.
    Values left out of it (ParseWarning) are passed to on_warning."""
    require_format(fmt)
    with open_input(path) as opened:
        name = opened.name
        records = list(
            parse(opened.stream, name, fmt or opened.detect_format(), ParseOptions(recent=False))
        )
    for record in records:
        if isinstance(record, ParseError):
            raise record
    for warning in [record for record in records if isinstance(record, ParseWarning)]:
        on_warning(warning)
    records = [record for record in records if not isinstance(record, ParseWarning)]
    if len(records) != 1:
        count = "no articles" if not records else f"{len(records)} articles"
        raise ParseError(f"holds {count}; 'newsctl add' takes one (use 'newsctl import')", name)
    return records[0]
