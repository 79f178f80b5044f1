"""Item pipeline: every article record goes to the run's append-only shard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from tarikh.crawl.shards import ShardWriter, shard_folder


class ShardPipeline:
    def __init__(self, state_dir: Path, story: str, run_id: str) -> None:
        self.writer = ShardWriter(shard_folder(state_dir, story), run_id)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ShardPipeline:
        s = crawler.settings
        return cls(Path(s["TARIKH_STATE_DIR"]), s["TARIKH_STORY"], s["TARIKH_RUN_ID"])

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        self.writer.write(item)
        return item

    def close_spider(self) -> None:
        self.writer.close()
