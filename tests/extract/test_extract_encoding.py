"""Decoding from raw bytes: BOM, meta, a header only when it checks out, detection, garbled pages."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarikh.extract import ExtractError, article
from tarikh.extract.encoding import check_text, decode

# Our own sentences, long enough to look like a news paragraph.
TEXT = (
    "أعلنت وزارة الخارجية أن وفدا عسكريا سيصل إلى بغداد خلال الأيام المقبلة لبحث جدول تقليص "
    "المستشارين، وأكد متحدث باسمها أن الحوار سيظل مفتوحا مع جميع الشركاء وأن القرار النهائي يعود "
    "إلى المؤسسات العراقية وحدها بعد تقييم الوضع الميداني في المحافظات الغربية والشمالية."
)
WORDS = TEXT.replace("،", "").replace(".", "").split()


def page(charset_meta: str | None = None) -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>خبر</title></head><body><article><h1>عنوان الخبر</h1><p>{TEXT}</p></article></body></html>"


@pytest.mark.parametrize(
    ("codec", "label"), [("cp1256", "windows-1256"), ("iso8859_6", "iso-8859-6"), ("utf-8", "utf-8")]
)
def test_no_declaration_is_detected(codec: str, label: str) -> None:
    d = decode(page().encode(codec))
    assert d.encoding == label
    assert TEXT in d.text
    assert not d.garbled


def test_iso_8859_6_with_a_lying_windows_1256_header() -> None:
    d = decode(page().encode("iso8859_6"), {"Content-Type": "text/html; charset=windows-1256"})
    assert d.encoding == "iso-8859-6"
    assert TEXT in d.text
    assert any("HTTP charset 'windows-1256' does not fit" in w for w in d.warnings)


def test_windows_1256_with_a_lying_utf8_header() -> None:
    d = decode(page().encode("cp1256"), {"content-type": "text/html; charset=UTF-8"})
    assert d.encoding == "windows-1256"
    assert TEXT in d.text


def test_utf8_bytes_beat_a_single_byte_declaration() -> None:
    d = decode(page("windows-1256").encode("utf-8"), {"Content-Type": "text/html; charset=windows-1256"})
    assert d.encoding == "utf-8"
    assert TEXT in d.text
    assert any("bytes are utf-8" in w for w in d.warnings)


def test_meta_charset_wins_over_a_header_when_it_fits() -> None:
    d = decode(page("windows-1256").encode("cp1256"), {"Content-Type": "text/html; charset=iso-8859-6"})
    assert d.encoding == "windows-1256"
    assert d.warnings == []


def test_http_equiv_meta_is_read() -> None:
    html = page().replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
    )
    d = decode(html.encode("cp1256"))
    assert d.encoding == "windows-1256" and d.warnings == []


def test_bom_beats_everything() -> None:
    raw = codecs.BOM_UTF8 + page("windows-1256").encode("utf-8")
    d = decode(raw, {"Content-Type": "text/html; charset=iso-8859-6"})
    assert d.encoding == "utf-8" and TEXT in d.text
    raw16 = codecs.BOM_UTF16_LE + page().encode("utf-16-le")
    assert TEXT in decode(raw16).text


def test_double_encoded_page_is_reported_garbled() -> None:
    # A CMS that read its UTF-8 database as windows-1252 and wrote the result back out as UTF-8.
    mojibake = page().encode("utf-8").decode("latin-1")
    art = article(mojibake.encode("utf-8"), "https://x.example/a")
    assert any(w.startswith("garbled") for w in art.warnings)


def test_utf8_read_as_windows_1256_is_reported_garbled() -> None:
    wrong = page().encode("utf-8").decode("cp1256")
    d = check_text(wrong)
    assert d.garbled and any(w.startswith("garbled") for w in d.warnings)


def test_replacement_characters_are_reported() -> None:
    broken = page().replace("ا", "\ufffd")
    art = article(broken, "https://x.example/a")
    assert any(w.startswith("garbled") for w in art.warnings)


def test_mojibake_str_is_repaired() -> None:
    mojibake = page().encode("utf-8").decode("latin-1")
    d = check_text(mojibake)
    assert TEXT in d.text
    assert any("repaired" in w for w in d.warnings)


def test_clean_text_is_not_flagged() -> None:
    assert not check_text(page()).garbled
    assert check_text(page()).warnings == []


def test_non_bytes_input_is_a_typed_error() -> None:
    with pytest.raises(ExtractError):
        article(12345, "https://x.example/a")  # type: ignore[arg-type]
    with pytest.raises(ExtractError):
        article(b"<p>x</p>", "")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=8, max_size=40),
    st.sampled_from(["cp1256", "iso8859_6", "utf-8"]),
)
def test_round_trip_any_arabic_text(words: list[str], codec: str) -> None:
    text = " ".join(words)
    html = f"<html><body><p>{text}</p></body></html>"
    d = decode(html.encode(codec))
    assert text in d.text


@pytest.mark.parametrize(
    "raw", [b"%PDF-1.4\n\x00\x01binary", b"\x89PNG\r\n\x1a\n\x00\x00", b"\x00\x00\x00\x00<html>"]
)
def test_binary_content_is_a_typed_error(raw: bytes) -> None:
    with pytest.raises(ExtractError, match="binary"):
        article(raw, "https://x.example/a")
