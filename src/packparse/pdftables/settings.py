"""The table finders' thresholds in one dataclass (`TableSettings`), as pdfplumber's `TableSettings` holds
its finder's."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TableSettings:
    """The finders' thresholds (as pdfplumber's `TableSettings` holds its table finder's), in points unless
    said otherwise. `DEFAULT` is what the reader uses."""

    # A page gets the ruled finders only when it has at least this many ruling segments.
    min_rules: int = 6
    # Ruling edges shorter than this are no ruling: dotted leaders, glyphs drawn as outlines, bullets. Fed to
    # pdfplumber's snapping, a run of them a point apart chains every rule near them into one (a column rule
    # pulled 100 points to the middle of a dotted 'Signed ......' line's span).
    min_edge_length: float = 3.0
    # Colour components at or above this are white (fills painted as page background, not ruling).
    white: float = 0.97
    # Rule-row tables: the fewest equal-width rules that make a table, how alike their ends must be, and how
    # wide a rule must be.
    min_row_rules: int = 3
    rule_end_tolerance: float = 3.0
    min_rule_width: float = 150.0
    # Aligned tables: words further apart than this many ems are in different columns of a line; a gap
    # between lines above `block_gap_em` ems ends a block, one below `wrap_gap_em` may be a wrapped cell;
    # columns are split at gaps of `column_gap_em` ems across the block's lines, two to `max_columns` of
    # them, each cell `max_cell_chars` characters long on average at most (`max_label_chars` in the first
    # column, the row labels); up to `max_trailing` lines at the end of a block may be dropped to find the
    # table above them, when `min_trimmed_rows` rows are left (three lines of a meeting's details beside
    # labels are no table).
    aligned_gap_em: float = 0.9
    block_gap_em: float = 2.5
    wrap_gap_em: float = 0.8
    column_gap_em: float = 0.45
    max_columns: int = 8
    max_cell_chars: int = 40
    max_label_chars: int = 60
    max_trailing: int = 12
    min_trimmed_rows: int = 4
    # An aligned table has this many rows at least (two will do when both end in an amount of money).
    min_rows: int = 3


DEFAULT = TableSettings()
