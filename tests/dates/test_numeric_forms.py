"""Numeric dates: a two-digit year with slashes ("27/11/24"); and a date whose day-first reading is impossible ("12/15/2023": no month 15) is a US
month-first date (embassies, CENTCOM, the coalition's releases); an ambiguous one stays day-first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tarikh.dates import find

ANCHOR = datetime(2026, 11, 29, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12/15/2023", "2023-12-15"), ("بيان صحفي | 12/15/2023", "2023-12-15"), ("1/31/2024", "2024-01-31"),
     ("15/12/2023", "2023-12-15"), ("05/12/2023", "2023-12-05"), ("12/05/2023", "2023-05-12")],
)
def test_numeric_dates(text: str, value: str) -> None:
    assert [e.value for e in find(text, ANCHOR)] == [value]


@pytest.mark.parametrize("text", ["13/13/2023", "31/31/2023", "2/30/2024"])
def test_impossible_either_way(text: str) -> None:
    assert find(text, ANCHOR) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("27/11/24 08:14", "2024-11-27T08:14"), ("نشر في 3/1/24", "2024-01-03"), ("12/05/99", "1999-05-12")],
)
def test_two_digit_years_with_slashes(text: str, value: str) -> None:
    assert [e.value for e in find(text, ANCHOR)] == [value]


@pytest.mark.parametrize("text", ["27.11.24", "النتيجة 3.1.24 نقطة", "10-12-24", "القرار 242/67/12", "31/02/24"])
def test_no_two_digit_year_reading(text: str) -> None:
    assert [e.value for e in find(text, ANCHOR) if e.grain == "day"] == []
