"""Page furniture: what the publisher printed around the content.

Printed page numbers ("Page 7", "Tudalen 7", "Page 3 of 54", "- 3 -", "Packet Pg. 187", bare
numerals), "Agenda Item N" stamps, running headers and footers, blank pages ("This page is
intentionally left blank" or empty) and restricted stubs ("Document is Restricted"). It is found from
position (the top and bottom bands of the page), wording and repetition across pages, and removed from
the content lines that parsers see.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from packparse.lexicon import (
    BLANK_NOTICE,
    PACKET_PAGE,
    PAGE_LABEL,
    PAGE_STAMP,
    PAGE_WORDS,
    RESTRICTED_NOTICE,
    exempt_paragraphs,
)
from packparse.models import PageKind
from packparse.pagemodel import Box, Line, PageContent, PageFurniture, Word

if TYPE_CHECKING:  # types only
    from packparse.pagestore import PageStore

MARGIN_BAND = 0.11  # share of the page height searched for headers and footers
STAMP_BAND = 0.16  # agenda item stamps sit a little lower on some layouts

_BARE_NUMBER = re.compile(r"^[-–!•|]?\s*(\d{1,4})\s*[-–|]?$")
_ITEM_STAMP = re.compile(
    r"^(?:Agenda\s+Item(?:\s+No\.?)?|Eitem\s+Agenda|Item)\s*:?\s+([A-Z]?[\w]{0,3}(?:[.\-][\w]{1,3}){0,2})\.?$",
    re.I,
)
# A page with no chars but this many curves has its text drawn as glyph outlines (~1,000-2,000 a page);
# a logo or a chart draws far fewer.
OUTLINED_TEXT_CURVES = 150
# A frame or a header rule (up to four lines) is decoration, like a running header: a page drawing only that
# and furniture is still blank.
PAGE_FRAME_RULES = 4



def strip_furniture(pages: list[PageContent], store: PageStore | None = None) -> list[PageFurniture]:
    """Find and remove the furniture of every page of one file (each page's content lines handed to `store`,
    as the reader's were).

    Each page is taken apart once while its lines are in memory; what needs the other pages (numbers that
    count up, lines repeated page after page) is decided on the lines of the page's top and bottom bands,
    kept aside, and each page's lines are then edited once: a spilled page is read back once, not once a rule.
    """
    result: list[PageFurniture] = []
    bands: list[_Edges] = []
    for content in pages:
        page = _strip_page(content)
        bands.append(_edge_lines(page))
        if store is not None:  # at once: a spilled page's lines are never all in memory together
            page.lines = store.keep(page.pdf_page, page.lines)  # type: ignore[assignment]
        result.append(page)
    removed: list[list[_EdgeLine]] = [[] for _ in result]
    headings: list[list[_EdgeLine]] = [[] for _ in result]
    _resolve_bare_numbers(result, bands, removed)
    _remove_running_lines(result, bands, removed, headings)
    for page, content, gone, heading in zip(result, pages, removed, headings, strict=True):
        if not gone:
            page.kind = _page_kind(page, content, page.lines)
            continue
        lines = list(page.lines)
        if heading:
            page.heading_lines = [lines[edge.at] for edge in heading]
            if store is not None:  # a line a page on a pack that repeats its heading on every page: stored too
                page.heading_lines = store.keep(-page.pdf_page, page.heading_lines)  # type: ignore[assignment]
        at = {edge.at for edge in gone}
        lines = [line for k, line in enumerate(lines) if k not in at]
        page.kind = _page_kind(page, content, lines)
        page.lines = lines if store is None else store.keep(page.pdf_page, lines)  # type: ignore[assignment]
    return result


@dataclass(slots=True, frozen=True, eq=False)
class _EdgeLine:
    """A line in a page's top or bottom band as the cross-page rules see it: its text, its box and where it
    is in the page's lines. Not the line itself: that may be in the page store, and holding every page's
    band lines (words and all) through the stage made its memory grow with the pack's length."""

    at: int
    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class _Edges:
    """What the cross-page rules look at on one page: its lines in the top and bottom bands (reading order),
    and its last and first lines where they lie in a band (bare page numbers are looked for there only)."""

    lines: list[_EdgeLine]
    ends: list[_EdgeLine]


def _edge_lines(page: PageFurniture) -> _Edges:
    h = page.height or 1.0
    lines = page.lines
    edges = [_EdgeLine(k, ln.text, ln.x0, ln.top, ln.x1, ln.bottom) for k, ln in enumerate(lines)
             if ln.bottom < h * MARGIN_BAND or ln.top > h * (1 - MARGIN_BAND)]
    by_at = {edge.at: edge for edge in edges}
    ends = [by_at[k] for k in (len(lines) - 1, 0) if k in by_at] if lines else []
    return _Edges(edges, ends)


def _strip_page(page: PageContent) -> PageFurniture:
    out = PageFurniture(pdf_page=page.pdf_page, width=page.width, height=page.height)
    h = page.height or 1.0
    kept: list[Line] = []
    for line in page.lines:
        in_top = line.bottom < h * MARGIN_BAND
        in_bottom = line.top > h * (1 - MARGIN_BAND)
        in_stamp_band = line.bottom < h * STAMP_BAND
        text = " ".join(line.text.split())
        if (in_top or in_bottom) and _take_page_number(out, line, text):
            out.removed.append(("page_number", _box(line)))
            rest = _without_page_words(line)
            if rest is not None:
                kept.append(rest)
            continue
        if in_stamp_band and out.stamp is None and (m := _ITEM_STAMP.match(text)) and _is_stamp(text):
            out.stamp = m.group(1)
            out.removed.append(("stamp", _box(line)))
            continue
        kept.append(line)
    for word in page.vertical_words:  # stamps drawn rotated on landscape pages
        text = " ".join(word.text.split())
        if (m := PAGE_STAMP.match(text)) and not out.has_pack_stamp:
            # the pack's stamp wins; a number already read from the page is the document's own
            if out.printed_page is not None and out.own_page is None:
                out.own_page = out.printed_page
            out.printed_page, out.has_pack_stamp = int(m.group(1)), True
            out.removed.append(("page_number", _box(word)))
        elif (m := _ITEM_STAMP.match(text)) and _is_stamp(text):
            out.stamp = m.group(1)
            out.removed.append(("stamp", _box(word)))
    out.lines = kept
    return out


def _is_stamp(text: str) -> bool:
    """'Item 3' alone is a stamp only when it says 'Agenda'/'Eitem' or has the 'ITEM:' form."""
    low = text.lower()
    return low.startswith(("agenda item", "eitem agenda")) or low.startswith("item:")


def _take_page_number(out: PageFurniture, line: Line, text: str) -> bool:
    """Record a page number printed on `line`; True when the line (or part of it) is furniture."""
    if m := PAGE_STAMP.match(text):
        number = int(m.group(1))
        if out.has_pack_stamp:
            out.own_page = out.own_page or number
        else:
            if out.printed_page is not None:
                out.own_page = out.printed_page
            out.printed_page, out.has_pack_stamp = number, True
        return True
    if m := PAGE_LABEL.match(text):
        out.printed_label = f"{m.group(1)}.{m.group(2)}"
        return True
    if m := PACKET_PAGE.match(text):
        out.printed_page = out.printed_page or int(m.group(1))
        return True
    pair = _page_words(line.words)
    if pair is not None and len(line.words) <= 14:
        number, total = pair
        if out.has_pack_stamp or out.printed_page is not None:
            out.own_page, out.own_total = number, total
        else:
            out.printed_page, out.own_total = number, total
        return True
    return False


def _next_on_baseline(words: list[Word], after: Word, pred) -> int | None:
    """Index of the word on `after`'s baseline that starts just right of it and satisfies `pred`."""
    for k, w in enumerate(words):
        if pred(w) and abs(w.top - after.top) < 1.0 and 0 <= w.x0 - after.x1 <= 1.5 * max(after.size, 1.0):
            return k
    return None


def _page_word_span(words: list[Word]) -> list[int] | None:
    """Indices of 'Page N [of M]' inside a line, matched on geometry, not on word order.

    Two text runs can overlap on one baseline (a pack's stamp over a document's own footer), so
    'Page' and its number are paired by position: same baseline, the number just right of it.
    """
    def is_number(w: Word) -> bool:
        return w.text.isdigit() and len(w.text) <= 4

    for i, w in enumerate(words):
        if w.text.lower() not in PAGE_WORDS:
            continue
        j = _next_on_baseline(words, w, is_number)
        if j is None:
            continue
        span = [i, j]
        k = _next_on_baseline(words, words[j], lambda x: x.text.lower() == "of")
        if k is not None:
            m = _next_on_baseline(words, words[k], is_number)
            if m is not None:
                span += [k, m]
        return span
    return None


def _page_words(words: list[Word]) -> tuple[int, int | None] | None:
    span = _page_word_span(words)
    if span is None:
        return None
    total = int(words[span[3]].text) if len(span) == 4 else None
    return int(words[span[1]].text), total


def _without_page_words(line: Line) -> Line | None:
    """The line minus its 'Page N [of M]' words; None when nothing else is left."""
    span = _page_word_span(line.words)
    if span is None:
        return None  # a whole-line pattern (label, packet page) matched
    rest = [w for i, w in enumerate(line.words) if i not in set(span)]
    if not rest or all(_BARE_NUMBER.match(w.text) for w in rest):
        return None
    return Line(words=rest, pdf_page=line.pdf_page)


def _resolve_bare_numbers(result: list[PageFurniture], bands: list[_Edges], removed: list[list[_EdgeLine]]) -> None:
    """Bare numerals at the top or bottom edge: page numbers when they count up page by page.

    A numeral that stays the same across pages is a running label (an item number printed on
    every page of a staff report) and is removed as furniture too.
    """
    candidates: list[tuple[int, _EdgeLine] | None] = []
    for edges in bands:
        found = None
        for line in edges.ends:  # the last line, then the first
            if m := _BARE_NUMBER.match(" ".join(line.text.split())):
                found = (int(m.group(1)), line)
                break
        candidates.append(found)
    for i, cand in enumerate(candidates):
        if cand is None:
            continue
        number, line = cand
        prev_c = candidates[i - 1] if i > 0 else None
        next_c = candidates[i + 1] if i + 1 < len(candidates) else None
        counts_up = (prev_c is not None and prev_c[0] == number - 1) or (
            next_c is not None and next_c[0] == number + 1)
        constant = (prev_c is not None and prev_c[0] == number) or (
            next_c is not None and next_c[0] == number)
        lone = len(result) == 1 or (prev_c is None and next_c is None and number == result[i].pdf_page)
        page = result[i]
        if counts_up or lone:
            if page.printed_page is None:
                page.printed_page = number
            elif page.own_page is None:
                page.own_page = number
            page.removed.append(("page_number", _box(line)))
            removed[i].append(line)
        elif constant:
            page.running.append(line.text)
            page.removed.append(("running", _box(line)))
            removed[i].append(line)


def _normalise_running(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _remove_running_lines(result: list[PageFurniture], bands: list[_Edges], removed: list[list[_EdgeLine]],
                          headings: list[list[_EdgeLine]]) -> None:
    """Lines repeated in the top or bottom band of at least three pages are running headers/footers.

    A repeated line is kept on the first page it appears on, where it is often the heading of the
    document, and removed from the rest. Where it comes back after two pages without it, it may head
    another document (the next of a pack's records of decision): it is removed there too, so it cannot
    split anything, and kept aside in `heading_lines` for a document that starts on that page (`headings`).
    """
    seen: Counter[tuple[str, int]] = Counter()
    for page, edges, gone in zip(result, bands, removed, strict=True):
        seen.update({key for _, key in _running_keys(page, edges, gone)})
    running = {k for k, n in seen.items() if n >= 3 and len(k[0]) > 1}
    if not running:
        return
    first_seen: set[tuple[str, int]] = set()
    before: deque[set[tuple[str, int]]] = deque(maxlen=2)  # the keys of the two pages before
    for i, (page, edges, gone) in enumerate(zip(result, bands, removed, strict=True)):
        entries = _running_keys(page, edges, gone)  # made again, not kept: two passes over every page
        for line, key in entries:
            if key not in running:
                continue
            if key not in first_seen:
                first_seen.add(key)
                continue
            if key[1] == 0 and not any(key in keys for keys in before):
                headings[i].append(line)
            page.running.append(line.text)
            page.removed.append(("running", _box(line)))
            gone.append(line)
        before.append({key for _, key in entries})


def _running_keys(page: PageFurniture, edges: _Edges, gone: list[_EdgeLine]) -> list[tuple[_EdgeLine, tuple[str, int]]]:
    """Each band line of a page not taken off already (a page number), with what a running line is known by:
    its text with numbers as '#', and its band (0 top, 1 bottom)."""
    h = page.height or 1.0
    return [(line, (_normalise_running(line.text), 0 if line.bottom < h * MARGIN_BAND else 1))
            for line in edges.lines if not any(line is g for g in gone)]


def _box(thing: Line | _EdgeLine | Word) -> Box:
    """Where something taken off was, rounded as a `BBox` is (a plain tuple, packed into `RemovedBoxes`)."""
    return round(thing.x0, 1), round(thing.top, 1), round(thing.x1, 1), round(thing.bottom, 1)


def _page_kind(page: PageFurniture, content: PageContent, lines: Sequence[Line]) -> PageKind:
    texts = [" ".join(ln.text.split()) for ln in lines]
    texts += [w.text for w in content.vertical_words if not _is_furniture_word(w)]
    texts = [t for t in texts if t]
    joined = " ".join(texts)
    if any(RESTRICTED_NOTICE.match(t) for t in texts[:6]):
        page.restricted_paragraphs = exempt_paragraphs(joined)
        return "restricted"
    if not texts:
        if (content.image_area > 0.2 * content.width * content.height
                or content.curve_count >= OUTLINED_TEXT_CURVES):
            return "image_only"  # a scan, or text drawn as vector outlines: words only OCR can read
        if content.image_area or content.curve_count or content.rule_count > PAGE_FRAME_RULES:
            return "content"  # it draws something (a picture, a chart, a form's lines): never "blank"
        return "blank"
    if all(BLANK_NOTICE.match(t) for t in texts) or BLANK_NOTICE.match(joined):
        return "blank"
    return "content"


def _is_furniture_word(word: Word) -> bool:
    text = " ".join(word.text.split())
    return bool(PAGE_STAMP.match(text) or (_ITEM_STAMP.match(text) and _is_stamp(text)))
