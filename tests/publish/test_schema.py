"""schema/: the files load, Arrow and Frictionless views agree, docs cover every column, rows are checked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pytest

from tarikh import schema

ROOT = Path(__file__).resolve().parents[2]


def test_tables_load_with_required_columns() -> None:
    specs = schema.load()
    assert set(specs) == {"articles", "mentions", "events"}
    required = {
        "articles": {"article_id", "url", "canonical_url", "outlet", "title", "published", "modified", "body",
                     "lang", "content_sha256", "fetched_at", "dup_of", "published_source", "authors"},
        "mentions": {"mention_id", "article_id", "sentence_index", "sentence", "expression", "char_start",
                     "char_end", "value", "grain", "date_start", "date_end", "anchor", "modality", "calendar",
                     "cue"},
        "events": {"event_id", "value", "grain", "date_start", "date_end", "summary", "n_mentions", "n_sources",
                   "article_ids", "first_reported", "modality", "outlets"},
    }
    for name, cols in required.items():
        assert cols <= set(specs[name].column_names), cols - set(specs[name].column_names)


def test_time_types_are_utc_timestamps_and_dates() -> None:
    specs = schema.load()
    utc = pa.timestamp("us", tz="UTC")
    assert specs["articles"].column("published").arrow_type == utc
    assert specs["events"].column("first_reported").arrow_type == utc
    for table, col in [("mentions", "date_start"), ("mentions", "date_end"), ("events", "date_start")]:
        assert specs[table].column(col).arrow_type == pa.date32()


def test_arrow_and_frictionless_agree() -> None:
    kinds = {pa.string(): "string", pa.int32(): "integer", pa.float64(): "number", pa.date32(): "date",
             pa.timestamp("us", tz="UTC"): "datetime", pa.list_(pa.string()): "array"}
    for spec in schema.load().values():
        arrow = spec.arrow_schema()
        fields = spec.frictionless_schema()["fields"]
        assert [f.name for f in arrow] == [f["name"] for f in fields]
        for af, ff in zip(arrow, fields, strict=True):
            assert kinds[af.type] == ff["type"]
            assert (not af.nullable) == ff.get("constraints", {}).get("required", False)
        assert spec.frictionless_schema()["primaryKey"] == list(spec.primary_key)


def test_examples_convert_to_their_arrow_type() -> None:
    for spec in schema.load().values():
        row = {c.name: c.example for c in spec.columns}
        table = schema.table_from_rows(spec, [row])
        assert table.num_rows == 1
        assert schema.check_table(spec, table.schema) == []


def test_readme_documents_every_column() -> None:
    text = (ROOT / "schema" / "v1" / "README.md").read_text(encoding="utf-8")
    assert text == schema.render_markdown(), "schema/v1/README.md is stale: run python -m tarikh.schema"
    for spec in schema.load().values():
        assert f"## `{spec.name}`" in text
        for c in spec.columns:
            assert f"| `{c.name}` |" in text, f"{spec.name}.{c.name} undocumented"
    assert "1.0.0" in (ROOT / "schema" / "CHANGELOG.md").read_text(encoding="utf-8")


def test_missing_required_value_is_a_clear_error() -> None:
    spec = schema.load()["events"]
    with pytest.raises(schema.SchemaError, match=r"events row 0: column 'event_id' is required"):
        schema.table_from_rows(spec, [{"value": "2024"}])


def test_naive_timestamp_refused() -> None:
    spec = schema.load()["articles"]
    row = {c.name: c.example for c in spec.columns}
    row["published"] = dt.datetime(2024, 1, 24, 10, 0)
    with pytest.raises(schema.SchemaError, match="naive"):
        schema.table_from_rows(spec, [row])


def test_wrong_kind_refused() -> None:
    spec = schema.load()["mentions"]
    row = {c.name: c.example for c in spec.columns}
    row["char_start"] = "12"
    with pytest.raises(schema.SchemaError, match=r"char_start.*expected an integer"):
        schema.table_from_rows(spec, [row])
    row["char_start"] = 12
    row["date_start"] = "24/01/2024"
    with pytest.raises(schema.SchemaError, match="not an ISO 8601 date"):
        schema.table_from_rows(spec, [row])


def test_aware_datetimes_stored_as_utc_and_anchor_keeps_local_date() -> None:
    spec = schema.load()["mentions"]
    row = {c.name: c.example for c in spec.columns}
    baghdad = dt.timezone(dt.timedelta(hours=3))
    row["anchor"] = dt.datetime(2024, 1, 25, 1, 30, tzinfo=baghdad)  # 2024-01-24 in UTC
    assert schema.table_from_rows(spec, [row]).column("anchor")[0].as_py() == dt.date(2024, 1, 25)
    aspec = schema.load()["articles"]
    arow = {c.name: c.example for c in aspec.columns}
    arow["published"] = dt.datetime(2024, 1, 25, 1, 30, tzinfo=baghdad)
    got = schema.table_from_rows(aspec, [arow]).column("published")[0].as_py()
    assert got == dt.datetime(2024, 1, 24, 22, 30, tzinfo=dt.UTC)


def test_malformed_schema_file_refused(tmp_path: Path) -> None:
    src = ROOT / "schema" / "v1"
    bad = tmp_path / "v9"
    bad.mkdir()
    for name in schema.TABLES:
        (bad / f"{name}.json").write_text((src / f"{name}.json").read_text(encoding="utf-8"), encoding="utf-8")
    data = json.loads((bad / "events.json").read_text(encoding="utf-8"))
    data["columns"][0]["type"] = "uuid"
    (bad / "events.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(schema.SchemaError, match=r"events.json: column 0.*type must be one of"):
        schema.load("v9", tmp_path)


def test_check_table_reports_differences() -> None:
    spec = schema.load()["events"]
    other = spec.arrow_schema().set(3, pa.field("date_start", pa.string(), nullable=False))
    problems = schema.check_table(spec, other)
    assert problems == ["events.date_start: type string, schema says date32[day]"]
