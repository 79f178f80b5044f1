"""Small downloader middlewares of our own."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


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
