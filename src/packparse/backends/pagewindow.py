"""pdfplumber's pages of one file, made as the PDFium reader asks for them and forgotten soon after.

Why: PDFium reads the pages; the structure pass (pdfminer, through pdfplumber) only gives each page's boxes
and rotation, the outline, and pdfminer's objects for the guards. pdfplumber makes every `Page` of the file
at once and keeps them until the file is closed, each a reference cycle (a page is its own root page and
caches one of its own methods), and pdfminer keeps every object it parsed (page dictionaries, content
streams with their bytes) until then too: the read's memory grew with the pack's length (3.4 MB of pages
for a 704-page file). The window makes every page once up front (the count, each page's size and id: a
broken or looping page tree fails there, as with pdfplumber's list), then again as the reader asks for
pages in order; it keeps the last few, breaks each forgotten page's cycles so that reference counting frees
it, and empties pdfminer's object cache every `FORGET_EVERY` pages (what is asked for again is parsed again).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any

KEEP = 4  # pages kept after they were asked for (a page is asked for a few times while it is read)
FORGET_EVERY = 64  # pages made between two emptyings of pdfminer's object cache


class PageWindow(Sequence[Any]):
    """Stands in for `pdfplumber.PDF.pages` (install with `install`): the same `Page` objects, made lazily."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self._count: int | None = None
        self._walk: Iterator[Any] | None = None
        self._next = 0  # index of the page the walk makes next
        self._doctop = 0.0
        self._kept: OrderedDict[int, Any] = OrderedDict()

    @classmethod
    def install(cls, pdf: Any) -> PageWindow:
        window = cls(pdf)
        pdf._pages = window  # pdfplumber's `pages` gives `_pages` once it is set
        return window

    def __len__(self) -> int:
        if self._count is None:
            self._survey()
        assert self._count is not None
        return self._count

    @property
    def sizes(self) -> list[tuple[float, float]]:
        """(width, height) of every page, as pdfplumber's pages give them."""
        len(self)
        return self._sizes

    @property
    def page_ids(self) -> list[int]:
        """pdfminer's object id of every page's dictionary (what outline entries point at)."""
        len(self)
        return self._page_ids

    def _survey(self) -> None:
        """One walk of the page tree making every page once, as pdfplumber does before it counts them: the
        count, and each page's size and id for the checks and the outline that follow."""
        self._sizes: list[tuple[float, float]] = []
        self._page_ids: list[int] = []
        self._walk, self._next, self._doctop = None, 0, 0.0
        while True:
            try:
                page = self._make(self._next)
            except IndexError:
                break
            self._sizes.append((float(page.width), float(page.height)))
            self._page_ids.append(page.page_obj.pageid)
            _forget(page)
        self._count = self._next
        self._walk, self._next, self._doctop = None, 0, 0.0
        self._forget_objects()

    def __getitem__(self, index: int) -> Any:  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        page = self._kept.get(index)
        if page is not None:
            self._kept.move_to_end(index)
            return page
        if index < self._next:  # asked for again after it was forgotten: walk from the start
            self._walk, self._next, self._doctop = None, 0, 0.0
        while self._next < index:  # pages not asked for (a partial read)
            _forget(self._make(self._next))
        page = self._make(index)
        self._kept[index] = page
        while len(self._kept) > KEEP:
            _, old = self._kept.popitem(last=False)
            _forget(old)
        return page

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self)):
            yield self[index]

    def close(self) -> None:
        while self._kept:
            _forget(self._kept.popitem()[1])
        self._walk = None

    def _make(self, index: int) -> Any:
        from pdfplumber.page import Page

        if self._walk is None:
            self._walk = self._pdfminer_pages()
        try:
            page_obj = next(self._walk)
        except StopIteration:
            raise IndexError(index) from None
        page = Page(self.pdf, page_obj, page_number=index + 1, initial_doctop=self._doctop)
        self._doctop += page.height
        self._next = index + 1
        if self._next % FORGET_EVERY == 0:
            self._forget_objects()
        return page

    def _forget_objects(self) -> None:
        """Empty pdfminer's cache of the objects it parsed (page dictionaries, content streams with their
        bytes, fonts): it keeps every one until the file is closed, so it grows with the pages walked.
        Whatever is asked for again is parsed again from the file. Its decoded object streams stay cached:
        emptied too, they would be decoded again after every emptying (50 ms more on the Durham pack)."""
        cache = getattr(getattr(self.pdf, "doc", None), "_cached_objs", None)
        if isinstance(cache, dict):
            cache.clear()

    def _pdfminer_pages(self) -> Iterator[Any]:
        from pdfminer.pdfpage import PDFPage
        from pdfplumber.utils.exceptions import PdfminerException

        walk = PDFPage.create_pages(self.pdf.doc)
        while True:
            try:
                yield next(walk)
            except StopIteration:
                return
            except Exception as exc:  # as pdfplumber wraps what pdfminer raises walking the tree
                raise PdfminerException(exc) from exc


def _forget(page: Any) -> None:
    """Break the page's cycles (it is its own `root_page`, and its cached method holds it) so that it is
    freed when dropped."""
    page.close()
    page.__dict__.pop("get_textmap", None)
    page.root_page = None
