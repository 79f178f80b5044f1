"""A real Scrapy crawl over loopback HTTP against a site full of traps.

Nothing here is mocked: `tarikh crawl` runs as a subprocess against a local server whose request
log shows what the crawler did. Each trap must be survived and counted; robots.txt must hold.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tarikh.crawl.shards import read_shards
from tests.crawl.site import Page, Site

ARTICLES = {
    "/news/1": (
        "2024-01-25T10:00:00+03:00",
        "بغداد وواشنطن تتفقان على بدء محادثات بشأن مستقبل التحالف الدولي",
        [
            "أعلنت الحكومة العراقية يوم الخميس أن جولة أولى من المحادثات مع الولايات المتحدة بشأن مستقبل"
            " التحالف الدولي ستعقد في بغداد خلال الأيام المقبلة.",
            "وقال متحدث حكومي إن اللجنة العسكرية العليا ستضع جدولا زمنيا لخفض عدد المستشارين العسكريين في"
            " العراق بصورة تدريجية.",
            "وأضاف المتحدث أن الحوار سيراعي الوضع الأمني ومستوى جاهزية القوات العراقية في مختلف المحافظات.",
        ],
    ),
    "/news/2": (
        "2024-01-27T18:20:00+03:00",
        "انطلاق الجولة الأولى من الحوار العسكري بين العراق والولايات المتحدة",
        [
            "عقد ممثلون عن العراق والولايات المتحدة السبت في بغداد أول اجتماع للجنة العسكرية العليا.",
            "وبحث الجانبان مستقبل مهمة قوات التحالف وآليات الانتقال إلى علاقات أمنية ثنائية.",
            "ولم يعلن الطرفان موعدا للاجتماع التالي، لكن مصادر رسمية توقعت أن يلتئم خلال أسابيع.",
        ],
    ),
    "/news/3": (
        "2024-01-24T21:05:00+03:00",
        "رسالة أمريكية إلى وزير الخارجية العراقي حول بدء المفاوضات",
        [
            "تسلم وزير الخارجية العراقي يوم الأربعاء رسالة من السفيرة الأمريكية في بغداد.",
            "وتعبر الرسالة عن استعداد واشنطن لبدء مفاوضات حول انتهاء مهمة التحالف الدولي في العراق.",
            "ويأتي ذلك بعد أسابيع من التوتر إثر هجمات استهدفت القوات الأمريكية في البلاد.",
        ],
    ),
    "/news/4": (
        "2024-01-30T09:45:00+03:00",
        "فصيل عراقي يعلن تعليق عملياته ضد القوات الأمريكية",
        [
            "أعلن فصيل مسلح في العراق الثلاثاء تعليق هجماته على القوات الأمريكية إلى إشعار آخر.",
            "وقال الفصيل في بيان إن القرار جاء لتجنيب الحكومة العراقية الإحراج.",
            "ورحب مسؤولون في التحالف الدولي بالخطوة مع التأكيد على مراقبة الوضع الميداني عن كثب.",
        ],
    ),
    "/flaky": (
        "2024-02-02T23:10:00+03:00",
        "ضربات أمريكية على مواقع في العراق وسوريا",
        [
            "شنت القوات الأمريكية ليلة الجمعة ضربات على عشرات المواقع في العراق وسوريا.",
            "وقالت الحكومة العراقية إن الضربات تهدد الاستقرار وتعقد الحوار بشأن التحالف الدولي.",
            "ودعت بغداد إلى ضبط النفس وإلى مواصلة المحادثات الجارية بين الجانبين دون انقطاع.",
        ],
    ),
    "/old": (
        "2022-05-10T12:00:00+03:00",
        "حديث قديم عن مستقبل القوات الأمريكية في العراق",
        [
            "ناقش برلمانيون في العراق مستقبل القوات الأمريكية والتحالف الدولي في جلسة مطولة.",
            "ولم تخرج الجلسة بقرار ملزم، واكتفى النواب بتوصيات عامة للحكومة.",
            "ويرى مراقبون أن الملف سيعود إلى الواجهة مع أي تصعيد أمني جديد.",
        ],
    ),
    "/sport": (
        "2024-01-26T15:00:00+03:00",
        "منتخب العراق يتأهل إلى الدور التالي من البطولة",
        [
            "تأهل منتخب العراق لكرة القدم إلى الدور التالي بعد فوزه في مباراة مثيرة.",
            "واحتفل المشجعون في شوارع بغداد حتى ساعات متأخرة من الليل.",
            "ويلتقي المنتخب في المباراة المقبلة فريقا قويا من شرق القارة.",
        ],
    ),
    "/private/secret": (
        "2024-01-26T15:00:00+03:00",
        "صفحة محظورة على الزواحف عن التحالف الدولي في العراق",
        ["يجب ألا يطلب الزاحف هذه الصفحة لأن ملف الروبوتات يمنع ذلك صراحة."],
    ),
}


def article_html(path: str) -> str:
    published, title, paragraphs = ARTICLES[path]
    related = '<aside class="related"><a href="/news/4">فصيل عراقي يعلن تعليق عملياته</a></aside>'
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": published}, ensure_ascii=False)
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="موقع التجربة"><link rel="canonical" href="{{base}}{path}">'
        f'<script type="application/ld+json">{ld}</script></head>'
        f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{body}</article>"
        f"{related if path == '/news/1' else ''}</body></html>"
    )


def trouble_site() -> Site:
    urls = ["/news/1", "/news/2", "/news/3", "/flaky", "/old", "/sport", "/private/secret", "/gone",
            "/loop-a", "/doc.pdf", "/empty", "/blocked", "/moved", "/broken", "/busy", "/soft404",
            "/challenge", "/huge", "/slow", "/stuck", "/news/5?PHPSESSID=a1", "/news/5?PHPSESSID=b2"]
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{{base}}{u}</loc></url>" for u in urls)
        + "</urlset>"
    )
    pages: dict[str, Page] = {p: Page(article_html(p)) for p in ARTICLES}
    pages["/flaky"].fail_first = [500]
    soft404 = ('<html lang="ar"><head><meta charset="utf-8"><title>الصفحة غير موجودة</title></head><body>'
               "<h1>عذرا، الصفحة التي تبحث عنها غير موجودة</h1><p>ربما نقلت الصفحة أو حذفت من الموقع.</p>"
               "</body></html>")
    challenge = ("<html><head><title>Just a moment...</title></head><body><h1>Checking your browser"
                 "</h1><p>Enable JavaScript and cookies to continue</p></body></html>")
    pages.update(
        {
            "/robots.txt": Page("User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}),
            "/sitemap.xml": Page(sitemap, headers={"Content-Type": "application/xml"}),
            "/gone": Page("<html><body>gone</body></html>", status=410),
            "/loop-a": Page("", status=302, headers={"Location": "{base}/loop-b"}),
            "/loop-b": Page("", status=302, headers={"Location": "{base}/loop-a"}),
            "/moved": Page("", status=301, headers={"Location": "{base}/news/3?utm_source=x"}),
            "/news/3?utm_source=x": Page(article_html("/news/3")),
            "/doc.pdf": Page(b"%PDF-1.4 fake", headers={"Content-Type": "application/pdf"}),
            "/empty": Page(b""),
            "/busy": Page(article_html("/news/2").replace("/news/2", "/busy"), fail_first=[429],
                          headers={"Content-Type": "text/html; charset=utf-8", "Retry-After": "1"}),
            "/soft404": Page(soft404),
            "/challenge": Page(challenge),
            "/huge": Page(b"<html><body>" + b"x" * (9 * 1024 * 1024) + b"</body></html>"),
            # Slow but within the timeout: fetched while other pages go on; past the timeout: counted.
            "/slow": Page(article_html("/news/1").replace("/news/1", "/slow"), delay=1.0),
            "/stuck": Page("<html><body>late</body></html>", delay=4.0),
            # One page under two session ids: one fetch.
            "/news/5": Page(article_html("/news/2").replace("/news/2", "/news/5")),
            "/blocked": Page("<html><body>Access denied</body></html>", status=403),
            "/broken": Page("<html><head><title>x</head><body><p>unclosed <div><table><tr><td>"
                            "\x00\x01 نص مكسور</p>"),
        }
    )
    return Site(pages)


def crawl_trouble(site: Site, folder: Path) -> Path:
    """Write the trouble story for ``site`` into ``folder`` and crawl it (no publish); the story file."""
    story = folder / "story.toml"
    story.write_text(
        f'name = "trouble"\ntitle = "اختبار"\nstart_urls = ["{site.base}/sitemap.xml"]\n'
        'keywords = ["التحالف الدولي", "قوات التحالف", "القوات الأمريكية"]\nrequire = ["العراق"]\n'
        "since = 2023-10-01\ndownload_timeout = 2\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--no-publish",
         "--state", str(folder / "state"), "--datasets", str(folder / "datasets")],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return story


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, Path, dict]]:
    base = tmp_path_factory.mktemp("trouble")
    with trouble_site() as site:
        crawl_trouble(site, base)
        (report_file,) = (base / "state" / "trouble" / "reports").glob("*.json")
        yield site, base / "state", json.loads(report_file.read_text(encoding="utf-8"))


def test_relevant_articles_kept_once(crawled: tuple[Site, Path, dict]) -> None:
    site, state, _ = crawled
    rows = read_shards(state, "trouble")
    kept = sorted(r["canonical_url"].split(":", 2)[2].split("/", 1)[1] for r in rows if r["kept"])
    assert kept == ["busy", "flaky", "news/1", "news/2", "news/3", "news/4", "news/5", "slow"]
    dropped = {r["canonical_url"].rsplit("/", 1)[1]: r["drop_reason"] for r in rows if not r["kept"]}
    # The malformed page is survived and judged on the little text it has.
    assert dropped == {"old": "outside-window", "sport": "no-keyword", "broken": "no-keyword"}


def test_robots_disallowed_path_never_requested(crawled: tuple[Site, Path, dict]) -> None:
    site, _, _ = crawled
    assert site.requested("/robots.txt") >= 1
    assert site.requested("/private/secret") == 0


def test_traps_are_survived_and_counted(crawled: tuple[Site, Path, dict]) -> None:
    site, _, report = crawled
    c = report["counters"]
    assert site.requested("/flaky") == 2  # 500, then retried after backing off
    assert c.get("retry/count", 0) >= 1
    assert c.get("tarikh/backoff", 0) >= 1
    assert c.get("downloader/response_status_count/410", 0) == 1
    assert c.get("downloader/response_status_count/403", 0) == 1
    assert c.get("tarikh/skipped/not_html", 0) >= 1  # the PDF
    assert site.requested("/loop-a") >= 1 and site.requested("/loop-b") >= 1
    assert site.requested("/busy") == 2  # 429 with Retry-After, then success
    assert c.get("tarikh/retry_after_honoured", 0) == 1
    assert c.get("tarikh/pages/not_found", 0) == 1  # served with status 200
    assert c.get("tarikh/pages/blocked", 0) == 1  # a challenge page, not an empty article
    # The 9 MB page is cancelled at DOWNLOAD_MAXSIZE, counted, and not stored.
    assert c.get("tarikh/errors/DownloadCancelledError", 0) == 1
    assert site.requested("/news/5") == 1
    assert c.get("tarikh/errors/DownloadTimeoutError", 0) == 1  # /stuck, after its retries
    outlet = report["outlets"]["127.0.0.1"]
    assert outlet["fetched"] >= 15 and outlet["articles/kept"] == 8
    assert outlet["errors/DownloadCancelledError"] == 1
    assert report["finish_reason"] == "finished"


def test_shards_are_sealed_and_warc_written(crawled: tuple[Site, Path, dict]) -> None:
    _, state, _ = crawled
    assert list((state / "trouble" / "articles").glob("*.parquet"))
    assert not list((state / "trouble" / "articles").glob("*.jsonl"))
    assert list((state / "trouble" / "warc").glob("*.warc.gz"))
    assert not list((state / "trouble" / "warc").glob("*.open"))


def test_robots_crawl_delay_is_honoured(tmp_path: Path) -> None:
    """A Crawl-delay of 0.4 s: consecutive requests to the site are at least that far apart."""
    from tests.crawl.test_resume import make_site, write_story

    site = make_site(6, delay=0)
    site.pages["/robots.txt"] = Page("User-agent: *\nCrawl-delay: 0.4\n", headers={"Content-Type": "text/plain"})
    with site:
        story = write_story(tmp_path, site)
        proc = subprocess.run([sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--no-publish",
                               "--state", str(tmp_path / "state")], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        times = [t for t, (_, path, _) in zip(site.times, site.log, strict=True) if path.startswith("/a/")]
    assert len(times) == 6
    # Arrival times at a loaded server jitter one by one; their total span cannot shrink below the delays.
    assert times[-1] - times[0] >= 5 * 0.4 * 0.95, times


def test_robots_holds_for_every_request_waiting_on_it(tmp_path: Path) -> None:
    """Many start URLs on one host wait together for a slow robots.txt; each must then be judged by it.

    Scrapy 2.19 hands the parsed robots.txt only to the first waiting request and None ("allow all")
    to the others; tarikh.crawl.middleware.RobotsTxt corrects that."""
    secret = [f"/private/{i}" for i in range(8)]
    pages = {p: Page(article_html("/news/1").replace("/news/1", p)) for p in ["/news/1", *secret]}
    pages["/robots.txt"] = Page("User-agent: *\nDisallow: /private/\n", delay=0.5,
                                headers={"Content-Type": "text/plain"})
    with Site(pages) as site:
        starts = ", ".join(f'"{site.base}{p}"' for p in [*secret, "/news/1"])
        story = tmp_path / "story.toml"
        story.write_text(
            f'name = "robots"\ntitle = "اختبار"\nstart_urls = [{starts}]\n'
            'keywords = ["التحالف الدولي"]\nsince = 2023-10-01\n',
            encoding="utf-8",
        )
        proc = subprocess.run([sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--no-publish",
                               "--state", str(tmp_path / "state")], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert site.requested("/news/1") == 1
        assert [p for p in secret if site.requested(p)] == []
