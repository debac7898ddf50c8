"""Tables as CSV files (`packparse tables PACK.pdf --csv DIR`): one file per table, header rows first.

Files are named from where the table starts, `p{pdf_page:03d}_t{index}.csv`, index counting the tables
that start on that page top to bottom, so names sort in reading order and say where to look in the PDF.
A table continued over pages is one file (its rows from every page). Before writing, the command removes
the files of an earlier run that follow this naming (`old_csvs`) and nothing else: no other file, no
link, no PDF, never the input.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from packparse.errors import OutputError
from packparse.fileguard import PDF_MAGIC, input_ids
from packparse.models import Pack, Table

CSV_NAME = re.compile(r"p\d{3,}_t\d+\.csv")  # p{pdf_page:03d}_t{index}.csv


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


def old_csvs(folder: Path, keep: Iterable[str | os.PathLike[str]] = ()) -> set[Path]:
    """The regular files in `folder` named as this module names CSVs (an earlier run's), except a PDF
    (by its first bytes) and the files in `keep`; links, folders and anything else are left alone."""
    folder = Path(folder)
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise OutputError(str(folder), f"cannot list the folder ({exc.strerror or exc})") from None
    keep_ids = input_ids(keep)
    stale: set[Path] = set()
    for entry in entries:
        if not CSV_NAME.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) in keep_ids:
                continue
            with open(entry.path, "rb") as fh:
                if PDF_MAGIC in fh.read(1024):
                    continue
        except OSError:
            continue
        stale.add(folder / entry.name)
    return stale


def remove_files(paths: Iterable[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise OutputError(str(path), f"cannot remove an earlier CSV ({exc.strerror or exc})") from None
