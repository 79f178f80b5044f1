"""Arabic temporal expressions to TIMEX3 values.

``find(text, anchor)`` returns the date and time expressions of an Arabic text, each with its
character span in the original string and a resolved value (see docs/dates.md). The vocabulary
lives in ``data/*.toml``; the grammar is in :mod:`tarikh.dates.grammar`.
"""

from tarikh.dates.grammar import find
from tarikh.dates.model import DatesError, TimeExpression

__all__ = ["DatesError", "TimeExpression", "find"]
