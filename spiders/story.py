"""The story spider: follows a story's start URLs through sitemaps, feeds, listings and articles.

Thin by design: every decision (what a document is, which links it holds, whether a page is a
relevant article inside the window) is a plain function in `tarikh.crawl`; this class only routes
responses to them and turns their answers into requests and items.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import AsyncIterator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from tarikh.crawl.discovery import (
    DocKind,
    Link,
    canonicalize,
    classify,
    outside_window,
    parse_feed,
    parse_sitemap,
    same_site,
)
from tarikh.crawl.pages import PageResult, process_page, warm_up
from tarikh.crawl.shards import read_shards
from tarikh.crawl.topic import Topic
from tarikh.extract import ExtractError, article
from tarikh.story import Story


def _warm_up(story: Story) -> None:
    """Run once in each extraction process, so the first pages do not pay for imports and tables."""
    warm_up(story)


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


class StorySpider(scrapy.Spider):
    name = "story"

    def __init__(self, story: Story, seed: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.story = story
        self.seed = seed  # False for an extra worker of a shared (Redis) crawl: it only takes from the queue
        self.allowed_domains = list(story.allowed_domains)
        self.stored: set[str] = set()
        self.topic: Topic | None = None
        self.previously_stored: set[str] = set()
        # URL (fetched and canonical) -> when an earlier crawl last fetched that stored article
        self.stored_fetched: dict[str, datetime] = {}
        self.discovered: set[str] = set()  # distinct page URLs found (sitemaps, feeds, links)
        self.pool: ProcessPoolExecutor | None = None
        self._seeds_pending = 0
        self._seed_texts: list[str] = []
        self._seed_responses: list[Response] = []

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> StorySpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        state = crawler.settings.get("TARIKH_STATE_DIR")
        if state:
            # Articles earlier crawls stored: an unchanged (304) page of one of them adds nothing.
            rows = read_shards(Path(state), spider.story.name)
            spider.previously_stored = {r["canonical_url"] for r in rows if r.get("canonical_url")}
            for r in rows:
                when = r.get("fetched_at")
                for u in {r.get("url"), r.get("canonical_url")} - {None}:
                    key = canonicalize(u)
                    if when is not None and (key not in spider.stored_fetched or when > spider.stored_fetched[key]):
                        spider.stored_fetched[key] = when
        workers = crawler.settings.getint("TARIKH_EXTRACT_WORKERS", 0)
        if workers == 0:
            warm_up(spider.story)
        else:
            # forkserver: clean children that import tarikh once, not forks of a running reactor.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tarikh.crawl.pages"])
            spider.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
            for _ in range(workers):
                spider.pool.submit(_warm_up, spider.story)
            crawler.signals.connect(spider._close_pool, signal=signals.spider_closed)
        return spider

    def _close_pool(self, spider: Any = None) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    async def start(self) -> AsyncIterator[Any]:
        if not self.seed:
            return
        if self.story.seed_urls:
            # The seed articles define the topic; the crawl proper starts once they are in.
            self._seeds_pending = len(self.story.seed_urls)
            for url in self.story.seed_urls:
                yield scrapy.Request(url, callback=self.parse_seed, errback=self.seed_failed, priority=200,
                                     dont_filter=True, meta={"tarikh_role": "topic-seed"})
            return
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[scrapy.Request]:
        for url in self.story.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, priority=100,
                                 meta={"tarikh_role": "seed"})

    def parse_seed(self, response: Response) -> Iterator[Any]:
        try:
            page = article(response.body, response.url, headers=_headers(response))
            self._seed_texts.append(f"{page.title or ''}\n\n{page.body or ''}")
            self._seed_responses.append(response)
        except ExtractError as exc:
            self.logger.warning("seed article %s is unreadable: %s", response.url, exc)
            self._stat("errors/unreadable_seed", response.url)
        yield from self._seed_done()

    def seed_failed(self, failure: Failure) -> Iterator[Any]:
        self.failed(failure)
        yield from self._seed_done()

    def _seed_done(self) -> Iterator[Any]:
        self._seeds_pending -= 1
        if self._seeds_pending > 0:
            return
        self.topic = Topic.from_texts(self._seed_texts)
        self._stat("topic_seeds", None)
        for response in self._seed_responses:  # the seeds are articles of the story too
            yield from self._html(response)
        yield from self._start_requests()

    def _stat(self, key: str, url: str | None = None) -> None:
        """Count ``key`` overall and, given a URL, for its outlet (host) too."""
        if self.crawler.stats is None:
            return
        self.crawler.stats.inc_value(f"tarikh/{key}")
        if url is not None:
            self.crawler.stats.inc_value(f"tarikh/outlet/{urlsplit(url).hostname or '?'}/{key}")

    def _page_request(self, link: Link, priority: int, depth: int = 1) -> scrapy.Request | None:
        """A request for a discovered page, or None when the story does not want it.

        A URL already requested in this run is not requested again (Scrapy's duplicate filter
        would drop it, but only after every spider middleware had processed it: listing pages
        repeat the same links thousands of times). A link beyond ``max_depth`` is not marked as
        seen, so a shorter path found later still reaches it.
        """
        if depth > self.story.max_depth:
            return None
        if not same_site(link.url, self.story.allowed_domains):
            return None
        if not self.story.wants_url(link.url):
            self._stat("skipped/url_pattern", link.url)
            return None
        if outside_window(self.story.since, self.story.until, link.published, link.url, link.lastmod):
            self._stat("skipped/outside_window_before_fetch", link.url)
            return None
        url = canonicalize(link.url)
        if url in self.discovered:
            return None
        stored_at = self.stored_fetched.get(url)
        if stored_at is not None and link.lastmod is not None and link.lastmod <= stored_at:
            # The sitemap says the page has not changed since an earlier crawl stored it: no request.
            self.discovered.add(url)
            self._stat("skipped/unchanged_by_lastmod", url)
            return None
        self.discovered.add(url)
        self._stat("discovered", url)
        return scrapy.Request(
            url,
            callback=self.parse,
            errback=self.failed,
            priority=priority,
            meta={"tarikh_hints": link.hints(), "tarikh_role": link.source},
        )

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1")
        kind = classify(response.body, ctype)
        self._stat(f"documents/{kind.value}")
        outputs: Iterable[Any]
        if kind in (DocKind.SITEMAP_INDEX, DocKind.SITEMAP):
            found = parse_sitemap(response.body, response.url)
            outputs = []
            for url in found.documents:
                if outside_window(self.story.since, None, None, url, found.document_lastmod.get(url)):
                    self._stat("skipped/sitemap_before_window", url)
                    continue
                outputs.append(scrapy.Request(url, callback=self.parse, errback=self.failed, priority=90))
            outputs += list(self._pages(found.pages, 50, response))
        elif kind is DocKind.FEED:
            outputs = self._pages(parse_feed(response.body, response.url).pages, 50, response)
        elif kind is DocKind.HTML:
            # Extraction is the CPU-heavy step: run it in the extraction processes when there are
            # some, so the crawl engine keeps downloading meanwhile.
            if self.pool is not None:
                loop = asyncio.get_running_loop()
                result = await loop.run_in_executor(self.pool, partial(process_page, **self._page_args(response)))
            else:
                result = process_page(**self._page_args(response))
            outputs = self._emit(response, result)
        else:
            self._stat("skipped/not_html", response.url)
            outputs = ()
        for out in outputs:
            yield out

    def failed(self, failure: Failure) -> None:
        """Count a request that got no usable response, by kind, overall and for its outlet."""
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        scheduler = self.crawler.engine.scheduler if self.crawler.engine is not None else None
        done = getattr(scheduler, "done", None)
        if request is not None and done is not None:
            done(request)  # a shared crawl's in-flight record ends here too
        if failure.check(HttpError):
            return  # counted by status when the response arrived
        if failure.check(IgnoreRequest):
            self._stat("skipped/ignored", url)
        else:
            self._stat(f"errors/{failure.type.__name__ if failure.type else 'unknown'}", url)

    def _pages(self, links: list[Link], base_priority: int, response: Response) -> Iterator[scrapy.Request]:
        # Newest first: discovery lists are sorted newest first; earlier entries get higher priority.
        depth = response.meta.get("depth", 0) + 1
        for i, link in enumerate(links):
            req = self._page_request(link, base_priority - min(i, 40), depth)
            if req is not None:
                yield req

    def _page_args(self, response: Response) -> dict[str, Any]:
        return {
            "body": response.body,
            "url": response.url,
            "story": self.story,
            "headers": _headers(response),
            "hints": response.meta.get("tarikh_hints"),
            "fetched_at": response.meta.get("tarikh_fetched_at") or datetime.now(UTC),
            "status": response.status,
            "topic": self.topic,
        }

    def _html(self, response: Response) -> Iterator[Any]:
        yield from self._emit(response, process_page(**self._page_args(response)))

    def _emit(self, response: Response, result: PageResult) -> Iterator[Any]:
        # Links before the record: in a shared crawl, a page is done once its record is stored,
        # so by then its links must already be in the queue (see distributed.InFlightDone).
        depth = response.meta.get("depth", 0) + 1
        for url in result.links:
            req = self._page_request(Link(url, source="listing" if result.kind == "listing" else "related"), 10, depth)
            if req is not None:
                yield req
        self._stat(f"pages/{result.kind}", response.url)
        unchanged = "cached" in response.flags  # revalidated: the server said 304 Not Modified
        if unchanged:
            self._stat("pages/unchanged_304", response.url)
        if result.record is not None and unchanged and result.record["canonical_url"] in self.previously_stored:
            # The record stored by the earlier crawl stands, fetch time included; storing it again
            # would only make an unchanged site look changed.
            self._stat("articles/unchanged", response.url)
        elif result.record is not None and result.record["article_id"] in self.stored:
            # One record per article per run: another URL of an article already stored (an AMP
            # copy, a shortlink, a section alias) is not stored again.
            self._stat("articles/same_as_earlier_page", response.url)
        elif result.record is not None:
            self.stored.add(result.record["article_id"])
            if result.record["kept"]:
                self._stat("articles/kept", response.url)
            else:
                self._stat(f"articles/dropped/{result.drop_reason}", response.url)
            yield result.record
