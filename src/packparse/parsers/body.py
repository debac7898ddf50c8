"""The meeting's body: the committee, board or council that meets, as a name.

Parsers propose candidates (a heading, the phrase after "meeting of", a minutes title); this module
decides which candidate is a name. A body is a name ending in (or built on) a body noun (Council,
Committee, Board of Trustees, ...), never a stop word, a label ("Present"), a sentence fragment, an address
or a run-on with the date and time. What a name carries besides (the date, "Meeting", "Agenda", an
address, a council's own place when a committee is named) is cut off; a back-reference ("the above
Council") is the council printed above it.
"""

from __future__ import annotations

import re

from packparse.pagemodel import Line

BODY_NOUN = (r"(?:Council|Committee|Sub-?Committee|Panel|Board|Cabinet|Commission|Authority|Forum|Partnership"
             r"|Assembly|Executive|Trustees|Governors|Group|Board\s+of\s+Education|Parish\s+Meeting|Town\s+Meeting"
             r"|Meeting\s+of\s+Electors)")
_HAS_NOUN = re.compile(rf"\b{BODY_NOUN}\b", re.I)
_BACK_REFERENCE = re.compile(r"^(?:the\s+)?(?:above|said|aforementioned|aforesaid|above-named|same)\b", re.I)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)")
# Where a name stops: a date, a weekday, a time, "held", an address, a web address, a bracket, a dash before
# a date ("Milburn Parish Council - 4th September 2018").
_STOP = re.compile(
    rf"\s*(?:[-–—,]\s*)?(?:\b{_WEEKDAY}\b|\b\d{{1,2}}\s?(?:st|nd|rd|th)?\s+{_MONTH}\b|\b{_MONTH}\s+\d{{1,2}}\b"
    r"|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\b|\b(?:to\s+be\s+|will\s+be\s+)?held\b"
    r"|\bon\s+\d|\bat\s+\d|\bwww\.|\bhttps?:|\(|\b\d{2,5}\s+[A-Z][a-z]+\s+(?:Street|St|Avenue|Ave|Road|Rd|Blvd|Lane)\b"
    r"|\b\d{3,}\b).*$",
    re.I,
)
_MEETING_TAIL = re.compile(
    r"(?:\s*[-–—,]\s*|\s+)(?:(?:(?:annual|extraordinary|ordinary|special|regular|planning|budget|general|monthly"
    r"|joint|adjourned|public|virtual|remote|hybrid|amended|revised|draft)\s+)*(?:meeting|agenda|minutes|session"
    r"|a\.?\s?g\.?\s?m\.?)s?"
    r"(?:\s+(?:agenda|minutes|notice))?|agenda(?:\s+and\s+notice)?|notice)\s*$",
    re.I,
)
_MEETING_HEAD = re.compile(
    r"^(?:(?:(?:annual|extraordinary|ordinary|special|regular|planning|budget|general|monthly|joint|adjourned"
    r"|public)\s+)*meeting\s*(?:of\s+(?:the\s+)?|,\s*)|minutes\s+of\s+(?:the\s+|a\s+)?(?:(?:annual|extraordinary"
    r"|ordinary|special|regular|planning)\s+)*(?:meeting\s+of\s+(?:the\s+)?)?|agenda\s+(?:for|of)\s+(?:the\s+)?"
    r"|request\s+for\s+|the\s+)",
    re.I,
)
_ACTION_TAIL = re.compile(r"\s+action$", re.I)  # "REQUEST FOR CITY COUNCIL ACTION"
_NOT_NAME = re.compile(
    r"^(?:present|apologies|agenda|minutes|notice|summons|extraordinary|annual|amended\s+agenda|public\s+reports?\s+pack"
    r"|members?|membership|dear\b|to\s*:|you\s+are\b)", re.I)
_DOUBLED = re.compile(r"([A-Za-z])\1\1")
# Phrases in running text that name the body: "Regular Meeting of the Board of Trustees", "REGULAR MEETING, BOARD
# OF TRUSTEES", "a meeting of Souldern Parish Council", "REQUEST FOR CITY COUNCIL ACTION".
_PHRASE = re.compile(
    rf"\bmeeting\s*(?:of\s+(?:the\s+)?|,\s*)(?P<a>(?:[A-Z][\w'’&/-]*\s+){{0,6}}?{BODY_NOUN}(?:\s+of\s+[A-Z][\w'’-]*)?)"
    rf"|\brequest\s+for\s+(?P<b>(?:[A-Z][\w'’&-]*\s+){{0,3}}?{BODY_NOUN})\s+action\b",
    re.I,
)


def body_name(text: str | None, council: str | None = None) -> str | None:
    """`text` reduced to the body's name, or None when it is not one."""
    if not text:
        return None
    t = " ".join(text.split()).strip(" ,.;:-–—")
    if _BACK_REFERENCE.match(t):
        return council if council and _HAS_NOUN.search(t) else None
    if _DOUBLED.search(t) or (_NOT_NAME.match(t) and not _HAS_NOUN.search(_NOT_NAME.sub("", t, count=1))):
        return None
    t = _STOP.sub("", t).strip(" ,.;:-–—")
    for _ in range(3):
        t = _MEETING_HEAD.sub("", t).strip(" ,.;:-–—")
        t = _ACTION_TAIL.sub("", t)
        stripped = _MEETING_TAIL.sub("", t).strip(" ,.;:-–—")
        if stripped == t or not _HAS_NOUN.search(stripped):
            break
        t = stripped
    words = t.split()
    if not words or len(words) > 9 or not _HAS_NOUN.search(t):
        return None
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return None
    return t


def body_from_text(lines: list[Line], council: str | None = None) -> str | None:
    """The first body named by a phrase ("Regular Meeting of the Board of Trustees") in the opening lines."""
    text = " ".join(" ".join(ln.text.split()) for ln in lines[:40])
    for m in _PHRASE.finditer(text):
        if name := body_name(m["a"] or m["b"], council):
            return name
    return None


def settle_body(current: str | None, lines: list[Line], council: str | None, meeting: bool = True) -> str | None:
    """The body a document's parser found, made a name; else one named in its opening lines. For a meeting's
    own papers (`meeting`: an agenda or minutes) also a masthead naming a body, else the council itself (a
    parish or town council's own agenda or minutes)."""
    if name := body_name(current, council):
        return name
    if name := body_from_text(lines, council):
        return name
    if not meeting:
        return None
    for ln in lines[:6]:  # a masthead naming the council or committee
        if (name := body_name(ln.text, council)) and len(name.split()) <= 6:
            return name
    return council
