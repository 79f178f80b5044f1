"""Small downloader middlewares of our own."""

from __future__ import annotations

import hashlib

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Response

from tarikh.crawl.discovery import canonicalize


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
