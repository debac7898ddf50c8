"""Tables continued over pages: the parts of one table on consecutive pages joined into one `Table`.

Three ways a table goes on to the next page, all read from the page's geometry, never from the file:

* a part: the next page's first table has the same columns (it repeats the header, or has none), also
  when the part leaves out a column the first part has (an empty ruled column the cleaning drops): its
  columns are put under the first part's by their position across the page;
* a fragment after: the last table of a page ends at the foot of its page, and the next page starts with
  a row or two in the same columns that no finder took for a table alone (one payment left over);
* a fragment before: the first table of a page has no header and nothing above it, and the page before
  ends with lines in its columns (a cost summary's first row at the foot of the page before).

A fragment must fit the columns (each phrase in one column, at least one line with two or more) and
agree with the table on what a column holds (figures where the table has figures), so that a closing
paragraph or a signature line is never taken for a row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from packparse.models import BBox, PageRange, Table
from packparse.pagemodel import Line
from packparse.parsers.cellvalues import parse_cell
from packparse.parsers.tables import ColumnX, clean_cell, is_numeric
from packparse.pdftables.aligned import is_figure, wide_segments

# A wrapped line of a cell sits this many line heights or less below the line above it; a row below the
# row above it at most `ROW_GAP` line heights.
WRAP_GAP = 0.8
ROW_GAP = 1.6


def join_continued(tables: Sequence[Table], heads: Mapping[int, Collection[str]] | None = None, *,
                   columns: Mapping[int, ColumnX] | None = None,
                   lines: Mapping[int, Sequence[Line]] | None = None) -> list[Table]:
    """Join a table continued over pages into one `Table` with `pdf_pages` (tables in page order).

    A part continues the table before it when it is the first table on the page after the one the table
    ends on, the table is the last on its page, the columns are the same (or, with `columns`, fall under
    the table's by position) and the part repeats the header or has none. With `heads` (page -> the text
    lines printed above that page's first table) the part must also have no text above it other than a
    repeat of what stood above the table's first part: a new heading ('Do our partner agencies ...?', a
    new slide title) starts a new table even when the columns repeat. With `columns` (id of a table ->
    its columns' extents across the page) and `lines` (page -> its content lines), rows left over at the
    top of the next page or at the foot of the page before are taken too. The joined table keeps the
    first part's header and all parts' body rows. (Setting `pdf_pages` on each part instead would make
    every part count on every page.)
    """
    columns = dict(columns or {})
    tables = list(tables)
    if lines:
        tables = _take_fragments(tables, columns, lines)
    out: list[Table] = []
    for i, t in enumerate(tables):
        cur = out[-1] if out else None
        mapping = None
        if cur is not None and _may_continue(tables, i - 1, i, heads, cur):
            mapping = _column_map(cur, t, columns)
        if cur is not None and mapping is not None:
            rows = [_placed(r, mapping, cur.n_cols) for r in t.rows]
            values = [_placed(v, mapping, cur.n_cols, None) for v in t.values]
            out[-1] = cur.model_copy(update={"rows": [*cur.rows, *rows], "values": [*cur.values, *values],
                                             "pdf_pages": PageRange(first=_first(cur), last=_last(t))})
            columns[id(out[-1])] = columns.get(id(cur), [])
        else:
            out.append(t)
    return out


def _first(t: Table) -> int:
    return t.pdf_pages.first if t.pdf_pages else t.pdf_page


def _last(t: Table) -> int:
    return t.pdf_pages.last if t.pdf_pages else t.pdf_page


def _may_continue(tables: list[Table], j: int, i: int, heads: Mapping[int, Collection[str]] | None,
                  cur: Table) -> bool:
    """Whether tables[i] may continue the table tables[j] ends: the last table on its page, followed by the
    first on the next page, which has no header or the same one, and no new heading above it."""
    prev, t = tables[j], tables[i]
    if _first(t) != _last(prev) + 1 or (t.header and t.header != cur.header):
        return False
    if any(_last(o) == _last(prev) for o in tables[j + 1:i]) or any(_first(o) == _first(t) for o in tables[:i]):
        return False
    return heads is None or set(heads.get(_first(t), ())) <= set(heads.get(_first(cur), ()))


def _column_map(cur: Table, t: Table, columns: Mapping[int, ColumnX]) -> list[int] | None:
    """Where each of `t`'s columns goes among `cur`'s: the same when the counts agree, else by position
    across the page (each of t's columns over one of cur's, in order)."""
    if t.n_cols == cur.n_cols:
        return list(range(t.n_cols))
    a, b = columns.get(id(cur)) or [], columns.get(id(t)) or []
    if len(a) != cur.n_cols or len(b) != t.n_cols or t.n_cols > cur.n_cols:
        return None
    mapping: list[int] = []
    for x0, x1 in b:
        overlaps = [min(x1, c1) - max(x0, c0) for c0, c1 in a]
        best = max(range(len(a)), key=lambda k: overlaps[k])
        if overlaps[best] < 0.5 * min(x1 - x0, a[best][1] - a[best][0]) or (mapping and best <= mapping[-1]):
            return None
        mapping.append(best)
    return mapping


def _placed(row: list, mapping: list[int], width: int, empty: object = "") -> list:
    out = [empty] * width
    for k, j in enumerate(mapping):
        if k < len(row):
            out[j] = row[k]
    return out


# -- fragments ----------------------------------------------------------------------------------------


def _take_fragments(tables: list[Table], columns: dict[int, ColumnX],
                    lines: Mapping[int, Sequence[Line]]) -> list[Table]:
    """The tables with rows left over on the page after (or before) them added."""
    out = list(tables)
    for i in range(len(out)):
        t = out[i]
        cols = columns.get(id(t))
        if not cols or t.bbox is None:
            continue
        page = t.pdf_page
        same = [o for o in out if o.pdf_page == page]
        under = sorted((ln for ln in lines.get(page, ()) if ln.top > t.bbox.bottom - 1), key=lambda ln: ln.top)
        if same[-1] is t and (not under or _wraps_last_row(under, cols, t)):
            if under:  # the last row's cells go on below the table (the finder stopped at a one-phrase line)
                t = out[i] = _with_wrapped(t, under, cols)
                columns[id(t)] = cols
            nxt = [o for o in out if o.pdf_page == page + 1]
            below = sorted(lines.get(page + 1, ()), key=lambda ln: ln.top)
            size = _body_size(t, lines.get(page, ()))
            below = _same_size_run(below, size)
            rows = _fragment(below, cols, t, stop=nxt[0].bbox if nxt and nxt[0].bbox else None)
            if rows:
                out[i] = _with_rows(t, rows, after=True)
                columns[id(out[i])] = cols
                continue
        if same[0] is t and not t.header and page - 1 in lines:
            above_t = [ln for ln in lines.get(page, ()) if ln.bottom < t.bbox.top + 1]
            before = [o for o in out if o.pdf_page == page - 1]
            printed_before = {ln.text for ln in lines[page - 1]}
            if all(ln.text in printed_before for ln in above_t):
                floor = before[-1].bbox.bottom if before and before[-1].bbox else float("-inf")
                tail = sorted((ln for ln in lines[page - 1] if ln.top > floor and ln.text not in
                               {a.text for a in above_t}), key=lambda ln: ln.top)
                size = _body_size(t, lines.get(page, ()))
                tail = _same_size_run(tail[::-1], size)[::-1]
                rows = _fragment_above(tail, cols, t)
                if rows:
                    box = _box(rows[1])
                    out[i] = _with_rows(t, rows, after=False, page=page - 1, box=box)
                    columns[id(out[i])] = cols
    return out


def _same_size_run(items: list[Line], size: float | None) -> list[Line]:
    """The leading lines in the table's type size (a heading in another size ends the run)."""
    out = []
    for item in items:
        if not _same_size(item, size):
            break
        out.append(item)
    return out


def _body_size(t: Table, page_lines: Sequence[Line]) -> float | None:
    """The font size of the table's text (the median of its lines' sizes)."""
    assert t.bbox is not None
    sizes = sorted(ln.size for ln in page_lines
                   if ln.top >= t.bbox.top - 1 and ln.bottom <= t.bbox.bottom + 1 and ln.size)
    return sizes[len(sizes) // 2] if sizes else None


def _same_size(ln: Line, size: float | None) -> bool:
    """A line in the table's type: a heading in a larger size is no row of it."""
    return bool(size) and abs((ln.size or 0.0) - size) <= 0.15 * size  # type: ignore[operator]


def _wraps_last_row(under: list[Line], cols: ColumnX, t: Table) -> bool:
    """The lines below the table are one-phrase lines going on with its last row's cells, right below it."""
    assert t.bbox is not None
    edge = t.bbox.bottom
    for ln in under:
        fit = _fits(ln, cols)
        if fit is None or len(fit) != 1 or ln.top - edge > WRAP_GAP * _height(ln):
            return False
        edge = ln.bottom
    return True


def _with_wrapped(t: Table, under: list[Line], cols: ColumnX) -> Table:
    last = list(t.rows[-1])
    for ln in under:
        for k, text in _parts(ln, cols) or []:
            last[k] = clean_cell(f"{last[k]}\n{text}") or ""
    values = [*t.values[:-1], [parse_cell(c) for c in last]]
    return t.model_copy(update={"rows": [*t.rows[:-1], last], "values": values})


def _with_rows(t: Table, fragment: tuple[list[list[str]], list[Line]], *, after: bool, page: int | None = None,
               box: BBox | None = None) -> Table:
    rows, _ = fragment
    values = [[parse_cell(c) for c in r] for r in rows]
    if after:
        return t.model_copy(update={"rows": [*t.rows, *rows], "values": [*t.values, *values],
                                    "pdf_pages": PageRange(first=_first(t), last=_last(t) + 1)})
    assert page is not None
    return t.model_copy(update={"rows": [*rows, *t.rows], "values": [*values, *t.values], "pdf_page": page,
                                "bbox": box, "pdf_pages": PageRange(first=page, last=_last(t))})


def _box(lines: list[Line]) -> BBox:
    return BBox(x0=round(min(ln.x0 for ln in lines), 1), top=round(min(ln.top for ln in lines), 1),
                x1=round(max(ln.x1 for ln in lines), 1), bottom=round(max(ln.bottom for ln in lines), 1))


def _fragment(below: list[Line], cols: ColumnX, table: Table,
              stop: BBox | None) -> tuple[list[list[str]], list[Line]] | None:
    """Rows in `cols` at the top of the next page: from its first line, while the lines fit the columns
    and stay close together; none when a table of its own starts right below them (that one is a part)."""
    taken: list[Line] = []
    for ln in below:
        if stop is not None and ln.bottom > stop.top:
            if taken and stop.top - taken[-1].bottom <= ROW_GAP * _height(ln):
                return None
            break
        if not _next_line(taken, ln, cols, downward=True):
            break
        taken.append(ln)
    return _rows_of(taken, cols, table)


def _fragment_above(tail: list[Line], cols: ColumnX, table: Table) -> tuple[list[list[str]], list[Line]] | None:
    """Rows in `cols` at the foot of the page before: from its last line upwards, while they fit."""
    taken: list[Line] = []
    for ln in reversed(tail):
        if not _next_line(taken, ln, cols, downward=False):
            break
        taken.insert(0, ln)
    return _rows_of(taken, cols, table)


def _height(ln: Line) -> float:
    return max(ln.bottom - ln.top, 1.0)


def _next_line(taken: list[Line], ln: Line, cols: ColumnX, downward: bool) -> bool:
    """Whether `ln` goes on the fragment `taken` (read down the page, or up from its foot)."""
    fit = _fits(ln, cols)
    if fit is None:
        return False
    if not taken:
        return len(fit) >= 2  # a fragment starts (or, read upwards, ends) with a row of cells
    near = taken[-1] if downward else taken[0]
    gap = ln.top - near.bottom if downward else near.top - ln.bottom
    if len(fit) >= 2:
        return gap <= ROW_GAP * _height(ln)
    return gap <= WRAP_GAP * _height(ln)


def _fits(ln: Line, cols: ColumnX) -> list[int] | None:
    """The column of each of the line's cell texts, or None when it does not fit the table."""
    parts = _parts(ln, cols)
    return None if parts is None else [k for k, _ in parts]


def _parts(ln: Line, cols: ColumnX) -> list[tuple[int, str]] | None:
    """The line's text by column, left to right: each phrase in the column it falls in (a phrase over two
    columns split between its words, when each word falls in one: '03/11/13 £324.00'); None when a word
    falls across two columns, a phrase lies outside the table or two phrases fall in one column."""
    left, right = cols[0][0], cols[-1][1]
    size = ln.size or 10.0
    out: list[tuple[int, str]] = []
    for a, b in wide_segments(ln.words):
        if a < left - size or b > right + 2 * size:
            return None
        words = [w for w in ln.words if a <= w.x0 and w.x1 <= b]
        over = _over(a, b, cols, size)
        if over is None:
            return None
        if len(over) > 1:
            split = [_over(w.x0, w.x1, cols, size) for w in words]
            if any(o is None or len(o) != 1 for o in split):
                return None
            for w, o in zip(words, split, strict=True):
                assert o is not None
                if out and out[-1][0] == o[0]:
                    out[-1] = (o[0], f"{out[-1][1]} {w.text}")
                elif out and o[0] < out[-1][0]:
                    return None
                else:
                    out.append((o[0], w.text))
            continue
        if out and over[0] <= out[-1][0]:
            return None
        out.append((over[0], " ".join(w.text for w in words)))
    return out


def _over(a: float, b: float, cols: ColumnX, size: float) -> list[int] | None:
    """The columns the span a..b lies over; the nearest one for a span in a gap between columns (None when
    it is far from every column)."""
    over = [k for k, (c0, c1) in enumerate(cols) if a < c1 - 1 and b > c0 + 1]
    if over:
        return over
    centre = (a + b) / 2
    k = min(range(len(cols)), key=lambda k: min(abs(centre - cols[k][0]), abs(centre - cols[k][1])))
    if min(abs(a - cols[k][1]), abs(b - cols[k][0])) > 3 * size:
        return None
    return [k]


def _rows_of(taken: list[Line], cols: ColumnX, table: Table) -> tuple[list[list[str]], list[Line]] | None:
    """The fragment's lines as rows (a line with two or more phrases starts a row; a one-phrase line goes
    on the cell it falls in, of the row above, or of the first row for lines above it), when it agrees with
    the table on a column of figures."""
    if not any(len(_fits(ln, cols) or ()) >= 2 for ln in taken):
        return None
    cells: list[list[list[str]]] = []
    pending: list[tuple[int, str]] = []
    for ln in taken:
        parts = _parts(ln, cols) or []
        if len(parts) >= 2:
            cells.append([[] for _ in cols])
            for k, text in pending:
                cells[-1][k].append(text)
            pending = []
        if not cells:
            pending.extend(parts)
            continue
        for k, text in parts:
            cells[-1][k].append(text)
    rows = [[clean_cell("\n".join(c)) or "" for c in r] for r in cells]
    if len(cols) != table.n_cols:
        return None
    figures = [j for j in range(table.n_cols)
               if sum(1 for r in table.rows if j < len(r) and _figure(r[j])) >= 0.6 * max(1, len(table.rows))]
    if not any(all(_figure(r[j]) for r in rows if r[j]) and any(r[j] for r in rows) for j in figures):
        return None
    return rows, taken


def _figure(text: str) -> bool:
    return bool(text) and (is_numeric(text) or is_figure(text))
