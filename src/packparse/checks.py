"""Cross-checks of a parsed pack, reported as warnings (never raised).

The pack checks itself: agenda ranges against each other and against the printed page numbers,
documents against the items that list them, minutes dates against the meeting, and exempt items
against what their pages actually carry (a Part B item with real content may be a leak).
"""

from __future__ import annotations

import itertools
import re

from packparse.documentstore import read_only
from packparse.lexicon import EXEMPT_STUB
from packparse.models import Pack, PackWarning
from packparse.pagemodel import PageFurniture


def run_checks(pack: Pack, pages: list[PageFurniture]) -> None:
    """Append every finding to `pack.warnings`."""
    add = pack.warnings.append
    _check_ranges(pack, add)
    _check_stamps(pack, pages, add)
    _check_exempt_content(pack, pages, add)
    _check_restricted_pages(pack, pages, add)
    _check_minutes_dates(pack, add)
    _check_scanned(pack, add)
    _check_meeting(pack, add)


def _check_meeting(pack: Pack, add) -> None:
    """Say so when the meeting's date or body could not be read, and why it may be missing."""
    if not any(p.kind in ("content", "image_only") for p in pack.pages):
        return
    scanned = any(p.needs_ocr for p in pack.pages)
    kinds = {d.kind for d in read_only(pack.documents)}
    why = ("pages without a text layer were not read (use --ocr)" if scanned
           else "it is not an agenda or minutes, and prints no meeting it goes to" if not kinds & {
               "agenda", "front_sheet", "minutes"}
           else "none is printed in a form packparse reads")
    if pack.meeting.date is None:
        add(PackWarning(code="no_meeting_date", message=f"no meeting date found: {why}"))
    if pack.meeting.body is None:
        add(PackWarning(code="no_meeting_body", message=f"no meeting body (committee or council) found: {why}"))


def _check_ranges(pack: Pack, add) -> None:
    ranged = [it for it in pack.agenda.items if it.printed_pages is not None]
    for a, b in itertools.pairwise(ranged):
        ra, rb = a.printed_pages, b.printed_pages
        assert ra is not None and rb is not None
        if rb.first <= ra.last:
            add(PackWarning(code="ranges_overlap", pdf_page=b.pdf_page,
                            message=f"items {a.number} ({ra.first}-{ra.last}) and {b.number} "
                                    f"({rb.first}-{rb.last}) overlap"))
        elif rb.first > ra.last + 1:
            add(PackWarning(code="ranges_gap", pdf_page=b.pdf_page,
                            message=f"printed pages {ra.last + 1}-{rb.first - 1} between items "
                                    f"{a.number} and {b.number} belong to no item"))
    for it in ranged:
        r = it.printed_pages
        assert r is not None
        if r.last < r.first:
            add(PackWarning(code="range_reversed", pdf_page=it.pdf_page,
                            message=f"item {it.number}: range {r.first}-{r.last} runs backwards"))
    printed = {p.printed_page: p.pdf_page for p in pack.pages if p.printed_page is not None}
    for it in ranged:
        if it.pdf_pages is None or it.printed_pages is None:
            continue
        shown = printed.get(it.printed_pages.first)
        if shown is not None and shown != it.pdf_pages.first:
            add(PackWarning(code="range_mismatch", pdf_page=it.pdf_pages.first,
                            message=f"item {it.number}: page {it.printed_pages.first} is printed on pdf "
                                    f"page {shown}, not {it.pdf_pages.first}"))


def _check_stamps(pack: Pack, pages: list[PageFurniture], add) -> None:
    for it in pack.agenda.items:
        if it.pdf_pages is None:
            continue
        page = pages[it.pdf_pages.first - 1]
        if page.kind == "content" and page.stamp is not None and page.stamp != it.number:
            add(PackWarning(code="stamp_mismatch", pdf_page=page.pdf_page,
                            message=f"item {it.number} should start here but the page is stamped "
                                    f"'Agenda Item {page.stamp}'"))
        if page.kind == "content" and page.stamp is None and any(p.stamp for p in pages):
            add(PackWarning(code="document_start_unstamped", pdf_page=page.pdf_page,
                            message=f"item {it.number} should start here but the page carries no "
                                    f"'Agenda Item' stamp"))


def _check_exempt_content(pack: Pack, pages: list[PageFurniture], add) -> None:
    """An exempt item's pages should be restricted stubs or blank in a public pack."""
    for it in pack.agenda.items:
        if not it.exempt or it.pdf_pages is None:
            continue
        leaked = [p.pdf_page for p in pages[it.pdf_pages.first - 1: it.pdf_pages.last] if p.kind == "content"]
        if leaked:
            add(PackWarning(code="exempt_content", pdf_page=leaked[0],
                            message=f"exempt item {it.number} has content on pdf pages {leaked}: "
                                    f"possible publication of exempt information"))


def _check_restricted_pages(pack: Pack, pages: list[PageFurniture], add) -> None:
    """A restricted stub carries its notice and nothing else; more text on it (a report printed under the
    notice, a leftover paragraph) is in the document's text, so say so: it may be exempt information."""
    for page in pages:
        if page.kind != "restricted":
            continue
        rest = EXEMPT_STUB.sub(" ", " ".join(" ".join(ln.text.split()) for ln in page.lines))
        words = [w for w in re.findall(r"[^\W\d_]{2,}", rest)]
        if words:
            add(PackWarning(code="exempt_content", pdf_page=page.pdf_page,
                            message=f"restricted page {page.pdf_page} carries {len(words)} words besides its "
                                    f"restricted notice (kept in the document text): possible publication of "
                                    f"exempt information"))


def _check_minutes_dates(pack: Pack, add) -> None:
    meeting_date = pack.meeting.date
    if meeting_date is None or pack.agenda.pdf_pages is None:
        return
    for doc in read_only(pack.documents):
        if doc.minutes is not None and doc.minutes.date is not None and doc.minutes.date > meeting_date:
            add(PackWarning(code="minutes_after_meeting", pdf_page=doc.pdf_pages.first,
                            message=f"minutes dated {doc.minutes.date} are later than the meeting "
                                    f"({meeting_date})"))


def _check_scanned(pack: Pack, add) -> None:
    scanned = [p.pdf_page for p in pack.pages if p.needs_ocr]
    if scanned:
        add(PackWarning(code="image_only_pages", pdf_page=scanned[0],
                        message=f"{len(scanned)} page(s) have no text layer (a scan, or text drawn as vector outlines) "
                                f"and need OCR (--ocr): "
                                f"{scanned[:10]}{' ...' if len(scanned) > 10 else ''}"))
