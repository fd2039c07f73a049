"""What every feed format shares: the identity of an entry, and links resolved to urls.

An entry's own id (RSS guid, Atom id, JSON Feed id) is the publisher's identity
for it: an entry re-published with an edited title, text or link keeps it. Ids
are only unique within one feed in practice (many feeds number their items
"1", "2", ...), so newsctl scopes each by the feed it came from: the feed's
site (its link), else its own id or url, else its title.
"""

from newsctl.text import clean_line
from newsctl.urls import absolute_url, canonical_url


def feed_scope(*candidates: str | None) -> str | None:
    """The first usable name of a feed, for scoping entry ids: pass the feed's site link,
    its own id or url, its title, in that order of preference. Urls are canonicalised,
    so "http://Site.example/" and "https://site.example" are one feed."""
    for candidate in candidates:
        text = clean_line(candidate or "")
        if text:
            return canonical_url(text) or text
    return None


def entry_guid(scope: str | None, entry_id: object) -> str | None:
    """The stored guid of an entry: "<feed scope> <entry id>", or None without an id.

    An entry id that is itself a url is canonicalised; an entry from a feed with no
    scope at all keeps its id alone.
    """
    if entry_id is None or isinstance(entry_id, bool):
        return None
    text = clean_line(str(entry_id))
    if not text:
        return None
    text = canonical_url(text) or text
    return f"{scope} {text}" if scope else text


def entry_url(link: str | None, *bases: str | None) -> str | None:
    """An entry's link as an absolute http(s) url, resolved (RFC 3986) against the first
    usable base given (the document's own url, the feed's site link); None when it is not
    one. A relative link with no base is dropped rather than stored: two sites'
    "/2024/05/x" would otherwise be one article."""
    if not link:
        return None
    url = absolute_url(link)
    if url is not None:
        return url
    for base in bases:
        if base and absolute_url(base) is not None:
            return absolute_url(link, base)
    return None
