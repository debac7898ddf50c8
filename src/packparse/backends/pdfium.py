"""The PDFium engine (pypdfium2): the same page model as the pdfplumber engine, read in C, ~5x faster.

Chars come from PDFium's text page, reshaped the way pdfminer sees them, so that words, lines and tables
come out as with pdfplumber:

* a char's box runs along the baseline from its origin by its advance (PDFium's loose box), and across it
  from the font's descent over the font size (PDFium spans descent to ascent); its size is the font size
  times the text matrix, as pdfminer's box height is; the font name loses its subset tag ('ABCDEF+');
* the spaces PDFium generates between words and lines are dropped (pdfminer has none); the ones it leaves
  out (a text object drawing only a space has no width, and PDFium skips it) are put back where the
  content stream draws them, since a space is what splits "1.1" from a heading at a tab stop;
* a hyphen ending a line, which PDFium turns into a marker (U+FFFE / U+0002), is a hyphen again.

PDFium differs from pdfminer where it knows better and that is kept: it drops a glyph printed twice in
the same place (fake bold; pdfminer keeps both), reads two subsets of one font as one font, and orders
the text objects of a line left to right, so a word drawn in pieces is one word.

Graphics come from the page objects (forms walked into): paths sorted into lines, rectangles and curves
by pdfminer's rules, images by the unit square their matrix maps.

PDFium parses in C, so what pdfminer's guards stop in Python is stopped before PDFium sees it
(`backends.pdfium_guard`): every compressed stream that could inflate past 128 MB is inflated (capped,
output dropped) before the file is opened, forms drawing forms are counted before a page is loaded (glyph
bombs, nesting too deep), and a page with more than 150,000 objects is refused after. A crash inside
PDFium kills only the worker process.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import math
from pathlib import Path
from typing import Any, ClassVar

from packparse.backends.base import MAX_PAGE_OBJECTS, Graphics, Obj, PageReader, TooManyObjects, base_font
from packparse.backends.pdfium_guard import _StreamScan

log = logging.getLogger(__name__)
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class EngineDisagrees(Exception):
    """PDFium and the structure pass see the file differently (page count): read it with pdfplumber."""


def _raw() -> Any:
    import pypdfium2.raw as pdfium_c

    return pdfium_c


class _PerChar:
    """The text-page calls made for every char, bound to PDFium with plain integer handles (pypdfium2's
    typed pointers cost a conversion a call, and a cast to compare two of them)."""

    def __init__(self) -> None:
        c = _raw()
        try:
            from pypdfium2_raw.bindings import _libs

            lib = _libs["pdfium"]
        except (ImportError, KeyError):  # another pypdfium2 layout: pypdfium2's own bindings still work
            lib = None
        vp, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
        specs = {
            "FPDFText_GetUnicode": ([vp, i], ctypes.c_uint),
            "FPDFText_IsGenerated": ([vp, i], i),
            "FPDFText_GetTextObject": ([vp, i], vp),
            "FPDFText_GetLooseCharBox": ([vp, i, ctypes.POINTER(c.FS_RECTF)], i),
            "FPDFText_GetCharOrigin": ([vp, i, ctypes.POINTER(d), ctypes.POINTER(d)], i),
            "FPDFText_GetMatrix": ([vp, i, ctypes.POINTER(c.FS_MATRIX)], i),
            "FPDFText_GetFontSize": ([vp, i], d),
            "FPDFText_GetFontInfo": ([vp, i, vp, ctypes.c_ulong, ctypes.POINTER(i)], ctypes.c_ulong),
        }
        for name, (args, result) in specs.items():
            if lib is None:
                setattr(self, name, getattr(c, name))
                continue
            fn = lib[name]  # a new function object: pypdfium2's own prototypes stay as they are
            fn.argtypes = args
            fn.restype = result
            setattr(self, name, fn)
        self.ints = lib is not None


_PER_CHAR: list[_PerChar] = []


def _address(pointer: Any) -> int:
    """The address a typed PDFium pointer holds (0 for NULL). Not `ctypes.cast(pointer, c_void_p)`: each cast
    makes a reference cycle (the result keeps the source in its `_objects`), garbage only the collector frees;
    with its thresholds raised while a pack is parsed (gcpolicy) that was ~30 cycles a page left for good,
    +12 MB after 700 pages."""
    return ctypes.addressof(pointer.contents) if pointer else 0


class PdfiumReader(PageReader):
    """Pages of one PDF read with PDFium; `structure` is the reader's pdfplumber structure pass (page boxes
    and rotation exactly as pdfplumber reports them, and pdfminer's objects for the guards)."""

    name: ClassVar[str] = "pdfium"
    # PDFium keeps what it parses of a document (objects, fonts) until the document is closed: ~0.08 MB a
    # page read. Opening the file again every so many pages keeps its memory flat in the pack's length
    # (Kent's 462 pages: +56 MB read in one go, +33 MB reopened every 64 pages) at no measurable cost.
    REOPEN_EVERY: ClassVar[int] = 64

    def __init__(self, source: Path | bytes, password: str | None, structure: Any, data: bytes) -> None:
        import pypdfium2 as pdfium

        self.c = _raw()
        self.structure = structure
        self._streams = _StreamScan(data, getattr(structure.doc, "decipher", None))
        del data
        self._source, self._password = source, password or None
        self.doc = pdfium.PdfDocument(source, password=self._password)
        self._loaded = 0
        if len(self.doc) != len(structure.pages):
            n = len(self.doc)
            self.doc.close()
            raise EngineDisagrees(f"PDFium finds {n} pages, the structure pass {len(structure.pages)}")
        c = self.c
        self._rect = c.FS_RECTF()
        self._mat = c.FS_MATRIX()
        self._name = ctypes.create_string_buffer(256)
        self._text = (ctypes.c_ushort * 0)()
        self._fx = ctypes.c_float()
        self._fy = ctypes.c_float()
        self._l, self._b, self._r, self._t = (ctypes.c_float() for _ in range(4))
        self._fill = ctypes.c_int()
        self._stroke = ctypes.c_int()
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._ox = ctypes.c_double()
        self._oy = ctypes.c_double()

    def page_count(self) -> int:
        return len(self.doc)

    def page_size(self, index: int) -> tuple[float, float]:
        page = self.structure.pages[index]
        return float(page.width), float(page.height)

    def close(self) -> None:
        self.doc.close()

    def _reopen_now_and_then(self) -> None:
        """Open the document again after every `REOPEN_EVERY` pages (see there), then close the old one: if
        the file cannot be opened again (gone, replaced), reading goes on with the old."""
        self._loaded += 1
        if self._loaded % self.REOPEN_EVERY == 0:
            import pypdfium2 as pdfium

            try:
                fresh = pdfium.PdfDocument(self._source, password=self._password)
            except Exception as exc:
                log.info("PDFium could not open the file again (%s); reading on with the open copy", exc)
                return
            if len(fresh) != len(self.doc):
                fresh.close()
                return
            old, self.doc = self.doc, fresh
            old.close()

    # -- one page ------------------------------------------------------------------------------------

    def read(self, index: int) -> tuple[list[Obj], Graphics]:
        c = self.c
        geometry = _Geometry(self.structure.pages[index])
        self._streams.check_forms(self.structure, index)
        self._reopen_now_and_then()
        page = c.FPDF_LoadPage(self.doc.raw, index)
        if not page:
            raise RuntimeError("PDFium could not load the page")
        try:
            text_page = c.FPDFText_LoadPage(page)
            if not text_page:
                raise RuntimeError("PDFium could not read the page's text")
            try:
                chars, objects = self._chars(text_page, geometry)
            finally:
                c.FPDFText_ClosePage(text_page)
            walk = _Walk(geometry)
            self._objects(walk, lambda k: c.FPDFPage_GetObject(page, k), c.FPDFPage_CountObjects(page), IDENTITY)
        finally:
            c.FPDF_ClosePage(page)
        drawn = len(chars) + walk.drawn
        if drawn > MAX_PAGE_OBJECTS:
            raise TooManyObjects(index + 1, f"over {MAX_PAGE_OBJECTS:,} glyphs and shapes")
        _mark_overprints(chars, [box for key, box in walk.texts if key not in objects])
        _put_back_spaces(chars, walk.spaces, walk.order)
        return chars, walk.graphics

    def check_empty_page(self, index: int) -> None:
        """Decode the page's content streams with pdfminer: one that fails is counted as damaged."""
        from pdfminer.pdftypes import resolve1

        page = self.structure.pages[index].page_obj
        for stream in page.contents or []:
            try:
                resolve1(stream).get_data()
            except Exception:  # counted by the guards when an inflate failed
                continue

    def damaged(self) -> int:
        from packparse.backends.pdfplumber import DAMAGED

        return DAMAGED[0]

    def _chars(self, text_page: Any, g: _Geometry) -> tuple[list[Obj], dict[int, tuple]]:
        if not _PER_CHAR:
            _PER_CHAR.append(_PerChar())
        c = _PER_CHAR[0]
        n = self.c.FPDFText_CountChars(text_page)
        if n <= 0:
            return [], {}
        buf = self._text_buffer(n + 1)
        got = self.c.FPDFText_GetText(text_page, 0, n, buf)
        if c.ints:
            text_page = _address(text_page)
        text = ctypes.string_at(buf, 2 * max(0, got - 1)).decode("utf-16-le", errors="surrogatepass")
        # The text buffer skips control characters and holds surrogate pairs: then it is not one entry a char.
        per_char = len(text) != n or any("\ud800" <= ch <= "\udfff" for ch in text)
        rect, ox_, oy_ = self._rect, self._ox, self._oy
        ta, tb, tc, td, te, tf = g.to_page
        plain = ta == 1.0 and tb == 0.0 and tc == 0.0 and td == -1.0 and te == 0.0  # y only flips
        objects: dict[int, tuple] = {}
        out: list[Obj] = []
        append = out.append
        get_box, get_object, get_origin = c.FPDFText_GetLooseCharBox, c.FPDFText_GetTextObject, c.FPDFText_GetCharOrigin
        ints = c.ints
        last: Obj = {}
        last_key, last_x0, last_x1 = None, 0.0, 0.0
        for i in range(n):
            ch = chr(c.FPDFText_GetUnicode(text_page, i)) if per_char else text[i]
            if ch in " \r\n" and c.FPDFText_IsGenerated(text_page, i) == 1:
                continue
            if ch == "\ufffe" or ch == "\x02":
                ch = "-"  # PDFium's marker for a hyphen ending a line
            obj = get_object(text_page, i)
            key = (obj or 0) if ints else _address(obj)
            get_box(text_page, i, rect)
            left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
            info = objects.get(key)
            if info is None:
                info = objects[key] = self._object_info(text_page, i, g, rect)
            name, m, upright, turned, along_x, sd, lo, size, height = info
            if plain and along_x and sd > 0 and m[0] > 0:  # upright text on an unturned page: most chars
                if key == last_key and last_x0 < left < last_x1 and last_x1 - left > 0.2 * (last_x1 - last_x0):
                    last["x1"] = left  # see _trim_overhangs
                y1 = tf - bottom
                last = {"text": ch, "x0": left, "x1": right, "top": y1 - height, "bottom": y1, "upright": upright,
                        "fontname": name, "size": size, "matrix": m, "baseline": y1 + lo, "object": key}
                append(last)
                last_key, last_x0, last_x1 = key, left, right
                continue
            last_key = None
            if along_x:  # the baseline runs along x in user space; the glyph's height along y
                # pdfminer's box across the baseline: from the descent (PDFium's loose bottom) over the size
                if sd > 0:
                    y0u, y1u, oy = bottom, bottom + height, bottom - lo
                else:
                    y0u, y1u, oy = top, top - height, top + lo
                x0u, x1u, ox = left, right, left
            else:  # turned a quarter: the glyph's height runs along x
                get_origin(text_page, i, ox_, oy_)
                ox, oy = ox_.value, oy_.value
                lo = min((left - ox) * sd, (right - ox) * sd)
                x0u, y0u, x1u, y1u = ox + lo * sd, bottom, ox + (lo + height) * sd, top
            xa, xb = ta * x0u + tc * y0u + te, ta * x1u + tc * y1u + te
            ya, yb = tb * x0u + td * y0u + tf, tb * x1u + td * y1u + tf
            x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
            y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
            append({"text": ch, "x0": x0, "x1": x1, "top": y0, "bottom": y1, "doctop": y0, "upright": upright,
                    "fontname": name, "size": round(y1 - y0, 3) if turned else size, "matrix": m,
                    "baseline": tb * ox + td * oy + tf, "object": key})
        if not plain:
            _trim_overhangs(out)
        return out, objects

    def _text_buffer(self, n: int) -> Any:
        """A buffer of at least `n` UTF-16 units, reused across pages: a ctypes array type made for every
        page's char count is a cyclic object left to the collector."""
        if len(self._text) < n:
            self._text = (ctypes.c_ushort * (1 << max(12, (n - 1).bit_length())))()
        return self._text

    def _object_info(self, text_page: Any, i: int, g: _Geometry, rect: Any) -> tuple:
        """What every char of one text object shares: font name, pdfminer's char matrix (the text matrix
        times the page's turn), size, and where the glyph box starts across the baseline."""
        c = _PER_CHAR[0]
        mat = self._mat
        c.FPDFText_GetMatrix(text_page, i, mat)
        fs = c.FPDFText_GetFontSize(text_page, i)
        length = c.FPDFText_GetFontInfo(text_page, i, ctypes.addressof(self._name) if c.ints else self._name,
                                        256, None)
        name = base_font(self._name.value.decode("utf-8", "replace")) if length else ""
        p, q, r, s = g.turn
        a, b, cc, d = mat.a, mat.b, mat.c, mat.d
        ma, mb, mc, md = a * p + b * r, a * q + b * s, cc * p + d * r, cc * q + d * s
        along_x = abs(a) >= abs(b)
        c.FPDFText_GetCharOrigin(text_page, i, self._ox, self._oy)
        oy = self._oy.value
        if along_x:
            sd = 1.0 if d >= 0 else -1.0
            lo = min((rect.bottom - oy) * sd, (rect.top - oy) * sd)  # the descent, below the baseline
        else:
            sd = 1.0 if cc > 0 else -1.0
            lo = 0.0
        return (name, (ma, mb, mc, md, 0.0, 0.0), ma * md > 0 and mb * mc <= 0, abs(mb) > abs(ma), along_x, sd,
                lo, round(fs * abs(md), 3) if md else fs, fs * math.hypot(cc, d))

    # -- page objects ------------------------------------------------------------------------------

    def _objects(self, walk: _Walk, get: Any, count: int, parent: Matrix) -> None:
        c = self.c
        for k in range(count):
            obj = get(k)
            if not obj:
                continue
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_TEXT:
                walk.order[_address(obj)] = len(walk.order)
                self._text_object(walk, obj, parent)
            elif kind == c.FPDF_PAGEOBJ_PATH:
                walk.drawn += 1
                self._path(walk, obj, parent)
            elif kind == c.FPDF_PAGEOBJ_IMAGE:
                walk.drawn += 1
                m = self._matrix(obj, parent)
                walk.graphics.images.append(walk.geometry.box(
                    [(m[4], m[5]), (m[4] + m[0], m[5] + m[1]), (m[4] + m[2], m[5] + m[3]),
                     (m[4] + m[0] + m[2], m[5] + m[1] + m[3])]))
            elif kind == c.FPDF_PAGEOBJ_FORM:
                walk.drawn += 1
                if walk.drawn > MAX_PAGE_OBJECTS:
                    return
                m = self._matrix(obj, parent)
                self._objects(walk, lambda i, form=obj: c.FPDFFormObj_GetObject(form, i),
                              c.FPDFFormObj_CountObjects(obj), m)

    def _matrix(self, obj: Any, parent: Matrix) -> Matrix:
        self.c.FPDFPageObj_GetMatrix(obj, self._mat)
        m = self._mat
        return _multiply((m.a, m.b, m.c, m.d, m.e, m.f), parent)

    def _text_object(self, walk: _Walk, obj: Any, parent: Matrix) -> None:
        """A text object with no width draws only spaces, and PDFium's text page leaves it out: note it."""
        c = self.c
        c.FPDFPageObj_GetBounds(obj, self._l, self._b, self._r, self._t)
        left, right = self._l.value, self._r.value
        if abs(right - left) >= 0.01:  # kept in mind in case PDFium drops it as a repeat (fake bold)
            bottom, top = self._b.value, self._t.value
            a0, b0, c0, d0, e0, f0 = parent
            walk.texts.append((_address(obj), walk.geometry.box(
                [(a0 * x + c0 * y + e0, b0 * x + d0 * y + f0) for x, y in ((left, bottom), (right, top),
                                                                           (left, top), (right, bottom))])))
            return
        m = self._matrix(obj, parent)
        c.FPDFTextObj_GetFontSize(obj, self._fx)
        _p, q, _r, s = walk.geometry.turn
        d = m[2] * q + m[3] * s
        size = round(self._fx.value * abs(d), 3) if d else self._fx.value
        font = c.FPDFTextObj_GetFont(obj)
        length = c.FPDFFont_GetBaseFontName(font, self._name, 256) if font else 0
        name = base_font(self._name.value.decode("utf-8", "replace")) if length else ""
        ox, oy = m[4], m[5]
        box = walk.geometry.box([(ox, oy - 0.2 * size), (ox, oy + 0.8 * size)])
        _ta, tb, _tc, td, _te, tf = walk.geometry.to_page
        walk.spaces.append({"text": " ", **box, "doctop": box["top"], "upright": True, "fontname": name,
                            "size": size, "matrix": IDENTITY, "baseline": tb * ox + td * oy + tf,
                            "order": len(walk.order) - 1})

    def _path(self, walk: _Walk, obj: Any, parent: Matrix) -> None:
        c = self.c
        m = self._matrix(obj, parent)
        c.FPDFPath_GetDrawMode(obj, self._fill, self._stroke)
        fill, stroke = self._fill.value != 0, bool(self._stroke.value)
        r, g, b, a = self._rgba
        c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a)
        stroking = (r.value / 255, g.value / 255, b.value / 255)
        c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
        filling = (r.value / 255, g.value / 255, b.value / 255)
        c.FPDFPageObj_GetStrokeWidth(obj, self._fx)
        width = self._fx.value
        ta, tb, tc, td, te, tf = walk.geometry.to_page
        a0, b0, c0, d0, e0, f0 = m
        fx, fy = self._fx, self._fy
        subpaths: list[list[Any]] = []
        current: list[Any] | None = None
        curve_points = 0
        for k in range(c.FPDFPath_CountSegments(obj)):
            seg = c.FPDFPath_GetPathSegment(obj, k)
            kind = c.FPDFPathSegment_GetType(seg)
            c.FPDFPathSegment_GetPoint(seg, fx, fy)
            x, y = fx.value, fy.value
            ux, uy = a0 * x + c0 * y + e0, b0 * x + d0 * y + f0
            point = (ta * ux + tc * uy + te, tb * ux + td * uy + tf)
            if kind == c.FPDF_SEGMENT_MOVETO or current is None:
                current = ["m", [point]]
                subpaths.append(current)
                curve_points = 0
            elif kind == c.FPDF_SEGMENT_LINETO:
                current[0] += "l"
                current[1].append(point)
            else:  # a Bezier's two control points and its end: pdfminer keeps the end point only
                curve_points += 1
                if curve_points % 3 == 0:
                    current[0] += "c"
                    current[1].append(point)
            if c.FPDFPathSegment_GetClose(seg):
                current[0] += "h"
                current[1].append(current[1][0])
        height = walk.geometry.height
        for shape, points in subpaths:
            _add_path(walk.graphics, shape, points, fill=fill, stroke=stroke, stroking=stroking,
                      filling=filling, width=width, page_height=height)


def _add_path(graphics: Graphics, shape: str, points: list[tuple[float, float]], *, fill: bool, stroke: bool,
              stroking: tuple[float, ...], filling: tuple[float, ...], width: float, page_height: float) -> None:
    """One subpath as pdfminer classifies it: a line, a rectangle or a curve (pdfminer's `paint_path`)."""
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"  # a redundant "l" back to the start of a closed path
        points = points[:-1]
    xs = [pt[0] for pt in points]
    ys = [pt[1] for pt in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    obj = {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "y0": page_height - bottom,
           "y1": page_height - top, "width": x1 - x0, "height": bottom - top, "linewidth": width,
           "stroke": stroke, "fill": fill, "stroking_color": stroking, "non_stroking_color": filling,
           "pts": points}
    if shape in ("mlh", "ml"):
        graphics.lines.append({**obj, "object_type": "line"})
        return
    if shape in ("mlllh", "mllll"):
        (ax, ay), (bx, by), (cx, cy), (dx, dy), _ = points
        square = (ax == bx and by == cy and cx == dx and dy == ay) or (ay == by and bx == cx and cy == dy and dx == ax)
        if points[0] == points[4] and square:
            graphics.rects.append({**obj, "object_type": "rect"})
            return
    graphics.curves.append({**obj, "object_type": "curve"})


def _mark_overprints(chars: list[Obj], dropped: list[Obj]) -> None:
    """Mark bold the glyphs under a text object PDFium dropped as a repeat of what it already read (word
    processors fake bold by printing text two or three times a fraction of a point apart): pdfminer keeps
    every copy, and `base.without_overprint` reads them once, as bold."""
    if not dropped:
        return
    by_band: dict[int, list[Obj]] = {}
    for ch in chars:
        by_band.setdefault(int((ch["top"] + ch["bottom"]) / 20), []).append(ch)
    for box in dropped:
        x0, x1, top, bottom = box["x0"] - 1, box["x1"] + 1, box["top"] - 1, box["bottom"] + 1
        for band in range(int(top / 10), int(bottom / 10) + 1):
            for ch in by_band.get(band, ()):
                if (x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom
                        and not ch["text"].isspace() and not ch["fontname"].endswith(",Bold")):
                    ch["fontname"] += ",Bold"


def _trim_overhangs(chars: list[Obj]) -> None:
    """End a glyph where the next one of its text object starts, when it runs well into it. PDFium
    measures some glyphs of fonts with odd metrics (an italic 'f') by their ink, reaching into the next
    glyph; pdfminer ends every glyph at its advance. Kerning overlaps a little and is left alone."""
    for ch, nxt in itertools.pairwise(chars):
        if (nxt["object"] == ch["object"] and ch["x0"] < nxt["x0"] < ch["x1"]
                and ch["x1"] - nxt["x0"] > 0.2 * (ch["x1"] - ch["x0"]) and ch["upright"] and not ch["matrix"][1]):
            ch["x1"] = nxt["x0"]


def _put_back_spaces(chars: list[Obj], spaces: list[Obj], order: dict[int, int]) -> None:
    """Put each space PDFium left out into the char sequence where the content stream draws it: before
    the first char on its baseline drawn by a later text object (pdfplumber groups words from the chars in
    drawing order, and a space splits a word only within a run of one font and size)."""
    if not spaces:
        return
    by_line: dict[int, list[int]] = {}
    for i, ch in enumerate(chars):
        by_line.setdefault(round(ch["baseline"]), []).append(i)
    places: list[tuple[int, int, Obj]] = []
    for k, space in enumerate(spaces):
        line, after = space["baseline"], space["order"]
        near = sorted(i for key in (round(line) - 1, round(line), round(line) + 1) for i in by_line.get(key, ())
                      if abs(chars[i]["baseline"] - line) <= 0.3 * max(chars[i]["size"], 1.0))
        if not near:
            continue
        at = next((i for i in near if order.get(chars[i]["object"], -1) > after), near[-1] + 1)
        places.append((at, k, space))
    if not places:
        return
    places.sort(key=lambda p: (p[0], p[1]))
    merged: list[Obj] = []
    start = 0
    for at, _k, space in places:
        merged.extend(chars[start:at])
        merged.append(space)
        start = at
    merged.extend(chars[start:])
    chars[:] = merged


class _Geometry:
    """User space to pdfplumber's page coordinates (x, top), as pdfminer and pdfplumber compute them: the
    page's /Rotate turns it, the MediaBox moves it, y runs down."""

    __slots__ = ("height", "to_page", "turn")

    def __init__(self, page: Any) -> None:
        x0, y0, x1, y1 = (float(v) for v in page.page_obj.mediabox)
        rotation = page.rotation
        if rotation == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        elif rotation == 180:
            ctm = (-1.0, 0.0, 0.0, -1.0, x1, y1)
        elif rotation == 270:
            ctm = (0.0, 1.0, -1.0, 0.0, y1, -x0)
        else:
            ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        p, q, r, s, t, u = ctm
        left, top = float(page.mediabox[0]), float(page.mediabox[1])
        self.height = float(page.height)
        self.to_page = (p, -q, r, -s, t + left, self.height - u + top)
        self.turn = (p, q, r, s)

    def box(self, points: list[tuple[float, float]]) -> Obj:
        ta, tb, tc, td, te, tf = self.to_page
        xs = [ta * x + tc * y + te for x, y in points]
        ys = [tb * x + td * y + tf for x, y in points]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        return {"x0": x0, "x1": x1, "top": top, "bottom": bottom}


class _Walk:
    """What one walk over a page's objects collects."""

    __slots__ = ("drawn", "geometry", "graphics", "order", "spaces", "texts")

    def __init__(self, geometry: _Geometry) -> None:
        self.geometry = geometry
        self.graphics = Graphics()
        self.spaces: list[Obj] = []
        self.texts: list[tuple[int, Obj]] = []  # text objects that draw something, with their boxes
        self.order: dict[int, int] = {}  # text object -> its place in drawing order
        self.drawn = 0


def _multiply(m1: Matrix, m2: Matrix) -> Matrix:
    """m1 then m2 (PDF's row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m2
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def render(source: Path | bytes, password: str | None, index: int, resolution: float) -> Any:
    """Page `index` of `source` as a PIL image (RGB) at `resolution` dpi, as displayed (/Rotate applied)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(source, password=password or None)
    try:
        page = doc[index]
        try:
            bitmap = page.render(scale=resolution / 72)
            return bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        doc.close()
