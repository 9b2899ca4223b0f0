"""A local web site for the live-source tests: a threaded ``http.server`` on 127.0.0.1, routes set
by each test, every request recorded (path, headers, time). Nothing leaves the machine."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from storyline.live.http import Politeness, PoliteClient


@dataclass(kw_only=True)
class Reply:
    """What the site answers: status, headers, body (sent whole, or as ``chunks`` with ``pause``
    seconds between them), after ``delay`` seconds."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: list[bytes] | None = None
    pause: float = 0.0
    length: bool = True  # send Content-Length (else the body runs to the closed connection)


@dataclass(frozen=True, kw_only=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float


Route = Reply | Callable[[Request], Reply]


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def page_hits(self) -> list[Request]:
        return [r for r in self.requests if r.path != "/robots.txt"]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            request = Request(path=self.path, headers={k.lower(): v for k, v in self.headers.items()}, at=time.monotonic())
            site.requests.append(request)
            route = site.routes.get(self.path, Reply(status=404, body=b"not here"))
            reply = route(request) if callable(route) else route
            time.sleep(reply.delay)
            try:
                self._send(reply)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out, a size bound)
                pass

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            body = b"".join(reply.chunks) if reply.chunks is not None else reply.body
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.length:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            for chunk in reply.chunks if reply.chunks is not None else [reply.body]:
                self.wfile.write(chunk)
                self.wfile.flush()
                time.sleep(reply.pause)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    served = Site()
    yield served
    served.close()


# Fast settings for tests: no delay between requests, short time-outs, quick retries.
FAST = Politeness(delay=0.0, timeout=1.0, deadline=5.0, retries=2, backoff=0.01, max_backoff=0.05,
                  max_bytes=200_000)


@pytest.fixture
def client() -> Iterator[PoliteClient]:
    with PoliteClient(FAST) as polite:
        yield polite
