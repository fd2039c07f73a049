"""The Typer application: global options, error handling, and what commands share."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from newsctl import __version__
from newsctl.cli import complete
from newsctl.errors import ExitCode, NewsctlError, UsageError
from newsctl.paths import resolve_archive_path

if TYPE_CHECKING:  # imported on use: sqlite-utils is slow to import, and --help needs none of it
    from newsctl.archive import Archive


# Click's base error (bad options, missing arguments), which Typer 0.26+ vendors without
# exporting it: found as a base of the public typer.BadParameter (BadParameter, UsageError,
# ClickException), so no private module of Typer is imported.
_CLICK_ERROR: type[Exception] = next(
    base for base in typer.BadParameter.__mro__ if base.__name__ == "ClickException"
)


class NewsctlGroup(TyperGroup):
    """Turns every user error into one line on stderr and its exit code; never a traceback."""

    def main(
        self, args: Any = None, *rest: Any, standalone_mode: bool = True, **kwargs: Any
    ) -> Any:
        if "newsctl.render" in sys.modules:  # a second command in one process (tests)
            sys.modules["newsctl.render"].reset_consoles()
        arguments = _global_options_first(list(sys.argv[1:] if args is None else args))
        try:
            result = super().main(arguments, *rest, standalone_mode=False, **kwargs)
            code = result if isinstance(result, int) else ExitCode.OK
        except typer.Abort:
            code = ExitCode.INTERRUPTED
        except _CLICK_ERROR as problem:
            code = _command_line_error(problem)
        except NewsctlError as problem:
            _print_error(str(problem))
            code = problem.exit_code
        except KeyboardInterrupt:
            code = ExitCode.INTERRUPTED
        if standalone_mode:
            sys.exit(int(code))
        return int(code)


class ListOrShowGroup(TyperGroup):
    """A command group that lists when used bare ("newsctl tags") and shows one item when
    given a name that is not one of its commands ("newsctl authors 'Ana Ruiz'"), beside
    its commands ("newsctl authors rename A B"): it runs its hidden "list" or "show"."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Not while completing (resilient parsing): Tab after the group offers its own.
        if not ctx.resilient_parsing and not set(args[:1]) & {"-h", "--help"}:
            words = self._words(args)
            if not words:
                args = ["list", *args]
            elif words[0] not in self.commands and "show" in self.commands:
                args = ["show", *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Tab after the group's name offers its commands and, for a group that shows one
        item by name, the names too ("newsctl authors Mar<Tab>")."""
        items = list(super().shell_complete(ctx, incomplete))
        show = self.commands.get("show")
        arguments = [p for p in show.params if p.param_type_name == "argument"] if show else []
        if arguments and not incomplete.startswith("-"):
            items.extend(arguments[0].shell_complete(ctx, incomplete))
        return items

    def _words(self, args: list[str]) -> list[str]:
        """The arguments that are not options or option values."""
        with_value = {
            opt
            for name in ("list", "show")
            if name in self.commands
            for param in self.commands[name].params
            if param.param_type_name == "option" and not getattr(param, "is_flag", False)
            for opt in param.opts
        }
        words, skip = [], False
        for arg in args:
            if skip:
                skip = False
            elif arg.startswith("-"):
                skip = arg in with_value
            else:
                words.append(arg)
        return words


# Options that belong to newsctl itself, accepted after the command too ("newsctl list --db
# x.db", as people type them), with whether they take a value.
_GLOBAL_OPTIONS = {"--db": True, "--utc": False, "--color": True, "--no-pager": False}


def _global_options_first(arguments: list[str]) -> list[str]:
    """The command line with newsctl's own options moved before the command.

    They go after any given before it, so that the last one written wins, as Click's
    rule for a repeated option says ("--db a.db list --db b.db" reads b.db).
    """
    moved: list[str] = []
    rest: list[str] = []
    command_at: int | None = None  # where the command is in rest, once seen
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        if argument == "--":
            rest.extend(arguments[index:])
            break
        name = argument.split("=", 1)[0]
        width = 1 + (name in _GLOBAL_OPTIONS and _GLOBAL_OPTIONS[name] and "=" not in argument)
        if name in _GLOBAL_OPTIONS and command_at is not None:  # after the command
            moved.extend(arguments[index : index + width])
        else:
            if name not in _GLOBAL_OPTIONS and command_at is None:
                command_at = len(rest)
            rest.extend(arguments[index : index + width])
        index += width
    if command_at is None:
        return rest
    return rest[:command_at] + moved + rest[command_at:]


def _command_line_error(problem: Exception) -> int:
    """Report an error of the command line (Click's: a bad option, a missing argument) in
    one line; returns the exit code."""
    message = problem.format_message() if hasattr(problem, "format_message") else str(problem)
    if type(problem).__name__ == "NoArgsIsHelpError":  # a command group named alone
        typer.echo(message)
        return ExitCode.OK
    context = getattr(problem, "ctx", None)
    code = getattr(problem, "exit_code", ExitCode.USAGE)
    hint = f" (see '{context.command_path} --help')" if context and code == ExitCode.USAGE else ""
    _print_error(message + hint)
    return code


def _print_error(message: str) -> None:
    from newsctl.render import error  # Rich is imported only when something is printed

    error(message)


app = typer.Typer(
    cls=NewsctlGroup,
    name="newsctl",
    help="A command-line archive for news articles and their authors, kept in one SQLite file.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"newsctl {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Archive file to use. Default: $NEWSCTL_DB, else the platform's data folder.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    utc: Annotated[
        bool, typer.Option("--utc", help="Show dates in UTC, not the local time zone ($TZ).")
    ] = False,
    color: Annotated[
        str,
        typer.Option("--color", help="auto, always or never (NO_COLOR is honoured too)."),
    ] = "auto",
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Print long output at once ($NEWSCTL_PAGER, $PAGER, less)."
        ),
    ] = False,
) -> None:
    """Keep news articles and their authors in one local SQLite file.

    Start with [bold]newsctl add page.txt[/bold] or [bold]newsctl import folder/[/bold],
    then [bold]newsctl recent[/bold].
    """
    if color not in ("auto", "always", "never"):
        raise UsageError(f"--color: {color!r} is not auto, always or never")
    from newsctl import render

    render.configure(utc=utc, color=color, pager=not no_pager)
    ctx.obj = resolve_archive_path(db)


@contextmanager
def open_archive_for(ctx: typer.Context) -> Iterator["Archive"]:
    """The archive chosen by --db / $NEWSCTL_DB / the default, closed afterwards."""
    from newsctl.archive import open_archive

    archive = open_archive(ctx.find_root().obj)
    from newsctl import render

    for note in archive.upgrade_notes:
        render.notice(note)
    if render.err_console.is_terminal:  # never under cron: a wait there is normal
        archive.on_wait = lambda: render.notice("waiting for another newsctl process…")
    try:
        yield archive
    finally:
        archive.close()


def parse_date_option(value: str | None, option: str, *, end_of_day: bool = False) -> str | None:
    """A --since/--until/--published value in stored form; a UsageError names the option."""
    if value is None:
        return None
    from newsctl import render
    from newsctl.dates import parse_since

    try:
        # A day means that day where dates are shown: the local one unless --utc.
        return parse_since(value, end_of_day=end_of_day, local=not render.shows_utc())
    except ValueError as problem:
        raise UsageError(
            f"{option}: {problem}; use a date like 2024-05-01 or a span like 7d"
        ) from None


def article_filter(
    author: str | None,
    category: str | list[str] | None,
    tag: str | list[str] | None,
    since: str | None,
    until: str | None,
    *,
    any_tag: list[str] | None = None,
    not_tag: list[str] | None = None,
    credit: str | None = None,
):
    """The ArticleFilter for the shared options (names cleaned, dates parsed)."""
    from newsctl.models import ArticleFilter
    from newsctl.text import clean_line

    def names(values: str | list[str] | None) -> tuple[str, ...]:
        values = [values] if isinstance(values, str) else values or []
        return tuple(name for name in (clean_line(value) for value in values) if name)

    return ArticleFilter(
        author=clean_line(author) if author else None,
        credit=clean_line(credit) if credit else None,
        categories=names(category),
        tags=names(tag),
        any_tags=names(any_tag),
        not_tags=names(not_tag),
        since=parse_date_option(since, "--since"),
        until=parse_date_option(until, "--until", end_of_day=True),
    )


# Options shared by the commands that select articles.
AuthorOption = Annotated[
    str | None,
    typer.Option(
        "--author",
        "-a",
        help="Only articles by this author (any case).",
        autocompletion=complete.complete_author,
    ),
]
CreditOption = Annotated[
    str | None,
    typer.Option(
        "--credit",
        help="Only articles whose credit names this newsroom or wire (dpa: also dpa/lno).",
    ),
]
CategoryOption = Annotated[
    str | None,
    typer.Option(
        "--category",
        "-c",
        help="Only articles in this category.",
        autocompletion=complete.complete_category,
    ),
]
TagOption = Annotated[
    str | None,
    typer.Option(
        "--tag", "-t", help="Only articles with this tag.", autocompletion=complete.complete_tag
    ),
]
# SQLite's integers are 64-bit: a larger number is no id newsctl can look up.
MAX_INTEGER = 2**63 - 1
ArticleIdArgument = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        help="The article's id (see list).",
        min=1,
        max=MAX_INTEGER,
        autocompletion=complete.complete_article_id,
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since", help="Only articles from this date on (2024-05-01), or this recent (7d, 2w)."
    ),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", help="Only articles up to this date (inclusive).")
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="table, json, jsonl, csv, tsv or ids (one per line) \\[default: table].",
        show_default=False,
        autocompletion=complete.complete_output_format,
    ),
]


def output_format(fmt: str | None, json_output: bool) -> str:
    """The output format asked for (--json is --format json); UsageError for an unknown one."""
    from newsctl.render import OUTPUT_FORMATS

    if json_output:
        if fmt not in (None, "json"):
            raise UsageError("give --json or --format, not both")
        return "json"
    if fmt is None:
        return "table"
    if fmt not in OUTPUT_FORMATS:
        raise UsageError(
            f"--format: unknown format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}"
        )
    return fmt


def main() -> None:
    """Console-script entry point."""
    import newsctl.cli  # noqa: F401  (registers the commands)

    app()
