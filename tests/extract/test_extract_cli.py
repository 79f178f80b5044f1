"""``extract_command``: a saved file or a URL (served on loopback here) to one JSON object."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from tarikh.extract.cli import extract_command

PAGES = Path(__file__).resolve().parent.parent / "pages"


def test_file_with_url_prints_one_json_object() -> None:
    result = CliRunner().invoke(
        extract_command,
        [str(PAGES / "basra-today.url-only.html"), "--url", "https://basra-today.example/2024/01/30/a.html"],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["published"] == "2024-01-30T00:00:00+00:00"
    assert out["date_source"] == "url" and out["published_grain"] == "day"
    assert out["title"] and "body" in out


def test_headers_and_hints_options() -> None:
    result = CliRunner().invoke(
        extract_command,
        [
            str(PAGES / "qabas.iso-8859-6-lying-header.html"),
            "--header",
            "Content-Type: text/html; charset=windows-1256",
            "--hint-published",
            "Sat, 20 Jan 2024 21:15:00 +0300",
            "--hint-source",
            "rss",
            "--fetched-at",
            "2024-02-01T00:00:00+00:00",
            "--no-body",
        ],
    )
    out = json.loads(result.output)
    assert out["encoding"] == "iso-8859-6"
    assert out["published"] == "2024-01-20T21:15:00+03:00" and out["date_source"] == "hint"
    assert "body" not in out


def test_bad_options_are_clear_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(extract_command, [str(tmp_path / "missing.html")]).exit_code != 0
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>نص</p></body></html>", encoding="utf-8")
    bad = runner.invoke(extract_command, [str(page), "--fetched-at", "2024-01-25T10:00"])
    assert bad.exit_code != 0 and "offset" in bad.output


def test_help_has_an_example() -> None:
    result = CliRunner().invoke(extract_command, ["--help"])
    assert result.exit_code == 0 and "tarikh extract" in result.output


@pytest.fixture
def served() -> Iterator[str]:
    raw = (PAGES / "sawt-baghdad.table-cp1256.html").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")  # a lying header
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/news.php?id=1175"
    finally:
        server.shutdown()
        server.server_close()


def test_url_is_fetched_and_a_lying_header_is_overruled(served: str) -> None:
    result = CliRunner().invoke(extract_command, [served, "--no-body"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["encoding"] == "windows-1256"
    assert out["title"] == "الخارجية تتسلم رسالة أمريكية حول مستقبل التحالف"
    assert out["url"] == served
