"""Workers sharing one frontier in Redis: two workers, one killed part way, give the same release
as one process. Real redis-server on loopback, real Scrapy processes, the real demo web."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from redis import Redis

ROOT = Path(__file__).resolve().parents[2]
STORY = "demo-us-iraq-coalition"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("TARIKH_REQUIRE_SERVICES"):
            pytest.fail("redis-server is required (Debian package redis-server)")
        pytest.skip("redis-server is not installed")
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def tarikh(*args: str, delay: float = 0.0) -> list[str]:
    return [sys.executable, "-m", "tarikh.cli", *args]


def env(delay: float) -> dict[str, str]:
    return {**os.environ, "TARIKH_DEMO_DELAY": str(delay)}


def release_content(datasets: Path) -> tuple[set[str], set[tuple]]:
    """(article ids with URLs, events as (value, grain, article ids)) of the latest release."""
    version = (datasets / STORY / "latest").read_text(encoding="utf-8").strip()
    release = datasets / STORY / version
    con = duckdb.connect()
    articles = {f"{r[0]} {r[1]}" for r in con.execute(
        f"select article_id, canonical_url from read_parquet('{release / 'articles.parquet'}')").fetchall()}
    events = {(r[0], r[1], tuple(sorted(r[2]))) for r in con.execute(
        f"select value, grain, article_ids from read_parquet('{release / 'events.parquet'}')").fetchall()}
    return articles, events


def test_two_workers_one_killed_equal_one_process(tmp_path: Path, redis_url: str) -> None:
    story = str(ROOT / "stories" / "demo.toml")
    single = subprocess.run(tarikh("crawl", story, "--state", str(tmp_path / "s1"), "--datasets",
                                   str(tmp_path / "d1")), env=env(0), capture_output=True, text=True, timeout=600)
    assert single.returncode == 0, single.stderr

    state, datasets = tmp_path / "s2", tmp_path / "d2"
    delay = 0.25
    # The victim joins first, so the coordinator cannot finish the demo alone before the victim
    # has stored anything (a slow start on a busy machine made that happen).
    victim_log = (tmp_path / "victim.log").open("w", encoding="utf-8")
    victim = subprocess.Popen(tarikh("worker", story, "--redis", redis_url, "--state", str(state)),
                              env=env(delay), stdout=subprocess.DEVNULL, stderr=victim_log)
    server = Redis.from_url(redis_url)
    deadline = time.monotonic() + 120
    while not server.keys(f"tarikh:{STORY}:alive:*"):
        assert victim.poll() is None and time.monotonic() < deadline, "the worker did not start"
        time.sleep(0.05)
    coordinator = subprocess.Popen(
        tarikh("crawl", story, "--redis", redis_url, "--state", str(state), "--datasets", str(datasets)),
        env=env(delay), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    shards = state / STORY / "articles"
    deadline = time.monotonic() + 120
    killed = False
    while time.monotonic() < deadline and coordinator.poll() is None:
        mine = [p for p in shards.glob(f"*-{victim.pid}.jsonl")] if shards.is_dir() else []
        if mine and mine[0].read_text(encoding="utf-8").count("\n") >= 2:
            os.kill(victim.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.02)
    victim.wait()
    victim_log.close()
    assert killed, "the worker must be killed part way, after storing some records"
    helper = subprocess.run(tarikh("worker", story, "--redis", redis_url, "--state", str(state)),
                            env=env(delay), capture_output=True, text=True, timeout=600)
    assert helper.returncode == 0, helper.stderr
    out, err = coordinator.communicate(timeout=600)
    assert coordinator.returncode == 0, err

    (tmp_path / "helper.log").write_text(helper.stderr)
    (tmp_path / "coord.log").write_text(err)
    shared, single = release_content(datasets), release_content(tmp_path / "d1")
    assert shared[0] == single[0], (
        f"articles only in the shared crawl: {sorted(shared[0] - single[0])}; "
        f"only in one process: {sorted(single[0] - shared[0])}"
    )
    assert shared[1] == single[1], (
        f"events only in the shared crawl: {sorted(shared[1] - single[1])}; "
        f"only in one process: {sorted(single[1] - shared[1])}"
    )


def test_max_site_rate_bounds_a_site_across_workers(tmp_path: Path, redis_url: str) -> None:
    """Two workers with --max-site-rate 8 together stay near 8 requests per second to the site."""
    from tests.crawl.test_resume import make_site, write_story

    with make_site(40, delay=0) as site:
        story = write_story(tmp_path, site)
        common = ["--redis", redis_url, "--state", str(tmp_path / "state"), "--max-site-rate", "8"]
        worker = subprocess.Popen(tarikh("worker", str(story), *common), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        coord = subprocess.run(tarikh("crawl", str(story), "--no-publish", *common), capture_output=True,
                               text=True, timeout=600)
        assert coord.returncode == 0, coord.stderr
        worker.wait(timeout=120)
        times = sorted(t for t, (_, path, _) in zip(site.times, site.log, strict=True) if path.startswith("/a/"))
    assert len(times) == 40
    # 40 pages at 8/s take at least ~5 s; allow the first second's burst before the shared delay applies.
    assert times[-1] - times[0] >= 40 / 8 - 1.5
