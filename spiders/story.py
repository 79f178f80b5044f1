"""The story spider: follows a story's start URLs through sitemaps, feeds, listings and articles.

Thin by design: every decision (what a document is, which links it holds, whether a page is a
relevant article inside the window) is a plain function in `tarikh.crawl`; this class only routes
responses to them and turns their answers into requests and items.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
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
from tarikh.crawl.pages import process_page
from tarikh.crawl.topic import Topic
from tarikh.extract import ExtractError, article
from tarikh.story import Story


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
        self._seeds_pending = 0
        self._seed_texts: list[str] = []
        self._seed_responses: list[Response] = []

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

    def _page_request(self, link: Link, priority: int) -> scrapy.Request | None:
        if not same_site(link.url, self.story.allowed_domains):
            return None
        if outside_window(self.story.since, self.story.until, link.published, link.url):
            self._stat("skipped/outside_window_before_fetch", link.url)
            return None
        return scrapy.Request(
            canonicalize(link.url),
            callback=self.parse,
            errback=self.failed,
            priority=priority,
            meta={"tarikh_hints": link.hints(), "tarikh_role": link.source},
        )

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1")
        kind = classify(response.body, ctype)
        self._stat(f"documents/{kind.value}")
        if kind in (DocKind.SITEMAP_INDEX, DocKind.SITEMAP):
            found = parse_sitemap(response.body, response.url)
            for url in found.documents:
                yield scrapy.Request(url, callback=self.parse, errback=self.failed, priority=90)
            yield from self._pages(found.pages, base_priority=50)
        elif kind is DocKind.FEED:
            yield from self._pages(parse_feed(response.body, response.url).pages, base_priority=50)
        elif kind is DocKind.HTML:
            yield from self._html(response)
        else:
            self._stat("skipped/not_html", response.url)

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

    def _pages(self, links: list[Link], base_priority: int) -> Iterator[scrapy.Request]:
        # Newest first: discovery lists are sorted newest first; earlier entries get higher priority.
        for i, link in enumerate(links):
            req = self._page_request(link, base_priority - min(i, 40))
            if req is not None:
                self._stat("discovered", link.url)
                yield req

    def _html(self, response: Response) -> Iterator[Any]:
        headers = _headers(response)
        result = process_page(
            response.body,
            response.url,
            story=self.story,
            headers=headers,
            hints=response.meta.get("tarikh_hints"),
            fetched_at=response.meta.get("tarikh_fetched_at") or datetime.now(UTC),
            status=response.status,
            topic=self.topic,
        )
        self._stat(f"pages/{result.kind}", response.url)
        if "cached" in response.flags:
            self._stat("pages/unchanged_304")
        if result.record is not None and result.record["article_id"] in self.stored:
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
        for url in result.links:
            req = self._page_request(Link(url, source="listing" if result.kind == "listing" else "related"), 10)
            if req is not None:
                yield req
