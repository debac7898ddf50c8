"""The report's title: the 'Subject:' value, else the largest heading block on the first page that is no
banner, meeting line or labelled field; and the 'Report of' line."""

from __future__ import annotations

import re

from packparse.pagemodel import Line
from packparse.parsers.report.author import _sign_off
from packparse.parsers.report.document import (
    _ANY_LABEL,
    _BANNER,
    _FULL_DATE,
    _LEADERS,
    _PREPARED_BY,
    _REC_HEADING,
    _REPORT_OF,
    _clean,
    _Doc,
    _find_label,
    _first_page,
    _para_num,
)

_SUBJECT = re.compile(
    r"(?:^|(?<=\s\s))(?:Subject|Title|Report\s+title|Re|Regular\s+Business|Consent\s+Calendar"
    r"|Public\s+Hearings?|Study\s+Session|Informational\s+Items?)\s*:",
    re.I,
)
_MEETING_LINE = re.compile(r"\b(?:meeting|committee\s+date|date\s+of\s+meeting)\b", re.I)


def _title(doc: _Doc) -> str | None:
    """The 'Subject:' value, else the largest heading block on the first page."""
    return _title_span(doc)[0]


def _title_span(doc: _Doc) -> tuple[str | None, int, int]:
    """The title with the indexes of its first and last lines (-1, -1 when there is none)."""
    first = _first_page(doc)
    found = _find_label(doc, _SUBJECT, first)
    if found:
        return found[0], found[1], found[2]
    lines = doc.lines
    best: int | None = None
    for i in first[:60]:
        ln = lines[i]
        t = ln.text.strip()
        if not _title_candidate(ln, t, doc):
            continue
        if best is None or ln.size > lines[best].size + 0.5 or (
                abs(ln.size - lines[best].size) <= 0.5 and ln.bold and not lines[best].bold):
            best = i
    if best is None:
        return None, -1, -1
    head = lines[best]
    parts = [head.text.strip()]
    prev = head
    last = best
    for j in range(best + 1, min(len(lines), best + 6)):
        ln = lines[j]
        if ln.pdf_page != head.pdf_page or ln.top - prev.top > 1.9 * max(prev.size, 1):
            break
        same_style = abs(ln.size - head.size) <= 0.5 and ln.bold == head.bold
        big_enough = ln.size >= 0.75 * head.size and ln.size >= 1.3 * doc.body
        t = ln.text.strip()
        if not (same_style or big_enough) or _BANNER.match(t) or _ANY_LABEL.match(t) or _REPORT_OF.match(t):
            break
        parts.append(ln.text.strip())
        prev = ln
        last = j
    return _clean(" ".join(parts)), best, last


def _title_candidate(ln: Line, t: str, doc: _Doc) -> bool:
    if not (ln.bold or ln.size >= doc.body + 1.5) or not any(c.isalpha() for c in t):
        return False
    date = _FULL_DATE.search(t)
    if _BANNER.match(t) or (date and (_MEETING_LINE.search(t) or len(date.group(0)) > 0.4 * len(t))):
        return False  # a banner, or the meeting's date line ("Town Council Meeting 21 February 2017")
    if _ANY_LABEL.match(t) or _REPORT_OF.match(t) or _LEADERS.search(t) or _REC_HEADING.match(t):
        return False
    return not _para_num(t) and len(t) >= 3


def _report_of(doc: _Doc) -> str | None:
    """'Report of' / 'From' / 'By' in the header, else 'Prepared by' anywhere, else a closing sign-off."""
    found = _find_label(doc, _REPORT_OF, _first_page(doc))
    if found:
        return found[0]
    found = _find_label(doc, _PREPARED_BY, list(range(len(doc.lines))))
    if found:
        return found[0]
    return _sign_off(doc)
