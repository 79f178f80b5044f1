"""The ``text`` step: visible Arabic date lines, read through tarikh.dates (skipped while it cannot)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.extract.test_extract_ladder import FETCHED, build, run


def _reads(text: str, grain: str) -> bool:
    try:
        from tarikh.dates import find  # type: ignore[attr-defined,unused-ignore]

        order = {"minute": 0, "hour": 1, "day": 2}
        return any(order.get(e.grain, 9) <= order[grain] for e in find(text, FETCHED))
    except Exception:
        return False


def needs(text: str, grain: str = "day") -> pytest.MarkDecorator:
    return pytest.mark.skipif(not _reads(text, grain), reason=f"tarikh.dates cannot read {text!r} yet")


@needs("الخميس 25 يناير 2024 - 10:30 ص", "minute")
def test_labelled_dateline_with_zone() -> None:
    art = run(build(dateline="نشر في: الخميس 25 يناير 2024 - 10:30 ص بتوقيت بغداد"))
    assert art.published_source == "text"
    assert art.published == datetime(2024, 1, 25, 10, 30, tzinfo=timezone(timedelta(hours=3)))
    assert art.published_offset == "+03:00"
    assert "نشر في" not in art.body


@needs("الخميس 25 يناير 2024 - 10:30 ص", "minute")
def test_labelled_dateline_without_zone_keeps_the_day() -> None:
    art = run(build(dateline="نشر في: الخميس 25 يناير 2024 - 10:30 ص"))
    assert art.published_grain == "day" and art.published.date().isoformat() == "2024-01-25"  # type: ignore[union-attr]


@needs("27 يناير 2024 - 06:40 م", "minute")
def test_published_and_updated_on_one_line() -> None:
    line = "نشر في: 25 يناير 2024 - 09:00 ص | آخر تحديث: 27 يناير 2024 - 06:40 م بتوقيت مكة"
    art = run(build(dateline=line))
    assert art.published == datetime(2024, 1, 25, 9, 0, tzinfo=timezone(timedelta(hours=3)))
    assert art.modified == datetime(2024, 1, 27, 18, 40, tzinfo=timezone(timedelta(hours=3)))
    assert art.modified_source == "text"


@needs("الخميس 13 رجب 1445 هـ - 25 يناير 2024 م")
def test_unlabelled_hijri_and_gregorian_line_under_the_title() -> None:
    art = run(build(dateline="الخميس 13 رجب 1445 هـ - 25 يناير 2024 م"))
    assert art.published_source == "text" and art.published.date().isoformat() == "2024-01-25"  # type: ignore[union-attr]


@needs("24 يناير 2024")
def test_a_date_inside_the_lede_is_not_the_publication_date() -> None:
    lede = (
        "<p>سلمت السفيرة الأمريكية في 24 يناير 2024 رسالة إلى وزير الخارجية تتضمن استعداد بلادها لبدء "
        "المحادثات حول مستقبل التحالف، بحسب ما قاله مسؤول في الوزارة للصحفيين في بغداد.</p>"
    )
    art = run(build(extra_body=lede))
    assert art.published is None


@needs("منذ ساعتين", "hour")
def test_relative_dateline_resolves_against_the_fetch_time() -> None:
    fetched = datetime(2024, 1, 25, 15, 0, tzinfo=UTC)
    art = run(build(dateline="نشر منذ ساعتين"), fetched_at=fetched)
    assert art.published is not None and abs(art.published - (fetched - timedelta(hours=2))) < timedelta(
        hours=1
    )


@needs("25 يناير 2024")
def test_no_relative_date_without_a_fetch_time() -> None:
    art = article_no_fetch = run(build(dateline="نشر منذ ساعتين"), fetched_at=None)
    assert article_no_fetch.published is None and art.published_source is None


@needs("25 يناير 2024")
def test_an_arabic_listing_label_as_hint() -> None:
    art = run(build(), hints={"published": "الخميس 25 يناير 2024", "source": "listing"})
    assert art.published_source == "hint" and art.published.date().isoformat() == "2024-01-25"  # type: ignore[union-attr]


@needs("17 نوفمبر 2008")
def test_a_label_word_inside_prose_is_no_dateline() -> None:
    prose = "<p>ووقع الطرفان اتفاقية الإطار الاستراتيجي بتاريخ 17 نوفمبر 2008 في بغداد بعد مفاوضات طويلة.</p>"
    art = run(build(extra_body=prose))
    assert art.published is None


@needs("الخميس 25 يناير 2024")
def test_a_kicker_dateline_above_the_title_inside_the_article() -> None:
    html = build().replace("<article><h1>", "<article><div class='kicker'>الخميس 25 يناير 2024</div><h1>")
    art = run(html)
    assert art.published_source == "text" and art.published.date().isoformat() == "2024-01-25"  # type: ignore[union-attr]


@needs("الأحد 29 نوفمبر 2026")
def test_a_date_above_the_title_on_a_whole_page_scope_is_the_masthead() -> None:
    html = (
        "<html><head><meta charset='utf-8'><title>عنوان الخبر التجريبي عن المحادثات</title></head><body>"
        "<div>الأحد 29 نوفمبر 2026</div><h1>عنوان الخبر التجريبي عن المحادثات</h1>"
        "<p>قالت مصادر حكومية إن الاجتماع المقبل سيناقش تفاصيل الجدول الزمني لانتقال المهمة إلى صيغة "
        "ثنائية، وإن الوفدين اتفقا على مواصلة التنسيق في مواجهة بقايا التنظيم في المناطق الصحراوية.</p>"
        "</body></html>"
    )
    assert run(html).published is None
