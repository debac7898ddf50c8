"""`report_title` and `report_recommendations`."""

from __future__ import annotations

import re

from packparse.evaluation.selfchecks.base import CheckResult, _Context, _range_str
from packparse.evaluation.selfchecks.text import _clean

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
