"""Helpers shared by the demo's outlet kinds: layout, cards, listings, 404 page, news sitemap."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape as xml_escape

from tarikh.demo.dateformat import iso
from tarikh.demo.model import Calendar, DemoArticle, Site
from tarikh.demo.render import Outlet, Page, Query, esc, int_param, paginate

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def jsonld(data: object) -> str:
    """JSON for a ``<script type="application/ld+json">`` block (``</`` escaped)."""
    return json.dumps(data, ensure_ascii=False, indent=None).replace("</", "<\\/")


class Common(Outlet):
    """Helpers shared by the four kinds: navigation, cards, listings, 404 page, source credit."""

    def __init__(self, site: Site, calendar: Calendar, articles: Sequence[DemoArticle]) -> None:
        super().__init__(site, calendar, articles)
        self.sources: dict[str, str] = {}
        """Outlet key -> name, for the credit line of republished wire stories (set by the server)."""

    def section_path(self, key: str, page: int = 1) -> str:
        raise NotImplementedError

    title_pattern = "{page} - {site}"
    """How the outlet writes ``<title>``: one pattern for every page of a site, as real CMSs do."""

    def page_title(self, page: str) -> str:
        return self.title_pattern.format(page=page, site=self.site.name)

    def nav(self) -> str:
        return "".join(
            f'<li><a href="{esc(self.section_path(s.key))}">{esc(s.label)}</a></li>'
            for s in self.site.sections
        )

    def layout(
        self, title: str, main: str, *, head: str = "", aside: str | None = None, body_class: str = ""
    ) -> str:
        return self.fill(
            "page",
            title=esc(title),
            head=head,
            nav=self.nav(),
            main=main,
            aside=self.aside(None) if aside is None else aside,
            body_class=esc(body_class),
        )

    def aside(self, current: DemoArticle | None) -> str:
        items = "\n".join(self.card(a, "mini") for a in self.most_read(current, self.option("most_read", 5)))
        return self.fill("aside", items=items, most_read=items, recent="")

    def card(self, a: DemoArticle, variant: str = "card") -> str:
        section = self.site.section(a.section)
        assert section is not None
        return self.fill(
            "card",
            id=str(a.id),
            url=esc(self.url(a)),
            title=esc(a.title),
            section_key=esc(a.section),
            section_label=esc(section.label),
            section_url=esc(self.site.base_url + self.section_path(a.section)),
            datetime=esc(iso(a.published_at)),
            date_text=esc(self.fmt("listing_date", a.published_at)),
            excerpt=esc(self.excerpt(a)),
        )

    def pagination(self, page: int, pages: int, path_of: Callable[[int], str]) -> str:
        links = []
        if page > 1:
            links.append(f'<a class="prev" href="{esc(path_of(page - 1))}">السابق</a>')
        for n in range(1, pages + 1):
            if n == page:
                links.append(f'<span class="current">{n}</span>')
            else:
                links.append(f'<a class="page" href="{esc(path_of(n))}">{n}</a>')
        if page < pages:
            links.append(f'<a class="next" href="{esc(path_of(page + 1))}">التالي</a>')
        return " ".join(links)

    def listing(
        self, heading: str, items: Sequence[DemoArticle], page: int, path_of: Callable[[int], str]
    ) -> Page:
        chunk = paginate(items, page, self.site.page_size)
        if chunk is None:
            return self.not_found()
        shown, pages = chunk
        main = self.fill(
            "listing",
            heading=esc(heading),
            items="\n".join(self.card(a) for a in shown),
            pagination=self.pagination(page, pages, path_of),
        )
        title = heading if page == 1 else f"{heading} - الصفحة {page}"
        head = self.listing_head(title, page, pages, path_of)
        return self.html_page(200, self.layout(self.page_title(title), main, head=head, body_class="archive"))

    def listing_head(self, title: str, page: int, pages: int, path_of: Callable[[int], str]) -> str:
        """What a modern site's archive page says about itself: canonical, ``og:type`` website, prev/next.

        Real sites carry these on listings; an extractor may use them (the legacy kind has none).
        """
        base = self.site.base_url
        lines = [
            f'<link rel="canonical" href="{esc(base + path_of(page))}">',
            '<meta property="og:type" content="website">',
            f'<meta property="og:title" content="{esc(title)}">',
            f'<meta property="og:site_name" content="{esc(self.site.name)}">',
        ]
        if page > 1:
            lines.append(f'<link rel="prev" href="{esc(base + path_of(page - 1))}">')
        if page < pages:
            lines.append(f'<link rel="next" href="{esc(base + path_of(page + 1))}">')
        collection = {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "url": base + path_of(page),
            "name": title,
            "isPartOf": {"@type": "WebSite", "name": self.site.name, "url": base + "/"},
        }
        lines.append(f'<script type="application/ld+json">{jsonld(collection)}</script>')
        return "\n".join(lines)

    block_wrap = ("", "")
    """Markup around the cards of a home-page section block (a list for kinds whose cards are items)."""

    def section_blocks(self, n: int = 3) -> str:
        blocks = []
        for s in self.site.sections:
            items = self.in_section(s.key)[:n]
            if items:
                cards = self.block_wrap[0] + "\n".join(self.card(a) for a in items) + self.block_wrap[1]
                blocks.append(
                    f'<section class="home-block"><h2><a href="{esc(self.section_path(s.key))}">{esc(s.label)}</a></h2>\n{cards}\n</section>'
                )
        return "\n".join(blocks)

    def static_page(self, m: re.Match[str], _q: Query) -> Page:
        title, text = self.site.pages[m.group(0)]
        return self.message(200, title, text)

    def message(self, status: int, heading: str, message: str) -> Page:
        main = self.fill("message", heading=esc(heading), message=esc(message))
        return self.html_page(status, self.layout(self.page_title(heading), main, body_class="error404"))

    def not_found(self) -> Page:
        return self.message(
            404, "الصفحة غير موجودة", "عذرا، لم نعثر على الصفحة التي تبحث عنها. ربما نقلت أو حذفت."
        )

    def source_line(self, a: DemoArticle) -> str:
        """Credit line for a republished wire story, naming the agency (never its URL)."""
        if not a.syndicated_from:
            return ""
        agency = self.sources.get(a.syndicated_from.split("/", 1)[0], "")
        return f'<p class="source">المصدر: {esc(agency)}</p>' if agency else ""

    def tags_html(self, a: DemoArticle, href: Callable[[str], str] | None = None) -> str:
        if href is None:
            return " ".join(f'<span class="tag">{esc(t)}</span>' for t in a.tags)
        return " ".join(f'<a href="{esc(href(t))}" rel="tag">{esc(t)}</a>' for t in a.tags)

    def related_items(self, a: DemoArticle) -> str:
        return "\n".join(f'<li><a href="{esc(self.url(r))}">{esc(r.title)}</a></li>' for r in self.related(a))

    def lead_html(self, a: DemoArticle) -> str:
        return f'<p class="lead"><strong>{esc(a.lead)}</strong></p>' if a.lead else ""

    def page_number(self, query: Query) -> int | None:
        return int_param(query, "page", 1)


def news_sitemap(outlet: Outlet, articles: Sequence[DemoArticle]) -> Page:
    """A Google News sitemap (``news:publication_date``, ``news:title``) for ``articles``."""
    entries = []
    for a in articles:
        entries.append(
            "  <url>\n"
            f"    <loc>{xml_escape(outlet.url(a))}</loc>\n"
            "    <news:news>\n"
            f"      <news:publication><news:name>{xml_escape(outlet.site.name)}</news:name>"
            "<news:language>ar</news:language></news:publication>\n"
            f"      <news:publication_date>{iso(a.published_at)}</news:publication_date>\n"
            f"      <news:title>{xml_escape(a.title)}</news:title>\n"
            "    </news:news>\n"
            "  </url>"
        )
    xml = (
        XML_HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )
    last = max((a.last_modified for a in articles), default=None)
    return outlet.xml_page(xml, last)
