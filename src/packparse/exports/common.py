"""What both exports read of a pack: ids, local date-times, file and page URLs, document names, the
minutes of this meeting matched to its agenda items, the papers (a report with its appendices)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from packparse.ids import DEFAULT_TIMEZONE, assign_ids
from packparse.models import AgendaItem, Document, MinuteItem, Pack, PageRange

URN_PREFIX = "urn:packparse:"
PDF = "application/pdf"
KIND_LABELS = {
    "front_sheet": "Agenda front sheet",
    "agenda": "Agenda",
    "minutes": "Minutes",
    "report": "Report",
    "appendix": "Appendix",
    "presentation": "Presentation",
    "table": "Table",
    "exempt_stub": "Exempt item (not for publication)",
    "letter": "Letter",
    "questions": "Questions",
    "other": "Document",
}


def _with_ids(pack: Pack) -> Pack:
    """The pack itself when it has ids; otherwise a copy given them (a pack read from an older JSON)."""
    if pack.meeting.id is not None:
        return pack
    copy = pack.model_copy(deep=True)
    return assign_ids(copy, copy.source.meeting_id)


def _zone(name: str | None) -> str:
    try:
        ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return name or DEFAULT_TIMEZONE


def local_datetime(day: str | None, hhmm: str | None, timezone: str) -> str | None:
    """'2025-01-30', '10:00', 'Europe/London' -> '2025-01-30T10:00:00+00:00' (BST in summer); None if unknown."""
    if not day or not hhmm:
        return None
    try:
        d = date.fromisoformat(day)
        hour, minute = (int(x) for x in hhmm.split(":")[:2])
        return datetime(d.year, d.month, d.day, hour, minute, tzinfo=ZoneInfo(_zone(timezone))).isoformat()
    except ValueError:
        return None


class NoMeetingDate(ValueError):
    """The PDF names no meeting date, so there is no event to export (an OCD event needs its start date)."""


class NoSourceURL(ValueError):
    """No web address for the PDF: an OCD event's `sources` must hold the http(s) or ftp URL it was published
    at (Open States refuses anything else), and packparse will not invent one."""


def web_url(url: str | None) -> bool:
    """An http, https or ftp URL: what Open States takes as an event's source."""
    return bool(url) and str(url).lower().startswith(("http://", "https://", "ftp://"))


def file_url(pack: Pack, source_path: str | os.PathLike[str] | None = None) -> str:
    """Where the PDF is: `--source-url`, else a `file:` URL of `source_path` made absolute, else of the name."""
    if pack.source.url:  # as given, with spaces and other characters a URL cannot hold %-encoded
        return quote(pack.source.url.split("#", 1)[0], safe=":/?&=;+,$@!~*'()%[]")
    if source_path is not None:
        return Path(source_path).resolve().as_uri()
    return "file:" + quote(pack.source.file)  # a pack read back from JSON: only the file name is known


def page_url(pack: Pack, page: int, source_path: str | os.PathLike[str] | None = None) -> str:
    """The PDF at `page`: `file_url` with '#page=N'."""
    return f"{file_url(pack, source_path)}#page={page}"


def _pages(r: PageRange | None) -> dict[str, int] | None:
    return {"first": r.first, "last": r.last} if r is not None else None


def _span(r: PageRange) -> str:
    return f"{r.first}" if r.first == r.last else f"{r.first}-{r.last}"


def _pages_note(doc: Document) -> str:
    note = f"pdf page{'s' if doc.pdf_pages.last > doc.pdf_pages.first else ''} {_span(doc.pdf_pages)}"
    if doc.printed_pages is not None:
        note += f", printed page{'s' if doc.printed_pages.last > doc.printed_pages.first else ''} " \
                f"{_span(doc.printed_pages)}"
    return note


def _doc_name(doc: Document) -> str:
    if doc.minutes is not None:
        parts = ["Minutes"]
        if doc.minutes.body:
            parts.append(f"of {doc.minutes.body}")
        if doc.minutes.date:
            parts.append(doc.minutes.date)
        return " ".join(parts)
    return doc.title or KIND_LABELS.get(doc.kind, "Document")


def _meeting_name(pack: Pack) -> str:
    m = pack.meeting
    return m.body or m.council or pack.source.title or pack.source.file


def _own_minutes(pack: Pack) -> list[Document]:
    """Minutes of this meeting (not the previous meeting's minutes that an agenda pack carries)."""
    out = []
    for doc in pack.documents:
        m = doc.minutes
        if m is None:
            continue
        same_date = m.date is not None and m.date == pack.meeting.date
        minutes_only = not pack.agenda.items and (m.date is None or pack.meeting.date is None)
        if same_date or minutes_only:
            out.append(doc)
    return out


_STOP = {"the", "of", "and", "a", "an", "to", "for", "on", "in", "by", "at", "with", "from"}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - _STOP


def _match_minutes(items: list[AgendaItem], minutes: list[MinuteItem]) -> dict[int, MinuteItem]:
    """Agenda item index -> the minute recording it: same title words (minute numbers rarely follow the agenda's)."""
    used: set[int] = set()
    out: dict[int, MinuteItem] = {}
    for i, item in enumerate(items):
        a = _words(item.title)
        best, best_score = -1, 0.0
        for j, minute in enumerate(minutes):
            b = _words(minute.title)
            if j in used or not a or not b:
                continue
            score = len(a & b) / len(a | b) + (0.2 if minute.number == item.number else 0.0)
            if score > best_score:
                best, best_score = j, score
        if best >= 0 and best_score >= 0.5:
            used.add(best)
            out[i] = minutes[best]
    return out


def _item_documents(pack: Pack) -> dict[int, list[Document]]:
    """Agenda item index -> its documents (a repeated number goes to the item whose pages hold the document)."""
    items = pack.agenda.items
    out: dict[int, list[Document]] = {}
    for doc in pack.documents:
        if doc.agenda_item is None:
            continue
        candidates = [i for i, it in enumerate(items) if it.number == doc.agenda_item]
        inside = [i for i in candidates
                  if items[i].pdf_pages is not None and doc.pdf_pages.first in items[i].pdf_pages]
        if candidates:
            out.setdefault((inside or candidates)[0], []).append(doc)
    return out


def _decision_texts(minute: MinuteItem | None) -> list[str]:
    if minute is None:
        return []
    return [d.text for d in minute.decisions if d.text] or [r for r in minute.resolutions if r]


def _close_time(pack: Pack) -> str | None:
    return next((d.minutes.close_time for d in _own_minutes(pack) if d.minutes and d.minutes.close_time), None)


def status_date(pack: Pack, today: date | None = None) -> str:
    """The day a meeting's status is judged on: when the PDF was retrieved (`--retrieved`), else today."""
    if pack.source.retrieved:
        return pack.source.retrieved[:10]
    return (today or date.today()).isoformat()


def _passed(pack: Pack, today: date | None = None) -> bool:
    """Held already: its own minutes are in the pack, or it is dated before `status_date`."""
    if _own_minutes(pack):
        return True
    return bool(pack.meeting.date) and pack.meeting.date < status_date(pack, today)


def _reports_by_item(docs: list[Document]) -> list[tuple[Document, list[Document]]]:
    """Each report of an agenda item with the documents after it up to the next report (its appendices)."""
    out: list[tuple[Document, list[Document]]] = []
    for doc in docs:
        if doc.kind == "report":
            out.append((doc, []))
        elif out and doc.kind not in ("minutes", "front_sheet", "agenda"):
            out[-1][1].append(doc)
    return out


def _papers(pack: Pack) -> list[tuple[Document, list[Document]]]:
    """Every report with its appendices: grouped by agenda item, and in page order where there is none."""
    by_item = _item_documents(pack)
    grouped = [pair for i in sorted(by_item) for pair in _reports_by_item(by_item[i])]
    seen = {doc.id for doc, _ in grouped}
    loose = [d for d in pack.documents if d.kind == "report" and d.id not in seen]
    return grouped + [(d, []) for d in loose]
