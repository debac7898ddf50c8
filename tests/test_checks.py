"""The pack's cross-checks (`packparse.checks`), each on a hand-made pack: what warns and what stays quiet."""

from __future__ import annotations

from packparse.checks import run_checks
from packparse.models import (
    Agenda,
    AgendaItem,
    Document,
    Meeting,
    Minutes,
    Pack,
    Page,
    PageRange,
    Source,
)
from packparse.pagemodel import PageFurniture
from tests.pages import line, page


def _pack(n_pages: int = 6, *, items: list[AgendaItem] | None = None, documents: list[Document] | None = None,
          meeting: Meeting | None = None, printed: dict[int, int] | None = None,
          kinds: dict[int, str] | None = None) -> Pack:
    printed, kinds = printed or {}, kinds or {}
    return Pack(
        source=Source(file="x.pdf", sha256="0" * 64, pdf_pages=n_pages, bytes=1000),
        meeting=meeting or Meeting(date="2025-01-30", body="Cabinet"),
        agenda=Agenda(items=items or [], pdf_pages=PageRange(first=1, last=1)),
        documents=documents or [Document(kind="agenda", pdf_pages=PageRange(first=1, last=n_pages))],
        pages=[Page(pdf_page=p, printed_page=printed.get(p), kind=kinds.get(p, "content"),
                    needs_ocr=kinds.get(p) == "image_only") for p in range(1, n_pages + 1)],
    )


def _pages(n: int = 6, stamps: dict[int, str] | None = None, kinds: dict[int, str] | None = None,
           texts: dict[int, list[str]] | None = None) -> list[PageFurniture]:
    stamps, kinds, texts = stamps or {}, kinds or {}, texts or {}
    return [page([line(t, top=80 + 14 * k, page=p) for k, t in enumerate(texts.get(p, ["Some text"]))], p,
                 stamp=stamps.get(p), kind=kinds.get(p, "content")) for p in range(1, n + 1)]


def _item(number: str, printed: tuple[int, int] | None = None, pdf: tuple[int, int] | None = None,
          exempt: bool = False) -> AgendaItem:
    return AgendaItem(number=number, title=f"Item {number}", exempt=exempt,
                      printed_pages=PageRange(first=printed[0], last=printed[1]) if printed else None,
                      pdf_pages=PageRange(first=pdf[0], last=pdf[1]) if pdf else None)


def _codes(pack: Pack, pages: list[PageFurniture] | None = None) -> list[str]:
    run_checks(pack, pages if pages is not None else _pages(len(pack.pages)))
    return [w.code for w in pack.warnings]


def test_a_clean_pack_has_no_warnings() -> None:
    items = [_item("1", (1, 2), (2, 3)), _item("2", (3, 4), (4, 5))]
    assert _codes(_pack(items=items, printed={2: 1, 3: 2, 4: 3, 5: 4})) == []


def test_agenda_ranges_that_overlap_leave_a_gap_or_run_backwards() -> None:
    assert "ranges_overlap" in _codes(_pack(items=[_item("1", (1, 3)), _item("2", (3, 4))]))
    assert "ranges_gap" in _codes(_pack(items=[_item("1", (1, 2)), _item("2", (5, 6))]))
    assert "range_reversed" in _codes(_pack(items=[_item("1", (4, 2))]))


def test_a_range_printed_on_another_pdf_page() -> None:
    pack = _pack(items=[_item("1", (5, 6), (2, 3))], printed={3: 5})
    assert _codes(pack) == ["range_mismatch"]


def test_stamps_that_disagree_with_the_agenda() -> None:
    items = [_item("1", pdf=(2, 3)), _item("2", pdf=(4, 5))]
    codes = _codes(_pack(items=items), _pages(stamps={2: "1", 4: "3"}))
    assert codes == ["stamp_mismatch"]
    codes = _codes(_pack(items=items), _pages(stamps={2: "1"}))
    assert codes == ["document_start_unstamped"]  # item 2's page carries no stamp while others do


def test_an_exempt_item_with_content_and_a_stub_with_more_than_its_notice() -> None:
    items = [_item("5", pdf=(4, 5), exempt=True)]
    notice = ["Document is Restricted", "By virtue of paragraph(s) 3 of Part 1 of Schedule 12A",
              "of the Local Government Act 1972."]
    quiet = _pages(kinds={4: "restricted", 5: "restricted"}, texts={4: notice, 5: notice})
    assert _codes(_pack(items=items), quiet) == []
    leak = _pages(kinds={4: "restricted"}, texts={4: notice})
    assert _codes(_pack(items=items), leak) == ["exempt_content"]  # the item's page 5 has content
    leaked = _pages(kinds={4: "restricted", 5: "restricted"},
                    texts={4: notice, 5: [*notice, "The tender prices were as follows"]})
    pack = _pack(items=items)
    assert _codes(pack, leaked) == ["exempt_content"] and pack.warnings[0].pdf_page == 5


def test_minutes_dated_after_the_meeting() -> None:
    docs = [Document(kind="minutes", pdf_pages=PageRange(first=2, last=3), minutes=Minutes(date="2025-02-14"))]
    assert _codes(_pack(documents=docs)) == ["minutes_after_meeting"]
    docs[0].minutes = Minutes(date="2024-12-12")
    assert _codes(_pack(documents=docs)) == []


def test_scanned_pages_and_why_the_meeting_is_missing() -> None:
    pack = _pack(meeting=Meeting(), kinds={3: "image_only"})
    assert _codes(pack) == ["image_only_pages", "no_meeting_date", "no_meeting_body"]
    assert "--ocr" in pack.warnings[1].message
    report_only = _pack(meeting=Meeting(), documents=[Document(kind="report", pdf_pages=PageRange(first=1, last=6))])
    run_checks(report_only, _pages())
    assert [w.code for w in report_only.warnings] == ["no_meeting_date", "no_meeting_body"]
    assert "not an agenda or minutes" in report_only.warnings[0].message
    blank = _pack(meeting=Meeting(), kinds={p: "blank" for p in range(1, 7)})
    assert _codes(blank) == []  # nothing to read: nothing to say
