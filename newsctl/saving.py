"""Writing a batch of articles: de-duplication, updates, teasers, authors and tags.

Runs inside the caller's write transaction. New articles are collected and
inserted with one multi-row statement per few dozen rows: FTS5 flushes its
pending terms at the end of every statement, so one INSERT per article would
make imports several times slower (see PITFALLS). Ids are assigned here,
which is safe because the transaction holds the write lock.
"""

import json
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


def _same_tags(stored: list[str], incoming: tuple[str, ...]) -> bool:
    return sorted(t.casefold() for t in stored) == sorted(t.casefold() for t in incoming)


class BatchWriter:
    """Saves articles within one open write transaction; call flush() before committing."""

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
        # Identities of rows not yet flushed, so a repeat within the batch is seen.
        self.pending_keys: set[str] = set()

    # -- lookups ------------------------------------------------------------

    def _one(self, where: str, params: list[Any]) -> dict[str, Any] | None:
        return self._first_row(
            f"SELECT {_STORED_COLUMNS} FROM articles a WHERE {where} LIMIT 1", params
        )

    def _first_row(self, sql: str, params: list[Any]) -> dict[str, Any] | None:
        # db.execute, not db.query: query() wraps every statement in a savepoint,
        # which made these per-article lookups a tenth of an import's time.
        cursor = self.db.execute(sql, params)
        row = cursor.fetchone()
        names = [column[0] for column in cursor.description]
        return dict(zip(names, row, strict=True)) if row else None

    def _find_existing(self, article: Article, url_key: str | None, content_hash: str):
        """The stored row this article is a version of, if any."""
        if article.partial:
            # A teaser is known by its title: any article of that title supersedes it.
            return self._one("a.title = ? COLLATE NOCASE", [article.title])
        if url_key:
            row = self._one("a.url_key = ?", [url_key])
            if row:
                return row
        # Same text: the same article, unless both have urls and they differ (syndicated copies).
        row = self._one(
            "a.content_hash = ? AND (a.url_key IS NULL OR ? IS NULL)", [content_hash, url_key]
        )
        if row:
            return row
        return self._one("a.partial = 1 AND a.title = ? COLLATE NOCASE", [article.title])

    def _author_id(self, name: str | None, bio: str | None) -> int | None:
        """The author's id, creating the author or updating their bio as needed."""
        if not name:
            return None
        key = name.casefold()
        if key not in self.authors:
            row = self._first_row(
                "SELECT id, bio FROM authors WHERE name = ? COLLATE NOCASE", [name]
            )
            if row is None:
                author_id = (
                    self.db["authors"]
                    .insert({"name": name, "bio": bio, "added_at": self.now})
                    .last_pk
                )
                self.authors[key] = (author_id, bio)
                return author_id
            self.authors[key] = (row["id"], row["bio"])
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
                row = self._first_row("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", [name])
                self.tag_ids[key] = (
                    row["id"] if row else self.db["tags"].insert({"name": name}).last_pk
                )
            ids.append(self.tag_ids[key])
        return ids

    # -- saving -------------------------------------------------------------

    def save(self, article: Article) -> SaveResult:
        url_key = canonical_url(article.url)
        content_hash = article.content_hash()
        keys = {
            f"url:{url_key}" if url_key else f"hash:{content_hash}",
            f"title:{article.title.casefold()}",
        }
        if keys & self.pending_keys:
            self.flush()  # a repeat within the batch: let the lookups below see the first copy
        existing = self._find_existing(article, url_key, content_hash)
        if existing is None:
            return self._insert(article, url_key, content_hash, keys)
        if article.partial:
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        if existing["partial"]:
            # The full article has arrived: it takes the teaser's place and id.
            self._rewrite(existing["id"], article, url_key, replace_all=True)
            return SaveResult(Outcome.UPDATED, existing["id"])
        author_id = self._author_id(article.author, article.author_bio)
        if not self._differs(existing, article, author_id) or not self.update:
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        self._rewrite(existing["id"], article, url_key, replace_all=False)
        return SaveResult(Outcome.UPDATED, existing["id"])

    def _differs(self, stored: dict[str, Any], article: Article, author_id: int | None) -> bool:
        """Whether the incoming article changes anything; empty incoming fields change nothing."""
        changes = [
            (article.title, stored["title"]),
            (article.body, stored["body"]),
            (author_id, stored["author_id"]),
            (article.category, stored["category"]),
            (canonical_url(article.url), stored["url_key"]),
            (article.published_at, stored["published_at"]),
        ]
        if any(new and new != old for new, old in changes):
            return True
        return bool(article.tags) and not _same_tags(json.loads(stored["tags"]), article.tags)

    def _insert(
        self, article: Article, url_key: str | None, content_hash: str, keys: set[str]
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
        self.pending_keys |= keys
        return SaveResult(Outcome.PARTIAL if article.partial else Outcome.ADDED, article_id)

    def _rewrite(
        self, article_id: int, article: Article, url_key: str | None, *, replace_all: bool
    ):
        """Update a stored article; unless replace_all, empty incoming fields keep stored values."""
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
        self.db.execute(
            """UPDATE articles SET content_hash = ? WHERE id = ?""",
            [self._stored_hash(article_id), article_id],
        )
        if article.tags or replace_all:
            self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
            self.db["article_tags"].insert_all(
                {"article_id": article_id, "tag_id": tag_id}
                for tag_id in self._tag_ids(article.tags)
            )

    def _stored_hash(self, article_id: int) -> str:
        row = self._first_row(
            """SELECT a.title, a.body, au.name FROM articles a
               LEFT JOIN authors au ON au.id = a.author_id WHERE a.id = ?""",
            [article_id],
        )
        return Article(title=row["title"], body=row["body"], author=row["name"]).content_hash()

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
        self.pending_keys.clear()
