"""What an HTML page says about itself: title, authors, publication instant, url, site, tags.

Gathers the evidence (page_evidence), then decides field by field: the title
(page_title), the authors (page_authors), and here the publication instant,
the category and the tags. Pure: a parsed lxml tree in, a PageMetadata out.
"""

from dataclasses import dataclass

from lxml.html import HtmlElement

from newsctl.parsers.page_authors import author_sources, choose_authors, page_credit
from newsctl.parsers.page_dates import ambiguous_dateline, choose_published, dateline
from newsctl.parsers.page_evidence import (
    ARTICLE_TYPE,
    PageEvidence,
    SiteNames,
    gather,
    json_text,
    schema_types,
    site_names,
    value_text,
)
from newsctl.parsers.page_title import choose_title


@dataclass(frozen=True)
class PageMetadata:
    """A page's own account of itself; None or () where it says nothing usable."""

    title: str | None
    authors: tuple[str, ...]
    # The organisation credited when the byline names no person ("dpa", "Redaktion").
    credit: str | None
    # The stored form: UTC, "2024-04-30T23:30:00Z".
    published_at: str | None
    # The offset the page wrote that time with ("+02:00"), if any: for scoring the local day.
    published_offset: str | None
    url: str | None
    site_name: str | None
    category: str | None
    tags: tuple[str, ...]
    # Why the page's stated publication time was not taken (a zone newsctl cannot resolve).
    published_left_out: str | None = None
    # Whether the page declares itself an article (og:type "article", a JSON-LD Article).
    declares_article: bool = False


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
    sites = SiteNames([*declared, *from_feeds], evidence.site_url)
    title = choose_title(evidence, sites)
    beside_headline = dateline(evidence.tree, title)
    ambiguous = None if beside_headline else ambiguous_dateline(evidence.tree, title)
    published = choose_published(evidence, beside_headline, ambiguous)
    authors = tuple(choose_authors(author_sources(evidence, sites, beside_headline, title)))
    return PageMetadata(
        title=title,
        authors=authors,
        credit=None if authors else page_credit(evidence),
        published_at=published.instant,
        published_offset=published.offset,
        published_left_out=published.left_out,
        url=evidence.url,
        site_name=declared[0] if declared else None,
        category=choose_category(evidence),
        tags=choose_tags(evidence),
        declares_article=evidence.first_meta("og:type").casefold() == "article"
        or any(map(ARTICLE_TYPE.search, schema_types(evidence.article))),
    )
