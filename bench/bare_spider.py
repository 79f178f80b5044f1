"""Bare Scrapy baseline: fetch a list of URLs with the same engine settings and do nothing else.

Run as a script by bench_crawl.py: ``bare_spider.py URLS_FILE DEMO_ROOT``; prints
``{"pages": N, "seconds": S}`` as JSON. The demo web is started here too, so both sides pay the
same loopback costs.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess

from tarikh.demo import DemoWeb


class Bare(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], **kw: Any) -> None:
        super().__init__(**kw)
        self.urls = urls
        self.pages = 0
        self.t0 = 0.0
        self.t1 = 0.0

    async def start(self) -> Any:
        self.t0 = time.perf_counter()
        for u in self.urls:
            yield scrapy.Request(u, callback=self.parse, dont_filter=True)

    def parse(self, response: Any) -> None:
        self.pages += 1
        self.t1 = time.perf_counter()


def main() -> None:
    urls = Path(sys.argv[1]).read_text(encoding="utf-8").split()
    with DemoWeb(Path(sys.argv[2])) as demo:
        settings = {
            "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
            "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0,
            "COOKIES_ENABLED": False, "HTTPERROR_ALLOW_ALL": True,
            "DOWNLOADER_MIDDLEWARES": {"tarikh.crawl.middleware.DemoProxyMiddleware": 740},
            "TARIKH_DEMO_PROXY": demo.proxy_url,
        }
        process = CrawlerProcess(settings, install_root_handler=False)
        crawler = process.create_crawler(Bare)
        process.crawl(crawler, urls=urls)
        process.start()
        spider = crawler.spider
        assert isinstance(spider, Bare)
        print(json.dumps({"pages": spider.pages, "seconds": spider.t1 - spider.t0}))


if __name__ == "__main__":
    main()
