"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser, and JSON Feeds: one article per entry."""

import html
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO
from urllib.parse import urljoin

from newsctl.dates import DateError, parse_date
from newsctl.decoding import utf8_xml
from newsctl.errors import ParseError, ParseWarning
from newsctl.labels import category_and_tags
from newsctl.models import Article
from newsctl.names import author_names, credit_name, person_names, wire_credit
from newsctl.parsers import ParseOptions, read_document, xml_root
from newsctl.parsers.entries import (
    absolute_link,
    entry_guids,
    entry_url,
    feed_scope,
    publisher_names,
)
from newsctl.parsers.feed_cut import Cut, cut_off
from newsctl.parsers.json_cut import salvage
from newsctl.parsers.json_doc import read_cut
from newsctl.parsers.json_feed import is_json_feed, parse_json_feed
from newsctl.parsers.markup import html_to_text
from newsctl.text import clean_line, clean_text, first_line
from newsctl.urls import absolute_url


def _published(entry: Any) -> tuple[str | None, str | None]:
    """An entry's publication date (else its update or creation date) in the stored form,
    and why a date was left out, if one was.

    Dates are read by newsctl.dates alone: feedparser takes a zone it does not know
    ("CEST", "Eastern Daylight Time") as UTC, silently hours off, so its own reading
    is not used. A date newsctl cannot read is left out, and said.
    """
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own get() maps a missing "updated" to "published", warning.
        raw = dict.get(entry, key)
        if not raw:
            continue
        try:
            return parse_date(raw), None
        except DateError as problem:
            return None, f"{key} date left out: {problem}"
    return None, None


def _as_text(value: str, content_type: str | None) -> str:
    """A feed text construct as plain text: HTML converted, plain text (Atom type="text")
    kept as written, angle brackets included."""
    if content_type == "text/plain":
        return clean_text(value)
    return html_to_text(value)


def _body(entry: Any) -> str:
    """The fullest text of an entry: its content when given, else its summary."""
    texts = [
        _as_text(part.get("value", "") or "", part.get("type"))
        for part in entry.get("content", []) or []
    ]
    summary_type = (entry.get("summary_detail") or {}).get("type")
    texts.append(_as_text(entry.get("summary", "") or "", summary_type))
    return max(texts, key=len, default="")


def _people(entry: Any, *, atom: bool, not_people: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The people an entry (or a feed, or an Atom <source>) gives as its authors, in order:
    Atom <author><name>s (person constructs: names.person_names), RSS <author>s and
    every <dc:creator> (free-text bylines: names.author_names)."""
    details = entry.get("authors") or []
    if atom:
        names = [html_to_text(d.get("name")) for d in details if d.get("name")]
        return tuple(person_names(names, not_people=not_people))
    else:
        # RSS's <author> holds e-mail addresses, each optionally with a name ("news@example.com
        # (Jane Doe)", "Jane Doe <jane@example.com>, John Roe <john@example.com>"); feedparser
        # 6 cuts such fields into fragments ("on"), so the raw text goes to author_names whole.
        names = [d.get("name") for d in details if d.get("name") and "email" not in d]
        raw = entry.get("author") or ""
        if raw and ("@" in raw or not names):
            names.append(raw)
    return tuple(author_names([html_to_text(name) for name in names], not_people=not_people))


def _credit(entry: Any) -> str | None:
    """The newsroom or wire service an entry (or a feed) credits as its author when it names
    no person: "Reuters", "Staff", "dpa" (names.credit_name)."""
    details = entry.get("authors") or []
    raw = [html_to_text(d.get("name")) for d in details if d.get("name")]
    if entry.get("author"):
        raw.append(html_to_text(entry.get("author")))
    return credit_name(raw)


def _names_an_author(entry: Any) -> bool:
    """Whether an Atom entry (or <source>) has an author with a name of its own. Only an
    entry without one has its <source>'s or its feed's (RFC 4287 4.2.1); one whose author
    is the publisher (its name dropped as no person's) has no person as author, not the
    feed's people."""
    return any(d.get("name") for d in entry.get("authors") or ())


def _terms(entry: Any) -> list[str]:
    """An entry's categories (RSS <category>, Atom <category term>), in order."""
    return [tag.get("term") or tag.get("label") or "" for tag in entry.get("tags", [])]


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


_ENTITY_IN_TEXT = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


# A separator left at a title's end by a template whose site name was empty ("Ferry fares
# rise - "): nothing follows it.
_DANGLING_SEPARATOR = re.compile(r"\s+[-–—|:·•»]+$")


def _title(entry: Any, *, atom: bool) -> str:
    """An entry's title as text: a plain-text title (Atom type="text", RSS) is taken as
    written, so "<devnull>" stays; an HTML one is converted.

    An Atom title of type "text" (the default) is plain text, to be shown as it reads once
    the XML is read (RFC 4287 3.1.1.1; only type "html" holds escaped markup, 3.1.1.2), so
    "The &amp;nbsp; entity" is "The &nbsp; entity". RSS 2.0 does not say what a title
    holds, and publishers escape them twice ("&amp;#8217;"): an entity left in one is
    decoded once more.
    """
    raw = entry.get("title", "") or ""
    if (entry.get("title_detail") or {}).get("type", "text/plain") == "text/plain":
        if not atom and _ENTITY_IN_TEXT.search(raw):
            raw = html.unescape(raw)
        return _DANGLING_SEPARATOR.sub("", clean_line(raw))
    return _DANGLING_SEPARATOR.sub("", clean_line(html_to_text(raw)))


def _link(entry: Any, *, atom: bool) -> str | None:
    """An entry's (or a feed's) link: its RSS <link> or Atom <link rel="alternate">, else,
    in RSS, its guid when that is an absolute http(s) url; None without one.

    feedparser gives an item without a link its permalink guid as the link (RSS 2.0:
    isPermaLink defaults to true; feedparser's "guidislink"), and an Atom entry its id. A
    permalink guid is "a url that can be opened in a Web browser" (RSS 2.0); a bare one
    ("1", "ep-12") is only a name, and resolved against the site it would be a made-up url,
    the same for two feeds' "1". An Atom id is never a link: "Atom Processors MUST NOT
    assume it can be dereferenced" (RFC 4287 4.2.6).
    """
    link = entry.get("link")
    if not link or any(item.get("href") == link for item in entry.get("links") or ()):
        return link  # a link element's (feedparser lists those in "links", never an id)
    return None if atom or absolute_url(link) is None else link


# RSS guids their feed marks as no permalink (RSS 2.0: isPermaLink="false"), whose text
# feedparser never resolved against a base.
_NOT_PERMALINK = re.compile(
    rb"<guid\b[^>]*\bisPermaLink\s*=\s*[\"']false[\"'][^>]*>\s*(?:<!\[CDATA\[)?(.*?)"
    rb"(?:\]\]>)?\s*</guid>",
    re.IGNORECASE | re.DOTALL,
)


def _not_permalinks(data: bytes) -> set[str]:
    """The texts of the guids a feed marks isPermaLink="false" (none is read when no guid
    says so), as feedparser gives them (entities decoded, white space trimmed)."""
    if b"ispermalink" not in data.lower():
        return set()
    return {
        html.unescape(found.decode("utf-8", "replace")).strip()
        for found in _NOT_PERMALINK.findall(data)
    }


def _stored_id(entry: Any, not_permalinks: set[str]) -> str | None:
    """An entry's id in the form newsctl has always stored it: as feedparser read it before
    _feedparser kept ids as written, resolved (RFC 3986) against the base in force at the
    entry (its xml:base, else the document's url), except a guid marked isPermaLink="false",
    which feedparser left as written. Only the guid keeps this form, so that archives
    recognise the entries they hold ("1" fetched from https://pike.example/feeds/ was stored
    as "https://pike.example/feeds/1"); such an id never gives the entry's url (_link)."""
    raw = entry.get("id")
    if not isinstance(raw, str) or not raw.strip() or raw.strip() in not_permalinks:
        return raw
    details = [
        entry.get("title_detail"),
        entry.get("summary_detail"),
        *(entry.get("content") or ()),
    ]
    base = next((d.get("base") for d in details if d and d.get("base")), None)
    if not base:
        return raw
    try:
        return urljoin(base, raw.strip())
    except ValueError:  # a base or id that is no url ("http://[x")
        return raw


def _self_link(feed: Any) -> str | None:
    """The url a feed states for itself: its Atom (or, in RSS, atom:) link rel="self"."""
    for link in feed.get("links") or ():
        if link.get("rel") == "self" and link.get("href"):
            return link["href"]
    return None


def _feedparser() -> Any:
    """feedparser, set to keep entry ids as written.

    feedparser resolves a permalink guid (every guid without isPermaLink="false") and every
    Atom id against the base in force (xml:base, the document's url) as if it were a link:
    "1" in https://pike.example/feeds/sport.rss would become https://pike.example/feeds/1,
    a made-up url, and the same for the site's other feeds. An id is a name: an Atom id
    "MUST NOT change" when its document is relocated (RFC 4287 4.2.6), and a guid is "a
    string that uniquely identifies the item" (RSS 2.0). feedparser has no option for
    this, so "id" is taken out of the elements it resolves (the class set
    can_be_relative_uri, read as each element ends); links, logos and the rest are still
    resolved. tests/test_cases.py checks that it holds with the installed feedparser.

    An xml:base also ends with its element (XML Base 4.1): feedparser 6 only goes back to
    the enclosing element's base when that base is not empty, so in a document read
    without a url, an item's xml:base stayed in force for every later item of the
    channel ("../2024/x" of the next item resolved against the first item's cdn host).
    The end of each element now restores the enclosing base, empty or not.
    """
    import feedparser
    from feedparser import mixin

    parser = getattr(mixin, "_FeedParserMixin", None)
    if parser is not None and "id" in getattr(parser, "can_be_relative_uri", ()):
        parser.can_be_relative_uri = parser.can_be_relative_uri - {"id"}
    if parser is not None and not getattr(parser, "_newsctl_scoped_base", False):
        end_tag = parser.unknown_endtag

        def unknown_endtag(self: Any, tag: str) -> None:
            depth = len(getattr(self, "basestack", ()))
            end_tag(self, tag)
            stack = getattr(self, "basestack", ())
            if len(stack) < depth and stack:  # the element's base popped: its parent's again
                self.baseuri = stack[-1]

        parser.unknown_endtag = unknown_endtag
        parser._newsctl_scoped_base = True
    return feedparser


def _cut_off(data: bytes, feed: Any) -> Cut | None:
    """Where a feed that is not well-formed XML breaks off before its end, with how many
    entries are whole (feed_cut.cut_off); None for a whole feed. feedparser still gives
    the entry a file is cut off in, with its text cut."""
    return cut_off(data) if feed.get("bozo") else None


def _read_before(complete: int) -> str:
    """How many whole entries were read before a break, as the end of a message."""
    if complete == 1:
        return "1 complete entry before it was read"
    return f"{complete} complete entries before it were read"


def parse(
    stream: BinaryIO, source: str, options: ParseOptions
) -> Iterator[Article | ParseError | ParseWarning]:
    # UTF-8 bytes whatever the feed's encoding, so feedparser cannot misread it (newsctl.decoding).
    data = utf8_xml(read_document(stream, source), source)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            problem = ParseError("not a readable JSON Feed (invalid JSON)", source)
            text = data.decode("utf-8", errors="replace")
            cut = salvage(text)
            if cut is None or not isinstance(cut.document, dict):
                raise problem from None
            yield from read_cut(cut, source, problem, options.base_url)
            return
        if not is_json_feed(document):
            raise ParseError("JSON, but not a JSON Feed", source)
        yield from parse_json_feed(document, source, base_url=options.base_url)
        return
    _refuse_hostile(data, source)
    feedparser = _feedparser()

    # Bytes, never a url or path: feedparser would otherwise fetch or open it. The document's
    # own url, when known, is the base for relative links (as an HTTP Content-Location is).
    headers = {"content-location": options.base_url} if options.base_url else None
    feed = feedparser.parse(
        data, sanitize_html=True, resolve_relative_uris=True, response_headers=headers
    )
    if not feed.entries:
        start = data[:4096].lower()
        root, _ = xml_root(data[:8192]) or (None, False)
        if root == "html" or b"<html" in start:
            raise ParseError("an HTML page, not a feed", source)
        if root == "opml" or b"<opml" in start:
            raise ParseError(
                "an OPML subscription list, not a feed ('newsctl feeds import' subscribes"
                " to its feeds)",
                source,
            )
        if feed.get("bozo"):
            reason = str(feed.get("bozo_exception", "")).splitlines()[0:1]
            raise ParseError(f"not a readable feed ({''.join(reason) or 'malformed XML'})", source)
        if not feed.get("version"):
            # Any XML document comes here when no extension names its format (a sitemap, SVG).
            named = f" (an XML document whose root is <{root}>)" if root else ""
            raise ParseError(f"not an RSS or Atom feed{named}", source)
        return
    atom = feed.get("version", "").startswith("atom")
    not_permalinks = set() if atom else _not_permalinks(data)
    # The feed's own url: the one it was fetched from, else the one it states (its self
    # link), made absolute (RFC 3986 5.1); the base for its entries' relative links, then
    # its site link.
    site_link = _link(feed.feed, atom=atom)
    stated = absolute_link(_self_link(feed.feed), site_link)
    own = options.base_url or stated
    site = absolute_link(site_link, own)
    # Entry ids are scoped as they always were (the stored guids of a feed read from a file
    # stay the same); the self link names the feed only when nothing else does.
    scope = feed_scope(
        own=options.base_url,
        feed_id=feed.feed.get("id") if atom else None,
        site=site,
        title=feed.feed.get("title"),
    ) or feed_scope(own=stated)
    # In Atom, an entry without an author has its <source>'s, else the feed's (RFC 4287,
    # 4.2.1); an RSS channel's authors are not its items'.
    # A feed's own title names the publisher, not a person (names.author_names), and so do
    # its parts ("Port Alder Gazette – Local news").
    publisher = publisher_names(feed.feed.get("title"))
    feed_people = _people(feed.feed, atom=True, not_people=publisher) if atom else ()
    cut = _cut_off(data, feed)
    guids: dict[str, str] = {}  # guid -> the entry that gave it first
    entry_ids = entry_guids(scope, [_stored_id(entry, not_permalinks) for entry in feed.entries])
    for number, entry in enumerate(feed.entries, start=1):
        location = f"entry {number}"
        if cut is not None and number > cut.complete:
            yield ParseError(
                f"entry cut off: the feed ends inside it (the XML breaks off at {cut.where}); "
                + _read_before(cut.complete),
                source,
                location,
                {key: entry.get(key) for key in ("title", "link", "id") if entry.get(key)},
            )
            continue
        body = _body(entry)
        title = _title(entry, atom=atom) or first_line(body, 80)
        if not title:
            record = {key: entry.get(key) for key in ("id", "link", "published") if entry.get(key)}
            yield ParseError("entry has neither a title nor any text", source, location, record)
            continue
        people = _people(entry, atom=atom, not_people=publisher)
        credit = None if people else _credit(entry)
        if atom and not _names_an_author(entry):
            source_feed = entry.get("source") or {}
            people = _people(source_feed, atom=True) or feed_people
            credit = None if people else _credit(source_feed) or _credit(feed.feed)
        if not people and not credit:
            credit = wire_credit(body)  # "WASHINGTON (AP) — …"
        category, tags = category_and_tags(_terms(entry))
        published, left_out = _published(entry)
        if left_out:
            yield ParseWarning(left_out, source, location)
        guid = entry_ids[number - 1]
        if guid is not None and guid in guids:
            # A feed's ids tell its entries apart (RSS 2.0, RFC 4287 4.2.6); one that repeats
            # names neither: each entry is known by its link or text, not one by the other.
            yield ParseWarning(
                f"guid {entry.get('id')!r} repeats {guids[guid]}'s: known by its link or text",
                source,
                location,
            )
            guid = None
        elif guid is not None:
            guids[guid] = location
        yield Article(
            title=title,
            body=body,
            authors=people,
            credit=credit,
            # An entry's first category is its section; any others are tags.
            category=category,
            tags=tags,
            url=entry_url(_link(entry, atom=atom), own, site, not_articles=(site, own)),
            guid=guid,
            published_at=published,
            source=source,
            location=location,
        )
    if cut is not None and cut.complete >= len(feed.entries):
        # Cut between entries (or inside a tag): no entry is cut, the feed's end is missing.
        yield ParseError(
            f"feed cut off: the XML breaks off at {cut.where}, after its last complete entry; "
            + _read_before(cut.complete),
            source,
        )
