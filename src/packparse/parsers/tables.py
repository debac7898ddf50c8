"""Turn the reader's raw tables (cell texts by row) into output `Table`s.

The raw grid comes straight from the PDF's ruling: cell texts keep their line breaks, merged cells
show as None, captions and blank ruled rows are rows like any other, and nothing says which row is
the header. Here the grid is cleaned and its header decided, from the row styling the finder saw
(when it passes it) and from the text itself (labels over numbers). Every cell also gets its typed
reading (`parsers.cellvalues`) in `values`, beside the strings the contract keeps in `rows`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from packparse.models import PageRange, Table
from packparse.pagemodel import RawTable
from packparse.parsers.cellvalues import parse_cell, parse_header

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
    rows = [[clean_cell(c) for c in row] for row in raw.rows]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    styles = _styles(raw, rows)

    keep = [i for i, r in enumerate(rows) if any(c for c in r)]
    rows, styles = [rows[i] for i in keep], [styles[i] for i in keep]
    cols = [j for j in range(width) if any(r[j] for r in rows)]
    rows = [[r[j] for j in cols] for r in rows]
    styles = [[s[j] for j in cols] for s in styles]
    rows, styles = merge_unsplit_columns(rows, styles)
    while len(rows) > 2 and is_caption_row(rows[0]):
        rows, styles = rows[1:], styles[1:]
    n_cols = max((len(r) for r in rows), default=0)
    if len(rows) < 2 or n_cols < 2:
        return None

    n_header = header_row_count(rows, styles)
    header = [c for c in rows[0] if c is not None] if n_header else []
    body = [[c or "" for c in r] for r in rows[n_header:]]
    return Table(pdf_page=pdf_page, bbox=raw.bbox, header=header, rows=body, n_cols=n_cols,
                 method=raw.method, header_rows=[[c or "" for c in r] for r in rows[:n_header]],
                 header_values=[parse_header(c) for c in header],
                 values=[[parse_cell(c) for c in r] for r in body])


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


def merge_unsplit_columns(rows: Grid, styles: list[list[str | None]]) -> tuple[Grid, list[list[str | None]]]:
    """Merge neighbouring grid columns that no row splits into two cells.

    Rules drawn a little apart in different rows (a header divider not quite above the body's)
    make pdfplumber add a sliver column; in every row one side of it is a merged cell (None), so
    the pair is one column on paper.
    """
    j = 0
    while rows and j < len(rows[0]) - 1:
        if all(r[j] is None or r[j + 1] is None for r in rows):
            for r in [*rows, *styles]:
                r[j : j + 2] = [r[j] if r[j] is not None else r[j + 1]]
        else:
            j += 1
    return rows, styles


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
    if not (styled_apart(styles) or labels_over_figures(first, body) or heads_empty_column(first, body)):
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


def is_numeric_col(body: Grid, j: int) -> bool:
    cells = [r[j] for r in body if j < len(r) and r[j]]
    return bool(cells) and sum(1 for c in cells if is_numeric(c)) >= 0.6 * len(cells)


def _labels_spans(first: Sequence[str | None], rest: Grid) -> bool:
    """The second row names the parts of the first row's merged cells: short labels over figures."""
    second = rest[0]
    under_spans = [second[j] for j, c in enumerate(first) if c is None and j < len(second)]
    if not under_spans or not all(under_spans):
        return False
    if any(c and len(c) > 30 for c in second):
        return False
    return labels_over_figures(second, rest[1:])


def join_continued(tables: Sequence[Table], heads: Mapping[int, Collection[str]] | None = None) -> list[Table]:
    """Join a table continued over pages into one `Table` with `pdf_pages` (tables in page order).

    A part continues the table before it when it is the first table on the next page, the other
    is the last on its page, both have the same columns, and the part repeats the header or has
    none. With `heads` (page -> the text lines printed above that page's first table) the part must
    also have no text above it other than a repeat of what stood above the table's first part: a
    new heading ('Do our partner agencies ...?', a new slide title) starts a new table even when
    the columns repeat. The joined table keeps the first part's page, box and header and all parts'
    body rows. (Setting `pdf_pages` on each part instead would make every part count on every page.)
    """
    out: list[Table] = []
    last_on_page = {t.pdf_page: t for t in tables}
    first_on_page: dict[int, Table] = {}
    for t in tables:
        first_on_page.setdefault(t.pdf_page, t)
    prev: Table | None = None
    for t in tables:
        cur = out[-1] if out else None
        if (cur is not None and prev is not None and last_on_page.get(prev.pdf_page) is prev
                and first_on_page.get(t.pdf_page) is t and t.pdf_page == prev.pdf_page + 1
                and t.n_cols == cur.n_cols and (not t.header or t.header == cur.header)
                and (heads is None or set(heads.get(t.pdf_page, ())) <= set(heads.get(cur.pdf_page, ())))):
            first = cur.pdf_pages.first if cur.pdf_pages else cur.pdf_page
            out[-1] = cur.model_copy(update={"rows": [*cur.rows, *t.rows], "values": [*cur.values, *t.values],
                                             "pdf_pages": PageRange(first=first, last=t.pdf_page)})
        else:
            out.append(t)
        prev = t
    return out
