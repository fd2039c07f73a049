"""newsctl add: from options, files, JSON and standard input; duplicates; bad input."""

import json

import pytest

from tests.conftest import SAMPLE_DATA, SEED_PAGE, article_rows, assert_one_error_line

PAGES = SAMPLE_DATA / "pages"


def test_add_from_options_stores_every_field(run, db):
    result = run(
        "add",
        "--title",
        "Rain returns to the valley",
        "--author",
        "Ana Ruiz",
        "--author-bio",
        "Ana writes about weather.",
        "--category",
        "Weather",
        "--url",
        "https://news.example/rain",
        "--published",
        "2024-05-01T09:30:00+02:00",
        "--tag",
        "rain",
        "--tag",
        "farming",
        "--body",
        "It rained for the first time in weeks.",
    )
    assert "Added article 1: Rain returns to the valley" in result.stdout
    [article] = article_rows(db())
    assert article["title"] == "Rain returns to the valley"
    assert article["body"] == "It rained for the first time in weeks."
    assert article["author"] == "Ana Ruiz"
    assert article["author_bio"] == "Ana writes about weather."
    assert article["category"] == "Weather"
    assert article["url"] == "https://news.example/rain"
    assert article["published_at"] == "2024-05-01T07:30:00Z"  # stored in UTC
    assert article["tags"] == "farming,rain"
    assert article["source"] == "cli"
    assert article["added_at"].endswith("Z")


def test_add_reads_body_from_file_and_from_stdin(run, db, tmp_path):
    body_file = tmp_path / "body.txt"
    body_file.write_text("First paragraph.\n\nSecond paragraph.\n", encoding="utf-8")
    run("add", "--title", "From a file", "--body-file", body_file)
    run("add", "--title", "From stdin", input="Piped body text.\n")
    stored = {row["title"]: row["body"] for row in article_rows(db())}
    assert stored == {
        "From a file": "First paragraph.\n\nSecond paragraph.",
        "From stdin": "Piped body text.",
    }


def test_add_saved_page_keeps_only_the_article_in_the_body(run, db):
    result = run("add", PAGES / "harbor-ferry.txt")
    assert "Added article 1: Night Ferry to Gull Island Returns After Six Years" in result.stdout
    [article] = article_rows(db())
    assert article["category"] == "Local News"
    assert article["author"] == "Marta Olsen"
    assert article["author_bio"].startswith("Marta covers transport")
    assert article["published_at"] is None
    assert article["body"].startswith("The night ferry between Port Alder")
    assert article["body"].endswith("add a Sunday evening sailing.")
    for leftover in ("qX7vB2mLp9K", "Marta Olsen", "Recent Posts", "Solar Farm", "©"):
        assert leftover not in article["body"]
    assert article["source"].endswith("harbor-ferry.txt")
    # add stores one article: the Recent Posts teasers are for import.
    assert len(article_rows(db())) == 1


@pytest.mark.skipif(
    not SEED_PAGE.exists(), reason="the seed page (../shared) is not beside the project"
)
def test_add_the_seed_page(run, db):
    run("add", SEED_PAGE)
    [article] = article_rows(db())
    text = SEED_PAGE.read_text(encoding="utf-8")
    assert article["category"] == text.splitlines()[0].split(":", 1)[1].strip()
    assert article["title"] == text.splitlines()[2].strip()
    paragraphs = article["body"].split("\n\n")
    assert len(paragraphs) == 17
    assert article["author"] and article["author"] in text
    assert article["author_bio"] and article["author_bio"] in text
    video_line = text.split(paragraphs[-1], 1)[1].strip().splitlines()[0]
    for leftover in (
        video_line,
        article["author"],
        article["author_bio"],
        "Recent Posts",
        "days ago",
    ):
        assert leftover not in article["body"]
    assert article["published_at"] is None


def test_add_json_file_and_json_on_stdin(run, db):
    run("add", SAMPLE_DATA / "records" / "bridge-repairs.json")
    record = {"title": "Piped JSON", "content": "Body under an alias.", "date": "2024-02-03"}
    run("add", "-", input=json.dumps(record))
    first, second = article_rows(db())
    assert first["title"] == "Swing Bridge to Close for Three Weeks of Repairs"
    assert first["tags"] == "roadworks,transport"
    assert first["published_at"] == "2026-11-18T07:45:00Z"
    assert second["body"] == "Body under an alias."
    assert second["published_at"] == "2024-02-03T00:00:00Z"
    assert second["source"] == "<stdin>"


def test_add_saved_page_from_stdin(run, db):
    run("add", "-", input=(PAGES / "market-report.txt").read_text(encoding="utf-8"))
    [article] = article_rows(db())
    assert article["author"] == "Aiko Tanaka-Reid"


def test_adding_the_same_article_again_stores_nothing(run, db):
    run("add", PAGES / "solar-farm.txt")
    again = run("add", PAGES / "solar-farm.txt")
    assert "Already stored as article 1, unchanged" in again.stdout
    run("add", "--title", "T", "--url", "https://x.example/a?utm_source=feed", "--body", "b")
    same_url = run("add", "--title", "T", "--url", "https://x.example/a#comments", "--body", "b")
    assert "Already stored as article 2" in same_url.stdout
    assert len(article_rows(db())) == 2


def test_same_url_with_new_text_updates_unless_told_not_to(run, db):
    run("add", "--title", "Storm", "--url", "https://x.example/storm", "--body", "Early report.")
    kept = run(
        "add",
        "--title",
        "Storm",
        "--url",
        "https://x.example/storm",
        "--body",
        "Later.",
        "--no-update",
    )
    assert "unchanged" in kept.stdout
    assert article_rows(db())[0]["body"] == "Early report."
    updated = run(
        "add", "--title", "Storm", "--url", "https://x.example/storm", "--body", "Full report."
    )
    assert "Updated article 1" in updated.stdout
    [article] = article_rows(db())
    assert article["body"] == "Full report."
    assert article["updated_at"] is not None


def test_add_json_output_is_the_stored_article(run):
    result = run(
        "add", "--json", "--title", "JSON out", "--author", "Bo", "--tag", "x", "--body", "Text"
    )
    data = json.loads(result.stdout)
    assert data["id"] == 1
    assert data["title"] == "JSON out"
    assert data["author"] == "Bo"
    assert data["tags"] == ["x"]
    assert data["body"] == "Text"
    assert {"category", "url", "published_at", "added_at", "source", "author_bio"} <= set(data)


@pytest.mark.parametrize(
    ("args", "code", "fragments"),
    [
        (["add", "--body", "no title here"], 2, ["--title"]),
        (["add", "--title", "  ", "--body", "x"], 2, ["no title"]),
        (["add", "--title", "T", "--published", "next blursday"], 2, ["--published", "not a date"]),
        (["add", "--title", "T", "--published", "2024-13-45"], 2, ["--published"]),
        (["add", "does-not-exist.txt"], 2, ["no such file"]),
        (["add", "--title", "T", "--body", "x", "--body-file", "x.txt"], 2, ["--body"]),
        (["add", "--title", "T", "--limit", "3"], 2, ["no such option"]),
    ],
)
def test_bad_options_are_one_line_errors_and_store_nothing(
    run, db, archive_path, args, code, fragments
):
    result = run(*args, expect=code)
    assert_one_error_line(result, *fragments)
    if archive_path.exists():
        assert article_rows(db()) == []


def test_bad_files_are_rejected_with_their_location(run, db, tmp_path, archive_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_one_error_line(run("add", binary, expect=1), "photo.txt", "binary")
    assert not archive_path.exists()  # rejected before anything was created
    malformed = tmp_path / "broken.json"
    malformed.write_text('{"title": "x", "body": }', encoding="utf-8")
    assert_one_error_line(run("add", malformed, expect=1), "broken.json:1:", "invalid JSON")
    untitled = tmp_path / "untitled.json"
    untitled.write_text('{"body": "no title"}', encoding="utf-8")
    assert_one_error_line(run("add", untitled, expect=1), "untitled.json", "no title")
    bad_date = tmp_path / "date.json"
    bad_date.write_text('{"title": "x", "published": "soon"}', encoding="utf-8")
    assert_one_error_line(run("add", bad_date, expect=1), "date.json", "not a date")
    several = tmp_path / "two.json"
    several.write_text('[{"title": "a"}, {"title": "b"}]', encoding="utf-8")
    assert_one_error_line(run("add", several, expect=1), "2 articles", "newsctl import")
    run("add", "--title", "Kept", "--body", "b")
    assert_one_error_line(run("add", binary, expect=1), "binary")
    assert [row["title"] for row in article_rows(db())] == ["Kept"]


def test_archive_that_is_not_sqlite_is_refused_and_left_alone(run, archive_path):
    archive_path.write_text("these are my shopping notes, not a database\n" * 20)
    before = archive_path.read_bytes()
    result = run("add", "--title", "T", "--body", "b", expect=4)
    assert_one_error_line(result, "not a newsctl archive")
    assert run("list", expect=4).stderr.count("\n") == 1
    assert archive_path.read_bytes() == before


def test_article_text_stays_text(run, db):
    title = (
        "[bold red]Loud[/] [link=file:///etc/passwd]click[/link] \x1b[2J\x1b]52;c;aGk=\x07 \x9b31m"
    )
    run("add", "--title", title, "--author", "[/]", "--body", "Body [italic]x[/italic]\x1b[31m red")
    [stored] = article_rows(db())
    assert "\x1b" not in stored["title"] + stored["body"] and "\x9b" not in stored["title"]
    assert stored["title"].startswith("[bold red]Loud[/] [link=file:///etc/passwd]click[/link]")
    for command in (["list"], ["show", "1"], ["recent"], ["search", "loud"], ["authors"]):
        out = run(*command).stdout
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "[bold red]Loud[/] [link=file:///etc/passwd]click[/link]" in run("show", "1").stdout
    assert "Body [italic]x[/italic][31m red" in run("show", "1").stdout


def test_add_with_an_unknown_format_is_a_usage_error(run, archive_path):
    page = SAMPLE_DATA / "pages" / "solar-farm.txt"
    assert_one_error_line(run("add", page, "--format", "docx", expect=2), "unknown format")
    assert not archive_path.exists()
