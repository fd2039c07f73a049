"""Turning a loose record (a JSON object, a CSV row, a feed entry) into an Article.

All record-shaped formats share these field names and aliases, so a file
exported by newsctl, a scraper's JSONL and a spreadsheet's CSV read alike.
"""

import json
from collections.abc import Mapping
from typing import Any

from newsctl.dates import parse_date
from newsctl.errors import ParseError
from newsctl.labels import tag_list
from newsctl.models import Article
from newsctl.names import author_names
from newsctl.text import clean_line, clean_text
from newsctl.urls import absolute_url

# No news article comes near this; a record that does is a scraping accident or an attack.
MAX_BODY_CHARS = 10_000_000

# Field name -> the names accepted for it, in order of preference.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("body", "content", "text", "article", "description", "summary"),
    "author": ("authors", "author", "author_name", "byline", "creator"),
    "author_bio": ("author_bio", "bio"),
    "category": ("category", "section"),
    "tags": ("tags", "keywords"),
    "url": ("url", "link", "href", "canonical_url"),
    "guid": ("guid",),
    "published_at": ("published_at", "published", "date", "pubdate", "pub_date", "datetime"),
    "added_at": ("added_at",),
    "source": ("source",),
    "partial": ("partial",),
}


def _pick(lowered: Mapping[str, Any], field: str) -> Any:
    """The first non-empty value among the field's accepted names (keys already lowercased)."""
    for name in FIELD_ALIASES[field]:
        value = lowered.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any, field: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{field} must be text, not {type(value).__name__}")
    return str(value)


def _tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:  # a JSON array in a CSV cell: how export writes tags that contain commas
            value = json.loads(value)
        except json.JSONDecodeError:
            pass
    if not isinstance(value, str | list | tuple):
        raise ValueError("tags must be a list or a comma-separated string")
    if not isinstance(value, str):
        value = [_as_text(item, "tags") for item in value]
    return tag_list(value)


def _authors(value: Any) -> tuple[list[str], str | None]:
    """The names in an author field, and the lead author's bio.

    The field may be a name, an object with a "name" (JSON Feed, schema.org Person),
    or a list of either; a JSON array in a CSV cell is read as a list.
    """
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass
    items = value if isinstance(value, list | tuple) else [value]
    names: list[str] = []
    bio: str | None = None
    for item in items:
        if isinstance(item, Mapping):
            if not names:
                bio = item.get("bio") or item.get("description")
            item = item.get("name")
        if item in (None, ""):
            continue
        names.append(_as_text(item, "author"))
    if bio is not None:
        bio = _as_text(bio, "author_bio")
    return names, bio


def _url(value: Any) -> str | None:
    """The record's url as stored; ValueError for one that is not an absolute http(s) url
    (a relative link cannot identify an article: two sites' "/2024/05/x" would collide)."""
    if value is None:
        return None
    text = clean_line(_as_text(value, "url"))
    if not text:
        return None
    url = absolute_url(text)
    if url is None:
        raise ValueError(f"url {text[:80]!r} is not an absolute http or https url")
    return url


def _partial(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _date(value: Any, field: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_date(_as_text(value, field))
    except ValueError as error:
        raise ValueError(f"{field}: {error}") from None


def article_from_record(record: Any, source: str, location: str = "") -> Article:
    """An Article from a mapping of article fields; ParseError says what is wrong and where."""
    if not isinstance(record, Mapping):
        raise ParseError(
            f"expected an object with article fields, got {type(record).__name__}",
            source,
            location,
            record,
        )
    original = record
    record = {str(key).strip().lower(): value for key, value in record.items()}
    try:
        names, lead_bio = _authors(_pick(record, "author"))
        author_bio = _pick(record, "author_bio") or lead_bio
        title = clean_line(_as_text(_pick(record, "title") or "", "title"))
        if not title:
            raise ValueError("no title")
        url = _url(_pick(record, "url"))
        body = _as_text(_pick(record, "body") or "", "body")
        if len(body) > MAX_BODY_CHARS:
            raise ValueError(f"body longer than {MAX_BODY_CHARS:,} characters")
        return Article(
            title=title,
            body=clean_text(body),
            authors=tuple(author_names(names)),
            author_bio=clean_text(_as_text(author_bio, "author_bio")) or None
            if author_bio
            else None,
            category=clean_line(_as_text(_pick(record, "category") or "", "category")) or None,
            tags=_tags(_pick(record, "tags")),
            url=url,
            guid=clean_line(_as_text(_pick(record, "guid") or "", "guid")) or None,
            published_at=_date(_pick(record, "published_at"), "published_at"),
            added_at=_date(_pick(record, "added_at"), "added_at"),
            partial=_partial(_pick(record, "partial")),
            source=clean_line(_as_text(_pick(record, "source") or "", "source")) or source,
            location=location,
        )
    except ValueError as error:
        raise ParseError(str(error), source, location, original) from None
