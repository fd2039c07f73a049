"""Input formats: recognising them and reading them into Article records.

Each format lives in its own module with a function
`parse(stream, source, options) -> Iterator[Article | ParseError]`.
A bad record is *yielded* as a ParseError, with its line or record number,
so an import can report it and go on; a file that cannot be read at all
raises ParseError. Parsers are pure: no database, no terminal.
"""

import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from typing import BinaryIO

from newsctl.errors import ParseError, UsageError
from newsctl.models import Article

# Format name -> the module that reads it (named so as not to shadow json, csv, html).
_PARSER_MODULES = {
    "page": "page",
    "json": "json_doc",
    "jsonl": "jsonl",
    "csv": "csv_rows",
    "html": "html_page",
    "feed": "feed",
}
FORMATS = tuple(_PARSER_MODULES)

_EXTENSIONS = {
    ".txt": "page",
    ".text": "page",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
# Extensions that do not settle a format: what a file holds decides when it is XML (a feed
# saved as .txt; servers and browsers label feeds text/html, so they get saved as .html).
_CONTENT_DECIDES = (None, "page", "html")
# Root elements (local names) of the XML documents newsctl reads as feeds: RSS 2.0, Atom,
# RSS 0.90/1.0 (rdf:RDF); OPML goes to the feed reader too, which refuses it by name.
_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "opml"})
# What comes before an XML document's root element (XML 1.0 section 2.8, "prolog"): white
# space, the declaration and processing instructions, comments, a doctype (its internal
# subset in brackets).
_XML_PROLOG = re.compile(
    rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype(?:[^\[>]|\[[^\]]*\])*>)*", re.DOTALL | re.IGNORECASE
)
_XML_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)")
_JSON_RECORDS = re.compile(rb'\[\s*\{|\{\s*"')
# The largest single document or record newsctl reads (a page, a feed, a JSON line).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ParseOptions:
    # When the page was saved: "2 days ago" in its Recent Posts block counts back from here.
    saved_at: datetime | None = None
    # Whether to yield the teasers of a page's Recent Posts block.
    recent: bool = True
    # The document's own url when known (fetched from the web): the base for relative links.
    base_url: str | None = None


def _suffix(name: str) -> str:
    """A file's format-bearing extension: "page.html.gz" counts as ".html"."""
    path = PurePath(name)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.suffix.lower()


def importable_name(name: str) -> bool:
    """Whether a file found in a folder looks like something newsctl reads."""
    return _suffix(name) in _EXTENSIONS


def _csv_header(head: bytes) -> bool:
    """Whether the first line of the input is a CSV header naming a title field, or Excel's
    "sep=;" line followed by one (split by the delimiter it names)."""
    from newsctl.parsers.csv_rows import header_delimiter, separator_line

    lines = head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace").split("\n", 2)
    named = separator_line(lines[0] + "\n")
    if named and len(lines) > 1:
        return header_delimiter(lines[1], (named,)) is not None
    return header_delimiter(lines[0]) is not None


def xml_root(head: bytes) -> tuple[str, bool] | None:
    """The root element of a document from its first bytes: its lower-case local name
    ("rss" for <rss>, "rdf" for <rdf:RDF>) and whether an XML declaration comes first;
    None when the head does not open with markup (or its prolog outruns the head).

    Skipped before the root: a byte order mark (UTF-16 heads are decoded first), the XML
    declaration, processing instructions, comments, a doctype and white space.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8", "replace")
    head = head.removeprefix(b"\xef\xbb\xbf")
    prolog = _XML_PROLOG.match(head)
    root = _XML_ROOT.match(head, prolog.end())
    if root is None:
        return None
    local_name = root.group(1).decode("ascii").rpartition(":")[2].lower()
    return local_name, head.lstrip().startswith(b"<?xml")


def _format_by_root(head: bytes) -> str | None:
    """The format an XML document's root element settles, else None: a feed (or OPML, which
    the feed reader names and refuses), an HTML page, or any other declared XML document
    (a sitemap, an SVG), which the feed reader refuses saying it is no feed."""
    found = xml_root(head)
    if found is None:
        return None
    local_name, declared = found
    if local_name in _FEED_ROOTS:
        return "feed"
    if local_name == "html":
        return "html"
    return "feed" if declared else None


def detect_format(name: str, head: bytes) -> str:
    """The format of a file, from its extension, else from its first bytes.

    A CSV header ("title,author,body", with a comma, semicolon, tab or bar) is
    recognised in text without an extension, on standard input and in .txt files,
    where a saved page never starts with such a line.

    An XML document's root element decides (xml_root) for those and for .html files
    (issue "content sniffing": a feed saved as .txt or .html is a feed, an OPML list is
    refused whatever its name); .json, .jsonl and .csv settle their format unread.
    """
    from newsctl.decoding import wide_head_as_utf8

    # UTF-16 and UTF-32 are sniffed as the text they hold ("title,body", "[{").
    head = wide_head_as_utf8(head)
    by_extension = _EXTENSIONS.get(_suffix(name))
    if b"jsonfeed.org/version" in head[:2048] and by_extension in (None, "json"):
        return "feed"
    if by_extension in (None, "page") and _csv_header(head):
        return "csv"
    if by_extension in _CONTENT_DECIDES and (by_root := _format_by_root(head)):
        return by_root
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # JSON records saved as .txt: an object with a quoted key, or an array of objects (a
    # saved page may start with "[Update]", never with '{"').
    if by_extension == "page" and _JSON_RECORDS.match(start):
        by_extension = None
    if by_extension:
        return by_extension
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        # JSON Lines when the first line is a whole object and more lines follow.
        first, _, rest = start.partition(b"\n")
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl" if rest.strip() else "json"
    if start.startswith(b"<"):
        return "html"
    return "page"


def decode_text(data: bytes, source: str) -> str:
    """Bytes of a text format (saved page, JSON) as str, by the rules of newsctl.decoding;
    binary data is a ParseError."""
    from newsctl.decoding import decode  # imported on use: `newsctl recent` never needs it

    return decode(data, source)


def read_document(stream: BinaryIO, source: str) -> bytes:
    """All of a single-document input, refusing absurd sizes instead of exhausting memory."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ParseError(f"larger than {MAX_DOCUMENT_BYTES // 2**20} MB; not read", source)
    return data


def require_format(fmt: str | None) -> None:
    """A --format value the user gave: one of FORMATS (None means detect per file)."""
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format: unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def parse(
    stream: BinaryIO, source: str, fmt: str, options: ParseOptions = ParseOptions()
) -> Iterator[Article | ParseError]:
    """Records of one input in a known format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    # Imported on use: feed and html pull in feedparser and trafilatura, which are slow to load.
    module = importlib.import_module(f"newsctl.parsers.{_PARSER_MODULES[fmt]}")
    return module.parse(stream, source, options)
