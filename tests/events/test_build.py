"""tarikh.events.build end to end on hand-written articles, with the real tarikh.dates."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from tarikh.events import ARTICLE_TEXT_SEPARATOR, Built, EventsError, article_text, build

from . import corpus as C


@pytest.fixture(scope="module")
def built() -> Built:
    return build(C.ALL)


def events_on(b: Built, value: str) -> list[dict]:
    return [e for e in b.events if e["value"] == value]


def event_of(b: Built, article_id: str, value: str) -> dict:
    found = [e for e in events_on(b, value) if article_id in e["article_ids"]]
    assert len(found) == 1, (article_id, value, b.events)
    return found[0]


def test_three_outlets_three_date_forms_one_event(built: Built) -> None:
    e = event_of(built, "a1-rafidain-letter", "2024-01-24")
    assert {"a1-rafidain-letter", "a2-jisr-letter", "a3-wadi-letter"} <= set(e["article_ids"])
    assert e["n_sources"] == 3 and e["outlets"] == ["jisr", "rafidain", "wadi"]
    assert e["grain"] == "day" and e["date_start"] == e["date_end"] == date(2024, 1, 24)
    assert e["modality"] == "reported"
    # first_reported is the earliest publication, in UTC
    assert e["first_reported"] == datetime(2024, 1, 25, 6, 0, tzinfo=UTC)
    # the summary is one of the event's own sentences
    sentences = {m["sentence"] for m in built.mentions if m["mention_id"] in e["mention_ids"]}
    assert e["summary"] in sentences


def test_two_different_events_on_the_same_day_stay_apart(built: Built) -> None:
    letter = event_of(built, "a1-rafidain-letter", "2024-01-24")
    session = event_of(built, "a4-rafidain-parliament", "2024-01-24")
    drone = event_of(built, "a5-jisr-drone", "2024-01-24")  # shares the story's vocabulary
    assert len({letter["event_id"], session["event_id"], drone["event_id"]}) == 3
    assert session["article_ids"] == ["a4-rafidain-parliament"] and session["n_sources"] == 1
    assert drone["article_ids"] == ["a5-jisr-drone"]


def test_syndicated_copy_is_linked_and_not_double_counted(built: Built) -> None:
    assert built.dup_of == {"w2-jisr-copy": "w1-wakala-announce"}
    e = event_of(built, "w1-wakala-announce", "2024-01-25")
    assert {"w1-wakala-announce", "w2-jisr-copy", "w3-rafidain-announce"} <= set(e["article_ids"])
    # wakala's story and jisr's copy of it count once; rafidain reported on its own
    assert e["outlets"] == ["rafidain", "wakala"] and e["n_sources"] == 2


def test_background_year_is_not_a_reported_event(built: Built) -> None:
    years = [m for m in built.mentions if m["article_id"] == "b1-wadi-context" and m["value"] == "2014"]
    assert years and all(m["modality"] == "background" for m in years)
    assert all(e["modality"] == "background" for e in events_on(built, "2014"))


def test_no_publication_time_keeps_only_absolute_mentions(built: Built) -> None:
    mine = [m for m in built.mentions if m["article_id"] == "u1-wadi-undated"]
    assert [m["value"] for m in mine] == ["2024-01-24"]
    assert mine[0]["expression"].startswith("24 يناير") and mine[0]["anchor"] is None
    # and that absolute mention joined the letter event
    assert "u1-wadi-undated" in event_of(built, "a1-rafidain-letter", "2024-01-24")["article_ids"]


def test_mention_rows_point_into_title_blank_line_body(built: Built) -> None:
    by_id = {a["article_id"]: a for a in C.ALL}
    assert ARTICLE_TEXT_SEPARATOR == "\n\n"
    for m in built.mentions:
        a = by_id[m["article_id"]]
        text = article_text(a["title"], a["body"])
        assert text[m["char_start"] : m["char_end"]] == m["expression"]
        assert m["expression"] in m["sentence"]
        assert m["mention_id"] == f"{m['article_id']}:{m['char_start']}-{m['char_end']}"
        assert m["modality"] in ("reported", "scheduled", "expected", "background")
        assert m["date_start"] <= m["date_end"]


def test_every_event_is_traceable_to_its_mentions(built: Built) -> None:
    mention_ids = {m["mention_id"]: m for m in built.mentions}
    for e in built.events:
        assert e["mention_ids"] and all(mid in mention_ids for mid in e["mention_ids"])
        assert sorted({mention_ids[mid]["article_id"] for mid in e["mention_ids"]}) == e["article_ids"]
        assert e["n_mentions"] == len(e["mention_ids"])
        assert len(e["event_id"]) == 16


def test_never_merges_different_days_or_grains(built: Built) -> None:
    mention_ids = {m["mention_id"]: m for m in built.mentions}
    for e in built.events:
        for mid in e["mention_ids"]:
            m = mention_ids[mid]
            assert (m["value"][:10] if m["grain"] in ("hour", "minute") else m["value"]) == e["value"]


def test_ids_and_rows_are_stable_across_runs_and_input_orders(built: Built) -> None:
    shuffled = list(C.ALL)
    random.Random(7).shuffle(shuffled)
    again = build(shuffled)
    assert again.events == built.events
    assert again.mentions == built.mentions
    assert again.dup_of == built.dup_of


def test_event_keeps_its_id_when_a_later_report_joins() -> None:
    early = build(C.LETTER[:2])
    late = build(C.LETTER)
    a = event_of(early, "a1-rafidain-letter", "2024-01-24")
    b = event_of(late, "a1-rafidain-letter", "2024-01-24")
    assert a["event_id"] == b["event_id"] and b["n_sources"] == a["n_sources"] + 1


def test_month_mention_never_widens_a_day_event() -> None:
    month = C.article(
        "m1-jisr-month", "jisr", C.at(29, 10),
        "حصاد الشهر",
        "في يناير سلّمت السفيرة الأمريكية وزير الخارجية العراقي رسالة بشأن محادثات التحالف الدولي.",
    )
    b = build([*C.LETTER, month])
    ms = [m for m in b.mentions if m["article_id"] == "m1-jisr-month"]
    assert ms and ms[0]["grain"] == "month" and ms[0]["value"] == "2024-01"
    day = event_of(b, "a1-rafidain-letter", "2024-01-24")
    assert "m1-jisr-month" not in day["article_ids"]
    assert day["date_start"] == day["date_end"] == date(2024, 1, 24)
    # the month report stays an event at its own precision
    (jan,) = events_on(b, "2024-01")
    assert jan["grain"] == "month" and jan["article_ids"] == ["m1-jisr-month"]
    assert (jan["date_start"], jan["date_end"]) == (date(2024, 1, 1), date(2024, 1, 31))


def test_coarse_mention_next_to_a_finer_one_in_its_sentence_adds_nothing() -> None:
    both = C.article(
        "m2-wadi-both", "wadi", C.at(29, 10),
        "مراجعة",
        "في كانون الثاني، وتحديدا في 24 كانون الثاني، سلمت السفيرة الأمريكية رسالة إلى وزير الخارجية "
        "العراقي بشأن محادثات التحالف.",
    )
    b = build([both])
    assert {m["value"] for m in b.mentions} >= {"2024-01", "2024-01-24"}
    assert [e["value"] for e in b.events] == ["2024-01-24"]


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(EventsError, match="published"):
        build([{**C.LETTER_JISR, "published": "yesterday"}])
    with pytest.raises(EventsError, match="outlet"):
        build([{k: v for k, v in C.LETTER_JISR.items() if k != "outlet"}])
    with pytest.raises(EventsError, match="twice"):
        build([C.LETTER_JISR, C.LETTER_JISR])


def test_empty_input() -> None:
    b = build([])
    assert (b.dup_of, b.mentions, b.events) == ({}, [], [])


PLAN = C.article(
    "p1-wadi-plan", "wadi", C.at(25, 13),
    "موعد الجولة الأولى",
    "ومن المقرر أن تعقد الجولة الأولى من محادثات اللجنة العسكرية العليا يوم السبت المقبل في بغداد.",
)
HELD = C.article(
    "p2-rafidain-held", "rafidain", C.at(28, 9),
    "انعقاد الجولة الأولى",
    "عقدت اللجنة العسكرية العليا أمس السبت في بغداد الجولة الأولى من محادثاتها بحضور وفدين عسكريين.",
)


def test_a_plan_is_scheduled_until_it_is_reported() -> None:
    planned = build([PLAN])
    (e,) = planned.events
    assert (e["value"], e["modality"]) == ("2024-01-27", "scheduled")
    both = build([PLAN, HELD])
    (e2,) = both.events
    assert e2["modality"] == "reported" and e2["n_sources"] == 2
    assert e2["event_id"] == e["event_id"]  # the plan came first: the event keeps its id


def test_broken_tables_are_a_typed_error() -> None:
    import tomllib

    from tarikh.events.tables import DATA_FILE, TablesError, parse_tables

    raw = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    del raw["content"]["stop_words"]
    with pytest.raises(TablesError, match="content.stop_words"):
        parse_tables(raw)
    raw = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    raw["clustering"]["same_event"] = "high"
    with pytest.raises(TablesError, match="same_event"):
        parse_tables(raw)
