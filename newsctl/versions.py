"""Every version of an article: kept when an import or an edit changes it, listed, compared.

News articles change after publication (a corrected name, a new paragraph, a new
headline). Each change keeps the version it replaces in article_versions (schema
m004): the current version lives in articles, every earlier one as a JSON snapshot of
its fields. Runs inside the caller's write transaction; no Typer, no Rich.
"""

import difflib
import json
import re
from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database

from newsctl.models import ArticleVersion

# The fields a version holds, in the order history and diff show them.
VERSIONED_FIELDS = ("title", "authors", "credit", "category", "tags", "url", "published_at", "body")

_SNAPSHOT = """
    SELECT a.title, a.body, a.credit, a.category, a.url, a.published_at, a.source, a.added_at,
           a.updated_at,
           (SELECT json_group_array(name) FROM
              (SELECT au.name FROM article_authors x JOIN authors au ON au.id = x.author_id
               WHERE x.article_id = a.id ORDER BY x.position)) AS authors,
           (SELECT json_group_array(name) FROM
              (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
               WHERE x.article_id = a.id ORDER BY t.name_key)) AS tags
    FROM articles a WHERE a.id = ?
"""


def snapshot(db: Database, article_id: int) -> dict[str, Any] | None:
    """The stored article's versioned fields (authors and tags as lists), plus its source,
    added_at and updated_at; None when there is no such article."""
    cursor = db.execute(_SNAPSHOT, [article_id])
    row = cursor.fetchone()
    if row is None:
        return None
    fields = dict(zip([column[0] for column in cursor.description], row, strict=True))
    fields["authors"] = json.loads(fields["authors"])
    fields["tags"] = json.loads(fields["tags"])
    return fields


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The versioned fields whose values differ between two snapshots."""
    return [name for name in VERSIONED_FIELDS if before.get(name) != after.get(name)]


def keep_version(
    db: Database,
    article_id: int,
    before: dict[str, Any],
    *,
    change: str,
    origin: str | None,
    now: str,
) -> list[str]:
    """Record that the article changed from `before` (its snapshot) to what is stored now.

    `change` says by what ("import", "edit", "revert"), `origin` from where (a file, a
    url, "cli"); `now` is the stored timestamp of the change. Returns the fields that
    changed; nothing is recorded when none did.
    """
    after = snapshot(db, article_id)
    if after is None:
        return []
    fields = changed_fields(before, after)
    if not fields:
        return []
    latest = db.execute(
        "SELECT max(version) FROM article_versions WHERE article_id = ?", [article_id]
    ).fetchone()[0]
    content = json.dumps({name: before.get(name) for name in VERSIONED_FIELDS}, ensure_ascii=False)
    if latest is None:
        # The first change: the article as first stored becomes version 1.
        db.execute(
            "INSERT INTO article_versions (article_id, version, saved_at, change, origin, "
            "fields, content) VALUES (?, 1, ?, 'added', ?, '[]', ?)",
            [article_id, before.get("added_at") or now, before.get("source"), content],
        )
        latest = 1
    else:
        db.execute(
            "UPDATE article_versions SET content = ? WHERE article_id = ? AND version = ?",
            [content, article_id, latest],
        )
    db.execute(
        "INSERT INTO article_versions (article_id, version, saved_at, change, origin, fields) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [article_id, latest + 1, now, change, origin, json.dumps(fields)],
    )
    return fields


def keep_merged_copy(
    db: Database,
    article_id: int,
    before: dict[str, Any],
    copy: dict[str, Any],
    *,
    origin: str | None,
    now: str,
) -> None:
    """Record that a stored copy of the article (another row that was the same page) was
    merged into it: the article as it was (`before`, its snapshot), then the copy (`copy`,
    change "copy", dated when the copy was last stored), then what is stored now (change
    "merge", `origin` saying why, at `now`). Every text is kept; nothing is recorded for a
    copy whose fields, and the merge's, changed nothing."""
    after = snapshot(db, article_id)
    if after is None or not (changed_fields(before, copy) or changed_fields(before, after)):
        return
    latest = db.execute(
        "SELECT max(version) FROM article_versions WHERE article_id = ?", [article_id]
    ).fetchone()[0]

    def content(fields: dict[str, Any]) -> str:
        return json.dumps({name: fields.get(name) for name in VERSIONED_FIELDS}, ensure_ascii=False)

    if latest is None:
        db.execute(
            "INSERT INTO article_versions (article_id, version, saved_at, change, origin, "
            "fields, content) VALUES (?, 1, ?, 'added', ?, '[]', ?)",
            [article_id, before.get("added_at") or now, before.get("source"), content(before)],
        )
        latest = 1
    else:
        db.execute(
            "UPDATE article_versions SET content = ? WHERE article_id = ? AND version = ?",
            [content(before), article_id, latest],
        )
    db.execute(
        "INSERT INTO article_versions (article_id, version, saved_at, change, origin, fields, "
        "content) VALUES (?, ?, ?, 'copy', ?, ?, ?)",
        [article_id, latest + 1, copy.get("updated_at") or copy.get("added_at") or now,
         copy.get("url") or copy.get("source"), json.dumps(changed_fields(before, copy)),
         content(copy)],
    )  # fmt: skip
    db.execute(
        "INSERT INTO article_versions (article_id, version, saved_at, change, origin, fields) "
        "VALUES (?, ?, ?, 'merge', ?, ?)",
        [article_id, latest + 2, now, origin, json.dumps(changed_fields(copy, after))],
    )


def history(db: Database, article_id: int) -> list[ArticleVersion]:
    """The article's versions, oldest first; one version when it never changed.
    The caller checks that the article exists."""
    rows = db.execute(
        "SELECT version, saved_at, change, origin, fields, content IS NULL "
        "FROM article_versions WHERE article_id = ? ORDER BY version",
        [article_id],
    ).fetchall()
    if rows:
        return [
            ArticleVersion(number, saved_at, change, origin, tuple(json.loads(fields)), current)
            for number, saved_at, change, origin, fields, current in rows
        ]
    current = snapshot(db, article_id) or {}
    return [
        ArticleVersion(1, current.get("added_at") or "", "added", current.get("source"), (), True)
    ]


def version_fields(db: Database, article_id: int, number: int) -> dict[str, Any] | None:
    """The versioned fields of version `number` of an article; None if there is none."""
    row = db.execute(
        "SELECT content FROM article_versions WHERE article_id = ? AND version = ?",
        [article_id, number],
    ).fetchone()
    if row is None:
        # An article that never changed has one version, the stored article itself.
        never_changed = not db.execute(
            "SELECT 1 FROM article_versions WHERE article_id = ?", [article_id]
        ).fetchone()
        return snapshot(db, article_id) if number == 1 and never_changed else None
    return snapshot(db, article_id) if row[0] is None else json.loads(row[0])


# -- comparing versions -----------------------------------------------------------------


def as_text(fields: dict[str, Any], name: str) -> str:
    """One field of a version as text, as diff compares it."""
    value = fields.get(name)
    if isinstance(value, list):
        return "; ".join(value) if name == "authors" else ", ".join(value)
    return "" if value is None else str(value)


_WORDS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> Iterator[tuple[str, str]]:
    """A word-level comparison: (kind, text) pieces in order, kind being "same",
    "deleted" or "inserted" (difflib's SequenceMatcher over words and the spaces
    between them)."""
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for operation, a1, a2, b1, b2 in matcher.get_opcodes():
        if operation == "equal":
            yield "same", "".join(old_words[a1:a2])
            continue
        if a2 > a1:
            yield "deleted", "".join(old_words[a1:a2])
        if b2 > b1:
            yield "inserted", "".join(new_words[b1:b2])


def unified_diff(old: dict[str, Any], new: dict[str, Any], old_name: str, new_name: str) -> str:
    """Two versions as a unified diff of their text (fields as "Name: value" lines, then
    the body's paragraphs), for pipes and patches."""

    def lines(fields: dict[str, Any]) -> list[str]:
        header = [f"{name.replace('_', ' ').capitalize()}: {as_text(fields, name)}\n"
                  for name in VERSIONED_FIELDS if name != "body"]  # fmt: skip
        body = [line + "\n" for line in as_text(fields, "body").split("\n")]
        return [*header, "\n", *body]

    return "".join(difflib.unified_diff(lines(old), lines(new), old_name, new_name))
