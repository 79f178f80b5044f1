"""Fixtures for release tests: a small story's rows, written for these tests (our own sentences).

Offsets, sentences and ids are computed from the article texts with tarikh.text, so the rows are
internally consistent the way tarikh.events output must be.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tarikh.publish import ReleaseMeta  # noqa: E402
from tarikh.text import split_sentences  # noqa: E402

BAGHDAD = dt.timezone(dt.timedelta(hours=3))
FETCHED = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)

# (outlet, slug, published local, title, body, [(expression, value, grain, start, end, cue)])
ARTICLES: list[tuple[str, str, dt.datetime, str, str, list[tuple[str, str, str, str, str, str]]]] = [
    (
        "aljisr.example", "letter-delivered", dt.datetime(2024, 1, 25, 10, 30, tzinfo=BAGHDAD),
        "واشنطن وبغداد تتفقان على بدء محادثات حول مستقبل التحالف",
        "قالت وزارة الخارجية العراقية إن السفيرة الأمريكية سلّمت رسالة رسمية إلى الوزير يوم الأربعاء.\n\n"
        "وتبدأ اللجنة العسكرية العليا اجتماعاتها خلال الأيام المقبلة.",
        [("يوم الأربعاء", "2024-01-24", "day", "2024-01-24", "2024-01-24", "tense-past")],
    ),
    (
        "wadi-press.example", "first-round", dt.datetime(2024, 1, 27, 14, 0, tzinfo=BAGHDAD),
        "انطلاق الجولة الأولى من حوار إنهاء مهمة التحالف الدولي",
        "عُقدت الجولة الأولى من المحادثات في بغداد اليوم السبت ٢٧ كانون الثاني ٢٠٢٤.\n\n"
        "وكانت الحكومتان قد أعلنتا عن الحوار يوم الخميس.",
        [
            ("٢٧ كانون الثاني ٢٠٢٤", "2024-01-27", "day", "2024-01-27", "2024-01-27", "absolute"),
            ("يوم الخميس", "2024-01-25", "day", "2024-01-25", "2024-01-25", "tense-past"),
        ],
    ),
    (
        "wakala-wire.example", "letter-wire", dt.datetime(2024, 1, 24, 18, 0, tzinfo=BAGHDAD),
        "رسالة أمريكية إلى بغداد بشأن الحوار العسكري",
        "سيطر تنظيم داعش على مساحات واسعة من العراق وسوريا في عام 2014.\n\n"
        "وأكد مسؤول عراقي أن الرسالة وصلت إلى الوزارة اليوم.",
        [
            ("عام 2014", "2014", "year", "2014-01-01", "2014-12-31", "absolute"),
            ("اليوم", "2024-01-24", "day", "2024-01-24", "2024-01-24", "anchor"),
        ],
    ),
    (
        "aljisr.example", "letter-wire-copy", dt.datetime(2024, 1, 24, 19, 15, tzinfo=BAGHDAD),
        "رسالة أمريكية إلى بغداد بشأن الحوار العسكري",
        "سيطر تنظيم داعش على مساحات واسعة من العراق وسوريا في عام 2014.\n\n"
        "وأكد مسؤول عراقي أن الرسالة وصلت إلى الوزارة اليوم.",
        [
            ("عام 2014", "2014", "year", "2014-01-01", "2014-12-31", "absolute"),
            ("اليوم", "2024-01-24", "day", "2024-01-24", "2024-01-24", "anchor"),
        ],
    ),
]


def article_id(url: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def build_rows(n_extra: int = 0) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Articles, mentions and events for the sample story (plus ``n_extra`` filler articles)."""
    articles: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    by_value: dict[str, list[dict[str, Any]]] = {}
    first_copy: dict[str, str] = {}
    specs = list(ARTICLES)
    for k in range(n_extra):
        specs.append((
            "aljisr.example", f"extra-{k}", dt.datetime(2024, 2, 1 + k % 27, 9, 0, tzinfo=BAGHDAD),
            f"متابعة رقم {k} لملف التحالف", "تواصل الحكومة مشاوراتها بشأن القوات الأجنبية.", [],
        ))
    for outlet, slug, published, title, body, exprs in specs:
        url = f"http://{outlet}/2024/{slug}/"
        aid = article_id(url)
        dup = first_copy.get(body)
        first_copy.setdefault(body, aid)
        articles.append({
            "article_id": aid, "url": url, "canonical_url": url, "outlet": outlet, "title": title,
            "published": published, "published_offset": "+03:00", "published_source": "json-ld",
            "published_grain": "minute", "modified": None, "authors": ["مراسل"], "lang": "ar", "body": body,
            "content_sha256": hashlib.sha256(body.encode()).hexdigest(), "fetched_at": FETCHED,
            "dup_of": dup, "keywords_matched": ["التحالف"],
        })
        text = title + "\n\n" + body
        sentences = split_sentences(text)
        for expr, value, grain, start, end, cue in exprs:
            pos = text.index(expr)
            sent = next(s for s in sentences if s.start <= pos < s.end)
            m = {
                "mention_id": f"{aid}:{pos}-{pos + len(expr)}", "article_id": aid,
                "sentence_index": sent.index, "sentence": sent.text, "expression": expr, "char_start": pos,
                "char_end": pos + len(expr), "value": value, "grain": grain,
                "date_start": dt.date.fromisoformat(start), "date_end": dt.date.fromisoformat(end),
                "anchor": published, "calendar": "gregorian", "cue": cue, "modality": "reported",
                "timezone": None, "range_id": None,
            }
            mentions.append(m)
            by_value.setdefault(value, []).append(m)
    arts = {a["article_id"]: a for a in articles}
    events: list[dict[str, Any]] = []
    for value, ms in sorted(by_value.items()):
        ms = sorted(ms, key=lambda m: (arts[m["article_id"]]["published"], m["mention_id"]))
        ids = sorted({m["article_id"] for m in ms})
        events.append({
            "event_id": "e-" + ms[0]["mention_id"], "value": value, "grain": ms[0]["grain"],
            "date_start": ms[0]["date_start"], "date_end": ms[0]["date_end"], "summary": ms[0]["sentence"],
            "n_mentions": len(ms), "n_sources": len({a for a in ids if arts[a]["dup_of"] is None}),
            "article_ids": ids, "mention_ids": sorted(m["mention_id"] for m in ms),
            "outlets": sorted({arts[a]["outlet"] for a in ids}),
            "first_reported": min(arts[a]["published"] for a in ids), "modality": "reported",
        })
    return articles, mentions, events


META = ReleaseMeta(story="talks", title="محادثات إنهاء مهمة التحالف", publish_body=True,
                   keywords=("التحالف", "العراق"), since=dt.date(2024, 1, 1))


@pytest.fixture
def rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    return build_rows()


@pytest.fixture
def meta() -> ReleaseMeta:
    return META


@pytest.fixture
def rows_factory() -> Callable[..., Any]:
    return build_rows
