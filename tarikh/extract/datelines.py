"""One visible line read as a dateline: ``tarikh.dates`` expressions, the dateline shape, and
the share of the line the date covers.

Split out of ``signals`` (which holds the ladder and decides *which* lines to read) because
reading one line is a self-contained step: find the expressions, keep the line only when it has
a dateline's shape (the date first and last, after at most a short label or byline head), and
pick its best expression. Lines arrive as :func:`tarikh.extract.body.lines_with_title` builds
them: items the page set apart (separate inline elements of a byline bar, runs of ``&nbsp;``)
are joined by " | ", so a head or tail of other items is told from running prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from tarikh.text import fold

from .stamps import Stamp, parse_latin_line
from .tables import any_of, fold_line, tables
from .zones import zone_in

if TYPE_CHECKING:
    from .signals import Context

__all__ = [
    "BYLINE_SEPS",
    "DIGIT",
    "best_expr",
    "clock_with_date",
    "date_run",
    "dateline_shape",
    "find_dates",
    "fold_map",
    "labels_in",
    "may_hold_date",
    "wire_lead_head",
]

DIGIT = re.compile(r"\d")


def may_hold_date(text: str) -> bool:
    """Cheap pre-filter: a digit (any script) or a date word from ``data/datelines.toml``."""
    if DIGIT.search(text):
        return True
    folded = fold_line(text)
    return any_of(tables().date_cues).search(folded) is not None


def find_dates(ctx: Context, text: str, anchor: datetime | None) -> list[Any]:
    """``tarikh.dates.find`` when it is installed; an empty list (and one warning) when not."""
    if not may_hold_date(text):
        return []
    try:
        from tarikh.dates import find  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        if not ctx._dates_missing:
            ctx.warnings.append("tarikh.dates unavailable: visible Arabic date lines not read")
            ctx._dates_missing = True
        return []
    try:
        return list(find(text, anchor))
    except Exception as exc:  # one unreadable date line must not lose the whole page
        ctx.warnings.append(f"tarikh.dates failed on {text[:60]!r}: {type(exc).__name__}: {exc}")
        return []


def _expr_stamp(expr: Any, segment: str, anchor: datetime | None, source: str) -> Stamp | None:
    """A :class:`Stamp` from one ``TimeExpression`` (day grain or finer only)."""
    grain = getattr(expr, "grain", None)
    value = str(getattr(expr, "value", ""))
    if grain in {"minute", "hour"}:
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2})(?::(\d{2}))?", value)
        if not m:
            return None
        dt = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5] or 0))
    elif grain == "day":
        start = getattr(expr, "date_start", None)
        if start is None:
            return None
        dt = datetime(start.year, start.month, start.day)
    else:
        return None
    cue = getattr(expr, "cue", "absolute") or "absolute"
    zone_text = zone_in(segment) or getattr(expr, "timezone", None)
    if (
        zone_text is None
        and cue not in {"absolute", "anaphora"}
        and anchor is not None
        and anchor.tzinfo is not None
        and grain in {"minute", "hour"}
    ):
        # "منذ ساعتين": resolved against the fetch time, so the clock is the fetch time's.
        dt = dt.replace(tzinfo=anchor.tzinfo)
    return Stamp(dt, grain, getattr(expr, "text", segment) or segment, source, zone_text)


def best_expr(
    ctx: Context, segment: str, anchor: datetime | None, source: str, min_cover: float = 0.0
) -> Stamp | None:
    """The finest day-or-finer written expression of ``segment``, else the finest one resolved
    against the fetch time (a bare weekday "الخميس" before "14/03/2024" is not the date: the
    weekday names the day the date gives; nor is a bare clock beside a written date); on ties
    Gregorian before Hijri.

    ``min_cover``: the share of the date's own item the expressions must cover, so a date inside
    running prose ("وقع الاتفاق بتاريخ 17 نوفمبر 2008، في خطوة...") is no dateline even when a
    label word is there. The item is the text between the byline separators (" | ", "•", "·")
    around the expressions: the head the shape test accepted ("بورتسودان: عوض الله حسن |") and
    the other items after it ("| عدد القراءات : 1843") are the line's, not the date's.
    """
    if fold_line(segment[:40]).lstrip(" :-|").startswith(tables().print_stamps):
        return None  # "طبع في 29/11/2026": a print view's stamp is the reader's day, never the story's
    latin = parse_latin_line(segment)  # "Published: March 14, 2024 - 09:30 GMT"
    if latin is not None:
        return latin.with_source(source)
    exprs = find_dates(ctx, segment, anchor)
    if min_cover:
        exprs = date_run(segment, exprs)
        if not exprs or not dateline_shape(segment, exprs):
            return None
        item = _date_item(segment, exprs)
        covered = sum(len(getattr(e, "text", "")) for e in exprs)
        if covered < min_cover * len(item.replace(" ", "")):
            return None
    rank = {"minute": 0, "hour": 1, "day": 2}
    stamps = []
    joined = clock_with_date(segment, exprs, source)
    if joined is not None:
        stamps.append((0, False, False, joined))
    for e in exprs:
        st = _expr_stamp(e, segment, anchor, source)
        if st is not None:
            # "anaphora": a clock tied to a date written earlier in the same segment
            # ("14.03.2024 | 09:00 GMT"), so as written as that date, and finer.
            written = getattr(e, "cue", "absolute") in {"absolute", "anaphora"}
            stamps.append(
                (rank[st.grain], not written, getattr(e, "calendar", "gregorian") != "gregorian", st)
            )
    if not stamps:
        return None
    # A written date wins over one resolved against the fetch time whatever their grains: in
    # "09:30 ص - الخميس 14 مارس 2024" the clock is that Thursday's, not the fetch day's.
    stamps.sort(key=lambda s: (s[1], s[0], s[2]))
    if stamps[0][1] and _UNREAD_NUMERIC_DATE.search(segment):
        # Only a clock or weekday was read, beside digits shaped like a date that were not
        # ("27-11-24 08:14"): the clock is that unread date's, not the fetch day's.
        return None
    return stamps[0][3]


_UNREAD_NUMERIC_DATE = re.compile(r"(?<![\d:])\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}(?![\d:])")


BYLINE_SEPS = ("|", "•", "·", "｜")
_GAP_WORD = re.compile(r"[^\W\d_]+")
_GAP_MAX_WORDS = 3


def date_run(segment: str, exprs: Sequence[Any]) -> list[Any]:
    """The first expression of ``segment`` and those joined to it: each next one follows the one
    before with at most three words between them ("الموافق", "بتوقيت مكة المكرمة") or with a byline
    separator there (other items of the bar). An expression after more prose belongs to the prose:
    "17 نوفمبر 2008 أعلنت الوزارة أن المشروع سينطلق بعد أسبوعين" is a date and a sentence, and the
    relative "بعد أسبوعين" at its end must not stretch the date's span (shape) or share (coverage)
    over the sentence."""
    ordered = sorted(exprs, key=lambda e: int(getattr(e, "start", 0)))
    run = ordered[:1]
    for e in ordered[1:]:
        gap = segment[int(getattr(run[-1], "end", 0)) : int(getattr(e, "start", 0))]
        if len(_GAP_WORD.findall(gap)) > _GAP_MAX_WORDS and not any(sep in gap for sep in BYLINE_SEPS):
            break
        run.append(e)
    return run


def _date_item(segment: str, exprs: Sequence[Any]) -> str:
    """The byline item holding the expressions: from the last separator before the first one to
    the first separator after the last one (the whole segment when there is none)."""
    first = min(int(getattr(e, "start", 0)) for e in exprs)
    last = max(int(getattr(e, "end", 0)) for e in exprs)
    cut = max(segment.rfind(s, 0, first) for s in BYLINE_SEPS)
    ends = [i for i in (segment.find(s, last) for s in BYLINE_SEPS) if i >= 0]
    return segment[cut + 1 : min(ends) if ends else len(segment)]


_SEPARATORS = "|-–—•·/()[]"
_CLOCK_VALUE = re.compile(r"T(\d{2}):(\d{2})")
_JOINERS = frozenset(" :|-–—•·/،,()[]\u00a0")


def clock_with_date(segment: str, exprs: Sequence[Any], source: str) -> Stamp | None:
    """A bare clock printed beside a written date, only separators between ("14 مارس ,2024:
    09:30 ص", "GMT 9:30 الخميس 14 مارس 2024"), is that date's clock. ``tarikh.dates`` resolves
    such a clock against the fetch day (cue ``anchor``) unless a plain space or pipe joins them."""
    days = [e for e in exprs if getattr(e, "grain", None) == "day" and getattr(e, "cue", None) == "absolute"]
    clocks = [e for e in exprs if getattr(e, "grain", None) == "minute" and getattr(e, "cue", None) == "anchor"]
    if len(days) != 1 or not clocks:
        return None
    day, start = days[0], getattr(days[0], "date_start", None)
    if start is None or getattr(day, "calendar", "gregorian") != "gregorian":
        return None
    for clock in clocks:
        a, b = sorted((day, clock), key=lambda e: int(e.start))
        gap = segment[int(a.end) : int(b.start)]
        m = _CLOCK_VALUE.search(str(getattr(clock, "value", "")))
        if m and len(gap) <= 4 and all(ch in _JOINERS for ch in gap):
            dt = datetime(start.year, start.month, start.day, int(m[1]), int(m[2]))
            raw = segment[int(a.start) : int(b.end)]
            return Stamp(dt, "minute", raw, source, zone_in(segment) or getattr(day, "timezone", None))
    return None


# "| عدد القراءات : 1843", "التعليقات: 3": another "label: value" item after the date (at most
# three words of letters, then a colon); a clock ("11:47") is no label.
_TAIL_LABEL = re.compile(r"^(?:[^\W\d_]+\s+){0,2}[^\W\d_]+\s*[:：]")


def dateline_shape(segment: str, exprs: Sequence[Any]) -> bool:
    """A dateline starts with its date (a weekday may come first) and ends with it, or with a
    separator and other byline items ("| التعليقات (3)"), or with another "label: value" item
    ("عدد القراءات : 1843", as old table sites print them side by side); prose goes on after
    the date."""
    starts = [int(getattr(e, "start", 0)) for e in exprs]
    ends = [int(getattr(e, "end", 0)) for e in exprs]
    raw_head = segment[: min(starts)].rstrip(" \t")
    head = raw_head.strip(" :：-–—|\t")
    tail = segment[max(ends) :].strip()
    # "تاريخ الإدخال: ..." - a short label ending in a colon is a dateline's head, whatever its
    # words (the labels table cannot list every CMS's wording).
    labelled = raw_head.endswith((":", "：")) and len(head) <= 24 and len(head.split()) <= 3
    # "بقلم: مراد حسن | الخميس 14 مارس 2024": byline items closed by a pipe or bullet before
    # the date (prose never puts one there). The separators themselves are no words.
    words = [w for w in head.split() if w not in BYLINE_SEPS]
    byline = raw_head.endswith(BYLINE_SEPS) and len(head) <= 40 and len(words) <= 5
    return (len(head) <= 12 or labelled or byline) and _tail_ok(tail)


_COMMAS = ("،", ",")


@cache
def _era_words() -> frozenset[str]:
    """The era markers of ``tarikh.dates``' tables ("م", "هـ", "ميلادي"...), folded."""
    from tarikh.dates.tables import load_table

    return frozenset(fold(w) for w in load_table("markers")["eras"])


def _tail_ok(tail: str) -> bool:
    """What follows a dateline's date: short, or other items after a separator or a "label:".
    A comma is no item separator: after it, the rest must pass on its own ("، 09:30 ص" does,
    "، في خطوة مهمة لتعزيز التعاون بين البلدين" is the sentence going on). An era marker the
    date left out ("12-06-2023 م | عدد المشاهدات : 842") belongs to the date."""
    first, _, rest = tail.partition(" ")
    if first and fold(first) in _era_words():
        return _tail_ok(rest.strip())
    if tail.startswith(_COMMAS):
        rest = tail[1:].strip()
        return not rest or _tail_ok(rest)
    return len(tail) <= 20 or tail[0] in _SEPARATORS or _TAIL_LABEL.match(tail) is not None


# "رام الله 14-3-2024 وفا- وزعت ...": a wire lead opens with place, date and the agency's
# credit closed by a dash after a letter (or its bracket), then the story. That head alone is
# read as a dateline (only in a paragraph too long to be one); the place holds no digit, and
# the dashes inside "14-3-2024" follow digits, so they do not end the head.
_WIRE_LEAD = re.compile(r"^[^\d]{2,24}?[\d٠-٩].{0,40}?[^\W\d_][)\]/]?\s*[-–—](?=\s)")


def wire_lead_head(line: str) -> str | None:
    """The "place date credit-" head of a wire lead paragraph, or None."""
    lead = _WIRE_LEAD.match(line) if len(line) > 40 else None
    return lead.group(0) if lead else None


# ---------------------------------------------------------------- labels in a line


@cache
def _fold_char(ch: str) -> str:
    return fold(ch)


def fold_map(line: str) -> tuple[str, list[int]]:
    """Folded ``line`` and, for each folded character, the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(line):
        f = _fold_char(ch)
        out.append(f)
        index.extend([i] * len(f))
    return "".join(out), index


def labels_in(folded: str, labels: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each label occurrence in ``folded`` standing as whole words."""
    spans: list[tuple[int, int]] = []
    for label in labels:
        for m in re.finditer(re.escape(label), folded):
            s, e = m.span()
            whole = (s == 0 or not folded[s - 1].isalpha()) and not folded[e : e + 1].isalpha()
            if whole and not any(s < oe and e > os for os, oe in spans):
                spans.append((s, e))
    return sorted(spans)
