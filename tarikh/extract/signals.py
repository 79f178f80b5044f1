"""The publication-time ladder: signals in a documented order of trust, the winner recorded.

Trust order for ``published`` (first step that yields a sane value wins):

1. ``hint``    - what discovery knew: feed ``pubDate``, news-sitemap ``publication_date``, the
                 date a listing showed (an Arabic label such as "منذ ساعتين" is read against the
                 fetch time).
2. ``json-ld`` - every JSON-LD block (``@graph``, arrays, NewsArticle and its subtypes/Article/
                 LiveBlogPosting/WebPage, best type first, a node naming another page's URL
                 last), Eastern digits and missing offsets accepted.
3. ``meta``    - meta tags in the order of ``data/meta.toml`` (article:, og:, dc., sailthru, parsely,
                 itemprop microdata and Dublin Core RDFa outside boilerplate, last top-level
                 JavaScript variables such as ``var pubDate = "..."``; read by
                 :mod:`tarikh.extract.pagemeta`); ISO 8601, RFC 822, D/M/Y, epoch, English and French.
4. ``time``    - ``<time datetime>`` (and ``<amp-timeago>``, hAtom ``abbr.published``, date-classed
                 ``data-datetime``) inside the article scope, never in related/most-read boxes,
                 asides, footers or comments (see :func:`tarikh.extract.body.clean_scope`).
                 The first in document order, except in a feed (three or more stamps one per
                 sibling post block, as in a live blog): there the earliest, the first post.
                 Last, the article's own header/footer blocks (``Context.meta_frames``: a blog
                 post's footer carries its ``abbr.published``).
5. ``text``    - visible Arabic date lines, parsed by :func:`tarikh.dates.find` (anchored on the
                 fetch time, for "منذ ساعتين"): labelled ones ("نشر في"، "تاريخ النشر", the label
                 opening the line or one of its items) anywhere in the article scope, never a
                 figure caption (a photo's date); unlabelled ones only within a few lines below the title (or
                 two lines above it inside an article container, never on a whole-page scope,
                 where that is the masthead clock, except up to two lines above the title inside
                 the title's own box, ``Context.kicker_lines``). Either way the line must have a
                 dateline's shape - the date first and last (after at most a short "label:"
                 head), or followed by a separator - so a date in running prose is never the
                 publication date (one line's reading: :mod:`tarikh.extract.datelines`). A line
                 with no Arabic letter ("Published: March 14, 2024") goes to the machine parser
                 instead. Then labelled lines of the article's own
                 header/footer blocks (``Scope.meta_lines``), which the cleaning removed from
                 the scope with their tags and share bars; then an e-paper "page N - issue N -
                 date" stamp anywhere; last, breadcrumb items (``Context.crumb_lines``).
6. ``url``     - ``/2024/1/25/``, ``/2024-01-25-``, ``/20240125/``, at the grain the URL gives
                 (day or month), never a time.

``modified`` uses steps 2-5 with the "modified" keys, classes and labels. Steps run lazily: once
one gives a plausible offset-bearing time, the costlier ones below are skipped.

Offsets. A value written with an offset keeps it; a UTC one ("...Z") is the same instant shown
in the outlet's zone when the page states one, or shows a local time a whole offset away from it,
or another value carries one, because relative dates in the story count from the outlet's
calendar day (a UTC value lets the ladder go on, to find that local time). A local time written without one gets, in
order: the zone written beside it (بتوقيت أبوظبي, غرينتش+1), the offset that makes it equal to an
offset-bearing value of the same field elsewhere on the page, a zone phrase stated on the page,
the offset of any other offset-bearing value on the page (the outlet's local zone), the hint's
offset. With none of these the instant is unknowable, and we keep only what is known: the
local day (grain ``day``). Day-grain values are 00:00 UTC of the outlet's local date with no
offset, so their ``date()`` is the local date whatever the reader's zone.

Sanity. Candidates before 1995 or after the fetch time (plus a small skew) are dropped with a
warning and the ladder goes on. A time at midnight sharp ("T00:00:00") is a CMS's day-only
placeholder: it gives the day, and the ladder goes on. When the winner only knows the day, a later step that gives the
minute on the same local day refines it. ``modified`` earlier than ``published`` is dropped.
A page with no trustworthy date gets none: there is no "today" fallback anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta, timezone
from functools import cache
from typing import Any

from lxml import etree

from tarikh.text import fold

from .body import attr_words
from .datelines import DIGIT, best_expr, fold_map, labels_in, wire_lead_head
from .jsonld import JsonLd
from .stamps import MIN_YEAR, Stamp, coerce_hint, from_url, parse_machine
from .tables import any_of, fold_line, tables
from .zones import fmt_offset, zone_in, zone_tz

SKEW = timedelta(hours=2)


@dataclass
class Context:
    """Everything the ladder reads: page pieces, the fetch time and the hint."""

    url: str
    canonical_url: str
    meta: dict[str, list[str]]
    jsonld: JsonLd
    scope: etree._Element
    lines: list[str]
    title_line: int
    fetched_at: datetime | None
    hint: Any = None  # raw hint value (Hints.published)
    wide_scope: etree._Element | None = None  # article/main/body around ``scope`` (cleaned)
    wide_lines: list[str] = field(default_factory=list)
    wide_title_line: int = -1
    meta_lines: list[str] = field(default_factory=list)  # the article's header/footer blocks
    meta_frames: list[etree._Element] = field(default_factory=list)  # the same blocks (detached)
    kicker_lines: list[str] = field(default_factory=list)  # above the title in its own box
    crumb_lines: list[str] = field(default_factory=list)  # breadcrumb items, read before the URL
    caption_lines: frozenset[str] = frozenset()  # figure captions: never a dateline
    warnings: list[str] = field(default_factory=list)
    _dates_missing: bool = False


@dataclass(frozen=True)
class Resolved:
    """A chosen date: aware ``value``, its grain, raw text, ladder step and outlet offset."""

    value: datetime
    grain: str
    raw: str
    source: str
    offset: str | None


# ---------------------------------------------------------------- zones


def page_zone(ctx: Context) -> str | None:
    """A zone phrase stated anywhere in the article scope's lines."""
    for line in [*ctx.lines, *ctx.wide_lines]:
        phrase = zone_in(line)
        if phrase:
            return phrase
    return None


# ---------------------------------------------------------------- ladder steps


def step_hint(ctx: Context, kind: str) -> Stamp | None:
    if kind != "published" or ctx.hint is None:
        return None
    stamp = coerce_hint(ctx.hint)
    if stamp is None and isinstance(ctx.hint, str) and re.search("[\u0600-\u06ff]", ctx.hint):
        # A listing's own label ("منذ ساعتين", "25 يناير 2024"), read against the fetch time.
        stamp = best_expr(ctx, ctx.hint, ctx.fetched_at, "hint")
    if stamp is None:
        ctx.warnings.append(f"hint {ctx.hint!r} is not a date; ignored")
    return stamp


_JSONLD_KEYS = {"published": ("datePublished", "dateCreated", "uploadDate"), "modified": ("dateModified",)}


def _parse_value(ctx: Context, value: str, source: str) -> Stamp | None:
    stamp = parse_machine(value)
    if stamp is not None:
        return stamp.with_source(source)
    if re.search("[\u0600-\u06ff]", value):  # an Arabic date written as prose inside markup
        return best_expr(ctx, value, None, source)
    return None


def _page_key(url: str) -> str:
    """A URL compared loosely: no scheme, ``www.``, query, fragment or trailing slash."""
    url = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().lower()).split("#", 1)[0].split("?", 1)[0]
    return url.rstrip("/")


def _names_other_page(ctx: Context, node: Any) -> bool:
    """Does this node say it is another page's story (``url``/``mainEntityOfPage``)? Infinite-
    scroll and "next story" templates ship the next article's node beside (even before) ours."""
    own = {_page_key(ctx.url), _page_key(ctx.canonical_url)}
    named = []
    for key in ("url", "mainEntityOfPage", "@id"):
        value = node.data.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str) and re.match(r"^[a-z]+://", value.strip(), re.I):
            named.append(_page_key(value))
    return bool(named) and not any(n in own or n.split("#", 1)[0] in own for n in named)


def step_jsonld(ctx: Context, kind: str) -> Stamp | None:
    # Stable: nodes naming another page go after the others (kept: a site may misname its own).
    for node in sorted(ctx.jsonld.nodes, key=lambda n: _names_other_page(ctx, n)):
        for key in _JSONLD_KEYS[kind]:
            value = node.data.get(key)
            if isinstance(value, list) and value:
                value = value[0]
            if isinstance(value, str | int) and str(value).strip():
                stamp = _parse_value(ctx, str(value), "json-ld")
                if stamp is not None:
                    return stamp
    return None


def step_meta(ctx: Context, kind: str) -> Stamp | None:
    t = tables()
    keys = t.meta_published if kind == "published" else t.meta_modified
    for key in keys:
        for value in ctx.meta.get(key, ()):
            stamp = _parse_value(ctx, value, "meta")
            if stamp is not None:
                return stamp
    return None


_MODIFIED_ATTR = re.compile(r"updat|modif|edit", re.I)
_MACHINE_CLASS = re.compile(r"publish|updat|modif|date|time|posted", re.I)


def _is_modified_time(el: etree._Element) -> bool:
    words = attr_words(el) + " " + (el.get("itemprop") or "").lower()
    if _MODIFIED_ATTR.search(words):
        return True
    before = (el.getparent().text or "") if el.getparent() is not None else ""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):  # comments, processing instructions
        prev = prev.getprevious()
    if prev is not None:
        before += " " + "".join(prev.itertext()) + (prev.tail or "")
    folded = fold(before)
    return any(label in folded for label in tables().label_modified)


def step_time(ctx: Context, kind: str) -> Stamp | None:
    found = _time_in(ctx.scope, kind)
    if found is None and ctx.wide_scope is not None and ctx.wide_scope is not ctx.scope:
        found = _time_in(ctx.wide_scope, kind)
    for frame in ctx.meta_frames:
        if found is not None:
            break
        found = _time_in(frame, kind)
    return found


def _time_in(scope: etree._Element, kind: str) -> Stamp | None:
    """The first machine-readable time element of ``scope`` for ``kind`` (document order).

    Elements and attributes come from ``data/meta.toml`` (``<time datetime>``, AMP's
    ``<amp-timeago>``, hAtom ``<abbr class="published" title>``, ``data-datetime``...).
    """
    t = tables()
    found: list[tuple[etree._Element, Stamp]] = []
    post_date: Stamp | None = None  # an "entry-date updated" stamp: the post's date, as a fallback
    for el in scope.iter(*t.time_elements):
        if (
            el.tag != "time"
            and el.tag != "amp-timeago"
            and not any(el.get(a) for a in t.time_explicit_attributes)
            and (el.tag == "a" or not _MACHINE_CLASS.search(attr_words(el)))
        ):
            continue
        raw = next((str(el.get(a)).strip() for a in t.time_attributes if el.get(a)), "")
        if not raw and el.tag == "time" and len(el) == 0:
            # Old HTML5 "<time pubdate>14/03/2024 - 09:30</time>": no datetime attribute, so
            # the element's own text, when machine-shaped (parse_machine reads no words).
            raw = (el.text or "").strip()
        if not raw:
            continue
        if _is_modified_time(el) != (kind == "modified"):
            if kind == "published" and post_date is None:
                classes = (el.get("class") or "").lower().split()
                if any(c in classes for c in t.time_post_date_classes):
                    post_date = parse_machine(raw)
            continue
        stamp = parse_machine(raw)
        if stamp is not None:
            if kind == "modified":
                return stamp.with_source("time")
            found.append((el, stamp))
    if not found:
        return None if post_date is None else post_date.with_source("time")
    if len(found) >= _FEED_MIN_POSTS and _one_per_post([el for el, _ in found]):
        # A live blog / ticker: one stamp per post, newest first on most outlets. The story was
        # published when its first post was, so the earliest stamp wins, not the first in order.
        return min((st for _, st in found), key=_stamp_order).with_source("time")
    return found[0][1].with_source("time")


_FEED_MIN_POSTS = 3


def _stamp_order(stamp: Stamp) -> datetime:
    v = stamp.value
    return v if v.tzinfo is not None else v.replace(tzinfo=UTC)


def _one_per_post(els: Sequence[etree._Element]) -> bool:
    """Do ``els`` sit one each in sibling blocks of one kind (same tag and class), as in a feed?

    The blocks are the children of the time elements' lowest common ancestor; a story with a
    dateline ``<time>`` plus dates quoted in its paragraphs does not have this shape.
    """
    chains = []
    for el in els:
        chain = [el, *el.iterancestors()]
        chain.reverse()  # root first
        chains.append(chain)
    depth = 0
    shortest = min(len(c) for c in chains)
    while depth < shortest and all(c[depth] is chains[0][depth] for c in chains):
        depth += 1
    if depth == 0 or depth >= shortest:
        return False
    blocks = [c[depth] for c in chains]
    if len({id(b) for b in blocks}) != len(blocks):
        return False
    kinds = {(b.tag, (b.get("class") or "").strip()) for b in blocks}
    return len(kinds) == 1 and all(b.tag != "time" for b in blocks)


def step_text(ctx: Context, kind: str) -> Stamp | None:
    found = _text_in(ctx, kind, ctx.lines, ctx.title_line)
    if found is None and ctx.wide_scope is not None and ctx.wide_scope is not ctx.scope:
        found = _text_in(ctx, kind, ctx.wide_lines, ctx.wide_title_line)
    if found is None and ctx.meta_lines:
        # Labelled lines only: an unlabelled date in a header/footer block may be anything.
        found = _text_in(ctx, kind, ctx.meta_lines, -1)
    if found is None and kind == "published":
        found = _issue_page_line(ctx)
    if found is None and kind == "published":
        # An archive's breadcrumb ("الأعداد » عدد الخميس 14 مارس 2024 » محليات") is a path to
        # the article like its URL, and is read just before it: each item must be a dateline.
        for crumb in ctx.crumb_lines:
            found = best_expr(ctx, crumb, ctx.fetched_at, "text", min_cover=0.4)
            if found is not None:
                break
    return found


@cache
def _issue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """The page and issue patterns (folded words then a number) and a cheap raw-text filter."""
    t = tables()
    page_rx = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, t.issue_page_words))})\s*[\d٠-٩]+")
    issue_rx = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, t.issue_number_words))})\s*[\d٠-٩]+")
    # Folding leaves these words' core letters, so the unfolded line must hold one of them.
    quick = tuple(sorted({w[-3:] for w in t.issue_number_words}))
    return page_rx, issue_rx, quick


def _issue_page_line(ctx: Context) -> Stamp | None:
    """The date of an e-paper clip's "page N - issue N - date" stamp, anywhere on the page: the
    page and issue words with their numbers are cut and the rest must be a dateline."""
    page_rx, issue_rx, quick = _issue_patterns()
    for line in ctx.wide_lines or ctx.lines:
        if len(line) > 100 or not any(w in line for w in quick) or not DIGIT.search(line):
            continue
        folded = fold_line(line)
        if len(folded) != len(line) or not page_rx.search(folded) or not issue_rx.search(folded):
            continue
        # Folding kept the length, so the folded matches' spans cut the line as written.
        chars = list(line)
        for m in [*page_rx.finditer(folded), *issue_rx.finditer(folded)]:
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
        rest = "".join(chars).strip(" -–—|:،,")
        stamp = best_expr(ctx, rest, ctx.fetched_at, "text", min_cover=0.4)
        if stamp is not None:
            return stamp
    return None


def _text_in(ctx: Context, kind: str, lines: list[str], title_line: int) -> Stamp | None:
    t = tables()
    mine = t.label_published if kind == "published" else t.label_modified
    other = t.label_modified if kind == "published" else t.label_published
    anchor = ctx.fetched_at
    for line in lines:
        if len(line) > 160 or line in ctx.caption_lines:
            continue
        quick = fold_line(line)
        if any_of(mine).search(quick) is None:
            continue
        folded, index = fold_map(line)
        own = [(s, e) for s, e in labels_in(folded, mine) if _opens_item(folded, s, e)]
        if not own:
            continue
        others = labels_in(folded, other)
        for s, e in own:
            if any(os <= s < oe for os, oe in others):
                continue  # "آخر تحديث" also contains a published-looking word
            stop = min([os for os, _ in others if os >= e] + [len(folded)])
            start_i = index[e] if e < len(index) else len(line)
            end_i = index[stop] if stop < len(index) else len(line)
            segment = line[start_i:end_i]
            stamp = best_expr(ctx, segment, anchor, "text", min_cover=0.3)
            if stamp is not None:
                return stamp
    if kind != "published" or title_line < 0:
        return None
    budget = t.near_title_chars
    candidates = []
    for line in lines[title_line + 1 :]:
        if budget <= 0:
            break
        budget -= len(line)
        candidates.append(line)
    if lines is ctx.lines and ctx.scope.tag not in {"body", "html", "main"}:
        # Inside an article container a dateline may sit just above the title (a kicker line);
        # on a whole-page scope the line above the title can be the masthead clock, so never.
        candidates.extend(reversed(lines[max(0, title_line - 2) : title_line]))
    elif lines is ctx.lines:
        candidates.extend(reversed(ctx.kicker_lines))
    for line in candidates:
        if line in ctx.caption_lines:
            continue  # a photo's date ("تصوير: ... - 14 مارس 2024") is the photo's
        if len(line) > 100:
            stamp = _wire_lead(ctx, line, anchor)
            if stamp is not None:
                return stamp
            continue
        if kind == "published" and any_of(other).search(fold_line(line)) is not None:
            # "14/3/2024 - آخر تحديث: 14/3/2024 08:45": the part before the update label is
            # the publication date; a line that starts with the label has none.
            folded, index = fold_map(line)
            others = labels_in(folded, other)
            if others:
                cut = min(s for s, _ in others)
                line = line[: index[cut]] if 0 < cut < len(index) else ""
                if not line.strip(" -–—|:"):
                    continue
        stamp = best_expr(ctx, line, anchor, "text", min_cover=0.4) or _wire_lead(ctx, line, anchor)
        if stamp is not None:
            return stamp
    return None


_ITEM_OPENERS = frozenset("|•·｜-–—:：([،,")
# The end of a date or clock item ("14/03/2024 - 09:30", "10:30 ص"): a label after it opens the
# next item ("... 09:30 آخر تحديث : ..."), as on a date bar whose items are set apart by spaces.
_AFTER_CLOCK = re.compile(r"\d\s*(?:[صم]|am|pm|صباحا|مساء|مساءا)?$")


def _opens_item(folded: str, start: int, end: int) -> bool:
    """Does the label at ``folded[start:end]`` open the line or an item of it: after a separator,
    colon, dash or bracket, or after a date or clock? "بتاريخ" and "نشر في" are prose too: in
    "وقع الاتفاق بتاريخ 17 نوفمبر 2008" the words before the label make it a sentence's, not a
    dateline's. A prose label (``prose_labels``, ``data/datelines.toml``: "بتاريخ") does not open
    an item after a number either: "القرار رقم 15 بتاريخ 17 نوفمبر 2008" is the formula of a
    decree's citation."""
    before = folded[:start].rstrip()
    if not before or before[-1] in _ITEM_OPENERS:
        return True
    return folded[start:end] not in tables().prose_labels and _AFTER_CLOCK.search(before) is not None


def _wire_lead(ctx: Context, line: str, anchor: datetime | None) -> Stamp | None:
    head = wire_lead_head(line)
    return best_expr(ctx, head, anchor, "text", min_cover=0.4) if head else None


def step_url(ctx: Context, kind: str) -> Stamp | None:
    if kind != "published":
        return None
    return from_url(ctx.url) or (from_url(ctx.canonical_url) if ctx.canonical_url != ctx.url else None)


Step = Callable[[Context, str], Stamp | None]
LADDER: dict[str, tuple[Step, ...]] = {
    "published": (step_hint, step_jsonld, step_meta, step_time, step_text, step_url),
    "modified": (step_jsonld, step_meta, step_time, step_text),
}


# ---------------------------------------------------------------- settling and sanity


def _day(stamp: Stamp) -> Resolved:
    v = stamp.value
    return Resolved(datetime(v.year, v.month, v.day, tzinfo=UTC), "day", stamp.raw, stamp.source, None)


_MIDNIGHT = time(0, 0)


def settle(ctx: Context, stamp: Stamp, same_field: Sequence[Stamp], all_stamps: Sequence[Stamp]) -> Resolved:
    """Make ``stamp`` aware by the rules in the module docstring, or keep only its day."""
    if stamp.grain in {"day", "month", "year"}:
        local = stamp.value
        if stamp.aware and stamp.grain == "day" and stamp.value.utcoffset():
            local = stamp.value.replace(tzinfo=None)
        res = _day(Stamp(local, stamp.grain, stamp.raw, stamp.source))
        return Resolved(res.value, stamp.grain, res.raw, res.source, None)
    if stamp.value.time() == _MIDNIGHT:
        # "2024-03-14T00:00:00+02:00": a CMS that stores only the day prints it at midnight (a
        # print issue's stories, a date field); a story published at 00:00:00 sharp is rarer
        # than that placeholder, so only the written day is known. A later step may refine it.
        res = _day(Stamp(stamp.value.replace(tzinfo=None), "day", stamp.raw, stamp.source))
        return Resolved(res.value, "day", res.raw, res.source, None)
    if stamp.aware:
        value = stamp.value
        if value.utcoffset() == timedelta(0):
            value = _in_outlet_zone(ctx, value, same_field, all_stamps)
        return Resolved(value, stamp.grain, stamp.raw, stamp.source, fmt_offset(value.tzinfo, value))
    naive = stamp.value
    tz: timezone | None = None
    if stamp.zone:
        tz = zone_tz(stamp.zone, naive)
    if tz is None:
        for other in same_field:
            if other.aware and other.grain in {"minute", "hour"}:
                tz = _whole_offset(naive, other.value)
                if tz is not None:
                    break
    if tz is None:
        stated = page_zone(ctx)
        tz = zone_tz(stated, naive) if stated else None
    if tz is None:
        tz = _page_offset(all_stamps)
    if tz is None:
        hint = coerce_hint(ctx.hint) if ctx.hint is not None else None
        if hint is not None and hint.aware:
            off = hint.value.utcoffset()
            tz = timezone(off) if off is not None else None
    if tz is None:
        ctx.warnings.append(
            f"{stamp.source}: local time {stamp.raw!r} has no zone on the page; kept the day only"
        )
        return _day(stamp)
    value = naive.replace(tzinfo=tz)
    return Resolved(value, stamp.grain, stamp.raw, stamp.source, fmt_offset(tz, value))


def _in_outlet_zone(
    ctx: Context, value: datetime, same_field: Sequence[Stamp], all_stamps: Sequence[Stamp]
) -> datetime:
    """A UTC instant expressed in the outlet's own zone, when the page states one.

    CMSs write machine dates in UTC ("...Z") while the outlet lives in its zone; the instant is
    the same, but relative dates in the story ("أمس", "اليوم") count from the outlet's calendar
    day, which differs from the UTC day for stories published near midnight. The zone is a
    phrase stated on the page (بتوقيت مكة المكرمة), else the offset that makes a local time the
    page shows for the same field ("00:05" under a 21:05 UTC stamp) the same instant, else the
    offset of another dated value.
    """
    stated = page_zone(ctx)
    tz = zone_tz(stated, value.replace(tzinfo=None)) if stated else None
    if tz is None:
        for other in same_field:
            if not other.aware and other.grain == "minute":
                found = _whole_offset(other.value, value)
                if found is not None and found.utcoffset(None):
                    tz = found
                    break
    if tz is None:
        tz = _page_offset(all_stamps)
    return value.astimezone(tz) if tz is not None and tz.utcoffset(value) else value


def _whole_offset(local: datetime, instant: datetime) -> timezone | None:
    """The offset that makes the naive ``local`` time the aware ``instant``, when it is a whole
    number of quarter hours of at most 14 hours (a real zone's); None otherwise."""
    diff = local - instant.astimezone(UTC).replace(tzinfo=None)
    if abs(diff) <= timedelta(hours=14) and diff.total_seconds() % 900 == 0:
        return timezone(diff)
    return None


def _page_offset(stamps: Sequence[Stamp]) -> timezone | None:
    """The first non-zero offset an offset-bearing time on the page carries (the outlet's zone)."""
    for other in stamps:
        off = other.value.utcoffset() if other.aware and other.grain in {"minute", "hour"} else None
        if off:
            return timezone(off)
    return None


def local_date(res: Resolved) -> datetime:
    """The outlet's local calendar date of a resolved value (as a naive midnight datetime)."""
    v = res.value if res.grain not in {"day", "month", "year"} else res.value.replace(tzinfo=None)
    return datetime(v.year, v.month, v.day)


def sane(ctx: Context, res: Resolved, kind: str) -> bool:
    """Plausibility: not before 1995, not after the fetch time (plus skew)."""
    if res.value.year < MIN_YEAR:
        ctx.warnings.append(f"{kind} from {res.source} ({res.raw!r}) is before {MIN_YEAR}; ignored")
        return False
    if ctx.fetched_at is not None:
        fetched = ctx.fetched_at
        if res.grain in {"day", "month", "year"}:
            latest = (fetched.astimezone(UTC) + timedelta(hours=14)).date()
            too_late = res.value.date() > latest
        else:
            too_late = res.value > fetched + SKEW
        if too_late:
            ctx.warnings.append(f"{kind} from {res.source} ({res.raw!r}) is after the fetch time; ignored")
            return False
    return True


_FINE = {"minute": 0, "hour": 1, "day": 2, "month": 3, "year": 4}


def _covers(coarse: Resolved, fine: Resolved) -> bool:
    a, b = local_date(coarse), local_date(fine)
    if coarse.grain == "day":
        return a == b
    if coarse.grain == "month":
        return (a.year, a.month) == (b.year, b.month)
    return a.year == b.year


def collect(ctx: Context, kind: str) -> list[Stamp]:
    """The ladder steps' candidates for ``kind``, in trust order.

    Lazy: once a step gives a plausible offset-bearing time (minute or hour), nothing below it
    can win or refine it, so the lower (costlier) steps are not run. Naive and day-only values
    let the ladder go on, because lower steps may supply their offset or their minute.
    """
    out: list[Stamp] = []
    for step in LADDER[kind]:
        stamp = step(ctx, kind)
        if stamp is None:
            continue
        out.append(stamp)
        if (
            stamp.source != "hint"
            and stamp.aware
            and stamp.grain in {"minute", "hour"}
            and stamp.value.time() != _MIDNIGHT  # a day-only placeholder: lower steps may refine it
            and stamp.value.utcoffset() != timedelta(0)  # UTC: a lower step may show the local time
            and _plausible(ctx, stamp)
        ):
            break
    return out


def _plausible(ctx: Context, stamp: Stamp) -> bool:
    if stamp.value.year < MIN_YEAR:
        return False
    return ctx.fetched_at is None or stamp.value <= ctx.fetched_at + SKEW


def choose(ctx: Context, kind: str, stamps: Sequence[Stamp], others: Sequence[Stamp] = ()) -> Resolved | None:
    """The winner among ``stamps`` (trust order), settled and sane; ``others`` help zone inference."""
    resolved: list[Resolved] = []
    for stamp in stamps:
        res = settle(ctx, stamp, stamps, [*stamps, *others])
        if sane(ctx, res, kind):
            resolved.append(res)
    if not resolved:
        return None
    winner = resolved[0]
    for later in resolved[1:]:
        if _FINE[later.grain] < _FINE[winner.grain] and _covers(winner, later):
            winner = later
            break
    if winner.source == "hint":
        for res in resolved[1:]:
            if res.source in {"json-ld", "meta"} and abs(local_date(res) - local_date(winner)) > timedelta(
                days=1
            ):
                ctx.warnings.append(
                    f"hint {winner.raw!r} disagrees with the page's {res.source} date {res.raw!r}; kept the hint"
                )
                break
    return winner
