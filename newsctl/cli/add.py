"""newsctl add: store one article from options, a file or standard input."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.app import JsonOption, app, open_archive_for, parse_date_option
from newsctl.errors import NewsctlError, ParseError, UsageError


def _body_from(body: str | None, body_file: Path | None) -> str:
    if body is not None and body_file is not None:
        raise UsageError("give the body with --body or --body-file, not both")
    if body is not None:
        return body
    if body_file is not None:
        try:
            return body_file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise UsageError(f"no such file: {body_file}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{body_file} is not UTF-8 text") from None
        except OSError as problem:
            raise UsageError(f"cannot read {body_file}: {problem.strerror}") from None
    if not sys.stdin.isatty():
        try:
            return sys.stdin.read()
        except UnicodeDecodeError:
            raise UsageError("standard input is not UTF-8 text") from None
    return ""


@app.command()
def add(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Argument(
            help="A saved page (.txt), a JSON article or an http(s) url to add; "
            "'-' reads it from standard input.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The title (required without FILE).")
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option("--author", "-a", help="An author's name; repeat for co-authors, lead first."),
    ] = None,
    author_bio: Annotated[
        str | None, typer.Option("--author-bio", help="A short bio of the (lead) author.")
    ] = None,
    credit: Annotated[
        str | None,
        typer.Option("--credit", help="A newsroom or wire service credited (AP, dpa, Staff)."),
    ] = None,
    category: Annotated[str | None, typer.Option("--category", "-c", help="The category.")] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="Where the article was published.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date, ISO 8601: 2024-05-01 or 2024-05-01T09:30:00Z."
        ),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="A tag; repeat for several.")
    ] = None,
    body: Annotated[str | None, typer.Option("--body", help="The article text.")] = None,
    body_file: Annotated[
        Path | None,
        typer.Option("--body-file", help="Read the article text from this file.", dir_okay=False),
    ] = None,
    input_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Format of FILE: page, json, jsonl, csv, html or feed. Default: detected.",
        ),
    ] = None,
    no_update: Annotated[
        bool,
        typer.Option(
            "--no-update", help="If the article is already stored, keep the stored version."
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Add one article, from options or from a file.

    Examples:

      newsctl add --title "Rain returns" --author "Ana Ruiz" --body-file rain.txt

      newsctl add saved-page.txt

      newsctl add https://example.com/2024/05/rain-returns.html

      curl -s https://example.com/article.json | newsctl add -

    Adding an article that is already stored (same url, or same title, author
    and body) stores nothing new and says which id it has.
    """
    from newsctl.inputs import read_one_article
    from newsctl.records import article_from_record

    if file is not None:
        given = [
            name
            for name, value in (("--title", title), ("--body", body), ("--body-file", body_file))
            if value
        ]
        if given:
            raise UsageError(f"give either FILE or {given[0]}, not both")
        from newsctl import render

        def on_warning(warning) -> None:
            render.warning(str(warning))

        if "://" in file and not Path(file).exists():  # a url: the page, fetched (newsctl.fetch)
            from newsctl.fetch.documents import read_web_article
            from newsctl.fetch.http import require_web_url

            article = read_web_article(require_web_url(file), input_format, on_warning=on_warning)
        else:
            article = read_one_article(file, input_format, on_warning=on_warning)
    else:
        if not title:
            raise UsageError("--title is required when no FILE is given")
        record = {
            "title": title,
            "body": _body_from(body, body_file),
            "author": author or None,
            "author_bio": author_bio,
            "credit": credit,
            "category": category,
            "url": url,
            "published_at": parse_date_option(published, "--published"),
            "tags": tag or [],
            "source": "cli",
        }
        try:
            article = article_from_record(record, "cli")
        except ParseError as problem:
            raise UsageError(problem.message) from None

    with open_archive_for(ctx) as archive:
        result = archive.save([article], update=not no_update)[0]
        if result.outcome == "skipped":
            raise NewsctlError(
                f"not added: this is article {result.article_id}, which was deleted; "
                f"'newsctl restore {result.article_id}' brings it back from the trash"
            )
        stored = archive.get(result.article_id)

    from newsctl import render

    if json_output:
        render.print_json(stored.to_json(full=True))
        return
    render.console.print(render.save_message(result.outcome, stored, result.merged))
