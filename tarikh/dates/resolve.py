"""Calendar arithmetic for resolved values: pure functions, no text.

Each ``*_value`` helper returns ``(value, grain, date_start, date_end)`` in TIMEX3 style, with
inclusive Gregorian dates. Hijri conversion goes through hijridate (Umm al-Qura tables, years
1343..1500); outside that range the helpers return ``None`` so the tagger skips the expression
instead of inventing a date.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

Resolved = tuple[str, str, date, date]


def day_value(d: date) -> Resolved:
    return d.isoformat(), "day", d, d


def week_value(d: date) -> Resolved:
    y, w, wd = d.isocalendar()
    monday = d - timedelta(days=wd - 1)
    return f"{y}-W{w:02d}", "week", monday, monday + timedelta(days=6)


def month_value(y: int, m: int) -> Resolved:
    last = _cal.monthrange(y, m)[1]
    return f"{y:04d}-{m:02d}", "month", date(y, m, 1), date(y, m, last)


def year_value(y: int) -> Resolved:
    return f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31)


def decade_value(first_year: int) -> Resolved:
    first_year -= first_year % 10
    return f"{first_year // 10:03d}", "decade", date(first_year, 1, 1), date(first_year + 9, 12, 31)


def season_value(y: int, code: str, first_month: int) -> Resolved:
    start = date(y, first_month, 1)
    end_y, end_m = add_months(y, first_month, 2)
    return f"{y:04d}-{code}", "season", start, date(end_y, end_m, _cal.monthrange(end_y, end_m)[1])


def quarter_value(y: int, q: int) -> Resolved:
    m0 = 3 * (q - 1) + 1
    return f"{y:04d}-Q{q}", "quarter", date(y, m0, 1), date(y, m0 + 2, _cal.monthrange(y, m0 + 2)[1])


def half_value(y: int, h: int) -> Resolved:
    return f"{y:04d}-H{h}", "half", date(y, 6 * h - 5, 1), date(y, 6 * h, 30 if h == 1 else 31)


def minute_value(d: date, hour: int, minute: int | None) -> Resolved:
    """A clock time on day ``d``. A written hour without minutes ("الساعة العاشرة") is the
    clock time 10:00, as TimeML writes it, so every clock time has minute grain."""
    return f"{d.isoformat()}T{hour:02d}:{minute or 0:02d}", "minute", d, d


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def safe_date(y: int, m: int, d: int) -> date | None:
    """The Gregorian date, or None when it does not exist (31 February)."""
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 9999):
        return None
    if d > _cal.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def hijri_to_gregorian(y: int, m: int, d: int) -> date | None:
    """Gregorian date of a Hijri (Umm al-Qura) date, or None outside the table or invalid."""
    try:
        h = Hijri(y, m, 1)
        if not 1 <= d <= h.month_length():
            return None
        return _plain(Hijri(y, m, d).to_gregorian())
    except (ValueError, OverflowError):
        return None


def _plain(d: date) -> date:
    """hijridate returns a date subclass; keep public values plain ``datetime.date``."""
    return date(d.year, d.month, d.day)


def hijri_month_range(y: int, m: int) -> tuple[date, date] | None:
    try:
        first = Hijri(y, m, 1)
        start = _plain(first.to_gregorian())
        return start, start + timedelta(days=first.month_length() - 1)
    except (ValueError, OverflowError):
        return None


def hijri_year_range(y: int) -> tuple[date, date] | None:
    try:
        start = _plain(Hijri(y, 1, 1).to_gregorian())
        last = Hijri(y, 12, 1)
        end = _plain(last.to_gregorian()) + timedelta(days=last.month_length() - 1)
        return start, end
    except (ValueError, OverflowError):
        return None


def gregorian_to_hijri(d: date) -> tuple[int, int, int] | None:
    try:
        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except (ValueError, OverflowError):
        return None


def midpoint(start: date, end: date) -> date:
    return start + (end - start) / 2


def pick(candidates: list[int], target: int, mode: str) -> int | None:
    """Choose among sortable candidate keys relative to ``target``.

    ``past`` (<= target, latest), ``past-strict`` (< target), ``future`` (>= target, earliest),
    ``future-strict`` (> target), ``nearest`` (smallest distance, the past wins ties).
    """
    if mode == "past":
        ok = [c for c in candidates if c <= target]
        return max(ok) if ok else None
    if mode == "past-strict":
        ok = [c for c in candidates if c < target]
        return max(ok) if ok else None
    if mode == "future":
        ok = [c for c in candidates if c >= target]
        return min(ok) if ok else None
    if mode == "future-strict":
        ok = [c for c in candidates if c > target]
        return min(ok) if ok else None
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs(c - target), c > target))
