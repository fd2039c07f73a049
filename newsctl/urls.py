"""Canonical urls: the identity of an article that has one."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters added by newsletters, ad networks and share buttons; they
# never change which article a url points at.
_TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_hsenc",
    "_hsmi",
    "ocid",
    "cmpid",
    "smid",
}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING_PARAMS


# Most urls are just scheme, host and path: those need no parsing (an import canonicalises
# every url it reads).
_PLAIN = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://([A-Za-z0-9.-]+)(/[^?#]*)?$")


def canonical_url(url: str | None) -> str | None:
    """A url reduced to what identifies the page.

    Drops tracking parameters, the fragment, a trailing slash, default ports
    and the http/https difference; lowercases scheme and host; sorts the
    remaining query. Anything that is not an http(s) url is only trimmed.
    """
    if not url or not url.strip():
        return None
    url = url.strip()
    plain = _PLAIN.match(url)
    if plain:
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
    host = parts.hostname.lower()
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, urlencode(query), ""))
