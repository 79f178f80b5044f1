"""Golden pages (tests/pages) and the publication-time scoring shared by the test and the benchmark.

A published time counts as right when it is the same instant (expected grain ``minute``), within
the same hour (``hour``), or on the same local day (``day``: only the day is knowable); a page
that gives no date must get none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent.parent / "pages"


@dataclass(frozen=True)
class Case:
    name: str
    raw: bytes
    url: str
    fetched_at: datetime
    headers: dict[str, str] | None
    hints: dict[str, Any] | None
    dates_probe: str | None
    expect: dict[str, Any]


def load_cases(pages: Path = PAGES) -> list[Case]:
    """The cases of ``pages`` (a folder of pages with one ``expected.json``)."""
    spec = json.loads((pages / "expected.json").read_text(encoding="utf-8"))
    cases = []
    for name, case in sorted(spec.items()):
        if name.startswith("_"):
            continue
        cases.append(
            Case(
                name=name,
                raw=(pages / name).read_bytes(),
                url=case["url"],
                fetched_at=datetime.fromisoformat(case["fetched_at"]),
                headers=case.get("headers"),
                hints=case.get("hints"),
                dates_probe=case.get("dates_probe"),
                expect=case["expect"],
            )
        )
    return cases


def expected_day(expect: dict[str, Any]) -> date | None:
    """The outlet-local calendar day the page was published on, per ``expected.json``."""
    value = expect.get("published")
    if value is None:
        return None
    return date.fromisoformat(value[:10])


def published_right(expect: dict[str, Any], got: datetime | None, got_grain: str | None) -> bool:
    """Is ``got`` the expected publication time, at the grain the page makes knowable?"""
    value = expect.get("published")
    if value is None or got is None:
        return value is None and got is None
    grain = expect.get("published_grain", "minute")
    if grain == "day":
        return got.date() == date.fromisoformat(value)
    if got_grain not in {"minute", "hour", "second"}:
        return False
    want = datetime.fromisoformat(value)
    if grain == "hour":
        return abs(got - want) < timedelta(hours=1)
    return got == want


def day_right(expect: dict[str, Any], got_day: date | None) -> bool:
    """Day-level check used for peers that only return a date (htmldate, trafilatura)."""
    return expected_day(expect) == got_day


_GRAIN_ORDER = {"minute": 0, "hour": 1, "day": 2}


def dates_can_read(case: Case) -> bool:
    """Can ``tarikh.dates`` read the page's visible date text at the grain the page needs?

    Pages whose only date is visible Arabic text depend on another module; they are scored only
    when that module reads their date text (an error or a miss there is that module's to fix).
    """
    if case.dates_probe is None:
        return True
    try:
        from tarikh.dates import find  # type: ignore[attr-defined,unused-ignore]

        exprs = find(case.dates_probe, case.fetched_at)
    except Exception:
        return False
    need = _GRAIN_ORDER.get(case.expect.get("published_grain", "day"), 2)
    return any(_GRAIN_ORDER.get(e.grain, 9) <= need for e in exprs)
