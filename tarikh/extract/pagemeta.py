"""A page's metadata values: head meta tags, body microdata and RDFa, Parse.ly's JSON meta, and
the top-level JavaScript variables some CMSs print the date into; the canonical URL and host.

Split out of ``body`` (which finds the title and the article scope and extracts the text): these
read the untouched page, before the scope is cleaned, and feed the ladder's ``meta`` step.
"""

from __future__ import annotations

import json
import re
from functools import cache
from urllib.parse import urljoin, urlsplit

import lxml.html

from .body import in_boilerplate
from .jsonld import type_rank
from .tables import tables

__all__ = ["canonical_of", "host_of", "meta_map"]


def _parsely_page(doc: lxml.html.HtmlElement, out: dict[str, list[str]]) -> None:
    """Parse.ly's older ``<meta name="parsely-page" content='{..., "pub_date": ...}'>`` holds the
    date inside JSON; it is read as ``parsely-pub-date``, the newer tag's key."""
    for raw in out.get("parsely-page", []):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        value = data.get("pub_date") if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            out.setdefault("parsely-pub-date", []).append(value.strip())


def meta_map(doc: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """Meta values by lower-cased ``property``/``name``/``itemprop``, document order kept.

    Microdata on non-meta elements (``<span itemprop="datePublished" content=...>``) counts too,
    and so does RDFa (``<span property="dc:date dc:created" content=...>``, Drupal 7's "submitted"
    line), each term under the meta key ``data/meta.toml`` maps it to, unless the element sits
    in a boilerplate container (a related item's or a comment's date is not ours).
    """
    out: dict[str, list[str]] = {}
    for el in doc.xpath("//meta[not(ancestor::body)]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = el.get("content")
        if key and value and value.strip():
            out.setdefault(key, []).append(value.strip())
    for el in doc.xpath("//body//*[@itemprop]"):
        key = el.get("itemprop", "").strip().lower()
        if not key.startswith("date"):
            continue
        if in_boilerplate(el) and not _of_the_page_item(el):
            continue
        value = el.get("content") or el.get("datetime")
        if not value and len(el) == 0:
            # "<span itemprop="datePublished">2024-03-14T09:30:00+03:00</span>": microdata's
            # value is the element's text when it has no content attribute; kept only when
            # machine-shaped (a digit first), so a visible Arabic line is left to the text step.
            text = (el.text or "").strip()
            value = text if 0 < len(text) <= 40 and text[0].isdigit() else None
        if value and value.strip():
            out.setdefault(key, []).append(value.strip())
    _rdfa(doc, out)
    _parsely_page(doc, out)
    _script_vars(doc, out)
    return out


def _of_the_page_item(el: lxml.html.HtmlElement) -> bool:
    """Is ``el`` a property of an article item that is itself outside boilerplate?

    WordPress's tagDiv themes (Newspaper, Newsmag) print the post's microdata as hidden
    ``<meta itemprop>`` tags in the ``<footer>`` of its ``<article itemscope>``: the footer is
    the article's own, so its dates are too. A related story's or a comment's item is its own
    ``itemscope`` inside the boilerplate, and stays out.
    """
    item = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
    if item is None:
        return False
    kind = (item.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].lower()
    rank = type_rank(kind)
    return rank is not None and rank <= 1 and not in_boilerplate(item)


def _rdfa(doc: lxml.html.HtmlElement, out: dict[str, list[str]]) -> None:
    """Body RDFa date terms with a ``content`` value, under the meta keys of ``[rdfa]`` in
    ``data/meta.toml``; only a machine value (a digit first): the visible text is the text step's."""
    terms = tables().meta_rdfa
    for el in doc.xpath("//body//*[@property and @content]"):
        keys = [terms[t] for t in (el.get("property") or "").lower().split() if t in terms]
        value = (el.get("content") or "").strip()
        if not keys or not value[:1].isdigit() or in_boilerplate(el):
            continue
        for key in dict.fromkeys(keys):
            out.setdefault(key, []).append(value)


_SCRIPT_DECL = re.compile(r"(?:\b(?:var|let|const)\s+|\bwindow\.)$")
_SCRIPT_VALUE = re.compile(r"\s*=\s*([\"'])([^\"'\n]{6,40})\1")


@cache
def _script_names() -> tuple[str, ...]:
    t = tables()
    keys = (*t.meta_published, *t.meta_modified)
    return tuple(sorted({k.split(":", 1)[1] for k in keys if k.startswith("script:")}))


def _script_vars(doc: lxml.html.HtmlElement, out: dict[str, list[str]]) -> None:
    """Top-level JavaScript variables some custom CMSes print the date into, as ``script:<name>``.

    ``<script>var pubDate = "2024-03-14T09:30:00+03:00";</script>``: only a declared variable
    or a ``window.`` global whose name ``data/meta.toml`` lists (``script:pubdate``...), never an
    object property: an SPA's JSON state also holds related stories' ``publishedAt``. Each name
    is found with ``str.find`` and only its surroundings are matched: inline bundles run to
    hundreds of kilobytes, and a regex scan of them would cost more than the rest of the page.
    """
    names = _script_names()
    for el in doc.xpath("//script[not(@src)]"):
        kind = (el.get("type") or "").lower()
        if kind and "javascript" not in kind:
            continue
        code = el.text or ""
        lowered = code.lower()
        for name in names:
            i = lowered.find(name)
            while i >= 0:
                end = i + len(name)
                bounded = (i == 0 or not (lowered[i - 1].isalnum() or lowered[i - 1] in "_$")) and not (
                    end < len(lowered) and (lowered[end].isalnum() or lowered[end] in "_$")
                )
                if bounded and _SCRIPT_DECL.search(lowered, max(0, i - 12), i):
                    m = _SCRIPT_VALUE.match(code, end)
                    if m:
                        out.setdefault("script:" + name, []).append(m.group(2).strip())
                i = lowered.find(name, end)


def canonical_of(doc: lxml.html.HtmlElement, url: str) -> str:
    """``<link rel=canonical>``, then ``og:url``, made absolute; the fetched URL otherwise."""
    for el in doc.iter("link"):
        rels = (el.get("rel") or "").lower().split()
        href = (el.get("href") or "").strip()
        if "canonical" in rels and href:
            return urljoin(url, href)
    for el in doc.iter("meta"):
        if (el.get("property") or "").lower() == "og:url" and (el.get("content") or "").strip():
            return urljoin(url, el.get("content", "").strip())
    return url


def host_of(url: str) -> str | None:
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
