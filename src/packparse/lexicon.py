"""The words packparse reads councils by, in one place: honorifics and the other words around names, month
names and the order of numeric dates, the wording of exempt (Schedule 12A) and restricted pages, blank-page
notices and page labels.

Pack-level conventions (`Conventions`: whether "1/12/2021" is 1 December or 12 January) are decided once
for a whole pack and handed to every parser, so the front sheet, the minutes and the reports of one pack
read a date alike.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

# -- names ------------------------------------------------------------------------------------------

HONORIFICS = frozenset({
    "councillor", "cllr", "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor",
    "rev", "revd", "reverend", "lord", "lady", "baroness", "baron", "canon", "alderman", "master",
})
# A plural honorific distributes over the names after it: "Councillors A, B and C".
PLURAL_HONORIFICS = {"councillors": "Councillor", "cllrs": "Cllr", "messrs": "Mr", "drs": "Dr"}
POSTNOMINALS = frozenset({
    "obe", "mbe", "cbe", "kbe", "dbe", "jp", "dl", "kc", "qc", "mp", "mep", "bem", "frs",
})
# The honorifics of a private person (not a councillor's title): a member of the public, an officer.
PERSONAL_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Rev|Revd)\b\.?")
# Words that name a group or an office, never a person: a fragment made only of these is a label.
GROUP_WORDS = frozenset({
    "members", "member", "councillors", "councillor", "cllrs", "cllr", "co-opted", "coopted", "officers",
    "officer", "public", "the", "of", "and", "clerk", "none", "nil", "no", "others", "other", "all",
    "present", "apologies", "also", "in", "attendance", "substitute", "substitutes", "visitors",
    "county", "district", "borough", "town", "parish", "council", "committee", "panel", "chair",
    "chairman", "vice-chair", "vice-chairman", "mayor", "residents", "resident", "press",
})


def is_honorific(word: str) -> bool:
    """'Cllr', 'Mrs.', 'Dame': a title printed before a name."""
    return word.lower().rstrip(".") in HONORIFICS


# -- dates ------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MDY = re.compile(rf"\b{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b", re.I)
_DMY = re.compile(rf"\b\d{{1,2}}\s?(?:st|nd|rd|th)?\s+{_MONTH_NAME},?\s+(?:19|20)\d\d\b", re.I)
_NUMERIC_DATE = re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b")


def month_first(text: str) -> bool:
    """Whether `text` writes dates month first ("January 12, 2021"): then "1/12/2021" is 12 January."""
    return len(_MDY.findall(text)) > len(_DMY.findall(text))


def priced_in_dollars(text: str) -> bool:
    """Amounts in dollars and none in pounds: a US document, whose numeric dates are month first."""
    return "$" in text and "£" not in text


def read_date(text: str, month_first: bool) -> tuple[str, int, int] | None:
    """The first printed date in `text` as (ISO date, start, end); a numeric date ("1/12/2021") is read month
    first when `month_first`, else day first (`packparse.textparse.find_date`)."""
    from packparse.textparse import find_date

    found = find_date(text)
    if found and month_first and (m := _NUMERIC_DATE.match(text, found[1])):
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        try:
            return datetime.date(year, int(m["a"]), int(m["b"])).isoformat(), m.start(), m.end()
        except ValueError:
            return found
    return found


class _MatchCount:
    """How many matches `pattern.findall` finds in a text fed a piece at a time, without the whole text: a
    match is never longer than `_SPAN`, so a match ending further than that from the end of what was fed is
    settled, and so is the absence of one starting there; only that tail (and one character before it, for
    a word boundary) is kept for the next piece."""

    _SPAN = 256  # a date is some 30 characters

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.count = 0
        self._tail = ""
        self._pos = 0  # where in `_tail` the scan goes on (after one character of context)

    def feed(self, piece: str) -> None:
        text = self._tail + piece
        settled = len(text) - self._SPAN
        pos = self._pos
        for m in self.pattern.finditer(text, pos):
            if m.end() > settled:
                settled = min(settled, m.start())
                break
            self.count += 1
            pos = m.end()
        start = max(pos, settled)
        keep = max(0, start - 1)
        self._tail, self._pos = text[keep:], start - keep

    def total(self) -> int:
        return self.count + len(self.pattern.findall(self._tail, self._pos))


@dataclass(frozen=True, slots=True)
class Conventions:
    """How one pack writes what councils write differently, decided once for the pack."""

    month_first: bool = False  # numeric dates month first ("1/12/2021" is 12 January)

    @classmethod
    def of(cls, text: str) -> Conventions:
        """Decided from a whole pack's text: month first when it writes more dates as "January 12, 2021" than
        as "12 January 2021", or as many of each (none) and prices in dollars, none in pounds."""
        return cls.of_texts((text,))

    @classmethod
    def of_texts(cls, texts: Iterable[str]) -> Conventions:
        """`of` the texts (a page's each) joined by spaces, read one at a time: a long pack's text is never
        made whole."""
        mdy, dmy = _MatchCount(_MDY), _MatchCount(_DMY)
        dollars = pounds = False
        for i, text in enumerate(texts):
            piece = text if i == 0 else " " + text
            mdy.feed(piece)
            dmy.feed(piece)
            dollars = dollars or "$" in text
            pounds = pounds or "£" in text
        m, d = mdy.total(), dmy.total()
        return cls(month_first=m > d or (m == d and dollars and not pounds))

    def date(self, text: str) -> tuple[str, int, int] | None:
        return read_date(text, self.month_first)


# -- exempt and restricted pages, blank pages --------------------------------------------------------

# "paragraphs 1 and 3 of Part 1 of Schedule 12A": the exempt paragraphs of the Local Government Act 1972.
SCHEDULE_12A = re.compile(r"paragraphs?\s+(?P<p>[\d,\s and]+?)\s+of\s+(?:Part\s+1\s+of\s+)?Schedule\s+12A", re.I)
RESTRICTED_NOTICE = re.compile(r"^Document\s+is\s+(?:Restricted|Confidential)$", re.I)
BLANK_NOTICE = re.compile(
    r"^(?:this\s+page\s+(?:is\s+)?(?:has\s+been\s+)?(?:intentionally|deliberately)\s+(?:been\s+)?left\s+blank"
    r"|mae'?r\s+dudalen\s+hon\s+wedi'?i\s+gadael\s+yn\s+wag\s+yn\s+fwriadol)\.?$",
    re.I,
)
# The wording of a restricted stub ("Document is Restricted" / "By virtue of paragraph(s) 1 of Part 1 of
# Schedule 12A of the Local Government Act 1972.", in English or Welsh); anything else on the page is content.
EXEMPT_STUB = re.compile(
    r"Document\s+is\s+(?:Restricted|Confidential)"
    r"|(?:By\s+virtue\s+of\s+)?paragraph(?:\(s\)|s)?\s*[\d,\s]*(?:(?:and|&)\s*\d+\s*)?"
    r"|(?:of\s+)?Part\s+[1I]\s+(?:of\s+)?|(?:of\s+|to\s+)?Schedule\s+12\s*A"
    r"|(?:of\s+|to\s+)?the\s+Local\s+Government\s+Act\s+1972(?:\s*\(as\s+amended\))?"
    r"|Mae'?r\s+ddogfen\s+(?:hon\s+)?yn\s+gyfyngedig|Yn\s+rhinwedd\s+paragraff(?:\(au\)|au)?\s*[\d,\s]*"
    r"|(?:o\s+)?Ran\s+\d+|(?:o\s+)?Atodlen\s+12\s*A|(?:o\s+)?Ddeddf\s+Llywodraeth\s+Leol\s+1972"
    r"|This\s+page\s+is\s+intentionally\s+left\s+blank|Not\s+for\s+publication|Exempt\s+information"
    r"|This\s+(?:document|report|item|appendix|annex|page|information)\s+(?:is|contains)\s+(?:exempt|restricted|"
    r"confidential|not\s+for\s+publication)(?:\s+information)?(?:\s+from\s+publication)?"
    r"(?:\s+(?:under|by\s+virtue\s+of|because\s+of|pursuant\s+to))?"
    # the Schedule's own descriptions of its paragraphs: "(information relating to any individual)"
    r"|\(?information\s+(?:relating\s+to|which\s+is\s+likely\s+to\s+reveal|which\s+reveals|in\s+respect\s+of\s+which)"
    r"[^).]*\)?",
    re.I,
)


def exempt_paragraphs(text: str) -> list[str]:
    """The Schedule 12A paragraph numbers `text` cites ("paragraphs 1 and 3 of ... Schedule 12A": 1, 3)."""
    m = SCHEDULE_12A.search(text)
    return re.findall(r"\d+", m["p"]) if m else []


# -- page labels ------------------------------------------------------------------------------------

PAGE_WORDS = ("page", "tudalen")  # "Page 7", Welsh "Tudalen 7"
PAGE_STAMP = re.compile(r"^(?:Page|Tudalen)\s+(\d{1,4})$", re.I)
PAGE_LABEL = re.compile(r"^Page\s+([A-Z]{1,3}-?\d+[A-Z]?)\.(\d{1,3})$", re.I)  # "Page G-4.1"
PACKET_PAGE = re.compile(r"^Packet\s+Pg\.?\s*(\d{1,5})$", re.I)  # "Packet Pg. 187"
