"""Round 4 rules (issue 3): general causes found on blind batches 8-10.

Every sentence here is our own. Anchor: Thursday 2024-01-25 unless stated.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.dates.support import pairs


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an announcing verb dates the announcement; the announced act takes the nearest day
        ("قررت الوزارة تمديد التسجيل حتى 10 فبراير", [("10 فبراير", "2024-02-10")]),
        ("أعلنت الهيئة عن تشغيل خط جديد في مارس", [("مارس", "2024-03")]),
        # no action noun between verb and date: the date is when it happened
        ("أعلنت الوزارة في 10 فبراير نتائج المسابقة", [("10 فبراير", "2023-02-10")]),
        # a past verb that is not an announcement keeps the past
        ("وصل الوفد لتسليم الرسالة في 10 فبراير", [("10 فبراير", "2023-02-10")]),
    ],
)
def test_announced_act_is_read_like_a_reported_clause(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_direction_word_beats_the_year_of_a_numbered_case() -> None:
    got = pairs("أرجأت المحكمة النظر في الدعوى رقم 44 لسنة 2022 إلى جلسة 3 مارس المقبل")
    assert got == [("سنة 2022", "2022"), ("3 مارس المقبل", "2024-03-03")]


def test_year_of_a_numbered_act_gives_no_context_year() -> None:
    got = pairs("سيبدأ تطبيق القانون رقم 7 لسنة 2021 في 15 مارس")
    assert got == [("سنة 2021", "2021"), ("15 مارس", "2024-03-15")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ارتفع سهم الراجحي (1120) وسهم معادن (1211) في التداولات", []),
        ("ربح سهم الشركة (2020) نحو 3% في جلسة اليوم", [("اليوم", "2024-01-25")]),
        ("بدأ انهيار العملة (2019) قبل الجائحة", [("2019", "2019")]),
        ("اللاعب الشاب (مواليد 2003) انضم إلى الفريق الأول", [("2003", "2003")]),
        ("ونحن في 2024 لسنا بحاجة إلى وصاية من أحد", [("2024", "2024")]),
        ("سجلت الصادرات نموا خلال الأحد عشر شهرا الأولى من 2023", [("2023", "2023")]),
        ("يضم الفريق أكثر من 2023 متطوعا", []),
    ],
)
def test_bracketed_numbers_and_years(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


@pytest.mark.parametrize(
    "text",
    ["تستعد المدارس لنهاية العام الدراسي", "مع بداية السنة الدراسية المقبلة تتغير المناهج"],
)
def test_school_year_is_not_a_calendar_year(text: str) -> None:
    assert pairs(text) == []


def test_futures_month_is_the_coming_one() -> None:
    assert pairs("هبطت العقود الآجلة للغاز تسليم شهر مارس") == [("شهر مارس", "2024-03")]


def test_ala_an_with_a_verb_is_scheduled() -> None:
    # "تسلم" is also the past "received"; after على أن it is a subjunctive
    assert pairs("تنتهي المسابقة هذا الشهر، على أن تسلم الجوائز في مارس") == [
        ("هذا الشهر", "2024-01"),
        ("مارس", "2024-03"),
    ]


def test_night_across_two_weekdays_is_one_expression() -> None:
    assert pairs("تعرضت البلدة لقصف ليلة الثلاثاء/الأربعاء") == [("ليلة الثلاثاء/الأربعاء", "2024-01-23")]
    assert pairs("شهدت المدينة ثلوجا كثيفة ليل الاثنين - الثلاثاء") == [
        ("ليل الاثنين - الثلاثاء", "2024-01-22")
    ]


def test_offset_right_after_a_date_is_elapsed_time() -> None:
    assert pairs("أفرج عن الصحفي في 2 يناير بعد نحو عامين") == [("2 يناير", "2024-01-02")]
    # a new clause counting from the date is still a later date
    assert pairs("وقعت الحكومة الاتفاق في 2 يناير، وبعد أسبوع انسحبت منه") == [
        ("2 يناير", "2024-01-02"),
        ("بعد أسبوع", "2024-W02"),
    ]


def test_schedule_lists_run_forward() -> None:
    anchor = date(2024, 10, 1)
    got = pairs("مواعيد الاختبارات — الدور الأول: 15 نوفمبر؛ الدور الثاني: 20 مايو", anchor)
    assert got == [("15 نوفمبر", "2024-11-15"), ("20 مايو", "2025-05-20")]
    # with a past verb the tense decides, not the order
    got = pairs("عقدت الجولة الأولى في 15 نوفمبر والثانية في 20 مايو", anchor)
    assert got == [("15 نوفمبر", "2023-11-15"), ("20 مايو", "2024-05-20")]


def test_weekday_label_opening_a_headline_takes_the_next_clause_tense() -> None:
    assert pairs("الثلاثاء.. البرلمان يصوت على الموازنة") == [("الثلاثاء", "2024-01-30")]
    assert pairs("الثلاثاء.. قصفت الطائرات مواقع في الشمال") == [("الثلاثاء", "2024-01-23")]


def test_years_listed_with_the_same_punctuation() -> None:
    assert pairs("المواجهات السابقة: 2018: 1-0، 2020: 2-2، 2022: 0-3") == [
        ("2018", "2018"),
        ("2020", "2020"),
        ("2022", "2022"),
    ]
    assert pairs("النتيجة: 2-1، 2020 مشجعا حضروا") == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ينتقل العمل إلى التوقيت الصيفي آخر جمعة من مارس", [("آخر جمعة من مارس", "2024-03-29")]),
        ("تجرى الانتخابات أول اثنين من فبراير 2024", [("أول اثنين من فبراير 2024", "2024-02-05")]),
    ],
)
def test_nth_weekday_of_a_month(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want
