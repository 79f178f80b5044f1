"""``tarikh timeline``: show a release's events as a chronology (terminal, HTML, TimelineJS3).

Thin: option parsing and error reporting only; everything else is in :mod:`tarikh.timeline`.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from tarikh.timeline import (
    MODALITY_ORDER,
    TimelineError,
    load_release,
    render_html,
    render_text,
    resolve_release,
    select_events,
    timelinejs_text,
    write_atomic,
)


def _parse_day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command("timeline")
@click.option("--release", "release", type=click.Path(file_okay=False, path_type=Path),
              help="Release folder (default: the latest release of --story under --datasets).")
@click.option("--datasets", "datasets", type=click.Path(file_okay=False, path_type=Path),
              default=Path("datasets"), show_default=True, help="Folder holding releases.")
@click.option("--story", "story", metavar="NAME", help="Story name (needed when --datasets holds several).")
@click.option("--since", callback=_parse_day, metavar="YYYY-MM-DD", help="Only events ending on or after this day.")
@click.option("--until", callback=_parse_day, metavar="YYYY-MM-DD",
              help="Only events starting on or before this day.")
@click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events reported by at least N distinct outlets.")
@click.option("--modality", "modalities", multiple=True, type=click.Choice(MODALITY_ORDER),
              help="Only events of this modality (repeatable; default: all).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one self-contained right-to-left HTML page to FILE.")
@click.option("--format", "fmt", type=click.Choice(["text", "timelinejs"]), default="text", show_default=True,
              help="text: a table in the terminal; timelinejs: TimelineJS3 JSON on stdout.")
def timeline_command(release: Path | None, datasets: Path, story: str | None, since: date | None,
                     until: date | None, min_sources: int, modalities: tuple[str, ...], html_file: Path | None,
                     fmt: str) -> None:
    """Show the events of a release in date order, each with its date at its precision, a summary
    sentence, and the articles behind it.

    \b
    Example:
      tarikh timeline --story demo-us-iraq-coalition --since 2024-01-01 --min-sources 2
      tarikh timeline --story demo-us-iraq-coalition --html timeline.html
      tarikh timeline --release datasets/demo-us-iraq-coalition/1.0.0 --format timelinejs > timeline.json
    """
    try:
        folder = resolve_release(release, datasets, story)
        rel = load_release(folder)
    except (TimelineError, OSError) as exc:
        click.echo(f"tarikh: error: {exc}", err=True)
        sys.exit(1)
    events = select_events(rel.events, since, until, min_sources, modalities or None)
    title = _title(folder, story)
    if html_file is not None:
        try:
            write_atomic(html_file, render_html(events, rel.articles, title))
        except OSError as exc:
            click.echo(f"tarikh: error: cannot write {html_file}: {exc}", err=True)
            sys.exit(1)
        click.echo(f"wrote {html_file} ({len(events)} events)", err=True)
        return
    if fmt == "timelinejs":
        click.echo(timelinejs_text(events, rel.articles, title))
        return
    from rich.console import Console

    render_text(events, rel.articles, Console())


def _title(folder: Path, story: str | None) -> str:
    """The release's own title (its manifest), with the dataset name and version."""
    import json

    name = f"{story or folder.parent.name} {folder.name}"
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return name
    title = manifest.get("title")
    return f"{title} ({name})" if title else name
