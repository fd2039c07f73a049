"""Feed subscriptions (newsctl feeds ...) and the command cron runs: newsctl fetch."""

import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsctl.cli.app import JsonOption, ListOrShowGroup, app, open_archive_for
from newsctl.errors import ExitCode, ParseError, UsageError

# Lines of rejected entries printed before newsctl only counts them.
MAX_REJECT_LINES = 50

feeds_app = typer.Typer(cls=ListOrShowGroup, no_args_is_help=False)
app.add_typer(feeds_app, name="feeds")

TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=1,
        help="Seconds one request may take in all (connecting: at most 10, silence: at most 30).",
    ),
]


@feeds_app.callback()
def feeds_group() -> None:
    """Subscribe to feeds, list, remove, import and export them (OPML); 'newsctl fetch' reads them.

    Examples: newsctl feeds add https://example.com/ --every 30m;  newsctl feeds;
    newsctl feeds export > feeds.opml
    """


def _settings(
    every: str | None, category: str | None, tags: list[str] | None, full_text: bool | None
) -> dict:
    """The options given, as subscription settings (only those given)."""
    from newsctl.fetch.subscriptions import parse_every

    settings: dict = {}
    if every is not None:
        settings["every"] = parse_every(every)
    if category is not None:
        settings["category"] = category
    if tags:
        settings["tags"] = tuple(tags)
    if full_text is not None:
        settings["full_text"] = full_text
    return settings


@feeds_app.command("add")
def add_feed(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="A feed's url, or a web page that advertises one.")],
    every: Annotated[
        str | None,
        typer.Option("--every", help="How often to fetch it: 30m, 2h, 1d [default: 1h]."),
    ] = None,
    category: Annotated[
        str | None,
        typer.Option("--category", "-c", help="File its articles under this category."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="Tag its articles; repeat for several.")
    ] = None,
    full_text: Annotated[
        bool | None,
        typer.Option(
            "--full-text/--no-full-text",
            help="Fetch each new entry's page for its full text (for feeds that carry summaries).",
            show_default=False,
        ),
    ] = None,
    no_check: Annotated[
        bool,
        typer.Option("--no-check", help="Subscribe without fetching the url first."),
    ] = False,
    timeout: TimeoutOption = 60.0,
    json_output: JsonOption = False,
) -> None:
    """Subscribe to a feed; 'newsctl fetch' then brings its articles.

    A web page's url subscribes to the feed the page advertises. Adding a feed that is
    already subscribed changes the settings given and enables it again if it was disabled.

    Examples:

      newsctl feeds add https://example.com/feed.xml --every 30m --category Local

      newsctl feeds add https://example.com/blog/ --full-text --tag blogs
    """
    from newsctl import render
    from newsctl.fetch.http import require_web_url
    from newsctl.fetch.subscriptions import Subscriptions

    url = require_web_url(url)
    settings = _settings(every, category, tag, full_text)
    title = None
    if not no_check:
        from newsctl.fetch.discovery import find_feed
        from newsctl.fetch.http import Fetcher, Limits

        with Fetcher(Limits.within(timeout)) as fetcher:
            found = find_feed(url, fetcher)
        if found.url != url:
            render.notice(f"Found the feed {found.url}")
        url, title = found.url, found.title
    with open_archive_for(ctx) as archive:
        store = Subscriptions(archive)
        subscription, created = store.add(url, title=title, **settings)
        if not created and (settings or subscription.disabled_at):
            subscription = store.change(subscription, **settings)
    if json_output:
        render.print_json(subscription.to_json())
        return
    name = subscription.title or subscription.url
    if created:
        message = f"Subscribed to feed {subscription.id}: {name}"
    elif settings:
        message = f"Feed {subscription.id} was already subscribed; its settings are changed: {name}"
    else:
        message = f"Feed {subscription.id} is already subscribed: {name}"
    render.console.print(render.safe_line(message))


@feeds_app.command("list")
def list_feeds(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """Subscriptions: title, url, last fetch and its status, articles added, next fetch.

    Example: newsctl feeds list --json
    """
    from newsctl import render
    from newsctl.fetch.subscriptions import Subscriptions

    with open_archive_for(ctx) as archive:
        subscriptions = Subscriptions(archive).all()
    if json_output:
        render.print_json([subscription.to_json() for subscription in subscriptions])
    elif not subscriptions:
        render.notice("No feeds yet; subscribe with 'newsctl feeds add URL'.")
    else:
        from newsctl.fetch.views import feeds_table

        render.print_table(feeds_table(subscriptions, one_line=not render.console.is_terminal))


@feeds_app.command("remove")
def remove_feeds(
    ctx: typer.Context,
    feeds: Annotated[list[str], typer.Argument(help="Feeds to unsubscribe from, by id or url.")],
) -> None:
    """Unsubscribe from feeds; the articles they brought stay in the archive.

    Example: newsctl feeds remove 3 https://example.com/feed.xml
    """
    from newsctl import render
    from newsctl.fetch.subscriptions import Subscriptions

    with open_archive_for(ctx) as archive:
        store = Subscriptions(archive)
        chosen = {subscription.id: subscription for subscription in map(store.get, feeds)}
        for subscription in chosen.values():
            store.remove(subscription)
    for subscription in chosen.values():
        render.console.print(
            render.safe_line(f"Removed feed {subscription.id}: {subscription.url}")
        )


@feeds_app.command("import")
def import_feeds(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An OPML subscription list; '-' reads stdin.")],
    every: Annotated[
        str | None,
        typer.Option("--every", help="How often to fetch feeds the list gives no interval for."),
    ] = None,
) -> None:
    """Subscribe to every feed of an OPML list (as feed readers export them).

    Folders become categories. Feeds already subscribed are left as they are; nothing is
    fetched until 'newsctl fetch'. Example: newsctl feeds import subscriptions.opml
    """
    from newsctl import render
    from newsctl.fetch.http import is_web_url
    from newsctl.fetch.opml import read_opml
    from newsctl.fetch.subscriptions import DEFAULT_EVERY, Subscriptions, parse_every

    default_every = parse_every(every) if every else DEFAULT_EVERY
    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"no such file: {file}") from None
    except OSError as problem:
        raise UsageError(f"cannot read {file}: {problem.strerror}") from None
    listed = read_opml(data, str(file))
    added = kept = skipped = 0
    with open_archive_for(ctx) as archive:
        store = Subscriptions(archive)
        for feed in listed:
            if not is_web_url(feed.url):
                render.warning(f"{file}: skipped {feed.url!r}: not an http(s) url")
                skipped += 1
                continue
            _, created = store.add(
                feed.url,
                title=feed.title,
                every=feed.every or default_every,
                category=feed.category,
                tags=feed.tags,
                full_text=feed.full_text,
            )
            added += created
            kept += not created
    render.console.print(
        f"Subscribed to {added} feed{'' if added == 1 else 's'}; "
        f"{kept} already subscribed, {skipped} skipped."
    )
    if skipped:
        raise typer.Exit(ExitCode.REJECTED)


@feeds_app.command("export")
def export_feeds(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Write the subscriptions as an OPML 2.0 list, which any feed reader imports.

    Example: newsctl feeds export -o subscriptions.opml
    """
    from newsctl.fetch.opml import write_opml
    from newsctl.fetch.subscriptions import Subscriptions

    with open_archive_for(ctx) as archive:
        text = write_opml(Subscriptions(archive).all())
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as problem:
        raise UsageError(f"--output: cannot write {output}: {problem.strerror}") from None


@app.command("fetch")
def fetch(
    ctx: typer.Context,
    feeds: Annotated[
        list[str] | None,
        typer.Argument(help="Only these feeds (id or url), due or not. Default: every due feed."),
    ] = None,
    every_feed: Annotated[
        bool, typer.Option("--all", help="Fetch every enabled feed now, due or not.")
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Feeds fetched at once.")
    ] = 8,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, max=16, help="Requests at once to one host.")
    ] = 2,
    timeout: TimeoutOption = 60.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only feeds that failed (for cron).")
    ] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print what happened as one JSON object.")
    ] = False,
) -> None:
    """Fetch the feeds that are due and import their new and changed articles (cron).

    Politely: conditional requests (a feed that did not change costs nothing), a few
    feeds at once but at most --per-host requests to one site, back-off after failures,
    Retry-After honoured; a feed that is gone (410) is disabled. One failing feed never
    stops the others. Exit status: 0 every feed fetched, 1 some failed (one line each on
    stderr), 130/143 interrupted.

    Examples:

      */10 * * * *  newsctl fetch --quiet

      newsctl fetch 3 --json
    """
    from newsctl import render
    from newsctl.cli.transfer import _graceful_signals  # the same Ctrl-C/SIGTERM rules as import
    from newsctl.fetch.http import Limits
    from newsctl.fetch.runner import FetchRun
    from newsctl.fetch.subscriptions import Subscriptions
    from newsctl.fetch.views import failure_line, fetch_caption

    printed = 0

    def report_reject(problem: ParseError) -> None:
        nonlocal printed
        printed += 1
        if quiet or json_output:
            return
        if printed <= MAX_REJECT_LINES:
            render.error(f"rejected {problem}")
        elif printed == MAX_REJECT_LINES + 1:
            render.error("more entries were rejected; not listing them")

    def report_warning(warning) -> None:
        if not (quiet or json_output):
            render.warning(str(warning))

    def report_merge(merged: int, kept: int) -> None:
        if not (quiet or json_output):
            render.merge_notice(merged, kept)

    def report_outcome(outcome) -> None:
        if not outcome.ok:
            render.error(failure_line(outcome))

    with open_archive_for(ctx) as archive:
        store = Subscriptions(archive)
        chosen = [store.get(reference).id for reference in feeds] if feeds else None
        claimed = store.claim(ids=chosen, due_only=not every_feed)
        if not claimed:
            if not (quiet or json_output):
                render.notice(_nothing_due(store.all(), chosen))
            if json_output:
                from newsctl.fetch.runner import FetchReport

                render.print_json(FetchReport().to_json())
            return
        with _graceful_signals() as stop:
            run = FetchRun(
                archive,
                jobs=jobs,
                per_host=per_host,
                limits=Limits.within(timeout),
                on_outcome=report_outcome,
                on_reject=report_reject,
                on_warning=report_warning,
                on_merge=report_merge,
                should_stop=stop.poll,
            )
            report = run.run(claimed)
    if json_output:
        render.print_json(report.to_json())
    elif not quiet:
        table = render.import_summary(report.summary)
        table.caption = fetch_caption(report)
        render.console.print(table)
    if report.stopped_by is not None:
        name = signal.Signals(report.stopped_by).name
        render.error(f"interrupted by {name}: feeds fetched so far are stored; run it again")
        raise typer.Exit(128 + report.stopped_by)
    if report.failed:
        raise typer.Exit(ExitCode.REJECTED)


def _nothing_due(subscriptions, chosen: list[int] | None) -> str:
    """Why a fetch had nothing to do."""
    if not subscriptions:
        return "No feeds yet; subscribe with 'newsctl feeds add URL'."
    if chosen is not None:
        return "Those feeds are being fetched by another 'newsctl fetch' right now."
    due = sorted(s.next_due_at for s in subscriptions if not s.disabled_at and s.next_due_at)
    if not due:
        return "Every feed is disabled; 'newsctl feeds list' says why."
    from newsctl.dates import format_timestamp, now_utc, relative_age

    if due[0] <= format_timestamp(now_utc()):
        return "The feeds that are due are being fetched by another 'newsctl fetch' right now."
    return f"No feed is due; the next one is due {relative_age(due[0])}."
