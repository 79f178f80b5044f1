"""What the crawl does with one fetched HTML page: an article record (kept or dropped) and links.

A pure function of the response and the story, so the spider's ``parse`` only selects and
delegates, and the decision for any page can be replayed from a WARC without a crawler.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tarikh.crawl.discovery import canonicalize, html_links, same_site
from tarikh.crawl.topic import Topic
from tarikh.extract import Article, ExtractError, Parsed, article, parse_page
from tarikh.story import Story

log = logging.getLogger(__name__)


def article_id(canonical_url: str) -> str:
    """Stable article identity: a short hash of the canonical URL."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:16]


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)


@dataclass
class PageResult:
    """The crawl's decision for one page."""

    kind: str  # article, listing, not_found, blocked, empty
    record: dict[str, Any] | None = None
    links: list[str] = field(default_factory=list)
    drop_reason: str | None = None


def process_page(
    body: bytes,
    url: str,
    *,
    story: Story,
    headers: Mapping[str, str] | None = None,
    hints: Mapping[str, Any] | None = None,
    fetched_at: datetime,
    status: int = 200,
    topic: Topic | None = None,
) -> PageResult:
    """Extract, judge relevance and window, and list the same-site links of one HTML page.

    The page is decoded and parsed once: links are read from the tree before extraction cleans it.
    """
    extract_hints = {k: v for k, v in (hints or {}).items() if k in ("published", "title", "source") and v}
    try:
        parsed = parse_page(body, headers)
        links = [u for u in html_links(_tree_or(parsed, body), url) if same_site(u, story.allowed_domains)]
        page: Article = article(
            body, url, headers=headers, hints=extract_hints or None, fetched_at=fetched_at, parsed=parsed
        )
    except ExtractError as exc:
        return PageResult("unreadable", None, _links(body, url, story), f"unreadable: {exc}")
    except Exception as exc:  # an extractor bug must not cost the crawl this page's links
        log.exception("extraction failed on %s", url)
        return PageResult("error", None, _links(body, url, story), f"extract-error: {type(exc).__name__}")
    if page.page_kind != "article":
        # A "not found" or challenge page's links lead nowhere useful; a listing's or a near-empty
        # hub page's links are how the rest of the site is found.
        follow = page.page_kind in ("listing", "empty")
        return PageResult(page.page_kind, None, links if follow else [], page.page_kind)

    canonical = canonicalize(url)
    if page.canonical_url and same_site(page.canonical_url, story.allowed_domains):
        canonical = canonicalize(page.canonical_url)
    text = f"{page.title or ''}\n\n{page.body or ''}"
    similarity = topic.similarity(text) if topic is not None else None
    relevant, matched, reason = story.relevance(text, similarity)
    drop_reason = None if relevant else reason
    if relevant and not story.in_window(page.published):
        drop_reason = "outside-window"
    record = {
        "article_id": article_id(canonical),
        "url": url,
        "canonical_url": canonical,
        "outlet": page.outlet,
        "title": page.title,
        "body": page.body,
        "authors": list(page.authors or []),
        "lang": page.lang,
        "published": _utc(page.published),
        "published_offset": page.published_offset,
        "published_source": page.published_source,
        "published_raw": page.published_raw,
        "published_grain": page.published_grain,
        "modified": _utc(page.modified),
        "modified_source": page.modified_source,
        "fetched_at": _utc(fetched_at),
        "http_status": status,
        "content_sha256": hashlib.sha256((page.body or "").strip().encode("utf-8")).hexdigest(),
        "encoding": page.encoding,
        "keywords_matched": matched,
        "similarity": similarity,
        "kept": drop_reason is None,
        "drop_reason": drop_reason,
        "etag": (headers or {}).get("ETag") or (headers or {}).get("etag"),
        "last_modified": (headers or {}).get("Last-Modified") or (headers or {}).get("last-modified"),
        "hints": json.dumps(dict(hints or {}), ensure_ascii=False, sort_keys=True, default=str),
    }
    return PageResult("article", record, links, drop_reason)


def _tree_or(parsed: Parsed, body: bytes) -> Any:
    """The parsed tree, or the raw bytes when the page was left unparsed (no text: links only)."""
    return parsed.doc if parsed.doc is not None else body


def _links(body: bytes, url: str, story: Story) -> list[str]:
    """Links read from the raw bytes, for pages the extractor could not read or failed on."""
    try:
        return [u for u in html_links(body, url) if same_site(u, story.allowed_domains)]
    except Exception:  # a page that breaks both the extractor and lxml has no links to give
        log.exception("link extraction failed on %s", url)
        return []


_WARM_UP_PAGE = (
    '<html lang="ar"><head><meta charset="utf-8"><title>اختبار التهيئة</title></head><body>'
    "<nav><a href='/'>الرئيسية</a></nav><article><h1>اختبار التهيئة</h1>"
    "<p>نشر في الخميس 25 يناير 2024 - 10:30 ص</p>"
    "<p>هذه صفحة قصيرة يعالجها الزاحف مرة واحدة قبل أن يبدأ، كي تحمل الجداول والمكتبات مسبقا.</p>"
    "</article></body></html>"
).encode()


def warm_up(story: Story) -> None:
    """Process one small built-in page, so the first real page does not pay for loading tables,
    compiling patterns and initializing the extraction libraries."""
    process_page(_WARM_UP_PAGE, "http://warm-up.invalid/", story=story, fetched_at=datetime.now(UTC))
