"""Publish, serve over loopback HTTP, download into a fresh folder, verify, query; tampering refused."""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tarikh import query, releases
from tarikh.publish import ReleaseMeta, write_release
from tarikh.publish_cli import download_command, releases_command


class QuietHandler(SimpleHTTPRequestHandler):
    """The standard library's static file server (no Range support), without log noise."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class RangeHandler(QuietHandler):
    """A static server that honours ``Range: bytes=N-`` and can break chosen transfers half way."""

    requests: list[tuple[str, str | None]]
    truncate: set[str]
    ranges: bool = True

    def do_GET(self) -> None:
        rng = self.headers.get("Range")
        self.requests.append((self.path, rng))
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            self.send_error(404)
            return
        data = path.read_bytes()
        start = 0
        m = re.fullmatch(r"bytes=(\d+)-", rng or "")
        if m and int(m.group(1)) < len(data) and self.ranges:
            start = int(m.group(1))
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        else:
            self.send_response(200)
        body = data[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path in self.truncate:
            self.truncate.discard(self.path)
            self.wfile.write(body[: len(body) // 2])  # then the connection drops
            self.close_connection = True
            return
        self.wfile.write(body)


@functools.cache
def _handler(kind: str) -> type[QuietHandler]:
    return QuietHandler if kind == "plain" else RangeHandler


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[ThreadingHTTPServer] = []

    def start(root: Path, kind: str = "plain") -> tuple[str, Any]:
        state = {"requests": [], "truncate": set(), "ranges": kind != "norange"}
        base = _handler(kind)
        handler = type("H", (base,), state)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/", handler

    yield start
    for s in servers:
        s.shutdown()
        s.server_close()


@pytest.fixture
def published(tmp_path: Path, rows_factory: Any, meta: ReleaseMeta) -> Path:
    root = tmp_path / "site"
    write_release(meta, *rows_factory(), root)
    write_release(meta, *rows_factory(n_extra=2), root)
    return root


EVENTS_SQL = "select event_id, value, n_sources, outlets from events order by event_id"


def test_download_from_plain_static_server_verifies_and_queries(published: Path, tmp_path: Path,
                                                                serve: Any) -> None:
    url, _ = serve(published, "plain")
    listing = CliRunner().invoke(releases_command, ["--from", url, "--format", "json"])
    assert listing.exit_code == 0, listing.output
    assert [(r["version"], r["latest"]) for r in json.loads(listing.output)] == [("1.0.0", ""), ("1.0.1", "yes")]
    fresh = tmp_path / "fresh"
    result = CliRunner().invoke(download_command, ["latest", "--from", url, "--to", str(fresh)])
    assert result.exit_code == 0, result.output
    installed = fresh / "talks" / "1.0.1"
    assert "installed and verified" in result.output
    releases.verify_release(installed)
    assert (fresh / "talks" / "latest").read_text().strip() == "1.0.1"
    assert json.loads((fresh / "index.json").read_text())["latest"] == {"talks": "1.0.1"}
    assert query.run(EVENTS_SQL, None, fresh, "csv") == query.run(EVENTS_SQL, None, published, "csv")
    for name in ("articles.parquet", "mentions.parquet", "SHA256SUMS", "manifest.json"):
        assert (installed / name).read_bytes() == (published / "talks" / "1.0.1" / name).read_bytes()
    # An older version too; latest stays the highest. A repeat is a no-op.
    assert releases.download(url, "1.0.0", fresh) == fresh / "talks" / "1.0.0"
    assert (fresh / "talks" / "latest").read_text().strip() == "1.0.1"
    assert releases.download(url, "1.0.1", fresh) == installed


def test_download_from_folder(published: Path, tmp_path: Path) -> None:
    path = releases.download(published, "1.0.0", tmp_path / "copy")
    assert path == tmp_path / "copy" / "talks" / "1.0.0"
    releases.verify_release(path)


def _nothing_installed(root: Path) -> bool:
    story = root / "talks"
    return not releases.installed_versions(story) and not (story / "latest").exists()


def test_flipped_byte_refused_and_nothing_installed(published: Path, tmp_path: Path, serve: Any) -> None:
    served = tmp_path / "tampered"
    shutil.copytree(published, served)
    target = served / "talks" / "1.0.1" / "mentions.parquet"
    data = bytearray(target.read_bytes())
    data[100] ^= 0x40
    target.write_bytes(bytes(data))
    url, _ = serve(served, "range")
    fresh = tmp_path / "fresh"
    result = CliRunner().invoke(download_command, ["--from", url, "--to", str(fresh)])
    assert result.exit_code == 1
    assert "checksum mismatch for mentions.parquet; nothing was installed" in result.output
    assert _nothing_installed(fresh)
    # The bad file was discarded: once the server is fixed, the next call fetches it afresh.
    shutil.copy(published / "talks" / "1.0.1" / "mentions.parquet", target)
    assert releases.download(url, "latest", fresh) == fresh / "talks" / "1.0.1"


def test_tampered_manifest_refused(published: Path, tmp_path: Path, serve: Any) -> None:
    served = tmp_path / "tampered"
    shutil.copytree(published, served)
    man = served / "talks" / "1.0.1" / "manifest.json"
    data = json.loads(man.read_text())
    data["files"][0]["sha256"] = "0" * 64
    man.write_text(json.dumps(data))
    url, _ = serve(served)
    with pytest.raises(releases.VerifyError, match="manifest.json does not match the index"):
        releases.download(url, "latest", tmp_path / "fresh")
    assert _nothing_installed(tmp_path / "fresh")


def test_truncated_transfer_resumes_with_range(published: Path, tmp_path: Path, serve: Any) -> None:
    url, handler = serve(published, "range")
    handler.truncate.add("/talks/1.0.1/mentions.parquet")
    fresh = tmp_path / "fresh"
    with pytest.raises(releases.DownloadError, match="run the same command again to resume"):
        releases.download(url, "latest", fresh)
    assert _nothing_installed(fresh)
    size = (published / "talks" / "1.0.1" / "mentions.parquet").stat().st_size
    partial = fresh / "talks" / ".download-1.0.1" / "mentions.parquet"
    assert 0 < partial.stat().st_size < size
    handler.requests.clear()
    path = releases.download(url, "latest", fresh)
    releases.verify_release(path)
    fetched = dict(handler.requests)
    assert fetched["/talks/1.0.1/mentions.parquet"] == f"bytes={size // 2}-"
    assert "/talks/1.0.1/articles.parquet" not in fetched  # finished files are not fetched again
    assert not (fresh / "talks" / ".download-1.0.1").exists()


def test_truncated_transfer_restarts_when_server_ignores_range(published: Path, tmp_path: Path,
                                                                serve: Any) -> None:
    url, handler = serve(published, "norange")
    handler.truncate.add("/talks/1.0.1/events.parquet")
    fresh = tmp_path / "fresh"
    with pytest.raises(releases.DownloadError):
        releases.download(url, "latest", fresh)
    handler.requests.clear()
    releases.verify_release(releases.download(url, "latest", fresh))
    assert dict(handler.requests)["/talks/1.0.1/events.parquet"] is not None  # asked for a range, got 200


def _evil_site(published: Path, tmp_path: Path, bad_path: str) -> Path:
    site = tmp_path / f"evil-{abs(hash(bad_path))}"
    shutil.copytree(published, site)
    rel = site / "talks" / "1.0.1"
    man = json.loads((rel / "manifest.json").read_text())
    man["files"].append({"path": bad_path, "bytes": 4, "sha256": "0" * 64})
    (rel / "manifest.json").write_text(json.dumps(man))
    releases.write_index(site)  # the index vouches for the evil manifest: only the path check stops it
    return site


@pytest.mark.parametrize("bad_path", ["../../escaped.txt", "/tmp/escaped.txt", "sub/../../x", "a\\..\\b", ""])
def test_path_traversal_in_manifest_refused(published: Path, tmp_path: Path, serve: Any, bad_path: str) -> None:
    site = _evil_site(published, tmp_path, bad_path)
    url, handler = serve(site)
    fresh = tmp_path / "fresh"
    with pytest.raises(releases.UnsafePathError):
        releases.download(url, "latest", fresh)
    assert _nothing_installed(fresh)
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()


def test_unsafe_story_name_in_index_refused(published: Path, tmp_path: Path) -> None:
    index = json.loads((published / "index.json").read_text())
    index["releases"][0]["story"] = "../outside"
    (published / "index.json").write_text(json.dumps(index))
    with pytest.raises(releases.UnsafePathError, match="not a valid story name"):
        releases.download(published, "1.0.0", tmp_path / "fresh")


def test_missing_version_and_source_errors(published: Path, tmp_path: Path, serve: Any) -> None:
    url, _ = serve(published)
    with pytest.raises(releases.ReleaseNotFound, match="version 9.9.9 of talks not in the index"):
        releases.download(url, "9.9.9", tmp_path / "fresh")
    with pytest.raises(releases.ReleaseNotFound, match="404"):
        releases.download(url + "nowhere/", "latest", tmp_path / "fresh")
    with pytest.raises(releases.DownloadError):
        releases.download("http://127.0.0.1:9/", "latest", tmp_path / "fresh")  # discard port: refused
    with pytest.raises(releases.ReleaseError, match="unsupported source"):
        releases.download("ftp://example.org/x", "latest", tmp_path / "fresh")


@pytest.mark.parametrize("index", [{"format": "tarikh-index/1", "releases": "x"},
                                   {"format": "tarikh-index/1", "releases": [1]},
                                   {"format": "tarikh-index/1", "releases": [], "latest": ["x"]},
                                   {"format": "other", "releases": []}])
def test_malformed_index_refused(tmp_path: Path, index: dict[str, Any]) -> None:
    (tmp_path / "index.json").write_text(json.dumps(index))
    with pytest.raises(releases.VerifyError, match="index.json"):
        releases.list_releases(tmp_path)


def test_malformed_manifest_refused(published: Path, tmp_path: Path) -> None:
    man = published / "talks" / "1.0.1" / "manifest.json"
    data = json.loads(man.read_text())
    data["files"] = ["articles.parquet"]
    man.write_text(json.dumps(data))
    releases.write_index(published)
    with pytest.raises(releases.VerifyError, match="lists no files"):
        releases.download(published, "latest", tmp_path / "fresh")
