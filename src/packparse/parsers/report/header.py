"""Header fields: the meeting the report goes to and its date, 'To:', classification, key decision and
decision reference, from labelled values on the first page or the lines above a cover sheet's title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from packparse.lexicon import priced_in_dollars, read_date
from packparse.parsers.report.document import (
    _ANY_LABEL,
    _BANNER,
    _CLASSIFICATION_BANNER,
    _NEXT_LABEL,
    _REPORT_OF,
    _clean,
    _Doc,
    _first_page,
    _first_value,
    _value_after,
)

# Header fields.
_TO_LABEL = re.compile(r"^\s*To(?:\s*:|\s{2,}(?=\S))", re.I)
_MEETING_LABEL = re.compile(r"^\s*(?:Meeting|Name\s+of\s+(?:meeting|committee)|Committee)\s*:", re.I)
_DATE_LABEL = re.compile(r"(?:^|\s{2,})\s*Date\s*:", re.I)
_MEETING_DATE_LABEL = re.compile(
    r"^\s*(?:Meeting\s+date|Date\s+of\s+(?:the\s+)?meeting|Committee\s+date|Council\s+date)\s*:", re.I)
_MEETING_TAIL = re.compile(r"\s*\b(?:meeting|on|of)\s*$", re.I)
_WEEKDAY_TAIL = re.compile(r"\s*\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*,?\s*$", re.I)
_MEMO_TO = re.compile(r"\bhonou?rable\b|\bmembers\s+of\b|\bmayor\s+and\b", re.I)
_BODY_END = re.compile(r"\b(?:council|cabinet|committee|sub-committee|panel|board|commission|assembly|forum"
                       r"|executive|authority|partnership|group|trust)\s*$", re.I)
# US staff reports: "TO: Honorable Mayor and City Council", "CITY COUNCIL STAFF REPORT", "COUNCIL AGENDA: 8/24/21"
_ADDRESSEE = re.compile(r"\b(?:mayor\s+and|members\s+of)\s+(?:the\s+)?", re.I)
_BODY_ACTS = re.compile(
    r"(?:^That\s+the|\brequest\s+for)\s+(?P<body>(?:[A-Z][\w'’&-]*\s+){0,3}?(?:Council|Board|Commission|Committee|Cabinet"
    r"|Authority))\b", re.I)
_DATE_ONLY_LABEL = re.compile(r"^\s*(?:DATE|Date|MEETING\s+DATE|Meeting\s+Date)\s*:\s*(?P<rest>\S.*)$")
_BODY_BANNER = re.compile(r"^(?P<body>.{3,60}?)\s+(?:staff|agenda)\s+report$", re.I)
_BODY_AGENDA_LABEL = re.compile(r"^\s*(?P<body>[A-Za-z&'’ -]{3,60}?)\s+agenda\s*:\s*(?P<rest>\S.*)$", re.I)
_CLASSIFICATION_LABEL = re.compile(r"^\s*(?i:(?:security\s+)?classification)\s*(?::|\s{2,}|\s(?=[A-Z]))")
_KEY_DECISION_LABEL = re.compile(r"^\s*(?i:(?:is\s+(?:this|it)\s+a\s+)?key\s+decision)\s*(?:\?|:|\s{2,})")
_YES_NO = re.compile(r"^\s*(yes|no|y|n)\b", re.I)
_KEY_DECISION_STATEMENT = re.compile(r"\bthis\s+is\s+(not\s+)?a\s+key\s+decision\b|\bnon-key\s+decision\b", re.I)
_DECISION_REF_LABEL = re.compile(
    r"^\s*(?i:(?:key\s+)?decision\s+(?:no\.?|number|ref(?:erence)?\.?(?:\s+(?:no\.?|number))?|id)"
    r"|forward\s+plan\s+(?:ref(?:erence)?|no\.?))\s*(?::|\s{2,})")
_DECISION_REF = re.compile(r"\b\d{2}/\d{3,6}\b")


def _report_to(doc: _Doc, where: list[int]) -> str | None:
    """The 'To:' value with the lines under it in its column, not a classification printed there."""
    for i in where:
        text = doc.lines[i].text
        m = _TO_LABEL.match(text)
        if not m:
            continue
        value, last = _value_after(doc.lines, i, m.start(), m.end(), doc)
        if not value:
            continue
        rest = text[m.end():].lstrip(" :\t")
        cut = _NEXT_LABEL.search(rest)
        first = _clean(rest[:cut.start()] if cut else rest).strip(" :")
        parts = [first] if first else []
        for j in range(i + 1, last + 1):
            t = doc.lines[j].text.strip()
            if _BANNER.match(t) or _CLASSIFICATION_BANNER.match(t):
                break
            parts.append(t)
        return _clean(" ".join(parts)) or None
    return None


def _meeting_of(value: str, us_dates: bool) -> tuple[str | None, str | None]:
    """('Cabinet', '2025-01-30') from 'Cabinet - 30 January 2025'; the body only when it reads as one."""
    date = read_date(value, us_dates)
    body = value
    if date:
        body = value[:date[1]] + " " + value[date[2]:]
    body = _MEETING_TAIL.sub("", _clean(body)).strip(" ,;:-–—")
    body = _WEEKDAY_TAIL.sub("", body).strip(" ,;:-–—")
    if not body or len(body.split()) > 8 or _MEMO_TO.search(body):
        return None, date[0] if date else None
    if not date and not _BODY_END.search(body):
        return None, None
    return body, date[0] if date else None


@dataclass(slots=True)
class _Header:
    meeting: str | None = None
    meeting_date: str | None = None
    report_to: str | None = None
    classification: str | None = None
    key_decision: bool | None = None
    decision_reference: str | None = None


def _header(doc: _Doc, title_first: int, month_first: bool | None = None) -> _Header:
    h = _Header()
    first = _first_page(doc)
    lines = doc.lines
    us_dates = priced_in_dollars("".join(ln.text for ln in lines[:200])) if month_first is None else month_first
    h.report_to = _report_to(doc, first)
    if h.report_to:
        h.meeting, h.meeting_date = _meeting_of(h.report_to, us_dates)
    found = _first_value(doc, _MEETING_LABEL, first)
    if found:
        body, date = _meeting_of(found[0], us_dates)
        h.meeting = body or found[0]
        h.meeting_date = date or h.meeting_date
        dated = _first_value(doc, _DATE_LABEL, [found[1]]) or _first_value(doc, _DATE_LABEL, first)
        if dated and h.meeting_date is None:
            d = read_date(dated[0], us_dates)
            h.meeting_date = d[0] if d else None
    found = _first_value(doc, _MEETING_DATE_LABEL, first)
    if found and h.meeting_date is None:
        d = read_date(found[0], us_dates)
        h.meeting_date = d[0] if d else None
    if h.meeting is None or h.meeting_date is None:
        _meeting_above_title(doc, first, title_first, h, us_dates)
    if h.meeting is None or h.meeting_date is None:
        _meeting_of_staff_report(doc, first, h, us_dates)
    found = _first_value(doc, _CLASSIFICATION_LABEL, first)
    if found:
        h.classification = found[0]
    else:
        for i in first[:80]:
            t = lines[i].text.strip()
            if _CLASSIFICATION_BANNER.match(t):
                h.classification = _clean(t)
                break
    found = _first_value(doc, _KEY_DECISION_LABEL, first)
    if found:
        answer = _YES_NO.match(found[0])
        if answer:
            h.key_decision = answer.group(1).lower().startswith("y")
        ref = _DECISION_REF.search(found[0])
        h.decision_reference = ref.group(0) if ref else None
    else:
        for i in first:
            m = _KEY_DECISION_STATEMENT.search(lines[i].text)
            if m:
                h.key_decision = not (m.group(1) or m.group(0).lower().startswith("non"))
                break
    found = _first_value(doc, _DECISION_REF_LABEL, first)
    if found:
        ref = _DECISION_REF.search(found[0])
        h.decision_reference = ref.group(0) if ref else found[0].split()[0]
    return h


def _meeting_of_staff_report(doc: _Doc, first: list[int], h: _Header, us_dates: bool) -> None:
    """A US staff report names its body in its banner ("CITY COUNCIL STAFF REPORT") or addressee ("To:
    Honorable Mayor and City Council"), and its meeting in an agenda label ("COUNCIL AGENDA: 8/24/21")."""
    bodies: list[str] = []
    if h.report_to and _MEMO_TO.search(h.report_to):
        bodies.append(_ADDRESSEE.split(h.report_to)[-1])
    for i in first[:40]:
        t = " ".join(doc.lines[i].text.split())
        if m := _BODY_BANNER.match(t):
            bodies.append(m["body"])
        elif m := _BODY_AGENDA_LABEL.match(t):
            bodies.append(m["body"])
            if h.meeting_date is None and (d := read_date(m["rest"], us_dates)):
                h.meeting_date = d[0]
    for i in first[:60]:  # "RECOMMENDATION: That the City Council direct staff ..."; "REQUEST FOR CITY COUNCIL ACTION"
        t = " ".join(doc.lines[i].text.split())
        if m := _BODY_ACTS.search(t):
            bodies.append(m["body"])
    for body in bodies:
        body = _clean(body).strip(" ,;:-–—")
        if h.meeting is None and _BODY_END.search(body) and len(body.split()) <= 5:
            h.meeting = body.title() if body.isupper() else body
    if h.meeting is not None and h.meeting_date is None:
        # A report to a body, dated: the date of the meeting it goes to ("DATE: January 26, 2021").
        for i in first[:12]:
            if (m := _DATE_ONLY_LABEL.match(doc.lines[i].text)) and (d := read_date(m["rest"], us_dates)):
                h.meeting_date = d[0]
                break


def _meeting_above_title(doc: _Doc, first: list[int], title_first: int, h: _Header, us_dates: bool) -> None:
    """A county cover sheet names the meeting and its date in the lines above the title."""
    lines = doc.lines
    for i in first:
        if title_first < 0 or i >= title_first:
            break
        t = lines[i].text.strip()
        if (not t or len(t.split()) > 12 or _BANNER.match(t) or _ANY_LABEL.match(t) or _REPORT_OF.match(t)
                or not (lines[i].bold or lines[i].size >= doc.body + 1)):
            continue
        body, date = _meeting_of(t, us_dates)
        if date and h.meeting_date is None:
            h.meeting_date = date
        if body and h.meeting is None:
            h.meeting = body
