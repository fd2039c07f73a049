"""Writing articles back out: JSON Lines, JSON, CSV (all fields, re-importable) and Markdown."""

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from newsctl.models import Article, byline_line

EXPORT_FORMATS = ("jsonl", "json", "csv", "markdown")
# A file's extension -> the format it holds.
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".md": "markdown",
    ".markdown": "markdown",
}  # fmt: skip


def format_for_file(path: Path, asked: str | None) -> str:
    """The export format for a file: the one asked for, which must agree with the file's
    extension, else the extension's. Raises UsageError for a mismatch ("-o out.csv
    --format json") or, without --format, an extension newsctl does not write."""
    from newsctl.errors import UsageError

    suffix = path.suffix.lower()
    if suffix == ".gz":
        raise UsageError(f"{path.name}: newsctl does not compress exports; pipe through gzip")
    implied = _EXTENSIONS.get(suffix)
    if asked and implied and asked != implied:
        raise UsageError(f"--format {asked} does not match the file name {path.name} ({implied})")
    if not asked and not implied:
        names = ", ".join(sorted(_EXTENSIONS))
        raise UsageError(f"{path.name}: give --format, or a file name ending in {names}")
    return asked or implied


# The credit came last (schema m014): scripts reading columns by position keep theirs.
CSV_FIELDS = (
    "id", "title", "author", "authors", "author_bio", "category", "tags", "url", "guid",
    "published_at", "added_at", "source", "partial", "body", "body_format", "credit",
)  # fmt: skip


def _record(article: Article) -> dict[str, Any]:
    # The stored body is text: said so, it comes back as written, even when it reads like
    # markup ("Use the <p> tag"), which import would otherwise take for a scraper's HTML.
    return article.to_json(full=True) | {"body_format": "text"}


def _csv_authors(authors: tuple[str, ...]) -> str:
    # Several names are written as a JSON list, which import reads back as the same list.
    return json.dumps(list(authors), ensure_ascii=False) if len(authors) > 1 else "".join(authors)


def _csv_tags(tags: tuple[str, ...]) -> str:
    # A tag holding a keyword separator (labels.tag_list) would split on the way back in;
    # such lists are written as JSON.
    if any(mark in tag for tag in tags for mark in ",;|") or tags[:1] and tags[0].startswith("["):
        return json.dumps(list(tags), ensure_ascii=False)
    return ", ".join(tags)


def _markdown(article: Article) -> str:
    meta = [
        byline_line(article.authors, article.credit) or "unknown author",
        article.category,
        (article.published_at or article.added_at or "")[:10] or None,
        ", ".join(f"#{tag}" for tag in article.tags) or None,
        "teaser only" if article.partial else None,
    ]
    lines = [f"# {article.title}", "", "*" + " · ".join(part for part in meta if part) + "*"]
    if article.url:
        lines += ["", f"<{article.url}>"]
    if article.body:
        lines += ["", article.body]
    return "\n".join(lines) + "\n\n---\n\n"


def write_export(articles: Iterable[Article], fmt: str, out: TextIO) -> int:
    """Write articles to `out` in a format; returns how many were written. Streams."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
    elif fmt == "json":
        out.write("[")
    for article in articles:
        if fmt == "jsonl":
            out.write(json.dumps(_record(article), ensure_ascii=False) + "\n")
        elif fmt == "json":
            out.write(
                ("," if count else "") + "\n  " + json.dumps(_record(article), ensure_ascii=False)
            )
        elif fmt == "csv":
            row = _record(article)
            row["tags"] = _csv_tags(article.tags)
            row["authors"] = _csv_authors(article.authors)
            row["partial"] = int(article.partial)
            writer.writerow(row)
        elif fmt == "markdown":
            out.write(_markdown(article))
        else:
            raise ValueError(f"unknown export format {fmt!r}")
        count += 1
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count
