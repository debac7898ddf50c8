"""An input file's bytes without holding them all: hashed in chunks, scanned through a memory map whose pages
are let go behind the scan.

Why: reading the whole file into memory made peak memory grow with the file's size, not its pages: the
4,928-page ladder file (46 MB) peaked at 102 MB before its first page was read, and a scanned pack near the
512 MB limit would have needed all of that again. Hashing reads 1 MB at a time; the stream scan of the PDFium
reader (`backends.pdfium_guard`) reads the file through `mapped`, whose pages it has read are dropped from
the process every few MB (`Releaser`), so what the scan keeps resident is bounded whatever the size.
"""

from __future__ import annotations

import hashlib
import mmap
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from packparse.fileguard import open_regular

CHUNK = 1 << 20
HEAD = 1024  # where "%PDF-" must be
TAIL = 4096  # where "startxref" or "%%EOF" must be
_LET_GO_EVERY = 8 << 20  # bytes scanned between two releases of what lies behind the scan


def hash_file(path: str | os.PathLike[str]) -> tuple[str, int, bytes, bytes]:
    """sha256 of the content, its size, and its first `HEAD` and last `TAIL` bytes, read `CHUNK` at a time.
    Only a regular file is opened (`fileguard.open_regular`)."""
    h = hashlib.sha256()
    size = 0
    head = tail = b""
    with os.fdopen(open_regular(path), "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
            if len(head) < HEAD:
                head += chunk[:HEAD - len(head)]
            tail = (tail + chunk)[-TAIL:] if len(chunk) < TAIL else chunk[-TAIL:]
    return h.hexdigest(), size, head, tail


@contextmanager
def mapped(path: str | os.PathLike[str]) -> Iterator[bytes | mmap.mmap]:
    """The file's bytes as a read-only memory map (what the kernel reads in on demand), or read whole where
    the file cannot be mapped. Slices of it are `bytes`, and the `re` module searches it as it does bytes."""
    try:
        with Path(path).open("rb") as fh:
            view: bytes | mmap.mmap = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # a file system without mmap
        view = Path(path).read_bytes()
    try:
        yield view
    finally:
        if isinstance(view, mmap.mmap):
            with suppress(BufferError):  # a match object still points into it: unmapped when that goes
                view.close()


class Releaser:
    """Lets go of a memory map's pages behind a forward scan, every `_LET_GO_EVERY` bytes: they are dropped from
    the process (the kernel reads them again should the scan look back). Does nothing for plain bytes, or
    where `madvise` is missing (Windows)."""

    def __init__(self, view: bytes | mmap.mmap) -> None:
        self._view = view if isinstance(view, mmap.mmap) and hasattr(view, "madvise") else None
        self._done = 0

    def let_go_before(self, position: int) -> None:
        if self._view is None or position - self._done < _LET_GO_EVERY:
            return
        end = position - position % mmap.PAGESIZE
        try:
            self._view.madvise(mmap.MADV_DONTNEED, self._done, end - self._done)
        except (OSError, ValueError, AttributeError):
            self._view = None  # not here: the scan goes on without releasing
            return
        self._done = end
