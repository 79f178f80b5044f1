"""Crawl shards: JSONL while a crawl runs, Parquet once sealed, read the same either way."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tarikh.crawl.shards import ShardWriter, read_shard, read_shards


def _record(n: int) -> dict:
    return {"article_id": f"{n:016x}", "url": f"http://x.example/{n}", "canonical_url": f"http://x.example/{n}",
            "title": "عنوان", "fetched_at": datetime(2024, 1, 25, 10, n, tzinfo=UTC), "kept": True}


def test_a_shard_sealed_between_listing_and_reading_is_read_from_its_parquet(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "s" / "articles", "run1")
    for n in range(3):
        writer.write(_record(n))
    listed = writer.jsonl  # a reader lists the open JSONL...
    writer.close()  # ...and the crawl seals it before the reader gets to it
    assert not listed.exists()
    assert [r["article_id"] for r in read_shard(listed)] == [f"{n:016x}" for n in range(3)]


def test_a_torn_last_line_is_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "s" / "articles", "run1")
    for n in range(2):
        writer.write(_record(n))
    with writer.jsonl.open("a", encoding="utf-8") as fh:
        fh.write('{"article_id": "torn", "url": ')  # a kill in mid-write
    assert [r["article_id"] for r in read_shards(tmp_path, "s")] == [f"{n:016x}" for n in range(2)]
