"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser: one article per entry."""

import calendar
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

from newsctl.dates import format_timestamp, parse_date
from newsctl.decoding import utf8_xml
from newsctl.errors import ParseError
from newsctl.models import Article
from newsctl.parsers import ParseOptions, read_document
from newsctl.parsers.markup import html_to_text
from newsctl.records import article_from_record
from newsctl.text import clean_line, first_line


def _published(entry: Any) -> str | None:
    # dict.get: feedparser's own get() maps a missing "updated" to "published" with a warning.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(entry, key)
        if parsed:
            try:
                return format_timestamp(datetime.fromtimestamp(calendar.timegm(parsed), UTC))
            except (OverflowError, ValueError, OSError):
                continue
    for key in ("published", "updated", "created"):
        if dict.get(entry, key):
            try:
                return parse_date(dict.get(entry, key))
            except ValueError:
                continue
    return None


def _body(entry: Any) -> str:
    """The fullest text of an entry: its content when given, else its summary."""
    candidates = [part.get("value", "") for part in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_to_text(candidate) for candidate in candidates]
    return max(texts, key=len, default="")


# RSS puts an email first: "news@example.com (Jane Doe)"; feedparser 6 splits some of these wrongly.
_EMAIL_THEN_NAME = re.compile(r"^\s*[^\s@()]+@[^\s()]+\s*\((?P<name>[^()]+)\)\s*$")
_NAME_THEN_EMAIL = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<[^<>@\s]+@[^<>\s]+>\s*$")
_EMAIL = re.compile(r"^\s*[^\s@]+@[^\s@]+\s*$")


def _author(entry: Any) -> str | None:
    raw = entry.get("author") or ""
    match = _EMAIL_THEN_NAME.match(raw) or _NAME_THEN_EMAIL.match(raw)
    if match:
        name = match.group("name")
    elif raw and not _EMAIL.match(raw):
        name = raw
    else:
        name = (entry.get("author_detail") or {}).get("name") or ""
    return clean_line(html_to_text(name)) or None


def _tags(entry: Any) -> tuple[str, ...]:
    terms = [clean_line(tag.get("term") or tag.get("label") or "") for tag in entry.get("tags", [])]
    unique: dict[str, str] = {}
    for term in terms:
        if term and term.casefold() not in unique:
            unique[term.casefold()] = term
    return tuple(unique.values())


# Real feeds carry tens or hundreds of entries; feedparser holds them all in memory
# (about 2.5 KB each), so a feed past these bounds is refused rather than parsed.
MAX_FEED_BYTES = 16 * 2**20
MAX_FEED_ENTRIES = 20_000
_ENTRY = re.compile(rb"<(?:item|entry)[\s>/]", re.IGNORECASE)
# The prolog ends where the root element starts; a DTD's <!ENTITY ...> can only be before it.
_ROOT_ELEMENT = re.compile(rb"<[A-Za-z]")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _refuse_hostile(data: bytes, source: str) -> None:
    """Reject what no honest feed needs: entity declarations (local file reads through
    external entities, "billion laughs" expansion) and absurd sizes."""
    if len(data) > MAX_FEED_BYTES:
        raise ParseError(f"feed larger than {MAX_FEED_BYTES // 2**20} MB; not read", source)
    root = _ROOT_ELEMENT.search(data)
    if _ENTITY_DECLARATION.search(data, 0, root.start() if root else len(data)):
        raise ParseError("feed declares XML entities; refused (they can read local files)", source)
    entries = len(_ENTRY.findall(data))
    if entries > MAX_FEED_ENTRIES:
        raise ParseError(f"feed has {entries:,} entries, more than {MAX_FEED_ENTRIES:,}", source)


def is_json_feed(document: object) -> bool:
    version = document.get("version") if isinstance(document, dict) else None
    return isinstance(version, str) and "jsonfeed.org/version" in version


def parse_json_feed(document: dict, source: str) -> Iterator[Article | ParseError]:
    """Entries of a JSON Feed (jsonfeed.org), which feedparser 6 does not read."""
    items = document.get("items")
    if not isinstance(items, list):
        raise ParseError("JSON Feed without an items list", source)
    feed_authors = document.get("authors") or [document.get("author")]
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            yield ParseError("JSON Feed item is not an object", source, f"item {number}")
            continue
        authors = item.get("authors") or [item.get("author")] or feed_authors
        author = next(
            (a.get("name") for a in authors if isinstance(a, dict) and a.get("name")), None
        )
        record = {
            "title": item.get("title"),
            "body": html_to_text(item.get("content_html"))
            or item.get("content_text")
            or html_to_text(item.get("summary")),
            "url": item.get("url") or item.get("external_url"),
            "published_at": item.get("date_published") or item.get("date_modified"),
            "author": author,
            "tags": [tag for tag in item.get("tags") or [] if isinstance(tag, str)],
        }
        if not record["title"] and record["body"]:
            record["title"] = first_line(str(record["body"]), 80)
        try:
            yield article_from_record(record, source, f"item {number}")
        except ParseError as problem:
            yield problem


def parse(stream: BinaryIO, source: str, options: ParseOptions) -> Iterator[Article | ParseError]:
    # UTF-8 bytes whatever the feed's encoding, so feedparser cannot misread it (newsctl.decoding).
    data = utf8_xml(read_document(stream, source), source)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            raise ParseError("not a readable JSON Feed (invalid JSON)", source) from None
        if not is_json_feed(document):
            raise ParseError("JSON, but not a JSON Feed", source)
        yield from parse_json_feed(document, source)
        return
    _refuse_hostile(data, source)
    import feedparser

    # Bytes, never a url or path: feedparser would otherwise fetch or open it.
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if not feed.entries:
        start = data[:4096].lower()
        if b"<html" in start:
            raise ParseError("an HTML page, not a feed", source)
        if b"<opml" in start:
            raise ParseError("an OPML subscription list, not a feed", source)
        if feed.get("bozo"):
            reason = str(feed.get("bozo_exception", "")).splitlines()[0:1]
            raise ParseError(f"not a readable feed ({''.join(reason) or 'malformed XML'})", source)
        if not feed.get("version"):
            raise ParseError("not an RSS or Atom feed", source)
        return
    # In Atom, an entry without an author has the feed's (RFC 4287, 4.2.1).
    feed_author = _author(feed.feed) if feed.get("version", "").startswith("atom") else None
    for number, entry in enumerate(feed.entries, start=1):
        location = f"entry {number}"
        body = _body(entry)
        title = html_to_text(entry.get("title", ""))
        title = clean_line(title) or first_line(body, 80)
        if not title:
            record = {key: entry.get(key) for key in ("id", "link", "published") if entry.get(key)}
            yield ParseError("entry has neither a title nor any text", source, location, record)
            continue
        terms = _tags(entry)
        yield Article(
            title=title,
            body=body,
            author=_author(entry) or feed_author,
            # An entry's first category is its section; any others are tags.
            category=terms[0] if terms else None,
            tags=terms[1:],
            url=clean_line(entry.get("link") or "") or None,
            published_at=_published(entry),
            source=source,
        )
