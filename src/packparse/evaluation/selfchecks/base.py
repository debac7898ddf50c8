"""What every check shares: the result with its evidence and the context (one output with its `PdfFacts`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from packparse.evaluation.selfchecks.facts import PageFacts, PdfFacts
from packparse.evaluation.selfchecks.text import _contains, _mask, _short, _tokens

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


def _range_str(d: Mapping[str, Any]) -> str:
    r = d.get("pdf_pages") or {}
    return f"{r.get('first')}-{r.get('last')}"
