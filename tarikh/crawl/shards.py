"""Crawl shards: append-only article records under ``state/<story>/articles/``.

A crawl appends one JSON line per fetched article page to ``<run>.jsonl`` as it goes (flushed after
every record, so a killed crawl loses at most the record being written), and at a clean close
converts it to ``<run>.parquet`` atomically. Readers take both, so the records of a killed crawl are
never lost; a torn last line is skipped with a warning.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

log = logging.getLogger(__name__)

TS = pa.timestamp("us", tz="UTC")

SHARD_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("body", pa.string()),
        ("authors", pa.list_(pa.string())),
        ("lang", pa.string()),
        ("published", TS),
        ("published_offset", pa.string()),
        ("published_source", pa.string()),
        ("published_raw", pa.string()),
        ("published_grain", pa.string()),
        ("modified", TS),
        ("modified_source", pa.string()),
        ("fetched_at", TS),
        ("http_status", pa.int32()),
        ("content_sha256", pa.string()),
        ("encoding", pa.string()),
        ("keywords_matched", pa.list_(pa.string())),
        ("similarity", pa.float64()),
        ("kept", pa.bool_()),
        ("drop_reason", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("hints", pa.string()),
    ]
)

_TIMESTAMPS = {f.name for f in SHARD_SCHEMA if pa.types.is_timestamp(f.type)}


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _decode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in SHARD_SCHEMA:
        v = row.get(f.name)
        if f.name in _TIMESTAMPS and isinstance(v, str):
            dt = datetime.fromisoformat(v)
            v = (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(UTC)
        out[f.name] = v
    return out


class ShardWriter:
    """Appends records of one crawl run; ``close()`` seals them into Parquet."""

    def __init__(self, folder: Path, run_id: str) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.jsonl = folder / f"{run_id}.jsonl"
        self.parquet = folder / f"{run_id}.parquet"
        self._fh: IO[str] | None = self.jsonl.open("a", encoding="utf-8")
        self.count = 0

    def write(self, record: Mapping[str, Any]) -> None:
        unknown = set(record) - set(SHARD_SCHEMA.names)
        if unknown:
            raise ValueError(f"unknown shard columns: {sorted(unknown)}")
        assert self._fh is not None, "writer is closed"
        self._fh.write(json.dumps({k: _encode(v) for k, v in record.items()}, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.count += 1

    def close(self) -> Path | None:
        """Seal the run into Parquet (atomically) and remove the JSONL; None when nothing was written."""
        if self._fh is None:
            return self.parquet if self.parquet.exists() else None
        self._fh.close()
        self._fh = None
        rows = list(_read_jsonl(self.jsonl))
        if not rows:
            self.jsonl.unlink(missing_ok=True)
            return None
        table = pa.Table.from_pylist(rows, schema=SHARD_SCHEMA)
        tmp = self.parquet.with_suffix(".parquet.tmp")
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, self.parquet)
        self.jsonl.unlink()
        return self.parquet


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield _decode_row(json.loads(line))
            except (json.JSONDecodeError, ValueError) as exc:
                log.warning("%s:%d: skipping a torn or bad record (%s)", path, n, exc)


def shard_folder(state_dir: Path, story_name: str) -> Path:
    return Path(state_dir) / story_name / "articles"


def read_shard(path: Path) -> list[dict[str, Any]]:
    """The records of one shard file: sealed Parquet, or the JSONL of a killed or running crawl."""
    path = Path(path)
    if path.suffix == ".jsonl":
        try:
            return list(_read_jsonl(path))
        except FileNotFoundError:
            # Sealed meanwhile by its (still closing) crawl: the same records are in the Parquet.
            sealed = path.with_suffix(".parquet")
            if not sealed.exists():
                raise
            path = sealed
    table = pq.read_table(path)
    # Shards written before a column was added read with that column empty.
    for field in SHARD_SCHEMA:
        if field.name not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, field.type))
    return table.select(SHARD_SCHEMA.names).cast(SHARD_SCHEMA).to_pylist()


def read_shards(state_dir: Path, story_name: str) -> list[dict[str, Any]]:
    """Every record of every run of a story, sealed (Parquet) or not (JSONL of a killed crawl), in file order."""
    folder = shard_folder(state_dir, story_name)
    if not folder.is_dir():
        return []
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".parquet", ".jsonl"):
            rows.extend(read_shard(path))
    return rows


def newest_per_article(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The most recently fetched record for each article id, sorted by article id."""
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = row["article_id"]
        prev = best.get(key)
        if prev is None or (row["fetched_at"] or datetime.min.replace(tzinfo=UTC)) >= (
            prev["fetched_at"] or datetime.min.replace(tzinfo=UTC)
        ):
            best[key] = row
    return [best[k] for k in sorted(best)]


def seal_interrupted(state_dir: Path, story_name: str) -> list[dict[str, Any]]:
    """Seal the JSONL shards an interrupted (killed) crawl left behind, returning their records.

    The records are kept (sealed into Parquet next to the JSONL), and the caller uses them to skip
    those pages when the crawl resumes.
    """
    folder = shard_folder(state_dir, story_name)
    if not folder.is_dir():
        return []
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        found = list(_read_jsonl(path))
        rows.extend(found)
        if found:
            table = pa.Table.from_pylist(found, schema=SHARD_SCHEMA)
            tmp = path.with_suffix(".parquet.tmp")
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, path.with_suffix(".parquet"))
        path.unlink()
    return rows
