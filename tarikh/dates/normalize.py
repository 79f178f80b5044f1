"""Offset-keeping normalization and tokenization for the date tagger.

The tagger matches on a folded copy of the text (ASCII digits, no diacritics or tatweel, one
alef, ي for ى, ه for ة) but must report offsets into the caller's original string. Folding
letters and digits is one-to-one; only dropped characters (diacritics, tatweel, invisible
marks) shift positions, so we keep an index map only when something was dropped.

This deliberately does not reuse ``tarikh.text.fold`` for the text itself: ``fold`` applies NFKC
and may change lengths, which would break offsets. Single words (table entries) are folded with
:func:`fold_word`, which applies the same letter rules as the text path.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tarikh.text import to_ascii_digits

# One-to-one replacements (offsets unchanged).
_ONE_TO_ONE: dict[int, str] = {
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ى"): "ي",
    ord("ة"): "ه",
    ord("ؤ"): "و",
    ord("ئ"): "ي",
    ord("ک"): "ك",
    ord("ی"): "ي",
    ord("ھ"): "ه",
    ord("٫"): ".",  # Arabic decimal separator
    ord("٬"): ",",  # Arabic thousands separator
    ord("٪"): "%",
    ord("\u00a0"): " ",
    ord("\u202f"): " ",
    ord("\u2009"): " ",
}
for _i, _c in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _ONE_TO_ONE[ord(_c)] = str(_i)
for _i, _c in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _ONE_TO_ONE[ord(_c)] = str(_i)
# Arabic presentation forms whose compatibility form is a single letter.
for _cp in list(range(0xFB50, 0xFDFF + 1)) + list(range(0xFE70, 0xFEFF + 1)):
    _nf = unicodedata.normalize("NFKC", chr(_cp))
    if len(_nf) == 1 and _nf != chr(_cp):
        _ONE_TO_ONE[_cp] = _nf.translate(_ONE_TO_ONE)
for _cp in range(ord("A"), ord("Z") + 1):
    _ONE_TO_ONE[_cp] = chr(_cp + 32)

# Dropped characters: harakat, tanwin, shadda, sukun, dagger alef, Quranic marks, tatweel,
# zero-width and direction marks, soft hyphen.
_DROP = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u061c\u00ad\u2066-\u2069]"
)


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text`` for matching; return it with a map from folded index to original index.

    The map is ``None`` when nothing was dropped (then indexes agree). Otherwise it has one entry
    per folded character plus a final entry equal to ``len(text)``.
    """
    folded = text.translate(_ONE_TO_ONE)
    if _DROP.search(folded) is None:
        return folded, None
    pieces: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _DROP.finditer(folded):
        if m.start() > pos:
            pieces.append(folded[pos : m.start()])
            index.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(folded[pos:])
    index.extend(range(pos, len(folded)))
    index.append(len(text))
    return "".join(pieces), index


def fold_word(word: str) -> str:
    """Fold one table entry the way :func:`normalize` folds text (used when loading tables)."""
    folded, _ = normalize(to_ascii_digits(word.strip()))
    return folded


_TOKEN = re.compile(
    # A two-digit year ("27/11/24": Palestinian and Israeli Arabic sites) only with slashes and
    # nothing numeric after it ("3.1.24" is as often a score or a version).
    r"(?P<ndate>(?<![\d/.\-])(?:\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{2}(?![\d/.]))(?![\d/]))"
    r"|(?P<clock>(?<![\d:.])\d{1,2}:\d{2}(?![\d:]))"
    r"|(?P<numx>\d+(?:[.,]\d+)+)"
    r"|(?P<num>\d+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\S)"
)

# Glued proclitics, longest first; the article stays on the stem (tables list both forms where
# needed); "لل" is handled apart (ل + ال with the alef dropped).
_PROCLITICS = ("وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
CLITIC_TOKENS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "فب", "ول", "فل", "وك", "وف", "لـ"})


@dataclass(slots=True)
class Token:
    """One token of the folded text with offsets into the ORIGINAL string.

    ``stem_start`` is where the token starts once glued proclitics are stripped (expressions
    never include a leading و/ب/ل). ``cats`` maps a vocabulary category to its payload.
    """

    kind: str
    norm: str
    start: int
    end: int
    stem_start: int
    glued: bool
    value: Any = None
    cats: dict[str, Any] = field(default_factory=dict)
    ndig: int = 0


def tokenize_plain(text: str) -> list[str]:
    """Folded token strings of ``text`` (for building table keys)."""
    folded, _ = normalize(to_ascii_digits(text))
    return [m.group(0) for m in _TOKEN.finditer(folded)]


def raw_tokens(text: str) -> Iterator[tuple[str, str, int, int, bool]]:
    """(kind, folded token, original start, original end, glued to previous) for ``text``."""
    folded, index = normalize(text)
    prev_end = -1
    for m in _TOKEN.finditer(folded):
        kind = m.lastgroup or "punct"
        s, e = m.start(), m.end()
        glued = s == prev_end
        prev_end = e
        if index is None:
            yield kind, m.group(0), s, e, glued
        else:
            # index[e] is the next kept character: dropped marks after a word (tanwin, a final
            # haraka, tatweel) belong to the word.
            yield kind, m.group(0), index[s], index[e], glued


def stems(word: str) -> Iterator[tuple[str, int]]:
    """Readings of a folded word: itself, then with glued proclitics stripped (stem, clitic length)."""
    yield word, 0
    if word.startswith("لل") and len(word) > 3:
        yield "ال" + word[2:], 1
    if word[:3] in ("ولل", "فلل") and len(word) > 4:
        yield "ال" + word[3:], 2
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            stem = word[len(clitic) :]
            yield stem, len(clitic)
