"""The pipeline: an explicit list of stages from a read PDF to a checked `Pack`.

`STAGES` runs in order over one `Run`, the state they hand on. The page stages come first and work on
pages (furniture; OCR of the scanned pages, which then have their furniture found again with the rest);
the document stages follow: front sheet and agenda, split into documents, one parser per document kind
(`packparse.kinds`), the meeting settled from all of them, the pack assembled, ids, checks, redaction.
A stage runs when its `when` holds for the options (OCR only with `ocr`, redaction only with `redact`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from packparse import __version__
from packparse.checks import run_checks
from packparse.classify import classify, looks_like_agenda, title_of
from packparse.documentstore import DocumentStore, read_only
from packparse.furniture import strip_furniture
from packparse.ids import Provenance
from packparse.kinds import KINDS, DocumentInput
from packparse.layout import reading_order
from packparse.lexicon import Conventions
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
from packparse.pagemodel import Line, PageFurniture, RawTable, Section
from packparse.pagerows import PageRows
from packparse.parsers.body import settle_body
from packparse.parsers.continued import join_continued
from packparse.parsers.frontsheet import find_council, parse_agenda_items, parse_meeting
from packparse.parsers.tables import ColumnX, read_tables
from packparse.splitter import find_sections, map_items

if TYPE_CHECKING:  # types only: no import of that stage at run time
    from packparse.pagestore import PageStore
    from packparse.reader import ReadPDF


@dataclass(slots=True)
class Run:
    """What the stages hand on, filled in as they run."""

    read: ReadPDF
    file_name: str
    options: ExtractOptions = field(default_factory=ExtractOptions)
    provenance: Provenance | None = None
    warnings: list[PackWarning] = field(default_factory=list)
    late_warnings: list[PackWarning] = field(default_factory=list)  # added after the checks (OCR's notes)
    pages: list[PageFurniture] = field(default_factory=list)
    tables_by_page: dict[int, list[RawTable]] = field(default_factory=dict)
    conventions: Conventions = field(default_factory=Conventions)  # decided once for the pack
    meeting: Meeting = field(default_factory=Meeting)
    agenda: Agenda = field(default_factory=Agenda)
    front_last: int | None = None  # the last page of the front sheet, when the pack opens with one
    sections: list[Section] = field(default_factory=list)
    documents: list[Document] | DocumentStore = field(default_factory=list)  # a store when the pack is written out
    pack: Pack | None = None
    store: PageStore | None = None  # where the pages' lines are held (all in memory without one)


def _always(_options: ExtractOptions) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    run: Callable[[Run], None]
    pages: bool = False  # a page stage: works on the pages, before any document is formed
    when: Callable[[ExtractOptions], bool] = _always


# -- page stages ------------------------------------------------------------------------------------


def furniture(run: Run) -> None:
    """Every page's furniture found and taken off; the reader's tables by page."""
    run.pages = strip_furniture(run.read.pages, run.store)
    notes = run.read.notes + (run.store.notes if run.store is not None else [])
    run.warnings = [PackWarning(code="reader", message=note) for note in notes]
    run.tables_by_page = {p.pdf_page: p.tables for p in run.read.pages if p.tables}


def ocr(run: Run) -> None:
    """The scanned pages (`image_only`) read by tesseract; when any got text, the furniture of every page
    is found again (running headers are found across pages)."""
    from packparse.ocr import run_ocr

    changed, notes = run_ocr(run.read, [p.pdf_page for p in run.pages if p.kind == "image_only"])
    if changed:
        furniture(run)
    run.late_warnings.extend(notes)


# -- document stages --------------------------------------------------------------------------------


def conventions(run: Run) -> None:
    """How the pack writes dates, decided once from all its pages for every parser."""
    run.conventions = Conventions.of_texts(" ".join(ln.text for ln in p.lines) for p in run.pages if p.lines)


def front_sheet(run: Run) -> None:
    """The meeting and agenda items of a pack that opens with an agenda, mapped onto its pages."""
    pages = run.pages
    if not (pages and looks_like_agenda(pages[:2])):
        return
    front = _agenda_pages(pages)
    run.agenda.items = parse_agenda_items(front)
    run.meeting = parse_meeting(front, run.conventions)
    map_items(run.agenda.items, pages, run.warnings)
    starts = [it.pdf_pages.first for it in run.agenda.items if it.pdf_pages is not None]
    front_last = front[-1].pdf_page
    if starts and min(starts) - 1 < front_last:
        front_last = max(1, min(starts) - 1)
    run.agenda.pdf_pages = PageRange(first=1, last=front_last)
    run.front_last = front_last


def split(run: Run) -> None:
    run.sections = find_sections(run.pages, run.agenda.items, run.read.outline, run.front_last)


def parse_documents(run: Run) -> None:
    """Each section classified, titled and read by its kind's parser, handed to `run.documents` as it is made
    (a `DocumentStore` may write it out of memory at once)."""
    for section in run.sections:
        run.documents.append(_document(section, run.pages, run.tables_by_page, run.conventions,
                                       has_agenda=run.front_last is not None, only_document=len(run.sections) == 1))


def settle_meeting(run: Run) -> None:
    """The meeting completed from the documents (a minutes-only or report-only PDF), the council, the
    bodies as names."""
    _meeting_from_documents(run.meeting, run.documents)
    run.meeting.council = run.meeting.council or find_council(run.pages[:12])
    _settle_bodies(run.meeting, run.documents, run.pages, own_meeting=run.front_last is not None)


def assemble(run: Run) -> None:
    read = run.read
    run.pack = Pack(
        packparse_version=__version__,
        source=Source(file=run.file_name, sha256=read.sha256, pdf_pages=len(read.pages), bytes=read.size,
                      title=read.title, producer=read.producer),
        meeting=run.meeting,
        agenda=run.agenda,
        warnings=run.warnings,
    )
    pages = (_page(p) for p in run.pages)
    # A pack written out (its documents in a store) keeps its pages as rows too: see `pagerows`.
    run.pack.pages = PageRows(pages) if isinstance(run.documents, DocumentStore) else list(pages)  # type: ignore[assignment]
    run.pack.documents = run.documents  # type: ignore[assignment]  # as they are: a list, or a store read as one


def ids(run: Run) -> None:
    """Source metadata and deterministic ids."""
    (run.provenance or Provenance()).apply(_pack(run))


def checks(run: Run) -> None:
    pack = _pack(run)
    run_checks(pack, run.pages)
    pack.warnings.extend(run.late_warnings)
    if isinstance(run.documents, DocumentStore):  # documents held in memory after all: said as the pages' are
        pack.warnings.extend(PackWarning(code="reader", message=note) for note in run.documents.notes)


def redact(run: Run) -> None:
    from packparse.redact import redact_pack

    redact_pack(_pack(run))


STAGES: tuple[Stage, ...] = (
    Stage("furniture", furniture, pages=True),
    Stage("ocr", ocr, pages=True, when=lambda options: options.ocr),
    Stage("conventions", conventions),
    Stage("front_sheet", front_sheet),
    Stage("split", split),
    Stage("parse", parse_documents),
    Stage("meeting", settle_meeting),
    Stage("assemble", assemble),
    Stage("ids", ids),
    Stage("checks", checks),
    Stage("redact", redact, when=lambda options: options.redact),
)


def run_stages(run: Run, stages: tuple[Stage, ...] = STAGES) -> Run:
    """Run `stages` in order over `run` (those whose `when` holds for its options)."""
    for stage in stages:
        if stage.when(run.options):
            stage.run(run)
    return run


def _pack(run: Run) -> Pack:
    if run.pack is None:
        raise RuntimeError("the pack is assembled before this stage runs")
    return run.pack


# -- helpers ----------------------------------------------------------------------------------------


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


def _document(section: Section, pages: list[PageFurniture], tables_by_page: dict[int, list[RawTable]],
              conventions: Conventions, has_agenda: bool, only_document: bool) -> Document:
    doc_pages = [p for p in pages[section.first - 1: section.last] if p.kind != "blank"]
    if doc_pages and doc_pages[0].heading_lines:  # a heading taken off as a running line: this document's own
        first = doc_pages[0]
        doc_pages[0] = replace(first, lines=sorted([*first.heading_lines, *first.lines], key=lambda ln: ln.top))
    is_front = has_agenda and section.first == 1
    kind = classify(doc_pages, agenda_like=is_front, tables=tables_by_page)
    if is_front and not only_document:
        kind = "front_sheet"
    spec = KINDS[kind]
    lines = [ln for p in doc_pages for ln in reading_order(p.lines, p.width)]
    printed = [p.printed_page for p in pages[section.first - 1: section.last] if p.printed_page is not None]
    parts, columns = _tables(doc_pages, tables_by_page)
    doc = Document(
        kind=kind,
        title=(spec.title is not None and spec.title(doc_pages)) or title_of(doc_pages),
        agenda_item=section.agenda_item,
        pdf_pages=PageRange(first=section.first, last=section.last),
        printed_pages=PageRange(first=printed[0], last=printed[-1]) if printed else None,
        text=_text(lines),
        tables=join_continued(parts, _heads(doc_pages, parts), columns=columns,
                              lines={p.pdf_page: p.lines for p in doc_pages}),
        split_by=section.split_by,
    )
    if spec.parse is not None and spec.field is not None:
        parsed = spec.parse(DocumentInput(pages=doc_pages, lines=lines, tables=parts, conventions=conventions))
        setattr(doc, spec.field, parsed)
        if spec.parsed_title is not None and (title := spec.parsed_title(parsed)):
            doc.title = title
    return doc


def _text(lines: list[Line]) -> str:
    return "\n".join(" ".join(ln.text.split()) for ln in lines)


def _tables(doc_pages: list[PageFurniture],
            tables_by_page: dict[int, list[RawTable]]) -> tuple[list[Table], dict[int, ColumnX]]:
    """The document's tables, one per page part, in page order, and each one's column extents (by id)."""
    out: list[Table] = []
    columns: dict[int, ColumnX] = {}
    for page in doc_pages:
        for raw in tables_by_page.get(page.pdf_page, []):
            for table, col_x in read_tables(raw, page.pdf_page):
                out.append(table)
                columns[id(table)] = col_x
    return out, columns


def _heads(doc_pages: list[PageFurniture], tables: list[Table]) -> dict[int, list[str]]:
    """Per page, the text above its first table: a continued table has none, or a repeat of its first page's."""
    tops = {}
    for t in tables:
        if t.bbox is not None:
            tops.setdefault(t.pdf_page, t.bbox.top)
    return {p.pdf_page: [" ".join(ln.text.split()) for ln in p.lines if ln.bottom <= tops[p.pdf_page]]
            for p in doc_pages if p.pdf_page in tops}


def _meeting_from_documents(meeting: Meeting, documents: Sequence[Document]) -> None:
    """A minutes-only or report-only PDF: the meeting its minutes record or its report goes to."""
    if meeting.date is not None or not documents:
        return
    first = documents[0]
    if first.minutes is not None:
        meeting.body = meeting.body or first.minutes.body
        meeting.date = first.minutes.date
        meeting.start_time = meeting.start_time or first.minutes.start_time
        meeting.venue = meeting.venue or first.minutes.venue
    report = next((d.report for d in read_only(documents) if d.report is not None), None)
    if first.minutes is None and report is not None and report.meeting_date is not None:
        meeting.body = meeting.body or report.meeting  # "Meeting: Cabinet  Date: 10 December 2025"
        meeting.date = report.meeting_date


def _settle_bodies(meeting: Meeting, documents: list[Document] | DocumentStore, pages: list[PageFurniture],
                   own_meeting: bool) -> None:
    """Bodies as names: the meeting's (a council's own agenda or minutes falls back to the council) and each
    set of minutes'."""
    first = next((p for p in pages if p.lines), None)
    opening = first.lines if first is not None else []
    own = own_meeting or bool(documents and documents[0].kind in ("agenda", "minutes", "front_sheet"))
    meeting.body = settle_body(meeting.body, opening, meeting.council, meeting=own)
    for i, doc in enumerate(read_only(documents)):
        if doc.minutes is not None:
            start = pages[doc.pdf_pages.first - 1].lines
            doc.minutes.body = settle_body(doc.minutes.body, start, meeting.council) or meeting.body
            documents[i] = doc  # a stored document read back is a copy


def _page(page: PageFurniture) -> Page:
    return Page(pdf_page=page.pdf_page, printed_page=page.printed_page, kind=page.kind,
                width=round(page.width, 1), height=round(page.height, 1),
                agenda_item_stamp=page.stamp, needs_ocr=page.kind == "image_only")
