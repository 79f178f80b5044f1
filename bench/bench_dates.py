"""Benchmark: tarikh.dates.find against dateparser's search_dates on the same gold sentences.

Prints value F1 (TempEval style, tests/dates/scorer.py) and sentences per second of both, and
the ratios. dateparser is called exactly as the issue states:
``search_dates(text, languages=['ar'], settings={'RELATIVE_BASE': anchor_naive,
'PREFER_DATES_FROM': 'past'})``. dateparser returns datetimes without a grain, so its value is
scored leniently: it counts when the gold value is a prefix of its ISO datetime (gold
``2023-08`` accepts ``2023-08-25T00:00:00``). Ours is scored exactly.

By default both sentence files are run: the first-round gold set and the held-out set (blind batches 1-14)
(``--gold gold|heldout|both``). Throughput is sentences per second of CPU time of this process, so other work on the machine
does not skew the ratio. Run: ``.venv/bin/python bench/bench_dates.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tarikh.dates import find  # noqa: E402
from tests.dates.scorer import GOLD_PATH, load_gold, parse_anchor, score  # noqa: E402

HELDOUT_PATH = GOLD_PATH.with_name("heldout.jsonl")


def ours(text: str, anchor: datetime | date | None) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.value) for e in find(text, anchor)]


def naive(anchor: datetime | date | None) -> datetime | None:
    if anchor is None:
        return None
    if isinstance(anchor, datetime):
        return anchor.replace(tzinfo=None)
    return datetime(anchor.year, anchor.month, anchor.day)


def theirs(text: str, anchor: datetime | date | None) -> list[tuple[int, int, str]]:
    from dateparser.search import search_dates

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    base = naive(anchor)
    if base is not None:
        settings["RELATIVE_BASE"] = base
    found = search_dates(text, languages=["ar"], settings=settings) or []
    out = []
    pos = 0
    for surface, dt in found:
        k = text.find(surface, pos)
        if k < 0:
            k = text.find(surface)
        if k < 0:
            continue
        pos = k + len(surface)
        out.append((k, k + len(surface), dt.isoformat()))
    return out


def prefix_match(predicted: str, gold: str) -> bool:
    return predicted.startswith(gold)


def timed(fn, records, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Sentences per second of process CPU time (steadier than wall time on a shared machine)."""
    items = [(rec["text"], parse_anchor(rec["anchor"])) for rec in records]
    start = time.process_time()
    for _ in range(repeat):
        for text, anchor in items:
            fn(text, anchor)
    return len(items) * repeat / (time.process_time() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="passes over the gold set when timing ours")
    ap.add_argument(
        "--gold",
        choices=("gold", "heldout", "both"),
        default="both",
        help="which sentence set: the first-round gold, the round-2 held-out set, or both",
    )
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    ours("تسخين", None)  # load tables once, outside the timing
    theirs("أمس", datetime(2024, 1, 25))
    paths = {"gold": [GOLD_PATH], "heldout": [HELDOUT_PATH], "both": [GOLD_PATH, HELDOUT_PATH]}
    for n, path in enumerate(paths[args.gold]):
        if n:
            print()
        run(path, args.repeat)


def run(path: Path, repeat: int) -> None:
    """Score and time both taggers on one sentence file."""
    records = load_gold(path)

    r_ours = score(records, ours)
    r_theirs = score(records, theirs, prefix_match)
    sps_ours = timed(ours, records, repeat)
    sps_theirs = timed(theirs, records, 1)

    print(f"gold: {path.relative_to(ROOT)} ({len(records)} sentences, {r_ours.overall.gold} expressions)")
    print(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}{'sent/s':>10}")
    for name, rep, sps in (
        ("tarikh.dates", r_ours, sps_ours),
        ("dateparser (lenient)", r_theirs, sps_theirs),
    ):
        o = rep.overall
        print(f"{name:<22}{o.precision:>7.3f}{o.recall:>7.3f}{o.f1:>7.3f}{sps:>10.1f}")
    print(f"F1 difference: {r_ours.overall.f1 - r_theirs.overall.f1:+.3f}")
    print(f"throughput ratio (ours / dateparser): {sps_ours / sps_theirs:.1f}x")
    print("\nper category, value F1 (ours / dateparser):")
    for cat in sorted(r_ours.categories):
        print(f"  {cat:<18}{r_ours.categories[cat].f1:>7.3f}{r_theirs.categories[cat].f1:>7.3f}")


if __name__ == "__main__":
    main()
