"""JSON that breaks off before its end (a download or a copy that stopped): the complete
records of its top-level array, or the complete items of a JSON Feed, are still articles.

Each record is read by the standard library's own decoder (json.JSONDecoder.raw_decode);
this module only walks the array between them, so a record is taken only when it is
whole, and where the text breaks is reported, as a cut-off RSS or Atom feed is.
"""

import json
import re
from dataclasses import dataclass

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class Cut:
    """The readable part of a broken JSON text.

    document: a list of the complete records (for a top-level array), or the top-level
    object with the keys read before the break and its complete "items" (a JSON Feed).
    complete: how many records or items were whole. where: "line L, column C" of the break.
    """

    document: list | dict
    complete: int
    where: str


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()


def _where(text: str, position: int) -> str:
    line = text.count("\n", 0, position) + 1
    return f"line {line}, column {position - text.rfind(chr(10), 0, position)}"


def _elements(text: str, position: int) -> tuple[list, int, bool]:
    """The whole elements of the array opening at `position`: (them, where reading stopped,
    whether the array closed)."""
    elements: list = []
    position = _skip(text, position + 1)
    if text.startswith("]", position):
        return elements, position + 1, True
    while True:
        try:
            element, position = _DECODER.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError):
            return elements, position, False
        elements.append(element)
        position = _skip(text, position)
        if text.startswith(",", position):
            position = _skip(text, position + 1)
        elif text.startswith("]", position):
            return elements, position + 1, True
        else:
            return elements, position, False


def salvage(text: str) -> Cut | None:
    """The complete part of a JSON text that breaks inside its top-level array, or inside the
    "items" of its top-level object; None when it breaks anywhere else (or not at all)."""
    position = _skip(text, 0)
    if text.startswith("[", position):
        elements, position, closed = _elements(text, position)
        return None if closed else Cut(elements, len(elements), _where(text, position))
    if not text.startswith("{", position):
        return None
    document: dict = {}
    position = _skip(text, position + 1)
    while True:
        try:
            key, position = _DECODER.raw_decode(text, position)
            position = _skip(text, position)
            if not isinstance(key, str) or not text.startswith(":", position):
                return None
            position = _skip(text, position + 1)
            if key == "items" and text.startswith("[", position):
                items, position, closed = _elements(text, position)
                document["items"] = items
                if not closed:
                    return Cut(document, len(items), _where(text, position))
            else:
                document[key], position = _DECODER.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError):
            return None
        position = _skip(text, position)
        if not text.startswith(",", position):
            return None
        position = _skip(text, position + 1)
