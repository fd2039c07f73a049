"""The feeds newsctl fetches: the subscriptions table (newsctl.schema m006).

Every write goes through Archive.write() (BEGIN IMMEDIATE and the busy timeout), so
`feeds` commands and any number of `fetch` processes can run at once. A fetch process
first *claims* the feeds it will fetch (claimed_until, in one transaction), so a second
process started meanwhile leaves them alone instead of fetching them twice; a claim left
by a killed process runs out after CLAIM_SECONDS.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from newsctl.archive import Archive
from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import ExitCode, NewsctlError, UsageError
from newsctl.text import clean_line, fold_key
from newsctl.urls import canonical_url

DEFAULT_EVERY = 3600  # seconds: miniflux's and newsboat's default interval
MIN_EVERY = 60
# A fetch process owns the feeds it claimed for this long at most (a killed one's claims
# run out): well past the time limits of a run's requests.
CLAIM_SECONDS = 15 * 60
_SPAN = re.compile(r"^\s*(\d+)\s*(s|sec|m|min|h|d|w)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


class FeedNotFound(NewsctlError):
    """No subscription has that id or url."""

    exit_code = ExitCode.NOT_FOUND


def parse_every(text: str) -> int:
    """An interval as seconds: "30m" (minutes), "2h", "1d", "90s", "1w"; a bare number is
    minutes. UsageError for anything else, or less than a minute."""
    match = _SPAN.match(text)
    if not match:
        raise UsageError(f"--every: {text!r} is not an interval; use 30m, 2h or 1d")
    seconds = int(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "m").lower()]
    if seconds < MIN_EVERY:
        raise UsageError(f"--every: {text!r} is shorter than a minute")
    return seconds


def format_every(seconds: int) -> str:
    """An interval as the shortest exact span: 1800 -> "30m", 86400 -> "1d"."""
    for unit in ("w", "d", "h", "m"):
        if seconds % _UNIT_SECONDS[unit] == 0:
            return f"{seconds // _UNIT_SECONDS[unit]}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True)
class Subscription:
    """One feed and what fetching it has done so far."""

    id: int
    url: str
    every: int
    title: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    full_text: bool = False
    added_at: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetched_at: str | None = None
    last_status: str | None = None
    last_error: str | None = None
    consecutive_errors: int = 0
    next_due_at: str | None = None
    disabled_at: str | None = None
    disabled_reason: str | None = None
    articles: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Subscription":
        fields = {name: row[name] for name in cls.__dataclass_fields__ if name in row}
        fields["tags"] = tuple(json.loads(row.get("tags") or "[]"))
        fields["full_text"] = bool(row.get("full_text"))
        return cls(**fields)

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["tags"] = list(self.tags)
        return data


def _stamp(moment: datetime) -> str:
    return format_timestamp(moment)


def _tag_list(tags: tuple[str, ...]) -> str:
    kept = {fold_key(tag): clean_line(tag) for tag in reversed(tags) if clean_line(tag)}
    return json.dumps(list(reversed(kept.values())), ensure_ascii=False)


class Subscriptions:
    """Reading and writing the subscriptions of one archive."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.db = archive.db

    def _rows(self, where: str = "1", params: Any = ()) -> list[Subscription]:
        sql = f"SELECT * FROM subscriptions WHERE {where} ORDER BY id"
        return [Subscription.from_row(row) for row in self.db.query(sql, params)]

    def all(self) -> list[Subscription]:
        return self._rows()

    def by_url(self, url: str) -> Subscription | None:
        found = self._rows("url_key = ?", [canonical_url(url) or url])
        return found[0] if found else None

    def get(self, reference: str) -> Subscription:
        """A subscription by id ("3") or url; FeedNotFound if there is none."""
        reference = reference.strip()
        found = self._rows("id = ?", [int(reference)]) if reference.isdigit() else []
        subscription = found[0] if found else self.by_url(reference)
        if subscription is None:
            raise FeedNotFound(f"no feed {reference!r}; 'newsctl feeds list' shows them")
        return subscription

    def add(
        self,
        url: str,
        *,
        title: str | None = None,
        every: int = DEFAULT_EVERY,
        category: str | None = None,
        tags: tuple[str, ...] = (),
        full_text: bool = False,
    ) -> tuple[Subscription, bool]:
        """Subscribe to a feed, due at once; (subscription, False) if it was already there."""
        now = _stamp(now_utc())
        with self.archive.write():
            existing = self.by_url(url)
            if existing is not None:
                return existing, False
            self.db.execute(
                """INSERT INTO subscriptions (url, url_key, title, every, category, tags,
                       full_text, added_at, next_due_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    url,
                    canonical_url(url) or url,
                    clean_line(title or "") or None,
                    every,
                    clean_line(category or "") or None,
                    _tag_list(tags),
                    int(full_text),
                    now,
                    now,
                ],
            )
        return self.by_url(url), True  # type: ignore[return-value]

    def change(self, subscription: Subscription, **settings: Any) -> Subscription:
        """Change a subscription's settings (every, category, tags, full_text, title) and
        enable it again if it was disabled."""
        columns: dict[str, Any] = {"disabled_at": None, "disabled_reason": None}
        if subscription.disabled_at:  # enabled again: due at once, its errors forgotten
            columns.update(next_due_at=_stamp(now_utc()), consecutive_errors=0)
        for name, value in settings.items():
            if name == "tags":
                value = _tag_list(value)
            elif name == "full_text":
                value = int(value)
            elif name in ("category", "title"):
                value = clean_line(value or "") or None
            columns[name] = value
        self._update(subscription.id, columns)
        return self.get(str(subscription.id))

    def remove(self, subscription: Subscription) -> None:
        """Unsubscribe; the articles the feed brought stay in the archive."""
        with self.archive.write():
            self.db.execute("DELETE FROM subscriptions WHERE id = ?", [subscription.id])

    def claim(
        self, *, ids: list[int] | None = None, due_only: bool = True, now: datetime | None = None
    ) -> list[Subscription]:
        """The feeds this process will fetch, claimed so that no other process fetches them
        meanwhile: every due, enabled feed (or those of `ids`, due or not, disabled or not)
        that no other fetch process holds."""
        now = now or now_utc()
        conditions = ["(claimed_until IS NULL OR claimed_until <= :now)"]
        params: dict[str, Any] = {"now": _stamp(now)}
        if ids is not None:
            conditions.append(f"id IN ({', '.join(str(int(i)) for i in ids) or 'NULL'})")
        else:
            conditions.append("disabled_at IS NULL")
        if due_only and ids is None:
            conditions.append("next_due_at <= :now")
        with self.archive.write():
            claimed = [
                Subscription.from_row(row)
                for row in self.db.query(
                    f"SELECT * FROM subscriptions WHERE {' AND '.join(conditions)} "
                    "ORDER BY next_due_at, id",
                    params,
                )
            ]
            until = _stamp(now + timedelta(seconds=CLAIM_SECONDS))
            for subscription in claimed:
                self.db.execute(
                    "UPDATE subscriptions SET claimed_until = ? WHERE id = ?",
                    [until, subscription.id],
                )
        return claimed

    def release(self, ids: list[int]) -> None:
        """Give back claims of feeds that were not fetched after all (an interrupted run)."""
        if not ids:
            return
        with self.archive.write():
            for number in ids:
                self.db.execute(
                    "UPDATE subscriptions SET claimed_until = NULL WHERE id = ?", [number]
                )

    def record(self, outcomes: list[tuple[Subscription, dict[str, Any]]]) -> None:
        """Store the outcomes of fetches (new column values per subscription) in one
        transaction, and give back their claims. A new url (a permanent redirect) is
        taken unless another subscription already has it."""
        with self.archive.write():
            for subscription, columns in outcomes:
                columns = {**columns, "claimed_until": None}
                url = columns.pop("url", None)
                if url and url != subscription.url:
                    key = canonical_url(url) or url
                    taken = self.db.execute(
                        "SELECT 1 FROM subscriptions WHERE url_key = ? AND id != ?",
                        [key, subscription.id],
                    ).fetchone()
                    if not taken:
                        columns.update(url=url, url_key=key)
                self._set(subscription.id, columns)

    def _update(self, number: int, columns: dict[str, Any]) -> None:
        with self.archive.write():
            self._set(number, columns)

    def _set(self, number: int, columns: dict[str, Any]) -> None:
        assignments = ", ".join(f"{name} = :{name}" for name in columns)
        self.db.execute(
            f"UPDATE subscriptions SET {assignments} WHERE id = :id", {**columns, "id": number}
        )
