"""`newsctl serve`: the archive in Datasette, read-only, with the metadata that makes it an
archive of news rather than a heap of tables.

Datasette's metadata (https://docs.datasette.io/en/stable/metadata.html) hides the
tables and columns that only serve newsctl, points the `news` view (schema m008) at
the full-text index, facets it on category, authors and tags, and adds two canned
queries. Datasette opens a file it may change with `mode=ro`: it never writes.
"""

import re
from pathlib import Path
from typing import Any

# Tables a person browsing the archive has no use for: bookkeeping of newsctl itself.
_HIDDEN_TABLES = (
    "_sqlite_migrations", "fts_sync_deferred", "article_versions", "deleted_articles",
    "renamed_labels", "imported_files", "article_authors", "article_tags", "articles",
)  # fmt: skip
_NEWS_SORT = "published_at"


def search_index(tables: list[str], schemas: dict[str, str]) -> str | None:
    """The FTS5 table that indexes the articles, by its declaration; None if there is none."""
    for name in tables:
        sql = schemas.get(name) or ""
        if re.search(r"USING\s+fts5", sql, re.IGNORECASE) and "content=" in sql.replace(" ", ""):
            if re.search(r"content\s*=\s*['\"\[]?articles", sql, re.IGNORECASE):
                return name
    return None


def datasette_metadata(database: str, fts_table: str | None) -> dict[str, Any]:
    """Datasette metadata for an archive opened under the name `database`."""
    tables: dict[str, Any] = {name: {"hidden": True} for name in _HIDDEN_TABLES}
    news: dict[str, Any] = {
        "title": "News articles",
        "description": "Every article: search, or facet by category, author, credit and tag.",
        "sort_desc": _NEWS_SORT,
        "facets": ["category", {"array": "authors"}, "credit", {"array": "tags"}],
        "label_column": "title",
    }
    if fts_table:
        news.update(fts_table=fts_table, fts_pk="id", searchmode="escaped")
    tables["news"] = news
    return {
        "title": "newsctl archive",
        "description": "A news archive kept by newsctl (read-only).",
        "databases": {
            database: {
                "tables": tables,
                "queries": {
                    "recent_posts": {
                        "title": "Recent posts",
                        "sql": "SELECT id, title, authors, category, "
                        "coalesce(published_at, added_at) AS date FROM news "
                        "ORDER BY date DESC LIMIT 50",
                    },
                    "author_articles": {
                        "title": "An author's articles",
                        "sql": "SELECT n.id, n.title, n.category, "
                        "coalesce(n.published_at, n.added_at) AS date FROM news n "
                        "WHERE EXISTS (SELECT 1 FROM json_each(n.authors) "
                        "WHERE lower(value) = lower(:author)) ORDER BY date DESC",
                    },
                },
            }
        },
    }


def database_name(path: Path) -> str:
    """The name Datasette gives a database file: its name without the extension."""
    return path.stem
