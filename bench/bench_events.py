"""Benchmark of tarikh.events on the bundled demo: event Date-F1 and the share of duplicate events.

Input: every ``demo/articles/*/*.toml`` with ``relevant = true``; each becomes one article with
text title + "\\n\\n" + lead + "\\n\\n" + body (the lead goes in front of the body) and its true
publication time. Truth: the union of the articles' ``facts`` (TIMEX3 values at the fact's grain).

* **Date-F1** (as in timeline summarization, Martschat & Markert 2018): the set of event values
  against the set of true fact values, matched exactly (a month event does not match a day fact).
  Printed for all events, for the events that happened (plan-only events, ``scheduled`` or
  ``expected``, are not facts yet), and for ``reported`` events alone.
* **Syndication**: ``dup_of`` against the demo's ``syndicated_from`` links.
* **Duplicate events**: STORY.md has one fact per date, so on a fact date D every event holding
  an article that lists D among its facts tells that same fact. Duplicates are those events
  beyond the first on each such date; the share is duplicates / all events.
* **Baseline**: GDELT-style report counting, every dated mention an event of its own.

Run: ``.venv/bin/python bench/bench_events.py [--demo DIR] [--verbose]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tarikh.events import build  # noqa: E402


def load_demo(demo: Path) -> tuple[list[dict[str, Any]], dict[str, set[str]], dict[str, str]]:
    """Relevant demo articles as build() input, each article's fact values, and the true
    syndication links ({copy: original} from ``syndicated_from``)."""
    articles: list[dict[str, Any]] = []
    facts: dict[str, set[str]] = {}
    copies: dict[str, str] = {}
    for path in sorted(demo.glob("articles/*/*.toml")):
        with path.open("rb") as fh:
            d = tomllib.load(fh)
        if not d.get("relevant", False):
            continue
        outlet = path.parent.name
        aid = f"{outlet}/{d['slug']}"
        published = datetime.fromisoformat(d["published"]) if d.get("published") else None
        offset = published.strftime("%z") if published is not None else ""
        body = "\n\n".join(x.strip() for x in (d.get("lead", ""), d.get("body", "")) if x and x.strip())
        articles.append(
            {
                "article_id": aid,
                "outlet": outlet,
                "url": f"demo://{aid}",
                "title": d.get("title", ""),
                "body": body,
                "published": published,
                "published_offset": f"{offset[:3]}:{offset[3:]}" if offset else None,
            }
        )
        facts[aid] = set(d.get("facts", []))
        if d.get("syndicated_from"):
            copies[aid] = str(d["syndicated_from"])
    return articles, facts, copies


def f1(pred: set[str], truth: set[str]) -> tuple[float, float, float]:
    hit = len(pred & truth)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def duplicates(events: list[dict[str, Any]], facts: dict[str, set[str]]) -> tuple[int, dict[str, int]]:
    per_date: dict[str, int] = defaultdict(int)
    for e in events:
        if any(e["value"] in facts.get(a, set()) for a in e["article_ids"]):
            per_date[e["value"]] += 1
    dups = {d: n - 1 for d, n in per_date.items() if n > 1}
    return sum(dups.values()), dups


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--demo", type=Path, default=ROOT / "demo")
    ap.add_argument("--verbose", action="store_true", help="list missed and extra dates, duplicate dates")
    args = ap.parse_args(argv)
    articles, facts, copies = load_demo(args.demo)
    if not articles:
        print(f"no relevant articles under {args.demo}/articles", file=sys.stderr)
        return 1
    truth = set().union(*facts.values())
    t0 = time.perf_counter()
    built = build(articles)
    elapsed = time.perf_counter() - t0
    happened = [e for e in built.events if e["modality"] in ("reported", "background")]
    news = [e for e in built.events if e["modality"] == "reported"]
    print(
        f"events bench: {len(articles)} articles, {len(built.mentions)} mentions, {len(built.events)} events, "
        f"{len(built.dup_of)} syndicated copies, {elapsed:.2f}s"
    )
    for label, evs in (
        ("all events", built.events),
        ("happened: reported or background, no plan-only events", happened),
        ("reported only", news),
    ):
        p, r, f = f1({e["value"] for e in evs}, truth)
        print(f"  Date-F1 ({label}): {f:.3f}  (precision {p:.3f}, recall {r:.3f}, {len(truth)} true dates)")
    found = set(built.dup_of.items())
    true_links = set(copies.items())
    sp, sr, sf = f1({f"{a}>{b}" for a, b in found}, {f"{a}>{b}" for a, b in true_links})
    print(
        f"  syndication links: {len(found)} found, {len(true_links)} true, precision {sp:.3f}, recall {sr:.3f}"
    )
    n_dup, dups = duplicates(built.events, facts)
    share = n_dup / len(built.events) if built.events else 0.0
    print(f"  duplicate events: {n_dup}/{len(built.events)} = {share:.1%}")
    # Baseline (GDELT-style report counting): every dated mention is an event of its own.
    reports = [{"value": m["value"], "article_ids": [m["article_id"]]} for m in built.mentions]
    b_dup, _ = duplicates(reports, facts)
    _, _, bf = f1({m["value"] for m in built.mentions}, truth)
    print(f"  baseline, every mention an event: Date-F1 {bf:.3f}, duplicate events {b_dup}/{len(reports)} = "
          f"{b_dup / max(1, len(reports)):.1%}; ours has {len(built.events) / max(1, len(reports)):.2f}x the rows")
    if args.verbose:
        pred = {e["value"] for e in built.events}
        print("  missed:", sorted(truth - pred))
        print("  extra:", sorted(pred - truth))
        print("  duplicate dates:", dict(sorted(dups.items())))
        for e in built.events:
            print(f"    {e['value']:<10} {e['modality']:<10} n_src={e['n_sources']} {e['summary'][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
