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

The package: `ruling` (the visible ruling), one module per finder (`grids`, `framed`, `rulerows`,
`aligned`), `shape` (what a table looks like), `geometry` (columns from white space, boxes) and `settings`
(`TableSettings`, the thresholds; `find_tables(..., settings)` and `aligned_tables(..., settings)` take
others).
"""

from __future__ import annotations

import logging
from typing import Any

from packparse.pagemodel import PageContent, RawTable
from packparse.pdftables.aligned import aligned_tables
from packparse.pdftables.framed import _framed_tables
from packparse.pdftables.geometry import FoundTable
from packparse.pdftables.grids import _grid_tables
from packparse.pdftables.rulerows import _rule_row_tables
from packparse.pdftables.ruling import _fills, is_white, visible_edges
from packparse.pdftables.settings import DEFAULT, TableSettings
from packparse.pdftables.shape import looks_like_table

log = logging.getLogger(__name__)


def find_tables(page: Any, content: PageContent, settings: TableSettings = DEFAULT) -> list[RawTable]:
    """Tables on a page, as cell texts by row, top to bottom. `page` is anything with pdfplumber's
    `lines`, `rects` and `curves` (a `backends.base.Graphics`, or a pdfplumber Page).

    The ruled finders run only on pages with enough ruling; the unruled one works on the page's
    lines alone (no pdfplumber call) and looks only at blocks of lines split by wide gaps.
    """
    tables: list[RawTable] = []
    try:
        if content.rule_count >= settings.min_rules:
            h_edges, v_edges = visible_edges(page, settings.min_edge_length)
            fills = _fills(page)
            words = [w for line in content.lines for w in line.words]
            if len(h_edges) >= 2 and len(v_edges) >= 2:
                grids = _grid_tables(page, content, words, h_edges, v_edges, fills)
                tables.extend(_framed_tables(content, words, v_edges, grids))
            tables.extend(_rule_row_tables(content, words, h_edges, v_edges, fills, tables, settings))
        tables.extend(aligned_tables(content, tables, settings))
    except Exception as exc:  # a table finder bug must not cost the page its text
        log.warning("page %d: table finding failed: %s: %s", content.pdf_page, type(exc).__name__, exc)
    tables.sort(key=lambda t: (round(t.bbox.top), t.bbox.x0))
    return tables


__all__ = [
    "DEFAULT",
    "FoundTable",
    "TableSettings",
    "aligned_tables",
    "find_tables",
    "is_white",
    "looks_like_table",
    "visible_edges",
]
