"""Subscription lists in and out as OPML 2.0 (http://opml.org/spec2.opml), the format
every feed reader imports and exports.

A feed is an <outline> with an xmlUrl (any case: exporters disagree); its title is its
`title`, else its `text`. The folder outline around it is its category, as readers use
folders; its `category` attribute (comma-separated, slash-delimited as in RSS) gives
tags. newsctl's own settings (interval, full text) travel in attributes of its own
namespace, which other readers ignore, so an export imports back whole.

Read with the standard library's expat (no external entities); a list that declares
entities is refused, as feeds are.
"""

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsctl import __version__
from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import ParseError
from newsctl.fetch.subscriptions import Subscription
from newsctl.text import clean_line

NAMESPACE = "https://newsctl.invalid/opml"  # names newsctl's attributes; never fetched
MAX_OPML_BYTES = 16 * 2**20
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


@dataclass(frozen=True)
class ListedFeed:
    url: str
    title: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    every: int | None = None
    full_text: bool = False


def _attribute(element: ElementTree.Element, name: str) -> str | None:
    """An attribute by name in any case (xmlUrl, xmlurl, XMLURL), stripped; None if blank."""
    for key, value in element.attrib.items():
        if key.lower() == name.lower() and value.strip():
            return value.strip()
    return None


def _tags(category: str | None) -> tuple[str, ...]:
    """Tags from an outline's category attribute: "/News/Local, Sport" -> Local, Sport."""
    if not category:
        return ()
    names = (part.strip().rstrip("/").rsplit("/", 1)[-1] for part in category.split(","))
    return tuple(name for name in (clean_line(n) for n in names) if name)


def read_opml(data: bytes, source: str) -> list[ListedFeed]:
    """The feeds of an OPML subscription list; ParseError if it is not one."""
    if len(data) > MAX_OPML_BYTES:
        raise ParseError(f"larger than {MAX_OPML_BYTES // 2**20} MB; not read", source)
    if _ENTITY_DECLARATION.search(data):
        raise ParseError("declares XML entities; refused (they can read local files)", source)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as problem:
        raise ParseError(f"not readable XML ({problem})", source) from None
    body = root.find("body")
    if root.tag.lower() != "opml" or body is None:
        raise ParseError("not an OPML subscription list (no <opml> with a <body>)", source)
    return list(_outlines(body, None))


def _outlines(parent: ElementTree.Element, folder: str | None) -> Iterator[ListedFeed]:
    for outline in parent:
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        url = _attribute(outline, "xmlUrl")
        name = _attribute(outline, "title") or _attribute(outline, "text")
        if url is None:  # a folder: its feeds take its name as their category
            yield from _outlines(outline, clean_line(name or "") or folder)
            continue
        every = outline.get(f"{{{NAMESPACE}}}every", "")
        yield ListedFeed(
            url=url,
            title=clean_line(name or "") if name != url else None,
            category=folder,
            tags=_tags(_attribute(outline, "category")),
            every=int(every) if every.isdigit() else None,
            full_text=outline.get(f"{{{NAMESPACE}}}fullText") == "true",
        )


def write_opml(subscriptions: Iterable[Subscription]) -> str:
    """OPML 2.0 text: a folder per category, a feed outline per subscription."""
    ElementTree.register_namespace("newsctl", NAMESPACE)
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "newsctl subscriptions"
    ElementTree.SubElement(head, "dateCreated").text = format_timestamp(now_utc())
    ElementTree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ElementTree.SubElement(root, "body")
    folders: dict[str, ElementTree.Element] = {}
    for subscription in subscriptions:
        parent = body
        if subscription.category:
            if subscription.category not in folders:
                folders[subscription.category] = ElementTree.SubElement(
                    body, "outline", text=subscription.category, title=subscription.category
                )
            parent = folders[subscription.category]
        # OPML requires text; a feed without a title shows its url there (and has no title).
        attributes = {"type": "rss", "text": subscription.title or subscription.url}
        if subscription.title:
            attributes["title"] = subscription.title
        attributes["xmlUrl"] = subscription.url
        if subscription.tags:
            attributes["category"] = ",".join(subscription.tags)
        attributes[f"{{{NAMESPACE}}}every"] = str(subscription.every)
        if subscription.full_text:
            attributes[f"{{{NAMESPACE}}}fullText"] = "true"
        ElementTree.SubElement(parent, "outline", attributes)
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- newsctl {__version__} -->\n{text}\n'
