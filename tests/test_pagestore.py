"""The page store: pages beyond the memory budget wait in a temporary file and read back unchanged.

The corpus tests check the property that matters: a pack parsed with every page spilled (budget 0) gives
the same JSON as one parsed in memory, so no stage may depend on holding a page's line objects.
"""

from __future__ import annotations

import tempfile

import pytest

import packparse
from packparse import pagestore
from packparse.api import analyse
from packparse.models import BBox
from packparse.options import ExtractOptions
from packparse.pagemodel import Line, RawTable, Word
from packparse.pagestore import PageStore, SpilledLines, SpilledTables
from packparse.pdftables.geometry import FoundTable
from tests.corpus import needs_corpus, pdf_path


def _lines(page: int, n: int = 3) -> list[Line]:
    return [Line([Word(f"w{page}-{k}", 72.0 + 40 * j, 100.0 + 14 * k, 100.0 + 40 * j, 110.0 + 14 * k,
                       "Arial-BoldMT" if j == 0 else "ArialMT", 10.5) for j in range(2)], pdf_page=page)
            for k in range(n)]


def test_a_spilled_page_reads_back_equal_and_counts_without_reading():
    store = PageStore(budget_mb=0)
    lines = _lines(1)
    spilled = store.keep(1, lines)
    assert isinstance(spilled, SpilledLines)
    assert len(spilled) == 3 and spilled and store.loads == 0  # length and truth need no read
    assert list(spilled) == lines and spilled == lines
    assert spilled[0].text == "w1-0 w1-0" and spilled[0].words[1].x0 == 112.0
    assert spilled[-1].pdf_page == 1 and spilled[0].words[0].bold and not spilled[0].words[1].bold
    assert [ln.top for ln in reversed(spilled)] == [128.0, 114.0, 100.0]
    assert lines[1] in spilled and spilled[1:] == lines[1:]
    assert store.loads == 1  # every access above went through one read and the cache
    store.close()


def test_a_spilled_page_keeps_its_tables_in_the_file_too():
    store = PageStore(budget_mb=pagestore._cost(_lines(1)) / 2**20)
    tables = [FoundTable(bbox=BBox(x0=72, top=100, x1=500, bottom=300), rows=[["Ward", "Cases"], ["Esh", None]],
                         cell_styles=[["b", "b"], ["", None]], col_x=[(72.0, 300.0), (300.0, 500.0)]),
              RawTable(bbox=BBox(x0=72, top=400, x1=500, bottom=500), rows=[["a", "b"]], method="text")]
    store.keep(1, _lines(1))  # within the budget: its tables stay as they are
    assert store.keep_tables(1, tables) is tables
    store.keep(2, _lines(2))
    spilled = store.keep_tables(2, tables)
    assert isinstance(spilled, SpilledTables) and len(spilled) == 2 and spilled
    assert list(spilled) == tables and spilled[0].cell_styles == [["b", "b"], ["", None]]
    assert spilled[0].col_x == [(72.0, 300.0), (300.0, 500.0)] and spilled[1].method == "text"
    assert spilled[0] is spilled[0]  # through the cache, like lines
    assert store.keep_tables(2, []) == [] and store.keep_tables(9, tables) is tables  # none, or a page never seen
    store.close()


def test_the_budget_keeps_the_first_pages_and_decides_each_page_once():
    first, second = _lines(1, 40), _lines(2, 40)
    store = PageStore(budget_mb=pagestore._cost(first) / 2**20)
    assert store.keep(1, first) is first  # fits the budget: the list itself
    assert isinstance(store.keep(2, second), SpilledLines)
    assert store.spilled_pages == 1
    edited = first[:10]
    assert store.keep(1, edited) is edited  # a page kept in memory stays there, whatever its new size
    assert isinstance(store.keep(2, second[:5]), SpilledLines)
    assert store.keep(3, []) == []  # an empty page costs nothing and is never written
    store.close()


def test_the_cache_gives_the_same_objects_until_a_page_falls_out():
    store = PageStore(budget_mb=0, cache_pages=2)
    pages = [store.keep(n, _lines(n)) for n in (1, 2, 3)]
    a = pages[0][0]
    assert pages[0][0] is a and store.loads == 1
    pages[1][0], pages[2][0]  # two more pages read: page 1 falls out of a cache of two
    assert pages[0][0] is not a and pages[0][0] == a
    assert store.loads == 4
    store.close()
    with pytest.raises(ValueError, match="closed"):
        list(pages[1])


def test_a_file_that_cannot_be_written_keeps_the_pages_in_memory_and_says_so(monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_space)
    store = PageStore(budget_mb=0)
    lines = _lines(1)
    assert store.keep(1, lines) is lines and store.keep(2, _lines(2)) == _lines(2)
    assert store.notes == ["pages could not be written to a temporary file (No space left on device); "
                           "they are held in memory"]


def test_a_disk_that_fills_up_loses_no_page():
    class FillsUp:
        """A temporary file with room for one page's record."""

        def __init__(self) -> None:
            self.data = bytearray()
            self.at = 0

        def seek(self, offset: int) -> None:
            self.at = offset

        def write(self, view: memoryview) -> int:
            if self.data:
                raise OSError(28, "No space left on device")
            self.data[self.at:self.at + len(view)] = view
            return len(view)

        def read(self, n: int) -> bytes:
            return bytes(self.data[self.at:self.at + n])

        def close(self) -> None:
            pass

    store = PageStore(budget_mb=0)
    store._file._file = FillsUp()  # type: ignore[assignment]  # the spill file's own file
    first, second, third = _lines(1), _lines(2), _lines(3)
    kept = [store.keep(1, first), store.keep(2, second), store.keep(3, third)]
    assert isinstance(kept[0], SpilledLines) and kept[1] is second and kept[2] is third
    assert [list(k) for k in kept] == [first, second, third]
    assert store.notes and "No space left on device" in store.notes[0]


@needs_corpus
@pytest.mark.parametrize("stem", ["durham_cpp_2022-12-16_agenda_pack", "kent_cabinet_2025-01-30_printed_minutes",
                                  "sunnyvale_cc_2021-01-26_agenda"])
def test_every_page_spilled_gives_the_same_pack(stem):
    in_memory = packparse.extract(pdf_path(stem), options=ExtractOptions(page_memory_mb=1000))
    analysis = analyse(pdf_path(stem), options=ExtractOptions(page_memory_mb=0))
    spilled = sum(isinstance(p.lines, SpilledLines) for p in analysis.pages)
    assert spilled >= 0.8 * len(analysis.pages)  # the pages with any line at all
    tables = [p.tables for p in analysis.read.pages if p.tables]
    assert all(isinstance(t, SpilledTables) for t in tables)  # and the candidate tables of every page with any
    assert tables or stem != "durham_cpp_2022-12-16_agenda_pack"
    assert analysis.pack.model_dump_json() == in_memory.model_dump_json()


@needs_corpus
def test_a_pack_warns_when_its_pages_could_not_be_spilled(monkeypatch):
    monkeypatch.setattr(tempfile, "TemporaryFile",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(13, "Permission denied")))
    pack = packparse.extract(pdf_path("sunnyvale_cc_2021-01-26_agenda"), options=ExtractOptions(page_memory_mb=0))
    assert [w.message for w in pack.warnings if w.code == "reader"] == [
        "pages could not be written to a temporary file (Permission denied); they are held in memory"]
    assert pack.documents  # parsed all the same
