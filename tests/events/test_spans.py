"""Round-3 rules of tarikh.events: spans counted from the publication day ("منذ تموز الماضي",
"خلال الأسبوع الماضي", "قبل نحو عام") are not happenings of their own (rule 4b), plans that later
happened join the report, and glued conjunctions on function words carry no content.

Mentions come from the real tarikh.dates (the cue of each expression decides whether it is
relative), through the real article_mentions. Every Arabic sentence here was written for tarikh.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tarikh.dates import find
from tarikh.events import build
from tarikh.events.clustering import content_readings
from tarikh.events.mentions import article_mentions
from tarikh.events.tables import load_tables

T = load_tables()
KHARTOUM = timezone(timedelta(hours=2))


def art(aid: str, outlet: str, published: datetime, title: str, body: str) -> dict[str, Any]:
    return {
        "article_id": aid,
        "outlet": outlet,
        "url": f"http://{outlet}.example/{aid}/",
        "title": title,
        "body": body,
        "published": published,
        "published_offset": "+02:00",
    }


PUB = datetime(2024, 8, 15, 10, tzinfo=KHARTOUM)  # a Thursday


def span_of(sentence: str, expression: str, published: datetime | None = PUB) -> bool:
    """Is the mention of ``expression`` in ``sentence`` (a one-sentence article body) a span?"""
    a = art("s", "nilein", published or PUB, "", sentence)
    if published is None:
        a["published"] = None
    found, _, _ = article_mentions(a, T, find)
    hits = [m for m in found if m.row["expression"] == expression]
    assert hits, [m.row["expression"] for m in found]
    return hits[0].span


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("وتحاصر القوات المدينة منذ تموز الماضي وسط نقص في الغذاء.", "تموز الماضي"),
        ("وخلال الأسبوع الماضي، أجرى المبعوث اتصالات مكثفة مع الطرفين.", "الأسبوع الماضي"),
        ("وقبل نحو عام، كانت الآمال معلقة على جولة جديدة من المحادثات.", "قبل نحو عام"),
        ("وفر آلاف السكان من القرى منذ يوم الإثنين هربا من القصف.", "يوم الإثنين"),
        ("ولم يصدر أي تعليق رسمي حتى صباح اليوم الخميس.", "صباح اليوم الخميس"),
    ],
)
def test_spans_counted_from_the_publication_day(sentence: str, expression: str) -> None:
    assert span_of(sentence, expression) is True


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        # A calendar date after منذ names the happening that opened the span.
        ("ويشغل الرجل منصب نائب القائد منذ عام 1991 من دون انقطاع.", "عام 1991"),
        ("وبقي المنصب شاغرا منذ 31 أكتوبر 2022 بسبب الخلافات.", "31 أكتوبر 2022"),
        ("ويتواصل القتال على الحدود منذ 17 أكتوبر الماضي بلا توقف.", "17 أكتوبر الماضي"),
        # A deadline is a plan, not a span.
        ("وتبقى البعثة في البلاد حتى سبتمبر من العام المقبل وفق الاتفاق.", "سبتمبر من العام المقبل"),
        # "About" before a clock time is an approximate time, not a span.
        ("وانفجرت العبوات نحو الساعة الثالثة والنصف من بعد ظهر أمس.", "الساعة الثالثة والنصف"),
        # No span word at all.
        ("وصل الوفد إلى جنيف يوم الإثنين لبدء المحادثات.", "يوم الإثنين"),
    ],
)
def test_not_spans(sentence: str, expression: str) -> None:
    assert span_of(sentence, expression) is False


def test_without_a_publication_day_nothing_is_a_span() -> None:
    # Only absolute expressions survive without an anchor, and they are calendar dates.
    assert span_of("وبقي المنصب شاغرا منذ 31 أكتوبر 2022 بسبب الخلافات.", "31 أكتوبر 2022", None) is False


# A Tuesday report of Wad Madani's fall that names the Friday the offensive began only as the
# start of a span, and a Friday report of that offensive.
FALL = art(
    "k-fall", "kinana", datetime(2023, 12, 20, 9, tzinfo=KHARTOUM), "نزوح واسع بعد سقوط المدينة",
    "انسحب الجيش أمس الثلاثاء من ود مدني، لتسقط المدينة في قبضة القوات المهاجمة.\n\n"
    "وقدرت الأمم المتحدة أن نحو 300 ألف شخص فروا من الولاية منذ يوم الجمعة، هربا من هجوم القوات "
    "على قرى شرق المدينة.",
)
OFFENSIVE = art(
    "n-offensive", "nilein", datetime(2023, 12, 15, 18, tzinfo=KHARTOUM), "هجوم على قرى الجزيرة",
    "شنت القوات المهاجمة اليوم الجمعة هجوما واسعا على قرى شرق ود مدني، ودفعت آلاف السكان إلى الفرار.",
)


def test_a_span_alone_founds_no_event_but_keeps_its_mention() -> None:
    b = build([FALL])
    friday = [m for m in b.mentions if m["value"] == "2023-12-15"]
    assert len(friday) == 1 and friday[0]["expression"] == "يوم الجمعة"
    assert not [e for e in b.events if e["value"] == "2023-12-15"]
    assert [e["value"] for e in b.events] == ["2023-12-19"]


def test_a_span_joins_the_event_its_date_reports_elsewhere() -> None:
    b = build([FALL, OFFENSIVE])
    (friday,) = [e for e in b.events if e["value"] == "2023-12-15"]
    assert friday["article_ids"] == ["k-fall", "n-offensive"]
    # The event is founded (and summed up) by the report, not by the span.
    assert friday["summary"].startswith("شنت القوات")
    assert friday["event_id"] == build([OFFENSIVE]).events[0]["event_id"]


def test_a_span_with_nothing_in_common_does_not_join() -> None:
    other = art(
        "n-fuel", "nilein", datetime(2023, 12, 15, 12, tzinfo=KHARTOUM), "أسعار الوقود",
        "رفعت وزارة الطاقة اليوم الجمعة أسعار البنزين والديزل في محطات بورتسودان.",
    )
    b = build([FALL, other])
    (friday,) = [e for e in b.events if e["value"] == "2023-12-15"]
    assert friday["article_ids"] == ["n-fuel"]


def test_a_calendar_day_after_since_still_founds_an_event() -> None:
    vacancy = art(
        "m-vacancy", "manara", datetime(2024, 8, 15, 10, tzinfo=KHARTOUM), "فراغ رئاسي مستمر",
        "ولا يزال مقعد الرئاسة شاغرا منذ 31 أكتوبر 2022، حين انتهت ولاية الرئيس السابق.",
    )
    b = build([vacancy])
    assert [e["value"] for e in b.events] == ["2022-10-31"]


def test_a_plan_that_later_happened_joins_the_report() -> None:
    plan = art(
        "m-plan", "manara", datetime(2024, 4, 14, 18, tzinfo=KHARTOUM), "عام على الحرب",
        "يدخل البلد غدا الإثنين عامه الثاني من الحرب بلا أفق للحل.\n\n"
        "ومن المقرر أن تستضيف باريس يوم الإثنين مؤتمرا دوليا للمانحين لجمع مساعدات عاجلة للنازحين.",
    )
    held = art(
        "m-held", "manara", datetime(2024, 4, 16, 9, tzinfo=KHARTOUM), "مؤتمر باريس",
        "تعهد المشاركون في المؤتمر الدولي الذي عقد في باريس أمس الإثنين بتقديم مساعدات تتجاوز ملياري يورو.",
    )
    b = build([plan, held])
    (monday,) = [e for e in b.events if e["value"] == "2024-04-15" and "m-held" in e["article_ids"]]
    assert monday["modality"] == "reported"
    assert monday["article_ids"] == ["m-held", "m-plan"]
    # Round 4: the plan's own lead (the war enters its second year on that Monday) is another
    # happening of the day, which the conference report does not tell: it stays apart.
    (anniversary,) = [e for e in b.events if e["value"] == "2024-04-15" and e is not monday]
    assert anniversary["article_ids"] == ["m-plan"] and anniversary["modality"] == "expected"


@pytest.mark.parametrize("word", ["وفي", "ومن", "وعن", "وبعد"])
def test_a_glued_conjunction_on_a_function_word_is_no_content(word: str) -> None:
    assert content_readings(word, T) == set()


def test_a_glued_conjunction_on_a_content_word_is_still_content() -> None:
    assert "جيش" in content_readings("والجيش", T)
