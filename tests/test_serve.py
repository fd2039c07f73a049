"""newsctl serve: a real Datasette process on the archive, driven by headless Chromium."""

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

from tests.conftest import SAMPLE_DATA

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("datasette") is None,
        reason="needs Datasette (pip install '.[test]')",
    ),  # fmt: skip
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(run, archive_path):
    run("import", SAMPLE_DATA)
    port = free_port()
    env = {**os.environ, "NEWSCTL_DB": str(archive_path)}
    command = [sys.executable, "-m", "newsctl", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=2)  # noqa: S310
            break
        except OSError:
            assert server.poll() is None, server.stdout.read().decode()
            time.sleep(0.2)
    yield base, archive_path.stem
    server.terminate()
    server.wait(timeout=30)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())


def test_serve_shows_the_news_searchable_and_hides_the_bookkeeping(served, archive_path):
    base, name = served
    database = get_json(f"{base}/{name}.json")
    hidden = {t["name"] for t in database["tables"] if t["hidden"]}
    assert {"_sqlite_migrations", "articles", "article_versions", "fts_sync_deferred"} <= hidden
    assert "authors" not in hidden and "news" in {view["name"] for view in database["views"]}
    found = get_json(f"{base}/{name}/news.json?_search=harbour&_shape=objects")["rows"]
    assert "Harbour Wall Repairs Finish Ahead of Schedule" in {row["title"] for row in found}
    facets = get_json(f"{base}/{name}/news.json?_facet=category&_facet_array=authors")
    assert {"category", "authors", "credit"} <= set(facets["facet_results"])
    queries = get_json(f"{base}/{name}/author_articles.json?author=marta+olsen&_shape=objects")
    assert len(queries["rows"]) == 4
    with pytest.raises(urllib.error.HTTPError):  # read-only: no writes through Datasette
        urllib.request.urlopen(  # noqa: S310
            urllib.request.Request(
                f"{base}/{name}/-/execute", data=b"sql=DELETE FROM tags", method="POST"
            )
        )


@pytest.mark.skipif(
    CHROMIUM is None, reason="needs Debian's chromium package (apt-get install chromium)"
)
def test_a_browser_searches_a_word_opens_the_article_and_sees_its_author(served):
    base, name = served

    def page(url: str) -> str:
        with tempfile.TemporaryDirectory() as profile:
            result = subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", url],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    results = page(f"{base}/{name}/news?_search=bakery")
    assert 'name="_search"' in results  # the search box
    assert "Bakery on Quay Street Wins Regional Bread Award" in results
    article = page(f"{base}/{name}/news?id=3")  # the article's row, with its byline
    assert "Bakery on Quay Street Wins Regional Bread Award" in article
    assert "Aiko Tanaka-Reid" in article


def test_stopping_serve_stops_datasette_and_a_taken_port_is_one_line(run, archive_path):
    run("add", "--title", "One")
    port = free_port()
    env = {**os.environ, "NEWSCTL_DB": str(archive_path)}
    command = [sys.executable, "-m", "newsctl", "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    taken = run("serve", "--port", str(port), expect=2)
    assert taken.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in taken.stderr
    server.terminate()  # SIGTERM to newsctl
    assert server.wait(timeout=30) == 143
    time.sleep(0.5)
    with pytest.raises(OSError):  # nothing answers any more: Datasette stopped too
        urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)  # noqa: S310
