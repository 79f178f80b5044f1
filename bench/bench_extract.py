"""Benchmark of tarikh.extract on the golden pages: publication-time accuracy and pages/second.

In one run, on the same bytes (``tests/pages/*.html`` with ``tests/pages/expected.json``):

* **ours**: ``tarikh.extract.article`` (full extraction: decoding, body by trafilatura, dates),
  and again with ``main_text=False`` (everything but the body: the like-for-like speed against
  date-only tools), scored exactly (same instant for minute grain, same hour for hour grain, same local day for
  day grain, none where the page gives none) and at the day level;
* **htmldate fast**: ``htmldate.find_date(html, url=url, extensive_search=False)``;
* **htmldate extensive**: ``htmldate.find_date(html, url=url, extensive_search=True)``;
* **trafilatura metadata**: ``trafilatura.extract_metadata(html, default_url=url).date``.

Peers return a day only, so they are scored at the day level (a page with no date must get
none). Pages whose date is only visible Arabic text that ``tarikh.dates`` cannot read yet are
still scored (a miss is a miss) and listed. Speed is pages/second over ``--rounds`` passes.

Run: ``.venv/bin/python bench/bench_extract.py [--rounds N] [--verbose]``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tarikh.extract import article  # noqa: E402
from tests.extract.extract_golden import Case, dates_can_read, day_right, load_cases, published_right  # noqa: E402


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def run_ours(case: Case) -> Any:
    return article(case.raw, case.url, headers=case.headers, hints=case.hints, fetched_at=case.fetched_at)


def run_ours_dates(case: Case) -> Any:
    return article(
        case.raw,
        case.url,
        headers=case.headers,
        hints=case.hints,
        fetched_at=case.fetched_at,
        main_text=False,
    )


def htmldate_fast(case: Case) -> date | None:
    from htmldate import find_date

    return _day(find_date(case.raw, url=case.url, extensive_search=False))


def htmldate_extensive(case: Case) -> date | None:
    from htmldate import find_date

    return _day(find_date(case.raw, url=case.url, extensive_search=True))


def trafilatura_date(case: Case) -> date | None:
    from trafilatura import extract_metadata

    meta = extract_metadata(case.raw, default_url=case.url)
    return _day(meta.date if meta is not None else None)


def timed(fn: Callable[[Case], Any], cases: list[Case], rounds: int) -> tuple[list[Any], float]:
    results = [fn(c) for c in cases]  # warm-up pass, also the scored one
    start = time.perf_counter()
    for _ in range(rounds):
        for c in cases:
            fn(c)
    elapsed = time.perf_counter() - start
    return results, (len(cases) * rounds) / elapsed if elapsed > 0 else float("inf")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # peers log every miss

    cases = load_cases()
    ours, ours_pps = timed(run_ours, cases, args.rounds)
    ours_dates, dates_pps = timed(run_ours_dates, cases, args.rounds)
    peers = {
        "htmldate fast": timed(htmldate_fast, cases, args.rounds),
        "htmldate extensive": timed(htmldate_extensive, cases, args.rounds),
        "trafilatura metadata": timed(trafilatura_date, cases, args.rounds),
    }
    n = len(cases)
    exact = sum(
        published_right(c.expect, a.published, a.published_grain) for c, a in zip(cases, ours, strict=True)
    )
    ours_day = sum(
        day_right(c.expect, a.published.date() if a.published is not None else None)
        for c, a in zip(cases, ours, strict=True)
    )
    print(f"tarikh.extract benchmark on {n} golden pages ({args.rounds} timed rounds)")
    print(f"{'method':<22} {'day acc':>8} {'exact acc':>10} {'pages/s':>9}")
    dates_exact = sum(
        published_right(c.expect, a.published, a.published_grain)
        for c, a in zip(cases, ours_dates, strict=True)
    )
    print(f"{'ours (full article)':<22} {ours_day / n:>8.3f} {exact / n:>10.3f} {ours_pps:>9.1f}")
    print(f"{'ours (main_text=False)':<22} {'':>8} {dates_exact / n:>10.3f} {dates_pps:>9.1f}")
    for name, (results, pps) in peers.items():
        right = sum(day_right(c.expect, r) for c, r in zip(cases, results, strict=True))
        print(f"{name:<22} {right / n:>8.3f} {'-':>10} {pps:>9.1f}")
    print()
    for name, (results, pps) in peers.items():
        right = sum(day_right(c.expect, r) for c, r in zip(cases, results, strict=True))
        acc_ratio = (ours_day / right) if right else float("inf")
        print(
            f"ours vs {name}: day accuracy x{acc_ratio:.2f}, speed x{ours_pps / pps:.2f} "
            f"(full article) / x{dates_pps / pps:.2f} (dates and metadata only)"
        )
    waiting = [c.name for c in cases if not dates_can_read(c)]
    if waiting:
        print(f"\npages whose visible date tarikh.dates cannot read yet: {', '.join(waiting)}")
    if args.verbose:
        print()
        for i, c in enumerate(cases):
            row = [
                c.name,
                str(c.expect.get("published")),
                str(ours[i].published),
                ours[i].published_source or "-",
            ]
            row += [str(peers[k][0][i]) for k in peers]
            print(" | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
