"""Dated mentions: every time expression of an article's text, with its sentence and modality.

The article text is ``title + "\\n\\n" + body`` (``ARTICLE_TEXT_SEPARATOR``); every offset in a
mention (``char_start``, ``char_end``) points into that string, so a mention can always be shown
in context by rebuilding it from the article row. Dates come from :func:`tarikh.dates.find`,
anchored on the publication time in the outlet's own offset, because "يوم الأربعاء" means the
Wednesday of the outlet's calendar, not of UTC.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from tarikh.events.tables import Tables
from tarikh.text import Sentence, split_sentences, strip_proclitics, words

ARTICLE_TEXT_SEPARATOR = "\n\n"
MODALITIES = ("reported", "scheduled", "expected", "background")
REQUIRED_KEYS = ("article_id", "outlet", "url", "title", "body", "published")

_OFFSET = re.compile(r"^(?P<sign>[+-])(?P<h>\d{2}):?(?P<m>\d{2})$")
_CLAUSE_BREAK = re.compile(r"[،؛;:,]")


class EventsError(ValueError):
    """An article mapping given to :func:`tarikh.events.build` is malformed."""


def article_text(title: str | None, body: str | None) -> str:
    """The text every mention offset refers to: title, a blank line, body."""
    return (title or "") + ARTICLE_TEXT_SEPARATOR + (body or "")


def parse_offset(offset: str) -> timezone:
    """``+03:00`` / ``+0300`` / ``Z`` to a fixed timezone; anything else is an :class:`EventsError`."""
    if offset in ("Z", "z", "UTC"):
        return UTC
    m = _OFFSET.match(offset.strip())
    if not m:
        raise EventsError(f"published_offset {offset!r} is not of the form +HH:MM")
    delta = timedelta(hours=int(m["h"]), minutes=int(m["m"]))
    if delta >= timedelta(hours=24):
        raise EventsError(f"published_offset {offset!r} is out of range")
    return timezone(-delta if m["sign"] == "-" else delta)


def article_anchor(article: Mapping[str, Any]) -> datetime | None:
    """The publication time in the outlet's own offset (the anchor for relative dates), or None."""
    published = article.get("published")
    if published is None:
        return None
    if not isinstance(published, datetime):
        raise EventsError(
            f"article {article.get('article_id')!r}: published must be an aware datetime or None, "
            f"got {type(published).__name__}"
        )
    if published.tzinfo is None or published.utcoffset() is None:
        raise EventsError(f"article {article.get('article_id')!r}: published is a naive datetime")
    offset = article.get("published_offset")
    if offset:
        return published.astimezone(parse_offset(str(offset)))
    return published


def check_article(article: Mapping[str, Any]) -> None:
    """Raise :class:`EventsError` naming the article and key when a required key is missing or bad."""
    if not isinstance(article, Mapping):
        raise EventsError(f"an article must be a mapping, got {type(article).__name__}")
    for key in REQUIRED_KEYS:
        if key not in article:
            raise EventsError(f"article {article.get('article_id')!r} has no {key!r}")
    if not isinstance(article["article_id"], str) or not article["article_id"]:
        raise EventsError(f"article_id must be a non-empty string, got {article['article_id']!r}")
    for key in ("title", "body"):
        if article[key] is not None and not isinstance(article[key], str):
            raise EventsError(f"article {article['article_id']!r}: {key} must be a string or None")


# ---------------------------------------------------------------------------------------------
# Modality


def _readings(word: str) -> set[str]:
    out = set()
    for r in strip_proclitics(word):
        out.add(r)
        if r.startswith("ال") and len(r) > 3:
            out.add(r[2:])
    return out


def _phrase_at(word_list: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    if i < 0 or i + len(phrase) > len(word_list):
        return False
    for j, target in enumerate(phrase):
        t = target[2:] if target.startswith("ال") and len(target) > 3 else target
        cands = _readings(word_list[i + j])
        if target not in cands and t not in cands:
            return False
    return True


def _contains(word_list: list[str], phrase: tuple[str, ...]) -> bool:
    return any(_phrase_at(word_list, i, phrase) for i in range(len(word_list) - len(phrase) + 1))


def is_future_verb(word: str, tables: Tables) -> bool:
    """سيبدأ / ستعقد / وسنعمل: the glued future particle on an imperfect verb (folded input)."""
    for w in strip_proclitics(word):
        if len(w) < 2 + tables.future_min_stem:
            continue
        if not w.startswith(tables.future_particle) or w[1:2] not in tables.imperfect_prefixes:
            continue
        if w in tables.not_future or any(len(n) >= 4 and w.startswith(n) for n in tables.not_future):
            continue
        return True
    return False


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` holding ``[start, end)``: between the nearest ، ؛ : , marks."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = m.end()
    m2 = _CLAUSE_BREAK.search(sentence, end)
    return left, (m2.start() if m2 else len(sentence))


def has_background_cue(before: list[str], expression: list[str], tables: Tables) -> bool:
    """A background phrase ends right before the expression, or opens it ("عام 2014")."""
    for phrase in tables.background_before:
        if _phrase_at(before, len(before) - len(phrase), phrase):
            return True
        if _phrase_at(expression, 0, phrase) and len(expression) > len(phrase):
            return True
    return False


def classify_modality(
    clause_before: str,
    expression: str,
    clause_after: str,
    grain: str,
    date_start: date,
    date_end: date,
    anchor_day: date | None,
    tables: Tables,
) -> str:
    """The modality of one mention, from its clause and its date against the publication day.

    Pure function; the rules are spelled out in ``tarikh/data/modality.toml`` ([modality]).
    """
    before = words(clause_before)
    after = words(clause_after)
    # A complementizer after the date opens a subordinate clause whose verbs do not govern it:
    # "أعلنت ... اليوم الخميس أن اللجنة ستباشر" reports today's announcement. Before the date,
    # cues keep their force across one ("من المقرر أن تعقد الجولة يوم السبت").
    end = next((i for i, w in enumerate(after) if w in tables.complementizers), len(after))
    expr = words(expression)
    clause = before + expr + after[:end]
    past = anchor_day is not None and date_end < anchor_day
    if past or anchor_day is None:
        # A period over before publication (or of unknown relation to it): news or context?
        age = (anchor_day - date_end).days if anchor_day is not None else None
        if grain in tables.coarse_grains:
            return "background"
        if has_background_cue(before, expr, tables) and (age is None or age >= tables.cue_min_age_days):
            return "background"
        if past:
            return "reported"
    if any(_contains(clause, p) for p in tables.scheduled):
        return "scheduled"
    if any(_contains(clause, p) for p in tables.expected) or any(is_future_verb(w, tables) for w in clause):
        return "expected"
    if anchor_day is not None and date_start > anchor_day:
        return "expected"  # wholly after the publication day, no cue: not a fact yet
    return "reported"


def is_span_reference(
    clause_before: str,
    expression: str,
    grain: str,
    cue: str | None,
    date_start: date,
    anchor_day: date | None,
    tables: Tables,
) -> bool:
    """Does the mention name a span counted from the publication day rather than a happening on
    its date ("منذ تموز الماضي"، "خلال الأسبوع الماضي"، "حتى صباح اليوم"، "قبل نحو عام")?

    True when a span word (``modality.span.before``) ends right before the expression or opens
    it, or an approximation word (``modality.span.approximate``) is inside it; and the
    expression is counted from the publication day: its ``cue`` is not a calendar cue
    (``modality.span.calendar_cues``: "منذ عام 1991" names the happening that opened the span)
    and, at day grain, it holds a relative day word or was resolved as an offset ("منذ يوم
    الجمعة"، "منذ يومين", but not "منذ 17 أكتوبر الماضي"); or a coarser-than-day expression
    resolved as an offset ("قبل عام": a length back from the publication day, which names no
    calendar year or month of its own); and the span began on or before the
    publication day (a deadline "حتى سبتمبر من العام المقبل" is a plan, not a span). With no
    publication day nothing is relative, so nothing is a span. Pure function.
    """
    if anchor_day is None or date_start > anchor_day:
        return False
    cue_text = str(cue or "")
    if any(cue_text.startswith(c) for c in tables.calendar_cues):
        return False
    expr = words(expression)
    offset = any(cue_text.startswith(c) for c in tables.offset_cues)
    deictic = any(_readings(w) & tables.relative_day_words for w in expr)
    if grain in ("day", "hour", "minute") and not offset and not deictic:
        return False  # a calendar day ("منذ 17 أكتوبر الماضي") names the happening that opened it
    if offset and grain not in ("day", "hour", "minute"):
        return True  # a length back from the publication day ("قبل عام"، "قبل ثلاثة أشهر")
    before = words(clause_before)
    for phrase in tables.span_before:
        if _phrase_at(before, len(before) - len(phrase), phrase) or _phrase_at(expr, 0, phrase):
            return True
    return any(_contains(expr, phrase) for phrase in tables.span_approximate)


def is_dateline(sentence: str, rel_end: int, paragraph_start: bool, tables: Tables) -> bool:
    """Is an expression ending at ``rel_end`` in ``sentence`` part of a dateline ("بيروت -
    الأربعاء 5 أغسطس 2020م: ...")?

    A dateline tells when and where a report was filed, not when its news happened, so its date
    must not found an event of the filing day. True when the sentence opens a paragraph, the
    expression ends before the sentence's first dateline end mark (``modality.dateline.end``),
    and the part before that mark is short (``max_words``) and holds a dateline separator (the
    dash between place and agency or date). Pure function.
    """
    if not paragraph_start:
        return False
    cut = min((i for i in (sentence.find(e) for e in tables.dateline_end) if i >= 0), default=-1)
    if cut < 0 or rel_end > cut:
        return False
    prefix = sentence[:cut]
    if len(words(prefix)) > tables.dateline_max_words:
        return False
    return any(sep in prefix for sep in tables.dateline_separators)


# ---------------------------------------------------------------------------------------------
# Mentions


@dataclass
class Mention:
    """One mention row plus what clustering needs (kept out of the published row)."""

    row: dict[str, Any]
    outlet: str
    published_utc: datetime | None
    sentence_start: int
    sentence_end: int
    lead: bool = True  # in the title, standfirst or lede, see clustering.lead_sentences
    reference: bool = False  # a day named outside the lead, see clustering.mark_references
    span: bool = False  # a relative span ("منذ تموز الماضي"), see is_span_reference
    dateline: bool = False  # the filing date in a dateline, see is_dateline


def _sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end:
            return s
    return None


def _is_absolute(cue: str | None) -> bool:
    return bool(cue) and str(cue).startswith("absolute")


def article_mentions(
    article: Mapping[str, Any], tables: Tables, find: Any
) -> tuple[list[Mention], list[Sentence], str]:
    """Mentions of one article (in text order), its sentences and its text.

    ``find`` is :func:`tarikh.dates.find` (passed in so this module has no import-time
    dependency on the dates stage). An article with no publication time keeps only absolute
    expressions: a relative one ("أمس") has nothing to be relative to.
    """
    check_article(article)
    aid = str(article["article_id"])
    text = article_text(article.get("title"), article.get("body"))
    anchor = article_anchor(article)
    anchor_day = anchor.date() if anchor is not None else None
    published_utc = anchor.astimezone(UTC) if anchor is not None else None
    sentences = split_sentences(text)
    out: list[Mention] = []
    for tx in find(text, anchor):
        if anchor is None and not _is_absolute(getattr(tx, "cue", None)):
            continue
        s = _sentence_of(sentences, tx.start)
        if s is None:
            continue
        rel_start, rel_end = tx.start - s.start, min(tx.end, s.end) - s.start
        c_left, c_right = clause_bounds(s.text, rel_start, rel_end)
        modality = classify_modality(
            s.text[c_left:rel_start],
            s.text[rel_start:rel_end],
            s.text[rel_end:c_right],
            tx.grain,
            tx.date_start,
            tx.date_end,
            anchor_day,
            tables,
        )
        row = {
            "mention_id": f"{aid}:{tx.start}-{tx.end}",
            "article_id": aid,
            "sentence_index": s.index,
            "sentence": s.text,
            "expression": tx.text,
            "char_start": tx.start,
            "char_end": tx.end,
            "value": tx.value,
            "grain": tx.grain,
            "date_start": tx.date_start,
            "date_end": tx.date_end,
            "anchor": anchor_day,
            "modality": modality,
            "calendar": tx.calendar,
            "cue": tx.cue,
            "timezone": getattr(tx, "timezone", None),
            "range_id": getattr(tx, "range_id", None),
        }
        span = is_span_reference(
            s.text[c_left:rel_start], s.text[rel_start:rel_end], tx.grain, tx.cue, tx.date_start, anchor_day,
            tables,
        )
        dateline = is_dateline(s.text, rel_end, s.start == 0 or text[s.start - 1] == "\n", tables)
        out.append(
            Mention(row, str(article["outlet"]), published_utc, s.start, s.end, span=span, dateline=dateline)
        )
    out.sort(key=lambda m: (m.row["char_start"], m.row["char_end"]))
    return out, sentences, text

