"""Output for people and for other programs: --format, tables in pipes, dates in the local
time zone, colour, export formats from file names."""

import csv
import io
import json

import pytest

from tests.conftest import SAMPLE_DATA


@pytest.fixture
def archive(run):
    run("import", SAMPLE_DATA)
    return run


def test_formats_parse_back(archive):
    listed = json.loads(archive("list", "--json", "-n", "5").stdout)
    ids = [item["id"] for item in listed]
    assert archive("list", "--format", "ids", "-n", "5").stdout.split() == [str(i) for i in ids]
    lines = archive("list", "--format", "jsonl", "-n", "5").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ids
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        text = archive("list", "--format", fmt, "-n", "5").stdout
        rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
        assert [int(row["id"]) for row in rows] == ids
        assert [row["title"] for row in rows] == [item["title"] for item in listed]
        assert [row["authors"] for row in rows] == ["; ".join(i["authors"]) for i in listed]
    authors = list(csv.DictReader(io.StringIO(archive("authors", "--format", "csv").stdout)))
    assert {row["name"] for row in authors} >= {"Marta Olsen", "Idris Achebe"}
    tags = [
        json.loads(line)["name"]
        for line in archive("tags", "--format", "jsonl").stdout.splitlines()
    ]
    assert "transport" in tags
    found = archive("search", "harbour", "--format", "csv").stdout
    hits = list(csv.DictReader(io.StringIO(found)))
    assert hits and all(row["snippet"] for row in hits) and "harbour" in found.lower()
    assert archive("search", "harbour", "--format", "ids").stdout.split() == [r["id"] for r in hits]
    recent = json.loads(archive("recent", "--format", "json", "-n", "2").stdout)
    assert len(recent) == 2 and "age" in recent[0]
    assert "unknown format 'xml'" in archive("list", "--format", "xml", expect=2).stderr
    assert "not both" in archive("list", "--json", "--format", "csv", expect=2).stderr


def test_piped_tables_keep_each_row_on_one_line(archive, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    table = archive("list", "-n", "50").stdout.splitlines()
    listed = json.loads(archive("list", "--json", "-n", "50").stdout)
    for item in listed:  # grep finds each id on the line of its whole title
        [line] = [row for row in table if item["title"] in row]
        assert line.split()[0] == str(item["id"])


def test_dates_in_the_local_time_zone_unless_utc(run, monkeypatch):
    run("add", "--title", "Late story", "--published", "2024-04-30T23:30:00Z")
    monkeypatch.setenv("TZ", "Europe/Berlin")
    shown = run("show", "1").stdout
    assert "published 2024-05-01 01:30 CEST" in shown
    assert "2024-05-01" in run("list").stdout
    assert "published 2024-04-30 23:30 UTC" in run("show", "1", "--utc").stdout
    assert "2024-04-30" in run("--utc", "list").stdout
    assert json.loads(run("show", "1", "--json").stdout)["published_at"] == "2024-04-30T23:30:00Z"


def test_colour_always_and_never(archive, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in archive("list", "-n", "2").stdout  # piped: no colour
    assert "\x1b[" in archive("list", "-n", "2", "--color", "always").stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" not in archive("--color", "never", "list", "-n", "2").stdout
    assert "not auto, always or never" in archive("list", "--color", "red", expect=2).stderr


def test_export_takes_its_format_from_the_file_name(archive, tmp_path):
    archive("export", "-o", tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("id,title,")
    archive("export", "-o", tmp_path / "out.md")
    assert (tmp_path / "out.md").read_text(encoding="utf-8").startswith("# ")
    mismatch = archive("export", "-o", tmp_path / "x.csv", "--format", "json", expect=2)
    assert "does not match" in mismatch.stderr and not (tmp_path / "x.csv").exists()
    assert "give --format" in archive("export", "-o", tmp_path / "x.txt", expect=2).stderr
    archive("export", "-o", tmp_path / "x.txt", "--format", "jsonl")
    assert json.loads((tmp_path / "x.txt").read_text(encoding="utf-8").splitlines()[0])["title"]


def test_long_output_on_a_terminal_goes_through_the_pager(archive, monkeypatch, tmp_path):
    paged = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > {paged}\n", "utf-8")
    pager.chmod(0o755)
    monkeypatch.setenv("PAGER", str(pager))
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich treats stdout as a terminal
    monkeypatch.setenv("LINES", "10")
    shown = archive("list", "-n", "30")
    assert shown.stdout == "" and "Night Ferry to Gull Island" in paged.read_text("utf-8")
    monkeypatch.setenv("NEWSCTL_PAGER", f"{pager} --own")  # newsctl's own setting first
    paged.unlink()
    archive("show", "1")
    assert "Harbour Wall Repairs" in paged.read_text("utf-8")
    paged.unlink()
    direct = archive("list", "-n", "30", "--no-pager")
    assert "Night Ferry" in direct.stdout and not paged.exists()
    short = archive("list", "-n", "2")  # fits the screen: printed
    assert "ID" in short.stdout and not paged.exists()
    monkeypatch.delenv("FORCE_COLOR")
    piped = archive("list", "-n", "30")  # not a terminal: never paged
    assert "Night Ferry" in piped.stdout and not paged.exists()
