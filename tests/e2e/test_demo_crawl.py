"""End to end: `tarikh crawl stories/demo.toml` over HTTP on loopback, then SQL on the release.

One real crawl (a subprocess running the Scrapy engine against the bundled demo web) feeds every
test in this module; the assertions read the published Parquet with DuckDB and compare it with the
demo's ground truth (each demo article says whether the story should keep it and which story facts
it reports).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from tarikh.demo import DemoWeb

ROOT = Path(__file__).resolve().parents[2]
STORY = "demo-us-iraq-coalition"


@dataclass
class Crawl:
    datasets: Path
    state: Path
    release: Path
    output: str
    con: duckdb.DuckDBPyConnection


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    base = tmp_path_factory.mktemp("e2e")
    datasets, state = base / "datasets", base / "state"
    proc = subprocess.run(
        [sys.executable, "-m", "tarikh.cli", "crawl", str(ROOT / "stories" / "demo.toml"),
         "--datasets", str(datasets), "--state", str(state)],
        capture_output=True, text=True, timeout=600, cwd=base,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    version = (datasets / STORY / "latest").read_text(encoding="utf-8").strip()
    release = datasets / STORY / version
    con = duckdb.connect()
    for table in ("articles", "mentions", "events"):
        con.execute(f"create view {table} as select * from read_parquet('{release / (table + '.parquet')}')")
    yield Crawl(datasets, state, release, proc.stdout, con)
    con.close()


@pytest.fixture(scope="module")
def truth() -> list:
    return DemoWeb(ROOT / "demo").articles


def _urls(crawl: Crawl) -> set[str]:
    return {r[0] for r in crawl.con.execute("select canonical_url from articles").fetchall()}


def test_summary_names_release_and_example_query(crawl: Crawl) -> None:
    assert "articles kept" in crawl.output
    assert str(crawl.release) in crawl.output.replace("\n", "")
    assert "select value, summary from events" in crawl.output


def test_every_relevant_article_is_kept_once(crawl: Crawl, truth: list) -> None:
    urls = _urls(crawl)
    relevant = {a.url for a in truth if a.relevant}
    assert relevant, "the demo has no relevant articles"
    missing = relevant - urls
    assert not missing, f"relevant demo articles not in the release: {sorted(missing)}"
    n_rows = crawl.con.execute("select count(*), count(distinct canonical_url) from articles").fetchone()
    assert n_rows is not None and n_rows[0] == n_rows[1]


def test_unrelated_articles_are_dropped(crawl: Crawl, truth: list) -> None:
    unrelated = {a.url for a in truth if not a.relevant}
    assert unrelated, "the demo has no unrelated articles"
    assert not (unrelated & _urls(crawl))


def test_only_articles_are_articles(crawl: Crawl, truth: list) -> None:
    """Home pages, sections, tags and their pagination are listings, never articles."""
    assert _urls(crawl) - {a.url for a in truth} == set()


def test_articles_carry_extracted_fields(crawl: Crawl) -> None:
    rows = crawl.con.execute(
        "select count(*) filter (where published is null), count(*) filter (where title is null or title = ''),"
        " count(*) filter (where body is null or length(body) < 200), count(distinct outlet) from articles"
    ).fetchone()
    assert rows == (0, 0, 0, 4), rows


def test_publication_times_match_the_demo(crawl: Crawl, truth: list) -> None:
    got = dict(crawl.con.execute("select canonical_url, published from articles").fetchall())
    for a in truth:
        if a.relevant:
            want = a.published if isinstance(a.published, datetime) else datetime.fromisoformat(a.published)
            assert got[a.url] is not None
            assert abs((got[a.url] - want).total_seconds()) < 60 or got[a.url].date() == want.date(), a.url


def test_known_events_have_the_right_dates(crawl: Crawl) -> None:
    values = {r[0] for r in crawl.con.execute("select value from events where grain = 'day'").fetchall()}
    for day in ("2024-01-24", "2024-01-25", "2024-01-27", "2024-01-28", "2024-02-02"):
        assert day in values, f"no event on {day}; events: {sorted(values)}"
    row = crawl.con.execute(
        "select n_sources from events where value = '2024-01-24' order by n_sources desc limit 1"
    ).fetchone()
    assert row is not None and row[0] >= 3


def test_numbers_are_not_dates(crawl: Crawl) -> None:
    bad = crawl.con.execute(
        "select expression, value from mentions where value in ('2500', '0150', '0085', '0900', '2334')"
    ).fetchall()
    assert bad == []


def test_mentions_point_into_their_articles(crawl: Crawl) -> None:
    rows = crawl.con.execute(
        "select m.expression, m.sentence, m.char_start, m.char_end, a.title, a.body from mentions m"
        " join articles a using (article_id) limit 200"
    ).fetchall()
    assert rows
    for expression, sentence, start, end, title, body in rows:
        text = f"{title}\n\n{body}"
        assert text[start:end] == expression
        assert expression in sentence


def test_warc_archive_holds_the_fetched_articles(crawl: Crawl, truth: list) -> None:
    warcs = sorted((crawl.state / STORY / "warc").glob("*.warc.gz"))
    assert warcs, "no WARC file"
    responses: set[str] = set()
    for path in warcs:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    responses.add(record.rec_headers.get_header("WARC-Target-URI"))
    relevant = {a.url for a in truth if a.relevant}
    assert relevant <= responses


def test_query_command_reads_the_latest_release(crawl: Crawl) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tarikh.cli", "query", "select count(*) as n from events",
         "--datasets", str(crawl.datasets), "--format", "json"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    n = json.loads(proc.stdout)[0]["n"]
    assert n == crawl.con.execute("select count(*) from events").fetchone()[0]  # type: ignore[index]


def test_recrawl_of_the_unchanged_demo_is_cheap_and_changes_nothing(crawl: Crawl) -> None:
    """Runs last in this module: a second crawl of the unchanged demo into the same folders."""
    proc = subprocess.run(
        [sys.executable, "-m", "tarikh.cli", "crawl", str(ROOT / "stories" / "demo.toml"),
         "--datasets", str(crawl.datasets), "--state", str(crawl.state)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    reports = sorted((crawl.state / STORY / "reports").glob("*.json"))
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in reports)
    assert second["counters"]["tarikh/network_bytes"] <= 0.10 * first["counters"]["tarikh/network_bytes"]
    assert second["counters"].get("tarikh/network_status/304", 0) > 0
    new_version = (crawl.datasets / STORY / "latest").read_text(encoding="utf-8").strip()
    new_release = crawl.datasets / STORY / new_version
    assert new_release != crawl.release
    for table in ("articles", "mentions", "events"):
        old = json.loads((crawl.release / "manifest.json").read_text(encoding="utf-8"))
        new = json.loads((new_release / "manifest.json").read_text(encoding="utf-8"))
        sha = {m: {f["path"]: f["sha256"] for f in m_["files"]} for m, m_ in (("old", old), ("new", new))}
        assert sha["old"][f"{table}.parquet"] == sha["new"][f"{table}.parquet"], table
