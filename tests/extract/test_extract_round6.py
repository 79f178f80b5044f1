"""Round-6 rules (batch I causes), each tested both ways: where it applies and where it must not.

Rules: every schema.org subtype of NewsArticle (``ReportageNewsArticle``) and of Article ranks
with its family; an outlet's standing notice (disclaimer, syndication note) among the body's
last lines leaves the body; a UTC machine time is expressed in the zone the page states.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tarikh.extract import article
from tarikh.extract.jsonld import type_rank

FETCHED = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
PARAS = [
    "أعلنت هيئة الطرق في المدينة أن أعمال توسعة الجسر الشمالي ستكتمل قبل نهاية الربيع، بعد تأخر دام ستة"
    " أشهر بسبب نقص مواد البناء.",
    "وقال مدير المشروع إن الجسر الجديد سيخفف الازدحام عند المدخل الشمالي للمدينة في ساعات الذروة، وإن"
    " حركة السير ستحول إلى طريق فرعي خلال الأسابيع الأخيرة من العمل.",
    "وأضاف أن كلفة المشروع ارتفعت بنحو عشرة بالمئة عن تقديرها الأول، وأن الهيئة ستنشر تقريرا مفصلا"
    " عن أسباب الزيادة بعد افتتاح الجسر.",
]
NOTICE = "يتاح جزء من أخبار الوكالة للمشتركين في نظام تدفق الأخبار بصيغة مختصرة."


def _page(jsonld: object | None = None, dateline: str = "", paras: list[str] = PARAS, tail: str = "") -> bytes:
    head = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        "<html lang='ar'><head><meta charset='utf-8'><title>توسعة الجسر الشمالي | موقع</title>"
        f"{head}</head><body><div class='col story'><h1>توسعة الجسر الشمالي</h1>"
        f"<div class='d'>{dateline}</div>{body}{tail}</div></body></html>"
    ).encode()


def _run(raw: bytes):  # type: ignore[no-untyped-def]
    return article(raw, "https://jisr.example/news/7", fetched_at=FETCHED)


@pytest.mark.parametrize(
    ("name", "rank"),
    [("newsarticle", 0), ("reportagenewsarticle", 0), ("reportagenews", 0), ("satiricalnewsarticle", 0),
     ("techarticle", 1), ("article", 1), ("webpage", 4), ("person", None), ("breadcrumblist", None)],
)
def test_type_families_rank_together(name: str, rank: int | None) -> None:
    assert type_rank(name) == rank


def test_reportage_news_article_dates_the_page_from_json_ld() -> None:
    node = {"@context": "https://schema.org", "@graph": [
        {"@type": "ReportageNewsArticle", "headline": "توسعة الجسر الشمالي",
         "datePublished": "2024-10-08T06:21:04.000Z"},
        {"@type": "WebPage", "name": "توسعة الجسر الشمالي"}]}
    art = _run(_page(node))
    assert art.published_source == "json-ld"
    assert art.published == datetime(2024, 10, 8, 6, 21, 4, tzinfo=UTC)


def test_a_person_node_is_still_no_dated_story() -> None:
    node = {"@type": "Person", "name": "كاتب", "birthDate": "1970-05-01", "datePublished": "2024-10-08"}
    assert _run(_page(node)).published is None


def test_a_closing_notice_leaves_the_body() -> None:
    art = _run(_page(tail=f"<div class='detay-not'><p>{NOTICE}</p></div>"))
    assert PARAS[-1][:30] in art.body
    assert "نظام تدفق الأخبار" not in art.body


def test_notice_words_inside_the_story_stay() -> None:
    story = [
        PARAS[0],
        "وقالت الهيئة إن الصور التي نشرتها حسابات مجهولة للمشروع يحظر إعادة النشر لها من دون إذن،"
        " لأنها تظهر مواقع أمنية قرب الجسر.",
        *PARAS[1:],
    ]
    art = _run(_page(paras=story))
    assert "يحظر إعادة النشر" in art.body


def test_a_long_closing_paragraph_with_notice_words_stays() -> None:
    long_close = (
        "وختم المدير حديثه بالقول إن جميع الحقوق محفوظة للسكان في الاعتراض على مسار الجسر، وإن الهيئة ستعقد"
        " جلسات استماع في الأحياء الثلاثة المتأثرة بالمشروع خلال الشهر المقبل، وستنشر محاضرها كاملة على"
        " موقعها، وستعيد النظر في المخطط إذا ثبت أن المسار الحالي يضر بمصالح الأهالي أو يعرقل وصولهم إلى"
        " أعمالهم ومدارس أبنائهم."
    )
    art = _run(_page(paras=[*PARAS, long_close]))
    assert "جميع الحقوق محفوظة" in art.body


def test_a_utc_machine_time_takes_the_zone_the_page_states() -> None:
    node = {"@type": "NewsArticle", "headline": "توسعة الجسر الشمالي", "datePublished": "2024-10-07T22:30:00Z"}
    art = _run(_page(node, dateline="نشر في 8 أكتوبر 2024 - 01:30 بتوقيت مكة المكرمة"))
    assert art.published == datetime(2024, 10, 7, 22, 30, tzinfo=UTC)  # the same instant
    assert art.published is not None and art.published.utcoffset() == timedelta(hours=3)
    assert art.published_offset == "+03:00"
    assert art.published.date().isoformat() == "2024-10-08"  # the outlet's day, for "أمس" and "اليوم"


def test_a_utc_machine_time_stays_utc_without_a_stated_zone_or_with_gmt() -> None:
    node = {"@type": "NewsArticle", "headline": "توسعة الجسر الشمالي", "datePublished": "2024-10-07T22:30:00Z"}
    for dateline in ("", "نشر في 7 أكتوبر 2024 - 22:30 GMT"):
        art = _run(_page(node, dateline=dateline))
        assert art.published == datetime(2024, 10, 7, 22, 30, tzinfo=UTC)
        assert art.published is not None and art.published.utcoffset() == timedelta(0), dateline


def test_a_utc_machine_time_takes_the_offset_of_the_local_time_the_page_shows() -> None:
    node = {"@type": "NewsArticle", "headline": "توسعة الجسر الشمالي", "datePublished": "2024-10-15T21:47:00Z"}
    art = _run(_page(node, dateline="16 أكتوبر 2024 - 00:47"))
    assert art.published == datetime(2024, 10, 15, 21, 47, tzinfo=UTC)  # the same instant
    assert art.published is not None and art.published.utcoffset() == timedelta(hours=3)
    assert art.published.date().isoformat() == "2024-10-16"


def test_a_shown_time_that_is_no_whole_offset_away_changes_nothing() -> None:
    node = {"@type": "NewsArticle", "headline": "توسعة الجسر الشمالي", "datePublished": "2024-10-15T21:47:00Z"}
    art = _run(_page(node, dateline="16 أكتوبر 2024 - 00:52"))
    assert art.published is not None and art.published.utcoffset() == timedelta(0)
