"""HTML pages and feeds of our own making that pin import behaviour without the corpus:
metadata fallbacks, encodings, HTML and entities out of feed bodies, JSON Feed, Atom authors."""

import json

from tests.conftest import article_rows

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
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><author><name>Desk Editor</name>'
        "</author><entry><title>No byline</title><link href='https://x.example/3'/><id>3</id>"
        "<updated>2024-05-01T00:00:00Z</updated><summary>Text.</summary></entry>"
        "<entry><title>Bylined</title><link href='https://x.example/4'/><id>4</id>"
        "<author><name>Own Name</name></author><updated>2024-05-01T00:00:00Z</updated>"
        "<summary>Text.</summary></entry></feed>"
    )
    (tmp_path / "feed.atom").write_text(feed, encoding="utf-8")
    run("import", tmp_path / "feed.atom")
    assert {row["title"]: row["author"] for row in article_rows(db())} == {
        "No byline": "Desk Editor",
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
