"""Blocks: a document's lines grouped into headings, numbered items, paragraphs, labels and list items.

This is the structure stage between layout and the parsers. It reads structure the way a reader does,
from typography and numbering, never from wording:

* the body style (size, weight, leading, left margin) is the document's own (`BodyStyle`);
* a new block starts where a line opens with a number of the numbering grammar, a bullet, a
  "Label:" or an "(Item N)" reference, where the emphasis changes (a heading above body text), after a
  gap wider than the body's leading, and where a line starts left of the block's first line;
* a block is a *heading* when it stands out from the body (larger, bolder or in capitals), is short
  and does not end a sentence; heading levels rank the document's heading styles, largest first;
* a block that opens with a number keeps its `NumberToken` whatever its role: "84. Apologies" in bold is a
  numbered heading, "3. The Panel noted ..." a numbered paragraph.

Parsers consume blocks for structure and keep wording only for meaning (RESOLVED, Apologies, Report of).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from packparse.models import BBox
from packparse.pagemodel import Line
from packparse.structure.numbering import NumberToken, read_number, read_reference
from packparse.structure.typography import BodyStyle, emphasis, in_capitals

Role = Literal["heading", "paragraph", "list_item", "label", "item_ref", "signature"]

_BULLET = re.compile(r"^[•●▪■◦‣∙·*\uf000-\uf0ff➢►]|^[-–o]\s")
_LABEL = re.compile(r"^(?P<label>[A-Z][\w'’()/&,.-]*(?:\s+[\w'’()/&,.-]+){0,4})\s*:(?:\s|$)")
_SIGNATURE = re.compile(r"^(?:Signed|Dated?|Chair(?:man|person)?|Date)\b.*(?:[_.…]{4,}|\.\s?\.\s?\.)", re.I)
_SENTENCE_END = re.compile(r"[.;]$")
_ABBREVIATION_END = re.compile(r"\b(?:Inc|Ltd|Co|Corp|plc|etc|No|St|Cllr|Mr|Mrs|Dr)\.$")


@dataclass(slots=True)
class Block:
    """Consecutive lines that belong together, with the role the layout gives them."""

    role: Role
    lines: list[Line]
    number: NumberToken | None = None
    level: int = 0  # headings: 1 for the most prominent style; else 0
    emphasis: float = 0.0
    label: str | None = None  # for `label` blocks: the label without its colon
    reference: str | None = None  # for `item_ref` blocks: the item number referred to

    @property
    def text(self) -> str:
        return " ".join(" ".join(ln.text.split()) for ln in self.lines)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def pdf_page(self) -> int:
        return self.lines[0].pdf_page

    @property
    def x0(self) -> float:
        return self.lines[0].x0

    @property
    def bbox(self) -> BBox:
        same = [ln for ln in self.lines if ln.pdf_page == self.pdf_page]
        return BBox(x0=round(min(ln.x0 for ln in same), 1), top=round(same[0].top, 1),
                    x1=round(max(ln.x1 for ln in same), 1), bottom=round(same[-1].bottom, 1))

    @property
    def title(self) -> str:
        """The text after the block's number (all of it when it has none)."""
        text = self.text
        if self.number is None:
            return text
        first = " ".join(self.lines[0].text.split())
        token = read_number(first)
        rest = first[token.rest_offset:] if token else first
        return " ".join([rest, *(" ".join(ln.text.split()) for ln in self.lines[1:])]).strip()


@dataclass(slots=True)
class Structure:
    """A document's blocks in reading order, with the body style they were read against."""

    blocks: list[Block]
    body: BodyStyle
    heading_styles: list[tuple[float, bool, bool]] = field(default_factory=list)

    def headings(self, level: int | None = None) -> list[Block]:
        return [b for b in self.blocks if b.role == "heading" and (level is None or b.level == level)]

    def numbered(self) -> list[Block]:
        return [b for b in self.blocks if b.number is not None]


def plausible_number(token: NumberToken) -> bool:
    """A number that can open an item or a paragraph, not a date, time or amount at a line start."""
    rest = token.rest
    if re.match(r"^(?:st|nd|rd|th)\b|^(?:January|February|March|April|May|June|July|August|September|October"
                r"|November|December)\b|^[AP]\.?M\.?(?:\s|$)|^(?:am|pm)\b|^%", rest):
        return False
    if token.prefix:
        return True
    if token.sep == ",":
        return rest[:1].isupper()  # "4, Planning": a stop read as a comma (OCR); never "2, 3 and 4"
    if rest[:1].isdigit() and not (token.sep or token.wide_gap):
        return False  # "8 December", "10 000"
    if token.text.isalpha() and not (token.sep or token.wide_gap):
        return False  # "A new ..." is prose, not item A
    if not token.decimal and not token.relative and not (token.sep or token.wide_gap):
        return False
    return rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "(\"“‘'£$#[" or token.sep in ".)"


def _kind(line: Line) -> tuple[Role | None, NumberToken | None, str | None, str | None]:
    """The role a line forces by its own start (a number, a bullet, a label, a reference), if any."""
    text = " ".join(line.text.split())
    if (ref := read_reference(text)) is not None:
        return "item_ref", None, None, ref
    if _SIGNATURE.match(text):
        return "signature", None, None, None
    token = read_number(text)
    if token is not None and plausible_number(token):
        return "paragraph", token, None, None
    if _BULLET.match(text):
        return "list_item", None, None, None
    if (m := _LABEL.match(text)) and len(m["label"]) <= 40:
        return "label", None, m["label"], None
    return None, None, None, None


def build_structure(lines: list[Line], body: BodyStyle | None = None) -> Structure:
    """Group `lines` (reading order, furniture removed) into blocks and give each its role."""
    lines = [ln for ln in lines if ln.words and ln.text.strip()]
    body = body or BodyStyle.of(lines)
    blocks: list[Block] = []
    current: Block | None = None
    prev: Line | None = None
    for line in lines:
        role, token, label, ref = _kind(line)
        emph = emphasis(line, body)
        if current is None or prev is None or _starts_block(current, prev, line, role, emph, body):
            current = Block(role=role or "paragraph", lines=[line], number=token, emphasis=emph, label=label,
                            reference=ref)
            blocks.append(current)
        else:
            current.lines.append(line)
            current.emphasis = min(current.emphasis, emph) if current.lines else emph
        prev = line
    for b in blocks:
        if _is_heading(b, body):
            b.role = "heading"
    styles = sorted({_style(b) for b in blocks if b.role == "heading"}, key=lambda s: (-s[0], not s[1], not s[2]))
    for b in blocks:
        if b.role == "heading":
            b.level = styles.index(_style(b)) + 1
    return Structure(blocks=blocks, body=body, heading_styles=styles)


def _style(block: Block) -> tuple[float, bool, bool]:
    line = block.first
    return (round(line.size * 2) / 2, line.bold, in_capitals(block.text))


def _starts_block(block: Block, prev: Line, line: Line, role: Role | None, emph: float, body: BodyStyle) -> bool:
    if role is not None or block.role in ("item_ref", "signature"):
        return True
    if (emph > 0) != (block.emphasis > 0) or abs(emph - block.emphasis) >= 1.0:
        return True
    scale = max(line.size / body.size, 1.0) if body.size else 1.0
    if line.pdf_page != prev.pdf_page:
        # Overleaf: a paragraph carries on unless the line above ended a sentence.
        return block.emphasis > 0 or bool(_SENTENCE_END.search(prev.text.rstrip())) or line.x0 < block.x0 - 6
    if line.top - prev.top > 1.45 * body.leading * scale or line.top < prev.top:
        return True
    if line.x0 < block.x0 - 6 and not (block.number is not None and line.x0 >= block.x0 - 1):
        return True  # a line left of the block's first line: a new paragraph (hanging numbers aside)
    return bool(block.role == "label" and line.x0 <= block.x0 + 2)


def _is_heading(block: Block, body: BodyStyle) -> bool:
    """Stands out from the body, short, and does not end a sentence."""
    if block.role not in ("paragraph", "label") or block.emphasis < 0.5:
        return False
    text = block.title if block.number is not None else block.text
    words = text.split()
    if not words or len(block.lines) > 3 or len(words) > 25 or len(text) > 200:
        return False
    if _SENTENCE_END.search(text) and not _ABBREVIATION_END.search(text):
        return False
    first = text[:1]
    if not (first.isupper() or first.isdigit() or first in "\"“‘'("):
        return False
    if block.emphasis < 1.0:  # capitals alone: only a short line
        return len(words) <= 10
    return True
