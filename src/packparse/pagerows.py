"""A pack's `pages` as plain rows, for a pack that is written out and dropped (`api.extract_for_output`).

Why: a `Page` model takes ~1 KB of Python objects (its field dict and fields-set), a row of its values ~150
bytes; on a 4,928-page file the list of models was ~5 MB of the peak, made at the very end of the run, on
top of everything else. `PageRows` reads like the list `extract` gives: indexing or iterating it makes each
`Page` as it is asked for (not validated again: its values came from a validated one). The writer streams it
a page at a time (`writers.pack_json_chunks`), like the documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from packparse.models import Page

_FIELDS = tuple(Page.model_fields)


class PageRows(Sequence[Page]):
    """Pages kept as tuples of their field values, in `Page`'s field order."""

    __slots__ = ("_rows",)

    def __init__(self, pages: Iterable[Page] = ()) -> None:
        self._rows: list[tuple[Any, ...]] = []
        for page in pages:
            self.append(page)

    def append(self, page: Page) -> None:
        self._rows.append(tuple(getattr(page, name) for name in _FIELDS))

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Page: ...
    @overload
    def __getitem__(self, index: slice) -> list[Page]: ...
    def __getitem__(self, index: int | slice) -> Page | list[Page]:
        if isinstance(index, slice):
            return [_page(row) for row in self._rows[index]]
        return _page(self._rows[index])

    def __iter__(self) -> Iterator[Page]:
        return (_page(row) for row in self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable like one

    def __repr__(self) -> str:
        return f"PageRows({len(self)} pages)"


def _page(row: tuple[Any, ...]) -> Page:
    return Page.model_construct(**dict(zip(_FIELDS, row, strict=True)))
