"""Reading the archive: list, search, show, recent, authors."""

from enum import StrEnum
from typing import Annotated

import typer

from newsctl.cli import complete
from newsctl.cli.app import (
    ArticleIdArgument,
    AuthorOption,
    CategoryOption,
    CreditOption,
    FormatOption,
    JsonOption,
    SinceOption,
    TagOption,
    UntilOption,
    app,
    article_filter,
    open_archive_for,
    output_format,
    parse_date_option,
)


class SortOrder(StrEnum):
    published = "published"
    added = "added"
    title = "title"


LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, max=2**63 - 1, help="Show at most this many.")
]


TagsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--tag",
        "-t",
        help="Only articles with this tag; repeat: with all of them.",
        autocompletion=complete.complete_tag,
    ),
]


@app.command("list")
def list_articles(
    ctx: typer.Context,
    author: AuthorOption = None,
    credit: CreditOption = None,
    category: Annotated[
        list[str] | None,
        typer.Option(
            "--category",
            "-c",
            help="Only articles in this category; repeat: any.",
            autocompletion=complete.complete_category,
        ),
    ] = None,
    tag: TagsOption = None,
    any_tag: Annotated[
        list[str] | None,
        typer.Option(
            "--any-tag",
            help="Only articles with at least one of these tags.",
            autocompletion=complete.complete_tag,
        ),
    ] = None,
    not_tag: Annotated[
        list[str] | None,
        typer.Option(
            "--not-tag",
            help="Only articles without this tag.",
            autocompletion=complete.complete_tag,
        ),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 20,
    offset: Annotated[
        int, typer.Option("--offset", min=0, max=2**63 - 1, help="Skip this many first.")
    ] = 0,
    sort: Annotated[
        SortOrder,
        typer.Option("--sort", help="published (or added, when unknown), added, or title."),
    ] = SortOrder.published,
    reverse: Annotated[bool, typer.Option("--reverse", help="Oldest first (or Z to A).")] = False,
    output: FormatOption = None,
    json_output: JsonOption = False,
) -> None:
    """List articles, newest first.

    Names match in any case and accents; an author matches any of an article's authors.
    A name that matches nothing is an error that suggests the closest names (exit 3).

    Examples: newsctl list --author "Diane Wade" --since 30d;  newsctl list --sort title -n 50;
    newsctl list --tag politics --not-tag opinion
    """
    from newsctl import curation, render

    fmt = output_format(output, json_output)
    filters = article_filter(
        author, category, tag, since, until, any_tag=any_tag, not_tag=not_tag, credit=credit
    )
    with open_archive_for(ctx) as archive:
        articles = archive.list_articles(
            filters, sort=sort.value, reverse=reverse, limit=limit, offset=offset
        )
        if not articles:
            curation.check_names(archive, **filters.names)
        elif filters.not_tags:  # a misspelled --not-tag excludes nothing: say so
            curation.check_names(archive, tags=filters.not_tags)
        total = archive.count_matching(filters) if render.console.is_terminal else None

    if fmt != "table":
        render.print_records([article.to_json() for article in articles], fmt, ARTICLE_COLUMNS)
    elif not articles:
        render.notice("No articles match." if filters != type(filters)() or offset else _EMPTY_HINT)
    else:
        table = render.article_table(articles)
        if total is not None:  # on a terminal: "20 of 3,025 articles" under the table
            table.caption = render.matched_count(len(articles), total, offset)
            table.caption_justify, table.caption_style = "left", "dim"
        render.print_table(table)


# The columns of --format csv/tsv for articles.
# The credit came last (schema m014): scripts reading columns by position keep theirs.
ARTICLE_COLUMNS = (
    "id", "title", "authors", "category", "tags", "url", "published_at", "added_at", "credit",
)  # fmt: skip

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
    credit: CreditOption = None,
    category: CategoryOption = None,
    tag: TagOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 20,
    offset: Annotated[
        int, typer.Option("--offset", min=0, max=2**63 - 1, help="Skip this many first.")
    ] = 0,
    sort: Annotated[
        SearchOrder,
        typer.Option("--sort", help="relevance (best match first), newest or oldest."),
    ] = SearchOrder.relevance,
    output: FormatOption = None,
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
    fmt = output_format(output, json_output)
    filters = article_filter(author, category, tag, since, until, credit=credit)
    from newsctl import render

    with open_archive_for(ctx) as archive:
        results = archive.search(
            query,
            filters,
            limit=limit,
            offset=offset,
            sort=sort.value,
            count=fmt == "table" and render.console.is_terminal,
        )
    if fmt != "table":
        records = [render.search_hit_json(hit) for hit in results.hits]
        render.print_records(records, fmt, (*ARTICLE_COLUMNS, "snippet"))
    elif not results.hits:
        render.notice(render.nothing_found(query, results))
    else:
        render.page(render.search_results(results, offset=offset))


@app.command()
def show(
    ctx: typer.Context,
    article_id: ArticleIdArgument,
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
        render.page(render.article_view(article))


@app.command()
def recent(
    ctx: typer.Context,
    limit: LimitOption = 10,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only posts since a date (2024-05-01) or a span (7d, 2w)."),
    ] = None,
    output: FormatOption = None,
    json_output: JsonOption = False,
) -> None:
    """The latest posts, newest first, with a teaser and their age ("2 days ago").

    Example: newsctl recent --since 7d
    """
    fmt = output_format(output, json_output)
    since_stamp = parse_date_option(since, "--since")
    with open_archive_for(ctx) as archive:
        articles = archive.recent(limit=limit, since=since_stamp)
    from newsctl import render

    if fmt != "table":
        records = [render.recent_json(article) for article in articles]
        render.print_records(records, fmt, (*ARTICLE_COLUMNS, "age", "teaser"))
    elif not articles:
        render.notice("No posts in that time." if since else _EMPTY_HINT)
    else:
        render.page(render.recent_posts(articles))


@app.command()
def stats(
    ctx: typer.Context,
    top: Annotated[int, typer.Option("--top", min=1, help="Categories and authors shown.")] = 10,
    json_output: JsonOption = False,
) -> None:
    """What the archive holds: totals, largest categories and authors, articles per month,
    and its size on disk.

    Example: newsctl stats --top 5
    """
    from newsctl import render
    from newsctl.stats import archive_stats

    with open_archive_for(ctx) as archive:
        figures = archive_stats(archive, top=top)
    if json_output:
        render.print_json(figures.to_json())
    else:
        render.print_stats(figures)
