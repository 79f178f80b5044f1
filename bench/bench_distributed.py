"""Distributed crawl benchmark (issue 8): pages per second with 1, 2 and 4 workers sharing one
Redis frontier, against the demo web made latency-bound (TARIKH_DEMO_DELAY seconds per answer).

Each worker runs with a small concurrency, as a polite crawler would, so adding workers is the way
to go faster; the scaling ratio is 4 workers' rate over 1 worker's (target >= 3).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
STORY = "demo-us-iraq-coalition"
DELAY = float(os.environ.get("BENCH_DELAY", "0.2"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "2"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(workers: int, redis_url: str, tmp: Path) -> tuple[int, float]:
    state = tmp / f"state-{workers}"
    env = {**os.environ, "TARIKH_DEMO_DELAY": str(DELAY)}
    story = str(ROOT / "stories" / "demo.toml")
    common = ["--redis", redis_url, "--state", str(state), "--concurrency", str(CONCURRENCY)]
    procs = [subprocess.Popen([sys.executable, "-m", "tarikh.cli", "worker", story, *common], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers - 1)]
    time.sleep(1.0)  # let the extra workers start and wait for the queue
    coord = subprocess.run([sys.executable, "-m", "tarikh.cli", "crawl", story, "--no-publish", *common],
                           env=env, capture_output=True, text=True)
    for p in procs:
        p.wait(timeout=300)
    if coord.returncode != 0:
        raise SystemExit(coord.stderr)
    dates: list[datetime] = []
    pages = 0
    for path in (state / STORY / "warc").glob("*.warc.gz"):
        with path.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    pages += 1
                    dates.append(datetime.fromisoformat(rec.rec_headers.get_header("WARC-Date").replace("Z", "+00:00")))
    return pages, (max(dates) - min(dates)).total_seconds()


def main() -> None:
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is needed (Debian package redis-server)")
    port = free_port()
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            rates: dict[int, float] = {}
            print(f"latency {DELAY * 1000:.0f} ms per answer, {CONCURRENCY} requests in parallel per worker")
            print(f"{'workers':>8}{'pages':>8}{'seconds':>10}{'pages/s':>10}")
            for n in (1, 2, 4):
                pages, seconds = measure(n, f"redis://127.0.0.1:{port}/{n}", Path(tmp))
                rates[n] = pages / seconds
                print(f"{n:>8}{pages:>8}{seconds:>10.2f}{rates[n]:>10.1f}")
            print(f"scaling: 2 workers {rates[2] / rates[1]:.2f}x, 4 workers {rates[4] / rates[1]:.2f}x "
                  "one worker (target >= 3x for 4)")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
