"""Zone phrases ("بتوقيت مكة المكرمة", "GMT+3") to UTC offsets.

Split out of ``signals`` (which holds the ladder) because zone reading is one self-contained
step: find a phrase from ``data/zones.toml`` in a line, then give the offset it means on a day
(summer time comes from the zone database, the table's fixed offset is the fallback).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tarikh.text import fold

from .tables import Zone, any_of, fold_line, tables

__all__ = ["fmt_offset", "zone_in", "zone_tz"]


_SUFFIX = re.compile(r"^\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?!\d)")


def zone_in(text: str) -> str | None:
    """The first zone phrase of ``data/zones.toml`` written in ``text`` (folded), with an offset
    written right after it kept ("بتوقيت غرينتش+1", "GMT+3"), or None."""
    folded = fold_line(text)
    zones = tables().zones
    if _zone_phrases(zones).search(folded) is None:
        return None  # no phrase anywhere: the common case, in one scan
    for z in zones:
        i = folded.find(z.phrase)
        end = i + len(z.phrase)
        if i >= 0 and not folded[end : end + 1].isalpha():
            m = _SUFFIX.match(folded[end:])
            return z.phrase + (m.group(0).replace(" ", "") if m else "")
    return None


@cache
def _zone_phrases(zones: tuple[Zone, ...]) -> re.Pattern[str]:
    return any_of(tuple(z.phrase for z in zones))


def zone_tz(phrase: str, local: datetime) -> timezone | None:
    """The UTC offset a zone phrase means on ``local``'s date (a GMT/UTC phrase may carry "+1")."""
    zone = _zone(phrase)
    if zone is None:
        return None
    m = re.search(r"([+-])(\d{1,2})(?::?(\d{2}))?$", fold(phrase).replace(" ", ""))
    if m and zone.tz == "UTC":
        sign = -1 if m.group(1) == "-" else 1
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours <= 14 and minutes < 60:
            return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return _offset_for(zone, local)


def _zone(phrase: str) -> Zone | None:
    folded = fold(phrase)
    for z in tables().zones:
        if z.phrase == folded or z.phrase in folded:
            return z
    return None


def _offset_for(zone: Zone, local: datetime) -> timezone:
    try:
        off = ZoneInfo(zone.tz).utcoffset(local)
        if off is not None:
            return timezone(off)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    sign = -1 if zone.offset.startswith("-") else 1
    h, m = zone.offset[1:].split(":")
    return timezone(sign * timedelta(hours=int(h), minutes=int(m)))


def fmt_offset(tz: Any, at: datetime) -> str | None:
    off = tz.utcoffset(at) if tz is not None else None
    if off is None:
        return None
    total = int(off.total_seconds() // 60)
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"
