"""Dates in, dates out: user and feed dates, spans such as "7d", ages such as "2 days ago".

Every stored timestamp is a UTC ISO 8601 string with second precision and a
trailing Z ("2024-05-01T09:30:00Z"), so string order is time order and SQLite
can sort and index them directly.

parse_date reads the dates people, feeds and web pages write. The rules, in the
order they are tried (the first that fits decides):

1. ISO 8601 / RFC 3339 / W3CDTF, as datetime.fromisoformat reads them
   ("2024-05-01", "2024-05-01T09:30:00.5+02:00", "2024-05-01 09:30Z").
2. RFC 5322 §3.3 (RFC 822 §5, as RSS 2.0 requires), leniently: optional day name (in any
   language: "mié,", "Do,"), seconds optional, month names of 3 letters or more ("Sept.",
   and those of MONTH_WORDS: "29 juil.", "1. Aug"), any zone below.
3. ISO 8601 date and time followed by a zone name or "GMT+2" ("2024-07-29 12:00 CEST"),
   or by a tz database zone id in square brackets, as Java's ZonedDateTime.toString() and
   DateTimeFormatter.ISO_ZONED_DATE_TIME write it ("2024-07-29T10:00+02:00[Europe/Berlin]",
   "2024-07-29T08:00Z[UTC]"; RFC 9557 calls it a time-zone suffix). The offset written
   before the brackets is the instant's, as Java printed it for that instant, and wins over
   the id, even an id that is not known here; without an offset, the id gives the offset of
   that local time through zoneinfo ("2024-07-29T10:00[Europe/Berlin]"). A local time the
   clocks show twice or skip is read as Java's ZonedDateTime.ofLocal reads it (zoneinfo's
   fold=0): the earlier of the two, or with the offset before the change.
4. A year, or a year and month, alone ("2024", "2024-02", "June 2024", "Feb. 2023",
   "Juni 2024", "junio de 2024"; month names in the languages of MONTH_WORDS):
   the start of that period (W3CDTF reduced precision), never filled from today.
5. Numeric day-month-year ("25/06/2026", "25-06-2026"): read day first, as everywhere but
   North America writes it; read month first only when the first field cannot be a month
   ("06/25/2026"). When both fields could be the month and differ ("05/06/2026") the
   date is rejected: no rule can tell which the writer meant. Written with dots
   ("5.6.2026", "01.05.2024 10:00") it is day first whatever the fields: the dotted form
   is the day-first convention of German (DIN 5008), Russian, Polish and Nordic writing,
   and North America writes slashes (newsctl.parsers.page_dates reads page text so too).
6. Anything else with a four-digit year, through python-dateutil ("July 29, 2024 12:00 PM
   PDT", "Sun Jan 4 16:29:06 PST 2004", "29. Juli 2024 12:00 MESZ"), with missing fields
   taken from 1 January 00:00 of the year written, never from today's date; weekday names
   in the languages of MONTH_WORDS ("Montag, 5. August 2024"), French ordinals ("1er mai")
   and German "Uhr" (o'clock, no zone) are read too. A numeric date after other words or a
   time ("10:00 05.06.2024") is read by rule 5 first, never by dateutil's month-first guess,
   and a weekday without a day ("Sat 2024") is the start of the period, as in rule 4.

Zones: a numeric offset ("+0200", "+02:00", "GMT+2", "UTC-05:30"; the sign as written,
not POSIX's reversed one) is exact; a zone name is looked up in newsctl.zones, the one
table every rule above uses (see its docstring for the source and precedence: RFC 5322's
North American zones, then the IANA tz database). A name the table does not resolve
(unknown, or ambiguous like IST) is a DateError, never taken as UTC. A time with no zone
at all is UTC. A numeric offset followed by a name ("+0200 (CEST)") uses the offset.

MySQL's "zero" date ("0000-00-00", "0000-00-00 00:00:00"), which MySQL and WordPress
write where a row has no date (MySQL manual, "The DATE, DATETIME, and TIMESTAMP Types"),
is NoDateError: no date at all, which a reader may leave out instead of refusing.

Two times of day that a datetime cannot hold are read by their standards, in every rule
but dateutil's: 24:00 (ISO 8601:2004 §4.2.3, the end of a day; only 24:00:00 exactly) is
00:00 of the next day, and second 60, a leap second (RFC 3339 §5.6, RFC 5322 §3.3), is
second 59 of that minute, where it falls at 23:59:60 UTC on a month's last day (RFC 3339
§5.7); second 60 anywhere else is not a time.

Two-digit years (RFC 5322 §4.3): 00-49 are 2000-2049, 50-99 are 1950-1999, whatever the
date today; three-digit years add 1900.

python-dateutil and the zone table are imported on first use, so start-up pays for neither.
"""

import functools
import re
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo

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
_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# MySQL's zero date, with or without a time of day (of zeros, or whatever was kept).
_ZERO_DATE = re.compile(r"^0000-00-00(?:[T ][\d:.+-]*Z?)?$")

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
# Month names and their usual abbreviations in the languages of the corpus and beyond:
# English, German, French, Spanish, Italian, Dutch, Portuguese.
MONTH_WORDS = {
    1: "january jan januar jänner jän janvier janv enero ene gennaio genn gen januari janeiro",
    2: "february feb februar feber février févr fevrier febrero febbraio februari fevereiro fev",
    3: "march mar märz mär mrz maerz mars marzo maart mrt março",
    4: "april apr avril avr abril aprile",
    5: "may mai mayo maggio mag mei maio",
    6: "june jun juni juin junio giugno giu junho",
    7: "july jul juli juillet juil julio luglio lug julho",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre settembre set setembro",
    10: "october oct oktober okt octobre octubre ottobre ott okt outubro out",
    11: "november nov novembre noviembre novembre novembro",
    12: "december dec dezember dez décembre déc decembre diciembre dic dicembre dicembro",
}
# Weekday names and their abbreviations in the same languages, for dateutil, which reads
# only English ones ("Montag, 5. August 2024", "miércoles, 1 de mayo de 2024", "mer. 1 mai
# 2024"). Spanish "mar" (martes) is left out: it is March.
WEEKDAY_WORDS = {
    0: "montag mo lundi lun lunes lunedì lunedi maandag ma segunda seg",
    1: "dienstag di mardi martes martedì martedi dinsdag terça terca ter",
    2: "mittwoch mi mercredi mer miércoles miercoles mié mie mercoledì mercoledi woensdag wo"
    " quarta qua",
    3: "donnerstag do jeudi jeu jueves jue giovedì giovedi gio donderdag quinta qui",
    4: "freitag fr vendredi ven viernes vie venerdì venerdi vrijdag vr sexta sex",
    5: "samstag sonnabend sa samedi sam sábado sabado sáb sab zaterdag za",
    6: "sonntag so dimanche dim domingo dom domenica zondag zo",
}
# Words dateutil may pass over besides its own: French ordinals ("1er mai"), "at" in German and
# French ("um 10:00", "à 10:00"), Portuguese weekdays' "-feira" ("segunda-feira"). German
# "Uhr" (o'clock) is not one: it makes the number before it an hour (_Syntax.uhr), which
# dateutil, passing over the word, read as a day or a year ("10 Uhr, 5. Juni 2024").
_DATEUTIL_JUMP = ("er", "um", "à", "feira")
# Abbreviations that are also words of English ("out", "set", "ago": "3 days ago") are left
# to the patterns that need a day or a year beside them; dateutil, which reads words anywhere,
# does not get them.
_NOT_FOR_DATEUTIL = {"ago", "set", "out"}
# The clocks of the world run from UTC-12:00 to UTC+14:00 (the tz database): how far west
# and east of UTC a publisher's local day may lie. An offset beyond 14 hours either way is
# a typing slip, not a place (_beyond_clocks).
WEST_OF_UTC, EAST_OF_UTC = timedelta(hours=12), timedelta(hours=14)
# The UTC offset ending an ISO 8601 date and time: "+02:00", "-0530", "+02:30:15" (fromisoformat
# also reads seconds and fractions).
_ISO_OFFSET = re.compile(r"([+-]\d{2}:?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)$")
_TIME = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
# A zone: a numeric offset (after GMT/UTC/UT or not), or a name, bare or in brackets
# ("10:00 (MEZ)"); AM/PM are not zones, nor German "Uhr" (o'clock).
_ZONE = (
    r"(?P<zone>(?:(?:GMT|UTC|UT)\s?)?[+-]\d{1,2}(?::?\d{2})?(?:\s*\(?[A-Za-z]{2,6}\)?)?"
    r"|(?!(?i:[AP]M|Uhr)\b)[A-Za-z]{1,6}|\((?!(?i:[AP]M)\b)[A-Za-z]{1,6}\))"
)


class _Syntax:
    """The patterns parse_date reads, compiled on first use: start-up is a feature."""

    def __init__(self) -> None:
        self.months = (
            {"sept": 9}
            | {
                name[:end]: number  # "Sep", "Sept", "Septem"... "September"
                for number, name in enumerate(_MONTH_NAMES.split(), start=1)
                for end in range(3, len(name) + 1)
            }
            | {word: number for number, words in MONTH_WORDS.items() for word in words.split()}
        )
        self.rfc_5322 = re.compile(
            r"^(?:[^\W\d_]{2,9}\.?,?\s*)?(?P<day>\d{1,2})(?:\.?\s+|-)(?P<month>[^\W\d_]{3,9})"
            rf"(?:\.?,?\s+|-)(?P<year>\d{{2,4}}),?\s+{_TIME}(?:\s*{_ZONE})?$"
        )
        self.iso_zoned = re.compile(
            r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:T|t|\s+)"
            rf"{_TIME}(?:\s*{_ZONE})?$"
        )
        # A date and time with a zone id in brackets after it, "...+02:00[Europe/Berlin]".
        self.zone_id = re.compile(r"^(?P<written>[^\[\]]+?)\s?\[(?P<id>[^\[\]]*)\]$")
        self.offset = re.compile(
            r"^(?:(?:GMT|UTC|UT)\s?)?(?P<sign>[+-])"
            r"(?:(?P<hhmm>\d{4})|(?P<hours>\d{1,2})(?::(?P<minutes>\d{2}))?)"
            r"(?:\s*\(?[A-Za-z]{2,6}\)?)?$"
        )
        self.year_month = re.compile(r"^(?P<year>\d{4})(?:[-/.](?P<month>\d{1,2}))?$")
        self.month_year = re.compile(
            r"^(?:(?P<month>[^\W\d_]{3,9})\.?,?\s+(?:de\s+)?(?P<year>\d{4})"
            r"|(?P<year2>\d{4})\s+(?P<month2>[^\W\d_]{3,9}))$"
        )
        self.numeric_date = re.compile(
            r"^(?P<weekday>[^\W\d_]{2,12}\.?,?\s+)?(?P<first>\d{1,2})(?P<sep>[./-])"
            r"(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})(?=$|[\sT,])"
        )
        # The same numeric date after other words or a time ("10:00 05.06.2024"): read by the
        # same rule, never by dateutil's month-first guess.
        self.numeric_date_inside = re.compile(
            r"(?<![\w./:-])(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)"
            r"(?P<year>\d{4}|\d{2})(?![\w./-])"
        )
        # "GMT+2" is two hours east, as feeds mean it; dateutil reads it POSIX's way round.
        self.gmt_offset = re.compile(r"\b(?:GMT|UTC|UT)\s?(?=[+-]\d)")
        # "+0200 (CEST)": the offset is exact, the name only a comment (RFC 5322 §3.2.2).
        # So is a zone's full name in brackets, as JavaScript's Date.toString() writes it
        # ("GMT+0200 (Central European Summer Time)", in the browser's language).
        self.offset_then_name = re.compile(
            r"([+-]\d{2}:?\d{2})\s*(?:\(?[A-Za-z]{2,6}\)?|\([^()\d]*\))$"
        )
        # A zone's name in brackets, the only zone given ("9:05 PM (CEST)").
        self.bracketed_name = re.compile(r"\(([A-Za-z]{2,6})\)$")
        self.has_year = re.compile(r"\d{4}")
        # A number that can be a date's day: one or two digits, not a time's ("12:00").
        self.day_number = re.compile(r"(?<![\d:])\d{1,2}(?![\d:])")
        # German o'clock: "10 Uhr", "10:30 Uhr", "17.30 Uhr" are times of day.
        self.uhr = re.compile(
            r"(?<![\d.:])(?P<hour>[01]?\d|2[0-4])(?:[:.](?P<minute>[0-5]\d))?\s*Uhr\b", re.I
        )
        # A number of three or more digits that is no part of a time, an offset or a fraction:
        # beside a date already read, another year ("2024-06-05 / 07.06.2024"), which
        # dateutil would take for a time ("2024" as 20:24).
        self.other_number = re.compile(r"(?<![\d+\-:.,])\d{3,}")


_syntax = functools.cache(_Syntax)
# Filled in for what a date leaves out; year 1 shows when the year itself was missing.
_NO_DEFAULTS = datetime(1, 1, 1)
_ALSO_NO_DEFAULTS = datetime(2, 1, 1)


class DateError(ValueError):
    """A date that cannot be read right; the message names the text and the reason."""


class NoDateError(DateError):
    """A placeholder written where there is no date (MySQL's "0000-00-00 00:00:00"): not a
    wrong date, so a reader may store its record without one (and say so)."""


class AmbiguousDateError(DateError):
    """A date that can be read as two ("05/06/2026"): the writer's meaning is unknown."""


class ZoneError(DateError):
    """A date whose time zone cannot be resolved (an unknown or ambiguous name, a bad
    offset): the date may parse elsewhere, but only by guessing its zone."""


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


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:59] + "…")


def full_year(year: int, digits: int) -> int:
    """A year as written with `digits` digits, made whole by RFC 5322 §4.3: 00-49 are
    2000-2049, 50-99 are 1950-1999, three digits add 1900; four digits stay as they are."""
    if digits == 2:
        return year + (2000 if year < 50 else 1900)
    if digits == 3:
        return year + 1900
    return year


def zone_offset(zone: str, text: str = "", local: datetime | None = None) -> int:
    """Seconds east of UTC of a zone as dates write it: "+0200", "-05:30", "GMT+2", "CEST".

    Names are looked up in newsctl.zones (RFC 5322 names, then the IANA tz database);
    a region's clock ("ET": Eastern Time, standard or daylight as the date falls) is
    resolved through its tz database zone at `local`, the naive local date and time
    written. Raises DateError naming `text` when the name is unknown or ambiguous (or a
    region's clock without `local`, or without a tz database on the machine), or the
    offset is not one (24 hours or more, minutes past 59).
    """
    zone = zone.strip()
    if zone.startswith("(") and zone.endswith(")"):  # "10:00 (MEZ)": the only zone given
        zone = zone[1:-1]
    where = f" in {_shown(text)}" if text else ""
    offset = _syntax().offset.match(zone)
    if offset:
        # ±HHMM (RFC 5322 3.3), ±HH:MM and ±HH (ISO 8601), and ±H as "GMT+2" writes it;
        # three digits ("+020") are none of these, and not read as +00:20.
        hhmm = offset["hhmm"]
        hours = int(hhmm[:2] if hhmm else offset["hours"])
        minutes = int(hhmm[2:] if hhmm else offset["minutes"] or 0)
        seconds = hours * 3600 + minutes * 60
        if _beyond_clocks(seconds) or minutes > 59:
            raise ZoneError(f"not a UTC offset: {zone!r}{where}")
        return -seconds if offset["sign"] == "-" else seconds
    if re.match(r"(?:(?:GMT|UTC|UT)\s?)?[+-]\d", zone):  # "+020", "+02000"
        raise ZoneError(f"not a UTC offset: {zone!r}{where}")
    from newsctl import zones  # imported on use: most dates carry a numeric offset

    name = zone.upper()
    seconds = zones.OFFSETS.get(name)
    if seconds is not None:
        return seconds
    # Written in capitals only: "et" is French for "and", "pt" a page's abbreviation.
    if zone.isupper() and name in zones.GENERIC and local is not None:
        region = _region(zones.GENERIC[name])
        if region is not None:
            return _offset_at(region, local)
    if name in zones.AMBIGUOUS:
        meanings = ", ".join(_utc_offset(offset) for offset in zones.AMBIGUOUS[name])
        raise ZoneError(
            f"ambiguous time zone {zone!r}{where}: it means {meanings} in different places;"
            " write the offset instead"
        )
    raise ZoneError(f"unknown time zone {_shown(zone)}{where}")


def _region(key: str) -> tzinfo | None:
    """The tz database zone `key` ("America/New_York"); None where the machine has none."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _offset_at(region: tzinfo, local: datetime) -> int:
    """Seconds east of UTC of `region`'s clock when it shows `local` (naive). A time shown
    twice (when summer time ends) is the earlier, a time skipped (when it starts) has the
    offset before the change: zoneinfo's fold=0, as Java's ZonedDateTime.ofLocal reads it."""
    return int(local.replace(tzinfo=region).utcoffset().total_seconds())


def _zone_id_offset(key: str, text: str, local: datetime | None) -> int:
    """Seconds east of UTC at the naive local time `local` of the zone a bracketed id names
    ("Europe/Berlin", "UTC", "Etc/UTC": Java's ZoneId, the tz database's keys), through
    zoneinfo; an id it does not know is read as any zone is written (zone_offset: "+02:00",
    "CEST"), so it raises the same ZoneError for one that cannot be resolved. With `local`
    None (no such date) it is 0, and the date itself is the error."""
    key = key.strip()
    # "localtime" is the machine's own zone in some tz directories: never the writer's.
    region = _region(key) if key != "localtime" else None
    if region is None:
        return zone_offset(key, text, local)
    return 0 if local is None else _offset_at(region, local)


def _beyond_clocks(seconds: float) -> bool:
    """Whether an offset of so many seconds east of UTC is beyond every clock's: more than
    14 hours either way (UTC-12 to UTC+14; "+14:30" and "+1401" too, not only "+15")."""
    return abs(seconds) > EAST_OF_UTC.total_seconds()


def _utc_offset(seconds: int) -> str:
    minutes = abs(seconds) // 60
    return f"UTC{'-' if seconds < 0 else '+'}{minutes // 60:02d}:{minutes % 60:02d}"


def _wall_clock(year, month, day, hour=0, minute=0, second=0, fraction="") -> datetime:
    """The naive date and time written (`fraction`: the digits after the seconds' point);
    ValueError or OverflowError when it is none.

    Hour 24 is ISO 8601's end of a day (ISO 8601:2004 §4.2.3): 24:00:00, with no fraction,
    is 00:00 of the next day, and any later time is none. Second 60 is a leap second
    (RFC 3339 §5.6, RFC 5322 §3.3): a datetime cannot hold it, so it is second 59 of that
    minute, the last second a datetime can (where it may fall: _stamp)."""
    if hour == 24:
        if minute or second or fraction.strip("0"):
            raise ValueError("hour 24 is only 24:00:00, the end of the day")
        return datetime(year, month, day) + timedelta(days=1)
    return datetime(year, month, day, hour, minute, 59 if second == 60 else second)


def _stamp(
    text: str, year: int, month: int, day: int, hour=0, minute=0, second=0, offset=0, fraction=""
) -> str:
    """The stored form of a local date and time `offset` seconds east of UTC."""
    try:
        moment = _wall_clock(year, month, day, hour, minute, second, fraction)
        if offset:
            moment -= timedelta(seconds=offset)
    except ValueError as problem:
        raise DateError(f"not a date: {_shown(text)} ({problem})") from None
    except OverflowError:
        raise DateError(f"date out of range: {_shown(text)}") from None
    if second == 60 and not _leap_second_at(moment):
        raise DateError(
            f"not a date: {_shown(text)} (a leap second is 23:59:60 UTC on a month's last day)"
        )
    return moment.isoformat() + "Z"


def _leap_second_at(utc: datetime) -> bool:
    """Whether a leap second may follow `utc` (naive, UTC): only 23:59:59 UTC of a month's
    last day (RFC 3339 §5.7; which months had one is not checked, future ones are unknown)."""
    from calendar import monthrange  # imported on use: leap seconds are rare

    return utc.time() == time(23, 59, 59) and utc.day == monthrange(utc.year, utc.month)[1]


def _month(name: str | None) -> int | None:
    return _syntax().months.get(name.lower()) if name else None


def _from_match(
    text: str, match: re.Match, year: int, month: int, zone_id: str | None = None
) -> str:
    """The stored form of a date and time matched by _TIME and _ZONE; `zone_id`, the tz
    database id written in brackets after it, gives the offset when no zone is written."""
    zone = match["zone"]
    parts = (year, month, int(match["day"]), int(match["hour"]), int(match["minute"]),
             int(match["second"] or 0))  # fmt: skip
    fraction = match["fraction"] or ""
    offset = 0
    if zone or zone_id is not None:
        try:
            local = _wall_clock(*parts, fraction)
        except (ValueError, OverflowError):
            local = None  # not a date: _stamp says so
        if zone:  # the offset written is the instant's; a zone id after it only names a region
            offset = zone_offset(zone, text, local)
        else:
            offset = _zone_id_offset(zone_id, text, local)
    return _stamp(text, *parts, offset=offset, fraction=fraction)


def parse_date(text: str) -> str:
    """A date or datetime written by a person, a feed or a web page, in the stored form.

    Input: any text, such as "2024-07-29T12:00:00+02:00", "Mon, 29 Jul 2024 12:00:00 CEST",
    "July 29, 2024 12:00 PM PDT", "2024-02" or "25/06/2026". Output: the UTC instant as
    "2024-07-29T10:00:00Z" (seconds precision; fractions are dropped). The rules and their
    sources are in this module's docstring. Raises DateError (a ValueError) naming the text
    and the reason: not a date, an unknown or ambiguous zone name, an ambiguous day/month;
    NoDateError (a DateError) for MySQL's zero date, which says there is none.
    """
    cleaned = " ".join(str(text).split())
    if not cleaned:
        raise DateError("empty date")
    if _ZERO_DATE.match(cleaned):
        raise NoDateError(f"no date: {_shown(cleaned)} is MySQL's zero date, written for none")
    if cleaned[0].isdigit():  # ISO 8601 always starts with the year
        try:
            moment = datetime.fromisoformat(cleaned)
        except ValueError:
            moment = None
        if moment is not None:
            # fromisoformat (CPython 3.11) takes minutes and seconds past 59 in an offset
            # ("+02:99" as +03:39): such an offset is none, as zone_offset says.
            offset = _ISO_OFFSET.search(cleaned) if moment.tzinfo else None
            if offset and (
                any(int(part) > 59 for part in offset.group(2, 3) if part)
                or _beyond_clocks(moment.utcoffset().total_seconds())
            ):
                raise ZoneError(f"not a UTC offset: {offset[1]!r} in {_shown(cleaned)}")
            try:
                return format_timestamp(moment)
            except OverflowError:
                raise DateError(f"date out of range: {_shown(cleaned)}") from None
    syntax = _syntax()
    match = syntax.rfc_5322.match(cleaned)
    if match:
        month = _month(match["month"])
        if month:
            year = match["year"]
            return _from_match(cleaned, match, full_year(int(year), len(year)), month)
    match = syntax.iso_zoned.match(cleaned)
    if match:
        return _from_match(cleaned, match, int(match["year"]), int(match["month"]))
    # Rule 3 with a zone id in brackets (Java's ZonedDateTime); endswith first, so no other
    # date pays for the pattern.
    if cleaned.endswith("]") and (bracketed := syntax.zone_id.match(cleaned)):
        match = syntax.iso_zoned.match(bracketed["written"])
        if match:
            year, month = int(match["year"]), int(match["month"])
            return _from_match(cleaned, match, year, month, zone_id=bracketed["id"])
    return _parse_loose_date(cleaned)


def _parse_loose_date(text: str) -> str:
    """Rules 4 to 6 of the module docstring: partial dates, numeric dates, dateutil."""
    syntax = _syntax()
    match = syntax.year_month.match(text)
    if match:
        return _stamp(text, int(match["year"]), int(match["month"] or 1), 1)
    match = syntax.month_year.match(text)
    if match and (month := _month(match["month"] or match["month2"])):
        return _stamp(text, int(match["year"] or match["year2"]), month, 1)
    match = syntax.numeric_date.match(text)
    if match:
        year, month, day = _numeric_reading(text, match)
        rest = text[match.end() :].lstrip(" ,")
        if rest.startswith("T"):
            rest = rest[1:]
        if not rest:
            return _stamp(text, year, month, day)
        _one_date(text, rest)
        return _with_rest(text, f"{year:04d}-{month:02d}-{day:02d} {rest}")
    if text.isdigit() or not syntax.has_year.search(text):
        # dateutil would make "5" the 5th of this month, and "1518478934" a year.
        raise DateError(f"not a date: {_shown(text)}")
    match = syntax.numeric_date_inside.search(text)
    if match:
        _one_date(text, f"{text[: match.start()]} {text[match.end() :]}")
        year, month, day = _numeric_reading(text, match)
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return _parse_with_dateutil(f"{text[: match.start()]}{iso}{text[match.end() :]}", text)
    return _parse_with_dateutil(text, text)


def _one_date(text: str, rest: str) -> None:
    """DateError when `rest`, what `text` says besides the numeric date read in it, holds
    another date or year: the text gives two dates, and which one is meant is a guess."""
    syntax = _syntax()
    if syntax.other_number.search(rest) or syntax.numeric_date_inside.search(rest):
        raise DateError(f"not a date: {_shown(text)} (two dates)")


def _numeric_reading(text: str, match: re.Match) -> tuple[int, int, int]:
    """(year, month, day) of a numeric date (rule 5); AmbiguousDateError when it can be read
    as two dates, DateError when as none.

    Dotted, it is day first when it can be. Otherwise each reading that is a date counts: day
    first, month first, and, written with dashes and a two-digit last field, year first too
    ("24-06-05": 2024-06-05 as ISO 8601 orders it, or 24 June 2005; "31/12/24" is only day
    first); one reading is the date, several are ambiguous ("05/06/2026"), and "99-12-31"
    can only be 1999-12-31.
    """
    first, second, last = int(match["first"]), int(match["second"]), int(match["year"])
    short_year = len(match["year"]) == 2
    year = full_year(last, len(match["year"]))
    if match["sep"] == "." and _is_date(year, second, first):  # day first wherever dots are
        return year, second, first
    readings = [(year, second, first), (year, first, second)]
    if short_year and match["sep"] == "-":  # ISO 8601's order with its dashes: "24-06-05"
        readings.append((full_year(first, 2), second, last))
    dates = sorted({reading for reading in readings if _is_date(*reading)})
    if len(dates) > 1:
        raise AmbiguousDateError(
            f"ambiguous date {_shown(text)}: the day and month could be either way round;"
            " write it as year-month-day"
            if not short_year
            else f"ambiguous date {_shown(text)}: it can be read as "
            + " or ".join(f"{y:04d}-{m:02d}-{d:02d}" for y, m, d in dates)
            + "; write it as year-month-day"
        )
    if not dates:
        raise DateError(f"not a date: {_shown(text)}")
    return dates[0]


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def _with_rest(text: str, rewritten: str) -> str:
    """A numeric date rewritten as ISO 8601 with the time that followed it."""
    try:
        return format_timestamp(datetime.fromisoformat(rewritten))
    except ValueError:
        pass
    match = _syntax().iso_zoned.match(rewritten)
    if match:
        return _from_match(text, match, int(match["year"]), int(match["month"]))
    return _parse_with_dateutil(rewritten, text)


@functools.cache
def _dateutil_parser():
    """python-dateutil's parser, with two-digit years read by RFC 5322 instead of by today."""
    from dateutil import parser

    class FixedYears(parser.parserinfo):
        # English month names as dateutil has them, and those of MONTH_WORDS; "de" joins
        # the day, month and year in Spanish and Portuguese ("1 de mayo de 2024").
        MONTHS = [
            (*names, *(w for w in MONTH_WORDS[number].split() if w not in _NOT_FOR_DATEUTIL))
            for number, names in enumerate(parser.parserinfo.MONTHS, start=1)
        ]
        WEEKDAYS = [
            (*names, *WEEKDAY_WORDS[number].split())
            for number, names in enumerate(parser.parserinfo.WEEKDAYS)
        ]
        JUMP = [*parser.parserinfo.JUMP, "de", "del", *_DATEUTIL_JUMP]

        def convertyear(self, year: int, century_specified: bool = False) -> int:
            return year if century_specified else full_year(year, 2 if year < 100 else 4)

    return parser.parser(FixedYears())


def _parse_with_dateutil(text: str, original: str) -> str:
    """Rule 6: dateutil, with zone names from newsctl.zones and no default from today."""
    syntax = _syntax()
    text = syntax.offset_then_name.sub(r"\1", syntax.gmt_offset.sub("", text))
    text = syntax.bracketed_name.sub(r"\1", text)
    text = syntax.uhr.sub(lambda m: f"{m['hour']}:{m['minute'] or '00'}", text)

    def tzinfos(name: str | None, offset: int | None) -> tzinfo | None:
        # Called for every zone dateutil finds, so no name falls through to a warning or UTC.
        if name is not None:
            from newsctl import zones

            if name in zones.GENERIC and (region := _region(zones.GENERIC[name])):
                return region  # "9:24 pm ET": dateutil applies the region's rule at the date
            return timezone(timedelta(seconds=zone_offset(name, original)))
        return None if offset is None else timezone(timedelta(seconds=offset))

    reader = _dateutil_parser()
    try:
        moment = reader.parse(text, default=_NO_DEFAULTS, tzinfos=tzinfos)
        offset = moment.utcoffset()
        if offset is not None and _beyond_clocks(offset.total_seconds()):
            # An offset dateutil read itself ("Jun 05 2024 10:00 +1900", "GMT+1500 (...)"),
            # which zone_offset never saw: beyond the world's clocks, as there.
            raise ZoneError(f"not a UTC offset: {_shown(original)}")
        if moment.year == _NO_DEFAULTS.year:
            moment = reader.parse(text, default=_ALSO_NO_DEFAULTS, tzinfos=tzinfos)
            if moment.year == _ALSO_NO_DEFAULTS.year:
                raise DateError(f"not a date: {_shown(original)} (no year)")
        if moment.day != 1 and not syntax.day_number.search(text):
            # A weekday without a day ("Sat 2024"): dateutil moves the default day (the 1st)
            # to that weekday, which a default a week later moves elsewhere. Such a date has
            # no day, so it is the start of its period (rule 4). (Read twice only when no
            # number can be the day: most dates write theirs.)
            later = reader.parse(text, default=_NO_DEFAULTS.replace(day=8), tzinfos=tzinfos)
            if later.day != moment.day:
                moment = moment.replace(day=1)
        return format_timestamp(moment)
    except DateError:
        raise
    except (ValueError, OverflowError, TypeError):
        raise DateError(f"not a date: {_shown(original)}") from None


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


def parse_since(
    text: str, now: datetime | None = None, *, end_of_day: bool = False, local: bool = False
) -> str:
    """A --since/--until value: a span back from now ("7d") or a date; the stored form.

    With end_of_day, a bare date means its last second, so "--until 2024-05-01"
    includes that day. With local, a bare date is that day in the local time zone
    (where newsctl shows dates), else in UTC.
    """
    span = parse_span(text)
    if span is not None:
        try:
            return format_timestamp((now or now_utc()) - span)
        except OverflowError:
            return format_timestamp(datetime.min)
    stamp = parse_date(text)
    if _BARE_DATE.match(text.strip()):
        day = parse_timestamp(stamp)
        if local:  # midnight where the person is, as an instant
            day = day.replace(tzinfo=None).astimezone()
        if end_of_day:
            day += timedelta(days=1, seconds=-1)
        stamp = format_timestamp(day)
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
