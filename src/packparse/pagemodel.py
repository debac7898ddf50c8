"""The page model: the types every stage after the reader works on, in one place.

A PDF is read into `PageContent` pages (words with font and position grouped into `Line`s, rotated
`Word`s, candidate `RawTable`s) and its bookmarks (`OutlineEntry`); the furniture stage turns each page
into a `PageFurniture` (content lines, printed page number, stamp, kind); the splitter groups pages into
`Section`s, one per logical document. These are plain dataclasses, independent of any PDF library, so
every stage can be tested on hand-made pages (`tests/pages.py`), and a stage needs only this module, not
the stage that made its input, to name the types it reads.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median
from typing import Any

from packparse.models import BBox, PageKind

Box = tuple[float, float, float, float]  # x0, top, x1, bottom: a plain box where a pydantic `BBox` is too heavy


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    fontname: str = ""
    size: float = 0.0
    vertical: bool = False

    @property
    def bold(self) -> bool:
        return _bold_font(self.fontname)

    @property
    def italic(self) -> bool:
        return _italic_font(self.fontname)


# Asked of every word by many stages, of a few font names a file: each name is looked at once.
@lru_cache(maxsize=4096)
def _bold_font(fontname: str) -> bool:
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name or name.endswith(",b")


@lru_cache(maxsize=4096)
def _italic_font(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


@dataclass(slots=True)
class Line:
    """Words sharing a baseline, left to right."""

    words: list[Word]
    text: str = ""
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    pdf_page: int = 0

    def __post_init__(self) -> None:
        if self.words:
            self.words.sort(key=lambda w: w.x0)
            self.text = join_words(self.words)
            self.x0 = min(w.x0 for w in self.words)
            self.x1 = max(w.x1 for w in self.words)
            self.top = min(w.top for w in self.words)
            self.bottom = max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        """The median size of the line's words (asked for tens of thousands of times a pack: a line set in
        one size, nearly every line, answers without sorting)."""
        words = self.words
        if not words:
            return 0.0
        first = words[0].size
        if all(w.size == first for w in words):
            return first
        return median(w.size for w in words)

    @property
    def bold(self) -> bool:
        """True when most of the line's characters are bold."""
        total = sum(len(w.text) for w in self.words) or 1
        return sum(len(w.text) for w in self.words if w.bold) / total > 0.6

    @property
    def bbox(self) -> BBox:
        return BBox(x0=round(self.x0, 1), top=round(self.top, 1), x1=round(self.x1, 1),
                    bottom=round(self.bottom, 1))


_ORDINALS = frozenset({"st", "nd", "rd", "th", "ST", "ND", "RD", "TH"})


def join_words(words: list[Word]) -> str:
    """Join words of one line, keeping wide gaps (tab stops, columns) as a double space."""
    parts: list[str] = []
    prev: Word | None = None
    for w in words:
        if prev is not None:
            gap = w.x0 - prev.x1
            if w.text in _ORDINALS and prev.text[-1:].isdigit() and w.size < 0.85 * prev.size and gap < 3:
                parts.append(w.text)  # a superscript ordinal: "4" + "th"
                prev = w
                continue
            parts.append("  " if gap > max(prev.size, w.size, 6) * 1.2 else " ")
        parts.append(w.text)
        prev = w
    return "".join(parts)


@dataclass(slots=True)
class RawTable:
    """A table as the reader's table finder saw it: cell texts by row, None for merged cells."""

    bbox: BBox
    rows: list[list[str | None]]
    method: str = "lines"


@dataclass(slots=True)
class PageContent:
    """Everything later stages need from one physical page, read once."""

    pdf_page: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    vertical_words: list[Word] = field(default_factory=list)
    tables: list[RawTable] = field(default_factory=list)
    char_count: int = 0
    image_area: float = 0.0
    rule_count: int = 0
    # Vector paths that are not straight rules or rectangles (glyph outlines, logos, charts). A page
    # whose text is drawn as outlines has no chars but ~1,000-2,000 of these.
    curve_count: int = 0
    curve_area: float = 0.0  # sum of their bounding boxes' areas, in pt^2
    # The ruling (lines, boxes, long paths) of a page that has no text to read yet (text drawn as outlines):
    # kept for the table finders once OCR has read its words; None on every other page.
    ruling: Any = None

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def body_size(self) -> float:
        """The most common font size on the page, weighted by text length."""
        counts: dict[float, int] = {}
        for line in self.lines:
            for w in line.words:
                key = round(w.size)
                counts[key] = counts.get(key, 0) + len(w.text)
        return max(counts, key=counts.__getitem__) if counts else 0.0


@dataclass(slots=True)
class PageFurniture:
    """One page after its furniture is taken off: what was printed around it, and the content."""

    pdf_page: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    kind: PageKind = "content"
    printed_page: int | None = None  # the pack's own numbering ("Page N"), else the document's
    printed_label: str | None = None  # a non-numeric page label such as "G-4.1"
    own_page: int | None = None  # the underlying document's numbering when the pack stamps its own
    own_total: int | None = None  # "of M" in "Page x of M"
    stamp: str | None = None  # "Agenda Item N"
    restricted_paragraphs: list[str] = field(default_factory=list)
    running: list[str] = field(default_factory=list)  # running header/footer texts removed
    heading_lines: list[Line] = field(default_factory=list)  # removed top lines back after a gap (see below)
    removed: RemovedBoxes = field(default_factory=lambda: RemovedBoxes())  # what was taken off, where (inspect)
    has_pack_stamp: bool = False  # numbered by a stand-alone "Page N" line

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)

    def removed_boxes(self) -> list[tuple[str, BBox]]:
        """What was taken off, with where as a `BBox`."""
        return [(label, BBox(x0=x0, top=top, x1=x1, bottom=bottom)) for label, (x0, top, x1, bottom) in self.removed]


class RemovedBoxes:
    """What the furniture stage took off a page and where, as (label, box) pairs, packed in one array of
    doubles: kept for every page to the end of the run (for `inspect`), as tuples they were ~1 KB a page of
    a pack with running headers, packed ~100 bytes."""

    __slots__ = ("_packed",)
    LABELS = ("page_number", "stamp", "running")

    def __init__(self) -> None:
        self._packed: array[float] | None = None  # label index, x0, top, x1, bottom; per thing taken off

    def append(self, item: tuple[str, Box]) -> None:
        label, (x0, top, x1, bottom) = item
        if self._packed is None:
            self._packed = array("d")
        self._packed.extend((self.LABELS.index(label), x0, top, x1, bottom))

    def __iter__(self) -> Iterator[tuple[str, Box]]:
        packed = self._packed or ()
        for at in range(0, len(packed), 5):
            code, x0, top, x1, bottom = packed[at:at + 5]
            yield self.LABELS[int(code)], (x0, top, x1, bottom)

    def __len__(self) -> int:
        return len(self._packed or ()) // 5

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (RemovedBoxes, list)) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RemovedBoxes({list(self)!r})"


@dataclass(slots=True)
class OutlineEntry:
    title: str
    pdf_page: int
    depth: int


@dataclass(slots=True)
class Section:
    """Pages of one logical document before it is parsed."""

    first: int
    last: int
    split_by: str
    agenda_item: str | None = None
