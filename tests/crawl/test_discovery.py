"""Discovery parsing: sitemaps (news dates kept), feeds, links, URL dates and canonical URLs."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime

from tarikh.crawl.discovery import (
    DocKind,
    canonicalize,
    classify,
    html_links,
    outside_window,
    parse_feed,
    parse_sitemap,
    url_date_range,
)

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://n.example/a/old</loc><lastmod>2024-01-20</lastmod></url>
  <url><loc>https://n.example/a/new</loc>
    <news:news><news:publication><news:name>N</news:name><news:language>ar</news:language></news:publication>
      <news:publication_date>2024-01-25T10:30:00+03:00</news:publication_date>
      <news:title>\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86</news:title></news:news></url>
</urlset>"""


def test_news_sitemap_keeps_publication_date_and_sorts_newest_first() -> None:
    found = parse_sitemap(NEWS_SITEMAP, "https://n.example/sitemap.xml")
    assert found.kind is DocKind.SITEMAP
    first, second = found.pages
    assert first.url == "https://n.example/a/new"
    assert first.source == "news-sitemap"
    assert first.published == datetime.fromisoformat("2024-01-25T10:30:00+03:00")
    assert first.title == "عنوان"
    assert second.published is None and second.lastmod == datetime(2024, 1, 20, tzinfo=UTC)


def test_sitemap_index_gzipped() -> None:
    body = gzip.compress(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/s-2024-01.xml</loc></sitemap><sitemap><loc>/s-2024-02.xml.gz</loc></sitemap>"
        b"</sitemapindex>"
    )
    assert classify(body) is DocKind.SITEMAP_INDEX
    found = parse_sitemap(body, "https://n.example/sitemap.xml.gz")
    assert found.documents == ["https://n.example/s-2024-01.xml", "https://n.example/s-2024-02.xml.gz"]


def test_rss_and_atom() -> None:
    rss = (
        b"<rss version='2.0'><channel><item><title>t</title><link>https://j.example/2024/01/24/x/</link>"
        b"<pubDate>Wed, 24 Jan 2024 09:15:00 +0000</pubDate></item></channel></rss>"
    )
    assert classify(rss, "application/rss+xml") is DocKind.FEED
    (item,) = parse_feed(rss, "https://j.example/feed/").pages
    assert item.published == datetime(2024, 1, 24, 9, 15, tzinfo=UTC) and item.source == "feed"
    atom = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>t</title>"
        b"<link rel='alternate' href='/p/1'/><published>2024-01-24T12:00:00+03:00</published></entry></feed>"
    )
    (entry,) = parse_feed(atom, "https://a.example/atom").pages
    assert entry.url == "https://a.example/p/1"
    assert entry.published == datetime.fromisoformat("2024-01-24T12:00:00+03:00")


def test_broken_xml_gives_nothing_not_an_exception() -> None:
    assert parse_sitemap(b"<urlset><url><loc>", "https://x.example/").pages == []
    assert parse_feed(b"\x00\x01garbage", "https://x.example/").pages == []


def test_canonicalize() -> None:
    assert canonicalize("HTTP://News.Example:80/a%2fb?utm_source=x&b=2&a=1#top") == "http://news.example/a%2Fb?a=1&b=2"
    assert canonicalize("https://n.example") == "https://n.example/"
    assert canonicalize("https://n.example/x?fbclid=1") == "https://n.example/x"


def test_html_links() -> None:
    page = (
        "<html><body><a href='/2024/01/24/a/#c'>a</a><a href='https://x.example/b?utm_medium=m'>b</a>"
        "<a href='/img.jpg'>i</a><a href='mailto:x@y'>m</a><a href='/2024/01/24/a/'>dup</a>"
        "<link rel='next' href='?page=2'></body></html>"
    )
    assert html_links(page.encode(), "https://x.example/section/") == [
        "https://x.example/2024/01/24/a/",
        "https://x.example/b",
        "https://x.example/section/?page=2",
    ]
    assert html_links(b"", "https://x.example/") == []


def test_html_links_from_bytes_with_the_charset_after_the_title() -> None:
    # Nuxt's vue-meta prints <title> before <meta charset>: libxml2 alone reads UTF-8 as Latin-1
    page = (
        "<html><head><title>رواتب الموظفين</title><meta data-n-head='ssr' charset='utf-8'></head>"
        "<body><a href='/ar/tag/رواتب'>رواتب</a></body></html>"
    )
    assert html_links(page.encode(), "https://x.example/") == ["https://x.example/ar/tag/رواتب"]


def test_url_dates_and_window() -> None:
    assert url_date_range("https://x.example/2024/1/25/slug") == (date(2024, 1, 25), date(2024, 1, 25))
    assert url_date_range("https://x.example/2024/02/slug") == (date(2024, 2, 1), date(2024, 2, 29))
    assert url_date_range("https://x.example/news/20240125-slug") == (date(2024, 1, 25), date(2024, 1, 25))
    assert url_date_range("https://x.example/news.php?id=2024") is None
    since = date(2023, 10, 1)
    assert outside_window(since, None, None, "https://x.example/2022/05/01/x/")
    assert outside_window(since, None, None, "https://x.example/2023/09/x/")
    assert not outside_window(since, None, None, "https://x.example/2023/10/x/")
    assert outside_window(since, None, datetime(2023, 9, 30, tzinfo=UTC), "https://x.example/p")
    assert not outside_window(since, None, None, "https://x.example/p")


def test_amp_copies_canonicalize_to_the_page() -> None:
    assert canonicalize("http://j.example/2024/01/24/slug/amp/") == "http://j.example/2024/01/24/slug/"
    assert canonicalize("http://j.example/news/1?amp=1") == "http://j.example/news/1"
    assert canonicalize("http://j.example/amp/") == "http://j.example/"
    assert canonicalize("http://j.example/news/campaign") == "http://j.example/news/campaign"


def test_lastmod_before_the_window_rules_out_pages_and_child_sitemaps() -> None:
    since = date(2023, 10, 1)
    old = datetime(2023, 9, 2, tzinfo=UTC)
    assert outside_window(since, None, None, "https://x.example/p", lastmod=old)
    assert not outside_window(since, None, None, "https://x.example/p", lastmod=datetime(2024, 1, 2, tzinfo=UTC))
    # lastmod never rules out a page after `until`: an old article may be edited later.
    assert not outside_window(None, date(2024, 1, 1), None, "https://x.example/p",
                              lastmod=datetime(2025, 1, 1, tzinfo=UTC))
    index = parse_sitemap(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/a.xml</loc><lastmod>2023-09-30</lastmod></sitemap>"
        b"<sitemap><loc>/b.xml</loc></sitemap></sitemapindex>",
        "https://x.example/sitemap.xml",
    )
    assert index.document_lastmod == {"https://x.example/a.xml": datetime(2023, 9, 30, tzinfo=UTC)}


def test_session_ids_are_not_new_pages() -> None:
    assert canonicalize("http://x.example/news.php?id=3&PHPSESSID=abc123") == "http://x.example/news.php?id=3"
    assert canonicalize("http://x.example/a;jsessionid=0AF3?id=1") == "http://x.example/a?id=1"
    assert canonicalize("http://x.example/section.php?s=2&page=3") == "http://x.example/section.php?page=3&s=2"


def test_calendar_query_dates_count_for_the_window() -> None:
    assert url_date_range("https://x.example/archive.php?date=2022-01-05") == (date(2022, 1, 5), date(2022, 1, 5))
    assert outside_window(date(2023, 10, 1), None, None, "https://x.example/archive?day=2022-01-05&p=2")
    assert url_date_range("https://x.example/news.php?id=2022") is None
