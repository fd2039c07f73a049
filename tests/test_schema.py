"""The schema: what a blank file migrates to, and the full-text index staying in step."""

import os
import sqlite3
import stat

import sqlite_utils

from newsctl.archive import open_archive
from newsctl.models import Article
from newsctl.schema import SEARCH_INDEX_TRIGGERS, migrations
from tests.conftest import rows


def test_blank_file_migrates_to_the_expected_schema(tmp_path):
    path = tmp_path / "new" / "archive.db"
    with open_archive(path):
        pass
    db = sqlite_utils.Database(path)
    assert {
        "authors",
        "articles",
        "article_authors",
        "article_versions",
        "deleted_articles",
        "renamed_labels",
        "subscriptions",
        "tags",
        "article_tags",
        "articles_fts",
        "_sqlite_migrations",
    } <= set(db.table_names())
    assert set(db.view_names()) == {"news"}
    # The index is declared over articles, so sqlite-utils (and Datasette) find it.
    assert db["articles"].detect_fts() == "articles_fts"
    assert set(db["articles"].columns_dict) == {
        "id",
        "title",
        "title_key",
        "body",
        "category",
        "category_key",
        "url",
        "url_key",
        "guid",
        "published_at",
        "added_at",
        "updated_at",
        "source",
        "content_hash",
        "partial",
        "byline",
        "source_hash",
        "guid_without_fragment",
        "credit",
        "title_ngrams",
        "byline_ngrams",
        "body_ngrams",
    }
    assert "AUTOINCREMENT" in db["articles"].schema
    indexes = {index.name: index for index in db["articles"].indexes}
    assert {
        "articles_dated",
        "articles_added",
        "articles_category_dated",
        "articles_title_key",
        "articles_url_key",
        "articles_guid",
        "articles_content_hash",
        "articles_long_display",
    } <= set(indexes)
    assert indexes["articles_url_key"].unique and indexes["articles_guid"].unique
    assert {index.name for index in db["authors"].indexes if index.unique} >= {"authors_name_key"}
    assert {index.name for index in db["tags"].indexes if index.unique} >= {"tags_name_key"}
    assert {t.name for t in db.triggers} == set(SEARCH_INDEX_TRIGGERS)
    assert [m.name for m in migrations.applied(db)] == [
        "m001_initial",
        "m002_batched_fts_sync",
        "m003_keys_coauthors_stable_ids",
        "m004_versions_and_trash",
        "m005_search_any_language_detectable",
        "m006_subscriptions",
        "m007_import_log",
        "m008_news_view",
        "m009_source_hash_and_curated_bios",
        "m010_import_warnings",
        "m011_url_keys_fold_page_copies",
        "m012_url_keys_without_channel_and_session_params",
        "m013_guids_stored_without_fragments",
        "m014_credits",
    ]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {fk.other_table for fk in db["article_authors"].foreign_keys} == {"articles", "authors"}


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "archive.db"
    for _ in range(3):
        with open_archive(path) as archive:
            archive.save([Article(title=f"t{archive.count_articles()}")])
    db = sqlite_utils.Database(path)
    assert rows(db, "SELECT count(*) AS n FROM _sqlite_migrations")[0]["n"] == len(
        migrations.pending(sqlite_utils.Database(memory=True))
    )
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


def index_agrees_with_articles(archive) -> bool:
    """FTS5's own check (with rank 1 it compares the index with the text it indexes)."""
    try:
        archive.db.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
        )
    except sqlite3.DatabaseError:
        return False
    return True


def found(archive, query: str) -> list[str]:
    return [hit.article.title for hit in archive.search(query).hits]


def test_full_text_index_follows_every_change(tmp_path):
    path = tmp_path / "archive.db"
    with open_archive(path) as archive:
        archive.save(
            [
                Article(
                    title="Otters return",
                    body="Otters seen in the river.",
                    authors=("Kim Ode", "Lou Pike"),
                    url="https://x.example/otters",
                ),
                Article(title="Herons nest", body="Herons by the weir.", authors=("Kim Ode",)),
            ]
        )
        assert index_agrees_with_articles(archive)
        assert found(archive, "otters") == ["Otters return"]
        assert found(archive, "pike") == ["Otters return"]  # every author is indexed
        assert sorted(found(archive, "ode")) == ["Herons nest", "Otters return"]

        # An update through the archive: new title, body and byline.
        archive.save(
            [
                Article(
                    title="Beavers return",
                    body="Beavers dam the river.",
                    authors=("Ria Sand",),
                    url="https://x.example/otters",
                )
            ]
        )
        assert found(archive, "otters") == [] and found(archive, "pike") == []
        assert found(archive, "beavers") == ["Beavers return"]
        assert found(archive, "sand") == ["Beavers return"]
        assert index_agrees_with_articles(archive)

        # Changes made with plain SQL, as another tool would: the triggers keep step.
        with archive.write():
            archive.db.execute("UPDATE articles SET body = 'Egrets by the weir.' WHERE id = 2")
            archive.db.execute("UPDATE authors SET name = 'Kim Odegaard' WHERE name = 'Kim Ode'")
        assert found(archive, "egrets") == ["Herons nest"] and found(archive, "weir") == [
            "Herons nest"
        ]
        assert found(archive, "herons") == ["Herons nest"]  # still in the title
        assert found(archive, "odegaard") == ["Herons nest"] and found(archive, "ode") == []
        with archive.write():
            archive.db.execute("DELETE FROM article_authors WHERE article_id = 2")
        assert found(archive, "odegaard") == []
        assert index_agrees_with_articles(archive)

        with archive.write():
            archive.db.execute("DELETE FROM article_tags")
            archive.db.execute("DELETE FROM article_authors")
            archive.db.execute("DELETE FROM articles WHERE id = 1")
        assert found(archive, "beavers") == [] and found(archive, "egrets") == ["Herons nest"]
        assert index_agrees_with_articles(archive)


def test_the_index_check_sees_an_index_out_of_step(tmp_path):
    with open_archive(tmp_path / "archive.db") as archive:
        archive.save([Article(title="Otters return", body="Otters seen.")])
        with archive.write():
            archive.db.execute("DROP TRIGGER articles_fts_update")
            archive.db.execute("UPDATE articles SET body = 'Something else entirely.'")
        assert not index_agrees_with_articles(archive)
