"""Minute items: the text under each heading, its resolutions and decisions, and declarations of interest."""

from __future__ import annotations

import re

from packparse.models import Declaration, MinuteItem
from packparse.pagemodel import Line
from packparse.parsers.actions import action_blocks
from packparse.parsers.minutes.attendance import _person_like
from packparse.parsers.minutes.decisions import _decisions, _resolution_spans, _skip_marker
from packparse.parsers.minutes.headings import _Heading
from packparse.parsers.minutes.text import _TRAILING_SEP, _clean, _sentence_end, _Text
from packparse.parsers.people import parse_person, split_name_list

_SIGNATURE = re.compile(r"^(?:Signed|Dated?|Chairman|Chair)\b.*[_.…]{4,}", re.I)
_PART_HEADING = re.compile(
    r"^(?:PART\s+[A-Z0-9]+|(?:UN)?RESTRICTED\s+ITEMS?|OPEN\s+ITEMS?|EXEMPT\s+ITEMS?)\b", re.I
)
_BARE_MOTION = re.compile(r"(?:proposed|moved)\s+by\b", re.I)
_PARA_BREAK = re.compile(r"^\s*(?:\(?\d{1,3}[.)](?=\s)|\(\d{1,3}\)|\d{1,3}\s{2,}|\(?[a-z]{1,3}[.)]\s|\([ivx]{1,4}\)"
                         r"|[•\-–·\uf000-\uf8ff])")
PARA_GAP = 0.6  # a vertical gap above this many line heights starts a new paragraph
# Declarations of interest, remote attendance and the close of the meeting.
_DECL_TITLE = re.compile(r"\b(?:declarations?|disclosures?)\s+of\s+(?:[\w-]+\s+){0,4}?interests?"
                         r"|\binterests?\s+(?:declared|to\s+declare)|^register\s+of\s+interests", re.I)
_NO_DECLARATION = re.compile(r"^(?:there\s+were\s+no|no\s+(?:declarations?|interests?|other)|none|nil|n/?a)\b"
                             r"|\bno\s+declarations?\b|\bnone\s+(?:were\s+)?declared\b", re.I)
_DECLARED = re.compile(r"^(?P<who>.+?)\s+(?:each\s+|also\s+|both\s+)?declared\s+(?:an?\s+|their\s+|his\s+|her\s+)?"
                       r"(?P<nature>(?:[\w-]+\s+){0,4}?)interests?\b(?P<rest>.*)$", re.I)
_DECL_RE = re.compile(r"^(?P<who>.+?)\s+(?P<ref>(?:re|in|on|regarding|for)\s+(?:agenda\s+)?(?:items?|minutes?|no\.?)"
                      r"\s*\d[\w./-]*)", re.I)
_ITEM_NUMBER = re.compile(r"\b(?:agenda\s+)?(?:item|minute)s?\s*(?:no\.?\s*)?(?P<n>\d[\w./]*)"
                          r"|\bre\s+no\.?\s*(?P<n2>\d[\w./]*)", re.I)


def _fill(body: _Text, lines: list[Line], prev: Line | None) -> None:
    """Add minute lines to `body`, marking where a printed paragraph starts (a gap or a list marker)."""
    for ln in lines:
        t = ln.text.strip()
        if not t or _SIGNATURE.match(t):
            continue
        new = prev is None or bool(_PARA_BREAK.match(t)) or (
            ln.pdf_page == prev.pdf_page and ln.top - prev.bottom > PARA_GAP * max(ln.size, 1.0))
        body.add(ln.text, ln.pdf_page, ln.x0, new_para=new)
        prev = ln


def _build_item(number: str, title: str, page: int | None, body: _Text) -> MinuteItem:
    actions = action_blocks(body.text, body.starts)
    spans = [sp for sp in _resolution_spans(body) if not any(b.start <= sp[0] < b.end for b in actions)]
    decisions = _decisions(body, spans, actions)
    spans = sorted([*spans, *((b.start, b.end) for b in actions)])
    voted = {b.start: b.decision.text for b in actions}
    for d in decisions:
        if title and _BARE_MOTION.match(d.text):
            d.text = f"{title}: {d.text}"  # "Approve the Annual Governance Statement: Proposed by A, ..."
    return MinuteItem(
        number=number, title=title, text=_clean(body.text),
        resolutions=[voted[a] if a in voted else _clean(body.text[a:b]) for a, b in spans], pdf_page=page,
        paragraphs=[p for p in (_clean(body.text[a:b]) for a, b in body.paragraphs()) if p],
        decisions=decisions,
    )


def _item(lines: list[Line], h: _Heading, stop: int) -> tuple[MinuteItem, _Text]:
    body = _Text()
    if h.rest:
        body.add(h.rest, h.page, h.rest_x, new_para=True)
    _fill(body, lines[h.last + 1: stop], lines[h.last])
    item = _build_item(h.number, h.title, h.page, body)
    item.agenda_item = h.agenda_item
    return item, body


def _declarations(item: MinuteItem, body: _Text) -> list[Declaration]:
    """Declarations of interest: every sentence of a "Declarations of Interest" minute that names who
    declared ("Cllr Hayward re No 2608."), and "X declared an interest" anywhere else."""
    text = body.text
    is_decl_item = bool(_DECL_TITLE.search(item.title))
    if not is_decl_item and "declared" not in text:
        return []
    out: list[Declaration] = []
    for a, b in body.paragraphs():
        a = _skip_marker(text, a)
        pos = a
        while pos < b:
            end = min(b, _sentence_end(text, pos) + 1)
            sentence = _clean(text[pos:end])
            page = body.page_at(pos)
            pos = end
            if not sentence or _NO_DECLARATION.search(sentence):
                continue
            declared = _DECLARED.search(sentence)
            listed = None if declared or not is_decl_item else _DECL_RE.search(sentence)
            if declared:
                who, rest = declared["who"], declared["rest"]
                nature = _clean(declared["nature"]).lower() or None
            elif listed:
                who, rest, nature = listed["who"], sentence[listed.start("ref"):], None
            else:
                continue
            ref = _ITEM_NUMBER.search(rest)
            number = (ref["n"] or ref["n2"]).rstrip(".") if ref else (None if is_decl_item else item.number or None)
            names = [parse_person(f) for f in split_name_list(who)]
            members: list[str | None] = [n[0] for n in names if n] if names and all(names) else []
            if not members and listed:
                continue  # "... re No 5" without a name before it
            for member in members or [None]:
                out.append(Declaration(member=member, item=number, nature=nature, text=sentence, pdf_page=page))
    return out


def _preamble_items(lines: list[Line]) -> list[tuple[MinuteItem, _Text]]:
    """Sections under an unnumbered bold heading between the attendance and the first minute."""
    sections: list[tuple[str, int, list[Line]]] = []
    current: tuple[str, int, list[Line]] | None = None
    for ln in lines:
        t = ln.text.strip()
        if ln.words and all(w.bold for w in ln.words) and not _person_like(t):
            if current:
                sections.append(current)
            current = None if (t.isupper() or _PART_HEADING.match(t)) else (t, ln.pdf_page, [ln])
            continue
        if current:
            current[2].append(ln)
    if current:
        sections.append(current)
    out = []
    for title, page, group in sections:
        body = _Text()
        _fill(body, group[1:], group[0])
        item = _build_item("", _TRAILING_SEP.sub("", _clean(title)), page, body)
        if item.text:
            out.append((item, body))
    return out
