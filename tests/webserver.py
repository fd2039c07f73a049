"""A real HTTP server on a loopback address, for the fetching tests and bench/fetch.py.

Each path answers with a canned Reply, or a function of the request that returns one;
every request is logged. It binds 127.0.0.x only: nothing here reaches another machine.
"""

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Seconds of silence before anything is sent (a server that stalls).
    stall: float = 0.0
    # Seconds between bytes of the body (a server that trickles); 0 sends it at once.
    trickle: float = 0.0
    # Whether to send Content-Length (else the body ends when the connection closes).
    length: bool = True


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # names in lower case


Handler = Callable[[Request], Reply]


def gzipped(body: bytes, headers: dict[str, str] | None = None, **reply) -> Reply:
    return Reply(
        body=gzip.compress(body), headers={"Content-Encoding": "gzip", **(headers or {})}, **reply
    )


class Site:
    """A threaded HTTP/1.0 server on host:port (port chosen by the system)."""

    def __init__(self, host: str = "127.0.0.1"):
        self.routes: dict[str, Reply | Handler] = {}
        self.requests: list[Request] = []
        self.closing = threading.Event()
        site = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                site.requests.append(request)
                route = site.routes.get(self.path)
                if route is None:
                    reply = Reply(404, b"not here")
                else:
                    reply = route(request) if callable(route) else route
                site._send(self, reply)

            def log_message(self, *args: object) -> None:
                pass

        class _Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False

        self.server = _Server((host, 0), _Handler)
        self.host, self.port = self.server.server_address[:2]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def _send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.stall and self.closing.wait(reply.stall):
            return
        try:
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if reply.length and "Content-Length" not in reply.headers:
                handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            if not reply.trickle:
                handler.wfile.write(reply.body)
                return
            for position in range(len(reply.body)):
                if self.closing.wait(reply.trickle):
                    return
                handler.wfile.write(reply.body[position : position + 1])
                handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a time or size limit): that is the point

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, reply: Reply | Handler) -> str:
        """Answer GET path with reply; returns the path's url."""
        self.routes[path] = reply
        return self.url(path)

    def feed(
        self,
        path: str,
        body: bytes,
        *,
        etag: str | None = None,
        last_modified: float | None = None,
        content_type: str = "application/rss+xml",
    ) -> str:
        """A feed that answers conditional requests (304) when given validators."""
        modified = formatdate(last_modified, usegmt=True) if last_modified else None

        def answer(request: Request) -> Reply:
            headers = {"Content-Type": content_type}
            if etag:
                headers["ETag"] = etag
            if modified:
                headers["Last-Modified"] = modified
            if etag and request.headers.get("if-none-match") == etag:
                return Reply(304, headers=headers)
            if not etag and modified and request.headers.get("if-modified-since") == modified:
                return Reply(304, headers=headers)
            return Reply(200, body, headers)

        return self.route(path, answer)

    def hits(self, path: str) -> int:
        return sum(1 for request in self.requests if request.path == path)

    def close(self) -> None:
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()


def rss(title: str, items: list[dict], link: str = "https://site.example/") -> bytes:
    """A small RSS 2.0 feed; each item a dict of title, guid, link, description."""
    entries = "".join(
        "<item>" + "".join(f"<{name}>{value}</{name}>" for name, value in item.items()) + "</item>"
        for item in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link>{entries}</channel></rss>"
    ).encode()


def items(prefix: str, count: int, *, body: str = "", start: int = 0) -> list[dict]:
    """Feed items with guids, links, dates and a body of a few sentences."""
    text = body or "The council met on Tuesday and agreed the plan for the harbour front."
    return [
        {
            "title": f"{prefix} story {n}",
            "guid": f"{prefix}-{n}",
            "link": f"https://site.example/{prefix}/{n}",
            "pubDate": formatdate(1_700_000_000 + n * 3600, usegmt=True),
            "description": f"{text} Story {n}.",
        }
        for n in range(start, start + count)
    ]


def wait_until(condition: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()
