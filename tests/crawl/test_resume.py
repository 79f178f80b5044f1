"""A crawl killed with SIGKILL resumes with the same command; a re-crawl asks conditionally.

Real processes, a real loopback server and its request log: nothing stored is fetched again, and
nothing is lost.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tarikh.crawl.shards import read_shards
from tests.crawl.site import Page, Site

OPENINGS = [
    "قال مسؤول عراقي إن المحادثات بشأن مستقبل التحالف الدولي في العراق تتقدم ببطء",
    "أكدت مصادر حكومية في بغداد أن لجنة فنية تراجع أعداد القوات الأمريكية في العراق",
    "ناقش نواب عراقيون جدولا مقترحا لإنهاء مهمة التحالف الدولي على مراحل",
    "تحدث دبلوماسيون عن تقارب في المواقف بين بغداد وواشنطن حول التحالف الدولي في العراق",
]
CLOSINGS = [
    "وأشار إلى أن الجولة المقبلة ستبحث التفاصيل الفنية.",
    "ولم تصدر السفارة الأمريكية تعليقا حتى الآن.",
    "وتوقع مراقبون أن يستغرق الاتفاق النهائي عدة أشهر.",
]


def make_article(i: int) -> str:
    title = f"تقرير رقم {i} حول محادثات التحالف الدولي في العراق"
    paragraphs = [f"{OPENINGS[i % len(OPENINGS)]}، بحسب التقرير رقم {i}.", CLOSINGS[i % len(CLOSINGS)]]
    return (
        f'<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="2024-01-{10 + i % 18:02d}T10:00:00+03:00">'
        f"</head><body><article><h1>{title}</h1>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"
        "</body></html>"
    )


def make_site(n: int, delay: float) -> Site:
    pages: dict[str, Page] = {}
    for i in range(n):
        html = make_article(i)
        etag = '"' + hashlib.sha256(html.encode()).hexdigest()[:16] + '"'
        pages[f"/a/{i}"] = Page(html, delay=delay,
                                headers={"Content-Type": "text/html; charset=utf-8", "ETag": etag})
    links = "".join(f"<url><loc>{{base}}/a/{i}</loc></url>" for i in range(n))
    pages["/sitemap.xml"] = Page(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{links}</urlset>',
        headers={"Content-Type": "application/xml"},
    )
    pages["/robots.txt"] = Page("User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    return Site(pages)


def write_story(folder: Path, site: Site) -> Path:
    story = folder / "story.toml"
    story.write_text(
        f'name = "resume"\ntitle = "اختبار"\nstart_urls = ["{site.base}/sitemap.xml"]\n'
        'keywords = ["التحالف الدولي", "القوات الأمريكية"]\n',
        encoding="utf-8",
    )
    return story


def crawl_cmd(story: Path, state: Path) -> list[str]:
    return [sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--no-publish", "--state", str(state)]


def test_killed_crawl_resumes_without_refetching(tmp_path: Path) -> None:
    n = 40
    with make_site(n, delay=0.4) as site:
        story, state = write_story(tmp_path, site), tmp_path / "state"
        proc = subprocess.Popen(crawl_cmd(story, state), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shard_dir = state / "resume" / "articles"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            stored = sum(p.read_text(encoding="utf-8").count("\n") for p in shard_dir.glob("*.jsonl")) \
                if shard_dir.is_dir() else 0
            if stored >= 5:
                break
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        first = {r["url"] for r in read_shards(state, "resume")}
        assert 5 <= len(first) < n, "the kill must land part way"
        requests_before = {p: site.requested(p) for p in (f"/a/{i}" for i in range(n))}

        done = subprocess.run(crawl_cmd(story, state), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr

        rows = read_shards(state, "resume")
        assert sorted({r["url"] for r in rows}) == sorted(f"{site.base}/a/{i}" for i in range(n))
        assert len(rows) == n, "each article stored exactly once"
        for url in first:
            path = url.removeprefix(site.base)
            assert site.requested(path) == requests_before[path] == 1, f"{path} fetched again"


def test_recrawl_asks_conditionally_and_fetches_few_bytes(tmp_path: Path) -> None:
    n = 12
    with make_site(n, delay=0) as site:
        story, state = write_story(tmp_path, site), tmp_path / "state"
        assert subprocess.run(crawl_cmd(story, state), capture_output=True, timeout=300).returncode == 0
        first_bytes = site.bytes_sent
        statuses_first = [s for _, p, s in site.log if p.startswith("/a/")]
        assert statuses_first == [200] * n
        assert subprocess.run(crawl_cmd(story, state), capture_output=True, timeout=300).returncode == 0
        second_bytes = site.bytes_sent - first_bytes
        statuses_second = [s for _, p, s in site.log if p.startswith("/a/")][n:]
        assert statuses_second == [304] * n
        # Only the sitemap and robots.txt come again in full.
        assert second_bytes <= 0.35 * first_bytes
        # Unchanged pages keep their stored records: nothing new is written.
        assert len(read_shards(state, "resume")) == n


def test_recrawl_skips_pages_the_sitemap_says_are_unchanged(tmp_path: Path) -> None:
    """No validators on the pages, but a sitemap lastmod: unchanged stored pages are not requested
    again, and a page whose lastmod moved past the earlier fetch is."""
    n = 6
    with make_site(n, delay=0) as site:
        for i in range(n):
            site.pages[f"/a/{i}"].headers = {"Content-Type": "text/html; charset=utf-8"}  # no ETag
        entries = "".join(f"<url><loc>{{base}}/a/{i}</loc><lastmod>2024-01-20T10:00:00+00:00</lastmod></url>"
                          for i in range(n))
        site.pages["/sitemap.xml"].body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        story, state = write_story(tmp_path, site), tmp_path / "state"
        assert subprocess.run(crawl_cmd(story, state), capture_output=True, timeout=300).returncode == 0
        # Page 0 is edited after the first crawl: its lastmod moves into the future.
        site.pages["/sitemap.xml"].body = str(site.pages["/sitemap.xml"].body).replace(
            "<loc>{base}/a/0</loc><lastmod>2024-01-20T10:00:00+00:00", "<loc>{base}/a/0</loc><lastmod>2099-01-01T00:00:00+00:00")
        assert subprocess.run(crawl_cmd(story, state), capture_output=True, timeout=300).returncode == 0
        assert site.requested("/a/0") == 2
        assert all(site.requested(f"/a/{i}") == 1 for i in range(1, n))
    reports = sorted((state / "resume" / "reports").glob("*.json"))
    second = json.loads(reports[-1].read_text(encoding="utf-8"))
    assert second["counters"]["tarikh/skipped/unchanged_by_lastmod"] == n - 1


def test_ctrl_c_stops_cleanly_without_publishing_and_the_rerun_completes(tmp_path: Path) -> None:
    n = 40
    with make_site(n, delay=0.5) as site:
        story, state = write_story(tmp_path, site), tmp_path / "state"
        # Four at a time at 0.5 s each: the first crawl cannot finish before the interrupt lands.
        cmd = [sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--state", str(state),
               "--datasets", str(tmp_path / "datasets"), "--concurrency", "4"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        shard_dir = state / "resume" / "articles"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if shard_dir.is_dir() and sum(p.read_text(encoding="utf-8").count("\n") for p in shard_dir.glob("*.jsonl")) >= 3:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 1
        assert "interrupted; run the same command again to resume" in err
        assert not (tmp_path / "datasets" / "resume").exists(), "half a crawl is not published"
        first = read_shards(state, "resume")
        assert 3 <= len(first) < n
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    rows = read_shards(state, "resume")
    assert len({r["url"] for r in rows}) == n and len(rows) == n
    assert (tmp_path / "datasets" / "resume" / "latest").exists()
