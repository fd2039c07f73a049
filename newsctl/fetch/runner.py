"""`newsctl fetch`: every due feed fetched, imported and its outcome recorded.

The loop:
1. Claim the feeds to fetch (Subscriptions.claim, one transaction): a second `fetch`
   process started meanwhile finds them claimed and leaves them alone.
2. Fetch them on a pool of `jobs` threads, in due order, with at most `per_host` requests
   to one host at a time (miniflux's POLLING_LIMIT_PER_HOST; one slow site holds at most
   that many threads). Threads only make HTTP requests.
3. As each response arrives, the main thread, the only one that touches the archive,
   imports it with newsctl.importer exactly as `newsctl import` would import the file
   (identities, updates, versions, trash), then records the outcome. A 304 Not Modified
   is recorded without reading anything.
4. Whatever happens to one feed (an HTTP error, a time-out, a page that is not a feed,
   an exception) is that feed's outcome; the others go on.

Scheduling, by the outcome:
- success (2xx, 304): next fetch `every` seconds later; the error count goes back to 0.
- failure: the count of consecutive errors goes up and the next fetch waits
  every × 2^(errors-1), at most a day (or `every`, if longer): exponential back-off.
  A Retry-After (429 Too Many Requests, 503 Service Unavailable) is honoured when it
  asks for longer, up to a week (RFC 9110 §10.2.3, RFC 6585 §4).
- 410 Gone disables the subscription (RFC 9110 §15.5.11: "likely to be permanent");
  `feeds add` of the same url enables it again.
- A permanent redirect (301, 308) moves the subscription to the new url.
"""

import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from newsctl.archive import Archive
from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import ParseError, ParseWarning
from newsctl.fetch.documents import FetchedDocument, FetchedInput, Record
from newsctl.fetch.http import (
    FEED_ACCEPT,
    PAGE_ACCEPT,
    Fetcher,
    FetchError,
    Limits,
    Response,
    Validators,
)
from newsctl.fetch.subscriptions import Subscription, Subscriptions
from newsctl.importer import MAX_REJECTS_KEPT, Counts, Importer, ImportOptions, ImportSummary
from newsctl.models import Article
from newsctl.text import fold_key

JOBS = 8
PER_HOST = 2
MAX_BACKOFF = 24 * 3600
MAX_RETRY_AFTER = 7 * 24 * 3600
# Outcomes are recorded together, in one transaction per this many feeds or seconds: a
# commit per feed was a fifth of the time of a run where nothing changed.
RECORD_EVERY = 50
RECORD_SECONDS = 2.0


def next_delay(every: int, errors: int, retry_after: float | None = None) -> float:
    """Seconds until a feed is fetched again, after `errors` consecutive failures."""
    if errors <= 0:
        delay = float(every)
    else:
        delay = float(min(every * 2 ** min(errors - 1, 30), max(every, MAX_BACKOFF)))
    if retry_after:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    return delay


@dataclass
class FeedOutcome:
    """What fetching one feed did."""

    subscription: Subscription
    # An HTTP status ("200", "304", "404") or what went wrong ("timeout", "unreadable").
    status: str
    error: str | None = None
    counts: Counts = field(default_factory=Counts)
    moved_to: str | None = None
    disabled: bool = False
    next_due_at: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.subscription.id,
            "url": self.subscription.url,
            "status": self.status,
            "error": self.error,
            **self.counts.to_json(),
            "moved_to": self.moved_to,
            "disabled": self.disabled,
            "next_due_at": self.next_due_at,
        }


@dataclass
class FetchReport:
    """What a fetch run did: each feed's outcome and the import summary of them all."""

    outcomes: list[FeedOutcome] = field(default_factory=list)
    summary: ImportSummary = field(default_factory=ImportSummary)
    seconds: float = 0.0
    # The signal number that stopped the run early, if one did.
    stopped_by: int | None = None

    @property
    def failed(self) -> list[FeedOutcome]:
        return [outcome for outcome in self.outcomes if not outcome.ok]

    def to_json(self) -> dict[str, Any]:
        statuses = Counter(outcome.status for outcome in self.outcomes if outcome.ok)
        return {
            "feeds": len(self.outcomes),
            "fetched": sum(n for status, n in statuses.items() if status != "304"),
            "not_modified": statuses["304"],
            "failed": len(self.failed),
            "seconds": round(self.seconds, 3),
            "interrupted": self.stopped_by is not None,
            "outcomes": [outcome.to_json() for outcome in self.outcomes],
            "import": self.summary.to_json(),
        }


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class FeedDocument(FetchedDocument):
    """A fetched feed for the importer, with its subscription's settings applied to its
    entries; remembers the problem that made the whole feed unreadable, if one did."""

    def __init__(
        self,
        response: Response,
        subscription: Subscription,
        full_text: Callable[[list[Record]], Iterator[Record]] | None,
    ):
        super().__init__(response, name=subscription.url)
        self.subscription = subscription
        self.full_text = full_text
        self.problem: ParseError | None = None

    @contextmanager
    def open(self) -> Iterator[FetchedInput]:
        try:
            with super().open() as opened:
                yield opened
        except ParseError as problem:
            self.problem = problem
            raise

    def records(self, records: Iterator[Record]) -> Iterator[Record]:
        try:
            if self.full_text:
                records = self.full_text(list(records))
            for record in records:
                yield self._filed(record) if isinstance(record, Article) else record
        except ParseError as problem:
            self.problem = problem
            raise

    def _filed(self, article: Article) -> Article:
        """The article under its subscription's category (its own kept as a tag) and tags."""
        subscription = self.subscription
        if not subscription.category and not subscription.tags:
            return article
        tags = list(article.tags)
        category = article.category
        if subscription.category:
            if category and fold_key(category) != fold_key(subscription.category):
                tags.append(category)
            category = subscription.category
        tags.extend(subscription.tags)
        unique = {fold_key(tag): tag for tag in reversed(tags)}
        return replace(article, category=category, tags=tuple(reversed(unique.values())))


def _get(fetcher: Fetcher, url: str, validators: Validators, accept: str) -> Response | FetchError:
    """A response or the reason there is none: never an exception (one feed never stops
    the others)."""
    try:
        return fetcher.get(url, validators, accept=accept)
    except FetchError as problem:
        return problem
    except Exception as problem:  # a bug or a library's surprise: this feed's failure only
        return FetchError(f"unexpected error: {type(problem).__name__}: {problem}", url)


def _merge(total: ImportSummary, part: ImportSummary) -> None:
    for fmt, counts in part.by_format.items():
        total.counts(fmt).add(counts)
    total.files += part.files
    total.rejects.extend(part.rejects[: max(0, MAX_REJECTS_KEPT - len(total.rejects))])
    total.warnings.extend(part.warnings[: max(0, MAX_REJECTS_KEPT - len(total.warnings))])
    total.merges.extend(part.merges)


class FetchRun:
    """One run of `newsctl fetch` over claimed subscriptions (see the module docstring)."""

    def __init__(
        self,
        archive: Archive,
        *,
        jobs: int = JOBS,
        per_host: int = PER_HOST,
        limits: Limits | None = None,
        on_outcome: Callable[[FeedOutcome], None] | None = None,
        on_reject: Callable[[ParseError], None] | None = None,
        on_warning: Callable[[ParseWarning], None] | None = None,
        on_merge: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], int | None] = lambda: None,
    ):
        self.archive = archive
        self.store = Subscriptions(archive)
        self.jobs = max(1, jobs)
        self.per_host = max(1, per_host)
        self.limits = limits or Limits()
        self.on_outcome = on_outcome
        self.on_reject = on_reject
        self.on_warning = on_warning
        self.on_merge = on_merge
        self.should_stop = should_stop
        self.report = FetchReport()
        self.unrecorded: list[tuple[Subscription, dict[str, Any]]] = []
        self.recorded_at = time.monotonic()

    def run(self, subscriptions: list[Subscription]) -> FetchReport:
        started = time.monotonic()
        pending = deque(subscriptions)
        running: dict[Future, Subscription] = {}
        busy: Counter[str] = Counter()
        fetcher = Fetcher(self.limits, connections=self.jobs)
        pool = ThreadPoolExecutor(self.jobs, thread_name_prefix="newsctl-fetch")
        try:
            while pending or running:
                self.report.stopped_by = self.report.stopped_by or self.should_stop()
                if self.report.stopped_by is None:
                    self._start(pending, running, busy, fetcher, pool)
                elif not running:
                    break
                done, _ = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
                for future in done:
                    subscription = running.pop(future)
                    busy[host_of(subscription.url)] -= 1
                    self._finish(subscription, future.result(), fetcher)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            fetcher.close()
            self._record_all()
            self.store.release([s.id for s in pending] + [s.id for s in running.values()])
            self.report.seconds = self.report.summary.seconds = time.monotonic() - started
        return self.report

    def _start(
        self,
        pending: deque[Subscription],
        running: dict[Future, Subscription],
        busy: Counter[str],
        fetcher: Fetcher,
        pool: ThreadPoolExecutor,
    ) -> None:
        """Start fetches in due order, skipping feeds whose host has per_host under way."""
        waiting: list[Subscription] = []
        while pending and len(running) < self.jobs:
            subscription = pending.popleft()
            host = host_of(subscription.url)
            if busy[host] >= self.per_host:
                waiting.append(subscription)
                continue
            busy[host] += 1
            validators = Validators(subscription.etag, subscription.last_modified)
            future = pool.submit(_get, fetcher, subscription.url, validators, FEED_ACCEPT)
            running[future] = subscription
        pending.extendleft(reversed(waiting))

    def _finish(
        self, subscription: Subscription, result: Response | FetchError, fetcher: Fetcher
    ) -> None:
        now = now_utc()
        if isinstance(result, FetchError):
            outcome = self._failed(subscription, result, now)
        elif result.not_modified:
            outcome = self._succeeded(subscription, result, now, Counts())
        else:
            outcome = self._imported(subscription, result, now, fetcher)
        self.report.outcomes.append(outcome)
        if self.on_outcome:
            self.on_outcome(outcome)
        if (
            len(self.unrecorded) >= RECORD_EVERY
            or time.monotonic() - self.recorded_at > RECORD_SECONDS
        ):
            self._record_all()

    def _record_all(self) -> None:
        """Store the outcomes not stored yet. Until then a feed stays claimed; if the
        process dies first, the feed is fetched again once its claim ends."""
        if self.unrecorded:
            self.store.record(self.unrecorded)
        self.unrecorded = []
        self.recorded_at = time.monotonic()

    def _imported(
        self, subscription: Subscription, response: Response, now: datetime, fetcher: Fetcher
    ) -> FeedOutcome:
        """Import a fetched feed through newsctl.importer, as a feed file named by its url."""

        def full_text(records: list[Record]) -> Iterator[Record]:
            from newsctl.fetch.fulltext import with_full_text

            return with_full_text(records, self.archive, lambda urls: self._pages(fetcher, urls))

        document = FeedDocument(
            response, subscription, full_text if subscription.full_text else None
        )

        def on_reject(problem: ParseError) -> None:
            if problem is not document.problem and self.on_reject:  # that is the feed's failure
                self.on_reject(problem)

        importer = Importer(
            self.archive,
            ImportOptions(fmt="feed"),
            on_reject=on_reject,
            on_warning=self.on_warning,
            on_merge=self.on_merge,
        )
        part = importer.run([document])
        _merge(self.report.summary, part)
        if document.problem is not None:
            problem = FetchError(document.problem.message, subscription.url, kind="unreadable")
            return self._failed(subscription, problem, now)
        return self._succeeded(subscription, response, now, part.total)

    def _pages(self, fetcher: Fetcher, urls: list[str]) -> dict[str, Response | FetchError]:
        """Articles' pages for --full-text, per_host at a time (a feed's pages share a host)."""
        if not urls:
            return {}
        with ThreadPoolExecutor(self.per_host, thread_name_prefix="newsctl-page") as pool:
            results = pool.map(lambda url: _get(fetcher, url, Validators(), PAGE_ACCEPT), urls)
            return dict(zip(urls, results, strict=True))

    def _succeeded(
        self, subscription: Subscription, response: Response, now: datetime, counts: Counts
    ) -> FeedOutcome:
        due = format_timestamp(now + timedelta(seconds=next_delay(subscription.every, 0)))
        validators = response.validators
        if response.not_modified and not (validators.etag or validators.last_modified):
            validators = Validators(subscription.etag, subscription.last_modified)
        self.unrecorded.append(
            (
                subscription,
                {
                    "url": response.moved_to,
                    "etag": validators.etag,
                    "last_modified": validators.last_modified,
                    "last_fetched_at": format_timestamp(now),
                    "last_status": str(response.status),
                    "last_error": None,
                    "consecutive_errors": 0,
                    "next_due_at": due,
                    "disabled_at": None,
                    "disabled_reason": None,
                    "articles": subscription.articles + counts.added,
                },
            )
        )
        return FeedOutcome(
            subscription, str(response.status), counts=counts, moved_to=response.moved_to,
            next_due_at=due,
        )  # fmt: skip

    def _failed(
        self, subscription: Subscription, problem: FetchError, now: datetime
    ) -> FeedOutcome:
        errors = subscription.consecutive_errors + 1
        delay = next_delay(subscription.every, errors, problem.retry_after)
        due = format_timestamp(now + timedelta(seconds=delay))
        gone = problem.status == 410
        columns: dict[str, Any] = {
            "last_fetched_at": format_timestamp(now),
            "last_status": problem.kind,
            "last_error": problem.message,
            "consecutive_errors": errors,
            "next_due_at": due,
        }
        message = problem.message
        if gone:
            columns.update(disabled_at=format_timestamp(now), disabled_reason=problem.message)
            message += "; the feed is gone, its subscription disabled"
        elif problem.retry_after:
            message += f"; the server asked to wait {problem.retry_after:g} s"
        self.unrecorded.append((subscription, columns))
        return FeedOutcome(
            subscription, problem.kind, error=message, disabled=gone, next_due_at=due
        )
