"""PDF engines behind the reading stage: one abstract page reader (`base.PageReader`), one module per engine.

* `pdfium` (default): pypdfium2, PDFium's C parser; about 5x faster than pdfplumber for the same words.
* `pdfplumber`: pdfplumber on pdfminer, pure Python; `--reader pdfplumber` / `extract(..., reader=...)`.

Only `packparse.reader` uses them; every stage after it sees the same `PageContent` from either. The
environment variable PACKPARSE_READER changes the default (CI runs the test suite once with each).
"""

from __future__ import annotations

import importlib
import os

READERS = ("pdfium", "pdfplumber")
DEFAULT_READER = os.environ.get("PACKPARSE_READER", "").strip().lower() or "pdfium"
if DEFAULT_READER not in READERS:
    raise ValueError(f"PACKPARSE_READER={DEFAULT_READER!r}: not one of {', '.join(READERS)}")

# What reading a PDF imports (each engine, pdfminer under pdfplumber, and what they pull in): loaded once by a
# process before its files, by the batch's fork server, and before the clock starts in `make bench`, which
# times the work on a file, as the other side of its ratio (pdfplumber reading chars) is timed.
ENGINE_MODULES = ("pdfplumber", "pdfplumber.utils.text", "pdfplumber.table", "pypdfium2",
                  "packparse.backends.pdfium", "packparse.backends.pdfplumber")


def preload() -> None:
    """Import `ENGINE_MODULES` now rather than while the first file is read."""
    for name in ENGINE_MODULES:
        importlib.import_module(name)
