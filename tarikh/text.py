"""Arabic text normalization and sentence splitting, shared by every stage.

Two kinds of normalization live here, and they must not be confused:

* :func:`fold` is for *matching* (keywords, search, near-duplicate detection). It is lossy:
  diacritics and tatweel go, alef/hamza forms, taa marbuta and alef maqsura are folded, digits
  become ASCII. Its output is never shown to users and never used for offsets.
* :func:`to_ascii_digits` is offset-preserving (one character in, one character out), so it is
  safe to run before a tagger that reports character offsets into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# Eastern Arabic (U+0660..0669) and Persian/Urdu (U+06F0..06F9) digits to ASCII, one to one.
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})

# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, and tatweel.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "ھ": "ه",
        "\u200c": None,
        "\u200d": None,
        "\u200f": None,
        "\u200e": None,
        "\u061c": None,
    }
)

# Proclitics that glue to a word: conjunctions, prepositions, and the article.
# Order matters: longest first, so "وبال" is tried before "و".
_PROCLITICS = sorted(
    ["و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وب", "فب", "ول", "فل", "وك"],
    key=len,
    reverse=True,
)

# Letters and digits (any script) plus Arabic combining marks; Arabic punctuation (، ؛ ؟ ٪ ٫ ٬ ۔)
# is not part of a word, so "العراق،" is the word "العراق".
_WORD = re.compile(r"(?:[^\W\u060c\u061b\u061f\u066a-\u066d\u06d4]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+")


def to_ascii_digits(text: str) -> str:
    """Replace Eastern Arabic and Persian digits by ASCII digits, keeping every offset."""
    return text.translate(_DIGITS)


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel (changes offsets)."""
    return _DIACRITICS.sub("", text)


def _build_fold_map() -> dict[str, str]:
    table = {chr(cp): "" for cp in range(0x0610, 0x0700) if _DIACRITICS.match(chr(cp))}
    table.update({chr(k): v or "" for k, v in _FOLD.items()})
    table.update({chr(k): v for k, v in _DIGITS.items()})
    return table


# One pass over the characters to change (diacritics, tatweel, letter variants, digits): a regex
# with a table lookup is several times faster than chained str.translate calls, and folding is on
# every page's hot path (relevance, search, clustering).
_FOLD_MAP = _build_fold_map()
_FOLD_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_MAP)) + "]")


def fold(text: str) -> str:
    """Normalize Arabic text for matching: NFKC, no diacritics or tatweel, folded letters, ASCII digits.

    Lossy and offset-changing: use it to compare, never to display or to slice.
    """
    text = unicodedata.normalize("NFKC", text)
    return _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text).lower()


def words(text: str) -> list[str]:
    """Folded word tokens of ``text``."""
    return _WORD.findall(fold(text))


def strip_proclitics(word: str) -> list[str]:
    """Every reading of a folded word with glued proclitics removed, the word itself first.

    ``والعراق`` gives ``["والعراق", "العراق", "عراق"]``-like readings; stems shorter than two
    letters are not produced, so short words are not shredded.
    """
    readings = [word]
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            stem = word[len(clitic) :]
            if stem not in readings:
                readings.append(stem)
    return readings


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


@lru_cache(maxsize=65536)
def _readings(word: str) -> frozenset[str]:
    """Every form a folded text word can match: itself and its stems without proclitics or article."""
    return frozenset(_strip_article(r) for r in strip_proclitics(word))


@lru_cache(maxsize=4096)
def _phrase_target(phrase: str) -> tuple[str, ...]:
    return tuple(_strip_article(w) for w in words(phrase))


def matches_phrase(text_words: list[str], phrase: str) -> bool:
    """True when ``phrase`` occurs in the folded word list, allowing glued proclitics on each word."""
    return _matches([_readings(w) for w in text_words], _phrase_target(phrase))


def _matches(candidates: list[frozenset[str]], target: tuple[str, ...]) -> bool:
    n = len(target)
    if n == 0:
        return False
    return any(
        all(target[j] in candidates[i + j] for j in range(n))
        for i in range(len(candidates) - n + 1)
        if target[0] in candidates[i]
    )


def find_keywords(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords (as given) that occur in ``text`` after Arabic normalization."""
    candidates = [_readings(w) for w in words(text)]
    present: set[str] = set().union(*candidates) if candidates else set()
    found = []
    for k in keywords:
        target = _phrase_target(k)
        if target and all(t in present for t in target) and _matches(candidates, target):
            found.append(k)
    return found


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text, with character offsets into that text."""

    index: int
    start: int
    end: int
    text: str


# Sentence segmentation. Enders: . ! ? ؟ … (runs such as ؟! count once), then optional closing
# quotes or brackets, then whitespace or the end. Line breaks always end a sentence. ، and ؛
# never do. An ender inside «…» or “…” or an open straight quote does not end a sentence (the
# quotation and its attribution stay together); the quote state resets at each line break so an
# unbalanced mark cannot swallow a whole article.
_ABBREVIATIONS = {
    "د", "م", "ص", "ق", "ج", "أ", "ا", "ش", "هـ", "ه", "ت", "ب", "ف", "ك", "ل", "ن", "ر", "س",
    "Dr", "Mr", "Mrs", "Ms", "St", "No", "Jr", "vs", "etc", "U.S", "U.N", "U.K", "E.U",
}
_ERA_MARKERS = {"هـ", "ه", "م"}
_ENDERS = ".!?؟…"
_OPEN_QUOTES = "«“"
_CLOSE_QUOTES = "»”"
_CLOSERS = "\"'»”’)]"
_TOKEN_BREAK = "(«\"“'[\n"
_DOTTED = re.compile(r"^(?:\w{1,2}\.)+\w{1,2}$")
_NUMBER = re.compile(r"^[0-9\u0660-\u0669\u06f0-\u06f9]+$")


def _token_before(text: str, at: int) -> tuple[str, int]:
    start = at
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _TOKEN_BREAK:
        start -= 1
    return text[start:at], start


def _dot_is_not_an_end(text: str, sentence_start: int, dot_at: int) -> bool:
    """True when the single ``.`` at ``dot_at`` belongs to an abbreviation or a list marker."""
    token, token_start = _token_before(text, dot_at)
    if not token:
        return False
    if token in _ERA_MARKERS:
        prev, _ = _token_before(text, token_start - 1) if token_start > 0 else ("", 0)
        if _NUMBER.match(prev):
            return False  # "1445 هـ." ends a sentence: هـ/م after a year is an era, not a name
    if token in _ABBREVIATIONS or _DOTTED.match(token):
        return True
    if len(token) == 1 and token.isalpha():
        return True
    before = text[sentence_start:dot_at].strip()
    # "1. " or "أ. " opening a sentence is a list marker, not a one-word sentence.
    return bool(_NUMBER.match(before)) or (len(before) == 1 and before.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split Arabic news text into sentences with offsets into ``text``.

    Survives what Arabic news does to naive splitters: ``؟`` ends a sentence but ``،`` and ``؛``
    do not; decimals (``2.5``, ``٢٫٥``) have no space after the point; one-letter and dotted
    abbreviations (``د.``, ``أ.ف.ب.``, ``U.S.``) and list markers (``1.``) are not ends; enders
    inside quotation marks stay inside their sentence; line breaks always end one.
    """
    out: list[Sentence] = []
    n = len(text)

    def emit(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, text[s:e]))

    start = 0
    depth = 0
    straight = False
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            emit(start, i)
            while i < n and text[i] == "\n":
                i += 1
            start, depth, straight = i, 0, False
            continue
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
        elif ch in _ENDERS:
            j = i
            while j < n and text[j] in _ENDERS:
                j += 1
            k = j
            while k < n and text[k] in _CLOSERS:
                if text[k] in _CLOSE_QUOTES:
                    depth = max(0, depth - 1)
                elif text[k] == '"':
                    straight = not straight
                k += 1
            at_boundary = k == n or text[k].isspace()
            single_dot = text[i:j] == "."
            if (
                at_boundary
                and depth == 0
                and not straight
                and not (single_dot and _dot_is_not_an_end(text, start, i))
            ):
                emit(start, k)
                start = k
            i = k
            continue
        i += 1
    emit(start, n)
    return out


def iter_words_with_offsets(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of the original text, offsets into ``text``."""
    for m in _WORD.finditer(text):
        yield m.start(), m.end(), m.group(0)
