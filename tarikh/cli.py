"""The `tarikh` command: a thin click group over the library.

Each command lives next to the stage it drives and is loaded only when used, so `tarikh --help`
stays fast and a stage's heavy imports (Scrapy, DuckDB) are paid only by the commands that need
them. Typed library errors become one clear line and exit status 1, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from tarikh import __version__

# command name -> (module, attribute, one-line help shown by `tarikh --help`)
LAZY_COMMANDS: dict[str, tuple[str, str, str]] = {
    "crawl": ("tarikh.cli", "crawl_command", "Crawl a story's outlets and publish a release."),
    "reextract": ("tarikh.cli", "reextract_command", "Rebuild a release from WARC archives, offline."),
    "worker": ("tarikh.cli", "worker_command", "Join a shared (Redis) crawl as an extra worker."),
    "dates": ("tarikh.dates.cli", "dates_command", "Find Arabic temporal expressions and normalize them."),
    "extract": ("tarikh.extract.cli", "extract_command", "Extract one article (title, body, dates) from HTML."),
    "publish": ("tarikh.publish_cli", "publish_command", "Build a release from a story's crawl shards."),
    "query": ("tarikh.publish_cli", "query_command", "Run SQL over a release (views articles, mentions, events)."),
    "search": ("tarikh.publish_cli", "search_command", "Arabic-aware search over articles and mentions."),
    "releases": ("tarikh.publish_cli", "releases_command", "List the releases a folder or URL offers."),
    "download": ("tarikh.publish_cli", "download_command", "Download and verify a release."),
    "timeline": ("tarikh.timeline_cli", "timeline_command", "Show a release's events as a timeline."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        spec = LAZY_COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module = importlib.import_module(spec[0])
        command = getattr(module, spec[1])
        if not isinstance(command, click.Command):
            raise TypeError(f"{spec[0]}.{spec[1]} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, LAZY_COMMANDS[name][2]) for name in sorted(LAZY_COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="tarikh")
def main() -> None:
    """tarikh: dated, sourced event timelines from Arabic news.

    \b
    Example:
      tarikh crawl stories/demo.toml
      tarikh query "select value, summary from events order by date_start"
    """


def fail(message: str) -> NoReturn:
    """Print one clear error line and exit 1."""
    click.echo(f"tarikh: error: {message}", err=True)
    sys.exit(1)


@click.command("crawl")
@click.argument("story_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--datasets", "datasets_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("datasets"), show_default=True, help="Folder receiving releases.")
@click.option("--state", "state_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("state"), show_default=True,
              help="Folder for crawl state: WARC archives, article shards, reports.")
@click.option("--no-publish", is_flag=True, help="Crawl and store shards only; publish later.")
@click.option("--version", "release_version", metavar="X.Y.Z", help="Version of the release to publish.")
@click.option("--redis", "redis_url", metavar="redis://HOST:PORT/DB",
              help="Share the crawl's frontier in Redis so `tarikh worker` processes can join.")
@click.option("--max-site-rate", type=float, metavar="R",
              help="With --redis: at most R requests per second to any one site, across all workers.")
@click.option("--concurrency", type=click.IntRange(1, 256), metavar="N",
              help="Requests in parallel in this process (default 16; at most 4 per site live).")
def crawl_command(story_file: Path, datasets_dir: Path, state_dir: Path, no_publish: bool,
                  release_version: str | None, redis_url: str | None, max_site_rate: float | None,
                  concurrency: int | None) -> None:
    """Crawl the outlets of STORY_FILE and publish a release.

    Every file the crawl writes goes under --datasets and --state.

    \b
    Example:
      tarikh crawl stories/demo.toml --datasets datasets --state state
      tarikh crawl stories/demo.toml --redis redis://127.0.0.1:6379/0   # then start workers
    """
    story = _load(story_file)
    report = _run(story, datasets_dir=datasets_dir, state_dir=state_dir, publish=not no_publish,
                  version=release_version, redis_url=redis_url, coordinator=True, max_site_rate=max_site_rate,
                  concurrency=concurrency)
    print_summary(report)
    if report.publish_error:
        fail(f"{report.publish_error} (the crawl report above says what was fetched and dropped)")


@click.command("worker")
@click.argument("story_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--redis", "redis_url", metavar="redis://HOST:PORT/DB", required=True,
              help="The Redis server holding the shared frontier.")
@click.option("--state", "state_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("state"), show_default=True,
              help="Crawl state folder (shared storage, the same one the coordinator uses).")
@click.option("--max-site-rate", type=float, metavar="R",
              help="At most R requests per second to any one site, across all workers.")
@click.option("--concurrency", type=click.IntRange(1, 256), metavar="N",
              help="Requests in parallel in this process (default 16; at most 4 per site live).")
def worker_command(story_file: Path, redis_url: str, state_dir: Path, max_site_rate: float | None,
                   concurrency: int | None) -> None:
    """Join the shared crawl of STORY_FILE started with `tarikh crawl --redis`.

    The worker takes requests from the shared queue, writes its own shards and WARC under --state,
    and stops when the crawl is done; the coordinator publishes the release.

    \b
    Example:
      tarikh worker stories/demo.toml --redis redis://10.0.0.5:6379/0 --state /mnt/shared/state
    """
    story = _load(story_file)
    report = _run(story, datasets_dir=Path("datasets"), state_dir=state_dir, publish=False, version=None,
                  redis_url=redis_url, coordinator=False, max_site_rate=max_site_rate, concurrency=concurrency)
    click.echo(f"worker done: {report.counters.get('response_received_count', 0)} pages fetched, "
               f"{report.kept()} articles kept")


def _load(story_file: Path) -> Any:
    from tarikh.story import StoryError, load_story

    try:
        return load_story(story_file)
    except StoryError as exc:
        fail(str(exc))


def _run(story: Any, **kwargs: Any) -> Any:
    from tarikh.crawl import CrawlError, run_crawl

    try:
        return run_crawl(story, kwargs.pop("datasets_dir"), kwargs.pop("state_dir"), **kwargs)
    except (CrawlError, OSError, ValueError) as exc:
        fail(str(exc))


def print_summary(report: Any) -> None:
    """The end-of-crawl summary: what was kept, dropped and why, and where the release is."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    c = report.counters
    table = Table(title=f"crawl of {report.story}", show_header=False, box=None)
    table.add_row("pages fetched", str(c.get("response_received_count", 0)))
    table.add_row("articles kept", str(report.kept()))
    for reason, n in report.dropped().items():
        table.add_row(f"articles dropped ({reason})", str(n))
    for key, label in (("tarikh/skipped/outside_window_before_fetch", "skipped before fetch (outside window)"),
                       ("tarikh/pages/not_found", "'not found' pages"),
                       ("tarikh/pages/blocked", "blocked pages"),
                       ("tarikh/pages/listing", "listing pages")):
        if c.get(key):
            table.add_row(label, str(c[key]))
    if report.release:
        import pyarrow.parquet as pq

        for name in ("articles", "mentions", "events"):
            path = Path(report.release) / f"{name}.parquet"
            if path.exists():
                table.add_row(f"{name} in release", str(pq.read_metadata(path).num_rows))
    console.print(table)
    outlets = report.outlets()
    if outlets:
        per = Table(title="per outlet", title_justify="left")
        for col in ("outlet", "discovered", "fetched", "kept", "dropped (why)", "other statuses / errors"):
            per.add_column(col)
        for host, c in outlets.items():
            dropped = ", ".join(
                f"{k.removeprefix('articles/dropped/')} {v}" for k, v in sorted(c.items())
                if k.startswith("articles/dropped/")
            ) or "0"
            trouble = ", ".join(
                f"{k.split('/', 1)[1]}: {v}" for k, v in sorted(c.items()) if k.startswith(("status/", "errors/"))
            )
            per.add_row(host, str(c.get("discovered", 0)), str(c.get("fetched", 0)),
                        str(c.get("articles/kept", 0)), str(dropped), trouble or "-")
        console.print(per)
    if report.release:
        console.print(f"\nrelease: {report.release}", soft_wrap=True)
        console.print('Try:  make query SQL="select value, summary from events order by date_start"')


@click.command("reextract")
@click.argument("story_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("warcs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--state", "state_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("state-reextract"), show_default=True, help="Folder for the rebuilt shards.")
@click.option("--datasets", "datasets_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("datasets-reextract"), show_default=True, help="Folder receiving the rebuilt release.")
@click.option("--no-publish", is_flag=True, help="Write the rebuilt shard only.")
def reextract_command(story_file: Path, warcs: tuple[Path, ...], state_dir: Path, datasets_dir: Path,
                      no_publish: bool) -> None:
    """Rebuild articles, mentions and events of STORY_FILE from WARC archives, with no network.

    \b
    Example:
      tarikh reextract stories/demo.toml state/demo-us-iraq-coalition/warc/*.warc.gz
    """
    from tarikh.crawl.reextract import ReextractError, reextract
    from tarikh.story import StoryError, load_story

    try:
        story = load_story(story_file)
        shard, counts = reextract(story, warcs, state_dir)
    except (StoryError, ReextractError) as exc:
        fail(str(exc))
        return
    click.echo(f"{counts['responses']} responses read; {counts['kept']} articles kept, {counts['dropped']} dropped")
    if shard is not None:
        click.echo(f"shard: {shard}")
    if not no_publish and shard is not None:
        from tarikh.publish import publish

        click.echo(f"release: {publish(story, state_dir, datasets_dir)}")


main.add_command(crawl_command)
main.add_command(reextract_command)
main.add_command(worker_command)


if __name__ == "__main__":  # pragma: no cover
    main()
