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
from newsctl.dates import relative_age
from newsctl.models import Article, Author, SearchHit, SearchResults
from newsctl.text import clean_line, clean_text, first_line, strip_controls

if TYPE_CHECKING:
    from rich.table import Table

    from newsctl.importer import ImportSummary
    from newsctl.maintenance import CheckReport

# Data goes to stdout; diagnostics to stderr, never wrapped, so an error stays one line.
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def reset_consoles() -> None:
    """Build the consoles afresh: Rich reads NO_COLOR, COLUMNS etc. when a Console is made,
    and one process may run several commands (tests, embedding)."""
    global console, err_console
    console = Console(highlight=False)
    err_console = Console(stderr=True, highlight=False, soft_wrap=True)


TEASER_LABEL = "teaser"


def safe(text: str | None, style: str = "") -> Text:
    """Untrusted text as a Text object: never markup, never control characters."""
    return Text(clean_text(text or ""), style=style)


def safe_line(text: str | None, style: str = "") -> Text:
    return Text(clean_line(text or ""), style=style)


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


def byline(article: Article) -> str:
    """An article's authors as one line: "Ana Ruiz", "Ana Ruiz and Kim Ode", "A, B and C"."""
    names = list(article.authors)
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def date_of(article: Article) -> str:
    """The date shown for an article: published, else added (YYYY-MM-DD)."""
    stamp = article.published_at or article.added_at
    return stamp[:10] if stamp else ""


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
            safe_line(byline(article)),
            safe_line(article.category),
        )
    return table


def _meta_line(article: Article) -> Text:
    parts = [
        ("by ", safe_line(byline(article) or "unknown author", "green")),
        ("in ", safe_line(article.category, "magenta") if article.category else None),
        ("published ", Text(article.published_at[:10]) if article.published_at else None),
        ("added ", Text(article.added_at[:10]) if article.added_at else None),
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
    parts: list[RenderableType] = [_title(article, "bold"), _meta_line(article)]
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
            (author.latest_at or "")[:10],
            Text(first_line(author.bio or "", 60), style="dim"),
        )
    return table


def author_view(author: Author, articles: list[Article]) -> RenderableType:
    bio = safe(author.bio) if author.bio else Text("No bio.", style="dim")
    count = f"{author.article_count} article" + ("" if author.article_count == 1 else "s")
    panel = Panel(
        Group(bio, Text(), Text(count, style="dim")),
        title=safe_line(author.name, "bold green"),
        title_align="left",
        padding=(1, 2),
    )
    return Group(panel, article_table(articles)) if articles else panel


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
    table.caption_justify = "left"
    return table


class _ProgressBar:
    """Import progress on stderr: a bar over files and a running count of records."""

    def __init__(self, files: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[dim]{task.fields[records]} records · {task.fields[current]}"),
            console=err_console,
            transient=True,
        )
        self.task = self.progress.add_task("Importing", total=files, records=0, current="")
        self.records = 0

    def file_started(self, name: str) -> None:
        self.progress.update(self.task, current=clean_line(name)[-40:])

    def records_done(self, count: int) -> None:
        self.records += count
        self.progress.update(self.task, records=self.records)

    def file_done(self) -> None:
        self.progress.advance(self.task)


@contextmanager
def import_progress(files: int, *, enabled: bool) -> Iterator[Any]:
    """A progress bar while importing, on a terminal only; None elsewhere (cron, pipes)."""
    if not enabled:
        yield None
        return
    bar = _ProgressBar(files)
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
