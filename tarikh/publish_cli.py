"""Click commands for releases: publish, query, search, download, releases.

Thin adapters: each parses options, calls the library (:mod:`tarikh.publish`,
:mod:`tarikh.query`, :mod:`tarikh.releases`) and turns its typed errors into one line on stderr
and exit status 1. The lead registers them in :mod:`tarikh.cli`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from tarikh.releases import ReleaseError

DATASETS = click.option("--datasets", "datasets_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("datasets"), show_default=True, help="Folder holding releases.")
FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                      show_default=True, help="Output format.")


def _fail(message: str) -> NoReturn:
    click.echo(f"tarikh: error: {message}", err=True)
    sys.exit(1)


def _load_story(story: str | None, state_dir: Path, stories_dir: Path = Path("stories")) -> Any:
    """The story to publish: a story file, a story name, or (None) the only story crawled in state_dir.

    A name is looked up as ``stories/<name>.toml``, then among ``stories/*.toml`` by their
    ``name`` key (file names and dataset names often differ).
    """
    from tarikh.story import StoryError, load_story

    if story is None:
        crawled = sorted(p.name for p in state_dir.glob("*") if (p / "articles").is_dir()) if state_dir.is_dir() else []
        if len(crawled) != 1:
            _fail(f"pass --story: {state_dir} holds {len(crawled)} crawled stories ({', '.join(crawled) or 'none'})")
        story = crawled[0]
    path = Path(story)
    if path.is_file() or path.suffix == ".toml":
        try:
            return load_story(path)
        except StoryError as exc:
            _fail(str(exc))
    candidates = [stories_dir / f"{story}.toml", *sorted(stories_dir.glob("*.toml"))]
    for candidate in candidates:
        if not candidate.is_file():
            continue
        try:
            loaded = load_story(candidate)
        except StoryError:
            continue
        if loaded.name == story or candidate == candidates[0]:
            return loaded
    _fail(f"no story named {story!r}: give a story file, or a name found in {stories_dir}/*.toml")


@click.command("publish")
@click.option("--story", "story", default=None, metavar="NAME|FILE",
              help="Story file or name (stories/NAME.toml, or the file whose name = NAME). "
                   "Default: the only story crawled in --state.")
@click.option("--version", "version", metavar="X.Y.Z", default=None,
              help="Release version (default: next minor when events were added or removed, else next patch).")
@click.option("--state", "state_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("state"),
              show_default=True, help="Crawl state folder holding <story>/articles/*.parquet.")
@DATASETS
@click.option("--crawl-report", "crawl_report", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="A crawl report (JSON) to include as crawl-report.json.")
def publish_command(story: str | None, version: str | None, state_dir: Path, datasets_dir: Path,
                    crawl_report: Path | None) -> None:
    """Build a new release of a story from its crawl shards.

    Writes DATASETS/<story>/<version>/ (Parquet, manifest.json, SHA256SUMS, README.md,
    CHANGELOG.md, datapackage.json), updates DATASETS/<story>/latest and DATASETS/index.json,
    and a .tar.gz archive next to the release. Existing versions are never overwritten.

    \b
    Example:
      tarikh publish --story stories/demo.toml --state state --datasets datasets
      tarikh publish --story demo-us-iraq-coalition --version 2.0.0
      tarikh publish            # the only story crawled in ./state
    """
    from tarikh.events import EventsError
    from tarikh.publish import publish
    from tarikh.schema import SchemaError

    s = _load_story(story, state_dir)
    report = None
    if crawl_report is not None:
        try:
            report = json.loads(crawl_report.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            _fail(f"cannot read crawl report {crawl_report}: {exc}")
    try:
        path = publish(s, state_dir, datasets_dir, version=version, crawl_report=report)
    except (ReleaseError, SchemaError, EventsError, OSError) as exc:
        _fail(str(exc))
    click.echo(f"published {path}")


@click.command("query")
@click.argument("sql")
@click.option("--release", "release", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Release folder (or story folder: its latest). Default: latest under --datasets.")
@DATASETS
@FORMAT
def query_command(sql: str, release: Path | None, datasets_dir: Path, fmt: str) -> None:
    """Run SQL over a release: views articles, mentions, events.

    The SQL macro ar_fold(text) folds Arabic for matching (diacritics, hamza forms, ة/ه, ى/ي,
    digits).

    \b
    Example:
      tarikh query "select value, summary from events order by date_start"
      tarikh query "select outlet, count(*) from articles group by all" --format csv
      tarikh query "select * from events" --release datasets/demo-us-iraq-coalition/1.0.0 --format json
    """
    from tarikh.query import run

    try:
        click.echo(run(sql, release, datasets_dir, fmt), nl=False)
    except ReleaseError as exc:
        _fail(str(exc))


@click.command("search")
@click.argument("text")
@click.option("--release", "release", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Release folder (or story folder). Default: latest under --datasets.")
@DATASETS
@FORMAT
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="At most this many hits.")
def search_command(text: str, release: Path | None, datasets_dir: Path, fmt: str, limit: int) -> None:
    """Arabic-aware search over articles (title, body) and dated sentences.

    Every word must occur (\"quoted words\" as a phrase); diacritics, hamza/alef forms, ة/ه, ى/ي
    and digits are folded on both sides, and glued prefixes are allowed, so العراق finds
    والعراق.

    \b
    Example:
      tarikh search "اللجنة العسكرية العليا"
      tarikh search '"عين الأسد" هجوم' --format json
    """
    from tarikh.query import search

    try:
        click.echo(search(text, release, datasets_dir, fmt, limit), nl=False)
    except ReleaseError as exc:
        _fail(str(exc))


@click.command("download")
@click.argument("version", default="latest")
@click.option("--from", "source", required=True, metavar="URL|DIR",
              help="Base URL or folder holding index.json (a datasets folder, as published).")
@click.option("--to", "to", type=click.Path(file_okay=False, path_type=Path), default=Path("datasets"),
              show_default=True, help="Datasets folder to install into.")
@click.option("--story", default=None, metavar="NAME", help="Story to fetch when the index holds several.")
def download_command(version: str, source: str, to: Path, story: str | None) -> None:
    """Download a release (VERSION or latest), verify every file, install it.

    Nothing is installed unless every sha256 matches the manifest. An interrupted transfer
    resumes (HTTP Range) when the same command is run again.

    \b
    Example:
      tarikh download latest --from https://example.org/tarikh-datasets --to datasets
      tarikh download 1.2.0 --from /mnt/share/datasets --story demo-us-iraq-coalition
    """
    from tarikh.releases import download

    try:
        path = download(source, version, to, story)
    except ReleaseError as exc:
        _fail(str(exc))
    click.echo(f"installed and verified {path}")


@click.command("releases")
@click.option("--from", "source", required=True, metavar="URL|DIR", help="Base URL or folder holding index.json.")
@FORMAT
def releases_command(source: str, fmt: str) -> None:
    """List the releases a folder or URL offers.

    \b
    Example:
      tarikh releases --from datasets
      tarikh releases --from https://example.org/tarikh-datasets --format json
    """
    from tarikh.query import format_rows
    from tarikh.releases import open_source, read_index

    try:
        entries, latest = read_index(open_source(source))
    except ReleaseError as exc:
        _fail(str(exc))
    rows = [
        (e.story, e.version, "yes" if latest.get(e.story) == e.version else "", e.created,
         e.counts.get("articles"), e.counts.get("mentions"), e.counts.get("events"), e.title)
        for e in entries
    ]
    cols = ["story", "version", "latest", "created", "articles", "mentions", "events", "title"]
    click.echo(format_rows(cols, rows, fmt), nl=False)
