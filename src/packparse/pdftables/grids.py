"""Ruled grids: pdfplumber's table finder fed only with the visible ruling, cells split where a spanning
cell's words sit in two columns."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from packparse.pagemodel import PageContent, Word
from packparse.pdftables.geometry import Box, FoundTable, Obj, _area, _bbox, _by_line, _contains, _cy, _segments, _text
from packparse.pdftables.shape import _cell_style, looks_like_table


def _grid_tables(page: Any, content: PageContent, words: list[Word], h_edges: list[Obj],
                 v_edges: list[Obj], fills: list[Box]) -> list[FoundTable]:
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": v_edges,
        "explicit_horizontal_lines": h_edges,
    }
    found: list[FoundTable] = []
    for t in _table_finder(settings):
        x0, top, x1, bottom = t.bbox
        bbox = _bbox(x0, top, x1, bottom)
        if (x1 - x0) < 20 or (bottom - top) < 10:
            continue
        inside = sorted((w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= _cy(w) <= bottom),
                        key=_cy)
        if len(inside) < 2:
            continue
        centres = [_cy(w) for w in inside]
        grid_rows = t.rows
        row_words = [inside[bisect_left(centres, r.bbox[1]):bisect_right(centres, r.bbox[3])]
                     for r in grid_rows]
        rows = [[None if cell is None else _cell_text(ws, cell) for cell in r.cells]
                for r, ws in zip(grid_rows, row_words, strict=True)]
        if not looks_like_table(rows, content.width, content.height, bbox):
            continue
        xs = sorted({round(c[0], 1) for c in t.cells} | {round(c[2], 1) for c in t.cells})
        styles = []
        for texts, r, ws in zip(rows, grid_rows, row_words, strict=True):
            _split_spanning_cells(texts, r.cells, ws, xs)
            behind = [f for f in fills if f[1] < r.bbox[3] and f[3] > r.bbox[1]]
            styles.append([None if cell is None else _cell_style(ws, behind, cell) for cell in r.cells])
        col_x = [(c.bbox[0], c.bbox[2]) for c in t.columns]
        found.append(FoundTable(bbox=bbox, rows=rows, method="lines", cell_styles=styles, col_x=col_x))
    return _drop_nested(found)


class _NoPage:
    """What pdfplumber's table finder needs of a page when every edge is given: nothing."""

    bbox = (0.0, 0.0, 0.0, 0.0)


def _table_finder(settings: dict[str, Any]) -> list[Any]:
    """pdfplumber's tables from explicit edges alone (its `Page.find_tables`, without a pdfplumber page)."""
    from pdfplumber.table import TableFinder, TableSettings

    return TableFinder(_NoPage(), TableSettings.resolve(settings)).tables  # type: ignore[arg-type]


def _cell_text(words: list[Word], cell: Box) -> str:
    """Text of the words centred in `cell`, lines joined by newlines (as pdfplumber would)."""
    x0, top, x1, bottom = cell
    ws = [w for w in words if x0 <= (w.x0 + w.x1) / 2 < x1 and top <= _cy(w) < bottom]
    return "\n".join(" ".join(w.text for w in line) for line in _by_line(ws))


def _split_spanning_cells(texts: list[str | None], cells: Sequence[Box | None], words: list[Word],
                          xs: list[float]) -> None:
    """Split a cell spanning several grid columns when its text follows the columns.

    Tables ruled by cell shading lose their column rules on an unshaded row, and pdfplumber then
    reads the row as one merged cell ('HouseKeys, Inc. $85,000* $11,250 ...'). When every phrase
    in such a cell sits inside one column and two or more columns get text, the row is split back
    into the table's columns; a real merged cell (a section title, a year over 'No.' and '%')
    holds one phrase and is left alone.
    """
    for k, cell in enumerate(cells):
        if cell is None:
            continue
        cuts = [x for x in xs if cell[0] + 1 < x < cell[2] - 1]
        if not cuts:
            continue
        inside = [w for w in words
                  if cell[0] <= (w.x0 + w.x1) / 2 <= cell[2] and cell[1] <= _cy(w) <= cell[3]]
        bounds = [cell[0], *cuts, cell[2]]
        parts: list[list[Word]] = [[] for _ in range(len(bounds) - 1)]
        ok = True
        for line in _by_line(inside):
            for a, b in _segments(line):
                slot = [i for i in range(len(parts)) if a >= bounds[i] - 1 and b <= bounds[i + 1] + 1]
                if not slot:
                    ok = False
                    break
                parts[slot[0]].extend(w for w in line if a <= w.x0 and w.x1 <= b)
            if not ok:
                break
        if not ok or sum(1 for p in parts if p) < 2:
            continue
        for i, part in enumerate(parts):
            if k + i < len(texts):
                texts[k + i] = _text(part) if part else ""


def _drop_nested(tables: list[FoundTable]) -> list[FoundTable]:
    """Drop tables drawn inside a cell of a bigger kept table (pdfplumber reports both)."""
    kept = []
    for t in tables:
        inside = any(o is not t and _contains(o.bbox, t.bbox) and _area(o.bbox) > _area(t.bbox)
                     for o in tables)
        if not inside:
            kept.append(t)
    return kept
