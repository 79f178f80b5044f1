"""The held-out gold set: sentences written by round 2, not by the tagger's first author.

``tests/dates/heldout.jsonl`` holds sentences in styles the first gold set under-covers
(Levantine, Gulf, Maghrebi and Egyptian outlets, long wire copy, datelines, quotes, telegraphic
headlines, opinion, sports and economy copy full of numbers that are not dates, holidays,
offsets from other events). Each batch was written in full **before** the tagger was run on it;
the first-run scores are the honest estimate of accuracy on unseen text:

- batch 1 (174 sentences, 171 expressions), first run: P 0.963, R 0.912, value F1 0.937;
- batch 2 (70 sentences, 65 expressions), written after batch 1's fixes, first run:
  P 0.953, R 0.938, value F1 0.946;
- batch 3 (66 sentences, 67 expressions), written after batch 2's fixes, first run:
  P 1.000, R 0.925, value F1 0.961.

The causes found were then fixed in general form (see docs/dates.md, "Round 2"), so today's
scores on these files are no longer blind. The floors below are pinned at what is reached;
lowering one needs a reason in the commit.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .scorer import Report, load_gold, ours, score

HELDOUT_PATH = Path(__file__).with_name("heldout.jsonl")
OVERALL_F1_FLOOR = 0.99  # reached: 0.992 (310 sentences, 303 expressions)
BATCH_F1_FLOOR = {1: 0.99, 2: 0.98, 3: 0.98}  # reached: 0.997, 0.985, 0.985

HELDOUT = load_gold(HELDOUT_PATH)


@pytest.fixture(scope="module")
def report() -> Report:
    return score(HELDOUT, ours)


def test_heldout_file_is_well_formed() -> None:
    assert len(HELDOUT) >= 150
    ids = [r["id"] for r in HELDOUT]
    assert len(set(ids)) == len(ids)
    assert len({r["text"] for r in HELDOUT}) == len(HELDOUT), "duplicate sentences"
    cats = Counter(r["category"] for r in HELDOUT)
    for needed in ("levantine", "gulf", "maghrebi", "wire", "dateline", "quote", "headline", "opinion"):
        assert cats[needed] >= 3, needed
    assert cats["sports"] + cats["economy"] + cats["negative"] >= 50
    for r in HELDOUT:
        assert r["batch"] in BATCH_F1_FLOOR
        for g in r["gold"]:
            assert r["text"][g["start"] : g["end"]] == g["text"], r["id"]


def test_heldout_negatives_give_no_dates(report: Report) -> None:
    assert report.categories["negative"].precision == 1.0, [
        e for e in report.errors if e["category"] == "negative"
    ]


def test_heldout_overall_floor(report: Report) -> None:
    print("\n" + report.format())
    assert report.overall.f1 >= OVERALL_F1_FLOOR, report.errors


@pytest.mark.parametrize("batch", sorted(BATCH_F1_FLOOR))
def test_heldout_batch_floor(batch: int) -> None:
    rep = score([r for r in HELDOUT if r["batch"] == batch], ours)
    assert rep.overall.f1 >= BATCH_F1_FLOOR[batch], rep.errors
