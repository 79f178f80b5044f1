"""Clock times: "10:30 ص", "الساعة العاشرة من صباح أمس", zones as written, lone clock times.

Part of the grammar (see :mod:`tarikh.dates.grammar` for the driver and the conventions).
"""

from __future__ import annotations

import re
from dataclasses import replace

from tarikh.dates import resolve as R
from tarikh.dates.grammar import Expr, Match
from tarikh.dates.months import MonthRules

_CLOCK_LINK = frozenset({"،", ",", "-", "في", "عند", "علي", "نحو", "حوالي", "قرابه", "–"})
# punctuation between a clock and the day after it in a timestamp line
_CLOCK_FIRST_LINK = frozenset({"،", ",", "-", "–", "—", "|", "/"})


_HOUR_PREPS = frozenset(
    {
        "في",
        "عند",
        "حتي",
        "منذ",
        "قبل",
        "بعد",
        "نحو",
        "حوالي",
        "قرابه",
        "الي",
        "من",
        "تمام",
        "حدود",
        "بين",
        "و",
    }
)


class ClockRules(MonthRules):
    """Rules for clock times and their composition with day expressions."""

    # ------------------------------------------------------------------ clock times
    def clock_at(
        self, i: int, seconds: bool = False
    ) -> tuple[int, int, int | None, str | None, int, int | None] | None:
        """A clock time at ``i``: (end, hour, minute|None, ampm, zone_start_tok, zone_end_tok).

        ``seconds``: also read a clock with seconds ("11:47:52", kept to the minute). Only the
        caller that has a date right before it asks (or الساعة says it is a time): alone,
        "2:01:09" is a race time."""
        k = i
        said_hour = False
        while self.inset(k, "clock_hour_words"):
            said_hour = True
            k += 1
        if said_hour and self.norm(k) == "ال":
            k += 1  # "الساعة الـ10"
        t = self.toks[k] if k < self.n else None
        if t is None:
            return None
        minute: int | None
        hms = self._hms(k) if seconds or said_hour else None
        if t.kind == "clock":
            h, minute = t.value
            k += 1
        elif hms is not None:
            h, minute = hms
            k += 5
        elif (
            t.kind == "numx"
            and re.fullmatch(r"\d{1,2}\.\d{2}", t.norm)
            and (said_hour or self.cat(k + 1, "AMPM"))
        ):
            h, minute = (int(x) for x in t.norm.split("."))
            k += 1
        elif (
            said_hour
            and t.kind == "num"
            and t.ndig == 4
            and int(t.norm[:2]) < 24
            and int(t.norm[2:]) < 60
            and self.norm(k + 1) not in ("م", "ميلادي", "ميلاديه")
        ):
            h, minute = int(t.norm[:2]), int(t.norm[2:])  # wire style "الساعة 0930 بتوقيت غرينتش"
            k += 1
        else:
            hv = self.num(k, 2)
            if hv is not None:
                # a bare hour needs الساعة, or a spelled-out part of day after it ("3 عصرا");
                # the letters ص/م alone are not enough ("5 م" may be five metres)
                if not said_hour and not self._bare_hour(k, hv):
                    return None
                h, minute = hv, None
                k += 1
            else:
                f = self.cat(k, "ORDF")
                if f is None:
                    return None
                if not said_hour and not self._hour_slot(k):
                    return None  # "الدورة العادية الثالثة صباح الأحد": an ordinal of a noun
                h, minute = f, None
                k += 1
                if f in (1, 2) and self.cat(k, "TEEN") is not None:
                    h, k = f + 10, k + 1
                if not said_hour and self.cat(k, "AMPM") is None:
                    # "السادسة من صباح الغد", "الثامنة مساء الخميس" need a part of day next
                    nxt = k + 1 if self.norm(k) == "من" else k
                    if self.cat(nxt, "DAYPART") is None:
                        return None
        # fractions: والنصف، والربع، إلا ربعا
        if minute is None:
            if self.inset(k, "clock_half") and self.has_clitic(k):
                minute, k = 30, k + 1
            elif self.inset(k, "clock_quarter") and self.has_clitic(k):
                minute, k = 15, k + 1
            elif self.inset(k, "clock_third") and self.has_clitic(k):
                minute, k = 20, k + 1
            elif self.norm(k) == "و" and self.inset(k + 1, "clock_half"):
                minute, k = 30, k + 2
            elif self.inset(k, "clock_minus") and (
                self.inset(k + 1, "clock_quarter") or self.norm(k + 1) == "ربعا"
            ):
                h, minute, k = h - 1 if h > 1 else 12, 45, k + 2
        if not (0 <= h <= 24 and (minute is None or 0 <= minute < 60)):
            return None
        ampm = self.cat(k, "AMPM")
        if ampm is not None:
            k += 1
            h = _apply_ampm(h, ampm)
        if h == 24:
            h = 0
        zs, ze = self.zone_at(k)
        if ze is not None:
            k = ze
        return k, h, minute, ampm, zs, ze

    def _hms(self, k: int) -> tuple[int, int] | None:
        """(hour, minute) of "HH:MM:SS" at ``k``: the tokenizer leaves it as three glued numbers
        with colons between (a lone clock token is only "HH:MM")."""
        if k + 4 >= self.n or self.num(k, 2) is None:
            return None
        parts = self.toks[k : k + 5]
        if not all(p.glued for p in parts[1:]) or parts[1].norm != ":" or parts[3].norm != ":":
            return None
        if parts[2].kind != "num" or parts[2].ndig != 2 or parts[4].kind != "num" or parts[4].ndig != 2:
            return None
        nxt = self.toks[k + 5] if k + 5 < self.n else None
        if nxt is not None and nxt.glued and nxt.kind in ("num", "numx", "punct") and nxt.norm not in ("،", ","):
            return None  # "1:02:03:04", "11:47:52.5": not a clock
        h, m, sec = int(parts[0].norm), int(parts[2].norm), int(parts[4].norm)
        return (h, m) if h < 24 and m < 60 and sec < 60 else None

    def _bare_hour(self, k: int, hv: int) -> bool:
        """A number is an hour without الساعة only in "حتى 3 عصرا"-like spots: after a clock
        link word, before a spelled-out part of day that does not start a day phrase
        ("قتل 12 مساء الخميس" counts twelve people)."""
        if hv > 12 or not self.cat(k + 1, "AMPM") or len(self.norm(k + 1)) < 2:
            return False
        if self.norm(k - 1) not in ("حتي", "الي", "و", "-", "من", "عند", "في", "نحو", "حوالي", "قرابه"):
            return False
        nxt = k + 2
        return (
            not any(self.cat(nxt, c) is not None for c in ("RELDAY", "WEEKDAY", "MONTH"))
            and self.num(nxt) is None
        )

    def zone_at(self, k: int) -> tuple[int, int | None]:
        """A zone phrase at ``k`` ("بتوقيت بغداد", "(ت.غ)", "غرينتش"): (start_tok, end_tok|None)."""
        s = k
        if self.norm(k) == "(":
            k += 1
        end: int | None = None
        if self.inset(k, "zone_lead") and k + 1 < self.n and self.toks[k + 1].kind == "word":
            end = k + 2
            if self.inset(k + 2, "zone_two"):
                end = k + 3
        elif self.inset(k, "zone_alone"):
            end = k + 1
        elif self.norm(k) == "ت" and self.norm(k + 1) in (".", "") and self.norm(k + 2) == "غ":
            end = k + 3
        elif self.norm(k) == "ت" and self.norm(k + 1) == "غ":
            end = k + 2
        if end is None:
            return s, None
        if self.norm(s) == "(" and self.norm(end) == ")":
            end += 1
        return s, end

    def _zone_text(self, zs: int, ze: int | None) -> str | None:
        if ze is None:
            return None
        a, b = zs, ze
        if self.norm(a) == "(":
            a += 1
        if self.norm(b - 1) == ")":
            b -= 1
        return self.text[self.toks[a].start : self.toks[b - 1].end]

    def _with_time(
        self, e: Expr, j: int, clock: tuple[int, int, int | None, str | None, int, int | None]
    ) -> Expr:
        _, h, minute, _, zs, ze = clock
        assert e.day is not None
        res = R.minute_value(e.day, h, minute)
        return replace(e, j=j, value=res[0], grain=res[1], timezone=self._zone_text(zs, ze))

    def r_with_clock(self, i: int, daypart: str | None = None) -> Match | None:
        """A day expression, optionally followed by a clock time ("25 يناير 2024، 10:30 ص").

        ``daypart`` is a part of day written before the day ("مساء أمس الساعة 9:15"); it sets
        am/pm when the clock time has none."""
        m = self.r_day(i)
        if m is None:
            return None
        j, exprs = m
        if not exprs or exprs[-1].day is None:
            return m
        e = exprs[-1]
        k = j
        while self.norm(k) in _CLOCK_LINK:
            k += 1
        # A clock with seconds ("2023-12-03 11:47:52", "14 مارس 2024، 09:30:15") is the date's
        # only when nothing but punctuation stands between: after "في" it may be a race time.
        tight = all(self.toks[x].kind == "punct" for x in range(j, k))
        c = self.clock_at(k, seconds=tight)
        if c is None or (
            self.toks[k].kind != "clock"
            and not (tight and self._hms(k) is not None)
            and not self.inset(k, "clock_hour_words")
            and self.norm(k - 1) not in ("في", "عند")
        ):
            return m
        if c[3] is None and daypart is not None:
            c = (c[0], _daypart_hour(c[1], daypart), c[2], c[3], c[4], c[5])
        return c[0], exprs[:-1] + [self._with_time(e, c[0], c)]

    def _hour_slot(self, k: int) -> bool:
        """A feminine ordinal without الساعة is an hour only where a time can stand: after a
        preposition ("في الثالثة فجرا", "حتى السادسة مساء"), a clitic or at a clause start, not
        after the noun it qualifies ("الجلسة الثالثة صباح الأحد")."""
        if k == 0 or self.has_clitic(k) or self.toks[k - 1].kind == "punct":
            return True
        return self.norm(k - 1) in _HOUR_PREPS

    def r_clock_first(self, i: int) -> Match | None:
        """A clock time then its day: "الساعة العاشرة من صباح أمس", "10:30 صباح الخميس"."""
        c = self.clock_at(i)
        if c is None:
            return None
        k = c[0]
        if self.norm(k) == "من":
            k += 1
        ampm = c[3]
        if self.cat(k, "DAYPART") is not None:
            part = self.norm(k)
            k += 1
            if ampm is None:
                c = (c[0], _daypart_hour(c[1], part), c[2], ampm, c[4], c[5])
        elif self.norm(k) in _CLOCK_FIRST_LINK and (ampm is not None or self._stamp_clock(i)):
            # a timestamp line "09:30 ص - الخميس 14 مارس 2024", "10:45 - 14/03/2024",
            # "الساعة 14:35 بتوقيت مكة، الخميس 14 مارس": the clock belongs to the day after it
            while self.norm(k) in _CLOCK_FIRST_LINK:
                k += 1
        m = self.r_day(k)
        if m is None:
            return None
        j, exprs = m
        if len(exprs) != 1 or exprs[0].day is None:
            return None
        return j, [replace(self._with_time(exprs[0], j, c), i=i)]

    def _stamp_clock(self, i: int) -> bool:
        """A clock written as a time (digits "10:45", or after الساعة; else it needs ص/م or a
        part of day), not an ordinal or a bare number before a dash ("3 - الخميس")."""
        return self.toks[i].kind == "clock" or self.inset(i, "clock_hour_words")

    def _attach_lone_clocks(self) -> None:
        """Clock times with no day beside them take the previous day expression, else the anchor."""
        if not any(
            t.kind in ("clock", "numx")
            or "ORDF" in t.cats
            or "AMPM" in t.cats
            or t.norm in self.lex.sets["clock_hour_words"]
            for t in self.toks
        ):
            return
        taken = [(e.i, e.j) for e in self.out]
        i = 0
        added: list[Expr] = []
        while i < self.n:
            starts = (
                self.toks[i].kind in ("clock", "numx", "num")
                or self.inset(i, "clock_hour_words")
                or self.cat(i, "ORDF") is not None
            )
            if any(a <= i < b for a, b in taken) or not starts:
                i += 1
                continue
            c = self.clock_at(i)
            if c is None:
                i += 1
                continue
            prev = [
                e
                for e in self.out
                if e.j <= i and e.day is not None and self.clauses.sent[e.i] == self.clauses.sent[i]
            ]
            if prev:
                day, cue = prev[-1].day, "anaphora"
            elif self.anchor is not None:
                day, cue = self.anchor, "anchor"
            else:
                i += 1
                continue
            assert day is not None
            res = R.minute_value(day, c[1], c[2])
            added.append(
                Expr(
                    i, c[0], res[0], res[1], day, day, cue=cue, timezone=self._zone_text(c[4], c[5]), day=day
                )
            )
            i = c[0]
        self.out.extend(added)


def _apply_ampm(h: int, ampm: str) -> int:
    if ampm == "am":
        return 0 if h == 12 else h
    if ampm == "pm":
        return h + 12 if h < 12 else h
    if ampm == "noon":
        return h + 12 if 1 <= h <= 5 else h
    if ampm == "night":
        if h == 12:
            return 0
        return h + 12 if 6 <= h <= 11 else h
    return h


def _daypart_hour(h: int, part: str) -> int:
    """The 24-hour clock for an hour said with a part of day ("التاسعة من مساء أمس" is 21)."""
    if part in ("مساء", "عصر", "عشيه") and h < 12:
        return _apply_ampm(h, "pm")
    if part in ("ليل", "ليله", "منتصف ليل", "منتصف ليله"):
        return _apply_ampm(h, "night")
    if part in ("ظهر", "ظهيره"):
        return _apply_ampm(h, "noon")
    return h
