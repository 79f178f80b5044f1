"""Crawl benchmark (issue 7): the full pipeline against bare Scrapy on the demo, and re-crawl bytes.

1. `tarikh crawl stories/demo.toml` (discovery, extraction, dates, relevance, shards, WARC): pages/s.
2. Bare Scrapy fetching exactly the URLs the full crawl fetched (from its WARC), same concurrency,
   no processing: pages/s. Ratio full/bare (target >= 0.5).
3. The same crawl again on the unchanged site: bytes fetched against the first crawl (target <= 10%).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
STORY = "demo-us-iraq-coalition"


def crawl(state: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "tarikh.cli", "crawl", str(ROOT / "stories" / "demo.toml"), "--no-publish",
         "--state", str(state)],
        capture_output=True, text=True, cwd=ROOT,
    )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    reports = sorted((state / STORY / "reports").glob("*.json"))
    return json.loads(reports[-1].read_text(encoding="utf-8"))


def fetched_urls(state: Path) -> tuple[list[str], float]:
    """The URLs the crawl requested, and the seconds from its first exchange to its last (WARC dates)."""
    urls: list[str] = []
    dates: list[datetime] = []
    for path in sorted((state / STORY / "warc").glob("*.warc.gz")):
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "request":
                    urls.append(rec.rec_headers.get_header("WARC-Target-URI"))
                if rec.rec_type == "response":
                    dates.append(datetime.fromisoformat(rec.rec_headers.get_header("WARC-Date").replace("Z", "+00:00")))
    return urls, (max(dates) - min(dates)).total_seconds()


def one_round(tmp: Path) -> tuple[int, float, int, float, dict, dict]:
    state = tmp / "state"
    first = crawl(state)
    urls, full_seconds = fetched_urls(state)
    url_file = tmp / "urls.txt"
    url_file.write_text("\n".join(urls), encoding="utf-8")
    bare = subprocess.run([sys.executable, str(ROOT / "bench" / "bare_spider.py"), str(url_file),
                           str(ROOT / "demo")], capture_output=True, text=True, cwd=ROOT)
    if bare.returncode != 0:
        raise SystemExit(bare.stderr)
    b = json.loads(bare.stdout.strip().splitlines()[-1])
    second = crawl(state)
    return len(urls), full_seconds, b["pages"], b["seconds"], first, second


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
    results = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(one_round(Path(tmp)))
    ratios = sorted((p / s) / (bp / bs) for p, s, bp, bs, _, _ in results)
    full_pages, full_seconds, bare_pages, bare_seconds, first, second = results[0]
    print(f"{rounds} rounds, each: the full crawl, then bare Scrapy on the URLs it fetched, then a re-crawl")
    print(f"{'':34}{'pages':>8}{'seconds':>10}{'pages/s':>10}")
    for p, s, bp, bs, _, _ in results:
        print(f"{'full pipeline (tarikh crawl)':34}{p:>8}{s:>10.2f}{p / s:>10.1f}")
        print(f"{'bare Scrapy, same URLs':34}{bp:>8}{bs:>10.2f}{bp / bs:>10.1f}")
    print(f"ratio full/bare, median of {rounds}: {ratios[len(ratios) // 2]:.2f}   (target >= 0.5; "
          f"all: {', '.join(f'{r:.2f}' for r in ratios)})")
    bytes1 = first["counters"].get("tarikh/network_bytes", 0)
    bytes2 = second["counters"].get("tarikh/network_bytes", 0)
    not_modified = second["counters"].get("tarikh/network_status/304", 0)
    print(f"re-crawl bytes: {bytes2} of {bytes1} = {bytes2 / max(bytes1, 1):.1%}   (target <= 10%); "
          f"{not_modified} answers were 304 Not Modified")


if __name__ == "__main__":
    main()
