"""What every finder shares: the `FoundTable` it returns, columns from the white space between words, word
and box geometry."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from packparse.models import BBox
from packparse.pagemodel import RawTable, Word

Obj = dict[str, Any]
Box = tuple[float, float, float, float]


@dataclass(slots=True)
class FoundTable(RawTable):
    """A `RawTable` with what the finder saw of each cell's look, for header detection downstream.

    `cell_styles[i][j]` matches `rows[i][j]`: None for a cell without text, else flags 'b' bold,
    'i' italic (most of its characters), 's' shaded (a coloured fill behind it); '' when plain. `col_x[j]` is
    column j's extent across the page (x0, x1), where the finder knows it: what lets a part of the table
    on the next page (or a row or two left over there) be put under the same columns.
    """

    cell_styles: list[list[str | None]] = field(default_factory=list)
    col_x: list[tuple[float, float]] = field(default_factory=list)


def _by_line(words: list[Word]) -> list[list[Word]]:
    """Words grouped into lines by vertical centre, each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=_cy):
        if lines and abs(_cy(w) - _cy(lines[-1][-1])) <= max(2.0, 0.4 * (w.bottom - w.top)):
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    return lines


def _dedupe(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _band_words(words: list[Word], top: float, bottom: float) -> list[Word]:
    return [w for w in words if top <= _cy(w) < bottom]


def _columns(words: list[Word], gap_em: float = 0.9, floor: float = 6.0) -> list[tuple[float, float]]:
    """Column extents: x-ranges covered by words, split at vertical white space `gap_em` ems wide
    (the em of the words on either side, so a large title's word spaces do not split it) and at
    least `floor` points."""
    if not words:
        return []
    spans = sorted((w.x0, w.x1, w.size or 10.0) for w in words)
    cols = [[spans[0][0], spans[0][1], spans[0][2]]]
    for a, b, size in spans[1:]:
        last = cols[-1]
        if a - last[1] < max(floor, gap_em * max(size, last[2])):
            last[1] = max(last[1], b)
            last[2] = max(last[2], size)
        else:
            cols.append([a, b, size])
    return [(a, b) for a, b, _ in cols]


def _segments(words: list[Word]) -> list[tuple[float, float]]:
    """Runs of words on one line separated by no more than a word space (about half an em)."""
    segs: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if segs and w.x0 - segs[-1][1] < max(3.0, 0.5 * (w.size or 10.0)):
            segs[-1][1] = max(segs[-1][1], w.x1)
        else:
            segs.append([w.x0, w.x1])
    return [(a, b) for a, b in segs]


def _fits_columns(words: list[Word], columns: list[tuple[float, float]]) -> bool:
    """An extra row belongs to the table when its phrases fall in two or more of its columns,
    none straddling two (a caption or title line does not)."""
    hits: set[int] = set()
    for a, b in _segments(words):
        over = [i for i, (c0, c1) in enumerate(columns) if a < c1 and b > c0]
        if len(over) > 1:
            return False
        hits.update(over)
    return len(hits) >= 2


def _column_of(w: Word, columns: list[tuple[float, float]]) -> int:
    centre = (w.x0 + w.x1) / 2
    best, dist = 0, float("inf")
    for i, (a, b) in enumerate(columns):
        d = 0.0 if a <= centre <= b else min(abs(centre - a), abs(centre - b))
        if d < dist:
            best, dist = i, d
    return best


def _text(words: list[Word]) -> str:
    """Words of one cell in reading order, lines joined by newlines (as in ruled cells)."""
    return "\n".join(" ".join(w.text for w in line) for line in _by_line(words))


def _cy(w: Word) -> float:
    return (w.top + w.bottom) / 2


def _bbox(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(x0=round(x0, 1), top=round(top, 1), x1=round(x1, 1), bottom=round(bottom, 1))


def _area(b: BBox) -> float:
    return max(0.0, b.x1 - b.x0) * max(0.0, b.bottom - b.top)


def _contains(outer: BBox, inner: BBox, tol: float = 2.0) -> bool:
    return (outer.x0 - tol <= inner.x0 and outer.top - tol <= inner.top
            and inner.x1 <= outer.x1 + tol and inner.bottom <= outer.bottom + tol)


def _overlap_ratio(a: BBox, b: BBox) -> float:
    """Intersection over the smaller box's area."""
    ox = min(a.x1, b.x1) - max(a.x0, b.x0)
    oy = min(a.bottom, b.bottom) - max(a.top, b.top)
    if ox <= 0 or oy <= 0:
        return 0.0
    return ox * oy / (min(_area(a), _area(b)) or 1.0)
