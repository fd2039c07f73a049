"""The records newsctl stores and prints: Article and Author."""

import hashlib
from dataclasses import dataclass
from typing import Any

from newsctl.text import fold_key


@dataclass(frozen=True)
class Article:
    """An article, parsed from input (id None) or read from the archive."""

    title: str
    body: str = ""
    # The byline in order: the lead author first. Names as cleaned by newsctl.names.
    authors: tuple[str, ...] = ()
    # The lead author's bio.
    author_bio: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    # The publisher's own identity for the entry (RSS guid, Atom id, JSON Feed id), made
    # globally unique by the feed it came from (see parsers.feed.entry_guid).
    guid: str | None = None
    published_at: str | None = None
    # A teaser taken from a page's "Recent Posts" block, not the full article.
    partial: bool = False
    source: str | None = None
    # Where in its source the record was ("line 3", "entry 2"), for messages; not stored.
    location: str = ""
    id: int | None = None
    added_at: str | None = None
    updated_at: str | None = None

    @property
    def author(self) -> str | None:
        """The lead author, or None."""
        return self.authors[0] if self.authors else None

    def content_hash(self) -> str:
        """Identity of an article without a url or guid: sha256 (hex) of its title, its
        authors (by fold_key, in order) and its body."""
        names = "\x1e".join(fold_key(name) for name in self.authors)
        key = "\x1f".join((self.title, names, self.body))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def to_json(self, *, full: bool = False) -> dict[str, Any]:
        """The article as a JSON object; `full` adds the body and the author's bio."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "authors": list(self.authors),
            "category": self.category,
            "tags": list(self.tags),
            "url": self.url,
            "guid": self.guid,
            "published_at": self.published_at,
            "added_at": self.added_at,
            "source": self.source,
            "partial": self.partial,
        }
        if full:
            data["body"] = self.body
            data["author_bio"] = self.author_bio
        return data


@dataclass(frozen=True)
class Author:
    """An author with a summary of what they wrote."""

    id: int
    name: str
    bio: str | None = None
    added_at: str | None = None
    article_count: int = 0
    latest_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "bio": self.bio,
            "added_at": self.added_at,
            "articles": self.article_count,
            "latest_at": self.latest_at,
        }


@dataclass(frozen=True)
class SearchHit:
    """An article found by `search`, with its highlighted snippet and relevance (FTS5's
    rank, lower is better; None when sorted by date)."""

    article: Article
    snippet: str
    rank: float | None

    def to_json(self) -> dict[str, Any]:
        return {**self.article.to_json(), "snippet": self.snippet, "rank": self.rank}


@dataclass(frozen=True)
class SearchResults:
    """A page of search hits, with the number of matches when it was counted."""

    hits: list[SearchHit]
    total: int | None = None
    # Set when a query matched so many articles that only the most recently added this
    # many were ranked (see Archive.search) ...
    ranked_within: int | None = None
    # ... and true when its words were in most articles: those were ordered by where the
    # words are (title, author, body), newest first, since relevance cannot tell them apart.
    common_words: bool = False


@dataclass(frozen=True)
class ArticleFilter:
    """The filters shared by list, search, recent and export."""

    author: str | None = None
    category: str | None = None
    tag: str | None = None
    since: str | None = None
    until: str | None = None
