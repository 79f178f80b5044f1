"""Round-6 batch K (news agencies) and batch L (Egyptian, Levantine and Gulf outlets, AMP) rules,
each tested both ways: where it applies and where it must not.

Rules: a slashed "day/ month/year" line dates the page (``tarikh.dates``); a page the cleaning
empties is a listing when, before the cleaning, it is one by shape; a photo report's captions
join the body, credits left out, while an article's lead-photo caption stays out and a caption's
date never dates the page; a follow/subscribe promo line leaves the body, a news line opening
with the same verb stays; organizations and the outlet's own name are no authors; a label that
is also a prose word counts only where it opens the line or an item of it; a date is measured
only with the expressions joined to it, not with one at the end of a sentence after it.

Every Arabic sentence here is our own, written for these tests.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from tarikh.extract import article
from tarikh.extract.body import is_promo

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
URL = "https://wakala.example/ar/news/55120"
TITLE = "افتتاح سوق شعبية جديدة للحرفيين في المدينة القديمة"
STORY = (
    "<p>افتتحت البلدية صباح اليوم سوقا شعبية جديدة للحرفيين في المدينة القديمة، تضم أربعين محلا "
    "للصناعات اليدوية والمنسوجات والفخار.</p>"
    "<p>وقال رئيس البلدية إن السوق ستفتح أبوابها يوميا حتى العاشرة مساء، وإن الإيجارات ستبقى "
    "رمزية في السنة الأولى لتشجيع الحرفيين الشباب.</p>"
    "<p>وأضاف أن البلدية ستنظم في السوق معرضا شهريا للمنتجات التراثية بمشاركة جمعيات أهلية من "
    "المحافظات المجاورة.</p>"
)


def _page(line: str = "", story: str = STORY, head: str = "", title: str = TITLE, above: str = "",
          box: str = "div class='story'") -> bytes:
    tag = box.split()[0]
    return (
        f"<html lang='ar'><head><meta charset='utf-8'><title>{title} - الوكالة</title>{head}</head>"
        f"<body><{box}>{above}<h1>{title}</h1><div class='d'>{line}</div>{story}</{tag}></body></html>"
    ).encode()


def _run(raw: bytes, url: str = URL):  # type: ignore[no-untyped-def]
    return article(raw, url, fetched_at=FETCHED)


def _day(art) -> date | None:  # type: ignore[no-untyped-def]
    return art.published.date() if art.published is not None else None


def _ld(node: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>'


# ---------------------------------------------------------------- slashed month dates (batch K 1)


def test_slashed_month_first_line_dates_the_page() -> None:
    story = "<div class='text'>[03/ مارس/2024] صنعاء - سبأ :<br><br>افتتحت البلدية سوقا شعبية جديدة.</div>" + STORY
    art = _run(_page(story=story))
    assert _day(art) == date(2024, 3, 3) and art.published_source == "text"
    assert _day(_run(_page("21/أغسطس/2024 - 10:05 ص"))) == date(2024, 8, 21)


def test_a_slash_without_a_year_is_no_date() -> None:
    assert _run(_page("العدد 3/ مارس")).published is None
    assert _run(_page("3/ مارس/24")).published is None


# ---------------------------------------------------------------- emptied listings (batch K 2)

ROWS = "".join(
    f"<div class='views-row'><div class='item-date'>الأحد 29 تشرين الثاني 2026 الساعة 1{i}:05</div>"
    f"<h3><a href='/ar/news/{900 + i}'>وزير الأشغال يتابع أعمال تنظيف مجاري الأنهر رقم {i}</a></h3></div>"
    for i in range(8)
)


def _listing(view_class: str, extra: str = "") -> bytes:
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>آخر الأخبار | الوكالة</title>"
        "<meta property='og:type' content='website'></head><body>"
        "<nav><ul>" + "".join(f"<li><a href='/ar/s{i}'>قسم الأخبار المحلية رقم {i}</a></li>" for i in range(8))
        + f"</ul></nav><main><h1>آخر الأخبار</h1><div class='view {view_class}'>{ROWS}</div>{extra}</main>"
        "<footer><p>جميع الحقوق محفوظة</p></footer></body></html>"
    ).encode()


def test_a_listing_whose_own_list_is_named_latest_is_a_listing() -> None:
    art = _run(_listing("view-latest-news"), url="https://wakala.example/ar/latest-news")
    assert art.page_kind == "listing" and art.published is None
    assert _run(_listing("view-news-list"), url="https://wakala.example/ar/latest-news").page_kind == "listing"


def test_an_empty_shell_with_only_a_menu_stays_empty() -> None:
    raw = _listing("view-latest-news").replace(ROWS.encode(), b"")
    assert _run(raw, url="https://wakala.example/ar/latest-news").page_kind == "empty"


def test_a_long_text_in_a_dropped_box_is_no_listing() -> None:
    long = "<p>" + "نص طويل عن أعمال البلدية في الأحياء القديمة وخطط الصيانة للعام المقبل. " * 10 + "</p>"
    raw = _listing("view-latest-news").replace(ROWS.encode(), (ROWS + long).encode())
    assert _run(raw, url="https://wakala.example/ar/latest-news").page_kind == "empty"


def test_a_latest_news_sidebar_beside_an_article_is_still_dropped() -> None:
    side = (
        "<div class='latest-news'>"
        + "".join(f"<p><a href='/n/{i}'>خبر جانبي رقم {i} عن الطقس</a> <time datetime='2026-11-2{i}T10:00:00+03:00'>"
                  f"2{i} نوفمبر</time></p>" for i in range(5))
        + "</div>"
    )
    art = _run(_page("الأحد 03 آذار 2024", story=STORY + side))
    assert art.page_kind == "article" and _day(art) == date(2024, 3, 3)
    assert "خبر جانبي" not in art.body


# ---------------------------------------------------------------- photo reports (batch K 3)


def _figure(caption: str) -> str:
    return f"<figure><img src='/g/{abs(hash(caption)) % 97}.jpg' alt=''><figcaption>{caption}</figcaption></figure>"


CAPTIONS = [
    "حرفيون يعرضون منسوجاتهم في الممر الرئيسي للسوق<span class='credit'> - تصوير: الوكالة</span>",
    "زوار يتفقدون أواني الفخار المصنوعة يدويا - تصوير: سامر حداد",
    "طفلة تتعلم النقش على النحاس في ركن الورش (واع)",
    "من افتتاح السوق القديمة في الموقع نفسه (أرشيف 12 أيار 2019)",
]
INTRO = "<p>افتتحت البلدية صباح اليوم سوقا شعبية جديدة للحرفيين في المدينة القديمة بحضور المئات.</p>"


def test_photo_report_captions_join_the_body_without_credits() -> None:
    head = _ld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "2024-03-03T12:00:00+03:00"})
    art = _run(_page(above="<span class='label'>تقرير مصور</span>", story=INTRO + "".join(map(_figure, CAPTIONS)),
                     head=head))
    body = art.body.splitlines()
    assert body[-4:] == [
        "حرفيون يعرضون منسوجاتهم في الممر الرئيسي للسوق",
        "زوار يتفقدون أواني الفخار المصنوعة يدويا",
        "طفلة تتعلم النقش على النحاس في ركن الورش",
        "من افتتاح السوق القديمة في الموقع نفسه (أرشيف 12 أيار 2019)",
    ]
    assert "تصوير" not in art.body and art.published == datetime(2024, 3, 3, 12, 0, tzinfo=art.published.tzinfo)


def test_three_captions_beside_little_prose_are_a_gallery_by_shape() -> None:
    art = _run(_page(story=INTRO + "".join(map(_figure, CAPTIONS[:3]))))
    assert "طفلة تتعلم النقش على النحاس في ركن الورش" in art.body


def test_a_gallery_title_or_type_needs_no_count() -> None:
    titled = "بالصور: افتتاح سوق شعبية جديدة للحرفيين"
    art = _run(_page(title=titled, story=STORY + _figure(CAPTIONS[1])))
    assert "زوار يتفقدون أواني الفخار المصنوعة يدويا" in art.body
    head = _ld({"@type": "ImageGallery", "name": TITLE, "datePublished": "2024-03-03T12:00:00+03:00"})
    art = _run(_page(story=STORY + _figure(CAPTIONS[1]), head=head))
    assert "زوار يتفقدون أواني الفخار المصنوعة يدويا" in art.body


def test_an_articles_lead_photo_caption_stays_out() -> None:
    art = _run(_page("الأحد 03 آذار 2024", story=_figure("جانب من افتتاح السوق (واع)") + STORY))
    assert "جانب من افتتاح السوق" not in art.body
    # three captions beside a full story: an illustrated article, not a photo report
    long = STORY + (
        "<p>وتحدث الحرفيون عن صعوبات التسويق خلال السنوات الماضية، وعن أملهم في أن تعيد السوق الحياة إلى "
        "الأزقة القديمة المحيطة بها بعد أن هجرها التجار واحدا بعد الآخر.</p>"
        "<p>وتعتزم البلدية ترميم واجهات المباني المطلة على السوق ضمن خطة تمتد ثلاث سنوات تمولها جهات "
        "مانحة، على أن تبدأ الأعمال في الربيع المقبل.</p>"
    )
    art = _run(_page(story=long + "".join(map(_figure, CAPTIONS[:3]))))
    assert "حرفيون يعرضون منسوجاتهم" not in art.body


def test_a_captions_date_never_dates_the_page() -> None:
    for caption in ["12 أيار 2019", "تصوير: سامر حداد - 12 أيار 2019"]:
        assert _run(_page(story=_figure(caption) + STORY)).published is None
    gallery = INTRO + "".join(_figure(f"حرفيون في السوق يوم {d} أيار 2019") for d in (10, 11, 12))
    art = _run(_page(title="بالصور: سوق الحرفيين", story=gallery))
    assert art.published is None and "حرفيون في السوق يوم 12 أيار 2019" in art.body
    # the page's own dateline still dates it
    assert _day(_run(_page("الأحد 03 آذار 2024", story=_figure("12 أيار 2019") + STORY))) == date(2024, 3, 3)


# ---------------------------------------------------------------- promo lines (batch L)

PROMOS = [
    "تابع موقع الوكالة عبر قناة (يوتيوب) اضغط هنا",
    "تابع موقع الوكالة عبر تطبيق (نبض) اضغط هنا",
    "تابعوا آخر الأخبار على واتساب",
    "اشترك في قناتنا على تليجرام",
    "انضم إلى قناة الوكالة من هنا",
]


def test_follow_promos_leave_the_body_line_by_line() -> None:
    story = STORY + "".join(f"<p class='follow'><strong>{p}</strong></p>" for p in PROMOS)
    art = _run(_page("الأحد 03 آذار 2024", story=story))
    assert not any(p in art.body for p in PROMOS)
    assert "وأضاف أن البلدية ستنظم في السوق معرضا شهريا" in art.body
    assert all(is_promo(p) for p in PROMOS)


def test_news_lines_opening_with_the_same_verbs_stay() -> None:
    keep = [
        "تابع محافظ الإسكندرية أعمال تطوير الكورنيش وتطبيق خطة المرور الجديدة خلال جولة ميدانية.",
        "تابع رئيس هيئة قناة السويس حركة الملاحة في المجرى",
        "انضم اللاعب إلى الفريق قبل بداية الموسم",
        "أطلق تطبيق نبض خدمة جديدة لقراءة الأخبار",
        "تابع الوزير تطبيق القانون في الأسواق",
    ]
    assert not any(is_promo(k) for k in keep)
    story = STORY + "".join(f"<p>{k}</p>" for k in keep[:2])
    art = _run(_page("الأحد 03 آذار 2024", story=story))
    assert all(k in art.body for k in keep[:2])


# ---------------------------------------------------------------- authors (batch L)


def test_organizations_and_the_outlets_own_name_are_no_authors() -> None:
    org = _ld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "2024-03-03T12:00:00+03:00",
               "author": {"@type": "Organization", "name": "وكالة المدينة"},
               "publisher": {"@type": "NewsMediaOrganization", "name": "وكالة المدينة"}})
    assert _run(_page(head=org)).authors == []
    own = _ld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "2024-03-03T12:00:00+03:00",
               "author": [{"@type": "Person", "name": "أخبار المدينة"}, {"@type": "NewsMediaOrganization", "name": "مصر اليوم"}],
               "publisher": {"@type": "Organization", "name": "أخبار المدينة"}})
    assert _run(_page(head=own)).authors == []
    meta = "<meta property='og:site_name' content='أخبار المدينة'><meta name='author' content='أخبار المدينة'>"
    assert _run(_page(head=meta)).authors == []
    # the outlet's name without the words saying what kind of outlet it is
    short = _ld({"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Person", "name": "المدينة"},
                 "publisher": {"@type": "Organization", "name": "صحيفة المدينة الإلكترونية"}})
    assert _run(_page(head=short)).authors == []


def test_people_stay_authors() -> None:
    people = _ld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "2024-03-03T12:00:00+03:00",
                  "author": [{"@type": "Person", "name": "ليلى حداد"}, {"@type": "Organization", "name": "وكالة المدينة"}],
                  "publisher": {"@type": "Organization", "name": "وكالة المدينة"}})
    assert _run(_page(head=people)).authors == ["ليلى حداد"]
    plain = _ld({"@type": "NewsArticle", "headline": TITLE, "author": "سامر الخوري",
                 "publisher": {"@type": "Organization", "name": "وكالة المدينة"}})
    assert _run(_page(head=plain)).authors == ["سامر الخوري"]
    meta = "<meta property='og:site_name' content='أخبار المدينة'><meta name='author' content='أخبار المدينة - ليلى حداد'>"
    assert _run(_page(head=meta)).authors == ["أخبار المدينة - ليلى حداد"]
    named = _ld({"@type": "NewsArticle", "headline": TITLE, "author": {"@type": "Person", "name": "سامر المدينة"},
                 "publisher": {"@type": "Organization", "name": "صحيفة المدينة الإلكترونية"}})
    assert _run(_page(head=named)).authors == ["سامر المدينة"]


# ---------------------------------------------------------------- labels inside prose


def test_a_label_word_inside_a_sentence_is_no_label() -> None:
    for line in [
        "وقع الاتفاق بتاريخ 17 نوفمبر 2008، في خطوة مهمة",
        "وقع الاتفاق بتاريخ 17 نوفمبر 2008",
        "صدر القرار رقم 15 بتاريخ 17 نوفمبر 2008",
        "كان الكاتب قد نشر في 17 نوفمبر 2008",
    ]:
        assert _run(_page(story=STORY + f"<p>{line}</p>")).published is None, line
        assert _run(_page(line)).published is None, line


def test_a_label_opening_the_line_or_an_item_is_a_label() -> None:
    for line in [
        "بتاريخ 17 نوفمبر 2008",
        "محليات | بتاريخ 17 نوفمبر 2008",
        "كتب: أحمد علي - نشر في 17 نوفمبر 2008",
    ]:
        assert _day(_run(_page(story=STORY + f"<p>{line}</p>"))) == date(2008, 11, 17), line
    # an update label right after the publication clock opens the next item
    art = _run(_page("نشر في : 17/11/2008 - 09:30 آخر تحديث : 18/11/2008 - 11:05"))
    assert _day(art) == date(2008, 11, 17) and art.modified is not None and art.modified.date() == date(2008, 11, 18)


def test_a_comma_after_the_date_is_no_item_separator() -> None:
    # a sentence opening with "بتاريخ" (a label where it opens the line) goes on after the comma
    sentence = "بتاريخ 17 نوفمبر 2008، وقع الطرفان اتفاقا للتعاون"
    assert _run(_page(story=STORY + f"<p>{sentence}</p>")).published is None
    assert _day(_run(_page("الاثنين 17 نوفمبر 2008، بيروت"))) == date(2008, 11, 17)


# ---------------------------------------------------------------- the date's own run of expressions


def test_a_relative_expression_at_the_end_of_a_sentence_does_not_stretch_the_date() -> None:
    for line in [
        "17 نوفمبر 2008 أعلنت الوزارة أن المشروع سينطلق بعد أسبوعين",
        "17 نوفمبر 2008 - أعلنت الوزارة أن المشروع سينطلق بعد أسبوعين",
    ]:
        assert _run(_page(line)).published is None, line


def test_expressions_joined_by_a_word_or_a_separator_stay_one_dateline() -> None:
    assert _day(_run(_page("الأحد 22 شعبان 1445 هـ الموافق 03 مارس 2024 م"))) == date(2024, 3, 3)
    art = _run(_page("الأحد 03 آذار 2024 | 10:30 بتوقيت بيروت"))
    assert art.published == datetime(2024, 3, 3, 8, 30, tzinfo=UTC)
