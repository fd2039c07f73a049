"""parse_date on real-world dates: zone names, dates without a day, day/month order, feed shapes.

Expected values come from the case files' README (tests/data, copied from shared/cases/import),
from arithmetic on the written local time, or from an independent reader (zoneinfo, feedparser).
"""

import json
import os
import re
import subprocess
import sys
import time
import types
import warnings
import xml.etree.ElementTree as ElementTree
import zoneinfo
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsctl import zones
from newsctl.dates import DateError, NoDateError, ZoneError, parse_date, zone_offset
from tests.conftest import PROJECT, SHARED, article_rows, assert_one_error_line

DATA = Path(__file__).parent / "data"
FEEDS = SHARED / "corpus" / "feeds"
NUMERIC_OR_GMT = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z|GMT|UTC?)\s*$")


def pub_dates(path: Path) -> dict[str, str]:
    """Item title -> raw pubDate of an RSS file, read with the standard library."""
    channel = ElementTree.parse(path).getroot().find("channel")
    return {item.findtext("title"): item.findtext("pubDate") for item in channel.iter("item")}


# -- zone names ------------------------------------------------------------


def test_zone_abbreviations_in_rss_dates():
    # shared/cases/README.md: all written at 08:57 local time on 30 April 2015.
    expected = {
        "Ferry timetable changes": "2015-04-30T06:57:00Z",  # MEST
        "Bridge closure": "2015-04-30T06:57:00Z",  # CEST
        "Sports report": "2015-04-30T07:57:00Z",  # CET
        "Harbour report": "2015-04-30T07:57:00Z",  # BST
        "Arts report": "2015-04-29T22:57:00Z",  # AEST, the day before
        "Market report": "2015-04-30T12:57:00Z",  # EDT
        "Weather report": "2015-04-30T06:57:00Z",  # +0200
    }
    raw = pub_dates(DATA / "zones.xml")
    assert {title: parse_date(raw[title]) for title in expected} == expected


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("2024-07-29 12:00:00 CEST", "2024-07-29T10:00:00Z"),
        ("Mon, 29 Jul 2024 12:00:00 CEST", "2024-07-29T10:00:00Z"),
        ("July 29, 2024 12:00 PM PDT", "2024-07-29T19:00:00Z"),
        ("2024-07-29T12:00:00 EST", "2024-07-29T17:00:00Z"),
        ("2024-07-29 12:00 PDT", "2024-07-29T19:00:00Z"),
        # RFC 5322's letters win: CST is US Central, not China's +08:00 or Cuba's -05:00.
        ("Mon, 29 Jul 2024 12:00:00 CST", "2024-07-29T18:00:00Z"),
        ("Mon, 29 Jul 2024 12:00:00 PST", "2024-07-29T20:00:00Z"),
        ("Mon, 29 Jul 2024 12:00:00 UT", "2024-07-29T12:00:00Z"),
        ("mon, 29 jul 2024 12:00:00 cest", "2024-07-29T10:00:00Z"),
        # Names tzdata does not give that pages still write: German MEZ/MESZ, Singapore's SGT.
        ("2024-07-29 12:00 MESZ", "2024-07-29T10:00:00Z"),
        ("2024-01-29 12:00 MEZ", "2024-01-29T11:00:00Z"),
        ("2024-07-29 12:00 PM SGT", "2024-07-29T04:00:00Z"),
        # ... and the names tzdata gave before it wrote numbers, the press's PHT, German OEZ.
        ("Mon, 29 Jul 2024 12:00:00 BRT", "2024-07-29T15:00:00Z"),
        ("29 Jul 2024 12:00 ART", "2024-07-29T15:00:00Z"),
        ("2024-07-29 12:00 COT", "2024-07-29T17:00:00Z"),
        ("2024-07-29 12:00 ICT", "2024-07-29T05:00:00Z"),
        ("2024-07-29 12:00 NPT", "2024-07-29T06:15:00Z"),
        ("2024-07-29 12:00 PHT", "2024-07-29T04:00:00Z"),
        ("2024-07-29 12:00 TRT", "2024-07-29T09:00:00Z"),
        ("2024-07-29 12:00 OESZ", "2024-07-29T09:00:00Z"),
        # A region's clock (CLDR's generic names): standard or daylight time as the date falls.
        ("2019-11-18 9:24 pm ET", "2019-11-19T02:24:00Z"),
        ("2019-07-18 9:24 pm ET", "2019-07-19T01:24:00Z"),
        ("Mon, 18 Nov 2019 21:24:00 PT", "2019-11-19T05:24:00Z"),
        ("July 18, 2019 9:24 PM CT", "2019-07-19T02:24:00Z"),
        # A name in brackets with no offset before it is the zone ("12:00 (MEZ)").
        ("2024-01-29 12:00 (MEZ)", "2024-01-29T11:00:00Z"),
        ("Mon, 29 Jul 2024 12:00 (CEST)", "2024-07-29T10:00:00Z"),
        # A numeric offset is exact; a name after it is only a comment.
        ("Mon, 29 Jul 2024 12:00:00 +0200 (CEST)", "2024-07-29T10:00:00Z"),
        ("Mon, 29 Jul 2024 12:00:00 -0000", "2024-07-29T12:00:00Z"),
    ],
)
def test_zone_names_in_every_layout(text, stored):
    assert parse_date(text) == stored


# Zones of the same kinds, checked against zoneinfo rather than against the table itself:
# (abbreviation, a zone that uses it, a local time when it does).
ZONE_SAMPLES = [
    ("JST", "Asia/Tokyo", datetime(2024, 7, 29, 12, 0)),
    ("NZDT", "Pacific/Auckland", datetime(2024, 1, 15, 12, 0)),
    ("NZST", "Pacific/Auckland", datetime(2024, 7, 15, 12, 0)),
    ("HST", "Pacific/Honolulu", datetime(2024, 7, 29, 12, 0)),
    ("MSK", "Europe/Moscow", datetime(2024, 7, 29, 12, 0)),
    ("AEST", "Australia/Sydney", datetime(2024, 7, 29, 12, 0)),
    ("AEDT", "Australia/Sydney", datetime(2024, 1, 15, 12, 0)),
    ("ACST", "Australia/Darwin", datetime(2024, 7, 29, 12, 0)),
    ("BST", "Europe/London", datetime(2024, 7, 29, 12, 0)),
    ("CET", "Europe/Paris", datetime(2024, 1, 15, 12, 0)),
    ("EEST", "Europe/Athens", datetime(2024, 7, 29, 12, 0)),
    ("SAST", "Africa/Johannesburg", datetime(2024, 7, 29, 12, 0)),
    ("KST", "Asia/Seoul", datetime(2024, 7, 29, 12, 0)),
    ("PKT", "Asia/Karachi", datetime(2024, 7, 29, 12, 0)),
    ("NST", "America/St_Johns", datetime(2024, 1, 15, 12, 0)),
    ("AKDT", "America/Anchorage", datetime(2024, 7, 29, 12, 0)),
]


@pytest.mark.parametrize(("name", "zone", "local"), ZONE_SAMPLES)
def test_zone_names_agree_with_zoneinfo(name, zone, local):
    aware = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
    assert aware.tzname() == name  # the sample itself is right
    expected = aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    written = local.strftime(f"%a, %d %b %Y %H:%M:%S {name}")
    assert parse_date(written) == expected
    assert parse_date(local.strftime(f"%Y-%m-%d %H:%M {name}")) == expected
    assert parse_date(local.strftime(f"%B %d, %Y %I:%M %p {name}")) == expected


def test_the_table_agrees_with_zoneinfo_for_every_zone():
    """Every name any zone uses in 2025 is in the table with zoneinfo's offset, or ambiguous
    with it among its meanings, or one of RFC 5322's names, which take precedence."""
    rfc_5322 = {"UT", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"}
    seen = set()
    for key in zoneinfo.available_timezones():
        for month in (1, 4, 7, 10):
            moment = datetime(2025, month, 15, 12, tzinfo=zoneinfo.ZoneInfo(key))
            name, offset = moment.tzname(), int(moment.utcoffset().total_seconds())
            if not name.isalpha() or name in rfc_5322:
                continue
            seen.add(name.upper())
            if name.upper() in zones.AMBIGUOUS:
                assert offset in zones.AMBIGUOUS[name.upper()], (key, name)
            else:
                assert zones.OFFSETS.get(name.upper()) == offset, (key, name, offset)
    assert {"CEST", "AEST", "JST", "NZDT", "MSK", "SAST", "IST"} <= seen


def test_zone_table_is_what_the_generator_writes():
    tzdata = pytest.importorskip("tzdata")
    if f"tzdata {tzdata.IANA_VERSION}" not in (zones.__doc__ or ""):
        pytest.skip(f"zones.py was made from another tzdata release than {tzdata.IANA_VERSION}")
    result = subprocess.run(
        [sys.executable, str(PROJECT / "tools" / "make_zones.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Thu, 30 Apr 2015 08:57 XYZ", "unknown time zone 'XYZ' in 'Thu, 30 Apr 2015 08:57 XYZ'"),
        ("2024-07-29 12:00 XYZ", "unknown time zone 'XYZ'"),
        ("July 29, 2024 12:00 PM XYZ", "unknown time zone 'XYZ'"),
        ("Thu, 30 Apr 2015 08:57:00 IST", "ambiguous time zone 'IST'"),
        ("July 29, 2024 12:00 PM IST", "ambiguous time zone 'IST'"),
        # The Atlantic's in tzdata now, Arabia's in tzdata until 2017 and in the Gulf's press.
        ("Mon, 29 Jul 2024 12:00:00 AST", "ambiguous time zone 'AST'"),
        # RFC 822's military letters had the wrong sign (RFC 1123 §5.2.14): unknown, not UTC.
        ("Thu, 30 Apr 2015 08:57:00 A", "unknown time zone 'A'"),
        ("Thu, 30 Apr 2015 08:57:00 +2500", "not a UTC offset"),
        # A region's clock in lower case is a word ("et": French "and"), not a zone.
        ("2019-11-18 21:24 et", "unknown time zone 'et'"),
    ],
)
def test_unresolved_zones_are_errors_never_utc(text, reason):
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert reason in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_ambiguous_zone_message_lists_its_meanings():
    with pytest.raises(DateError, match=r"UTC\+01:00, UTC\+02:00, UTC\+05:30"):
        zone_offset("IST")


def test_dateutil_never_warns_and_never_uses_the_machines_zone(monkeypatch):
    # dateutil reads a name that matches time.tzname as the machine's local zone; pretend the
    # machine is in "XYZ": the name must still be unknown, not this machine's offset.
    monkeypatch.setattr(time, "tzname", ("XYZ", "XYZ"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for text in ("July 29, 2024 12:00 PM XYZ", "Sun Jan 4 16:29:06 QQQ 2004"):
            with pytest.raises(DateError, match="unknown time zone"):
                parse_date(text)
        assert parse_date("July 29, 2024 12:00 PM PDT") == "2024-07-29T19:00:00Z"
    assert [str(warning.message) for warning in caught] == []


def test_zone_names_through_the_cli(run, db):
    result = run("import", DATA / "zone-names.jsonl")
    assert "Warning" not in result.stderr and "tzname" not in result.stderr
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {
        "Ferry strike called off": "2024-07-29T10:00:00Z",
        "Quay market extended": "2024-07-29T10:00:00Z",
        "Pier lights repaired": "2024-07-29T19:00:00Z",
        "Regatta postponed": "2024-07-29T17:00:00Z",
    }
    run("add", "--title", "Ferry late", "--body", "b", "--published", "2024-07-29 12:00 PDT")
    assert article_rows(db())[-1]["published_at"] == "2024-07-29T19:00:00Z"
    run("add", "--title", "Fähre spät", "--body", "b", "--published", "29.07.2024 12:00 MESZ")
    assert article_rows(db())[-1]["published_at"] == "2024-07-29T10:00:00Z"
    run("add", "--title", "Late ferry", "--body", "b", "--published", "Nov 18, 2019 9:24 PM ET")
    assert article_rows(db())[-1]["published_at"] == "2019-11-19T02:24:00Z"


def test_an_unknown_zone_is_reported_with_file_line_and_date(run, db, tmp_path):
    records = tmp_path / "dates.jsonl"
    records.write_text(
        json.dumps({"title": "Kept", "published_at": "2024-07-29 12:00 CEST"})
        + "\n"
        + json.dumps({"title": "Odd zone", "published_at": "Thu, 30 Apr 2015 08:57 XYZ"})
        + "\n",
        encoding="utf-8",
    )
    result = run("import", records, expect=None)
    assert "dates.jsonl:line 2" in result.stderr
    assert "unknown time zone 'XYZ' in 'Thu, 30 Apr 2015 08:57 XYZ'" in result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    assert [row["title"] for row in article_rows(db())] == ["Kept"]
    result = run("add", "--title", "x", "--published", "2024-07-29 12:00 IST", expect=2)
    assert "ambiguous time zone 'IST'" in result.stderr


# -- dates without a day ---------------------------------------------------


PERIOD_STARTS = [
    ("2024", "2024-01-01T00:00:00Z"),
    ("2024-02", "2024-02-01T00:00:00Z"),
    ("June 2024", "2024-06-01T00:00:00Z"),
    ("2024-11", "2024-11-01T00:00:00Z"),
    ("Feb. 2023", "2023-02-01T00:00:00Z"),
    ("September 2021", "2021-09-01T00:00:00Z"),
    ("2021 Sept", "2021-09-01T00:00:00Z"),
    ("March 2024 10:30", "2024-03-01T10:30:00Z"),  # through dateutil
    # Month names of other languages, as German, French and Spanish records write them.
    ("Juni 2024", "2024-06-01T00:00:00Z"),
    ("März 2024", "2024-03-01T00:00:00Z"),
    ("juin 2024", "2024-06-01T00:00:00Z"),
    ("décembre 2023", "2023-12-01T00:00:00Z"),
    ("junio de 2024", "2024-06-01T00:00:00Z"),
]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("29. Juli 2024", "2024-07-29T00:00:00Z"),
        ("29 juillet 2024 10:00 CEST", "2024-07-29T08:00:00Z"),
        ("1 de mayo de 2024", "2024-05-01T00:00:00Z"),
        ("29 Mär 2024 10:00 MEZ", "2024-03-29T09:00:00Z"),
        ("12 dic 2023", "2023-12-12T00:00:00Z"),
    ],
)
def test_month_names_of_other_languages(text, stored, today_moved):
    assert parse_date(text) == stored


def test_a_month_in_another_language_through_the_cli(run, db, tmp_path):
    source = tmp_path / "d.jsonl"
    source.write_text(
        '{"title": "Fest", "published_at": "Juni 2024"}\n'
        '{"title": "Fiesta", "published_at": "1 de mayo de 2024 10:00 CEST"}\n',
        encoding="utf-8",
    )
    run("import", source)
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {"Fest": "2024-06-01T00:00:00Z", "Fiesta": "2024-05-01T08:00:00Z"}


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # Weekday names of the languages of the month names, with and without a time.
        ("Montag, 5. August 2024", "2024-08-05T00:00:00Z"),
        ("Mi., 1. Mai 2024", "2024-05-01T00:00:00Z"),
        ("lundi 5 août 2024", "2024-08-05T00:00:00Z"),
        ("mer. 1 mai 2024", "2024-05-01T00:00:00Z"),
        ("miércoles, 1 de mayo de 2024", "2024-05-01T00:00:00Z"),
        ("segunda-feira, 5 de agosto de 2024", "2024-08-05T00:00:00Z"),
        ("lunedì 5 agosto 2024", "2024-08-05T00:00:00Z"),
        ("zondag 4 augustus 2024 14:00", "2024-08-04T14:00:00Z"),
        # French ordinals, "at" in German and French, German "Uhr" (o'clock), which is no zone.
        ("mercredi 1er mai 2024", "2024-05-01T00:00:00Z"),
        ("1er mai 2024 à 10:00", "2024-05-01T10:00:00Z"),
        ("5. August 2024 um 09:05 Uhr", "2024-08-05T09:05:00Z"),
        ("05.08.2024 09:05 Uhr", "2024-08-05T09:05:00Z"),
        ("Mittwoch, 1. Mai 2024, 10:00 Uhr MESZ", "2024-05-01T08:00:00Z"),
        ("2024-08-05 09:05 Uhr", "2024-08-05T09:05:00Z"),
    ],
)
def test_weekdays_ordinals_and_uhr_of_other_languages(text, stored, today_moved):
    assert parse_date(text) == stored


def test_dates_with_weekdays_of_other_languages_through_the_cli(run, db, tmp_path):
    # Before, each of these records was rejected ("not a date", "unknown time zone 'Uhr'").
    source = tmp_path / "d.csv"
    source.write_text(
        "title;published\n"
        "Brücke eröffnet;Montag, 5. August 2024, 09:05 Uhr\n"
        "Pont ouvert;lundi 5 août 2024\n"
        "Puente abierto;miércoles, 1 de mayo de 2024\n",
        encoding="utf-8",
    )
    result = run("import", source)
    assert result.stderr == ""
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {
        "Brücke eröffnet": "2024-08-05T09:05:00Z",
        "Pont ouvert": "2024-08-05T00:00:00Z",
        "Puente abierto": "2024-05-01T00:00:00Z",
    }


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # JavaScript's Date.toString(), as scrapers save it: the offset, and the zone's full
        # name in the browser's language as a comment.
        (
            "Mon Aug 05 2024 09:05:00 GMT+0200 (Central European Summer Time)",
            "2024-08-05T07:05:00Z",
        ),
        (
            "Mon Aug 05 2024 09:05:00 GMT+0200 (Mitteleuropäische Sommerzeit)",
            "2024-08-05T07:05:00Z",
        ),
        ("Mon Aug 05 2024 09:05:00 GMT-0400 (Eastern Daylight Time)", "2024-08-05T13:05:00Z"),
        # A zone name in brackets, the only zone given, in the written forms too.
        ("August 5, 2024 9:05 PM (CEST)", "2024-08-05T19:05:00Z"),
    ],
)
def test_an_offset_with_its_zone_named_in_brackets(text, stored):
    assert parse_date(text) == stored


def test_a_zone_name_in_brackets_is_still_resolved_or_refused():
    with pytest.raises(ZoneError, match="ambiguous time zone 'IST'"):
        parse_date("August 5, 2024 9:05 PM (IST)")


@pytest.fixture
def today_moved(monkeypatch):
    """dateutil's idea of today (used for the fields a date leaves out) moved to 2031-07-15."""
    from dateutil.parser import _parser

    class FrozenDatetime(_parser.datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2031, 7, 15, 13, 45, 10, tzinfo=tz)

    frozen = types.SimpleNamespace(**vars(_parser.datetime))
    frozen.datetime = FrozenDatetime
    monkeypatch.setattr(_parser, "datetime", frozen)
    from dateutil import parser

    # The clock is really moved for dateutil: its own default now fills in the 15th.
    assert parser.parse("June 2024").day == 15


@pytest.mark.parametrize(("text", "stored"), PERIOD_STARTS)
def test_dates_without_a_day_are_the_start_of_the_period(text, stored, today_moved):
    assert parse_date(text) == stored


@pytest.mark.parametrize("text", ["June 5", "5", "soon", "Tuesday", "1518478934"])
def test_dates_without_a_year_are_not_dates(text, today_moved):
    with pytest.raises(DateError, match="not a date"):
        parse_date(text)


def test_partial_dates_through_the_cli(run, db):
    result = run("import", DATA / "partial-dates.jsonl")
    assert "Warning" not in result.stderr
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {
        "Annual report published": "2024-01-01T00:00:00Z",
        "February roadworks": "2024-02-01T00:00:00Z",
        "June festival": "2024-06-01T00:00:00Z",
        "November tides": "2024-11-01T00:00:00Z",
    }


# -- day/month order and two-digit years ------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("25/06/2026", "2026-06-25T00:00:00Z"),  # day first: 25 cannot be a month
        ("25.06.2026", "2026-06-25T00:00:00Z"),
        ("25-06-2026", "2026-06-25T00:00:00Z"),
        ("06/25/2026", "2026-06-25T00:00:00Z"),  # month first only when the day says so
        ("05/05/2026", "2026-05-05T00:00:00Z"),  # either way round, the same day
        ("Thu 25/06/2026 14:30", "2026-06-25T14:30:00Z"),
        ("25/06/2026 14:30 CEST", "2026-06-25T12:30:00Z"),
        ("25.06.26", "2026-06-25T00:00:00Z"),
        ("2026/06/05", "2026-06-05T00:00:00Z"),  # year first is year-month-day
        ("99-12-31", "1999-12-31T00:00:00Z"),  # two-digit fields: only year first is a date
        ("31/12/99", "1999-12-31T00:00:00Z"),
        ("31/12/24", "2024-12-31T00:00:00Z"),  # slashes: never year first
        ("13/06/24 10:00", "2024-06-13T10:00:00Z"),
    ],
)
def test_numeric_dates_with_an_unambiguous_order(text, stored):
    assert parse_date(text) == stored


# Two-digit fields may also be year first, as ISO 8601 orders them ("24-06-05": 2024-06-05
# or 24 June 2005).
@pytest.mark.parametrize(
    "text", ["05/06/2026", "05-06-2026 10:00", "1/2/26", "24-06-05", "26-06-13", "25-06-26"]
)
def test_numeric_dates_that_could_be_either_order_are_rejected(text):
    with pytest.raises(DateError, match="ambiguous date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # Dotted dates are day first wherever they are written (German, Russian, Polish,
        # Nordic); nobody writes month.day.year with dots.
        ("5.6.2026", "2026-06-05T00:00:00Z"),
        ("01.05.2024 10:00", "2024-05-01T10:00:00Z"),
        ("Fr. 03.05.2024, 10:00 MESZ", "2024-05-03T08:00:00Z"),
        ("12.11.24", "2024-11-12T00:00:00Z"),
        ("06.25.2026", "2026-06-25T00:00:00Z"),  # as with slashes: 25 cannot be a month
    ],
)
def test_dotted_numeric_dates_are_day_first(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # A numeric date after a time or a word is read by the same rule as at the start:
        # dots day first, slashes day first unless the day says otherwise.
        ("10:00 05.06.2024", "2024-06-05T10:00:00Z"),
        ("10:00 13/06/2024", "2024-06-13T10:00:00Z"),
        ("10:00 06/13/2024", "2024-06-13T10:00:00Z"),
        ("sáb 13/07/2024", "2024-07-13T00:00:00Z"),
    ],
)
def test_numeric_dates_after_other_words_follow_the_same_rule(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text", ["10:00 05/06/2024", "10:00, 05/06/2024", "- 05/06/2024", "mié., 05/06/2024"]
)
def test_ambiguous_numeric_dates_after_other_words_are_rejected(text):
    # dateutil read these month first (2024-05-06).
    with pytest.raises(DateError, match="ambiguous date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # "Uhr" makes the number before it an hour, wherever it stands: dateutil, passing
        # over the word, read "10" as the year 2010 and "2024" as 20:24.
        ("10 Uhr, 5. Juni 2024", "2024-06-05T10:00:00Z"),
        ("um 17 Uhr 5. Mai 2024", "2024-05-05T17:00:00Z"),
        ("5. Mai 2024 um 17.30 Uhr", "2024-05-05T17:30:00Z"),
        ("Mittwoch, 5. Juni 2024 um 10 Uhr", "2024-06-05T10:00:00Z"),
    ],
)
def test_uhr_after_an_hour_alone(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text",
    [
        "2024-06-05 / 07.06.2024",  # stored as 2024-06-06T03:24:00Z
        "5. Juni 2024 07.06.2024",  # stored as 2024-06-06T03:24:00Z
        "2024-06-05 12.06.24",  # stored as 2024-06-06T08:24:00Z
        "31.12.24 2024",  # stored as 2024-12-31T20:24:00Z
        "Tel. 01.02.03 2024",  # stored as 2003-02-01T20:24:00Z
    ],
)
def test_a_numeric_date_beside_another_date_is_no_date(text):
    with pytest.raises(DateError, match="two dates"):
        parse_date(text)


def test_numeric_dates_after_a_time_through_the_cli(run, db, tmp_path):
    source = tmp_path / "d.jsonl"
    source.write_text(
        '{"title": "Dotted", "published_at": "10:00 05.06.2024"}\n'
        '{"title": "Either way", "published_at": "10:00 05/06/2024"}\n',
        encoding="utf-8",
    )
    result = run("import", source, expect=1)
    assert_one_error_line(result, "d.jsonl:line 2", "ambiguous date")
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {"Dotted": "2024-06-05T10:00:00Z"}


@pytest.mark.parametrize(
    ("text", "stored"),
    [("Sat 2024", "2024-01-01T00:00:00Z"), ("Sa Aug 2024", "2024-08-01T00:00:00Z")],
)
def test_a_weekday_without_a_day_is_the_start_of_the_period(text, stored, today_moved):
    # dateutil moved the 1st to the next such weekday (2024-01-06).
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text", ["0000-00-00 00:00:00", "0000-00-00", "0000-00-00T00:00:00Z", " 0000-00-00  00:00 "]
)
def test_mysqls_zero_date_is_no_date(text):
    # MySQL (and WordPress, for an unpublished post's GMT time) writes it where there is none.
    with pytest.raises(NoDateError, match="no date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # RFC 5322 §4.3: 00-49 are 2000-2049, 50-99 are 1950-1999, whatever today is.
        ("Tue, 01 Jun 04 09:30:00 GMT", "2004-06-01T09:30:00Z"),
        ("Tue, 01 Jun 49 09:30:00 GMT", "2049-06-01T09:30:00Z"),
        ("Tue, 01 Jun 50 09:30:00 GMT", "1950-06-01T09:30:00Z"),
        ("Tue, 01 Jun 99 09:30 +0000", "1999-06-01T09:30:00Z"),
        ("Tue, 01 Jun 104 09:30 +0000", "2004-06-01T09:30:00Z"),
    ],
)
def test_two_digit_years_follow_rfc_5322(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # HTTP's obsolete rfc850-date, which recipients must still read (RFC 9110 5.6.7).
        ("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"),
        ("Monday, 05-Aug-24 09:05:00 GMT", "2024-08-05T09:05:00Z"),
        ("Mon, 05-Aug-2024 09:05 +0200", "2024-08-05T07:05:00Z"),
        ("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"),  # asctime-date
    ],
)
def test_http_dates_of_every_form(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text",
    ["2024-05-01T09:30:00+19:00", "Mon, 5 Aug 2024 09:05:00 +1900", "2024-05-01 09:30 GMT+20"],
)
def test_an_offset_beyond_fourteen_hours_is_refused(text):
    # UTC-12:00 to UTC+14:00 are the world's clocks: "+1900" is a slip, not a place.
    with pytest.raises(ZoneError, match="not a UTC offset"):
        parse_date(text)
    assert parse_date("2024-05-01T09:30:00+14:00") == "2024-04-30T19:30:00Z"


def test_an_offset_beyond_fourteen_hours_is_refused_in_every_form(run, db, tmp_path):
    # Written dates that dateutil reads (month first, a JavaScript Date string) and offsets
    # of 14 hours and some minutes were stored hours off.
    slips = [
        "Jun 05 2024 10:00 +1900",
        "June 5, 2024 10:00 AM +15:00",
        "Wed Jun 05 2024 10:00:00 GMT+1500 (Line Islands Time)",
        "2024-06-05T10:00:00+14:30",
        "Wed, 05 Jun 2024 10:00:00 +1401",
    ]
    records = tmp_path / "offsets.jsonl"
    lines = [{"title": "Kept", "published_at": "Jun 05 2024 10:00 +1400"}]
    lines += [{"title": f"Slip {n}", "published_at": text} for n, text in enumerate(slips)]
    records.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run("import", records, expect=1)
    assert result.stderr.count("not a UTC offset") == len(slips)
    assert "Traceback" not in result.stderr
    stored = [(row["title"], row["published_at"]) for row in article_rows(db())]
    assert stored == [("Kept", "2024-06-04T20:00:00Z")]


@pytest.mark.parametrize(
    "text", ["Mon, 5 Aug 2024 09:05:00 +020", "2024-08-05T09:05:00+020", "5 Aug 2024 09:05 -130"]
)
def test_an_offset_of_three_digits_is_refused(text):
    # ±HHMM, ±HH:MM, ±HH: "+020" is none of them (it was read as +00:20, 20 minutes off).
    with pytest.raises(ZoneError, match="not a UTC offset"):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["2024-08-05T09:05:00+02:99", "2024-08-05T09:05:00+0260", "2024-08-05 09:05+02:00:75"]
)
def test_an_iso_offset_with_minutes_past_59_is_refused(text):
    # datetime.fromisoformat read "+02:99" as +03:39 and the date was stored 1 h 39 min off.
    with pytest.raises(ZoneError, match="not a UTC offset"):
        parse_date(text)


def test_malformed_offsets_in_a_feed_are_reported_not_stored(run, db, tmp_path):
    items = "".join(
        f"<item><title>{title}</title><link>https://quay.example/{n}</link>"
        f"<description>{title}.</description><pubDate>{date}</pubDate></item>"
        for n, (title, date) in enumerate(
            [("Ferry late", "Mon, 5 Aug 2024 09:05:00 +020"),
             ("Old news", "Sunday, 06-Nov-94 08:49:37 GMT")]
        )
    )  # fmt: skip
    feed = tmp_path / "f.rss"
    feed.write_text(f'<rss version="2.0"><channel><title>Q</title>{items}</channel></rss>', "utf-8")
    result = run("import", feed)
    assert "not a UTC offset: '+020'" in result.stderr
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {"Ferry late": None, "Old news": "1994-11-06T08:49:37Z"}


# -- the shapes feeds use ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Tue, 1 Jun 2004 09:30:00 GMT+2", "2004-06-01T07:30:00Z"),  # not POSIX's reverse sign
        ("Tue, 1 Jun 2004 09:30:00 GMT-05:30", "2004-06-01T15:00:00Z"),
        ("Tue, 1 Jun 2004 09:30 UTC+5", "2004-06-01T04:30:00Z"),
        ("1 Jun 2004 09:30 -0400", "2004-06-01T13:30:00Z"),
        ("Tuesday, 1 June 2004 09:30:00 EDT", "2004-06-01T13:30:00Z"),
        ("Thu, 07 May 2020 07:36:53 Z", "2020-05-07T07:36:53Z"),
        ("2009-04-09T18:23:09.035Z", "2009-04-09T18:23:09Z"),
        ("2003-12-31T10:14:55.1234567-08:00", "2003-12-31T18:14:55Z"),
        ("2003-12-31t10:14:55z", "2003-12-31T10:14:55Z"),
        ("2003-12-31T9:14+01:00", "2003-12-31T08:14:00Z"),
        ("2003-12", "2003-12-01T00:00:00Z"),
        ("2003", "2003-01-01T00:00:00Z"),
        ("2003-12-31", "2003-12-31T00:00:00Z"),
        ("Sun Jan  4 16:29:06 PST 2004", "2004-01-05T00:29:06Z"),  # asctime, as feedparser reads
    ],
)
def test_feed_date_shapes(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text",
    ["Thu, 31 Apr 2015 08:57:00 GMT", "2024-13-01", "32/13/2024", "0001-01-01T00:00:00+01:00"],
)
def test_impossible_dates_are_errors(text):
    with pytest.raises(DateError):
        parse_date(text)


@pytest.mark.skipif(not FEEDS.is_dir(), reason="the shared corpus is not beside the project")
def test_every_raw_date_of_the_feed_corpus():
    """parse_date reads the raw dates of real feeds, and agrees with feedparser wherever the
    zone is numeric or GMT (feedparser takes unknown names as UTC, so not there)."""
    import calendar

    import feedparser

    read, compared, failures = 0, 0, []
    for path in sorted(FEEDS.glob("*.xml")):
        for entry in feedparser.parse(path.read_bytes()).entries:
            for key in ("published", "updated", "created"):
                raw = dict.get(entry, key)
                if not raw:
                    continue
                try:
                    mine = parse_date(raw)
                except DateError as error:
                    failures.append(f"{path.name}: {error}")
                    continue
                read += 1
                theirs = dict.get(entry, f"{key}_parsed")
                if theirs and NUMERIC_OR_GMT.search(raw):
                    compared += 1
                    stamp = datetime.fromtimestamp(calendar.timegm(theirs), UTC)
                    if stamp.strftime("%Y-%m-%dT%H:%M:%SZ") != mine:
                        failures.append(f"{path.name}: {raw!r} {mine} vs feedparser {stamp}")
    # One feed has a Unix timestamp as its date ("InvalidDateFormat"): not a date.
    assert [failure for failure in failures if "InvalidDateFormat" not in failure] == []
    assert read > 900 and compared > 900


# -- Java's zone ids, 24:00 and leap seconds ------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # Java's ZonedDateTime.toString() (DateTimeFormatter.ISO_ZONED_DATE_TIME): the offset
        # it printed for the instant, then the zone's id; seconds left out when zero, and up to
        # nanoseconds.
        ("2024-07-29T10:00:00+02:00[Europe/Berlin]", "2024-07-29T08:00:00Z"),
        ("2024-07-29T10:00+02:00[Europe/Berlin]", "2024-07-29T08:00:00Z"),
        ("2024-07-29T10:00:00.123456789-07:00[America/Los_Angeles]", "2024-07-29T17:00:00Z"),
        ("2024-07-29T08:00Z[UTC]", "2024-07-29T08:00:00Z"),
        ("2024-07-29T08:00Z[Etc/UTC]", "2024-07-29T08:00:00Z"),
        # The offset is the instant: it wins over an id that disagrees, or one unknown here.
        ("2024-07-29T10:00:00+05:00[Europe/Berlin]", "2024-07-29T05:00:00Z"),
        ("2024-07-29T10:00:00+02:00[Nowhere/Land]", "2024-07-29T08:00:00Z"),
        # No offset: the zone's at that local time. Java's answers (ZonedDateTime.of) where the
        # clocks go back (02:30 twice: the earlier, +02:00) and forward (02:30 skipped: +01:00).
        ("2024-07-29T10:00:00[Europe/Berlin]", "2024-07-29T08:00:00Z"),
        ("2024-10-27T02:30:00[Europe/Berlin]", "2024-10-27T00:30:00Z"),
        ("2024-03-31T02:30:00[Europe/Berlin]", "2024-03-31T01:30:00Z"),
    ],
)
def test_java_zoned_date_times(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    ("key", "local"),
    [
        ("Europe/Berlin", datetime(2024, 7, 29, 10, 0)),  # CEST
        ("Europe/Berlin", datetime(2024, 1, 29, 10, 0)),  # CET
        ("America/New_York", datetime(2024, 1, 29, 23, 30)),  # the next day in UTC
        ("Asia/Kolkata", datetime(2024, 7, 29, 10, 0)),  # +05:30
        ("Australia/Lord_Howe", datetime(2024, 1, 15, 12, 0)),  # half an hour of summer time
        ("Etc/GMT-2", datetime(2024, 7, 29, 10, 0)),  # POSIX's sign: +02:00
        ("UTC", datetime(2024, 7, 29, 10, 0)),
    ],
)
def test_a_zone_id_without_an_offset_agrees_with_zoneinfo(key, local):
    expected = local.replace(tzinfo=zoneinfo.ZoneInfo(key)).astimezone(UTC)
    assert parse_date(f"{local:%Y-%m-%dT%H:%M:%S}[{key}]") == f"{expected:%Y-%m-%dT%H:%M:%SZ}"
    assert parse_date(f"{local:%Y-%m-%dT%H:%M}[{key}]") == f"{expected:%Y-%m-%dT%H:%M:%SZ}"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "2024-07-29T10:00:00[Nowhere/Land]",
            "unknown time zone 'Nowhere/Land' in '2024-07-29T10:00:00[Nowhere/Land]'",
        ),
        ("2024-07-29T10:00[]", "unknown time zone ''"),
        # The machine's own zone in its tz directory (/usr/share/zoneinfo/localtime), never
        # the writer's.
        ("2024-07-29T10:00[localtime]", "unknown time zone 'localtime'"),
        ("2024-07-29T10:00[IST]", "ambiguous time zone 'IST'"),
    ],
)
def test_a_zone_id_that_cannot_be_resolved_without_an_offset_is_a_zone_error(text, reason):
    with pytest.raises(ZoneError) as raised:
        parse_date(text)
    assert reason in str(raised.value)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # ISO 8601:2004 §4.2.3: 24:00 is the end of a day, 00:00 of the next.
        ("2024-07-29T24:00:00Z", "2024-07-30T00:00:00Z"),
        ("2024-07-29 24:00", "2024-07-30T00:00:00Z"),
        ("2024-07-29T24:00:00.000Z", "2024-07-30T00:00:00Z"),
        ("2024-02-28T24:00Z", "2024-02-29T00:00:00Z"),
        ("2024-12-31T24:00:00+01:00", "2024-12-31T23:00:00Z"),  # next year there, not in UTC
        ("29/07/2024 24:00", "2024-07-30T00:00:00Z"),
        ("2024-07-29T24:00:00[Europe/Berlin]", "2024-07-29T22:00:00Z"),
    ],
)
def test_24_00_is_the_start_of_the_next_day(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text",
    ["2024-07-29T24:01Z", "2024-07-29T24:00:01Z", "2024-07-29T24:00:00.5Z", "2024-07-29 24:30"],
)
def test_only_24_00_00_is_the_end_of_a_day(text):
    with pytest.raises(DateError, match="hour 24 is only 24:00:00"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # RFC 3339 §5.6: second 60 is a leap second; a datetime has none, so second 59.
        ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
        ("2015-06-30T23:59:60Z", "2015-06-30T23:59:59Z"),
        ("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:59Z"),
        # RFC 3339 §5.7: elsewhere it falls at the local time of that instant.
        ("2017-01-01T00:59:60+01:00", "2016-12-31T23:59:59Z"),
        ("2017-01-01T05:29:60+05:30", "2016-12-31T23:59:59Z"),
        ("Sat, 31 Dec 2016 23:59:60 GMT", "2016-12-31T23:59:59Z"),  # RFC 5322 §3.3 has it too
        ("2016-12-31T23:59:60Z[UTC]", "2016-12-31T23:59:59Z"),
    ],
)
def test_a_leap_second_is_the_second_before_it(text, stored):
    assert parse_date(text) == stored


@pytest.mark.parametrize(
    "text",
    [
        "2024-07-29T12:00:60Z",  # not 23:59 UTC
        "2016-12-31T23:59:60+01:00",  # 22:59:60 UTC
        "2016-12-30T23:59:60Z",  # not a month's last day
    ],
)
def test_second_60_is_only_where_a_leap_second_falls(text):
    with pytest.raises(DateError, match="a leap second is 23:59:60 UTC on a month's last day"):
        parse_date(text)


# Through every input path: (title, date written, stored).
EDGE_DATES = [
    ("Ferry strike called off", "2024-07-29T10:00:00+02:00[Europe/Berlin]", "2024-07-29T08:00:00Z"),
    ("Quay market extended", "2024-07-29T10:00:00[Europe/Berlin]", "2024-07-29T08:00:00Z"),
    ("Pier lights repaired", "2024-07-29T08:00Z[UTC]", "2024-07-29T08:00:00Z"),
    ("Regatta postponed", "2024-07-29T08:00Z[Etc/UTC]", "2024-07-29T08:00:00Z"),
    ("Harbour closes", "2024-07-29T24:00:00Z", "2024-07-30T00:00:00Z"),
    ("Night tide", "2024-07-29 24:00", "2024-07-30T00:00:00Z"),
    ("Year ends late", "2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
]


def test_java_zones_end_of_day_and_leap_seconds_in_feeds(run, db, tmp_path):
    """RSS <pubDate> and <dc:date>, Atom <updated>: feedparser hands the text on as written
    (its own reading is not used), and it is stored as parse_date reads it."""
    items = "".join(
        f"<item><title>{title}</title><link>https://harbour.example/{number}</link>"
        + (f"<pubDate>{date}</pubDate>" if number % 2 else f"<dc:date>{date}</dc:date>")
        + "</item>"
        for number, (title, date, _) in enumerate(EDGE_DATES)
    )
    unknown = (
        "<item><title>Lost zone</title><pubDate>2024-07-29T10:00[Nowhere/Land]</pubDate></item>"
    )
    rss = tmp_path / "harbour.xml"
    rss.write_text(
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>Harbour</title><link>https://harbour.example/</link>{items}{unknown}"
        "</channel></rss>",
        encoding="utf-8",
    )
    entries = "".join(
        f"<entry><title>Atom {title}</title><id>urn:x:{number}</id><updated>{date}</updated>"
        "</entry>"
        for number, (title, date, _) in enumerate(EDGE_DATES)
    )
    atom = tmp_path / "harbour-atom.xml"
    atom.write_text(
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour</title>{entries}</feed>',
        encoding="utf-8",
    )
    result = run("import", rss)
    assert "Import summary" in result.stdout
    assert result.stderr.strip().splitlines() == [
        f"Warning: {rss}:entry {len(EDGE_DATES) + 1}: published date left out: unknown"
        " time zone 'Nowhere/Land' in '2024-07-29T10:00[Nowhere/Land]'"
    ]
    result = run("import", atom)
    assert result.stderr == ""
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    expected = {title: date for title, _, date in EDGE_DATES}
    assert stored == {**expected, "Lost zone": None} | {
        f"Atom {title}": date for title, date in expected.items()
    }


def test_java_zones_end_of_day_and_leap_seconds_in_json_lines(run, db, tmp_path):
    source = tmp_path / "harbour.jsonl"
    records = [{"title": title, "published": date} for title, date, _ in EDGE_DATES]
    records += [
        {"title": "Lost zone", "published": "2024-07-29T10:00[Nowhere/Land]"},
        {"title": "Past midnight", "published": "2024-07-29T24:01:00Z"},
    ]
    source.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    result = run("import", source, expect=None)
    assert "Import summary" in result.stdout
    line = len(EDGE_DATES) + 1
    assert result.stderr.strip().splitlines() == [
        f"Error: rejected {source}:line {line}: published_at: unknown time zone"
        " 'Nowhere/Land' in '2024-07-29T10:00[Nowhere/Land]'",
        f"Error: rejected {source}:line {line + 1}: published_at: not a date:"
        " '2024-07-29T24:01:00Z' (hour 24 is only 24:00:00, the end of the day)",
    ]
    stored = {row["title"]: row["published_at"] for row in article_rows(db())}
    assert stored == {title: date for title, _, date in EDGE_DATES}


def test_java_zones_end_of_day_and_leap_seconds_in_add(run, db):
    for number, (title, date, expected) in enumerate(EDGE_DATES, start=1):
        result = run("add", "--title", title, "--body", "b", "--published", date)
        assert f"Added article {number}: {title}" in result.stdout
        assert article_rows(db())[-1]["published_at"] == expected
    for date, reason in [
        ("2024-07-29T10:00[Nowhere/Land]", "unknown time zone 'Nowhere/Land'"),
        ("2016-12-31T23:59:60+01:00", "a leap second is 23:59:60 UTC"),
    ]:
        result = run("add", "--title", "x", "--published", date, expect=2)
        assert_one_error_line(result, "--published", reason)
    assert len(article_rows(db())) == len(EDGE_DATES)


# -- start-up ------------------------------------------------------------------


def test_recent_loads_neither_the_zone_table_nor_detection(tmp_path):
    env = {**os.environ, "NEWSCTL_DB": str(tmp_path / "archive.db")}
    subprocess.run([sys.executable, "-m", "newsctl", "recent"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsctl", "recent"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert {"newsctl.cli", "newsctl.dates"} <= imported  # the measurement itself works
    assert not {"charset_normalizer", "newsctl.zones", "newsctl.decoding"} & imported


def test_dates_and_parsers_load_no_heavy_library_until_used():
    # (sqlite-utils itself imports dateutil when the archive is opened; newsctl's own code
    # must not add it, nor charset_normalizer, to anything that merely imports it.)
    code = (
        "import sys, newsctl.cli, newsctl.dates, newsctl.parsers;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('dateutil', 'charset_normalizer', 'feedparser', 'trafilatura')"
        " or m in ('newsctl.zones', 'newsctl.decoding')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
