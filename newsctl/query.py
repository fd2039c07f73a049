"""Turning what a person types in a search box into safe FTS5 queries.

The language (also in `newsctl search --help`):

    flood barrier          both words (in any order, anywhere)
    "night ferry"          these words together, in this order
    elect*                 a prefix: election, electric...
    ferry OR boat          either word (OR binds its two neighbours)
    -ferry, NOT ferry      without this word
    title:ferry            in the title; author:olsen, author:"Marta Olsen" in the byline
    tag:energy             only articles tagged so (-tag:energy: none tagged so)

Anything else (AND, c++, a stray quote, an unknown `field:`) is searched as plain
words, so no input is a syntax error; input without any word finds nothing.
Words in scripts written without spaces are searched as pairs of characters, as
the index holds them (see segmenting).
"""

import dataclasses
import re
from dataclasses import dataclass

from newsctl.segmenting import bigrams, has_unspaced, split_runs, units
from newsctl.text import strip_controls

# One query item: an operator, or a term with its optional "-" and "field:".
_ITEM = re.compile(r'(-*)(?:([A-Za-z]+):)?(?:"([^"]*)"|([^\s"]+))')
# A character the tokenizer keeps (letters, digits, marks): a term without one finds nothing.
_TOKEN_CHAR = re.compile(r"[^\W_]")
_OPERATORS = {"OR", "NOT", "AND"}
# Search columns per field: the text and its pairs of unspaced characters (schema.m005).
_FIELD_COLUMNS = {"title": ("title", "title_ngrams"), "author": ("byline", "byline_ngrams")}
# The snippet table (archive) has the readable columns only.
_SNIPPET_COLUMNS = {"title": ("title",), "author": ("byline",)}


@dataclass(frozen=True)
class SearchQuery:
    """A search box query as FTS5 expressions and filters."""

    # For the index: every required term, alternatives, exclusions. "" finds nothing.
    match: str
    # For snippets: any of the wanted terms, unspaced words character by character
    # (archive.make_snippets spaces them out so the tokenizer sees each character).
    highlight: str
    tags: tuple[str, ...] = ()
    without_tags: tuple[str, ...] = ()
    # The wanted words as typed, for finding where a long body matches (snippets.window).
    words: tuple[str, ...] = ()
    # For the index: any of the wanted terms (which column a match is in, see Archive.search).
    any_wanted: str = ""


@dataclass
class _Term:
    text: str
    phrase: bool
    field: str | None = None
    negated: bool = False
    prefix: bool = False
    alternatives: list["_Term"] = dataclasses.field(default_factory=list)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', " ") + '"'


def _word_expression(word: str, prefix: bool, *, spaced: bool) -> str | None:
    """One typed word as FTS5 strings, None when nothing in it is searchable.

    Unspaced runs become the phrase of their pairs for the index, of their characters
    for snippets (spaced=True); one character alone is the start of a pair (or a run's
    last character, which the index also holds alone).
    """
    parts: list[str] = []
    pieces = [piece for piece in split_runs(word) if _TOKEN_CHAR.search(piece)]
    for number, piece in enumerate(pieces):
        star = "*" if prefix and number == len(pieces) - 1 else ""
        if not has_unspaced(piece):
            parts.append(_quoted(piece) + star)
        elif spaced:
            parts.append(_quoted(" ".join(units(piece))) + star)
        elif len(units(piece)) == 1:
            parts.append(_quoted(piece) + "*")
        else:
            parts.append(_quoted(" ".join(bigrams(piece))) + star)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def _term_expression(term: _Term, *, spaced: bool) -> str | None:
    if term.phrase and not has_unspaced(term.text):
        words = " ".join(term.text.split())
        body = _quoted(words) if _TOKEN_CHAR.search(words) else None
    else:
        # A phrase with unspaced words is taken word by word (each word still whole).
        words = [
            _word_expression(word, term.prefix and not term.phrase, spaced=spaced)
            for word in term.text.split()
        ]
        words = [word for word in words if word]
        body = None if not words else words[0] if len(words) == 1 else f"({' AND '.join(words)})"
    if body is None or term.field is None:
        return body
    columns = (_SNIPPET_COLUMNS if spaced else _FIELD_COLUMNS)[term.field]
    return "{" + " ".join(columns) + "} : " + (body if body.startswith("(") else f"({body})")


def _parse(text: str) -> list[_Term | str]:
    """The query as terms and the operators OR and NOT (AND is what terms do anyway)."""
    text = strip_controls(text)  # lone surrogates (undecodable argument bytes) cannot be bound
    if text.count('"') % 2:
        text = text.replace('"', " ")
    items: list[_Term | str] = []
    for match in _ITEM.finditer(text):
        dashes, name, phrase, word = match.groups()
        if phrase is None and word in _OPERATORS and not dashes and not name:
            items.append(word)
            continue
        if name and name.lower() not in (*_FIELD_COLUMNS, "tag"):
            # Not a field: the colon is punctuation between words.
            word = f"{name}:{word}" if word is not None else word
            phrase = f"{name}:{phrase}" if phrase is not None else phrase
            name = None
        prefix = word is not None and word.endswith("*")
        items.append(
            _Term(
                text=phrase if phrase is not None else word.rstrip("*"),
                phrase=phrase is not None,
                field=name.lower() if name else None,
                negated=bool(dashes),
                prefix=prefix,
            )
        )
    return items


def _group(items: list[_Term | str]) -> list[_Term]:
    """Apply NOT and OR: NOT negates the next term; OR joins its two neighbouring terms."""
    terms: list[_Term] = []
    negate_next = or_pending = False
    for item in items:
        if item == "NOT":
            negate_next = True
        elif item == "OR":
            or_pending = bool(terms) and not terms[-1].negated and terms[-1].field != "tag"
        elif item == "AND":
            continue
        else:
            assert isinstance(item, _Term)
            item.negated = item.negated or negate_next
            joinable = not item.negated and item.field != "tag"
            if or_pending and joinable:
                terms[-1].alternatives.append(item)
            else:
                terms.append(item)
            negate_next = or_pending = False
    return terms


def parse_query(text: str) -> SearchQuery:
    """The FTS5 expressions and filters for a search box query (see the module's doc)."""
    required: list[str] = []
    excluded: list[str] = []
    wanted: list[str] = []
    tags: list[str] = []
    without_tags: list[str] = []
    words: list[str] = []
    for term in _group(_parse(text)):
        if term.field == "tag":
            if term.text.strip():
                (without_tags if term.negated else tags).append(term.text.strip())
            continue
        options = [term, *term.alternatives]
        index = [e for e in (_term_expression(t, spaced=False) for t in options) if e]
        snippet = [e for e in (_term_expression(t, spaced=True) for t in options) if e]
        if not index:
            continue
        either = index[0] if len(index) == 1 else "(" + " OR ".join(index) + ")"
        if term.negated:
            excluded.append(either)
        else:
            required.append(either)
            wanted.extend(snippet)
            words.extend(word for option in options for word in option.text.split())
    match = " AND ".join(required)
    if match and excluded:
        match = f"({match}) NOT ({' OR '.join(excluded)})"
    return SearchQuery(
        match,
        " OR ".join(wanted),
        tuple(tags),
        tuple(without_tags),
        tuple(words),
        " OR ".join(required),
    )


def match_expression(text: str) -> str:
    """The FTS5 MATCH expression for a search box query ("" when it has no words)."""
    return parse_query(text).match
