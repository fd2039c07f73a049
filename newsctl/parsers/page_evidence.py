"""What an HTML page says about itself, gathered once: meta tags, JSON-LD, url, site names.

Pages describe themselves several times over, with different care: Open Graph
tags (ogp.me: `og:title`, `og:site_name`, `article:published_time`), schema.org
JSON-LD and microdata (`headline`, `author`, `datePublished`), Dublin Core and
vendor tags (`dc.creator`, `parsely-author`), the `<title>` (usually with the
site's name attached), and the headline and byline the page shows. This module
collects that evidence; page_title, page_authors and page_metadata decide.
"""

import html
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newsctl.text import clean_line
from newsctl.urls import page_key

# schema.org types of the thing a news or blog page is about: Article and its subtypes
# (NewsArticle, BlogPosting, ReportageNewsArticle…), SocialMediaPosting, Report, Review.
ARTICLE_TYPE = re.compile(r"(?:Article|Posting|Report|Review)$")
_WEB_PAGE_TYPES = {"WebPage", "ItemPage"}
# Types whose "name" is a publisher's.
PUBLISHER_TYPES = {"Organization", "NewsMediaOrganization", "Corporation", "WebSite"}
# Invisible characters inside titles and names: soft hyphens ("Deutsch\xadland"), zero-width
# spaces, byte order marks, direction marks.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff\u200e\u200f\u2060"))
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef"
# What sites put between a headline and their name, or between the parts of their name:
# " | ", " - ", " — ", " » ", " › ", " · ", ": ", " :: ", and the other separators Yoast SEO
# and other title templates offer (" * ", " ⋆ ", " ~ ", " ► ", " → ", " # ", " > "); the
# full-width "｜" and "：" of Chinese and Japanese titles; and "-", "_" or "|" touching
# Chinese, Japanese or Korean text ("标题-新华网", "名前_百科").
SEPARATOR = re.compile(
    rf"\s+[-–—|/~·•»«›‹*⋆►→#<>❘]\s+|\s*[|»«·•›‹｜]\s*|\s*[:：]:?\s+|\s+::?\s*|\s*：\s*"
    rf"|(?<=[{_CJK}])\s*[-–—_|]\s*|\s*[-–—_|]\s*(?=[{_CJK}])"
)
# Containers whose marks describe the page's layout rather than what is inside them (WordPress
# puts "comments-open" on <body>; a <section class="with-sidebar"> holds the article too).
_PAGE_CONTAINERS = {"html", "body", "main", "article"}
# Marks of what sits beside an article: comments, author boxes with a biography, share
# buttons, lists of other articles. ("about" is not one: it marks bylines as often, as in
# <p class="about">Von <a>Jane Doe</a></p>; nor is "commentary", an opinion piece's genre.)
# A sidebar's widget is marked "widget", "widget_text", "widget-area"; page builders call
# every block "<builder>-widget…" ("elementor-widget-container" holds the headline, the
# byline and the text alike), and those are not beside anything: on the tuning half, such a
# page lost its dateline.
_BESIDE_MARK = re.compile(
    r"comment(?!ar)|respon|repl[iy]|avatar|\bbio|related|share|social|follow|more-from"
    r"|(?<![\w-])widget|sidebar|footer|recommend|popular|teaser|(?<!v)card\b|post-card",
    re.IGNORECASE,
)
# A class naming a layout that has sidebars ("has-sidebar", "zen-one-sidebar-second",
# "has-double-sidebar", "no-sidebars") marks the container of the article and its sidebar.
_LAYOUT = re.compile(
    r"\S*(?:(?:has|one|two|no|with|without|double)[-_]sidebar|sidebars)\S*", re.IGNORECASE
)
# A footer inside the article is the article's own (its byline, date and tags), not the page's.
_FOOTER = re.compile(r"footer", re.IGNORECASE)
# What marks an element as the article, besides <article>: the hAtom and h-entry microformats
# ("hentry", "h-entry": Blogger, WordPress themes) and a schema.org microdata type.
_ARTICLE_CLASS = re.compile(r"(?:^|\s)h-?entry(?:\s|$)")
# Second-level labels under which a country's sites register ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}
# Words of a feed's title that are not the site's name ("Site » Feed", "Site - Comments").
_FEED_WORDS = re.compile(r"\b(?:feed|rss|atom|comments?|kommentare?|commentaires)\b", re.I)


# -- text ---------------------------------------------------------------------------------------

_VISIBLE_TEXT = "descendant-or-self::text()[not(ancestor::script or ancestor::style)]"


def value_text(value: object) -> str:
    """One line of clean NFC text from a metadata value (a string; anything else gives "")."""
    if not isinstance(value, str):
        return ""
    return unicodedata.normalize("NFC", clean_line(value.translate(_INVISIBLE)))


def json_text(value: object) -> str:
    """A JSON-LD string: some sites write HTML entities into it ("Redacci&oacute;n")."""
    return value_text(html.unescape(value)) if isinstance(value, str) else ""


def element_text(element: HtmlElement) -> str:
    """The text a reader sees inside an element (not its scripts or styles), as one line."""
    return value_text(" ".join(element.xpath(_VISIBLE_TEXT)))


def compact(text: str) -> str:
    """Letters and digits only, case-folded, accents off: "Rütter's" and "rutters" meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def transliterated(text: str) -> str:
    """compact() of the German spelling without umlauts, as host names write it ("ruetter")."""
    return compact(text.casefold().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})))


def marks(element: HtmlElement) -> str:
    """An element's class and id, where pages say what an element is."""
    return f"{element.get('class', '')} {element.get('id', '')}"


def beside_article(
    element: HtmlElement, *, itself: bool = False, headline: HtmlElement | None = None
) -> bool:
    """Whether an element sits in comments, an author box, a list of other articles…

    Only the containers up to the article (or the main part, or the body) count;
    with `itself`, the element's own marks too ("comment-author"). Given the
    `headline`, a footer whose parent also holds the headline is the article's
    own (its date and tags), though no markup says that parent is an article
    (tuning half: 1 page, `<div class="article">`; the whole-block version of
    this rule took a book's release date for the post's on a Blogger page,
    whose "widget" holds every post).
    """
    if itself and _BESIDE_MARK.search(marks(element)):
        return True
    for ancestor in element.iterancestors():
        if ancestor.tag in _PAGE_CONTAINERS:
            return False
        mark = _LAYOUT.sub("", marks(ancestor))
        if ancestor.tag in ("aside", "nav") or _BESIDE_MARK.search(_FOOTER.sub("", mark)):
            return True
        if ancestor.tag == "footer" or _FOOTER.search(mark):
            if headline is not None and ancestor.getparent() in headline.iterancestors():
                return False
            return not any(map(is_article_element, ancestor.iterancestors()))
    return False


def is_article_element(element: HtmlElement) -> bool:
    """Whether an element holds the article itself: <article>, an hAtom or h-entry post, or
    microdata typed as one (itemtype ".../BlogPosting", ".../NewsArticle")."""
    if element.tag == "article" or _ARTICLE_CLASS.search(element.get("class", "")):
        return True
    kind = element.get("itemtype", "").rstrip("/").rsplit("/", 1)[-1]
    return bool(kind and ARTICLE_TYPE.search(kind))


def headline_element(tree: HtmlElement, title: str | None = None) -> HtmlElement | None:
    """The article's headline as the page shows it: the first heading that reads as `title`
    (the headline chosen from the metadata), else the first `<h1>` outside the page's furniture."""
    key = compact(title or "")
    candidates = tree.xpath(
        "//body//h1 | //body//h2 | //body//h3 | //body//*[@itemprop='headline'][not(self::meta)]"
    )
    if key:
        for element in candidates:
            shown = compact(element_text(element))
            if shown and (shown == key or (len(key) >= 12 and key in shown)):
                return element
    for element in candidates:
        if (
            element.tag == "h1"
            and not beside_article(element, itself=True)
            and element_text(element)
        ):
            return element
    return None


# -- JSON-LD and meta tags ------------------------------------------------------------------


def schema_types(node: dict) -> set[str]:
    """A JSON-LD object's types, without vocabulary prefixes ("schema:NewsArticle")."""
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {re.split(r"[/:#]", kind)[-1] for kind in kinds if isinstance(kind, str)}


def _walk_json(value: object, depth: int = 0) -> Iterator[dict]:
    """Every object with an @type in a JSON-LD document, outer ones first."""
    if depth > 12:  # real JSON-LD is shallow; this bounds hostile input
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk_json(item, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _walk_json(item, depth + 1)


def _top_level(document: object) -> list[dict]:
    """The objects a JSON-LD block is about: the root, the items of a root list or @graph."""
    found: list[dict] = []
    for item in document if isinstance(document, list) else [document]:
        if isinstance(item, dict):
            graph = item.get("@graph")
            found.extend(g for g in (graph if isinstance(graph, list) else [item]))
    return [item for item in found if isinstance(item, dict)]


def json_ld(tree: HtmlElement) -> tuple[list[dict], list[dict]]:
    """A page's JSON-LD: (every typed object, the top-level ones). Broken blocks are skipped."""
    nodes: list[dict] = []
    top: list[dict] = []
    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        source = (script.text or "").strip().rstrip(";")
        if not source:
            continue
        try:
            document = json.loads(source, strict=False)
        except (ValueError, RecursionError):
            continue
        nodes.extend(_walk_json(document))
        top.extend(_top_level(document))
    return nodes, top


def meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """`<meta>` contents by lower-cased name, property or itemprop, in page order."""
    tags: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = value_text(element.get("content"))
        key = element.get("property") or element.get("name") or element.get("itemprop")
        if content and key:
            tags.setdefault(key.strip().lower(), []).append(content)
    return tags


@dataclass(frozen=True)
class PageEvidence:
    """A page's self-description, gathered once for the decisions made elsewhere."""

    tree: HtmlElement
    meta: dict[str, list[str]]
    # Every typed JSON-LD object, and those at the top of their block (not nested).
    nodes: list[dict]
    top_nodes: list[dict]
    # The JSON-LD object of the article itself (NewsArticle, BlogPosting…), if any.
    article: dict
    url: str | None
    # The page's url, else the first address it states (its site's home page): whose names
    # (the host's) the site goes by.
    site_url: str | None
    title_element: str

    def first_meta(self, *names: str) -> str:
        """The first non-empty `<meta>` content among these names ("" if none)."""
        return next((values[0] for name in names if (values := self.meta.get(name))), "")


def gather(tree: HtmlElement, base_url: str | None = None) -> PageEvidence:
    """The evidence of a parsed page; `base_url` is where it was read from, if known."""
    nodes, top_nodes = json_ld(tree)
    article = next((n for n in nodes if any(map(ARTICLE_TYPE.search, schema_types(n)))), None)
    if article is None:
        # Some publishing tools (Yoast SEO before 14) hang the author and dates on the WebPage.
        article = next(
            (
                node
                for node in nodes
                if schema_types(node) & _WEB_PAGE_TYPES
                and ("author" in node or "datePublished" in node)
            ),
            {},
        )
    meta = meta_tags(tree)
    title = tree.find(".//title")
    url = page_url(tree, meta, base_url)
    return PageEvidence(
        tree=tree,
        meta=meta,
        nodes=nodes,
        top_nodes=top_nodes,
        article=article,
        url=url,
        site_url=url or page_url(tree, meta, base_url, site=True),
        title_element=element_text(title) if title is not None else "",
    )


# -- url ----------------------------------------------------------------------------------------


def _absolute(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1": not a url at all
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _resolve(base: str | None, url: str) -> str:
    """A url resolved against a base (if any); "" when either is not a url."""
    if not base or _absolute(url):
        return url
    try:
        return urljoin(base, url)
    except ValueError:
        return ""


def page_url(
    tree: HtmlElement, meta: dict[str, list[str]], base_url: str | None, *, site: bool = False
) -> str | None:
    """The page's own url: its canonical link, else og:url, else where it was read from.

    Relative links resolve against `<base href>` (itself resolved against
    `base_url`) or `base_url`, as the HTML Standard's "document base URL"
    says; for a page saved without its address, an absolute og:url or canonical
    link states it and is the base. A url that stays relative names no page.
    A canonical link or og:url naming the site's home page ("https://site.example/",
    a template's default) names no article: it gives way to one that names a page
    below it, else to where the page was read from, else None (pages that all
    claimed the home page would be one article). With `site`, the first url the page
    states, home page or not: it still says which site the page is from.
    """
    base = base_url if base_url and _absolute(base_url) else None
    for href in tree.xpath("//base/@href")[:1]:
        resolved = _resolve(base, value_text(href))
        base = resolved if _absolute(resolved) else base
    canonical = tree.xpath(
        "//link[@href][contains(concat(' ', normalize-space(translate(@rel, 'CANONICAL',"
        " 'canonical')), ' '), ' canonical ')]/@href"
    )
    stated = [_scheme_relative(value_text(url)) for url in [*canonical, *meta.get("og:url", [])]]
    if base is None:
        base = next((url for url in stated if _absolute(url)), None)
    found = [url for url in (_resolve(base, url) for url in stated if url) if _absolute(url)]
    page = next((url for url in found if site or not _home_page(url)), None)
    if page is None and base_url and _absolute(base_url):
        return base_url  # what the person asked for, home page or not
    return page


def _scheme_relative(url: str) -> str:
    """A scheme-relative url ("//site.example/a") with https, the web's default today."""
    return "https:" + url if url.startswith("//") else url


def _home_page(url: str) -> bool:
    """Whether a url is a site's home page: no path but "/" (or a default page such as
    "/index.html", urls.page_key), no query."""
    key = page_key(url)
    try:
        parts = urlsplit(key) if key else None
    except ValueError:
        return False
    return parts is not None and not parts.path and not parts.query and not parts.fragment


def host_name(url: str | None) -> str:
    """The host of a url without "www." ("" when there is none)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


# -- the site's names -------------------------------------------------------------------------


def _feed_titles(tree: HtmlElement) -> list[str]:
    """Site names from the page's feed links: WordPress and others title them "Site » Feed"."""
    names = []
    for title in tree.xpath(
        "//link[contains(@rel, 'alternate')][contains(@type, 'rss') or contains(@type, 'atom')]"
        "/@title"
    ):
        kept = [part for part in SEPARATOR.split(value_text(title)) if not _FEED_WORDS.search(part)]
        # "Site » Feed"; from "Section - Site » Feed" it is not clear which is the site.
        if len(kept) == 1:
            names.append(kept[0])
    return names


def _publishers(evidence: PageEvidence) -> Iterator[dict]:
    for key in ("publisher", "sourceOrganization"):
        value = evidence.article.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                yield item
    for node in evidence.top_nodes:
        if schema_types(node) & PUBLISHER_TYPES:
            yield node


def site_names(evidence: PageEvidence) -> tuple[list[str], list[str]]:
    """The names a page gives its site: (declared ones, og:site_name first; from feed links).

    A "site name" equal to the page's own title (some tools fill og:site_name
    or the JSON-LD WebSite name with it) is not one. A `<title>` that is only the site's
    name, though, beside an og:title that is another text (neither holds the other), is
    the site's name: a page whose template titles every page so ("Coast Courier").
    """
    headline = compact(evidence.first_meta("og:title"))
    shown = compact(evidence.title_element)
    titles = {headline}
    if not headline or headline in shown or shown in headline:
        titles.add(shown)
    declared = [
        evidence.first_meta("og:site_name"),
        *(json_text(node.get("name")) for node in _publishers(evidence)),
        evidence.first_meta("application-name", "apple-mobile-web-app-title"),
        evidence.first_meta("twitter:site").lstrip("@"),
        evidence.first_meta("dc.publisher", "dcterms.publisher", "publisher"),
    ]

    def usable(names: list[str]) -> list[str]:
        return list(
            dict.fromkeys(
                name
                for name in names
                if name and compact(name) not in titles and len(name.split()) <= 8
            )
        )

    return usable(declared), usable(_feed_titles(evidence.tree))


def site_name_parts(name: str) -> list[str]:
    """The parts of a site's name (or a feed's title) that name the site by themselves:
    "Blinker - Europas große Anglerzeitschrift" is also called "Blinker", "DER SPIEGEL -
    Schlagzeilen" "DER SPIEGEL". Parts of up to three words; [] for a name without parts."""
    parts = SEPARATOR.split(name)
    return [part for part in parts if len(part.split()) <= 3] if len(parts) > 1 else []


class SiteNames:
    """The ways a page names its site, to recognise them in titles and bylines.

    `names` are the site's names, most trusted first; `url` the page's url,
    whose host name ("spiegel.de", "news.bbc.co.uk") is a name of the site too.
    """

    def __init__(self, names: list[str], url: str | None):
        self.names = names
        self.url = url
        self.keys: set[str] = set()
        for name in names:
            for part in [name, *site_name_parts(name)]:
                without_the = re.sub(r"^the\s+", "", part, flags=re.IGNORECASE)
                self.keys |= {compact(part), transliterated(part), compact(without_the)}
        self.host = host_name(url)
        labels = [label for label in self.host.split(".") if label]
        # "spiegel.de" → "spiegel"; "news.bbc.co.uk" → "bbc".
        labels = labels[:-1] if len(labels) > 1 else labels
        if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels = labels[:-1]
        self.host_label = compact(labels[-1]) if labels else ""
        if self.host:
            self.keys |= {compact(self.host), self.host_label}
        self.keys.discard("")

    def not_people(self) -> list[str]:
        """The site's names as newsctl.names.author_names takes them."""
        return [*self.names, self.host]

    def named(self, segment: str, *, outermost: bool = False) -> bool:
        """Whether a title segment names the site; loosely for the outermost one of a title."""
        key, spelled = compact(segment), transliterated(segment)
        if not key:
            return False
        if key in self.keys or spelled in self.keys:
            return True
        if not outermost:
            return False
        # "Zobacz na przepisy.pl": the host name written out in the segment.
        if self.host and re.search(
            rf"(?:^|\W){re.escape(self.host)}(?:\W|$)", segment, re.IGNORECASE
        ):
            return True
        # "CNN Politics" for CNN, "Spektrum der Wissenschaft" on spektrum.de, "Martin Rütter
        # DOGS" on martinruetter.com: a few words starting or ending with the site's name.
        if len(segment.split()) > 5:
            return False
        names = [k for k in self.keys if len(k) >= 3]
        return any(spelled.startswith(k) or spelled.endswith(k) for k in names)
