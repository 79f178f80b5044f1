"""Authors from a page's visible byline markup, for pages whose JSON-LD and meta name nobody.

Themes mark the byline even when the head says nothing: a link to the author's page
(``/author/rita``, ``rel="author"``), an hCard ``.fn``, or an element whose class says
author/writer/byline (``span.jmh-writer``). The same markup also sits in comments, related
items and author boxes of other stories, so candidates inside those blocks are left out, and a
name must look like one: two to five words of letters, no digits, not the outlet itself.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from tarikh.text import fold

from .body import attr_words
from .tables import fold_line, tables

_CANDIDATES = etree.XPath(
    "//body//a[contains(@href, '/author') or contains(@href, '/writer') or contains(@rel, 'author')]"
    " | //body//*[contains(@class, 'author') or contains(@class, 'writer') or contains(@class, 'byline')"
    " or contains(@class, 'kateb') or contains(@class, ' fn') or @class = 'fn' or @itemprop = 'author']"
)
_LETTERS = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
_SEPARATORS = re.compile(r"\s*[|•·،,/–—]\s*|\s+-\s+")
_MAX_NAME_CHARS = 40


def _other_item(el: etree._Element, exclude: re.Pattern[str]) -> bool:
    """Is ``el`` in a block of other items (comments, related, sidebars, menus, the site footer)?"""
    for a in (el, *el.iterancestors()):
        if a.tag in {"aside", "nav"}:
            return True
        if a.tag == "footer" and not any(b.tag == "article" for b in a.iterancestors()):
            return True
        if a.tag not in {"body", "html", "article", "main"} and exclude.search(attr_words(a)):
            return True
    return False


def _first_text(el: etree._Element, prefixes: tuple[str, ...]) -> str:
    """The element's first piece of text, with a "بقلم:" piece joined to the name after it: a
    writer box also holds the column's title or the writer's job, in their own elements."""
    chunks = [" ".join(c.split()) for c in el.itertext()]
    chunks = [c for c in chunks if c]
    if len(chunks) > 1 and fold(chunks[0]).rstrip(" :") in prefixes:
        return f"{chunks[0]} {chunks[1]}"
    return chunks[0] if chunks else ""


def _name(text: str, prefixes: tuple[str, ...], own: set[str]) -> str | None:
    """The person's name in a byline's text, or None when it does not read as one."""
    text = " ".join(text.split())
    folded = fold(text)
    for p in prefixes:
        if folded.startswith(p):
            text = text[len(p):].lstrip(" :：-")
            break
    text = _SEPARATORS.split(text, maxsplit=1)[0].strip(" .:-")
    words = text.split()
    if not 2 <= len(words) <= 5 or len(text) > _MAX_NAME_CHARS:
        return None
    if not all(_LETTERS.match(w) for w in words) or fold_line(text) in own:
        return None
    return text


def byline_names(doc: lxml.html.HtmlElement, own_names: set[str]) -> list[str]:
    """The name in the page's first byline, as a one-item list (or an empty one).

    ``own_names``: folded outlet/publisher names (an outlet credits itself; that is no author).
    Markup that names two or more different people (one ``div.writer`` per columnist in a
    "كتّاب الصحيفة" box, a teaser list's author links) is a list of other stories' writers, not
    this story's byline, and is skipped. Call before the scope is cleaned: the byline often
    sits in the article's header block.
    """
    t = tables()
    found: list[tuple[tuple[str, str], str]] = []
    for el in _CANDIDATES(doc):
        if len(el) > 3 or _other_item(el, t.byline_exclude):
            continue
        name = _name(_first_text(el, t.bylines), t.bylines, own_names)
        if name is not None:
            found.append(((str(el.tag), el.get("class") or ""), name))
    names_of: dict[tuple[str, str], set[str]] = {}
    for kind, name in found:
        names_of.setdefault(kind, set()).add(fold_line(name))
    for kind, name in found:
        if len(names_of[kind]) == 1:
            return [name]
    return []
