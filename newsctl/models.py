"""The records newsctl stores and prints: Article and Author."""

import hashlib
from dataclasses import dataclass
from typing import Any

from newsctl.text import fold_key


def byline_line(authors: tuple[str, ...], credit: str | None = None) -> str:
    """A byline as one line: "Ana Ruiz", "Ana Ruiz and Kim Ode", "A, B and C", with the
    newsroom or wire credited ("Ana Ruiz (dpa)"), or that credit alone ("dpa"); "" for
    neither. What show, list, the trash and the Markdown export print."""
    names = " and ".join(authors) if len(authors) <= 2 else ", ".join(authors[:-1])
    if len(authors) > 2:
        names += " and " + authors[-1]
    if credit:
        return f"{names} ({credit})" if names else credit
    return names


@dataclass(frozen=True)
class Article:
    """An article, parsed from input (id None) or read from the archive."""

    title: str
    body: str = ""
    # The byline in order: the lead author first. Names as cleaned by newsctl.names.
    authors: tuple[str, ...] = ()
    # The lead author's bio.
    author_bio: str | None = None
    # The newsroom, wire service or publication credited when the byline names no person
    # ("dpa", "Redaktion", "Reuters Staff"; names.credit_name): no author, but who to ask.
    credit: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    url: str | None = None
    # The publisher's own identity for the entry (RSS guid, Atom id, JSON Feed id), made
    # globally unique by the feed it came from (see parsers.entries.entry_guids).
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

    @classmethod
    def from_snapshot(cls, fields: dict[str, Any]) -> "Article":
        """An article from the JSON snapshot kept of it (to_json(full=True), or a version)."""
        return cls(
            title=fields["title"],
            body=fields.get("body") or "",
            authors=tuple(fields.get("authors") or ()),
            author_bio=fields.get("author_bio"),
            credit=fields.get("credit"),
            category=fields.get("category"),
            tags=tuple(fields.get("tags") or ()),
            url=fields.get("url"),
            guid=fields.get("guid"),
            published_at=fields.get("published_at"),
            partial=bool(fields.get("partial")),
            source=fields.get("source"),
            added_at=fields.get("added_at"),
        )

    def source_hash(self) -> str:
        """The fingerprint (sha256, hex) of what a source says of this article: every field
        an import can bring, names and labels by fold_key, so that the same entry read again
        gives the same fingerprint whatever a person edited in the stored article since."""
        import json

        fields = [
            self.title, self.body, [fold_key(name) for name in self.authors],
            fold_key(self.category or ""), sorted(fold_key(tag) for tag in self.tags),
            self.url or "", self.guid or "", self.published_at or "",
        ]  # fmt: skip
        if self.credit:  # added in schema m014: fingerprints stored before stay the same
            fields.append(fold_key(self.credit))
        return hashlib.sha256(json.dumps(fields).encode("utf-8")).hexdigest()

    def to_json(self, *, full: bool = False) -> dict[str, Any]:
        """The article as a JSON object; `full` adds the body and the author's bio."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "authors": list(self.authors),
            "credit": self.credit,
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
    """The filters shared by list, search, recent, export and delete.

    `author`: one of the article's authors; `credit`: a newsroom or wire service its
    credit names (archive.credits_name: "dpa" for "dpa/lno"); `categories`: any of
    these; `tags`: all of these; `any_tags`: at least one of these; `not_tags`: none of
    these. Names match by text.fold_key. `since`/`until`: stored timestamps (UTC), inclusive.
    """

    author: str | None = None
    credit: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    any_tags: tuple[str, ...] = ()
    not_tags: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @property
    def names(self) -> dict[str, tuple[str, ...]]:
        """The names the filter uses, by kind (for "no such author" checks)."""
        return {
            "authors": (self.author,) if self.author else (),
            "tags": (*self.tags, *self.any_tags, *self.not_tags),
            "categories": self.categories,
        }


@dataclass(frozen=True)
class Label:
    """A tag or a category with its article count and its newest article's date."""

    name: str
    article_count: int = 0
    latest_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "articles": self.article_count, "latest_at": self.latest_at}


@dataclass(frozen=True)
class ArticleVersion:
    """One version of an article: its number (1 = as first stored), when it was saved (UTC),
    by what ("added", "import", "edit", "revert"), from where (a file, a url, "cli"), which
    fields changed from the version before, and whether it is the current one."""

    number: int
    saved_at: str
    change: str
    origin: str | None
    fields: tuple[str, ...]
    current: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.number,
            "saved_at": self.saved_at,
            "change": self.change,
            "origin": self.origin,
            "fields": list(self.fields),
            "current": self.current,
        }


@dataclass(frozen=True)
class TrashedArticle:
    """An article in the trash: its id (kept for restore), title, when it was deleted (UTC),
    its authors and its credit."""

    id: int
    title: str
    deleted_at: str
    authors: tuple[str, ...] = ()
    credit: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "deleted_at": self.deleted_at,
                "authors": list(self.authors), "credit": self.credit}  # fmt: skip


@dataclass(frozen=True)
class ArchiveStats:
    """What an archive holds: totals, the largest categories and authors (name, articles),
    articles per month ("2024-05", count; by publication date, else when added), and
    sizes on disk in bytes (the archive with its write-ahead log, and its search index)."""

    totals: dict[str, int]
    categories: tuple[tuple[str, int], ...]
    authors: tuple[tuple[str, int], ...]
    months: tuple[tuple[str, int], ...]
    archive_bytes: int
    index_bytes: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "totals": self.totals,
            "categories": [{"name": name, "articles": n} for name, n in self.categories],
            "authors": [{"name": name, "articles": n} for name, n in self.authors],
            "months": [{"month": month, "articles": n} for month, n in self.months],
            "archive_bytes": self.archive_bytes,
            "index_bytes": self.index_bytes,
        }


@dataclass(frozen=True)
class ImportRun:
    """One `newsctl import` run as the import log keeps it: when it started and finished
    (UTC; finished None while running or if it was killed), its inputs, how many files it
    read and how many it skipped as unchanged, its counts per outcome, its first rejects
    and its exit status; its first warnings (values left out)."""

    id: int
    started_at: str
    finished_at: str | None
    inputs: tuple[str, ...]
    files: int
    unchanged_files: int
    counts: dict[str, int]
    rejects: tuple[dict[str, Any], ...]
    exit_status: int | None
    # Values stored without because they could not be read right: {source, location, message}.
    warnings: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "inputs": list(self.inputs),
            "files": self.files,
            "unchanged_files": self.unchanged_files,
            **self.counts,
            "rejects": list(self.rejects),
            "warnings": list(self.warnings),
            "exit_status": self.exit_status,
        }
