"""Search: every language, the query language, sort and paging, snippets of huge articles,
Ctrl-C, and the index as sqlite-utils and Datasette see it."""

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
import sqlite_utils

from newsctl.archive import open_archive
from newsctl.models import Article
from tests.conftest import PROJECT, assert_one_error_line, rows

CASES = PROJECT / "tests" / "data" / "cases"


def titles(result) -> list[str]:
    return [hit["title"] for hit in json.loads(result.stdout)]


def search(run, *args: str) -> list[str]:
    return titles(run("search", "--json", *args))


@pytest.fixture
def newsroom(run):
    """Articles whose matches fall in the title, the byline or the body."""
    specs = [
        ("Council budget approved", "Ana Ruiz", "Local", ["politics"], "2024-03-01",
         "The council approved its budget after a long night. Ferry fares stay the same."),
        ("Ferry timetable changes", "Kim Ode", "Transport", ["transport"], "2024-02-01",
         "The winter timetable starts on Monday, with fewer night sailings."),
        ("Harbour seals counted", "Ferry Jansen", "Science", ["nature"], "2024-01-01",
         "Volunteers counted forty seals on the sandbank at low tide."),
        ("Night market opens", "Kim Ode", "Local", ["food"], "2024-04-01",
         "Stalls sell dumplings, waffles and café crème until midnight by the ferry."),
    ]  # fmt: skip
    for title, author, category, tags, published, body in specs:
        args = ["add", "--title", title, "--author", author, "--category", category]
        args += ["--published", published, "--body", body]
        args += [arg for tag in tags for arg in ("--tag", tag)]
        run(*args)
    return run


def test_cjk_case_file(run):
    run("import", CASES / "cjk.jsonl")
    japanese, chinese, korean = (
        "東京都で新しい図書館が開館",
        "北京举行马拉松比赛",
        "서울 지하철 연장",
    )
    assert search(run, "図書館") == [japanese]
    assert search(run, "東京") == [japanese]
    assert search(run, "马拉松") == [chinese]
    assert search(run, "北京") == [chinese]
    assert search(run, "지하철") == [korean]
    assert search(run, "서울") == [korean]  # glued to a particle in the body: 서울시는
    assert search(run, "山田花子") == [japanese]  # an author's name
    assert search(run, "author:李明") == [chinese]
    assert search(run, "title:数万人") == []  # in the body only
    assert search(run, "数万人") == [chinese]
    assert search(run, "大阪") == []
    assert search(run, "東京 -図書館") == []
    # Snippets show the original text with the word highlighted (markers removed in JSON).
    [hit] = json.loads(run("search", "--json", "図書館").stdout)
    assert "図書館" in hit["snippet"] and "\x03" not in hit["snippet"]


def test_cjk_highlight_on_a_terminal(run, monkeypatch):
    run("import", CASES / "cjk.jsonl")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("search", "马拉松").stdout
    assert "\x1b[1;33m马\x1b[0m\x1b[1;33m拉\x1b[0m\x1b[1;33m松\x1b[0m" in out or (
        "\x1b[1;33m马拉松\x1b[0m" in out
    )
    assert "1-1 of 1 match" in out  # the number of matches, on a terminal


def test_other_scripts_and_accents(run):
    run("add", "--title", "Café naïve", "--body", "A crème brûlée.")
    run("add", "--title", "หนังสือพิมพ์ภาษาไทย", "--body", "ข่าววันนี้")
    run("add", "--title", "हिन्दी समाचार", "--body", "आज की ख़बरें")
    assert search(run, "cafe") == ["Café naïve"]
    assert search(run, "CAFÉ naive creme") == ["Café naïve"]
    assert search(run, "ภาษาไทย") == ["หนังสือพิมพ์ภาษาไทย"]
    assert search(run, "ข่าว") == ["หนังสือพิมพ์ภาษาไทย"]
    assert search(run, "हिन्दी") == ["हिन्दी समाचार"]


def test_title_outranks_author_outranks_body(newsroom):
    # "ferry" is in one title, one byline and two bodies; the body matches tie on weight.
    found = search(newsroom, "ferry")
    assert found[:2] == ["Ferry timetable changes", "Harbour seals counted"]
    assert set(found[2:]) == {"Council budget approved", "Night market opens"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("night", {"Council budget approved", "Ferry timetable changes", "Night market opens"}),
        (
            "night ferry",
            {"Council budget approved", "Ferry timetable changes", "Night market opens"},
        ),
        ('"night sailings"', {"Ferry timetable changes"}),
        ('"sailings night"', set()),
        ("sail*", {"Ferry timetable changes"}),
        ("seals OR dumplings", {"Harbour seals counted", "Night market opens"}),
        ("night -ferry", set()),
        ("night -market", {"Council budget approved", "Ferry timetable changes"}),
        ("night NOT market", {"Council budget approved", "Ferry timetable changes"}),
        ('night -"night market"', {"Council budget approved", "Ferry timetable changes"}),
        ("title:ferry", {"Ferry timetable changes"}),
        ("title:night", {"Night market opens"}),
        ("author:ferry", {"Harbour seals counted"}),
        ('author:"kim ode"', {"Ferry timetable changes", "Night market opens"}),
        ("author:ode night", {"Ferry timetable changes", "Night market opens"}),
        ("night tag:food", {"Night market opens"}),
        ("night -tag:food", {"Council budget approved", "Ferry timetable changes"}),
        ("night TAG:Transport", {"Ferry timetable changes"}),
        ("ferry AND seals", {"Harbour seals counted"}),
        ("or", set()),  # lower case: a word like any other
        ("foo:ferry", set()),  # not a field: plain words "foo ferry"
        ("cafe creme", {"Night market opens"}),
        ("budget OR", {"Council budget approved"}),
        ("NOT", set()),
    ],
)
def test_query_language(newsroom, query, expected):
    assert set(search(newsroom, "--", query)) == expected


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "-", "📚", "-ferry", "   ", "()", "NOT OR AND", "_", "tag:food"],
)
def test_a_query_without_words_finds_nothing_quietly(newsroom, query):
    result = newsroom("search", "--json", "--", query)
    assert json.loads(result.stdout) == []
    assert "Traceback" not in result.stderr
    plain = newsroom("search", "--", query)
    assert plain.stdout == "" and "Nothing found" in plain.stderr


def test_sort_offset_and_limit(newsroom):
    everything = ["Night market opens", "Council budget approved", "Ferry timetable changes"]
    assert search(newsroom, "night", "--sort", "newest") == everything
    assert search(newsroom, "night", "--sort", "oldest") == everything[::-1]
    assert search(newsroom, "night", "--sort", "newest", "--offset", "1", "-n", "1") == [
        everything[1]
    ]
    ranked = search(newsroom, "ferry")
    assert search(newsroom, "ferry", "--offset", "2") == ranked[2:]
    assert search(newsroom, "ferry", "--offset", "9") == []
    hits = json.loads(newsroom("search", "--json", "night", "--sort", "newest").stdout)
    assert all(hit["rank"] is None for hit in hits)
    assert_one_error_line(newsroom("search", "x", "--sort", "best", expect=2), "--sort")
    assert_one_error_line(newsroom("search", "x", "--offset", "-1", expect=2), "--offset")


def test_total_on_a_terminal(newsroom, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = newsroom("search", "night", "-n", "2").stdout
    assert "1-2 of 3 matches" in out
    assert "3-3 of 3 matches" in newsroom("search", "night", "--offset", "2").stdout
    past = newsroom("search", "night", "--offset", "5")
    assert "all 3 are before --offset" in past.stderr


def test_date_sort_walks_the_date_index_for_common_words(tmp_path, monkeypatch):
    """Past SORT_WINDOW matches, newest-first walks the date index: same answer."""
    path = tmp_path / "many.db"
    with open_archive(path) as archive:
        archive.save(
            [
                Article(
                    title=f"Report {n}",
                    body="common words here" + (" rare" if n % 7 == 0 else ""),
                    published_at=f"2024-01-{1 + n % 28:02d}T{n % 24:02d}:00:00Z",
                )
                for n in range(60)
            ]
        )
        expected = [a.title for a in archive.list_articles(limit=10)]
        walked = archive.search("common", sort="newest", limit=10)
        monkeypatch.setattr("newsctl.archive.SORT_WINDOW", 5)
        assert [
            hit.article.title for hit in archive.search("common", sort="newest", limit=10).hits
        ] == expected
        monkeypatch.setattr("newsctl.archive.SORT_WINDOW", 5_000)
        assert [hit.article.title for hit in walked.hits] == expected
        oldest = [a.title for a in archive.list_articles(limit=3, reverse=True)]
        monkeypatch.setattr("newsctl.archive.SORT_WINDOW", 5)
        assert [
            h.article.title for h in archive.search("common", sort="oldest", limit=3).hits
        ] == oldest


def test_very_common_words_rank_the_newest_matches(tmp_path, monkeypatch):
    monkeypatch.setattr("newsctl.archive.RANK_WINDOW", 10)
    path = tmp_path / "many.db"
    with open_archive(path) as archive:
        archive.save(
            [
                Article(
                    title=f"Report {n}" + (" words" if n % 10 == 3 else ""),
                    body=("the same words " if n % 3 == 0 else "other text ") * (1 + n % 5),
                    authors=("Ana Words",) if n == 56 else (),
                )
                for n in range(60)  # ids 1 to 60
            ]
        )
        # "text" is in 40 of 60 articles, more than half of the newest: no bm25 (see
        # COMMON_SHARE); of the 10 most recently added matches, the newest first.
        common = archive.search("text", limit=5, count=True)
        assert common.total == 40 and common.ranked_within == 10 and common.common_words
        assert [hit.article.id for hit in common.hits] == [60, 59, 57, 56, 54]
        # "words": in 25. Ranked by bm25 among the 10 most recently added matches.
        ranked = archive.search("words", limit=5, count=True)
        assert ranked.total == 25 and ranked.ranked_within == 10 and not ranked.common_words
        found = [hit.article.id for hit in ranked.hits]
        assert set(found[:2]) == {54, 44} and found[2] == 57  # title, title, then author
        assert set(found) <= {58, 57, 55, 54, 52, 49, 46, 44, 43, 40}
        assert len(archive.search("words", limit=5, offset=8).hits) == 5  # the window grows
        assert archive.search("words", limit=50).ranked_within is None
        # Common words: a title match first, then an author's name, then the body, newest first.
        order = [hit.article.id for hit in archive.search("words OR text", limit=4).hits]
        assert order == [54, 57, 60, 59]


def test_huge_article_snippet_is_bounded_and_highlighted(run, archive_path):
    body = ("Filler text about nothing in particular. " * 150_000) + "The lighthouse keeper."
    early = "The lighthouse stands on the point. " + "Filler words again. " * 250_000
    with open_archive(archive_path) as archive:
        archive.save(
            [
                Article(title="Huge late", body=body, authors=("Ana Ruiz",), url="https://x.ex/1"),
                Article(title="Huge early", body=early, published_at="2024-05-01T00:00:00Z"),
            ]
        )
    assert len(body) > 5_000_000
    hits = {hit["title"]: hit for hit in json.loads(run("search", "--json", "lighthouse").stdout)}
    assert set(hits) == {"Huge late", "Huge early"}
    # What is shown of long articles comes from their own index (schema.LONG_BODY).
    assert hits["Huge late"]["authors"] == ["Ana Ruiz"]
    assert hits["Huge late"]["url"] == "https://x.ex/1"
    assert hits["Huge early"]["published_at"] == "2024-05-01T00:00:00Z"
    assert "lighthouse" in hits["Huge early"]["snippet"].lower()
    # A match past the snippet window: the opening is shown, not the whole body.
    assert hits["Huge late"]["snippet"].startswith("Filler text")
    assert len(hits["Huge late"]["snippet"]) < 400
    assert search(run, "title:huge keeper") == ["Huge late"]


def test_untrusted_text_in_snippets_stays_text(run, monkeypatch):
    run(
        "add",
        "--title",
        "[bold]Markup[/bold] title",
        "--body",
        "Escape \x1b[2J sequences [link=file:///etc]here[/link] and more",
    )
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("search", "sequences").stdout
    assert "[bold]Markup[/bold]" in out and "[link=file:///etc]here[/link]" in out
    assert "\x1b[2J" not in out


def test_sqlite_utils_and_datasette_find_the_index(newsroom, archive_path):
    db = sqlite_utils.Database(archive_path)
    assert db["articles"].detect_fts() == "articles_fts"
    found = [row["title"] for row in db["articles"].search("seals", columns=["title"])]
    assert found == ["Harbour seals counted"]
    # The command line tool, as a user would run it.
    tool = Path(sys.executable).with_name("sqlite-utils")
    result = subprocess.run(
        [str(tool), "search", str(archive_path), "articles", "timetable", "-c", "title"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [{"title": "Ferry timetable changes"}]
    # Datasette's detect_fts (datasette/utils/__init__.py): content="articles" in the SQL.
    datasette_sql = """
        select name from sqlite_master where rootpage = 0 and (
            sql like '%VIRTUAL TABLE%USING FTS%content="articles"%'
            or sql like '%VIRTUAL TABLE%USING FTS%content=[articles]%'
            or (tbl_name = 'articles' and sql like '%VIRTUAL TABLE%USING FTS%'))"""
    assert rows(db, datasette_sql) == [{"name": "articles_fts"}]
    # Author names are searchable from there too, through the denormalised byline.
    assert [row["title"] for row in db["articles"].search("jansen", columns=["title"])] == [
        "Harbour seals counted"
    ]


def test_byline_follows_authors_changed_with_plain_sql(newsroom, archive_path):
    connection = sqlite3.connect(archive_path)
    with connection:
        connection.execute("UPDATE authors SET name = 'Kim Odegaard' WHERE name = 'Kim Ode'")
    connection.close()
    assert set(search(newsroom, "odegaard")) == {"Ferry timetable changes", "Night market opens"}
    assert search(newsroom, "author:ode") == []
    assert "healthy" in newsroom("check").stdout


def test_check_finds_unspaced_words_another_tool_changed(run, archive_path):
    run("import", CASES / "cjk.jsonl")
    connection = sqlite3.connect(archive_path)
    with connection:
        connection.execute("UPDATE articles SET body = '大阪で桜が咲いた。' WHERE id = 1")
    connection.close()
    assert search(run, "大阪") == []  # the pairs are newsctl's to compute
    out = run("check", expect=1).stdout
    assert "scripts without spaces" in out
    assert "healthy" in run("check", "--repair").stdout
    assert search(run, "大阪") == ["東京都で新しい図書館が開館"]
    assert search(run, "図書館") == ["東京都で新しい図書館が開館"]  # still in the title


def test_updates_reindex_unspaced_words(run):
    run("add", "--title", "東京の天気", "--body", "晴れ", "--url", "https://x.example/1")
    run("add", "--title", "大阪の天気", "--body", "雨", "--url", "https://x.example/1")
    assert search(run, "東京") == [] and search(run, "大阪") == ["大阪の天気"]
    assert "healthy" in run("check").stdout


def test_ctrl_c_stops_a_slow_search(tmp_path):
    """A real process: SIGINT during a long query ends it at once with exit 130."""
    path = tmp_path / "slow.db"
    with open_archive(path) as archive:
        words = " ".join(f"w{n}" for n in range(300))
        archive.save([Article(title=f"Common {n}", body=words) for n in range(10_000)])
    # A query FTS5 needs seconds for: every article matches, bm25 over 300 prefixes.
    query = " OR ".join(f"w{n}*" for n in range(300))
    env = {**os.environ, "NEWSCTL_DB": str(path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "newsctl", "search", query],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    assert process.poll() is None, "the query ended before it could be interrupted"
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    stopped_after = time.monotonic() - sent
    assert process.returncode == 130, err
    assert "Traceback" not in err and out == ""
    print(f"stopped {stopped_after:.2f} s after Ctrl-C")


def test_help_documents_the_query_language(run):
    out = run("search", "--help").stdout
    for fragment in ('"night ferry"', "elect*", "ferry OR boat", "-ferry", "NOT ferry", "title:",
                     "author:", "tag:", "--sort", "--offset", "exit 0"):  # fmt: skip
        assert fragment in out, fragment


def test_search_on_a_read_only_archive(tmp_path):
    """Snippets are made in SQLite's temporary schema, which a read-only archive still has."""
    from tests.test_faults import remount, small_filesystem
    from tests.test_processes import newsctl

    with small_filesystem(tmp_path / "disk", "8m") as disk:
        db = disk / "archive.db"
        added = newsctl(db, "add", "--title", "Seals counted", "--body", "Forty seals.")
        assert added.wait(timeout=60) == 0
        remount(disk, "ro")
        found = newsctl(db, "search", "--json", "seals")
        out, err = found.communicate(timeout=60)
        assert found.returncode == 0, err
        [hit] = json.loads(out)
        assert hit["title"] == "Seals counted" and "seals" in hit["snippet"].lower()


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("東京都で", ["東京", "京都", "都で", "で"]),
        ("東", ["東"]),
        ("北京，马拉松", ["北京", "京", "马拉", "拉松", "松"]),
        ("iPhone15を発売", ["を発", "発売", "売", "iPhone15"]),
        ("ภาษาไทย", ["ภา", "าษ", "ษา", "าไ", "ไท", "ทย", "ย"]),
        ("ง่าย", ["ง่า", "าย", "ย"]),  # a tone mark stays with its letter
        ("plain English, café", None),
    ],
)
def test_index_text_pairs(text, pairs):
    from newsctl.segmenting import RUN_BREAK, index_text

    indexed = index_text(text)
    if pairs is None:
        assert indexed is None
    else:
        assert [piece for piece in indexed.split() if piece != RUN_BREAK] == pairs


def test_check_finds_and_repair_restores_the_long_article_index(run, archive_path):
    run("add", "--title", "Long read", "--body", "word " * 30_000)
    connection = sqlite3.connect(archive_path)
    with connection:
        connection.execute("DROP INDEX articles_long_display")
    connection.close()
    assert "articles_long_display is missing" in run("check", expect=1).stdout
    assert "healthy" in run("check", "--repair").stdout
    assert search(run, "word") == ["Long read"]


def test_search_reads_a_long_article_from_its_index_not_its_row(run, archive_path):
    """What search shows of an article over 100,000 characters comes from
    articles_long_display: SQLite reads the row only for a column the index lacks, and
    reading it means reading the body's overflow pages to reach the columns stored after it
    (the credit, schema m014: 60 ms a query for 40 articles of 5 MB, measured)."""
    from newsctl.archive import _ARTICLE_COLUMNS

    run("add", "--title", "Long read", "--credit", "AP", "--body", "word " * 30_000)
    connection = sqlite3.connect(archive_path)
    indexed = {row[2] for row in connection.execute("PRAGMA index_info(articles_long_display)")}
    connection.close()
    shown = set(re.findall(r"\ba\.(\w+)", _ARTICLE_COLUMNS)) | {"byline"}
    assert shown <= indexed, shown - indexed
    found = json.loads(run("search", "word", "--json").stdout)
    assert [(hit["title"], hit["credit"]) for hit in found] == [("Long read", "AP")]
