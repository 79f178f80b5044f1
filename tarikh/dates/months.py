"""Month and year rules: months with years, directions or tense, Hijri months, years.

Part of the grammar (see :mod:`tarikh.dates.grammar` for the driver and the conventions).
"""

from __future__ import annotations

from tarikh.dates import resolve as R
from tarikh.dates.days import DayRules
from tarikh.dates.grammar import _DIR_CUE, UNRESOLVED, Expr, Match, _expr


class MonthRules(DayRules):
    """Rules whose result is a month or a year."""

    # ------------------------------------------------------------------ rules: months, years
    def r_month(self, i: int, cued: bool = False) -> Match | None:
        """Month with a year, a relative year, a direction word, or (with a cue) alone."""
        mo = self.month_at(i)
        if mo is None:
            return None
        k, month, cal = mo
        has_shahr = self.norm(i) in ("شهر", "شهري")
        j = self.skip_comma(k)
        if cal == "hijri":
            return self._hijri_month(i, k, month, has_shahr or cued)
        ref = self.yearref(j)
        if ref is not None and ref[2] == UNRESOLVED:
            return ref[0], []  # "في حزيران من العام ذاته" with nothing to refer to
        if ref is not None:
            jj, y, cue = ref
            return jj, [_expr(i, jj, R.month_value(y, month), cue=cue)]
        if self.anchor is None or self._habitual(k):
            return None
        a = self.anchor
        target = a.year * 12 + a.month - 1
        cands = [y * 12 + month - 1 for y in (a.year - 2, a.year - 1, a.year, a.year + 1, a.year + 2)]
        direction = self.cat(k, "DIR")
        end = k + 1
        if direction is None and self.norm(k) == "قبل" and self.cat(k + 1, "DIR") == -1:
            idx = R.pick(cands, target, "past-strict")  # "أغسطس قبل الماضي": a year before the last one
            if idx is None:
                return None
            idx -= 12
            return k + 2, [_expr(i, k + 2, R.month_value(idx // 12, idx % 12 + 1), cue="direction-past")]
        if direction is None:
            direction = self.shared_direction(k, "MONTH")
            end = k
        if direction is not None:
            mode = {-1: "past-strict", 1: "future-strict", 0: "past"}[direction]
            idx = R.pick(cands, target, mode) if direction else a.year * 12 + month - 1
            if idx is None:
                return None
            cue = _DIR_CUE[direction]
            return end, [_expr(i, end, R.month_value(idx // 12, idx % 12 + 1), cue=cue)]
        coordinated = self.glued_and(i) and (
            self.cat(i - 1, "MONTH") is not None or self.norm(i - 1) in ("الماضي", "المقبل")
        )
        if not (cued or has_shahr or coordinated or self.inset(i - 1, "month_cues")):
            return None
        ctx = self.context_year(i)
        if ctx is not None and (ctx[0], month) >= (ctx[1].year, ctx[1].month):
            return k, [_expr(i, k, R.month_value(ctx[0], month), cue="context-year")]
        mode, cue = self.mode(i, k, "nearest")
        idx = R.pick(cands, target, mode)
        if idx is None:
            return None
        return k, [_expr(i, k, R.month_value(idx // 12, idx % 12 + 1), cue=cue)]

    def _hijri_month(self, i: int, k: int, month: int, cued: bool) -> Match | None:
        j = self.skip_comma(k)
        jj = j + 1 if self.cat(j, "YCUE") == "strong" else j
        hy = self.year_at(jj, "hijri")
        if hy is not None:
            j = jj + 1
            era = self.era_at(j)
            if era is not None and era[1] == "hijri":
                j = era[0]
            return self._hijri_month_expr(i, j, hy, month, "absolute")
        direction = self.cat(k, "DIR")
        ref = self.yearref(j) if self.norm(j) != "من" or self.cat(j + 1, "PERIOD") == "year" else None
        if ref is not None and ref[2] == UNRESOLVED:
            return ref[0], []
        if ref is not None and ref[1] >= 1900:
            # "رمضان هذا العام": the Hijri month whose middle falls in that Gregorian year
            hy0 = (ref[1] - 622) * 33 // 32
            for hy in range(hy0 - 1, hy0 + 3):
                rng = R.hijri_month_range(hy, month)
                if rng is not None and R.midpoint(*rng).year == ref[1]:
                    return self._hijri_month_expr(i, ref[0], hy, month, ref[2])
        if month == 2 and self.norm(i) not in ("شهر", "شهري"):
            return None  # صفر is also "zero" ("انخفض إلى صفر"): only "شهر صفر" or with a year
        if not (cued or direction is not None or self.inset(i - 1, "month_cues")):
            return None
        if self.anchor is None:
            return None
        ah = R.gregorian_to_hijri(self.anchor)
        if ah is None:
            return None
        target = ah[0] * 12 + ah[1] - 1
        cands = [y * 12 + month - 1 for y in (ah[0] - 1, ah[0], ah[0] + 1)]
        if direction is not None:
            mode = {-1: "past-strict", 1: "future-strict", 0: "past"}[direction]
            cue = _DIR_CUE[direction]
            k += 1
        else:
            mode, cue = self.mode(i, k, "nearest")
        idx = R.pick(cands, target, mode) if direction != 0 else ah[0] * 12 + month - 1
        if idx is None:
            return None
        return self._hijri_month_expr(i, k, idx // 12, idx % 12 + 1, cue)

    def _hijri_month_expr(self, i: int, j: int, hy: int, month: int, cue: str) -> Match | None:
        rng = R.hijri_month_range(hy, month)
        if rng is None:
            return None
        mid = R.midpoint(*rng)
        value = f"{mid.year:04d}-{mid.month:02d}"
        return j, [Expr(i, j, value, "month", rng[0], rng[1], calendar="hijri", cue=cue)]

    def r_year(self, i: int, bare: bool = False) -> Match | None:
        """A year with a cue: عام/سنة 2014, في 2014, 2014 م, 1445 هـ (a Hijri year)."""
        k = i
        strong = self.cat(i, "YCUE") == "strong" and self.toks[i].kind == "word"
        if strong:
            k = i + 1
        if self.num(k) is None or self.toks[k].ndig != 4:
            return None
        y = int(self.toks[k].value)
        era = self.era_at(k + 1)
        if era is not None and era[1] == "hijri" and self.year_at(k, "hijri") is not None:
            return self._hijri_year(i, era[0], y)
        if self.year_at(k) is None:
            return None
        j = k + 1
        if era is not None and era[1] == "gregorian":
            j = era[0]
        elif not (strong or bare):
            if self.counted_noun(k + 1):
                return None
            cued = self.cat(i - 1, "YCUE") is not None or self.cat(i - 1, "PART") is not None
            cued = cued or self.inset(i - 1, "year_nouns") or self.inset(i - 1, "year_subject_before")
            # "قانون المالية 2026", "انتخابات الرئاسة 2024": a year noun and its genitive
            cued = cued or (
                self.inset(i - 2, "year_nouns") and self.norm(i - 1).startswith("ال") and not self.cats[i - 1]
            )
            cued = cued or self.inset(k + 1, "year_subject_verbs")
            cued = cued or (self.norm(i - 1) == "من" and self.inset(i - 2, "year_of_heads"))
            # "انهيار العملة (2019)" is a year; "سهم سابك (2010)" a stock code ([tickers])
            cued = cued or (
                self.norm(i - 1) == "("
                and self.norm(k + 1) == ")"
                and not any(self.inset(x, "tickers") for x in range(max(0, i - 4), i - 1))
            )
            cued = cued or self._coordinated_year(i) or self._listed_year(i, k)
            cued = cued or self._opening_year(i, k)
            if not cued:
                return None
        if strong and self.norm(i) in ("عامي", "سنتي"):
            # "عامي 2014 و2017": two years
            first = _expr(i, j, R.year_value(y))
            if self.norm(j) == "و" or self.has_clitic(j) if j < self.n else False:
                jj = j + 1 if self.norm(j) == "و" else j
                y2 = self.year_at(jj)
                if y2 is not None:
                    return jj + 1, [first, _expr(jj, jj + 1, R.year_value(y2))]
            return j, [first]
        return j, [_expr(i, j, R.year_value(y))]

    def _opening_year(self, i: int, k: int) -> bool:
        """A year opening a headline or a clause after a colon, set off by punctuation or in
        apposition with عام/العام: "2024.. عام الانتخابات", "الأمم المتحدة: 2023 العام الأشد
        حرارة". A count in that place would carry its noun ("2023 مشاركا")."""
        sent = self.clauses.sent
        if i > 0 and sent[i - 1] == sent[i]:
            return False
        if k + 1 >= self.n:
            return False
        after_colon = i > 0 and self.norm(i - 1) == ":"
        if after_colon and not self.counted_noun(k + 1) and not self.accusative_noun(k + 1):
            return True  # "السعودية: 2030 موعد اكتمال المشروعات" (a count carries its noun)
        nxt = self.toks[k + 1]
        if nxt.kind == "punct":
            return nxt.norm in (".", ":", "-", "–", "—", "…")  # not a comma: "2000، هو عدد"
        return self.cat(k + 1, "YCUE") == "strong" and self.norm(k + 1) in ("عام", "العام", "السنه")

    def r_year_words(self, i: int) -> Match | None:
        """A year in words after عام/سنة: "عام ألفين وأربعة عشر" (2014), "سنة ألف وتسعمائة
        وتسعين" (1990). Needs the strong cue: "ألفين" alone is a count."""
        if self.cat(i, "YCUE") != "strong" or self.toks[i].kind != "word":
            return None
        k = i + 1
        y = self.cat(k, "THOUSAND")
        if y is None:
            return None
        k += 1
        hundreds = self.cat(k, "HUNDRED")
        if hundreds is not None and self.glued_and(k):
            y, k = y + hundreds, k + 1
        if self.glued_and(k) or self.norm(k) == "و":
            kk = k + 1 if self.norm(k) == "و" else k
            nw = self.numword(kk)
            if nw is not None and self.toks[kk].kind == "word":
                y, k = y + nw[1], nw[0]
        lo, hi = self.lex.ranges["gregorian"]
        if not lo <= y <= hi or self.counted_noun(k):
            return None
        return k, [_expr(i, k, R.year_value(y))]

    def _listed_year(self, i: int, k: int) -> bool:
        """ "النتائج السابقة: 2019: 2-1، 2021: 0-0": after a comma, a year set off like the
        year item just before it (same punctuation after it) continues the list."""
        if self.norm(i - 1) not in ("،", ",", "؛") or k + 1 >= self.n or self.toks[k + 1].kind != "punct":
            return False
        for e in reversed(self.out):
            if e.j < i - 8:
                return False
            if e.grain == "year" and e.j < self.n and self.norm(e.j) == self.norm(k + 1):
                return True
        return False

    def _coordinated_year(self, i: int) -> bool:
        """ "خلال 2021 و2022": a year joined by و to a year expression right before it."""
        if not self.out or self.norm(i - 1) != "و":
            return False
        prev = self.out[-1]
        return prev.grain == "year" and prev.j == i - 1 and prev.calendar == "gregorian"

    def _hijri_year(self, i: int, j: int, hy: int) -> Match | None:
        rng = R.hijri_year_range(hy)
        if rng is None:
            return None
        mid = R.midpoint(*rng)
        return j, [
            Expr(i, j, f"{mid.year:04d}", "year", rng[0], rng[1], calendar="hijri", cue="hijri-year-midpoint")
        ]
