"""Story files: the user's contract, validated before any request."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tarikh.story import StoryError, load_story, parse_story

ROOT = Path(__file__).resolve().parents[1]

GOOD = {
    "name": "my-story",
    "title": "قصة",
    "start_urls": ["https://news.example/sitemap.xml", "https://other.example/feed/"],
    "keywords": ["التحالف الدولي"],
}


def test_bundled_stories_load() -> None:
    demo = load_story(ROOT / "stories" / "demo.toml")
    assert demo.name == "demo-us-iraq-coalition"
    assert demo.demo_site == (ROOT / "demo").resolve()
    assert demo.publish_body is True
    live = load_story(ROOT / "stories" / "us-iraq-coalition.toml")
    assert live.publish_body is False and live.demo_site is None
    assert live.since == date(2023, 10, 1)


def test_allowed_domains_default_to_start_url_hosts() -> None:
    story = parse_story(dict(GOOD))
    assert story.allowed_domains == ("news.example", "other.example")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"nmae": "x"}, ["unknown key 'nmae'", "allowed keys"]),
        ({"name": "My Story"}, ["'name'", "[a-z0-9-]+"]),
        ({"start_urls": ["ftp://x.example/"]}, ["'start_urls'", "http(s)"]),
        ({"start_urls": []}, ["'start_urls'"]),
        ({"keywords": "التحالف"}, ["'keywords'", "list"]),
        ({"since": "yesterday"}, ["'since'", "2024-01-01"]),
        ({"since": "2024-02-01", "until": "2024-01-01"}, ["'since'", "after 'until'"]),
        ({"publish_body": "yes"}, ["'publish_body'", "true or false"]),
        ({"max_pages": 0}, ["'max_pages'", "positive integer"]),
    ],
)
def test_bad_values_name_the_file_and_key(change: dict[str, object], words: list[str]) -> None:
    data = {**GOOD, **change}
    with pytest.raises(StoryError) as err:
        parse_story(data, Path("/tmp/s.toml"))
    message = str(err.value)
    assert message.startswith("/tmp/s.toml:")
    for w in words:
        assert w in message


def test_missing_key_and_bad_toml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\ntitle = \n', encoding="utf-8")
    with pytest.raises(StoryError, match="not valid TOML"):
        load_story(bad)
    partial = tmp_path / "partial.toml"
    partial.write_text('name = "x"\ntitle = "t"\nkeywords = ["a"]\n', encoding="utf-8")
    with pytest.raises(StoryError, match="missing required key 'start_urls'"):
        load_story(partial)
    with pytest.raises(StoryError, match="cannot read"):
        load_story(tmp_path / "nope.toml")


def test_relevance_uses_arabic_normalization() -> None:
    story = parse_story({**GOOD, "keywords": ["التحالف الدولي", "القوات الأمريكية"], "require": ["العراق"]})
    ok, matched, _ = story.relevance("قالت وزارة الخارجية إن مهمة التَّحالُف الدوليّ في والعراق ستنتهي")
    assert ok and matched == ["التحالف الدولي"]
    ok, matched, _ = story.relevance("وبالقوات الامريكية المنتشرة للعراق")
    assert ok and matched == ["القوات الأمريكية"]
    ok, _, reason = story.relevance("تحالف انتخابي جديد في العراق")
    assert not ok and reason == "no-keyword"
    ok, _, reason = story.relevance("التحالف الدولي في اليمن")
    assert not ok and reason == "missing-required"


def test_window() -> None:
    story = parse_story({**GOOD, "since": "2024-01-01", "until": "2024-12-31"})
    assert story.in_window(date(2024, 5, 1))
    assert not story.in_window(date(2023, 12, 31))
    assert not story.in_window(date(2025, 1, 1))
    assert story.in_window(None)


def test_url_patterns() -> None:
    story = parse_story({**GOOD, "url_patterns": [r"/arabic/", r"\?p=\d+$"]})
    assert story.wants_url("https://news.example/arabic/articles/1")
    assert story.wants_url("https://news.example/?p=12")
    assert not story.wants_url("https://news.example/english/1")
    assert parse_story(dict(GOOD)).wants_url("https://anything.example/")
    with pytest.raises(StoryError, match="'url_patterns'.*regular expressions"):
        parse_story({**GOOD, "url_patterns": ["("]})


def test_live_story_allows_the_hosts_of_its_start_urls() -> None:
    from urllib.parse import urlsplit

    story = load_story(ROOT / "stories" / "us-iraq-coalition.toml")
    for url in story.start_urls:
        host = urlsplit(url).hostname or ""
        assert any(host == d or host.endswith("." + d) for d in story.allowed_domains), url


def test_a_start_url_outside_allowed_domains_is_refused() -> None:
    with pytest.raises(StoryError, match="'allowed_domains'.*other.example/feed/ would never be fetched"):
        parse_story({**GOOD, "allowed_domains": ["news.example"]})
