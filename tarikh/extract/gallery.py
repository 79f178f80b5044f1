"""Figure captions: the story of a photo report, never a source of the publication date.

trafilatura leaves ``<figure>``/``<figcaption>`` out of the main text. On an ordinary article
that is right (the lead photo's caption, "جانب من الاجتماع (واع)", is not story text), but on a
photo report ("بالصور: ...", "تقرير مصور") the captions *are* the story. A page is a gallery
when it says so: a JSON-LD ``ImageGallery``/``MediaGallery``, a gallery label opening the title
or standing as a short line beside it (``gallery_labels`` in ``data/pages.toml``); or by its
shape: three or more captions and little prose. There the captions are appended to the body in
document order, without their photo credits ("- تصوير: بنا", a credit ``<span>``).

The date ladder never reads a caption line as an unlabelled dateline (:func:`caption_lines`):
a photo's date ("أرشيف 16 ديسمبر 2023", "تصوير: ... - 14 مارس 2024") is the photo's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from lxml import etree

from .body import attr_words, lines_with_title, squeeze, starts_with_marker
from .tables import fold_line, tables

__all__ = ["caption_lines", "captions", "is_gallery", "with_captions"]

# A child element of a caption that holds its credit, by class or id.
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|byline|source", re.I)
_LABEL_LINE_MAX = 30


def caption_lines(*scopes: etree._Element | None) -> frozenset[str]:
    """The lines the captions of ``scopes`` make in :func:`lines_with_title` (the same builder,
    so the ladder can tell them from the story's lines)."""
    out: set[str] = set()
    for scope in scopes:
        if scope is None:
            continue
        for fc in scope.iter("figcaption"):
            out.update(lines_with_title(fc, None)[0])
    return frozenset(out)


def is_gallery(types: Iterable[str], title: str | None, lines: list[str], title_line: int) -> bool:
    """Does the page say it is a photo report: a gallery JSON-LD type, a gallery label opening
    the title ("بالصور: ...") or a short label line just above or below it ("تقرير مصور")?"""
    t = tables()
    if set(types) & t.gallery_types:
        return True
    if title and starts_with_marker(title, t.gallery_labels):
        return True
    if title_line < 0:
        return False
    near = lines[max(0, title_line - 2) : title_line + 3]
    return any(len(line) <= _LABEL_LINE_MAX and starts_with_marker(line, t.gallery_labels) for line in near)


def captions(scope: etree._Element) -> list[str]:
    """The caption texts of ``scope`` in document order, credits removed, duplicates dropped."""
    out: list[str] = []
    for fc in scope.iter("figcaption"):
        text = _strip_credit(squeeze(_text_without_credits(fc)).strip())
        if len(text) >= 8 and text not in out and not _credit_head().match(fold_line(text)):
            out.append(text)
    return out


def with_captions(body: list[str], caps: list[str], gallery: bool) -> list[str]:
    """``body`` with ``caps`` appended when the page is a gallery (said, or by shape: at least
    ``gallery.min_captions`` captions beside less than ``gallery.max_prose_chars`` of prose).
    A caption the body already holds is not repeated."""
    t = tables()
    prose = sum(len(line) for line in body)
    if not caps or not (gallery or (len(caps) >= t.gallery_min_captions and prose < t.gallery_max_prose_chars)):
        return body
    have = fold_line("\n".join(body)) if body else ""
    return body + [c for c in caps if fold_line(c) not in have]


def _text_without_credits(fc: etree._Element) -> str:
    """The caption's text, leaving out children whose class or id names a credit."""
    parts = [fc.text or ""]
    for child in fc:
        if isinstance(child.tag, str) and not _CREDIT_CLASS.search(attr_words(child)):
            parts.append(_text_without_credits(child))
        parts.append(child.tail or "")
    return "".join(parts)


@cache
def _credit_tail() -> re.Pattern[str]:
    """A trailing credit: a dash, pipe or opening bracket, then a credit word
    (``caption_credits`` in ``data/boilerplate.toml``), to the end."""
    words = "|".join(re.escape(w) for w in sorted(tables().caption_credits, key=len, reverse=True))
    return re.compile(rf"\s*(?:[-–—|/•·]|\(|\[)\s*(?:{words})(?:\s*[:：])?(?:[^\w]|$)[^()\[\]]*[)\]]?\s*$")


@cache
def _credit_head() -> re.Pattern[str]:
    """A caption that is a credit line ("تصوير: سامي الراوي - 14 مارس 2024")."""
    words = "|".join(re.escape(w) for w in sorted(tables().caption_credits, key=len, reverse=True))
    return re.compile(rf"\s*(?:{words})\s*[:：]")


def _strip_credit(text: str) -> str:
    """``text`` without a trailing credit ("... - تصوير: بنا", "... (واع)", "... | رويترز").

    Matched on the folded text, which keeps the length (so its span cuts the text as written);
    when folding changes the length the text is kept whole."""
    folded = fold_line(text)
    if len(folded) != len(text):
        return text
    m = _credit_tail().search(folded)
    return text[: m.start()].rstrip(" -–—|،,") if m and m.start() > 0 else text
