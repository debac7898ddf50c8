"""Where a pack's parsed documents wait to be written: in memory up to a budget, beyond it in a temporary file.

Why: the parsed documents of a pack are its output, 0.7-2 MB of Python objects per 100 pages, and every stage
after the parsers (meeting, ids, checks, redaction) and the writer walk them. A caller that writes the pack
out and drops it (the CLI, `batch`, `make bench`) never needs them all at once, so holding them all makes its
peak memory grow with the pack's length. The store keeps the first documents in memory until `budget_mb` is
spent and pickles every later one into an anonymous temporary file (deleted when closed, by the OS even after
a crash), like `PageStore` does with pages.

Stages never know: the store reads like a list. Iterating it hands out each document in turn, read back for
a spilled one, and writes back whatever the loop changed in it when the loop moves on (`read_only` skips that
for a loop that only reads). Indexing gives a copy: a change to it is not kept.

`extract()` never uses one: a `Pack` it returns holds a plain list.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from packparse.models import Document
from packparse.options import DEFAULT_DOCUMENT_MEMORY_MB
from packparse.spillfile import SpillFile

# Python objects a document takes against its pickle (measured: Kent cabinet's 32 documents are 2.2 MB
# pickled and 9.4 MB of objects read back).
_LIVE_PER_PICKLED = 4.0


class _Record:
    """Where a spilled document is: a span of the store's file, or (once pickled to another process, or
    when the file could not be written) its pickle in memory."""

    __slots__ = ("data", "length", "offset")

    def __init__(self, offset: int = 0, length: int = 0, data: bytes | None = None) -> None:
        self.offset, self.length, self.data = offset, length, data


class DocumentStore(Sequence[Document]):
    """The documents of one pack, in order: the first in memory up to `budget_mb`, the rest in a temporary file."""

    def __init__(self, budget_mb: float = DEFAULT_DOCUMENT_MEMORY_MB,
                 documents: Iterable[Document | _Record] = ()) -> None:
        self.budget = int(budget_mb * 2**20)
        self.used = 0
        self.loads = 0  # spilled documents read back (for tests and measurements)
        self._items: list[Document | _Record] = list(documents)
        self._file = SpillFile("packparse-documents-", "the document store", "documents")

    def append(self, document: Document) -> None:
        data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        cost = int(_LIVE_PER_PICKLED * len(data))
        if self.used + cost <= self.budget:
            self.used += cost
            self._items.append(document)
        else:
            self._items.append(self._spill(data, document))

    @property
    def notes(self) -> list[str]:
        """Why documents were held in memory after all (the file could not be written)."""
        return self._file.notes

    @property
    def spilled(self) -> int:
        return sum(1 for item in self._items if isinstance(item, _Record))

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    @overload
    def __getitem__(self, index: int) -> Document: ...
    @overload
    def __getitem__(self, index: slice) -> list[Document]: ...
    def __getitem__(self, index: int | slice) -> Document | list[Document]:
        """A document (a spilled one read back: a copy, whose changes are not kept)."""
        if isinstance(index, slice):
            return [self._load(item) for item in self._items[index]]
        return self._load(self._items[index])

    def __setitem__(self, index: int, document: Document) -> None:
        """Put `document` in place `index` (a spilled one is written out again)."""
        if isinstance(self._items[index], _Record):
            self._items[index] = self._spill(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL), document)
        else:
            self._items[index] = document

    def __iter__(self) -> Iterator[Document]:
        """Each document; what the loop changed in a spilled one is written back when the loop moves on."""
        for i, item in enumerate(self._items):
            if not isinstance(item, _Record):
                yield item
                continue
            document = self._load(item)
            try:
                yield document
            finally:  # also when the loop stops early
                self._items[i] = self._spill(pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL), document)

    def read_only(self) -> Iterator[Document]:
        """Each document, for a loop that changes none (nothing is written back)."""
        return (item if not isinstance(item, _Record) else self._load(item) for item in self._items)

    def materialize(self) -> list[Document]:
        """Every document in memory, as a list."""
        return list(self.read_only())

    def close(self) -> None:
        """Delete the temporary file (also done when the store is garbage-collected)."""
        if self._file.is_open:
            self._items = [self._in_memory(item) for item in self._items]
            self._file.close()

    def __reduce__(self) -> tuple:
        """Pickled (to the parent of a limited child, say) with its spilled documents as their pickles."""
        return (DocumentStore, (self.budget / 2**20, [self._in_memory(item) for item in self._items]))

    def __repr__(self) -> str:
        return f"DocumentStore({len(self)} documents, {self.spilled} spilled)"

    # -- records -------------------------------------------------------------------------------------

    def _spill(self, data: bytes, document: Document) -> Document | _Record:
        """`data` (the pickle of `document`) written to the file; the document itself when it cannot be
        written (see `SpillFile.try_append`): it stays in memory."""
        offset = self._file.try_append(data)
        return document if offset is None else _Record(offset, len(data))

    def _read(self, record: _Record) -> bytes:
        return record.data if record.data is not None else self._file.read(record.offset, record.length)

    def _load(self, item: Document | _Record) -> Document:
        if not isinstance(item, _Record):
            return item
        self.loads += 1
        document: Document = pickle.loads(self._read(item))
        return document

    def _in_memory(self, item: Document | _Record) -> Document | _Record:
        return item if not isinstance(item, _Record) or item.data is not None else _Record(data=self._read(item))


def read_only(documents: Sequence[Document]) -> Iterable[Document]:
    """The documents of a list or a `DocumentStore`, for a loop that changes none of them."""
    return documents.read_only() if isinstance(documents, DocumentStore) else documents
