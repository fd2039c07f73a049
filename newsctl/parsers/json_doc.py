"""JSON input: one article object, an array of them, or an API response wrapping an array
(records.wrapped_records: NewsAPI's `{"status": "ok", "articles": [...]}`)."""

import json
from collections.abc import Iterator
from typing import BinaryIO

from newsctl.errors import ParseError, ParseWarning
from newsctl.models import Article
from newsctl.parsers import ParseOptions, decode_text, read_document
from newsctl.parsers.json_cut import Cut, salvage
from newsctl.parsers.json_feed import is_json_feed, parse_json_feed
from newsctl.records import read_record, wrapped_records
from newsctl.text import controls_as_spaces


def parse(
    stream: BinaryIO, source: str, options: ParseOptions
) -> Iterator[Article | ParseError | ParseWarning]:
    text = controls_as_spaces(decode_text(read_document(stream, source), source))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # several objects one per line: JSON Lines named .json
            from newsctl.parsers import jsonl

            yield from jsonl.parse_lines(text.splitlines(keepends=True), source)
            return
        problem = ParseError(f"invalid JSON: {error.msg}", source, f"{error.lineno}:{error.colno}")
        cut = salvage(text)
        if cut is None:
            raise problem from None
        yield from read_cut(cut, source, problem, options.base_url)
        return
    except RecursionError:
        raise ParseError("invalid JSON: nested too deeply", source) from None
    if is_json_feed(document):  # read as a feed even when --format json was given
        yield from parse_json_feed(document, source, base_url=options.base_url)
    elif isinstance(document, dict | list):
        records = document if isinstance(document, list) else wrapped_records(document)
        if records is None:  # an object that is one record
            yield from read_record(document, source, "")
        for number, item in enumerate(records or (), start=1):
            yield from read_record(item, source, f"record {number}")
    else:
        raise ParseError("expected a JSON object or an array of objects", source)


def read_cut(
    cut: Cut, source: str, problem: ParseError, base_url: str | None = None
) -> Iterator[Article | ParseError | ParseWarning]:
    """The complete records (or JSON Feed items) of a JSON text that breaks off, then one
    ParseError saying where it breaks; `problem` is raised when the text is neither."""
    if isinstance(cut.document, list):
        for number, item in enumerate(cut.document, start=1):
            yield from read_record(item, source, f"record {number}")
        kind = "records"
    elif is_json_feed(cut.document):
        yield from parse_json_feed(cut.document, source, base_url=base_url)
        kind = "items"
    else:
        raise problem
    read = (
        f"{cut.complete} complete {kind} before it were"
        if cut.complete != 1
        else (f"1 complete {kind[:-1]} before it was")
    )
    yield ParseError(
        f"the JSON breaks off at {cut.where}; {read} read",
        source,
        f"{kind[:-1]} {cut.complete + 1}",
    )
