"""HTML pages and feeds of our own making that pin import behaviour without the corpus:
metadata fallbacks, encodings, HTML and entities out of feed bodies, JSON Feed, Atom authors."""

import html
import io
import json
import logging
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsctl.errors import ParseError
from newsctl.parsers import ParseOptions, html_page
from newsctl.parsers.html_page import extract_page
from tests.conftest import article_rows, assert_one_error_line

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story about the lighthouse keeper, who kept the lamp lit "
    f"through the storm of {1900 + n} and wrote down every ship that passed.</p>"
    for n in range(8)
)


def page(head: str, body_text: str = PARAGRAPHS, charset: str = "utf-8") -> bytes:
    return (
        f"<html><head>{head}</head><body><nav><a href='/'>Home</a> | <a href='/news'>News</a>"
        f"</nav><article><h1>The Lighthouse Keeper</h1>{body_text}</article>"
        "<footer>© Example News · Privacy · Terms</footer></body></html>"
    ).encode(charset)


def test_html_author_and_date_from_page_metadata(run, db, tmp_path):
    head = (
        '<meta charset="utf-8"><title>The Lighthouse Keeper | Example News</title>'
        '<meta name="author" content="Inés Quiroga">'
        '<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">'
        '<link rel="canonical" href="https://news.example/lighthouse">'
    )
    (tmp_path / "page.html").write_bytes(page(head))
    run("import", tmp_path / "page.html")
    [article] = article_rows(db())
    assert article["title"] == "The Lighthouse Keeper"
    assert article["author"] == "Inés Quiroga"
    assert article["published_at"].startswith("2024-03-05")
    assert article["url"] == "https://news.example/lighthouse"
    assert article["body"].startswith("Paragraph 0 of the story")
    assert "Privacy" not in article["body"] and "Home" not in article["body"]


def test_html_in_a_declared_legacy_encoding(run, db, tmp_path):
    head = '<meta charset="windows-1252"><title>Caf\u00e9 r\u00e9opens</title>'
    text = "".join(
        f"<p>Le caf\u00e9 de la place a rouvert, {n} ann\u00e9es apr\u00e8s sa fermeture.</p>"
        for n in range(10)
    )
    (tmp_path / "cafe.html").write_bytes(page(head, text, "cp1252"))
    run("import", tmp_path / "cafe.html")
    [article] = article_rows(db())
    assert (
        "caf\u00e9 de la place" in article["body"] and "ann\u00e9es apr\u00e8s" in article["body"]
    )


def test_html_without_a_declared_encoding(run, db, tmp_path):
    head = "<title>Stra\u00dfenbahn kehrt zur\u00fcck</title>"
    text = "".join(
        f"<p>Die Stra\u00dfenbahn f\u00e4hrt wieder durch die Altstadt, "
        f"sagte der B\u00fcrgermeister am {n}. Tag.</p>"
        for n in range(10)
    )
    (tmp_path / "tram.html").write_bytes(page(head, text, "latin-1"))
    run("import", tmp_path / "tram.html")
    [article] = article_rows(db())
    assert "Stra\u00dfenbahn f\u00e4hrt" in article["body"]


def test_feed_in_a_declared_legacy_encoding(run, db, tmp_path):
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Ni\u00f1os en la playa</title><link>https://x.example/1</link>"
        "<description>Los ni\u00f1os volvieron a la playa de Cad\u00edz.</description></item>"
        "</channel></rss>"
    ).encode("latin-1")
    (tmp_path / "feed.xml").write_bytes(feed)
    run("import", tmp_path / "feed.xml")
    [article] = article_rows(db())
    assert article["title"] == "Ni\u00f1os en la playa"
    assert article["body"] == "Los ni\u00f1os volvieron a la playa de Cad\u00edz."


def test_feed_bodies_lose_their_markup_and_entities(run, db, tmp_path):
    description = (
        "&lt;p&gt;First &amp;amp; foremost: the &lt;b&gt;mayor&lt;/b&gt; spoke.&lt;/p&gt;"
        "&lt;p&gt;Slides: &amp;lt;object width=&quot;425&quot;&amp;gt;"
        "&amp;lt;embed src=&quot;x.swf&quot;&amp;gt;"
        " (embedded)&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;"
        "&lt;pre&gt;&amp;lt;div class=&quot;example&quot;&amp;gt;kept as code"
        "&amp;lt;/div&amp;gt;&lt;/pre&gt;"
    )
    feed = (
        '<rss version="2.0"><channel><title>t</title><item><title>Council &amp;amp; mayor</title>'
        f"<link>https://x.example/2</link><description>{description}</description></item>"
        "</channel></rss>"
    )
    (tmp_path / "feed.rss").write_text(feed, encoding="utf-8")
    run("import", tmp_path / "feed.rss")
    [article] = article_rows(db())
    assert article["title"] == "Council & mayor"
    paragraphs = article["body"].split("\n\n")
    assert paragraphs[0] == "First & foremost: the mayor spoke."
    assert paragraphs[1] == "Slides: (embedded)"  # markup escaped twice by the publisher
    assert paragraphs[2] == '<div class="example">kept as code</div>'  # quoted HTML is content
    assert "track()" not in article["body"]


def test_json_feed(run, db, tmp_path):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Example",
        "items": [
            {"id": "1", "url": "https://x.example/a", "title": "First",
             "content_html": "<p>One &amp; two</p>", "date_published": "2024-01-02T03:04:05Z",
             "authors": [{"name": "Ana Ruiz"}], "tags": ["a"]},
            {"id": "2", "content_text": "An untitled note that becomes its own title."},
        ],
    }  # fmt: skip
    (tmp_path / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    result = json.loads(run("import", tmp_path / "feed.json", "--json").stdout)
    assert result["by_format"]["feed"]["added"] == 2
    first, second = article_rows(db())
    assert (first["title"], first["body"], first["author"], first["tags"]) == (
        "First",
        "One & two",
        "Ana Ruiz",
        "a",
    )
    assert first["published_at"] == "2024-01-02T03:04:05Z"
    assert second["title"] == "An untitled note that becomes its own title."


def test_atom_entries_inherit_the_feed_author(run, db, tmp_path):
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><author><name>Dana Hale</name>'
        "</author><entry><title>No byline</title><link href='https://x.example/3'/><id>3</id>"
        "<updated>2024-05-01T00:00:00Z</updated><summary>Text.</summary></entry>"
        "<entry><title>Bylined</title><link href='https://x.example/4'/><id>4</id>"
        "<author><name>Own Name</name></author><updated>2024-05-01T00:00:00Z</updated>"
        "<summary>Text.</summary></entry></feed>"
    )
    (tmp_path / "feed.atom").write_text(feed, encoding="utf-8")
    run("import", tmp_path / "feed.atom")
    assert {row["title"]: row["author"] for row in article_rows(db())} == {
        "No byline": "Dana Hale",
        "Bylined": "Own Name",
    }


def test_html_pages_and_opml_instead_of_a_feed_are_named(run, tmp_path):
    (tmp_path / "login.xml").write_text("<html><body><form>Log in</form></body></html>")
    (tmp_path / "subs.xml").write_text(
        '<opml version="1.0"><body><outline text="x"/></body></opml>'
    )
    result = run("import", tmp_path, expect=1)
    assert "login.xml: an HTML page, not a feed" in result.stderr
    assert "subs.xml: an OPML subscription list, not a feed" in result.stderr


# -- HTML pages: what the page says about itself (newsctl.parsers.html_page.extract_page) ----

PAGES = Path(__file__).parent / "data" / "pages"


def article_page(head: str, body: str = "") -> bytes:
    """A small news page: `head` inside <head>, `body` before the article's paragraphs."""
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body>{body}"
        f"<article>{PARAGRAPHS}</article><footer>© Example News</footer></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("name", "instant"),
    [
        ("published-meta.html", "2024-04-30T23:30:00Z"),
        ("published-late.html", "2024-05-08T03:10:00Z"),
    ],
)
def test_the_publication_instant_keeps_its_time_and_offset(name, instant):
    assert extract_page((PAGES / name).read_bytes(), name).published_at == instant


def test_import_stores_the_publication_instant(run, db):
    run("import", PAGES / "published-meta.html", PAGES / "published-late.html")
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {
        "Night ferry returns": "2024-04-30T23:30:00Z",
        "Council approves harbour budget": "2024-05-08T03:10:00Z",
    }


@pytest.mark.parametrize(
    ("head", "instant"),
    [
        ('<meta property="article:published_time" content="2024-03-05">', "2024-03-05T00:00:00Z"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "datePublished": "2024-03-05T22:15:00-05:00"}</script>',
            "2024-03-06T03:15:00Z",
        ),
        ('<meta name="pubdate" content="05.03.2024 10:00">', "2024-03-05T10:00:00Z"),
    ],
)
def test_publication_instant_from_metadata(head, instant):
    page = article_page(f"<title>The Lighthouse Keeper</title>{head}")
    assert extract_page(page, "page.html").published_at == instant


def test_a_time_element_marked_as_the_publication_counts():
    body = '<p>Published <time pubdate datetime="2024-03-05T08:30:00+01:00">5 March</time></p>'
    page = article_page("<title>The Lighthouse Keeper</title>", body)
    assert extract_page(page, "page.html").published_at == "2024-03-05T07:30:00Z"


def test_zone_abbreviations_are_offsets_and_unknown_ones_are_not_utc(run, tmp_path):
    def published(value: str) -> str | None:
        head = f'<title>Keeper</title><meta property="article:published_time" content="{value}">'
        return extract_page(article_page(head), "page.html").published_at

    assert published("2024-03-05 10:00 CEST") == "2024-03-05T08:00:00Z"
    assert published("2024-03-05 10:00 EDT") == "2024-03-05T14:00:00Z"
    # An abbreviation nobody can resolve must not become 10:00 UTC; the day is still sure.
    assert published("2024-03-05 10:00 QQT") in (None, "2024-03-05T00:00:00Z")
    head = '<title>Keeper</title><meta property="article:published_time" content="x 10:00 QQT">'
    (tmp_path / "page.html").write_bytes(article_page(head))
    result = run("import", tmp_path / "page.html")
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "<title>Senate passes the harbour budget | CNN Politics</title>"
            '<meta property="og:site_name" content="CNN">',
            "Senate passes the harbour budget",
        ),
        (
            "<title>Patch Tuesday fixes sixty flaws - Spiceworks</title>"
            '<link rel="canonical" href="https://www.spiceworks.com/it-security/patch-tuesday">',
            "Patch Tuesday fixes sixty flaws",
        ),
        (
            "<title>北京马拉松今日开跑-新华网</title>"
            '<meta property="og:site_name" content="新华网">',
            "北京马拉松今日开跑",
        ),
        (
            "<title>Ferry returns to the islands » Local » News » Port Alder Gazette</title>"
            '<meta property="og:site_name" content="Port Alder Gazette">',
            "Ferry returns to the islands",
        ),
        (
            "<title>Ferry returns to the islands — The Gazette</title>"
            '<meta property="og:site_name" content="The Gazette">',
            "Ferry returns to the islands",
        ),
        (
            "<title>Ferry returns to the islands: Port Alder Gazette</title>"
            '<meta property="og:site_name" content="Port Alder Gazette">',
            "Ferry returns to the islands",
        ),
        (
            "<title>Port Alder Gazette | Ferry returns to the islands</title>"
            '<meta property="og:site_name" content="Port Alder Gazette">',
            "Ferry returns to the islands",
        ),
        (
            "<title>Brexit: what happens next | BBC News</title>"
            '<meta property="og:site_name" content="BBC News">',
            "Brexit: what happens next",
        ),
        (
            '<meta property="og:title" content="Ferry returns to the islands - Gazette">'
            "<title>Ferry returns to the islands - Gazette</title>"
            '<meta property="og:url" content="https://gazette.example/ferry">',
            "Ferry returns to the islands",
        ),
        # The other separators of title templates (Yoast SEO's "*", "⋆", "~", "›"…), the
        # full-width bar of Japanese and Chinese sites, and the site's name in brackets.
        *(
            (
                f"<title>Ferry returns to the islands {separator} Port Alder Gazette</title>"
                '<meta property="og:site_name" content="Port Alder Gazette">',
                "Ferry returns to the islands",
            )
            for separator in ("›", "*", "⋆", "~", "►", "→", "#", "｜")
        ),
        (
            "<title>【新华网】北京马拉松今日开跑</title>"
            '<meta property="og:site_name" content="新华网">',
            "北京马拉松今日开跑",
        ),
        (
            "<title>Ferry returns to the islands [Port Alder Gazette]</title>"
            '<meta property="og:site_name" content="Port Alder Gazette">',
            "Ferry returns to the islands",
        ),
        # Inline formatting a CMS left in og:title goes; a lone tag's name is text.
        (
            '<meta property="og:title" content="&lt;b&gt;Ferry&lt;/b&gt; fares &lt;i&gt;rise'
            '&lt;/i&gt;"><title>Ferry fares rise</title>',
            "Ferry fares rise",
        ),
        ("<title>The &lt;p&gt; tag explained</title>", "The <p> tag explained"),
        # The site's own name before a tagline ends the headline too; after a section's
        # name of one word, it starts it.
        *(
            (
                f"<title>{title}</title>"
                '<meta property="og:site_name" content="Port Alder Gazette">',
                headline,
            )
            for title, headline in (
                (
                    "Ferry returns to the islands – Port Alder Gazette – Local news",
                    "Ferry returns to the islands",
                ),
                ("Tide tables | Port Alder Gazette | The voice of the coast", "Tide tables"),
                (
                    "Local | Port Alder Gazette | Ferry returns to the islands",
                    "Ferry returns to the islands",
                ),
            )
        ),
        # A breadcrumb's separator after a looser match of the site's name (its host).
        *(
            (
                f"<title>Alder Gazette {separator} Ferry returns to the islands</title>"
                '<link rel="canonical" href="https://alder.example/news/ferry">',
                "Ferry returns to the islands",
            )
            for separator in ("»", "›", "::")
        ),
        (
            "<title>Alder Gazette: Ferry returns to the islands</title>"
            '<link rel="canonical" href="https://alder.example/news/ferry">',
            "Alder Gazette: Ferry returns to the islands",
        ),
        # What is not the site's stays: a hashtag, brackets around other words.
        (
            "<title>#RieslingBirthday posts win - Gazette</title>"
            '<meta property="og:site_name" content="Gazette">',
            "#RieslingBirthday posts win",
        ),
        (
            "<title>[Update] Ferry returns to the islands</title>",
            "[Update] Ferry returns to the islands",
        ),
    ],
)
def test_the_title_loses_the_site_name(head, title):
    assert extract_page(article_page(head), "page.html").title == title


def test_a_page_stating_only_the_home_page_has_no_url_but_keeps_its_site_names():
    # A site's front page (or a template's default canonical link): the home page names no
    # article, yet its host still says that "Alder Gazette" is the site, not the headline.
    head = "<title>Alder Gazette</title><link rel='canonical' href='https://aldergazette.example/'>"
    page = extract_page(article_page(head, "<h1>Welcome aboard!</h1>"), "page.html")
    assert (page.title, page.url) == ("Welcome aboard!", None)


def test_the_headline_the_page_shows_is_the_part_of_the_title_it_matches():
    head = "<title>Opinion | Ferry returns to the islands | Gazette</title>"
    page = article_page(head, "<h1>Ferry returns to the islands</h1>")
    assert extract_page(page, "page.html").title == "Ferry returns to the islands"


def test_the_shown_headline_wins_over_an_older_og_title():
    head = (
        '<meta property="og:title" content="Ferry back on the islands route">'
        "<title>Ferry back on the islands route | Gazette</title>"
    )
    page = article_page(head, "<h1>Night ferry returns to the islands route</h1>")
    assert extract_page(page, "page.html").title == "Night ferry returns to the islands route"


def test_navigation_promotion_and_kickers_are_not_the_headline():
    head = '<title>Ferry returns | Gazette</title><meta property="og:site_name" content="Gazette">'
    body = (
        "<header><h1 class='site-logo'>Gazette</h1><nav><h1>Menu</h1></nav></header>"
        "<aside><h1>Subscribe today and save 50%!</h1></aside>"
    )
    assert extract_page(article_page(head, body), "page.html").title == "Ferry returns"
    kicker = "<h1><span class='kicker'>Islands:</span> Ferry returns</h1>"
    assert extract_page(article_page(head, kicker), "page.html").title == "Ferry returns"


def test_of_two_headings_in_the_title_the_fuller_one_is_the_headline():
    # "Site - Section - Headline" with the section's name and the headline both as <h1>.
    head = "<title>Gazette online - Local news - Ferry returns to the islands</title>"
    body = "<h1>Local news</h1><h1>Ferry returns to the islands</h1>"
    assert extract_page(article_page(head, body), "page.html").title == (
        "Ferry returns to the islands"
    )


def test_an_opinion_piece_marked_commentary_keeps_its_headline_and_byline():
    # "commentary" names the article's genre, not a comments section under it.
    head = '<meta property="og:title" content="Islands: Ferry returns at last">'
    body = "<div class='commentary'><h1>Ferry returns at last</h1></div>"
    page = article_page(head, body)
    assert extract_page(page, "page.html").title == "Ferry returns at last"
    comments = "<div class='comment-list'><h1>Ferry returns at last</h1></div>"
    page = article_page(head, comments)
    assert extract_page(page, "page.html").title == "Islands: Ferry returns at last"
    byline = "<div class='commentary'><p class='byline'>By Jane Doe</p></div>"
    assert extract_page(article_page(head, byline), "page.html").authors == ("Jane Doe",)
    comment = "<div class='comment'><p class='byline'>By Jane Doe</p></div>"
    assert extract_page(article_page(head, comment), "page.html").authors == ()


def test_a_title_that_names_the_article_is_enough():
    page = article_page("<title>Ferry returns</title>")
    assert extract_page(page, "page.html").title == "Ferry returns"
    only_og = article_page('<meta property="og:title" content="Ferry returns">')
    assert extract_page(only_og, "page.html").title == "Ferry returns"


def test_every_author_in_order_and_the_site_is_not_one():
    fields = extract_page((PAGES / "harbour-budget.html").read_bytes(), "harbour-budget.html")
    assert fields.authors == ("Inés Quiroga", "Tomás Eriksen")
    assert fields.title == "Council approves harbour budget after late debate"
    assert fields.site_name == "Port Alder Gazette"
    assert fields.category == "Local"
    assert fields.published_at == "2024-05-08T03:10:00Z"
    assert "Subscribe" not in fields.body and "Privacy" not in fields.body


@pytest.mark.parametrize(
    ("head", "body", "authors"),
    [
        ('<meta name="author" content="Gazette Staff">', "", ()),
        (
            '<meta property="og:site_name" content="Gazette">'
            '<meta name="author" content="Gazette">',
            "<p class='byline'>By Jane Doe and John Roe, Reuters</p>",
            ("Jane Doe", "John Roe"),
        ),
        ("", "<div>Von Jane Doe und John Roe, 12.05.2024</div>", ("Jane Doe", "John Roe")),
        ("", "<p>Posted on May 12, 2024 by <a href='/u/jd'>Jane Doe</a></p>", ("Jane Doe",)),
        ("", "<p>Photo by Jane Doe</p>", ()),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "author":'
            ' {"@type": "Organization", "name": "Gazette Newsroom"}}</script>',
            "",
            (),
        ),
        (
            '<meta name="author" content="Jane Doe">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "author":'
            ' {"@type": "Person", "name": "Web Editor"}}</script>',
            "<p class='byline'>By Jane Doe</p>",
            ("Jane Doe",),
        ),
    ],
)
def test_authors_from_metadata_and_bylines(head, body, authors):
    page = article_page(f"<title>The Lighthouse Keeper</title>{head}", body)
    assert extract_page(page, "page.html").authors == authors


def test_the_article_keeps_the_lead_author(run, db, tmp_path):
    source = (PAGES / "harbour-budget.html").read_bytes()
    [article] = html_page.parse(io.BytesIO(source), "harbour-budget.html", ParseOptions())
    assert article.author == "Inés Quiroga"
    (tmp_path / "harbour-budget.html").write_bytes(source)
    run("import", tmp_path / "harbour-budget.html")
    [row] = article_rows(db())
    assert (row["title"], row["author"], row["published_at"], row["category"]) == (
        "Council approves harbour budget after late debate",
        "Inés Quiroga",
        "2024-05-08T03:10:00Z",
        "Local",
    )
    assert row["url"] is None  # its canonical link is relative, and nothing says where to


@pytest.mark.parametrize(
    ("head", "base_url", "url"),
    [
        ('<link rel="canonical" href="/2024/05/ferry">', "https://gazette.example/news/",
         "https://gazette.example/2024/05/ferry"),
        ('<link rel="canonical" href="/2024/05/ferry">', None, None),
        ('<base href="https://gazette.example/news/"><link rel="canonical" href="ferry">', None,
         "https://gazette.example/news/ferry"),
        ('<meta property="og:url" content="//gazette.example/ferry">', None,
         "https://gazette.example/ferry"),
        ("", "https://gazette.example/ferry", "https://gazette.example/ferry"),
        ('<link rel="canonical" href="https://gazette.example/ferry">', "https://mirror.example/x",
         "https://gazette.example/ferry"),
        ('<link rel="canonical" href="http://[::1/ferry"><base href="http://[oops">', None, None),
        ('<link rel="canonical" href="/ferry">', "not a url", None),
    ],
)  # fmt: skip
def test_the_page_url_is_absolute_or_none(head, base_url, url):
    page = article_page(f"<title>Ferry returns</title>{head}")
    assert extract_page(page, "page.html", base_url=base_url).url == url


def test_libraries_print_nothing(run, tmp_path):
    # A page without article text makes trafilatura log "discarding data"; only newsctl speaks,
    # even in a program that sends log records to stderr (here: to a stream on the root logger).
    (tmp_path / "empty.html").write_text("<html><head><title>Empty</title></head><body></body>")
    (tmp_path / "good.html").write_bytes(article_page("<title>The Lighthouse Keeper</title>"))
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    root.addHandler(handler)
    level, root.level = root.level, logging.DEBUG
    try:
        result = run("import", tmp_path / "empty.html", tmp_path / "good.html", expect=1)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    assert_one_error_line(result, "empty.html", "no article text")
    assert stream.getvalue() == ""


def test_date_libraries_warn_nothing():
    # dateutil warns about a zone it does not know, from newsctl.dates and inside htmldate.
    body = '<span itemprop="datePublished" content="2024-03-05 10:00 QQT"></span>'
    page = article_page("<title>The Lighthouse Keeper</title>", body)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        published = extract_page(page, "page.html").published_at
    assert [str(warning.message) for warning in caught] == []
    assert published in (None, "2024-03-05T00:00:00Z")


ODD_TEXT = st.text(max_size=40).map(html.escape)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    metas=st.lists(
        st.tuples(
            st.sampled_from(["og:title", "og:site_name", "author", "article:published_time",
                             "og:url", "keywords", "article:tag", "pubdate"]),
            ODD_TEXT,
        ),
        max_size=6,
    ),
    json_ld=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["@type", "@id", "@graph", "author", "name", "headline",
                             "datePublished", "publisher", "keywords", "articleSection"]),
            inner,
            max_size=4,
        ),
        max_leaves=12,
    ),
    title=ODD_TEXT,
    heading=ODD_TEXT,
    canonical=ODD_TEXT,
)  # fmt: skip
def test_any_page_metadata_gives_fields_or_a_parse_error(metas, json_ld, title, heading, canonical):
    head = "".join(f'<meta property="{name}" content="{value}">' for name, value in metas)
    head += f'<script type="application/ld+json">{json.dumps(json_ld)}</script>'
    head += f'<title>{title}</title><link rel="canonical" href="{canonical}">'
    page = article_page(head, f"<h1>{heading}</h1><p class='byline'>By {heading}</p>")
    try:
        fields = extract_page(page, "page.html", base_url="https://gazette.example/")
    except ParseError:
        return
    assert fields.title and fields.title == fields.title.strip()
    assert all(name and name == name.strip() for name in fields.authors)
    assert fields.url is None or fields.url.startswith(("http://", "https://"))
    assert fields.published_at is None or fields.published_at.endswith("Z")
