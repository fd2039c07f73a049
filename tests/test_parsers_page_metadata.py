"""What an HTML page says about itself beyond its markup: dates and bylines the page shows,
personal sites, the article's own footer, teaser lists and copyright years (newsctl.parsers.
page_dates, page_authors, html_page), on small pages of our own making in tests/data/pages."""

from pathlib import Path

import pytest

from newsctl.errors import ParseError
from newsctl.parsers.html_page import extract_page, is_list_of_articles
from newsctl.parsers.page_dates import text_date, written_offset
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
    ],
)
def test_dates_written_in_text(text, day):
    found = text_date(text)
    assert found is not None and found[0].isoformat() == day


@pytest.mark.parametrize("text", ["31.02.2020", "Version 3.14.2020", "Updated May 5, 2020", "1989"])
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


def test_metadata_made_for_the_publication_time_beats_the_date_shown():
    head = '<meta property="article:published_time" content="2020-02-03T10:00:00+01:00">'
    page = story('<p class="when">05.02.2020</p>', head)
    assert extract_page(page, "page.html").published_at == "2020-02-03T09:00:00Z"


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
        ("2024-05-01", None),
    ],
)
def test_the_offset_a_time_was_written_with(text, offset):
    assert written_offset(text) == offset


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
