"""Upgrades: an archive written by the first schema opens, migrates and loses nothing."""

import json
import shutil

import sqlite_utils

from newsctl.schema import migrations
from tests.conftest import article_rows, rows

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def test_first_schema_archive_upgrades_in_place(run, tmp_path):
    archive = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-v1.db", archive)
    before = article_rows(sqlite_utils.Database(archive))
    assert [m.name for m in migrations.applied(sqlite_utils.Database(archive))] == ["m001_initial"]

    listed = json.loads(run("--db", archive, "list", "--json").stdout)
    db = sqlite_utils.Database(archive)
    assert [m.name for m in migrations.applied(db)] == [
        m.name for m in migrations.pending(sqlite_utils.Database(":memory:"))
    ]
    assert article_rows(db) == before  # every field of every article, untouched
    assert {item["title"] for item in listed} == {row["title"] for row in before}
    assert rows(db, "SELECT name, bio FROM authors ORDER BY id") == [
        {"name": "Marta Olsen", "bio": "Marta covers transport and housing."},
        {"name": "Idris Achebe", "bio": None},
    ]
    # The old search index still answers, and the upgraded archive indexes new articles.
    assert [
        h["title"] for h in json.loads(run("--db", archive, "search", "seals", "--json").stdout)
    ] == ["Seals on the sandbank"]
    run("--db", archive, "add", "--title", "Lighthouse repainted", "--body", "Red and white again.")
    assert json.loads(run("--db", archive, "search", "lighthouse", "--json").stdout)[0]["id"] == 4
    # Known articles are recognised: same url (with tracking), and the teaser is upgraded.
    body = "The winter timetable starts on Monday."
    url = "https://gazette.example/ferry"
    title = "Ferry timetable changes"
    again = run(
        "--db", archive, "add", "--title", title, "--url", url, "--body", body, "-a", "Marta Olsen"
    )
    assert "Already stored as article 1" in again.stdout
    full = run("--db", archive, "add", "--title", "Harbour dues vote", "--body", "The full story.")
    assert "Updated article 3" in full.stdout
    assert "healthy" in run("--db", archive, "check").stdout


def test_reopening_the_upgraded_archive_migrates_nothing_more(run, tmp_path):
    archive = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-v1.db", archive)
    run("--db", archive, "list")
    applied = [(m.name, m.applied_at) for m in migrations.applied(sqlite_utils.Database(archive))]
    run("--db", archive, "list")
    assert [
        (m.name, m.applied_at) for m in migrations.applied(sqlite_utils.Database(archive))
    ] == applied
