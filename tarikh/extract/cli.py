"""``tarikh extract FILE_OR_URL``: run the extractor on one page and print one JSON object.

A thin adapter: the library stays pure, so the clock (for ``fetched_at`` of a live fetch) and
the network (urllib, for a URL argument) live here only.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import click

from .article import article
from .model import ExtractError, Hints

_UA = "tarikh-extract/0.1 (+https://example.invalid/tarikh)"


def _fetch(url: str, timeout: float) -> tuple[bytes, str, dict[str, str], datetime]:
    req = urllib.request.Request(url, headers={"User-Agent": _UA, "Accept": "text/html,*/*;q=0.5"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - the user asked for this URL
        body = resp.read()
        headers = {k: v for k, v in resp.headers.items()}
        final = resp.geturl()
    return body, final, headers, datetime.now(UTC)


def _parse_when(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not ISO 8601: {value!r}", param_hint=name) from exc
    if when.tzinfo is None:
        raise click.BadParameter("give an offset, e.g. 2024-01-25T12:00:00+00:00", param_hint=name)
    return when


@click.command("extract")
@click.argument("file_or_url")
@click.option(
    "--url",
    "page_url",
    help="The page's URL when FILE_OR_URL is a saved file (used for URL dates and links).",
)
@click.option(
    "--fetched-at",
    help="When the page was fetched (ISO 8601 with offset); resolves 'منذ ساعتين' and bounds dates. "
    "Defaults to now for a URL, unknown for a file.",
)
@click.option("--hint-published", help="Publication time discovery knew (feed pubDate, sitemap date).")
@click.option("--hint-source", help="Where the hint came from: rss, atom, news-sitemap, listing.")
@click.option(
    "--header", "headers", multiple=True, help="HTTP header of a saved file, 'Name: value' (repeatable)."
)
@click.option("--no-body", is_flag=True, help="Leave the main text out of the output.")
@click.option("--timeout", default=30.0, show_default=True, help="Seconds to wait for a URL.")
def extract_command(
    file_or_url: str,
    page_url: str | None,
    fetched_at: str | None,
    hint_published: str | None,
    hint_source: str | None,
    headers: tuple[str, ...],
    no_body: bool,
    timeout: float,
) -> None:
    """Extract title, main text, outlet and the true publication time of one news page.

    Prints one JSON object: published/modified in ISO 8601 with offset, date_source (the ladder
    step: hint, json-ld, meta, time, text, url), published_raw, title, body, outlet, page_kind,
    encoding and warnings.

    \b
    Examples:
      tarikh extract saved.html --url https://www.example.com/2024/01/25/story
      tarikh extract page.html --header "Content-Type: text/html; charset=windows-1256"
      tarikh extract https://www.example.com/news/123
    """
    header_map: dict[str, str] = {}
    for h in headers:
        name, sep, value = h.partition(":")
        if not sep:
            raise click.BadParameter(f"expected 'Name: value', got {h!r}", param_hint="--header")
        header_map[name.strip()] = value.strip()
    when = _parse_when(fetched_at, "--fetched-at")
    if file_or_url.startswith(("http://", "https://")):
        try:
            raw, final_url, fetched_headers, now = _fetch(file_or_url, timeout)
        except OSError as exc:
            raise click.ClickException(f"cannot fetch {file_or_url}: {exc}") from exc
        header_map = {**fetched_headers, **header_map}
        url = page_url or final_url
        when = when or now
    else:
        path = Path(file_or_url)
        if file_or_url == "-":
            raw = sys.stdin.buffer.read()
        elif not path.is_file():
            raise click.ClickException(f"no such file: {file_or_url}")
        else:
            raw = path.read_bytes()
        url = page_url or (path.resolve().as_uri() if file_or_url != "-" else "stdin:")
    hints = Hints(published=hint_published, source=hint_source) if hint_published else None
    try:
        art = article(raw, url, headers=header_map or None, hints=hints, fetched_at=when)
    except ExtractError as exc:
        raise click.ClickException(str(exc)) from exc
    out = art.to_dict()
    if no_body:
        out.pop("body", None)
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))
