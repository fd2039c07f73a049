"""Writing a batch of articles: de-duplication, updates, teasers, authors and tags.

Runs inside the caller's write transaction. Three things keep imports near
the speed SQLite itself allows (bench/run.py measures them):

- A few queries per batch tell which identities (canonical url, text hash,
  title) the archive may already hold; an article matching none of them is
  new without a lookup of its own.
- New articles are inserted with multi-row statements, and indexed for search
  with one INSERT ... SELECT per batch (schema.m002): FTS5 flushes its pending
  terms at the end of every statement, so one statement per article would make
  imports several times slower.
- Ids are assigned here, which is safe because the transaction holds the write lock.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from newsctl.models import Article
from newsctl.urls import canonical_url


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    PARTIAL = "partial"  # a teaser stored in place of an article not yet seen in full


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    article_id: int


_STORED_COLUMNS = """
    a.id, a.title, a.body, a.author_id, a.category, a.url, a.url_key, a.published_at,
    a.partial, a.content_hash,
    (SELECT json_group_array(t.name) FROM article_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.article_id = a.id) AS tags
"""
# Parameters per IN (...) query, well under SQLite's limit on variables.
_CHUNK = 500
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def title_key(title: str) -> str:
    """A title as SQLite's NOCASE collation compares it (ASCII letters folded only)."""
    return title.translate(_ASCII_LOWER)


def _same_tags(stored: list[str], incoming: tuple[str, ...]) -> bool:
    return sorted(t.casefold() for t in stored) == sorted(t.casefold() for t in incoming)


@dataclass
class _Identities:
    """Canonical urls, text hashes and title keys of a set of articles."""

    urls: set[str]
    hashes: set[str]
    titles: set[str]

    def holds(self, url_key: str | None, content_hash: str, title: str) -> bool:
        return url_key in self.urls or content_hash in self.hashes or title in self.titles

    def add(self, url_key: str | None, content_hash: str, title: str) -> None:
        if url_key:
            self.urls.add(url_key)
        self.hashes.add(content_hash)
        self.titles.add(title)


class BatchWriter:
    """Saves articles within one open write transaction."""

    def __init__(self, db: Database, *, now: str, update: bool):
        self.db = db
        self.now = now
        self.update = update
        self.next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM articles").fetchone()[0]
        # Authors seen in this batch: casefolded name -> (id, bio).
        self.authors: dict[str, tuple[int, str | None]] = {}
        self.tag_ids: dict[str, int] = {}
        self.new_rows: list[dict[str, Any]] = []
        self.new_links: list[dict[str, int]] = []
        # What the archive may hold (a superset: stored, or written earlier in this batch) ...
        self.maybe_stored = _Identities(set(), set(), set())
        # ... and what waits in new_rows, so a repeat within the batch is seen.
        self.pending = _Identities(set(), set(), set())

    def save_all(self, articles: Sequence[Article]) -> list[SaveResult]:
        identities = [
            (canonical_url(a.url), a.content_hash(), title_key(a.title)) for a in articles
        ]
        self._prefetch(identities)
        results = [
            self._save(article, *identity)
            for article, identity in zip(articles, identities, strict=True)
        ]
        self.flush()
        return results

    # -- lookups ------------------------------------------------------------

    def _prefetch(self, identities: list[tuple[str | None, str, str]]) -> None:
        urls = {url for url, _, _ in identities if url}
        self.maybe_stored.urls |= self._present("url_key", urls, "")
        self.maybe_stored.hashes |= self._present("content_hash", {h for _, h, _ in identities}, "")
        titles = self._present("title", {t for _, _, t in identities}, " COLLATE NOCASE")
        self.maybe_stored.titles |= {title_key(title) for title in titles}

    def _present(self, column: str, values: Iterable[str], collation: str) -> set[str]:
        values = list(values)
        found: set[str] = set()
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {column} FROM articles WHERE {column}{collation} IN ({marks})"
            found.update(row[0] for row in self.db.execute(sql, chunk))
        return found

    def _rows(self, sql: str, params: Any) -> list[dict[str, Any]]:
        # db.execute, not db.query: query() wraps every statement in a savepoint,
        # which made per-article lookups a tenth of an import's time.
        cursor = self.db.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _find_existing(self, article: Article, url_key: str | None, content_hash: str):
        """The stored row this article is a version of, if any."""
        if article.partial:
            # A teaser is known by its title (or its url, if it has one): any article
            # of that title supersedes it.
            found = self._rows(
                f"""SELECT {_STORED_COLUMNS} FROM articles a
                    WHERE a.title = :title COLLATE NOCASE OR a.url_key = :url LIMIT 1""",
                {"title": article.title, "url": url_key},
            )
            return found[0] if found else None
        # One query for the three ways to be the same article (each term has its index),
        # then the strongest match wins: same url, else same text (unless both have urls
        # and they differ: syndicated copies), else a teaser of the same title.
        found = self._rows(
            f"""SELECT {_STORED_COLUMNS} FROM articles a
                WHERE a.url_key = :url
                   OR (a.content_hash = :hash AND (a.url_key IS NULL OR :url IS NULL))
                   OR (a.partial = 1 AND a.title = :title COLLATE NOCASE)""",
            {"url": url_key, "hash": content_hash, "title": article.title},
        )
        by_url = [row for row in found if url_key is not None and row["url_key"] == url_key]
        by_text = [row for row in found if row["content_hash"] == content_hash]
        return (by_url or by_text or found or [None])[0]

    def _author_id(self, name: str | None, bio: str | None) -> int | None:
        """The author's id, creating the author or updating their bio as needed."""
        if not name:
            return None
        key = name.casefold()
        if key not in self.authors:
            found = self._rows("SELECT id, bio FROM authors WHERE name = ? COLLATE NOCASE", [name])
            if not found:
                author_id = (
                    self.db["authors"]
                    .insert({"name": name, "bio": bio, "added_at": self.now})
                    .last_pk
                )
                self.authors[key] = (author_id, bio)
                return author_id
            self.authors[key] = (found[0]["id"], found[0]["bio"])
        author_id, stored_bio = self.authors[key]
        if bio and bio != stored_bio:  # the newest bio wins
            self.db["authors"].update(author_id, {"bio": bio})
            self.authors[key] = (author_id, bio)
        return author_id

    def _tag_ids(self, names: tuple[str, ...]) -> list[int]:
        ids = []
        for name in names:
            key = name.casefold()
            if key not in self.tag_ids:
                found = self._rows("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", [name])
                self.tag_ids[key] = (
                    found[0]["id"] if found else self.db["tags"].insert({"name": name}).last_pk
                )
            ids.append(self.tag_ids[key])
        return ids

    # -- saving -------------------------------------------------------------

    def _save(
        self, article: Article, url_key: str | None, content_hash: str, title: str
    ) -> SaveResult:
        if self.pending.holds(url_key, content_hash, title):
            self.flush()  # a repeat within the batch: let the lookups below see the first copy
        existing = None
        if self.maybe_stored.holds(url_key, content_hash, title):
            existing = self._find_existing(article, url_key, content_hash)
        if existing is None:
            return self._insert(article, url_key, content_hash, title)
        if article.partial:
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        if existing["partial"]:
            # The full article has arrived: it takes the teaser's place and id.
            self._rewrite(existing["id"], article, url_key, replace_all=True)
            return SaveResult(Outcome.UPDATED, existing["id"])
        author_id = self._author_id(article.author, article.author_bio)
        if not self._differs(existing, article, author_id, url_key) or not self.update:
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        self._rewrite(existing["id"], article, url_key, replace_all=False)
        return SaveResult(Outcome.UPDATED, existing["id"])

    def _differs(
        self, stored: dict[str, Any], article: Article, author_id: int | None, url_key: str | None
    ) -> bool:
        """Whether the incoming article changes anything; empty incoming fields change nothing."""
        changes = [
            (article.title, stored["title"]),
            (article.body, stored["body"]),
            (author_id, stored["author_id"]),
            (article.category, stored["category"]),
            (url_key, stored["url_key"]),
            (article.published_at, stored["published_at"]),
        ]
        if any(new and new != old for new, old in changes):
            return True
        return bool(article.tags) and not _same_tags(json.loads(stored["tags"]), article.tags)

    def _insert(
        self, article: Article, url_key: str | None, content_hash: str, title: str
    ) -> SaveResult:
        article_id = self.next_id
        self.next_id += 1
        self.new_rows.append(
            {
                "id": article_id,
                "title": article.title,
                "body": article.body,
                "author_id": self._author_id(article.author, article.author_bio),
                "category": article.category,
                "url": article.url,
                "url_key": url_key,
                "published_at": article.published_at,
                "added_at": article.added_at or self.now,
                "updated_at": None,
                "source": article.source,
                "content_hash": content_hash,
                "partial": int(article.partial),
            }
        )
        self.new_links.extend(
            {"article_id": article_id, "tag_id": tag_id} for tag_id in self._tag_ids(article.tags)
        )
        self.pending.add(url_key, content_hash, title)
        return SaveResult(Outcome.PARTIAL if article.partial else Outcome.ADDED, article_id)

    def _rewrite(
        self, article_id: int, article: Article, url_key: str | None, *, replace_all: bool
    ):
        """Update a stored article; unless replace_all, empty incoming fields keep stored values."""
        self.flush()  # so that _absorb_duplicates below sees every row
        fields: dict[str, Any] = {
            "title": article.title,
            "body": article.body,
            "author_id": self._author_id(article.author, article.author_bio),
            "category": article.category,
            "url": article.url,
            "url_key": url_key,
            "published_at": article.published_at,
            # Where the stored text now comes from.
            "source": article.source,
        }
        if not replace_all:
            fields = {name: value for name, value in fields.items() if value}
        fields.update(updated_at=self.now, partial=int(article.partial))
        self.db["articles"].update(article_id, fields)
        # The hash follows the stored text, which may mix old and new fields.
        [stored] = self._rows(
            """SELECT a.title, a.body, a.url_key, au.name FROM articles a
               LEFT JOIN authors au ON au.id = a.author_id WHERE a.id = ?""",
            [article_id],
        )
        stored_hash = Article(stored["title"], stored["body"], stored["name"]).content_hash()
        self.db.execute(
            "UPDATE articles SET content_hash = ? WHERE id = ?", [stored_hash, article_id]
        )
        self.maybe_stored.add(stored["url_key"], stored_hash, title_key(stored["title"]))
        self._absorb_duplicates(article_id, stored_hash)
        if article.tags or replace_all:
            self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
            self.db["article_tags"].insert_all(
                {"article_id": article_id, "tag_id": tag_id}
                for tag_id in self._tag_ids(article.tags)
            )

    def _absorb_duplicates(self, article_id: int, content_hash: str) -> None:
        """Fold into this article any url-less article that now has the same text.

        Same text means same article (see _find_existing); an update can create
        such a pair (a page saved without url, and a feed entry whose text later
        becomes the page's). Left alone, the archive would hold one article twice
        and an export of it would not import back the same.
        """
        duplicates = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND id != ? AND url_key IS NULL",
            [content_hash, article_id],
        ).fetchall()
        for (duplicate,) in duplicates:
            self.db.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
                "SELECT ?, tag_id FROM article_tags WHERE article_id = ?",
                [article_id, duplicate],
            )
            self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [duplicate])
            self.db.execute("DELETE FROM articles WHERE id = ?", [duplicate])

    def flush(self) -> None:
        """Insert the collected new articles and their tags, and index them in one statement."""
        if self.new_rows:
            first, last = self.new_rows[0]["id"], self.new_rows[-1]["id"]
            # See schema.m002: the insert trigger stands aside while this row exists.
            self.db.execute("INSERT INTO fts_sync_deferred (batch) VALUES (1)")
            self.db["articles"].insert_all(self.new_rows, batch_size=200)
            self.db.execute(
                "INSERT INTO articles_fts (rowid, title, body, author) SELECT id, title, body, "
                "author FROM articles_fts_source WHERE id BETWEEN ? AND ?",
                [first, last],
            )
            self.db.execute("DELETE FROM fts_sync_deferred")
        if self.new_links:
            self.db["article_tags"].insert_all(self.new_links, batch_size=200)
        self.new_rows, self.new_links = [], []
        for kind in ("urls", "hashes", "titles"):
            getattr(self.maybe_stored, kind).update(getattr(self.pending, kind))
            getattr(self.pending, kind).clear()
