"""Faults: a full disk, a read-only archive. newsctl says so in one line, keeps what it had,
and the same command succeeds once the fault is gone."""

import json
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsctl.archive import open_archive
from newsctl.errors import ArchiveError
from newsctl.importer import Importer, ImportOptions
from newsctl.models import Article
from tests.test_processes import newsctl, stored, write_articles


@contextmanager
def small_filesystem(folder: Path, size: str):
    """A real tmpfs of the given size (needs root); the test is skipped where it cannot be made."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


def test_disk_full_in_the_middle_of_an_import(tmp_path):
    source = write_articles(tmp_path / "big.jsonl", "big", 2000)
    path = tmp_path / "archive.db"
    with open_archive(path) as archive:
        archive.save([Article(title="Stored before", body="kept")])
        pages = archive.db.execute("PRAGMA page_count").fetchone()[0]
        # SQLite reports the disk full once the archive would pass this size.
        archive.db.execute(f"PRAGMA max_page_count = {pages + 400}")
        importer = Importer(archive, ImportOptions(batch_size=100))
        with pytest.raises(ArchiveError, match="is full"):
            importer.run([str(source)])
    facts = stored(path)
    assert facts["integrity"] == "ok" and facts["fts_rows"] == facts["articles"]
    assert 1 < facts["articles"] < 2001 and (facts["articles"] - 1) % 100 == 0
    with open_archive(path) as archive:  # a new connection has no page limit: space was freed
        summary = Importer(archive, ImportOptions(batch_size=100)).run([str(source)])
    assert summary.total.added == 2001 - facts["articles"]
    assert stored(path)["articles"] == stored(path)["distinct_urls"] + 1 == 2001


def test_full_file_system_from_the_command_line(tmp_path):
    with small_filesystem(tmp_path / "disk", "3m") as disk:
        db = disk / "archive.db"
        source = write_articles(tmp_path / "big.jsonl", "big", 2000)
        process = newsctl(db, "import", str(source), "--batch-size", "100", "--quiet")
        out, err = process.communicate(timeout=120)
        assert process.returncode == 4
        assert err.count("\n") == 1 and "is full" in err and "Traceback" not in err
        before = stored(db)
        assert before["integrity"] == "ok" and before["articles"] % 100 == 0
        remount(disk, "size=64m")
        rerun = newsctl(db, "import", str(source), "--json")
        out, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        assert json.loads(out)["unchanged"] == before["articles"]
        assert stored(db)["articles"] == 2000


def test_read_only_archive_reads_but_refuses_writes(tmp_path):
    with small_filesystem(tmp_path / "disk", "8m") as disk:
        db = disk / "archive.db"
        process = newsctl(db, "add", "--title", "Stored before", "--body", "kept")
        assert process.wait(timeout=60) == 0
        before = db.read_bytes()
        remount(disk, "ro")
        listing = newsctl(db, "list", "--json")
        out, err = listing.communicate(timeout=60)
        assert listing.returncode == 0, err
        assert [item["title"] for item in json.loads(out)] == ["Stored before"]
        for args in (
            ["add", "--title", "New"],
            ["import", str(write_articles(tmp_path / "a.jsonl", "a", 5))],
        ):
            refused = newsctl(db, *args)
            out, err = refused.communicate(timeout=60)
            assert refused.returncode == 4
            assert err.count("\n") == 1 and "read-only" in err and "Traceback" not in err
        assert db.read_bytes() == before
        remount(disk, "rw")
        again = newsctl(db, "import", str(tmp_path / "a.jsonl"))
        assert again.wait(timeout=60) == 0
        assert stored(db)["articles"] == 6


def test_new_archive_in_a_read_only_folder(tmp_path):
    with small_filesystem(tmp_path / "disk", "1m") as disk:
        remount(disk, "ro")
        process = newsctl(disk / "news" / "archive.db", "list")
        _, err = process.communicate(timeout=60)
        assert process.returncode == 4
        assert err.count("\n") == 1 and "Read-only file system" in err


def test_check_on_a_read_only_archive_checks_what_it_can(tmp_path):
    with small_filesystem(tmp_path / "disk", "8m") as disk:
        db = disk / "archive.db"
        assert newsctl(db, "add", "--title", "Stored before").wait(timeout=60) == 0
        remount(disk, "ro")
        check = newsctl(db, "check")
        out, err = check.communicate(timeout=60)
        assert check.returncode == 0, out + err
        assert "search index was not checked" in out and "write access" in out
        assert "Everything checked is healthy (1 articles)" in out
        assert "--repair" not in out + err and "damaged" not in out
        report = newsctl(db, "check", "--json")
        out, _ = report.communicate(timeout=60)
        assert json.loads(out)["ok"] is True and json.loads(out)["skipped"]
