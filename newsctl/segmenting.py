"""Words in scripts written without spaces, made findable by a word-based index.

FTS5's unicode61 tokenizer splits text at spaces and punctuation, so an unspaced
sentence in Chinese, Japanese, Thai... is one long token and no word inside it
can be found. Such text is indexed a second time as overlapping pairs of
characters (bigrams), as Lucene's CJK analyzer does: "東京都で" becomes
"東京 京都 都で で", and a word of two or more characters is found as the phrase
of its pairs ("図書館" is "図書 書館"). A single character is the prefix of a pair
(each run also ends with its last character alone, so that one is found too).

Bigrams need no dictionary and find every word a reader can type, at the price of
the odd match across a word boundary; dictionary segmenters (ICU, jieba, MeCab)
split differently in the text and in the query and then miss words.
"""

import re
import unicodedata
from functools import cache

# Scripts written without spaces between words: Han (with 々〆〇), kana, Hangul (spaced by
# word, but particles are glued on: 서울시는), Thai, Lao, Khmer, Myanmar.
_UNSPACED_RANGES = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
    "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"  # Hangul
    "\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"  # kana, 々〆〇
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # Han
)


class _Patterns:
    """The expressions over unspaced characters, compiled on first use: compiling their
    large character classes took 10 ms, which every command would pay at start-up."""

    def __init__(self) -> None:
        ranges = _UNSPACED_RANGES
        self.run = re.compile(f"[{ranges}]+")
        self.split = re.compile(f"([{ranges}]+)")
        # Letters or digits of other scripts glued to a run: "iPhone15" in "iPhone15を発売".
        self.glued = re.compile(f"[^\\W{ranges}]+(?=[{ranges}])|(?<=[{ranges}])[^\\W{ranges}]+")


@cache
def _patterns() -> _Patterns:
    return _Patterns()


_PAIRS = re.compile("(?=([^\\x00]{2}|[^\\x00]\\x00))")
_NOT_LEAD_BYTES = bytes(range(0xE0)) + b"\xe2"
# Breaks the pairs of two runs apart, so a phrase never spans text that was not adjacent.
# A private-use character: unicode61 keeps it as a token, and nobody types it.
RUN_BREAK = "\ue000"
# Combining marks belong to the character before them (Thai vowels and tones, kana voicing
# marks): a pair is two characters with their marks.
_MARK_RANGES = ("\u0e00-\u0eff", "\u1000-\u109f", "\u1780-\u17ff", "\u3099-\u309a")


@cache
def _mark_characters() -> str:
    return "".join(
        chr(code)
        for span in _MARK_RANGES
        for code in range(ord(span[0]), ord(span[-1]) + 1)
        if unicodedata.category(chr(code)).startswith("M")
    )


@cache
def _unit() -> re.Pattern[str]:
    """A character with the combining marks that follow it (Thai vowels and tones...)."""
    return re.compile(f".[{re.escape(_mark_characters())}]*", re.DOTALL)


@cache
def _marks() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(_mark_characters())}]")


def has_unspaced(text: str | None) -> bool:
    if not text or text.isascii():
        return False
    # Every unspaced script is past U+0E00, so its characters start with a UTF-8 byte of
    # E0 or more; E2 (punctuation, symbols) aside, text in Latin, Cyrillic, Greek, Arabic...
    # has none. Deleting all other bytes takes ~8 us for 5 KB, the regex search ~50-90 us.
    if not text.encode("utf-8", "ignore").translate(None, _NOT_LEAD_BYTES):
        return False
    return _patterns().run.search(text) is not None


def units(run: str) -> list[str]:
    """The characters of a run, each with its combining marks."""
    return _unit().findall(run)


def bigrams(run: str) -> list[str]:
    """The overlapping pairs of a run of unspaced text ("図書館": 図書, 書館)."""
    chars = units(run)
    if len(chars) < 2:
        return chars
    return [first + second for first, second in zip(chars, chars[1:], strict=False)]


def split_runs(word: str) -> list[str]:
    """A word cut into unspaced runs and the text between them ("iPhone15を": iPhone15, を)."""
    return [piece for piece in _patterns().split.split(word) if piece]


def index_text(text: str | None) -> str | None:
    """What the index reads for the unspaced words of a text; None when it has none.

    Each run becomes its pairs and its last character, then a RUN_BREAK. Letters or
    digits glued to a run ("iPhone15を発売") are kept too: unicode61 reads the whole
    glued string as one token, which no search word would match.
    """
    if not has_unspaced(text):
        return None
    runs = _patterns().run.findall(text)
    if _marks().search(text):  # Thai, Lao, Khmer, Burmese: pairs of letters with their marks
        pieces = [piece for run in runs for piece in (*bigrams(run), units(run)[-1], "\x00")]
    else:
        # All runs at once, in C: each position gives its pair, or its character alone and
        # the end of the run ("X\x00"). A loop over characters in Python took 3x the import.
        pieces = _PAIRS.findall("\x00".join(runs) + "\x00")
    text_of_pairs = " ".join(pieces).replace("\x00", " " + RUN_BREAK)
    glued = _patterns().glued.findall(text)
    return f"{text_of_pairs} {' '.join(glued)}" if glued else text_of_pairs


def spaced(text: str, separator: str = "\x03") -> str:
    """The text with a separator between the characters of unspaced runs, so a tokenizer
    reads each character as a word (for highlighting: the separator is removed after)."""
    if not has_unspaced(text):
        return text
    return _patterns().run.sub(lambda run: separator.join(units(run.group())), text)
