"""The front sheet (or a stand-alone agenda): meeting details and the numbered agenda items.

Items come from layout and numbering. A line that opens with an item number ("3.", "10.3", "G-4",
"D1", "1.A", "(a)", "9a") at one of the agenda"s numbering columns is a candidate, and the items are the
best run of candidates whose numbers follow on from each other ("4.4" -> "4.5", "5", "4.4.1", "(a)"),
numbered in the same column and style: numbered clauses inside a recommendation, a numbered list of
instructions or a wrapped line that happens to start with a number do not continue the run. An item"s
title is its first line and the lines that carry it on: close below, at the title"s indent or deeper, in
the same weight (and in capitals when it is), not a "Label:" line ("Recommendation:", "Property:"), and
at the title"s own indent only after a line that ran on towards the margin. The "(Pages x - y)"
reference and the presenter ("- Report of ...") are taken out of the title. Unnumbered headings
("CONSENT CALENDAR", "Part B", "CLOSED SESSION", "EXECUTIVE SESSION") give the items their section and
set the exempt flag of the items that follow until the next open heading; a numbered "CLOSED SESSION"
item makes itself and the items nested under it exempt.

The package: `itemnumbers` (numbered candidates and the best run of them), `items` (titles, pages,
presenters, sections, exempt flags), `meeting` (date, time, venue, body), `council` and `people`
(membership, contact, signatory).
"""

from __future__ import annotations

from packparse.parsers.frontsheet.council import _council_name, _name_case, find_council
from packparse.parsers.frontsheet.items import parse_agenda_items
from packparse.parsers.frontsheet.meeting import parse_meeting

__all__ = ["_council_name", "_name_case", "find_council", "parse_agenda_items", "parse_meeting"]
