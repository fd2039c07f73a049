"""Turning a loose record (a JSON object, a CSV row, a feed entry) into an Article.

All record-shaped formats share these field names and aliases, so a file
exported by newsctl, a scraper's JSONL and a spreadsheet's CSV read alike.
"""

import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from newsctl.dates import NoDateError, format_timestamp, parse_date
from newsctl.errors import ParseError, ParseWarning
from newsctl.labels import category_and_tags, tag_list
from newsctl.models import Article
from newsctl.names import author_names, credit_name, person_names, wire_credit
from newsctl.parsers.entries import is_global_id
from newsctl.parsers.markup import html_to_text
from newsctl.parsers.not_articles import MAX_LETTERS, not_an_article
from newsctl.text import clean_line, clean_text
from newsctl.urls import absolute_url

# No news article comes near this; a record that does is a scraping accident or an attack.
MAX_BODY_CHARS = 10_000_000


def field_key(name: object) -> str:
    """A field name as records are matched by it: lower case, without spaces, "_" or "-"
    ("Published Date", "published_at" and "publishedAt" are one name)."""
    return re.sub(r"[\s_-]+", "", str(name).strip().lower())


# Field name -> the names accepted for it, in order of preference: newsctl's own (its
# exports), common scraper and spreadsheet names, and schema.org's NewsArticle properties
# (headline, articleBody, datePublished, articleSection, keywords), compared by field_key.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("body", "articleBody", "content", "text", "full_text", "article", "description",
             "summary"),
    "author": ("authors", "author", "author_name", "byline", "creator"),
    "author_bio": ("author_bio", "bio"),
    "credit": ("credit",),
    "category": ("category", "section", "articleSection"),
    "tags": ("tags", "keywords"),
    "url": ("url", "link", "href", "canonical_url", "permalink"),
    "guid": ("guid",),
    "published_at": ("published_at", "published", "date_published", "published_date",
                     "publication_date", "date", "pubdate", "datetime", "date_created",
                     "created_at"),
    "added_at": ("added_at",),
    "source": ("source",),
    "partial": ("partial",),
}  # fmt: skip
_KEYS = {field: tuple(field_key(name) for name in names) for field, names in FIELD_ALIASES.items()}
# A date field's twin holding the same moment in UTC: WordPress's REST API and exports write
# "date" (the site's local time, without an offset) beside "date_gmt", and "modified" beside
# "modified_gmt"; other tools write "published_at_utc". Compared by field_key.
_UTC_TWINS = ("gmt", "utc")
_EMPTY = (None, "", [], {})
# NewsAPI (newsapi.org/docs/endpoints/everything) cuts "content" at 200 characters and says
# how much is left: "… [+1234 chars]". The text is a teaser, not the article.
_CUT_MARKER = re.compile(r"\s*\[\+\d[\d,]* chars\]\s*\Z")
# Keys under which an API response wraps its list of records: NewsAPI's "articles", Ghost's
# Content API "posts", JSON:API's and many others' "data", and the "items", "entries",
# "results" and "records" of other APIs and exports; compared by field_key. (A JSON Feed's
# "items" is read as a feed first: parsers.json_feed.)
WRAPPER_KEYS = ("articles", "posts", "items", "entries", "results", "records", "data")
# Markup in a record's body: a scraper that kept the page's HTML. (Angle brackets around
# other words, "<devnull>", are text.) A record's "body_format" ("text" or "html", as
# newsctl's exports write it) says which without guessing.
_HTML_BODY = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|u|ul|ol|li|h[1-6]|blockquote|img|figure|"
    r"figcaption|table|tr|td|section|article|pre|code)\b[^<>]{0,500}>",
    re.IGNORECASE,
)


def _pick(record: Mapping[str, Any], field: str) -> Any:
    """The first non-empty value among the field's accepted names (keys already field_key'd)."""
    for name in _KEYS[field]:
        value = record.get(name)
        if value not in _EMPTY:
            return value
    return None


def _pick_dates(record: Mapping[str, Any], field: str) -> list[Any]:
    """The values of a date field to try, best first: of the first accepted name that has
    a value (itself or its UTC twin), the UTC twin ("date_gmt") before the name ("date").

    The twin is preferred whatever the other says: written with an offset, the local time
    names the same moment; written without one (as WordPress does), read as UTC it would be
    the site's offset off. The name itself remains for when the twin is MySQL's zero date
    (WordPress's unpublished posts)."""
    for name in _KEYS[field]:
        values = [record.get(name + twin) for twin in _UTC_TWINS] + [record.get(name)]
        values = [value for value in values if value not in _EMPTY]
        if values:
            return values
    return []


def wrapped_records(document: Any) -> list[Any] | None:
    """The records of an API response that wraps them in an object, or None for an object
    that is a record itself. `{"status": "ok", "totalResults": 2, "articles": [{…}, {…}]}`
    (NewsAPI) gives its two articles; so does a list of objects under another of
    WRAPPER_KEYS. An object with a title is a record whatever lists it holds, and so is one
    whose list under such a key holds anything but objects ("items": ["a", "b"])."""
    if not isinstance(document, Mapping) or document.get("title") not in _EMPTY:
        return None  # the common case first: JSON Lines records ask this once each
    keys = {field_key(key): value for key, value in document.items()}
    if any(keys.get(name) not in _EMPTY for name in _KEYS["title"]):
        return None
    for name in WRAPPER_KEYS:
        value = keys.get(name)
        if isinstance(value, list) and all(isinstance(item, Mapping) for item in value):
            return value
    return None


def _scalar_text(value: Any, field: str) -> str:
    """A text, a number as written, an object's "name" (NewsAPI's source, a schema.org
    Person or Organization) as text, or the text of a WordPress REST API field given as
    HTML (its title, content, excerpt and guid: `{"rendered": "Hi &amp; bye"}` → "Hi &
    bye"; developer.wordpress.org/rest-api/reference/posts); ValueError for anything else."""
    if isinstance(value, Mapping) and "name" in value:
        value = value["name"] if value["name"] is not None else ""
    elif isinstance(value, Mapping) and "rendered" in value:
        value = html_to_text(_scalar_text(value["rendered"] or "", field))
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{field} must be text, not {type(value).__name__}")
    return str(value)


def _as_text(value: Any, field: str) -> str:
    """A single-valued field as text (_scalar_text); of a list, its first non-empty text
    (scrapers such as Scrapy write every field as a list), "" when it has none."""
    if isinstance(value, list | tuple):
        texts = (_scalar_text(item, field) for item in value if item not in _EMPTY)
        return next((text for text in texts if text.strip()), "")
    return _scalar_text(value, field)


def _body(value: Any) -> str:
    """A record's body as text; a list is the body's parts (a scraper's paragraphs), each
    one a paragraph, where any other field's list gives its first text (_as_text)."""
    if isinstance(value, list | tuple):
        texts = (_scalar_text(item, "body") for item in value if item not in _EMPTY)
        return "\n\n".join(text for text in texts if text.strip())
    return _as_text(value or "", "body")


def _category(value: Any) -> tuple[str | None, tuple[str, ...]]:
    """A record's category, and the tags its value brings. A list is a source's ordered
    terms, read as a feed's categories are (labels.category_and_tags): the first is the
    category, the others tags. A text is one category, commas and all."""
    if isinstance(value, list | tuple):
        return category_and_tags(
            _scalar_text(item, "category") for item in value if item not in _EMPTY
        )
    return clean_line(_as_text(value or "", "category")) or None, ()


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
        value = [_scalar_text(item, "tags") for item in value]
    return tag_list(value)


def _is_organisation(item: Mapping) -> bool:
    """Whether an author object is typed as an organisation (schema.org allows an
    Organization as `author`; its name is a newsroom's or a publisher's, never a person's)."""
    if "@type" not in item:
        return False
    # Imported here: page_evidence brings lxml, which plain record formats never need.
    from newsctl.parsers.page_evidence import PUBLISHER_TYPES, schema_types

    return bool(schema_types(dict(item)) & PUBLISHER_TYPES)


def _authors(value: Any) -> tuple[list[str], list[str], str | None]:
    """The names in an author field, the organisations it credits, and the lead author's bio.

    The field may be a name, an object with a "name" (JSON Feed, schema.org Person or
    Organization), or a list of either; a JSON array in a CSV cell is read as a list.
    """
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass
    items = value if isinstance(value, list | tuple) else [value]
    names: list[str] = []
    organisations: list[str] = []
    bio: str | None = None
    for item in items:
        found = names
        if isinstance(item, Mapping):
            if _is_organisation(item):
                found = organisations
            elif not names:
                bio = item.get("bio") or item.get("description")
            item = item.get("name")
        if item in (None, ""):
            continue
        found.append(_as_text(item, "author"))
    if bio is not None:
        bio = _as_text(bio, "author_bio")
    return names, organisations, bio


def _credit(
    record: Mapping[str, Any],
    names: list[str],
    organisations: list[str],
    authors: tuple[str, ...],
    *,
    trusted: bool,
    infer: bool,
) -> str | None:
    """A record's credit: its "credit" field, else, when its author field names no person,
    the newsroom or organisation it names (names.credit_name). The field is taken as
    written from newsctl's export and a person (`trusted`); in others' records it is often
    a picture's credit ("Getty Images"), so it must name a newsroom or a wire service.
    Without `infer`, the field alone is the credit."""
    value = _pick(record, "credit")
    if value not in _EMPTY:
        text = clean_line(_as_text(value, "credit")) or None
        return text if trusted or not text else credit_name(text)
    if authors or not infer:
        return None
    return credit_name(names) or credit_name(organisations, organisation=True)


def _names(names: list[str], organisations: list[str], *, exported: bool) -> list[str]:
    """The people of a record's author field. A byline is read as bylines are
    (names.author_names); a record of newsctl's export (body_format "text") lists the
    names an archive stored, each one author as declared (names.person_names), so a
    group a feed credited ("Planet Editors") comes back with its article."""
    if exported:
        return person_names(names, not_people=organisations)
    return author_names(names, not_people=organisations)


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


def _guid(value: Any) -> str | None:
    """A record's guid, when it identifies the article by itself: newsctl's own scoped form
    ("https://site.example Sport 1", as exported) or a URI ("urn:uuid:…", "tag:…"). A
    bare "1" could be any feed's first item, so it is not used (the url or text is)."""
    if value is None:
        return None
    text = clean_line(_as_text(value, "guid"))
    if " " in text or is_global_id(text):
        return text
    return None


def _cut_off(body: str) -> tuple[str, bool]:
    """A body without NewsAPI's mark of a cut text ("Text of the first 200 characters…
    [+1234 chars]" → "Text of the first 200 characters…"), and whether it had the mark.
    The ellipsis stays: the text does end mid-sentence."""
    if not body.rstrip().endswith("]"):
        return body, False
    cut = _CUT_MARKER.sub("", body)
    return cut, cut != body


def _site_names(record: Mapping[str, Any]) -> list[str]:
    """The names a record gives its site: its source object's "name" (NewsAPI's
    `"source": {"id": "bbc-news", "name": "BBC News"}`) and a "site_name" field (og:site_name
    as scrapers keep it). A "source" given as text is where the record came from (newsctl's
    own exports: a file or a feed), not a site's name, and leaves the title as it is."""
    names = []
    source = record.get("source")
    if isinstance(source, Mapping) and isinstance(source.get("name"), str):
        names.append(source["name"])
    site_name = record.get("sitename")
    if isinstance(site_name, str):
        names.append(site_name)
    return [name for name in (clean_line(name) for name in names) if name]


def _without_site_name(title: str, names: list[str]) -> str:
    """A title without the record's site name before or after it, as a page's <title> loses
    it ("Ferry fares rise - BBC News" → "Ferry fares rise": page_title.strip_site_name);
    the title as it is when nothing but the site's name would be left."""
    # Imported here: page_title brings lxml, which plain record formats never need.
    from newsctl.parsers.page_evidence import SiteNames
    from newsctl.parsers.page_title import strip_site_name

    return strip_site_name(title, SiteNames(names, None)) or title


def _partial(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _date(values: list[Any], field: str, left_out: list[str] | None) -> str | None:
    """The stored form of the first of a date field's values (_pick_dates) that holds a
    date. A value that says there is none (MySQL's zero date, dates.NoDateError) is skipped;
    when no other holds a date, that is said in left_out, or without left_out a ValueError.
    Any other unreadable value is a ValueError: the record is rejected, not stored undated."""
    none_given: NoDateError | None = None
    for value in values:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _epoch_date(value, field)
        try:
            return parse_date(_as_text(value, field))
        except NoDateError as error:
            none_given = none_given or error
        except ValueError as error:
            raise ValueError(f"{field}: {error}") from None
    if none_given is not None:
        if left_out is None:
            raise ValueError(f"{field}: {none_given}")
        left_out.append(f"{field} left out: {none_given}")
    return None


# A JSON number as a date is a Unix time: seconds since 1970-01-01T00:00:00Z (POSIX), or
# milliseconds, as JavaScript's Date.now() and many APIs give it. 10^11 seconds is the year
# 5138, and 10^11 milliseconds 1973: a number above it is taken for milliseconds.
_MILLISECONDS_FROM = 10**11


def _epoch_date(value: float, field: str) -> str:
    """The stored form of a Unix time in seconds or milliseconds; ValueError if out of range."""
    seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
    try:
        return format_timestamp(datetime.fromtimestamp(seconds, UTC))
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{field}: not a Unix time: {value!r}") from None


def read_record(
    record: Any, source: str, location: str = ""
) -> Iterator[Article | ParseError | ParseWarning]:
    """What a record format yields for one record: the values left out of it (ParseWarning,
    a MySQL zero date), then its Article; or the ParseError saying why it was rejected."""
    left_out: list[str] = []
    try:
        article = article_from_record(record, source, location, left_out=left_out, from_file=True)
    except ParseError as error:
        yield error
        return
    for message in left_out:
        yield ParseWarning(message, source, location)
    yield article


def article_from_record(
    record: Any,
    source: str,
    location: str = "",
    *,
    left_out: list[str] | None = None,
    from_file: bool = False,
    infer_credit: bool = True,
) -> Article:
    """An Article from a mapping of article fields; ParseError says what is wrong and where.

    A value that says it is none (MySQL's zero date) is left out and said in `left_out`
    ("published_at left out: no date: …"); without that list it is a ParseError too.
    `from_file`: the record was read from a file (JSON, JSON Lines, CSV), which a scraper
    may have filled with what a server answered instead of the article (a 404 page, a bot
    challenge: parsers.not_articles); such a record is a ParseError. A person's own (add,
    edit) and an export's (body_format "text") are articles a person kept.
    `infer_credit`: without a "credit" field, credit the newsroom its author field or its
    text's dateline names (names.credit_name, names.wire_credit); an edit says it whole."""
    if not isinstance(record, Mapping):
        raise ParseError(
            f"expected an object with article fields, got {type(record).__name__}",
            source,
            location,
            record,
        )
    if from_file and "$schema" in record:
        # JSON Schema documents and the configuration files that name their schema
        # (tsconfig.json, .vscode settings) have titles and descriptions, but no article.
        raise ParseError(
            "a JSON Schema or configuration file ($schema), not an article", source, location
        )
    original = record
    record = {field_key(key): value for key, value in record.items()}
    try:
        names, organisations, lead_bio = _authors(_pick(record, "author"))
        author_bio = _pick(record, "author_bio") or lead_bio
        title = clean_line(_as_text(_pick(record, "title") or "", "title"))
        if not title:
            raise ValueError("no title")
        if site_names := _site_names(record):
            title = _without_site_name(title, site_names)
        url = _url(_pick(record, "url"))
        raw_body = _pick(record, "body")
        body = _body(raw_body)
        if len(body) > MAX_BODY_CHARS:
            raise ValueError(f"body longer than {MAX_BODY_CHARS:,} characters")
        body_format = str(record.get(field_key("body_format")) or "").casefold()
        exported = body_format == "text"
        # A WordPress "rendered" body is HTML that _scalar_text made text already: read as
        # HTML again, a tag it shows as text ("Use the <table> element") would go.
        if isinstance(raw_body, Mapping) and "rendered" in raw_body:
            body_format = "text"
        if body_format == "html" or (body_format != "text" and _HTML_BODY.search(body)):
            body = html_to_text(body)
        body, cut_off = _cut_off(body)
        # A scraper's record of what a server answered instead of the article (a 404 page,
        # Cloudflare's "Just a moment..."): rejected as such a page is. Such a page is short:
        # letters and digits are most of any text's characters (about 80% of prose), so a
        # body twice MAX_LETTERS long is longer than one (and costs the check nothing).
        if from_file and body_format != "text" and len(body) <= 2 * MAX_LETTERS:
            lines = body.strip().splitlines()
            if reason := not_an_article(title, [], lines, first_line=False):
                raise ValueError(reason)
            # A table of numbers read as records ("title,body" over "1,2"): no headline is
            # written without a letter, nor is an article's text (as for saved pages).
            if not any(ch.isalpha() for ch in title + body):
                raise ValueError("no words to read as an article (numbers or symbols only)")
        category, category_tags = _category(_pick(record, "category"))
        # An organisation credited beside people is not one of them, by any spelling.
        authors = tuple(_names(names, organisations, exported=exported))
        return Article(
            title=title,
            body=clean_text(body),
            authors=authors,
            credit=_credit(
                record,
                names,
                organisations,
                authors,
                trusted=exported or not from_file,
                infer=infer_credit and not exported,
            )
            # newsctl's own export says the credit it had; others' text may name its wire.
            or (wire_credit(body) if infer_credit and not (authors or exported) else None),
            author_bio=clean_text(_as_text(author_bio, "author_bio")) or None
            if author_bio
            else None,
            category=category,
            tags=tag_list((*_tags(_pick(record, "tags")), *category_tags)),
            url=url,
            guid=_guid(_pick(record, "guid")),
            published_at=_date(_pick_dates(record, "published_at"), "published_at", left_out),
            added_at=_date(_pick_dates(record, "added_at"), "added_at", left_out),
            partial=_partial(_pick(record, "partial")) or cut_off,
            source=clean_line(_as_text(_pick(record, "source") or "", "source")) or source,
            location=location,
        )
    except ValueError as error:
        raise ParseError(str(error), source, location, original) from None
