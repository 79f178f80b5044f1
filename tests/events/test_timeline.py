"""tarikh.timeline and the `timeline` command over a real Parquet release built by tarikh.events."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tarikh.events import build
from tarikh.publish import ReleaseMeta, write_release
from tarikh.timeline import date_label, render_html, select_events
from tarikh.timeline_cli import timeline_command

from . import corpus as C

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real release: tarikh.events.build, then tarikh.publish.write_release (schema-checked)."""
    b = build(C.ALL)
    root = tmp_path_factory.mktemp("datasets")
    fetched = datetime(2024, 2, 1, tzinfo=UTC)
    articles = [
        {**a, "canonical_url": a["url"], "fetched_at": fetched, "dup_of": b.dup_of.get(a["article_id"])}
        for a in C.ALL
    ]
    return write_release(ReleaseMeta(story="demo", title="demo"), articles, b.mentions, b.events, root,
                         version="0.1.0")


class _Checker(HTMLParser):
    """Strict enough for our own output: every non-void element closed in order."""

    VOID = {"meta", "input", "br", "img", "link", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.resources: list[str] = []
        self.events: list[dict[str, str | None]] = []
        self.html_attrs: dict[str, str | None] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if tag in ("script", "img", "iframe", "link", "source", "video", "audio", "embed") and (
            a.get("src") or a.get("href")
        ):
            self.resources.append(f"{tag} {a}")
        if tag == "li" and "event" in (a.get("class") or ""):
            self.events.append(a)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()


def test_html_page_is_valid_rtl_and_self_contained(release: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    result = CliRunner().invoke(timeline_command, ["--release", str(release), "--html", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert checker.html_attrs == {"lang": "ar", "dir": "rtl"}
    assert checker.resources == []
    assert not re.search(r"@import|url\(|src\s*=", page)
    events = pq.read_table(release / "events.parquet").to_pylist()
    assert len(checker.events) == len(events)
    # every source article is a link
    assert {a["url"] for a in pq.read_table(release / "articles.parquet").to_pylist()
            if any(a["article_id"] in e["article_ids"] for e in events)} == set(checker.links)
    assert 'data-modality="reported"' in page and "min-sources" in page


def test_text_view_filters(release: Path) -> None:
    runner = CliRunner()
    everything = runner.invoke(timeline_command, ["--release", str(release)], env={"COLUMNS": "200"})
    assert everything.exit_code == 0, everything.output
    events = pq.read_table(release / "events.parquet").to_pylist()
    assert f"{len(events)} events" in everything.output
    multi = runner.invoke(timeline_command, ["--release", str(release), "--min-sources", "3"],
                          env={"COLUMNS": "200"})
    expected = [e for e in events if e["n_sources"] >= 3]
    assert expected and f"{len(expected)} events" in multi.output
    assert "2024-01-24" in multi.output


def test_story_and_latest_resolve(release: Path) -> None:
    datasets = release.parent.parent
    r = CliRunner().invoke(timeline_command, ["--datasets", str(datasets), "--story", "demo",
                                              "--since", "2024-01-25", "--until", "2024-01-25"],
                           env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert "2024-01-25" in r.output and "2024-01-24" not in r.output


def test_timelinejs_json(release: Path) -> None:
    r = CliRunner().invoke(timeline_command, ["--release", str(release), "--format", "timelinejs"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    events = pq.read_table(release / "events.parquet").to_pylist()
    assert len(doc["events"]) == len(events)
    day = [s for s in doc["events"] if s["start_date"] == {"year": "2024", "month": "1", "day": "24"}]
    assert day and all("end_date" not in s for s in day)
    year = [s for s in doc["events"] if s["start_date"] == {"year": "2014"}]
    assert all(s["end_date"] == {"year": "2014", "month": "12", "day": "31"} for s in year)


def test_missing_release_is_a_clear_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(timeline_command, ["--release", str(tmp_path / "nope")])
    assert r.exit_code == 1 and "nope" in r.output
    r2 = CliRunner().invoke(timeline_command, ["--datasets", str(tmp_path)])
    assert r2.exit_code == 1 and "no release found" in r2.output
    r3 = CliRunner().invoke(timeline_command, ["--release", str(tmp_path), "--since", "24/01/2024"])
    assert r3.exit_code == 2


def test_date_labels_keep_precision() -> None:
    from datetime import date

    assert date_label("2024-01-24", "day", date(2024, 1, 24), date(2024, 1, 24)).startswith("الأربعاء 24 ")
    month = date_label("2023-08", "month", date(2023, 8, 1), date(2023, 8, 31))
    assert "2023" in month and "31" not in month and "أغسطس" in month
    assert date_label("2014", "year", date(2014, 1, 1), date(2014, 12, 31)) == "2014"


def test_select_events_overlap_and_sources() -> None:
    from datetime import date

    evs = [
        {"event_id": "b", "date_start": date(2024, 1, 1), "date_end": date(2024, 1, 31), "n_sources": 2},
        {"event_id": "a", "date_start": date(2024, 1, 24), "date_end": date(2024, 1, 24), "n_sources": 1},
    ]
    assert [e["event_id"] for e in select_events(evs, since=date(2024, 1, 20))] == ["b", "a"]
    assert [e["event_id"] for e in select_events(evs, min_sources=2)] == ["b"]
    assert select_events(evs, until=date(2023, 12, 31)) == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (Debian package chromium)")
def test_chromium_renders_the_events(release: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    events = pq.read_table(release / "events.parquet").to_pylist()
    out.write_text(render_html(events, pq.read_table(release / "articles.parquet").to_pylist(), "demo"),
                   encoding="utf-8")
    chromium = shutil.which(str(CHROMIUM)) or str(CHROMIUM)
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", out.as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    checker = _Checker()
    checker.feed(dom)
    assert len(checker.events) == len(events)
    # the filter script ran: it marked the body and wrote the visible count
    assert 'data-filters="ready"' in dom
    m = re.search(r'<output id="shown">(\d+)</output>', dom)
    assert m and int(m.group(1)) == len(events)
    assert all("hidden" not in (e.get("class") or "") for e in checker.events)
    assert events[0]["summary"] in dom


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (Debian package chromium)")
def test_chromium_applies_filters_from_the_address(release: Path, tmp_path: Path) -> None:
    """The filters really hide events: open the page at #min=2&hide=background and count."""
    out = tmp_path / "f.html"
    events = pq.read_table(release / "events.parquet").to_pylist()
    out.write_text(render_html(events, pq.read_table(release / "articles.parquet").to_pylist(), "demo"),
                   encoding="utf-8")
    chromium = shutil.which(str(CHROMIUM)) or str(CHROMIUM)
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", out.as_uri() + "#min=2&hide=background"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    checker = _Checker()
    checker.feed(proc.stdout)
    want = {f"e-{e['event_id']}" for e in events if e["n_sources"] >= 2 and e["modality"] != "background"}
    visible = {e["id"] for e in checker.events if "hidden" not in (e.get("class") or "")}
    assert visible == want and 0 < len(want) < len(events)
    m = re.search(r'<output id="shown">(\d+)</output>', proc.stdout)
    assert m and int(m.group(1)) == len(want)
