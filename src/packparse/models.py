"""The output model: every JSON path packparse writes is defined here and only here.

The names follow `shared/docs/output-contract.md`; anything added beside the contract is optional
so that older consumers keep working. `schemas/` is generated from these classes (`packparse schema`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

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
    id: str | None = Field(default=None, description=(
        "Deterministic id of this mention: '<document or meeting id>/person/<name slug>[-n]' (README: Ids)."))
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
    url: str | None = Field(default=None, description="Where the PDF was published (given with --source-url).")
    retrieved: str | None = Field(
        default=None, description="When it was fetched: ISO date or date-time (given with --retrieved).")
    meeting_id: str | None = Field(
        default=None, description="The caller's meeting id (--meeting-id), which replaces the derived one.")


class Meeting(Model):
    id: str | None = Field(default=None, description=(
        "Deterministic id: '<council slug>/<body slug>/<date>' (sha256[:12] without a date), or --meeting-id."))
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
    timezone: str = Field(default="Europe/London", description=(
        "IANA time zone of date and start_time (--timezone); used for UTC offsets in the OCD and OParl exports."))
    timezone_source: str | None = Field(default=None, description=(
        "How `timezone` was chosen: 'given (--timezone)', or 'guessed from ...' naming what the document "
        "prints (a US state, US-style dates, UK-style dates), or 'default' when it prints nothing that tells."))


class AgendaItem(Model):
    id: str | None = Field(default=None, description="Deterministic id: '<meeting id>/item/<number>[-n]'.")
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
    level: int = Field(default=1, description="Nesting depth: 1 for '4', 2 for '4.1', 'D1' or '(a)' under '5'.")
    parent: str | None = Field(
        default=None, description="Number of the listed item this one is nested under ('4' for '4.1')."
    )
    section: str | None = Field(
        default=None, description="The heading the item is listed under ('CONSENT CALENDAR'), as printed."
    )


class Agenda(Model):
    items: list[AgendaItem] = Field(default_factory=list)
    pdf_pages: PageRange | None = None


CellKind = Literal["number", "percent", "currency", "count_fraction", "number_count", "period", "status", "text"]


class CellValue(Model):
    """The typed reading of one table cell; the cell's string stays in `Table.rows` as printed."""

    kind: CellKind = Field(description=(
        "number, percent, currency; count_fraction ('182 of 1206'); number_count (a figure with a bracketed "
        "count, '82.9 [833]'); period ('2021/22', 'Q2 2022/23'); status (a marker such as 'N/A'); text "
        "(figures mixed with words, no single value)."))
    value: float | None = Field(default=None, description="The leading figure: 12 for '12% [126/1030]'.")
    unit: str | None = Field(default=None, description="'%', or a currency code ('GBP', 'USD', 'EUR').")
    numerator: float | None = None
    denominator: float | None = None
    count: float | None = Field(default=None, description="A bracketed count: 833 in '82.9 [833]'.")
    status: str | None = Field(default=None, description=(
        "Normalised marker: 'N/A', 'NND', 'TBC', 'Data not available', 'Reported annually', 'empty' ..."))
    period: str | None = Field(default=None, description="A period the cell is or refers to: '2021/22'.")

    # No return annotation: one would replace this model's JSON Schema with a bare object.
    @model_serializer(mode="wrap")
    def _drop_nulls(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        """Leave out unset fields: a pack holds thousands of cells, most with one or two fields set."""
        return {k: v for k, v in handler(self).items() if v is not None}


class Table(Model):
    pdf_page: int
    pdf_pages: PageRange | None = None
    bbox: BBox | None = None
    header: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)
    n_cols: int = 0
    method: str = Field(default="lines", description="How the table was found.")
    header_rows: list[list[str]] = Field(default_factory=list, description=(
        "Every header row, n_cols wide: a cell spanning columns keeps its text in its first column and '' "
        "in the rest (so `header_rows[0]` is `header` aligned to the columns)."))
    header_values: list[CellValue | None] = Field(
        default_factory=list, description="Typed `header` cells (periods such as '2021/22'), parallel to `header`.")
    values: list[list[CellValue | None]] = Field(
        default_factory=list, description="Typed `rows`, same shape; null where a cell is plain words.")


class Callout(Model):
    """A figure printed much larger than the slide's body text ('285'), with the words that explain it."""

    text: str = Field(description="The figure as printed.")
    label: str | None = None
    value: CellValue | None = None
    bbox: BBox | None = None


class Slide(Model):
    pdf_page: int
    title: str | None = None
    text_blocks: list[str] = Field(default_factory=list, description="Text outside title, tables and callouts.")
    callouts: list[Callout] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)


class Substitution(Model):
    """Who attended in whose place, as printed ("Councillor A Bell substituting for Councillor A Reed")."""

    member: str = Field(description="The substitute, as printed.")
    substitute_for: str | None = Field(default=None, description="The member replaced; null when not printed.")
    pdf_page: int | None = None


class Attendance(Model):
    present: list[Person] = Field(default_factory=list)
    chair: Person | None = None
    apologies: list[Person] = Field(default_factory=list)
    substitutes: list[Person] = Field(
        default_factory=list, description="Substitute members; `role` is 'substitute for X' when printed.")
    also_present: list[Person] = Field(default_factory=list)
    absent: list[Person] = Field(default_factory=list, description=(
        "Members recorded absent without apologies (a roll call's 'Absent'); apologies stay in `apologies`."))
    remote: list[Person] = Field(default_factory=list, description=(
        "People recorded as attending remotely or virtually; they stay in the list the minutes put them in "
        "(present, also_present, apologies) as well."))
    substitutions: list[Substitution] = Field(
        default_factory=list, description="`substitutes` as who-for-whom pairs.")


DecisionKind = Literal["resolved", "agreed", "approved", "noted"]


class Decision(Model):
    """One decision recorded in a minute: every `resolutions` entry is one of kind 'resolved'; decisions
    worded in prose ("it was agreed", "were approved", "the report was noted") have their own kind."""

    id: str | None = Field(default=None, description="Deterministic id: '<minute item id>/decision/<k>', k from 1.")
    text: str
    kind: DecisionKind = "resolved"
    parts: list[str] = Field(
        default_factory=list, description="Its numbered or lettered parts ((i), (a), 1.), marker removed.")
    proposer: str | None = Field(default=None, description="Who proposed or moved it, as printed.")
    seconder: str | None = None
    votes_for: int | None = Field(default=None, description="Only where the minutes print the count.")
    votes_against: int | None = None
    votes_abstain: int | None = None
    unanimous: bool = False
    outcome: str | None = Field(default=None, description=(
        "The result as printed in a vote block ('APPROVED', 'ADOPTED', 'FAILED'), tally removed."))
    ayes: list[str] = Field(default_factory=list, description="Names voting for, where the minutes list them.")
    nays: list[str] = Field(default_factory=list, description="Names voting against, where listed.")
    abstained: list[str] = Field(default_factory=list, description="Names abstaining, where listed.")
    absent: list[str] = Field(default_factory=list, description="Names absent from the vote, where listed.")
    pdf_page: int | None = None


class Declaration(Model):
    """A declaration of interest."""

    member: str | None = Field(default=None, description="Who declared, as printed; null for a group.")
    item: str | None = Field(default=None, description="The item or minute number the interest relates to.")
    nature: str | None = Field(default=None, description="e.g. 'pecuniary', 'personal', 'other significant'.")
    text: str = Field(description="The sentence recording it.")
    pdf_page: int | None = None


class MinuteItem(Model):
    id: str | None = Field(default=None, description="Deterministic id: '<document id>/minute/<number>[-n]'.")
    number: str = Field(description="As printed; '' for a minute headed by its title alone.")
    title: str
    text: str = ""
    resolutions: list[str] = Field(default_factory=list)
    pdf_page: int | None = None
    agenda_item: str | None = Field(
        default=None, description="The agenda item the minute records where the minutes print it: '(Item 4)'.")
    paragraphs: list[str] = Field(default_factory=list, description="`text` cut into its printed paragraphs.")
    decisions: list[Decision] = Field(default_factory=list)


class Minutes(Model):
    body: str | None = None
    date: str | None = None
    start_time: str | None = None
    venue: str | None = None
    attendance: Attendance = Field(default_factory=Attendance)
    items: list[MinuteItem] = Field(default_factory=list)
    close_time: str | None = Field(default=None, description="24-hour HH:MM the meeting closed.")
    declarations: list[Declaration] = Field(default_factory=list)


class ParagraphItem(Model):
    """A lettered, numbered or bulleted sub-item inside a numbered paragraph, with its own sub-items."""

    marker: str = Field(description="As printed: '(a)', 'ii.', '1)', a bullet.")
    text: str
    items: list[ParagraphItem] = Field(default_factory=list)


class Paragraph(Model):
    number: str | None = None
    text: str
    pdf_page: int | None = None
    parent: str | None = Field(default=None, description="The paragraph or section number it is under: '1' for '1.1'.")
    items: list[ParagraphItem] = Field(default_factory=list)


class Section(Model):
    """A headed section of a report and the numbered paragraphs under its heading."""

    heading: str
    number: str | None = Field(default=None, description="The heading's own number, '3' for '3. Background'.")
    paragraphs: list[str] = Field(default_factory=list, description="Numbers of the paragraphs it holds.")
    pdf_page: int | None = None


class Report(Model):
    title: str | None = None
    report_of: str | None = None
    divisions_affected: str | None = None
    recommendations: list[str] = Field(default_factory=list)
    paragraphs: list[Paragraph] = Field(default_factory=list)
    author: Person | None = None
    contact: Contact | None = None
    meeting: str | None = Field(default=None, description="The body the report goes to, e.g. 'Cabinet'.")
    meeting_date: str | None = Field(default=None, description="ISO date of that meeting.")
    report_to: str | None = Field(default=None, description="The 'To:' line as printed.")
    classification: str | None = Field(default=None, description="'Unrestricted', 'Exempt' ... as printed.")
    key_decision: bool | None = None
    decision_reference: str | None = Field(default=None, description="e.g. '24/00108'.")
    sections: list[Section] = Field(default_factory=list)
    background_papers: list[str] = Field(default_factory=list)
    appendices: list[str] = Field(default_factory=list, description="The appendices it lists, as printed.")
    implications: dict[str, str] = Field(default_factory=dict, description=(
        "Implications by heading, keys lower_snake ('legal', 'finance', 'equality', 'human_rights' ...)."))


class Document(Model):
    id: str | None = Field(default=None, description="Deterministic id: '<meeting id>/doc/p<first pdf page>-<kind>'.")
    kind: DocumentKind
    title: str | None = None
    agenda_item: str | None = None
    pdf_pages: PageRange
    printed_pages: PageRange | None = None
    text: str = ""
    tables: list[Table] = Field(default_factory=list)
    minutes: Minutes | None = None
    report: Report | None = None
    slides: list[Slide] | None = Field(default=None, description="Present when kind is `presentation`.")
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
