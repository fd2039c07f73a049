"""Hostile input: feeds that try to read local files or expand without bound, huge records,
huge feeds, absurdly nested pages. Each is refused (or read) with a clear message, in bounded
memory, and nothing secret reaches the archive."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

NEWSCTL = [sys.executable, "-m", "newsctl"]
# Peak memory allowed for one import process: newsctl with trafilatura loaded is ~100 MB.
MEMORY_BOUND_MB = 250


# Runs a command and prints its peak memory. The command is started from this small
# process, not from pytest: a child forked from a large process starts with that
# process's memory counted in its peak.
MEASURE = (
    "import os, subprocess, sys; process = subprocess.Popen(sys.argv[1:]); "
    "_, status, usage = os.wait4(process.pid, 0); "
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss // 1024, file=sys.stderr)"
)


def import_file(db: Path, path: Path) -> tuple[int, dict, str, int]:
    """Run `newsctl import --json` on one file; exit code, summary, stderr and peak RSS (MB)."""
    env = {**os.environ, "NEWSCTL_DB": str(db)}
    command = [sys.executable, "-c", MEASURE, *NEWSCTL, "import", str(path), "--json"]
    # The timeout is a hang guard, not a speed requirement.
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    *messages, last = result.stderr.strip().splitlines()
    code, memory = (int(part) for part in last.split())
    return code, json.loads(result.stdout), "\n".join(messages), memory


def archive_text(db: Path) -> str:
    if not db.exists():
        return ""
    import sqlite3

    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT title || ' ' || body FROM articles").fetchall()
    return " ".join(row[0] for row in rows)


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-7f3a9c-do-not-leak\n", encoding="utf-8")
    return path


def test_external_entity_cannot_read_a_local_file(tmp_path, secret):
    feed = tmp_path / "xxe.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<rss version="2.0"><channel><title>t</title><item><title>Leak &xxe;</title>'
        "<link>https://x.example/1</link><description>&xxe;</description></item></channel></rss>\n",
        encoding="utf-8",
    )
    code, summary, err, memory = import_file(tmp_path / "a.db", feed)
    assert code == 1 and summary["rejected"] == 1
    assert "declares XML entities" in err
    assert "SECRET" not in archive_text(tmp_path / "a.db") + err


def test_external_dtd_is_never_loaded(tmp_path, secret):
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY leak SYSTEM "file://{secret}">\n', encoding="utf-8")
    feed = tmp_path / "dtd.xml"
    feed.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file://{dtd}">\n'
        '<rss version="2.0"><channel><title>t</title><item><title>Story &leak;</title>'
        "<link>https://x.example/2</link><description>Text &leak;</description></item>"
        "</channel></rss>\n",
        encoding="utf-8",
    )
    code, summary, err, memory = import_file(tmp_path / "a.db", feed)
    assert "SECRET" not in archive_text(tmp_path / "a.db") + err
    assert code in (0, 1) and summary["added"] + summary["rejected"] == 1


def test_billion_laughs_is_refused_quickly_in_bounded_memory(tmp_path):
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    feed = tmp_path / "laughs.xml"
    feed.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) + "\n]>\n"
        '<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
        "<description>&lol9;</description></item></channel></rss>\n",
        encoding="utf-8",
    )
    code, summary, err, memory = import_file(tmp_path / "a.db", feed)
    assert code == 1 and summary["rejected"] == 1 and "declares XML entities" in err
    assert memory < MEMORY_BOUND_MB


def test_a_50_mb_json_line_is_rejected_and_the_rest_imported(tmp_path):
    source = tmp_path / "big.jsonl"
    with source.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"title": "Before"}) + "\n")
        out.write(json.dumps({"title": "Huge", "body": "x" * 50_000_000}) + "\n")
        out.write(json.dumps({"title": "After"}) + "\n")
    code, summary, err, memory = import_file(tmp_path / "a.db", source)
    assert code == 1 and (summary["added"], summary["rejected"]) == (2, 1)
    assert "big.jsonl:line 2: record longer than 16 MB" in err
    assert memory < MEMORY_BOUND_MB


def test_a_50_mb_json_document_is_rejected_with_a_reason(tmp_path):
    source = tmp_path / "big.json"
    source.write_text(json.dumps({"title": "Huge", "body": "word " * 10_000_000}), encoding="utf-8")
    code, summary, err, memory = import_file(tmp_path / "a.db", source)
    assert code == 1 and summary["rejected"] == 1 and "body longer than" in err
    assert memory < 2 * MEMORY_BOUND_MB  # JSON documents are read whole (JSON Lines stream)


def test_a_feed_with_100k_entries_is_refused_before_parsing(tmp_path):
    items = "".join(
        f"<item><title>Entry {n}</title><link>https://x.example/{n}</link></item>\n"
        for n in range(100_000)
    )
    feed = tmp_path / "huge.rss"
    feed.write_text(f'<rss version="2.0"><channel><title>big</title>{items}</channel></rss>')
    code, summary, err, memory = import_file(tmp_path / "a.db", feed)
    assert code == 1 and summary["rejected"] == 1 and "more than 20,000" in err
    assert memory < MEMORY_BOUND_MB


def test_a_feed_of_a_thousand_entries_imports(tmp_path):
    items = "".join(
        f"<item><title>Entry {n}</title><link>https://x.example/{n}</link>"
        f"<description>Text {n}</description></item>\n"
        for n in range(1000)
    )
    feed = tmp_path / "fine.rss"
    feed.write_text(f'<rss version="2.0"><channel><title>ok</title>{items}</channel></rss>')
    code, summary, err, memory = import_file(tmp_path / "a.db", feed)
    assert code == 0 and summary["added"] == 1000


def test_deeply_nested_html_is_handled(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text(
        "<html><head><title>Deep</title></head><body>" + "<div>" * 100_000
        + "<p>deep text</p>" + "</div>" * 100_000 + "</body></html>"
    )  # fmt: skip
    code, summary, err, memory = import_file(tmp_path / "a.db", page)
    assert "Traceback" not in err
    assert summary["added"] + summary["rejected"] == 1
    if summary["rejected"]:
        assert code == 1 and "nested.html" in err
    assert memory < MEMORY_BOUND_MB


def test_a_large_json_lines_file_streams_in_flat_memory(tmp_path):
    source = tmp_path / "large.jsonl"
    paragraph = "The harbour committee met again to discuss the tides. " * 40
    with source.open("w", encoding="utf-8") as out:
        for n in range(20_000):
            out.write(json.dumps({"title": f"Story {n}", "url": f"https://x.example/{n}",
                                  "body": f"{n} {paragraph}"}) + "\n")  # fmt: skip
    assert source.stat().st_size > 40 * 2**20
    code, summary, err, memory = import_file(tmp_path / "a.db", source)
    assert code == 0 and summary["added"] == 20_000
    # Held whole, the file alone would be 45 MB, and its records several times that.
    assert memory < 100, memory
