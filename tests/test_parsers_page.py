"""The saved-page text format: the seed page's shape, and variations of it."""

from datetime import UTC, datetime

import pytest

from newsctl.errors import ParseError
from newsctl.parsers.page import looks_like_name, parse_saved_page
from tests.conftest import SAMPLE_DATA, SEED_PAGE

PAGES = SAMPLE_DATA / "pages"


def page(name: str):
    return parse_saved_page((PAGES / name).read_text(encoding="utf-8"), name)


@pytest.mark.skipif(
    not SEED_PAGE.exists(), reason="the seed page (../shared) is not beside the project"
)
def test_seed_page_parts():
    text = SEED_PAGE.read_text(encoding="utf-8")
    parsed = parse_saved_page(text, "seed.txt")
    lines = [line for line in text.splitlines() if line.strip()]
    article = parsed.article
    assert article.category == lines[0].split(":", 1)[1].strip()
    assert article.title == lines[1]
    assert article.body.split("\n\n")[0] == lines[2]
    video_index = lines.index(parsed.video_id)
    assert article.body.split("\n\n")[-1] == lines[video_index - 1]
    assert article.author == lines[video_index + 1]
    assert article.author_bio == lines[video_index + 2]
    assert lines[video_index + 3] == "Recent Posts"
    assert len(parsed.recent_posts) == (len(lines) - video_index - 4) // 3
    first = parsed.recent_posts[0]
    assert (first.title, first.teaser, first.age) == tuple(lines[video_index + 4 : video_index + 7])


def test_page_with_video_author_bio_recent_posts_and_footer():
    parsed = page("harbor-ferry.txt")
    assert parsed.video_id == "qX7vB2mLp9K"
    assert parsed.article.author == "Marta Olsen"
    assert len(parsed.article.body.split("\n\n")) == 6
    assert [(p.title, p.age) for p in parsed.recent_posts] == [
        ("Solar Farm Opens on the Old Airfield", "3 days ago"),
        ("Library Opens Its Doors After Dark", "1 week ago"),
        ("Harbour Wall Repairs Finish Ahead of Schedule", "3 weeks ago"),
    ]
    assert parsed.recent_posts[0].teaser.endswith("once held the…")


def test_page_with_two_categories_and_no_recent_posts():
    parsed = page("solar-farm.txt")
    assert parsed.article.category == "Science"
    assert parsed.article.tags == ("Energy",)
    assert parsed.recent_posts == ()
    assert parsed.article.author == "Idris Achebe"
    assert parsed.article.body.endswith("by the end of next year.")


def test_author_without_bio():
    parsed = page("library-night.txt")
    assert parsed.article.author == "Tomás Eriksen"
    assert parsed.article.author_bio is None
    assert parsed.article.body.endswith("Entry is free.")
    assert len(parsed.recent_posts) == 3  # the footer line after them is not a post


def test_page_without_author_keeps_all_paragraphs_and_drops_video_link():
    parsed = page("chess-final.txt")
    assert parsed.article.author is None
    assert parsed.video_id == "Zr3kP0wQ8aE"
    assert parsed.article.body.endswith("Video: the final moves, filmed by a parent.")
    assert "youtube" not in parsed.article.body and "Share this" not in parsed.article.body
    assert [p.title for p in parsed.recent_posts] == [
        "Fish Market Prices Fall as Mackerel Season Peaks"
    ]


def test_single_paragraph_article():
    parsed = page("market-report.txt")
    assert parsed.article.body.count("\n") == 0
    assert parsed.article.author == "Aiko Tanaka-Reid"


def test_minimal_pages():
    bare = parse_saved_page("Just a title\n\nAnd one paragraph of text.\n", "bare.txt")
    assert (bare.article.title, bare.article.body, bare.article.category) == (
        "Just a title",
        "And one paragraph of text.",
        None,
    )
    name_and_bio_together = parse_saved_page(
        "Categories: World\n\nTitle\n\nBody text here.\n\nJane Q. Public\nJane writes things.\n",
        "x",
    )
    assert name_and_bio_together.article.author == "Jane Q. Public"
    assert name_and_bio_together.article.author_bio == "Jane writes things."
    assert name_and_bio_together.article.body == "Body text here."
    windows = parse_saved_page("Categories: A\r\n\r\nTitle\r\n\r\nBody.\r\n", "win.txt")
    assert (windows.article.title, windows.article.body) == ("Title", "Body.")


def test_body_ending_in_a_sentence_is_not_an_author():
    parsed = parse_saved_page("Title\n\nFirst paragraph.\n\nThe mayor said no.\n", "x")
    assert parsed.article.author is None
    assert parsed.article.body == "First paragraph.\n\nThe mayor said no."


@pytest.mark.parametrize("text", ["", "\n\n  \n", "Categories: Only a category\n"])
def test_page_without_title_is_an_error(text):
    with pytest.raises(ParseError, match="no title"):
        parse_saved_page(text, "empty.txt")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Diane A. Wade", True),
        ("Ana de la Cruz", True),
        ("Aiko Tanaka-Reid", True),
        ("Seán O’Brien", True),
        ("The mayor said no.", False),
        ("It was 2013", False),
        ("a lowercase line", False),
        ("One Two Three Four Five Six Seven", False),
    ],
)
def test_looks_like_name(line, expected):
    assert looks_like_name(line) is expected


def test_teasers_get_dates_from_their_age_and_the_save_time():
    from io import BytesIO

    from newsctl.parsers import ParseOptions
    from newsctl.parsers.page import parse

    saved_at = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    data = (PAGES / "harbor-ferry.txt").read_bytes()
    records = list(parse(BytesIO(data), "harbor-ferry.txt", ParseOptions(saved_at=saved_at)))
    assert [r.partial for r in records] == [False, True, True, True]
    assert [r.published_at for r in records[1:]] == [
        "2026-03-07T12:00:00Z",
        "2026-03-03T12:00:00Z",
        "2026-02-17T12:00:00Z",
    ]
    assert len(list(parse(BytesIO(data), "x", ParseOptions(recent=False)))) == 1


@pytest.mark.parametrize(
    ("name", "bio"),
    [
        ("bell hooks", "bell hooks wrote about love, race and class."),
        ("محمد الأحمد", "صحفي يكتب عن الاقتصاد."),
        ("王小明", "王小明是本报记者。"),
        ("Анна Петрова", "Анна пишет о городе."),
        ("이민지", "이민지 기자는 과학을 다룹니다."),
    ],
)
def test_author_names_in_any_script_and_in_lower_case(name, bio):
    text = f"Title\n\nThe body of the article, one sentence long.\n\n{name}\n\n{bio}\n"
    parsed = parse_saved_page(text, "x").article
    assert (parsed.authors, parsed.author_bio) == ((name,), bio)
    assert parsed.body == "The body of the article, one sentence long."


def test_a_lower_case_line_without_a_bio_naming_it_is_body_text():
    parsed = parse_saved_page("Title\n\nFirst paragraph.\n\nsee you soon\n", "x").article
    assert parsed.authors == () and parsed.body.endswith("see you soon")
    with_bio = "Title\n\nFirst paragraph.\n\nsee you soon\n\nBell Hooks writes here.\n"
    assert parse_saved_page(with_bio, "x").article.authors == ()
