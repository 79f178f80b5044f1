"""Machine-written timestamps (ISO 8601, RFC 822, URL paths) to :class:`Stamp` values.

These are formats, not language: JSON-LD, meta tags, ``<time datetime>``, feed ``pubDate`` and URL
paths. Arabic prose dates are *not* parsed here; they go to :func:`tarikh.dates.find`.
Eastern Arabic digits are accepted everywhere (outlets write ``٢٠٢٤-٠١-٢٥T١٠:٣٠``), because
:func:`tarikh.text.to_ascii_digits` maps them one to one before matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from tarikh.text import to_ascii_digits


@dataclass(frozen=True)
class Stamp:
    """A candidate time: ``value`` is aware when the writer gave an offset, else naive.

    ``grain`` is honest about what was written (``day`` for a date alone, ``month`` for a
    ``/2024/01/`` URL). ``raw`` is the string as found, ``source`` the ladder step.
    """

    value: datetime
    grain: str
    raw: str
    source: str = ""
    zone: str | None = None  # zone text as written near it (بتوقيت بغداد), if any

    @property
    def aware(self) -> bool:
        return self.value.tzinfo is not None

    def with_source(self, source: str) -> Stamp:
        return replace(self, source=source)


_ISO = re.compile(
    r"""^\s*(?P<y>\d{4})-?(?P<m>\d{1,2})-?(?P<d>\d{1,2})
    (?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<F>\d+))?)?\s*
      (?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$""",
    re.X | re.I,
)
_ISO_MONTH = re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})\s*$")
# Numeric dates CMSes print into meta tags: D/M/Y (the Arabic-world order) or Y/M/D, optional
# clock, which French CMSes join with "à" and write "10h30".
_NUMERIC = re.compile(
    r"""^\s*(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})|(?P<y2>\d{4})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2}))
    (?:(?:[T\s,]+|\s+(?:à|a|at|-)\s+)(?P<H>\d{1,2})[:hH](?P<M>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp][Mm])?)?\s*$""",
    re.X,
)
_CLOCK = re.compile(r"\d{1,2}\s*[:hH]\s*\d{2}")
_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# RFC 822 as feeds write it: optional "Thu," then "25 Jan 2024"; anything else goes to dateparser.
_RFC822 = re.compile(
    r"^\s*(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?\s*$"
)
_EPOCH = re.compile(r"^\s*(\d{10})(\d{3})?\s*$")

MIN_YEAR = 1995  # no Arabic news site published on the web before this


def _offset(tz: str) -> timezone:
    tz = tz.upper()
    if tz in {"Z", "UTC", "GMT"}:
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError(f"offset out of range: {tz}")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_machine(raw: str) -> Stamp | None:
    """ISO 8601 (with or without time/offset), epoch seconds, or RFC 822; None when it is none of these."""
    if not raw or not raw.strip():
        return None
    text = to_ascii_digits(raw.strip())
    m = _ISO.match(text)
    if m:
        try:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if m["H"] is None:
                return Stamp(datetime(y, mo, d), "day", raw)
            # Fractions of a second are kept: the value is then the very instant the CMS stored.
            micro = int((m["F"] or "0")[:6].ljust(6, "0"))
            value = datetime(y, mo, d, int(m["H"]), int(m["M"]), int(m["S"] or 0), micro)
            if m["tz"]:
                value = value.replace(tzinfo=_offset(m["tz"]))
            return Stamp(value, "minute", raw)
        except ValueError:
            return None
    m = _ISO_MONTH.match(text)
    if m:
        try:
            return Stamp(datetime(int(m["y"]), int(m["m"]), 1), "month", raw)
        except ValueError:
            return None
    m = _NUMERIC.match(text)
    if m:
        try:
            y, mo, d = (
                (int(m["y"]), int(m["m"]), int(m["d"]))
                if m["y"]
                else (int(m["y2"]), int(m["m2"]), int(m["d2"]))
            )
            if m["H"] is None:
                return Stamp(datetime(y, mo, d), "day", raw)
            hour = int(m["H"])
            if m["ampm"]:
                hour = hour % 12 + (12 if m["ampm"].lower() == "pm" else 0)
            return Stamp(datetime(y, mo, d, hour, int(m["M"])), "minute", raw)
        except ValueError:
            return None
    m = _EPOCH.match(text)
    if m:
        value = datetime.fromtimestamp(int(m.group(1)), tz=UTC)
        return Stamp(value, "minute", raw)
    if not _RFC822.match(text):
        # email.utils reads "March 14, 2024 9:30 PM" too, silently dropping the PM.
        return _english(raw, text)
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return _english(raw, text)
    if value is None:
        return _english(raw, text)
    # RFC 822 "-0000" means "offset unknown"; email.utils gives a naive datetime then.
    return Stamp(value, "minute", raw)


def _english(raw: str, text: str) -> Stamp | None:
    """English or French month-name dates CMSes print in meta tags and JSON-LD, via dateparser.

    ("January 25, 2024 10:30 AM", "25 janvier 2024 à 10h30", "Jeudi 25 Janvier 2024 - 10:30":
    Maghrebi sites often run a French CMS.) Only when a Latin word and a written four-digit
    year are there, and never filling a missing year, month or day from the clock:
    ``REQUIRE_PARTS`` refuses a date the text does not complete, and the year check refuses
    relative words ("yesterday", "il y a 2 jours") that dateparser resolves against today.
    """
    if not _LATIN_WORD.search(text) or len(text) > 60 or not _YEAR.search(text):
        return None
    try:
        data = _latin_parser().get_date_data(text)
    except (ValueError, OverflowError):
        return None
    value = data.date_obj
    if value is None or value.year < MIN_YEAR:
        return None
    offset = value.utcoffset()
    if offset is not None:  # dateparser's own tzinfo class, as a plain fixed offset
        value = value.replace(tzinfo=timezone(offset))
    return Stamp(value, "minute" if _CLOCK.search(text) else "day", raw)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LATIN: list[Any] = []


def _latin_parser() -> Any:
    """One dateparser instance for English and French, built on first use (its import is slow)."""
    if not _LATIN:
        from dateparser.date import DateDataParser

        # Absolute dates only: no relative ("yesterday") or timestamp parsers, which would
        # resolve against the clock, and a quarter faster.
        settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"]}
        _LATIN.append(DateDataParser(languages=["en", "fr"], settings=settings))
    return _LATIN[0]


_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
_LATIN_HEAD = re.compile(r"^[\s:|\-–—]*(?:[A-Za-zÀ-ÿ'’ ]{1,24}:)?[\s:|\-–—]*")


def parse_latin_line(segment: str) -> Stamp | None:
    """A visible English or French date line on an Arabic page ("Published: March 14, 2024 -
    09:30 GMT", "Publié le 14 mars 2024"): ``tarikh.dates`` reads Arabic, so the line, its
    short "Label:" cut, goes to :func:`parse_machine`, which never completes a partial date."""
    if len(segment) > 80 or _ARABIC_LETTER.search(segment) or not _LATIN_WORD.search(segment):
        return None
    whole = parse_machine(_LATIN_HEAD.sub("", segment, count=1))
    if whole is not None or not _ITEM_SEP.search(segment):
        return whole
    # "5 min read · Mar 14, 2024": byline items; the first item that is a whole date.
    for item in _ITEM_SEP.split(segment):
        stamp = parse_machine(_LATIN_HEAD.sub("", item, count=1)) if _YEAR.search(item) else None
        if stamp is not None:
            return stamp
    return None


_ITEM_SEP = re.compile(r"\s[·•|]\s")


def coerce_hint(value: datetime | date | str | None) -> Stamp | None:
    """A discovery hint as a :class:`Stamp` (datetime, date or raw feed string)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return Stamp(value, "minute", value.isoformat(), "hint")
    if isinstance(value, date):
        return Stamp(datetime(value.year, value.month, value.day), "day", value.isoformat(), "hint")
    stamp = parse_machine(str(value))
    return stamp.with_source("hint") if stamp else None


# /2024/01/25/, /2024/1/25/, /2024-01-25/, /20240125/, /2024/01/ ; the year must stand alone.
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?![\d])")
_URL_COMPACT = re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])")
_URL_YM = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(?![\d])")


def from_url(url: str) -> Stamp | None:
    """A date written in a URL path, at the grain the URL gives (day or month); never a time."""
    path = to_ascii_digits(url.split("?", 1)[0].split("#", 1)[0])
    path = re.sub(r"^[a-z]+://[^/]+", "", path, flags=re.I)
    for rx in (_URL_YMD, _URL_COMPACT):
        for m in rx.finditer(path):
            try:
                value = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            return Stamp(value, "day", m.group(0), "url")
    ym = _URL_YM.search(path)
    if ym:
        try:
            return Stamp(
                datetime(int(ym.group(1)), int(ym.group(2)), 1), "month", ym.group(0).strip("/"), "url"
            )
        except ValueError:
            return None
    return None
