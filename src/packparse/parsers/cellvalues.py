"""Typed readings of table cells: '£84,922.50', '12% [126/1030]', '82.9 [833]', 'Q2 2022/23', 'N/A'.

Council tables print their figures as text with the unit, sign convention, count and period folded
into the cell. Consumers want numbers, so each cell gets a `CellValue` beside its string (the string
stays the contract). The rules are strict on purpose: a cell is a value only when all of it reads as
one, so section numbers ('2.1 Background'), labels ('Item 3'), dates and phone numbers never become
numbers; they come back as kind `text` (figures and words) or None (words only).
"""

from __future__ import annotations

import re

from packparse.models import CellValue

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_MINUS = r"\-−–"  # escaped for use inside a character class
_CURRENCY = {"£": "GBP", "$": "USD", "€": "EUR"}
_MULTIPLIER = {"k": 1e3, "m": 1e6, "bn": 1e9, "million": 1e6, "billion": 1e9}

# A figure: sign, currency, number, multiplier (currency only), percent sign. Nothing else.
_FIGURE = re.compile(
    rf"^(?P<sign>[+{_MINUS}])?\s?(?P<cur>[£$€])?(?P<sign2>[{_MINUS}])?(?P<num>{_NUM})"
    r"\s*(?P<mult>k|m|bn|million|billion)?\s*(?P<pct>%)?$",
    re.I,
)
# A figure followed by a bracketed count, fraction or period: '82.9 [833]', '89% (70/79)', '70 (2021/22)'.
_ANNOTATED = re.compile(r"^(?P<head>.+?)\s*(?:\[(?P<sq>[^\[\]]+)\]|\((?P<rd>[^()]+)\))$")
_FRACTION = re.compile(rf"^(?P<a>{_NUM})\s*(?P<sep>/|of|out\s+of)\s*(?P<b>{_NUM})$", re.I)
_FY = r"(?:FY\s*)?(?P<y1>(?:19|20)\d\d)\s*(?P<sep>[/\-–]|to)\s*(?P<y2>(?:19|20)?\d\d)"
_PERIOD = re.compile(
    rf"^(?:(?P<q>Q[1-4])\s*)?{_FY}(?:\s*(?P<ytd>YTD))?(?:\s*[\[(](?P<note>[A-Za-z][\w\s]*)[\])])?$", re.I)
_QUARTER_SHORT = re.compile(r"^(?P<q>Q[1-4])\s*(?P<y1>\d\d)\s*[/\-–]\s*(?P<y2>\d\d)$", re.I)
_MONTH_YEAR = re.compile(
    r"^(?P<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<y>(?:19|20)\d\d)$", re.I)
_YEAR = re.compile(r"^(?:FY\s*)?(?P<y>(?:19|20)\d\d)(?:\s*(?P<ytd>YTD))?$", re.I)
_SHORT_FY = re.compile(r"^(?P<y1>\d\d)\s*[/\-–]\s*(?P<y2>\d\d)$")
_FOOTNOTE = re.compile(r"(?<=[\d%)\]])\s*[*^†‡]+$")
_SPACE = re.compile(r"\s+")

_STATUS = {
    "": "empty", "(blank)": "empty", "blank": "empty",
    "n/a": "N/A", "na": "N/A", "n.a.": "N/A", "n.a": "N/A", "not applicable": "N/A", "[z]": "N/A",
    "nnd": "NND", "no national data": "NND",
    "tbc": "TBC", "to be confirmed": "TBC", "tbd": "TBD", "to be determined": "TBD",
    "data not available": "Data not available", "not available": "Data not available",
    "not yet available": "Data not available", "data unavailable": "Data not available",
    "no data": "Data not available", "[x]": "Data not available",
    "reported annually": "Reported annually", "annual measure": "Reported annually",
    "data error": "Data error",
    "see presentation": "See presentation",
    "-": "-", "–": "-", "—": "-", "--": "-",
    "..": "Data not available", "nil": "Nil", "[c]": "Suppressed", "suppressed": "Suppressed",
}


def parse_cell(text: str) -> CellValue | None:
    """The typed reading of one body cell, or None when it is words only (a label, a name)."""
    text = _SPACE.sub(" ", text or "").strip()
    key = text.lower()
    status = _STATUS.get(key) or (_STATUS.get(key.rstrip(".")) if key.rstrip(".") else None)
    if status is not None:
        return CellValue(kind="status", status=status)
    text = _FOOTNOTE.sub("", text)
    value = _figure(text) or _annotated(text) or _period(text) or _fraction(text)
    if value is not None:
        return value
    return CellValue(kind="text") if any(ch.isdigit() for ch in text) else None


def parse_header(text: str) -> CellValue | None:
    """The typed reading of a header cell: as a body cell, but a bare year ('2019', '22/23') is a period.

    Only periods and statuses are kept: a figure in a header is a label ('Under 6 Months', '0-17').
    """
    text = _SPACE.sub(" ", text or "").strip()
    if not text:
        return None
    m = _YEAR.match(text)
    if m:
        return CellValue(kind="period", period=m["y"] + (" YTD" if m["ytd"] else ""))
    m = _SHORT_FY.match(text)
    if m and int(m["y2"]) == (int(m["y1"]) + 1) % 100:
        return CellValue(kind="period", period=f"{m['y1']}/{m['y2']}")
    value = parse_cell(text)
    return value if value is not None and value.kind in ("period", "status") else None


def _number(num: str) -> float | None:
    """The number in `num` ('1,234.5'), None for a leading zero ('01622': a phone or code, not a figure)."""
    if len(num) > 1 and num[0] == "0" and num[1].isdigit():
        return None
    return float(num.replace(",", ""))


def _figure(text: str) -> CellValue | None:
    """A bare figure: '1,234', '-3.5%', '£84,922.50', '(1,234)', '£(1,234)', '£1.2m', '– 1.5 million'."""
    negative = False
    if text[:1] in _CURRENCY and text[1:].strip().startswith("(") and text.endswith(")"):
        text = "(" + text[0] + text[1:].strip()[1:]  # '£(1,234)' is '(£1,234)'
    if text.startswith("(") and text.endswith(")"):
        text, negative = text[1:-1].strip(), True
    m = _FIGURE.match(text)
    if m is None:
        return None
    if m["sign"] and m["sign"] != "+" and m["sign2"]:
        return None
    number = _number(m["num"])
    if number is None:
        return None
    if m["mult"]:
        if m["pct"] or (not m["cur"] and m["mult"].lower() in ("k", "m")):
            return None  # '1.2m' alone could be metres; only money, or a word ('1.5 million'), multiplies
        number *= _MULTIPLIER[m["mult"].lower()]
    if negative or (m["sign"] and m["sign"] != "+") or m["sign2"]:
        number = -number
    if m["pct"]:
        return CellValue(kind="percent", value=number, unit="%")
    if m["cur"]:
        return CellValue(kind="currency", value=number, unit=_CURRENCY[m["cur"]])
    return CellValue(kind="number", value=number)


def _annotated(text: str) -> CellValue | None:
    """A figure with a bracketed count, fraction or period: '82.9 [833]', '12% [126/1030]', '70 (2021/22)'."""
    m = _ANNOTATED.match(text)
    if m is None:
        return None
    head = _figure(m["head"])
    if head is None:
        return None
    note = (m["sq"] or m["rd"]).strip()
    period = _period(note)
    if period is not None and period.period:
        return head.model_copy(update={"period": period.period})
    frac = _FRACTION.match(note)
    if frac:
        a, b = _number(frac["a"]), _number(frac["b"])
        if a is None or b is None:
            return None
        kind = head.kind if head.kind != "number" else "number_count"
        return head.model_copy(update={"kind": kind, "numerator": a, "denominator": b})
    if re.fullmatch(_NUM, note):
        count = _number(note)
        if count is None:
            return None
        kind = head.kind if head.kind != "number" else "number_count"
        return head.model_copy(update={"kind": kind, "count": count})
    return None


def _fraction(text: str) -> CellValue | None:
    """'182 of 1206', '1/914': a count out of a total (a/b only when a <= b, so '7/1' is not one)."""
    m = _FRACTION.match(text)
    if m is None:
        return None
    a, b = _number(m["a"]), _number(m["b"])
    if a is None or b is None or (m["sep"] == "/" and a > b):
        return None
    return CellValue(kind="count_fraction", value=a, numerator=a, denominator=b)


def _period(text: str) -> CellValue | None:
    """'2021/22', 'Q2 2022-23', '2022/23 YTD', '2015-18', 'March 2026': a period, normalised lightly."""
    m = _PERIOD.match(text)
    if m:
        y1, y2 = int(m["y1"]), int(m["y2"])
        if len(m["y2"]) == 4 and y2 <= y1:
            return None
        if (len(m["y2"]) == 2 and y2 == (y1 + 1) % 100) or (len(m["y2"]) == 4 and y2 == y1 + 1):
            period = f"{y1}/{y2 % 100:02d}"  # a financial or school year
        else:
            sep = " to " if m["sep"].lower() == "to" else "-"
            period = f"{y1}{sep}{m['y2']}"
        if m["q"]:
            period = f"{m['q'].upper()} {period}"
        if m["ytd"]:
            period += " YTD"
        return CellValue(kind="period", period=period, status=m["note"].strip() if m["note"] else None)
    m = _QUARTER_SHORT.match(text)
    if m:
        return CellValue(kind="period", period=f"{m['q'].upper()} {m['y1']}/{m['y2']}")
    m = _MONTH_YEAR.match(text)
    if m:
        return CellValue(kind="period", period=f"{m['m'].capitalize()} {m['y']}")
    return None
