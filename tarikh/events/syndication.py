"""Syndication: recognise near-duplicate articles (one wire story on several outlets).

A wire copy is one report, not extra evidence, so every later copy is linked to the earliest
article of its group through ``dup_of``. Texts are compared on folded words
(:func:`tarikh.text.words`), as sets of overlapping word shingles:

* candidates come from a content-defined sample of the shingles (those whose hash is 0 modulo
  ``sample_mod``, Broder's mod-m sketch), looked up in an inverted index, so the cost grows with
  the total text, not with the square of the number of articles; a sampled shingle shared by
  more than ``max_posting`` articles (boilerplate) proposes no pairs;
* each candidate pair is then decided exactly: Jaccard >= ``dup_jaccard`` (small edits) or
  containment of the smaller set >= ``dup_containment`` (a copy that dropped paragraphs).

Groups are the connected components of the decided pairs; the earliest article of a group (by
publication time, then article_id; unknown times last) is the original.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from itertools import combinations

from tarikh.events.tables import Tables
from tarikh.text import words


def shingles(text: str, k: int) -> set[int]:
    """64-bit hashes of the k-word shingles of the folded text (a short text gives one shingle)."""
    toks = words(text)
    if not toks:
        return set()
    grams = [" ".join(toks)] if len(toks) < k else [" ".join(toks[i:i + k]) for i in range(len(toks) - k + 1)]
    return {int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "big") for g in grams}


def similar(a: set[int], b: set[int], tables: Tables) -> bool:
    """The exact near-duplicate decision on two shingle sets."""
    if not a or not b:
        return False
    inter = len(a & b)
    if inter == 0:
        return False
    jaccard = inter / len(a | b)
    containment = inter / min(len(a), len(b))
    return jaccard >= tables.dup_jaccard or containment >= tables.dup_containment


def _order_key(published: datetime | None, article_id: str) -> tuple[int, datetime, str]:
    if published is None:
        return (1, datetime.min.replace(tzinfo=UTC), article_id)
    return (0, published, article_id)


def find_duplicates(
    texts: Mapping[str, str], published_utc: Mapping[str, datetime | None], tables: Tables
) -> dict[str, str]:
    """``dup_of`` for every article that copies an earlier one: {copy_id: original_id}.

    ``texts`` maps article_id to its text; ``published_utc`` maps it to a UTC time or None.
    Deterministic: independent of the mapping order.
    """
    ids = sorted(texts)
    sets = {aid: shingles(texts[aid], tables.shingle_words) for aid in ids}
    postings: dict[int, list[str]] = defaultdict(list)
    for aid in ids:
        if len(sets[aid]) < tables.min_shingles:
            continue
        for h in sets[aid]:
            if h % tables.sample_mod == 0:
                postings[h].append(aid)
    candidates: set[tuple[str, str]] = set()
    for members in postings.values():
        if 1 < len(members) <= tables.max_posting:
            candidates.update(combinations(members, 2))
    parent = {aid: aid for aid in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in sorted(candidates):
        if similar(sets[a], sets[b], tables):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        groups[root(aid)].append(aid)
    dup_of: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda x: _order_key(published_utc.get(x), x))
        for copy in members[1:]:
            dup_of[copy] = members[0]
    return dict(sorted(dup_of.items()))

