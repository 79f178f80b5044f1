"""Discovery: what a fetched document is, and which article URLs (with hints) it points to.

Pure functions of bytes and URLs, so they are tested without a crawler. The spider only selects
and delegates. Scrapy's own sitemap helper drops ``news:publication_date`` (it flattens nested
elements), and the publication date a sitemap or feed gives is the most trustworthy hint we get,
so sitemaps and feeds are parsed here with lxml directly.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from enum import StrEnum
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree, html

from tarikh.extract.encoding import decode
from tarikh.text import to_ascii_digits


class DocKind(StrEnum):
    SITEMAP_INDEX = "sitemap-index"
    SITEMAP = "sitemap"
    FEED = "feed"
    HTML = "html"
    OTHER = "other"


@dataclass(frozen=True)
class Link:
    """A URL found during discovery, with what the source said about it."""

    url: str
    published: datetime | None = None
    title: str | None = None
    source: str = "link"  # sitemap, news-sitemap, feed, listing, related
    lastmod: datetime | None = None

    def hints(self) -> dict[str, str | None]:
        return {
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "source": self.source,
            "lastmod": self.lastmod.isoformat() if self.lastmod else None,
        }


@dataclass
class Discovered:
    """Children of a document: further discovery documents and candidate pages."""

    kind: DocKind
    documents: list[str] = field(default_factory=list)
    pages: list[Link] = field(default_factory=list)
    # lastmod of child sitemaps of an index: a child last changed before the window holds nothing new
    document_lastmod: dict[str, datetime] = field(default_factory=dict)


# Tracking and session parameters: the same page under endless URLs (a classic crawler trap).
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|yclid|mc_cid|mc_eid|ref|ref_src|igshid|_ga|_gl|amp;.*"
    r"|sessionid|session_id|phpsessid|jsessionid|aspsessionid\w*|cfid|cftoken)$",
    re.IGNORECASE,
)
# AMP copies: ".../slug/amp/" or ".../slug/amp" is the page ".../slug/".
_AMP_SUFFIX = re.compile(r"/amp/?$")
ASSET_EXT = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|ico|css|js|mp4|mp3|webm|avi|zip|rar|gz|docx?|xlsx?|pptx?|pdf|woff2?|ttf)$", re.I
)


@lru_cache(maxsize=65536)
def canonicalize(url: str) -> str:
    """One URL per page: lowercase scheme and host, no fragment, no tracking parameters, sorted query.

    Keeps percent-encoding as given but upper-cases escapes, and drops a default port.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    path = re.sub(r"%[0-9a-f]{2}", lambda m: m.group(0).upper(), parts.path or "/")
    path = re.sub(r";jsessionid=[^/?#]*", "", path, flags=re.IGNORECASE)
    path = _AMP_SUFFIX.sub("/", path)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING_PARAMS.match(k) and not (k == "amp" or (k == "outputType" and v == "amp"))
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _maybe_gunzip(body: bytes) -> bytes:
    if body[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(body)
        except (OSError, EOFError):
            return b""
    return body


def classify(body: bytes, content_type: str = "") -> DocKind:
    """What kind of document these bytes are, from content first and header second."""
    head = _maybe_gunzip(body[:4096] if body[:2] != b"\x1f\x8b" else body)[:4096].lstrip().lower()
    if b"<sitemapindex" in head:
        return DocKind.SITEMAP_INDEX
    if b"<urlset" in head:
        return DocKind.SITEMAP
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return DocKind.FEED
    ctype = content_type.lower()
    if b"<html" in head or b"<!doctype html" in head or "html" in ctype:
        return DocKind.HTML
    return DocKind.OTHER


def parse_w3c_datetime(text: str | None) -> datetime | None:
    """Parse a sitemap/Atom date (W3C datetime, possibly a bare date); naive values are taken as UTC."""
    if not text:
        return None
    s = to_ascii_digits(text.strip()).replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        try:
            d = date.fromisoformat(s[:10])
        except ValueError:
            return None
        dt = datetime(d.year, d.month, d.day)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def parse_rfc822(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        dt = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return parse_w3c_datetime(text)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(_maybe_gunzip(body), parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else str(tag)


def _child_text(elem: etree._Element, name: str) -> str | None:
    for child in elem:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def parse_sitemap(body: bytes, base_url: str) -> Discovered:
    """Sitemap index or urlset (plain or Google News), gzipped or not."""
    root = _xml_root(body)
    if root is None:
        return Discovered(DocKind.OTHER)
    if _local(root.tag) == "sitemapindex":
        found = Discovered(DocKind.SITEMAP_INDEX)
        for sm in root:
            loc = _child_text(sm, "loc")
            if not loc:
                continue
            url = urljoin(base_url, loc)
            found.documents.append(url)
            lastmod = parse_w3c_datetime(_child_text(sm, "lastmod"))
            if lastmod is not None:
                found.document_lastmod[url] = lastmod
        return found
    pages: list[Link] = []
    for entry in root:
        if _local(entry.tag) != "url":
            continue
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        lastmod = parse_w3c_datetime(_child_text(entry, "lastmod"))
        published, title, source = None, None, "sitemap"
        for child in entry:
            if _local(child.tag) == "news":
                source = "news-sitemap"
                published = parse_w3c_datetime(_child_text(child, "publication_date"))
                title = _child_text(child, "title")
        pages.append(Link(urljoin(base_url, loc), published, title, source, lastmod))
    pages.sort(key=lambda p: p.published or p.lastmod or datetime.min.replace(tzinfo=UTC), reverse=True)
    return Discovered(DocKind.SITEMAP, pages=pages)


def parse_feed(body: bytes, base_url: str) -> Discovered:
    """RSS 2.0, RSS 1.0 (RDF) or Atom: item links with their dates and titles."""
    root = _xml_root(body)
    if root is None:
        return Discovered(DocKind.OTHER)
    pages: list[Link] = []
    for item in root.iter():
        name = _local(item.tag)
        if name == "item":
            link = _child_text(item, "link") or _child_text(item, "guid")
            date_text = _child_text(item, "pubDate") or _child_text(item, "date")
            published = parse_rfc822(date_text)
        elif name == "entry":
            link = None
            for child in item:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    link = child.get("href")
            published = parse_w3c_datetime(_child_text(item, "published") or _child_text(item, "updated"))
        else:
            continue
        if link:
            pages.append(Link(urljoin(base_url, link.strip()), published, _child_text(item, "title"), "feed"))
    return Discovered(DocKind.FEED, pages=pages)


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def _as_text(body: bytes | str) -> bytes | str:
    """Page bytes decoded as the extractor decodes them (BOM, ``<meta charset>`` anywhere in the
    head, detection). libxml2 alone decides the encoding before it reaches a ``<meta charset>``
    printed after the ``<title>`` (Nuxt's vue-meta does), and then reads UTF-8 links as Latin-1.
    Bytes the decoder refuses go to libxml2 as they are."""
    if isinstance(body, str):
        return body
    try:
        return _XML_DECL.sub("", decode(body).text, count=1)
    except Exception:
        return body


def html_links(body: bytes | str | html.HtmlElement, base_url: str) -> list[str]:
    """Every followable same-document link of an HTML page, absolute, canonicalized, in page order.

    ``body`` may be the page already parsed (an lxml tree, not modified here), so the crawl parses
    each page once for links and extraction.
    """
    if isinstance(body, etree._Element):
        doc: html.HtmlElement | None = body
    else:
        try:
            doc = html.fromstring(_as_text(body)) if body else None
        except (etree.ParserError, ValueError):
            return []
    if doc is None:
        return []
    base = doc.xpath("string(//base/@href)") or base_url
    out: list[str] = []
    seen: set[str] = set()
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:", "whatsapp:")):
            continue
        rel = (a.get("rel") or "").lower()
        if "nofollow" in rel and "next" not in rel:
            continue
        url = canonicalize(urljoin(base, href))
        if urlsplit(url).scheme not in ("http", "https") or ASSET_EXT.search(urlsplit(url).path):
            continue
        if url not in seen:
            seen.add(url)
            out.append(url)
    for link in doc.xpath("//link[@rel='next' or @rel='alternate'][@href]"):
        if link.get("rel") == "alternate" and "xml" not in (link.get("type") or ""):
            continue
        url = canonicalize(urljoin(base, link.get("href")))
        if url not in seen:
            seen.add(url)
            out.append(url)
    return out


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=/|$|[-_.])")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/|$|[-_.])")


# Calendar archives and date filters: "?date=2022-01-05", "&day=2022-01-05" (an endless trap backwards in time).
_QUERY_DATE = re.compile(r"(?:^|[=&])((?:19|20)\d{2})-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?=$|&)")


def url_date_range(url: str) -> tuple[date, date] | None:
    """The date range a URL path states (``/2024/01/25/`` a day, ``/2024/01/`` a month), or None."""
    parts = urlsplit(url)
    path = parts.path
    m = _URL_DATE.search(path) or _URL_DATE_COMPACT.search(path) or _QUERY_DATE.search(parts.query)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            d = date(year, month, int(m.group(3)))
            return d, d
        start = date(year, month, 1)
    except ValueError:
        return None
    end = date(year + (month == 12), month % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def outside_window(
    since: date | None, until: date | None, published: datetime | None, url: str,
    lastmod: datetime | None = None,
) -> bool:
    """True when what discovery knows (a hint date, a last modification before ``since``, or the
    URL's date range) lies outside the window.

    Used before fetching, so out-of-window articles are never requested; unknown dates pass. A
    page cannot be published after it was last modified, so ``lastmod`` only ever rules out pages
    before ``since``.
    """
    if lastmod is not None and since and lastmod.date() < since:
        return True
    if published is not None:
        day = published.date()
        return bool((since and day < since) or (until and day > until))
    rng = url_date_range(url)
    if rng is None:
        return False
    start, end = rng
    return bool((since and end < since) or (until and start > until))


def same_site(url: str, domains: Iterable[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in (d.lower() for d in domains))
