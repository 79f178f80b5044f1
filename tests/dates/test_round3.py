"""Round 3 rules (issue 3): errors reported by other engineers and found on blind batches 4-6.

Every sentence here is our own. Anchor: Thursday 2024-01-25 (as in test_round2) unless stated.
"""

from __future__ import annotations

from datetime import date

import pytest

from tarikh.dates import find
from tests.dates.support import ANCHOR, pairs


# ---------------------------------------------------------------- اليوم as a noun: "the day"
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("شهدت المدينة أمس الأربعاء اليوم الأكثر دموية منذ أسابيع", [("أمس الأربعاء", "2024-01-24")]),
        ("كان اليوم الثالث للحرب هو الأصعب على السكان", []),
        ("وصف المراقبون اليوم الأطول في المفاوضات بأنه حاسم", []),
        ("اليوم الأشد برودة سجل في الجبال", []),
        ("قال الوزير اليوم الخميس إن الحدود مفتوحة", [("اليوم الخميس", "2024-01-25")]),
        # الأفعل-shaped names are not elatives: today stays today
        ("زار الملك اليوم الأردن", [("اليوم", "2024-01-25")]),
        ("اقتحم المستوطنون اليوم الأقصى", [("اليوم", "2024-01-25")]),
    ],
)
def test_al_yawm_with_an_elative_or_ordinal_is_a_noun(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


# ---------------------------------------------------------------- outlet names in datelines
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("بغداد - العراق اليوم: أعلنت وزارة النقل إغلاق المطار", []),
        ("عمان - الغد: قال وزير المياه أمس إن الموسم جاف", [("أمس", "2024-01-24")]),
        ("ذكرت صحيفة الغد أن الحكومة تدرس رفع الأسعار", []),
        ("وقال مصدر لـ(اليوم السابع) إن القرار نهائي", []),
        ("الرياض - اليوم: افتتح الأمير المعرض", []),
        # outside a naming context the words keep their meaning
        ("الشارع المصري اليوم يترقب قرار البنك المركزي", [("اليوم", "2024-01-25")]),
    ],
)
def test_outlet_names_give_no_dates(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


# ---------------------------------------------------------------- generic "nowadays"
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("الجيش قادر اليوم على ضبط الحدود", []),
        ("لم يعد اليوم كما كان قبل الحرب", []),
        ("بات اليوم واضحا أن الاتفاق انهار", []),
        ("نحن اليوم أحوج ما نكون إلى الوحدة", []),
        ("العالم اليوم أكثر من أي وقت مضى بحاجة إلى السلام", []),
        ("ارتفع الدولار اليوم أكثر من 2% أمام الدينار", [("اليوم", "2024-01-25")]),
    ],
)
def test_generic_today_is_not_a_date(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


# ---------------------------------------------------------------- verbless headlines
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("بلينكن في الرياض الإثنين", "2024-01-29"),
        ("ولي العهد في باريس الجمعة لبحث ملفات إقليمية", "2024-01-26"),
        ("مقتل 4 في قصف على دير الزور الأحد", "2024-01-21"),  # an event noun: past
        ("قصفت المدفعية مواقع في الجنوب الإثنين", "2024-01-22"),  # a verb in -ت: past
        ("الحكومة الأردنية تعطل الدوام الرسمي الأحد", "2024-01-28"),  # subject + imperfect verb
    ],
)
def test_headline_weekdays(text: str, value: str) -> None:
    got = pairs(text)
    assert len(got) == 1 and got[0][1] == value, got


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2024.. عام الانتخابات الكبرى", [("2024", "2024")]),
        ("المنظمة: 2023 السنة الأعلى في الانبعاثات", [("2023", "2023")]),
        ("الوزارة: 2030 موعد اكتمال الشبكة", [("2030", "2030")]),
        ("الصحة: 2023 مصابا في يوم واحد", []),
        ("2000، هو عدد الجنود المنتشرين", []),
    ],
)
def test_year_opening_a_headline(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


# ---------------------------------------------------------------- weekday ranges
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ترتفع درجات الحرارة من الأحد إلى الثلاثاء", [("الأحد", "2024-01-28"), ("الثلاثاء", "2024-01-30")]),
        ("أمطار غزيرة على الساحل من السبت حتى الإثنين", [("السبت", "2024-01-27"), ("الإثنين", "2024-01-29")]),
        ("تقام الفعاليات يومي السبت والأحد في الساحة", [("السبت", "2024-01-27"), ("الأحد", "2024-01-28")]),
        ("تفتح المكاتب من الأحد إلى الخميس", []),
    ],
)
def test_forecast_and_dual_weekday_ranges(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_three_coordinated_days_share_the_month() -> None:
    got = find("تجرى الانتخابات أيام 10 و11 و12 فبراير", ANCHOR)
    assert [(e.text, e.value) for e in got] == [
        ("10", "2024-02-10"),
        ("11", "2024-02-11"),
        ("12 فبراير", "2024-02-12"),
    ]
    assert len({e.range_id for e in got}) == 1 and got[0].range_id is not None


# ---------------------------------------------------------------- anniversaries, holidays
def test_same_day_in_a_named_year() -> None:
    assert pairs("في مثل هذا اليوم من عام 1991 بدأت الحرب البرية") == [
        ("مثل هذا اليوم من عام 1991", "1991-01-25")
    ]
    assert pairs("مثل هذا اليوم لا ينسى") == []


def test_holiday_next_to_written_dates_takes_their_occurrence() -> None:
    anchor = date(2025, 3, 6)
    text = "قررت الحكومة تعطيل الدوام من الأحد 30 مارس إلى الأربعاء 2 أبريل بمناسبة عيد الفطر"
    assert pairs(text, anchor) == [
        ("الأحد 30 مارس", "2025-03-30"),
        ("الأربعاء 2 أبريل", "2025-04-02"),
        ("عيد الفطر", "2025-03-30"),
    ]


# ---------------------------------------------------------------- first of the month, clocks
@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("يبدأ العمل بالقرار في الفاتح من مارس", [("الفاتح من مارس", "2024-03-01")]),
        ("يسري التعميم اعتبارا من أول شباط", [("أول شباط", "2024-02-01")]),
        ("فتح المعبر اعتبارا من الفاتح جانفي 2025", [("الفاتح جانفي 2025", "2025-01-01")]),
        ("ستنطلق الأشغال مطلع شباط", [("مطلع شباط", "2024-02")]),
    ],
)
def test_first_of_the_month(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_an_ordinal_after_its_noun_is_not_a_clock() -> None:
    assert pairs("عقد المجلس جلسته الثانية صباح الأحد") == [("صباح الأحد", "2024-01-21")]
    assert pairs("وقع الانفجار في الثانية فجر الأحد") == [("الثانية فجر الأحد", "2024-01-21T02:00")]


# ---------------------------------------------------------------- periods
@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "بلغت المبيعات 3 ملايين في الربع الثالث من 2023 مقابل 2.5 مليون في الربع المماثل من 2022",
            [("الربع الثالث من 2023", "2023-Q3"), ("الربع المماثل من 2022", "2022-Q3")],
        ),
        ("نما الاستهلاك في الثلاثي الثاني من 2023", [("الثلاثي الثاني من 2023", "2023-Q2")]),
        ("تراجع العجز في السداسي الأول من 2023", [("السداسي الأول من 2023", "2023-H1")]),
        ("بلغ الدين العمومي 80 مليارا في موفى ديسمبر 2023", [("موفى ديسمبر 2023", "2023-12")]),
    ],
)
def test_same_quarter_and_maghrebi_period_words(text: str, want: list[tuple[str, str]]) -> None:
    assert pairs(text) == want


def test_new_year_after_a_part_word() -> None:
    text = "تطبق الرسوم الجديدة مطلع العام الجديد"
    assert pairs(text, date(2024, 12, 20)) == [("مطلع العام الجديد", "2025")]
    assert pairs(text, date(2024, 1, 25)) == [("مطلع العام الجديد", "2024")]
    assert pairs("ألقى الرئيس خطاب العام الجديد") == []


def test_day_of_the_same_month_and_postponed_tomorrow() -> None:
    assert pairs("يفتح التسجيل من فاتح فبراير إلى غاية 20 منه") == [
        ("فاتح فبراير", "2024-02-01"),
        ("20 منه", "2024-02-20"),
    ]
    assert pairs("رفع رئيس المجلس الجلسة إلى الغد") == [("الغد", "2024-01-26")]
    assert pairs("ننظر إلى الغد بتفاؤل") == []


def test_year_after_a_year_noun_and_its_genitive() -> None:
    assert pairs("ناقش النواب مشروع قانون المالية 2025") == [("2025", "2025")]
    assert pairs("تستعد الأحزاب لانتخابات الرئاسة 2028") == [("2028", "2028")]


# ---------------------------------------------------------------- tense
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("أعلنت الهيئة أن الأحد هو موعد بدء التسجيل", "2024-01-28"),  # reported: the nearest
        ("قال الوزير إن الهجوم وقع الأحد", "2024-01-21"),  # a past verb inside the report
        ("يتوقع الخبراء أن يكون الأحد يوما ماطرا", "2024-01-28"),  # an expectation
    ],
)
def test_reported_clauses(text: str, value: str) -> None:
    got = pairs(text)
    assert len(got) == 1 and got[0][1] == value, got


def test_defective_past_verbs() -> None:
    assert pairs("جرت الانتخابات في 10 ديسمبر") == [("10 ديسمبر", "2023-12-10")]
    assert pairs("التقت الوزيرة نظيرها في 5 مارس") == [("5 مارس", "2023-03-05")]


def test_a_sentence_with_a_full_stop_is_not_a_headline() -> None:
    # body copy ends with a full stop: an unknown past verb then keeps the past default
    assert pairs("اجتاح الجيش بلدات في الجنوب الإثنين.") == [("الإثنين", "2024-01-22")]
    assert pairs("وزير الدفاع في أنقرة الإثنين.") == [("الإثنين", "2024-01-22")]


# ---------------------------------------------------------------- found on batch 7
def test_hijri_range_start_is_a_day_of_the_same_hijri_month() -> None:
    got = pairs("تعقد الدورة في الفترة من 3 إلى 6 رجب 1445هـ", date(2024, 1, 10))
    assert got == [("3", "2024-01-15"), ("6 رجب 1445هـ", "2024-01-18")]


def test_bare_month_after_an_event_noun() -> None:
    assert pairs("يترقب المستثمرون قرارات اجتماع مارس") == [("مارس", "2024-03")]
    assert pairs("مارس ضغوطا على الحكومة") == []


def test_an_edition_year_gives_no_context_year() -> None:
    # "كأس العالم 2030" names the tournament: أكتوبر follows the tense, not 2030
    assert pairs("تنطلق تصفيات كأس العالم 2030 في أكتوبر") == [("2030", "2030"), ("أكتوبر", "2024-10")]
    # a plain year still gives its context
    assert pairs("في يونيو 2014 دخل التنظيم المدينة وفي سبتمبر بدأت الغارات") == [
        ("يونيو 2014", "2014-06"),
        ("سبتمبر", "2014-09"),
    ]


def test_headline_weekday_before_its_complement() -> None:
    assert pairs("أمير قطر في عمّان الأحد في زيارة رسمية") == [("الأحد", "2024-01-28")]
