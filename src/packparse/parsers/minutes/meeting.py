"""The meeting sentence and headings above the attendance (body, date, time, venue) and the close time."""

from __future__ import annotations

import re

from packparse.lexicon import Conventions
from packparse.models import MinuteItem, Minutes
from packparse.pagemodel import Line
from packparse.parsers.minutes.text import _clean
from packparse.textparse import find_date, find_time

# The meeting sentence and the headings above it.
_MEETING_OF = re.compile(
    r"\bmeeting\s+of\s+(?:the\s+)?(?P<body>.+?),?\s+(?=held\b|convened\b|on\s+(?:Mon|Tues|Wed|Thurs|Fri|Sat|Sun)"
    r"|on\s+\d|at\s+\d)",
    re.I,
)
_MINUTES_OF = re.compile(
    r"\bminutes\s+of\s+(?:the\s+|a\s+)?(?P<body>.+?)\s+(?:(?:annual|extraordinary|ordinary|special|monthly|"
    r"general|parish|public|budget|planning)\s+)*meeting\b",
    re.I,
)
_BODY_WORDS = re.compile(
    r"\b(?:council|committee|sub-committee|panel|board|cabinet|commission|authority|forum|partnership|"
    r"trust|assembly|executive|meeting|group|governors)\b",
    re.I,
)
_REFERENCE_BODY = re.compile(r"^(?:above|said|aforementioned|aforesaid)\b", re.I)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_VENUE_HELD = re.compile(
    rf"\bheld\s+(?:in|at)\s+(?P<venue>.+?)(?=,?\s+on\s+(?:{_WEEKDAY}|\d)|,?\s+at\s+\d|\s*[.;]\s|\s*[.;]?$)",
    re.I,
)
_VENUE_AFTER_TIME = re.compile(
    r"(?:\d\s*[ap]\.?m\.?|\d[.:]\d\d)\s+(?:in|at)\s+(?P<venue>[^.;]+?)(?=\s*[.;]|\s*$|,?\s+on\s)", re.I
)
_LEADING_THE = re.compile(r"^the\s+")
_MINUTES_WORD = re.compile(r"^minutes\b", re.I)
_MEETING_WORD = re.compile(r"\bmeeting\b", re.I)
_CLOSE_CUE = re.compile(r"\b(?:closed|ended|finished|concluded|terminated|close)\b", re.I)
_CLOCK_TEXT = r"\d{1,2}(?:[.:]\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?"
_CLOSED = re.compile(
    rf"\bmeeting\b[^.;]{{0,40}}?\b(?:closed|ended|finished|concluded|terminated|close)\b(?:\s+at)?\s*:?\s*"
    rf"(?P<t>{_CLOCK_TEXT}|noon|midday)"
    rf"|\b(?:close|end)\s+of\s+(?:the\s+)?meeting\s*[:\-–]?\s*(?:at\s+)?(?P<t2>{_CLOCK_TEXT})",
    re.I,
)
_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?$")


def _meeting_details(lines: list[Line], minutes: Minutes, body_size: float, conventions: Conventions) -> None:
    """Body, date, time and venue from the meeting sentence and the headings above it."""
    if not lines:
        return
    text = _clean(" ".join(ln.text for ln in lines))
    sentence = text
    m = _MEETING_OF.search(text) or _MINUTES_OF.search(text)
    body = None
    if m:
        sentence = text[m.start():]
        candidate = _clean(m["body"])
        if not _REFERENCE_BODY.match(candidate) and len(candidate.split()) <= 10:
            body = candidate
    if body is None:
        body = _heading_body(lines, body_size)
    if body:
        minutes.body = _tidy_case(body)
    date = conventions.date(sentence) or conventions.date(text)
    if date:
        minutes.date = date[0]
    t = find_time(sentence)
    if t:
        minutes.start_time = t[0]
    venue = _VENUE_HELD.search(sentence) or _VENUE_AFTER_TIME.search(sentence)
    if venue:
        v = _clean(venue["venue"]).rstrip(" ,.")
        v = _LEADING_THE.sub("", v)
        if v and not find_date(v) and len(v) <= 150:
            minutes.venue = v


def _heading_body(lines: list[Line], body_size: float) -> str | None:
    """The committee or council named by the headings at the top (the last, most specific one)."""
    found = None
    for ln in lines:
        t = _clean(ln.text)
        if not t or len(t.split()) > 8 or find_date(t):
            continue
        heading_like = ln.bold or ln.size > body_size + 0.5 or t.isupper()
        if heading_like and _BODY_WORDS.search(t) and not _MINUTES_WORD.match(t):
            if _MEETING_WORD.search(t) and found:
                continue
            found = t
    return found


def _tidy_case(text: str) -> str:
    """An all-capitals name in title case ("SOULDERN PARISH COUNCIL" -> "Souldern Parish Council")."""
    if not text.isupper():
        return text
    small = {"of", "and", "the", "for", "in", "on", "at", "to"}
    words = text.lower().split()
    return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _close_time(items: list[MinuteItem], start: str | None) -> str | None:
    """When the meeting closed: "The meeting closed at 11.45 am", "Meeting closed at 18.51."."""
    found = None
    for item in items:
        if _CLOSE_CUE.search(item.text):
            for m in _CLOSED.finditer(item.text):
                found = m["t"] or m["t2"]
    if not found:
        return None
    t = find_time(found)
    if t:
        return t[0]
    m = _CLOCK.match(found.strip())
    if not m:
        return None
    hour, minute = int(m["h"]), int(m["m"] or 0)
    if hour > 23 or minute > 59:
        return None
    if start and hour < 12 and hour < int(start[:2]):
        hour += 12  # "closed at 8.08" after a 7pm start
    return f"{hour:02d}:{minute:02d}"
