"""Composite rules: parts of periods and days, seasons, quarters, decades, relative periods,
counted offsets, anaphora and ranges; and the full parser.

The grammar is layered by inheritance so each module stays readable: grammar.Parser (driver,
token helpers) <- days.DayRules <- months.MonthRules <- clocks.ClockRules <-
relations.RelationRules (offsets from other events, holidays) <- ExtParser here,
which is the parser ``find`` uses.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tarikh.dates import resolve as R
from tarikh.dates.grammar import _DIR_CUE, UNRESOLVED, Expr, Match, _expr
from tarikh.dates.relations import RelationRules


class ExtParser(RelationRules):
    """The full grammar."""

    def best_at(self, i: int) -> Match | None:
        best: Match | None = None
        for rule in (
            self.r_range,
            self.r_clock_first,
            self.r_part,
            self.r_daypart,
            self.r_with_clock,
            self.r_month,
            self.r_year,
            self.r_year_words,
            self.r_season,
            self.r_quarter,
            self.r_decade,
            self.r_period,
            self.r_counted,
            self.r_anaphoric_offset,
            self.r_holiday,
            self.r_same_period,
            self.r_anniversary,
            self.r_nth_weekday,
        ):
            m = rule(i)
            if m is not None and (best is None or m[0] > best[0]):
                best = m
        return best

    def simple_at(self, i: int, month_cue: bool = False, bare_year: bool = False) -> Match | None:
        """Longest single (non-range) expression at ``i``; used inside ranges and wrappers."""
        best: Match | None = None
        for m in (
            self.r_with_clock(i),
            self.r_month(i, cued=month_cue),
            self.r_year(i, bare=bare_year),
            self.r_season(i),
            self.r_quarter(i),
            self.r_decade(i),
            self.r_period(i),
        ):
            if m is not None and (best is None or m[0] > best[0]):
                best = m
        return best

    def after_scan(self) -> None:
        self._attach_lone_clocks()
        self._pair_hijri_gregorian()

    def _pair_hijri_gregorian(self) -> None:
        """A Hijri date written beside its Gregorian equivalent takes the writer's conversion.

        Observed Hijri months can start a day or two away from the Umm al-Qura tables; when
        the text itself says "1 رمضان 1395 هـ الموافق 7 سبتمبر 1975", both expressions get the
        Gregorian value (cue ``paired``). Only adjacent pairs within two days are linked.
        """
        out = sorted(self.out, key=lambda e: e.i)
        for a, b in zip(out, out[1:], strict=False):
            pair = (a, b) if a.calendar == "hijri" else (b, a) if b.calendar == "hijri" else None
            if pair is None or a.grain != "day" or b.grain != "day" or pair[1].calendar != "gregorian":
                continue
            gap = [t.norm for t in self.toks[a.j : b.i]]
            if len(gap) > 2 or any(
                w not in ("الموافق", "الموافقه", "-", "–", "/", "(", "،", ",", "و") for w in gap
            ):
                continue
            h, g = pair
            if h.value != g.value and abs((h.ds - g.ds).days) <= 2:
                idx = self.out.index(h)
                self.out[idx] = replace(h, value=g.value, ds=g.ds, de=g.de, day=g.day, cue=h.cue + "+paired")

    # ------------------------------------------------------------------ parts and dayparts
    def r_part(self, i: int) -> Match | None:
        """مطلع/منتصف/أواخر/نهاية + month, year, period, season or decade; the grain stays."""
        part = self.cat(i, "PART")
        if part is None:
            return None
        k = i + 1
        first_of = self.month_at(k) if self.norm(i) == "اول" else None
        if first_of is not None and first_of[2] == "gregorian":
            return None  # "أول تشرين الأول", "أول يناير": the first day (days.r_date)
        if self.norm(k) == "من":
            k += 1
        m = self.simple_at(k, month_cue=True, bare_year=True)
        if m is None:
            per = self.cat(k, "PERIOD")
            if self.inset(i - 1, "construct_heads"):
                return None  # "إجازة منتصف العام": a name for a holiday, not a date
            if per in ("week", "month", "year") and self.anchor is not None and not self.adjective_year(k):
                res = _period_value(per, self.anchor, 0)
                return k + 1, [_expr(i, k + 1, res, cue="anchor", mod=part)]
            code = self.cat(k, "SEASON")
            if (
                code is not None
                and self.anchor is not None
                and self.has_article(k)
                and not self.inset(k + 1, "season_names")
            ):
                # "قبل نهاية الصيف": the anchor year's season, like "نهاية الشهر"
                a = self.anchor
                y = a.year - 1 if code == "WI" and a.month <= 2 else a.year
                res = R.season_value(y, code, self.lex.season_months[code])
                return k + 1, [_expr(i, k + 1, res, cue="anchor", mod=part)]
            return None
        j, exprs = m
        if len(exprs) != 1 or exprs[0].grain in ("day", "hour", "minute"):
            return None
        return j, [replace(exprs[0], i=i, mod=part)]

    def r_nth_weekday(self, i: int) -> Match | None:
        """ "آخر خميس من شهر أبريل", "أول أحد من مايو 2026": the n-th (or last) weekday of a
        Gregorian month, the month resolved as it would be alone."""
        nth = -1 if self.norm(i) == "اخر" else self.cat(i, "ORD")
        if nth is None or not (nth == -1 or 1 <= nth <= 4):
            return None
        wd = self.cat(i + 1, "WEEKDAY_BARE")
        if wd is None or self.norm(i + 2) != "من":
            return None
        mo = self.month_at(i + 3)
        if mo is None or mo[2] != "gregorian":
            return None
        m = self.r_month(i + 3, cued=True)
        if m is None or len(m[1]) != 1 or m[1][0].grain != "month":
            return None
        j, (month_expr,) = m
        first = month_expr.ds
        if nth > 0:
            d = first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))
            if d.month != first.month:
                return None
        else:
            last = month_expr.de
            d = last - timedelta(days=(last.weekday() - wd) % 7)
        return j, [_expr(i, j, R.day_value(d), cue=month_expr.cue)]

    def has_article(self, k: int) -> bool:
        """Token ``k`` is definite (ال...): "نهاية الصيف" is this summer, "نهاية صيف" is not."""
        return self.norm(k).startswith("ال")

    def r_daypart(self, i: int) -> Match | None:
        """صباح/مساء/فجر/ليلة + a day expression; the grain stays day."""
        if self.cat(i, "DAYPART") is None:
            return None
        k = i + 1
        if self.norm(k) == "من":
            k += 1
        m = self.r_with_clock(k, daypart=self.norm(i))
        if m is None:
            return None
        j, exprs = m
        if len(exprs) != 1 or exprs[0].day is None:
            return None
        wd = self.cat(j - 1, "WEEKDAY")
        # "ليل الثلاثاء - الأربعاء", "ليلة الخميس/الجمعة": the night that starts on the first
        night = self.norm(i) in ("ليل", "ليله") and self.norm(j) in ("-", "–", "/", "الي")
        if night and wd is not None and self.cat(j + 1, "WEEKDAY") == (wd + 1) % 7:
            j += 2
        return j, [replace(exprs[0], i=i, j=j)]

    # ------------------------------------------------------------------ seasons, quarters, decades
    def r_season(self, i: int) -> Match | None:
        this = self.cat(i, "THIS") is not None
        k = i + 1 if this else i
        code = self.cat(k, "SEASON")
        if code is None:
            return None
        first = self.lex.season_months[code]
        j = k + 1
        a = self.anchor
        y: int | None = None
        cue = "absolute"
        direction = self.cat(j, "DIR")
        if this or direction == 0:
            if a is None:
                return None
            y = a.year - 1 if code == "WI" and a.month <= 2 else a.year
            cue = "anchor"
            j = j + 1 if direction == 0 else j
        elif direction is not None:
            if a is None:
                return None
            order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
            cur_code = _season_of(a.month)
            cur = (a.year - (1 if a.month <= 2 else 0)) * 4 + order[cur_code]
            cands = [yy * 4 + order[code] for yy in range(a.year - 2, a.year + 3)]
            idx = R.pick(cands, cur, "past-strict" if direction == -1 else "future-strict")
            if idx is None:
                return None
            y, cue, j = idx // 4, _DIR_CUE[direction], j + 1
        else:
            ref = self.yearref(j)
            if ref is None:
                return None
            if ref[2] == UNRESOLVED:
                return ref[0], []
            j, y, cue = ref
        return j, [_expr(i, j, R.season_value(y, code, first), cue=cue)]

    def r_quarter(self, i: int) -> Match | None:
        kind = self.cat(i, "QWORD")
        q = self.cat(i + 1, "QORD")
        if kind is None or q is None:
            return None
        top = 4 if kind == "Q" else 2
        if q == -1:
            q = top
        if q > top:
            return None
        j = i + 2
        ref = self.yearref(j)
        if ref is not None and ref[2] == UNRESOLVED:
            return ref[0], []
        if ref is None:
            if self.norm(j) == "من" and self.cat(j + 1, "PERIOD") == "year" and self.anchor is not None:
                ref = (j + 2, self.anchor.year, "anchor")
            elif kind == "Q" and self.norm(i) == "الربع" and self.norm(j) != "من" and self.anchor is not None:
                a = self.anchor
                cur = (a.month - 1) // 3 + 1
                mode, cue = self.mode(i, j, "past")
                if self.inset(i - 1, "results_nouns") and self.cat(j, "DIR") is None:
                    # "أرباح الربع الأول": results come after their quarter ends (round 7)
                    mode, cue = "finished", "results"
                y = (
                    a.year - 1
                    if mode == "finished" and q >= cur
                    else a.year
                    if mode == "finished"
                    else a.year - 1
                    if mode == "past" and q > cur
                    else a.year + 1
                    if mode == "future" and q < cur
                    else a.year
                )
                ref = (j, y, cue)
            else:
                return None
        j, y, cue = ref
        res = R.quarter_value(y, q) if kind == "Q" else R.half_value(y, q)
        return j, [_expr(i, j, res, cue=cue)]

    def r_decade(self, i: int) -> Match | None:
        d = self.cat(i, "DECADE")
        if d is None:
            return None
        j = i + 1
        base = 1900
        k = j + 1 if self.norm(j) == "من" else j
        cen = self.cat(k, "CENTURY")
        if cen is not None:
            base, j = cen, k + 1
        return j, [_expr(i, j, R.decade_value(base + 10 * d))]

    # ------------------------------------------------------------------ relative periods, anaphora
    def r_period(self, i: int) -> Match | None:
        """الأسبوع/الشهر/العام الماضي، هذا العام، العام قبل الماضي، العام نفسه، اليوم التالي."""
        a = self.anchor
        per = self.cat(i, "PERIOD")
        if per is not None and self.adjective_year(i):
            return None
        if self.cat(i, "THIS") is not None and self.cat(i + 1, "PERIOD") is not None:
            if a is None:
                return None
            return i + 2, [_expr(i, i + 2, _period_value(self.cat(i + 1, "PERIOD"), a, 0), cue="anchor")]
        if self.cat(i, "SAME_BEFORE") is not None:
            p2 = self.cat(i + 1, "PERIOD") or ("day" if self.norm(i + 1) in ("اليوم", "يوم") else None)
            if p2 is None:
                return None
            return self._anaphor(i, i + 2, p2, 0)
        if per is None and self.norm(i) in ("اليوم", "يوم"):
            per = "day"
            if self.cat(i + 1, "SAME_AFTER") is None and self.cat(i + 1, "ANA_NEXT") is None:
                return None
        if per is None:
            return None
        j = i + 1
        if self.cat(j, "SAME_AFTER") is not None:
            return self._anaphor(i, j + 1, per, 0)
        nxt = self.cat(j, "ANA_NEXT")
        if nxt is not None:
            if j + 1 < self.n and (
                self.norm(j + 1) in ("ل", "علي") or self.text[self.toks[j + 1].start] == "ل"
            ):
                return None  # "اليوم السابق للعيد": relative to an event, not to a date
            m = self._anaphor(i, j + 1, per, nxt)
            if m is None and nxt == -1 and a is not None and per != "day":
                return j + 1, [_expr(i, j + 1, _period_value(per, a, -1), cue="direction-past")]
            return m
        if a is None or per == "day":
            return None
        if self.norm(j) == "قبل" and self.cat(j + 1, "DIR") == -1:
            return j + 2, [_expr(i, j + 2, _period_value(per, a, -2), cue="direction-past")]
        d = self.cat(j, "DIR")
        if d is None and per == "year" and self.inset(j, "new_year") and self.cat(i - 1, "PART") is not None:
            # "مع بداية السنة الجديدة" written in December is the coming year; alone ("خطاب
            # العام الجديد", "استقبال العام الجديد") it names the celebration, not a period
            d = 1 if a.month >= int(self.lex.options["new_year_from_month"]) else 0
            return j + 1, [_expr(i, j + 1, _period_value(per, a, d), cue="anchor")]
        if d is None:
            return None
        return j + 1, [_expr(i, j + 1, _period_value(per, a, d), cue=_DIR_CUE[d])]

    def _anaphor(self, i: int, j: int, per: str, shift: int) -> Match | None:
        need = {
            "day": ("day",),
            "week": ("day", "week"),
            "month": ("day", "month"),
            "year": ("year",),
            "decade": ("year",),
        }
        prev = self.previous(need.get(per, ("year",)))
        if prev is None:
            return None
        res = _period_value(per, prev.ds, shift)
        return j, [_expr(i, j, res, calendar="gregorian", cue="anaphora")]

    def r_counted(self, i: int) -> Match | None:
        """قبل/منذ/بعد + N + unit: an offset from the anchor with the unit's grain."""
        direction = self.cat(i, "CPREP")
        if direction is None or self.anchor is None:
            return None
        k = i + 1
        if self.inset(k, "approx"):
            k += 1
        nw = self.numword(k)
        if nw is not None:
            k, count = nw
            unit = self.cat(k, "UNIT")
            if unit is None:
                return None
        else:
            unit = self.cat(k, "UNIT")
            if unit is None or unit[1] == 0:
                return None
            count = unit[1]
        implied = nw is None
        k += 1
        if self.cat(k, "MONTH") is not None or self.cat(k, "HMONTH") is not None:
            return None  # "منذ شهر ماي الماضي": شهر introduces a month name
        if implied and self._names_a_day(k):
            return None  # "منذ يوم السابع من أكتوبر": يوم introduces a date, not an offset
        if implied and count == 1 and self.inset(k, "one_words"):
            k += 1  # "منذ يوم واحد"
        if self.norm(k) == "من" and self.inset(k + 1, "from_now"):
            k += 2
        if self.norm(k) in ("من", "علي") and count > 0:
            return self._event_offset(i, k, unit[0], direction * count)
        if self.num(k) is not None or count <= 0 or count > 200:
            return None
        a = self.anchor
        n = direction * count
        name = unit[0]
        if name in ("hour", "minute"):
            return self._clock_offset(i, k, name, n)
        if direction == 1 and self.clauses.tense(i, k) == "past":
            # "وبعد يومين صوت البرلمان": later than an earlier event of the story, not the anchor
            need = {"day": ("day",), "week": ("day", "week"), "month": ("day", "month")}.get(name, ("year",))
            prev = self.previous(need)
            if prev is None or prev.j == i:
                # right after a date ("انهارت في 18 مارس بعد نحو شهرين") it is the time elapsed
                # before that date, not a later date
                return k, []
            a = prev.ds
        if name == "day":
            res = R.day_value(a + timedelta(days=n))
        elif name == "week":
            res = R.week_value(a + timedelta(days=7 * n))
        elif name == "month":
            y, m = R.add_months(a.year, a.month, n)
            res = R.month_value(y, m)
        elif name == "year":
            res = R.year_value(a.year + n)
        else:
            res = R.decade_value(a.year + 10 * n)
        return k, [_expr(i, k, res, cue="anchor-offset" if a is self.anchor else "anaphora")]

    def _clock_offset(self, i: int, k: int, unit: str, n: int) -> Match | None:
        """ "منذ ساعتين", "قبل 45 دقيقة": an offset from the anchor's own wall-clock time."""
        t = self.anchor_time
        if t is None or self.clauses.tense(i, k) == "past" and n > 0:
            return None
        dt = t + (timedelta(hours=n) if unit == "hour" else timedelta(minutes=n))
        d = dt.date()
        value = f"{d.isoformat()}T{dt.hour:02d}" + (f":{dt.minute:02d}" if unit == "minute" else "")
        return k, [Expr(i, k, value, unit, d, d, cue="anchor-offset", day=d)]

    # ------------------------------------------------------------------ ranges
    def r_range(self, i: int) -> Match | None:
        """من X إلى Y، بين X و Y، X-Y: two linked expressions; X inherits missing parts from Y."""
        k = i
        opener = None
        if self.inset(k, "range_period"):
            k += 1
            if self.norm(k) == "ما":
                k += 1
        if self.inset(k, "range_from") or self.inset(k, "range_between"):
            opener = "between" if self.inset(k, "range_between") else "from"
            k += 1
        if opener is not None and self.norm(k) in ("عامي", "سنتي", "عام", "العام", "شهري"):
            k += 1
        x_start = k
        partial = self._partial(k)
        # without an opener only a partial start (a day or a year before a dash or و) can begin a range
        full = self.simple_at(k, month_cue=True, bare_year=True) if opener is not None else None
        if partial is None and full is None:
            return None
        cands: list[tuple[str, int, object]] = []
        mids: list[tuple[int, int, int]] = []
        if full is not None and len(full[1]) == 1:
            cands.append(("full", full[0], full[1][0]))
        if partial is not None:
            cands.append(("partial", partial[0], partial[1]))
        for kind, xk, xval in sorted(cands, key=lambda c: (-c[1], c[0] != "partial")):
            c = xk
            dash = self.norm(c) in self.lex.sets["range_dash"]
            if opener == "between":
                if self.norm(c) == "و" or dash:
                    c += 1
                elif not self.glued_and(c):
                    continue
            elif self.inset(c, "range_to") or dash and (kind == "partial" or opener is not None):
                c += 1
            elif opener is None and kind == "partial" and isinstance(xval, tuple) and xval[0] == "day":
                # "في 5 و6 يناير": two days sharing a month
                if self.norm(c) == "و":
                    c += 1
                elif not self.glued_and(c):
                    continue
                c, mids = self._day_chain(c)
            else:
                continue
            if opener is None and kind == "full":
                continue
            y = self.simple_at(c, month_cue=True, bare_year=True)
            if y is None or len(y[1]) != 1:
                continue
            yexpr = y[1][0]
            if dash and kind == "partial" and yexpr.grain != "day" and self.month_at(c) is not None:
                continue  # "14 - مارس": a dashed date (r_date), not a range from a day to a month
            if kind == "partial":
                xexpr = self._inherit(x_start, xk, xval, yexpr)
                if xexpr is None:
                    continue
            elif isinstance(xval, Expr):
                xexpr = xval
            else:
                continue
            if self._habitual_weekdays(x_start, xexpr, yexpr):
                return y[0], []  # "تستقبل الطلبات من الأحد إلى الخميس": every week, not two dates
            middle = [self._inherit(mi, mj, ("day", v), yexpr) for mi, mj, v in mids]
            if any(m is None for m in middle):
                continue
            self.ranges += 1
            rid = f"r{self.ranges}"
            linked = [xexpr, *(m for m in middle if m is not None), yexpr]
            return y[0], [replace(e, range_id=rid) for e in linked]
        return None

    def _day_chain(self, c: int) -> tuple[int, list[tuple[int, int, int]]]:
        """Middle days of "أيام 6 و7 و8 ديسمبر": digit days each followed by و, before the last
        one that carries the month. Returns the last day's index and (start, end, day) triples."""
        mids: list[tuple[int, int, int]] = []
        while True:
            dn = self.day_num(c)
            if dn is None or dn[2]:
                return c, mids
            nxt = dn[0] + 1 if self.norm(dn[0]) == "و" else dn[0] if self.glued_and(dn[0]) else -1
            last = self.day_num(nxt) if nxt >= 0 else None
            if last is None or last[2]:
                return c, mids
            mids.append((c, dn[0], dn[1]))
            c = nxt

    def _habitual_weekdays(self, i: int, x: Expr, y: Expr) -> bool:
        """Two bare weekdays with no direction word and no past or future cue name a weekly span
        (a present verb here is habitual, not scheduled), except in a weather forecast."""
        bare = all(
            all(self.cat(k, "WEEKDAY") is not None or self.norm(k) == "يوم" for k in range(e.i, e.j))
            for e in (x, y)
        )
        if not bare or self.clauses.tense(i, y.j) not in (None, "present"):
            return False
        if "يومي" in (self.norm(i), self.norm(i - 1)):
            return False  # "يومي الخميس والجمعة": the dual names two particular days
        # a forecast ("تصل الحرارة إلى 47 درجة من الثلاثاء إلى الجمعة") names coming days
        return not self.in_sentence_or_label(i, "forecast")

    def _partial(self, k: int) -> tuple[int, tuple[str, int]] | None:
        """A range start missing parts: a day number, a bare month, or a bare year."""
        dn = self.day_num(k)
        if dn is not None and not dn[2]:
            j = dn[0] + 1 if self.norm(dn[0]) == "من" else dn[0]
            mo = self.month_at(j)
            if mo is not None and mo[2] == "gregorian" and self.num(mo[0]) is None:
                return mo[0], ("daymonth", dn[1] * 100 + mo[1])
            return dn[0], ("day", dn[1])
        mo = self.month_at(k)
        if mo is not None and mo[2] == "gregorian":
            return mo[0], ("month", mo[1])
        y = self.year_at(k)
        if y is not None:
            return k + 1, ("year", y)
        return None

    def _inherit(self, i: int, j: int, part: object, end: Expr) -> Expr | None:
        assert isinstance(part, tuple)
        kind, v = part
        ds = end.ds
        if kind == "day" and end.grain in ("day", "hour", "minute") and end.calendar == "hijri":
            # "من 15 إلى 17 شعبان 1446هـ": the start is a day of the same Hijri month
            h = R.gregorian_to_hijri(ds)
            d = R.hijri_to_gregorian(h[0], h[1], v) if h is not None else None
            if d is None or d > end.de:
                return None
            return _expr(i, j, R.day_value(d), cue="range-inherit", calendar="hijri")
        if kind == "day" and end.grain in ("day", "hour", "minute", "month"):
            d = R.safe_date(ds.year, ds.month, v)
            if d is None or d > end.de:
                return None
            return _expr(i, j, R.day_value(d), cue="range-inherit", calendar=end.calendar)
        if kind == "month" and end.grain in ("day", "month") and end.calendar == "gregorian":
            y = ds.year - 1 if v > ds.month else ds.year
            return _expr(i, j, R.month_value(y, v), cue="range-inherit")
        if kind == "daymonth" and end.grain in ("day", "hour", "minute") and end.calendar == "gregorian":
            dd, mm = divmod(v, 100)
            d = R.safe_date(ds.year, mm, dd)
            if d is not None and d > ds:
                d = R.safe_date(ds.year - 1, mm, dd)
            if d is None:
                return None
            return _expr(i, j, R.day_value(d), cue="range-inherit")
        if kind == "year" and end.grain == "year" and v <= ds.year:
            return _expr(i, j, R.year_value(v))
        return None


def _season_of(month: int) -> str:
    return "WI" if month in (12, 1, 2) else "SP" if month <= 5 else "SU" if month <= 8 else "FA"


def _period_value(per: str, d: date, shift: int) -> R.Resolved:
    if per == "day":
        return R.day_value(d + timedelta(days=shift))
    if per == "week":
        return R.week_value(d + timedelta(days=7 * shift))
    if per == "month":
        y, m = R.add_months(d.year, d.month, shift)
        return R.month_value(y, m)
    if per == "decade":
        return R.decade_value(d.year + 10 * shift)
    return R.year_value(d.year + shift)
