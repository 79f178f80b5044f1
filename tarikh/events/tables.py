"""Load the language tables of ``tarikh/data/modality.toml`` once, folded for matching.

Cue words, stop words and thresholds are data, not code, so that a linguist can tune them
without touching the algorithms; this module is the only place that knows the file's layout.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from tarikh.text import fold, words

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "modality.toml"


class TablesError(ValueError):
    """The modality/content table file is missing a key or holds a bad value."""


@dataclass(frozen=True)
class Tables:
    """Folded cue phrases (each a tuple of words), stop words and clustering thresholds."""

    scheduled: tuple[tuple[str, ...], ...]
    expected: tuple[tuple[str, ...], ...]
    future_particle: str
    imperfect_prefixes: tuple[str, ...]
    future_min_stem: int
    not_future: frozenset[str]
    complementizers: frozenset[str]
    background_before: tuple[tuple[str, ...], ...]
    coarse_grains: frozenset[str]
    cue_min_age_days: int
    span_before: tuple[tuple[str, ...], ...]
    span_approximate: tuple[tuple[str, ...], ...]
    calendar_cues: tuple[str, ...]
    relative_day_words: frozenset[str]
    offset_cues: tuple[str, ...]
    dateline_separators: tuple[str, ...]
    dateline_end: tuple[str, ...]
    dateline_max_words: int
    stop_words: frozenset[str]
    min_content_words: int
    content_window: int
    suffixes: tuple[str, ...]
    synonyms: dict[str, str]
    pool_article: bool
    same_event: float
    same_event_reference: float
    shingle_words: int
    sample_mod: int
    max_posting: int
    dup_jaccard: float
    dup_containment: float
    min_shingles: int
    background_events: bool
    display: dict[str, Any]


def _get(table: dict[str, Any], dotted: str) -> Any:
    node: Any = table
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise TablesError(f"{DATA_FILE}: missing key {dotted!r}")
        node = node[part]
    return node


def _phrases(table: dict[str, Any], dotted: str) -> tuple[tuple[str, ...], ...]:
    raw = _get(table, dotted)
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise TablesError(f"{DATA_FILE}: {dotted!r} must be a list of non-empty strings")
    # Longest phrases first so "منذ عام" wins over "منذ".
    out = {tuple(words(p)) for p in raw}
    return tuple(sorted(out, key=lambda p: (-len(p), p)))


def _cues(table: dict[str, Any], dotted: str) -> tuple[str, ...]:
    raw = _get(table, dotted)
    if not isinstance(raw, list) or not all(isinstance(c, str) and c.strip() for c in raw):
        raise TablesError(f"{DATA_FILE}: {dotted!r} must be a list of non-empty strings")
    return tuple(sorted({c.strip() for c in raw}))


def _number(table: dict[str, Any], dotted: str, kind: type) -> Any:
    value = _get(table, dotted)
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        raise TablesError(f"{DATA_FILE}: {dotted!r} must be a non-negative number")
    return kind(value)


def _synonyms(table: dict[str, Any]) -> dict[str, str]:
    groups = _get(table, "content.synonyms")
    if not isinstance(groups, list) or not all(isinstance(g, list) and g for g in groups):
        raise TablesError(f"{DATA_FILE}: 'content.synonyms' must be a list of non-empty word lists")
    out: dict[str, str] = {}
    for group in groups:
        head = "~" + fold(group[0])
        for w in group:
            f = fold(w)
            f = f[2:] if f.startswith("ال") and len(f) > 3 else f
            if f in out and out[f] != head:
                raise TablesError(f"{DATA_FILE}: {w!r} is in two synonym groups")
            out[f] = head
    return out


def parse_tables(table: dict[str, Any]) -> Tables:
    """Validate and fold a parsed table file (split from :func:`load_tables` for testing)."""
    return Tables(
        scheduled=_phrases(table, "modality.scheduled.phrases"),
        expected=_phrases(table, "modality.expected.phrases"),
        future_particle=fold(str(_get(table, "modality.expected.future_particle"))),
        imperfect_prefixes=tuple(fold(p) for p in _get(table, "modality.expected.imperfect_prefixes")),
        future_min_stem=_number(table, "modality.expected.min_stem", int),
        not_future=frozenset(fold(w) for w in _get(table, "modality.expected.not_future")),
        complementizers=frozenset(fold(w) for w in _get(table, "modality.complementizers")),
        background_before=_phrases(table, "modality.background.before"),
        coarse_grains=frozenset(_get(table, "modality.background.coarse_grains")),
        cue_min_age_days=_number(table, "modality.background.cue_min_age_days", int),
        span_before=_phrases(table, "modality.span.before"),
        span_approximate=_phrases(table, "modality.span.approximate"),
        calendar_cues=_cues(table, "modality.span.calendar_cues"),
        relative_day_words=frozenset(fold(w) for w in _get(table, "modality.span.relative_day_words")),
        offset_cues=_cues(table, "modality.span.offset_cues"),
        dateline_separators=tuple(str(x) for x in _get(table, "modality.dateline.separators")),
        dateline_end=tuple(str(x) for x in _get(table, "modality.dateline.end")),
        dateline_max_words=_number(table, "modality.dateline.max_words", int),
        stop_words=frozenset(fold(w) for w in _get(table, "content.stop_words")),
        min_content_words=_number(table, "content.min_content_words", int),
        content_window=_number(table, "content.window", int),
        suffixes=tuple(sorted({fold(x) for x in _get(table, "content.suffixes")}, key=lambda x: (-len(x), x))),
        synonyms=_synonyms(table),
        pool_article=bool(_get(table, "content.pool_article")),
        same_event=_number(table, "clustering.same_event", float),
        same_event_reference=_number(table, "clustering.same_event_reference", float),
        shingle_words=max(1, _number(table, "clustering.shingle_words", int)),
        sample_mod=max(1, _number(table, "clustering.sample_mod", int)),
        max_posting=max(2, _number(table, "clustering.max_posting", int)),
        dup_jaccard=_number(table, "clustering.dup_jaccard", float),
        dup_containment=_number(table, "clustering.dup_containment", float),
        min_shingles=max(1, _number(table, "clustering.min_shingles", int)),
        background_events=bool(_get(table, "clustering.background_events")),
        display=dict(_get(table, "display")),
    )


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    """The project's tables, parsed once per process."""
    try:
        with DATA_FILE.open("rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TablesError(f"cannot read {DATA_FILE}: {exc}") from exc
    return parse_tables(raw)
