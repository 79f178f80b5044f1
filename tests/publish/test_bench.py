"""The benchmark's pieces on a small table: valid synthetic rows, and sorting pays off in bytes read."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import pyarrow.compute as pc

from tarikh import schema
from tarikh.publish import write_parquet

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_publish", ROOT / "bench" / "bench_publish.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_sorted_release_reads_less_for_one_month(tmp_path: Path) -> None:
    bench = _bench()
    table = bench.synth_mentions(40_000)
    mspec = schema.load()["mentions"]
    assert schema.check_table(mspec, table.schema) == []
    months = [r for r in table.slice(0, 2000).to_pylist() if r["grain"] == "month"]
    assert months and all(r["date_start"].day == 1 and (r["date_end"] + dt.timedelta(days=1)).day == 1
                          for r in months)
    in_month = pc.and_(pc.greater_equal(table["date_start"], bench.MONTH[0]),
                       pc.less_equal(table["date_start"], bench.MONTH[1]))
    expected = pc.sum(pc.cast(in_month, "int64")).as_py()
    write_parquet(table, tmp_path / "sorted.parquet", mspec, row_group_rows=2048)
    write_parquet(table, tmp_path / "unsorted.parquet", mspec, row_group_rows=2048, sort=False)
    s = bench.measure_query(tmp_path / "sorted.parquet", runs=1)
    u = bench.measure_query(tmp_path / "unsorted.parquet", runs=1)
    assert s["rows_returned"] == u["rows_returned"] == expected > 0
    assert s["row_groups_scanned"] < u["row_groups_scanned"] == u["row_groups_total"]
    assert s["bytes_read"] * 4 < u["bytes_read"]
