"""`minutes_decisions`, `minutes_numbers`, `minutes_titles` and `minutes_item_refs`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from packparse.evaluation.selfchecks.base import CheckResult, _Context
from packparse.evaluation.selfchecks.text import _ROMAN, _clean, _contains, _tokens

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
            if prev is not None and key < prev[0]:  # the same number printed twice is as printed
                page = it.get("pdf_page") if isinstance(it.get("pdf_page"), int) else ctx.doc_pages(d)[:1] or [None]
                res.fail(page if isinstance(page, int) else page[0],
                         f"{it.get('number')} {it.get('title') or ''}",
                         f"minute {it.get('number')} follows {prev[1].get('number')}: numbers must not go down")
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
