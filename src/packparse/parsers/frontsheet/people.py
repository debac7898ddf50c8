"""The membership list, the contact officer and the signatory of a front sheet."""

from __future__ import annotations

import re

from packparse.models import Contact, Meeting, Person
from packparse.pagemodel import Line, PageFurniture
from packparse.parsers.frontsheet.patterns import _ITEM_LINE
from packparse.textparse import EMAIL, parse_date

_CONTACT = re.compile(
    r"Contact\s*:?\s*(?P<name>[A-Z][\w.'’ -]+?)\s{2,}(?:Tel(?:ephone)?\s*:?\s*(?P<tel>[\d ()+]{6,}))?", re.I)
_MEMBERS_HEAD = re.compile(r"^(?:To\s*:\s*)?(?:The\s+)?(?:Members?|Membership)\b", re.I)


def _members(lines: list[Line]) -> list[Person]:
    """Membership from a 'To: The Members of ...' / 'Membership' block."""
    start = next((i for i, ln in enumerate(lines) if _MEMBERS_HEAD.match(ln.text.strip())), None)
    if start is None:
        return []
    people: list[Person] = []
    role_default: str | None = None
    for line in lines[start + 1: start + 30]:
        text = " ".join(line.text.split())
        if re.match(r"^(?:Contact|Enquiries|Tel|Email)\b", text, re.I) or not text:
            break
        if re.match(r"^Co-?opted\s+Members?:?$", text, re.I):
            role_default = "Co-opted Member"
            continue
        if re.match(r"^(?:Young|Representative)", text, re.I):
            continue
        text = re.sub(r"^Councillors?\s+", "", text)
        for chunk in re.split(r",\s*|\s+and\s+", text):
            chunk = chunk.strip(" .")
            if not chunk or len(chunk) > 40:
                continue
            role = role_default
            if rm := re.search(r"\((Chair(?:man)?|Vice[- ]Chair(?:man)?)\)", chunk, re.I):
                role = rm.group(1)
                chunk = chunk[: rm.start()].strip()
            if re.match(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}$", chunk):
                people.append(Person(name=chunk, role=role, pdf_page=line.pdf_page))
    return people


def _contact(pages: list[PageFurniture]) -> Contact | None:
    for page in pages:
        for line in page.lines:
            if m := _CONTACT.search(line.text):
                email = EMAIL.search(line.text)
                return Contact(name=m["name"].strip(), phone=(m["tel"] or "").strip() or None,
                               email=email.group(0) if email else None, pdf_page=page.pdf_page)
    return None


def _signatory(pages: list[PageFurniture], meeting: Meeting) -> None:
    """The officer who signs the agenda and the date of issue printed beneath."""
    lines = [ln for p in pages for ln in p.lines]
    for i, line in enumerate(lines):
        text = " ".join(line.text.split())
        iso = parse_date(text)
        if not iso or iso == meeting.date or len(text) > 40:
            continue
        block = [ln for ln in lines[max(0, i - 6): i] if ln.pdf_page == line.pdf_page]
        # the signature block: short lines at one left edge, no item numbers
        names = [ln for ln in block if len(ln.text) < 60 and not _ITEM_LINE.match(ln.text)]
        meeting.date_of_issue = iso
        if names:
            name = " ".join(names[0].text.split())
            role = " ".join(names[1].text.split()) if len(names) > 1 else None
            if re.match(r"^[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+){1,3}$", name):
                meeting.signatory = Person(name=name, role=role, pdf_page=line.pdf_page)
        return
