"""Geometry of a read page: words grouped into lines, lines put in reading order (columns), gutters.

The page types themselves (`Word`, `Line`, `PageContent`, ...) are in `packparse.pagemodel`; they are
re-exported here for the code and tests that import them from this module.
"""

from __future__ import annotations

import math
from statistics import median

from packparse.pagemodel import Line, PageContent, RawTable, Word, join_words  # noqa: F401 (re-exported)


def group_lines(words: list[Word], pdf_page: int, y_tolerance: float = 3.0) -> list[Line]:
    """Group words into lines by vertical overlap, top to bottom.

    Words are bucketed by their vertical centre; a word joins the open line whose centre is within
    `y_tolerance` (or half the word's height) of it. Columns are split later, by `split_columns`.
    """
    ordered = sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0))
    lines: list[list[Word]] = []
    centres: list[float] = []
    for w in ordered:
        centre = (w.top + w.bottom) / 2
        tol = max(y_tolerance, (w.bottom - w.top) * 0.4)
        if lines and abs(centre - centres[-1]) <= tol:
            lines[-1].append(w)
            n = len(lines[-1])
            centres[-1] = centres[-1] + (centre - centres[-1]) / n
        else:
            lines.append([w])
            centres.append(centre)
    return [Line(words=ws, pdf_page=pdf_page) for ws in _attach_scripts(lines)]


def _attach_scripts(lines: list[list[Word]]) -> list[list[Word]]:
    """Put superscripts and subscripts ("16th", "CO2") back on the line they belong to: a line of small
    words that overlaps a neighbouring line by half its height and sits in that line's gaps."""
    out = [list(ws) for ws in lines]
    for i, ws in enumerate(out):
        if not ws or len(ws) > 3:
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(out) or not out[j]:
                continue
            host = out[j]
            size = median(w.size for w in host)
            if max(w.size for w in ws) > 0.85 * size:
                continue
            top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
            h_top, h_bottom = min(w.top for w in host), max(w.bottom for w in host)
            overlap = min(bottom, h_bottom) - max(top, h_top)
            inside = all(not (w.x0 < h.x1 and h.x0 < w.x1) for w in ws for h in host)
            if overlap >= 0.5 * (bottom - top) and inside and min(w.x0 for w in ws) > min(h.x0 for h in host):
                host.extend(ws)
                ws.clear()
                break
    return [ws for ws in out if ws]


def split_at_gutter(lines: list[Line], gutter_x: float, min_gap: float = 12.0) -> list[Line]:
    """Split each line whose words leave a gap across `gutter_x`: the two sides are two columns."""
    out: list[Line] = []
    for line in lines:
        cut = None
        for i, (prev, w) in enumerate(zip(line.words, line.words[1:], strict=False)):
            if prev.x1 <= gutter_x <= w.x0 and w.x0 - prev.x1 >= min_gap:
                cut = i + 1
                break
        if cut is None:
            out.append(line)
        else:
            out.append(Line(words=line.words[:cut], pdf_page=line.pdf_page))
            out.append(Line(words=line.words[cut:], pdf_page=line.pdf_page))
    return out


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Order lines for reading: columns left to right when the page has a clear gutter.

    A page is read as two columns when most of its lines sit wholly left or wholly right of a
    vertical gutter near the middle; full-width lines (headings) keep their place between them.
    """
    if len(lines) < 8:
        return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))
    mid = _gutter(lines, width)
    if mid is None:
        return sorted(lines, key=lambda ln: (round(ln.top), ln.x0))
    whole = lines
    lines = split_at_gutter(lines, mid)
    left = [ln for ln in lines if ln.x1 < mid]
    right = [ln for ln in lines if ln.x0 > mid]
    spanning = [ln for ln in lines if ln.x0 <= mid <= ln.x1]
    two_columns = (
        len(left) >= 4 and len(right) >= 4 and len(spanning) < 0.2 * len(lines)
        and _overlap(left, right) > 0.5 and _fills(left, width) and _fills(right, width)
    )
    if not two_columns:
        return sorted(whole, key=lambda ln: (round(ln.top), ln.x0))  # rows of a table stay whole
    out: list[Line] = []
    bands = sorted(spanning, key=lambda ln: ln.top)
    edges = [-1.0] + [ln.top for ln in bands] + [float("inf")]
    for i in range(len(edges) - 1):
        lo, hi = edges[i], edges[i + 1]
        if i > 0:
            out.append(bands[i - 1])
        out.extend(sorted((ln for ln in left if lo < ln.top < hi), key=lambda ln: ln.top))
        out.extend(sorted((ln for ln in right if lo < ln.top < hi), key=lambda ln: ln.top))
    return out


def _gutter(lines: list[Line], width: float) -> float | None:
    """The x of an empty vertical strip in the middle third of the page that most lines respect."""
    lo, hi = int(width / 3), int(2 * width / 3)
    xs = range(lo, hi, 4)
    # Words crossing each candidate x (x0 - 2 < x < x1 + 2), counted with a difference array: one pass
    # over the words instead of one per candidate.
    diff = [0] * (len(xs) + 1)
    for ln in lines:
        for w in ln.words:
            first = max(0, math.floor((w.x0 - 2 - lo) / 4) + 1)
            end = min(len(xs), math.ceil((w.x1 + 2 - lo) / 4))
            if first < end:
                diff[first] += 1
                diff[end] -= 1
    best: tuple[int, float] | None = None
    crossing = 0
    for i, x in enumerate(xs):
        crossing += diff[i]
        if best is None or crossing < best[0]:
            best = (crossing, float(x))
    if best is None or best[0] > 0.1 * len(lines):
        return None
    return best[1]


def _fills(column: list[Line], width: float) -> bool:
    """Lines of a column of text run across it (median a quarter of the page or more); a table's cells, a
    list of names or statuses beside them, do not."""
    return median(ln.x1 - ln.x0 for ln in column) >= 0.25 * width


def _overlap(a: list[Line], b: list[Line]) -> float:
    """Share of the shorter column's vertical extent that the two columns have in common."""
    a_top, a_bot = min(ln.top for ln in a), max(ln.bottom for ln in a)
    b_top, b_bot = min(ln.top for ln in b), max(ln.bottom for ln in b)
    common = min(a_bot, b_bot) - max(a_top, b_top)
    shorter = min(a_bot - a_top, b_bot - b_top) or 1.0
    return max(0.0, common) / shorter


def lines_text(lines: list[Line]) -> str:
    return "\n".join(ln.text for ln in lines)
