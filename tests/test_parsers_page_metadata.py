"""What an HTML page says about itself beyond its markup: dates and bylines the page shows,
personal sites, the article's own footer, teaser lists and copyright years (newsctl.parsers.
page_dates, page_authors, html_page), on small pages of our own making in tests/data/pages."""

import json
from pathlib import Path

import pytest

from newsctl.errors import ParseError
from newsctl.parsers.html_page import extract_page, is_list_of_articles
from newsctl.parsers.page_dates import stored_instant, text_date, written_offset
from tests.conftest import article_rows, assert_one_error_line

PAGES = Path(__file__).parent / "data" / "pages"
STORY = "".join(
    f"<p>Paragraph {n} of the story about the tide mill, which ground corn for the village "
    f"until {1900 + n} and is turning again after its restoration by volunteers.</p>"
    for n in range(6)
)


def read(name: str):
    return extract_page((PAGES / name).read_bytes(), name)


def story(body: str = "", head: str = "", canonical: str = "") -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<html><head><meta charset='utf-8'><title>Tide mill turns again</title>{link}{head}"
        f"</head><body><article><h1>Tide mill turns again</h1>{body}{STORY}</article>"
        "</body></html>"
    ).encode()


# -- dates written in text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1. März 2019", "2019-03-01"),
        ("01.03.2019 | 10:00 Uhr", "2019-03-01"),
        ("Veröffentlicht am 5. Mai 2020", "2020-05-05"),
        ("May 5th, 2020", "2020-05-05"),
        ("Par Jane Doe | 30 septembre 2018", "2018-09-30"),
        ("3 de mayo de 2022", "2022-05-03"),
        ("2021-10-18", "2021-10-18"),
        ("Letzte Änderung: 31.10.2023 - Erschienen am: 01.11.2023", "2023-11-01"),
        # Slashed: day first, month first where the first field cannot be a month.
        ("Jane Doe - 19/11/2019 10:31", "2019-11-19"),
        ("Posted 11/19/2019", "2019-11-19"),
    ],
)
def test_dates_written_in_text(text, day):
    found = text_date(text)
    assert found is not None and found[0].isoformat() == day


@pytest.mark.parametrize(
    "text",
    # "05/06/2020" is May 6th or 5 June: no rule tells which.
    ["31.02.2020", "Version 3.14.2020", "Updated May 5, 2020", "1989", "05/06/2020"],
)
def test_text_that_gives_no_publication_day(text):
    assert text_date(text) is None


def test_the_date_line_beside_the_headline_gives_day_and_author():
    fields = read("dateline-author.html")
    assert fields.published_at == "2022-02-04T00:00:00Z"
    assert fields.authors == ("Ilse Brandauer",)


def test_a_labelled_publication_date_beats_the_date_of_the_last_change():
    # <meta name="date"> says 31.10 (the change); the page says "Erschienen am: 01.11.2023".
    assert read("labelled-date.html").published_at == "2023-11-01T00:00:00Z"


def test_a_date_shown_under_the_headline_beats_a_tag_named_date():
    assert read("shown-and-meta-date.html").published_at == "2020-02-05T00:00:00Z"


def test_a_tag_named_date_gives_the_time_of_the_day_the_page_shows():
    head = '<meta name="date" content="2020-02-05T09:15:00+01:00">'
    page = story('<p class="when">05.02.2020</p>', head)
    fields = extract_page(page, "page.html")
    assert (fields.published_at, fields.published_offset) == ("2020-02-05T08:15:00Z", "+01:00")


@pytest.mark.parametrize(
    ("written", "stored", "offset"),
    [
        # 00:30 in Berlin on the day shown is the day before in UTC: the same day all the same.
        ("2020-02-05T00:30:00+01:00", "2020-02-04T23:30:00Z", "+01:00"),
        # A time written in UTC says nothing of the publisher's zone; late on the 4th in UTC
        # is the 5th east of it.
        ("2020-02-04T23:30:00Z", "2020-02-04T23:30:00Z", "+00:00"),
        ("2020-02-05T21:00:00-05:00", "2020-02-06T02:00:00Z", "-05:00"),
    ],
)
def test_metadata_on_the_day_shown_keeps_its_time_and_offset(written, stored, offset):
    head = f'<meta property="article:published_time" content="{written}">'
    fields = extract_page(story('<p class="when">05.02.2020</p>', head), "page.html")
    assert (fields.published_at, fields.published_offset) == (stored, offset)


@pytest.mark.parametrize(
    "written",
    [
        "2020-01-20T10:00:00+01:00",
        # A time without a zone is the publisher's clock: 14:45 on the 4th is the 4th.
        "04.02.2020 14:45",
        # The 4th at 23:30 in Berlin is not the 5th anywhere the publisher stands.
        "2020-02-04T23:30:00+01:00",
    ],
)
def test_the_day_shown_beside_the_headline_beats_metadata_of_another_day(written):
    head = f'<meta property="article:published_time" content="{written}">'
    fields = extract_page(story('<p class="when">05.02.2020</p>', head), "page.html")
    assert (fields.published_at, fields.published_offset) == ("2020-02-05T00:00:00Z", None)


@pytest.mark.parametrize(
    "shown",
    [
        "Termin: 21.02.2020, 19 Uhr",
        "When: February 21, 2020",
        "Anmeldeschluss 21.2.2020",
        "Event date: 2020-02-21",
        "Date de l'événement : 21 février 2020",
        "Fecha del evento: 21/02/2020",
    ],
)
def test_an_events_date_beside_the_headline_is_not_the_publication_date(shown, run, db, tmp_path):
    # An announcement dates the event under its headline; the post was published before.
    head = '<meta property="article:published_time" content="2019-11-27T15:21:21+01:00">'
    (tmp_path / "event.html").write_bytes(story(f'<p class="when">{shown}</p>', head))
    run("import", tmp_path)
    assert [row["published_at"] for row in article_rows(db())] == ["2019-11-27T14:21:21Z"]
    assert "2019-11-27" in run("list", "--utc").stdout


def test_the_metadata_source_on_the_day_shown_gives_the_time():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2019-12-01T08:00:00+01:00"}</script>'
        '<meta property="article:published_time" content="2020-02-05T09:15:00+01:00">'
    )
    fields = extract_page(story('<p class="when">05.02.2020</p>', head), "page.html")
    assert fields.published_at == "2020-02-05T08:15:00Z"


def test_metadata_stands_when_the_page_shows_no_date_beside_its_headline():
    head = '<meta property="article:published_time" content="2020-01-20T10:00:00+01:00">'
    assert extract_page(story(head=head), "page.html").published_at == "2020-01-20T09:00:00Z"


def test_a_copyright_year_is_not_a_publication_date():
    assert read("copyright-only.html").published_at is None


def test_a_first_of_the_month_written_out_in_the_url_is_kept():
    page = story(canonical="https://gazette.example/2019/03/01/tide-mill")
    assert extract_page(page, "page.html").published_at == "2019-03-01T00:00:00Z"


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("2024-05-01T01:30:00+02:00", "+02:00"),
        ("2024-05-01T01:30:00-0400", "-04:00"),
        ("Wed, 04 May 2022 02:41:00 GMT", "+00:00"),
        ("2024-03-05 10:00 CEST", "+02:00"),
        # The zone after AM or PM, bare or in brackets; names from newsctl.zones.
        ("November 19, 2019, 07:47 PM EST", "-05:00"),
        ("5. März 2024 10:00 MEZ", "+01:00"),
        ("5. März 2024 10:00 (MEZ)", "+01:00"),
        ("2024-03-05 10:00 IST", None),  # India, Ireland or Israel: not guessed
        ("2024-05-01", None),
    ],
)
def test_the_offset_a_time_was_written_with(text, offset):
    assert written_offset(text) == offset


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("05.02.2020 10:00 (MEZ)", "2020-02-05T09:00:00Z"),
        ("05.02.2020 10:00 MESZ", "2020-02-05T08:00:00Z"),
        ("Feb 5, 2020 10:00 PM EST", "2020-02-06T03:00:00Z"),
        ("05.02.2020 10:00 (XYZ)", None),  # an unknown zone: refused, not taken for UTC
    ],
)
def test_a_time_written_with_a_zone_name_is_stored_in_utc(text, stored):
    assert stored_instant(text) == stored


def test_the_page_offset_is_kept_beside_the_utc_instant():
    fields = read("published-meta.html")
    assert (fields.published_at, fields.published_offset) == ("2024-04-30T23:30:00Z", "+02:00")


# -- authors ----------------------------------------------------------------------------------


def test_a_personal_site_named_after_its_owner_names_the_author():
    # "Dr. Hanna Lindqvist" on hanna-lindqvist.example: the host spells the name.
    assert read("personal-site.html").authors == ("Hanna Lindqvist",)


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        # The site's name declared as the author by a vendor tag, on the host that spells it.
        (
            '<meta property="og:site_name" content="Wolf Amsel">'
            '<meta name="shareaholic:article_author_name" content="Wolf Amsel">',
            ("Wolf Amsel",),
        ),
        # A site named after a place, spelled by its host too, names nobody.
        ('<meta property="og:site_name" content="Royal Quay">', ()),
    ],
)
def test_a_site_name_spelled_by_the_host_is_a_person_only_when_declared(head, authors):
    host = "wolfamsel" if "Wolf" in head else "royalquay"
    page = story(head=head, canonical=f"https://{host}.example/2020/tide-mill")
    assert extract_page(page, "page.html").authors == authors


def test_a_magazine_declared_as_a_person_on_its_own_host_names_nobody():
    # A compound ending in a newsroom word ("…magazin") is the site, even typed as a Person.
    head = (
        '<meta property="og:site_name" content="KI Gartenmagazin">'
        '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Tide mill",'
        ' "author": {"@type": "Person", "name": "KI Gartenmagazin"}}</script>'
    )
    page = story(head=head, canonical="https://ki-gartenmagazin.example/2020/tide-mill")
    assert extract_page(page, "page.html").authors == ()


@pytest.mark.parametrize(
    ("creator", "authors"),
    [
        ("@beetfan", ("beetfan",)),  # the site's account is its writer's: a personal blog
        ("@jana_ott", ()),  # a writer's own account: the site's account is the site
    ],
)
def test_the_sites_twitter_account_names_a_person_when_it_is_also_the_creators(creator, authors):
    head = (
        '<meta property="og:site_name" content="Beet Diary">'
        '<meta name="twitter:site" content="@beetfan">'
        f'<meta name="twitter:creator" content="{creator}">'
    )
    body = '<p class="byline">By <a href="/author/beetfan/">beetfan</a></p>'
    assert extract_page(story(body, head), "page.html").authors == authors


def test_vendor_author_name_tags_are_read():
    head = '<meta name="shareaholic:article_author_name" content="Maren Okafor">'
    assert extract_page(story(head=head), "page.html").authors == ("Maren Okafor",)


def test_the_byline_in_the_articles_own_footer_counts_and_teaser_cards_do_not():
    assert read("article-footer-byline.html").authors == ("Dominique",)


def test_a_description_after_the_name_in_a_byline_box_is_not_a_co_author():
    body = (
        '<div class="author-info"><h3>Ines Varga <a href="/follow">Follow</a></h3>'
        "<h4>Beraterin und Expertin für Neue Arbeit</h4></div>"
    )
    assert extract_page(story(body), "page.html").authors == ("Ines Varga",)


# -- lists of articles ------------------------------------------------------------------------


def test_a_section_front_is_rejected_as_a_list_of_articles():
    with pytest.raises(ParseError, match="a list of articles, not an article"):
        read("section-front.html")


def test_an_article_that_mentions_a_few_dates_is_not_a_list():
    lines = ["The mill reopened on Saturday.", "5. Mai 2020", "The miller spoke.", "6. Mai 2020"]
    assert not is_list_of_articles(lines, declares_article=False)
    stamps = [
        "Teaser one",
        "2 hours ago",
        "Teaser two",
        "3 hours ago",
        "Teaser three",
        "vor 5 Stunden",
    ]
    assert is_list_of_articles(stamps, declares_article=False)
    assert not is_list_of_articles(stamps, declares_article=True)


# -- through the command line -----------------------------------------------------------------


def test_import_stores_what_the_pages_show_and_rejects_the_list(run, db, tmp_path):
    for name in ("dateline-author.html", "copyright-only.html", "section-front.html"):
        (tmp_path / name).write_bytes((PAGES / name).read_bytes())
    result = run("import", tmp_path, expect=1)
    assert_one_error_line(result, "section-front.html", "a list of articles, not an article")
    stored = {row["title"]: (row["authors"], row["published_at"]) for row in article_rows(db())}
    assert stored == {
        "Neue Fähre für die Inseln": ("Ilse Brandauer", "2022-02-04T00:00:00Z"),
        "Ferry crossing cancelled as gales return": (None, None),
    }


def folder_listing(style: str) -> bytes:
    """A web server's listing of a folder of reports, as Apache (a table) or nginx (<pre>)."""
    names = [f"tide-report-{n}.pdf" for n in range(14)]
    if style == "apache":
        rows = "".join(
            f"<tr><td><img src='/icons/layout.gif' alt='[   ]'></td><td><a href='{name}'>{name}"
            f"</a></td><td align='right'>2024-05-{n + 1:02d} 10:{n:02d}</td>"
            f"<td align='right'>{n + 1}.2M</td><td>&nbsp;</td></tr>"
            for n, name in enumerate(names)
        )
        listing = (
            "<table><tr><th><a href='?C=N;O=D'>Name</a></th><th><a href='?C=M;O=A'>Last "
            f"modified</a></th><th><a href='?C=S;O=A'>Size</a></th></tr>{rows}</table>"
        )
    else:
        lines = "".join(
            f"<a href='{name}'>{name}</a>{' ' * 20}{n + 1:02d}-May-2024 10:{n:02d}{' ' * 6}1204\n"
            for n, name in enumerate(names)
        )
        listing = f"<hr><pre><a href='../'>../</a>\n{lines}</pre><hr>"
    return (
        "<html><head><title>Index of /reports/</title></head><body>"
        f"<h1>Index of /reports/</h1>{listing}</body></html>"
    ).encode()


def test_a_folder_listing_is_rejected_but_a_post_rounding_up_links_is_kept(run, db, tmp_path):
    (tmp_path / "apache.html").write_bytes(folder_listing("apache"))
    (tmp_path / "nginx.html").write_bytes(folder_listing("nginx"))
    # A post that is a list of links, but says something of each: an article.
    items = "".join(
        f"<p><a href='https://example.org/{n}'>Tide mill report {n}</a> is worth reading for "
        f"its account of the millers' accounts in {1900 + n} and the flood that ended them.</p>"
        for n in range(12)
    )
    title = "<title>Links of the week</title>"
    roundup = f"<html><head>{title}</head><body><h1>Links of the week</h1>{items}</body></html>"
    (tmp_path / "roundup.html").write_bytes(roundup.encode())
    # A table of years, on a blog whose sidebar calendar links every year: an article.
    years = "".join(
        f"<tr><td>{year}</td><td>{year % 7 + 3} tonnes</td></tr>" for year in range(2005, 2024)
    )
    calendar = "".join(f"<a href='/{year}/'>{year}</a> " for year in range(2005, 2024))
    harvest = (
        "<html><head><title>Mill harvests</title></head><body><h1>Mill harvests</h1>"
        "<p>The mill kept a ledger of every harvest it ground, and the volunteers typed it up.</p>"
        f"<table>{years}</table><aside class='sidebar'>{calendar}</aside></body></html>"
    )
    (tmp_path / "harvest.html").write_bytes(harvest.encode())
    result = run("import", tmp_path, expect=1)
    for name in ("apache.html", "nginx.html"):  # titled "Index of /...": said first
        assert f"{name}: a directory listing, not an article" in result.stderr
    assert sorted(row["title"] for row in article_rows(db())) == [
        "Links of the week",
        "Mill harvests",
    ]


# -- bylines that no markup names as the author (through the command line) --------------------

POST_TEXT = "".join(
    f"<p>Note {n} from the allotment: the broad beans went in late, the slugs found them "
    f"early, and the netting of {2010 + n} is still the best money spent this year.</p>"
    for n in range(6)
)


def blog_page(title: str, post: str, page_end: str = "") -> bytes:
    """A blog page without <article>: the post's own markup, then the page's furniture."""
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<div id='header'><a href='/'>Allotment Diary</a></div>{post}{page_end}"
        "<div class='footer'>Powered by a blog host · Impressum</div></body></html>"
    ).encode()


def import_pages(run, db, folder, pages: dict[str, bytes]) -> dict[str, str | None]:
    """Import pages through the CLI: {title: stored authors}, after checking what it printed."""
    for name, data in pages.items():
        (folder / name).write_bytes(data)
    result = run("import", folder)
    assert f"{len(pages)} files in" in result.stdout
    return {row["title"]: row["authors"] for row in article_rows(db())}


def test_a_byline_in_the_footer_of_a_post_marked_as_one_counts(run, db, tmp_path):
    # Blogger's template: no <article>, but an hAtom "hentry" (or microdata BlogPosting) whose
    # "post-footer" holds the byline. The page's own footer still names nobody.
    hentry = blog_page(
        "Beans and slugs",
        f"<div class='post hentry'><h3 class='post-title'>Beans and slugs</h3>{POST_TEXT}"
        "<div class='post-footer'><span class='post-author vcard'>Posted by "
        "<span class='fn' itemprop='author'>Marta Lindqvist</span></span></div></div>",
    )
    typed = blog_page(
        "Netting the brassicas",
        "<div class='post' itemscope itemtype='http://schema.org/BlogPosting'>"
        f"<h3>Netting the brassicas</h3>{POST_TEXT}<div class='post-footer'>"
        "<span class='byline'>Eingestellt von Jonas Weber</span></div></div>",
    )
    outside = blog_page(
        "Compost at last",
        f"<div class='post'><h3>Compost at last</h3>{POST_TEXT}</div>",
        "<div class='footer-credits'><span class='author'>Theme by Olga Brandt</span></div>",
    )
    stored = import_pages(run, db, tmp_path, {"a.html": hentry, "b.html": typed, "c.html": outside})
    assert stored == {
        "Beans and slugs": "Marta Lindqvist",
        "Netting the brassicas": "Jonas Weber",
        "Compost at last": None,
    }
    assert "Marta Lindqvist" in run("authors").stdout
    assert "by Jonas Weber" in run("show", "2").stdout


def test_a_link_to_the_authors_page_that_spells_the_name_gives_the_author(run, db, tmp_path):
    linked = story(
        '<p class="meta">5 May 2020 · <a href="/author/lena-sørensen/">Lena Sørensen</a></p>'
    )
    menu = story(
        '<p><a href="/team/">Team</a> · <a href="/author/mbrandt/">Our editors</a>'
        ' · <a href="/profile/support">Support</a> · <a href="/people/careers">Careers</a></p>'
    ).replace(b"Tide mill turns again", b"Mill race cleared")
    umlaut = story(
        '<p><a href="https://mill.example/autor/juergen-mueller">Jürgen Müller</a></p>'
    ).replace(b"Tide mill turns again", b"Sluice gate mended")
    stored = import_pages(run, db, tmp_path, {"a.html": linked, "b.html": menu, "c.html": umlaut})
    assert stored == {
        "Tide mill turns again": "Lena Sørensen",
        "Mill race cleared": None,
        "Sluice gate mended": "Jürgen Müller",
    }


def test_the_box_about_the_author_names_them_when_nothing_else_does(run, db, tmp_path):
    boxed = story().replace(
        b"</article>",
        b"</article><div class='author-bio'><h3>\xc3\x9cber Karin Holm</h3>"
        b"<p>Karin schreibt \xc3\xbcber M\xc3\xbchlen.</p></div>",
    )
    heading_only = (
        story()
        .replace(
            b"</article>",
            b"</article><div class='about-author'><h3>\xc3\x9cber den Autor</h3></div>",
        )
        .replace(b"Tide mill turns again", b"Mill race cleared")
    )
    # A one-word heading ("Contact", "Bio") is the box's, not a name.
    one_word = (
        story()
        .replace(b"</article>", b"</article><div class='author-profile'><h3>Contact</h3></div>")
        .replace(b"Tide mill turns again", b"Sluice gate mended")
    )
    pages = {"a.html": boxed, "b.html": heading_only, "c.html": one_word}
    stored = import_pages(run, db, tmp_path, pages)
    assert stored == {
        "Tide mill turns again": "Karin Holm",
        "Mill race cleared": None,
        "Sluice gate mended": None,
    }
    assert "by Karin Holm" in run("show", "1").stdout


def test_a_number_in_a_headline_does_not_make_a_dated_byline(run, db, tmp_path):
    # "… 110. Geburtstag von Herman Bang" is a teaser's headline; "Posted on May 5, 2020 by
    # Jane Doe" and "06.11.2023 13:30 Uhr von Olga" are bylines after a date.
    teaser = story(
        "<ul class='more'><li><h3><a href='/x'>Zum 110. Geburtstag von Anton Feld</a></h3></li>"
        "<li><h3><a href='/y'>Over 7 Million Readers and Praised by Critics</a></h3></li></ul>"
    )
    dated = story("<p>Posted on May 5, 2020 by Jane Doe</p>").replace(
        b"Tide mill turns again", b"Mill race cleared"
    )
    timed = story("<p>06.11.2023 13:30 Uhr von Olga</p>").replace(
        b"Tide mill turns again", b"Sluice gate mended"
    )
    stored = import_pages(run, db, tmp_path, {"a.html": teaser, "b.html": dated, "c.html": timed})
    assert stored == {
        "Tide mill turns again": None,
        "Mill race cleared": "Jane Doe",
        "Sluice gate mended": "Olga",
    }
    assert "Anton Feld" not in run("authors").stdout


def test_import_stores_the_day_shown_where_the_metadata_gives_another(run, db, tmp_path):
    shown = '<p class="when">05.02.2020</p>'
    pages = {
        # The metadata kept the day of a first draft; the page dates itself 5 February.
        "revised": "2019-12-01T08:00:00+01:00",
        # Metadata on the day shown keeps its time and offset.
        "late": "2020-02-05T00:30:00+01:00",
        # The evening of the 5th in New York, written with AM/PM and the zone's name.
        "evening": "February 5, 2020, 09:47 PM EST",
    }
    for name, written in pages.items():
        head = f'<meta property="article:published_time" content="{written}">'
        page = story(shown, head, canonical=f"https://mill.example/{name}")
        (tmp_path / f"{name}.html").write_bytes(page)
    run("import", tmp_path)
    expected = {
        "https://mill.example/revised": "2020-02-05T00:00:00Z",
        "https://mill.example/late": "2020-02-04T23:30:00Z",
        "https://mill.example/evening": "2020-02-06T02:47:00Z",
    }
    assert {row["url"]: row["published_at"] for row in article_rows(db())} == expected
    listed = json.loads(run("list", "--json").stdout)
    assert {item["url"]: item["published_at"] for item in listed} == expected


def test_a_date_in_the_footer_beside_the_headline_is_the_articles(run, db, tmp_path):
    # A news template without <article>: the headline's block ends in a "footer" with the date
    # shown; a tag named "date" holds the last change. A teaser's footer is another article's.
    head = b'<meta name="date" content="2022-01-21T15:38:44+01:00"></head>'
    own = blog_page(
        "Beans and slugs",
        "<div class='news-single'><div class='header'><h3>Beans and slugs</h3></div>"
        "<div class='footer'><span class='date'><time datetime='2022-01-27'>27.01.2022"
        f"</time></span></div>{POST_TEXT}</div>",
    ).replace(b"</head>", head)
    teaser = blog_page(
        "Netting the brassicas",
        "<div class='news-single'><h3>Netting the brassicas</h3></div><div class='teasers'>"
        "<div class='teaser'><h4>Compost at last</h4><div class='footer'>03.03.2022</div></div>"
        f"</div><div>{POST_TEXT}</div>",
    ).replace(b"</head>", head)
    import_pages(run, db, tmp_path, {"a.html": own, "b.html": teaser})
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {
        "Beans and slugs": "2022-01-27T00:00:00Z",
        "Netting the brassicas": "2022-01-21T14:38:44Z",
    }


def test_a_publication_day_without_its_time_takes_it_from_a_source_of_that_day(run, db, tmp_path):
    # JSON-LD gives only the day; a meta tag made for the publication time gives the time.
    # A time on another day leaves the day as it was.
    json_ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2020-02-05"}</script>'
    )
    pages = {"timed": "2020-02-05T09:15:00+01:00", "other-day": "2020-02-07T09:15:00+01:00"}
    for name, written in pages.items():
        head = f'{json_ld}<meta property="article:published_time" content="{written}">'
        page = story(head=head, canonical=f"https://mill.example/{name}")
        (tmp_path / f"{name}.html").write_bytes(page)
    run("import", tmp_path)
    assert {row["url"]: row["published_at"] for row in article_rows(db())} == {
        "https://mill.example/timed": "2020-02-05T08:15:00Z",
        "https://mill.example/other-day": "2020-02-05T00:00:00Z",
    }


def test_a_slashed_date_beside_the_headline_counts_when_it_reads_one_way(run, db, tmp_path):
    # The metadata kept a draft's day; the page shows 19/11/2019, which reads one way only.
    # "05/11/2019" could be 5 November or 11 May, so the metadata stands.
    head = '<meta property="article:published_time" content="2019-10-01T08:00:00+01:00">'
    for name, shown in {"clear": "19/11/2019", "either-way": "05/11/2019"}.items():
        page = story(f"<p class='when'>{shown}</p>", head, f"https://mill.example/{name}")
        (tmp_path / f"{name}.html").write_bytes(page)
    run("import", tmp_path)
    assert {row["url"]: row["published_at"] for row in article_rows(db())} == {
        "https://mill.example/clear": "2019-11-19T00:00:00Z",
        "https://mill.example/either-way": "2019-10-01T07:00:00Z",
    }


def test_a_byline_in_another_post_of_the_page_is_not_the_articles(run, db, tmp_path):
    # A blog's front page shows several posts; the page is the one with the headline, and a
    # later post's "Von …" line names that post's writer.
    first = (
        f"<div class='post hentry'><h2 class='entry-title'>Beans and slugs</h2>{POST_TEXT}</div>"
    )
    later = (
        "<div class='post hentry'><h2 class='entry-title'>Netting the brassicas</h2>"
        f"<p class='meta'>Von Jonas Weber</p>{POST_TEXT}</div>"
    )
    front = blog_page("Beans and slugs", first + later)
    single = blog_page("Netting the brassicas", later)
    stored = import_pages(run, db, tmp_path, {"a.html": front, "b.html": single})
    assert stored == {"Beans and slugs": None, "Netting the brassicas": "Jonas Weber"}


def test_a_name_written_as_one_beats_an_account_handle_named_as_often(run, db, tmp_path):
    # The CMS shows the account that saved the post; the post's text names its writer.
    account = "<p class='submitted'>Gespeichert von <span class='username'>beetfan</span></p>"
    credited = blog_page(
        "Beans and slugs",
        f"<div class='post'>{account}<p>Blog Beitrag von Jana Ott</p>{POST_TEXT}</div>",
    )
    handle_only = blog_page(
        "Netting the brassicas", f"<div class='post'>{account}{POST_TEXT}</div>"
    )
    stored = import_pages(run, db, tmp_path, {"a.html": credited, "b.html": handle_only})
    assert stored == {"Beans and slugs": "Jana Ott", "Netting the brassicas": "beetfan"}


def test_a_page_builders_blocks_are_not_sidebar_widgets(run, db, tmp_path):
    # Page builders mark every block "<builder>-widget…", the article's own included; a
    # sidebar's "widget" is still beside the article.
    built = blog_page(
        "Beans and slugs",
        "<div class='pb-widget pb-widget-heading'><h1>Beans and slugs</h1></div>"
        "<div class='pb-widget-container'><p class='byline'>Von Jana Ott</p></div>"
        f"<div class='pb-widget-container'>{POST_TEXT}</div>",
    )
    sidebar = blog_page(
        "Netting the brassicas",
        f"<div class='post'><h1>Netting the brassicas</h1>{POST_TEXT}</div>",
        "<div class='widget widget_text'><p class='byline'>Von Jana Ott</p></div>",
    )
    stored = import_pages(run, db, tmp_path, {"a.html": built, "b.html": sidebar})
    assert stored == {"Beans and slugs": "Jana Ott", "Netting the brassicas": None}


def test_a_count_after_the_name_on_the_dateline_goes():
    body = "<ul class='meta'><li>19. Oktober 2019</li><li>Jana Ott</li><li>3 Kommentare</li></ul>"
    assert extract_page(story(body), "page.html").authors == ("Jana Ott",)


def test_a_time_in_a_zone_that_cannot_be_resolved_is_never_read_as_utc(run, db, tmp_path):
    # The day is kept (any meaning of IST puts 23:30 on the 15th there), the time is left out
    # and that is said, with the file and the text.
    head = '<meta property="article:published_time" content="2024-01-15T23:30:00 IST">'
    (tmp_path / "ist.html").write_bytes(story("", head, canonical="https://mill.example/ist"))
    shown = '<p class="when">January 15, 2024 11:30 PM IST</p>'
    (tmp_path / "shown.html").write_bytes(story(shown, canonical="https://mill.example/shown"))
    result = run("import", tmp_path)
    for name in ("ist.html", "shown.html"):
        assert f"{name}: published time left out: ambiguous time zone 'IST'" in result.stderr
    assert {row["url"]: row["published_at"] for row in article_rows(db())} == {
        "https://mill.example/ist": "2024-01-15T00:00:00Z",
        "https://mill.example/shown": "2024-01-15T00:00:00Z",
    }


@pytest.mark.parametrize(
    ("line", "stored"),
    [
        ("January 15, 2024 11:30 PM HST | By Jane Doe", "2024-01-16T09:30:00Z"),
        ("15.01.2024, 10:00 Uhr MEZ", "2024-01-15T09:00:00Z"),
        ("January 15, 2024 at 10:00 (CET)", "2024-01-15T09:00:00Z"),
        ("15 January 2024, 10.00 GMT", "2024-01-15T10:00:00Z"),  # a dotted time
        ("May 7, 2024 11:10 p.m. EDT", "2024-05-08T03:10:00Z"),  # AP style
        ("1 de mayo de 2024 a las 01:30 CEST", "2024-04-30T23:30:00Z"),
        ("January 15, 2024 10:00", "2024-01-15T00:00:00Z"),  # no zone: the day alone
    ],
)
def test_the_time_shown_beside_the_headline_with_its_zone_is_kept(run, db, tmp_path, line, stored):
    (tmp_path / "page.html").write_bytes(story(f'<p class="when">{line}</p>'))
    result = run("import", tmp_path)
    assert "Warning" not in result.stderr
    assert [row["published_at"] for row in article_rows(db())] == [stored]


def test_a_pictures_credit_marked_as_its_author_is_not_the_articles(run, db, tmp_path):
    # Themes mark a photo's credit "author" too: inside a figure, in a block marked as the
    # image's or its licence's, or saying so ("Photograph by"). The writer's byline stands.
    figure = story(
        "<figure><img src='a.jpg'><figcaption><span class='author'>Ed Marsh</span>"
        "</figcaption></figure><p class='byline'>By Jana Ott</p>"
    )
    licence = story(
        "<div class='img-wrap'><span class='image-author'>Nenad Stoj</span></div>"
        "<p class='media-license'><span class='license-author'>Olga Brandt</span></p>"
    ).replace(b"Tide mill turns again", b"Mill race cleared")
    said = story(
        "<div class='hero__cont'><div class='hero__author'>Photograph by <span>Ed Marsh"
        "</span></div></div>"
    ).replace(b"Tide mill turns again", b"Sluice gate mended")
    pages = {"a.html": figure, "b.html": licence, "c.html": said}
    stored = import_pages(run, db, tmp_path, pages)
    assert stored == {
        "Tide mill turns again": "Jana Ott",
        "Mill race cleared": None,
        "Sluice gate mended": None,
    }


def test_a_section_linked_beside_the_date_is_not_a_person(run, db, tmp_path):
    # German capitalises nouns: "Deutsche Sprache" reads as a name, but the page links it as
    # its section; a name beside the date that is no link to a section is the author.
    section = story(
        "<p class='meta'>26. April 2020 | <a href='/category/deutsche-sprache/' "
        "rel='category tag'>Deutsche Sprache</a></p>"
    )
    person = story("<p class='meta'>26. April 2020 | Jana Ott</p>").replace(
        b"Tide mill turns again", b"Mill race cleared"
    )
    stored = import_pages(run, db, tmp_path, {"a.html": section, "b.html": person})
    assert stored == {"Tide mill turns again": None, "Mill race cleared": "Jana Ott"}


def test_a_creative_commons_notice_names_the_author_when_nothing_else_does(run, db, tmp_path):
    # The licence chooser's markup (ccREL): the work's author, as the publisher credits it.
    notice = (
        "<p><span>Mill Diary</span> von <a href='https://mill.example/' "
        "rel='cc:attributionURL'>Donald Towns</a> steht unter einer "
        "<a rel='license' href='https://creativecommons.org/licenses/by/3.0/'>Lizenz</a>.</p>"
    )
    credited = story().replace(b"</article>", f"</article>{notice}".encode())
    named = story(notice.replace("rel='cc:attributionURL'", "") + "<p>By Jana Ott</p>").replace(
        b"Tide mill turns again", b"Mill race cleared"
    )
    stored = import_pages(run, db, tmp_path, {"a.html": credited, "b.html": named})
    assert stored == {"Tide mill turns again": "Donald Towns", "Mill race cleared": "Jana Ott"}


def test_a_layout_that_has_a_sidebar_is_not_the_sidebar(run, db, tmp_path):
    # "has-double-sidebar", "zen-one-sidebar-second": classes naming the page's layout on the
    # container of both the article and its sidebar.
    layout = blog_page(
        "Beans and slugs",
        "<div class='main-content has-double-sidebar'><div class='post'>"
        f"<h1>Beans and slugs</h1><p><em>Von Leonora Holt</em></p>{POST_TEXT}</div>"
        "<div class='sidebar'><p class='byline'>Von Jana Ott</p></div></div>",
    )
    sidebar = blog_page(
        "Netting the brassicas",
        f"<div class='post'><h1>Netting the brassicas</h1>{POST_TEXT}</div>"
        "<div class='sidebar-second'><p class='byline'>Von Jana Ott</p></div>",
    )
    stored = import_pages(run, db, tmp_path, {"a.html": layout, "b.html": sidebar})
    assert stored == {"Beans and slugs": "Leonora Holt", "Netting the brassicas": None}


def test_a_byline_line_inside_a_long_block_counts(run, db, tmp_path):
    # "…<br><br>Autorin: <a>Rechtsanwältin</a> Uta Stein": the byline is one line of a long
    # block, after a line break; a "von" inside a sentence of the block is no byline.
    credited = story(
        f"<div class='body'>{'Mehr zum Wohngeld folgt. ' * 12}<br><br>Autorin: "
        "<a href='/anwalt/'>Rechtsanwältin</a> Uta Stein</div>"
    )
    sentence = story(
        "<div class='body'>Die Mühle wurde 1868 von Jacob Berg gegründet, einem Auswanderer "
        f"mit Wurzeln in Mainz. {'Mehr zur Mühle folgt. ' * 12}</div>"
    ).replace(b"Tide mill turns again", b"Mill race cleared")
    stored = import_pages(run, db, tmp_path, {"a.html": credited, "b.html": sentence})
    assert stored == {"Tide mill turns again": "Uta Stein", "Mill race cleared": None}
