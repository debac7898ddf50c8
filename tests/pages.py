"""Hand-made pages for tests: words, lines and pages with exact geometry, without a PDF.

    line("1  Apologies", x=50, top=100, bold=True)        # words set left to right from x
    placed(120, (108, "Metcalfes"), (216, "£ 205.88"))     # text at given x positions on one baseline
    page([line(...), ...], n=3)                            # a PageFurniture (what parsers read)
    content([line(...), ...])                              # a PageContent (what the reader makes)

A word is `char` points wide per character (default half the font size) and words are `space` apart
(default a quarter of the size); with `gap`, a double space in the text is a gap of that many points (a tab
stop), else white space is collapsed. Fonts are ArialMT / Arial-BoldMT unless `font` is given, so `bold`
reads as bold. Generated PDFs (through a real reader) are `tests/pdfmaker.py`'s.
"""

from __future__ import annotations

from packparse.pagemodel import Line, PageContent, PageFurniture, Word

FONT = "ArialMT"
BOLD_FONT = "Arial-BoldMT"
A4 = (595.0, 842.0)
LETTER = (612.0, 792.0)


def words(text: str, x: float = 72.0, top: float = 0.0, *, size: float = 12.0, bold: bool | list[bool] = False,
          char: float | None = None, space: float | None = None, gap: float | None = None,
          font: str | None = None) -> list[Word]:
    """The words of `text` set left to right from `x`; `bold` may be given per word (with `gap`: per part of
    `text.split(" ")`, a double space's empty part included)."""
    char = 0.5 * size if char is None else char
    space = 0.25 * size if space is None else space
    parts = text.split(" ") if gap is not None else text.split()
    flags = bold if isinstance(bold, list) else [bold] * len(parts)
    out: list[Word] = []
    for part, b in zip(parts, flags, strict=True):
        if part == "":  # a double space: a wide gap
            x += gap or 0.0
            continue
        width = char * len(part)
        name = font if font is not None else BOLD_FONT if b else FONT
        out.append(Word(part, x, top, x + width, top + size, name, size))
        x += width + space
    return out


def line(text: str, x: float = 72.0, top: float = 0.0, *, page: int = 1, **kw) -> Line:
    """One line of `text` from `x` (keywords as for `words`)."""
    return Line(words=words(text, x, top, **kw), pdf_page=page)


def placed(top: float, *segments: tuple[float, str], page: int = 1, **kw) -> Line:
    """One line from (x, text) segments on one baseline: table cells, a number and its tab-stopped title."""
    found: list[Word] = []
    for x, text in segments:
        found += words(text, x, top, **kw)
    return Line(words=found, pdf_page=page)


def page(lines: list[Line], n: int = 1, size: tuple[float, float] = A4, **kw) -> PageFurniture:
    """A page as the parsers see it (furniture already taken off)."""
    return PageFurniture(pdf_page=n, width=size[0], height=size[1], lines=lines, **kw)


def content(lines: list[Line], n: int = 1, size: tuple[float, float] = A4, **kw) -> PageContent:
    """A page as the reader hands it on (before furniture)."""
    return PageContent(pdf_page=n, width=size[0], height=size[1], lines=lines, **kw)
