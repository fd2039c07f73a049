"""--full-text subscriptions: the article's own page, for feeds that carry only a summary.

Each entry not yet in the archive has its page fetched and read by the same extraction
as an HTML import (parsers.html_page.extract_page); the page's text replaces the feed's
when it is longer (the feed gave a summary), and the page fills in an author or a date
the feed left out. Everything else stays the feed's: its guid, link and title remain the
entry's identity. An entry already stored keeps the text stored (the full text) when the
feed's is shorter, so fetching the feed again changes nothing unless the publisher
changed something; pages are fetched once, for new entries only. Entries a person
deleted are left to the import, which skips them.
"""

from collections.abc import Callable, Iterator
from dataclasses import replace

from newsctl.archive import Archive
from newsctl.errors import ParseError, ParseWarning
from newsctl.fetch.http import FetchError, Response
from newsctl.models import Article
from newsctl.urls import absolute_url, page_key

Record = Article | ParseError | ParseWarning
# Urls of pages -> their responses (or why not), fetched a few at a time by the caller.
PageFetcher = Callable[[list[str]], dict[str, "Response | FetchError"]]
_CHUNK = 500


def _url_key(article: Article) -> str | None:
    """The key an article's url is identified by (urls.page_key, as saving.py computes it)."""
    return page_key(absolute_url(article.url))


def _present(archive: Archive, table: str, column: str, values: set[str]) -> dict[str, str]:
    """value -> stored body (deleted_articles: "") of the rows whose column holds one of values.

    A read of what the import is about to match against; writing stays with the import."""
    found: dict[str, str] = {}
    body = "body" if table == "articles" else "''"
    ordered = sorted(values)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT {column}, {body} FROM {table} WHERE {column} IN ({marks})"
        found.update(archive.db.execute(sql, chunk).fetchall())
    return found


def with_full_text(
    records: list[Record], archive: Archive, fetch_pages: PageFetcher
) -> Iterator[Record]:
    """The feed's records, new entries completed from their pages (module docstring)."""
    articles = [record for record in records if isinstance(record, Article)]
    guids = {article.guid for article in articles if article.guid}
    keys = {key for key in map(_url_key, articles) if key}
    stored_by_guid = _present(archive, "articles", "guid", guids)
    stored_by_key = _present(archive, "articles", "url_key", keys)
    deleted = set(_present(archive, "deleted_articles", "guid", guids)) | set(
        _present(archive, "deleted_articles", "url_key", keys)
    )

    def stored_body(article: Article) -> str | None:
        if article.guid in stored_by_guid:
            return stored_by_guid[article.guid]
        return stored_by_key.get(_url_key(article) or "")

    def is_new(article: Article) -> bool:
        key = _url_key(article)
        known = article.guid in deleted or key in deleted or stored_body(article) is not None
        return not known and key is not None

    pages = fetch_pages(sorted({article.url for article in articles if is_new(article)}))  # type: ignore[misc]
    for record in records:
        if not isinstance(record, Article):
            yield record
            continue
        body = stored_body(record)
        if body is not None:
            yield replace(record, body=body) if len(body) > len(record.body) else record
        elif record.url in pages:
            yield from _completed(record, pages[record.url])
        else:
            yield record


def _completed(article: Article, page: "Response | FetchError") -> Iterator[Record]:
    """The article with its page's text when that is longer; a warning when there is none."""
    from newsctl.fetch.documents import opened_response
    from newsctl.parsers.html_page import extract_page

    where = article.location
    if isinstance(page, FetchError):
        yield ParseWarning(f"full text not fetched ({page.message})", article.url or "", where)
        yield article
        return
    try:
        content = opened_response(page).stream.read()  # decoded with its HTTP charset
        fields = extract_page(content, page.url, base_url=page.url)
    except ParseError as problem:
        yield ParseWarning(f"full text not read ({problem.message})", page.url, where)
        yield article
        return
    if len(fields.body) <= len(article.body):
        yield article
        return
    yield replace(
        article,
        body=fields.body,
        authors=article.authors or fields.authors,
        credit=article.credit or (None if article.authors or fields.authors else fields.credit),
        published_at=article.published_at or fields.published_at,
    )
