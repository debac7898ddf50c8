"""`agenda_found`, `minutes_found` and `other_kind`: pages headed like an agenda or minutes are inside a
document of that kind, and an `other` document carries none of those cues."""

from __future__ import annotations

import re
from collections.abc import Sequence

from packparse.evaluation.selfchecks.base import CheckResult, _Context, _range_str
from packparse.evaluation.selfchecks.text import _AGENDA_LINE, _AGENDA_NOT, _MON

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
