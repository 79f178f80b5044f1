"""Release folders on disk and over HTTP: index, latest, verification, resumable download.

A datasets folder looks like this (the same layout locally and on any static web server)::

    DIR/index.json                       every release: story, version, manifest sha256, archive
    DIR/<story>/latest                   a text file naming the newest version (not a symlink,
                                         so it survives copying, zipping and static hosting)
    DIR/<story>/<version>/manifest.json  every file with bytes, rows and sha256
    DIR/<story>/<version>/...            Parquet, SHA256SUMS, README.md, CHANGELOG.md, datapackage.json
    DIR/<story>/<story>-<version>.tar.gz the release as one archive

Trust chain for downloads: ``index.json`` gives the manifest's sha256, the manifest gives every
file's sha256 and size. Nothing is installed until every file verifies; files are fetched into
``<to>/<story>/.download-<version>/`` and kept there when a transfer breaks, so the next call
resumes with an HTTP ``Range`` request. This detects corruption, truncation and tampering of a
file relative to the index; it does not authenticate the server (there is no signature).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INDEX_FORMAT = "tarikh-index/1"
MANIFEST_FORMAT = "tarikh-release/1"
STORY_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
VERSION_RE = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
# Release file names: plain relative paths of safe characters, no "..", no absolute paths.
_SAFE_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
_CHUNK = 1 << 16


class ReleaseError(Exception):
    """Base class for release problems; the message is meant for the user."""


class ReleaseNotFound(ReleaseError):
    """No release matches what was asked for."""


class VerifyError(ReleaseError):
    """A file's size or sha256 does not match the manifest, or the manifest does not match the index."""


class DownloadError(ReleaseError):
    """A transfer failed; partial files are kept so the next call resumes."""


class UnsafePathError(ReleaseError):
    """A manifest or index names a path that would escape the target folder."""


# ---------------------------------------------------------------------------------------------
# Small primitives


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``; anything else raises :class:`ReleaseError`."""
    m = VERSION_RE.match(text)
    if not m:
        raise ReleaseError(f"not a semantic version X.Y.Z: {text!r}")
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


def format_version(v: tuple[int, int, int]) -> str:
    return f"{v[0]}.{v[1]}.{v[2]}"


def check_story_name(name: str) -> str:
    if not isinstance(name, str) or not STORY_RE.match(name):
        raise UnsafePathError(f"not a valid story name ([a-z0-9-]+): {name!r}")
    return name


def safe_relpath(name: Any) -> str:
    """Return ``name`` if it is a safe relative path inside a release folder, else raise.

    Refuses absolute paths, ``..`` and ``.`` segments, backslashes, drive letters, empty parts
    and unusual characters: a manifest must never make us write outside the target.
    """
    if not isinstance(name, str) or not name:
        raise UnsafePathError(f"manifest path must be a non-empty string, got {name!r}")
    parts = name.split("/")
    if name.startswith("/") or any(not _SAFE_PART.match(p) or p in {".", ".."} for p in parts):
        raise UnsafePathError(f"unsafe path in manifest (absolute, '..' or odd characters): {name!r}")
    return name


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then ``os.replace``: readers see old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)  # published files are meant to be served and shared
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def dumps(obj: Any) -> str:
    """Canonical JSON for release files: sorted keys, UTF-8, two-space indent, final newline."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Local datasets folder


def installed_versions(story_dir: Path) -> list[str]:
    """Complete releases in ``story_dir`` (folders named X.Y.Z holding manifest.json), oldest first."""
    if not story_dir.is_dir():
        return []
    found = [
        p.name for p in story_dir.iterdir() if VERSION_RE.match(p.name) and (p / "manifest.json").is_file()
    ]
    return sorted(found, key=parse_version)


def update_latest(story_dir: Path) -> str | None:
    """Point ``latest`` at the highest installed version; returns it (None when there is none)."""
    versions = installed_versions(story_dir)
    if not versions:
        return None
    atomic_write_text(story_dir / "latest", versions[-1] + "\n")
    return versions[-1]


def read_latest(story_dir: Path) -> str:
    try:
        text = (story_dir / "latest").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise ReleaseNotFound(f"no release in {story_dir} (no 'latest' file)") from None
    parse_version(text)
    return text


def read_manifest(release_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((release_dir / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReleaseNotFound(f"{release_dir} is not a release (no manifest.json)") from None
    except json.JSONDecodeError as exc:
        raise VerifyError(f"{release_dir}/manifest.json is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise VerifyError(f"{release_dir}/manifest.json: unknown format (expected {MANIFEST_FORMAT})")
    return data


def build_index(datasets_dir: Path) -> dict[str, Any]:
    """Describe every complete release under ``datasets_dir`` (the content of index.json)."""
    releases: list[dict[str, Any]] = []
    latest: dict[str, str] = {}
    if datasets_dir.is_dir():
        for story_dir in sorted(p for p in datasets_dir.iterdir() if p.is_dir() and STORY_RE.match(p.name)):
            versions = installed_versions(story_dir)
            if not versions:
                continue
            latest[story_dir.name] = versions[-1]
            for v in versions:
                rel = story_dir / v
                try:
                    man = read_manifest(rel)
                except ReleaseError:
                    continue  # a damaged old release must not block publishing a new one
                entry: dict[str, Any] = {
                    "story": story_dir.name,
                    "version": v,
                    "path": f"{story_dir.name}/{v}",
                    "manifest_sha256": sha256_file(rel / "manifest.json"),
                    "created": man.get("created"),
                    "title": man.get("title"),
                    "counts": man.get("counts", {}),
                }
                archive = story_dir / f"{story_dir.name}-{v}.tar.gz"
                if archive.is_file():
                    entry["archive"] = {
                        "path": f"{story_dir.name}/{archive.name}",
                        "bytes": archive.stat().st_size,
                        "sha256": sha256_file(archive),
                    }
                releases.append(entry)
    return {"format": INDEX_FORMAT, "latest": latest, "releases": releases}


def write_index(datasets_dir: Path) -> dict[str, Any]:
    with folder_lock(datasets_dir):
        index = build_index(datasets_dir)
        atomic_write_text(datasets_dir / "index.json", dumps(index))
    return index


def resolve_release(release: Path | str | None, datasets_dir: Path | str) -> Path:
    """Find a release folder.

    ``release`` may be a release folder, a story folder (its ``latest``), or None: then the
    datasets folder's only story, or, with several, the story whose latest release was created
    last (so ``tarikh query`` right after a crawl sees that crawl's release).
    """
    if release is not None:
        path = Path(release)
        if (path / "manifest.json").is_file():
            return path
        if (path / "latest").is_file():
            return path / read_latest(path)
        raise ReleaseNotFound(f"{path} is neither a release folder (manifest.json) nor a story folder (latest)")
    root = Path(datasets_dir)
    candidates: list[tuple[str, Path]] = []
    if root.is_dir():
        for story_dir in sorted(p for p in root.iterdir() if (p / "latest").is_file()):
            rel = story_dir / read_latest(story_dir)
            if (rel / "manifest.json").is_file():
                candidates.append((str(read_manifest(rel).get("created", "")), rel))
    if not candidates:
        raise ReleaseNotFound(f"no release found under {root}; run 'tarikh crawl' or 'tarikh download' first")
    return max(candidates)[1]


def verify_release(release_dir: Path) -> dict[str, Any]:
    """Check every file of an installed release against its manifest and SHA256SUMS.

    Returns the manifest; raises :class:`VerifyError` listing every mismatch.
    """
    manifest = read_manifest(release_dir)
    problems: list[str] = []
    sums: dict[str, str] = {}
    try:
        for line in (release_dir / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
            digest, _, name = line.partition("  ")
            sums[name] = digest
    except FileNotFoundError:
        problems.append("SHA256SUMS is missing")
    for entry in manifest.get("files", []):
        name = safe_relpath(entry.get("path"))
        path = release_dir / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        size = path.stat().st_size
        if size != entry.get("bytes"):
            problems.append(f"{name}: {size} bytes, manifest says {entry.get('bytes')}")
            continue
        digest = sha256_file(path)
        if digest != entry.get("sha256"):
            problems.append(f"{name}: sha256 {digest[:16]}..., manifest says {str(entry.get('sha256'))[:16]}...")
        if sums and name != "SHA256SUMS" and sums.get(name) != entry.get("sha256"):
            problems.append(f"{name}: SHA256SUMS disagrees with manifest.json")
    if problems:
        raise VerifyError(f"release {release_dir} failed verification:\n  " + "\n  ".join(problems))
    return manifest


# ---------------------------------------------------------------------------------------------
# Sources: a local folder or an HTTP(S) base URL, both with resumable fetches


class Source:
    """Where releases come from. ``read`` small files whole; ``fetch`` big ones resumably."""

    def read(self, relpath: str) -> bytes:
        raise NotImplementedError

    def fetch(self, relpath: str, dest: Path, size: int) -> None:
        """Make ``dest`` hold the first ``size`` bytes of ``relpath``, appending to what it holds."""
        raise NotImplementedError


class DirSource(Source):
    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise ReleaseNotFound(f"{root} is not a folder")
        self.root = root

    def read(self, relpath: str) -> bytes:
        try:
            return (self.root / relpath).read_bytes()
        except FileNotFoundError:
            raise ReleaseNotFound(f"{self.root / relpath} not found") from None

    def fetch(self, relpath: str, dest: Path, size: int) -> None:
        have = dest.stat().st_size if dest.exists() else 0
        try:
            with open(self.root / relpath, "rb") as src, open(dest, "ab") as out:
                src.seek(have)
                shutil.copyfileobj(src, out, _CHUNK)
        except FileNotFoundError:
            raise ReleaseNotFound(f"{self.root / relpath} not found") from None


def _is_loopback(host: str | None) -> bool:
    if host in (None, "localhost"):
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


class HttpSource(Source):
    """A base URL on any static HTTP server; resumes with ``Range: bytes=N-``."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base = base_url.rstrip("/") + "/"
        self.timeout = timeout
        host = urllib.parse.urlsplit(self.base).hostname
        # Loopback never goes through a proxy from the environment.
        handlers = [urllib.request.ProxyHandler({})] if _is_loopback(host) else []
        self.opener = urllib.request.build_opener(*handlers)

    def _open(self, relpath: str, start: int = 0) -> http.client.HTTPResponse:
        url = urllib.parse.urljoin(self.base, urllib.parse.quote(relpath))
        # identity: checksums are over the stored bytes, not a compressed transfer of them
        req = urllib.request.Request(url, headers={"User-Agent": "tarikh-download", "Accept-Encoding": "identity"})
        if start:
            req.add_header("Range", f"bytes={start}-")
        try:
            resp: http.client.HTTPResponse = self.opener.open(req, timeout=self.timeout)
            return resp
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                raise ReleaseNotFound(f"{url}: 404 not found") from None
            raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise DownloadError(f"{url}: {getattr(exc, 'reason', exc)}") from None

    def read(self, relpath: str) -> bytes:
        with self._open(relpath) as resp:
            try:
                return resp.read()
            except (http.client.HTTPException, OSError) as exc:
                raise DownloadError(f"{relpath}: transfer broke: {exc}") from None

    def fetch(self, relpath: str, dest: Path, size: int) -> None:
        have = dest.stat().st_size if dest.exists() else 0
        with self._open(relpath, have) as resp:
            if have and resp.status == 206 and not resp.headers.get("Content-Range", "").startswith(f"bytes {have}-"):
                raise DownloadError(f"{relpath}: the server answered a different range than asked for")
            mode = "ab" if have and resp.status == 206 else "wb"
            if mode == "wb":
                have = 0
            try:
                with open(dest, mode) as out:
                    while have < size:
                        block = resp.read(min(_CHUNK, size - have))
                        if not block:
                            break
                        out.write(block)
                        have += len(block)
            except (http.client.HTTPException, OSError) as exc:
                raise DownloadError(
                    f"{relpath}: transfer broke after {dest.stat().st_size} bytes ({exc}); "
                    "run the same command again to resume"
                ) from None
        if have < size:
            raise DownloadError(
                f"{relpath}: got {have} of {size} bytes; run the same command again to resume"
            )


def open_source(where: str | Path) -> Source:
    text = str(where)
    if re.match(r"^https?://", text, re.IGNORECASE):
        return HttpSource(text)
    if "://" in text:
        raise ReleaseError(f"unsupported source {text!r}: use an http(s) URL or a folder")
    return DirSource(Path(text))


# ---------------------------------------------------------------------------------------------
# Listing and downloading


@dataclass(frozen=True)
class IndexEntry:
    story: str
    version: str
    manifest_sha256: str
    created: str | None
    title: str | None
    counts: dict[str, Any]


def read_index(source: Source) -> tuple[list[IndexEntry], dict[str, str]]:
    """The releases a source offers (checked for safe names) and its latest version per story."""
    try:
        data = json.loads(source.read("index.json"))
    except json.JSONDecodeError as exc:
        raise VerifyError(f"index.json is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        raise VerifyError(f"index.json: unknown format (expected {INDEX_FORMAT})")
    entries: list[IndexEntry] = []
    raw_list = data.get("releases", [])
    if not isinstance(raw_list, list) or not all(isinstance(r, dict) for r in raw_list):
        raise VerifyError("index.json: 'releases' must be a list of objects")
    for raw in raw_list:
        story = check_story_name(raw.get("story"))
        version = str(raw.get("version"))
        parse_version(version)
        entries.append(
            IndexEntry(story, version, str(raw.get("manifest_sha256")), raw.get("created"),
                       raw.get("title"), dict(raw.get("counts") or {}))
        )
    raw_latest = data.get("latest") or {}
    if not isinstance(raw_latest, dict):
        raise VerifyError("index.json: 'latest' must be an object")
    latest = {check_story_name(k): str(v) for k, v in raw_latest.items()}
    return entries, latest


def list_releases(where: str | Path) -> list[IndexEntry]:
    return read_index(open_source(where))[0]


def _pick(entries: list[IndexEntry], latest: dict[str, str], version: str, story: str | None) -> IndexEntry:
    if story is not None:
        entries = [e for e in entries if e.story == story]
    stories = sorted({e.story for e in entries})
    if not entries:
        raise ReleaseNotFound(f"no release for story {story!r} in the index" if story else "the index is empty")
    if len(stories) > 1:
        raise ReleaseNotFound(f"the index holds several stories ({', '.join(stories)}); pass --story")
    if version == "latest":
        version = latest.get(stories[0]) or max((e.version for e in entries), key=parse_version)
    for e in entries:
        if e.version == version:
            return e
    raise ReleaseNotFound(
        f"version {version} of {stories[0]} not in the index (have: {', '.join(e.version for e in entries)})"
    )


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on a folder (its ``.lock`` file; released by the OS if the process dies).

    Story folders are locked while a release is written or installed; the datasets folder while
    ``index.json`` is rebuilt, so two stories published at once cannot lose each other's entry.
    """
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def download(where: str | Path, version: str = "latest", to: Path | str = "datasets",
             story: str | None = None) -> Path:
    """Download, verify and install one release from an index; returns the installed folder.

    Every file is checked (size and sha256 from the manifest, whose own sha256 comes from the
    index) before the release is moved into place, so a tampered or truncated file installs
    nothing. A broken transfer leaves its partial file for the next call to resume; a file that
    fails its checksum is deleted so the next call fetches it afresh.
    """
    source = open_source(where)
    entries, latest = read_index(source)
    entry = _pick(entries, latest, version, story)
    target_root = Path(to)
    story_dir = target_root / entry.story
    final = story_dir / entry.version
    with folder_lock(story_dir):
        if (final / "manifest.json").is_file():
            verify_release(final)
            return final
        manifest_bytes = source.read(f"{entry.story}/{entry.version}/manifest.json")
        if hashlib.sha256(manifest_bytes).hexdigest() != entry.manifest_sha256:
            raise VerifyError(f"{entry.story} {entry.version}: manifest.json does not match the index's sha256")
        try:
            manifest = json.loads(manifest_bytes)
        except json.JSONDecodeError as exc:
            raise VerifyError(f"manifest.json is not valid JSON: {exc}") from None
        files = manifest.get("files") if isinstance(manifest, dict) else None
        if not isinstance(files, list) or not files or not all(isinstance(f, dict) for f in files):
            raise VerifyError("manifest.json lists no files")
        plan: list[tuple[str, int, str]] = []
        for f in files:
            name = safe_relpath(f.get("path"))  # refuse traversal before fetching anything
            if name == "manifest.json":
                raise UnsafePathError("manifest.json must not list itself")
            size, digest = f.get("bytes"), f.get("sha256")
            if not isinstance(size, int) or size < 0 or not isinstance(digest, str):
                raise VerifyError(f"manifest entry for {name} lacks bytes/sha256")
            plan.append((name, size, digest))
        staging = story_dir / f".download-{entry.version}"
        staging.mkdir(parents=True, exist_ok=True)
        bad: list[str] = []
        for name, size, digest in plan:
            dest = staging / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            if dest.exists() and dest.stat().st_size > size:
                dest.unlink()
            if not dest.exists() or dest.stat().st_size < size:
                source.fetch(f"{entry.story}/{entry.version}/{name}", dest, size)
            if dest.stat().st_size != size or sha256_file(dest) != digest:
                dest.unlink()
                bad.append(name)
        if bad:
            raise VerifyError(
                f"{entry.story} {entry.version}: checksum mismatch for {', '.join(bad)}; nothing was installed"
            )
        (staging / "manifest.json").write_bytes(manifest_bytes)
        verify_release(staging)
        os.rename(staging, final)
        _fsync_dir(story_dir)
        update_latest(story_dir)
    write_index(target_root)
    return final
