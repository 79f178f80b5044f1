"""Round-6 batch J rules (regional outlets), each tested both ways: where it applies and where it
must not.

Rules: ``og:type=article`` is no article signal on a page that says it is a collection (a
JSON-LD CollectionPage, a WordPress archive body class); items a page sets apart on one short
line (a run of ``&nbsp;``, the classed inline elements of a byline bar) are joined by " | ";
a dateline's coverage is measured on the date's own item, and another "label: value" item may
follow the date; a clock with seconds after a date is read (``tarikh.dates``); body RDFa
``dc:date``/``dc:created`` is read in the meta step; a page-wrapping ASP.NET ``<form>`` is not
dropped; news-noun "not found" phrases; an outlet name both ``<title>`` and a front-page link
give (logo alt, link text; Blogger's "Blog: Headline").
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import lxml.html

from tarikh.extract import article
from tarikh.extract.body import lines_with_title

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
URL = "https://wadi-sahel.example/news/4410"
STORY = (
    "<p>بدأت مديرية الزراعة في المحافظة توزيع بذور القمح المحسنة على الفلاحين في القرى الشمالية، "
    "بعد موسم شح فيه المطر وتراجع فيه الإنتاج إلى النصف تقريبا.</p>"
    "<p>وقال مدير المديرية إن كل فلاح مسجل سيحصل على حصة تكفي دونمين، على أن تعاد الكمية من "
    "محصول الموسم المقبل دون فوائد.</p>"
    "<p>وأضاف أن فرقا ميدانية ستتابع الحقول حتى الحصاد، وتسجل ما يواجهه الفلاحون من آفات ونقص في "
    "مياه الري.</p>"
)
TITLE = "توزيع بذور القمح المحسنة على فلاحي القرى الشمالية"


def _page(line: str = "", above: str = "", head: str = "", title: str = f"{TITLE} | وادي الساحل",
          body_attrs: str = "", story: str = STORY, wrap: tuple[str, str] = ("", "")) -> bytes:
    return (
        f"<html lang='ar'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body{body_attrs}>{wrap[0]}<div class='story'>{above}<h1>{TITLE}</h1><div class='d'>{line}</div>"
        f"{story}</div>{wrap[1]}</body></html>"
    ).encode()


def _run(raw: bytes, url: str = URL):  # type: ignore[no-untyped-def]
    return article(raw, url, fetched_at=FETCHED)


def _day(art) -> date | None:  # type: ignore[no-untyped-def]
    return art.published.date() if art.published is not None else None


def _lines(html: str) -> list[str]:
    return lines_with_title(lxml.html.fragment_fromstring(html, create_parent="div"), None)[0]


# ---------------------------------------------------------------- og:type=article on archives

TEASERS = "".join(
    f"<div class='td_module'><h3><a href='/news/{i}'>خبر رقم {i} عن مشاريع المياه في قضاء الزبير</a></h3>"
    f"<time datetime='2025-10-0{i}T11:20:00+03:00'>{i} تشرين الأول 2025</time></div>"
    for i in range(1, 8)
)


def _archive(jsonld: object | None, head: str = "", body_attrs: str = "") -> bytes:
    ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>قضاء الزبير الأرشيف - الموقع</title>"
        f"<meta property='og:type' content='article'>{ld}{head}</head><body{body_attrs}>"
        f"<h1>قضاء الزبير</h1>{TEASERS}</body></html>"
    ).encode()


def test_og_article_loses_to_a_collection_page_graph() -> None:
    art = _run(_archive({"@context": "https://schema.org", "@graph": [{"@type": "CollectionPage", "name": "x"}]}),
               url="https://fayha.example/tag/zubair/")
    assert art.page_kind == "listing" and art.published is None


def test_og_article_loses_to_a_wordpress_archive_body_class() -> None:
    art = _run(_archive(None, body_attrs=" class='rtl archive tag tag-418'"), url="https://fayha.example/tag/zubair/")
    assert art.page_kind == "listing" and art.published is None


def test_og_article_with_a_plain_webpage_graph_stays_an_article() -> None:
    raw = _page("الخميس 14 آذار 2024", head="<meta property='og:type' content='article'>"
                '<script type="application/ld+json">{"@type": "WebPage", "name": "x"}</script>')
    art = _run(raw)
    assert art.page_kind == "article" and _day(art) == date(2024, 3, 14)


def test_published_time_keeps_an_article_beside_a_collection_graph() -> None:
    head = "<meta property='article:published_time' content='2025-10-02T11:20:00+03:00'>"
    raw = _archive({"@type": "CollectionPage", "name": "x"}, head=head)
    art = article(raw, "https://fayha.example/tag/zubair/", fetched_at=FETCHED, main_text=False)
    assert art.page_kind == "article" and art.published_source == "meta"


def test_an_article_whose_body_says_archive_is_judged_by_its_shape() -> None:
    raw = _page("الخميس 14 آذار 2024", head="<meta property='og:type' content='article'>",
                body_attrs=" class='archive old-news'")
    art = _run(raw)
    assert art.page_kind == "article" and _day(art) == date(2024, 3, 14)


# ---------------------------------------------------------------- item separators in lines


def test_nbsp_runs_and_classed_inline_items_become_separators() -> None:
    assert _lines("<p>تاريخ النشر : 2023-12-03&nbsp;&nbsp;&nbsp;عدد القراءات : 1843</p>") == [
        "تاريخ النشر : 2023-12-03 | عدد القراءات : 1843"
    ]
    bar = "<div><span class='a'>بقلم سعاد</span> <span class='b'>14 آذار 2024</span></div>"
    assert _lines(bar) == ["بقلم سعاد | 14 آذار 2024"]


def test_no_separator_in_prose_headings_or_split_dates() -> None:
    assert _lines("<p>عاد الفلاحون&nbsp;إلى الحقول</p>") == ["عاد الفلاحون إلى الحقول"]  # one nbsp
    assert _lines("<h2>موسم&nbsp;&nbsp;الحصاد</h2>") == ["موسم الحصاد"]
    assert _lines("<p><span>عاد الفلاحون</span> <span>إلى الحقول</span></p>") == ["عاد الفلاحون إلى الحقول"]
    assert _lines("<p>عاد <span class='x'>الفلاحون</span> <span class='y'>إلى الحقول</span></p>") == [
        "عاد الفلاحون إلى الحقول"
    ]
    badge = "<div><span class='d'>14</span> <span class='m'>آذار</span> <span class='y'>2024</span></div>"
    assert _lines(badge) == ["14 آذار 2024"]
    long = "<p>" + "كلمة " * 30 + "&nbsp;&nbsp;" + "كلمة " * 10 + "</p>"
    assert "|" not in _lines(long)[0]


def test_split_calendar_badge_with_spaces_still_dates_the_page() -> None:
    badge = "<span class='d'>14</span> <span class='m'>آذار</span> <span class='y'>2024</span>"
    assert _day(_run(_page(badge))) == date(2024, 3, 14)


# ---------------------------------------------------------------- dateline items


def test_byline_head_longer_than_its_date_is_no_obstacle() -> None:
    art = _run(_page("الناصرية: مراسل الموقع حيدر كاظم | 2025-05-12"))
    assert _day(art) == date(2025, 5, 12) and art.published_source == "text"


def test_date_in_a_prose_line_near_the_title_is_still_no_dateline() -> None:
    assert _run(_page("سجل الفريق في مباراته يوم 2025-05-12 فوزا كبيرا على ضيفه")).published is None
    # a colon head without a separator is measured over the whole line, as before
    assert _run(_page("قال المحافظ: 14 آذار 2024 موعد افتتاح السوق")).published is None


def test_statement_header_of_separate_spans_dates_the_page() -> None:
    head = ("<div class='st-head'><span class='badge'>البيانات</span> <span class='st-num'>رقم البيان: ٢٧</span>"
            " <span class='st-date'>٢٠٢٤/١٠/١٧</span></div>")
    art = _run(_page(above=head))
    assert _day(art) == date(2024, 10, 17) and art.published_source == "text"


def test_a_date_inside_a_sentence_with_spans_is_no_dateline() -> None:
    prose = "أعلنت المديرية <span class='hl'>في ٢٠٢٤/١٠/١٧</span> بدء توزيع البذور على الفلاحين"
    assert _run(_page(prose)).published is None
    editor = "<span>أعلنت المديرية في</span> <span>٢٠٢٤/١٠/١٧</span> <span>بدء توزيع البذور على الفلاحين</span>"
    assert _run(_page(editor)).published is None


def test_label_value_items_after_the_date() -> None:
    art = _run(_page("تاريخ النشر: 14/03/2024 عدد مرات المشاهدة: 1843"))
    assert _day(art) == date(2024, 3, 14)


def test_prose_after_a_date_is_no_label_item() -> None:
    assert _run(_page("14 آذار 2024 افتتحت المديرية مخزنا جديدا للبذور في القرية")).published is None
    assert _run(_page("الخميس 14 آذار 2024 قال المدير: إن التوزيع سيشمل القرى الشمالية كلها")).published is None


def test_stored_timestamp_with_seconds_and_counters_beside_it() -> None:
    line = "تاريخ النشر : 2023-12-03 11:47:52&nbsp;&nbsp;&nbsp;عدد القراءات : 1843&nbsp;&nbsp;&nbsp;<a href='#'>طباعة</a>"
    art = _run(_page(line))
    assert _day(art) == date(2023, 12, 3) and art.published_raw == "2023-12-03 11:47:52"
    zoned = _run(_page("تاريخ النشر : 2023-12-03 11:47:52 بتوقيت عمان"))
    assert zoned.published == datetime(2023, 12, 3, 8, 47, tzinfo=UTC) and zoned.published_grain == "minute"


# ---------------------------------------------------------------- RDFa

RDFA = ('<span property="dc:date dc:created" content="2024-11-21T16:40:12+00:00" datatype="xsd:dateTime">'
        "الخميس, 21 نوفمبر 2024 16:40</span>")


def test_drupal7_rdfa_created_is_read_in_the_meta_step() -> None:
    art = _run(_page(RDFA, body_attrs=" class='html not-front one-sidebar sidebar-first'"))
    assert art.published == datetime(2024, 11, 21, 16, 40, 12, tzinfo=UTC)
    assert art.published_source == "meta" and art.published_grain == "minute"


def test_rdfa_in_comments_or_without_a_machine_value_is_not_read() -> None:
    comment = f"<div id='comments'><div class='comment'>{RDFA}<p>شكرا على الخبر</p></div></div>"
    art = _run(_page(story=STORY + comment))
    assert art.published is None
    words = '<span property="dc:date" content="الخميس 21 نوفمبر">الخميس</span>'
    assert _run(_page(words)).published_source != "meta"
    title = f'<span property="dc:title" content="{TITLE}"></span>'
    assert _run(_page(title)).published is None


# ---------------------------------------------------------------- ASP.NET form, not found

VIEWSTATE = ('<form method="post" action="./Article.aspx?id=9" id="form1"><div class="aspNetHidden">'
             '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTIzNDU2"></div>')


def _soft_404(form: tuple[str, str], title: str = "صحيفة الوادي") -> bytes:
    return (
        f"<html lang='ar'><head><meta charset='utf-8'><title>{title}</title></head><body>{form[0]}"
        "<div class='masthead'><a href='Default.aspx'><img src='/logo.png' alt='صحيفة الوادي'></a></div>"
        "<div class='box'><h2>عذراً.. الخبر المطلوب غير متوفر</h2><p>ربما نقل الخبر إلى الأرشيف.</p></div>"
        f"{form[1]}</body></html>"
    ).encode()


def test_page_wrapping_aspnet_form_is_kept_and_the_news_404_is_found() -> None:
    art = _run(_soft_404((VIEWSTATE, "</form>")), url="https://wadi.example/Article.aspx?id=9")
    assert art.page_kind == "not_found" and art.published is None


def test_a_search_form_still_leaves_the_scope() -> None:
    search = "<form action='/search'><label>ابحث في الموقع عن خبر عاجل نشر في 14 آذار 2024</label><input name='q'></form>"
    art = _run(_page(story=STORY + search))
    assert art.published is None and "ابحث في الموقع" not in art.body


def test_an_article_quoting_the_phrase_deep_in_its_body_stays_an_article() -> None:
    quote = "".join(f"<p>فقرة رقم {i} من تقرير المديرية عن الموسم الزراعي وخططه المقبلة.</p>" for i in range(8))
    quote += "<p>وكتب أحد القراء أن الخبر المطلوب غير متوفر في موقع المديرية حتى الآن.</p>"
    art = _run(_page("الخميس 14 آذار 2024", story=STORY + quote))
    assert art.page_kind == "article"
    denial = _run(_page("الخميس 14 آذار 2024", story="<p>نفت المديرية الشائعة وقالت إن الخبر غير صحيح.</p>" + STORY))
    assert denial.page_kind == "article"


# ---------------------------------------------------------------- outlet from title and front-page link


def test_outlet_from_a_title_the_logo_confirms() -> None:
    art = _run(_soft_404(("", "")), url="https://wadi.example/Article.aspx?id=9")
    assert art.outlet == "صحيفة الوادي"


def test_no_outlet_from_a_title_or_a_logo_alone() -> None:
    lone = _soft_404(("", "")).replace("alt='صحيفة الوادي'".encode(), b"alt='logo'")
    assert _run(lone, url="https://wadi.example/Article.aspx?id=9").outlet == "wadi.example"
    print_view = _page(title=f"طباعة: {TITLE}", above="<a href='/'><img src='/l.png' alt='شعار'></a>")
    assert _run(print_view).outlet == "wadi-sahel.example"
    other_host = _soft_404(("", "")).replace(b"Default.aspx", b"https://group.example/")
    assert _run(other_host, url="https://wadi.example/Article.aspx?id=9").outlet == "wadi.example"


def test_blogger_title_head_confirmed_by_the_blog_header_link() -> None:
    header = "<div class='header'><h1 class='title'><a href='https://wadi-sahel.example/'>نافذة الوادي</a></h1></div>"
    raw = _page(title=f"نافذة الوادي: {TITLE}", above=header)
    assert _run(raw).outlet == "نافذة الوادي"


def test_quoted_headline_is_not_split_into_an_outlet() -> None:
    quote = "المحافظ: لا تأخير في توزيع البذور"
    raw = (
        f"<html lang='ar'><head><meta charset='utf-8'><title>{quote}</title></head><body>"
        f"<a href='/'>المحافظ</a><div class='story'><h1>{quote}</h1>{STORY}</div></body></html>"
    ).encode()
    assert _run(raw).outlet == "wadi-sahel.example"
