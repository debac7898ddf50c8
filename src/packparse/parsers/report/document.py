"""The report's lines with the measures every part reads (body size, line pitch, margins), and labelled
values: the text after a label such as 'From:' or 'Report of', continued in its column."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from packparse.pagemodel import Line
from packparse.structure.numbering import read_number

_WS = re.compile(r"\s+")
# Any "Label:" at the start of a line (a header-grid field); the label is short and capitalised.
_ANY_LABEL = re.compile(r"^[A-Z][\w()/'’&,.-]*(?:\s[\w()/'’&,.-]+){0,5}?\s?:(?:\s|$)")
# A second label later on the same line, after a column gap: "TO: X  FROM: Y", "Subject: X  DATE: Y".
_NEXT_LABEL = re.compile(r"\s{2,}[A-Z][A-Za-z()/'’ ]{1,30}\s?:(?:\s|$)")
_REPORT_OF = re.compile(
    r"(?:^|(?<=\s\s))(?:(?:Report\s+(?:of|from|by))(?:\s*:|\s+(?=\S))"
    r"|(?:From|By)(?:\s*:|\s{2,}(?=\S)))",
    re.I,
)
_PREPARED_BY = re.compile(r"^(?:Report\s+)?(?:prepared|written)\s+by\s*:?", re.I)
_SEE_BELOW = re.compile(r"^(?:see\s+below|n/?a|none|tbc)\.?$", re.I)
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_FULL_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
# Banners and furniture a title is never taken from.
_BANNER = re.compile(
    r"^(?:(?:city\s+council\s+|council\s+|planning\s+commission\s+)?staff\s+report|memorandum|report"
    r"|agenda(?:\s+item.*)?|item(?:\s+no\.?)?\s*[\w.-]*|for\s+(?:general\s+)?release|(?:un)?restricted"
    r"|public|not\s+for\s+publication|part\s+[ab1-2]|exempt|confidential|official(?:\s*-\s*sensitive)?"
    r"|packet\s+pg\.?.*|page\s+\d+(?:\s+of\s+\d+)?|appendix\s+\w+|draft)\.?$",
    re.I,
)
_REC_HEADING = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.)\s*\|?\s*)?"
    r"(?:recommendations?|recommended\s+actions?)(?:\s*\(s\))?\s*(?::\s*(?P<inline>.*))?$",
    re.I,
)
_REC_INTRO = re.compile(r"\b(?:is|are)\s+(?:being\s+)?(?:asked|recommended|requested|invited)\s+to\b", re.I)
_INTRO_END = re.compile(r"(?::|:\s*[-–]|\bfollowing|\bthat|\bto)\s*$", re.I)
# List markers: (a) a) A. (iv) (1) 1) 1. and bullets.
_ITEM = re.compile(
    r"^(?:\((?:[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|\d{1,2})\)|(?:[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})[.)](?=\s)"
    r"|[•●▪■◦‣∙·*\uf000-\uf0ff](?=\s|\S)|[-–o](?=\s))\s*"
)
_RUN_ON = re.compile(r"\s(?:the|a|an|of|for|to|and|or|with|by|in|on|at|from|that|is|are|be)$")
# A paragraph number: decimal, up to three digits a level and four levels ("14", "2.3", "1.0"); the white
# space after it may hold a column rule ("3 | Heading").
_PARA_DIGITS = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,3}")
_PARA_GAP = re.compile(r"(?:\s*\|)?\s+(?=\S)")
_LEADERS = re.compile(r"\.{4,}|…{2,}|(?:\.\s){4,}")
_AUTHOR = re.compile(
    r"^(?:Contact(?:\s+officers?)?|Authors?(?:\s*\(s\))?|Report\s+authors?(?:\s*\(s\))?|Lead\s+officers?"
    r"|Officer\s+contact|Background\s+papers\s+contact)(?=\s*:|\s{2,}|\s*$)(?:\s*:)?"
    r"|^Report\s+authors?(?=\s[A-Z])",
    re.I,
)
_CLASSIFICATION_BANNER = re.compile(
    r"^(?:(?:un)?restricted|for\s+(?:general\s+)?release|not\s+for\s+(?:general\s+)?publication"
    r"|(?:part\s+[ab12]\s*[-–]?\s*)?(?:exempt|confidential)(?:\s+information)?|official(?:\s*[-–]\s*sensitive)?"
    r"|open(?:\s+report)?)\.?$", re.I)
_BACKGROUND_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s*\|?\s*)?(?:list\s+of\s+)?(?:background\s+(?:papers?|documents?|reading"
    r"|information)|other\s+useful\s+documents|supporting\s+documents|useful\s+(?:links|documents))"
    r"(?:\s*\(s\))?\s*(?P<inline>[:\-–].*)?$", re.I)
_APPENDICES_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s*\|?\s*)?(?:list\s+of\s+)?(?:(?:appendices|attachments|annexes|enclosures)"
    r"(?:\s*\(s\))?\s*(?P<inline>[:\-–].*)?|(?:appendix|attachment|annex)(?:\s*\(s\))?\s*:?)$", re.I)
_APPENDIX_PREFIX = re.compile(r"^(?:appendix|annex)\s+[\w.]{1,4}\s*[:.\-–—]?\s*", re.I)


@dataclass(slots=True)
class _Doc:
    """The report's lines plus the measures every part needs (computed once)."""

    lines: list[Line]
    body: float  # the most common font size
    pitch: float  # the usual distance between the tops of consecutive lines
    margins: dict[int, float] = field(default_factory=dict)  # left text margin per page
    rights: dict[int, float] = field(default_factory=dict)  # right text edge per page, filled on demand

    @classmethod
    def of(cls, lines: list[Line]) -> _Doc:
        sizes: Counter[float] = Counter()
        for ln in lines:
            for w in ln.words:
                sizes[round(w.size)] += len(w.text)
        body = float(max(sizes, key=sizes.__getitem__)) if sizes else 0.0
        diffs = [b.top - a.top for a, b in pairwise(lines)
                 if a.pdf_page == b.pdf_page and 0 < b.top - a.top < 3 * max(body, 1)]
        # The usual line spacing inside a paragraph: a low quantile, since many gaps are between paragraphs.
        pitch = sorted(diffs)[len(diffs) // 4] if diffs else body * 1.2
        margins: dict[int, list[float]] = {}
        for ln in lines:
            if abs(ln.size - body) <= 1.5:
                margins.setdefault(ln.pdf_page, []).append(ln.x0)
        return cls(lines, body, pitch, {p: _low(xs) for p, xs in margins.items()})

    @property
    def para_gap(self) -> float:
        """A distance between line tops above which a new paragraph starts."""
        return min(1.5 * self.pitch, 2.0 * max(self.body, 1))

    def margin(self, page: int) -> float:
        return self.margins.get(page, 0.0)

    def right(self, page: int) -> float:
        """The right edge of the body text on a page (where full lines end)."""
        if page not in self.rights:
            ends = sorted(ln.x1 for ln in self.lines if ln.pdf_page == page and abs(ln.size - self.body) <= 1.5)
            self.rights[page] = ends[int(len(ends) * 0.9)] if ends else 0.0
        return self.rights[page]


def _low(xs: list[float]) -> float:
    """The left margin: the smallest x shared by at least two lines (a stray line does not count)."""
    counts = Counter(round(x) for x in xs)
    shared = [x for x, n in counts.items() if n >= 2]
    return float(min(shared)) if shared else min(xs)


class ParaNumber(NamedTuple):
    num: str  # "2.3"
    dot: str  # "." when printed after the number
    rest: str  # the text after it


def _para_num(text: str) -> ParaNumber | None:
    """The paragraph number at the start of a line ("14  text", "2.3 text", "1.0 Purpose", "3 | Heading"),
    read by the numbering grammar (`structure.numbering.read_number`) and held to a decimal number."""
    if not text[:1].isdigit():
        return None
    token = read_number(text)
    if token is None or token.prefix or token.sep not in ("", ".", "-") or not _PARA_DIGITS.fullmatch(token.text):
        return None
    dot = "." if token.sep == "." else ""
    gap = _PARA_GAP.match(text, len(token.text) + len(dot))
    return ParaNumber(token.text, dot, text[gap.end():]) if gap else None


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _is_heading(ln: Line, doc: _Doc) -> bool:
    """A section heading: bold or larger than the body, short, not a list item or a sentence."""
    text = ln.text.strip()
    if not (ln.bold or ln.size >= doc.body + 1.5) or not any(c.isalpha() for c in text):
        return False
    if _ITEM.match(text) and not _para_num(text):
        return False
    if len(text.split()) > 12 or text.endswith((".", ",", ";")) or text.count("(") > text.count(")"):
        return False
    if _RUN_ON.search(text):  # a sentence broken at the line end, not a heading
        return False
    return not (_REC_INTRO.search(text) or _INTRO_END.search(text))


def _value_after(lines: list[Line], i: int, start: int, end: int, doc: _Doc) -> tuple[str, int]:
    """The value after a label spanning characters `start:end` of line `i`, with its continuation.

    Returns the text and the index of the last line used. A value in its own column (a wide gap after
    the label, or next lines aligned with it) continues on lines aligned with that column; a value run
    on after the label ("Report of Jane Smith, Head of ...") continues under the label at normal line
    spacing in the same style. A label with nothing after it takes the next line(s) as its value.
    """
    first = lines[i]
    text = first.text
    rest = text[end:]
    cut = _NEXT_LABEL.search(rest)
    if cut:
        rest = rest[: cut.start()]
    value = rest.strip(" :\t")
    words = first.words
    n_label = len(text[:start].split())
    n_value = len(text[:end].split())
    label_x = words[n_label].x0 if n_label < len(words) else first.x0
    value_x = words[n_value].x0 if value and n_value < len(words) else None
    column = (value_x is not None and 0 < n_value <= len(words)
              and value_x - words[n_value - 1].x1 > 1.2 * max(first.size, 6))
    parts = [value] if value else []
    last, prev = i, first
    for j in range(i + 1, min(len(lines), i + 12)):
        ln = lines[j]
        gap = ln.top - prev.top
        t = ln.text.strip()
        if ln.pdf_page != first.pdf_page or gap > 2.6 * max(prev.size, 1):
            break
        if _ANY_LABEL.match(t) or _REPORT_OF.match(t) or _PREPARED_BY.match(t):
            break
        if not parts:
            if ln.x0 >= label_x - 4 and not _is_heading(ln, doc):
                parts.append(t)
                value_x = ln.x0
                last, prev = j, ln
                continue
            break
        in_column = value_x is not None and abs(ln.x0 - value_x) <= 4 and value_x - label_x > 20
        run_on = (not column and abs(ln.x0 - label_x) <= 4 and gap <= 1.8 * max(prev.size, 1)
                  and ln.bold == prev.bold and abs(ln.size - prev.size) < 1)
        if not (in_column or run_on):
            break
        parts.append(t)
        last, prev = j, ln
    return _clean(" ".join(parts)), last


def _first_page(doc: _Doc) -> list[int]:
    """Indexes of the lines on the report's first page (the header zone)."""
    if not doc.lines:
        return []
    page = doc.lines[0].pdf_page
    return [i for i, ln in enumerate(doc.lines) if ln.pdf_page == page]


def _find_label(doc: _Doc, pattern: re.Pattern[str], where: list[int],
                skip_placeholder: bool = True) -> tuple[str, int, int] | None:
    """The first non-empty labelled value for `pattern` among lines `where`: (value, line, last line).

    Placeholders ("SEE BELOW", "N/A") are passed over unless `skip_placeholder` is off.
    """
    for i in where:
        text = doc.lines[i].text
        if _para_num(text.strip()):
            continue
        for m in pattern.finditer(text):
            value, last = _value_after(doc.lines, i, m.start(), m.end(), doc)
            if value and not (skip_placeholder and _SEE_BELOW.match(value)):
                return value, i, last
    return None


def _first_value(doc: _Doc, pattern: re.Pattern[str], where: list[int]) -> tuple[str, int] | None:
    """The value after a label on its own line (cut at a second label on the line), else on the line
    under it; with the line index."""
    lines = doc.lines
    for i in where:
        text = lines[i].text
        if _para_num(text.strip()):
            continue
        m = pattern.search(text)
        if not m:
            continue
        rest = text[m.end():].lstrip(" :\t")
        cut = _NEXT_LABEL.search(rest)
        value = _clean(rest[:cut.start()] if cut else rest).strip(" :-–")
        if not value and i + 1 < len(lines) and lines[i + 1].pdf_page == lines[i].pdf_page:
            nxt = lines[i + 1].text.strip()
            if not (_ANY_LABEL.match(nxt) or _BANNER.match(nxt)):
                value = _clean(nxt)
        if value:
            return value, i
    return None
