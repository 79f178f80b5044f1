"""Run one crawl of a story with the real Scrapy engine, then publish a release.

The runner owns process-level concerns only: starting the bundled demo web when the story asks for
it, building Scrapy settings from the story, collecting the crawl's counters into a report, and
handing the shards to `tarikh.publish`.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
import warnings
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tarikh import __version__
from tarikh.crawl.discovery import canonicalize
from tarikh.crawl.shards import seal_interrupted
from tarikh.story import Story


class CrawlError(RuntimeError):
    """A crawl that could not run (bad state folder, demo web missing...)."""


@dataclass
class CrawlReport:
    """What one crawl did, for the summary and the release's crawl report."""

    story: str
    run_id: str
    started: str
    finished: str = ""
    counters: dict[str, int] = field(default_factory=dict)
    finish_reason: str = ""
    release: str | None = None
    publish_error: str | None = None
    elapsed_seconds: float = 0.0

    def kept(self) -> int:
        return self.counters.get("tarikh/articles/kept", 0)

    def dropped(self) -> dict[str, int]:
        prefix = "tarikh/articles/dropped/"
        return {k[len(prefix) :]: v for k, v in sorted(self.counters.items()) if k.startswith(prefix)}

    def outlets(self) -> dict[str, dict[str, int]]:
        """Per-outlet counters: fetched, kept, dropped by reason, statuses and errors by kind."""
        out: dict[str, dict[str, int]] = {}
        for key, value in self.counters.items():
            if key.startswith("tarikh/outlet/"):
                host, _, what = key[len("tarikh/outlet/") :].partition("/")
                out.setdefault(host, {})[what] = value
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.story,
            "run_id": self.run_id,
            "started": self.started,
            "finished": self.finished,
            "finish_reason": self.finish_reason,
            "elapsed_seconds": self.elapsed_seconds,
            "kept": self.kept(),
            "dropped": self.dropped(),
            "outlets": self.outlets(),
            "counters": self.counters,
            "tool": f"tarikh {__version__}",
        }


def crawl_settings(
    story: Story, state_dir: Path, run_id: str, demo_proxy: str | None, resume_skip: list[str] | None = None
) -> dict[str, Any]:
    """Scrapy settings for a story: polite by default, fast only for the loopback demo."""
    contact = story.contact or "https://github.com/tarikh-project/tarikh"
    # Politeness is for other people's servers: the loopback demo and local test sites get none.
    live = demo_proxy is None and not all(d in ("127.0.0.1", "localhost", "::1") for d in story.allowed_domains)
    settings: dict[str, Any] = {
        "BOT_NAME": "tarikh",
        "USER_AGENT": f"tarikh/{__version__} (+{contact}; Arabic news timeline research crawler)",
        "ROBOTSTXT_OBEY": True,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": os.environ.get("TARIKH_LOG_LEVEL", "WARNING"),
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4 if live else 8,
        "DOWNLOAD_DELAY": 0.5 if live else 0,
        "AUTOTHROTTLE_ENABLED": live,
        "AUTOTHROTTLE_START_DELAY": 1.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 2.0,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DOWNLOAD_TIMEOUT": story.download_timeout,
        "TARIKH_RETRY_BACKOFF": 0.5 if live else 0.05,
        "DOWNLOAD_MAXSIZE": 8 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
        "REDIRECT_MAX_TIMES": 8,
        "DEPTH_LIMIT": story.max_depth,
        "CLOSESPIDER_PAGECOUNT": story.max_pages,
        "COOKIES_ENABLED": False,
        "REQUEST_FINGERPRINTER_CLASS": "tarikh.crawl.middleware.CanonicalFingerprinter",
        "ITEM_PIPELINES": {"tarikh.crawl.pipeline.ShardPipeline": 300},
        "EXTENSIONS": {"tarikh.crawl.progress.Progress": 500},
        "DOWNLOADER_MIDDLEWARES": {
            "tarikh.crawl.middleware.ResumeMiddleware": 50,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "tarikh.crawl.middleware.RobotsTxt": 100,
            "tarikh.crawl.middleware.BackoffMiddleware": 560,
            "tarikh.crawl.middleware.CrawlDelayMiddleware": 570,
            "tarikh.crawl.middleware.DemoProxyMiddleware": 740,
            "tarikh.crawl.warc.WarcMiddleware": 960,
        },
        # Incremental re-crawls: pages with validators are cached and asked for conditionally.
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "tarikh.crawl.middleware.RevalidatePolicy",
        "HTTPCACHE_STORAGE": "scrapy.extensions.httpcache.DbmCacheStorage",
        "HTTPCACHE_DBM_MODULE": "dbm",  # the best the Python build has (gnu, ndbm, else pure-Python dumb)
        "HTTPCACHE_DIR": str((Path(state_dir) / story.name / "httpcache").resolve()),

        "TARIKH_RESUME_SKIP": resume_skip or [],
        # Extraction runs in this many separate processes (0: inline), so parsing pages does not
        # stall downloading; one per core beyond the first, at most 4.
        "TARIKH_EXTRACT_WORKERS": int(os.environ.get("TARIKH_EXTRACT_WORKERS", min(4, max(0, (os.cpu_count() or 1))))),
        "TARIKH_STATE_DIR": str(state_dir),
        "TARIKH_STORY": story.name,
        "TARIKH_RUN_ID": run_id,
        "TARIKH_DEMO_PROXY": demo_proxy,
    }
    return settings


def _run_scrapy(story: Story, settings: dict[str, Any], seed: bool = True) -> tuple[dict[str, Any], str]:
    from scrapy.crawler import CrawlerProcess
    from scrapy.exceptions import ScrapyDeprecationWarning

    from spiders.story import StorySpider

    # scrapy-redis 0.9 still passes `spider=` to the stats collector; Scrapy 2.19 warns each time.
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
    process = CrawlerProcess(settings)
    # trafilatura logs a warning for every page it finds no main text in; the crawl report counts those.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    crawler = process.create_crawler(StorySpider)
    process.crawl(crawler, story=story, seed=seed)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return stats, str(stats.get("finish_reason", ""))


def run_crawl(
    story: Story,
    datasets_dir: Path,
    state_dir: Path,
    *,
    publish: bool = True,
    version: str | None = None,
    redis_url: str | None = None,
    coordinator: bool = True,
    max_site_rate: float | None = None,
    concurrency: int | None = None,
) -> CrawlReport:
    """Crawl a story into ``state_dir`` and (by default) publish a release into ``datasets_dir``.

    With ``redis_url`` the crawl's frontier is shared in Redis: the coordinator (``tarikh crawl
    --redis``) seeds it and publishes at the end; extra workers (``tarikh worker``) only take from it.
    Every worker writes its own shards and WARC under ``state_dir``, which must then be shared storage.
    """
    state_dir = Path(state_dir)
    datasets_dir = Path(datasets_dir)
    try:
        (state_dir / story.name).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CrawlError(f"cannot create state folder {state_dir}: {exc.strerror}") from None
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + f"-{socket.gethostname()}-{os.getpid()}"
    report = CrawlReport(story.name, run_id, datetime.now(UTC).isoformat(timespec="seconds"))
    # In a shared crawl other workers' open shards are live, not interrupted; Redis handles recovery.
    interrupted = [] if redis_url else seal_interrupted(state_dir, story.name)
    resume_skip = sorted({u for row in interrupted for u in (row["url"], row["canonical_url"]) if u})
    if not redis_url:  # in a shared crawl, other workers' open WARC files are live
        for leftover in (state_dir / story.name / "warc").glob("*.warc.gz.open"):
            os.replace(leftover, leftover.with_name(leftover.name.removesuffix(".open")))
    with ExitStack() as stack:
        proxy = None
        if story.demo_site is not None:
            from tarikh.demo import DemoWeb

            # TARIKH_DEMO_DELAY (seconds per answer) turns the demo into a latency-bound site.
            demo = DemoWeb(story.demo_site, delay=float(os.environ.get("TARIKH_DEMO_DELAY", "0") or 0))
            stack.enter_context(demo)
            proxy = demo.proxy_url
        started = time.monotonic()
        settings = crawl_settings(story, state_dir, run_id, proxy, [canonicalize(u) for u in resume_skip])
        if concurrency:
            settings["CONCURRENT_REQUESTS"] = concurrency
            settings["CONCURRENT_REQUESTS_PER_DOMAIN"] = min(settings["CONCURRENT_REQUESTS_PER_DOMAIN"], concurrency)
        if redis_url:
            from tarikh.crawl.distributed import redis_settings

            shared = redis_settings(story.name, redis_url, coordinator)
            for key in ("EXTENSIONS", "SPIDER_MIDDLEWARES"):
                shared[key] = {**settings.get(key, {}), **shared[key]}
            settings.update(shared)
            settings["TARIKH_WORKER_ID"] = run_id
            if max_site_rate:
                settings["TARIKH_MAX_SITE_RATE"] = max_site_rate
        stats, reason = _run_scrapy(story, settings, seed=coordinator)
        report.counters = {
            k: int(v)
            for k, v in sorted(stats.items())
            if isinstance(v, int | float) and not isinstance(v, bool)
            and (k.startswith(("tarikh/", "downloader/response_status_count", "retry/", "robotstxt/"))
                 or k.startswith(("httpcache/", "spider_exceptions/", "downloader/exception_type_count/"))
                 or k in ("item_scraped_count", "response_received_count", "downloader/request_count",
                          "downloader/response_bytes", "httperror/response_ignored_count", "offsite/filtered"))
        }
        report.elapsed_seconds = round(time.monotonic() - started, 3)
        report.counters["tarikh/resumed_from_interrupted_run"] = len(interrupted)
        report.finish_reason = reason
    report.finished = datetime.now(UTC).isoformat(timespec="seconds")
    reports = state_dir / story.name / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    _write_json(reports / f"{run_id}.json", report.to_dict())
    if reason == "shutdown":  # Ctrl-C or SIGTERM: what was fetched is stored; do not publish half a crawl
        report.publish_error = "the crawl was interrupted; run the same command again to resume it"
    elif publish and coordinator:
        from tarikh.publish import NothingToPublish
        from tarikh.publish import publish as publish_release

        try:
            release = publish_release(story, state_dir, datasets_dir, version=version,
                                      crawl_report=report.to_dict())
        except NothingToPublish as exc:
            report.publish_error = (
                "nothing to publish: the crawl kept no article" if report.kept() == 0 else f"nothing to publish: {exc}"
            )
        else:
            report.release = str(release)
    return report


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
