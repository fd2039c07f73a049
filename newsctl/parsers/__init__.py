"""Input formats: recognising them and reading them into Article records.

Each format lives in its own module with a function
`parse(stream, source, options) -> Iterator[Article | ParseError]`.
A bad record is *yielded* as a ParseError, with its line or record number,
so an import can report it and go on; a file that cannot be read at all
raises ParseError. Parsers are pure: no database, no terminal.
"""

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import BinaryIO

from newsctl.errors import ParseError
from newsctl.models import Article

FORMATS = ("page", "json", "jsonl", "csv", "html", "feed")

_EXTENSIONS = {
    ".txt": "page",
    ".text": "page",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")
# The largest single document or record newsctl reads (a page, a feed, a JSON line).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ParseOptions:
    # When the page was saved: "2 days ago" in its Recent Posts block counts back from here.
    saved_at: datetime | None = None
    # Whether to yield the teasers of a page's Recent Posts block.
    recent: bool = True


def detect_format(name: str, head: bytes) -> str:
    """The format of a file, from its extension, else from its first bytes."""
    by_extension = _EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_extension:
        return by_extension
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        lines = [line for line in start.splitlines() if line.strip()]
        return "jsonl" if len(lines) > 1 and lines[1].lstrip().startswith(b"{") else "json"
    if start.startswith(b"<"):
        if any(root in start[:4096] for root in _FEED_ROOTS):
            return "feed"
        return "html"
    return "page"


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a text format as str; binary or non-UTF-8 data is a ParseError."""
    if b"\x00" in data[:65536]:
        raise ParseError("binary file, not text", source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ParseError(
            f"not UTF-8 text (undecodable byte at offset {error.start})", source
        ) from None


def read_document(stream: BinaryIO, source: str) -> bytes:
    """All of a single-document input, refusing absurd sizes instead of exhausting memory."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ParseError(f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB; not read", source)
    return data


def parse(
    stream: BinaryIO, source: str, fmt: str, options: ParseOptions = ParseOptions()
) -> Iterator[Article | ParseError]:
    """Records of one input in a known format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    # Imported on use: feed and html pull in feedparser and trafilatura, which are slow to load.
    module = importlib.import_module(f"newsctl.parsers.{fmt}")
    return module.parse(stream, source, options)
