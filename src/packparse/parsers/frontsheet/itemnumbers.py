"""Agenda item numbers: numbered lines at the agenda's numbering columns as candidates, and the best run of
candidates whose numbers follow on from each other in the same column and style."""

from __future__ import annotations

import re
from dataclasses import dataclass

from packparse.pagemodel import Line, Word
from packparse.parsers.frontsheet.patterns import _DETAIL_LABEL, _ITEM_LINE, _NON_BODY, _PAGES
from packparse.structure.numbering import NumberToken, Part, follows, read_number
from packparse.textparse import find_date

_MONTH_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b", re.I)
_FILE_NUMBER = re.compile(r"^\d{2}-\d{3,5}\s{2,}(?=\S)")  # "1.A  21-0109  Approve ...": a file number column
_CLOCK = re.compile(r"^[AP]\.?M\.?(?:\s|$|[-–,])", re.I)  # "7 P.M. COUNCIL MEETING" is a time, not item 7
_TIME_TAIL = re.compile(
    r"\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[-–]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?$", re.I)
_ORDINAL = re.compile(r"st|nd|rd|th")


@dataclass(slots=True)
class _Candidate:
    index: int  # into the agenda's lines
    line: Line
    number: str
    parts: tuple[Part, ...]
    relative: bool
    words: list[Word]  # the title's words on the first line
    title_x: float
    weight: float = 1.0
    path: tuple[Part, ...] = ()
    section: int = 0  # unnumbered headings above it: a numbering may start again under a new heading


def _candidates(lines: list[Line]) -> list[_Candidate]:
    columns = _numbering_columns(lines)
    left = min(columns, default=0.0)
    masthead = _masthead_end(lines)
    out: list[_Candidate] = []
    section = 0
    labelled = False  # inside a "Recommendation:" value: its (a), (b) are the recommendation's parts
    for i, line in enumerate(lines):
        token = _item_number(line.text)
        if token is None:
            text = " ".join(line.text.split())
            if _heading(line, text, left, 612.0) is not None:
                section += 1
            labelled = labelled or bool(_LABEL_VALUE.match(text))
            continue
        if i < masthead:
            continue  # "5055 Santa Teresa Blvd" in the letterhead above the meeting's date: an address
        if token.relative and labelled:
            continue
        if not token.relative:
            labelled = False
        words = _title_words(line, token)
        if not words:
            continue
        cand = _Candidate(index=i, line=line, number=token.text, parts=token.parts, relative=token.relative,
                          words=words, title_x=words[0].x0, section=section)
        cand.weight = _weight(cand, lines)
        if not _at_column(line.x0, columns):
            cand.weight -= OFF_COLUMN  # a lone number out of line: an item only where the sequence needs it
        out.append(cand)
    return out


_LABEL_VALUE = re.compile(r"^[A-Z][A-Za-z ]{2,30}:\s+\S")  # "Recommendation: Adopt a resolution: (a) ..."


def _masthead_end(lines: list[Line]) -> int:
    """Index of the first line with a date when it is in the top 40% of the first page: numbered lines above
    it are the letterhead's addresses and phone numbers, not items."""
    if not lines:
        return 0
    first = lines[0].pdf_page
    for i, ln in enumerate(lines):
        if ln.pdf_page != first or ln.top > 0.4 * _page_height(lines):
            return 0
        if find_date(ln.text):
            return i
    return 0


def _page_height(lines: list[Line]) -> float:
    return max(792.0, max(ln.bottom for ln in lines))


def _title_words(line: Line, token: NumberToken) -> list[Word]:
    """The words after the item number (and after a file number printed in a column of its own)."""
    k = len(line.text[:token.rest_offset].split())
    words = line.words
    if _FILE_NUMBER.match(token.rest) and k < len(words) - 1:
        k += 1
    return words[k:]


def _weight(cand: _Candidate, lines: list[Line]) -> float:
    """How much a candidate looks like an item: less for a line starting in lower case or with a dash (a
    wrapped line of text), and for a paragraph whose next line wraps back under its number."""
    weight = 1.0
    first = cand.words[0].text[:1]
    if not (first.isupper() or first.isdigit() or first in "(\"“‘'£$#"):
        weight -= 0.6
    if re.search(r"[a-z]{2}\.\s+[A-Z][a-z]", _words_text(cand.words)):
        weight -= 0.5  # a sentence ends inside the first line: prose (instructions), not an item's title
    line = cand.line
    if cand.index + 1 < len(lines):
        nxt = lines[cand.index + 1]
        if (nxt.pdf_page == line.pdf_page and nxt.top - line.bottom < 0.9 * max(line.bottom - line.top, 1.0)
                and abs(nxt.x0 - line.x0) <= 2 and read_number(nxt.text) is None):
            weight -= 0.6
    return weight


_WINDOW = 80  # an item follows one of the 80 candidates before it: keeps a long document linear
OFF_COLUMN = 0.55  # weight lost by a numbered line that starts at none of the agenda's numbering columns
RESTART = 1.2  # cost of a numbering that starts again at 1 (or I, A) under a new unnumbered heading: a list


def _best_run(cands: list[_Candidate]) -> list[_Candidate]:
    """The run of candidates whose numbers follow on from each other with the best score: each item
    counts its weight, less the cost of its step and of a change of column or style among siblings."""
    n = len(cands)
    score = [0.0] * n
    back = [-1] * n
    paths: list[tuple[Part, ...]] = [()] * n
    styles: list[dict[int, tuple[float, bool, float]]] = [{} for _ in range(n)]
    for i, cand in enumerate(cands):
        top = cand.parts[0].value if cand.parts else 0
        best = (cand.weight - (0.0 if top == 1 else 0.3) - (0.5 if cand.relative else 0.0), -1, cand.parts)
        for j in range(max(0, i - _WINDOW), i):
            step = follows(paths[j], cand.parts, cand.relative)
            if step is None and _first_number(cand) and cand.section > cands[j].section:
                # "CLOSED SESSION" 1, 2 ... "REGULAR SESSION" 1, 2 ...: the numbering starts again at the level it
                # had, under the same parents ("I" / 1 2 3 / "CLOSED SESSION" / 1 ... 8 / "II")
                same_kind = [d for d, p in enumerate(paths[j]) if p.kind == cand.parts[0].kind]
                parents = paths[j][:same_kind[0]] if same_kind else ()
                step = ((*parents, *cand.parts), RESTART)
            if step is None:
                continue
            path, cost = step
            if path == paths[j] and not _adjacent(cands[j].line, cand.line):
                cost = 0.8  # the same number again further on: more likely a list starting over
            total = score[j] + cand.weight - cost - _style_cost(styles[j], len(path), cand)
            if total > best[0]:
                best = (total, j, path)
        score[i], back[i], paths[i] = best
        seen = dict(styles[best[1]]) if best[1] >= 0 else {}
        seen[len(paths[i])] = (cand.line.x0, cand.line.bold, cand.line.size)
        styles[i] = seen
    if not n:
        return []
    i = max(range(n), key=lambda k: score[k])
    if score[i] <= 0:
        return []
    run: list[_Candidate] = []
    while i >= 0:
        cands[i].path = paths[i]
        run.append(cands[i])
        i = back[i]
    return run[::-1]


def _first_number(cand: _Candidate) -> bool:
    return not cand.relative and len(cand.parts) == 1 and cand.parts[0].value == 1


def _adjacent(a: Line, b: Line) -> bool:
    return a.pdf_page == b.pdf_page and 0 <= b.top - a.bottom < 3 * max(a.bottom - a.top, 1.0)


def _style_cost(seen: dict[int, tuple[float, bool, float]], depth: int, cand: _Candidate) -> float:
    line = cand.line
    if depth in seen:
        x, bold, size = seen[depth]
        return ((0.6 if abs(line.x0 - x) > 6 else 0.0) + (0.25 if line.bold != bold else 0.0)
                + (0.25 if abs(line.size - size) > 0.6 else 0.0))
    if depth - 1 in seen and line.x0 < seen[depth - 1][0] - 6:
        return 0.4  # a nested item to the left of its parent
    return 0.0


def _numbering_columns(lines: list[Line]) -> list[float]:
    """x positions where at least two numbered lines start: the agenda's numbering columns."""
    xs: list[float] = []
    referenced: list[float] = []  # a lone item is still an item when it quotes its pages
    for i, ln in enumerate(lines):
        if _item_number(ln.text) is not None:
            xs.append(ln.x0)
            if any(_PAGES.search(x.text) or "(Page" in x.text for x in lines[i: i + 4]):
                referenced.append(ln.x0)
    columns: list[float] = []
    for x in sorted(xs):
        enough = sum(1 for y in xs if abs(y - x) <= 4) >= 2 or any(abs(r - x) <= 4 for r in referenced)
        if enough and not any(abs(c - x) <= 4 for c in columns):
            columns.append(x)
    return columns


def _at_column(x: float, columns: list[float]) -> bool:
    return any(abs(x - c) <= 4 for c in columns)


def _item_number(text: str) -> NumberToken | None:
    """The number of a line numbered like an item: '3.' or '3' followed by a tab stop, not a date, a time or
    an amount; a running number of four or five digits ("2779.") only with its stop or a tab stop."""
    token = read_number(text)
    if token is None:
        return None
    num, rest = token.text, token.rest
    sep = token.sep in ".):"
    wide = len(token.gap) >= 2
    day_like = len(token.parts) == 1 and token.parts[0].kind == "n" and token.parts[0].value <= 31
    if (_MONTH_WORD.match(rest) and day_like) or (num[0].isdigit() and _CLOCK.match(rest)):
        # "8 December 2024" is a date, "8.3 May Revise ..." an item
        return None
    if token.prefix is not None:
        return token  # "Item 4", "Minute 12"
    if len(rest) > 2 and all(len(w) == 1 for w in rest.split()):
        return None  # "A G E N D A": a word set letter-spaced, not item A
    if rest[:1].isdigit() and not (sep or wide):
        return None  # "8 December", "10 000": a date or an amount, unless set as "5.  24/00108 - ..."
    if token.parts and token.parts[0].value >= 1000 and not (sep or wide):
        return None  # a year or an amount, not a running minute number
    if not sep and not wide and not num[0].isdigit():
        return None  # "A new ..." is prose, not item A
    return token


def _heading(line: Line, text: str, column: float, width: float) -> str | None:
    """The text of an unnumbered section heading ("CONSENT CALENDAR", "Closed Session 6:00-7:00 PM",
    "Part B"): short, in capitals, bold or title case, at the numbering column or centred; else None."""
    text = _TIME_TAIL.sub("", text).strip()
    words = text.split()
    if not words or len(words) > 12 or len(text) > 90 or not text[0].isalnum() or text[-1] in ".,;":
        return None
    if (find_date(text) or (_DETAIL_LABEL.match(text) and not text.endswith(":")) or _NON_BODY.match(text)
            or _ITEM_LINE.match(text) or len(re.split(r"\s{2,}", line.text.strip())) >= 3
            or re.match(r"^(?:(?:agenda\s+)?item(?:\s+no\.?)?$|dear\b|yours\b)", text, re.I)):
        return None  # a date line, a label, an item, a table row, the head of the items' column
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return None
    at_column = abs(line.x0 - column) <= 6
    centred = (line.x0 > column + 20 and line.x1 - line.x0 < 0.6 * width
               and abs((line.x0 + line.x1) / 2 - width / 2) < 0.08 * width)
    outdented = line.x0 < column - 6 and line.bold  # a bold heading hanging left of the item numbers
    if not (at_column or centred or outdented):
        return None
    capitals = all(c.isupper() for c in letters)
    long_words = [w for w in words if len(w) > 3]
    title_case = bool(long_words) and all(w[0].isupper() for w in long_words)
    if not capitals and re.search(r":\s+\S", text):
        return None  # "Time Estimate for Consent Calendar: 1 - 10 Minutes"
    if capitals or line.bold or (at_column and title_case):
        return text.rstrip(" :")
    return None


def _heading_like(text: str) -> bool:
    """A short title with no full stop: an item that heads the items nested under it."""
    return 0 < len(text.split()) <= 10 and not text.endswith(".")


def _words_text(words: list[Word]) -> str:
    """Words joined with spaces, except a superscript ordinal ("7 th" -> "7th") and letters the text layer
    split without a gap ("P ublic")."""
    out: list[str] = []
    prev: Word | None = None
    for w in words:
        if prev is not None:
            ordinal = (_ORDINAL.fullmatch(w.text) is not None and prev.text[-1:].isdigit()
                       and w.size < 0.85 * prev.size)
            if not (ordinal or w.x0 - prev.x1 < 0.6):
                out.append(" ")
        out.append(w.text)
        prev = w
    return "".join(out)
