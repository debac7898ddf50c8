"""Read a PDF once: the only module that talks to pdfplumber (and through it, pdfminer).

Each page is parsed once into a `PageContent` (words with font and position, lines, stamps written
in rotated text, candidate tables) and closed at once, so a 460-page pack stays in tens of MB.

Hostile input is stopped here with a reason: pdfminer's inflate is capped per stream (decompression
bombs), a page may draw only so many glyphs and shapes (glyph bombs: nested forms multiply), page
sizes and nesting depth are bounded, and damaged streams are counted rather than silently dropped.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import math
import os
import shutil
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from packparse.errors import EncryptedInput, InputTooLarge, PackparseError, UnreadableInput
from packparse.fileguard import check_input
from packparse.layout import PageContent, Word, group_lines
from packparse.models import BBox
from packparse.options import DEFAULT_MAX_PAGES
from packparse.pdftables import find_tables

log = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024 * 1024
MAX_PAGES = DEFAULT_MAX_PAGES  # one default, in packparse.options
MAX_STREAM_BYTES = 128 * 1024 * 1024  # one decoded stream; real content streams are a few MB at most
MAX_PAGE_OBJECTS = 150_000  # glyphs, shapes, images, forms on one page (the corpus peaks under 6,000)
MAX_PAGE_FORMS = 50_000  # form and image XObjects drawn on one page: nested forms multiply
MAX_PAGE_SIDE = 14_400.0  # points: 200 inches, the PDF specification's largest page
WORD_ATTRS = ["fontname", "size"]


@dataclass(slots=True)
class OutlineEntry:
    title: str
    pdf_page: int
    depth: int


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


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Cheap checks before parsing, so bad input fails fast with a reason a person understands."""
    name = str(path)
    size = check_input(path).st_size  # stat first: a FIFO, device or socket is never opened
    if size == 0:
        raise UnreadableInput(name, "empty file (0 bytes)")
    if size > max_bytes:
        raise InputTooLarge(name, f"file is {size / 2**20:.0f} MB, over the {max_bytes / 2**20:.0f} MB limit")
    data = path.read_bytes()
    head = data[:1024]
    if b"%PDF-" not in head:
        raise UnreadableInput(name, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:] and b"startxref" not in data[-4096:]:
        # Many PDFs have trailing junk; only call it truncated when the end markers are absent.
        raise UnreadableInput(name, "truncated PDF (no end-of-file marker)")
    return data


def read_pdf(path: str | os.PathLike[str], password: str | None = None,
             max_pages: int = MAX_PAGES) -> ReadPDF:
    """Read every page of `path` once. Raises a `PackparseError` for input that cannot be read."""
    import pdfplumber

    _install_guards()
    p = Path(path)
    data = check_file(p)
    result = ReadPDF(path=p, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    del data
    name = str(p)
    try:
        pdf = pdfplumber.open(p, password=password or "")
    except Exception as exc:  # pdfminer raises many types on corrupt files; pdfplumber wraps them
        raise _input_error(exc, name, "the file", password) from None
    try:
        n_pages = _count_pages(pdf, name, password)
        if n_pages == 0:
            _close(pdf)
            pdf = _reopen_repaired(p, password, result)
            n_pages = _count_pages(pdf, name, password)
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
        for page in _iter_pages(pdf, name, result):
            result.pages.append(page)
    except (PackparseError, MemoryError):
        raise
    except Exception as exc:  # the metadata, or any object pdfplumber resolves on the way, is broken
        raise _input_error(exc, name, "the file", password) from None
    finally:
        _close(pdf)
    _check_read(result, name)
    return result


def _close(pdf) -> None:
    """Close even a PDF whose page tree is broken (pdfplumber's close walks the pages again)."""
    try:
        pdf.close()
    except Exception:
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
    if isinstance(inner, _StreamTooLarge):
        return InputTooLarge(name, f"decompression bomb: a compressed stream inflates past "
                                   f"{MAX_STREAM_BYTES // 2**20} MB")
    if isinstance(inner, _TooManyObjects):
        page, what = inner.args
        return InputTooLarge(name, f"glyph bomb: page {page} draws {what}")
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
    for index, page in enumerate(pdf.pages):
        width, height = float(page.width), float(page.height)
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
    """A damaged page tree can read as zero pages; Ghostscript's repair recovers many of them."""
    import pdfplumber

    if shutil.which("gs") is None:
        result.notes.append("the PDF shows no pages and Ghostscript (gs) is not installed to repair it")
        return pdfplumber.open(p, password=password or "")
    try:
        pdf = pdfplumber.open(p, password=password or "", repair=True)
        if len(pdf.pages) and not _all_empty(pdf):
            result.notes.append(f"page tree repaired with Ghostscript: {len(pdf.pages)} pages recovered")
            result.repaired = True
            return pdf
        pdf.close()  # Ghostscript turns an empty document into one blank page: nothing recovered
        result.repaired = True
        return _NoPages()
    except Exception as exc:
        result.notes.append(f"repair with Ghostscript failed: {_one_line(exc)}")
        return pdfplumber.open(p, password=password or "")


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


def _iter_pages(pdf, name: str, result: ReadPDF) -> Iterator[PageContent]:
    for index, page in enumerate(pdf.pages):
        damaged_before = _DAMAGED[0]
        try:
            yield _read_page(page, index + 1)
        except Exception as exc:  # one broken page must not lose the rest, but a bomb stops the file
            inner = _cause(exc)
            if isinstance(inner, (MemoryError, RecursionError, _StreamTooLarge, _TooManyObjects)):
                raise _input_error(exc, name, f"page {index + 1}", None) from None
            log.warning("%s: page %d unreadable: %s", name, index + 1, exc)
            result.lost_pages[index + 1] = f"{type(inner).__name__}: {_one_line(inner, 120)}".rstrip(": ")
            yield PageContent(pdf_page=index + 1, width=0.0, height=0.0)
        finally:
            page.close()
        if _DAMAGED[0] != damaged_before:
            result.damaged_pages.append(index + 1)


# -- guards installed into pdfminer/pdfplumber ------------------------------------------------------

class _StreamTooLarge(Exception):
    """A stream inflated past MAX_STREAM_BYTES."""


class _TooManyObjects(Exception):
    """A page drew more than MAX_PAGE_OBJECTS objects or MAX_PAGE_FORMS forms; args: (page, what)."""


_DAMAGED = [0]  # streams that failed to inflate, counted so reading can tell which pages lost text
_GUARDED = [False]


def _inflate(data: bytes, lenient: bool) -> bytes:
    """zlib inflate capped at MAX_STREAM_BYTES; `lenient` tolerates a bad checksum at the end."""
    body, tail = (data[:-4], data[-4:]) if lenient and len(data) > 4 else (data, b"")
    d = zlib.decompressobj()
    out = bytearray()
    buf = body
    while buf and not d.eof:
        out += d.decompress(buf, MAX_STREAM_BYTES + 1 - len(out))
        if len(out) > MAX_STREAM_BYTES:
            raise _StreamTooLarge()
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
        return _inflate(data, lenient=False)


def _decompress_corrupted(data: bytes) -> bytes:
    try:
        return _inflate(data, lenient=True)
    except zlib.error:
        _DAMAGED[0] += 1
        raise


def _lzwdecode(data: bytes) -> bytes:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    out = bytearray()
    for chunk in LZWDecoder(BytesIO(data)).run():
        out += chunk
        if len(out) > MAX_STREAM_BYTES:
            raise _StreamTooLarge()
    return bytes(out)


def _install_guards() -> None:
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
                raise _TooManyObjects(self.pageno, f"over {MAX_PAGE_OBJECTS:,} glyphs and shapes")

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
                raise _TooManyObjects(self.pageno, f"forms and images over {MAX_PAGE_FORMS:,} times")
            return super().begin_figure(*args, **kwargs)

    pdftypes.zlib = _CappedZlib  # type: ignore[assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted
    pdftypes.lzwdecode = _lzwdecode
    plumber_page.PDFPageAggregatorWithMarkedContent = CountingAggregator  # type: ignore[misc]
    _GUARDED[0] = True


def _read_page(page, pdf_page: int) -> PageContent:
    from pdfplumber.utils.text import WordExtractor

    width, height = float(page.width), float(page.height)
    chars = _without_overprint(page.chars)
    flat, rotated = [], []
    for c in chars:
        a, b = c["matrix"][0], c["matrix"][1]
        (rotated if abs(b) > abs(a) else flat).append(c)
    extractor = WordExtractor(extra_attrs=WORD_ATTRS, x_tolerance=1.5, y_tolerance=3)
    words = [
        Word(text=w["text"], x0=w["x0"], top=w["top"], x1=w["x1"], bottom=w["bottom"],
             fontname=_base_font(w["fontname"]), size=round(float(w["size"]), 1))
        for w in extractor.extract_words(flat)
    ]
    content = PageContent(pdf_page=pdf_page, width=width, height=height, char_count=len(chars))
    content.lines = group_lines(words, pdf_page)
    content.vertical_words = _vertical_words(rotated)
    content.image_area = sum(
        max(0.0, (im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in page.images
    )
    content.rule_count = len(page.lines) + len(page.rects)
    curves = page.curves
    content.curve_count = len(curves)
    content.curve_area = sum(max(0.0, (c["x1"] - c["x0"]) * (c["bottom"] - c["top"])) for c in curves)
    if words:
        try:
            content.tables = find_tables(page, content)
        except Exception as exc:  # a table-finder failure must not lose the page's text
            log.warning("page %d: table finding failed: %s", pdf_page, exc)
    return content


def _without_overprint(chars: list[dict]) -> list[dict]:
    """Drop a glyph drawn again over itself: word processors fake bold or shadow by printing each glyph two
    or three times a fraction of a point apart, which would read "SSSOOOUUULLL" for "SOUL". The glyph kept
    is marked bold, which is what the reader sees."""
    last: dict[tuple[str, int], int] = {}  # (text, top) -> index in `out` of the glyph last kept
    out: list[dict] = []
    for c in chars:
        key = (c["text"], round(c["top"]))
        k = last.get(key)
        if k is not None:
            prev = out[k]
            if abs(c["x0"] - prev["x0"]) < 0.3 * max(prev["x1"] - prev["x0"], 0.5) and not c["text"].isspace():
                if not prev["fontname"].endswith(",Bold"):
                    out[k] = {**prev, "fontname": f"{prev['fontname']},Bold"}
                continue
        last[key] = len(out)
        out.append(c)
    return out


def _vertical_words(chars: list[dict]) -> list[Word]:
    """Rebuild text drawn rotated by 90 degrees (stamps down the edge of landscape pages)."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"] / 4), []).append(c)
    words: list[Word] = []
    for cs in columns.values():
        downward = cs[0]["matrix"][1] < 0
        cs.sort(key=lambda c: c["top"], reverse=not downward)
        run = [cs[0]]
        for prev, c in itertools.pairwise(cs):
            gap = (c["top"] - prev["bottom"]) if downward else (prev["top"] - c["bottom"])
            if gap > 4 * max(prev["size"], 1):
                words.append(_vertical_word(run))
                run = []
            run.append(c)
        if run:
            words.append(_vertical_word(run))
    return words


def _vertical_word(chars: list[dict]) -> Word:
    text = "".join(c["text"] for c in chars).strip()
    return Word(text=" ".join(text.split()), x0=min(c["x0"] for c in chars),
                top=min(c["top"] for c in chars), x1=max(c["x1"] for c in chars),
                bottom=max(c["bottom"] for c in chars), fontname=_base_font(chars[0]["fontname"]),
                size=round(float(chars[0]["size"]), 1), vertical=True)


def _outline(pdf) -> list[OutlineEntry]:
    """Bookmarks with the pdf page they point to; [] when absent or unreadable."""
    try:
        from pdfminer.pdftypes import resolve1

        doc = pdf.doc
        page_ids = {page.page_obj.pageid: i + 1 for i, page in enumerate(pdf.pages)}
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


def _base_font(name: str) -> str:
    """'ABCDEF+Arial-BoldMT' -> 'Arial-BoldMT' (drop the subset tag)."""
    return name.split("+", 1)[1] if "+" in name[:8] else name


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
    """Greyscale pictures (PIL) of `pdf_pages` of a file already read, for OCR.

    A file read through Ghostscript's repair is rendered from the repair too, so page numbers agree.
    """
    import pdfplumber

    with pdfplumber.open(read.path, password=password or "", repair=read.repaired) as pdf:
        for pdf_page in pdf_pages:
            if not 1 <= pdf_page <= len(pdf.pages):
                continue
            page = pdf.pages[pdf_page - 1]
            try:
                yield pdf_page, page.to_image(resolution=resolution).original.convert("L")
            finally:
                page.close()


def render_page(path: str | os.PathLike[str], pdf_page: int,
                boxes: list[tuple[BBox, str, str]], password: str | None = None,
                resolution: int = 100):
    """A picture of one page with `boxes` (bbox, colour, label) drawn on it, for `packparse inspect`.

    Rendering goes through pdfplumber's `to_image` (pypdfium2 underneath); labels are written
    with PIL beside each box.
    """
    import pdfplumber
    from PIL import ImageDraw

    with pdfplumber.open(path, password=password or "") as pdf:
        if not 1 <= pdf_page <= len(pdf.pages):
            raise UnreadableInput(str(path), f"page {pdf_page} is not in this PDF (1-{len(pdf.pages)})")
        page = pdf.pages[pdf_page - 1]
        image = page.to_image(resolution=resolution)
        for box, colour, _label in boxes:
            image.draw_rect((box.x0, box.top, box.x1, box.bottom), stroke=colour, fill=None, stroke_width=2)
        picture = image.annotated.convert("RGB")
        scale = resolution / 72
        draw = ImageDraw.Draw(picture)
        for box, colour, label in boxes:
            if label:
                draw.text((box.x0 * scale, max(0, box.top * scale - 11)), label, fill=colour)
        page.close()
    return picture
