"""Turn the reader's raw tables (cell texts by row) into output `Table`s.

The raw grid comes straight from the PDF's ruling: cell texts keep their line breaks, merged cells
show as None, captions and blank ruled rows are rows like any other, and nothing says which row is
the header. Here the grid is cleaned and its header decided, from the row styling the finder saw
(when it passes it) and from the text itself (labels over numbers). Every cell also gets its typed
reading (`parsers.cellvalues`) in `values`, beside the strings the contract keeps in `rows`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy

from packparse.models import Table
from packparse.pagemodel import RawTable
from packparse.parsers.cellvalues import parse_cell, parse_header
from packparse.pdftables.aligned import is_date_cell

_SPACE = re.compile(r"\s+")
# Column headings that look like numbers but are labels: years, financial years, quarters.
_YEARISH = re.compile(
    r"^(?:(?:FY|Q[1-4])\s*)?(?:19|20)\d\d(?:\s*[/\-–]\s*(?:19|20)?\d\d)?(?:\s*(?:YTD|\(.*\)|\[.*\]))?$",
    re.I,
)
_DATE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")

Grid = list[list[str | None]]


def to_table(raw: RawTable, pdf_page: int) -> Table | None:
    """A `Table` from a raw grid, or None when nothing table-like is left after cleaning."""
    read = read_table(raw, pdf_page)
    return read[0] if read is not None else None


ColumnX = list[tuple[float, float]]


def read_tables(raw: RawTable, pdf_page: int) -> list[tuple[Table, ColumnX]]:
    """The tables in a raw grid (one, or one per section a caption row opens, see `split_sections`), each
    read by `read_table`."""
    out = []
    for part in split_sections(raw):
        read = read_table(part, pdf_page)
        if read is not None:
            out.append(read)
    return out


def split_sections(raw: RawTable) -> list[RawTable]:
    """A grid cut at the caption rows inside it (one cell across the whole width: 'SURROUNDING USES') where
    the rows above and below are laid out in other columns: two tables ruled as one (a label/value block,
    then a block with its own header row). Sections in the same columns (a scorecard's section bars) stay
    one table."""
    rows = raw.rows
    cuts = [i for i in range(1, len(rows) - 1) if _spans_all(rows[i]) and _layout(rows[:i]) != _layout(rows[i + 1:])]
    cuts = [i for i in cuts if _rows_in(rows[:i]) >= 2 and _rows_in(rows[i + 1:]) >= 2]  # a header alone is none
    if not cuts:
        return [raw]
    parts = []
    for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True):
        part = copy(raw)
        part.rows = rows[a:b]
        styles = getattr(raw, "cell_styles", None)
        if styles:
            part.cell_styles = styles[a:b]  # type: ignore[attr-defined]
        parts.append(part)
    return parts


def _rows_in(rows: Grid) -> int:
    return sum(1 for r in rows if not _spans_all(r))


def _spans_all(row: Sequence[str | None]) -> bool:
    return len(row) > 1 and bool(row[0] and row[0].strip()) and all(c is None for c in row[1:])


def _layout(rows: Grid) -> set[tuple[bool, ...]]:
    """Which cells of the rows are merged away (None), for rows that are no caption."""
    return {tuple(c is None for c in r) for r in rows if not _spans_all(r)}


def read_table(raw: RawTable, pdf_page: int) -> tuple[Table, ColumnX] | None:
    """`to_table`, with each output column's extent across the page when the finder gave them (else [])."""
    rows = [[clean_cell(c) for c in row] for row in raw.rows]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    styles = _styles(raw, rows)
    given = list(getattr(raw, "col_x", None) or [])
    origin = [[j] for j in range(width)]  # the raw columns each output column is made of

    keep = [i for i, r in enumerate(rows) if any(c for c in r)]
    rows, styles = [rows[i] for i in keep], [styles[i] for i in keep]
    cols = [j for j in range(width) if any(r[j] for r in rows)]
    rows = [[r[j] for j in cols] for r in rows]
    styles = [[s[j] for j in cols] for s in styles]
    origin = [origin[j] for j in cols]
    rows, styles = merge_unsplit_columns(rows, styles, origin)
    while len(rows) > 2 and is_caption_row(rows[0]):
        rows, styles = rows[1:], styles[1:]
    n_cols = max((len(r) for r in rows), default=0)
    if len(rows) < 2 or n_cols < 2:
        return None

    n_header = header_row_count(rows, styles)
    if n_header == 1:
        rows = merge_unlabelled_spans(rows, origin)
        n_cols = max(len(r) for r in rows)
    header = [c for c in rows[0] if c is not None] if n_header else []
    body = [[c or "" for c in r] for r in rows[n_header:]]
    table = Table(pdf_page=pdf_page, bbox=raw.bbox, header=header, rows=body, n_cols=n_cols,
                  method=raw.method, header_rows=[[c or "" for c in r] for r in rows[:n_header]],
                  header_values=[parse_header(c) for c in header],
                  values=[[parse_cell(c) for c in r] for r in body])
    col_x: ColumnX = []
    if len(given) == width:
        col_x = [(min(given[j][0] for j in o), max(given[j][1] for j in o)) for o in origin]
    return table, col_x


def _styles(raw: RawTable, rows: Grid) -> list[list[str | None]]:
    """The finder's cell styles shaped like `rows` (None where unknown or without text)."""
    given = getattr(raw, "cell_styles", None) or []
    out: list[list[str | None]] = []
    for i, row in enumerate(rows):
        src = given[i] if i < len(given) else []
        out.append([(src[j] if j < len(src) else None) if row[j] else None for j in range(len(row))])
    return out


def clean_cell(text: str | None) -> str | None:
    """Collapse whitespace (line breaks inside a cell included) to single spaces; None stays None.

    A word broken over two lines of a narrow column without a hyphen ('Revenu' / 'e', 'Forecas' /
    't') is joined back first: a line holding only one or two lower-case letters that are not a
    word continues the line above.
    """
    if text is None:
        return None
    text = _BROKEN_WORD.sub(_join_fragment, text)
    return _SPACE.sub(" ", text).strip()


_BROKEN_WORD = re.compile(r"(?<=[a-z])[ \t]*\n[ \t]*([a-z]{1,2})(?=[ \t]*(?:\n|$))")
_SHORT_WORDS = frozenset({
    "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in",
    "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we",
})


def _join_fragment(m: re.Match[str]) -> str:
    return m.group(0) if m.group(1) in _SHORT_WORDS else m.group(1)


def merge_unsplit_columns(rows: Grid, styles: list[list[str | None]],
                          origin: list[list[int]] | None = None) -> tuple[Grid, list[list[str | None]]]:
    """Merge neighbouring grid columns that no row splits into two cells.

    Rules drawn a little apart in different rows (a header divider not quite above the body's)
    make pdfplumber add a sliver column; in every row one side of it is a merged cell (None), so
    the pair is one column on paper. `origin` (the raw columns behind each column) is merged alike.
    """
    j = 0
    while rows and j < len(rows[0]) - 1:
        if all(r[j] is None or r[j + 1] is None for r in rows):
            for r in [*rows, *styles]:
                r[j : j + 2] = [r[j] if r[j] is not None else r[j + 1]]
            if origin is not None:
                origin[j : j + 2] = [origin[j] + origin[j + 1]]
        else:
            j += 1
    return rows, styles


def merge_unlabelled_spans(rows: Grid, origin: list[list[int]] | None = None) -> Grid:
    """One column for a heading that spans columns no header row names apart, when they hold words.

    'Names of Signatories' over two ruled sub-columns of names is one column of a candidates' list: the
    rule between the sub-columns only lays a long list out in two, and nothing heads either half. Figures
    under a spanning heading ('2019/20' over two columns of numbers) are kept apart: each column is a value.
    """
    first = rows[0]
    j = 0
    while j < len(first):
        k = j + 1
        while k < len(first) and first[k] is None:
            k += 1
        if first[j] and k - j > 1 and not any(is_numeric_col(rows[1:], c) for c in range(j, k)):
            for r in rows[1:]:
                parts = [r[c] for c in range(j, min(k, len(r))) if r[c]]
                r[j:k] = [" ".join(parts)]
            first[j:k] = [first[j]]
            if origin is not None:
                origin[j:k] = [[c for o in origin[j:k] for c in o]]
            k = j + 1
        j = k
    return rows


def is_caption_row(row: Sequence[str | None]) -> bool:
    """A title across the whole table ('Table 1: Scope of services', a shaded section bar)."""
    texts = [c for c in row if c]
    return len(texts) == 1 and bool(row[0]) and all(c is None for c in row[1:])


def is_numeric(text: str | None) -> bool:
    """A figure, amount, percentage or date (not a year used as a column heading)."""
    if not text or is_yearish(text):
        return False
    digits = sum(ch.isdigit() for ch in text)
    letters = sum(ch.isalpha() for ch in text)
    return digits > 0 and digits >= letters


def is_yearish(text: str) -> bool:
    return bool(_YEARISH.match(text.strip()))


def header_row_count(rows: Grid, styles: Sequence[Sequence[str | None]] = ()) -> int:
    """How many leading rows are header rows: 0, 1 or 2.

    The first row is a header when it is styled apart from the body (bold, italic or shaded where
    the body is not, or plain above a bold label column), when it holds labels only over a body
    with a column of figures, or when it is the only row with text in some column (a heading over
    a column left blank). A second row counts too when the first has merged cells and the second
    labels their parts ('2019/20' over 'No.' and '%').
    """
    if len(rows) < 2:
        return 0
    first, body = rows[0], rows[1:]
    if _DATE.match(first[0] or "") or (first[0] and is_numeric(first[0]) and not is_numeric_col(body, 0)):
        return 0
    if not (styled_apart(styles) or labels_over_figures(first, body) or heads_empty_column(first, body)
            or corner_header(first, body)):
        return 0
    if len(rows) > 2 and None in first[1:] and _labels_spans(first, rows[1:]):
        return 2
    return 1


def styled_apart(styles: Sequence[Sequence[str | None]]) -> bool:
    """True when the first row's look sets it apart from the body rows below it.

    Either most of the first row's cells carry a flag (bold, italic, shaded) that most body rows
    lack, or a column whose body cells nearly all carry a flag (a bold label column) has it missing
    in the first row.
    """
    if len(styles) < 2:
        return False
    first, body = styles[0], styles[1:]
    texts = [s for s in first if s is not None]
    if not texts:
        return False
    for flag in "bis":
        if sum(1 for s in texts if flag in s) > 0.5 * len(texts):
            rows_with = sum(1 for r in body if _row_has(r, flag))
            if rows_with < 0.5 * len(body):
                return True
    for j, s in enumerate(first):
        if s is None:
            continue
        col = [r[j] for r in body if j < len(r) and r[j] is not None]
        if len(col) >= 2:
            for flag in "bis":
                if flag not in s and sum(1 for c in col if flag in c) >= 0.8 * len(col):
                    return True
    return False


def _row_has(row: Sequence[str | None], flag: str) -> bool:
    """Most of the row's text cells carry `flag`."""
    texts = [s for s in row if s is not None]
    return bool(texts) and sum(1 for s in texts if flag in s) > 0.5 * len(texts)


def labels_over_figures(first: Sequence[str | None], body: Grid) -> bool:
    """The first row is text only and some other column of the body is mostly figures."""
    if any(is_numeric(c) for c in first) or sum(1 for c in first if c) < 2:
        return False
    width = max(len(r) for r in body)
    return any(is_numeric_col(body, j) for j in range(width))


def heads_empty_column(first: Sequence[str | None], body: Grid) -> bool:
    """The first row has text in a column the body leaves empty: a heading with nothing under it."""
    if len(body) < 2 or any(is_numeric(c) for c in first) or sum(1 for c in first if c) < 2:
        return False
    return any(c and not any(j < len(r) and r[j] for r in body) for j, c in enumerate(first))


def corner_header(first: Sequence[str | None], body: Grid) -> bool:
    """A cross table's header: a blank corner cell over a column of row labels, a label over every other
    column ('' | General Plan Land Use | Zoning | Existing Use over North, South ...)."""
    if len(first) < 3 or first[0] or len(body) < 2:
        return False
    if not all(c and not is_numeric(c) for c in first[1:]):
        return False
    return all(r and r[0] for r in body)


def is_numeric_col(body: Grid, j: int) -> bool:
    """Most of the column's cells are figures or dates ('27th April', 'Thurs 23 May': a schedule)."""
    cells = [r[j] for r in body if j < len(r) and r[j]]
    return bool(cells) and sum(1 for c in cells if is_numeric(c) or is_date_cell(c)) >= 0.6 * len(cells)


def _labels_spans(first: Sequence[str | None], rest: Grid) -> bool:
    """The second row names the parts of the first row's merged cells: short labels over figures."""
    second = rest[0]
    under_spans = [second[j] for j, c in enumerate(first) if c is None and j < len(second)]
    if not under_spans or not all(under_spans):
        return False
    if any(c and len(c) > 30 for c in second):
        return False
    return labels_over_figures(second, rest[1:])
