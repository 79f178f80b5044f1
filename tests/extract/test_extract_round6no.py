"""Round-6 batch N and O rules, tested both ways: microdata in the footer of the page's own
article item (tagDiv themes) dates the page, an item of its own inside boilerplate (a related
story) does not; a visible byline's markup names the author when JSON-LD and meta do not, a
list of writers, a comment's author or the outlet itself does not.
"""

from __future__ import annotations

from datetime import UTC, datetime

from tarikh.extract import article

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
STORY = (
    "<p>اجتاحت سيول جارفة ثلاث مديريات في المحافظة مساء الجمعة، وألحقت أضرارا بعشرات المنازل والمزارع"
    " وقطعت طريقين رئيسيين، وفق ما أفادت به السلطة المحلية.</p>"
    "<p>وقال مسؤول في الدفاع المدني إن فرق الإنقاذ أجلت أكثر من مئة أسرة إلى مدارس قريبة، وإن الأمطار"
    " ما تزال مستمرة على المرتفعات الغربية.</p>"
)


def _page(footer: str) -> bytes:
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>سيول جارفة في المحافظة</title></head><body>"
        "<article itemscope itemtype='https://schema.org/Article'><h1 itemprop='headline'>سيول جارفة في المحافظة</h1>"
        f"<div class='td-post-content'>{STORY}</div><footer>{footer}</footer></article></body></html>"
    ).encode()


def _run(raw: bytes):  # type: ignore[no-untyped-def]
    return article(raw, "https://mashhad.example/318442", fetched_at=FETCHED)


def test_footer_microdata_of_the_article_item_dates_the_page() -> None:
    art = _run(_page("<meta itemprop='datePublished' content='2024-08-03T16:20:11+03:00'>"))
    assert art.published_source == "meta"
    assert art.published == datetime(2024, 8, 3, 13, 20, 11, tzinfo=UTC)


def test_a_related_item_in_the_footer_does_not() -> None:
    related = (
        "<div itemscope itemtype='https://schema.org/NewsArticle'><a href='/318440' itemprop='url'>"
        "<span itemprop='headline'>اختطاف ثلاثة معلمين</span></a>"
        "<meta itemprop='datePublished' content='2024-08-01T09:00:00+03:00'></div>"
    )
    assert _run(_page(related)).published is None


def test_a_comment_in_the_footer_does_not() -> None:
    comment = (
        "<div class='comments'><div itemscope itemtype='https://schema.org/Comment'>"
        "<meta itemprop='dateCreated' content='2024-08-04T10:00:00+03:00'><p>الله يحفظ الأهالي</p></div></div>"
    )
    assert _run(_page(comment)).published is None


def _bylined(byline: str, aside: str = "") -> bytes:
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>سيول جارفة في المحافظة</title>"
        "<meta property='og:site_name' content='المشهد'></head><body>"
        f"<article><header><h1>سيول جارفة في المحافظة</h1>{byline}</header>"
        f"<div class='content'>{STORY}</div></article>{aside}</body></html>"
    ).encode()


def test_an_author_link_in_the_article_header_names_the_author() -> None:
    art = _run(_bylined("<div class='meta'><a href='/author/412-rita'>ريتا شمعون</a></div>"))
    assert art.authors == ["ريتا شمعون"]


def test_a_writer_class_with_a_by_word_names_the_author() -> None:
    for byline in ("<span class='jmh-writer'>جورج شاهين</span>", "<span class='author'>بواسطة حنان سويد</span>",
                   "<span class='writer'>كتب - حمد الكواري</span>"):
        assert len(_run(_bylined(byline)).authors) == 1, byline
    assert _run(_bylined("<span class='author'>بواسطة حنان سويد</span>")).authors == ["حنان سويد"]


def test_a_list_of_columnists_names_nobody() -> None:
    writers = (
        "<div class='col-side'><h3>كتاب الصحيفة</h3>"
        "<div class='writer'><b>يوسف المناعي</b><a href='/column/1'>ذاكرة البحر</a></div>"
        "<div class='writer'><b>نورة الدوسري</b><a href='/column/2'>رمضان بين جيلين</a></div></div>"
    )
    assert _run(_bylined("", aside=writers)).authors == []


def test_a_comment_author_or_the_outlet_itself_names_nobody() -> None:
    comment = "<div class='comments'><span class='comment-author'>سالم الحكيمي</span><p>حمى الله الناس</p></div>"
    assert _run(_bylined("", aside=comment)).authors == []
    assert _run(_bylined("<span class='author'>بواسطة المشهد</span>")).authors == []


def test_text_that_is_no_name_names_nobody() -> None:
    for byline in ("<span class='author'>المحرر 12</span>",
                   "<span class='byline'>تقرير مطول عن آثار السيول على القرى الزراعية في المحافظة</span>"):
        assert _run(_bylined(byline)).authors == [], byline


def _dated(published: str, meta: str = "") -> bytes:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "سيول جارفة في المحافظة",'
          f' "datePublished": "{published}"}}</script>')
    return (
        f"<html lang='ar'><head><meta charset='utf-8'><title>سيول جارفة في المحافظة</title>{ld}{meta}</head>"
        f"<body><article><h1>سيول جارفة في المحافظة</h1>{STORY}</article></body></html>"
    ).encode()


def test_a_machine_time_at_midnight_sharp_gives_the_day_only() -> None:
    art = _run(_dated("2024-03-14T00:00:00+02:00"))
    assert art.published_grain == "day" and art.published is not None
    assert art.published.date().isoformat() == "2024-03-14"


def test_a_time_past_midnight_or_a_finer_signal_keeps_the_minute() -> None:
    art = _run(_dated("2024-03-14T00:15:00+02:00"))
    assert art.published_grain == "minute" and art.published == datetime(2024, 3, 13, 22, 15, tzinfo=UTC)
    refined = _run(_dated("2024-03-14T00:00:00+02:00",
                          "<meta property='article:published_time' content='2024-03-14T09:40:00+02:00'>"))
    assert refined.published_grain == "minute" and refined.published == datetime(2024, 3, 14, 7, 40, tzinfo=UTC)


# Batch P: an era marker after a numeric date in a byline row; platform publishers; site-title logos.


def _plain(head: str = "", header: str = "", line: str = "", url: str = "https://kassala.example/news.php?id=88") -> object:
    raw = (
        f"<html lang='ar'><head><meta charset='utf-8'><title>سيول جارفة في المحافظة</title>{head}</head><body>"
        f"<div id='header'>{header}</div><div class='story'><h1>سيول جارفة في المحافظة</h1>"
        f"<div class='date'>{line}</div>{STORY}</div></body></html>"
    ).encode()
    return article(raw, url, fetched_at=FETCHED)


def test_an_era_marker_after_the_date_keeps_the_byline_row_a_dateline() -> None:
    art = _plain(line="بتاريخ : 12-06-2023 م &nbsp;&nbsp; عدد المشاهدات : 842")
    assert art.published is not None and art.published.date().isoformat() == "2023-06-12"  # type: ignore[attr-defined]


def test_prose_after_an_era_marker_is_still_prose() -> None:
    art = _plain(line="12-06-2023 م شهدت المدينة أمطارا غزيرة أدت إلى انقطاع الطرق الرئيسية وتضرر عشرات المنازل")
    assert art.published is None  # type: ignore[attr-defined]


def test_a_blog_platform_is_no_outlet_but_a_site_title_link_is() -> None:
    ld = ('<script type="application/ld+json">{"@type": "BlogPosting", "headline": "سيول جارفة في المحافظة",'
          ' "datePublished": "2024-02-10T09:00:00+03:00", "publisher": {"@type": "Organization", "name": "Blogger"}}'
          "</script>")
    art = _plain(head=ld, header="<h1 class='site-title'><a href='/'>أصداء الناصرية</a></h1>")
    assert art.outlet == "أصداء الناصرية"  # type: ignore[attr-defined]


def test_a_generic_home_link_or_one_outside_the_logo_names_no_outlet() -> None:
    assert _plain(header="<div class='logo'><a href='/'>الرئيسية</a></div>").outlet == "kassala.example"  # type: ignore[attr-defined]
    assert _plain(header="<ul class='menu'><a href='/'>أخبار الولاية</a></ul>").outlet == "kassala.example"  # type: ignore[attr-defined]


# Batch R: official sites' templates.


def _sharepoint(title_block: str, date_line: str = "") -> object:
    raw = (
        "<html lang='ar'><head><meta charset='utf-8'><title>جامعة الدول العربية - تفاصيل الخبر</title></head><body>"
        "<div class='las-nav'><a href='/'>الرئيسية</a></div><table class='news'>"
        f"{title_block}<tr><td class='news-body'>{STORY}</td></tr>"
        f"<tr><td class='news-date'>{date_line}</td></tr></table></body></html>"
    ).encode()
    return article(raw, "https://las.example/news/details.aspx?id=7", fetched_at=FETCHED)


def test_a_page_without_h1_takes_the_heading_its_template_marks_as_title() -> None:
    art = _sharepoint("<tr><td class='news-title'><h2>الأمين العام يرحب بالاتفاق على إنهاء مهمة التحالف</h2></td></tr>",
                      "<span class='lbl'>التاريخ:</span> <span>28/09/2024</span>")
    assert art.title == "الأمين العام يرحب بالاتفاق على إنهاء مهمة التحالف"  # type: ignore[attr-defined]
    assert art.published is not None and art.published.date().isoformat() == "2024-09-28"  # type: ignore[attr-defined]


def test_a_plain_or_boxed_heading_is_no_title_and_history_is_no_label() -> None:
    plain = _sharepoint("<tr><td><h2>الأمين العام يرحب بالاتفاق على إنهاء مهمة التحالف</h2></td></tr>")
    assert plain.title != "الأمين العام يرحب بالاتفاق على إنهاء مهمة التحالف"  # type: ignore[attr-defined]
    boxed = _sharepoint("<tr><td class='related'><h3 class='title'>أخبار أخرى عن اجتماعات الجامعة العربية</h3></td></tr>")
    assert boxed.title != "أخبار أخرى عن اجتماعات الجامعة العربية"  # type: ignore[attr-defined]
    prose = _sharepoint("<tr><td class='news-title'><h2>الأمين العام يرحب بالاتفاق على إنهاء مهمة التحالف</h2></td></tr>",
                        "يعود التاريخ الحديث للمدينة إلى 12/03/1920 حين أسست أول بلدية فيها")
    assert prose.published is None  # type: ignore[attr-defined]


# Batch U: a class saying a block has none of a boilerplate kind.


def test_a_no_share_story_block_is_the_story_and_a_share_block_is_not() -> None:
    raw = (
        "<html lang='ar'><head><meta charset='utf-8'><title>سيول جارفة في المحافظة</title></head><body>"
        "<h1>سيول جارفة في المحافظة</h1><div class='share-buttons'><p>شارك الخبر عبر فيسبوك وتويتر وواتساب مع أصدقائك الآن</p></div>"
        f"<div class='entry-content no-share'>{STORY}</div></body></html>"
    ).encode()
    art = _run(raw)
    assert "فرق الإنقاذ" in art.body
    assert "أصدقائك" not in art.body


# Batch W: a clock beside a date the dates module cannot read is that date's, not today's.


def test_a_clock_beside_an_unread_numeric_date_gives_no_date() -> None:
    art = _plain(line="نشر في: 27-11-24 08:14")
    assert art.published is None  # type: ignore[attr-defined]


def test_a_two_digit_year_date_with_its_clock_is_read() -> None:
    art = _plain(line="نشر في: 27/11/24 08:14 بتوقيت القدس")
    assert art.published is not None and art.published.date().isoformat() == "2024-11-27"  # type: ignore[attr-defined]


# Batch V: print views.


def test_a_print_stamp_is_never_the_publication_date() -> None:
    raw = (
        "<html lang='ar'><head><meta charset='utf-8'><title>سيول جارفة في المحافظة</title></head><body>"
        "<div class='print-top'><div class='when'>طبع في 29/11/2026 الساعة 14:00</div></div>"
        f"<h1>سيول جارفة في المحافظة</h1>{STORY}"
        "<div id='printFoot'>جميع الحقوق محفوظة للوكالة 2026<br>رابط المقال: https://wakala.example/a/7</div>"
        "</body></html>"
    ).encode()
    art = _run(raw)
    assert art.published is None
    assert "جميع الحقوق" not in art.body and "رابط المقال" not in art.body
    assert "فرق الإنقاذ" in art.body
