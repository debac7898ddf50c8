"""The Python API: `extract(path) -> Pack`. The CLI is a thin layer over this.

Pipeline (`packparse.pipeline.STAGES`): read pages once (`reader`) -> page furniture (`furniture`) -> OCR
of scanned pages (`--ocr`) -> front sheet and agenda (`parsers.frontsheet`) -> split into documents
(`splitter`) -> one parser per document kind (`kinds`) -> cross-checks (`checks`) -> a validated `Pack`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from packparse.documentstore import DocumentStore
from packparse.gcpolicy import collect_after_reading, fewer_collections
from packparse.models import Pack
from packparse.options import ExtractOptions
from packparse.pagemodel import PageFurniture
from packparse.pagestore import PageStore
from packparse.pipeline import Run, run_stages
from packparse.reader import ReadPDF, read_pdf

if TYPE_CHECKING:  # types only: no import of that stage at run time
    from packparse.ids import Provenance


@dataclass(slots=True)
class Analysis:
    """A parsed pack together with the per-page evidence behind it (for `packparse inspect`)."""

    pack: Pack
    pages: list[PageFurniture]
    read: ReadPDF


def extract(path: str | os.PathLike[str], password: str | None = None, *, options: ExtractOptions | None = None,
            source_url: str | None = None, meeting_id: str | None = None, retrieved: str | None = None,
            timezone: str | None = None, max_pages: int | None = None, ocr: bool | None = None,
            redact: bool | None = None, reader: str | None = None) -> Pack:
    """Parse one agenda pack (or any council PDF) into a validated `Pack`.

    `options` (`packparse.options.ExtractOptions`) holds every per-file option; the keyword arguments are
    the same options one by one, and those given (not None) override `options`. They record what the PDF
    does not say: where it was published (`source_url`), when it was fetched (`retrieved`, ISO date or
    date-time), the caller's own meeting id (replacing the derived one in every id) and the IANA time zone
    of the meeting (default Europe/London). `max_pages` (default 5000) refuses longer files, `ocr` reads
    scanned pages with tesseract (when installed), `redact` replaces e-mail addresses and phone numbers in
    every text field, `reader` picks the engine that reads the pages ("pdfium", the default, or
    "pdfplumber"). The time and memory limits of `options` apply only through
    `packparse.limits.run_limited` (the CLI); here the parse runs in-process.

    Raises `packparse.errors.PackparseError` (with an exit code) for input that cannot be read, and
    ValueError for a bad `retrieved` or `timezone`.
    """
    opts = (options or ExtractOptions()).with_overrides(
        password=password, source_url=source_url, meeting_id=meeting_id, retrieved=retrieved, timezone=timezone,
        max_pages=max_pages, ocr=ocr, redact=redact, reader=reader)
    return analyse(path, options=opts).pack


def extract_for_output(path: str | os.PathLike[str], *, options: ExtractOptions | None = None) -> Pack:
    """`extract` for a caller that writes the pack out (`writers.write_pack`) and drops it, as the CLI and
    `batch` do: its parsed documents past `options.document_memory_mb` wait in a temporary file, so they do
    not make peak memory grow with the pack's length. `pack.documents` is then a `DocumentStore` and
    `pack.pages` a `PageRows` (`pagerows`: each page a tuple of its values): sequences that read like the
    lists `extract` gives (iterate them; `read_only` for a loop over the documents that changes nothing), not
    lists, so the pack is meant for `write_pack` (or `.materialize()` the documents and `list()` the pages
    first)."""
    opts = options or ExtractOptions()
    return analyse(path, options=opts, documents=DocumentStore(budget_mb=opts.document_memory_mb)).pack


def analyse(path: str | os.PathLike[str], password: str | None = None, *, options: ExtractOptions | None = None,
            provenance: Provenance | None = None, max_pages: int | None = None, ocr: bool | None = None,
            redact: bool | None = None, reader: str | None = None,
            documents: DocumentStore | None = None) -> Analysis:
    """Like `extract`, keeping the pages with their furniture and lines (`provenance` as given, unchecked);
    the documents go to `documents` when given (see `extract_for_output`)."""
    opts = (options or ExtractOptions()).with_overrides(password=password, max_pages=max_pages, ocr=ocr,
                                                         redact=redact, reader=reader)
    provenance = provenance if provenance is not None else opts.provenance()
    store = PageStore(budget_mb=opts.page_memory_mb)
    with fewer_collections():
        read = read_pdf(path, password=opts.password, max_pages=opts.max_pages, reader=opts.reader, store=store)
        collect_after_reading()
        run = run_stages(Run(read=read, file_name=Path(path).name, options=opts, provenance=provenance,
                             store=store, documents=documents if documents is not None else []))
    assert run.pack is not None
    return Analysis(pack=run.pack, pages=run.pages, read=read)


def build_pack(read: ReadPDF, file_name: str,
               provenance: Provenance | None = None) -> tuple[Pack, list[PageFurniture]]:
    """Everything after reading, without OCR or redaction: furniture, splitting, parsing, ids and checks."""
    run = run_stages(Run(read=read, file_name=file_name, provenance=provenance))
    assert run.pack is not None
    return run.pack, run.pages
