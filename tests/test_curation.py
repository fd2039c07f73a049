"""Curating the archive: edit (options, $EDITOR, revert), versions and diffs, the trash,
renaming and merging authors, tags and categories, list filters, stats and open."""

import json
import os
import re
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import article_rows, rows
from tests.test_processes import NEWSCTL, newsctl, stored, write_articles

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<link>https://gazette.example/</link><description>d</description>
<item><title>{title}</title><link>https://gazette.example/storm</link>
<guid isPermaLink="false">storm-1</guid><description>{body}</description>
<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Ana Ruiz</dc:creator>
<category>Weather</category><category>storms</category></item>
</channel></rss>"""


def feed(tmp_path: Path, title: str, body: str) -> Path:
    path = tmp_path / "feed.xml"
    path.write_text(FEED.format(title=title, body=body), encoding="utf-8")
    return path


def as_json(result) -> object:
    return json.loads(result.stdout)


def healthy(run) -> None:
    assert "healthy" in run("check").stdout


@pytest.fixture
def storm(run, tmp_path) -> Path:
    """An article imported from a feed (id 1), then edited by its publisher (version 2)."""
    run("import", feed(tmp_path, "Storm warning", "Gales tonight."))
    run("import", feed(tmp_path, "Storm warning for the coast", "Gales tonight and tomorrow."))
    return tmp_path


# -- edit ----------------------------------------------------------------------------------


def test_edit_with_options_changes_fields_and_keeps_a_version(run, db, storm):
    result = run(
        "edit", "1", "--title", "Storm hits the coast", "--author", "Ana Ruiz",
        "--author", "bo chen", "--add-tag", "Coast", "--remove-tag", "STORMS",
        "--category", "", "--published", "2024-05-01 09:30 CEST",
    )  # fmt: skip
    assert "Updated article 1: Storm hits the coast" in result.stdout
    assert "title" in result.stdout and "authors" in result.stdout
    [row] = article_rows(db())
    assert (row["title"], row["authors"], row["tags"], row["category"]) == (
        "Storm hits the coast", "Ana Ruiz; bo chen", "Coast", None,
    )  # fmt: skip
    assert row["published_at"] == "2024-05-01T07:30:00Z"
    versions = as_json(run("history", "1", "--json"))
    assert [(v["version"], v["change"], v["current"]) for v in versions] == [
        (1, "added", False), (2, "import", False), (3, "edit", True),
    ]  # fmt: skip
    assert versions[1]["fields"] == ["title", "body"]
    assert set(versions[2]["fields"]) == {"title", "authors", "category", "tags", "published_at"}
    assert as_json(run("search", "chen", "--json"))[0]["id"] == 1  # re-indexed
    healthy(run)


def test_edit_validates_like_an_import_and_changes_nothing_when_refused(run, db, storm):
    before = article_rows(db())
    for args, fragment in (
        (["--url", "/relative/path"], "not an absolute http or https url"),
        (["--published", "05/06/2026"], "ambiguous"),
        (["--title", "  "], "no title"),
    ):
        result = run("edit", "1", *args, expect=2)
        assert fragment in result.stderr and result.stderr.count("\n") == 1
    assert article_rows(db()) == before
    assert "no article with id 9" in run("edit", "9", "--title", "x", expect=3).stderr
    run("add", "--title", "Other", "--url", "https://gazette.example/other")
    clash = run("edit", "1", "--url", "https://gazette.example/other/", expect=2)
    assert "article 2 already has the url" in clash.stderr


def editor_script(tmp_path: Path, body: str) -> str:
    """A small program standing in for $EDITOR: runs `body` (shell) on the file ($1)."""
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_edit_in_the_editor(run, db, storm, monkeypatch, tmp_path):
    seen = tmp_path / "seen.txt"
    monkeypatch.setenv(
        "EDITOR",
        editor_script(
            tmp_path,
            f'cp "$1" {seen}; sed -i "s/tomorrow/all week/; s/^Tags: .*/Tags: gales, coast/" "$1"',
        ),
    )
    monkeypatch.delenv("VISUAL", raising=False)
    result = run("edit", "1")
    shown = seen.read_text(encoding="utf-8")
    assert shown.startswith("Title: Storm warning for the coast\nAuthors: Ana Ruiz\n")
    assert "\n\nGales tonight and tomorrow.\n" in shown
    assert "changed: tags, body" in result.stdout
    [row] = article_rows(db())
    assert (row["body"], row["tags"]) == ("Gales tonight and all week.", "coast,gales")
    # Leaving the text as it was, or emptying it, changes nothing.
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "true"))
    assert "No changes." in run("edit", "1").stdout
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, ': > "$1"'))
    assert "emptied: nothing changed" in run("edit", "1").stdout
    assert article_rows(db())[0]["body"] == "Gales tonight and all week."
    healthy(run)


def test_an_edited_text_that_does_not_parse_is_kept_for_another_try(
    run, db, storm, monkeypatch, tmp_path
):
    monkeypatch.setenv("VISUAL", editor_script(tmp_path, 'sed -i "s/^Title:/Titel:/" "$1"'))
    before = article_rows(db())
    result = run("edit", "1", expect=1)
    assert "line 1" in result.stderr and "Titel" in result.stderr
    kept = Path(result.stderr.split("kept in ")[1].split(":")[0])
    assert kept.read_text(encoding="utf-8").startswith("Titel: ")
    assert article_rows(db()) == before
    kept.write_text(
        kept.read_text(encoding="utf-8").replace("Titel:", "Title:").replace("Gales", "Winds"),
        encoding="utf-8",
    )
    run("edit", "1", "--text-file", kept)
    assert article_rows(db())[0]["body"].startswith("Winds tonight")
    monkeypatch.delenv("VISUAL")
    monkeypatch.delenv("EDITOR", raising=False)
    assert "no editor" in run("edit", "1", expect=2).stderr


def test_history_diff_and_revert(run, db, storm, monkeypatch):
    run("edit", "1", "--body", "Gales tonight; the ferry is cancelled.")
    piped = run("diff", "1").stdout
    assert piped.startswith("--- article 1 version 2\n+++ article 1 version 3\n")
    assert "-Gales tonight and tomorrow.\n+Gales tonight; the ferry is cancelled.\n" in piped
    first = run("diff", "1", "1", "2").stdout
    assert "-Title: Storm warning\n+Title: Storm warning for the coast\n" in first
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    words = run("diff", "1", "1", "3").stdout
    assert re.search("\x1b\\[1;32m *for the coast\x1b\\[0m", words)  # inserted words
    assert re.search("\x1b\\[9;31m *tonight\\.\x1b\\[0m", words)  # deleted: struck through
    assert "Body: \x1b[0mGales " in words  # unchanged words plain
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "version 9" in run("diff", "1", "9", expect=2).stderr
    reverted = run("edit", "1", "--revert", "1")
    assert "Updated article 1: Storm warning" in reverted.stdout
    [row] = article_rows(db())
    assert (row["title"], row["body"]) == ("Storm warning", "Gales tonight.")
    history = as_json(run("history", "1", "--json"))
    assert [v["change"] for v in history] == ["added", "import", "edit", "revert"]
    table = run("history", "1").stdout
    assert "4 (current)" in table and "revert" in table
    healthy(run)


# -- the trash -------------------------------------------------------------------------------


def test_delete_needs_yes_off_a_terminal_and_checks_ids(run, db, storm):
    result = run("delete", "1", expect=2)
    assert "needs --yes" in result.stderr and len(article_rows(db())) == 1
    assert "no article with id 7" in run("delete", "1", "7", "--yes", expect=3).stderr
    assert len(article_rows(db())) == 1  # nothing was deleted


def answer_at_a_terminal(db: Path, answer: bytes, *args: str) -> subprocess.CompletedProcess:
    """Run newsctl with a terminal (a pty) as its input, and type `answer` at its question."""
    main, terminal = os.openpty()
    try:
        process = newsctl(db, *args, stdin=terminal)
        os.write(main, answer)
        out, err = process.communicate(timeout=60)
    finally:
        os.close(main)
        os.close(terminal)
    return subprocess.CompletedProcess(args, process.returncode, out, err)


@pytest.mark.parametrize("answer", [b"n\n", b"\n", b"\x04"], ids=["no", "enter", "ctrl-d"])
def test_delete_at_a_terminal_asks_and_a_no_changes_nothing(archive_path, db, storm, answer):
    declined = answer_at_a_terminal(archive_path, answer, "delete", "1")
    assert "Move 1 article to the trash? [y/N]" in declined.stderr
    assert declined.returncode == 1
    assert "nothing done: deleting 1 article was not confirmed" in declined.stderr
    assert "Traceback" not in declined.stderr and len(article_rows(db())) == 1


def test_delete_and_purge_at_a_terminal_go_on_with_a_yes(archive_path, db, storm):
    deleted = answer_at_a_terminal(archive_path, b"y\n", "delete", "1")
    assert deleted.returncode == 0 and "Moved 1 article to the trash" in deleted.stdout
    assert article_rows(db()) == []
    kept = answer_at_a_terminal(archive_path, b"n\n", "purge")
    assert kept.returncode == 1 and "purging the trash was not confirmed" in kept.stderr
    trashed = "SELECT id FROM deleted_articles WHERE snapshot IS NOT NULL"
    assert len(rows(db(), trashed)) == 1
    purged = answer_at_a_terminal(archive_path, b"y\n", "purge")
    assert purged.returncode == 0 and "Purged 1 article" in purged.stdout
    assert rows(db(), trashed) == []  # purged: only the record that it was deleted is kept


def test_a_trashed_or_purged_id_says_where_the_article_went(run, db, storm):
    run("delete", "1", "--yes")
    for command in (("show", "1"), ("edit", "1", "--title", "X"), ("history", "1")):
        result = run(*command, expect=3)
        assert "article 1 is in the trash; 'newsctl restore 1'" in result.stderr, command
    run("purge", "--yes")
    assert "article 1 was deleted and the trash emptied" in run("show", "1", expect=3).stderr
    assert "no article with id 2" in run("show", "2", expect=3).stderr
    assert article_rows(db()) == []


def test_deleted_articles_stay_deleted_under_cron(tmp_path):
    db = tmp_path / "archive.db"
    source = write_articles(tmp_path / "feed.jsonl", "cron", 30)
    first = newsctl(db, "import", "--quiet", str(source))
    assert first.wait(timeout=120) == 0
    deleting = newsctl(db, "delete", "3", "4", "--yes")
    out, err = deleting.communicate(timeout=60)
    assert deleting.returncode == 0, err
    assert "Moved 2 articles to the trash" in out
    for _ in range(2):  # the cron job runs again, twice
        # --again: the scraper rewrote the file (an unchanged one is not even read).
        again = newsctl(db, "import", "--json", "--again", str(source))
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        counts = json.loads(out)
        assert (counts["added"], counts["skipped"], counts["unchanged"]) == (0, 2, 28)
    assert stored(db)["articles"] == 28
    trash = newsctl(db, "trash", "--json")
    out, _ = trash.communicate(timeout=60)
    assert [item["id"] for item in json.loads(out)] == [4, 3]
    # Purged: gone for good, and still not brought back by imports.
    assert newsctl(db, "purge", "--yes").wait(timeout=60) == 0
    again = newsctl(db, "import", "--json", "--again", str(source))
    out, _ = again.communicate(timeout=120)
    assert json.loads(out)["skipped"] == 2 and stored(db)["articles"] == 28
    # Unless asked: --restore-deleted brings them back.
    back = newsctl(db, "import", "--json", "--again", "--restore-deleted", str(source))
    out, _ = back.communicate(timeout=120)
    assert json.loads(out)["added"] == 2 and stored(db)["articles"] == 30


def test_restore_brings_articles_back_with_their_ids(run, db, storm, tmp_path):
    run("add", "--title", "Quay market", "--tag", "markets", "-a", "Bo Chen")
    before = article_rows(db())
    run("delete", "1", "2", "--yes")
    assert article_rows(db()) == [] and as_json(run("search", "gales", "--json")) == []
    added = run("add", "--title", "Quay market", "-a", "Bo Chen", expect=1)
    assert "article 2, which was deleted" in added.stderr
    assert "not in the trash" in run("restore", "1", "5", expect=3).stderr
    assert article_rows(db()) == []  # nothing was restored
    run("restore", "1", "2")
    after = article_rows(db())
    assert [row["id"] for row in after] == [1, 2]
    for old, new in zip(before, after, strict=True):
        assert {k: v for k, v in old.items() if k != "updated_at"} == {
            k: v for k, v in new.items() if k != "updated_at"
        }
    assert as_json(run("search", "gales", "--json"))[0]["id"] == 1
    assert as_json(run("history", "1", "--json"))[-1]["version"] == 2  # versions kept
    healthy(run)


def test_purge_older_than(run, db, storm):
    run("delete", "1", "--yes")
    with sqlite3.connect(os.environ["NEWSCTL_DB"]) as connection:
        connection.execute("UPDATE deleted_articles SET deleted_at = '2020-01-01T00:00:00Z'")
    run("add", "--title", "Recent", "--body", "b.")
    run("delete", "2", "--yes")
    assert "Purged 1 article" in run("purge", "--older-than", "30d", "--yes").stdout
    assert [item["id"] for item in as_json(run("trash", "--json"))] == [2]
    assert "needs --yes" in run("purge", expect=2).stderr
    assert "not a span" in run("purge", "--older-than", "soon", "--yes", expect=2).stderr
    healthy(run)


# -- authors, tags and categories ---------------------------------------------------------------


def test_tags_and_categories_list_and_rename(run, db, storm, tmp_path):
    run(
        "add",
        "--title",
        "Gale damage",
        "--category",
        "weather",
        "--tag",
        "Storms",
        "--tag",
        "damage",
    )
    tags = {t["name"]: t["articles"] for t in as_json(run("tags", "--json"))}
    assert tags == {"storms": 2, "damage": 1}
    categories = as_json(run("categories", "--json"))
    assert [(c["name"], c["articles"]) for c in categories] == [("Weather", 2)]
    assert "Merged tag 'damage' into 'storms'" in run("tags", "rename", "damage", "STORMS").stdout
    assert [t["name"] for t in as_json(run("tags", "--json"))] == ["storms"]
    run("tags", "rename", "storms", "Storm")
    run("categories", "rename", "WEATHER", "Weather & Climate")
    assert {row["category"] for row in article_rows(db())} == {"Weather & Climate"}
    # The next import of the feed still says "storms" and "Weather": the renames hold.
    result = as_json(
        run(
            "import",
            feed(tmp_path, "Storm warning for the coast", "Gales tonight and tomorrow."),
            "--json",
        )
    )
    assert result["unchanged"] == 1
    assert {row["tags"] for row in article_rows(db())} == {"Storm"}
    assert (
        "no tag named 'strom'; did you mean 'Storm'?"
        in run("tags", "rename", "strom", "x", expect=3).stderr
    )
    assert "Storm" in run("tags").stdout and "Weather & Climate" in run("categories").stdout
    healthy(run)


def test_authors_rename_merge_and_bio(run, db, storm, tmp_path):
    run("add", "--title", "Quay", "-a", "A. Ruiz", "-a", "Bo Chen", "--author-bio", "Short.")
    run(
        "add",
        "--title",
        "Pier",
        "-a",
        "Ana  Ruiz",
        "--author-bio",
        "Ana writes about the coast and its weather.",
    )
    merged = run("authors", "merge", "A. Ruiz", "ana ruiz", "--into", "Ana Ruiz")
    assert "Merged author" in merged.stdout and "Bio not kept" in merged.stderr
    people = {a["name"]: (a["articles"], a["bio"]) for a in as_json(run("authors", "--json"))}
    assert people == {
        "Ana Ruiz": (3, "Ana writes about the coast and its weather."),
        "Bo Chen": (1, None),
    }
    run("authors", "rename", "Ana Ruiz", "Ana María Ruiz")
    assert as_json(run("search", "maría", "--json"))[0]["title"]
    shown = as_json(run("authors", "ANA MARÍA RUIZ", "--json"))
    assert shown["articles"] == 3
    run("authors", "edit", "Ana María Ruiz", "--bio", "Covers the coast.")
    assert as_json(run("authors", "Ana María Ruiz", "--json"))["bio"] == "Covers the coast."
    # The feed still says "Ana Ruiz": the rename holds through the next import.
    run("import", feed(tmp_path, "Storm warning for the coast", "Gales tonight and tomorrow."))
    assert {row["author"] for row in article_rows(db())} == {"Ana María Ruiz"}
    assert "did you mean 'Bo Chen'" in run("authors", "Bo Chan", expect=3).stderr
    assert "did you mean" in run("authors", "rename", "Bo Chan", "B", expect=3).stderr
    # A co-authored article keeps one link when both its authors are merged.
    run("authors", "merge", "Bo Chen", "--into", "Ana María Ruiz")
    quay = [row for row in article_rows(db()) if row["title"] == "Quay"][0]
    assert quay["authors"] == "Ana María Ruiz"
    healthy(run)


# -- finding what to curate ------------------------------------------------------------------


def test_list_filters_for_curation(run, tmp_path):
    records = [
        {"title": "A", "tags": ["x", "y"], "category": "One"},
        {"title": "B", "tags": ["x"], "category": "Two"},
        {"title": "C", "tags": ["y", "z"], "category": "Three"},
        {"title": "D", "author": ["Émile Zola", "Kim Ode"]},
    ]
    source = tmp_path / "r.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run("import", source)

    def titles(*args: str) -> list[str]:
        return sorted(item["title"] for item in as_json(run("list", "--json", *args)))

    assert titles("--tag", "x", "--tag", "Y") == ["A"]
    assert titles("--any-tag", "x", "--any-tag", "z") == ["A", "B", "C"]
    assert titles("--not-tag", "y") == ["B", "D"]
    assert titles("--category", "one", "--category", "THREE") == ["A", "C"]
    assert "did you mean 'Émile Zola'" in run("list", "--author", "emile zola", expect=3).stderr
    assert titles("--author", "ÉMILE ZOLA") == ["D"] and titles("--author", "kim ode") == ["D"]
    missing = run("list", "--tag", "xx", "--category", "Tree", expect=3)
    assert "did you mean" in missing.stderr and missing.stderr.count("\n") == 1


def test_list_says_how_many_matched_on_a_terminal(run, monkeypatch, tmp_path):
    for number in range(5):
        run("add", "--title", f"Article {number}")
    assert "of 5" not in run("list", "-n", "2").stdout  # piped: the table only
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "2 of 5 articles" in run("list", "-n", "2").stdout
    assert "3-4 of 5 articles" in run("list", "-n", "2", "--offset", "2").stdout


def test_stats(run, storm, monkeypatch):
    run(
        "add",
        "--title",
        "Quay",
        "-a",
        "Bo Chen",
        "--category",
        "Harbour",
        "--published",
        "2024-03-02",
    )
    run("delete", "2", "--yes")
    run("add", "--title", "Pier", "-a", "Ana Ruiz", "--published", "2024-02-10")
    figures = as_json(run("stats", "--json"))
    assert figures["totals"]["articles"] == 2 and figures["totals"]["trash"] == 1
    assert figures["totals"]["versions"] == 1  # the feed's first version
    assert figures["authors"] == [{"name": "Ana Ruiz", "articles": 2}]
    assert [m["month"] for m in figures["months"]][0] == "2024-02"
    assert figures["archive_bytes"] > 0 and figures["index_bytes"] > 0
    table = run("stats").stdout
    assert "Articles per month" in table and "█" in table and "search index" in table
    # Piped, the totals stay on one line (a pipe has no width to wrap at).
    monkeypatch.setenv("COLUMNS", "40")
    table = run("stats").stdout
    assert re.search(r"^2 articles .* 1 versions +1 trash\s*$", table, re.MULTILINE), table


def test_open_uses_the_browser(run, storm, monkeypatch, tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(browser))
    run("open", "1")
    assert opened.read_text(encoding="utf-8").strip() == "https://gazette.example/storm"
    run("add", "--title", "No link")
    assert "has no url" in run("open", "2", expect=1).stderr


def test_edits_and_deletes_while_imports_run(tmp_path):
    db = tmp_path / "archive.db"
    assert newsctl(db, "add", "--title", "Kept", "--body", "b.").wait(timeout=60) == 0
    source = write_articles(tmp_path / "big.jsonl", "big", 3000)
    importer = newsctl(db, "import", "--batch-size", "100", "--quiet", str(source))
    env = {**os.environ, "NEWSCTL_DB": str(db)}
    for number in range(5):
        edit = subprocess.run([*NEWSCTL, "edit", "1", "--title", f"Kept {number}"], env=env,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        assert edit.returncode == 0, edit.stderr
    assert importer.wait(timeout=300) == 0
    delete = subprocess.run([*NEWSCTL, "delete", "--tag", "tag1", "--yes"], env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert delete.returncode == 0, delete.stderr
    facts = stored(db)
    assert facts["articles"] == 1 + 3000 - 600 and facts["integrity"] == "ok"
    check = subprocess.run([*NEWSCTL, "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0 and "healthy" in check.stdout
    kept = rows(sqlite_utils.Database(db), "SELECT title FROM articles WHERE id = 1")
    assert kept == [{"title": "Kept 4"}]


# -- what a person curated stays curated ----------------------------------------------------


def test_edits_survive_until_the_publisher_changes_the_entry(run, db, storm, tmp_path):
    run("edit", "1", "--title", "My better title", "--add-tag", "mine", "--category", "Coast")
    # The feed gains another entry (the file changes) but says the same of this one.
    path = feed(tmp_path, "Storm warning for the coast", "Gales tonight and tomorrow.")
    text = path.read_text("utf-8").replace(
        "</channel>",
        "<item><title>Calm</title><link>https://gazette.example/calm</link>"
        "<description>Calm.</description></item></channel>",
    )
    path.write_text(text, "utf-8")
    result = json.loads(run("import", path, "--json").stdout)
    assert (result["added"], result["updated"], result["unchanged"]) == (1, 0, 1)
    storm_row = article_rows(db())[0]
    assert (storm_row["title"], storm_row["category"]) == ("My better title", "Coast")
    assert "mine" in storm_row["tags"]
    # The publisher edits the entry: theirs is the new version, the person's is kept in history.
    path.write_text(text.replace("Gales tonight and tomorrow.", "Gales all week."), "utf-8")
    assert json.loads(run("import", path, "--json").stdout)["updated"] == 1
    assert article_rows(db())[0]["body"] == "Gales all week."
    history = json.loads(run("history", "1", "--json").stdout)
    assert [v["change"] for v in history][-2:] == ["edit", "import"]
    assert "My better title" in run("diff", "1", str(len(history) - 1)).stdout


def test_curated_bios_and_case_renames_hold_through_imports(run, db, tmp_path):
    records = [
        {
            "title": "A",
            "author": "Ana Ruiz",
            "author_bio": "Imported bio.",
            "category": "local news",
        },
        {"title": "B", "author": "Bo Chen", "author_bio": "Bo writes about boats."},
    ]
    source = tmp_path / "r.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    run("import", source)
    run("authors", "edit", "Ana Ruiz", "--bio", "A curated bio.")
    run("categories", "rename", "local news", "Local News")
    run("authors", "merge", "Bo Chen", "--into", "Kim Ode")  # Kim is new: Bo is renamed
    run("import", source, "--again")
    bios = {a["name"]: a["bio"] for a in json.loads(run("authors", "--json").stdout)}
    assert bios == {"Ana Ruiz": "A curated bio.", "Kim Ode": "Bo writes about boats."}
    assert {row["category"] for row in article_rows(db())} == {"Local News", None}
    run("add", "--title", "C", "-a", "Ana Ruiz", "--author-bio", "Another imported bio.")
    assert json.loads(run("authors", "Ana Ruiz", "--json").stdout)["bio"] == "A curated bio."


def test_restore_deleted_reads_files_read_before(run, db, tmp_path):
    source = tmp_path / "r.jsonl"
    source.write_text('{"title": "Kept"}\n{"title": "Gone"}\n', "utf-8")
    run("import", source)
    run("delete", "2", "--yes")
    back = json.loads(run("import", source, "--restore-deleted", "--json").stdout)
    assert back["unchanged_files"] == 0 and [r["id"] for r in article_rows(db())] == [1, 2]


def test_editor_text_with_a_byte_order_mark_and_left_out_lines(run, db, storm, tmp_path):
    text = tmp_path / "edit.txt"
    text.write_text("\ufeffTitle: Storm, edited\n\nNew body.\n", "utf-8")  # only a title line
    run("edit", "1", "--text-file", text)
    [row] = article_rows(db())
    assert (row["title"], row["body"], row["author"]) == ("Storm, edited", "New body.", "Ana Ruiz")
    assert row["category"] == "Weather" and row["url"] == "https://gazette.example/storm"
    text.write_text("Title: Storm, edited\nCategory:\n\nNew body.\n", "utf-8")  # emptied: cleared
    run("edit", "1", "--text-file", text)
    assert article_rows(db())[0]["category"] is None


def test_odd_values_are_one_line_errors(run, storm):
    huge = "99999999999999999999999"
    for args in (["show", huge], ["list", "--limit", huge], ["restore", huge],
                 ["edit", "1", "--revert", "0"]):  # fmt: skip
        result = run(*args, expect=2)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert (
        "already that author"
        in run("authors", "merge", "Ana Ruiz", "--into", "Ana Ruiz", expect=2).stderr
    )
    assert "did you mean 'storms'" in run("list", "--not-tag", "strms", expect=3).stderr
    refused = run("edit", "1", "--author", "Reuters", expect=2)
    assert "not read as a person's name" in refused.stderr
    assert article_rows(sqlite_utils.Database(os.environ["NEWSCTL_DB"]))[0]["author"] == "Ana Ruiz"


def test_days_in_filters_are_the_days_shown(run, monkeypatch):
    run("add", "--title", "Late", "--published", "2026-11-30T23:30:00Z")
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # shown as 2026-12-01 08:30
    assert "2026-12-01" in run("list").stdout
    assert [
        a["title"] for a in json.loads(run("list", "--since", "2026-12-01", "--json").stdout)
    ] == ["Late"]
    assert json.loads(run("list", "--until", "2026-11-30", "--json").stdout) == []
    assert (
        json.loads(run("list", "--until", "2026-11-30", "--utc", "--json").stdout)[0]["title"]
        == "Late"
    )
