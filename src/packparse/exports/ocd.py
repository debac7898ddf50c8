"""The Open Civic Data Event export (`to_ocd`), as Open States' `Event` loads and validates it."""

from __future__ import annotations

import json
import os
import uuid
from datetime import date

from packparse.exports.common import (
    PDF,
    URN_PREFIX,
    NoMeetingDate,
    NoSourceURL,
    _close_time,
    _decision_texts,
    _doc_name,
    _item_documents,
    _match_minutes,
    _meeting_name,
    _own_minutes,
    _pages,
    _pages_note,
    _passed,
    _span,
    _with_ids,
    _zone,
    file_url,
    local_datetime,
    page_url,
    status_date,
    web_url,
)
from packparse.models import AgendaItem, Document, MinuteItem, Pack


def ocd_event_id(meeting_id: str) -> str:
    """An OCD event id ('ocd-event/<uuid>') derived from the meeting id: the same meeting, the same id."""
    return f"ocd-event/{_event_uuid(meeting_id)}"


def _event_uuid(meeting_id: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, URN_PREFIX + meeting_id))


def pseudo_id(**spec: str) -> str:
    """A pupa / Open States pseudo id: '~' and the JSON of what to match ('~{"name": "Jane Smith"}')."""
    return "~" + json.dumps(spec, sort_keys=True)


def _entity(name: str, entity_type: str, note: str) -> dict:
    """A participant or related entity as `Event.add_participant` / `add_entity` write one."""
    return {"name": name, "entity_type": entity_type, "note": note, f"{entity_type}_id": pseudo_id(name=name)}


def to_ocd(pack: Pack, *, source_path: str | os.PathLike[str] | None = None, today: date | None = None) -> dict:
    """The pack as an Open Civic Data Event, in the shape Open States' `Event` model saves one.

    `today` is the day `status` is judged on when it has no `--retrieved` (default: today). Raises
    `NoSourceURL` when the pack has no http(s)/ftp `--source-url` (an event's source must be one; packparse
    does not invent it) and `NoMeetingDate` for a PDF that names no meeting date: an event needs its start.
    """
    if not web_url(pack.source.url):
        raise NoSourceURL(f"{pack.source.file}: an Open Civic Data event's source must be the web address the "
                          "PDF was published at (http, https or ftp): give --source-url")
    pack = _with_ids(pack)
    m = pack.meeting
    if not m.date:
        raise NoMeetingDate(f"{pack.source.file}: no meeting date found, so there is no event to export")
    tz = _zone(m.timezone)
    own = _own_minutes(pack)
    own_items = [mi for d in own if d.minutes for mi in d.minutes.items]
    item_docs = _item_documents(pack)

    agenda: list[dict] = []
    if pack.agenda.items:
        matched = _match_minutes(pack.agenda.items, own_items)
        for k, item in enumerate(pack.agenda.items):
            agenda.append(_ocd_item(pack, k, item, item_docs.get(k, []), matched.get(k), source_path))
    else:
        for k, minute in enumerate(own_items):
            agenda.append(_ocd_minute(k, minute))

    host = m.body or m.council
    participants: list[dict] = []
    if host:
        participants.append(_entity(host, "organization", "host"))
    for doc in own:
        att = doc.minutes.attendance if doc.minutes else None
        if att is None:
            continue
        chair = att.chair.name if att.chair is not None and att.chair.name else None
        if chair:
            participants.append(_entity(chair, "person", "chair"))
        participants += [_entity(p.name, "person", "present") for p in att.present if p.name and p.name != chair]
        participants += [_entity(p.name, "person", "also present") for p in att.also_present if p.name]

    when = " ".join(x for x in (m.date, m.start_time) if x)
    description = f"{_meeting_name(pack)}" + (f" of {m.council}" if m.council and m.body else "") \
        + (f", {when}" if when else "") + f". Parsed by packparse from {pack.source.file}."
    source_note = f"{pack.source.file} (sha256 {pack.source.sha256[:12]})" \
        + (f", retrieved {pack.source.retrieved}" if pack.source.retrieved else "")
    event = {
        "_id": _event_uuid(m.id or ""),
        "name": _meeting_name(pack),
        "description": description,
        "classification": "committee-meeting",
        "start_date": local_datetime(m.date, m.start_time, tz) or m.date,
        "end_date": local_datetime(m.date, _close_time(pack), tz) or "",
        "all_day": False,
        "status": "passed" if _passed(pack, today) else "confirmed",
        "location": {"name": m.venue, "note": "", "coordinates": None} if m.venue else None,
        "participants": participants,
        "agenda": agenda,
        "documents": [{"note": f"{_doc_name(d)} ({_pages_note(d)})", "date": m.date, "classification": "",
                       "links": [{"url": page_url(pack, d.pdf_pages.first, source_path), "media_type": PDF}]}
                      for d in pack.documents],
        "media": [],
        "links": [],
        "sources": [{"url": file_url(pack, source_path), "note": source_note}],
        "dedupe_key": m.id,
        "extras": {
            "packparse_id": m.id,
            "ocd_id": ocd_event_id(m.id or ""),
            "council": m.council,
            "body": m.body,
            "timezone": tz,
            "timezone_source": m.timezone_source,
            "status_as_of": status_date(pack, today),
            "packparse_version": pack.packparse_version,
            "schema_version": pack.schema_version,
            "source": {"file": pack.source.file, "sha256": pack.source.sha256, "url": pack.source.url,
                       "retrieved": pack.source.retrieved},
            "documents": [{"id": d.id, "kind": d.kind, "title": d.title, "agenda_item": d.agenda_item,
                           "pdf_pages": _pages(d.pdf_pages), "printed_pages": _pages(d.printed_pages),
                           "url": page_url(pack, d.pdf_pages.first, source_path)} for d in pack.documents],
        },
    }
    if event["location"] is None:  # no venue printed: no location rather than a placeholder
        del event["location"]
    return event


def _ocd_item(pack: Pack, k: int, item: AgendaItem, docs: list[Document], minute: MinuteItem | None,
              source_path: str | os.PathLike[str] | None = None) -> dict:
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
        "order": k,
        "subjects": [],
        "media": [],
        "notes": notes,
        "related_entities": [_entity(a.name, "person", "report author") for a in authors if a.name],
        "extras": {
            "packparse_id": item.id,
            "number": item.number,
            "exempt": item.exempt,
            "part": item.part,
            "presenter": item.presenter,
            "printed_pages": _pages(item.printed_pages),
            "pdf_pages": _pages(item.pdf_pages),
            "documents": [{"id": d.id, "note": f"{_doc_name(d)} ({_pages_note(d)})",
                           "url": page_url(pack, d.pdf_pages.first, source_path)} for d in docs],
            "people": [a.id for a in authors],
            "minute_item": minute.id if minute is not None else None,
            "decisions": [{"id": d.id, "kind": d.kind, "text": d.text} for d in (minute.decisions if minute else [])],
        },
    }


def _ocd_minute(k: int, minute: MinuteItem) -> dict:
    return {
        "description": minute.title or f"Minute {minute.number}",
        "classification": [],
        "order": k,
        "subjects": [],
        "media": [],
        "notes": _decision_texts(minute),
        "related_entities": [],
        "extras": {
            "packparse_id": minute.id,
            "number": minute.number,
            "minute_item": minute.id,
            "decisions": [{"id": d.id, "kind": d.kind, "text": d.text} for d in minute.decisions],
        },
    }
