"""Splitting rules on hand-made pages: a form filled in again opens a document per sheet, while sheets
that only share their place on the page (a report's section headings, body text) never do."""

from __future__ import annotations

from packparse.models import AgendaItem, PackWarning, PageRange
from packparse.pagemodel import OutlineEntry, PageFurniture
from packparse.splitter import find_sections, map_items, printed_to_pdf
from tests.pages import line, page


def _page(n: int, head: list[tuple[str, float]], body: int = 30) -> PageFurniture:
    """A page opening with `head` (text, size) lines, then `body` lines of 10 pt text."""
    lines, top = [], 60.0
    for text, size in head:
        lines.append(line(text, top=top, size=size, page=n))
        top += size * 1.6
    for i in range(body):
        lines.append(line(f"Body text line {i} of page {n} goes on for a while", top=top, size=10.0, page=n))
        top += 14
    return page(lines, n)


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


# ---------------------------------------------------------------------------------------------------
# Each rule that opens a document


def _plain(n: int, **kw: object) -> PageFurniture:
    """A page of body text only (no heading), with furniture fields set by `kw`."""
    p = _page(n, [])
    for key, value in kw.items():
        setattr(p, key, value)
    return p


def _split(pages: list[PageFurniture], items: list[AgendaItem] | None = None,
           outline: list[OutlineEntry] | None = None, front_last: int | None = None) -> list[tuple[int, int, str]]:
    return [(s.first, s.last, s.split_by) for s in find_sections(pages, items or [], outline or [], front_last)]


def test_a_stamp_opens_a_document_and_names_its_item() -> None:
    pages = [_plain(1), _plain(2), _plain(3, stamp="4"), _plain(4)]
    sections = find_sections(pages, [], [], None)
    assert [(s.first, s.split_by, s.agenda_item) for s in sections] == [(1, "first_page", None), (3, "stamp", "4")]


def test_restricted_stubs_stand_alone() -> None:
    pages = [_plain(1), _plain(2, kind="restricted"), _plain(3)]
    assert _split(pages) == [(1, 1, "first_page"), (2, 2, "restricted"), (3, 3, "restricted")]


def test_a_blank_page_pads_a_document_unless_its_numbering_goes_on() -> None:
    pages = [_plain(1), _plain(2, kind="blank"), _plain(3)]
    assert _split(pages) == [(1, 1, "first_page"), (3, 3, "blank_padding")]
    numbered = [_plain(1, printed_page=1), _plain(2, kind="blank"), _plain(3, printed_page=3)]
    assert _split(numbered) == [(1, 3, "first_page")]


def test_page_numbers_that_start_again_or_end() -> None:
    restart = [_plain(1, printed_page=1), _plain(2, printed_page=2), _plain(3, printed_page=1)]
    assert _split(restart) == [(1, 2, "first_page"), (3, 3, "page_numbers")]
    ended = [_plain(1, printed_page=1, own_total=2), _plain(2, printed_page=2, own_total=2), _plain(3)]
    assert _split(ended) == [(1, 2, "first_page"), (3, 3, "page_numbers")]


def test_an_appendix_bookmark_at_the_item_level() -> None:
    pages = [_plain(n) for n in range(1, 5)]
    outline = [OutlineEntry("Item 4 report", 1, 1), OutlineEntry("Report", 1, 2), OutlineEntry("Appendix A", 3, 2)]
    assert _split(pages, outline=outline) == [(1, 2, "first_page"), (3, 4, "bookmark")]
    deeper = [*outline[:2], OutlineEntry("Appendix A", 3, 3), OutlineEntry("Section", 2, 2)]
    assert _split(pages, outline=deeper) == [(1, 4, "first_page")]  # an appendix inside a document


def test_a_repeated_heading_and_a_minutes_opening() -> None:
    notices = [_page(n, [("NOTICE OF DECISION", 16.0)]) for n in (1, 2)]
    assert _split(notices) == [(1, 1, "first_page"), (2, 2, "repeated_heading")]
    minutes = [_plain(1), _page(2, [("Minutes of a meeting of the Planning Committee", 10.0)])]
    assert _split(minutes) == [(1, 1, "first_page"), (2, 2, "minutes_opening")]


def test_agenda_ranges_and_the_front_sheet() -> None:
    pages = [_plain(n) for n in range(1, 7)]
    items = [AgendaItem(number="3", title="Budget", pdf_pages=PageRange(first=3, last=4)),
             AgendaItem(number="4", title="Plan", pdf_pages=PageRange(first=5, last=6))]
    sections = find_sections(pages, items, [], front_last=1)
    assert [(s.first, s.last, s.split_by, s.agenda_item) for s in sections] == [
        (1, 1, "first_page", None), (2, 2, "front_sheet_end", None), (3, 4, "agenda_range", "3"),
        (5, 6, "agenda_range", "4")]


def test_printed_page_numbers_map_items_onto_pdf_pages() -> None:
    pages = [_plain(1), _plain(2, printed_page=1), _plain(3), _plain(4, printed_page=3), _plain(5, printed_page=4)]
    assert printed_to_pdf(pages) == {1: 2, 2: 3, 3: 4, 4: 5}  # the unnumbered page between gets its number
    items = [AgendaItem(number="1", title="A", printed_pages=PageRange(first=1, last=2)),
             AgendaItem(number="2", title="B", printed_pages=PageRange(first=4, last=9)),
             AgendaItem(number="3", title="C", printed_pages=PageRange(first=40, last=41))]
    warnings: list[PackWarning] = []
    map_items(items, pages, warnings)
    assert [it.pdf_pages for it in items] == [PageRange(first=2, last=3), PageRange(first=5, last=5), None]
    assert [w.code for w in warnings] == ["item_truncated", "item_not_in_pdf"]
