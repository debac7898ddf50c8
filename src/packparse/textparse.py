"""Small text parsers shared by the page parsers: dates, times and e-mail addresses as councils print them.

Council documents print dates as "Friday 25 November 2022", "Thursday, 30th January, 2025",
"5 th July 2016" (a superscript ordinal read as a separate word) or "25/11/2022", and times as
"9.30 am", "7.00pm", "7pm", "10.00 a.m." or "19:00". Everything here returns ISO strings or None.
"""

from __future__ import annotations

import re

from packparse.lexicon import MONTHS

_MONTH = (r"(?P<month>january|february|march|april|may|june|july|august|september|october|november"
          r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?")
_ORD = r"(?:\s?(?:st|nd|rd|th)\b)?"
# "25 November 2022", "30th January, 2025", "5 th July 2016"
_DATE_DMY = re.compile(
    rf"\b(?P<day>[0-3]?\d){_ORD}(?:\s+of)?,?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.I
)
# "November 25, 2022", "January 20th 2021"
_DATE_MDY = re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d){_ORD},?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
# "25/11/2022", "25.11.22" (UK order), "8/24/21" (US order, read so only where the UK order is no date)
_DATE_NUM = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")

# An e-mail address as reports and front sheets print it ("joe.o'brien@kent.gov.uk").
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")

_TIME_12 = re.compile(
    r"\b(?P<h>[01]?\d)(?:[.:](?P<m>[0-5]\d))?\s*(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?)", re.I)
_TIME_24 = re.compile(r"(?<![\d.:/£$])\b(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\b(?![.:/]\d)(?!\s*%)")
_NOON = re.compile(r"\b(?:12\s*)?noon\b|\bmidday\b", re.I)


def _iso(year: int, month: int, day: int) -> str | None:
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first printed date in `text` as (ISO date, start, end) of its match, or None."""
    best: tuple[str, int, int] | None = None
    for rx in (_DATE_DMY, _DATE_MDY):
        for m in rx.finditer(text):
            iso = _iso(int(m["year"]), MONTHS[m["month"].lower().rstrip(".")], int(m["day"]))
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
            if iso:
                break
    if best is None:
        for m in _DATE_NUM.finditer(text):
            year = int(m["year"])
            year += 2000 if year < 100 else 0
            # day first, as UK councils print it; month first only where day first is no date ("8/24/21")
            iso = _iso(year, int(m["b"]), int(m["a"])) or _iso(year, int(m["a"]), int(m["b"]))
            if iso:
                return iso, m.start(), m.end()
    return best


def parse_date(text: str) -> str | None:
    """The first date printed in `text`, ISO `YYYY-MM-DD`; None when there is none."""
    found = find_date(text)
    return found[0] if found else None


def find_time(text: str) -> tuple[str, int, int] | None:
    """The first clock time in `text` as (HH:MM, start, end), or None.

    12-hour forms need am/pm ("9.30 am", "7pm"); bare "19:00"/"19.00" count only as 24-hour times,
    so sums of money and section numbers such as "4.5" are not read as times.
    """
    hits: list[tuple[str, int, int]] = []
    m = _TIME_12.search(text)
    if m:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if 1 <= hour <= 12:
            pm = m["ampm"].lower().startswith("p")
            hour = (hour % 12) + (12 if pm else 0)
            hits.append((f"{hour:02d}:{minute:02d}", m.start(), m.end()))
    m = _TIME_24.search(text)
    if m and (int(m["h"]) >= 13 or ":" in m.group(0) or m["h"].startswith("0")):
        hits.append((f"{int(m['h']):02d}:{m['m']}", m.start(), m.end()))
    m = _NOON.search(text)
    if m:
        hits.append(("12:00", m.start(), m.end()))
    return min(hits, key=lambda h: h[1]) if hits else None


def parse_time(text: str) -> str | None:
    """The first clock time in `text` as 24-hour `HH:MM`; None when there is none."""
    found = find_time(text)
    return found[0] if found else None
