"""`silent_loss`: no page with content is dropped, called blank, or left unread without a warning."""

from __future__ import annotations

import re

from packparse.evaluation.selfchecks.base import CheckResult, _Context
from packparse.evaluation.selfchecks.facts import CONTENT_CHARS


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
