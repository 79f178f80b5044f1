"""The vocabulary tables load and agree with each other."""

from __future__ import annotations

from collections import defaultdict

from tarikh.dates.normalize import fold_word
from tarikh.dates.tables import TABLES, lexicon, load_table, phrase_key


def test_every_table_loads() -> None:
    for name in TABLES:
        assert load_table(name), name
    assert lexicon() is lexicon()  # cached


def test_every_month_family_has_twelve_months() -> None:
    months = load_table("months")
    families = {**months["gregorian"], **months["hijri"]}
    assert {"msa", "levant", "maghreb", "morocco", "hijri"} <= set(families)
    for name, fam in families.items():
        assert len(fam["months"]) == 12, name
        assert all(fam["months"][k] for k in range(12)), name


def test_no_spelling_names_two_months_unless_declared() -> None:
    months = load_table("months")
    declared = {fold_word(k) for k in months.get("declared_overlaps", {})}
    for calendar in ("gregorian", "hijri"):
        seen: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for fam in months[calendar].values():
            for number, spellings in enumerate(fam["months"], start=1):
                for s in spellings:
                    seen[phrase_key(s)].add(number)
        clashes = {k: v for k, v in seen.items() if len(v) > 1 and " ".join(k) not in declared}
        assert not clashes, clashes


def test_gregorian_and_hijri_month_names_do_not_collide() -> None:
    months = load_table("months")
    greg = {phrase_key(s) for f in months["gregorian"].values() for m in f["months"] for s in m}
    hijri = {phrase_key(s) for f in months["hijri"].values() for m in f["months"] for s in m}
    assert not greg & hijri


def test_required_spellings_are_present() -> None:
    lex = lexicon()
    for word, month in [("إبريل", 4), ("يونيه", 6), ("يوليه", 7), ("جانفي", 1), ("فيفري", 2), ("أوت", 8),
                        ("ماي", 5), ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12)]:  # fmt: skip
        assert lex.words[fold_word(word)]["MONTH"] == month, word
    for phrase, month in [("كانون الثاني", 1), ("كانون 2", 1), ("تشرين الأول", 10), ("كانون الأول", 12)]:
        key = phrase_key(phrase)
        assert any(k == key and p == month for k, _, p in lex.phrases[key[0]]), phrase


def test_weekdays_cover_the_week_once_each() -> None:
    wd = load_table("weekdays")
    assert set(wd["weekdays"].values()) == set(range(7))
    assert set(wd["bare_after_yawm"].values()) == set(range(7))


def test_directions_and_parts_use_known_values() -> None:
    rel = load_table("relative")
    assert set(rel["directions"].values()) <= {-1, 0, 1}
    assert set(rel["parts"].values()) <= {"START", "MID", "END"}
    units = {"minute", "hour", "day", "week", "month", "year"}
    assert all(unit in units and n in (0, 1, 2) for unit, n in rel["units"].values())


def test_seasons_and_decades() -> None:
    per = load_table("periods")
    assert set(per["seasons"].values()) == set(per["season_months"]) == {"SP", "SU", "FA", "WI"}
    assert set(per["decades"].values()) == set(range(2, 10))


def test_count_nouns_are_not_calendar_words() -> None:
    lex = lexicon()
    for noun in lex.sets["count_nouns"]:
        cats = lex.words.get(noun, {})
        assert not {"MONTH", "HMONTH", "WEEKDAY", "RELDAY", "ERA"} & set(cats), noun


def test_number_words_compose() -> None:
    num = load_table("numbers")
    assert num["cardinals"]["ثلاثة"] == 3 and num["tens"]["عشرين"] == 20
    assert num["ordinals"]["الخامس"] == 5 and num["ordinals_feminine"]["العاشرة"] == 10


def test_arabic_literals_in_code_are_folded() -> None:
    """Code compares folded tokens, so any Arabic literal in it must already be folded
    ("حتي" not "حتى"); a literal like "قرابة" would silently never match."""
    import ast
    from pathlib import Path

    import tarikh.dates

    pkg = Path(tarikh.dates.__file__).parent
    bad = []
    for path in sorted(pkg.glob("*.py")):
        if path.name in ("normalize.py", "cli.py"):  # the fold table itself; help text
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                s = node.value
                if len(s) > 1 and any("\u0621" <= ch <= "\u064a" for ch in s) and s != fold_word(s):
                    bad.append(f"{path.name}:{node.lineno}: {s!r}")
    assert not bad, bad
