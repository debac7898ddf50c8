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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel

from packparse.documentstore import read_only
from packparse.models import Pack, PackWarning, Person

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


# -- one meeting, several files ----------------------------------------------------------------------

# Words that name a kind of council, not which one: "Kent County Council" -> {"kent"}.
_GENERIC_COUNCIL_WORDS = {
    "council", "city", "county", "borough", "district", "town", "parish", "community", "metropolitan",
    "unitary", "village", "royal", "london", "of", "the", "and", "for", "cc", "bc", "dc",
}


def name_key(text: str | None, drop: tuple[str, ...] = ()) -> str | None:
    """Compare names as a reader would: case, spacing, punctuation and a leading 'the' ignored."""
    if not text:
        return None
    words = re.sub(r"[^\w]+", " ", text.casefold()).split()
    if words and words[0] == "the":
        words = words[1:]
    while words and words[-1] in drop:
        words = words[:-1]
    return " ".join(words) or None


def body_key(body: str | None) -> str | None:
    return name_key(body, drop=("meeting",))


def council_words(council: str | None) -> set[str]:
    """The words that tell one council from another ('Aliso Viejo City Council' -> {'aliso', 'viejo'})."""
    return set(slug(council).split("-")) - _GENERIC_COUNCIL_WORDS - {""}


def names_council(text: str, council: str) -> bool:
    """True when `text` prints every telling word of the council's name ('kent' in 'kent.gov.uk' counts)."""
    words = council_words(council)
    if not words:
        return False
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return words <= set(re.findall(r"[a-z0-9]+", ascii_text))


@dataclass(slots=True)
class MeetingFile:
    """What one file says about its meeting, for `meeting_groups` (`text` is read only when needed)."""

    council: str | None
    body: str | None
    date: str | None
    start_time: str | None
    text: Callable[[], str]


def meeting_groups(files: Sequence[MeetingFile]) -> list[tuple[str, str | None]]:
    """For each file, the meeting it belongs to (a key shared by the files of one meeting) and its council.

    Never on the date alone: files that print a council are one meeting when council, body and date are
    the same (name_key). A file that prints no council joins one when it prints the same body and date,
    no other start time, and every telling word of that council's name ('Kent' in 'KCC ... @kent.gov.uk')
    with no second council fitting as well. So a front sheet that prints only 'CABINET' joins Kent's
    Cabinet of that day, and Morgan Hill's 'City Council' agenda stays apart from Aliso Viejo's City
    Council meeting of the same date. Files that print no council and fit none are one meeting when they
    print the same body and date (their ids are the same, 'unknown/<body>/<date>') and no two start
    times; a file without a body or a date is a meeting of its own.
    """
    out: list[tuple[str, str | None] | None] = [None] * len(files)
    councils: dict[tuple[str, str | None], dict[str, tuple[str, set[str]]]] = {}
    for i, f in enumerate(files):
        ck, bk = name_key(f.council), body_key(f.body)
        if f.date and ck and f.council:
            out[i] = (f"{f.date}|{ck}|{bk or ''}", f.council)
            _council, starts = councils.setdefault((f.date, bk), {}).setdefault(ck, (f.council, set()))
            if f.start_time:
                starts.add(f.start_time)
    for i, f in enumerate(files):
        if out[i] is not None:
            continue
        bk = body_key(f.body)
        fits = [(ck, council) for ck, (council, starts) in councils.get((f.date or "", bk), {}).items()
                if f.date and bk and not (f.start_time and starts and f.start_time not in starts)]
        if fits:
            text = f.text()
            fits = [(ck, council) for ck, council in fits if names_council(text, council)]
        if len(fits) == 1:
            ck, council = fits[0]
            out[i] = (f"{f.date}|{ck}|{bk or ''}", council)
    # The rest print no council (or fit no council's meeting): one meeting per date and body, as their ids
    # are, split by start time where they print different ones (a file with none then joins no one).
    rest: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(files):
        bk = body_key(f.body)
        if out[i] is None and f.date and bk and not f.council:
            rest.setdefault((f.date, bk), []).append(i)
    for (day, bk), members in rest.items():
        times = {files[i].start_time for i in members if files[i].start_time}
        for i in members:
            if len(times) <= 1:
                out[i] = (f"{day}||{bk}", None)
            elif files[i].start_time:
                out[i] = (f"{day}||{bk}|{files[i].start_time}", None)
    return [x if x is not None else (f"file|{i}", None) for i, x in enumerate(out)]


def reconcile_meetings(packs: Sequence[Pack]) -> list[Pack]:
    """The packs with one meeting id per meeting (`meeting_groups`): a pack that prints no council but
    belongs to a sibling's meeting comes back as a copy with that council, its ids derived again and a
    `council_from_sibling` warning naming the file it came from; the others come back as they are.
    """
    def text_of(pack: Pack) -> Callable[[], str]:
        return lambda: "\n".join(d.text or "" for d in pack.documents)

    groups = meeting_groups([MeetingFile(p.meeting.council, p.meeting.body, p.meeting.date, p.meeting.start_time,
                                         text_of(p)) for p in packs])
    out = []
    for pack, (key, council) in zip(packs, groups, strict=True):
        if council is None or pack.meeting.council:
            out.append(pack)
            continue
        sibling = next(p for p, (k, _c) in zip(packs, groups, strict=True) if k == key and p.meeting.council)
        copy = pack.model_copy(deep=True)
        copy.meeting.council = council
        copy.warnings.append(PackWarning(code="council_from_sibling", message=(
            f"council {council!r} not printed as such; taken from {sibling.source.file}, a file of the same "
            f"meeting (same body and date, and this file names {council!r})")))
        out.append(assign_ids(copy, copy.source.meeting_id))
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
            pack.meeting.timezone, pack.meeting.timezone_source = self.timezone, "given (--timezone)"
        else:
            pack.meeting.timezone, pack.meeting.timezone_source = guess_timezone(pack)
        return assign_ids(pack, self.meeting_id)


# -- the time zone a document's times are in ----------------------------------------------------------

# Each US state (and DC) -> the zone of most of its people.
_STATE_ZONES = {
    "America/Los_Angeles": "CA WA OR NV",
    "America/Phoenix": "AZ",
    "America/Denver": "CO UT NM WY MT ID",
    "America/Chicago": "IL MN WI IA MO AR LA MS AL OK KS NE SD ND TX TN",
    "America/New_York": "NY NJ PA CT RI MA VT NH ME DE MD DC VA WV NC SC GA FL OH MI KY",
    "America/Indiana/Indianapolis": "IN",
    "America/Anchorage": "AK",
    "Pacific/Honolulu": "HI",
}
STATE_ZONE = {state: zone for zone, states in _STATE_ZONES.items() for state in states.split()}
_STATE_NAMES = {
    "Alabama": "AL", "Alaska": "AK", "Arizona": "AZ", "Arkansas": "AR", "California": "CA", "Colorado": "CO",
    "Connecticut": "CT", "Delaware": "DE", "Florida": "FL", "Georgia": "GA", "Hawaii": "HI", "Idaho": "ID",
    "Illinois": "IL", "Indiana": "IN", "Iowa": "IA", "Kansas": "KS", "Kentucky": "KY", "Louisiana": "LA",
    "Maine": "ME", "Maryland": "MD", "Massachusetts": "MA", "Michigan": "MI", "Minnesota": "MN",
    "Mississippi": "MS", "Missouri": "MO", "Montana": "MT", "Nebraska": "NE", "Nevada": "NV",
    "New Hampshire": "NH", "New Jersey": "NJ", "New Mexico": "NM", "New York": "NY", "North Carolina": "NC",
    "North Dakota": "ND", "Ohio": "OH", "Oklahoma": "OK", "Oregon": "OR", "Pennsylvania": "PA",
    "Rhode Island": "RI", "South Carolina": "SC", "South Dakota": "SD", "Tennessee": "TN", "Texas": "TX",
    "Utah": "UT", "Vermont": "VT", "Virginia": "VA", "Washington": "WA", "West Virginia": "WV",
    "Wisconsin": "WI", "Wyoming": "WY",
}
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "Aliso Viejo, CA", "Sunnyvale, CA 94087": a place, a comma, a state code ending the line, phrase or address
_STATE_ABBR = re.compile(r"\b[A-Z][A-Za-z]+,[ \t]*(" + "|".join(STATE_ZONE)
                         + r")\b\.?(?:([ \t]+\d{5}(?:-\d{4})?)\b|(?=[ \t]*(?:$|[,;)])))", re.MULTILINE)
_STATE_NAME = re.compile(r"\b(" + "|".join(_STATE_NAMES) + r")\b")
_US_DATE = re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}")  # January 20, 2021
_UK_DATE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS}),?\s+\d{{4}}")  # 20 January 2021
_DOTTED_TIME = re.compile(r"\d\s*[ap]\.m\.")  # 6:00 p.m.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")  # ME14 1XQ
_GUESS_CHARS = 200_000  # enough of the text to tell; the largest packs hold several million characters


def guess_timezone(pack: Pack) -> tuple[str, str]:
    """The IANA zone the meeting's date and time are in, guessed from what the document prints, and why.

    US evidence (a state code after a place as in addresses, 'Sunnyvale, CA 94087'; 'January 20, 2021';
    '6:00 p.m.') against UK evidence (a postcode; '20 January 2021'); a US document's zone is that of the
    state it prints most (codes and names; America/New_York when it names none). Otherwise Europe/London.
    """
    m = pack.meeting
    text = "\n".join(x for x in (m.venue, m.council, m.body) if x)
    for doc in read_only(pack.documents):
        if len(text) >= _GUESS_CHARS:
            break
        text += "\n" + (doc.text or "")[:_GUESS_CHARS]
    text = text[:_GUESS_CHARS]
    states: dict[str, int] = {}
    for match in _STATE_ABBR.finditer(text):
        states[match.group(1)] = states.get(match.group(1), 0) + (3 if match.group(2) else 1)
    addresses = sum(states.values())
    for match in _STATE_NAME.finditer(text):  # a state's name helps choose, but alone says nothing
        code = _STATE_NAMES[match.group(1)]  # (Washington is a town in Sunderland too)
        states[code] = states.get(code, 0) + 1
    us_dates, uk_dates = len(_US_DATE.findall(text)), len(_UK_DATE.findall(text))
    dotted, postcodes = len(_DOTTED_TIME.findall(text)), len(_POSTCODE.findall(text))
    us = addresses + us_dates + dotted
    uk = uk_dates + 2 * postcodes
    if us > uk:
        if states:
            state = max(states, key=lambda k: (states[k], k))
            return STATE_ZONE[state], f"guessed from the US state {state} printed in the document"
        return "America/New_York", "guessed from US-style dates and times (no US state printed)"
    if uk:
        return DEFAULT_TIMEZONE, "guessed from UK-style dates or postcodes printed in the document"
    return DEFAULT_TIMEZONE, "default (the document prints nothing that tells)"
