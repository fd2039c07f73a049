"""Bytes in, text out: the one place that decides which encoding an input is in.

Every parser reads its input through here: whole documents with `decode` (saved pages,
JSON, HTML) or `utf8_xml` (feeds, for feedparser), streams with `open_text` (JSON Lines,
CSV). `choose_encoding` says which encoding the rules below pick, and why.

The rules, in order; the first that applies decides:

1. A byte order mark: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE. It wins over everything else
   (WHATWG Encoding Standard, "decode" and BOM sniffing; XML 1.0 Appendix F.1, which also
   lists UTF-32; RFC 8259 §8.1 lets a JSON reader ignore a UTF-8 BOM).
2. No mark, but the first character is ASCII written in UTF-16 or UTF-32 ("<" as 3C 00 or
   00 00 00 3C): that encoding (XML 1.0 Appendix F.1; RFC 4627 §3 did the same for JSON).
3. Binary data bytes (control characters no text uses for letters: NUL, 01-08, 0B, 0E-1A,
   1C-1F) in the first 1445 bytes of anything else: binary, not text (ParseError). This is
   the WHATWG MIME Sniffing Standard's test (§7.2, "distinguishing if a resource is text or
   binary"), made to need more than one byte: text carries the odd one (Word's line break
   0B pasted into a description, DOS's end-of-file 1A, a stray NUL), binary formats many
   (their headers hold NULs: PNG, ZIP, SQLite, gzip; compressed data has one in 256 bytes).
   So: four NULs, or such bytes making up more than 5% of the head.
4. Pure ASCII: ASCII. Valid UTF-8: UTF-8. Mostly UTF-8 (at least as many valid multi-byte
   characters as invalid bytes): UTF-8, each invalid byte read as windows-1252 (U+FFFD
   where windows-1252 has no character), so one stray byte costs one character, not the
   whole document. Both even against a declaration: a declared encoding is trusted only
   when the bytes agree, and bytes like these are UTF-8. Legacy text holds valid multi-byte
   UTF-8 sequences only by accident, and beyond a few characters far fewer of them than
   invalid bytes (M. Dürst, "The Properties and Promises of UTF-8", 1997; chardet's UTF-8
   prober halves the odds against UTF-8 with each multi-byte character it sees;
   trafilatura tries UTF-8 before any declaration too). A single-byte declaration
   (ISO-8859-1, windows-1252) fits any bytes, so only this test catches UTF-8 labelled as
   one: a feed declared ISO-8859-1, written in UTF-8, with one windows-1252 apostrophe.
5. A declared encoding: the caller's (an HTTP charset, later), else the document's own: the
   XML declaration's encoding= (XML 1.0 §4.3.3) for XML and XHTML, <meta charset> or
   <meta http-equiv="Content-Type" content="...; charset=..."> in HTML (the WHATWG HTML
   "prescan" looks at the first 1024 bytes; here the first 64 KB, as a browser's parser
   still obeys a later <meta> by "changing the encoding", and real pages put theirs after
   long scripts). Labels mean what WHATWG says they mean (ISO-8859-1 and US-ASCII are
   windows-1252, GB2312 is GB18030...). Trusted only when the bytes are not UTF-8 (rule 4)
   and decode under it without error; a UTF-16 label on bytes that are not UTF-16 is ignored.
6. A few invalid bytes (at most 3) in otherwise ASCII text: UTF-8, each read as in rule 4.
   So few are strays of another encoding, not evidence enough for detection (which, for a
   stream, would decide its whole length).
7. Detection with charset_normalizer. A multi-byte encoding it finds (Shift_JIS, GB18030,
   EUC-KR...) is taken. Among single-byte ones, windows-1252 wins when it reads the bytes as
   well as the best, and when detection has no evidence of a language (short texts): it is
   the default WHATWG HTML gives for unlabelled legacy text in most locales; text with
   ISO-8859-15's euro sign (0xA4) and no byte only windows-1252 fills is ISO-8859-15.
   Nothing
   plausible, or more than 1% control characters: binary (ParseError).

charset_normalizer is imported only for rule 7, so start-up never pays for it.
"""

import codecs
import io
import re
from dataclasses import dataclass
from typing import BinaryIO, Literal

from newsctl.errors import ParseError

Markup = Literal["xml", "html"] | None

# The error handler of rules 4 and 6: an invalid UTF-8 byte sequence read as windows-1252.
STRAY_BYTES = "newsctl-windows-1252"
BINARY = "binary file, not text"
# How much of a stream's head chooses its encoding.
_HEAD = 65536
_SNIFF = 1445  # WHATWG MIME Sniffing §7.2: the resource header text/binary is judged on
_META_SCAN = _HEAD  # see rule 5: further than WHATWG's 1024-byte prescan
_XML_DECLARATION_SCAN = 1024
_DETECTION_SAMPLE = 1 << 20
# What stray control characters a text's head may hold (rule 3): a few NULs (binary formats'
# headers hold more: PNG 7 in its first 24 bytes), and a small share of other controls.
_MOST_NULS = 4
_MOST_CONTROLS = 0.05
# WHATWG MIME Sniffing §3 "binary data bytes": controls that no text encoding uses for letters.
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])

_BOMS = (  # UTF-32 LE first: its mark starts with UTF-16 LE's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_XML_DECLARATION = re.compile(
    rb"^\s*<\?xml\s[^>]*?\bencoding\s*=\s*[\"']\s*([A-Za-z0-9._:-]+)\s*[\"']"
)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_ENCODING_TEXT = re.compile(r"^(\s*<\?xml\s[^>]*?\bencoding\s*=\s*)([\"'])[^\"']*\2")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# WHATWG Encoding Standard §4.2: labels browsers accept that Python's codecs do not know.
_WHATWG_LABELS = {
    "windows-874": "cp874",
    "dos-874": "cp874",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gb18030",
    "x-mac-roman": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic",
    "x-mac-ukrainian": "mac_cyrillic",
    "iso-8859-8-i": "iso8859-8",
    "csiso88598i": "iso8859-8",
    "unicode-1-1-utf-8": "utf-8",
    "unicode11utf8": "utf-8",
    "unicode20utf8": "utf-8",
    "x-unicode20utf8": "utf-8",
    **{f"x-cp{number}": f"cp{number}" for number in range(1250, 1259)},
}
# WHATWG Encoding Standard §4.2: labels whose encoding is not the one Python's codec of that
# name implements. Keys are Python's codec names, as codecs.lookup() gives them.
_WHATWG_CODECS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}
# Codecs that are not a way of writing text (Python's own), or that WHATWG refuses outright.
_REFUSED_CODECS = {
    "utf-7",
    "unicode-escape",
    "raw-unicode-escape",
    "idna",
    "punycode",
    "undefined",
    "iso2022_kr",
    "hz",
}


def _stray_byte_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", "replace"), error.end


codecs.register_error(STRAY_BYTES, _stray_byte_as_windows_1252)


@dataclass(frozen=True)
class Encoding:
    """How to decode an input: a Python codec, its error handler, and the BOM to skip."""

    codec: str
    errors: str  # "strict", "replace", or STRAY_BYTES
    bom: int  # length of the byte order mark at the start (skipped), or 0
    rule: str  # which rule of the module docstring chose it, for messages and tests


def decode(data: bytes, source: str, *, declared: str | None = None, markup: Markup = None) -> str:
    """A whole document's bytes as text, by the rules of the module docstring.

    `declared` is an encoding label from outside the document (an HTTP charset); `markup`
    says which in-document declarations to look for ("xml": the XML declaration; "html":
    <meta> and the XML declaration; None: none, e.g. for plain text and JSON). A byte
    order mark is not part of the text. Raises ParseError(BINARY) for binary data.
    """
    encoding = choose_encoding(data, source, declared=declared, markup=markup)
    return data[encoding.bom :].decode(encoding.codec, encoding.errors)


def utf8_xml(data: bytes, source: str, *, declared: str | None = None) -> bytes:
    """An XML document (a feed) re-encoded as UTF-8, its declaration saying so.

    For parsers that sniff bytes themselves (feedparser falls back to windows-1252 for a
    whole feed when one byte is not UTF-8): decoded by the rules of the module docstring,
    then encoded as UTF-8 without a BOM, with the XML declaration's encoding= rewritten to
    utf-8 (feedparser's encodings.py does the same after its own decoding). Documents that
    are already UTF-8 and say nothing else come back unchanged. Raises ParseError(BINARY).
    """
    encoding = choose_encoding(data, source, declared=declared, markup="xml")
    if encoding.codec == "utf-8" and encoding.errors == "strict" and not encoding.bom:
        declaration = _XML_DECLARATION.match(data)
        if declaration is None or _codec(declaration.group(1)) == "utf-8":
            return data
    text = data[encoding.bom :].decode(encoding.codec, encoding.errors)
    return _XML_ENCODING_TEXT.sub(r'\1"utf-8"', text, count=1).encode("utf-8", "replace")


def open_text(stream: BinaryIO, source: str, *, newline: str | None = None) -> io.TextIOWrapper:
    """A binary stream as a text stream, its encoding chosen from its first 64 KB.

    For inputs read a line at a time (JSON Lines, CSV), so memory stays flat: the head
    decides by rules 1-4, 6 and 7 of the module docstring (stream formats declare nothing
    inside; RFC 8259 §8.1 and RFC 4180 make UTF-8 the norm). Invalid bytes later on are read
    as windows-1252 in UTF-8 streams and replaced by U+FFFD in others, never an exception.
    `newline` is io.TextIOWrapper's (CSV needs ""). Closing the result leaves `stream`
    open. Raises ParseError(BINARY) when the head is binary.
    """
    head = stream.read(_HEAD)
    encoding = choose_encoding(head, source, partial=True)
    errors = STRAY_BYTES if encoding.codec == "utf-8" else "replace"
    rejoined = io.BufferedReader(_Rejoined(head[encoding.bom :], stream), buffer_size=_HEAD)
    return io.TextIOWrapper(rejoined, encoding=encoding.codec, errors=errors, newline=newline)


def choose_encoding(
    data: bytes,
    source: str = "",
    *,
    declared: str | None = None,
    markup: Markup = None,
    partial: bool = False,
) -> Encoding:
    """Which encoding `data` is in, by the rules of the module docstring, and which rule said so.

    `partial` means `data` is only the head of a stream: it may end in the middle of a
    character. Raises ParseError(BINARY), naming `source`, for binary data.
    """
    for mark, codec in _BOMS:
        if data.startswith(mark):
            errors = STRAY_BYTES if codec == "utf-8" else "replace"
            return Encoding(codec, errors, len(mark), "byte order mark")
    wide = _wide_ascii(data[:4])
    if wide:
        return Encoding(wide, "replace", 0, "UTF-16/32 pattern")
    if _binary_head(data[:_SNIFF]):
        raise ParseError(BINARY, source)
    if data.isascii():  # and so UTF-8: a stream's later bytes are read as UTF-8
        return Encoding("utf-8", "strict", 0, "ASCII")
    valid, invalid = _utf8_counts(data, partial)
    if not invalid:
        return Encoding("utf-8", "strict", 0, "UTF-8")
    if valid >= invalid:  # before any declaration: these bytes are UTF-8 (rule 4)
        return Encoding("utf-8", STRAY_BYTES, 0, "UTF-8 with stray bytes")
    label = declared or _declared_in(data, markup)
    codec = _codec(label) if label else None
    if codec and not codec.startswith(("utf-16", "utf-32", "utf-8")):
        try:
            (data[: data.rfind(b"\n") + 1] or data if partial else data).decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            return Encoding(codec, "strict", 0, "declared")
    if invalid <= _FEW_STRAY_BYTES:  # rule 6
        return Encoding("utf-8", STRAY_BYTES, 0, "UTF-8 with stray bytes")
    return _detect(data, source, partial)


def wide_head_as_utf8(head: bytes) -> bytes:
    """The first bytes of an input as UTF-8 when they are UTF-16 or UTF-32 (rules 1 and 2: a
    byte order mark, or ASCII's zero bytes), else unchanged: for the sniffing of a format
    (a CSV header, a JSON bracket), which reads bytes. A character cut at the end is dropped."""
    for mark, codec in _BOMS:
        if head.startswith(mark):
            if codec == "utf-8":
                return head
            return head[len(mark) :].decode(codec, "ignore").encode("utf-8")
    wide = _wide_ascii(head[:4])
    if wide:
        return head.decode(wide, "ignore").encode("utf-8")
    return head


# At most this many undecodable bytes with no valid UTF-8 around them are read as strays.
# Each is read as windows-1252, which is what detection would mostly say of so few.
_FEW_STRAY_BYTES = 3


def _wide_ascii(first: bytes) -> str | None:
    """UTF-16 or UTF-32 without a mark, told by where the zero bytes of ASCII fall."""
    if len(first) < 4 or not first.isascii() or b"\x00" not in first:
        return None
    zeros = tuple(byte == 0 for byte in first)
    return {
        (True, True, True, False): "utf-32-be",
        (False, True, True, True): "utf-32-le",
        (True, False, True, False): "utf-16-be",
        (False, True, False, True): "utf-16-le",
    }.get(zeros)


def _utf8_counts(data: bytes, partial: bool) -> tuple[int, int]:
    """(valid non-ASCII characters, invalid bytes) of `data` read as UTF-8."""
    # An incremental decoder keeps a character cut at the end of a stream's head for later.
    final = not partial
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data, final)
    except UnicodeDecodeError:
        text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(data, final)
    else:
        return len(text) - len(text.encode("ascii", "ignore")), 0
    invalid = sum(1 for _ in _ESCAPED_BYTE.finditer(text))
    return len(text) - len(text.encode("ascii", "ignore")) - invalid, invalid


def _declared_in(data: bytes, markup: Markup) -> str | None:
    """The encoding label the document gives itself, if it is markup and gives one."""
    if markup is None:
        return None
    if markup == "html":
        meta = _META_CHARSET.search(data, 0, _META_SCAN)
        if meta:
            return meta.group(1).decode("ascii")
    declaration = _XML_DECLARATION.match(data[:_XML_DECLARATION_SCAN])
    return declaration.group(1).decode("ascii") if declaration else None


def _codec(label: bytes | str) -> str | None:
    """Python's codec for an encoding label, as WHATWG reads the label; None if unusable."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().lower()
    try:
        name = codecs.lookup(_WHATWG_LABELS.get(label, label)).name
    except LookupError:
        return None
    if name in _REFUSED_CODECS or not getattr(codecs.lookup(name), "_is_text_encoding", True):
        return None
    return _WHATWG_CODECS.get(name, name)


def _binary_head(header: bytes) -> bool:
    """Rule 3: whether the head of a file holds the binary data bytes of a binary format."""
    controls = len(header) - len(header.translate(None, _BINARY_BYTES))
    return header.count(0) >= _MOST_NULS or controls > len(header) * _MOST_CONTROLS


def _detect(data: bytes, source: str, partial: bool) -> Encoding:
    """Rule 7: charset_normalizer's reading, windows-1252 when it cannot tell."""
    sample = data[:_DETECTION_SAMPLE]
    if partial or len(data) > _DETECTION_SAMPLE:  # end on a whole line, not inside a character
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    if controls > len(sample) / 100:
        raise ParseError(BINARY, source)
    import charset_normalizer  # imported on use: only undeclared legacy text gets here

    matches = charset_normalizer.from_bytes(sample) or charset_normalizer.from_bytes(
        sample, threshold=0.5
    )
    best = matches.best()
    if best is not None:
        tied = [match for match in matches if match.chaos <= best.chaos + 0.01]
        if any("cp1252" in match.could_be_from_charset for match in tied):
            return Encoding(_western(data), "replace", 0, "detected")
        if best.coherence > 0 or _multi_byte(best.encoding) or not _decodes(sample, "cp1252"):
            codec = _codec(best.encoding)  # as WHATWG reads it: latin-1 is windows-1252
            if not codec or not _decodes(sample, codec):
                codec = best.encoding
            return Encoding(codec, "replace", 0, "detected")
    if _decodes(sample, "cp1252"):
        return Encoding(_western(data), "replace", 0, "default")
    raise ParseError(BINARY, source)


# The bytes only windows-1252 fills (ISO-8859-15 has control codes there).
_WINDOWS_ONLY = bytes(range(0x80, 0xA0))


def _western(data: bytes) -> str:
    """windows-1252, or ISO-8859-15 for text with its euro sign (0xA4) and none of the bytes
    only windows-1252 fills: "0,50 ¤" is "0,50 €" written in ISO-8859-15 (Latin-9, made for
    the euro), since "¤", the generic currency sign, is all but unused in text; its other
    letters come with it ("cœur" rather than "c½ur")."""
    if b"\xa4" not in data:
        return "cp1252"
    return "iso8859_15" if len(data.translate(None, _WINDOWS_ONLY)) == len(data) else "cp1252"


def _multi_byte(codec: str) -> bool:
    """Whether a codec reads some bytes in pairs or more (Shift_JIS, GB18030, EUC-KR...)."""
    return len(bytes(range(0x80, 0x100)).decode(codec, "replace")) < 0x80


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


class _Rejoined(io.RawIOBase):
    """A stream whose first bytes were read to choose its encoding, put back in front.
    Closing it leaves the underlying stream open: that belongs to the caller."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head = memoryview(head)
        self.rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size] = self.head[:size]
            self.head = self.head[size:]
            return size
        read = getattr(self.rest, "read1", self.rest.read)
        data = read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
