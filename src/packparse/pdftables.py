"""Table finding on a pdfplumber page: part of the reading stage (called by `reader` only).

The costly finder runs only on pages that can hold a table (enough ruling lines), so that speed
does not suffer on text pages.
"""

from __future__ import annotations

from packparse.layout import PageContent, RawTable
from packparse.models import BBox

# A page gets the table finder only when it has at least this many ruling segments.
MIN_RULES_FOR_TABLES = 6


def find_tables(page, content: PageContent) -> list[RawTable]:  # noqa: ANN001
    """Ruled tables on `page` (a pdfplumber Page), as cell texts by row."""
    if content.rule_count < MIN_RULES_FOR_TABLES:
        return []
    tables: list[RawTable] = []
    for t in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        rows = t.extract()
        if not rows:
            continue
        x0, top, x1, bottom = t.bbox
        tables.append(RawTable(bbox=BBox(x0=round(x0, 1), top=round(top, 1), x1=round(x1, 1),
                                         bottom=round(bottom, 1)), rows=rows))
    return tables
