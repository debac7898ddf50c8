"""Recommendations: the block under the first 'Recommendation(s)' heading (or an opening '... is asked
to ...:' line), counted as lettered, numbered or bulleted items, numbered paragraphs, directive sentences
or one paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from packparse.pagemodel import Line
from packparse.parsers.report.document import (
    _INTRO_END,
    _ITEM,
    _LEADERS,
    _REC_HEADING,
    _REC_INTRO,
    _clean,
    _Doc,
    _is_heading,
    _para_num,
)

_DIRECTIVE = re.compile(
    r"^(?:to\s+)?(?:approve|agree|note|endorse|consider|adopt|authori[sz]e|delegate|review|receive|accept"
    r"|resolve|confirm|support|request|replace|continue|establish|instruct|allocate|commission|ratify"
    r"|recommend|appoint|grant|refuse|defer|amend|award|transfer|authorise|determine|set|make|that\s)\b",
    re.I,
)
_BULLET = re.compile(r"^[•●▪■◦‣∙·*\uf000-\uf0ff\-–o]")


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
                _para_num(t) and ln.bold and not _REC_INTRO.search(t)):
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
        num = _para_num(t)
        new_gap = prev is None or (ln.pdf_page == prev.pdf_page and ln.top - prev.top > doc.para_gap)
        if item:
            blocks.append(_Block("item", ln.x0, t[item.end():].strip(), bullet=bool(_BULLET.match(t))))
        elif num:
            blocks.append(_Block("num", ln.x0, num.rest))
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
