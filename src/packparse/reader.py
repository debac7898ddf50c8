"""Read a PDF once: the only module that talks to pdfplumber (and through it, pdfminer).

Each page is parsed once into a `PageContent` (words with font and position, lines, stamps written
in rotated text, candidate tables) and closed at once, so a 460-page pack stays in tens of MB.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from packparse.errors import EncryptedInput, InputTooLarge, UnreadableInput
from packparse.layout import PageContent, Word, group_lines
from packparse.models import BBox
from packparse.pdftables import find_tables

log = logging.getLogger(__name__)

MAX_BYTES = 512 * 1024 * 1024
MAX_PAGES = 5000
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


def check_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Cheap checks before parsing, so bad input fails fast with a reason a person understands."""
    name = str(path)
    if not path.exists():
        raise UnreadableInput(name, "no such file")
    if path.is_dir():
        raise UnreadableInput(name, "is a directory, not a PDF")
    size = path.stat().st_size
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
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    p = Path(path)
    data = check_file(p)
    result = ReadPDF(path=p, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    del data
    name = str(p)
    try:
        pdf = pdfplumber.open(p, password=password or "")
    except PDFPasswordIncorrect:
        raise EncryptedInput(name, "encrypted with a password (use --password)") from None
    except PDFSyntaxError as exc:
        raise UnreadableInput(name, f"not a readable PDF ({exc})") from None
    except Exception as exc:  # pdfminer raises many types on corrupt files; pdfplumber wraps them
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc.__cause__
        if isinstance(inner, PDFPasswordIncorrect):
            raise EncryptedInput(name, "encrypted with a password (use --password)") from None
        detail = f"{type(inner or exc).__name__}: {inner or exc}".rstrip(": ")
        raise UnreadableInput(name, f"corrupt PDF ({detail})") from None
    try:
        if len(pdf.pages) == 0:
            pdf.close()
            pdf = _reopen_repaired(p, password, result)
        if len(pdf.pages) > max_pages:
            raise InputTooLarge(name, f"{len(pdf.pages)} pages, over the {max_pages}-page limit")
        meta = pdf.metadata or {}
        result.title = _meta_str(meta.get("Title"))
        result.producer = _meta_str(meta.get("Producer"))
        result.outline = _outline(pdf)
        for page in _iter_pages(pdf, name):
            result.pages.append(page)
    finally:
        pdf.close()
    return result


def _reopen_repaired(p: Path, password: str | None, result: ReadPDF):
    """A damaged page tree can read as zero pages; Ghostscript's repair recovers many of them."""
    import pdfplumber

    if shutil.which("gs") is None:
        result.notes.append("the PDF shows no pages and Ghostscript (gs) is not installed to repair it")
        return pdfplumber.open(p, password=password or "")
    try:
        pdf = pdfplumber.open(p, password=password or "", repair=True)
        result.notes.append(f"page tree repaired with Ghostscript: {len(pdf.pages)} pages recovered")
        return pdf
    except Exception as exc:
        result.notes.append(f"repair with Ghostscript failed: {exc}")
        return pdfplumber.open(p, password=password or "")


def _iter_pages(pdf, name: str) -> Iterator[PageContent]:
    for index, page in enumerate(pdf.pages):
        try:
            yield _read_page(page, index + 1)
        except Exception as exc:  # one broken page must not lose the rest
            log.warning("%s: page %d unreadable: %s", name, index + 1, exc)
            yield PageContent(pdf_page=index + 1, width=0.0, height=0.0)
        finally:
            page.close()


def _read_page(page, pdf_page: int) -> PageContent:
    from pdfplumber.utils.text import WordExtractor

    width, height = float(page.width), float(page.height)
    chars = page.chars
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
    if words:
        try:
            content.tables = find_tables(page, content)
        except Exception as exc:  # a table-finder failure must not lose the page's text
            log.warning("page %d: table finding failed: %s", pdf_page, exc)
    return content


def _vertical_words(chars: list[dict]) -> list[Word]:
    """Rebuild text drawn rotated by 90 degrees (stamps down the edge of landscape pages)."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"] / 4), []).append(c)
    words: list[Word] = []
    for cs in columns.values():
        downward = cs[0]["matrix"][1] < 0
        cs.sort(key=lambda c: c["top"], reverse=not downward)
        text, run = "", [cs[0]]
        for prev, c in itertools.pairwise(cs):
            gap = (c["top"] - prev["bottom"]) if downward else (prev["top"] - c["bottom"])
            if gap > 4 * max(prev["size"], 1):
                words.append(_vertical_word(run))
                run = []
            run.append(c)
        if run:
            words.append(_vertical_word(run))
        del text
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
