"""The schema: what a blank file migrates to, and the full-text index staying in step."""

import os
import stat

import sqlite_utils

from newsctl.archive import open_archive
from newsctl.models import Article
from newsctl.schema import migrations
from tests.conftest import rows


def test_blank_file_migrates_to_the_expected_schema(tmp_path):
    path = tmp_path / "new" / "archive.db"
    with open_archive(path):
        pass
    db = sqlite_utils.Database(path)
    assert {
        "authors",
        "articles",
        "tags",
        "article_tags",
        "articles_fts",
        "_sqlite_migrations",
    } <= set(db.table_names())
    assert db.view_names() == ["articles_fts_source"]
    assert set(db["articles"].columns_dict) == {
        "id",
        "title",
        "body",
        "author_id",
        "category",
        "url",
        "url_key",
        "published_at",
        "added_at",
        "updated_at",
        "source",
        "content_hash",
        "partial",
    }
    indexes = {index.name for index in db["articles"].indexes}
    assert {
        "articles_dated",
        "articles_added",
        "articles_author_dated",
        "articles_category_dated",
        "articles_title",
        "idx_articles_url_key",
        "idx_articles_content_hash",
    } <= indexes
    assert {t.name for t in db.triggers} == {
        "articles_fts_insert",
        "articles_fts_delete",
        "articles_fts_update",
    }
    assert [m.name for m in migrations.applied(db)] == ["m001_initial", "m002_batched_fts_sync"]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [fk.other_table for fk in db["articles"].foreign_keys] == ["authors"]


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "archive.db"
    for _ in range(3):
        with open_archive(path) as archive:
            archive.save([Article(title=f"t{archive.count_articles()}")])
    db = sqlite_utils.Database(path)
    assert rows(db, "SELECT count(*) AS n FROM _sqlite_migrations")[0]["n"] == 2
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 3


def test_new_archive_is_private(tmp_path):
    path = tmp_path / "private" / "nested" / "archive.db"
    with open_archive(path) as archive:
        archive.save([Article(title="secret reading habits")])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    for suffix in ("-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            assert stat.S_IMODE(os.stat(sidecar).st_mode) == 0o600


def test_existing_file_permissions_are_left_alone(tmp_path):
    path = tmp_path / "shared.db"
    with open_archive(path):
        pass
    os.chmod(path, 0o644)
    with open_archive(path) as archive:
        archive.save([Article(title="x")])
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o644


def test_full_text_index_follows_insert_update_and_delete(tmp_path):
    path = tmp_path / "archive.db"
    with open_archive(path) as archive:
        archive.save(
            [
                Article(
                    title="Otters return",
                    body="Otters seen in the river.",
                    author="Kim Ode",
                    url="https://x.example/otters",
                )
            ]
        )
        assert [hit.article.title for hit in archive.search("otters")] == ["Otters return"]
        assert [hit.article.title for hit in archive.search("ode")] == ["Otters return"]
        archive.save(
            [
                Article(
                    title="Beavers return",
                    body="Beavers dam the river.",
                    url="https://x.example/otters",
                )
            ]
        )
        assert archive.search("otters") == []
        assert [hit.article.title for hit in archive.search("beavers")] == ["Beavers return"]
        with archive.write():
            archive.db.execute("DELETE FROM article_tags")
            archive.db.execute("DELETE FROM articles")
        assert archive.search("beavers") == []
        integrity = archive.db.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
        )
        assert integrity is not None  # raises if the index disagrees with its content
