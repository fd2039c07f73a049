"""Renderables, printed into a fixed-width in-memory console."""

import io

from rich.console import Console

from newsctl import render
from newsctl.archive import HIGHLIGHT_END, HIGHLIGHT_START
from newsctl.models import Article, Author, SearchHit, SearchResults

HOSTILE = "[bold]Loud[/bold] [link=file:///etc/passwd]x[/link] \x1b[31mred\x07 [/]"


def printed(renderable, *, color: bool = False) -> str:
    out = io.StringIO()
    # no_color given explicitly: the test environment sets NO_COLOR.
    console = Console(file=out, width=100, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None)  # fmt: skip
    console.print(renderable)
    return out.getvalue()


def article(**fields) -> Article:
    defaults = {"id": 7, "title": "Tide mill turns", "authors": ("Tomás Eriksen",),
                "category": "Culture", "published_at": "2026-11-21T11:00:00Z",
                "added_at": "2026-11-27T10:00:00Z"}  # fmt: skip
    return Article(**{**defaults, **fields})


def test_untrusted_text_is_printed_literally_and_without_escapes():
    text = printed(render.article_view(article(title=HOSTILE, body=HOSTILE, author_bio=HOSTILE)))
    assert "[bold]Loud[/bold] [link=file:///etc/passwd]x[/link] [31mred [/]" in text
    assert "\x1b" not in text and "\x07" not in text
    colored = printed(render.article_table([article(title=HOSTILE)]), color=True)
    assert "]8;" not in colored  # no OSC 8 hyperlink was made from the title


def test_teasers_are_labelled_everywhere():
    teaser = article(partial=True, body="The start of it…")
    assert "(teaser)" in printed(render.article_table([teaser]))
    assert "Only a teaser is stored" in printed(render.article_view(teaser))
    assert "(teaser)" in printed(render.recent_posts([teaser]))


def test_snippet_highlights_only_the_matches():
    snippet = f"the {HIGHLIGHT_START}tide{HIGHLIGHT_END} mill\nturned"
    hit = SearchHit(article=article(), snippet=snippet, rank=-1.0)
    colored = printed(render.search_results(SearchResults([hit])), color=True)
    assert "\x1b[1;33mtide\x1b[0m" in colored and "mill turned" in colored
    assert render.search_hit_json(hit)["snippet"] == "the tide mill turned"


def test_author_view_and_table():
    person = Author(id=1, name="Tomás Eriksen", bio="Writes about mills.", article_count=2,
                    latest_at="2026-11-21T11:00:00Z")  # fmt: skip
    view = printed(render.author_panel(person))
    assert "Writes about mills." in view and "2 articles" in view
    table = printed(render.authors_table([person]))
    assert "Tomás Eriksen" in table and "2026-11-21" in table


def test_co_authors_are_shown_in_byline_order():
    three = article(authors=("Dana A. Ford", "bell hooks", "Li Wei"))
    assert "Dana A. Ford, bell hooks and Li Wei" in printed(render.article_table([three]))
    view = printed(render.article_view(three))
    assert "by Dana A. Ford, bell hooks and Li Wei" in view
    # The panel under the article is the lead author's.
    assert "╭─ Dana A. Ford" in view
