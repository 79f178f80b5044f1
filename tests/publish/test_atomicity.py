"""A publish that fails or dies part way leaves the previous release, latest and index untouched."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tarikh import publish, query, releases
from tarikh.publish import ReleaseMeta, write_release

ROOT = Path(__file__).resolve().parents[2]


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every visible file under root (hidden lock/temp entries excluded) and its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def test_exception_mid_publish_keeps_previous(tmp_path: Path, rows_factory: Any, meta: ReleaseMeta,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    a, m, e = rows_factory()
    write_release(meta, a, m, e, tmp_path)
    before = _snapshot(tmp_path)
    real = publish.write_parquet
    calls = []

    def failing(table: Any, path: Path, spec: Any, **kw: Any) -> None:
        calls.append(path.name)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(table, path, spec, **kw)

    monkeypatch.setattr(publish, "write_parquet", failing)
    a2, m2, e2 = rows_factory(n_extra=2)
    with pytest.raises(OSError, match="No space left"):
        write_release(meta, a2, m2, e2, tmp_path)
    assert calls == ["articles.parquet", "mentions.parquet"]
    assert _snapshot(tmp_path) == before
    assert not list((tmp_path / "talks").glob(".tmp-*"))
    assert releases.installed_versions(tmp_path / "talks") == ["1.0.0"]


CHILD = textwrap.dedent(
    """
    import os, pickle, sys
    sys.path.insert(0, sys.argv[1])
    from tarikh import publish
    meta, rows, out = pickle.load(open(sys.argv[2], "rb"))
    real = publish.write_parquet
    def dying(table, path, spec, **kw):
        real(table, path, spec, **kw)
        if path.name == "mentions.parquet":
            os._exit(9)  # the process dies: no cleanup, no finally blocks
    publish.write_parquet = dying
    publish.write_release(meta, *rows, out)
    """
)


def test_process_killed_mid_publish_keeps_previous(tmp_path: Path, rows_factory: Any, meta: ReleaseMeta) -> None:
    out = tmp_path / "datasets"
    a, m, e = rows_factory()
    write_release(meta, a, m, e, out)
    before = _snapshot(out)
    job = tmp_path / "job.pickle"
    job.write_bytes(pickle.dumps((meta, rows_factory(n_extra=3), out)))
    child = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(job)], capture_output=True, text=True)
    assert child.returncode == 9, child.stderr
    # The half-built release is a hidden temp folder; nothing visible changed.
    assert len(list((out / "talks").glob(".tmp-*"))) == 1
    assert _snapshot(out) == before
    assert releases.resolve_release(None, out) == out / "talks" / "1.0.0"
    releases.verify_release(out / "talks" / "1.0.0")
    assert "(4 rows)" in query.run("select * from events", None, out)
    # The next publish cleans the leftover and carries on.
    rel = write_release(meta, *rows_factory(n_extra=3), out)
    assert rel.name == "1.0.1"
    assert not list((out / "talks").glob(".tmp-*"))
    assert (out / "talks" / "latest").read_text().strip() == "1.0.1"
