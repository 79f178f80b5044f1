"""Round 5 rules (issue 3): general causes found on the typical-news batches 11-12.

Every sentence here is our own, written for these tests (none is in heldout.jsonl). Anchor:
Thursday 2024-01-25 unless stated.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.dates.support import pairs


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a part of day between منذ / ابتداء من and the weekday does not hide the marker
        ("يستمر الإضراب في الموانئ منذ مساء الأحد", [("مساء الأحد", "2024-01-21")]),
        ("قالت الشركة إن الطرق ستغلق ابتداء من صباح السبت", [("صباح السبت", "2024-01-27")]),
    ],
)
def test_daypart_is_transparent_to_since_and_from(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_effective_date_with_a_past_verb_is_the_nearest() -> None:
    # written on 25 January: "started as of 20 January" is five days ago, not next year
    assert pairs("بدأ تطبيق التسعيرة الجديدة للخبز اعتبارا من 20 يناير") == [("20 يناير", "2024-01-20")]
    # a weekday after اعتبارا من keeps the coming one whatever the verb
    assert pairs("أعلنت البلدية منع الشاحنات من دخول المدينة اعتبارا من الأحد") == [("الأحد", "2024-01-28")]


def test_direction_adjective_on_an_event_noun_is_a_future_cue() -> None:
    got = pairs("اتفق الطرفان على عقد الجولة المقبلة من المفاوضات في مارس")
    assert got == [("مارس", "2024-03")]
    # on a date word it is that date's own direction and no cue for the weekday before it
    got = pairs("نشرت الوزارة الأحد جدول مباريات الأسبوع المقبل")
    assert got == [("الأحد", "2024-01-21"), ("الأسبوع المقبل", "2024-W05")]


def test_verbs_of_intention_point_forward() -> None:
    got = pairs("أحبطت الشرطة مخططا لخلية كانت تخطط لمهاجمة احتفالات رأس السنة", date(2023, 12, 20))
    assert got == [("رأس السنة", "2024-01-01")]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a headline opening with an announced action noun: the nearest weekday
        ("الكويت: تعطيل الدراسة الأحد بسبب الأمطار", [("الأحد", "2024-01-28")]),
        ("تمديد مهلة تسجيل الناخبين حتى السبت", [("السبت", "2024-01-27")]),
        # an event noun keeps the past
        ("مقتل 3 مدنيين في قصف على ريف إدلب الأحد", [("الأحد", "2024-01-21")]),
    ],
)
def test_headline_with_an_announced_action(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_bracketed_weekday_lists_are_a_timetable() -> None:
    assert pairs("رحلات الناقلة الوطنية: عمّان - لندن (الثلاثاء، السبت)؛ عمّان - روما (الأحد)") == []
    # one bracketed weekday with no list anywhere is still a date
    assert pairs("وقعت الحادثة (الأحد) في وسط المدينة") == [("الأحد", "2024-01-21")]


def test_day_after_a_break_word_is_the_nearest_break() -> None:
    got = pairs("يعود الموظفون إلى مكاتبهم الأحد المقبل بعد إجازة 6 أكتوبر", date(2025, 10, 8))
    assert got == [("الأحد المقبل", "2025-10-12"), ("6 أكتوبر", "2025-10-06")]


def test_labelled_headline_with_an_indefinite_subject_and_imperfect_verb() -> None:
    got = pairs("سوريا: لجنة وزارية تتفقد المعابر الحدودية الأحد")
    assert got == [("الأحد", "2024-01-28")]


def test_month_in_construct_with_an_economy_noun() -> None:
    assert pairs("نشرت هيئة الإحصاء بيانات ديسمبر حول البطالة") == [("ديسمبر", "2023-12")]
    assert pairs("وصل إلى الميناء 12 شحنة قمح") == []


def test_more_past_verbs_of_typical_copy() -> None:
    # an opening past verb not told from a headline name before round 5
    got = pairs("تظاهر مئات الطلاب أمام الجامعة الأحد للمطالبة بخفض الرسوم")
    assert got == [("الأحد", "2024-01-21")]
