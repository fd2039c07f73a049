"""The trash: articles a person deleted, restorable with their ids until purged.

A deleted article leaves the archive (and its search index) but keeps, in
deleted_articles (schema m004), a snapshot of itself and its identities (guid,
canonical url, text hash). Imports check those identities: an item a person
removed is skipped, so a cron job never brings it back; after a purge only the
identities stay. Runs inside the caller's write transaction; no Typer, no Rich.
"""

import json
from collections.abc import Iterable

from sqlite_utils import Database

from newsctl import versions
from newsctl.models import TrashedArticle

_IDENTITY = (
    "SELECT url_key, guid, content_hash, partial, source_hash, guid_without_fragment "
    "FROM articles WHERE id = ?"
)


def delete_articles(db: Database, article_ids: Iterable[int], *, now: str) -> list[int]:
    """Move these articles to the trash; returns the ids that existed (and were moved)."""
    moved: list[int] = []
    for article_id in article_ids:
        row = db.execute(_IDENTITY, [article_id]).fetchone()
        if row is None:
            continue
        url_key, guid, content_hash, partial, source_hash, without_fragment = row
        snapshot = versions.snapshot(db, article_id) or {}
        # The fingerprints of its sources come back with it: restored, an edited article
        # is not overwritten by the next import of the same, unchanged source. So does the
        # mark of a guid an earlier version stored without its fragment (schema m013):
        # restored without it, a live blog's post "…/live#post-1" was stored beside it.
        snapshot.update(
            guid=guid,
            partial=partial,
            source_hash=source_hash,
            guid_without_fragment=without_fragment,
        )
        db.execute(
            "INSERT OR REPLACE INTO deleted_articles (id, title, deleted_at, snapshot, url_key, "
            "guid, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [article_id, snapshot["title"], now, json.dumps(snapshot, ensure_ascii=False),
             url_key, guid, content_hash],
        )  # fmt: skip
        for table in ("article_tags", "article_authors"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
        db.execute("DELETE FROM articles WHERE id = ?", [article_id])
        moved.append(article_id)
    return moved


def trashed(db: Database) -> list[TrashedArticle]:
    """The articles in the trash (deleted, not purged), most recently deleted first."""
    rows = db.execute(
        "SELECT id, title, deleted_at, snapshot FROM deleted_articles "
        "WHERE purged_at IS NULL ORDER BY deleted_at DESC, id DESC"
    ).fetchall()
    items = []
    for article_id, title, deleted_at, snapshot in rows:
        fields = json.loads(snapshot)
        items.append(
            TrashedArticle(
                article_id, title, deleted_at, tuple(fields["authors"]), fields.get("credit")
            )
        )
    return items


def restore_articles(db: Database, article_ids: Iterable[int], *, now: str) -> dict[int, str]:
    """Bring articles back from the trash with their ids.

    Returns, per id asked for, "restored" or why not: not in the trash, purged, or
    another stored article now has its url or guid.
    """
    from newsctl.saving import BatchWriter

    writer = BatchWriter(db, now=now, update=False)
    outcome: dict[int, str] = {}
    for article_id in article_ids:
        row = db.execute(
            "SELECT snapshot, purged_at, url_key, guid FROM deleted_articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            outcome[article_id] = "not in the trash"
            continue
        snapshot, purged_at, url_key, guid = row
        if purged_at is not None or snapshot is None:
            outcome[article_id] = "purged from the trash; it cannot be restored"
            continue
        taken = db.execute(
            "SELECT id FROM articles WHERE url_key = ? OR guid = ?", [url_key, guid]
        ).fetchone()
        if taken:
            outcome[article_id] = f"article {taken[0]} now has its url or guid; not restored"
            continue
        db.execute("DELETE FROM deleted_articles WHERE id = ?", [article_id])
        writer.restore(article_id, json.loads(snapshot))
        outcome[article_id] = "restored"
    return outcome


def purge(db: Database, *, deleted_before: str | None, now: str) -> int:
    """Empty the trash (of what was deleted before `deleted_before`, a stored timestamp, when
    given); returns how many articles were purged. Their versions go too; their identities
    stay, so imports still skip them."""
    condition = "purged_at IS NULL" + (" AND deleted_at < :before" if deleted_before else "")
    params = {"before": deleted_before, "now": now}
    ids = [
        row[0] for row in db.execute(f"SELECT id FROM deleted_articles WHERE {condition}", params)
    ]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        db.execute(f"DELETE FROM article_versions WHERE article_id IN ({marks})", chunk)
        db.execute(
            f"UPDATE deleted_articles SET purged_at = ?, snapshot = NULL WHERE id IN ({marks})",
            [now, *chunk],
        )
    return len(ids)
