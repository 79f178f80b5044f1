"""Expressions tied to something other than the anchor: offsets from another event or from the
previous expression, "the same period" of another year, and holidays.

"بعد ثماني سنوات على غزو عام 2003" is counted from 2003, "قبل ذلك بيومين" from the previous
expression, never from the publication time; a holiday ("عيد الفطر") is a fixed day of the
Hijri or Gregorian calendar (data/holidays.toml). Part of the grammar, layered between
clocks.ClockRules and rules.ExtParser.
"""

from __future__ import annotations

from datetime import date, timedelta

from tarikh.dates import resolve as R
from tarikh.dates.clocks import ClockRules
from tarikh.dates.grammar import _DIR_CUE, UNRESOLVED, Match, _expr

# "الفترة المماثلة من العام الماضي", "الربع المماثل من 2023", "الشهر نفسه من العام الماضي"
_SAME_HEADS = frozenset({"الفتره", "المده", "الربع", "الشهر", "النصف", "الفصل"})
_SAME_ADJ = frozenset({"المماثله", "المقابله", "المماثل", "المقابل"})
_HEAD_GRAINS = {
    "الربع": ("quarter",),
    "الشهر": ("month", "day"),
    "النصف": ("half",),
    "الفصل": ("quarter", "season"),
}


class RelationRules(ClockRules):
    """Event-relative offsets, anaphoric offsets and periods, holidays."""

    def simple_at(self, i: int, month_cue: bool = False, bare_year: bool = False) -> Match | None:
        """Longest single expression at ``i`` (defined in rules.ExtParser)."""
        raise NotImplementedError

    def _names_a_day(self, k: int) -> bool:
        """Token ``k`` (right after a singular unit word) starts a date, an ordinal day, a weekday,
        a month or a relative day, so the unit word was the noun يوم of a date phrase."""
        if self.day_num(k) is not None or self.cat(k, "WEEKDAY") is not None:
            return True
        if self.cat(k, "WEEKDAY_BARE") is not None or self.cat(k, "RELDAY") is not None:
            return True
        return 0 <= k < self.n and self.toks[k].kind == "ndate"

    def _event_offset(self, i: int, k: int, unit: str, n: int) -> Match | None:
        """ "بعد ثماني سنوات على غزو عام 2003": an offset from another event, never from the anchor.

        When the event phrase (up to six tokens, within the clause) names an absolute year or
        date, the offset is counted from it if the unit is not finer than that date's grain
        (2003 + 8 = 2011, grain year); otherwise the offset is not a date and nothing is
        returned. Only the counted phrase is consumed, so the event's own date is still found.
        """
        order = ["day", "week", "month", "year", "decade"]
        if unit not in order:
            return k, []
        for m in range(k + 1, min(k + 8, self.n)):
            if self.clauses.stop[m] and self.norm(m) != "ان" or self.toks[m].kind == "punct":
                break
            found = self.simple_at(m, month_cue=True)
            if found is None or len(found[1]) != 1:
                continue
            base = found[1][0]
            if not base.cue.startswith("absolute") or base.grain not in order:
                break
            if order.index(unit) < order.index(base.grain):
                break  # "بعد يومين من غزو 2003": finer than the event's date, no value
            return k, [_expr(i, k, _offset_value(base.ds, unit, n), cue="event-offset")]
        return k, []

    def r_anaphoric_offset(self, i: int) -> Match | None:
        """ "بعد ذلك بعامين", "قبل ذلك بيومين", "بعدها بأسبوع": counted from the previous
        expression of the text, never from the anchor. The unit may not be finer than that
        expression's grain ("بعد ذلك بيومين" after "عام 2015" gives nothing)."""
        direction = self.cat(i, "ANA_PREP")
        k = i + 1
        if direction is None:
            direction = self.cat(i, "CPREP")
            if direction is None or self.norm(i + 1) not in ("ذلك", "ذاك"):
                return None
            k = i + 2
        if not (0 <= k < self.n and self.has_clitic(k) and self.text[self.toks[k].start] == "ب"):
            return None
        nw = self.numword(k)
        if nw is not None:
            k, count = nw
            unit = self.cat(k, "UNIT")
        else:
            unit = self.cat(k, "UNIT")
            count = unit[1] if unit is not None else 0
        if unit is None or count <= 0:
            return None
        k += 1
        order = ["day", "week", "month", "year", "decade"]
        prev = self.previous(("year",))
        if unit[0] not in order or prev is None or prev.grain not in order:
            return k, []
        if order.index(unit[0]) < order.index(prev.grain):
            return k, []
        res = _offset_value(prev.ds, unit[0], direction * count)
        return k, [_expr(i, k, res, cue="anaphora")]

    def r_same_period(self, i: int) -> Match | None:
        """ "الفترة نفسها من العام الماضي", "نفس الفترة من 2023": the previous expression's
        period (month, quarter, half, season) moved to the named year. With nothing before it
        to refer to, the phrase is consumed and nothing is returned."""
        before = self.cat(i, "SAME_BEFORE") is not None and self.norm(i + 1) in _SAME_HEADS
        after = self.norm(i) in _SAME_HEADS and (
            self.cat(i + 1, "SAME_AFTER") is not None or self.norm(i + 1) in _SAME_ADJ
        )
        if not (before or after):
            return None
        k = i + 2
        if self.norm(k) != "من":
            return None
        ref = self.yearref(k)
        if ref is None:
            return None
        j, y, _ = ref
        head = self.norm(i + 1) if before else self.norm(i)
        grains = _HEAD_GRAINS.get(head, ("month", "quarter", "half", "season"))
        prev = next((e for e in reversed(self.out) if e.grain in grains), None)
        if prev is None or ref[2] == UNRESOLVED:
            return j, []
        v = prev.value
        if prev.grain in ("month", "day"):
            res = R.month_value(y, prev.ds.month)
        elif prev.grain == "quarter":
            res = R.quarter_value(y, int(v[-1]))
        elif prev.grain == "half":
            res = R.half_value(y, int(v[-1]))
        else:
            code = v[-2:]
            res = R.season_value(y, code, self.lex.season_months[code])
        return j, [_expr(i, j, res, cue="anaphora")]

    def r_anniversary(self, i: int) -> Match | None:
        """ "في مثل هذا اليوم من عام 1981": the anchor's day and month in the year named.

        Anniversary columns date the past event by the publication day; without a year after it
        ("مثل هذا اليوم" alone) there is no date.
        """
        if self.anchor is None or self.norm(i) != "مثل" or self.cat(i + 1, "THIS") is None:
            return None
        if self.norm(i + 2) not in ("اليوم", "يوم"):
            return None
        yr = self.yearref(i + 3)
        if yr is None or yr[2] == UNRESOLVED:
            return None
        end, y, _cue = yr
        d = R.safe_date(y, self.anchor.month, self.anchor.day)
        if d is None:
            return None
        return end, [_expr(i, end, R.day_value(d), cue="anniversary")]

    def _counted_anniversary(self, j: int) -> bool:
        """A count or ordinal right after a holiday-like name ("عيد الميلاد الـ80",
        "عيد الميلاد الثمانين") makes it a numbered anniversary of a person (round 7)."""
        if self.norm(j) == "ال":
            j += 1
        if self.num(j, 3) is not None and self.toks[j].ndig <= 3:
            return True
        if not 0 <= j < self.n:
            return False
        w = self.toks[j].norm
        if self.cat(j, "ORD") is not None:
            # "يوم عرفة التاسع من ذي الحجة" is the ordinal day of a date, not a count
            return (
                self.norm(j + 1) != "من"
                and self.cat(j + 1, "MONTH") is None
                and self.cat(j + 1, "HMONTH") is None
            )
        return w.startswith("ال") and w[2:] in self.lex.sets["tens_words"]

    def r_holiday(self, i: int) -> Match | None:
        """عيد الفطر، عيد الأضحى الماضي، رأس السنة الميلادية المقبلة (data/holidays.toml)."""
        spec = self.cat(i, "HOLIDAY")
        if spec is None:
            return None
        cal, month, day = spec
        j = i + 1
        while self.inset(j, "holiday_epithets"):
            j += 1
        if self.norm(j) in ("الموافق", "الموافقه", "يوافق", "توافق", "سيوافق"):
            return None  # "عيد الفطر يوافق 1 شوال 1445 هـ": the written date says it
        if (
            cal == "gregorian"
            and self.norm(j) == "في"
            and self.num(j + 1, 2) == day
            and self.cat(j + 2, "MONTH") == month
        ):
            return None  # "بعيد الميلاد في 25 ديسمبر": the written date says it
        if self._counted_anniversary(j):
            return None  # "عيد الميلاد الـ80", "عيد الميلاد الثمانين": a birthday, not a holiday
        k = j + 1 if self.cat(j, "YCUE") == "strong" or self.norm(j) == "من" else j
        y = self.num(k)
        if y is not None and self.toks[k].ndig == 4:
            era = self.era_at(k + 1)
            hijri_year = era is not None and era[1] == "hijri"
            end = era[0] if era is not None else k + 1
            if cal == "hijri":
                d = R.hijri_to_gregorian(y, month, day) if hijri_year else self._hijri_in_year(y, month, day)
            else:
                d = None if hijri_year else R.safe_date(y, month, day)
            return (end, [_expr(i, end, R.day_value(d), calendar=cal)]) if d else None
        a = self.anchor
        if a is None:
            return None
        cands: list[date] = []
        if cal == "hijri":
            ah = R.gregorian_to_hijri(a)
            if ah is None:
                return None
            cands = [
                d for d in (R.hijri_to_gregorian(hy, month, day) for hy in range(ah[0] - 2, ah[0] + 3)) if d
            ]
        else:
            cands = [d for d in (R.safe_date(yy, month, day) for yy in range(a.year - 2, a.year + 3)) if d]
        direction = self.cat(j, "DIR")
        near = self._sentence_day(i)
        if direction is None and near is not None:
            # "تعطيل الدوام من الأحد 30 مارس إلى الثلاثاء 1 أبريل بمناسبة عيد الفطر": the
            # occurrence next to the dates written in the same sentence
            best = min(cands, key=lambda d: abs((d - near).days), default=None)
            if best is not None and abs((best - near).days) <= 45:
                return j, [_expr(i, j, R.day_value(best), calendar=cal, cue="context-date")]
        if direction is not None and direction != 0:
            mode, cue, j = ("past-strict" if direction == -1 else "future-strict"), _DIR_CUE[direction], j + 1
        else:
            if direction == 0:
                j += 1
            mode, cue = self.mode(i, j, "nearest")
        o = R.pick([d.toordinal() for d in cands], a.toordinal(), mode)
        if o is None:
            return None
        return j, [_expr(i, j, R.day_value(date.fromordinal(o)), calendar=cal, cue=cue)]

    def _sentence_day(self, i: int) -> date | None:
        """The day of the latest day-grain expression before ``i`` in the same sentence."""
        sent = self.clauses.sent
        for e in reversed(self.out):
            if sent[e.i] != sent[i]:
                return None
            if e.grain in ("day", "hour", "minute"):
                return e.ds
        return None

    def _hijri_in_year(self, gy: int, month: int, day: int) -> date | None:
        """The first occurrence of a Hijri month-day inside the Gregorian year ``gy``."""
        for hy in range(gy - 580, gy - 577):
            d = R.hijri_to_gregorian(hy, month, day)
            if d is not None and d.year == gy:
                return d
        return None


def _offset_value(d: date, unit: str, n: int) -> R.Resolved:
    """``d`` moved by ``n`` units, at the unit's grain."""
    if unit == "day":
        return R.day_value(d + timedelta(days=n))
    if unit == "week":
        return R.week_value(d + timedelta(days=7 * n))
    if unit == "month":
        y, mo = R.add_months(d.year, d.month, n)
        return R.month_value(y, mo)
    if unit == "year":
        return R.year_value(d.year + n)
    return R.decade_value(d.year + 10 * n)
