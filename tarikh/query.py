"""SQL and Arabic search over an installed release, with DuckDB.

Why views over the Parquet files (not a database file): a release stays the only copy of the data,
DuckDB reads just the row groups and columns a query needs (the files are date-sorted with
statistics), and any release folder, downloaded or local, is queryable as is.

Only what duckdb's wheel has built in is used (parquet, json, icu). Extension auto-install and
auto-load are switched off so a query never tries to reach the network (fts and httpfs would be
downloaded at run time). Arabic search is therefore done with :mod:`tarikh.text`: a SQL macro
``ar_fold(text)`` (available in every query) narrows the candidates inside DuckDB, and the exact
match (glued prefixes and all) is checked in Python on those few rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import itertools
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb

from tarikh.releases import ReleaseError, resolve_release
from tarikh.text import matches_phrase, strip_proclitics, words

FORMATS = ("table", "csv", "json")
TABLES = ("articles", "mentions", "events")
MAX_CELL = 80


class QueryError(ReleaseError):
    """The SQL failed (DuckDB's message, no traceback) or the output format is unknown."""


# ---------------------------------------------------------------------------------------------
# Arabic matching, as plain functions and as SQL functions


@lru_cache(maxsize=256)
def compile_query(query: str) -> tuple[str, ...]:
    """Split a search query into phrases that must all match.

    ``"quoted words"`` form one phrase (consecutive words); every other word is its own
    phrase. Matching folds both sides (diacritics, hamza/alef, ة/ه, ى/ي, digits) and allows glued
    proclitics on the text's words, so العراق finds والعراق.
    """
    phrases = [p for p in re.findall(r'"([^"]+)"', query) if words(p)]
    rest = re.sub(r'"[^"]*"', " ", query)
    phrases.extend(w for w in rest.split() if words(w))
    return tuple(phrases)


def _word_options(word: str) -> list[str]:
    """The query word, plus its article form when a proclitic is glued before ال (والعراق -> العراق).

    Only that case is stripped on the query side: stripping و/ب/ل from any word would turn
    بغداد into غداد and match unrelated text.
    """
    options = [word]
    for reading in strip_proclitics(word)[1:]:
        if reading.startswith("ال") and len(reading) > 3 and reading not in options:
            options.append(reading)
            break
    return options


@lru_cache(maxsize=256)
def _phrase_variants(phrase: str) -> tuple[str, ...]:
    per_word = [_word_options(w) for w in words(phrase)][:8]
    return tuple(" ".join(combo) for combo in itertools.islice(itertools.product(*per_word), 64))


def text_matches(text: str | None, query: str) -> bool:
    """True when every phrase of ``query`` occurs in ``text`` (see :func:`compile_query`)."""
    phrases = compile_query(query)
    if not text or not phrases:
        return False
    tw = words(text)
    return all(any(matches_phrase(tw, v) for v in _phrase_variants(p)) for p in phrases)


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def fold_macro_sql() -> str:
    """``CREATE MACRO ar_fold(s)``: :func:`tarikh.text.fold` in SQL, built from text.py's own tables.

    Pure SQL (regexp_replace + translate) because duckdb's Python UDFs need numpy and run per row.
    It skips fold's NFKC step (DuckDB has NFC only), so text written in Arabic presentation forms
    folds differently; search re-checks every candidate with the Python fold.
    """
    from tarikh import text as t

    mapping = {chr(k): v for k, v in {**t._FOLD, **t._DIGITS}.items()}
    keep = sorted((k, v) for k, v in mapping.items() if v)
    drop = sorted(k for k, v in mapping.items() if not v)
    src = "".join(k for k, _ in keep) + "".join(drop)
    dst = "".join(v for _, v in keep)
    return (
        "CREATE OR REPLACE MACRO ar_fold(s) AS lower(translate(regexp_replace(nfc_normalize(s), "
        f"{_sql_str(t._DIACRITICS.pattern)}, '', 'g'), {_sql_str(src)}, {_sql_str(dst)}))"
    )


# ---------------------------------------------------------------------------------------------
# Connections


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def open_release(release: Path | str | None = None, datasets_dir: Path | str = "datasets") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with views ``articles``, ``mentions``, ``events``.

    ``release`` is a release folder or a story folder; None means the latest release under
    ``datasets_dir``. Raises :class:`tarikh.releases.ReleaseNotFound` when there is none.
    """
    path = resolve_release(release, datasets_dir)
    missing = [t for t in TABLES if not (path / f"{t}.parquet").is_file()]
    if missing:
        raise ReleaseError(f"{path} lacks {', '.join(t + '.parquet' for t in missing)}")
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    con.execute("SET TimeZone = 'UTC'")
    for t in TABLES:
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet({_quote(path / (t + '.parquet'))})")
    con.execute(fold_macro_sql())
    return con


def execute(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None
            ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one statement; returns column names and rows. DuckDB errors become :class:`QueryError`."""
    try:
        cur = con.execute(sql, params) if params is not None else con.execute(sql)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.Error as exc:
        raise QueryError(f"SQL error: {str(exc).strip()}") from None


def run(sql: str, release: Path | str | None = None, datasets_dir: Path | str = "datasets",
        fmt: str = "table") -> str:
    """Run ``sql`` over a release and format the result (``table``, ``csv`` or ``json``)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    con = open_release(release, datasets_dir)
    try:
        columns, rows = execute(con, sql)
    finally:
        con.close()
    return format_rows(columns, rows, fmt)


def _stem(word: str) -> str:
    return word[2:] if word.startswith("ال") else word


def _prefilter(column_sql: str, stems: Sequence[str]) -> str:
    if not stems:
        return "true"
    return " and ".join(f"contains(ar_fold({column_sql}), ${i + 1})" for i in range(len(stems)))


def search_rows(con: duckdb.DuckDBPyConnection, query: str, limit: int = 100
                ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Matching articles (title or body) and dated sentences, ordered by date, at most ``limit``."""
    phrases = compile_query(query)
    if not phrases:
        raise QueryError("empty search query")
    # A necessary condition DuckDB can check fast: every folded query word, minus a leading
    # article, is a substring of the folded text.
    stems = sorted({_stem(_word_options(w)[-1]) for p in phrases for w in words(p)} - {""})
    art_text = "concat_ws(' ', title, body)"
    _, arts = execute(con, f"select cast(published as date), outlet, article_id, title, {art_text} "
                           f"from articles where {_prefilter(art_text, stems)}", stems)
    _, ments = execute(con, "select distinct m.date_start, a.outlet, m.article_id, m.value, m.sentence "
                            "from mentions m join articles a using (article_id) "
                            f"where {_prefilter('m.sentence', stems)}", stems)
    hits: list[tuple[Any, ...]] = [("article", d, o, aid, None, title) for d, o, aid, title, txt in arts
                                   if text_matches(txt, query)]
    hits += [("mention", d, o, aid, value, sent) for d, o, aid, value, sent in ments if text_matches(sent, query)]
    hits.sort(key=lambda h: (h[1] is None, h[1] or dt.date.min, h[0], h[3], h[4] or ""))
    return ["kind", "date", "outlet", "article_id", "value", "text"], hits[:limit]


def search(query: str, release: Path | str | None = None, datasets_dir: Path | str = "datasets",
           fmt: str = "table", limit: int = 100) -> str:
    """Arabic-aware search over article titles and bodies and over dated sentences.

    One row per matching article (kind ``article``, its title) and per matching dated sentence
    (kind ``mention``, with the date's value), ordered by date.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not compile_query(query):
        raise QueryError("empty search query")
    con = open_release(release, datasets_dir)
    try:
        columns, rows = search_rows(con, query, limit)
    finally:
        con.close()
    return format_rows(columns, rows, fmt)


# ---------------------------------------------------------------------------------------------
# Output


def _json_value(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if v.tzinfo else v.isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, list | tuple):
        return [_json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _json_value(x) for k, x in v.items()}
    return v


def _cell(v: Any) -> str:
    if v is None:
        return ""
    v = _json_value(v)
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def format_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> str:
    """Render a result: an aligned text table, CSV (RFC 4180) or a JSON array of objects."""
    if fmt == "json":
        return json.dumps([{c: _json_value(v) for c, v in zip(columns, r, strict=True)} for r in rows],
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        if columns:
            w.writerow(columns)
        w.writerows([_cell(v) for v in r] for r in rows)
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not columns:
        return ""
    cells = [[" ".join(_cell(v).split()) for v in r] for r in rows]
    cells = [[c if len(c) <= MAX_CELL else c[: MAX_CELL - 1] + "…" for c in r] for r in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
