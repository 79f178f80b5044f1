"""The shapes that leave :mod:`tarikh.extract`: :class:`Article`, :class:`Hints`, :class:`ExtractError`.

Kept apart from the logic so the crawl, re-extraction and tests can import the types without
pulling lxml/trafilatura in (they are heavy and the types are not).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

#: Ladder steps in trust order; a date's ``*_source`` is one of these.
LADDER = ("hint", "json-ld", "meta", "time", "text", "url")

#: Values of :attr:`Article.page_kind`.
PAGE_KINDS = ("article", "not_found", "listing", "blocked", "empty")

#: Grains a publication time can have, finest first.
GRAINS = ("second", "minute", "hour", "day", "month", "year")


class ExtractError(ValueError):
    """Input the extractor cannot read at all (not bytes/str, undecodable, not HTML)."""


@dataclass(frozen=True)
class Hints:
    """What discovery knew about a page before fetching it.

    ``published`` is the feed's ``pubDate``, a news sitemap's ``publication_date`` or the date a
    listing page showed; it may be a datetime, a date, or the raw string the feed carried (RFC 822
    or ISO 8601). ``source`` names where it came from (``rss``, ``atom``, ``news-sitemap``,
    ``listing``) and is kept in warnings/provenance, never trusted to mean more.
    """

    published: datetime | date | str | None = None
    title: str | None = None
    source: str | None = None

    @classmethod
    def coerce(cls, value: Hints | Mapping[str, Any] | None) -> Hints:
        """Accept a :class:`Hints`, a plain mapping (e.g. JSON from a shard) or ``None``."""
        if value is None:
            return cls()
        if isinstance(value, Hints):
            return value
        if isinstance(value, Mapping):
            unknown = set(value) - {"published", "title", "source"}
            if unknown:
                raise ExtractError(f"unknown hint keys: {sorted(unknown)}")
            return cls(published=value.get("published"), title=value.get("title"), source=value.get("source"))
        raise ExtractError(f"hints must be Hints, a mapping or None, not {type(value).__name__}")


@dataclass
class Article:
    """One extracted page. ``to_dict`` gives JSON-ready values (ISO 8601 with offset)."""

    url: str
    canonical_url: str
    title: str | None = None
    body: str = ""
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    lang: str | None = None
    published: datetime | None = None
    published_source: str | None = None
    published_raw: str | None = None
    published_grain: str | None = None
    #: The outlet's UTC offset for ``published`` when the page told us one (``+03:00``), else None.
    #: With grain ``day`` and no offset, ``published`` is midnight UTC of the outlet's local date.
    published_offset: str | None = None
    modified: datetime | None = None
    modified_source: str | None = None
    modified_raw: str | None = None
    modified_grain: str | None = None
    encoding: str | None = None
    page_kind: str = "article"
    warnings: list[str] = field(default_factory=list)

    @property
    def date_source(self) -> str | None:
        """Alias used by the CLI output: the ladder step that gave ``published``."""
        return self.published_source

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping; datetimes as ISO 8601 with offset."""
        out = asdict(self)
        for key in ("published", "modified"):
            value = out[key]
            out[key] = value.isoformat() if isinstance(value, datetime) else None
        out["date_source"] = self.published_source
        return out
