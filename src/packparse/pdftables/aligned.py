"""Aligned tables: unruled rows split into the same columns by wide gaps, with a column of figures (payments
in parish minutes); only the page's lines are read."""

from __future__ import annotations

import re
from collections.abc import Sequence

from packparse.models import BBox
from packparse.pagemodel import Line, PageContent, RawTable, Word
from packparse.pdftables.geometry import FoundTable, _bbox, _column_of, _columns, _text
from packparse.pdftables.settings import DEFAULT, TableSettings

_FIGURE = re.compile(r"\d")


def aligned_tables(content: PageContent, found: Sequence[RawTable] = (),
                   settings: TableSettings = DEFAULT) -> list[FoundTable]:
    """Unruled tables: three or more lines split into the same columns by wide gaps.

    Works on the page's lines only, so it costs little. To keep prose, agendas and two-column
    lists out, a block must have a column of figures (amounts, dates) beside the first column and
    short cells; a wrapped cell's extra line (one phrase starting where a column starts) joins the
    row above.
    """
    out: list[FoundTable] = []
    block: list[tuple[Line, list[tuple[float, float]]]] = []

    def flush() -> None:
        out.extend(_aligned_block(block, settings))
        block.clear()

    for line in sorted(content.lines, key=lambda ln: ln.top):
        if any(_box_overlaps(t.bbox, line) for t in found):
            flush()
            continue
        segs = _wide_segments(line.words, settings.aligned_gap_em)
        size = line.size or 10.0
        gap = line.top - block[-1][0].bottom if block else float("inf")
        if len(segs) >= 2:
            if gap > settings.block_gap_em * size:
                flush()
            block.append((line, segs))
        elif gap <= settings.wrap_gap_em * size and len(segs) == 1 and _starts_column(segs[0][0], block):
            block.append((line, segs))
        else:
            flush()
    flush()
    return out


_Block = list[tuple[Line, list[tuple[float, float]]]]  # lines with their wide-gap segments


def _aligned_block(block: _Block, settings: TableSettings = DEFAULT) -> list[FoundTable]:
    """The tables in a block of lines: leading lines that do not line up (a heading, a numbered
    paragraph) are dropped, and so are trailing ones (the block ran on into the prose after the table,
    up to `settings.max_trailing` lines); what follows a table is searched again."""
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
        table = _aligned_rows(rest, settings)
        if table is not None:
            return [table]
        least = settings.min_trimmed_rows - 1  # a table cut from a longer block needs this many rows
        if (len(multi) <= least or multi[least] + 1 == len(rest)
                or _aligned_rows(rest[:multi[least] + 1], settings) is None):
            continue  # not even its first rows make a table: no trimming at the end helps
        for end in range(len(rest) - 1, max(multi[least], len(rest) - settings.max_trailing), -1):
            if len(rest[end - 1][1]) < 2:
                continue
            table = _aligned_rows(rest[:end], settings)
            if table is not None:
                return [table, *_aligned_block(rest[end:], settings)]
    return []


def _aligned_rows(block: _Block, settings: TableSettings = DEFAULT) -> FoundTable | None:
    """The block as one table, or None when it does not read as one: columns from the gaps across its lines,
    each line a row (a one-phrase line the next line of the cell above), then `_reads_as_table`."""
    words = [w for line, segs in block if len(segs) >= 2 for w in line.words]
    columns = _columns(words, settings.column_gap_em)
    if not 2 <= len(columns) <= settings.max_columns:
        return None
    rows = _cell_words(block, columns)
    if rows is None:
        return None
    texts: list[list[str | None]] = [[_text(c) for c in r] for r in rows]
    if not _reads_as_table(texts, len(columns), settings):
        return None
    lines = [line for line, _ in block]
    styles = [[("b" if all(w.bold for w in c) else "") + ("i" if all(w.italic for w in c) else "")
               if c else None for c in r] for r in rows]
    return FoundTable(
        bbox=_bbox(min(ln.x0 for ln in lines), lines[0].top, max(ln.x1 for ln in lines), lines[-1].bottom),
        rows=texts, method="aligned", cell_styles=styles,
    )


def _cell_words(block: _Block, columns: list[tuple[float, float]]) -> list[list[list[Word]]] | None:
    """The words of each row by column; None when a one-phrase line runs across columns (prose)."""
    rows: list[list[list[Word]]] = []
    for line, segs in block:
        if len(segs) == 1 and sum(1 for c0, c1 in columns if segs[0][0] < c1 and segs[0][1] > c0) > 1:
            return None  # a wrapped line running across columns: prose, not a cell
        if len(segs) >= 2 or not rows:
            rows.append([[] for _ in columns])
        for w in line.words:
            rows[-1][_column_of(w, columns)].append(w)
    return rows


def _reads_as_table(texts: list[list[str | None]], n_columns: int, settings: TableSettings) -> bool:
    """Every column filled in half the rows with short cells, not label-and-value lines, and a column of
    figures beside the first that is not a contents list's page numbers."""
    for j in range(n_columns):
        cells = [r[j] for r in texts if r[j]]
        if len(cells) < 0.5 * len(texts) or sum(len(c) for c in cells) > settings.max_cell_chars * len(cells):
            return False
    labels = [r[0] for r in texts if r[0]]
    if sum(1 for c in labels if c.endswith(":")) > 0.5 * len(labels):
        return False  # 'FILE: 21-1827' label and value lines
    figure_cols = [j for j in range(1, n_columns) if _mostly_figures([r[j] for r in texts[1:]])]
    return bool(figure_cols) and not all(_page_numbers([r[j] for r in texts[1:]]) for j in figure_cols)


def _wide_segments(words: list[Word], gap_em: float = DEFAULT.aligned_gap_em) -> list[tuple[float, float]]:
    """Runs of words on one line split where the gap is wider than `gap_em` ems."""
    segs: list[list[float]] = []
    for w in sorted(words, key=lambda w: w.x0):
        if segs and w.x0 - segs[-1][1] < gap_em * (w.size or 10.0):
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
