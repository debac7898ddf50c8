"""Tables as CSV files (`packparse tables PACK.pdf --csv DIR`): one file per table, header rows first.

Files are named from where the table starts, `p{pdf_page:03d}_t{index}.csv`, index counting the tables
that start on that page top to bottom, so names sort in reading order and say where to look in the PDF.
A table continued over pages is one file (its rows from every page).
"""

from __future__ import annotations

import csv
import io

from packparse.models import Pack, Table


def named_tables(pack: Pack) -> list[tuple[str, Table]]:
    """Every table of the pack with its CSV file name, in page order."""
    out: list[tuple[str, Table]] = []
    on_page: dict[int, int] = {}
    tables = sorted((t for d in pack.documents for t in d.tables),
                    key=lambda t: (t.pdf_page, t.bbox.top if t.bbox else 0.0))
    for t in tables:
        index = on_page.get(t.pdf_page, 0)
        on_page[t.pdf_page] = index + 1
        out.append((f"p{t.pdf_page:03d}_t{index}.csv", t))
    return out


def table_csv(table: Table) -> str:
    """The table as CSV text: its header rows (aligned to the columns), then its body rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    header_rows = table.header_rows or ([table.header] if table.header else [])
    writer.writerows(header_rows)
    writer.writerows(table.rows)
    return buf.getvalue()
