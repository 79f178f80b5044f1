"""WARC 1.1 archive of everything the crawl fetched: the audit trail that re-extraction replays.

A downloader middleware placed next to the downloader, so it sees the bytes exactly as they came
off the wire (before decompression and redirects are handled). One gzipped WARC file per crawl run
under ``state/<story>/warc/``, written to ``.warc.gz.open`` and renamed when the crawl closes, so a
finished file is never one still being written.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tarikh import __version__


class WarcWriter:
    """Appends request/response/metadata records to one WARC file."""

    def __init__(self, path: Path, info: dict[str, str]) -> None:
        self.final_path = path
        self.open_path = path.with_name(path.name + ".open")
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[bytes] | None = self.open_path.open("ab")
        self._writer = WARCWriter(self._fh, gzip=True, warc_version="1.1")
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))
        self._fh.flush()

    def write_exchange(self, request: Request, response: Response) -> None:
        assert self._fh is not None
        w = self._writer
        req_headers = [(k.decode("latin-1"), b", ".join(v).decode("latin-1")) for k, v in request.headers.items()]
        path = request.url.split("/", 3)[3] if request.url.count("/") >= 3 else ""
        req_record = w.create_warc_record(
            request.url,
            "request",
            payload=BytesIO(request.body or b""),
            http_headers=StatusAndHeaders(f"{request.method} /{path} HTTP/1.1", req_headers, is_http_request=True),
        )
        resp_headers = [(k.decode("latin-1"), b", ".join(v).decode("latin-1")) for k, v in response.headers.items()]
        reason = "OK" if response.status == 200 else "-"
        fetched_at = datetime.now(UTC)
        # The spider records the same instant as the article's fetch time, so re-extraction from
        # the archive reproduces the record exactly.
        request.meta["tarikh_fetched_at"] = fetched_at
        resp_record = w.create_warc_record(
            response.url,
            "response",
            payload=BytesIO(response.body),
            http_headers=StatusAndHeaders(f"{response.status} {reason}", resp_headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")},
        )
        req_record.rec_headers.add_header("WARC-Concurrent-To", resp_record.rec_headers.get_header("WARC-Record-ID"))
        w.write_record(req_record)
        w.write_record(resp_record)
        hints = request.meta.get("tarikh_hints")
        if hints:
            meta = w.create_warc_record(
                response.url,
                "metadata",
                payload=BytesIO(json.dumps({"hints": hints}, ensure_ascii=False).encode("utf-8")),
                warc_content_type="application/json",
            )
            meta.rec_headers.add_header("WARC-Refers-To", resp_record.rec_headers.get_header("WARC-Record-ID"))
            w.write_record(meta)
        self._fh.flush()

    def close(self) -> Path:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
            os.replace(self.open_path, self.final_path)
        return self.final_path


class WarcMiddleware:
    """Downloader middleware writing every exchange to the run's WARC file."""

    def __init__(self, writer: WarcWriter, stats: StatsCollector | None = None) -> None:
        self.writer = writer
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcMiddleware:
        s = crawler.settings
        path = Path(s["TARIKH_STATE_DIR"]) / s["TARIKH_STORY"] / "warc" / f"{s['TARIKH_RUN_ID']}.warc.gz"
        writer = WarcWriter(path, {"software": f"tarikh/{__version__}", "format": "WARC File Format 1.1",
                                   "story": s["TARIKH_STORY"]})
        mw = cls(writer, crawler.stats)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def process_response(self, request: Request, response: Response) -> Response:
        self.writer.write_exchange(request, response)
        if self.stats is not None:
            # Bytes as they came over the network (a 304 is small), unlike Scrapy's own counter,
            # which sees the full cached body the HTTP cache substitutes for a 304.
            head = len(response.headers.to_string()) + 17  # status line and blank line
            self.stats.inc_value("tarikh/network_bytes", head + len(response.body))
            self.stats.inc_value(f"tarikh/network_status/{response.status}")
        return response

    def spider_closed(self, spider: Any = None) -> None:
        self.writer.close()
