"""Everything newsctl shows in a terminal: two consoles and functions that build renderables.

Article text is untrusted. It only ever reaches Rich inside Text objects,
which Rich never parses for markup, after control characters are removed,
so "[bold]" prints as typed and escape sequences never reach the terminal.

rich.table and rich.padding are imported inside the functions that use them:
`newsctl recent` needs neither, and start-up time is felt on every command.
"""

import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from newsctl.archive import HIGHLIGHT_END, HIGHLIGHT_START
from newsctl.dates import parse_timestamp, relative_age
from newsctl.models import (
    ArchiveStats,
    Article,
    ArticleVersion,
    Author,
    ImportRun,
    Label,
    SearchHit,
    SearchResults,
    TrashedArticle,
    byline_line,
)
from newsctl.text import clean_line, clean_text, first_line, strip_controls

if TYPE_CHECKING:
    from rich.table import Table

    from newsctl.importer import ImportSummary
    from newsctl.maintenance import CheckReport

# Data goes to stdout; diagnostics to stderr, never wrapped, so an error stays one line.
console: Console
err_console: Console


# Display settings of this run (newsctl's global options): dates in UTC rather than the
# local time zone, and colour "auto", "always" or "never".
_settings: dict[str, Any] = {"utc": False, "color": "auto", "pager": True}


def _console(**options: Any) -> Console:
    color = _settings["color"]
    if color == "never":  # no colour and no bold, dim or underline either
        options.update(no_color=True, color_system=None)
    elif color == "always":
        options.update(force_terminal=True, color_system="standard")
    return Console(highlight=False, **options)


def reset_consoles() -> None:
    """Build the consoles afresh: Rich reads NO_COLOR, COLUMNS etc. when a Console is made,
    and one process may run several commands (tests, embedding)."""
    global console, err_console
    console = _console()
    err_console = _console(stderr=True, soft_wrap=True)


def configure(*, utc: bool = False, color: str = "auto", pager: bool = True) -> None:
    """Set this run's display options (see _settings) and rebuild the consoles. The local
    time zone is read again from $TZ (time.tzset), as a new process would."""
    import time

    _settings.update(utc=utc, color=color, pager=pager)
    if hasattr(time, "tzset"):
        time.tzset()
    reset_consoles()


def shows_utc() -> bool:
    """Whether this run shows dates in UTC (--utc) rather than the local time zone."""
    return bool(_settings["utc"])


def shown_time(stamp: str | None, *, with_time: bool = False) -> str:
    """A stored UTC timestamp as shown: in the local time zone (unless --utc), as a day
    ("2024-05-01"), or with the time and zone ("2024-05-01 11:30 CEST")."""
    if not stamp:
        return ""
    moment = parse_timestamp(stamp)
    if not _settings["utc"]:
        moment = moment.astimezone()
    if not with_time:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M ") + (moment.tzname() or moment.strftime("%z"))


reset_consoles()

TEASER_LABEL = "teaser"


def safe(text: str | None, style: str = "") -> Text:
    """Untrusted text as a Text object: never markup, never control characters."""
    return Text(clean_text(text or ""), style=style)


def safe_line(text: str | None, style: str = "") -> Text:
    return Text(clean_line(text or ""), style=style)


OUTPUT_FORMATS = ("table", "json", "jsonl", "csv", "tsv", "ids")


def page(renderable: RenderableType) -> None:
    """Print on stdout; on a terminal, what is taller than the screen goes through a pager,
    as git does: $NEWSCTL_PAGER, else $PAGER, else "less" (with LESS=FRX unless set:
    quit when it fits, keep colours, leave the text on the screen). --no-pager prints."""
    if not (console.is_terminal and _settings["pager"]):
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if text.count("\n") < console.size.height:
        console.file.write(text)
        return
    import os
    import shlex
    import subprocess

    command = os.environ.get("NEWSCTL_PAGER") or os.environ.get("PAGER") or "less"
    try:
        subprocess.run(
            shlex.split(command), input=text, text=True, check=False,
            env={"LESS": "FRX", **os.environ},
        )  # fmt: skip
    except (OSError, ValueError):  # no such pager: print instead
        console.file.write(text)


def print_table(table: "Table") -> None:
    """A table on stdout: fitted to a terminal (paged when long); piped, one row per line,
    never wrapped, so that `newsctl list | grep` keeps each row's id with its title."""
    if console.is_terminal:
        page(table)
        return
    table.expand = False
    for column in table.columns:
        column.no_wrap, column.ratio, column.overflow = True, None, "ignore"
    print_unwrapped(table)


def print_unwrapped(renderable: RenderableType) -> None:
    """Print on stdout with no width limit: lines as long as their content, never wrapped.

    For output read by programs (a pipe, a file). Only for renderables that do not
    expand to the width they are given (tables with expand=False, Text, grids): a
    Panel would become a million columns wide.
    """
    # Console.print caps a width at the console's own, so a console as wide as the rows.
    wide = Console(file=console.file, width=1_000_000, highlight=False, no_color=console.no_color,
                   color_system=console.color_system and "standard")  # fmt: skip
    wide.print(renderable, crop=False)


def print_records(records: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> None:
    """Records (JSON objects) on stdout in a format for other programs.

    json: one JSON list; jsonl: an object per line; csv/tsv: a header and the given
    columns (lists joined with "; "), RFC 4180 quoting; ids: each record's "id" (or
    "name", for records without one), one per line.
    """
    if fmt == "json":
        print_json(records)
    elif fmt == "jsonl":
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    elif fmt in ("csv", "tsv"):
        import csv

        writer = csv.writer(
            sys.stdout, delimiter="," if fmt == "csv" else "\t", lineterminator="\n"
        )
        writer.writerow(columns)
        for record in records:
            writer.writerow(
                ["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                 for v in (record.get(column) for column in columns)]
            )  # fmt: skip
    elif fmt == "ids":
        sys.stdout.write("".join(f"{r.get('id', r.get('name'))}\n" for r in records))
    else:
        raise ValueError(f"unknown output format {fmt!r}")


def print_json(value: Any) -> None:
    """Plain JSON on stdout for scripts: no colour, no wrapping, nothing else."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def search_hit_json(hit: SearchHit) -> dict[str, Any]:
    """A search hit for --json: the snippet as plain text, without highlight markers."""
    data = hit.to_json()
    data["snippet"] = strip_controls(hit.snippet).replace("\n", " ")
    return data


def recent_json(article: Article, now: datetime | None = None) -> dict[str, Any]:
    stamp = article.published_at or article.added_at
    return {
        **article.to_json(),
        "teaser": first_line(article.body, 200),
        "age": relative_age(stamp, now) if stamp else None,
    }


def error(message: str) -> None:
    err_console.print(Text(f"Error: {clean_line(message)}", style="bold red"))


def warning(message: str) -> None:
    """A value left out of what was stored, on stderr."""
    err_console.print(Text(f"Warning: {clean_line(message)}", style="yellow"))


def notice(message: str) -> None:
    err_console.print(Text(clean_line(message), style="yellow"))


def credited(article: Article) -> str:
    """Who an article is credited to, as one line (models.byline_line): "Ana Ruiz and Kim
    Ode", "Ana Ruiz (dpa)", "dpa"; "" for neither."""
    return byline_line(article.authors, article.credit)


def date_of(article: Article) -> str:
    """The date shown for an article: published, else added (YYYY-MM-DD)."""
    stamp = article.published_at or article.added_at
    return shown_time(stamp)


def _title(article: Article, style: str = "bold") -> Text:
    title = safe_line(article.title, style)
    if article.partial:
        title.append(f" ({TEASER_LABEL})", style="dim yellow")
    return title


_SAVE_MESSAGES = {
    "added": "Added article {id}: ",
    "partial": "Added article {id} (teaser only): ",
    "updated": "Updated article {id}: ",
    "unchanged": "Already stored as article {id}, unchanged: ",
}


def save_message(outcome: str, article: Article, merged: Iterable[int] = ()) -> Text:
    """What `add` says it did, with the article's id and title, and the ids of stored
    articles that turned out to be this same article and were merged into it."""
    message = Text(_SAVE_MESSAGES[outcome].format(id=article.id)) + safe_line(article.title, "bold")
    merged = list(merged)
    if merged:
        ids = ", ".join(str(number) for number in merged)
        message.append(f" (article {ids} was the same article and was merged into it)")
    return message


def merge_notice(merged: int, kept: int) -> None:
    """Say on stderr that a stored article was merged into another (its id is gone)."""
    notice(f"merged article {merged} into article {kept}: they were the same article")


def matched_count(shown: int, total: int, offset: int = 0) -> str:
    """ "20 of 3,025 articles" (with the rows shown when an offset is used)."""
    if offset:
        return f"{offset + 1:,}-{offset + shown:,} of {total:,} articles"
    return f"{shown:,} of {total:,} article" + ("" if total == 1 else "s")


def article_table(articles: Iterable[Article]) -> "Table":
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    table.add_column("ID", justify="right", style="cyan", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Title", ratio=3)
    table.add_column("Author", ratio=1)
    table.add_column("Category", ratio=1, style="magenta")
    for article in articles:
        table.add_row(
            str(article.id),
            date_of(article),
            _title(article, ""),
            safe_line(credited(article)),
            safe_line(article.category),
        )
    return table


def _meta_line(article: Article, *, with_time: bool = False) -> Text:
    parts = [
        ("by ", safe_line(credited(article) or "unknown author", "green")),
        ("in ", safe_line(article.category, "magenta") if article.category else None),
        (
            "published ",
            Text(shown_time(article.published_at, with_time=with_time))
            if article.published_at
            else None,
        ),
        ("added ", Text(shown_time(article.added_at)) if article.added_at else None),
    ]
    line = Text()
    for label, value in parts:
        if value is None:
            continue
        if line:
            line.append(" · ", style="dim")
        line.append(label, style="dim")
        line.append_text(value)
    return line


def highlighted_snippet(snippet: str) -> Text:
    """A search snippet with its matches highlighted, built from FTS5's marker characters."""
    text = Text()
    highlighted = False
    for piece in snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START):
        piece = re.sub(r"\s*\n\s*", " ", strip_controls(piece))
        text.append(piece, style="bold yellow" if highlighted else "")
        highlighted = not highlighted
    return text


def search_results(results: SearchResults, offset: int = 0) -> RenderableType:
    """Hits, best first: id and title, a metadata line, and the snippet with matches
    highlighted; first, when the matches were counted, which of them these are."""
    from rich.padding import Padding

    rows: list[RenderableType] = []
    if results.total is not None:
        rows.append(Text(_match_count(results, offset), style="dim"))
        rows.append(Text())
    for hit in results.hits:
        header = Text(f"{hit.article.id:>5}  ", style="cyan")
        header.append_text(_title(hit.article))
        details = Group(_meta_line(hit.article), highlighted_snippet(hit.snippet))
        rows.extend([header, Padding(details, (0, 0, 1, 7))])
    return Group(*rows)


def _match_count(results: SearchResults, offset: int) -> str:
    total = results.total or 0
    shown = f"{offset + 1:,}-{offset + len(results.hits):,} of " if results.hits else ""
    line = f"{shown}{total:,} match" + ("" if total == 1 else "es")
    if results.common_words:
        line += (
            f" (words in most articles: of the {results.ranked_within:,} most recently added, "
            "title matches first, then author, then body, newest first)"
        )
    elif results.ranked_within:
        line += f" (the {results.ranked_within:,} most recently added ranked by relevance)"
    return line


def nothing_found(query: str, results: SearchResults) -> str:
    """The notice for an empty page of results."""
    if results.total:
        return f"No more matches: all {results.total:,} are before --offset."
    return f"Nothing found for {clean_line(query)!r}."


def article_view(article: Article) -> RenderableType:
    """The article as a panel with title, metadata and paragraphs, then its author's panel."""
    parts: list[RenderableType] = [_title(article, "bold"), _meta_line(article, with_time=True)]
    if article.tags:
        parts.append(Text("tags: ", style="dim") + safe_line(", ".join(article.tags), "cyan"))
    if article.url:
        parts.append(Text("url: ", style="dim") + safe_line(article.url, "blue"))
    if article.partial:
        parts.append(
            Text("Only a teaser is stored: the full article has not been imported yet.", "yellow")
        )
    for paragraph in clean_text(article.body).split("\n\n"):
        if paragraph.strip():
            parts.extend([Text(), safe(paragraph)])
    panels: list[RenderableType] = [
        Panel(Group(*parts), title=f"Article {article.id}", title_align="left", padding=(1, 2))
    ]
    if article.author:
        bio = safe(article.author_bio) if article.author_bio else Text("No bio.", style="dim")
        panels.append(
            Panel(bio, title=safe_line(article.author, "green"), title_align="left", padding=(0, 2))
        )
    return Group(*panels)


def recent_posts(articles: list[Article], now: datetime | None = None) -> RenderableType:
    """Latest posts as a news site shows them: title, one-line teaser, "2 days ago"."""
    rows: list[RenderableType] = []
    for article in articles:
        header = Text()
        header.append_text(_title(article))
        header.append(f"  #{article.id}", style="dim cyan")
        rows.append(header)
        teaser = first_line(article.body, 100)
        if teaser:
            rows.append(Text(teaser))
        stamp = article.published_at or article.added_at
        age = relative_age(stamp, now) if stamp else "date unknown"
        rows.append(Text(age, style="dim"))
        rows.append(Text())
    if rows:
        rows.pop()
    return Panel(Group(*rows), title="Recent Posts", title_align="left", padding=(1, 2))


def authors_table(authors: list[Author]) -> "Table":
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    table.add_column("Author", style="green")
    table.add_column("Articles", justify="right")
    table.add_column("Latest", no_wrap=True)
    table.add_column("Bio", ratio=1)
    for author in authors:
        table.add_row(
            safe_line(author.name),
            str(author.article_count),
            shown_time(author.latest_at),
            Text(first_line(author.bio or "", 60), style="dim"),
        )
    return table


def author_panel(author: Author) -> RenderableType:
    """The author's name, bio and article count in a panel."""
    bio = safe(author.bio) if author.bio else Text("No bio.", style="dim")
    count = f"{author.article_count} article" + ("" if author.article_count == 1 else "s")
    return Panel(
        Group(bio, Text(), Text(count, style="dim")),
        title=safe_line(author.name, "bold green"),
        title_align="left",
        padding=(1, 2),
    )


def print_author(author: Author, articles: list[Article]) -> None:
    """One author on stdout: the panel, then their latest articles. On a terminal the
    whole is paged; piped, the panel wraps as prose and the table has a row per line."""
    if console.is_terminal:
        panel = author_panel(author)
        page(Group(panel, article_table(articles)) if articles else panel)
        return
    console.print(author_panel(author))
    if articles:
        print_table(article_table(articles))


def import_summary(summary: "ImportSummary") -> RenderableType:
    """The end-of-import table: what happened to the records, per format."""
    from rich.table import Table

    from newsctl.importer import COUNTERS

    if summary.dry_run:
        title = "Dry run: nothing was written"
    elif summary.rolled_back:
        title = "Interrupted: nothing was stored (--strict stores all or nothing)"
    else:
        title = "Import summary"
    table = Table(title=title, title_justify="left", show_edge=False, header_style="bold")
    table.add_column("Format")
    for name in COUNTERS:
        table.add_column(name.capitalize(), justify="right")
    for fmt, counts in sorted(summary.by_format.items()):
        table.add_row(fmt, *(str(getattr(counts, name)) for name in COUNTERS))
    total = summary.total
    table.add_row(
        Text("total", style="bold"),
        *(Text(str(getattr(total, name)), style="bold") for name in COUNTERS),
        end_section=True,
    )
    files = f"{summary.files} file" + ("" if summary.files == 1 else "s")
    table.caption = f"{files} in {summary.seconds:.1f} s"
    if summary.unchanged_files:
        skipped = summary.unchanged_files
        table.caption += (
            f"; {skipped} unchanged file"
            + ("" if skipped == 1 else "s")
            + " skipped (read before; --again reads them)"
        )
    table.caption_justify = "left"
    return table


class _ProgressBar:
    """Import progress on stderr: a bar over the bytes of the inputs (so one large file moves
    it), the records stored so far and the file being read."""

    def __init__(self, sizes: dict[str, int]):
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

        self.sizes = sizes
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("[dim]{task.fields[records]} records · {task.fields[current]}"),
            console=err_console,
            transient=True,
        )
        total = sum(sizes.values()) or None
        self.task = self.progress.add_task("Importing", total=total, records=0, current="")
        self.records = 0
        self.done = 0  # bytes of the files finished
        self.size = 0  # bytes of the file being read

    def file_started(self, name: str) -> None:
        self.size = self.sizes.get(name, 0)
        self.progress.update(self.task, current=clean_line(name)[-40:])

    def read_to(self, offset: int) -> None:
        self.progress.update(self.task, completed=self.done + min(offset, self.size))

    def records_done(self, count: int) -> None:
        self.records += count
        self.progress.update(self.task, records=self.records)

    def file_done(self) -> None:
        self.done += self.size
        self.progress.update(self.task, completed=self.done)


@contextmanager
def import_progress(inputs: Iterable[Any], *, enabled: bool) -> Iterator[Any]:
    """A progress bar while importing, on a terminal only; None elsewhere (cron, pipes).
    `inputs` are the import's paths (their sizes make the bar's total; others count 0)."""
    if not enabled:
        yield None
        return
    import os

    sizes = {}
    for item in inputs:
        if isinstance(item, str) and item != "-":
            try:
                sizes[item] = os.path.getsize(item)
            except OSError:
                pass
    bar = _ProgressBar(sizes)
    with bar.progress:
        yield bar


def check_report(report: "CheckReport") -> RenderableType:
    lines: list[RenderableType] = [
        Text(f"Repaired: {done}", style="green") for done in report.repaired
    ]
    lines.extend(Text(f"Not checked: {skipped}", style="yellow") for skipped in report.skipped)
    if report.ok:
        checked = "Everything checked is healthy" if report.skipped else "The archive is healthy"
        lines.append(Text(f"{checked} ({report.articles} articles).", style="green"))
    else:
        lines.extend(Text(f"Problem: {problem}", style="bold red") for problem in report.problems)
    return Group(*lines)


def edit_message(article: Article, fields: list[str], merged: Iterable[int] = ()) -> Text:
    """What `edit` says it did: the article, and the fields that changed."""
    message = Text(f"Updated article {article.id}: ") + safe_line(article.title, "bold")
    message.append(f" (changed: {', '.join(name.replace('_', ' ') for name in fields)})", "dim")
    for number in merged:
        message.append(f"; article {number} had the same text and was merged into it")
    return message


def trash_table(items: list[TrashedArticle]) -> "Table":
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    table.add_column("ID", justify="right", style="cyan", no_wrap=True)
    table.add_column("Deleted", no_wrap=True)
    table.add_column("Title", ratio=3)
    table.add_column("Author", ratio=1)
    for item in items:
        table.add_row(
            str(item.id),
            shown_time(item.deleted_at),
            safe_line(item.title),
            safe_line(byline_line(item.authors, item.credit)),
        )
    return table


def history_table(versions: list[ArticleVersion]) -> "Table":
    """An article's versions, oldest first: number, when, by what, from where, what changed."""
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    table.add_column("Version", justify="right", style="cyan", no_wrap=True)
    table.add_column("Saved", no_wrap=True)
    table.add_column("By")
    table.add_column("From", ratio=1)
    table.add_column("Changed", ratio=1)
    for version in versions:
        number = f"{version.number}" + (" (current)" if version.current else "")
        changed = ", ".join(name.replace("_", " ") for name in version.fields) or "—"
        table.add_row(
            number,
            shown_time(version.saved_at, with_time=True),
            version.change,
            safe_line(version.origin or ""),
            changed,
        )
    return table


_DIFF_STYLES = {"same": "", "deleted": "strike red", "inserted": "bold green"}


def version_diff(old: dict, new: dict, old_number: int, new_number: int) -> RenderableType:
    """Two versions of an article compared word by word: each changed field, with deleted
    words struck through in red and inserted ones in green."""
    from newsctl.versions import VERSIONED_FIELDS, as_text, word_diff

    parts: list[RenderableType] = [
        Text(f"Version {old_number} → version {new_number}", style="bold")
    ]
    changed = [name for name in VERSIONED_FIELDS if as_text(old, name) != as_text(new, name)]
    if not changed:
        parts.append(Text("No differences.", style="dim"))
    for name in changed:
        line = Text()
        line.append(f"{name.replace('_', ' ').capitalize()}: ", style="bold cyan")
        for kind, piece in word_diff(as_text(old, name), as_text(new, name)):
            line.append(strip_controls(piece), style=_DIFF_STYLES[kind])
        parts.extend([Text(), line])
    return Group(*parts)


def labels_table(labels: list[Label], heading: str) -> "Table":
    """Tags or categories with their article counts and newest article's date."""
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    table.add_column(heading, style="magenta")
    table.add_column("Articles", justify="right")
    table.add_column("Newest", no_wrap=True)
    for label in labels:
        table.add_row(safe_line(label.name), str(label.article_count), shown_time(label.latest_at))
    return table


def _size(count: int | None) -> str:
    if count is None:
        return "unknown"
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:,.0f} {unit}" if unit == "bytes" else f"{count:,.1f} {unit}"
        count /= 1024
    return str(count)


def archive_stats(stats: ArchiveStats, width: int = 40) -> RenderableType:
    """Totals, the largest categories and authors, and articles per month as bars."""
    from rich.table import Table

    totals = Text()
    for name, count in stats.totals.items():
        totals.append(f"{count:,}", style="bold").append(f" {name}   ")
    sizes = Text(
        f"archive {_size(stats.archive_bytes)} on disk, search index {_size(stats.index_bytes)}",
        style="dim",
    )
    ranked = Table.grid(padding=(0, 4))
    ranked.add_row(_ranked("Categories", stats.categories), _ranked("Authors", stats.authors))
    chart = Table(title="Articles per month", title_justify="left", show_edge=False,
                  show_header=False, box=None)  # fmt: skip
    chart.add_column(no_wrap=True, style="dim")
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right")
    peak = max((count for _, count in stats.months), default=0)
    for month, count in stats.months:
        bar = "█" * max(1, round(width * count / peak)) if peak else ""
        chart.add_row(month, Text(bar, style="cyan"), f"{count:,}")
    return Group(totals, sizes, Text(), ranked, Text(), chart)


def print_stats(stats: ArchiveStats) -> None:
    """The stats view on stdout: paged on a terminal; piped, its lines never wrapped."""
    if console.is_terminal:
        page(archive_stats(stats))
    else:
        print_unwrapped(archive_stats(stats))


def _ranked(title: str, rows: tuple[tuple[str, int], ...]) -> "Table":
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False, show_header=False, box=None)
    table.add_column(style="magenta" if title == "Categories" else "green")
    table.add_column(justify="right")
    for name, count in rows:
        table.add_row(safe_line(name), f"{count:,}")
    return table


def imports_table(runs: list[ImportRun]) -> "Table":
    """The import log: one row per run, newest first."""
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for name, justify in (("Run", "right"), ("Started", "left"), ("Files", "right"),
                          ("Skipped", "right"), ("Added", "right"), ("Updated", "right"),
                          ("Rejected", "right"), ("Warnings", "right"),
                          ("Exit", "right")):  # fmt: skip
        table.add_column(name, justify=justify, no_wrap=True)
    for run in runs:
        status = "running or killed" if run.exit_status is None else str(run.exit_status)
        table.add_row(
            str(run.id), shown_time(run.started_at, with_time=True), str(run.files),
            str(run.unchanged_files), str(run.counts.get("added", 0)),
            str(run.counts.get("updated", 0)), str(run.counts.get("rejected", 0)),
            str(len(run.warnings)), Text(status, style="red" if run.exit_status else ""),
        )  # fmt: skip
    return table
