"""Urls: what an article's url must be, and its canonical form (the article's identity).

Percent-encoding, host names and query order are normalised by w3lib's
canonicalize_url (Scrapy's url canonicaliser, which follows RFC 3986's
normalisations: unreserved characters decoded, "%c3%a9" and raw "é" alike as
"%C3%A9", IDNA hosts). newsctl's own rules for identity come on top: tracking
parameters removed, http and https the same page, default ports and a
trailing slash dropped, and the fragment dropped unless it is a single-page
app's route ("#!/story/1", "#/story/2"), which names a different article.
"""

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters added by newsletters, ad networks, analytics and share buttons; they never
# change which article a url points at. Sources: Firefox's query-stripping list, the
# ClearURLs rules and the documentation of each network (Google Ads gclid/gclsrc/gbraid/
# wbraid/dclid, Google Analytics _ga/_gl, Microsoft msclkid, Meta fbclid/igshid, Mailchimp
# mc_cid/mc_eid, Marketo mkt_tok, HubSpot _hsenc/_hsmi, Yandex yclid, X twclid, TikTok ttclid,
# Matomo mtm_*/pk_*, Olytics oly_*, Vero vero_*, AT Internet/Piano xtor and at_*, Webtrekk/Mapp
# wt_mc/wt_zmc, Adobe Analytics s_cid/s_kwcid/ef_id/icid, the Guardian's CMP, X's ref_src,
# Branch _branch_match_id; the feed campaigns of European news sites use the last few).
_TRACKING_PARAMS = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
    "igshid", "yclid", "twclid", "ttclid", "_ga", "_gl", "mkt_tok", "_hsenc", "_hsmi",
    "hsctatracking", "ocid", "cmpid", "smid", "oly_anon_id", "oly_enc_id", "vero_id",
    "vero_conv", "__s", "ncid", "sr_share", "rb_clickid", "s_cid", "s_kwcid", "ef_id", "icid",
    "xtor", "cmp", "ref_src", "_branch_match_id", "__twitter_impression",
}  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "piwik_", "itm_", "at_", "wt_")


def is_tracking_parameter(name: str) -> bool:
    """Whether a query parameter only tracks the reader (utm_source, fbclid, _ga ...)."""
    lowered = name.lower()
    return lowered in _TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def _is_route(fragment: str) -> bool:
    """A fragment that names a page of a single-page app ("#!/x", "#/x"), not a place in one."""
    return fragment.startswith(("!", "/"))


def absolute_url(url: str | None, base: str | None = None) -> str | None:
    """An http(s) url as stored: resolved against base when relative, tracking parameters
    removed, anything else kept as given; None for no url, or one that is not (or cannot
    be made) an absolute http or https url.

    base is the url of the document the link was in (xml:base, a feed's or page's own
    url); RFC 3986 section 5 resolution (urllib.parse.urljoin).
    """
    if not url or not url.strip():
        return None
    url = url.strip()
    if "&amp;" in url:  # a link copied out of HTML without unescaping ("?a=1&amp;b=2")
        url = url.replace("&amp;", "&")
    if base and not _has_scheme(url):
        url = urljoin(base.strip(), url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.query:
        query = parse_qsl(parts.query, keep_blank_values=True)
        if any(is_tracking_parameter(name) for name, _ in query):
            kept = [(name, value) for name, value in query if not is_tracking_parameter(name)]
            parts = parts._replace(query=urlencode(kept))
    return urlunsplit(parts)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _has_scheme(url: str) -> bool:
    return bool(_SCHEME.match(url))


# Most urls are just scheme, host and a plain path: those need no parsing (an import
# canonicalises every url it reads), and canonicalize_url would leave them as they are.
_PLAIN = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(/[A-Za-z0-9._~/-]*)?$")


def canonical_url(url: str | None) -> str | None:
    """A url reduced to what identifies the page (see the module docstring), or None.

    "HTTP://News.Example:443/%7Eed/a/?utm_source=x#top" and
    "https://news.example/~ed/a" are one page. Anything that is not an http(s)
    url (a urn:, a relative path) is only trimmed.
    """
    if not url or not url.strip():
        return None
    url = url.strip()
    plain = _PLAIN.match(url)
    if plain and "/." not in url:  # dot segments ("/./", "/../") are resolved the long way
        return f"https://{plain.group(1).lower()}{(plain.group(2) or '').rstrip('/')}"
    return parsed_canonical_url(url)


def parsed_canonical_url(url: str) -> str:
    """canonical_url the long way, for any url (the fast path above must agree with it)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    from w3lib.url import canonicalize_url  # imported on use: only imports need it

    try:
        parts = urlsplit(canonicalize_url(url, keep_fragments=True))
    except ValueError:  # a host IDNA cannot encode
        pass
    host = parts.hostname or ""
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_parameter(name)
    ]
    fragment = parts.fragment if _is_route(parts.fragment) else ""
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(sorted(query)), fragment))
