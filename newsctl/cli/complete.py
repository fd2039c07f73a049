"""Shell completion of values from the archive: author names, tags, categories, ids.

Typer asks these while the person presses Tab, so they must answer at once: they read
the archive with the standard library's sqlite3 (read-only), never through sqlite-utils,
and never fail (a missing or damaged archive completes nothing).
"""

import sqlite3
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import typer

from newsctl.paths import resolve_archive_path

_LIMIT = 200


def _archive_rows(ctx: typer.Context, sql: str, params: list) -> list[tuple]:
    try:
        root = ctx.find_root()
        given = (root.params.get("db") if root.params else None) or _db_in_command_line()
        path = resolve_archive_path(Path(given) if given else None)
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


def _db_in_command_line() -> str | None:
    """A --db given after the command ("newsctl list --db x.db --author <Tab>"): the words
    being completed, as the shell passes them to Typer's completion."""
    import os
    import shlex

    words = os.environ.get("COMP_WORDS") or os.environ.get("_TYPER_COMPLETE_ARGS") or ""
    try:
        parts = shlex.split(words)
    except ValueError:
        parts = words.split()
    for index, part in enumerate(parts):
        if part == "--db" and index + 1 < len(parts):
            return parts[index + 1]
        if part.startswith("--db="):
            return part.split("=", 1)[1]
    return None


def _names(sql: str) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        """Names beginning with what was typed (any case), most used first.

        Typer keeps only the answers that start with what was typed, as typed; the
        filters match names in any case, so "marta" completes to "marta Olsen": the
        typed start, then the rest of the name.
        """
        prefix = incomplete.casefold()
        names = []
        for (name,) in _archive_rows(ctx, sql, [_LIMIT * 5]):
            if name.startswith(incomplete):
                names.append(name)
            elif name[: len(incomplete)].casefold() == prefix:
                names.append(incomplete + name[len(incomplete) :])
        return names[:_LIMIT]

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


def _ids(sql: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """A completion of ids beginning with what was typed, each with its title, from `sql`
    (id and title, filtered on the typed start and limited by its two parameters)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        rows = _archive_rows(ctx, sql, [incomplete, _LIMIT])
        return [(str(article_id), title[:60]) for article_id, title in rows]

    return complete


# Ids in the trash (deleted, not purged), most recently deleted first.
complete_trashed_id = _ids(
    "SELECT id, title FROM deleted_articles WHERE purged_at IS NULL "
    "AND CAST(id AS TEXT) LIKE ? || '%' ORDER BY deleted_at DESC LIMIT ?"
)
# Ids of the newest articles.
complete_article_id = _ids(
    "SELECT id, title FROM articles WHERE CAST(id AS TEXT) LIKE ? || '%' ORDER BY id DESC LIMIT ?"
)


def complete_output_format(incomplete: str) -> list[str]:
    """The output formats of list, search, recent, authors, tags and categories."""
    from newsctl.render import OUTPUT_FORMATS

    return [name for name in OUTPUT_FORMATS if name.startswith(incomplete.casefold())]
