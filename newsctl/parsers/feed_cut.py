"""RSS, RDF and Atom feeds that break off before their end (a download or a copy that
stopped): how many entries are whole, and where the document breaks.

The rule (issue "a feed cut off mid-entry", and the truncated-feed row of the shared
cases README: complete entries stored, the file and its break reported, exit 1): only a
document that ends while the element holding its entries (an Atom <feed>, an RDF root, an
RSS <channel>) is still open is cut off; one broken in other ways (an entity XML does not
define, a stray "&", an HTML tag never closed) is feedparser's to recover, not cut off. So
an RSS file that ends after </channel> and lacks only </rss> has lost nothing and is not
reported (the corpus's fj-InvalidDateFormat.xml is one).

Where elements open and close is read by the standard library's expat parser, not by
counting tags in the text, so an </item> written inside CDATA, a comment or a processing
instruction is never taken for the end of an entry. Expat reads the document
incrementally: it accepts everything up to a break at the end and only complains when told
the input is over, which is exactly a document cut off. When expat stops earlier (an HTML
tag never closed), the end tag the document ends with decides, and the entries after that
break are counted by their end tags outside CDATA, comments and PIs.
"""

import re
import xml.parsers.expat
from dataclasses import dataclass

# Entity and character references and the control characters XML forbids stop expat but
# say nothing about where elements open and close; they are blanked, byte for byte, so
# positions hold and expat reads on. feedparser recovers them in the text itself.
_NOT_STRUCTURE = re.compile(rb"[&\x00-\x08\x0b\x0c\x0e-\x1f]")
_ENTRY_NAMES = frozenset({"item", "entry"})
# After a break elsewhere, expat stops; the rest is scanned for entry end tags, skipping
# what holds text rather than elements.
_QUOTED_OR_ENTRY_END = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)"
    rb"|</(?:[\w.-]+:)?(item|entry)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_LAST_END_TAG = re.compile(rb"</([\w.:-]+)\s*>\Z")


@dataclass(frozen=True)
class Cut:
    """Where a feed breaks off: complete, how many entries were read whole before the
    break; where, "line L, column C" of the break (1-based, as in json_cut)."""

    complete: int
    where: str


def _where(data: bytes, position: int) -> str:
    """A byte offset of UTF-8 `data` as "line L, column C", the column in characters."""
    line = data.count(b"\n", 0, position) + 1
    line_start = data.rfind(b"\n", 0, position) + 1
    column = len(data[line_start:position].decode("utf-8", "replace")) + 1
    return f"line {line}, column {column}"


def _local(name: str) -> str:
    """An element's name without its prefix, in lower case ("atom:Entry" -> "entry")."""
    return name.rpartition(":")[2].lower()


class _Structure:
    """The elements expat has seen open and close, as the handlers of one parser."""

    def __init__(self) -> None:
        self.open: list[str] = []
        self.root: str | None = None
        # The element holding the entries, and its depth (1 for the root).
        self.container: str | None = None
        self.container_depth = 0
        self.entry_depth = 0  # how deep the open entry is; 0 outside one
        self.complete = 0

    def started(self, name: str, _attributes: object) -> None:
        if self.root is None:
            self.root = name
        self.open.append(name)
        if not self.entry_depth and _local(name) in _ENTRY_NAMES:
            self.entry_depth = len(self.open)
            if self.container is None:
                self.container = self.open[-2] if len(self.open) > 1 else name
                self.container_depth = len(self.open) - 1

    def ended(self, _name: str) -> None:
        if self.entry_depth == len(self.open):
            self.entry_depth = 0
            self.complete += 1
        self.open.pop()

    def container_open(self) -> bool:
        """Whether the element holding the entries (the root, before any entry) is open."""
        return len(self.open) >= max(self.container_depth, 1)


def cut_off(data: bytes) -> Cut | None:
    """Where a feed document (UTF-8 bytes, newsctl.decoding.utf8_xml) breaks off before the
    element holding its entries closes; None when it does not (it may be broken otherwise).

    Entries are the outermost <item> and <entry> elements, with or without a prefix.
    """
    # Expat refuses an XML declaration after a blank line, as real feeds have it.
    start = data.find(b"<")
    if start < 0:
        return None
    structure = _Structure()
    parser = xml.parsers.expat.ParserCreate(encoding="utf-8")
    parser.StartElementHandler = structure.started
    parser.EndElementHandler = structure.ended
    try:
        parser.Parse(_NOT_STRUCTURE.sub(b" ", data[start:]), False)
    except xml.parsers.expat.ExpatError:
        # A break before the end: expat cannot go on, so the end is looked at directly.
        return _cut_after_break(data, start + parser.ErrorByteIndex, structure)
    try:
        parser.Parse(b"", True)
    except xml.parsers.expat.ExpatError:
        if structure.root is not None and structure.container_open():
            return Cut(structure.complete, _where(data, start + parser.ErrorByteIndex))
    return None


def _cut_after_break(data: bytes, broken_at: int, structure: _Structure) -> Cut | None:
    """cut_off for a document expat stopped reading at `broken_at`: cut off when it does
    not end with the end tag of its root or of the element holding its entries; entries
    after the break are counted by their end tags outside CDATA, comments and PIs."""
    if structure.root is None or not structure.open:
        return None  # broken before its root, or after the root closed: not cut off
    last = _LAST_END_TAG.search(data.rstrip()[-256:])
    if last is not None and last.group(1).decode("utf-8", "replace") in {
        structure.root,
        structure.container,
    }:
        return None
    # Expat puts a bad tag's break at its name: the count starts at the tag's "<".
    tag = data.rfind(b"<", 0, broken_at + 1)
    if tag > data.rfind(b">", 0, broken_at):
        broken_at = tag
    after = sum(1 for match in _QUOTED_OR_ENTRY_END.finditer(data, broken_at) if match.group(1))
    # The break is where an unfinished tag starts, else at the very end.
    unfinished = data.rfind(b"<")
    at = unfinished if unfinished > data.rfind(b">") else len(data)
    return Cut(structure.complete + after, _where(data, at))
