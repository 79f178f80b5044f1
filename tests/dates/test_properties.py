"""Property tests: digits and glued prefixes never change a value or break an offset."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from tarikh.dates import find

ANCHOR = datetime(2024, 1, 25, 14, 0, tzinfo=timezone(timedelta(hours=3)))
DIGIT_SETS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"]
MONTHS = {
    1: ["يناير", "كانون الثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "إبريل", "نيسان", "أفريل"],
    5: ["مايو", "أيار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويلية", "يوليوز"],
    8: ["أغسطس", "آب", "أوت", "غشت"],
    9: ["سبتمبر", "أيلول", "شتنبر"],
    10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "تشرين الثاني", "نونبر"],
    12: ["ديسمبر", "كانون الأول", "دجنبر"],
}
PREFIXES = ["", "و", "ف", "ب", "بـ", "وبـ", "لـ", "و في ", "وفي ", "منذ "]
MARKS = ["", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640"]


def render(n: int, digits: st.DrawFn, width: int = 0) -> str:
    s = str(n).zfill(width)
    return "".join(digits(st.sampled_from(DIGIT_SETS))[int(c)] for c in s)


@st.composite
def dated_sentence(draw: st.DrawFn) -> tuple[str, str, str]:
    d = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2049, 12, 31)))
    month = draw(st.sampled_from(MONTHS[d.month]))
    prefix = draw(st.sampled_from(PREFIXES))
    core = f"{render(d.day, draw)} {month} {render(d.year, draw)}"
    text = f"أعلنت الوزارة {prefix}{core} عن النتائج"
    return text, core, d.isoformat()


@settings(max_examples=150, deadline=None)
@given(dated_sentence())
def test_digits_and_prefixes_keep_value_and_offsets(case: tuple[str, str, str]) -> None:
    text, core, value = case
    [e] = find(text, ANCHOR)
    assert e.value == value
    assert text[e.start : e.end] == e.text == core


@st.composite
def marked_sentence(draw: st.DrawFn) -> tuple[str, str]:
    base = draw(
        st.sampled_from(
            [
                "في العام الماضي",
                "أمس الأربعاء",
                "الأسبوع المقبل",
                "في عام 2014",
                "منذ ثلاثة أيام",
                "في 7 أكتوبر 2023",
            ]
        )
    )
    out = []
    for ch in base:
        out.append(ch)
        if "\u0621" <= ch <= "\u064a":
            out.append(draw(st.sampled_from(MARKS)))
    return base, "".join(out)


@settings(max_examples=150, deadline=None)
@given(marked_sentence())
def test_diacritics_and_tatweel_do_not_shift_offsets(case: tuple[str, str]) -> None:
    plain, marked = case
    a = find(plain, ANCHOR)
    b = find(marked, ANCHOR)
    assert [e.value for e in a] == [e.value for e in b] and a
    for e in b:
        assert marked[e.start : e.end] == e.text
        assert e.text[0] not in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=0, max_value=99999),
    st.sampled_from(["جندي", "دولار", "هجوما", "%", "شخصا", "صوتا"]),
)
def test_counts_are_never_dates(n: int, noun: str) -> None:
    assert find(f"قالت المصادر إن {n} {noun} في المنطقة", ANCHOR) == []


VOCAB = [
    "في", "من", "إلى", "بين", "و", "منذ", "قبل", "بعد", "حتى", "عام", "العام", "سنة", "الماضي", "المقبل",
    "الجاري", "هذا", "نفسه", "ذلك", "اليوم", "أمس", "غدا", "أول", "الخميس", "يوم", "الأحد", "يناير",
    "كانون", "الثاني", "آب", "رجب", "رمضان", "شهر", "هـ", "م", "ص", "الساعة", "العاشرة", "والنصف",
    "مساء", "صباح", "مطلع", "أواخر", "الربع", "الأول", "الصيف", "التسعينيات", "القرن", "بتوقيت",
    "بغداد", "-", "/", "،", ".", "(", ")", ":", "%", "قال", "ستبدأ", "جندي", "يومي", "الفترة", "ت.غ",
    "غرة", "فاتح", "التالي", "السابق", "ذات", "نفس", "الأمين", "الاثنين", "قبل", "الليلة", "الموافق",
]  # fmt: skip
NUMS = [
    "1",
    "5",
    "12",
    "25",
    "31",
    "2014",
    "1445",
    "2024",
    "10:30",
    "24/1/2024",
    "2023-11-19",
    "٢٤",
    "3.5",
    "07701234567",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(VOCAB + NUMS), min_size=1, max_size=25),
    st.lists(st.sampled_from(["", " ", "ـ", "\u064e", "و"]), min_size=25, max_size=25),
    st.sampled_from([ANCHOR, date(2024, 2, 29), None, datetime(2020, 1, 1, 0, 0)]),
)
def test_random_token_soup_never_crashes_and_offsets_hold(
    words: list[str], glue: list[str], anchor: object
) -> None:
    text = " ".join(w + g for w, g in zip(words, glue, strict=False))
    found = find(text, anchor)  # type: ignore[arg-type]
    starts = [e.start for e in found]
    assert starts == sorted(starts)
    for e in found:
        assert text[e.start : e.end] == e.text and e.text.strip()
        assert e.date_start <= e.date_end
        assert e.grain in {
            "minute",
            "hour",
            "day",
            "week",
            "month",
            "season",
            "quarter",
            "half",
            "year",
            "decade",
        }
