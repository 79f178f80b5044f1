"""A small hand-written corpus for the events tests (every sentence written for tarikh).

Publication times are in Baghdad time (+03:00). The happenings follow ../shared/STORY.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

BAGHDAD = timezone(timedelta(hours=3))


def at(day: int, hour: int, month: int = 1) -> datetime:
    return datetime(2024, month, day, hour, 0, tzinfo=BAGHDAD)


def article(aid: str, outlet: str, published: datetime | None, title: str, body: str) -> dict[str, Any]:
    return {
        "article_id": aid,
        "outlet": outlet,
        "url": f"http://{outlet}.example/{aid}/",
        "title": title,
        "body": body,
        "published": published,
        "published_offset": "+03:00" if published is not None else None,
    }


# The letter of Wednesday 2024-01-24, told by three outlets in their own words and date forms.
LETTER_RAFIDAIN = article(
    "a1-rafidain-letter", "rafidain", at(25, 9),
    "واشنطن مستعدة للتفاوض على مستقبل قوات التحالف",
    "سلّمت السفيرة الأمريكية ألينا رومانوسكي وزير الخارجية العراقي فؤاد حسين يوم الأربعاء رسالة "
    "أعلنت فيها واشنطن استعدادها لبدء المحادثات بشأن التحالف الدولي.\n\n"
    "ويرى مراقبون أن الخطوة تفتح الباب أمام ترتيب جديد للعلاقة الأمنية بين البلدين.",
)
LETTER_JISR = article(
    "a2-jisr-letter", "jisr", at(26, 11),
    "رسالة أمريكية إلى بغداد حول التحالف الدولي",
    "تسلم وزير الخارجية فؤاد حسين في 24 يناير رسالة من السفيرة الأمريكية تبدي فيها الولايات المتحدة "
    "استعدادها للشروع في محادثات حول التحالف الدولي.\n\n"
    "ولم تعلن الوزارة حتى الآن موعد الرد الرسمي على المقترح.",
)
LETTER_WADI = article(
    "a3-wadi-letter", "wadi", at(27, 8),
    "تطورات ملف القوات الأجنبية",
    "وكانت السفيرة الأمريكية قد نقلت في 24 كانون الثاني إلى وزير الخارجية رسالة رسمية تؤكد جاهزية "
    "واشنطن للمحادثات بشأن مستقبل التحالف الدولي.\n\n"
    "وتتباين مواقف الكتل السياسية من توقيت انسحاب المستشارين.",
)

# Another happening on the same Wednesday: a parliament session on the budget.
PARLIAMENT = article(
    "a4-rafidain-parliament", "rafidain", at(25, 14),
    "البرلمان يناقش الموازنة",
    "عقد مجلس النواب العراقي يوم الأربعاء جلسة مطولة لمناقشة قانون الموازنة العامة وسط خلافات حادة "
    "بين الكتل حول حصص المحافظات من الإيرادات النفطية.\n\n"
    "ورفعت رئاسة المجلس الجلسة إلى إشعار آخر.",
)

# A wire story and an edited copy on another outlet, plus an independent report of the same news.
_WIRE_BODY = (
    "أعلنت الحكومتان العراقية والأمريكية اليوم الخميس أن اللجنة العسكرية العليا المشتركة ستباشر "
    "اجتماعاتها لوضع جدول زمني لإنهاء مهمة التحالف الدولي والانتقال إلى شراكة أمنية ثنائية.\n\n"
    "وقال بيان مشترك إن عمل اللجنة سيأخذ في الحسبان مستوى الخطر الذي يمثله التنظيم المتطرف وقدرات "
    "القوات العراقية والظروف الميدانية في المحافظات.\n\n"
    "وأكد مسؤول عراقي أن الحديث يدور عن عملية تدريجية ومنظمة وليس عن انسحاب مفاجئ."
)
WIRE = article("w1-wakala-announce", "wakala", at(25, 12), "بغداد وواشنطن تعلنان بدء عمل اللجنة العسكرية العليا",
               _WIRE_BODY)
WIRE_COPY = article(
    "w2-jisr-copy", "jisr", at(25, 15),
    "بغداد وواشنطن تعلنان بدء أعمال اللجنة العسكرية العليا",
    _WIRE_BODY.replace("وأكد مسؤول عراقي", "وأوضح مسؤول عراقي").replace("المتطرف", "المتشدد"),
)
ANNOUNCE_RAFIDAIN = article(
    "w3-rafidain-announce", "rafidain", at(25, 18),
    "إعلان مشترك عن محادثات اللجنة العسكرية العليا",
    "كشف بيان عراقي أمريكي مشترك صدر الخميس أن اللجنة العسكرية العليا ستبدأ اجتماعاتها قريبا لبحث "
    "إنهاء مهمة التحالف الدولي وفق جدول زمني.\n\n"
    "ورحبت أطراف سياسية عدة بالإعلان.",
)

# Context: a background year.
BACKGROUND = article(
    "b1-wadi-context", "wadi", at(25, 20),
    "التحالف الدولي في سطور",
    "ويضم التحالف الدولي الذي تشكل في عام 2014 عشرات الدول التي شاركت في قتال تنظيم داعش في العراق وسوريا.",
)

# No publication time: the relative "يوم الأربعاء" has nothing to resolve against.
UNDATED = article(
    "u1-wadi-undated", "wadi", None,
    "تقرير بلا تاريخ",
    "اجتمع الوفد العسكري يوم الأربعاء مع قادة العمليات المشتركة لبحث خطط الانتشار. "
    "وفي 24 يناير 2024 سلمت السفيرة الأمريكية رسالة إلى وزير الخارجية العراقي بشأن محادثات التحالف.",
)

# A third happening of that Wednesday, in the story's own vocabulary (US forces, Iraq, Syria).
DRONE = article(
    "a5-jisr-drone", "jisr", at(25, 16),
    "هجوم بطائرة مسيرة على قاعدة في سوريا",
    "تعرضت قاعدة تضم جنودا أمريكيين في شمال شرق سوريا يوم الأربعاء لهجوم بطائرة مسيرة لم يسفر عن "
    "إصابات، بحسب ما أفاد مسؤول عسكري أمريكي، في ظل توتر متصاعد بين الفصائل المسلحة وواشنطن في العراق.",
)

LETTER = [LETTER_RAFIDAIN, LETTER_JISR, LETTER_WADI]
ALL = [LETTER_RAFIDAIN, LETTER_JISR, LETTER_WADI, PARLIAMENT, DRONE, WIRE, WIRE_COPY, ANNOUNCE_RAFIDAIN, BACKGROUND, UNDATED]

