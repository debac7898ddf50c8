"""Make small PDFs from invented text for layout tests: lines with a font size, weight, indent and gap.

    pdf = make_pdf(tmp_path / "x.pdf", [[L("MINUTES", size=16, bold=True), L("Present: ..."), Gap(),
                                         L("Apologies", bold=True), L("(Item 1)"), L("1.", "Text ...", hang=24)]])

A page is a list of `L` lines (and `Gap`s), set top to bottom from the top margin; `cells` puts text at
given x positions on one baseline (a table row). Everything is drawn with reportlab's base-14 fonts, so the
text layer is exact and the files are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

LEFT = 72.0
TOP_MARGIN = 72.0


@dataclass
class L:
    """One printed line: `text` at `x` (or a number hanging at `x` with its text at `x + hang`)."""

    text: str = ""
    rest: str | None = None  # with a number in `text`, the words after it, set at x + hang
    x: float = LEFT
    size: float = 11.0
    bold: bool = False
    italic: bool = False
    hang: float = 36.0
    cells: list[tuple[float, str]] = field(default_factory=list)  # a table row: (x, text) on one baseline
    leading: float = 1.35  # distance to the next line, in multiples of the size

    def font(self) -> str:
        if self.bold and self.italic:
            return "Helvetica-BoldOblique"
        return "Helvetica-Bold" if self.bold else "Helvetica-Oblique" if self.italic else "Helvetica"


@dataclass
class Gap:
    """Vertical white space, in points."""

    points: float = 10.0


def make_pdf(path: Path, pages: list[list[L | Gap]], size: tuple[float, float] = A4,
             title: str | None = None) -> Path:
    canvas = Canvas(str(path), pagesize=size, invariant=1)
    if title:
        canvas.setTitle(title)
    height = size[1]
    for page in pages:
        y = height - TOP_MARGIN
        for item in page:
            if isinstance(item, Gap):
                y -= item.points
                continue
            canvas.setFont(item.font(), item.size)
            if item.cells:
                for x, text in item.cells:
                    canvas.drawString(x, y, text)
            elif item.rest is not None:
                canvas.drawString(item.x, y, item.text)
                canvas.drawString(item.x + item.hang, y, item.rest)
            else:
                canvas.drawString(item.x, y, item.text)
            y -= item.size * item.leading
        canvas.showPage()
    canvas.save()
    return path


def para(text: str, width: int = 90, **kw) -> list[L]:
    """A paragraph broken into lines of at most `width` characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return [L(t, **kw) for t in lines]
