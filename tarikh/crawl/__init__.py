"""Crawl stage: discovery, politeness, shards and WARC, driven by a story file."""

from tarikh.crawl.runner import CrawlError, CrawlReport, run_crawl

__all__ = ["CrawlError", "CrawlReport", "run_crawl"]
