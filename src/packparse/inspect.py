"""`packparse inspect`: see what was found, as a tree and drawn on the page.

For a developer chasing a wrong field: the tree shows documents, items, page kinds, tables and
warnings; the page image shows the furniture that was removed (red), the content lines that parsers
saw (blue), tables (green), where a document starts (orange) and agenda items on the front sheet
(purple). `packparse review` draws the same boxes over every page of an HTML page.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.tree import Tree

from packparse.models import BBox

if TYPE_CHECKING:  # types only: no import of that stage at run time
    from packparse.api import Analysis

COLOURS = {"page_number": "#d62728", "stamp": "#d62728", "running": "#e377c2", "line": "#1f77b4",
           "table": "#2ca02c", "document": "#ff7f0e", "agenda_item": "#9467bd"}


def pack_tree(analysis: Analysis, page: int | None = None) -> Tree:
    """A rich tree of the pack (or of one page when `page` is given)."""
    pack = analysis.pack
    m = pack.meeting
    root = Tree(f"[bold]{pack.source.file}[/] ({pack.source.pdf_pages} pages)")
    meeting = root.add("meeting")
    for field in ("council", "body", "date", "start_time", "venue", "date_of_issue"):
        meeting.add(f"{field}: {getattr(m, field)}")
    agenda = root.add(f"agenda items ({len(pack.agenda.items)})")
    for it in pack.agenda.items:
        pages = f" printed {it.printed_pages.first}-{it.printed_pages.last}" if it.printed_pages else ""
        pdf = f" pdf {it.pdf_pages.first}-{it.pdf_pages.last}" if it.pdf_pages else ""
        agenda.add(f"{it.number}. {it.title}{pages}{pdf}{' [red]exempt[/]' if it.exempt else ''}")
    docs = root.add(f"documents ({len(pack.documents)})")
    for d in pack.documents:
        if page is not None and page not in d.pdf_pages:
            continue
        node = docs.add(f"[bold]{d.kind}[/] pdf {d.pdf_pages.first}-{d.pdf_pages.last} item {d.agenda_item} "
                        f"(by {d.split_by}): {d.title}")
        for t in d.tables:
            if page is None or t.pdf_page == page:
                node.add(f"table p{t.pdf_page} {len(t.rows)}x{t.n_cols} header {t.header[:4]}")
        if d.minutes is not None:
            node.add(f"minutes: {len(d.minutes.attendance.present)} present, {len(d.minutes.items)} items, "
                     f"{sum(len(i.resolutions) for i in d.minutes.items)} resolutions")
        if d.report is not None:
            node.add(f"report of {d.report.report_of}; {len(d.report.recommendations)} recommendations")
    pages = root.add("pages")
    for p, fp in zip(pack.pages, analysis.pages, strict=True):
        if page is not None and p.pdf_page != page:
            continue
        if page is None and p.kind == "content" and p.agenda_item_stamp is None:
            continue  # the whole-pack view lists only the pages that say something
        extra = f" stamp {p.agenda_item_stamp}" if p.agenda_item_stamp else ""
        node = pages.add(f"pdf {p.pdf_page}: {p.kind}, printed {p.printed_page}{extra}")
        if page is not None:
            for label, _box in fp.removed:
                node.add(f"removed {label}")
            node.add(f"{len(fp.lines)} content lines")
    warnings = root.add(f"warnings ({len(pack.warnings)})")
    for w in pack.warnings:
        warnings.add(f"[yellow]{w.code}[/] (pdf {w.pdf_page}): {w.message}")
    return root


def page_boxes(analysis: Analysis, page: int) -> list[tuple[BBox, str, str]]:
    """What to draw on pdf page `page`: furniture, content lines, tables, a document start, agenda items."""
    fp = analysis.pages[page - 1]
    boxes: list[tuple[BBox, str, str]] = []
    for label, box in fp.removed_boxes():
        boxes.append((box, COLOURS.get(label, "#d62728"), label))
    for line in fp.lines:
        boxes.append((line.bbox, COLOURS["line"], ""))
    for raw in analysis.read.pages[page - 1].tables:
        boxes.append((raw.bbox, COLOURS["table"], "table"))
    for d in analysis.pack.documents:
        if d.pdf_pages.first == page:
            band = BBox(x0=2, top=2, x1=fp.width - 2, bottom=14)
            boxes.append((band, COLOURS["document"], f"{d.kind} starts ({d.split_by}): {d.title or ''}"[:90]))
    for it in analysis.pack.agenda.items:
        if it.bbox is not None and it.pdf_page == page:
            boxes.append((it.bbox, COLOURS["agenda_item"], f"item {it.number}"))
    return boxes


def save_page_png(analysis: Analysis, page: int, out: Path, password: str | None = None,
                  inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Draw the page with its boxes into the PNG `out`, atomically and never over the input or a PDF."""
    from packparse.reader import render_page
    from packparse.writers import write_bytes_atomic

    if password and not analysis.read.password:
        analysis.read.password = password
    picture = render_page(analysis.read, page, page_boxes(analysis, page))
    buf = io.BytesIO()
    picture.save(buf, format="PNG")
    write_bytes_atomic(out, buf.getvalue(), [analysis.read.path, *inputs])
    return out
