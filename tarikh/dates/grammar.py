"""The date grammar: tagged tokens to resolved expressions.

Rules are plain methods over the token list. At each token every rule that can start there is
tried and the longest match wins (ties go to the earlier rule), so "عام 2014" beats "عام",
"25 يناير 2024" beats "25 يناير", and a range beats its two ends. Expressions are resolved
left to right, which lets anaphora ("العام نفسه") look at the previous expression.

Resolution rules (tense, direction, year inference) are documented in docs/dates.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tarikh.dates import resolve as R
from tarikh.dates.clauses import Clauses
from tarikh.dates.model import DatesError, TimeExpression
from tarikh.dates.normalize import Token
from tarikh.dates.outlets import outlet_spans
from tarikh.dates.tables import Lexicon, lexicon
from tarikh.dates.tagger import tag

_DAY_GRAINS = ("day", "hour", "minute")
UNRESOLVED = "unresolved"
_DIR_CUE = {-1: "direction-past", 1: "direction-future", 0: "direction-current"}


@dataclass
class Expr:
    """An expression under construction: token span plus resolved value."""

    i: int
    j: int
    value: str
    grain: str
    ds: date
    de: date
    calendar: str = "gregorian"
    cue: str = "absolute"
    timezone: str | None = None
    range_id: str | None = None
    mod: str | None = None
    day: date | None = None  # the day, when grain is day or finer (for clock composition)


Match = tuple[int, list[Expr]]


def _expr(i: int, j: int, res: R.Resolved, **kw: Any) -> Expr:
    value, grain, ds, de = res
    day = ds if grain in _DAY_GRAINS else None
    return Expr(i, j, value, grain, ds, de, day=day, **kw)


class Parser:
    """Parses one text. Holds tokens, anchor date, vocabulary and the expressions found so far."""

    def __init__(self, text: str, anchor: date | None, anchor_time: datetime | None = None) -> None:
        self.text = text
        self.anchor_time = anchor_time  # the anchor's wall clock, for "منذ ساعتين"
        self.toks: list[Token] = tag(text)
        self.n = len(self.toks)
        # token categories, padded so short lookahead past the end is a cheap miss
        self.cats: list[dict[str, Any]] = [t.cats for t in self.toks] + [{}] * 8
        self.anchor = anchor
        self.lex: Lexicon = lexicon()
        self.out: list[Expr] = []
        self.clauses = Clauses(text, self.toks, self.lex)
        self.ranges = 0
        self.outlets = outlet_spans(self.toks, self.lex)  # "دبي - الخليج اليوم:" names a paper

    # ------------------------------------------------------------------ token helpers
    def cat(self, i: int, name: str) -> Any:
        if i < 0:
            return None
        try:
            return self.cats[i].get(name)
        except IndexError:
            return None

    def norm(self, i: int) -> str:
        return self.toks[i].norm if 0 <= i < self.n else ""

    def inset(self, i: int, name: str) -> bool:
        return 0 <= i < self.n and self.toks[i].norm in self.lex.sets[name]

    def in_sentence(self, i: int, name: str) -> bool:
        """Some token of the sentence holding token ``i`` is in the word set ``name``."""
        sent = self.clauses.sent
        words = self.lex.sets[name]
        return any(sent[k] == sent[i] and self.toks[k].norm in words for k in range(self.n))

    def in_sentence_or_label(self, i: int, name: str) -> bool:
        """Like ``in_sentence``, also looking at a short label closed by a colon right before
        the sentence ("الأرصاد: موجة حارة من الأحد إلى الأربعاء"): the colon ends a sentence
        for tense, but the label still says what kind of text follows (round 7)."""
        if self.in_sentence(i, name):
            return True
        sent = self.clauses.sent
        label = [k for k in range(self.n) if sent[k] == sent[i] - 1]
        if not label or len(label) > 4 or self.toks[label[-1]].norm != ":":
            return False
        words = self.lex.sets[name]
        return any(self.toks[k].norm in words for k in label)

    def has_clitic(self, i: int) -> bool:
        t = self.toks[i]
        return t.stem_start > t.start

    def num(self, i: int, max_digits: int = 4) -> int | None:
        if 0 <= i < self.n and self.toks[i].kind == "num" and self.toks[i].ndig <= max_digits:
            return int(self.toks[i].value)
        return None

    def year_at(self, i: int, cal: str = "gregorian") -> int | None:
        if 0 <= i < self.n and self.toks[i].kind == "num" and self.toks[i].ndig == 4:
            y = int(self.toks[i].value)
            lo, hi = self.lex.ranges[cal]
            if lo <= y <= hi:
                return y
        return None

    def skip_comma(self, i: int) -> int:
        return i + 1 if 0 <= i < self.n and self.toks[i].norm in ("،", ",") else i

    def counted_noun(self, i: int) -> bool:
        """True when token ``i`` is a counted noun or a percent sign (the number is a count)."""
        if not 0 <= i < self.n:
            return False
        t = self.toks[i]
        if "UNIT" in t.cats and t.norm not in ("عام", "العام", "سنه", "السنه"):
            return True  # "قبل 2000 يوم": a count of days
        if t.norm in ("عام", "سنه", "عاما") and self.num(i + 1) is None:
            return True  # "قبل 2000 عام": two thousand years
        if t.norm in ("%", "$", "€", "£") or t.norm in self.lex.sets["count_nouns"]:
            return True
        if t.norm == "من" and self.inset(i + 1, "of_total"):
            return True  # "2024 من أصل 5000": a part of a total
        return self.accusative_noun(i)

    def accusative_noun(self, i: int) -> bool:
        """An unknown word in the accusative (-ا, tanwin dropped) after a number is its counted
        noun ("2014 مشتركا", "1999 اسما"); adverbs in -ا ("أيضا", "تقريبا") and vocabulary
        words ("غدا") are not."""
        t = self.toks[i]
        return (
            t.kind == "word"
            and len(t.norm) >= 3
            and t.norm.endswith("ا")
            and t.stem_start == t.start
            and not t.cats
            and t.norm not in self.lex.known
            and t.norm not in self.lex.sets["accusative_adverbs"]
        )

    def adjective_year(self, i: int) -> bool:
        """ "الأمين العام السابق": العام is an adjective here, not the year; "العام الدراسي
        المقبل" ([period_blockers]) is a school year, not a calendar one."""
        if self.cat(i, "PERIOD") is not None and self.inset(i + 1, "period_blockers"):
            return True
        return self.norm(i) == "العام" and self.inset(i - 1, "adjective_heads")

    # ------------------------------------------------------------------ driver
    def run(self) -> list[Expr]:
        """Scan left to right, taking the longest match at each token."""
        i = 0
        starters = self.lex.sets["starters"]
        while i < self.n:
            t = self.toks[i]
            if (
                t.kind == "punct"
                or (t.kind == "word" and not t.cats and t.norm not in starters)
                or "CLITIC" in t.cats
            ):
                i += 1
                continue
            if i in self.outlets:
                i = self.outlets[i]
                continue
            best = self.best_at(i)
            if best is None:
                i += 1
                continue
            j, exprs = best
            self.out.extend(exprs)
            i = max(j, i + 1)
        self.after_scan()
        return self.out

    def best_at(self, i: int) -> Match | None:
        """Longest match at ``i`` among this parser's rules (defined in rules.ExtParser)."""
        raise NotImplementedError

    def after_scan(self) -> None:
        """Hook run once after the scan (rules.ExtParser attaches lone clock times)."""

    # ------------------------------------------------------------------ primitives
    def day_num(self, i: int) -> tuple[int, int, bool] | None:
        """A day of month at ``i``: digits 1..31 or an ordinal word; (end, day, is_word)."""
        v = self.num(i, 2)
        if v is not None:
            return (i + 1, v, False) if 1 <= v <= 31 else None
        o = self.cat(i, "ORD")
        if o is None:
            return None
        j = i + 1
        if o < 10 and self.cat(j, "TEEN") is not None:
            o, j = o + 10, j + 1
        elif o < 10 and self.cat(j, "ORD") in (20, 30) and self.has_clitic(j):
            o, j = o + self.cat(j, "ORD"), j + 1
        elif o < 10 and self.norm(j) == "و" and self.cat(j + 1, "ORD") in (20, 30):
            o, j = o + self.cat(j + 1, "ORD"), j + 2
        return (j, o, True) if 1 <= o <= 31 else None

    def month_at(self, i: int) -> tuple[int, int, str] | None:
        """A month name at ``i`` (with "شهر" before and dual forms after); (end, month, calendar)."""
        k = i + 1 if self.norm(i) in ("شهر", "شهري") else i
        m = self.cat(k, "MONTH")
        cal = "gregorian"
        if m is None:
            m = self.cat(k, "HMONTH")
            cal = "hijri"
        if m is None:
            return None
        j = k + 1
        if cal == "gregorian":
            if self.norm(j) in ("/", "(", "\\", "،", "-") and self.cat(j + 1, "MONTH") == m:
                j += 2
                if self.norm(j) == ")":
                    j += 1
            elif self.cat(j, "MONTH") == m:
                j += 1
        return j, m, cal

    def era_at(self, i: int) -> tuple[int, str] | None:
        e = self.cat(i, "ERA")
        if e is None:
            return None
        j = i + 1
        if self.norm(j) == "." and self.toks[j].glued:
            j += 1
        return j, e

    def numword(self, i: int) -> tuple[int, int] | None:
        """A spelled-out count (ثلاثة، خمسة عشر، خمسة وعشرين) or digits; (end, value)."""
        v = self.num(i, 3)
        if v is not None:
            return i + 1, v
        c = self.cat(i, "CARD")
        if c is None:
            t = self.cat(i, "TENS")
            return (i + 1, t) if t is not None else None
        j = i + 1
        if self.cat(j, "TEEN") is not None and c < 10:
            return j + 1, c + 10
        tens = self.cat(j, "TENS")
        if tens is not None and self.has_clitic(j):
            return j + 1, c + tens
        return j, c

    def yearref(self, i: int) -> tuple[int, int, str] | None:
        """A year phrase after a month or season: (end, year, cue).

        "من العام الماضي", "من هذا العام", "من العام نفسه", "عام 2023", "2023". An anaphoric
        year with nothing before it to refer to gives the cue UNRESOLVED: the caller consumes the
        phrase and reports nothing rather than guessing.
        """
        k = i + 1 if self.norm(i) == "من" else i
        y = self.year_at(k)
        if y is not None and not self.counted_noun(k + 1):
            j = k + 1
            era = self.era_at(j)
            return (era[0] if era and era[1] == "gregorian" else j), y, "absolute"
        if self.cat(k, "YCUE") == "strong" and self.year_at(k + 1) is not None:
            return k + 2, self.year_at(k + 1) or 0, "absolute"
        if self.cat(k, "THIS") is not None and self.cat(k + 1, "PERIOD") == "year":
            if self.anchor is None:
                return None
            return k + 2, self.anchor.year, "anchor"
        if self.cat(k, "SAME_BEFORE") is not None and self.cat(k + 1, "PERIOD") == "year":
            prev = self.previous(("year",))
            return (k + 2, prev.ds.year, "anaphora") if prev else (k + 2, 0, UNRESOLVED)
        if self.cat(k, "PERIOD") != "year":
            return None
        d = self.cat(k + 1, "DIR")
        if d is not None and self.anchor is not None:
            return k + 2, self.anchor.year + d, _DIR_CUE[d]
        if self.norm(k + 1) == "قبل" and self.cat(k + 2, "DIR") == -1 and self.anchor is not None:
            return k + 3, self.anchor.year - 2, "direction-past"
        if self.cat(k + 1, "SAME_AFTER") is not None:
            prev = self.previous(("year",))
            return (k + 2, prev.ds.year, "anaphora") if prev else (k + 2, 0, UNRESOLVED)
        nxt = self.cat(k + 1, "ANA_NEXT")
        if nxt is not None:
            prev = self.previous(("year",))
            if prev is not None:
                return k + 2, prev.ds.year + nxt, "anaphora"
            if self.anchor is not None and nxt == -1:
                return k + 2, self.anchor.year - 1, "direction-past"
            return k + 2, 0, UNRESOLVED
        return None

    def context_year(self, i: int) -> tuple[int, date] | None:
        """The explicit year of an earlier expression in the same sentence, with its start.

        "منذ مطلع 2020، حين قتل سليماني في الثالث من كانون الثاني" reads the second date in
        2020. Expressions after منذ/حتى name an open period and give no context.
        """
        sent = self.clauses.sent
        for e in reversed(self.out):
            if e.j > i or sent[e.i] != sent[i]:
                break
            if e.cue.startswith("absolute") and e.grain in ("day", "month", "year", "minute", "hour"):
                if e.range_id is not None:
                    return None
                if e.grain == "year" and (self._edition_year(e.i) or self._law_year(e.i)):
                    continue  # "تصفيات كأس العالم 2026 ... خلال أكتوبر": a name, not the context
                open_start = self.norm(e.i - 1) in ("منذ", "مذ", "حتي")
                if open_start and self.anchor is not None and e.ds.year > self.anchor.year - 2:
                    return None  # "منذ 2023، كان آخرها في 20 يناير": a recent open period
                return e.ds.year, e.ds
        return None

    def _law_year(self, i: int) -> bool:
        """ "القانون رقم 25 لسنة 2019", "القضية 1120 لسنة 2024": the year of a numbered act
        names the act; the sentence's other days are not in it."""
        return self.norm(i) == "سنه" and self.num(i - 1) is not None

    def _edition_year(self, i: int) -> bool:
        """A year naming an edition or a budget ("كأس العالم 2026", "موازنة 2024")."""
        return self.inset(i - 1, "year_nouns") or (
            self.inset(i - 2, "year_nouns") and self.norm(i - 1).startswith("ال") and not self.cats[i - 1]
        )

    def shared_direction(self, k: int, category: str) -> int | None:
        """ "يناير وفبراير الماضيين", "الأحد والاثنين المقبلين": a direction after a coordinated
        second item applies to the first one too."""
        if self.norm(k) == "و":
            k += 1
        elif not self.glued_and(k):
            return None
        if self.cat(k, category) is None:
            return None
        d = self.cat(k + 1, "DIR")
        return int(d) if d is not None else None

    def glued_and(self, k: int) -> bool:
        """Token ``k`` carries a glued conjunction و ("ومارس", "والخميس")."""
        return 0 <= k < self.n and self.has_clitic(k) and self.text[self.toks[k].start] == "و"

    def previous(self, need: tuple[str, ...]) -> Expr | None:
        """The latest expression fine enough for an anaphor needing grain ``need``."""
        order = ["minute", "hour", "day", "week", "month", "season", "quarter", "half", "year"]
        limit = max(order.index(g) for g in need)
        for e in reversed(self.out):
            if e.grain in order and order.index(e.grain) <= limit:
                return e
        return None

    # ------------------------------------------------------------------ tense
    def mode(self, i: int, j: int, default: str) -> tuple[str, str]:
        """Resolution mode for an expression at tokens [i, j): ('past'|'future'|default, cue)."""
        p = i - 1
        if self.cat(p, "DAYPART") is not None:
            p -= 1  # "منذ مساء الجمعة", "ابتداء من صباح الأحد": the part of day is transparent
        if self.norm(p) in ("منذ", "مذ"):
            return "past", "since"  # "منذ الأحد", "منذ مارس": an open period that began in the past
        q = p - 1 if self.inset(p, "break_heads") else p
        if self.inset(q, "break_nouns") and self.norm(q - 1) in ("بعد", "قبل", "خلال"):
            return "nearest", "nearest"  # "بعد إجازة عيد 6 أكتوبر": the break next to the anchor
        tense = self.clauses.tense(i, j)
        if self.norm(p) == "من" and self.inset(p - 1, "forward_from"):
            if default == "nearest" and tense not in ("future", "present"):
                # a written day or month ("بدأ صرف المنحة اعتبارا من أول مارس", written on
                # 3 March) is the nearest one: an effective date is usually close to the news
                return "nearest", "nearest"
            return "future", "tense-future"  # "اعتبارا من الأحد": takes effect on the coming one
        if tense == "future":
            return "future", "tense-future"
        if tense == "past":
            return "past", "tense-past"
        if tense == "present":
            return "future", "tense-present"
        if tense == "reported":
            return "nearest", "tense-reported"
        return default, "tense-" + default if default in ("past", "future") else default


def _as_date(anchor: datetime | date | None) -> date | None:
    """The anchor's local calendar date (aware datetimes keep their own offset)."""
    if anchor is None:
        return None
    if isinstance(anchor, datetime):
        return anchor.date()
    if isinstance(anchor, date):
        return anchor
    raise DatesError(f"anchor must be a datetime, a date or None, not {type(anchor).__name__}")


def find(text: str, anchor: datetime | date | None = None) -> list[TimeExpression]:
    """Temporal expressions of ``text``, sorted by start, resolved against ``anchor``.

    ``anchor`` is the publication time: an aware or naive datetime (its own calendar date is
    used) or a date; with ``None`` relative expressions are skipped and absolute ones kept.
    Raises :class:`DatesError` for a non-string text or an anchor of another type.
    """
    if not isinstance(text, str):
        raise DatesError(f"text must be a str, not {type(text).__name__}")
    a = _as_date(anchor)
    if not text.strip():
        return []
    from tarikh.dates.rules import ExtParser

    p = ExtParser(text, a, anchor if isinstance(anchor, datetime) else None)
    exprs = p.run()
    out: list[TimeExpression] = []
    for e in sorted(exprs, key=lambda x: (p.toks[x.i].stem_start, x.j)):
        start = p.toks[e.i].stem_start
        end = p.toks[e.j - 1].end
        out.append(
            TimeExpression(
                text=text[start:end],
                start=start,
                end=end,
                value=e.value,
                grain=e.grain,
                date_start=e.ds,
                date_end=e.de,
                calendar=e.calendar,
                cue=e.cue,
                timezone=e.timezone,
                range_id=e.range_id,
                mod=e.mod,
            )
        )
    return out


__all__ = ["UNRESOLVED", "Expr", "Match", "Parser", "find"]
