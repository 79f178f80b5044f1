"""Every JSON-LD block of a page, tolerantly parsed, and the article node(s) in it.

Peers read only the first block (news-please) or give up on invalid JSON; real outlets ship an
``Organization`` block first, a ``BreadcrumbList`` second and the ``NewsArticle`` third, or one
Yoast ``@graph`` holding all of them, with trailing commas, raw newlines inside strings and
HTML comments around the JSON. We parse all blocks, walk ``@graph``, arrays and nested
``mainEntity``/``mainEntityOfPage``, and rank the nodes by type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Types in preference order: a news node beats a generic article beats a web page.
_TYPE_RANK = {
    "newsarticle": 0,
    "reportagenews": 0,
    "analysisnewsarticle": 0,
    "opinionnewsarticle": 0,
    "backgroundnewsarticle": 0,
    "reviewnewsarticle": 0,
    "askpublicnewsarticle": 0,
    "liveblogposting": 1,
    "article": 1,
    "blogposting": 1,
    "socialmediaposting": 2,
    "report": 2,
    "scholarlyarticle": 2,
    # Photo and video galleries are articles made of captions; outlets date them like any story.
    "imagegallery": 2,
    "mediagallery": 2,
    # A video page's only dated node is often its VideoObject ("uploadDate"): news video
    # sections date their clips there, and the clip is the page's story.
    "videoobject": 2,
    "creativework": 3,
    "webpage": 4,
    "itempage": 4,
    "medicalwebpage": 4,
}


def type_rank(name: str) -> int | None:
    """Rank of a lower-cased ``@type`` (0 best), None for types that are not dated stories.

    Beyond the table: every schema.org subtype of NewsArticle ends in "newsarticle"
    (``ReportageNewsArticle`` on BBC World Service pages) and of Article in "article"
    (``TechArticle``, ``SatiricalArticle``), so new ones rank with their family.
    """
    if name in _TYPE_RANK:
        return _TYPE_RANK[name]
    if name.endswith("newsarticle"):
        return 0
    if name.endswith("article"):
        return 1
    return None

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_COMMENT = re.compile(
    r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|//\s*<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|//\s*\]\]>)\s*$"
)


@dataclass
class Node:
    """One typed JSON-LD node: its rank (lower is better), types and the raw mapping."""

    rank: int
    types: list[str]
    data: dict[str, Any]
    block: int


@dataclass
class JsonLd:
    """All article-like nodes of a page, best first, plus what else the blocks named."""

    nodes: list[Node] = field(default_factory=list)
    publisher: str | None = None
    errors: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)  # every @type seen, lower-cased

    @property
    def best(self) -> Node | None:
        return self.nodes[0] if self.nodes else None


def loads_lenient(text: str) -> Any:
    """``json.loads`` that survives what CMS templates emit: comments, CDATA, trailing commas, raw newlines."""
    text = _COMMENT.sub("", text.strip()).strip()
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError:
        pass
    fixed = _TRAILING_COMMA.sub(r"\1", text)
    try:
        return json.loads(fixed, strict=False)
    except json.JSONDecodeError:
        pass
    # Several objects pasted into one block without an enclosing array.
    decoder = json.JSONDecoder(strict=False)
    items, pos = [], 0
    while pos < len(fixed):
        while pos < len(fixed) and fixed[pos] in " \t\r\n,;":
            pos += 1
        if pos >= len(fixed):
            break
        obj, pos = decoder.raw_decode(fixed, pos)  # raises JSONDecodeError: the caller records it
        items.append(obj)
    return items


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type")
    if isinstance(t, str):
        return [t]
    if isinstance(t, list):
        return [x for x in t if isinstance(x, str)]
    return []


def _walk(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict in the tree (``@graph``, arrays, nested entities), bounded in depth."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        yield value
        for key, item in value.items():
            if key in {"@graph", "mainEntity", "mainEntityOfPage", "hasPart", "itemListElement", "about"} or (
                isinstance(item, list) and key == "@graph"
            ):
                yield from _walk(item, depth + 1)


def name_of(value: Any) -> str | None:
    """A name from a JSON-LD person/organization value: string, ``{"name": ...}`` or a list of those."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
        return None
    if isinstance(value, list):
        for item in value:
            found = name_of(item)
            if found:
                return found
    return None


def names_of(value: Any) -> list[str]:
    """All names in an author value (string, object or list)."""
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(names_of(item))
        return out
    name = name_of(value)
    return [name] if name else []


def person_names(value: Any) -> list[str]:
    """The names in an author value that may be people: as :func:`names_of`, leaving out nodes
    typed as an organization (``Organization``, ``NewsMediaOrganization``...): outlets credit
    stories to themselves or to an agency that way, and an organization is no author."""
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            out.extend(person_names(item))
        return out
    if isinstance(value, dict) and any(t.rsplit("/", 1)[-1].lower().endswith("organization") for t in _types(value)):
        return []
    return names_of(value)


def parse_blocks(blocks: list[str]) -> JsonLd:
    """Parse every ``application/ld+json`` block text; rank article nodes; remember the publisher."""
    out = JsonLd()
    by_id: dict[str, dict[str, Any]] = {}
    for i, text in enumerate(blocks):
        try:
            data = loads_lenient(text)
        except json.JSONDecodeError as exc:
            out.errors.append(f"json-ld block {i + 1} unreadable: {exc.msg} at {exc.pos}")
            continue
        for node in _walk(data):
            if isinstance(node.get("@id"), str) and len(node) > 2:
                by_id.setdefault(node["@id"], node)
            types = [t.rsplit("/", 1)[-1].lower() for t in _types(node)]
            out.types.update(types)
            ranks = [r for r in map(type_rank, types) if r is not None]
            if ranks:
                out.nodes.append(Node(min(ranks), types, node, i))
            if out.publisher is None and any(t in {"newsmediaorganization", "organization"} for t in types):
                out.publisher = name_of(node)
    # A publisher given as {"@id": ...} refers to a node elsewhere in the graph.
    for art in out.nodes:
        pub = art.data.get("publisher")
        if isinstance(pub, dict) and "name" not in pub and isinstance(pub.get("@id"), str):
            target = by_id.get(pub["@id"])
            if target is not None:
                art.data = {**art.data, "publisher": target}
        authors = art.data.get("author")
        if isinstance(authors, dict | list):
            resolved = []
            for a in authors if isinstance(authors, list) else [authors]:
                if isinstance(a, dict) and "name" not in a and isinstance(a.get("@id"), str):
                    resolved.append(by_id.get(a["@id"], a))
                else:
                    resolved.append(a)
            art.data = {**art.data, "author": resolved}
    # Stable sort: among equal types the node with a date wins, then document order.
    out.nodes.sort(key=lambda n: (n.rank, "datePublished" not in n.data, n.block))
    return out
