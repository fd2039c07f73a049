"""Real OS processes against one real archive file: concurrent imports and readers, and
imports killed or stopped part-way."""

import builtins
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Small batches keep the files small; the default size is a speed choice, not a semantic one.
BATCH_SIZE = 200

NEWSCTL = [sys.executable, "-m", "newsctl"]


def newsctl(db: Path, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "NEWSCTL_DB": str(db)}
    return subprocess.Popen(
        [*NEWSCTL, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


AUTHORS = ("Ana Ruiz", "Bo Chen", "Kim Ode", "Lou Pike", "Marta Olsen", "Idris Achebe", "Ria Sand")


def write_articles(path: Path, prefix: str, count: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(start, start + count):
            record = {
                "title": f"{prefix} article {n}",
                "author": AUTHORS[n % 7],
                "category": ["World", "Science", "Sport"][n % 3],
                "tags": [f"tag{n % 5}"],
                "url": f"https://news.example/{prefix}/{n}?utm_source=feed",
                "published_at": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00Z",
                "body": f"Body of {prefix} article {n}. "
                + "Words about the harbour and the weather. " * 20,
            }
            out.write(json.dumps(record) + "\n")
    return path


def stored(db: Path) -> dict:
    """What the archive holds, read with plain sqlite3 (a reader independent of newsctl)."""
    connection = sqlite3.connect(db)
    try:
        facts = {
            "articles": connection.execute("SELECT count(*) FROM articles").fetchone()[0],
            "distinct_urls": connection.execute(
                "SELECT count(DISTINCT url_key) FROM articles"
            ).fetchone()[0],
            "authors": connection.execute("SELECT count(*) FROM authors").fetchone()[0],
            "integrity": connection.execute("PRAGMA integrity_check").fetchone()[0],
            "fts_rows": connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
        }
        # Raises if the full-text index disagrees with the articles it indexes.
        connection.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
        )
        return facts
    finally:
        connection.close()


def test_concurrent_imports_and_readers_lose_and_duplicate_nothing(tmp_path):
    db = tmp_path / "shared" / "archive.db"  # brand new: the processes race to create it
    files = []
    for n in range(6):
        path = tmp_path / f"import-{n}.jsonl"
        write_articles(path, f"own{n}", 400)
        # Every importer also carries a block of articles that all the others carry too.
        with path.open("a", encoding="utf-8") as out:
            out.write(
                write_articles(tmp_path / "common.jsonl", "common", 300).read_text(encoding="utf-8")
            )
        files.append(path)
    importers = [newsctl(db, "import", str(path), "--json") for path in files]
    # Readers keep reading while the importers write.
    command = " ".join(NEWSCTL)
    read_loop = (
        f"for i in $(seq 15); do {command} search harbour --json >/dev/null || exit 1; "
        f"{command} recent --json >/dev/null || exit 1; {command} list -a 'Kim Ode' >/dev/null "
        "|| exit 1; done"
    )
    env = {**os.environ, "NEWSCTL_DB": str(db)}
    readers = [
        subprocess.Popen(["bash", "-c", read_loop], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for process in importers + readers:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    facts = stored(db)
    assert facts["articles"] == facts["distinct_urls"] == 6 * 400 + 300
    assert facts["fts_rows"] == facts["articles"]
    assert facts["authors"] == 7
    assert facts["integrity"] == "ok"


def test_summaries_of_concurrent_imports_add_up(tmp_path):
    db = tmp_path / "archive.db"
    common = write_articles(tmp_path / "common.jsonl", "common", 600)
    # --again: a process starting after another finished would skip the unchanged file.
    processes = [newsctl(db, "import", str(common), "--json", "--again") for _ in range(4)]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    # Every article was added by exactly one importer and found unchanged by the others.
    assert sum(result["added"] for result in results) == 600
    assert sum(result["unchanged"] for result in results) == 3 * 600
    assert stored(db)["articles"] == 600


def wait_for_rows(db: Path, at_least: int, process: subprocess.Popen, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the import finished before it could be interrupted"
        if db.exists():
            try:
                connection = sqlite3.connect(db, timeout=1)
                count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
                connection.close()
                if count >= at_least:
                    return count
            except sqlite3.OperationalError:
                pass
        time.sleep(0.02)
    raise AssertionError("the import made no progress")


def test_killed_import_leaves_whole_batches_and_rerun_completes_exactly_once(tmp_path):
    db = tmp_path / "archive.db"
    source = write_articles(tmp_path / "big.jsonl", "big", 30 * BATCH_SIZE)
    process = newsctl(db, "import", str(source), "--batch-size", str(BATCH_SIZE))
    wait_for_rows(db, 2 * BATCH_SIZE, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    facts = stored(db)
    assert facts["integrity"] == "ok"
    assert 0 < facts["articles"] < 30 * BATCH_SIZE
    assert facts["articles"] % BATCH_SIZE == 0  # only whole batches were committed
    assert facts["fts_rows"] == facts["articles"]
    rerun = newsctl(db, "import", str(source), "--json")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    result = json.loads(out)
    assert result["unchanged"] == facts["articles"]
    assert result["added"] == 30 * BATCH_SIZE - facts["articles"]
    after = stored(db)
    assert after["articles"] == after["distinct_urls"] == 30 * BATCH_SIZE


@pytest.mark.parametrize(("signal_number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_stops_after_the_current_batch_with_a_summary(tmp_path, signal_number, code):
    db = tmp_path / "archive.db"
    source = write_articles(tmp_path / "big.jsonl", "big", 30 * BATCH_SIZE)
    process = newsctl(db, "import", str(source), "--json", "--batch-size", str(BATCH_SIZE))
    wait_for_rows(db, BATCH_SIZE, process)
    process.send_signal(signal_number)
    out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert "Traceback" not in err
    assert f"interrupted by {signal.Signals(signal_number).name}" in err
    partial = json.loads(out)
    assert partial["interrupted"] is True
    facts = stored(db)
    assert facts["integrity"] == "ok"
    assert facts["articles"] == partial["added"]  # the summary tells exactly what was stored
    assert facts["articles"] % BATCH_SIZE == 0 and facts["articles"] < 30 * BATCH_SIZE
    rerun = newsctl(db, "import", str(source), "--json")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert stored(db)["articles"] == 30 * BATCH_SIZE


def test_ctrl_c_outside_an_import_exits_quietly(tmp_path):
    db = tmp_path / "archive.db"
    # `add` waiting for a body on a pipe that stays open: interrupted while blocked.
    process = subprocess.Popen(
        [*NEWSCTL, "add", "--title", "Waiting"], env={**os.environ, "NEWSCTL_DB": str(db)},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.5)  # let it start and block on stdin
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert not db.exists() or stored(db)["articles"] == 0


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.3, 0.45])
def test_ctrl_c_while_newsctl_starts_prints_no_traceback(tmp_path, delay):
    # Interrupted while Python imports newsctl's modules and builds its commands, before
    # the command line's own handler is in place. (Only Python's own start, before any of
    # newsctl runs, is out of its reach: runpy's frames alone.)
    process = subprocess.Popen(
        [*NEWSCTL, "add", "--title", "Waiting"],
        env={**os.environ, "NEWSCTL_DB": str(tmp_path / "archive.db")},
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode in (130, -signal.SIGINT), err
    assert not re.search(r'File "[^"]*newsctl[/\\](?!__main__)', err), err


def test_ctrl_c_while_the_commands_are_imported_exits_130(monkeypatch):
    # The moment above, made certain: the interrupt arrives as newsctl.cli is imported.
    from newsctl.__main__ import main

    real_import = builtins.__import__

    def interrupted(name, *args, **kwargs):
        if name == "newsctl.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 130
