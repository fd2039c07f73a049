"""Write newsctl/zones.py: time-zone abbreviations ("CEST", "AEST") and their UTC offsets.

    python tools/make_zones.py            # rewrites newsctl/zones.py
    python tools/make_zones.py --check    # exit 1 if newsctl/zones.py is not what it would write

Source: the IANA time zone database as the `tzdata` package ships it (pip install tzdata; it is
what zoneinfo falls back on), so the table is the same on every machine for one tzdata release.
The footer of each zone's compiled TZif file (RFC 8536 §3.3) is the POSIX TZ rule the zone
follows now and from then on, e.g. "CET-1CEST,M3.5.0,M10.5.0/3": its standard and summer names
with their offsets, exactly, without sampling dates through zoneinfo.

The rule, in order of precedence (written into the generated module's docstring too):

1. RFC 5322 §4.3 (RFC 822 §5) names: UT and GMT are UTC; EST -5, EDT -4, CST -6, CDT -5,
   MST -7, MDT -6, PST -8, PDT -7 (North American zones, as the RFC defines those letters);
   plus Z (RFC 3339, ISO 8601) and UTC.
2. Names the database's zones use now, that is the standard and summer names of each zone's
   footer rule: the offset, when every zone using the name agrees on it; ambiguous when they
   disagree (IST is +01:00 in Dublin, +02:00 in Jerusalem, +05:30 in Kolkata).
   CONTESTED below are ambiguous too: names tzdata now gives one zone that a wide public
   still writes for the other offset tzdata gave them before (AST: the Atlantic's, Arabia's).
3. LEGACY below: names the database does not give any zone (or no longer does), which feeds
   and pages still carry: MET/MEST, SGT (Singapore's before tzdata wrote "+08"), the names of
   South American and Asian zones tzdata gave before it wrote numbers (BRT, ART, CLT, COT,
   PET, VET, ICT, NPT), Turkey's TRT, Philippine Time (PHT), and the German MEZ/MESZ
   (CET/CEST in the words of Germany's Einheiten- und Zeitgesetz §4) and OEZ/OESZ.
4. GENERIC below: the names that mean a region's clock, standard or summer time as the date
   falls (ET, CT, MT, PT, AKT: CLDR's English short generic names of the metazones
   America_Eastern, America_Central, America_Mountain, America_Pacific and Alaska), resolved
   through that region's zone in the tz database at the date written, not to one offset.

Anything else is unknown. That includes names zones used only in the past: tzdata has since
replaced many invented names by numbers ("+04" for Dubai), and the old names it recorded are
often read today with another meaning (GST was Guam's +10, but is the Gulf's +04), so taking
them would misplace dates silently. It also includes the single "military" letters other than
Z, which RFC 822 defined with the wrong sign (RFC 1123 §5.2.14).
"""

import argparse
import importlib.resources
import re
import struct
import subprocess
import sys
import zoneinfo
from collections import defaultdict
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "newsctl" / "zones.py"

HOUR = 3600
RFC_5322 = {
    "UT": 0,
    "GMT": 0,
    "EST": -5 * HOUR,
    "EDT": -4 * HOUR,
    "CST": -6 * HOUR,
    "CDT": -5 * HOUR,
    "MST": -7 * HOUR,
    "MDT": -6 * HOUR,
    "PST": -8 * HOUR,
    "PDT": -7 * HOUR,
    "Z": 0,
    "UTC": 0,
}
# Names that the database dropped but that feeds still carry: name -> (offset, where it came from).
LEGACY = {
    "MET": (1 * HOUR, "tzdata zone MET until 2024b; feedparser met"),
    "MEST": (2 * HOUR, "tzdata zone MET until 2024b; feedparser mest"),
    "MEZ": (1 * HOUR, "German for CET (EinhZeitG §4)"),
    "MESZ": (2 * HOUR, "German for CEST (EinhZeitG §4)"),
    "SGT": (8 * HOUR, "tzdata Asia/Singapore before it wrote +08"),
    # Names tzdata gave until it wrote numbers instead (2016-2017 releases: "remove invented
    # abbreviations"), still what the press of these countries writes; none has since taken
    # another meaning in tzdata.
    "BRT": (-3 * HOUR, "tzdata America/Sao_Paulo before it wrote -03"),
    "BRST": (-2 * HOUR, "tzdata America/Sao_Paulo before it wrote -02"),
    "ART": (-3 * HOUR, "tzdata America/Argentina/* before they wrote -03"),
    "CLT": (-4 * HOUR, "tzdata America/Santiago before it wrote -04"),
    "CLST": (-3 * HOUR, "tzdata America/Santiago before it wrote -03"),
    "COT": (-5 * HOUR, "tzdata America/Bogota before it wrote -05"),
    "PET": (-5 * HOUR, "tzdata America/Lima before it wrote -05"),
    "VET": (-4 * HOUR, "tzdata America/Caracas before it wrote -04"),
    "ICT": (7 * HOUR, "tzdata Asia/Bangkok and Asia/Ho_Chi_Minh before they wrote +07"),
    "NPT": (5 * HOUR + 45 * 60, "tzdata Asia/Kathmandu before it wrote +0545"),
    "TRT": (3 * HOUR, "Turkey's time since 2016 (tzdata Europe/Istanbul writes +03)"),
    # Philippine Time as its press writes it (tzdata writes PST, RFC 5322's Pacific here).
    "PHT": (8 * HOUR, "Philippine Time (tzdata Asia/Manila writes PST)"),
    "OEZ": (2 * HOUR, "German for EET (Osteuropäische Zeit)"),
    "OESZ": (3 * HOUR, "German for EEST (Osteuropäische Sommerzeit)"),
}
# Names tzdata gives one zone now that a wide public still writes for another offset it
# gave them before: ambiguous, not tzdata's meaning. AST is the Atlantic's -04:00 in tzdata,
# and was Arabia's +03:00 there until 2017 (Asia/Riyadh, Baghdad, Kuwait...), as the press of
# the Gulf still writes it.
CONTESTED = {
    "AST": (3 * HOUR, "tzdata Asia/Riyadh until 2017; Arabia Standard Time"),
}
GENERIC = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "AKT": "America/Anchorage",
}
# A TZif abbreviation that names no zone: local mean time, different in every place.
NOT_ZONES = {"LMT"}

_POSIX_NAME = r"(?:<[^>]*>|[A-Za-z]+)"
_POSIX_OFFSET = r"[+-]?\d{1,3}(?::\d{2}){0,2}"
_FOOTER = re.compile(
    rf"^(?P<std>{_POSIX_NAME})(?P<std_offset>{_POSIX_OFFSET})"
    rf"(?:(?P<dst>{_POSIX_NAME})(?P<dst_offset>{_POSIX_OFFSET})?)?(?:,.*)?$"
)


def tzif_footer(data: bytes) -> str:
    """The footer of a TZif file: the POSIX TZ rule in force after its last transition."""

    def counts(at: int) -> tuple[int, ...]:
        if data[at : at + 4] != b"TZif":
            raise ValueError("not a TZif file")
        return struct.unpack(">6l", data[at + 20 : at + 44])

    if data[4:5] == b"\0":  # version 1: no footer
        return ""
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(0)
    # Skip the 32-bit block, then the 64-bit one (RFC 8536 §3.1, §3.2); the footer follows.
    at = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(at)
    at += 44 + timecnt * 9 + typecnt * 6 + charcnt + leap * 12 + isstd + isut
    return data[at:].strip(b"\n").decode("ascii")


def posix_offset(text: str) -> int:
    """A POSIX TZ offset ("-5:30" means five and a half hours *east*) as seconds east of UTC."""
    sign = -1 if not text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * HOUR + parts[1] * 60 + parts[2])


def footer_names(footer: str) -> list[tuple[str, int]]:
    """The (abbreviation, offset) pairs of a footer rule: standard time, and summer time if any."""
    match = _FOOTER.match(footer)
    if not match:
        return []
    std_offset = posix_offset(match["std_offset"])
    names = [(match["std"].strip("<>"), std_offset)]
    if match["dst"]:
        dst_offset = posix_offset(match["dst_offset"]) if match["dst_offset"] else std_offset + HOUR
        names.append((match["dst"].strip("<>"), dst_offset))
    return names


def is_name(abbreviation: str) -> bool:
    return abbreviation.isascii() and abbreviation.isalpha() and abbreviation not in NOT_ZONES


def collect() -> tuple[dict, str, int]:
    """The offsets each abbreviation has now, from the footers of every zone of tzdata."""
    import tzdata

    now: dict[str, set[int]] = defaultdict(set)
    files = importlib.resources.files("tzdata.zoneinfo")
    keys = sorted(zoneinfo.available_timezones())
    for key in keys:
        try:
            data = files.joinpath(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            continue  # a name only the system's database has
        for name, offset in footer_names(tzif_footer(data)):
            if is_name(name):
                now[name.upper()].add(offset)
    return now, tzdata.IANA_VERSION, len(keys)


def resolve(now: dict) -> tuple[dict[str, tuple[int, str]], dict[str, tuple]]:
    """Apply the rule: name -> (offset, why) for the resolved, name -> offsets for the ambiguous."""
    resolved: dict[str, tuple[int, str]] = {}
    ambiguous: dict[str, tuple[int, ...]] = {}
    for name, offset in RFC_5322.items():
        why = "RFC 5322" if name not in ("Z", "UTC") else "RFC 3339"
        others = sorted(now.get(name, set()) - {offset})
        if others:  # say what the RFC's precedence overrules
            why += "; tzdata also " + ", ".join(hours(other) for other in others)
        resolved[name] = (offset, why)
    for name, offsets in sorted(now.items()):
        if name in resolved:
            continue
        if name in CONTESTED:
            ambiguous[name] = tuple(sorted(offsets | {CONTESTED[name][0]}))
        elif len(offsets) == 1:
            resolved[name] = (next(iter(offsets)), "tzdata")
        else:
            ambiguous[name] = tuple(sorted(offsets))
    for name, (offset, why) in LEGACY.items():
        if name not in resolved and name not in ambiguous:
            resolved[name] = (offset, why)
    return resolved, ambiguous


def hours(offset: int) -> str:
    sign = "-" if offset < 0 else "+"
    minutes = abs(offset) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def render(resolved: dict, ambiguous: dict, version: str, zone_count: int) -> str:
    rule = __doc__.split("The rule, in order of precedence", 1)[1].split("\n", 1)[1]
    lines = [
        '"""Time-zone abbreviations ("CEST", "AEST", "EDT") and their offsets from UTC.',
        "",
        f"Generated by tools/make_zones.py from the IANA time zone database, tzdata {version}",
        f"({zone_count} zone names), read from its TZif files (RFC 8536). Do not edit by hand:",
        "change the tool and run `python tools/make_zones.py` again.",
        "",
        "Which offset a name gets, in order of precedence:",
        rule.rstrip(),
        "",
        "OFFSETS maps each resolved name (upper case) to seconds east of UTC; AMBIGUOUS maps each",
        "name that means different offsets to those offsets; GENERIC maps each name of a region's",
        "clock to its tz database zone. A name in none of them is unknown.",
        "Imported only when a date carries a zone name, so start-up never pays for it.",
        '"""',
        "",
        "OFFSETS: dict[str, int] = {",
    ]
    for name in sorted(resolved):
        offset, why = resolved[name]
        lines.append(f'    "{name}": {offset},  # {hours(offset)} {why}')
    lines += ["}", "", "AMBIGUOUS: dict[str, tuple[int, ...]] = {"]
    for name in sorted(ambiguous):
        offsets = ambiguous[name]
        shown = " ".join(hours(offset) for offset in offsets)
        lines.append(f'    "{name}": ({", ".join(map(str, offsets))}),  # {shown}')
    lines += ["}", "", "GENERIC: dict[str, str] = {"]
    for name, zone in GENERIC.items():
        lines.append(f'    "{name}": "{zone}",')
    lines += ["}", ""]
    text = "\n".join(lines)
    # Let ruff lay out what it wants to (long tuples), so the check below is stable.
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", str(OUTPUT), "-"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return formatted.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    arguments = parser.parse_args()
    now, version, zone_count = collect()
    text = render(*resolve(now), version, zone_count)
    if arguments.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date; run tools/make_zones.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}: {len(text.splitlines())} lines from tzdata {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
