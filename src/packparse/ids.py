"""Deterministic ids, and the source metadata a caller can add to a pack.

Every meeting, agenda item, document, person mention, minute item and decision gets an `id` built only
from what the pack says: council, body, date, item number, page and, where printed numbers repeat (two
items numbered "9", many "(a)"), an ordinal. The same PDF gives the same ids on every run and in every
version of packparse that reads the same council, body, date, numbers and pages; ids are unique within a
pack. Shapes (slugs are lower case ASCII words joined by '-'):

    meeting        <council>/<body>/<date>           kent-county-council/cabinet/2025-01-30
                   (<council>/<body>/<sha256[:12]> when the pack has no date; 'unknown' for a part
                   the pack does not name; a caller's --meeting-id replaces the whole meeting part)
    agenda item    <meeting>/item/<number>[-n]       .../item/5, .../item/9-2 (the second "9")
    document       <meeting>/doc/p<first page>-<kind>  .../doc/p13-report
    minute item    <document>/minute/<number>[-n]
    decision       <minute item>/decision/<k>        k = 1, 2 ... in the order printed
    person         <document or meeting>/person/<name>[-n]  one id per mention (a name printed with
                   the same role on the same page, listed in two attendance lists, is one mention)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from packparse.models import Pack, Person

UNKNOWN = "unknown"
DEFAULT_TIMEZONE = "Europe/London"


def slug(text: str | None, max_len: int = 60) -> str:
    """'Kent County Council' -> 'kent-county-council'; '' when nothing is left."""
    if not text:
        return ""
    text = text.replace("\u2019", "'")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = re.sub(r"(?<=\w)'(?=\w)", "", ascii_text)  # "People's" -> "peoples"
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(out) > max_len:
        cut = out[:max_len]
        out = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return out


def number_token(number: str | None) -> str:
    """A printed item number as an id part: '10.3' -> '10.3', '(a)' -> 'a', 'G-4' -> 'g-4'."""
    if not number:
        return ""
    ascii_text = unicodedata.normalize("NFKD", number).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9.]+", "-", ascii_text.lower()).strip("-.")
    return re.sub(r"\.{2,}", ".", out)[:40].strip("-.")


def council_slug(pack: Pack) -> str:
    return slug(pack.meeting.council) or UNKNOWN


def body_slug(pack: Pack) -> str:
    return slug(pack.meeting.body) or UNKNOWN


def derived_meeting_id(pack: Pack) -> str:
    """The meeting part built from the pack alone (what `--meeting-id` replaces)."""
    when = pack.meeting.date or pack.source.sha256[:12]
    return f"{council_slug(pack)}/{body_slug(pack)}/{when}"


def clean_meeting_id(value: str | None) -> str | None:
    """A caller's meeting id: surrounding space and slashes dropped; None when nothing is left."""
    if value is None:
        return None
    value = value.strip().strip("/")
    return value or None


class _Taken:
    """Hands out ids, adding -2, -3 ... to one already given in this pack."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, base: str) -> str:
        out, n = base, 1
        while out in self.seen:
            n += 1
            out = f"{base}-{n}"
        self.seen.add(out)
        return out


def _people(node: object) -> Iterator[Person]:
    """Every Person inside a model, in field order (tables and slides hold none and are skipped)."""
    if isinstance(node, Person):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name in ("tables", "slides", "text"):
                continue
            yield from _people(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for x in node:
            yield from _people(x)
    elif isinstance(node, dict):
        for x in node.values():
            yield from _people(x)


def assign_ids(pack: Pack, meeting_id: str | None = None) -> Pack:
    """Give every meeting, agenda item, document, person mention, minute item and decision its id.

    Recomputes them all, so it can be run again (on a pack read back from JSON, say) with the same result.
    """
    take = _Taken()
    mentions: dict[tuple, str] = {}

    def person_id(scope: str, person: Person) -> str:
        # The same mention listed twice (a remote attendee is also in `present`) keeps one id.
        key = (scope, person.name, person.role, person.pdf_page)
        if key not in mentions:
            mentions[key] = take(f"{scope}/person/{slug(person.name) or 'unnamed'}")
        return mentions[key]

    meeting = take(clean_meeting_id(meeting_id) or derived_meeting_id(pack))
    pack.meeting.id = meeting
    for person in _people(pack.meeting):
        person.id = person_id(meeting, person)
    for item in pack.agenda.items:
        item.id = take(f"{meeting}/item/{number_token(item.number) or 'unnumbered'}")
        for person in _people(item):
            person.id = person_id(meeting, person)
    for doc in pack.documents:
        doc.id = take(f"{meeting}/doc/p{doc.pdf_pages.first}-{slug(doc.kind)}")
        if doc.minutes is not None:
            for minute in doc.minutes.items:
                minute.id = take(f"{doc.id}/minute/{number_token(minute.number) or 'unnumbered'}")
                for k, decision in enumerate(minute.decisions, 1):
                    decision.id = take(f"{minute.id}/decision/{k}")
        for person in _people(doc):
            person.id = person_id(doc.id, person)
    return pack


def all_ids(pack: Pack) -> list[str]:
    """Every distinct id in the pack, in document order (for checks and tests)."""
    return list(id_owners(pack))


def id_owners(pack: Pack) -> dict[str, list[BaseModel]]:
    """Each id with the objects that hold it: one, or copies of one person mention listed twice."""
    out: dict[str, list[BaseModel]] = {}

    def walk(node: object) -> None:
        if isinstance(node, BaseModel):
            value = getattr(node, "id", None)
            if isinstance(value, str):
                out.setdefault(value, []).append(node)
            for name in type(node).model_fields:
                if name not in ("tables", "slides", "text"):
                    walk(getattr(node, name))
        elif isinstance(node, list):
            for x in node:
                walk(x)

    walk(pack)
    return out


# -- source metadata ---------------------------------------------------------------------------------


def check_timezone(name: str) -> str:
    """An IANA time zone name ('Europe/London'), or ValueError."""
    name = name.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}: give an IANA name such as Europe/London") from None
    return name


def check_retrieved(value: str) -> str:
    """An ISO date ('2025-01-30') or date-time ('2025-01-30T09:15:00Z'), or ValueError; returned as given."""
    value = value.strip()
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        if len(text) == 10:
            date.fromisoformat(text)
        else:
            datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"retrieved {value!r} is not an ISO date (2025-01-30) or date-time "
                         "(2025-01-30T09:15:00Z)") from None
    return value


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the caller knows about the PDF that the PDF does not say: where it came from and when."""

    source_url: str | None = None
    meeting_id: str | None = None
    retrieved: str | None = None
    timezone: str | None = None

    @classmethod
    def checked(cls, source_url: str | None = None, meeting_id: str | None = None,
                retrieved: str | None = None, timezone: str | None = None) -> Provenance:
        """Validated values (ValueError naming the bad one)."""
        return cls(
            source_url=(source_url or "").strip() or None,
            meeting_id=clean_meeting_id(meeting_id),
            retrieved=check_retrieved(retrieved) if retrieved else None,
            timezone=check_timezone(timezone) if timezone else None,
        )

    def apply(self, pack: Pack) -> Pack:
        """Record the metadata on the pack and give it its ids."""
        pack.source.url = self.source_url
        pack.source.retrieved = self.retrieved
        pack.source.meeting_id = self.meeting_id
        if self.timezone:
            pack.meeting.timezone = self.timezone
        return assign_ids(pack, self.meeting_id)
