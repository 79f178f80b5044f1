"""Topic similarity from seed articles: relevance for articles that use other words.

Keywords miss related articles phrased differently ("سحب المستشارين" without "التحالف الدولي").
A story may name ``seed_urls``: pages whose text defines the topic. Each fetched article gets a
cosine similarity between its content words and the seeds' (recorded per article), and counts as
relevant when it reaches ``min_similarity`` even without a keyword. Pure functions of text; the
stop words are the shared Arabic function-word table in ``tarikh/data/modality.toml``.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tarikh.text import fold, strip_proclitics, words

_STOP_FILE = Path(__file__).resolve().parents[1] / "data" / "modality.toml"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    with _STOP_FILE.open("rb") as fh:
        table = tomllib.load(fh)
    return frozenset(fold(w) for w in table["content"]["stop_words"])


def _stem(word: str) -> str:
    # The shortest reading without proclitics and article, so والمحادثات and المحادثات agree.
    return min(strip_proclitics(word), key=len)


def content_terms(text: str) -> Counter[str]:
    """Content-word counts of a text: folded, stop words and short words and numbers dropped."""
    stops = stop_words()
    terms: Counter[str] = Counter()
    for w in words(text):
        if w in stops or len(w) < 3 or w.isdigit():
            continue
        stem = _stem(w)
        if stem not in stops and len(stem) >= 3:
            terms[stem] += 1
    return terms


@dataclass(frozen=True)
class Topic:
    """The seeds' term weights (log-scaled counts), normalized for cosine similarity."""

    weights: dict[str, float]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Topic:
        counts: Counter[str] = Counter()
        for t in texts:
            counts.update(content_terms(t))
        weights = {w: 1.0 + math.log(c) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return cls({w: v / norm for w, v in weights.items()})

    def similarity(self, text: str) -> float:
        """Cosine similarity in [0, 1] between ``text`` and the topic."""
        terms = content_terms(text)
        if not terms or not self.weights:
            return 0.0
        vec = {w: 1.0 + math.log(c) for w, c in terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return round(sum(v * self.weights.get(w, 0.0) for w, v in vec.items()) / norm, 4)
