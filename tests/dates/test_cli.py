"""`tarikh dates`: single text, batch JSON lines, errors, streaming."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tarikh.dates.cli import dates_command, stream

ANCHOR = "2024-01-25T14:00+03:00"


def test_single_text_json() -> None:
    res = CliRunner().invoke(
        dates_command, ["--json", "--anchor", ANCHOR, "سلمت السفيرة الرسالة يوم الأربعاء"]
    )
    assert res.exit_code == 0, res.output
    [e] = json.loads(res.output)
    assert (e["text"], e["value"], e["grain"]) == ("يوم الأربعاء", "2024-01-24", "day")


def test_single_text_table_and_help() -> None:
    runner = CliRunner()
    res = runner.invoke(dates_command, ["--anchor", ANCHOR, "في عام 2014 وأمس"])
    assert res.exit_code == 0 and "2014" in res.output and "2024-01-24" in res.output
    helped = runner.invoke(dates_command, ["--help"])
    assert helped.exit_code == 0 and "Examples" in helped.output and "--jsonl" in helped.output


def test_bad_anchor_is_a_clear_error() -> None:
    res = CliRunner().invoke(dates_command, ["--anchor", "yesterday", "أمس"])
    assert res.exit_code != 0 and "anchor" in res.output and "Traceback" not in res.output


def test_batch_round_trip_to_atomic_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "قال المتحدث أمس", "anchor": ANCHOR},
        {"id": "b", "text": "سيطر التنظيم عام 2014", "anchor": None},
        {"id": "c", "text": "نحو 2500 جندي", "anchor": "2024-01-25"},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "dates.jsonl"
    res = CliRunner().invoke(dates_command, ["--jsonl", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [g["id"] for g in got] == ["a", "b", "c"]
    assert [e["value"] for e in got[0]["expressions"]] == ["2024-01-24"]
    assert [e["value"] for e in got[1]["expressions"]] == ["2014"]
    assert got[2]["expressions"] == []
    assert [p.name for p in out.parent.iterdir()] == ["dates.jsonl"]  # no temp file left


def test_bad_line_stops_with_line_number_and_leaves_no_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "text": "أمس", "anchor": "2024-01-25"}\n{"id": 2, "text": 5}\n', encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(dates_command, ["--jsonl", str(src), "-o", str(out)])
    assert res.exit_code == 1
    assert "line 2" in res.output and '"text" must be a string' in res.output
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_skip_errors_writes_error_objects() -> None:
    data = '{"id": "x", "text": "أمس", "anchor": "2024-01-25"}\n[1, 2]\n{"id": "z", "anchor": "2024-01-25"}\n{bad\n'
    res = CliRunner().invoke(dates_command, ["--jsonl", "-", "--skip-errors"], input=data)
    assert res.exit_code == 0
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows[0]["id"] == "x" and rows[0]["expressions"]
    assert rows[1] == {"id": None, "line": 2, "error": "not a JSON object"}
    assert rows[2]["id"] == "z" and rows[2]["line"] == 3 and "text" in rows[2]["error"]
    assert rows[3]["line"] == 4 and "JSON" in rows[3]["error"]


def test_stream_is_incremental() -> None:
    """Each output line is written before the next input line is read (constant memory)."""
    out = io.StringIO()
    seen: list[int] = []

    def source() -> Iterator[str]:
        for n in range(1, 2001):
            # before yielding line n, lines 1..n-1 must already be out
            assert out.getvalue().count("\n") == n - 1
            seen.append(n)
            yield json.dumps({"id": n, "text": f"في عام {1950 + n % 100}", "anchor": None}) + "\n"

    written, errors = stream(source(), out, skip_errors=False)  # type: ignore[arg-type]
    assert (written, errors) == (2000, 0) and len(seen) == 2000


def test_text_or_jsonl_required() -> None:
    res = CliRunner().invoke(dates_command, [])
    assert res.exit_code == 2


@pytest.mark.parametrize("raw", ["2024-01-25", "2024-01-25T14:00", "2024-01-25T11:00Z", "null", None])
def test_anchor_forms(raw: str | None) -> None:
    from tarikh.dates.cli import parse_anchor

    a = parse_anchor(raw)
    assert a is None or a.isoformat().startswith("2024-01-25")


def test_click_command_object() -> None:
    assert isinstance(dates_command, click.Command) and dates_command.name == "dates"
