"""Rule-row tables: stacks of equal-width horizontal rules with no vertical ones (finance reports, contact
lists), columns from the vertical white space between the words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise
from statistics import median

from packparse.pagemodel import PageContent, RawTable, Word
from packparse.pdftables.geometry import (
    Box,
    FoundTable,
    Obj,
    _band_words,
    _bbox,
    _by_line,
    _column_of,
    _columns,
    _cy,
    _dedupe,
    _fits_columns,
    _overlap_ratio,
    _segments,
    _text,
)
from packparse.pdftables.settings import DEFAULT, TableSettings
from packparse.pdftables.shape import _cell_style, looks_like_table


def _rule_row_tables(content: PageContent, words: list[Word], h_edges: list[Obj], v_edges: list[Obj],
                     fills: list[Box], found: Sequence[RawTable],
                     settings: TableSettings = DEFAULT) -> list[FoundTable]:
    """Tables whose rows are separated by equal-width horizontal rules and no vertical ones."""
    out: list[FoundTable] = []
    for x0, x1, rules in _rule_stacks(h_edges, content.width, settings):
        inside = [w for w in words if x0 - 1 <= (w.x0 + w.x1) / 2 <= x1 + 1]
        for run in _split_at_gaps(rules, inside):
            if len(run) < settings.min_row_rules:
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


def _rule_stacks(h_edges: list[Obj], page_width: float,
                 settings: TableSettings = DEFAULT) -> Iterable[tuple[float, float, list[float]]]:
    """Groups of >= 3 horizontal rules sharing both ends (page borders excluded)."""
    long_rules = sorted(
        (e for e in h_edges if settings.min_rule_width <= e["x1"] - e["x0"] < page_width * 0.95),
        key=lambda e: (round(e["x0"]), round(e["x1"]), e["top"]),
    )
    groups: list[list[Obj]] = []
    for e in long_rules:
        for g in groups:
            if (abs(g[0]["x0"] - e["x0"]) <= settings.rule_end_tolerance
                    and abs(g[0]["x1"] - e["x1"]) <= settings.rule_end_tolerance):
                g.append(e)
                break
        else:
            groups.append([e])
    for g in groups:
        tops = _dedupe(sorted(e["top"] for e in g))
        if len(tops) >= settings.min_row_rules:
            yield min(e["x0"] for e in g), max(e["x1"] for e in g), tops


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
                      cell_styles=styles, col_x=columns)


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
