"""Sentence segmentation on Arabic news text (tarikh.text.split_sentences)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tarikh.text import split_sentences


def texts(t: str) -> list[str]:
    return [s.text for s in split_sentences(t)]


def test_question_mark_ends_but_comma_and_semicolon_do_not() -> None:
    t = "هل تبدأ المحادثات قريبا؟ قال الوزير، بعد الاجتماع؛ إن الموعد لم يحدد بعد."
    assert texts(t) == ["هل تبدأ المحادثات قريبا؟", "قال الوزير، بعد الاجتماع؛ إن الموعد لم يحدد بعد."]


def test_decimals_do_not_end_a_sentence() -> None:
    t = "ارتفع المؤشر 2.5 في المئة و٣٫٢ نقطة. ثم استقر."
    assert texts(t) == ["ارتفع المؤشر 2.5 في المئة و٣٫٢ نقطة.", "ثم استقر."]


def test_abbreviations_do_not_end_a_sentence() -> None:
    t = "التقى د. فؤاد حسين نظيره. ونقلت أ.ف.ب. الخبر عن مصدر في U.S. Army. وانتهى اللقاء."
    assert texts(t) == [
        "التقى د. فؤاد حسين نظيره.",
        "ونقلت أ.ف.ب. الخبر عن مصدر في U.S. Army.",
        "وانتهى اللقاء.",
    ]


def test_era_marker_after_a_year_ends_a_sentence() -> None:
    t = "صدر البيان في 12 رجب 1445 هـ. وعلق عليه النواب."
    assert texts(t) == ["صدر البيان في 12 رجب 1445 هـ.", "وعلق عليه النواب."]


def test_numbered_lists() -> None:
    t = "تشمل البنود:\n1. جدول زمني للانسحاب.\n2. تقييم الخطر. 3. الشراكة الثنائية"
    got = texts(t)
    assert got[0] == "تشمل البنود:"
    assert got[1] == "1. جدول زمني للانسحاب."
    assert got[2] == "2. تقييم الخطر."
    assert got[3] == "3. الشراكة الثنائية"


def test_quotes_keep_their_inner_sentences_together() -> None:
    t = "قال المسؤول «نحن مستعدون. سنبدأ قريبا» ثم غادر القاعة. وصمت الآخرون."
    assert texts(t) == ["قال المسؤول «نحن مستعدون. سنبدأ قريبا» ثم غادر القاعة.", "وصمت الآخرون."]


def test_ender_before_closing_quote_ends_the_sentence_after_the_quote() -> None:
    t = 'سأل الصحفي: "هل ستغادر القوات؟" فأجاب الوزير بالنفي.'
    assert texts(t) == ['سأل الصحفي: "هل ستغادر القوات؟"', "فأجاب الوزير بالنفي."]


def test_unbalanced_quote_does_not_swallow_the_next_paragraph() -> None:
    t = "قال «لن نغادر. أبدا\n\nفي فقرة ثانية. وجملة ثالثة."
    assert texts(t) == ["قال «لن نغادر. أبدا", "في فقرة ثانية.", "وجملة ثالثة."]


def test_repeated_enders_count_once() -> None:
    assert texts("حقا؟! نعم... هكذا") == ["حقا؟!", "نعم...", "هكذا"]


def test_offsets_point_into_the_text() -> None:
    t = "العنوان هنا\n\n  الجملة الأولى. الجملة الثانية؟  "
    for s in split_sentences(t):
        assert t[s.start : s.end] == s.text
    assert [s.index for s in split_sentences(t)] == [0, 1, 2]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ابتث جحخ.؟!،؛\n«»\"0123456789 هـد", max_size=120))
def test_offsets_and_coverage_hold_for_any_text(t: str) -> None:
    sentences = split_sentences(t)
    last = 0
    for s in sentences:
        assert t[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= last
        last = s.end
    # nothing but whitespace is lost
    covered = "".join(s.text for s in sentences)
    assert covered.replace(" ", "") == "".join(t.split()).replace(" ", "")
