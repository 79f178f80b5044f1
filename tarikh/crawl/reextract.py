"""Rebuild article records from WARC archives, with no network.

The WARC holds every response exactly as fetched plus the discovery hints, so an improved
extractor or a changed story can be re-applied to a past crawl, and anyone can audit how a
release was made from the raw pages.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tarikh.crawl.discovery import DocKind, classify
from tarikh.crawl.pages import process_page
from tarikh.crawl.shards import ShardWriter, shard_folder
from tarikh.crawl.topic import Topic
from tarikh.extract import article
from tarikh.story import Story


class ReextractError(RuntimeError):
    """A WARC file that cannot be read."""


@dataclass
class Fetched:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    hints: dict[str, Any] | None


def _parse_warc_date(text: str | None) -> datetime:
    if not text:
        return datetime.now(UTC)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def iter_responses(paths: Iterable[Path]) -> Iterator[Fetched]:
    """HTTP responses from WARC files in order, each with the hints its metadata record carried."""
    for path in paths:
        if not Path(path).is_file():
            raise ReextractError(f"{path}: no such WARC file")
        with Path(path).open("rb") as fh:
            pending: dict[str, Fetched] = {}
            try:
                for record in ArchiveIterator(fh):
                    if not str(record.format).startswith("warc"):
                        raise ReextractError(f"{path}: not a WARC file (read as {record.format})")
                    rid = record.rec_headers.get_header("WARC-Record-ID")
                    if record.rec_type == "response" and record.http_headers is not None:
                        status = int(record.http_headers.get_statuscode() or 0)
                        headers = dict(record.http_headers.headers)
                        body = record.content_stream().read()
                        fetched = Fetched(
                            record.rec_headers.get_header("WARC-Target-URI"),
                            status,
                            headers,
                            body,
                            _parse_warc_date(record.rec_headers.get_header("WARC-Date")),
                            None,
                        )
                        yield from pending.values()
                        pending = {rid: fetched}
                    elif record.rec_type == "metadata":
                        target = pending.get(record.rec_headers.get_header("WARC-Refers-To"))
                        if target is not None:
                            data = json.loads(record.content_stream().read().decode("utf-8"))
                            target.hints = data.get("hints")
            except ArchiveLoadFailed as exc:
                raise ReextractError(f"{path}: not a readable WARC file ({exc})") from None
            yield from pending.values()


def decode_content(body: bytes, content_encoding: str) -> bytes:
    """Undo Content-Encoding (gzip, deflate, br, zstd; several in order) as the crawler did."""
    for coding in reversed([c.strip().lower() for c in content_encoding.split(",") if c.strip()]):
        try:
            if coding in ("gzip", "x-gzip"):
                body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
            elif coding == "deflate":
                try:
                    body = zlib.decompress(body)
                except zlib.error:
                    body = zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send
            elif coding == "br":
                import brotli  # type: ignore[import-not-found]

                body = brotli.decompress(body)
            elif coding == "zstd":
                import zstandard  # type: ignore[import-not-found]

                body = zstandard.ZstdDecompressor().decompressobj().decompress(body)
        except (zlib.error, ImportError, OSError, ValueError) as exc:
            raise ReextractError(f"cannot undo Content-Encoding {coding!r}: {exc}") from None
    return body


def _seed_topic(story: Story, warcs: list[Path]) -> Topic | None:
    """The story's topic, rebuilt from the archived seed articles (as the crawl built it)."""
    if not story.seed_urls:
        return None
    seeds = set(story.seed_urls)
    texts = []
    for fetched in iter_responses(warcs):
        if fetched.url in seeds and fetched.status == 200:
            page = article(fetched.body, fetched.url, headers=fetched.headers)
            texts.append(f"{page.title or ''}\n\n{page.body or ''}")
    return Topic.from_texts(texts)


def reextract(story: Story, warcs: Iterable[Path], state_dir: Path) -> tuple[Path | None, dict[str, int]]:
    """Re-run extraction and relevance on every archived HTML 200 response into a new shard."""
    warcs = list(warcs)
    topic = _seed_topic(story, warcs)
    run_id = "reextract-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    writer = ShardWriter(shard_folder(state_dir, story.name), run_id)
    counts: dict[str, int] = {"responses": 0, "kept": 0, "dropped": 0}
    try:
        for fetched in iter_responses(warcs):
            counts["responses"] += 1
            if fetched.status != 200:
                continue
            lower = {k.lower(): v for k, v in fetched.headers.items()}
            # Bodies are archived as sent; undo a transfer compression the crawler had undone.
            body = decode_content(fetched.body, lower.get("content-encoding", ""))
            if classify(body, lower.get("content-type", "")) is not DocKind.HTML:
                continue
            result = process_page(body, fetched.url, story=story, headers=fetched.headers, hints=fetched.hints,
                                  fetched_at=fetched.fetched_at, status=fetched.status, topic=topic)
            if result.record is not None:
                writer.write(result.record)
                counts["kept" if result.record["kept"] else "dropped"] += 1
    finally:
        sealed = writer.close()
    return sealed, counts
