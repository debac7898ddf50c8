"""Fewer garbage-collector passes while a pack is parsed.

A pack's pages (hundreds of thousands of small Word and Line objects) stay alive until the pack is built,
and CPython's default thresholds re-examine young survivors every 700 net allocations: on the 462-page
corpus pack that was 8,600 collections and 5.8 s of a 40 s extract. With the thresholds raised while
parsing, it took 10 collections (0.15 s) at the same peak memory (144 MB against 142 MB), because what a
page leaves behind is freed by reference counting when the page is closed, not by the collector.

What the reader's structure pass leaves is the exception: pdfplumber's page objects hold caches of their
own methods, so with the pdfplumber reader the file's page tree is cyclic garbage once the file is closed,
~10 KB a page that only a full pass frees (`collect_after_reading`; the PDFium reader's structure pass
breaks those cycles page by page, `backends.pagewindow`). Everything alive before the parse (modules, the
caller's objects) is frozen for its duration, so that pass looks at the parse's own objects only (Durham:
10 ms, not 35).
The C heap's free pages are given back to the system then too (glibc's `malloc_trim`).

While reading, a full pass every `READ_COLLECT_EVERY` pages (`collect_while_reading`) keeps the read's
memory from creeping up with the file's length: it empties the interpreter's free lists of small objects
(only a full pass does), which otherwise pin the small-object allocator's pools. Measured on the Durham pack
16 and 56 times over: peak of the read 74.6 -> 72.2 MB at 1,408 pages, 88.6 -> 84.9 MB at 4,928, for 0.3 s
of 37 s.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PARSING_THRESHOLDS = (50_000, 20, 100)
READ_COLLECT_EVERY = 256  # pages


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the collector's thresholds for the duration, then put back the caller's."""
    before = gc.get_threshold()
    if not gc.isenabled() or before[0] >= PARSING_THRESHOLDS[0]:
        yield  # the caller chose its own policy
        return
    freeze = gc.get_freeze_count() == 0  # never thaw what the caller froze itself (before a fork, say)
    if freeze:
        gc.freeze()
    gc.set_threshold(*PARSING_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if freeze:
            gc.unfreeze()


def collect_while_reading(pages_read: int) -> None:
    """A full pass after every `READ_COLLECT_EVERY` pages read, while `fewer_collections` holds."""
    if pages_read % READ_COLLECT_EVERY == 0 and _parsing():
        gc.collect()


def _parsing() -> bool:
    return gc.isenabled() and gc.get_threshold()[0] >= PARSING_THRESHOLDS[0]


def collect_after_reading() -> None:
    """Free the closed file's page tree now, for the stages after reading to reuse its memory, and give the
    C heap's free pages back (what PDFium and the reader's buffers freed: 1.7 MB less peak on a 1,408-page
    file, 0.8 on a 704-page one)."""
    if _parsing():
        gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's `malloc_trim`, or None where there is none (macOS, Windows, musl)."""
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError, ImportError):
        return None
