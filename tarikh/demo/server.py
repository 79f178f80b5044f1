"""The demo web server: every demo outlet behind one loopback port, as an HTTP proxy or by Host.

The crawl talks to it as Scrapy talks to an HTTP proxy (``GET http://aljisr.example/feed/ HTTP/1.1``),
so article URLs stay the outlets' real-looking URLs and the crawler code is the one used on the live web.
A plain request with a ``Host:`` header works too (``curl -H 'Host: aljisr.example' http://127.0.0.1:P/``).
Nothing here reaches the network: the server binds 127.0.0.1 and the hosts are under ``.example``.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import NamedTuple
from urllib.parse import parse_qs, unquote, urlsplit

from tarikh.demo.common import Common
from tarikh.demo.dateformat import check_pattern
from tarikh.demo.model import (
    DemoArticle,
    DemoData,
    DemoDataError,
    check_links,
    load_article,
    load_calendar,
    load_site,
)
from tarikh.demo.outlets import OUTLET_KINDS
from tarikh.demo.render import Outlet, Page, esc


class LoggedRequest(NamedTuple):
    """One answered request, as recorded in :attr:`DemoWeb.request_log`."""

    host: str
    path: str
    status: int
    user_agent: str


def load_demo(root: Path) -> DemoData:
    """Load and validate a demo root (``sites/`` and ``articles/``); raises :class:`DemoDataError`."""
    root = Path(root)
    sites_dir, articles_dir = root / "sites", root / "articles"
    if not sites_dir.is_dir():
        raise DemoDataError(sites_dir, None, "demo root has no sites/ folder")
    calendar = load_calendar(sites_dir / "_calendar.toml")
    data = DemoData(root=root, calendar=calendar)
    hosts: dict[str, Path] = {}
    for path in sorted(sites_dir.glob("*.toml")):
        if path.name.startswith("_"):
            continue
        site = load_site(path, check_pattern)
        if site.host in hosts:
            raise DemoDataError(path, "host", f"{site.host} is also the host of {hosts[site.host]}")
        hosts[site.host] = path
        data.sites[site.key] = site
    if not data.sites:
        raise DemoDataError(sites_dir, None, "no outlet files (<outlet>.toml)")
    if articles_dir.is_dir():
        for folder in sorted(p for p in articles_dir.iterdir() if p.is_dir()):
            owner = data.sites.get(folder.name)
            if owner is None:
                raise DemoDataError(folder, None, f"no outlet file sites/{folder.name}.toml for this folder")
            for path in sorted(folder.glob("*.toml")):
                data.articles.append(load_article(path, owner))
    check_links(data.articles)
    return data


class DemoWeb:
    """The offline demo web: loads ``root`` at construction, serves it on 127.0.0.1 after :meth:`start`.

    ``today`` gives the date shown by outlets with a masthead clock (default: the real date on each
    outlet's offset); tests pass a fixed function. ``articles`` is the ground truth, with final URLs.
    """

    def __init__(
        self,
        root: Path | str = "demo",
        port: int = 0,
        today: Callable[[], date] | None = None,
        delay: float = 0.0,
    ) -> None:
        self.root = Path(root)
        # Seconds every answer waits: a latency-bound site for distributed-crawl tests and benchmarks.
        self.delay = delay
        self.data = load_demo(self.root)
        self._port = port
        self._today = today
        self._outlets: dict[str, Outlet] = {}
        names = {key: site.name for key, site in self.data.sites.items()}
        for key, site in self.data.sites.items():
            outlet = OUTLET_KINDS[site.kind](
                site, self.data.calendar, [a for a in self.data.articles if a.outlet == key]
            )
            if isinstance(outlet, Common):
                outlet.sources = names
            self._outlets[site.host] = outlet
        self.articles: list[DemoArticle] = []
        for a in self.data.articles:
            outlet = self._outlets[self.data.sites[a.outlet].host]
            alternates = tuple(outlet.site.base_url + p for p in outlet.alternate_paths(a))
            self.articles.append(_with_urls(a, outlet.url(a), alternates))
        self._render_lock = threading.Lock()
        self._log_lock = threading.Lock()
        self._log: list[LoggedRequest] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- public API -----------------------------------------------------------------------------
    def lookup(self, url: str) -> DemoArticle | None:
        """The article served at ``url`` (its canonical URL or an alternate: shortlink, AMP, print)."""
        for a in self.articles:
            if url == a.url or url in a.alternate_urls:
                return a
        return None

    @property
    def hosts(self) -> list[str]:
        return sorted(self._outlets)

    @property
    def sites(self) -> dict[str, str]:
        """Outlet key -> host."""
        return {key: site.host for key, site in self.data.sites.items()}

    def start_urls(self) -> list[str]:
        """Each outlet's suggested discovery entry points (``start_paths``), as absolute URLs."""
        return [site.base_url + p for site in self.data.sites.values() for p in site.start_paths]

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("DemoWeb is not started")
        return int(self._server.server_address[1])

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def request_log(self) -> list[LoggedRequest]:
        """A snapshot of the requests answered so far (safe to read while the server runs)."""
        with self._log_lock:
            return list(self._log)

    def clear_log(self) -> None:
        with self._log_lock:
            self._log.clear()

    def start(self) -> None:
        if self._server is not None:
            return
        web = self

        class Handler(_Handler):
            demo = web

        self._server = _Server(("127.0.0.1", self._port), Handler)
        server = self._server
        self._thread = threading.Thread(
            target=lambda: server.serve_forever(poll_interval=0.1), name="tarikh-demo", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server, self._thread = None, None

    def __enter__(self) -> DemoWeb:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- serving --------------------------------------------------------------------------------
    def today_for(self, outlet: Outlet) -> date:
        if self._today is not None:
            return self._today()
        return datetime.now(outlet.site.tz).date()

    def render(self, host: str, target: str) -> Page | None:
        """The page for ``target`` (path and query) on ``host``; ``None`` for an unknown host."""
        outlet = self._outlets.get(host)
        if outlet is None:
            return None
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        with self._render_lock:
            return outlet.handle(unquote(parts.path or "/"), query, self.today_for(outlet))

    def index_page(self) -> Page:
        """What the server's own address shows: the outlets it answers for."""
        rows = "\n".join(
            f'<li><a href="http://{esc(s.host)}/">{esc(s.name)}</a> <code>{esc(s.host)}</code> ({esc(s.kind)})</li>'
            for s in self.data.sites.values()
        )
        body = (
            '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>tarikh demo</title></head>'
            f"<body><h1>tarikh demo web</h1><p>Use this server as an HTTP proxy.</p><ul>{rows}</ul></body></html>\n"
        )
        return Page(200, body.encode("utf-8"), "text/html; charset=utf-8")

    def record(self, entry: LoggedRequest) -> None:
        with self._log_lock:
            self._log.append(entry)


def _with_urls(a: DemoArticle, url: str, alternates: tuple[str, ...]) -> DemoArticle:
    from dataclasses import replace

    return replace(a, url=url, alternate_urls=alternates)


class _Server(ThreadingHTTPServer):
    """Loopback server with daemon handler threads; a client hanging up mid-answer is not an error."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


_LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}


class _Handler(BaseHTTPRequestHandler):
    """Answers GET/HEAD for any demo host, from an absolute request URI (proxy) or the Host header."""

    demo: DemoWeb
    protocol_version = "HTTP/1.1"
    server_version = "tarikh-demo/1"
    timeout = 30

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        """Quiet: the request log is kept in memory instead of printed."""

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_CONNECT(self) -> None:  # noqa: N802
        host = self.path.split(":", 1)[0].lower()
        self._send(
            host, self.path, _plain(501, "the demo web serves http:// only (no CONNECT / https)\n"), False
        )

    def _target(self) -> tuple[str, str]:
        """(host, path-and-query) of the request, from the absolute URI or the Host header."""
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            host = parts.hostname or ""
            target = parts.path or "/"
            if parts.query:
                target += "?" + parts.query
            return host.lower(), target
        host = (self.headers.get("Host") or "").strip().lower()
        host = host.split("]", 1)[0] + "]" if host.startswith("[") else host.split(":", 1)[0]
        return host, self.path or "/"

    def _answer(self, head: bool) -> None:
        if self.demo.delay:
            time.sleep(self.demo.delay)
        host, target = self._target()
        if host in _LOOPBACK or not host:
            page: Page | None = self.demo.index_page()
        else:
            try:
                page = self.demo.render(host, target)
            except Exception as exc:  # a broken template or data: say so instead of dropping the socket
                page = _plain(500, f"demo render error: {type(exc).__name__}: {exc}\n")
        if page is None:
            known = ", ".join(self.demo.hosts)
            page = _plain(
                502, f"502 Bad Gateway: the demo web has no outlet at host '{host}'. Known hosts: {known}\n"
            )
        if page.status == 200 and _not_modified(
            page, self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        ):
            page = Page(304, b"", page.content_type, dict(page.headers))
        self._send(host, target, page, head)

    def _send(self, host: str, target: str, page: Page, head: bool) -> None:
        # Logged before answering, so a client that has its response always finds it in the log.
        self.demo.record(LoggedRequest(host, target, page.status, self.headers.get("User-Agent", "")))
        self.send_response(page.status)
        self.send_header("Content-Type", page.content_type)
        for name, value in page.headers.items():
            self.send_header(name, value)
        if page.status != 304:
            self.send_header("Content-Length", str(len(page.body)))
        self.end_headers()
        if not head and page.status != 304:
            self.wfile.write(page.body)


def _plain(status: int, text: str) -> Page:
    return Page(status, text.encode("utf-8"), "text/plain; charset=utf-8")


def _not_modified(page: Page, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """RFC 9110 conditional GET: If-None-Match (weak comparison) wins; else If-Modified-Since."""
    etag = page.headers.get("ETag")
    if if_none_match is not None:
        if etag is None:
            return False
        if if_none_match.strip() == "*":
            return True
        wanted = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return etag.removeprefix("W/") in wanted
    last = page.headers.get("Last-Modified")
    if if_modified_since and last:
        try:
            return parsedate_to_datetime(last) <= parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
    return False
