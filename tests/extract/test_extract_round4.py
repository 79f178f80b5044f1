"""Round-4 rules: English and French machine dates through dateparser, and the batch F/G causes.

Each rule is tested both ways: where it applies and where it must not. Rules: a clock tied to a
written date in the same line ("14.03.2024 | 09:00 GMT") gives that date's minute; a byline
closed by a pipe may head a dateline; a breadcrumb item that is a dateline dates a page that
has no other date (before the URL); links whose text is their item's time make a channel a
listing (a live blog's posts are not links); a JSON-LD node naming another page's URL comes
after ours; French "14/03/2024 à 10h30" in meta; an English or French visible date line; a
print view's "printed on" stamp leaves the body.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from tarikh.extract import article
from tarikh.extract.stamps import parse_machine

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
STORY = (
    "<p>بدأت مديرية الطرق تعبيد الطريق الريفي الذي يربط خمس قرى بالسوق الأسبوعي، بعد سنوات من "
    "شكاوى السكان من الحفر والغبار في الصيف والوحل في الشتاء.</p>"
    "<p>وقال المهندس المشرف إن الأشغال ستنتهي قبل موسم الحصاد، وإن الطريق سيضاء ليلا.</p>"
)


def _page(inner: str, head: str = "", title: str = "تعبيد الطريق الريفي | موقع") -> bytes:
    return (
        f"<html lang='ar'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{inner}</body></html>"
    ).encode()


def _run(raw: bytes, url: str = "https://turuq.example/news/1"):  # type: ignore[no-untyped-def]
    return article(raw, url, fetched_at=FETCHED)


def _story(dateline: str, before: str = "") -> bytes:
    return _page(
        f"{before}<div class='story'><h1>تعبيد الطريق الريفي</h1><div class='d'>{dateline}</div>{STORY}</div>"
    )


@pytest.mark.parametrize(
    ("raw", "want", "grain"),
    [
        ("January 25, 2024 10:30 AM", datetime(2024, 1, 25, 10, 30), "minute"),
        ("March 14, 2024 9:30 PM", datetime(2024, 3, 14, 21, 30), "minute"),
        ("Thursday, 14 March 2024", datetime(2024, 3, 14), "day"),
        ("25 janvier 2024 à 10h30", datetime(2024, 1, 25, 10, 30), "minute"),
        ("Jeudi 25 Janvier 2024 - 10:30", datetime(2024, 1, 25, 10, 30), "minute"),
        ("Lundi, 3 juin 2024 15:45", datetime(2024, 6, 3, 15, 45), "minute"),
        ("14 mars 2024", datetime(2024, 3, 14), "day"),
    ],
)
def test_english_and_french_machine_dates(raw: str, want: datetime, grain: str) -> None:
    stamp = parse_machine(raw)
    assert stamp is not None and stamp.value == want and stamp.grain == grain


def test_a_written_offset_is_kept() -> None:
    stamp = parse_machine("25 Jan 2024 10:30 GMT+1")
    assert stamp is not None
    assert stamp.value == datetime(2024, 1, 25, 10, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    "raw",
    [
        "March 2024",  # no day
        "mars 2024",
        "January 25 10:30",  # no year
        "25 janvier à 10h30",
        "Jeudi",
        "yesterday",  # relative: dateparser resolves it against today
        "il y a 2 jours",
        "2 days ago",
        "hello world 2024",
    ],
)
def test_incomplete_or_relative_latin_dates_are_refused(raw: str) -> None:
    assert parse_machine(raw) is None


@pytest.mark.parametrize("raw", ["14/03/2024 à 10h30", "14/03/2024 - 10:30", "14/03/2024 a 10h30"])
def test_french_numeric_meta_dates(raw: str) -> None:
    stamp = parse_machine(raw)
    assert stamp is not None and stamp.value == datetime(2024, 3, 14, 10, 30) and stamp.grain == "minute"


def test_french_numeric_needs_its_clock_whole() -> None:
    assert parse_machine("14/03/2024 à 10h") is None


# ---------------------------------------------------------------- clock tied to the written date


def test_clock_after_a_written_date_gives_its_minute() -> None:
    art = _run(_story("14.03.2024 | 09:00 GMT"))
    assert art.published == datetime(2024, 3, 14, 9, 0, tzinfo=UTC) and art.published_grain == "minute"


def test_a_bare_clock_is_still_not_the_fetch_day_before_a_date() -> None:
    art = _run(_story("09:30 ص - الخميس 14 مارس 2024"))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


# ---------------------------------------------------------------- byline head closed by a pipe


def test_byline_before_a_pipe_heads_a_dateline() -> None:
    art = _run(_story("بقلم: مراد حسن | الخميس 14 مارس 2024"))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)
    assert art.published_source == "text"


def test_prose_with_a_date_is_no_dateline_without_the_pipe() -> None:
    line = "قال رئيس اللجنة في مؤتمر صحفي عقده يوم الخميس 14 مارس 2024"
    art = _run(_story(line))
    assert art.published is None


# ---------------------------------------------------------------- breadcrumb date


def test_breadcrumb_item_dates_a_page_with_no_other_date() -> None:
    crumbs = "<div class='breadcrumbs'><a href='/'>الرئيسية</a> » <a href='/i/9'>عدد 14 مارس 2024</a> » محليات</div>"
    art = _run(_story("", before=crumbs))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def test_breadcrumb_list_items_without_separators() -> None:
    crumbs = "<nav aria-label='breadcrumb'><ol><li><a href='/'>الرئيسية</a></li><li>أرشيف 2024</li><li>14-03-2024</li></ol></nav>"
    art = _run(_story("", before=crumbs))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def test_breadcrumb_comes_after_the_article_dateline_and_needs_a_dateline_item() -> None:
    crumbs = "<div class='breadcrumb'><a href='/'>الرئيسية</a> » <a href='/i/9'>عدد 2 مارس 2024</a></div>"
    art = _run(_story("الخميس 14 مارس 2024", before=crumbs))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)
    prose = "<div class='breadcrumb'><a href='/'>الرئيسية</a> » تقرير عن اجتماع المجلس يوم 2 مارس 2024 في العاصمة</div>"
    assert _run(_story("", before=prose)).published is None


# ---------------------------------------------------------------- listing by dated permalinks


def _messages(link: bool) -> str:
    items = [
        "إغلاق الطريق الساحلي بسبب الضباب",
        "تعليق الدراسة في المناطق الشمالية",
        "انقطاع الكهرباء عن ثلاثة أحياء",
        "رياح قوية على المرتفعات",
        "ارتفاع أسعار الخضر",
    ]
    out = []
    for i, text in enumerate(items):
        when = f"منذ {i + 2} دقائق"
        stamp = f"<a href='/s/c/{i}'>{when}</a>" if link else f"<span>{when}</span>"
        out.append(f"<div class='message'><div class='t'>{text}</div><div class='footer'>{stamp}</div></div>")
    return "<div class='channel'><h1>قناة الأخبار</h1>" + "".join(out) + "</div>"


def test_items_linked_by_their_time_make_a_listing() -> None:
    art = _run(_page(_messages(link=True), title="قناة الأخبار"), url="https://qanat.example/s/c")
    assert art.page_kind == "listing" and art.published is None


def test_unlinked_post_times_do_not_make_a_listing() -> None:
    art = _run(_page(_messages(link=False), title="قناة الأخبار"), url="https://qanat.example/s/c")
    assert art.page_kind != "listing"  # (its text is too short to be an article: "empty")


# ---------------------------------------------------------------- JSON-LD node of another page


def _two_nodes(second_url: str) -> str:
    return (
        '<script type="application/ld+json">[{"@type":"NewsArticle","headline":"قصة تالية",'
        '"url":"https://turuq.example/news/0","datePublished":"2024-03-11T13:00:00+03:00"},'
        '{"@type":"NewsArticle","headline":"تعبيد الطريق الريفي",'
        f'"url":"{second_url}","datePublished":"2024-03-14T16:20:00+03:00"}}]</script>'
    )


def test_jsonld_node_naming_another_page_comes_after_ours() -> None:
    art = _run(
        _page(f"<h1>تعبيد الطريق الريفي</h1>{STORY}", head=_two_nodes("http://www.turuq.example/news/1/"))
    )
    assert art.published == datetime(2024, 3, 14, 16, 20, tzinfo=timezone(timedelta(hours=3)))


def test_jsonld_nodes_all_naming_other_pages_keep_document_order() -> None:
    art = _run(_page(f"<h1>تعبيد الطريق الريفي</h1>{STORY}", head=_two_nodes("https://turuq.example/news/7")))
    assert art.published == datetime(2024, 3, 11, 13, 0, tzinfo=timezone(timedelta(hours=3)))


# ---------------------------------------------------------------- Latin visible date lines


def test_english_published_line_on_an_arabic_page() -> None:
    art = _run(_story("Published: March 14, 2024 - 09:30 GMT"))
    assert art.published == datetime(2024, 3, 14, 9, 30, tzinfo=UTC)
    assert art.published_source == "text"


def test_french_published_line_and_update_line() -> None:
    art = _run(_story("Mis à jour le 16 mars 2024 - 08:00</div><div>Publié le 14 mars 2024 à 10h30"))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def test_latin_line_without_a_full_date_is_not_read() -> None:
    assert _run(_story("Published: March 2024")).published is None


# ---------------------------------------------------------------- print view stamp


def test_print_stamp_leaves_the_body() -> None:
    head = "<div class='ph'>طبعت هذه الصفحة في: الأحد 29 نوفمبر 2026</div>"
    art = _run(_story("الخميس 14 مارس 2024", before=head))
    assert "طبعت هذه الصفحة" not in art.body
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


# ---------------------------------------------------------------- e-paper page/issue stamp


def _clip(stamp: str) -> bytes:
    return _page(f"<div class='bar'>{stamp}</div><div class='clip'><h2>تعبيد الطريق الريفي</h2>{STORY}</div>")


def test_epaper_page_and_issue_stamp_dates_the_clip() -> None:
    art = _run(_clip("الصفحة 5 - العدد 7788 - 14/03/2024"))
    assert art.published is not None and art.published.date() == date(2024, 3, 14)


def test_issue_number_without_a_page_number_is_a_masthead() -> None:
    art = _run(_clip("العدد 9120 - الأحد 29 نوفمبر 2026"))
    assert art.published is None
