"""The council's name as the front sheet prints it, in its own case."""

from __future__ import annotations

import re

from packparse.pagemodel import PageFurniture


def find_council(pages: list[PageFurniture]) -> str | None:
    """The council's name as printed near the top of the first pages ("Durham County Council").

    A line (or a cell of one) among a page's first lines that is, or begins with, a council's name, as
    letterheads and headings print it, wins over a name inside a sentence. Only the '<Place> <kind> Council'
    form is read from sentences, and only on the first two pages, never 'City of ...' ("resides in the City
    of ..." is an address, "an Ordinance of the City of X Approving ..." runs on).
    """
    heads = [" ".join(line.text.split()) for page in pages for line in page.lines[:6]]
    for text in heads:
        for cell in re.split(r"\s{2,}|\s[|–-]\s", text):
            cell = cell.strip(" .,:")
            if _COUNCIL_LINE.fullmatch(cell) and (name := _council_name(cell)):
                return _name_case(name)
            if (m := _COUNCIL_IN_TEXT.match(cell)) and (name := _council_name(m.group(0))):
                return _name_case(name)  # "Kent County Council Labour Group": a heading led by the name
    # in sentences only on the first two pages: further on, reports discuss other councils
    for text in (" ".join(line.text.split()) for page in pages[:2] for line in page.lines[:15]):
        for m in _COUNCIL_IN_TEXT.finditer(text):
            if name := _council_name(m.group(0)):
                return _name_case(name)
    return None


_KIND = r"(?:County|City|Borough|District|Parish|Town|Community|Metropolitan(?:\s+Borough)?)(?:\s+Borough)?\s+Council"
_COUNCIL_LINE = re.compile(
    rf"(?:The\s+)?(?:(?:Royal\s+)?Borough|City|County|District|Town)\s+of\s+"
    rf"[\w'’.-]+(?:\s+[\w'’.-]+){{0,2}}(?:\s+(?:and|upon|on|under)\s+[\w'’.-]+)?(?:\s+Council)?"
    rf"|(?:[\w'’&.-]+\s+){{1,5}}{_KIND}", re.I)
_COUNCIL_IN_TEXT = re.compile(rf"\b(?:(?!Council\b)[A-Z][\w'’&-]*\s+(?:(?:and|&|upon|on|in)\s+)?){{1,5}}{_KIND}\b")
_NAME_BREAK = {"a", "an", "at", "by", "for", "from", "of", "the", "to", "with", "that", "this", "our", "your",
               "joint", "meeting", "regular", "special", "adjourned", "members", "mayor", "dear", "chairman",
               "chair", "chairperson", "clerk", "signed", "leader", "leaders"}
_SMALL_WORDS = {"of", "and", "upon", "on", "in", "the", "under"}


def _council_name(name: str) -> str | None:
    """The name without words of the sentence or heading around it ("Joint meeting of the City Council" names
    a body, not a council); None when no place is left before the kind of council."""
    words = name.split()
    if len(words) > 2 and words[0].lower() in {"royal", "borough", "city", "county", "district", "town", "the"} \
            and "of" in (w.lower() for w in words[:3]):
        return " ".join(words[1:] if words[0].lower() == "the" else words)  # "City of York Council"
    breaks = [i for i, w in enumerate(words) if w.lower() in _NAME_BREAK]
    words = words[breaks[-1] + 1:] if breaks else words
    while words and words[0].lower() in _SMALL_WORDS:
        words = words[1:]
    if not words or re.match(r"(?:County|City|Borough|District|Parish|Town|Community|Metropolitan)\b", words[0], re.I):
        return None  # "City Council", "District and Borough Council": a kind of council, not one by name
    return " ".join(words)


def _name_case(name: str) -> str:
    """'CITY OF YORK COUNCIL' -> 'City of York Council'; names printed in mixed case are kept."""
    if not name.isupper():
        return name
    words = name.title().split()
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))
