"""The archive: one SQLite file of articles, authors and tags, behind one class.

Nothing else in newsctl opens the database. No Typer and no Rich here:
methods take plain values and return models, so the CLI, the importer and
the benchmarks all use the same code.
"""

import json
import os
import re
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import (
    ArchiveError,
    ArticleNotFound,
    AuthorNotFound,
    RecordRejected,
    UsageError,
)
from newsctl.models import Article, ArticleFilter, Author, Label, SearchHit, SearchResults
from newsctl.query import SearchQuery, parse_query
from newsctl.schema import LONG_BODY, SEARCH_TOKENIZER, SEARCH_WEIGHTS, migrations
from newsctl.text import fold_key

if TYPE_CHECKING:
    from newsctl.saving import SaveResult  # noqa: F401 (named in string annotations)

# How long a writer waits for another process's write transaction before
# giving up. Cron imports commit in short batches, so waits are brief; this
# is the bound for a pathological case, not the expected wait.
BUSY_TIMEOUT_SECONDS = 60.0
_LOCK_RETRIES = 5
# A write that has waited this long for another process says so (on a terminal).
WAIT_NOTICE_SECONDS = 2.0

SORT_ORDERS = {
    "published": ("coalesce(a.published_at, a.added_at) {dir}, a.id {dir}", "DESC"),
    "added": ("a.added_at {dir}, a.id {dir}", "DESC"),
    "title": ("a.title_key {dir}, a.id {dir}", "ASC"),
}

_ARTICLE_COLUMNS = """
    a.id, a.title, a.credit, a.category, a.url, a.guid, a.published_at, a.added_at, a.updated_at,
    a.source, a.partial,
    (SELECT json_group_array(name) FROM
       (SELECT au.name FROM article_authors x JOIN authors au ON au.id = x.author_id
        WHERE x.article_id = a.id ORDER BY x.position)) AS authors,
    (SELECT json_group_array(t.name) FROM article_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.article_id = a.id) AS tags
"""
# The lead author's bio, for show and export.
_LEAD_BIO = """
    (SELECT au.bio FROM article_authors x JOIN authors au ON au.id = x.author_id
     WHERE x.article_id = a.id ORDER BY x.position LIMIT 1) AS author_bio
"""
_FROM_ARTICLES = "FROM articles a"
# Co-authored articles count for every author of the byline.
_AUTHOR_SUMMARY = """
    SELECT au.id, au.name, au.bio, au.added_at,
           (SELECT count(*) FROM article_authors x WHERE x.author_id = au.id) AS article_count,
           (SELECT max(coalesce(a.published_at, a.added_at)) FROM article_authors x
            JOIN articles a ON a.id = x.article_id WHERE x.author_id = au.id) AS latest_at
    FROM authors au
"""
NO_FILTER = ArticleFilter()
# Snippet markers: control characters never survive into stored text, so they cannot collide.
HIGHLIGHT_START, HIGHLIGHT_END = "\x01", "\x02"

SEARCH_ORDERS = ("relevance", "newest", "oldest")
# A query matching more articles than this ranks only the most recently added this many:
# FTS5 computes bm25 for every row it ranks, which for the commonest words of a million
# articles took 2 s (bench/run.py). The newest matches are what a news search wants.
RANK_WINDOW = 10_000
# Words in more than this share of the newest articles are ranked by where they match
# (title, author, body), newest first. bm25 reads a word's whole index entry to weigh it
# (50-100 ms per word in a million articles, however few rows it ranks), and then gives
# such a word no weight at all: its idf is clamped to 1e-6 past half of the articles.
COMMON_SHARE = 0.5
# Sorting by date: up to this many matches are sorted; beyond, the date index is walked
# newest first and each article tested against the query, which stops after a page.
SORT_WINDOW = 5_000


def _primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an error (https://www.sqlite.org/rescode.html)."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_busy(error: sqlite3.Error) -> bool:
    return _primary_code(error) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


# Result codes that are about one record's values, not about the archive: a constraint the
# record breaks, a value too big or of the wrong type. Any other failure (busy, full, I/O,
# read-only, corrupt) concerns every record alike.
_RECORD_CODES = {
    sqlite3.SQLITE_CONSTRAINT,
    sqlite3.SQLITE_TOOBIG,
    sqlite3.SQLITE_MISMATCH,
    sqlite3.SQLITE_RANGE,
}


def record_problem(error: BaseException) -> str | None:
    """Why the archive refused one record's values, or None when the error is not about
    the record (then it concerns the archive itself: see storage_error)."""
    if isinstance(error, UnicodeEncodeError):  # text SQLite cannot store (lone surrogates)
        return "text that cannot be stored as UTF-8"
    if isinstance(error, OverflowError):
        return "a number too large to store"
    if isinstance(error, sqlite3.InterfaceError):  # a value SQLite cannot bind
        return f"a value the archive cannot store ({error})"
    if isinstance(error, sqlite3.Error) and _primary_code(error) in _RECORD_CODES:
        return f"the archive refused it ({error})"
    return None


def storage_error(error: sqlite3.Error, path: Path) -> ArchiveError:
    """A one-line explanation of a SQLite failure the user can act on, by its result code."""
    code = _primary_code(error)
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT):
        return ArchiveError(f"{path} is not a newsctl archive (SQLite says: {error})")
    if code == sqlite3.SQLITE_READONLY:
        return ArchiveError(f"{path} is read-only: newsctl cannot write to it")
    if code == sqlite3.SQLITE_FULL:
        return ArchiveError(
            f"the disk holding {path} is full: the write in progress was undone, nothing else "
            "changed; free some space and run the command again"
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return ArchiveError(f"cannot open the archive {path}: {error}")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return ArchiveError(f"{path} stayed locked by another process; try again later")
    return ArchiveError(f"archive error in {path}: {error}")


def _article_from_row(row: dict[str, Any]) -> Article:
    tags = json.loads(row["tags"]) if row.get("tags") else []
    return Article(
        id=row["id"],
        title=row["title"],
        body=row.get("body") or "",
        authors=tuple(json.loads(row["authors"])) if row.get("authors") else (),
        guid=row.get("guid"),
        author_bio=row.get("author_bio"),
        credit=row.get("credit"),
        category=row.get("category"),
        tags=tuple(sorted(tags, key=str.casefold)),
        url=row.get("url"),
        published_at=row.get("published_at"),
        added_at=row.get("added_at"),
        updated_at=row.get("updated_at"),
        source=row.get("source"),
        partial=bool(row.get("partial")),
    )


def credits_name(credit: str | None, wanted: str | None) -> bool:
    """Whether a credit names a newsroom or wire: its words (text.fold_key, split at anything
    but letters and digits) hold the wanted one's in a row. "dpa" is named by "dpa/lno" and
    "FR mit dpa", "Reuters" by "Reuters Staff", "AP" not by "AFP". The SQL function
    newsctl_credits(credit, wanted) of every archive connection."""
    if not credit or not wanted:
        return False
    words = re.findall(r"[^\W_]+", fold_key(credit))
    looked_for = re.findall(r"[^\W_]+", fold_key(wanted))
    span = len(looked_for)
    return bool(span) and any(
        words[start : start + span] == looked_for for start in range(len(words) - span + 1)
    )


def _filter_clauses(filters: ArticleFilter) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions (on alias `a`) and parameters for the shared list/search filters."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    # Names, categories and tags match by their stored fold_key (text.fold_key).
    if filters.author:
        clauses.append(
            "a.id IN (SELECT article_id FROM article_authors WHERE author_id = "
            "(SELECT id FROM authors WHERE name_key = :author))"
        )
        params["author"] = fold_key(filters.author)
    if filters.credit:
        clauses.append("a.credit IS NOT NULL AND newsctl_credits(a.credit, :credit)")
        params["credit"] = filters.credit
    if filters.categories:
        names = _bind(params, "category", filters.categories)
        clauses.append(f"a.category_key IN ({names})")
    tagged = (
        "a.id IN (SELECT x.article_id FROM article_tags x JOIN tags t ON t.id = x.tag_id "
        "WHERE t.name_key {})"
    )
    for number, tag in enumerate(filters.tags):
        clauses.append(tagged.format(f"= :tag{number}"))
        params[f"tag{number}"] = fold_key(tag)
    if filters.any_tags:
        clauses.append(tagged.format(f"IN ({_bind(params, 'any_tag', filters.any_tags)})"))
    if filters.not_tags:
        clauses.append("NOT " + tagged.format(f"IN ({_bind(params, 'not_tag', filters.not_tags)})"))
    if filters.since:
        clauses.append("coalesce(a.published_at, a.added_at) >= :since")
        params["since"] = filters.since
    if filters.until:
        clauses.append("coalesce(a.published_at, a.added_at) <= :until")
        params["until"] = filters.until
    return clauses, params


def _bind(params: dict[str, Any], prefix: str, names: tuple[str, ...]) -> str:
    """Bind the fold_keys of names as :prefix0, :prefix1, ...; returns the placeholders."""
    for number, name in enumerate(names):
        params[f"{prefix}{number}"] = fold_key(name)
    return ", ".join(f":{prefix}{number}" for number in range(len(names)))


def _where(clauses: list[str]) -> str:
    return ("WHERE " + " AND ".join(clauses)) if clauses else ""


def _and(clauses: list[str]) -> str:
    return "".join(f" AND {clause}" for clause in clauses)


def _join_articles(clauses: list[str]) -> str:
    """The join a query on the search index needs only when filters read the articles."""
    return "JOIN articles a ON a.id = articles_fts.rowid" if clauses else ""


def _tag_clauses(query: SearchQuery, params: dict[str, Any]) -> list[str]:
    """Conditions for a query's tag: and -tag: terms."""
    clauses = []
    for number, (tag, wanted) in enumerate(
        [(tag, True) for tag in query.tags] + [(tag, False) for tag in query.without_tags]
    ):
        params[f"query_tag{number}"] = fold_key(tag)
        clauses.append(
            f"a.id {'' if wanted else 'NOT '}IN (SELECT article_id FROM article_tags WHERE "
            f"tag_id = (SELECT id FROM tags WHERE name_key = :query_tag{number}))"
        )
    return clauses


def _let_signals_run() -> int:
    """SQLite's progress callback: running any Python code lets a pending Ctrl-C raise."""
    return 0


def make_private_folders(folder: Path) -> None:
    """Create a folder and any missing parents, each readable by its owner only (0700).

    Safe when several processes create the same folders at once (a folder made by
    another process in the meantime is fine); existing folders are left as they are.
    Raises OSError when a folder cannot be made.
    """
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            # Path.mkdir(parents=True) would give the parents the umask's mode, not 0700.
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass


def _create_private_file(path: Path) -> None:
    """Create the archive file readable by its owner only, as shells do with their history."""
    make_private_folders(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass  # another process created it first; it set the same mode


def _read_only_reason(path: Path) -> str | None:
    """Why an existing archive cannot be written, if it cannot."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "its file system is mounted read-only"
    except OSError:
        return None
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK):
        return "its folder is read-only (SQLite needs to create files beside it)"
    return None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; immutable when not even SQLite's shared-memory file can be made."""
    location = "file:" + urllib.parse.quote(str(path.resolve()))
    try:
        connection = sqlite3.connect(f"{location}?mode=ro", uri=True)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{location}?mode=ro&immutable=1", uri=True)


def open_archive(path: Path) -> "Archive":
    """Open (creating and migrating if needed) the archive at path.

    An archive that cannot be written (read-only file, folder or file system)
    is opened read-only: reading commands work, writing ones say why not.
    """
    path = Path(path)
    try:
        if not path.exists():
            _create_private_file(path)
        if path.is_dir():
            raise ArchiveError(f"{path} is a folder, not an archive file")
        read_only = _read_only_reason(path)
        connection = (
            _connect_read_only(path)
            if read_only
            else sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        )
    except OSError as error:
        raise ArchiveError(f"cannot create the archive {path}: {error.strerror}") from None
    except sqlite3.Error as error:
        raise storage_error(error, path) from None
    connection.create_function("newsctl_credits", 2, credits_name, deterministic=True)
    # No sqlite-utils plugins: loading them scans every installed package's metadata.
    archive = Archive(Database(connection, execute_plugins=False), path, read_only=read_only)
    try:
        archive.prepare()
    except sqlite3.Error as error:
        archive.close()
        raise storage_error(error, path) from None
    except BaseException:
        archive.close()
        raise
    return archive


class Archive:
    """Articles, authors and tags in one SQLite file."""

    def __init__(self, db: Database, path: Path, *, read_only: str | None = None):
        self.db = db
        self.path = path
        # Why the archive cannot be written, when it cannot.
        self.read_only = read_only
        # Called once when a write has waited WAIT_NOTICE_SECONDS for another process's lock
        # (the command line says so on a terminal).
        self.on_wait: Callable[[], None] | None = None
        # What upgrading the archive's schema did that its owner should hear of (prepare).
        self.upgrade_notes: list[str] = []

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- setup --------------------------------------------------------------

    def prepare(self) -> None:
        """Set the connection up (WAL, foreign keys) and apply pending migrations."""
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.read_only:
            if migrations.pending(self.db):
                raise ArchiveError(
                    f"{self.path} needs upgrading to this version of newsctl, but {self.read_only}"
                )
            return
        if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            # Several processes may switch a new file at once; the loser sees "locked".
            self._retry_busy(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
        if migrations.pending(self.db):
            # Migrations rebuild tables, which SQLite's procedure says to do with foreign
            # keys off (they cannot be switched inside a transaction) and then to check
            # them by hand before committing: https://www.sqlite.org/lang_altertable.html
            self.db.execute("PRAGMA foreign_keys = OFF")
            try:
                with self.write():
                    # Checked again under the write lock: another process may have just
                    # migrated.
                    before = self._article_count()
                    migrations.apply(self.db)
                    merged = before - self._article_count()
                    if merged > 0:  # schemas m011, m012: one page stored under two addresses
                        self.upgrade_notes.append(
                            f"upgrading {self.path} merged {merged} article(s) stored twice "
                            "under addresses of one page; 'newsctl history ID' shows their text"
                        )
                    broken = self.db.execute("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        table, rowid, parent, _ = broken[0]
                        raise ArchiveError(
                            f"cannot upgrade {self.path}: {table} row {rowid} points at a "
                            f"missing {parent} row (run 'newsctl check' with the previous "
                            "version); nothing was changed"
                        )
            finally:
                self.db.execute("PRAGMA foreign_keys = ON")

    def _article_count(self) -> int:
        """How many articles the archive holds (0 before it has the table)."""
        if not self.db["articles"].exists():
            return 0
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def prefer_bulk_writes(self) -> None:
        """Let the write-ahead log grow to ~40 MB before copying it into the archive: a bulk
        import then copies each page once instead of at every batch's commit."""
        self.db.execute("PRAGMA wal_autocheckpoint = 10000")

    def _retry_busy(self, action: Any) -> Any:
        for attempt in range(_LOCK_RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as error:
                if not _is_busy(error) or attempt == _LOCK_RETRIES - 1:
                    raise
                time.sleep(0.05 * 2**attempt)

    @contextmanager
    def write(self, *, commit: bool = True) -> Iterator[None]:
        """One write transaction, started with BEGIN IMMEDIATE.

        Taking the write lock up front matters: a deferred transaction that
        reads and then writes can get SQLITE_BUSY without SQLite ever calling
        the busy handler, and fails at once under concurrent imports.
        `commit=False` rolls back at the end (dry runs).
        """
        if self.read_only:
            raise ArchiveError(f"cannot write to {self.path}: {self.read_only}")
        try:
            self._begin()
            try:
                yield
                if commit:
                    self.db.commit()
            finally:
                # Anything not committed by now (an error, a dry run, Ctrl-C) is undone.
                self.db.rollback()
        except (sqlite3.Error, UnicodeEncodeError, OverflowError) as error:
            problem = record_problem(error)
            if problem:
                raise RecordRejected(problem) from None
            raise storage_error(error, self.path) from None  # type: ignore[arg-type]

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting for another writer up to BUSY_TIMEOUT_SECONDS; after
        WAIT_NOTICE_SECONDS of that, on_wait is told once."""
        if self.on_wait is None:
            self._retry_busy(lambda: self.db.execute("BEGIN IMMEDIATE"))
            return
        self.db.execute(f"PRAGMA busy_timeout = {int(WAIT_NOTICE_SECONDS * 1000)}")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if not _is_busy(error):
                raise
            self.on_wait()
            rest = BUSY_TIMEOUT_SECONDS - WAIT_NOTICE_SECONDS
            self.db.execute(f"PRAGMA busy_timeout = {int(rest * 1000)}")
            self._retry_busy(lambda: self.db.execute("BEGIN IMMEDIATE"))
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")

    @contextmanager
    def savepoint(self, name: str = "record") -> Iterator[None]:
        """Inside write(): a part that is undone alone if it fails.

        A failure caused by the values being written (record_problem) is raised as
        RecordRejected after the part is undone; the transaction goes on. Any other
        failure propagates unchanged (write() reports it).
        """
        self.db.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException as error:
            if self.db.conn.in_transaction:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")
            problem = record_problem(error)
            if problem:
                raise RecordRejected(problem) from None
            raise
        self.db.execute(f"RELEASE {name}")

    # -- writing ------------------------------------------------------------

    def save(
        self, articles: Sequence[Article], *, update: bool = True, dry_run: bool = False
    ) -> list["SaveResult"]:
        """Store a batch of articles in one transaction: all of them or none.

        An article already stored (same canonical url, or same title, author
        and body) is updated when it comes back changed (unless update=False)
        and otherwise left alone; a full article replaces a teaser of the
        same title and keeps its id.
        """
        with self.write(commit=not dry_run):
            return self.save_within(articles, update=update)

    def save_within(
        self, articles: Sequence[Article], *, update: bool = True, restore_deleted: bool = False
    ) -> list["SaveResult"]:
        """Like save, inside a write transaction the caller holds (see write()).
        restore_deleted brings back articles a person deleted instead of skipping them."""
        from newsctl.saving import BatchWriter  # only commands that write need it

        writer = BatchWriter(
            self.db,
            now=format_timestamp(now_utc()),
            update=update,
            restore_deleted=restore_deleted,
        )
        return writer.save_all(articles)

    def save_batch(
        self, articles: Sequence[Article], *, update: bool = True, restore_deleted: bool = False
    ) -> list["SaveResult | RecordRejected"]:
        """Store a batch inside the caller's write transaction; one article the archive
        refuses is rejected alone.

        The batch is written at once; should the archive refuse it (a record breaking a
        constraint, text SQLite cannot store), it is undone and written again one article
        at a time, each in its own savepoint. Returns, per article, its SaveResult or the
        RecordRejected that says why it was not stored. Failures of the archive itself
        (disk full, I/O) propagate.
        """
        try:
            with self.savepoint("batch"):
                return list(
                    self.save_within(articles, update=update, restore_deleted=restore_deleted)
                )
        except RecordRejected:
            pass
        results: list[SaveResult | RecordRejected] = []
        for article in articles:
            try:
                with self.savepoint("record"):
                    saved = self.save_within(
                        [article], update=update, restore_deleted=restore_deleted
                    )
                    results.append(saved[0])
            except RecordRejected as problem:
                results.append(problem)
        return results

    # -- reading ------------------------------------------------------------

    def _query(self, sql: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        try:
            yield from self.db.query(sql, params or {})
        except sqlite3.Error as error:
            raise storage_error(error, self.path) from None

    def get(self, article_id: int) -> Article:
        """The full article (body, tags, author's bio) with this id."""
        sql = f"""SELECT {_ARTICLE_COLUMNS}, a.body, {_LEAD_BIO}
                  {_FROM_ARTICLES} WHERE a.id = :id"""
        for row in self._query(sql, {"id": article_id}):
            return _article_from_row(row)
        raise ArticleNotFound(self._missing(article_id))

    def _missing(self, article_id: int) -> str:
        """Why there is no article with this id: never stored, in the trash, or purged."""
        try:
            row = self.db.execute(
                "SELECT purged_at FROM deleted_articles WHERE id = ?", [article_id]
            ).fetchone()
        except sqlite3.Error:  # an archive older than the trash, opened read-only
            row = None
        if row is None:
            return f"no article with id {article_id}"
        if row[0] is None:
            return (
                f"article {article_id} is in the trash; "
                f"'newsctl restore {article_id}' brings it back"
            )
        return f"article {article_id} was deleted and the trash emptied (purged)"

    def list_articles(
        self, filters: ArticleFilter = NO_FILTER, *, limit: int | None = 20, **options: Any
    ) -> list[Article]:
        """Articles matching the filters, newest first unless sorted (see iter_articles)."""
        return list(self.iter_articles(filters, limit=limit, **options))

    def iter_articles(
        self,
        filters: ArticleFilter = NO_FILTER,
        *,
        sort: str = "published",
        reverse: bool = False,
        limit: int | None = None,
        offset: int = 0,
        with_body: bool = False,
        teaser_chars: int = 0,
    ) -> Iterator[Article]:
        """Articles matching the filters, streamed (export reads a million this way).

        sort is one of SORT_ORDERS; with_body adds the body and the author's bio;
        teaser_chars adds only the start of the body.
        """
        if sort not in SORT_ORDERS:
            raise UsageError(f"unknown sort order {sort!r}; use one of {', '.join(SORT_ORDERS)}")
        order, direction = SORT_ORDERS[sort]
        if reverse:
            direction = "ASC" if direction == "DESC" else "DESC"
        clauses, params = _filter_clauses(filters)
        columns = _ARTICLE_COLUMNS
        if with_body:
            columns += f", a.body, {_LEAD_BIO}"
        elif teaser_chars:
            # Only the start of the body: a teaser needs one line, not 600 words.
            columns += f", substr(a.body, 1, {int(teaser_chars)}) AS body"
        params.update(limit=-1 if limit is None else limit, offset=offset)
        sql = f"""SELECT {columns} {_FROM_ARTICLES} {_where(clauses)}
                  ORDER BY {order.format(dir=direction)} LIMIT :limit OFFSET :offset"""
        for row in self._query(sql, params):
            yield _article_from_row(row)

    def search(
        self,
        text: str,
        filters: ArticleFilter = NO_FILTER,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: str = "relevance",
        count: bool = False,
    ) -> SearchResults:
        """Articles matching a search box query (see query.py), with snippets.

        sort is "relevance" (most relevant first), "newest" or "oldest". count adds the
        number of matches (it reads every match: only asked for on a terminal). A query
        without words finds nothing. Ctrl-C stops a long query at once (KeyboardInterrupt).
        """
        if sort not in SEARCH_ORDERS:
            raise UsageError(f"unknown sort order {sort!r}; use one of {', '.join(SEARCH_ORDERS)}")
        query = parse_query(text)
        if not query.match:
            return SearchResults([], 0 if count else None)
        clauses, params = _filter_clauses(filters)
        clauses += _tag_clauses(query, params)
        params.update(match=query.match, limit=limit, offset=offset)
        try:
            with self._interruptible():
                common = False
                if sort == "relevance":
                    page, ranked_within, common = self._ranked_page(clauses, params, query)
                else:
                    page, ranked_within = self._dated_page(clauses, params, sort), None
                total = self._count_matches(clauses, params) if count else None
                hits = self._hits(page, query)
        except sqlite3.Error as error:
            if _primary_code(error) == sqlite3.SQLITE_INTERRUPT:
                raise KeyboardInterrupt from None
            raise storage_error(error, self.path) from None
        return SearchResults(hits, total, ranked_within, common)

    @contextmanager
    def _interruptible(self) -> Iterator[None]:
        """Let Ctrl-C stop a running query: SQLite calls back every few thousand steps, the
        callback lets Python run its signal handler, and the KeyboardInterrupt it raises
        there aborts the query (SQLITE_INTERRUPT). Without it a query runs to its end."""
        self.db.conn.set_progress_handler(_let_signals_run, 10_000)
        try:
            yield
        finally:
            self.db.conn.set_progress_handler(None, 0)

    def _rows(self, sql: str, params: dict[str, Any]) -> list[tuple]:
        return self.db.conn.execute(sql, params).fetchall()

    def _ranked_page(
        self, clauses: list[str], params: dict[str, Any], query: SearchQuery
    ) -> tuple[list[tuple[int, float | None]], int | None, bool]:
        """(id, rank) of the page, best first; the window ranked when one was needed; and
        whether the words were so common that the page is by field and date instead."""
        window = max(RANK_WINDOW, params["offset"] + params["limit"])
        # The match just past the window, newest first: FTS5 walks its index by rowid
        # without ranking anything, so this costs little even for the commonest words.
        past_window = self._rows(
            f"""SELECT articles_fts.rowid FROM articles_fts {_join_articles(clauses)}
                WHERE articles_fts MATCH :match {_and(clauses)}
                ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET :window""",
            {**params, "window": window},
        )
        newest = ""
        if past_window:
            newest = "AND articles_fts.rowid > :cutoff"
            params = {**params, "cutoff": past_window[0][0]}
            [[last_id]] = self._rows("SELECT max(id) FROM articles", {})
            if window > COMMON_SHARE * (last_id - params["cutoff"]):
                return self._by_field_page(clauses, params, query), window, True
        page = self._rows(
            f"""SELECT articles_fts.rowid, bm25(articles_fts, {SEARCH_WEIGHTS}) AS score
                FROM articles_fts {_join_articles(clauses)}
                WHERE articles_fts MATCH :match {newest} {_and(clauses)}
                ORDER BY score LIMIT :limit OFFSET :offset""",
            params,
        )
        return page, window if past_window else None, False

    def _by_field_page(
        self, clauses: list[str], params: dict[str, Any], query: SearchQuery
    ) -> list[tuple[int, float | None]]:
        """The window's matches with a wanted word in the title first, then in an author's
        name, then the rest; newest first within each (no bm25: see COMMON_SHARE)."""
        in_columns = (
            "articles_fts.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH "
            "{columns} AND rowid > :cutoff)"
        )
        params = {
            **params,
            "in_title": f"{{title title_ngrams}} : ({query.any_wanted})",
            "in_byline": f"{{byline byline_ngrams}} : ({query.any_wanted})",
        }
        return self._rows(
            f"""SELECT articles_fts.rowid, NULL FROM articles_fts {_join_articles(clauses)}
                WHERE articles_fts MATCH :match AND articles_fts.rowid > :cutoff
                {_and(clauses)}
                ORDER BY CASE WHEN {in_columns.format(columns=":in_title")} THEN 0
                              WHEN {in_columns.format(columns=":in_byline")} THEN 1
                              ELSE 2 END,
                         articles_fts.rowid DESC
                LIMIT :limit OFFSET :offset""",
            params,
        )

    def _dated_page(
        self, clauses: list[str], params: dict[str, Any], sort: str
    ) -> list[tuple[int, float | None]]:
        direction = "DESC" if sort == "newest" else "ASC"
        order = f"coalesce(a.published_at, a.added_at) {direction}, a.id {direction}"
        many = self._rows(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match LIMIT 1 OFFSET :n",
            {**params, "n": SORT_WINDOW},
        )
        if many:
            # Common words: walk the date index, testing each article (a rowid lookup in
            # the index); a page needs about (page end) x (articles / matches) tests.
            # The filters come first: SQLite tests them in order, the cheap ones before.
            sql = f"""SELECT a.id, NULL FROM articles a
                      WHERE {" AND ".join([*clauses, "1"])}
                      AND EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH :match
                                  AND articles_fts.rowid = a.id)
                      ORDER BY {order} LIMIT :limit OFFSET :offset"""
        else:
            sql = f"""SELECT a.id, NULL FROM articles_fts JOIN articles a
                      ON a.id = articles_fts.rowid
                      WHERE articles_fts MATCH :match {_and(clauses)}
                      ORDER BY {order} LIMIT :limit OFFSET :offset"""
        return self._rows(sql, params)

    def _count_matches(self, clauses: list[str], params: dict[str, Any]) -> int:
        return self._rows(
            f"""SELECT count(*) FROM articles_fts {_join_articles(clauses)}
                WHERE articles_fts MATCH :match {_and(clauses)}""",
            params,
        )[0][0]

    def _hits(self, page: list[tuple[int, float | None]], query: SearchQuery) -> list[SearchHit]:
        """The page's articles, in page order, with their snippets (see snippets.py)."""
        if not page:
            return []
        from newsctl import snippets

        ids = [article_id for article_id, _ in page]
        marks = ", ".join("?" * len(ids))
        # Long articles' columns come from their own small index (see schema.LONG_BODY).
        long = (
            f"articles a INDEXED BY articles_long_display WHERE {LONG_BODY.format(body='a.body')}"
        )
        long_ids = {
            article_id
            for (article_id,) in self.db.conn.execute(
                f"SELECT a.id FROM {long} AND a.id IN ({marks})", ids
            ).fetchall()
        }
        rows: dict[int, dict[str, Any]] = {}
        for chosen, source in (
            ([i for i in ids if i not in long_ids], "articles a WHERE"),
            (list(long_ids), f"{long} AND"),
        ):
            if chosen:
                cursor = self.db.conn.execute(
                    f"SELECT {_ARTICLE_COLUMNS}, a.byline FROM {source} "
                    f"a.id IN ({', '.join('?' * len(chosen))})",
                    chosen,
                )
                names = [column[0] for column in cursor.description]
                rows.update((row[0], dict(zip(names, row, strict=True))) for row in cursor)
        looked_for = snippets.needles(query.words)
        texts = {
            article_id: (
                row["title"],
                row["byline"] or "",
                snippets.window(self._body_start(article_id), looked_for),
            )
            for article_id, row in rows.items()
        }
        made = snippets.make_snippets(
            self.db.conn, texts, query.highlight, SEARCH_TOKENIZER, (HIGHLIGHT_START, HIGHLIGHT_END)
        )
        return [
            SearchHit(
                article=_article_from_row(rows[article_id]), snippet=made[article_id], rank=rank
            )
            for article_id, rank in page
            if article_id in rows
        ]

    def _body_start(self, article_id: int) -> str:
        """The first characters of a body where snippets look for matches, reading no more
        of it than that (incremental blob I/O: substr() would read a 5 MB body whole)."""
        from newsctl.snippets import SEARCHED_CHARACTERS

        with self.db.conn.blobopen("articles", "body", article_id, readonly=True) as blob:
            start = blob.read(SEARCHED_CHARACTERS * 4)  # UTF-8: at most 4 bytes a character
        # A character cut in two at the end is dropped; stored text is otherwise valid UTF-8.
        return start.decode("utf-8", errors="ignore")[:SEARCHED_CHARACTERS]

    def recent(
        self, *, limit: int = 10, since: str | None = None, teaser_chars: int = 300
    ) -> list[Article]:
        """The latest posts, newest first, each with the start of its body as a teaser."""
        return self.list_articles(
            ArticleFilter(since=since), limit=limit, teaser_chars=teaser_chars
        )

    def authors(self) -> list[Author]:
        """Every author with their article count and latest article date, by name."""
        sql = f"{_AUTHOR_SUMMARY} ORDER BY au.name_key"
        return [Author(**row) for row in self._query(sql)]

    def author(self, name: str) -> Author:
        """One author, found by name regardless of case."""
        sql = f"{_AUTHOR_SUMMARY} WHERE au.name_key = :key"
        for row in self._query(sql, {"key": fold_key(name)}):
            return Author(**row)
        raise AuthorNotFound(f"no author named {name!r}")

    def count_matching(self, filters: ArticleFilter = NO_FILTER) -> int:
        """How many articles match the filters."""
        clauses, params = _filter_clauses(filters)
        for row in self._query(f"SELECT count(*) AS n {_FROM_ARTICLES} {_where(clauses)}", params):
            return row["n"]
        return 0

    def tags(self) -> list[Label]:
        """Every tag with its article count and newest article's date, by name."""
        sql = """SELECT t.name, count(a.id) AS article_count,
                        max(coalesce(a.published_at, a.added_at)) AS latest_at
                 FROM tags t LEFT JOIN article_tags x ON x.tag_id = t.id
                 LEFT JOIN articles a ON a.id = x.article_id
                 GROUP BY t.id ORDER BY t.name_key"""
        return [Label(**row) for row in self._query(sql)]

    def categories(self) -> list[Label]:
        """Every category with its article count and newest article's date, by name."""
        sql = """SELECT min(a.category) AS name, count(*) AS article_count,
                        max(coalesce(a.published_at, a.added_at)) AS latest_at
                 FROM articles a WHERE a.category_key IS NOT NULL
                 GROUP BY a.category_key ORDER BY a.category_key"""
        return [Label(**row) for row in self._query(sql)]

    def count_articles(self) -> int:
        for row in self._query("SELECT count(*) AS n FROM articles"):
            return row["n"]
        return 0
