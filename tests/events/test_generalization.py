"""Round-2 rules of tarikh.events (lead, references, pooling, summaries), the quality floors on the
four corpora (demo, held-out, third and fourth stories), and traceability of a published release.

Every Arabic sentence here was written for tarikh.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow.parquet as pq
import pytest

from tarikh.events import build
from tarikh.events.clustering import headline_like
from tarikh.publish import ReleaseMeta, write_release

ROOT = Path(__file__).resolve().parents[2]
BEIRUT = timezone(timedelta(hours=3))


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_events", ROOT / "bench" / "bench_events.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_events"] = mod
    spec.loader.exec_module(mod)
    return mod


def lb(aid: str, outlet: str, day: int, hour: int, title: str, body: str) -> dict[str, Any]:
    return {
        "article_id": aid,
        "outlet": outlet,
        "url": f"http://{outlet}.example/{aid}/",
        "title": title,
        "body": body,
        "published": datetime(2024, 10, day, hour, tzinfo=BEIRUT),
        "published_offset": "+03:00",
    }


# Two happenings of Tuesday 2024-10-01, one article telling both, two articles one each.
BOTH = lb(
    "g1-both", "khaleej", 2, 9, "ليلة ساخنة في المنطقة",
    "أطلقت إيران مساء أمس الثلاثاء نحو مئتي صاروخ باليستي باتجاه إسرائيل، وقالت إسرائيل إنها اعترضت "
    "معظمها.\n\n"
    "وفي جبهة أخرى، بدأت القوات الإسرائيلية فجر يوم الثلاثاء توغلا بريا في قرى حدودية جنوب لبنان وسط "
    "قصف مدفعي مكثف.",
)
GROUND = lb(
    "g2-ground", "sahm", 1, 8, "عمليات برية في الجنوب",
    "أعلن الجيش الإسرائيلي فجر اليوم الثلاثاء أن قواته بدأت عمليات برية ضد أهداف في قرى حدودية جنوب "
    "لبنان.",
)
MISSILES = lb(
    "g3-missiles", "dijla", 1, 23, "صواريخ في سماء المنطقة",
    "أطلق الحرس الثوري الإيراني مساء اليوم الثلاثاء موجة من الصواريخ الباليستية نحو إسرائيل، وشوهدت "
    "أضواؤها في سماء مدن عدة.",
)
# A report of the next day that recalls Tuesday's ground operation in a loose clause.
RECALL = lb(
    "g4-recall", "arz", 3, 10, "نزوح جديد من القرى الحدودية",
    "نزحت مئات العائلات اليوم الخميس من بلدات القطاع الأوسط نحو صيدا وبيروت.\n\n"
    "ويأتي النزوح بعدما دخل جنود إسرائيليون يوم الثلاثاء قرى عند الحدود، وفق شهود ورؤساء بلديات.",
)


def _event_with(events: list[dict[str, Any]], aid: str, value: str) -> list[dict[str, Any]]:
    return [e for e in events if e["value"] == value and aid in e["article_ids"]]


def test_two_happenings_of_one_day_in_one_article_stay_apart() -> None:
    b = build([BOTH, GROUND, MISSILES])
    day = [e for e in b.events if e["value"] == "2024-10-01"]
    assert len(day) == 2, day
    groups = sorted(tuple(e["article_ids"]) for e in day)
    assert groups == [("g1-both", "g2-ground"), ("g1-both", "g3-missiles")]


def test_a_recalled_day_joins_the_event_it_recalls() -> None:
    b = build([BOTH, GROUND, MISSILES, RECALL])
    (ground,) = _event_with(b.events, "g2-ground", "2024-10-01")
    assert "g4-recall" in ground["article_ids"]
    assert len([e for e in b.events if e["value"] == "2024-10-01"]) == 2
    # The recall is not the summary: the lede that tells the operation is.
    assert "النزوح" not in ground["summary"]


def test_a_recall_with_no_word_in_common_does_not_join() -> None:
    other = lb(
        "g5-other", "arz", 3, 12, "أسعار الوقود",
        "ارتفعت أسعار الوقود اليوم الخميس في محطات العاصمة.\n\n"
        "وكانت وزارة الطاقة قد أصدرت يوم الثلاثاء جدول التسعير الأسبوعي للمحروقات.",
    )
    b = build([GROUND, other])
    assert len([e for e in b.events if e["value"] == "2024-10-01"]) == 2


def test_summary_is_the_report_not_the_plan_nor_a_sentence_about_another_day() -> None:
    plan = lb(
        "g6-plan", "sahm", 4, 9, "جلسة حكومية مرتقبة",
        "من المقرر أن يعقد مجلس الوزراء جلسة استثنائية يوم السبت المقبل لبحث خطة الإيواء.",
    )
    held = lb(
        "g7-held", "arz", 6, 9, "الحكومة تقر خطة الإيواء",
        "عقد مجلس الوزراء أمس السبت جلسة استثنائية أقر فيها خطة الإيواء للنازحين.\n\n"
        "وتأتي الجلسة بعد أن عقد المجلس يوم الخميس جلسة استثنائية أولى لبحث خطة الإيواء نفسها.",
    )
    b = build([plan, held])
    (e,) = [e for e in b.events if e["value"] == "2024-10-05"]
    assert e["modality"] == "reported" and e["n_sources"] == 2
    assert e["summary"].startswith("عقد مجلس الوزراء أمس السبت")


@pytest.mark.parametrize(
    ("sentence", "headline"),
    [
        ("إصابات بين جنود في هجوم مساء السبت", True),
        ("وقال المسؤول إن الهجوم وقع مساء السبت.", False),
        ("وقال: \"لن نتراجع.\"", False),
        ("هل انتهت الحرب؟", False),
    ],
)
def test_headline_like(sentence: str, headline: bool) -> None:
    assert headline_like(sentence) is headline


# Floors reached in round 3 (bench/bench_events.py) on the three corpora; raise them when the
# numbers improve, never lower them. "key" is Date-F1 over the events that happened (plan-only
# events left out, see the bench's docs), "all" over every event; "merged" counts happenings of
# a multi-fact date told as one event (third: the Merowe soldiers inside the first day of war).
FLOORS = {
    "demo": {"key": 0.959, "all": 0.922, "dup_share": 0.0, "merged": 0},
    "held-out": {"key": 0.980, "all": 0.962, "dup_share": 0.0, "merged": 0},
    "third": {"key": 0.957, "all": 0.938, "dup_share": 0.0, "merged": 1},
    # round 4: the Beirut port story (first run 0.945 key, 0.912 all, 3.0% duplicates, 2 merged)
    "fourth": {"key": 0.980, "all": 0.944, "dup_share": 0.0, "merged": 1},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_floors_on_all_corpora(name: str) -> None:
    bench = _bench()
    s = bench.measure(name, bench.CORPORA[name])
    assert s.f1_happened >= FLOORS[name]["key"], s.f1_happened
    assert s.f1_all >= FLOORS[name]["all"], s.f1_all
    assert s.recall == 1.0 and s.recall_happened == 1.0
    assert s.dup_share <= FLOORS[name]["dup_share"], s.dups
    assert s.merged <= FLOORS[name]["merged"]
    assert s.syn_precision == 1.0 and s.syn_recall == 1.0


@pytest.mark.parametrize("name", ["held-out", "third", "fourth"])
def test_written_corpora_are_well_formed(name: str) -> None:
    bench = _bench()
    corpus = bench.CORPORA[name]
    articles, facts, copies = bench.load_demo(corpus)
    assert len(articles) >= 20 and len({a["outlet"] for a in articles}) >= 4
    assert len(copies) >= 2 and all(c in {a["article_id"] for a in articles} for c in copies.values())
    table = bench.facts_per_date(corpus)
    known = set(table)
    for aid, values in facts.items():
        for v in values:  # every article fact is a table fact at its own (maybe coarser) grain
            assert any(k.startswith(v) for k in known), (aid, v)


@pytest.fixture(scope="module", params=["held-out", "third", "fourth"])
def heldout_release(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    bench = _bench()
    articles, _, _ = bench.load_demo(bench.CORPORA[request.param])
    b = build(articles)
    fetched = datetime(2026, 1, 1, tzinfo=UTC)  # after every article of both corpora
    rows = [
        {**a, "canonical_url": a["url"], "fetched_at": fetched, "dup_of": b.dup_of.get(a["article_id"])}
        for a in articles
    ]
    return write_release(ReleaseMeta(story="heldout", title="heldout"), rows, b.mentions, b.events,
                         tmp_path_factory.mktemp("datasets"), version="0.1.0")


def _table(release: Path, name: str) -> list[dict[str, Any]]:
    (path,) = sorted(release.glob(f"{name}*.parquet")) or sorted(release.glob(f"**/{name}*.parquet"))
    return pq.read_table(path).to_pylist()


def test_every_published_event_is_traceable_to_sentences_and_urls(heldout_release: Path) -> None:
    events = _table(heldout_release, "events")
    mentions = {m["mention_id"]: m for m in _table(heldout_release, "mentions")}
    articles = {a["article_id"]: a for a in _table(heldout_release, "articles")}
    assert events
    for e in events:
        assert e["mention_ids"], e["event_id"]
        seen_articles = set()
        for mid in e["mention_ids"]:
            m = mentions[mid]
            assert m["expression"] and m["expression"] in m["sentence"], mid
            a = articles[m["article_id"]]
            assert str(a["url"]).startswith("http"), a["article_id"]
            text = (a.get("title") or "") + "\n\n" + (a.get("body") or "")
            if a.get("body") is not None:
                assert text[m["char_start"]:m["char_end"]] == m["expression"], mid
            seen_articles.add(m["article_id"])
        assert seen_articles == set(e["article_ids"]), e["event_id"]
        assert e["summary"] in {mentions[mid]["sentence"] for mid in e["mention_ids"]}
