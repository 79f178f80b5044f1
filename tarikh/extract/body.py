"""The page as a tree: parse, find the title and article scope, strip boilerplate, extract the body.

Why a scope: dates in "most read" boxes, related blocks, comment threads and the masthead clock
are the main source of wrong publication times on news pages. Everything the date ladder's
``time`` and ``text`` steps look at comes from :func:`clean_scope`, which removes those blocks
with rules from ``data/boilerplate.toml`` but never removes the element holding the title.
The main text itself is trafilatura's (we do not rewrite it); we hand it the cleaned tree and
then drop the few "اقرأ أيضا"-style lines it lets through.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import lxml.html
from lxml import etree

from .model import ExtractError
from .tables import fold_line, tables

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "blockquote",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "td",
    "th",
    "hr",
    "pre",
    "address",
    "nav",
    "form",
}
_SPACE = re.compile(r"[ \t\u00a0]+")
# Bidi marks (LRM, RLM, ALM) are zero-width format characters, not spaces: typed between the
# parts of "14/03/2024" by Arabic keyboards and editors, they must vanish, not split the date.
_BIDI = re.compile("[\u200e\u200f\u061c]")


def squeeze(text: str) -> str:
    """``_SPACE.sub(" ", text)``, skipping the regex when it could only put back single spaces.

    Ordinary text is words and single spaces, and the regex then "replaces" every space with
    itself, one match per word; five substring tests are ~15x cheaper than that.
    """
    if "\u200f" in text or "\u200e" in text or "\u061c" in text:
        text = _BIDI.sub("", text)
    if "  " in text or "\t" in text or "\u00a0" in text:
        return _SPACE.sub(" ", text)
    return text


_STRING = etree.XPath("string()")  # C-level text content, ~7x faster than joining itertext()


def parse_html(text: str) -> lxml.html.HtmlElement:
    """An lxml document for ``text``; :class:`ExtractError` when there is no markup to read."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ExtractError("empty document")
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"not HTML: {exc}") from exc


def text_of(el: etree._Element) -> str:
    """Whitespace-normalized text content of an element ("" for comments and PIs)."""
    if not isinstance(el.tag, str):
        return ""
    return squeeze(_STRING(el)).strip()


def attr_words(el: etree._Element) -> str:
    """Class and id of ``el``, lower-cased, for matching container fragments."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


@dataclass
class Page:
    """A parsed page with the pieces the ladder and the body need."""

    doc: lxml.html.HtmlElement
    url: str
    title_el: etree._Element | None
    scope: etree._Element  # cleaned copy: the article (or body) without boilerplate blocks


def _container_rx() -> re.Pattern[str]:
    frags = [re.escape(f.strip("-_")).replace(r"\-", "[-_]?") for f in tables().boiler_containers]
    # "no-share", "no_comments": a theme saying the block has none of these (JNews prints
    # "entry-content no-share" on the story itself), not that it is one.
    return re.compile(r"(?:^|\s|(?<!^no)(?<!\sno)[_-])(?:" + "|".join(frags) + r")s?(?:$|[\s_-])")


_CONTAINERS: re.Pattern[str] | None = None


def _containers() -> re.Pattern[str]:
    global _CONTAINERS
    if _CONTAINERS is None:
        _CONTAINERS = _container_rx()
    return _CONTAINERS


_NEVER_CONTAINER = frozenset({"article", "main", "body", "html", "time"})


def in_boilerplate(el: etree._Element) -> bool:
    """Does ``el`` sit in a boilerplate container (related, most-read, comments...) or in an
    ``aside``/``footer``/``nav``? Its microdata or RDFa date is then another item's. As in
    :func:`clean_scope`, ``body``/``article``/``main`` are never containers (Drupal's body class
    "one-sidebar sidebar-first" says the page has a sidebar, not that it is one)."""
    return any(
        a.tag in {"aside", "footer", "nav"}
        or (a.tag not in _NEVER_CONTAINER and _containers().search(attr_words(a)) is not None)
        for a in el.iterancestors()
    )


def site_head(title: str) -> tuple[str, str]:
    """Split a Blogger-style ``<title>`` "Site: Headline" into (site, headline), else ("", "").

    Only a short head (at most three words) before the first colon, and a headline of 8+
    characters after it: "السوداني: لا حاجة ..." has the same shape, so callers use the head
    only to recognise an ``<h1>`` that shows exactly that text, never to cut a title.
    """
    head, sep, rest = title.partition(":")
    head, rest = head.strip(), rest.strip()
    if not sep or not head or len(head.split()) > 3 or len(rest) < 8:
        return "", ""
    return head, rest


def find_title_el(doc: lxml.html.HtmlElement, titles: list[str] | None = None) -> etree._Element | None:
    """The article's ``<h1>``, scored: matching og:title/``<title>`` text, inside ``<article>`` or
    ``<main>``; a logo ``<h1>`` in the site header or one in a boilerplate box loses.
    """
    wanted = [fold_line(t) for t in titles or [] if t and len(t) >= 8]
    heads = {fold_line(h) for h, _ in (site_head(t) for t in titles or []) if h}
    best: tuple[int, int] | None = None
    chosen: etree._Element | None = None
    for order, el in enumerate(doc.iter("h1")):
        text = text_of(el)
        if not text:
            continue
        folded = fold_line(text)
        score = 0
        if folded in heads and folded not in wanted:
            score -= 3  # the blog/site name of a "Site: Headline" <title>, shown as the logo
        elif any(folded == w or (len(folded) >= 8 and (folded in w or w in folded)) for w in wanted):
            score += 4
        ancestors = list(el.iterancestors())
        in_article = any(a.tag in {"article", "main"} for a in ancestors)
        if in_article:
            score += 2
        elif any(a.tag in {"header", "nav", "footer", "aside"} for a in ancestors) and score < 4:
            score -= 3
        if any(_containers().search(attr_words(a)) for a in ancestors[:3] if a.tag not in {"header"}):
            score -= 2
        key = (score, -order)
        if best is None or key > best:
            best, chosen = key, el
    if chosen is not None and best is not None and best[0] < 0 and wanted:
        return None  # only logo/box headings: let the caller look for the title text instead
    return chosen if chosen is not None else _titled_heading(doc)


_TITLE_CLASS = re.compile(r"title|headline|heading|news-?head")


def _titled_heading(doc: lxml.html.HtmlElement) -> etree._Element | None:
    """A page with no ``<h1>`` (SharePoint and ASP.NET news templates, whose ``<title>`` says only
    "تفاصيل الخبر"): the first ``<h2>``/``<h3>`` that the template marks as the title (its class or
    its parent's says title/headline), reads as a headline (four words or more) and is not in a
    boilerplate box."""
    for el in doc.iter("h2", "h3"):
        parent = el.getparent()
        marks = attr_words(el) + " " + (attr_words(parent) if parent is not None else "")
        text = text_of(el)
        if not _TITLE_CLASS.search(marks) or len(text.split()) < 4:
            continue
        if not in_boilerplate(el):
            return el
    return None


def _contains(outer: etree._Element, inner: etree._Element | None) -> bool:
    if inner is None:
        return False
    return any(a is outer for a in inner.iterancestors()) or inner is outer


def starts_with_marker(text: str, markers: tuple[str, ...], folded_head: str | None = None) -> str | None:
    """The marker (folded) that ``text`` starts with, ignoring punctuation and spacing.

    ``folded_head``: ``fold(text[:80])`` when the caller already has it (folding is the cost here).
    """
    if folded_head is None:
        folded_head = fold_line(text[:80])
    folded = folded_head.strip(" :：-–—|•·«»\"'()[]")
    for m in markers:
        if folded.startswith(m) and not folded[len(m) : len(m) + 1].isalpha():
            return m
    return None


@dataclass
class Scope:
    """Where the article is: ``narrow`` (title plus its text), ``wide`` (article/main/body), both cleaned."""

    narrow: etree._Element
    wide: etree._Element
    title: etree._Element | None
    # Lines of the article's own header/footer blocks (removed from both scopes: they mostly hold
    # tags and share bars) that sat inside ``narrow``: a labelled "تاريخ النشر" line often lives
    # there, so the date ladder reads labelled lines from them, and nothing else.
    meta_lines: list[str] = field(default_factory=list)
    # The same blocks as elements (detached): a blog's post footer carries the post's machine
    # time ("<abbr class=published title=...>", "<time class=entry-date>"), read last by the
    # ``time`` step.
    meta_frames: list[etree._Element] = field(default_factory=list)


def _title_by_text(doc: lxml.html.HtmlElement, titles: list[str]) -> etree._Element | None:
    """The smallest element whose text is one of ``titles`` (pages with no ``<h1>``)."""
    wanted = {fold_line(t) for t in titles if t and len(t) >= 8}
    if not wanted:
        return None
    lo = min(len(w) for w in wanted) * 0.8
    hi = max(len(w) for w in wanted) * 1.5 + 5
    body = doc.find("body")
    for el in (body if body is not None else doc).iter():
        if not isinstance(el.tag, str) or el.tag in {"title", "script", "style", "a"}:
            continue
        text = text_of(el)
        if lo <= len(text) <= hi and fold_line(text) in wanted:
            best = el
            while len(best) == 1 and fold_line(text_of(best[0])) in wanted:
                best = best[0]
            return best
    return None


def clean_scope(doc: lxml.html.HtmlElement, titles: list[str] | None = None) -> Scope:
    """The cleaned article scope (``doc`` is modified), and the title element inside it.

    Wide scope: the ``<article>`` holding the title, else ``<main>``, else ``<body>``. Narrow scope:
    the wide one when it is an ``<article>``; otherwise the closest ancestor of the title that holds
    real text (old table layouts and div soups: the title's cell, not the page). Removed from both:
    boilerplate tags (``nav``, ``aside``, ``footer``... unless they hold the title), containers
    whose class/id names a related/most-read/share/comment block, and blocks headed by a marker
    such as "اقرأ أيضا" or "الأكثر قراءة".
    """
    # Cleaned in place: everything that needs the untouched page (meta, JSON-LD, canonical,
    # <title>) is read before this runs, and copying a 150 kB page costs as much as parsing it.
    work = doc
    title = find_title_el(work, titles)
    if title is None and titles:
        title = _title_by_text(work, titles)
    wide: etree._Element | None = None
    if title is not None:
        for anc in title.iterancestors():
            if anc.tag in {"article", "main"}:
                wide = anc
                break
    by_article = wide is not None and wide.tag == "article"
    if wide is None:
        mains = work.xpath("//main")
        body = work.find("body")
        wide = mains[0] if mains else (body if body is not None else work)
    t = tables()
    # The list keeps these proxies alive, so their id()s cannot be reused by other elements while
    # this runs (lxml keeps one proxy per live node): the id set is an exact, O(1) identity test.
    holds_title = [] if title is None else [title, *title.iterancestors()]
    title_ids = {id(a) for a in holds_title}
    boiler_tags = frozenset(t.boiler_tags) | {"comment"}
    containers = _containers()
    drop: list[etree._Element] = []
    for el in wide.iter(etree.Element):  # elements only: no comments or PIs
        if el is wide or id(el) in title_ids:
            continue
        tag = el.tag
        if tag in boiler_tags:
            if tag != "form" or not _wraps_page(el):
                drop.append(el)
        elif tag not in _NEVER_CONTAINER:
            cls, ident = el.get("class"), el.get("id")
            # attr_words(el), built only when there is a class or id to match
            if (cls or ident) and containers.search(f"{cls or ''} {ident or ''}".lower()):
                drop.append(el)
    frame: list[tuple[etree._Element, etree._Element]] = []  # (header/footer block, its parent)
    dropped: set[int] = set()
    for el in drop:
        parent = el.getparent()
        if parent is not None and any(id(a) in dropped for a in el.iterancestors()):
            continue  # inside a block already dropped: it leaves with it, untouched
        if parent is not None:
            dropped.add(id(el))
            if _is_frame_block(el):
                frame.append((el, parent))
            _remove(el)
    _drop_marked_blocks(wide, title)
    narrow = wide
    if title is not None and not by_article and _contains(wide, title):
        for anc in title.iterancestors():
            if anc is wide:
                break
            if len(text_of(anc)) >= max(400, 4 * len(text_of(title))):
                narrow = anc
                break
    meta_lines: list[str] = []
    meta_frames: list[etree._Element] = []
    # Only the article's own frame: a block whose parent is one of the title's three nearest
    # ancestors (the article's box), or lies inside a narrow scope that is not the whole page.
    # A site's header/footer hangs higher up, with its clock and copyright line.
    near = [a for a in holds_title[1:4] if a.tag not in {"body", "html"}]
    for el, parent in frame:
        if any(parent is a for a in near) or (
            narrow.tag not in {"body", "html"} and (parent is narrow or _contains(narrow, parent))
        ):
            meta_lines.extend(lines_with_title(el, None)[0])
            meta_frames.append(el)
    return Scope(narrow, wide, title, meta_lines, meta_frames)


def _wraps_page(form: etree._Element) -> bool:
    """Is this ``<form>`` the page's own wrapper, not a search/comment/newsletter form? ASP.NET
    WebForms (and JSF) wrap the whole page in one server form holding the page state
    (``__VIEWSTATE``...: ``page_form_fields`` in ``data/boilerplate.toml``); a form holding the
    page's ``<article>``, ``<main>`` or ``<h1>`` wraps it too. Such a form is transparent."""
    fields = tables().page_form_fields
    return any(el.tag != "input" or (el.get("name") or "") in fields for el in form.iter("input", "article", "main", "h1"))


_FRAME_TAGS = frozenset({"header", "footer"})
_FRAME_RX: re.Pattern[str] | None = None


def _is_frame_block(el: etree._Element) -> bool:
    """Is ``el`` dropped only for being a header/footer (tag, or a class/id naming one)?

    Blocks also named related/share/comment... are not: their dates are other articles'.
    """
    global _FRAME_RX
    if _FRAME_RX is None:
        frags = [
            re.escape(f.strip("-_")).replace(r"\-", "[-_]?")
            for f in tables().boiler_containers
            if f.strip("-_") not in _FRAME_TAGS
        ]
        _FRAME_RX = re.compile(r"(?:^|[\s_-])(?:" + "|".join(frags) + r")s?(?:$|[\s_-])")
    words = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if _FRAME_RX.search(words):
        return False
    return el.tag in _FRAME_TAGS or any(f in words for f in _FRAME_TAGS)


_TABLE_TAGS = {
    "table": "div",
    "tbody": "div",
    "thead": "div",
    "tfoot": "div",
    "tr": "div",
    "td": "div",
    "th": "div",
}


def detable(el: etree._Element, in_place: bool = False) -> etree._Element:
    """``el`` (a copy, unless ``in_place``) with layout tables turned into divs and ``<br><br>``
    into paragraphs.

    Old Arabic news sites lay pages out with nested tables; trafilatura then sees one big data
    table (and drops it, or keeps the whole page). Tables holding long text are layout, not data.
    """
    out = el if in_place else copy.deepcopy(el)
    for table in list(out.iter("table")):
        if len(text_of(table)) >= 200 or table.find(".//table") is not None:
            for node in [table, *table.iter("tbody", "thead", "tfoot", "tr", "td", "th")]:
                node.tag = _TABLE_TAGS.get(node.tag, node.tag)
                for attr in ("width", "valign", "align", "bgcolor", "cellpadding", "cellspacing", "border"):
                    node.attrib.pop(attr, None)
    for node in list(out.iter()):
        if isinstance(node.tag, str) and node.tag in {"div", "font", "span"} and node.find("br") is not None:
            _split_on_breaks(node)
    return out


def _split_on_breaks(node: etree._Element) -> None:
    """Turn the text runs of ``node`` separated by ``<br>`` into ``<p>`` children."""
    if any(isinstance(c.tag, str) and c.tag in _BLOCK - {"br"} for c in node):
        return
    runs: list[list[str]] = [[]]
    if node.text:
        runs[-1].append(node.text)
    for child in list(node):
        if child.tag == "br":
            runs.append([])
        else:
            runs[-1].append(etree.tostring(child, encoding="unicode", with_tail=False))
        if child.tail:
            runs[-1].append(child.tail)
    paras = ["".join(r).strip() for r in runs]
    paras = [p for p in paras if p]
    if len(paras) < 2:
        return
    for child in list(node):
        node.remove(child)
    node.text = None
    for p in paras:
        frag = lxml.html.fragment_fromstring(f"<p>{p}</p>")
        node.append(frag)


def _remove(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text (it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail and tail.strip():
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _longer_than(el: etree._Element, chars: int, stripped: int) -> bool:
    """``len(s) > chars and len(s.strip()) > stripped`` for ``s`` = the text of ``el``, reading
    only as much of the text as it takes: a big container answers after its first pieces.

    The pieces' own stripped lengths add up to at most ``len(s.strip())``, so when they pass
    ``stripped`` the answer is known; otherwise the whole text decides.
    """
    total = inner = 0
    for piece in el.itertext():
        total += len(piece)
        inner += len(piece.strip())
        if total > chars and inner > stripped:
            return True
    if total <= chars:
        return False
    return len(_STRING(el).strip()) > stripped


def _link_dense(el: etree._Element) -> bool:
    """True when most of a block's text is link text (a related-articles box, not prose)."""
    total = len(text_of(el))
    if total == 0:
        return True
    linked = sum(len(text_of(a)) for a in el.iter("a"))
    return linked >= 0.5 * total


def _drop_marked_blocks(scope: etree._Element, title: etree._Element | None) -> None:
    """Remove blocks introduced by a boilerplate heading ("اقرأ أيضا", "الأكثر قراءة"...)."""
    markers = tables().boiler_headings
    heads = []
    for el in scope.iter("h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "p", "div", "li", "header"):
        if len(el) > 4:  # a heading has at most a link or two inside; skip big blocks cheaply
            continue
        if el.tag in {"span", "div", "p", "li", "strong", "b"} and el.getprevious() is not None:
            continue  # a block's heading comes first in it (h2-h6 are checked wherever they are)
        if _longer_than(el, 120, 60):
            continue
        raw = _STRING(el)
        txt = squeeze(raw).strip()
        if 0 < len(txt) <= 40 and starts_with_marker(txt, markers):
            heads.append(el)
    if not heads:
        return  # most pages: no need to measure the scope's whole text
    scope_len = max(len(text_of(scope)), 1)  # before any removal, as the rule wants
    for el in heads:
        if el.getparent() is None:
            continue
        block = el.getparent()
        # Climb to the first block holding more than the heading itself (its list, its cards):
        # that block, if small compared to the article and not holding the title, goes.
        head_len = len(text_of(el))
        while (
            block is not None
            and block is not scope
            and (
                block.tag in {"strong", "b", "span", "a", "em", "header", "font"}
                or len(text_of(block)) <= head_len + 2
            )
        ):
            block = block.getparent()
        if (
            block is not None
            and block is not scope
            and not _contains(block, title)
            and len(text_of(block)) < 0.4 * scope_len
        ):
            _remove(block)
        else:
            nxt = el.getnext()
            _remove(el)
            # The block after a lone heading goes only when it looks like what such headings
            # introduce (a list, or a box of links); a plain text block after it is the story.
            if nxt is not None and (nxt.tag in {"ul", "ol"} or (nxt.tag in {"div", "section"} and _link_dense(nxt))):
                _remove(nxt)


# Items the page sets apart on one line (the inline elements of a byline bar, or text separated
# by a run of &nbsp;) are joined by " | " in short lines, so the date ladder tells a dateline's
# head and tail items from running prose; long lines (prose) get plain spaces.
_ITEM_SEP = "\x1f"
_NBSP_RUN = re.compile("\u00a0(?:[ \t]*\u00a0)+")
_ITEM_LINE_MAX = 160
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP_TEXT = frozenset({"script", "style", "noscript", "template"})


def _is_item_bar(el: etree._Element) -> bool:
    """A bar of items: no text of its own, two or more inline children, each with a class or id
    (or a ``<time>``), only whitespace between them: ``<div class="meta"><span class="author">...
    </span> <span class="date">...</span></div>``. Prose mixes its own text with its inline
    elements, and editors' spans carry no class. An item that is only a number is a piece of a
    split date or clock (a calendar badge's day and year), so its box is no bar."""
    if (el.text or "").strip():
        return False
    items = 0
    for child in el:
        if (child.tail or "").strip():
            return False
        if not isinstance(child.tag, str) or child.tag in _SKIP_TEXT:
            continue
        if child.tag in _BLOCK or not (child.get("class") or child.get("id") or child.tag == "time"):
            return False
        if text_of(child).isdigit():
            return False
        items += 1
    return items >= 2


def lines_with_title(scope: etree._Element, title: etree._Element | None) -> tuple[list[str], int]:
    """Visible text of ``scope`` as lines (block elements break lines) and the title's line index.

    The index is -1 when the title is not in the scope. Items set apart on one line are joined
    by " | " when the line is short (see ``_ITEM_SEP``); never in the title or a heading.
    """
    parts: list[str] = []
    title_pos = -1

    def walk(el: etree._Element, marks: bool) -> None:
        nonlocal title_pos
        tail = el.tail
        if not isinstance(el.tag, str) or el.tag in _SKIP_TEXT:
            if tail:
                parts.append(_NBSP_RUN.sub(_ITEM_SEP, tail) if marks and "\u00a0" in tail else tail)
            return
        block = el.tag in _BLOCK
        if block:
            parts.append("\n")
        if el is title:
            title_pos = sum(p.count("\n") for p in parts)
        inner = marks and el is not title and el.tag not in _HEADINGS
        text = el.text
        if text:
            parts.append(_NBSP_RUN.sub(_ITEM_SEP, text) if inner and "\u00a0" in text else text)
        if inner and block and len(el) > 1 and _is_item_bar(el):
            first = True
            for child in el:
                if isinstance(child.tag, str) and child.tag not in _SKIP_TEXT:
                    if not first:
                        parts.append(_ITEM_SEP)
                    first = False
                walk(child, inner)
        else:
            for child in el:
                walk(child, inner)
        if block:
            parts.append("\n")
        if tail:
            parts.append(_NBSP_RUN.sub(_ITEM_SEP, tail) if marks and "\u00a0" in tail else tail)

    walk(scope, True)
    raw_lines = "".join(parts).split("\n")
    lines: list[str] = []
    title_line = -1
    for i, line in enumerate(raw_lines):
        if not line or line.isspace():
            continue  # most raw lines are the empty ones between blocks: skip the regex
        if i >= title_pos >= 0 and title_line < 0:
            title_line = len(lines)
        if _ITEM_SEP in line:
            items = [p for p in (squeeze(x).strip(" |") for x in line.split(_ITEM_SEP)) if p]
            line = " | ".join(items) if sum(map(len, items)) + len(items) <= _ITEM_LINE_MAX else " ".join(items)
        else:
            line = squeeze(line).strip()
        if line:
            lines.append(line)
    return lines, title_line


@cache
def _extractors() -> tuple[Any, Any, Any]:
    """trafilatura settings, built once: building them per call reads its config file's values
    again (configparser) and cost a fifth of each extraction on small pages. trafilatura does
    not mutate them (it copies them for its recall retry)."""
    from trafilatura.settings import Extractor

    common = {"output_format": "txt", "comments": False, "tables": False, "dedup": False}
    fast = Extractor(fast=True, precision=True, **common)  # type: ignore[arg-type]
    full = Extractor(fast=False, precision=True, **common)  # type: ignore[arg-type]
    loose = Extractor(fast=False, precision=False, **common)  # type: ignore[arg-type]
    return fast, full, loose


def main_text(
    html_text: str, scope: etree._Element, title: str | None, drop_lines: tuple[str, ...] = ()
) -> str:
    """Main text by trafilatura over the cleaned scope, minus leftover boilerplate lines.

    ``scope`` is consumed: rewritten (:func:`detable`) and moved into the tree handed to
    trafilatura, which copies its input anyway, so a copy here would be a third one. Call this
    last. ``drop_lines``: raw date strings the ladder used; a short line holding one is a dateline.
    """
    import trafilatura

    fast, full, loose = _extractors()
    wrapper = lxml.html.Element("html")  # an HtmlElement, as trafilatura wants; no parser run
    body = etree.SubElement(wrapper, "body")
    body.append(detable(scope, in_place=True))
    # fast=True skips trafilatura's readability/justext fallbacks: the tree is already cleaned,
    # and the fallbacks triple the cost. They run only when the fast pass finds too little.
    extracted = trafilatura.extract(wrapper, options=fast)
    if not extracted or len(extracted) < 200:
        extracted = trafilatura.extract(wrapper, options=full) or extracted
    if not extracted:
        extracted = trafilatura.extract(html_text, options=loose) or ""
    t = tables()
    labels = t.label_published + t.label_modified
    folded_title = fold_line(title) if title else None
    out: list[str] = []
    for line in extracted.splitlines():
        line = line.strip()
        if not line:
            continue
        # One fold per line serves every check below: the marker checks read its first 80
        # characters, so a line that short is folded once for all of them.
        head = fold_line(line[:80])
        if folded_title and (head if len(line) <= 80 else fold_line(line)) == folded_title:
            continue
        if starts_with_marker(line, t.boiler_headings, head):
            continue
        if len(line) < 100 and starts_with_marker(line, t.print_stamps, head):
            continue
        if len(line) < 60 and ":" in line and starts_with_marker(line, t.bylines, head):
            continue
        if len(line) < 100 and any(c.isdigit() for c in line) and starts_with_marker(line, labels, head):
            continue
        if len(line) < 100 and any(d and d in line for d in drop_lines) and not _is_sentence(line):
            continue
        if len(line) < 40 and _is_counter(head, t.counters):
            continue
        if len(line) < _PROMO_MAX_CHARS and is_promo(line, head):
            continue
        out.append(line)
    return "\n".join(_without_closing_notices(out, t.notices))


_NOTICE_MAX_CHARS = 250
_NOTICE_LAST_LINES = 3


def _without_closing_notices(lines: list[str], notices: tuple[str, ...]) -> list[str]:
    """``lines`` without the outlet's standing notices at their end (at most the last three).

    Agencies and papers print a disclaimer or a syndication/copyright note under every story,
    inside the story's column and with no telling class; only its place (the very end) and its
    wording give it away. A long line, or one with story text after it, is the story's own.
    """
    keep = list(lines)
    for _ in range(_NOTICE_LAST_LINES):
        last = keep[-1] if len(keep) > 1 else None
        if last is None or len(last) > _NOTICE_MAX_CHARS or not any(n in fold_line(last) for n in notices):
            break
        keep.pop()
    return keep


def _is_sentence(line: str) -> bool:
    """A wire lead ("رام الله 14-3-2024 وفا- وزعت الوزارة ...") holds the date the ladder used
    but is the story's first sentence: eight words or more closed by a full stop. A dateline
    never ends in one."""
    return line.endswith((".", "؟", "!")) and len(line.split()) >= 8


_PROMO_MAX_CHARS = 120
_PROMO_MAX_WORDS = 14


@cache
def _promo_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Whole-word alternations (folded) of the platform, medium and call phrases."""
    t = tables()

    def words(items: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, items)) + r")(?!\w)")

    return words(t.promo_channels), words(t.promo_media), words(t.promo_calls)


def is_promo(line: str, folded_head: str | None = None) -> bool:
    """Is ``line`` a follow/subscribe promo ("تابع موقع فيتو عبر قناة (يوتيوب) اضغط هنا")?

    Short (under 120 characters and 15 words), no sentence, opening with a promo verb as a whole
    word (``promo_verbs``, ``data/boilerplate.toml``), and naming a platform, or a medium word
    together with a call to click. "تابع" is also the news verb "followed up on", and "قناة" also
    a canal, so "تابع رئيس هيئة قناة السويس حركة الملاحة" stays."""
    t = tables()
    if len(line) >= _PROMO_MAX_CHARS or len(line.split()) > _PROMO_MAX_WORDS or _is_sentence(line):
        return False
    if not starts_with_marker(line, t.promo_verbs, folded_head):
        return False
    folded = fold_line(line)
    channels, media, calls = _promo_patterns()
    return channels.search(folded) is not None or (
        media.search(folded) is not None and calls.search(folded) is not None
    )


_COUNTER_NOISE = re.compile(r"[\d\s:|•·()\-–—.,،]+")


def _is_counter(folded: str, counters: frozenset[str]) -> bool:
    """Is a (folded) line only a number and a counter word ("مشاهدات: 881")?"""
    if not any(c.isdigit() for c in folded):
        return False
    return _COUNTER_NOISE.sub(" ", folded).strip() in counters


def byline_authors(lines: list[str], title_line: int) -> list[str]:
    """Author names from a "بقلم: ..." line just below the title (pages with no author markup)."""
    start = max(title_line, 0)
    for line in lines[start : start + 6]:
        if len(line) < 60 and ":" in line and starts_with_marker(line, tables().bylines):
            name = line.split(":", 1)[1].strip(" .-|")
            if name and not any(c.isdigit() for c in name):
                return [name]
    return []
