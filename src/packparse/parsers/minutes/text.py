"""Minutes text with page positions: lines joined into one string that remembers where each line starts, and
the patterns more than one part of the minutes parser reads."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_TRAILING_SEP = re.compile(r"\s*(?::\s*-?|[-–—]|\.)\s*$")
_WS = re.compile(r"\s+")
_FULL_STOP = re.compile(r"\.(?=\s|$)")


@dataclass(slots=True)
class _Text:
    """Lines joined into one string, remembering where each line starts (for pages and indents)."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    breaks: list[bool] = field(default_factory=list)  # the line opens a new paragraph

    def add(self, piece: str, page: int, x0: float, new_para: bool = False) -> None:
        piece = piece.strip()
        if not piece:
            return
        if self.text:
            # A word broken at a line end ("Crow-" / "Brown") is joined without a space.
            broken = self.text.endswith("-") and self.text[-2:-1].isalpha() and piece[0].isalpha()
            if not broken:
                self.text += " "
        self.starts.append(len(self.text))
        self.pages.append(page)
        self.xs.append(x0)
        self.breaks.append(new_para or not self.breaks)
        self.text += piece

    def para_start(self, pos: int) -> int:
        """Index of the line that opens the paragraph holding character `pos`."""
        li = self.line_at(pos)
        while li > 0 and not self.breaks[li]:
            li -= 1
        return li

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) character spans of the printed paragraphs."""
        opens = [self.starts[i] for i, b in enumerate(self.breaks) if b]
        return [(a, opens[k + 1] if k + 1 < len(opens) else len(self.text)) for k, a in enumerate(opens)]

    def line_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def page_at(self, pos: int) -> int | None:
        return self.pages[self.line_at(pos)] if self.pages else None


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _sentence_end(text: str, start: int) -> int:
    """End of the sentence from `start`: a full stop that is not an initial ("J.") or "Mr."."""
    for m in _FULL_STOP.finditer(text, start):
        i = m.start()
        before = text[max(0, i - 24):i].split()
        word = before[-1] if before else ""
        if len(word) == 1 and word.isupper():
            continue
        if word.lower() in ("mr", "mrs", "ms", "dr", "cllr", "st", "no"):
            continue
        return i
    return len(text)
