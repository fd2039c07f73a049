"""`newsctl stats`: what the archive holds, counted in a few queries (no Typer, no Rich)."""

import os
import sqlite3

from newsctl.archive import Archive
from newsctl.models import ArchiveStats

_TOTALS = {
    "articles": "SELECT count(*) FROM articles",
    "teasers": "SELECT count(*) FROM articles WHERE partial = 1",
    "authors": "SELECT count(*) FROM authors",
    "tags": "SELECT count(*) FROM tags",
    "categories": "SELECT count(DISTINCT category_key) FROM articles",
    "versions": "SELECT count(*) FROM article_versions WHERE content IS NOT NULL",
    "trash": "SELECT count(*) FROM deleted_articles WHERE purged_at IS NULL",
}


def _index_bytes(archive: Archive) -> int | None:
    """Bytes used by the search index's tables (SQLite's dbstat table, where compiled in)."""
    try:
        row = archive.db.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles\\_fts%' ESCAPE '\\'"
        ).fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def archive_stats(archive: Archive, *, top: int = 10, months: int = 24) -> ArchiveStats:
    """Totals, the `top` largest categories and authors, and articles per month over the
    last `months` months that have articles."""
    db = archive.db
    totals = {name: db.execute(sql).fetchone()[0] for name, sql in _TOTALS.items()}
    categories = db.execute(
        "SELECT min(category), count(*) AS n FROM articles WHERE category_key IS NOT NULL "
        "GROUP BY category_key ORDER BY n DESC, category_key LIMIT ?",
        [top],
    ).fetchall()
    authors = db.execute(
        "SELECT au.name, count(*) AS n FROM article_authors x JOIN authors au "
        "ON au.id = x.author_id GROUP BY au.id ORDER BY n DESC, au.name_key LIMIT ?",
        [top],
    ).fetchall()
    per_month = db.execute(
        "SELECT substr(coalesce(published_at, added_at), 1, 7) AS month, count(*) "
        "FROM articles GROUP BY month ORDER BY month DESC LIMIT ?",
        [months],
    ).fetchall()
    size = sum(
        os.path.getsize(path)
        for path in (archive.path, f"{archive.path}-wal")
        if os.path.exists(path)
    )
    return ArchiveStats(
        totals,
        tuple(map(tuple, categories)),
        tuple(map(tuple, authors)),
        tuple(map(tuple, reversed(per_month))),
        size,
        _index_bytes(archive),
    )
