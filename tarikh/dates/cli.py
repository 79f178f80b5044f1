"""`tarikh dates`: find and normalize temporal expressions from the command line.

Two forms. One text: ``tarikh dates --anchor 2024-01-25T14:00+03:00 "نص"`` prints a table (or
``--json``). Batch: ``tarikh dates --jsonl FILE|-`` streams ``{"id", "text", "anchor"}`` lines to
``{"id", "expressions": [...]}`` lines, one in, one out, in constant memory, so it scales to
any number of lines. The batch form is the public interface for bulk use.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import click

from tarikh.dates.grammar import find
from tarikh.dates.model import DatesError

EXAMPLES = """\b
Examples:
  tarikh dates --anchor 2024-01-25T14:00+03:00 "سلمت السفيرة الرسالة يوم الأربعاء"
  tarikh dates --json --anchor 2024-01-25 "في أغسطس/آب الماضي"
  tarikh dates --jsonl articles.jsonl -o dates.jsonl
  cat lines.jsonl | tarikh dates --jsonl - --skip-errors

\b
Batch input lines:  {"id": "a1", "text": "...", "anchor": "2024-01-25T14:00+03:00"}
Batch output lines: {"id": "a1", "expressions": [{"text", "start", "end", "value", ...}]}
A bad line stops the run with its line number, or with --skip-errors becomes
{"id": ..., "line": N, "error": "..."} and the run goes on.
"""


class LineError(Exception):
    """A batch input line that cannot be processed."""


def parse_anchor(raw: Any) -> datetime | date | None:
    """An anchor from the CLI or a JSON line: ISO datetime (aware or naive), ISO date, or null."""
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "none", "null")):
        return None
    if not isinstance(raw, str):
        raise DatesError(f"anchor must be an ISO date or datetime string, not {type(raw).__name__}")
    s = raw.strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        return datetime.fromisoformat(s)
    except ValueError as exc:
        raise DatesError(f"anchor {raw!r} is not an ISO date or datetime") from exc


def process_line(line: str, number: int) -> dict[str, Any]:
    """One batch input line to its output record; raises LineError with the reason."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(rec, dict):
        raise LineError("not a JSON object")
    if "text" not in rec:
        raise LineError('missing "text"')
    text = rec["text"]
    if not isinstance(text, str):
        raise LineError('"text" must be a string')
    try:
        anchor = parse_anchor(rec.get("anchor"))
        exprs = find(text, anchor)
    except DatesError as exc:
        raise LineError(str(exc)) from exc
    return {"id": rec.get("id"), "expressions": [e.to_dict() for e in exprs]}


def _line_id(line: str) -> Any:
    try:
        rec = json.loads(line)
        return rec.get("id") if isinstance(rec, dict) else None
    except json.JSONDecodeError:
        return None


def stream(src: IO[str], out: IO[str], skip_errors: bool) -> tuple[int, int]:
    """Process ``src`` line by line into ``out``; returns (lines written, errors skipped)."""
    written = errors = 0
    for number, line in enumerate(src, start=1):
        if not line.strip():
            continue
        try:
            rec = process_line(line, number)
        except LineError as exc:
            if not skip_errors:
                raise click.ClickException(f"line {number}: {exc}") from None
            rec = {"id": _line_id(line), "line": number, "error": str(exc)}
            errors += 1
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        written += 1
    return written, errors


@contextmanager
def atomic_output(path: Path | None) -> Iterator[IO[str]]:
    """stdout, or a temp file beside ``path`` renamed over it only when everything succeeded."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _print_table(text: str, exprs: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(exprs)} expression(s)")
    for col in ("text", "value", "grain", "cue", "zone"):
        table.add_column(col)
    for e in exprs:
        cue = e["cue"] + (f" {e['mod']}" if e["mod"] else "") + (" hijri" if e["calendar"] == "hijri" else "")
        table.add_row(e["text"], e["value"], e["grain"], cue, e["timezone"] or "")
    Console().print(table)


@click.command(name="dates", epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("text", required=False)
@click.option(
    "--anchor", "anchor_raw", metavar="ISO", help="Publication time (e.g. 2024-01-25T14:00+03:00) or date."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table (single text).")
@click.option(
    "--jsonl", "jsonl", type=click.File("r", encoding="utf-8"), metavar="FILE|-", help="Batch: JSON lines in."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Batch output file (atomic); default stdout.",
)
@click.option("--skip-errors", is_flag=True, help="Batch: write an error object for a bad line and go on.")
def dates_command(
    text: str | None,
    anchor_raw: str | None,
    as_json: bool,
    jsonl: IO[str] | None,
    output: Path | None,
    skip_errors: bool,
) -> None:
    """Find Arabic temporal expressions in TEXT and resolve them to TIMEX3 values.

    Relative expressions (أمس، الخميس الماضي، العام المقبل) resolve against --anchor, the
    publication time, on its local calendar date; without an anchor only absolute dates are
    reported.
    """
    if jsonl is not None:
        if text is not None:
            raise click.UsageError("give either TEXT or --jsonl, not both")
        with atomic_output(output) as out:
            written, errors = stream(jsonl, out, skip_errors)
        if errors:
            click.echo(f"{written} line(s) written, {errors} error(s)", err=True)
        return
    if text is None:
        raise click.UsageError("give a TEXT or --jsonl FILE (see --help)")
    try:
        anchor = parse_anchor(anchor_raw)
        exprs = [e.to_dict() for e in find(text, anchor)]
    except DatesError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(exprs, ensure_ascii=False, indent=2))
    else:
        _print_table(text, exprs)
