"""Minutes of a meeting: who attended, what was minuted under which number, and what was resolved.

Minutes are laid out in many house styles: minute numbers hanging in the left margin, bold headings
with the text indented beneath them, run-in headings ("2599. Police Report: Attached ..."), dotted
numbers ("16.07.4"), attendance as paragraphs ("PRESENT: Mr R W Gough (Chairman), ..."), as labelled
blocks ("Present:" / "Members of the Panel:" / "Also Present:") or as a two-column table. The parser
reads structure from layout and wording only:

* minute headings are lines that start with a number at the document's leftmost heading margin and
  whose numbers form an increasing sequence (so numbered paragraphs inside a minute, dates and
  figures that happen to start a line are not taken for headings);
* everything before the first heading is the header: the meeting sentence ("At a meeting of the X
  held in Y on <date> at <time>"), headings, and the attendance labels with their lists;
* decisions are found by their wording: the RESOLVED blocks ("RESOLVED", "Resolved:", "it was resolved",
  "AGREED") are `resolutions`, one each; they and the decisions worded in prose ("it was agreed", "were
  approved", "the report was noted", a motion only recorded as "proposed by A, seconded by B") are
  `decisions`, with their numbered parts, the mover and seconder and the printed vote;
* declarations of interest come from a "Declarations of Interest" minute ("Cllr A re No 2608") and from
  "X declared an interest" anywhere; remote attendance from "in attendance virtually:" labels and "was
  attending the meeting virtually"; the close from "The meeting closed at ...".

The package: `headings` (minute headings), `attendance`, `meeting` (the meeting sentence, close time),
`items` (each minute's text and declarations), `decisions` (resolutions, prose decisions, motions, votes)
and `text` (the joined text with page positions); `parse_minutes` here puts them together.
"""

from __future__ import annotations

from statistics import median

from packparse.lexicon import Conventions
from packparse.models import MinuteItem, Minutes
from packparse.pagemodel import Line
from packparse.parsers.minutes.attendance import (
    _attendance,
    _attendance_from_items,
    _attendance_from_roll_call,
    _column_units,
    _is_label_line,
    _person_like,
)
from packparse.parsers.minutes.headings import _block_headings, _find_headings
from packparse.parsers.minutes.items import _declarations, _item, _preamble_items
from packparse.parsers.minutes.meeting import _close_time, _meeting_details
from packparse.parsers.minutes.text import _Text


def parse_minutes(lines: list[Line], conventions: Conventions | None = None) -> Minutes:
    """Parse one set of minutes: lines in reading order, pages concatenated, furniture removed; numeric
    dates read as `conventions` (the pack's) say, else day first."""
    lines = [ln for ln in lines if ln.text.strip()]
    minutes = Minutes()
    if not lines:
        return minutes
    headings = _block_headings(lines) or _find_headings(lines)
    first = headings[0].index if headings else len(lines)
    header = lines[:first]

    label_at = next((i for i, ln in enumerate(header) if _is_label_line(ln)), None)
    intro = header if label_at is None else header[:label_at]
    body_size = median(ln.size for ln in lines)
    _meeting_details(intro, minutes, body_size, conventions or Conventions())

    preamble: list[tuple[MinuteItem, _Text]] = []
    if label_at is not None:
        block = header[label_at:]
        end = len(block)
        for i, ln in enumerate(block):
            t = ln.text.strip()
            if i and ln.words and all(w.bold for w in ln.words) and not _is_label_line(ln) \
                    and not _person_like(t):
                end = i
                break
        units = _column_units(block[:end]) or [(ln.text, ln.pdf_page, ln.x0) for ln in block[:end]]
        minutes.attendance = _attendance(units, minutes.body)
        preamble = _preamble_items(block[end:])

    parsed = list(preamble)
    for n, h in enumerate(headings):
        stop = headings[n + 1].index if n + 1 < len(headings) else len(lines)
        parsed.append(_item(lines, h, stop))
    minutes.items = [item for item, _ in parsed]
    if not minutes.attendance.present:
        _attendance_from_roll_call(lines, minutes.attendance)
    _attendance_from_items(parsed, minutes.attendance)
    minutes.declarations = [d for item, body in parsed for d in _declarations(item, body)]
    minutes.close_time = _close_time(minutes.items, minutes.start_time)
    return minutes


__all__ = ["parse_minutes"]
