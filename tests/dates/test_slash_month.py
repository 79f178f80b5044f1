"""Day / month name / year with slashes ("03/ مارس/2024"): one day expression.

Older Yemeni, Sudanese and Egyptian CMSes print the date this way (a Saba wire's first line
"[03/ مارس/2024] صنعاء - سبأ :", Veto's "21/أغسطس/2024 - 10:05 ص"). Both slashes and a
four-digit year are required, so a day and a month with one slash ("العدد 3/ مارس") stay no
date, and the forms already read keep their reading: the dual month "آذار/مارس", the all-numeric
"14/03/2024". Every sentence is our own, written for these tests. Anchor: Wednesday 2024-03-20.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tarikh.dates import find

ANCHOR = datetime(2024, 3, 20, 16, 0)


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.value, e.grain) for e in find(text, ANCHOR)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("[03/ مارس/2024] صنعاء - سبأ :", [("03/ مارس/2024", "2024-03-03", "day")]),
        ("03/مارس/2024", [("03/مارس/2024", "2024-03-03", "day")]),
        ("03 / مارس / 2024", [("03 / مارس / 2024", "2024-03-03", "day")]),
        ("الأحد 03/ مارس/2024", [("الأحد 03/ مارس/2024", "2024-03-03", "day")]),
        ("٠٣/ مارس/٢٠٢٤", [("٠٣/ مارس/٢٠٢٤", "2024-03-03", "day")]),
        # any family of Gregorian month names, and a Hijri month with its era
        ("14/ آذار/2024", [("14/ آذار/2024", "2024-03-14", "day")]),
        ("5/جويلية/2023", [("5/جويلية/2023", "2023-07-05", "day")]),
        ("4/ رمضان/1445 هـ", [("4/ رمضان/1445 هـ", "2024-03-14", "day")]),
        # a dual month inside the slashes is one month
        ("14/آذار/مارس/2024", [("14/آذار/مارس/2024", "2024-03-14", "day")]),
        # a clock after it joins it, as after any day
        ("نشر بتاريخ 21/أغسطس/2024 - 10:05 ص", [("21/أغسطس/2024 - 10:05 ص", "2024-08-21T10:05", "minute")]),
    ],
)
def test_slashed_month_dates(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # forms read before keep their reading
        ("14 آذار/مارس 2024", [("14 آذار/مارس 2024", "2024-03-14", "day")]),
        ("3 مارس/آذار 2024", [("3 مارس/آذار 2024", "2024-03-03", "day")]),
        ("14/03/2024", [("14/03/2024", "2024-03-14", "day")]),
        ("14 - مارس - 2024", [("14 - مارس - 2024", "2024-03-14", "day")]),
        # one slash only, or no year after the second one: no day
        ("صدر العدد 3/ مارس من المجلة", []),
        ("3/ مارس 2024", [("مارس 2024", "2024-03", "month")]),
        ("3/ مارس/24", []),
        # no such day
        ("35/ مارس/2024", []),
        ("31/ فبراير/2024", []),
    ],
)
def test_slashed_month_guards(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want
