"""A weekday written before a numeric date belongs to that date (found by the extraction round)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tarikh.dates import find

FETCHED_LATER = datetime.fromisoformat("2026-11-29T10:00:00+03:00")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("الخميس 14/03/2024", "الخميس 14/03/2024", "2024-03-14"),
        ("يوم الخميس، 14/3/2024", "يوم الخميس، 14/3/2024", "2024-03-14"),
        ("نشر في الخميس 14-03-2024 الساعة 09:30", "الخميس 14-03-2024 الساعة 09:30", "2024-03-14T09:30"),
    ],
)
def test_weekday_joins_the_numeric_date(text: str, surface: str, value: str) -> None:
    (expr,) = find(text, FETCHED_LATER)
    assert (expr.text, expr.value) == (surface, value)
    assert text[expr.start : expr.end] == surface


def test_a_weekday_elsewhere_stays_its_own_expression() -> None:
    found = [(e.text, e.value) for e in find("وصل في 14/3/2024 وغادر الخميس", FETCHED_LATER)]
    assert found[0] == ("14/3/2024", "2024-03-14")
    assert found[1][0] == "الخميس"
