"""newsctl import and export: every format, idempotency, updates, teasers, rejects, strict,
dry runs and the export round trip."""

import csv
import gzip
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_DATA, article_rows, assert_one_error_line, rows


def summary(result) -> dict:
    return json.loads(result.stdout)


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def test_import_sample_data_reads_every_format(run, db):
    result = summary(run("import", SAMPLE_DATA, "--json"))
    assert result["files"] == 11
    assert set(result["by_format"]) == {"page", "json", "jsonl", "csv", "html", "feed"}
    assert result["by_format"]["feed"]["added"] == 5
    assert result["by_format"]["csv"]["added"] == 3
    assert result["by_format"]["jsonl"]["added"] == 3
    assert result["by_format"]["html"]["added"] == 1
    assert result["rejected"] == 0
    stored = {row["title"]: row for row in article_rows(db())}
    assert len(stored) == result["added"] + result["partial"]
    mill = stored["Tide Mill Turns Again After Restoration"]
    assert mill["author"] == "Tomás Eriksen" and mill["category"] == "Culture"
    assert mill["url"] == "https://gazette.example/culture/tide-mill-restored"
    assert mill["published_at"].startswith("2026-11-21")
    assert mill["body"].startswith("For the first time in almost a century")
    assert "Related stories" not in mill["body"] and "Privacy" not in mill["body"]
    choir = stored["Choir Seeks New Voices for Spring Concert"]
    assert choir["tags"] == "music" and choir["published_at"] == "2026-11-17T00:00:00Z"
    letter = stored["Letter: More Benches on the Harbour Front, Please"]
    assert letter["body"].startswith("Now that the harbour wall")  # the "text" alias


def test_feed_bodies_are_plain_text(run, db):
    run("import", SAMPLE_DATA / "feeds")
    stored = {row["title"]: row for row in article_rows(db())}
    wall = stored["Harbour Wall Repairs Finish Ahead of Schedule"]
    assert "<p>" not in wall["body"] and "&ndash;" not in wall["body"]
    assert "closed – and said the £1.2m project" in wall["body"]
    assert wall["body"].count("\n\n") == 2  # three paragraphs
    assert wall["category"] == "Local News" and wall["tags"] == "harbour"
    assert wall["published_at"] == "2026-11-06T08:15:00Z"
    assert stored["Bakery on Quay Street Wins Regional Bread Award"]["author"] == "Aiko Tanaka-Reid"
    seals = stored["Seals Return to the Estuary & Stay for the Winter"]  # double-escaped title
    assert seals["published_at"] == "2026-11-20T15:20:00Z"
    assert seals["body"].startswith("A colony of grey seals")  # Atom xhtml content
    buoy = stored["Wind Survey Buoy Anchored Off Kettle Point"]
    assert "Brightfield Cooperative after" in buoy["body"] and "<em>" not in buoy["body"]


def test_reimporting_adds_nothing_and_keeps_ids(run, db):
    first = summary(run("import", SAMPLE_DATA, "--json"))
    before = {row["id"]: row["title"] for row in article_rows(db())}
    second = summary(run("import", SAMPLE_DATA, "--json", "--again"))
    assert second["added"] == second["updated"] == second["partial"] == 0
    assert (
        second["unchanged"]
        == first["added"] + first["updated"] + first["unchanged"] + first["partial"]
    )
    assert {row["id"]: row["title"] for row in article_rows(db())} == before


def test_changed_article_updates_in_place_unless_no_update(run, db, tmp_path):
    record = {
        "title": "Tide tables",
        "url": "https://x.example/tides?utm_campaign=a",
        "body": "Old.",
    }
    source = write_jsonl(tmp_path / "a.jsonl", [record])
    run("import", source)
    write_jsonl(source, [{**record, "url": "https://x.example/tides/", "body": "New text."}])
    kept = summary(run("import", source, "--no-update", "--json"))
    assert kept["unchanged"] == 1 and article_rows(db())[0]["body"] == "Old."
    changed = summary(run("import", source, "--json"))
    assert changed["updated"] == 1
    [stored] = article_rows(db())
    assert stored["body"] == "New text." and stored["id"] == 1


def test_recent_posts_become_teasers_until_the_full_article_arrives(run, db, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SAMPLE_DATA / "pages" / "harbor-ferry.txt", pages)
    saved = summary(run("import", pages, "--saved-at", "2026-11-20T12:00:00Z", "--json"))
    assert (saved["added"], saved["partial"]) == (1, 3)
    teasers = {row["title"]: row for row in article_rows(db()) if row["partial"]}
    solar = teasers["Solar Farm Opens on the Old Airfield"]
    assert solar["published_at"] == "2026-11-17T12:00:00Z"  # "3 days ago" before the save
    assert solar["body"].endswith("…")
    assert "(teaser)" in run("list").stdout
    assert "Only a teaser is stored" in run("show", solar["id"]).stdout
    assert json.loads(run("show", solar["id"], "--json").stdout)["partial"] is True
    assert "(teaser)" in run("recent").stdout

    upgraded = summary(run("import", SAMPLE_DATA / "pages" / "solar-farm.txt", "--json"))
    assert upgraded["updated"] == 1
    [full] = [row for row in article_rows(db()) if row["title"] == solar["title"]]
    assert full["id"] == solar["id"] and not full["partial"]
    assert full["author"] == "Idris Achebe" and full["body"].startswith("The county's largest")
    assert full["source"].endswith("solar-farm.txt")
    # The same page again: its teasers do not come back over the full article.
    again = summary(run("import", pages, "--json", "--again"))
    assert again["unchanged"] == 4 and again["partial"] == 0


def test_no_recent_skips_teasers(run, db):
    result = summary(
        run("import", SAMPLE_DATA / "pages" / "harbor-ferry.txt", "--no-recent", "--json")
    )
    assert (result["added"], result["partial"]) == (1, 0)
    assert len(article_rows(db())) == 1


def test_teasers_are_dated_from_the_file_time(run, db, tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(SAMPLE_DATA / "pages" / "library-night.txt", page)
    saved = 1_760_000_000  # 2025-10-09T08:53:20Z
    os.utime(page, (saved, saved))
    run("import", page)
    dates = {row["title"]: row["published_at"] for row in article_rows(db()) if row["partial"]}
    assert dates["Night Ferry to Gull Island Returns After Six Years"] == "2025-10-07T08:53:20Z"


def test_bad_records_are_skipped_reported_and_kept_for_fixing(run, db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(
        folder / "mixed.jsonl",
        [
            {"title": "Good one", "body": "x"},
            "{not json",
            {"body": "no title"},
            {"title": "Bad date", "published": "tomorrow-ish"},
            {"title": "Good two"},
        ],
    )
    (folder / "rows.csv").write_text("title,body\nCSV good,b\n,missing title\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x00\x00binary")
    (folder / "notes.md").write_text("not an importable extension", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    result = run("import", folder, "--rejects", rejects, "--json", expect=1)
    data = summary(result)
    assert (data["added"], data["rejected"], data["files"]) == (3, 5, 3)
    assert sorted(row["title"] for row in article_rows(db())) == [
        "CSV good",
        "Good one",
        "Good two",
    ]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5
    assert any("mixed.jsonl:line 2: invalid JSON" in line for line in errors)
    assert any("mixed.jsonl:line 3: no title" in line for line in errors)
    assert any("mixed.jsonl:line 4: published_at: not a date" in line for line in errors)
    assert any("rows.csv:line 3: no title" in line for line in errors)
    assert any("image.txt: binary file" in line for line in errors)
    kept = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    reasons = {(Path(entry["_source"]).name, entry["_location"]): entry for entry in kept}
    assert len(reasons) == 5
    assert reasons[("mixed.jsonl", "line 2")]["_raw"] == "{not json"
    assert (
        reasons[("mixed.jsonl", "line 3")].pop("_run_at")
        <= json.loads(run("imports", "--json").stdout)[0]["finished_at"]
    )
    assert reasons[("mixed.jsonl", "line 3")] == {
        "body": "no title",
        "_reason": "no title",
        "_source": str(folder / "mixed.jsonl"),
        "_location": "line 3",
    }
    assert reasons[("rows.csv", "line 3")]["body"] == "missing title"
    assert reasons[("image.txt", "")]["_reason"] == "binary file, not text"
    # Fix the rejected records in the rejects file and import it as is.
    fixed = [{**entry, "title": entry.get("title") or "Fixed title"} for entry in kept]
    fixed = [entry for entry in fixed if "body" in entry]  # the two records missing a title
    write_jsonl(rejects, fixed)
    again = summary(run("import", rejects, "--json"))
    assert again["added"] == 2 and again["rejected"] == 0


def test_strict_stores_nothing_when_a_record_is_bad(run, db, tmp_path, archive_path):
    run("add", "--title", "Already here")
    source = write_jsonl(
        tmp_path / "a.jsonl", [{"title": f"Good {n}"} for n in range(1200)] + ["{broken"]
    )
    result = run("import", source, "--strict", expect=1)
    assert_one_error_line(result, "a.jsonl:line 1201", "nothing was imported")
    assert [row["title"] for row in article_rows(db())] == ["Already here"]


def test_dry_run_reports_and_writes_nothing(run, db):
    run("add", "--title", "Already here")
    result = summary(run("import", SAMPLE_DATA, "--dry-run", "--json"))
    assert result["dry_run"] is True and result["added"] == 15
    assert [row["title"] for row in article_rows(db())] == ["Already here"]
    table = run("import", SAMPLE_DATA, "--dry-run").stdout
    assert "Dry run: nothing was written" in table


def test_import_from_stdin_and_forced_format(run, db):
    records = '{"title": "One", "body": "a"}\n{"title": "Two", "body": "b"}\n'
    result = summary(run("import", "-", "--json", input=records))
    assert result["by_format"] == {
        "jsonl": {
            "added": 2,
            "updated": 0,
            "unchanged": 0,
            "partial": 0,
            "merged": 0,
            "skipped": 0,
            "rejected": 0,
        }
    }
    feed = (SAMPLE_DATA / "feeds" / "science-desk.atom").read_text(encoding="utf-8")
    forced = summary(run("import", "-", "--format", "feed", "--json", input=feed))
    assert forced["by_format"]["feed"]["added"] == 2
    assert {row["source"] for row in article_rows(db())} == {"<stdin>"}


def test_compressed_files_are_read(run, db, tmp_path):
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress((SAMPLE_DATA / "html" / "tide-mill.html").read_bytes()))
    (tmp_path / "broken.json.gz").write_bytes(b"\x1f\x8b not really gzip")
    result = summary(run("import", tmp_path, "--json", expect=1))
    assert result["by_format"]["html"]["added"] == 1 and result["rejected"] == 1
    assert article_rows(db())[0]["title"] == "Tide Mill Turns Again After Restoration"


def test_quiet_prints_nothing_on_success_and_errors_on_failure(run, tmp_path):
    assert run("import", SAMPLE_DATA / "records", "--quiet").stdout == ""
    bad = write_jsonl(tmp_path / "bad.jsonl", ["nope"])
    result = run("import", bad, "--quiet", expect=1)
    assert result.stdout == "" and "bad.jsonl:line 1" in result.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["import", "missing-folder"], "no such file or folder"),
        (["import", "-", "--format", "docx"], "unknown format"),
        (["import", "-", "--saved-at", "whenever"], "--saved-at"),
        (["import"], "missing argument"),
        (["export", "--format", "xml"], "unknown format"),
    ],
)
def test_usage_errors_exit_2(run, args, fragment, archive_path):
    assert_one_error_line(run(*args, expect=2), fragment)
    assert not archive_path.exists()


FIELDS = ("title", "body", "author", "author_bio", "category", "tags", "url", "published_at",
          "added_at", "source", "partial")  # fmt: skip


def comparable(database) -> list[tuple]:
    return sorted(tuple(row[name] for name in FIELDS) for row in article_rows(database))


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_export_then_import_gives_back_the_same_archive(run, db, tmp_path, fmt):
    run("import", SAMPLE_DATA)
    run(
        "add",
        "--title",
        "Tags, with commas",
        "--tag",
        "a,b",
        "--tag",
        "[c]",
        "--body",
        "Line 1\n\nLine 2",
    )
    exported = tmp_path / f"export.{fmt}"
    run("export", "--format", fmt, "-o", exported)
    copy = tmp_path / "copy.db"
    summary_of_copy = summary(run("--db", copy, "import", exported, "--json"))
    assert summary_of_copy["rejected"] == 0
    import sqlite_utils

    original, restored = comparable(db()), comparable(sqlite_utils.Database(copy))
    assert len(original) == rows(db(), "SELECT count(*) AS n FROM articles")[0]["n"] >= 20
    for before, after in zip(original, restored, strict=True):
        assert before == after
    authors = "SELECT name, bio FROM authors ORDER BY name"
    assert rows(db(), authors) == rows(sqlite_utils.Database(copy), authors)


def test_export_formats_filters_and_stdout(run, tmp_path):
    run("import", SAMPLE_DATA)
    lines = run("export", "--category", "opinion").stdout.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["category"] == "Opinion" for line in lines)
    assert json.loads(lines[0])["body"]
    data = json.loads(run("export", "--format", "json", "--author", "Marta Olsen").stdout)
    assert {item["title"] for item in data} >= {"Swing Bridge to Close for Three Weeks of Repairs"}
    assert all(item["author_bio"] for item in data if item["author"] == "Marta Olsen")
    table = list(
        csv.DictReader(io.StringIO(run("export", "--format", "csv", "--tag", "letters").stdout))
    )
    assert len(table) == 3 and "body" in table[0]
    markdown = run(
        "export", "--format", "markdown", "--since", "2026-11-24", "--until", "2026-11-24"
    ).stdout
    assert (
        "# Wind Survey Buoy Anchored Off Kettle Point" in markdown and "*Idris Achebe" in markdown
    )
    assert json.loads(run("export", "--format", "json", "--author", "nobody").stdout) == []
    out = tmp_path / "out.md"
    result = run("export", "--format", "markdown", "-o", out)
    count = len(json.loads(run("list", "--json", "-n", "1000").stdout))
    assert f"Exported {count} articles" in result.stderr
    assert out.read_text(encoding="utf-8").count("\n---\n") == count
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_teaser_with_the_url_of_a_stored_article_changes_nothing(run, db, tmp_path):
    stored = {"title": "Full story", "url": "https://x.example/a", "body": "All of it."}
    teaser = {"title": "Other title", "url": "https://x.example/a", "partial": True}
    result = summary(run("import", write_jsonl(tmp_path / "a.jsonl", [stored, teaser]), "--json"))
    assert (result["added"], result["unchanged"], result["rejected"]) == (1, 1, 0)
    assert [row["title"] for row in article_rows(db())] == ["Full story"]


def test_an_update_that_duplicates_a_url_less_article_folds_it_in(run, db, tmp_path):
    page = {"title": "Storm", "author": "Ana", "body": "Final text.", "tags": ["weather"]}
    early = {"title": "Storm", "author": "Ana", "body": "Early text.", "url": "https://x.example/s"}
    run("import", write_jsonl(tmp_path / "a.jsonl", [page, early]))
    assert len(article_rows(db())) == 2
    final = {**early, "body": "Final text."}  # the feed entry now carries the page's text
    result = summary(run("import", write_jsonl(tmp_path / "b.jsonl", [final]), "--json"))
    assert result["updated"] == 1
    [article] = article_rows(db())
    assert (article["body"], article["url"], article["tags"]) == (
        "Final text.",
        early["url"],
        "weather",
    )
    assert "healthy" in run("check").stdout


def test_progress_bar_on_a_terminal_only(run, monkeypatch):
    quiet = run("import", SAMPLE_DATA / "records")
    assert "Importing" not in quiet.stderr and "\x1b[" not in quiet.stdout + quiet.stderr
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich then treats the streams as a terminal
    shown = run("import", SAMPLE_DATA / "records")
    assert "Importing" in shown.stderr and "records" in shown.stderr
    assert "kB" in shown.stderr  # the bar counts the bytes read, so one large file moves it
    assert "Import summary" in shown.stdout


def test_a_rejects_file_inside_the_imported_folder_is_not_imported(run, db, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [{"title": "Good"}, {"body": "no title"}])
    for _ in range(2):  # the second run finds last run's rejects.jsonl in the folder
        result = summary(
            run(
                "import",
                folder,
                "--rejects",
                folder / "rejects.jsonl",
                "--json",
                "--again",
                expect=1,
            )  # fmt: skip
        )
        assert result["files"] == 1 and result["rejected"] == 1
    assert [row["title"] for row in article_rows(db())] == ["Good"]
