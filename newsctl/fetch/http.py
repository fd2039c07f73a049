"""One HTTP GET, made the way a program that runs unattended for years must make it.

- Only http and https urls, with a User-Agent that names newsctl and its version.
- Time limits: to connect, between two pieces of data (read), and for the whole request
  (total, checked as data arrives; a request lasts at most total + read).
- A size limit on the decoded body, read piece by piece and abandoned past the limit.
  gzip, deflate and brotli are decoded here, each network read expanded at most a
  megabyte at a time: httpx's own decoders expand a whole read at once, so a small
  compressed "bomb" could fill memory before any limit saw it.
- Redirects followed by hand: at most MAX_REDIRECTS, loops and non-http(s) targets
  refused; where the permanent ones lead (301, 308: RFC 9110 §15.4.2, §15.4.9) is
  reported, so a subscription can move with its feed.
- Conditional requests: the stored ETag and Last-Modified go back as If-None-Match and
  If-Modified-Since (RFC 9110 §13.1.1, §13.1.3); 304 Not Modified (§15.4.5) has no body.
- Failures raise FetchError, one line, with the status and the server's Retry-After
  (RFC 9110 §10.2.3: seconds or an HTTP date; sent with 503, and with 429 by RFC 6585 §4).

The model is miniflux's reader/fetcher (its limits: 15 MiB, 20 s); no database here.
"""

import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import brotli
import httpx

from newsctl import __version__
from newsctl.errors import ParseError, UsageError

# Where a site owner who sees newsctl in their logs can read what it is.
PROJECT_URL = "https://pypi.org/project/newsctl/"
USER_AGENT = f"newsctl/{__version__} (+{PROJECT_URL})"
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_PERMANENT = {301, 308}
# What newsctl reads, best first (RFC 9110 §12.5.1).
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ANY_ACCEPT = (
    "text/html, application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, application/json;q=0.9, */*;q=0.5"
)
ACCEPT_ENCODING = "gzip, deflate, br"
# The most one piece of compressed input is expanded to at once.
_PIECE = 1 << 20
_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)
_ANY_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_web_url(text: str) -> bool:
    """Whether a command-line argument is an http(s) url rather than a file name."""
    return bool(_WEB_URL.match(text))


def require_web_url(text: str) -> str:
    """An argument that must be an http(s) url; a UsageError says why it is not."""
    text = text.strip()
    if not is_web_url(text):
        if _ANY_URL.match(text):
            raise UsageError(f"only http and https urls can be fetched, not {text}")
        raise UsageError(f"not a url: {text} (give it with http:// or https://)")
    try:
        if not httpx.URL(text).host:
            raise UsageError(f"not a url: {text} (no host name)")
    except httpx.InvalidURL as problem:
        raise UsageError(f"not a url: {text} ({problem})") from None
    return text


@dataclass(frozen=True)
class Limits:
    """Seconds to connect, between two reads, and for a whole request; bytes of a body."""

    connect: float = 10.0
    read: float = 30.0
    total: float = 60.0
    max_bytes: int = 16 * 2**20

    @classmethod
    def within(cls, seconds: float) -> "Limits":
        """Limits for a request that must end within `seconds` (connect and read no longer)."""
        return cls(connect=min(cls.connect, seconds), read=min(cls.read, seconds), total=seconds)


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version it sent (RFC 9110 §8.8)."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    """A successful response: 2xx with its body, or 304 without one."""

    url: str  # the final url, after redirects
    status: int
    content: bytes = b""
    media_type: str | None = None  # "application/rss+xml", lower case, without parameters
    charset: str | None = None  # the Content-Type charset, if the server gave one
    validators: Validators = Validators()
    # Where the leading permanent redirects led, when there were some.
    moved_to: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(ParseError):
    """A url that could not be fetched: why, in one line, and what the server asked for."""

    def __init__(
        self,
        message: str,
        url: str,
        *,
        status: int | None = None,
        kind: str | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message, url)
        self.status = status
        # A short word for what went wrong, stored as a feed's last status: "404", "timeout".
        self.kind = kind or (str(status) if status else "error")
        # Seconds the server asked us to wait before the next request (Retry-After).
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """A Retry-After value as seconds from now (RFC 9110 §10.2.3); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(int(value))
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


class _Identity:
    def feed(self, data: bytes) -> Iterator[bytes]:
        yield data

    def finish(self) -> Iterator[bytes]:
        yield from ()


class _Zlib:
    """gzip (RFC 1952) or deflate: zlib-wrapped as RFC 9110 says, or raw as some servers send."""

    def __init__(self, encoding: str):
        self.gzip = encoding in ("gzip", "x-gzip")
        self.started = False
        self.decoder = zlib.decompressobj(16 + zlib.MAX_WBITS if self.gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self.started and not self.gzip:
            self.started = True
            try:
                zlib.decompressobj().decompress(data[:64], 1)
            except zlib.error:
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)
        while data:
            yield self.decoder.decompress(data, _PIECE)
            data = self.decoder.unconsumed_tail

    def finish(self) -> Iterator[bytes]:
        yield self.decoder.flush()


class _Brotli:
    """brotli (RFC 7932), through the brotli package's bounded output (1.2+)."""

    def __init__(self) -> None:
        self.decoder = brotli.Decompressor()

    def feed(self, data: bytes) -> Iterator[bytes]:
        yield self.decoder.process(data, output_buffer_limit=_PIECE)
        while not self.decoder.can_accept_more_data():
            piece = self.decoder.process(b"", output_buffer_limit=_PIECE)
            if not piece:
                break
            yield piece

    def finish(self) -> Iterator[bytes]:
        yield from ()


def _decoder(encoding: str, url: str) -> _Identity | _Zlib | _Brotli:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _Zlib(encoding)
    if encoding == "br":
        return _Brotli()
    raise FetchError(f"the server sent an encoding newsctl cannot read ({encoding})", url)


def _one_line(problem: BaseException) -> str:
    text = " ".join(str(problem).split())
    return text or type(problem).__name__


class Fetcher:
    """GET requests through one httpx client (thread-safe: a fetch run shares one)."""

    def __init__(self, limits: Limits = Limits(), *, connections: int = 10):
        self.limits = limits
        self.client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(limits.read, connect=limits.connect, pool=limits.total),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(
        self, url: str, validators: Validators = Validators(), *, accept: str = ANY_ACCEPT
    ) -> Response:
        """The response to GET url, after redirects; FetchError when there is none to use."""
        if not is_web_url(url):
            raise FetchError("only http and https urls are fetched", url, kind="url")
        deadline = time.monotonic() + self.limits.total
        headers = {"Accept": accept}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        seen = {url}
        current, moved_to, permanent = url, None, True
        try:
            for _ in range(MAX_REDIRECTS + 1):
                with self.client.stream("GET", current, headers=headers) as response:
                    target = self._redirect_target(response, url)
                    if target is None:
                        return self._finish(response, url, moved_to, deadline)
                if target in seen:
                    raise FetchError(f"redirect loop at {target}", url, kind="redirects")
                seen.add(target)
                if permanent and response.status_code in _PERMANENT:
                    moved_to = target
                else:
                    permanent = False
                current = target
        except httpx.TimeoutException as problem:
            raise FetchError(self._timeout_message(problem), url, kind="timeout") from None
        except httpx.UnsupportedProtocol:
            raise FetchError("only http and https urls are fetched", url, kind="url") from None
        except (httpx.HTTPError, httpx.InvalidURL) as problem:
            raise FetchError(_one_line(problem), url, kind="network") from None
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url, kind="redirects")

    def _timeout_message(self, problem: httpx.TimeoutException) -> str:
        if isinstance(problem, httpx.ConnectTimeout):
            return f"no connection within {self.limits.connect:g} s"
        if isinstance(problem, httpx.ReadTimeout):
            return f"the server sent nothing for {self.limits.read:g} s"
        return f"timed out ({_one_line(problem)})"

    def _redirect_target(self, response: httpx.Response, url: str) -> str | None:
        """Where a redirect points (absolute), or None when the response is not one."""
        location = response.headers.get("location")
        if response.status_code not in _REDIRECTS or not location:
            return None
        try:
            target = response.url.join(location.strip())
        except httpx.InvalidURL:
            raise FetchError(f"redirected to an invalid url ({location})", url) from None
        if target.scheme not in ("http", "https"):
            raise FetchError(f"redirected to a url that is not http(s): {target}", url)
        return str(target)

    def _finish(
        self, response: httpx.Response, url: str, moved_to: str | None, deadline: float
    ) -> Response:
        status = response.status_code
        validators = Validators(
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
        if status == 304:
            return Response(str(response.url), status, validators=validators, moved_to=moved_to)
        if not 200 <= status < 300:
            reason = response.reason_phrase or ""
            raise FetchError(
                f"HTTP {status} {reason}".rstrip(),
                url,
                status=status,
                retry_after=retry_after_seconds(response.headers.get("retry-after")),
            )
        content = self._read(response, url, deadline)
        media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return Response(
            str(response.url),
            status,
            content,
            media_type=media_type or None,
            charset=response.charset_encoding,
            validators=validators,
            moved_to=moved_to,
        )

    def _read(self, response: httpx.Response, url: str, deadline: float) -> bytes:
        """The decoded body, read piece by piece within the size and time limits."""
        limit = self.limits.max_bytes
        too_large = FetchError(f"larger than {limit / 2**20:g} MB; not read", url, kind="size")
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        decoder = _decoder(response.headers.get("content-encoding", ""), url)
        pieces: list[bytes] = []
        size = 0

        def keep(decoded: Iterator[bytes]) -> None:
            nonlocal size
            for piece in decoded:
                size += len(piece)
                if size > limit:
                    raise too_large
                pieces.append(piece)

        try:
            for raw in response.iter_raw():  # as the network gives it (at most 64 KB)
                keep(decoder.feed(raw))
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"took longer than {self.limits.total:g} s", url, kind="timeout"
                    )
            keep(decoder.finish())
        except (zlib.error, brotli.error) as problem:
            raise FetchError(f"a damaged compressed body ({problem})", url) from None
        return b"".join(pieces)
