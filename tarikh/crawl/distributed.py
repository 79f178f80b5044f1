"""Several crawl workers, on one machine or many, sharing one frontier in Redis.

The shared queue and duplicate filter are scrapy-redis's; what we add is what a killed worker
needs so that nothing is lost: every request a worker takes from the queue is recorded, in the
same atomic step, in that worker's *in-flight* hash, and removed only once the page's record and
links are safely handed on (the record written to the worker's shard, the links pushed to the
shared queue). Each worker keeps a short-lived heartbeat key alive; a worker that finds another's
heartbeat gone moves that worker's in-flight requests back to the queue, so they are fetched again.

Keys (all under ``tarikh:<story>:``): ``requests`` (priority queue), ``seen`` (duplicate filter),
``started`` (the coordinator has seeded the queue), ``finished`` (the last crawl completed), ``alive:<worker>`` (heartbeat, expires),
``inflight:<worker>`` (hash id -> encoded request), ``seq`` (in-flight id counter).

Politeness with several workers: each worker has its own Scrapy downloader, so per-site
concurrency and request rates add up across workers. ``TARIKH_MAX_SITE_RATE`` (requests per second
per site, across all workers) makes each worker delay its requests to a site by
``live workers / rate`` seconds, recomputed on every heartbeat.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from redis import Redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from tarikh.crawl.middleware import CanonicalFingerprinter

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 1.0
WAKE_SECONDS = 0.05
ALIVE_TTL_SECONDS = 5
START_WAIT_SECONDS = 120

# Pop the best request and record it as in flight for this worker, in one atomic step.
_POP_TO_INFLIGHT = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if #r == 0 then return nil end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
local id = tostring(redis.call('INCR', KEYS[3]))
redis.call('HSET', KEYS[2], id, r[1])
return {id, r[1]}
"""


def worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def keys(story: str) -> dict[str, str]:
    base = f"tarikh:{story}:"
    return {
        "requests": base + "requests",
        "seen": base + "seen",
        "started": base + "started",
        "finished": base + "finished",
        "seq": base + "seq",
        "alive": base + "alive:",
        "inflight": base + "inflight:",
    }


def redis_settings(story: str, redis_url: str, coordinator: bool) -> dict[str, Any]:
    """Scrapy settings that put the frontier of ``story`` in Redis."""
    k = keys(story)
    return {
        "SCHEDULER": "tarikh.crawl.distributed.SharedScheduler",
        "DUPEFILTER_CLASS": "tarikh.crawl.distributed.CanonicalRedisDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": k["requests"],
        "SCHEDULER_DUPEFILTER_KEY": k["seen"],
        "SCHEDULER_PERSIST": True,
        "REDIS_URL": redis_url,
        "SPIDER_MIDDLEWARES": {"tarikh.crawl.distributed.InFlightDone": 10},
        "EXTENSIONS": {"tarikh.crawl.distributed.Coordination": 510},
        "TARIKH_REDIS_COORDINATOR": coordinator,
        # HTTP cache and resume skipping are per machine; the shared frontier replaces them.
        "HTTPCACHE_ENABLED": False,
    }


class CanonicalRedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared duplicate filter, on our canonical-URL fingerprints."""

    _fp = CanonicalFingerprinter()

    def request_fingerprint(self, request: Request) -> str:
        return self._fp.fingerprint(request).hex()


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler, with every dequeued request recorded as in flight for this worker."""

    def open(self, spider: Spider) -> Any:
        result = super().open(spider)
        story = spider.settings["TARIKH_STORY"]
        self.k = keys(story)
        self.worker = spider.settings.get("TARIKH_WORKER_ID") or worker_id()
        self.inflight_key = self.k["inflight"] + self.worker
        self._pop = self.server.register_script(_POP_TO_INFLIGHT)
        return result

    def enqueue_request(self, request: Request) -> bool:
        added = super().enqueue_request(request)
        # A retry or redirect of an in-flight request is back in the shared queue (or was a
        # duplicate of a page already handled): either way it is no longer ours.
        old = request.meta.pop("tarikh_inflight_id", None)
        if old is not None:
            self.server.hdel(self.inflight_key, old)
        return bool(added)

    def next_request(self) -> Request | None:
        found = self._pop(keys=[self.k["requests"], self.inflight_key, self.k["seq"]])
        if not found:
            return None
        ident, data = found
        request = self.queue._decode_request(data)
        request.meta["tarikh_inflight_id"] = ident.decode() if isinstance(ident, bytes) else str(ident)
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def done(self, request: Request) -> None:
        ident = request.meta.get("tarikh_inflight_id")
        if ident is not None:
            self.server.hdel(self.inflight_key, ident)

    def requeue_dead_workers(self) -> int:
        """Move the in-flight requests of workers whose heartbeat expired back to the queue."""
        moved = 0
        for key in self.server.scan_iter(match=self.k["inflight"] + "*"):
            name = key.decode() if isinstance(key, bytes) else key
            other = name[len(self.k["inflight"]) :]
            if other == self.worker or ":claimed:" in other or self.server.exists(self.k["alive"] + other):
                continue
            claimed = f"{name}:claimed:{self.worker}"
            try:
                self.server.rename(name, claimed)  # atomic: only one worker claims a dead one
            except Exception:  # noqa: BLE001 - another worker claimed it first
                continue
            for data in self.server.hvals(claimed):
                request = self.queue._decode_request(data)
                request.meta.pop("tarikh_inflight_id", None)
                self.queue.push(request.replace(dont_filter=True))
                moved += 1
            self.server.delete(claimed)
            log.warning("worker %s is gone: %d of its requests are back in the queue", other, moved)
        if moved and self.stats:
            self.stats.inc_value("tarikh/distributed/requeued_from_dead_workers", moved)
        return moved

    def others_busy(self) -> bool:
        """True while any live worker has requests in flight."""
        for key in self.server.scan_iter(match=self.k["inflight"] + "*"):
            name = key.decode() if isinstance(key, bytes) else key
            if name != self.inflight_key and self.server.hlen(name):
                return True
        return False


class InFlightDone:
    """Spider middleware: a page is done once its callback's output has been handed on.

    Scrapy's scraper handles a callback's outputs in parallel tasks, so the callback can finish
    before its links are in the queue; a worker killed in between would lose them. So this last
    spider middleware puts each link into the shared queue itself, at once. A page that yields a
    record (the spider yields it after its links) is done when the record has passed the
    pipelines (it is in the worker's shard); a page with links only, when the last is queued.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.item_scraped, signal=signals.item_dropped)
        crawler.signals.connect(self.item_scraped, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InFlightDone:
        return cls(crawler)

    def _scheduler(self) -> SharedScheduler | None:
        engine = self.crawler.engine
        sched = engine.scheduler if engine is not None else None
        return sched if isinstance(sched, SharedScheduler) else None

    def _queued(self, out: Any) -> bool:
        """Queue a link now (as the scraper would, later); False for anything else."""
        if isinstance(out, Request) and self.crawler.engine is not None and self._scheduler() is not None:
            self.crawler.engine.crawl(out)
            return True
        return False

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        had_item = False
        for out in result:
            if not self._queued(out):
                had_item = had_item or isinstance(out, dict)
                yield out
        self._finished(response, had_item)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        had_item = False
        async for out in result:
            if not self._queued(out):
                had_item = had_item or isinstance(out, dict)
                yield out
        self._finished(response, had_item)

    def _finished(self, response: Response, had_item: bool) -> None:
        sched = self._scheduler()
        if sched is not None and not had_item and response.request is not None:
            sched.done(response.request)

    def spider_error(self, failure: Any, response: Response, spider: Any = None) -> None:
        """A callback that crashed is done too: its page must not keep the crawl open forever."""
        self._finished(response, had_item=False)

    def item_scraped(self, item: Any, response: Response, spider: Any = None, **kwargs: Any) -> None:
        sched = self._scheduler()
        if sched is not None and response.request is not None:
            sched.done(response.request)


class Coordination:
    """Heartbeat, dead-worker recovery, site-rate sharing and the end-of-crawl rule."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        s = crawler.settings
        self.coordinator = s.getbool("TARIKH_REDIS_COORDINATOR")
        self.k = keys(s["TARIKH_STORY"])
        self.worker = s.get("TARIKH_WORKER_ID") or worker_id()
        self.site_rate = s.getfloat("TARIKH_MAX_SITE_RATE", 0.0)
        self.server = Redis.from_url(s["REDIS_URL"])
        self.waited = 0.0
        self._loop: task.LoopingCall | None = None
        self._wake_loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Coordination:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _scheduler(self) -> SharedScheduler | None:
        engine = self.crawler.engine
        sched = engine.scheduler if engine is not None else None
        return sched if isinstance(sched, SharedScheduler) else None

    def spider_opened(self, spider: Any = None) -> None:
        self.beat()
        if self.coordinator:
            self.server.delete(self.k["finished"])
            self.server.set(self.k["started"], self.worker)
        self._loop = task.LoopingCall(self.beat)
        self._loop.start(HEARTBEAT_SECONDS, now=False)
        self._wake_loop = task.LoopingCall(self.wake)
        self._wake_loop.start(WAKE_SECONDS, now=False)

    def wake(self) -> None:
        """Ask an engine with free download slots to pull from the shared queue now.

        Scrapy's engine asks its scheduler for work when a download ends or at its 5-second
        heartbeat; with a shared queue, work also appears when *another* worker finds links, so an
        idle worker would otherwise sit out up to five seconds each time its queue ran dry.
        """
        sched = self._scheduler()
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if sched is not None and slot is not None and engine is not None \
                and not engine.downloader.needs_backout() and len(sched.queue):
            slot.nextcall.schedule()

    def beat(self) -> None:
        self.server.set(self.k["alive"] + self.worker, "1", ex=ALIVE_TTL_SECONDS)
        sched = self._scheduler()
        if sched is not None:
            sched.requeue_dead_workers()
        if self.site_rate > 0 and self.crawler.engine is not None:
            live = sum(1 for _ in self.server.scan_iter(match=self.k["alive"] + "*")) or 1
            delay = live / self.site_rate
            downloader = self.crawler.engine.downloader
            downloader._delay = delay
            for slot in downloader.slots.values():
                slot.delay = max(slot.delay, delay) if slot.delay > delay * 4 else delay

    def spider_idle(self, spider: Any = None) -> None:
        sched = self._scheduler()
        if sched is None:
            return
        sched.requeue_dead_workers()
        if self.server.exists(self.k["finished"]) and not len(sched.queue) and not sched.others_busy():
            return  # the crawl this worker joined is complete
        if not self.server.exists(self.k["started"]):
            self.waited += 5
            if self.waited < START_WAIT_SECONDS:
                raise DontCloseSpider("waiting for the coordinator to seed the shared queue")
            return
        if len(sched.queue) or sched.others_busy():
            raise DontCloseSpider("other workers are still busy")

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        for loop in (self._loop, self._wake_loop):
            if loop is not None and loop.running:
                loop.stop()
        self.server.delete(self.k["alive"] + self.worker)
        sched = self._scheduler()
        if self.coordinator and reason == "finished" and sched is not None and not len(sched.queue) \
                and not sched.others_busy():
            # The crawl is complete: clear the frontier so the next crawl of the story starts fresh.
            self.server.delete(self.k["requests"], self.k["seen"], self.k["started"], self.k["seq"])
            self.server.set(self.k["finished"], self.worker, ex=3600)
