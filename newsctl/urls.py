"""Urls: what an article's url must be, and its canonical form (the article's identity).

Percent-encoding, host names and query order are normalised by w3lib's
canonicalize_url (Scrapy's url canonicaliser, which follows RFC 3986's
normalisations: unreserved characters decoded, "%c3%a9" and raw "é" alike as
"%C3%A9", IDNA hosts). newsctl's own rules for identity come on top: tracking
parameters removed, http and https the same page, default ports and a
trailing slash dropped, and the fragment dropped unless it is a single-page
app's route ("#!/story/1", "#/story/2"), which names a different article.
An article is stored under page_key, which also folds one page's other
addresses together: its AMP copies, its "www." and mobile hosts, and a
directory's default page.
"""

import functools
import re
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters added by newsletters, ad networks, analytics and share buttons; they never
# change which article a url points at. Sources: Firefox's query-stripping list, the
# ClearURLs rules and the documentation of each network (Google Ads gclid/gclsrc/gbraid/
# wbraid/dclid, Google Analytics _ga/_gl, Microsoft msclkid, Meta fbclid/igshid, Mailchimp
# mc_cid/mc_eid, Marketo mkt_tok, HubSpot _hsenc/_hsmi, Yandex yclid, X twclid, TikTok ttclid,
# Matomo mtm_*/pk_*, Olytics oly_*, Vero vero_*, AT Internet/Piano xtor and at_*, Webtrekk/Mapp
# wt_mc/wt_zmc, Adobe Analytics s_cid/s_kwcid/ef_id/icid, the Guardian's CMP, X's ref_src,
# Branch _branch_match_id, Google Ads gad_source and Search srsltid, Yandex ysclid and
# _openstat, HubSpot __hstc/__hssc/__hsfp and hsa_*, LinkedIn li_fat_id, Klaviyo _kx,
# Instagram igsh, Facebook fb_action_*/fb_source/fb_ref/mibextid; the feed campaigns of
# European news sites use xtor, at_*, wt_* and CMP).
_TRACKING_PARAMS = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid",
    "igshid", "yclid", "twclid", "ttclid", "_ga", "_gl", "mkt_tok", "_hsenc", "_hsmi",
    "hsctatracking", "ocid", "cmpid", "smid", "oly_anon_id", "oly_enc_id", "vero_id",
    "vero_conv", "__s", "ncid", "sr_share", "rb_clickid", "s_cid", "s_kwcid", "ef_id", "icid",
    "xtor", "cmp", "ref_src", "_branch_match_id", "__twitter_impression", "gad_source",
    "srsltid", "wickedid", "_openstat", "ysclid", "__hstc", "__hssc", "__hsfp", "igsh",
    "mibextid", "li_fat_id", "_kx", "fb_action_ids", "fb_action_types", "fb_source", "fb_ref",
    # comScore's campaign parameters (a site's own "ns_id" may name a page).
    "ns_campaign", "ns_mchannel", "ns_source", "ns_linkname", "ns_fee",
}  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "piwik_", "itm_", "at_", "wt_", "hsa_")
# Session ids, new on each visit: Java servlets' jsessionid and PHP's PHPSESSID (also written
# as a path parameter, "/a;jsessionid=1A2B").
_SESSION_PARAMS = {"jsessionid", "phpsessid"}
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
# Generic names that feeds and newsletters fill with the channel a reader came by: "?ref=rss",
# "?source=rss", the New York Times' "?partner=rss&emc=rss", the Wall Street Journal's
# "?mod=rss_Technology". They track only with such a value: "?ref=2" or "?source=12" may
# name the page, and WordPress's "?feed=rss2" is the feed itself.
_CHANNEL_PARAMS = {"ref", "source", "src", "from", "partner", "emc", "mod", "feedtype", "via"}
# The channel's name as a whole word, then perhaps a number or a section after "_" ("rss",
# "RSS2", "rss_Technology"): "feedback", "socialism", "atomic-habits", "facebook-files" or
# "social-security-guide" name a page.
_CHANNEL_VALUE = re.compile(
    r"^(?:rss|atom|feeds?|feedburner|newsletter|email|twitter|facebook|social)\d*(?:_\w+)?$",
    re.IGNORECASE,
)


def is_tracking_parameter(name: str, value: str = "") -> bool:
    """Whether a query parameter only tracks the reader (utm_source, fbclid, _ga, a session
    id ...), given its name and, for a generic name ("ref", "source"), its value: "rss",
    "newsletter" and other channels a link was shared by (_CHANNEL_VALUE)."""
    lowered = name.lower()
    if lowered in _TRACKING_PARAMS or lowered in _SESSION_PARAMS:
        return True
    if lowered.startswith(_TRACKING_PREFIXES):
        return True
    if lowered == "mod":  # also a CMS's module ("index.php?mod=newsletter" is a page)
        return bool(_CHANNEL_VALUE.match(value)) and "_" in value
    return lowered in _CHANNEL_PARAMS and bool(_CHANNEL_VALUE.match(value))


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
        if any(is_tracking_parameter(name, value) for name, value in query):
            kept = [
                (name, value) for name, value in query if not is_tracking_parameter(name, value)
            ]
            parts = parts._replace(query=urlencode(kept))
    if ";" in parts.path:
        parts = parts._replace(path=_SESSION_IN_PATH.sub("", parts.path))
    return urlunsplit(parts)


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _has_scheme(url: str) -> bool:
    return bool(_SCHEME.match(url))


# Most urls are just scheme, host and a plain path: those need no parsing (an import
# canonicalises every url it reads), and canonicalize_url would leave them as they are.
_PLAIN = re.compile(
    r"^[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(/[A-Za-z0-9._~/-]*)?$"
)


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


def _ascii_host(host: str, port: int | None) -> str:
    """A host as DNS looks it up: IDNA 2008 with UTS #46 mapping (what browsers and the
    idna library do; w3lib, like Python's "idna" codec, applies IDNA 2003, which maps
    "straße" to "strasse", another domain), without the root's trailing dot."""
    import idna

    host = host.rstrip(".")
    try:
        host = idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):  # left to w3lib's IDNA 2003
        pass
    return host if port is None else f"{host}:{port}"


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

    if not parts.hostname.isascii() or parts.hostname.endswith("."):
        url = urlunsplit(parts._replace(netloc=_ascii_host(parts.hostname, port)))
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
        if not is_tracking_parameter(name, value)
    ]
    fragment = parts.fragment if _is_route(parts.fragment) else ""
    path = _SESSION_IN_PATH.sub("", parts.path).rstrip("/")
    return urlunsplit(("https", host, path, urlencode(sorted(query)), fragment))


# -- one page's other addresses -----------------------------------------------------------

# The same page under another address, as news links spell it. Sources: the AMP Cache url
# format (https://developers.google.com/amp/cache/overview), and the AMP and host rules of
# médialab's ural.normalize_url, built from links to news articles shared on social media.
# - Google's AMP Cache and viewer serve a copy of an origin's page:
#   https://site-example.cdn.ampproject.org/c/s/site.example/a ("s/": over https),
#   https://www.google.com/amp/s/site.example/a.
_AMP_CACHE = re.compile(r"^/(?:c|v|wp)/(s/)?(.+)$")
_AMP_VIEWER = re.compile(r"^/amp/(s/)?(.+)$")
# - A site's own AMP copy: "/a/amp/", "/a.amp", "/a.amp.html"; in lower case, as the AMP
#   plugins write it ("/wiki/AMP" is an article about AMP), and only below a page ("/amp"
#   alone is a section).
_AMP_PATH = re.compile(r"\.amp(?=\.html?$)|\.amp$|(?<=[^/]/)amp$")
# - ... or its query: "?amp", "?amp=1", "?outputType=amp", Google's "usqp", WordPress' "wpamp".
_AMP_PARAMS = {"amp", "_amp", "usqp", "wpamp"}
_AMP_VALUES = {"outputtype", "output", "mode"}  # these name AMP when their value is "amp"
# - A directory's default page ("index.html", "default.aspx": what a server sends for "/").
_DEFAULT_PAGE = re.compile(r"/(?:index|default)\.(?:s?html?|php|aspx?|jsp)$", re.IGNORECASE)
# - The same site's desktop, mobile and AMP hosts: "www.", "www2.", "m.", "mobile.", "amp.",
#   kept when a public suffix would be left ("amp.co.uk" is a site of its own: _site_alias).
_HOST_ALIAS = re.compile(r"^(?:www\d?|m|mobile|amp)\.(?=[^.]+\.)", re.IGNORECASE)
# Google's AMP Cache wraps a page once; a url wrapped more often than this is no page's.
_MAX_WRAPPINGS = 3
# A canonical url's parts (canonical_url writes https, a lower-case host and no empty parts).
_CANONICAL = re.compile(r"^https://([^/?#]+)([^?#]*)(?:\?([^#]*))?(#.*)?$")


def page_key(url: str | None) -> str | None:
    """The key an article's url is stored and matched under (articles.url_key), or None.

    canonical_url, with one page's other addresses folded into one: the copy in Google's
    AMP Cache or viewer, the site's AMP copy ("/a/amp", "/a.amp.html", "?amp=1"), its
    "www.", "m." and "amp." hosts, and a directory's default page ("/a/index.html").
    "https://m.Site.example/a/amp/?utm_source=x" and "http://site.example/a" give one key,
    "https://site.example/a". A url that is not http(s) is only trimmed.
    Idempotent: page_key(page_key(u)) == page_key(u).
    """
    canonical = canonical_url(url)
    for wrappings in range(_MAX_WRAPPINGS + 1):
        parts = _CANONICAL.match(canonical) if canonical else None
        if parts is None:
            return canonical
        host, path, query, fragment = parts.groups()
        copied = None
        if host.endswith(".cdn.ampproject.org"):
            copied = _AMP_CACHE.match(path)
        elif host in ("google.com", "www.google.com"):
            copied = _AMP_VIEWER.match(path)
        if copied is None:
            break
        if wrappings == _MAX_WRAPPINGS:
            return canonical_url(url)  # no page's address: itself, as any other url
        scheme = "https" if copied.group(1) else "http"
        # The origin's host is written in the path, percent-encoded when it is not ASCII.
        origin, slash, rest = copied.group(2).partition("/")
        inner = f"{scheme}://{unquote(origin)}{slash}{rest}" + (f"?{query}" if query else "")
        canonical = canonical_url(inner)
    while (shorter := _site_alias(host)) != host:  # "www.m.site.example" too
        host = shorter
    if "amp" in path or "." in path:
        # Until none is left, in any order: "/a/amp/index.html", "/a/index.amp.html".
        while (shorter := _strip_copy(path)) != path:
            path = shorter
        if "/." in path:  # "/..amp" less its ".amp" is a dot segment, resolved as any other
            path = urlsplit(canonical_url(f"https://{host}{path}") or "").path
    if query and ("amp" in query.lower() or "usqp" in query.lower()):
        query = urlencode(
            [
                (name, value)
                for name, value in parse_qsl(query, keep_blank_values=True)
                if not _amp_parameter(name.lower(), value.lower())
            ]
        )
    return f"https://{host}{path}" + (f"?{query}" if query else "") + (fragment or "")


@functools.lru_cache(maxsize=4096)  # an import reads many urls of few hosts
def _site_alias(host: str) -> str:
    """A host without one leading "www.", "m.", "mobile." or "amp." label, unless what is
    left is a public suffix (the Public Suffix List, through the tld library that courlan
    uses): "amp.co.uk" and "www.github.io" are sites of their own."""
    shorter = _HOST_ALIAS.sub("", host)
    if shorter == host:
        return host
    from tld import is_tld  # imported on use: most hosts need no alias removed

    return host if is_tld(shorter.rsplit(":", 1)[0]) else shorter


def _strip_copy(path: str) -> str:
    """A path without one default page and one AMP ending (and the slash before them)."""
    return _AMP_PATH.sub("", _DEFAULT_PAGE.sub("", path).rstrip("/")).rstrip("/")


def _amp_parameter(name: str, value: str) -> bool:
    """Whether a query parameter (lower-cased) asks for a page's AMP copy."""
    if name in _AMP_VALUES:
        return value == "amp"
    return name in _AMP_PARAMS or name.startswith("amp_")
