"""The four page structures of the demo web (see ``demo/FORMAT.md``), one :class:`Outlet` each.

* :class:`ModernOutlet`: JSON-LD heavy (``@graph`` + BreadcrumbList, Eastern digits in some dates),
  sitemap index -> monthly sitemaps and a Google News sitemap, ``/section/<key>?page=N``.
* :class:`WordPressOutlet`: Yoast-like UTC meta beside a local ``<time>``, RSS ``/feed/``, category and
  tag archives with ``/page/N/``, ``/?p=ID`` shortlinks, AMP copies, comments.
* :class:`LegacyOutlet`: HTML 4 tables in windows-1256, visible Hijri + Gregorian date line only,
  ``news.php?id=N``, ``print.php``, ``section.php?s=N&page=N``, today's date in the masthead.
* :class:`WireOutlet`: plain agency pages, Google News sitemap, Maghrebi month names.

Why these: they are the structures the extractor and the crawler must survive on real Arabic outlets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from tarikh.demo.common import XML_HEAD, Common, jsonld, news_sitemap
from tarikh.demo.dateformat import iso
from tarikh.demo.model import DemoArticle
from tarikh.demo.render import Outlet, Page, Query, esc, int_param
from tarikh.demo.wordpress import WordPressOutlet

# ----------------------------------------------------------------------------------- modern


class ModernOutlet(Common):
    """A modern news site whose dates live in JSON-LD; discovery through sitemaps."""

    title_pattern = "{page} | {site}"

    def add_routes(self) -> None:
        self.routes += [
            (re.compile(r"^/$"), lambda m, q: self.home()),
            (re.compile(r"^/section/(?P<key>[a-z0-9-]+)/?$"), self.section_page),
            (re.compile(r"^/news/(?P<id>\d+)/(?P<slug>[a-z0-9-]+)/?$"), self.article_page),
            (re.compile(r"^/sitemap\.xml$"), lambda m, q: self.sitemap_index()),
            (re.compile(r"^/sitemaps/(?P<month>\d{4}-\d{2})\.xml$"), self.sitemap_month),
            (re.compile(r"^/news-sitemap\.xml$"), lambda m, q: self.news_sitemap()),
            (
                re.compile(r"^/search/?$"),
                lambda m, q: self.message(200, "البحث", "اكتب كلمة البحث في الخانة أعلى الصفحة."),
            ),
        ]

    def article_path(self, a: DemoArticle) -> str:
        return f"/news/{a.id}/{a.slug}"

    def section_path(self, key: str, page: int = 1) -> str:
        return f"/section/{key}" + (f"?page={page}" if page > 1 else "")

    def robots_lines(self) -> list[str]:
        base = self.site.base_url
        return [
            "User-agent: *",
            "Disallow: /search",
            "Disallow: /api/",
            "",
            f"Sitemap: {base}/sitemap.xml",
            f"Sitemap: {base}/news-sitemap.xml",
        ]

    def home(self) -> Page:
        main = self.fill(
            "home",
            top="\n".join(self.card(a) for a in self.articles[: self.site.page_size]),
            blocks=self.section_blocks(),
        )
        return self.html_page(
            200,
            self.layout(
                f"{self.site.name} | {self.site.tagline}",
                main,
                head=self.listing_head(self.site.name, 1, 1, lambda n: "/"),
                body_class="home",
            ),
        )

    def section_page(self, m: re.Match[str], q: Query) -> Page:
        section, page = self.site.section(m["key"]), self.page_number(q)
        if section is None or page is None:
            return self.not_found()
        return self.listing(
            section.label, self.in_section(section.key), page, lambda n: self.section_path(section.key, n)
        )

    def aside(self, current: DemoArticle | None) -> str:
        items = "\n".join(
            f'    <li><a href="{esc(self.url(a))}">{esc(a.title)}</a> <time datetime="{esc(iso(a.published_at))}">'
            f"{esc(self.fmt('listing_date', a.published_at))}</time></li>"
            for a in self.most_read(current, self.option("most_read", 5))
        )
        return self.fill("aside", items=items)

    def jsonld_blocks(self, a: DemoArticle) -> str:
        base, url = self.site.base_url, self.url(a)
        section = self.site.section(a.section)
        assert section is not None
        every = self.option("jsonld_eastern_every", 0)
        eastern = bool(every) and a.id % every == 0
        article: dict[str, object] = {
            "@type": "NewsArticle",
            "@id": f"{url}#article",
            "headline": a.title,
            "description": a.lead or self.excerpt(a),
            "datePublished": iso(a.published_at, eastern),
            "dateModified": iso(a.modified_at or a.published_at, eastern),
            "articleSection": section.label,
            "inLanguage": "ar",
            "isPartOf": {"@id": f"{url}#webpage"},
            "mainEntityOfPage": {"@id": f"{url}#webpage"},
            "publisher": {"@id": f"{base}/#organization"},
            "image": {
                "@type": "ImageObject",
                "url": f"{base}/media/{a.id}/main.jpg",
                "width": 1200,
                "height": 675,
            },
        }
        if a.author:
            article["author"] = {"@type": "Person", "name": a.author}
        else:
            article["author"] = {"@id": f"{base}/#organization"}
        if a.tags:
            article["keywords"] = ", ".join(a.tags)
        graph = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "WebPage",
                    "@id": f"{url}#webpage",
                    "url": url,
                    "name": a.title,
                    "inLanguage": "ar",
                    "breadcrumb": {"@id": f"{url}#breadcrumb"},
                },
                article,
                {
                    "@type": "Organization",
                    "@id": f"{base}/#organization",
                    "name": self.site.name,
                    "url": f"{base}/",
                    "logo": {"@type": "ImageObject", "url": f"{base}/static/img/logo.png"},
                },
            ],
        }
        crumbs = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "@id": f"{url}#breadcrumb",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "الرئيسية", "item": f"{base}/"},
                {
                    "@type": "ListItem",
                    "position": 2,
                    "name": section.label,
                    "item": base + self.section_path(a.section),
                },
                {"@type": "ListItem", "position": 3, "name": a.title},
            ],
        }
        return "\n".join(f'<script type="application/ld+json">{jsonld(b)}</script>' for b in (graph, crumbs))

    def article_page(self, m: re.Match[str], q: Query) -> Page:
        a = self.by_id.get(int(m["id"]))
        if a is None:
            return self.not_found()
        if m["slug"] != a.slug or m.group(0).endswith("/"):
            return self.redirect(self.article_path(a))
        section = self.site.section(a.section)
        assert section is not None
        url = self.url(a)
        head = "\n".join(
            [
                f'<link rel="canonical" href="{esc(url)}">',
                f'<meta name="description" content="{esc(a.lead or self.excerpt(a))}">',
                '<meta property="og:type" content="article">',
                f'<meta property="og:title" content="{esc(a.title)}">',
                f'<meta property="og:url" content="{esc(url)}">',
                f'<meta property="og:site_name" content="{esc(self.site.name)}">',
                f'<meta property="og:image" content="{esc(self.site.base_url)}/media/{a.id}/main.jpg">',
                '<meta name="twitter:card" content="summary_large_image">',
                self.jsonld_blocks(a),
            ]
        )
        updated = ""
        if a.modified_at and a.modified_at != a.published_at:
            updated = f'<span class="article__updated">آخر تحديث: {esc(self.fmt("article_date", a.modified_at))}</span>'
        main = self.fill(
            "article",
            id=str(a.id),
            title=esc(a.title),
            lead=f'<p class="article__lead">{esc(a.lead)}</p>' if a.lead else "",
            author=f'<span class="article__author">{esc(a.author)}</span>' if a.author else "",
            date_text=esc(self.fmt("article_date", a.published_at)),
            updated=updated,
            url=esc(url),
            url_q=esc(quote(url, safe="")),
            section_url=esc(self.site.base_url + self.section_path(a.section)),
            section_label=esc(section.label),
            body=self.paragraphs_html(a),
            source=self.source_line(a),
            tags=self.tags_html(a),
            related=self.related_items(a),
        )
        page = self.layout(
            self.page_title(a.title), main, head=head, aside=self.aside(a), body_class="article-page"
        )
        return self.html_page(200, page, article=a)

    def _months(self) -> dict[str, list[DemoArticle]]:
        months: dict[str, list[DemoArticle]] = {}
        for a in self.articles:
            months.setdefault(a.published_at.strftime("%Y-%m"), []).append(a)
        return months

    def sitemap_index(self) -> Page:
        base = self.site.base_url
        entries = []
        for month, items in sorted(self._months().items(), reverse=True):
            last = max(a.last_modified for a in items)
            entries.append(
                f"  <sitemap><loc>{base}/sitemaps/{month}.xml</loc><lastmod>{iso(last)}</lastmod></sitemap>"
            )
        if self.articles:
            last = max(a.last_modified for a in self.articles)
            entries.append(
                f"  <sitemap><loc>{base}/news-sitemap.xml</loc><lastmod>{iso(last)}</lastmod></sitemap>"
            )
        xml = (
            XML_HEAD
            + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries)
            + "\n</sitemapindex>\n"
        )
        return self.xml_page(xml)

    def sitemap_month(self, m: re.Match[str], q: Query) -> Page:
        items = self._months().get(m["month"])
        if not items:
            return self.not_found()
        entries = [
            f"  <url><loc>{xml_escape(self.url(a))}</loc><lastmod>{iso(a.last_modified)}</lastmod>"
            "<changefreq>monthly</changefreq></url>"
            for a in items
        ]
        xml = (
            XML_HEAD
            + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(entries)
            + "\n</urlset>\n"
        )
        return self.xml_page(xml, max(a.last_modified for a in items))

    def news_sitemap(self) -> Page:
        return news_sitemap(self, self.articles[: self.option("news_sitemap_size", 50)])


# ----------------------------------------------------------------------------------- legacy


class LegacyOutlet(Common):
    """An old PHP site: tables, windows-1256 bytes, ``news.php?id=N``; dates only as Arabic text."""

    title_pattern = "{site} - {page}"

    def add_routes(self) -> None:
        self.routes += [
            (re.compile(r"^/(?:index\.php)?$"), lambda m, q: self.home()),
            (re.compile(r"^/news\.php$"), lambda m, q: self.news(q, printable=False)),
            (re.compile(r"^/print\.php$"), lambda m, q: self.news(q, printable=True)),
            (re.compile(r"^/section\.php$"), self.section_page),
        ]

    def article_path(self, a: DemoArticle) -> str:
        return f"/news.php?id={a.id}"

    def alternate_paths(self, a: DemoArticle) -> list[str]:
        return [f"/print.php?id={a.id}"]

    def section_path(self, key: str, page: int = 1) -> str:
        section = self.site.section(key)
        assert section is not None
        return f"/section.php?s={section.id}" + (f"&page={page}" if page > 1 else "")

    def nav(self) -> str:
        return "".join(f' | <a href="section.php?s={s.id}">{esc(s.label)}</a>' for s in self.site.sections)

    def robots_lines(self) -> list[str]:
        return ["User-agent: *", "Disallow: /print.php", "Disallow: /admin/", "Disallow: /sendfriend.php"]

    def listing_head(self, title: str, page: int, pages: int, path_of: Callable[[int], str]) -> str:
        return ""  # an HTML 4 era site says nothing about its pages in the head

    def bare_ids(self) -> set[int]:
        ids = self.site.options.get("bare_content_type_ids") or []
        if not ids and self.articles:
            ids = [min(a.id for a in self.articles)]
        return {i for i in ids if isinstance(i, int)}

    def card(self, a: DemoArticle, variant: str = "card") -> str:
        excerpt = "" if variant == "mini" else esc(self.excerpt(a, 18))
        return self.fill(
            "card",
            id=str(a.id),
            title=esc(a.title),
            date_text=esc(self.fmt("listing_date", a.published_at)),
            excerpt=excerpt,
        )

    def html_page(
        self,
        status: int,
        text: str,
        *,
        article: DemoArticle | None = None,
        content_type: str | None = None,
        etag: bool = False,
    ) -> Page:
        page = super().html_page(status, text, article=article, content_type=content_type, etag=etag)
        page.headers["X-Powered-By"] = "PHP/5.2.17"
        return page

    def home(self) -> Page:
        main = self.fill(
            "home",
            items="\n".join(self.card(a) for a in self.articles[: self.site.page_size]),
            blocks="",
        )
        return self.html_page(200, self.layout(f"{self.site.name} - {self.site.tagline}", main))

    def section_page(self, m: re.Match[str], q: Query) -> Page:
        sid, page = int_param(q, "s"), self.page_number(q)
        section = self.site.section_by_id(sid) if sid is not None else None
        if section is None or page is None:
            return self.not_found()
        return self.listing(
            section.label, self.in_section(section.key), page, lambda n: self.section_path(section.key, n)
        )

    def news(self, q: Query, printable: bool) -> Page:
        aid = int_param(q, "id")
        a = self.by_id.get(aid) if aid is not None else None
        if a is None:
            return self.not_found()
        body = "\n".join(f"{esc(p)}<br><br>" for p in a.paragraphs)
        lead = f"<b>{esc(a.lead)}</b><br><br>" if a.lead else ""
        date_text = esc(self.fmt("article_date", a.published_at))
        bare = "text/html"
        if printable:
            text = self.fill(
                "print", title=esc(a.title), date_text=date_text, lead=lead, body=body, url=esc(self.url(a))
            )
            return self.html_page(200, text, article=a, content_type=bare)
        related = "\n".join(
            f'  <tr><td><font face="Tahoma" size="2">- <a href="news.php?id={r.id}">{esc(r.title)}</a></font></td></tr>'
            for r in self.related(a)
        )
        section = self.site.section(a.section)
        assert section is not None
        main = self.fill(
            "article",
            id=str(a.id),
            section_id=str(section.id),
            section_label=esc(section.label),
            title=esc(a.title),
            date_text=date_text,
            author=f'<font face="Tahoma" size="2"><b>{esc(a.author)}</b></font>' if a.author else "",
            lead=lead,
            body=body,
            source=self.source_line(a),
            related=related,
        )
        ctype = bare if a.id in self.bare_ids() else None
        page = self.layout(self.page_title(a.title), main, aside=self.aside(a))
        return self.html_page(200, page, article=a, content_type=ctype)


# ----------------------------------------------------------------------------------- wire


class WireOutlet(Common):
    """A wire agency: plain pages with a dateline in Maghrebi month names, a Google News sitemap."""

    block_wrap = ('<ul class="news-list">\n', "\n</ul>")

    def add_routes(self) -> None:
        self.routes += [
            (re.compile(r"^/(?:ar/?)?$"), lambda m, q: self.home()),
            (re.compile(r"^/ar/section/(?P<key>[a-z0-9-]+)/?$"), self.section_page),
            (re.compile(r"^/ar/news/(?P<id>\d+)/(?P<slug>[a-z0-9-]+)\.html$"), self.article_page),
            (re.compile(r"^/news-sitemap\.xml$"), lambda m, q: news_sitemap(self, self.articles)),
        ]

    def article_path(self, a: DemoArticle) -> str:
        return f"/ar/news/{a.id}/{a.slug}.html"

    def section_path(self, key: str, page: int = 1) -> str:
        return f"/ar/section/{key}" + (f"?page={page}" if page > 1 else "")

    def robots_lines(self) -> list[str]:
        return [
            "User-agent: *",
            "Disallow: /ar/search",
            "",
            f"Sitemap: {self.site.base_url}/news-sitemap.xml",
        ]

    def home(self) -> Page:
        main = self.fill(
            "home",
            items="\n".join(self.card(a) for a in self.articles[: self.site.page_size]),
            blocks=self.section_blocks(),
        )
        head = self.listing_head(self.site.name, 1, 1, lambda n: "/")
        return self.html_page(200, self.layout(self.site.name, main, head=head))

    def aside(self, current: DemoArticle | None) -> str:
        items = "\n".join(self.card(a) for a in self.articles[:5] if a is not current)
        return self.fill("aside", items=items)

    def section_page(self, m: re.Match[str], q: Query) -> Page:
        section, page = self.site.section(m["key"]), self.page_number(q)
        if section is None or page is None:
            return self.not_found()
        return self.listing(
            section.label, self.in_section(section.key), page, lambda n: self.section_path(section.key, n)
        )

    def article_page(self, m: re.Match[str], q: Query) -> Page:
        a = self.by_id.get(int(m["id"]))
        if a is None:
            return self.not_found()
        if a.slug != m["slug"]:
            return self.redirect(self.article_path(a))
        section = self.site.section(a.section)
        assert section is not None
        url = self.url(a)
        head = "\n".join(
            [
                f'<link rel="canonical" href="{esc(url)}">',
                f'<meta property="og:title" content="{esc(a.title)}">',
                f'<meta property="og:site_name" content="{esc(self.site.name)}">',
            ]
        )
        main = self.fill(
            "article",
            id=str(a.id),
            section_url=esc(self.site.base_url + self.section_path(a.section)),
            section_label=esc(section.label),
            title=esc(a.title),
            date_text=esc(self.fmt("article_date", a.published_at)),
            lead=self.lead_html(a),
            body=self.paragraphs_html(a),
            tags=self.tags_html(a),
            related=self.related_items(a),
        )
        return self.html_page(
            200, self.layout(self.page_title(a.title), main, head=head, aside=self.aside(a)), article=a
        )


OUTLET_KINDS: dict[str, type[Outlet]] = {
    "modern": ModernOutlet,
    "wordpress": WordPressOutlet,
    "legacy": LegacyOutlet,
    "wire": WireOutlet,
}
