"""CSV input: a header row naming article fields (title, body, author, ...), one article a row."""

import csv
import sys
from collections.abc import Iterator
from typing import BinaryIO

from newsctl.decoding import open_text
from newsctl.errors import ParseError
from newsctl.models import Article
from newsctl.parsers import ParseOptions
from newsctl.records import FIELD_ALIASES, article_from_record

# Article bodies are far longer than the csv module's default field limit (128 KB).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def parse(stream: BinaryIO, source: str, options: ParseOptions) -> Iterator[Article | ParseError]:
    # Decoded as a stream, its encoding chosen from the head (newsctl.decoding).
    text = open_text(stream, source, newline="")
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames or []
        if not {name.strip().lower() for name in header} & set(FIELD_ALIASES["title"]):
            raise ParseError("the CSV header has no title column", source, "line 1")
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield ParseError(f"malformed CSV: {error}", source, f"line {reader.line_num}")
                continue
            if None in row:  # more cells than header names
                row.pop(None)
            try:
                yield article_from_record(row, source, f"line {reader.line_num}")
            except ParseError as error:
                yield error
    finally:
        text.close()
