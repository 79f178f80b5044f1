"""Unit tests for tarikh.dates.find: contract shape, anchors, and one case per core rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tarikh.dates import DatesError, TimeExpression, find

BAGHDAD = timezone(timedelta(hours=3))
ANCHOR = datetime(2024, 1, 25, 14, 0, tzinfo=BAGHDAD)  # a Thursday


def values(text: str, anchor: object = ANCHOR) -> list[str]:
    return [e.value for e in find(text, anchor)]  # type: ignore[arg-type]


def test_contract_shape_and_offsets() -> None:
    text = "وقّعت الحكومة الاتفاق في ٢٤ يَنايِر ٢٠٢٤ بالعاصمة"
    [e] = find(text, ANCHOR)
    assert isinstance(e, TimeExpression)
    assert text[e.start : e.end] == e.text
    assert e.text.startswith("٢٤") and e.text.endswith("٢٠٢٤")
    assert (e.value, e.grain, e.calendar, e.cue) == ("2024-01-24", "day", "gregorian", "absolute")
    d = e.to_dict()
    assert d["date_start"] == "2024-01-24" and d["date_end"] == "2024-01-24"
    assert list(d)[:5] == ["text", "start", "end", "value", "grain"]


def test_bad_input_raises_typed_error() -> None:
    with pytest.raises(DatesError):
        find(b"2024", ANCHOR)  # type: ignore[arg-type]
    with pytest.raises(DatesError):
        find("عام 2014", "2024-01-25")  # type: ignore[arg-type]


def test_anchor_kinds_agree_and_none_skips_relative() -> None:
    text = "أعلن الوزير أمس أن العمل بدأ في عام 2014"
    aware = values(text, ANCHOR)
    assert aware == ["2024-01-24", "2014"]
    assert values(text, datetime(2024, 1, 25, 14, 0)) == aware
    assert values(text, date(2024, 1, 25)) == aware
    assert values(text, None) == ["2014"]


def test_aware_anchor_uses_its_local_date() -> None:
    # 23:30 in Baghdad is still the 25th there although it is the 25th 20:30 UTC
    late = datetime(2024, 1, 25, 23, 30, tzinfo=BAGHDAD)
    assert values("قال المتحدث اليوم", late) == ["2024-01-25"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سلّمت السفيرة الرسالة يوم الأربعاء", ["2024-01-24"]),
        ("نفذت الطائرات ضربات الثلاثاء", ["2024-01-23"]),
        ("أعلنت الحكومتان الخميس بدء المحادثات", ["2024-01-25"]),
        ("زار الوزير المدينة الخميس الماضي", ["2024-01-18"]),
        ("ستنطلق الجولة الأولى السبت", ["2024-01-27"]),
        ("من المقرر أن يصل الوفد الأحد", ["2024-01-28"]),
        ("تعقد اللجنة اجتماعها الأحد المقبل", ["2024-01-28"]),
    ],
)
def test_weekdays_by_tense_and_direction(text: str, expected: list[str]) -> None:
    assert values(text) == expected


def test_yesterday_weekday_agreement_is_recorded() -> None:
    [ok] = find("قال أمس الأربعاء", ANCHOR)
    assert ok.value == "2024-01-24" and ok.cue == "anchor"
    [bad] = find("قال أمس الخميس", ANCHOR)
    assert bad.value == "2024-01-24" and "mismatch" in bad.cue


def test_month_families_and_dual_forms() -> None:
    for month in ("يناير", "كانون الثاني", "كانون 2", "جانفي"):
        assert values(f"في {month} 2024") == ["2024-01"], month
    assert values("في أغسطس/آب الماضي") == ["2023-08"]
    assert values("في يناير (كانون الثاني) 2024") == ["2024-01"]
    for month, n in (
        ("إبريل", 4),
        ("يونيه", 6),
        ("يوليه", 7),
        ("يوليوز", 7),
        ("غشت", 8),
        ("أوت", 8),
        ("شتنبر", 9),
        ("نونبر", 11),
        ("دجنبر", 12),
    ):
        assert values(f"في {month} 2023") == [f"2023-{n:02d}"], month


def test_hijri_and_gregorian_date_line() -> None:
    text = "الخميس 13 رجب 1445 هـ - 25 يناير 2024 م"
    hijri, greg = find(text, ANCHOR)
    assert hijri.calendar == "hijri" and greg.calendar == "gregorian"
    assert hijri.value == greg.value == "2024-01-25"
    assert hijri.end <= greg.start


def test_hijri_year_is_never_gregorian_1445() -> None:
    [e] = find("صدر الكتاب عام 1445 هـ", ANCHOR)
    assert e.calendar == "hijri" and e.value != "1445"
    assert e.date_start == date(2023, 7, 19) and e.date_end == date(2024, 7, 6)


@pytest.mark.parametrize(
    "text",
    [
        "نشرت الولايات المتحدة نحو 2500 جندي في العراق",
        "تبنى مجلس الأمن القرار 2334",
        "ارتفع التضخم إلى 35.7% في الربع",
        "وقعت أكثر من 150 هجوما على القوات",
        "فاز الفريق 3-1 على ضيفه",
        "للتواصل اتصلوا على الرقم 07701234567",
        "تنص المادة 140 من الدستور على ذلك",
        "بلغت قيمة الصفقة 2020 مليون دولار",
    ],
)
def test_numbers_are_never_dates(text: str) -> None:
    assert find(text, ANCHOR) == []


def test_clock_time_with_zone_keeps_local_time() -> None:
    [e] = find("وصل الوفد في 24 يناير 2024 الساعة 10:30 صباحا بتوقيت بغداد", ANCHOR)
    assert (e.value, e.grain, e.timezone) == ("2024-01-24T10:30", "minute", "بتوقيت بغداد")


def test_numeric_dates() -> None:
    assert values("في 24/1/2024 و2023/12/18 و2023-11-19") == ["2024-01-24", "2023-12-18", "2023-11-19"]
    assert values("في 31/2/2024") == []


def test_same_weekday_rule_is_data_and_switchable() -> None:
    from tarikh.dates.tables import lexicon

    lex = lexicon()
    assert lex.options["same_weekday"] == "anchor"
    assert values("قال المتحدث الخميس") == ["2024-01-25"]
    lex.options["same_weekday"] = "previous"
    try:
        assert values("قال المتحدث الخميس") == ["2024-01-18"]
        assert values("سيصل الوفد الخميس") == ["2024-01-25"]
    finally:
        lex.options["same_weekday"] = "anchor"


def test_hijri_follows_written_weekday_and_written_equivalent() -> None:
    [e] = find("أعلنت الرئاسة أن الخميس 1 محرم 1445 عطلة رسمية", ANCHOR)
    assert e.value == "2023-07-20" and "weekday-adjusted" in e.cue
    h, g = find("تأسست الشركة في 1 رمضان 1395 هـ الموافق 7 سبتمبر 1975 م", ANCHOR)
    assert h.value == g.value == "1975-09-07" and h.calendar == "hijri" and "paired" in h.cue


def test_ranges_link_and_inherit() -> None:
    a, b = find("تقام المعارض بين 5 و8 آذار 2021", ANCHOR)
    assert (a.value, b.value) == ("2021-03-05", "2021-03-08")
    assert a.range_id == b.range_id is not None and a.cue == "range-inherit"
    x, y = find("أُغلقت المدارس من 20 ديسمبر حتى 7 يناير 2024", ANCHOR)
    assert (x.value, y.value) == ("2023-12-20", "2024-01-07")
    assert find("تستقبل الوزارة الطلبات من الأحد إلى الخميس", ANCHOR) == []


def test_anaphora_needs_an_antecedent() -> None:
    assert values("في مارس 2016، وفي أكتوبر من السنة ذاتها") == ["2016-03", "2016-10"]
    assert values("وفي اليوم التالي وصل الوفد") == []
    assert values("في الوقت نفسه أعلنت الحكومة") == []


def test_parts_keep_grain_and_set_mod() -> None:
    [e] = find("انخفضت الهجمات في أواخر العام الماضي", ANCHOR)
    assert (e.value, e.grain, e.mod) == ("2023", "year", "END")
    [m] = find("ستصل الشحنة مطلع الشهر المقبل", ANCHOR)
    assert (m.value, m.grain, m.mod) == ("2024-02", "month", "START")


def test_hour_without_minutes_is_a_clock_time() -> None:
    [e] = find("أقلعت الطائرة الساعة الثامنة صباح اليوم", ANCHOR)
    assert (e.value, e.grain) == ("2024-01-25T08:00", "minute")
    [n] = find("اندلع الحريق الساعة 12 ليلا", ANCHOR)
    assert n.value == "2024-01-25T00:00"


def test_empty_and_dateless_text() -> None:
    assert find("", ANCHOR) == [] and find("   ", None) == []
    assert find("مارس الوزير ضغوطا على الشركات", ANCHOR) == []


def test_hour_offsets_use_the_anchor_clock() -> None:
    at = datetime(2024, 1, 25, 14, 20, tzinfo=BAGHDAD)
    [h] = find("نشر منذ ساعتين", at)
    assert (h.value, h.grain, h.cue) == ("2024-01-25T12", "hour", "anchor-offset")
    [m] = find("قبل 45 دقيقة", at)
    assert (m.value, m.grain) == ("2024-01-25T13:35", "minute")
    assert find("منذ ساعتين", date(2024, 1, 25)) == []  # no clock to count from
    assert find("منذ ساعات", at) == []  # vague


def test_after_n_days_in_a_past_clause_follows_the_story() -> None:
    first, later = find("قُتل سليماني في 3 يناير 2020، وبعد يومين صوت البرلمان على القرار", ANCHOR)
    assert (later.value, later.cue) == ("2020-01-05", "anaphora")
    assert find("وبعد يومين صوت البرلمان على القرار", ANCHOR) == []
    assert values("سيصل الوفد بعد يومين") == ["2024-01-27"]


def test_before_last() -> None:
    assert values("اجتمعوا الخميس قبل الماضي") == ["2024-01-11"]
    assert values("وقع ذلك في أغسطس قبل الماضي") == ["2022-08"]
    assert values("انتهى العقد في العام قبل الماضي") == ["2022"]
