"""Fetching from the web: add URL, import URL, feeds, fetch; each against a real HTTP
server that the test starts on 127.0.0.1 (tests/webserver.py), never the internet."""

import gzip
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import formatdate
from pathlib import Path

import brotli
import pytest

from newsctl.dates import parse_timestamp
from newsctl.fetch.http import (
    USER_AGENT,
    Fetcher,
    FetchError,
    Limits,
    Validators,
    retry_after_seconds,
)
from newsctl.fetch.runner import MAX_BACKOFF, next_delay
from newsctl.fetch.subscriptions import parse_every
from tests.conftest import article_rows, assert_one_error_line, rows
from tests.webserver import Reply, Site, gzipped, items, rss

NEWSCTL = [sys.executable, "-m", "newsctl"]
NOT_ARTICLES = Path(__file__).parent / "data" / "not-articles"


@pytest.fixture
def site():
    server = Site()
    yield server
    server.close()


def subscriptions(db) -> list[dict]:
    return rows(db(), "SELECT * FROM subscriptions ORDER BY id")


def subscribe(run, url: str, *options: str) -> None:
    run("feeds", "add", url, "--no-check", *options)


def in_seconds(stamp: str) -> float:
    return (parse_timestamp(stamp) - datetime.now(UTC)).total_seconds()


# -- the HTTP client ---------------------------------------------------------------------------


def test_a_request_names_newsctl_and_asks_for_compressed_feeds(site):
    url = site.route("/feed", Reply(body=b"<rss/>"))
    with Fetcher() as fetcher:
        response = fetcher.get(url)
    assert response.status == 200 and response.content == b"<rss/>"
    headers = site.requests[0].headers
    assert headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsctl/0.") and "(+http" in USER_AGENT
    assert {"gzip", "br"} <= {part.strip() for part in headers["accept-encoding"].split(",")}


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate"])
def test_compressed_bodies_are_decoded(site, encoding):
    body = rss("Gazette", items("z", 3)) * 20
    packed = {
        "gzip": gzip.compress,
        "br": brotli.compress,
        "deflate": lambda data: __import__("zlib").compress(data),
    }[encoding](body)
    url = site.route("/feed", Reply(body=packed, headers={"Content-Encoding": encoding}))
    with Fetcher() as fetcher:
        assert fetcher.get(url).content == body


@pytest.mark.parametrize(
    "reply",
    [
        Reply(body=b"x" * 5000),  # declared too large
        Reply(body=b"x" * 5000, length=False),  # streamed, no length: stopped past the limit
        gzipped(b" " * 5_000_000),  # a small compressed body that expands past the limit
        Reply(body=brotli.compress(b" " * 5_000_000), headers={"Content-Encoding": "br"}),
    ],
    ids=["content-length", "streamed", "gzip-bomb", "brotli-bomb"],
)
def test_a_body_over_the_size_limit_is_not_read(site, reply):
    url = site.route("/big", reply)
    with Fetcher(Limits(max_bytes=4096)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert "larger than" in caught.value.message and caught.value.kind == "size"


def test_a_server_that_stalls_meets_the_time_limit(site):
    url = site.route("/stall", Reply(body=b"<rss/>", stall=30))
    started = time.monotonic()
    with Fetcher(Limits.within(1)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert time.monotonic() - started < 5
    assert caught.value.kind == "timeout" and "nothing for 1 s" in caught.value.message


def test_a_server_that_trickles_meets_the_total_time_limit(site):
    url = site.route("/slow", Reply(body=b"x" * 100, trickle=0.3))
    started = time.monotonic()
    with Fetcher(Limits(read=5, total=1.5)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert time.monotonic() - started < 4
    assert "longer than 1.5 s" in caught.value.message


def test_redirects_are_followed_and_permanent_ones_reported(site):
    site.route("/a", Reply(301, headers={"Location": "/b"}))
    site.route("/b", Reply(308, headers={"Location": site.url("/c")}))
    site.route("/c", Reply(302, headers={"Location": "/d"}))
    site.route("/d", Reply(body=b"<rss/>"))
    with Fetcher() as fetcher:
        response = fetcher.get(site.url("/a"))
    assert response.url == site.url("/d")
    assert response.moved_to == site.url("/c")  # the 302 after it is not permanent


@pytest.mark.parametrize(
    ("chain", "message"),
    [
        ({f"/r{n}": f"/r{n + 1}" for n in range(6)}, "more than 5 redirects"),
        ({"/r0": "/r1", "/r1": "/r0"}, "redirect loop"),
        ({"/r0": "ftp://127.0.0.1/feed"}, "not http(s)"),
    ],
    ids=["too-many", "loop", "scheme"],
)
def test_bad_redirect_chains_fail(site, chain, message):
    for path, target in chain.items():
        site.route(path, Reply(302, headers={"Location": target}))
    site.route("/r6", Reply(body=b"<rss/>"))
    with Fetcher() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/r0"))
    assert message in caught.value.message


def test_five_redirects_are_allowed(site):
    for n in range(5):
        site.route(f"/r{n}", Reply(307, headers={"Location": f"/r{n + 1}"}))
    site.route("/r5", Reply(body=b"ok"))
    with Fetcher() as fetcher:
        assert fetcher.get(site.url("/r0")).content == b"ok"


def test_conditional_requests_send_the_validators(site):
    url = site.feed("/feed", b"<rss/>", etag='"abc"')
    with Fetcher() as fetcher:
        first = fetcher.get(url)
        second = fetcher.get(url, first.validators)
    assert first.validators == Validators('"abc"', None) and not first.not_modified
    assert second.not_modified and second.content == b""
    assert site.requests[1].headers["if-none-match"] == '"abc"'


def test_retry_after_reads_seconds_and_dates():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Fri, 01 May 2026 12:10:00 GMT", now) == 600
    assert retry_after_seconds("Fri, 01 May 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds("soon", now) is None and retry_after_seconds(None) is None


def test_back_off_doubles_up_to_a_day_and_honours_retry_after():
    assert [next_delay(600, errors) for errors in range(4)] == [600, 600, 1200, 2400]
    assert next_delay(600, 30) == MAX_BACKOFF
    assert next_delay(7 * 86400, 3) == 7 * 86400  # a weekly feed is not fetched more often
    assert next_delay(600, 1, retry_after=7200) == 7200
    assert next_delay(600, 1, retry_after=10**9) == 7 * 86400


def test_intervals():
    assert parse_every("30m") == 1800 and parse_every("2h") == 7200 and parse_every("1d") == 86400
    assert parse_every("45") == 2700  # minutes


# -- newsctl fetch --------------------------------------------------------------------------------


def test_fetch_imports_due_feeds_and_a_304_costs_nothing(run, db, site):
    etag_feed = site.feed("/etag.xml", rss("Etag Gazette", items("e", 3)), etag='"v1"')
    dated_feed = site.feed(
        "/dated.xml", rss("Dated Herald", items("d", 2)), last_modified=1_700_000_000
    )
    subscribe(run, etag_feed)
    subscribe(run, dated_feed)
    first = run("fetch")
    assert "Added" in first.stdout and "2 fetched, 0 not modified, 0 failed" in first.stdout
    assert first.stderr == ""
    assert len(article_rows(db())) == 5
    stored = {row["url"]: row for row in subscriptions(db)}
    assert stored[etag_feed]["etag"] == '"v1"' and stored[etag_feed]["articles"] == 3
    assert stored[dated_feed]["last_modified"] == formatdate(1_700_000_000, usegmt=True)
    assert 3500 < in_seconds(stored[etag_feed]["next_due_at"]) <= 3600

    nothing = run("fetch")
    assert "No feed is due" in nothing.stderr and len(site.requests) == 2
    again = run("fetch", "--all", "--json")
    report = json.loads(again.stdout)
    assert report["not_modified"] == 2 and report["fetched"] == 0 and report["import"]["added"] == 0
    # The two feeds are fetched at once: their requests come in either order.
    later = {request.path: request for request in site.requests[2:]}
    assert later["/etag.xml"].headers["if-none-match"] == '"v1"'
    assert later["/dated.xml"].headers["if-modified-since"] == formatdate(
        1_700_000_000, usegmt=True
    )
    assert {row["last_status"] for row in subscriptions(db)} == {"304"}
    assert len(article_rows(db())) == 5


def test_one_failing_feed_never_stops_the_others(run, db, site):
    good = site.feed("/good.xml", rss("Good", items("g", 2)))
    missing = site.url("/missing.xml")
    broken = site.route("/broken.xml", Reply(500, b"oops"))
    page = site.route("/page.html", Reply(body=b"<html><title>x</title><p>hi</p></html>"))
    for url in (good, missing, broken, page):
        subscribe(run, url)
    result = run("fetch", expect=1)
    assert len(article_rows(db())) == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert any("missing.xml: HTTP 404 Not Found" in line for line in lines)
    assert any("broken.xml: HTTP 500" in line for line in lines)
    assert any("page.html: an HTML page, not a feed" in line for line in lines)
    assert "Traceback" not in result.stderr
    stored = {row["url"]: row for row in subscriptions(db)}
    assert stored[missing]["consecutive_errors"] == 1 and stored[missing]["last_status"] == "404"
    assert stored[page]["last_status"] == "unreadable" and stored[good]["last_error"] is None

    # Back-off: each failure in a row doubles the wait.
    run("fetch", "--all", expect=1)
    stored = {row["url"]: row for row in subscriptions(db)}
    assert stored[missing]["consecutive_errors"] == 2
    assert 7000 < in_seconds(stored[missing]["next_due_at"]) <= 7200
    assert 3500 < in_seconds(stored[good]["next_due_at"]) <= 3600
    site.feed("/missing.xml", rss("Back", items("m", 1)))
    run("fetch", missing)  # a feed named is fetched, due or not
    stored = {row["url"]: row for row in subscriptions(db)}
    assert stored[missing]["consecutive_errors"] == 0 and stored[missing]["last_status"] == "200"


def test_410_gone_disables_the_subscription(run, db, site):
    url = site.route("/gone.xml", Reply(410))
    subscribe(run, url)
    result = run("fetch", expect=1)
    assert_one_error_line(result, "410", "disabled")
    assert subscriptions(db)[0]["disabled_at"] is not None
    run("fetch", "--all")  # a disabled feed is not fetched
    assert site.hits("/gone.xml") == 1
    listed = run("feeds", "list")
    assert "disabled" in listed.stdout
    site.feed("/gone.xml", rss("Back", items("b", 1)))
    subscribe(run, url)  # subscribing again enables it
    run("fetch")
    assert subscriptions(db)[0]["disabled_at"] is None and len(article_rows(db())) == 1


def test_feeds_list_piped_is_one_row_per_line(run, db, site):
    long_path = "/" + "/".join(["section"] * 12) + "/feed.xml"
    url = site.feed(long_path, rss("Harbour news from the coast", items("h", 2)))
    run("feeds", "add", url)  # checked: the subscription takes the feed's title
    run("fetch")
    lines = run("feeds", "list").stdout.splitlines()
    [row] = [line for line in lines if url in line]
    assert "Harbour news from the coast" in row and row.split()[0] == "1"
    # The next fetch, an hour after this one: "in 59 minutes" once a second has passed.
    assert "│ 200 " in row and row.rstrip().endswith(("in 1 hour", "in 59 minutes"))


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_honoured(run, db, site, status):
    url = site.route("/busy.xml", Reply(status, headers={"Retry-After": "10800"}))
    subscribe(run, url, "--every", "10m")
    result = run("fetch", expect=1)
    assert_one_error_line(result, str(status), "asked to wait 10800 s")
    assert 10700 < in_seconds(subscriptions(db)[0]["next_due_at"]) <= 10800
    run("fetch")
    assert site.hits("/busy.xml") == 1


def test_a_stalled_feed_meets_the_time_limit(run, db, site):
    stalled = site.route("/stall.xml", Reply(body=b"<rss/>", stall=60))
    good = site.feed("/good.xml", rss("Good", items("g", 1)))
    subscribe(run, stalled)
    subscribe(run, good)
    started = time.monotonic()
    result = run("fetch", "--timeout", "1", expect=1)
    assert time.monotonic() - started < 10
    assert_one_error_line(result, "stall.xml", "sent nothing for 1 s")
    assert subscriptions(db)[0]["last_status"] == "timeout" and len(article_rows(db())) == 1


def test_a_feed_over_the_size_limit_is_refused(run, db, site):
    # 17 MB of spaces compress to ~17 KB: the limit counts what the body expands to.
    url = site.route("/bomb.xml", gzipped(b"<rss>" + b" " * (17 * 2**20) + b"</rss>"))
    subscribe(run, url)
    result = run("fetch", expect=1)
    assert_one_error_line(result, "bomb.xml", "larger than 16 MB")


def test_redirects_move_subscriptions_only_when_permanent(run, db, site):
    feed = site.feed("/new.xml", rss("Moved", items("m", 1)))
    site.route("/old.xml", Reply(301, headers={"Location": "/new.xml"}))
    site.route("/temp.xml", Reply(302, headers={"Location": "/new.xml"}))
    site.route("/loop.xml", Reply(308, headers={"Location": "/loop.xml"}))
    for path in ("/old.xml", "/temp.xml", "/loop.xml"):
        subscribe(run, site.url(path))
    result = run("fetch", expect=1)
    assert_one_error_line(result, "loop.xml", "redirect loop")
    urls = [row["url"] for row in subscriptions(db)]
    # The permanent move is taken; the temporary one keeps its url, even to the same feed.
    assert urls == [feed, site.url("/temp.xml"), site.url("/loop.xml")]
    assert len(article_rows(db())) == 1


def test_the_http_charset_outranks_the_xml_declaration(run, db, site):
    title = "Новости города"
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>K</title>'
        f"<item><title>{title}</title><guid>k1</guid><description>{title}: мост открыт."
        "</description></item></channel></rss>"
    ).encode("koi8-r")
    url = site.route(
        "/koi8.xml",
        Reply(body=body, headers={"Content-Type": "application/rss+xml; charset=KOI8-R"}),
    )
    subscribe(run, url)
    run("fetch")
    assert article_rows(db())[0]["title"] == title


def test_a_feed_fetched_again_updates_edited_entries_and_keeps_deletions(run, db, site):
    entries = items("s", 3)
    site.feed("/feed.xml", rss("Edits", entries))
    subscribe(run, site.url("/feed.xml"))
    run("fetch")
    run("delete", "3", "--yes")
    entries[0]["title"] = "s story 0, corrected"
    site.feed("/feed.xml", rss("Edits", entries))
    result = run("fetch", "--all", "--json")
    counts = json.loads(result.stdout)["import"]
    assert (counts["added"], counts["updated"], counts["unchanged"], counts["skipped"]) == (
        0, 1, 1, 1,
    )  # fmt: skip
    titles = [row["title"] for row in article_rows(db())]
    assert titles == ["s story 0, corrected", "s story 1"]
    history = run("history", "1")
    assert "import" in history.stdout


def test_subscription_settings_file_the_articles(run, db, site):
    feed = rss(
        "Filed",
        [{"title": "Bridge", "guid": "f1", "category": "Transport", "description": "Closed."}],
    )
    url = site.feed("/feed.xml", feed)
    subscribe(run, url, "--category", "Local", "--tag", "council", "--every", "2h")
    run("fetch")
    article = article_rows(db())[0]
    assert article["category"] == "Local" and article["tags"] == "Transport,council"
    assert subscriptions(db)[0]["every"] == 7200


def test_full_text_fetches_new_entries_pages_once(run, db, site):
    paragraphs = "".join(
        f"<p>Paragraph {n} of the full report on the harbour wall, with every detail the "
        f"summary left out, as the council's engineers explained it on Tuesday.</p>"
        for n in range(8)
    )
    for n in range(2):
        site.route(
            f"/story/{n}",
            Reply(
                body=f"<html><head><title>Story {n}</title></head><body><article>"
                f"<h1>Story {n}</h1>{paragraphs}</article></body></html>".encode(),
                headers={"Content-Type": "text/html; charset=utf-8"},
            ),
        )
    entries = [
        {"title": f"Story {n}", "guid": f"t{n}", "link": site.url(f"/story/{n}"),
         "description": "A short summary."}
        for n in range(2)
    ]  # fmt: skip
    site.feed("/feed.xml", rss("Summaries", entries))
    subscribe(run, site.url("/feed.xml"), "--full-text")
    run("fetch")
    bodies = [row["body"] for row in article_rows(db())]
    assert all("Paragraph 7 of the full report" in body for body in bodies), bodies
    again = run("fetch", "--all", "--json")
    assert json.loads(again.stdout)["import"]["unchanged"] == 2
    assert site.hits("/story/0") == site.hits("/story/1") == 1


def test_fetch_with_no_feeds_or_an_unknown_one(run):
    assert "No feeds yet" in run("fetch").stderr
    assert_one_error_line(run("fetch", "7", expect=3), "no feed '7'")


# -- feeds ----------------------------------------------------------------------------------------


def test_feeds_add_of_a_page_subscribes_to_the_feed_it_advertises(run, db, site):
    feed = site.feed("/feeds/main.xml", rss("The Gazette", items("p", 1)))
    page = site.route(
        "/blog/",
        Reply(
            body=b'<html><head><base href="/feeds/"><title>Blog</title>'
            b'<link rel="alternate" type="application/rss+xml" href="main.xml"></head>'
            b"<body><p>Welcome</p></body></html>",
            headers={"Content-Type": "text/html"},
        ),
    )
    result = run("feeds", "add", page)
    assert "Subscribed to feed 1: The Gazette" in result.stdout
    assert [(row["url"], row["title"]) for row in subscriptions(db)] == [(feed, "The Gazette")]
    assert "already subscribed" in run("feeds", "add", feed).stdout


def test_feeds_add_refuses_what_is_not_a_feed(run, db, site):
    page = site.route("/plain", Reply(body=b"<html><body><p>No feeds here</p></body></html>"))
    assert_one_error_line(run("feeds", "add", page, expect=1), "advertises no feed")
    assert_one_error_line(run("feeds", "add", site.url("/none"), expect=1), "404")
    assert_one_error_line(run("feeds", "add", "ftp://example.com/feed", expect=2), "only http")
    assert_one_error_line(run("feeds", "add", "feed.xml", expect=2), "not a url")
    assert_one_error_line(
        run("feeds", "add", site.url("/x"), "--no-check", "--every", "soon", expect=2), "--every"
    )
    assert json.loads(run("feeds", "list", "--json").stdout) == []


def test_feeds_list_and_remove(run, db, site):
    subscribe(run, site.url("/a.xml"), "--every", "30m")
    subscribe(run, site.url("/b.xml"))
    listed = json.loads(run("feeds", "list", "--json").stdout)
    assert [(feed["id"], feed["every"], feed["last_status"]) for feed in listed] == [
        (1, 1800, None), (2, 3600, None),
    ]  # fmt: skip
    table = run("feeds").stdout
    assert "not fetched yet" in table and "30m" in table
    run("feeds", "remove", "1", site.url("/b.xml"))
    assert subscriptions(db) == []
    assert_one_error_line(run("feeds", "remove", "9", expect=3), "no feed '9'")


def test_opml_round_trip(run, db, site, tmp_path, archive_path, monkeypatch):
    subscribe(run, site.url("/a.xml"), "--category", "Local", "--tag", "council", "--every", "2h")
    subscribe(run, site.url("/b.xml"), "--full-text")
    subscribe(run, site.url("/c.xml"), "--category", "Local")
    exported = run("feeds", "export").stdout
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    (tmp_path / "feeds.opml").write_text(exported, encoding="utf-8")
    keep = ("url", "title", "every", "category", "tags", "full_text")
    before = [{k: row[k] for k in keep} for row in subscriptions(db)]

    monkeypatch.setenv("NEWSCTL_DB", str(tmp_path / "other.db"))
    result = run("feeds", "import", tmp_path / "feeds.opml")
    assert "Subscribed to 3 feeds; 0 already subscribed" in result.stdout
    import sqlite_utils

    after = rows(sqlite_utils.Database(tmp_path / "other.db"), "SELECT * FROM subscriptions")
    assert sorted(before, key=str) == sorted(({k: row[k] for k in keep} for row in after), key=str)
    assert "0 skipped" in run("feeds", "import", tmp_path / "feeds.opml").stdout


def test_opml_of_another_reader(run, db, tmp_path):
    (tmp_path / "reader.opml").write_text(
        """<?xml version="1.0"?><opml version="1.0"><head><title>Mine</title></head><body>
        <outline text="Tech"><outline text="Blog" type="rss" xmlurl="https://blog.example/rss"
          category="/a/b,c"/></outline>
        <outline title="Top" type="rss" XMLURL="https://top.example/feed"/>
        <outline text="Bad" xmlUrl="file:///etc/passwd"/></body></opml>""",
        encoding="utf-8",
    )
    result = run("feeds", "import", tmp_path / "reader.opml", "--every", "1d", expect=1)
    assert "skipped 'file:///etc/passwd'" in result.stderr
    stored = [
        (r["url"], r["title"], r["category"], r["tags"], r["every"]) for r in subscriptions(db)
    ]
    assert stored == [
        ("https://blog.example/rss", "Blog", "Tech", '["b", "c"]', 86400),
        ("https://top.example/feed", "Top", None, "[]", 86400),
    ]
    (tmp_path / "bad.opml").write_text("<html>not a list</html>", encoding="utf-8")
    assert_one_error_line(run("feeds", "import", tmp_path / "bad.opml", expect=1), "not an OPML")


# -- add URL, import URL --------------------------------------------------------------------------


PAGE = (
    "<html><head><title>Night Ferry Returns | Gazette</title>"
    '<meta name="author" content="Marta Olsen"></head><body><article><h1>Night Ferry Returns</h1>'
    + "".join(
        f"<p>The night ferry to Gull Island will run again from March, sentence {n} of the "
        "report says, after six years without a late crossing.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
).encode()


def test_add_url_stores_the_page_under_its_final_url(run, db, site):
    site.route("/go", Reply(301, headers={"Location": "/ferry"}))
    site.route("/ferry", Reply(body=PAGE, headers={"Content-Type": "text/html"}))
    result = run("add", site.url("/go"))
    assert "Added" in result.stdout
    article = article_rows(db())[0]
    assert article["title"] == "Night Ferry Returns" and article["author"] == "Marta Olsen"
    assert article["url"] == site.url("/ferry") and "Gull Island" in article["body"]
    assert "Already stored as article 1" in run("add", site.url("/ferry")).stdout
    assert len(article_rows(db())) == 1


def test_add_url_errors_are_one_line(run, site):
    assert_one_error_line(run("add", site.url("/nothing"), expect=1), "404")
    feed = site.feed("/feed.xml", rss("Many", items("m", 2)))
    assert_one_error_line(run("add", feed, expect=1), "holds 2 articles")


def test_a_bot_challenge_is_rejected_with_status_200_as_with_an_error_status(run, db, site):
    # Cloudflare answers 403 with its challenge; some sites answer such a page with 200.
    challenge = (NOT_ARTICLES / "cloudflare-challenge.html").read_bytes()
    html = {"Content-Type": "text/html; charset=UTF-8"}
    answered = site.route("/ferry", Reply(body=challenge, headers=html))
    refused = site.route("/blocked", Reply(403, challenge, html))
    reason = "a bot challenge page, not an article"
    assert_one_error_line(run("add", answered, expect=1), answered, reason)
    assert_one_error_line(run("add", refused, expect=1), refused, "HTTP 403 Forbidden")
    assert_one_error_line(run("import", "--quiet", answered, expect=1), answered, reason)
    assert article_rows(db()) == []


def test_full_text_keeps_the_feeds_text_when_the_page_is_a_challenge(run, db, site):
    challenge = (NOT_ARTICLES / "cloudflare-challenge.html").read_bytes()
    page = site.route("/story", Reply(body=challenge, headers={"Content-Type": "text/html"}))
    entry = {"title": "Ferry", "guid": "f1", "link": page, "description": "A short summary."}
    site.feed("/feed.xml", rss("Summaries", [entry]))
    subscribe(run, site.url("/feed.xml"), "--full-text")
    result = run("fetch")
    assert "full text not read (a bot challenge page, not an article)" in result.stderr
    assert [row["body"] for row in article_rows(db())] == ["A short summary."]


def test_import_accepts_urls_beside_files(run, db, site, tmp_path):
    feed = site.feed("/feed.xml", rss("Imported", items("i", 2)))
    page = site.route("/ferry", Reply(body=PAGE, headers={"Content-Type": "text/html"}))
    local = tmp_path / "one.jsonl"
    local.write_text(json.dumps({"title": "Local file", "body": "From disk."}) + "\n")
    result = run("import", feed, local, page, site.url("/missing"), expect=1)
    assert len(article_rows(db())) == 4
    assert_one_error_line(result, "missing", "404")
    sources = {row["source"] for row in article_rows(db())}
    assert feed in sources and page in sources
    again = run("import", feed, "--json")
    assert json.loads(again.stdout)["unchanged"] == 2  # the same import path: idempotent
    assert_one_error_line(run("import", "gopher://x.example/feed", expect=2), "only http")


def test_recent_does_not_load_the_http_client(tmp_path):
    code = (
        "import sys\nsys.argv = ['newsctl', 'recent']\nfrom newsctl.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('httpx' in sys.modules, 'newsctl.fetch.http' in sys.modules)"
    )
    env = {**os.environ, "NEWSCTL_DB": str(tmp_path / "a.db")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr


# -- processes ------------------------------------------------------------------------------------


def newsctl(db: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NEWSCTL_DB": str(db)}
    return subprocess.Popen(
        [*NEWSCTL, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_the_installed_command_runs_the_cron_recipe(tmp_path, site):
    db = tmp_path / "archive.db"
    feed = site.feed("/feed.xml", rss("Cron", items("c", 4)), etag='"1"')
    broken = site.route("/broken.xml", Reply(503, headers={"Retry-After": "60"}))
    for url in (feed, broken):
        added = newsctl(db, "feeds", "add", url, "--no-check", "--every", "10m")
        assert added.wait(30) == 0
    cron = newsctl(db, "fetch", "--quiet")
    out, err = cron.communicate(timeout=60)
    assert cron.returncode == 1 and out == ""
    assert err.strip().splitlines() == [
        f"Error: feed 2 {broken}: HTTP 503 Service Unavailable; the server asked to wait 60 s"
    ]
    listed = newsctl(db, "feeds", "list", "--json")
    feeds = json.loads(listed.communicate(timeout=30)[0])
    assert [(f["articles"], f["consecutive_errors"]) for f in feeds] == [(4, 0), (0, 1)]


def test_two_fetch_processes_at_once_neither_duplicate_nor_lock(tmp_path):
    sites = [Site(f"127.0.0.{n}") for n in (1, 2, 3)]
    try:
        db = tmp_path / "archive.db"
        urls = []
        for n in range(30):
            site = sites[n % 3]
            # Every feed also carries the same shared entries: both processes may store them.
            entries = items(f"f{n}", 5) + items("shared", 3)
            for entry in entries[-3:]:
                entry["guid"] = entry["link"]  # a global id: the same article in every feed
            urls.append(site.feed(f"/feed{n}.xml", rss(f"Feed {n}", entries)))
        (tmp_path / "feeds.opml").write_text(
            "<opml version='2.0'><body>"
            + "".join(f"<outline type='rss' xmlUrl='{url}'/>" for url in urls)
            + "</body></opml>"
        )
        assert newsctl(db, "feeds", "import", str(tmp_path / "feeds.opml")).wait(30) == 0
        fetchers = [newsctl(db, "fetch", "--json") for _ in range(2)]
        reports = []
        for process in fetchers:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            assert "locked" not in err and "Traceback" not in err
            reports.append(json.loads(out))
        assert sum(report["feeds"] for report in reports) == 30  # each feed claimed once
        assert all(sum(s.hits(f"/feed{n}.xml") for s in sites) == 1 for n in range(30))
        import sqlite3

        connection = sqlite3.connect(db)
        count, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT coalesce(guid, url_key)) FROM articles"
        ).fetchone()
        connection.close()
        assert count == distinct == 30 * 5 + 3
    finally:
        for site in sites:
            site.close()


def test_claims_keep_a_second_run_off_the_same_feeds(run, db, site):
    from newsctl.archive import open_archive
    from newsctl.fetch.subscriptions import CLAIM_SECONDS, Subscriptions

    subscribe(run, site.feed("/feed.xml", rss("Claimed", items("c", 1))))
    path = Path(os.environ["NEWSCTL_DB"])
    with open_archive(path) as archive:
        claimed = Subscriptions(archive).claim()
        assert [s.id for s in claimed] == [1]
        assert Subscriptions(archive).claim() == []
        later = datetime.now(UTC) + timedelta(seconds=CLAIM_SECONDS + 1)
        assert [s.id for s in Subscriptions(archive).claim(now=later)] == [1]  # ran out
    assert "being fetched by another" in run("fetch").stderr
