"""A written-out pack's pages kept as rows read like the list of `Page`s `extract` gives, and are written the
same, a page at a time."""

from __future__ import annotations

import pickle

from packparse.models import Pack, Page, Source
from packparse.pagerows import PageRows
from packparse.writers import pack_json_bytes, pack_json_chunks

PAGES = [Page(pdf_page=1, printed_page=None, kind="content", width=595.3, height=841.9, needs_ocr=False),
         Page(pdf_page=2, printed_page=7, kind="image_only", width=841.9, height=595.3, agenda_item_stamp="4",
              needs_ocr=True)]


def test_rows_read_as_the_pages_they_were_made_from():
    rows = PageRows(PAGES)
    assert len(rows) == 2 and rows == PAGES and list(rows) == PAGES and rows[1:] == PAGES[1:]
    assert rows[1].agenda_item_stamp == "4" and rows[-1].needs_ocr and rows[0].printed_page is None
    assert rows[1].model_fields_set == PAGES[1].model_fields_set
    assert pickle.loads(pickle.dumps(rows)) == PAGES  # to the parent of a limited child


def test_a_pack_with_rows_is_written_as_one_with_the_list():
    source = Source(file="x.pdf", sha256="0" * 64, pdf_pages=2, bytes=10)
    listed = Pack(source=source, pages=PAGES)
    rowed = Pack(source=source)
    rowed.pages = PageRows(PAGES)  # type: ignore[assignment]
    assert b"".join(pack_json_chunks(rowed)) == pack_json_bytes(listed)
    empty = Pack(source=source)
    assert b"".join(pack_json_chunks(empty)) == pack_json_bytes(empty)  # "documents": [], "pages": []
