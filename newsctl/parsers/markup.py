"""HTML fragments (feed summaries, content) to plain text paragraphs."""

import html
import re

from newsctl.text import clean_line, strip_controls

# Elements that start a new line of text (display: block in the HTML Standard's rendering
# section, "Flow content" styles).
BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
    "section", "table", "tr", "ul",
}  # fmt: skip
_INVISIBLE = "//script | //style | //noscript | //template | //iframe | //object | //embed"
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"<[^>]{0,2000}>")


def _paragraphs(text: str) -> str:
    paragraphs = (clean_line(part) for part in re.split(r"\n\s*\n", text))
    return "\n\n".join(part for part in paragraphs if part)


# Tag names that are markup when a tag of theirs is still in the text after one pass.
_TAG_LEFT = re.compile(
    r"<(?P<end>/?)(?P<name>p|div|span|a|img|object|embed|param|iframe|br|b|i|em|strong|font"
    r"|table|tr|td|ul|ol|li|h[1-6]|script|style|blockquote|figure|section|article)\b"
    r"(?P<attributes>[^<>]{0,500})>",
    re.IGNORECASE,
)


# How many signs of markup make a text's tags markup escaped twice (_markup_left).
_MARKUP_SIGNS = 2


def _markup_left(text: str) -> set[int]:
    """Where (the offsets of their "<") the tags in text after one pass are markup: the sign
    of a publisher that escaped its HTML twice (HTML that reads "&lt;p&gt;Hello&lt;/p&gt;").

    A tag closed after it (<b>mayor</b>) shows the text is markup escaped twice, and so do
    two tags with attributes (<object width="425">) or closing themselves (<br />); then
    every tag of it is ("Monday.<br /><br />It approved"). One of those alone may be a tag
    the article writes about, escaped once to show it ("In XHTML you
    write <br />"), as a lone tag's name is ("Why <table> layouts", "Use <br> sparingly";
    the rule of page_title._INLINE_MARKUP for metadata titles).
    """
    tags = list(_TAG_LEFT.finditer(text))
    signs = 0
    unclosed: dict[str, int] = {}
    for tag in tags:
        name = tag["name"].lower()
        attributes = tag["attributes"]
        if not tag["end"]:
            signs += "=" in attributes or attributes.rstrip().endswith("/")
            unclosed[name] = unclosed.get(name, 0) + 1
        elif unclosed.get(name):
            unclosed[name] -= 1
            signs += _MARKUP_SIGNS  # a tag closed around words is markup by itself
        if signs >= _MARKUP_SIGNS:
            return {found.start() for found in tags}
    return set()


# Code blocks stand aside (as numbered placeholders) while the rest is cleaned: HTML quoted
# in a <pre> or <code> is the article's content, not markup.
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def _to_text(markup: str, code: list[str], *, invisible: str = _INVISIBLE) -> str:
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        # Not parseable as HTML at all: drop anything tag-shaped.
        return _TAG.sub(" ", markup)
    for hidden in root.xpath(invisible):
        hidden.drop_tree()
    for block in root.xpath("//pre | //code[not(ancestor::pre) and not(ancestor::code)]"):
        marker = f"\ue000{len(code)}\ue001"
        code.append(block.text_content())
        if block.tag == "pre":
            marker = f"\n\n{marker}\n\n"
        block.tail = marker + (block.tail or "")
        block.drop_tree()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    return root.text_content()


def html_to_text(markup: str | None) -> str:
    """The readable text of an HTML fragment: block elements become paragraphs, entities decoded.

    Markup a publisher escaped twice goes too (_markup_left), but a tag's name that the
    fragment escapes to show it stays: "Use &lt;br&gt; sparingly" gives "Use <br> sparingly".
    """
    if not markup:
        return ""
    # Control characters mean nothing in text, and lxml refuses them in element text.
    markup = strip_controls(markup).replace("\ue000", "").replace("\ue001", "")
    if "<" not in markup and "&" not in markup:
        return _paragraphs(markup)
    code: list[str] = []
    text = _to_text(markup, code)
    tags = _markup_left(text) if "<" in text else set()
    if tags:
        # Only the markup is parsed again: any other "<" stays text. (Unescaped tags here are
        # rarely closed: dropping an <object> would take the rest along.)
        text = re.sub("<", lambda sign: "<" if sign.start() in tags else "&lt;", text)
        text = _to_text(text, code, invisible="//script | //style")
    # Feeds often escape twice ("&amp;eacute;"); decode what is left once more.
    if _ENTITY.search(text):
        text = html.unescape(text)
    return _paragraphs(_PLACEHOLDER.sub(lambda match: code[int(match.group(1))], text))
