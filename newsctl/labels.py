"""Tags and categories: one normalisation for every source.

Pages, feeds, records and the command line all name tags; they arrive as
lists, as comma-separated keyword strings ("World, Science, science") and with
stray whitespace. Every source passes them through `tag_list`, so the same
input gives the same tags whatever format carried it, and two spellings that
differ only in case or Unicode normal form are one tag (text.fold_key).
"""

import re
from collections.abc import Iterable

from newsctl.text import clean_line, fold_key

# Separators of a keyword list in one string: "a, b", "a; b", "a | b" (HTML meta keywords,
# CSV cells, a page's "Categories:" line).
_KEYWORD_SEPARATORS = re.compile(r"\s*[,;|]\s*")


def tag_list(values: str | Iterable[object] | None) -> tuple[str, ...]:
    """Tags as stored: trimmed, keyword lists split, empty and case duplicates dropped.

    Takes a keyword string (split on commas, semicolons and bars) or an
    iterable of values, each one tag (a list item is never split: a tag may
    hold a comma, and newsctl's own exports keep such tags in JSON lists);
    returns the tags in their first spelling and first-seen order.
    """
    if values is None:
        return ()
    if isinstance(values, str):
        items: list[object] = _KEYWORD_SEPARATORS.split(values)
    else:
        items = list(values)
    tags: dict[str, str] = {}
    for item in items:
        tag = clean_line(str(item))
        if tag:
            tags.setdefault(fold_key(tag), tag)
    return tuple(tags.values())


def category_and_tags(terms: str | Iterable[object]) -> tuple[str | None, tuple[str, ...]]:
    """A source's ordered terms split as newsctl stores them: the first is the category,
    the others (minus any spelling of the category) are tags."""
    names = tag_list(terms)
    if not names:
        return None, ()
    category = names[0]
    return category, tuple(tag for tag in names[1:] if fold_key(tag) != fold_key(category))
