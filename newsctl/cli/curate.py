"""Curating articles: edit, delete (to the trash), trash, restore, purge, history, diff, open."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli import complete
from newsctl.cli.app import (
    ArticleIdArgument,
    AuthorOption,
    CreditOption,
    JsonOption,
    SinceOption,
    UntilOption,
    app,
    article_filter,
    open_archive_for,
    parse_date_option,
)
from newsctl.errors import NewsctlError, NotConfirmed, ParseError, UsageError

IdsArgument = Annotated[
    list[int],
    typer.Argument(
        metavar="ID...", help="Article ids (see list).", show_default=False, min=1, max=2**63 - 1
    ),
]


def _confirm(question: str, yes: bool, what: str) -> None:
    """Go on with --yes, or when a person at a terminal says yes; elsewhere refuse.

    Raises UsageError off a terminal without --yes, and NotConfirmed (exit 1, so that
    `newsctl delete 3 && …` stops there) when the person says no or ends the input.
    """
    if yes:
        return
    if not sys.stdin.isatty():
        raise UsageError(f"{what} needs --yes when newsctl is not run from a terminal")
    try:
        confirmed = typer.confirm(question, default=False, err=True)
    except typer.Abort:  # Ctrl-D at the question
        confirmed = False
    if not confirmed:
        raise NotConfirmed(f"nothing done: {what} was not confirmed")


# -- edit ------------------------------------------------------------------------------------


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command or not command.strip():
        raise UsageError(
            "no editor: set $VISUAL or $EDITOR, or give the changes as options "
            "(see 'newsctl edit --help')"
        )
    import shlex  # here, not at the top: start-up

    return shlex.split(command)


def _edit_in_editor(archive, article_id: int):
    """Open the article in $VISUAL/$EDITOR and apply what was saved.

    Returns (EditResult, None), or (None, a message) when nothing changed. A text that
    cannot be applied is kept in its temporary file, and the error says where.
    """
    from newsctl import editing

    article = archive.get(article_id)
    original = editing.article_as_text(article)
    handle, name = tempfile.mkstemp(prefix=f"newsctl-edit-{article_id}-", suffix=".txt")
    path = Path(name)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(original)
    keep = (
        f"your text is kept in {path}: fix it and run "
        f"'newsctl edit {article_id} --text-file {path}'"
    )
    try:
        finished = subprocess.run([*_editor(), str(path)], check=False)
    except OSError as problem:
        path.unlink(missing_ok=True)
        raise UsageError(f"cannot start the editor: {problem.strerror}") from None
    if finished.returncode != 0:
        raise UsageError(
            f"the editor exited with status {finished.returncode}; nothing changed; {keep}"
        )
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.strip():
        path.unlink(missing_ok=True)
        return None, "The file was emptied: nothing changed."
    if text == original:
        path.unlink(missing_ok=True)
        return None, "No changes."
    try:
        result = _apply_text(archive, article_id, text)
    except NewsctlError as problem:
        raise type(problem)(f"{problem}; {keep}") from None
    path.unlink(missing_ok=True)
    return result, None


def _apply_text(archive, article_id: int, text: str):
    from newsctl import editing

    try:
        changes = editing.changes_from_text(text)
    except ParseError as problem:
        raise ParseError(problem.message, "the edited text", problem.location) from None
    return editing.edit_article(archive, article_id, changes)


@app.command()
def edit(
    ctx: typer.Context,
    article_id: ArticleIdArgument,
    title: Annotated[str | None, typer.Option("--title", help="A new title.")] = None,
    body: Annotated[str | None, typer.Option("--body", help="A new body text.")] = None,
    author: Annotated[
        list[str] | None,
        typer.Option("--author", "-a", help="An author; repeat for co-authors (replaces them)."),
    ] = None,
    credit: Annotated[
        str | None,
        typer.Option("--credit", help="A newsroom or wire service credited ('' removes it)."),
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="A new category ('' removes it).")
    ] = None,
    add_tag: Annotated[list[str] | None, typer.Option("--add-tag", help="Add a tag.")] = None,
    remove_tag: Annotated[
        list[str] | None, typer.Option("--remove-tag", help="Remove a tag.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="A new url ('' removes it).")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="A new publication date ('' removes it).")
    ] = None,
    revert: Annotated[
        int | None,
        typer.Option(
            "--revert", metavar="N", min=1, max=2**31, help="Bring version N back (see history)."
        ),
    ] = None,
    text_file: Annotated[
        Path | None,
        typer.Option(
            "--text-file", help="Apply an edited text (as $EDITOR shows it).", dir_okay=False
        ),
    ] = None,
) -> None:
    """Edit an article: in $VISUAL/$EDITOR, or with options for scripts.

    Without options the article opens in your editor as text: a small header (Title,
    Authors separated by ';', Credit, Category, Tags separated by ',', Url, Published), a blank
    line, then the body. Saving applies the change in one transaction; an unchanged or
    emptied file changes nothing. Every change is kept as a version (see history, diff).

    Examples:

      newsctl edit 42

      newsctl edit 42 --title "Ferry returns in March" --add-tag transport

      newsctl edit 42 --author "Ana Ruiz" --author "Kim Ode"

      newsctl edit 42 --revert 1
    """
    from newsctl import editing, render

    changes = editing.ArticleChanges(
        title=title,
        body=body,
        authors=tuple(author) if author else None,
        credit=credit,
        category=category,
        add_tags=tuple(add_tag or ()),
        remove_tags=tuple(remove_tag or ()),
        url=url,
        published=published,
    )
    chosen = [not changes.is_empty(), revert is not None, text_file is not None]
    if sum(chosen) > 1:
        raise UsageError("give field options, --revert or --text-file, one of them")
    message = None
    with open_archive_for(ctx) as archive:
        if revert is not None:
            result = editing.revert_article(archive, article_id, revert)
        elif text_file is not None:
            try:
                text = text_file.read_text(encoding="utf-8")
            except OSError as problem:
                raise UsageError(
                    f"--text-file: cannot read {text_file}: {problem.strerror}"
                ) from None
            result = _apply_text(archive, article_id, text)
        elif not changes.is_empty():
            result = editing.edit_article(archive, article_id, changes)
        else:
            result, message = _edit_in_editor(archive, article_id)
        stored = archive.get(article_id)
    if message or not result.fields:
        render.console.print(message or "No changes.")
        return
    render.console.print(render.edit_message(stored, result.fields, result.merged))


# -- the trash ---------------------------------------------------------------------------------


@app.command()
def delete(
    ctx: typer.Context,
    article_ids: Annotated[
        list[int] | None,
        typer.Argument(
            metavar="[ID...]",
            help="Article ids (or select with the options).",
            show_default=False,
            min=1,
            max=2**63 - 1,
        ),
    ] = None,
    author: AuthorOption = None,
    credit: CreditOption = None,
    category: Annotated[
        list[str] | None, typer.Option("--category", "-c", help="Articles in this category.")
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Articles with this tag.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed outside a terminal).")
    ] = False,
) -> None:
    """Move articles to the trash (see trash, restore, purge).

    On a terminal it shows what will go and asks; elsewhere it needs --yes. An import of
    a deleted article does not bring it back (it is counted as skipped).

    Examples:

      newsctl delete 42 43

      newsctl delete --tag spam --yes
    """
    from newsctl import curation, render

    filters = article_filter(author, category, tag, since, until, credit=credit)
    if not article_ids and filters == type(filters)():
        raise UsageError("give the ids of the articles to delete, or options that select them")
    with open_archive_for(ctx) as archive:
        if article_ids:
            if filters != type(filters)():
                raise UsageError("give ids or selecting options, not both")
            chosen = []
            for article_id in dict.fromkeys(article_ids):
                chosen.append(archive.get(article_id))  # ArticleNotFound: nothing is deleted
        else:
            curation.check_names(archive, **filters.names)
            chosen = archive.list_articles(filters, limit=None)
        if not chosen:
            render.notice("No articles match: nothing deleted.")
            return
        if not yes and sys.stdin.isatty():
            render.err_console.print(render.article_table(chosen))
        count = f"{len(chosen)} article" + ("" if len(chosen) == 1 else "s")
        _confirm(f"Move {count} to the trash?", yes, f"deleting {count}")
        moved = curation.delete_articles(archive, [article.id for article in chosen])
    ids = " ".join(str(number) for number in moved)
    render.console.print(
        f"Moved {count} to the trash ({ids}); 'newsctl restore ID' brings one back."
    )


@app.command("trash")
def list_trash(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """List the articles in the trash, most recently deleted first.

    Example: newsctl trash; then newsctl restore 42 or newsctl purge --older-than 30d
    """
    from newsctl import curation, render

    with open_archive_for(ctx) as archive:
        items = curation.trashed_articles(archive)
    if json_output:
        render.print_json([item.to_json() for item in items])
    elif not items:
        render.notice("The trash is empty.")
    else:
        render.print_table(render.trash_table(items))


@app.command()
def restore(
    ctx: typer.Context,
    article_ids: Annotated[
        list[int],
        typer.Argument(
            metavar="ID...",
            help="Ids of articles in the trash (see trash).",
            show_default=False,
            min=1,
            max=2**63 - 1,
            autocompletion=complete.complete_trashed_id,
        ),
    ],
) -> None:
    """Bring articles back from the trash, with their ids.

    Example: newsctl restore 42
    """
    from newsctl import curation, render

    with open_archive_for(ctx) as archive:
        restored = curation.restore_articles(archive, article_ids)
    render.console.print(f"Restored {' '.join(str(number) for number in restored)}.")


@app.command()
def purge(
    ctx: typer.Context,
    older_than: Annotated[
        str | None,
        typer.Option("--older-than", help="Only what was deleted longer ago than this (30d, 2w)."),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask (needed outside a terminal).")
    ] = False,
) -> None:
    """Empty the trash for good. Purged articles still never come back through imports.

    Example: newsctl purge --older-than 30d --yes
    """
    from newsctl import curation, dates, render

    before = None
    if older_than is not None:
        span = dates.parse_span(older_than)
        if span is None:
            raise UsageError(f"--older-than: not a span: {older_than!r}; use one like 30d or 2w")
        before = parse_date_option(older_than, "--older-than")
    _confirm("Empty the trash for good?", yes, "purging the trash")
    with open_archive_for(ctx) as archive:
        count = curation.purge_trash(archive, deleted_before=before)
    render.console.print(
        f"Purged {count} article" + ("" if count == 1 else "s") + " from the trash."
    )


# -- versions ----------------------------------------------------------------------------------


@app.command()
def history(
    ctx: typer.Context,
    article_id: ArticleIdArgument,
    json_output: JsonOption = False,
) -> None:
    """List an article's versions: when, by what (import, edit, revert), what changed.

    Example: newsctl history 42; then newsctl diff 42 1 3
    """
    from newsctl import curation, render

    with open_archive_for(ctx) as archive:
        versions = curation.article_history(archive, article_id)
    if json_output:
        render.print_json([version.to_json() for version in versions])
    else:
        render.print_table(render.history_table(versions))


@app.command()
def diff(
    ctx: typer.Context,
    article_id: ArticleIdArgument,
    old: Annotated[
        int | None,
        typer.Argument(
            metavar="[FROM]", help="A version (default: the one before TO).", min=1, max=2**31
        ),
    ] = None,
    new: Annotated[
        int | None,
        typer.Argument(
            metavar="[TO]", help="A version (default: the current one).", min=1, max=2**31
        ),
    ] = None,
) -> None:
    """Show what changed between two versions of an article.

    Word by word on a terminal, as a unified diff when piped.

    Examples: newsctl diff 42;  newsctl diff 42 1 3 > changes.patch
    """
    from newsctl import curation, render, versions

    with open_archive_for(ctx) as archive:
        known = curation.article_history(archive, article_id)
        latest = known[-1].number
        to_number = new if new is not None else latest
        from_number = old if old is not None else max(1, to_number - 1)
        before = curation.article_version(archive, article_id, from_number)
        after = curation.article_version(archive, article_id, to_number)
    if render.console.is_terminal:
        render.page(render.version_diff(before, after, from_number, to_number))
    else:
        sys.stdout.write(
            versions.unified_diff(
                before, after, f"article {article_id} version {from_number}",
                f"article {article_id} version {to_number}",
            )
        )  # fmt: skip


@app.command("open")
def open_article(
    ctx: typer.Context,
    article_id: ArticleIdArgument,
) -> None:
    """Open the article's url in your web browser ($BROWSER is honoured).

    Example: newsctl open 42
    """
    import webbrowser

    from newsctl import render

    with open_archive_for(ctx) as archive:
        article = archive.get(article_id)
    if not article.url:
        raise NewsctlError(f"article {article_id} has no url to open")
    if not webbrowser.open(article.url):
        raise NewsctlError("no web browser could be started; set $BROWSER")
    render.notice(f"Opened {article.url}")
