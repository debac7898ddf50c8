"""Aligned tables: unruled rows split into the same columns by wide gaps, with a column of figures (payments
in parish minutes); only the page's lines are read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from statistics import median

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

    # a line of nothing visible (a zero-width space pdfminer reads and PDFium does not) is no line here
    ordered = sorted((ln for ln in content.lines if ln.text.strip(_INVISIBLE)), key=lambda ln: ln.top)
    split = [wide_segments(_words(line), settings.aligned_gap_em) for line in ordered]
    for i in range(len(ordered)):
        if len(split[i]) == 1:
            split[i] = _split_at_columns(ordered, split, i, settings) or split[i]
    for line, segs in zip(ordered, split, strict=True):
        if any(_box_overlaps(t.bbox, line) for t in found):
            flush()
            continue
        size = line.size or 10.0
        gap = line.top - block[-1][0].bottom if block else float("inf")
        if len(segs) >= 2:
            if gap > settings.block_gap_em * size:
                flush()
            block.append((line, segs))
        elif len(segs) == 1 and ((gap <= settings.wrap_gap_em * size and _starts_column(segs[0][0], block)
                                  and _within_column(segs[0], block))
                                 or (gap <= settings.block_gap_em * size and _inside_first_column(segs[0], block))):
            block.append((line, segs))
        else:
            flush()
    flush()
    return out


_Block = list[tuple[Line, list[tuple[float, float]]]]  # lines with their wide-gap segments
_INVISIBLE = " \t\u200b\u200c\u200d\u2060\ufeff"


def _split_at_columns(lines: list[Line], split: list[list[tuple[float, float]]], i: int,
                      settings: TableSettings) -> list[tuple[float, float]] | None:
    """A one-phrase line cut where the lines next to it start a column: 'Invoice for Zurich Insurance £ 689.62'
    set a little closer than its neighbours ('Village Hall Fees      £ 40.00'). The column must start at
    the same place (within 2 points) in two of the two lines above and two below, close by, and the word
    starting there must stand further off than a word space."""
    line = lines[i]
    size = line.size or 10.0
    near: list[int] = []
    for step in (-1, 1):
        k, edge = i + step, line
        while 0 <= k < len(lines) and abs(k - i) <= 2:
            other = lines[k]
            gap = other.top - edge.bottom if step > 0 else edge.top - other.bottom
            if gap > (settings.block_gap_em if k != i + step else settings.wrap_gap_em) * size or len(split[k]) < 2:
                break  # the line sits right on its neighbour (rows set close), theirs within a block
            near.append(k)
            edge, k = other, k + step
    starts = [a for k in near for a, _ in split[k][1:]]
    words = sorted(_words(line), key=lambda w: w.x0)
    cuts = []
    for prev, w in pairwise(words):
        shared = sum(1 for a in starts if abs(a - w.x0) <= 2)
        if shared >= 2 and w.x0 - prev.x1 >= 0.3 * size and not prev.text.endswith(":"):  # no 'Label: value'
            cuts.append(w.x0)
    if not cuts:
        return None
    segs, left = [], words[0].x0
    for x in cuts:
        right = max(w.x1 for w in words if w.x1 <= x)
        segs.append((left, right))
        left = x
    segs.append((left, max(w.x1 for w in words)))
    return segs


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
        if len(multi) < settings.min_rows and not (len(multi) == 2 and _money_rows(rest)):
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
    words = [w for line, segs in block if len(segs) >= 2 for w in _words(line)]
    columns = _cut_at_starts(_columns(words, settings.column_gap_em), block, words)
    if not 2 <= len(columns) <= settings.max_columns:
        return None
    rows = _cell_words(block, columns)
    if rows is None:
        return None
    columns, rows = _split_figure_notes(columns, rows)
    rows = _stack_header_lines(rows)
    texts: list[list[str | None]] = [[_text(c) for c in r] for r in rows]
    if not _reads_as_table(texts, len(columns), settings):
        return None
    lines = [line for line, _ in block]
    styles = [[("b" if all(w.bold for w in c) else "") + ("i" if all(w.italic for w in c) else "")
               if c else None for c in r] for r in rows]
    return FoundTable(
        bbox=_bbox(min(ln.x0 for ln in lines), lines[0].top, max(ln.x1 for ln in lines), lines[-1].bottom),
        rows=texts, method="aligned", cell_styles=styles, col_x=columns,
    )


def _cell_words(block: _Block, columns: list[tuple[float, float]]) -> list[list[list[Word]]] | None:
    """The words of each row by column; None when a one-phrase line runs across columns (prose)."""
    rows: list[list[list[Word]]] = []
    last: Line | None = None
    for line, segs in block:
        if len(segs) == 1 and sum(1 for c0, c1 in columns if segs[0][0] < c1 and segs[0][1] > c0) > 1:
            return None  # a wrapped line running across columns: prose, not a cell
        # a one-phrase line below a blank line, or set in from where the cells start, is a label row of its
        # own ('Proposed', 'Receipts'), not a cell's wrapped line
        apart = last is not None and line.top - last.bottom > 0.8 * (line.bottom - line.top)
        if len(segs) >= 2 or not rows or (len(segs) == 1 and (apart or not _starts_column(segs[0][0], block))):
            rows.append([[] for _ in columns])
        last = line
        for w in _words(line):
            rows[-1][_column_of(w, columns)].append(w)
    return rows


def _cut_at_starts(columns: list[tuple[float, float]], block: _Block,
                   words: list[Word]) -> list[tuple[float, float]]:
    """Columns cut where a row's phrase starts inside one (a gap narrower than `column_gap_em` between two
    phrases the lines around them set apart), when no word of the rows runs across that place."""
    starts = sorted({round(a, 1) for _, segs in block if len(segs) >= 2 for a, _ in segs[1:]})
    out = list(columns)
    for a in starts:
        for k, (c0, c1) in enumerate(out):
            if c0 + 1 < a < c1 - 1 and not any(w.x0 < a - 0.5 < w.x1 for w in words):
                left = max((w.x1 for w in words if w.x1 <= a and w.x0 >= c0 - 0.5), default=c0)
                out[k:k + 1] = [(c0, left), (a, c1)]
                break
    return out


def _split_figure_notes(columns: list[tuple[float, float]],
                        rows: list[list[list[Word]]]) -> tuple[list[tuple[float, float]], list[list[list[Word]]]]:
    """A column of amounts each followed by words ('£ 689.62 resolved to pay') is two columns, the amounts and
    the notes, when in three rows or more every cell is an amount then words and every amount ends left of
    where every note starts."""
    for j in range(len(columns)):
        cells = [r[j] for r in rows if r[j]]
        if len(cells) < 3:
            continue
        heads = [_figure_head(c) for c in cells]
        if any(h is None for h in heads):
            continue
        ends = [max(w.x1 for w in c[:h]) for c, h in zip(cells, heads, strict=True) if h]
        starts = [min(w.x0 for w in c[h:]) for c, h in zip(cells, heads, strict=True) if h]
        if not ends or max(ends) >= min(starts):
            continue
        cut = (max(ends) + min(starts)) / 2
        a, b = columns[j]
        new_columns = [*columns[:j], (a, max(ends)), (min(starts), b), *columns[j + 1:]]
        new_rows = [[*r[:j], [w for w in r[j] if w.x1 <= cut], [w for w in r[j] if w.x1 > cut], *r[j + 1:]]
                    for r in rows]
        return new_columns, new_rows
    return columns, rows


def _figure_head(cell: list[Word]) -> int | None:
    """How many leading words of the cell make an amount of money or a number followed by words; None when
    the cell is not such a pair."""
    words = sorted(cell, key=lambda w: w.x0)
    for n in (1, 2):
        head = " ".join(w.text for w in words[:n])
        if n < len(words) and _AMOUNT.fullmatch(head) and any(ch.isalpha() for w in words[n:] for ch in w.text):
            return n
    return None


_AMOUNT = re.compile(r"[£$€]?\s?\d[\d,]*(?:\.\d\d)?")


def _stack_header_lines(rows: list[list[list[Word]]]) -> list[list[list[Word]]]:
    """Header cells printed over two lines and set to the bottom ('Annual' over 'Minimum', with the row label
    'Current Salary Range' on the second line only) are one row: the first line has a gap where the second
    has text, each of its phrases stands over one of the second's, it sits right on top of it, and neither
    line holds a figure."""
    if len(rows) < 4:
        return rows
    first, second = rows[0], rows[1]
    if not any(first) or all(first) or any(a and not b for a, b in zip(first, second, strict=True)):
        return rows
    if any(_mostly_figures([_text(c)]) for c in (*first, *second) if c):
        return rows
    bottom = max(w.bottom for c in first for w in c)
    top = min(w.top for c in second for w in c)
    height = max(w.bottom - w.top for c in first for w in c)
    if top - bottom > 0.5 * height:
        return rows
    return [[a + b for a, b in zip(first, second, strict=True)], *rows[2:]]


def _reads_as_table(texts: list[list[str | None]], n_columns: int, settings: TableSettings) -> bool:
    """Every column filled in half the rows with short cells, not label-and-value lines, and a column of
    figures beside the first that is not a contents list's page numbers."""
    for j in range(n_columns):
        cells = [r[j] for r in texts if r[j]]
        headed = bool(texts[0][j]) and len(cells) >= 2  # a column with a heading may be mostly empty
        if len(cells) < 0.5 * len(texts) and not headed:
            return False
        longest = settings.max_label_chars if j == 0 else settings.max_cell_chars
        if sum(len(c) for c in cells) > longest * len(cells):
            return False
    labels = [r[0] for r in texts if r[0]]
    if sum(1 for c in labels if c.endswith(":")) > 0.5 * len(labels):
        return False  # 'FILE: 21-1827' label and value lines
    figure_cols = [j for j in range(1, n_columns) if _mostly_figures([r[j] for r in texts[1:]])]
    if figure_cols and not all(_page_numbers([r[j] for r in texts[1:]]) for j in figure_cols):
        return True
    return any(_one_status([r[j] for r in texts]) for j in range(1, n_columns))


def _words(line: Line) -> list[Word]:
    """The line's words without a list bullet before its first phrase (a bullet is no column)."""
    words = line.words
    if len(words) >= 2 and words[0].text in _BULLETS:
        return words[1:]
    return words


_BULLETS = frozenset({"•", "●", "▪", "■", "◦", "○", "‣", "∙", "·", "➢", "➤", "►", "\uf0b7", "\uf0a7", "\uf076",
                      "\uf0d8", "\uf0fc", "\uf0a8", "\uf06e", "\uf0e0"})


def _one_status(cells: list[str | None]) -> bool:
    """A column of short decisions or statuses down three rows or more ('Resolved to Sign', 'Councillors
    resolved to pay' beside a schedule of items; 'Present', 'Absent' in a roll call): a title repeated down
    a list of names ('Council Member') is none."""
    filled = [" ".join(c.split()) for c in cells if c]
    statuses = [c for c in filled if len(c.split()) <= 5 and _STATUS.search(c)]
    return len(statuses) >= 3 and len(statuses) >= 0.8 * len(filled)


# What a schedule decides for each of its rows, or a roll call records for each member.
_STATUS = re.compile(r"\b(?:resolved|agreed|approved|noted|refused|deferred|declined|granted|accepted|rejected"
                     r"|to (?:sign|pay)|paid|signed|completed?|on-?going|pending|no objections?"
                     r"|present|absent|excused|remote|apologies|aye|nay|no vote|abstain(?:ed)?|recused)\b", re.I)


def _money_rows(block: _Block) -> bool:
    """Every multi-phrase line ends in an amount of money ('£ 54.00', '$1,200'): two such lines are a table."""
    lines = [_words(line) for line, segs in block if len(segs) >= 2]
    return bool(lines) and all(_MONEY_END.search(" ".join(w.text for w in ws)) for ws in lines)


_MONEY_END = re.compile(r"[£$€]\s?\d[\d,]*(?:\.\d\d)?\s*$")


def _within_column(seg: tuple[float, float], block: _Block) -> bool:
    """A wrapped line of a cell ends before the next column of the rows just above starts (a line of prose
    runs on across it)."""
    multi = [segs for _, segs in block if len(segs) >= 2][-3:]
    if not multi:
        return True
    starts = sorted({round(a) for segs in multi for a, _ in segs})
    after = [a for a in starts if a > seg[0] + 3]
    return not after or seg[1] < min(after) - 2


def _inside_first_column(seg: tuple[float, float], block: _Block) -> bool:
    """A one-phrase line lying within the first column of the rows above (a 'Receipts' label between two
    runs of payments, a cell's wrapped line indented under it)."""
    multi = [segs for _, segs in block if len(segs) >= 2][-3:]  # the rows just above
    firsts = [segs[0] for segs in multi]
    if len(firsts) < 2:
        return False
    nxt = median(segs[1][0] for segs in multi)  # where the second column starts
    return seg[0] >= min(a for a, _ in firsts) - 1 and seg[1] < nxt - 2


def wide_segments(words: list[Word], gap_em: float = DEFAULT.aligned_gap_em) -> list[tuple[float, float]]:
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
    """Most non-empty cells are amounts, counts or dates: digits at least as many as letters, an amount
    in words ('$2.56 million'), or a date ('27th April', 'Thurs 23 May', 'May 5, 2021')."""
    filled = [c for c in cells if c]
    figures = [c for c in filled if is_figure(c)]
    return bool(filled) and len(figures) >= 0.6 * len(filled)


def is_figure(text: str) -> bool:
    """An amount, count, code or date as a table prints it."""
    text = " ".join(text.split())
    if _FIGURE.search(text) and sum(ch.isdigit() for ch in text) >= sum(ch.isalpha() for ch in text):
        return True
    return bool(_MONEY_WORDS.match(text) or _DATE_CELL.match(text))


def is_date_cell(text: str) -> bool:
    """A cell that starts with a day and month ('27th April', 'Thurs 23 May (to include ...)', 'May 5, 2021')."""
    return bool(_DATE_CELL.match(" ".join(text.split())))


_MONEY_WORDS = re.compile(r"^[+\-−–]?\s?[£$€]?\s?\d[\d,]*(?:\.\d+)?\s?(?:million|billion|bn|m|k)\b", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
_WEEKDAY = r"(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:[a-z]*day)?(?![a-z])\.?,?"
_DAY = r"\d{1,2}\s?(?:st|nd|rd|th)?"
_DATE_CELL = re.compile(rf"^(?:{_WEEKDAY}\s*)?(?:{_DAY}\s*(?:of\s+)?{_MONTH}|{_MONTH}\s*{_DAY}(?![\d:]))", re.I)


def _page_numbers(cells: list[str | None]) -> bool:
    """A contents list's column: small whole numbers that never decrease."""
    filled = [c for c in cells if c]
    if not all(re.fullmatch(r"\d{1,3}", c) for c in filled):
        return False
    numbers = [int(c) for c in filled]
    return numbers == sorted(numbers)


def _box_overlaps(b: BBox, line: Line) -> bool:
    return line.x0 < b.x1 and line.x1 > b.x0 and line.top < b.bottom and line.bottom > b.top
