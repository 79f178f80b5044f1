"""WARC round trip: a crawl's archive rebuilds the same article records with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from tarikh.crawl.reextract import ReextractError, iter_responses, reextract
from tarikh.crawl.shards import read_shards
from tarikh.story import load_story
from tests.crawl.test_crawl_trouble import crawl_trouble, trouble_site

FIELDS = ("article_id", "url", "canonical_url", "title", "body", "published", "kept", "drop_reason",
          "content_sha256", "fetched_at", "published_source", "outlet")


def test_reextract_rebuilds_the_crawl(tmp_path: Path) -> None:
    with trouble_site() as site:
        story_file = crawl_trouble(site, tmp_path)
    # The site is gone now: re-extraction can only use the archive.
    warcs = sorted((tmp_path / "state" / "trouble" / "warc").glob("*.warc.gz"))
    assert warcs
    story = load_story(story_file)
    shard, counts = reextract(story, warcs, tmp_path / "again")
    assert shard is not None and counts["kept"] == 8

    def key(rows: list[dict]) -> list[tuple]:
        return sorted(tuple(r[f] for f in FIELDS) for r in rows)

    assert key(read_shards(tmp_path / "again", "trouble")) == key(read_shards(tmp_path / "state", "trouble"))
    hinted = [f for f in iter_responses(warcs) if f.hints]
    sources = {h.hints["source"] for h in hinted if h.hints}
    assert "sitemap" in sources and sources <= {"sitemap", "related"}


def test_unreadable_warc_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a warc")
    story_file = tmp_path / "s.toml"
    story_file.write_text('name = "s"\ntitle = "t"\nstart_urls = ["http://x.example/"]\nkeywords = ["k"]\n',
                          encoding="utf-8")
    with pytest.raises(ReextractError, match="bad.warc.gz"):
        reextract(load_story(story_file), [bad], tmp_path / "st")
    with pytest.raises(ReextractError, match="no such WARC"):
        reextract(load_story(story_file), [tmp_path / "missing.warc.gz"], tmp_path / "st")


def test_content_encodings_are_undone() -> None:
    import gzip
    import zlib

    from tarikh.crawl.reextract import decode_content

    page = "<html><body>نص الصفحة</body></html>".encode()
    assert decode_content(gzip.compress(page), "gzip") == page
    assert decode_content(zlib.compress(page), "deflate") == page
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert decode_content(raw.compress(page) + raw.flush(), "deflate") == page
    assert decode_content(page, "") == page
    with pytest.raises(ReextractError, match="gzip"):
        decode_content(b"not gzip", "gzip")
