"""Load the vocabulary tables (``data/*.toml``) into lookup structures, once.

Language knowledge lives in the TOML files; this module only folds spellings with the tagger's
own normalizer (so tables can be written naturally) and indexes them. Everything is cached:
the first ``find`` call pays for loading, later calls reuse the same :class:`Lexicon`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from tarikh.dates.model import DatesError
from tarikh.dates.normalize import fold_word

TABLES = ("months", "weekdays", "numbers", "relative", "periods", "markers", "holidays")


@cache
def load_table(name: str) -> dict[str, Any]:
    """Parse one ``data/<name>.toml`` file (cached). Raises DatesError when missing or invalid."""
    try:
        raw = resources.files("tarikh.dates").joinpath("data").joinpath(f"{name}.toml").read_text("utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DatesError(f"vocabulary table {name}.toml is missing") from exc
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise DatesError(f"vocabulary table {name}.toml is invalid: {exc}") from exc


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as the tuple of folded tokens the tagger produces for it."""
    from tarikh.dates.normalize import tokenize_plain

    return tuple(tokenize_plain(phrase))


@dataclass
class Lexicon:
    """Folded vocabulary: single tokens map to categories, phrases are matched longest first.

    ``words[token]`` is a dict ``category -> payload``; ``phrases[first_token]`` lists
    ``(tokens, category, payload)`` with the longest phrases first.
    """

    words: dict[str, dict[str, Any]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str, Any]]] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    season_months: dict[str, int] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)
    options: dict[str, str] = field(default_factory=dict)  # words of any set, so proclitics get stripped
    outlets: list[tuple[str, ...]] = field(default_factory=list)  # outlet names, longest first

    def add(self, phrase: str, category: str, payload: Any) -> None:
        key = phrase_key(phrase)
        if not key:
            raise DatesError(f"empty vocabulary entry for {category}")
        if len(key) == 1:
            self.words.setdefault(key[0], {})[category] = payload
        else:
            bucket = self.phrases.setdefault(key[0], [])
            bucket.append((key, category, payload))
            bucket.sort(key=lambda item: -len(item[0]))

    def folded_set(self, name: str, items: list[str]) -> None:
        self.sets[name] = frozenset(fold_word(w) for w in items)
        self.known.update(self.sets[name])


def _add_months(lex: Lexicon) -> None:
    months = load_table("months")
    for calendar in ("gregorian", "hijri"):
        for family, spec in months[calendar].items():
            names = spec["months"]
            if len(names) != 12:
                raise DatesError(f"month family {family} has {len(names)} months, not 12")
            for number, spellings in enumerate(names, start=1):
                for spelling in spellings:
                    cat = "MONTH" if calendar == "gregorian" else "HMONTH"
                    lex.add(spelling, cat, number)


def _add_mapping(lex: Lexicon, mapping: dict[str, Any], category: str) -> None:
    for phrase, payload in mapping.items():
        lex.add(phrase, category, payload)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The folded, indexed vocabulary (built once per process)."""
    lex = Lexicon()
    _add_months(lex)
    wd = load_table("weekdays")
    _add_mapping(lex, wd["weekdays"], "WEEKDAY")
    _add_mapping(lex, wd["bare_after_yawm"], "WEEKDAY_BARE")

    num = load_table("numbers")
    _add_mapping(lex, num["cardinals"], "CARD")
    _add_mapping(lex, num["tens"], "TENS")
    lex.folded_set("tens_words", list(num["tens"]))  # "عيد الميلاد الثمانين" (relations)
    _add_mapping(lex, num["hundreds"], "HUNDRED")
    _add_mapping(lex, num["thousands"], "THOUSAND")
    _add_mapping(lex, num["teen_tail"], "TEEN")
    _add_mapping(lex, num["ordinals"], "ORD")
    _add_mapping(lex, num["ordinals_feminine"], "ORDF")
    nouns = num["count_nouns"]["words"]
    lex.folded_set("count_nouns", nouns + [n + "ا" for n in nouns] + [n + "ة" for n in nouns])

    rel = load_table("relative")
    _add_mapping(lex, rel["days"], "RELDAY")
    lex.folded_set("day_blockers", rel["day_blockers"]["words"])
    lex.folded_set("day_blockers_before", rel["day_blockers"]["before"])
    lex.options["same_weekday"] = rel["weekday_rules"]["same_weekday"]
    if lex.options["same_weekday"] not in ("anchor", "previous"):
        raise DatesError("weekday_rules.same_weekday must be 'anchor' or 'previous'")
    lex.folded_set("adjective_heads", rel["adjective_heads"]["words"])
    lex.folded_set("generic_today_before", rel["generic_today"]["before"])
    lex.folded_set("generic_today_after", rel["generic_today"]["after"])
    lex.folded_set("outlet_introducers", rel["outlets"]["introducers"])
    lex.outlets = sorted({phrase_key(n) for n in rel["outlets"]["names"]}, key=lambda key: -len(key))
    lex.folded_set("headline_past_heads", rel["headline_past_heads"]["words"])
    lex.folded_set("forecast", rel["forecast"]["words"])
    lex.folded_set("fixture", rel["fixture"]["words"])
    lex.folded_set("postpone", rel["postpone"]["words"])
    lex.folded_set("announce_verbs", rel["announced"]["verbs"])
    lex.folded_set("announce_nouns", rel["announced"]["nouns"])
    lex.folded_set("warn_verbs", rel["warned"]["verbs"])
    lex.folded_set("period_blockers", rel["period_blockers"]["words"])
    lex.folded_set("tickers", load_table("markers")["tickers"]["words"])
    lex.folded_set("new_year", rel["new_year"]["words"])
    lex.options["new_year_from_month"] = str(int(rel["new_year"]["from_month"]))
    _add_mapping(lex, rel["periods"], "PERIOD")
    _add_mapping(lex, {k: tuple(v) for k, v in rel["units"].items()}, "UNIT")
    _add_mapping(lex, rel["counted_preps"], "CPREP")
    _add_mapping(lex, rel["directions"], "DIR")
    for w in rel["this"]["words"]:
        lex.add(w, "THIS", 0)
    for w in rel["before_last"]["words"]:
        lex.add(w, "BEFORE", -1)
    for w in rel["anaphora_same"]["after"]:
        lex.add(w, "SAME_AFTER", 0)
    for w in rel["anaphora_same"]["before"]:
        lex.add(w, "SAME_BEFORE", 0)
    _add_mapping(lex, rel["anaphora_next"], "ANA_NEXT")
    lex.folded_set("approx", rel["approx"]["words"])
    lex.folded_set("one_words", rel["one_words"]["words"])
    lex.folded_set("construct_heads", rel["construct_heads"]["words"])
    lex.folded_set("from_now", rel["from_now"]["words"])
    _add_mapping(lex, rel["parts"], "PART")
    for w in rel["dayparts"]["words"]:
        lex.add(w, "DAYPART", w)

    per = load_table("periods")
    _add_mapping(lex, per["seasons"], "SEASON")
    lex.season_months = dict(per["season_months"])
    for w in per["quarter_words"]["quarter"]:
        lex.add(w, "QWORD", "Q")
    for w in per["quarter_words"]["half"]:
        lex.add(w, "QWORD", "H")
    _add_mapping(lex, per["quarter_ordinals"], "QORD")
    _add_mapping(lex, per["decades"], "DECADE")
    _add_mapping(lex, per["centuries"], "CENTURY")
    lex.folded_set("season_names", per["season_names"]["words"])

    hol = load_table("holidays")
    _add_mapping(lex, {k: tuple(v) for k, v in hol["holidays"].items()}, "HOLIDAY")
    lex.folded_set("holiday_epithets", hol["epithets"]["words"])
    _add_mapping(lex, rel["anaphoric_preps"], "ANA_PREP")

    mk = load_table("markers")
    _add_mapping(lex, mk["eras"], "ERA")
    for w in mk["year_cues"]["strong"]:
        lex.add(w, "YCUE", "strong")
    for w in mk["year_cues"]["weak"]:
        lex.words.setdefault(fold_word(w), {}).setdefault("YCUE", "weak")
    lex.folded_set("year_nouns", mk["year_cues"]["nouns"])
    lex.folded_set("year_subject_before", mk["year_cues"]["before_subject"])
    lex.folded_set("year_of_heads", mk["year_cues"]["of_heads"])
    lex.folded_set("year_subject_verbs", mk["year_cues"]["before_verbs"])
    lex.folded_set("name_heads", mk["name_heads"]["words"])
    lex.folded_set("results_nouns", mk["results_nouns"]["words"])
    lex.folded_set("year_first_labels", mk["year_first"]["labels"])
    for name, (lo, hi) in mk["year_range"].items():
        lex.ranges[name] = (int(lo), int(hi))
    lex.folded_set("month_cues", mk["month_cues"]["words"])
    clock = mk["clock"]
    for key in ("hour_words", "half", "quarter", "third", "minus", "minute_words"):
        lex.folded_set("clock_" + key, clock[key])
    _add_mapping(lex, mk["ampm"], "AMPM")
    zones = mk["zones"]
    lex.folded_set("zone_lead", zones["lead"])
    lex.folded_set("zone_two", zones["two_word"])
    lex.folded_set("zone_alone", zones["standalone"])
    rng = mk["ranges"]
    for key in ("from", "to", "between", "period"):
        lex.folded_set("range_" + key, rng[key])
    lex.sets["range_dash"] = frozenset(rng["dash"])
    lex.folded_set("link", mk["link"]["words"])
    lex.folded_set("subordinators", mk["subordinators"]["words"])
    lex.folded_set("habitual", mk["habitual"]["words"])
    lex.folded_set("forward_from", mk["forward_from"]["words"])
    lex.folded_set("of_total", mk["of_total"]["words"])
    lex.folded_set("break_nouns", mk["break_nouns"]["words"])
    lex.folded_set("break_heads", mk["break_nouns"]["heads"])
    lex.folded_set("accusative_adverbs", mk["accusative_adverbs"]["words"])
    lex.sets["starters"] = frozenset().union(
        *(lex.sets[k] for k in ("clock_hour_words", "range_from", "range_between", "range_period")),
        {fold_word(w) for w in ("يوم", "شهر", "شهري", "عامي", "سنتي", "الفتره", "فتره", "نفس", "مثل")},
    )
    tense = mk["tense"]
    lex.folded_set("future", tense["future"])
    lex.folded_set("future_adjectives", tense["future_adjectives"])
    lex.folded_set("future_exceptions", tense["future_prefix_exceptions"])
    present = tense["present_scheduled"]
    lex.folded_set("present", present + ["ت" + v[1:] for v in present if v.startswith("ي")])
    past: list[str] = []
    for verb in tense["past"]:
        past.extend([verb, verb + "ت", verb + "تا", verb + "وا", verb + "ا"])
        if verb.endswith("ى"):  # defective verbs: جرى → جرت، جروا; التقى → التقت، التقوا
            past.extend([verb[:-1] + "ت", verb[:-1] + "تا", verb[:-1] + "وا"])
    lex.folded_set("past", past)
    return lex
