"""The report's author and contact: the contact block, 'Prepared by', the sign-off, and the electoral
divisions affected."""

from __future__ import annotations

import re

from packparse.lexicon import is_honorific
from packparse.models import Contact, Person
from packparse.parsers.report.document import (
    _ANY_LABEL,
    _AUTHOR,
    _PREPARED_BY,
    _clean,
    _Doc,
    _find_label,
    _first_page,
    _is_heading,
)
from packparse.textparse import EMAIL

_DIVISIONS = re.compile(
    r"^(?:Electoral\s+divisions?(?:\s*\(s\))?(?:\s+affected)?|Wards?(?:\s*\(s\))?\s+affected"
    r"|Divisions?(?:\s*\(s\))?\s+affected|Ward\s*\(s\)|Electoral\s+wards?(?:\s+affected)?)\s*:?",
    re.I,
)
_PHONE = re.compile(
    r"(?P<label>\b(?:Tel(?:ephone)?|Phone|Mob(?:ile)?|T)\s*[.:]?\s*)?(?P<num>\+?\(?\d[\d ()-]{3,}\d)"
)
_PHONE_LABEL = re.compile(r"^(?:Tel(?:ephone)?|Phone|Mob(?:ile)?|E-?mail)\b", re.I)
_TEL_CUT = re.compile(
    r"\s*(?:\b(?:Tel(?:ephone)?|Phone|Email|E-mail|Mob(?:ile)?)\b\s*[.:]?|\+?\d{4,}|[\w.+-]+@).*$", re.I
)
_ROLE_WORDS = re.compile(
    r"\b(?:director|manager|head|officer|leader|member|lead|clerk|chief|executive|assistant|cabinet|deputy"
    r"|interim|strategic|corporate|service|services|team|senior|principal|advisor|adviser|planner|attorney"
    r"|secretary|treasurer|chair|chairman|mayor|acting|practice|coordinator|co-ordinator|specialist"
    r"|analyst|consultant|accountant|engineer|solicitor|counsel|portfolio|holder|commissioner)\b",
    re.I,
)
_ORG_END = re.compile(r"\b(?:council|authority|partnership|board|committee|group|trust|ltd|limited|plc)\s*$",
                      re.I)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|Mc\w+|O['’]\w+|de|da|van|von|le|la)$")
_NOT_NAME = re.compile(r"^(?:appendix|annex|table|chart|figure|source|section|page|total|item)\b", re.I)
_BARE_NUMBER = re.compile(r"^[-–]?\s*\d{1,4}\s*[-–]?$|^page\s+\d+(?:\s+of\s+\d+)?$", re.I)


def _prepared_by(doc: _Doc) -> Person | None:
    """The author when no contact block names one: 'Prepared by:' or the closing sign-off."""
    found = _find_label(doc, _PREPARED_BY, list(range(len(doc.lines))))
    text = found[0] if found else _sign_off(doc)
    if not text:
        return None
    name, role = _split_name_role(text)
    page = doc.lines[found[1]].pdf_page if found else doc.lines[-1].pdf_page
    return Person(name=name, role=role, pdf_page=page)


def _sign_off(doc: _Doc) -> str | None:
    """A name (and role) closing the report: 'Olive O'Sullivan / Acting Town Clerk'."""
    tail = [ln for ln in doc.lines[-8:] if not _BARE_NUMBER.match(ln.text.strip())]
    if len(tail) < 2:
        return None
    for k in (len(tail) - 2, len(tail) - 1):
        name = tail[k].text.strip()
        if not _looks_like_name(name):
            continue
        role = tail[k + 1].text.strip() if k + 1 < len(tail) else ""
        if role and (len(role.split()) > 8 or role.endswith(".") or _ORG_END.search(role)
                     or (_looks_like_name(role) and not _ROLE_WORDS.search(role))):
            role = ""
        return f"{name}, {role}" if role else name
    return None


def _looks_like_name(text: str) -> bool:
    """'Cllr David Rogers', 'Olive O'Sullivan': 2-5 capitalised words, no digits, columns or repeats."""
    toks = text.replace(",", " ").split()
    if not 2 <= len(toks) <= 5 or any(ch.isdigit() for ch in text) or text.endswith((".", ":")):
        return False
    if "  " in text or len(set(toks)) < len(toks) or _NOT_NAME.match(text):
        return False
    core = [t for t in toks if not is_honorific(t)]
    return bool(core) and all(_NAME_TOKEN.match(t) for t in core) and not _ROLE_WORDS.search(text) \
        and not _ORG_END.search(text)


def _divisions(doc: _Doc) -> str | None:
    found = _find_label(doc, _DIVISIONS, _first_page(doc)[:80], skip_placeholder=False)
    return found[0].rstrip(".") if found else None


def _author(doc: _Doc) -> tuple[Person | None, Contact | None]:
    """The report's author from 'Contact:' / 'Author' / 'Contact Officer:' and the lines under it.

    Contact boxes are often two-column grids ("Report Author  Relevant Director"); only the left
    column is read, so the author is not mixed with the director beside them.
    """
    lines = doc.lines
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        m = _AUTHOR.match(t)
        if not m or len(t) > 160:
            continue
        value = t[m.end():].strip(" :")
        if value and t[m.end():m.end() + 2] == "  " and not _contact_like(value):
            value = ""  # a second column's header, not this label's value
        block = [_left_column(value)] if value else []
        for j in range(i + 1, min(len(lines), i + 5)):
            nxt = lines[j]
            s = nxt.text.strip().lstrip("•●▪-– \uf0b7")
            limit = (3.4 if j == i + 1 else 2.6) * max(nxt.size, 1)
            if nxt.pdf_page != ln.pdf_page or nxt.top - lines[j - 1].top > limit:
                break
            heading = _is_heading(nxt, doc) and not _contact_like(s)
            if heading and not block:
                continue
            if heading or _AUTHOR.match(s) or (block and _ANY_LABEL.match(s) and not _PHONE_LABEL.match(s)):
                break
            block.append(_left_column(s))
        if not block:
            continue
        person, contact = _person(block)
        if person is not None:
            contact.pdf_page = ln.pdf_page
            person.pdf_page = ln.pdf_page
            return person, contact
    return None, None


def _contact_like(text: str) -> bool:
    return bool(_looks_like_name(_TEL_CUT.sub("", text).split(",")[0].strip()) or EMAIL.search(text)
                or _PHONE_LABEL.search(text) or re.search(r"\d{5,}", text))


def _left_column(text: str) -> str:
    """The part of a line before a column gap, unless what follows is a 'Tel:'/'Email:' field."""
    head, sep, tail = text.partition("  ")
    return text if not sep or _PHONE_LABEL.match(tail.strip()) else head.strip()


def _person(block: list[str]) -> tuple[Person | None, Contact]:
    joined = " ".join(block)
    email = EMAIL.search(joined)
    phone = None
    for m in _PHONE.finditer(joined):
        digits = re.sub(r"\D", "", m.group("num"))
        if len(digits) >= 9 or (m.group("label") and len(digits) >= 5):
            phone = _clean(m.group("num"))
            break
    first = _TEL_CUT.sub("", block[0]).strip(" ,;")
    if not first or EMAIL.fullmatch(block[0]):
        return None, Contact(phone=phone, email=email.group(0) if email else None)
    name, role = _split_name_role(first)
    if role is None and len(block) > 1:
        second = _TEL_CUT.sub("", block[1]).strip(" ,;")
        if second and not EMAIL.search(block[1]) and _ROLE_WORDS.search(second) \
                and len(second.split()) <= 12:
            role = second
    contact = Contact(name=name, role=role, phone=phone, email=email.group(0) if email else None)
    return Person(name=name, role=role), contact


def _split_name_role(text: str) -> tuple[str, str | None]:
    """'Jane Smith, Head of Legal' / 'Jane Smith (Head of Legal)' / 'Head of Legal; Jane Smith'."""
    for sep in (";", ",", " (", " - ", " – "):
        if sep not in text:
            continue
        a, b = (part.strip() for part in text.split(sep, 1))
        if sep == " (" and b.endswith(")") and b.count("(") < b.count(")"):
            b = b[:-1]
        if _looks_like_name(a):
            return a, b or None
        if b and _looks_like_name(b) and _ROLE_WORDS.search(a):
            return b, a
    return text, None
