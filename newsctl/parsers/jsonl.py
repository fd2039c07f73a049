"""JSON Lines input: one article object per line, read as a stream.

A 1 GB file is read one line at a time, so memory stays flat; a line longer
than the record limit (counted in characters) is skipped (and reported)
without being held whole.
"""

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from newsctl.decoding import open_text
from newsctl.errors import ParseError, ParseWarning
from newsctl.models import Article
from newsctl.parsers import MAX_DOCUMENT_BYTES, ParseOptions
from newsctl.records import read_record, wrapped_records
from newsctl.text import controls_as_spaces

MAX_RECORD_BYTES = 16 * 1024 * 1024


def _lines(text: TextIO) -> Iterator[str | None]:
    """Lines of the text stream; None stands for a line too long to hold."""
    while True:
        line = text.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith("\n"):
            del line  # skip the rest of the line a megabyte at a time, holding none of it
            while (rest := text.readline(2**20)) and not rest.endswith("\n"):
                pass
            yield None
        else:
            yield line


def parse_lines(
    lines: Iterable[str | None], source: str
) -> Iterator[Article | ParseError | ParseWarning]:
    """Records of lines already decoded (newsctl.decoding); None is a line too long to read.
    A value left out of a record comes as a ParseWarning before its Article."""
    for number, line in enumerate(lines, start=1):
        location = f"line {number}"
        if line is None:
            yield ParseError(f"record longer than {MAX_RECORD_BYTES // 2**20} MB", source, location)
            continue
        # Files joined with cat keep each one's byte order mark.
        line = controls_as_spaces(line).lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ParseError(
                f"invalid JSON: {error.msg} (column {error.colno})", source, location, line
            )
            continue
        except RecursionError:
            yield ParseError("invalid JSON: nested too deeply", source, location, line)
            continue
        records = wrapped_records(record)  # a saved API response per line
        if records is None:
            yield from read_record(record, source, location)
        for item_number, item in enumerate(records or (), start=1):
            yield from read_record(item, source, f"{location} record {item_number}")


def parse(
    stream: BinaryIO, source: str, options: ParseOptions
) -> Iterator[Article | ParseError | ParseWarning]:
    assert MAX_RECORD_BYTES <= MAX_DOCUMENT_BYTES
    # Decoded as a stream, its encoding chosen from the head (newsctl.decoding).
    with open_text(stream, source) as text:
        yield from parse_lines(_lines(text), source)
