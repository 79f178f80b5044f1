"""The date ladder: trust order, scope (no dates from boxes, comments or mastheads), offsets, sanity."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarikh.extract import LADDER, ExtractError, Hints, article
from tarikh.extract.stamps import from_url, parse_machine

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PARA = (
    "<p>قالت مصادر حكومية إن الاجتماع المقبل سيناقش تفاصيل الجدول الزمني لانتقال المهمة إلى صيغة "
    "ثنائية، وإن الوفدين اتفقا على مواصلة التنسيق في مواجهة بقايا التنظيم في المناطق الصحراوية.</p>"
    "<p>وأضافت المصادر أن الحكومة ستعرض نتائج المحادثات على البرلمان قبل أي توقيع نهائي.</p>"
)


def build(
    *,
    jsonld: dict | list | str | None = None,
    meta: dict[str, str] | None = None,
    time_in_article: str | None = None,
    dateline: str | None = None,
    extra_body: str = "",
    extra_head: str = "",
    before_article: str = "",
) -> str:
    head = "<meta charset='utf-8'><title>خبر تجريبي | موقع</title>"
    if jsonld is not None:
        blob = jsonld if isinstance(jsonld, str) else json.dumps(jsonld, ensure_ascii=False)
        head += f'<script type="application/ld+json">{blob}</script>'
    for k, v in (meta or {}).items():
        head += f'<meta property="{k}" content="{v}">'
    head += extra_head
    art = "<h1>عنوان الخبر التجريبي عن المحادثات</h1>"
    if dateline:
        art += f'<div class="meta">{dateline}</div>'
    if time_in_article:
        art += f'<span class="date"><time datetime="{time_in_article}">تاريخ</time></span>'
    art += PARA + extra_body
    return f"<html lang='ar'><head>{head}</head><body>{before_article}<article>{art}</article></body></html>"


def run(html: str, url: str = "https://site.example/news/1", **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("fetched_at", FETCHED)
    return article(html.encode("utf-8"), url, **kw)


def test_ladder_order_is_documented() -> None:
    assert LADDER == ("hint", "json-ld", "meta", "time", "text", "url")


def test_each_step_wins_when_the_ones_above_are_missing() -> None:
    """Every step present with a different day: removing the top one hands the win to the next."""
    url = "https://site.example/2024/01/21/story"
    steps: dict[str, Any] = {
        "hint": {"published": "2024-01-26T10:00:00+03:00", "source": "news-sitemap"},
        "json-ld": {"@type": "NewsArticle", "datePublished": "2024-01-25T10:00:00+03:00"},
        "meta": {"article:published_time": "2024-01-24T10:00:00+03:00"},
        "time": "2024-01-23T10:00:00+03:00",
    }
    expected = {"hint": 26, "json-ld": 25, "meta": 24, "time": 23, "url": 21}
    present = list(steps)
    while True:
        html = build(
            jsonld=steps["json-ld"] if "json-ld" in present else None,
            meta=steps["meta"] if "meta" in present else None,
            time_in_article=steps["time"] if "time" in present else None,
        )
        hints = steps["hint"] if "hint" in present else None
        art = run(html, url, hints=hints)  # type: ignore[arg-type]
        top = present[0] if present else "url"
        assert art.published_source == top
        assert art.published is not None and art.published.day == expected[top]
        if not present:
            break
        present.pop(0)


def test_every_jsonld_block_is_read_and_graph_walked() -> None:
    blocks = [
        {"@type": "Organization", "name": "موقع"},
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "datePublished": "2024-01-01T00:00:00Z"},
                {"@type": "NewsArticle", "datePublished": "2024-01-25T07:00:00Z"},
            ],
        },
    ]
    head = "".join(f'<script type="application/ld+json">{json.dumps(b)}</script>' for b in blocks)
    art = run(build(extra_head=head))
    assert art.published == datetime(2024, 1, 25, 7, tzinfo=UTC)
    assert art.published_source == "json-ld"


def test_eastern_digits_and_unreadable_blocks() -> None:
    html = build(
        extra_head='<script type="application/ld+json">{"@type": "NewsArticle", oops}</script>',
        jsonld={"@type": "Article", "datePublished": "٢٠٢٤-٠١-٢٥T١٠:٣٠:٠٠+٠٣:٠٠"},
    )
    art = run(html)
    assert art.published == datetime(2024, 1, 25, 10, 30, tzinfo=timezone(timedelta(hours=3)))
    assert any("json-ld block" in w and "unreadable" in w for w in art.warnings)


def test_time_in_boxes_comments_and_asides_is_ignored() -> None:
    boxes = (
        '<div class="related-posts"><time datetime="2024-01-10T10:00:00+03:00">x</time></div>'
        '<aside><time datetime="2024-01-11T10:00:00+03:00">x</time></aside>'
        '<section class="comments"><time datetime="2024-01-12T10:00:00+03:00">x</time></section>'
        '<div><h3>الأكثر قراءة</h3><ul><li><time datetime="2024-01-13T10:00:00+03:00">x</time></li></ul></div>'
    )
    art = run(build(extra_body=boxes), "https://site.example/news/77")
    assert art.published is None
    art = run(build(extra_body=boxes, time_in_article="2024-01-25T09:00:00+03:00"))
    assert art.published_source == "time" and art.published.day == 25  # type: ignore[union-attr]


def test_masthead_clock_is_never_the_publication_date() -> None:
    masthead = '<div class="top-date">الأحد 29 نوفمبر 2026</div><header><span>29/11/2026</span></header>'
    art = run(build(before_article=masthead))
    assert art.published is None


def test_local_time_without_zone_keeps_only_the_day() -> None:
    art = run(build(jsonld={"@type": "NewsArticle", "datePublished": "2024-01-25T23:30:00"}))
    assert art.published_grain == "day"
    assert art.published == datetime(2024, 1, 25, tzinfo=UTC)
    assert art.published_offset is None
    assert art.to_dict()["published"] == "2024-01-25T00:00:00+00:00"


def test_missing_offset_taken_from_a_matching_value_elsewhere() -> None:
    html = build(
        jsonld={"@type": "NewsArticle", "datePublished": "2024-01-25T10:30:00"},
        meta={"article:published_time": "2024-01-25T07:30:00+00:00"},
    )
    art = run(html)
    assert art.published_source == "json-ld"
    assert art.published_offset == "+03:00"
    assert art.published == datetime(2024, 1, 25, 7, 30, tzinfo=UTC)


def test_missing_offset_taken_from_a_stated_zone() -> None:
    html = build(
        jsonld={"@type": "NewsArticle", "datePublished": "2024-01-25T10:30:00"},
        extra_body="<p>جميع الأوقات بتوقيت أبوظبي</p>",
    )
    art = run(html)
    assert art.published == datetime(2024, 1, 25, 10, 30, tzinfo=timezone(timedelta(hours=4)))
    assert art.published_offset == "+04:00"


def test_missing_offset_taken_from_the_hint() -> None:
    html = build(jsonld={"@type": "NewsArticle", "datePublished": "2024-01-25T10:30:00"})
    art = run(html, hints={"published": "2024-01-25", "source": "listing"})
    # the listing knew only the day; the page gives the minute on that day, in the hint's zone: none
    assert art.published_grain == "day" and art.published.date() == date(2024, 1, 25)  # type: ignore[union-attr]
    art = run(html, hints=Hints(published=datetime(2024, 1, 25, 10, 0, tzinfo=timezone(timedelta(hours=3)))))
    assert art.published_source == "hint"


def test_a_day_only_winner_is_refined_by_a_later_minute_on_the_same_day() -> None:
    html = build(meta={"article:published_time": "2024-01-25T08:15:00+00:00"})
    art = run(html, hints={"published": "2024-01-25", "source": "listing"})
    assert art.published_grain == "minute" and art.published_source == "meta"
    other_day = run(html, hints={"published": "2024-01-20", "source": "listing"})
    assert other_day.published_grain == "day" and other_day.published_source == "hint"
    assert any("disagrees" in w for w in other_day.warnings)


def test_future_and_ancient_dates_fall_through_to_the_next_step() -> None:
    html = build(
        jsonld={"@type": "NewsArticle", "datePublished": "2027-03-01T10:00:00+03:00"},
        meta={"article:published_time": "1970-01-01T00:00:00Z"},
        time_in_article="2024-01-25T10:00:00+03:00",
    )
    art = run(html)
    assert art.published_source == "time"
    assert any("after the fetch time" in w for w in art.warnings)
    assert any("before 1995" in w for w in art.warnings)


def test_modified_before_published_is_dropped() -> None:
    html = build(
        jsonld={
            "@type": "NewsArticle",
            "datePublished": "2024-01-25T10:00:00Z",
            "dateModified": "2024-01-24T10:00:00Z",
        }
    )
    art = run(html)
    assert art.modified is None and any("is before published" in w for w in art.warnings)
    ok = run(
        build(
            jsonld={
                "@type": "NewsArticle",
                "datePublished": "2024-01-25T10:00:00Z",
                "dateModified": "2024-01-25T12:00:00Z",
            }
        )
    )
    assert ok.modified == datetime(2024, 1, 25, 12, tzinfo=UTC) and ok.modified_source == "json-ld"


def test_url_grain_is_kept() -> None:
    assert from_url("https://a.example/2024/01/slug") is not None
    assert from_url("https://a.example/2024/01/slug").grain == "month"  # type: ignore[union-attr]
    assert from_url("https://a.example/news/20240125/slug").value == datetime(2024, 1, 25)  # type: ignore[union-attr]
    assert from_url("https://a.example/news/123456789012") is None
    art = run(build(), "https://site.example/2024/01/some-story")
    assert art.published_grain == "month" and art.published_source == "url"


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("2024-01-25T10:30:00+03:00", datetime(2024, 1, 25, 10, 30, tzinfo=timezone(timedelta(hours=3)))),
        ("2024-01-25T07:30:00.000Z", datetime(2024, 1, 25, 7, 30, tzinfo=UTC)),
        ("2024-01-25 10:30:00+0300", datetime(2024, 1, 25, 10, 30, tzinfo=timezone(timedelta(hours=3)))),
        ("Thu, 25 Jan 2024 07:30:00 GMT", datetime(2024, 1, 25, 7, 30, tzinfo=UTC)),
        ("٢٠٢٤-٠١-٢٥", datetime(2024, 1, 25)),
    ],
)
def test_machine_timestamps(raw: str, want: datetime) -> None:
    stamp = parse_machine(raw)
    assert stamp is not None and stamp.value == want


@pytest.mark.parametrize("raw", ["", "غدا", "2024-13-45", "1234", "yesterday"])
def test_machine_timestamps_reject_non_dates(raw: str) -> None:
    assert parse_machine(raw) is None


def test_page_kinds() -> None:
    assert run("").page_kind == "empty"
    assert run("<html><body>   </body></html>").page_kind == "empty"
    nf = run(
        "<html><head><title>خطأ 404 - الصفحة غير موجودة</title></head><body><h1>الصفحة غير موجودة</h1>"
        "<div><time datetime='2024-01-25'>x</time></div></body></html>"
    )
    assert nf.page_kind == "not_found" and nf.published is None


def test_inputs_are_checked() -> None:
    with pytest.raises(ExtractError):
        run(build(), fetched_at=datetime(2024, 1, 25))
    with pytest.raises(ExtractError):
        run(build(), hints={"pubdate": "2024-01-25"})
    art = run(build(), hints={"published": "not a date"})
    assert any("not a date" in w for w in art.warnings)


def test_to_dict_is_json_ready() -> None:
    art = run(build(jsonld={"@type": "NewsArticle", "datePublished": "2024-01-25T10:30:00+03:00"}))
    d = art.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["published"] == "2024-01-25T10:30:00+03:00"
    assert d["date_source"] == "json-ld" and d["published_grain"] == "minute"


@pytest.mark.parametrize(
    ("raw", "want", "grain"),
    [
        ("25/01/2024", datetime(2024, 1, 25), "day"),
        ("25-01-2024 22:05", datetime(2024, 1, 25, 22, 5), "minute"),
        ("2024/01/25 10:30 PM", datetime(2024, 1, 25, 22, 30), "minute"),
        ("January 25, 2024 10:30 AM", datetime(2024, 1, 25, 10, 30), "minute"),
    ],
)
def test_numeric_and_english_meta_dates(raw: str, want: datetime, grain: str) -> None:
    stamp = parse_machine(raw)
    assert stamp is not None and stamp.value == want and stamp.grain == grain


@pytest.mark.parametrize("raw", ["March 2024", "10:30", "Thursday"])
def test_incomplete_english_dates_are_not_completed_from_the_clock(raw: str) -> None:
    assert parse_machine(raw) is None


def test_logo_h1_is_not_the_title_and_the_title_affix_names_the_outlet() -> None:
    html = (
        "<html lang='ar'><head><meta charset='utf-8'><title>موقع الشرق | عنوان الخبر التجريبي عن المحادثات</title>"
        "</head><body><header><h1 class='logo'><a href='/'>موقع الشرق</a></h1></header>"
        "<div class='box'><h2 class='headline'>عنوان الخبر التجريبي عن المحادثات</h2>"
        + PARA
        + "</div></body></html>"
    )
    art = run(html)
    assert art.title == "عنوان الخبر التجريبي عن المحادثات"
    assert art.outlet == "موقع الشرق"
    assert "قالت مصادر حكومية" in art.body


_FRAGMENTS = [
    "<html>",
    "</html>",
    "<head>",
    "<body>",
    "<article>",
    "</article>",
    "<h1>عنوان</h1>",
    "<p>نص الخبر هنا</p>",
    '<time datetime="2024-01-25T10:00:00+03:00">x</time>',
    '<time datetime="garbage">',
    "<table><tr><td>",
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": ',
    '"٢٠٢٤-٠١-٢٥"}</script>',
    "<meta charset='windows-1256'>",
    "نشر في: 25 يناير 2024",
    "\x00",
    "\ufffd",
    "<!--",
    "-->",
    "<![CDATA[",
    "<div class='related'>",
    "</div>",
    "اقرأ أيضا",
    "منذ ساعتين",
    "<br><br>",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30), st.booleans())
def test_any_markup_gives_an_article_or_a_typed_error(parts: list[str], as_bytes: bool) -> None:
    html = "".join(parts)
    try:
        art = run(html) if as_bytes else article(html, "https://site.example/x", fetched_at=FETCHED)
    except ExtractError:
        return
    assert art.page_kind in {"article", "not_found", "listing", "blocked", "empty"}
    assert art.published is None or art.published.tzinfo is not None
    json.dumps(art.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize(
    "element",
    [
        '<amp-timeago datetime="2024-01-25T10:30:00+03:00" layout="fixed">x</amp-timeago>',
        '<abbr class="published" title="2024-01-25T10:30:00+03:00">25 يناير</abbr>',
        '<span class="post-date" data-timestamp="1706167800">25 يناير</span>',
    ],
)
def test_other_machine_time_elements_in_the_article(element: str) -> None:
    art = run(build(extra_body=element))
    assert art.published_source == "time"
    assert art.published == datetime(2024, 1, 25, 7, 30, tzinfo=UTC)


def test_a_plain_span_without_a_date_class_is_not_a_time() -> None:
    art = run(build(extra_body='<span class="views" data-timestamp="1706167800">1200</span>'))
    assert art.published is None
