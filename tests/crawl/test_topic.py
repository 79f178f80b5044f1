"""Seed-article topic similarity: pure functions, then a real crawl that keeps an on-topic article
with none of the story's keywords."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tarikh.crawl.shards import read_shards
from tarikh.crawl.topic import Topic, content_terms
from tests.crawl.site import Page, Site

SEED = (
    "بغداد تطلب جدولا لانسحاب المستشارين العسكريين الأجانب من العراق. قالت الحكومة إن المحادثات مع"
    " واشنطن بشأن انسحاب المستشارين العسكريين الأجانب من القواعد ستبدأ قريبا، وإن لجنة مشتركة ستحدد"
    " مراحل الانسحاب من القواعد العسكرية."
)
ON_TOPIC = (
    "لجنة مشتركة تبحث مراحل خروج المستشارين العسكريين الأجانب من القواعد. ناقش مسؤولون عراقيون"
    " وأمريكيون مراحل انسحاب المستشارين العسكريين الأجانب من القواعد العسكرية في العراق."
)
OFF_TOPIC = (
    "منتخب العراق يفوز في مباراة ودية. فاز منتخب العراق لكرة القدم على ضيفه بهدفين نظيفين في مباراة"
    " ودية أقيمت في ملعب البصرة وسط حضور جماهيري كبير."
)


def test_content_terms_fold_and_drop_function_words() -> None:
    terms = content_terms("وقال إن المحادثات والمحادثات في بغداد")
    assert terms["محادثات"] == 2
    assert "في" not in terms and "قال" not in terms


def test_similarity_orders_on_and_off_topic() -> None:
    topic = Topic.from_texts([SEED])
    assert topic.similarity(SEED) > 0.9
    assert topic.similarity(ON_TOPIC) > 0.3 > topic.similarity(OFF_TOPIC)
    assert Topic.from_texts([]).similarity(ON_TOPIC) == 0.0


def _page(title: str, text: str) -> str:
    return (f'<html lang="ar"><head><meta charset="utf-8"><title>{title}</title>'
            '<meta property="article:published_time" content="2024-01-26T10:00:00+03:00"></head>'
            f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>")


def test_crawl_keeps_on_topic_article_without_keywords(tmp_path: Path) -> None:
    pages = {
        "/seed": Page(_page("بغداد تطلب جدولا للانسحاب", SEED)),
        "/on": Page(_page("لجنة مشتركة تبحث مراحل الخروج", ON_TOPIC)),
        "/off": Page(_page("منتخب العراق يفوز", OFF_TOPIC)),
        "/robots.txt": Page("User-agent: *\n", headers={"Content-Type": "text/plain"}),
    }
    with Site(pages) as site:
        pages["/list"] = Page(f'<html><body><a href="{site.base}/on">1</a><a href="{site.base}/off">2</a>'
                              "</body></html>")
        story = tmp_path / "story.toml"
        story.write_text(
            f'name = "topic"\ntitle = "t"\nstart_urls = ["{site.base}/list"]\n'
            f'seed_urls = ["{site.base}/seed"]\nmin_similarity = 0.3\n'
            'keywords = ["التحالف الدولي"]\nrequire = ["العراق"]\n', encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--no-publish",
                               "--state", str(tmp_path / "state")], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert site.requested("/seed") == 1
    rows = {r["url"].rsplit("/", 1)[1]: r for r in read_shards(tmp_path / "state", "topic")}
    assert rows["on"]["kept"] and rows["on"]["keywords_matched"] == []
    assert rows["on"]["similarity"] >= 0.3
    assert not rows["off"]["kept"] and rows["off"]["similarity"] < 0.3
    assert rows["seed"]["similarity"] > 0.9
    report = json.loads(next((tmp_path / "state" / "topic" / "reports").glob("*.json")).read_text())
    assert report["counters"]["tarikh/topic_seeds"] == 1
