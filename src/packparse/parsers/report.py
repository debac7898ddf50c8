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
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from packparse.models import Contact, Paragraph, ParagraphItem, Person, Report, Section
from packparse.pagemodel import Line
from packparse.textparse import EMAIL, find_date

# ---------------------------------------------------------------------------------------------------
# Wording

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
_SUBJECT = re.compile(
    r"(?:^|(?<=\s\s))(?:Subject|Title|Report\s+title|Re|Regular\s+Business|Consent\s+Calendar"
    r"|Public\s+Hearings?|Study\s+Session|Informational\s+Items?)\s*:",
    re.I,
)
_SEE_BELOW = re.compile(r"^(?:see\s+below|n/?a|none|tbc)\.?$", re.I)
_DIVISIONS = re.compile(
    r"^(?:Electoral\s+divisions?(?:\s*\(s\))?(?:\s+affected)?|Wards?(?:\s*\(s\))?\s+affected"
    r"|Divisions?(?:\s*\(s\))?\s+affected|Ward\s*\(s\)|Electoral\s+wards?(?:\s+affected)?)\s*:?",
    re.I,
)
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
_MEETING_LINE = re.compile(r"\b(?:meeting|committee\s+date|date\s+of\s+meeting)\b", re.I)

_REC_HEADING = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2})?\.?|[A-Z]\.)\s*\|?\s*)?"
    r"(?:recommendations?|recommended\s+actions?)(?:\s*\(s\))?\s*(?::\s*(?P<inline>.*))?$",
    re.I,
)
_REC_INTRO = re.compile(r"\b(?:is|are)\s+(?:being\s+)?(?:asked|recommended|requested|invited)\s+to\b", re.I)
_INTRO_END = re.compile(r"(?::|:\s*[-–]|\bfollowing|\bthat|\bto)\s*$", re.I)
_DIRECTIVE = re.compile(
    r"^(?:to\s+)?(?:approve|agree|note|endorse|consider|adopt|authori[sz]e|delegate|review|receive|accept"
    r"|resolve|confirm|support|request|replace|continue|establish|instruct|allocate|commission|ratify"
    r"|recommend|appoint|grant|refuse|defer|amend|award|transfer|authorise|determine|set|make|that\s)\b",
    re.I,
)
# List markers: (a) a) A. (iv) (1) 1) 1. and bullets.
_ITEM = re.compile(
    r"^(?:\((?:[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|\d{1,2})\)|(?:[a-zA-Z]|[ivxIVX]{1,5}|\d{1,2})[.)](?=\s)"
    r"|[•●▪■◦‣∙·*\uf000-\uf0ff](?=\s|\S)|[-–o](?=\s))\s*"
)
_RUN_ON = re.compile(r"\s(?:the|a|an|of|for|to|and|or|with|by|in|on|at|from|that|is|are|be)$")
_BULLET = re.compile(r"^[•●▪■◦‣∙·*\uf000-\uf0ff\-–o]")
# A paragraph number at the start of a line: "14  text", "2.3 text", "1.0 Purpose", "3 | Heading".
_PARA_NUM = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,3})(?P<dot>\.?)(?:\s*\|)?\s+(?P<rest>\S.*)$")
_LEADERS = re.compile(r"\.{4,}|…{2,}|(?:\.\s){4,}")

_AUTHOR = re.compile(
    r"^(?:Contact(?:\s+officers?)?|Authors?(?:\s*\(s\))?|Report\s+authors?(?:\s*\(s\))?|Lead\s+officers?"
    r"|Officer\s+contact|Background\s+papers\s+contact)(?=\s*:|\s{2,}|\s*$)(?:\s*:)?"
    r"|^Report\s+authors?(?=\s[A-Z])",
    re.I,
)
_PHONE = re.compile(
    r"(?P<label>\b(?:Tel(?:ephone)?|Phone|Mob(?:ile)?|T)\s*[.:]?\s*)?(?P<num>\+?\(?\d[\d ()-]{3,}\d)"
)
_PHONE_LABEL = re.compile(r"^(?:Tel(?:ephone)?|Phone|Mob(?:ile)?|E-?mail)\b", re.I)
_TEL_CUT = re.compile(
    r"\s*(?:\b(?:Tel(?:ephone)?|Phone|Email|E-mail|Mob(?:ile)?)\b\s*[.:]?|\+?\d{4,}|[\w.+-]+@).*$", re.I
)
_ROLE_WORDS = re.compile(
    r"\b(?:director|manager|head|officer|leader|member|lead|clerk|chief|executive|assistant|cabinet|deputy"
    r"|interim|strategic|corporate|service|services|team|senior|principal|advisor|adviser|planner|attorney"
    r"|secretary|treasurer|chair|chairman|mayor|acting|practice|coordinator|co-ordinator|specialist"
    r"|analyst|consultant|accountant|engineer|solicitor|counsel|portfolio|holder|commissioner)\b",
    re.I,
)
_ORG_END = re.compile(r"\b(?:council|authority|partnership|board|committee|group|trust|ltd|limited|plc)\s*$",
                      re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|Mc\w+|O['’]\w+|de|da|van|von|le|la)$")
_NOT_NAME = re.compile(r"^(?:appendix|annex|table|chart|figure|source|section|page|total|item)\b", re.I)
_HONORIFIC = re.compile(r"^(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Rev)\.?$", re.I)
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
_NUMERIC_DATE = re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")
_CLASSIFICATION_LABEL = re.compile(r"^\s*(?i:(?:security\s+)?classification)\s*(?::|\s{2,}|\s(?=[A-Z]))")
_CLASSIFICATION_BANNER = re.compile(
    r"^(?:(?:un)?restricted|for\s+(?:general\s+)?release|not\s+for\s+(?:general\s+)?publication"
    r"|(?:part\s+[ab12]\s*[-–]?\s*)?(?:exempt|confidential)(?:\s+information)?|official(?:\s*[-–]\s*sensitive)?"
    r"|open(?:\s+report)?)\.?$", re.I)
_KEY_DECISION_LABEL = re.compile(r"^\s*(?i:(?:is\s+(?:this|it)\s+a\s+)?key\s+decision)\s*(?:\?|:|\s{2,})")
_YES_NO = re.compile(r"^\s*(yes|no|y|n)\b", re.I)
_KEY_DECISION_STATEMENT = re.compile(r"\bthis\s+is\s+(not\s+)?a\s+key\s+decision\b|\bnon-key\s+decision\b", re.I)
_DECISION_REF_LABEL = re.compile(
    r"^\s*(?i:(?:key\s+)?decision\s+(?:no\.?|number|ref(?:erence)?\.?(?:\s+(?:no\.?|number))?|id)"
    r"|forward\s+plan\s+(?:ref(?:erence)?|no\.?))\s*(?::|\s{2,})")
_DECISION_REF = re.compile(r"\b\d{2}/\d{3,6}\b")

# Sections and what they list.
_SECTION_NUM = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)(?:\.|\s*\|)?\s+(?P<rest>\S.*)$")
_CAPTION = re.compile(r"^(?:table|figure|chart|graph|diagram)\s+\d+\b", re.I)
_ITEM_ID = re.compile(r"^(?:Appendix|Annex|Attachment|Enclosure)\s+[A-Z0-9]{1,3}\b|^[A-Z]\s*:\s")
_NUM_ITEM = re.compile(r"^\d{1,2}\s{2,}\S")
_BULLET_LEAD = re.compile(r"^[•●▪■◦‣∙·*\uf000-\uf0ff\-–]\s*")
_NUMBER_LEAD = re.compile(r"^(?:[•●▪■◦‣∙·*\uf000-\uf0ff\-–]|\(?\d{1,2}[.)]?(?=\s)|\(?[a-z][.)])\s*")
MAX_LIST_LINES = 40
_BACKGROUND_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s*\|?\s*)?(?:list\s+of\s+)?(?:background\s+(?:papers?|documents?|reading"
    r"|information)|other\s+useful\s+documents|supporting\s+documents|useful\s+(?:links|documents))"
    r"(?:\s*\(s\))?\s*(?P<inline>[:\-–].*)?$", re.I)
_APPENDICES_HEAD = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s*\|?\s*)?(?:list\s+of\s+)?(?:(?:appendices|attachments|annexes|enclosures)"
    r"(?:\s*\(s\))?\s*(?P<inline>[:\-–].*)?|(?:appendix|attachment|annex)(?:\s*\(s\))?\s*:?)$", re.I)
_APPENDIX_PREFIX = re.compile(r"^(?:appendix|annex)\s+[\w.]{1,4}\s*[:.\-–—]?\s*", re.I)
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
_BARE_NUMBER = re.compile(r"^[-–]?\s*\d{1,4}\s*[-–]?$|^page\s+\d+(?:\s+of\s+\d+)?$", re.I)


# ---------------------------------------------------------------------------------------------------
# Document-wide measures


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


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _is_heading(ln: Line, doc: _Doc) -> bool:
    """A section heading: bold or larger than the body, short, not a list item or a sentence."""
    text = ln.text.strip()
    if not (ln.bold or ln.size >= doc.body + 1.5) or not any(c.isalpha() for c in text):
        return False
    if _ITEM.match(text) and not _PARA_NUM.match(text):
        return False
    if len(text.split()) > 12 or text.endswith((".", ",", ";")) or text.count("(") > text.count(")"):
        return False
    if _RUN_ON.search(text):  # a sentence broken at the line end, not a heading
        return False
    return not (_REC_INTRO.search(text) or _INTRO_END.search(text))


# ---------------------------------------------------------------------------------------------------
# Labelled values


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
        if _PARA_NUM.match(text.strip()):
            continue
        for m in pattern.finditer(text):
            value, last = _value_after(doc.lines, i, m.start(), m.end(), doc)
            if value and not (skip_placeholder and _SEE_BELOW.match(value)):
                return value, i, last
    return None


# ---------------------------------------------------------------------------------------------------
# Title


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
    return not _PARA_NUM.match(t) and len(t) >= 3


# ---------------------------------------------------------------------------------------------------
# Report of


def _report_of(doc: _Doc) -> str | None:
    """'Report of' / 'From' / 'By' in the header, else 'Prepared by' anywhere, else a closing sign-off."""
    found = _find_label(doc, _REPORT_OF, _first_page(doc))
    if found:
        return found[0]
    found = _find_label(doc, _PREPARED_BY, list(range(len(doc.lines))))
    if found:
        return found[0]
    return _sign_off(doc)


def _prepared_by(doc: _Doc) -> Person | None:
    """The author when no contact block names one: 'Prepared by:' or the closing sign-off."""
    found = _find_label(doc, _PREPARED_BY, list(range(len(doc.lines))))
    text = found[0] if found else _sign_off(doc)
    if not text:
        return None
    name, role = _split_name_role(text)
    page = doc.lines[found[1]].pdf_page if found else doc.lines[-1].pdf_page
    return Person(name=name, role=role, pdf_page=page)


def _sign_off(doc: _Doc) -> str | None:
    """A name (and role) closing the report: 'Olive O'Sullivan / Acting Town Clerk'."""
    tail = [ln for ln in doc.lines[-8:] if not _BARE_NUMBER.match(ln.text.strip())]
    if len(tail) < 2:
        return None
    for k in (len(tail) - 2, len(tail) - 1):
        name = tail[k].text.strip()
        if not _looks_like_name(name):
            continue
        role = tail[k + 1].text.strip() if k + 1 < len(tail) else ""
        if role and (len(role.split()) > 8 or role.endswith(".") or _ORG_END.search(role)
                     or (_looks_like_name(role) and not _ROLE_WORDS.search(role))):
            role = ""
        return f"{name}, {role}" if role else name
    return None


def _looks_like_name(text: str) -> bool:
    """'Cllr David Rogers', 'Olive O'Sullivan': 2-5 capitalised words, no digits, columns or repeats."""
    toks = text.replace(",", " ").split()
    if not 2 <= len(toks) <= 5 or any(ch.isdigit() for ch in text) or text.endswith((".", ":")):
        return False
    if "  " in text or len(set(toks)) < len(toks) or _NOT_NAME.match(text):
        return False
    core = [t for t in toks if not _HONORIFIC.match(t)]
    return bool(core) and all(_NAME_TOKEN.match(t) for t in core) and not _ROLE_WORDS.search(text) \
        and not _ORG_END.search(text)


# ---------------------------------------------------------------------------------------------------
# Recommendations


@dataclass(slots=True)
class _Block:
    """A run of lines in the recommendations: one item, numbered paragraph or plain paragraph."""

    kind: str  # "item" | "num" | "plain"
    x0: float
    text: str
    bullet: bool = False
    nested: bool = False


def _recommendations(doc: _Doc) -> list[str]:
    lines = doc.lines
    start, inline = _rec_start(doc)
    if start is None:
        return []
    region: list[Line] = []
    head = lines[start]
    for j in range(start + 1, len(lines)):
        ln = lines[j]
        if ln.pdf_page > head.pdf_page + 2:
            break
        t = ln.text.strip()
        if _is_heading(ln, doc) or _REC_HEADING.match(t) or (
                _PARA_NUM.match(t) and ln.bold and not _REC_INTRO.search(t)):
            break
        region.append(ln)
    blocks = _blocks(region, doc, inline, head)
    return _count(blocks)


def _rec_start(doc: _Doc) -> tuple[int | None, str]:
    """The first recommendations heading (and any text run on after its colon), else an opening
    '... is asked to ...:' line on the first two pages."""
    lines = doc.lines
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        m = _REC_HEADING.match(t)
        if m and not _LEADERS.search(t):
            return i, (m.group("inline") or "").strip()
    pages = sorted({ln.pdf_page for ln in lines})[:2]
    for i, ln in enumerate(lines):
        if ln.pdf_page not in pages:
            break
        t = ln.text.strip()
        if _REC_INTRO.search(t) and t.endswith(":"):
            return i, ""
    return None, ""


def _blocks(region: list[Line], doc: _Doc, inline: str, head: Line) -> list[_Block]:
    """Cut the region into blocks at list markers, paragraph numbers and blank-line gaps."""
    blocks: list[_Block] = []
    if inline:
        blocks.append(_Block("plain", head.x0, inline))
    prev: Line | None = head if inline else None
    for ln in region:
        t = ln.text.strip()
        if not t:
            continue
        item = _ITEM.match(t)
        num = _PARA_NUM.match(t)
        new_gap = prev is None or (ln.pdf_page == prev.pdf_page and ln.top - prev.top > doc.para_gap)
        if item:
            blocks.append(_Block("item", ln.x0, t[item.end():].strip(), bullet=bool(_BULLET.match(t))))
        elif num:
            blocks.append(_Block("num", ln.x0, num.group("rest")))
        elif new_gap or not blocks:
            blocks.append(_Block("plain", ln.x0, t))
        else:
            blocks[-1].text += " " + t
        prev = ln
    for b in blocks:
        b.text = _clean(b.text)
    return blocks


def _is_intro(text: str) -> bool:
    """'Cabinet is asked to:' - a lead-in to a list, not a recommendation itself."""
    ends = text.rstrip().endswith((":", "-", "–"))
    return bool(_INTRO_END.search(text) and (ends or _REC_INTRO.search(text)))


def _count(blocks: list[_Block]) -> list[str]:
    """One entry per recommendation, from the blocks of the recommendations region."""
    # Bullets indented under a directive paragraph ("Agree provision ...:" + bullets) belong to it;
    # items indented under an item are its sub-items.
    owner: _Block | None = None
    for b in blocks:
        if b.kind != "item":
            owner = b if _DIRECTIVE.match(b.text) else None
        elif owner is not None and b.x0 > owner.x0 + 8 and (owner.kind == "item" or b.bullet):
            b.nested = True
            owner.text += " " + b.text
        else:
            owner = b
    items = [b for b in blocks if b.kind == "item" and not b.nested]
    nums = [b for b in blocks if b.kind == "num"]
    if items:
        out: list[str] = []
        for k, b in enumerate(blocks):
            if b.kind == "item" and not b.nested:
                out.append(b.text)
            elif b.kind == "num" and not _is_intro(b.text):
                following = next((x for x in blocks[k + 1:] if x.kind != "item" or not x.nested), None)
                if following is None or following.kind != "item":
                    out.append(b.text)
        return out
    if nums:
        return [b.text for b in nums if not _is_intro(b.text) or len(nums) == 1]
    plains = [b for b in blocks if b.kind == "plain"]
    directives: list[str] = []
    k = 0
    while k < len(plains):
        b = plains[k]
        if _DIRECTIVE.match(b.text):
            text = b.text
            # "To replace Recommendation (o) with" + the replacement text is one recommendation.
            while re.search(r"(?:\bwith|:)\s*$", text) and k + 1 < len(plains):
                k += 1
                text += " " + plains[k].text
            directives.append(_clean(text))
        k += 1
    if directives:
        return directives
    body = [b.text for b in plains if not _is_intro(b.text)]
    return body[:1]


# ---------------------------------------------------------------------------------------------------
# Numbered paragraphs


def _paragraphs(doc: _Doc) -> list[Paragraph]:
    return [p for _, _, p in _paragraph_spans(doc)]


def _paragraph_spans(doc: _Doc) -> list[tuple[int, int, Paragraph]]:
    """Numbered paragraphs with the index of their first line and of the line after their text."""
    lines = doc.lines
    cands: list[tuple[int, str, str]] = []  # (line index, number, text)
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        m = _PARA_NUM.match(t)
        if not m or _LEADERS.search(t) or ln.x0 > doc.margin(ln.pdf_page) + 20:
            continue
        rest = m.group("rest")
        starts_ok = rest[0].isupper() or rest[0] in "(‘'\"“" or (rest[0].isdigit() and ln.bold)
        if not starts_ok or ln.size < doc.body - 1.2:
            continue
        num = m.group("num")
        if "." not in num and int(num) > 200:
            continue
        cands.append((i, num, rest))
    decimals = [c for c in cands if "." in c[1]]
    accepted: set[int] = set()
    if len(decimals) >= 2:
        accepted.update(c[0] for c in decimals)
    # Integer runs: a restart at a lower number begins a new run.
    runs: list[list[tuple[int, str, str]]] = []
    for c in (c for c in cands if "." not in c[1]):
        if runs and int(c[1]) > int(runs[-1][-1][1]):
            runs[-1].append(c)
        else:
            runs.append([c])
    for run in runs:
        if len(run) < 2:
            if decimals and len(decimals) >= 2 and any(d[1].split(".")[0] == run[0][1] for d in decimals):
                accepted.add(run[0][0])
            continue
        bold = sum(1 for c in run if lines[c[0]].bold) >= 2
        sections = any(
            any(_is_heading(lines[k], doc) for k in range(a[0] + 1, b[0]))
            for a, b in pairwise(run)
        )
        tied = len(decimals) >= 2 and any(d[1].split(".")[0] == c[1] for c in run for d in decimals)
        if bold or sections or tied:
            accepted.update(c[0] for c in run)
    out: list[tuple[int, int, Paragraph]] = []
    order = sorted(accepted)
    by_index = {c[0]: c for c in cands}
    for k, i in enumerate(order):
        _, num, rest = by_index[i]
        stop = order[k + 1] if k + 1 < len(order) else len(lines)
        parts = [rest]
        end = stop
        for j in range(i + 1, stop):
            if _is_heading(lines[j], doc):
                end = j
                break
            parts.append(lines[j].text.strip())
        out.append((i, end, Paragraph(number=num.rstrip("."), text=_clean(" ".join(parts)),
                                      pdf_page=lines[i].pdf_page)))
    return out


# ---------------------------------------------------------------------------------------------------
# Divisions, author and contact


def _divisions(doc: _Doc) -> str | None:
    found = _find_label(doc, _DIVISIONS, _first_page(doc)[:80], skip_placeholder=False)
    return found[0].rstrip(".") if found else None


def _author(doc: _Doc) -> tuple[Person | None, Contact | None]:
    """The report's author from 'Contact:' / 'Author' / 'Contact Officer:' and the lines under it.

    Contact boxes are often two-column grids ("Report Author  Relevant Director"); only the left
    column is read, so the author is not mixed with the director beside them.
    """
    lines = doc.lines
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        m = _AUTHOR.match(t)
        if not m or len(t) > 160:
            continue
        value = t[m.end():].strip(" :")
        if value and t[m.end():m.end() + 2] == "  " and not _contact_like(value):
            value = ""  # a second column's header, not this label's value
        block = [_left_column(value)] if value else []
        for j in range(i + 1, min(len(lines), i + 5)):
            nxt = lines[j]
            s = nxt.text.strip().lstrip("•●▪-– \uf0b7")
            limit = (3.4 if j == i + 1 else 2.6) * max(nxt.size, 1)
            if nxt.pdf_page != ln.pdf_page or nxt.top - lines[j - 1].top > limit:
                break
            heading = _is_heading(nxt, doc) and not _contact_like(s)
            if heading and not block:
                continue
            if heading or _AUTHOR.match(s) or (block and _ANY_LABEL.match(s) and not _PHONE_LABEL.match(s)):
                break
            block.append(_left_column(s))
        if not block:
            continue
        person, contact = _person(block)
        if person is not None:
            contact.pdf_page = ln.pdf_page
            person.pdf_page = ln.pdf_page
            return person, contact
    return None, None


def _contact_like(text: str) -> bool:
    return bool(_looks_like_name(_TEL_CUT.sub("", text).split(",")[0].strip()) or EMAIL.search(text)
                or _PHONE_LABEL.search(text) or re.search(r"\d{5,}", text))


def _left_column(text: str) -> str:
    """The part of a line before a column gap, unless what follows is a 'Tel:'/'Email:' field."""
    head, sep, tail = text.partition("  ")
    return text if not sep or _PHONE_LABEL.match(tail.strip()) else head.strip()


def _person(block: list[str]) -> tuple[Person | None, Contact]:
    joined = " ".join(block)
    email = EMAIL.search(joined)
    phone = None
    for m in _PHONE.finditer(joined):
        digits = re.sub(r"\D", "", m.group("num"))
        if len(digits) >= 9 or (m.group("label") and len(digits) >= 5):
            phone = _clean(m.group("num"))
            break
    first = _TEL_CUT.sub("", block[0]).strip(" ,;")
    if not first or EMAIL.fullmatch(block[0]):
        return None, Contact(phone=phone, email=email.group(0) if email else None)
    name, role = _split_name_role(first)
    if role is None and len(block) > 1:
        second = _TEL_CUT.sub("", block[1]).strip(" ,;")
        if second and not EMAIL.search(block[1]) and _ROLE_WORDS.search(second) \
                and len(second.split()) <= 12:
            role = second
    contact = Contact(name=name, role=role, phone=phone, email=email.group(0) if email else None)
    return Person(name=name, role=role), contact


def _split_name_role(text: str) -> tuple[str, str | None]:
    """'Jane Smith, Head of Legal' / 'Jane Smith (Head of Legal)' / 'Head of Legal; Jane Smith'."""
    for sep in (";", ",", " (", " - ", " – "):
        if sep not in text:
            continue
        a, b = (part.strip() for part in text.split(sep, 1))
        if sep == " (" and b.endswith(")") and b.count("(") < b.count(")"):
            b = b[:-1]
        if _looks_like_name(a):
            return a, b or None
        if b and _looks_like_name(b) and _ROLE_WORDS.search(a):
            return b, a
    return text, None


# ---------------------------------------------------------------------------------------------------
# Header fields: the meeting, 'To:', classification, key decision, decision reference


def _first_value(doc: _Doc, pattern: re.Pattern[str], where: list[int]) -> tuple[str, int] | None:
    """The value after a label on its own line (cut at a second label on the line), else on the line
    under it; with the line index."""
    lines = doc.lines
    for i in where:
        text = lines[i].text
        if _PARA_NUM.match(text.strip()):
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
    date = _find_date(value, us_dates)
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


def _find_date(text: str, us_dates: bool) -> tuple[str, int, int] | None:
    """A printed date; '1/12/2021' is read month first in a document priced in dollars."""
    found = find_date(text)
    if found and us_dates:
        m = _NUMERIC_DATE.search(text)
        if m and m.start() == found[1]:
            month, day, year = int(m["a"]), int(m["b"]), int(m["y"])
            year += 2000 if year < 100 else 0
            try:
                return datetime.date(year, month, day).isoformat(), m.start(), m.end()
            except ValueError:
                return found
    return found


@dataclass(slots=True)
class _Header:
    meeting: str | None = None
    meeting_date: str | None = None
    report_to: str | None = None
    classification: str | None = None
    key_decision: bool | None = None
    decision_reference: str | None = None


def _header(doc: _Doc, title_first: int) -> _Header:
    h = _Header()
    first = _first_page(doc)
    lines = doc.lines
    us_dates = "$" in "".join(ln.text for ln in lines[:200]) and "£" not in "".join(ln.text for ln in lines[:200])
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
            d = _find_date(dated[0], us_dates)
            h.meeting_date = d[0] if d else None
    found = _first_value(doc, _MEETING_DATE_LABEL, first)
    if found and h.meeting_date is None:
        d = _find_date(found[0], us_dates)
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
            if h.meeting_date is None and (d := _find_date(m["rest"], us_dates)):
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
            if (m := _DATE_ONLY_LABEL.match(doc.lines[i].text)) and (d := _find_date(m["rest"], us_dates)):
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


# ---------------------------------------------------------------------------------------------------
# Sections, sub-items, listed documents and implications


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
               and _section_heading(lines[j + 1], doc) and not _PARA_NUM.match(lines[j + 1].text.strip())):
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


def _sub_items(lines: list[Line], first: int, end: int) -> list[ParagraphItem]:
    """The lettered, numbered or bulleted sub-items of a paragraph, nested by indent."""
    top: list[ParagraphItem] = []
    stack: list[tuple[float, ParagraphItem]] = []
    prev = ""
    for ln in lines[first:end]:
        t = ln.text.strip()
        m = _ITEM.match(t)
        if m and t[0] in "-–o" and not (stack or prev.endswith((":", ";", "."))):
            m = None  # a dash that only continues the line before ("aged 18 / – 25")
        prev = t
        if m and not _PARA_NUM.match(t):
            item = ParagraphItem(marker=t[:m.end()].strip(), text=t[m.end():].strip())
            while stack and stack[-1][0] >= ln.x0 - 2:
                stack.pop()
            (stack[-1][1].items if stack else top).append(item)
            stack.append((ln.x0, item))
        elif stack and ln.x0 >= stack[-1][0] - 2:
            stack[-1][1].text = _clean(stack[-1][1].text + " " + t)
        else:
            stack.clear()
    return top


def _parent(number: str | None, known: set[str]) -> str | None:
    """'1' for '1.1', '2.3' for '2.3.1'; '1.0' where the document numbers its headings that way."""
    if not number or "." not in number or number.endswith(".0"):
        return None
    head = number.rsplit(".", 1)[0]
    if head not in known and head + ".0" in known and head + ".0" != number:
        return head + ".0"
    return head


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
        m = _PARA_NUM.match(t)
        if m and ln.x0 <= doc.margin(ln.pdf_page) + 20:
            if major and m.group("num").split(".")[0] != major:
                break
            t = m.group("rest")
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


# ---------------------------------------------------------------------------------------------------
# Entry point


def parse_report(lines: list[Line]) -> Report:
    """Read one report's lines (reading order, pages concatenated, furniture removed) into a `Report`."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return Report()
    doc = _Doc.of(lines)
    author, contact = _author(doc)
    report_of = _report_of(doc)
    if author is None:
        author = _prepared_by(doc)
    title, title_first, title_last = _title_span(doc)
    header = _header(doc, title_first)
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
