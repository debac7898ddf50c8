"""Where the page model lives while a pack is parsed: in memory up to a budget, beyond it in a temporary file.

Why: a page's lines (words with font and position) take ~35 KB of Python objects on a dense pack, and every
stage after the reader wants them until the pack is built, so holding all of them makes peak memory grow
with pack length (the 462-page Kent pack: +22 MB; a 5,000-page archive volume would need ten times that).
The store keeps the lines of the first pages it sees in memory until `budget_mb` is spent and writes the
lines of every later page to one anonymous temporary file (deleted when closed, by the OS even after a
crash), handing back a `SpilledLines` that reads them again when a stage asks. Stages never know:
`page.lines` reads like a list. A small cache of the pages read last keeps a document's pages at hand while
its parser walks them, and gives the same `Line` objects to repeated reads of one page.

The reader's candidate tables of a spilled page wait in the file too (`keep_tables`, `SpilledTables`) until
the parse stage reads them.

A page is decided once, the first time the store sees it (the reader's pass): the furniture stage's lines
of a page kept in memory stay in memory, those of a spilled page are spilled too. Spilled lines are read-only;
a stage that edits a page's lines hands the edited list to `keep` again.
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

from packparse.options import DEFAULT_PAGE_MEMORY_MB
from packparse.pagemodel import Line, RawTable, Word
from packparse.spillfile import SpillFile

T = TypeVar("T")

CACHE_PAGES = 48  # spilled pages read back and kept at hand (a long report's pages, a front sheet)
# Python objects a line and a word take, for the budget (measured: Kent's 13,485 lines and 137,846 words
# are 16.7 MB once decoded).
_LINE_BYTES = 200
_WORD_BYTES = 100

_Record = tuple[str, float, float, float, float, int, tuple[tuple[str, float, float, float, float, str, float, bool],
                                                           ...]]


class PageStore:
    """The lines of one pack's pages: the first in memory up to `budget_mb`, the rest in a temporary file."""

    def __init__(self, budget_mb: float = DEFAULT_PAGE_MEMORY_MB, cache_pages: int = CACHE_PAGES) -> None:
        self.budget = int(budget_mb * 2**20)
        self.used = 0
        self.cache_pages = max(1, cache_pages)
        self.loads = 0  # spilled pages read back (for `make bench`)
        self._resident: dict[int, bool] = {}  # pdf page -> kept in memory
        self._file = SpillFile("packparse-pages-", "the page store", "pages")
        self._cache: OrderedDict[int, list[Line] | list[RawTable]] = OrderedDict()  # record offset -> its items

    def keep(self, pdf_page: int, lines: list[Line]) -> list[Line] | SpilledLines:
        """`lines` of `pdf_page` as the page model should hold them: the list itself while the budget lasts
        (and always for a page kept in memory before), else a `SpilledLines` over their record."""
        resident = self._resident.get(pdf_page)
        if resident is None:
            cost = _cost(lines)
            resident = self.used + cost <= self.budget
            self._resident[pdf_page] = resident
            if resident:
                self.used += cost
        if resident or not lines:
            return lines
        offset, length = self._spill(pickle.dumps(tuple(_record(ln) for ln in lines), protocol=pickle.HIGHEST_PROTOCOL))
        return lines if offset is None else SpilledLines(self, offset, length, len(lines))

    def keep_tables(self, pdf_page: int, tables: list[RawTable]) -> list[RawTable] | SpilledTables:
        """The reader's candidate tables of `pdf_page` (after `keep` saw its lines): spilled with the page
        (they wait for the parse stage: ~0.6 KB a page on a pack of tables), else the list itself."""
        if self._resident.get(pdf_page, True) or not tables:
            return tables
        offset, length = self._spill(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
        return tables if offset is None else SpilledTables(self, offset, length, len(tables))

    @property
    def notes(self) -> list[str]:
        """Why pages were held in memory after all (the file could not be written)."""
        return self._file.notes

    @property
    def spilled_pages(self) -> int:
        """Pages whose lines were spilled (the furniture stage keeps a page's heading lines under -pdf_page)."""
        return sum(1 for page, resident in self._resident.items() if page > 0 and not resident)

    def close(self) -> None:
        """Delete the temporary file (also done when the store is garbage-collected)."""
        self._cache.clear()
        self._file.close()

    # -- records -------------------------------------------------------------------------------------

    def _spill(self, data: bytes) -> tuple[int | None, int]:
        """`data` written to the file: its offset and length; None when it cannot be written (see
        `SpillFile.try_append`): the caller keeps what it is the pickle of in memory, as every page from then on."""
        offset = self._file.try_append(data)
        if offset is None:
            self.budget = 1 << 62
            for page in self._resident:
                self._resident[page] = True
            return None, 0
        return offset, len(data)

    def _lines(self, offset: int, length: int) -> list[Line]:
        cached = self._cache.get(offset)
        if cached is not None:
            self._cache.move_to_end(offset)
            return cached  # type: ignore[return-value]
        lines = [_line(record) for record in pickle.loads(self._file.read(offset, length))]
        self.loads += 1
        self._remember(offset, lines)
        return lines

    def _tables(self, offset: int, length: int) -> list[RawTable]:
        cached = self._cache.get(offset)
        if cached is not None:
            self._cache.move_to_end(offset)
            return cached  # type: ignore[return-value]
        tables: list[RawTable] = pickle.loads(self._file.read(offset, length))
        self._remember(offset, tables)
        return tables

    def _remember(self, offset: int, lines: list[Line] | list[RawTable]) -> None:
        self._cache[offset] = lines
        if len(self._cache) > self.cache_pages:
            self._cache.popitem(last=False)


class _Spilled(Sequence[T]):
    """A page's items kept in the store's file, read back (through its cache) when a stage asks: reads like
    the list it stands for."""

    __slots__ = ("_count", "_length", "_offset", "_store")

    def __init__(self, store: PageStore, offset: int, length: int, count: int) -> None:
        self._store = store
        self._offset = offset
        self._length = length
        self._count = count

    def _items(self) -> list[T]:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self._items()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items())

    def __reversed__(self) -> Iterator[T]:
        return reversed(self._items())

    def __contains__(self, value: object) -> bool:
        return value in self._items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self._items() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable like one

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._count} at {self._offset})"


class SpilledLines(_Spilled[Line]):
    """A page's lines kept in the store's file."""

    __slots__ = ()

    def _items(self) -> list[Line]:
        return self._store._lines(self._offset, self._length)


class SpilledTables(_Spilled[RawTable]):
    """A page's candidate tables (the reader's table finder's) kept in the store's file."""

    __slots__ = ()

    def _items(self) -> list[RawTable]:
        return self._store._tables(self._offset, self._length)


def _cost(lines: Sequence[Line]) -> int:
    return sum(_LINE_BYTES + _WORD_BYTES * len(ln.words) for ln in lines)


def _record(line: Line) -> _Record:
    return (line.text, line.x0, line.top, line.x1, line.bottom, line.pdf_page,
            tuple((w.text, w.x0, w.top, w.x1, w.bottom, w.fontname, w.size, w.vertical) for w in line.words))


def _line(record: _Record) -> Line:
    text, x0, top, x1, bottom, pdf_page, words = record
    line = Line([], text, x0, top, x1, bottom, pdf_page)  # no words: __post_init__ leaves the rest as given
    line.words = [Word(*w) for w in words]
    return line
