"""Shell completion of values from the archive: author names, tags, categories, ids.

Typer asks these while the person presses Tab, so they must answer at once: they read
the archive with the standard library's sqlite3 (read-only), never through sqlite-utils,
and never fail (a missing or damaged archive completes nothing).
"""

import sqlite3
import urllib.parse
from collections.abc import Callable

import typer

from newsctl.paths import resolve_archive_path

_LIMIT = 200


def _archive_rows(ctx: typer.Context, sql: str, params: list) -> list[tuple]:
    try:
        root = ctx.find_root()
        path = resolve_archive_path(root.params.get("db") if root.params else None)
        if not path.is_file():
            return []
        location = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        connection = sqlite3.connect(location, uri=True, timeout=0.5)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()
    except (sqlite3.Error, OSError, ValueError):
        return []


def _names(sql: str) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        """Names beginning with what was typed (any case), most used first."""
        prefix = incomplete.casefold()
        rows = _archive_rows(ctx, sql, [_LIMIT * 5])
        return [name for (name,) in rows if name.casefold().startswith(prefix)][:_LIMIT]

    return complete


complete_author = _names(
    "SELECT au.name FROM authors au LEFT JOIN article_authors x ON x.author_id = au.id "
    "GROUP BY au.id ORDER BY count(x.article_id) DESC LIMIT ?"
)
complete_tag = _names(
    "SELECT t.name FROM tags t LEFT JOIN article_tags x ON x.tag_id = t.id "
    "GROUP BY t.id ORDER BY count(x.article_id) DESC LIMIT ?"
)
complete_category = _names(
    "SELECT min(category) FROM articles WHERE category_key IS NOT NULL "
    "GROUP BY category_key ORDER BY count(*) DESC LIMIT ?"
)


def complete_article_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Ids of the newest articles beginning with what was typed, each with its title."""
    rows = _archive_rows(
        ctx,
        "SELECT id, title FROM articles WHERE CAST(id AS TEXT) LIKE ? || '%' "
        "ORDER BY id DESC LIMIT ?",
        [incomplete, _LIMIT],
    )
    return [(str(article_id), title[:60]) for article_id, title in rows]
