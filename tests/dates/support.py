"""What the rule tests share: the Baghdad zone, the usual anchor, and expressions as (text, value)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tarikh.dates import find

BAGHDAD = timezone(timedelta(hours=3))
ANCHOR = datetime(2024, 1, 25, 14, 0, tzinfo=BAGHDAD)  # a Thursday


def pairs(text: str, anchor: datetime | date | None = ANCHOR) -> list[tuple[str, str]]:
    """(surface text, value) of every expression ``find`` returns."""
    return [(e.text, e.value) for e in find(text, anchor)]
