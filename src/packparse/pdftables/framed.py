"""Framed tables: a few long rules around blocks of space-aligned figure columns (finance appendices), read
again with columns from the white space between words."""

from __future__ import annotations

from itertools import pairwise
from statistics import median

from packparse.pagemodel import PageContent, Word
from packparse.pdftables.aligned import _mostly_figures, wide_segments
from packparse.pdftables.geometry import (
    FoundTable,
    Obj,
    _bbox,
    _by_line,
    _column_of,
    _columns,
    _cy,
    _dedupe,
    _overlap_ratio,
    _segments,
    _text,
)
from packparse.pdftables.shape import looks_like_table


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
                    if sum(1 for a, b in wide_segments(ln) if _mostly_figures([_span_text(ln, a, b)])) >= 3]
    if len(figure_lines) < 5:
        return found
    heading = _heading_above(across, top, rules)
    lines = heading + lines
    while lines and len(_segments(lines[0])) < 2:
        lines.pop(0)  # a banner or title over the table ('INDICATIVE FOR PLANNING PURPOSES')
    heading = [ln for ln in heading if ln in lines]
    top = min(w.top for w in lines[0]) - 1 if heading else top
    multi = [w for ln in lines if len(wide_segments(ln)) >= 2 for w in ln]
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
    table = FoundTable(bbox=region, rows=rows, method="frame", cell_styles=[], col_x=columns)
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
        if any(a < x < b for a, b in wide_segments(line) for x in rules):
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
