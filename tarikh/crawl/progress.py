"""A live progress line and per-outlet counters for the end-of-crawl report.

Counters go to Scrapy's stats collector (so they land in the crawl report with everything else);
the progress line is printed to stderr only when it is a terminal, so logs and CI stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.internet import task
from twisted.python.failure import Failure


class Progress:
    def __init__(self, crawler: Crawler, interval: float, live: bool) -> None:
        self.crawler = crawler
        self.interval = interval
        self.live = live
        self.started = time.monotonic()
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        ext = cls(crawler, crawler.settings.getfloat("TARIKH_PROGRESS_INTERVAL", 1.0), sys.stderr.isatty())
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.request_error, signal=signals.spider_error)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _inc(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def response_received(self, response: Response, request: Request, spider: Any = None) -> None:
        host = urlsplit(response.url).hostname or "?"
        self._inc(f"tarikh/outlet/{host}/fetched")
        if response.status != 200:
            self._inc(f"tarikh/outlet/{host}/status/{response.status}")

    def request_error(self, failure: Failure, response: Response, spider: Any = None) -> None:
        host = urlsplit(response.url).hostname or "?"
        self._inc(f"tarikh/outlet/{host}/errors/{failure.type.__name__ if failure.type else 'error'}")

    def spider_opened(self, spider: Any = None) -> None:
        if self.live:
            self._loop = task.LoopingCall(self.print_line)
            self._loop.start(self.interval, now=False)

    def spider_closed(self, spider: Any = None) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
            self.print_line()
            sys.stderr.write("\n")

    def line(self) -> str:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        fetched = int(stats.get("response_received_count", 0))
        kept = int(stats.get("tarikh/articles/kept", 0))
        dropped = sum(int(v) for k, v in stats.items() if k.startswith("tarikh/articles/dropped/"))
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return f"fetched {fetched}  kept {kept}  dropped {dropped}  {fetched / elapsed * 60:.0f} pages/min"

    def print_line(self) -> None:
        sys.stderr.write("\r" + self.line().ljust(70))
        sys.stderr.flush()
