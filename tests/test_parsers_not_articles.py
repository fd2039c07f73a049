"""Pages that are no article (newsctl.parsers.not_articles): a server's error page, a bot
challenge, a consent or paywall interstitial are rejected with file and reason; articles
about such pages, or with a cookie banner and a subscription box, are stored. The pages
are small ones of our own making in tests/data/not-articles, after the real ones."""

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils

from newsctl.parsers.not_articles import MAX_LETTERS, not_an_article
from tests.conftest import article_rows, assert_one_error_line

NOT_ARTICLES = Path(__file__).parent / "data" / "not-articles"
REPORT = "".join(
    f"<p>Paragraph {n} of the report: when a page moves and nobody leaves a redirect behind, "
    "every link to it ends in the same short answer from the server, and readers who follow "
    f"an old citation from {2000 + n} find nothing where the article used to be.</p>"
    for n in range(12)
)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("apache-404.html", "an error page (404 Not Found), not an article"),
        ("nginx-403.html", "an error page (403 Forbidden), not an article"),
        ("wordpress-404-de.html", "an error page (Seite nicht gefunden), not an article"),
        ("cloudflare-challenge.html", "a bot challenge page, not an article"),
        ("cloudflare-block.html", "a bot challenge page, not an article"),
        ("consent.html", "a cookie-consent page, not an article"),
        ("paywall.html", "a paywall page, not an article"),
        ("directory-listing.html", "a directory listing, not an article"),
        # The same server's answer saved as text (the saved-page format).
        ("apache-404.txt", "an error page (404 Not Found), not an article"),
    ],
)
def test_a_page_that_is_no_article_is_rejected_with_its_reason(name, reason, run, db, tmp_path):
    shutil.copy(NOT_ARTICLES / name, tmp_path / name)
    result = run("import", "--quiet", tmp_path / name, expect=1)
    assert_one_error_line(result, f"{name}: {reason}")
    assert article_rows(db()) == []


def article_page(title: str, headline: str, extra: str = "") -> bytes:
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{extra}"
        f"<article><h1>{headline}</h1>{REPORT}</article></body></html>"
    ).encode()


def test_articles_about_such_pages_or_beside_a_banner_are_stored(run, db, tmp_path):
    # Its title's first segment is an error page's; its text is an article's length.
    headline = "404 Not Found – the story of the web's best-known error"
    about_404 = article_page(headline, headline)
    about_cloudflare = article_page(
        "Just a moment: why sites make readers wait", "Just a moment: why sites make readers wait"
    )
    banner = (
        "<div class='cookie-banner'><h2>We value your privacy</h2><p>We use cookies.</p>"
        "<button>Accept all</button></div>"
    )
    subscribe = (
        "<aside class='paywall'><h2>Subscribe to continue reading</h2><p>Already a subscriber?"
        " <a href='/login'>Sign in</a></p></aside>"
    )
    with_boxes = article_page("Links that rot | Gazette", "Links that rot", banner + subscribe)
    pages = {"about-404.html": about_404, "cf.html": about_cloudflare, "boxes.html": with_boxes}
    for name, data in pages.items():
        (tmp_path / name).write_bytes(data)
    result = run("import", tmp_path)
    assert "3 files in" in result.stdout and result.stderr == ""
    stored = {row["title"]: row["body"] for row in article_rows(db())}
    assert set(stored) == {
        headline,
        "Just a moment: why sites make readers wait",
        "Links that rot",
    }
    assert all("Paragraph 11 of the report" in body for body in stored.values())


def test_a_scrapers_records_of_such_pages_are_rejected_but_an_exports_are_kept(run, db, tmp_path):
    # A scraper that saved what the server answered writes it as a record like any other.
    records = [
        {"title": "Just a moment...", "url": "https://gazette.example/a",
         "body": "Checking if the site connection is secure. Enable JavaScript to continue."},
        {"title": "Page not found – Gazette", "url": "https://gazette.example/b", "body": ""},
        {"title": "Ferry fares rise", "url": "https://gazette.example/c", "body": "Ten percent."},
        {"title": "Just a moment: why sites make readers wait", "body": "A short one."},
    ]  # fmt: skip
    source = tmp_path / "scraped.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / "scraped.csv").write_text(
        "title,url,body\n404 Not Found,https://gazette.example/d,The requested URL was not found"
        " on this server.\n",
        encoding="utf-8",
    )
    result = run("import", source, tmp_path / "scraped.csv", expect=1)
    assert "scraped.jsonl:line 1: a bot challenge page, not an article" in result.stderr
    assert "scraped.jsonl:line 2: an error page (Page not found), not an article" in result.stderr
    assert "scraped.csv:line 2: an error page (404 Not Found), not an article" in result.stderr
    assert {row["title"] for row in article_rows(db())} == {
        "Ferry fares rise",
        "Just a moment: why sites make readers wait",
    }
    # An article a person kept under such a title goes out and comes back with an export.
    run("add", "--title", "404 Not Found", "--body", "Our column on dead links.")
    exported = run("export", "--format", "jsonl").stdout
    (tmp_path / "back.jsonl").write_text(exported, encoding="utf-8")
    again = tmp_path / "again.db"
    run("--db", again, "import", tmp_path / "back.jsonl")
    assert "404 Not Found" in {row["title"] for row in article_rows(sqlite_utils.Database(again))}


def test_records_of_numbers_only_are_rejected(run, db, tmp_path):
    # A table of figures read as records: no headline is written without a letter.
    (tmp_path / "figures.csv").write_text(
        "title,body\n1,2\n3.5,-4\n1984,A review of the novel.\n", "utf-8"
    )
    result = run("import", tmp_path / "figures.csv", expect=1)
    for line in (2, 3):
        assert f"figures.csv:line {line}: no words to read as an article" in result.stderr
    assert [row["title"] for row in article_rows(db())] == ["1984"]


def test_a_short_article_opening_with_such_a_phrase_is_kept(run, db, tmp_path):
    # Under a headline of its own, "Access denied." is the article's first line.
    body = "Access denied.\nThe minister saw that message on Tuesday when she tried to log in."
    (tmp_path / "r.jsonl").write_text(
        json.dumps({"title": "Minister's account hacked", "body": body}) + "\n", "utf-8"
    )
    (tmp_path / "p.html").write_text(
        "<html><head><title>Council website goes dark</title></head><body><article>"
        "<h1>Council website goes dark</h1><p>Page not found.</p>"
        "<p>That is what residents saw on Monday.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = run("import", tmp_path / "r.jsonl", tmp_path / "p.html")
    assert result.stderr == ""
    assert {row["title"] for row in article_rows(db())} == {
        "Minister's account hacked",
        "Council website goes dark",
    }


def test_the_phrase_alone_or_much_text_is_no_reason():
    short = ["The requested URL /x was not found on this server."]
    assert not_an_article("404 Not Found", [], short) == (
        "an error page (404 Not Found), not an article"
    )
    assert not_an_article("404 Not Found", [], ["x" * (MAX_LETTERS + 1)]) is None
    # Part of a headline, or a word that is a headline as much as an error: not the page's name.
    for title in ("Access denied to the archive, court rules", "Forbidden", "Gone"):
        assert not_an_article(title, [], short) is None
    # The page's <h1> or first line says it when the title is the site's headline.
    assert not_an_article("Tide mill", ["Subscribe to continue reading"], short)
    assert not_an_article("Tide mill", [], ["Just a moment...", *short])
