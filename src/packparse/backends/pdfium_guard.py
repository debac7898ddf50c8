"""What stops hostile input before PDFium parses it (PDFium parses in C, where pdfminer's Python guards
cannot reach): every compressed stream that could inflate past the cap is inflated, capped, before the
file is opened, and forms drawing forms are counted before a page is loaded (glyph bombs, nesting too
deep)."""

from __future__ import annotations

import mmap
import re
import zlib
from collections import Counter
from typing import Any

from packparse.backends.base import (
    MAX_FORM_DEPTH,
    MAX_PAGE_FORMS,
    MAX_STREAM_BYTES,
    NestsTooDeeply,
    StreamTooLarge,
    TooManyObjects,
)
from packparse.filebytes import Releaser

# A compressed stream this small cannot inflate past MAX_STREAM_BYTES (deflate peaks near 1:1032, LZW
# near 1:2730), so the scan for decompression bombs inflates only the streams above it.
SCAN_MIN_COMPRESSED = MAX_STREAM_BYTES // 4096
_OBJ_HEADER = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\b")
_STREAM = re.compile(rb">>\s*stream(\r\n|\n|\r)")
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_DO = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do\b")
_LOOK_BACK = 65536  # how far before a stream its object header is looked for
_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")


class _StreamScan:
    """One pass over the file's bytes before PDFium opens it: inflates (capped, output dropped) every
    compressed stream big enough to be a decompression bomb, and keeps the content of each form XObject
    that draws other XObjects, for counting what a page's forms multiply to."""

    def __init__(self, data: bytes | mmap.mmap, decipher: Any) -> None:
        self.nesting: dict[int, bytes | None] = {}  # form object id -> its content (None: not decoded here)
        self._memo: dict[int, int] = {}
        behind = Releaser(data)  # a memory-mapped file: what was scanned is let go as the scan moves on
        for match in _STREAM.finditer(data):
            behind.let_go_before(match.start() - _LOOK_BACK)
            head_at = data.rfind(b"obj", max(0, match.start() - _LOOK_BACK), match.start())
            headers = list(_OBJ_HEADER.finditer(data, max(0, head_at - 24), head_at + 3))
            if not headers:
                continue
            header = headers[-1]
            objid, genno = int(header.group(1)), int(header.group(2))
            head = data[header.end():match.start()]
            start = match.end()
            length = _LENGTH.search(head)
            end = start + int(length.group(1)) if length else data.find(b"endstream", start)
            if end < start:
                end = len(data)
            filters = _filters(head)
            form = _FORM.search(head) is not None
            if not filters and not form:
                continue
            if not form and (len(filters) < 2 and end - start < SCAN_MIN_COMPRESSED):
                continue
            raw = data[start:end]
            if decipher is not None:
                try:
                    raw = decipher(objid, genno, raw)
                except Exception:  # PDFium decides about a stream that does not decrypt
                    continue
            if not form:
                _measure(raw, filters)  # raises StreamTooLarge
                continue
            content = _decode(raw, filters)  # raises StreamTooLarge
            if content is None or _DO.search(content):
                self.nesting[objid] = content

    def check_forms(self, structure: Any, index: int) -> None:
        """Raise before PDFium loads page `index` if its forms draw forms too often or too deep."""
        if not self.nesting:
            return
        from pdfminer.pdftypes import resolve1

        page = structure.pages[index].page_obj
        xobjects = _xobjects(page.resources)
        if not any(getattr(ref, "objid", None) in self.nesting for ref in xobjects.values()):
            return
        content = b"".join(_data(resolve1(s)) for s in page.contents or [])
        total = 0
        for name, times in Counter(_DO.findall(content)).items():
            child = getattr(xobjects.get(name.decode("latin-1")), "objid", None)
            total += times * (1 + self._draws(structure, child, xobjects, index + 1, 1, ()))
            if total > MAX_PAGE_FORMS:
                raise TooManyObjects(index + 1, f"forms and images over {MAX_PAGE_FORMS:,} times")

    def _draws(self, structure: Any, objid: int | None, inherited: dict, page: int, depth: int,
               stack: tuple[int, ...]) -> int:
        """How many forms and images drawing form `objid` draws in turn."""
        if objid is None or objid not in self.nesting:
            return 0
        if objid in self._memo:
            return self._memo[objid]
        if depth > MAX_FORM_DEPTH or objid in stack:
            raise NestsTooDeeply(page)
        from pdfminer.pdftypes import resolve1

        stream = resolve1(structure.doc.getobj(objid))
        attrs = getattr(stream, "attrs", {}) or {}
        xobjects = _xobjects(attrs.get("Resources")) or inherited
        content = self.nesting[objid]
        if content is None:
            content = _data(stream)
        total = 0
        for name, times in Counter(_DO.findall(content)).items():
            child = getattr(xobjects.get(name.decode("latin-1")), "objid", None)
            total += times * (1 + self._draws(structure, child, xobjects, page, depth + 1, (*stack, objid)))
            if total > MAX_PAGE_FORMS:
                raise TooManyObjects(page, f"forms and images over {MAX_PAGE_FORMS:,} times")
        self._memo[objid] = total
        return total


def _xobjects(resources: Any) -> dict[str, Any]:
    from pdfminer.pdftypes import resolve1

    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return {}
    xobjects = resolve1(resources.get("XObject"))
    return xobjects if isinstance(xobjects, dict) else {}


def _data(stream: Any) -> bytes:
    try:
        return stream.get_data() if hasattr(stream, "get_data") else b""
    except StreamTooLarge:
        raise
    except Exception:
        return b""


def _filters(head: bytes) -> list[bytes]:
    at = head.find(b"/Filter")
    if at < 0:
        return []
    rest = head[at + 7:].lstrip()
    if rest.startswith(b"["):
        rest = rest[1:rest.find(b"]")] if b"]" in rest else rest[1:]
        return re.findall(rb"/([A-Za-z0-9]+)", rest)
    name = re.match(rb"/([A-Za-z0-9]+)", rest)
    return [name.group(1)] if name else []


def _decode(raw: bytes, filters: list[bytes]) -> bytes | None:
    """`raw` through its filters as far as they inflate (Flate, LZW), capped; None past another filter."""
    from packparse.backends.pdfplumber import lzwdecode

    data = raw
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            data = _inflate_capped(data)
        elif name in (b"LZWDecode", b"LZW"):
            try:
                data = lzwdecode(data)
            except StreamTooLarge:
                raise
            except Exception:
                return None
        else:
            return None
    return data


def _measure(raw: bytes, filters: list[bytes]) -> None:
    """Raise StreamTooLarge if `raw` inflates past the cap; the output is counted, never kept (a big
    image is inflated in 1 MB steps, so the scan costs no memory)."""
    if len(filters) > 1:
        _decode(raw, filters)
        return
    if not filters or filters[0] not in (b"FlateDecode", b"Fl"):
        if filters and filters[0] in (b"LZWDecode", b"LZW"):
            _decode(raw, filters)
        return
    d = zlib.decompressobj()
    total = 0
    buf = raw
    try:
        while buf and not d.eof:
            total += len(d.decompress(buf, 1 << 20))
            if total > MAX_STREAM_BYTES:
                raise StreamTooLarge()
            buf = d.unconsumed_tail
    except zlib.error:
        pass


def _inflate_capped(data: bytes) -> bytes:
    """Inflate as far as the data goes (a damaged stream is PDFium's business), refusing past the cap."""
    d = zlib.decompressobj()
    out = bytearray()
    buf = data
    try:
        while buf and not d.eof:
            out += d.decompress(buf, MAX_STREAM_BYTES + 1 - len(out))
            if len(out) > MAX_STREAM_BYTES:
                raise StreamTooLarge()
            buf = d.unconsumed_tail
    except zlib.error:
        pass
    return bytes(out)
