"""Exports for other civic-data systems: an Open Civic Data Event (`to_ocd`) and OParl 1.1 (`to_oparl`).

Both are plain dicts ready for `json.dumps`, built only from the pack, and both carry packparse's
deterministic ids (`packparse.ids`): OCD in `extras` (and `id`, an `ocd-event/<uuid>` derived from the
meeting id), OParl as the object ids themselves (`urn:packparse:<id>`, or `<base_url>/<id>`).

What the exports say about decisions comes only from minutes of this meeting (minutes dated the
meeting's date, or a minutes-only PDF); the minutes of the previous meeting that an agenda pack carries
are a document of the pack, not its outcomes.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import date, datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from packparse.ids import DEFAULT_TIMEZONE, assign_ids
from packparse.models import AgendaItem, Document, MinuteItem, Pack, PageRange

FORMATS = ("json", "ocd", "oparl")
OPARL = "https://schema.oparl.org/1.1/"
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


# -- shared helpers ----------------------------------------------------------------------------------


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


def page_url(pack: Pack, page: int) -> str:
    """The PDF at `page`: the source URL (or, without one, the file name) with '#page=N'."""
    base = pack.source.url.split("#", 1)[0] if pack.source.url else quote(pack.source.file)
    return f"{base}#page={page}"


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


_REFERENCE = re.compile(r"(\d{2}/\d{4,6})\b")  # a decision number heading an item title: "24/00108 - ..."
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


def _passed(pack: Pack) -> bool:
    """Held already: its own minutes are in the pack, or it was dated before the PDF was retrieved."""
    if _own_minutes(pack):
        return True
    if pack.meeting.date and pack.source.retrieved:
        return pack.meeting.date < pack.source.retrieved[:10]
    return False


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


# -- Open Civic Data ---------------------------------------------------------------------------------


def ocd_event_id(meeting_id: str) -> str:
    """An OCD event id ('ocd-event/<uuid>') derived from the meeting id: the same meeting, the same id."""
    return f"ocd-event/{uuid.uuid5(uuid.NAMESPACE_URL, URN_PREFIX + meeting_id)}"


def to_ocd(pack: Pack) -> dict:
    """The pack as an Open Civic Data Event (the scrape format of pupa / Open States)."""
    pack = _with_ids(pack)
    m = pack.meeting
    tz = _zone(m.timezone)
    own = _own_minutes(pack)
    own_items = [mi for d in own if d.minutes for mi in d.minutes.items]
    item_docs = _item_documents(pack)

    agenda: list[dict] = []
    if pack.agenda.items:
        matched = _match_minutes(pack.agenda.items, own_items)
        for k, item in enumerate(pack.agenda.items, 1):
            agenda.append(_ocd_item(pack, k, item, item_docs.get(k - 1, []), matched.get(k - 1)))
    else:
        for k, minute in enumerate(own_items, 1):
            agenda.append(_ocd_minute(k, minute))

    host = m.body or m.council
    participants: list[dict] = []
    if host:
        participants.append({"name": host, "type": "organization", "entity_type": "organization", "note": "host"})
    for doc in own:
        att = doc.minutes.attendance if doc.minutes else None
        if att is None:
            continue
        if att.chair is not None:
            participants.append({"name": att.chair.name, "type": "person", "entity_type": "person", "note": "chair"})
        chair = att.chair.name if att.chair is not None else None
        participants += [{"name": p.name, "type": "person", "entity_type": "person", "note": "present"}
                         for p in att.present if p.name != chair]
        participants += [{"name": p.name, "type": "person", "entity_type": "person", "note": "also present"}
                         for p in att.also_present]

    when = " ".join(x for x in (m.date, m.start_time) if x)
    description = f"{_meeting_name(pack)}" + (f" of {m.council}" if m.council and m.body else "") \
        + (f", {when}" if when else "") + f". Parsed by packparse from {pack.source.file}."
    source_note = f"{pack.source.file} (sha256 {pack.source.sha256[:12]})" \
        + (f", retrieved {pack.source.retrieved}" if pack.source.retrieved else "")
    return {
        "id": ocd_event_id(m.id or ""),
        "name": _meeting_name(pack),
        "description": description,
        "classification": "committee-meeting",
        "start_date": local_datetime(m.date, m.start_time, tz) or m.date or "",
        "end_date": local_datetime(m.date, _close_time(pack), tz) or "",
        "timezone": tz,
        "all_day": False,
        "status": "passed" if _passed(pack) else "confirmed",
        "location": {"name": m.venue or "Not stated", "note": "", "coordinates": None},
        "participants": participants,
        "agenda": agenda,
        "documents": [{"note": f"{_doc_name(d)} ({_pages_note(d)})", "date": m.date or "",
                       "links": [{"url": page_url(pack, d.pdf_pages.first), "media_type": PDF}]}
                      for d in pack.documents],
        "media": [],
        "links": [],
        "sources": [{"url": pack.source.url or quote(pack.source.file), "note": source_note}],
        "extras": {
            "packparse_id": m.id,
            "council": m.council,
            "body": m.body,
            "packparse_version": pack.packparse_version,
            "schema_version": pack.schema_version,
            "source": {"file": pack.source.file, "sha256": pack.source.sha256, "url": pack.source.url,
                       "retrieved": pack.source.retrieved},
            "documents": [{"id": d.id, "kind": d.kind, "title": d.title, "agenda_item": d.agenda_item,
                           "pdf_pages": _pages(d.pdf_pages), "printed_pages": _pages(d.printed_pages),
                           "url": page_url(pack, d.pdf_pages.first)} for d in pack.documents],
        },
    }


def _ocd_item(pack: Pack, k: int, item: AgendaItem, docs: list[Document], minute: MinuteItem | None) -> dict:
    notes: list[str] = []
    if item.presenter:
        notes.append(f"Presenter: {item.presenter}")
    if item.printed_pages is not None or item.pdf_pages is not None:
        parts = []
        if item.printed_pages is not None:
            parts.append(f"pages {_span(item.printed_pages)}")
        if item.pdf_pages is not None:
            parts.append(f"pdf pages {_span(item.pdf_pages)}")
        notes.append("; ".join(parts).capitalize())
    if item.exempt:
        notes.append("Exempt: not for publication" + (f" (Part {item.part})" if item.part else ""))
    notes += _decision_texts(minute)
    authors = [d.report.author for d in docs if d.report is not None and d.report.author is not None]
    return {
        "description": item.title or f"Item {item.number}",
        "classification": [],
        "order": item.number,
        "subjects": [],
        "media": [],
        "notes": notes,
        "related_entities": [{"name": a.name, "entity_type": "person", "id": None, "note": "report author"}
                             for a in authors],
        "extras": {
            "packparse_id": item.id,
            "position": k,
            "number": item.number,
            "exempt": item.exempt,
            "part": item.part,
            "presenter": item.presenter,
            "printed_pages": _pages(item.printed_pages),
            "pdf_pages": _pages(item.pdf_pages),
            "documents": [{"id": d.id, "note": f"{_doc_name(d)} ({_pages_note(d)})",
                           "url": page_url(pack, d.pdf_pages.first)} for d in docs],
            "people": [a.id for a in authors],
            "minute_item": minute.id if minute is not None else None,
            "decisions": [{"id": d.id, "kind": d.kind, "text": d.text} for d in (minute.decisions if minute else [])],
        },
    }


def _ocd_minute(k: int, minute: MinuteItem) -> dict:
    return {
        "description": minute.title or f"Minute {minute.number}",
        "classification": [],
        "order": minute.number,
        "subjects": [],
        "media": [],
        "notes": _decision_texts(minute),
        "related_entities": [],
        "extras": {
            "packparse_id": minute.id,
            "position": k,
            "number": minute.number,
            "minute_item": minute.id,
            "decisions": [{"id": d.id, "kind": d.kind, "text": d.text} for d in minute.decisions],
        },
    }


# -- OParl 1.1 ---------------------------------------------------------------------------------------


def oparl_id(pack_id: str, base_url: str | None = None) -> str:
    """A pack id as an OParl id (a URL): 'urn:packparse:<id>', or '<base_url>/<id>' when a base is given."""
    path = quote(pack_id, safe="/-._~:")
    return f"{base_url.rstrip('/')}/{path}" if base_url else URN_PREFIX + path


def _clean(obj: dict) -> dict:
    """OParl leaves out what is not known rather than writing null."""
    return {k: v for k, v in obj.items() if v is not None}


def to_oparl(pack: Pack, base_url: str | None = None) -> dict:
    """The pack as OParl 1.1 objects: {"meeting": Meeting (agenda items embedded), "paper": [Paper], "file": [File]}.

    Ids are our deterministic ids as URLs (`oparl_id`); a Paper is `<document id>#paper`, its Consultation
    `<document id>#consultation` and the meeting's Location `<meeting id>#location`. Properties packparse
    adds are prefixed `packparse:`.
    """
    pack = _with_ids(pack)
    m = pack.meeting
    tz = _zone(m.timezone)

    def url(pack_id: str | None, fragment: str = "") -> str:
        return oparl_id(pack_id or "", base_url) + (f"#{fragment}" if fragment else "")

    items = pack.agenda.items
    item_docs = _item_documents(pack)
    item_of = {d.id: i for i, docs in item_docs.items() for d in docs}
    papers = _papers(pack)
    paper_of: dict[str | None, str] = {}
    for report, appendices in papers:
        for d in [report, *appendices]:
            paper_of.setdefault(d.id, url(report.id, "paper"))

    def file(doc: Document) -> dict:
        item = items[item_of[doc.id]] if doc.id in item_of else None
        return _clean({
            "id": url(doc.id),
            "type": OPARL + "File",
            "name": _doc_name(doc),
            "fileName": pack.source.file,
            "mimeType": PDF,
            "size": pack.source.bytes,
            "accessUrl": page_url(pack, doc.pdf_pages.first),
            "meeting": [url(m.id)],
            "agendaItem": [url(item.id)] if item is not None else None,
            "paper": [paper_of[doc.id]] if doc.id in paper_of else None,
            "packparse:kind": doc.kind,
            "packparse:pdfPages": _pages(doc.pdf_pages),
            "packparse:printedPages": _pages(doc.printed_pages),
            "packparse:sha256": pack.source.sha256,
        })

    files = {d.id: file(d) for d in pack.documents}
    own = _own_minutes(pack)
    own_items = [mi for d in own if d.minutes for mi in d.minutes.items]
    consultation_of: dict[int, str] = {}
    paper_objs = []
    for report, appendices in papers:
        i = item_of.get(report.id)
        item = items[i] if i is not None else None
        r = report.report
        consultation = None
        if item is not None and i is not None:
            consultation = {"id": url(report.id, "consultation"), "type": OPARL + "Consultation",
                            "paper": url(report.id, "paper"), "meeting": url(m.id), "agendaItem": url(item.id)}
            consultation_of.setdefault(i, consultation["id"])
        printed_ref = _REFERENCE.match(item.title) if item is not None else None
        reference = (r.decision_reference if r else None) or (printed_ref.group(1) if printed_ref else None) \
            or (f"Item {item.number}" if item is not None else None)
        paper_objs.append(_clean({
            "id": url(report.id, "paper"),
            "type": OPARL + "Paper",
            "name": _doc_name(report),
            "reference": reference,
            "paperType": "report",
            "mainFile": files[report.id],
            "auxiliaryFile": [files[d.id] for d in appendices] or None,
            "originatorPerson": [url(r.author.id)] if r and r.author and r.author.id else None,
            "consultation": [consultation] if consultation else None,
            "packparse:reportOf": r.report_of if r else None,
            "packparse:reportTo": r.report_to if r else None,
            "packparse:keyDecision": r.key_decision if r else None,
            "packparse:recommendations": (r.recommendations or None) if r else None,
        }))

    agenda_items: list[dict] = []
    if items:
        matched = _match_minutes(items, own_items)
        for i, item in enumerate(items):
            minute = matched.get(i)
            texts = _decision_texts(minute)
            agenda_items.append(_clean({
                "id": url(item.id),
                "type": OPARL + "AgendaItem",
                "meeting": url(m.id),
                "number": item.number,
                "order": i + 1,
                "name": item.title or f"Item {item.number}",
                "public": not item.exempt,
                "consultation": consultation_of.get(i),
                "result": _result(minute),
                "resolutionText": "\n\n".join(texts) or None,
                "auxiliaryFile": [files[d.id] for d in item_docs.get(i, [])] or None,
                "packparse:presenter": item.presenter,
                "packparse:part": item.part,
                "packparse:printedPages": _pages(item.printed_pages),
                "packparse:pdfPages": _pages(item.pdf_pages),
                "packparse:minuteItem": url(minute.id) if minute is not None else None,
            }))
    else:
        for i, minute in enumerate(own_items):
            texts = _decision_texts(minute)
            agenda_items.append(_clean({
                "id": url(minute.id),
                "type": OPARL + "AgendaItem",
                "meeting": url(m.id),
                "number": minute.number,
                "order": i + 1,
                "name": minute.title or f"Minute {minute.number}",
                "public": True,
                "result": _result(minute),
                "resolutionText": "\n\n".join(texts) or None,
            }))

    attached = set(item_of)
    invitation = next((d for d in pack.documents if d.kind in ("front_sheet", "agenda")), None)
    protocol = own[0] if own else None
    loose = [d for d in pack.documents if d.id not in attached and d is not invitation and d is not protocol]
    meeting = _clean({
        "id": url(m.id),
        "type": OPARL + "Meeting",
        "name": _meeting_name(pack),
        "start": local_datetime(m.date, m.start_time, tz),
        "end": local_datetime(m.date, _close_time(pack), tz),
        "location": _clean({"id": url(m.id, "location"), "type": OPARL + "Location", "description": m.venue})
        if m.venue else None,
        "invitation": files[invitation.id] if invitation is not None else None,
        "resultsProtocol": files[protocol.id] if protocol is not None else None,
        "auxiliaryFile": [files[d.id] for d in loose] or None,
        "agendaItem": agenda_items,
        "packparse:council": m.council,
        "packparse:body": m.body,
        "packparse:date": m.date,
        "packparse:startTime": m.start_time,
        "packparse:timezone": tz,
        "packparse:source": _clean({"file": pack.source.file, "sha256": pack.source.sha256,
                                    "url": pack.source.url, "retrieved": pack.source.retrieved}),
    })
    return {"meeting": meeting, "paper": paper_objs, "file": list(files.values())}


def _result(minute: MinuteItem | None) -> str | None:
    """The kinds of decision recorded ('resolved', 'noted' ...), as OParl's categorical result."""
    if minute is None or not (minute.decisions or minute.resolutions):
        return None
    kinds = list(dict.fromkeys(d.kind for d in minute.decisions)) or ["resolved"]
    return ", ".join(kinds)


# -- text ----------------------------------------------------------------------------------------------

EXPORTERS: dict[str, Callable[[Pack], dict]] = {"ocd": to_ocd, "oparl": to_oparl}


def export_json(pack: Pack, fmt: str = "json") -> str:
    """The pack as JSON text in one of FORMATS ('json' is packparse's own output)."""
    if fmt == "json":
        return pack.model_dump_json(indent=2)
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return json.dumps(EXPORTERS[fmt](pack), indent=2, ensure_ascii=False)
