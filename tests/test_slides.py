"""Presentation slides: the Durham deck (pdf 35-41, text in ../shared/seed) and Kent's ICS appendix,
read in place from the shared corpus; and the slide parser on a hand-made page."""

from __future__ import annotations

from packparse.models import Document, Slide
from packparse.pagemodel import Line, Word
from packparse.parsers.slides import parse_slide
from tests import pages
from tests.corpus import extracted, needs_corpus
from tests.pages import words

DURHAM = "durham_cpp_2022-12-16_agenda_pack"
ICS = "kent_cabinet_2025-01-30_ics_measures_appendix"


def _deck(stem: str, first: int) -> Document:
    return next(d for d in extracted(stem).documents if d.kind == "presentation" and d.pdf_pages.first == first)


def _slide(deck: Document, page: int) -> Slide:
    assert deck.slides is not None
    return next(s for s in deck.slides if s.pdf_page == page)


@needs_corpus
def test_durham_deck_has_seven_titled_slides() -> None:
    deck = _deck(DURHAM, 35)
    assert deck.slides is not None
    assert [(s.pdf_page, s.title) for s in deck.slides] == [
        (35, "Children in our Care"),
        (36, "Children in Care: 1,027"),
        (37, "Placements and Placement Stability"),
        (38, "Missing Children"),
        (39, "Care Leavers"),
        (40, "Care Leavers – suitable accommodation"),
        (41, "Care Leavers - Education, Employment or Training"),
    ]
    assert _slide(deck, 35).text_blocks == ["Children Looked After Strategic Partnership", "Q2 2022-23"]


@needs_corpus
def test_durham_slide_tables_are_present_and_typed() -> None:
    deck = _deck(DURHAM, 35)
    assert {s.pdf_page: len(s.tables) for s in deck.slides or []} == {35: 0, 36: 1, 37: 2, 38: 3, 39: 0, 40: 1, 41: 1}
    (lot,) = _slide(deck, 36).tables
    assert lot.header[0] == "LoT in care" and lot.rows[0][:2] == ["No.", "206"]
    assert (lot.values[0][1].kind, lot.values[0][1].value) == ("number", 206.0)
    assert (lot.values[1][1].kind, lot.values[1][1].value, lot.values[1][1].unit) == ("percent", 20.0, "%")
    ages, placements = _slide(deck, 37).tables
    assert ages.header_rows[1] == ["", "No.", "%", "No.", "%"]
    assert [v.period if v else None for v in ages.header_values] == [None, "2019/20", "2022/23 YTD"]
    assert placements.rows[-1][0] == "Total placements" and placements.values[-1][-1].value == 1041.0
    missing = _slide(deck, 38).tables[0]
    latest = missing.values[0][1]
    assert (latest.kind, latest.numerator, latest.denominator) == ("count_fraction", 182.0, 1206.0)
    eet = _slide(deck, 41).tables[0]
    assert eet.rows[-1][0] == "Total" and [v.value if v else None for v in eet.values[-1][1:]] == [
        175.0, 61.0, 109.0, 1.0, 285.0]


@needs_corpus
def test_durham_callouts_with_labels() -> None:
    deck = _deck(DURHAM, 35)
    callouts = {(s.pdf_page, c.text): c for s in deck.slides or [] for c in s.callouts}
    assert callouts[(36, "24")].label == "Unaccompanied Asylum Seeking Children"
    assert callouts[(36, "1,027")].label == "Children in Care"
    assert callouts[(38, "182 of 1206")].label == (
        "looked after children had a missing incident in the last 12 months")
    assert callouts[(38, "559")].label == "missing episodes"
    assert callouts[(39, "285")].label == "Care Leavers aged 17-21"
    assert callouts[(39, "285")].value is not None and callouts[(39, "285")].value.value == 285.0
    # body-size figures are text, not callouts; callout words are not repeated in the blocks
    assert not any(c.text == "97%" for c in callouts.values())
    care_leavers = _slide(deck, 39).text_blocks
    assert "In Touch" in care_leavers and not any("285 Care Leavers" in b for b in care_leavers)


@needs_corpus
def test_slide_text_leaves_table_cells_out() -> None:
    """p37 prints its notes on the same lines as the table rows; the blocks hold only the notes."""
    blocks = _slide(_deck(DURHAM, 35), 37).text_blocks
    assert "A higher proportion of children in Durham are placed in foster placements and in in-house " \
           "provision than in our benchmarks. Both have also increased from 2020/21" in blocks
    assert not any("Foster placement" in b or "9%" in b for b in blocks)


@needs_corpus
def test_kent_ics_deck() -> None:
    """A 16:9 PowerPoint export of table slides: continuation slides have no title, each keeps its table part."""
    deck = next(d for d in extracted(ICS).documents if d.kind == "presentation")
    slides = {s.pdf_page: s for s in deck.slides or []}
    assert slides[4].title == "Shared Delivery Plan- Shared Outcomes"
    assert slides[4].tables[0].header == ["Shared Outcome", "Number"]
    assert slides[5].title == "Proposed Priorities to Improve Health and Wellbeing ~ CYPE"
    assert slides[7].title == "Proposed Priorities to Improve Health and Wellbeing~ Public Health"
    for page in (8, 9, 10, 11):
        assert slides[page].title is None and len(slides[page].tables) == 1, page
    assert slides[3].title == "Overview of the Integrated Care Strategy" and not slides[3].tables
    assert "Support happy and healthy living for all" in slides[3].text_blocks
    # the document's own tables join the Public Health table over pdf 7-11 (no new heading above)
    joined = [t for t in deck.tables if t.pdf_pages is not None]
    assert any((t.pdf_pages.first, t.pdf_pages.last) == (7, 11) for t in joined)


def _words(top: float, size: float, x: float, text: str, bold: bool = False) -> list[Word]:
    return words(text, x, top, size=size, bold=bold)


def test_parse_slide_on_a_hand_made_page() -> None:
    lines = [
        Line(words=_words(20, 28, 30, "Housing Repairs", bold=True)),
        Line(words=_words(120, 48, 30, "1,204") + _words(140, 14, 165, "repairs completed in Q2")),
        Line(words=_words(200, 12, 30, "Most were completed within the target time.")),
        Line(words=_words(215, 12, 30, "Damp and mould cases are tracked separately.")),
        Line(words=_words(300, 12, 30, "Budget £84,922.50 spent to date")),
    ]
    page = pages.page(lines, 5, size=(960, 540))
    slide = parse_slide(page, [])
    assert slide.title == "Housing Repairs"
    (callout,) = slide.callouts
    assert (callout.text, callout.label) == ("1,204", "repairs completed in Q2")
    assert callout.value is not None and callout.value.value == 1204.0
    assert slide.text_blocks == [
        "Most were completed within the target time. Damp and mould cases are tracked separately.",
        "Budget £84,922.50 spent to date",
    ]
