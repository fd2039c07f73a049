"""What every feed format shares: the identity of an entry, and links resolved to urls.

An entry's own id (RSS guid, Atom id, JSON Feed id) is the publisher's identity
for it: an entry re-published with an edited title, text or link keeps it. Ids
are only unique within one feed in practice (many feeds number their items
"1", "2", ...; two feeds of one site, "Sport" and "Local", may both have an
item "1"), so newsctl scopes each by the feed it came from: the feed's own url
(the url it was fetched from, else the one it states: an RSS or Atom self link,
a JSON Feed's feed_url) or its Atom id, which name one feed; else its site link
with its title. A feed with neither only lends its ids when they are unique by
themselves (a url, a "tag:" or "urn:" URI).

A feed's urls count only once absolute (absolute_link): every site has a
"/feed.json", so a relative one names no feed.
"""

import re
from collections.abc import Sequence

from newsctl.text import clean_line
from newsctl.urls import absolute_url, canonical_url, page_key

# An id that names itself uniquely: a URI with a scheme (RFC 3986), "tag:" (RFC 4151),
# "urn:uuid:" (RFC 4122), "http://...".
_GLOBAL_ID = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S")


def feed_scope(
    *,
    own: str | None = None,
    feed_id: str | None = None,
    site: str | None = None,
    title: str | None = None,
) -> str | None:
    """The name of a feed that scopes its entries' ids, or None when the feed has no name
    that tells it from another feed of its site (then only global ids are used).

    own: the feed's own url; feed_id: its Atom id; site: its site link; title: its title.
    own and site count only as absolute http(s) urls (resolve them first: absolute_link);
    a relative one ("/feed.json") is the same in every site's feed, so it is ignored.
    Urls are canonicalised, so "http://Site.example/" and "https://site.example" are one.
    """
    own_url = absolute_url(clean_line(own or ""))
    if own_url:
        return canonical_url(own_url)
    feed_name = clean_line(feed_id or "")
    if feed_name:
        return canonical_url(feed_name) or feed_name
    site_url = absolute_url(clean_line(site or ""))
    if site_url:
        name = clean_line(title or "")
        base = canonical_url(site_url)
        return f"{base} {name}" if name else base
    return None


def is_global_id(text: str) -> bool:
    """Whether an entry id is unique by itself (a URI), not only within its feed."""
    return bool(_GLOBAL_ID.match(text))


# A fragment that carries a tracking campaign ("#xtor=RSS-1", "#utm_source=feed") or Tynt's
# copy tracker ("#ixzz4abc"): state that changes between fetches, not a place in the page.
_TRACKING_FRAGMENT = re.compile(r"=|^ixzz", re.IGNORECASE)


def entry_guids(scope: str | None, entry_ids: Sequence[object]) -> list[str | None]:
    """The stored guids of a feed's entries, in order: "<feed scope> <entry id>", or None.

    None without an id, and for an id that is not unique by itself ("1", "4411") from a
    feed without a scope. An id that is a url is canonicalised but keeps its fragment: a
    live blog's posts are "…/live#post-101" and "…/live#post-102" (ids are compared
    character by character, RFC 4287 4.2.6; a fragment is part of a URI, RFC 3986 3.5),
    unless the fragment only tracks (_TRACKING_FRAGMENT). (Earlier versions dropped every
    fragment: see saving.other_entry for the guids they stored.)
    """
    guids: list[str | None] = []
    for text in map(_id_text, entry_ids):
        if not text:
            guids.append(None)
        elif scope:
            guids.append(f"{scope} {text}")
        else:
            guids.append(text if is_global_id(text) else None)
    return guids


def _id_text(entry_id: object) -> str | None:
    """An entry id as a guid writes it (entry_guids), or None for no id."""
    if entry_id is None or isinstance(entry_id, bool):
        return None
    text = clean_line(str(entry_id))
    address, mark, fragment = text.partition("#")
    if not address or absolute_url(address) is None:  # not a url: the id as written
        return text or None
    if _TRACKING_FRAGMENT.search(fragment):
        mark = fragment = ""
    return (canonical_url(address) or address) + mark + fragment


def entry_url(
    link: str | None, *bases: str | None, not_articles: tuple[str | None, ...] = ()
) -> str | None:
    """An entry's link as an absolute http(s) url, resolved (RFC 3986) against the first
    usable base given (the document's own url, the feed's site link); None when it is not
    one. A relative link with no base is dropped rather than stored: two sites'
    "/2024/05/x" would otherwise be one article. A link to one of `not_articles` (the
    feed's site, the feed itself) names no article: press releases and notices that
    all link to the home page are not one article, so such a link gives None too."""
    url = absolute_link(link, *bases)
    if url is None:
        return None
    addresses = {page_key(address) for address in not_articles if address}
    return None if page_key(url) in addresses else url


def absolute_link(link: str | None, *bases: str | None) -> str | None:
    """A link as an absolute http(s) url (urls.absolute_url): as it is when absolute, else
    resolved against the first base that is an absolute url itself (RFC 3986 section 5.1:
    the document's retrieval url, else the url the document states for itself; relative
    bases are skipped); None when it cannot be made one."""
    if not link:
        return None
    url = absolute_url(link)
    if url is not None:
        return url
    for base in bases:
        if base and absolute_url(base) is not None:
            return absolute_url(link, base)
    return None


def publisher_names(title: object) -> tuple[str, ...]:
    """The names a feed's title gives its publisher, not people as authors: the title, and
    its parts before and after a separator ("Le Monde.fr - Actualités et Infos en France et
    dans le monde" names "Le Monde.fr"; "EL PAÍS: el periódico global" names "EL PAÍS"),
    split as a page's site name is (page_evidence.site_name_parts)."""
    if not isinstance(title, str) or not title.strip():
        return ()
    # Imported here: page_evidence brings lxml, which plain record formats never need.
    from newsctl.parsers.page_evidence import site_name_parts

    return (title, *site_name_parts(clean_line(title)))
