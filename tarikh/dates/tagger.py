"""Turn text into vocabulary-tagged tokens: the lexical layer of the date grammar.

Each token carries its categories from the tables (``MONTH``, ``WEEKDAY``, ``RELDAY``...).
Glued proclitics (و ف ب ل ك, ولل...) are stripped before lookup; multi-word phrases
("كانون الثاني", "أول أمس", "من المقرر") are merged into one token, longest first.
"""

from __future__ import annotations

from tarikh.dates.normalize import CLITIC_TOKENS, Token, raw_tokens, stems
from tarikh.dates.tables import Lexicon, lexicon

_EMPTY: dict[str, object] = {}
_CACHE: dict[str, tuple[dict[str, object], int, str]] = {}
_CACHE_MAX = 200_000


def _lookup(lex: Lexicon, word: str) -> tuple[dict[str, object], int, str]:
    """Categories of the first reading of ``word`` that the lexicon knows, its clitic length, stem.

    Results are memoized per folded word (news vocabulary repeats); the category dicts are
    shared and must never be mutated.
    """
    hit = _CACHE.get(word)
    if hit is not None:
        return hit
    res: tuple[dict[str, object], int, str] = (_EMPTY, 0, word)
    for stem, clitic in stems(word):
        cats = lex.words.get(stem)
        if cats is not None or stem in lex.phrases or stem in lex.known:
            res = (cats or _EMPTY, clitic, stem)
            break
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[word] = res
    return res


def tag(text: str) -> list[Token]:
    """Tokens of ``text`` with vocabulary categories; offsets index the original ``text``."""
    lex = lexicon()
    raw = list(raw_tokens(text))
    out: list[Token] = []
    i = 0
    n = len(raw)
    while i < n:
        kind, norm, start, end, glued = raw[i]
        if kind == "word":
            cats, clitic, stem = _lookup(lex, norm)
            stem_start = start + clitic if clitic else start
            if clitic:
                # the clitic may be followed by dropped marks in the original; find the stem's start
                stem_start = _stem_offset(text, start, end, clitic)
            phrase = _match_phrase(lex, stem, raw, i)
            if phrase is not None:
                j, cat, payload = phrase
                last_end = raw[j - 1][3]
                words = [stem] + [r[1] for r in raw[i + 1 : j]]
                tok = Token("word", " ".join(words), start, last_end, stem_start, glued, None, {cat: payload})
                out.append(tok)
                i = j
                continue
            if norm in CLITIC_TOKENS and not cats:
                cats = {"CLITIC": norm}
            out.append(Token("word", stem, start, end, stem_start, glued, None, cats))
        elif kind == "num":
            out.append(Token("num", norm, start, end, start, glued, int(norm), {}, len(norm)))
        elif kind == "clock":
            h, m = norm.split(":")
            out.append(Token("clock", norm, start, end, start, glued, (int(h), int(m))))
        else:
            out.append(Token(kind, norm, start, end, start, glued))
        i += 1
    return out


def _stem_offset(text: str, start: int, end: int, clitic: int) -> int:
    """Original offset after ``clitic`` folded letters of the token at ``text[start:end]``."""
    seen = 0
    pos = start
    while pos < end and seen < clitic:
        if text[pos].isalpha() and not _is_mark(text[pos]):
            seen += 1
        pos += 1
    while pos < end and _is_mark(text[pos]):
        pos += 1
    return pos


def _is_mark(ch: str) -> bool:
    return ch == "\u0640" or "\u064b" <= ch <= "\u065f" or ch == "\u0670" or "\u0610" <= ch <= "\u061a"


def _match_phrase(
    lex: Lexicon, stem: str, raw: list[tuple[str, str, int, int, bool]], i: int
) -> tuple[int, str, object] | None:
    bucket = lex.phrases.get(stem)
    if not bucket:
        return None
    for key, cat, payload in bucket:
        j = i + 1
        ok = True
        for want in key[1:]:
            if j >= len(raw) or raw[j][1] != want or raw[j][0] == "punct":
                ok = False
                break
            j += 1
        if ok:
            return j, cat, payload
    return None
