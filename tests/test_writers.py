"""The JSON writer: a pack written a document at a time is the same bytes as the pack serialized whole,
and a write that stops half way leaves nothing behind (nor touches the file it would replace)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from packparse.models import Pack, Source
from packparse.writers import pack_json_bytes, pack_json_chunks, write_chunks_atomic, write_pack
from tests.corpus import extracted, needs_corpus


@needs_corpus
@pytest.mark.parametrize("stem", ["durham_cpp_2022-12-16_agenda_pack", "kent_cabinet_2025-01-30_printed_minutes",
                                  "milburn_pc_2019_accounts_scanned"])
def test_documents_and_pages_one_at_a_time_give_the_whole_json(stem: str) -> None:
    pack = extracted(stem)
    chunks = list(pack_json_chunks(pack))
    assert len(chunks) == len(pack.documents) + len(pack.pages) + 3  # the frame in three, each document and page
    assert b"".join(chunks) == pack_json_bytes(pack)


@needs_corpus
def test_the_written_file_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "durham.json"
    write_pack(extracted("durham_cpp_2022-12-16_agenda_pack"), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    titles = [(d["kind"], d["title"], d["pdf_pages"]) for d in data["documents"]]
    assert titles[2] == ("report", "Annual Summary Report of the Children Looked After Strategic Partnership "
                                   "(CLASP)", {"first": 9, "last": 15})
    assert titles[5][1] == "County Durham Corporate Parenting Panel: Performance Management Framework"
    assert len(titles) == 12 and data["source"]["pdf_pages"] == 88 and out.read_bytes().endswith(b"}\n")


def test_a_pack_without_documents_or_pages_is_its_frame() -> None:
    pack = Pack(source=Source(file="x.pdf", sha256="0" * 64, pdf_pages=1, bytes=10))
    chunks = list(pack_json_chunks(pack))
    assert len(chunks) == 3 and b"".join(chunks) == pack_json_bytes(pack)
    assert b'\n  "documents": [],\n' in pack_json_bytes(pack)


def test_a_write_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "pack.json"
    out.write_bytes(b"the old file\n")

    def chunks():
        yield b'{"half": '
        raise MemoryError  # what a serializer running out of memory raises

    with pytest.raises(MemoryError):
        write_chunks_atomic(out, chunks(), end=b"\n")
    assert out.read_bytes() == b"the old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.json"]  # no temporary file left


@needs_corpus
def test_standard_output_gets_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    pack = extracted("kent_cabinet_2025-01-30_printed_minutes")
    binary = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(binary, encoding="utf-8"))
    write_pack(pack, "-")
    assert binary.getvalue() == pack_json_bytes(pack) + b"\n"
    text = io.StringIO()  # a text-only stream, as an embedding application may give
    monkeypatch.setattr(sys, "stdout", text)
    write_pack(pack, "-")
    assert text.getvalue().encode("utf-8") == pack_json_bytes(pack) + b"\n"
