"""The public data shapes of :mod:`tarikh.dates` (see docs/contracts.md, section dates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

GRAINS = ("minute", "hour", "day", "week", "month", "season", "quarter", "half", "year", "decade")


class DatesError(ValueError):
    """Input that ``find`` cannot work with (wrong types), or a broken vocabulary table."""


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """One temporal expression found in a text, resolved to a TIMEX3-style value.

    ``start``/``end`` index the caller's original string, so ``text == original[start:end]``
    even when the input holds Eastern digits, diacritics or tatweel. ``date_start`` and
    ``date_end`` are inclusive and always Gregorian. ``mod`` carries part-of-period words
    (TIMEX3 ``START``/``MID``/``END``) without narrowing ``grain``.
    """

    text: str
    start: int
    end: int
    value: str
    grain: str
    date_start: date
    date_end: date
    calendar: str = "gregorian"
    cue: str = "absolute"
    timezone: str | None = None
    range_id: str | None = None
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (dates as ISO strings), field order as declared."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "grain": self.grain,
            "date_start": self.date_start.isoformat(),
            "date_end": self.date_end.isoformat(),
            "calendar": self.calendar,
            "cue": self.cue,
            "timezone": self.timezone,
            "range_id": self.range_id,
            "mod": self.mod,
        }
