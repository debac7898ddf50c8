"""Split a PDF into its logical documents.

Evidence, strongest first: the agenda's "(Pages x - y)" ranges mapped onto the printed page numbers,
"Agenda Item N" stamps, restricted stubs, blank padding pages (a document with an odd page count is
followed by one), a reset of a document's own page numbering, and bookmarks naming an appendix. A
page that opens with the same heading as the document's first page starts another document of the
same kind (a run of notices or minutes in one file), as does a page whose heading block has the first
page's lines in the same places with other words in some (the same form filled in again); a page that
repeats the first page's opening lines word for word is the form's next sheet.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from packparse.models import AgendaItem, PackWarning, PageRange
from packparse.pagemodel import Line, OutlineEntry, PageFurniture, Section
from packparse.structure.typography import BodyStyle

_MINUTES_OPENING = re.compile(r"^(?:minutes\s+of\s+(?:a|the)\b|at\s+a\s+meeting\s+of\b)", re.I)
_APPENDIX_MARK = re.compile(r"^(?:Appendix|Annex|Attachment|Enclosure|Exhibit)\b", re.I)


def printed_to_pdf(pages: list[PageFurniture]) -> dict[int, int]:
    """Map printed page numbers to pdf pages, filling unnumbered pages (padding) between numbered ones.

    When the pack stamps its own numbers, only those count: a document's internal numbering would
    otherwise collide with them.
    """
    stamped = any(p.has_pack_stamp for p in pages)
    known = {p.pdf_page: p.printed_page for p in pages
             if p.printed_page is not None and (p.has_pack_stamp or not stamped)}
    mapping: dict[int, int] = {}
    for pdf_page, printed in sorted(known.items()):
        mapping.setdefault(printed, pdf_page)
    # an unnumbered page between two numbered ones with a consistent offset gets the number between
    numbered = sorted(known.items())
    for (pa, na), (pb, nb) in itertools.pairwise(numbered):
        if pb - pa == nb - na and pb - pa > 1:
            for k in range(1, pb - pa):
                mapping.setdefault(na + k, pa + k)
    if numbered:  # one page past the last number: the padding page after the last document
        pl, nl = numbered[-1]
        if pl < len(pages):
            mapping.setdefault(nl + 1, pl + 1)
    return mapping


def map_items(items: list[AgendaItem], pages: list[PageFurniture],
              warnings: list[PackWarning]) -> None:
    """Give each item with printed pages the pdf pages it occupies in this file."""
    mapping = printed_to_pdf(pages)
    offsets = sorted((printed, pdf - printed) for printed, pdf in mapping.items())
    n_pages = len(pages)
    for item in items:
        if item.printed_pages is None:
            continue
        first = _to_pdf(item.printed_pages.first, mapping, offsets) if mapping else None
        last = _to_pdf(item.printed_pages.last, mapping, offsets) if mapping else None
        if first is None or first > n_pages or first < 1:
            warnings.append(PackWarning(
                code="item_not_in_pdf",
                message=f"item {item.number}: printed pages {item.printed_pages.first}-"
                        f"{item.printed_pages.last} are not in this PDF"))
            continue
        if last is None or last > n_pages:
            warnings.append(PackWarning(
                code="item_truncated",
                message=f"item {item.number}: printed pages run to {item.printed_pages.last}, "
                        f"past the end of this PDF", pdf_page=n_pages))
            last = n_pages
        item.pdf_pages = PageRange(first=first, last=last)


def _to_pdf(printed: int, mapping: dict[int, int], offsets: list[tuple[int, int]]) -> int | None:
    if printed in mapping:
        return mapping[printed]
    below = [off for num, off in offsets if num <= printed]
    if below:
        return printed + below[-1]
    return printed + offsets[0][1] if offsets else None


def find_sections(pages: list[PageFurniture], items: list[AgendaItem], outline: list[OutlineEntry],
                  front_last: int | None) -> list[Section]:
    """Cut the pages into documents; blank pages belong to none."""
    n = len(pages)
    if n == 0:
        return []
    starts: dict[int, str] = {1: "first_page"}
    if front_last is not None and front_last < n:
        starts[front_last + 1] = "front_sheet_end"
    for item in items:
        if item.pdf_pages is not None:
            starts.setdefault(item.pdf_pages.first, "agenda_range")
    item_starts = {it.pdf_pages.first for it in items if it.pdf_pages is not None}
    item_starts |= {p.pdf_page for p in pages if p.stamp is not None}
    marks = _Bookmarks(appendix=_appendix_bookmarks(outline), level=_level_bookmarks(outline, item_starts))
    opening: PageFurniture | None = None  # the first page of the document being read
    for i, page in enumerate(pages):
        p = page.pdf_page
        if page.kind == "blank" or (front_last is not None and p <= front_last):
            continue
        if i > 0 and p not in starts and (reason := _start_reason(pages, i, marks, opening)):
            starts[p] = reason
        if p in starts:
            opening = page
    bounds = sorted(starts)
    sections: list[Section] = []
    for k, first in enumerate(bounds):
        last = (bounds[k + 1] - 1) if k + 1 < len(bounds) else n
        while last >= first and pages[last - 1].kind == "blank":
            last -= 1
        while first <= last and pages[first - 1].kind == "blank":
            first += 1
        if first > last:
            continue
        sections.append(Section(first=first, last=last, split_by=starts.get(first, starts[bounds[k]])))
    carried: str | None = None
    for section in sections:
        section.agenda_item = _item_for(section, items, pages)
        stamp = pages[section.first - 1].stamp
        if stamp is not None:
            carried = stamp
        elif section.agenda_item is None and section.split_by != "first_page":
            section.agenda_item = carried  # a further document of the last stamped item
    return sections


@dataclass(slots=True)
class _Bookmarks:
    appendix: set[int]  # bookmarks naming an appendix at the item level
    level: set[int]  # all item-level bookmarks of a pack


def _start_reason(pages: list[PageFurniture], i: int, marks: _Bookmarks,
                  opening: PageFurniture | None) -> str | None:
    """Why page `i` opens a new document, or None when it continues the current one."""
    page, prev = pages[i], pages[i - 1]
    prev_content = _previous_content(pages, i)
    if page.stamp is not None:
        return "stamp"
    if page.kind == "restricted" or (prev_content is not None and prev_content.kind == "restricted"):
        return "restricted"
    if prev.kind == "blank" and not _numbering_continues(prev_content, page):
        return "blank_padding"
    if prev_content is not None and (_numbering_restarts(prev_content, page) or _numbering_ended(prev_content)):
        return "page_numbers"
    if page.pdf_page in marks.appendix or (
            page.pdf_page in marks.level and prev_content is not None
            and _opens_after_short_page(prev_content, page)):
        return "bookmark"
    if opening is not None:
        if _repeats_opening(opening, page):
            return None  # a form's next sheet, under the same head
        block, first = _heading_block(page), _heading_block(opening)
        if _refills_heading_block(first, block) or _counts_on(first, block):
            return "repeated_form"
        if (heading := _heading(page)) is not None and heading == _heading(opening):
            return "repeated_heading"
    if _opens_minutes(page):
        return "minutes_opening"
    if opening is not None and _asks(opening) and _asks(page):
        return "next_question"  # a pack of members' questions: each "Question by A to B" is a document
    return None


def _asks(page: PageFurniture) -> bool:
    """The page opens (in its first lines, in bold) with a question's heading: "Question by A to B"."""
    return any(ln.bold and _QUESTION_BY.match(" ".join(ln.text.split())) for ln in page.lines[:4])


def _repeats_opening(opening: PageFurniture, page: PageFurniture, n: int = 5) -> bool:
    """The page's first `n` lines are the document's first page's, word for word and in the same places."""
    if len(page.lines) < n or len(opening.lines) < n:
        return False
    return all(abs(a.top - b.top) <= 2 and " ".join(a.text.split()) == " ".join(b.text.split())
               for a, b in zip(opening.lines[:n], page.lines[:n], strict=True))


def _heading_block(page: PageFurniture) -> list[Line]:
    """The page's opening lines that stand out from its body text (larger, or bold over regular text):
    title, subtitle, a form's headed fields, "Question 2" / "Question by A to B"."""
    if not page.lines:
        return []
    body = BodyStyle.of(page.lines)
    block: list[Line] = []
    for ln in page.lines:
        if ln.size < body.size * 1.15 and not (ln.bold and not body.bold):
            break
        if len(re.split(r"\s{2,}", ln.text.strip())) >= 3:
            break  # a table's header row, not a heading
        block.append(ln)
    return block


def _refills_heading_block(first: list[Line], block: list[Line]) -> bool:
    """The page's heading `block` (`_heading_block`) repeats `first`, the document's first page's: the same
    lines in the same places and sizes, but with different words in some: the same form filled in again (the
    next ward's notice, the next meeting's minutes). Needs three or more heading lines, so a lone section
    heading, or lines of body text that happen to share places, never count."""
    if len(block) < 3 or len(first) < len(block):
        return False
    differ = 0
    for ln in block:
        twin = next((f for f in first if abs(f.top - ln.top) <= 2 and abs(f.size - ln.size) <= 0.5), None)
        if twin is None:
            return False
        differ += " ".join(twin.text.split()) != " ".join(ln.text.split())
    return 0 < differ < len(block)


def _counts_on(first: list[Line], block: list[Line]) -> bool:
    """The page's heading `block` has the document's first heading (in `first`) again, in the same place and
    size, with its number counted on: "Question 1" then "Question 2" (a pack of questions, notices or motions,
    one each)."""
    for ln in block:
        m = _COUNTER.search(" ".join(ln.text.split()))
        if m is None:
            continue
        for f in first:
            n = _COUNTER.search(" ".join(f.text.split()))
            if (n is not None and abs(f.top - ln.top) <= 2 and abs(f.size - ln.size) <= 0.5 and f.bold == ln.bold
                    and n["head"] == m["head"] and int(m["n"]) > int(n["n"])):
                return True
    return False


_QUESTION_BY = re.compile(r"^Question\s+(?:\d+\s+)?(?:by|from)\s+\S.*\bto\b", re.I)
_COUNTER = re.compile(r"^(?P<head>[A-Za-z][A-Za-z' ]{2,40}?)\s+(?:No\.?\s*)?(?P<n>\d{1,3})\.?$")


def _appendix_bookmarks(outline: list[OutlineEntry]) -> set[int]:
    """Pages of bookmarks naming an appendix at the first level below the top (the item level).

    Deeper appendix bookmarks are sheets or sections inside one appended document.
    """
    depths = [e.depth for e in outline if e.depth > 1]
    if not depths:
        return set()
    level = min(depths)
    return {e.pdf_page for e in outline if e.depth == level and _APPENDIX_MARK.match(e.title)}


def _level_bookmarks(outline: list[OutlineEntry], starts: set[int]) -> set[int]:
    """Pages of the bookmarks one level below agenda-item bookmarks (a pack's per-document marks).

    Only when the top-level bookmarks point at items' first pages (by range or stamp), as packs built from an
    agenda do; elsewhere second-level bookmarks are a report's own sections.
    """
    tops = [e for e in outline if e.depth == 1]
    if not starts or not any(e.pdf_page in starts for e in tops):
        return set()
    return {e.pdf_page for e in outline if e.depth == 2}


def _opens_after_short_page(prev: PageFurniture, page: PageFurniture) -> bool:
    """A heading at the top of a page that follows a short last page, or a change of page size."""
    if _heading(page) is None and not (page.lines and page.lines[0].bold):
        return False
    resized = abs(prev.width - page.width) > 2 or abs(prev.height - page.height) > 2
    filled = max((ln.bottom for ln in prev.lines), default=0.0) / (prev.height or 1.0)
    return resized or filled < 0.8


def _previous_content(pages: list[PageFurniture], i: int) -> PageFurniture | None:
    for j in range(i - 1, -1, -1):
        if pages[j].kind != "blank":
            return pages[j]
    return None


def _own_number(page: PageFurniture) -> int | None:
    return page.own_page if page.has_pack_stamp else page.printed_page


def _numbering_continues(prev: PageFurniture | None, page: PageFurniture) -> bool:
    """The document's own page numbers go on across a blank page: the blank is part of it."""
    if prev is None:
        return False
    a, b = _own_number(prev), _own_number(page)
    if a is None or b is None:
        return False
    gap = page.pdf_page - prev.pdf_page
    return b - a == gap and b != 1


def _numbering_restarts(prev: PageFurniture, page: PageFurniture) -> bool:
    """The page is numbered 1 again: 'Page 1 of N' always opens a document, a bare 1 after n."""
    a, b = _own_number(prev), _own_number(page)
    if b != 1:
        return False
    if page.own_total is not None and not (a == 1 and prev.own_total == page.own_total):
        return True
    return a is not None and a >= 1 and page.pdf_page - prev.pdf_page <= 2


def _numbering_ended(prev: PageFurniture) -> bool:
    """The previous page was 'Page N of N': its document ended there."""
    return prev.own_total is not None and _own_number(prev) == prev.own_total


def _heading(page: PageFurniture) -> str | None:
    """The page's opening line when it is set larger than the page's text: a document heading."""
    if not page.lines:
        return None
    sizes = sorted(ln.size for ln in page.lines)
    body = sizes[len(sizes) // 2]
    first = page.lines[0]
    text = " ".join(first.text.split())
    if first.size >= body * 1.25 and len(text) > 3:
        return text.lower()
    return None


def _opens_minutes(page: PageFurniture) -> bool:
    """'Minutes of a meeting of ...' in the page's first lines: another set of minutes begins."""
    return any(_MINUTES_OPENING.match(" ".join(ln.text.split())) for ln in page.lines[:3])


def _item_for(section: Section, items: list[AgendaItem], pages: list[PageFurniture]) -> str | None:
    for item in items:
        if item.pdf_pages is not None and section.first in item.pdf_pages:
            return item.number
    # a stamp on the section's first page names the item when no range does
    stamp = pages[section.first - 1].stamp
    if stamp is not None:
        return stamp
    return None
