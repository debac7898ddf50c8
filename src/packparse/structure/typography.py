"""A document's typography: its body text style, and how much a line stands out from it.

Structure is read against the document's own body text, never against fixed sizes: a heading is a line
set larger, bolder or in capitals than most of the text around it. The body style is the size and weight
carrying most characters; a line's emphasis is how far its size and weight depart from that.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from packparse.pagemodel import Line


@dataclass(frozen=True, slots=True)
class BodyStyle:
    """The style of a document's running text, and the spacing and margin it is set with."""

    size: float  # points, to the half point
    bold: bool
    leading: float  # typical distance between the tops of two lines of one paragraph
    left: float  # the text's left margin (the most used line start)

    @classmethod
    def of(cls, lines: list[Line]) -> BodyStyle:
        sizes: Counter[float] = Counter()
        bold_chars = chars = 0
        starts: Counter[int] = Counter()
        for ln in lines:
            for w in ln.words:
                n = len(w.text)
                sizes[round(w.size * 2) / 2] += n
                chars += n
                bold_chars += n if w.bold else 0
        size = max(sizes, key=sizes.__getitem__) if sizes else 0.0
        for ln in lines:
            if ln.words and abs(ln.size - size) <= 0.6:
                starts[round(ln.x0 / 3)] += 1
        left = min((k * 3.0 for k, c in starts.items() if c >= max(2, 0.15 * max(starts.values()))),
                   default=min((ln.x0 for ln in lines), default=0.0))
        gaps = [b.top - a.top for a, b in pairwise(lines)
                if a.pdf_page == b.pdf_page and 0 < b.top - a.top < 3 * max(a.bottom - a.top, 1.0)
                and abs(a.size - size) <= 0.6 and abs(b.size - size) <= 0.6]
        leading = median(gaps) if gaps else 1.2 * max(size, 1.0)
        return cls(size=size, bold=chars > 0 and bold_chars > 0.6 * chars, leading=leading, left=left)


def letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def in_capitals(text: str) -> bool:
    """Set in capitals: at least three letters, all upper case."""
    ls = letters(text)
    return len(ls) >= 3 and all(c.isupper() for c in ls)


def emphasis(line: Line, body: BodyStyle) -> float:
    """How much a line stands out from the body text: 0 for body text; size counts most, then weight,
    then capitals. A line in the body's own style scores 0 whatever its words."""
    score = 0.0
    if line.words:
        ratio = line.size / body.size if body.size else 1.0
        if ratio >= 1.08:
            score += 1.0 + min(ratio - 1.0, 1.0)
        if line.bold and not body.bold:
            score += 1.0
        if in_capitals(line.text) and len(line.text.split()) <= 14:
            score += 0.5
    return score
