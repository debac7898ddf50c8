"""What kind of document a section is, and its printed title, from the wording and layout of its
first page.

The kinds are decided by an ordered list of rules (`RULES`), each a kind and a test of the document's
`Evidence`; the first that holds wins. `packparse.kinds` joins each kind's rules with its parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from packparse.lexicon import RESTRICTED_NOTICE
from packparse.models import DocumentKind
from packparse.pagemodel import Line, PageFurniture, RawTable

_MINUTES = re.compile(
    r"^(?:minutes\b|at\s+a\s+meeting\s+of|(?:draft\s+)?minutes\s+of|record\s+of\s+(?:the\s+)?(?:proceedings|meeting)"
    r"|present\s*:|present$|members\s+present|(?:[\w-]+\s+){1,3}minutes$)", re.I)  # "ACTION MINUTES", "DRAFT MINUTES"
_MINUTES_REFERENCE = re.compile(r"^minutes\s+of\s+(?:the\s+)?(?:last|previous|prior)\b", re.I)  # an agenda item
_MINUTES_ANYWHERE = re.compile(r"\b(?:minutes\s+of\s+(?:the|a)\b|at\s+a\s+meeting\s+of\b)", re.I)
_REPORT = re.compile(
    r"^(?:report\s+of\b|report\s+(?:by|from)\b|from\s*:|subject\s*:|purpose\s+of\s+(?:the\s+)?report|"
    r"executive\s+summary|staff\s+report|memorandum|report\s+to\b|recommendations?\s*:?$|to\s*:|summary$)",
    re.I)
_AGENDA = re.compile(r"^(?:agenda\b(?!\s+item)|notice\s+(?:and|of)\b.*agenda|summons\b|.*\bagenda$)", re.I)
_AGENDA_SEGMENT = re.compile(r"^(?:.*\bagenda(?:\s+and\s+notice)?|notice\s+and\s+agenda\b.*)$", re.I)
_APPENDIX = re.compile(r"^(?:appendix|annex|attachment|enclosure|exhibit|schedule)\b", re.I)
_LETTER = re.compile(r"^dear\s+\w+", re.I)
_QUESTIONS = re.compile(r"^(?:questions?\s+(?:put|to|by|from)|members'?\s+questions)", re.I)
_ITEM_RANGE = re.compile(r"\(\s*Pages?\s+\d+", re.I)
_REPORT_CUE = re.compile(
    r"\b(?:report\s+(?:of|by|from|to)\b|purpose\s+of\s+(?:the\s+|this\s+)?report|staff\s+report|memorandum"
    r"|recommendations?\s*:|executive\s+summary|(?:is|are)\s+(?:asked|recommended|requested)\s+to\b)", re.I)
_DECISION_RECORD = re.compile(r"\brecord\s+of\s+(?:executive\s+)?decision\b|\bdecision\s+notice\b", re.I)
_FORM_LABEL = re.compile(r"^[A-Z][\w /()&'-]{2,40}:(?:\s|$)")
_REPORT_TITLE = re.compile(r"\breport\b", re.I)


@dataclass(slots=True)
class Evidence:
    """What the classification rules read of one document (computed once)."""

    pages: list[PageFurniture]  # the document's pages, first page first
    agenda_like: bool  # the document opens the pack and reads as an agenda
    tables: dict[int, list[RawTable]] | None  # the reader's tables, by pdf page
    texts: list[str] = field(default_factory=list)  # the first page's first 30 lines, spaces collapsed

    @property
    def first(self) -> PageFurniture:
        return self.pages[0]

    @property
    def head(self) -> list[str]:
        return self.texts[:12]


@dataclass(frozen=True, slots=True)
class Rule:
    """One classification rule: a document for which `test` holds is of `kind` (the first rule that holds
    wins)."""

    kind: DocumentKind
    test: Callable[[Evidence], bool]


def _restricted(e: Evidence) -> bool:
    return e.first.kind == "restricted" or any(RESTRICTED_NOTICE.match(t) for t in e.head[:4])


def _agenda(e: Evidence) -> bool:
    return e.agenda_like


def _minutes_heading(e: Evidence) -> bool:
    return any(_MINUTES.match(t) for t in e.head) or any(_MINUTES_ANYWHERE.search(t) for t in e.head[:4])


def _slide_size(e: Evidence) -> bool:
    return _at_slide_size(e.pages)


def _appendix_heading(e: Evidence) -> bool:
    return any(_APPENDIX.match(t) for t in e.head[:3])


def _table_pages(e: Evidence) -> bool:
    """A scorecard: its pages are tables under a title."""
    return bool(e.tables) and _mostly_tables(e.pages, e.tables)


def _slides(e: Evidence) -> bool:
    return _is_presentation(e.pages)


def _letter(e: Evidence) -> bool:
    return any(_LETTER.match(t) for t in e.head)


def _questions_heading(e: Evidence) -> bool:
    return any(_QUESTIONS.match(t) for t in e.head[:3])


def _decision_record(e: Evidence) -> bool:
    """A decision form, however much it reads like a report."""
    return any(_DECISION_RECORD.search(t) for t in e.head[:3])


def _report_heading(e: Evidence) -> bool:
    return any(_REPORT.match(t) for t in e.head) or any(_REPORT.match(t) for t in e.texts)


def _report_cue(e: Evidence) -> bool:
    return any(_REPORT_CUE.search(t) for t in e.texts) or bool(_REPORT_TITLE.search(title_of(e.pages) or ""))


def _landscape_run(e: Evidence) -> bool:
    return _is_table_document(e.pages)


def _prose(e: Evidence) -> bool:
    """A written paper with no form fields: a report in all but name."""
    return _is_prose(e.first)


# In order: the first rule that holds decides; a document no rule takes is "other". A kind may have more
# than one rule, at different places in the order (`packparse.kinds` lists each kind's rules).
RULES: tuple[Rule, ...] = (
    Rule("exempt_stub", _restricted),
    Rule("agenda", _agenda),
    Rule("minutes", _minutes_heading),
    Rule("presentation", _slide_size),
    Rule("appendix", _appendix_heading),
    Rule("table", _table_pages),
    Rule("presentation", _slides),
    Rule("letter", _letter),
    Rule("questions", _questions_heading),
    Rule("other", _decision_record),
    Rule("report", _report_heading),
    Rule("report", _report_cue),
    Rule("table", _landscape_run),
    Rule("report", _prose),
)


def classify(pages: list[PageFurniture], agenda_like: bool,
             tables: dict[int, list[RawTable]] | None = None) -> DocumentKind:
    """The kind of the document on `pages` (first page first); `tables` are the reader's, by pdf page."""
    evidence = Evidence(pages, agenda_like, tables, [" ".join(ln.text.split()) for ln in pages[0].lines[:30]])
    return next((rule.kind for rule in RULES if rule.test(evidence)), "other")


def _is_prose(page: PageFurniture) -> bool:
    """Mostly full-width sentences and few 'Label:' fields (which would make it a form or notice)."""
    texts = [" ".join(ln.text.split()) for ln in page.lines]
    if len(texts) < 20:
        return False
    long_lines = sum(1 for t in texts if len(t) >= 60)
    labels = sum(1 for t in texts if _FORM_LABEL.match(t))
    return long_lines >= 0.5 * len(texts) and labels < 3


def looks_like_agenda(pages: list[PageFurniture]) -> bool:
    """An agenda or front sheet: numbered items with page ranges, or an 'Agenda' heading and items."""
    text_lines = [" ".join(ln.text.split()) for p in pages[:2] for ln in p.lines]
    if sum(1 for t in text_lines if _ITEM_RANGE.search(t)) >= 1:
        return True
    head = text_lines[:15]
    agenda_at = next((i for i, t in enumerate(head)
                      if _AGENDA.match(t) and (len(t.split()) <= 8 or re.match(r"agenda\b", t, re.I))), None)
    minutes_at = next((i for i, t in enumerate(head)
                       if (_MINUTES.match(t) and not _MINUTES_REFERENCE.match(t))
                       or (i < 4 and _MINUTES_ANYWHERE.search(t))), None)
    if agenda_at is not None:
        return minutes_at is None or agenda_at < minutes_at  # "Minutes of ..." above any "Agenda": minutes
    # a masthead set in columns: "CITY COUNCIL AGENDA AND NOTICE   VIDEO CONFERENCE ..."
    segments = [s.strip() for p in pages[:1] for ln in p.lines[:15] for s in re.split(r"\s{2,}", ln.text)]
    return minutes_at is None and any(_AGENDA_SEGMENT.match(s) and len(s.split()) <= 8 for s in segments)


# PowerPoint's own page sizes in points (16:9 and 4:3, 7.5 inches high): a deck exported to PDF keeps them.
_SLIDE_SIZES = ((960.0, 540.0), (720.0, 540.0))


def _at_slide_size(pages: list[PageFurniture]) -> bool:
    """Two or more pages all at PowerPoint's exact size (a deck of table slides has plenty of text)."""
    return len(pages) >= 2 and all(
        any(abs(p.width - w) < 1 and abs(p.height - h) < 1 for w, h in _SLIDE_SIZES) for p in pages)


def _is_presentation(pages: list[PageFurniture]) -> bool:
    """Slides: landscape pages of slide proportions (4:3 or 16:9) with little text each and big titles."""
    slides = [p for p in pages if p.width > p.height and 1.3 <= p.width / max(p.height, 1) <= 1.8
              and sum(len(ln.text) for ln in p.lines) < 1800]
    return len(slides) >= max(2, 0.8 * len(pages)) and _has_big_titles(slides)


def _has_big_titles(pages: list[PageFurniture]) -> bool:
    titled = 0
    for p in pages:
        if not p.lines:
            continue
        sizes = sorted(ln.size for ln in p.lines)
        if max(sizes) >= 1.4 * sizes[len(sizes) // 2]:
            titled += 1
    return titled >= 0.5 * len(pages)


def _mostly_tables(pages: list[PageFurniture], tables: dict[int, list[RawTable]]) -> bool:
    """Most text of the document's text-bearing pages sits inside tables."""
    shares = []
    for page in pages:
        if len(page.lines) < 5:
            continue  # a cover or a caption page says nothing either way
        boxes = [t.bbox for t in tables.get(page.pdf_page, [])]
        inside = sum(1 for ln in page.lines
                     if any(b.x0 - 2 <= ln.x0 and ln.x1 <= b.x1 + 2 and b.top - 2 <= ln.top
                            and ln.bottom <= b.bottom + 2 for b in boxes))
        shares.append(inside / len(page.lines))
    return bool(shares) and sum(shares) / len(shares) >= 0.75


def _is_table_document(pages: list[PageFurniture]) -> bool:
    return all(p.width > p.height for p in pages) and len(pages) >= 2


def question_title(pages: list[PageFurniture]) -> str | None:
    """A question's own heading ("Question by A to B, Cabinet Member for C"), its lines joined."""
    lines = [ln for ln in pages[0].lines[:12]] if pages else []
    for k, ln in enumerate(lines):
        if _QUESTIONS.match(" ".join(ln.text.split())):
            out = [ln]
            for nxt in lines[k + 1:k + 3]:
                if nxt.bold == ln.bold and abs(nxt.size - ln.size) < 0.5 and nxt.top - out[-1].bottom < 0.8 * nxt.size:
                    out.append(nxt)
                else:
                    break
            return " ".join(" ".join(x.text.split()) for x in out)
    return None


def title_of(pages: list[PageFurniture]) -> str | None:
    """The printed heading: the largest text near the top of the first page (several lines joined)."""
    sizes = sorted(ln.size for p in pages[:3] for ln in p.lines)
    body = sizes[len(sizes) // 2] if sizes else 0.0  # a title page alone has no body text
    for page in pages[:2]:
        lines = [ln for ln in page.lines[:20] if len(ln.text.strip()) > 1]
        if not lines:
            continue
        return _heading_text(lines, body)
    return None


def _heading_text(lines: list[Line], body: float) -> str | None:
    biggest = max(ln.size for ln in lines)
    if biggest >= body * 1.15:
        picked = [ln for ln in lines if ln.size >= max(body * 1.15, biggest * 0.75)]
    else:
        bold = [ln for ln in lines if ln.bold]
        picked = bold[:1] if bold else lines[:1]
    first = picked[0]
    out = [first]
    for ln in picked[1:4]:
        if ln.top - out[-1].bottom < 1.2 * (ln.bottom - ln.top) and ln.pdf_page == first.pdf_page:
            out.append(ln)
        else:
            break
    text = " ".join(" ".join(ln.text.split()) for ln in out)
    return text or None
