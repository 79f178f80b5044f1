"""Date orders ``tarikh.dates`` does not read, rewritten before it runs (same length, so the
expressions' offsets still index the text as given).

Kept apart from ``signals`` (the ladder) because each rewrite is a pure text step with its
own reason; each should move into ``tarikh.dates`` one day (reported to the lead).
"""

from __future__ import annotations

import re

__all__ = ["prepare"]

_DIGIT = re.compile(r"\d")


# Orders tarikh.dates does not read, rewritten to "day month year" in the same number of
# characters (so offsets outside the run are unchanged and the run's span is the same):
# WordPress's default "F j, Y" in Arabic ("مارس 14, 2024") and a year printed first by a
# left-to-right template shown right to left ("2024 الخميس 14 مارس").
_MONTH_FIRST = re.compile(r"(?<![\w])([^\W\d_]{3,})\s+([\d٠-٩]{1,2})\s*[,،]\s*([\d٠-٩]{4})(?![\d٠-٩])")
_YEAR_FIRST = re.compile(
    r"(?<![\w:])([\d٠-٩]{4})\s+((?:[^\W\d_]{3,}\s+)?[\d٠-٩]{1,2}\s+[^\W\d_]{3,})(?![\w\d])"
)


def _same_length(new: str, old: str) -> str:
    return new.ljust(len(old))[: len(old)]


def _reorder(text: str) -> str:
    if not _DIGIT.search(text):
        return text
    text = _MONTH_FIRST.sub(lambda m: _same_length(f"{m[2]} {m[1]} {m[3]}", m[0]), text)
    return _YEAR_FIRST.sub(lambda m: _same_length(f"{m[2]} {m[1]}", m[0]), text)


def prepare(text: str) -> str:
    """``text`` with the orders above rewritten; its length is unchanged."""
    return _reorder(text)
