"""Text helpers and patterns more than one self-check reads: whitespace and Unicode cleaning, masks of
numbers, token matching, page numbers, blank notices, months, agenda and minutes cues."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def _clean(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", s).replace("\x00", "")).strip()


def _mask(line: str) -> str:
    return _DIGITS.sub("#", _clean(line).lower())


def _short(text: str | None, n: int = 160) -> str | None:
    if text is None:
        return None
    t = _clean(text)
    return t if len(t) <= n else t[: n - 1] + "…"


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text).lower())


def _contains(hay: Sequence[str], needle: Sequence[str]) -> bool:
    if not needle:
        return True
    n = len(needle)
    first = needle[0]
    return any(tok == first and list(hay[i:i + n]) == list(needle) for i, tok in enumerate(hay))


_MON = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_AGENDA_LINE = re.compile(
    # "AGENDA", "Notice and Agenda - Revised", "SPECIAL AND REGULAR MEETING AGENDA",
    # "CITY COUNCIL AGENDA FOR OCTOBER 16, 2012", "Annual Parish Meeting Agenda", "A G E N D A"
    r"^(?:[\w&,.'’/-]+\s+){0,6}a\s?g\s?e\s?n\s?d\s?a(?:\s*[-–]\s*(?:revised|amended|final|supplementa\w*))?"
    r"(?:\s+(?:for|of)\s+.{0,40})?(?:\s+(?:and|&)\s+(?:notice|summons)\b.{0,60})?$", re.IGNORECASE)
_AGENDA_NOT = re.compile(r"\b(this|the|an?|any|on|to|item|items|posted|page|see|consent)\s+agenda\b|"
                         r"\bagenda\s+(?:item|items|page|posted|date|no)\b", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}
