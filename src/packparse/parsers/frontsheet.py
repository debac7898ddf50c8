"""The front sheet (or a stand-alone agenda): meeting details and the numbered agenda items.

Items come from layout and numbering. A line that opens with an item number ("3.", "10.3", "G-4",
"D1", "1.A", "(a)", "9a") at one of the agenda's numbering columns is a candidate, and the items are the
best run of candidates whose numbers follow on from each other ("4.4" -> "4.5", "5", "4.4.1", "(a)"),
numbered in the same column and style: numbered clauses inside a recommendation, a numbered list of
instructions or a wrapped line that happens to start with a number do not continue the run. An item's
title is its first line and the lines that carry it on: close below, at the title's indent or deeper, in
the same weight (and in capitals when it is), not a "Label:" line ("Recommendation:", "Property:"), and
at the title's own indent only after a line that ran on towards the margin. The "(Pages x - y)"
reference and the presenter ("- Report of ...") are taken out of the title. Unnumbered headings
("CONSENT CALENDAR", "Part B", "CLOSED SESSION", "EXECUTIVE SESSION") give the items their section and
set the exempt flag of the items that follow until the next open heading; a numbered "CLOSED SESSION"
item makes itself and the items nested under it exempt.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from packparse.models import AgendaItem, Contact, Meeting, PageRange, Person
from packparse.pagemodel import Line, PageFurniture, Word
from packparse.structure.numbering import NumberToken, Part, follows, read_number
from packparse.textparse import EMAIL, find_date, find_time, parse_date

_NUMBER = (
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?|\d{1,3}\.[A-Z](?!\w)|[A-Z]{1,2}-?\d{1,3}(?:\.\d{1,2})?|[A-Z]"
    r"|\(?[a-z]\)|\((?:[ivx]{2,4}|\d{1,2})\))"
)
_ITEM_LINE = re.compile(rf"^{_NUMBER}(?P<sep>[.):]?)(?P<gap>\s+)(?P<rest>\S.*)$")
_PAGES = re.compile(r"\(\s*Pages?\s+(?P<a>\d{1,4})(?:\s*[-–—]\s*(?P<b>\d{1,4}))?\s*\)", re.I)
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
_SCHEDULE_12A = re.compile(r"paragraphs?\s+(?P<p>[\d,\sand]+?)\s+of\s+(?:Part\s+1\s+of\s+)?Schedule\s+12A",
                           re.I)
_TO_FOLLOW = re.compile(r"\s*(?:[-–—]\s*)?\(?\s*to\s+follow\s*\)?\.?$", re.I)
_MONTH_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", re.I)
_LABEL = re.compile(
    r"^(?:(?:Regular|Special|Adjourned)\s+)?(?:Meeting\s+)?(?P<label>Date|Time|Venue|Place|Location|Where|When)"
    r"(?:\s*:\s*|\s{2,})(?P<value>\S.*)$", re.I)
_CONTACT_LABELS = re.compile(
    r"\s+(?:Ask\s+for|Telephone|Tel(?:ephone)?\s*(?:No\.?)?|E-?mail|Contact|Direct\s+Dial)\s*:.*$", re.I)
_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’&-]+\s){1,4}(?:County|City|Borough|District|Parish|Town|Community|Metropolitan)"
    r"(?:\s+Borough)?\s+Council)\b|\b(City\s+of\s+[A-Z][\w ]+?)(?:\s{2,}|,|$)",
)
_CONTACT = re.compile(
    r"Contact\s*:?\s*(?P<name>[A-Z][\w.'’ -]+?)\s{2,}(?:Tel(?:ephone)?\s*:?\s*(?P<tel>[\d ()+]{6,}))?", re.I)
_MEMBERS_HEAD = re.compile(r"^(?:To\s*:\s*)?(?:The\s+)?(?:Members?|Membership)\b", re.I)
_NON_BODY = re.compile(r"^(?:agenda|public\s+reports?\s+pack|notice(?:\s+of\s+meeting)?|summons.*|supplement.*"
                       r"|notice\s+and\s+agenda|agenda\s+and\s+notice|(?:regular|special)\s+meeting(?:\s+agenda)?)$",
                       re.I)
# "Recommendation:", "Recommended Action:", "Attachment(s):", "Property:", "Agency Negotiators:": the details
# printed under an item, never its title.
_DETAIL_LABEL = re.compile(r"^[A-Z][\w’'()/&-]*(?:\s+[\w’'()/&-]+){0,3}\s*:(?:\s|$)")
_FILE_NUMBER = re.compile(r"^\d{2}-\d{3,5}\s{2,}(?=\S)")  # "1.A  21-0109  Approve ...": a file number column
_CLOCK = re.compile(r"^[AP]\.?M\.?(?:\s|$|[-–,])", re.I)  # "7 P.M. COUNCIL MEETING" is a time, not item 7
_TIME_TAIL = re.compile(
    r"\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[-–]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?$", re.I)
_CLOCK_TAIL = re.compile(r"\s+[-–]?\s*\d{1,2}[:.]\d{2}\s*[ap]\.?\s?m\.?$", re.I)
_ORDINAL = re.compile(r"st|nd|rd|th")
_ABBREVIATION_END = re.compile(r"\b(?:Inc|Ltd|LLP|LLC|Co|Corp|plc|Bros|etc)\.$")


# --------------------------------------------------------------------------------------------------
# Item numbers and the order they follow


@dataclass(slots=True)
class _Candidate:
    index: int  # into the agenda's lines
    line: Line
    number: str
    parts: tuple[Part, ...]
    relative: bool
    words: list[Word]  # the title's words on the first line
    title_x: float
    weight: float = 1.0
    path: tuple[Part, ...] = ()
    section: int = 0  # unnumbered headings above it: a numbering may start again under a new heading


def _candidates(lines: list[Line]) -> list[_Candidate]:
    columns = _numbering_columns(lines)
    left = min(columns, default=0.0)
    out: list[_Candidate] = []
    section = 0
    for i, line in enumerate(lines):
        token = _item_number(line.text)
        if token is None:
            if _heading(line, " ".join(line.text.split()), left, 612.0) is not None:
                section += 1
            continue
        words = _title_words(line, token)
        if not words:
            continue
        cand = _Candidate(index=i, line=line, number=token.text, parts=token.parts, relative=token.relative,
                          words=words, title_x=words[0].x0, section=section)
        cand.weight = _weight(cand, lines)
        if not _at_column(line.x0, columns):
            cand.weight -= OFF_COLUMN  # a lone number out of line: an item only where the sequence needs it
        out.append(cand)
    return out


def _title_words(line: Line, token: NumberToken) -> list[Word]:
    """The words after the item number (and after a file number printed in a column of its own)."""
    k = len(line.text[:token.rest_offset].split())
    words = line.words
    if _FILE_NUMBER.match(token.rest) and k < len(words) - 1:
        k += 1
    return words[k:]


def _weight(cand: _Candidate, lines: list[Line]) -> float:
    """How much a candidate looks like an item: less for a line starting in lower case or with a dash (a
    wrapped line of text), and for a paragraph whose next line wraps back under its number."""
    weight = 1.0
    first = cand.words[0].text[:1]
    if not (first.isupper() or first.isdigit() or first in "(\"“‘'£$#"):
        weight -= 0.6
    if re.search(r"[a-z]{2}\.\s+[A-Z][a-z]", _words_text(cand.words)):
        weight -= 0.5  # a sentence ends inside the first line: prose (instructions), not an item's title
    line = cand.line
    if cand.index + 1 < len(lines):
        nxt = lines[cand.index + 1]
        if (nxt.pdf_page == line.pdf_page and nxt.top - line.bottom < 0.9 * max(line.bottom - line.top, 1.0)
                and abs(nxt.x0 - line.x0) <= 2 and read_number(nxt.text) is None):
            weight -= 0.6
    return weight


_WINDOW = 80  # an item follows one of the 80 candidates before it: keeps a long document linear
OFF_COLUMN = 0.55  # weight lost by a numbered line that starts at none of the agenda's numbering columns
RESTART = 1.2  # cost of a numbering that starts again at 1 (or I, A) under a new unnumbered heading: a list
# of one never pays for it


def _best_run(cands: list[_Candidate]) -> list[_Candidate]:
    """The run of candidates whose numbers follow on from each other with the best score: each item
    counts its weight, less the cost of its step and of a change of column or style among siblings."""
    n = len(cands)
    score = [0.0] * n
    back = [-1] * n
    paths: list[tuple[Part, ...]] = [()] * n
    styles: list[dict[int, tuple[float, bool, float]]] = [{} for _ in range(n)]
    for i, cand in enumerate(cands):
        top = cand.parts[0].value if cand.parts else 0
        best = (cand.weight - (0.0 if top == 1 else 0.3) - (0.5 if cand.relative else 0.0), -1, cand.parts)
        for j in range(max(0, i - _WINDOW), i):
            step = follows(paths[j], cand.parts, cand.relative)
            if step is None and _first_number(cand) and cand.section > cands[j].section:
                step = (cand.parts, RESTART)  # "CLOSED SESSION" 1, 2 ... "REGULAR SESSION" 1, 2 ...
            if step is None:
                continue
            path, cost = step
            if path == paths[j] and not _adjacent(cands[j].line, cand.line):
                cost = 0.8  # the same number again further on: more likely a list starting over
            total = score[j] + cand.weight - cost - _style_cost(styles[j], len(path), cand)
            if total > best[0]:
                best = (total, j, path)
        score[i], back[i], paths[i] = best
        seen = dict(styles[best[1]]) if best[1] >= 0 else {}
        seen[len(paths[i])] = (cand.line.x0, cand.line.bold, cand.line.size)
        styles[i] = seen
    if not n:
        return []
    i = max(range(n), key=lambda k: score[k])
    if score[i] <= 0:
        return []
    run: list[_Candidate] = []
    while i >= 0:
        cands[i].path = paths[i]
        run.append(cands[i])
        i = back[i]
    return run[::-1]


def _first_number(cand: _Candidate) -> bool:
    return not cand.relative and len(cand.parts) == 1 and cand.parts[0].value == 1


def _adjacent(a: Line, b: Line) -> bool:
    return a.pdf_page == b.pdf_page and 0 <= b.top - a.bottom < 3 * max(a.bottom - a.top, 1.0)


def _style_cost(seen: dict[int, tuple[float, bool, float]], depth: int, cand: _Candidate) -> float:
    line = cand.line
    if depth in seen:
        x, bold, size = seen[depth]
        return ((0.6 if abs(line.x0 - x) > 6 else 0.0) + (0.25 if line.bold != bold else 0.0)
                + (0.25 if abs(line.size - size) > 0.6 else 0.0))
    if depth - 1 in seen and line.x0 < seen[depth - 1][0] - 6:
        return 0.4  # a nested item to the left of its parent
    return 0.0


def _numbering_columns(lines: list[Line]) -> list[float]:
    """x positions where at least two numbered lines start: the agenda's numbering columns."""
    xs: list[float] = []
    referenced: list[float] = []  # a lone item is still an item when it quotes its pages
    for i, ln in enumerate(lines):
        if _item_number(ln.text) is not None:
            xs.append(ln.x0)
            if any(_PAGES.search(x.text) or "(Page" in x.text for x in lines[i: i + 4]):
                referenced.append(ln.x0)
    columns: list[float] = []
    for x in sorted(xs):
        enough = sum(1 for y in xs if abs(y - x) <= 4) >= 2 or any(abs(r - x) <= 4 for r in referenced)
        if enough and not any(abs(c - x) <= 4 for c in columns):
            columns.append(x)
    return columns


def _at_column(x: float, columns: list[float]) -> bool:
    return any(abs(x - c) <= 4 for c in columns)


def _item_number(text: str) -> NumberToken | None:
    """The number of a line numbered like an item: '3.' or '3' followed by a tab stop, not a date, a time or
    an amount; a running number of four or five digits ("2779.") only with its stop or a tab stop."""
    token = read_number(text)
    if token is None:
        return None
    num, rest = token.text, token.rest
    sep = token.sep in ".):"
    wide = len(token.gap) >= 2
    if _MONTH_WORD.match(rest) or (num[0].isdigit() and _CLOCK.match(rest)):
        return None
    if token.prefix is not None:
        return token  # "Item 4", "Minute 12"
    if len(rest) > 2 and all(len(w) == 1 for w in rest.split()):
        return None  # "A G E N D A": a word set letter-spaced, not item A
    if rest[:1].isdigit() and not (sep or wide):
        return None  # "8 December", "10 000": a date or an amount, unless set as "5.  24/00108 - ..."
    if token.parts and token.parts[0].value >= 1000 and not (sep or wide):
        return None  # a year or an amount, not a running minute number
    if not sep and not wide and not num[0].isdigit():
        return None  # "A new ..." is prose, not item A
    return token


# --------------------------------------------------------------------------------------------------
# Items: titles, sections, nesting and the exempt flag


@dataclass(slots=True)
class _Item:
    cand: _Candidate
    title_lines: list[Line] = field(default_factory=list)
    exempt: bool = False
    part: str | None = None
    section: str | None = None
    parent: str | None = None
    title: str = ""


def parse_agenda_items(pages: list[PageFurniture]) -> list[AgendaItem]:
    """Numbered agenda items of the agenda pages `pages`, in order."""
    lines = [ln for p in pages for ln in p.lines]
    run = _best_run(_candidates(lines))
    if not run:
        return []
    starts = {c.index: c for c in run}
    edges = {p.pdf_page: max((ln.x1 for ln in p.lines), default=p.width) for p in pages}
    widths = {p.pdf_page: p.width for p in pages}
    page_firsts = {id(p.lines[0]) for p in pages if p.lines}
    footers = {id(ln) for p in pages for ln in p.lines if ln.top >= 0.85 * p.height}
    column = min(c.line.x0 for c in run)
    masthead_end = next((ln.top for ln in pages[0].lines if find_date(ln.text)), -1.0)
    items: list[_Item] = []
    by_path: dict[tuple[Part, ...], _Item] = {}
    exempt, exempt_depth, part, section = False, 0, None, None
    last_heading = -1
    i = 0
    while i < len(lines):
        line = lines[i]
        cand = starts.get(i)
        if cand is None:
            text = " ".join(line.text.split())
            above = lines[i - 1] if i > 0 else None
            heading = _heading(line, text, column, widths.get(line.pdf_page, 600.0))
            if line.pdf_page == pages[0].pdf_page and line.top < masthead_end:
                heading = None  # the masthead above the meeting's date: the council, the body, "AGENDA"
            if (heading is not None and above is not None and last_heading != i - 1 and starts.get(i - 1) is None
                    and above.pdf_page == line.pdf_page and line.top - above.bottom < 0.5 * (above.bottom - above.top)):
                heading = None  # the second line of a paragraph or notice
            if _EXEMPT_HEADING.match(text) and (heading is not None or not _SESSION.match(text)):
                exempt, exempt_depth = True, 0
                part = "B" if text.lower().startswith("part") else part
                section = heading or section
            elif _OPEN_HEADING.match(text):
                exempt, part = False, "A" if text.lower().startswith("part") else part
                section = heading or section
            elif heading is not None:
                exempt = False
                joined = (above is not None and last_heading == i - 1
                          and line.top - above.bottom < above.bottom - above.top)
                section = f"{section} {heading}" if joined else heading  # a heading set on two lines
            if heading is not None:
                last_heading = i
            i += 1
            continue
        item = _Item(cand=cand, title_lines=[line])
        prev, j = line, i + 1
        while j < len(lines) and j not in starts:
            k = j
            while (k < len(lines) and k not in starts and lines[k].pdf_page == prev.pdf_page
                   and id(lines[k]) in footers and not _continues(prev, lines[k], item, edges, page_firsts)):
                k += 1  # a page number or footer between the title and its continuation overleaf
            if k >= len(lines) or k in starts or not _continues(prev, lines[k], item, edges, page_firsts):
                break
            item.title_lines.append(lines[k])
            prev, j = lines[k], k + 1
        item.title = _title_text(item)
        depth = len(cand.path)
        if exempt and ((exempt_depth and depth <= exempt_depth) or _REOPEN.search(item.title)):
            exempt = False  # the item after a numbered closed session, or "REPORT FROM CLOSED SESSION"
        if _EXEMPT_HEADING.match(_words_text(cand.words)):
            exempt, exempt_depth = True, depth  # "11. CLOSED SESSION": the item opens the closed part
        item.exempt, item.part = exempt, part
        parent = next((by_path[cand.path[:d]] for d in range(depth - 1, 0, -1) if cand.path[:d] in by_path), None)
        item.section = section
        if parent is not None:
            item.parent = parent.cand.number
            parent_title = parent.title.rstrip(" :")
            item.section = parent_title if _heading_like(parent_title) else parent.section
        by_path[cand.path] = item
        items.append(item)
        i = j
    return [_finish(it) for it in items]


def _heading(line: Line, text: str, column: float, width: float) -> str | None:
    """The text of an unnumbered section heading ("CONSENT CALENDAR", "Closed Session 6:00-7:00 PM",
    "Part B"): short, in capitals, bold or title case, at the numbering column or centred; else None."""
    text = _TIME_TAIL.sub("", text).strip()
    words = text.split()
    if not words or len(words) > 12 or len(text) > 90 or not text[0].isalnum() or text[-1] in ".,;":
        return None
    if (find_date(text) or (_DETAIL_LABEL.match(text) and not text.endswith(":")) or _NON_BODY.match(text)
            or _ITEM_LINE.match(text) or len(re.split(r"\s{2,}", line.text.strip())) >= 3
            or re.match(r"^(?:(?:agenda\s+)?item(?:\s+no\.?)?$|dear\b|yours\b)", text, re.I)):
        return None  # a date line, a label, an item, a table row, the head of the items' column
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return None
    at_column = abs(line.x0 - column) <= 6
    centred = (line.x0 > column + 20 and line.x1 - line.x0 < 0.6 * width
               and abs((line.x0 + line.x1) / 2 - width / 2) < 0.08 * width)
    outdented = line.x0 < column - 6 and line.bold  # a bold heading hanging left of the item numbers
    if not (at_column or centred or outdented):
        return None
    capitals = all(c.isupper() for c in letters)
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and all(w[0].isupper() for w in long_words)
    if not capitals and re.search(r":\s+\S", text):
        return None  # "Time Estimate for Consent Calendar: 1 - 10 Minutes"
    if capitals or line.bold or (at_column and title_case):
        return text.rstrip(" :")
    return None


def _heading_like(text: str) -> bool:
    """A short title with no full stop: an item that heads the items nested under it."""
    return 0 < len(text.split()) <= 10 and not text.endswith(".")


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
    # deeper than the title: a stacked sub-line, unless the line above ended a sentence
    return not (prev_text.endswith(".") and text[:1].isupper() and not open_bracket)


def _italic(line: Line) -> bool:
    total = sum(len(w.text) for w in line.words) or 1
    return sum(len(w.text) for w in line.words if w.italic) / total > 0.6


def _words_text(words: list[Word]) -> str:
    """Words joined with spaces, except a superscript ordinal ("7 th" -> "7th") and letters the text layer
    split without a gap ("P ublic")."""
    out: list[str] = []
    prev: Word | None = None
    for w in words:
        if prev is not None:
            ordinal = (_ORDINAL.fullmatch(w.text) is not None and prev.text[-1:].isdigit()
                       and w.size < 0.85 * prev.size)
            if not (ordinal or w.x0 - prev.x1 < 0.6):
                out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)


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
    paragraphs = []
    if sm := _SCHEDULE_12A.search(text):
        paragraphs = re.findall(r"\d+", sm["p"])
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


def parse_meeting(pages: list[PageFurniture]) -> Meeting:
    """Council, body, date, time and venue from the top of the agenda's first page, and the rest."""
    meeting = Meeting()
    if not pages:
        return meeting
    first = pages[0]
    lines = first.lines
    meeting.pdf_page = first.pdf_page
    all_lines = [ln for p in pages for ln in p.lines]
    month_first = _month_first(all_lines)
    labelled = _labelled_values(lines)
    head_text = " ".join(" ".join(_CONTACT_LABELS.sub("", ln.text).split()) for ln in lines[:40])
    date_src = head_text
    for src in (labelled.get("date"), labelled.get("when"), head_text):
        if src and (iso := _date(src, month_first)):
            meeting.date, date_src = iso, src
            break
    for src in (labelled.get("time"), labelled.get("when"), date_src, head_text):
        if src and (found_t := find_time(src)):
            meeting.start_time = found_t[0]
            break
    meeting.venue = (labelled.get("venue") or labelled.get("place") or labelled.get("location")
                     or labelled.get("where") or _venue_near_date(lines, month_first))
    meeting.body = _body(lines)
    if held := _HELD.search(" ".join(" ".join(ln.text.split()) for ln in all_lines[:80])):
        # "A meeting of the County Council will be held in the Council Chamber, ... on Thursday, ..."
        if meeting.body is None or meeting.body.lower().startswith("meeting"):
            meeting.body = held["body"].strip()
        meeting.venue = meeting.venue or held["venue"].strip(" ,")
    if dated := _body_dash_date(lines):  # "CABINET - THURSDAY, 30 JANUARY 2025" (supplements)
        meeting.body, meeting.date = dated
    meeting.body = _without_place(meeting.body, all_lines)
    meeting.council = find_council(pages)
    meeting.members = _members(all_lines)
    meeting.contact = _contact(pages)
    _signatory(pages, meeting)
    return meeting


_MDY = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                  r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.I)
_DMY = re.compile(r"\b\d{1,2}\s?(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September"
                  r"|October|November|December),?\s+(?:19|20)\d\d\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")


def _month_first(lines: list[Line]) -> bool:
    """Whether the document writes dates month first ("January 12, 2021"): then "1/12/2021" is 12 January."""
    text = " ".join(ln.text for ln in lines)
    return len(_MDY.findall(text)) > len(_DMY.findall(text))


def _date(text: str, month_first: bool) -> str | None:
    found = find_date(text)
    if found and month_first and (m := _NUMERIC_DATE.match(text, found[1])):
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        return _iso(year, int(m["a"]), int(m["b"])) or found[0]
    return found[0] if found else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _labelled_values(lines: list[Line]) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, line in enumerate(lines[:40]):
        m = _LABEL.match(line.text.strip())
        if not m:
            continue
        key = m["label"].lower()
        value = _CONTACT_LABELS.sub("", " ".join(m["value"].split())).strip()
        # a value that wraps: the next line starts at the value's x and is close below
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (key in ("venue", "place", "location", "where") and nxt is not None
                and not _LABEL.match(nxt.text) and nxt.top - line.bottom < 0.6 * (line.bottom - line.top)
                and nxt.x0 > line.x0 + 20):
            value += " " + " ".join(nxt.text.split())
        values.setdefault(key, value)
    return values


@dataclass(slots=True)
class _Segment:
    """Words of a line between two wide gaps (tab stops, columns)."""

    text: str
    x0: float
    x1: float


def _segments(line: Line) -> list[_Segment]:
    """The line's segments, up to a contact label ("Ask for:", "Telephone:", "Email:") in it."""
    groups: list[list[Word]] = []
    for w in line.words:
        if groups and w.x0 - groups[-1][-1].x1 <= max(w.size, groups[-1][-1].size, 6) * 1.2:
            groups[-1].append(w)
        else:
            groups.append([w])
    out: list[_Segment] = []
    for group in groups:
        cut = next((k for k in range(len(group))
                    if _CONTACT_START.match(" " + " ".join(w.text for w in group[k:k + 3]))), None)
        kept = group if cut is None else group[:cut]
        if kept:
            out.append(_Segment(" ".join(w.text for w in kept), kept[0].x0, kept[-1].x1))
        if cut is not None:
            break
    return out


_CONTACT_START = re.compile(r"(?:^|\s)(?:Ask\s+for|Telephone|Tel\.?|E-?mail|Contact|Direct\s+Dial)\s*:", re.I)
_CLOCK_TIME = r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)|\d{1,2}:\d{2}\b"
_TIME_PART = re.compile(rf"(?:\s*(?:[-–@,]|\bat\b))?\s*\b(?:{_CLOCK_TIME})\s*[-–,]?", re.I)
_INLINE_VENUE = re.compile(rf"(?:{_CLOCK_TIME})\s*,?\s+(?:in|at)\s+(?P<venue>\S.{{2,}})$", re.I)
_MEETING_KIND = re.compile(
    r"^(?:(?:regular|special|adjourned|closed|open|joint|annual|budget|extraordinary|ordinary|emergency)\s+)+"
    r"(?:meeting|session)s?$", re.I)
_VENUE_LEAD = re.compile(r"^(?:this\s+is\s+an?\s+|the\s+meeting\s+will\s+be\s+held\s+(?:at|in|on|by)\s+)", re.I)


def _venue_near_date(lines: list[Line], month_first: bool) -> str | None:
    """The venue printed with the meeting's date: after its time on the same line ("... at 7.30pm in the
    Village Hall"), in another column of that line, or on the lines below in the date's column (skipping
    times, "Regular Meeting" and bracketed notes)."""
    for i, line in enumerate(lines[:40]):
        segs = _segments(line)
        at = next((k for k, s in enumerate(segs) if _date(s.text, month_first)), None)
        if at is None:
            continue
        date_seg = segs[at]
        if m := _INLINE_VENUE.search(date_seg.text):
            return _VENUE_LEAD.sub("", m["venue"]).strip(" ,.")
        others = [s for k, s in enumerate(segs) if k != at and _venue_piece(s.text)]
        if others:
            return _venue_below(lines, i, others[0], [_venue_piece(others[0].text) or ""])
        return _venue_below(lines, i, date_seg, [])
    return None


def _venue_piece(text: str) -> str | None:
    """`text` as part of a venue, or None when it is a time, a date, a meeting kind, a council or a contact."""
    if text.rstrip().endswith(":"):
        return None  # a label ("Date:")
    text = " ".join(_TIME_PART.sub(" ", " ".join(text.split())).split()).strip(" ,-–").lstrip("| ")
    text = _VENUE_LEAD.sub("", text)
    if (not text or len(text) < 3 or find_date(text) or _MEETING_KIND.match(text) or _NON_BODY.match(text)
            or _COUNCIL.fullmatch(text) or re.match(r"^City\s+of\b", text, re.I) or EMAIL.search(text)
            or re.match(r"^[\d\s()+]+$", text) or _numbered(text) or re.search(r"\bagenda\b", text, re.I)):
        return None
    return text


def _numbered(text: str) -> bool:
    """An agenda item's line ("1. To receive apologies"), not an address ("12 Journey")."""
    m = _ITEM_LINE.match(text)
    return bool(m and m["sep"])


def _venue_below(lines: list[Line], i: int, column: _Segment, pieces: list[str]) -> str | None:
    """Venue lines below line `i`, in the column of `column`, until a gap, a change of type or of column."""
    prev, style = lines[i], (lines[i] if pieces else None)
    in_note = False
    for nxt in lines[i + 1: i + 12]:
        height = max(prev.bottom - prev.top, 1.0)
        if nxt.top - prev.bottom > (1.6 if pieces else 2.5) * height:
            break
        if style is not None and (abs(nxt.size - style.size) > 0.6 or nxt.bold != style.bold):
            break
        prev = nxt
        segs = [s for s in _segments(nxt) if s.x0 < column.x1 and s.x1 > column.x0]
        text = " ".join(" ".join(s.text for s in segs).split())
        if not text:
            if pieces:
                break
            continue
        if in_note or text.startswith("("):  # "(or on the rising of Full Council, whichever is the later)"
            in_note = text.count("(") + (1 if in_note else 0) > text.count(")")
            continue
        piece = _venue_piece(text)
        if piece is None:
            if pieces and (find_date(text) or EMAIL.search(text) or _NON_BODY.match(text) or _numbered(text)):
                break
            continue
        pieces.append(piece)
        style = style or nxt
    out = ""
    for piece in pieces:
        joiner = " " if not out or out[-1] in ",|;:&-–" or piece[:1].islower() else ", "
        out = (out + joiner + piece).strip() if out else piece
    return out or None


_BODY_PHRASE = re.compile(
    r"(?:[Tt]he\s+)?(?:(?:[A-Z][\w'’&-]*|of|and|for|&)\s+){0,5}"
    r"(?i:council|committee|sub-committee|commission|panel|cabinet|board|forum|authority|assembly|trustees)"
    r"(?:\s+(?i:of)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?")
_AGENDA_TAIL = re.compile(
    r"\s*\b(?:(?:regular|special|adjourned|joint|annual|budget)\s+)?(?:meeting\s+)?(?:notice\s+and\s+)?agenda\b.*$",
    re.I)


def _body(lines: list[Line]) -> str | None:
    """The committee: the body an agenda is titled with ("CITY COUNCIL AGENDA AND NOTICE"), else the largest
    heading on the page that is not 'Agenda' or the council, else the first body-like heading (a parish
    council's own agenda: the council itself)."""
    for text in _head_segments(lines):
        if (bare := _AGENDA_TAIL.sub("", text).strip(" ,-–")) != text and _BODY_PHRASE.fullmatch(bare):
            return bare
    found = _body_by_size(lines)
    if found is not None and _BODY_PHRASE.search(found) and not _ITEM_LINE.match(found) and len(found) <= 60:
        return found
    for text in _head_segments(lines):
        bare = _AGENDA_TAIL.sub("", text).strip(" ,-–")
        if bare and not re.match(r"^City\s+of\b", bare, re.I) and _BODY_PHRASE.fullmatch(bare):
            return bare
    return found


def _head_segments(lines: list[Line]) -> list[str]:
    return [" ".join(s.split()) for ln in lines[:25] for s in re.split(r"\s{2,}", ln.text.strip()) if s.strip()]


def _without_place(body: str | None, lines: list[Line]) -> str | None:
    """"ALISO VIEJO CITY COUNCIL" -> "CITY COUNCIL" where the text names the place as "City of Aliso Viejo":
    the body of a city, not a council of that name."""
    if body is None or not (m := re.fullmatch(r"(?P<place>.+?)\s+(?P<kind>(?:City|Town|Village)\s+Council)", body,
                                              re.I)):
        return body
    text = " ".join(ln.text for ln in lines[:200])
    place = re.escape(m["place"])
    if re.search(rf"\b(?:City|Town|Village)\s+of\s+{place}\b", text, re.I):
        return m["kind"]
    return body


def _body_by_size(lines: list[Line]) -> str | None:
    """The largest heading on the page that is not 'Agenda' or the council."""
    top = [ln for ln in lines[:25] if len(ln.text.strip()) > 2]
    if not top:
        return None
    sizes = sorted({round(ln.size) for ln in top}, reverse=True)
    for size in sizes[:3]:
        group = [ln for ln in top if round(ln.size) == size]
        text = " ".join(" ".join(ln.text.split()) for ln in group[:4])
        m = re.search(r"(?:meeting\s+of|agenda\s+for)\s+(?:an?\s+|the\s+)?(?:(?:extraordinary|budget|annual|"
                      r"special|ordinary)\s+)?(?P<body>.+?)(?:\s+meeting\b|\s+to\s+be\s+held|\s+on\s+\w+day|$)",
                      text, re.I)
        if m:
            return m["body"].strip(" ,")
        for ln in group:
            t = " ".join(ln.text.split())
            if _NON_BODY.match(t) or _COUNCIL.fullmatch(t) or find_date(t) or len(t) > 80:
                continue
            return t
    return None


_HELD = re.compile(
    r"\bmeeting\s+of\s+(?:the\s+)?(?P<body>[A-Z][\w&'’ -]{2,60}?)\s+(?:will\s+be|is\s+to\s+be|to\s+be)\s+held\s+"
    r"(?:in|at)\s+(?:the\s+)?(?P<venue>[A-Z].{3,120}?)\s+on\s+(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY", re.I)


def find_council(pages: list[PageFurniture]) -> str | None:
    """The council's name as printed near the top of the first pages ("Durham County Council").

    A line (or a cell of one) among a page's first lines that is, or begins with, a council's name, as
    letterheads and headings print it, wins over a name inside a sentence. Only the '<Place> <kind> Council'
    form is read from sentences, and only on the first two pages, never 'City of ...' ("resides in the City
    of ..." is an address, "an Ordinance of the City of X Approving ..." runs on).
    """
    heads = [" ".join(line.text.split()) for page in pages for line in page.lines[:6]]
    for text in heads:
        for cell in re.split(r"\s{2,}|\s[|–-]\s", text):
            cell = cell.strip(" .,:")
            if _COUNCIL_LINE.fullmatch(cell) and (name := _council_name(cell)):
                return _name_case(name)
            if (m := _COUNCIL_IN_TEXT.match(cell)) and (name := _council_name(m.group(0))):
                return _name_case(name)  # "Kent County Council Labour Group": a heading led by the name
    # in sentences only on the first two pages: further on, reports discuss other councils
    for text in (" ".join(line.text.split()) for page in pages[:2] for line in page.lines[:15]):
        for m in _COUNCIL_IN_TEXT.finditer(text):
            if name := _council_name(m.group(0)):
                return _name_case(name)
    return None


_KIND = r"(?:County|City|Borough|District|Parish|Town|Community|Metropolitan(?:\s+Borough)?)(?:\s+Borough)?\s+Council"
_COUNCIL_LINE = re.compile(
    rf"(?:The\s+)?(?:(?:Royal\s+)?Borough|City|County|District|Town)\s+of\s+"
    rf"[\w'’.-]+(?:\s+[\w'’.-]+){{0,2}}(?:\s+(?:and|upon|on|under)\s+[\w'’.-]+)?(?:\s+Council)?"
    rf"|(?:[\w'’&.-]+\s+){{1,5}}{_KIND}", re.I)
_COUNCIL_IN_TEXT = re.compile(rf"\b(?:(?!Council\b)[A-Z][\w'’&-]*\s+(?:(?:and|&|upon|on|in)\s+)?){{1,5}}{_KIND}\b")
_NAME_BREAK = {"a", "an", "at", "by", "for", "from", "of", "the", "to", "with", "that", "this", "our", "your",
               "joint", "meeting", "regular", "special", "adjourned", "members", "mayor", "dear", "chairman",
               "chair", "chairperson", "clerk", "signed", "leader", "leaders"}
_SMALL_WORDS = {"of", "and", "upon", "on", "in", "the", "under"}


def _council_name(name: str) -> str | None:
    """The name without words of the sentence or heading around it ("Joint meeting of the City Council" names
    a body, not a council); None when no place is left before the kind of council."""
    words = name.split()
    if len(words) > 2 and words[0].lower() in {"royal", "borough", "city", "county", "district", "town", "the"} \
            and "of" in (w.lower() for w in words[:3]):
        return " ".join(words[1:] if words[0].lower() == "the" else words)  # "City of York Council"
    breaks = [i for i, w in enumerate(words) if w.lower() in _NAME_BREAK]
    words = words[breaks[-1] + 1:] if breaks else words
    while words and words[0].lower() in _SMALL_WORDS:
        words = words[1:]
    if not words or re.match(r"(?:County|City|Borough|District|Parish|Town|Community|Metropolitan)\b", words[0], re.I):
        return None  # "City Council", "District and Borough Council": a kind of council, not one by name
    return " ".join(words)


def _name_case(name: str) -> str:
    """'CITY OF YORK COUNCIL' -> 'City of York Council'; names printed in mixed case are kept."""
    if not name.isupper():
        return name
    words = name.title().split()
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


_BODY_DASH_DATE = re.compile(
    r"^(?P<body>[A-Z][A-Za-z&,'’ -]{2,60}?)\s+[-–]\s+(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,?\s+(?P<date>.+)$",
    re.I)


def _body_dash_date(lines: list[Line]) -> tuple[str, str] | None:
    for line in lines[:40]:
        m = _BODY_DASH_DATE.match(" ".join(line.text.split()))
        if m and (iso := parse_date(m["date"])):
            return m["body"].strip(), iso
    return None


def _members(lines: list[Line]) -> list[Person]:
    """Membership from a 'To: The Members of ...' / 'Membership' block."""
    start = next((i for i, ln in enumerate(lines) if _MEMBERS_HEAD.match(ln.text.strip())), None)
    if start is None:
        return []
    people: list[Person] = []
    role_default: str | None = None
    for line in lines[start + 1: start + 30]:
        text = " ".join(line.text.split())
        if re.match(r"^(?:Contact|Enquiries|Tel|Email)\b", text, re.I) or not text:
            break
        if re.match(r"^Co-?opted\s+Members?:?$", text, re.I):
            role_default = "Co-opted Member"
            continue
        if re.match(r"^(?:Young|Representative)", text, re.I):
            continue
        text = re.sub(r"^Councillors?\s+", "", text)
        for chunk in re.split(r",\s*|\s+and\s+", text):
            chunk = chunk.strip(" .")
            if not chunk or len(chunk) > 40:
                continue
            role = role_default
            if rm := re.search(r"\((Chair(?:man)?|Vice[- ]Chair(?:man)?)\)", chunk, re.I):
                role = rm.group(1)
                chunk = chunk[: rm.start()].strip()
            if re.match(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$", chunk):
                people.append(Person(name=chunk, role=role, pdf_page=line.pdf_page))
    return people


def _contact(pages: list[PageFurniture]) -> Contact | None:
    for page in pages:
        for line in page.lines:
            if m := _CONTACT.search(line.text):
                email = EMAIL.search(line.text)
                return Contact(name=m["name"].strip(), phone=(m["tel"] or "").strip() or None,
                               email=email.group(0) if email else None, pdf_page=page.pdf_page)
    return None


def _signatory(pages: list[PageFurniture], meeting: Meeting) -> None:
    """The officer who signs the agenda and the date of issue printed beneath."""
    lines = [ln for p in pages for ln in p.lines]
    for i, line in enumerate(lines):
        text = " ".join(line.text.split())
        iso = parse_date(text)
        if not iso or iso == meeting.date or len(text) > 40:
            continue
        block = [ln for ln in lines[max(0, i - 6): i] if ln.pdf_page == line.pdf_page]
        # the signature block: short lines at one left edge, no item numbers
        names = [ln for ln in block if len(ln.text) < 60 and not _ITEM_LINE.match(ln.text)]
        meeting.date_of_issue = iso
        if names:
            name = " ".join(names[0].text.split())
            role = " ".join(names[1].text.split()) if len(names) > 1 else None
            if re.match(r"^[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+){1,3}$", name):
                meeting.signatory = Person(name=name, role=role, pdf_page=line.pdf_page)
        return
