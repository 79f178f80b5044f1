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
still scored (a miss is a miss) and listed.

Speed is pages per **CPU second** (``time.process_time``): this runs on shared machines where
wall time swings with other load. Two numbers per method, each the median of ``--repeat`` fresh
processes (one per method and repeat, so no method warms another's caches):

* **unseen**: one pass over pages the process has never seen, after initializing the library
  on three small built-in pages (imports, tables, dateparser's lazy setup are not counted).
  This is a crawl's situation: every page is new.
* **repeat**: ``--rounds`` further passes over the same pages. htmldate memoizes its date
  parsing per string (``functools.lru_cache`` on ``try_date_expr`` and others), so on pages it
  has seen it mostly returns cached results; this number says how fast a cache hit is, not how
  fast a new page is read.

Run: ``.venv/bin/python bench/bench_extract.py [--rounds N] [--repeat N] [--verbose]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
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


# Initialization pages (not golden pages): each library's lazy setup runs before timing starts.
# The Arabic ones have only visible date lines, so htmldate's extensive mode loads dateparser.
WARM_UP: tuple[tuple[str, bytes], ...] = (
    (
        "http://warm-up.invalid/world/1",
        b'<html><head><meta charset="utf-8"><title>Warm-up</title></head><body><article>'
        b"<h1>A page for warming up the parsers</h1><p>Posted on March 3, 2021</p>"
        b"<p>A paragraph about nothing in particular, long enough to count as running text.</p>"
        b"</article></body></html>",
    ),
    (
        "http://warm-up.invalid/local/2",
        (
            '<html lang="ar"><head><meta charset="utf-8"><title>صفحة التهيئة</title></head><body>'
            "<article><h1>صفحة قصيرة لتهيئة المكتبات قبل القياس</h1><p>الأحد 7 آذار 2021</p>"
            "<p>فقرة كتبت للتهيئة وحدها، لا تحمل خبرا، وتكفي لأن يراها المستخرج نصا متصلا.</p>"
            "</article></body></html>"
        ).encode(),
    ),
    (
        # No declared charset, windows-1256 bytes: the encoding detector's lazy import runs.
        "http://warm-up.invalid/local/3",
        (
            "<html><head><title>صفحة ثالثة</title></head><body><div><h1>صفحة ثالثة بترميز قديم للتهيئة</h1>"
            "<p>نشر في: الاثنين 8 آذار 2021 - 10:30 بتوقيت بغداد</p>"
            "<p>نص قصير بترميز ويندوز العربي، بلا إعلان عن الترميز، كي يعمل كاشف الترميز مرة قبل القياس.</p>"
            "</div></body></html>"
        ).encode("cp1256"),
    ),
    (
        "http://warm-up.invalid/2020/02/03/meta",
        b'<html><head><meta property="article:published_time" content="2020-02-03T10:00:00+03:00">'
        b"<title>Meta only</title></head><body><p>Short text.</p></body></html>",
    ),
    (
        # Month-name machine dates: our English/French fallback (dateparser) loads both locales.
        "http://warm-up.invalid/meta/5",
        b'<html><head><meta name="date" content="March 3, 2021 10:00 AM">'
        b'<meta property="article:modified_time" content="4 mars 2021 \xc3\xa0 09h30">'
        b"<title>Meta words</title></head><body><article><h1>A second page for warming up</h1>"
        b"<p>Another paragraph about nothing in particular, long enough to count as running text.</p>"
        b"</article></body></html>",
    ),
)

METHODS: dict[str, Callable[[Case], Any]] = {
    "ours (full article)": run_ours,
    "ours (main_text=False)": run_ours_dates,
    "htmldate fast": htmldate_fast,
    "htmldate extensive": htmldate_extensive,
    "trafilatura metadata": trafilatura_date,
}
PEERS = ("htmldate fast", "htmldate extensive", "trafilatura metadata")


def worker(method: str, rounds: int) -> dict[str, float]:
    """Time one method in this (fresh) process: an unseen pass, then ``rounds`` repeat passes."""
    fn = METHODS[method]
    fetched = datetime(2021, 3, 8, tzinfo=UTC)
    for url, raw in WARM_UP:
        fn(Case(url, raw, url, fetched, None, None, None, {}))
    cases = load_cases()
    start = time.process_time()
    for c in cases:
        fn(c)
    unseen = time.process_time() - start
    start = time.process_time()
    for _ in range(rounds):
        for c in cases:
            fn(c)
    repeat = time.process_time() - start
    return {
        "unseen": len(cases) / unseen if unseen > 0 else float("inf"),
        "repeat": len(cases) * rounds / repeat if repeat > 0 else float("inf"),
    }


def speeds(rounds: int, repeat: int) -> dict[str, dict[str, float]]:
    """Median pages/CPU-second of each method over ``repeat`` fresh worker processes."""
    samples: dict[str, list[dict[str, float]]] = {m: [] for m in METHODS}
    for _ in range(repeat):
        for method in METHODS:  # interleaved, so a burst of load on the machine hits all methods
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", method, "--rounds", str(rounds)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            samples[method].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {
        m: {k: statistics.median(x[k] for x in runs) for k in ("unseen", "repeat")}
        for m, runs in samples.items()
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3, help="repeat passes per process")
    ap.add_argument("--repeat", type=int, default=3, help="fresh processes per method (median)")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--worker", choices=sorted(METHODS), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # peers log every miss
    if args.worker:
        print(json.dumps(worker(args.worker, args.rounds)))
        return 0

    cases = load_cases()
    results = {m: [fn(c) for c in cases] for m, fn in METHODS.items()}
    speed = speeds(args.rounds, args.repeat)
    n = len(cases)
    ours = results["ours (full article)"]
    exact = {
        m: sum(
            published_right(c.expect, a.published, a.published_grain)
            for c, a in zip(cases, results[m], strict=True)
        )
        for m in ("ours (full article)", "ours (main_text=False)")
    }
    day = {
        m: sum(
            day_right(c.expect, a.published.date() if a.published is not None else None)
            for c, a in zip(cases, results[m], strict=True)
        )
        for m in ("ours (full article)", "ours (main_text=False)")
    }
    for m in PEERS:
        day[m] = sum(day_right(c.expect, r) for c, r in zip(cases, results[m], strict=True))
    print(
        f"tarikh.extract benchmark on {n} golden pages: pages per CPU second (time.process_time), "
        f"median of {args.repeat} fresh processes per method"
    )
    print(f"{'method':<24} {'day acc':>8} {'exact acc':>10} {'unseen p/s':>11} {'repeat p/s':>11}")
    for m in METHODS:
        ex = f"{exact[m] / n:.3f}" if m in exact else "-"
        print(f"{m:<24} {day[m] / n:>8.3f} {ex:>10} {speed[m]['unseen']:>11.1f} {speed[m]['repeat']:>11.1f}")
    print()
    full, dates_only = speed["ours (full article)"], speed["ours (main_text=False)"]
    for m in PEERS:
        acc_ratio = (day["ours (full article)"] / day[m]) if day[m] else float("inf")
        print(
            f"ours vs {m}: day accuracy x{acc_ratio:.2f}; speed on unseen pages x{full['unseen'] / speed[m]['unseen']:.2f} "
            f"(full article) / x{dates_only['unseen'] / speed[m]['unseen']:.2f} (dates and metadata only); "
            f"on repeated pages x{full['repeat'] / speed[m]['repeat']:.2f} / x{dates_only['repeat'] / speed[m]['repeat']:.2f}"
        )
    print(
        "(unseen: every page new to the process, as in a crawl; repeat: the same pages again, where "
        "htmldate answers from its per-string caches)"
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
            row += [str(results[m][i]) for m in PEERS]
            print(" | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
