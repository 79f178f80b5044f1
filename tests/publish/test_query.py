"""tarikh.query: views over a release, output formats, typed errors, Arabic search, the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tarikh import query, releases
from tarikh.publish import ReleaseMeta, write_release
from tarikh.publish_cli import (
    download_command,
    publish_command,
    query_command,
    releases_command,
    search_command,
)
from tarikh.text import fold


@pytest.fixture
def datasets(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> Path:
    write_release(meta, *rows, tmp_path / "datasets")
    return tmp_path / "datasets"


def test_views_and_formats(datasets: Path) -> None:
    sql = "select value, date_start, n_sources, outlets from events order by date_start"
    table = query.run(sql, None, datasets, "table")
    lines = table.splitlines()
    assert lines[0].split() == ["value", "date_start", "n_sources", "outlets"]
    assert lines[2].split()[:3] == ["2014", "2014-01-01", "1"]
    assert lines[-1] == "(4 rows)"
    rows = list(csv.DictReader(io.StringIO(query.run(sql, None, datasets, "csv"))))
    assert [r["value"] for r in rows] == ["2014", "2024-01-24", "2024-01-25", "2024-01-27"]
    assert json.loads(rows[1]["outlets"]) == ["aljisr.example", "wakala-wire.example"]
    data = json.loads(query.run("select first_reported, date_end from events order by date_start limit 1",
                                None, datasets, "json"))
    assert data == [{"first_reported": "2024-01-24T15:00:00Z", "date_end": "2014-12-31"}]
    joined = query.run("select count(*) as n from mentions join articles using (article_id)", None, datasets, "csv")
    assert joined == "n\n7\n"


def test_release_argument_forms(datasets: Path, tmp_path: Path, rows_factory: Any, meta: ReleaseMeta) -> None:
    write_release(meta, *rows_factory(n_extra=3), datasets)
    n = "select count(*) from articles"
    assert query.run(n, None, datasets, "csv") == "count_star()\n7\n"
    assert query.run(n, datasets / "talks", tmp_path, "csv") == "count_star()\n7\n"
    assert query.run(n, datasets / "talks" / "1.0.0", tmp_path, "csv") == "count_star()\n4\n"


def test_typed_errors(datasets: Path, tmp_path: Path) -> None:
    with pytest.raises(query.QueryError, match='SQL error: Binder Error: Referenced column "nope"'):
        query.run("select nope from events", None, datasets)
    with pytest.raises(releases.ReleaseNotFound, match="no release found under"):
        query.run("select 1", None, tmp_path / "empty")
    with pytest.raises(releases.ReleaseNotFound, match="neither a release folder"):
        query.run("select 1", tmp_path, tmp_path)
    with pytest.raises(query.QueryError, match="unknown format"):
        query.run("select 1", None, datasets, "xml")


def test_no_network_extensions(datasets: Path) -> None:
    con = query.open_release(None, datasets)
    settings_ = dict(con.execute("select name, value from duckdb_settings() where name like 'auto%extensions'")
                     .fetchall())
    assert settings_ == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}
    assert con.execute("select current_setting('TimeZone')").fetchone() == ("UTC",)


def test_search_folds_arabic(datasets: Path) -> None:
    def hits(q: str) -> list[dict[str, Any]]:
        return json.loads(query.search(q, None, datasets, "json"))

    # Text "من العراق وسوريا": query with a glued conjunction still finds it, and the reverse.
    assert {h["kind"] for h in hits("والعراق")} == {"article", "mention"}
    assert [h["value"] for h in hits("وسوريا") if h["kind"] == "mention"] == ["2014", "2014"]
    assert hits("سوريا") == hits("وسوريا")
    # Hamza and alef forms, taa marbuta and alef maqsura, diacritics.
    wed = hits("الاربعاء")
    assert [(h["kind"], h["value"]) for h in wed] == [("mention", "2024-01-24"), ("article", None)]
    assert hits("الأربعاء") == wed == hits("الأربِعاء")
    assert hits("رسميه") == hits("رسمية") != []
    assert hits("الاولي") == hits("الأولى") != []
    # Eastern digits in the text, ASCII in the query.
    assert [h["value"] for h in hits("27 كانون") if h["kind"] == "mention"] == ["2024-01-27"]
    # All words must match; quoted words are a phrase.
    assert [h["kind"] for h in hits("العراق بغداد")] == ["article", "article"]  # title + body, no sentence
    assert hits("العراق الخميس") == []
    assert hits('"اللجنة العسكرية العليا"') != [] and hits('"العليا العسكرية"') == []
    assert hits("ووزارة") == []  # the query side strips a glued prefix only before ال
    with pytest.raises(query.QueryError, match="empty search query"):
        query.search("  ...  ", None, datasets)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويأإآٱىةؤئء٠١٢٣٤٥٦٧٨٩۴۵ًٌٍَُِّْـ٠ۀ AZaz09.-،"
                                            "\u200c\u200f")), max_size=30))
def test_sql_fold_macro_agrees_with_text_fold(s: str) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(query.fold_macro_sql())
    assert con.execute("select ar_fold(?)", [s]).fetchone() == (fold(s),)


def test_cli_commands(datasets: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    for cmd in (publish_command, query_command, search_command, download_command, releases_command):
        out = runner.invoke(cmd, ["--help"])
        assert out.exit_code == 0 and "Example:" in out.output, cmd.name
    res = runner.invoke(query_command, ["select value from events order by date_start", "--datasets", str(datasets),
                                        "--format", "csv"])
    assert res.exit_code == 0 and res.output.splitlines() == ["value", "2014", "2024-01-24", "2024-01-25",
                                                              "2024-01-27"]
    res = runner.invoke(query_command, ["select nope", "--datasets", str(datasets)])
    assert res.exit_code == 1 and res.output.startswith("tarikh: error: SQL error:") and "Traceback" not in res.output
    res = runner.invoke(search_command, ["الخميس", "--datasets", str(datasets), "--format", "csv"])
    assert res.exit_code == 0 and "2024-01-25" in res.output
    res = runner.invoke(releases_command, ["--from", str(datasets)])
    assert res.exit_code == 0 and "1.0.0" in res.output and "yes" in res.output
    res = runner.invoke(query_command, ["select 1", "--datasets", str(tmp_path / "none")])
    assert res.exit_code == 1 and "no release found" in res.output


def test_card_example_queries_run(datasets: Path) -> None:
    from tarikh.card import EXAMPLE_QUERIES

    for _, sql in EXAMPLE_QUERIES:
        assert query.run(sql, None, datasets, "csv").count("\n") >= 2, sql  # header and at least one row
