"""Near-duplicate articles (tarikh.events.syndication) on real text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tarikh.events.syndication import find_duplicates, shingles, similar
from tarikh.events.tables import load_tables

T = load_tables()


WIRE = (
    "بغداد - أعلنت وزارة الخارجية العراقية أن السفيرة الأمريكية سلمت الوزير رسالة رسمية تعرب فيها "
    "واشنطن عن استعدادها لبدء محادثات ثنائية حول مستقبل التحالف الدولي. وأوضحت الوزارة في بيان أن "
    "المحادثات ستجري ضمن اللجنة العسكرية العليا التي اتفق البلدان على تشكيلها، وأن هدفها وضع جدول "
    "زمني لخفض عدد المستشارين. وأضاف البيان أن الحكومة ستدرس الرسالة مع القيادات الأمنية قبل الرد."
)
# A republished copy: a new first line, two words changed, the last sentence dropped.
COPY = "نقلا عن وكالة الأنباء. " + WIRE.replace("رسمية", "مكتوبة").replace("بيان", "تصريح").rsplit(" وأضاف", 1)[0]
OTHER = (
    "تغلب المنتخب العراقي على نظيره الياباني في مباراة مثيرة ضمن كأس آسيا، وسجل المهاجم هدفين في الشوط "
    "الأول قبل أن يقلص المنافس الفارق في الدقائق الأخيرة. واحتفل المشجعون في شوارع بغداد حتى ساعة متأخرة "
    "من الليل، فيما أشاد المدرب بروح اللاعبين وانضباطهم التكتيكي."
)
SAME_TOPIC_OTHER_WORDS = (
    "تلقى وزير الخارجية فؤاد حسين من السفيرة ألينا رومانوسكي مذكرة تبدي فيها الإدارة الأمريكية رغبتها في "
    "الشروع بحوار حول إنهاء مهمة قوات التحالف، بحسب ما نقل مكتبه في بيان مقتضب صدر مساء الأربعاء."
)


def t0(hours: int) -> datetime:
    return datetime(2024, 1, 24, 9, 0, tzinfo=UTC) + timedelta(hours=hours)


def test_edited_copy_is_similar_and_other_story_is_not() -> None:
    a, b, c = (shingles(x, T.shingle_words) for x in (WIRE, COPY, OTHER))
    assert similar(a, b, T)
    assert not similar(a, c, T)


def test_same_topic_in_other_words_is_not_a_copy() -> None:
    a, d = (shingles(x, T.shingle_words) for x in (WIRE, SAME_TOPIC_OTHER_WORDS))
    assert not similar(a, d, T)


def test_later_copy_points_to_the_earliest_whatever_the_ids() -> None:
    texts = {"zz-wire": WIRE, "aa-copy": COPY, "mm-other": OTHER, "bb-copy2": WIRE + " انتهى"}
    published = {"zz-wire": t0(0), "aa-copy": t0(3), "mm-other": t0(1), "bb-copy2": t0(5)}
    assert find_duplicates(texts, published, T) == {"aa-copy": "zz-wire", "bb-copy2": "zz-wire"}


def test_unknown_publication_time_sorts_last() -> None:
    texts = {"a": WIRE, "b": COPY}
    assert find_duplicates(texts, {"a": None, "b": t0(2)}, T) == {"a": "b"}


def test_short_texts_are_never_duplicates() -> None:
    texts = {"a": "عاجل", "b": "عاجل"}
    assert find_duplicates(texts, {"a": t0(0), "b": t0(1)}, T) == {}
