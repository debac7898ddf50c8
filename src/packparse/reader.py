"""Read a PDF once, into the page model the rest of the pipeline consumes (`packparse.pagemodel`).

The file's structure (page tree, page boxes and rotation, outline, metadata, password) is read with
pdfminer through pdfplumber, whichever engine reads the pages; the pages are read by a backend
(`packparse.backends`): PDFium by default, pdfplumber on request (`reader="pdfplumber"`). Each page is
parsed once into a `PageContent` (words with font and position, lines, stamps written in rotated text,
candidate tables) and closed at once, so a 460-page pack stays in tens of MB.

Hostile input is stopped here with a reason: streams are capped when they inflate (decompression bombs),
a page may draw only so many glyphs and shapes (glyph bombs: nested forms multiply), page sizes and
nesting depth are bounded, and damaged streams are counted rather than silently dropped.

`ReadPDF.render` draws a page again (for OCR and `packparse inspect`) from what was read: the file, or
Ghostscript's repair of it, with the same password.
"""

from __future__ import annotations

import io
import logging
import math
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packparse.backends import DEFAULT_READER, READERS
from packparse.backends.base import (
    MAX_STREAM_BYTES,
    NestsTooDeeply,
    PageReader,
    StreamTooLarge,
    TooManyObjects,
)
from packparse.backends.pagewindow import PageWindow
from packparse.errors import EncryptedInput, InputTooLarge, PackparseError, UnreadableInput
from packparse.filebytes import hash_file, mapped
from packparse.fileguard import check_input
from packparse.gcpolicy import collect_while_reading
from packparse.models import BBox
from packparse.options import DEFAULT_MAX_PAGES
from packparse.pagemodel import OutlineEntry, PageContent

if TYPE_CHECKING:  # types only
    from packparse.pagestore import PageStore

log = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024 * 1024
MAX_PAGES = DEFAULT_MAX_PAGES  # one default, in packparse.options
MAX_PAGE_SIDE = 14_400.0  # points: 200 inches, the PDF specification's largest page
GS_TIMEOUT_S = 120.0


@dataclass(slots=True)
class ReadPDF:
    """What the reader hands on: pages, bookmarks and metadata of one file."""

    path: Path
    sha256: str
    size: int
    pages: list[PageContent] = field(default_factory=list)
    outline: list[OutlineEntry] = field(default_factory=list)
    title: str | None = None
    producer: str | None = None
    notes: list[str] = field(default_factory=list)
    repaired: bool = False  # the pages were read from Ghostscript's repair of the file
    lost_pages: dict[int, str] = field(default_factory=dict)  # pdf page -> why it could not be read
    damaged_pages: list[int] = field(default_factory=list)  # pages with a stream that failed to inflate
    reader: str = DEFAULT_READER  # the engine that read the pages
    password: str | None = field(default=None, repr=False)  # to open the file again (render)
    repaired_data: bytes | None = field(default=None, repr=False)  # Ghostscript's repair, when read from it

    def render(self, pdf_page: int, resolution: float = 100) -> Any:
        """Page `pdf_page` (1-based) as displayed, a PIL RGB image at `resolution` dpi, drawn from what was
        read (Ghostscript's repair of the file, when the pages came from it). Raises UnreadableInput for a
        page not in the file."""
        from packparse.backends.pdfium import render

        if not 1 <= pdf_page <= len(self.pages):
            raise UnreadableInput(str(self.path), f"page {pdf_page} is not in this PDF (1-{len(self.pages)})")
        if self.repaired_data is not None:
            return render(self.repaired_data, None, pdf_page - 1, resolution)
        return render(self.path, self.password, pdf_page - 1, resolution)


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> tuple[str, int]:
    """Cheap checks before parsing, so bad input fails fast with a reason a person understands; the file's
    sha256 and size, read a chunk at a time (`filebytes`: the file is never held whole in memory)."""
    name = str(path)
    size = check_input(path).st_size  # stat first: a FIFO, device or socket is never opened
    if size == 0:
        raise UnreadableInput(name, "empty file (0 bytes)")
    if size > max_bytes:
        raise InputTooLarge(name, f"file is {size / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB limit")
    sha256, size, head, tail = hash_file(path)
    if b"%PDF-" not in head:
        raise UnreadableInput(name, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in tail[-2048:] and b"startxref" not in tail:
        # Many PDFs have trailing junk; only call it truncated when the end markers are absent.
        raise UnreadableInput(name, "truncated PDF (no end-of-file marker)")
    return sha256, size


def read_pdf(path: str | os.PathLike[str], password: str | None = None,
             max_pages: int = MAX_PAGES, reader: str = DEFAULT_READER, store: PageStore | None = None) -> ReadPDF:
    """Read every page of `path` once with `reader` (`READERS`: "pdfium" or "pdfplumber"), each page's lines
    handed to `store` as it is read (kept in memory, or spilled to its file past its budget; all in memory
    without one). Raises a `PackparseError` for input that cannot be read, ValueError for an unknown reader."""
    return read_pages(path, None, password=password, max_pages=max_pages, reader=reader, store=store)


def read_pages(path: str | os.PathLike[str], pdf_pages: list[int] | None, password: str | None = None,
               max_pages: int = MAX_PAGES, reader: str = DEFAULT_READER,
               store: PageStore | None = None) -> ReadPDF:
    """Like `read_pdf`, reading only `pdf_pages` (1-based; None for all): `pages` then holds those."""
    import pdfplumber

    from packparse.backends.pdfplumber import install_guards

    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r} (one of: {', '.join(READERS)})")
    install_guards()
    p = Path(path)
    sha256, size = check_file(p)
    result = ReadPDF(path=p, sha256=sha256, size=size, password=password)
    name = str(p)
    try:
        pdf = pdfplumber.open(p, password=password or "")
    except Exception as exc:  # pdfminer raises many types on corrupt files; pdfplumber wraps them
        raise _input_error(exc, name, "the file", password) from None
    pages: PageReader | None = None
    try:
        _window(pdf, reader)
        n_pages = _count_pages(pdf, name, password)
        if n_pages == 0:
            _close(pdf)
            pdf = _window(_reopen_repaired(p, password, result), reader)
            n_pages = _count_pages(pdf, name, None)
            if n_pages == 0:
                why = ("" if result.repaired or shutil.which("gs") else
                       "; install Ghostscript (gs) to try a repair")
                raise UnreadableInput(name, f"no pages (the page tree is empty or broken{why})")
        if n_pages > max_pages:
            raise InputTooLarge(name, f"{n_pages} pages, over the {max_pages}-page limit")
        _check_page_sizes(pdf, name, result)
        _check_page_count(pdf, n_pages, result)
        meta = pdf.metadata or {}
        result.title = _meta_str(meta.get("Title"))
        result.producer = _meta_str(meta.get("Producer"))
        result.outline = _outline(pdf)
        pages = _open_pages(reader, pdf, result, name)
        wanted = range(n_pages) if pdf_pages is None else [n - 1 for n in pdf_pages if 1 <= n <= n_pages]
        for page in _iter_pages(pages, pdf, wanted, name, result):
            if store is not None:
                page.lines = store.keep(page.pdf_page, page.lines)  # type: ignore[assignment]
                page.tables = store.keep_tables(page.pdf_page, page.tables)  # type: ignore[assignment]
            result.pages.append(page)
            collect_while_reading(len(result.pages))
    except (PackparseError, MemoryError):
        raise
    except Exception as exc:  # the metadata, or any object pdfplumber resolves on the way, is broken
        raise _input_error(exc, name, "the file", password) from None
    finally:
        if pages is not None:
            pages.close()
        _close(pdf)
    if pdf_pages is None:
        _check_read(result, name)
    return result


def _open_pages(reader: str, pdf: Any, result: ReadPDF, name: str) -> PageReader:
    """The backend that reads the pages; PDFium falls back to pdfplumber where it sees another file
    (another page count, or a file it cannot open that pdfminer can)."""
    from packparse.backends.pdfplumber import PdfplumberReader

    result.reader = "pdfplumber"
    if reader == "pdfium":
        from packparse.backends.pdfium import PdfiumReader

        source: Path | bytes = result.repaired_data if result.repaired_data is not None else result.path
        password = None if result.repaired_data is not None else result.password
        try:
            if result.repaired_data is not None:
                pages: PageReader = PdfiumReader(source, password, pdf, result.repaired_data)
            else:
                with mapped(result.path) as data:  # its streams scanned before PDFium opens it
                    pages = PdfiumReader(source, password, pdf, data)
            result.reader = "pdfium"
            return pages
        except (StreamTooLarge, MemoryError):
            raise
        except Exception as exc:  # pdfminer read the structure: pdfplumber reads the pages
            log.info("%s: read with pdfplumber (%s)", name, _one_line(exc))
    return PdfplumberReader(pdf)


def _window(pdf: Any, reader: str) -> Any:
    """With PDFium reading the pages, pdfplumber's pages made only as they are asked for (`PageWindow`)."""
    if reader == "pdfium" and not isinstance(pdf, _NoPages):
        PageWindow.install(pdf)
    return pdf


def _close(pdf) -> None:
    """Close even a PDF whose page tree is broken (pdfplumber's close walks the pages again, making every
    page once more: a windowed PDF closes only the pages it made, and its file)."""
    window = getattr(pdf, "_pages", None)
    if isinstance(window, PageWindow):
        window.close()
    else:
        try:
            pdf.close()
            return
        except Exception:
            pass
    stream = getattr(pdf, "stream", None)
    if stream is not None and not getattr(pdf, "stream_is_external", True):
        stream.close()


def _count_pages(pdf, name: str, password: str | None) -> int:
    """Walk the page tree (pdfplumber does it lazily): loops, bad boxes and bombs surface here."""
    try:
        return len(pdf.pages)
    except Exception as exc:
        raise _input_error(exc, name, "the page tree", password) from None


def _input_error(exc: BaseException, name: str, where: str, password: str | None) -> Exception:
    """The `PackparseError` (or MemoryError, for the worker to report) that `exc` amounts to."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    inner = _cause(exc)
    if isinstance(inner, PackparseError):
        return inner
    if isinstance(inner, MemoryError):
        return inner
    if isinstance(inner, StreamTooLarge):
        return InputTooLarge(name, f"decompression bomb: a compressed stream inflates past "
                                   f"{MAX_STREAM_BYTES // 2**20} MB")
    if isinstance(inner, TooManyObjects):
        page, what = inner.args
        return InputTooLarge(name, f"glyph bomb: page {page} draws {what}")
    if isinstance(inner, NestsTooDeeply):
        return InputTooLarge(name, f"page {inner.args[0]} nests too deeply to read (recursion limit)")
    if isinstance(inner, RecursionError):
        return InputTooLarge(name, f"{where} nests too deeply to read (recursion limit)")
    if isinstance(inner, PDFPasswordIncorrect):
        if password:
            return EncryptedInput(name, "wrong password (--password)")
        return EncryptedInput(name, "encrypted with a password (use --password)")
    if isinstance(inner, PDFSyntaxError):
        return UnreadableInput(name, f"not a readable PDF ({_one_line(inner)})")
    detail = f"{type(inner).__name__}: {_one_line(inner)}".rstrip(": ")
    return UnreadableInput(name, f"corrupt PDF ({detail})")


def _cause(exc: BaseException) -> BaseException:
    """The exception under pdfplumber's `PdfminerException` (it wraps the original in args[0])."""
    for _ in range(10):
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
        if inner is None or inner is exc:
            break
        exc = inner
    return exc


def _one_line(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _check_page_sizes(pdf, name: str, result: ReadPDF) -> None:
    """Refuse absurd page sizes before any page is parsed; note pages with no area."""
    empty: list[int] = []
    pages = pdf.pages
    sizes = pages.sizes if isinstance(pages, PageWindow) else ((p.width, p.height) for p in pages)
    for index, (w, h) in enumerate(sizes):
        width, height = float(w), float(h)
        if not (math.isfinite(width) and math.isfinite(height)) or max(width, height) > MAX_PAGE_SIDE:
            raise InputTooLarge(name, f"page {index + 1} is {width:g} x {height:g} pt, over the "
                                      f"{MAX_PAGE_SIDE:g} pt (200 in) page-size limit")
        if width <= 0 or height <= 0:
            empty.append(index + 1)
    if empty:
        result.notes.append(f"page(s) with no area (a zero-size MediaBox): {_pages_list(empty)}")


def _check_page_count(pdf, n_pages: int, result: ReadPDF) -> None:
    """A page tree whose /Count disagrees with its leaves lies (or loops); say so, read what is there."""
    try:
        from pdfminer.pdftypes import resolve1

        claimed = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:
        return
    if isinstance(claimed, int) and claimed != n_pages:
        result.notes.append(f"the page tree claims {claimed} pages but holds {n_pages}; "
                            f"read the {n_pages} found")


def _check_read(result: ReadPDF, name: str) -> None:
    """After reading: a file none of whose pages could be read, or decoded, is corrupt, not empty."""
    empty = {p.pdf_page for p in result.pages
             if not (p.char_count or p.image_area or p.rule_count or p.curve_count)}
    lost = set(result.lost_pages)
    damaged = set(result.damaged_pages) & empty  # a damaged font on a page with text is no loss
    if result.pages and len(lost | damaged) == len(result.pages):
        what = "content streams are damaged" if damaged else "pages could not be read"
        raise UnreadableInput(name, f"corrupt PDF (all {len(result.pages)} pages' {what})")
    if result.damaged_pages:
        result.notes.append(f"damaged stream(s) on page(s) {_pages_list(result.damaged_pages)}: "
                            f"their text may be incomplete")
    for page_no, why in sorted(result.lost_pages.items()):
        result.notes.append(f"page {page_no} could not be read ({why})")


def _pages_list(pages: list[int]) -> str:
    return ", ".join(map(str, pages[:10])) + (" ..." if len(pages) > 10 else "")


def _reopen_repaired(p: Path, password: str | None, result: ReadPDF):
    """A damaged page tree can read as zero pages; Ghostscript's repair recovers many of them. The repair
    (decrypted: Ghostscript writes it without a password) is kept, so pages render from it too."""
    import pdfplumber

    if shutil.which("gs") is None:
        result.notes.append("the PDF shows no pages and Ghostscript (gs) is not installed to repair it")
        return pdfplumber.open(p, password=password or "")
    try:
        repaired = _ghostscript_repair(p, password)
        pdf = pdfplumber.open(io.BytesIO(repaired))
        if len(pdf.pages) and not _all_empty(pdf):
            result.notes.append(f"page tree repaired with Ghostscript: {len(pdf.pages)} pages recovered")
            result.repaired = True
            result.repaired_data = repaired
            return pdf
        pdf.close()  # Ghostscript turns an empty document into one blank page: nothing recovered
        result.repaired = True
        return _NoPages()
    except Exception as exc:
        result.notes.append(f"repair with Ghostscript failed: {_one_line(exc)}")
        return pdfplumber.open(p, password=password or "")


def _ghostscript_repair(p: Path, password: str | None) -> bytes:
    """The PDF as Ghostscript's pdfwrite rewrites it (pdfplumber's `repair=True`, kept as bytes)."""
    args = [shutil.which("gs") or "gs", "-sstdout=%stderr", "-o", "-", "-sDEVICE=pdfwrite",
            "-dPDFSETTINGS=/default"]
    if password:
        args.append(f"-sPDFPassword={password}")
    args.append(str(p.absolute()))
    proc = subprocess.run(args, capture_output=True, timeout=GS_TIMEOUT_S, check=False)
    if proc.returncode:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace").strip() or f"gs exited {proc.returncode}")
    return proc.stdout


def _all_empty(pdf) -> bool:
    """True when no page draws anything (Ghostscript's output for a document with no pages)."""
    for page in pdf.pages:
        try:
            if page.chars or page.images or page.rects or page.lines or page.curves:
                return False
        finally:
            page.close()
    return True


class _NoPages:
    """Stands in for an opened PDF that has no pages."""

    pages: list = []  # noqa: RUF012

    def close(self) -> None:
        pass


def _iter_pages(pages: PageReader, pdf: Any, indexes: Any, name: str, result: ReadPDF) -> Iterator[PageContent]:
    """Each page read once; a page the engine cannot read is tried with pdfplumber, then kept empty and
    named in a `reader` note; a bomb stops the file."""
    fallback: PageReader | None = None
    for index in indexes:
        damaged_before = pages.damaged()
        try:
            try:
                content = pages.read_page(index)
            except Exception as exc:
                if _is_bomb(exc) or pages.name == "pdfplumber":
                    raise
                from packparse.backends.pdfplumber import PdfplumberReader

                log.info("%s: page %d read with pdfplumber (%s)", name, index + 1, _one_line(exc))
                fallback = fallback or PdfplumberReader(pdf)
                content = fallback.read_page(index)
            if not (content.char_count or content.image_area or content.rule_count or content.curve_count):
                pages.check_empty_page(index)
            yield content
        except Exception as exc:  # one broken page must not lose the rest, but a bomb stops the file
            inner = _cause(exc)
            if _is_bomb(exc):
                raise _input_error(exc, name, f"page {index + 1}", None) from None
            log.warning("%s: page %d unreadable: %s", name, index + 1, exc)
            result.lost_pages[index + 1] = f"{type(inner).__name__}: {_one_line(inner, 120)}".rstrip(": ")
            yield PageContent(pdf_page=index + 1, width=0.0, height=0.0)
        if pages.damaged() != damaged_before:
            result.damaged_pages.append(index + 1)


def _is_bomb(exc: BaseException) -> bool:
    return isinstance(_cause(exc), (MemoryError, RecursionError, StreamTooLarge, TooManyObjects, NestsTooDeeply))


def _outline(pdf) -> list[OutlineEntry]:
    """Bookmarks with the pdf page they point to; [] when absent or unreadable."""
    try:
        from pdfminer.pdftypes import resolve1

        doc = pdf.doc
        pages = pdf.pages
        ids = pages.page_ids if isinstance(pages, PageWindow) else [page.page_obj.pageid for page in pages]
        page_ids = {pageid: i + 1 for i, pageid in enumerate(ids)}
        entries: list[OutlineEntry] = []
        for depth, title, dest, action, _se in doc.get_outlines():
            target = dest
            if target is None and action is not None:
                action = resolve1(action)
                target = action.get("D") if isinstance(action, dict) else None
            target = resolve1(target)
            if isinstance(target, (bytes, str)):
                target = resolve1(doc.get_dest(target))
            if isinstance(target, dict):
                target = resolve1(target.get("D"))
            if isinstance(target, list) and target:
                ref = target[0]
                page_no = page_ids.get(getattr(ref, "objid", None))
                if page_no is not None:
                    entries.append(OutlineEntry(title=_meta_str(title) or "", pdf_page=page_no,
                                                depth=depth))
        return entries
    except Exception:
        return []


def _meta_str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        for enc in ("utf-16", "latin-1"):
            try:
                return value.decode(enc).strip() or None
            except UnicodeDecodeError:
                continue
        return None
    text = str(value).strip()
    return text or None


def page_images(read: ReadPDF, pdf_pages: list[int], password: str | None = None,
                resolution: int = 300) -> Iterator[tuple[int, object]]:
    """Greyscale pictures (PIL) of `pdf_pages` of a file already read, for OCR (`ReadPDF.render`: a file
    read through Ghostscript's repair is rendered from the repair too, so page numbers agree). `password`
    is used when the read did not keep one."""
    if password and not read.password:
        read.password = password
    for pdf_page in pdf_pages:
        if 1 <= pdf_page <= len(read.pages):
            yield pdf_page, read.render(pdf_page, resolution).convert("L")


def render_page(read: ReadPDF, pdf_page: int, boxes: list[tuple[BBox, str, str]], resolution: int = 100):
    """A picture of one page with `boxes` (bbox, colour, label) drawn on it, for `packparse inspect`."""
    from PIL import ImageDraw

    picture = read.render(pdf_page, resolution)
    scale = resolution / 72
    draw = ImageDraw.Draw(picture)
    for box, colour, _label in boxes:
        draw.rectangle((box.x0 * scale, box.top * scale, box.x1 * scale, box.bottom * scale), outline=colour,
                       width=2)
    for box, colour, label in boxes:
        if label:
            draw.text((box.x0 * scale, max(0, box.top * scale - 11)), label, fill=colour)
    return picture


def page_texts(path: str | os.PathLike[str], password: str | None = None) -> list[str]:
    """Every page's text as PDFium extracts it (plain, no layout), one string per page: cheap (a few ms a
    page), for finding where a document's text falls on its pages (the search index, `packparse.search`).
    Raises UnreadableInput for a file PDFium cannot open."""
    import pypdfium2 as pdfium

    p = Path(path)
    try:
        doc = pdfium.PdfDocument(p, password=password or None)
    except Exception as exc:  # PdfiumError: not a PDF, a wrong password, a broken file
        raise UnreadableInput(str(p), f"PDFium cannot open it ({_one_line(exc)})") from None
    out = []
    try:
        for index in range(len(doc)):
            page = doc[index]
            try:
                textpage = page.get_textpage()
                try:
                    out.append(textpage.get_text_range())
                finally:
                    textpage.close()
            except Exception:  # one unreadable page: no text for it
                out.append("")
            finally:
                page.close()
    finally:
        doc.close()
    return out
