"""Score a folder of pages (same layout as tests/pages: pages plus one expected.json) page by page.

A blind batch is written in full (pages and expected values) before this is run on it; the first
run's result is the honest estimate for unseen outlets. Usage:

    .venv/bin/python -m tests.extract.score_batch tests/pages_new/batch-i
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from tarikh.extract import article
from tests.extract.extract_golden import Case, load_cases, published_right


def field_misses(case: Case) -> tuple[bool, list[str]]:
    """(publication time right, every pinned field that is not as expected)."""
    art = article(case.raw, case.url, headers=case.headers, hints=case.hints, fetched_at=case.fetched_at)
    exp: dict[str, Any] = case.expect
    misses: list[str] = []
    right = published_right(exp, art.published, art.published_grain)
    if not right:
        misses.append(f"published: got {art.published} ({art.published_grain}, {art.published_source} "
                      f"{art.published_raw!r}), want {exp.get('published')}")
    elif exp.get("published") is not None and art.published_source != exp.get("published_source"):
        misses.append(f"published_source: got {art.published_source}, want {exp.get('published_source')}")
    if art.page_kind != exp["page_kind"]:
        misses.append(f"page_kind: got {art.page_kind}, want {exp['page_kind']}")
    for key in ("title", "outlet", "authors", "encoding", "canonical_url", "lang", "published_offset"):
        if key in exp and getattr(art, key) != exp[key]:
            misses.append(f"{key}: got {getattr(art, key)!r}, want {exp[key]!r}")
    if "modified" in exp:
        want = None if exp["modified"] is None else datetime.fromisoformat(exp["modified"])
        if art.modified != want:
            misses.append(f"modified: got {art.modified}, want {want}")
    misses += [f"body lacks {t!r}" for t in exp.get("body_contains", []) if t not in art.body]
    misses += [f"body keeps {t!r}" for t in exp.get("body_excludes", []) if t in art.body]
    return right, misses


def main(folder: str) -> int:
    cases = load_cases(Path(folder))
    right = 0
    for case in cases:
        ok, misses = field_misses(case)
        right += ok
        print(("ok   " if not misses else "MISS ") + case.name)
        for m in misses:
            print("       " + m)
    print(f"publication time right on {right} of {len(cases)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
