"""list, search, show, recent and authors against a real archive."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from newsctl.dates import format_timestamp
from tests.conftest import SAMPLE_DATA, assert_one_error_line, rows

NOW = datetime.now(UTC)


def ago(**delta) -> str:
    return format_timestamp(NOW - timedelta(**delta))


@pytest.fixture
def archive(run):
    """Four articles by three authors, with known dates, categories and tags."""
    specs = [
        (
            "Harbour wall finished early",
            "Marta Olsen",
            "Local",
            ["harbour"],
            ago(days=20),
            "Workers finished strengthening the northern harbour wall three weeks early.",
        ),
        (
            "Ferry returns at night",
            "Marta Olsen",
            "Local",
            ["harbour", "transport"],
            ago(days=2),
            "The night ferry to the island runs again, with electric engines and late sailings.",
        ),
        (
            "Solar farm opens",
            "Idris Achebe",
            "Science",
            ["energy"],
            ago(hours=5),
            "Panels on the old airfield now feed the grid; sheep graze underneath them.",
        ),
        (
            "Chess club wins final",
            "Priya Natarajan",
            "Sport",
            [],
            None,
            "A rook endgame on the last board decided the regional final for the chess club.",
        ),
    ]
    for title, author, category, tags, published, body in specs:
        args = ["add", "--title", title, "--author", author, "--category", category, "--body", body]
        args += [arg for tag in tags for arg in ("--tag", tag)]
        if published:
            args += ["--published", published]
        run(*args)
    run("add", SAMPLE_DATA / "pages" / "solar-farm.txt")  # Idris again, with a bio
    return run


def titles(result) -> list[str]:
    return [item["title"] for item in json.loads(result.stdout)]


def test_list_is_newest_first_with_added_date_for_unknown_published(archive):
    result = archive("list")
    table = result.stdout
    for header in ("ID", "Date", "Title", "Author", "Category"):
        assert header in table
    # Unknown publication dates fall back to when they were added (now): newest.
    assert table.index("Chess club wins final") < table.index("Solar farm opens")
    assert table.index("Solar farm opens") < table.index("Ferry returns at night")
    assert table.index("Ferry returns at night") < table.index("Harbour wall finished early")
    assert titles(archive("list", "--json"))[-1] == "Harbour wall finished early"


def test_list_filters_and_paging(archive):
    assert titles(archive("list", "--json", "--author", "marta olsen")) == [
        "Ferry returns at night",
        "Harbour wall finished early",
    ]
    assert titles(archive("list", "--json", "--category", "science", "--sort", "title")) == [
        "Solar farm opens",
        "Solar Farm Opens on the Old Airfield",
    ]
    assert titles(archive("list", "--json", "--tag", "TRANSPORT")) == ["Ferry returns at night"]
    assert titles(archive("list", "--json", "--since", "7d", "--until", ago(hours=1))) == [
        "Solar farm opens",
        "Ferry returns at night",
    ]
    until_day = (NOW - timedelta(days=20)).date().isoformat()
    assert titles(archive("list", "--json", "--until", until_day)) == [
        "Harbour wall finished early"
    ]
    assert titles(archive("list", "--json", "--limit", "2", "--offset", "1", "--reverse")) == [
        "Ferry returns at night",
        "Solar farm opens",
    ]
    assert titles(archive("list", "--json", "--sort", "added", "-n", "1")) == [
        "Solar Farm Opens on the Old Airfield"
    ]
    unknown = archive("list", "--json", "--author", "nobody", expect=3)
    assert unknown.stdout == "" and "no author named 'nobody'" in unknown.stderr
    empty = archive("list", "--author", "marta olsen", "--since", "2099-01-01")
    assert empty.stdout == "" and "No articles match" in empty.stderr


def test_list_json_shape(archive):
    [item] = json.loads(
        archive("list", "--json", "--tag", "energy", "--sort", "title", "-n", "1").stdout
    )
    assert set(item) == {
        "id",
        "title",
        "author",
        "authors",
        "credit",
        "category",
        "tags",
        "url",
        "guid",
        "published_at",
        "added_at",
        "source",
        "partial",
    }
    assert item["tags"] == ["energy"]
    assert item["published_at"].endswith("Z")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["list", "--since", "last tuesday"], "--since"),
        (["list", "--until", "2024-02-30"], "--until"),
        (["list", "--limit", "0"], "--limit"),
        (["list", "--sort", "random"], "--sort"),
        (["show", "abc"], "ID"),
        (["recent", "--since", "7 fortnights"], "--since"),
    ],
)
def test_bad_option_values_are_usage_errors(archive, args, fragment):
    assert_one_error_line(archive(*args, expect=2), fragment)


def test_search_ranks_highlights_and_filters(archive):
    result = archive("search", "harbour")
    assert "Harbour wall finished early" in result.stdout
    hits = json.loads(archive("search", "harbour", "--json").stdout)
    # The title match outranks a match in the body only.
    assert hits[0]["title"] == "Harbour wall finished early"
    assert {"snippet", "rank"} <= set(hits[0])
    assert "harbour" in hits[0]["snippet"].lower() and "\x01" not in hits[0]["snippet"]
    assert titles(archive("search", "wall", "--json")) == ["Harbour wall finished early"]
    assert titles(archive("search", "wall", "--json", "--since", "7d")) == []
    assert titles(archive("search", "grid", "--json", "--author", "Idris Achebe", "--limit", "1"))


def test_search_highlights_matches_on_a_terminal(archive, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = archive("search", "endgame").stdout
    assert "\x1b[1;33mendgame\x1b[0m" in out  # bold yellow around the match


def test_search_phrases_prefixes_and_author_names(archive):
    assert titles(archive("search", '"night ferry"', "--json")) == ["Ferry returns at night"]
    assert titles(archive("search", '"ferry night"', "--json")) == []
    assert "Chess club wins final" in titles(archive("search", "endg*", "--json"))
    assert set(titles(archive("search", "olsen", "--json"))) == {
        "Ferry returns at night",
        "Harbour wall finished early",
    }


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "AND",
        "OR ferry",
        "NOT",
        "ferry AND",
        "multi-agent",
        "don't",
        "c++",
        "20.04",
        "title:ferry",
        "NEAR(",
        "(",
        "ferry)",
        "*",
        "-ferry",
        "^ferry",
        'a"b',
        "ferry*night",
        "'",
    ],
)
def test_search_never_fails_on_odd_input(archive, query):
    result = archive("search", "--json", "--", query, expect=None)
    assert result.exit_code in (0, 2), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert_one_error_line(result, "nothing to search for")
    else:
        json.loads(result.stdout)


def test_show_prints_article_and_author_panel(archive):
    [solar] = json.loads(
        archive("list", "--json", "--category", "science", "--sort", "added", "-n", "1").stdout
    )
    out = archive("show", str(solar["id"])).stdout
    assert "Solar Farm Opens on the Old Airfield" in out
    assert "Idris Achebe" in out and "in Science" in out and "tags: energy" in out
    assert "Its 38,000 panels are expected" in out
    assert "Idris writes about science, energy and the weather" in out  # the bio panel
    full = json.loads(archive("show", str(solar["id"]), "--json").stdout)
    assert full["body"].startswith("The county's largest solar farm")
    assert full["author_bio"].startswith("Idris writes about science")


def test_show_unknown_id(archive):
    assert_one_error_line(archive("show", "999", expect=3), "no article with id 999")


def test_recent_shows_teasers_and_ages(archive, db):
    out = archive("recent").stdout
    assert "Recent Posts" in out
    assert "2 days ago" in out and "5 hours ago" in out and "2 weeks ago" in out
    assert "The night ferry to the island runs again" in out
    data = json.loads(archive("recent", "--json", "-n", "2").stdout)
    assert [item["title"] for item in data] == [
        "Solar Farm Opens on the Old Airfield",
        "Chess club wins final",
    ]
    assert data[0]["age"] == "just now" and data[0]["teaser"].startswith("The county's largest")
    assert titles(archive("recent", "--json", "--since", "3d"))[-1] == "Ferry returns at night"
    stored = rows(db(), "SELECT count(*) AS n FROM articles")[0]["n"]
    assert stored == 5


def test_recent_on_an_empty_archive(run):
    result = run("recent")
    assert result.stdout == ""
    assert "archive is empty" in result.stderr


def test_authors_lists_counts_and_shows_one(archive, monkeypatch):
    data = {item["name"]: item for item in json.loads(archive("authors", "--json").stdout)}
    assert data["Marta Olsen"]["articles"] == 2
    assert data["Idris Achebe"]["articles"] == 2
    assert data["Idris Achebe"]["bio"].startswith("Idris writes")
    assert (
        data["Marta Olsen"]["latest_at"]
        == json.loads(archive("list", "--json", "-a", "Marta Olsen").stdout)[0]["published_at"]
    )
    table = archive("authors").stdout
    assert "Priya Natarajan" in table and "Articles" in table
    one = archive("authors", "idris achebe").stdout
    assert "Idris writes about science" in one and "Solar farm opens" in one
    monkeypatch.setenv("COLUMNS", "40")  # piped, each article stays on one line
    narrow = archive("authors", "Marta Olsen").stdout.splitlines()
    assert any("Ferry returns at night" in line and "Marta Olsen" in line for line in narrow)
    single = json.loads(archive("authors", "Marta Olsen", "--json").stdout)
    assert [a["title"] for a in single["recent_articles"]] == [
        "Ferry returns at night",
        "Harbour wall finished early",
    ]
    assert_one_error_line(archive("authors", "Nobody", expect=3), "no author named")
