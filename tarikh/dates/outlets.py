"""News outlets whose names hold date words: "المصري اليوم", "اليوم السابع", "الأيام", "الغد".

A dateline "دبي - الخليج اليوم:" or a credit "(الأيام)" names the newspaper, not a day. The
names live in ``data/relative.toml`` ([outlets]); this module only finds them in a context
where they can only be a name, so "الشارع المصري اليوم" (the Egyptian street today) still
reads اليوم as today:

- a dateline: after a dash and before a colon or a dash ("القاهرة - المصري اليوم:");
- a credit in brackets or quotes: "(الأيام)", "«المصري اليوم»";
- after an introducer noun: "صحيفة الغد"، "لموقع اليوم السابع".
"""

from __future__ import annotations

from tarikh.dates.normalize import Token
from tarikh.dates.tables import Lexicon

_OPEN = frozenset({"(", "«", '"', "“", "["})
_CLOSE = frozenset({")", "»", '"', "”", "]"})
_DASHES = frozenset({"-", "–", "—"})
_AFTER_DATELINE = frozenset({":", "-", "–", "—"})


def outlet_spans(toks: list[Token], lex: Lexicon) -> dict[int, int]:
    """Token index -> end index of the outlet name covering it, for names in a naming context."""
    spans: dict[int, int] = {}
    n = len(toks)
    firsts = {key[0] for key in lex.outlets}
    i = 0
    while i < n:
        end = _match(toks, i, lex.outlets) if toks[i].norm in firsts else None
        if end is None:
            i += 1
            continue
        before = toks[i - 1] if i > 0 else None
        after = toks[end] if end < n else None
        b = before.norm if before is not None else ""
        a = after.norm if after is not None else ""
        before_punct = before is not None and before.kind == "punct"
        after_punct = after is not None and after.kind == "punct"
        named = (
            (before_punct and b in _DASHES and after_punct and a in _AFTER_DATELINE)
            or (before_punct and b in _OPEN and after_punct and a in _CLOSE)
            or b in lex.sets["outlet_introducers"]
            or (before_punct and b in _OPEN and i > 1 and toks[i - 2].norm in lex.sets["outlet_introducers"])
        )
        if named:
            for k in range(i, end):
                spans[k] = end
            i = end
        else:
            i += 1
    return spans


def _match(toks: list[Token], i: int, names: list[tuple[str, ...]]) -> int | None:
    """End index of the longest outlet name starting at token ``i``."""
    first = toks[i].norm
    for key in names:
        if key[0] != first or i + len(key) > len(toks):
            continue
        if all(toks[i + m].norm == key[m] and toks[i + m].kind == "word" for m in range(len(key))):
            return i + len(key)
    return None
