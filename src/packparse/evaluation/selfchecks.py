"""Gold-free self-checks: what a packparse output must satisfy whatever council printed the PDF.

Each check looks at one packparse output (the JSON dict) and, where it needs to know what the PDF
really holds, at `PdfFacts` read from the PDF independently of packparse's reader (pypdfium2's own
object counts and text, never pdfplumber), so a reader bug cannot hide itself. Every check gives
`pass`, `fail` or `n/a` for a file, and a failure carries evidence: the page and the line of text
(or the page's object counts) that shows what is wrong.

The checks (README, "Accuracy"):

- `silent_loss`: a page that draws anything beyond furniture is never `blank`; a page whose text is
  drawn as outlines or is a picture is `image_only` with `needs_ocr` and a warning naming it; every
  page with text is inside a document.
- `meeting_date` / `meeting_body`: set, or a warning says why; the date is printed in the PDF; the
  body is a name (not a stop word, a fragment, an address, a run-on with a date or time, or garbled).
- `agenda_found` / `minutes_found`: a page headed like an agenda ("AGENDA") or like minutes ("Minutes
  of ...", "Present:") is inside a document of that kind; `other_kind`: a document of kind `other`
  carries none of those cues (nor a report's).
- `agenda_items`: every numbered line of the agenda text that belongs to a numbering run is an item;
  `agenda_sequence`: item numbers run in order without duplicates or skipped printed numbers, and
  nesting agrees with the numbers.
- `minutes_decisions`: every decision marker (RESOLVED, Resolved:, AGREED, it was resolved, RESULT:,
  MOTION:) is inside a parsed decision; `minutes_numbers`: minute numbers increase;
  `minutes_titles`: item titles are headings, not sentences; `minutes_item_refs`: every "(Item N)"
  printed in the minutes maps to a minute item.
- `report_title` / `report_recommendations`: a report has a title, and recommendations wherever
  its text has a Recommendation(s) heading.

The cues are deliberately conservative: a check that cannot tell is `n/a`, never a guess.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

CHECKS: tuple[str, ...] = (
    "silent_loss",
    "meeting_date",
    "meeting_body",
    "agenda_found",
    "minutes_found",
    "other_kind",
    "agenda_items",
    "agenda_sequence",
    "minutes_decisions",
    "minutes_numbers",
    "minutes_titles",
    "minutes_item_refs",
    "report_title",
    "report_recommendations",
)

PASS, FAIL, NA = "pass", "fail", "n/a"
MAX_EVIDENCE = 8  # per check and file; the count of the rest is kept

# A page with no characters that draws this many vector paths is text drawn as outlines (the
# Souldern "Print To PDF" files draw 170-2,500 per page); a page rule or a box is a handful.
OUTLINE_PATHS = 100
# A picture covering this share of the page with no characters is a scan.
SCAN_COVER = 0.3
# Characters left on a page after furniture before the page counts as having content.
CONTENT_CHARS = 12


# --------------------------------------------------------------------------------------------------
# Independent facts about the PDF


@dataclass
class PageFacts:
    """What pypdfium2 sees on one page: object counts and the text in its own reading order."""

    pdf_page: int
    chars: int = 0
    text_objects: int = 0
    paths: int = 0
    images: int = 0
    image_cover: float = 0.0
    text: str = ""

    @property
    def lines(self) -> list[str]:
        return [ln for ln in (_clean(x) for x in self.text.splitlines()) if ln]

    @property
    def outlined(self) -> bool:
        """No characters, but enough vector paths to be text drawn as curves."""
        return self.chars < CONTENT_CHARS and self.paths >= OUTLINE_PATHS

    @property
    def scanned(self) -> bool:
        return self.chars < CONTENT_CHARS and self.images > 0 and self.image_cover >= SCAN_COVER

    def counts(self) -> str:
        return (f"{self.chars} chars, {self.paths} paths, {self.images} images"
                + (f" covering {self.image_cover:.0%}" if self.images else ""))


@dataclass
class PdfFacts:
    pages: list[PageFacts] = field(default_factory=list)
    error: str | None = None

    def page(self, n: int | None) -> PageFacts | None:
        if n is None or not 1 <= n <= len(self.pages):
            return None
        return self.pages[n - 1]

    def furniture(self) -> set[str]:
        """Lines (digits masked) printed on two or more pages: running headers and footers."""
        if len(self.pages) < 2:
            return set()
        seen: Counter[str] = Counter()
        for p in self.pages:
            seen.update({_mask(ln) for ln in p.lines})
        return {ln for ln, n in seen.items() if n >= 2}

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.error,
                "pages": [{k: getattr(p, k) for k in ("pdf_page", "chars", "text_objects", "paths",
                                                       "images", "image_cover", "text")}
                          for p in self.pages]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PdfFacts:
        return cls(pages=[PageFacts(**p) for p in d.get("pages", [])], error=d.get("error"))


def read_facts(path: str | Path, password: str | None = None) -> PdfFacts:
    """Count what each page draws and read its text with pypdfium2 (not packparse's reader)."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:  # pragma: no cover - pdfplumber depends on pypdfium2
        return PdfFacts(error=f"pypdfium2 not available: {exc}")
    kinds = {raw.FPDF_PAGEOBJ_TEXT: "text", raw.FPDF_PAGEOBJ_PATH: "path", raw.FPDF_PAGEOBJ_IMAGE: "image"}
    facts = PdfFacts()
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except Exception as exc:
        return PdfFacts(error=f"pypdfium2 cannot open the file: {exc}")
    try:
        for i in range(len(pdf)):
            pf = PageFacts(pdf_page=i + 1)
            try:
                page = pdf[i]
                width, height = page.get_size()
                area = max(1.0, width * height)
                covered = 0.0
                for obj in page.get_objects(max_depth=8):
                    kind = kinds.get(obj.type)
                    if kind == "text":
                        pf.text_objects += 1
                    elif kind == "path":
                        pf.paths += 1
                    elif kind == "image":
                        pf.images += 1
                        try:
                            left, bottom, right, top = obj.get_bounds()
                            covered += max(0.0, right - left) * max(0.0, top - bottom)
                        except Exception:
                            pass
                pf.image_cover = round(min(1.0, covered / area), 3)
                textpage = page.get_textpage()
                pf.chars = sum(1 for ch in textpage.get_text_range() if not ch.isspace())
                pf.text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
                textpage.close()
                page.close()
            except Exception as exc:  # one bad page: keep the others
                pf.text = ""
                facts.error = f"page {i + 1}: {exc}"
            facts.pages.append(pf)
    finally:
        pdf.close()
    return facts


# --------------------------------------------------------------------------------------------------
# Results


@dataclass
class CheckResult:
    status: str = NA
    evidence: list[dict[str, Any]] = field(default_factory=list)
    more: int = 0
    note: str | None = None

    def fail(self, page: int | None, text: str | None, why: str) -> None:
        self.status = FAIL
        if len(self.evidence) < MAX_EVIDENCE:
            self.evidence.append({"page": page, "text": _short(text), "why": why})
        else:
            self.more += 1

    def passed(self, note: str | None = None) -> CheckResult:
        if self.status != FAIL:
            self.status = PASS
            self.note = note or self.note
        return self

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"status": self.status}
        if self.evidence:
            d["evidence"] = self.evidence
        if self.more:
            d["more"] = self.more
        if self.note:
            d["note"] = self.note
        return d


def run_checks(output: Mapping[str, Any] | None, facts: PdfFacts | None,
               error: str | None = None) -> dict[str, dict[str, Any]]:
    """Every check on one file: `{check: {"status", "evidence": [{page, text, why}], ...}}`."""
    if output is None:
        why = f"no output: {error or 'extraction failed'}"
        return {name: {"status": FAIL, "evidence": [{"page": None, "text": None, "why": why}]}
                for name in CHECKS}
    facts = facts or PdfFacts(error="no independent read of the PDF")
    ctx = _Context(output, facts)
    results: dict[str, dict[str, Any]] = {}
    for name in CHECKS:
        fn = _CHECKS[name]
        try:
            res = fn(ctx)
        except Exception as exc:  # a check must never take the run down; say so instead
            res = CheckResult()
            res.fail(None, None, f"check crashed: {type(exc).__name__}: {exc}")
        results[name] = res.to_dict()
    return results


# --------------------------------------------------------------------------------------------------
# Shared context


class _Context:
    def __init__(self, output: Mapping[str, Any], facts: PdfFacts) -> None:
        self.out = output
        self.facts = facts
        self.pages: list[Mapping[str, Any]] = list(output.get("pages") or [])
        self.docs: list[Mapping[str, Any]] = list(output.get("documents") or [])
        self.warnings: list[Mapping[str, Any]] = list(output.get("warnings") or [])
        self.meeting: Mapping[str, Any] = output.get("meeting") or {}
        self._furniture: set[str] | None = None

    @property
    def furniture(self) -> set[str]:
        if self._furniture is None:
            self._furniture = self.facts.furniture()
        return self._furniture

    def page_kind(self, n: int) -> Mapping[str, Any] | None:
        for p in self.pages:
            if p.get("pdf_page") == n:
                return p
        return None

    def docs_of(self, *kinds: str) -> list[Mapping[str, Any]]:
        return [d for d in self.docs if d.get("kind") in kinds]

    def doc_at(self, n: int) -> list[Mapping[str, Any]]:
        return [d for d in self.docs if _in_range(n, d.get("pdf_pages"))]

    def content_lines(self, pf: PageFacts) -> list[str]:
        """The page's lines without furniture: repeated lines, page numbers, blank-page notices."""
        furn = self.furniture
        return [ln for ln in pf.lines
                if _mask(ln) not in furn and not _PAGE_NUMBER.match(ln) and not _BLANK_NOTICE.search(ln)]

    def locate(self, text: str, pages: Iterable[int] | None = None) -> int | None:
        """The pdf page whose independent text holds `text` (token match), else None."""
        want = _tokens(text)[:8]
        if not want:
            return None
        order = list(pages) if pages is not None else [p.pdf_page for p in self.facts.pages]
        for n in order:
            pf = self.facts.page(n)
            if pf and _contains(_tokens(pf.text), want):
                return n
        return None

    def doc_pages(self, doc: Mapping[str, Any]) -> list[int]:
        r = doc.get("pdf_pages") or {}
        first, last = r.get("first"), r.get("last")
        if not isinstance(first, int) or not isinstance(last, int):
            return []
        return list(range(first, last + 1))

    def line_page(self, doc: Mapping[str, Any], line: str) -> int | None:
        pages = self.doc_pages(doc)
        return self.locate(line, pages) or (pages[0] if pages else None)

    def warned_about(self, *words: str) -> Mapping[str, Any] | None:
        for w in self.warnings:
            blob = f"{w.get('code', '')} {w.get('message', '')}".lower()
            if any(word in blob for word in words):
                return w
        return None

    def nothing_readable(self) -> bool:
        """The head of the file (its first page, where a meeting's details are printed) or every page
        with anything on it is flagged for OCR, and a warning says so: that explains a missing date
        or body."""
        flagged = [p for p in self.pages if p.get("kind") == "image_only" and p.get("needs_ocr")]
        others = [p for p in self.pages if p.get("kind") not in ("image_only", "blank")]
        head = self.page_kind(1) or {}
        head_flagged = head.get("kind") == "image_only" and bool(head.get("needs_ocr"))
        return bool(flagged) and (not others or head_flagged) and self.warned_about("ocr", "image") is not None


# --------------------------------------------------------------------------------------------------
# Text helpers

_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _clean(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", s).replace("\x00", "")).strip()


def _mask(line: str) -> str:
    return _DIGITS.sub("#", _clean(line).lower())


def _short(text: str | None, n: int = 160) -> str | None:
    if text is None:
        return None
    t = _clean(text)
    return t if len(t) <= n else t[: n - 1] + "…"


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower())


def _contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    if not needle:
        return True
    n = len(needle)
    first = needle[0]
    return any(tok == first and list(hay[i:i + n]) == list(needle) for i, tok in enumerate(hay))


def _in_range(n: int, r: Mapping[str, Any] | None) -> bool:
    if not r:
        return False
    first, last = r.get("first"), r.get("last")
    return isinstance(first, int) and isinstance(last, int) and first <= n <= last


_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\s*a\s*g\s*e|tudalen|packet\s+pg\.?)\s*\|?\s*)?[ivxlc\d]+(?:\s*(?:of|/)\s*\d+)?\s*\|?$",
    re.IGNORECASE)
_BLANK_NOTICE = re.compile(r"(intentionally|deliberately)\s+(left\s+)?blank|this page (is )?(left )?blank",
                           re.IGNORECASE)


# --------------------------------------------------------------------------------------------------
# silent_loss


def check_silent_loss(ctx: _Context) -> CheckResult:
    res = CheckResult()
    if not ctx.facts.pages:
        res.note = ctx.facts.error or "no independent read of the PDF"
        return res
    covered = {n for d in ctx.docs for n in ctx.doc_pages(d)}
    for pf in ctx.facts.pages:
        n = pf.pdf_page
        page = ctx.page_kind(n)
        kind = (page or {}).get("kind")
        if page is None:
            res.fail(n, None, f"page {n} is missing from pages[] ({pf.counts()})")
            continue
        if pf.outlined or pf.scanned:
            what = "text drawn as vector outlines" if pf.outlined else "a scanned picture"
            if kind == "content" and _ocr_warning_for(ctx, n, read=True):
                continue  # read with --ocr, and the `ocr` warning names the page
            if kind != "image_only" or not page.get("needs_ocr"):
                res.fail(n, None, f"page is {what} ({pf.counts()}) but is `{kind}`"
                                  f"{'' if page.get('needs_ocr') else ' without needs_ocr'}")
            elif not _ocr_warning_for(ctx, n):
                res.fail(n, None, f"page is {what} ({pf.counts()}) and no warning names it")
            continue
        lines = ctx.content_lines(pf)
        chars = sum(len(ln.replace(" ", "")) for ln in lines)
        if kind == "blank" and chars >= CONTENT_CHARS:
            res.fail(n, lines[0], f"page is `blank` but prints {chars} characters of content")
        elif kind == "content" and chars >= CONTENT_CHARS and n not in covered:
            res.fail(n, lines[0], "page has text but no document covers it")
        elif kind == "blank" and pf.chars < CONTENT_CHARS and (pf.images or pf.paths > 20):
            # draws pictures or many shapes but no text: a chart or a logo page is not blank
            res.fail(n, None, f"page is `blank` but draws {pf.counts()}")
    return res.passed()


def _ocr_warning_for(ctx: _Context, n: int, read: bool = False) -> bool:
    """A warning names page `n` as needing OCR (`read`: as read by OCR, the `ocr` warning)."""
    for w in ctx.warnings:
        blob = f"{w.get('code', '')} {w.get('message', '')}".lower()
        if read and w.get("code") != "ocr":
            continue
        if not any(k in blob for k in ("ocr", "image", "outline", "no text")):
            continue
        if w.get("pdf_page") == n:
            return True
        msg = str(w.get("message", ""))
        if re.search(r"\]?\s*(?:\.\.\.|…)", msg):
            return True  # a list cut short ("[1, 2, ... 10] ..."): the pages' own flags name the rest
        for listed in re.findall(r"\[([\d,\s\-–]+)\]", msg):
            if n in _expand_pages(listed):
                return True
        for m in re.finditer(r"pages?\s*:?\s*([\d,\s\-–and]+)", msg, re.IGNORECASE):
            if n in _expand_pages(m.group(1)):
                return True
    return False


def _expand_pages(text: str) -> set[int]:
    pages: set[int] = set()
    for part in re.split(r",|\band\b", text):
        m = re.match(r"\s*(\d+)\s*(?:[-–]\s*(\d+))?\s*$", part)
        if m:
            a, b = int(m.group(1)), int(m.group(2) or m.group(1))
            pages.update(range(a, min(b, a + 10000) + 1))
    return pages


# --------------------------------------------------------------------------------------------------
# meeting_date


_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
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


# --------------------------------------------------------------------------------------------------
# meeting_body

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


# --------------------------------------------------------------------------------------------------
# agenda_found / minutes_found / other_kind: kinds from text cues, not from packparse's classifier

_AGENDA_LINE = re.compile(
    # "AGENDA", "Notice and Agenda - Revised", "SPECIAL AND REGULAR MEETING AGENDA",
    # "CITY COUNCIL AGENDA FOR OCTOBER 16, 2012", "Annual Parish Meeting Agenda", "A G E N D A"
    r"^(?:[\w&,.'’/-]+\s+){0,6}a\s?g\s?e\s?n\s?d\s?a(?:\s*[-–]\s*(?:revised|amended|final|supplementa\w*))?"
    r"(?:\s+(?:for|of)\s+.{0,40})?(?:\s+(?:and|&)\s+(?:notice|summons)\b.{0,60})?$", re.IGNORECASE)
_AGENDA_NOT = re.compile(r"\b(this|the|an?|any|on|to|item|items|posted|page|see|consent)\s+agenda\b|"
                         r"\bagenda\s+(?:item|items|page|posted|date|no)\b", re.IGNORECASE)
_PAGES_REF = re.compile(r"\(pages?\s+\d+\s*(?:[-–]\s*\d+)?\)", re.IGNORECASE)
_AGENDA_SUMMONS = re.compile(r"^agenda\s*(?:&|and)\s*summons\b|^you are (?:hereby )?summoned\b",
                             re.IGNORECASE)
_MINUTES_HEAD = re.compile(
    r"^(?:(?:draft|unconfirmed|unapproved|approved|confirmed|signed|printed|action)\s+)?minutes\s*(?:of\b|:|$)"
    r"|^minutes\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+){0,5}(?:meeting|council|committee|board|cabinet|panel)\b",
    re.IGNORECASE)
_MINUTES_NOT = re.compile(r"\b(previous|last|to approve|approval|to confirm|to receive|signing|"
                          r"will be|for approval)\b", re.IGNORECASE)
_PRESENT = re.compile(r"^(?:(?:members|councillors|cllrs|trustees|directors)\s+)?present\s*(?::|-|–|$)"
                      r"|^present\s+(?:were|at the meeting|in the)\b"
                      r"|^(?:councillors|members) present\b",
                      re.IGNORECASE)
_REPORT_CUE = re.compile(
    r"^(?:report\s+(?:of|by|from|to)\b|staff report\b|purpose of (?:the|this) report\b|"
    r"report title\b|subject:\s|recommendations?\s*:?$|council agenda report\b|memorandum\b)",
    re.IGNORECASE)


HEAD_LINES = 25  # a heading that names the kind is in the first lines of its page


def kind_cues(lines: Sequence[str]) -> dict[str, str]:
    """The first line on a page that cues each kind (`agenda`, `minutes`, `report`), by its wording
    and place: a heading line, never a numbered line or a sentence that mentions the word."""
    cues: dict[str, str] = {}
    for i, ln in enumerate(lines):
        if len(ln) > 120:
            continue
        top = i < HEAD_LINES
        agenda_head = re.fullmatch(r"A\s?G\s?E\s?N\s?D\s?A", ln) or (
            top and (_AGENDA_LINE.match(ln) or _AGENDA_SUMMONS.match(ln)) and not _AGENDA_NOT.search(ln))
        if "agenda" not in cues and ln[:1].isupper() and not ln.endswith((":", ".")) and agenda_head:
            cues["agenda"] = ln
        minutes_head = top and _MINUTES_HEAD.match(ln) and not _MINUTES_NOT.search(ln) \
            and not ln.endswith(".") and not re.match(rf"(?i)minutes\s+of\s+{_MON}\b|minutes\s+of\s+\d", ln)
        if "minutes" not in cues and (minutes_head or _PRESENT.match(ln)):
            cues["minutes"] = ln
        if "report" not in cues and _REPORT_CUE.match(ln):
            cues["report"] = ln
    # a ModernGov front sheet lists its items with "(Pages x - y)"
    refs = [ln for ln in lines if _PAGES_REF.search(ln)]
    if "agenda" not in cues and len(refs) >= 2 and "minutes" not in cues:
        cues["agenda"] = refs[0]
    return cues


def _page_cues(ctx: _Context) -> list[tuple[int, dict[str, str]]]:
    return [(pf.pdf_page, kind_cues(pf.lines)) for pf in ctx.facts.pages]


def _kind_found(ctx: _Context, cue: str, kinds: tuple[str, ...]) -> CheckResult:
    res = CheckResult()
    seen = False
    for n, cues in _page_cues(ctx):
        if cue not in cues:
            continue
        seen = True
        docs = ctx.doc_at(n)
        if not any(d.get("kind") in kinds for d in docs):
            got = ", ".join(f"`{d.get('kind')}`" for d in docs) or "no document"
            res.fail(n, cues[cue], f"page reads as {cue} but is inside {got}")
    if not seen:
        return res
    return res.passed()


def check_agenda_found(ctx: _Context) -> CheckResult:
    # minutes may be headed "AGENDA ITEM n" or quote the agenda: a page that also reads as minutes
    # is left to minutes_found
    res = CheckResult()
    seen = False
    for n, cues in _page_cues(ctx):
        if "agenda" not in cues or "minutes" in cues:
            continue
        seen = True
        docs = ctx.doc_at(n)
        if not any(d.get("kind") in ("agenda", "front_sheet") for d in docs):
            got = ", ".join(f"`{d.get('kind')}`" for d in docs) or "no document"
            res.fail(n, cues["agenda"], f"page reads as an agenda but is inside {got}")
    return res.passed() if seen else res


def check_minutes_found(ctx: _Context) -> CheckResult:
    return _kind_found(ctx, "minutes", ("minutes",))


def check_other_kind(ctx: _Context) -> CheckResult:
    res = CheckResult()
    others = ctx.docs_of("other")
    if not others:
        return res
    cues_by_page = dict(_page_cues(ctx))
    for d in others:
        for n in ctx.doc_pages(d)[:3]:  # the head of the document says what it is
            cues = cues_by_page.get(n, {})
            for kind in ("agenda", "minutes", "report"):
                if kind in cues:
                    res.fail(n, cues[kind], f"document `other` (pages {_range_str(d)}) reads as {kind}")
                    break
            else:
                continue
            break
    return res.passed()


def _range_str(d: Mapping[str, Any]) -> str:
    r = d.get("pdf_pages") or {}
    return f"{r.get('first')}-{r.get('last')}"


# --------------------------------------------------------------------------------------------------
# Numbering grammar: "3", "10.3", "2779", "2.01", "15.11.5", "D1", "1.A", "A", "(a)", "G-4", "II"

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}
Comp = tuple[str, int]  # ("n", 3) a number, ("A", 4) an upper-case letter D, ("a", 1) lower-case a


def parse_number(number: str) -> tuple[Comp, ...] | None:
    """A printed item number as components; None for what the grammar does not read."""
    s = number.strip().strip(".").strip()
    s = re.sub(r"^(?:item|minute|min|no\.?)\s*", "", s, flags=re.IGNORECASE)
    s = s.strip("()")
    if not s:
        return None
    parts = re.findall(r"\d+|[A-Za-z]+", s)
    if not parts or "".join(parts) != re.sub(r"[.\-/()\s]", "", s):
        return None
    comps: list[Comp] = []
    for p in parts:
        if p.isdigit():
            comps.append(("n", int(p)))
        elif len(p) == 1:
            comps.append(("A" if p.isupper() else "a", ord(p.lower()) - 96))
        else:
            return None
    return tuple(comps)


def _fmt_comps(c: Sequence[Comp]) -> str:
    out = []
    for kind, v in c:
        out.append(str(v) if kind == "n" else chr(96 + v).upper() if kind == "A" else chr(96 + v))
    return ".".join(out)


# A numbered line: number, then '.', ')' or a space, then what looks like a title.
_NUMBERED = re.compile(
    r"^(?:item\s+)?(?P<num>\d{1,4}(?:\.\d{1,3}){0,3}|[A-Z]\d{1,2}|\d{1,2}\.[A-Z]|[A-Z])(?P<punct>[.):]?)"
    r"\s+(?P<rest>[\"'‘“(]?[A-Z0-9].*)$")  # a title starts with a capital or a figure, never mid-sentence
_ROMAN_LINE = re.compile(r"^(?P<num>[IVX]{1,5})[.)]\s+(?P<rest>[A-Z].*)$")
_MONTH_START = re.compile(rf"^(?:{_MON}\b|(?:st|nd|rd|th)\b)", re.IGNORECASE)
_CLOCK_START = re.compile(r"^(?:a\.?m|p\.?m)\b", re.IGNORECASE)
_UNIT_START = re.compile(r"^(?:hours?|mins?|minutes|days?|weeks?|years?|per\s?cent|percent|pages?|members|"
                         r"councillors|people)\b", re.IGNORECASE)


@dataclass
class NumberedLine:
    number: str
    comps: tuple[Comp, ...]
    line: str
    section: int = 0


def numbered_lines(text: str) -> list[NumberedLine]:
    """Candidate numbered lines of an agenda text, in order, tagged with the section they fall
    under when the text has sections: roman numerals ("I. CALL TO ORDER", "II. OPEN SESSION") or
    two agenda headings each followed by its own list from 1."""
    lines = [ln for ln in (_clean(x) for x in text.splitlines()) if ln]
    romans = [(i, _ROMAN.get(m.group("num").lower(), 0)) for i, ln in enumerate(lines)
              if (m := _ROMAN_LINE.match(ln))]
    # roman sections count only as a run I, II, III ... (a lone "I." is a letter item or a pronoun)
    section_starts: dict[int, int] = {}
    expect = 1
    for i, v in romans:
        if v == expect:
            section_starts[i] = v
            expect += 1
    if len(section_starts) < 2:
        section_starts = {}
    # two agendas in one ("Annual Parish Meeting Agenda" 1-4, then "A.G.M. Agenda" 1-16): each
    # heading that is printed once and is followed by a list starting at 1 opens a section
    masked = Counter(_mask(ln) for ln in lines)
    heads = []
    for i, ln in enumerate(lines):
        if masked[_mask(ln)] == 1 and len(ln.split()) <= 6 and not re.search(r"\d", ln) \
                and _AGENDA_LINE.match(ln) and not _AGENDA_NOT.search(ln):
            nxt = next((m for ln2 in lines[i + 1: i + 3] if (m := _NUMBERED.match(ln2))), None)
            if nxt and parse_number(nxt.group("num")) in ((("n", 1),), (("A", 1),)):
                heads.append(i)
    if len(heads) >= 2 and not section_starts:
        section_starts = {i: k + 1 for k, i in enumerate(heads)}
    out: list[NumberedLine] = []
    section = 0
    for i, ln in enumerate(lines):
        if i in section_starts:
            section = section_starts[i]
            continue
        m = _NUMBERED.match(ln)
        if not m:
            continue
        num, punct, rest = m.group("num"), m.group("punct"), m.group("rest")
        if rest[:1].isdigit():
            # "5. 24/00108 - Revenue ...", "4.3 600 Ellis Street ...", "2 16-0046 Introduce ..."
            if not ((punct or "." in num) and re.search(r"[A-Za-z]{3}", rest[:25])) \
                    and not re.match(r"\d{2}-\d{3,4}\s+[A-Za-z]", rest):
                continue
        elif not punct and (_CLOCK_START.match(rest) or ("." not in num and (
                _UNIT_START.match(rest) or _MONTH_START.match(rest)))):
            continue  # "10 January 2019", "7.30 pm", "3 minutes each" (not "8.3 May Revise", "15.11.2 Minutes")
        if num.isalpha() and not punct:
            continue  # "A Smith", "I think": a letter needs its '.' or ')'
        if num.isalpha() and num in "IVX" and romans and len(romans) >= 2:
            continue
        comps = parse_number(num)
        if comps is None:
            continue
        if comps[0][0] == "n" and comps[0][1] == 0:
            continue
        out.append(NumberedLine(num, comps, ln, section))
    return out


def numbering_runs(lines: Sequence[NumberedLine]) -> list[list[NumberedLine]]:
    """Runs of numbers that count: same prefix, last component +1 (a printed skip of one or two is
    tolerated). A lone number is no run: "12 High Street" is not an item, nor are years starting
    wrapped lines. A sub-number run ("5.1", "5.2") counts under a parent that is in a run, as does a
    lone "10.1"; without one it needs three in a row ("2.01" ... "2.07"), so that minute references
    quoted in an agenda ("07.17.02", "07.17.04") are not taken for items."""
    open_runs: list[list[NumberedLine]] = []
    for nl in lines:
        prefix, last = nl.comps[:-1], nl.comps[-1]
        best = None
        for step in (1, 2, 3):
            for run in reversed(open_runs):
                tail = run[-1]
                if (tail.section == nl.section and tail.comps[:-1] == prefix
                        and tail.comps[-1][0] == last[0] and last[1] - tail.comps[-1][1] == step):
                    best = run
                    break
            if best is not None:
                break
        if best is not None:
            best.append(nl)
        else:
            open_runs.append([nl])
    def counts(r: list[NumberedLine]) -> bool:
        if len(r) < 2:
            return False
        if r[0].comps[-1][0] != "n" and len(r) < 3:
            return False  # "A. Smith", "B. Jones": letters need three in a row
        # "2012 Issue ...", "2013 winter season": years at the start of wrapped lines
        return not (len(r) < 3 and all(len(c.comps) == 1 and 1950 <= c.comps[0][1] <= 2099 for c in r))

    runs = [r for r in open_runs if counts(r) and len(r[0].comps) == 1]
    top = {(nl.section, nl.comps) for r in runs for nl in r}
    for r in open_runs:
        if len(r[0].comps) == 1:
            continue
        under = (r[0].section, r[0].comps[:-1]) in top
        steps = all(b.comps[-1][1] - a.comps[-1][1] == 1 for a, b in itertools.pairwise(r))
        if under and (counts(r) or (len(r) == 1 and r[0].comps[-1][1] in (0, 1))):
            runs.append(r)  # "5.1", "5.2" under 5; "10.1" alone under 10
        elif not under and len(r) >= 3 and steps:
            runs.append(r)  # "2.01" ... "2.07" printed under an unnumbered heading
    return runs


def _item_comps(item: Mapping[str, Any], by_number: Mapping[str, tuple[Comp, ...] | None]
                ) -> tuple[Comp, ...] | None:
    """An item's full number: "(a)" under "5" is 5.a; a roman section prefix ("II.3") is dropped."""
    comps = parse_number(str(item.get("number", "")))
    if comps is None:
        return None
    parent = item.get("parent")
    if parent and str(parent) in by_number:
        pc = by_number[str(parent)]
        if pc and comps[: len(pc)] != pc:
            comps = pc + comps
    return comps


def check_agenda_items(ctx: _Context) -> CheckResult:
    res = CheckResult()
    docs = ctx.docs_of("agenda", "front_sheet")
    if not docs:
        return res
    items = list((ctx.out.get("agenda") or {}).get("items") or [])
    by_number = {str(i.get("number")): parse_number(str(i.get("number", ""))) for i in items}
    have: Counter[tuple[Comp, ...]] = Counter()
    for it in items:
        num = str(it.get("number", ""))
        c = parse_number(re.sub(r"^[IVX]{1,5}[.\-]", "", num)) if re.match(r"^[IVX]{1,5}[.\-]\w", num) \
            else parse_number(num)
        if c is not None:
            have[c] += 1
        full = _item_comps(it, by_number)
        if full is not None and full != c:
            have[full] += 1
    any_runs = False
    for d in docs:
        runs = numbering_runs(numbered_lines(str(d.get("text") or "")))
        if not runs:
            continue
        any_runs = True
        # each section counts a number once: a list repeated inside an item's text is not two items
        want: dict[tuple[int, tuple[Comp, ...]], NumberedLine] = {}
        for r in runs:
            for nl in r:
                want.setdefault((nl.section, nl.comps), nl)
        occurrences: dict[tuple[Comp, ...], list[NumberedLine]] = {}
        for (_, comps), nl in want.items():
            occurrences.setdefault(comps, []).append(nl)
        for comps, nls in occurrences.items():
            got = have.get(comps, 0)
            if len(nls) > got:
                nl = nls[got]  # the first printed occurrence with no item for it
                res.fail(ctx.line_page(d, nl.line), nl.line,
                         f"numbered line {nl.number} is printed {len(nls)}x but is {got}x in agenda.items")
    if not any_runs:
        return res if not items else res.passed("no numbering run in the agenda text")
    return res.passed()


def check_agenda_sequence(ctx: _Context) -> CheckResult:
    res = CheckResult()
    items = list((ctx.out.get("agenda") or {}).get("items") or [])
    if len(items) < 2:
        return res if not items else res.passed()
    by_number = {str(i.get("number")): parse_number(str(i.get("number", ""))) for i in items}
    texts = "\n".join(str(d.get("text") or "") for d in ctx.docs_of("agenda", "front_sheet"))
    printed = Counter(nl.comps for nl in numbered_lines(texts))
    printed_loose = {m.group(1) for m in re.finditer(r"(?m)^\s*(?:item\s+)?(\d{1,4}(?:\.\d{1,3})*)\b",
                                                     texts, re.IGNORECASE)}
    seen: Counter[tuple[Comp, ...]] = Counter()
    prev: tuple[Comp, ...] | None = None
    prev_item: Mapping[str, Any] | None = None
    for it in items:
        comps = _item_comps(it, by_number)
        page = it.get("pdf_page") if isinstance(it.get("pdf_page"), int) else None
        label = f"{it.get('number')} {it.get('title') or ''}".strip()
        if comps is None:
            prev = None
            continue
        # nesting: the parent is the nearest earlier item whose number is a prefix of this one
        parent = it.get("parent")
        level = it.get("level")
        pref = [c for c in (by_number.get(str(p.get("number"))) for p in items[: items.index(it)])
                if c and len(c) < len(comps) and comps[: len(c)] == c]
        if pref:
            want_parent = max(pref, key=len)
            pc = by_number.get(str(parent)) if parent is not None else None
            if pc != want_parent:
                res.fail(page, label, f"item {it.get('number')} should nest under "
                                      f"{_fmt_comps(want_parent)}, has parent {parent!r}")
        if isinstance(level, int) and parent is None and level != 1 and not pref and len(comps) == 1:
            res.fail(page, label, f"item {it.get('number')} has level {level} but no parent")
        seen[comps] += 1
        if seen[comps] > max(1, printed.get(comps, 0)):
            res.fail(page, label, f"number {it.get('number')} is given to {seen[comps]} items, "
                                  f"printed {printed.get(comps, 0)}x")
        if prev is not None and prev_item is not None:
            why = _step_problem(prev, comps, printed_loose)
            if why == "the number repeats" and printed.get(comps, 0) >= seen[comps]:
                why = None  # printed twice: the agenda's own slip, kept as printed
            if why and not (it.get("section") and it.get("section") != prev_item.get("section")):
                res.fail(page, label, f"after {prev_item.get('number')} comes {it.get('number')}: {why}")
        prev, prev_item = comps, it
    return res.passed()


def _step_problem(prev: tuple[Comp, ...], cur: tuple[Comp, ...], printed: set[str]) -> str | None:
    """Why `cur` cannot follow `prev`; None when it is the next number, a first child, a restart
    (a new list: 1, A, a) or a jump over numbers the text does not print."""
    first = cur[-1][1] in (0, 1)
    if len(cur) == len(prev) + 1 and cur[:-1] == prev and first:
        return None  # first child
    if first and (len(cur) == 1 or cur[:-1] != prev[: len(cur) - 1]):
        return None  # a new list starts
    if len(cur) <= len(prev) and cur[:-1] == prev[: len(cur) - 1]:
        a, b = prev[len(cur) - 1], cur[-1]
        if a[0] != b[0]:
            return None if first else "the numbering changes style"
        if b[1] == a[1] + 1:
            return None
        if b[1] <= a[1]:
            return "numbers go backwards" if b[1] < a[1] else "the number repeats"
        skipped = [(*cur[:-1], (b[0], v)) for v in range(a[1] + 1, b[1])]
        shown = [_fmt_comps(s) for s in skipped if _fmt_comps(s) in printed and b[0] == "n"]
        if shown:
            return f"{', '.join(shown)} printed in the agenda but not an item"
        return None
    if len(cur) > len(prev) + 0 and cur[: len(prev)] != prev and not first:
        return None if cur[:-1] != prev[: len(cur) - 1] else "nesting skips a level"
    return None


# --------------------------------------------------------------------------------------------------
# Minutes

_MARKER = re.compile(
    r"(?-i:\bRESOLVED\b|\bAGREED\b)"                                   # in capitals
    r"|(?-i:\b(?:Resolved|Agreed)\s*(?::|[-–—]\s)|\bResolved\s+that\b)"  # as a label
    r"|\bit\s+was\s+(?:\w+\s+)?resolved\b"                             # in a sentence, any case
    r"|(?-i:\b(?:RESULT|MOTION)\s*:)",                                # US action minutes
    re.IGNORECASE)


def decision_markers(text: str) -> list[tuple[int, str]]:
    """(offset, marker) for each decision marker in minutes text: RESOLVED / AGREED in capitals or
    as a label ('Resolved:', 'Resolved that'), 'it was (unanimously) resolved' in any case, and
    'RESULT:' / 'MOTION:' of US action minutes. 'unresolved', 'it was agreed' are not markers."""
    return [(m.start(), m.group(0)) for m in _MARKER.finditer(text)]


def _decision_texts(doc: Mapping[str, Any]) -> list[list[str]]:
    mins = doc.get("minutes") or {}
    out = []
    for it in mins.get("items") or []:
        for r in it.get("resolutions") or []:
            out.append(_tokens(str(r)))
        for d in it.get("decisions") or []:
            toks = _tokens(str(d.get("text") or ""))
            for p in d.get("parts") or []:
                toks += _tokens(str(p))
            out.append(toks)
    return out


def check_minutes_decisions(ctx: _Context) -> CheckResult:
    res = CheckResult()
    docs = ctx.docs_of("minutes")
    if not docs:
        return res
    for d in docs:
        text = str(d.get("text") or "")
        decisions = _decision_texts(d)
        for off, marker in decision_markers(text):
            # the marker and the words after it, up to the end of its sentence (never into the
            # next item's heading), must be inside one parsed decision
            tail = text[off + len(marker): off + len(marker) + 120]
            stop = re.search(r"\.(?:\s|$)|\n\s*\d", tail)
            tail = tail[: stop.start()] if stop else tail
            needle = _tokens(marker)[-1:] + _tokens(tail)[:5]  # "resolved to adopt ...": a decision
            # may start at "It was resolved" or at "resolved"; the marker's last word and what
            # follows it are in either
            ok = any(_contains(dt, needle) for dt in decisions)
            if not ok:
                line = _line_at(text, off)
                res.fail(ctx.line_page(d, line), line, f"decision marker {marker.strip()!r} is in no parsed decision")
    return res.passed()


def _line_at(text: str, off: int) -> str:
    start = text.rfind("\n", 0, off) + 1
    end = text.find("\n", off)
    return text[start: end if end >= 0 else len(text)]


def _minute_items(ctx: _Context) -> list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    return [(d, list((d.get("minutes") or {}).get("items") or [])) for d in ctx.docs_of("minutes")]


def check_minutes_numbers(ctx: _Context) -> CheckResult:
    res = CheckResult()
    pairs = [(d, items) for d, items in _minute_items(ctx) if items]
    if not pairs:
        return res
    for d, items in pairs:
        prev: tuple[tuple[int, ...], Mapping[str, Any]] | None = None
        keys = [_minute_key(str(it.get("number", ""))) for it in items]
        for k, it in enumerate(items):
            key = keys[k]
            if key is None:
                continue
            nxt = keys[k + 1] if k + 1 < len(keys) else None
            if prev is not None and key <= prev[0] and _misprint(prev[0], key, nxt):
                prev = (prev[0][:-1] + key[-1:], it)  # "16.3.13", "6.3.14", "16.3.15": a slip in the printed prefix
                continue
            if prev is not None and key <= prev[0]:
                page = it.get("pdf_page") if isinstance(it.get("pdf_page"), int) else ctx.doc_pages(d)[:1] or [None]
                res.fail(page if isinstance(page, int) else page[0],
                         f"{it.get('number')} {it.get('title') or ''}",
                         f"minute {it.get('number')} follows {prev[1].get('number')}: numbers must increase")
            prev = (key, it)
    return res.passed()


def _misprint(prev: tuple[int, ...], key: tuple[int, ...], nxt: tuple[int, ...] | None) -> bool:
    """A number whose last part carries the sequence on while an earlier part is misprinted: the numbers
    around it agree with each other and the minute is where its last part says."""
    if len(key) != len(prev) or len(key) < 2 or key[-1] != prev[-1] + 1:
        return False
    return nxt is None or (len(nxt) == len(prev) and nxt[:-1] == prev[:-1] and nxt[-1] == key[-1] + 1)


def _minute_key(number: str) -> tuple[int, ...] | None:
    s = number.strip().strip(".")
    parts = re.findall(r"\d+|[A-Za-z]+", s)
    if not parts:
        return None
    key: list[int] = []
    for p in parts:
        if p.isdigit():
            key.append(int(p))
        elif len(p) == 1:
            key.append(ord(p.lower()) - 96)
        elif p.lower() in _ROMAN:
            key.append(_ROMAN[p.lower()])
        elif p.lower() in ("min", "minute", "item", "no"):
            continue
        else:
            return None
    return tuple(key) or None


_SENTENCE_VERB = re.compile(
    r"\b(was|were|had|would|said|reported|explained|asked|informed|thanked|confirmed that|advised|"
    r"noted that|agreed that|resolved that|there (?:is|are|was|were))\b", re.IGNORECASE)


_RUN_IN = re.compile(r"^[A-Z][\w&/,'’ -]{2,50}?\s(?:The|There|It|This|These|All|No|Members|Cllr|Councillor|"
                     r"Councillors|Clerk|Chair|Chairman|He|She|They|We)\s")


def title_problem(title: str, printed_line: str | None = None) -> str | None:
    """Why a minute item title reads as a sentence of a paragraph, not a heading; None when it is fine.

    A clerk may print a sentence as the whole numbered line ("05.25.09 All councillors confirmed
    ..."): that is the item's line as printed, not an error. What is an error is a title that
    starts in the middle of a sentence, or a sentence (a verb like was/were/reported) that ends
    with a full stop, runs on from a heading into its text ("Finance The following accounts were
    approved"), or goes on past the printed line (`printed_line`, the line the number is on).
    """
    t = _clean(title)
    if not t:
        return "empty"
    words = t.split()
    core = re.sub(r"^[\"'‘“(\[\-–•*. ]+", "", t)  # "20mph limit" starts with a figure: fine
    if core[:1].islower():
        return "starts lower-case: the middle of a sentence"
    if len(t) > 250:
        return f"{len(t)} characters long: a paragraph"
    if printed_line is not None and len(printed_line) < 50 \
            and len(_tokens(t)) >= len(_tokens(printed_line)) + 4:
        return "runs on past its heading line into the text below"
    if len(words) < 6 or not _SENTENCE_VERB.search(t):
        return None
    if t.endswith(".") and not t.endswith(("etc.", "Ltd.", "Inc.", "Co.")):
        return "a sentence (a verb like was/were/reported, ends with a full stop)"
    if _RUN_IN.match(t):
        return "a heading run on into the sentence after it"
    if printed_line is not None and len(_tokens(t)) > len(_tokens(printed_line)) + 1:
        return "a sentence that goes on past its printed line"
    return None


def check_minutes_titles(ctx: _Context) -> CheckResult:
    res = CheckResult()
    pairs = [(d, items) for d, items in _minute_items(ctx) if items]
    if not pairs:
        return res
    for d, items in pairs:
        for it in items:
            title = str(it.get("title") or "")
            why = title_problem(title, _printed_line(ctx, d, str(it.get("number") or ""), title))
            if why:
                page = it.get("pdf_page") if isinstance(it.get("pdf_page"), int) else ctx.line_page(d, title)
                res.fail(page, f"{it.get('number')} {title}", f"minute title is not a heading: {why}")
    return res.passed()


def _printed_line(ctx: _Context, doc: Mapping[str, Any], number: str, title: str) -> str | None:
    """The line of the PDF (independent text) that holds the item's number and its title's start."""
    head = _tokens(number) + _tokens(title)[:3]
    if not head:
        return None
    for n in ctx.doc_pages(doc):
        pf = ctx.facts.page(n)
        for ln in pf.lines if pf else []:
            toks = _tokens(ln)
            if toks[: len(head)] == head:
                return " ".join(toks[len(_tokens(number)):])
    return None


_ITEM_REF = re.compile(r"\(\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?([0-9]+[a-z]?(?:\.[0-9]+)?)\s*\)", re.IGNORECASE)


def check_minutes_item_refs(ctx: _Context) -> CheckResult:
    res = CheckResult()
    seen = False
    for d, items in _minute_items(ctx):
        text = str(d.get("text") or "")
        refs = [(m.group(1), m.start()) for m in _ITEM_REF.finditer(text)]
        if not refs:
            continue
        seen = True
        for ref, off in refs:
            pat = re.compile(rf"\(\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?{re.escape(ref)}\s*\)", re.IGNORECASE)
            ok = False
            for it in items:
                ok = (str(it.get("number", "")).strip(". ") == ref or str(it.get("agenda_item") or "") == ref
                      or bool(pat.search(str(it.get("title") or "")))
                      or bool(pat.search(str(it.get("text") or "")[:300])))
                if ok:
                    break
            if not ok:
                line = _line_at(text, off)
                res.fail(ctx.line_page(d, line), line, f"'(Item {ref})' maps to no minute item")
    return res.passed() if seen else res


# --------------------------------------------------------------------------------------------------
# Reports

_RECS_HEADING = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})?\.?\s+|[A-Z][.)]\s+)?(?:recommendations?|recommended actions?)\s*[:.]?\s*$"
    r"|^(?:recommendations?|RECOMMENDATIONS?)\s*:\s*\S"
    r"|^RECOMMENDATIONS?\b\s+\S", re.IGNORECASE)


def has_recommendations_heading(text: str) -> str | None:
    for ln in (_clean(x) for x in text.splitlines()):
        if not ln or len(ln) > 200:
            continue
        m = _RECS_HEADING.match(ln)
        if not m:
            continue
        word = re.search(r"recommend\w*", ln, re.IGNORECASE)
        if word and ln.endswith((":", "s", "S", "n", "N", ".")) and len(ln.split()) <= 4:
            return ln
        if word and (word.group(0).isupper() or ":" in ln[: word.end() + 2]):
            return ln
    return None


def check_report_title(ctx: _Context) -> CheckResult:
    res = CheckResult()
    docs = ctx.docs_of("report")
    if not docs:
        return res
    for d in docs:
        rep = d.get("report") or {}
        title = rep.get("title") or d.get("title")
        pages = ctx.doc_pages(d)
        if not title or not str(title).strip():
            pf = ctx.facts.page(pages[0]) if pages else None
            first = ctx.content_lines(pf)[0] if pf and ctx.content_lines(pf) else None
            res.fail(pages[0] if pages else None, first, f"report (pages {_range_str(d)}) has no title")
        elif str(title).lstrip("\"'‘“( ")[:1].islower():
            res.fail(pages[0] if pages else None, str(title),
                     "report title starts lower-case: the middle of a sentence")
    return res.passed()


def check_report_recommendations(ctx: _Context) -> CheckResult:
    res = CheckResult()
    seen = False
    for d in ctx.docs_of("report"):
        heading = has_recommendations_heading(str(d.get("text") or ""))
        if not heading:
            continue
        seen = True
        if not (d.get("report") or {}).get("recommendations"):
            res.fail(ctx.line_page(d, heading), heading,
                     f"report (pages {_range_str(d)}) has a recommendations heading but no recommendations")
    return res.passed() if seen else res


_CHECKS = {
    "silent_loss": check_silent_loss,
    "meeting_date": check_meeting_date,
    "meeting_body": check_meeting_body,
    "agenda_found": check_agenda_found,
    "minutes_found": check_minutes_found,
    "other_kind": check_other_kind,
    "agenda_items": check_agenda_items,
    "agenda_sequence": check_agenda_sequence,
    "minutes_decisions": check_minutes_decisions,
    "minutes_numbers": check_minutes_numbers,
    "minutes_titles": check_minutes_titles,
    "minutes_item_refs": check_minutes_item_refs,
    "report_title": check_report_title,
    "report_recommendations": check_report_recommendations,
}


# --------------------------------------------------------------------------------------------------
# Pooling


def rates(files: Iterable[Mapping[str, Any]], key: str | None = None) -> dict[str, dict[str, Any]]:
    """Pass / fail / n/a counts and pass rate per check (and `all`), optionally grouped by `key`
    (`council`, `family`, `folder`): `{group: {check: {pass, fail, na, rate}}}` or `{check: ...}`."""
    groups: dict[str, dict[str, Counter[str]]] = {}
    for f in files:
        g = str(f.get(key) or "unknown") if key else ""
        per = groups.setdefault(g, {})
        for name, r in (f.get("checks") or {}).items():
            st = r.get("status", NA)
            per.setdefault(name, Counter())[st] += 1
            per.setdefault("all", Counter())[st] += 1

    def finish(per: Mapping[str, Counter[str]]) -> dict[str, Any]:
        order = [c for c in (*CHECKS, "all") if c in per]
        out = {}
        for c in order:
            n = per[c]
            done = n[PASS] + n[FAIL]
            out[c] = {"pass": n[PASS], "fail": n[FAIL], "na": n[NA],
                      "rate": round(n[PASS] / done, 4) if done else None}
        return out

    if key is None:
        return finish(groups.get("", {}))
    return {g: finish(per) for g, per in sorted(groups.items())}
