"""Round-6 batch N rule, tested both ways: microdata in the footer of the page's own article item
(tagDiv themes) dates the page; an item of its own inside boilerplate (a related story) does not.
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
