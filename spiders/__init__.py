"""Scrapy spiders: thin adapters that select and delegate to `tarikh.crawl`."""
