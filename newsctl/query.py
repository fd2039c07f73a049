"""Turning what a person types into a safe FTS5 query."""

import re

from newsctl.text import strip_controls

_PART = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD_CHAR = re.compile(r"\w")


def _quoted(text: str) -> str:
    return '"' + text.replace('"', " ") + '"'


def match_expression(text: str) -> str:
    """An FTS5 MATCH expression for a search box query.

    Words must all appear; "double quoted" words must appear together; a
    trailing * makes a word a prefix. Everything else (AND, OR, NEAR, column
    filters, stray punctuation, an unbalanced quote) is taken as plain words,
    so no input is a syntax error. Returns "" when nothing searchable is left.
    """
    text = strip_controls(text)  # lone surrogates (undecodable argument bytes) cannot be bound
    if text.count('"') % 2:
        text = text.replace('"', " ")
    parts: list[str] = []
    for phrase, word in _PART.findall(text):
        if phrase:
            if _WORD_CHAR.search(phrase):
                parts.append(_quoted(" ".join(phrase.split())))
            continue
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if _WORD_CHAR.search(word):
            parts.append(_quoted(word) + ("*" if prefix else ""))
    return " ".join(parts)
