"""Author names: the one place where bylines become lists of people.

(Placeholder until the byline rules land: names are cleaned and de-duplicated.)
"""

from collections.abc import Iterable

from newsctl.text import clean_line, fold_key


def author_names(
    raw: str | Iterable[str] | None, *, not_people: Iterable[str] = ()
) -> tuple[str, ...]:
    """The people a byline names, in order, each once."""
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else list(raw)
    names: dict[str, str] = {}
    for item in items:
        name = clean_line(item)
        if name:
            names.setdefault(fold_key(name), name)
    return tuple(names.values())
