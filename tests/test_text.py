"""Arabic normalization for matching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tarikh.text import find_keywords, fold, to_ascii_digits


def test_fold_removes_diacritics_tatweel_and_folds_letters() -> None:
    assert fold("العِـــراقُ") == "العراق"
    assert fold("أإآا") == "اااا"
    assert fold("مدينة") == fold("مدينه")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("٢٠٢٤ و۲۰۲۴") == "2024 و2024"


@given(st.text(alphabet="٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789 يناير"))
def test_ascii_digits_keep_offsets(text: str) -> None:
    out = to_ascii_digits(text)
    assert len(out) == len(text)
    assert all(not c.isdigit() or c in "0123456789" for c in out)


def test_keywords_match_glued_proclitics() -> None:
    text = "وأكد أن للعراق حقا، وبالتحالف الدولي علاقة والقوات الأميركية"
    assert find_keywords(text, ["العراق", "التحالف الدولي", "القوات الأميركية", "سوريا"]) == [
        "العراق",
        "التحالف الدولي",
        "القوات الأميركية",
    ]
    assert find_keywords("العراقيون يحتفلون", ["العراق"]) == []


def test_arabic_punctuation_is_not_part_of_a_word() -> None:
    assert find_keywords("طالب النواب بخروج القوات من العراق، وقالوا إن التحالف الدولي؛", ["العراق", "التحالف الدولي"]) == [
        "العراق",
        "التحالف الدولي",
    ]
    assert find_keywords("هل تنسحب القوات من العراق؟", ["العراق"]) == ["العراق"]


def _fold_reference(text: str) -> str:
    """The plain three-pass definition of fold, kept to check the fast one against."""
    import re
    import unicodedata

    from tarikh import text as t

    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]", "", text)
    return text.translate(t._FOLD).translate(t._DIGITS).lower()


@given(st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(
    list("abcABC 123.,\u200c\u200d\u200f\u061c"))))
def test_fast_fold_equals_its_definition(text: str) -> None:
    assert fold(text) == _fold_reference(text)
