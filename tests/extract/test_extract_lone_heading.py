"""A lone boilerplate heading takes a link box with it, never the story that follows it."""

from __future__ import annotations

from datetime import UTC, datetime

from tarikh.extract import article

STORY = "".join(
    f"<p>الفقرة {n} من الخبر: ناقش الوفدان في بغداد جدول أعمال اللجنة العسكرية العليا وتفاصيل المرحلة المقبلة.</p>"
    for n in range(1, 9)
)


def _page(after_heading: str) -> bytes:
    return (
        '<html lang="ar"><head><meta charset="utf-8"><title>خبر</title>'
        '<meta property="article:published_time" content="2024-01-25T10:00:00+03:00"></head>'
        f"<body><article><h1>الوفدان يناقشان جدول الأعمال</h1><h3>آخر الأخبار</h3>{after_heading}"
        '<h3>اقرأ أيضا</h3><div class="rel"><a href="/a">عنوان خبر آخر طويل نسبيا</a> '
        '<a href="/b">وعنوان ثالث أطول قليلا من سابقه</a></div></article></body></html>'
    ).encode()


def test_story_after_a_lone_heading_is_kept_and_the_link_box_goes() -> None:
    a = article(_page(f'<div class="story">{STORY}</div>'), "https://x.example/n/1", fetched_at=datetime.now(UTC))
    assert a.body is not None
    assert "الفقرة 1 من الخبر" in a.body and "الفقرة 8 من الخبر" in a.body
    assert "عنوان خبر آخر" not in a.body
