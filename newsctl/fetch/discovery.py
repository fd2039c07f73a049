"""Which feed a url stands for: the feed itself, or the one a web page advertises.

A page names its feeds with <link rel="alternate" type="application/rss+xml" href="...">
(also Atom and JSON Feed types): the RSS Autodiscovery convention, which the HTML
Standard's "alternate" link type with a feed type describes. Relative hrefs resolve
against the page's <base href>, else its own url. The first advertised feed that turns
out to be a feed is taken, RSS and Atom before JSON Feed.
"""

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urljoin

from newsctl.errors import NewsctlError, ParseError
from newsctl.fetch.documents import opened_response
from newsctl.fetch.http import FEED_ACCEPT, Fetcher, FetchError, Response, is_web_url
from newsctl.parsers import ParseOptions, parse

_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
)
# Advertised feeds tried before giving up (a page may list comment feeds, podcasts...).
_TRIED = 4


class NoFeedFound(NewsctlError):
    """The url is neither a feed nor a page that advertises one."""


@dataclass(frozen=True)
class FoundFeed:
    url: str  # to subscribe to: the feed's url after permanent redirects
    title: str | None


class _FeedLinks(HTMLParser):
    """<link rel="alternate" type="<feed type>" href> and <base href> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[tuple[int, str]] = []  # (rank of the type, href)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        elif tag == "link" and values.get("href"):
            rel = values.get("rel", "").lower().split()
            kind = values.get("type", "").lower().split(";")[0].strip()
            if "alternate" in rel and kind in _FEED_TYPES:
                self.links.append((_FEED_TYPES.index(kind), values["href"]))

    handle_startendtag = handle_starttag


def advertised_feeds(page: str, page_url: str) -> list[str]:
    """The http(s) urls of the feeds a page advertises, RSS and Atom first, then JSON."""
    finder = _FeedLinks()
    try:
        finder.feed(page)
        finder.close()
    except (ValueError, AssertionError):  # html.parser gives up on a few broken pages
        pass
    base = urljoin(page_url, finder.base) if finder.base else page_url
    found: list[str] = []
    for _, href in sorted(finder.links, key=lambda link: link[0]):
        try:
            url = urljoin(base, href)
        except ValueError:
            continue
        if is_web_url(url) and url not in found:
            found.append(url)
    return found


def feed_title(response: Response) -> str | None:
    """A feed's own title, if the response is a feed newsctl can read; ParseError if not.

    The feed is read by newsctl's own feed parser (which refuses what it would refuse at
    fetch time); feedparser is then asked only for the title."""
    opened = opened_response(response)
    data = opened.stream.read()
    options = ParseOptions(base_url=response.url)
    for record in parse(BytesIO(data), response.url, "feed", options):
        if isinstance(record, ParseError):
            continue  # a bad entry does not make the feed unusable
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        title = json.loads(data).get("title")
    else:
        import feedparser

        title = feedparser.parse(data).feed.get("title")
    return " ".join(title.split()) if isinstance(title, str) and title.strip() else None


def find_feed(url: str, fetcher: Fetcher) -> FoundFeed:
    """The feed at url, or the one the page at url advertises; NoFeedFound says why not."""
    response = fetcher.get(url, accept=FEED_ACCEPT)
    try:
        return FoundFeed(response.moved_to or url, feed_title(response))
    except ParseError as not_a_feed:
        opened = opened_response(response)
        if opened.detect_format() != "html":
            raise NoFeedFound(f"{url} is not a feed ({not_a_feed.message})") from None
    from newsctl.decoding import decode

    page = decode(response.content, url, declared=response.charset, markup="html")
    candidates = advertised_feeds(page, response.url)
    if not candidates:
        raise NoFeedFound(f"{url} is a web page that advertises no feed")
    problems = []
    for candidate in candidates[:_TRIED]:
        try:
            feed = fetcher.get(candidate, accept=FEED_ACCEPT)
            return FoundFeed(feed.moved_to or candidate, feed_title(feed))
        except FetchError as problem:
            problems.append(f"{candidate}: {problem.message}")
        except ParseError as problem:
            problems.append(f"{candidate}: not a feed ({problem.message})")
    raise NoFeedFound(f"{url} advertises feeds, but none could be read: {'; '.join(problems)}")
