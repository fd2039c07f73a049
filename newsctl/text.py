"""Making untrusted text safe to store and to print, and the one rule for matching names.

Article text comes from the web. Terminal control characters in it (ESC, C1
controls, NUL) could move the cursor, change the title bar or write the
clipboard when printed, so they are removed on the way in; the renderer
removes them again for archives written by other tools. Lone surrogates
(legal in JSON as "\\ud800", and what Python makes of undecodable bytes in
command-line arguments) cannot be encoded as UTF-8, so SQLite could not store
them: they are removed on the way in too.
"""

import unicodedata

# C0 controls except tab and newline, DEL, the C1 range, the UTF-16 surrogates, and the
# bidirectional formatting characters (embeddings, overrides, isolates and marks: Unicode
# UAX #9), which can make a terminal show text in another order than it is stored
# ("Trojan Source", CVE-2021-42574).
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000), *_BIDI]
) | {
    # Controls that break a line: the vertical tab (Word's manual line break, pasted into
    # feeds and forms), the form feed and the C1 "next line". They become newlines, so the
    # words on either side stay apart.
    0x0B: "\n",
    0x0C: "\n",
    0x85: "\n",
}
# Characters that show nothing: the soft hyphen, zero-width space and joiners, word joiner,
# and a byte order mark inside text.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# What two spellings of one name differ by without being different names: typographic and
# straight quotes and dashes, and invisible characters.
_MATCHING = {
    **dict.fromkeys(map(ord, "‘’‚‛′ʼ"), "'"),
    **dict.fromkeys(map(ord, "“”„‟″"), '"'),
    **dict.fromkeys(map(ord, "‐‑‒–—―"), "-"),
    **dict.fromkeys(map(ord, _INVISIBLE)),
}


# Control characters as spaces (tab, newline and carriage return stay): what a stray one in
# JSON becomes, where RFC 8259 allows none (not in strings, nor between tokens), so that one
# pasted from Word (a vertical tab) or DOS's end-of-file mark costs no record. A space, not
# nothing: the positions in error messages stay those of the file.
_CONTROLS_AS_SPACES = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], " ")


def controls_as_spaces(text: str) -> str:
    """`text` with its C0 control characters, but tab, newline and carriage return, as
    spaces (one for one: the length and every position stay)."""
    return text.translate(_CONTROLS_AS_SPACES)


def strip_controls(text: str) -> str:
    """Remove control characters (but not tab or newline; a vertical tab or form feed becomes a
    newline) and lone surrogates, nothing else."""
    return text.translate(_CONTROLS)


def _visible(text: str) -> str:
    """`text`, or "" when it holds nothing but invisible characters (a lone soft hyphen or
    zero-width space is no title, name or tag: its fold_key would be empty)."""
    for character in text:  # the first character is almost always visible: no copy made
        if character not in _INVISIBLE and not character.isspace():
            return text
    return ""


def clean_text(text: str) -> str:
    """Multi-line text: newlines normalised to \\n, control characters removed, ends trimmed;
    "" when nothing visible is left."""
    return _visible(text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS).strip())


def clean_line(text: str) -> str:
    """Single-line text (titles, names): control characters removed, whitespace runs collapsed;
    "" when nothing visible is left."""
    return _visible(" ".join(text.translate(_CONTROLS).split()))


def fold_key(text: str) -> str:
    """The key two spellings of one name, tag, category or title share.

    NFC-normalised (so a composed "é" and "e" + combining accent are one
    letter), Unicode case-folded (so "ÉMILE", "émile" and "Émile" match, and
    "Straße" matches "STRASSE"), whitespace collapsed. The archive stores this
    key beside each name and matches on it, in Python and in SQL alike: SQLite's
    own NOCASE folds ASCII letters only. Typographic quotes and dashes match their
    plain forms ("Council’s" is "Council's") and invisible characters are ignored.
    Source: Unicode Standard §3.13 (default caseless matching: NFC after case folding).
    """
    folded = unicodedata.normalize("NFC", clean_line(text.translate(_MATCHING))).casefold()
    return unicodedata.normalize("NFC", folded)


def first_line(text: str, width: int) -> str:
    """The start of a text as one line of at most `width` characters, with … when cut."""
    line = clean_line(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    # Mid-word: end at the previous word boundary when one is reasonably close.
    space = cut.rfind(" ")
    if line[width - 1] != " " and space > width * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"
