"""Modality of a mention from its clause and its date (pure functions, real tables)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tarikh.events.mentions import (
    EventsError,
    article_anchor,
    classify_modality,
    clause_bounds,
    is_future_verb,
)
from tarikh.events.tables import load_tables
from tarikh.text import fold

T = load_tables()
PUB = date(2024, 1, 25)


def modality(sentence: str, expression: str, grain: str, start: date, end: date | None = None,
             anchor: date | None = PUB) -> str:
    i = sentence.index(expression)
    left, right = clause_bounds(sentence, i, i + len(expression))
    return classify_modality(sentence[left:i], expression, sentence[i + len(expression):right], grain, start,
                             end or start, anchor, T)


def test_past_day_is_reported() -> None:
    s = "سلمت السفيرة رسالة إلى وزير الخارجية يوم الأربعاء"
    assert modality(s, "يوم الأربعاء", "day", date(2024, 1, 24)) == "reported"


def test_scheduled_cue_on_a_future_day() -> None:
    s = "ومن المقرر أن تعقد الجولة الأولى من المحادثات يوم السبت في بغداد"
    assert modality(s, "يوم السبت", "day", date(2024, 1, 27)) == "scheduled"


def test_future_verb_means_expected() -> None:
    s = "وسيبدأ الوفد العسكري اجتماعاته يوم الأحد المقبل"
    assert modality(s, "يوم الأحد المقبل", "day", date(2024, 1, 28)) == "expected"


def test_expected_cue() -> None:
    s = "ومن المتوقع أن يصل الوزير إلى واشنطن في 15 نيسان"
    assert modality(s, "15 نيسان", "day", date(2024, 4, 15)) == "expected"


def test_future_day_without_cue_is_expected() -> None:
    s = "زيارة رئيس الوزراء إلى واشنطن في 15 نيسان"
    assert modality(s, "15 نيسان", "day", date(2024, 4, 15)) == "expected"


def test_past_day_wins_over_future_words_elsewhere_in_the_clause() -> None:
    s = "أعلنت الحكومة يوم الأربعاء أن المحادثات ستبدأ قريبا"
    assert modality(s, "يوم الأربعاء", "day", date(2024, 1, 24)) == "reported"


def test_context_year_is_background() -> None:
    s = "ويعمل التحالف الذي تشكل في عام 2014 على قتال التنظيم"
    assert modality(s, "عام 2014", "year", date(2014, 1, 1), date(2014, 12, 31)) == "background"
    assert modality(s, "2014", "year", date(2014, 1, 1), date(2014, 12, 31)) == "background"


def test_since_an_old_day_is_background_but_since_yesterday_is_not() -> None:
    s = "تتعرض القواعد لهجمات متكررة منذ 17 أكتوبر"
    assert modality(s, "17 أكتوبر", "day", date(2023, 10, 17)) == "background"
    s2 = "تتعرض القواعد لهجمات متكررة منذ يوم الثلاثاء"
    assert modality(s2, "يوم الثلاثاء", "day", date(2024, 1, 23)) == "reported"


def test_old_day_without_cue_stays_reported() -> None:
    s = "وكان البرلمان قد صوت في الخامس من كانون الثاني 2020 على قرار غير ملزم"
    assert modality(s, "الخامس من كانون الثاني 2020", "day", date(2020, 1, 5)) == "reported"


def test_no_anchor_uses_cues_only() -> None:
    s = "من المقرر أن يعقد الاجتماع في 27 يناير 2024"
    assert modality(s, "27 يناير 2024", "day", date(2024, 1, 27), anchor=None) == "scheduled"
    s2 = "عقد الاجتماع في 27 يناير 2024"
    assert modality(s2, "27 يناير 2024", "day", date(2024, 1, 27), anchor=None) == "reported"


def test_clause_is_bounded_by_arabic_comma() -> None:
    s = "من المقرر أن يسافر الوفد غدا، وكان الوزير قد وصل يوم الثلاثاء"
    i = s.index("يوم الثلاثاء")
    left, right = clause_bounds(s, i, i + len("يوم الثلاثاء"))
    assert "المقرر" not in s[left:right]
    assert s[left:right].strip().startswith("وكان")


@pytest.mark.parametrize("word,future", [
    ("سيبدأ", True), ("ستعقد", True), ("وسنعمل", True), ("فستنطلق", True),
    ("سياسة", False), ("السياسية", False), ("سيارة", False), ("سيطرته", False), ("سنوات", False),
    ("ستة", False), ("سيد", False),
])
def test_future_particle(word: str, future: bool) -> None:
    assert is_future_verb(fold(word), T) is future


def test_anchor_is_in_the_outlets_offset() -> None:
    published = datetime(2024, 1, 24, 22, 30, tzinfo=UTC)
    a = article_anchor({"article_id": "a", "published": published, "published_offset": "+03:00"})
    assert a is not None and a.date() == date(2024, 1, 25) and a.utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize("article", [
    {"article_id": "a", "published": "2024-01-24"},
    {"article_id": "a", "published": datetime(2024, 1, 24)},
    {"article_id": "a", "published": datetime(2024, 1, 24, tzinfo=UTC), "published_offset": "Baghdad"},
])
def test_bad_publication_time_is_a_typed_error(article: dict) -> None:
    with pytest.raises(EventsError):
        article_anchor(article)


def test_future_verb_in_a_subordinate_clause_after_the_date_does_not_govern_it() -> None:
    s = "أعلنت الحكومتان اليوم الخميس أن اللجنة العسكرية العليا ستباشر اجتماعاتها"
    assert modality(s, "اليوم الخميس", "day", PUB) == "reported"
    s2 = "أكدت الحكومة أن اللجنة ستباشر اجتماعاتها اليوم الخميس"
    assert modality(s2, "اليوم الخميس", "day", PUB) == "expected"
