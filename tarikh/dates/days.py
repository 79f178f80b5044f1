"""Day rules: full dates (Gregorian and Hijri), numeric dates, relative days and weekdays, and
the date orders page templates print ("مارس 14, 2024", "2024 الخميس 14 مارس").

Part of the grammar (see :mod:`tarikh.dates.grammar` for the driver and the conventions).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tarikh.dates import resolve as R
from tarikh.dates.grammar import _DIR_CUE, UNRESOLVED, Match, Parser, _expr


def _strip_conj(w: str) -> str:
    return w[1:] if w[:1] in ("و", "ف") and len(w) > 4 else w


_DASHES = frozenset({"-", "–", "—"})
_COMMAS = frozenset({",", "،"})
# "14,2024" (no space after the comma) is one numx token: a day, a comma, a year
_DAY_COMMA_YEAR = re.compile(r"(\d{1,2}),(\d{4})")


class DayRules(Parser):
    """Rules whose result is a day (or finer)."""

    _weekday_brackets: list[tuple[int, int]] | None = None

    def _habitual(self, k: int) -> bool:
        """ "مايو من كل عام", "كل يناير": a recurring month, not one date."""
        return self.inset(k, "habitual") or (self.norm(k) == "من" and self.inset(k + 1, "habitual"))

    # ------------------------------------------------------------------ rules: absolute dates
    def r_date(self, i: int) -> Match | None:
        """[weekday] day [من] month [year [era]] — also hijri months and ordinal days."""
        k = i
        wd = None
        if self.cat(k, "WEEKDAY") is not None:
            wd = self.cat(k, "WEEKDAY")
            k = self.skip_comma(k + 1)
            while self.inset(k, "link"):
                k += 1
        elif self.norm(k) == "يوم" and (
            self.cat(k + 1, "WEEKDAY_BARE") is not None or self.cat(k + 1, "WEEKDAY") is not None
        ):
            wd = self.cat(k + 1, "WEEKDAY_BARE")
            if wd is None:
                wd = self.cat(k + 1, "WEEKDAY")
            k = self.skip_comma(k + 2)
            while self.inset(k, "link"):
                k += 1
        elif self.norm(k) == "يوم":
            k += 1
        first = self._month_first(i, k, wd)
        if first is not None:
            return first
        dn = self.day_num(k)
        if dn is None:
            return None
        k, day, is_word = dn
        dashed = False
        if self.norm(k) in _DASHES and not is_word and self.month_at(k + 1) is not None:
            # "14 - مارس - 2024", "14-مارس-2024": a dashed date line, one day expression
            k, dashed = k + 1, True
        elif self.norm(k) == "/" and not is_word:
            slashed = self._slashed_date(i, k, day, wd)
            if slashed is not None:
                return slashed
        if self.norm(k) == "من":
            k += 1
        elif is_word and self.norm(k - 1) not in ("غره", "فاتح", "الفاتح", "اول"):
            return None
        if is_word and self.cat(i - 1, "PERIOD") is not None:
            return None  # "الأسبوع الأول من الشهر المقبل": an ordinal week, not a day
        mo = self.month_at(k)
        if mo is None:
            return self._day_of_relative_month(i, k, day)
        k, month, cal = mo
        if (
            dashed
            and self.norm(k) in _DASHES
            and self.num(k + 1, 4) is not None
            and self.toks[k + 1].ndig == 4
        ):
            # the second dash of "14-مارس-2024" stands before its year
            m = self._finish_date(i, k + 1, day, month, cal, wd)
            if m is not None and m[0] > k + 1:
                return m
        return self._finish_date(i, k, day, month, cal, wd)

    def _slashed_date(self, i: int, k: int, day: int, wd: int | None) -> Match | None:
        """ "03/ مارس/2024", "21/أغسطس/2024": day, slash, month name, slash, year, as older
        Yemeni, Sudanese and Egyptian CMSes print it (``k`` is the first slash). Both slashes and
        a four-digit year are required: "العدد 3/ مارس" is an issue number or a fraction, and
        "3/ مارس 2024" keeps its old reading (the month alone). A dual month ("14/آذار/مارس/2024")
        is one month (``month_at``)."""
        mo = self.month_at(k + 1)
        if mo is None:
            return None
        j, month, cal = mo
        if self.norm(j) != "/" or self.num(j + 1, 4) is None or self.toks[j + 1].ndig != 4:
            return None
        m = self._finish_date(i, j + 1, day, month, cal, wd)
        return m if m is not None and m[0] > j + 1 and m[1] else None

    # ------------------------------------------------------------------ rules: template orders
    def _month_first(self, i: int, k: int, wd: int | None) -> Match | None:
        """WordPress's default "F j, Y" in Arabic: "مارس 14, 2024", "آذار 3 ,2024", "الأحد،
        نوفمبر 29، 2026" (``wd`` is a weekday already read before ``k``).

        Read only with the comma (Latin or Arabic) before a plausible four-digit year: without it
        "مارس 14" is as likely the verb "practised" before a count, and keeps its old reading.
        The month must be Gregorian (of any family): "F" prints the Gregorian month name.
        """
        mo = self.month_at(k)
        if mo is None or mo[2] != "gregorian":
            return None
        k = mo[0]
        split = self._day_comma_year(k)
        if split is None:
            return None
        j, day, y = split
        if self.counted_noun(j):
            return None  # "يونيو 5، 2000 شخص": a count after a list, not a year
        era = self.era_at(j)
        if era is not None and era[1] == "gregorian":
            j = era[0]
        return self._template_day(i, j, y, mo[1], day, wd)

    def _day_comma_year(self, k: int) -> tuple[int, int, int] | None:
        """ "14, 2024", "14 ،2024", "14,2024" (one ``numx`` token) at ``k``: (end, day, year)."""
        if 0 <= k < self.n and self.toks[k].kind == "numx":
            m = _DAY_COMMA_YEAR.fullmatch(self.toks[k].norm)
            lo, hi = self.lex.ranges["gregorian"]
            if m is None or not lo <= int(m[2]) <= hi:
                return None
            return k + 1, int(m[1]), int(m[2])
        dn = self.day_num(k)
        if dn is None or dn[2] or self.norm(dn[0]) not in _COMMAS:
            return None
        y = self.year_at(dn[0] + 1)
        return (dn[0] + 2, dn[1], y) if y is not None else None

    def r_year_first(self, i: int) -> Match | None:
        """A year printed first by a left-to-right template shown right to left: "2024 الخميس
        14 مارس", "2024 14 مارس" (the line "مارس 14 الخميس 2024" displayed backwards).

        Numbers stand before dates in prose too, so the join is narrow: a plausible year (the
        Gregorian year range of the tables) where a date line can start (``_opens_date_line``),
        then an optional weekday and a digit day with a Gregorian month that has no year, no
        direction word and no "every" of its own after it ("2024 14 مارس 2023" is two
        expressions, "2024 14 مارس الماضي" is prose).
        """
        y = self.year_at(i)
        if y is None or not self._opens_date_line(i):
            return None
        k = i + 1
        wd = self.cat(k, "WEEKDAY")
        if wd is not None:
            k = self.skip_comma(k + 1)
        dn = self.day_num(k)
        if dn is None or dn[2]:
            return None
        mo = self.month_at(dn[0])
        if mo is None or mo[2] != "gregorian":
            return None
        j = mo[0]
        if self._year_slot_taken(j) or self._habitual(j):
            return None
        if self.cat(j, "DIR") is not None or (self.norm(j) == "قبل" and self.cat(j + 1, "DIR") is not None):
            return None
        return self._template_day(i, j, y, mo[1], dn[1], wd)

    def _year_slot_taken(self, j: int) -> bool:
        """Something at ``j`` (right after a month) gives the month its own year, resolvable or
        not (so the answer does not depend on the anchor): four digits ("مارس 2023", "مارس،
        2023"), or a year phrase ("مارس عام 2023", "مارس من العام الماضي", "من هذا العام")."""
        k = self.skip_comma(j)
        if self.norm(k) == "من":
            k += 1
        if self.num(k, 4) is not None and self.toks[k].ndig == 4:
            return True
        if self.cat(k, "YCUE") == "strong" or self.cat(k, "PERIOD") == "year":
            return True
        return self.cat(k, "THIS") is not None or self.cat(k, "SAME_BEFORE") is not None

    def _opens_date_line(self, i: int) -> bool:
        """The year at ``i`` stands where a template's date line starts: at a sentence start,
        after punctuation, a clock, an am/pm or zone word, a weak year cue ("في 2024 14 مارس")
        or a label word ([year_first] in ``data/markers.toml``). After another word the four
        digits are as likely a number ("القرار 2023 14 مارس", "سعر الذهب 2024 14 مارس"), and
        after a strong cue the year is عام's own ("في عام 2023 14 مارس"). Never the second year
        of a range ("2023-2024 14 مارس", "من 2023 إلى 2024 14 مارس") nor digits glued to a
        word ("الـ2024", "و2024")."""
        if i == 0 or self.clauses.sent[i - 1] != self.clauses.sent[i]:
            return True
        prev = self.toks[i - 1]
        if prev.kind == "punct":
            return not ((prev.norm in _DASHES or prev.norm == "/") and self.num(i - 2, 4) is not None)
        if self.toks[i].glued or self.inset(i - 1, "range_to"):
            return False  # "من 2023 إلى 2024 14 مارس": the year ends a range of years
        return (
            prev.kind == "clock"
            or self.cat(i - 1, "YCUE") == "weak"
            or self.cat(i - 1, "AMPM") is not None
            or self.inset(i - 1, "zone_alone")
            or self.inset(i - 1, "year_first_labels")
        )

    def _template_day(self, i: int, j: int, y: int, month: int, day: int, wd: int | None) -> Match | None:
        """The day of a date printed by a template (every part written), tokens [i, j)."""
        d = R.safe_date(y, month, day)
        if d is None:
            return None
        cue = "absolute" if wd is None or d.weekday() == wd else "absolute+weekday-mismatch"
        return j, [_expr(i, j, R.day_value(d), cue=cue)]

    def _day_of_relative_month(self, i: int, k: int, day: int) -> Match | None:
        """ "15 الجاري", "3 من الشهر الماضي": a day in the current or a relative month."""
        if self.anchor is None:
            return None
        a = self.anchor
        if self.cat(k, "DIR") == 0:
            d = R.safe_date(a.year, a.month, day)
            return (k + 1, [_expr(i, k + 1, R.day_value(d), cue="anchor")]) if d else None
        if self.norm(k) == "منه":
            # "من فاتح دجنبر إلى غاية 31 منه": a day of the previous expression's month
            prev = self.previous(("day", "month"))
            d = R.safe_date(prev.ds.year, prev.ds.month, day) if prev is not None else None
            return (k + 1, [_expr(i, k + 1, R.day_value(d), cue="anaphora")]) if d else None
        same_after = self.cat(k, "PERIOD") == "month" and self.cat(k + 1, "SAME_AFTER") is not None
        same_before = self.cat(k, "SAME_BEFORE") is not None and self.cat(k + 1, "PERIOD") == "month"
        if same_after or same_before:
            # "إلى غاية 20 من الشهر نفسه": a day of the previous expression's month
            prev = self.previous(("day", "month"))
            d = R.safe_date(prev.ds.year, prev.ds.month, day) if prev is not None else None
            return (k + 2, [_expr(i, k + 2, R.day_value(d), cue="anaphora")]) if d else None
        if self.cat(k, "PERIOD") == "month" and self.cat(k + 1, "DIR") is not None:
            y, m = R.add_months(a.year, a.month, self.cat(k + 1, "DIR"))
            d = R.safe_date(y, m, day)
            return (k + 2, [_expr(i, k + 2, R.day_value(d), cue="direction")]) if d else None
        return None

    def _finish_date(self, i: int, k: int, day: int, month: int, cal: str, wd: int | None) -> Match | None:
        j = self.skip_comma(k)
        y = None
        yc = "absolute"
        if cal == "hijri":
            jj = j + 1 if self.cat(j, "YCUE") == "strong" else j
            hy = self.num(jj, 4)
            if hy is not None and self.toks[jj].ndig == 4:
                y, j = hy, jj + 1
                era = self.era_at(j)
                if era is not None and era[1] == "hijri":
                    j = era[0]
            else:
                j = k
            return self._hijri_day(i, j, day, month, y, wd)
        jj = j + 1 if self.norm(j) == "من" else j
        jj = jj + 1 if self.cat(jj, "YCUE") == "strong" else jj
        if self.num(jj, 4) is not None and self.toks[jj].ndig == 4 and 1000 <= (self.num(jj) or 0) <= 2999:
            y, j = self.num(jj), jj + 1
            era = self.era_at(j)
            if era is not None and era[1] == "gregorian":
                j = era[0]
        else:
            ref = self.yearref(j)
            if ref is not None and ref[2] == UNRESOLVED:
                return ref[0], []  # "في 5 مارس من العام نفسه" with nothing to refer to
            if ref is not None:
                j, y, yc = ref
            else:
                j = k
        if y is not None:
            d = R.safe_date(y, month, day)
            if d is None:
                return None
            cue = yc
            if wd is not None and d.weekday() != wd:
                cue = yc + "+weekday-mismatch"
            return j, [_expr(i, j, R.day_value(d), cue=cue)]
        if self._habitual(k):
            return None  # "في 5 جويلية من كل سنة": a yearly date, not one day
        if self.inset(i - 1, "name_heads"):
            return None  # "قوى 14 آذار", "شارع 14 رمضان": a name, not a date
        ctx = self.context_year(i)
        # "17 أبريل المقبل" keeps its direction word whatever year the sentence names
        if ctx is not None and wd is None and self.cat(j, "DIR") is None:
            d = R.safe_date(ctx[0], month, day)
            if d is not None and d >= ctx[1]:
                return j, [_expr(i, j, R.day_value(d), cue="context-year")]
            # an earlier day of an old story's year ("في 12 ديسمبر 2019 بعد أشهر من الحراك الذي
            # انطلق يوم 22 فيفري"): the anchor is years away, the sentence's year is meant
            old = self.anchor is None or ctx[0] <= self.anchor.year - 2
            if d is not None and old and self.norm(i - 1) not in ("حتي", "الي", "لغايه"):
                return j, [_expr(i, j, R.day_value(d), cue="context-year")]
        if self.anchor is None:
            return None
        a = self.anchor
        direction = self.cat(j, "DIR")
        if direction is not None:
            j += 1
            if direction == 0:
                d = R.safe_date(a.year, month, day)
                return (j, [_expr(i, j, R.day_value(d), cue="direction-current")]) if d else None
            dcands = [d for d in (R.safe_date(yy, month, day) for yy in range(a.year - 2, a.year + 3)) if d]
            mode = "past-strict" if direction == -1 else "future-strict"
            o = R.pick([d.toordinal() for d in dcands], a.toordinal(), mode)
            if o is None:
                return None
            return j, [_expr(i, j, R.day_value(date.fromordinal(o)), cue=_DIR_CUE[direction])]
        cands = {}
        for yy in (a.year - 1, a.year, a.year + 1):
            d = R.safe_date(yy, month, day)
            if d is not None:
                cands[d.toordinal()] = d
        if wd is not None:
            agree = {o: d for o, d in cands.items() if d.weekday() == wd}
            if agree:
                o = R.pick(list(agree), a.toordinal(), "nearest")
                if o is not None:
                    return j, [_expr(i, j, R.day_value(agree[o]), cue="weekday-agreement")]
        mode, cue = self.mode(i, j, "nearest")
        o = R.pick(list(cands), a.toordinal(), mode)
        if o is None:
            return None
        if cue == "nearest":
            later = self._list_order(i, cands[o], list(cands.values()))
            if later is not None:
                return j, [_expr(i, j, R.day_value(later), cue="list-order")]
        return j, [_expr(i, j, R.day_value(cands[o]), cue=cue)]

    def _list_order(self, i: int, d: date, cands: list[date]) -> date | None:
        """A schedule lists its days in order: in "الفصل الأول: 14 ديسمبر إلى 25 ديسمبر؛
        الفصل الثاني: 10 مايو إلى 21 مايو" (written in October) May follows December, so a
        yearless day with no cue that would fall before the previous yearless day of its
        sentence takes the first candidate after it. The list may run across ":" and "؛", so
        the look-back is a window of twelve tokens, not the sentence."""
        for e in reversed(self.out):
            if e.j < i - 12 or any(self.norm(x) in (".", "!", "؟", "?") for x in range(e.j, i)):
                return None
            if e.grain != "day":
                continue
            if e.cue not in ("nearest", "range-inherit", "list-order") or d >= e.ds:
                return None
            after = sorted(c for c in cands if c >= e.ds)
            return after[0] if after else None
        return None

    def _hijri_day(self, i: int, j: int, day: int, month: int, y: int | None, wd: int | None) -> Match | None:
        if y is not None:
            d = R.hijri_to_gregorian(y, month, day)
            if d is None:
                return None
            d, cue = _weekday_adjust(d, wd, "absolute")
            return j, [_expr(i, j, R.day_value(d), calendar="hijri", cue=cue)]
        if self.inset(i - 1, "name_heads"):
            return None  # "بحي 14 رمضان", "شارع 14 رمضان": a name, not a date (round 7)
        if self.anchor is None:
            return None
        ah = R.gregorian_to_hijri(self.anchor)
        if ah is None:
            return None
        cands = {}
        for hy in (ah[0] - 1, ah[0], ah[0] + 1):
            d = R.hijri_to_gregorian(hy, month, day)
            if d is not None:
                cands[d.toordinal()] = d
        mode, cue = self.mode(i, j, "nearest")
        o = R.pick(list(cands), self.anchor.toordinal(), mode)
        if o is None:
            return None
        d, cue = _weekday_adjust(cands[o], wd, cue)
        return j, [_expr(i, j, R.day_value(d), calendar="hijri", cue=cue)]

    def r_ndate(self, i: int) -> Match | None:
        """Numeric dates: D/M/Y (24/1/2024) and Y/M/D (2023/12/18, 2023-11-19), with an optional
        weekday before them ("الخميس 14/03/2024", "يوم الخميس، 14-3-2024"): the written date decides,
        and the weekday is part of the expression rather than a guess of its own."""
        start = i
        if self.cat(i, "WEEKDAY") is not None:
            i = self.skip_comma(i + 1)
        elif self.norm(i) == "يوم" and (
            self.cat(i + 1, "WEEKDAY") is not None or self.cat(i + 1, "WEEKDAY_BARE") is not None
        ):
            i = self.skip_comma(i + 2)
        if not 0 <= i < self.n or self.toks[i].kind != "ndate":
            return None
        t = self.toks[i]
        raw = re.split(r"[/.\-]", t.norm)
        parts = [int(p) for p in raw]
        if len(raw[0]) == 4:
            y, m, d = parts
        else:
            d, m, y = parts
            if len(raw[2]) == 2:
                y += 2000 if y <= 50 else 1900  # "27/11/24"
        era = self.era_at(i + 1)
        if era is not None and era[1] == "hijri" or not 1900 <= y <= 2100 and self._hijri_context(i):
            # "1445/8/25هـ" (Gulf official style): a Hijri date; the era mark is part of it
            lo, hi = self.lex.ranges["hijri"]
            hd = R.hijri_to_gregorian(y, m, d) if lo <= y <= hi else None
            if hd is None:
                return None
            end = era[0] if era is not None and era[1] == "hijri" else i + 1
            return end, [_expr(start, end, R.day_value(hd), calendar="hijri")]
        if not 1900 <= y <= 2100:
            return None
        if len(raw[0]) != 4 and m > 12 and d <= 12:
            # "12/15/2023": no month 15, so a US month-first date (embassies, CENTCOM, the
            # coalition's releases); only when the day-first reading is impossible.
            d, m = m, d
        dd = R.safe_date(y, m, d)
        if dd is None:
            return None
        return i + 1, [_expr(start, i + 1, R.day_value(dd))]

    def _hijri_context(self, i: int) -> bool:
        """A numeric date with a Hijri-range year written after "بتاريخ"/"الموافق" or before a
        Gregorian date in brackets is Hijri even without هـ."""
        return self.norm(i - 1) in ("بتاريخ", "تاريخ", "الموافق") or self.norm(i + 1) in ("(", "الموافق")

    def r_day(self, i: int) -> Match | None:
        """Any day-grain expression at ``i`` (used for clock composition)."""
        best: Match | None = None
        for m in (self.r_date(i), self.r_ndate(i), self.r_year_first(i), self.r_relday(i), self.r_weekday(i)):
            if m is not None and (best is None or m[0] > best[0]):
                best = m
        return best

    # ------------------------------------------------------------------ rules: relative days
    def r_relday(self, i: int) -> Match | None:
        """أمس، اليوم، غدا، أول أمس، الليلة الماضية — optionally followed by a weekday to check."""
        off = self.cat(i, "RELDAY")
        if off is None or self.anchor is None:
            return None
        if self.norm(i) == "اليوم" and (
            self.inset(i + 1, "day_blockers") or self.inset(i - 1, "day_blockers_before")
        ):
            return None
        if self.norm(i) == "اليوم" and (self._discourse_today(i) or self._generic_today(i)):
            return i + 1, []  # "واليوم، مع نحو 2500 جندي...": "nowadays", not a day
        if (
            self.norm(i) in ("غد", "الغد")
            and self.norm(i - 1)
            not in (
                "في",
                "حتي",
                "صباح",
                "مساء",
                "يوم",
                "ظهر",
                "فجر",
            )
            and not self._postponed_to(i)
        ):
            return None
        d = self.anchor + timedelta(days=off)
        j = i + 1
        cue = "anchor"
        k = self.skip_comma(j)
        wd = self.cat(k, "WEEKDAY")
        if wd is not None:
            j = k + 1
            if wd != d.weekday():
                cue = "anchor+weekday-mismatch"
        return j, [_expr(i, j, R.day_value(d), cue=cue)]

    def _postponed_to(self, i: int) -> bool:
        """ "رفع الجلسة إلى الغد": الغد after إلى is tomorrow when a postponement word
        ([postpone]) stands just before; "نتطلع إلى الغد" stays a metaphor."""
        if self.norm(i - 1) != "الي":
            return False
        return any(self.inset(k, "postpone") for k in range(max(0, i - 4), i - 1))

    def _generic_today(self, i: int) -> bool:
        """Generic "nowadays" inside a clause: after a copula or a capacity word ("قادر اليوم
        على", "لم يعد اليوم كما كان", "بات اليوم") or before a comparison ("اليوم أحوج",
        "اليوم أكثر من أي وقت"). The word lists are data ([generic_today])."""
        before = self.lex.sets["generic_today_before"]
        prev = self.norm(i - 1)
        if prev in before or (self.norm(i - 2) + " " + prev) in before:
            return True
        nxt = self.norm(i + 1)
        if nxt in self.lex.sets["generic_today_after"]:
            return True
        return nxt == "اكثر" and self.norm(i + 2) == "من" and self.norm(i + 3) == "اي"

    def _discourse_today(self, i: int) -> bool:
        """ "واليوم، ..." / "أما اليوم ف..." opening a sentence is the discourse "nowadays".

        After "اليوم،" at the start of a sentence it is still a day when an event verb (a past,
        future or scheduled-present cue) opens the clause after the comma: "اليوم، أعلنت
        الوزارة" is today, "واليوم، مع نحو 2500 جندي تعرضوا..." is not (a verb deeper in the
        clause belongs to a relative clause). "أما اليوم" is always a contrast with the past.
        """
        sent = self.clauses.sent
        opening = i == 0 or sent[i - 1] != sent[i]
        if self.norm(i - 1) == "اما" and (i == 1 or sent[i - 2] != sent[i]):
            return True
        if not opening or self.norm(i + 1) not in ("،", ","):
            return False
        k = i + 2
        return not (k < self.n and sent[k] == sent[i] and self.clauses.cue[k] is not None)

    def r_weekday(self, i: int) -> Match | None:
        """Bare weekday, resolved by direction word, anchor weekday, then clause tense."""
        k = i
        if self.norm(k) == "يوم":
            k += 1
            wd = self.cat(k, "WEEKDAY")
            if wd is None:
                wd = self.cat(k, "WEEKDAY_BARE")
        else:
            wd = self.cat(k, "WEEKDAY")
        if wd is None or self.anchor is None:
            return None
        if self.norm(k + 1) in ("عشر", "عشره"):
            return None  # "الأحد عشر شهرا": the number eleven, not Sunday
        if self._in_timetable(k):
            return None  # "باريس (الإثنين، الخميس)": the days a flight runs every week
        a = self.anchor
        j = k + 1
        direction = self.cat(j, "DIR")
        back = (a.weekday() - wd) % 7 or 7
        fwd = (wd - a.weekday()) % 7 or 7
        if direction is None and self.norm(j) == "قبل" and self.cat(j + 1, "DIR") == -1:
            # "الخميس قبل الماضي": the one before the last
            return j + 2, [_expr(i, j + 2, R.day_value(a - timedelta(days=back + 7)), cue="direction-past")]
        if direction == -1:
            return j + 1, [_expr(i, j + 1, R.day_value(a - timedelta(days=back)), cue="direction-past")]
        if direction == 1:
            return j + 1, [_expr(i, j + 1, R.day_value(a + timedelta(days=fwd)), cue="direction-future")]
        if direction == 0:
            j += 1
        elif direction is None:
            shared = self.shared_direction(j, "WEEKDAY")
            if shared == -1:
                return j, [_expr(i, j, R.day_value(a - timedelta(days=back)), cue="direction-past")]
            if shared == 1:
                return j, [_expr(i, j, R.day_value(a + timedelta(days=fwd)), cue="direction-future")]
        mode, cue = self.mode(i, j, "past")
        if cue == "tense-past" and self.clauses.tense(i, j) is None:
            mode, cue = self._opening_label(i, j, mode, cue)
        if cue == "tense-past" and self._headline_ahead(i, j):
            mode, cue = "future", "headline-future"
        elif cue == "tense-past" and self._headline_announced(i):
            mode, cue = "nearest", "nearest"
        elif (
            cue == "tense-past"
            and self.clauses.tense(i, j) is None
            and (self.in_sentence_or_label(i, "forecast") or self.in_sentence_or_label(i, "fixture"))
            and not self._opens_with_past_shape(i)
        ):
            # "أمطار رعدية من الأربعاء حتى الجمعة", "ضربة البداية ... مساء الخميس"
            mode, cue = "future", "forecast"
        if wd == a.weekday():
            if self.lex.options["same_weekday"] == "anchor" or mode == "future":
                return j, [_expr(i, j, R.day_value(a), cue="anchor")]
            return j, [_expr(i, j, R.day_value(a - timedelta(days=7)), cue=cue)]
        if mode == "nearest":  # a reported clause: the closer one, the past on a tie
            d = a + timedelta(days=fwd) if fwd < back else a - timedelta(days=back)
        else:
            d = a + timedelta(days=fwd) if mode == "future" else a - timedelta(days=back)
        return j, [_expr(i, j, R.day_value(d), cue=cue)]

    def _opening_label(self, i: int, j: int, mode: str, cue: str) -> tuple[str, str]:
        """ "الأحد.. مجلس الأمن يصوت على القرار": a weekday opening a headline and set off by
        ".." or ":" takes the tense of the clause after it."""
        sent = self.clauses.sent
        if (i > 0 and sent[i - 1] == sent[i]) or j >= self.n or self.toks[j].kind != "punct":
            return mode, cue
        if self.norm(j)[:1] not in (".", ":"):
            return mode, cue
        k = j
        while k < self.n and self.toks[k].kind == "punct":
            k += 1
        if k >= self.n:
            return mode, cue
        tense = self.clauses.tense(k, k)
        if tense in ("future", "present"):
            return "future", "tense-" + tense
        return mode, cue

    def _in_timetable(self, k: int) -> bool:
        """Token ``k`` sits in a bracketed list of weekdays in a text that has one with two or
        more ("باريس (الإثنين، الخميس)؛ مونتريال (الجمعة)"): a weekly timetable, not dates. A
        single bracketed weekday elsewhere ("أمس (الجمعة)") is still a date."""
        groups = self._weekday_brackets
        if groups is None:
            found: list[tuple[int, int, int]] = []
            for o in range(self.n):
                if self.norm(o) != "(":
                    continue
                days = 0
                c = o + 1
                while c < self.n and c - o <= 12 and self.norm(c) != ")":
                    if self.cat(c, "WEEKDAY") is not None:
                        days += 1
                    elif self.norm(c) not in ("،", ",", "-", "/", "و"):
                        days = -1
                        break
                    c += 1
                if days > 0 and c < self.n and self.norm(c) == ")":
                    found.append((o, c, days))
            groups = [(o, c) for o, c, _ in found] if any(d >= 2 for *_, d in found) else []
            self._weekday_brackets = groups
        return any(o < k < c for o, c in groups)

    def _opens_with_past_shape(self, i: int) -> bool:
        """The sentence of ``i`` opens with a word shaped like a past verb our table lacks
        ("تساقطت أمطار غزيرة ... مساء السبت"): -ت after a consonant or -وا, not a definite
        noun nor a plural in -ات or a name in -يت/-وت ("بيروت: أمطار غزيرة الأحد")."""
        sid = self.clauses.sent[i]
        start = i
        while start > 0 and self.clauses.sent[start - 1] == sid:
            start -= 1
        if self.toks[start].kind != "word":
            return False
        w = _strip_conj(self.norm(start))
        if w.startswith("ال") or len(w) < 4:
            return False
        return w.endswith("وا") or (w.endswith("ت") and w[-2] not in "اوي")

    def _headline_announced(self, i: int) -> bool:
        """A verbless headline opening (after an optional "PLACE:" or "PLACE..") with an
        announced action noun ("العراق: تعطيل الدوام الرسمي الأحد في محافظات الجنوب",
        "تأجيل الجلسة إلى الخميس") reports a decision whose day is the nearest one, as an
        announced act after أعلن is; event nouns (مقتل، انفجار) keep the past."""
        sent = self.clauses.sent
        sid = sent[i]
        start = i
        while start > 0 and sent[start - 1] == sid:
            start -= 1
        if i - start > 10 or any(self.clauses.cue[k] is not None for k in range(start, i)):
            return False
        head = start
        for k in range(start, min(start + 4, i)):
            if self.toks[k].kind == "punct" and self.norm(k)[:1] in (":", "."):
                head = k + 1
                while head < i and self.toks[head].kind == "punct":
                    head += 1
                break
        return head < i and self.norm(head) in self.lex.sets["announce_nouns"]

    def _headline_ahead(self, i: int, j: int) -> bool:
        """A verbless headline "X في PLACE WEEKDAY" announces what is coming: "بايدن في جدة
        الجمعة", "وزير الخارجية في القاهرة الأربعاء" (Arabic headlines use a past verb or an
        event noun for what happened). Not when it opens with an event noun ("مقتل 3 في غارة
        الأحد": [headline_past_heads]) or a verb-shaped word (-ت، -وا), has no في shortly
        before the weekday, or runs longer than a headline."""
        sent = self.clauses.sent
        sid = sent[i]
        end = j
        while end < self.n and sent[end] == sid and self.toks[end].kind == "punct":
            if self.toks[end].norm == ".":
                return False  # headlines carry no full stop; body copy does
            end += 1
        if (
            end < self.n
            and sent[end] == sid
            and not (
                self.toks[j].kind == "word"
                and (self.toks[j].norm in ("في", "علي") or self.toks[j].norm.startswith("ل"))
                and len(self.toks[j].norm) >= 2
            )
        ):
            return False  # the weekday closes the headline or opens its complement (للمشاركة، في زيارة)
        start = i
        while start > 0 and sent[start - 1] == sid:
            start -= 1
        if i - start > 10 or any(self.clauses.cue[k] is not None for k in range(start, j)):
            return False
        first = self.norm(start)
        if first in self.lex.sets["headline_past_heads"]:
            return False
        if not first.startswith("ال") and (first.endswith("ت") or first.endswith("وا")):
            return False  # "أغارت طائرات ... الاثنين": a past verb our table does not know
        if not any(self.norm(k) == "في" for k in range(max(start, i - 4), i)):
            return False  # the visit pattern: "X في PLACE WEEKDAY"
        return not any(
            self.toks[k].kind == "punct" and self.toks[k].norm in (".", "،", ",") for k in range(start, i)
        )


def _weekday_adjust(d: date, wd: int | None, cue: str) -> tuple[date, str]:
    """A Hijri date whose written weekday is one day off the Umm al-Qura table follows the
    weekday: local month starts (by sighting) often differ by a day ("الخميس 1 محرم 1445")."""
    if wd is None or d.weekday() == wd:
        return d, cue
    for shift in (1, -1):
        if (d + timedelta(days=shift)).weekday() == wd:
            return d + timedelta(days=shift), cue + "+weekday-adjusted"
    return d, cue + "+weekday-mismatch"
