"""The PDFium reader's structure pass makes pdfplumber's pages as they are asked for and forgets them: the
same pages and sizes as pdfplumber's own list, with no page tree left alive or to the garbage collector."""

from __future__ import annotations

import gc

import pdfplumber
import pytest

from packparse.backends.pagewindow import FORGET_EVERY, KEEP, PageWindow
from packparse.gcpolicy import fewer_collections
from packparse.reader import read_pages, read_pdf
from tests.corpus import needs_corpus, pdf_path

pytestmark = needs_corpus


def test_the_window_gives_pdfplumbers_pages_one_at_a_time():
    path = pdf_path("durham_cpp_2022-12-16_agenda_pack")
    with pdfplumber.open(path) as plain:
        sizes = [(float(p.width), float(p.height)) for p in plain.pages]
        ids = [p.page_obj.pageid for p in plain.pages]
        boxes = [(p.mediabox, p.rotation, p.initial_doctop) for p in plain.pages]
    pdf = pdfplumber.open(path)
    try:
        window = PageWindow.install(pdf)
        assert pdf.pages is window and len(window) == 88 and window.sizes == sizes and window.page_ids == ids
        assert [(p.mediabox, p.rotation, p.initial_doctop) for p in window] == boxes
        assert window[87] is window[-1] and window[86].page_number == 87 and len(window._kept) == KEEP
        assert window[3].page_number == 4  # asked for again after it was forgotten: walked to again
        assert len(pdf.doc._cached_objs) < 3 * FORGET_EVERY  # pdfminer's cache is emptied as pages are made
        with pytest.raises(IndexError):
            window[88]
    finally:
        pdf.close()  # pdfplumber's own close walks every page: still works


def test_reading_leaves_no_page_tree_for_the_collector():
    """pdfplumber's pages are reference cycles: made all at once and closed by pdfplumber (which makes them
    all once more), every page was garbage only a full collection could free."""
    path = pdf_path("durham_cpp_2022-12-16_agenda_pack")
    with fewer_collections():
        gc.collect()
        read = read_pdf(path)
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            pages = [o for o in gc.garbage if type(o).__name__ in ("Page", "PDFPage")]
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
    assert len(read.pages) == 88 and read.reader == "pdfium" and pages == []


def test_a_partial_read_skips_pages_without_keeping_them():
    path = pdf_path("durham_cpp_2022-12-16_agenda_pack")
    read = read_pages(path, [2, 40, 88])
    whole = read_pdf(path)
    assert [p.pdf_page for p in read.pages] == [2, 40, 88]
    assert read.pages[0].lines[0].text == "Part B"
    assert [[ln.text for ln in p.lines] for p in read.pages] == [
        [ln.text for ln in whole.pages[n - 1].lines] for n in (2, 40, 88)]
