"""Small pure helpers: dates, spans and ages; search queries; canonical urls; text cleaning."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsctl.dates import parse_date, parse_relative_age, parse_since, parse_span, relative_age
from newsctl.query import match_expression
from newsctl.text import clean_line, clean_text, first_line
from newsctl.urls import canonical_url

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2024-05-01", "2024-05-01T00:00:00Z"),
        ("2024-05-01T09:30:00Z", "2024-05-01T09:30:00Z"),
        ("2024-05-01T09:30:00+02:00", "2024-05-01T07:30:00Z"),
        ("2024-05-01 09:30", "2024-05-01T09:30:00Z"),
        ("Wed, 01 May 2024 09:30:00 GMT", "2024-05-01T09:30:00Z"),
        ("May 1, 2024", "2024-05-01T00:00:00Z"),
        ("1 May 2024 9:30 pm", "2024-05-01T21:30:00Z"),
    ],
)
def test_parse_date(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize("text", ["", "soon", "5", "2024-13-01", "next tuesday", "32/13/2024"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_spans_and_since():
    assert parse_span("7d") == timedelta(days=7)
    assert parse_span("2w") == timedelta(weeks=2)
    assert parse_span("12h") == timedelta(hours=12)
    assert parse_span("3 months") == timedelta(days=90)
    assert parse_span("1y") == timedelta(days=365)
    assert parse_span("2024-05-01") is None
    assert parse_since("7d", NOW) == "2026-11-20T12:00:00Z"
    assert parse_since("2024-05-01", NOW, end_of_day=True) == "2024-05-01T23:59:59Z"
    assert parse_since("2024-05-01T10:00:00Z", NOW, end_of_day=True) == "2024-05-01T10:00:00Z"


@pytest.mark.parametrize(
    ("delta", "age"),
    [
        (timedelta(seconds=10), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(hours=5), "5 hours ago"),
        (timedelta(days=1), "1 day ago"),
        (timedelta(days=2), "2 days ago"),
        (timedelta(days=13), "13 days ago"),
        (timedelta(days=14), "2 weeks ago"),
        (timedelta(days=23), "3 weeks ago"),
        (timedelta(days=75), "2 months ago"),
        (timedelta(days=800), "2 years ago"),
        (-timedelta(days=3), "in 3 days"),
    ],
)
def test_relative_age(delta, age):
    stamp = (NOW - delta).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert relative_age(stamp, NOW) == age


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("2 days ago", timedelta(days=2)),
        ("an hour ago", timedelta(hours=1)),
        ("1 week ago", timedelta(weeks=1)),
        ("3 weeks ago", timedelta(weeks=3)),
        ("a month ago", timedelta(days=30)),
        ("yesterday", timedelta(days=1)),
        ("Just now", timedelta(0)),
        ("2 days", None),
        ("Diane A. Wade", None),
    ],
)
def test_parse_relative_age(text, delta):
    assert parse_relative_age(text) == delta


@pytest.mark.parametrize(
    ("query", "expression"),
    [
        ("flood", '"flood"'),
        ("flood spain", '"flood" AND "spain"'),
        ('"night ferry" late', '"night ferry" AND "late"'),
        ("elect*", '"elect"*'),
        ("multi-agent", '"multi-agent"'),
        ("AND", ""),
        ("and", '"and"'),
        ('unbalanced "quote', '"unbalanced" AND "quote"'),
        ("title:x", '{title title_ngrams} : ("x")'),
        ("flood OR fire -spain", '(("flood" OR "fire")) NOT ("spain")'),
        ("東京", '"東京"'),
        ("図書館", '"図書 書館"'),
        ("東", '"東"*'),
        ("*", ""),
        ('""', ""),
        ("  ", ""),
        ("&& ||", ""),
        ("-flood", ""),
    ],
)
def test_match_expression(query, expression):
    assert match_expression(query) == expression


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://News.Example/a/b/?utm_source=x&utm_medium=y", "https://news.example/a/b"),
        ("http://news.example/a#comments", "https://news.example/a"),
        ("https://news.example:443/a?b=2&a=1&fbclid=z", "https://news.example/a?a=1&b=2"),
        ("https://news.example:8080/a", "https://news.example:8080/a"),
        ("urn:uuid:1234", "urn:uuid:1234"),
        ("  ", None),
        (None, None),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_text_cleaning():
    assert clean_text("a\r\nb\x1b[2J\x00c\x9b\n\tend  ") == "a\nb[2Jc\n\tend"
    assert clean_line("  a \n b\x07 ") == "a b"
    assert first_line("word " * 50, 20) == "word word word word…"
    assert first_line("short", 20) == "short"


def test_html_to_text():
    from newsctl.parsers.markup import html_to_text

    assert (
        html_to_text("<p>One &amp; <b>two</b></p><p>Three<br>four</p>") == "One & two\n\nThree four"
    )
    assert (
        html_to_text("<div>bell\x07 and \x1b escape</div><p>next</p>") == "bell and escape\n\nnext"
    )
    assert html_to_text("<script>alert(1)</script>Text &amp;eacute;") == "Text é"
    assert html_to_text(None) == "" and html_to_text("plain  text") == "plain text"
    # A tag's name the HTML escaped to show it is text; markup escaped twice is not.
    assert html_to_text("<p>Close every &lt;li&gt; you open</p>") == "Close every <li> you open"
    assert html_to_text("&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;again&lt;/p&gt;") == "Hello\n\nagain"
    # Once tags show the text is markup escaped twice (one closed, or two with attributes or
    # closing themselves), every tag in it is markup.
    assert html_to_text("&lt;em&gt;Old&lt;/em&gt; &lt;br&gt; tricks") == "Old tricks"
    assert html_to_text("Monday.&lt;br /&gt;&lt;br /&gt;It passed.") == "Monday.\n\nIt passed."
    assert html_to_text("Intro&lt;br /&gt;Body&lt;img src=x&gt;") == "Intro Body"
    # One tag with attributes or closing itself may be one the text shows, escaped once.
    shown = "<p>In XHTML you write &lt;br /&gt; where HTML writes &lt;br&gt;.</p>"
    assert html_to_text(shown) == "In XHTML you write <br /> where HTML writes <br>."


@given(
    host=st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,20}[A-Za-z0-9])?", fullmatch=True),
    path=st.from_regex(r"(/[A-Za-z0-9._~%/-]{0,20})?", fullmatch=True),
    scheme=st.sampled_from(["http", "https", "HTTPS"]),
)
def test_fast_canonical_url_agrees_with_parsing(host, path, scheme):
    from newsctl.urls import parsed_canonical_url

    url = f"{scheme}://{host}{path}"
    assert canonical_url(url) == parsed_canonical_url(url)


@given(
    host=st.from_regex(r"((www|m|amp)\.){0,2}[a-z0-9]{1,8}(\.[a-z]{2,5}){1,2}", fullmatch=True),
    path=st.from_regex(
        r"(/[A-Za-z0-9._~%-]{0,12}){0,3}(/amp|\.amp|/index\.html){0,3}/?", fullmatch=True
    ),
    query=st.from_regex(
        r"(\?((amp|id|outputType|utm_source)(=[a-z0-9]{0,4})?&?){0,3})?", fullmatch=True
    ),
)
@example(host="www.m.aa.aa", path="", query="")
@example(host="0.aa", path="/..amp", query="")  # less ".amp", a dot segment is left
def test_page_key_is_idempotent(host, path, query):
    """m011 re-keys stored keys with page_key: a key must be its own key."""
    from newsctl.urls import page_key

    key = page_key(f"https://{host}{path}{query}")
    assert page_key(key) == key
