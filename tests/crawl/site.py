"""A loopback test web site whose pages and misbehaviours are given as data, with a request log."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    body: bytes | str = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    # Statuses to answer before the page itself, one per request (e.g. [500] fails once then succeeds).
    fail_first: list[int] = field(default_factory=list)


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (the crawler cancelling an oversized page) is not an error here."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Site:
    """Serve ``pages`` (path -> Page, or a callable of the handler) on 127.0.0.1 and log every request."""

    def __init__(self, pages: dict[str, Page | Callable[[BaseHTTPRequestHandler], Page]]) -> None:
        self.pages = pages
        self.log: list[tuple[str, str, int]] = []
        self.times: list[float] = []  # monotonic arrival time of each logged request
        self.bytes_sent = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                site._serve(self)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        entry = self.pages.get(handler.path)
        page = entry(handler) if callable(entry) else entry
        if page is None:
            page = Page("<html><body>no such page</body></html>", status=404)
        status = page.status
        etag = page.headers.get("ETag")
        if etag and handler.headers.get("If-None-Match") == etag and status == 200:
            with self._lock:
                self.log.append((handler.command, handler.path, 304))
                self.times.append(time.monotonic())
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return
        with self._lock:
            if page.fail_first:
                status = page.fail_first.pop(0)
            self.log.append((handler.command, handler.path, status))
            self.times.append(time.monotonic())
        if page.delay:
            time.sleep(page.delay)
        body = page.body.encode("utf-8") if isinstance(page.body, str) else page.body
        body = body.replace(b"{base}", self.base.encode())
        handler.send_response(status)
        for k, v in page.headers.items():
            handler.send_header(k, v.replace("{base}", self.base))
        handler.send_header("Content-Length", str(len(body)))
        with self._lock:
            self.bytes_sent += len(body)
        handler.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            handler.wfile.write(body)

    def requested(self, path: str) -> int:
        with self._lock:
            return sum(1 for _, p, _ in self.log if p == path)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
