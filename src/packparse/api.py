"""The Python API: `extract(path) -> Pack`. The CLI is a thin layer over this.

Pipeline: read pages once (`reader`) -> page furniture (`furniture`) -> front sheet and agenda
(`parsers.frontsheet`) -> split into documents (`splitter`) -> one parser per document kind
(`parsers.*`) -> cross-checks (`checks`) -> a validated `Pack`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from packparse import __version__
from packparse.checks import run_checks
from packparse.classify import classify, looks_like_agenda, question_title, title_of
from packparse.furniture import strip_furniture
from packparse.gcpolicy import fewer_collections
from packparse.ids import Provenance
from packparse.layout import reading_order
from packparse.models import (
    Agenda,
    Document,
    Meeting,
    Pack,
    PackWarning,
    Page,
    PageRange,
    Source,
    Table,
)
from packparse.options import ExtractOptions
from packparse.pagemodel import Line, PageFurniture, Section
from packparse.parsers.body import settle_body
from packparse.parsers.frontsheet import find_council, parse_agenda_items, parse_meeting
from packparse.parsers.minutes import parse_minutes
from packparse.parsers.report import parse_report
from packparse.parsers.slides import parse_slides
from packparse.parsers.tables import join_continued, to_table
from packparse.reader import ReadPDF, read_pdf
from packparse.splitter import find_sections, map_items


@dataclass(slots=True)
class Analysis:
    """A parsed pack together with the per-page evidence behind it (for `packparse inspect`)."""

    pack: Pack
    pages: list[PageFurniture]
    read: ReadPDF


def extract(path: str | os.PathLike[str], password: str | None = None, *, options: ExtractOptions | None = None,
            source_url: str | None = None, meeting_id: str | None = None, retrieved: str | None = None,
            timezone: str | None = None, max_pages: int | None = None, ocr: bool | None = None,
            redact: bool | None = None, reader: str | None = None) -> Pack:
    """Parse one agenda pack (or any council PDF) into a validated `Pack`.

    `options` (`packparse.options.ExtractOptions`) holds every per-file option; the keyword arguments are
    the same options one by one, and those given (not None) override `options`. They record what the PDF
    does not say: where it was published (`source_url`), when it was fetched (`retrieved`, ISO date or
    date-time), the caller's own meeting id (replacing the derived one in every id) and the IANA time zone
    of the meeting (default Europe/London). `max_pages` (default 5000) refuses longer files, `ocr` reads
    scanned pages with tesseract (when installed), `redact` replaces e-mail addresses and phone numbers in
    every text field, `reader` picks the engine that reads the pages ("pdfium", the default, or
    "pdfplumber"). The time and memory limits of `options` apply only through
    `packparse.limits.run_limited` (the CLI); here the parse runs in-process.

    Raises `packparse.errors.PackparseError` (with an exit code) for input that cannot be read, and
    ValueError for a bad `retrieved` or `timezone`.
    """
    opts = (options or ExtractOptions()).with_overrides(
        password=password, source_url=source_url, meeting_id=meeting_id, retrieved=retrieved, timezone=timezone,
        max_pages=max_pages, ocr=ocr, redact=redact, reader=reader)
    return analyse(path, options=opts).pack


def analyse(path: str | os.PathLike[str], password: str | None = None, *, options: ExtractOptions | None = None,
            provenance: Provenance | None = None, max_pages: int | None = None, ocr: bool | None = None,
            redact: bool | None = None, reader: str | None = None) -> Analysis:
    """Like `extract`, keeping the pages with their furniture and lines (`provenance` as given, unchecked)."""
    opts = (options or ExtractOptions()).with_overrides(password=password, max_pages=max_pages, ocr=ocr,
                                                         redact=redact, reader=reader)
    provenance = provenance if provenance is not None else opts.provenance()
    with fewer_collections():
        read = read_pdf(path, password=opts.password, max_pages=opts.max_pages, reader=opts.reader)
        pack, pages = build_pack(read, Path(path).name, provenance)
    if opts.ocr:  # scanned pages get text, then everything after reading runs again on it
        from packparse.ocr import run_ocr

        changed, notes = run_ocr(read, [p.pdf_page for p in pack.pages if p.needs_ocr], opts.password)
        if changed:
            pack, pages = build_pack(read, Path(path).name, provenance)
        pack.warnings.extend(notes)
    if opts.redact:
        from packparse.redact import redact_pack

        redact_pack(pack)
    return Analysis(pack=pack, pages=pages, read=read)


def build_pack(read: ReadPDF, file_name: str,
               provenance: Provenance | None = None) -> tuple[Pack, list[PageFurniture]]:
    """Everything after reading: furniture, splitting, parsing, ids and checks."""
    warnings = [PackWarning(code="reader", message=note) for note in read.notes]
    pages = strip_furniture(read.pages)
    tables_by_page = {p.pdf_page: p.tables for p in read.pages if p.tables}

    meeting, agenda = Meeting(), Agenda()
    front_last: int | None = None
    if pages and looks_like_agenda(pages[:2]):
        front = _agenda_pages(pages)
        agenda.items = parse_agenda_items(front)
        meeting = parse_meeting(front)
        map_items(agenda.items, pages, warnings)
        starts = [it.pdf_pages.first for it in agenda.items if it.pdf_pages is not None]
        front_last = front[-1].pdf_page
        if starts and min(starts) - 1 < front_last:
            front_last = max(1, min(starts) - 1)
        agenda.pdf_pages = PageRange(first=1, last=front_last)

    sections = find_sections(pages, agenda.items, read.outline, front_last)
    documents = [
        _document(section, pages, tables_by_page, has_agenda=front_last is not None,
                  only_document=len(sections) == 1)
        for section in sections
    ]
    _meeting_from_documents(meeting, documents)
    meeting.council = meeting.council or find_council(pages[:12])
    _settle_bodies(meeting, documents, pages, own_meeting=front_last is not None)

    pack = Pack(
        packparse_version=__version__,
        source=Source(file=file_name, sha256=read.sha256, pdf_pages=len(read.pages), bytes=read.size,
                      title=read.title, producer=read.producer),
        meeting=meeting,
        agenda=agenda,
        documents=documents,
        pages=[_page(p) for p in pages],
        warnings=warnings,
    )
    (provenance or Provenance()).apply(pack)  # source metadata and deterministic ids
    run_checks(pack, pages)
    return pack, pages


def _agenda_pages(pages: list[PageFurniture]) -> list[PageFurniture]:
    """The leading pages of the agenda: up to a stamped page, a blank page or another document."""
    out: list[PageFurniture] = []
    for page in pages:
        if out and (page.stamp is not None or page.kind not in ("content", "blank")):
            break
        if out and page.has_pack_stamp and page.printed_page == 1 and not out[-1].has_pack_stamp:
            break
        if page.kind == "content":
            out.append(page)
    return out


def _document(section: Section, pages: list[PageFurniture], tables_by_page: dict[int, list],
              has_agenda: bool, only_document: bool) -> Document:
    doc_pages = [p for p in pages[section.first - 1: section.last] if p.kind != "blank"]
    if doc_pages and doc_pages[0].heading_lines:  # a heading taken off as a running line: this document's own
        first = doc_pages[0]
        doc_pages[0] = replace(first, lines=sorted([*first.heading_lines, *first.lines], key=lambda ln: ln.top))
    is_front = has_agenda and section.first == 1
    kind = classify(doc_pages, agenda_like=is_front, tables=tables_by_page)
    if is_front and not only_document:
        kind = "front_sheet"
    lines = [ln for p in doc_pages for ln in reading_order(p.lines, p.width)]
    printed = [p.printed_page for p in pages[section.first - 1: section.last] if p.printed_page is not None]
    parts = _tables(doc_pages, tables_by_page)
    doc = Document(
        kind=kind,
        title=(kind == "questions" and question_title(doc_pages)) or title_of(doc_pages),
        agenda_item=section.agenda_item,
        pdf_pages=PageRange(first=section.first, last=section.last),
        printed_pages=PageRange(first=printed[0], last=printed[-1]) if printed else None,
        text=_text(lines),
        tables=join_continued(parts, _heads(doc_pages, parts)),
        split_by=section.split_by,
    )
    if kind == "minutes":
        doc.minutes = parse_minutes(lines)
    elif kind == "report":
        doc.report = parse_report(lines)
        if doc.report.title:
            doc.title = doc.report.title
    elif kind == "presentation":
        doc.slides = parse_slides(doc_pages, parts)  # each slide keeps its own part of a continued table
    return doc


def _text(lines: list[Line]) -> str:
    return "\n".join(" ".join(ln.text.split()) for ln in lines)


def _tables(doc_pages: list[PageFurniture], tables_by_page: dict[int, list]) -> list[Table]:
    """The document's tables, one per page part, in page order."""
    out: list[Table] = []
    for page in doc_pages:
        for raw in tables_by_page.get(page.pdf_page, []):
            table = to_table(raw, page.pdf_page)
            if table is not None:
                out.append(table)
    return out


def _heads(doc_pages: list[PageFurniture], tables: list[Table]) -> dict[int, list[str]]:
    """Per page, the text above its first table: a continued table has none, or a repeat of its first page's."""
    tops = {}
    for t in tables:
        if t.bbox is not None:
            tops.setdefault(t.pdf_page, t.bbox.top)
    return {p.pdf_page: [" ".join(ln.text.split()) for ln in p.lines if ln.bottom <= tops[p.pdf_page]]
            for p in doc_pages if p.pdf_page in tops}


def _meeting_from_documents(meeting: Meeting, documents: list[Document]) -> None:
    """A minutes-only or report-only PDF: the meeting its minutes record or its report goes to."""
    if meeting.date is not None or not documents:
        return
    first = documents[0]
    if first.minutes is not None:
        meeting.body = meeting.body or first.minutes.body
        meeting.date = first.minutes.date
        meeting.start_time = meeting.start_time or first.minutes.start_time
        meeting.venue = meeting.venue or first.minutes.venue
    report = next((d.report for d in documents if d.report is not None), None)
    if first.minutes is None and report is not None and report.meeting_date is not None:
        meeting.body = meeting.body or report.meeting  # "Meeting: Cabinet  Date: 10 December 2025"
        meeting.date = report.meeting_date


def _settle_bodies(meeting: Meeting, documents: list[Document], pages: list[PageFurniture],
                   own_meeting: bool) -> None:
    """Bodies as names: the meeting's (a council's own agenda or minutes falls back to the council) and each
    set of minutes'."""
    first = next((p for p in pages if p.lines), None)
    opening = first.lines if first is not None else []
    own = own_meeting or bool(documents and documents[0].kind in ("agenda", "minutes", "front_sheet"))
    meeting.body = settle_body(meeting.body, opening, meeting.council, meeting=own)
    for doc in documents:
        if doc.minutes is not None:
            start = pages[doc.pdf_pages.first - 1].lines
            doc.minutes.body = settle_body(doc.minutes.body, start, meeting.council) or meeting.body


def _page(page: PageFurniture) -> Page:
    return Page(pdf_page=page.pdf_page, printed_page=page.printed_page, kind=page.kind,
                width=round(page.width, 1), height=round(page.height, 1),
                agenda_item_stamp=page.stamp, needs_ocr=page.kind == "image_only")
