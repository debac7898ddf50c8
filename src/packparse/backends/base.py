"""What every PDF engine hands the reader, and how a page model is built from it.

A backend (one module per engine: `pdfplumber`, `pdfium`) opens one PDF and, for each page, gives
pdfplumber-shaped *chars* (dicts with text, x0, x1, top, bottom, fontname, size, upright, matrix) and
*graphics* (lines, rects, curves and images, as pdfplumber's object dicts). `build_page` turns those into the
`PageContent` the pipeline consumes, the same way whichever engine read them, so the engines differ only in
what they see on the page, never in how it is grouped into words, lines, stamps and tables.

Coordinates are pdfplumber's: points, origin at the top left of the page as displayed (its /Rotate applied).
"""

from __future__ import annotations

import itertools
import logging
import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, ClassVar

from packparse.layout import PageContent, Word, group_lines

log = logging.getLogger(__name__)

MAX_STREAM_BYTES = 128 * 1024 * 1024  # one decoded stream; real content streams are a few MB at most
MAX_PAGE_OBJECTS = 150_000  # glyphs, shapes, images, forms on one page (the corpus peaks under 6,000)
MAX_PAGE_FORMS = 50_000  # form and image XObjects drawn on one page: nested forms multiply
MAX_FORM_DEPTH = 100  # forms drawn inside forms: deeper is hostile (pdfminer's recursion gives out near here)
WORD_ATTRS = ["fontname", "size"]

Obj = dict[str, Any]


class StreamTooLarge(Exception):
    """A stream inflated past MAX_STREAM_BYTES."""


class TooManyObjects(Exception):
    """A page drew more than MAX_PAGE_OBJECTS objects or MAX_PAGE_FORMS forms; args: (page, what)."""


class NestsTooDeeply(Exception):
    """Forms drawn inside forms deeper than MAX_FORM_DEPTH (or in a loop); args: (page,)."""


@dataclass(slots=True)
class Graphics:
    """The vector objects and images of one page, as pdfplumber's object dicts (x0, x1, top, bottom, ...;
    lines, rects and curves also stroke, fill, stroking_color, non_stroking_color and pts)."""

    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)
    images: list[Obj] = field(default_factory=list)


class PageReader(ABC):
    """One opened PDF, read page by page by one engine. Pages are 0-based here."""

    name: ClassVar[str]

    @abstractmethod
    def page_count(self) -> int:
        """Pages the engine finds in the file."""

    @abstractmethod
    def read(self, index: int) -> tuple[list[Obj], Graphics]:
        """Chars and graphics of page `index`; raises on a page that cannot be read."""

    def read_page(self, index: int) -> PageContent:
        chars, graphics = self.read(index)
        width, height = self.page_size(index)
        return build_page(index + 1, width, height, chars, graphics)

    @abstractmethod
    def page_size(self, index: int) -> tuple[float, float]:
        """(width, height) of page `index` as displayed, in points."""

    def damaged(self) -> int:
        """How many streams failed to decode so far (pages with such a stream may have lost text)."""
        return 0

    def check_empty_page(self, index: int) -> None:  # noqa: B027 - optional hook
        """Called for a page that read as empty: a backend may look closer at why (a damaged stream)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the file."""


def build_page(pdf_page: int, width: float, height: float, chars: list[Obj], graphics: Graphics) -> PageContent:
    """The page model from an engine's chars and graphics: words, lines, turned stamps, counts, tables."""
    from packparse.pdftables import DEFAULT as DEFAULT_TABLES
    from packparse.pdftables import find_tables

    chars = without_overprint(chars)
    flat, rotated = [], []
    for c in chars:
        m = c["matrix"]
        (rotated if abs(m[1]) > abs(m[0]) else flat).append(c)
    words = extract_words(flat)
    content = PageContent(pdf_page=pdf_page, width=width, height=height, char_count=len(chars))
    content.lines = group_lines(words, pdf_page)
    content.vertical_words = vertical_words(rotated)
    content.image_area = sum(_area(im) for im in graphics.images)
    content.rule_count = len(graphics.lines) + len(graphics.rects)
    content.curve_count = len(graphics.curves)
    content.curve_area = sum(_area(c) for c in graphics.curves)
    if words:
        try:
            content.tables = find_tables(graphics, content)
        except Exception as exc:  # a table-finder failure must not lose the page's text
            log.warning("page %d: table finding failed: %s", pdf_page, exc)
    elif content.rule_count >= DEFAULT_TABLES.min_rules:
        content.ruling = ruling_of(graphics)
    return content


def ruling_of(graphics: Graphics) -> Graphics:
    """What the table finders need of a page whose text is drawn as outlines, for after OCR: its lines, and
    the boxes and paths that are no pieces of letters (a letter's stem or bowl is a few points each way; a
    rule or a cell is longer than `RULE_MIN` one way, and a filled path drawing a rule is thin)."""
    def long(o: Obj) -> bool:
        return max(o["x1"] - o["x0"], o["bottom"] - o["top"]) >= RULE_MIN

    rects = [r for r in graphics.rects if long(r)]
    curves = [c for c in graphics.curves
              if long(c) and (c.get("stroke") or min(c["x1"] - c["x0"], c["bottom"] - c["top"]) < THIN)]
    return Graphics(lines=graphics.lines, rects=rects, curves=curves)


RULE_MIN = 10.0  # points: ruling is at least this long one way (a letter's pieces are shorter)
THIN = 3.0  # points: a filled path thinner than this is a rule; a thicker one is a letter, a word, a logo


X_TOLERANCE = 1.5  # a gap wider than this between two chars of a line starts a new word
Y_TOLERANCE = 3.0  # chars whose tops are this close are on one line
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


def extract_words(chars: list[Obj]) -> list[Word]:
    """Words as pdfplumber's `WordExtractor(x_tolerance=1.5, y_tolerance=3, extra_attrs=["fontname",
    "size"])` makes them, word for word, for upright text (written out: it is a third of pdfplumber's time
    per page). Runs of chars of one font and size, in drawing order, are clustered into lines by their top,
    each line is read left to right, and a word ends at a space, a gap or a step back."""
    words: list[Word] = []
    shared: dict[float, float] = {}
    for (upright, fontname, size), run in itertools.groupby(chars, key=_run_key):
        group = list(run)
        if not upright:  # mirrored or upside-down text: pdfplumber reads it another way
            words.extend(_plumber_words(group))
            continue
        tops = sorted({c["top"] for c in group})
        line_of: dict[float, int] = {}
        line, last = 0, tops[0]
        for top in tops:
            if top > last + Y_TOLERANCE:
                line += 1
            line_of[top] = line
            last = top
        lines: list[list[Obj]] = [[] for _ in range(line + 1)]
        for c in group:
            lines[line_of[c["top"]]].append(c)
        name, height = sys.intern(base_font(fontname)), round(float(size), 1)
        for cs in lines:
            cs.sort(key=_x0)
            word: list[Obj] = []
            for c in cs:
                text = c["text"]
                if text.isspace():
                    if word:
                        words.append(_word(word, name, height, shared))
                        word = []
                elif not text:  # pdfplumber makes an empty char a word of its own
                    if word:
                        words.append(_word(word, name, height, shared))
                    words.append(_word([c], name, height, shared))
                    word = []
                elif not word:
                    word.append(c)
                else:
                    prev = word[-1]
                    if (c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + X_TOLERANCE
                            or abs(c["top"] - prev["top"]) > Y_TOLERANCE):
                        words.append(_word(word, name, height, shared))
                        word = [c]
                    else:
                        word.append(c)
            if word:
                words.append(_word(word, name, height, shared))
    return words


def _run_key(c: Obj) -> tuple[Any, Any, Any]:
    return c["upright"], c["fontname"], c["size"]


def _x0(c: Obj) -> float:
    return c["x0"]


_TEXT, _X1, _TOP, _BOTTOM = (itemgetter(k) for k in ("text", "x1", "top", "bottom"))


def _word(chars: list[Obj], fontname: str, size: float, shared: dict[float, float]) -> Word:
    """One word. The page model of every page is kept until the pack is built, so the words of a line
    share one float object for their top and bottom (`shared`, one per page) and a text printed many times
    ("the", "Council") is one interned string: a quarter less memory a page, the same values."""
    text = "".join(map(_TEXT, chars))
    if not text.isascii():
        text = "".join(LIGATURES.get(c["text"], c["text"]) for c in chars)
    top, bottom = min(map(_TOP, chars)), max(map(_BOTTOM, chars))
    return Word(text=sys.intern(text), x0=chars[0]["x0"], top=shared.setdefault(top, top),
                x1=max(map(_X1, chars)), bottom=shared.setdefault(bottom, bottom), fontname=fontname, size=size)


def _plumber_words(chars: list[Obj]) -> list[Word]:
    from pdfplumber.utils.text import WordExtractor

    extractor = WordExtractor(extra_attrs=WORD_ATTRS, x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE)
    return [Word(text=w["text"], x0=w["x0"], top=w["top"], x1=w["x1"], bottom=w["bottom"],
                 fontname=base_font(w["fontname"]), size=round(float(w["size"]), 1))
            for w in extractor.extract_words(chars)]


def _area(obj: Obj) -> float:
    return max(0.0, (obj["x1"] - obj["x0"]) * (obj["bottom"] - obj["top"]))


def without_overprint(chars: list[Obj]) -> list[Obj]:
    """Drop a glyph drawn again over itself: word processors fake bold or shadow by printing each glyph two
    or three times a fraction of a point apart, which would read "SSSOOOUUULLL" for "SOUL". The glyph kept
    is marked bold, which is what the reader sees."""
    last: dict[tuple[str, int], int] = {}  # (text, top) -> index in `out` of the glyph last kept
    out: list[Obj] = []
    append = out.append
    for c in chars:
        text = c["text"]
        if text.isspace():  # a space is never dropped, nor looked up
            append(c)
            continue
        key = (text, round(c["top"]))
        k = last.get(key)
        if k is not None:
            prev = out[k]
            if abs(c["x0"] - prev["x0"]) < 0.3 * max(prev["x1"] - prev["x0"], 0.5):
                if not prev["fontname"].endswith(",Bold"):
                    out[k] = {**prev, "fontname": f"{prev['fontname']},Bold"}
                continue
        last[key] = len(out)
        append(c)
    return out


def vertical_words(chars: list[Obj]) -> list[Word]:
    """Rebuild text drawn rotated by 90 degrees (stamps down the edge of landscape pages)."""
    columns: dict[int, list[Obj]] = {}
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


def _vertical_word(chars: list[Obj]) -> Word:
    text = "".join(c["text"] for c in chars).strip()
    return Word(text=" ".join(text.split()), x0=min(c["x0"] for c in chars),
                top=min(c["top"] for c in chars), x1=max(c["x1"] for c in chars),
                bottom=max(c["bottom"] for c in chars), fontname=base_font(chars[0]["fontname"]),
                size=round(float(chars[0]["size"]), 1), vertical=True)


def base_font(name: str) -> str:
    """'ABCDEF+Arial-BoldMT' -> 'Arial-BoldMT' (drop the subset tag)."""
    return name.split("+", 1)[1] if "+" in name[:8] else name
