"""Splitting rules on hand-made pages: a form filled in again opens a document per sheet, while sheets
that only share their place on the page (a report's section headings, body text) never do."""

from __future__ import annotations

from packparse.furniture import PageFurniture
from packparse.layout import Line, Word
from packparse.splitter import find_sections


def _line(top: float, text: str, size: float) -> Line:
    words, x = [], 72.0
    for w in text.split():
        words.append(Word(w, x, top, x + 0.5 * size * len(w), top + size, fontname="Arial", size=size))
        x += 0.5 * size * len(w) + 0.25 * size
    return Line(words=words, pdf_page=0)


def _page(n: int, head: list[tuple[str, float]], body: int = 30) -> PageFurniture:
    """A page opening with `head` (text, size) lines, then `body` lines of 10 pt text."""
    lines, top = [], 60.0
    for text, size in head:
        lines.append(_line(top, text, size))
        top += size * 1.6
    for i in range(body):
        lines.append(_line(top, f"Body text line {i} of page {n} goes on for a while", 10.0))
        top += 14
    for ln in lines:
        ln.pdf_page = n
    return PageFurniture(pdf_page=n, width=595, height=842, lines=lines)


def _starts(pages: list[PageFurniture]) -> list[tuple[int, str]]:
    return [(s.first, s.split_by) for s in find_sections(pages, [], [], None)]


NOTICE = [("NOTICE OF POLL", 24.0), ("Borough of Anyshire", 14.0), ("Election of a Councillor for", 24.0)]


def test_a_form_filled_in_again_opens_a_document_per_sheet() -> None:
    pages = [_page(i + 1, [*NOTICE, (ward, 14.0)]) for i, ward in enumerate(["Abbey", "Bridge", "Castle"])]
    assert _starts(pages) == [(1, "first_page"), (2, "repeated_form"), (3, "repeated_form")]


def test_the_same_opening_lines_word_for_word_are_the_forms_next_sheet() -> None:
    head = [*NOTICE, ("Abbey", 14.0), ("The following persons have been nominated:", 10.0)]
    pages = [_page(1, head), _page(2, head)]
    assert _starts(pages) == [(1, "first_page")]
    # the same big heading over a different opening is another document of the same kind
    assert _starts([_page(1, head), _page(2, NOTICE[:1])]) == [(1, "first_page"), (2, "repeated_heading")]


def test_section_headings_in_the_same_place_do_not_split_a_report() -> None:
    first = _page(1, [("Report to Cabinet", 16.0), ("Highways Plan 2025", 16.0), ("1. Summary", 12.0)])
    later = [_page(n, [(f"{n}. Section {n}", 12.0)]) for n in range(2, 5)]
    two_headings = _page(5, [("5. Finance", 12.0), ("5.1 Revenue", 12.0)])
    assert _starts([first, *later, two_headings]) == [(1, "first_page")]


def test_a_running_heading_back_after_a_gap_is_kept_aside_for_the_document_there() -> None:
    from packparse.furniture import strip_furniture
    from packparse.layout import PageContent

    def content(n: int, with_title: bool) -> PageContent:
        head = [("RECORD OF DECISION", 12.0)] if with_title else [("Appendix table", 12.0)]
        page = _page(n, head, body=20)
        return PageContent(pdf_page=n, width=page.width, height=page.height, lines=page.lines)

    pages = strip_furniture([content(n, n in (1, 2, 3, 6, 7)) for n in range(1, 8)])
    texts = [[ln.text for ln in p.lines[:1]] for p in pages]
    assert texts[0] == ["RECORD OF DECISION"]  # where it first appears it stays
    assert all(t != ["RECORD OF DECISION"] for t in texts[1:])  # elsewhere it is taken off, and kept aside
    # only where it comes back after two pages without it (page 6; page 7 merely continues the run)
    assert [[ln.text for ln in p.heading_lines] for p in pages] == [[], [], [], [], [], ["RECORD OF DECISION"], []]
