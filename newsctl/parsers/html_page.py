"""Saved article web pages: title, authors, publication instant, url and main text.

The main text is trafilatura's; what the page says about itself (title,
authors, date, url, site) is read by newsctl.parsers.page_metadata from the
page's own metadata and headline, which trafilatura's metadata pass gets
wrong too often for an archive (a site's name kept in the title, names mangled,
the day without the time). bench/fidelity.py measures both.
"""

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsctl.decoding import decode
from newsctl.errors import ParseError, ParseWarning
from newsctl.models import Article
from newsctl.names import wire_credit
from newsctl.parsers import ParseOptions, read_document
from newsctl.parsers.not_articles import not_an_article, page_headings
from newsctl.text import clean_line, clean_text

# When trafilatura's precise reading keeps less than this share of its generous one, the
# precise one has usually lost part of the article rather than trimmed boilerplate.
# Measured on the tuning half of the corpus (bench/fidelity.py): body F1 0.960 with
# trafilatura's defaults, 0.969 with this choice; the held-out half moved the same way.
PRECISE_SHARE = 0.5
# The libraries that log while reading a page ("discarding data", "empty HTML tree", date
# parsing). A page they cannot read is reported by newsctl itself, once, as a ParseError.
# A section front or a search result is a list of teasers, each with its age or date on a line
# of its own ("2 hours ago", "5. Mai 2020"). Article pages of the corpus (html/ and meta/, 666
# pages) have at most 4 such lines in their text, and at most 27% of their lines; each of the
# two pages with more than 2 declares itself an article.
MIN_STAMP_LINES = 3
MIN_STAMP_SHARE = 0.35
# A server's listing of a folder ("Index of /reports/": Apache's table, nginx's <pre>) or a page
# of bare links is no article either: nearly every line of its text is a link's text and a few
# words (a date, a size), where a post that rounds up links says something of each.
# Article pages of the corpus (html/ and meta/, 666 pages) have at most 79% such lines (a page
# that declares itself an article), and 67% (of 3 lines) or 58% (of 377) otherwise.
MIN_LINK_LINES = 10
MIN_LINK_SHARE = 0.8
# Words after the link on a listing's line: "2024-05-01 10:00 1.2K" is 3.
MAX_WORDS_AFTER_LINK = 6
# The longest start of a line searched for a link's text (characters): a file's name fits.
MAX_LINK_TEXT = 200
# What comes before a line's first words in the text: table cells ("| name |") and list bullets.
_LINE_LEAD = "|-*•· \t"
# The longest line that is still a bare stamp: the date, and a few characters ("| 10:00").
_STAMP_EXTRA = 12
_RELATIVE_AGE = re.compile(
    r"^(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago$"
    r"|^vor\s+(?:\d+|einer?|einem)\s+(?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?"
    r"|monat(?:en)?|jahr(?:en)?)$"
    r"|^il y a\s+\d+\s+\w+$|^hace\s+\d+\s+\w+$"
    r"|^(?:yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy)\b.{0,12}$",
    re.IGNORECASE,
)
_CHATTY_LOGGERS = (
    "trafilatura", "htmldate", "courlan", "justext", "charset_normalizer", "dateparser",
)  # fmt: skip


@dataclass(frozen=True)
class PageFields:
    """What newsctl keeps of an HTML page: its article and what the page says about it."""

    title: str
    # Every person of the byline, lead author first (newsctl.names.author_names).
    authors: tuple[str, ...]
    # The organisation credited when the byline names no person (names.credit_name).
    credit: str | None
    # The stored form, UTC: "2024-04-30T23:30:00Z"; midnight UTC when the page gives only a day.
    published_at: str | None
    # The UTC offset the page wrote that time with ("+02:00"), None if it gave none. Not
    # stored: the benchmark reads it to score the publisher's local day.
    published_offset: str | None
    body: str
    url: str | None
    site_name: str | None
    category: str | None
    tags: tuple[str, ...]
    # Why the page's stated publication time was left out ("published time left out:
    # ambiguous time zone 'IST' in …"): reported as a warning on import.
    published_left_out: str | None = None


def _quiet_libraries() -> None:
    """Keep the extraction libraries' log records off stderr (newsctl reports problems itself).

    trafilatura and htmldate give their loggers a NullHandler, so nothing prints
    while no one configures logging; without propagation their records stay
    off the root logger's handlers too, should a host program set some up.
    """
    for name in _CHATTY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())
        logger.propagate = False


def _load(text: str, source: str):
    """The page as an lxml tree (trafilatura's loader), from text decoded by newsctl.decoding
    (text, not bytes: trafilatura's own guess of the encoding cannot undo newsctl's)."""
    _quiet_libraries()  # before the import: htmldate logs while it loads
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
    except (ValueError, RecursionError):
        tree = None
    if tree is None:
        raise ParseError("not an HTML page that can be read", source)
    return tree


def _extract(tree, url: str | None, **mode: bool):
    import trafilatura

    return trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True, **mode
    )


def _text_length(document) -> int:
    return len(document.text or "") if document is not None else 0


def extract_text(tree, source: str, url: str | None = None) -> str:
    """The main text: trafilatura's precise reading, or its generous one if precision cost text."""
    try:
        precise = _extract(tree, url, favor_precision=True)
        generous = _extract(tree, url, favor_recall=True)
    except RecursionError:
        raise ParseError("page nested too deeply to read", source) from None
    if precise is not None and _text_length(precise) >= PRECISE_SHARE * _text_length(generous):
        return precise.text or ""
    return generous.text if generous is not None else ""


def _stamp_line(line: str) -> bool:
    """Whether a line of text is only a teaser's age or date ("2 hours ago", "05.05.2020")."""
    from newsctl.parsers.page_dates import text_date

    if _RELATIVE_AGE.match(line):
        return True
    dated = text_date(line)
    return bool(dated) and len(line) - len(dated[1].group()) <= _STAMP_EXTRA


def is_list_of_articles(paragraphs: list[str], declares_article: bool) -> bool:
    """Whether a page's text is a list of other articles' teasers rather than an article.

    A teaser list shows each item's age or date on a line of its own; an article
    shows its date once. A page that declares itself an article is taken at its word.
    """
    if declares_article:
        return False
    stamps = sum(map(_stamp_line, paragraphs))
    return stamps >= MIN_STAMP_LINES and stamps >= MIN_STAMP_SHARE * len(paragraphs)


def _words(text: str) -> int:
    """Words of a line, table rules and punctuation left out ("| 10:00 | 1.2K |" is 2)."""
    return sum(1 for word in text.split() if any(character.isalnum() for character in word))


def _starts_with_link(line: str, links: set[str]) -> bool:
    """Whether a line is one of `links` (whole words of it) followed by a few words."""
    line = line.lstrip(_LINE_LEAD)[:MAX_LINK_TEXT]
    ends = [index for index, character in enumerate(line) if character.isspace()]
    return any(
        line[:end] in links and _words(line[end:]) <= MAX_WORDS_AFTER_LINK
        for end in [*ends, len(line)]
    )


def is_list_of_links(paragraphs: list[str], tree, declares_article: bool) -> bool:
    """Whether a page's text is a list of links (a folder's listing) rather than an article.

    `paragraphs` are the lines of the extracted text, `tree` the parsed page (lxml). A
    line counts when it starts with the whole text of one of the page's links (not one
    of its menus, sidebars or footer; not a bare number, as calendars link) followed by
    a few words. A page with an `<article>` element, or that declares itself an article,
    is not such a list.
    """
    if declares_article or len(paragraphs) < MIN_LINK_LINES:
        return False
    if tree.find(".//article") is not None:
        return False
    from newsctl.parsers.page_evidence import beside_article

    links = set()
    for link in tree.iterfind(".//body//a"):
        text = clean_line(link.text_content())
        if len(text) >= 2 and not text.isdigit() and not beside_article(link):
            links.add(text)
    starting = sum(_starts_with_link(line, links) for line in paragraphs)
    return starting >= MIN_LINK_SHARE * len(paragraphs)


def extract_page(data: bytes, source: str, base_url: str | None = None) -> PageFields:
    """The article of an HTML page and what the page says about it.

    `data` is the page as saved (bytes, any encoding), `source` names it in
    errors, `base_url` is where it was fetched from, if known (relative links
    resolve against it). Raises ParseError when the page has no readable text
    or no title, or is no article: a list of articles or links, or an error, bot
    challenge, consent or paywall page (newsctl.parsers.not_articles).
    """
    tree = _load(decode(data, source, markup="html"), source)
    from newsctl.parsers.page_metadata import read_metadata

    try:
        metadata = read_metadata(tree, base_url)
    except RecursionError:
        raise ParseError("page nested too deeply to read", source) from None
    text = extract_text(tree, source, metadata.url)
    title = clean_line(metadata.title or "")
    paragraphs = [line.strip() for line in clean_text(text).split("\n")]
    # The headline often comes along as the first line of the text; it is the title, not body.
    if paragraphs and title and clean_line(paragraphs[0]).casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    lines = [p for p in paragraphs if p]
    # Before the checks below: an error or challenge page often has no text they accept.
    reason = not_an_article(*page_headings(tree), lines)
    if reason:
        raise ParseError(reason, source)
    if not text.strip():
        raise ParseError("no article text found in the page", source)
    if not title:
        raise ParseError("no title found in the page", source)
    if is_list_of_articles(lines, metadata.declares_article):
        raise ParseError("a list of articles, not an article", source)
    if is_list_of_links(lines, tree, metadata.declares_article):
        raise ParseError("a list of links (such as a folder's listing), not an article", source)
    body = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    return PageFields(
        title=title,
        authors=metadata.authors,
        # "Hamburg (dpa) – …": wire copy names its agency in its text, not its markup.
        credit=metadata.credit or (None if metadata.authors else wire_credit(body)),
        published_at=metadata.published_at,
        published_offset=metadata.published_offset,
        body=body,
        url=metadata.url,
        site_name=metadata.site_name,
        category=metadata.category,
        tags=metadata.tags,
        published_left_out=metadata.published_left_out,
    )


def parse(
    stream: BinaryIO, source: str, options: ParseOptions
) -> Iterator[Article | ParseError | ParseWarning]:
    fields = extract_page(read_document(stream, source), source, options.base_url)
    if fields.published_left_out:
        yield ParseWarning(fields.published_left_out, source)
    yield Article(
        title=fields.title,
        body=fields.body,
        authors=fields.authors,
        credit=fields.credit,
        category=fields.category,
        tags=fields.tags,
        url=fields.url,
        published_at=fields.published_at,
        source=source,
    )
