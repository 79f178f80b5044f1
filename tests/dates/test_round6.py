"""Round 6 rules: two joins the article extractor needs, and the causes of batch 13's misses.

Every sentence here is our own, written for these tests (none is in heldout.jsonl). Anchor:
Wednesday 2024-03-20 unless stated.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tarikh.dates import find

ANCHOR = datetime(2024, 3, 20, 16, 0)  # a Wednesday


def triples(text: str, anchor: datetime | date | None = ANCHOR) -> list[tuple[str, str, str]]:
    return [(e.text, e.value, e.grain) for e in find(text, anchor)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a clock before its date, joined by a dash, a bar or a comma: one minute expression
        ("09:30 ص - الخميس 14 مارس 2024", [("09:30 ص - الخميس 14 مارس 2024", "2024-03-14T09:30", "minute")]),
        ("10:45 - 14/03/2024", [("10:45 - 14/03/2024", "2024-03-14T10:45", "minute")]),
        ("آخر تحديث: 07:05 | 11-03-2024", [("07:05 | 11-03-2024", "2024-03-11T07:05", "minute")]),
        ("9:15 م، الأحد 10 مارس", [("9:15 م، الأحد 10 مارس", "2024-03-10T21:15", "minute")]),
        # a spelled hour needs ص/م or a part of day to stand as a time before the dash
        (
            "السابعة مساء - الإثنين 18 مارس 2024",
            [("السابعة مساء - الإثنين 18 مارس 2024", "2024-03-18T19:00", "minute")],
        ),
    ],
)
def test_clock_before_its_date(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want


def test_clock_before_its_date_keeps_the_zone() -> None:
    got = find("الساعة 18:20 بتوقيت القدس، الثلاثاء 19 مارس", ANCHOR)
    assert [(e.text, e.value, e.timezone) for e in got] == [
        ("الساعة 18:20 بتوقيت القدس، الثلاثاء 19 مارس", "2024-03-19T18:20", "بتوقيت القدس")
    ]


def test_clock_without_a_day_after_it_still_takes_the_anchor_day() -> None:
    # nothing dated after the comma: the lone clock keeps today's date
    assert triples("انقطع التيار الكهربائي الساعة 11:40، وعاد بعد ساعتين") == [
        ("الساعة 11:40", "2024-03-20T11:40", "minute")
    ]
    # a bare number before a dash is not a clock ("فاز 3 - 1" is a score)
    assert triples("فاز الفريق 3 - 1 على ضيفه") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("صدر البيان بتاريخ 14 - مارس - 2024", [("14 - مارس - 2024", "2024-03-14", "day")]),
        ("صدر البيان بتاريخ 14-مارس-2024", [("14-مارس-2024", "2024-03-14", "day")]),
        ("نشر التقرير يوم 2 – أبريل – 2023", [("يوم 2 – أبريل – 2023", "2023-04-02", "day")]),
        # one dash only, the year written without one
        ("وقع الحادث في 11 - مارس الجاري", [("11 - مارس الجاري", "2024-03-11", "day")]),
        # with its clock before it
        ("10:45 | 14-مارس-2024", [("10:45 | 14-مارس-2024", "2024-03-14T10:45", "minute")]),
    ],
)
def test_dashes_inside_a_date(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want


def test_a_dash_between_days_is_still_a_range() -> None:
    got = [(e.text, e.value, e.range_id) for e in find("تقام الدورة من 14 - 16 مارس 2024", ANCHOR)]
    assert got == [("14", "2024-03-14", "r1"), ("16 مارس 2024", "2024-03-16", "r1")]


def test_a_warning_dates_itself_not_the_danger() -> None:
    # after "حذر ... من" the day of the danger takes the nearest reading
    assert triples("حذرت هيئة الأرصاد من عاصفة ترابية الجمعة") == [("الجمعة", "2024-03-22", "day")]
    # a weekday before the من dates the warning itself
    assert triples("حذر وزير الصحة الإثنين من انتشار الحصبة") == [("الإثنين", "2024-03-18", "day")]


def test_an_opening_past_verb_missing_from_the_table_is_no_forecast() -> None:
    # "تجمعت" is not in the past table, but its shape is a past verb: no verbless forecast
    assert triples("تجمعت السيول في الأودية مساء الأحد") == [("مساء الأحد", "2024-03-17", "day")]
    # a verbless forecast headline, even after a place label, keeps the coming day
    assert triples("بيروت: أمطار غزيرة وثلوج على المرتفعات الأحد") == [("الأحد", "2024-03-24", "day")]
