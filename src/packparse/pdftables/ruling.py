"""The visible ruling of a page: edges of lines, rects and curves that show on paper (not white fills, not
a fill hidden inside another of its colour), and the coloured fills behind cells."""

from __future__ import annotations

from typing import Any

from packparse.pdftables.geometry import Box, Obj
from packparse.pdftables.settings import DEFAULT


def is_white(colour: Any, white: float = DEFAULT.white) -> bool:
    """True for a white colour in gray, RGB or CMYK; None and patterns are not white."""
    if isinstance(colour, (int, float)):
        return colour >= white
    if isinstance(colour, (tuple, list)) and colour and all(isinstance(c, (int, float)) for c in colour):
        if len(colour) == 4:
            return all(c <= 1 - white for c in colour)
        return all(c >= white for c in colour)
    return False


def _visible(obj: Obj) -> bool:
    """Whether a line/rect/curve shows on paper: stroked in a dark colour or filled non-white."""
    stroked = obj.get("stroke", obj.get("object_type") == "line")
    if stroked and not is_white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not is_white(obj.get("non_stroking_color"))


def visible_edges(page: Any, min_length: float = DEFAULT.min_edge_length) -> tuple[list[Obj], list[Obj]]:
    """Horizontal and vertical edges of the visible ruling on the page, as pdfplumber edge dicts, each at
    least `min_length` long (shorter ones are dots, bullets and glyph outlines).

    Each edge also says whether it is a drawn `rule` (a line or thin box) rather than the side of
    a filled area such as a colour swatch.
    """
    from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

    edges: list[Obj] = []
    for line in page.lines:
        if _visible(line) and (line["top"] == line["bottom"] or line["x0"] == line["x1"]):
            edges.append({**line_to_edge(line), "rule": True})
    for rect in _drop_hidden_fills(page.rects):
        if _visible(rect):
            thin = min(rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]) < 3
            edges.extend({**e, "rule": thin} for e in rect_to_edges(rect))
    for curve in page.curves:
        if _visible(curve):
            edges.extend(e for e in curve_to_edges(curve) if e["orientation"] in ("h", "v"))
    h = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= min_length]
    v = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= min_length]
    return h, v


def _drop_hidden_fills(rects: list[Obj]) -> list[Obj]:
    """Drop unstroked fills lying inside a same-coloured fill: their edges cannot be seen.

    Word draws a shaded cell as the cell's fill plus a second fill behind its text lines; the
    second one's edges would otherwise split the cell into three rows or columns.
    """
    boxes = [r for r in rects if r.get("fill") and not r.get("stroke")
             and r["x1"] - r["x0"] > 3 and r["bottom"] - r["top"] > 3]
    if len(boxes) < 2:
        return rects
    boxes.sort(key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]), reverse=True)
    hidden: set[int] = set()
    for i, inner in enumerate(boxes):
        for outer in boxes[:i]:
            if (outer["x0"] - 0.5 <= inner["x0"] and inner["x1"] <= outer["x1"] + 0.5
                    and outer["top"] - 0.5 <= inner["top"] and inner["bottom"] <= outer["bottom"] + 0.5
                    and outer.get("non_stroking_color") == inner.get("non_stroking_color")):
                hidden.add(id(inner))
                break
    return [r for r in rects if id(r) not in hidden]


def _fills(page: Any) -> list[Box]:
    """Boxes of coloured (non-white) fills bigger than a rule: shading behind cells or rows."""
    out = []
    for rect in page.rects:
        if (rect.get("fill") and not is_white(rect.get("non_stroking_color"))
                and rect["x1"] - rect["x0"] > 4 and rect["bottom"] - rect["top"] > 4):
            out.append((rect["x0"], rect["top"], rect["x1"], rect["bottom"]))
    return out
