"""Rules added after the round-3 (batch C) blind pages. Each is tested both ways: where it
applies, and where the same markup shape must not trigger it.

Rules: VideoObject JSON-LD dates a video page; fractions of a second are kept; a short
"label:" head makes a dateline; a dateline just above the title inside the title's own box is
read on a whole-page scope; a Blogger "Site: Headline" logo ``<h1>`` is not the title; the
post footer's machine time is read; top-level ``var pubDate = "..."``; view-counter lines leave
the body.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from tarikh.extract import article
from tarikh.extract.body import site_head
from tarikh.extract.stamps import parse_machine

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
RIYADH = timezone(timedelta(hours=3))
STORY = (
    "<p>أعلنت البلدية افتتاح ثلاث حدائق عامة جديدة في الأحياء الشمالية، تضم ملاعب للأطفال ومسارات "
    "للمشي وإضاءة تعمل بالطاقة الشمسية، بعد أشهر من أعمال التجهيز.</p>"
    "<p>وقال مدير الحدائق إن الدخول مجاني طوال أيام الأسبوع، وإن فرق الصيانة ستعمل في المساء.</p>"
)

SHORT = "<p>افتتحت البلدية ثلاث حدائق عامة في الأحياء الشمالية، والدخول إليها مجاني طوال الأسبوع.</p>"


def _page(inner: str, head: str = "", title: str = "افتتاح ثلاث حدائق عامة | موقع") -> bytes:
    return (
        f"<html lang='ar'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{inner}</body></html>"
    ).encode()


def _run(raw: bytes, url: str = "https://hadaiq.example/news/1"):  # type: ignore[no-untyped-def]
    return article(raw, url, fetched_at=FETCHED)


def _ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


# ---------------------------------------------------------------- VideoObject


def test_video_object_upload_date_dates_the_page() -> None:
    ld = _ld(
        '{"@context":"https://schema.org","@type":"VideoObject","name":"جولة",'
        '"uploadDate":"2024-03-14T16:00:00+03:00"}'
    )
    art = _run(_page(f"<h1>افتتاح ثلاث حدائق عامة</h1>{STORY}", ld))
    assert art.published == datetime(2024, 3, 14, 16, 0, tzinfo=RIYADH)
    assert art.published_source == "json-ld"


def test_news_article_outranks_an_embedded_video_object() -> None:
    ld = _ld(
        '[{"@type":"VideoObject","uploadDate":"2024-03-01T10:00:00+03:00"},'
        '{"@type":"NewsArticle","headline":"حدائق","datePublished":"2024-03-14T08:00:00+03:00"}]'
    )
    art = _run(_page(f"<h1>افتتاح ثلاث حدائق عامة</h1>{STORY}", ld))
    assert art.published == datetime(2024, 3, 14, 8, 0, tzinfo=RIYADH)


# ---------------------------------------------------------------- fractions of a second


def test_fraction_of_a_second_is_kept() -> None:
    stamp = parse_machine("2024-03-14T07:02:31.123Z")
    assert stamp is not None and stamp.value.microsecond == 123000
    whole = parse_machine("2024-03-14T07:02:31Z")
    assert whole is not None and whole.value.microsecond == 0


# ---------------------------------------------------------------- "label:" head


def test_unlisted_short_label_with_colon_makes_a_dateline() -> None:
    inner = f"<h1>افتتاح ثلاث حدائق عامة</h1><div>تاريخ الإدخال: 14/03/2024</div>{STORY}"
    art = _run(_page(inner))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)
    assert art.published_source == "text"


def test_long_head_before_a_colon_is_prose_not_a_dateline() -> None:
    inner = "<h1>افتتاح ثلاث حدائق عامة</h1><div>قال المدير في مؤتمره الصحفي الأخير: 14/03/2024</div>" + STORY
    assert _run(_page(inner)).published is None


# ---------------------------------------------------------------- kicker line in the title's box


def test_dateline_over_the_title_in_its_own_box_is_read() -> None:
    inner = (
        "<div class='top'>اسم الموقع</div>"
        "<div class='box'><div>الخميس 14 مارس 2024</div><h1>افتتاح ثلاث حدائق عامة</h1>"
        f"<div class='txt'>{SHORT}</div></div>"
    )
    art = _run(_page(inner))  # the box holds too little text to be the scope: the page is
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def test_masthead_clock_over_a_title_sitting_in_body_is_not_read() -> None:
    inner = f"<div>الأحد 29 نوفمبر 2026</div><h1>افتتاح ثلاث حدائق عامة</h1>{STORY}"
    assert _run(_page(inner)).published is None


def test_third_line_above_the_title_in_its_box_is_not_read() -> None:
    inner = (
        "<div class='box'><div>الأحد 29 نوفمبر 2026</div><div>محليات</div><div>عاجل</div>"
        f"<h1>افتتاح ثلاث حدائق عامة</h1><div class='txt'>{SHORT}</div></div>"
    )
    assert _run(_page(inner)).published is None


# ---------------------------------------------------------------- Blogger title and post footer


def test_site_head_splits_only_a_short_head() -> None:
    assert site_head("القلم الحر: ذكريات من سوق الكتب") == ("القلم الحر", "ذكريات من سوق الكتب")
    assert site_head("وزير الخارجية العراقي في مؤتمر صحفي: المحادثات تبدأ قريبا") == ("", "")
    assert site_head("عنوان بلا نقطتين") == ("", "")


BLOG = (
    "<div class='header-outer'><h1 class='title'>القلم الحر</h1></div>"
    "<div class='post hentry'><h3 class='post-title entry-title'>افتتاح ثلاث حدائق عامة في الشمال</h3>"
    f"<div class='post-body'>{STORY}</div>"
    "<div class='post-footer'><div class='post-footer-line'>في "
    "<abbr class='published' title='2024-03-12T21:40:00+03:00'>9:40 م</abbr></div></div></div>"
)


def test_blog_logo_h1_loses_to_the_post_heading_and_footer_time_is_read() -> None:
    art = _run(_page(BLOG, title="القلم الحر: افتتاح ثلاث حدائق عامة في الشمال"))
    assert art.title == "افتتاح ثلاث حدائق عامة في الشمال"
    assert art.published == datetime(2024, 3, 12, 21, 40, tzinfo=RIYADH)
    assert art.published_source == "time"


def test_quote_headline_h1_stays_the_title() -> None:
    inner = f"<h1>الوزير: افتتاح ثلاث حدائق عامة قريبا</h1>{STORY}"
    art = _run(_page(inner, title="الوزير: افتتاح ثلاث حدائق عامة قريبا"))
    assert art.title == "الوزير: افتتاح ثلاث حدائق عامة قريبا"


def test_site_footer_time_is_not_read() -> None:
    inner = (
        f"<div class='post'><h1>افتتاح ثلاث حدائق عامة</h1>{STORY}</div>"
        "<div class='site-footer'><time class='published' datetime='2026-11-29T10:00:00+03:00'>اليوم</time></div>"
    )
    assert _run(_page(inner)).published is None


# ---------------------------------------------------------------- script variables


def test_top_level_pubdate_variable_is_read() -> None:
    head = '<script>var articleId = 5; var pubDate = "2024-03-14T09:30:00+03:00";</script>'
    art = _run(_page(f"<h1>افتتاح ثلاث حدائق عامة</h1>{STORY}", head))
    assert art.published == datetime(2024, 3, 14, 9, 30, tzinfo=RIYADH)
    assert art.published_source == "meta"


def test_object_property_in_spa_state_is_not_read() -> None:
    head = '<script>window.__STATE__={related:[{pubDate:"2024-03-01T09:30:00+03:00"}]};</script>'
    assert _run(_page(f"<h1>افتتاح ثلاث حدائق عامة</h1>{STORY}", head)).published is None


def test_json_script_is_not_javascript() -> None:
    head = '<script type="application/json">var pubDate = "2024-03-14T09:30:00+03:00";</script>'
    assert _run(_page(f"<h1>افتتاح ثلاث حدائق عامة</h1>{STORY}", head)).published is None


# ---------------------------------------------------------------- counters


def test_view_counter_line_leaves_the_body_but_prose_with_the_word_stays() -> None:
    inner = (
        "<h1>افتتاح ثلاث حدائق عامة</h1><div class='info'>مشاهدات: 881</div>"
        + STORY
        + "<p>وسجلت الصفحة الرسمية للبلدية 900 مشاهدة لمقطع الافتتاح خلال ساعة.</p>"
    )
    body = _run(_page(inner)).body
    assert "مشاهدات: 881" not in body
    assert "900 مشاهدة لمقطع الافتتاح" in body


# ---------------------------------------------------------------- listings (batch D)

TEASERS = "".join(
    f"<div class='card'><h3><a href='/n/{i}'>{t}</a></h3><span>منذ {i} ساعات</span></div>"
    for i, t in enumerate(["افتتاح مدرسة", "أسعار الصرف", "حملة تطعيم", "مباراة ودية", "أمطار غزيرة"], 3)
)


def test_short_heading_teasers_make_a_listing() -> None:
    art = _run(_page(f"<main>{TEASERS}</main>"), url="https://hadaiq.example/local")
    assert art.page_kind == "listing" and art.published is None


def test_front_page_url_is_a_listing() -> None:
    art = _run(_page(f"<h2><a href='/n/1'>افتتاح</a></h2>{SHORT}"), url="https://hadaiq.example/")
    assert art.page_kind == "listing"


def test_article_with_a_short_related_box_stays_an_article() -> None:
    inner = f"<article><h1>افتتاح ثلاث حدائق عامة</h1>{STORY}{STORY}</article><aside>{TEASERS}</aside>"
    assert _run(_page(inner), url="https://hadaiq.example/news/7").page_kind == "article"


def test_article_at_a_deep_url_with_one_heading_link_stays_an_article() -> None:
    inner = f"<h1>افتتاح ثلاث حدائق عامة</h1><h2><a href='/x'>حديقة الشمال</a></h2>{STORY}"
    assert _run(_page(inner), url="https://hadaiq.example/news/8").page_kind == "article"


# ---------------------------------------------------------------- batch E rules


def _dated(line: str, url: str = "https://hadaiq.example/news/9"):  # type: ignore[no-untyped-def]
    return _run(_page(f"<h1>افتتاح ثلاث حدائق عامة</h1><div class='d'>{line}</div>{STORY}"), url=url)


def test_written_date_beats_a_bare_clock_before_it() -> None:
    art = _dated("09:30 ص - الخميس 14 مارس 2024")
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def test_relative_line_without_a_written_date_still_resolves() -> None:
    art = _dated("منذ 5 ساعات")
    assert art.published is not None and art.published.date() == date(2026, 11, 29)


def test_published_is_the_part_before_an_update_label() -> None:
    art = _dated("14/3/2024 - آخر تحديث: 16/3/2024 08:45")
    assert art.published is not None and art.published.date() == date(2024, 3, 14)
    assert art.modified is not None and art.modified.date() == date(2024, 3, 16)


def test_a_line_that_starts_with_the_update_label_gives_no_publication() -> None:
    assert _dated("آخر تحديث: 16/3/2024 08:45").published is None


def test_zone_written_without_bi_prefix() -> None:
    art = _dated("14 مارس 2024 08:45 (توقيت مكة)")
    assert art.published == datetime(2024, 3, 14, 8, 45, tzinfo=RIYADH)


def test_local_time_word_alone_is_no_zone() -> None:
    art = _dated("14 مارس 2024 08:45 (توقيت محلي)")
    assert art.published_grain == "day" and art.published is not None
    assert art.published.date() == date(2024, 3, 14)


def test_dashed_day_month_year() -> None:
    art = _dated("14 - مارس - 2024")
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def _wp(times: str) -> bytes:
    return _page(
        f"<article><h1>افتتاح ثلاث حدائق عامة</h1><div class='entry-meta'>{times}</div>{STORY}</article>"
    )


def test_entry_date_marked_updated_is_the_post_date_when_alone() -> None:
    art = _run(_wp('<time class="entry-date updated" datetime="2024-03-14T09:30:00+03:00">14 مارس</time>'))
    assert art.published == datetime(2024, 3, 14, 9, 30, tzinfo=RIYADH)


def test_a_published_stamp_beats_an_entry_date_marked_updated() -> None:
    art = _run(
        _wp(
            '<time class="entry-date updated" datetime="2024-03-16T10:00:00+03:00">16 مارس</time>'
            '<time class="entry-date published" datetime="2024-03-14T09:30:00+03:00">14 مارس</time>'
        )
    )
    assert art.published == datetime(2024, 3, 14, 9, 30, tzinfo=RIYADH)


def test_a_plain_updated_stamp_is_not_the_post_date() -> None:
    art = _run(_wp('<time class="updated" datetime="2024-03-16T10:00:00+03:00">16 مارس</time>'))
    assert art.published is None
    assert art.modified == datetime(2024, 3, 16, 10, 0, tzinfo=RIYADH)
