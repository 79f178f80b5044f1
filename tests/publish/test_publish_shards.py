"""publish(): crawl shards -> newest kept fetch per canonical URL -> tarikh.events.build -> release."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from tarikh import events, schema
from tarikh.publish import NothingToPublish, publish
from tarikh.publish_cli import publish_command
from tarikh.story import Story

SHARD_TYPES = {
    "authors": pa.list_(pa.string()), "keywords_matched": pa.list_(pa.string()),
    "published": pa.timestamp("us", tz="UTC"), "modified": pa.timestamp("us", tz="UTC"),
    "fetched_at": pa.timestamp("us", tz="UTC"), "http_status": pa.int32(), "kept": pa.bool_(),
}
SHARD_COLUMNS = ["article_id", "url", "canonical_url", "outlet", "title", "body", "authors", "lang", "published",
                 "published_offset", "published_source", "published_raw", "published_grain", "modified",
                 "modified_source", "fetched_at", "http_status", "content_sha256", "encoding", "keywords_matched",
                 "kept", "drop_reason", "etag", "last_modified", "hints"]


def _shard(path: Path, rows: list[dict[str, Any]]) -> None:
    cols = {c: pa.array([r.get(c) for r in rows], SHARD_TYPES.get(c, pa.string())) for c in SHARD_COLUMNS}
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(cols), path)


def _as_shard_row(a: dict[str, Any], **changes: Any) -> dict[str, Any]:
    row = {k: v for k, v in a.items() if k != "dup_of"}
    row.update(http_status=200, kept=True, drop_reason=None, hints="{}", published_raw="x", encoding="utf-8")
    row.update(changes)
    return row


def _story(publish_body: bool) -> Story:
    return Story(name="talks", title="محادثات إنهاء مهمة التحالف", start_urls=("http://aljisr.example/",),
                 allowed_domains=("aljisr.example",), keywords=("التحالف",), publish_body=publish_body)


def test_publish_from_shards(tmp_path: Path, rows: Any) -> None:
    articles, _, _ = rows
    state = tmp_path / "state"
    old_fetch = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    first = [_as_shard_row(a, fetched_at=old_fetch, title="عنوان قديم") for a in articles]
    dropped = _as_shard_row(articles[0], url="http://aljisr.example/sport/", canonical_url="http://aljisr.example/sport/",
                            article_id="00000000000000aa", kept=False, drop_reason="no-keyword", title="مباراة")
    second = [_as_shard_row(a, outlet=None if i == 1 else a["outlet"]) for i, a in enumerate(articles)]
    _shard(state / "talks" / "articles" / "run-0001.parquet", [*first, dropped])
    _shard(state / "talks" / "articles" / "run-0002.parquet", second)

    rel = publish(_story(False), state, tmp_path / "datasets", crawl_report={"kept": 4})
    assert rel == tmp_path / "datasets" / "talks" / "1.0.0"
    got = {a["article_id"]: a for a in pq.read_table(rel / "articles.parquet").to_pylist()}
    assert set(got) == {a["article_id"] for a in articles}  # the dropped page is not published
    assert all(a["title"] != "عنوان قديم" for a in got.values())  # newest fetch per canonical URL
    assert all(a["body"] is None for a in got.values())  # the story does not allow bodies
    assert got[articles[1]["article_id"]]["outlet"] == "wadi-press.example"  # missing outlet -> host
    built = events.build([_as_shard_row(a) for a in articles])
    assert {k: v["dup_of"] for k, v in got.items() if v["dup_of"]} == built.dup_of
    for name, spec in schema.load().items():
        assert schema.check_table(spec, pq.read_schema(rel / f"{name}.parquet")) == []
    assert pq.read_metadata(rel / "mentions.parquet").num_rows == len(built.mentions)
    assert pq.read_metadata(rel / "events.parquet").num_rows == len(built.events)
    assert json.loads((rel / "crawl-report.json").read_text()) == {"kept": 4}


def test_publish_cli_and_empty_state(tmp_path: Path, rows: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(NothingToPublish, match="no crawl shards"):
        publish(_story(True), tmp_path / "state", tmp_path / "datasets")
    _shard(tmp_path / "state" / "talks" / "articles" / "r.parquet",
           [_as_shard_row(a, kept=False, drop_reason="off-topic") for a in rows[0]])
    with pytest.raises(NothingToPublish, match="no kept articles"):
        publish(_story(True), tmp_path / "state", tmp_path / "datasets")
    _shard(tmp_path / "state" / "talks" / "articles" / "s.parquet", [_as_shard_row(a) for a in rows[0]])
    (tmp_path / "stories").mkdir()
    story_file = tmp_path / "stories" / "coalition-talks.toml"
    story_file.write_text('name = "talks"\ntitle = "محادثات"\nstart_urls = ["http://aljisr.example/"]\n'
                          'keywords = ["التحالف"]\npublish_body = true\n', encoding="utf-8")
    args = ["--story", str(story_file), "--state", str(tmp_path / "state"), "--datasets", str(tmp_path / "d")]
    res = CliRunner().invoke(publish_command, [*args, "--version", "0.3.0"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "d" / "talks" / "0.3.0" / "manifest.json").is_file()
    res = CliRunner().invoke(publish_command, [*args, "--version", "0.3.0"])
    assert res.exit_code == 1 and "already exists" in res.output
    # By dataset name (the file is named differently), and with no --story at all.
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(publish_command, ["--story", "talks", "--state", "state", "--datasets", "d"])
    assert res.exit_code == 0 and "talks/0.3.1" in res.output, res.output
    res = CliRunner().invoke(publish_command, ["--state", "state", "--datasets", "d"])
    assert res.exit_code == 0 and "talks/0.3.2" in res.output, res.output
    res = CliRunner().invoke(publish_command, ["--story", "nope", "--state", "state", "--datasets", "d"])
    assert res.exit_code == 1 and "no story named 'nope'" in res.output
