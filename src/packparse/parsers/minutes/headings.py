"""Minute headings: numbered lines at the document's heading margin whose numbers form an increasing
sequence, or headings read from the structure stage's blocks (titles with '(Item N)', restarting numbers)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from packparse.pagemodel import Line
from packparse.parsers.minutes.text import _TRAILING_SEP, _clean
from packparse.structure import Block, build_structure, read_number, read_reference

_ORDINAL_REST = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_MONTH_REST = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_TITLE_START = re.compile(r"^[A-Z0-9'‘“\"(]")
_LEADING_SEP = re.compile(r"^\s*(?::\s*-?|[-–—]|\.)\s*")
_ITEM_REF = re.compile(r"^\(\s*(?:Agenda\s+)?Item\s+[\w.]+\s*\)$", re.I)
_COLON = re.compile(r"\s?:")
_RUN_IN_SEP = re.compile(r"\s?:(?:-)?(?=\s|$)|\s[-–—]\s")
_RUN_ON_END = re.compile(r"(?:\b(?:and|of|the|to|for|in|on|at|with|from|a|an|&)|[-–,])\s*$", re.I)
HEADING_GAP = 10  # largest jump between consecutive minute numbers
MARGIN_TOLERANCE = 6.0  # points: headings of one document share their left edge within this
CHAIN_WINDOW = 40  # candidates looked back when chaining numbers (keeps the search linear)


@dataclass(slots=True)
class _Candidate:
    index: int
    number: str
    key: tuple[int, ...]
    x0: float
    bold: bool
    skip: int  # words before the title: the number, "Minute", a dash


@dataclass(slots=True)
class _Heading:
    index: int  # line of the heading
    number: str
    title: str
    last: int  # last line used by the title
    rest: str  # text that follows the title on its last line
    rest_x: float
    page: int
    agenda_item: str | None = None  # "(Item 4)" printed with the heading


def _candidates(lines: list[Line]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for i, ln in enumerate(lines):
        text = ln.text.lstrip()
        if not (text[:1].isdigit() or text[:3].lower() == "min"):
            continue
        token = read_number(text)  # the numbering grammar: "84.", "16.07.4", "2599.", "Minute 12", "12/34"
        if token is None or token.relative or not all(p.kind == "n" for p in token.parts):
            continue
        if token.prefix is not None and not token.prefix.lower().startswith("min"):
            continue  # "Item 4", "No. 3": not a minute number
        rest = token.rest
        if token.sep == "," and not rest[:1].isupper():
            continue  # "2, 3 and 4 were ...": a list of numbers, not minute 2
        if _ORDINAL_REST.match(rest) or _MONTH_REST.match(rest) or not _TITLE_START.match(rest):
            continue
        if rest.startswith("(") and not rest[1:2].isalpha():
            continue
        skip = len(text[:token.rest_offset].split())
        title_words = ln.words[skip:]
        bold = bool(title_words) and title_words[0].bold
        out.append(_Candidate(i, token.text, token.key, ln.x0, bold, skip))
    return out


def _follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether minute number b can come after a: "5" -> "6", "16.07.2" -> "16.07.3", "5" -> "5.1"; the parts
    after the one that goes up start again ("01.19.06" -> "02.19.01" at most, never "10.18.04")."""
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return 1 <= y - x <= HEADING_GAP and all(v <= 1 for v in b[k + 1:])
    return len(b) > len(a) and 1 <= b[len(a)] <= HEADING_GAP


def _best_chain(cands: list[_Candidate]) -> list[_Candidate]:
    """The longest run of candidates, in line order, whose numbers go up step by step."""
    if not cands:
        return []
    best = [1] * len(cands)
    prev = [-1] * len(cands)
    for j in range(len(cands)):
        for i in range(max(0, j - CHAIN_WINDOW), j):
            if best[i] + 1 > best[j] and _follows(cands[i].key, cands[j].key):
                best[j] = best[i] + 1
                prev[j] = i
    end = max(range(len(cands)), key=lambda k: (best[k], -k))
    chain: list[_Candidate] = []
    while end != -1:
        chain.append(cands[end])
        end = prev[end]
    return chain[::-1]


def _misnumbered(chain: list[_Candidate], cluster: list[_Candidate]) -> list[_Candidate]:
    """Put back headings printed with a slip in their number, in the same margin and weight as the run:
    where the run skips one number ("16.03.13" -> "16.03.15"), the one heading between them whose last part
    is the missing one ("6.3.14"); a number printed twice ("2449. Public Forum", "2449. Apologies"); after
    the run's last heading, a last one whose last part follows it ("11.21.09" -> "05.18.10")."""
    out: list[_Candidate] = []
    for a, c in zip(chain, [*chain[1:], None], strict=False):
        out.append(a)
        if c is None:
            after = [b for b in cluster if b.index > a.index and b.bold == a.bold]
            if len(after) == 1 and len(after[0].key) == len(a.key) and after[0].key[-1] == a.key[-1] + 1:
                out.append(after[0])
            continue
        if len(a.key) != len(c.key) or a.key[:-1] != c.key[:-1]:
            continue
        between = [b for b in cluster if a.index < b.index < c.index and b.bold == a.bold]
        if c.key[-1] - a.key[-1] == 2:
            slips = [b for b in between if b.key[-1] == a.key[-1] + 1]
        elif c.key[-1] - a.key[-1] == 1:
            slips = [b for b in between if b.key == a.key]
        else:
            slips = []
        if len(slips) == 1:
            out.append(slips[0])
    return out


def _block_headings(lines: list[Line]) -> list[_Heading] | None:
    """Minutes headed by their titles alone: unnumbered headings in one style, each with the agenda item it
    records printed beneath ("Apologies for Absence" / "(Item 1)"), or over numbered paragraphs that start
    again at 1 under each heading. None when the minutes are not laid out so (their numbers head them)."""
    structure = build_structure(lines)
    at = {id(ln): i for i, ln in enumerate(lines)}
    blocks = structure.blocks
    heads: list[tuple[Block, Block | None]] = []
    for k, b in enumerate(blocks):
        if b.role == "heading" and b.number is None:
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            heads.append((b, nxt if nxt is not None and nxt.role == "item_ref" else None))
    referenced = [h for h in heads if h[1] is not None]
    styles = Counter(_block_style(b) for b, _ in referenced)
    if len(referenced) < 2:
        restarts = _restarting_sections(blocks, heads)
        if restarts is None:
            return None
        styles = Counter({restarts: 1})
    style = styles.most_common(1)[0][0]
    first = min(at[id(b.first)] for b, _ in heads if _block_style(b) == style)
    out: list[_Heading] = []
    for b, ref in heads:
        if _block_style(b) != style or at[id(b.first)] < first:
            continue
        last = at[id((ref or b).lines[-1])]
        out.append(_Heading(index=at[id(b.first)], number="", title=_TRAILING_SEP.sub("", b.text), last=last,
                            rest="", rest_x=b.x0, page=b.pdf_page, agenda_item=ref.reference if ref else None))
    return out if len(out) >= 2 else None


def _block_style(block: Block) -> tuple[float, bool, float]:
    return (round(block.first.size * 2) / 2, block.first.bold, round(block.x0 / 6))


def _restarting_sections(blocks: list[Block], heads: list[tuple[Block, Block | None]]
                         ) -> tuple[float, bool, float] | None:
    """The style of headings under which numbered paragraphs start again at 1 (two or more of them)."""
    by_style: dict[tuple[float, bool, float], int] = {}
    current: tuple[float, bool, float] | None = None
    seen_one = False
    heading_ids = {id(b) for b, _ in heads}
    for b in blocks:
        if id(b) in heading_ids:
            current, seen_one = _block_style(b), False
        elif (current is not None and b.number is not None and b.number.decimal and b.number.key == (1,)
              and not seen_one):
            by_style[current] = by_style.get(current, 0) + 1
            seen_one = True
    best = max(by_style.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best is not None and best[1] >= 2 else None


def _find_headings(lines: list[Line]) -> list[_Heading]:
    cands = _candidates(lines)
    if not cands:
        return []
    # Headings share one left edge; numbered paragraphs inside minutes are indented further.
    clusters: list[list[_Candidate]] = []
    for c in sorted(cands, key=lambda c: c.x0):
        if clusters and c.x0 - clusters[-1][0].x0 <= MARGIN_TOLERANCE:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    chains: list[list[_Candidate]] = []
    for cl in clusters:
        cl.sort(key=lambda c: c.index)
        bold = [c for c in cl if c.bold]
        if len(bold) >= 2 and len(bold) * 3 >= len(cl) * 2:
            cl = bold
        chains.append(_misnumbered(_best_chain(cl), cl))
    # The leftmost run wins: minute numbers hang in (or sit at) the margin, paragraphs are indented.
    longest = max(len(ch) for ch in chains)
    chain = next(ch for ch in chains if len(ch) >= min(2, longest))
    right = sorted(ln.x1 for ln in lines)[int(len(lines) * 0.9)]
    headings: list[_Heading] = []
    for n, c in enumerate(chain):
        stop = chain[n + 1].index if n + 1 < len(chain) else len(lines)
        h = _heading(lines, c, stop, right)
        for k in range(h.last + 1, min(h.last + 3, stop)):  # "(Item 4)" printed under the heading
            if (ref := read_reference(lines[k].text)) is not None:
                h.agenda_item, h.last = ref, k
                break
            if lines[k].text.strip():
                break
        headings.append(h)
    return headings


def _heading(lines: list[Line], cand: _Candidate, stop: int, right: float) -> _Heading:
    """Read the title of a minute: a whole bold heading, a bold or plain run-in heading."""
    line = lines[cand.index]
    words = line.words[cand.skip:]
    last = cand.index
    rest, rest_x = "", line.x1
    if words and all(w.bold for w in words):
        title = " ".join(w.text for w in words)
        # A long bold heading wraps onto further bold lines.
        j = cand.index + 1
        while (j < stop and not title.rstrip().endswith((":", ":-")) and lines[j].words
               and all(w.bold for w in lines[j].words) and lines[j].pdf_page == line.pdf_page
               and not _ITEM_REF.match(lines[j].text.strip())
               and lines[j].top - lines[j - 1].bottom < 1.2 * max(lines[j].size, 1)
               and (lines[j - 1].x1 > right - 0.25 * (right - line.x0) or _RUN_ON_END.search(lines[j - 1].text))):
            # ... only where the line above ran on towards the margin (or broke after "and", "of")
            title += " " + lines[j].text
            last = j
            j += 1
    elif words and words[0].bold:
        n = 0
        while n < len(words) and words[n].bold:
            n += 1
        bold_text = " ".join(w.text for w in words[:n])
        cut = _colon_cut(bold_text)
        title = bold_text[:cut]
        rest = bold_text[cut:] + " " + " ".join(w.text for w in words[n:])
        rest_x = line.x0  # run-in text belongs to the paragraph the heading opens
    else:
        text = " ".join(w.text for w in words)
        cut = _separator_cut(text)
        nxt = lines[cand.index + 1] if cand.index + 1 < stop else None
        if (cut is None and nxt is not None and nxt.x0 > line.x0 + 10
                and line.x1 > right - 0.15 * (right - line.x0)):
            # A plain heading that wraps under a hanging indent, ended by ':' or a dash.
            joined = text + " " + nxt.text
            cut2 = _separator_cut(joined)
            if cut2 is not None and cut2 > len(text):
                title, rest, last = joined[:cut2], joined[cut2:], cand.index + 1
                rest_x = nxt.x0
                return _make_heading(cand, title, last, rest, rest_x, line.pdf_page)
        if cut is None:
            title = text
        else:
            title, rest = text[:cut], text[cut:]
            rest_x = line.x0
    return _make_heading(cand, title, last, rest, rest_x, line.pdf_page)


def _make_heading(cand: _Candidate, title: str, last: int, rest: str, rest_x: float, page: int) -> _Heading:
    title = _TRAILING_SEP.sub("", _clean(title))
    title = _TRAILING_SEP.sub("", title)
    rest = _LEADING_SEP.sub("", _clean(rest))
    return _Heading(cand.index, cand.number, title, last, rest, rest_x, page)


def _colon_cut(text: str) -> int:
    """Where a run-in title ends: at its first colon, else the whole text."""
    m = _COLON.search(text)
    return m.start() if m else len(text)


def _separator_cut(text: str) -> int | None:
    """Where a plain run-in title ends: at a colon or a spaced dash; None when neither is printed."""
    m = _RUN_IN_SEP.search(text)
    return m.start() if m else None
