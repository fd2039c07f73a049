"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), which feedparser 6 does not
read: one article per item."""

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from newsctl.dates import DateError, parse_date
from newsctl.errors import ParseError, ParseWarning
from newsctl.labels import tag_list
from newsctl.models import Article
from newsctl.names import credit_name, person_names, wire_credit
from newsctl.parsers.entries import (
    absolute_link,
    entry_guids,
    entry_url,
    feed_scope,
    publisher_names,
)
from newsctl.parsers.markup import html_to_text
from newsctl.records import article_from_record
from newsctl.text import first_line


def is_json_feed(document: object) -> bool:
    """Whether a parsed JSON document is a JSON Feed (its "version" names jsonfeed.org)."""
    version = document.get("version") if isinstance(document, dict) else None
    return isinstance(version, str) and "jsonfeed.org/version" in version


def _people(container: dict) -> list[Any]:
    """The authors of a feed or an item: 1.1's "authors" list, else 1.0's "author" object."""
    authors = container.get("authors")
    if isinstance(authors, list) and authors:
        return authors
    author = container.get("author")
    return [author] if author else []


def _string(document: dict, key: str) -> str | None:
    """A feed's field when it is a string (a feed may hold anything there)."""
    value = document.get(key)
    return value if isinstance(value, str) else None


def _published(item: dict) -> tuple[object, str | None]:
    """An item's date_published (else date_modified) in the stored form, and why it was left
    out, if it was: as in RSS and Atom (parsers.feed), an entry whose date newsctl cannot
    read right (an unknown or ambiguous zone) is stored without it, and that is said."""
    for key in ("date_published", "date_modified"):
        raw = item.get(key)
        if not raw:
            continue
        if not isinstance(raw, str):
            return raw, None  # not a date at all: the record's own check rejects the item
        try:
            return parse_date(raw), None
        except DateError as problem:
            return None, f"{key} left out: {problem}"
    return None, None


def parse_json_feed(
    document: dict, source: str, *, base_url: str | None = None
) -> Iterator[Article | ParseError | ParseWarning]:
    """Articles of a JSON Feed; a bad item is yielded as a ParseError (its location), a date
    left out as a ParseWarning before its article.

    base_url is the document's own url when known: relative links resolve against it,
    else against the feed's feed_url or home_page_url. Those two resolve the same way
    (feed_url against the home page, the home page against feed_url) and are left out when
    they cannot be made absolute: feed_url "serves as the unique identifier for the feed"
    (JSON Feed 1.1), which a relative "/feed.json" is not: every site has one."""
    items = document.get("items")
    if not isinstance(items, list):
        raise ParseError("JSON Feed without an items list", source)
    # Items without authors have the feed's (JSON Feed 1.1, "authors").
    feed_authors = _people(document)
    home = _string(document, "home_page_url")
    own = absolute_link(_string(document, "feed_url"), base_url, home)
    site = absolute_link(home, base_url, own)
    title = _string(document, "title")
    scope = feed_scope(own=own or base_url, site=site, title=title)
    publisher = publisher_names(title)  # the feed's title and its parts name no person
    ids = entry_guids(scope, [item.get("id") if isinstance(item, dict) else None for item in items])
    for number, item in enumerate(items, start=1):
        location = f"item {number}"
        if not isinstance(item, dict):
            yield ParseError("JSON Feed item is not an object", source, location)
            continue
        link = item.get("url") or item.get("external_url")
        published, left_out = _published(item)
        record = {
            "title": item.get("title"),
            "body": html_to_text(item.get("content_html"))
            or item.get("content_text")
            or html_to_text(item.get("summary")),
            "url": entry_url(link, base_url, own, site, not_articles=(site, own, base_url))
            if isinstance(link, str)
            else None,
            "guid": ids[number - 1],
            "published_at": published,
            "tags": tag_list(tag for tag in item.get("tags") or [] if isinstance(tag, str)),
            # The body is text: content_html made so here, content_text is plain text (JSON
            # Feed 1.1). Read as HTML again, a tag it shows as text ("<table>") would go.
            "body_format": "text",
        }
        if not record["title"] and record["body"]:
            record["title"] = first_line(str(record["body"]), 80)
        people = [
            a.get("name") if isinstance(a, dict) else a for a in _people(item) or feed_authors
        ]
        try:
            article = article_from_record(record, source, location)
        except ParseError as problem:
            yield problem
            continue
        if left_out:
            yield ParseWarning(left_out, source, location)
        # Author objects are person constructs, not free-text bylines (names.person_names).
        authors = tuple(person_names(people, not_people=publisher))
        credit = None
        if not authors:  # a newsroom's name, else the wire its text names ("MADRID (EFE) -")
            named = credit_name([p for p in people if isinstance(p, str)])
            credit = named or wire_credit(article.body)
        yield replace(article, authors=authors, credit=credit)
