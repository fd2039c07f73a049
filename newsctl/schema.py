"""The archive's schema, as an ordered list of migrations.

This is the only place the schema is written. Shipped migrations are never
edited: a later release adds m002_..., and sqlite-utils records which ones an
archive has had, so any older archive upgrades in place.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

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
