"""Visible Arabic date lines for the demo pages, from patterns in the outlet files.

Outlets write dates in their own ways (Levantine or Maghrebi months, Hijri beside Gregorian, Eastern
digits); those ways are data (``[formats]`` in ``demo/sites/<outlet>.toml`` and the names in
``_calendar.toml``), and this module only fills the placeholders. Pure functions, no clock.

Placeholders: ``{weekday}``, ``{d}`` ``{dd}`` (day), ``{m}`` ``{mm}`` (month number), ``{yyyy}``,
``{month_egyptian}``, ``{month_levantine}``, ``{month_maghrebi}``, ``{hijri_d}``, ``{hijri_month}``,
``{hijri_y}`` (Umm al-Qura), and for instants ``{hh}`` ``{mi}`` (24 h), ``{h12}``, ``{ampm}``, ``{gmt}``
(the offset as wire services write it: ``غرينتش`` or ``غرينتش+1``; the word is ``gmt`` in ``_calendar.toml``).
"""

from __future__ import annotations

import string
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hijridate import Gregorian

from tarikh.demo.model import Calendar, DemoDataError
from tarikh.text import to_ascii_digits

_DATE_KEYS = frozenset(
    {
        "weekday",
        "d",
        "dd",
        "m",
        "mm",
        "yyyy",
        "month_egyptian",
        "month_levantine",
        "month_maghrebi",
        "hijri_d",
        "hijri_month",
        "hijri_y",
    }
)
_TIME_KEYS = frozenset({"hh", "mi", "h12", "ampm", "gmt"})
_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def to_eastern_digits(text: str) -> str:
    """ASCII digits to Eastern Arabic digits (the reverse of ``tarikh.text.to_ascii_digits``)."""
    return text.translate(_EASTERN)


def check_pattern(path: Path, field_name: str, pattern: str, date_only: bool) -> None:
    """Reject a pattern with unknown placeholders (or clock placeholders where only a date is known)."""
    allowed = _DATE_KEYS if date_only else _DATE_KEYS | _TIME_KEYS
    try:
        names = [f[1] for f in string.Formatter().parse(pattern) if f[1] is not None]
    except ValueError as exc:
        raise DemoDataError(path, field_name, f"bad pattern: {exc}") from None
    for name in names:
        if name not in allowed:
            raise DemoDataError(
                path, field_name, f"unknown placeholder {{{name}}}; allowed: {', '.join(sorted(allowed))}"
            )


def _fields(cal: Calendar, day: date) -> dict[str, Any]:
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError) as exc:
        raise ValueError(f"no Umm al-Qura date for {day.isoformat()}: {exc}") from None
    return {
        "weekday": cal.weekdays[day.weekday()],
        "d": str(day.day),
        "dd": f"{day.day:02d}",
        "m": str(day.month),
        "mm": f"{day.month:02d}",
        "yyyy": str(day.year),
        "month_egyptian": cal.months["egyptian"][day.month - 1],
        "month_levantine": cal.months["levantine"][day.month - 1],
        "month_maghrebi": cal.months["maghrebi"][day.month - 1],
        "hijri_d": str(hijri.day),
        "hijri_month": cal.months["hijri"][hijri.month - 1],
        "hijri_y": str(hijri.year),
    }


def format_date(cal: Calendar, pattern: str, when: date | datetime, eastern: bool = False) -> str:
    """Fill ``pattern`` for a date or an instant (an aware datetime is shown on its own clock)."""
    if isinstance(when, datetime):
        values = _fields(cal, when.date())
        hour12 = when.hour % 12 or 12
        values.update(
            hh=f"{when.hour:02d}",
            mi=f"{when.minute:02d}",
            h12=str(hour12),
            ampm=cal.am if when.hour < 12 else cal.pm,
            gmt=cal.gmt + _offset_suffix(when),
        )
    else:
        values = _fields(cal, when)
    text = pattern.format_map(values)
    return to_eastern_digits(text) if eastern else to_ascii_digits(text)


def _offset_suffix(when: datetime) -> str:
    offset = when.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return ""
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}" + (f":{rest:02d}" if rest else "")


def iso(dt: datetime, eastern: bool = False) -> str:
    """ISO 8601 with offset, seconds kept (``2024-01-25T10:30:00+03:00``), optionally in Eastern digits."""
    text = dt.isoformat(timespec="seconds")
    return to_eastern_digits(text) if eastern else text
