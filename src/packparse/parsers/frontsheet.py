"""The front sheet (or a stand-alone agenda): meeting details and the numbered agenda items.

Items are found from layout: a line that opens with an item number at one of the page's numbering
columns starts an item; indented lines close below it continue the title. The "(Pages x - y)"
reference and the presenter ("- Report of ...") are taken out of the title. Section headings
("Part B", "EXEMPT ITEMS", "CLOSED SESSION") set the exempt flag of the items that follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packparse.furniture import PageFurniture
from packparse.layout import Line
from packparse.models import AgendaItem, Contact, Meeting, PageRange, Person
from packparse.textparse import find_date, find_time, parse_date

_NUMBER = (
    r"(?P<num>\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?|[A-Z]{1,2}-?\d{1,3}(?:\.\d{1,2})?|[A-Z]|\(?[a-z]\))"
)
_ITEM_LINE = re.compile(rf"^{_NUMBER}(?P<sep>[.):]?)(?P<gap>\s+)(?P<rest>\S.*)$")
_PAGES = re.compile(r"\(\s*Pages?\s+(?P<a>\d{1,4})(?:\s*[-–—]\s*(?P<b>\d{1,4}))?\s*\)", re.I)
_PAGES_OPEN = re.compile(r"\(\s*Pages?\s*$", re.I)
_PRESENTER = re.compile(
    r"\s+[-–—]\s+(?:Joint\s+)?(?:(?:Verbal\s+)?(?:Report|Update|Presentation|Briefing)(?:\s+and\s+presentation)?"
    r"|Verbal\s+update|Verbal\s+report)s?\s+(?:of|from|by)\s+(?P<who>.+)$",
    re.I,
)
_EXEMPT_HEADING = re.compile(
    r"^(?:Part\s*(?:B|2|II)\b|EXEMPT\s+ITEMS|Exempt\s+Business|Items?\s+likely\s+to\s+be\s+considered\s+in\s+private"
    r"|CLOSED\s+SESSION|PRIVATE\s+(?:SESSION|BUSINESS)|CONFIDENTIAL\s+ITEMS)",
    re.I,
)
_OPEN_HEADING = re.compile(
    r"^(?:Part\s*(?:A|1|I)\b|UNRESTRICTED\s+ITEMS|Open\s+Business|OPEN\s+SESSION|PUBLIC\s+(?:SESSION|ITEMS))",
    re.I,
)
_SCHEDULE_12A = re.compile(r"paragraphs?\s+(?P<p>[\d,\sand]+?)\s+of\s+(?:Part\s+1\s+of\s+)?Schedule\s+12A",
                           re.I)
_TO_FOLLOW = re.compile(r"\s*(?:[-–—]\s*)?\(?\s*to\s+follow\s*\)?\.?$", re.I)
_MONTH_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", re.I)
_LABEL = re.compile(r"^(?P<label>Date|Time|Venue|Place|Location|Where|When)\s*:?\s+(?P<value>\S.*)$", re.I)
_CONTACT_LABELS = re.compile(
    r"\s+(?:Ask\s+for|Telephone|Tel(?:ephone)?\s*(?:No\.?)?|E-?mail|Contact|Direct\s+Dial)\s*:.*$", re.I)
_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’&-]+\s){1,4}(?:County|City|Borough|District|Parish|Town|Community|Metropolitan)"
    r"(?:\s+Borough)?\s+Council)\b|\b(City\s+of\s+[A-Z][\w ]+?)(?:\s{2,}|,|$)",
)
_CONTACT = re.compile(
    r"Contact\s*:?\s*(?P<name>[A-Z][\w.'’ -]+?)\s{2,}(?:Tel(?:ephone)?\s*:?\s*(?P<tel>[\d ()+]{6,}))?", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MEMBERS_HEAD = re.compile(r"^(?:To\s*:\s*)?(?:The\s+)?(?:Members?|Membership)\b", re.I)
_NON_BODY = re.compile(r"^(?:agenda|public\s+reports?\s+pack|notice(?:\s+of\s+meeting)?|summons.*|supplement.*)$",
                       re.I)


@dataclass(slots=True)
class _Item:
    number: str
    x0: float
    title_lines: list[Line]
    exempt: bool
    part: str | None


def parse_agenda_items(pages: list[PageFurniture]) -> list[AgendaItem]:
    """Numbered agenda items of the agenda pages `pages`, in order."""
    lines = [ln for p in pages for ln in p.lines]
    columns = _numbering_columns(lines)
    items: list[_Item] = []
    exempt, part = False, None
    prev: Line | None = None
    for line in lines:
        text = " ".join(line.text.split())
        if _EXEMPT_HEADING.match(text):
            exempt, part = True, "B" if text.lower().startswith("part") else part
            prev = None
            continue
        if _OPEN_HEADING.match(text) or (exempt and _is_section_heading(text)):
            exempt, part = False, "A" if text.lower().startswith("part") else part
            prev = None
            continue
        m = _ITEM_LINE.match(line.text)
        if m and _at_column(line.x0, columns) and _looks_like_item(m):
            if _EXEMPT_HEADING.match(m["rest"]):
                exempt = True  # "11. CLOSED SESSION": the item opens the closed part
            elif exempt and _is_section_heading(m["rest"]) and not text.lower().startswith("part"):
                exempt = False
            items.append(_Item(number=m["num"].strip("()"), x0=line.x0, title_lines=[line],
                               exempt=exempt, part=part))
            prev = line
            continue
        if items and prev is not None and _continues(prev, line, items[-1]):
            items[-1].title_lines.append(line)
            prev = line
            continue
        prev = None
    return [_finish(it) for it in items]


def _numbering_columns(lines: list[Line]) -> list[float]:
    """x positions where at least two numbered lines start: the agenda's numbering columns."""
    xs: list[float] = []
    referenced: list[float] = []  # a lone item is still an item when it quotes its pages
    for i, ln in enumerate(lines):
        if (m := _ITEM_LINE.match(ln.text)) and _looks_like_item(m):
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


def _looks_like_item(m: re.Match[str]) -> bool:
    """Numbered like an item: '3.' or '3' followed by a tab stop, and not a date or an amount."""
    num, rest = m["num"], m["rest"]
    if _MONTH_WORD.match(rest):
        return False
    if rest[:1].isdigit() and not (m["sep"] or len(m["gap"]) >= 2):
        return False  # "8 December", "10 000": a date or an amount, unless set as "5.  24/00108 - ..."
    if num.isalpha() and len(num) == 1 and not m["sep"] and len(m["gap"]) < 2:
        return False  # "A new ..." is prose, not item A
    if not m["sep"] and len(m["gap"]) < 2 and not re.match(r"^\d", num):
        return False
    return bool(m["sep"]) or len(m["gap"]) >= 2 or num[0].isdigit()


def _is_section_heading(text: str) -> bool:
    """A short line in capitals ("CONSENT CALENDAR", "PUBLIC HEARINGS:"): a new agenda section."""
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    return 0 < len(words) <= 6 and bool(letters) and all(c.isupper() for c in letters)


def _continues(prev: Line, line: Line, item: _Item) -> bool:
    """A continuation of the title: just below, indented past the item number, in the same style."""
    gap = line.top - prev.bottom
    height = max(prev.bottom - prev.top, 1.0)
    if line.pdf_page != prev.pdf_page or gap > 0.9 * height:
        return False
    if line.bold != item.title_lines[0].bold:
        return False  # a description or "Recommended Action" under a bold heading
    return line.x0 > item.x0 + 4


def _finish(item: _Item) -> AgendaItem:
    first = item.title_lines[0]
    m = _ITEM_LINE.match(first.text)
    parts = [m["rest"] if m else first.text] + [ln.text for ln in item.title_lines[1:]]
    text = " ".join(" ".join(parts).split())
    printed = None
    pm = _PAGES.search(text)
    if pm:
        a = int(pm["a"])
        printed = PageRange(first=a, last=int(pm["b"] or a))
        text = " ".join((text[: pm.start()] + " " + text[pm.end():]).split())
    text = _PAGES_OPEN.sub("", text).strip()
    text = _TO_FOLLOW.sub("", text).strip()
    paragraphs = []
    if sm := _SCHEDULE_12A.search(text):
        paragraphs = re.findall(r"\d+", sm["p"])
    presenter = None
    if pr := _PRESENTER.search(text):
        presenter = pr["who"].strip(" .")
        text = text[: pr.start()]
    title = text.strip().rstrip(".").strip()
    exempt = item.exempt or bool(paragraphs)
    pages = {ln.pdf_page for ln in item.title_lines}
    return AgendaItem(
        number=item.number, title=title, presenter=presenter, printed_pages=printed, exempt=exempt,
        part=item.part, exempt_paragraphs=paragraphs, pdf_page=min(pages), bbox=first.bbox,
    )


def parse_meeting(pages: list[PageFurniture]) -> Meeting:
    """Council, body, date, time and venue from the top of the agenda's first page, and the rest."""
    meeting = Meeting()
    if not pages:
        return meeting
    first = pages[0]
    lines = first.lines
    meeting.pdf_page = first.pdf_page
    labelled = _labelled_values(lines)
    head_text = " ".join(" ".join(_CONTACT_LABELS.sub("", ln.text).split()) for ln in lines[:40])
    date_src = labelled.get("date") or labelled.get("when") or head_text
    if found := find_date(date_src):
        meeting.date = found[0]
    time_src = labelled.get("time") or labelled.get("when") or date_src
    if (found_t := find_time(time_src)) or (found_t := find_time(head_text)):
        meeting.start_time = found_t[0]
    meeting.venue = (labelled.get("venue") or labelled.get("place") or labelled.get("location")
                     or labelled.get("where") or _venue_after_date(lines))
    meeting.body = _body(lines)
    all_lines = [ln for p in pages for ln in p.lines]
    if held := _HELD.search(" ".join(" ".join(ln.text.split()) for ln in all_lines[:80])):
        # "A meeting of the County Council will be held in the Council Chamber, ... on Thursday, ..."
        if meeting.body is None or meeting.body.lower().startswith("meeting"):
            meeting.body = held["body"].strip()
        meeting.venue = meeting.venue or held["venue"].strip(" ,")
    if dated := _body_dash_date(lines):  # "CABINET - THURSDAY, 30 JANUARY 2025" (supplements)
        meeting.body, meeting.date = dated
    meeting.council = find_council(pages)
    meeting.members = _members([ln for p in pages for ln in p.lines])
    meeting.contact = _contact(pages)
    _signatory(pages, meeting)
    return meeting


def _labelled_values(lines: list[Line]) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, line in enumerate(lines[:40]):
        m = _LABEL.match(" ".join(line.text.split()))
        if not m:
            continue
        key = m["label"].lower()
        value = _CONTACT_LABELS.sub("", m["value"]).strip()
        # a value that wraps: the next line starts at the value's x and is close below
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (key in ("venue", "place", "location", "where") and nxt is not None
                and not _LABEL.match(nxt.text) and nxt.top - line.bottom < 0.6 * (line.bottom - line.top)
                and nxt.x0 > line.x0 + 20):
            value += " " + " ".join(nxt.text.split())
        values.setdefault(key, value)
    return values


def _venue_after_date(lines: list[Line]) -> str | None:
    """Venue printed on the lines right below a 'date, at time' line (no labels)."""
    for i, line in enumerate(lines[:40]):
        clean = " ".join(_CONTACT_LABELS.sub("", line.text).split())
        if find_date(clean) and find_time(clean):
            venue_lines: list[str] = []
            for nxt in lines[i + 1: i + 4]:
                if nxt.top - line.bottom > 3 * (line.bottom - line.top):
                    break
                text = " ".join(_CONTACT_LABELS.sub("", nxt.text).split())
                text = re.sub(r"\s*\b(?:Ask\s+for|Telephone|E-?mail)\s*:?\s*$", "", text, flags=re.I)
                if not text or _EMAIL.search(text) or re.match(r"^[\d\s()+]+$", text):
                    break
                if nxt.x0 > line.x0 + 150:
                    continue  # a right-hand contact column
                venue_lines.append(text.rstrip(","))
                line = nxt
            if venue_lines:
                return ", ".join(venue_lines)
            return None
    return None


def _body(lines: list[Line]) -> str | None:
    """The committee: the largest heading on the page that is not 'Agenda' or the council."""
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
    """The council's name as printed near the top of the first pages ("Durham County Council")."""
    for page in pages:
        for line in page.lines[:15]:
            text = " ".join(line.text.split())
            m = _COUNCIL.search(text) or _COUNCIL.search(text.title())
            if m:
                name = " ".join((m.group(1) or m.group(2)).split())
                return name.title() if name.isupper() else name
    return None


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
                email = _EMAIL.search(line.text)
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
