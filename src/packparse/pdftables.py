"""Table finding on a read page: part of the reading stage (called by `backends.base.build_page` only).

It works on the page's `Graphics` (lines, rects and curves as pdfplumber object dicts, whichever engine read
them) and its words; the ruled-grid step is pdfplumber's table finder fed with explicit edges.

Four finders, all cheap enough to run while the page is open:

* ruled grids: pdfplumber's table finder fed only with the *visible* ruling (white fills, which
  word processors draw behind every header cell, and a shaded cell's second fill behind its text
  would otherwise cut cells in two);
* framed tables: a few long rules around blocks of space-aligned figure columns (finance
  appendices), read again with columns from the white space between words;
* rule-row tables: stacks of equal-width horizontal rules with no vertical ones (finance reports,
  contact lists), whose columns come from the vertical white space between the words;
* aligned tables: unruled rows split into the same columns by wide gaps, with a column of figures
  (payments in parish minutes); this one uses only the page's lines, never pdfplumber.

The ruled finders run only on pages with enough ruling segments, and the text strategy is never
run over a whole page, so text pages pay next to nothing. Whatever is found is checked against
what a table looks like (two rows with text side by side, not a chart, not a form, not a box drawn
around a page of prose), because pdfplumber happily returns all of those.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

from packparse.layout import Line, PageContent, RawTable, Word
from packparse.models import BBox

# A page gets the table finders only when it has at least this many ruling segments.
MIN_RULES_FOR_TABLES = 6
# Colour components at or above this are white (fills painted as page background, not ruling).
WHITE = 0.97
# Rule-row tables: the fewest equal-width rules that make a table, and how alike their ends must be.
MIN_ROW_RULES = 3
RULE_END_TOLERANCE = 3.0
MIN_RULE_WIDTH = 150.0
# Aligned tables: how many lines at the end of a block may be dropped to find the table above them.
MAX_TRAILING = 12

log = logging.getLogger(__name__)

Obj = dict[str, Any]
Box = tuple[float, float, float, float]


@dataclass(slots=True)
class FoundTable(RawTable):
    """A `RawTable` with what the finder saw of each cell's look, for header detection downstream.

    `cell_styles[i][j]` matches `rows[i][j]`: None for a cell without text, else flags 'b' bold,
    'i' italic (most of its characters), 's' shaded (a coloured fill behind it); '' when plain.
    """

    cell_styles: list[list[str | None]] = field(default_factory=list)


def find_tables(page: Any, content: PageContent) -> list[RawTable]:
    """Tables on a page, as cell texts by row, top to bottom. `page` is anything with pdfplumber's
    `lines`, `rects` and `curves` (a `backends.base.Graphics`, or a pdfplumber Page).

    The ruled finders run only on pages with enough ruling; the unruled one works on the page's
    lines alone (no pdfplumber call) and looks only at blocks of lines split by wide gaps.
    """
    tables: list[RawTable] = []
    try:
        if content.rule_count >= MIN_RULES_FOR_TABLES:
            h_edges, v_edges = visible_edges(page)
            fills = _fills(page)
            words = [w for line in content.lines for w in line.words]
            if len(h_edges) >= 2 and len(v_edges) >= 2:
                grids = _grid_tables(page, content, words, h_edges, v_edges, fills)
                tables.extend(_framed_tables(content, words, v_edges, grids))
            tables.extend(_rule_row_tables(content, words, h_edges, v_edges, fills, tables))
        tables.extend(aligned_tables(content, tables))
    except Exception as exc:  # a table finder bug must not cost the page its text
        log.warning("page %d: table finding failed: %s: %s", content.pdf_page, type(exc).__name__, exc)
    tables.sort(key=lambda t: (round(t.bbox.top), t.bbox.x0))
    return tables


# --- ruling ----------------------------------------------------------------------------------


def is_white(colour: Any) -> bool:
    """True for a white colour in gray, RGB or CMYK; None and patterns are not white."""
    if isinstance(colour, (int, float)):
        return colour >= WHITE
    if isinstance(colour, (tuple, list)) and colour and all(isinstance(c, (int, float)) for c in colour):
        if len(colour) == 4:
            return all(c <= 1 - WHITE for c in colour)
        return all(c >= WHITE for c in colour)
    return False


def _visible(obj: Obj) -> bool:
    """Whether a line/rect/curve shows on paper: stroked in a dark colour or filled non-white."""
    stroked = obj.get("stroke", obj.get("object_type") == "line")
    if stroked and not is_white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not is_white(obj.get("non_stroking_color"))


def visible_edges(page: Any) -> tuple[list[Obj], list[Obj]]:
    """Horizontal and vertical edges of the visible ruling on the page, as pdfplumber edge dicts.

    Each edge also says whether it is a drawn `rule` (a line or thin box) rather than the side of
    a filled area such as a colour swatch.
    """
    from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

    edges: list[Obj] = []
    for line in page.lines:
        if _visible(line) and (line["top"] == line["bottom"] or line["x0"] == line["x1"]):
            edges.append({**line_to_edge(line), "rule": True})
    for rect in _drop_hidden_fills(page.rects):
        if _visible(rect):
            thin = min(rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]) < 3
            edges.extend({**e, "rule": thin} for e in rect_to_edges(rect))
    for curve in page.curves:
        if _visible(curve):
            edges.extend(e for e in curve_to_edges(curve) if e["orientation"] in ("h", "v"))
    h = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= 1]
    v = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= 1]
    return h, v


def _drop_hidden_fills(rects: list[Obj]) -> list[Obj]:
    """Drop unstroked fills lying inside a same-coloured fill: their edges cannot be seen.

    Word draws a shaded cell as the cell's fill plus a second fill behind its text lines; the
    second one's edges would otherwise split the cell into three rows or columns.
    """
    boxes = [r for r in rects if r.get("fill") and not r.get("stroke")
             and r["x1"] - r["x0"] > 3 and r["bottom"] - r["top"] > 3]
    if len(boxes) < 2:
        return rects
    boxes.sort(key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]), reverse=True)
    hidden: set[int] = set()
    for i, inner in enumerate(boxes):
        for outer in boxes[:i]:
            if (outer["x0"] - 0.5 <= inner["x0"] and inner["x1"] <= outer["x1"] + 0.5
                    and outer["top"] - 0.5 <= inner["top"] and inner["bottom"] <= outer["bottom"] + 0.5
                    and outer.get("non_stroking_color") == inner.get("non_stroking_color")):
                hidden.add(id(inner))
                break
    return [r for r in rects if id(r) not in hidden]


def _fills(page: Any) -> list[Box]:
    """Boxes of coloured (non-white) fills bigger than a rule: shading behind cells or rows."""
    out = []
    for rect in page.rects:
        if (rect.get("fill") and not is_white(rect.get("non_stroking_color"))
                and rect["x1"] - rect["x0"] > 4 and rect["bottom"] - rect["top"] > 4):
            out.append((rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
    return out


# --- ruled grids -----------------------------------------------------------------------------


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
        found.append(FoundTable(bbox=bbox, rows=rows, method="lines", cell_styles=styles))
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


def _drop_nested(tables: list[FoundTable]) -> list[FoundTable]:
    """Drop tables drawn inside a cell of a bigger kept table (pdfplumber reports both)."""
    kept = []
    for t in tables:
        inside = any(o is not t and _contains(o.bbox, t.bbox) and _area(o.bbox) > _area(t.bbox)
                     for o in tables)
        if not inside:
            kept.append(t)
    return kept


# --- framed tables (a few rules around blocks of text-aligned columns) ------------------------


def _framed_tables(content: PageContent, words: list[Word], v_edges: list[Obj],
                   found: list[FoundTable]) -> list[FoundTable]:
    """Replace grids that are only a frame around text-aligned columns with the real columns.

    Finance appendices rule only the blocks of a table (one box per year over its Core / External
    / Total columns) and align the figures with spaces; the ruled finder then returns a few cells
    each holding a whole column block ('152,079.0 48,960.3 201,039.3'). When long vertical rules
    frame a region whose lines are mostly rows of figures, that region is read again with columns
    from the white space between words, split at the rules.
    """
    frame = _frame(v_edges)
    if frame is None:
        return found
    x0, top, x1, bottom, rules = frame
    across = [w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1]
    lines = _by_line([w for w in across if top <= _cy(w) <= bottom])
    figure_lines = [ln for ln in lines
                    if sum(1 for a, b in _wide_segments(ln) if _mostly_figures([_span_text(ln, a, b)])) >= 3]
    if len(figure_lines) < 5:
        return found
    heading = _heading_above(across, top, rules)
    lines = heading + lines
    while lines and len(_segments(lines[0])) < 2:
        lines.pop(0)  # a banner or title over the table ('INDICATIVE FOR PLANNING PURPOSES')
    heading = [ln for ln in heading if ln in lines]
    top = min(w.top for w in lines[0]) - 1 if heading else top
    multi = [w for ln in lines if len(_wide_segments(ln)) >= 2 for w in ln]
    columns = _split_at_rules(_columns(multi, 0.45, floor=2.5), rules)
    region = _bbox(x0, top, x1, bottom)
    covered = [t for t in found if _overlap_ratio(region, t.bbox) > 0.5]
    if len(columns) < 3 or any(max(len(r) for r in t.rows) * 1.5 > len(columns) for t in covered):
        return found
    rows: list[list[str | None]] = []
    for ln in lines:
        cells: list[list[Word]] = [[] for _ in columns]
        for w in ln:
            cells[_column_of(w, columns)].append(w)
        rows.append([_text(c) for c in cells])
    _span_over_blocks(rows[0], columns, rules)
    if not looks_like_table(rows, content.width, content.height, region):
        return found
    table = FoundTable(bbox=region, rows=rows, method="frame", cell_styles=[])
    return [t for t in found if t not in covered] + [table]


def _frame(v_edges: list[Obj]) -> tuple[float, float, float, float, list[float]] | None:
    """The largest set of >= 4 long vertical rules ending together: a frame's box and the x of
    every rule inside it that runs through most of it."""
    long_v = [e for e in v_edges if e.get("rule") and e["bottom"] - e["top"] >= 150]
    best: list[Obj] = []
    for e in long_v:
        group = [o for o in long_v if abs(o["bottom"] - e["bottom"]) <= 3]
        if len(group) > len(best):
            best = group
    xs = _dedupe(sorted(e["x0"] for e in best))
    if len(xs) < 4:
        return None
    top = median(e["top"] for e in best)
    bottom = max(e["bottom"] for e in best)
    inner = _dedupe(sorted(
        e["x0"] for e in long_v
        if xs[0] + 2 < e["x0"] < xs[-1] - 2 and min(e["bottom"], bottom) - max(e["top"], top) > 0.5 * (bottom - top)
    ))
    return xs[0], top, xs[-1], bottom, inner


def _heading_above(words: list[Word], top: float, rules: list[float]) -> list[list[Word]]:
    """Heading lines just above a frame: close together, no phrase crossing a rule (a banner
    over two ruled blocks ends them)."""
    above = _by_line([w for w in words if _cy(w) < top])
    taken: list[list[Word]] = []
    edge = top
    for line in reversed(above):
        height = max(w.bottom - w.top for w in line)
        if edge - max(w.bottom for w in line) > 1.5 * height:
            break
        if any(a < x < b for a, b in _wide_segments(line) for x in rules):
            break
        taken.insert(0, line)
        edge = min(w.top for w in line)
    return taken


def _split_at_rules(columns: list[tuple[float, float]], rules: list[float]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in columns:
        for x in rules:
            if a < x < b:
                out.append((a, x))
                a = x
        out.append((a, b))
    return out


def _span_over_blocks(row: list[str | None], columns: list[tuple[float, float]], rules: list[float]) -> None:
    """In a heading row, one phrase over a ruled block of columns spans that block ('2025-26'
    over Core / External / Total): it moves to the block's first column, the others become None."""
    edges = [-float("inf"), *rules, float("inf")]
    for lo, hi in pairwise(edges):
        block = [j for j, (a, b) in enumerate(columns) if lo <= (a + b) / 2 < hi]
        texts = [j for j in block if row[j]]
        if len(block) > 1 and len(texts) == 1:
            text = row[texts[0]]
            row[block[0]] = text
            for j in block[1:]:
                row[j] = None


def _span_text(words: list[Word], a: float, b: float) -> str:
    return " ".join(w.text for w in words if a <= w.x0 and w.x1 <= b)


# --- rule-row tables (horizontal rules only) -------------------------------------------------


def _rule_row_tables(content: PageContent, words: list[Word], h_edges: list[Obj], v_edges: list[Obj],
                     fills: list[Box], found: Sequence[RawTable]) -> list[FoundTable]:
    """Tables whose rows are separated by equal-width horizontal rules and no vertical ones."""
    out: list[FoundTable] = []
    for x0, x1, rules in _rule_stacks(h_edges, content.width):
        inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1]
        for run in _split_at_gaps(rules, inside):
            if len(run) < MIN_ROW_RULES:
                continue
            region = _bbox(x0, run[0], x1, run[-1])
            if any(_overlap_ratio(region, t.bbox) > 0.3 for t in [*found, *out]):
                continue
            if _crossing_verticals(v_edges, x0, x1, run[0], run[-1]) >= 2:
                continue  # a grid: the ruled finder has handled (or rejected) it
            table = _rows_from_rules(inside, fills, x0, x1, run)
            if table is not None and looks_like_table(table.rows, content.width, content.height,
                                                      table.bbox):
                out.append(table)
    return out


def _rule_stacks(h_edges: list[Obj], page_width: float) -> Iterable[tuple[float, float, list[float]]]:
    """Groups of >= 3 horizontal rules sharing both ends (page borders excluded)."""
    long_rules = sorted(
        (e for e in h_edges if MIN_RULE_WIDTH <= e["x1"] - e["x0"] < page_width * 0.95),
        key=lambda e: (round(e["x0"]), round(e["x1"]), e["top"]),
    )
    groups: list[list[Obj]] = []
    for e in long_rules:
        for g in groups:
            if (abs(g[0]["x0"] - e["x0"]) <= RULE_END_TOLERANCE
                    and abs(g[0]["x1"] - e["x1"]) <= RULE_END_TOLERANCE):
                g.append(e)
                break
        else:
            groups.append([e])
    for g in groups:
        tops = _dedupe(sorted(e["top"] for e in g))
        if len(tops) >= MIN_ROW_RULES:
            yield min(e["x0"] for e in g), max(e["x1"] for e in g), tops


def _dedupe(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in values:
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _split_at_gaps(rules: list[float], words: list[Word]) -> list[list[float]]:
    """Split a stack of rules where a band holds a wide strip of empty paper (separate tables).

    Row heights vary with wrapped text, so the test is the white space inside a band, not its
    height: a table row is filled by its text, the gap between two tables is not.
    """
    bands = list(pairwise(rules))
    usual = median(b - a for a, b in bands)
    runs, run = [], [rules[0]]
    for a, b in bands:
        if _largest_empty(words, a, b) > max(40.0, 2 * usual):
            runs.append(run)
            run = []
        run.append(b)
    runs.append(run)
    return runs


def _largest_empty(words: list[Word], top: float, bottom: float) -> float:
    spans = sorted((w.top, w.bottom) for w in words if top <= _cy(w) <= bottom)
    largest, edge = 0.0, top
    for a, b in spans:
        largest = max(largest, a - edge)
        edge = max(edge, b)
    return max(largest, bottom - edge)


def _crossing_verticals(v_edges: list[Obj], x0: float, x1: float, top: float, bottom: float) -> int:
    """Vertical rules (not sides of filled areas) inside the region that run through most of it."""
    height = bottom - top
    xs = {
        round(e["x0"])
        for e in v_edges
        if e.get("rule") and x0 + 2 < e["x0"] < x1 - 2
        and min(e["bottom"], bottom) - max(e["top"], top) > 0.5 * height
    }
    return len(xs)


def _rows_from_rules(words: list[Word], fills: list[Box], x0: float, x1: float,
                     rules: list[float]) -> FoundTable | None:
    """Cells of a rule-row table: rows are the bands between rules, columns the white-space gaps."""
    bands = list(pairwise(rules))
    usual = median(b - a for a, b in bands)
    by_band = [_band_words(words, a, b) for a, b in bands]
    if sum(1 for ws in by_band if ws) < 2:
        return None
    columns = _columns([w for ws in by_band for w in ws])
    if len(columns) < 2:
        return None
    # One unruled row may sit just above the first rule (the header) or below the last one.
    reach = min(usual, 30.0)
    above = _band_words(words, rules[0] - reach, rules[0])
    if above and _fits_columns(above, columns):
        bands.insert(0, (min(w.top for w in above) - 1, rules[0]))
        by_band.insert(0, above)
    below = _rows_below(words, rules[-1], columns, by_band, reach)
    if below:
        bands.append((rules[-1], max(w.bottom for w in below) + 1))
        by_band.append(below)
    rows: list[list[str | None]] = []
    styles: list[list[str | None]] = []
    for (top, bottom), ws in zip(bands, by_band, strict=True):
        cells: list[list[Word]] = [[] for _ in columns]
        for w in ws:
            cells[_column_of(w, columns)].append(w)
        rows.append([_text(c) for c in cells])
        styles.append([
            _cell_style(c, fills, (a, top, b, bottom)) if c else None
            for c, (a, b) in zip(cells, columns, strict=True)
        ])
    return FoundTable(bbox=_bbox(x0, bands[0][0], x1, bands[-1][1]), rows=rows, method="rules",
                      cell_styles=styles)


def _rows_below(words: list[Word], rule: float, columns: list[tuple[float, float]],
                by_band: list[list[Word]], reach: float) -> list[Word]:
    """Text of a last row left open below the last rule (a row continuing on the next page).

    Lines are taken from just below the rule while they stay close together, keep each phrase
    inside one column, and (when a line is a single phrase) start where that column's text
    starts, so that a page footer or the next paragraph ends the row. The lines taken must fill
    two or more columns.
    """
    lefts = [min((w.x0 for ws in by_band for w in ws if _column_of(w, columns) == i), default=a)
             for i, (a, _b) in enumerate(columns)]
    taken: list[Word] = []
    hits: set[int] = set()
    last_bottom = rule
    for line in _by_line([w for w in words if _cy(w) > rule]):
        top = min(w.top for w in line)
        height = max(w.bottom - w.top for w in line)
        if top - last_bottom > (reach if not taken else 1.5 * height):
            break
        segs = _segments(line)
        over = [[i for i, (c0, c1) in enumerate(columns) if a < c1 and b > c0] for a, b in segs]
        if any(len(o) != 1 for o in over):
            break
        if len(segs) == 1 and not any(abs(segs[0][0] - x) <= 4 for x in lefts):
            break
        hits.update(o[0] for o in over)
        taken.extend(line)
        last_bottom = max(w.bottom for w in line)
    return taken if len(hits) >= 2 else []


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


# --- unruled, column-aligned tables -----------------------------------------------------------

# Words further apart than this many ems are in different columns of an unruled table.
ALIGNED_GAP_EM = 0.9
_FIGURE = re.compile(r"\d")


def aligned_tables(content: PageContent, found: Sequence[RawTable] = ()) -> list[FoundTable]:
    """Unruled tables: three or more lines split into the same columns by wide gaps.

    Works on the page's lines only, so it costs little. To keep prose, agendas and two-column
    lists out, a block must have a column of figures (amounts, dates) beside the first column and
    short cells; a wrapped cell's extra line (one phrase starting where a column starts) joins the
    row above.
    """
    out: list[FoundTable] = []
    block: list[tuple[Line, list[tuple[float, float]]]] = []

    def flush() -> None:
        out.extend(_aligned_block(block))
        block.clear()

    for line in sorted(content.lines, key=lambda ln: ln.top):
        if any(_box_overlaps(t.bbox, line) for t in found):
            flush()
            continue
        segs = _wide_segments(line.words)
        size = line.size or 10.0
        gap = line.top - block[-1][0].bottom if block else float("inf")
        if len(segs) >= 2:
            if gap > 2.5 * size:
                flush()
            block.append((line, segs))
        elif gap <= 0.8 * size and len(segs) == 1 and _starts_column(segs[0][0], block):
            block.append((line, segs))
        else:
            flush()
    flush()
    return out


def _aligned_block(block: list[tuple[Line, list[tuple[float, float]]]]) -> list[FoundTable]:
    """The tables in a block of lines: leading lines that do not line up (a heading, a numbered
    paragraph) are dropped, and so are trailing ones (the block ran on into the prose after the table,
    up to MAX_TRAILING lines); what follows a table is searched again."""
    block = list(block)
    while block and len(block[-1][1]) < 2:
        block.pop()  # a trailing one-phrase line is the next paragraph, not a wrapped cell
    for start in range(len(block)):
        if len(block[start][1]) < 2:
            continue
        rest = block[start:]
        multi = [k for k, (_, segs) in enumerate(rest) if len(segs) >= 2]
        if len(multi) < 3:
            return []
        table = _aligned_rows(rest)
        if table is not None:
            return [table]
        if multi[2] + 1 == len(rest) or _aligned_rows(rest[:multi[2] + 1]) is None:
            continue  # not even its first three rows make a table: no trimming at the end helps
        for end in range(len(rest) - 1, max(multi[2], len(rest) - MAX_TRAILING), -1):
            if len(rest[end - 1][1]) < 2:
                continue
            table = _aligned_rows(rest[:end])
            if table is not None:
                return [table, *_aligned_block(rest[end:])]
    return []


def _aligned_rows(block: list[tuple[Line, list[tuple[float, float]]]]) -> FoundTable | None:
    words = [w for line, segs in block if len(segs) >= 2 for w in line.words]
    columns = _columns(words, 0.45)
    if not 2 <= len(columns) <= 8:
        return None
    rows: list[list[list[Word]]] = []
    for line, segs in block:
        if len(segs) == 1 and sum(1 for c0, c1 in columns if segs[0][0] < c1 and segs[0][1] > c0) > 1:
            return None  # a wrapped line running across columns: prose, not a cell
        if len(segs) >= 2 or not rows:
            rows.append([[] for _ in columns])
        for w in line.words:
            rows[-1][_column_of(w, columns)].append(w)
    texts: list[list[str | None]] = [[_text(c) for c in r] for r in rows]
    for j in range(len(columns)):
        cells = [r[j] for r in texts if r[j]]
        if len(cells) < 0.5 * len(texts) or sum(len(c) for c in cells) > 40 * len(cells):
            return None
    labels = [r[0] for r in texts if r[0]]
    if sum(1 for c in labels if c.endswith(":")) > 0.5 * len(labels):
        return None  # 'FILE: 21-1827' label and value lines
    figure_cols = [j for j in range(1, len(columns)) if _mostly_figures([r[j] for r in texts[1:]])]
    if not figure_cols or all(_page_numbers([r[j] for r in texts[1:]]) for j in figure_cols):
        return None
    lines = [line for line, _ in block]
    styles = [[("b" if all(w.bold for w in c) else "") + ("i" if all(w.italic for w in c) else "")
               if c else None for c in r] for r in rows]
    return FoundTable(
        bbox=_bbox(min(ln.x0 for ln in lines), lines[0].top, max(ln.x1 for ln in lines), lines[-1].bottom),
        rows=texts, method="aligned", cell_styles=styles,
    )


def _wide_segments(words: list[Word]) -> list[tuple[float, float]]:
    """Runs of words on one line split where the gap is wider than `ALIGNED_GAP_EM` ems."""
    segs: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if segs and w.x0 - segs[-1][1] < ALIGNED_GAP_EM * (w.size or 10.0):
            segs[-1][1] = max(segs[-1][1], w.x1)
        else:
            segs.append([w.x0, w.x1])
    return [(a, b) for a, b in segs]


def _starts_column(x: float, block: list[tuple[Line, list[tuple[float, float]]]]) -> bool:
    """A one-phrase line continues a cell when it starts where a phrase of the rows above starts."""
    return any(abs(a - x) <= 3 for _, segs in block if len(segs) >= 2 for a, _b in segs)


def _mostly_figures(cells: list[str | None]) -> bool:
    """Most non-empty cells are amounts, counts or dates (digits at least as many as letters)."""
    filled = [c for c in cells if c]
    figures = [c for c in filled
               if _FIGURE.search(c) and sum(ch.isdigit() for ch in c) >= sum(ch.isalpha() for ch in c)]
    return bool(filled) and len(figures) >= 0.6 * len(filled)


def _page_numbers(cells: list[str | None]) -> bool:
    """A contents list's column: small whole numbers that never decrease."""
    filled = [c for c in cells if c]
    if not all(re.fullmatch(r"\d{1,3}", c) for c in filled):
        return False
    numbers = [int(c) for c in filled]
    return numbers == sorted(numbers)


def _box_overlaps(b: BBox, line: Line) -> bool:
    return line.x0 < b.x1 and line.x1 > b.x0 and line.top < b.bottom and line.bottom > b.top


# --- what a table looks like -----------------------------------------------------------------

# A form field label: 'Directorate:', 'Amendment Name: ...'.
_LABEL = re.compile(r"^[A-Z][^:.;]{0,35}:(?:\s|$)")


def looks_like_table(rows: list[list[str | None]], page_width: float, page_height: float,
                     bbox: BBox) -> bool:
    """Reject what pdfplumber calls a table but a reader would not.

    Needs two rows with text in two or more cells; rejects chart plots (most cells empty), forms
    (many 'Label:' cells) and a box drawn around a page of prose (few cells, long texts, most of
    the page).
    """
    if not rows:
        return False
    n_cols = max(len(r) for r in rows)
    text_rows = [r for r in rows if any(c and c.strip() for c in r)]
    text_cols = [j for j in range(n_cols) if any(j < len(r) and r[j] and r[j].strip() for r in rows)]
    if len(text_rows) < 2 or len(text_cols) < 2:
        return False
    if sum(1 for r in text_rows if sum(1 for c in r if c and c.strip()) >= 2) < 2:
        return False  # a diagram or boxed text: at most one row has text side by side
    cells = [c for r in rows for c in r if c is not None]
    filled = [c.strip() for c in cells if c and c.strip()]
    if len(filled) < 0.25 * len(cells):
        return False
    if sum(1 for c in filled if _LABEL.match(c)) >= max(3, 0.25 * len(filled)):
        return False
    area = (bbox.x1 - bbox.x0) * (bbox.bottom - bbox.top)
    long_text = sum(len(c) for c in filled) / len(filled)
    return not (area > 0.6 * page_width * page_height and len(filled) <= 6 and long_text > 300)


# --- helpers ---------------------------------------------------------------------------------


def _cell_style(words: list[Word], fills: list[Box], box: Sequence[float]) -> str:
    """Flags for one cell: 'b' bold, 'i' italic (by characters), 's' shaded behind."""
    x0, top, x1, bottom = box
    ws = [w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= _cy(w) <= bottom]
    total = sum(len(w.text) for w in ws)
    flags = ""
    if total:
        if sum(len(w.text) for w in ws if w.bold) > 0.6 * total:
            flags += "b"
        if sum(len(w.text) for w in ws if w.italic) > 0.6 * total:
            flags += "i"
    area = (x1 - x0) * (bottom - top)
    if area > 0:
        covered = 0.0
        for fx0, ftop, fx1, fbottom in fills:
            ox = min(fx1, x1) - max(fx0, x0)
            oy = min(fbottom, bottom) - max(ftop, top)
            if ox > 0 and oy > 0:
                covered += ox * oy
        if covered > 0.5 * area:
            flags += "s"
    return flags


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
