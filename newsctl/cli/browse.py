"""Reading the archive: list, search, show, recent, authors."""

from enum import StrEnum
from typing import Annotated

import typer

from newsctl.cli.app import (
    AuthorOption,
    CategoryOption,
    JsonOption,
    SinceOption,
    TagOption,
    UntilOption,
    app,
    article_filter,
    open_archive_for,
    parse_date_option,
)


class SortOrder(StrEnum):
    published = "published"
    added = "added"
    title = "title"


LimitOption = Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")]


@app.command("list")
def list_articles(
    ctx: typer.Context,
    author: AuthorOption = None,
    category: CategoryOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    sort: Annotated[
        SortOrder,
        typer.Option("--sort", help="published (or added, when unknown), added, or title."),
    ] = SortOrder.published,
    reverse: Annotated[bool, typer.Option("--reverse", help="Oldest first (or Z to A).")] = False,
    json_output: JsonOption = False,
) -> None:
    """List articles, newest first.

    Examples: newsctl list --author "Diane Wade" --since 30d;  newsctl list --sort title -n 50
    """
    filters = article_filter(author, category, tag, since, until)
    with open_archive_for(ctx) as archive:
        articles = archive.list_articles(
            filters, sort=sort.value, reverse=reverse, limit=limit, offset=offset
        )
    from newsctl import render

    if json_output:
        render.print_json([article.to_json() for article in articles])
    elif not articles:
        render.notice("No articles match." if filters != type(filters)() or offset else _EMPTY_HINT)
    else:
        render.console.print(render.article_table(articles))


_EMPTY_HINT = (
    "The archive is empty. Add articles with 'newsctl add FILE' or 'newsctl import FOLDER'."
)


class SearchOrder(StrEnum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help='Words to find: all of them; "a phrase"; pref*; a OR b; -word; title:, '
            "author:, tag:.",
            show_default=False,
        ),
    ],
    author: AuthorOption = None,
    category: CategoryOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    sort: Annotated[
        SearchOrder,
        typer.Option("--sort", help="relevance (best match first), newest or oldest."),
    ] = SearchOrder.relevance,
    json_output: JsonOption = False,
) -> None:
    """Full-text search over titles, author names and bodies, in any language.

    The query is what you would type in a search box:

    flood barrier: both words; "night ferry": the words together; elect*: a prefix;
    ferry OR boat: either; -ferry or NOT ferry: without it; title:ferry, author:olsen,
    author:"Marta Olsen": in the title or byline; tag:energy: only articles so tagged.
    Anything else is searched as plain words; a query without words finds nothing (exit 0).
    Words match in any case and with or without accents (cafe finds café); words in
    scripts written without spaces (東京, 图书馆, 지하철, ภาษา) are found too.

    A title match ranks above an author match, above a body match. On a terminal the
    number of matches is shown.

    Examples: newsctl search flood;  newsctl search '"interest rates" bank* -mortgage' --since 1y;
    newsctl search 'author:olsen ferry OR harbour' --sort newest
    """
    filters = article_filter(author, category, tag, since, until)
    from newsctl import render

    with open_archive_for(ctx) as archive:
        results = archive.search(
            query,
            filters,
            limit=limit,
            offset=offset,
            sort=sort.value,
            count=not json_output and render.console.is_terminal,
        )
    if json_output:
        render.print_json([render.search_hit_json(hit) for hit in results.hits])
    elif not results.hits:
        render.notice(render.nothing_found(query, results))
    else:
        render.console.print(render.search_results(results, offset=offset))


@app.command()
def show(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(metavar="ID", help="The article's id (see list).")],
    json_output: JsonOption = False,
) -> None:
    """Show one article in full, with its author's bio.

    Example: newsctl show 42
    """
    with open_archive_for(ctx) as archive:
        article = archive.get(article_id)
    from newsctl import render

    if json_output:
        render.print_json(article.to_json(full=True))
    else:
        render.console.print(render.article_view(article))


@app.command()
def recent(
    ctx: typer.Context,
    limit: LimitOption = 10,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only posts since a date (2024-05-01) or a span (7d, 2w)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The latest posts, newest first, with a teaser and their age ("2 days ago").

    Example: newsctl recent --since 7d
    """
    since_stamp = parse_date_option(since, "--since")
    with open_archive_for(ctx) as archive:
        articles = archive.recent(limit=limit, since=since_stamp)
    from newsctl import render

    if json_output:
        render.print_json([render.recent_json(article) for article in articles])
    elif not articles:
        render.notice("No posts in that time." if since else _EMPTY_HINT)
    else:
        render.console.print(render.recent_posts(articles))


@app.command()
def authors(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="Show this author's bio and articles.", show_default=False)
    ] = None,
    limit: LimitOption = 20,
    json_output: JsonOption = False,
) -> None:
    """List authors with their article counts, or show one author.

    Examples: newsctl authors;  newsctl authors "Diane Wade"
    """
    from newsctl.models import ArticleFilter

    with open_archive_for(ctx) as archive:
        if name is None:
            everyone = archive.authors()
        else:
            author = archive.author(name)
            articles = archive.list_articles(ArticleFilter(author=author.name), limit=limit)
    from newsctl import render

    if name is None:
        if json_output:
            render.print_json([person.to_json() for person in everyone])
        elif not everyone:
            render.notice("No authors yet.")
        else:
            render.console.print(render.authors_table(everyone))
    elif json_output:
        render.print_json({**author.to_json(), "recent_articles": [a.to_json() for a in articles]})
    else:
        render.console.print(render.author_view(author, articles))
