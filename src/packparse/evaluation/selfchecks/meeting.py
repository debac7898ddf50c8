"""`meeting_date` and `meeting_body`: set or explained, the date printed in the PDF, the body a name."""

from __future__ import annotations

import contextlib
import re
from datetime import date

from packparse.evaluation.selfchecks.base import CheckResult, _Context
from packparse.evaluation.selfchecks.text import _MON, _WS, _clean

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ORD = r"(?:\s*(?:st|nd|rd|th))?"
_DATE_DMY = re.compile(rf"\b(\d{{1,2}}){_ORD}\s*(?:day\s+of\s+)?,?\s*{_MON}\.?,?\s*(\d{{4}})\b", re.IGNORECASE)
_DATE_MDY = re.compile(rf"\b{_MON}\.?\s+(\d{{1,2}}){_ORD},?\s*(\d{{4}})\b", re.IGNORECASE)
_DATE_NUM = re.compile(r"\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def printed_dates(text: str) -> set[str]:
    """Every date the text prints, ISO; numeric dates give both the day-first and month-first reading."""
    found: set[str] = set()

    def add(y: int, m: int, d: int) -> None:
        if y < 100:
            y += 2000 if y < 70 else 1900
        with contextlib.suppress(ValueError):
            found.add(date(y, m, d).isoformat())

    flat = _WS.sub(" ", text)
    for m in _DATE_DMY.finditer(flat):
        add(int(m.group(3)), _MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
    for m in _DATE_MDY.finditer(flat):
        add(int(m.group(3)), _MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
    for m in _DATE_NUM.finditer(flat):
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        add(y, b, a)
        add(y, a, b)
    for m in _DATE_ISO.finditer(flat):
        add(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return found


def check_meeting_date(ctx: _Context) -> CheckResult:
    res = CheckResult()
    value = ctx.meeting.get("date")
    if not value:
        if ctx.warned_about("date"):
            return res.passed("no date, and a warning says why")
        if ctx.nothing_readable():
            return res.passed("no date: every page needs OCR and a warning says so")
        res.fail(None, None, "meeting.date is null and no warning says why")
        return res
    if not any(p.text.strip() for p in ctx.facts.pages):
        return res.passed("date not verifiable: the PDF has no text layer")
    # the meeting's date is printed at the head of the file (front sheet, minutes heading, report
    # header) or where packparse says it read the meeting details
    page = ctx.meeting.get("pdf_page")
    head = {1} | ({page} if isinstance(page, int) else set())
    if any(value in printed_dates(pf.text) for pf in ctx.facts.pages if pf.pdf_page in head):
        return res.passed()
    elsewhere = [pf.pdf_page for pf in ctx.facts.pages if value in printed_dates(pf.text)]
    where = f"only on page {elsewhere[0]}, not at the head of the file" if elsewhere else "anywhere in the PDF"
    res.fail(page if isinstance(page, int) else 1, None, f"meeting.date {value} is not printed {where}")
    return res


BODY_WORDS = re.compile(
    r"\b(council|councils|committee|sub-?committee|board|panel|cabinet|commission|authority|forum|group|"
    r"trustees|governors|assembly|executive|scrutiny|meeting|senate|partnership|conference|"
    r"parliament|court|vestry|taskforce|task force|"
    r"working party|congress|legislature|advisory)\b", re.IGNORECASE)
BODY_STOP = frozenset({
    "the", "a", "an", "of", "and", "to", "in", "on", "at", "for", "by", "present", "minutes", "agenda",
    "meeting", "apologies", "extraordinary", "annual", "special", "regular", "notice", "summons",
    "members", "member", "chair", "chairman", "clerk", "held", "item", "items", "public", "none",
    "council meeting", "the meeting", "the council", "report", "draft",
})
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)|\b\d{1,2}[.:]\d{2}\b", re.IGNORECASE)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|\b[A-Z]{2}\s+\d{5}\b")
_STREET = re.compile(r"\b\d+\s+\w+.*\b(street|st|road|rd|avenue|ave|blvd|boulevard|lane|drive|way)\b\.?",
                     re.IGNORECASE)
_DOC_WORDS = re.compile(r"\b(agenda|minutes|summons|notice of|order paper)\b", re.IGNORECASE)
_VERBS = re.compile(r"\b(was|were|is|are|will|shall|would|held|summoned|be|been|has|have)\b", re.IGNORECASE)
_STUTTER = re.compile(r"([A-Za-z])\1\1([A-Za-z])\2\2|([A-Za-z])\3([A-Za-z])\4([A-Za-z])\5([A-Za-z])\6")


def body_problem(body: str) -> str | None:
    """Why `body` is not the name of a body, or None when it reads as one."""
    b = _clean(body)
    low = b.lower().strip(" .,:;")
    if not b:
        return "empty"
    if low in BODY_STOP:
        return "a stop word, not a name"
    if _STUTTER.search(b):
        return "garbled (letters repeated: a bold effect read twice)"
    if b[0].islower():
        return "starts lower-case: a fragment of a sentence"
    if _WEEKDAY.search(b) or _TIME.search(b) or re.search(rf"\b\d{{1,2}}{_ORD}\s+{_MON}\b|\b{_MON}\s+\d", b,
                                                           re.IGNORECASE):
        return "runs on into a date or time"
    if _POSTCODE.search(b) or _STREET.search(b) or re.search(r"\d{3,}", b):
        return "holds an address or a number"
    if _DOC_WORDS.search(b):
        return "names a document (agenda, minutes ...), not a body"
    if b.endswith(".") or _VERBS.search(b):
        return "a sentence fragment"
    if len(b) > 90:
        return "too long for a name"
    if not BODY_WORDS.search(b):
        return "names no kind of body (council, committee, board, panel ...)"
    return None


def check_meeting_body(ctx: _Context) -> CheckResult:
    res = CheckResult()
    value = ctx.meeting.get("body")
    if not value:
        if ctx.warned_about("body"):
            return res.passed("no body, and a warning says why")
        if ctx.nothing_readable():
            return res.passed("no body: every page needs OCR and a warning says so")
        res.fail(None, None, "meeting.body is null and no warning says why")
        return res
    why = body_problem(str(value))
    if why:
        page = ctx.meeting.get("pdf_page")
        res.fail(page if isinstance(page, int) else None, str(value), f"body {value!r}: {why}")
    return res.passed()
