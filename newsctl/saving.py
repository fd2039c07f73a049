"""Writing a batch of articles: de-duplication, updates, teasers, authors and tags.

Runs inside the caller's write transaction. Three things keep imports near
the speed SQLite itself allows (bench/run.py measures them):

- A few queries per batch tell which identities (feed guid, canonical url,
  text hash, title) the archive may already hold; an article matching none of
  them is new without a lookup of its own.
- New articles are inserted with multi-row statements (with their byline and
  unspaced words, which the search index reads: schema.m005), and indexed for search
  with one INSERT ... SELECT per batch (schema.m002): FTS5 flushes its pending
  terms at the end of every statement, so one statement per article would make
  imports several times slower.
- Ids are assigned here, which is safe because the transaction holds the write
  lock. They continue from SQLite's AUTOINCREMENT counter, so an id that was
  ever used (by an article since merged away) is never given again.

Names, tags, categories and titles are matched by their stored fold_key
(text.fold_key), the same rule everywhere, so results never depend on how
records fall into batches.
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database

from newsctl import versions
from newsctl.dates import EAST_OF_UTC, WEST_OF_UTC
from newsctl.fingerprints import (
    fingerprints,
    own_fingerprint,
    read_before_credits,
    said_before,
    with_fingerprints,
)
from newsctl.models import Article
from newsctl.schema import SEARCH_COLUMNS
from newsctl.segmenting import index_text
from newsctl.text import clean_line, fold_key
from newsctl.urls import absolute_url, canonical_url, page_key


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    PARTIAL = "partial"  # a teaser stored in place of an article not yet seen in full
    SKIPPED = "skipped"  # a person deleted this article: imports do not bring it back


@dataclass(frozen=True)
class SaveResult:
    """What saving one article did: its outcome, its id, and the ids of stored articles that
    turned out to be the same article and were merged into it (and no longer exist)."""

    outcome: Outcome
    article_id: int
    merged: tuple[int, ...] = ()


_STORED_COLUMNS = """
    a.id, a.title, a.body, a.credit, a.category, a.url, a.url_key, a.guid, a.published_at,
    a.partial, a.content_hash, a.source_hash, a.guid_without_fragment,
    (SELECT json_group_array(t.name) FROM article_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.article_id = a.id) AS tags,
    (SELECT json_group_array(author_id) FROM
       (SELECT author_id FROM article_authors WHERE article_id = a.id ORDER BY position))
       AS author_ids
"""
# Parameters per IN (...) query, well under SQLite's limit on variables.
_CHUNK = 500


def _same_tags(stored: list[str], incoming: tuple[str, ...]) -> bool:
    return set(map(fold_key, stored)) == set(map(fold_key, incoming))


@dataclass
class _Identities:
    """Guids, canonical urls, text hashes and title keys of a set of articles."""

    guids: set[str]
    urls: set[str]
    hashes: set[str]
    titles: set[str]

    @classmethod
    def empty(cls) -> "_Identities":
        return cls(set(), set(), set(), set())

    def holds(self, key: "_Key") -> bool:
        return (
            key.guid in self.guids
            or key.url in self.urls
            or key.hash in self.hashes
            or key.title in self.titles
        )

    def add(self, key: "_Key") -> None:
        if key.guid:
            self.guids.add(key.guid)
        if key.url:
            self.urls.add(key.url)
        self.hashes.add(key.hash)
        self.titles.add(key.title)

    def update(self, other: "_Identities") -> None:
        for kind in ("guids", "urls", "hashes", "titles"):
            getattr(self, kind).update(getattr(other, kind))


def other_entry(
    stored_guid: str | None, guid: str | None, *, without_fragment: bool = False
) -> bool:
    """Whether two stored guids ("<feed scope> <entry id>", parsers.entries.entry_guids) are
    two entries of one feed: the same scope, other ids. A feed's ids tell its entries apart
    (RSS 2.0 guid, Atom id, RFC 4287 4.2.6), so such entries are two articles even when their
    links agree: a live blog's posts ("…/live#post-101", "…#post-102") share one page. Guids
    without a scope (global ids) are compared whole. `without_fragment`: the stored guid
    was stored by a version that dropped url ids' fragments (articles.guid_without_fragment,
    schema m013), so it is the incoming id with any fragment ("…/live" is "…/live#post-1")."""
    if not stored_guid or not guid or stored_guid == guid:
        return False
    if without_fragment and guid.startswith(stored_guid + "#"):
        return False
    return stored_guid.rsplit(" ", 1)[0] == guid.rsplit(" ", 1)[0]


def _other_entry_than(row: dict[str, Any], guid: str | None) -> bool:
    """other_entry for a stored row (its guid, and its mark of a guid stored without its
    fragment) and an incoming guid."""
    return other_entry(row["guid"], guid, without_fragment=bool(row["guid_without_fragment"]))


_WORD = re.compile(r"\w+")
# An excerpt's own words: at least this many, and this share of its words, open the body.
_MIN_EXCERPT_WORDS = 8
_EXCERPT_SHARE = 0.6


def _summary_of(text: str, stored: str) -> bool:
    """Whether `text` is only a feed's excerpt of the stored body: less than half as long, and
    its words, but for a line or two after them, are the body's first words (WordPress's
    excerpt is the first 55 words, then "[…]" and "The post … appeared first on …"; other
    feeds add "Continue reading"). A publisher's correction is no run of the old text."""
    if not text or len(text) * 2 >= len(stored):
        return False
    words = _WORD.findall(text.casefold())
    opening = _WORD.findall(stored[: len(text) * 2].casefold())
    same = 0
    for word, stored_word in zip(words, opening, strict=False):
        if word != stored_word:
            break
        same += 1
    return same >= _MIN_EXCERPT_WORDS and same >= _EXCERPT_SHARE * len(words)


def _page_address(url: str | None, stored: str | None) -> str | None:
    """The url to store for an article: the incoming one, unless it is only another address
    of the page stored under its own (an AMP copy, a "www." or mobile host: urls.page_key),
    which a reader would rather open."""
    if url and stored and page_key(url) == page_key(stored) and _own_address(stored):
        return stored if not _own_address(url) else url
    return url


def _own_address(url: str) -> bool:
    """Whether a url is a page's own address, not one of its copies (urls.page_key): its
    path and query are its key's ("www." and mobile hosts are the site's own)."""
    canonical, key = canonical_url(url), page_key(url)
    if not canonical or not key:
        return False
    own, folded = urlsplit(canonical), urlsplit(key)
    return (own.path, own.query) == (folded.path, folded.query)


def _day_of(day: str | None, stored: str | None) -> bool:
    """Whether `day`, a date given without a time (stored as midnight UTC), is the local
    day of the stored instant in some zone: then it says less than what is stored, as a
    page's "2024-11-03" beside its feed's "Sun, 03 Nov 2024 21:15:00 -0500"."""
    if not day or not stored or not day.endswith("T00:00:00Z") or stored.endswith("T00:00:00Z"):
        return False
    try:
        start = datetime.fromisoformat(day.replace("Z", "+00:00"))
        instant = datetime.fromisoformat(stored.replace("Z", "+00:00"))
        return start - EAST_OF_UTC <= instant < start + timedelta(days=1) + WEST_OF_UTC
    except (ValueError, OverflowError):  # the first or last days a datetime can hold
        return False


@dataclass(frozen=True)
class _Key:
    """The ways an article can be recognised: feed guid, url key (urls.page_key), text, title; and
    the url as stored (absolute http(s), tracking parameters removed; see urls.py)."""

    guid: str | None
    url: str | None
    hash: str
    title: str
    stored_url: str | None = None

    @classmethod
    def of(cls, article: Article) -> "_Key":
        # Parsers resolve relative links; one that is still not absolute is no identity.
        url = absolute_url(article.url)
        return cls(
            article.guid, page_key(url), article.content_hash(), fold_key(article.title), url
        )


class BatchWriter:
    """Saves articles within one open write transaction.

    `update`: whether a stored article that comes back changed is updated. `change`:
    what an update is recorded as in the article's versions ("import", "edit", "revert"),
    `origin` where it came from (else each article's source).
    `restore_deleted`: whether an article a person deleted comes back (from the trash
    with its id, or as a new article once purged) instead of being skipped.
    """

    def __init__(
        self,
        db: Database,
        *,
        now: str,
        update: bool,
        change: str = "import",
        origin: str | None = None,
        restore_deleted: bool = False,
    ):
        self.db = db
        self.now = now
        self.update = update
        self.change = change
        # Where changes come from, for the versions kept ("cli", "editor"): else each
        # article's source.
        self.origin = origin
        self.restore_deleted = restore_deleted
        # Names renamed or merged away by a person: kind -> fold_key -> the name now used.
        self.renamed: dict[str, dict[str, str]] = {}
        for kind, key, new_name in db.execute(
            "SELECT kind, name_key, new_name FROM renamed_labels"
        ):
            self.renamed.setdefault(kind, {})[key] = new_name
        # Identities of deleted articles, checked only when there are any.
        self.any_deleted = db.execute("SELECT 1 FROM deleted_articles LIMIT 1").fetchone()
        self.deleted: dict[str, list[dict[str, Any]]] = {}
        self.next_id = db.execute(
            """SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0),
                          coalesce((SELECT max(id) FROM articles), 0)) + 1"""
        ).fetchone()[0]
        # Authors seen in this batch: fold_key -> (id, bio).
        self.authors: dict[str, tuple[int, str | None, bool]] = {}
        # Their names as stored, for the bylines of new articles (the search index reads them).
        self.author_names: dict[int, str] = {}
        self.tag_ids: dict[str, int] = {}
        self.new_rows: list[dict[str, Any]] = []
        # (title_ngrams, byline_ngrams, body_ngrams, id) of new rows with unspaced words.
        self.new_ngrams: list[tuple[str | None, str | None, str | None, int]] = []
        self.new_credits: list[tuple[str, int]] = []
        self.new_author_links: list[dict[str, int]] = []
        self.new_tag_links: list[dict[str, int]] = []
        # What the archive may hold (a superset: stored, or written earlier in this batch) ...
        self.maybe_stored = _Identities.empty()
        # ... and what waits in new_rows, so a repeat within the batch is seen.
        self.pending = _Identities.empty()

    def save_all(self, articles: Sequence[Article]) -> list[SaveResult]:
        if self.renamed:
            articles = [self._renamed(article) for article in articles]
        keys = [_Key.of(article) for article in articles]
        self._prefetch(keys)
        results = [self._save(article, key) for article, key in zip(articles, keys, strict=True)]
        self.flush()
        return results

    def _renamed(self, article: Article) -> Article:
        """The article with the names a person renamed read as their new names."""

        def new(kind: str, name: str) -> str:
            return self.renamed.get(kind, {}).get(fold_key(name), name)

        # A bio that came with a name merged into another person's describes the old name.
        lead = article.authors[0] if article.authors else None
        bio = article.author_bio if lead is None or new("author", lead) == lead else None
        return replace(
            article,
            author_bio=bio,
            authors=tuple(dict.fromkeys(new("author", name) for name in article.authors)),
            tags=tuple(dict.fromkeys(new("tag", tag) for tag in article.tags)),
            category=new("category", article.category) if article.category else None,
        )

    # -- lookups ------------------------------------------------------------

    def _prefetch(self, keys: list[_Key]) -> None:
        if self.any_deleted:
            self._prefetch_deleted(keys)
        known = self.maybe_stored
        known.guids |= self._present("guid", {key.guid for key in keys if key.guid})
        known.urls |= self._present("url_key", {key.url for key in keys if key.url})
        known.hashes |= self._present("content_hash", {key.hash for key in keys})
        known.titles |= self._present("title_key", {key.title for key in keys})

    def _prefetch_deleted(self, keys: list[_Key]) -> None:
        """Deleted articles that some of these articles may be (by guid, url or text)."""
        for column, values in (
            ("guid", {key.guid for key in keys if key.guid}),
            ("url_key", {key.url for key in keys if key.url}),
            ("content_hash", {key.hash for key in keys}),
        ):
            values = list(values)
            for start in range(0, len(values), _CHUNK):
                chunk = values[start : start + _CHUNK]
                for row in self._rows(
                    "SELECT id, guid, url_key, content_hash, purged_at FROM deleted_articles "
                    f"WHERE {column} IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ):
                    self.deleted.setdefault(f"{column}:{row[column]}", []).append(row)

    def _deleted_match(self, key: _Key) -> dict[str, Any] | None:
        """The deleted article this one is, if it is one: same guid, same url, or same text
        (unless both have urls and they differ, as for stored articles)."""
        for row in self.deleted.get(f"guid:{key.guid}", []) + self.deleted.get(
            f"url_key:{key.url}", []
        ):
            return row
        for row in self.deleted.get(f"content_hash:{key.hash}", []):
            if row["url_key"] is None or key.url is None:
                return row
        return None

    def _present(self, column: str, values: Iterable[str]) -> set[str]:
        values = list(values)
        found: set[str] = set()
        for start in range(0, len(values), _CHUNK):
            chunk = values[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {column} FROM articles WHERE {column} IN ({marks})"
            found.update(row[0] for row in self.db.execute(sql, chunk))
        return found

    def _rows(self, sql: str, params: Any) -> list[dict[str, Any]]:
        # db.execute, not db.query: query() wraps every statement in a savepoint,
        # which made per-article lookups a tenth of an import's time.
        cursor = self.db.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _find_existing(self, article: Article, key: _Key) -> dict[str, Any] | None:
        """The stored row this article is a version of, if any."""
        if article.partial:
            # A teaser is known by its title (or its url, if it has one): any article
            # of that title supersedes it.
            found = self._rows(
                f"""SELECT {_STORED_COLUMNS} FROM articles a
                    WHERE a.title_key = :title OR a.url_key = :url LIMIT 1""",
                {"title": key.title, "url": key.url},
            )
            return found[0] if found else None
        # One query for the ways to be the same article (each term has its index), then
        # the strongest match wins: the same feed guid (a publisher's edit may change the
        # title, text and link), else the same url, else the same text (unless both have
        # urls and they differ: syndicated copies), else a teaser of the same title.
        found = self._rows(
            f"""SELECT {_STORED_COLUMNS} FROM articles a
                WHERE a.guid = :guid
                   OR a.url_key = :url
                   OR (a.content_hash = :hash AND (a.url_key IS NULL OR :url IS NULL))
                   OR (a.partial = 1 AND a.title_key = :title)""",
            {"guid": key.guid, "url": key.url, "hash": key.hash, "title": key.title},
        )
        by_guid = [row for row in found if key.guid is not None and row["guid"] == key.guid]
        found = [row for row in found if not _other_entry_than(row, key.guid)]
        by_url = [row for row in found if key.url is not None and row["url_key"] == key.url]
        by_text = [row for row in found if row["content_hash"] == key.hash]
        return (by_guid or by_url or by_text or found or [None])[0]

    def _url_of_other_entry(self, key: _Key, article_id: int | None = None) -> bool:
        """Whether another entry of this article's feed (see other_entry) holds its url."""
        if key.url is None or key.guid is None:
            return False
        rows = self._rows(
            "SELECT id, guid, guid_without_fragment FROM articles WHERE url_key = ?", [key.url]
        )
        return any(row["id"] != article_id and _other_entry_than(row, key.guid) for row in rows)

    def _own_url(self, key: _Key, stored: dict[str, Any]) -> _Key:
        """The key a stored article is saved under: without its url when another entry of
        its feed holds that url (only then can the url differ from the stored one's)."""
        if stored["url_key"] != key.url and self._url_of_other_entry(key, stored["id"]):
            return replace(key, url=None)
        return key

    def _author_ids(self, names: tuple[str, ...], lead_bio: str | None) -> list[int]:
        """The authors' ids in byline order, creating authors as needed. The lead author's
        bio is stored when new, and replaces a stored one only when updates are allowed."""
        ids: list[int] = []
        for position, name in enumerate(names):
            key = fold_key(name)
            if not key:
                continue
            bio = lead_bio if position == 0 else None
            if key not in self.authors:
                found = self._rows(
                    "SELECT id, bio, name, bio_curated FROM authors WHERE name_key = ?", [key]
                )
                if found:
                    row = found[0]
                    self.authors[key] = (row["id"], row["bio"], bool(row["bio_curated"]))
                    self.author_names[row["id"]] = row["name"]
                else:
                    row = {"name": name, "name_key": key, "bio": bio, "added_at": self.now}
                    self.authors[key] = (self.db["authors"].insert(row).last_pk, bio, False)
                    self.author_names[self.authors[key][0]] = name
            author_id, stored_bio, curated = self.authors[key]
            # The newest bio wins, unless a person wrote or chose the stored one.
            if bio and bio != stored_bio and self.update and not curated:
                self.db.execute("UPDATE authors SET bio = ? WHERE id = ?", [bio, author_id])
                self.authors[key] = (author_id, bio, False)
            if author_id not in ids:
                ids.append(author_id)
        return ids

    def _tag_ids(self, names: tuple[str, ...]) -> list[int]:
        """Tag ids (created as needed), each once, whatever spellings the names use."""
        ids: list[int] = []
        for name in names:
            key = fold_key(name)
            if not key:
                continue
            if key not in self.tag_ids:
                found = self._rows("SELECT id FROM tags WHERE name_key = ?", [key])
                self.tag_ids[key] = (
                    found[0]["id"]
                    if found
                    else self.db["tags"].insert({"name": name, "name_key": key}).last_pk
                )
            if self.tag_ids[key] not in ids:
                ids.append(self.tag_ids[key])
        return ids

    # -- saving -------------------------------------------------------------

    def _save(self, article: Article, key: _Key) -> SaveResult:
        deleted = self._deleted_match(key) if self.deleted else None
        if deleted is not None:
            if not self.restore_deleted:
                return SaveResult(Outcome.SKIPPED, deleted["id"])
            self._undelete(deleted)
        if self.pending.holds(key):
            self.flush()  # a repeat within the batch: let the lookups below see the first copy
        maybe_stored = self.maybe_stored.holds(key)
        existing = self._find_existing(article, key) if maybe_stored else None
        if existing is None:
            if maybe_stored and self._url_of_other_entry(key):
                key = replace(key, url=None)  # the url stays stored, but is not its identity
            return self._insert(article, key)
        key = self._own_url(key, existing)
        if article.partial:
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        if existing["partial"]:
            # The full article has arrived: it takes the teaser's place and id (this
            # completes the article rather than changing it, so --no-update allows it).
            merged = self._rewrite(existing, article, key, replace_all=True)
            return SaveResult(Outcome.UPDATED, existing["id"], merged)
        if not self.update:
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        if self.change == "import" and said_before(existing["source_hash"], article):
            # A source says what it said when it was stored: a person's edits since stand,
            # and so does what another source of this article said since.
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        if (
            self.change == "import"
            and article.credit
            and any(
                said_before(existing["source_hash"], earlier)
                for earlier in read_before_credits(article)
            )
        ):
            # What the source said before credits were kept (schema m014): no news, but for
            # the credit the archive learns from it.
            return self._learn_credit(existing, article)
        if _summary_of(article.body, existing["body"]):
            # A feed's excerpt of an article stored in full (from its page) is no new text.
            article = replace(article, body="")
        if _day_of(article.published_at, existing["published_at"]):
            # A bare day ("2024-11-03") is no news about an instant already stored on it.
            article = replace(article, published_at=None)
        author_ids = self._author_ids(article.authors, article.author_bio)
        if not self._differs(existing, article, author_ids, key):
            return SaveResult(Outcome.UNCHANGED, existing["id"])
        merged = self._rewrite(existing, article, key, replace_all=False)
        return SaveResult(Outcome.UPDATED, existing["id"], merged)

    def _learn_credit(self, stored: dict[str, Any], article: Article) -> SaveResult:
        """Store the credit of a source read again since schema m014, and nothing else: its
        other fields are what it said before, which a person may have edited since. A credit a
        person set stays; an author an earlier version stored under the credit's name ("La
        Rédaction") is that credit, not a person; the source's fingerprint is stored with
        its credit from now on."""
        article_id = stored["id"]
        self.flush()
        before = versions.snapshot(self.db, article_id)
        fields: dict[str, Any] = {
            "source_hash": with_fingerprints(stored["source_hash"], own_fingerprint(article))
        }
        learnt = stored["credit"] is None
        if learnt:
            fields.update(credit=article.credit, updated_at=self.now)
        self.db["articles"].update(article_id, fields)
        credited = self.db.execute(
            "SELECT id FROM authors WHERE name_key = ?", [fold_key(article.credit)]
        ).fetchone()
        dropped = credited is not None and self._drop_author(article_id, credited[0])
        if not (learnt or dropped) or before is None:
            return SaveResult(Outcome.UNCHANGED, article_id)
        self._keep_version(article_id, before, article)
        return SaveResult(Outcome.UPDATED, article_id)

    def _drop_author(self, article_id: int, author_id: int) -> bool:
        """Take an author off an article's byline; an author left without articles, whose
        bio no person wrote, is forgotten. Returns whether the article had that author."""
        dropped = self.db.execute(
            "DELETE FROM article_authors WHERE article_id = ? AND author_id = ?",
            [article_id, author_id],
        ).rowcount
        self.db.execute(
            "DELETE FROM authors WHERE id = ? AND bio_curated = 0 AND NOT EXISTS "
            "(SELECT 1 FROM article_authors WHERE author_id = ?)",
            [author_id, author_id],
        )
        for key, (known_id, *_) in list(self.authors.items()):
            if known_id == author_id:
                del self.authors[key]
        return bool(dropped)

    def _keep_version(self, article_id: int, before: dict[str, Any], article: Article) -> None:
        """Keep the version `before` (a snapshot) that writing `article` replaced."""
        versions.keep_version(
            self.db,
            article_id,
            before,
            change=self.change,
            origin=self.origin or article.source,
            now=self.now,
        )

    def _undelete(self, deleted: dict[str, Any]) -> None:
        """Bring a deleted article back before saving its new copy: from the trash with its
        id; once purged, its identities are forgotten and the copy is a new article."""
        # Known by its id: the lookups by guid, url and text each read it as a row of its own.
        for name, rows in self.deleted.items():
            self.deleted[name] = [row for row in rows if row["id"] != deleted["id"]]
        [snapshot] = self.db.execute(
            "SELECT snapshot FROM deleted_articles WHERE id = ?", [deleted["id"]]
        ).fetchone()
        self.db.execute("DELETE FROM deleted_articles WHERE id = ?", [deleted["id"]])
        if snapshot is not None:
            self.restore(deleted["id"], json.loads(snapshot))

    def replace(self, article_id: int, article: Article) -> tuple[int, ...]:
        """Replace a stored article's fields with these (an edit or a revert): every field
        as given, empty ones cleared; the change is kept as a version. Returns the ids of
        url-less articles that now have its text and were merged into it. The caller makes
        sure no other article has its url or guid."""
        [stored] = self._rows(
            f"SELECT {_STORED_COLUMNS} FROM articles a WHERE a.id = ?", [article_id]
        )
        return self._rewrite(stored, article, _Key.of(article), replace_all=True)

    def restore(self, article_id: int, snapshot: dict[str, Any]) -> None:
        """Store an article again under the id it had, from its snapshot in the trash
        (trash.delete_articles), with the fingerprints of its sources and the mark of a
        guid stored without its fragment when the snapshot kept them (an earlier version's
        did not)."""
        article = Article.from_snapshot(snapshot)
        key = _Key.of(article)
        self._insert(
            article,
            key,
            article_id=article_id,
            source_hash=snapshot.get("source_hash"),
            without_fragment=bool(snapshot.get("guid_without_fragment")),
        )
        self.flush()
        self.maybe_stored.add(key)

    def _differs(
        self, stored: dict[str, Any], article: Article, author_ids: list[int], key: _Key
    ) -> bool:
        """Whether the incoming article changes anything; empty incoming fields change nothing."""
        changes = [
            (article.title, stored["title"]),
            (article.body, stored["body"]),
            (author_ids, json.loads(stored["author_ids"])),
            (
                fold_key(article.credit) if article.credit else None,
                fold_key(stored["credit"]) if stored["credit"] else None,
            ),
            # Names and labels by fold_key: a case a person chose is no change to undo.
            (
                fold_key(article.category) if article.category else None,
                fold_key(stored["category"]) if stored["category"] else None,
            ),
            (key.url, stored["url_key"]),
            (key.guid, stored["guid"]),
            (article.published_at, stored["published_at"]),
        ]
        if any(new and new != old for new, old in changes):
            return True
        return bool(article.tags) and not _same_tags(json.loads(stored["tags"]), article.tags)

    def _insert(
        self,
        article: Article,
        key: _Key,
        *,
        article_id: int | None = None,
        source_hash: str | None = None,
        without_fragment: bool = False,
    ) -> SaveResult:
        if article_id is None:
            article_id = self.next_id
            self.next_id += 1
        elif self.new_rows:
            self.flush()  # flush() indexes new rows by their (consecutive) id range
        author_ids = self._author_ids(article.authors, article.author_bio)
        # What the search index reads (schema.m005): the byline and the unspaced words. The
        # triggers that set bylines stand aside while flush() inserts a batch.
        byline = "; ".join(self.author_names[author_id] for author_id in author_ids) or None
        self.new_rows.append(
            {
                "id": article_id,
                "title": article.title,
                "title_key": key.title,
                "body": article.body,
                "category": article.category,
                "category_key": fold_key(article.category) if article.category else None,
                "url": key.stored_url,
                "url_key": key.url,
                "guid": key.guid,
                "guid_without_fragment": 1 if without_fragment else None,
                "published_at": article.published_at,
                "added_at": article.added_at or self.now,
                "updated_at": None,
                "source": clean_line(article.source) if article.source else None,
                "content_hash": key.hash,
                "partial": int(article.partial),
                "byline": byline,
                "source_hash": source_hash
                or (
                    with_fingerprints(None, own_fingerprint(article))
                    if self.change == "import"
                    else None
                ),
            }
        )
        # Most articles have no unspaced words; the few that do get them set in flush()
        # (three more columns in every row made sqlite-utils' insert_all ~3% of an import).
        ngrams = (index_text(article.title), index_text(byline), index_text(article.body))
        if any(ngrams):
            self.new_ngrams.append((*ngrams, article_id))
        if article.credit:  # as rare: set in flush() too
            self.new_credits.append((article.credit, article_id))
        self.new_author_links.extend(
            {"article_id": article_id, "author_id": author_id, "position": position}
            for position, author_id in enumerate(author_ids)
        )
        self.new_tag_links.extend(
            {"article_id": article_id, "tag_id": tag_id} for tag_id in self._tag_ids(article.tags)
        )
        self.pending.add(key)
        return SaveResult(Outcome.PARTIAL if article.partial else Outcome.ADDED, article_id)

    def _rewrite(
        self, stored: dict[str, Any], article: Article, key: _Key, *, replace_all: bool
    ) -> tuple[int, ...]:
        """Update a stored article; returns the ids of other articles merged into it.

        Unless replace_all (a full article replacing its teaser), empty incoming fields
        keep the stored values. A teaser's estimated date stays when the article has none.
        """
        self.flush()  # so that the merges below see every row
        article_id = stored["id"]
        key = self._own_url(key, stored)
        before = versions.snapshot(self.db, article_id)
        fields: dict[str, Any] = {
            "title": article.title,
            "title_key": key.title,
            "body": article.body,
            "credit": article.credit,
            "category": article.category,
            "category_key": fold_key(article.category) if article.category else None,
            "url": _page_address(key.stored_url, stored["url"]),
            "url_key": key.url,
            "guid": key.guid,
            # A teaser's estimated date stays when its article comes without one.
            "published_at": article.published_at
            or (stored["published_at"] if stored["partial"] else None),
            # Where the stored text now comes from.
            "source": article.source,
        }
        if not replace_all:
            fields = {name: value for name, value in fields.items() if value}
            if article.authors:
                # People and credit are one byline: a source naming people says who is
                # credited beside them, if anyone ("Jane Doe" after "Reuters Staff").
                fields["credit"] = article.credit
        fields.update(updated_at=self.now, partial=int(article.partial))
        if fields.get("guid") and fields["guid"] != stored["guid"]:
            fields["guid_without_fragment"] = None  # stored now as this version writes it
        # Another stored article holding this url or guid is this same article (found
        # under another identity before): it is merged into this one. So is a teaser of
        # its title, which a full article supersedes (as in _find_existing) also when the
        # article was found by its url.
        merged = self._merge_into(
            article_id,
            "(url_key = :url OR guid = :guid OR (:full AND partial = 1 AND title_key = :title))",
            {
                "url": fields.get("url_key"),
                "guid": fields.get("guid"),
                "full": not article.partial,
                "title": key.title,
            },
        )
        if self.change == "import":  # an edit keeps the fingerprints of the imports
            # Read after the merges, which join the merged articles' fingerprints to its.
            [stored_hashes] = self.db.execute(
                "SELECT source_hash FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            fields["source_hash"] = with_fingerprints(stored_hashes, own_fingerprint(article))
        self.db["articles"].update(article_id, fields)
        author_ids = self._author_ids(article.authors, article.author_bio)
        if author_ids or replace_all:
            self._set_authors(article_id, author_ids)
        if article.tags or replace_all:
            self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
            self.db["article_tags"].insert_all(
                {"article_id": article_id, "tag_id": tag_id}
                for tag_id in self._tag_ids(article.tags)
            )
        self._index_unspaced(article_id)
        stored_hash = self._rehash(article_id)
        # Same text means same article (see _find_existing): an update can create such a
        # pair (a page saved without url, and a feed entry whose text later becomes the
        # page's). Left alone, the archive would hold one article twice.
        same_text = self._merge_into(
            article_id, "content_hash = :hash AND url_key IS NULL", {"hash": stored_hash}
        )
        if same_text:
            self._rehash(article_id)  # a merge may have given it a byline
        merged += same_text
        if before is not None:
            self._keep_version(article_id, before, article)
        return merged

    def _rehash(self, article_id: int) -> str:
        """Store the text hash of what is now stored, which may mix old and new fields."""
        [row] = self._rows(
            """SELECT a.title, a.body, a.url_key, a.guid, (SELECT json_group_array(name) FROM
                 (SELECT au.name FROM article_authors x JOIN authors au ON au.id = x.author_id
                  WHERE x.article_id = a.id ORDER BY x.position)) AS names
               FROM articles a WHERE a.id = ?""",
            [article_id],
        )
        stored = Article(row["title"], row["body"], tuple(json.loads(row["names"])))
        content_hash = stored.content_hash()
        self.db.execute(
            "UPDATE articles SET content_hash = ? WHERE id = ?", [content_hash, article_id]
        )
        self.maybe_stored.add(
            _Key(row["guid"], row["url_key"], content_hash, fold_key(row["title"]))
        )
        return content_hash

    def _index_unspaced(self, article_id: int) -> None:
        """Recompute what the search index reads for the unspaced words of a stored article
        (its byline was set by the triggers on article_authors; see schema.m005)."""
        [row] = self._rows(
            "SELECT title, byline, body, title_ngrams, byline_ngrams, body_ngrams "
            "FROM articles WHERE id = ?",
            [article_id],
        )
        wanted = {f"{name}_ngrams": index_text(row[name]) for name in ("title", "byline", "body")}
        if any(row[name] != value for name, value in wanted.items()):
            self.db["articles"].update(article_id, wanted)

    def _set_authors(self, article_id: int, author_ids: list[int]) -> None:
        self.db.execute("DELETE FROM article_authors WHERE article_id = ?", [article_id])
        self.db["article_authors"].insert_all(
            {"article_id": article_id, "author_id": author_id, "position": position}
            for position, author_id in enumerate(author_ids)
        )

    def merge_copies(self, article_id: int, copy_ids: Sequence[int], *, origin: str) -> None:
        """Fold stored articles that are `article_id` under another address (schema m011)
        into it, as an import's merge does (tags joined; byline, category, date and guid
        taken where it has none), and delete them. The history keeps each copy's fields between
        the article as it was and as it is after the merge (versions.keep_merged_copy;
        `origin` says why)."""
        for copy_id in copy_ids:
            before = versions.snapshot(self.db, article_id)
            copy = versions.snapshot(self.db, copy_id)
            [guid] = self.db.execute("SELECT guid FROM articles WHERE id = ?", [copy_id]).fetchone()
            self._merge_into(article_id, "id = :copy", {"copy": copy_id})
            # A page with no guid takes its copy's: the feed entry it was stored as.
            self.db.execute(
                "UPDATE articles SET guid = coalesce(guid, ?) WHERE id = ?", [guid, article_id]
            )
            self._rehash(article_id)
            self._index_unspaced(article_id)
            if before is not None and copy is not None:
                versions.keep_merged_copy(
                    self.db, article_id, before, copy, origin=origin, now=self.now
                )

    def _merge_into(
        self, article_id: int, condition: str, params: dict[str, Any]
    ) -> tuple[int, ...]:
        """Fold the other stored articles matching condition into this one: their tags
        join its tags, and they are deleted (their ids are never used again)."""
        duplicates = [
            row[0]
            for row in self.db.execute(
                f"SELECT id FROM articles WHERE id != :id AND {condition}",
                {**params, "id": article_id},
            ).fetchall()
        ]
        for duplicate in duplicates:
            # What its sources say is now this article's: read again, they change nothing.
            [[kept_hashes], [copy_hashes]] = [
                self.db.execute("SELECT source_hash FROM articles WHERE id = ?", [id_]).fetchone()
                for id_ in (article_id, duplicate)
            ]
            if copy_hashes:
                self.db.execute(
                    "UPDATE articles SET source_hash = ? WHERE id = ?",
                    [with_fingerprints(copy_hashes, fingerprints(kept_hashes)), article_id],
                )
            self.db.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
                "SELECT ?, tag_id FROM article_tags WHERE article_id = ?",
                [article_id, duplicate],
            )
            # What the kept article lacks, the merged one may know: its byline, credit,
            # category, publication date.
            if not self.db.execute(
                "SELECT 1 FROM article_authors WHERE article_id = ?", [article_id]
            ).fetchone():
                # Its byline: the copy's people with the copy's credit (people and credit are
                # one byline), else the copy's credit where it has none.
                moved = self.db.execute(
                    "UPDATE article_authors SET article_id = ? WHERE article_id = ?",
                    [article_id, duplicate],
                ).rowcount
                copy_credit = "(SELECT credit FROM articles WHERE id = :d)"
                credit = copy_credit if moved else f"coalesce(credit, {copy_credit})"
                self.db.execute(
                    f"UPDATE articles SET credit = {credit} WHERE id = :k",
                    {"d": duplicate, "k": article_id},
                )
            self.db.execute(
                """UPDATE articles SET
                     category = coalesce(category, (SELECT category FROM articles WHERE id = :d)),
                     category_key = coalesce(category_key,
                                             (SELECT category_key FROM articles WHERE id = :d)),
                     published_at = coalesce(published_at,
                                             (SELECT published_at FROM articles WHERE id = :d))
                   WHERE id = :k""",
                {"d": duplicate, "k": article_id},
            )
            self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [duplicate])
            self.db.execute("DELETE FROM article_authors WHERE article_id = ?", [duplicate])
            self.db.execute("DELETE FROM article_versions WHERE article_id = ?", [duplicate])
            self.db.execute("DELETE FROM articles WHERE id = ?", [duplicate])
        return tuple(duplicates)

    def flush(self) -> None:
        """Insert the collected new articles, their authors and tags, and index them for
        search in one statement."""
        if self.new_rows:
            first, last = self.new_rows[0]["id"], self.new_rows[-1]["id"]
            # See schema.m002: the search triggers stand aside while this row exists.
            self.db.execute("INSERT INTO fts_sync_deferred (batch) VALUES (1)")
            self.db["articles"].insert_all(self.new_rows, batch_size=200)
            self.db.conn.executemany(
                "UPDATE articles SET title_ngrams = ?, byline_ngrams = ?, body_ngrams = ? "
                "WHERE id = ?",
                self.new_ngrams,
            )
            self.db.conn.executemany(
                "UPDATE articles SET credit = ? WHERE id = ?", self.new_credits
            )
            self.db["article_authors"].insert_all(self.new_author_links, batch_size=300)
            columns = ", ".join(SEARCH_COLUMNS)
            self.db.execute(
                f"INSERT INTO articles_fts (rowid, {columns}) SELECT id, {columns} "
                "FROM articles WHERE id BETWEEN ? AND ?",
                [first, last],
            )
            self.db.execute("DELETE FROM fts_sync_deferred")
        if self.new_tag_links:
            self.db["article_tags"].insert_all(self.new_tag_links, batch_size=300)
        self.new_rows, self.new_author_links, self.new_tag_links = [], [], []
        self.new_ngrams, self.new_credits = [], []
        self.maybe_stored.update(self.pending)
        self.pending = _Identities.empty()
