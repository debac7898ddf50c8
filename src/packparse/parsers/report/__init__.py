"""Officer and committee reports: heading, "Report of" line, recommendations, numbered paragraphs.

`parse_report` reads the lines of one report (pages concatenated, page furniture already taken off)
and fills a `Report`. Council layouts differ a lot - a UK county cover sheet ("Report of ...",
"Electoral division(s) affected:"), a ModernGov header grid ("From:", "To:", "Subject:"), a US staff
report ("TO / FROM / SUBJECT / RECOMMENDATION"), a town council report with numbered sections - so
everything is read from layout (bold, size, x position, vertical gaps, numbering) and generic wording,
never from a council's name.

The parts:

* a *labelled value* is text after a label such as "From:" or "Report of"; it continues on the
  following lines that sit in the value's column (or, for a label run into its text, under the
  label at normal line spacing) until the next label, a heading or a wide gap;
* the *title* is the "Subject:" value when the header has one, else the largest heading block on the
  first page that is not a banner ("STAFF REPORT"), a meeting/date line or a labelled field;
* *recommendations* are read from the block under the first "Recommendation(s)" heading (or, without
  one, under an opening "... is asked to ...:" line) up to the next heading: lettered/numbered/bulleted
  items count one each, else numbered paragraphs, else directive sentences ("To replace ...",
  "Approve ..."), else the single paragraph;
* *numbered paragraphs* are lines whose number hangs at the left margin; plain integer runs count
  only when they continue across headings (or are headings), so an ordinary numbered list does not;
  each keeps its parent number ('1' for '1.1') and its lettered or bulleted sub-items, nested by indent;
* the *header fields* (meeting, its date, 'To:', classification, key decision, decision reference) are
  labelled values on the first page, or the meeting and date lines above a cover sheet's title;
* *sections* are the headings (bold or larger, short) after the title, with the paragraphs under each;
  the documents listed under a 'Background papers' or 'Appendices' heading are read one per marker or
  line; *implications* are the sub-headings of an 'Implications' section or appendix and the sections
  headed '... Implications', keyed in lower_snake case ('legal', 'finance', 'equality', ...).

The package: `document` (the lines with their measures, labelled values), `title`, `header` (meeting,
date, classification, key decision), `author`, `recommendations`, `paragraphs` (numbered paragraphs) and
`sections` (sections, background papers, appendices, implications); `parse_report` puts them together.
"""

from __future__ import annotations

from packparse.lexicon import Conventions
from packparse.models import Report, Section
from packparse.pagemodel import Line
from packparse.parsers.report.author import _author, _divisions, _prepared_by
from packparse.parsers.report.document import (
    _APPENDICES_HEAD,
    _APPENDIX_PREFIX,
    _BACKGROUND_HEAD,
    _REPORT_OF,
    _Doc,
    _find_label,
    _first_page,
)
from packparse.parsers.report.header import _header
from packparse.parsers.report.paragraphs import _paragraph_spans, _parent, _sub_items
from packparse.parsers.report.recommendations import _recommendations
from packparse.parsers.report.sections import _implications, _listed, _sections
from packparse.parsers.report.title import _report_of, _title_span


def parse_report(lines: list[Line], conventions: Conventions | None = None) -> Report:
    """Read one report's lines (reading order, pages concatenated, furniture removed) into a `Report`;
    numeric dates read as `conventions` (the pack's) say, else month first in a report priced in dollars."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return Report()
    doc = _Doc.of(lines)
    author, contact = _author(doc)
    report_of = _report_of(doc)
    if author is None:
        author = _prepared_by(doc)
    title, title_first, title_last = _title_span(doc)
    header = _header(doc, title_first, None if conventions is None else conventions.month_first)
    body_start = title_last + 1 if title_last >= 0 else 0
    of = _find_label(doc, _REPORT_OF, _first_page(doc))
    if of and of[2] >= body_start:
        body_start = of[2] + 1  # the 'Report of' lines under the title are not a section
    spans = _paragraph_spans(doc)
    sections = _sections(doc, body_start)
    known = {p.number for _, _, p in spans if p.number} | {s.number for s in sections if s.number}
    for first, end, para in spans:
        para.parent = _parent(para.number, known)
        para.items = _sub_items(doc.lines, first + 1, end)
    appendices = _listed(doc, _APPENDICES_HEAD, body_start)
    if appendices is None:
        appendices = [s.heading for s in sections if _APPENDIX_PREFIX.match(s.heading)]
    return Report(
        title=title,
        report_of=report_of,
        divisions_affected=_divisions(doc),
        recommendations=_recommendations(doc),
        paragraphs=[p for _, _, p in spans],
        author=author,
        contact=contact,
        meeting=header.meeting,
        meeting_date=header.meeting_date,
        report_to=header.report_to,
        classification=header.classification,
        key_decision=header.key_decision,
        decision_reference=header.decision_reference,
        sections=[Section(heading=s.heading, number=s.number, pdf_page=doc.lines[s.index].pdf_page,
                          paragraphs=[p.number for i, _, p in spans if s.last < i < s.end and p.number])
                  for s in sections],
        background_papers=_listed(doc, _BACKGROUND_HEAD, body_start, strip_numbers=True) or [],
        appendices=appendices,
        implications=_implications(doc, sections),
    )


__all__ = ["parse_report"]
