"""Write samples/example_pack.pdf, an invented ModernGov-style "Public reports pack", and its answer key.

Everything here is made up: Borsetshire County Council, its committee, its people and every word of text.
The layout follows the conventions of ModernGov packs: a 2-page agenda front sheet (unnumbered), then each
agenda item's documents in agenda order, each padded to an even page count with a page reading "This page is
intentionally left blank"; "Page N" footers numbered from the first page after the front sheet; an
"Agenda Item N" stamp on the first page of each item; bookmarks and a "(Public Pack)..." Title.

The facts the pages show and `example_pack.expected.json` are produced from the same data below, so the two
cannot disagree. Output is byte-for-byte reproducible (reportlab `invariant=1`).

Run:  .venv/bin/python samples/make_sample.py
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
PDF_PATH = HERE / "example_pack.pdf"
EXPECTED_PATH = HERE / "example_pack.expected.json"

# --------------------------------------------------------------------------------------------------
# Page geometry and stamp conventions
# --------------------------------------------------------------------------------------------------

PAGE_W, PAGE_H = A4
LEFT = 72.0
RIGHT = PAGE_W - 72.0
TOP = PAGE_H - 72.0
BOTTOM = 72.0
HANG = 36.0  # default distance from a hanging label to its text column

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
BODY_SIZE = 11.0

STAMP_FONT, STAMP_SIZE = "Helvetica", 12.0
FOOTER_BASELINE = 38.484  # 'Page N': form at y=36, text at Tm 0 2.484
ITEM_STAMP_RIGHT = PAGE_W - 49.25  # right end of 'Agenda Item N'
ITEM_STAMP_BASELINE = PAGE_H - 36.0 + 2.484
BLANK_TEXT = "This page is intentionally left blank"
BLANK_SIZE = 14.0
# Real ModernGov packs use up a page number on padding pages but do not print it; this sample prints it
# (as briefed), so a parser is tested on a numbered blank page. Set False to mimic the real packs.
NUMBER_BLANK_PAGES = True

# --------------------------------------------------------------------------------------------------
# The meeting (all invented)
# --------------------------------------------------------------------------------------------------

COUNCIL = "Borsetshire County Council"
BODY = "Children and Young People's Scrutiny Committee"
MEETING_DATE = date(2023, 3, 14)
START = time(10, 0)
VENUE = "Council Chamber, Shire Hall, Borchester"
ISSUE_DATE = date(2023, 3, 6)
SIGNATORY = ("Rosalind Ashcombe", "Head of Legal and Democratic Services")
SIGNATORY_ADDRESS = ("Shire Hall", "Borchester")
CONTACT = ("Imogen Treadwell", "01234 567890")


@dataclass(frozen=True)
class Member:
    """A person as the documents print them: 'Councillor R Pellow', role 'Chair'."""

    name: str
    title: str = "Councillor"
    role: str | None = None

    @property
    def full(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name

    def shown(self, full: bool = True) -> str:
        """Name (with title if `full`) and '(Role)' as printed in a list."""
        base = self.full if full else self.name
        return f"{base} ({self.role})" if self.role else base


CHAIR = Member("R Pellow", role="Chair")
VICE_CHAIR = Member("S Okonjo", role="Vice-Chair")
COUNCILLORS = [
    Member(n)
    for n in ("T Abernethy", "L Brightwell", "M Castellan", "H Dunmore", "K Fairbrother", "N Goss",
              "W Hinchcliffe")
]
CO_OPTED = [Member("D Langridge", "Reverend"), Member("P Quarrie", "Mrs"), Member("J Ventham", "Mr")]
CO_OPTED_NOTE = "Diocesan and parent governor representatives"

# Attendance at the previous meeting (7 February 2023), recorded in the minutes.
PREV_DATE = date(2023, 2, 7)
PREV_START = time(10, 0)
PREV_VENUE = VENUE
EARLIER_DATE = date(2023, 1, 10)
APOLOGIES = [COUNCILLORS[2], COUNCILLORS[5], CO_OPTED[0]]
PRESENT_MEMBERS = [VICE_CHAIR] + [m for m in COUNCILLORS if m not in APOLOGIES]
PRESENT_CO_OPTED = [m for m in CO_OPTED if m not in APOLOGIES]
ALSO_PRESENT = [
    ("Miriam Achterberg", "Corporate Director of Children's Services"),
    ("Owen Castleford", "Head of Education Access and Inclusion"),
    ("Priya Mandeville", "Head of Early Help and Prevention"),
    ("Dominic Fairlie", "Strategic Manager, Special Educational Needs"),
    ("Callum Stirrup", "Democratic Services Officer"),
]

REPORT_OF = "Corporate Director of Children's Services"
REPORT_AUTHOR = ("Oliver Penhallow", "01234 567123")
DIVISIONS = "Countywide"
RECOMMENDATIONS = [
    "note the findings of the review of the Home to School and College Transport Policy set out in this "
    "report; and",
    "comment on the proposed changes to the policy before they are considered by Cabinet on 19 April 2023.",
]

SCORECARD_HEADER = ["Measure", "2020/21", "2021/22", "Q2 2022/23", "England"]
SCORECARD_ROWS = [
    ["Children in need per 10,000 children [number]", "318.4 [3,182]", "330.1 [3,301]", "341.7 [3,419]",
     "343.0"],
    ["Re-referrals to children's social care within 12 months", "21% [402/1914]", "19% [371/1953]",
     "12% [126/1030]", "21.5%"],
    ["Education, health and care plans issued within 20 weeks", "58% [311/536]", "61% [344/564]",
     "74% [203/274]", "49.2%"],
    ["Children looked after per 10,000 children [number]", "79.6 [796]", "82.9 [833]", "84.1 [845]",
     "70.0"],
    ["Average annual cost of a contracted school transport route", "£71,308.40", "£78,615.00",
     "£84,922.50", "N/A"],
]
SCORECARD_COLS = [151.25, 80.0, 80.0, 80.0, 60.0]

EXEMPT_PARAGRAPH = "3"

# Pages of content per agenda item (before padding); layout must reproduce these, so that edits to the
# text cannot silently move the page map tests rely on.
DOC_PAGES = {"3": 3, "4": 5, "5": 1, "7": 1}


def long_date(d: date) -> str:
    """'Tuesday 14 March 2023'."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def short_date(d: date) -> str:
    """'14 March 2023'."""
    return f"{d.day} {d:%B %Y}"


def clock(t: time) -> str:
    """'10.00 am' as council documents print times."""
    hour = t.hour % 12 or 12
    return f"{hour}.{t.minute:02d} {'am' if t.hour < 12 else 'pm'}"


def name_list(names: list[str]) -> str:
    """'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def councillors_line(members: list[Member]) -> str:
    """'Councillors S Okonjo (Vice-Chair), T Abernethy and W Hinchcliffe'."""
    return "Councillors " + name_list([m.shown(full=False) for m in members])


# --------------------------------------------------------------------------------------------------
# Blocks: what a document is made of, before layout
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """Wrapped text; `label` hangs `hang` points left of the text column (LEFT + indent)."""

    text: str
    label: str = ""
    indent: float = 0.0
    hang: float = HANG
    font: str = REGULAR
    label_font: str | None = None
    size: float = BODY_SIZE
    align: str = "left"  # 'left' or 'centre'
    gap: float = 8.0  # space after
    keep: bool = False  # keep with the next block (headings)


@dataclass(frozen=True)
class Row:
    """One unwrapped line of text pieces at x offsets from LEFT."""

    cells: tuple[tuple[float, str], ...]
    font: str = REGULAR
    size: float = BODY_SIZE
    gap: float = 8.0


@dataclass(frozen=True)
class Grid:
    """A ruled table; the first row is the (bold) header."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    size: float = 10.0
    gap: float = 12.0


@dataclass(frozen=True)
class Gap:
    height: float


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Mark:
    """A bookmark (level 1, under the item's bookmark) pointing at the page where it falls."""

    title: str


Block = Para | Row | Grid | Gap | PageBreak | Mark


def heading(text: str, size: float = 12.0) -> Para:
    return Para(text, font=BOLD, size=size, gap=6.0, keep=True)


def numbered(label: str, text: str) -> Para:
    return Para(text, label=label, indent=HANG)


def sub(label: str, text: str) -> Para:
    return Para(text, label=label, indent=2 * HANG, gap=6.0)


def resolved(*texts: str) -> list[Block]:
    """A 'Resolved:' block; several texts become a numbered (i), (ii) list."""
    blocks: list[Block] = [Para("Resolved:", indent=HANG, font=BOLD, gap=6.0, keep=True)]
    if len(texts) == 1:
        blocks.append(Para(texts[0], indent=HANG))
    else:
        for i, text in enumerate(texts):
            blocks.append(Para(text, label=f"({roman(i + 1)})", indent=2 * HANG, gap=6.0))
        blocks.append(Gap(4.0))
    return blocks


def roman(n: int) -> str:
    return ["i", "ii", "iii", "iv", "v", "vi"][n - 1]


# --------------------------------------------------------------------------------------------------
# Layout: blocks -> pages of drawing operations
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float
    text: str
    font: str
    size: float


@dataclass(frozen=True)
class LineOp:
    x0: float
    y0: float
    x1: float
    y1: float


Op = TextOp | LineOp


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to `width` points; a '(Pages x - y)' reference is never split."""
    lines: list[str] = []
    current = ""
    for word in re.findall(r"\(Pages \d+ - \d+\)|\S+", text):
        trial = f"{current} {word}" if current else word
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def leading(size: float) -> float:
    return round(size * 1.27, 2)


def block_height(block: Block, lines: int | None = None) -> float:
    """Height of the first `lines` lines of a block (all of it when None)."""
    if isinstance(block, Para):
        n = len(wrap(block.text, block.font, block.size, RIGHT - LEFT - block.indent))
        return leading(block.size) * (n if lines is None else min(lines, n))
    if isinstance(block, Row):
        return leading(block.size)
    if isinstance(block, Grid):
        return sum(grid_row_heights(block))
    return 0.0


def grid_row_heights(grid: Grid) -> list[float]:
    pad = 4.0
    heights = []
    for i, row in enumerate([grid.header, *grid.rows]):
        font = BOLD if i == 0 else REGULAR
        cells = zip(row, grid.widths, strict=True)
        n = max(len(wrap(cell, font, grid.size, w - 2 * pad)) for cell, w in cells)
        heights.append(n * leading(grid.size) + 2 * pad)
    return heights


@dataclass
class Laid:
    """A document after layout: pages of ops, and (title, page index) bookmarks."""

    pages: list[list[Op]]
    marks: list[tuple[str, int]]


def lay_out(blocks: list[Block], top: float = TOP) -> Laid:
    """Flow blocks down pages; paragraphs may split between lines, headings stay with what follows."""
    pages: list[list[Op]] = [[]]
    marks: list[tuple[str, int]] = []
    y = top

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = top

    for i, block in enumerate(blocks):
        if isinstance(block, PageBreak):
            new_page()
        elif isinstance(block, Mark):
            marks.append((block.title, len(pages) - 1))
        elif isinstance(block, Gap):
            if y < top or len(pages) == 1:  # no gap at the top of a continuation page
                y -= block.height
        elif isinstance(block, Row):
            if y - leading(block.size) < BOTTOM:
                new_page()
            for dx, text in block.cells:
                pages[-1].append(TextOp(LEFT + dx, y - block.size, text, block.font, block.size))
            y -= leading(block.size) + block.gap
        elif isinstance(block, Grid):
            if y - block_height(block) < BOTTOM:
                new_page()
            y = draw_grid(block, pages[-1], y) - block.gap
        else:
            need = block_height(block, 2)
            if block.keep and i + 1 < len(blocks):
                need = block_height(block) + block_height(blocks[i + 1], 2)
            if y - need < BOTTOM and y < top:
                new_page()
            y = draw_para(block, pages, y, top, new_page) - block.gap
    return Laid(pages, marks)


def draw_para(
    block: Para, pages: list[list[Op]], y: float, top: float, new_page: Callable[[], None]
) -> float:
    """Emit a paragraph's lines from `y`, breaking pages as needed; return the new y."""
    x = LEFT + block.indent
    lead = leading(block.size)
    for n, line in enumerate(wrap(block.text, block.font, block.size, RIGHT - x)):
        if y - lead < BOTTOM:
            new_page()
            y = top
        base = y - block.size
        lx = (LEFT + RIGHT) / 2 - stringWidth(line, block.font, block.size) / 2 if block.align == "centre" else x
        pages[-1].append(TextOp(lx, base, line, block.font, block.size))
        if n == 0 and block.label:
            pages[-1].append(TextOp(x - block.hang, base, block.label, block.label_font or block.font,
                                    block.size))
        y -= lead
    return y


def draw_grid(grid: Grid, ops: list[Op], y: float) -> float:
    """Emit a ruled table with its top at `y`; return the y of its bottom rule."""
    pad = 4.0
    heights = grid_row_heights(grid)
    xs = [LEFT]
    for w in grid.widths:
        xs.append(xs[-1] + w)
    ys = [y]
    for h in heights:
        ys.append(ys[-1] - h)
    for yy in ys:
        ops.append(LineOp(xs[0], yy, xs[-1], yy))
    for xx in xs:
        ops.append(LineOp(xx, ys[0], xx, ys[-1]))
    for r, row in enumerate([grid.header, *grid.rows]):
        font = BOLD if r == 0 else REGULAR
        for c, cell in enumerate(row):
            width = grid.widths[c] - 2 * pad
            for n, line in enumerate(wrap(cell, font, grid.size, width)):
                base = ys[r] - pad - grid.size - n * leading(grid.size) + 1.5
                ops.append(TextOp(xs[c] + pad, base, line, font, grid.size))
    return ys[-1]


# --------------------------------------------------------------------------------------------------
# The agenda and its documents
# --------------------------------------------------------------------------------------------------


@dataclass
class Doc:
    """One document of an agenda item."""

    kind: str
    title: str
    blocks: list[Block]
    laid: Laid = field(init=False)

    def __post_init__(self) -> None:
        self.laid = lay_out(self.blocks)


@dataclass
class Item:
    """An agenda item as the front sheet lists it."""

    number: str
    title: str
    presenter: str | None = None
    part: str = "A"
    docs: list[Doc] = field(default_factory=list)
    exempt_paragraphs: list[str] = field(default_factory=list)

    @property
    def exempt(self) -> bool:
        return self.part == "B"

    @property
    def bookmark(self) -> str:
        return f"{self.number} {self.title}"


def apologies_text() -> str:
    """Minute 1's text, from APOLOGIES."""
    councillors = [m for m in APOLOGIES if m.title == "Councillor"]
    others = [m.full for m in APOLOGIES if m.title != "Councillor"]
    return (f"Apologies for absence were received from {councillors_line(councillors)} and from "
            f"Co-opted Member {name_list(others)}.")


# Minute items: (number, title, body); a body entry is a paragraph, or a tuple of resolution texts.
MINUTE_ITEMS: list[tuple[str, str, list[str | tuple[str, ...]]]] = [
    ("1", "Apologies for Absence", [apologies_text()]),
    ("2", "Declarations of Interest", [
        "Councillor H Dunmore declared a non-registerable interest in minute 5 as a governor of Marlpit "
        "Lane Primary School. There were no other declarations of interest.",
    ]),
    ("3", "Minutes", [
        f"The minutes of the meeting held on {short_date(EARLIER_DATE)} were agreed as a correct record and "
        "signed by the Chair. The Democratic Services Officer confirmed that the information requested on "
        "waiting times for speech and language therapy had been circulated to members on 24 January.",
    ]),
    ("4", "Early Help Strategy 2023 - 2026", [
        "The Committee considered a report of the Corporate Director of Children's Services which presented "
        "the draft Early Help Strategy for 2023 to 2026 (for copy of report see file of minutes).",
        "Priya Mandeville, Head of Early Help and Prevention, explained that the strategy had been shaped by "
        "conversations with more than 600 families, young people and practitioners over the summer and "
        "autumn. Families had said that they wanted help to be offered earlier, closer to home and by people "
        "they already knew and trusted, and that they did not want to repeat their story to several "
        "different services. The strategy therefore proposed four locality family hubs, each bringing "
        "together health visiting, school nursing, children's centres, parenting support and the voluntary "
        "sector under one roof, with a shared family plan that would follow the family between services.",
        "The Head of Early Help and Prevention reported that requests for early help had risen by 17% over "
        "the previous twelve months, with the largest increases in support for emotional wellbeing, "
        "school attendance and the cost of living. Around two thirds of families who completed a family "
        "plan in 2021/22 had not needed a statutory social care service in the following year.",
        "Members welcomed the focus on prevention and asked how the hubs would reach families in the most "
        "rural parts of the county, where public transport was limited. The Head of Early Help and "
        "Prevention advised that each hub would run outreach sessions from village halls, libraries and "
        "schools, and that a mobile service would visit the smaller market towns each week. Councillor "
        "K Fairbrother asked that parish councils be told of the outreach timetable so that it could be "
        "shared through parish newsletters, and this was agreed.",
        "In response to a question from Mrs P Quarrie about the support available to the parents of "
        "children awaiting an autism assessment, the Committee was informed that a pre-diagnosis support "
        "offer would be piloted in two hubs from April, in partnership with the parent carer forum.",
        ("That the report be noted.",),
    ]),
    ("5", "Special Educational Needs and Disabilities Sufficiency Update", [
        "The Committee received a report of the Head of Education Access and Inclusion which provided an "
        "update on the sufficiency of specialist school places for children and young people with special "
        "educational needs and disabilities (for copy of report see file of minutes).",
        "Dominic Fairlie, Strategic Manager, Special Educational Needs, informed the Committee that the "
        "number of children and young people with an education, health and care plan had increased from "
        "3,940 in January 2020 to 5,215 in January 2023. Demand was highest for places for pupils with "
        "social, emotional and mental health needs and for pupils with autism, and 142 pupils were "
        "currently educated in independent special schools outside the county, often at a considerable "
        "distance from home.",
        "The Strategic Manager outlined the capital programme agreed by Cabinet in November 2022, which "
        "would create 260 additional specialist places by September 2025 through two new special free "
        "schools, the expansion of three existing special schools and twelve new resourced units in "
        "mainstream schools. The first four units would open in September 2023.",
        "Members asked about the timeliness of education, health and care plans. The Strategic Manager "
        "reported that 74% of new plans had been issued within the statutory 20 weeks in the second "
        "quarter of the year, compared with 61% in 2021/22, following the recruitment of additional "
        "educational psychologists and case officers.",
        "Councillor W Hinchcliffe raised concerns about the distances travelled by some pupils placed in "
        "out-of-county schools and the effect on their wellbeing and on the home to school transport "
        "budget. The Corporate Director of Children's Services acknowledged these concerns and advised that "
        "the review of the home to school transport policy would be reported to the Committee in March.",
        ("that the update be noted; and",
         "that a further report on progress with the specialist places programme be brought to the "
         "Committee in September 2023."),
    ]),
    ("6", "Elective Home Education Annual Report 2021/22", [
        "The Committee considered the annual report on elective home education for the 2021/22 academic "
        "year (for copy of report see file of minutes).",
        "The Head of Education Access and Inclusion reported that 1,084 children had been electively home "
        "educated at some point during the year, an increase of 9% on the previous year, and that the most "
        "common reasons given by parents were health, anxiety and dissatisfaction with the school place "
        "offered. The service had increased the number of advisory visits and had published new guidance "
        "for parents on the support available, including access to examination centres.",
        "Members noted that a national register of children not in school was expected and asked that the "
        "Committee be kept informed of its implications for the service.",
        ("That the report be noted and that a briefing on the national register of children not in school "
         "be provided to members when the government's proposals are published.",),
    ]),
    ("7", "Work Programme 2023/24", [
        "The Committee considered its draft work programme for 2023/24. Members asked that reports on the "
        "home to school transport policy, the Early Help Strategy and children's mental health services be "
        "included, and that a joint meeting with the Adult Social Care Scrutiny Committee be held on the "
        "transition of young people to adult services.",
        ("That the work programme for 2023/24 be agreed, subject to the additions requested by members.",),
    ]),
]


def minutes_doc() -> Doc:
    """Minutes of the previous meeting (3 pages)."""
    title = COUNCIL.upper()
    blocks: list[Block] = [
        Para(title, font=BOLD, size=12, gap=12),
        Para(f"At a meeting of the {BODY} held in the {PREV_VENUE} on {long_date(PREV_DATE)} at "
             f"{clock(PREV_START)}", gap=12),
        heading("Present:", BODY_SIZE),
        Para(CHAIR.shown(), gap=10),
        heading("Members of the Committee:", BODY_SIZE),
        Para(councillors_line(PRESENT_MEMBERS), gap=10),
        heading("Co-opted Members:", BODY_SIZE),
        Para(name_list([m.full for m in PRESENT_CO_OPTED]), gap=10),
        heading("Also Present:", BODY_SIZE),
        *[Para(f"{name} - {role}", gap=0) for name, role in ALSO_PRESENT],
        Gap(14),
    ]
    for number, item_title, body in MINUTE_ITEMS:
        blocks.append(Para(item_title, label=number, indent=HANG, font=BOLD, gap=6, keep=True))
        for part in body:
            if isinstance(part, str):
                blocks.append(Para(part, indent=HANG))
            else:
                blocks.extend(resolved(*part))
        blocks.append(Gap(4))
    return Doc("minutes", title, blocks)


def report_doc() -> Doc:
    """Item 4: a covering report (4 pages) and its implications appendix (1 page)."""
    title = "School Transport Policy Review"
    author, phone = REPORT_AUTHOR
    blocks: list[Block] = [
        Para(BODY, gap=2),
        Para(short_date(MEETING_DATE), gap=14),
        Para(title, font=BOLD, size=16, gap=10),
        Para(f"Report of {REPORT_OF}", font=BOLD, gap=14),
        Row(((0.0, "Electoral division(s) affected:"),), font=BOLD, gap=2),
        Para(DIVISIONS, gap=14),
        Mark("Purpose of the Report"),
        heading("Purpose of the Report"),
        numbered("1", "To inform members of the outcome of the review of the Council's Home to School and "
                 "College Transport Policy and to seek the Committee's views on the proposed changes before "
                 "they are considered by Cabinet."),
        heading("Executive Summary"),
        numbered("2", "The Council provides free home to school transport for around 6,400 children and "
                 "young people each school day, at a forecast cost of £31.6 million in 2022/23. Spending "
                 "has risen by 38% in three years, driven mainly by growth in the number of pupils with an "
                 "education, health and care plan, by longer journeys to specialist places and by "
                 "increases in contract prices as operators face higher fuel and staffing costs."),
        numbered("3", "The review considered:"),
        sub("(a)", "the statutory duties placed on the Council by the Education Act 1996 and the "
            "associated statutory guidance;"),
        sub("(b)", "the discretionary elements of the current policy, including transport for post-16 "
            "students and to schools of a preferred faith;"),
        sub("(c)", "the way in which eligibility is assessed and explained to families; and"),
        sub("(d)", "the options for promoting independent travel, including personal transport budgets."),
        Gap(4),
        heading("Recommendation"),
        numbered("4", "Members are recommended to:"),
        *[sub(f"({chr(97 + i)})", text) for i, text in enumerate(RECOMMENDATIONS)],
        Gap(4),
        heading("Background"),
        numbered("5", "The current policy was adopted in 2021. It provides free transport for pupils of "
                 "compulsory school age who attend their nearest suitable school and live beyond the "
                 "statutory walking distance, for pupils who cannot reasonably be expected to walk because "
                 "of their special educational needs, disability or mobility problems, and for pupils from "
                 "low income families under the extended rights provisions."),
        numbered("6", "In addition the Council offers several discretionary arrangements which go beyond "
                 "the statutory minimum. These include a subsidised travel pass for students aged 16 to 18, "
                 "free transport to the nearest school of a preferred faith for pupils from low income "
                 "families, and a concessionary seat scheme which allows pupils who are not eligible to "
                 "buy a spare seat on a contracted vehicle."),
        numbered("7", "Demand for transport for pupils with special educational needs and disabilities has "
                 "grown fastest. In 2022/23 these pupils make up 21% of all pupils transported but account "
                 "for 63% of the cost, because many need individual vehicles or passenger assistants and "
                 "some travel to schools outside the county."),
        heading("National Context"),
        numbered("8", "Councils across England report similar pressures. National surveys of local "
                 "authorities show that spending on home to school transport for pupils with special "
                 "educational needs has roughly doubled in real terms over the last decade, and several "
                 "councils have consulted on reducing their discretionary provision as a result."),
        numbered("9", "The Department for Education published revised travel to school guidance in 2023. The "
                 "guidance confirms the existing statutory duties and encourages councils to publish clear "
                 "policies, to offer independent travel training and personal transport budgets, and to "
                 "review the arrangements made for each child regularly."),
        heading("Findings of the Review"),
        numbered("10", "The review found that the policy meets the Council's statutory duties but that it is "
                 "not always easy for families to understand. Around one in five applications in 2021/22 "
                 "needed further contact with the family before a decision could be made, and 118 appeals "
                 "were heard, of which 41 were upheld in full or in part."),
        numbered("11", "Route planning is largely manual. A pilot using routing software in the north of "
                 "the county in the autumn term reduced the number of vehicles needed on 14 routes by "
                 "combining journeys, saving an estimated £212,000 a year without lengthening any journey "
                 "beyond the limits in the statutory guidance."),
        numbered("12", "Independent travel training has been offered to 46 young people since 2021, of "
                 "whom 39 now travel independently to school or college. Young people and parents who took "
                 "part described increased confidence and independence, and the annual saving is estimated "
                 "at £4,300 for each young person."),
        numbered("13", "Personal transport budgets, which allow parents to make their own arrangements, are "
                 "used by 58 families. Take-up is low compared with similar councils, and parents told the "
                 "review that they were not aware the option existed."),
        heading("Proposed Changes"),
        numbered("14", "It is proposed that the policy be rewritten in plain English with worked examples, "
                 "and that the application form be moved online with a checker that gives families an "
                 "indication of eligibility before they apply. It is also proposed:"),
        sub("(a)", "to extend routing software to all contracted routes from September 2023;"),
        sub("(b)", "to offer independent travel training to every eligible young person at the annual "
            "review of their education, health and care plan from Year 9 onwards;"),
        sub("(c)", "to promote personal transport budgets to all eligible families and to simplify the "
            "way in which the budget is calculated; and"),
        sub("(d)", "to retain the post-16 travel pass, the preferred faith arrangements and the "
            "concessionary seat scheme without change for 2023/24."),
        Gap(4),
        numbered("15", "No change is proposed to the statutory walking distances, to the assessment of "
                 "routes on which children cannot walk safely, or to the provision of passenger assistants "
                 "where a child's needs require one."),
        heading("Options Considered"),
        numbered("16", "The review considered withdrawing the post-16 travel pass and the preferred faith "
                 "arrangements, which together cost about £1.9 million a year. These options are not "
                 "recommended at this stage: the consultation showed strong support for both, and the "
                 "savings would fall on families who are already facing higher living costs. The "
                 "arrangements will be reviewed again when the effect of the proposed changes is known."),
        numbered("17", "The review also considered bringing more routes in-house by expanding the Council's "
                 "own fleet. A business case will be prepared once the routing software has been extended, "
                 "as the number and pattern of routes needed may change significantly."),
        heading("Consultation"),
        numbered("18", "A public consultation on the draft policy ran from 3 January to 14 February 2023. "
                 "There were 1,216 responses, including responses from 47 schools, the parent carer forum "
                 "and the youth council. A summary of the responses and the Council's reply to the main "
                 "themes will be published alongside the Cabinet report."),
        numbered("19", "Most respondents supported clearer information and the online application. Concerns "
                 "were raised about the reliability of some contracted services, and the Council will "
                 "strengthen contract monitoring when routes are next procured (see agenda item 7). The "
                 "main themes raised by respondents were:"),
        sub("(a)", "late or missed pick-ups on a small number of routes, and poor communication with "
            "families when a vehicle is delayed;"),
        sub("(b)", "the need for consistent drivers and passenger assistants for children who find change "
            "difficult, particularly children with autism;"),
        sub("(c)", "the cost of the post-16 travel pass for families with more than one student;"),
        sub("(d)", "the difficulty of understanding how the nearest suitable school is identified when a "
            "family lives close to a county boundary; and"),
        sub("(e)", "support for independent travel training, with requests that it be offered earlier and "
            "that parents be involved in planning it."),
        Gap(4),
        heading("Next Steps"),
        numbered("20", "Subject to the views of this Committee, the revised policy will be considered by "
                 "Cabinet on 19 April 2023 and, if approved, will apply to applications for the 2023/24 "
                 "school year. The Committee will receive a progress report in spring 2024."),
        heading("Conclusion"),
        numbered("21", "The proposed changes would make the policy easier to understand and apply, make "
                 "better use of the Council's resources and give more young people the chance to travel "
                 "independently, while keeping the discretionary support that families value."),
        heading("Background papers"),
        Para("Home to School and College Transport Policy 2021, Borsetshire County Council.", gap=2),
        Para("Home to School Transport Consultation 2023: Summary of Responses, Borsetshire County Council.",
             gap=14),
        Row(((0.0, f"Contact: {author}"), (260.0, f"Tel: {phone}")), gap=8),
        PageBreak(),
        Mark("Appendix 1: Implications"),
        Para("Appendix 1: Implications", font=BOLD, size=14, gap=12),
        heading("Legal Implications"),
        Para("The Council has duties under sections 508B, 508C and 509AA of the Education Act 1996 to make "
             "suitable travel arrangements for eligible children and to publish a transport policy statement "
             "for students of sixth form age. The proposed policy meets these duties."),
        heading("Finance"),
        Para("The proposals are expected to reduce the forecast growth in transport spending by about "
             "£1.1 million a year by 2025/26. Any savings will be reported through budget monitoring."),
        heading("Consultation"),
        Para("A six-week public consultation was held, as described in paragraphs 18 and 19 of the report."),
        heading("Equality and Diversity / Public Sector Equality Duty"),
        Para("An equality impact assessment has been prepared. The changes are not expected to have an "
             "adverse effect on any group with a protected characteristic, and the online application will "
             "be supported by a telephone service for families who cannot apply online."),
        heading("Climate Change"),
        Para("Better route planning will reduce the number of vehicle journeys and associated emissions."),
        heading("Human Rights"),
        Para("None."),
        heading("Crime and Disorder"),
        Para("None."),
        heading("Staffing"),
        Para("The transport team will be trained in the use of the routing software."),
        heading("Accommodation"),
        Para("None."),
        heading("Risk"),
        Para("The main risk is that contract prices continue to rise faster than forecast. This is "
             "recorded on the Children's Services risk register."),
        heading("Procurement"),
        Para("Contracted routes will be procured through the Council's dynamic purchasing system."),
    ]
    return Doc("report", title, blocks)



def scorecard_doc() -> Doc:
    """Item 5: a one-page performance scorecard with a ruled table."""
    title = "Quarterly Performance Scorecard"
    blocks: list[Block] = [
        Para(title, font=BOLD, size=16, gap=6),
        Para("Children and Young People's Services - Quarter 2 2022/23", font=BOLD, gap=12),
        Para("The table below shows the Council's position on the key measures monitored by the Committee, "
             "with the national figure for England where one is published. Figures in square brackets "
             "are the number of children, or the numerator and denominator of a percentage.", gap=12),
        Grid(SCORECARD_HEADER, SCORECARD_ROWS, SCORECARD_COLS),
        Para("N/A: no comparable national figure is published.", size=9, gap=4),
        Para("Source: Borsetshire County Council performance team, November 2022.", size=9),
    ]
    return Doc("table", title, blocks)


def restricted_doc() -> Doc:
    """Item 7: the stub that replaces an exempt report in a public pack."""
    title = "Document is Restricted"
    blocks: list[Block] = [
        Gap(220),
        Para(title, font=BOLD, size=30, align="centre", gap=24),
        Para(f"This document is exempt from publication under paragraph {EXEMPT_PARAGRAPH} of Part 1 of "
             "Schedule 12A to the Local Government Act 1972 (information relating to the financial or "
             "business affairs of any particular person, including the authority holding that information).",
             align="centre"),
    ]
    return Doc("exempt_stub", title, blocks)


def agenda_items() -> list[Item]:
    return [
        Item("1", "Apologies for Absence"),
        Item("2", "Declarations of Interest"),
        Item("3", f"Minutes of the meeting held on {short_date(PREV_DATE)}", docs=[minutes_doc()]),
        Item("4", "School Transport Policy Review", REPORT_OF, docs=[report_doc()]),
        Item("5", "Quarterly Performance Scorecard", "Head of Performance", docs=[scorecard_doc()]),
        Item("6", "Such other business as, in the opinion of the Chair of the meeting, is of sufficient "
                  "urgency to warrant consideration."),
        Item("7", "Contract Award: Home to School Transport", "Head of Procurement", part="B",
             docs=[restricted_doc()], exempt_paragraphs=[EXEMPT_PARAGRAPH]),
    ]


def front_sheet(items: list[Item], printed: dict[str, tuple[int, int]]) -> Doc:
    """The 2-page agenda front sheet; `printed` maps item number -> (first, last) printed page."""

    def item_line(item: Item) -> Para:
        text = item.title
        if item.presenter:
            text += f" - Report of the {item.presenter}"
        if item.number in printed:
            first, last = printed[item.number]
            text += f" (Pages {first} - {last})"
        return Para(text, label=f"{item.number}.", indent=24, hang=24, size=12, gap=10)

    def labelled(label: str, value: str) -> Para:
        return Para(value, label=label, indent=72, hang=72, font=BOLD, label_font=REGULAR, size=12, gap=6)

    blocks: list[Block] = [
        Para(COUNCIL, font=BOLD, size=14, gap=24),
        Para(BODY, font=BOLD, size=18, gap=24),
        labelled("Date", long_date(MEETING_DATE)),
        labelled("Time", clock(START)),
        labelled("Venue", VENUE),
        Gap(16),
        Para("Business", font=BOLD, size=14, gap=12),
        Para("Part A", font=BOLD, size=12, gap=6),
        Para("Items which are open to the press and public", size=12, gap=12),
        *[item_line(i) for i in items if i.part == "A"],
        Gap(8),
        Para("Part B", font=BOLD, size=12, gap=6),
        Para("Items during which it is considered the meeting will not be open to the public (consideration "
             "of exempt or confidential information)", size=12, gap=12),
        *[item_line(i) for i in items if i.part == "B"],
        PageBreak(),
        Para(SIGNATORY[0], size=12, gap=2),
        Gap(2),
        Para(SIGNATORY[1], size=12, gap=16),
        *[Para(line, size=12, gap=0) for line in SIGNATORY_ADDRESS],
        Para(short_date(ISSUE_DATE), size=12, gap=24),
        Para(f"The Members of the {BODY}", label="To:", indent=36, font=BOLD, label_font=REGULAR, size=12,
             gap=10),
        Para(CHAIR.shown(), indent=36, size=12, gap=2),
        Para(VICE_CHAIR.shown(), indent=36, size=12, gap=10),
        Para(councillors_line(COUNCILLORS), indent=36, size=12, gap=14),
        Para("Co-opted Members", indent=36, font=BOLD, size=12, gap=6),
        Para(name_list([m.full for m in CO_OPTED]), indent=36, size=12, gap=2),
        Para(CO_OPTED_NOTE, indent=36, size=12, gap=24),
        Row(((0.0, f"Contact: {CONTACT[0]}"), (260.0, f"Tel: {CONTACT[1]}")), size=12),
    ]
    return Doc("front_sheet", BODY, blocks)


# --------------------------------------------------------------------------------------------------
# Assembly: pages with stamps, and the answer key
# --------------------------------------------------------------------------------------------------


@dataclass
class PageSpec:
    ops: list[Op]
    kind: str = "content"  # content | blank | restricted
    printed: int | None = None
    show_number: bool = True
    stamp: str | None = None
    bookmarks: list[tuple[str, int]] = field(default_factory=list)  # (title, level)


def assemble() -> tuple[list[PageSpec], dict[str, Any]]:
    """Lay out the whole pack and return its pages and the expected facts."""
    items = agenda_items()
    # Printed page numbers do not depend on the front sheet: count them first.
    printed: dict[str, tuple[int, int]] = {}
    n = 0
    for item in items:
        if item.docs:
            first = n + 1
            for doc in item.docs:
                n += len(doc.laid.pages) + len(doc.laid.pages) % 2
            printed[item.number] = (first, n)
    counts = {item.number: sum(len(d.laid.pages) for d in item.docs) for item in items if item.docs}
    assert counts == DOC_PAGES, f"document page counts drifted: {counts} != {DOC_PAGES}"
    front = front_sheet(items, printed)
    assert len(front.laid.pages) == 2, "front sheet must be 2 pages"

    pages = [PageSpec(ops, show_number=False) for ops in front.laid.pages]
    pages[0].bookmarks.append(("Agenda", 0))
    documents: list[dict[str, Any]] = [doc_entry(front, None, 1, 2, None)]
    blank_pages: list[int] = []
    for item in items:
        for d, doc in enumerate(item.docs):
            start = len(pages) + 1
            for p, ops in enumerate(doc.laid.pages):
                kind = "restricted" if doc.kind == "exempt_stub" else "content"
                spec = PageSpec(ops, kind, printed=start + p - 2)
                if p == 0 and d == 0:
                    spec.stamp = f"Agenda Item {item.number}"
                    spec.bookmarks.append((item.bookmark, 0))
                spec.bookmarks += [(title, 1) for title, page in doc.laid.marks if page == p]
                pages.append(spec)
            end = len(pages)
            documents.append(doc_entry(doc, item.number, start, end, (start - 2, end - 2)))
            if len(doc.laid.pages) % 2:
                pages.append(PageSpec([], "blank", printed=len(pages) - 1, show_number=NUMBER_BLANK_PAGES))
                blank_pages.append(len(pages))

    expected = expected_facts(items, printed, pages, documents, blank_pages)
    return pages, expected


def doc_entry(doc: Doc, item: str | None, first: int, last: int,
              printed: tuple[int, int] | None) -> dict[str, Any]:
    return {
        "kind": doc.kind,
        "title": doc.title,
        "agenda_item": item,
        "pdf_pages": [first, last],
        "printed_pages": list(printed) if printed else None,
    }


def person(name: str, role: str | None = None) -> dict[str, str | None]:
    return {"name": name, "role": role}


def expected_facts(items: list[Item], printed: dict[str, tuple[int, int]], pages: list[PageSpec],
                   documents: list[dict[str, Any]], blank_pages: list[int]) -> dict[str, Any]:
    """The answer key: what a parser should find in the pack."""
    minute_items = []
    for number, title, body in MINUTE_ITEMS:
        resolutions = [" ".join(f"({roman(i + 1)}) {t}" for i, t in enumerate(part)) if len(part) > 1
                       else part[0] for part in body if isinstance(part, tuple)]
        minute_items.append({"number": number, "title": title, "resolutions": resolutions})
    bookmarks = [{"title": title, "level": level, "pdf_page": i}
                 for i, spec in enumerate(pages, start=1) for title, level in spec.bookmarks]
    return {
        "notes": [
            "Invented sample written by samples/make_sample.py; regenerate rather than edit.",
            "Document pdf_pages exclude the padding page after a document; agenda item pdf_pages and "
            "printed_pages span the item's range as printed on the front sheet, padding included.",
            "Blank padding pages " + ("do" if NUMBER_BLANK_PAGES else "do not") + " print their 'Page N'.",
            "Person names keep their title ('Councillor', 'Mrs'); presenter is the role printed after "
            "'Report of the'.",
            "Table cells that wrap onto several lines are given joined with single spaces.",
        ],
        "source": {
            "file": PDF_PATH.name,
            "pdf_pages": len(pages),
            "title": pdf_title(),
            "subject": pdf_subject(),
        },
        "meeting": {
            "council": COUNCIL,
            "body": BODY,
            "date": MEETING_DATE.isoformat(),
            "start_time": START.strftime("%H:%M"),
            "venue": VENUE,
            "date_of_issue": ISSUE_DATE.isoformat(),
            "signatory": person(*SIGNATORY),
            "members": [person(m.full, m.role) for m in [CHAIR, VICE_CHAIR, *COUNCILLORS, *CO_OPTED]],
            "contact": {"name": CONTACT[0], "phone": CONTACT[1]},
            "pdf_page": 1,
        },
        "agenda": {
            "pdf_pages": [1, 2],
            "items": [
                {
                    "number": item.number,
                    "title": item.title,
                    "presenter": item.presenter,
                    "part": item.part,
                    "exempt": item.exempt,
                    "exempt_paragraphs": item.exempt_paragraphs,
                    "printed_pages": list(printed[item.number]) if item.number in printed else None,
                    "pdf_pages": [printed[item.number][0] + 2, printed[item.number][1] + 2]
                    if item.number in printed else None,
                }
                for item in items
            ],
        },
        "documents": documents,
        "blank_pages": blank_pages,
        "pages": [
            {"pdf_page": i, "printed_page": spec.printed, "kind": spec.kind, "agenda_item_stamp": spec.stamp}
            for i, spec in enumerate(pages, start=1)
        ],
        "bookmarks": bookmarks,
        "minutes": {
            "agenda_item": "3",
            "council": COUNCIL,
            "body": BODY,
            "date": PREV_DATE.isoformat(),
            "start_time": PREV_START.strftime("%H:%M"),
            "venue": PREV_VENUE,
            "attendance": {
                "chair": person(CHAIR.full, CHAIR.role),
                "present": [person(m.full, m.role) for m in [CHAIR, *PRESENT_MEMBERS, *PRESENT_CO_OPTED]],
                "apologies": [person(m.full) for m in APOLOGIES],
                "also_present": [person(name, role) for name, role in ALSO_PRESENT],
            },
            "items": minute_items,
            "resolution_count": sum(len(m["resolutions"]) for m in minute_items),
        },
        "report": {
            "agenda_item": "4",
            "title": "School Transport Policy Review",
            "report_of": REPORT_OF,
            "divisions_affected": DIVISIONS,
            "recommendations": RECOMMENDATIONS,
            "contact": {"name": REPORT_AUTHOR[0], "phone": REPORT_AUTHOR[1]},
            "paragraph_numbers": [b.label for item in items if item.number == "4" for b in item.docs[0].blocks
                                  if isinstance(b, Para) and b.label.isdigit()],
        },
        "table": {
            "agenda_item": "5",
            "pdf_page": next(d["pdf_pages"][0] for d in documents if d["kind"] == "table"),
            "header": SCORECARD_HEADER,
            "rows": SCORECARD_ROWS,
            "n_cols": len(SCORECARD_HEADER),
        },
    }


def pdf_subject() -> str:
    return f"{BODY}, {MEETING_DATE:%d/%m/%Y} {START:%H:%M}"


def pdf_title() -> str:
    return f"(Public Pack)Agenda Document for {pdf_subject()}"


# --------------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------------


def render(pages: list[PageSpec], path: Path) -> None:
    """Draw the pages with reportlab, reproducibly."""
    c = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(pdf_title())
    c.setSubject(pdf_subject())
    c.setAuthor(COUNCIL)
    c.setCreator("packparse samples/make_sample.py")
    c.showOutline()
    for i, spec in enumerate(pages, start=1):
        for j, (title, level) in enumerate(spec.bookmarks):
            key = f"p{i}b{j}"
            c.bookmarkPage(key)
            c.addOutlineEntry(title, key, level=level, closed=level == 0 and title != "Agenda")
        for op in spec.ops:
            if isinstance(op, TextOp):
                c.setFont(op.font, op.size)
                c.drawString(op.x, op.y, op.text)
            else:
                c.setLineWidth(0.6)
                c.line(op.x0, op.y0, op.x1, op.y1)
        if spec.kind == "blank":
            c.setFont(REGULAR, BLANK_SIZE)
            c.drawCentredString(PAGE_W / 2, PAGE_H / 2, BLANK_TEXT)
        c.setFont(STAMP_FONT, STAMP_SIZE)
        if spec.stamp:
            c.drawRightString(ITEM_STAMP_RIGHT, ITEM_STAMP_BASELINE, spec.stamp)
        if spec.printed is not None and spec.show_number:
            c.drawCentredString(PAGE_W / 2, FOOTER_BASELINE, f"Page {spec.printed}")
        c.showPage()
    c.save()


def to_json(value: Any, indent: str = "") -> str:
    """Indented JSON, but with short lists of scalars (page ranges, headers) kept on one line."""
    inner = indent + "  "
    if isinstance(value, dict) and value:
        body = ",\n".join(f"{inner}{json.dumps(k)}: {to_json(v, inner)}" for k, v in value.items())
        return "{\n" + body + "\n" + indent + "}"
    if isinstance(value, list) and (any(isinstance(v, dict | list) for v in value)
                                    or len(json.dumps(value, ensure_ascii=False)) > 130):
        return "[\n" + ",\n".join(inner + to_json(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    pages, expected = assemble()
    render(pages, PDF_PATH)
    EXPECTED_PATH.write_text(to_json(expected) + "\n", encoding="utf-8")
    size = PDF_PATH.stat().st_size
    print(f"wrote {PDF_PATH.name} ({len(pages)} pages, {size} bytes) and {EXPECTED_PATH.name}")


if __name__ == "__main__":
    main()
