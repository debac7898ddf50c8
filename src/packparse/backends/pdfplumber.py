"""The pdfplumber engine (pdfminer underneath): pure Python, the reference the PDFium engine is held to.

pdfminer also parses every file's structure for both engines (page tree, page boxes, outline, metadata,
passwords: `packparse.reader`), so the guards against hostile input it needs live here: its inflate is
capped per stream (decompression bombs), a page may draw only so many glyphs and shapes (glyph bombs:
nested forms multiply), and streams that fail to inflate are counted rather than silently dropped.
"""

from __future__ import annotations

import zlib
from typing import Any, ClassVar

from packparse.backends.base import (
    MAX_PAGE_FORMS,
    MAX_PAGE_OBJECTS,
    MAX_STREAM_BYTES,
    Graphics,
    Obj,
    PageReader,
    StreamTooLarge,
    TooManyObjects,
)

DAMAGED = [0]  # streams that failed to inflate, counted so reading can tell which pages lost text
_GUARDED = [False]


class PdfplumberReader(PageReader):
    """Pages of a PDF opened with `pdfplumber.open` (the reader's structure pass; not closed here)."""

    name: ClassVar[str] = "pdfplumber"

    def __init__(self, pdf: Any) -> None:
        install_guards()
        self.pdf = pdf

    def page_count(self) -> int:
        return len(self.pdf.pages)

    def page_size(self, index: int) -> tuple[float, float]:
        page = self.pdf.pages[index]
        return float(page.width), float(page.height)

    def read(self, index: int) -> tuple[list[Obj], Graphics]:
        page = self.pdf.pages[index]
        try:
            return page.chars, Graphics(lines=page.lines, rects=page.rects, curves=page.curves,
                                        images=page.images)
        finally:
            page.close()

    def damaged(self) -> int:
        return DAMAGED[0]


# -- guards installed into pdfminer/pdfplumber ------------------------------------------------------


def inflate(data: bytes, lenient: bool) -> bytes:
    """zlib inflate capped at MAX_STREAM_BYTES; `lenient` tolerates a bad checksum at the end."""
    body, tail = (data[:-4], data[-4:]) if lenient and len(data) > 4 else (data, b"")
    d = zlib.decompressobj()
    out = bytearray()
    buf = body
    while buf and not d.eof:
        out += d.decompress(buf, MAX_STREAM_BYTES + 1 - len(out))
        if len(out) > MAX_STREAM_BYTES:
            raise StreamTooLarge()
        buf = d.unconsumed_tail
    for i in range(len(tail)):  # byte by byte, as pdfminer does, so data before a broken checksum is kept
        if d.eof:
            break
        try:
            out += d.decompress(tail[i:i + 1], MAX_STREAM_BYTES + 1 - len(out))
        except zlib.error:
            break
    if not d.eof and not lenient:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return bytes(out)


class _CappedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)

    @staticmethod
    def decompress(data: bytes, *_args: object) -> bytes:
        return inflate(data, lenient=False)


def _decompress_corrupted(data: bytes) -> bytes:
    try:
        return inflate(data, lenient=True)
    except zlib.error:
        DAMAGED[0] += 1
        raise


def lzwdecode(data: bytes) -> bytes:
    """pdfminer's LZW decoder, capped at MAX_STREAM_BYTES."""
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(BytesIO(data)).run():
        out += chunk
        if len(out) > MAX_STREAM_BYTES:
            raise StreamTooLarge()
    return bytes(out)


def install_guards() -> None:
    """Cap pdfminer's stream decoding and count what each page draws (once per process)."""
    if _GUARDED[0]:
        return
    import pdfminer.pdftypes as pdftypes
    import pdfplumber.page as plumber_page

    base = plumber_page.PDFPageAggregatorWithMarkedContent

    class CountingAggregator(base):  # type: ignore[misc, valid-type]
        """pdfplumber's page device, raising once a page has drawn MAX_PAGE_OBJECTS things."""

        drawn = 0
        forms = 0

        def _tick(self) -> None:
            self.drawn += 1
            if self.drawn > MAX_PAGE_OBJECTS:
                raise TooManyObjects(self.pageno, f"over {MAX_PAGE_OBJECTS:,} glyphs and shapes")

        def render_char(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._tick()
            return super().render_char(*args, **kwargs)

        def paint_path(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._tick()
            return super().paint_path(*args, **kwargs)

        def render_image(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._tick()
            return super().render_image(*args, **kwargs)

        def begin_figure(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            self._tick()
            self.forms += 1  # each costs a whole interpreter: counted apart, with a lower cap
            if self.forms > MAX_PAGE_FORMS:
                raise TooManyObjects(self.pageno, f"forms and images over {MAX_PAGE_FORMS:,} times")
            return super().begin_figure(*args, **kwargs)

    pdftypes.zlib = _CappedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = lzwdecode
    plumber_page.PDFPageAggregatorWithMarkedContent = CountingAggregator  # type: ignore[misc]
    _GUARDED[0] = True
