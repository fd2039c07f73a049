"""Writing articles back out: JSON Lines, JSON, CSV (all fields, re-importable) and Markdown."""

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsctl.models import Article

EXPORT_FORMATS = ("jsonl", "json", "csv", "markdown")
CSV_FIELDS = (
    "id", "title", "author", "author_bio", "category", "tags", "url", "published_at",
    "added_at", "source", "partial", "body",
)  # fmt: skip


def _record(article: Article) -> dict[str, Any]:
    return article.to_json(full=True)


def _csv_tags(tags: tuple[str, ...]) -> str:
    # A tag holding a comma would split on the way back in; such lists are written as JSON.
    if any("," in tag for tag in tags) or any(tag.startswith("[") for tag in tags[:1]):
        return json.dumps(list(tags), ensure_ascii=False)
    return ", ".join(tags)


def _markdown(article: Article) -> str:
    meta = [
        article.author or "unknown author",
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
