"""What the PDF holds, read independently of packparse's reader: pypdfium2's own object counts and text
per page (`PdfFacts`), and the lines repeated on many pages (furniture)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packparse.evaluation.selfchecks.text import _clean, _mask

# A page with no characters that draws this many vector paths is text drawn as outlines (the
# Souldern "Print To PDF" files draw 170-2,500 per page); a page rule or a box is a handful.
OUTLINE_PATHS = 100
# A picture covering this share of the page with no characters is a scan.
SCAN_COVER = 0.3
# Characters left on a page after furniture before the page counts as having content.
CONTENT_CHARS = 12


@dataclass
class PageFacts:
    """What pypdfium2 sees on one page: object counts and the text in its own reading order."""

    pdf_page: int
    chars: int = 0
    text_objects: int = 0
    paths: int = 0
    images: int = 0
    image_cover: float = 0.0
    text: str = ""

    @property
    def lines(self) -> list[str]:
        return [ln for ln in (_clean(x) for x in self.text.splitlines()) if ln]

    @property
    def outlined(self) -> bool:
        """No characters, but enough vector paths to be text drawn as curves."""
        return self.chars < CONTENT_CHARS and self.paths >= OUTLINE_PATHS

    @property
    def scanned(self) -> bool:
        return self.chars < CONTENT_CHARS and self.images > 0 and self.image_cover >= SCAN_COVER

    def counts(self) -> str:
        return (f"{self.chars} chars, {self.paths} paths, {self.images} images"
                + (f" covering {self.image_cover:.0%}" if self.images else ""))


@dataclass
class PdfFacts:
    pages: list[PageFacts] = field(default_factory=list)
    error: str | None = None

    def page(self, n: int | None) -> PageFacts | None:
        if n is None or not 1 <= n <= len(self.pages):
            return None
        return self.pages[n - 1]

    def furniture(self) -> set[str]:
        """Lines (digits masked) printed on two or more pages: running headers and footers."""
        if len(self.pages) < 2:
            return set()
        seen: Counter[str] = Counter()
        for p in self.pages:
            seen.update({_mask(ln) for ln in p.lines})
        return {ln for ln, n in seen.items() if n >= 2}

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.error,
                "pages": [{k: getattr(p, k) for k in ("pdf_page", "chars", "text_objects", "paths",
                                                       "images", "image_cover", "text")}
                          for p in self.pages]}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PdfFacts:
        return cls(pages=[PageFacts(**p) for p in d.get("pages", [])], error=d.get("error"))


def read_facts(path: str | Path, password: str | None = None) -> PdfFacts:
    """Count what each page draws and read its text with pypdfium2 (not packparse's reader)."""
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as raw
    except ImportError as exc:  # pragma: no cover - pdfplumber depends on pypdfium2
        return PdfFacts(error=f"pypdfium2 not available: {exc}")
    kinds = {raw.FPDF_PAGEOBJ_TEXT: "text", raw.FPDF_PAGEOBJ_PATH: "path", raw.FPDF_PAGEOBJ_IMAGE: "image"}
    facts = PdfFacts()
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except Exception as exc:
        return PdfFacts(error=f"pypdfium2 cannot open the file: {exc}")
    try:
        for i in range(len(pdf)):
            pf = PageFacts(pdf_page=i + 1)
            try:
                page = pdf[i]
                width, height = page.get_size()
                area = max(1.0, width * height)
                covered = 0.0
                for obj in page.get_objects(max_depth=8):
                    kind = kinds.get(obj.type)
                    if kind == "text":
                        pf.text_objects += 1
                    elif kind == "path":
                        pf.paths += 1
                    elif kind == "image":
                        pf.images += 1
                        try:
                            left, bottom, right, top = obj.get_bounds()
                            covered += max(0.0, right - left) * max(0.0, top - bottom)
                        except Exception:
                            pass
                pf.image_cover = round(min(1.0, covered / area), 3)
                textpage = page.get_textpage()
                pf.chars = sum(1 for ch in textpage.get_text_range() if not ch.isspace())
                pf.text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
                textpage.close()
                page.close()
            except Exception as exc:  # one bad page: keep the others
                pf.text = ""
                facts.error = f"page {i + 1}: {exc}"
            facts.pages.append(pf)
    finally:
        pdf.close()
    return facts
