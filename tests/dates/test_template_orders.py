"""Two date orders printed by page templates, read by ``find`` itself (they used to be rewritten by
the article extractor before it called ``find``):

- WordPress's default "F j, Y" in Arabic: "مارس 14, 2024" (month, day, comma, year);
- a year printed first by a left-to-right template shown right to left: "2024 الخميس 14 مارس".

Every sentence here is our own, written for these tests. Anchor: Wednesday 2024-03-20.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tarikh.dates import find
from tarikh.dates.tables import lexicon, load_table

ANCHOR = datetime(2024, 3, 20, 16, 0)  # a Wednesday


def triples(text: str, anchor: datetime | date | None = ANCHOR) -> list[tuple[str, str, str]]:
    return [(e.text, e.value, e.grain) for e in find(text, anchor)]


def spans(text: str, anchor: datetime | date | None = ANCHOR) -> list[tuple[int, int, str]]:
    out = [(e.start, e.end, e.value) for e in find(text, anchor)]
    for e in find(text, anchor):
        assert text[e.start : e.end] == e.text
    return out


def gregorian_spellings() -> list[tuple[str, str, int]]:
    """(family, spelling, month number) for every Gregorian spelling in data/months.toml."""
    months = load_table("months")["gregorian"]
    return [
        (family, spelling, number)
        for family, spec in months.items()
        for number, names in enumerate(spec["months"], start=1)
        for spelling in names
    ]


# ---------------------------------------------------------------------------- "F j, Y"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("مارس 14, 2024", [(0, 13, "2024-03-14")]),
        ("مارس 14، 2024", [(0, 13, "2024-03-14")]),
        ("آذار 3 ,2024", [(0, 12, "2024-03-03")]),
        ("مارس 14,2024", [(0, 12, "2024-03-14")]),  # no space: one "14,2024" token
        ("مارس ١٤، ٢٠٢٤", [(0, 13, "2024-03-14")]),  # Eastern digits
        ("مارس ۱۴، ۲۰۲۴", [(0, 13, "2024-03-14")]),  # Persian digits
        ("الخميس مارس 14, 2024", [(0, 20, "2024-03-14")]),
        ("الأحد, نوفمبر 29, 2026", [(0, 22, "2026-11-29")]),  # WordPress "l, F j, Y"
        ("مارس 31، 2024 م", [(0, 15, "2024-03-31")]),
        ("مارس/آذار 14، 2024", [(0, 18, "2024-03-14")]),
        ("نُشر في مارس 14، 2024 بواسطة سلمى", [(8, 21, "2024-03-14")]),  # a diacritic before it
        ("وبمارس 14، 2024", [(2, 15, "2024-03-14")]),  # offsets leave the proclitics out
    ],
)
def test_month_first_with_comma_and_year(text: str, want: list[tuple[int, int, str]]) -> None:
    assert spans(text) == want


def test_month_first_is_day_grain_and_absolute() -> None:
    (e,) = find("كانون الثاني 5, 2024", ANCHOR)
    assert (e.text, e.value, e.grain, e.cue, e.date_start, e.date_end) == (
        "كانون الثاني 5, 2024",
        "2024-01-05",
        "day",
        "absolute",
        date(2024, 1, 5),
        date(2024, 1, 5),
    )
    # a written weekday that disagrees is recorded, the date wins (as for "الجمعة 14 مارس 2024")
    (e,) = find("الجمعة، مارس 14، 2024", ANCHOR)
    assert (e.value, e.cue) == ("2024-03-14", "absolute+weekday-mismatch")


@pytest.mark.parametrize(("family", "spelling", "month"), gregorian_spellings())
def test_month_first_reads_every_gregorian_family(family: str, spelling: str, month: int) -> None:
    text = f"{spelling} 5، 2023"
    assert triples(text) == [(text, f"2023-{month:02d}-05", "day")], family


def test_month_first_with_a_clock() -> None:
    assert triples("مارس 14, 2024 10:30") == [("مارس 14, 2024 10:30", "2024-03-14T10:30", "minute")]
    assert triples("10:30 - مارس 14، 2024") == [("10:30 - مارس 14، 2024", "2024-03-14T10:30", "minute")]


def test_month_first_dates_make_a_range() -> None:
    got = [(e.text, e.value, e.range_id) for e in find("من مارس 1، 2024 إلى مارس 14، 2024", ANCHOR)]
    assert got == [("مارس 1، 2024", "2024-03-01", "r1"), ("مارس 14، 2024", "2024-03-14", "r1")]


def test_month_then_day_alone_keeps_its_old_reading() -> None:
    # no comma and year: "مارس 14" may be the verb "practised" before a count
    assert triples("مارس 14") == []
    assert triples("مارس 14 2024") == []
    assert triples("في مارس 14") == [("مارس", "2024-03", "month")]


@pytest.mark.parametrize(
    "text",
    [
        "رمضان 14، 1445",  # "F" is the Gregorian month name; a Hijri month is not read this way
        "يونيو 5، 2000 شخص",  # a count after the comma
        "مارس 14، 1850",  # not a plausible year
        "فبراير 30، 2024",  # no such day
        "مارس 14 لاعبا، 2024",
        "مارس الرابع عشر، 2024",  # the template prints digits
    ],
)
def test_month_first_needs_a_digit_day_comma_and_plausible_year(text: str) -> None:
    assert triples(text) == []


# ---------------------------------------------------------------------------- year first


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2024 الخميس 14 مارس", [(0, 19, "2024-03-14")]),
        ("2024 14 مارس", [(0, 12, "2024-03-14")]),
        ("٢٠٢٤ الخميس ١٤ مارس", [(0, 19, "2024-03-14")]),
        ("2024 الخميس، 14 مارس", [(0, 20, "2024-03-14")]),
        ("2024 الخميس 14 آذار", [(0, 19, "2024-03-14")]),
        ("2024 3 كانون الثاني", [(0, 19, "2024-01-03")]),
        ("2024 الأربعاء 7 غشت", [(0, 19, "2024-08-07")]),
        ("2024 14 جويلية", [(0, 14, "2024-07-14")]),
        # where a date line starts: after punctuation, a label, a weak year cue
        ("آخر تحديث: 2024 14 مارس", [(11, 23, "2024-03-14")]),
        ("نشر 2024 الخميس 14 مارس", [(4, 23, "2024-03-14")]),
        ("القاهرة - 2024 14 مارس", [(10, 22, "2024-03-14")]),
        ("في 2024 14 مارس", [(3, 15, "2024-03-14")]),
    ],
)
def test_year_first(text: str, want: list[tuple[int, int, str]]) -> None:
    assert spans(text) == want


@pytest.mark.parametrize(("family", "spelling", "month"), gregorian_spellings())
def test_year_first_reads_every_gregorian_family(family: str, spelling: str, month: int) -> None:
    text = f"2023 5 {spelling}"
    assert triples(text) == [(text, f"2023-{month:02d}-05", "day")], family


def test_year_first_is_absolute_whatever_the_anchor() -> None:
    for anchor in (ANCHOR, datetime(2026, 11, 29), None):
        (e,) = find("2024 الخميس 14 مارس", anchor)
        assert (e.value, e.grain, e.cue) == ("2024-03-14", "day", "absolute")
    (e,) = find("2024 الجمعة 14 مارس", ANCHOR)
    assert (e.value, e.cue) == ("2024-03-14", "absolute+weekday-mismatch")


def test_year_first_with_a_clock() -> None:
    # the clock before it joins the date (the zone word before the clock stays outside)
    got = find("GMT 9:30 2024 الخميس 14 مارس", ANCHOR)
    assert [(e.text, e.start, e.end, e.value, e.grain, e.timezone) for e in got] == [
        ("9:30 2024 الخميس 14 مارس", 4, 28, "2024-03-14T09:30", "minute", None)
    ]
    assert triples("9:30 ص 2024 14 مارس") == [("9:30 ص 2024 14 مارس", "2024-03-14T09:30", "minute")]
    assert triples("2024 14 مارس 10:30") == [("2024 14 مارس 10:30", "2024-03-14T10:30", "minute")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the year belongs to عام
        ("في عام 2023 14 مارس", [("عام 2023", "2023", "year"), ("14 مارس", "2023-03-14", "day")]),
        # a number, not a year: after a number head or any other word
        ("القرار 2334 14 مارس", [("14 مارس", "2024-03-14", "day")]),
        ("القرار 2023 14 مارس", [("14 مارس", "2024-03-14", "day")]),
        ("سعر الذهب 2024 14 مارس", [("14 مارس", "2024-03-14", "day")]),
        ("وصل 1990 14 مارس", [("14 مارس", "2024-03-14", "day")]),
        ("1850 14 مارس", [("14 مارس", "2024-03-14", "day")]),
        # the month has its own year or direction after it
        ("2024 14 مارس 2023", [("14 مارس 2023", "2023-03-14", "day")]),
        ("2024 14 مارس، 2023", [("14 مارس، 2023", "2023-03-14", "day")]),
        ("2024 14 مارس عام 2023", [("14 مارس عام 2023", "2023-03-14", "day")]),
        ("2024 14 مارس من العام الماضي", [("14 مارس من العام الماضي", "2023-03-14", "day")]),
        ("2024 14 مارس المقبل", [("14 مارس المقبل", "2025-03-14", "day")]),
        ("2024 14 مارس من كل عام", []),
        # a year range before a date
        (
            "2023-2024 14 مارس",
            [("2023", "2023", "year"), ("2024", "2024", "year"), ("14 مارس", "2024-03-14", "day")],
        ),
        (
            "من 2023 إلى 2024 14 مارس",
            [("2023", "2023", "year"), ("2024", "2024", "year"), ("14 مارس", "2024-03-14", "day")],
        ),
        # a Hijri month, a spelled day
        ("2024 14 رمضان", [("14 رمضان", "2024-03-24", "day")]),
        ("2024 الرابع عشر من مارس", [("الرابع عشر من مارس", "2024-03-14", "day")]),
        ("بلغ العدد 2024 شخصا", []),
    ],
)
def test_year_first_does_not_join(text: str, want: list[tuple[str, str, str]]) -> None:
    assert triples(text) == want


def test_year_first_own_year_check_does_not_depend_on_the_anchor() -> None:
    # without an anchor "من العام الماضي" cannot be resolved, but it still owns the month
    assert triples("2024 14 مارس من العام الماضي", None) == []
    assert triples("2024 14 مارس من هذا العام", None) == []


def test_year_first_labels_are_data() -> None:
    labels = lexicon().sets["year_first_labels"]
    assert {"نشر", "تحديث", "بتاريخ"} <= labels
