"""The OParl 1.1 export (`to_oparl`): Meeting with its AgendaItems, Papers, Files and Persons."""

from __future__ import annotations

import os
import re
from urllib.parse import quote, urlsplit

from packparse.exports.common import (
    PDF,
    URN_PREFIX,
    _close_time,
    _decision_texts,
    _doc_name,
    _item_documents,
    _match_minutes,
    _meeting_name,
    _own_minutes,
    _pages,
    _papers,
    _with_ids,
    _zone,
    local_datetime,
    page_url,
)
from packparse.models import Document, MinuteItem, Pack

OPARL = "https://schema.oparl.org/1.1/"
_REFERENCE = re.compile(r"(\d{2}/\d{4,6})\b")  # a decision number heading an item title: "24/00108 - ..."


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
    out = _OParl(_with_ids(pack), base_url, source_path)
    paper_objs, people, consultation_of = out.papers()
    meeting = out.meeting(out.agenda_items(consultation_of))
    return {"meeting": meeting, "paper": paper_objs, "file": list(out.files.values()), "person": list(people.values())}


class _OParl:
    """One pack's OParl objects, built from what every object shares: ids as URLs, the documents of each
    agenda item, the papers and the Files."""

    def __init__(self, pack: Pack, base_url: str | None, source_path: str | os.PathLike[str] | None) -> None:
        self.pack, self.base_url, self.source_path = pack, base_url, source_path
        self.items = pack.agenda.items
        self.item_docs = _item_documents(pack)
        self.item_of = {d.id: i for i, docs in self.item_docs.items() for d in docs}
        self.paper_list = _papers(pack)
        self.paper_of: dict[str | None, str] = {}
        for report, appendices in self.paper_list:
            for d in [report, *appendices]:
                self.paper_of.setdefault(d.id, self.url(report.id, "paper"))
        self.files = {d.id: self.file(d) for d in pack.documents}
        self.own = _own_minutes(pack)

    def url(self, pack_id: str | None, fragment: str = "") -> str:
        return oparl_id(pack_id or "", self.base_url) + (f"#{fragment}" if fragment else "")

    def file(self, doc: Document) -> dict:
        pack, url = self.pack, self.url
        item = self.items[self.item_of[doc.id]] if doc.id in self.item_of else None
        whole = doc.pdf_pages.first == 1 and doc.pdf_pages.last >= pack.source.pdf_pages
        return _clean({
            "id": url(doc.id),
            "type": OPARL + "File",
            "name": _doc_name(doc),
            "fileName": pack.source.file,
            "mimeType": PDF,
            "size": pack.source.bytes if whole else None,  # a part of the PDF: its own size is not known
            "accessUrl": page_url(pack, doc.pdf_pages.first, self.source_path),
            "meeting": [url(pack.meeting.id)],
            "agendaItem": [url(item.id)] if item is not None else None,
            "paper": [self.paper_of[doc.id]] if doc.id in self.paper_of else None,
            "packparse:kind": doc.kind,
            "packparse:pdfPages": _pages(doc.pdf_pages),
            "packparse:printedPages": _pages(doc.printed_pages),
            "packparse:sourceSha256": pack.source.sha256,
        })

    def embedded(self, doc: Document) -> dict:
        return {k: v for k, v in self.files[doc.id].items() if k not in BACKREFERENCES}

    def papers(self) -> tuple[list[dict], dict[str, dict], dict[int, str]]:
        """The Papers (a report with its appendices), their authors, and each item's Consultation id."""
        url, m = self.url, self.pack.meeting
        consultation_of: dict[int, str] = {}
        paper_objs = []
        people: dict[str, dict] = {}
        for report, appendices in self.paper_list:
            i = self.item_of.get(report.id)
            item = self.items[i] if i is not None else None
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
                "mainFile": self.embedded(report),
                "auxiliaryFile": [self.embedded(d) for d in appendices] or None,
                "originatorPerson": [url(author.id)] if author is not None else None,
                "consultation": [consultation] if consultation else None,
                "packparse:reportOf": r.report_of if r else None,
                "packparse:reportTo": r.report_to if r else None,
                "packparse:keyDecision": r.key_decision if r else None,
                "packparse:recommendations": (r.recommendations or None) if r else None,
            }))
        return paper_objs, people, consultation_of

    def agenda_items(self, consultation_of: dict[int, str]) -> list[dict]:
        """The agenda's items with the outcome their minute records; a minutes-only PDF's minute items."""
        url = self.url
        own_items = [mi for d in self.own if d.minutes for mi in d.minutes.items]
        agenda_items: list[dict] = []
        if not self.items:
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
            return agenda_items
        matched = _match_minutes(self.items, own_items)
        for i, item in enumerate(self.items):
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
                "auxiliaryFile": [self.embedded(d) for d in self.item_docs.get(i, [])] or None,
                "packparse:presenter": item.presenter,
                "packparse:part": item.part,
                "packparse:printedPages": _pages(item.printed_pages),
                "packparse:pdfPages": _pages(item.pdf_pages),
                "packparse:minuteItem": url(minute.id) if minute is not None else None,
            }))
        return agenda_items

    def meeting(self, agenda_items: list[dict]) -> dict:
        """The Meeting, its agenda items, invitation, results protocol and loose Files embedded."""
        pack, url = self.pack, self.url
        m = pack.meeting
        tz = _zone(m.timezone)
        attached = set(self.item_of)
        invitation = next((d for d in pack.documents if d.kind in ("front_sheet", "agenda")), None)
        protocol = self.own[0] if self.own else None
        loose = [d for d in pack.documents if d.id not in attached and d is not invitation and d is not protocol]
        # OParl's start is a date-time: a date printed without a time starts at midnight, flagged as such
        start = local_datetime(m.date, m.start_time, tz) or local_datetime(m.date, "00:00", tz)
        return _clean({
            "id": url(m.id),
            "type": OPARL + "Meeting",
            "name": _meeting_name(pack),
            "start": start,
            "end": local_datetime(m.date, _close_time(pack), tz),
            "location": _clean({"id": url(m.id, "location"), "type": OPARL + "Location", "description": m.venue})
            if m.venue else None,
            "invitation": self.embedded(invitation) if invitation is not None else None,
            "resultsProtocol": self.embedded(protocol) if protocol is not None else None,
            "auxiliaryFile": [self.embedded(d) for d in loose] or None,
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


def _result(minute: MinuteItem | None) -> str | None:
    """The kinds of decision recorded ('resolved', 'noted' ...), as OParl's categorical result."""
    if minute is None or not (minute.decisions or minute.resolutions):
        return None
    kinds = list(dict.fromkeys(d.kind for d in minute.decisions)) or ["resolved"]
    return ", ".join(kinds)
