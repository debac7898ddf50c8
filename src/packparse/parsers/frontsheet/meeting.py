"""The meeting on a front sheet: date (month first where the document writes dates so), time, venue and
body, from labelled values, the masthead and the 'meeting of ... will be held' sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from packparse.lexicon import Conventions, read_date
from packparse.lexicon import month_first as dates_month_first
from packparse.models import Meeting
from packparse.pagemodel import Line, PageFurniture, Word
from packparse.parsers.frontsheet.council import find_council
from packparse.parsers.frontsheet.patterns import _ITEM_LINE, _NON_BODY
from packparse.parsers.frontsheet.people import _contact, _members, _signatory
from packparse.textparse import EMAIL, find_date, find_time, parse_date

_LABEL = re.compile(
    r"^(?:(?:Regular|Special|Adjourned)\s+)?(?:Meeting\s+)?(?P<label>Date|Time|Venue|Place|Location|Where|When)"
    r"(?:\s*:\s*|\s{2,})(?P<value>\S.*)$", re.I)
_CONTACT_LABELS = re.compile(
    r"\s+(?:Ask\s+for|Telephone|Tel(?:ephone)?\s*(?:No\.?)?|E-?mail|Contact|Direct\s+Dial)\s*:.*$", re.I)
_COUNCIL = re.compile(
    r"\b((?:[A-Z][\w'’&-]+\s){1,4}(?:County|City|Borough|District|Parish|Town|Community|Metropolitan)"
    r"(?:\s+Borough)?\s+Council)\b|\b(City\s+of\s+[A-Z][\w ]+?)(?:\s{2,}|,|$)",
)


def parse_meeting(pages: list[PageFurniture], conventions: Conventions | None = None) -> Meeting:
    """Council, body, date, time and venue from the top of the agenda's first page, and the rest; numeric
    dates read as `conventions` (the pack's) say, else as the front sheet's own dates are written."""
    meeting = Meeting()
    if not pages:
        return meeting
    first = pages[0]
    lines = first.lines
    meeting.pdf_page = first.pdf_page
    all_lines = [ln for p in pages for ln in p.lines]
    month_first = (conventions.month_first if conventions is not None
                   else dates_month_first(" ".join(ln.text for ln in all_lines)))
    labelled = _labelled_values(lines)
    head_text = " ".join(" ".join(_CONTACT_LABELS.sub("", ln.text).split()) for ln in lines[:40])
    date_src = head_text
    for src in (labelled.get("date"), labelled.get("when"), head_text):
        if src and (found_d := read_date(src, month_first)):
            meeting.date, date_src = found_d[0], src
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
        at = next((k for k, s in enumerate(segs) if read_date(s.text, month_first)), None)
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
_BODY_DASH_DATE = re.compile(
    r"^(?P<body>[A-Z][A-Za-z&,'’ -]{2,60}?)\s+[-–]\s+(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY,?\s+(?P<date>.+)$",
    re.I)


def _body_dash_date(lines: list[Line]) -> tuple[str, str] | None:
    for line in lines[:40]:
        m = _BODY_DASH_DATE.match(" ".join(line.text.split()))
        if m and (iso := parse_date(m["date"])):
            return m["body"].strip(), iso
    return None
