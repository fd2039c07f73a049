"""The archive's schema, as an ordered list of migrations.

This is the only place the schema is written. Shipped migrations are never
edited: a later release adds m002_..., and sqlite-utils records which ones an
archive has had, so any older archive upgrades in place.
"""

import re

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from newsctl.text import fold_key

migrations = Migrations("newsctl")

# The date list/recent sort by: when it was published, else when it was added.
DATED = "coalesce(published_at, added_at)"


@migrations()
def m001_initial(db: Database) -> None:
    db["authors"].create(
        {"id": int, "name": str, "bio": str, "added_at": str},
        pk="id",
        not_null={"name", "added_at"},
    )
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "body": str,
            "author_id": int,
            "category": str,
            "url": str,
            # The canonical form of url (see urls.py): the identity of an article with a url.
            "url_key": str,
            "published_at": str,
            "added_at": str,
            "updated_at": str,
            "source": str,
            # sha256 of title, author and body: the identity of an article without a url.
            "content_hash": str,
            "partial": int,
        },
        pk="id",
        not_null={"title", "body", "added_at", "content_hash", "partial"},
        defaults={"body": "", "partial": 0},
        foreign_keys=[("author_id", "authors", "id")],
    )
    db["tags"].create({"id": int, "name": str}, pk="id", not_null={"name"})
    db["article_tags"].create(
        {"article_id": int, "tag_id": int},
        pk=("article_id", "tag_id"),
        foreign_keys=[("article_id", "articles", "id"), ("tag_id", "tags", "id")],
    )

    # Names and categories match regardless of case, so "--author 'diane wade'" finds Diane Wade.
    db.execute("CREATE UNIQUE INDEX authors_name ON authors(name COLLATE NOCASE)")
    db.execute("CREATE UNIQUE INDEX tags_name ON tags(name COLLATE NOCASE)")
    db["article_tags"].create_index(["tag_id", "article_id"])
    db["articles"].create_index(["url_key"], unique=True)
    db["articles"].create_index(["content_hash"])
    # Indexes for what list, recent and search sort and filter by; each is an
    # index range scan where a table scan would take a second at a million rows.
    db.execute(f"CREATE INDEX articles_dated ON articles({DATED}, id)")
    db.execute("CREATE INDEX articles_added ON articles(added_at, id)")
    db.execute(f"CREATE INDEX articles_author_dated ON articles(author_id, {DATED}, id)")
    db.execute(
        f"CREATE INDEX articles_category_dated ON articles(category COLLATE NOCASE, {DATED}, id)"
    )
    db.execute("CREATE INDEX articles_title ON articles(title COLLATE NOCASE)")

    # Full-text index over title, body and the author's name. sqlite-utils'
    # enable_fts indexes one table's own columns; the author's name lives in
    # authors, so the index reads its text through a view and hand-written
    # triggers keep it in step. External content: the text is stored once.
    db.execute(
        """
        CREATE VIEW articles_fts_source AS
        SELECT articles.id AS id, articles.title AS title, articles.body AS body,
               authors.name AS author
        FROM articles LEFT JOIN authors ON authors.id = articles.author_id
        """
    )
    db.execute(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, author,
            content='articles_fts_source', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2'
        )
        """
    )
    # A title match counts most, then the author's name, then the body.
    db.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 5.0)')"
    )
    # One statement each: executescript() would commit the migration's transaction.
    new_row = "new.id, new.title, new.body, (SELECT name FROM authors WHERE id = new.author_id)"
    old_row = "old.id, old.title, old.body, (SELECT name FROM authors WHERE id = old.author_id)"
    index_new = f"INSERT INTO articles_fts(rowid, title, body, author) VALUES ({new_row});"
    forget_old = (
        "INSERT INTO articles_fts(articles_fts, rowid, title, body, author) "
        f"VALUES ('delete', {old_row});"
    )
    db.execute(f"CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN {index_new} END")
    db.execute(
        f"CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN {forget_old} END"
    )
    db.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, author_id ON articles "
        f"BEGIN {forget_old} {index_new} END"
    )


@migrations()
def m002_batched_fts_sync(db: Database) -> None:
    # Indexing each new article from its own trigger made bulk imports ~1.4x slower
    # than indexing a batch at once (FTS5 flushes per statement; bench/run.py). The
    # insert trigger now stands aside while a batch writer has a row in this table,
    # inside its own transaction, so no other connection ever sees it; the writer
    # indexes its rows with one INSERT ... SELECT. Every other insert is still
    # indexed by the trigger.
    db["fts_sync_deferred"].create({"batch": int}, pk="batch")
    db.execute("DROP TRIGGER articles_fts_insert")
    db.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles "
        "WHEN NOT EXISTS (SELECT 1 FROM fts_sync_deferred) BEGIN "
        "INSERT INTO articles_fts(rowid, title, body, author) VALUES (new.id, new.title, new.body, "
        "(SELECT name FROM authors WHERE id = new.author_id)); END"
    )


# -- m003 -------------------------------------------------------------------

# Bylines an earlier release stored as one author: "Douglas Wood; Jeremy Herb", "A and B".
# Frozen here (a shipped migration never changes); newsctl.names cleans new input.
_JOINED_BYLINE = re.compile(r"\s*(?:;|\||\s&\s|\band\b)\s*", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")


def _split_joined_byline(name: str) -> list[str]:
    """The people in a byline stored as one name; [name] when it names one person."""
    parts = [part for part in _JOINED_BYLINE.split(name) if part.strip()]
    # "Wood, Douglas" is one person; "Douglas Wood, Jeremy Herb" two.
    commas = [piece for part in parts for piece in _COMMA.split(part) if piece]
    if len(commas) > len(parts) and all(len(piece.split()) >= 2 for piece in commas):
        parts = commas
    return [" ".join(part.split()) for part in parts] or [name]


_FTS_SOURCE_V3 = """
    CREATE VIEW articles_fts_source AS
    SELECT a.id AS id, a.title AS title, a.body AS body,
           (SELECT group_concat(name, '; ') FROM
              (SELECT au.name AS name FROM article_authors x JOIN authors au ON au.id = x.author_id
               WHERE x.article_id = a.id ORDER BY x.position)) AS author
    FROM articles a
"""
# Keeping the external-content index in step: FTS5 must be told the exact text it indexed
# to forget a row, so every change deletes the row's old text (read through the view before
# the change) and indexes its new text after. While a batch writer has a row in
# fts_sync_deferred (m002) it indexes its new articles itself, once per batch.
_UNLESS_DEFERRED = "WHEN NOT EXISTS (SELECT 1 FROM fts_sync_deferred)"
_FORGET = (
    "INSERT INTO articles_fts(articles_fts, rowid, title, body, author) "
    "SELECT 'delete', id, title, body, author FROM articles_fts_source WHERE id {match};"
)
_INDEX = (
    "INSERT INTO articles_fts(rowid, title, body, author) "
    "SELECT id, title, body, author FROM articles_fts_source WHERE id {match};"
)
_BY_AUTHOR = "IN (SELECT article_id FROM article_authors WHERE author_id = {row}.id)"
SEARCH_INDEX_TRIGGERS_V3 = {
    # name: (when, event, table, action, which rows)
    "articles_fts_insert": ("AFTER", "INSERT", "articles", _INDEX, "= new.id"),
    "articles_fts_delete": ("BEFORE", "DELETE", "articles", _FORGET, "= old.id"),
    "articles_fts_before_update": ("BEFORE", "UPDATE OF title, body", "articles", _FORGET,
                                   "= old.id"),
    "articles_fts_update": ("AFTER", "UPDATE OF title, body", "articles", _INDEX, "= new.id"),
    "article_authors_fts_before_insert": ("BEFORE", "INSERT", "article_authors", _FORGET,
                                          "= new.article_id"),
    "article_authors_fts_insert": ("AFTER", "INSERT", "article_authors", _INDEX,
                                   "= new.article_id"),
    "article_authors_fts_before_delete": ("BEFORE", "DELETE", "article_authors", _FORGET,
                                          "= old.article_id"),
    "article_authors_fts_delete": ("AFTER", "DELETE", "article_authors", _INDEX,
                                   "= old.article_id"),
    "article_authors_fts_before_update": ("BEFORE", "UPDATE", "article_authors", _FORGET,
                                          "IN (old.article_id, new.article_id)"),
    "article_authors_fts_update": ("AFTER", "UPDATE", "article_authors", _INDEX,
                                   "IN (old.article_id, new.article_id)"),
    "authors_fts_before_rename": ("BEFORE", "UPDATE OF name", "authors", _FORGET,
                                  _BY_AUTHOR.format(row="old")),
    "authors_fts_rename": ("AFTER", "UPDATE OF name", "authors", _INDEX,
                           _BY_AUTHOR.format(row="new")),
}  # fmt: skip


def _create_search_triggers(db: Database) -> None:
    for name, (when, event, table, action, rows) in SEARCH_INDEX_TRIGGERS_V3.items():
        db.execute(
            f"CREATE TRIGGER {name} {when} {event} ON {table} FOR EACH ROW {_UNLESS_DEFERRED} "
            f"BEGIN {action.format(match=rows)} END"
        )


def _plan_authors(db: Database) -> tuple[dict[int, list[int]], dict[int, dict]]:
    """How authors become people with a fold_key: joined bylines split, spellings merged.

    Returns (old author id -> the ids of the people it stands for, in byline order;
    id -> the author row to keep). Of the spellings of one name the lowest id is kept,
    with the longest bio; a person split out of a joined byline takes the id of an
    author already named so, else a new one.
    """
    rows = db.execute("SELECT id, name, bio, added_at FROM authors ORDER BY id").fetchall()
    bylines = {author_id: _split_joined_byline(name) for author_id, name, _, _ in rows}
    by_key: dict[str, int] = {}
    kept: dict[int, dict] = {}
    next_id = max((row[0] for row in rows), default=0) + 1
    # First the people named on their own (or first in a byline), then the co-authors.
    for first in (True, False):
        for author_id, _, bio, added_at in rows:
            parts = bylines[author_id][:1] if first else bylines[author_id][1:]
            for part in parts:
                key = fold_key(part)
                if key not in by_key:
                    if first:
                        by_key[key] = author_id
                    else:
                        by_key[key], next_id = next_id, next_id + 1
                    kept[by_key[key]] = {"name": part, "bio": None, "added_at": added_at}
                target = kept[by_key[key]]
                if first and bio and len(bio) > len(target["bio"] or ""):
                    target["bio"] = bio
    people = {
        author_id: list(dict.fromkeys(by_key[fold_key(part)] for part in parts))
        for author_id, parts in bylines.items()
    }
    return people, kept


def _merge_tags(db: Database) -> None:
    """Give tags their fold_key; spellings of one tag become the lowest id's."""
    db.execute("ALTER TABLE tags ADD COLUMN name_key TEXT")
    by_key: dict[str, int] = {}
    for tag_id, name in db.execute("SELECT id, name FROM tags ORDER BY id").fetchall():
        key = fold_key(name)
        if key in by_key:
            db.execute(
                "UPDATE OR IGNORE article_tags SET tag_id = ? WHERE tag_id = ?",
                [by_key[key], tag_id],
            )
            db.execute("DELETE FROM article_tags WHERE tag_id = ?", [tag_id])
            db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
        else:
            by_key[key] = tag_id
            db.execute("UPDATE tags SET name_key = ? WHERE id = ?", [key, tag_id])


@migrations()
def m003_keys_coauthors_stable_ids(db: Database) -> None:
    """One folding rule, several authors per article, ids never reused, feed guids.

    - authors, tags and categories get a stored key (text.fold_key) with a unique index;
      spellings that now fold together are merged (SQLite's NOCASE folds ASCII only, so
      "Émile Zola" and "ÉMILE ZOLA" were two authors).
    - article_authors holds each article's ordered byline; bylines stored joined
      ("A; B") are split.
    - articles is rebuilt with AUTOINCREMENT, so an id is never given to a second
      article (SQLite's rowid reuses the largest id once it is deleted), and with the
      guid, title_key and category_key columns; author_id moves to article_authors.
    Runs with foreign keys off (Archive.prepare), as SQLite's table-rebuild procedure
    says (https://www.sqlite.org/lang_altertable.html#otheralter).
    """
    db.conn.create_function("newsctl_fold", 1, fold_key, deterministic=True)
    people, kept = _plan_authors(db)
    # Articles whose byline will read differently forget their old indexed text now,
    # while the old view can still give it, and are indexed again at the end.
    renamed = [
        old
        for old, now in people.items()
        if now != [old] or kept[old]["name"] != db["authors"].get(old)["name"]
    ]
    renamed_set = set(renamed)
    relinked = [
        article_id
        for article_id, author_id in db.execute(
            "SELECT id, author_id FROM articles WHERE author_id IS NOT NULL"
        ).fetchall()
        if author_id in renamed_set
    ]
    _reindex(db, relinked, _FORGET)
    db.execute("ALTER TABLE authors ADD COLUMN name_key TEXT")
    db.execute("DELETE FROM authors")
    db["authors"].insert_all(
        {"id": author_id, "name_key": fold_key(row["name"]), **row}
        for author_id, row in kept.items()
    )
    _merge_tags(db)
    for index in ("authors_name", "tags_name"):
        db.execute(f"DROP INDEX {index}")
    db.execute("CREATE UNIQUE INDEX authors_name_key ON authors(name_key)")
    db.execute("CREATE UNIQUE INDEX tags_name_key ON tags(name_key)")

    db.execute("DROP VIEW articles_fts_source")
    for trigger in ("articles_fts_insert", "articles_fts_update", "articles_fts_delete"):
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute(
        """
        CREATE TABLE articles_v3 (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            category TEXT,
            category_key TEXT,
            url TEXT,
            url_key TEXT,
            guid TEXT,
            published_at TEXT,
            added_at TEXT NOT NULL,
            updated_at TEXT,
            source TEXT,
            content_hash TEXT NOT NULL,
            partial INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        INSERT INTO articles_v3 (id, title, title_key, body, category, category_key, url,
            url_key, published_at, added_at, updated_at, source, content_hash, partial)
        SELECT id, title, newsctl_fold(title), body, category,
            CASE WHEN category IS NULL THEN NULL ELSE newsctl_fold(category) END, url,
            url_key, published_at, added_at, updated_at, source, content_hash, partial
        FROM articles
        """
    )
    db.execute(
        """
        CREATE TABLE article_authors (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            author_id INTEGER NOT NULL REFERENCES authors(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (article_id, position),
            UNIQUE (article_id, author_id)
        )
        """
    )
    links = []
    for article_id, author_id in db.execute(
        "SELECT id, author_id FROM articles WHERE author_id IS NOT NULL"
    ).fetchall():
        for position, person in enumerate(people.get(author_id, [])):
            links.append({"article_id": article_id, "author_id": person, "position": position})
    db["article_authors"].insert_all(links, batch_size=500)
    db.execute("DROP TABLE articles")
    db.execute("ALTER TABLE articles_v3 RENAME TO articles")

    # The text hash now names authors by key and in byline order (models.Article.content_hash).
    from newsctl.models import Article

    names: dict[int, list[str]] = {}
    for article_id, name in db.execute(
        """SELECT x.article_id, au.name FROM article_authors x JOIN authors au
           ON au.id = x.author_id ORDER BY x.article_id, x.position"""
    ).fetchall():
        names.setdefault(article_id, []).append(name)
    cursor = db.conn.execute("SELECT id, title, body FROM articles")
    while chunk := cursor.fetchmany(1000):
        db.conn.executemany(
            "UPDATE articles SET content_hash = ? WHERE id = ?",
            [
                (Article(title, body, tuple(names.get(article_id, ()))).content_hash(), article_id)
                for article_id, title, body in chunk
            ],
        )

    db.execute("CREATE INDEX article_authors_author ON article_authors(author_id, article_id)")
    db.execute("CREATE UNIQUE INDEX articles_url_key ON articles(url_key)")
    db.execute("CREATE UNIQUE INDEX articles_guid ON articles(guid)")
    db.execute("CREATE INDEX articles_content_hash ON articles(content_hash)")
    db.execute("CREATE INDEX articles_title_key ON articles(title_key)")
    db.execute(f"CREATE INDEX articles_dated ON articles({DATED}, id)")
    db.execute("CREATE INDEX articles_added ON articles(added_at, id)")
    db.execute(f"CREATE INDEX articles_category_dated ON articles(category_key, {DATED}, id)")
    db.execute(_FTS_SOURCE_V3)
    _create_search_triggers(db)
    _reindex(db, relinked, _INDEX)


def _reindex(db: Database, article_ids: list[int], action: str) -> None:
    """Run a search-index action (_FORGET or _INDEX) for these articles."""
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        db.execute(action.format(match=f"IN ({', '.join('?' * len(chunk))})"), chunk)


@migrations()
def m004_versions_and_trash(db: Database) -> None:
    """Every version of an article kept, and a trash that imports cannot undo.

    - article_versions: one row per version of each article changed at least once, in
      order; `content` holds the version's fields as JSON, except for the current version,
      whose content is the article itself. `fields` lists what changed from the version
      before, `change` says by what (added, import, edit, revert), `origin` from where.
    - deleted_articles: articles a person deleted. Until purged, `snapshot` holds the
      article (restore brings it back with its id); after, only its identities stay, so
      that an import of the same item (by guid, url or text) does not bring it back.
    - renamed_labels: the names a person renamed or merged away (an author, tag or
      category), by fold_key, with the name now used: imports read the old names as the
      new ones, so the next run of a feed does not undo the rename.
    """
    db.execute(
        """
        CREATE TABLE article_versions (
            article_id INTEGER NOT NULL,
            version INTEGER NOT NULL,
            saved_at TEXT NOT NULL,
            change TEXT NOT NULL,
            origin TEXT,
            fields TEXT NOT NULL DEFAULT '[]',
            content TEXT,
            PRIMARY KEY (article_id, version)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE deleted_articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            deleted_at TEXT NOT NULL,
            purged_at TEXT,
            snapshot TEXT,
            url_key TEXT,
            guid TEXT,
            content_hash TEXT NOT NULL
        )
        """
    )
    for column in ("url_key", "guid", "content_hash"):
        db.execute(f"CREATE INDEX deleted_articles_{column} ON deleted_articles({column})")
    db.execute("CREATE INDEX deleted_articles_deleted ON deleted_articles(purged_at, deleted_at)")
    db.execute(
        """
        CREATE TABLE renamed_labels (
            kind TEXT NOT NULL CHECK (kind IN ('author', 'tag', 'category')),
            name_key TEXT NOT NULL,
            new_name TEXT NOT NULL,
            PRIMARY KEY (kind, name_key)
        )
        """
    )


# -- m005 -------------------------------------------------------------------

# The search index reads the articles table itself (external content), so that tools which
# find an index by the table it indexes (sqlite-utils' detect_fts and `search`, Datasette's
# search box) find it: they look for `content="articles"` in its declaration.
# Its columns: the title, the byline ("Kim Ode; Lou Pike", denormalised into articles and
# kept in step by the triggers below), the body, then the same three as read for words in
# scripts written without spaces (segmenting.index_text: pairs of characters, None for
# text without such words). unicode61 with the mark categories keeps a letter and its
# combining marks together (Hindi, Thai words); remove_diacritics 2 lets cafe find café.
SEARCH_COLUMNS = ("title", "byline", "body", "title_ngrams", "byline_ngrams", "body_ngrams")
SEARCH_TOKENIZER = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
# A title match counts most, then an author's name, then the body; pairs count as their text.
SEARCH_WEIGHTS = "10.0, 5.0, 1.0, 10.0, 5.0, 1.0"
SEARCH_RANK = f"bm25({SEARCH_WEIGHTS})"

_SEARCH_COLUMN_LIST = ", ".join(SEARCH_COLUMNS)
_NEW_VALUES = ", ".join(f"new.{column}" for column in SEARCH_COLUMNS)
_OLD_VALUES = ", ".join(f"old.{column}" for column in SEARCH_COLUMNS)
_INDEX_NEW = (
    f"INSERT INTO articles_fts(rowid, {_SEARCH_COLUMN_LIST}) VALUES (new.id, {_NEW_VALUES});"
)
_FORGET_OLD = (
    f"INSERT INTO articles_fts(articles_fts, rowid, {_SEARCH_COLUMN_LIST}) "
    f"VALUES ('delete', old.id, {_OLD_VALUES});"
)
# An article's byline: its authors' names in order (what articles.byline holds).
BYLINE_OF = (
    "(SELECT group_concat(name, '; ') FROM (SELECT au.name AS name FROM article_authors x "
    "JOIN authors au ON au.id = x.author_id WHERE x.article_id = {id} ORDER BY x.position))"
)
_SET_BYLINE = (
    "UPDATE articles SET byline = " + BYLINE_OF.format(id="articles.id") + " WHERE id {match};"
)
SEARCH_INDEX_TRIGGERS = {
    # name: (when, event, table, action). While a batch writer has a row in
    # fts_sync_deferred (m002) it sets bylines and indexes its new articles itself.
    "articles_fts_insert": ("AFTER", "INSERT", "articles", _INDEX_NEW),
    "articles_fts_delete": ("AFTER", "DELETE", "articles", _FORGET_OLD),
    "articles_fts_update": ("AFTER", f"UPDATE OF {_SEARCH_COLUMN_LIST}", "articles",
                            _FORGET_OLD + " " + _INDEX_NEW),
    "article_authors_byline_insert": ("AFTER", "INSERT", "article_authors",
                                      _SET_BYLINE.format(match="= new.article_id")),
    "article_authors_byline_delete": ("AFTER", "DELETE", "article_authors",
                                      _SET_BYLINE.format(match="= old.article_id")),
    "article_authors_byline_update": ("AFTER", "UPDATE", "article_authors", _SET_BYLINE.format(
        match="IN (old.article_id, new.article_id)")),
    "authors_byline_rename": ("AFTER", "UPDATE OF name", "authors", _SET_BYLINE.format(
        match="IN (SELECT article_id FROM article_authors WHERE author_id = new.id)")),
}  # fmt: skip


# SQLite stores a row's columns in order, and every column after body (all but id and title)
# sits past the body's overflow pages: reading the date of a 5 MB article walked 1,250 pages
# (~4 ms), whatever the query. For long articles only, this index holds what search shows.
LONG_BODY = "length({body}) > 100000"
_LONG_DISPLAY_M005 = ("id", "title", "category", "url", "guid", "published_at", "added_at",
                      "updated_at", "source", "partial", "byline")  # fmt: skip
# What articles_long_display holds now: every column search shows (archive._hits), so that
# it never reads a long article's row, whose body comes before its later columns.
LONG_DISPLAY_COLUMNS = (*_LONG_DISPLAY_M005, "credit")


@migrations()
def m005_search_any_language_detectable(db: Database) -> None:
    """The search index over the articles table, for every script, found by other tools.

    - articles gets byline (its authors' names, in order) and title_ngrams, byline_ngrams,
      body_ngrams (segmenting.index_text of each, NULL for most articles).
    - articles_fts is declared over articles (content="articles") instead of a view, so
      sqlite-utils and Datasette recognise it, with the tokenizer and weights above, and
      rebuilt: every stored article is searchable afterwards, in any language.
    - articles_long_display: what search shows of an article, for articles over 100,000
      characters only (see LONG_BODY).
    - The triggers keep it in step with any change made with plain SQL (the *_ngrams
      columns are newsctl's to compute: `newsctl check` says when another tool left them
      behind, and `--repair` recomputes them).
    """
    for trigger in SEARCH_INDEX_TRIGGERS_V3:
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE articles_fts")
    db.execute("DROP VIEW articles_fts_source")
    for column in ("byline", "title_ngrams", "byline_ngrams", "body_ngrams"):
        db.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
    db.execute(_SET_BYLINE.format(match="IS NOT NULL"))
    fill_ngrams(db)
    db.execute(
        f"""CREATE VIRTUAL TABLE articles_fts USING fts5(
            {_SEARCH_COLUMN_LIST},
            content="articles", content_rowid="id",
            tokenize="{SEARCH_TOKENIZER}"
        )"""
    )
    db.execute(f"INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', '{SEARCH_RANK}')")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    db.execute(
        f"CREATE INDEX articles_long_display ON articles({', '.join(_LONG_DISPLAY_M005)}) "
        f"WHERE {LONG_BODY.format(body='body')}"
    )
    for name, (when, event, table, action) in SEARCH_INDEX_TRIGGERS.items():
        db.execute(
            f"CREATE TRIGGER {name} {when} {event} ON {table} FOR EACH ROW {_UNLESS_DEFERRED} "
            f"BEGIN {action} END"
        )


def fill_ngrams(db: Database, *, dry_run: bool = False) -> int:
    """Set the *_ngrams columns of every article from its title, byline and body (unless
    dry_run); returns how many were out of date. Most articles have no unspaced words."""
    from newsctl.segmenting import index_text

    changed = []
    cursor = db.conn.execute(
        "SELECT id, title, byline, body, title_ngrams, byline_ngrams, body_ngrams FROM articles"
    )
    while chunk := cursor.fetchmany(1000):
        for article_id, title, byline, body, *stored in chunk:
            wanted = [index_text(title), index_text(byline), index_text(body)]
            if wanted != stored:
                changed.append((*wanted, article_id))
    if dry_run:
        return len(changed)
    for start in range(0, len(changed), 1000):
        db.conn.executemany(
            "UPDATE articles SET title_ngrams = ?, byline_ngrams = ?, body_ngrams = ? WHERE id = ?",
            changed[start : start + 1000],
        )
    return len(changed)


@migrations()
def m006_subscriptions(db: Database) -> None:
    """Feed subscriptions for `newsctl fetch` (newsctl.fetch), one row per feed.

    - url: where the feed is fetched (a permanent redirect updates it); url_key, its
      canonical form (urls.canonical_url), keeps a feed from being subscribed twice.
    - every: seconds between fetches; category, tags (a JSON list) and full_text: what
      is done with its entries.
    - etag, last_modified: the validators of the last full response, sent back as
      If-None-Match / If-Modified-Since (RFC 9110 §13.1).
    - last_fetched_at, last_status (an HTTP status or a short word: "timeout",
      "unreadable"...), last_error, consecutive_errors: the outcome of the latest
      fetches; next_due_at: when the feed is fetched again (its schedule, or back-off
      and Retry-After after failures); disabled_at, disabled_reason: set by 410 Gone.
    - articles: how many articles the feed has added; claimed_until: a fetch process
      is working on the feed until then, so a second process leaves it alone.
    """
    db.execute(
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            url_key TEXT NOT NULL,
            title TEXT,
            every INTEGER NOT NULL,
            category TEXT,
            tags TEXT NOT NULL DEFAULT '[]',
            full_text INTEGER NOT NULL DEFAULT 0,
            added_at TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            last_fetched_at TEXT,
            last_status TEXT,
            last_error TEXT,
            consecutive_errors INTEGER NOT NULL DEFAULT 0,
            next_due_at TEXT NOT NULL,
            disabled_at TEXT,
            disabled_reason TEXT,
            articles INTEGER NOT NULL DEFAULT 0,
            claimed_until TEXT
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX subscriptions_url_key ON subscriptions(url_key)")
    db.execute("CREATE INDEX subscriptions_due ON subscriptions(next_due_at)")


@migrations()
def m007_import_log(db: Database) -> None:
    """What imports did, for the person reading the cron job's results.

    - import_runs: one row per `newsctl import` run: when it started and ended, what it
      was given, its counts, rejects (the first ones, as JSON) and exit status.
    - imported_files: the files an import has read to the end, by path, size, modification
      time (ns) and sha256, so that a later run skips a file that has not changed.
    """
    db.execute(
        """
        CREATE TABLE import_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            inputs TEXT NOT NULL DEFAULT '[]',
            files INTEGER NOT NULL DEFAULT 0,
            unchanged_files INTEGER NOT NULL DEFAULT 0,
            counts TEXT NOT NULL DEFAULT '{}',
            rejects TEXT NOT NULL DEFAULT '[]',
            exit_status INTEGER
        )
        """
    )
    db.execute(
        """
        CREATE TABLE imported_files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            run_id INTEGER
        )
        """
    )


@migrations()
def m008_news_view(db: Database) -> None:
    """`news`: the articles as people browse them in Datasette (newsctl serve) or with SQL:
    one row each with its byline and tags as JSON arrays (which Datasette facets), and
    without the columns that only serve newsctl (url_key, title_key, content_hash...)."""
    db.execute(
        """
        CREATE VIEW news AS
        SELECT a.id, a.title,
               (SELECT json_group_array(name) FROM
                  (SELECT au.name FROM article_authors x JOIN authors au ON au.id = x.author_id
                   WHERE x.article_id = a.id ORDER BY x.position)) AS authors,
               a.category,
               (SELECT json_group_array(name) FROM
                  (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
                   WHERE x.article_id = a.id ORDER BY t.name_key)) AS tags,
               a.url, a.published_at, a.added_at, a.updated_at, a.partial AS teaser, a.body
        FROM articles a
        """
    )


@migrations()
def m009_source_hash_and_curated_bios(db: Database) -> None:
    """What a person curated stays curated.

    - articles.source_hash: the fingerprint of what the article's source said the last
      time an import stored it (models.Article.source_hash). An import that brings the
      same again changes nothing, even when a person has edited the article since; only a
      publisher's own change (a different fingerprint) updates it.
    - authors.bio_curated: 1 when a person wrote or chose the bio (authors edit, authors
      merge): imports do not replace it.
    """
    db.execute("ALTER TABLE articles ADD COLUMN source_hash TEXT")
    db.execute("ALTER TABLE authors ADD COLUMN bio_curated INTEGER NOT NULL DEFAULT 0")


@migrations()
def m010_import_warnings(db: Database) -> None:
    """import_runs.warnings: the values a run stored without because it could not read them
    right (a date in an unknown zone), as JSON like its rejects: a cron job run with --quiet
    prints none of them, and `newsctl imports` shows them."""
    db.execute("ALTER TABLE import_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m011_url_keys_fold_page_copies(db: Database) -> None:
    """Url keys (articles.url_key, deleted_articles.url_key) become urls.page_key of the
    stored url: one page's AMP copies, its "www." and mobile hosts and a directory's
    default page give one key; so do the tracking parameters added to urls.py since, a
    host's trailing dot, and international hosts (now IDNA 2008: "straße" is not
    "strasse"). Stored urls lose those tracking parameters too.

    Articles stored under two such addresses are one article: the full article stays
    rather than a teaser, else the one stored first, and the others are merged into it
    (saving.BatchWriter.merge_copies), their text kept in its history. Two entries of one
    feed (saving.other_entry: a live blog's posts) stay two articles, the later without a
    url_key, as imports keep them (saving._own_url); so do articles that had none. A
    deleted article keeps its old url_key when a stored one now has the new one: an import
    of that page updates the stored one.
    """
    _rekey_urls(db)


def _rekey_urls(db: Database) -> None:
    """Set every url key to urls.page_key of its stored url, and every stored url to
    urls.absolute_url of itself, merging the articles that then share a key (m011's
    docstring says how); for each schema that changes what urls.py folds (m011, m012)."""
    if not db.execute(
        "SELECT 1 FROM articles UNION ALL SELECT 1 FROM deleted_articles LIMIT 1"
    ).fetchone():
        return  # a new archive: nothing to re-key (and nothing to import for it)
    import json

    from newsctl.dates import format_timestamp, now_utc
    from newsctl.saving import BatchWriter, other_entry
    from newsctl.urls import absolute_url, page_key

    # The writer below is this version's: its merges and history read the columns that
    # later schemas add, which an archive upgraded from an old schema does not have yet.
    _add_credit_column(db)

    def key_of(url: str | None, url_key: str) -> str:
        return page_key(absolute_url(url)) or page_key(url_key) or url_key

    rows = db.execute("SELECT id, url, url_key FROM articles WHERE url IS NOT NULL").fetchall()
    db.conn.executemany(
        "UPDATE articles SET url = ? WHERE id = ?",
        [(absolute_url(url), article_id) for article_id, url, _ in rows
         if absolute_url(url) not in (None, url)],
    )  # fmt: skip
    rekeyed: dict[int, str | None] = {}
    copies: dict[str, list[int]] = {}
    for article_id, url, url_key in sorted(rows):
        if url_key is None:
            continue
        key = key_of(url, url_key)
        copies.setdefault(key, []).append(article_id)
        if key != url_key:
            rekeyed[article_id] = key
    writer = BatchWriter(db, now=format_timestamp(now_utc()), update=True)
    for key, ids in copies.items():
        if len(ids) < 2:
            continue
        found = {
            article_id: (partial, guid)
            for article_id, partial, guid in db.execute(
                f"SELECT id, partial, guid FROM articles WHERE id IN ({', '.join('?' * len(ids))})",
                ids,
            ).fetchall()
        }
        # The full article stays rather than a teaser, then the one stored first.
        kept, *others = sorted(ids, key=lambda article_id: (found[article_id][0], article_id))
        rekeyed[kept] = key
        # Two entries of one feed (a live blog's posts) are two articles, as imports keep
        # them (saving._own_url): the other keeps its url but not as its identity. The guids
        # of what is merged count too (a page, then one post of the blog, then another).
        guids = [found[kept][1]]
        apart, copies_of = [], []
        for article_id in others:
            if any(other_entry(guid, found[article_id][1]) for guid in guids):
                apart.append(article_id)
                rekeyed[article_id] = None
            else:
                copies_of.append(article_id)
                guids.append(found[article_id][1])
        if copies_of:
            writer.merge_copies(kept, copies_of, origin=f"one page: {key}")
            for article_id in copies_of:
                rekeyed.pop(article_id, None)
    # In two steps: a new key may be another row's old one until that row has its own.
    changed = list(rekeyed)
    for start in range(0, len(changed), 500):
        chunk = changed[start : start + 500]
        db.execute(
            f"UPDATE articles SET url_key = NULL WHERE id IN ({', '.join('?' * len(chunk))})",
            chunk,
        )
    db.conn.executemany(
        "UPDATE articles SET url_key = ? WHERE id = ?",
        [(key, article_id) for article_id, key in rekeyed.items() if key is not None],
    )
    # A deleted article keeps its identity unless a stored article now has that url: then it
    # keeps its old key (an import of the page updates the stored one, and the deleted one
    # is still known by its own address, never by its text alone).
    live = {key for (key,) in db.execute("SELECT url_key FROM articles WHERE url_key IS NOT NULL")}
    deleted = db.execute(
        "SELECT id, snapshot, url_key FROM deleted_articles WHERE url_key IS NOT NULL"
    ).fetchall()
    keys = [
        (key_of(json.loads(snapshot or "{}").get("url"), url_key), deleted_id)
        for deleted_id, snapshot, url_key in deleted
    ]
    db.conn.executemany(
        "UPDATE deleted_articles SET url_key = ? WHERE id = ?",
        [
            (old if key in live else key, deleted_id)
            for (key, deleted_id), (_, _, old) in zip(keys, deleted, strict=True)
        ],
    )


@migrations()
def m012_url_keys_without_channel_and_session_params(db: Database) -> None:
    """Url keys and stored urls lose the parameters urls.py now knows as tracking: a feed's
    or newsletter's channel in a generic parameter ("?ref=rss", "?source=rss", "?partner=rss&
    emc=rss", "?mod=rss_Technology"), comScore's ns_*, and session ids ("?PHPSESSID=…",
    ";jsessionid=…"). Articles stored twice that way (from a feed's link and from the page)
    are merged as m011 merges a page's copies (_rekey_urls)."""
    _rekey_urls(db)


@migrations()
def m013_guids_stored_without_fragments(db: Database) -> None:
    """articles.guid_without_fragment: 1 for a guid whose entry id is a url stored without
    its "#fragment", as every version before this one stored url ids. Such a stored id is
    the entry's whatever fragment the feed gives it now (saving.other_entry): a live blog's
    post "…/live#post-1" updates the article an earlier version stored as "…/live", rather
    than being stored beside it. Guids stored from now on keep their fragments and have no
    mark: their "…/live" is the page's own entry, not its posts'."""
    db.execute("ALTER TABLE articles ADD COLUMN guid_without_fragment INTEGER")

    def fragment_dropped(guid: object) -> bool:
        # A stored guid is "<feed scope> <entry id>" (or the id alone): the id is its last word.
        return (
            isinstance(guid, str)
            and "#" not in guid
            and guid.rsplit(" ", 1)[-1].startswith(("http://", "https://"))
        )

    rows = db.execute("SELECT id, guid FROM articles WHERE instr(guid, '#') = 0").fetchall()
    db.conn.executemany(
        "UPDATE articles SET guid_without_fragment = 1 WHERE id = ?",
        [(article_id,) for article_id, guid in rows if fragment_dropped(guid)],
    )
    # The trash's snapshots carry the mark too: a restored article gets it back
    # (trash.delete_articles keeps it from now on).
    deleted = db.execute(
        "SELECT id, guid FROM deleted_articles WHERE snapshot IS NOT NULL AND instr(guid, '#') = 0"
    ).fetchall()
    db.conn.executemany(
        "UPDATE deleted_articles SET snapshot = json_set(snapshot, '$.guid_without_fragment', 1) "
        "WHERE id = ?",
        [(deleted_id,) for deleted_id, guid in deleted if fragment_dropped(guid)],
    )


@migrations()
def m014_credits(db: Database) -> None:
    """articles.credit: the newsroom, wire service or publication an article is credited to
    when its byline names no person ("dpa", "Redaktion", "Reuters Staff"). Before, such a
    byline was dropped (it names no author), and with it the only word on who wrote the
    article. Articles stored earlier have none until a source gives it again.
    The `news` view (m008) shows it beside the authors, and articles_long_display (m005)
    holds it, for search shows it. An author an earlier version stored whose name no rule
    now reads as a person's ("La Rédaction", "Editorial Board": names.person_names refuses
    it) and that credits a newsroom becomes the credit of its articles (of those without
    one), and is no longer an author."""
    _add_credit_column(db)
    _authors_now_credits(db)
    db.execute("DROP INDEX IF EXISTS articles_long_display")
    db.execute(
        f"CREATE INDEX articles_long_display ON articles({', '.join(LONG_DISPLAY_COLUMNS)}) "
        f"WHERE {LONG_BODY.format(body='body')}"
    )
    db.execute("DROP VIEW IF EXISTS news")
    db.execute(
        """
        CREATE VIEW news AS
        SELECT a.id, a.title,
               (SELECT json_group_array(name) FROM
                  (SELECT au.name FROM article_authors x JOIN authors au ON au.id = x.author_id
                   WHERE x.article_id = a.id ORDER BY x.position)) AS authors,
               a.credit, a.category,
               (SELECT json_group_array(name) FROM
                  (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
                   WHERE x.article_id = a.id ORDER BY t.name_key)) AS tags,
               a.url, a.published_at, a.added_at, a.updated_at, a.partial AS teaser, a.body
        FROM articles a
        """
    )


def _authors_now_credits(db: Database) -> None:
    """m014: stored authors that newsctl.names now reads as a newsroom's credit, moved."""
    from newsctl.names import credit_name, person_names

    for author_id, name in db.execute("SELECT id, name FROM authors").fetchall():
        credit = None if person_names(name) else credit_name(name)
        if credit is None:
            continue
        db.execute(
            "UPDATE articles SET credit = ? WHERE credit IS NULL AND id IN "
            "(SELECT article_id FROM article_authors WHERE author_id = ?)",
            [credit, author_id],
        )
        db.execute("DELETE FROM article_authors WHERE author_id = ?", [author_id])
        # A bio a person wrote stays, with its author (as saving._drop_author keeps it).
        db.execute("DELETE FROM authors WHERE id = ? AND bio_curated = 0", [author_id])


def _add_credit_column(db: Database) -> None:
    """m014's column, added once: by m014, or earlier by _rekey_urls (m011, m012)."""
    if "credit" not in db["articles"].columns_dict:
        db.execute("ALTER TABLE articles ADD COLUMN credit TEXT")
