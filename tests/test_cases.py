"""Real-world faults (../shared/cases, rebuilt from public bug reports of feed readers and
extractors): each case file's right result, through the installed command, plus other
inputs of the same kind, so that the mechanism is tested and not the example."""

import json
from pathlib import Path

import pytest
import sqlite_utils

from tests.conftest import SAMPLE_DATA, article_rows, assert_one_error_line
from tests.webserver import Reply, Site

CASES = Path(__file__).parent / "data" / "cases"


def stored(db) -> dict[str, dict]:
    return {row["title"]: row for row in article_rows(db())}


def listed(run) -> list[dict]:
    return json.loads(run("list", "--json", "-n", "100").stdout)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """records written to path as JSON Lines; the path."""
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


# -- links and identity -------------------------------------------------------


def test_relative_links_resolve_against_each_feeds_site(run, db):
    run("import", CASES / "relative-links")
    assert sorted(row["url"] for row in article_rows(db())) == [
        "https://alder.example/2024/05/council-meeting",
        "https://birch.example/2024/05/council-meeting",
        "https://carol.example/2024/05/council-meeting",
    ]


def test_relative_links_of_other_shapes(run, db, tmp_path):
    feed = tmp_path / "based.xml"
    feed.write_text(
        """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"
        xml:base="https://dune.example/news/"><title>Dune</title><id>urn:dune</id>
        <entry><title>Sand moves</title><id>urn:d1</id><link href="sand-moves"/>
        <summary>The dune moved.</summary></entry></feed>""",
        encoding="utf-8",
    )
    no_base = tmp_path / "nobase.xml"
    no_base.write_text(
        """<rss version="2.0"><channel><title>Lost</title><item><title>Where</title>
        <link>/2024/05/council-meeting</link><description>No site.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    run("import", feed, no_base)
    rows = stored(db)
    assert rows["Sand moves"]["url"] == "https://dune.example/news/sand-moves"  # xml:base
    assert rows["Where"]["url"] is None  # nothing to resolve it against: never stored relative
    relative = tmp_path / "r.jsonl"
    relative.write_text('{"title": "Rel", "url": "/2024/05/council-meeting"}\n', encoding="utf-8")
    result = run("import", relative, expect=1)
    assert "not an absolute http or https url" in result.stderr


def test_an_items_xml_base_ends_with_the_item(run, db, tmp_path):
    # XML Base: an item's xml:base is in force inside that item only. Read from a file (no
    # url), the later items resolve against the channel's link again, not the cdn's base.
    feed = tmp_path / "kelp.xml"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Kelp</title>
        <link>https://kelp.example/news/</link><description>x</description>
        <item xml:base="https://cdn.kelp.example/media/"><title>Photos</title>
        <link>gallery-1</link><description>Pictures.</description></item>
        <item><title>Tide report</title><link>../2024/tide</link>
        <description>Tides.</description></item>
        <item><title>Page two</title><link>?p=2</link><description>More.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    result = run("import", feed, "--json")
    assert json.loads(result.stdout)["added"] == 3
    assert {title: row["url"] for title, row in stored(db).items()} == {
        "Photos": "https://cdn.kelp.example/media/gallery-1",
        "Tide report": "https://kelp.example/2024/tide",
        "Page two": "https://kelp.example/news/?p=2",
    }
    listed_urls = {article["title"]: article["url"] for article in listed(run)}
    assert listed_urls["Tide report"] == "https://kelp.example/2024/tide"


def test_an_edited_entry_with_a_stable_guid_is_updated_in_place(run, db):
    run("import", CASES / "guid-1.xml")
    result = json.loads(run("import", CASES / "guid-2.xml", "--json").stdout)
    assert (result["added"], result["updated"]) == (0, 1)
    [row] = article_rows(db())
    assert row["title"] == "Tide gauge broken (repaired)"
    assert row["body"].endswith("It was repaired at noon.")


def test_guids_are_scoped_by_their_feed(run, db, tmp_path):
    # Two feeds that both number their entries "1": two articles, not one.
    for site in ("north", "south"):
        (tmp_path / f"{site}.json").write_text(
            json.dumps(
                {
                    "version": "https://jsonfeed.org/version/1.1",
                    "title": site,
                    "home_page_url": f"https://{site}.example/",
                    "items": [{"id": "1", "title": f"{site} news", "content_text": "Text."}],
                }
            ),
            encoding="utf-8",
        )
    run("import", tmp_path / "north.json", tmp_path / "south.json")
    assert len(article_rows(db())) == 2
    # An Atom entry re-published under a new link keeps its id: one article, new url.
    atom = tmp_path / "a.atom"
    entry = """<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
        <link href="https://a.example/"/><entry><title>{title}</title><id>tag:a.example,2024:7</id>
        <link href="{link}"/><summary>Text.</summary></entry></feed>"""
    atom.write_text(entry.format(title="First", link="/p/7"), encoding="utf-8")
    run("import", atom)
    atom.write_text(entry.format(title="First, edited", link="/posts/7-first"), encoding="utf-8")
    run("import", atom)
    assert stored(db)["First, edited"]["url"] == "https://a.example/posts/7-first"
    assert "First" not in stored(db)


def live_blog(posts: list[tuple[int, str]], title: str = "Gazette") -> str:
    items = "".join(
        f"<item><guid isPermaLink='false'>live-{n}</guid><title>Storm: {text}</title>"
        f"<link>https://gazette.example/live/storm#post-{n}</link>"
        f"<description>{text}.</description></item>"
        for n, text in posts
    )
    return (
        f"<rss version='2.0'><channel><title>{title}</title>"
        f"<link>https://gazette.example/</link>{items}</channel></rss>"
    )


def test_entries_of_one_feed_sharing_a_page_stay_apart(run, db, tmp_path):
    # A live blog's posts link to places in one page: their guids tell them apart, in one
    # import and across imports; each keeps its own link; a repeat changes nothing, and an
    # export imports back whole.
    feed = tmp_path / "live.xml"
    feed.write_text(live_blog([(101, "roads closed")]), encoding="utf-8")
    run("import", feed)
    feed.write_text(live_blog([(102, "power back"), (101, "roads closed")]), encoding="utf-8")
    assert json.loads(run("import", feed, "--json").stdout)["added"] == 1
    urls = {title: row["url"] for title, row in stored(db).items()}
    assert urls == {
        "Storm: roads closed": "https://gazette.example/live/storm#post-101",
        "Storm: power back": "https://gazette.example/live/storm#post-102",
    }
    again = json.loads(run("import", feed, "--json").stdout)
    assert (again["added"], again["updated"]) == (0, 0)
    run("export", "--format", "json", "-o", tmp_path / "all.json")
    copy = tmp_path / "copy.db"
    run("--db", copy, "import", tmp_path / "all.json")
    assert len(json.loads(run("--db", copy, "list", "--json").stdout)) == 2


def test_one_story_in_two_feeds_of_its_site_is_one_article(run, db, tmp_path):
    # Two feeds of one site (their guids scoped apart) carry one story: its url makes it one.
    for section in ("Sport", "Local"):
        (tmp_path / f"{section}.xml").write_text(
            live_blog([(7, "match called off")], title=section), encoding="utf-8"
        )
    run("import", tmp_path / "Sport.xml", tmp_path / "Local.xml")
    assert len(article_rows(db())) == 1


def test_entries_that_link_to_the_home_page_are_not_one_article(run, db, tmp_path):
    # Press releases and notices that all link to the site's home page: the link names no
    # article, so each entry is known by its guid and none overwrites another.
    # Any spelling of the home page: "www.", "index.html".
    homes = {1: "https://gazette.example/", 2: "https://www.gazette.example/index.html"}
    items = "".join(
        f"<item><guid isPermaLink='false'>pr-{n}</guid><title>Notice {n}</title>"
        f"<link>{homes[n]}</link><description>Notice {n} text.</description></item>"
        for n in (1, 2)
    )
    (tmp_path / "pr.xml").write_text(
        "<rss version='2.0'><channel><title>Gazette</title><link>https://gazette.example/</link>"
        f"{items}</channel></rss>",
        encoding="utf-8",
    )
    result = run("import", tmp_path / "pr.xml", "--json")
    assert json.loads(result.stdout)["added"] == 2
    assert {title: row["url"] for title, row in stored(db).items()} == {
        "Notice 1": None,
        "Notice 2": None,
    }
    run("import", tmp_path / "pr.xml")
    assert len(article_rows(db())) == 2


def test_a_canonical_link_to_the_home_page_gives_way_to_the_pages_own_url(run, db, tmp_path):
    # A template's default canonical link names the home page on every page of the site.
    for name in ("ferry", "bridge"):
        (tmp_path / f"{name}.html").write_text(
            "<html><head><link rel='canonical' href='https://gazette.example/'>"
            f"<meta property='og:url' content='https://gazette.example/news/{name}'>"
            f"<title>The {name} story</title></head><body><article><h1>The {name} story</h1>"
            + f"<p>All about the {name}, told at length for the readers of the paper.</p>" * 6
            + "</article></body></html>",
            encoding="utf-8",
        )
    run("import", tmp_path)
    assert {title: row["url"] for title, row in stored(db).items()} == {
        "The ferry story": "https://gazette.example/news/ferry",
        "The bridge story": "https://gazette.example/news/bridge",
    }


@pytest.mark.parametrize(
    ("head", "urls"),
    [
        # Every address the page states is the home page: the pages have no url.
        ("<link rel='canonical' href='https://gazette.example/'>", {None}),
        ("<meta property='og:url' content='https://www.gazette.example/index.html'>", {None}),
        # A relative canonical link resolves against the address og:url states.
        (
            "<meta property='og:url' content='https://gazette.example/'>"
            "<link rel='canonical' href='/news/{name}'>",
            {"https://gazette.example/news/ferry", "https://gazette.example/news/bridge"},
        ),
        (
            "<link rel='canonical' href='{name}.html'>"
            "<meta property='og:url' content='https://gazette.example/news/{name}.html'>",
            {"https://gazette.example/news/ferry.html", "https://gazette.example/news/bridge.html"},
        ),
    ],
)
def test_pages_that_only_name_the_home_page_are_not_one_article(run, db, tmp_path, head, urls):
    for name in ("ferry", "bridge"):
        (tmp_path / f"{name}.html").write_text(
            f"<html><head>{head.format(name=name)}<title>The {name} story</title></head>"
            f"<body><article><h1>The {name} story</h1>"
            + f"<p>All about the {name}, told at length for the readers of the paper.</p>" * 6
            + "</article></body></html>",
            encoding="utf-8",
        )
    assert json.loads(run("import", tmp_path, "--json").stdout)["added"] == 2
    assert {row["url"] for row in article_rows(db())} == urls


def test_url_spellings_of_one_page_are_one_article(run, db):
    result = json.loads(run("import", CASES / "url-spellings.jsonl", "--json").stdout)
    assert (result["added"], result["unchanged"]) == (3, 3)
    urls = {row["url"] for row in article_rows(db())}
    assert "https://gazette.example/news/wind-farm" in urls  # tracking parameters dropped


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://news.example/%7Eann/x", "https://NEWS.example:443/~ann/x/"),
        ("https://news.example/caf%c3%a9", "http://news.example/café"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2&fbclid=x&gclid=y"),
        ("https://news.example/a?id=5", "https://news.example/a?_ga=1.2&mc_cid=3&id=5#top"),
        ("https://news.example/a", "https://news.example/a?utm_source=rss&mkt_tok=z&igshid=q"),
        # Feed campaigns of European news sites: AT Internet, Webtrekk, the Guardian.
        ("https://news.example/a", "https://news.example/a?xtor=RSS-3208"),
        ("https://news.example/a", "https://news.example/a?at_medium=RSS&at_campaign=KARANGA"),
        ("https://news.example/a", "https://news.example/a?wt_mc=rss.red.unbekannt"),
        ("https://news.example/a", "https://news.example/a?CMP=share_btn_tw"),
        # Ad, search and social ids of Google, Yandex, HubSpot, LinkedIn, Meta, Klaviyo.
        ("https://news.example/a", "https://news.example/a?gad_source=1&srsltid=AfmBOo"),
        ("https://news.example/a", "https://news.example/a?ysclid=lk2&_openstat=ZGl"),
        ("https://news.example/a", "https://news.example/a?__hstc=1.2&__hssc=1.1&hsa_cam=7"),
        ("https://news.example/a", "https://news.example/a?li_fat_id=x&_kx=y&igsh=MWx"),
        ("https://news.example/a", "https://news.example/a?fb_action_ids=1&mibextid=Zx"),
        # A generic parameter holding the channel a link came by; comScore; session ids.
        ("https://news.example/a", "https://news.example/a?ref=rss"),
        ("https://news.example/a?id=5", "https://news.example/a?id=5&source=newsletter"),
        ("https://news.example/a.html", "https://news.example/a.html?partner=rss&emc=rss"),
        ("https://news.example/a", "https://news.example/a?mod=rss_Technology"),
        ("https://news.example/a", "https://news.example/a?ns_mchannel=rss&ns_source=Pub"),
        ("https://news.example/a?p=3", "https://news.example/a;jsessionid=1A2B?p=3"),
        ("https://news.example/a?p=3", "https://news.example/a?PHPSESSID=9f8e&p=3"),
        # International hosts in IDNA 2008 ("ß" is not "ss"), the root's trailing dot.
        ("https://straße.example/fair", "https://xn--strae-oqa.example/fair"),
        ("https://Bücher.example/a", "https://xn--bcher-kva.example/a"),
        ("https://news.example/a", "https://news.example./a"),
    ],
)
def test_other_spellings_of_one_url(run, db, tmp_path, first, second):
    records = [{"title": "One", "url": first}, {"title": "One", "url": second}]
    source = write_jsonl(tmp_path / "u.jsonl", records)
    assert json.loads(run("import", source, "--json").stdout)["added"] == 1
    # The publisher's own spelling is stored, without the tracking parameters.
    assert [row["url"] for row in article_rows(db())] == [first]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A site's AMP copy, Google's AMP Cache and viewer copies of it.
        ("https://news.example/2025/a", "https://news.example/2025/a/amp/"),
        ("https://news.example/2025/a.html", "https://news.example/2025/a.amp.html"),
        ("https://news.example/2025/a", "https://news.example/2025/a?amp=1&utm_source=x"),
        ("https://news.example/a?id=5", "https://news.example/a?outputType=amp&id=5"),
        ("https://news.example/2025/a", "https://news-example.cdn.ampproject.org/c/s/news.example/2025/a"),
        ("https://news.example/2025/a", "https://www.google.com/amp/s/news.example/2025/a.amp"),
        ("https://bücher.example/a", "https://www.google.com/amp/s/b%C3%BCcher.example/a"),
        ("https://news.example/a", "https://news-example.cdn.ampproject.org/c/s/news.example/a?usqp=mq3"),
        # The same site's www., mobile and AMP hosts; a directory's default page.
        ("https://www.news.example/a", "https://news.example/a"),
        ("https://news.example/a", "https://m.news.example/a"),
        ("https://news.example/a", "https://amp.news.example/a"),
        ("https://news.example/guide/", "https://news.example/guide/index.html"),
        ("https://news.example/a/default.aspx", "https://www.news.example/a"),
    ],
)  # fmt: skip
def test_copies_of_one_page_are_one_article(run, db, tmp_path, first, second):
    records = [{"title": "One", "url": first}, {"title": "One, again", "url": second, "body": "x"}]
    source = write_jsonl(tmp_path / "u.jsonl", records)
    assert json.loads(run("import", source, "--json").stdout)["added"] == 1
    [row] = article_rows(db())
    assert (row["title"], row["body"]) == ("One, again", "x")  # the second updated the first


def test_an_update_from_a_copy_keeps_the_pages_own_address(run, db, tmp_path):
    own, copy = "https://www.news.example/2025/a", "https://news.example/2025/a/amp/"
    write_jsonl(tmp_path / "a.jsonl", [{"title": "One", "url": own, "body": "First."}])
    write_jsonl(tmp_path / "b.jsonl", [{"title": "One", "url": copy, "body": "Corrected."}])
    run("import", tmp_path / "a.jsonl")
    run("import", tmp_path / "b.jsonl")
    [row] = article_rows(db())
    assert (row["url"], row["body"]) == (own, "Corrected.")
    assert json.loads(run("show", "1", "--json").stdout)["url"] == own


def test_a_url_wrapped_in_amp_caches_without_end_is_no_crash(run, db, tmp_path):
    wrapped = "https://a-example.cdn.ampproject.org/c/s/" * 1500 + "a.example/story"
    (tmp_path / "w.jsonl").write_text(json.dumps({"title": "Wrapped", "url": wrapped}) + "\n")
    assert json.loads(run("import", tmp_path / "w.jsonl", "--json").stdout)["added"] == 1
    again = run("import", tmp_path / "w.jsonl", "--json", "--again").stdout
    assert json.loads(again)["unchanged"] == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://news.example/amplifiers", "https://news.example/amplifiers/2"),
        ("https://news.example/a?mode=amp2", "https://news.example/a?mode=dark"),
        ("https://m.example/a", "https://example/a"),  # "m" is this site's own name
        ("https://news.example/index.html/x", "https://news.example/x"),
        ("https://news.example/a?id=1", "https://news.example/a/amp?id=2"),
        ("https://amp.dev/a", "https://dev/a"),
        ("https://straße.example/a", "https://strasse.example/a"),  # two domains
        # An article about AMP (AMP plugins write "amp" in lower case), a section "/amp".
        ("https://wiki.example/wiki/AMP", "https://wiki.example/wiki/Amp"),
        ("https://news.example/amp", "https://news.example/"),
        # "amp." before a public suffix is the site's own name.
        ("https://amp.co.uk/a", "https://co.uk/a"),
        # A generic parameter tracks only with a channel's name as its value; WordPress's
        # "?feed=rss2" is the feed.
        ("https://news.example/a?ref=2", "https://news.example/a"),
        ("https://news.example/a?source=12", "https://news.example/a?source=13"),
        ("https://blog.example/?feed=rss2", "https://blog.example/"),
        # ... as a whole word: "feedback" or "atomic-habits" name pages; and a CMS's module.
        ("https://forum.example/t?ref=feedback", "https://forum.example/t?ref=feedback2"),
        ("https://books.example/r?src=atomic-habits", "https://books.example/r?src=atomic"),
        ("https://cms.example/index.php?mod=newsletter", "https://cms.example/"),
        ("https://news.example/a?ns_id=6", "https://news.example/a"),
        ("https://books.example/topics?from=facebook-files", "https://books.example/topics"),
        ("https://gov.example/guide?src=social-security-guide", "https://gov.example/guide"),
    ],
)
def test_pages_that_only_look_like_copies_stay_apart(run, db, tmp_path, first, second):
    records = [{"title": "One", "url": first}, {"title": "Two", "url": second}]
    source = write_jsonl(tmp_path / "u.jsonl", records)
    assert json.loads(run("import", source, "--json").stdout)["added"] == 2
    assert len(article_rows(db())) == 2


# -- entry ids are names; a feed's own urls count once absolute ---------------------------


def rss_feed(title: str, items: str, head: str = "", root: str = "") -> str:
    return (
        f'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"{root}><channel>'
        f"<title>{title}</title>{head}<description>d</description>{items}</channel></rss>"
    )


def test_a_guid_that_is_no_url_never_becomes_one(run, db, tmp_path):
    # RSS 2.0: isPermaLink defaults to true, so feedparser gives a bare guid as the link;
    # resolved against the site it was one made-up url for two feeds' "5" (one overwrote
    # the other). A bare or relative guid is a name; only a full url is a link.
    site = "<link>https://quay.example/radio/</link>"
    for section in ("Arts", "Weather"):
        item = f"<item><title>{section} digest</title><description>The {section} digest."
        item += "</description><guid>5</guid></item>"
        (tmp_path / f"{section}.xml").write_text(
            rss_feed(f"Quay Herald – {section}", item, site), encoding="utf-8"
        )
    others = (
        "<item><title>Show three</title><guid>show-3</guid><description>Show 3.</description>"
        "</item><item><title>Show four</title><guid>/shows/4</guid><description>Show 4."
        "</description></item><item><title>Show five</title>"
        "<guid>https://quay.example/radio/shows/5</guid><description>Show 5.</description></item>"
    )
    (tmp_path / "shows.xml").write_text(rss_feed("Quay Radio", others, site), encoding="utf-8")
    # xml:base is a base too: a bare guid is still no link under it.
    based = rss_feed(
        "Quay Based",
        "<item><title>Based six</title><guid>6</guid><description>Six.</description></item>"
        '<item><title>Based nine</title><guid isPermaLink="false">9</guid>'
        "<description>Nine.</description></item>",
        "<link>https://quay.example/</link>",
        ' xml:base="https://quay.example/based/"',
    )
    (tmp_path / "based.xml").write_text(based, encoding="utf-8")
    # An Atom id is never a link (RFC 4287 4.2.6), a url or not.
    (tmp_path / "log.atom").write_text(
        """<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay Log</title>
        <id>tag:quay.example,2024:log</id><link href="https://quay.example/log/"/>
        <entry><title>Log seven</title><id>entry-7</id><summary>Seven.</summary></entry>
        <entry><title>Log eight</title><id>https://quay.example/log/ids/8</id>
        <summary>Eight.</summary></entry></feed>""",
        encoding="utf-8",
    )
    result = json.loads(run("import", tmp_path, "--json").stdout)
    assert (result["added"], result["updated"]) == (9, 0)
    rows = stored(db)
    assert {title: row["url"] for title, row in rows.items()} == {
        "Arts digest": None,
        "Weather digest": None,
        "Show three": None,
        "Show four": None,
        "Show five": "https://quay.example/radio/shows/5",  # a permalink guid is a link
        "Based six": None,
        "Based nine": None,
        "Log seven": None,
        "Log eight": None,
    }
    assert rows["Arts digest"]["guid"] == "https://quay.example/radio Quay Herald – Arts 5"
    assert rows["Show four"]["guid"].endswith(" /shows/4")  # the id as written
    # Under a base, the guid keeps the form earlier versions stored (resolved, as feedparser
    # did), so that archives recognise the entries they hold; it is still no link.
    assert (
        rows["Based six"]["guid"] == "https://quay.example Quay Based https://quay.example/based/6"
    )
    assert rows["Based nine"]["guid"] == "https://quay.example Quay Based 9"  # never resolved
    assert rows["Log seven"]["guid"] == "tag:quay.example,2024:log entry-7"
    again = json.loads(run("import", tmp_path, "--json", "--again").stdout)
    assert (again["added"], again["updated"]) == (0, 0)


def test_a_guid_that_repeats_in_its_feed_loses_no_entry(run, db, tmp_path):
    items = "".join(
        f'<item><title>{title}</title><guid isPermaLink="false">post-12</guid>'
        f"<description>{title}.</description></item>"
        for title in ("Boats return", "Gulls nest")
    )
    feed = rss_feed("Dock notes", items, "<link>https://dock.example/</link>")
    (tmp_path / "dup.rss").write_text(feed, encoding="utf-8")
    first = run("import", tmp_path / "dup.rss")
    assert "entry 2: guid 'post-12' repeats entry 1's" in first.stderr
    assert set(stored(db)) == {"Boats return", "Gulls nest"}
    again = json.loads(run("import", tmp_path / "dup.rss", "--again", "--json").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def summit_feed(guids: list[str], titles=("Minister arrives", "Talks begin")) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>https://live.example/2024/summit</link>"
        f"<guid>{guid}</guid><description>{title}, the desk reports from the venue.</description>"
        "</item>"
        for guid, title in zip(guids, titles, strict=False)
    )
    return rss_feed("Live desk", items, "<link>https://live.example/</link>")


def test_url_guids_that_differ_only_by_their_fragment_are_two_entries(run, db, tmp_path):
    # A live blog's posts share its page and have "…#block-101", "…#block-102" as guids:
    # without the fragment, the second post overwrote the first.
    page = "https://live.example/2024/summit"
    feed = tmp_path / "live.rss"
    feed.write_text(summit_feed([f"{page}#block-101", f"{page}#block-102"]), encoding="utf-8")
    first = run("import", feed, "--json")
    assert (json.loads(first.stdout)["added"], first.stderr) == (2, "")
    rows = stored(db)
    assert {title: row["guid"] for title, row in rows.items()} == {
        "Minister arrives": f"https://live.example Live desk {page}#block-101",
        "Talks begin": f"https://live.example Live desk {page}#block-102",
    }
    assert rows["Minister arrives"]["url"] == rows["Talks begin"]["url"] == page
    again = json.loads(run("import", feed, "--json", "--again").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_live_blogs_page_id_and_its_posts_ids_stay_apart(run, db, tmp_path):
    # "…/summit" beside "…/summit#block-101": two entries, stable over re-imports, whichever
    # comes first (only a guid an earlier version stored is taken for any fragment's).
    page = "https://live.example/2024/summit"
    feed = tmp_path / "live.rss"
    feed.write_text(summit_feed([page, f"{page}#block-101"]), encoding="utf-8")
    assert json.loads(run("import", feed, "--json").stdout)["added"] == 2
    for _ in range(2):
        again = json.loads(run("import", feed, "--json", "--again").stdout)
        assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)
    # The page's entry alone one day, its post first the next: still the two, each kept.
    feed.write_text(summit_feed([page]), encoding="utf-8")
    run("import", feed)
    titles = ("Talks begin", "Minister arrives")
    feed.write_text(summit_feed([f"{page}#block-101", page], titles), encoding="utf-8")
    again = json.loads(run("import", feed, "--json").stdout)
    assert (again["added"], again["updated"]) == (0, 0)
    rows = stored(db)
    assert rows["Minister arrives"]["guid"] == f"https://live.example Live desk {page}"
    assert rows["Talks begin"]["guid"].endswith("#block-101")


def test_a_fragment_that_only_tracks_is_no_part_of_a_guid(run, db, tmp_path):
    page = "https://live.example/2024/summit"
    feed = tmp_path / "live.rss"
    for campaign in ("xtor=RSS-1", "xtor=RSS-2", "ixzz8kT3q"):
        feed.write_text(summit_feed([f"{page}#{campaign}"]), encoding="utf-8")
        run("import", feed, "--again")
    [row] = stored(db).values()
    assert row["guid"] == f"https://live.example Live desk {page}"


def section_feed(section: str, entries: list[tuple[str, str, str]], link: str = "") -> str:
    items = "".join(
        f"<entry><id>{entry_id}</id><title>{title}</title>{link}<summary>{text}</summary></entry>"
        for entry_id, title, text in entries
    )
    return (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:quay.example,2025:{section}</id>'
        f"<title>Quay {section}</title>{items}</feed>"
    )


def test_entries_with_tag_uris_sharing_a_page_stay_apart(run, db, tmp_path):
    # A live blog's posts with tag URIs and one link are two entries of one feed.
    posts = [(f"tag:quay.example,2025:live-{n}", f"Post {n}", f"Update {n}.") for n in (1, 2)]
    link = '<link href="https://quay.example/live"/>'
    (tmp_path / "live.atom").write_text(section_feed("live", posts, link), "utf-8")
    assert json.loads(run("import", tmp_path / "live.atom", "--json").stdout)["added"] == 2
    assert set(stored(db)) == {"Post 1", "Post 2"}


def test_a_fetched_feeds_bare_guids_are_not_resolved_against_its_url(run, db):
    # Fetched, a feed's url is the base feedparser resolves against: "1" in /arts.rss and
    # in /weather.rss made one url, https://host/1, of both.
    server = Site()
    try:
        urls = []
        for section in ("arts", "weather"):
            item = f"<item><title>{section} notes</title><guid>1</guid>"
            item += f"<description>Notes on {section}.</description></item>"
            feed = rss_feed(f"Quay {section}", item, "<link>https://quay.example/</link>")
            urls.append(server.route(f"/{section}.rss", Reply(body=feed.encode())))
        assert json.loads(run("import", *urls, "--json").stdout)["added"] == 2
    finally:
        server.close()
    rows = stored(db)
    assert [rows[f"{section} notes"]["url"] for section in ("arts", "weather")] == [None, None]
    # Scoped by the feed's url, and the id resolved against it as earlier versions stored it.
    scope = urls[0].replace("http://", "https://")
    assert rows["arts notes"]["guid"] == f"{scope} {scope.rsplit('/', 1)[0]}/1"


def test_a_relative_feed_url_is_made_absolute_before_it_scopes_ids(run, db, tmp_path):
    # JSON Feed: feed_url "serves as the unique identifier for the feed"; a relative
    # "/notes.json" is every site's, so it is resolved against the home page first.
    for site in ("heron", "ibis"):
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Field notes",
            "home_page_url": f"https://{site}.example/",
            "feed_url": "/notes.json",
            "items": [
                {"id": "1", "url": "/notes/first", "title": "First note",
                 "content_text": f"The {site} watchers' first note."},
                {"id": "2", "title": "Second note", "content_text": f"The {site} second note."},
            ],
        }  # fmt: skip
        (tmp_path / f"{site}.json").write_text(json.dumps(feed), encoding="utf-8")
    # Nothing to resolve against: neither url counts, and bare ids are not used.
    for site in ("stilt", "snipe"):
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Field notes",
            "home_page_url": "/",
            "feed_url": "/notes.json",
            "items": [{"id": "3", "title": "Third note", "content_text": f"{site} third."}],
        }
        (tmp_path / f"{site}.json").write_text(json.dumps(feed), encoding="utf-8")
    result = json.loads(run("import", tmp_path, "--json").stdout)
    assert result["added"] == 6
    found = sorted((row["url"] or "", row["guid"] or "") for row in article_rows(db()))
    assert found == [
        ("", ""),  # stilt's and snipe's "3"
        ("", ""),
        ("", "https://heron.example/notes.json 2"),
        ("", "https://ibis.example/notes.json 2"),
        ("https://heron.example/notes/first", "https://heron.example/notes.json 1"),
        ("https://ibis.example/notes/first", "https://ibis.example/notes.json 1"),
    ]


def test_relative_links_resolve_against_a_feeds_self_link(run, db, tmp_path):
    # RFC 3986 5.1: the base is the url the feed was retrieved from, which its self link
    # states; it also names a feed that has no other name (no site link), so such an RSS
    # feed keeps its guids. A feed with a site link keeps the scope it always had.
    (tmp_path / "self.atom").write_text(
        """<feed xmlns="http://www.w3.org/2005/Atom"><title>Gull Notes</title>
        <id>tag:gull.example,2024:notes</id>
        <link rel="self" href="https://gull.example/feeds/notes.atom"/>
        <entry><title>Gulls nest early</title><id>tag:gull.example,2024:1</id>
        <link href="/2024/nesting"/><summary>Early nests.</summary></entry>
        <entry><title>Gulls fly off</title><id>tag:gull.example,2024:2</id>
        <link href="later/flight"/><summary>Off they fly.</summary></entry></feed>""",
        encoding="utf-8",
    )
    self_link = '<atom:link rel="self" href="https://gull.example/feeds/notes.rss"/>'
    items = "<item><title>Gull census</title><link>/2024/census</link>"
    items += '<guid isPermaLink="false">c-1</guid><description>Count.</description></item>'
    (tmp_path / "self.xml").write_text(rss_feed("Gull RSS", items, self_link), encoding="utf-8")
    # A relative self link resolves against the site link.
    relative_self = '<link>https://tern.example/</link><atom:link rel="self" href="/all.rss"/>'
    items = '<item><title>Tern count</title><guid isPermaLink="false">t-1</guid>'
    items += "<description>Terns.</description></item>"
    (tmp_path / "tern.xml").write_text(rss_feed("Tern RSS", items, relative_self), "utf-8")
    run("import", tmp_path)
    rows = stored(db)
    assert {title: row["url"] for title, row in rows.items()} == {
        "Gulls nest early": "https://gull.example/2024/nesting",
        "Gulls fly off": "https://gull.example/feeds/later/flight",
        "Gull census": "https://gull.example/2024/census",
        "Tern count": None,
    }
    assert rows["Gull census"]["guid"] == "https://gull.example/feeds/notes.rss c-1"
    assert rows["Tern count"]["guid"] == "https://tern.example Tern RSS t-1"


# -- authors ---------------------------------------------------------------------


def test_json_feed_authors_at_feed_and_item_level(run, db):
    run("import", CASES / "jsonfeed-authors.json")
    rows = stored(db)
    assert rows["Tide tables updated"]["authors"] == "Rosa Quintero"
    assert rows["Guest post on moorings"]["authors"] == "Piet Vos"


def test_json_feed_1_0_author_object(run, db, tmp_path):
    feed = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Old",
        "author": {"name": "Ada Byrne"},
        "items": [
            {"id": "a", "title": "Feed author", "content_text": "x"},
            {"id": "b", "title": "Own author", "content_text": "y", "author": {"name": "Bo Li"}},
        ],
    }
    (tmp_path / "f.json").write_text(json.dumps(feed), encoding="utf-8")
    run("import", tmp_path / "f.json")
    rows = stored(db)
    assert (rows["Feed author"]["authors"], rows["Own author"]["authors"]) == ("Ada Byrne", "Bo Li")


def test_atom_entry_author_from_its_source_else_the_feed(run, db):
    run("import", CASES / "atom-source.atom")
    rows = stored(db)
    assert rows["Mooring fees rise"]["authors"] == "Nadia Ferreira"
    assert rows["Boat show dates"]["authors"] == "Planet Editors"


def test_an_atom_entry_credited_to_its_publisher_has_no_feeds_people(run, db, tmp_path):
    # RFC 4287 4.2.1: only an entry without an author has its feed's. An entry whose author
    # is the publisher names no person; it is not the feed authors' article.
    (tmp_path / "dock.atom").write_text(
        """<feed xmlns="http://www.w3.org/2005/Atom"><title>Dock Daily</title>
        <id>tag:dock.example,2024:feed</id><link href="https://dock.example/"/>
        <author><name>Olga Sand</name></author><author><name>Per Lund</name></author>
        <entry><title>Ferry timetable</title><id>tag:dock.example,2024:1</id>
        <link href="https://dock.example/timetable"/><summary>New times.</summary>
        <author><name>Dock Daily</name></author></entry>
        <entry><title>Crane repaired</title><id>tag:dock.example,2024:2</id>
        <link href="https://dock.example/crane"/><summary>Fixed.</summary></entry></feed>""",
        encoding="utf-8",
    )
    run("import", tmp_path / "dock.atom")
    rows = stored(db)
    assert rows["Ferry timetable"]["authors"] is None
    assert rows["Crane repaired"]["authors"] == "Olga Sand; Per Lund"
    listed_authors = {article["title"]: article["authors"] for article in listed(run)}
    assert listed_authors["Ferry timetable"] == []
    assert "Ferry timetable" not in run("list", "--author", "Olga Sand").stdout


def test_a_feeds_author_field_naming_a_newsroom_is_no_person(run, db, tmp_path):
    # A JSON Feed author object and an Atom <author> name whoever the publisher credits, a
    # named group included; the word for a newsroom or a wire alone names no one.
    items = [
        {"id": str(n), "title": f"Notice {n}", "content_text": "Text.", "authors": [author]}
        for n, author in enumerate(
            [
                {"name": "Redaktion"},
                {"name": "Staff"},
                {"name": "Reuters"},
                {"name": "Ria Holm"},
                {"name": "Sports Desk"},
                {"name": "Agence France-Presse"},
            ]
        )
    ]
    items.append({"id": "9", "title": "Mixed", "content_text": "Text.", "authors": []})
    items[-1]["authors"] = [{"name": "News Desk"}, {"name": "Ria Holm"}]
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Quay", "items": items}
    feed["home_page_url"] = "https://quay.example/"
    (tmp_path / "quay.json").write_text(json.dumps(feed), encoding="utf-8")
    (tmp_path / "wharf.atom").write_text(
        """<feed xmlns="http://www.w3.org/2005/Atom"><title>Wharf</title>
        <id>tag:wharf.example,2024:feed</id><link href="https://wharf.example/"/>
        <author><name>Wharf Editors</name></author>
        <entry><title>Wire copy</title><id>tag:wharf.example,2024:1</id>
        <link href="https://wharf.example/wire"/><summary>Text.</summary>
        <author><name>The Associated Press</name></author></entry>
        <entry><title>Desk copy</title><id>tag:wharf.example,2024:2</id>
        <link href="https://wharf.example/desk"/><summary>Text.</summary>
        <author><name>Redaktion und Agenturen</name></author></entry></feed>""",
        encoding="utf-8",
    )
    run("import", tmp_path)
    rows = stored(db)
    assert {title: row["authors"] for title, row in rows.items()} == {
        "Notice 0": None,
        "Notice 1": None,
        "Notice 2": None,
        "Notice 3": "Ria Holm",
        "Notice 4": None,
        "Notice 5": None,
        "Mixed": "Ria Holm",
        "Wire copy": None,
        "Desk copy": None,
    }
    names = [author["name"] for author in json.loads(run("authors", "--json").stdout)]
    assert names == ["Ria Holm"]


def test_rss_author_fields_with_a_name_and_an_address_in_either_order(run, db, tmp_path):
    feed = tmp_path / "a.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>T</title><link>https://t.example/</link>'
        "<item><title>One</title><link>https://t.example/1</link><description>x</description>"
        "<author>John Doe (john.doe@example.com)</author></item>"
        "<item><title>Two</title><link>https://t.example/2</link><description>y</description>"
        "<author>Ana Ruiz &lt;ana@example.com&gt;</author></item></channel></rss>",
        "utf-8",
    )
    run("import", feed)
    assert {t: r["authors"] for t, r in stored(db).items()} == {
        "One": "John Doe",
        "Two": "Ana Ruiz",
    }


def test_email_only_authors_are_never_cut_into_fragments(run, db):
    run("import", CASES / "email-authors.xml")
    authors = {row["title"]: row["authors"] for row in article_rows(db())}
    assert authors == {
        "Lifeboat launch": None,
        "Museum reopens": None,
        "Quay cleanup": None,
        "Ferry fares": None,
        "Swing bridge": "Clara Neves",
    }


def test_several_creators_are_several_authors(run, db):
    run("import", CASES / "creators.xml")
    assert stored(db)["Harbour dredging plan"]["authors"] == "Mira Kovac; Tom Reyes"
    found = json.loads(run("list", "--author", "Tom Reyes", "--json").stdout)
    assert [item["title"] for item in found] == ["Harbour dredging plan"]
    shown = json.loads(run("show", "1", "--json").stdout)
    assert (shown["author"], shown["authors"]) == ("Mira Kovac", ["Mira Kovac", "Tom Reyes"])
    counts = {a["name"]: a["articles"] for a in json.loads(run("authors", "--json").stdout)}
    assert counts == {"Mira Kovac": 2, "Tom Reyes": 1}


def test_record_authors_as_lists_objects_and_strings(run, db):
    result = json.loads(run("import", CASES / "author-lists.json", "--json").stdout)
    assert (result["added"], result["rejected"]) == (3, 0)
    rows = stored(db)
    assert rows["Lighthouse keeper retires"]["authors"] == "Ruth Alvarez; Owen Pike"
    assert rows["Pier reopens"]["authors"] == "Kai Brandt"
    assert rows["Market day returns"]["authors"] == "Lee Moss"


def test_co_authors_beside_credits_are_kept_from_every_source(run, db, tmp_path):
    records = [
        {"title": "A", "author": "Jane Doe y EFE"},
        {"title": "B", "author": "Jane Doe et al."},
        {"title": "C", "author": "山田太郎、鈴木花子"},
        {"title": "D", "byline": "Jane Doe, with additional reporting by John Roe"},
    ]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    feed = tmp_path / "f.xml"
    feed.write_text(
        rss("G", '<item><title>E</title><link>https://gazette.example/e</link><description>x'
                 '</description><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Jane '
                 "Doe, John Roe und dpa</dc:creator></item>"),
        "utf-8",
    )  # fmt: skip
    page = tmp_path / "p.html"
    page.write_text(
        '<!doctype html><html><head><title>F</title><meta name="author" content="Juan Pérez '
        'con agencias"></head><body><article><h1>F</h1><p>The harbour reopened on Monday '
        "after repairs that took most of the winter.</p></article></body></html>",
        "utf-8",
    )
    run("import", tmp_path / "r.jsonl", feed, page)
    assert {title: row["authors"] for title, row in stored(db).items()} == {
        "A": "Jane Doe",
        "B": "Jane Doe",
        "C": "山田太郎; 鈴木花子",
        "D": "Jane Doe; John Roe",
        "E": "Jane Doe; John Roe",
        "F": "Juan Pérez",
    }
    counts = {a["name"]: a["articles"] for a in json.loads(run("authors", "--json").stdout)}
    assert counts == {"Jane Doe": 4, "John Roe": 2, "山田太郎": 1, "鈴木花子": 1, "Juan Pérez": 1}


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # A picture's, a video's or a graphic's credit is not the writer's, before or after it.
        ("Words by Maja Lind, photos by Oskar Holm", "Maja Lind"),
        ("Photography: Oskar Holm. Text: Maja Lind", "Maja Lind"),
        ("Texte : Maja Lind, Vidéo : Oskar Holm", "Maja Lind"),
        # Co-authors joined by "and" are two people in structured author fields too.
        ("Maja Lind and Oskar Holm", "Maja Lind; Oskar Holm"),
        ("Santiago Ramón y Cajal", "Santiago Ramón y Cajal"),
        # A role after the name, in the byline's language, is no co-author.
        ("Maja Lind, freie Mitarbeiterin", "Maja Lind"),
        ("Maja Lind et Oskar Holm, contributeurs", "Maja Lind; Oskar Holm"),
        # A news agency by its full name is no person, beside a writer or alone.
        ("Maja Lind and Agence France-Presse", "Maja Lind"),
        ("MAJA LIND, Deutsche Presse-Agentur", "Maja Lind"),
    ],
)
def test_one_byline_gives_the_same_authors_in_every_format(run, db, tmp_path, byline, authors):
    escaped = byline.replace("&", "&amp;")
    (tmp_path / "r.json").write_text(json.dumps([{"title": "Record", "author": byline}]), "utf-8")
    (tmp_path / "f.rss").write_text(
        rss("R", '<item><title>Creator</title><link>https://gazette.example/c</link>'
                 '<description>x</description><dc:creator xmlns:dc="http://purl.org/dc/elements'
                 f'/1.1/">{escaped}</dc:creator></item>'),
        "utf-8",
    )  # fmt: skip
    (tmp_path / "f.atom").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><entry>'
        f"<title>Atom</title><id>urn:a1</id><author><name>{escaped}</name></author>"
        "<summary>x</summary></entry></feed>",
        "utf-8",
    )
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "J",
        "items": [{"id": "j", "title": "JSON Feed", "content_text": "x",
                   "authors": [{"name": byline}]}],
    }  # fmt: skip
    (tmp_path / "f.json").write_text(json.dumps(json_feed), "utf-8")
    for name, head in [
        ("meta", f'<meta name="author" content="{escaped}">'),
        ("jsonld", '<script type="application/ld+json">'
                   + json.dumps({"@type": "NewsArticle", "headline": "jsonld",
                                 "author": {"@type": "Person", "name": byline}})
                   + "</script>"),
    ]:  # fmt: skip
        (tmp_path / f"{name}.html").write_text(
            f"<!doctype html><html><head><title>{name}</title>{head}</head><body><article>"
            f"<h1>{name}</h1><p>The harbour reopened on Monday after repairs that took most "
            "of the winter. The boats came back.</p></article></body></html>",
            "utf-8",
        )
    run("import", *(tmp_path / name for name in ("r.json", "f.rss", "f.atom", "f.json")))
    run("import", tmp_path / "meta.html", tmp_path / "jsonld.html")
    found = {title: row["authors"] for title, row in stored(db).items()}
    titles = ["Record", "Creator", "Atom", "JSON Feed", "meta", "jsonld"]
    assert found == dict.fromkeys(titles, authors)
    listed_authors = {item["title"]: "; ".join(item["authors"]) for item in listed(run)}
    assert listed_authors == found


def test_rss_author_fields_listing_several_addresses_or_hiding_one(run, db, tmp_path):
    feed = tmp_path / "a.xml"
    feed.write_text(
        rss("T", "".join(
            f"<item><title>{title}</title><link>https://gazette.example/{n}</link>"
            f"<description>x</description><author>{author}</author></item>"
            for n, (title, author) in enumerate([
                ("One", "Jane Doe &lt;jane@x.example&gt;, John Roe &lt;john@x.example&gt;"),
                ("Two", "jane@x.example (Jane Doe), john@x.example (John Roe)"),
                ("Three", "jane [at] x [dot] example"),
                ("Four", "ana (at) x (dot) example"),
            ])
        )),
        "utf-8",
    )  # fmt: skip
    run("import", feed)
    assert {title: row["authors"] for title, row in stored(db).items()} == {
        "One": "Jane Doe; John Roe",
        "Two": "Jane Doe; John Roe",
        "Three": None,  # an address hidden from harvesters is an address, not "jane x example"
        "Four": None,
    }
    printed = run("authors").stdout
    assert "Jane Doe" in printed and "John Roe" in printed and "jane" not in printed


def test_a_feed_titles_parts_name_its_publisher_not_a_person(run, db, tmp_path):
    creator = '<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">{}</dc:creator>'
    for name, title, byline in [
        ("monde", "Le Monde.fr - Actualités et Infos en France et dans le monde", "Le Monde"),
        ("spiegel", "DER SPIEGEL - Schlagzeilen", "DER SPIEGEL"),
        ("pais", "EL PAÍS: el periódico global", "EL PAÍS"),
    ]:
        items = "".join(
            f"<item><title>{name} {n}</title><link>https://{name}.example/{n}</link>"
            f"<description>x</description>{creator.format(who)}</item>"
            for n, who in enumerate([byline, "Ana Ruiz"])
        )
        (tmp_path / f"{name}.xml").write_text(
            rss(title, items, f"https://{name}.example/"), "utf-8"
        )
    (tmp_path / "gazette.atom").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Port Alder Gazette – Local news'
        "</title><id>urn:pag</id><updated>2024-05-01T00:00:00Z</updated>"
        + "".join(
            f'<entry><title>gazette {n}</title><id>urn:pag:{n}</id><link href="https://'
            f'gazette.example/{n}"/><updated>2024-05-01T00:00:00Z</updated><summary>x</summary>'
            f"<author><name>{who}</name></author></entry>"
            for n, who in enumerate(["Port Alder Gazette", "Ana Ruiz"])
        )
        + "</feed>",
        "utf-8",
    )
    (tmp_path / "quay.json").write_text(
        json.dumps({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Quay Notes | Harbour news",
            "items": [
                {"id": "q0", "title": "quay 0", "content_text": "x",
                 "authors": [{"name": "Quay Notes"}]},
                {"id": "q1", "title": "quay 1", "content_text": "x",
                 "authors": [{"name": "Ana Ruiz"}]},
            ],
        }),
        "utf-8",
    )  # fmt: skip
    run("import", *sorted(tmp_path.glob("*.*")))
    authors = {title: row["authors"] for title, row in stored(db).items()}
    assert authors == {
        **{f"{name} 0": None for name in ("monde", "spiegel", "pais", "gazette", "quay")},
        **{f"{name} 1": "Ana Ruiz" for name in ("monde", "spiegel", "pais", "gazette", "quay")},
    }
    counts = {a["name"]: a["articles"] for a in json.loads(run("authors", "--json").stdout)}
    assert counts == {"Ana Ruiz": 5}


def test_an_organisation_typed_author_in_a_record_is_no_person(run, db, tmp_path):
    gazette = {"@type": "Organization", "name": "Port Alder Gazette"}
    records = [
        {"title": "A", "author": gazette},
        {"title": "B", "author": [{"@type": "NewsMediaOrganization", "name": "Harbour Daily"},
                                  {"@type": "Person", "name": "Ana Ruiz", "description": "Ports"},
                                  "Harbour Daily"]},
        {"title": "C", "author": {"@type": ["schema:Corporation"], "name": "Alder Widgets"}},
    ]  # fmt: skip
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    run("import", tmp_path / "r.jsonl")
    rows = stored(db)
    assert {title: row["authors"] for title, row in rows.items()} == {
        "A": None,
        "B": "Ana Ruiz",  # the organisation goes, by name too
        "C": None,
    }
    assert rows["B"]["author_bio"] == "Ports"  # the person's, not the organisation's
    assert [a["name"] for a in json.loads(run("authors", "--json").stdout)] == ["Ana Ruiz"]


@pytest.mark.parametrize(
    "byline",
    [
        # Two sibling elements marked alike, and the same inside a marked container.
        '<span class="author">Jane Doe</span><span class="author">John Roe</span>',
        '<div class="byline"><span class="author">Jane Doe</span>'
        '<span class="author">John Roe</span></div>',
        '<p class="byline">By <a class="author-name">Jane Doe</a>'
        '<a class="author-name">John Roe</a></p>',
    ],
)
def test_a_page_marking_each_author_gives_each_one(run, db, tmp_path, byline):
    page = tmp_path / "p.html"
    page.write_text(
        "<!doctype html><html><head><title>Harbour reopens</title></head><body><article>"
        f"<h1>Harbour reopens</h1>{byline}<p>The harbour reopened on Monday after repairs "
        "that took most of the winter. The boats came back.</p></article></body></html>",
        "utf-8",
    )
    run("import", page)
    assert stored(db)["Harbour reopens"]["authors"] == "Jane Doe; John Roe"
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["authors"] == ["Jane Doe", "John Roe"]


def test_co_authors_survive_export_and_import(run, tmp_path):
    # Also a group an Atom feed credits ("Planet Editors", kept as the publisher declared
    # it): it is one of the stored names an export lists, and comes back as its article's.
    run("import", CASES / "author-lists.json", CASES / "creators.xml", CASES / "atom-source.atom")
    original = {item["title"]: item["authors"] for item in listed(run)}
    assert original["Boat show dates"] == ["Planet Editors"]
    for fmt in ("jsonl", "json", "csv"):
        exported = tmp_path / f"out.{fmt}"
        run("export", "--format", fmt, "-o", exported)
        copy = tmp_path / f"copy-{fmt}.db"
        run("--db", copy, "import", exported)
        shown = json.loads(run("--db", copy, "list", "--json", "-n", "50").stdout)
        assert {item["title"]: item["authors"] for item in shown} == original
        authors = {row["name"] for row in sqlite_utils.Database(copy)["authors"].rows}
        assert {"Nadia Ferreira", "Planet Editors"} <= authors


# -- titles ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["angle-titles.xml", "angle-titles.atom"])
def test_plain_text_titles_keep_their_angle_brackets(run, db, name):
    run("import", CASES / name)
    expected = {
        "angle-titles.xml": {
            "<devnull>",
            "Browser drops support for <blink> at last",
            "AT&T and <<Partners>> merge",
        },
        "angle-titles.atom": {"The <p> tag explained"},
    }[name]
    assert set(stored(db)) == expected


def test_html_titles_are_still_converted(run, db, tmp_path):
    feed = tmp_path / "h.atom"
    feed.write_text(
        """<feed xmlns="http://www.w3.org/2005/Atom"><title>H</title><id>urn:h</id>
        <entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; move &amp;amp; more</title>
        <id>urn:h1</id><summary>Text.</summary></entry></feed>""",
        encoding="utf-8",
    )
    run("import", feed)
    assert set(stored(db)) == {"Bold move & more"}


def test_atom_text_titles_are_not_unescaped_twice(run, db, tmp_path):
    # RFC 4287 3.1.1.1: type="text" (also the default) is plain text once the XML is read.
    titles = {
        '<title type="text">Why &amp;copy; is not &#169;</title>': "Why &copy; is not ©",
        '<title type="text">Write &amp;amp;lt; for &amp;lt;</title>': "Write &amp;lt; for &lt;",
        "<title>Old &amp;quot;quotes&amp;quot; &lt;q&gt;</title>": "Old &quot;quotes&quot; <q>",
        '<title type="html">Bread &amp;amp; &lt;i&gt;butter&lt;/i&gt;</title>': "Bread & butter",
    }
    entries = "".join(
        f"<entry>{title}<id>urn:t:{n}</id><summary>Entry {n}.</summary></entry>"
        for n, title in enumerate(titles)
    )
    (tmp_path / "t.atom").write_text(
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>{entries}</feed>',
        encoding="utf-8",
    )
    # RSS does not say what a title holds: one escaped twice is still decoded once more.
    item = "<item><title>Salt &amp;amp; vinegar</title><description>Chips.</description></item>"
    (tmp_path / "t.xml").write_text(rss_feed("T", item), encoding="utf-8")
    run("import", tmp_path)
    assert set(stored(db)) == {*titles.values(), "Salt & vinegar"}
    shown = run("list", "--json").stdout
    assert {item["title"] for item in json.loads(shown)} == set(stored(db))


def test_a_tag_name_escaped_as_text_stays_in_titles_and_bodies(run, db, tmp_path):
    # HTML that escapes "<" once shows it as text: a lone tag's name in a sentence is a word
    # of it, in any format. A tag closed around words or with attributes after one pass is
    # markup escaped twice, and still goes.
    atom = tmp_path / "t.atom"
    atom.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Web notes</title><id>urn:w</id>'
        '<entry><title type="html">Ten years of &amp;lt;div&amp;gt; soup</title><id>urn:1</id>'
        '<content type="html">&lt;p&gt;Give every &amp;lt;img&amp;gt; an alt text.&lt;/p&gt;'
        "</content></entry>"
        '<entry><title type="html">&lt;i&gt;Still&lt;/i&gt; no &amp;lt;h1&amp;gt; on the page'
        '</title><id>urn:2</id><summary type="html">&amp;lt;p&amp;gt;Escaped '
        "&amp;lt;a href=&quot;/x&quot;&amp;gt;twice&amp;lt;/a&amp;gt; over&amp;lt;/p&amp;gt;"
        "</summary></entry>"
        '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Nobody misses '
        "&lt;iframe&gt; embeds</div></title><id>urn:3</id><summary>x</summary></entry></feed>",
        "utf-8",
    )
    feed = tmp_path / "t.rss"
    feed.write_text(
        rss("R", "<item><title>Nest &amp;lt;ul&amp;gt; inside &amp;lt;li&amp;gt;</title>"
                 "<link>https://gazette.example/ul</link><description>&lt;p&gt;A &amp;lt;ul"
                 "&amp;gt; holds items.&lt;/p&gt;</description></item>"),
        "utf-8",
    )  # fmt: skip
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "J",
        "items": [{"id": "s", "title": "Spans",
                   "content_html": "<p>Wrap it in a &lt;span&gt; first</p>"}],
    }  # fmt: skip
    (tmp_path / "f.json").write_text(json.dumps(json_feed), "utf-8")
    wordpress = [
        {"id": 7, "link": "https://wp.example/font/", "title": {"rendered": "Fonts"},
         "content": {"rendered": "<p>Swap each &lt;font&gt; for a class.</p>"}},
    ]  # fmt: skip
    (tmp_path / "wp.json").write_text(json.dumps(wordpress), "utf-8")
    run("import", atom, feed, tmp_path / "f.json", tmp_path / "wp.json")
    bodies = {title: row["body"] for title, row in stored(db).items()}
    assert bodies == {
        "Ten years of <div> soup": "Give every <img> an alt text.",
        "Still no <h1> on the page": "Escaped twice over",
        "Nobody misses <iframe> embeds": "x",
        "Nest <ul> inside <li>": "A <ul> holds items.",
        "Spans": "Wrap it in a <span> first",
        "Fonts": "Swap each <font> for a class.",
    }
    assert {item["title"] for item in listed(run)} == set(bodies)
    shown = json.loads(run("show", str(stored(db)["Spans"]["id"]), "--json").stdout)
    assert shown["body"] == "Wrap it in a <span> first"


# -- what is not an article ----------------------------------------------------------


def test_a_csv_piped_on_stdin_is_read_as_csv(run, db):
    result = run("import", "-", "--json", input=(CASES / "stdin.csv").read_bytes())
    assert json.loads(result.stdout)["by_format"]["csv"]["added"] == 2
    assert set(stored(db)) == {"Harbour opens late", "New ferry named"}


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_csv_with_other_delimiters(run, db, tmp_path, delimiter):
    if delimiter == ";":
        source = CASES / "semicolons.csv"
    else:
        source = tmp_path / "other.txt"  # a .txt holding a CSV is read as one too
        source.write_text(
            (CASES / "semicolons.csv").read_text(encoding="utf-8").replace(";", delimiter),
            encoding="utf-8",
        )
    run("import", source)
    rows = stored(db)
    assert set(rows) == {"Harbour opens late", "New ferry named"}
    assert rows["Harbour opens late"]["body"].endswith("the port office said.")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Shopping\n- milk\n- bread\n- call the plumber\n", "a list"),
        ("TODO\n[ ] fix the bike\n[x] pay the rent\n[ ] call mum\n", "a list"),
        ("12\n14.5\n-3\n", "no words"),
        ("meeting notes\n\ncall mum\npay rent\nfix bike\n", "no paragraph of prose"),
        ("# Reading list\n\nBooks I want to read this winter, in no order.\n", "Markdown"),
    ],
)
def test_text_that_is_no_article_is_rejected_not_stored(run, db, tmp_path, text, reason):
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    result = run("import", path, expect=1)
    assert "notes.txt" in result.stderr and reason in result.stderr
    assert article_rows(db()) == []
    piped = run("add", "-", input=text, expect=1)
    assert reason in piped.stderr and article_rows(db()) == []


def test_a_markdown_export_never_comes_back_as_one_junk_article(run, db, tmp_path):
    run("import", CASES / "creators.xml")
    exported = tmp_path / "out.md"
    run("export", "--format", "markdown", "-o", exported)
    before = article_rows(db())
    result = run("import", exported, expect=1)
    assert "Markdown" in result.stderr
    assert article_rows(db()) == before


def test_a_json_schema_or_configuration_file_is_no_article(run, db, tmp_path):
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Product",
        "description": "A product from the Vale catalogue",
        "type": "object",
    }
    (tmp_path / "product.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    result = run("import", tmp_path / "product.schema.json", expect=1)
    assert "a JSON Schema or configuration file ($schema), not an article" in result.stderr
    assert article_rows(db()) == []


@pytest.mark.parametrize("name", ["README.md", "trip.markdown"])
def test_a_file_named_as_markdown_is_rejected_whatever_its_headings(run, db, tmp_path, name):
    # Setext headings ("Title" over "===") and prose look like a saved page's title and text.
    (tmp_path / name).write_text(
        "Vale Widget\n===========\n\nA small tool that does `things` for you, quietly.\n\n"
        "Usage\n-----\n\nRun it with **care** and read [the docs](https://vale.example).\n",
        encoding="utf-8",
    )
    result = run("import", tmp_path / name, expect=1)
    assert f"{name}: Markdown, not a saved page" in result.stderr
    assert article_rows(db()) == []


# A feed or an OPML list under a name that does not say so (.txt, .html, a pipe): its XML
# root element decides (parsers.xml_root), after the declaration, comments and doctype.
_RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Port Alder Gazette</title><link>https://gazette.example/</link>
<item><title>Harbour bridge reopens</title><link>https://gazette.example/bridge</link>
<description>The harbour bridge reopened on Monday after repairs.</description></item>
<item><title>Library extends hours</title><link>https://gazette.example/library</link>
<description>The library will stay open until nine.</description></item>
</channel></rss>
"""
_ATOM = (
    "\ufeff<?xml version='1.0'?>\n<!-- saved from the browser -->\n"
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette</title><id>urn:gazette</id>'
    "<entry><title>Harbour bridge reopens</title><id>urn:1</id>"
    "<updated>2024-05-01T00:00:00Z</updated><summary>Reopened on Monday.</summary></entry>"
    "<entry><title>Library extends hours</title><id>urn:2</id>"
    "<updated>2024-05-01T00:00:00Z</updated><summary>Open until nine.</summary></entry></feed>"
)
_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE opml>
<opml version="2.0"><head><title>My subscriptions</title></head>
<body><outline text="Gazette" type="rss" xmlUrl="https://gazette.example/feed.xml"/></body>
</opml>
"""
_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://gazette.example/bridge</loc></url></urlset>
"""


@pytest.mark.parametrize(
    ("name", "feed"), [("feed.txt", _RSS), ("feed.html", _RSS), ("news.txt", _ATOM)]
)
def test_a_feed_saved_under_another_extension_gives_its_entries(run, db, tmp_path, name, feed):
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    result = run("import", path, "--json")
    assert json.loads(result.stdout)["by_format"]["feed"]["added"] == 2
    assert set(stored(db)) == {"Harbour bridge reopens", "Library extends hours"}


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("subs.opml", _OPML, "an OPML subscription list, not a feed"),
        ("subs.txt", _OPML, "an OPML subscription list, not a feed"),
        ("-", _OPML, "an OPML subscription list, not a feed"),
        (
            "sitemap.txt",
            _SITEMAP,
            "not an RSS or Atom feed (an XML document whose root is <urlset>)",
        ),
    ],
)
def test_xml_that_is_no_feed_is_rejected_whatever_its_name(run, db, tmp_path, name, text, reason):
    path = tmp_path / name
    if name != "-":
        path.write_text(text, encoding="utf-8")
    shown = "<stdin>" if name == "-" else name
    result = run("import", path if name != "-" else "-", input=text, expect=1)
    assert f"{shown}: {reason}" in result.stderr
    if "OPML" in reason:
        assert "newsctl feeds import" in result.stderr
    added = run("add", path if name != "-" else "-", input=text, expect=1)
    assert f"{shown}: {reason}" in added.stderr
    assert article_rows(db()) == []


def test_saved_pages_and_html_pages_beside_a_feed_saved_as_txt(run, db, tmp_path):
    (tmp_path / "feed.txt").write_text(_RSS, encoding="utf-8")
    (tmp_path / "ferry.txt").write_bytes((SAMPLE_DATA / "pages" / "harbor-ferry.txt").read_bytes())
    page = Path(__file__).parent / "data" / "pages" / "harbour-budget.html"
    (tmp_path / "budget.html").write_bytes(page.read_bytes())
    result = run("import", tmp_path, "--json")
    by_format = json.loads(result.stdout)["by_format"]
    assert by_format["feed"]["added"] == 2 and by_format["html"]["added"] == 1
    assert by_format["page"]["added"] >= 1
    rows = stored(db)
    assert {"Harbour bridge reopens", "Library extends hours"} <= set(rows)
    assert "Night Ferry to Gull Island Returns After Six Years" in rows
    assert rows["Council approves harbour budget after late debate"]["source"].endswith(
        "budget.html"
    )


def test_an_html_page_with_rdf_in_a_comment_is_read_as_a_page(run, db):
    # Blogs of the 2000s carried their Creative Commons licence as RDF in a comment.
    licence = (
        '<!-- <rdf:RDF xmlns="http://web.resource.org/cc/" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><Work rdf:about="">'
        '<license rdf:resource="http://creativecommons.org/licenses/by/2.0/"/></Work>'
        "</rdf:RDF> -->"
    )
    page = (Path(__file__).parent / "data" / "pages" / "harbour-budget.html").read_text("utf-8")
    result = run("import", "-", "--json", input=page.replace("<head>", "<head>" + licence, 1))
    assert json.loads(result.stdout)["by_format"]["html"]["added"] == 1
    assert set(stored(db)) == {"Council approves harbour budget after late debate"}


def test_a_feed_cut_off_mid_entry_keeps_the_complete_entries(run, db):
    result = run("import", CASES / "truncated.xml", expect=1)
    assert set(stored(db)) == {"First full story", "Second full story"}
    assert "truncated.xml:entry 3" in result.stderr and "cut off" in result.stderr


@pytest.mark.parametrize("name", ["cut.json", "cut-feed.json"])
def test_json_cut_off_mid_record_keeps_the_complete_records(run, db, tmp_path, name):
    records = [{"title": "Ferry back", "body": "Whole."}, {"title": "Quay open", "body": "Whole."}]
    if name == "cut-feed.json":  # a JSON Feed, its items cut off
        items = [
            {"id": str(n), "title": r["title"], "content_text": r["body"]}
            for n, r in enumerate(records)
        ]
        whole = json.dumps(
            {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": items}
        )
    else:
        whole = json.dumps(records)
    text = whole[: whole.rindex("]")].rstrip() + ', {"title": "Harbour fl'
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("import", tmp_path / name, expect=1)
    assert set(stored(db)) == {"Ferry back", "Quay open"}
    kind = "item" if name == "cut-feed.json" else "record"
    assert f"{name}:{kind} 3: the JSON breaks off at line 1" in result.stderr
    assert f"2 complete {kind}s before it were read" in result.stderr
    # The same file as a feed given by its format.
    if name == "cut-feed.json":
        run("import", tmp_path / name, "--format", "feed", "--again", expect=1)
        assert set(stored(db)) == {"Ferry back", "Quay open"}


def test_json_that_breaks_elsewhere_is_still_rejected_whole(run, db, tmp_path):
    (tmp_path / "bad.json").write_text('{"title": "A", "body": }', encoding="utf-8")
    result = run("import", tmp_path / "bad.json", expect=1)
    assert "invalid JSON" in result.stderr and stored(db) == {}


def test_a_namespaced_atom_feed_cut_off(run, db, tmp_path):
    feed = tmp_path / "cut.atom"
    feed.write_text(
        '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>C</a:title><a:id>urn:c</a:id>'
        "<a:entry><a:title>Whole</a:title><a:id>urn:1</a:id><a:summary>Done.</a:summary>"
        "</a:entry><a:entry><a:title>Cut</a:title><a:id>urn:2</a:id><a:summary>The sto",
        encoding="utf-8",
    )
    result = run("import", feed, expect=1)
    assert set(stored(db)) == {"Whole"} and "cut.atom:entry 2" in result.stderr


# A literal end tag inside CDATA, a comment or a processing instruction is text, not the
# end of an entry; where the document breaks is the XML parser's to say.
_QUOTED_END_TAGS = {
    "cdata.xml": (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>One</title><description><![CDATA[<p>Code: </item> is a closing tag</p>]]>"
        "</description></item>\n"
        "<item><title>Two</title><description>Second whole.</description></item>\n"
        "<item><title>Three</title><description>Third is cut he"
    ),
    "comment.atom": (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>'
        "<entry><title>One</title><id>urn:1</id><summary>First whole.</summary>"
        "<!-- </entry> --></entry>\n"
        "<entry><title>Two</title><id>urn:2</id><summary>Second whole.</summary>"
        "<?note </entry>?></entry>\n"
        "<entry><title>Three</title><id>urn:3</id><summary>Third is cut he"
    ),
}


@pytest.mark.parametrize("name", sorted(_QUOTED_END_TAGS))
def test_an_end_tag_quoted_in_an_entry_does_not_hide_the_cut(run, db, tmp_path, name):
    (tmp_path / name).write_text(_QUOTED_END_TAGS[name], encoding="utf-8")
    result = run("import", tmp_path / name, expect=1)
    rows = stored(db)
    assert set(rows) == {"One", "Two"} and all(row["body"] for row in rows.values())
    assert result.stderr.count("cut off") == 1
    assert f"{name}:entry 3: entry cut off" in result.stderr
    assert "breaks off at line 3, column " in result.stderr
    assert "2 complete entries before it were read" in result.stderr


_WHOLE_ENTRIES = {
    "rss": (
        '<rss version="2.0"><channel><title>T</title>\n'
        "<item><title>One</title><description>First whole.</description></item>\n"
        "<item><title>Two</title><description>Second whole.</description></item>\n",
        "</channel></rss>",
    ),
    "atom": (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>\n'
        "<entry><title>One</title><id>urn:1</id><summary>First whole.</summary></entry>\n"
        "<entry><title>Two</title><id>urn:2</id><summary>Second whole.</summary></entry>\n",
        "</feed>",
    ),
    "rdf": (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="urn:t"><title>T</title>'
        "</channel>\n"
        '<item rdf:about="urn:1"><title>One</title>'
        "<description>First whole.</description></item>\n"
        '<item rdf:about="urn:2"><title>Two</title>'
        "<description>Second whole.</description></item>\n",
        "</rdf:RDF>",
    ),
}


@pytest.mark.parametrize(
    ("kind", "tail"),
    [
        ("rss", ""),
        ("rss", "<it"),
        ("rss", "</chan"),
        ("atom", ""),
        ("atom", "<entry"),
        ("atom", "</fe"),
        ("rdf", ""),
        ("rdf", "<it"),
        ("rdf", "</rdf:R"),
    ],
)
def test_a_feed_cut_between_entries_is_reported(run, db, tmp_path, kind, tail):
    head, end = _WHOLE_ENTRIES[kind]
    (tmp_path / "cut.xml").write_text(head + tail, encoding="utf-8")
    result = run("import", tmp_path / "cut.xml", expect=1)
    rows = stored(db)
    assert set(rows) == {"One", "Two"} and all(row["body"] for row in rows.values())
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1
        and "cut.xml: feed cut off: the XML breaks off at line 4, column 1" in lines[0]
    )
    assert "2 complete entries before it were read" in lines[0]
    # The same feed whole is read without a word.
    (tmp_path / "whole.xml").write_text(head + end, encoding="utf-8")
    assert run("import", tmp_path / "whole.xml").stderr == ""


@pytest.mark.parametrize(
    "flaw",
    [
        "Caf&eacute; &nbsp;open",  # entities XML does not define
        "AT&T and R&D",  # a stray ampersand
        # A control character XML does not allow, past the head that would make it binary.
        "word " * 300 + "bell\x03rings",
        "<p>line<br>break</p>",  # an HTML tag never closed
    ],
)
def test_a_feed_broken_elsewhere_is_cut_off_only_when_its_end_is_missing(run, db, tmp_path, flaw):
    head = (
        '<rss version="2.0"><channel><title>T</title>\n'
        f"<item><title>One</title><description>{flaw}</description></item>\n"
        "<item><title>Two</title><description>Second whole.</description></item>\n"
    )
    (tmp_path / "whole.xml").write_text(head + "</channel></rss>\n", encoding="utf-8")
    result = run("import", tmp_path / "whole.xml")
    assert "cut off" not in result.stderr and set(stored(db)) == {"One", "Two"}
    (tmp_path / "cut.xml").write_text(head + "</chan", encoding="utf-8")
    result = run("import", tmp_path / "cut.xml", "--again", expect=1)
    assert set(stored(db)) == {"One", "Two"}
    assert result.stderr.count("cut off") == 1 and "cut.xml" in result.stderr
    assert "line 4, column 1" in result.stderr


# -- dates in feeds ------------------------------------------------------------------

DATA = Path(__file__).parent / "data"


def test_feed_dates_with_zone_abbreviations(run, db):
    result = run("import", DATA / "zones.xml")
    assert result.stderr == ""
    assert {row["title"]: row["published_at"] for row in article_rows(db())} == {
        "Ferry timetable changes": "2015-04-30T06:57:00Z",  # MEST
        "Bridge closure": "2015-04-30T06:57:00Z",  # CEST
        "Sports report": "2015-04-30T07:57:00Z",  # CET
        "Harbour report": "2015-04-30T07:57:00Z",  # BST
        "Arts report": "2015-04-29T22:57:00Z",  # AEST
        "Market report": "2015-04-30T12:57:00Z",  # EDT
        "Weather report": "2015-04-30T06:57:00Z",  # +0200
    }


def test_a_feed_date_in_an_unknown_zone_is_reported_and_left_out(run, db, tmp_path):
    feed = tmp_path / "odd.xml"
    feed.write_text(
        """<rss version="2.0"><channel><title>T</title><link>https://z.example/</link>
        <item><title>Odd zone</title><link>https://z.example/1</link><description>x</description>
        <pubDate>Thu, 30 Apr 2015 08:57:00 XYZ</pubDate></item>
        <item><title>Tokyo</title><link>https://z.example/2</link><description>y</description>
        <pubDate>Thu, 30 Apr 2015 08:57:00 JST</pubDate></item></channel></rss>""",
        encoding="utf-8",
    )
    result = run("import", feed, "--json")
    assert {row["title"]: row["published_at"] for row in article_rows(db())} == {
        "Odd zone": None,  # never guessed as UTC
        "Tokyo": "2015-04-29T23:57:00Z",
    }
    [warning] = json.loads(result.stdout)["warnings"]
    assert warning["location"] == "entry 1" and "unknown time zone 'XYZ'" in warning["message"]
    shown = run("import", feed, "--again")  # read again: an unchanged file is skipped
    assert "odd.xml:entry 1: published date left out: unknown time zone 'XYZ'" in shown.stderr


def test_a_json_feed_date_in_an_unresolvable_zone_is_left_out_and_said(run, db, tmp_path):
    # As in RSS and Atom: the item is stored without its date, never rejected or guessed.
    feed = tmp_path / "feed.json"
    items = [
        {
            "id": "1",
            "title": "Monsoon",
            "content_text": "x",
            "date_published": "2024-01-15T08:00:00 IST",
        },
        {
            "id": "2",
            "title": "Tokyo",
            "content_text": "y",
            "date_published": "2024-01-15T08:00:00 JST",
        },
    ]
    document = {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": items}
    feed.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", feed, "--json")
    assert {row["title"]: row["published_at"] for row in article_rows(db())} == {
        "Monsoon": None,
        "Tokyo": "2024-01-14T23:00:00Z",
    }
    [warning] = json.loads(result.stdout)["warnings"]
    assert warning["location"] == "item 1" and "ambiguous time zone 'IST'" in warning["message"]


def test_a_byline_in_capitals_is_stored_as_a_name_is_written(run, db, tmp_path):
    # Authors match in any case, so a first spelling in capitals would be every article's.
    feed = tmp_path / "caps.xml"
    feed.write_text(
        """<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
        <title>T</title><link>https://c.example/</link>
        <item><title>Tide</title><link>https://c.example/1</link><description>x</description>
        <dc:creator>By JANE DOE and John Roe</dc:creator></item>
        <item><title>Mill</title><link>https://c.example/2</link><description>y</description>
        <dc:creator>Jane Doe</dc:creator></item></channel></rss>""",
        encoding="utf-8",
    )
    run("import", feed)
    assert [row["authors"] for row in article_rows(db())] == ["Jane Doe; John Roe", "Jane Doe"]
    assert "JANE DOE" not in run("authors").stdout


# -- faults found by trying other inputs of the same kinds -----------------------------------


def rss(title: str, items: str, link: str | None = "https://gazette.example/") -> str:
    channel_link = f"<link>{link}</link>" if link else ""
    return (
        f'<rss version="2.0"><channel><title>{title}</title>{channel_link}'
        f"<description>d</description>{items}</channel></rss>"
    )


def item(guid: str, title: str, link: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><description>{title} text.</description>"
        f'<guid isPermaLink="false">{guid}</guid></item>'
    )


def test_two_feeds_of_one_site_numbering_their_items_alike_stay_apart(run, db, tmp_path):
    for section in ("sport", "local"):
        items = item("1", f"First {section}", f"/{section}/first") + item(
            "2", f"Second {section}", f"/{section}/second"
        )
        (tmp_path / f"{section}.xml").write_text(rss(section.capitalize(), items), "utf-8")
    result = json.loads(
        run("import", "--json", tmp_path / "sport.xml", tmp_path / "local.xml").stdout
    )
    assert (result["added"], result["updated"]) == (4, 0)
    # Feeds with no site link at all: their ids "1", "2" identify nothing, urls do.
    for name in ("a", "b"):
        items = item("1", f"Only {name}", f"https://{name}.example/only")
        (tmp_path / f"{name}.rss").write_text(rss("News", items, link=None), "utf-8")
    run("import", tmp_path / "a.rss", tmp_path / "b.rss")
    assert {"Only a", "Only b"} <= set(stored(db))
    # Records' guids "1" likewise: two files, two articles.
    for name in ("c", "d"):
        (tmp_path / f"{name}.jsonl").write_text(
            json.dumps({"guid": "1", "title": f"Record {name}"}) + "\n", "utf-8"
        )
    run("import", tmp_path / "c.jsonl", tmp_path / "d.jsonl")
    assert {"Record c", "Record d"} <= set(stored(db))


@pytest.mark.parametrize(
    "date",
    [
        "Mon, 29 Jul 2024 12:00:00 Eastern Daylight Time",
        "Mon, 29 Jul 2024 12:00:00 CEST (Central European Summer Time)",
        "lun., 29 jul-ago 2024 12:00:00 +0200",
    ],
)
def test_a_feed_date_newsctl_cannot_read_is_never_guessed(run, db, tmp_path, date):
    feed = tmp_path / "d.xml"
    feed.write_text(
        rss("T", f"<item><title>Dated</title><link>https://d.example/1</link>"
                 f"<description>x</description><pubDate>{date}</pubDate></item>"),
        "utf-8",
    )  # fmt: skip
    result = run("import", feed)
    assert stored(db)["Dated"]["published_at"] is None
    assert "d.xml:entry 1: published date left out" in result.stderr


def test_an_ambiguous_page_date_gives_way_to_another_statement(run, db, tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>Harbour opens</title><meta property='article:published_time' "
        "content='05/06/2024'><meta name='date' content='2024-06-05T09:30:00+02:00'></head>"
        "<body><article><h1>Harbour opens</h1>"
        + "<p>The harbour opened on a sunny morning, and the town came to watch.</p>" * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = run("import", tmp_path / "p.html")
    assert "left out" not in result.stderr
    assert stored(db)["Harbour opens"]["published_at"] == "2024-06-05T07:30:00Z"


def test_a_feeds_summary_does_not_replace_the_article_stored_from_its_page(run, db, tmp_path):
    paragraphs = (
        "The new library in the old customs house opened its doors this morning to a queue of "
        "readers stretching down the quay.",
        "The council said the reading room will stay open until nine on weekdays.",
        "Volunteers catalogued twelve thousand books donated by residents.",
        "The old customs house stood empty for a decade before the council bought it in 2019.",
        "Its reading room looks out over the harbour, where the ferries come in at noon.",
        "A café on the ground floor opens next month, run by the bakery on Quay Street.",
    )
    (tmp_path / "page.html").write_text(
        "<html><head><title>Library opens</title><link rel='canonical' "
        "href='https://quay.example/library'></head><body><article><h1>Library opens</h1>"
        + "".join(f"<p>{text}</p>" for text in paragraphs)
        + "</article></body></html>",
        encoding="utf-8",
    )
    run("import", tmp_path / "page.html")

    def feed(description: str) -> Path:
        item = "<item><title>Library opens</title><link>https://quay.example/library</link>"
        item += f"<description>{description}</description>"
        item += "<pubDate>Sun, 03 Nov 2024 21:15:00 -0500</pubDate></item>"
        path = tmp_path / "feed.xml"
        path.write_text(rss_feed("Quay Herald", item), encoding="utf-8")
        return path

    # Its description is the page's opening words (WordPress's excerpt, and its line about
    # where the post appeared): the text stays, the feed's exact time is taken.
    excerpt = paragraphs[0] + " [&#8230;] The post Library opens "
    excerpt += "appeared first on Quay Herald."
    run("import", feed(excerpt))
    again = json.loads(
        run("import", tmp_path / "page.html", tmp_path / "feed.xml", "--again", "--json").stdout
    )
    assert (again["updated"], again["unchanged"]) == (0, 2)
    [row] = article_rows(db())
    assert row["body"] == "\n\n".join(paragraphs)
    assert row["published_at"] == "2024-11-04T02:15:00Z"
    # A publisher's real change has words of its own: it is stored (the page's text stays
    # in the history).
    run("import", feed("This article has been withdrawn."), "--again")
    [row] = article_rows(db())
    assert row["body"] == "This article has been withdrawn."
    assert [v["change"] for v in json.loads(run("history", "1", "--json").stdout)] == [
        "added",
        "import",
        "import",
    ]


@pytest.mark.parametrize(("day", "kept"), [("2024-11-03", True), ("2024-11-06", False)])
def test_a_pages_bare_day_does_not_replace_the_instant_its_feed_gave(run, db, tmp_path, day, kept):
    item = "<item><title>Library opens</title><link>https://quay.example/library</link>"
    item += "<description>The new library opened.</description>"
    item += "<pubDate>Sun, 03 Nov 2024 21:15:00 -0500</pubDate></item>"
    (tmp_path / "feed.xml").write_text(rss_feed("Quay Herald", item), encoding="utf-8")
    run("import", tmp_path / "feed.xml")
    (tmp_path / "page.html").write_text(
        "<html><head><title>Library opens</title><link rel='canonical' "
        f"href='https://quay.example/library'><meta property='article:published_time' "
        f"content='{day}'></head><body><article><h1>Library opens</h1>"
        + "".join(
            f"<p>{text}</p>"
            for text in (
                "The new library in the old customs house opened its doors this morning.",
                "The council said the reading room will stay open until nine on weekdays.",
                "Volunteers catalogued twelve thousand books donated by residents.",
            )
        )
        + "</article></body></html>",
        encoding="utf-8",
    )
    run("import", tmp_path / "page.html")
    [row] = article_rows(db())
    assert "twelve thousand books" in row["body"]  # the page's text
    # 3 November in New York is 04:15 UTC on the 4th: the page's day is the feed's, which
    # stays; a day it cannot be (the 6th) is a publisher's new date.
    assert row["published_at"] == ("2024-11-04T02:15:00Z" if kept else f"{day}T00:00:00Z")


@pytest.mark.parametrize(
    ("instant", "day"),
    [("9999-12-31T10:00:00Z", "9999-12-31"), ("0001-01-01T05:00:00Z", "0001-01-01")],
)
def test_a_bare_day_at_the_ends_of_the_calendar_is_no_crash(run, db, tmp_path, instant, day):
    url = "https://x.example/far"
    write_jsonl(tmp_path / "a.jsonl", [{"title": "Far", "url": url, "published": instant}])
    write_jsonl(tmp_path / "b.jsonl", [{"title": "Far", "url": url, "published": day}])
    run("import", tmp_path / "a.jsonl")
    assert json.loads(run("import", tmp_path / "b.jsonl", "--json").stdout)["rejected"] == 0
    assert stored(db)["Far"]["published_at"].startswith(day)


@pytest.mark.parametrize("meta", ["property='article:published_time'", "name='date'"])
@pytest.mark.parametrize("date", ["05/06/2026", "04/03/2026 10:00", "24-06-05"])
def test_a_page_date_that_reads_two_ways_is_no_date(run, db, tmp_path, date, meta):
    # htmldate, read after the metadata, would pick one reading (day first): not a guess.
    (tmp_path / "p.html").write_text(
        f"<html><head><title>Harbour opens</title><meta {meta} "
        f"content='{date}'></head><body><article><h1>Harbour opens</h1>"
        + "<p>The harbour opened on a sunny morning, and the town came to watch.</p>" * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = run("import", tmp_path / "p.html")
    assert f"p.html: published date left out: ambiguous date '{date}'" in result.stderr
    assert stored(db)["Harbour opens"]["published_at"] is None
    shown = json.loads(run("list", "--json").stdout)[0]
    assert shown["published_at"] is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("<p class='date'>08/05/2024</p>", "08/05/2024"),
        ("<div>Ana Ruiz | 04/03/2026</div>", "04/03/2026"),
    ],
)
def test_a_date_beside_the_headline_that_reads_two_ways_is_no_date(run, db, tmp_path, line, date):
    # The page's only date, shown under its headline: htmldate read it month first
    # (2024-05-08), silently.
    (tmp_path / "p.html").write_text(
        "<html><head><title>Harbour opens</title></head><body><article><h1>Harbour opens</h1>"
        + line
        + "<p>The harbour opened on a sunny morning, and the town came to watch.</p>" * 3
        + "</article></body></html>",
        encoding="utf-8",
    )
    result = run("import", tmp_path / "p.html")
    assert_one_error_line(result, f"p.html: published date left out: ambiguous date '{date}'")
    assert stored(db)["Harbour opens"]["published_at"] is None


def test_a_feed_date_with_a_month_in_another_language_is_read(run, db, tmp_path):
    # RFC 822 wants English names; French and German CMSs write their own ("juil.", "Mär").
    feed = tmp_path / "d.xml"
    items = "".join(
        f"<item><title>{title}</title><link>https://d.example/{n}</link>"
        f"<description>x</description><pubDate>{date}</pubDate></item>"
        for n, (title, date) in enumerate(
            [
                ("Juillet", "lun., 29 juil. 2024 12:00:00 +0200"),
                ("März", "Fr, 29 Mär 2024 10:00:00 MEZ"),
                ("Luglio", "Lun, 29 Lug 2024 12:00:00 +0200"),
                ("Maart", "ma, 4 mrt 2024 10:00:00 +0100"),
                ("Julio", "mié, 31 jul 2024 12:00:00 +0200"),
                ("August", "Do, 1. Aug 2024 12:00:00 +0200"),
            ]
        )
    )
    feed.write_text(rss("T", items), "utf-8")
    result = run("import", feed)
    assert "left out" not in result.stderr
    assert {title: row["published_at"] for title, row in stored(db).items()} == {
        "Juillet": "2024-07-29T10:00:00Z",
        "März": "2024-03-29T09:00:00Z",
        "Luglio": "2024-07-29T10:00:00Z",
        "Maart": "2024-03-04T09:00:00Z",
        "Julio": "2024-07-31T10:00:00Z",
        "August": "2024-08-01T10:00:00Z",
    }


def test_a_body_that_reads_like_markup_survives_export_and_import(run, tmp_path):
    # Stored text that looks like HTML ("Use the <p> tag", a lone "<u>") is exported marked
    # as text, and comes back as written; a scraper's record saying "html" is converted.
    source = tmp_path / "text.jsonl"
    record = {"title": "Tags explained", "body": "Use the <p> tag, then <u>."}
    source.write_text(json.dumps(record | {"body_format": "text"}) + "\n", encoding="utf-8")
    run("import", source)
    for fmt in ("jsonl", "json", "csv"):
        out = tmp_path / f"all.{fmt}"
        run("export", "--format", fmt, "-o", out)
        copy = tmp_path / f"{fmt}.db"
        run("--db", copy, "import", out)
        [article] = json.loads(run("--db", copy, "list", "--json").stdout)
        shown = json.loads(run("--db", copy, "show", str(article["id"]), "--json").stdout)
        assert shown["body"] == "Use the <p> tag, then <u>."
    scraped = tmp_path / "scraped.jsonl"
    scraped.write_text(
        json.dumps({"title": "Scraped", "body": "<p>One</p><p>Two</p>", "body_format": "html"})
        + "\n",
        encoding="utf-8",
    )
    run("--db", tmp_path / "s.db", "import", scraped)
    [row] = article_rows(sqlite_utils.Database(tmp_path / "s.db"))
    assert row["body"] == "One\n\nTwo"


def test_json_records_saved_as_text_are_records(run, db, tmp_path):
    # The content decides for .txt: JSON records stay records; a saved page may open with
    # "[Update]" and is still a page.
    (tmp_path / "array.txt").write_text('[{"title": "A", "body": "one"}]', encoding="utf-8")
    (tmp_path / "lines.txt").write_text('{"title": "B"}\n{"title": "C"}\n', encoding="utf-8")
    (tmp_path / "page.txt").write_text(
        "[Update] Mayor resigns\n\nThe mayor resigned today after a long council meeting.\n",
        encoding="utf-8",
    )
    result = run("import", tmp_path, "--json")
    assert json.loads(result.stdout)["added"] == 4
    assert sorted(stored(db)) == ["A", "B", "C", "[Update] Mayor resigns"]


def test_a_separator_left_at_the_end_of_a_feed_title_goes(run, db, tmp_path):
    feed = tmp_path / "t.xml"
    feed.write_text(
        rss("T", item("1", "Ferry fares rise - ", "https://d.example/1")), encoding="utf-8"
    )
    run("import", feed)
    assert list(stored(db)) == ["Ferry fares rise"]


def test_a_record_date_given_as_a_unix_time(run, db, tmp_path):
    # A JSON number as a date: seconds since 1970 (POSIX), or milliseconds (JavaScript).
    source = tmp_path / "epoch.jsonl"
    lines = [
        {"title": "Seconds", "published_at": 1722247200},
        {"title": "Milliseconds", "published": 1722247200000},
        {"title": "Flag", "published_at": True},
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("import", source, expect=1)
    assert "line 3: published_at" in result.stderr
    assert {title: row["published_at"] for title, row in stored(db).items()} == {
        "Seconds": "2024-07-29T10:00:00Z",
        "Milliseconds": "2024-07-29T10:00:00Z",
    }


def test_a_merge_keeps_what_the_merged_article_knew(run, db, tmp_path):
    first = tmp_path / "v1.xml"
    first.write_text(rss("G", item("7", "Budget", "https://gazette.example/b1")), "utf-8")
    run("import", first)
    record = {"title": "Budget approved", "author": "Jane Doe", "category": "Council",
              "url": "https://gazette.example/budget-approved", "body": "Approved."}  # fmt: skip
    (tmp_path / "m.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    run("import", tmp_path / "m.jsonl")
    second = tmp_path / "v2.xml"
    second.write_text(
        rss("G", item("7", "Budget approved", "https://gazette.example/budget-approved")), "utf-8"
    )
    assert json.loads(run("import", second, "--json").stdout)["merged"] == 1
    [row] = article_rows(db())
    assert (row["author"], row["category"]) == ("Jane Doe", "Council")
    assert {a["name"]: a["articles"] for a in json.loads(run("authors", "--json").stdout)} == {
        "Jane Doe": 1
    }


def test_malformed_csv_rows_are_rejected_not_stored(run, db, tmp_path):
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_text('title,body\n"Unclosed,quote body\nNext,row\n', "utf-8")
    extra = tmp_path / "extra.csv"
    extra.write_text("title,body\nToo many,b,c\nFine,ok\n", "utf-8")
    result = run("import", unclosed, extra, expect=1)
    assert "unclosed.csv:line 2" in result.stderr and "extra.csv:line 2" in result.stderr
    # The row after the open quote is a row of its own, not part of the bad one.
    assert set(stored(db)) == {"Fine", "Next"}


def test_a_quote_left_open_in_a_csv_costs_its_row_only(run, db, tmp_path):
    """A quote left open runs, for the csv module, on to the next quote rows later or to
    the end of the file: the good rows it swallowed were lost without a word, and the
    error named the row before it. The bad row is rejected at its own line and the rows
    after it are read as rows; a body quoted over several lines is still one field."""
    rows_file = tmp_path / "rows.csv"
    rows_file.write_text(
        "sep=;\n"
        "title;body;published_at\n"
        'Multi;"Para one\n\nPara two";2024-05-01\n'
        '"Open quote;body;2024-05-02\n'
        "After one;ok;2024-05-03\n"
        '"Closed; later";x;2024-05-04\n'
        '"Another open;b;2024-05-05\n'
        "\n"
        "Last;z;2024-05-06\n",
        "utf-8",
    )
    result = run("import", rows_file, "--json", expect=1)
    rejects = [(item["location"], item["reason"]) for item in json.loads(result.stdout)["rejects"]]
    assert rejects == [
        ("line 6", "malformed CSV: ';' expected after '\"'"),
        ("line 9", "malformed CSV: unexpected end of data"),
    ]
    assert "rows.csv:line 6: malformed CSV" in result.stderr
    assert [(row["title"], row["body"], row["published_at"]) for row in article_rows(db())] == [
        ("Multi", "Para one\n\nPara two", "2024-05-01T00:00:00Z"),
        ("After one", "ok", "2024-05-03T00:00:00Z"),
        ("Closed; later", "x", "2024-05-04T00:00:00Z"),
        ("Last", "z", "2024-05-06T00:00:00Z"),
    ]


def test_a_csv_row_of_too_many_values_keeps_its_quoted_lines(run, db, tmp_path):
    # Its quotes closed, a body over several lines is that row's: rejected with it, never
    # read again as rows ("Fares rise" was stored as an article of its own).
    (tmp_path / "extra.csv").write_text(
        "title,body,author\n"
        'Ferry returns,"Night ferry runs again.\nFares rise, the operator said\n'
        'in a letter, on Monday, to riders",Ben Cole,extra\n'
        "Solar farm opens,The farm feeds the grid.,Cara Dunn\n",
        "utf-8",
    )
    result = run("import", tmp_path / "extra.csv", expect=1)
    assert "extra.csv:line 2: 4 values, but the header names 3 fields" in result.stderr
    assert result.stderr.count("Error:") == 1
    assert [row["title"] for row in article_rows(db())] == ["Solar farm opens"]


def test_records_in_other_common_shapes(run, db, tmp_path):
    article = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Dunes move",
        "articleBody": "<p>The dunes moved &amp; the path with them.</p><p>Again.</p>",
        "datePublished": "2024-05-01T08:00:00+02:00", "articleSection": "Nature",
    }  # fmt: skip
    (tmp_path / "ld.json").write_text(json.dumps(article), "utf-8")
    (tmp_path / "sheet.csv").write_text(
        "Title,Published Date,Author Name\nQuay opens,2024-06-01,Ana Ruiz\n", "utf-8"
    )
    run("import", tmp_path / "ld.json", tmp_path / "sheet.csv")
    rows = stored(db)
    assert rows["Dunes move"]["body"] == "The dunes moved & the path with them.\n\nAgain."
    assert (rows["Dunes move"]["published_at"], rows["Dunes move"]["category"]) == (
        "2024-05-01T06:00:00Z", "Nature",
    )  # fmt: skip
    assert (rows["Quay opens"]["published_at"], rows["Quay opens"]["author"]) == (
        "2024-06-01T00:00:00Z", "Ana Ruiz",
    )  # fmt: skip


def test_atom_text_content_keeps_its_angle_brackets(run, db, tmp_path):
    feed = tmp_path / "t.atom"
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id><entry>'
        "<title>Tags</title><id>urn:t1</id>"
        '<content type="text">Plain text with &lt;angle&gt; brackets.</content></entry></feed>',
        "utf-8",
    )
    run("import", feed)
    assert stored(db)["Tags"]["body"] == "Plain text with <angle> brackets."


def test_a_teaser_matches_its_article_despite_typographic_quotes(run, db, tmp_path):
    teaser = {"title": "Council’s Budget Vote Delayed Again", "partial": True, "body": "The…"}
    full = {"title": "Council's Budget Vote Delayed Again", "body": "The vote moved to May."}
    source = tmp_path / "t.jsonl"
    source.write_text(json.dumps(teaser) + "\n" + json.dumps(full) + "\n", "utf-8")
    run("import", source)
    [row] = article_rows(db())
    assert (row["partial"], row["body"]) == (0, "The vote moved to May.")


def test_small_things_real_input_does(run, db, tmp_path):
    lines = [
        {"title": "Escaped link", "url": "https://x.example/a?id=5&amp;utm_source=x&amp;b=2"},
        {"title": "Trojan\u202e title\u2066", "author": "Ana\u200b Ruiz"},
    ]
    first = json.dumps(lines[0]) + "\n"
    # Two files joined with cat: the second keeps its byte order mark.
    (tmp_path / "joined.jsonl").write_bytes(
        first.encode() + "\ufeff".encode() + (json.dumps(lines[1]) + "\n").encode()
    )
    result = run("import", tmp_path / "joined.jsonl")
    assert "BOM" not in result.stderr
    rows = stored(db)
    assert rows["Escaped link"]["url"] == "https://x.example/a?id=5&b=2"
    assert "Trojan title" in rows  # bidirectional controls removed
    run("add", "--title", "Other", "-a", "Ana Ruiz")
    assert len(json.loads(run("authors", "--json").stdout)) == 1  # zero-width space ignored


def test_bylines_become_people_from_every_source(run, db, tmp_path):
    records = [
        {"title": "A", "author": "By Jane Doe and John Roe"},
        {"title": "B", "author": "BY: JANE DOE"},
        {"title": "C", "author": "Jane Doe; John Roe, Reuters"},
        {"title": "D", "author": "Reuters staff"},
    ]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    feed = tmp_path / "f.xml"
    feed.write_text(
        rss("G", '<item><title>E</title><link>https://gazette.example/e</link><description>x'
                 '</description><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">By Jane '
                 "Doe and John Roe</dc:creator></item>"),
        "utf-8",
    )  # fmt: skip
    run("import", tmp_path / "r.jsonl", feed)
    authors = {title: row["authors"] for title, row in stored(db).items()}
    assert authors == {
        "A": "Jane Doe; John Roe",
        "B": "Jane Doe",  # an all-capitals byline, as the name is written elsewhere
        "C": "Jane Doe; John Roe",
        "D": None,
        "E": "Jane Doe; John Roe",
    }


# -- records written by other tools ----------------------------------------------------------


def test_dotted_numeric_dates_are_day_first(run, db, tmp_path):
    (tmp_path / "de.csv").write_text(
        "Title;Body;Published\nRathaus;Text;01.05.2024 10:00\nHafen;Text;2.3.2024\n", "utf-8"
    )
    result = json.loads(run("import", tmp_path / "de.csv", "--json").stdout)
    assert (result["added"], result["rejected"]) == (2, 0)
    assert {title: row["published_at"] for title, row in stored(db).items()} == {
        "Rathaus": "2024-05-01T10:00:00Z",
        "Hafen": "2024-03-02T00:00:00Z",
    }


def test_a_date_without_a_zone_gives_way_to_its_utc_twin(run, db, tmp_path):
    # WordPress's REST API: "date" is the site's local time without an offset, "date_gmt" the
    # same moment in UTC; read as UTC, the local one would be the site's offset off.
    records = [
        {"title": "WordPress", "date": "2024-05-01T10:00:00", "date_gmt": "2024-05-01T08:00:00"},
        {"title": "UTC twin only", "published_at_utc": "2024-05-01 08:00"},
        {"title": "Zoned", "date": "2024-05-01T10:00:00+02:00", "date_gmt": "2024-05-01T08:00:00"},
        # A draft: WordPress writes no GMT time until it is published; the local one is all.
        {"title": "Draft", "date": "2024-05-01T10:00:00", "date_gmt": "0000-00-00 00:00:00"},
    ]
    (tmp_path / "wp.json").write_text(json.dumps(records), "utf-8")
    (tmp_path / "wp.csv").write_text(
        "Title,Date,Date GMT\nSheet,2024-05-01 10:00,2024-05-01 08:00\n", "utf-8"
    )
    result = run("import", tmp_path / "wp.json", tmp_path / "wp.csv")
    assert "Warning" not in result.stderr
    assert {title: row["published_at"] for title, row in stored(db).items()} == {
        "WordPress": "2024-05-01T08:00:00Z",
        "UTC twin only": "2024-05-01T08:00:00Z",
        "Zoned": "2024-05-01T08:00:00Z",
        "Draft": "2024-05-01T10:00:00Z",
        "Sheet": "2024-05-01T08:00:00Z",
    }


def test_newsapi_records_with_a_source_object(run, db, tmp_path):
    record = {
        "source": {"id": None, "name": "BBC News"},
        "author": {"name": "Jane Doe"},
        "title": "Harbour reopens",
        "description": "The harbour reopened.",
        "url": "https://www.bbc.example/news/harbour",
        "urlToImage": "https://www.bbc.example/harbour.jpg",
        "publishedAt": "2024-05-01T08:00:00Z",
        "content": "The harbour reopened on Tuesday after repairs.",
    }
    (tmp_path / "newsapi.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    result = json.loads(run("import", tmp_path / "newsapi.jsonl", "--json").stdout)
    assert (result["added"], result["rejected"]) == (1, 0)
    row = stored(db)["Harbour reopens"]
    assert (row["url"], row["published_at"], row["body"], row["author"], row["source"]) == (
        "https://www.bbc.example/news/harbour",
        "2024-05-01T08:00:00Z",
        "The harbour reopened on Tuesday after repairs.",
        "Jane Doe",
        "BBC News",  # the source the record names, as a "source" text is stored
    )


def test_wordpress_rest_api_rendered_fields(run, db, tmp_path):
    # /wp-json/wp/v2/posts gives title, content, excerpt and guid as {"rendered": HTML}.
    post = {
        "id": 101, "date": "2024-07-29T12:00:00", "date_gmt": "2024-07-29T10:00:00",
        "guid": {"rendered": "https://wp.example/?p=101"}, "link": "https://wp.example/x/",
        "title": {"rendered": "Hi &amp; bye"},
        "content": {"rendered": "<p>Body <b>text</b></p>\n<p>Tom &amp; Jerry &#8211; done</p>",
                    "protected": False},
        "excerpt": {"rendered": "<p>Short</p>"},
    }  # fmt: skip
    (tmp_path / "posts.json").write_text(json.dumps([post]), "utf-8")
    result = json.loads(run("import", tmp_path / "posts.json", "--json").stdout)
    assert (result["added"], result["rejected"]) == (1, 0)
    row = stored(db)["Hi & bye"]
    assert (row["url"], row["published_at"], row["body"]) == (
        "https://wp.example/x/",
        "2024-07-29T10:00:00Z",
        "Body text\n\nTom & Jerry – done",
    )


def test_an_api_response_is_read_as_its_records(run, db, tmp_path):
    # NewsAPI wraps its articles: {"status": "ok", "totalResults": 2, "articles": [...]}.
    articles = [
        {"title": "Harbour reopens", "url": "https://n.example/harbour", "content": "Open."},
        {"title": "Quay closes", "url": "https://n.example/quay", "content": "Shut."},
    ]
    response = {"status": "ok", "totalResults": 2, "articles": articles}
    (tmp_path / "newsapi.json").write_text(json.dumps(response), "utf-8")
    # Other APIs' "posts", "data"…, one response a line; a record with lists is one record.
    lines = [
        {"posts": [{"title": "Ghost post", "html": "<p>Hi</p>"}], "meta": {"pages": 1}},
        {"title": "Tagged", "tags": ["a", "b"], "items": [{"name": "part"}]},
        {"headline": "Headlined", "data": [{"title": "Not a record of its own"}]},
    ]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    result = run("import", tmp_path / "newsapi.json", tmp_path / "pages.jsonl", "--json")
    counts = json.loads(result.stdout)
    assert (counts["added"], counts["rejected"]) == (5, 0)
    rows = stored(db)
    assert sorted(rows) == ["Ghost post", "Harbour reopens", "Headlined", "Quay closes", "Tagged"]
    assert (rows["Quay closes"]["url"], rows["Quay closes"]["body"]) == (
        "https://n.example/quay",
        "Shut.",
    )
    assert rows["Tagged"]["tags"] == "a,b"
    empty = {"status": "ok", "totalResults": 0, "articles": []}
    (tmp_path / "none.json").write_text(json.dumps(empty), "utf-8")
    shown = run("import", tmp_path / "none.json")
    assert "no title" not in shown.stderr and "Error" not in shown.stderr


def test_newsapi_content_cut_off_is_a_teaser(run, db, tmp_path):
    # NewsAPI cuts "content" at 200 characters and says so: "… [+1234 chars]".
    teaser = {
        "title": "Ferry fares rise",
        "url": "https://n.example/ferry",
        "content": "Fares will rise by a tenth from June, the operator said… [+1,234 chars]",
    }
    (tmp_path / "cut.jsonl").write_text(json.dumps(teaser) + "\n", "utf-8")
    result = json.loads(run("import", tmp_path / "cut.jsonl", "--json").stdout)
    assert (result["added"], result["partial"]) == (0, 1)
    row = stored(db)["Ferry fares rise"]
    assert (row["body"], row["partial"]) == (
        "Fares will rise by a tenth from June, the operator said…",
        1,
    )
    # The full article, once seen, takes the teaser's place.
    full = {"title": "Ferry fares rise", "url": "https://n.example/ferry", "body": "Fares rise."}
    (tmp_path / "full.jsonl").write_text(json.dumps(full) + "\n", "utf-8")
    run("import", tmp_path / "full.jsonl")
    assert [(r["body"], r["partial"]) for r in stored(db).values()] == [("Fares rise.", 0)]


def test_a_title_loses_the_records_own_site_name(run, db, tmp_path):
    # NewsAPI's titles are the pages' <title>s: "Ferry fares rise - BBC News".
    records = [
        {"source": {"id": None, "name": "BBC News"}, "title": "Ferry fares rise - BBC News"},
        {"source": {"id": "reuters", "name": "Reuters"}, "title": "Reuters | Port strike ends"},
        {"site_name": "Tagesschau", "title": "Streik endet | tagesschau.de"},
        {"source": {"name": "Bloomberg"}, "title": "Bloomberg"},  # nothing else: kept
        # A text "source" says where a record came from (newsctl's exports): kept.
        {"source": "Dock Weekly", "title": "Quay opens - Dock Weekly"},
    ]
    (tmp_path / "sites.json").write_text(json.dumps(records), "utf-8")
    result = json.loads(run("import", tmp_path / "sites.json", "--json").stdout)
    assert (result["added"], result["rejected"]) == (5, 0)
    assert {title: row["source"] for title, row in stored(db).items()} == {
        "Ferry fares rise": "BBC News",
        "Port strike ends": "Reuters",
        "Streik endet": str(tmp_path / "sites.json"),
        "Bloomberg": "Bloomberg",
        "Quay opens - Dock Weekly": "Dock Weekly",
    }
    shown = run("list")
    assert "Ferry fares rise" in shown.stdout and "- BBC News" not in shown.stdout


def test_a_page_titled_only_with_its_sites_name_takes_its_og_title(run, db, tmp_path):
    # A template that titles every page with the site's name (<title>Coast Courier</title>,
    # the logo as <h1>): og:site_name says so; the headline is the og:title.
    paragraphs = "".join(
        f"<p>{text} The council met on Thursday evening and voted by a clear majority.</p>"
        for text in ("The promenade grows.", "Work starts in autumn.", "Parking moves inland.")
    )
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Coast Courier</title>'
        '<meta property="og:title" content="Council extends the harbour promenade">'
        '<meta property="og:site_name" content="Coast Courier">'
        '<link rel="canonical" href="https://courier.example/2024/05/promenade"></head>'
        f"<body><h1>Coast Courier</h1><article>{paragraphs}</article></body></html>"
    )
    (tmp_path / "promenade.html").write_text(page, encoding="utf-8")
    run("import", tmp_path / "promenade.html")
    assert list(stored(db)) == ["Council extends the harbour promenade"]
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["title"] == "Council extends the harbour promenade"
    assert shown["url"] == "https://courier.example/2024/05/promenade"


def test_lists_in_single_valued_record_fields(run, db, tmp_path):
    # Scrapers (a Scrapy item without TakeFirst) write every field as a list.
    records = [
        {"title": "Budget", "category": ["Politics", "Local", "politics"], "tags": ["council"]},
        {"title": ["", "Listed title"], "url": ["https://l.example/a"], "category": [""],
         "published": ["2024-05-01T08:00:00Z"], "body": ["First paragraph.", "Second one."]},
    ]  # fmt: skip
    (tmp_path / "lists.json").write_text(json.dumps(records), "utf-8")
    result = json.loads(run("import", tmp_path / "lists.json", "--json").stdout)
    assert (result["added"], result["rejected"]) == (2, 0)
    rows = stored(db)
    # The first term is the category, the others tags, as a feed's categories are read.
    assert (rows["Budget"]["category"], rows["Budget"]["tags"]) == ("Politics", "Local,council")
    listed_row = rows["Listed title"]
    assert (listed_row["url"], listed_row["published_at"], listed_row["category"]) == (
        "https://l.example/a", "2024-05-01T08:00:00Z", None,
    )  # fmt: skip
    assert listed_row["body"] == "First paragraph.\n\nSecond one."  # a body's list is its parts


@pytest.mark.parametrize("zero", ["0000-00-00 00:00:00", "0000-00-00", "0000-00-00T00:00:00Z"])
def test_a_zero_date_is_left_out_and_said(run, db, tmp_path, zero):
    # MySQL's "zero" date stands for no date: the record is stored without one, as a feed's
    # unreadable date is; a date that is merely unreadable still rejects the record.
    (tmp_path / "zero.json").write_text(
        json.dumps([{"title": "Undated", "published_at": zero}, {"title": "Bad", "date": "soon"}]),
        "utf-8",
    )
    (tmp_path / "zero.csv").write_text(f"title,published\nUndated row,{zero}\n", "utf-8")
    shown = run("import", tmp_path / "zero.json", tmp_path / "zero.csv", expect=1)
    assert {title: row["published_at"] for title, row in stored(db).items()} == {
        "Undated": None,
        "Undated row": None,
    }
    assert f"zero.json:record 1: published_at left out: no date: '{zero}'" in shown.stderr
    assert f"zero.csv:line 2: published_at left out: no date: '{zero}'" in shown.stderr
    assert "zero.json:record 2: published_at: not a date: 'soon'" in shown.stderr
    again = json.loads(
        run("import", tmp_path / "zero.json", tmp_path / "zero.csv", "--again", "--json",
            expect=1).stdout
    )  # fmt: skip
    assert [(Path(w["source"]).name, w["location"]) for w in again["warnings"]] == [
        ("zero.json", "record 1"),
        ("zero.csv", "line 2"),
    ]
    assert [r["location"] for r in again["rejects"]] == ["record 2"]


@pytest.mark.parametrize("separator", [";", "\t", ","])
def test_excels_sep_line_names_the_delimiter(run, db, tmp_path, separator):
    # Excel writes "sep=;" above the header to name the delimiter, and reads it back so.
    rows = ["Title;Body;Author", "Quay opens;It opened at last.;Ana Ruiz", ";No title;"]
    text = f"sep={separator}\r\n" + "".join(f"{line}\r\n" for line in rows)
    text = text.replace(";", separator)
    (tmp_path / "excel.csv").write_text(text, "utf-8")
    result = run("import", tmp_path / "excel.csv", "--json", expect=1)
    row = stored(db)["Quay opens"]
    assert (row["body"], row["author"]) == ("It opened at last.", "Ana Ruiz")
    # Lines are the file's: the sep line is line 1.
    assert "excel.csv:line 4: no title" in result.stderr
    piped = json.loads(run("import", "-", "--json", "--again", input=text, expect=1).stdout)
    assert piped["by_format"]["csv"]["unchanged"] == 1
