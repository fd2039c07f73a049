"""What an HTML page says about itself: title, authors, publication instant, url, site, tags.

Gathers the evidence (page_evidence), then decides field by field: the title
(page_title), the authors (page_authors), and here the publication instant,
the category and the tags. Pure: a parsed lxml tree in, a PageMetadata out.
"""

import re
import warnings
from dataclasses import dataclass

from lxml.html import HtmlElement

from newsctl.dates import parse_date
from newsctl.parsers.page_authors import author_sources, choose_authors
from newsctl.parsers.page_evidence import (
    PageEvidence,
    SiteNames,
    beside_article,
    element_text,
    gather,
    json_text,
    site_names,
    value_text,
)
from newsctl.parsers.page_title import choose_title


@dataclass(frozen=True)
class PageMetadata:
    """A page's own account of itself; None or () where it says nothing usable."""

    title: str | None
    authors: tuple[str, ...]
    # The stored form: UTC, "2024-04-30T23:30:00Z".
    published_at: str | None
    url: str | None
    site_name: str | None
    category: str | None
    tags: tuple[str, ...]


# -- publication instant ----------------------------------------------------------------------

# Meta tags for the publication time: Open Graph article:published_time, Dublin Core and
# DCMI terms, Parse.ly, Sailthru, Highwire/Google Scholar, and common unprefixed names.
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "published_time", "article:published", "datepublished", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "parsely-pub-date",
    "sailthru.date", "citation_publication_date", "citation_date", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "date", "dc.date", "dcterms.date",
    "dc:date", "article.published", "cxenseparse:recs:publishtime",
)  # fmt: skip
# "18.10.2019 10:00": dotted dates are day first wherever they are written (dateutil would
# read "10.11.2019" as October 11th).
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# htmldate's output with the time of day and the zone when the page gives them; for its
# default format, "%Y-%m-%d", it keeps only the day.
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_HAS_OFFSET = re.compile(r"[+-]\d{2}:?\d{2}$")
# Older "publication dates" are misreadings (copyright lines, ids that look like dates).
_EARLIEST = "1990-01-01"
# Zone abbreviations that pages write after a time and that name one offset only (their
# definitions in the IANA time zone database); dateutil knows none of them but UTC and GMT.
# Ambiguous ones ("CST": US Central or China; "IST": India, Ireland or Israel) are not here.
_ZONES = {
    "CET": "+01:00", "CEST": "+02:00", "MEZ": "+01:00", "MESZ": "+02:00", "WET": "+00:00",
    "WEST": "+01:00", "EET": "+02:00", "EEST": "+03:00", "BST": "+01:00", "MSK": "+03:00",
    "EST": "-05:00", "EDT": "-04:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00", "AKST": "-09:00", "AKDT": "-08:00", "HST": "-10:00",
    "JST": "+09:00", "KST": "+09:00", "HKT": "+08:00", "SGT": "+08:00", "AEST": "+10:00",
    "AEDT": "+11:00", "ACST": "+09:30", "AWST": "+08:00", "NZST": "+12:00", "NZDT": "+13:00",
}  # fmt: skip
_ZONE_AFTER_TIME = re.compile(r"(\d{1,2}:\d{2}(?::\d{2})?)\s*\(?([A-Z]{3,4})\)?$")


def stored_instant(text: str) -> str | None:
    """A date or date-time written in a page, as the stored UTC form; None if unreadable.

    Dates without a time are midnight UTC of that day (newsctl.dates). Zone
    abbreviations with one meaning ("CEST") become their offsets; a time whose
    zone cannot be resolved would be taken as UTC by dateutil, so it is refused
    rather than stored hours off.
    """
    text = value_text(text)
    dotted = _DOTTED_DATE.match(text)
    if dotted:
        day, month, year = dotted.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}{text[dotted.end() :]}"
    zone = _ZONE_AFTER_TIME.search(text)
    if zone and zone.group(2) in _ZONES:  # "10:00 CEST" → "10:00 +02:00"
        text = f"{text[: zone.start()]}{zone.group(1)} {_ZONES[zone.group(2)]}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            stored = parse_date(text)
        except (ValueError, OverflowError):
            return None
    if caught:  # dateutil's UnknownTimezoneWarning: it ignored the zone
        return None
    return stored if stored[:10] >= _EARLIEST else None


def date_sources(evidence: PageEvidence) -> list[tuple[str, str]]:
    """The page's own statements of when it was published, most trusted first."""
    tree = evidence.tree
    found = [
        ("json-ld", evidence.article.get("datePublished")),
        ("json-ld", evidence.article.get("dateCreated")),
        *(("meta", value) for name in _PUBLISHED_META for value in evidence.meta.get(name, [])),
    ]
    # Visible dates, but not those of comments or of lists of other articles.
    for element in tree.xpath("//*[@itemprop='datePublished'][not(self::meta)]"):
        if not beside_article(element):
            text = element.get("datetime") or element.get("content") or element_text(element)
            found.append(("microdata", text))
    for element in tree.xpath(
        "//time[@pubdate][@datetime] | //time[contains(@class, 'publish')][@datetime]"
    ):
        if not beside_article(element):
            found.append(("time", element.get("datetime")))
    return [(source, value) for source, value in found if isinstance(value, str) and value.strip()]


def htmldate_instant(evidence: PageEvidence) -> str | None:
    """htmldate's reading of the page's original publication date, as the stored form."""
    from htmldate import find_date

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            found = find_date(
                evidence.tree, original_date=True, outputformat=_HTMLDATE_FORMAT, url=evidence.url
            )
        # A date is optional: no error of htmldate's on an odd page may stop an import.
        except Exception:
            return None
    if not found:
        return None
    # htmldate drops a zone it does not know ("10:00 QQT" becomes "10:00", with or without
    # dateutil's warning): a time without an offset may be hours off, only its day is sure.
    if caught or not _HAS_OFFSET.search(found):
        return stored_instant(found[:10])
    return stored_instant(found)


def choose_published(evidence: PageEvidence) -> str | None:
    """When the page was first published: its own metadata first, then htmldate's search.

    The metadata keeps the time and zone the publisher gave; htmldate (with
    original_date=True) also reads dates from the url and the text, but often
    only the day. On the tuning half they disagreed on the day on 2 of 173
    pages; htmldate alone kept the time on 79 of 118 pages whose metadata had one.
    """
    for _, text in date_sources(evidence):
        instant = stored_instant(text)
        if instant:
            return instant
    return htmldate_instant(evidence)


# -- category and tags ------------------------------------------------------------------------


def _keywords(value: object) -> list[str]:
    """schema.org `keywords`: a list, or one comma-separated string."""
    if isinstance(value, list):
        return [json_text(item) for item in value]
    return [json_text(part) for part in value.split(",")] if isinstance(value, str) else []


def choose_category(evidence: PageEvidence) -> str | None:
    """The article's section: JSON-LD articleSection, article:section, else a category link."""
    section = evidence.article.get("articleSection")
    if isinstance(section, list):
        section = next((item for item in section if isinstance(item, str)), None)
    found = json_text(section) or evidence.first_meta("article:section")
    if not found:
        from trafilatura.metadata import extract_catstags

        found = next(iter(extract_catstags("category", evidence.tree)), "")
    return value_text(found) or None


def choose_tags(evidence: PageEvidence) -> tuple[str, ...]:
    """The article's tags: article:tag and JSON-LD keywords, else tag links, else keywords."""
    tags = [*evidence.meta.get("article:tag", []), *_keywords(evidence.article.get("keywords"))]
    if not tags:
        from trafilatura.metadata import extract_catstags

        tags = extract_catstags("tag", evidence.tree)
    if not tags:
        tags = [part for value in evidence.meta.get("keywords", []) for part in value.split(",")]
    unique: dict[str, str] = {}
    for tag in map(value_text, tags):
        if tag and tag.casefold() not in unique:
            unique[tag.casefold()] = tag
    return tuple(unique.values())


def read_metadata(tree: HtmlElement, base_url: str | None = None) -> PageMetadata:
    """Everything a parsed page says about itself; `base_url` is where it was read from."""
    evidence = gather(tree, base_url)
    declared, from_feeds = site_names(evidence)
    sites = SiteNames([*declared, *from_feeds], evidence.url)
    return PageMetadata(
        title=choose_title(evidence, sites),
        authors=tuple(choose_authors(author_sources(evidence, sites))),
        published_at=choose_published(evidence),
        url=evidence.url,
        site_name=declared[0] if declared else None,
        category=choose_category(evidence),
        tags=choose_tags(evidence),
    )
