"""Agenda items: each numbered line's title and the lines that carry it on, its '(Pages x - y)' reference,
presenter, section and exempt flag under unnumbered headings (Part B, CLOSED SESSION)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from packparse.lexicon import exempt_paragraphs
from packparse.models import AgendaItem, PageRange
from packparse.pagemodel import Line, PageFurniture, Word
from packparse.parsers.frontsheet.itemnumbers import (
    _best_run,
    _Candidate,
    _candidates,
    _heading,
    _heading_like,
    _words_text,
)
from packparse.parsers.frontsheet.patterns import _DETAIL_LABEL, _PAGES
from packparse.textparse import find_date

if TYPE_CHECKING:  # types only: no import of that stage at run time
    from packparse.structure.numbering import Part

_PAGES_OPEN = re.compile(r"\(\s*Pages?\s*$", re.I)
_PRESENTER = re.compile(
    r"\s+[-–—]\s+(?:Joint\s+)?(?:(?:Verbal\s+)?(?:Report|Update|Presentation|Briefing)(?:\s+and\s+presentation)?"
    r"|Verbal\s+update|Verbal\s+report)s?\s+(?:of|from|by)\s+(?P<who>.+)$",
    re.I,
)
# A heading that opens the private part: "Part B", "EXEMPT ITEMS", "CLOSED SESSION:", "Closed Session 6:00-7:00
# PM", "EXECUTIVE SESSION" (but not "CLOSED SESSION REPORT" or "REPORT FROM CLOSED SESSION").
_EXEMPT_HEADING = re.compile(
    r"^(?:Part\s*(?:B|2|II)\b|EXEMPT\s+ITEMS|Exempt\s+Business|Items?\s+likely\s+to\s+be\s+considered\s+in\s+private"
    r"|PRIVATE\s+(?:SESSION|BUSINESS)|CONFIDENTIAL\s+ITEMS"
    r"|(?:CLOSED|EXECUTIVE)\s+SESSION(?:\s+(?:ITEMS?|AGENDA|BUSINESS))?(?=\s*(?:$|[:(\-–—]|\d)))",
    re.I,
)
# An item that returns to the open meeting: "REPORT FROM CLOSED SESSION", "Reconvene in open session".
_REOPEN = re.compile(r"\breport(?:s|ing)?\s+(?:from|out\s+of|on)\s+(?:the\s+)?(?:closed|executive)\s+session"
                     r"|\b(?:closed|executive)\s+session\s+report|\breconvene|\bopen\s+session|\badjourn", re.I)
_SESSION = re.compile(r"^(?:CLOSED|EXECUTIVE)\s+SESSION", re.I)  # set as a heading, not "Closed session: ..." prose
_OPEN_HEADING = re.compile(
    r"^(?:Part\s*(?:A|1|I)\b|UNRESTRICTED\s+ITEMS|Open\s+Business|OPEN\s+SESSION|PUBLIC\s+(?:SESSION|ITEMS))",
    re.I,
)
_TO_FOLLOW = re.compile(r"\s*(?:[-–—]\s*)?\(?\s*to\s+follow\s*\)?\.?$", re.I)
_CLOCK_TAIL = re.compile(r"\s+[-–]?\s*\d{1,2}[:.]\d{2}\s*[ap]\.?\s?m\.?$", re.I)
_ABBREVIATION_END = re.compile(r"\b(?:Inc|Ltd|LLP|LLC|Co|Corp|plc|Bros|etc)\.$")


@dataclass(slots=True)
class _Item:
    cand: _Candidate
    title_lines: list[Line] = field(default_factory=list)
    exempt: bool = False
    part: str | None = None
    section: str | None = None
    parent: str | None = None
    title: str = ""


@dataclass(slots=True)
class _Layout:
    """What the walk over an agenda's lines measures once: where items start and the pages' geometry."""

    lines: list[Line]
    starts: dict[int, _Candidate]  # line index -> the item numbered on it
    edges: dict[int, float]  # right edge of the text, per page
    widths: dict[int, float]
    page_firsts: set[int]  # ids of each page's first line
    footers: set[int]  # ids of the lines at the foot of a page
    column: float  # the leftmost numbering column
    first_page: int
    masthead_end: float  # the top of the meeting's date on the first page


@dataclass(slots=True)
class _Walk:
    """Where the walk is: the open section and whether the items under it are exempt."""

    exempt: bool = False
    exempt_depth: int = 0
    part: str | None = None
    section: str | None = None
    last_heading: int = -1


def parse_agenda_items(pages: list[PageFurniture]) -> list[AgendaItem]:
    """Numbered agenda items of the agenda pages `pages`, in order."""
    lines: list[Line] = []
    page_firsts: set[int] = set()  # by id, of the objects in `lines`: a spilled page read again gives others
    footers: set[int] = set()
    edges: dict[int, float] = {}
    for p in pages:  # each page's lines read once (a spilled page is read back from the page store)
        page_lines = list(p.lines)
        if page_lines:
            page_firsts.add(id(page_lines[0]))
        footers.update(id(ln) for ln in page_lines if ln.top >= 0.85 * p.height)
        edges[p.pdf_page] = max((ln.x1 for ln in page_lines), default=p.width)
        lines += page_lines
    run = _best_run(_candidates(lines))
    if not run:
        return []
    layout = _Layout(
        lines=lines,
        starts={c.index: c for c in run},
        edges=edges,
        widths={p.pdf_page: p.width for p in pages},
        page_firsts=page_firsts,
        footers=footers,
        column=min(c.line.x0 for c in run),
        first_page=pages[0].pdf_page,
        masthead_end=next((ln.top for ln in pages[0].lines if find_date(ln.text)), -1.0),
    )
    items: list[_Item] = []
    by_path: dict[tuple[Part, ...], _Item] = {}
    walk = _Walk()
    i = 0
    while i < len(lines):
        cand = layout.starts.get(i)
        if cand is None:
            _unnumbered(layout, walk, i)
            i += 1
            continue
        item = _Item(cand=cand, title_lines=[lines[i]])
        i = _title_lines(layout, item, i)
        item.title = _title_text(item)
        _place(item, walk, by_path)
        items.append(item)
    return [_finish(it) for it in items]


def _unnumbered(layout: _Layout, walk: _Walk, i: int) -> None:
    """An unnumbered line between items: a heading opens a section (exempt under 'Part B', 'CLOSED SESSION',
    open again under 'Part A')."""
    lines = layout.lines
    line = lines[i]
    text = " ".join(line.text.split())
    above = lines[i - 1] if i > 0 else None
    heading = _heading(line, text, layout.column, layout.widths.get(line.pdf_page, 600.0))
    if line.pdf_page == layout.first_page and line.top < layout.masthead_end:
        heading = None  # the masthead above the meeting's date: the council, the body, "AGENDA"
    if (heading is not None and above is not None and walk.last_heading != i - 1 and layout.starts.get(i - 1) is None
            and above.pdf_page == line.pdf_page and line.top - above.bottom < 0.5 * (above.bottom - above.top)):
        heading = None  # the second line of a paragraph or notice
    if _EXEMPT_HEADING.match(text) and (heading is not None or not _SESSION.match(text)):
        walk.exempt, walk.exempt_depth = True, 0
        walk.part = "B" if text.lower().startswith("part") else walk.part
        walk.section = heading or walk.section
    elif _OPEN_HEADING.match(text):
        walk.exempt, walk.part = False, "A" if text.lower().startswith("part") else walk.part
        walk.section = heading or walk.section
    elif heading is not None:
        walk.exempt = False
        joined = (above is not None and walk.last_heading == i - 1
                  and line.top - above.bottom < above.bottom - above.top)
        walk.section = f"{walk.section} {heading}" if joined else heading  # a heading set on two lines
    if heading is not None:
        walk.last_heading = i


def _title_lines(layout: _Layout, item: _Item, i: int) -> int:
    """Add to `item` the lines that carry its title on; the index of the line after them."""
    lines, starts = layout.lines, layout.starts
    prev, j = lines[i], i + 1
    while j < len(lines) and j not in starts:
        k = j
        while (k < len(lines) and k not in starts and lines[k].pdf_page == prev.pdf_page
               and id(lines[k]) in layout.footers
               and not _continues(prev, lines[k], item, layout.edges, layout.page_firsts)):
            k += 1  # a page number or footer between the title and its continuation overleaf
        if k >= len(lines) or k in starts or not _continues(prev, lines[k], item, layout.edges, layout.page_firsts):
            break
        item.title_lines.append(lines[k])
        prev, j = lines[k], k + 1
    return j


def _place(item: _Item, walk: _Walk, by_path: dict[tuple[Part, ...], _Item]) -> None:
    """The item's exempt flag, part, parent and section."""
    cand = item.cand
    depth = len(cand.path)
    if walk.exempt and ((walk.exempt_depth and depth <= walk.exempt_depth) or _REOPEN.search(item.title)):
        walk.exempt = False  # the item after a numbered closed session, or "REPORT FROM CLOSED SESSION"
    if _EXEMPT_HEADING.match(_words_text(cand.words)):
        walk.exempt, walk.exempt_depth = True, depth  # "11. CLOSED SESSION": the item opens the closed part
    item.exempt, item.part = walk.exempt, walk.part
    parent = next((by_path[cand.path[:d]] for d in range(depth - 1, 0, -1) if cand.path[:d] in by_path), None)
    item.section = walk.section
    if parent is not None:
        item.parent = parent.cand.number
        parent_title = parent.title.rstrip(" :")
        item.section = parent_title if _heading_like(parent_title) else parent.section
    by_path[cand.path] = item


def _continues(prev: Line, line: Line, item: _Item, edges: dict[int, float], page_firsts: set[int]) -> bool:
    """A continuation of the item's title: just below (or at the top of the next page), at the title's
    indent or deeper, in the same weight and case, not a detail label; at the title's own indent only
    after a line that ran on towards the margin."""
    cand = item.cand
    first = item.title_lines[0]
    height = max(prev.bottom - prev.top, 1.0)
    if line.pdf_page != prev.pdf_page:
        if not (id(line) in page_firsts and line.pdf_page == prev.pdf_page + 1):
            return False  # overleaf only from the foot of the page (the caller skips footers) to its top
    elif line.top - prev.bottom > 0.9 * height:
        return False
    if line.bold != first.bold or line.x0 <= first.x0 + 4 or _italic(line) != _italic(first):
        return False
    text = " ".join(line.text.split())
    prev_text = " ".join(prev.text.split())
    if _PAGES.match(text) or _PAGES_OPEN.search(prev_text):
        return True  # "(Pages 11 - 84)" on a line of its own
    if line.x0 < cand.title_x - 4 or _DETAIL_LABEL.match(text):
        return False
    if (re.search(r":\s*[-–]$", prev_text) or (prev_text.endswith(":") and line.x0 > cand.title_x + 4)) \
            and prev_text.count("(") <= prev_text.count(")"):
        return False  # "Accounts for payment:-" introduces the lines listed (indented) under it
    title_letters = [c for c in _words_text(cand.words) if c.isalpha()]
    capitals = len(title_letters) >= 4 and all(c.isupper() for c in title_letters)
    if capitals and any(c.islower() for c in text):
        return False  # a description under a title in capitals
    open_bracket = prev_text.count("(") > prev_text.count(")")
    if abs(line.x0 - cand.title_x) <= 4:
        edge = edges.get(prev.pdf_page, prev.x1)
        short = prev.x1 < cand.title_x + 0.5 * (edge - cand.title_x)
        return not short or open_bracket or text.startswith("(")
    if _FILE_NUMBER_LINE.match(text) or _set_apart(prev, line, cand.title_x, edges.get(prev.pdf_page, prev.x1)):
        return False  # a file number's own line ("21-023 Final Adoption ..."), or a line set apart (centred)
    # deeper than the title: a stacked sub-line, unless the line above ended a sentence
    return not (prev_text.endswith(".") and text[:1].isupper() and not open_bracket)


def _set_apart(prev: Line, line: Line, title_x: float, edge: float) -> bool:
    """A line far to the right of the title that lines up with no word above it, under a line that stopped
    short: a centred signature or note, not the title's stacked sub-line or the last word of a wrapped one."""
    span = max(edge - title_x, 1.0)
    far = line.x0 > title_x + 0.25 * span
    aligned = any(abs(line.x0 - w.x0) <= 4 for w in prev.words)
    note = " ".join(line.text.split()).startswith("(")  # "(a max. of 5 minutes allotted to each speaker)"
    return far and not aligned and (prev.x1 < title_x + 0.75 * span or note)


_FILE_NUMBER_LINE = re.compile(r"^\d{2}-\d{3,5}\s")  # a records system's file number: "21-023", "20-1077"


def _italic(line: Line) -> bool:
    total = sum(len(w.text) for w in line.words) or 1
    return sum(len(w.text) for w in line.words if w.italic) / total > 0.6


def _title_text(item: _Item) -> str:
    texts = [_words_text(_before_side_note(item.cand.words))] + [_words_text(ln.words) for ln in item.title_lines[1:]]
    out = ""
    for t in texts:
        t = " ".join(t.split())
        if out and re.search(r"\w-$", out) and t[:1].isalnum():
            out += t  # a hard hyphen at the end of the line: "R7-" + "Medium-Density"
        else:
            out = f"{out} {t}" if out else t
    return out


def _before_side_note(words: list[Word]) -> list[Word]:
    """The title's words before a note set in a column of its own: "Recess to Closed Session      (A maximum
    of 5 minutes will be allotted to each speaker)"; a page reference there stays."""
    for k in range(1, len(words)):
        gap = words[k].x0 - words[k - 1].x1
        if gap > 1.4 * max(words[k].size, 1.0) and words[k].text.startswith("("):
            rest = " ".join(w.text for w in words[k:])
            if not (_PAGES.match(rest) or _PAGES_OPEN.match(rest) or rest.lower().startswith("(page")):
                return words[:k]
    return words


def _finish(item: _Item) -> AgendaItem:
    first = item.title_lines[0]
    text = item.title
    printed = None
    pm = _PAGES.search(text)
    if pm:
        a = int(pm["a"])
        printed = PageRange(first=a, last=int(pm["b"] or a))
        text = " ".join((text[: pm.start()] + " " + text[pm.end():]).split())
    text = _PAGES_OPEN.sub("", text).strip()
    text = _TO_FOLLOW.sub("", text).strip()
    if len(text.split()) > 3:
        text = _CLOCK_TAIL.sub("", text)  # "CALL TO ORDER 6:00 p.m.": the time the item is scheduled for
    paragraphs = exempt_paragraphs(text)
    presenter = None
    if pr := _PRESENTER.search(text):
        presenter = pr["who"].strip(" .")
        text = text[: pr.start()]
    title = text.strip()
    if not _ABBREVIATION_END.search(title):  # "... Day & Co., LLP." keeps the stop of its abbreviation
        title = title.rstrip(".").strip()
    exempt = item.exempt or bool(paragraphs)
    pages = {ln.pdf_page for ln in item.title_lines}
    return AgendaItem(
        number=item.cand.number, title=title, presenter=presenter, printed_pages=printed, exempt=exempt,
        part=item.part, exempt_paragraphs=paragraphs, pdf_page=min(pages), bbox=first.bbox,
        level=max(1, len(item.cand.path)), parent=item.parent, section=item.section,
    )
