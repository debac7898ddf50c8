"""What a table looks like (`looks_like_table`): two rows with text side by side, not a chart, a form or a
box drawn around a page of prose; and each cell's look (bold, italic, shaded)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from packparse.models import BBox
from packparse.pagemodel import Word
from packparse.pdftables.geometry import Box, _cy

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
