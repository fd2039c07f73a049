"""HTML fragments (feed summaries, content) to plain text paragraphs."""

import html
import re

from newsctl.text import clean_line

_BLOCKS = {
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


def html_to_text(markup: str | None) -> str:
    """The readable text of an HTML fragment: block elements become paragraphs, entities decoded."""
    if not markup:
        return ""
    if "<" not in markup and "&" not in markup:
        return _paragraphs(markup)
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        # Not parseable as HTML at all: drop anything tag-shaped, decode entities.
        return _paragraphs(html.unescape(_TAG.sub(" ", markup)))
    for hidden in root.xpath(_INVISIBLE):
        hidden.drop_tree()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    # Feeds often escape twice ("&amp;eacute;"); decode what is left once more.
    if _ENTITY.search(text):
        text = html.unescape(text)
    return _paragraphs(text)
