"""An HTML page's headline, without the site's name, from its metadata and its `<h1>`.

`<title>` usually carries the site's name ("Headline | CNN Politics",
"Headline - Spiceworks", "标题-新华网", "Headline » Local » News » Site");
og:title and the JSON-LD headline less often; the `<h1>` the reader sees
never, but a page may have several, some of them the site's logo or a
section's name. The rules below weigh them against each other; they were
chosen on the tuning half of the corpus (bench/fidelity.py).
"""

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from newsctl.parsers.page_evidence import (
    SEPARATOR,
    PageEvidence,
    SiteNames,
    compact,
    element_text,
    json_text,
    marks,
    value_text,
)

# Separators of breadcrumb trails ("Site » Section » Headline").
_BREADCRUMB = re.compile(r"[»«›‹>/→►]|::")
# (Not "#", "*", "<", ">" or "~": a title may start or end with them, "#RieslingBirthday".)
_SEPARATOR_PUNCTUATION = " -–—|:·•»«›‹/⋆►→❘｜："
# A site's name in brackets before or after the headline ("【新华网】…", "… [Site]").
_BRACKETED = re.compile(r"^\s*[【\[]([^【】\[\]]+)[】\]]\s*|\s*[【\[]([^【】\[\]]+)[】\]]\s*$")
# Headings that are the site's furniture, not an article's headline. "comment" is a comments
# section, but "commentary" an opinion piece's genre (tuning half: 1 page lost its headline).
_FURNITURE = re.compile(
    r"logo|brand|site-?(?:title|name|header)|masthead|navbar|nav-|menu|sidebar|widget|footer"
    r"|modal|cookie|newsletter|breadcrumb|related|teaser-list|comment(?!ar)",
    re.IGNORECASE,
)
_FURNITURE_TAGS = {"nav", "footer", "aside", "form", "button", "label"}
# The line above a headline, set inside the same <h1> by many news sites: "kicker" (English
# newsrooms), "Dachzeile"/"Spitzmarke" (German), "overline", "eyebrow", "topline".
_KICKER = re.compile(
    r"kicker|dachzeile|spitzmarke|overline|eyebrow|topline|roofline|supertitle|pretitle"
    r"|surtitre|antetitulo",
    re.IGNORECASE,
)
_TITLE_CLASS = re.compile(r"\b(?:entry|post|article|story|page)[-_]?(?:title|headline)\b", re.I)
MAX_TITLE_LENGTH = 300
MAX_SEGMENTS = 12
# A heading and a metadata headline that share a third of the heading's words are about the
# same article (tuning half: 13 pages where the gold was the heading, 2 a section's name).
SHARED_WORDS = 1 / 3
# A kicker glued to a headline leaves the headline at its end; below this many characters an
# ending is a word, not a headline.
MIN_HEADLINE_KEY = 12


def _segments(title: str) -> tuple[list[str], list[str]]:
    """A title cut at its separators: (the segments, the separators between them)."""
    return SEPARATOR.split(title), SEPARATOR.findall(title)


def _join(pieces: list[str], separators: list[str]) -> str:
    rebuilt = pieces[0]
    for separator, piece in zip(separators, pieces[1:], strict=False):
        rebuilt += separator + piece
    return rebuilt.strip(_SEPARATOR_PUNCTUATION)


def strip_site_name(title: str, sites: SiteNames) -> str:
    """A title without the site's name before or after it ("Headline | Site" → "Headline").

    Only segments at the ends go, and only those that name the site (its
    og:site_name, its publisher's name, its host name); with the site's name go
    the sections of a breadcrumb trail ("Headline » Local » News » Site"). A
    title that is only the site's name gives "". When every segment of a longer
    title names the site by some account, the lesser accounts are wrong (some
    tools fill the JSON-LD publisher with the page's title): then only the
    first name and the host count.
    """
    title = value_text(title)
    stripped = _strip_site_name(title, sites)
    if not stripped and len(sites.names) > 1 and len(_segments(title)[0]) > 1:
        stripped = _strip_site_name(title, SiteNames(sites.names[:1], sites.url))
    return stripped


def _strip_site_name(title: str, sites: SiteNames) -> str:
    title = _BRACKETED.sub(
        lambda found: "" if sites.named(found[1] or found[2]) else found[0], title
    ).strip()
    for name in sites.names:
        # A site name that holds a separator itself ("Bundesministerium … - BMBF").
        if len(name) < len(title) and SEPARATOR.search(name):
            for affix in (re.escape(name), rf"The {re.escape(name)}"):
                pattern = rf"^{affix}(?:{SEPARATOR.pattern})|(?:{SEPARATOR.pattern}){affix}$"
                title = re.sub(pattern, "", title, flags=re.IGNORECASE)
    pieces, separators = _segments(title)
    trail = False
    while pieces and sites.named(pieces[-1], outermost=True):
        trail |= bool(separators) and _BREADCRUMB.search(separators[-1]) is not None
        pieces, separators = pieces[:-1], separators[:-1]
    while trail and separators and _BREADCRUMB.search(separators[-1]):
        pieces, separators = pieces[:-1], separators[:-1]
    # "Headline – Site – Local news": the site's own name (not a looser match) before a
    # tagline ends the headline too (on the corpus, every such title had the headline first),
    # unless what comes before it is one word, a section's name ("Local | Site | Headline").
    named = [n for n in range(1, len(pieces) - 1) if sites.named(pieces[n])]
    if named:
        n = named[0]
        if n == 1 and len(pieces[0].split()) == 1:
            pieces, separators = pieces[2:], separators[2:]
        else:
            pieces, separators = pieces[:n], separators[: n - 1]
    trail = False
    # At the start only a "|" or a breadcrumb's separator makes an unsure match count
    # ("Spiegel-Affäre: …" on spiegel.de is a headline).
    while pieces and sites.named(
        pieces[0],
        outermost=len(pieces) > 1 and ("|" in separators[0] or _BREADCRUMB.search(separators[0])),
    ):
        trail |= bool(separators) and _BREADCRUMB.search(separators[0]) is not None
        pieces, separators = pieces[1:], separators[1:]
    while trail and separators and _BREADCRUMB.search(separators[0]):
        pieces, separators = pieces[1:], separators[1:]
    return _join(pieces, separators) if pieces else ""


def _runs(title: str) -> Iterator[str]:
    """Every run of consecutive segments of a title ("A | B | C": "A", "A | B", "B"…).

    Only the first MAX_SEGMENTS segments count (a real title has a handful; this
    bounds the work on a hostile one).
    """
    pieces, separators = _segments(title)
    pieces = pieces[:MAX_SEGMENTS]
    for start in range(len(pieces)):
        text = pieces[start]
        yield text
        for end in range(start + 1, len(pieces)):
            text += separators[end - 1] + pieces[end]
            yield text


def _furniture(element: HtmlElement) -> bool:
    """Whether a heading is the site's (logo, menu, sidebar…) rather than an article's."""
    for node in [element, *element.iterancestors()]:
        if node.tag in _FURNITURE_TAGS:
            return True
        if node is not element and node.tag in ("body", "html", "main", "article"):
            continue
        if _FURNITURE.search(marks(node)) and not _TITLE_CLASS.search(marks(node)):
            return True
    return False


def _heading_text(element: HtmlElement) -> str:
    """A heading's text without its kicker ("<span class=kicker>Brexit</span> Deal agreed")."""
    kickers = [
        child
        for child in element.iterdescendants()
        if isinstance(child.tag, str) and _KICKER.search(marks(child))
    ]
    if not kickers:
        return element_text(element)
    parts = []
    for node in element.xpath(".//text()"):
        holder = node.getparent().getparent() if node.is_tail else node.getparent()
        if not any(kicker is holder or kicker in holder.iterancestors() for kicker in kickers):
            parts.append(node)
    # Without the punctuation between kicker and headline ("Auftragshoch: Luftfahrt hebt ab").
    return value_text(" ".join(parts)).strip(_SEPARATOR_PUNCTUATION) or element_text(element)


def headings(evidence: PageEvidence, sites: SiteNames) -> list[str]:
    """Headlines the page shows: its `<h1>`s and marked-up headlines, in page order.

    Left out: the site's furniture (logo, menus, sidebars), and headings that are
    just the site's name.
    """
    found: list[str] = []
    for element in evidence.tree.xpath(
        "//h1 | //*[@itemprop='headline'][not(self::meta)] | //h2[@class] | //h3[@class]"
    ):
        if element.tag in ("h2", "h3") and not _TITLE_CLASS.search(element.get("class", "")):
            continue
        text = _heading_text(element)
        if not text or len(text) > MAX_TITLE_LENGTH or len(compact(text)) < 2:
            continue
        if not _furniture(element) and not sites.named(text):
            found.append(text)
    return list(dict.fromkeys(found))


def _content_words(text: str) -> set[str]:
    """Words that say what a headline is about: not "a", "of", "im"; numbers count."""
    words = re.findall(r"\w+", text.casefold())
    return {word for word in words if len(word) >= 3 or word.isdigit()}


def _nicer(shown: str, stated: str) -> str:
    """Of two spellings of one headline, the page's, unless it is all capitals (styling)."""
    return stated if shown.isupper() and not stated.isupper() else shown


# Inline formatting a CMS left in a metadata title ("<b>Ferry</b> fares <i>rise</i>"): a tag
# with its closing tag around words is markup. A lone "<p>" ("The <p> tag explained") is text.
_INLINE_MARKUP = re.compile(
    r"<(b|i|em|strong|u|span|mark|small|sup|sub|q|cite|abbr)\b[^<>]*>(.*?)</\1\s*>",
    re.IGNORECASE,
)


def choose_title(evidence: PageEvidence, sites: SiteNames) -> str | None:
    """The article's headline, without the site's name; None if the page names none.

    The headline the page shows (its `<h1>`) wins when the metadata agrees with
    it: equal to og:title, the JSON-LD headline or `<title>` once the site's
    name is gone, or to a run of their segments ("Section | Headline | Site"),
    or at least about the same thing (a third of its words in them). A heading
    that only adds a kicker to the metadata's headline gives that headline.
    Otherwise the metadata's own headline, og:title first; a page with no
    metadata title falls back to its first heading, then to its `<title>` as is.
    """
    stated = [
        evidence.first_meta("og:title"),
        json_text(evidence.article.get("headline")),
        evidence.first_meta("twitter:title"),
        evidence.first_meta("dc.title", "dcterms.title", "parsely-title", "sailthru.title"),
        evidence.title_element,
    ]
    stated = [
        _INLINE_MARKUP.sub(r"\2", text)
        for text in stated
        if text and len(text) <= 2 * MAX_TITLE_LENGTH
    ]
    cleaned = [title for text in stated if (title := strip_site_name(text, sites))]
    shown = headings(evidence, sites)
    for heading in shown:
        for title in cleaned:
            if compact(heading) == compact(title):
                return _nicer(heading, title)
    for heading in shown:
        # A kicker run into the headline: "Local News | Brothel busted", "EnergiewendeKlima…".
        for title in cleaned:
            key = compact(title)
            if len(key) >= MIN_HEADLINE_KEY and compact(heading).endswith(key):
                return title
    runs = {compact(run) for text in stated for run in _runs(text)}
    # "Site - Section - Headline" with both the section and the headline as <h1>: the fuller
    # (tuning half: 1 page; a section's name is shorter than the headlines under it).
    in_runs = [heading for heading in shown if compact(heading) in runs]
    if in_runs:
        return max(in_runs, key=len)
    # Metadata and page disagree: the page shows its current headline, while og:title is
    # often an older or search-engine wording. A heading sharing few words with the
    # metadata, though, is a section's ("Brasília"), not this article's.
    stated_words = {word for text in stated for word in _content_words(text)}
    for heading in shown:
        words = _content_words(heading)
        if words and len(words & stated_words) >= SHARED_WORDS * len(words):
            return heading
    if cleaned:
        return cleaned[0]
    if shown:
        return shown[0]
    # A title that is all site name by our account still names the page better than nothing.
    return stated[0] if stated else None
