"""Round 2 rules (issue 3): errors found by other engineers and on held-out text, one test each.

Every sentence here is our own. Anchors: Thursday 2024-01-25 (as in test_find) unless stated.
"""

from __future__ import annotations

from datetime import date

import pytest

from tarikh.dates import find
from tests.dates.support import ANCHOR, pairs


# ---------------------------------------------------------------- يوم after منذ/قبل is not an offset
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("الاحتجاجات مستمرة منذ يوم السابع من أكتوبر", [("يوم السابع من أكتوبر", "2023-10-07")]),
        ("لم يصل أي وفد منذ يوم 3 يناير", [("يوم 3 يناير", "2024-01-03")]),
        ("الطريق مغلق منذ يوم الأحد", [("يوم الأحد", "2024-01-21")]),
        ("وصل الوفد منذ يوم واحد", [("منذ يوم واحد", "2024-01-24")]),
        ("غادر الوزير قبل يوم.", [("قبل يوم", "2024-01-24")]),
    ],
)
def test_yawm_before_a_date_is_not_a_day_offset(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


# ---------------------------------------------------------------- present-tense anticipation verbs
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثلاث سنوات من المفاوضات المتعثرة تسبق لقاء الاثنين", "2024-01-29"),
        ("تستعد الأحزاب لانتخابات الأحد", "2024-01-28"),
        ("يترقب المستثمرون قرار البنك المركزي الثلاثاء", "2024-01-30"),
        ("رفعت الوزارة الرسوم اعتبارا من السبت", "2024-01-27"),
    ],
)
def test_anticipation_verbs_and_effective_from_point_forward(text: str, value: str) -> None:
    assert [e.value for e in find(text, ANCHOR)] == [value]


def test_reported_speech_with_pronoun_stops_the_forward_tense_look() -> None:
    # "قال ... الثلاثاء إنه سيعلن": the future verb belongs to the reported clause
    assert pairs("قال المتحدث الثلاثاء إنه سيعلن النتائج قريبا") == [("الثلاثاء", "2024-01-23")]


# ---------------------------------------------------------------- discourse اليوم
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("واليوم، مع نحو 3000 جندي في البلاد تعرضوا لهجمات متكررة، يتغير المشهد", []),
        ("واليوم، بعد كل هذه السنوات، لم يبق من الحي شيء", []),
        ("أما اليوم فالأسواق شبه فارغة", []),
        ("اليوم، أعلنت الوزارة نتائج الامتحانات", [("اليوم", "2024-01-25")]),
        ("أعلنت الوزارة اليوم، في بيان، نتائج الامتحانات", [("اليوم", "2024-01-25")]),
    ],
)
def test_discourse_today_is_not_a_date(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


# ---------------------------------------------------------------- offsets from other events
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "بعد ثماني سنوات على غزو عام 2003 انسحبت القوات",
            [("بعد ثماني سنوات", "2011"), ("عام 2003", "2003")],
        ),
        (
            "بعد ثلاثة أشهر من توقيع الاتفاق في 5 يناير 2020",
            [("بعد ثلاثة أشهر", "2020-04"), ("5 يناير 2020", "2020-01-05")],
        ),
        ("بعد يومين من غزو 2003 سقطت المدينة", [("2003", "2003")]),  # finer than the event's year
        ("بعد أسبوع من الهجوم، أعلنت الحكومة الحداد", []),
        ("توفي بعد يومين على نقله إلى المستشفى", []),
        ("اغتيل قبل ذلك بثلاثة أيام قائد ميداني", []),  # nothing earlier to count from
    ],
)
def test_event_offsets_never_count_from_the_anchor(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_anaphoric_offsets_count_from_the_previous_expression() -> None:
    text = "صوت البرلمان في 5 كانون الثاني 2020، بعد مقتل القائد قرب المطار قبل ذلك بيومين"
    assert pairs(text)[-1] == ("قبل ذلك بيومين", "2020-01-03")
    text = "تخرجت عام 2015، وعُينت في الوزارة بعد ذلك بعامين"
    assert pairs(text) == [("عام 2015", "2015"), ("بعد ذلك بعامين", "2017")]
    text = "سقطت المدينة في 10 حزيران 2014. وبعدها بأسبوع وصلت التعزيزات"
    assert pairs(text)[-1] == ("بعدها بأسبوع", "2014-W25")


def test_same_period_of_another_year() -> None:
    text = "نما الناتج 2.1% في الربع الثالث من 2023 مقارنة بالفترة نفسها من العام السابق"
    assert pairs(text) == [("الربع الثالث من 2023", "2023-Q3"), ("الفترة نفسها من العام السابق", "2022-Q3")]
    assert pairs("ارتفعت المبيعات مقارنة بنفس الفترة من العام الماضي") == []


def test_day_of_the_same_month() -> None:
    text = "يبدأ التسجيل يوم 4 مارس 2024 ويستمر إلى غاية 20 من الشهر نفسه"
    assert pairs(text) == [("يوم 4 مارس 2024", "2024-03-04"), ("20 من الشهر نفسه", "2024-03-20")]


# ---------------------------------------------------------------- holidays
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("تنشط الأسواق عادة قبيل عيد الفطر المقبل", [("عيد الفطر المقبل", "2024-04-10")]),
        ("ازدحمت الطرق خلال عيد الأضحى الماضي", [("عيد الأضحى الماضي", "2023-06-28")]),
        ("عاد الهدوء إلى المدينة بعد عيد الفطر", [("عيد الفطر", "2023-04-21")]),
        (
            "ستغلق الدوائر خلال عطلة رأس السنة الميلادية المقبلة",
            [("رأس السنة الميلادية المقبلة", "2025-01-01")],
        ),
        ("احتفل المسلمون بعيد الأضحى عام 2023", [("عيد الأضحى عام 2023", "2023-06-28")]),
        ("أقيمت صلاة عيد الفطر لعام 1444 هـ في الساحات", [("عيد الفطر لعام 1444 هـ", "2023-04-21")]),
        ("أول أيام عيد الفطر يوافق 1 شوال 1445 هـ", [("1 شوال 1445 هـ", "2024-04-10")]),
    ],
)
def test_holidays(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_holiday_calendar_and_grain() -> None:
    [e] = find("ازدحمت الطرق خلال عيد الأضحى الماضي", ANCHOR)
    assert (e.grain, e.calendar, e.cue) == ("day", "hijri", "direction-past")
    assert find("تنشط الأسواق قبيل عيد الفطر", None) == []


# ---------------------------------------------------------------- vague spans are skipped
@pytest.mark.parametrize(
    "text",
    [
        "في السنوات الأخيرة تراجعت ثقة المواطنين",
        "ستتضح الصورة خلال الأيام المقبلة",
        "قتل العشرات في الأسابيع الماضية",
        "خلال الأشهر القليلة الماضية ارتفعت الأسعار",
        "منذ الأيام الأولى للحرب نزح الآلاف",
    ],
)
def test_vague_spans_are_not_dates(text: str) -> None:
    assert find(text, ANCHOR) == []


# ---------------------------------------------------------------- numbers that are counts
@pytest.mark.parametrize(
    "text",
    [
        "وصل عدد المشتركين إلى 2014 مشتركا",
        "تضم القائمة 1999 اسما",
        "أشارت الأرقام إلى أن 2024 من أصل 5000 متقدم نجحوا",
        "أرسلت المنظمة 1975 طنا من القمح",
        "صدر المرسوم رقم 2024/57",
    ],
)
def test_counts_in_the_accusative_and_parts_of_totals_are_not_years(text: str) -> None:
    assert find(text, ANCHOR) == []


def test_adverb_after_a_year_keeps_the_year() -> None:
    assert pairs("وقعت حادثة مماثلة في 2014 أيضا") == [("2014", "2014")]


# ---------------------------------------------------------------- years, clocks, Hijri numerals
def test_years_written_in_words() -> None:
    assert pairs("سقطت المدينة في العام ألفين وأربعة عشر") == [("العام ألفين وأربعة عشر", "2014")]
    assert pairs("ولد الشاعر سنة ألف وتسعمائة وتسعين") == [("سنة ألف وتسعمائة وتسعين", "1990")]
    assert find("دفع ألفين دينار", ANCHOR) == []


def test_coordinated_bare_year() -> None:
    assert pairs("لعب في الدوري خلال 2021 و2022") == [("2021", "2021"), ("2022", "2022")]
    assert pairs("في عام 2020 و300 جندي") == [("عام 2020", "2020")]


def test_wire_clock_and_maghrebi_clock_link() -> None:
    assert pairs("بلغ السعر 86 دولارا بحلول الساعة 0930 بتوقيت غرينتش") == [
        ("الساعة 0930 بتوقيت غرينتش", "2024-01-25T09:30")
    ]
    assert pairs("يفتح باب الترشح يوم الإثنين 29 يناير على الساعة العاشرة صباحا") == [
        ("يوم الإثنين 29 يناير على الساعة العاشرة صباحا", "2024-01-29T10:00")
    ]


def test_hijri_numeric_dates() -> None:
    [e] = find("وقع الطرفان المذكرة بتاريخ 1445/8/25هـ", ANCHOR)
    assert (e.text, e.value, e.calendar) == ("1445/8/25هـ", "2024-03-06", "hijri")
    assert pairs("صدر القرار بتاريخ 25/8/1445 هـ") == [("25/8/1445 هـ", "2024-03-06")]


def test_season_part_and_maghrebi_summer() -> None:
    assert pairs("يعود النازحون قبل نهاية الصيف", date(2025, 5, 20)) == [("نهاية الصيف", "2025-SU")]
    assert find("منذ بداية الربيع العربي", ANCHOR) == []
    assert pairs("سجلت البلاد أعلى حرارة خلال صائفة 2023") == [("صائفة 2023", "2023-SU")]


def test_old_story_year_applies_to_an_earlier_day() -> None:
    text = "جرت الانتخابات في 12 ديسمبر 2019 بعد أشهر من الحراك الذي انطلق يوم 22 فيفري"
    assert pairs(text) == [("12 ديسمبر 2019", "2019-12-12"), ("يوم 22 فيفري", "2019-02-22")]
    # a recent year does not pull an earlier day back: the anchor decides
    assert pairs("في 20 يناير 2024 ثم يوم 3 يناير")[-1] == ("يوم 3 يناير", "2024-01-03")
