"""Shared machinery for rendering one demo outlet: routing, pages, pagination, validators.

Each outlet kind (``modern``, ``wordpress``, ``legacy``, ``wire``) subclasses :class:`Outlet` in
``tarikh.demo.outlets`` and declares its routes; page skeletons are the outlet's HTML templates
(``demo/sites/<outlet>/*.html``, ``string.Template`` placeholders), filled with escaped values here.

Determinism matters (the crawl tests and the incremental crawl depend on it): a page is a pure function
of the data files, except the masthead "today" line of an outlet with ``masthead_today``, which is
substituted last so that the ETag can be computed over the page *without* it.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import quote

from tarikh.demo.dateformat import format_date
from tarikh.demo.model import Calendar, DemoArticle, Site

TODAY_TOKEN = "@@TARIKH-DEMO-TODAY@@"
"""Placeholder for the masthead date, replaced after the ETag is computed (ASCII in every encoding)."""

Query = dict[str, list[str]]
Handler = Callable[[re.Match[str], Query], "Page"]


@dataclass
class Page:
    """One HTTP answer: status, body bytes, Content-Type, and extra headers (Location, ETag...)."""

    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")


def esc(text: str) -> str:
    """HTML-escape text and attribute values (quotes included)."""
    return html.escape(text, quote=True)


def http_date(dt: datetime) -> str:
    """RFC 7231 date for Last-Modified (always GMT)."""
    return format_datetime(dt.astimezone(UTC), usegmt=True)


def newest_first(articles: Sequence[DemoArticle]) -> list[DemoArticle]:
    """Stable newest-first order: publication instant, then id (ties never depend on file order)."""
    return sorted(articles, key=lambda a: (a.published_at.timestamp(), a.id), reverse=True)


def paginate(items: Sequence[Any], page: int, size: int) -> tuple[list[Any], int] | None:
    """The items of 1-based ``page`` and the page count; ``None`` when the page does not exist."""
    pages = max(1, math.ceil(len(items) / size))
    if page < 1 or page > pages:
        return None
    return list(items[(page - 1) * size : page * size]), pages


def int_param(query: Query, name: str, default: int | None = None) -> int | None:
    """An integer query parameter; ``None`` when absent (without default) or not a plain integer."""
    values = query.get(name)
    if not values:
        return default
    return int(values[0]) if values[0].isdigit() else None


def tag_slug(tag: str) -> str:
    """WordPress-style tag slug: spaces to hyphens, percent-encoded UTF-8 in lower case."""
    raw = quote(re.sub(r"\s+", "-", tag.strip()), safe="-")
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), raw)


class Outlet:
    """One outlet of the demo web: its articles, its routes and the helpers its pages share."""

    def __init__(self, site: Site, calendar: Calendar, articles: Sequence[DemoArticle]) -> None:
        self.site = site
        self.cal = calendar
        self.articles = newest_first(articles)
        self.by_slug = {a.slug: a for a in self.articles}
        self.by_id = {a.id: a for a in self.articles}
        self._today = date(2000, 1, 1)  # set by handle() for each request (the masthead clock)
        self.routes: list[tuple[re.Pattern[str], Handler]] = [(re.compile(r"^/robots\.txt$"), self.robots)]
        for path in site.pages:
            self.routes.append((re.compile("^" + re.escape(path) + "$"), self.static_page))
        self.add_routes()

    # -- to override -------------------------------------------------------------------------
    def add_routes(self) -> None:
        """Append this kind's ``(path regex, handler)`` pairs to ``self.routes``."""

    def article_path(self, article: DemoArticle) -> str:
        raise NotImplementedError

    def alternate_paths(self, article: DemoArticle) -> list[str]:
        return []

    def robots_lines(self) -> list[str]:
        return ["User-agent: *", "Disallow:"]

    def not_found(self) -> Page:
        """The outlet's 404 page (overridden by kinds that render it inside their layout)."""
        return self.text_page(404, "404 Not Found\n")

    # -- shared ------------------------------------------------------------------------------
    def url(self, article: DemoArticle) -> str:
        return self.site.base_url + self.article_path(article)

    def handle(self, path: str, query: Query, today: date) -> Page:
        """Route one request (``path`` percent-decoded, ``query`` parsed) to a page."""
        self._today = today
        for pattern, handler in self.routes:
            match = pattern.match(path)
            if match:
                return handler(match, query)
        return self.not_found()

    def static_page(self, m: re.Match[str], _q: Query) -> Page:
        """An "about"/"contact" page from the outlet file's ``[pages]`` table."""
        title, text = self.site.pages[m.group(0)]
        return self.text_page(200, f"{title}\n\n{text}\n")

    def robots(self, _m: re.Match[str], _q: Query) -> Page:
        return self.text_page(200, "\n".join(self.robots_lines()) + "\n", etag=True)

    def fmt(self, name: str, when: date | datetime) -> str:
        """Format a date with the outlet's named pattern (and its digit style)."""
        return format_date(self.cal, self.site.formats[name], when, name in self.site.eastern_formats)

    def masthead_text(self) -> str:
        return self.fmt("masthead", self._today) if self.site.masthead_today else ""

    def fill(self, template: str, **values: str) -> str:
        """Fill one of the outlet's templates; every value is already HTML (escaped by the caller)."""
        common = {
            "site_name": esc(self.site.name),
            "tagline": esc(self.site.tagline),
            "base": esc(self.site.base_url),
            "host": esc(self.site.host),
            "copyright": esc(self.site.copyright),
            "charset": esc(self.site.encoding),
            "masthead": TODAY_TOKEN if self.site.masthead_today else "",
        }
        common.update(values)
        try:
            return self.site.template(template).substitute(common)
        except KeyError as exc:
            from tarikh.demo.model import DemoDataError

            raise DemoDataError(
                self.site.path.parent / self.site.key / f"{template}.html",
                str(exc.args[0]),
                "unknown placeholder for this template",
            ) from None

    def encode(self, text: str) -> bytes:
        return text.encode(self.site.encoding, errors="xmlcharrefreplace")

    def html_page(
        self,
        status: int,
        text: str,
        *,
        article: DemoArticle | None = None,
        content_type: str | None = None,
        etag: bool = False,
    ) -> Page:
        """Encode a page in the outlet's encoding; every 200 page gets an ETag (as a CDN in front of
        most news sites gives), article pages a Last-Modified too.

        The ETag hashes the bytes with the masthead placeholder still in place, so it only changes
        when the data does (weak when the served bytes carry today's date).
        """
        raw = self.encode(text)
        ctype = content_type or f"text/html; charset={self.site.encoding}"
        headers: dict[str, str] = {}
        has_today = TODAY_TOKEN.encode("ascii") in raw
        if article is not None or etag or status == 200:
            digest = hashlib.sha256(raw).hexdigest()[:20]
            headers["ETag"] = f'W/"{digest}"' if has_today else f'"{digest}"'
        if article is not None:
            headers["Last-Modified"] = http_date(article.last_modified)
        if has_today:
            raw = raw.replace(TODAY_TOKEN.encode("ascii"), self.encode(esc(self.masthead_text())))
        return Page(status, raw, ctype, headers)

    def text_page(
        self, status: int, text: str, ctype: str = "text/plain; charset=utf-8", etag: bool = False
    ) -> Page:
        raw = text.encode("utf-8")
        headers = {"ETag": f'"{hashlib.sha256(raw).hexdigest()[:20]}"'} if etag else {}
        return Page(status, raw, ctype, headers)

    def xml_page(
        self, text: str, last_modified: datetime | None = None, ctype: str = "application/xml"
    ) -> Page:
        raw = text.encode("utf-8")
        headers = {"ETag": f'"{hashlib.sha256(raw).hexdigest()[:20]}"'}
        if last_modified is not None:
            headers["Last-Modified"] = http_date(last_modified)
        return Page(200, raw, f"{ctype}; charset=utf-8", headers)

    def redirect(self, location: str, status: int = 301) -> Page:
        target = location if location.startswith("http") else self.site.base_url + location
        body = f'<html><body><a href="{esc(target)}">{esc(target)}</a></body></html>\n'
        return Page(status, body.encode("utf-8"), "text/html; charset=utf-8", {"Location": target})

    # -- article helpers -----------------------------------------------------------------------
    def related(self, article: DemoArticle, n: int = 3) -> list[DemoArticle]:
        """Explicit ``related`` slugs first, then same-section articles nearest in time."""
        chosen = [self.by_slug[s] for s in article.related if s in self.by_slug]
        rest = [
            a for a in self.articles if a.section == article.section and a is not article and a not in chosen
        ]
        rest.sort(key=lambda a: (abs(a.published_at.timestamp() - article.published_at.timestamp()), a.id))
        return (chosen + rest)[: max(n, len(chosen))]

    def most_read(self, exclude: DemoArticle | None, n: int) -> list[DemoArticle]:
        """A fixed pseudo-random pick of other articles (a hash order, so it never depends on a clock)."""
        pool = [a for a in self.articles if a is not exclude]
        pool.sort(key=lambda a: hashlib.sha256(f"{a.outlet}/{a.slug}".encode()).hexdigest())
        return pool[:n]

    def in_section(self, key: str) -> list[DemoArticle]:
        return [a for a in self.articles if a.section == key]

    def paragraphs_html(self, article: DemoArticle) -> str:
        return "\n".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)

    def excerpt(self, article: DemoArticle, words: int = 24) -> str:
        text = article.lead or (article.paragraphs[0] if article.paragraphs else "")
        parts = text.split()
        return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")

    def option(self, name: str, default: int) -> int:
        value = self.site.options.get(name, default)
        return value if isinstance(value, int) and not isinstance(value, bool) else default
