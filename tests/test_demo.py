"""The offline demo web (tarikh.demo) over real loopback HTTP: proxy mode, Host mode, every outlet.

Two servers: one on the real ``demo/`` data (whatever the content writers have committed), checked
with rules that hold for any content, and one on a small root written here (the real outlet files plus
a few articles of our own), checked against exact expected values.
"""

from __future__ import annotations

import html
import json
import math
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest

from tarikh.demo import DemoDataError, DemoWeb
from tarikh.text import to_ascii_digits

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "demo"
TODAY = date(2026, 11, 29)
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"

RAFIDAIN, JISR, WADI, WAKALA = (
    "www.alrafidain-news.example",
    "aljisr.example",
    "www.wadi-press.example",
    "www.wakala-wire.example",
)

# Our own small articles (every sentence written for this test).
MINI_ARTICLES = {
    "rafidain/test-letter": '''slug = "test-letter"
id = 1005
section = "politics"
tags = ["العراق", "التحالف الدولي"]
published = "2024-01-24T19:30:00+03:00"
author = "هيثم الساعدي"
title = "واشنطن تبلغ بغداد استعدادها لبدء محادثات حول مستقبل التحالف الدولي"
lead = "رسالة من السفارة الأمريكية إلى وزارة الخارجية العراقية"
body = """
تسلمت وزارة الخارجية العراقية مساء اليوم رسالة من السفارة الأمريكية تبدي فيها واشنطن استعدادها لبدء الحوار.

وقال مصدر دبلوماسي إن الرسالة تمهد لاجتماعات اللجنة العسكرية العليا خلال الأيام المقبلة.
"""
related = ["test-match"]
relevant = true
facts = ["2024-01-24"]
''',
    "rafidain/test-match": '''slug = "test-match"
id = 1004
section = "sports"
published = "2024-01-19T21:00:00+03:00"
title = "المنتخب يتأهل إلى الدور المقبل بعد مباراة مثيرة"
body = """
حسم المنتخب تأهله إلى الدور المقبل بهدفين مقابل هدف في مباراة شهدت حضورا جماهيريا كبيرا.
"""
relevant = false
expected_drop = "keywords"
''',
    "jisr/test-announce": '''slug = "test-announce"
id = 2001
section = "politics"
tags = ["العراق", "التحالف الدولي"]
published = "2024-01-25T12:08:00+03:00"
modified = "2024-01-25T15:41:00+03:00"
author = "ليلى الحسن"
title = "بغداد وواشنطن تعلنان بدء محادثات اللجنة العسكرية العليا"
body = """
أعلنت الحكومتان اليوم الخميس أن اللجنة العسكرية العليا ستبدأ اجتماعاتها قريبا.

وأضاف مسؤول حكومي أن الجولة الأولى ستعقد في بغداد.
"""
relevant = true
facts = ["2024-01-25"]
''',
    "jisr/test-yemen": '''slug = "test-yemen"
id = 2002
section = "world"
published = "2023-11-12T09:15:00+03:00"
title = "مساع جديدة لتثبيت الهدنة في اليمن"
body = """
قال دبلوماسيون إن جولة جديدة من الاتصالات تهدف إلى تثبيت الهدنة وفتح الطرق بين المدن.
"""
relevant = false
expected_drop = "keywords"
''',
    "wadi/test-first-round": '''slug = "test-first-round"
id = 301
section = "politics"
published = "2024-01-25T16:40:00+03:00"
title = "اللجنة العسكرية العليا تستعد لجولتها الأولى في بغداد"
body = """
بغداد – وادي برس: تستعد العاصمة لاستضافة الجولة الأولى من اجتماعات اللجنة العسكرية العليا.

وذكر مصدر رسمي أن الوفدين سيبحثان مستقبل التحالف الدولي في العراق.
"""
relevant = true
facts = ["2024-01-25"]
''',
    "wadi/test-prices": '''slug = "test-prices"
id = 302
section = "economy"
published = "2024-03-12T10:20:00+03:00"
title = "استقرار أسعار الطحين في الأسواق المحلية"
body = """
شهدت الأسواق المحلية استقرارا في أسعار الطحين بعد وصول شحنات جديدة إلى المخازن.
"""
relevant = false
expected_drop = "keywords"
''',
    "wakala/test-talks": '''slug = "test-talks"
id = 5001
section = "politics"
published = "2024-01-25T13:05:00+01:00"
title = "العراق والولايات المتحدة يعلنان بدء محادثات بشأن قوات التحالف"
body = """
أعلن البلدان بدء محادثات تحدد جدولا زمنيا لخفض وجود قوات التحالف في العراق.
"""
relevant = true
facts = ["2024-01-25"]
''',
}


def make_root(base: Path, articles: dict[str, str]) -> Path:
    """A demo root with the real outlet files and the given ``outlet/slug -> TOML`` articles."""
    root = base / "demo"
    shutil.copytree(DEMO / "sites", root / "sites")
    for key, text in articles.items():
        outlet, slug = key.split("/")
        (root / "articles" / outlet).mkdir(parents=True, exist_ok=True)
        (root / "articles" / outlet / f"{slug}.toml").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def _no_proxy_bypass(monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib skips a ProxyHandler for hosts listed in no_proxy; the tests must always use the proxy."""
    for name in ("no_proxy", "NO_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def mini_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_root(tmp_path_factory.mktemp("mini"), MINI_ARTICLES)


@pytest.fixture(scope="module")
def mini(mini_root: Path) -> Iterator[DemoWeb]:
    with DemoWeb(mini_root, today=lambda: TODAY) as web:
        yield web


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoWeb]:
    """The committed demo; until articles exist, a root with our own articles instead (skip nothing)."""
    root = DEMO
    if not list(DEMO.glob("articles/*/*.toml")):
        root = make_root(tmp_path_factory.mktemp("fallback"), MINI_ARTICLES)
    with DemoWeb(root, today=lambda: TODAY) as web:
        yield web


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(
    web: DemoWeb, url: str, headers: dict[str, str] | None = None, follow: bool = True, direct: bool = False
) -> tuple[int, Message, bytes]:
    """GET ``url`` through the demo as a proxy, or (``direct``) at its address with a Host header."""
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler({} if direct else {"http": web.proxy_url})
    ]
    if not follow:
        handlers.append(_NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    headers = dict(headers or {})
    if direct:
        parts = url.split("/", 3)
        headers["Host"] = parts[2]
        url = f"{web.proxy_url}/{parts[3] if len(parts) > 3 else ''}"
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def text_of(web: DemoWeb, url: str) -> str:
    status, headers, body = fetch(web, url)
    assert status == 200, (url, status)
    charset = headers.get_content_charset() or "utf-8"
    return body.decode(charset)


def article(web: DemoWeb, outlet: str, slug: str):  # type: ignore[no-untyped-def]
    return next(a for a in web.articles if a.outlet == outlet and a.slug == slug)


# ------------------------------------------------------------------------------------ the real demo


def test_real_demo_serves_every_article_and_alternate(real: DemoWeb) -> None:
    assert set(real.hosts) == {RAFIDAIN, JISR, WADI, WAKALA}
    for a in real.articles:
        status, headers, body = fetch(real, a.url)
        assert status == 200, a.url
        page = html.unescape(body.decode(headers.get_content_charset() or "windows-1256"))
        assert a.title in page, a.url
        assert a.paragraphs[0][:40] in page, a.url
        for alt in a.alternate_urls:
            assert fetch(real, alt)[0] == 200, alt


def test_real_demo_ground_truth_is_exposed(real: DemoWeb) -> None:
    urls = [a.url for a in real.articles]
    assert len(urls) == len(set(urls))
    for a in real.articles:
        assert a.url.startswith("http://") and a.published_at.tzinfo is not None
        assert datetime.fromisoformat(a.published) == a.published_at  # ISO text, as in the files
        assert (a.expected_drop is None) or not a.relevant


def test_robots_txt(real: DemoWeb) -> None:
    expectations = {
        RAFIDAIN: ("/search?q=x", ["Sitemap: http://www.alrafidain-news.example/sitemap.xml"]),
        JISR: ("/wp-admin/", []),
        WADI: ("/print.php?id=1", []),
        WAKALA: ("/ar/search", ["Sitemap: http://www.wakala-wire.example/news-sitemap.xml"]),
    }
    for host, (blocked, lines) in expectations.items():
        text = text_of(real, f"http://{host}/robots.txt")
        for line in lines:
            assert line in text.splitlines()
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        assert not parser.can_fetch("tarikh", f"http://{host}{blocked}")
        for a in real.articles:
            if a.url.startswith(f"http://{host}/"):
                assert parser.can_fetch("tarikh", a.url)


def test_rafidain_sitemap_index_reaches_every_article(real: DemoWeb) -> None:
    index = ET.fromstring(fetch(real, f"http://{RAFIDAIN}/sitemap.xml")[2])
    assert index.tag == f"{SM}sitemapindex"
    found: set[str] = set()
    for sm in index.findall(f"{SM}sitemap"):
        loc, lastmod = sm.findtext(f"{SM}loc"), sm.findtext(f"{SM}lastmod")
        assert loc and lastmod and datetime.fromisoformat(lastmod).tzinfo is not None
        status, _h, body = fetch(real, loc)
        assert status == 200
        urlset = ET.fromstring(body)
        for url in urlset.findall(f"{SM}url"):
            found.add(url.findtext(f"{SM}loc") or "")
    expected = {a.url for a in real.articles if a.outlet == "rafidain"}
    assert found == expected


@pytest.mark.parametrize("host,path", [(RAFIDAIN, "/news-sitemap.xml"), (WAKALA, "/news-sitemap.xml")])
def test_news_sitemaps(real: DemoWeb, host: str, path: str) -> None:
    urlset = ET.fromstring(fetch(real, f"http://{host}{path}")[2])
    by_url = {a.url: a for a in real.articles}
    entries = urlset.findall(f"{SM}url")
    assert entries
    for entry in entries:
        a = by_url[entry.findtext(f"{SM}loc") or ""]
        news = entry.find(f"{NEWS}news")
        assert news is not None
        assert datetime.fromisoformat(news.findtext(f"{NEWS}publication_date") or "") == a.published_at
        assert news.findtext(f"{NEWS}title") == a.title


def test_jisr_rss_feed(real: DemoWeb) -> None:
    status, headers, body = fetch(real, f"http://{JISR}/feed/")
    assert status == 200 and headers.get_content_type() == "application/rss+xml"
    channel = ET.fromstring(body).find("channel")
    assert channel is not None
    items = channel.findall("item")
    posts = sorted(
        (a for a in real.articles if a.outlet == "jisr"), key=lambda a: a.published_at, reverse=True
    )
    assert len(items) == min(10, len(posts))
    by_url = {a.url: a for a in posts}
    dates = []
    for item in items:
        a = by_url[item.findtext("link") or ""]
        when = parsedate_to_datetime(item.findtext("pubDate") or "")
        assert when == a.published_at and when.utcoffset() is not None and not when.utcoffset()
        assert item.findtext("title") == a.title
        dates.append(when)
    assert dates == sorted(dates, reverse=True)


def _walk_pages(web: DemoWeb, first_url: str) -> tuple[list[str], int]:
    """Follow "next" links from a listing; return every article link seen and the page count."""
    seen: list[str] = []
    url: str | None = first_url
    pages = 0
    while url:
        page = text_of(web, url)
        pages += 1
        seen += [
            html.unescape(u) for u in re.findall(r'<h[23] class="[^"]*title[^"]*"><a href="([^"]+)"', page)
        ]
        nxt = re.search(r'<a class="next" href="([^"]+)"', page)
        url = None
        if nxt:
            target = html.unescape(nxt.group(1))
            url = (
                target
                if target.startswith("http")
                else first_url.split("/", 3)[0] + "//" + first_url.split("/")[2] + target
            )
    return seen, pages


@pytest.mark.parametrize(
    "outlet,first",
    [("rafidain", f"http://{RAFIDAIN}/section/politics"), ("jisr", f"http://{JISR}/category/politics/")],
)
def test_section_pagination_lists_each_article_once(real: DemoWeb, outlet: str, first: str) -> None:
    expected = [
        a.url
        for a in sorted(real.articles, key=lambda a: (a.published_at, a.id), reverse=True)
        if a.outlet == outlet and a.section == "politics"
    ]
    seen, pages = _walk_pages(real, first)
    assert seen == expected
    size = real.data.sites[outlet].page_size
    assert pages == max(1, math.ceil(len(expected) / size))
    assert fetch(real, first + ("?page=99" if outlet == "rafidain" else "page/99/"))[0] == 404


def test_wadi_section_listing_pages(real: DemoWeb) -> None:
    site = real.data.sites["wadi"]
    wanted = {a.id for a in real.articles if a.outlet == "wadi" and a.section == "politics"}
    got: set[int] = set()
    for n in range(1, math.ceil(len(wanted) / site.page_size) + 1):
        page = text_of(real, f"http://{WADI}/section.php?s=1&page={n}")
        got |= {
            int(i) for i in re.findall(r'<a href="news\.php\?id=(\d+)"><b>', page.split("الأكثر قراءة")[0])
        }
    assert got == wanted


def test_pages_are_deterministic(real: DemoWeb) -> None:
    """Same files, same bytes: a second server over the same root answers identically."""
    urls = [a.url for a in real.articles[:: max(1, len(real.articles) // 8)]]
    urls += [f"http://{JISR}/feed/", f"http://{RAFIDAIN}/sitemap.xml", f"http://{WADI}/", f"http://{WAKALA}/"]
    with DemoWeb(real.root, today=lambda: TODAY) as other:
        for url in urls:
            assert fetch(real, url)[2] == fetch(other, url)[2], url


# ------------------------------------------------------------------------------------ exact checks


def test_host_header_mode_equals_proxy_mode(mini: DemoWeb) -> None:
    url = article(mini, "jisr", "test-announce").url
    via_proxy, direct = fetch(mini, url), fetch(mini, url, direct=True)
    assert via_proxy[0] == direct[0] == 200
    assert via_proxy[2] == direct[2]


def test_unknown_host_is_502_and_unknown_path_404(mini: DemoWeb) -> None:
    status, _h, body = fetch(mini, "http://nowhere.example/x")
    assert status == 502 and b"nowhere.example" in body
    for url in (f"http://{RAFIDAIN}/no/such/page", f"http://{WADI}/news.php?id=99999", f"http://{JISR}/?p=1"):
        status, headers, body = fetch(mini, url)
        assert status == 404 and headers.get_content_type() == "text/html", url


def test_request_log_records_host_path_status_agent(mini: DemoWeb) -> None:
    mini.clear_log()
    fetch(mini, f"http://{WAKALA}/robots.txt", headers={"User-Agent": "tarikh-test/1"})
    fetch(mini, f"http://{WAKALA}/missing", headers={"User-Agent": "tarikh-test/1"})
    log = mini.request_log
    assert (WAKALA, "/robots.txt", 200, "tarikh-test/1") in log
    assert (WAKALA, "/missing", 404, "tarikh-test/1") in log


def test_jisr_shortlink_redirects_to_pretty_url(mini: DemoWeb) -> None:
    a = article(mini, "jisr", "test-announce")
    assert a.url == f"http://{JISR}/2024/01/25/test-announce/"
    status, headers, _ = fetch(mini, f"http://{JISR}/?p=2001", follow=False)
    assert status == 301 and headers["Location"] == a.url
    status, headers, _ = fetch(mini, a.url.rstrip("/"), follow=False)
    assert status == 301 and headers["Location"] == a.url


def test_jisr_amp_and_canonical_links(mini: DemoWeb) -> None:
    a = article(mini, "jisr", "test-announce")
    main = text_of(mini, a.url)
    assert f'<link rel="amphtml" href="{a.url}amp/">' in main
    amp = text_of(mini, a.url + "amp/")
    assert "<html amp" in amp
    assert f'<link rel="canonical" href="{a.url}">' in amp


def test_jisr_utc_meta_and_local_time(mini: DemoWeb) -> None:
    page = text_of(mini, article(mini, "jisr", "test-announce").url)
    assert '<meta property="article:published_time" content="2024-01-25T09:08:00+00:00">' in page
    assert (
        '<time class="entry-date published" datetime="2024-01-25T12:08:00+03:00">25 كانون الثاني 2024</time>'
        in page
    )
    assert 'class="comment' not in page or "comment-metadata" in page


def test_jisr_tag_archive_with_arabic_slug(mini: DemoWeb) -> None:
    page = text_of(
        mini,
        f"http://{JISR}/tag/%d8%a7%d9%84%d8%aa%d8%ad%d8%a7%d9%84%d9%81-%d8%a7%d9%84%d8%af%d9%88%d9%84%d9%8a/",
    )
    listing = page.split('<aside id="secondary"')[0]
    assert article(mini, "jisr", "test-announce").url in listing
    assert article(mini, "jisr", "test-yemen").url not in listing


def test_rafidain_jsonld_blocks(mini: DemoWeb) -> None:
    a = article(mini, "rafidain", "test-letter")
    page = text_of(mini, a.url)
    blocks = [
        json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    ]
    graph = next(b["@graph"] for b in blocks if "@graph" in b)
    assert {n["@type"] for n in graph} == {"WebPage", "NewsArticle", "Organization"}
    assert any(b.get("@type") == "BreadcrumbList" for b in blocks)
    news = next(n for n in graph if n["@type"] == "NewsArticle")
    # id 1005 is a multiple of 3: Eastern Arabic digits, the same instant once folded.
    assert news["datePublished"] == "٢٠٢٤-٠١-٢٤T١٩:٣٠:٠٠+٠٣:٠٠"
    assert datetime.fromisoformat(to_ascii_digits(news["datePublished"])) == a.published_at
    assert article(mini, "rafidain", "test-match").url in page.split("اقرأ أيضا")[1]


def test_wadi_bytes_are_windows_1256(mini: DemoWeb) -> None:
    a = article(mini, "wadi", "test-prices")  # not the lowest id: full charset header
    status, headers, body = fetch(mini, a.url)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=windows-1256"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    text = body.decode("windows-1256")
    assert a.title in text
    assert '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">' in text
    assert "الثلاثاء 2 رمضان 1445 هـ - الموافق 12 آذار 2024 م" in text  # Umm al-Qura: 1 Ramadan = 11 March
    assert f'href="print.php?id={a.id}"' in text


def test_wadi_bare_content_type_pages(mini: DemoWeb) -> None:
    lowest = article(mini, "wadi", "test-first-round")
    for url in (lowest.url, f"http://{WADI}/print.php?id=302"):
        status, headers, body = fetch(mini, url)
        assert status == 200 and headers["Content-Type"] == "text/html"
        assert b'charset=windows-1256">' in body
    text = fetch(mini, lowest.url)[2].decode("windows-1256")
    assert "الخميس 13 رجب 1445 هـ - الموافق 25 كانون الثاني 2024 م" in text


def test_wadi_masthead_shows_today_and_etag_ignores_it(mini_root: Path, mini: DemoWeb) -> None:
    url = article(mini, "wadi", "test-prices").url
    status, headers, body = fetch(mini, url)
    assert "الأحد 19 جمادى الآخرة 1448 هـ - الموافق 29 تشرين الثاني 2026 م" in body.decode("windows-1256")
    assert headers["ETag"].startswith('W/"')
    with DemoWeb(mini_root, today=lambda: date(2025, 6, 1)) as other:
        status2, headers2, body2 = fetch(other, url)
    assert status2 == 200 and body2 != body and headers2["ETag"] == headers["ETag"]
    assert fetch(mini, url, headers={"If-None-Match": headers["ETag"]})[0] == 304
    assert "1 حزيران 2025" in body2.decode("windows-1256")


def test_wakala_dateline_maghrebi(mini: DemoWeb) -> None:
    page = text_of(mini, article(mini, "wakala", "test-talks").url)
    assert '<div class="dateline">الخميس 25 جانفي 2024 - 13:05 بتوقيت غرينتش+1</div>' in page


def test_conditional_get_304(mini: DemoWeb) -> None:
    url = article(mini, "rafidain", "test-letter").url
    status, headers, _ = fetch(mini, url)
    etag, last = headers["ETag"], headers["Last-Modified"]
    assert (
        status == 200
        and etag
        and parsedate_to_datetime(last) == article(mini, "rafidain", "test-letter").published_at
    )
    status, _h, body = fetch(mini, url, headers={"If-None-Match": etag})
    assert status == 304 and body == b""
    assert fetch(mini, url, headers={"If-Modified-Since": last})[0] == 304
    assert fetch(mini, url, headers={"If-None-Match": '"other"'})[0] == 200
    assert fetch(mini, url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 200


# ------------------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    "text,field",
    [
        (MINI_ARTICLES["jisr/test-yemen"].replace('title = "', 'titel = "'), "titel"),
        (MINI_ARTICLES["jisr/test-yemen"].replace('section = "world"', 'section = "weather"'), "section"),
        (MINI_ARTICLES["jisr/test-yemen"].replace("T09:15:00+03:00", "T09:15:00"), "published"),
        (MINI_ARTICLES["jisr/test-yemen"].replace("relevant = false", 'relevant = "no"'), "relevant"),
        (MINI_ARTICLES["jisr/test-yemen"] + 'related = ["missing-slug"]\n', "related"),
        (MINI_ARTICLES["jisr/test-yemen"].replace('slug = "test-yemen"', 'slug = "other"'), "slug"),
        (MINI_ARTICLES["jisr/test-yemen"] + 'facts = ["24 Jan"]\n', "facts"),
    ],
)
def test_bad_article_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    root = make_root(tmp_path, {"jisr/test-yemen": text})
    with pytest.raises(DemoDataError) as info:
        DemoWeb(root)
    assert info.value.field == field
    assert info.value.path == root / "articles" / "jisr" / "test-yemen.toml"
    assert "test-yemen.toml" in str(info.value) and field in str(info.value)


def test_bad_site_file_names_field(tmp_path: Path) -> None:
    root = make_root(tmp_path, {})
    site = root / "sites" / "wakala.toml"
    site.write_text(
        site.read_text(encoding="utf-8").replace('kind = "wire"', 'kind = "blog"'), encoding="utf-8"
    )
    with pytest.raises(DemoDataError, match=r"wakala\.toml: field 'kind'"):
        DemoWeb(root)


def test_duplicate_ids_rejected(tmp_path: Path) -> None:
    clash = MINI_ARTICLES["jisr/test-yemen"].replace('slug = "test-yemen"', 'slug = "test-clash"')
    root = make_root(
        tmp_path, {"jisr/test-yemen": MINI_ARTICLES["jisr/test-yemen"], "jisr/test-clash": clash}
    )
    with pytest.raises(DemoDataError, match="id 2002"):
        DemoWeb(root)


# ------------------------------------------------------------------------------------ standalone


def test_python_m_tarikh_demo_prints_proxy_and_curl(mini_root: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tarikh.demo", "--root", str(mini_root), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(7)]
        proxy = next(line.split(": ", 1)[1].strip() for line in lines if line.startswith("proxy URL:"))
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", proxy)
        assert any(line.startswith(f"try: curl -x {proxy} ") for line in lines)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy}))
        with opener.open(f"http://{JISR}/robots.txt", timeout=10) as resp:
            assert resp.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_python_m_tarikh_demo_bad_root(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tarikh.demo", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 2 and "sites" in done.stderr


def test_lookup_by_canonical_and_alternate_url(mini: DemoWeb) -> None:
    a = article(mini, "wadi", "test-first-round")
    assert mini.lookup(a.url) is a
    assert mini.lookup(f"http://{WADI}/print.php?id=301") is a
    assert mini.lookup(f"http://{WADI}/news.php?id=999") is None


@pytest.mark.parametrize(
    "edit,path_suffix,field",
    [
        (lambda root: (root / "sites" / "jisr" / "amp.html").unlink(), "jisr/amp.html", None),
        (
            lambda root: (root / "sites" / "wadi.toml").write_text(
                (root / "sites" / "wadi.toml")
                .read_text(encoding="utf-8")
                .replace("most_read = 5", "most_red = 5"),
                encoding="utf-8",
            ),
            "wadi.toml",
            "options.most_red",
        ),
        (
            lambda root: (root / "sites" / "wakala.toml").write_text(
                (root / "sites" / "wakala.toml")
                .read_text(encoding="utf-8")
                .replace("{month_maghrebi}", "{month_french}"),
                encoding="utf-8",
            ),
            "wakala.toml",
            "formats.article_date",
        ),
    ],
)
def test_bad_outlet_data_names_file(tmp_path: Path, edit, path_suffix: str, field: str | None) -> None:  # type: ignore[no-untyped-def]
    root = make_root(tmp_path, {})
    edit(root)
    with pytest.raises(DemoDataError) as info:
        DemoWeb(root)
    assert str(info.value.path).endswith(path_suffix) and info.value.field == field


def test_listings_say_what_they_are(mini: DemoWeb) -> None:
    """Modern kinds mark archive and home pages (canonical, og:type website); the legacy kind does not."""
    for url, canonical in (
        (f"http://{WAKALA}/ar/", f"http://{WAKALA}/"),
        (f"http://{JISR}/category/politics/", f"http://{JISR}/category/politics/"),
        (f"http://{RAFIDAIN}/section/politics?page=1", f"http://{RAFIDAIN}/section/politics"),
    ):
        page = text_of(mini, url)
        assert f'<link rel="canonical" href="{canonical}">' in page, url
        assert '<meta property="og:type" content="website">' in page, url
        assert '"@type": "CollectionPage"' in page, url
    wadi_listing = text_of(mini, f"http://{WADI}/section.php?s=1")
    assert "og:type" not in wadi_listing
    # one <title> pattern per site, articles and listings alike (extractors learn the site name from it)
    assert "<title>وادي برس - أخبار سياسية</title>" in wadi_listing
    assert f"<title>وادي برس - {article(mini, 'wadi', 'test-prices').title}</title>" in text_of(
        mini, article(mini, "wadi", "test-prices").url
    )


def test_no_dead_internal_links(real: DemoWeb) -> None:
    """Every same-site <a href> reachable from the home pages answers (robots-disallowed paths aside)."""
    from urllib.parse import urljoin, urlsplit

    robots: dict[str, RobotFileParser] = {}
    for host in real.hosts:
        parser = RobotFileParser()
        parser.parse(text_of(real, f"http://{host}/robots.txt").splitlines())
        robots[host] = parser
    queue = [f"http://{host}/" for host in real.hosts]
    seen = set(queue)
    dead = []
    while queue and len(seen) < 3000:
        url = queue.pop()
        status, headers, body = fetch(real, url, follow=False)
        if status in (301, 302):
            target = headers["Location"]
            if urlsplit(target).hostname in robots and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if status != 200:
            dead.append((url, status))
            continue
        if headers.get_content_type() != "text/html":
            continue
        page = body.decode(headers.get_content_charset() or "windows-1256")
        for href in re.findall(r'<a [^>]*href="([^"]+)"', page):
            link = urljoin(url, html.unescape(href)).split("#")[0]
            parts = urlsplit(link)
            if parts.hostname not in robots or not robots[parts.hostname].can_fetch("tarikh", link):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert not dead, dead
    assert {a.url for a in real.articles} <= seen  # every article is linked from somewhere


def test_static_pages_authors_and_share_links(mini: DemoWeb) -> None:
    assert "من نحن" in text_of(mini, f"http://{RAFIDAIN}/about")
    post = article(mini, "jisr", "test-announce")
    page = text_of(mini, post.url)
    author = re.search(r'<a class="url fn n" href="([^"]+)">ليلى الحسن</a>', page)
    assert author is not None
    assert post.url in text_of(mini, author.group(1)).split('<aside id="secondary"')[0]
    status, headers, _ = fetch(mini, post.url + "?share=facebook", follow=False)
    assert status == 302 and headers["Location"].startswith(
        "https://www.facebook.com/sharer.php?u=http%3A%2F%2F"
    )
