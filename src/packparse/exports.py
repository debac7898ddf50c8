"""Exports for other civic-data systems: an Open Civic Data Event (`to_ocd`) and OParl 1.1 (`to_oparl`).

Both are plain dicts ready for `json.dumps`, built only from the pack, and both carry packparse's
deterministic ids (`packparse.ids`): OCD in `extras` and `dedupe_key` (and `_id`, a uuid derived from the
meeting id), OParl as the object ids themselves (`urn:packparse:<id>`, or `<base_url>/<id>`).

Checked against the real validators (tests/interop.py): the OCD event loads into Open States'
`openstates.scrape.Event` (openstates-core 6.25.6) and passes its `validate()`; the OParl objects pass
the OParl 1.1 JSON schemas, embedded objects included.

What the exports say about decisions comes only from minutes of this meeting (minutes dated the
meeting's date, or a minutes-only PDF); the minutes of the previous meeting that an agenda pack carries
are a document of the pack, not its outcomes.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit
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


# -- Open Civic Data ---------------------------------------------------------------------------------


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


# -- OParl 1.1 ---------------------------------------------------------------------------------------


def check_base_url(value: str) -> str:
    """A base for OParl ids: an absolute http(s) URL ('https://oparl.example.org/council'), or ValueError."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment \
            or any(c.isspace() for c in value):
        raise ValueError(f"base URL {value!r} is not an http(s) URL without query or fragment "
                         "(https://oparl.example.org/kent)")
    return value.rstrip("/")


def oparl_id(pack_id: str, base_url: str | None = None) -> str:
    """A pack id as an OParl id (a URL): 'urn:packparse:<id>', or '<base_url>/<id>' when a base is given."""
    path = quote(pack_id, safe="/-._~:")
    return f"{base_url.rstrip('/')}/{path}" if base_url else URN_PREFIX + path


def _clean(obj: dict) -> dict:
    """OParl leaves out what is not known rather than writing null."""
    return {k: v for k, v in obj.items() if v is not None}


BACKREFERENCES = ("meeting", "agendaItem", "paper")  # a File's links to the objects that embed it


def to_oparl(pack: Pack, base_url: str | None = None, *,
             source_path: str | os.PathLike[str] | None = None) -> dict:
    """The pack as OParl 1.1 objects: {"meeting": Meeting (agenda items embedded), "paper": [Paper],
    "file": [File], "person": [Person]}.

    Ids are our deterministic ids as URLs (`oparl_id`); a Paper is `<document id>#paper`, its Consultation
    `<document id>#consultation` and the meeting's Location `<meeting id>#location`. Properties packparse
    adds are prefixed `packparse:`. `accessUrl` is `--source-url`, else a `file:` URL of `source_path`
    (see `file_url`), with '#page=N'. As OParl 1.1 asks, an embedded object leaves out the reference back
    to the object it is embedded in: the Files inside the Meeting, its AgendaItems and the Papers carry no
    `meeting`, `agendaItem` or `paper` (the same Files in "file" do), an AgendaItem no `meeting`, a
    Consultation inside its Paper no `paper`.
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
        whole = doc.pdf_pages.first == 1 and doc.pdf_pages.last >= pack.source.pdf_pages
        return _clean({
            "id": url(doc.id),
            "type": OPARL + "File",
            "name": _doc_name(doc),
            "fileName": pack.source.file,
            "mimeType": PDF,
            "size": pack.source.bytes if whole else None,  # a part of the PDF: its own size is not known
            "accessUrl": page_url(pack, doc.pdf_pages.first, source_path),
            "meeting": [url(m.id)],
            "agendaItem": [url(item.id)] if item is not None else None,
            "paper": [paper_of[doc.id]] if doc.id in paper_of else None,
            "packparse:kind": doc.kind,
            "packparse:pdfPages": _pages(doc.pdf_pages),
            "packparse:printedPages": _pages(doc.printed_pages),
            "packparse:sourceSha256": pack.source.sha256,
        })

    files = {d.id: file(d) for d in pack.documents}

    def embedded(doc: Document) -> dict:
        return {k: v for k, v in files[doc.id].items() if k not in BACKREFERENCES}

    own = _own_minutes(pack)
    own_items = [mi for d in own if d.minutes for mi in d.minutes.items]
    consultation_of: dict[int, str] = {}
    paper_objs = []
    people: dict[str, dict] = {}
    for report, appendices in papers:
        i = item_of.get(report.id)
        item = items[i] if i is not None else None
        r = report.report
        consultation = None
        if item is not None and i is not None:
            consultation = {"id": url(report.id, "consultation"), "type": OPARL + "Consultation",
                            "meeting": url(m.id), "agendaItem": url(item.id)}
            consultation_of.setdefault(i, consultation["id"])
        printed_ref = _REFERENCE.match(item.title) if item is not None else None
        reference = (r.decision_reference if r else None) or (printed_ref.group(1) if printed_ref else None) \
            or (f"Item {item.number}" if item is not None else None)
        author = r.author if r and r.author and r.author.id and r.author.name else None
        if author is not None:
            people.setdefault(url(author.id), _clean({
                "id": url(author.id), "type": OPARL + "Person", "name": author.name,
                "packparse:role": author.role, "packparse:pdfPage": author.pdf_page}))
        paper_objs.append(_clean({
            "id": url(report.id, "paper"),
            "type": OPARL + "Paper",
            "name": _doc_name(report),
            "reference": reference,
            "paperType": "report",
            "mainFile": embedded(report),
            "auxiliaryFile": [embedded(d) for d in appendices] or None,
            "originatorPerson": [url(author.id)] if author is not None else None,
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
                "number": item.number,
                "order": i,
                "name": item.title or f"Item {item.number}",
                "public": not item.exempt,
                "consultation": consultation_of.get(i),
                "result": _result(minute),
                "resolutionText": "\n\n".join(texts) or None,
                "auxiliaryFile": [embedded(d) for d in item_docs.get(i, [])] or None,
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
                "number": minute.number,
                "order": i,
                "name": minute.title or f"Minute {minute.number}",
                "public": True,
                "result": _result(minute),
                "resolutionText": "\n\n".join(texts) or None,
            }))

    attached = set(item_of)
    invitation = next((d for d in pack.documents if d.kind in ("front_sheet", "agenda")), None)
    protocol = own[0] if own else None
    loose = [d for d in pack.documents if d.id not in attached and d is not invitation and d is not protocol]
    # OParl's start is a date-time: a date printed without a time starts at midnight, flagged as such
    start = local_datetime(m.date, m.start_time, tz) or local_datetime(m.date, "00:00", tz)
    meeting = _clean({
        "id": url(m.id),
        "type": OPARL + "Meeting",
        "name": _meeting_name(pack),
        "start": start,
        "end": local_datetime(m.date, _close_time(pack), tz),
        "location": _clean({"id": url(m.id, "location"), "type": OPARL + "Location", "description": m.venue})
        if m.venue else None,
        "invitation": embedded(invitation) if invitation is not None else None,
        "resultsProtocol": embedded(protocol) if protocol is not None else None,
        "auxiliaryFile": [embedded(d) for d in loose] or None,
        "agendaItem": agenda_items,
        "packparse:council": m.council,
        "packparse:body": m.body,
        "packparse:date": m.date,
        "packparse:startTime": m.start_time,
        "packparse:startTimeKnown": bool(m.start_time) if m.date else None,
        "packparse:timezone": tz,
        "packparse:timezoneSource": m.timezone_source,
        "packparse:source": _clean({"file": pack.source.file, "sha256": pack.source.sha256,
                                    "url": pack.source.url, "retrieved": pack.source.retrieved}),
    })
    return {"meeting": meeting, "paper": paper_objs, "file": list(files.values()), "person": list(people.values())}


def _result(minute: MinuteItem | None) -> str | None:
    """The kinds of decision recorded ('resolved', 'noted' ...), as OParl's categorical result."""
    if minute is None or not (minute.decisions or minute.resolutions):
        return None
    kinds = list(dict.fromkeys(d.kind for d in minute.decisions)) or ["resolved"]
    return ", ".join(kinds)


# -- text ----------------------------------------------------------------------------------------------


def export_json(pack: Pack, fmt: str = "json", *, base_url: str | None = None,
                source_path: str | os.PathLike[str] | None = None) -> str:
    """The pack as JSON text in one of FORMATS ('json' is packparse's own output).

    `base_url` makes OParl ids `<base_url>/<id>`; `source_path` is the PDF on disk, for `file:` URLs when
    the pack has no source URL. `NoMeetingDate` for 'ocd' when the PDF names no meeting date.
    """
    if fmt == "json":
        return pack.model_dump_json(indent=2)
    if fmt == "ocd":
        data = to_ocd(pack, source_path=source_path)
    elif fmt == "oparl":
        data = to_oparl(pack, base_url, source_path=source_path)
    else:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return json.dumps(data, indent=2, ensure_ascii=False)
