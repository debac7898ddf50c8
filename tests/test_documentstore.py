"""The document store: parsed documents past the memory budget wait in a temporary file, and every stage
after the parsers, the writer and the CLI give the same output as with the documents in memory.

The corpus tests check the property that matters: a pack extracted for output with every document spilled
(budget 0) is written byte for byte as `extract()`'s pack, with and without redaction.
"""

from __future__ import annotations

import errno
import pickle
import tempfile

import pytest

import packparse
from packparse import documentstore
from packparse.api import extract_for_output
from packparse.documentstore import DocumentStore, read_only
from packparse.models import Document, Minutes, PageRange
from packparse.options import ExtractOptions
from packparse.pagerows import PageRows
from packparse.writers import pack_json_bytes, pack_json_chunks, write_pack
from tests.corpus import extracted, needs_corpus, pdf_path


def _doc(n: int, kind: str = "report", text: str = "") -> Document:
    return Document(kind=kind, title=f"Document {n}", pdf_pages=PageRange(first=n, last=n), text=text or f"text {n}")


def test_spilled_documents_read_back_equal_and_count_without_reading():
    docs = [_doc(n) for n in range(1, 4)]
    store = DocumentStore(budget_mb=0)
    for d in docs:
        store.append(d)
    assert len(store) == 3 and store and store.spilled == 3 and store.loads == 0
    assert list(store.read_only()) == docs and store.materialize() == docs
    assert store[1] == docs[1] and store[-1].title == "Document 3" and store[1:] == docs[1:]
    assert store[0] is not docs[0]  # read back: a copy
    assert repr(store) == "DocumentStore(3 documents, 3 spilled)"
    store.close()
    assert store.materialize() == docs  # closing keeps the documents, in memory


def test_the_budget_keeps_the_first_documents_in_memory():
    small, big = _doc(1), _doc(2, text="x" * 100_000)
    store = DocumentStore(budget_mb=0.02)
    store.append(small)
    store.append(big)
    store.append(_doc(3))  # after a spilled one, a small one may still fit
    assert store[0] is small and store.spilled == 1 and store[1] == big
    assert DocumentStore(budget_mb=0).budget == 0 and not DocumentStore()


def test_a_loop_keeps_its_edits_an_index_does_not():
    store = DocumentStore(budget_mb=0)
    for n in (1, 2, 3):
        store.append(_doc(n))
    for d in store:
        d.title = d.title.upper()
    assert [d.title for d in store.read_only()] == ["DOCUMENT 1", "DOCUMENT 2", "DOCUMENT 3"]
    store[0].title = "lost"  # a copy
    assert store[0].title == "DOCUMENT 1"
    copy = store[1]
    copy.minutes = Minutes(body="Cabinet")
    store[1] = copy
    assert store[1].minutes is not None and store[1].minutes.body == "Cabinet"
    for d in read_only(store):
        d.title = "not kept"
    assert store[2].title == "DOCUMENT 3"
    for d in store:  # a loop that stops early still keeps the document it stopped on
        d.agenda_item = "4"
        break
    assert store[0].agenda_item == "4" and store[1].agenda_item is None
    assert read_only(docs := [_doc(1)]) is docs  # a plain list is its own read-only view


def test_a_store_pickles_with_its_documents_in_memory():
    """As `run_limited` hands a pack from its child to the parent."""
    store = DocumentStore(budget_mb=0)
    for n in (1, 2):
        store.append(_doc(n))
    back = pickle.loads(pickle.dumps(store))
    store.close()
    assert isinstance(back, DocumentStore) and back.spilled == 2 and back.materialize() == [_doc(1), _doc(2)]
    for d in back:  # still editable on the other side
        d.text = "edited"
    assert [d.text for d in back.read_only()] == ["edited", "edited"]


def test_a_file_that_cannot_be_written_keeps_the_documents_in_memory(monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    store = DocumentStore(budget_mb=0)
    docs = [_doc(1), _doc(2)]
    for d in docs:
        store.append(d)
    assert store.spilled == 0 and store[0] is docs[0] and store.materialize() == docs
    assert store.notes == ["documents could not be written to a temporary file (No space left on device); "
                           "they are held in memory"]


@needs_corpus
def test_a_store_that_could_not_write_says_so_in_the_pack(monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    pdf = pdf_path("durham_cpp_2022-12-16_agenda_pack")
    pack = extract_for_output(pdf, options=ExtractOptions(document_memory_mb=0, page_memory_mb=100))
    assert pack.documents.spilled == 0 and len(pack.documents) == 12
    notes = [w.message for w in pack.warnings if w.code == "reader"]
    assert notes == ["documents could not be written to a temporary file (No space left on device); "
                     "they are held in memory"]


def test_the_default_budget_is_the_options():
    assert ExtractOptions().document_memory_mb == documentstore.DEFAULT_DOCUMENT_MEMORY_MB == 1
    assert ExtractOptions(document_memory_mb=0).document_memory_mb == 0
    with pytest.raises(ValueError):
        ExtractOptions(document_memory_mb=-1)


@needs_corpus
@pytest.mark.parametrize("redact", [False, True])
def test_a_pack_with_every_document_spilled_is_written_as_in_memory(tmp_path, redact):
    pdf = pdf_path("durham_cpp_2022-12-16_agenda_pack")
    options = ExtractOptions(document_memory_mb=0, redact=redact)
    pack = extract_for_output(pdf, options=options)
    assert isinstance(pack.documents, DocumentStore) and pack.documents.spilled == len(pack.documents) == 12
    in_memory = extracted(pdf.stem) if not redact else packparse.extract(pdf, redact=True)
    expected = pack_json_bytes(in_memory)
    assert isinstance(pack.pages, PageRows) and pack.pages == in_memory.pages and len(pack.pages) == 88
    assert pack.pages[2].printed_page == 3 and pack.pages[-1].pdf_page == 88  # rows made Pages when asked for
    assert b"".join(pack_json_chunks(pack)) == expected
    write_pack(pack, tmp_path / "pack.json")
    assert (tmp_path / "pack.json").read_bytes() == expected + b"\n"
    minutes = next(d for d in pack.documents.read_only() if d.kind == "minutes")
    assert minutes.id is not None and minutes.id.endswith("/doc/p3-minutes")  # ids given to spilled documents
    assert minutes.minutes is not None and minutes.minutes.body == "Corporate Parenting Panel"


@needs_corpus
def test_the_cli_pack_crosses_from_its_child_with_the_documents_stored(tmp_path):
    from packparse.cli import _parse

    pdf = pdf_path("kent_cabinet_2025-01-30_public_reports_pack")
    pack = _parse(pdf, ExtractOptions(document_memory_mb=0.5), for_output=True)
    assert isinstance(pack.documents, DocumentStore) and 0 < pack.documents.spilled < len(pack.documents)
    assert b"".join(pack_json_chunks(pack)) == pack_json_bytes(extracted(pdf.stem))
