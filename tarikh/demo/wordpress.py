"""The WordPress-like outlet kind: Yoast UTC meta beside a local ``<time>``, RSS, archives, AMP, comments."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote
from xml.sax.saxutils import escape as xml_escape

from tarikh.demo.common import XML_HEAD, Common, jsonld
from tarikh.demo.dateformat import iso
from tarikh.demo.model import DemoArticle
from tarikh.demo.render import Page, Query, esc, int_param, paginate, tag_slug


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


class WordPressOutlet(Common):
    """A WordPress site: the meta carries UTC, the entry header local time; RSS, archives, AMP."""

    def add_routes(self) -> None:
        date_slug = r"^/(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<slug>[a-z0-9-]+)/"
        self.routes += [
            (re.compile(r"^/$"), self.home_or_shortlink),
            (re.compile(r"^/page/(?P<n>\d+)/$"), lambda m, q: self.paged("/", m, self.home)),
            (re.compile(date_slug + r"$"), lambda m, q: self.share(m, q) or self.post(m, amp=False)),
            (re.compile(date_slug + r"amp/$"), lambda m, q: self.post(m, amp=True)),
            (re.compile(r"^/category/(?P<key>[a-z0-9-]+)/$"), lambda m, q: self.category(m["key"], 1)),
            (
                re.compile(r"^/category/(?P<key>[a-z0-9-]+)/page/(?P<n>\d+)/$"),
                lambda m, q: self.paged(self.section_path(m["key"]), m, lambda n: self.category(m["key"], n)),
            ),
            (re.compile(r"^/tag/(?P<tag>[^/]+)/$"), lambda m, q: self.tag(m["tag"], 1)),
            (
                re.compile(r"^/tag/(?P<tag>[^/]+)/page/(?P<n>\d+)/$"),
                lambda m, q: self.paged(f"/tag/{tag_slug(m['tag'])}/", m, lambda n: self.tag(m["tag"], n)),
            ),
            (re.compile(r"^/feed/$"), lambda m, q: self.feed()),
            (re.compile(r"^/author/(?P<n>\d+)/$"), lambda m, q: self.author(int(m["n"]), 1)),
            (
                re.compile(r"^/author/(?P<n>\d+)/page/(?P<n2>\d+)/$"),
                lambda m, q: (
                    self.redirect(f"/author/{m['n']}/")
                    if m["n2"] == "1"
                    else self.author(int(m["n"]), int(m["n2"]))
                ),
            ),
            (re.compile(r"^(?P<path>/[^?]*[^/])$"), self.add_slash),
        ]

    def article_path(self, a: DemoArticle) -> str:
        return f"/{a.published_at:%Y/%m/%d}/{a.slug}/"

    def alternate_paths(self, a: DemoArticle) -> list[str]:
        return [f"/?p={a.id}", self.article_path(a) + "amp/"]

    def section_path(self, key: str, page: int = 1) -> str:
        return f"/category/{key}/" + (f"page/{page}/" if page > 1 else "")

    def tag_path(self, tag: str, page: int = 1) -> str:
        return f"/tag/{tag_slug(tag)}/" + (f"page/{page}/" if page > 1 else "")

    def robots_lines(self) -> list[str]:
        return ["User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]

    def add_slash(self, m: re.Match[str], q: Query) -> Page:
        """WordPress answers a pretty URL without its trailing slash with a 301 to the slashed one."""
        target = m["path"] + "/"
        for pattern, _handler in self.routes[:-1]:
            if pattern.match(target):
                return self.redirect(quote(target, safe="/%"))
        return self.not_found()

    def home_or_shortlink(self, m: re.Match[str], q: Query) -> Page:
        if "p" in q:
            pid = int_param(q, "p")
            a = self.by_id.get(pid) if pid is not None else None
            return self.redirect(self.article_path(a)) if a else self.not_found()
        return self.home(1)

    def paged(self, first: str, m: re.Match[str], render: Callable[[int], Page]) -> Page:
        """``.../page/1/`` is not a WordPress URL: it redirects to the archive's first page."""
        n = int(m["n"])
        return self.redirect(first) if n == 1 else render(n)

    def home(self, page: int) -> Page:
        def home_path(n: int) -> str:
            return "/" if n == 1 else f"/page/{n}/"

        chunk = paginate(self.articles, page, self.site.page_size)
        if chunk is None:
            return self.not_found()
        shown, pages = chunk
        main = self.fill(
            "home",
            items="\n".join(self.card(a) for a in shown),
            pagination=self.pagination(page, pages, home_path),
        )
        head = self.listing_head(self.site.name, page, pages, home_path)
        return self.html_page(
            200,
            self.layout(f"{self.site.name} - {self.site.tagline}", main, head=head, body_class="home blog"),
        )

    def category(self, key: str, page: int) -> Page:
        section = self.site.section(key)
        if section is None:
            return self.not_found()
        return self.listing(
            f"التصنيف: {section.label}", self.in_section(key), page, lambda n: self.section_path(key, n)
        )

    def authors(self) -> list[str]:
        """Author names in a fixed order; ``/author/<n>/`` is the n-th (1-based), as WordPress user ids."""
        return sorted({a.author for a in self.articles if a.author})

    def author_path(self, name: str) -> str:
        return f"/author/{self.authors().index(name) + 1}/"

    def author(self, n: int, page: int) -> Page:
        names = self.authors()
        if not 1 <= n <= len(names):
            return self.not_found()
        name = names[n - 1]
        posts = [a for a in self.articles if a.author == name]
        return self.listing(
            f"الكاتب: {name}", posts, page, lambda k: f"/author/{n}/" + (f"page/{k}/" if k > 1 else "")
        )

    def share(self, m: re.Match[str], q: Query) -> Page | None:
        """Jetpack share buttons (``?share=facebook``) answer with a redirect to the network's sharer."""
        network = (q.get("share") or [""])[0]
        a = self.by_slug.get(m["slug"])
        if not network or a is None:
            return None
        targets = {
            "facebook": "https://www.facebook.com/sharer.php?u=",
            "twitter": "https://twitter.com/intent/tweet?url=",
            "telegram": "https://t.me/share/url?url=",
        }
        if network not in targets:
            return self.not_found()
        return self.redirect(targets[network] + quote(self.url(a), safe=""), status=302)

    def tag(self, raw: str, page: int) -> Page:
        wanted = unquote(raw)
        tags = sorted({t for a in self.articles for t in a.tags})
        tag = next((t for t in tags if re.sub(r"\s+", "-", t.strip()) == wanted), None)
        if tag is None:
            return self.not_found()
        return self.listing(
            f"الوسم: {tag}",
            [a for a in self.articles if tag in a.tags],
            page,
            lambda n: self.tag_path(tag, n),
        )

    def aside(self, current: DemoArticle | None) -> str:
        def item(a: DemoArticle) -> str:
            return (
                f'    <li><a href="{esc(self.url(a))}">{esc(a.title)}</a> '
                f'<time class="post-date" datetime="{esc(iso(a.published_at))}">{esc(self.fmt("listing_date", a.published_at))}</time></li>'
            )

        most = "\n".join(item(a) for a in self.most_read(current, self.option("most_read", 4)))
        recent = "\n".join(
            f'    <li><a href="{esc(self.url(a))}">{esc(a.title)}</a></li>'
            for a in self.articles[:5]
            if a is not current
        )
        return self.fill("aside", most_read=most, recent=recent)

    def comments(self, a: DemoArticle) -> str:
        pool = self.site.comments
        n = a.id % 4 if pool else 0
        if n == 0:
            return ""
        items = []
        for i in range(n):
            author, text = pool[(a.id + i) % len(pool)]
            when = a.published_at + timedelta(hours=2 + 5 * i, minutes=17 * (i + 1))
            items.append(
                self.fill(
                    "comment",
                    cid=str(a.id * 10 + i),
                    author=esc(author),
                    text=esc(text),
                    url=esc(self.url(a)),
                    datetime=esc(iso(when)),
                    date_text=esc(self.fmt("comment_date", when)),
                )
            )
        count = "تعليق واحد" if n == 1 else f"{n} تعليقات"
        return self.fill("comments", count=count, title=esc(a.title), items="\n".join(items))

    def post(self, m: re.Match[str], amp: bool) -> Page:
        a = self.by_slug.get(m["slug"])
        if a is None:
            return self.not_found()
        path = self.article_path(a)
        if not m.group(0).startswith(path):
            return self.redirect(path + ("amp/" if amp else ""))
        return self.amp_page(a) if amp else self.post_page(a)

    def post_page(self, a: DemoArticle) -> Page:
        section = self.site.section(a.section)
        assert section is not None
        url = self.url(a)
        meta = [
            f'<link rel="canonical" href="{esc(url)}">',
            f'<link rel="amphtml" href="{esc(url)}amp/">',
            f'<link rel="shortlink" href="{esc(self.site.base_url)}/?p={a.id}">',
            '<meta property="og:locale" content="ar_AR">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:title" content="{esc(a.title)}">',
            f'<meta property="og:description" content="{esc(self.excerpt(a))}">',
            f'<meta property="og:url" content="{esc(url)}">',
            f'<meta property="og:site_name" content="{esc(self.site.name)}">',
            f'<meta property="article:section" content="{esc(section.label)}">',
            *[f'<meta property="article:tag" content="{esc(t)}">' for t in a.tags],
            f'<meta property="article:published_time" content="{iso(_utc(a.published_at))}">',
        ]
        if a.modified_at:
            meta.append(f'<meta property="article:modified_time" content="{iso(_utc(a.modified_at))}">')
        if a.author:
            meta.append(f'<meta name="author" content="{esc(a.author)}">')
        updated = ""
        if a.modified_at and a.modified_at != a.published_at:
            updated = f'<time class="updated" datetime="{esc(iso(a.modified_at))}">{esc(self.fmt("article_date", a.modified_at))}</time>'
        author = ""
        if a.author:
            author = f'<span class="byline"> بقلم <span class="author vcard"><a class="url fn n" href="{esc(self.site.base_url + self.author_path(a.author))}">{esc(a.author)}</a></span></span>'
        related = "\n".join(
            f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="{esc(self.url(r))}">{esc(r.title)}</a></h4>'
            f'<p class="jp-relatedposts-post-date">{esc(self.fmt("listing_date", r.published_at))}</p></div>'
            for r in self.related(a)
        )
        idx = self.articles.index(a)
        nav = []
        if idx + 1 < len(self.articles):
            older = self.articles[idx + 1]
            nav.append(
                f'<div class="nav-previous"><a href="{esc(self.url(older))}" rel="prev">{esc(older.title)}</a></div>'
            )
        if idx > 0:
            newer = self.articles[idx - 1]
            nav.append(
                f'<div class="nav-next"><a href="{esc(self.url(newer))}" rel="next">{esc(newer.title)}</a></div>'
            )
        main = self.fill(
            "article",
            id=str(a.id),
            section_key=esc(a.section),
            section_url=esc(self.site.base_url + self.section_path(a.section)),
            section_label=esc(section.label),
            title=esc(a.title),
            url=esc(url),
            datetime=esc(iso(a.published_at)),
            date_text=esc(self.fmt("article_date", a.published_at)),
            updated=updated,
            author=author,
            lead=self.lead_html(a),
            body=self.paragraphs_html(a),
            source=self.source_line(a),
            tags=self.tags_html(a, lambda t: self.site.base_url + self.tag_path(t)),
            related=related,
            postnav="".join(nav),
            comments=self.comments(a),
        )
        page = self.layout(
            self.page_title(a.title),
            main,
            head="\n".join(meta),
            aside=self.aside(a),
            body_class=f"post-template-default single single-post postid-{a.id}",
        )
        return self.html_page(200, page, article=a)

    def amp_page(self, a: DemoArticle) -> Page:
        section = self.site.section(a.section)
        assert section is not None
        url = self.url(a)
        data = {
            "@context": "http://schema.org",
            "@type": "BlogPosting",
            "mainEntityOfPage": url,
            "publisher": {"@type": "Organization", "name": self.site.name},
            "headline": a.title,
            "datePublished": iso(a.published_at),
            "dateModified": iso(a.modified_at or a.published_at),
        }
        if a.author:
            data["author"] = {"@type": "Person", "name": a.author}
        text = self.fill(
            "amp",
            title=esc(a.title),
            url=esc(url),
            jsonld=jsonld(data),
            datetime=esc(iso(a.published_at)),
            date_text=esc(self.fmt("article_date", a.published_at)),
            lead=self.lead_html(a),
            body=self.paragraphs_html(a),
            section_url=esc(self.site.base_url + self.section_path(a.section)),
            section_label=esc(section.label),
        )
        return self.html_page(200, text, article=a)

    def feed(self) -> Page:
        base = self.site.base_url
        items = []
        shown = self.articles[: self.option("feed_size", 10)]
        for a in shown:
            section = self.site.section(a.section)
            assert section is not None
            content = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
            cats = "".join(f"<category><![CDATA[{c}]]></category>" for c in (section.label, *a.tags))
            items.append(
                "  <item>\n"
                f"    <title>{xml_escape(a.title)}</title>\n"
                f"    <link>{xml_escape(self.url(a))}</link>\n"
                f"    <dc:creator><![CDATA[{a.author or self.site.name}]]></dc:creator>\n"
                f"    <pubDate>{_rfc822(a.published_at)}</pubDate>\n"
                f"    {cats}\n"
                f'    <guid isPermaLink="false">{base}/?p={a.id}</guid>\n'
                f"    <description><![CDATA[{self.excerpt(a)}]]></description>\n"
                f"    <content:encoded><![CDATA[{content}]]></content:encoded>\n"
                "  </item>"
            )
        last = max((a.last_modified for a in shown), default=None)
        xml = (
            XML_HEAD + '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
            "<channel>\n"
            f"  <title>{xml_escape(self.site.name)}</title>\n"
            f'  <atom:link href="{base}/feed/" rel="self" type="application/rss+xml" />\n'
            f"  <link>{base}/</link>\n"
            f"  <description>{xml_escape(self.site.tagline)}</description>\n"
            + (f"  <lastBuildDate>{_rfc822(last)}</lastBuildDate>\n" if last else "")
            + "  <language>ar</language>\n"
            "  <generator>https://wordpress.org/?v=6.4.2</generator>\n"
            + "\n".join(items)
            + "\n</channel>\n</rss>\n"
        )
        return self.xml_page(xml, last, ctype="application/rss+xml")


def _rfc822(dt: datetime) -> str:
    """RSS pubDate as WordPress writes it: UTC with ``+0000``."""
    return _utc(dt).strftime("%a, %d %b %Y %H:%M:%S +0000")
