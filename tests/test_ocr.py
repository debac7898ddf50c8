"""`--ocr`: scanned pages read by tesseract, and a clear warning where it is not installed."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import packparse
from packparse import ocr
from tests.corpus import needs_corpus, pdf_path

# `make test OCR=1` (what CI runs) installs tesseract and must run these tests, so there a missing tesseract
# fails them instead of skipping them.
OCR_REQUIRED = os.environ.get("OCR") == "1"
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None and not OCR_REQUIRED,
    reason="tesseract is not installed: run `make install-ocr` (apt-get install tesseract-ocr) for the OCR tests")

LINES = ("Minutes of the Parish Council", "held on Tuesday 4 March 2025", "Present: Councillor Jane Smith (Chair)",
         "1. Apologies for absence", "2. Declarations of interest")


def scanned_pdf(path: Path) -> Path:
    """A one-page PDF that is only a picture of text (as a scanner makes), drawn here."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(LINES):
        draw.text((150, 200 + i * 90), line, fill=0, font=font)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf = canvas.Canvas(str(path), pagesize=(595.28, 841.89))
    pdf.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, width=595.28, height=841.89)
    pdf.showPage()
    pdf.save()
    return path


def test_tsv_to_words() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t100\t200\t400\t50\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t100\t200\t150\t50\t96.1\tParish\n"
           "5\t1\t1\t1\t1\t2\t270\t200\t230\t50\t91.0\tCouncil\n"
           "5\t1\t1\t1\t1\t3\t520\t200\t10\t10\t3.0\t~\n")
    words = ocr.words_from_tsv(tsv, 72 / 300)
    assert [w.text for w in words] == ["Parish", "Council"]  # the low-confidence speck is dropped
    assert words[0].x0 == pytest.approx(24.0) and words[0].top == pytest.approx(48.0)
    assert words[0].size == pytest.approx(9.6)


def test_scanned_page_is_flagged_without_ocr(tmp_path: Path) -> None:
    pack = packparse.extract(scanned_pdf(tmp_path / "scan.pdf"))
    assert [p.kind for p in pack.pages] == ["image_only"] and pack.pages[0].needs_ocr
    assert any(w.code == "image_only_pages" for w in pack.warnings)


def test_ocr_without_tesseract_warns_and_carries_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda _name: None)
    pack = packparse.extract(scanned_pdf(tmp_path / "scan.pdf"), ocr=True)
    assert pack.pages[0].needs_ocr
    (warning,) = [w for w in pack.warnings if w.code == "ocr_unavailable"]
    assert "tesseract is not installed" in warning.message and "make install-ocr" in warning.message


@needs_tesseract
def test_ocr_reads_a_scanned_page(tmp_path: Path) -> None:
    pack = packparse.extract(scanned_pdf(tmp_path / "scan.pdf"), ocr=True)
    assert [p.kind for p in pack.pages] == ["content"] and not pack.pages[0].needs_ocr
    text = " ".join(d.text for d in pack.documents)
    assert "Parish Council" in text and "Declarations of interest" in text
    assert any(w.code == "ocr" for w in pack.warnings)
    assert not any(w.code == "image_only_pages" for w in pack.warnings)


@needs_tesseract
def test_cli_ocr_option(tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    result = subprocess.run([sys.executable, "-m", "packparse", "extract", str(scanned_pdf(tmp_path / "scan.pdf")),
                             "-o", str(out), "--ocr", "--quiet"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Parish Council" in out.read_text(encoding="utf-8")


@needs_tesseract
@needs_corpus
@pytest.mark.parametrize(("stem", "expected"), [
    # opens as 0 pages in pdfplumber: read through Ghostscript's repair, and rendered from it too
    ("milburn_pc_2019_accounts_scanned", ("Milburn Parish Council", "Asset Register")),
    ("sutton_coldfield_tc_2016-17_accounts_scanned", ("Sutton Coldfield Town Council", "Statement of Accounts")),
])
def test_ocr_on_the_corpus_scans(stem: str, expected: tuple[str, ...]) -> None:
    pack = _ocr_extracted(stem)
    assert pack.source.pdf_pages > 1
    assert not any(p.needs_ocr for p in pack.pages), [p.kind for p in pack.pages]
    text = "\n".join(d.text for d in pack.documents)
    for words in expected:
        assert words in text
    (note,) = [w for w in pack.warnings if w.code == "ocr"]
    assert f"text of {pack.source.pdf_pages} of {pack.source.pdf_pages} scanned page(s)" in note.message


@cache
def _ocr_extracted(stem: str) -> packparse.Pack:
    return packparse.extract(pdf_path(stem), ocr=True)


@needs_tesseract
@needs_corpus
def test_tables_on_scanned_pages_are_found_by_alignment() -> None:
    """A scan has no ruling, so its tables come from the OCR words' alignment: the accounts' members'
    allowances (pdf page 10) and the budget lines (pdf page 4) as printed."""
    tables = [t for d in _ocr_extracted("sutton_coldfield_tc_2016-17_accounts_scanned").documents for t in d.tables]
    allowances = next(t for t in tables if t.pdf_page == 10 and t.n_cols == 2)
    assert allowances.header == ["Councillor", "£"] and allowances.rows[0] == ["Cllr D Allan", "715"]
    budget = next(t for t in tables if t.pdf_page == 4)
    assert ["Cultural and Heritage", "0", "(20,000)", "20,000"] in budget.rows
