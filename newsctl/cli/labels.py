"""Authors, tags and categories: list them, show one author, rename and merge them."""

from typing import Annotated

import typer

from newsctl.cli.app import (
    FormatOption,
    JsonOption,
    ListOrShowGroup,
    app,
    open_archive_for,
    output_format,
)
from newsctl.cli.complete import complete_author, complete_category, complete_tag

LimitOption = Annotated[
    int, typer.Option("--limit", "-n", min=1, max=2**63 - 1, help="Show at most this many.")
]

authors_app = typer.Typer(cls=ListOrShowGroup, no_args_is_help=False)
tags_app = typer.Typer(cls=ListOrShowGroup, no_args_is_help=False)
categories_app = typer.Typer(cls=ListOrShowGroup, no_args_is_help=False)
app.add_typer(authors_app, name="authors")
app.add_typer(tags_app, name="tags")
app.add_typer(categories_app, name="categories")


@authors_app.callback()
def authors_group() -> None:
    """List authors with their article counts, show one, rename and merge them.

    Examples: newsctl authors;  newsctl authors "Diane Wade" --json;
    newsctl authors rename "D. Wade" "Diane Wade"
    """


@tags_app.callback()
def tags_group() -> None:
    """List tags with their article counts; rename them.

    Examples: newsctl tags --json;  newsctl tags rename elections election
    """


@categories_app.callback()
def categories_group() -> None:
    """List categories with their article counts; rename them.

    Examples: newsctl categories;  newsctl categories rename Local "Local News"
    """


def _say(result, kind: str, old: str) -> None:
    from newsctl import render

    count = f"{result.articles} article" + ("" if result.articles == 1 else "s")
    if result.merged:
        message = f"Merged {kind} {old!r} into {result.name!r}: {count} moved."
    else:
        message = f"Renamed {kind} {old!r} to {result.name!r}: {count}."
    render.console.print(render.safe_line(message))
    for bio in result.dropped_bios:
        render.notice(f"Bio not kept (the longer one was): {bio}")


# -- authors ----------------------------------------------------------------------------------


@authors_app.command("list", hidden=True)
def list_authors(
    ctx: typer.Context, output: FormatOption = None, json_output: JsonOption = False
) -> None:
    """Every author with their article count (co-authored articles included).

    Example: newsctl authors --json
    """
    from newsctl import render

    fmt = output_format(output, json_output)
    with open_archive_for(ctx) as archive:
        everyone = archive.authors()
    if fmt != "table":
        records = [person.to_json() for person in everyone]
        render.print_records(records, fmt, ("id", "name", "articles", "latest_at", "bio"))
    elif not everyone:
        render.notice("No authors yet.")
    else:
        render.print_table(render.authors_table(everyone))


@authors_app.command("show", hidden=True)
def show_author(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="The author's name (any case).", autocompletion=complete_author),
    ],
    limit: LimitOption = 20,
    json_output: JsonOption = False,
) -> None:
    """One author: bio, article count and latest articles.

    Example: newsctl authors "Diane Wade" -n 5
    """
    from newsctl import curation, render
    from newsctl.errors import AuthorNotFound
    from newsctl.models import ArticleFilter

    with open_archive_for(ctx) as archive:
        try:
            author = archive.author(name)
        except AuthorNotFound:
            curation.check_names(archive, authors=[name])  # suggests the closest names
            raise
        articles = archive.list_articles(ArticleFilter(author=author.name), limit=limit)
    if json_output:
        render.print_json({**author.to_json(), "recent_articles": [a.to_json() for a in articles]})
    else:
        render.print_author(author, articles)


@authors_app.command("rename")
def rename_author(
    ctx: typer.Context,
    old: Annotated[
        str, typer.Argument(help="The author's name now.", autocompletion=complete_author)
    ],
    new: Annotated[
        str,
        typer.Argument(
            help="The name to use (an existing author: merged).", autocompletion=complete_author
        ),
    ],
) -> None:
    """Rename an author; imports that still carry the old name use the new one.

    Example: newsctl authors rename "D. Wade" "Diane Wade"
    """
    from newsctl import curation

    with open_archive_for(ctx) as archive:
        result = curation.rename_author(archive, old, new)
    _say(result, "author", old)


@authors_app.command("merge")
def merge_authors(
    ctx: typer.Context,
    names: Annotated[
        list[str], typer.Argument(help="The authors to merge.", autocompletion=complete_author)
    ],
    into: Annotated[
        str,
        typer.Option("--into", help="The author they become.", autocompletion=complete_author),
    ],
) -> None:
    """Merge authors into one: articles and co-authorships move, the longer bio is kept.

    Example: newsctl authors merge "D. Wade" "Diane  Wade" --into "Diane Wade"
    """
    from newsctl import curation

    with open_archive_for(ctx) as archive:
        result = curation.merge_authors(archive, names, into)
    _say(result, "author", "', '".join(name for name in names if name != result.name))


@authors_app.command("edit")
def edit_author(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The author's name.", autocompletion=complete_author)],
    bio: Annotated[str, typer.Option("--bio", help="The new bio ('' removes it).")],
) -> None:
    """Change an author's bio.

    Example: newsctl authors edit "Diane Wade" --bio "Diane covers transport."
    """
    from newsctl import curation, render

    with open_archive_for(ctx) as archive:
        name = curation.set_author_bio(archive, name, bio)
    render.console.print(render.safe_line(f"Updated the bio of {name}."))


# -- tags and categories ----------------------------------------------------------------------


def _labels(ctx: typer.Context, kind: str, fmt: str) -> None:
    from newsctl import render

    with open_archive_for(ctx) as archive:
        labels = archive.tags() if kind == "tags" else archive.categories()
    if fmt != "table":
        records = [label.to_json() for label in labels]
        render.print_records(records, fmt, ("name", "articles", "latest_at"))
    elif not labels:
        render.notice(f"No {kind} yet.")
    else:
        heading = "Tag" if kind == "tags" else "Category"
        render.print_table(render.labels_table(labels, heading))


@tags_app.command("list", hidden=True)
def list_tags(
    ctx: typer.Context, output: FormatOption = None, json_output: JsonOption = False
) -> None:
    """Every tag with its article count and newest article. Example: newsctl tags --json"""
    _labels(ctx, "tags", output_format(output, json_output))


@tags_app.command("rename")
def rename_tag(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The tag now.", autocompletion=complete_tag)],
    new: Annotated[
        str,
        typer.Argument(
            help="The tag to use (an existing tag: merged).", autocompletion=complete_tag
        ),
    ],
) -> None:
    """Rename a tag everywhere; imports that still carry the old tag use the new one.

    Example: newsctl tags rename elections election
    """
    from newsctl import curation

    with open_archive_for(ctx) as archive:
        result = curation.rename_tag(archive, old, new)
    _say(result, "tag", old)


@categories_app.command("list", hidden=True)
def list_categories(
    ctx: typer.Context, output: FormatOption = None, json_output: JsonOption = False
) -> None:
    """Every category with its article count and newest article.

    Example: newsctl categories --json
    """
    _labels(ctx, "categories", output_format(output, json_output))


@categories_app.command("rename")
def rename_category(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The category now.", autocompletion=complete_category)],
    new: Annotated[
        str,
        typer.Argument(
            help="The category to use (an existing one: merged).", autocompletion=complete_category
        ),
    ],
) -> None:
    """Rename a category everywhere; imports that still carry the old one use the new one.

    Example: newsctl categories rename "Local" "Local News"
    """
    from newsctl import curation

    with open_archive_for(ctx) as archive:
        result = curation.rename_category(archive, old, new)
    _say(result, "category", old)
