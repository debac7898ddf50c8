"""Presentation slides as typed data: per slide its title, text blocks, callout figures and tables.

A slide deck exported to PDF has no reading order worth the name: text boxes sit side by side on one
baseline, headline figures ('285', '24') are set two or three times the body size beside the words that
explain them, and tables share lines with the text next to them. So a slide is rebuilt from its words:
words inside a table the reader found go to that table, lines are cut into fragments at wide gaps and
at changes between headline and body size, the largest fragment near the top is the title, a headline
figure takes the fragment beside or under it as its label, and what is left is grouped into blocks.
Only the page's lines (already read) are used: no extra PDF work.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from packparse.models import BBox, Callout, CellValue, Slide, Table
from packparse.pagemodel import PageFurniture, Word
from packparse.parsers.cellvalues import parse_cell

# A callout figure is set at least this many times the slide's body size.
CALLOUT_RATIO = 1.6
# The title is found in the top part of the slide, set larger than the body or big in absolute terms.
TITLE_BAND = 0.35
TITLE_RATIO = 1.2
TITLE_MIN_SIZE = 18.0
# Words further apart than this many times their size belong to different text boxes.
GAP_RATIO = 2.0

_FIGURE_KINDS = frozenset({"number", "percent", "currency", "count_fraction", "number_count"})
_TITLE_FIGURE = re.compile(r"^(?P<label>.*[A-Za-z].*?)\s*:\s*(?P<figure>\S+)$")


@dataclass(slots=True)
class _Fragment:
    """A run of words on one line, close together and of one scale (headline or body)."""

    words: list[Word] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) > 0.6 * sum(len(w.text) for w in self.words)

    @property
    def bbox(self) -> BBox:
        return BBox(x0=round(self.x0, 1), top=round(self.top, 1), x1=round(self.x1, 1),
                    bottom=round(self.bottom, 1))


def parse_slides(pages: list[PageFurniture], tables: list[Table]) -> list[Slide]:
    """One `Slide` per page of a presentation; `tables` are the document's, placed on their first page."""
    return [parse_slide(page, [t for t in tables if t.pdf_page == page.pdf_page]) for page in pages]


def parse_slide(page: PageFurniture, tables: list[Table]) -> Slide:
    slide = Slide(pdf_page=page.pdf_page, tables=tables)
    boxes = [t.bbox for t in tables if t.bbox is not None]
    words = [w for ln in page.lines for w in ln.words if not any(_inside(w, b) for b in boxes)]
    if not words:
        return slide
    body = _body_size(words)
    frags = _fragments(page, boxes, body)
    title = _title(frags, body, page.height * TITLE_BAND)
    if not title and not tables:
        title = _title(frags, body, page.height)  # a title or section slide: its title sits mid-page
    used: set[int] = set()
    if title:
        slide.title = " ".join(f.text for f in title)
        used.update(id(f) for f in title)
        m = _TITLE_FIGURE.match(slide.title)
        value = parse_cell(m["figure"]) if m else None
        if m and value is not None and value.kind in _FIGURE_KINDS:
            slide.callouts.append(Callout(text=m["figure"], label=m["label"].strip(), value=value,
                                          bbox=title[0].bbox))
    figures = [f for f in frags if id(f) not in used and f.size >= CALLOUT_RATIO * body and _figure(f.text)]
    for frag in figures:
        value = _figure(frag.text)
        if value is None:
            continue
        used.add(id(frag))
        label = _label(frag, [f for f in frags if id(f) not in used], figures)
        used.update(id(f) for f in label)
        slide.callouts.append(Callout(text=frag.text, label=" ".join(f.text for f in label) or None,
                                      value=value, bbox=frag.bbox))
    slide.text_blocks = _blocks([f for f in frags if id(f) not in used])
    return slide


def _inside(w: Word, b: BBox, tol: float = 1.0) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return b.x0 - tol <= cx <= b.x1 + tol and b.top - tol <= cy <= b.bottom + tol


def _body_size(words: list[Word]) -> float:
    """The size most of the slide's text (by characters) is set in."""
    counts: Counter[float] = Counter()
    for w in words:
        counts[round(w.size)] += len(w.text)
    return float(counts.most_common(1)[0][0]) or 1.0


def _fragments(page: PageFurniture, boxes: list[BBox], body: float) -> list[_Fragment]:
    """The page's lines (table words left out) cut at wide gaps and where headline size starts or stops."""
    out: list[_Fragment] = []
    for line in page.lines:
        cur: _Fragment | None = None
        for w in line.words:
            if any(_inside(w, b) for b in boxes):
                cur = None  # a table cell between two text boxes on the line
                continue
            if cur is not None:
                prev = cur.words[-1]
                big_prev, big_w = prev.size >= CALLOUT_RATIO * body, w.size >= CALLOUT_RATIO * body
                if w.x0 - prev.x1 <= GAP_RATIO * max(prev.size, w.size) and big_prev == big_w:
                    cur.words.append(w)
                    continue
            cur = _Fragment(words=[w])
            out.append(cur)
    out.sort(key=lambda f: (round(f.top), f.x0))
    return out


def _figure(text: str) -> CellValue | None:
    value = parse_cell(text)
    return value if value is not None and value.kind in _FIGURE_KINDS else None


def _title(frags: list[_Fragment], body: float, bottom: float) -> list[_Fragment]:
    """The title's fragments: the largest wording above `bottom`, with up to three lines under it."""
    band = [f for f in frags if f.top < bottom and any(ch.isalpha() for ch in f.text)
            and _figure(f.text) is None]
    if not band:
        return []
    size = max(f.size for f in band)
    if size < TITLE_RATIO * body and size < TITLE_MIN_SIZE:
        return []
    first = next(f for f in band if f.size >= size - 0.6)
    out = [first]
    for f in frags[frags.index(first) + 1:]:
        if len(out) == 4:
            break
        last = out[-1]
        if f.top <= last.top + 1:
            continue  # another box on the title's own line
        if abs(f.size - size) > 0.6 or f.top - last.bottom > 0.6 * (last.bottom - last.top):
            break
        if f.x1 < first.x0 or f.x0 > first.x1:
            break
        out.append(f)
    return out


def _label(fig: _Fragment, frags: list[_Fragment], figures: list[_Fragment]) -> list[_Fragment]:
    """What a callout figure means: the body text just right of it on its band, else just under it,
    with the lines that continue that text (up to the next figure's own label)."""
    height = fig.bottom - fig.top
    small = [f for f in frags if all(f is not g for g in figures)]
    right = [f for f in small if _right_of(fig, f)]
    below = [f for f in small if fig.bottom - 2 <= f.top <= fig.bottom + 0.5 * height
             and f.x0 < fig.x1 + 2 and f.x1 > fig.x0 - 2]
    start = min(right or below, key=lambda f: (f.top, f.x0), default=None)
    if start is None:
        return []
    out = [start]
    left = min(start.x0, fig.x0)
    for f in small:
        last = out[-1]
        if f.top <= last.top or abs(f.size - start.size) > 0.6:
            continue
        if f.top - last.bottom > 1.2 * (last.bottom - last.top):
            break
        if any(_right_of(g, f) for g in figures if g is not fig):
            break
        if abs(f.x0 - start.x0) <= 2 or abs(f.x0 - left) <= 2 or (not right and f.x0 < fig.x1 and f.x1 > fig.x0):
            out.append(f)
    return out


def _right_of(fig: _Fragment, f: _Fragment) -> bool:
    """`f` starts just right of the figure `fig`, on its band."""
    return fig.x1 <= f.x0 <= fig.x1 + fig.size and f.top < fig.bottom and f.bottom > fig.top


def _blocks(frags: list[_Fragment]) -> list[str]:
    """Fragments grouped into blocks of text: a line joins the block above it when it follows closely,
    lines up with it and is set alike."""
    blocks: list[list[_Fragment]] = []
    for f in sorted(frags, key=lambda f: (round(f.top), f.x0)):
        home = None
        for block in reversed(blocks):
            last = block[-1]
            gap = f.top - last.bottom
            aligned = abs(f.x0 - block[0].x0) <= 1.5 * f.size or (min(f.x1, last.x1) - max(f.x0, last.x0)
                                                                   > 0.5 * min(f.x1 - f.x0, last.x1 - last.x0))
            if (-0.3 * f.size <= gap <= 0.8 * (last.bottom - last.top) and aligned
                    and abs(f.size - last.size) <= 0.6 and f.bold == last.bold):
                home = block
                break
        if home is None:
            blocks.append([f])
        else:
            home.append(f)
    return [" ".join(" ".join(f.text for f in b).split()) for b in blocks]
