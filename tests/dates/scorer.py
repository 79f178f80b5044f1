"""TempEval-style value scoring of temporal expressions against tests/dates/gold.jsonl.

A predicted expression is *correct* when its span overlaps a gold span of the same sentence
and its value equals that gold value exactly. A gold expression is *found* when some
prediction overlapping it has its exact value. Precision = correct / predicted, recall =
found / gold, F1 their harmonic mean; computed per category and overall.

Used by test_gold.py and bench/bench_dates.py; also runnable:
``python -m tests.dates.scorer`` prints the report for ``tarikh.dates.find``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

GOLD_PATH = Path(__file__).with_name("gold.jsonl")

# A predictor takes (text, anchor) and returns (start, end, value) triples.
Predictor = Callable[[str, datetime | date | None], Iterable[tuple[int, int, str]]]


@dataclass
class Counts:
    """Tallies for one category (or overall)."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    sentences: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found
        self.sentences += other.sentences


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    categories: dict[str, Counts] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def format(self) -> str:
        lines = [f"{'category':<16} {'sents':>5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for name in sorted(self.categories):
            c = self.categories[name]
            lines.append(
                f"{name:<16} {c.sentences:>5} {c.gold:>5} {c.predicted:>5} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
            )
        o = self.overall
        lines.append(
            f"{'OVERALL':<16} {o.sentences:>5} {o.gold:>5} {o.predicted:>5} {o.precision:>6.3f} {o.recall:>6.3f} {o.f1:>6.3f}"
        )
        return "\n".join(lines)


def parse_anchor(raw: str | None) -> datetime | date | None:
    """Gold anchors are ISO strings: a datetime (aware or naive), a bare date, or null."""
    if raw is None:
        return None
    if "T" in raw:
        return datetime.fromisoformat(raw)
    return date.fromisoformat(raw)


def load_gold(path: Path = GOLD_PATH) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                rec = json.loads(line)
                for key in ("id", "text", "anchor", "category", "gold"):
                    if key not in rec:
                        raise ValueError(f"{path}:{n}: missing {key}")
                records.append(rec)
    return records


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def exact(predicted: str, gold: str) -> bool:
    """The TempEval value match: the strings are equal."""
    return predicted == gold


def score_sentence(
    gold: Sequence[dict[str, Any]],
    predicted: Sequence[tuple[int, int, str]],
    match: Callable[[str, str], bool] = exact,
) -> Counts:
    c = Counts(predicted=len(predicted), gold=len(gold), sentences=1)
    spans = [(g["start"], g["end"], g["value"]) for g in gold]
    for ps, pe, pv in predicted:
        if any(_overlaps((ps, pe), (gs, ge)) and match(pv, gv) for gs, ge, gv in spans):
            c.correct += 1
    for gs, ge, gv in spans:
        if any(_overlaps((ps, pe), (gs, ge)) and match(pv, gv) for ps, pe, pv in predicted):
            c.found += 1
    return c


def score(
    records: Sequence[dict[str, Any]], predict: Predictor, match: Callable[[str, str], bool] = exact
) -> Report:
    """Score ``predict`` over ``records``; ``match`` compares a predicted and a gold value."""
    report = Report()
    for rec in records:
        pred = list(predict(rec["text"], parse_anchor(rec["anchor"])))
        c = score_sentence(rec["gold"], pred, match)
        report.categories.setdefault(rec["category"], Counts()).add(c)
        report.overall.add(c)
        if c.correct != c.predicted or c.found != c.gold:
            report.errors.append(
                {
                    "id": rec["id"],
                    "category": rec["category"],
                    "text": rec["text"],
                    "gold": [(g["text"], g["value"]) for g in rec["gold"]],
                    "predicted": [(rec["text"][s:e], v) for s, e, v in pred],
                }
            )
    return report


def ours(text: str, anchor: datetime | date | None) -> list[tuple[int, int, str]]:
    """Predictor for tarikh.dates.find."""
    from tarikh.dates import find

    return [(e.start, e.end, e.value) for e in find(text, anchor)]


if __name__ == "__main__":
    import sys

    rep = score(load_gold(), ours)
    if "-v" in sys.argv:
        for err in rep.errors:
            print(err["id"], err["category"], err["text"])
            print("   gold:", err["gold"])
            print("   pred:", err["predicted"])
    print(rep.format())
