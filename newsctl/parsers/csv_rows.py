"""CSV input: a header row naming article fields (title, body, author, ...), one article a row.

The delimiter is read from the header: a comma, a semicolon (what spreadsheets write
where the comma is the decimal mark), a tab (.tsv) or a bar. A first line "sep=;", which
Excel writes (and reads) to name the delimiter, names it; the header is the next line.
"""

import csv
import itertools
import re
import sys
from collections.abc import Iterator
from typing import BinaryIO

from newsctl.decoding import open_text
from newsctl.errors import ParseError, ParseWarning
from newsctl.models import Article
from newsctl.parsers import ParseOptions
from newsctl.records import FIELD_ALIASES, field_key, read_record
from newsctl.text import strip_controls

# Article bodies are far longer than the csv module's default field limit (128 KB).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


DELIMITERS = (",", ";", "\t", "|")
# Excel's line naming the delimiter: "sep=" and one character, alone on the first line.
_SEPARATOR_LINE = re.compile(r"^\ufeff?sep=(.)\r?\n?$", re.IGNORECASE | re.DOTALL)


def separator_line(line: str) -> str | None:
    """The delimiter a first line "sep=;" names (as Excel writes it), or None."""
    match = _SEPARATOR_LINE.match(line)
    return match[1] if match and match[1] not in '\r\n"' else None


def header_delimiter(line: str, delimiters: tuple[str, ...] = DELIMITERS) -> str | None:
    """The delimiter of a CSV header line that names a title field ("title;author;body"),
    or None when the line is not such a header. Of `delimiters`, the one giving the most
    fields wins."""
    titles = {field_key(name) for name in FIELD_ALIASES["title"]}
    best: tuple[int, str] | None = None
    for delimiter in delimiters:
        try:
            fields = next(csv.reader([line.strip("\r\n")], delimiter=delimiter), [])
        except csv.Error:
            continue
        names = {field_key(field.strip("\ufeff")) for field in fields}
        if len(fields) > 1 and names & titles and (best is None or len(fields) > best[0]):
            best = (len(fields), delimiter)
    return best[1] if best else None


class _Lines:
    """The lines of a CSV file as the csv module reads them, counted as the file's lines,
    with the lines of the record being read kept: a record that turns out malformed (a
    quote left open, which the csv module runs on to a closing quote rows later or to the
    end of the file) can be given back but for its first line, so that one bad row costs
    that row, not the good rows its open quote swallowed."""

    def __init__(self, lines: Iterator[str], skipped: int):
        self.lines = lines
        self.returned: list[str] = []  # given back, read again first (last first)
        self.number = skipped  # the file's line number of the last line read
        self.record: list[str] = []  # the lines of the record being read

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        line = self.returned.pop() if self.returned else next(self.lines)
        self.number += 1
        self.record.append(line)
        return line

    def start_record(self) -> None:
        self.record = []

    def first_line(self) -> str:
        """The location of the record being read: its first line (blank lines before it
        are no part of it)."""
        blank = next((n for n, line in enumerate(self.record) if line.strip("\r\n")), 0)
        return f"line {self.number - (len(self.record) - blank - 1)}"

    def read_again(self) -> str:
        """Give back the lines of the record being read but its first, to be read again;
        returns the location of the record, its first line."""
        # Blank lines before it are no part of it (the csv module skips them).
        blank = next((n for n, line in enumerate(self.record) if line.strip("\r\n")), 0)
        again = self.record[blank + 1 :]
        self.returned.extend(reversed(again))
        self.number -= len(again)
        self.record = []
        return f"line {self.number}"


def parse(
    stream: BinaryIO, source: str, options: ParseOptions
) -> Iterator[Article | ParseError | ParseWarning]:
    # Decoded as a stream, its encoding chosen from the head (newsctl.decoding).
    text = open_text(stream, source, newline="")
    try:
        first = text.readline()
        # Lines before the header's (Excel's "sep=;"), so that locations are the file's lines.
        skipped = 0
        delimiter = separator_line(first)
        if delimiter:
            first, skipped = text.readline(), 1
        # strict: a quote left open is an error, not a field running to the end of the file.
        lines = _Lines(itertools.chain([first], text), skipped)
        reader = csv.DictReader(
            lines, delimiter=delimiter or header_delimiter(first) or ",", strict=True
        )

        def line() -> str:
            return f"line {lines.number}"

        try:
            header = reader.fieldnames or []
        except csv.Error as error:
            raise ParseError(f"malformed CSV header: {error}", source, line()) from None
        titles = {field_key(name) for name in FIELD_ALIASES["title"]}
        if not {field_key(name) for name in header} & titles:
            raise ParseError("the CSV header has no title column", source, f"line {1 + skipped}")
        while True:
            lines.start_record()
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                # A quote left open ran on into the rows after it: the record is its first
                # line, and the lines after it are read again as the rows they are.
                yield ParseError(f"malformed CSV: {error}", source, lines.read_again())
                continue
            if None in row:  # more cells than header names: the row is not what it seems
                extra = len(row.pop(None))
                yield ParseError(
                    f"{len(header) + extra} values, but the header names {len(header)} fields",
                    source,
                    # Its quotes closed: a body quoted over several lines is this row's alone.
                    lines.first_line(),
                    row,
                )
                continue
            # A row of nothing but controls and spaces (DOS's end-of-file mark, 1A, that
            # old tools still write) is a blank line, as the csv module skips empty ones.
            if not any(strip_controls(value).strip() for value in row.values() if value):
                continue
            yield from read_record(row, source, line())
    finally:
        text.close()
