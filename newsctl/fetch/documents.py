"""Fetched bytes as import input: read by the same parsers and saved by the same code as a
file, named by the url they came from (the articles' source), relative links resolved
against it (ParseOptions.base_url).

Two differences from a file, both from HTTP itself:
- The format comes from the Content-Type when the content does not say (a feed is
  recognised by its root element whatever the server calls it; servers label feeds
  text/html or text/plain often enough).
- The Content-Type charset outranks the document's own declaration (RFC 7303 §3 for XML;
  the HTML Standard's encoding sniffing for pages): the body is decoded by
  newsctl.decoding with it as `declared` and handed on as UTF-8. Bytes that are UTF-8
  (but for a few stray bytes) stay UTF-8 whatever is declared, by decoding's own rules.
"""

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsctl.errors import ParseError, ParseWarning
from newsctl.inputs import Input
from newsctl.models import Article
from newsctl.parsers import ParseOptions, detect_format, parse, require_format

if TYPE_CHECKING:
    from newsctl.fetch.http import Response

_SNIFF_BYTES = 8192
# Media types that name a newsctl format outright. Others (text/xml, application/json,
# text/plain, none) are left to the content.
_MEDIA_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/feed+json": "feed",
    "text/csv": "csv",
    "text/tab-separated-values": "csv",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
}

Record = Article | ParseError | ParseWarning


def _format(head: bytes, media_type: str | None) -> str:
    """A fetched document's format: a feed by its content, else by its media type, else by
    its content (detect_format without a file name)."""
    sniffed = detect_format("", head)
    if sniffed == "feed":
        return sniffed
    return _MEDIA_FORMATS.get(media_type or "", sniffed)


@dataclass
class FetchedInput(Input):
    """An opened input whose bytes came over HTTP: `name` and `base_url` are its final url."""

    base_url: str | None = None
    media_type: str | None = None

    def detect_format(self) -> str:
        return _format(self.head, self.media_type)


def opened_response(response: "Response") -> FetchedInput:
    """A response's body as an opened input, decoded with its charset when it gives one."""
    content = response.content
    if response.charset and not content.isascii():
        fmt = _format(content[:_SNIFF_BYTES], response.media_type)
        content = _as_utf8(content, response.charset, fmt, response.url)
    return FetchedInput(
        io.BytesIO(content),  # type: ignore[arg-type]
        response.url,
        content[:_SNIFF_BYTES],
        base_url=response.url,
        media_type=response.media_type,
    )


def _as_utf8(content: bytes, charset: str, fmt: str, source: str) -> bytes:
    from newsctl.decoding import decode, utf8_xml

    if fmt == "feed" and not content.lstrip().startswith(b"{"):
        return utf8_xml(content, source, declared=charset)
    markup = "html" if fmt == "html" else None
    return decode(content, source, declared=charset, markup=markup).encode("utf-8")


class _Document:
    """An input for Importer.run that is not a file (importer.Document)."""

    name: str

    def records(self, records: Iterator[Record]) -> Iterator[Record]:
        """The records the import stores: as parsed (subclasses change them)."""
        return records


class FetchedDocument(_Document):
    """A response already in hand (newsctl fetch), named by the url asked for."""

    def __init__(self, response: "Response", name: str | None = None):
        self.response = response
        self.name = name or response.url

    @contextmanager
    def open(self) -> Iterator[FetchedInput]:
        yield opened_response(self.response)


class WebInput(_Document):
    """A url given to `newsctl import`: fetched when the import reaches it, so a long list
    of urls holds one response in memory at a time. A failure rejects this input only."""

    def __init__(self, url: str):
        self.name = url

    @contextmanager
    def open(self) -> Iterator[FetchedInput]:
        from newsctl.fetch.http import Fetcher

        with Fetcher() as fetcher:
            response = fetcher.get(self.name)
        yield opened_response(response)


def read_web_article(
    url: str, fmt: str | None = None, *, on_warning: Callable[[ParseWarning], None] = print
) -> Article:
    """The single article at a url (`newsctl add URL`), as inputs.read_one_article reads a
    file: the page's url after redirects is its own url unless it names a canonical one."""
    require_format(fmt)
    with WebInput(url).open() as opened:
        fmt = fmt or opened.detect_format()
        options = ParseOptions(recent=False, base_url=opened.base_url)
        records = list(parse(opened.stream, opened.name, fmt, options))
    for record in records:
        if isinstance(record, ParseError):
            raise record
    for warning in [record for record in records if isinstance(record, ParseWarning)]:
        on_warning(warning)
    articles = [record for record in records if isinstance(record, Article)]
    if len(articles) != 1:
        count = "no articles" if not articles else f"{len(articles)} articles"
        raise ParseError(f"holds {count}; 'newsctl add' takes one (use 'newsctl import')", url)
    return articles[0]
