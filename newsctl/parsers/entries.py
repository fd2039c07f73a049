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

Two kinds of id are unique by their construction and never scoped: a tag URI
(RFC 4151, minted by the owner of a domain or an address on a date) and a UUID URN
(RFC 9562). Such an entry is one article in every feed that carries it: a site's
"Sport" and "Local" feeds, an aggregator's, the feed renamed or moved.

A feed's urls count only once absolute (absolute_link): every site has a
"/feed.json", so a relative one names no feed.
"""

import re

from newsctl.text import clean_line
from newsctl.urls import absolute_url, canonical_url, page_key

# An id that names itself uniquely: a URI with a scheme (RFC 3986), "tag:" (RFC 4151),
# "urn:uuid:" (RFC 4122), "http://...".
_GLOBAL_ID = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S")
# Ids unique by construction, whichever feed carries them: a tag URI, "tag:" authority ","
# date ":" specific part (RFC 4151 section 2.1), and a UUID URN (RFC 9562 section 4). The
# tagging entity (authority and date) or "urn:uuid" is what an entry's id shares with its
# feed's other entries (see id_namespace).
_TAG_URI = re.compile(r"^(?P<entity>tag:[^\s,:/]+,\d{4}(?:-\d{2}){0,2}):\S*$", re.IGNORECASE)
_UUID_URN = re.compile(r"^(?P<entity>urn:uuid):[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$", re.I)


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


def unique_id(text: str) -> re.Match | None:
    """The match of an entry id that is unique by construction (a tag URI or a UUID URN,
    see _TAG_URI), naming its tagging entity as "entity"; None for any other id."""
    return _TAG_URI.match(text) or _UUID_URN.match(text)


def id_namespace(guid: str) -> str:
    """What a stored guid shares with the other entries of its feed: its feed scope
    ("<scope> <id>"), or the tagging entity of an unscoped tag URI ("tag:site.example,2024")
    or "urn:uuid"; else the guid itself (an id compared whole)."""
    unique = unique_id(guid)
    if unique:
        return unique["entity"].casefold()
    return guid.rsplit(" ", 1)[0]


def current_guid(stored: str) -> str:
    """A guid as this version stores it, from the form earlier versions stored or exported:
    "<scope> tag:site.example,2024:7" is "tag:site.example,2024:7" (ids unique by
    construction are no longer scoped); any other guid is unchanged."""
    scope, space, entry_id = stored.rpartition(" ")
    return entry_id if space and scope and unique_id(entry_id) else stored


def entry_guid(scope: str | None, entry_id: object) -> str | None:
    """The stored guid of an entry: "<feed scope> <entry id>", the id alone when it is unique
    by construction (a tag URI or a UUID URN: unique_id), or None.

    None without an id, and for an id that is not unique by itself ("1", "4411") from a
    feed without a scope. An id that is a url is canonicalised but keeps its fragment: a
    live blog's posts are "…/live#post-101" and "…/live#post-102" (ids are compared
    character by character, RFC 4287 4.2.6; a fragment is part of a URI, RFC 3986 3.5).
    """
    if entry_id is None or isinstance(entry_id, bool):
        return None
    text = clean_line(str(entry_id))
    if not text:
        return None
    address, mark, fragment = text.partition("#")
    text = (canonical_url(address) or address) + mark + fragment if address else text
    if scope and not unique_id(text):
        return f"{scope} {text}"
    return text if is_global_id(text) else None


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
