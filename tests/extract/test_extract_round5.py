"""Round-5 rules (batch H causes), each tested both ways: where it applies and where it must not.

Rules: bidi marks vanish from text (they split "14/03/2024"); "مارس 14, 2024" (WordPress "F j,
Y") and "2024 الخميس 14 مارس" (a year printed first) are read as day-month-year; a bare clock
beside a written date, only separators between, is that date's clock; "GST" is Gulf time;
microdata's value is its element's text when machine-shaped; Parse.ly's JSON ``parsely-page``
meta; an attribute named for a time (``data-unixtime``) counts on any element; ``<time>`` without
``datetime`` is read from its text; English byline items split at "·"; a wire lead's head
("رام الله 14-3-2024 وفا-") dates the page and its sentence stays in the body.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tarikh.dates import find
from tarikh.extract import article
from tarikh.extract.datelines import clock_with_date as _clock_with_date
from tarikh.extract.stamps import parse_latin_line

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
STORY = (
    "<p>افتتحت البلدية سوقا مغطاة للمزارعين في ساحة المحطة القديمة، بعد عامين من المطالبات "
    "بمكان يحمي الباعة من حر الصيف ومطر الشتاء.</p>"
    "<p>وتضم السوق ستين محلا صغيرا توزع بالقرعة على مزارعي القرى المجاورة.</p>"
)


def _page(inner: str, head: str = "") -> bytes:
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>سوق المزارعين | موقع</title>"
        f"{head}</head><body>{inner}</body></html>"
    ).encode()


def _story(dateline: str, head: str = "", story: str = STORY) -> bytes:
    return _page(f"<div class='story'><h1>سوق المزارعين</h1><div class='d'>{dateline}</div>{story}</div>", head)


def _run(raw: bytes, url: str = "https://souq.example/news/1"):  # type: ignore[no-untyped-def]
    return article(raw, url, fetched_at=FETCHED)


def _day(art) -> date | None:  # type: ignore[no-untyped-def]
    return art.published.date() if art.published is not None else None


def test_bidi_marks_do_not_split_a_numeric_date() -> None:
    art = _run(_story("تاريخ النشر: \u200f14\u200f/03\u200f/2024"))
    assert _day(art) == date(2024, 3, 14) and art.published_source == "text"


def test_month_first_arabic_date_is_read() -> None:
    art = _run(_story("مارس 14, 2024"))
    assert _day(art) == date(2024, 3, 14)


def test_word_number_year_that_is_no_month_is_no_date() -> None:
    assert _run(_story("الفصل 14, 2024")).published is None


def test_year_first_date_and_gmt_clock() -> None:
    art = _run(_story("GMT 9:30 2024 الخميس 14 مارس"))
    assert art.published == datetime(2024, 3, 14, 9, 30, tzinfo=UTC) and art.published_grain == "minute"


def test_year_before_a_number_and_a_plain_word_is_no_date() -> None:
    assert _run(_story("2024 نحو 30 ألف")).published is None


def test_clock_after_a_colon_is_the_dates_and_gst_is_gulf_time() -> None:
    art = _run(_story("نشر في: 14 مارس ,2024: 09:30 ص GST"))
    assert art.published == datetime(2024, 3, 14, 5, 30, tzinfo=UTC)


def test_clock_with_words_between_is_not_joined() -> None:
    segment = "14 مارس 2024 موعد الافتتاح 09:30"
    assert _clock_with_date(segment, find(segment, FETCHED), "text") is None
    joined = "14 مارس 2024 - 09:30"
    stamp = _clock_with_date(joined, find(joined, FETCHED), "text")
    assert stamp is None or stamp.value == datetime(2024, 3, 14, 9, 30)


def test_microdata_text_value() -> None:
    art = _run(_story('<span itemprop="datePublished">2024-03-14T09:30:00+03:00</span>'))
    assert art.published == datetime(2024, 3, 14, 6, 30, tzinfo=UTC) and art.published_source == "meta"


def test_microdata_arabic_text_is_left_to_the_text_step() -> None:
    art = _run(_story('<span itemprop="datePublished">الخميس 14 مارس 2024</span>'))
    assert _day(art) == date(2024, 3, 14) and art.published_source == "text"


def test_parsely_page_json() -> None:
    head = """<meta name="parsely-page" content='{"title": "x", "pub_date": "2024-03-14T06:30:00Z"}'>"""
    art = _run(_story("", head=head))
    assert art.published == datetime(2024, 3, 14, 6, 30, tzinfo=UTC) and art.published_source == "meta"


def test_broken_parsely_page_is_ignored() -> None:
    head = """<meta name="parsely-page" content='{"pub_date": "2024-03-14T06:30:00Z"'>"""
    art = _run(_story("", head=head))
    assert art.published is None and not any("parsely" in w for w in art.warnings)


def test_data_unixtime_on_a_link_and_its_modified_sibling() -> None:
    line = (
        '<a href="/20240314/" data-unixtime="1710401400">10:30 14.03.2024</a> '
        '<span class="date-modified" data-unixtime="1710403500">(11:05)</span>'
    )
    art = _run(_story(line))
    assert art.published == datetime(2024, 3, 14, 7, 30, tzinfo=UTC) and art.published_source == "time"
    assert art.modified == datetime(2024, 3, 14, 8, 5, tzinfo=UTC)


def test_a_plain_link_without_a_time_attribute_is_not_a_time() -> None:
    art = _run(_story('<a href="/archive/1710401400">1710401400</a>'))
    assert art.published is None


def test_time_without_datetime_is_read_from_its_text() -> None:
    art = _run(_story("<time pubdate>14/03/2024 - 09:30</time>"))
    assert _day(art) == date(2024, 3, 14) and art.published_source == "time"


def test_time_with_relative_text_and_no_datetime_is_not_a_machine_time() -> None:
    art = _run(_story("<time>منذ ساعتين</time>"))
    assert art.published_source != "time"


def test_english_byline_items() -> None:
    stamp = parse_latin_line("5 min read · Mar 14, 2024")
    assert stamp is not None and stamp.value == datetime(2024, 3, 14) and stamp.grain == "day"
    assert parse_latin_line("5 min read · 1,234 views") is None


def test_wire_lead_dates_the_page_and_stays_in_the_body() -> None:
    lead = (
        "<p>رام الله 14-3-2024 وفا- افتتحت البلدية سوقا مغطاة للمزارعين في ساحة المحطة القديمة.</p>"
        "<p>وتضم السوق ستين محلا صغيرا توزع بالقرعة على مزارعي القرى المجاورة.</p>"
    )
    art = _run(_story("", story=lead))
    assert _day(art) == date(2024, 3, 14) and art.published_source == "text"
    assert "افتتحت البلدية سوقا مغطاة" in art.body


def test_event_date_in_a_first_sentence_is_no_wire_lead() -> None:
    lead = (
        "<p>أعلنت البلدية أن السوق المغطاة تفتتح في 20-4-2024 - وستخصص محلاتها لمزارعي القرى.</p>"
        "<p>وتضم السوق ستين محلا صغيرا توزع بالقرعة على مزارعي القرى المجاورة.</p>"
    )
    assert _run(_story("", story=lead)).published is None


def test_template_orders_are_read_by_the_dates_module() -> None:
    # Once rewritten here; tarikh.dates reads them itself since round 6 (tests/dates/test_template_orders.py).
    for line in ("نشر في: مارس 14, 2024", "2024 الخميس 14 مارس"):
        art = _run(_story(line))
        assert _day(art) == date(2024, 3, 14), line
