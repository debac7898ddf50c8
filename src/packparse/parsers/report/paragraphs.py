"""Numbered paragraphs: numbers hanging at the left margin that continue across headings, each with its
parent number and its lettered or bulleted sub-items."""

from __future__ import annotations

from itertools import pairwise

from packparse.models import Paragraph, ParagraphItem
from packparse.pagemodel import Line
from packparse.parsers.report.document import _ITEM, _LEADERS, _clean, _Doc, _is_heading, _para_num


def _paragraphs(doc: _Doc) -> list[Paragraph]:
    return [p for _, _, p in _paragraph_spans(doc)]


_Cand = tuple[int, str, str]  # (line index, number, text)


def _paragraph_spans(doc: _Doc) -> list[tuple[int, int, Paragraph]]:
    """Numbered paragraphs with the index of their first line and of the line after their text."""
    cands = _para_candidates(doc)
    accepted = _accepted(doc, cands)
    lines = doc.lines
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


def _para_candidates(doc: _Doc) -> list[_Cand]:
    """Lines that open with a paragraph number at the margin, in body size, followed by a sentence."""
    cands: list[_Cand] = []
    for i, ln in enumerate(doc.lines):
        t = ln.text.strip()
        m = _para_num(t)
        if not m or _LEADERS.search(t) or ln.x0 > doc.margin(ln.pdf_page) + 20:
            continue
        rest = m.rest
        starts_ok = rest[0].isupper() or rest[0] in "(‘'\"“" or (rest[0].isdigit() and ln.bold)
        if not starts_ok or ln.size < doc.body - 1.2:
            continue
        num = m.num
        if "." not in num and int(num) > 200:
            continue
        cands.append((i, num, rest))
    return cands


def _accepted(doc: _Doc, cands: list[_Cand]) -> set[int]:
    """The candidates that number paragraphs: decimal numbers when there are two or more; integer runs when
    they are bold, continue across headings or lead the decimal numbers ('2' before '2.1')."""
    lines = doc.lines
    decimals = [c for c in cands if "." in c[1]]
    accepted: set[int] = set()
    if len(decimals) >= 2:
        accepted.update(c[0] for c in decimals)
    for run in _integer_runs(cands):
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
    return accepted


def _integer_runs(cands: list[_Cand]) -> list[list[_Cand]]:
    """The integer-numbered candidates as increasing runs: a restart at a lower number begins a new run."""
    runs: list[list[_Cand]] = []
    for c in (c for c in cands if "." not in c[1]):
        if runs and int(c[1]) > int(runs[-1][-1][1]):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


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
        if m and not _para_num(t):
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
