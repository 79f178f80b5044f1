"""Round-4 rules of tarikh.events, found by the blind first run on the fourth story (the Beirut
port explosion): a dateline's filing date is not a happening; a second happening of the lead's
day, told further down an article, becomes its own event when another outlet reports it, whichever
outlet published first; a coarse length back from the publication day ("قبل عام") is a span.

Mentions come from the real tarikh.dates through the real article_mentions and build. Every
Arabic sentence here was written for tarikh.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tarikh.dates import find
from tarikh.events import build
from tarikh.events.mentions import article_mentions, is_dateline
from tarikh.events.tables import load_tables

T = load_tables()
BEIRUT = timezone(timedelta(hours=3))


def art(aid: str, outlet: str, published: datetime, title: str, body: str) -> dict[str, Any]:
    return {
        "article_id": aid,
        "outlet": outlet,
        "url": f"http://{outlet}.example/{aid}/",
        "title": title,
        "body": body,
        "published": published,
        "published_offset": "+03:00",
    }


@pytest.mark.parametrize(
    ("sentence", "paragraph_start", "dateline"),
    [
        ("صيدا - الخميس 3 أيلول: أقفلت المحال التجارية أبوابها احتجاجا على الغلاء.", True, True),
        ("طرابلس – وكالة الساحل، الأحد 6 آب: انطلقت حملة لتنظيف الشاطئ.", True, True),
        # a quote after a reporting verb is not a dateline
        ("وقال الوزير يوم الخميس: لن نقبل بأي تأجيل.", True, False),
        # a long clause before a colon is not a dateline, even with a dash in it
        ("أعلنت البلدية - بعد اجتماع طويل مع التجار والنقابات وممثلي الأحياء المتضررة من "
         "الحريق - يوم الخميس 3 أيلول ما يلي: إغلاق الشارع.", True, False),
        # inside a paragraph, not at its start
        ("صيدا - الخميس 3 أيلول: أقفلت المحال أبوابها.", False, False),
    ],
)
def test_is_dateline(sentence: str, paragraph_start: bool, dateline: bool) -> None:
    colon = sentence.index(":")
    assert is_dateline(sentence, colon - 1, paragraph_start, T) is dateline


def test_a_dateline_date_founds_no_event_but_keeps_its_mention() -> None:
    a = art(
        "d1", "najd", datetime(2020, 9, 3, 8, tzinfo=BEIRUT), "إضراب في صيدا",
        "صيدا - الخميس 3 أيلول 2020م: أقفلت المحال التجارية أبوابها أمس الأربعاء احتجاجا على "
        "ارتفاع الأسعار وانقطاع الكهرباء.",
    )
    found, _, _ = article_mentions(a, T, find)
    assert any(m.dateline and m.row["value"] == "2020-09-03" for m in found)
    b = build([a])
    assert {e["value"] for e in b.events} == {"2020-09-02"}
    assert any(m["value"] == "2020-09-03" for m in b.mentions)


# Two happenings of Wednesday 2021-08-04: a march in Beirut (the lead of a wire report, which
# tells the Paris conference further down) and the Paris conference (another outlet's lead).
WIRE = art(
    "w1-march", "marfa", datetime(2021, 8, 4, 22, tzinfo=BEIRUT), "مسيرة حاشدة في ذكرى الكارثة",
    "سار آلاف المحتجين اليوم الأربعاء من ساحة الشهداء إلى بوابة المرفأ حاملين صور الضحايا.\n\n"
    "وفي باريس، تعهدت الدول المانحة في مؤتمر دولي استضافته فرنسا اليوم بتقديم مساعدات "
    "إنسانية عاجلة.",
)


def _conference(published: datetime) -> dict[str, Any]:
    return art(
        "c1-paris", "sahel", published, "مؤتمر المانحين في باريس",
        "تعهدت الدول المانحة في مؤتمر باريس يوم الأربعاء 4 أوت 2021 بتقديم مساعدات إنسانية "
        "للسكان المتضررين.",
    )


@pytest.mark.parametrize("conference_first", [False, True])
def test_a_second_happening_of_the_lead_day_is_its_own_event_whoever_published_first(
    conference_first: bool,
) -> None:
    hour = 20 if conference_first else 23
    b = build([WIRE, _conference(datetime(2021, 8, 4, hour, tzinfo=BEIRUT))])
    day = [e for e in b.events if e["value"] == "2021-08-04"]
    assert len(day) == 2, [e["summary"] for e in day]
    groups = sorted(tuple(e["article_ids"]) for e in day)
    assert groups == [("c1-paris", "w1-march"), ("w1-march",)]


def test_an_elaboration_told_by_no_other_outlet_stays_with_the_lead() -> None:
    alone = art(
        "w2-march", "marfa", datetime(2021, 8, 4, 22, tzinfo=BEIRUT), "مسيرة حاشدة في ذكرى الكارثة",
        "سار آلاف المحتجين اليوم الأربعاء من ساحة الشهداء إلى بوابة المرفأ حاملين صور الضحايا.\n\n"
        "ووقف المشاركون دقيقة صمت عند الساعة السادسة مساء اليوم.",
    )
    b = build([alone])
    (e,) = [e for e in b.events if e["value"] == "2021-08-04"]
    assert e["n_mentions"] == 2


def test_a_coarse_length_back_from_publication_is_a_span() -> None:
    a = art(
        "y1", "marfa", datetime(2021, 8, 4, 22, tzinfo=BEIRUT), "دقيقة صمت",
        "ووقف المشاركون دقيقة صمت في توقيت الانفجار الذي وقع قبل عام.",
    )
    found, _, _ = article_mentions(a, T, find)
    (m,) = [m for m in found if m.row["grain"] == "year"]
    assert m.span
    assert not [e for e in build([a]).events if e["grain"] == "year"]
