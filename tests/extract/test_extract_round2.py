"""Rules added after the round-2 blind pages: live-blog feeds, the article's own header/footer
blocks, and gallery JSON-LD types. Each rule is tested both ways: where it applies, and where the
same markup shape must not trigger it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

from tarikh.extract import article

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
BAGHDAD = timezone(timedelta(hours=3))
STORY = (
    "<p>قررت مديرية التربية تمديد العطلة الشتوية أسبوعا إضافيا في المدارس الابتدائية بسبب موجة البرد، "
    "على أن تعوض الأيام الضائعة في نهاية العام الدراسي وفق جدول تعده المدارس.</p>"
    "<p>وقالت المديرية إن القرار لا يشمل المدارس الثانوية التي تستعد طالباتها وطلابها للامتحانات الوزارية.</p>"
)


def _page(inner: str, head: str = "") -> bytes:
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>تمديد العطلة الشتوية | موقع</title>"
        f"{head}</head><body>{inner}</body></html>"
    ).encode()


def _post(when: str, text: str) -> str:
    return f'<div class="entry"><time datetime="{when}">{when[11:16]}</time><p>{text}</p></div>'


POSTS = [
    ("2024-01-10T21:00:00+03:00", "المديرية تنشر جدول التعويض على موقعها الرسمي."),
    ("2024-01-10T17:30:00+03:00", "أولياء أمور يطالبون بتوضيح موعد الامتحانات."),
    ("2024-01-10T12:15:00+03:00", "بدء تغطيتنا لقرار تمديد العطلة الشتوية."),
]


def test_live_feed_is_dated_by_its_earliest_post() -> None:
    feed = "".join(_post(w, t) for w, t in POSTS)
    art = article(
        _page(f"<article><h1>تمديد العطلة الشتوية</h1><div class='feed'>{feed}</div></article>"),
        "https://live.example/x",
        fetched_at=FETCHED,
    )
    assert art.published == datetime(2024, 1, 10, 12, 15, tzinfo=BAGHDAD)
    assert art.published_source == "time"


def test_feed_order_does_not_matter() -> None:
    feed = "".join(_post(w, t) for w, t in reversed(POSTS))
    art = article(
        _page(f"<article><h1>تمديد العطلة الشتوية</h1><div class='feed'>{feed}</div></article>"),
        "https://live.example/x",
        fetched_at=FETCHED,
    )
    assert art.published == datetime(2024, 1, 10, 12, 15, tzinfo=BAGHDAD)


def test_a_byline_time_beats_older_dates_in_a_chronology() -> None:
    """A story dated in its byline that lists past events with <time>: not a feed, the byline wins."""
    chronology = (
        "<ul class='timeline'>"
        + "".join(
            f'<li><time datetime="2023-0{m}-01T09:00:00+03:00">{m}</time> مرحلة من القضية</li>'
            for m in (3, 5, 7)
        )
        + "</ul>"
    )
    inner = (
        "<article><h1>تمديد العطلة الشتوية</h1>"
        '<p class="byline"><time datetime="2024-01-10T12:15:00+03:00">10 يناير 2024</time></p>'
        f"{STORY}{chronology}</article>"
    )
    art = article(_page(inner), "https://news.example/x", fetched_at=FETCHED)
    assert art.published == datetime(2024, 1, 10, 12, 15, tzinfo=BAGHDAD)


def test_two_stamps_are_not_a_feed() -> None:
    feed = "".join(_post(w, t) for w, t in POSTS[:2])
    art = article(
        _page(f"<article><h1>تمديد العطلة الشتوية</h1><div class='feed'>{feed}</div></article>"),
        "https://live.example/x",
        fetched_at=FETCHED,
    )
    assert art.published == datetime(2024, 1, 10, 21, 0, tzinfo=BAGHDAD)  # first in order, as before


def test_labelled_date_in_the_articles_own_footer_is_read() -> None:
    inner = (
        "<div class='story-box'><h1>تمديد العطلة الشتوية</h1>"
        f"<div class='story-text'>{STORY}</div>"
        "<div class='story-footer'>تاريخ النشر: 10 كانون الثاني 2024</div></div>"
    )
    art = article(_page(inner), "https://news.example/x", fetched_at=FETCHED)
    assert art.published is not None and art.published.date().isoformat() == "2024-01-10"
    assert art.published_source == "text"
    assert "تاريخ النشر" not in art.body  # the footer block stays out of the body


def test_a_site_footer_is_not_the_articles_frame() -> None:
    """A site-wide "آخر تحديث" line in the page footer must not date the article."""
    inner = (
        "<div id='page'><div id='wrap'><div id='content'><div class='story-box'><h1>تمديد العطلة الشتوية</h1>"
        f"<div class='story-text'>{STORY}</div></div></div></div>"
        "<div class='site-footer'>تاريخ النشر: 29 تشرين الثاني 2026 - آخر تحديث للموقع</div></div>"
    )
    art = article(_page(inner), "https://news.example/x", fetched_at=FETCHED)
    assert art.published is None


def test_unlabelled_date_in_a_frame_block_is_not_taken() -> None:
    inner = (
        "<div class='story-box'><h1>تمديد العطلة الشتوية</h1>"
        f"<div class='story-text'>{STORY}</div>"
        "<div class='story-footer'>29 تشرين الثاني 2026</div></div>"
    )
    art = article(_page(inner), "https://news.example/x", fetched_at=FETCHED)
    assert art.published is None


def test_related_box_named_footer_is_not_a_frame() -> None:
    inner = (
        "<div class='story-box'><h1>تمديد العطلة الشتوية</h1>"
        f"<div class='story-text'>{STORY}</div>"
        "<div class='related-footer'>تاريخ النشر: 3 كانون الثاني 2024</div></div>"
    )
    art = article(_page(inner), "https://news.example/x", fetched_at=FETCHED)
    assert art.published is None


def test_image_gallery_json_ld_dates_the_page() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "ImageGallery",
        "name": "تمديد العطلة الشتوية",
        "datePublished": "2024-01-10T12:15:00+03:00",
        "author": {"@type": "Person", "name": "نور الهدى سالم"},
    }
    head = f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    inner = f"<h1>تمديد العطلة الشتوية</h1><figure><figcaption>{STORY}</figcaption></figure>"
    art = article(_page(inner, head), "https://gallery.example/x", fetched_at=FETCHED)
    assert art.published == datetime(2024, 1, 10, 12, 15, tzinfo=BAGHDAD)
    assert art.published_source == "json-ld"
    assert art.authors == ["نور الهدى سالم"]


def test_weekday_before_a_numeric_date_is_not_read_as_last_weekday() -> None:
    """ "الخميس 14/03/2024": the dates module reads the weekday alone as the last Thursday before
    the fetch; the written date is the page's date."""
    inner = (
        f"<div class='box'><h1>تمديد العطلة الشتوية</h1><div class='d'>الخميس 14/03/2024</div>{STORY}</div>"
    )
    art = article(_page(inner), "https://news.example/x", fetched_at=FETCHED)
    assert art.published is not None and art.published.date().isoformat() == "2024-03-14"
    assert art.published_grain == "day"
