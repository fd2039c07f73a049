"""How subscriptions and fetch outcomes look in a terminal: renderables and one-line
messages, built from data shapes only (newsctl.render's rules: untrusted text as Text)."""

from datetime import datetime

from rich.table import Table
from rich.text import Text

from newsctl.dates import now_utc, relative_age
from newsctl.fetch.runner import FeedOutcome, FetchReport
from newsctl.fetch.subscriptions import Subscription, format_every
from newsctl.render import safe_line


def _when(stamp: str | None, now: datetime) -> str:
    return relative_age(stamp, now) if stamp else "never"


def subscription_status(subscription: Subscription) -> Text:
    if subscription.disabled_at:
        return Text(f"disabled: {subscription.disabled_reason or ''}".rstrip(": "), style="red")
    if subscription.last_status is None:
        return Text("not fetched yet", style="dim")
    errors = subscription.consecutive_errors
    if not errors:
        return Text(subscription.last_status)
    return Text(f"{subscription.last_status}, {errors} error{'s' if errors > 1 else ''} in a row",
                style="red")  # fmt: skip


def feeds_table(
    subscriptions: list[Subscription], now: datetime | None = None, *, one_line: bool = False
) -> Table:
    """Subscriptions with their last fetch, its status (and errors in a row), articles added
    and the next fetch. A feed's title and url are two lines of its cell, or one with
    one_line (output for programs: one row per line)."""
    now = now or now_utc()
    table = Table(show_edge=False, header_style="bold")
    table.add_column("ID", justify="right")
    table.add_column("Feed", overflow="fold", min_width=24)
    table.add_column("Every", justify="right")
    table.add_column("Fetched")
    table.add_column("Status")
    table.add_column("Articles", justify="right")
    table.add_column("Next")
    for subscription in subscriptions:
        feed = safe_line(subscription.title or subscription.url, "bold")
        if subscription.title:
            feed.append("  " if one_line else "\n").append(safe_line(subscription.url, "dim"))
        table.add_row(
            str(subscription.id),
            feed,
            format_every(subscription.every),
            _when(subscription.last_fetched_at, now),
            subscription_status(subscription),
            str(subscription.articles),
            "—" if subscription.disabled_at else _when(subscription.next_due_at, now),
        )
    return table


def failure_line(outcome: FeedOutcome) -> str:
    """One line for a feed that failed: which feed, and why."""
    return f"feed {outcome.subscription.id} {outcome.subscription.url}: {outcome.error}"


def fetch_caption(report: FetchReport) -> Text:
    """The line under the import summary: what happened to the feeds."""
    data = report.to_json()
    parts = [
        f"{data['feeds']} feed" + ("" if data["feeds"] == 1 else "s"),
        f"{data['fetched']} fetched",
        f"{data['not_modified']} not modified",
        f"{data['failed']} failed",
    ]
    return Text(f"{', '.join(parts)} in {report.seconds:.1f} s")
