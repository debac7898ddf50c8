"""Decisions: RESOLVED blocks, decisions worded in prose, their numbered parts, mover and seconder, and the
printed votes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packparse.models import Decision
from packparse.parsers.minutes.text import _clean, _Text

if TYPE_CHECKING:  # types only: no import of that stage at run time
    from packparse.parsers.actions import ActionBlock

# Decisions.
_RESOLUTION = re.compile(
    r"\bRESOLVED\b"
    r"|(?<![\w-])Resolved\b(?=\s*(?:[:\-–—]|that\b|to\b|unanimously\b|$))"
    r"|\b(?:(?:[Ii]t\s+)?(?:was|were)|unanimously|duly)\s+resolved\b"
    r"|\bresolved\s+(?:that|to|unanimously)\b"
    r"|\bAGREED\b(?!\s+unanimously)"
    r"|(?:^|(?<=[.:]\s))Agreed\s*(?::|that\b|to\b)",
    re.M,
)
_PARA_PREFIX = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)]|\(?[a-z]{1,3}[.)]|\(?[ivx]{1,4}[.)]|[•\-–·])?\s*$", re.I)
_LIST_MARK = re.compile(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s|[•\-–·\uf000-\uf8ff]\s?)", re.I)
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z(]|\s*$)")
_NEW_PARA = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)]|[0-9]{1,3}\s{2,}|\(?[a-z]{1,3}[.)]\s|[•\-–·\uf000-\uf8ff])")
# Decisions worded in prose (outside the RESOLVED blocks): agreed, approved, noted.
_BODY_NOUN = r"(?:Council|Committee|Sub-Committee|Panel|Cabinet|Board|Forum|Meeting)"
_AGREED = (
    r"\b(?:was|were)\s+(?:further\s+|also\s+|then\s+)?(?:unanimously\s+|duly\s+)?agreed\b"
    r"|\b[Aa]ll\s+(?:(?:[Cc]ouncillors|[Cc]llrs|[Mm]embers)\s+)?(?:present\s+)?(?:unanimously\s+)?agreed\b"
    rf"|\b{_BODY_NOUN}\s+(?:unanimously\s+|duly\s+)?agreed\b"
    r"|\b(?:[Aa]greed|AGREED)\s+(?:unanimously|by\s+all)\b|\bunanimously\s+agreed\b"
    r"|(?:^|(?<=[.:]\s))Agreed\.(?=\s|$)"
)
_APPROVED = (
    r"\b(?:was|were)\s+(?:unanimously\s+|duly\s+|formally\s+)?approved\b"
    r"|\b[Aa]ll\s+approved\b|\bunanimously\s+approved\b|\bapproved\s+unanimously\b"
    rf"|\b{_BODY_NOUN}\s+(?:unanimously\s+|duly\s+|formally\s+)?approved\b"
    r"|(?:^|(?<=[.:]\s))Approved\b"
)
_NOTED_OBJECT = (r"(?:(?:verbal|written|annual|monthly|quarterly|progress)\s+)?(?:report|update|information|contents?"
                 r"|presentation|minutes|correspondence|accounts?|statement|letter|position)")
_NOTED = (
    r"(?:^|(?<=[.:]\s))Noted\b"
    rf"|\b{_NOTED_OBJECT}s?\s+(?:was|were|had\s+been)\s+(?:duly\s+|formally\s+)?noted\b"
    rf"|\b(?:{_BODY_NOUN}|Members|Councillors)\s+(?:duly\s+|formally\s+)?noted\s+the\s+{_NOTED_OBJECT}\b"
    r"|\breceived\s+and\s+noted\b"
)
_PROSE_DECISION = re.compile(rf"(?P<agreed>{_AGREED})|(?P<approved>{_APPROVED})|(?P<noted>{_NOTED})", re.M)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
SHORT_DECISION_WORDS = 6  # "All councillors agreed." takes the sentence before it
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "no", "ch", "st", "cllr", "cllrs", "nos", "ref", "approx"})
_LEAD_MARK = re.compile(r"\s*(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.):]{1,2}\s+|[•\-–·\uf000-\uf8ff]\s*)", re.I)
_PART_MARK = re.compile(r"\s*(?:\((?:\d{1,2}|[a-z]|[ivx]{1,5})\)|(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)])\s+", re.I)
_BULLET_MARK = re.compile(r"\s*[•·\uf000-\uf8ff]\s*")
_INLINE_PART = re.compile(r"(?:(?<=\s)|^)\((?P<m>\d{1,2}|[a-z]|[ivx]{1,4})\)\s")
_PART_TAIL = re.compile(r"\s*(?:[;,]\s*(?:and|or)?|\band)\s*$")
_PARA_NUMBER = re.compile(r"\(?(?P<n>\d{1,3})[.)]\s")
# Movers, seconders, votes and the fate of a motion.
_PNAME = (r"(?:(?:Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|County\s+(?:Cllr|Councillor))\.?\s+)?"
          r"(?:[A-Z][a-z]+\s+(?=[A-Z]))?(?:[A-Z]\.?\s+){0,3}[A-Z][\w'’-]+")
_WHO = (r"(?:(?:[Tt]he\s+)?(?:Vice[- ]Chair(?:man|woman)?|Chair(?:man|woman|person)?|Deputy\s+Leader"
        rf"|Leader(?:\s+of\s+the\s+Council)?|(?:Deputy\s+)?Mayor|Clerk)\b|{_PNAME})")
_APPOSITION = r"(?:\s*\([^)]{0,80}\)|,[^.;]{0,120}?,)?"
# (pattern, backward, records): `backward` - an abbreviated "Proposed: AB 2nd: CD" after the decision it
# records; `records` - passive wording ("proposed by A, seconded by B") that on its own records a carried
# motion, where "A proposed and B seconded the motion that" opens a debate.
_PROPOSAL_PATTERNS: list[tuple[re.Pattern[str], bool, bool]] = [
    (re.compile(rf"(?P<p>{_WHO}){_APPOSITION}\s+(?:proposed|moved)\s*,?\s+(?:and\s+)?(?P<s>{_WHO}){_APPOSITION}"
                r"\s+seconded"), False, False),
    (re.compile(rf"(?P<p>{_WHO})\s+(?:proposed|moved)\b[^.;]{{0,200}}?,?\s+seconded\s+by\s+(?P<s>{_WHO})"), False,
     True),
    (re.compile(rf"\b(?:[Pp]roposed|[Mm]oved)\s+by\s+(?P<p>{_WHO})\s*[,;]?\s*(?:and\s+)?[Ss]econded\s+by\s+"
                rf"(?P<s>{_WHO})"), False, True),
    (re.compile(rf"\bProp(?:osed)?\.?\s*:?\s*(?P<p>[A-Z]{{2,3}}\b|{_WHO})\s*[,;]?\s*(?:2\s?nd|Sec(?:onded)?)\.?\s*:?"
                rf"\s*(?:by\s+)?(?P<s>[A-Z]{{2,3}}\b|{_WHO})"), True, True),
    (re.compile(rf"(?P<p>{_WHO})\s+(?:proposed|moved)\s+(?:that\b|the\s+(?:motion|amendment|recommendations?"
                r"|following)\b)"), False, False),
]
_PROPOSAL_CUE = re.compile(r"\b(?:[Pp]ropos|[Mm]oved|Prop\b)")
_LEADING_AND = re.compile(r"^and\s+", re.I)
_VOTE_N = r"\s*(?:\(\s*(?P<a>\d{1,3})\s*\)|[:\-–]\s*(?P<b>\d{1,3})(?!\d)|(?P<c>\d{1,3})(?![\d.,]\d))"
_V_FOR = re.compile(rf"(?:^|(?<=[\s(,;:]))(?:For|In\s+favour){_VOTE_N}")
_V_AGAINST = re.compile(rf"(?:^|(?<=[\s(,;:]))Against{_VOTE_N}")
_V_ABSTAIN = re.compile(rf"(?:^|(?<=[\s(,;:]))(?:Abstain(?:ed|ing|s)?|Abstentions?){_VOTE_N}")
_V_PROSE = re.compile(r"\b(?P<f>\d{1,3})\s+(?:votes?\s+)?(?:for|in\s+favour)\b\s*[,;]?\s*(?:and\s+|with\s+)?"
                      r"(?P<a>\d{1,3})\s+(?:votes?\s+)?against\b(?:\s*[,;]?\s*(?:and\s+|with\s+)?(?P<x>\d{1,3})"
                      r"\s+abstentions?)?", re.I)
_V_BY = re.compile(r"\bby\s+(?P<f>\d{1,3})\s+votes?\s+to\s+(?P<a>\d{1,3})(?:\s*[,;]?\s*(?:with|and)\s+"
                   r"(?P<x>\d{1,3})\s+abstentions?)?", re.I)
VOTE_WINDOW = 2500  # characters from "For (n)" in which its "Against" and "Abstain" are looked for
BACKWARD_REACH = 120  # characters after a decision in which "Proposed: AB 2nd: CD" still records it
_OUTCOME = re.compile(r"\b(?:Substantive\s+)?(?:Motion|Amendment|Proposal|Recommendation)s?\s+(?:was\s+|were\s+)?"
                      r"(?P<o>lost|fell|defeated|not\s+carried|carried|withdrawn)\b", re.I)
_PARA_REF = re.compile(r"\bput\s+the\s+(?:substantive\s+)?(?:motion|amendment)\s+(?:as\s+)?set\s+out\s+(?:in|at)\s+"
                       r"paragraph\s+(?P<n>\d{1,3})\b", re.I)


def _resolution_spans(body: _Text) -> list[tuple[int, int]]:
    """(start, end) of each decision block in a minute's text: one per `resolutions` entry.

    A decision that opens its paragraph ("RESOLVED that ...", "Resolved:") runs on, with its
    indented sub-list, to the next paragraph at its own level; one inside prose ("... and it was
    resolved that ...") is the sentence that carries it.
    """
    text = body.text
    marks = list(_RESOLUTION.finditer(text))
    out: list[tuple[int, int]] = []
    for k, m in enumerate(marks):
        li = body.line_at(m.start())
        line_start = body.starts[li] if body.starts else 0
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        lead_in = False  # "Resolved:" alone on its line: the list under it belongs to it
        if _PARA_PREFIX.match(text[line_start:m.start()]):
            start = m.start()
            line_end = body.starts[li + 1] if li + 1 < len(body.starts) else len(text)
            lead_in = not text[line_start:m.start()].strip() and text[start:min(line_end, end)].rstrip().endswith(":")
        else:
            base = line_start if _LIST_MARK.match(text[line_start:m.start()]) else 0
            start = base
            for sep in (". ", ": "):
                at = text.rfind(sep, base, m.start())
                if at >= 0:
                    start = max(start, at + len(sep))
            end_m = _SENTENCE_END.search(text, m.end(), end)
            end = end_m.end() if end_m else end
        end = _list_end(body, li, body.xs[li] if body.xs else 0.0, end, lead_in)
        if _clean(text[start:end]):
            out.append((start, end))
    return out


def _resolutions(body: _Text) -> list[str]:
    """One entry per decision block in a minute's text (see `_resolution_spans`)."""
    return [_clean(body.text[a:b]) for a, b in _resolution_spans(body)]


def _list_end(body: _Text, li: int, x: float, end: int, lead_in: bool = False) -> int:
    """Where a block opened on line `li` at indent `x` stops: at a line left of it or a new paragraph
    at its own level (its indented sub-list stays in; with `lead_in`, a list at its own level too)."""
    text = body.text
    for lj in range(li + 1, len(body.starts)):
        s = body.starts[lj]
        if s >= end:
            break
        if body.xs[lj] < x - 5 or (not lead_in and body.xs[lj] <= x + 1 and _NEW_PARA.match(text[s:s + 12])):
            return s
    return end


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence holding `pos`, not before `floor` ("Mr." and "No." do not end one)."""
    start = floor
    at = text.rfind(". ", floor, pos)
    while at >= 0:
        before = text[max(floor, at - 12):at].split()
        word = before[-1].lstrip("([{'\"‘“") if before else ""
        if not (word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            start = at + 2
            break
        at = text.rfind(". ", floor, at)
    colon = text.rfind(": ", floor, pos)
    return max(start, colon + 2) if colon >= 0 else start


def _sentence_stop(text: str, pos: int, limit: int) -> int:
    m = _SENTENCE_END.search(text, pos, limit)
    return m.end() if m else limit


def _para_bounds(body: _Text, pos: int) -> tuple[int, int, int]:
    """(first line index, start, end) of the paragraph holding `pos`."""
    li = body.para_start(pos)
    nxt = next((j for j in range(body.line_at(pos) + 1, len(body.starts)) if body.breaks[j]), None)
    return li, body.starts[li], body.starts[nxt] if nxt is not None else len(body.text)


def _skip_marker(text: str, start: int) -> int:
    m = _LEAD_MARK.match(text, start)
    return m.end() if m else start


@dataclass(slots=True)
class _Proposal:
    pos: int
    end: int
    proposer: str | None
    seconder: str | None
    backward: bool  # an abbreviated "Proposed: AB 2nd: CD" that records the decision before it
    records: bool  # passive wording that records a carried motion on its own
    used: bool = False
    lost: bool = False


@dataclass(slots=True)
class _Votes:
    pos: int
    end: int
    counts: tuple[int | None, int | None, int | None]
    used: bool = False


def _who(text: str | None) -> str | None:
    if not text:
        return None
    text = _clean(text).strip(" ,;")
    text = _LEADING_AND.sub("", text)
    return text or None


def _proposals(text: str) -> list[_Proposal]:
    """Who proposed and seconded, in text order; the first pattern to claim a stretch of text wins."""
    found: list[_Proposal] = []
    taken: list[tuple[int, int]] = []
    for rx, backward, records in _PROPOSAL_PATTERNS:
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in taken):
                continue
            seconder = m.groupdict().get("s")
            found.append(_Proposal(a, b, _who(m["p"]), _who(seconder), backward, records))
            taken.append((a, b))
    found.sort(key=lambda p: p.pos)
    return found


def _vote_count(m: re.Match[str] | None) -> int | None:
    if m is None:
        return None
    value = m["a"] or m["b"] or m["c"]
    return int(value) if value else None


def _votes(text: str) -> list[_Votes]:
    """Printed vote counts: "For (51) ... Against (6) ... Abstain (2)", "For: 5, Against: 2",
    "5 votes for and 2 against", "by 7 votes to 2"."""
    out: list[_Votes] = []
    if "gainst" in text or "bstain" in text or "bstention" in text:
        fors = list(_V_FOR.finditer(text))
        for k, f in enumerate(fors):
            limit = min(fors[k + 1].start() if k + 1 < len(fors) else len(text), f.end() + VOTE_WINDOW)
            against = _V_AGAINST.search(text, f.end(), limit)
            abstain = _V_ABSTAIN.search(text, against.end() if against else f.end(), limit)
            if against is None and abstain is None:
                continue
            end = max(x.end() for x in (f, against, abstain) if x is not None)
            out.append(_Votes(f.start(), end, (_vote_count(f), _vote_count(against), _vote_count(abstain))))
    for rx in (_V_PROSE, _V_BY):
        for m in rx.finditer(text):
            if any(v.pos <= m.start() < v.end for v in out):
                continue
            x = m["x"]
            out.append(_Votes(m.start(), m.end(), (int(m["f"]), int(m["a"]), int(x) if x else None)))
    out.sort(key=lambda v: v.pos)
    return out


def _para_numbers(body: _Text) -> list[tuple[int, str]]:
    """(position, number) of the numbered paragraphs of a minute ("15) Mr X proposed ...")."""
    if not body.xs:
        return []
    left = min(body.xs)
    out = []
    for s, x in zip(body.starts, body.xs, strict=True):
        if x <= left + 3:
            m = _PARA_NUMBER.match(body.text, s)
            if m:
                out.append((s, m["n"]))
    return out


def _parts(body: _Text, start: int, end: int) -> list[str]:
    """The numbered or lettered parts of a decision ((a), (i), 1.): one per marker at the outer level."""
    text = body.text
    marked = [lj for lj in range(body.line_at(start) + 1, len(body.starts))
              if start < body.starts[lj] < end and _PART_MARK.match(text, body.starts[lj])]
    if not marked:
        marked = [lj for lj in range(body.line_at(start) + 1, len(body.starts))
                  if start < body.starts[lj] < end and _BULLET_MARK.match(text, body.starts[lj])]
    if marked:
        left = min(body.xs[lj] for lj in marked)
        tops = [lj for lj in marked if body.xs[lj] <= left + 3]
        out = []
        for k, lj in enumerate(tops):
            s = body.starts[lj]
            e = body.starts[tops[k + 1]] if k + 1 < len(tops) else end
            m = _PART_MARK.match(text, s) or _BULLET_MARK.match(text, s)
            out.append(_part_text(text[m.end() if m else s:e]))
        return [p for p in out if p]
    inline = list(_INLINE_PART.finditer(text, start, end))
    if len(inline) >= 2 and inline[0]["m"] in ("a", "i", "1"):
        return [p for p in (_part_text(text[m.end():inline[k + 1].start() if k + 1 < len(inline) else end])
                             for k, m in enumerate(inline)) if p]
    return []


def _part_text(text: str) -> str:
    return _PART_TAIL.sub("", _clean(text))


def _prose_span(body: _Text, m: re.Match[str], proposals: list[_Proposal]) -> tuple[int, int]:
    """The sentence recording a decision worded in prose ("It was agreed that ...", "Agreed unanimously.").

    A short one ("All councillors agreed.") takes the sentence before it, or the motion it follows
    from the proposal on; one ending in ':' takes the indented list under it.
    """
    text = body.text
    pli, pstart, pend = _para_bounds(body, m.start())
    pstart = _skip_marker(text, pstart)
    start = _sentence_start(text, m.start(), pstart)
    end = _sentence_stop(text, m.end(), pend)
    if len(text[start:end].split()) <= SHORT_DECISION_WORDS and start > pstart:
        earlier = [p for p in proposals if pstart <= p.pos < start]
        anchor = earlier[-1].pos if earlier else start - 2
        start = _sentence_start(text, anchor, pstart)
    if text[start:end].rstrip().endswith(":"):
        end = _list_end(body, body.line_at(m.start()), body.xs[pli], len(text))
    return start, end


def _decisions(body: _Text, spans: list[tuple[int, int]], actions: list[ActionBlock] = ()) -> list[Decision]:
    """Every decision in a minute: the resolution blocks (kind 'resolved', one per `resolutions` entry), the
    vote blocks of action minutes, and decisions worded in prose, each with its parts, proposer and seconder
    and the printed votes."""
    text = body.text
    if not text:
        return []
    proposals = _proposals(text) if _PROPOSAL_CUE.search(text) else []
    found: list[tuple[int, int, str]] = [(a, b, "resolved") for a, b in spans]
    found += [(b.start, b.end, "action") for b in actions]
    for m in _PROSE_DECISION.finditer(text):
        if any(a <= m.start() < b for a, b, _ in found):
            continue
        a, b = _prose_span(body, m, proposals)
        if any(a < y and x < b for x, y, _ in found):
            continue
        found.append((a, b, m.lastgroup or "agreed"))
    if not found and not proposals:
        return []
    votes = _votes(text)
    decisions: list[tuple[int, int, Decision]] = []
    voted = {b.start: b.decision for b in actions}
    for a, b, kind in sorted(found):
        if kind == "action":
            voted[a].pdf_page = body.page_at(a)
            decisions.append((a, b, voted[a]))
            continue
        d = Decision(text=_clean(text[a:b]), kind=kind, parts=_parts(body, a, b), pdf_page=body.page_at(a),
                     unanimous=bool(_UNANIMOUS.search(text, a, b)))
        decisions.append((a, b, d))
        for p in proposals:
            if a <= p.pos < b and not p.used and d.proposer is None:
                d.proposer, d.seconder, p.used = p.proposer, p.seconder, True
        for v in votes:
            if a <= v.pos < b and not v.used and d.votes_for is None:
                d.votes_for, d.votes_against, d.votes_abstain = v.counts
                v.used = True
    _link(body, decisions, proposals, votes)
    decisions.sort(key=lambda x: x[0])
    return [d for _, _, d in decisions]


def _link(body: _Text, decisions: list[tuple[int, int, Decision]], proposals: list[_Proposal],
          votes: list[_Votes]) -> None:
    """Give each decision the motion and the vote printed before it; a seconded motion that no decision
    takes up (and that was not lost) is a decision of its own: "Cllr A, proposed by Cllr B, seconded by
    Cllr C."."""
    text = body.text
    by_para: dict[str, _Proposal] = {}
    paras = _para_numbers(body)
    for p in proposals:
        k = bisect_right([s for s, _ in paras], p.pos) - 1
        if k >= 0:
            by_para.setdefault(paras[k][1], p)
    ends = {id(d): b for _, b, d in decisions}
    events: list[tuple[int, int, object]] = [(a, 1, d) for a, _, d in decisions]
    events += [(p.pos, 0, p) for p in proposals if not p.used]
    events += [(v.pos, 0, v) for v in votes if not v.used]
    events += [(m.start(), 0, m["o"].lower()) for m in _OUTCOME.finditer(text)]
    events += [(m.start(), 0, int(m["n"])) for m in _PARA_REF.finditer(text)]
    events.sort(key=lambda e: (e[0], e[1]))
    pending: _Proposal | None = None
    pending_votes: _Votes | None = None
    last: tuple[int, Decision] | None = None  # the latest decision and where it ends
    implicit: list[tuple[int, int, Decision]] = []

    def flush(p: _Proposal | None) -> None:
        if p is not None and not p.used and not p.lost and p.seconder and p.records:
            p.used = True
            implicit.append(_motion_decision(body, p))

    for pos, _, ev in events:
        if isinstance(ev, _Proposal):
            if ev.used:
                continue
            if ev.backward and last is not None and last[1].proposer is None and pos - last[0] < BACKWARD_REACH:
                last[1].proposer, last[1].seconder, ev.used = ev.proposer, ev.seconder, True
                continue
            flush(pending)
            pending, pending_votes = ev, None
        elif isinstance(ev, _Votes):
            after = last[1] if last is not None and pending is None and pos - last[0] < BACKWARD_REACH else None
            if after is not None and after.votes_for is None and after.votes_against is None:
                after.votes_for, after.votes_against, after.votes_abstain = ev.counts  # "RESOLVED ... (For 5 ...)"
            else:
                pending_votes = ev
        elif isinstance(ev, str):
            if ev != "carried" and pending is not None:
                pending.lost = True
                pending, pending_votes = None, None
        elif isinstance(ev, int):
            target = by_para.get(str(ev))
            if target is not None and target is not pending:
                flush(pending)
                pending = target
        elif isinstance(ev, Decision):
            if ev.proposer is None and pending is not None:
                ev.proposer, ev.seconder = pending.proposer, pending.seconder
                pending.used = True
                pending = None
            if ev.votes_for is None and ev.votes_against is None and pending_votes is not None:
                ev.votes_for, ev.votes_against, ev.votes_abstain = pending_votes.counts
                pending_votes = None
            last = (ends[id(ev)], ev)
    flush(pending)
    decisions.extend(implicit)


def _motion_decision(body: _Text, p: _Proposal) -> tuple[int, int, Decision]:
    """A proposed and seconded motion recorded without a decision word: carried, kind 'agreed'."""
    text = body.text
    _, pstart, pend = _para_bounds(body, p.pos)
    start = _skip_marker(text, pstart)
    end = _sentence_stop(text, p.end, pend)
    decision = Decision(text=_clean(text[start:end]), kind="agreed", proposer=p.proposer, seconder=p.seconder,
                        pdf_page=body.page_at(start), unanimous=bool(_UNANIMOUS.search(text, start, end)))
    return start, end, decision
