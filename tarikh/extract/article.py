"""``article()``: one fetched response in, one :class:`Article` out. Pure: no network, no clock.

The steps are small and separately tested: decode (:mod:`.encoding`), parse and clean
(:mod:`.body`), JSON-LD (:mod:`.jsonld`), the date ladder (:mod:`.signals`), page kind
(:func:`page_kind`), then the main text by trafilatura.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html

from . import body as B
from .bylines import byline_names
from .datelines import may_hold_date
from .encoding import Decoded, check_text, decode
from .gallery import caption_lines, captions, is_gallery, with_captions
from .jsonld import JsonLd, name_of, parse_blocks, person_names
from .model import Article, ExtractError, Hints
from .pagemeta import canonical_of, host_of, meta_map
from .signals import Context, Resolved, choose, collect, local_date
from .tables import any_of, fold_line, tables

_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-z]")
_TITLE_SPLIT = re.compile(r"\s+(?:\||::|-|–|—|:|»|«|•)\s+")


def article(
    body: bytes | str,
    url: str,
    headers: Mapping[str, str] | None = None,
    hints: Hints | Mapping[str, Any] | None = None,
    fetched_at: datetime | None = None,
    *,
    main_text: bool = True,
    parsed: Parsed | None = None,
) -> Article:
    """Extract one page. Raises :class:`ExtractError` only for input it cannot read at all.

    ``main_text=False`` skips the body (trafilatura, the costliest step) for callers that only
    need the dates and metadata, e.g. re-dating a WARC after a ladder fix.
    ``parsed``: the result of :func:`parse_page` for this ``body``, when the caller needed the
    tree first (the crawl reads links from it): the page is then not decoded and parsed twice.
    Its tree is cleaned in place here, so read it before, never after.
    """
    if not isinstance(url, str) or not url.strip():
        raise ExtractError("url must be a non-empty string")
    if fetched_at is not None:
        if not isinstance(fetched_at, datetime):
            raise ExtractError("fetched_at must be a datetime")
        if fetched_at.tzinfo is None:
            raise ExtractError("fetched_at must be timezone-aware")
    hint = Hints.coerce(hints)
    if parsed is None:
        parsed = parse_page(body, headers)
    elif not isinstance(parsed, Parsed):
        raise ExtractError(f"parsed must come from parse_page, not {type(parsed).__name__}")
    if parsed.used:
        raise ExtractError("this parse_page result was already extracted (its tree is cleaned); parse again")
    parsed.used = True  # the tree is cleaned in place below
    dec, doc = parsed.decoded, parsed.doc

    art = Article(url=url, canonical_url=url, encoding=dec.encoding, warnings=list(dec.warnings))
    if doc is None:
        art.page_kind = "empty"
        art.warnings.append("empty page")
        return art
    art.canonical_url = canonical_of(doc, url)
    meta = meta_map(doc)
    ld = parse_blocks(
        [el.text_content() for el in doc.xpath("//script[@type]") if _is_ldjson(el.get("type"))]
    )
    art.warnings.extend(ld.errors)

    names = [v for k in tables().meta_site_name for v in meta.get(k, [])] + (
        [ld.publisher] if ld.publisher else []
    )
    # Before the cleaning, which drops breadcrumbs and a channel's per-message footers (their
    # "منذ دقيقة" permalinks); the cheap text tests spare most pages the tree walks.
    crumbs = _crumb_lines(doc) if "rumb" in dec.text else []
    dated_links, raw_listing = 0, False
    if not _has_article_signal(meta, ld, doc):
        dated_links = sum(1 for a in doc.iter("a") if _dated_permalink(a, B.text_of(a)))
        raw_listing = not ld.nodes and _uncleaned_listing(doc)  # read only when no JSON-LD node
    outlet = _outlet(meta, ld, art.canonical_url or url)
    home_links = _home_links(doc, url) if outlet is None else []  # before the cleaning
    home_names, logo_texts = _home_link_names(home_links), _logo_texts(home_links)
    marked_bylines = byline_names(doc, set())  # before the cleaning: often in the article's header
    sc = B.clean_scope(doc, _title_candidates(doc, meta, ld, hint, names))
    art.title = _title(doc, sc.title, meta, ld, hint)
    lines, title_line = B.lines_with_title(sc.narrow, sc.title)
    if title_line < 0 and art.title:
        title_line = _find_title_line(lines, art.title)
    wide_lines, wide_title_line = (lines, title_line)
    if sc.wide is not sc.narrow:
        wide_lines, wide_title_line = B.lines_with_title(sc.wide, sc.title)
        if wide_title_line < 0 and art.title:
            wide_title_line = _find_title_line(wide_lines, art.title)
    art.outlet = (
        outlet
        or _outlet_from_title(doc, art.title)
        or _outlet_from_home(doc, home_names, art.title)
        or _outlet_from_logo(logo_texts)
        or host_of(url)
    )
    own = _own_names([art.outlet, *names], ld)
    art.authors = (
        _authors(meta, ld, own)
        or [n for n in marked_bylines if fold_line(n) not in own]
        or B.byline_authors(lines, title_line)
    )
    art.page_kind = page_kind(
        doc, art.title, wide_lines, meta, ld, sc.wide, url=url, dated_links=dated_links, raw_listing=raw_listing
    )
    if art.page_kind != "article":
        art.lang = _lang(doc, meta, headers, " ".join(wide_lines[:20]))
        art.authors = []  # a listing's bylines are its teasers' authors
        return art

    ctx = Context(
        url=url,
        canonical_url=art.canonical_url,
        meta=meta,
        jsonld=ld,
        scope=sc.narrow,
        lines=lines,
        title_line=title_line,
        wide_scope=sc.wide,
        wide_lines=wide_lines,
        wide_title_line=wide_title_line,
        meta_lines=sc.meta_lines,
        meta_frames=sc.meta_frames,
        kicker_lines=_kicker_lines(sc.title),
        caption_lines=caption_lines(sc.wide),  # the narrow scope lies inside it
        crumb_lines=crumbs,
        fetched_at=fetched_at,
        hint=hint.published,
    )
    pub_stamps = collect(ctx, "published")
    mod_stamps = collect(ctx, "modified")
    published = choose(ctx, "published", pub_stamps, mod_stamps)
    modified = choose(ctx, "modified", mod_stamps, pub_stamps)
    if published is not None and modified is not None and _before(modified, published):
        ctx.warnings.append(
            f"modified {modified.raw!r} ({modified.source}) is before published {published.raw!r}; dropped"
        )
        modified = None
    if published is not None:
        art.published, art.published_grain = published.value, published.grain
        art.published_source, art.published_raw = published.source, published.raw
        art.published_offset = published.offset
    if modified is not None:
        art.modified, art.modified_grain = modified.value, modified.grain
        art.modified_source, art.modified_raw = modified.source, modified.raw
    if main_text:
        date_raws = tuple(r for r in (art.published_raw, art.modified_raw) if r)
        caps = captions(sc.narrow)  # before main_text, which consumes the scope
        art.body = B.main_text(dec.text, sc.narrow, art.title, date_raws)
        if caps:
            gallery = is_gallery(ld.types, art.title, lines, title_line)
            art.body = "\n".join(with_captions(art.body.splitlines(), caps, gallery))
    if main_text and not art.body.strip() and not ld.nodes:
        art.page_kind = "empty"
        ctx.warnings.append("no main text found")
    art.lang = _lang(doc, meta, headers, art.body or " ".join(lines[:20]))
    art.warnings = list(dict.fromkeys([*art.warnings, *ctx.warnings]))
    return art


@dataclass
class Parsed:
    """A page decoded (:mod:`.encoding`) and parsed once; ``doc`` is None when it has no text."""

    decoded: Decoded
    doc: lxml.html.HtmlElement | None
    used: bool = False  # set by article(), which cleans ``doc`` in place


_TAG = re.compile(r"<[^>]*>")
_NON_SPACE = re.compile(r"\S")


def parse_page(body: bytes | str, headers: Mapping[str, str] | None = None) -> Parsed:
    """Decode and parse ``body``; :class:`ExtractError` when it is not readable as text at all.

    Markup with no text at all is left unparsed (``doc`` None: an empty page); long pages are
    left to :func:`page_kind`, which is cheaper than stripping their tags here.
    """
    if isinstance(body, str):
        dec: Decoded = check_text(body)
    elif isinstance(body, bytes | bytearray | memoryview):
        dec = decode(bytes(body), headers)
    else:
        raise ExtractError(f"body must be bytes or str, not {type(body).__name__}")
    if not dec.text.strip() or (len(dec.text) < 5000 and not _NON_SPACE.search(_TAG.sub("", dec.text))):
        return Parsed(dec, None)
    return Parsed(dec, B.parse_html(dec.text))


def _is_ldjson(kind: str | None) -> bool:
    return bool(kind) and "ld+json" in (kind or "").lower()


def _before(modified: Resolved, published: Resolved) -> bool:
    if modified.grain == "minute" and published.grain == "minute":
        return modified.value < published.value - timedelta(minutes=1)
    return local_date(modified) < local_date(published)


def _clean_title(text: str, outlet_names: list[str]) -> str:
    """Drop a " | Outlet" / " - Outlet" suffix or prefix that CMSes add to ``<title>``."""
    text = B.squeeze(text).strip()
    parts = _TITLE_SPLIT.split(text)
    if len(parts) > 1:
        folded_names = {fold_line(n) for n in outlet_names if n}
        kept = [p for p in parts if fold_line(p) not in folded_names]
        if kept and len(kept) < len(parts):
            return " - ".join(kept)
        return max(parts, key=len)
    return text


def _title_candidates(
    doc: lxml.html.HtmlElement, meta: dict[str, list[str]], ld: JsonLd, hint: Hints, names: list[str]
) -> list[str]:
    """Title texts to look for in the page when it has no ``<h1>``."""
    out = [_clean_title(v, names) for k in tables().meta_title for v in meta.get(k, [])]
    best = ld.best
    if best is not None and isinstance(best.data.get("headline"), str):
        out.append(str(best.data["headline"]).strip())
    t = doc.find(".//title")
    if t is not None and t.text_content().strip():
        out.append(_clean_title(t.text_content(), names))
        headline = B.site_head(out[-1])[1]
        if headline:
            out.append(headline)  # found only if some element shows exactly this text
    if hint.title:
        out.append(hint.title)
    return out


def _title(
    doc: lxml.html.HtmlElement, title_el: Any, meta: dict[str, list[str]], ld: JsonLd, hint: Hints
) -> str | None:
    if title_el is not None:
        text = B.text_of(title_el)
        if text:
            return text
    names = [v for k in tables().meta_site_name for v in meta.get(k, [])] + (
        [ld.publisher] if ld.publisher else []
    )
    for key in tables().meta_title:
        for value in meta.get(key, []):
            return _clean_title(value, names)
    best = ld.best
    if best is not None and isinstance(best.data.get("headline"), str):
        return str(best.data["headline"]).strip()
    t = doc.find(".//title")
    if t is not None and t.text_content().strip():
        return _clean_title(t.text_content(), names)
    return hint.title


def _kicker_lines(title: Any) -> list[str]:
    """Lines above the title inside the title's own box, when at most two sit there.

    Gulf papers print the date line over the headline ("الخميس 4 رمضان 1445هـ الموافق ...").
    On a page whose article box is not recognised the scope is the whole page, where the line
    above the title may be the masthead clock; the title's own box (not body/main/form) holding
    at most two lines before it is the article's header, not the site's.
    """
    if title is None:
        return []
    box = title.getparent()
    if box is None or box.tag in {"body", "html", "main", "form"}:
        return []
    box_lines, at = B.lines_with_title(box, title)
    return box_lines[:at] if 0 < at <= 2 else []


_CRUMB_XPATH = (
    "//*[contains(@class, 'crumb') or contains(@id, 'crumb') or contains(@itemtype, 'BreadcrumbList')"
    " or contains(@aria-label, 'crumb')]"
)
_CRUMB_SPLIT = re.compile(r"[»›«‹>|]+")


def _crumb_lines(doc: Any) -> list[str]:
    """The items of the page's breadcrumb trails, split at the separators sites print between
    them (an item nested in a matched trail repeats it; duplicates are dropped)."""
    out: list[str] = []
    for el in doc.xpath(_CRUMB_XPATH)[:6]:
        text = " ".join(el.text_content().split())
        if len(text) > 300:
            continue
        # A list trail (<ol><li>...) prints its separators with CSS: its items are the <li>s.
        items = [" ".join(li.text_content().split()) for li in el.iter("li")] or _CRUMB_SPLIT.split(text)
        out.extend(part.strip() for part in items if part.strip())
    return list(dict.fromkeys(out))[:24]


def _find_title_line(lines: list[str], title: str) -> int:
    target = fold_line(title)
    for i, line in enumerate(lines):
        f = fold_line(line)
        if f == target or (len(f) < len(target) + 40 and target in f):
            return i
    return -1


def _outlet(meta: dict[str, list[str]], ld: JsonLd, url: str) -> str | None:
    """og:site_name and kin, then JSON-LD publisher; None when the page names no outlet."""
    for key in tables().meta_site_name:
        for value in meta.get(key, []):
            if value.strip() and not value.startswith("@"):
                return value.strip()
    platforms = tables().platform_names
    best = ld.best
    for name in (name_of(best.data.get("publisher")) if best is not None else None, ld.publisher):
        if name and name.strip().lower() not in platforms:
            return name
    return None


def _outlet_from_title(doc: lxml.html.HtmlElement, title: str | None) -> str | None:
    """The short affix of ``<title>`` beside the headline ("صوت بغداد - الخبر" -> "صوت بغداد")."""
    t = doc.find(".//title")
    if t is None or not title:
        return None
    parts = _TITLE_SPLIT.split(B.squeeze(t.text_content()).strip())
    if len(parts) < 2:
        return None
    headline = fold_line(title)
    rest = [p for p in parts if fold_line(p) != headline and headline not in fold_line(p)]
    if len(rest) == 1 and len(rest) < len(parts) and 2 <= len(rest[0]) <= 40 and len(rest[0].split()) <= 4:
        return rest[0].strip()
    return None


def _home_links(doc: lxml.html.HtmlElement, url: str) -> list[lxml.html.HtmlElement]:
    """The links to the site's own front page (same host, a root path, no query)."""
    host = urlsplit(url).hostname
    out = []
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href[0] == "#" or not _HOME_HREF.match(href):
            continue  # cheap: most links' paths go deeper than a front page's
        target = urlsplit(urljoin(url, href))
        if target.hostname == host and not target.query and _HOME_PATH.match(target.path):
            out.append(a)
    return out


def _home_link_names(links: list[lxml.html.HtmlElement]) -> set[str]:
    """What the links to the site's own front page say (their text, their logo's ``alt``),
    folded; generic words ("الرئيسية", "logo": ``home_link_words`` in ``data/pages.toml``) left out."""
    generic = tables().home_link_words
    names: set[str] = set()
    for a in links:
        for text in [B.text_of(a), *(img.get("alt") or "" for img in a.iter("img"))]:
            name = fold_line(B.squeeze(text).strip())
            if 2 <= len(name) <= 40 and name not in generic:
                names.add(name)
    return names


def _logo_texts(links: list[lxml.html.HtmlElement]) -> list[tuple[str, str]]:
    """(text, class/id words of the link and its three nearest ancestors) of front-page links."""
    out = []
    for a in links:
        text = B.squeeze(B.text_of(a)).strip()
        if text:
            around = [a, *list(a.iterancestors())[:3]]
            out.append((text, " ".join(B.attr_words(e) for e in around)))
    return out


def _outlet_from_home(doc: lxml.html.HtmlElement, names: set[str], title: str | None) -> str | None:
    """A name ``<title>`` gives that a link to the front page gives too: the whole ``<title>``
    ("صحيفة الفنار" on a soft 404 under a logo of that name), one of its parts, or the head of
    Blogger's "Blog: Headline" (no space before the colon) when the rest is the headline. Either
    source alone may be anything (a print view's "طباعة: ...", a breaking "عاجل: ...", a logo
    alt "شعار"), so both must say it."""
    t = doc.find(".//title")
    if t is None or not names:
        return None
    text = B.squeeze(t.text_content()).strip()
    candidates = [text, *_TITLE_SPLIT.split(text)]
    head, after = B.site_head(text)
    if head and title and fold_line(after) == fold_line(title):
        candidates.append(head)
    for name in candidates:
        name = name.strip()
        if len(name.split()) <= 5 and fold_line(name) in names:
            return name
    return None


_NAME_TEXT = re.compile(r"^[^\W\d_]+(?:[ .'’-]+[^\W\d_]+){0,4}$")


def _outlet_from_logo(home_links: list[tuple[str, str]]) -> str | None:
    """The text of a front-page link inside the header's site-name block ("#logo", ".site-title"),
    when it reads as a name (one to five words of letters); ``home_links``: (text, block words)."""
    blocks = tables().site_name_blocks
    generic = tables().home_link_words
    for text, words in home_links:
        if any(b in words for b in blocks) and _NAME_TEXT.match(text) and fold_line(text) not in generic:
            return text
    return None


def _own_names(outlets: list[str | None], ld: JsonLd) -> set[str]:
    """Folded names of the outlet and its publisher, with and without "صحيفة"/"جريدة" words."""
    best = ld.best
    names = [*outlets, name_of(best.data.get("publisher")) if best is not None else None]
    own = {fold_line(n) for n in names if n}
    own |= {_outlet_core(n) for n in own}  # "صحيفة سبق الإلكترونية" credits stories to "سبق"
    own.discard("")
    return own


def _authors(meta: dict[str, list[str]], ld: JsonLd, own: set[str]) -> list[str]:
    """The page's authors: JSON-LD people (organizations left out), else the author meta tags;
    a name that is the outlet's or the publisher's (``own``) is the outlet crediting itself,
    not an author. A compound credit ("هسبريس - محمد الراجي") is kept whole: its other part may
    be a person or a place, and nothing here tells which."""
    best = ld.best

    def person(name: str) -> bool:
        return bool(name) and fold_line(name) not in own

    out: list[str] = []
    if best is not None:
        out.extend(n for n in person_names(best.data.get("author")) if person(n))
    if not out:
        for key in tables().meta_author:
            for value in meta.get(key, []):
                if not value.startswith(("http://", "https://", "@")) and person(value.strip()):
                    out.append(value.strip())
            if out:
                break
    return list(dict.fromkeys(a for a in out if a))



def _outlet_core(folded: str) -> str:
    """A folded outlet name without the words that say what kind of outlet it is ("جريدة الوطن"
    -> "الوطن", "صحيفة سبق الإلكترونية" -> "سبق": ``outlet_kind_words`` in ``data/pages.toml``);
    "" when nothing is left or nothing was cut."""
    words = folded.split()
    kinds = tables().outlet_kind_words
    while words and words[0] in kinds:
        words.pop(0)
    while words and words[-1] in kinds:
        words.pop()
    core = " ".join(words)
    return core if core != folded and len(core) >= 2 else ""


def _lang(
    doc: lxml.html.HtmlElement, meta: dict[str, list[str]], headers: Mapping[str, str] | None, text: str
) -> str | None:
    declared = doc.get("lang") or doc.get("xml:lang")
    if not declared:
        for loc in meta.get("og:locale", []) + meta.get("content-language", []):
            declared = loc
            break
    if not declared and headers:
        for k, v in headers.items():
            if k.lower() == "content-language" and v:
                declared = v
    if declared:
        return declared.replace("_", "-").split("-")[0].strip().lower() or None
    arabic, latin = len(_ARABIC.findall(text)), len(_LATIN.findall(text))
    if arabic + latin == 0:
        return None
    return "ar" if arabic >= latin else "en"


def page_kind(
    doc: lxml.html.HtmlElement,
    title: str | None,
    lines: list[str],
    meta: dict[str, list[str]],
    ld: JsonLd,
    scope: Any = None,
    url: str | None = None,
    dated_links: int = 0,
    raw_listing: bool = False,
) -> str:
    """``article``, ``not_found``, ``listing``, ``blocked`` or ``empty`` (rules in ``data/pages.toml``).

    A listing (home, section, tag, archive page) is told from an article by what it is made of:
    many headline links and no block of running text, or a JSON-LD CollectionPage/ItemList with
    no article node. Any article signal (an article JSON-LD node, ``article:published_time``,
    ``og:type=article`` where nothing says the page is a collection) makes it an article.
    """
    t = tables()
    # Folded part by part (the same as folding the joined text: fold works per character and
    # the joining spaces compose with nothing), so lines the ladder folds again are folded once.
    head_text = " ".join(fold_line(x) for x in [title or "", (doc.findtext(".//title") or ""), *lines[:8]])
    visible = sum(len(line) for line in lines)
    if visible < 1500 and any_of(t.blocked).search(head_text):
        return "blocked"
    if any_of(t.not_found).search(head_text):
        return "not_found"
    if visible < 20 and not ld.nodes:
        # ``raw_listing``: the page before the cleaning is a listing (see _uncleaned_listing): the
        # cleaning took its list for a "latest news" box, the page is no empty shell.
        return "listing" if raw_listing else "empty"
    if _has_article_signal(meta, ld, doc):
        return "article"
    if ld.types & _COLLECTION_TYPES:
        return "listing"
    if url is not None and _HOME_PATH.match(urlsplit(url).path) and not urlsplit(url).query:
        return "listing"  # a site's front page is a list of stories, however short its teasers
    root = scope if scope is not None else doc
    # ``dated_links``: links whose text is their item's time, counted on the uncleaned page.
    headline_links = dated_links + sum(1 for a in root.iter("a") if _headline_link(a))
    if headline_links >= t.listing_min_items and _longest_block(root) < t.listing_max_body_chars:
        return "listing"
    return "article"


def _headline_link(a: Any) -> bool:
    """A teaser's link: a headline (20+ characters, 3+ words), or 2+ words as a heading's whole
    content (a teaser's heading link may be short: "أسعار الصرف اليوم")."""
    text = B.text_of(a)
    words = len(text.split())
    return (len(text) >= 20 and words >= 3) or (words >= 2 and _in_heading(a))


def _uncleaned_listing(doc: Any) -> bool:
    """Is the page, before the cleaning, a listing by shape (headline links, no long block),
    leaving out its ``nav``/``header``/``footer``/``aside`` (menus are links too)?

    An agency's "آخر الأخبار" page is one Drupal view named ``view-latest-news``, and "latest"
    names a sidebar box on article pages, so the cleaning removes the page's own list and
    leaves it empty. Read (by :func:`page_kind`) only when the cleaned page is empty: a block
    holding the page's main text is then the page, not a box beside it.
    """
    body = doc.find("body")
    root = body if body is not None else doc
    # The list keeps the proxies alive, so their id()s stay unique while this runs.
    framed = [el for f in root.iter("nav", "header", "footer", "aside") for el in f.iter()]
    skip = {id(el) for el in framed}
    links = sum(1 for a in root.iter("a") if id(a) not in skip and _headline_link(a))
    return links >= tables().listing_min_items and _longest_block(root, skip) < tables().listing_max_body_chars


_COLLECTION_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage"})


def _has_article_signal(meta: dict[str, list[str]], ld: JsonLd, doc: Any) -> bool:
    """An article JSON-LD node or ``article:published_time`` (or microdata ``datePublished``);
    else ``og:type=article``, unless the page says it is a collection: a JSON-LD CollectionPage/
    ItemList/SearchResultsPage, or an archive class on ``<body>`` (``pages.toml``). Yoast SEO
    prints ``og:type=article`` on tag and category archives, whose graph says CollectionPage;
    such a page is then judged by its shape, like any page without a signal."""
    if any(n.rank <= 1 for n in ld.nodes) or any(k in meta for k in ("article:published_time", "datepublished")):
        return True
    if "article" not in [v.lower() for v in meta.get("og:type", [])]:
        return False
    if ld.types & _COLLECTION_TYPES:
        return False
    body = doc.find("body")
    classes = set((body.get("class") or "").lower().split()) if body is not None else set()
    return not classes & tables().archive_body_classes


# A link that may lead to a front page: any scheme and host, then at most a language folder and
# an index/default document (the exact test, on the resolved URL, is ``_HOME_PATH``).
_HOME_HREF = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?(?://[^/?#]*)?[./]*(?:[a-z]{2}/?)?(?:(?:index|default)\.\w+)?(?:[?#]|$)", re.I)
_HOME_PATH = re.compile(r"^/?(?:[a-z]{2}/?)?(?:(?:index|default)\.(?:html?|php|aspx?|jsp))?$", re.I)


def _dated_permalink(a: Any, text: str) -> bool:
    """A short link whose text is its item's time ("منذ دقيقة", "14/03 09:30") to another page:
    channel and ticker listings link each item this way; a live blog's posts stay on the page
    (no link, or a ``#fragment``)."""
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:")) or not 0 < len(text.split()) <= 4:
        return False
    return may_hold_date(text)


def _in_heading(a: Any) -> bool:
    parent = a.getparent()
    return parent is not None and parent.tag in {"h2", "h3", "h4"}


def _longest_block(root: Any, skip: set[int] | frozenset[int] = frozenset()) -> int:
    """Length of the longest run of non-link text held by one element (its own text, the tails of
    its children, and its ``<p>`` children): an article body has one, a listing only teasers.
    ``skip``: ids of elements not to measure."""
    best = 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in {"a", "script", "style"} or id(el) in skip:
            continue
        size = len((el.text or "").strip())
        for child in el:
            size += len((child.tail or "").strip())
            if child.tag == "p" and child.find(".//a") is None:
                size += len(B.text_of(child))
        best = max(best, size)
    return best


def to_utc(value: datetime | date | None) -> datetime | None:
    """UTC instant of an aware datetime (helper for the crawl's shard rows)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC)
    return None
