"""OCR for scanned pages (`extract --ocr`): tesseract reads the pages that have no text layer.

Only pages already flagged `image_only` are touched. Each is rendered at 300 dpi (through the reader,
so a file repaired by Ghostscript renders from the same repair), tesseract's TSV output gives words
with their boxes, and those become the page's words and lines, so every later stage (furniture,
splitting, parsers, tables by position) works on a scan as on a born-digital page. Tesseract is an
optional system tool (`make install-ocr`): without it packparse says so in a warning and carries on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from packparse.layout import group_lines
from packparse.models import PackWarning
from packparse.pagemodel import PageContent, Word
from packparse.pdftables import aligned_tables, find_tables
from packparse.reader import ReadPDF, page_images

DPI = 300
MIN_CONFIDENCE = 10.0  # tesseract's per-word confidence (0-100); below this it is mostly speckle
PAGE_TIMEOUT_S = 180


def tesseract() -> str | None:
    """Path of the tesseract executable, or None when it is not installed."""
    return shutil.which("tesseract")


def tesseract_version() -> str:
    exe = tesseract()
    if exe is None:
        return "not installed"
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "unknown version"
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0] if first else "unknown version"


def ocr_pages(read: ReadPDF, pdf_pages: list[int], password: str | None = None, lang: str = "eng",
              dpi: int = DPI) -> tuple[list[int], list[str]]:
    """Replace `pdf_pages` of `read` with what tesseract reads on them.

    Returns (pages that got text, problems). Raises nothing for a page tesseract fails on: that page
    keeps its empty text layer and the problem is reported, like any other unreadable page.
    """
    exe = tesseract()
    if exe is None:
        return [], ["tesseract is not installed (`make install-ocr`)"]
    by_number = {p.pdf_page: i for i, p in enumerate(read.pages)}
    done: list[int] = []
    problems: list[str] = []
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one thread per tesseract; pages run side by side
    workers = max(1, min(4, os.cpu_count() or 1))
    with tempfile.TemporaryDirectory(prefix="packparse-ocr-") as tmp, ThreadPoolExecutor(workers) as pool:
        futures = {}
        for pdf_page, image in page_images(read, pdf_pages, password=password, resolution=dpi):
            png = Path(tmp) / f"p{pdf_page:05d}.png"
            image.save(png)  # type: ignore[attr-defined]
            futures[pdf_page] = pool.submit(_tesseract_tsv, exe, png, lang, dpi, env)
        for pdf_page, future in futures.items():
            try:
                tsv = future.result()
            except (OSError, subprocess.SubprocessError, RuntimeError) as exc:
                problems.append(f"page {pdf_page}: {exc}")
                continue
            old = read.pages[by_number[pdf_page]]
            words = words_from_tsv(tsv, 72.0 / dpi)
            content = PageContent(
                pdf_page=pdf_page, width=old.width, height=old.height, lines=group_lines(words, pdf_page),
                char_count=sum(len(w.text) for w in words), image_area=old.image_area,
                rule_count=old.rule_count, curve_count=old.curve_count, curve_area=old.curve_area)
            # a scan has no ruling: tables by word alignment only; text drawn as outlines kept its ruling
            content.tables = (find_tables(old.ruling, content) if old.ruling is not None
                              else aligned_tables(content))
            read.pages[by_number[pdf_page]] = content
            if words:
                done.append(pdf_page)
    return done, problems


def _tesseract_tsv(exe: str, png: Path, lang: str, dpi: int, env: dict[str, str]) -> str:
    proc = subprocess.run([exe, str(png), "stdout", "-l", lang, "--dpi", str(dpi), "tsv"],
                          capture_output=True, text=True, timeout=PAGE_TIMEOUT_S, env=env)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"tesseract failed ({last})")
    return proc.stdout


def words_from_tsv(tsv: str, scale: float) -> list[Word]:
    """Words from tesseract's TSV (level 5 rows), in PDF points; size is the height of their line."""
    line_height: dict[tuple[str, ...], float] = {}
    words: list[Word] = []
    rows = [r.split("\t") for r in tsv.splitlines()[1:]]
    for r in rows:
        if len(r) >= 12 and r[0] == "4":
            line_height[tuple(r[1:5])] = float(r[9]) * scale
    for r in rows:
        if len(r) < 12 or r[0] != "5" or not r[11].strip():
            continue
        try:
            conf = float(r[10])
            left, top, width, height = (float(v) * scale for v in r[6:10])
        except ValueError:
            continue
        if conf < MIN_CONFIDENCE:
            continue
        size = line_height.get(tuple(r[1:5]), height)
        words.append(Word(text=r[11].strip(), x0=left, top=top, x1=left + width, bottom=top + height,
                          fontname="OCR", size=round(size * 0.8, 1)))
    return words


def run_ocr(read: ReadPDF, pdf_pages: list[int], password: str | None = None) -> tuple[bool, list[PackWarning]]:
    """OCR the scanned pages of `read` for `extract --ocr`: (any page got text, warnings to add)."""
    if not pdf_pages:
        return False, []
    shown = ", ".join(map(str, pdf_pages[:10])) + (" ..." if len(pdf_pages) > 10 else "")
    if tesseract() is None:
        return False, [PackWarning(
            code="ocr_unavailable", pdf_page=pdf_pages[0],
            message=f"--ocr: tesseract is not installed (`make install-ocr`, or apt-get install "
                    f"tesseract-ocr); {len(pdf_pages)} scanned page(s) left without text: {shown}")]
    done, problems = ocr_pages(read, pdf_pages, password=password)
    warnings = [PackWarning(code="ocr", pdf_page=pdf_pages[0],
                            message=f"text of {len(done)} of {len(pdf_pages)} scanned page(s) read by OCR "
                                    f"({tesseract_version()}); check it against the page: {shown}")]
    warnings += [PackWarning(code="ocr_failed", message=p) for p in problems]
    return bool(done), warnings
