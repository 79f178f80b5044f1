"""Benchmark of tarikh.events on three corpora side by side: the bundled demo (the story it was first
tuned on), a held-out story (``tests/events/heldout``, the 2024 Lebanon war and ceasefire, written in
round 2), a third story (``tests/events/third``, the war in Sudan 2023-2025, written in round 3) and a
fourth (``tests/events/fourth``, the Beirut port explosion 2020-2023, written in round 4).

Input: every ``<corpus>/articles/*/*.toml`` with ``relevant = true``; each becomes one article with
text title + "\\n\\n" + lead + "\\n\\n" + body (the lead goes in front of the body) and its true
publication time. Truth: the union of the articles' ``facts`` (TIMEX3 values at the fact's grain).

* **Date-F1** (as in timeline summarization, Martschat & Markert 2018): the set of event values
  against the set of true fact values, matched exactly (a month event does not match a day fact).
  The key figure is **key-event Date-F1 over the events that happened**: modality ``reported`` or
  ``background`` (context is a happening of the past). Plan-only events (``scheduled``,
  ``expected``) are left out of it: the literature compares the dates of events that happened, and
  a plan is not a fact yet (a plan that later happened is a ``reported`` event and counts). Also
  printed: Date-F1 over all events (plans included, the round-1/2 key figure) and over
  ``reported`` events alone.
* **Syndication**: ``dup_of`` against the corpus's ``syndicated_from`` links.
* **Duplicate events**: on a fact date D, every event holding an article that lists D among its
  facts tells a fact of D. A date may hold k facts (``facts.toml`` of the corpus lists them; the
  demo's STORY.md has one per date, so k = 1 there); duplicates are the events beyond k on D.
  A coarse date (a month, a year) holds every table fact inside it. The share is duplicates /
  all events.
* **Merged happenings**: the opposite error, on dates with k > 1 facts: how many fact events are
  missing because two happenings of one day became one event (fact-holding events below k).
* **Baseline**: GDELT-style report counting, every dated mention an event of its own.

Run: ``.venv/bin/python bench/bench_events.py [--corpus DIR ...] [--verbose]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tarikh.events import Built, build  # noqa: E402

DEMO = ROOT / "demo"
HELDOUT = ROOT / "tests" / "events" / "heldout"
THIRD = ROOT / "tests" / "events" / "third"
FOURTH = ROOT / "tests" / "events" / "fourth"
CORPORA = {"demo": DEMO, "held-out": HELDOUT, "third": THIRD, "fourth": FOURTH}
HAPPENED = ("reported", "background")


def load_demo(demo: Path) -> tuple[list[dict[str, Any]], dict[str, set[str]], dict[str, str]]:
    """Relevant articles of a corpus as build() input, each article's fact values, and the true
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
        published = datetime.fromisoformat(str(d["published"])) if d.get("published") else None
        offset = published.strftime("%z") if published is not None else ""
        body = "\n\n".join(x.strip() for x in (d.get("lead", ""), d.get("body", "")) if x and x.strip())
        articles.append(
            {
                "article_id": aid,
                "outlet": outlet,
                "url": f"http://{outlet}.example/{d['slug']}/",
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


def facts_per_date(corpus: Path) -> Counter[str]:
    """How many distinct facts each date holds, from ``<corpus>/facts.toml`` (empty: one each)."""
    path = corpus / "facts.toml"
    if not path.exists():
        return Counter()
    with path.open("rb") as fh:
        table = tomllib.load(fh)
    return Counter(str(f["value"]) for f in table.get("fact", []))


def f1(pred: set[str], truth: set[str]) -> tuple[float, float, float]:
    hit = len(pred & truth)
    p = hit / len(pred) if pred else 0.0
    r = hit / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def duplicates(
    events: list[dict[str, Any]], facts: dict[str, set[str]], per_date: Counter[str] | None = None
) -> tuple[int, dict[str, int]]:
    """Events beyond the number of facts of their date, on fact dates (see the module docs).

    A coarse date holds every table fact inside it: two events of "2020-08" told as months by
    two articles (a resignation, a conference) are two happenings, not a duplicate."""
    per_date = per_date or Counter()

    def held(d: str) -> int:
        inside = sum(n for v, n in per_date.items() if v.startswith(d + "-"))
        return max(1, per_date[d], inside)

    count: dict[str, int] = defaultdict(int)
    for e in events:
        if any(e["value"] in facts.get(a, set()) for a in e["article_ids"]):
            count[e["value"]] += 1
    dups = {d: n - held(d) for d, n in count.items() if n > held(d)}
    return sum(dups.values()), dups


def merged_happenings(
    events: list[dict[str, Any]], facts: dict[str, set[str]], per_date: Counter[str]
) -> int:
    """On dates with k > 1 facts, the fact events missing below k (two happenings made one)."""
    count: Counter[str] = Counter()
    for e in events:
        if any(e["value"] in facts.get(a, set()) for a in e["article_ids"]):
            count[e["value"]] += 1
    return sum(max(0, k - count[d]) for d, k in per_date.items() if k > 1 and count[d] > 0)


@dataclass
class Score:
    """What one corpus measures; ``built`` kept for the verbose listing."""

    name: str
    n_articles: int
    built: Built
    truth: set[str]
    seconds: float
    f1_all: float = 0.0
    f1_happened: float = 0.0
    precision_happened: float = 0.0
    recall_happened: float = 0.0
    merged: int = 0
    f1_reported: float = 0.0
    precision: float = 0.0
    recall: float = 0.0
    n_dup: int = 0
    dup_share: float = 0.0
    dups: dict[str, int] = field(default_factory=dict)
    syn_found: int = 0
    syn_true: int = 0
    syn_precision: float = 0.0
    syn_recall: float = 0.0
    baseline_f1: float = 0.0
    baseline_dup_share: float = 0.0


def measure(name: str, corpus: Path) -> Score:
    """Build the events of one corpus and score them against its facts."""
    articles, facts, copies = load_demo(corpus)
    if not articles:
        raise SystemExit(f"no relevant articles under {corpus}/articles")
    truth = set().union(*facts.values())
    t0 = time.perf_counter()
    built = build(articles)
    s = Score(name, len(articles), built, truth, time.perf_counter() - t0)
    evs = built.events
    s.precision, s.recall, s.f1_all = f1({e["value"] for e in evs}, truth)
    s.precision_happened, s.recall_happened, s.f1_happened = f1(
        {e["value"] for e in evs if e["modality"] in HAPPENED}, truth
    )
    s.f1_reported = f1({e["value"] for e in evs if e["modality"] == "reported"}, truth)[2]
    per_date = facts_per_date(corpus)
    s.n_dup, s.dups = duplicates(evs, facts, per_date)
    s.dup_share = s.n_dup / len(evs) if evs else 0.0
    s.merged = merged_happenings(evs, facts, per_date)
    found = {f"{a}>{b}" for a, b in built.dup_of.items()}
    true_links = {f"{a}>{b}" for a, b in copies.items()}
    s.syn_found, s.syn_true = len(found), len(true_links)
    s.syn_precision, s.syn_recall, _ = f1(found, true_links)
    reports = [{"value": m["value"], "article_ids": [m["article_id"]]} for m in built.mentions]
    b_dup, _ = duplicates(reports, facts, per_date)
    s.baseline_f1 = f1({m["value"] for m in built.mentions}, truth)[2]
    s.baseline_dup_share = b_dup / max(1, len(reports))
    return s


def _verbose(s: Score) -> None:
    pred = {e["value"] for e in s.built.events}
    print(f"\n[{s.name}]")
    print("  missed:", sorted(s.truth - pred))
    print("  extra:", sorted(pred - s.truth))
    print("  duplicate dates:", dict(sorted(s.dups.items())))
    for e in s.built.events:
        print(f"    {e['value']:<10} {e['modality']:<10} n_src={e['n_sources']} {e['summary'][:90]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append",
                    help="corpus folder (articles/<outlet>/*.toml); default: demo, held-out, third, fourth")
    ap.add_argument("--verbose", action="store_true", help="list missed and extra dates, duplicate dates")
    args = ap.parse_args(argv)
    corpora = {p.name: p for p in args.corpus} if args.corpus else CORPORA
    scores = [measure(n, p) for n, p in corpora.items()]
    rows = [
        ("articles", lambda s: f"{s.n_articles}"),
        ("mentions", lambda s: f"{len(s.built.mentions)}"),
        ("events", lambda s: f"{len(s.built.events)}"),
        ("true dates", lambda s: f"{len(s.truth)}"),
        ("key Date-F1 (happened events)", lambda s: f"{s.f1_happened:.3f}"),
        ("  precision / recall", lambda s: f"{s.precision_happened:.3f} / {s.recall_happened:.3f}"),
        ("Date-F1, all events (+plans)", lambda s: f"{s.f1_all:.3f}"),
        ("  precision / recall", lambda s: f"{s.precision:.3f} / {s.recall:.3f}"),
        ("Date-F1, reported only", lambda s: f"{s.f1_reported:.3f}"),
        ("duplicate events", lambda s: f"{s.n_dup}/{len(s.built.events)} = {s.dup_share:.1%}"),
        ("merged happenings", lambda s: f"{s.merged}"),
        ("syndication P / R", lambda s: f"{s.syn_precision:.2f} / {s.syn_recall:.2f} ({s.syn_found}/{s.syn_true})"),
        ("baseline (mention = event) F1", lambda s: f"{s.baseline_f1:.3f}"),
        ("baseline duplicate share", lambda s: f"{s.baseline_dup_share:.1%}"),
        ("build seconds", lambda s: f"{s.seconds:.2f}"),
    ]
    print("events bench" + "".join(f"  | {s.name:>18}" for s in scores))
    for label, get in rows:
        print(f"  {label:<30}" + "".join(f"| {get(s):>18} " for s in scores))
    if args.verbose:
        for s in scores:
            _verbose(s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
