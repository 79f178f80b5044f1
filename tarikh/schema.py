"""The published table schemas, loaded from ``schema/<version>/*.json``.

Why data files: the schema is the contract with every user of a release. Keeping it as data
(name, Arrow type, nullability, description, example for each column) lets one source produce
the Parquet schema, the Frictionless ``datapackage.json``, the dataset card and ``schema/v1/README.md``,
and lets a test check that they never drift apart.

Rows produced by other stages are plain dicts; :func:`table_from_rows` turns them into an Arrow
table of exactly the published schema, with clear :class:`SchemaError` messages (table, row,
column, what was expected) instead of an Arrow traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

SCHEMA_ROOT = Path(__file__).resolve().parent.parent / "schema"
CURRENT = "v1"
TABLES = ("articles", "mentions", "events")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "date32": pa.date32(),
    "timestamp[us, UTC]": pa.timestamp("us", tz="UTC"),
    "list<string>": pa.list_(pa.string()),
}

# Frictionless (Table Schema) field types for each Arrow type.
_FRICTIONLESS_TYPES = {
    "string": "string",
    "int32": "integer",
    "int64": "integer",
    "float64": "number",
    "bool": "boolean",
    "date32": "date",
    "timestamp[us, UTC]": "datetime",
    "list<string>": "array",
}

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class SchemaError(ValueError):
    """A schema file is malformed, or rows/tables do not match the published schema."""


@dataclass(frozen=True)
class Column:
    """One published column: the single source for Parquet type, Frictionless field and docs."""

    name: str
    type: str
    nullable: bool
    description: str
    example: Any

    @property
    def arrow_type(self) -> pa.DataType:
        return _ARROW_TYPES[self.type]

    def arrow_field(self) -> pa.Field:
        return pa.field(self.name, self.arrow_type, nullable=self.nullable)

    def frictionless_field(self) -> dict[str, Any]:
        field: dict[str, Any] = {
            "name": self.name,
            "type": _FRICTIONLESS_TYPES[self.type],
            "description": self.description,
            "example": self.example,
        }
        if not self.nullable:
            field["constraints"] = {"required": True}
        return field


@dataclass(frozen=True)
class TableSpec:
    """A published table: its columns, sort order and primary key."""

    name: str
    schema_version: str
    description: str
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def arrow_schema(self) -> pa.Schema:
        """The exact Arrow schema of the Parquet file (metadata names the table and schema version)."""
        return pa.schema(
            [c.arrow_field() for c in self.columns],
            metadata={"tarikh.table": self.name, "tarikh.schema_version": self.schema_version},
        )

    def frictionless_schema(self) -> dict[str, Any]:
        return {
            "fields": [c.frictionless_field() for c in self.columns],
            "primaryKey": list(self.primary_key),
        }


def _parse_table(data: Any, source: Path) -> TableSpec:
    if not isinstance(data, dict):
        raise SchemaError(f"{source}: expected a JSON object")
    try:
        name = data["name"]
        version = data["schema_version"]
        cols_raw = data["columns"]
    except KeyError as exc:
        raise SchemaError(f"{source}: missing key {exc.args[0]!r}") from None
    columns: list[Column] = []
    seen: set[str] = set()
    for i, raw in enumerate(cols_raw):
        where = f"{source}: column {i}"
        if not isinstance(raw, dict):
            raise SchemaError(f"{where}: expected an object")
        unknown = set(raw) - {"name", "type", "nullable", "description", "example"}
        if unknown:
            raise SchemaError(f"{where}: unknown keys {sorted(unknown)}")
        cname = raw.get("name")
        if not isinstance(cname, str) or not _NAME.match(cname):
            raise SchemaError(f"{where}: name must match {_NAME.pattern}, got {cname!r}")
        if cname in seen:
            raise SchemaError(f"{where}: duplicate column {cname!r}")
        seen.add(cname)
        ctype = raw.get("type")
        if ctype not in _ARROW_TYPES:
            raise SchemaError(f"{where} ({cname}): type must be one of {sorted(_ARROW_TYPES)}, got {ctype!r}")
        if not isinstance(raw.get("nullable"), bool):
            raise SchemaError(f"{where} ({cname}): nullable must be true or false")
        if not isinstance(raw.get("description"), str) or not raw["description"].strip():
            raise SchemaError(f"{where} ({cname}): a description is required")
        if "example" not in raw:
            raise SchemaError(f"{where} ({cname}): an example is required")
        columns.append(Column(cname, ctype, raw["nullable"], raw["description"], raw["example"]))
    spec = TableSpec(
        name=name,
        schema_version=version,
        description=data.get("description", ""),
        primary_key=tuple(data.get("primary_key", [])),
        sort_by=tuple(data.get("sort_by", [])),
        columns=tuple(columns),
    )
    for key in (*spec.primary_key, *spec.sort_by):
        if key not in seen:
            raise SchemaError(f"{source}: primary_key/sort_by names unknown column {key!r}")
    return spec


@cache
def load(version: str = CURRENT, root: Path = SCHEMA_ROOT) -> dict[str, TableSpec]:
    """Load ``schema/<version>/{articles,mentions,events}.json``; all must share one schema_version."""
    folder = root / version
    specs: dict[str, TableSpec] = {}
    for table in TABLES:
        path = folder / f"{table}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"schema file not found: {path}") from None
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{path}: invalid JSON: {exc}") from None
        spec = _parse_table(data, path)
        if spec.name != table:
            raise SchemaError(f"{path}: name is {spec.name!r}, expected {table!r}")
        specs[table] = spec
    versions = {s.schema_version for s in specs.values()}
    if len(versions) != 1:
        raise SchemaError(f"{folder}: tables disagree on schema_version: {sorted(versions)}")
    return specs


def schema_version(version: str = CURRENT) -> str:
    return next(iter(load(version).values())).schema_version


# ---------------------------------------------------------------------------------------------
# Rows -> Arrow, with typed errors


def _to_utc(value: Any) -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise TypeError(f"not an ISO 8601 timestamp: {value!r}") from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise TypeError(f"timestamp must be timezone-aware, got naive {value.isoformat()}")
        return value.astimezone(dt.UTC)
    raise TypeError(f"expected an aware datetime, got {type(value).__name__}")


def _to_date(value: Any) -> dt.date:
    # An aware datetime gives its own local calendar date (the anchor is the publication time
    # on the outlet's calendar); dates are never stored as midnight instants.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise TypeError(f"not an ISO 8601 date: {value!r}") from None
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _to_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _to_str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _to_str_list(value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise TypeError(f"expected a list of strings, got {type(value).__name__}")
    return [_to_str(v) for v in value]


def _to_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true/false, got {type(value).__name__}")
    return value


def _to_float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


_COERCE = {
    "string": _to_str,
    "int32": _to_int,
    "int64": _to_int,
    "float64": _to_float,
    "bool": _to_bool,
    "date32": _to_date,
    "timestamp[us, UTC]": _to_utc,
    "list<string>": _to_str_list,
}


def table_from_rows(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Build an Arrow table of exactly ``spec``'s schema from dict rows.

    Missing nullable columns become null; a missing or null non-nullable column, or a value of
    the wrong kind, raises :class:`SchemaError` naming the table, row and column. Keys that are
    not in the schema are not published (add them to ``schema/`` first).
    """
    names = spec.column_names
    data: dict[str, list[Any]] = {n: [] for n in names}
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise SchemaError(f"{spec.name} row {i}: expected a mapping, got {type(row).__name__}")
        for col in spec.columns:
            value = row.get(col.name)
            if value is None:
                if not col.nullable:
                    raise SchemaError(f"{spec.name} row {i}: column {col.name!r} is required")
                data[col.name].append(None)
                continue
            try:
                data[col.name].append(_COERCE[col.type](value))
            except TypeError as exc:
                raise SchemaError(f"{spec.name} row {i}: column {col.name!r} ({col.type}): {exc}") from None
    try:
        arrays = [pa.array(data[c.name], type=c.arrow_type) for c in spec.columns]
    except (pa.ArrowInvalid, OverflowError) as exc:
        raise SchemaError(f"{spec.name}: {exc}") from None
    return pa.Table.from_arrays(arrays, schema=spec.arrow_schema())


def check_table(spec: TableSpec, schema: pa.Schema) -> list[str]:
    """Differences between an Arrow schema (e.g. read back from Parquet) and the published one."""
    problems: list[str] = []
    got = {f.name: f for f in schema}
    for col in spec.columns:
        f = got.get(col.name)
        if f is None:
            problems.append(f"{spec.name}: missing column {col.name}")
            continue
        if not f.type.equals(col.arrow_type):
            problems.append(f"{spec.name}.{col.name}: type {f.type}, schema says {col.arrow_type}")
        if f.nullable != col.nullable:
            problems.append(f"{spec.name}.{col.name}: nullable {f.nullable}, schema says {col.nullable}")
    extra = [n for n in got if n not in set(spec.column_names)]
    if extra:
        problems.append(f"{spec.name}: columns not in schema: {extra}")
    if [f.name for f in schema if f.name in set(spec.column_names)] != spec.column_names:
        problems.append(f"{spec.name}: column order differs from schema")
    return problems


# ---------------------------------------------------------------------------------------------
# Documentation


README_INTRO = """# Release schema {version}

Generated from the JSON files in this folder by `python -m tarikh.schema` (a test checks that this
file and the JSON agree). Each release's `datapackage.json` (Frictionless) and dataset card are
generated from the same files.

A release is a folder `DIR/<story>/<version>/` with three Parquet tables, sorted by date
(zstd, statistics and page index on). Timestamps are UTC instants (`timestamp[us, UTC]`); dates
without a time are calendar `date32` values with a grain, never midnight instants. Ids are stable
across releases: `article_id` from the canonical URL, `mention_id` from the article and the
expression's span, `event_id` from the event's earliest mention.

Type mapping: `string` = Parquet UTF8 / DuckDB VARCHAR; `int32` = INTEGER; `date32` = DATE;
`timestamp[us, UTC]` = TIMESTAMP WITH TIME ZONE; `list<string>` = VARCHAR[].
"""


def render_markdown(version: str = CURRENT, root: Path = SCHEMA_ROOT) -> str:
    """The schema README: every table and column with type, nullability, description and example."""
    specs = load(version, root)
    out = [README_INTRO.format(version=next(iter(specs.values())).schema_version)]
    for spec in specs.values():
        out += [f"## `{spec.name}`", "", spec.description, "",
                f"Primary key: {', '.join(spec.primary_key)}. Sorted by: {', '.join(spec.sort_by)}.", "",
                "| column | type | nullable | description | example |", "|---|---|---|---|---|"]
        for c in spec.columns:
            example = json.dumps(c.example, ensure_ascii=False).replace("|", "\\|")
            desc = c.description.replace("|", "\\|")
            out.append(f"| `{c.name}` | {c.type} | {'yes' if c.nullable else 'no'} | {desc} | `{example}` |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # regenerate schema/<version>/README.md
    _target = SCHEMA_ROOT / CURRENT / "README.md"
    _target.write_text(render_markdown(), encoding="utf-8")
    print(f"wrote {_target}")
