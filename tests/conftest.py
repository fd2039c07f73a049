"""Shared fixtures: a fresh archive file per test, running the CLI, reading what was stored."""

import os
from pathlib import Path

import pytest
import sqlite_utils
from typer.testing import CliRunner

from newsctl.cli import app

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE_DATA = PROJECT / "sample_data"
# The user's own documents live beside the project; tests that read them skip when absent.
SHARED = Path(os.environ.get("NEWSCTL_SHARED", PROJECT.parent / "shared"))
SEED_PAGE = SHARED / "seeds" / "000_b74d758e59cbe4ff.txt"


@pytest.fixture(autouse=True)
def archive_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NEWSCTL_DB at a fresh file, and give Rich a wide, colourless terminal."""
    path = tmp_path / "archive.db"
    monkeypatch.setenv("NEWSCTL_DB", str(path))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    return path


class Run:
    """Runs the real CLI in-process and returns click's Result (stdout, stderr, exit_code)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, expect: int | None = 0):
        result = self.runner.invoke(app, [str(arg) for arg in args], input=input)
        if expect is not None:
            assert result.exit_code == expect, (
                f"exit {result.exit_code}, expected {expect}\nstdout: {result.stdout}\n"
                f"stderr: {result.stderr}\n{result.exception!r}"
            )
        return result


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def db(archive_path: Path):
    """The archive opened directly with sqlite-utils, for asserting what was stored."""

    def open_db() -> sqlite_utils.Database:
        return sqlite_utils.Database(archive_path)

    return open_db


def rows(database: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    return list(database.query(sql, params))


def article_rows(database: sqlite_utils.Database) -> list[dict]:
    """Every stored article by id, with its lead author's name and bio, all its authors
    ("A; B", in byline order) and its tags ("x,y", sorted)."""
    return rows(
        database,
        """SELECT a.*, au.name AS author, au.bio AS author_bio,
                  (SELECT group_concat(name, '; ') FROM
                     (SELECT p.name FROM article_authors l JOIN authors p ON p.id = l.author_id
                      WHERE l.article_id = a.id ORDER BY l.position)) AS authors,
                  (SELECT group_concat(t.name, ',') FROM
                     (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
                      WHERE x.article_id = a.id ORDER BY t.name) t) AS tags
           FROM articles a
           LEFT JOIN article_authors lead ON lead.article_id = a.id AND lead.position = 0
           LEFT JOIN authors au ON au.id = lead.author_id ORDER BY a.id""",
    )


def assert_one_error_line(result, *fragments: str) -> None:
    """A user error: exactly one line on stderr mentioning each fragment, and no traceback."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment.lower() in lines[0].lower(), lines[0]
    assert "Traceback" not in result.stdout + result.stderr
