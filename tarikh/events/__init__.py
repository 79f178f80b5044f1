"""Events stage: dated mentions, syndication links and event clusters of a set of articles.

Entry point :func:`build` (contract in ``docs/contracts.md``, section events). It is a pure
function of its input: the same articles, in any order, give the same ids and the same rows in
the same order. Sub-modules: :mod:`~tarikh.events.mentions` (offsets, anchor, modality),
:mod:`~tarikh.events.syndication` (near-duplicate articles), :mod:`~tarikh.events.clustering`
(events and their rules), :mod:`~tarikh.events.tables` (the language tables, as data).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tarikh.events.clustering import cluster, mark_references, pool_by_article, sentence_content
from tarikh.events.mentions import (
    ARTICLE_TEXT_SEPARATOR,
    MODALITIES,
    EventsError,
    Mention,
    article_anchor,
    article_mentions,
    article_text,
    check_article,
)
from tarikh.events.syndication import find_duplicates
from tarikh.events.tables import Tables, load_tables

__all__ = [
    "ARTICLE_TEXT_SEPARATOR",
    "MODALITIES",
    "Built",
    "EventsError",
    "article_text",
    "build",
]


@dataclass
class Built:
    """What :func:`build` returns: syndication links, mention rows and event rows."""

    dup_of: dict[str, str] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def _default_find() -> Callable[..., Any]:
    try:
        from tarikh.dates import find
    except ImportError as exc:  # pragma: no cover - only when the dates stage is missing
        raise EventsError(f"tarikh.dates is not importable: {exc}") from exc
    return find


def build(articles: Sequence[Mapping[str, Any]], tables: Tables | None = None) -> Built:
    """Mentions, syndication links and events of ``articles`` (see the module docs for the rules).

    Each article needs ``article_id``, ``outlet``, ``url``, ``title``, ``body``, ``published``
    (aware datetime or None) and optionally ``published_offset`` ("+03:00"). Duplicate
    article_ids are an :class:`EventsError`: the caller should have kept one version per URL.
    """
    tables = tables or load_tables()
    find = _default_find()
    seen: set[str] = set()
    for a in articles:
        check_article(a)
        if a["article_id"] in seen:
            raise EventsError(f"article_id {a['article_id']!r} appears twice")
        seen.add(a["article_id"])
    ordered = sorted(articles, key=lambda a: str(a["article_id"]))

    texts: dict[str, str] = {}
    published_utc: dict[str, datetime | None] = {}
    outlet_of: dict[str, str] = {}
    all_mentions: list[Mention] = []
    bags: dict[str, tuple[frozenset[str], int]] = {}
    for a in ordered:
        aid = str(a["article_id"])
        anchor = article_anchor(a)
        published_utc[aid] = anchor.astimezone(UTC) if anchor is not None else None
        outlet_of[aid] = str(a["outlet"])
        found, _sentences, text = article_mentions(a, tables, find)
        texts[aid] = text
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for m in found:
            spans[m.row["sentence_index"]].append(
                (m.row["char_start"] - m.sentence_start, m.row["char_end"] - m.sentence_start)
            )
        for m in found:
            focus = (m.row["char_start"] - m.sentence_start, m.row["char_end"] - m.sentence_start)
            bags[m.row["mention_id"]] = sentence_content(
                m.row["sentence"], spans[m.row["sentence_index"]], tables, focus, tables.content_window
            )
        body_start = len(a.get("title") or "") + len(ARTICLE_TEXT_SEPARATOR)
        if tables.pool_article:
            pool_by_article(found, bags, body_start)
        mark_references(found, body_start)
        all_mentions.extend(found)

    dup_of = find_duplicates(texts, published_utc, tables)
    events = cluster(all_mentions, bags, dup_of, outlet_of, published_utc, tables)
    rows = [m.row for m in all_mentions]
    rows.sort(key=lambda r: (r["date_start"], r["mention_id"]))
    return Built(dup_of=dup_of, mentions=rows, events=events)
