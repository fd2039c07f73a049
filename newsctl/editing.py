"""Changing one article by hand: field edits, the text a person edits in $EDITOR, reverts.

Every edit goes through the same cleaning and validation as an import (records.py:
names, urls, dates, control characters) and is saved as a new version of the article
(versions.py), in one transaction. No Typer, no Rich.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Any

from newsctl import versions
from newsctl.archive import Archive
from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import ParseError, UsageError
from newsctl.models import Article
from newsctl.records import article_from_record
from newsctl.text import fold_key
from newsctl.urls import absolute_url, page_key


@dataclass(frozen=True)
class ArticleChanges:
    """What an edit changes; None leaves a field as it is, "" (or ()) clears it.

    `tags` replaces the tags; `add_tags` / `remove_tags` change them one by one.
    `published` is a date as a person writes it (parsed like any imported date).
    """

    title: str | None = None
    body: str | None = None
    authors: tuple[str, ...] | None = None
    credit: str | None = None
    category: str | None = None
    tags: tuple[str, ...] | None = None
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    url: str | None = None
    published: str | None = None

    def is_empty(self) -> bool:
        return self == ArticleChanges()


@dataclass
class EditResult:
    """What an edit did: the fields that changed (none: nothing was saved) and the ids of
    url-less articles found to be the same article and merged into it."""

    fields: list[str] = field(default_factory=list)
    merged: tuple[int, ...] = ()


def _record(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "body": article.body,
        "authors": list(article.authors),
        "credit": article.credit,
        "category": article.category,
        "tags": list(article.tags),
        "url": article.url,
        "published_at": article.published_at,
    }


def _changed_record(current: Article, changes: ArticleChanges) -> dict[str, Any]:
    record = _record(current)
    for name in ("title", "body", "credit", "category", "url"):
        value = getattr(changes, name)
        if value is not None:
            record[name] = value
    if changes.authors is not None:
        record["authors"] = list(changes.authors)
    if changes.published is not None:
        record["published_at"] = changes.published
    tags = list(changes.tags) if changes.tags is not None else list(current.tags)
    removed = {fold_key(tag) for tag in changes.remove_tags}
    tags = [tag for tag in tags + list(changes.add_tags) if fold_key(tag) not in removed]
    record["tags"] = tags
    return record


def _save(archive: Archive, article_id: int, article: Article, change: str) -> EditResult:
    """Replace the stored article with `article` (one transaction), refusing a url or guid
    another article has."""
    from newsctl.saving import BatchWriter

    url_key = page_key(absolute_url(article.url))
    with archive.write():
        clash = archive.db.execute(
            "SELECT id FROM articles WHERE id != ? AND (url_key = ? OR guid = ?)",
            [article_id, url_key, article.guid],
        ).fetchone()
        if clash:
            raise UsageError(f"article {clash[0]} already has the url {article.url}")
        before = versions.snapshot(archive.db, article_id)
        writer = BatchWriter(
            archive.db, now=format_timestamp(now_utc()), update=True, change=change, origin="cli"
        )
        merged = writer.replace(article_id, article)
        after = versions.snapshot(archive.db, article_id)
    return EditResult(versions.changed_fields(before or {}, after or {}), merged)


def edit_article(archive: Archive, article_id: int, changes: ArticleChanges) -> EditResult:
    """Apply changes to an article, cleaned and validated as imports are.

    Raises ArticleNotFound for an unknown id and UsageError for a value newsctl cannot
    store (no title, a relative url, a date it cannot read), naming the field.
    """
    current = archive.get(article_id)
    record = _changed_record(current, changes)
    try:
        # An edit says the credit it wants (the stored one, or the person's): none is read
        # from its byline or its text's dateline, so '' removes one for good and an edit of
        # another field adds none.
        edited = article_from_record(record, "edit", infer_credit=False)
    except ParseError as problem:
        raise UsageError(problem.message) from None
    if changes.authors is not None:
        kept = {fold_key(name) for name in edited.authors}
        dropped = [name for name in changes.authors if fold_key(name) not in kept]
        if dropped and len(edited.authors) < len(changes.authors):
            raise UsageError(
                f"--author {dropped[0]!r} is not read as a person's name (a newsroom, site, "
                "address or text with digits, newsctl.names): nothing was changed; a newsroom "
                "or wire service is the article's --credit"
            )
    edited = _keep_identity(edited, current)
    if versions.changed_fields(_record(current), _record(edited)) == []:
        return EditResult()
    return _save(archive, article_id, edited, "edit")


def _keep_identity(edited: Article, current: Article) -> Article:
    """What an edit never changes: the guid, source, teaser flag and lead author's bio."""
    return replace(
        edited,
        guid=current.guid,
        source=current.source,
        partial=current.partial,
        author_bio=None,
        added_at=current.added_at,
    )


def revert_article(archive: Archive, article_id: int, number: int) -> EditResult:
    """Bring version `number` of an article back, as a new version. Raises UsageError
    for a version the article does not have."""
    current = archive.get(article_id)
    fields = versions.version_fields(archive.db, article_id, number)
    if fields is None:
        raise UsageError(f"article {article_id} has no version {number} (see 'newsctl history')")
    # A version kept before schema m014 says nothing of the credit: the current one stays.
    fields.setdefault("credit", current.credit)
    old = Article.from_snapshot({**fields, "guid": current.guid, "source": current.source})
    old = _keep_identity(old, current)
    if versions.changed_fields(_record(current), _record(old)) == []:
        return EditResult()
    return _save(archive, article_id, old, "revert")


# -- the text a person edits ----------------------------------------------------------

# The header of the text `newsctl edit` opens in $EDITOR: "Field: value" lines, a blank
# line, then the body. Authors are separated by semicolons (a name may hold a comma).
_HEADER = ("Title", "Authors", "Credit", "Category", "Tags", "Url", "Published")
_HEADER_LINE = re.compile(r"^(?P<name>[A-Za-z]+)\s*:\s?(?P<value>.*)$")


def article_as_text(article: Article) -> str:
    """An article as the text `newsctl edit` opens: the header, a blank line, the body."""
    values = {
        "Title": article.title,
        "Authors": "; ".join(article.authors),
        "Credit": article.credit or "",
        "Category": article.category or "",
        "Tags": ", ".join(article.tags),
        "Url": article.url or "",
        "Published": article.published_at or "",
    }
    header = "".join(f"{name}: {values[name]}\n" for name in _HEADER)
    return f"{header}\n{article.body}\n"


def changes_from_text(text: str) -> ArticleChanges:
    """The changes an edited text asks for: every header field as written (a field whose
    line was left out is not changed; an empty one is cleared), and the body.

    Raises ParseError with the line number for a header line newsctl does not know,
    a field given twice, or a missing title.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    values: dict[str, str] = {}
    number = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = _HEADER_LINE.match(line)
        name = match.group("name").capitalize() if match else None
        if name not in _HEADER:
            raise ParseError(
                f"expected one of {', '.join(_HEADER)} followed by ':', got {line[:40]!r}",
                location=f"line {number}",
            )
        if name in values:
            raise ParseError(f"{name} is given twice", location=f"line {number}")
        values[name] = match.group("value").strip()
    if not values.get("Title"):
        raise ParseError("the Title line is missing or empty", location="line 1")
    body = "\n".join(lines[number:]).strip("\n")

    def listed(name: str, separator: str) -> tuple[str, ...] | None:
        if name not in values:
            return None
        return tuple(part.strip() for part in values[name].split(separator) if part.strip())

    # A header line left out changes nothing; one left empty clears its field.
    return ArticleChanges(
        title=values["Title"],
        body=body,
        authors=listed("Authors", ";"),
        credit=values.get("Credit"),
        category=values.get("Category"),
        tags=listed("Tags", ","),
        url=values.get("Url"),
        published=values.get("Published"),
    )
