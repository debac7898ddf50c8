"""`--redact`: e-mail addresses and phone numbers out of every text field of a parsed pack.

Packs name officers with their direct lines and addresses; a published dataset often must not. This
walks the pydantic model rather than the JSON so nothing is missed when fields are added: every
string (in lists, dicts and nested models) is rewritten, `phone`/`email` fields are blanked whatever
they hold, and a table cell that changed loses its typed value (a phone number read as a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from packparse.documentstore import DocumentStore
from packparse.models import Callout, Table

EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# UK: a trunk 0 or +44 / 0044 (with an optional "(0)"), then 9-10 national digits starting 1, 2, 3, 7, 8 or 9
# in any grouping by spaces or hyphens: 4+6 (0161 234567 is 0161 + 6), 5+6 (01622 694002), 5+5 (01539 36123),
# 6+5 (017683 52469), 3+4+4 (020 7946 0000), 4+3+4 (0300 041 4141), 5+3+3 (07700 900 123), unbroken
# (07817367076), an area code in brackets ((01622) 694002). The candidate may run on into a following number
# ("01622 694002 2023"): `_uk_number` keeps the longest run of groups that is a whole number.
_UK = re.compile(
    r"(?<![\w+./-])(?P<prefix>(?:\+44|0044)[ \u00a0]?(?:\(0\)[ \u00a0]?)?\(?|\(?0)"
    r"(?P<body>\d{2,5}\)?(?:[ \u00a0-]?\d{2,8}){0,3})(?![\w/-])"
)
_UK_NATIONAL_FIRST = "123789"
# US/NANP: (408) 555-0123, (888) 475 4499, 408-555-0123, 408.555.0123, 1-800-555-0199, +1 408 555 0123,
# +1-408-555-0123, 1 (800) 555-0199, vanity numbers with letters (1-877-460-KEYS, 1-800-FLOWERS) with their
# digits in brackets after them ("1-877-460-KEYS (5397)"), and an extension ("x 204", "ext. 204").
# Spaces alone separate the groups only after "(area)" or "+1": "250 300 1000" in a table is not a number.
_US_LOCAL = r"[2-9A-Z][\dA-Z]{2}"
_US = re.compile(
    r"(?<![\w+./-])(?P<number>"
    rf"(?:\+?1[ .-]?)?\([2-9]\d{{2}}\)[ .-]?{_US_LOCAL}[ .-]?[\dA-Z]{{4}}"
    rf"|(?:\+?1-)?[2-9]\d{{2}}-{_US_LOCAL}-?[\dA-Z]{{4}}"
    rf"|(?:\+?1\.)?[2-9]\d{{2}}\.[2-9]\d{{2}}\.\d{{4}}"
    rf"|\+1[ .-]?[2-9]\d{{2}}[ .-]{_US_LOCAL}[ .-]?[\dA-Z]{{4}}"
    r")(?P<spelled>[ \u00a0]?\(\d{3,7}\))?(?P<ext>,?[ \u00a0]?(?:x|[Ee]xt\.?|[Ee]xtension)[ \u00a0]?\d{1,6})?"
    r"(?![\w/-])"
)
_MAYBE_PHONE = re.compile(r"\d{3}")


@dataclass(slots=True)
class Redactions:
    """How many of each were replaced (for the summary)."""

    emails: int = 0
    phones: int = 0


def redact_text(text: str, counts: Redactions | None = None) -> str:
    """`text` with e-mail addresses as [email] and UK/US phone numbers as [phone]."""
    counts = counts if counts is not None else Redactions()
    if "@" in text:
        text, n = _EMAIL.subn(EMAIL_MARK, text)
        counts.emails += n
    if not _MAYBE_PHONE.search(text):
        return text

    def uk(m: re.Match[str]) -> str:
        rest = _uk_number(m.group("body"))
        if rest is None:
            return m.group(0)
        counts.phones += 1
        return PHONE_MARK + _UK.sub(uk, rest)  # the run may have swallowed the start of another number

    def us(m: re.Match[str]) -> str:
        counts.phones += 1
        if m.group("spelled") and not re.search(r"[A-Z]", m.group("number")):
            return PHONE_MARK + m.group(0)[m.end("number") - m.start():]  # "(2024)" after digits: not spelled out
        return PHONE_MARK

    text = _UK.sub(uk, text)
    return _US.sub(us, text)


def _uk_number(body: str) -> str | None:
    """What follows the phone number in `body` (the national digits and what came after them), or None when
    no leading run of its digit groups is a UK number: 9 or 10 digits starting 1, 2, 3, 7, 8 or 9."""
    if body[0] not in _UK_NATIONAL_FIRST:
        return None
    total = 0
    best: int | None = None
    for group in re.finditer(r"\d+", body):
        total += len(group.group())
        if total > 10:
            break
        if total >= 9:
            best = group.end()
    if best is None:
        return None
    rest = body[best:]
    return rest[1:] if rest.startswith(")") else rest


def redact_pack(pack: BaseModel) -> Redactions:
    """Redact every text field of `pack` in place; returns what was replaced."""
    counts = Redactions()
    _walk(pack, counts)
    return counts


def _walk(model: BaseModel, counts: Redactions) -> None:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None:
            continue
        if name == "phone" and isinstance(value, str):
            new: Any = PHONE_MARK
            counts.phones += 1
        elif name == "email" and isinstance(value, str):
            new = EMAIL_MARK
            counts.emails += 1
        else:
            new = _value(value, counts)
        if new is not value:
            setattr(model, name, new)
    if isinstance(model, Table):
        _drop_changed_values(model)
    elif isinstance(model, Callout) and model.value is not None and PHONE_MARK in model.text:
        model.value = None


def _value(value: Any, counts: Redactions) -> Any:
    if isinstance(value, str):
        new = redact_text(value, counts)
        return value if new == value else new
    if isinstance(value, BaseModel):
        _walk(value, counts)
        return value
    if isinstance(value, list):
        for i, item in enumerate(value):
            new = _value(item, counts)
            if new is not item:
                value[i] = new
        return value
    if isinstance(value, DocumentStore):
        for document in value:  # each written back as the loop moves on
            _walk(document, counts)
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            new = _value(item, counts)
            if new is not item:
                value[key] = new
        return value
    return value


def _drop_changed_values(table: Table) -> None:
    """A redacted cell's typed reading would still hold the number: clear it."""
    for r, row in enumerate(table.rows):
        if r >= len(table.values):
            break
        for c, cell in enumerate(row):
            if c < len(table.values[r]) and (PHONE_MARK in cell or EMAIL_MARK in cell):
                table.values[r][c] = None
    for c, cell in enumerate(table.header):
        if c < len(table.header_values) and (PHONE_MARK in cell or EMAIL_MARK in cell):
            table.header_values[c] = None
