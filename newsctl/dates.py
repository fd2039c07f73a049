"""Dates in, dates out: user and feed dates, spans such as "7d", ages such as "2 days ago".

Every stored timestamp is a UTC ISO 8601 string with second precision and a
trailing Z ("2024-05-01T09:30:00Z"), so string order is time order and SQLite
can sort and index them directly.
"""

import re
from datetime import UTC, datetime, timedelta

_UNITS = {
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
    # Calendar months and years vary; for ages and spans a fixed length is what people mean.
    "month": timedelta(days=30),
    "year": timedelta(days=365),
}
_SPAN_UNITS = {"h": "hour", "d": "day", "w": "week", "m": "month", "y": "year"}
_SPAN = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$", re.IGNORECASE)
_AGE = re.compile(
    r"^\s*(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago\s*$", re.IGNORECASE
)
_HAS_YEAR = re.compile(r"\d{4}")
# "Wed, 01 May 2024 09:30:00 GMT": email.utils is fast but ignores what it does not know ("pm").
_RFC_2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*(?:[+-]\d{4}|(?!AM$|PM$)[A-Z]{1,5}))?$"
)
_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def format_timestamp(moment: datetime) -> str:
    """A datetime as the stored form; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    utc = moment.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    return utc.isoformat(timespec="seconds") + "Z"


def parse_timestamp(stored: str) -> datetime:
    """A stored timestamp back as an aware datetime."""
    return datetime.fromisoformat(stored).astimezone(UTC)


def parse_date(text: str) -> str:
    """Parse a date or datetime written by a person or a feed; return the stored form.

    ISO 8601 first (what the CLI documents), then RFC 2822 (what RSS uses),
    then python-dateutil for the many formats found on web pages. Dates
    without a time mean midnight UTC; times without a zone are taken as UTC.
    Raises ValueError with a readable message when nothing fits.
    """
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise ValueError("empty date")
    try:
        return format_timestamp(datetime.fromisoformat(cleaned))
    except ValueError:
        pass
    if _RFC_2822.match(cleaned):
        from email.utils import parsedate_to_datetime  # imported on use: it costs start-up time

        try:
            return format_timestamp(parsedate_to_datetime(cleaned))
        except (TypeError, ValueError, IndexError):
            pass
    # dateutil happily turns "5" into the 5th of this month: insist on a year.
    if _HAS_YEAR.search(cleaned):
        from dateutil import parser as dateutil_parser

        try:
            return format_timestamp(dateutil_parser.parse(cleaned))
        except (ValueError, OverflowError):
            pass
    raise ValueError(f"not a date: {cleaned[:60]!r}")


def parse_span(text: str) -> timedelta | None:
    """A span such as "7d", "2w", "12h", "3m" (months), "1y" or "10 days"; None if it is not one."""
    match = _SPAN.match(text)
    if not match:
        return None
    count, unit = int(match.group(1)), match.group(2).lower()
    unit = _SPAN_UNITS.get(unit, unit.rstrip("s"))
    if unit not in _UNITS or unit in ("second", "minute"):
        return None
    try:
        return count * _UNITS[unit]
    except OverflowError:
        return None


def parse_since(text: str, now: datetime | None = None, *, end_of_day: bool = False) -> str:
    """A --since/--until value: a span back from now ("7d") or a date; the stored form.

    With end_of_day, a bare date means its last second, so "--until 2024-05-01"
    includes that day.
    """
    span = parse_span(text)
    if span is not None:
        try:
            return format_timestamp((now or now_utc()) - span)
        except OverflowError:
            return format_timestamp(datetime.min)
    stamp = parse_date(text)
    if end_of_day and _BARE_DATE.match(text.strip()):
        stamp = format_timestamp(parse_timestamp(stamp) + timedelta(days=1, seconds=-1))
    return stamp


def parse_relative_age(text: str) -> timedelta | None:
    """How long ago "2 days ago", "an hour ago" or "yesterday" was; None if it is not an age."""
    cleaned = " ".join(text.split()).lower()
    if cleaned in ("just now", "now", "today"):
        return timedelta(0)
    if cleaned == "yesterday":
        return timedelta(days=1)
    match = _AGE.match(cleaned)
    if not match:
        return None
    count = match.group(1)
    number = 1 if not count.isdigit() else int(count)
    try:
        return number * _UNITS[match.group(2)]
    except OverflowError:
        return None


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


def relative_age(stored: str, now: datetime | None = None) -> str:
    """How long ago a stored timestamp was, as news sites say it: "2 days ago", "3 weeks ago"."""
    seconds = int(((now or now_utc()) - parse_timestamp(stored)).total_seconds())
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return "just now"
    days = seconds // 86400
    if days == 0:
        amount = (
            _plural(seconds // 3600, "hour")
            if seconds >= 3600
            else _plural(seconds // 60, "minute")
        )
    elif days < 14:
        amount = _plural(days, "day")
    elif days < 60:
        amount = _plural(days // 7, "week")
    elif days < 365:
        amount = _plural(days // 30, "month")
    else:
        amount = _plural(days // 365, "year")
    return f"in {amount}" if future else f"{amount} ago"
