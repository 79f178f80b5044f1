"""Decode a fetched page from raw bytes to text, trusting declarations only when the bytes agree.

Order (why): a BOM cannot lie; a ``<meta charset>`` is written by the page author next to the
bytes; the HTTP ``Content-Type`` charset is often a server default that lies (Scrapy trusts it
and turns windows-1256 pages into mojibake), so it is used only when the bytes decode cleanly with
it *and* give plausible text; last comes detection (strict UTF-8, then charset-normalizer, checked
against the two Arabic single-byte codepages). Every step that is skipped leaves a warning, and a
result that still looks garbled (mojibake such as ``Ø§Ù„`` or many U+FFFD) is reported.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .model import ExtractError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

# Names we report (WHATWG labels), by Python codec name.
_REPORT = {
    "utf_8": "utf-8",
    "cp1256": "windows-1256",
    "iso8859_6": "iso-8859-6",
    "cp1252": "windows-1252",
    "latin_1": "iso-8859-1",
    "utf_16_le": "utf-16le",
    "utf_16_be": "utf-16be",
    "utf_32_le": "utf-32le",
    "utf_32_be": "utf-32be",
    "ascii": "us-ascii",
}

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_BAD = re.compile("[\ufffd\u0080-\u009f]")
# A token that glues Arabic letters to Latin-1 accented letters or ×/÷: the mark of a single-byte
# Arabic page decoded with the other Arabic codepage.
_MIXED = re.compile("[\u0621-\u064a][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0621-\u064a]")
# UTF-8 Arabic read as windows-1252/latin-1: lead bytes Ø/Ù/Ú/Û followed by a continuation char.
# UTF-8 Arabic read as windows-1256: lead bytes 0xD8/0xD9 become ط/ظ before nearly every letter.
_TA_ZA = re.compile("[\u0637\u0638]")
_MOJIBAKE = re.compile(
    "[\u00d8\u00d9\u00da\u00db][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


@dataclass
class Decoded:
    """Decoded text, the encoding used (WHATWG label) and how we got there."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    garbled: bool = False


def report_name(codec: str) -> str:
    """WHATWG-style label for a Python codec name (``cp1256`` -> ``windows-1256``)."""
    name = codecs.lookup(codec).name.replace("-", "_")
    return _REPORT.get(name, codecs.lookup(codec).name)


def _codec(label: str) -> str | None:
    """A Python codec for a declared label, or None when unknown. ``iso-8859-1`` means cp1252 (WHATWG)."""
    label = label.strip().strip("\"'").lower()
    if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        label = "cp1252"
    if label in {"arabic", "iso-8859-6-i", "iso-8859-6-e", "asmo-708", "ecma-114"}:
        label = "iso-8859-6"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


@dataclass(frozen=True)
class Quality:
    """How plausible a decoded text is: Arabic letters seen and suspicious characters."""

    arabic: int
    bad: int
    mixed: int
    mojibake: int
    ta_za: int = 0

    @property
    def garbled(self) -> bool:
        letters = max(self.arabic, 1)
        return (
            self.arabic > 40
            and self.ta_za > letters * 0.3
            or self.bad > 3
            and self.bad > letters * 0.02
            or self.mixed > 3
            and self.mixed > letters * 0.01
            or self.mojibake > 5
            and self.mojibake > letters * 0.05
        )

    @property
    def score(self) -> float:
        penalty = self.bad + self.mixed + self.mojibake + (self.ta_za if self.garbled else 0)
        return self.arabic - 20 * penalty


_SUSPECT = re.compile("[\u0080-\u00ff\ufffd]")
_LATIN1_LETTER = re.compile("[\u00c0-\u00ff]")


def _no_garbling_pattern(text: str, limit: int = 64) -> bool:
    """True when neither ``_BAD``, ``_MIXED`` nor ``_MOJIBAKE`` matches anywhere in ``text``.

    The last two need a U+00C0-00FF character, so only those positions are looked at; past
    ``limit`` of them the answer is False (the caller then counts everything).
    """
    if _BAD.search(text) is not None:
        return False
    for n, m in enumerate(_LATIN1_LETTER.finditer(text)):
        i = m.start()
        if (
            n >= limit
            or (i and _MIXED.match(text, i - 1))
            or _MIXED.match(text, i)
            or _MOJIBAKE.match(text, i)
        ):
            return False
    return True


def quality(text: str, full: bool = False) -> Quality:
    """Measure ``text`` (see :class:`Quality`); cheap enough to run on every candidate decoding.

    Fast path: text with no Latin-1-range characters, no U+FFFD and few ط/ظ cannot be any of
    the garbling patterns, so the letter counts are skipped (``full=True`` always counts: needed
    when comparing candidate decodings by :attr:`Quality.score`).
    """
    ta_za = text.count("\u0637") + text.count("\u0638")
    if not full:
        alef = text.count("\u0627")
        if (ta_za <= 40 or 2 * alef > ta_za) and _SUSPECT.search(text) is None:
            return Quality(arabic=0, bad=0, mixed=0, mojibake=0, ta_za=ta_za)
        # Exact second fast path, for the many pages with «», no-break spaces, © or a "×" close
        # button: when no bad, mixed or mojibake pattern occurs at all (looked for only around
        # the few U+00C0-00FF characters), and 7*ta_za <= 3*alef (ط/ظ and alef are letters
        # themselves, so ta_za stays under 30% of the letters), the full count could not find
        # the text garbled either.
        if 7 * ta_za <= 3 * alef and _no_garbling_pattern(text):
            return Quality(arabic=0, bad=0, mixed=0, mojibake=0, ta_za=ta_za)
    return Quality(
        arabic=len(_ARABIC_LETTER.findall(text)),
        bad=len(_BAD.findall(text)),
        mixed=len(_MIXED.findall(text)),
        mojibake=len(_MOJIBAKE.findall(text)),
        ta_za=len(_TA_ZA.findall(text)),
    )


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _single_byte(codec: str) -> bool:
    return not codecs.lookup(codec).name.startswith(("utf", "gb", "big5", "euc", "shift", "iso2022", "cp9"))


def _header_charset(headers: Mapping[str, str] | None) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == "content-type":
            m = _HEADER_CHARSET.search(value or "")
            return m.group(1) if m else None
    return None


def repair_mojibake(text: str) -> str | None:
    """Undo UTF-8 read as windows-1252/latin-1 (``Ø§Ù„`` -> ``ال``), or None when it is not that."""
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if quality(fixed, full=True).arabic > quality(text, full=True).arabic:
            return fixed
    return None


def check_text(text: str) -> Decoded:
    """For input already decoded by someone else: report (and repair when sure) mojibake."""
    q = quality(text)
    if q.mojibake > 5 and q.mojibake > q.arabic * 0.05:
        fixed = repair_mojibake(text)
        if fixed is not None and not quality(fixed).garbled:
            return Decoded(fixed, "utf-8", ["garbled: utf-8 text had been decoded as windows-1252; repaired"])
    if q.garbled:
        return Decoded(text, "unicode", [_garbled_warning(q)], garbled=True)
    return Decoded(text, "unicode")


def _garbled_warning(q: Quality) -> str:
    return (
        "garbled: text looks mis-decoded "
        f"(U+FFFD/controls={q.bad}, mixed-script={q.mixed}, mojibake={q.mojibake}, ta/za={q.ta_za})"
    )


_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _utf8_clean(raw: bytes, text: str) -> bool:
    """Fast check for UTF-8 input (``text`` is ``raw`` decoded): no Latin-1 letters, C1 controls
    or U+FFFD encoded in the bytes, and ط/ظ not outnumbering alef (the signature of UTF-8 that
    went through windows-1256 once). Byte searches are memchr-fast; str counts are cheap."""
    if b"\xc3" in raw or b"\xef\xbf\xbd" in raw or _C1_UTF8.search(raw) is not None:
        return False
    ta_za = text.count("\u0637") + text.count("\u0638")
    return ta_za <= 40 or 2 * text.count("\u0627") > ta_za


def decode(raw: bytes, headers: Mapping[str, str] | None = None) -> Decoded:
    """Decode page bytes; see the module docstring for the order and why."""
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise ExtractError(f"body must be bytes or str, not {type(raw).__name__}")
    raw = bytes(raw)
    warnings: list[str] = []

    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, errors="replace")
            return _finish(text, codec, warnings)

    if raw[:1024].count(b"\x00") > 2 or raw.startswith(
        (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")
    ):
        raise ExtractError("not HTML: binary content")

    # Valid UTF-8 with multi-byte sequences is almost never an accident of a single-byte page, so
    # it beats a declaration of a single-byte codepage (a common server/template default).
    as_utf8 = _strict(raw, "utf-8") if not raw.isascii() else None

    head = raw[:4096]
    m = _META_CHARSET.search(head)
    if m:
        label = m.group(1).decode("ascii", "replace")
        meta_codec = _codec(label)
        if meta_codec is None:
            warnings.append(f"meta charset {label!r} is unknown; ignored")
        elif as_utf8 is not None and meta_codec == "utf-8" and _utf8_clean(raw, as_utf8):
            return Decoded(as_utf8, "utf-8", warnings)
        elif as_utf8 is not None and _single_byte(meta_codec):
            warnings.append(f"meta charset {label!r} declared but the bytes are utf-8; used utf-8")
            return _finish(as_utf8, "utf-8", warnings)
        else:
            meta_text = as_utf8 if meta_codec == "utf-8" and as_utf8 is not None else _strict(raw, meta_codec)
            if meta_text is not None and not quality(meta_text).garbled:
                return _finish(meta_text, meta_codec, warnings)
            warnings.append(f"meta charset {label!r} does not fit the bytes; ignored")

    label_h = _header_charset(headers)
    if label_h:
        h_codec = _codec(label_h)
        if h_codec is not None and as_utf8 is not None and _single_byte(h_codec):
            warnings.append(f"HTTP charset {label_h!r} declared but the bytes are utf-8; used utf-8")
            return _finish(as_utf8, "utf-8", warnings)
        if h_codec == "utf-8" and as_utf8 is not None and _utf8_clean(raw, as_utf8):
            return Decoded(as_utf8, "utf-8", warnings)
        header_text = _strict(raw, h_codec) if h_codec else None
        if header_text is not None and h_codec is not None and not quality(header_text).garbled:
            return _finish(header_text, h_codec, warnings)
        warnings.append(f"HTTP charset {label_h!r} does not fit the bytes; ignored")

    if raw.isascii():
        return Decoded(raw.decode("ascii"), "utf-8", warnings)
    if as_utf8 is not None:
        if _utf8_clean(raw, as_utf8):
            return Decoded(as_utf8, "utf-8", warnings)
        return _finish(as_utf8, "utf-8", warnings)

    return _finish_detected(raw, warnings)


def _finish_detected(raw: bytes, warnings: list[str]) -> Decoded:
    """Pick the most plausible of charset-normalizer's guess and the two Arabic codepages."""
    candidates: list[tuple[str, str]] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            candidates.append((best.encoding, str(best)))
    except Exception as exc:  # detection is best effort; the Arabic codepages below still run
        warnings.append(f"charset detection failed: {exc}")
    for codec in ("cp1256", "iso8859_6"):
        text = _strict(raw, codec)
        if text is not None:
            candidates.append((codec, text))
    if not candidates:
        fallback = raw.decode("utf-8", errors="replace")
        warnings.append("no encoding fits the bytes; decoded as utf-8 with replacement characters")
        return _finish(fallback, "utf-8", warnings)
    codec, text = max(candidates, key=lambda c: quality(c[1], full=True).score)
    warnings.append(f"encoding detected as {report_name(codec)}")
    return _finish(text, codec, warnings)


def _finish(text: str, codec: str, warnings: list[str]) -> Decoded:
    checked = check_text(text)
    if checked.encoding == "unicode":
        return Decoded(text, report_name(codec), warnings + checked.warnings, checked.garbled)
    return Decoded(checked.text, report_name(codec), warnings + checked.warnings, checked.garbled)
