"""Load the language and markup knowledge of the extractor from ``data/*.toml`` (cached).

The code holds no lists of Arabic phrases or tag names: adding an outlet's quirk is a data edit.
Phrases are pre-folded with :func:`tarikh.text.fold` here, once, so matching is cheap.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from tarikh.text import fold

_DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict[str, Any]:
    with (_DATA / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


@dataclass(frozen=True)
class Zone:
    """A zone phrase as folded text, its IANA name and a fixed fallback offset."""

    phrase: str
    tz: str
    offset: str


@dataclass(frozen=True)
class Tables:
    meta_published: tuple[str, ...]
    meta_modified: tuple[str, ...]
    meta_site_name: tuple[str, ...]
    meta_author: tuple[str, ...]
    meta_title: tuple[str, ...]
    meta_rdfa: dict[str, str]
    time_elements: tuple[str, ...]
    time_attributes: tuple[str, ...]
    time_explicit_attributes: tuple[str, ...]
    time_post_date_classes: tuple[str, ...]
    boiler_headings: tuple[str, ...]
    boiler_containers: tuple[str, ...]
    boiler_tags: tuple[str, ...]
    page_form_fields: frozenset[str]
    bylines: tuple[str, ...]
    byline_exclude: re.Pattern[str]
    counters: frozenset[str]
    print_stamps: tuple[str, ...]
    notices: tuple[str, ...]
    promo_verbs: tuple[str, ...]
    promo_channels: tuple[str, ...]
    promo_media: tuple[str, ...]
    promo_calls: tuple[str, ...]
    caption_credits: tuple[str, ...]
    gallery_types: frozenset[str]
    gallery_labels: tuple[str, ...]
    gallery_min_captions: int
    gallery_max_prose_chars: int
    not_found: tuple[str, ...]
    blocked: tuple[str, ...]
    listing_min_items: int
    archive_body_classes: frozenset[str]
    home_link_words: frozenset[str]
    platform_names: frozenset[str]
    site_name_blocks: tuple[str, ...]
    outlet_kind_words: frozenset[str]
    listing_max_body_chars: int
    label_published: tuple[str, ...]
    label_modified: tuple[str, ...]
    prose_labels: frozenset[str]
    near_title_chars: int
    issue_page_words: tuple[str, ...]
    issue_number_words: tuple[str, ...]
    date_cues: tuple[str, ...]
    zones: tuple[Zone, ...]


def _folded(items: list[str]) -> tuple[str, ...]:
    # Longest first so "آخر تحديث" wins over "تحديث" and "نشر في" over "نشر".
    return tuple(sorted({fold(i) for i in items}, key=len, reverse=True))


_BI_TAWQIT = "بتوقيت "


def _zone_forms(phrase: str) -> tuple[str, ...]:
    """A zone phrase and, for "بتوقيت X", also "توقيت X": outlets write "(توقيت مكة)" too."""
    if phrase.startswith(_BI_TAWQIT):
        return (phrase, phrase[1:])
    return (phrase,)


@cache
def tables() -> Tables:
    """All tables, loaded once per process."""
    meta = _load("meta")
    boiler = _load("boilerplate")
    pages = _load("pages")
    lines = _load("datelines")
    zones = _load("zones")["zones"]
    return Tables(
        meta_published=tuple(m.lower() for m in meta["published"]),
        meta_modified=tuple(m.lower() for m in meta["modified"]),
        meta_site_name=tuple(m.lower() for m in meta["site_name"]),
        meta_author=tuple(m.lower() for m in meta["author"]),
        meta_title=tuple(m.lower() for m in meta["title"]),
        meta_rdfa={k.lower(): v.lower() for k, v in meta["rdfa"].items()},
        time_elements=tuple(meta["time_elements"]),
        time_attributes=tuple(meta["time_attributes"]),
        time_explicit_attributes=tuple(meta["time_explicit_attributes"]),
        time_post_date_classes=tuple(c.lower() for c in meta["time_post_date_classes"]),
        boiler_headings=_folded(boiler["headings"]),
        boiler_containers=tuple(boiler["containers"]),
        boiler_tags=tuple(boiler["tags"]),
        page_form_fields=frozenset(boiler["page_form_fields"]),
        bylines=_folded(boiler["bylines"]),
        byline_exclude=re.compile("|".join(re.escape(c) for c in boiler["byline_exclude"])),
        counters=frozenset(_folded(boiler["counters"])),
        print_stamps=_folded(boiler["print_stamps"]),
        notices=_folded(boiler["notices"]),
        promo_verbs=_folded(boiler["promo_verbs"]),
        promo_channels=_folded([w.lower() for w in boiler["promo_channels"]]),
        promo_media=_folded(boiler["promo_media"]),
        promo_calls=_folded([w.lower() for w in boiler["promo_calls"]]),
        caption_credits=_folded([w.lower() for w in boiler["caption_credits"]]),
        gallery_types=frozenset(x.lower() for x in pages["gallery_types"]),
        gallery_labels=_folded(pages["gallery_labels"]),
        gallery_min_captions=int(pages["gallery"]["min_captions"]),
        gallery_max_prose_chars=int(pages["gallery"]["max_prose_chars"]),
        not_found=_folded(pages["not_found"]),
        blocked=_folded(pages["blocked"]),
        listing_min_items=int(pages["listing"]["min_items"]),
        archive_body_classes=frozenset(c.lower() for c in pages["archive_body_classes"]),
        home_link_words=frozenset(_folded([w.lower() for w in pages["home_link_words"]])),
        platform_names=frozenset(w.lower() for w in pages["platform_names"]),
        site_name_blocks=tuple(pages["site_name_blocks"]),
        listing_max_body_chars=int(pages["listing"]["max_body_chars"]),
        outlet_kind_words=frozenset(_folded(pages["outlet_kind_words"])),
        label_published=_folded(lines["published"]),
        label_modified=_folded(lines["modified"]),
        prose_labels=frozenset(_folded(lines["prose_labels"])),
        near_title_chars=int(lines["near_title_chars"]),
        issue_page_words=_folded(lines["issue_page_words"]),
        issue_number_words=_folded(lines["issue_number_words"]),
        date_cues=_folded(lines["date_cues"]),
        zones=tuple(
            sorted(
                (Zone(fold(p), v["tz"], v["offset"]) for k, v in zones.items() for p in _zone_forms(k)),
                key=lambda z: len(z.phrase),
                reverse=True,
            )
        ),
    )


@cache
def any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of ``phrases`` (literal text): ``any_of(p).search(s)`` is true
    exactly when ``any(x in s for x in p)``, in one C-level scan instead of one per phrase."""
    if not phrases:
        return re.compile(r"(?!)")  # matches nothing, like any() over an empty table
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


_fold_cached = lru_cache(maxsize=8192)(fold)


def fold_line(text: str) -> str:
    """:func:`tarikh.text.fold`, memoized for strings up to 200 characters.

    Titles, visible lines and their heads are folded by several steps of one page (title
    choice, page kind, the date ladder's text step, zones, date cues, boilerplate markers);
    folding costs ~0.1 us per character, so each distinct short string is folded once.
    """
    return _fold_cached(text) if len(text) <= 200 else fold(text)
