"""Sections (headings after the title with their paragraphs), the documents listed under 'Background
papers' or 'Appendices', and the implications keyed in lower_snake case."""

from __future__ import annotations

import re
from dataclasses import dataclass

from packparse.pagemodel import Line
from packparse.parsers.report.document import (
    _ANY_LABEL,
    _APPENDICES_HEAD,
    _APPENDIX_PREFIX,
    _AUTHOR,
    _BACKGROUND_HEAD,
    _BANNER,
    _CLASSIFICATION_BANNER,
    _FULL_DATE,
    _ITEM,
    _LEADERS,
    _REC_INTRO,
    _RUN_ON,
    _SEE_BELOW,
    _clean,
    _Doc,
    _is_heading,
    _para_num,
)

# Sections and what they list.
_SECTION_NUM = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)(?:\.|\s*\|)?\s+(?P<rest>\S.*)$")
_CAPTION = re.compile(r"^(?:table|figure|chart|graph|diagram)\s+\d+\b", re.I)
_ITEM_ID = re.compile(r"^(?:Appendix|Annex|Attachment|Enclosure)\s+[A-Z0-9]{1,3}\b|^[A-Z]\s*:\s")
_NUM_ITEM = re.compile(r"^\d{1,2}\s{2,}\S")
_BULLET_LEAD = re.compile(r"^[•●▪■◦‣∙·*\uf000-\uf0ff\-–]\s*")
_NUMBER_LEAD = re.compile(r"^(?:[•●▪■◦‣∙·*\uf000-\uf0ff\-–]|\(?\d{1,2}[.)]?(?=\s)|\(?[a-z][.)])\s*")
MAX_LIST_LINES = 40
_IMPLICATIONS_WORD = re.compile(r"\bimplications?\b", re.I)
_IMPLICATIONS_CONTAINER = re.compile(
    r"^(?:other\s+|key\s+|summary\s+of\s+(?:the\s+)?)?implications(?:\s+(?:of|for)\b.*)?\s*:?$", re.I)
_IMPLICATION_KEYS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bcrime\b"), "crime_and_disorder"),
    (re.compile(r"\bhuman\s+rights\b"), "human_rights"),
    (re.compile(r"\bequalit|\bdiversity\b"), "equality"),
    (re.compile(r"\bclimate\b"), "climate"),
    (re.compile(r"\blegal\b"), "legal"),
    (re.compile(r"\bfinanc|\bbudget"), "finance"),
    (re.compile(r"\bconsult"), "consultation"),
    (re.compile(r"\bstaff|\bhuman\s+resources\b|\bworkforce\b|^hr\b|\bpersonnel\b"), "staffing"),
    (re.compile(r"\baccommodation\b"), "accommodation"),
    (re.compile(r"\brisks?\b"), "risk"),
    (re.compile(r"\bprocurement\b"), "procurement"),
    (re.compile(r"\bdata\s+protection\b|\bgdpr\b"), "data_protection"),
    (re.compile(r"\benvironment"), "environmental"),
]
_RUN_IN_LABEL = re.compile(r"^([A-Z][A-Za-z &/,'’-]{2,60}?)\s*[:\-–]\s+(.+)$")


@dataclass(slots=True)
class _Section:
    index: int  # first heading line
    last: int  # last heading line
    number: str | None
    heading: str
    size: float
    end: int = 0  # line after the section


def _section_heading(ln: Line, doc: _Doc) -> bool:
    t = ln.text.strip()
    num = _SECTION_NUM.match(t)
    core = num.group("rest") if num else t
    if ln.size < doc.body - 0.5 or ln.x0 > doc.margin(ln.pdf_page) + 60 or core[:1].islower():
        return False  # table headers, figures in an infographic ("196 primary schools")
    if "  " in core or "?" in t or _LEADERS.search(t) or _BANNER.match(t) or _CAPTION.match(t):
        return False
    label = _ANY_LABEL.match(core)
    if label and core[label.end():].strip() and not _APPENDIX_PREFIX.match(core):
        return False  # "Wards Affected: All" is a header field
    if _CLASSIFICATION_BANNER.match(t) or (_FULL_DATE.search(t) and len(t.split()) <= 5):
        return False
    if _is_heading(ln, doc):
        return True
    return (ln.bold and t.endswith(":") and len(t.split()) <= 8 and any(c.isalpha() for c in t)
            and not _REC_INTRO.search(t) and not _ITEM.match(t))


def _sections(doc: _Doc, start: int) -> list[_Section]:
    lines = doc.lines
    out: list[_Section] = []
    i = start
    while i < len(lines):
        ln = lines[i]
        if not _section_heading(ln, doc):
            i += 1
            continue
        j = i
        text = ln.text.strip()
        while (j + 1 < len(lines) and not text.endswith(":") and lines[j + 1].pdf_page == ln.pdf_page
               and lines[j + 1].top - lines[j].top <= 1.5 * doc.pitch
               and abs(lines[j + 1].size - ln.size) < 0.5 and lines[j + 1].bold == ln.bold
               and _section_heading(lines[j + 1], doc) and not _para_num(lines[j + 1].text.strip())):
            j += 1
            text += " " + lines[j].text.strip()
        m = _SECTION_NUM.match(text)
        number, heading = (m.group("num"), m.group("rest")) if m else (None, text)
        heading = _clean(heading).rstrip(" :")
        if heading:
            out.append(_Section(i, j, number, heading, ln.size))
        i = j + 1
    for k, sec in enumerate(out):
        sec.end = out[k + 1].index if k + 1 < len(out) else len(lines)
    return out


def _block_lines(doc: _Doc, start: int) -> list[Line]:
    """The lines of a list under a heading: up to the next heading, label, author box or wide gap."""
    lines = doc.lines
    out: list[Line] = []
    prev = lines[start - 1] if start > 0 else None
    for j in range(start, min(len(lines), start + MAX_LIST_LINES)):
        ln = lines[j]
        t = ln.text.strip()
        if prev is not None and (ln.pdf_page > prev.pdf_page + 1 or (
                ln.pdf_page == prev.pdf_page and ln.top - prev.top > 3.2 * doc.pitch)):
            break
        if (_section_heading(ln, doc) or _AUTHOR.match(t) or _BANNER.match(t) or _CLASSIFICATION_BANNER.match(t)
                or ln.size < doc.body - 2):
            break
        out.append(ln)
        prev = ln
    return out


def _starts_item(text: str) -> bool:
    return bool(_ITEM.match(text) or _NUM_ITEM.match(text) or _ITEM_ID.match(text))


def _list_items(lines: list[Line], inline: str, doc: _Doc, strip_numbers: bool = False) -> list[str]:
    """One entry per listed document: markers start one; without markers a line at the list's left
    edge does, unless the line before ran on to the right edge or this one starts in lower case."""
    items: list[str] = [inline] if inline else []
    if not lines:
        return [i for i in items if not _SEE_BELOW.match(i)]
    left = min(ln.x0 for ln in lines)
    right = max(doc.right(ln.pdf_page) for ln in lines)
    marked = any(_starts_item(ln.text.strip()) for ln in lines)
    prev: Line | None = None
    for ln in lines:
        t = ln.text.strip()
        starts = _starts_item(t) if marked else (
            ln.x0 <= left + 3 and not t[:1].islower()
            and (prev is None or prev.pdf_page != ln.pdf_page or ln.top - prev.top > doc.para_gap
                 or prev.x1 < right - 0.12 * (right - left) or prev.text.rstrip().endswith((".", ";")))
            and not (prev is not None and _RUN_ON.search(prev.text.rstrip())))
        if starts or not items:
            items.append(t)
        else:
            items[-1] += " " + t
        prev = ln
    lead = _NUMBER_LEAD if strip_numbers else _BULLET_LEAD
    return [x for x in (lead.sub("", _clean(i)) for i in items) if x and not _SEE_BELOW.match(x)]


def _listed(doc: _Doc, heading: re.Pattern[str], start: int, strip_numbers: bool = False) -> list[str] | None:
    """The items listed under the first heading matching `heading` at or after line `start`."""
    lines = doc.lines
    for i in range(start, len(lines)):
        ln = lines[i]
        t = ln.text.strip()
        m = heading.match(t)
        if not m or ln.x0 > doc.margin(ln.pdf_page) + 40:
            continue
        inline = _clean(m.group("inline") or "").lstrip(":-– ")
        if not (inline or ln.bold or _section_heading(ln, doc)):
            continue
        if inline and not (ln.bold or _section_heading(ln, doc) or ":" in t[:m.start("inline") + 1]):
            continue
        return _list_items(_block_lines(doc, i + 1), inline, doc, strip_numbers)
    return None


def _implication_key(heading: str) -> str:
    text = _APPENDIX_PREFIX.sub("", heading)
    low = text.lower()
    for rx, key in _IMPLICATION_KEYS:
        if rx.search(low):
            return key
    low = _IMPLICATIONS_WORD.sub(" ", low).replace("&", " and ")
    return "_".join(re.findall(r"[a-z0-9]+", low)) or "other"


def _section_text(doc: _Doc, first: int, end: int, number: str | None = None) -> str:
    """The text under a heading, paragraph numbers dropped; a numbered section stops at the next
    number outside it ('15.0 Background Documents' after '14.0 Staffing Implications')."""
    major = number.split(".")[0] if number else None
    parts = []
    for ln in doc.lines[first:end]:
        t = ln.text.strip()
        m = _para_num(t)
        if m and ln.x0 <= doc.margin(ln.pdf_page) + 20:
            if major and m.num.split(".")[0] != major:
                break
            t = m.rest
        if _BACKGROUND_HEAD.match(t) or _APPENDICES_HEAD.match(t):
            break
        parts.append(t)
    return _clean(" ".join(parts))


def _implications(doc: _Doc, sections: list[_Section]) -> dict[str, str]:
    """Implications by heading: the sub-headings of an 'Implications' section or appendix, and sections
    headed '... Implications' ('Financial Implications', 'Legal implications')."""
    out: dict[str, str] = {}
    used: set[int] = set()
    for k, sec in enumerate(sections):
        if k in used or not _IMPLICATIONS_CONTAINER.match(_APPENDIX_PREFIX.sub("", sec.heading)):
            continue
        subs = []
        for k2 in range(k + 1, len(sections)):
            nxt = sections[k2]
            if nxt.size > sec.size + 0.5 or _APPENDIX_PREFIX.match(nxt.heading) or (
                    sec.number and nxt.number and "." not in nxt.number and nxt.number != sec.number):
                break
            subs.append(k2)
        for k2 in subs:
            used.add(k2)
            sub = sections[k2]
            out.setdefault(_implication_key(sub.heading), _section_text(doc, sub.last + 1, sub.end, sub.number))
        if not subs:
            for key, value in _run_in_implications(doc, sec.last + 1, sec.end):
                out.setdefault(key, value)
    for k, sec in enumerate(sections):
        if k in used or not _IMPLICATIONS_WORD.search(sec.heading) or _IMPLICATIONS_CONTAINER.match(
                _APPENDIX_PREFIX.sub("", sec.heading)):
            continue
        out.setdefault(_implication_key(sec.heading), _section_text(doc, sec.last + 1, sec.end, sec.number))
    return out


def _run_in_implications(doc: _Doc, first: int, end: int) -> list[tuple[str, str]]:
    """'Legal: None.' / bold 'Finance' run into its text, one implication per line that opens one."""
    out: list[tuple[str, str]] = []
    for ln in doc.lines[first:end]:
        t = ln.text.strip()
        n = 0
        while n < len(ln.words) and ln.words[n].bold:
            n += 1
        m = _RUN_IN_LABEL.match(t)
        if 0 < n < len(ln.words):
            label = " ".join(w.text for w in ln.words[:n]).rstrip(" :-–")
            out.append((_implication_key(label), _clean(" ".join(w.text for w in ln.words[n:])).lstrip(":-– ")))
        elif m:
            out.append((_implication_key(m.group(1)), _clean(m.group(2))))
        elif out:
            out[-1] = (out[-1][0], _clean(out[-1][1] + " " + t))
    return out
