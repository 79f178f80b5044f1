"""write_release: layout, Parquet settings, manifest, checksums, card, changelog, versions, determinism."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import tarfile
from pathlib import Path
from typing import Any

import frictionless
import pyarrow.parquet as pq
import pytest

from tarikh import publish, releases, schema
from tarikh.publish import PublishError, ReleaseMeta, VersionExistsError, write_release

FILES = {"articles.parquet", "mentions.parquet", "events.parquet", "manifest.json", "SHA256SUMS", "README.md",
         "CHANGELOG.md", "datapackage.json"}


def _publish(tmp: Path, rows: Any, meta: ReleaseMeta, **kw: Any) -> Path:
    a, m, e = rows
    return write_release(meta, a, m, e, tmp, **kw)


def test_layout_latest_index_archive(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    rel = _publish(tmp_path, rows, meta, crawl_report={"pages": 12, "dropped": {"off-topic": 3}})
    assert rel == tmp_path / "talks" / "1.0.0"
    assert {p.name for p in rel.iterdir()} == FILES | {"crawl-report.json"}
    assert (tmp_path / "talks" / "latest").read_text() == "1.0.0\n"
    assert not (tmp_path / "talks" / "latest").is_symlink()
    index = json.loads((tmp_path / "index.json").read_text())
    assert index["latest"] == {"talks": "1.0.0"}
    [entry] = index["releases"]
    assert entry["manifest_sha256"] == releases.sha256_file(rel / "manifest.json")
    archive = tmp_path / "talks" / "talks-1.0.0.tar.gz"
    assert entry["archive"]["sha256"] == releases.sha256_file(archive)
    with tarfile.open(archive) as tar:
        names = sorted(m.name for m in tar.getmembers() if m.isfile())
        assert names == sorted(f"talks/1.0.0/{n}" for n in FILES | {"crawl-report.json"})
        extracted = tmp_path / "x"
        tar.extractall(extracted, filter="data")
    releases.verify_release(extracted / "talks" / "1.0.0")
    assert json.loads((rel / "crawl-report.json").read_text())["dropped"] == {"off-topic": 3}


def test_parquet_matches_schema_sorted_zstd_with_statistics(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    rel = _publish(tmp_path, rows, meta)
    specs = schema.load()
    for name, spec in specs.items():
        f = pq.ParquetFile(rel / f"{name}.parquet")
        assert schema.check_table(spec, f.schema_arrow) == []
        md = f.metadata
        assert b"ARROW:schema" in md.metadata and md.metadata[b"tarikh.table"] == name.encode()
        rg = md.row_group(0)
        for i in range(rg.num_columns):
            col = rg.column(i)
            assert col.compression == "ZSTD"
            assert col.is_stats_set
            assert col.has_column_index and col.has_offset_index
        assert [spec.column_names[s.column_index] for s in rg.sorting_columns] == list(spec.sort_by)
        table = f.read()
        keys = [tuple(r[c] for c in spec.sort_by) for r in table.to_pylist()]
        # nulls last, then ascending
        assert keys == sorted(keys, key=lambda k: tuple((v is None, v if v is not None else 0) for v in k))
    mentions = pq.read_table(rel / "mentions.parquet").to_pylist()
    assert [m["date_start"] for m in mentions] == sorted(m["date_start"] for m in mentions)
    arts = pq.read_table(rel / "articles.parquet")
    assert str(arts.schema.field("published").type) == "timestamp[us, tz=UTC]"
    assert arts.column("published")[0].as_py() == dt.datetime(2024, 1, 24, 15, 0, tzinfo=dt.UTC)


def test_manifest_and_sha256sums_describe_every_file(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    rel = _publish(tmp_path, rows, meta)
    man = json.loads((rel / "manifest.json").read_text())
    assert man["story"] == "talks" and man["version"] == "1.0.0" and man["schema_version"] == schema.schema_version()
    assert man["tool"]["name"] == "tarikh" and man["tool"]["version"]
    assert man["counts"] == {"articles": 4, "mentions": 7, "events": 4, "outlets": 3, "duplicates": 1}
    assert man["crawl_window"]["since"] == "2024-01-01"
    assert man["crawl_window"]["first_published"].startswith("2024-01-24T15:00:00")
    listed = {f["path"]: f for f in man["files"]}
    assert set(listed) == FILES - {"manifest.json"}
    for name, f in listed.items():
        data = (rel / name).read_bytes()
        assert f["bytes"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()
    assert listed["mentions.parquet"]["rows"] == 7
    sums = dict(reversed(line.split("  ")) for line in (rel / "SHA256SUMS").read_text().splitlines())
    assert set(sums) == FILES - {"manifest.json", "SHA256SUMS"}
    assert all(sums[n] == listed[n]["sha256"] for n in sums)
    releases.verify_release(rel)


def test_flipped_byte_fails_verification(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    rel = _publish(tmp_path, rows, meta)
    path = rel / "events.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(releases.VerifyError, match="events.parquet: sha256"):
        releases.verify_release(rel)


def _csv_value(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def test_datapackage_validates_with_frictionless(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    rel = _publish(tmp_path, rows, meta)
    descriptor = json.loads((rel / "datapackage.json").read_text())
    assert list(frictionless.Package.metadata_validate(descriptor)) == []
    package = frictionless.Package(str(rel / "datapackage.json"))
    assert package.version == "1.0.0" and [r.name for r in package.resources] == ["articles", "mentions", "events"]
    # frictionless reads Parquet only through pandas; validate the data itself as CSV against the
    # published Table Schema (types, required fields, primary key).
    for res in descriptor["resources"]:
        assert res["hash"] == "sha256:" + releases.sha256_file(rel / res["path"])
        table = pq.read_table(rel / res["path"])
        out = tmp_path / f"{res['name']}.csv"
        with open(out, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(table.column_names)
            w.writerows([_csv_value(v) for v in r.values()] for r in table.to_pylist())
        report = frictionless.Resource(path=out.name, basepath=str(tmp_path), schema=frictionless.Schema.from_descriptor(res["schema"])
                                       ).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_deterministic_bytes(tmp_path: Path, rows_factory: Any, meta: ReleaseMeta) -> None:
    one = _publish(tmp_path / "a", rows_factory(), meta)
    # Same rows handed over in another order, and built afresh.
    a, m, e = rows_factory()
    two = write_release(meta, list(reversed(a)), list(reversed(m)), list(reversed(e)), tmp_path / "b")
    for name in FILES - {"manifest.json"}:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    m1, m2 = (json.loads((p / "manifest.json").read_text()) for p in (one, two))
    m1.pop("created"), m2.pop("created")
    assert m1 == m2


def test_body_policy(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    closed = ReleaseMeta(story="talks-closed", title="بلا نصوص", publish_body=False)
    rel = _publish(tmp_path, rows, closed)
    arts = pq.read_table(rel / "articles.parquet").to_pylist()
    assert all(a["body"] is None for a in arts)
    assert all(a["title"] and a["url"] and a["content_sha256"] for a in arts)
    assert pq.read_table(rel / "mentions.parquet").num_rows == 7
    card = (rel / "README.md").read_text()
    assert "Article bodies are **not included**" in card
    open_rel = _publish(tmp_path, rows, meta)
    assert all(a["body"] for a in pq.read_table(open_rel / "articles.parquet").to_pylist())
    assert "**are included**" in (open_rel / "README.md").read_text()
    assert json.loads((rel / "manifest.json").read_text())["publish_body"] is False


def test_card_documents_fields_queries_license_citation(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    rel = _publish(tmp_path, rows, meta)
    card = (rel / "README.md").read_text()
    for spec in schema.load().values():
        for c in spec.columns:
            assert f"| `{c.name}` |" in card
    for heading in ("## How it was collected", "## Redistribution policy", "## Known limits", "## License",
                    "## How to cite", "## Example queries"):
        assert heading in card
    assert "version 1.0.0" in card and "wadi-press.example" in card


def test_versions_and_changelog(tmp_path: Path, rows_factory: Any, meta: ReleaseMeta) -> None:
    a, m, e = rows_factory()
    assert write_release(meta, a, m, e, tmp_path).name == "1.0.0"
    # Same events, one more article: patch.
    a2, m2, e2 = rows_factory(n_extra=1)
    assert write_release(meta, a2, m2, e2, tmp_path).name == "1.0.1"
    # An event removed and one changed: minor.
    e3 = [dict(x) for x in e2[1:]]
    e3[0]["n_sources"] = 7
    rel = write_release(meta, a2, m2, e3, tmp_path)
    assert rel.name == "1.1.0"
    log = (rel / "CHANGELOG.md").read_text()
    assert log.startswith("# Changelog: talks\n\n## 1.1.0\n\nCompared with 1.0.1:")
    assert "### Events removed (1)" in log and e2[0]["event_id"] in log
    assert "### Events changed (1)" in log and "n_sources: 2 → 7" in log
    assert "### Events added (0)" in log
    assert "## 1.0.1" in log and "## 1.0.0" in log and log.count("# Changelog") == 1
    assert (tmp_path / "talks" / "latest").read_text().strip() == "1.1.0"
    # Explicit versions; an existing one is refused, and latest follows the highest.
    assert write_release(meta, a, m, e, tmp_path, version="1.0.5").name == "1.0.5"
    assert (tmp_path / "talks" / "latest").read_text().strip() == "1.1.0"
    with pytest.raises(VersionExistsError, match="1.1.0 already exists"):
        write_release(meta, a, m, e, tmp_path, version="1.1.0")
    with pytest.raises(releases.ReleaseError, match="not a semantic version"):
        write_release(meta, a, m, e, tmp_path, version="v2")
    index = json.loads((tmp_path / "index.json").read_text())
    assert [r["version"] for r in index["releases"]] == ["1.0.0", "1.0.1", "1.0.5", "1.1.0"]


def test_next_version_rule() -> None:
    assert publish.next_version(None, None, True) == "1.0.0"
    assert publish.next_version("1.2.3", "1.0.0", False) == "1.2.4"
    assert publish.next_version("1.2.3", "1.0.0", True) == "1.3.0"
    assert publish.next_version("1.2.3", "0.9.0", False) == "2.0.0"


def test_bad_rows_write_nothing(tmp_path: Path, rows: Any, meta: ReleaseMeta) -> None:
    a, m, e = rows
    orphan = dict(m[0], mention_id="zz:1-2", article_id="ffffffffffffffff")
    with pytest.raises(PublishError, match="mentions row 7: article_id 'ffffffffffffffff' is not in articles"):
        write_release(meta, a, [*m, orphan], e, tmp_path)
    with pytest.raises(PublishError, match="duplicate article_id"):
        write_release(meta, [*a, a[0]], m, e, tmp_path)
    bad = [dict(e[0], date_start="24 كانون الثاني"), *e[1:]]
    with pytest.raises(schema.SchemaError, match="events row 0: column 'date_start'"):
        write_release(meta, a, m, bad, tmp_path)
    with pytest.raises(releases.UnsafePathError):
        write_release(ReleaseMeta(story="../evil", title="x"), a, m, e, tmp_path)
    assert not (tmp_path / "talks").exists() or not any((tmp_path / "talks").glob("[0-9]*"))
    assert not (tmp_path / "index.json").exists()


def test_republish_same_rows_is_a_patch_noting_identical_data(tmp_path: Path, rows: Any) -> None:
    meta = ReleaseMeta(story="talks", title="محادثات", description="A test story about the coalition talks.",
                       contact="data@example.org", license="CC0-1.0")
    first = _publish(tmp_path, rows, meta)
    second = _publish(tmp_path, rows, meta)
    assert (first.name, second.name) == ("1.0.0", "1.0.1")
    assert "Compared with 1.0.0: the Parquet files are byte-identical" in (second / "CHANGELOG.md").read_text()
    card = (second / "README.md").read_text()
    assert "A test story about the coalition talks." in card and "Contact: data@example.org" in card
    assert "CC0-1.0" in card
    package = json.loads((second / "datapackage.json").read_text())
    assert package["description"] == meta.description and package["licenses"][0]["name"] == "CC0-1.0"
