"""Attendance: the labelled lists of the header (present, apologies, substitutes, also present, remote),
lists set in columns, roll-call tables, and the apologies, substitutes, remote members and chair recorded
inside the minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from packparse.lexicon import PERSONAL_HONORIFIC
from packparse.models import Attendance, MinuteItem, Person, Substitution
from packparse.pagemodel import Line, join_words
from packparse.parsers.actions import roll_call
from packparse.parsers.minutes.text import _clean, _sentence_end, _Text
from packparse.parsers.people import (
    is_honorific,
    looks_like_name,
    name_key,
    organisation_role,
    parse_person,
    split_name_list,
    surname,
)

# Attendance labels. A label opens a list; the list runs to the next label or the end of the header.
_LABELS: list[tuple[str, str]] = [
    (r"(?:(?:members|councillors)\s+)?(?:present|attending)\s+(?:virtually|remotely|online|via\s+\w+)",
     "remote-present"),
    (r"(?:in\s+attendance|also\s+(?:present|attending|in\s+attendance)|officers(?:\s+(?:present|in\s+attendance))?)"
     r"\s+(?:virtually|remotely|online|via\s+\w+)|(?:virtual|remote)\s+attendance|attended\s+(?:virtually|remotely)",
     "remote-also"),
    (r"(?:members|councillors)\s+present|present", "present"),
    (r"members\s+of\s+the\s+(?:panel|committee|sub-committee|board|cabinet|council|forum|group)", "present"),
    (r"co-?opted\s+members?(?:\s+present)?", "co-opted"),
    (r"(?:also\s+present|also\s+in\s+attendance|also\s+attending|in\s+attendance(?:\s+(?:virtually|remotely|online))?"
     r"|officers(?:\s+(?:present|in\s+attendance))?|attending)", "also"),
    (r"members\s+of\s+the\s+public|public(?=\s*[:\-–—])", "public"),
    (r"apologies(?:\s+for\s+absence)?(?:\s+(?:were\s+)?received(?:\s+from)?)?|absent\s+with\s+apologies",
     "apologies"),
    (r"substitutes?(?:\s+members?)?", "substitutes"),
    (r"absent", "absent"),
]
_LABEL_ALT = "|".join(f"(?P<l{i}>{rx})" for i, (rx, _) in enumerate(_LABELS))
# At the start of a line: the label, then ':' / '-' / end of line / the list itself.
_LABEL_START = re.compile(rf"^\s*(?:{_LABEL_ALT})\b\s*(?:[:;]\s*[-–—]?|\s[-–—]\s|(?=\s+[A-Z(])|$)\s*", re.I)
# Inside a line: after a sentence end or a wide gap, and only with an explicit ':' or dash.
_LABEL_INNER = re.compile(rf"(?:(?<=\.)\s+|\s{{2,}})(?:{_LABEL_ALT})\b\s*(?::\s*[-–—]?|\s?[-–—]\s)\s*", re.I)
# An officer named after their post, no colon: "Clerk J Connelly", "RFO Mrs J Martin".
_OFFICER_LABEL = re.compile(
    r"(?:^|\s{2,}|(?<=\.)\s+|(?<=,)\s*|\s(?:and|&)\s|(?<=[A-Za-z])\s(?=Clerk\s))(?P<role>(?:Parish\s+|Town\s+|Locum\s+|Deputy\s+)?Clerk(?:\s+to\s+the\s+Council)?"
    r"|RFO|Responsible\s+Financial\s+Officer|Minute\s+Taker)\s*[:\-–]?\s+(?=(?:Mr|Mrs|Ms|Miss|Dr)\b|[A-Z]\b|[A-Z][a-z])"
)
_NONE_LIST = re.compile(r"^\s*(?:none|nil|no\s+apologies.*|n/?a)\s*\.?\s*$", re.I)
_OFFICER_ROLE = re.compile(
    r"\b(?:clerk|rfo|financial\s+officer|officer|minute|secretary|treasurer|solicitor|manager|director"
    r"|head\s+of|adviser|advisor|monitoring|democratic|executive|accountant|counsel|planner)\b",
    re.I,
)
_MAYOR_OR_CHAIR = re.compile(r"^(?:Mayor|Chair(?:man|woman|person)?|President|Presiding\s+Officer)$", re.I)
_COUNCILLOR = re.compile(r"^(?:(?:Chair(?:man)?|Vice[- ]Chair(?:man)?)\s+)?(?:Councillor|Cllr)\b", re.I)
_NON_MEMBER_PREFIX = re.compile(r"^(?:County|District|Borough|City|Town)\s+(?:Councillor|Cllr)\b", re.I)
# Apologies and substitutions in minute text.
_NAME = (r"(?:(?:Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|County\s+Cllr)\.?\s+)?"
         r"(?:[A-Z]\.?\s+){0,3}[A-Z][\w'’-]+")
_APOLOGY_FROM = re.compile(
    r"\bapologies(?!\s+for\s+lateness)(?:\s+for\s+absence)?(?:\s+(?:were|had\s+been|have\s+been|was))?"
    r"(?:\s+(?:also\s+)?(?:received|reported|submitted|given|tendered|noted|accepted|presented))?"
    r"\s+(?:from|by)\s+",
    re.I,
)
_APOLOGY_SELF = re.compile(
    rf"(?P<name>{_NAME})\s+(?:had\s+)?(?:given|sent|tendered|submitted|offered)\s+(?:his|her|their)\s+"
    r"(?:formal\s+)?apologies"
)
_SUBSTITUTE = re.compile(
    rf"(?P<sub>{_NAME})\s+(?:was\s+in\s+attendance,?\s+|attended\s+)?(?:as\s+(?:a\s+)?substitute|substituting|"
    rf"substituted|was\s+substituting)\s+for\s+(?P<for>{_NAME})"
)
_ELECTED_CHAIR = re.compile(
    rf"(?P<name>{_NAME})\s+(?:be|was|is|were)\s+(?:duly\s+)?(?:elected|appointed)\s+(?:to\s+(?:the\s+)?|as\s+)?"
    r"(?:Chair|Chairman|Chairwoman|Chairperson)\s+(?:(?:of|for)\s+)?the\s+meeting\b",
)
_TOOK_CHAIR = re.compile(rf"(?P<name>{_NAME})\s+(?:took|was\s+in|in)\s+the\s+[Cc]hair\b")
_COUNTY = re.compile(r"\bcounty\b", re.I)
_MEMBER_ROLE = re.compile(r"chair|mayor|member", re.I)
_SUB_ROLE = re.compile(r"(?:substitut\w*|sub)\s+for\s+(.+)$", re.I)
_APOLOGIES_TITLE = re.compile(r"^apolog", re.I)
_FOR_SPLIT = re.compile(r"^(?P<sub>.+?)\s+(?:substituting\s+for|in\s+place\s+of|for)\s+(?P<for>.+)$", re.I)
_REMOTE_CUE = re.compile(r"\b(?:virtually|remotely|online|video\s+link)\b", re.I)
_REMOTE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:had\s+(?:given|sent|tendered)\s+(?:his|her|their)\s+(?:formal\s+)?apologies\s+but\s+)?"
    r"(?:was\s+|were\s+)?(?:attending|attended|joined|participated\s+in)\s+(?:the\s+meeting\s+)?"
    r"(?:virtually|remotely|online|by\s+video(?:\s+link)?|via\s+[A-Z]\w+)"
)


def _label_category(m: re.Match[str]) -> str:
    for i, (_, cat) in enumerate(_LABELS):
        if m.group(f"l{i}") is not None:
            return cat
    return "present"


def _is_label_line(line: Line) -> bool:
    return bool(_LABEL_START.match(line.text) or _OFFICER_LABEL.match(line.text))


def _person_like(text: str) -> bool:
    return "(" in text or "," in text or any(is_honorific(w) for w in text.split())


@dataclass(slots=True)
class _Segment:
    category: str
    label: str
    text: _Text = field(default_factory=_Text)
    lines: list[tuple[str, int]] = field(default_factory=list)


def _label_columns(lines: list[Line]) -> list[float] | None:
    """Where columns start when the block opens with a row of labels ("Present:   Members of the Public:
    Apologies:"): at each label's left edge."""
    if not lines:
        return None
    first = lines[0]
    starts = []
    for k, w in enumerate(first.words):
        if k and w.x0 - first.words[k - 1].x1 < 12:
            continue  # not the start of a cell
        cell = " ".join(x.text for x in first.words[k:])
        if _LABEL_START.match(cell) or _OFFICER_LABEL.match(cell):
            starts.append(w.x0)
    return starts if len(starts) >= 2 and starts[0] <= first.x0 + 1 else None


def _column_units(lines: list[Line]) -> list[tuple[str, int, float]] | None:
    """Read an attendance block printed as side-by-side columns column by column, else None."""
    if (starts := _label_columns(lines)) is not None:
        columns: list[list[tuple[str, int, float]]] = [[] for _ in starts]
        for ln in lines:
            cells: dict[int, list] = {}
            for w in ln.words:
                k = max((i for i, x in enumerate(starts) if w.x0 >= x - 15), default=0)
                cells.setdefault(k, []).append(w)
            for k, ws in cells.items():
                columns[k].append((join_words(ws), ln.pdf_page, ws[0].x0))
        return [unit for col in columns for unit in col]
    splits: list[float] = []
    for ln in lines:
        for a, b in zip(ln.words, ln.words[1:], strict=False):
            if b.x0 - a.x1 > 40:
                splits.append(b.x0)
    if len(splits) < 2:
        return None
    splits.sort()
    mid = median(splits)
    near = [x for x in splits if abs(x - mid) <= 45]
    if len(near) < max(2, 0.4 * len(lines)):
        return None
    cut = min(near) - 2
    left: list[tuple[str, int, float]] = []
    right: list[tuple[str, int, float]] = []
    for ln in lines:
        lw = [w for w in ln.words if w.x0 < cut]
        rw = [w for w in ln.words if w.x0 >= cut]
        if lw:
            left.append((" ".join(w.text for w in lw), ln.pdf_page, lw[0].x0))
        if rw:
            right.append((" ".join(w.text for w in rw), ln.pdf_page, rw[0].x0))
    return left + right


def _segments(units: list[tuple[str, int, float]]) -> list[_Segment]:
    """Cut the attendance block at its labels; each segment holds the text after one label."""
    segs: list[_Segment] = []
    for text, page, x0 in units:
        pos = 0
        m = _LABEL_START.match(text)
        if m and m.end() > 0:
            segs.append(_Segment(_label_category(m), _clean(m.group(0)).rstrip(":;-– ")))
            pos = m.end()
        while True:
            inner = _LABEL_INNER.search(text, pos)
            officer = _OFFICER_LABEL.search(text, pos)
            nxt = min((x for x in (inner, officer) if x), key=lambda x: x.start(), default=None)
            if nxt is None:
                break
            if segs:
                _seg_add(segs[-1], text[pos:nxt.start()], page, x0)
            if nxt is officer:
                segs.append(_Segment("officer", _clean(officer["role"])))
            else:
                segs.append(_Segment(_label_category(nxt), _clean(nxt.group(0)).rstrip(":;-– ")))
            pos = nxt.end()
        if segs:
            _seg_add(segs[-1], text[pos:], page, x0)
    return segs


def _seg_add(seg: _Segment, piece: str, page: int, x0: float) -> None:
    piece = piece.strip()
    if piece:
        seg.text.add(piece, page, x0)
        seg.lines.append((piece, page))


_LIST_CONTINUES = re.compile(r"(?:\band|&)\s*$")
_NAME_OPEN = re.compile(r"(?:\b[A-Z]\.?|\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?)\s*$")  # "..., O Gunn, T"
_SURNAME_FIRST = re.compile(r"^[A-Z][\w'’-]+\s*(?:,|and\b|&|$)")  # "Henderson, B Kellett ...": a name's end
_PLURAL_START = re.compile(r"^\s*(?:Councillors|Cllrs)\b", re.I)
_TAB_GAP = re.compile(r"(?<=[A-Za-z)])\s{2,}(?=[A-Z])")
_DASH_LINE = re.compile(r"^[^,]{2,60}?\s[-–—]\s\S")


def _list_groups(seg: _Segment) -> list[str]:
    """The segment's lines joined into lists: a line of councillors ("Councillors A, B and C") that does not
    end with ',' 'and' or '&' ends its list, so the next line's names are not councillors by its plural
    ("D Smith, EDC and Clerk E Jones"); any other line carries on (a name may wrap)."""
    groups: list[str] = []
    for raw, _ in seg.lines:
        text = raw if "," in raw else _TAB_GAP.sub(", ", raw)  # names in columns: "B McGarry    K Allpress"
        if groups and (_LIST_CONTINUES.search(groups[-1]) or groups[-1].rstrip().endswith((",", ";"))
                       or not text[:1].isupper() or not _PLURAL_START.match(groups[-1])
                       or _NAME_OPEN.search(groups[-1]) or _SURNAME_FIRST.match(text)):
            groups[-1] = f"{groups[-1]} {text}"
        else:
            groups.append(text)
    return groups or [seg.text.text]


def _people(seg: _Segment) -> list[Person]:
    """The people listed in one segment, with their roles and pages."""
    if _NONE_LIST.match(seg.text.text):
        return []
    entries: list[tuple[str, int | None, bool]] = []
    if len(seg.lines) >= 2 and all(_DASH_LINE.match(t) for t, _ in seg.lines):
        # One person per line: "Laura Counce - Service Manager, Children and Young People".
        entries = [(t, page, True) for t, page in seg.lines]
    elif len(seg.lines) >= 2 and not any("," in t or _LIST_CONTINUES.search(t) for t, _ in seg.lines) \
            and all(parse_person(f) for t, _ in seg.lines for f in split_name_list(t) or [t]):
        # A column of names, one per line, nothing joining them.
        entries = [(frag, page, False) for t, page in seg.lines for frag in split_name_list(t)]
    else:
        full = seg.text.text
        pos = 0
        for group in _list_groups(seg):
            for frag in split_name_list(group):
                at = full.find(frag.split()[-1], pos) if frag.split() else -1
                if at >= 0:
                    pos = at
                entries.append((frag, seg.text.page_at(max(pos, 0)), False))
    people: list[Person] = []
    for frag, page, dash in entries:
        sub_for = None
        if seg.category == "substitutes":
            m = _FOR_SPLIT.match(frag)
            if m and parse_person(m["for"]):
                frag, sub_for = m["sub"], _clean(m["for"])
        parsed = parse_person(frag, dash_role=dash)
        if parsed is None:
            continue
        name, role = parsed
        if sub_for:
            role = f"substitute for {sub_for}"
        people.append(Person(name=name, role=role, pdf_page=page))
    return people


def _attendance(units: list[tuple[str, int, float]], body: str | None) -> Attendance:
    att = Attendance()
    body_is_county = bool(body and _COUNTY.search(body))
    for seg in _segments(units):
        remote = seg.category.startswith("remote-")
        councillors = visitors = False  # a list of councillors that goes on to name others ("..., Mr D James")
        for person in _people(seg):
            cat = seg.category.removeprefix("remote-")
            role = person.role
            if remote:
                att.remote.append(person)
            if cat in ("present", "co-opted"):
                titled = _COUNCILLOR.match(person.name) is not None
                councillors = councillors or titled
                visitors = visitors or (councillors and not titled
                                        and PERSONAL_HONORIFIC.match(person.name) is not None)
                if (role and _OFFICER_ROLE.search(role) and not _MEMBER_ROLE.search(role)) \
                        or organisation_role(role) or (visitors and not titled):
                    att.also_present.append(person)
                    continue
                if _NON_MEMBER_PREFIX.match(person.name) and not body_is_county:
                    att.also_present.append(person)
                    continue
                if cat == "co-opted" and role is None:
                    person.role = "Co-opted Member"
                att.present.append(person)
                if person.role == "Chair" and att.chair is None:
                    att.chair = Person(name=person.name, role="Chair", pdf_page=person.pdf_page)
                sub = _SUB_ROLE.match(role or "")
                if sub:
                    att.substitutes.append(Person(name=person.name, role=f"substitute for {sub[1]}",
                                                  pdf_page=person.pdf_page))
            elif cat in ("also", "public", "officer"):
                if role is None and cat == "public":
                    person.role = "Member of the public"
                elif role is None and cat == "officer":
                    person.role = seg.label
                att.also_present.append(person)
            elif cat == "apologies":
                att.apologies.append(person)
            elif cat == "substitutes":
                att.substitutes.append(person)
    return att


def _apologies_in(text: str, whole_is_list: bool) -> list[str]:
    """Names given apologies in minute text ("Apologies were received from ..."); raw fragments."""
    names: list[str] = []
    if not whole_is_list and "pologies" not in text:
        return names
    for m in _APOLOGY_FROM.finditer(text):
        end = _sentence_end(text, m.end())
        names.extend(split_name_list(text[m.end():end]))
    for m in _APOLOGY_SELF.finditer(text):
        names.append(m["name"])
    if not names and whole_is_list and not _NONE_LIST.match(text):
        first = text[: _sentence_end(text, 0)]
        frags = split_name_list(first)
        if frags and all(parse_person(f) for f in frags):
            names.extend(frags)
    return names


def _add_unique(people: list[Person], person: Person) -> None:
    key = name_key(person.name)
    if key and all(name_key(p.name) != key for p in people):
        people.append(person)


def _chair_from_text(items: list[MinuteItem], att: Attendance) -> None:
    """When no one is marked as chair in the attendance, look for an election to the chair.

    Only the opening minutes are read: a later "took the chair" is a change of chair mid-meeting.
    """
    for item in items[:4]:
        text = item.text
        for rx, cue in ((_ELECTED_CHAIR, "elected"), (_ELECTED_CHAIR, "appointed"),
                        (_TOOK_CHAIR, "the Chair"), (_TOOK_CHAIR, "the chair")):
            if cue not in text:
                continue
            best = None
            for m in rx.finditer(text):
                name = _clean(m["name"])
                if not looks_like_name(name):
                    continue
                if best is None or len(name_key(name)) > len(name_key(best)):
                    best = name
            if best is None:
                continue
            last = surname(best)
            match = [p for p in att.present if surname(p.name) == last]
            if len(match) > 1:
                match = [p for p in match if name_key(p.name) == name_key(best)] or match[:1]
            chosen = match[0] if match else Person(name=best)
            if match:
                chosen.role = "Chair" if not chosen.role else f"Chair; {chosen.role}"
            att.chair = Person(name=chosen.name, role="Chair", pdf_page=item.pdf_page)
            return


def _remote_in(text: str) -> list[str]:
    """Names recorded as attending remotely: "Ms Grehan ... was attending the meeting virtually"."""
    if not _REMOTE_CUE.search(text):
        return []
    return [_clean(m["name"]) for m in _REMOTE.finditer(text)]


def _substitutions(att: Attendance) -> list[Substitution]:
    out = []
    for p in att.substitutes:
        m = _SUB_ROLE.match(p.role or "")
        out.append(Substitution(member=p.name, substitute_for=_clean(m[1]) if m else None, pdf_page=p.pdf_page))
    return out


def _attendance_from_roll_call(lines: list[Line], att: Attendance) -> None:
    """A roll call set as a table (name, title, status, arrived): present, late and remote members are
    present, absent ones `absent`, excused ones apologies."""
    rows = [list(re.split(r"\s{2,}", ln.text.strip())) for ln in lines[:200]]
    pages = {row[0].strip(): ln.pdf_page for row, ln in zip(rows, lines, strict=False)}
    for name, title, status in roll_call(rows):
        if not looks_like_name(name):
            continue
        person = Person(name=name, role=title, pdf_page=pages.get(name))
        if status.startswith("absent") and "excused" not in status:
            att.absent.append(person)
        elif status.startswith("excused") or "excused" in status:
            att.apologies.append(person)
        else:
            att.present.append(person)
            if status in ("remote", "teleconference", "virtual"):
                att.remote.append(person)
            if title and _MAYOR_OR_CHAIR.match(title) and att.chair is None:
                att.chair = Person(name=name, role=title)


def _attendance_from_items(parsed: list[tuple[MinuteItem, _Text]], att: Attendance) -> None:
    """Apologies, substitutes, remote attendance and the chair recorded inside the minutes themselves."""
    items = [item for item, _ in parsed]
    for item, _ in parsed:
        is_apologies = bool(_APOLOGIES_TITLE.match(item.title))
        for frag in _apologies_in(item.text, whole_is_list=is_apologies):
            parsed_name = parse_person(frag)
            if parsed_name:
                _add_unique(att.apologies, Person(name=parsed_name[0], role=parsed_name[1], pdf_page=item.pdf_page))
        for m in (_SUBSTITUTE.finditer(item.text) if "substitut" in item.text else ()):
            sub, for_ = _clean(m["sub"]), _clean(m["for"])
            if looks_like_name(sub) and all(name_key(p.name) != name_key(sub) for p in att.substitutes):
                att.substitutes.append(Person(name=sub, role=f"substitute for {for_}",
                                              pdf_page=item.pdf_page))
        for name in _remote_in(item.text):
            if looks_like_name(name):
                _add_unique(att.remote, Person(name=name, pdf_page=item.pdf_page))
    if att.chair is None:
        _chair_from_text(items, att)
    att.substitutions = _substitutions(att)
