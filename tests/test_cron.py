"""Cron life: the import log, unchanged files skipped, a rejects file that grows, a notice
while waiting for another writer."""

import json
import subprocess
import sys
import time

import sqlite_utils

from tests.conftest import SAMPLE_DATA, article_rows


def recipe(run, folder, rejects, *extra):
    """The README's cron line: import --quiet --rejects FILE FOLDER."""
    return run("import", "--quiet", "--rejects", rejects, folder, *extra, expect=None)


def test_the_cron_recipe_run_again_and_again(run, db, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "good.jsonl").write_text('{"title": "Ferry late"}\n{"title": "Quay"}\n', "utf-8")
    (folder / "bad.jsonl").write_text('{"title": "Pier"}\n{"body": "no title"}\n', "utf-8")
    rejects = tmp_path / "rejects.jsonl"
    first = recipe(run, folder, rejects)
    assert first.exit_code == 1 and first.stdout == ""
    assert len(article_rows(db())) == 3
    second = recipe(run, folder, rejects)  # ten minutes later, nothing new
    assert (second.exit_code, second.stdout, second.stderr) == (0, "", "")
    assert len(rejects.read_text("utf-8").splitlines()) == 1  # kept, not emptied
    (folder / "later.jsonl").write_text('{"headline": ""}\n', "utf-8")
    third = recipe(run, folder, rejects)
    assert third.exit_code == 1 and "later.jsonl:line 1" in third.stderr
    lines = [json.loads(line) for line in rejects.read_text("utf-8").splitlines()]
    assert [line["_source"].rsplit("/", 1)[-1] for line in lines] == ["bad.jsonl", "later.jsonl"]
    assert lines[0]["_run_at"] <= lines[1]["_run_at"]  # each line says which run it is from
    # A changed file is read again; --again reads unchanged ones too.
    (folder / "good.jsonl").write_text('{"title": "Ferry late", "body": "An hour."}\n', "utf-8")
    changed = json.loads(run("import", folder, "--json", expect=None).stdout)
    assert (changed["files"], changed["unchanged_files"], changed["added"]) == (1, 2, 1)
    again = json.loads(run("import", folder, "--json", "--again", expect=1).stdout)
    assert (again["files"], again["unchanged_files"]) == (3, 0)


def test_the_import_log(run, tmp_path):
    run("import", SAMPLE_DATA)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"body": "no title"}\n', "utf-8")
    run("import", bad, expect=1)
    run("import", SAMPLE_DATA)
    runs = json.loads(run("imports", "--json").stdout)
    assert [r["exit_status"] for r in runs] == [0, 1, 0]
    assert runs[2]["added"] == 15 and runs[2]["files"] == 11
    assert runs[1]["rejected"] == 1 and runs[1]["rejects"][0]["reason"] == "no title"
    assert (runs[0]["files"], runs[0]["unchanged_files"]) == (0, 11)
    assert all(r["finished_at"] >= r["started_at"] for r in runs)
    table = run("imports", "-n", "2").stdout
    assert "Run" in table and "Skipped" in table and len(table.splitlines()) == 4
    assert json.loads(run("imports", "--json", "-n", "1").stdout)[0]["id"] == runs[0]["id"]


def test_values_left_out_under_quiet_are_kept_in_the_import_log(run, db, tmp_path):
    # --quiet prints no warnings; the log still says which dates were left out, and why.
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "feed.xml").write_text(
        """<rss version="2.0"><channel><title>T</title><link>https://z.example/</link>
        <item><title>Odd zone</title><link>https://z.example/1</link><description>x</description>
        <pubDate>Thu, 30 Apr 2015 08:57:00 XYZ</pubDate></item></channel></rss>""",
        "utf-8",
    )
    quiet = recipe(run, folder, tmp_path / "rejects.jsonl")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    assert [row["published_at"] for row in article_rows(db())] == [None]
    [logged] = json.loads(run("imports", "--json").stdout)
    [warning] = logged["warnings"]
    assert warning["location"] == "entry 1" and "unknown time zone 'XYZ'" in warning["message"]
    assert "Warnings" in run("imports").stdout


HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def test_a_long_wait_for_another_writer_is_said_on_a_terminal(run, archive_path, monkeypatch):
    run("add", "--title", "First")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(archive_path), "3.5"],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout.readline().strip() == "locked"
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich treats stderr as a terminal
    started = time.monotonic()
    result = run("add", "--title", "Second")
    assert time.monotonic() - started > 2  # it did wait for the lock ...
    assert "waiting for another newsctl process" in result.stderr  # ... and said so
    holder.wait(timeout=30)
    # Under cron (no terminal) the same wait says nothing.
    monkeypatch.delenv("FORCE_COLOR")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(archive_path), "2.5"],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert holder.stdout.readline().strip() == "locked"
    quiet = run("add", "--title", "Third")
    assert quiet.stderr == ""
    holder.wait(timeout=30)
    titles = [row["title"] for row in article_rows(sqlite_utils.Database(archive_path))]
    assert titles == ["First", "Second", "Third"]
