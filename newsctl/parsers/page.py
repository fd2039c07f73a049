"""The saved-page text format: a news page saved from a browser as plain text.

    Categories: World, Science        <- optional
    <title>
    <body paragraphs>
    <embedded video id>               <- optional line, e.g. a YouTube id
    <author name>                     <- optional
    <author bio paragraph>            <- optional
    Recent Posts                      <- optional block of (title, teaser, "2 days ago")
    <site boilerplate>

Paragraphs are separated by blank lines. The author and bio are recognised
from the end of the article: a short line that reads like a person's name,
followed by at most one paragraph of prose.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import BinaryIO

from newsctl.dates import format_timestamp, now_utc, parse_relative_age
from newsctl.errors import ParseError
from newsctl.labels import category_and_tags
from newsctl.models import Article
from newsctl.names import author_names, wire_credit
from newsctl.parsers import ParseOptions, decode_text, not_articles, read_document
from newsctl.text import clean_line, clean_text


@dataclass(frozen=True)
class RecentPost:
    """One entry of a page's "Recent Posts" block: another article of the site, as a teaser."""

    title: str
    teaser: str
    age: str


@dataclass(frozen=True)
class SavedPage:
    article: Article
    recent_posts: tuple[RecentPost, ...] = ()
    video_id: str | None = None


_CATEGORIES = re.compile(r"^categor(?:y|ies)\s*:\s*(.*)$", re.IGNORECASE)
_RECENT_POSTS = re.compile(r"^(recent|latest) (posts|articles|news|stories)$", re.IGNORECASE)
# Blocks that end the article itself: what follows is the site around it.
_SITE_FURNITURE = re.compile(
    r"^(related (posts|articles|stories)|you (may|might) also like|leave a (reply|comment)"
    r"|share this( article| story)?:?|popular posts|more stories|(©|copyright\b).*"
    r"|.*all rights reserved\.?)$",
    re.IGNORECASE,
)
_NOISE_LINES = re.compile(
    r"^(advertisement|read more|continue reading|\[?video\]?)$", re.IGNORECASE
)
_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{8,20}$")
_VIDEO_URL = re.compile(r"^https?://(?:www\.)?(?:youtube\.com/watch\?v=|youtu\.be/)([\w-]+)\S*$")
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*|[A-Z]\.)$")
_NAME_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "der",
    "di",
    "du",
    "la",
    "le",
    "van",
    "von",
    "bin",
    "al",
    "el",
    "y",
    "and",
    "&",
}


def _is_video_line(line: str) -> str | None:
    """The video id when a line holds only an embedded video's id or link."""
    url = _VIDEO_URL.match(line)
    if url:
        return url.group(1)
    if not _VIDEO_ID.match(line):
        return None
    # An id mixes cases, digits or dashes; a plain word ("Wednesday") does not.
    rest = line[1:]
    mixed = any(c.isupper() for c in rest) and any(c.islower() for c in rest)
    if mixed or any(c.isdigit() or c in "_-" for c in line):
        return line
    return None


def looks_like_name(line: str, bio: str | None = None) -> bool:
    """Whether a line reads like a person's name.

    Capitalised words in cased scripts ("Diane A. Wade", "Ana de la Cruz", "Анна Петрова")
    and short names in scripts without case ("محمد الأحمد", "王小明") are names. A name
    written in lower case ("bell hooks") is one only with evidence: the author's bio
    given below it names the person ("bell hooks writes about ...").
    """
    words = line.split()
    if not 1 <= len(words) <= 6 or len(line) > 60:
        return False
    if line[-1] in ".!?:;,。！？：；，" and not re.search(r"\b(?:[A-Z]|Jr|Sr)\.$", line):
        return False
    capitalised = lowercase = caseless = 0
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not _NAME_WORD.match(word):
            return False
        first = word[0]
        if first.isupper():
            capitalised += 1
        elif first.islower():
            lowercase += 1
        else:  # Arabic, Hebrew, Chinese, Japanese, Korean, ...: no case
            caseless += 1
    if lowercase:
        # The bio names the person by their first or last name ("bell writes ...").
        bio_words = set(re.findall(r"\w+", (bio or "").casefold()))
        named = {words[0].casefold(), words[-1].casefold()} & bio_words
        return bool(named) and capitalised == 0
    return capitalised + caseless >= 1 and len(line.replace(" ", "")) <= (20 if caseless else 60)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Group lines into paragraphs separated by blank lines."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _recent_posts(lines: list[str]) -> tuple[RecentPost, ...]:
    """Entries of a Recent Posts block: lines up to each relative age; stops at boilerplate."""
    posts: list[RecentPost] = []
    pending: list[str] = []
    for line in lines:
        if pending and parse_relative_age(line) is not None:
            posts.append(
                RecentPost(clean_line(pending[0]), clean_line(" ".join(pending[1:])), line)
            )
            pending = []
        else:
            pending.append(line)
            if len(pending) > 4:  # no age in sight: the site's footer has started
                break
    return tuple(posts)


def _split_author(paragraphs: list[list[str]]) -> tuple[int, str | None, str | None]:
    """Find the author (and bio) at the end; returns how many paragraphs belong to the body."""
    if len(paragraphs) < 2:
        return len(paragraphs), None, None
    last, before = paragraphs[-1], paragraphs[-2]
    if len(last) == 1 and looks_like_name(last[0]):
        return len(paragraphs) - 1, last[0], None
    if len(last) > 1 and looks_like_name(last[0], " ".join(last[1:])):  # no blank line between
        return len(paragraphs) - 1, last[0], " ".join(last[1:])
    if len(paragraphs) >= 3 and len(before) == 1 and looks_like_name(before[0], " ".join(last)):
        return len(paragraphs) - 2, before[0], " ".join(last)
    return len(paragraphs), None, None


def parse_saved_page(text: str, source: str) -> SavedPage:
    """Parse a saved news page; raises ParseError when it holds no title."""
    lines = clean_text(text).split("\n")
    category: str | None = None
    tags: tuple[str, ...] = ()
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and (match := _CATEGORIES.match(lines[start].strip())):
        category, tags = category_and_tags(match.group(1))
        start += 1
    blocks = _blocks(lines[start:])
    if not blocks:
        raise ParseError("no title: the page is empty", source, "1")
    title = clean_line(blocks[0][0])
    blocks[0] = blocks[0][1:]

    recent: tuple[RecentPost, ...] = ()
    article_blocks: list[list[str]] = []
    for index, block in enumerate(blocks):
        first = block[0] if block else ""
        if _RECENT_POSTS.match(first):
            rest = block[1:] + [line for later in blocks[index + 1 :] for line in later]
            recent = _recent_posts(rest)
            break
        if index > 1 and _SITE_FURNITURE.match(first):
            break
        article_blocks.append(block)

    video_id: str | None = None
    paragraphs: list[list[str]] = []
    for block in article_blocks:
        kept = []
        for line in block:
            found = _is_video_line(line)
            if found and video_id is None:
                video_id = found
            elif not found and not _NOISE_LINES.match(line):
                kept.append(line)
        if kept:
            paragraphs.append(kept)

    body_count, author, bio = _split_author(paragraphs)
    if author:
        author = re.sub(r"^by\s+", "", author, flags=re.IGNORECASE)
    body = "\n\n".join("\n".join(paragraph) for paragraph in paragraphs[:body_count])
    authors = tuple(author_names(author))
    article = Article(
        title=title,
        body=body,
        authors=authors,
        # "WASHINGTON (AP) — …": wire copy names its agency in its text.
        credit=None if authors else wire_credit(body),
        author_bio=clean_text(bio) if bio else None,
        category=category,
        tags=tags,
        source=source,
    )
    return SavedPage(article=article, recent_posts=recent, video_id=video_id)


# What a saved page is not: Markdown (headings, or newsctl's own Markdown export), lists.
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_MARKDOWN = "Markdown, not a saved page (newsctl reads back its JSON Lines, JSON and CSV exports)"
_LIST_ITEM = re.compile(r"^\s*(?:[-*•+]|\d{1,3}[.)]|\[[ xX]?\])\s+\S")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’')\]]$")
_WORD = re.compile(r"[^\W\d_]{2,}")


def not_an_article(text: str) -> str | None:
    """Why a text is not a saved news page, or None when it may be one.

    A saved page has a title and at least one line of prose after it: a sentence of three
    words or more ending as sentences do, or a line of ten words or more. Markdown
    documents, lists (notes, to-do lists), numbers and other text without prose are not
    pages, nor are a server's error page, a bot challenge, a consent or paywall page saved
    as text (newsctl.parsers.not_articles): stored as one, they would be one junk article.
    Every saved page of sample_data and the seed page passes.
    """
    lines = [line.strip() for line in clean_text(text).split("\n") if line.strip()]
    if not any(_WORD.search(line) for line in lines):
        return "no words to read as an article (numbers or symbols only)"
    if lines and _MARKDOWN_HEADING.match(lines[0]):
        return _MARKDOWN
    items = sum(1 for line in lines if _LIST_ITEM.match(line))
    if items >= max(2, len(lines) // 2):
        return "a list (notes or a to-do list), not a saved news page"
    # A server's answer saved as text ("404 Not Found", "Just a moment..."): its first line
    # (after the categories, if any) is the title. Before the prose check: some have prose.
    first = 1 if lines and _CATEGORIES.match(lines[0]) else 0
    if len(lines) > first:
        reason = not_articles.not_an_article(lines[first], [], lines[first + 1 :])
        if reason:
            return reason
    prose = [
        line
        for line in lines[1:]
        if (words := len(_WORD.findall(line))) >= 10 or (words >= 3 and _SENTENCE_END.search(line))
    ]
    if not prose:
        return "no paragraph of prose after the title: not a saved news page"
    return None


def parse(stream: BinaryIO, source: str, options: ParseOptions) -> Iterator[Article | ParseError]:
    """Records of a saved page: the article, then its Recent Posts as teasers. Text that is
    not a saved page (see not_an_article) raises ParseError."""
    text = decode_text(read_document(stream, source), source)
    # A file named as Markdown is one, whatever its headings look like ("Title" over "===").
    reason = _MARKDOWN if source.lower().endswith(_MARKDOWN_SUFFIXES) else not_an_article(text)
    if reason:
        raise ParseError(reason, source, record=text[:2000])
    page = parse_saved_page(text, source)
    yield page.article
    if not options.recent:
        return
    saved_at = options.saved_at or now_utc()
    for post in page.recent_posts:
        age = parse_relative_age(post.age) or timedelta(0)
        yield Article(
            title=post.title,
            body=post.teaser,
            partial=True,
            published_at=format_timestamp(saved_at - age),
            source=source,
        )
