"""The output model: every JSON path packparse writes is defined here and only here.

The names follow `shared/docs/output-contract.md`; anything added beside the contract is optional
so that older consumers keep working. `schemas/` is generated from these classes (`packparse schema`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0.0"

DocumentKind = Literal[
    "front_sheet",
    "agenda",
    "minutes",
    "report",
    "appendix",
    "presentation",
    "table",
    "exempt_stub",
    "letter",
    "questions",
    "other",
]
PageKind = Literal["content", "blank", "restricted", "image_only"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PageRange(Model):
    """An inclusive range of pages."""

    first: int
    last: int

    def __contains__(self, page: int) -> bool:
        return self.first <= page <= self.last

    def pages(self) -> range:
        return range(self.first, self.last + 1)


class BBox(Model):
    """A box on a page in PDF points, origin top-left (pdfplumber's convention)."""

    x0: float
    top: float
    x1: float
    bottom: float


class Person(Model):
    name: str = Field(description="As printed, e.g. 'Councillor M Simmons'.")
    role: str | None = Field(default=None, description="e.g. 'Chair', 'Head of Legal Services'.")
    pdf_page: int | None = None


class Contact(Model):
    name: str | None = None
    role: str | None = None
    phone: str | None = None
    email: str | None = None
    pdf_page: int | None = None


class Source(Model):
    file: str = Field(description="File name of the PDF, no directories.")
    sha256: str
    pdf_pages: int
    bytes: int
    title: str | None = Field(default=None, description="The PDF's own Title metadata.")
    producer: str | None = None


class Meeting(Model):
    council: str | None = None
    body: str | None = None
    date: str | None = Field(default=None, description="ISO YYYY-MM-DD.")
    start_time: str | None = Field(default=None, description="24-hour HH:MM.")
    venue: str | None = None
    date_of_issue: str | None = None
    signatory: Person | None = None
    members: list[Person] = Field(default_factory=list)
    contact: Contact | None = None
    pdf_page: int | None = Field(default=None, description="Page the meeting details were read from.")


class AgendaItem(Model):
    number: str = Field(description="As printed, no trailing '.'.")
    title: str
    presenter: str | None = None
    printed_pages: PageRange | None = None
    pdf_pages: PageRange | None = Field(
        default=None, description="Where the item's documents physically are in this PDF."
    )
    exempt: bool = False
    part: str | None = Field(default=None, description="'A' (open) or 'B' (exempt) where printed.")
    exempt_paragraphs: list[str] = Field(
        default_factory=list, description="Schedule 12A paragraph numbers printed for the item."
    )
    pdf_page: int | None = Field(default=None, description="Page of the agenda listing the item.")
    bbox: BBox | None = None


class Agenda(Model):
    items: list[AgendaItem] = Field(default_factory=list)
    pdf_pages: PageRange | None = None


class Table(Model):
    pdf_page: int
    pdf_pages: PageRange | None = None
    bbox: BBox | None = None
    header: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)
    n_cols: int = 0
    method: str = Field(default="lines", description="How the table was found.")


class Attendance(Model):
    present: list[Person] = Field(default_factory=list)
    chair: Person | None = None
    apologies: list[Person] = Field(default_factory=list)
    substitutes: list[Person] = Field(default_factory=list)
    also_present: list[Person] = Field(default_factory=list)


class MinuteItem(Model):
    number: str
    title: str
    text: str = ""
    resolutions: list[str] = Field(default_factory=list)
    pdf_page: int | None = None


class Minutes(Model):
    body: str | None = None
    date: str | None = None
    start_time: str | None = None
    venue: str | None = None
    attendance: Attendance = Field(default_factory=Attendance)
    items: list[MinuteItem] = Field(default_factory=list)


class Paragraph(Model):
    number: str | None = None
    text: str
    pdf_page: int | None = None


class Report(Model):
    title: str | None = None
    report_of: str | None = None
    divisions_affected: str | None = None
    recommendations: list[str] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    author: Person | None = None
    contact: Contact | None = None


class Document(Model):
    kind: DocumentKind
    title: str | None = None
    agenda_item: str | None = None
    pdf_pages: PageRange
    printed_pages: PageRange | None = None
    text: str = ""
    tables: list[Table] = Field(default_factory=list)
    minutes: Minutes | None = None
    report: Report | None = None
    split_by: str = Field(default="layout", description="Which evidence opened this document.")


class Page(Model):
    pdf_page: int
    printed_page: int | None = None
    kind: PageKind = "content"
    width: float = 0
    height: float = 0
    agenda_item_stamp: str | None = Field(
        default=None, description="The 'Agenda Item N' stamp printed on the page."
    )
    needs_ocr: bool = False


class PackWarning(Model):
    code: str
    message: str
    pdf_page: int | None = None


class Pack(Model):
    """One PDF, parsed."""

    schema_version: str = SCHEMA_VERSION
    packparse_version: str = ""
    source: Source
    meeting: Meeting = Field(default_factory=Meeting)
    agenda: Agenda = Field(default_factory=Agenda)
    documents: list[Document] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)
    warnings: list[PackWarning] = Field(default_factory=list)
