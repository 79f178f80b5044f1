"""One parse per page, and the cheap paths of the extractor: each must give what the slow one gives.

The crawl decodes and parses a page once (``parse_page``), reads its links from the tree, then
hands the same tree to ``article``. These tests pin that this changes nothing: the same Article
for every golden page, the same links as parsing the bytes, and the tree left as it was by link
reading. The shortcuts taken for speed (space squeezing, phrase alternations, the encoding
quality fast path, the pre-folded marker test) are checked against the plain computation.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tarikh.crawl.discovery import html_links
from tarikh.crawl.pages import process_page
from tarikh.extract import ExtractError, Parsed, article, parse_page
from tarikh.extract.body import _BIDI, _SPACE, _longer_than, detable, squeeze, starts_with_marker
from tarikh.extract.encoding import quality
from tarikh.extract.tables import any_of, tables
from tarikh.story import load_story
from tarikh.text import fold
from tests.extract.extract_golden import Case, load_cases

CASES = load_cases()
ROOT = Path(__file__).resolve().parents[2]


def _extract(case: Case, parsed: Parsed | None = None, main_text: bool = True) -> dict[str, object]:
    art = article(
        case.raw,
        case.url,
        headers=case.headers,
        hints=case.hints,
        fetched_at=case.fetched_at,
        main_text=main_text,
        parsed=parsed,
    )
    return art.to_dict()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_parsed_once_gives_the_same_article(case: Case) -> None:
    for main_text in (True, False):
        alone = _extract(case, main_text=main_text)
        shared = _extract(case, parse_page(case.raw, case.headers), main_text=main_text)
        assert shared == alone


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_links_from_the_tree_are_the_links_from_the_bytes(case: Case) -> None:
    parsed = parse_page(case.raw, case.headers)
    if parsed.doc is None:
        pytest.skip("page with no text: the crawl reads its links from the bytes")
    before = lxml.html.tostring(parsed.doc)
    assert html_links(parsed.doc, case.url) == html_links(case.raw, case.url)
    assert lxml.html.tostring(parsed.doc) == before  # reading links leaves the tree as it was


def test_links_from_a_tree_honour_base_href() -> None:
    page = (
        '<html><head><meta charset="utf-8"><base href="https://cdn.example/news/"></head><body>'
        '<p><a href="item-1">الخبر الأول</a> <a href="/about">من نحن</a> <a href="#top">أعلى</a></p>'
        "</body></html>"
    ).encode()
    parsed = parse_page(page)
    assert parsed.doc is not None
    links = html_links(parsed.doc, "https://x.example/")
    assert links == ["https://cdn.example/news/item-1", "https://cdn.example/about"]
    assert links == html_links(page, "https://x.example/")


def test_a_parsed_page_is_extracted_once() -> None:
    case = CASES[0]
    parsed = parse_page(case.raw, case.headers)
    _extract(case, parsed)
    with pytest.raises(ExtractError, match="already extracted"):
        _extract(case, parsed)
    with pytest.raises(ExtractError, match="parse_page"):
        article(case.raw, case.url, parsed="<html></html>")  # type: ignore[arg-type]


def test_a_page_with_no_text_is_not_parsed() -> None:
    parsed = parse_page(b"<html><body>  <div></div> </body></html>")
    assert parsed.doc is None
    art = article(b"", "https://x.example/", parsed=parsed)
    assert art.page_kind == "empty"


def test_process_page_reads_links_and_article_from_one_parse() -> None:
    """The crawl's page step on a golden article: the record and the links both come out."""
    story = load_story(ROOT / "stories" / "demo.toml")
    case = next(c for c in CASES if c.name.startswith("dijla.wordpress"))
    host = case.url.split("/")[2]
    story = dataclasses.replace(story, allowed_domains=(host,))
    result = process_page(case.raw, case.url, story=story, headers=case.headers, fetched_at=case.fetched_at)
    assert result.kind == "article"
    assert result.record is not None and result.record["title"]
    expected_links = [u for u in html_links(case.raw, case.url) if host in u]
    assert result.links == expected_links and result.links


def test_process_page_survives_binary_bytes() -> None:
    story = load_story(ROOT / "stories" / "demo.toml")
    result = process_page(
        b"%PDF-1.4\x00\x00\x00binary",
        "https://x.example/a.pdf",
        story=story,
        fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    assert result.kind == "unreadable" and result.record is None


def test_detable_copies_unless_told_to_work_in_place() -> None:
    doc = lxml.html.fromstring(
        "<div><table><tr><td>" + "نص طويل في خلية الجدول " * 12 + "</td></tr></table></div>"
    )
    before = lxml.html.tostring(doc)
    copy = detable(doc)
    assert copy is not doc and lxml.html.tostring(doc) == before and copy.find(".//table") is None
    same = detable(doc, in_place=True)
    assert same is doc and doc.find(".//table") is None


_SPACEY = st.text(alphabet=st.sampled_from(list("ab سلم\t\u00a0\u200f\u200e\n")), max_size=40)


@given(_SPACEY)
def test_squeeze_is_the_space_regex(text: str) -> None:
    # Bidi marks are dropped (zero-width, never a word gap), then spaces are squeezed.
    assert squeeze(text) == _SPACE.sub(" ", _BIDI.sub("", text))


@given(
    st.lists(st.text(alphabet="ab.*|()ال ", min_size=1, max_size=4), max_size=6),
    st.text(alphabet="ab.*|()ال ", max_size=30),
)
def test_any_of_is_any_substring(phrases: list[str], text: str) -> None:
    assert (any_of(tuple(phrases)).search(text) is not None) == any(p in text for p in phrases)


@pytest.mark.parametrize(
    "line",
    [
        "اقرأ أيضاً: خبر آخر",
        "«اقرأ أيضا» روابط",
        "بقلم: كاتب",
        "نُشر في 25 يناير 2024",
        "قال الوزير إن",
        "x" * 100,
    ],
)
def test_marker_test_with_a_prefolded_head(line: str) -> None:
    t = tables()
    for markers in (t.boiler_headings, t.bylines, t.label_published):
        assert starts_with_marker(line, markers, fold(line[:80])) == starts_with_marker(line, markers)


# Characters that make the encoding check look closer: harmless punctuation (U+00A0-00BF), a
# "×" close button, Latin-1 letters (garbling when glued to Arabic), mojibake pairs, C1 controls.
_ENCODING_ALPHABET = list("اطظبسلم «»©×\u00a0\u00b0\u00e9") + [
    "\u00d8\u00a7",
    "\u00d9\u201e",
    "\u0081",
    "\ufffd",
    "é ",
]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_ENCODING_ALPHABET), max_size=300).map("".join))
def test_quality_fast_path_agrees_with_the_full_count(text: str) -> None:
    """Where ط/ظ are not overrepresented, the fast path and the full count say the same."""
    ta_za, alef = text.count("ط") + text.count("ظ"), text.count("ا")
    if 7 * ta_za <= 3 * alef:
        assert quality(text).garbled == quality(text, full=True).garbled


def test_quality_sees_garbling_beside_a_harmless_sign() -> None:
    """A "×" close button does not hide mojibake or Arabic glued to Latin-1 letters elsewhere."""
    clean = "ابتسام سلام " * 20 + "×"
    assert not quality(clean).garbled
    assert quality(clean + " \u00d8\u00a7\u00d9\u201e" * 8).garbled
    assert quality(clean + " سé" * 8).garbled


_PIECE = st.text(alphabet=st.sampled_from(list("  \n\tنص")), max_size=50)


@settings(max_examples=200)
@given(st.lists(_PIECE, min_size=1, max_size=6), st.integers(0, 130), st.integers(0, 70))
def test_bounded_text_length_is_the_full_one(pieces: list[str], chars: int, stripped: int) -> None:
    """The early-exit length test answers what measuring the whole text would."""
    from lxml import etree

    root = etree.Element("div")
    root.text = pieces[0]
    for piece in pieces[1:]:
        child = etree.SubElement(root, "span")
        child.text = piece
        child.tail = piece[::-1]
    whole = "".join(root.itertext())
    assert _longer_than(root, chars, stripped) == (len(whole) > chars and len(whole.strip()) > stripped)
