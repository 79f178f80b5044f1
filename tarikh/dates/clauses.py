"""Clause tense around an expression: is the sentence talking about the past or the future?

Bare weekdays, bare months and day-month dates without a year are resolved by tense. We look
for the nearest tense cue in the same sentence: future words (سوف، لن، من المقرر، المتوقع،
يعتزم...) and imperfect verbs carrying the future prefix سـ (ستبدأ، سيزور), or past verbs from a
table of common news verbs (قال، أعلن، سلم، شنت، عقد...). A cue before the expression counts a
little more than one after it, because Arabic news puts the verb first.
"""

from __future__ import annotations

from tarikh.dates.normalize import Token
from tarikh.dates.tables import Lexicon

_SENTENCE_END = frozenset({".", "!", "?", "؟", "؛", ":"})
_THAT = frozenset({"ان", "بان", "لان"})  # folded أن، إن، بأن، لأن


class Clauses:
    """Sentence bounds and tense cues of one tokenized text, computed once and reused."""

    def __init__(self, text: str, toks: list[Token], lex: Lexicon) -> None:
        self.toks = toks
        n = len(toks)
        self.sent = [0] * n
        sid = 0
        prev_end = 0
        self.cue: list[str | None] = [None] * n
        # forward scans stop at clause openers and commas: their verbs belong to another clause
        self.stop = [t.norm in lex.sets["subordinators"] or t.norm in ("،", ",", "؛") for t in toks]
        future, past, exc = lex.sets["future"], lex.sets["past"], lex.sets["future_exceptions"]
        present = lex.sets["present"]
        future_adj = lex.sets["future_adjectives"]
        first = True  # at the first word of a sentence
        for k, t in enumerate(toks):
            if "\n" in text[prev_end : t.start]:
                sid += 1
                first = True
            self.sent[k] = sid
            prev_end = t.end
            if (
                t.kind == "punct"
                and t.norm in _SENTENCE_END
                and not (t.norm == "." and k + 1 < n and toks[k + 1].glued)
            ):
                sid += 1
                first = True
                continue
            if t.kind != "word":
                first = False
                continue
            was_first, first = first, False
            w = t.norm
            if w[:1] in ("و", "ف") and len(w) > 3 and w not in future and w not in past:
                w = w[1:]
            if w in future or _future_verb(w, exc):
                self.cue[k] = "future"
            elif w in past:
                self.cue[k] = "past"
            elif w in present or (was_first and _opening_imperfect(w, lex)):
                self.cue[k] = "present"
            elif w in future_adj and k > 0 and toks[k - 1].kind == "word" and not toks[k - 1].cats:
                self.cue[k] = "future"  # "الاجتماع المقبل": a coming event, not a date's direction
            if k >= 1 and toks[k - 1].norm in _THAT and text[toks[k - 1].stem_start] != "إ":
                # after أن a ت/يـ verb is a subjunctive imperfect, not the past تسلم/تقدم
                # ("على أن تسلم الجوائز في آذار": "with the prizes to be handed over in March")
                before = toks[k - 2].norm if k >= 2 else ""
                if before == "علي" and (self.cue[k] is not None or _imperfect_shape(w, lex)):
                    self.cue[k] = "future"
                elif self.cue[k] == "past" and w[0] in "يت" and before not in ("قبل", "بعد", "منذ"):
                    self.cue[k] = "present"
        self._headline_imperfect(lex)
        for k, t in enumerate(toks):
            # a purpose/result lam on an imperfect ("ارتفع المؤشر خلال أكتوبر ليغلق عند...",
            # "عاد ليجد") makes a subjunctive: it follows the main verb's tense (round 7)
            if (
                self.cue[k] in ("present", "future")
                and t.stem_start > t.start
                and text[t.start] == "ل"
                and t.norm[:1] in ("ي", "ت")
            ):
                self.cue[k] = None
        self.announce_verbs = lex.sets["announce_verbs"]
        self.announce_nouns = lex.sets["announce_nouns"]
        self.warn_verbs = lex.sets["warn_verbs"]

    def _headline_imperfect(self, lex: Lexicon) -> None:
        """A headline "الحكومة العراقية تعطل الدوام الأحد": a definite subject, then an
        imperfect verb among the next three words, in a sentence with no other cue, is a
        scheduled present like an opening يـ verb. Form II/V nouns in ت (تعطيل، تقرير) have ي
        or a known spelling and are left out."""
        starts = [k for k in range(len(self.toks)) if k == 0 or self.sent[k - 1] != self.sent[k]]
        for st in starts:
            sid = self.sent[st]
            first = self.toks[st]
            # "الأردن: منخفض جوي يؤثر على المملكة الأربعاء": after a "PLACE:" label the
            # subject may be indefinite
            labelled = st > 0 and self.toks[st - 1].norm == ":"
            if (
                first.kind != "word"
                or not (first.norm.startswith("ال") or labelled)
                or first.cats
                or first.glued
            ):
                continue
            k = st
            cues = False
            while k < len(self.toks) and self.sent[k] == sid:
                cues = cues or self.cue[k] is not None
                k += 1
            if cues:
                continue
            for m in range(st + 1, min(st + 4, k)):
                w = self.toks[m].norm
                if self.toks[m].kind != "word":
                    break
                if _imperfect_shape(w, lex):
                    self.cue[m] = "present"
                    break

    def _announcing(self, k: int) -> bool:
        """Token ``k`` is a past verb of announcing or deciding ([announced] verbs)."""
        w = self.toks[k].norm
        return w in self.announce_verbs or _strip_conj(w) in self.announce_verbs

    def tense(self, i: int, j: int) -> str | None:
        """'past', 'future', 'present' (a scheduled event), 'reported' (a verbless clause after
        أن/إن whose only cue is the saying verb) or None for the expression at [i, j)."""
        if not self.toks:
            return None
        sid = self.sent[min(i, len(self.toks) - 1)]
        best: tuple[int, str] | None = None
        reported = False
        action = False  # crossed an action noun ("أعلنت ... عن تشغيل رحلات من 25 مارس")
        warned_of = False  # crossed the من of a warning ("حذر ... من ...")
        k = i - 1
        while k >= 0 and self.sent[k] == sid:
            c = self.cue[k]
            if c is not None:
                best = (i - k, c)
                if c == "past" and action and self._announcing(k):
                    reported = True  # the verb dates the announcement, not the announced act
                if c == "past" and warned_of and _strip_conj(self.toks[k].norm) in self.warn_verbs:
                    reported = True  # "حذرت الأرصاد من أمطار ... الجمعة": the warning, not the rain
                break
            if self.toks[k].norm == "من":
                warned_of = True
            if self.toks[k].norm in self.announce_nouns:
                action = True
            if self.toks[k].norm in _THAT and k > 0 and self.toks[k - 1].norm not in ("قبل", "بعد", "منذ"):
                # "أعلن الديوان أن يوم الأربعاء هو أول أيام العيد": a past verb before أن/إن
                # tells when it was said, not when the reported day is ("يتوقع أن" still
                # points forward; "قبل أن" is no report)
                reported = True
            k -= 1
        if best is not None and reported and best[1] == "past":
            best = None
        else:
            reported = False
        k = j
        while k < len(self.toks) and self.sent[k] == sid and not self.stop[k]:
            c = self.cue[k]
            if c is not None:
                dist = k - j + 2
                if best is None or dist < best[0]:
                    best = (dist, c)
                break
            k += 1
        if best is None and reported:
            return "reported"
        return best[1] if best else None


def _strip_conj(w: str) -> str:
    return w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w


def _opening_imperfect(w: str, lex: Lexicon) -> bool:
    """A sentence opening with a يـ imperfect verb ("يتظاهر المعلمون الأحد") announces a
    scheduled event; words the tables know (يناير، يوم) are not verbs."""
    return len(w) >= 4 and w[0] == "ي" and w not in lex.words and w not in lex.phrases and w not in lex.known


def _future_verb(w: str, exceptions: frozenset[str]) -> bool:
    """An imperfect verb with the future prefix: سيـ / ستـ / سنـ followed by at least 2 letters."""
    if len(w) < 4 or w[0] != "س" or w[1] not in "يتن":
        return False
    return not any(w.startswith(e) for e in exceptions)


def _imperfect_shape(w: str, lex: Lexicon) -> bool:
    """يفعل/تفعل-shaped unknown word of 4-6 letters; not a ت noun with ي before its last
    letter (تعطيل، تقرير) and not a word the tables know."""
    if not 4 <= len(w) <= 6 or w[0] not in "يت":
        return False
    if w in lex.words or w in lex.phrases or w in lex.known:
        return False
    return not (w[0] == "ت" and len(w) >= 5 and w[-2] == "ي") and not w.endswith("ه")
