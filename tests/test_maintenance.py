"""newsctl check (and --repair) and newsctl backup."""

import json
import os
import sqlite3
import stat

import sqlite_utils

from tests.conftest import SAMPLE_DATA, assert_one_error_line
from tests.test_processes import newsctl, stored, wait_for_rows, write_articles


def test_check_reports_a_healthy_archive(run):
    run("import", SAMPLE_DATA)
    result = run("check")
    assert "The archive is healthy" in result.stdout
    assert json.loads(run("check", "--json").stdout)["ok"] is True


def test_check_finds_a_damaged_search_index_and_repair_fixes_it(run, archive_path):
    run("import", SAMPLE_DATA)
    connection = sqlite3.connect(archive_path)
    # Change an article behind the index's back, as a tool unaware of it would.
    connection.execute("DROP TRIGGER articles_fts_update")
    connection.execute("UPDATE articles SET body = 'otters otters otters' WHERE id = 1")
    connection.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, author_id ON articles "
        "BEGIN SELECT 1; END"
    )
    connection.commit()
    connection.close()
    damaged = run("check", expect=1)
    assert "search index does not match the articles" in damaged.stdout
    assert json.loads(run("check", "--json", expect=1).stdout)["ok"] is False
    assert run("search", "otters", "--json").stdout.strip() == "[]"  # the index missed the change

    repaired = run("check", "--repair")
    assert "rebuilt the search index" in repaired.stdout and "healthy" in repaired.stdout
    assert json.loads(run("search", "otters", "--json").stdout)[0]["id"] == 1
    assert "healthy" in run("check").stdout


def test_check_finds_missing_triggers_and_stale_markers(run, archive_path):
    run("add", "--title", "One")
    connection = sqlite3.connect(archive_path)
    connection.execute("DROP TRIGGER articles_fts_delete")
    connection.execute("INSERT INTO fts_sync_deferred (batch) VALUES (1)")
    connection.commit()
    connection.close()
    out = run("check", expect=1).stdout
    assert "trigger articles_fts_delete is missing" in out
    assert "stale batch marker" in out
    repaired = run("check", "--repair", expect=1).stdout  # the marker goes; the trigger cannot
    assert "stale batch marker" not in repaired and "articles_fts_delete" in repaired


def test_backup_is_a_private_consistent_copy(run, tmp_path):
    run("import", SAMPLE_DATA)
    destination = tmp_path / "backups" / "news.db"
    destination.parent.mkdir()
    result = run("backup", destination)
    assert f"Backed up 19 articles to {destination}" in result.stdout
    assert stat.S_IMODE(os.stat(destination).st_mode) == 0o600
    copy = sqlite_utils.Database(destination)
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 19
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert json.loads(run("--db", destination, "search", "tide mill", "--json").stdout)
    assert_one_error_line(run("backup", destination, expect=2), "already exists", "--force")
    run("backup", destination, "--force")
    assert [p.name for p in destination.parent.iterdir()] == ["news.db"]


def test_backup_during_imports_holds_everything_committed_before_it(tmp_path):
    db = tmp_path / "archive.db"
    source = write_articles(tmp_path / "big.jsonl", "big", 8000)
    importer = newsctl(db, "import", str(source), "--batch-size", "200")
    wait_for_rows(db, 1000, importer)
    with sqlite3.connect(db) as reader:
        committed = {row[0] for row in reader.execute("SELECT url_key FROM articles")}
    backup = newsctl(db, "backup", str(tmp_path / "copy.db"))
    _, err = backup.communicate(timeout=120)
    assert backup.returncode == 0, err
    _, err = importer.communicate(timeout=300)
    assert importer.returncode == 0, err
    copy = stored(tmp_path / "copy.db")  # integrity and search index checked inside
    assert copy["integrity"] == "ok" and copy["articles"] >= len(committed)
    with sqlite3.connect(tmp_path / "copy.db") as restored:
        in_copy = {row[0] for row in restored.execute("SELECT url_key FROM articles")}
    assert committed <= in_copy
    assert stored(db)["articles"] == 8000


def test_backup_and_export_into_a_missing_folder_are_usage_errors(run, tmp_path):
    run("add", "--title", "One")
    missing = tmp_path / "no" / "such" / "folder"
    assert_one_error_line(run("backup", missing / "copy.db", expect=2), "cannot write in")
    assert_one_error_line(run("export", "-o", missing / "out.jsonl", expect=2), "cannot write in")
    assert not (tmp_path / "no").exists()
