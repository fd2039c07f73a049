"""Search snippets whose cost does not grow with the article.

FTS5's snippet() reads the whole document and scores every match against every
other: 17-32 s for a 5 MB body. Here a snippet is made from a small window of
the body instead: plain text search finds where the query's words first appear
in the body's first SEARCHED_CHARACTERS, and FTS5's snippet() (in a tiny
in-memory table with the archive's tokenizer, so stemming, accents and case
match as in the index) highlights the matches in about WINDOW characters around
that place, with the title and the byline beside it.
"""

import re
import sqlite3
import unicodedata
from collections.abc import Iterable

from newsctl.segmenting import spaced
from newsctl.text import first_line

# Where in a body the first match is looked for, and how much text around it a snippet
# is made from. Reading stops there: a 5 MB article costs what a 20 KB one does.
SEARCHED_CHARACTERS = 20_000
WINDOW = 1_000
# Separates the characters of unspaced words in the snippet table (segmenting.spaced).
_CHARACTER_BREAK = "\x03"
_MARKS = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents, about as long as the text (positions stay close)."""
    text = text.casefold()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def needles(words: Iterable[str]) -> list[str]:
    """What to look for in a body for each query word: its folded form, cut to a stem-like
    start for long words (the index stems: "flooding" also finds "floods")."""
    found = []
    for word in words:
        folded = fold(word.strip("*"))
        if folded:
            found.append(folded[:5] if len(folded) > 5 and folded.isascii() else folded)
    return found


def window(body: str, looked_for: list[str]) -> str:
    """About WINDOW characters of the body around the first of the words, else its opening."""
    folded = fold(body) if looked_for else ""
    places = [place for place in (folded.find(needle) for needle in looked_for) if place >= 0]
    start = max(0, min(places) - WINDOW // 3) if places else 0
    if start:
        space = body.find(" ", start, start + 50)  # begin with a whole word
        start = space + 1 if space >= 0 else start
    return body[start : start + WINDOW]


def make_snippets(
    connection: sqlite3.Connection,
    texts: dict[int, tuple[str, str, str]],
    highlight: str,
    tokenizer: str,
    markers: tuple[str, str],
) -> dict[int, str]:
    """A snippet for each id's (title, byline, body window), the query's words marked.

    The characters of unspaced words are spaced out so that each is a word for the
    tokenizer (the index holds them as pairs, which a snippet cannot show); the spacing
    is removed again. A text without a wanted word gets the opening of its body.
    """
    was_in_transaction = connection.in_transaction
    # A fresh table each time: deleting rows from FTS5 costs as much as indexing them.
    connection.execute("DROP TABLE IF EXISTS temp.search_snippets")
    connection.execute(
        "CREATE VIRTUAL TABLE temp.search_snippets USING fts5("
        f'title, byline, body, tokenize="{tokenizer}")'
    )
    connection.executemany(
        "INSERT INTO temp.search_snippets (rowid, title, byline, body) VALUES (?, ?, ?, ?)",
        [
            (article_id, *(spaced(text, _CHARACTER_BREAK) for text in three))
            for article_id, three in texts.items()
        ],
    )
    found = dict(
        connection.execute(
            "SELECT rowid, snippet(search_snippets, -1, ?, ?, '…', 24) "
            "FROM temp.search_snippets WHERE search_snippets MATCH ?",
            [*markers, highlight],
        ).fetchall()
    )
    connection.execute("DROP TABLE temp.search_snippets")
    if not was_in_transaction:
        connection.commit()
    return {
        article_id: (found.get(article_id) or first_line(body, 200)).replace(_CHARACTER_BREAK, "")
        for article_id, (_, _, body) in texts.items()
    }
