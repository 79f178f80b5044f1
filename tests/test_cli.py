"""The CLI contract: every command answers --help with an example, and errors are one clear line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tarikh.cli import LAZY_COMMANDS, main


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`tarikh {name} --help` shows no example"
    assert f"tarikh {name}" in result.output


def test_group_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in LAZY_COMMANDS:
        assert name in result.output


def crawl_story(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    """Write a story file and run `tarikh crawl` on it with state and datasets under ``tmp_path``."""
    story = tmp_path / "s.toml"
    story.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "tarikh.cli", "crawl", str(story), "--state", str(tmp_path / "st"),
         "--datasets", str(tmp_path / "ds")],
        capture_output=True, text=True, timeout=120,
    )


def test_bad_story_is_one_clear_line(tmp_path: Path) -> None:
    proc = crawl_story(tmp_path, 'name = "Bad Name"\ntitle = "t"\nstart_urls = ["http://x.example/"]\nkeywords = ["k"]\n')
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0, proc.stderr
    assert "s.toml" in proc.stderr and "'name'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "st").exists(), "nothing may be written before the story validates"


def test_a_crawl_that_keeps_nothing_says_so(tmp_path: Path) -> None:
    """An unreachable start URL: the report is printed, then one clear error line, exit status 1."""
    from tests.crawl.site import Page, Site

    with Site({"/robots.txt": Page("User-agent: *\n", headers={"Content-Type": "text/plain"})}) as site:
        proc = crawl_story(tmp_path, f'name = "empty"\ntitle = "t"\nstart_urls = ["{site.base}/missing"]\n'
                                     'keywords = ["k"]\n')
    assert proc.returncode == 1
    assert "articles kept" in proc.stdout
    assert "nothing to publish: the crawl kept no article" in proc.stderr
    assert "Traceback" not in proc.stderr
