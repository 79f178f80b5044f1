"""Build a release: Parquet tables, manifest, checksums, card, changelog, datapackage, archive.

Two entry points:

* :func:`write_release` is the pure writer: rows in, release folder out. It builds everything in
  a temporary folder next to the final one and renames it into place, so a crash part way
  leaves the previous release, ``latest`` and ``index.json`` untouched.
* :func:`publish` reads the crawl shards, keeps the newest kept fetch per canonical URL, runs
  :func:`tarikh.events.build`, and calls :func:`write_release`.

Determinism (tested): with the same tarikh and pyarrow versions (both recorded in the manifest),
the same rows, story and previous release give byte-identical Parquet
files, README.md, CHANGELOG.md, datapackage.json, crawl-report.json and therefore an identical
SHA256SUMS. Only ``manifest.json`` carries the wall-clock ``created`` time (and the archive and
index that contain or describe it).

Versions (semantic, X.Y.Z): the first release is 1.0.0. After that, by default: **major** when
the schema's major version changed; **minor** when the set of event ids changed (events were
added or removed, which changes what a timeline shows); **patch** otherwise (corrections to
existing events, new articles or mentions, new wording). ``version=`` sets it explicitly; an
existing version is never overwritten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import io
import os
import shutil
import tarfile
import urllib.parse
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from tarikh import card, schema
from tarikh.crawl.shards import read_shard
from tarikh.releases import (
    MANIFEST_FORMAT,
    ReleaseError,
    atomic_write_bytes,
    check_story_name,
    dumps,
    folder_lock,
    format_version,
    installed_versions,
    parse_version,
    read_manifest,
    sha256_file,
    update_latest,
    write_index,
)

COMPRESSION = "zstd"
COMPRESSION_LEVEL = 6
# Rows per row group: small enough that a one-month query on a large, date-sorted table skips
# almost every group by its min/max statistics (bench: 10M mentions, 153 groups, a month reads
# ~2% of the file); large enough to keep the footer small. Articles carry bodies (kilobytes a
# row), so their groups hold fewer rows.
ROW_GROUP_ROWS = 65_536
TABLE_ROW_GROUP_ROWS = {"articles": 8_192, "mentions": ROW_GROUP_ROWS, "events": ROW_GROUP_ROWS}
DATA_PAGE_BYTES = 256 * 1024
TMP_PREFIX = ".tmp-"
ARCHIVE_MTIME = 0  # fixed tar/gzip timestamps: archives do not depend on the clock


class PublishError(ReleaseError):
    """Publishing was refused or failed; the previous release is untouched."""


class VersionExistsError(PublishError):
    """The requested version is already published (releases are immutable)."""


class NothingToPublish(PublishError):
    """No crawl shards, or no kept articles in them."""


class StoryLike(Protocol):
    """The fields of :class:`tarikh.story.Story` that publishing uses (read-only)."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def publish_body(self) -> bool: ...
    @property
    def keywords(self) -> Sequence[str]: ...
    @property
    def since(self) -> dt.date | None: ...
    @property
    def until(self) -> dt.date | None: ...


@dataclass(frozen=True)
class ReleaseMeta:
    """What a release says about itself besides its rows."""

    story: str
    title: str
    publish_body: bool = False
    keywords: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    license: str = "CC-BY-4.0"
    description: str = ""
    contact: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_story(cls, story: StoryLike) -> ReleaseMeta:
        license_name = getattr(story, "license", "") or cls.license
        return cls(story=story.name, title=story.title, publish_body=bool(story.publish_body),
                   keywords=tuple(story.keywords), since=story.since, until=story.until, license=license_name,
                   description=getattr(story, "description", "") or "", contact=getattr(story, "contact", "") or "")


def tool_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("tarikh")
    except PackageNotFoundError:
        from tarikh import __version__

        return __version__


# ---------------------------------------------------------------------------------------------
# Parquet


def sort_table(table: pa.Table, spec: schema.TableSpec) -> pa.Table:
    """Sort by the spec's sort_by columns, nulls last: the order the release promises."""
    if not spec.sort_by or table.num_rows == 0:
        return table
    return table.sort_by([(c, "ascending", "at_end") for c in spec.sort_by])


def write_parquet(table: pa.Table, path: Path, spec: schema.TableSpec, *, compression: str = COMPRESSION,
                  row_group_rows: int = ROW_GROUP_ROWS, sort: bool = True) -> None:
    """Write one table with the release's Parquet settings (also used by the benchmark).

    zstd, statistics and page index on, sorted (declared in the footer's sorting_columns), and
    no clock-dependent metadata, so the bytes depend only on the rows.
    """
    problems = schema.check_table(spec, table.schema)
    if problems:
        raise PublishError("; ".join(problems))
    table = table.replace_schema_metadata(spec.arrow_schema().metadata)
    sorting = None
    if sort:
        table = sort_table(table, spec)
        names = spec.column_names
        sorting = [pq.SortingColumn(names.index(c), descending=False, nulls_first=False) for c in spec.sort_by]
    pq.write_table(
        table,
        path,
        compression=compression,
        compression_level=COMPRESSION_LEVEL if compression == "zstd" else None,
        row_group_size=row_group_rows,
        data_page_size=DATA_PAGE_BYTES,
        write_statistics=True,
        write_page_index=True,
        use_dictionary=True,
        sorting_columns=sorting,
        store_schema=True,
    )


# ---------------------------------------------------------------------------------------------
# Versions


def next_version(previous: str | None, previous_schema: str | None, ids_changed: bool) -> str:
    if previous is None:
        return "1.0.0"
    major, minor, patch = parse_version(previous)
    cur_major = parse_version(schema.schema_version())[0]
    if previous_schema is not None and parse_version(previous_schema)[0] != cur_major:
        return format_version((major + 1, 0, 0))
    if ids_changed:
        return format_version((major, minor + 1, 0))
    return format_version((major, minor, patch + 1))


# ---------------------------------------------------------------------------------------------
# The writer


def _unique(rows: Sequence[Mapping[str, Any]], key: str, table: str) -> set[Any]:
    seen: set[Any] = set()
    for i, r in enumerate(rows):
        k = r.get(key)
        if k in seen:
            raise PublishError(f"{table} row {i}: duplicate {key} {k!r}")
        seen.add(k)
    return seen


def _check_integrity(articles: Sequence[Mapping[str, Any]], mentions: Sequence[Mapping[str, Any]],
                     events: Sequence[Mapping[str, Any]]) -> None:
    ids = _unique(articles, "article_id", "articles")
    _unique(mentions, "mention_id", "mentions")
    _unique(events, "event_id", "events")
    for i, m in enumerate(mentions):
        if m.get("article_id") not in ids:
            raise PublishError(f"mentions row {i}: article_id {m.get('article_id')!r} is not in articles")
    for i, e in enumerate(events):
        missing = [a for a in e.get("article_ids") or [] if a not in ids]
        if missing:
            raise PublishError(f"events row {i}: article_ids not in articles: {missing[:3]}")


def _iso(v: Any) -> str | None:
    if isinstance(v, dt.datetime):
        v = v.astimezone(dt.UTC)
        return v.strftime("%Y-%m-%dT%H:%M:%S" + (".%f" if v.microsecond else "") + "Z")
    if isinstance(v, dt.date):
        return v.isoformat()
    return None


def _minmax(table: pa.Table, column: str) -> tuple[Any, Any]:
    col = table.column(column).drop_null()
    if len(col) == 0:
        return None, None
    import pyarrow.compute as pc

    mm = pc.min_max(col)
    return mm["min"].as_py(), mm["max"].as_py()


def _previous(story_dir: Path) -> tuple[str | None, dict[str, Any] | None, list[dict[str, Any]], str | None]:
    versions = installed_versions(story_dir)
    if not versions:
        return None, None, [], None
    prev = versions[-1]
    d = story_dir / prev
    manifest = read_manifest(d)
    events = pq.read_table(d / "events.parquet").to_pylist()
    try:
        changelog = (d / "CHANGELOG.md").read_text(encoding="utf-8")
    except FileNotFoundError:
        changelog = None
    return prev, manifest, events, changelog


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_archive(release_dir: Path, dest: Path) -> None:
    """A reproducible .tar.gz of a release (sorted members, fixed times and owners)."""
    story, version = release_dir.parent.name, release_dir.name
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=ARCHIVE_MTIME) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name in (f"{story}", f"{story}/{version}"):
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, ARCHIVE_MTIME
            tar.addfile(info)
        for path in sorted(release_dir.iterdir()):
            info = tarfile.TarInfo(f"{story}/{version}/{path.name}")
            info.size, info.mode, info.mtime = path.stat().st_size, 0o644, ARCHIVE_MTIME
            with open(path, "rb") as fh:
                tar.addfile(info, fh)
    atomic_write_bytes(dest, buf.getvalue())


def write_release(meta: ReleaseMeta, articles: Sequence[Mapping[str, Any]], mentions: Sequence[Mapping[str, Any]],
                  events: Sequence[Mapping[str, Any]], datasets_dir: Path | str, version: str | None = None,
                  publish_body: bool | None = None, crawl_report: Mapping[str, Any] | None = None) -> Path:
    """Write ``datasets_dir/<story>/<version>/`` atomically and return it.

    ``publish_body`` (default: ``meta.publish_body``) false empties ``articles.body``. Rows are
    checked against ``schema/`` and for integrity (unique ids, mentions and events pointing at
    published articles) before anything is written.
    """
    check_story_name(meta.story)
    if version is not None:
        parse_version(version)
    body_ok = meta.publish_body if publish_body is None else publish_body
    if publish_body is not None and publish_body != meta.publish_body:
        meta = dataclasses.replace(meta, publish_body=publish_body)
    specs = schema.load()
    _check_integrity(articles, mentions, events)
    rows = articles if body_ok else [{**a, "body": None} for a in articles]
    tables = {
        "articles": schema.table_from_rows(specs["articles"], rows),
        "mentions": schema.table_from_rows(specs["mentions"], mentions),
        "events": schema.table_from_rows(specs["events"], events),
    }
    report_bytes = None
    if crawl_report is not None:
        try:
            report_bytes = dumps(crawl_report).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise PublishError(f"crawl report is not JSON-serializable: {exc}") from None

    root = Path(datasets_dir)
    story_dir = root / meta.story
    with folder_lock(story_dir):
        for stale in story_dir.glob(TMP_PREFIX + "*"):  # left by a crashed publish; we hold the lock
            shutil.rmtree(stale, ignore_errors=True)
        prev, prev_manifest, prev_events, prev_changelog = _previous(story_dir)
        new_events = tables["events"].to_pylist()
        diff = card.diff_events(prev_events, new_events)
        if version is None:
            version = next_version(prev, (prev_manifest or {}).get("schema_version"), diff.ids_changed)
        if (story_dir / version).exists():
            raise VersionExistsError(f"{meta.story} {version} already exists in {story_dir}; releases are immutable")
        tmp = story_dir / f"{TMP_PREFIX}{version}-{os.getpid()}"
        tmp.mkdir()
        try:
            final = _build(meta, tables, specs, version, prev, prev_manifest, diff, prev_changelog,
                           report_bytes, tmp, story_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        write_archive(final, story_dir / f"{meta.story}-{version}.tar.gz")
        update_latest(story_dir)
    write_index(root)
    return final


def _build(meta: ReleaseMeta, tables: dict[str, pa.Table], specs: dict[str, schema.TableSpec], version: str,
           prev: str | None, prev_manifest: dict[str, Any] | None, diff: card.EventDiff,
           prev_changelog: str | None, report_bytes: bytes | None, tmp: Path, story_dir: Path) -> Path:
    files: list[dict[str, Any]] = []

    def add(name: str, rows: int | None = None) -> None:
        p = tmp / name
        entry: dict[str, Any] = {"path": name, "bytes": p.stat().st_size, "sha256": sha256_file(p)}
        if rows is not None:
            entry["rows"] = rows
        files.append(entry)

    for name, table in tables.items():
        write_parquet(table, tmp / f"{name}.parquet", specs[name], row_group_rows=TABLE_ROW_GROUP_ROWS[name])
        add(f"{name}.parquet", table.num_rows)
    if report_bytes is not None:
        _write(tmp / "crawl-report.json", report_bytes)
        add("crawl-report.json")

    counts = {name: t.num_rows for name, t in tables.items()}
    outlets = Counter(tables["articles"].column("outlet").to_pylist())
    counts["outlets"] = len(outlets)
    counts["duplicates"] = tables["articles"].column("dup_of").drop_null().__len__()
    window: dict[str, Any] = {"since": _iso(meta.since), "until": _iso(meta.until)}
    window["first_fetched"], window["last_fetched"] = _minmax(tables["articles"], "fetched_at")
    window["first_published"], window["last_published"] = _minmax(tables["articles"], "published")
    window = {k: (_iso(v) if isinstance(v, dt.date) else v) for k, v in window.items()}
    schema_version = schema.schema_version()

    package = {
        "name": meta.story,
        "title": meta.title,
        "version": version,
        "description": meta.description
        or f"Timeline dataset '{meta.story}' built by tarikh: articles, dated mentions and events.",
        "keywords": list(meta.keywords),
        "licenses": [{"name": meta.license, "title": meta.license}],
        "resources": [
            {
                "name": name,
                "path": f"{name}.parquet",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "description": specs[name].description,
                "bytes": next(f["bytes"] for f in files if f["path"] == f"{name}.parquet"),
                "hash": "sha256:" + next(f["sha256"] for f in files if f["path"] == f"{name}.parquet"),
                "schema": specs[name].frictionless_schema(),
            }
            for name in tables
        ],
    }
    _write(tmp / "datapackage.json", dumps(package).encode("utf-8"))
    add("datapackage.json")

    readme = card.render_card(
        story=meta.story, title=meta.title, description=meta.description, contact=meta.contact,
        version=version, schema_version=schema_version,
        publish_body=meta.publish_body, license_name=meta.license, keywords=meta.keywords, since=meta.since,
        until=meta.until, counts=counts, outlets=dict(outlets), files=list(files), specs=specs, window=window,
    )
    _write(tmp / "README.md", readme.encode("utf-8"))
    add("README.md")
    same_data = prev_manifest is not None and all(
        _sha_of(prev_manifest, f"{n}.parquet") == _sha_of({"files": files}, f"{n}.parquet") for n in tables)
    changelog = card.render_changelog(meta.story, version, prev, diff, counts,
                                      (prev_manifest or {}).get("counts") if prev else None, prev_changelog,
                                      same_data=same_data)
    _write(tmp / "CHANGELOG.md", changelog.encode("utf-8"))
    add("CHANGELOG.md")

    sums = "".join(f"{f['sha256']}  {f['path']}\n" for f in sorted(files, key=lambda f: f["path"]))
    _write(tmp / "SHA256SUMS", sums.encode("ascii"))
    add("SHA256SUMS")

    manifest = {
        "format": MANIFEST_FORMAT,
        "story": meta.story,
        "title": meta.title,
        "version": version,
        "previous_version": prev,
        "schema_version": schema_version,
        "tool": {"name": "tarikh", "version": tool_version(), "pyarrow": pa.__version__},
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "publish_body": meta.publish_body,
        "license": meta.license,
        "keywords": list(meta.keywords),
        "crawl_window": window,
        "counts": counts,
        "events_diff": {"added": len(diff.added), "removed": len(diff.removed), "changed": len(diff.changed)},
        "parquet": {"compression": COMPRESSION, "compression_level": COMPRESSION_LEVEL,
                    "row_group_rows": dict(TABLE_ROW_GROUP_ROWS),
                    "sorted_by": {n: list(specs[n].sort_by) for n in tables}},
        "files": sorted(files, key=lambda f: f["path"]),
        **({"description": meta.description} if meta.description else {}),
        **({"contact": meta.contact} if meta.contact else {}),
        **({"extra": dict(meta.extra)} if meta.extra else {}),
    }
    _write(tmp / "manifest.json", dumps(manifest).encode("utf-8"))
    final = story_dir / version
    os.rename(tmp, final)  # the commit point: before it nothing is visible, after it all is
    _fsync_dir(story_dir)
    return final


def _sha_of(manifest: Mapping[str, Any], name: str) -> str | None:
    return next((f.get("sha256") for f in manifest.get("files", []) if f.get("path") == name), None)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------
# From crawl shards


def load_shard_articles(shard_paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Kept articles from crawl shards, the newest fetch per canonical URL, sorted by article_id.

    A missing ``outlet`` becomes the URL's host (the release column is required). Ties on
    ``fetched_at`` go to the later shard (shard names sort by crawl run), then the later
    row, so the choice never depends on file-system order.
    """
    best: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
    for shard_no, path in enumerate(sorted(shard_paths)):
        try:
            # Sealed runs are Parquet; a killed run or a still-running worker leaves JSONL, whose
            # records count too (nothing stored is lost).
            rows = read_shard(path)
        except (pa.ArrowInvalid, OSError, ValueError) as exc:
            raise PublishError(f"cannot read crawl shard {path}: {exc}") from None
        for row_no, row in enumerate(rows):
            if not row.get("kept"):
                continue
            key_url = row.get("canonical_url") or row.get("url")
            if not key_url or not row.get("fetched_at"):
                raise PublishError(f"{path} row {row_no}: kept row without canonical_url/fetched_at")
            if not row.get("outlet"):
                row["outlet"] = urllib.parse.urlsplit(key_url).hostname or "unknown"
            rank = (row["fetched_at"], shard_no, row_no)
            if key_url not in best or rank > best[key_url][0]:
                best[key_url] = (rank, row)
    return sorted((r for _, r in best.values()), key=lambda r: r["article_id"])


def publish(story: StoryLike, state_dir: Path | str, datasets_dir: Path | str, version: str | None = None,
            crawl_report: Mapping[str, Any] | None = None) -> Path:
    """Publish a story's crawl shards as a new release and return its folder."""
    shard_dir = Path(state_dir) / story.name / "articles"
    shards = sorted([*shard_dir.glob("*.parquet"), *shard_dir.glob("*.jsonl")])
    if not shards:
        raise NothingToPublish(f"no crawl shards in {shard_dir}; run 'tarikh crawl' first")
    articles = load_shard_articles(shards)
    if not articles:
        raise NothingToPublish(f"the crawl shards in {shard_dir} hold no kept articles")
    from tarikh import events as events_mod

    built = events_mod.build(articles)
    rows = [{**a, "dup_of": built.dup_of.get(a["article_id"])} for a in articles]
    return write_release(ReleaseMeta.from_story(story), rows, built.mentions, built.events, datasets_dir,
                         version=version, crawl_report=crawl_report)
