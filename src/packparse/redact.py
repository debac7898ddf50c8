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

from packparse.models import Callout, Table

EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# UK: 0 or +44 / 0044 (with an optional "(0)"), then 9-10 national digits in the usual groupings
# (01622 694002, 020 7946 0000, 0300 041 4141, +44 (0)1622 694002); the digit count is checked below.
_UK = re.compile(
    r"(?<![\w+./-])(?:(?:\+44|0044)\s?(?:\(0\)\s?)?\(?|\(?0)\d{2,4}\)?"
    r"(?:[\s-]?\d{3,4}[\s-]?\d{3,4}|[\s-]?\d{5,6})(?![\w/-])"
)
# US/NANP: (408) 555-0123, 408-555-0123, 408.555.0123, 1-800-555-0199, +1 408 555 0123.
_US = re.compile(
    r"(?<![\w+./-])(?:(?:\+1[\s.-]?|1-)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[.-])[2-9]\d{2}[.-]\d{4}"
    r"|\+1\s[2-9]\d{2}\s[2-9]\d{2}\s\d{4})(?![\w/-])"
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
        if not _uk_digits_ok(m.group(0)):
            return m.group(0)
        counts.phones += 1
        return PHONE_MARK

    text = _UK.sub(uk, text)
    text, n = _US.subn(PHONE_MARK, text)
    counts.phones += n
    return text


def _uk_digits_ok(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if number.startswith("+44"):
        digits = digits[2:]
    elif number.startswith("0044"):
        digits = digits[4:]
    digits = digits.removeprefix("0")  # the trunk 0, or the "(0)" after +44
    return len(digits) in (9, 10)


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
