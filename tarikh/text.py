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

_WORD = re.compile(r"[\w\u0600-\u06ff]+", re.UNICODE)


def to_ascii_digits(text: str) -> str:
    """Replace Eastern Arabic and Persian digits by ASCII digits, keeping every offset."""
    return text.translate(_DIGITS)


def strip_diacritics(text: str) -> str:
    """Remove harakat and tatweel (changes offsets)."""
    return _DIACRITICS.sub("", text)


def fold(text: str) -> str:
    """Normalize Arabic text for matching: NFKC, no diacritics or tatweel, folded letters, ASCII digits.

    Lossy and offset-changing: use it to compare, never to display or to slice.
    """
    text = unicodedata.normalize("NFKC", text)
    text = strip_diacritics(text)
    text = text.translate(_FOLD).translate(_DIGITS)
    return text.lower()


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


def _phrase_tokens(phrase: str) -> list[str]:
    return words(phrase)


def _strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def matches_phrase(text_words: list[str], phrase: str) -> bool:
    """True when ``phrase`` occurs in the folded word list, allowing glued proclitics on each word."""
    target = [_strip_article(w) for w in _phrase_tokens(phrase)]
    if not target:
        return False
    n = len(target)
    candidates = [{_strip_article(r) for r in strip_proclitics(w)} for w in text_words]
    for i in range(len(candidates) - n + 1):
        if all(target[j] in candidates[i + j] for j in range(n)):
            return True
    return False


def find_keywords(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords (as given) that occur in ``text`` after Arabic normalization."""
    text_words = words(text)
    return [k for k in keywords if matches_phrase(text_words, k)]


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text, with character offsets into that text."""

    index: int
    start: int
    end: int
    text: str


# Sentence ends: . ! ? and Arabic question mark, followed by space or end; newlines always end one.
_ABBREVIATIONS = {"د", "م", "ص", "ق", "ج", "أ", "ا", "ش", "هـ", "ه", "Dr", "Mr", "St", "No", "U.S", "U.N"}
_END = re.compile(r"([.!?؟…]+)([\"'»”)\]]*)(?=\s|$)|\n+")


def _is_abbreviation(text: str, dot_at: int) -> bool:
    start = dot_at
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(«\"":
        start -= 1
    token = text[start:dot_at]
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split Arabic news text into sentences with offsets.

    Ends at ``. ! ? ؟`` followed by whitespace (so ``35.7`` and ``2.5`` survive) and at line
    breaks; the Arabic comma ``،`` and semicolon ``؛`` never end a sentence; one-letter
    abbreviations (``د.``) and numbered-list markers (``1.``) do not end one.
    """
    out: list[Sentence] = []
    start = 0

    def emit(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, text[s:e]))

    for m in _END.finditer(text):
        if m.group(0).startswith("\n"):
            emit(start, m.start())
            start = m.end()
            continue
        dot = m.start(1)
        if m.group(1) == "." and _is_abbreviation(text, dot):
            continue
        before = text[start:dot].strip()
        if m.group(1) == "." and before.isdigit():
            continue  # "1. " list marker
        emit(start, m.end())
        start = m.end()
    emit(start, len(text))
    return out


def iter_words_with_offsets(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of the original text, offsets into ``text``."""
    for m in _WORD.finditer(text):
        yield m.start(), m.end(), m.group(0)
