"""JSON input: one article object, or an array of them."""

import json
from collections.abc import Iterator
from typing import BinaryIO

from newsctl.errors import ParseError
from newsctl.models import Article
from newsctl.parsers import ParseOptions, decode_text, read_document
from newsctl.parsers.json_feed import is_json_feed, parse_json_feed
from newsctl.records import article_from_record


def parse(stream: BinaryIO, source: str, options: ParseOptions) -> Iterator[Article | ParseError]:
    text = decode_text(read_document(stream, source), source)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects one per line: JSON Lines named .json
            from newsctl.parsers import jsonl

            yield from jsonl.parse_lines(text.splitlines(keepends=True), source)
            return
        raise ParseError(
            f"invalid JSON: {error.msg}", source, f"{error.lineno}:{error.colno}"
        ) from None
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply", source) from None
    if is_json_feed(document):  # read as a feed even when --format json was given
        yield from parse_json_feed(document, source)
    elif isinstance(document, dict):
        yield _record(document, source, "")
    elif isinstance(document, list):
        for number, item in enumerate(document, start=1):
            yield _record(item, source, f"record {number}")
    else:
        raise ParseError("expected a JSON object or an array of objects", source)


def _record(item: object, source: str, location: str) -> Article | ParseError:
    try:
        return article_from_record(item, source, location)
    except ParseError as error:
        return error
