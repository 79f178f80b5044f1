"""Small downloader middlewares of our own."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, cast
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from tarikh.crawl.discovery import canonicalize


class RobotsTxt(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every request that waited for robots.txt judged by it.

    In Scrapy 2.19 all requests to a host that arrive while its robots.txt is being fetched await
    one shared Deferred; only the first receives the parser and the rest receive None, which means
    "allow everything". A crawl that starts with many URLs on one host (a sitemap, a shared Redis
    queue) would then fetch disallowed pages. Once the wait is over, the parser stored for the host
    is the answer for every request.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        first = await super().robot_parser(request)
        stored = self._parsers.get(urlparse_cached(request).netloc)
        return first if isinstance(stored, Deferred) else stored


class DemoProxyMiddleware:
    """Routes every request of a demo crawl through the bundled demo web (an HTTP proxy on loopback).

    The demo outlets have stable, realistic URLs on the reserved ``.example`` domain; the proxy
    answers for all of them, so nothing leaves the machine and identities do not depend on a port.
    """

    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DemoProxyMiddleware:
        proxy = crawler.settings.get("TARIKH_DEMO_PROXY")
        if not proxy:
            raise NotConfigured
        return cls(proxy)

    def process_request(self, request: Request) -> None:
        request.meta.setdefault("proxy", self.proxy)


class RevalidatePolicy(RFC2616Policy):
    """HTTP cache policy for incremental re-crawls: keep what can be revalidated, always revalidate.

    News pages change (corrections, updates), so a cached page is never trusted as fresh; but a
    page with an ETag or Last-Modified is asked for conditionally, and a 304 costs a few hundred
    bytes instead of the whole page.
    """

    def should_cache_response(self, response: Response, request: Request) -> bool:
        if response.status != 200:
            return False
        return b"ETag" in response.headers or b"Last-Modified" in response.headers

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False


class ResumeMiddleware:
    """Skips pages already stored by an interrupted run of the same story, so a resumed crawl
    fetches nothing twice (the runner passes their URLs in ``TARIKH_RESUME_SKIP``)."""

    def __init__(self, skip: set[str], crawler: Crawler) -> None:
        self.skip = skip
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ResumeMiddleware:
        skip = set(crawler.settings.getlist("TARIKH_RESUME_SKIP"))
        if not skip:
            raise NotConfigured
        return cls(skip, crawler)

    def process_request(self, request: Request) -> None:
        if canonicalize(request.url) in self.skip:
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("tarikh/skipped/stored_by_interrupted_run")
            raise IgnoreRequest(f"already stored by an interrupted run: {request.url}")


class CanonicalFingerprinter:
    """Request fingerprints on our canonical URL (no tracking parameters, no fragment), so a
    redirect to ``?utm_source=...`` or a feed link with campaign tags is the same page and is
    fetched once."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalFingerprinter:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        h = hashlib.sha1(usedforsecurity=False)
        h.update(request.method.encode("ascii"))
        h.update(canonicalize(request.url).encode("utf-8"))
        h.update(request.body or b"")
        return h.digest()


class BackoffMiddleware:
    """Backs off from a site that answers 429 or 5xx, before Scrapy's retry middleware retries.

    The outlet's download slot waits ``Retry-After`` seconds when the answer gives one (429/503),
    else ``TARIKH_RETRY_BACKOFF * 2**retries`` (capped by ``TARIKH_MAX_RETRY_AFTER``); the delay
    is lifted again once it has been served, so one bad minute does not slow the whole crawl.
    """

    def __init__(self, crawler: Crawler, base: float, cap: float, codes: set[int]) -> None:
        self.crawler = crawler
        self.base = base
        self.cap = cap
        self.codes = codes

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffMiddleware:
        s = crawler.settings
        codes = {int(c) for c in s.getlist("RETRY_HTTP_CODES")}
        return cls(crawler, s.getfloat("TARIKH_RETRY_BACKOFF", 0.5), s.getfloat("TARIKH_MAX_RETRY_AFTER", 120.0),
                   codes)

    @staticmethod
    def seconds(value: bytes | None) -> float | None:
        """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
        if not value:
            return None
        text = value.decode("latin-1").strip()
        if text.isdigit():
            return float(text)
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        return max(0.0, (when - datetime.now(UTC)).total_seconds())

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in self.codes:
            return response
        asked = self.seconds(response.headers.get(b"Retry-After"))
        wait = min(self.cap, asked if asked is not None else self.base * 2 ** request.meta.get("retry_times", 0))
        engine = self.crawler.engine
        if engine is None or wait <= 0:
            return response
        downloader = engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and wait > slot.delay:
            before, slot.delay = slot.delay, wait
            from twisted.internet import reactor

            def restore() -> None:
                if slot.delay == wait:
                    slot.delay = before

            cast(Any, reactor).callLater(wait * 2, restore)
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("tarikh/retry_after_honoured" if asked is not None else "tarikh/backoff")
        return response


class CrawlDelayMiddleware:
    """Honours a robots.txt ``Crawl-delay`` for our User-Agent: the site's download slot never waits
    less than that between requests (Scrapy reads robots.txt rules but not this line, and
    AutoThrottle would otherwise lower the delay below it)."""

    def __init__(self, crawler: Crawler, user_agent: str) -> None:
        self.crawler = crawler
        self.user_agent = user_agent
        self.delays: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelayMiddleware:
        return cls(crawler, crawler.settings.get("USER_AGENT", ""))

    def _slot(self, request: Request) -> Any:
        engine = self.crawler.engine
        if engine is None:
            return None
        downloader = engine.downloader
        return downloader.slots.get(downloader.get_slot_key(request))

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        delay = self.delays.get(host)
        slot = self._slot(request) if delay else None
        if slot is not None and delay:
            # A floor, so no random jitter below it (Scrapy varies delays by ±50% by default).
            slot.jitter = 0.0
            slot.delay = max(slot.delay, delay)

    def process_response(self, request: Request, response: Response) -> Response:
        if urlsplit(request.url).path == "/robots.txt" and response.status == 200:
            from protego import Protego

            try:
                rules = Protego.parse(response.body.decode("utf-8", "replace"))
                delay = rules.crawl_delay(self.user_agent)
            except Exception:  # noqa: BLE001 - an unparsable robots.txt sets no delay
                delay = None
            if delay:
                delay = min(float(delay), 60.0)
                self.delays[urlsplit(request.url).hostname or ""] = delay
                if self.crawler.stats is not None:
                    self.crawler.stats.set_value(f"tarikh/crawl_delay/{urlsplit(request.url).hostname}", delay)
        return response
