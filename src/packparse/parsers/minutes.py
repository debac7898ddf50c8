"""Minutes of a meeting: who attended, what was minuted under which number, and what was resolved.

Minutes are laid out in many house styles: minute numbers hanging in the left margin, bold headings
with the text indented beneath them, run-in headings ("2599. Police Report: Attached ..."), dotted
numbers ("16.07.4"), attendance as paragraphs ("PRESENT: Mr R W Gough (Chairman), ..."), as labelled
blocks ("Present:" / "Members of the Panel:" / "Also Present:") or as a two-column table. The parser
reads structure from layout and wording only:

* minute headings are lines that start with a number at the document's leftmost heading margin and
  whose numbers form an increasing sequence (so numbered paragraphs inside a minute, dates and
  figures that happen to start a line are not taken for headings);
* everything before the first heading is the header: the meeting sentence ("At a meeting of the X
  held in Y on <date> at <time>"), headings, and the attendance labels with their lists;
* decisions are found by their wording: the RESOLVED blocks ("RESOLVED", "Resolved:", "it was resolved",
  "AGREED") are `resolutions`, one each; they and the decisions worded in prose ("it was agreed", "were
  approved", "the report was noted", a motion only recorded as "proposed by A, seconded by B") are
  `decisions`, with their numbered parts, the mover and seconder and the printed vote;
* declarations of interest come from a "Declarations of Interest" minute ("Cllr A re No 2608") and from
  "X declared an interest" anywhere; remote attendance from "in attendance virtually:" labels and "was
  attending the meeting virtually"; the close from "The meeting closed at ...".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from packparse.models import Attendance, Decision, Declaration, MinuteItem, Minutes, Person, Substitution
from packparse.pagemodel import Line, join_words
from packparse.parsers.actions import ActionBlock, action_blocks, roll_call
from packparse.parsers.people import (
    is_honorific,
    looks_like_name,
    name_key,
    organisation_role,
    parse_person,
    split_name_list,
    surname,
)
from packparse.structure import Block, build_structure, read_number, read_reference
from packparse.textparse import find_date, find_time

# ------------------------------------------------------------------------------------------------
# Patterns (compiled once)

_ORDINAL_REST = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_MONTH_REST = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_TITLE_START = re.compile(r"^[A-Z0-9'‘“\"(]")
_TRAILING_SEP = re.compile(r"\s*(?::\s*-?|[-–—]|\.)\s*$")
_LEADING_SEP = re.compile(r"^\s*(?::\s*-?|[-–—]|\.)\s*")
_ITEM_REF = re.compile(r"^\(\s*(?:Agenda\s+)?Item\s+[\w.]+\s*\)$", re.I)
_SIGNATURE = re.compile(r"^(?:Signed|Dated?|Chairman|Chair)\b.*[_.…]{4,}", re.I)

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
_HONORIFIC_START = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Rev|Revd)\b\.?")
_NON_MEMBER_PREFIX = re.compile(r"^(?:County|District|Borough|City|Town)\s+(?:Councillor|Cllr)\b", re.I)
_PART_HEADING = re.compile(
    r"^(?:PART\s+[A-Z0-9]+|(?:UN)?RESTRICTED\s+ITEMS?|OPEN\s+ITEMS?|EXEMPT\s+ITEMS?)\b", re.I
)

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

# Decisions.
_RESOLUTION = re.compile(
    r"\bRESOLVED\b"
    r"|(?<![\w-])Resolved\b(?=\s*(?:[:\-–—]|that\b|to\b|unanimously\b|$))"
    r"|\b(?:(?:[Ii]t\s+)?(?:was|were)|unanimously|duly)\s+resolved\b"
    r"|\bresolved\s+(?:that|to|unanimously)\b"
    r"|\bAGREED\b(?!\s+unanimously)"
    r"|(?:^|(?<=[.:]\s))Agreed\s*(?::|that\b|to\b)",
    re.M,
)
_PARA_PREFIX = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)]|\(?[a-z]{1,3}[.)]|\(?[ivx]{1,4}[.)]|[•\-–·])?\s*$", re.I)
_LIST_MARK = re.compile(r"^\s*(?:\(?[a-z0-9]{1,3}[.)]\s|[•\-–·\uf000-\uf8ff]\s?)", re.I)
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z(]|\s*$)")
_NEW_PARA = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)]|[0-9]{1,3}\s{2,}|\(?[a-z]{1,3}[.)]\s|[•\-–·\uf000-\uf8ff])")

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
_WS = re.compile(r"\s+")
_COLON = re.compile(r"\s?:")
_RUN_IN_SEP = re.compile(r"\s?:(?:-)?(?=\s|$)|\s[-–—]\s")
_COUNTY = re.compile(r"\bcounty\b", re.I)
_MEMBER_ROLE = re.compile(r"chair|mayor|member", re.I)
_SUB_ROLE = re.compile(r"(?:substitut\w*|sub)\s+for\s+(.+)$", re.I)
_LEADING_THE = re.compile(r"^the\s+")
_MINUTES_WORD = re.compile(r"^minutes\b", re.I)
_MEETING_WORD = re.compile(r"\bmeeting\b", re.I)
_FULL_STOP = re.compile(r"\.(?=\s|$)")
_APOLOGIES_TITLE = re.compile(r"^apolog", re.I)
_FOR_SPLIT = re.compile(r"^(?P<sub>.+?)\s+(?:substituting\s+for|in\s+place\s+of|for)\s+(?P<for>.+)$", re.I)

# Decisions worded in prose (outside the RESOLVED blocks): agreed, approved, noted.
_BODY_NOUN = r"(?:Council|Committee|Sub-Committee|Panel|Cabinet|Board|Forum|Meeting)"
_AGREED = (
    r"\b(?:was|were)\s+(?:further\s+|also\s+|then\s+)?(?:unanimously\s+|duly\s+)?agreed\b"
    r"|\b[Aa]ll\s+(?:(?:[Cc]ouncillors|[Cc]llrs|[Mm]embers)\s+)?(?:present\s+)?(?:unanimously\s+)?agreed\b"
    rf"|\b{_BODY_NOUN}\s+(?:unanimously\s+|duly\s+)?agreed\b"
    r"|\b(?:[Aa]greed|AGREED)\s+(?:unanimously|by\s+all)\b|\bunanimously\s+agreed\b"
    r"|(?:^|(?<=[.:]\s))Agreed\.(?=\s|$)"
)
_APPROVED = (
    r"\b(?:was|were)\s+(?:unanimously\s+|duly\s+|formally\s+)?approved\b"
    r"|\b[Aa]ll\s+approved\b|\bunanimously\s+approved\b|\bapproved\s+unanimously\b"
    rf"|\b{_BODY_NOUN}\s+(?:unanimously\s+|duly\s+|formally\s+)?approved\b"
    r"|(?:^|(?<=[.:]\s))Approved\b"
)
_NOTED_OBJECT = (r"(?:(?:verbal|written|annual|monthly|quarterly|progress)\s+)?(?:report|update|information|contents?"
                 r"|presentation|minutes|correspondence|accounts?|statement|letter|position)")
_NOTED = (
    r"(?:^|(?<=[.:]\s))Noted\b"
    rf"|\b{_NOTED_OBJECT}s?\s+(?:was|were|had\s+been)\s+(?:duly\s+|formally\s+)?noted\b"
    rf"|\b(?:{_BODY_NOUN}|Members|Councillors)\s+(?:duly\s+|formally\s+)?noted\s+the\s+{_NOTED_OBJECT}\b"
    r"|\breceived\s+and\s+noted\b"
)
_PROSE_DECISION = re.compile(rf"(?P<agreed>{_AGREED})|(?P<approved>{_APPROVED})|(?P<noted>{_NOTED})", re.M)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
SHORT_DECISION_WORDS = 6  # "All councillors agreed." takes the sentence before it
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "no", "ch", "st", "cllr", "cllrs", "nos", "ref", "approx"})
_LEAD_MARK = re.compile(r"\s*(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,4})[.):]{1,2}\s+|[•\-–·\uf000-\uf8ff]\s*)", re.I)
_PART_MARK = re.compile(r"\s*(?:\((?:\d{1,2}|[a-z]|[ivx]{1,5})\)|(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)])\s+", re.I)
_BULLET_MARK = re.compile(r"\s*[•·\uf000-\uf8ff]\s*")
_INLINE_PART = re.compile(r"(?:(?<=\s)|^)\((?P<m>\d{1,2}|[a-z]|[ivx]{1,4})\)\s")
_PART_TAIL = re.compile(r"\s*(?:[;,]\s*(?:and|or)?|\band)\s*$")
_PARA_NUMBER = re.compile(r"\(?(?P<n>\d{1,3})[.)]\s")

# Movers, seconders, votes and the fate of a motion.
_PNAME = (r"(?:(?:Councillors?|Cllrs?|Mr|Mrs|Ms|Miss|Dr|Sir|Dame|County\s+(?:Cllr|Councillor))\.?\s+)?"
          r"(?:[A-Z][a-z]+\s+(?=[A-Z]))?(?:[A-Z]\.?\s+){0,3}[A-Z][\w'’-]+")
_WHO = (r"(?:(?:[Tt]he\s+)?(?:Vice[- ]Chair(?:man|woman)?|Chair(?:man|woman|person)?|Deputy\s+Leader"
        rf"|Leader(?:\s+of\s+the\s+Council)?|(?:Deputy\s+)?Mayor|Clerk)\b|{_PNAME})")
_APPOSITION = r"(?:\s*\([^)]{0,80}\)|,[^.;]{0,120}?,)?"
# (pattern, backward, records): `backward` - an abbreviated "Proposed: AB 2nd: CD" after the decision it
# records; `records` - passive wording ("proposed by A, seconded by B") that on its own records a carried
# motion, where "A proposed and B seconded the motion that" opens a debate.
_PROPOSAL_PATTERNS: list[tuple[re.Pattern[str], bool, bool]] = [
    (re.compile(rf"(?P<p>{_WHO}){_APPOSITION}\s+(?:proposed|moved)\s*,?\s+(?:and\s+)?(?P<s>{_WHO}){_APPOSITION}"
                r"\s+seconded"), False, False),
    (re.compile(rf"(?P<p>{_WHO})\s+(?:proposed|moved)\b[^.;]{{0,200}}?,?\s+seconded\s+by\s+(?P<s>{_WHO})"), False,
     True),
    (re.compile(rf"\b(?:[Pp]roposed|[Mm]oved)\s+by\s+(?P<p>{_WHO})\s*[,;]?\s*(?:and\s+)?[Ss]econded\s+by\s+"
                rf"(?P<s>{_WHO})"), False, True),
    (re.compile(rf"\bProp(?:osed)?\.?\s*:?\s*(?P<p>[A-Z]{{2,3}}\b|{_WHO})\s*[,;]?\s*(?:2\s?nd|Sec(?:onded)?)\.?\s*:?"
                rf"\s*(?:by\s+)?(?P<s>[A-Z]{{2,3}}\b|{_WHO})"), True, True),
    (re.compile(rf"(?P<p>{_WHO})\s+(?:proposed|moved)\s+(?:that\b|the\s+(?:motion|amendment|recommendations?"
                r"|following)\b)"), False, False),
]
_BARE_MOTION = re.compile(r"(?:proposed|moved)\s+by\b", re.I)
_PROPOSAL_CUE = re.compile(r"\b(?:[Pp]ropos|[Mm]oved|Prop\b)")
_LEADING_AND = re.compile(r"^and\s+", re.I)
_VOTE_N = r"\s*(?:\(\s*(?P<a>\d{1,3})\s*\)|[:\-–]\s*(?P<b>\d{1,3})(?!\d)|(?P<c>\d{1,3})(?![\d.,]\d))"
_V_FOR = re.compile(rf"(?:^|(?<=[\s(,;:]))(?:For|In\s+favour){_VOTE_N}")
_V_AGAINST = re.compile(rf"(?:^|(?<=[\s(,;:]))Against{_VOTE_N}")
_V_ABSTAIN = re.compile(rf"(?:^|(?<=[\s(,;:]))(?:Abstain(?:ed|ing|s)?|Abstentions?){_VOTE_N}")
_V_PROSE = re.compile(r"\b(?P<f>\d{1,3})\s+(?:votes?\s+)?(?:for|in\s+favour)\b\s*[,;]?\s*(?:and\s+|with\s+)?"
                      r"(?P<a>\d{1,3})\s+(?:votes?\s+)?against\b(?:\s*[,;]?\s*(?:and\s+|with\s+)?(?P<x>\d{1,3})"
                      r"\s+abstentions?)?", re.I)
_V_BY = re.compile(r"\bby\s+(?P<f>\d{1,3})\s+votes?\s+to\s+(?P<a>\d{1,3})(?:\s*[,;]?\s*(?:with|and)\s+"
                   r"(?P<x>\d{1,3})\s+abstentions?)?", re.I)
VOTE_WINDOW = 2500  # characters from "For (n)" in which its "Against" and "Abstain" are looked for
BACKWARD_REACH = 120  # characters after a decision in which "Proposed: AB 2nd: CD" still records it
_OUTCOME = re.compile(r"\b(?:Substantive\s+)?(?:Motion|Amendment|Proposal|Recommendation)s?\s+(?:was\s+|were\s+)?"
                      r"(?P<o>lost|fell|defeated|not\s+carried|carried|withdrawn)\b", re.I)
_PARA_REF = re.compile(r"\bput\s+the\s+(?:substantive\s+)?(?:motion|amendment)\s+(?:as\s+)?set\s+out\s+(?:in|at)\s+"
                       r"paragraph\s+(?P<n>\d{1,3})\b", re.I)
_PARA_BREAK = re.compile(r"^\s*(?:\(?\d{1,3}[.)](?=\s)|\(\d{1,3}\)|\d{1,3}\s{2,}|\(?[a-z]{1,3}[.)]\s|\([ivx]{1,4}\)"
                         r"|[•\-–·\uf000-\uf8ff])")
PARA_GAP = 0.6  # a vertical gap above this many line heights starts a new paragraph

# Declarations of interest, remote attendance and the close of the meeting.
_DECL_TITLE = re.compile(r"\b(?:declarations?|disclosures?)\s+of\s+(?:[\w-]+\s+){0,4}?interests?"
                         r"|\binterests?\s+(?:declared|to\s+declare)|^register\s+of\s+interests", re.I)
_NO_DECLARATION = re.compile(r"^(?:there\s+were\s+no|no\s+(?:declarations?|interests?|other)|none|nil|n/?a)\b"
                             r"|\bno\s+declarations?\b|\bnone\s+(?:were\s+)?declared\b", re.I)
_DECLARED = re.compile(r"^(?P<who>.+?)\s+(?:each\s+|also\s+|both\s+)?declared\s+(?:an?\s+|their\s+|his\s+|her\s+)?"
                       r"(?P<nature>(?:[\w-]+\s+){0,4}?)interests?\b(?P<rest>.*)$", re.I)
_DECL_RE = re.compile(r"^(?P<who>.+?)\s+(?P<ref>(?:re|in|on|regarding|for)\s+(?:agenda\s+)?(?:items?|minutes?|no\.?)"
                      r"\s*\d[\w./-]*)", re.I)
_ITEM_NUMBER = re.compile(r"\b(?:agenda\s+)?(?:item|minute)s?\s*(?:no\.?\s*)?(?P<n>\d[\w./]*)"
                          r"|\bre\s+no\.?\s*(?P<n2>\d[\w./]*)", re.I)
_REMOTE_CUE = re.compile(r"\b(?:virtually|remotely|online|video\s+link)\b", re.I)
_REMOTE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:had\s+(?:given|sent|tendered)\s+(?:his|her|their)\s+(?:formal\s+)?apologies\s+but\s+)?"
    r"(?:was\s+|were\s+)?(?:attending|attended|joined|participated\s+in)\s+(?:the\s+meeting\s+)?"
    r"(?:virtually|remotely|online|by\s+video(?:\s+link)?|via\s+[A-Z]\w+)"
)
_CLOSE_CUE = re.compile(r"\b(?:closed|ended|finished|concluded|terminated|close)\b", re.I)
_CLOCK_TEXT = r"\d{1,2}(?:[.:]\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?"
_CLOSED = re.compile(
    rf"\bmeeting\b[^.;]{{0,40}}?\b(?:closed|ended|finished|concluded|terminated|close)\b(?:\s+at)?\s*:?\s*"
    rf"(?P<t>{_CLOCK_TEXT}|noon|midday)"
    rf"|\b(?:close|end)\s+of\s+(?:the\s+)?meeting\s*[:\-–]?\s*(?:at\s+)?(?P<t2>{_CLOCK_TEXT})",
    re.I,
)
_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?$")

_RUN_ON_END = re.compile(r"(?:\b(?:and|of|the|to|for|in|on|at|with|from|a|an|&)|[-–,])\s*$", re.I)
HEADING_GAP = 10  # largest jump between consecutive minute numbers
MARGIN_TOLERANCE = 6.0  # points: headings of one document share their left edge within this
CHAIN_WINDOW = 40  # candidates looked back when chaining numbers (keeps the search linear)


# ------------------------------------------------------------------------------------------------
# Text with page positions


@dataclass(slots=True)
class _Text:
    """Lines joined into one string, remembering where each line starts (for pages and indents)."""

    text: str = ""
    starts: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    xs: list[float] = field(default_factory=list)
    breaks: list[bool] = field(default_factory=list)  # the line opens a new paragraph

    def add(self, piece: str, page: int, x0: float, new_para: bool = False) -> None:
        piece = piece.strip()
        if not piece:
            return
        if self.text:
            # A word broken at a line end ("Crow-" / "Brown") is joined without a space.
            broken = self.text.endswith("-") and self.text[-2:-1].isalpha() and piece[0].isalpha()
            if not broken:
                self.text += " "
        self.starts.append(len(self.text))
        self.pages.append(page)
        self.xs.append(x0)
        self.breaks.append(new_para or not self.breaks)
        self.text += piece

    def para_start(self, pos: int) -> int:
        """Index of the line that opens the paragraph holding character `pos`."""
        li = self.line_at(pos)
        while li > 0 and not self.breaks[li]:
            li -= 1
        return li

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) character spans of the printed paragraphs."""
        opens = [self.starts[i] for i, b in enumerate(self.breaks) if b]
        return [(a, opens[k + 1] if k + 1 < len(opens) else len(self.text)) for k, a in enumerate(opens)]

    def line_at(self, pos: int) -> int:
        return max(0, bisect_right(self.starts, pos) - 1)

    def page_at(self, pos: int) -> int | None:
        return self.pages[self.line_at(pos)] if self.pages else None


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


# ------------------------------------------------------------------------------------------------
# Minute headings


@dataclass(slots=True)
class _Candidate:
    index: int
    number: str
    key: tuple[int, ...]
    x0: float
    bold: bool
    skip: int  # words before the title: the number, "Minute", a dash


@dataclass(slots=True)
class _Heading:
    index: int  # line of the heading
    number: str
    title: str
    last: int  # last line used by the title
    rest: str  # text that follows the title on its last line
    rest_x: float
    page: int
    agenda_item: str | None = None  # "(Item 4)" printed with the heading


def _candidates(lines: list[Line]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for i, ln in enumerate(lines):
        text = ln.text.lstrip()
        if not (text[:1].isdigit() or text[:3].lower() == "min"):
            continue
        token = read_number(text)  # the numbering grammar: "84.", "16.07.4", "2599.", "Minute 12", "12/34"
        if token is None or token.relative or not all(p.kind == "n" for p in token.parts):
            continue
        if token.prefix is not None and not token.prefix.lower().startswith("min"):
            continue  # "Item 4", "No. 3": not a minute number
        rest = token.rest
        if _ORDINAL_REST.match(rest) or _MONTH_REST.match(rest) or not _TITLE_START.match(rest):
            continue
        if rest.startswith("(") and not rest[1:2].isalpha():
            continue
        skip = len(text[:token.rest_offset].split())
        title_words = ln.words[skip:]
        bold = bool(title_words) and title_words[0].bold
        out.append(_Candidate(i, token.text, token.key, ln.x0, bold, skip))
    return out


def _follows(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether minute number b can come after a: "5" -> "6", "16.07.2" -> "16.07.3", "5" -> "5.1"; the parts
    after the one that goes up start again ("01.19.06" -> "02.19.01" at most, never "10.18.04")."""
    for k, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return 1 <= y - x <= HEADING_GAP and all(v <= 1 for v in b[k + 1:])
    return len(b) > len(a) and 1 <= b[len(a)] <= HEADING_GAP


def _best_chain(cands: list[_Candidate]) -> list[_Candidate]:
    """The longest run of candidates, in line order, whose numbers go up step by step."""
    if not cands:
        return []
    best = [1] * len(cands)
    prev = [-1] * len(cands)
    for j in range(len(cands)):
        for i in range(max(0, j - CHAIN_WINDOW), j):
            if best[i] + 1 > best[j] and _follows(cands[i].key, cands[j].key):
                best[j] = best[i] + 1
                prev[j] = i
    end = max(range(len(cands)), key=lambda k: (best[k], -k))
    chain: list[_Candidate] = []
    while end != -1:
        chain.append(cands[end])
        end = prev[end]
    return chain[::-1]


def _misnumbered(chain: list[_Candidate], cluster: list[_Candidate]) -> list[_Candidate]:
    """Put back a heading printed with a slip in its number: where the run skips one number ("16.03.13" ->
    "16.03.15"), the one heading between them in the same margin and weight whose last part is the missing
    one ("6.3.14") is that minute."""
    out: list[_Candidate] = []
    for a, c in zip(chain, [*chain[1:], None], strict=False):
        out.append(a)
        if c is None or len(a.key) != len(c.key) or a.key[:-1] != c.key[:-1] or c.key[-1] - a.key[-1] != 2:
            continue
        between = [b for b in cluster if a.index < b.index < c.index and b.bold == a.bold
                   and b.key[-1] == a.key[-1] + 1]
        if len(between) == 1:
            out.append(between[0])
    return out


def _block_headings(lines: list[Line]) -> list[_Heading] | None:
    """Minutes headed by their titles alone: unnumbered headings in one style, each with the agenda item it
    records printed beneath ("Apologies for Absence" / "(Item 1)"), or over numbered paragraphs that start
    again at 1 under each heading. None when the minutes are not laid out so (their numbers head them)."""
    structure = build_structure(lines)
    at = {id(ln): i for i, ln in enumerate(lines)}
    blocks = structure.blocks
    heads: list[tuple[Block, Block | None]] = []
    for k, b in enumerate(blocks):
        if b.role == "heading" and b.number is None:
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            heads.append((b, nxt if nxt is not None and nxt.role == "item_ref" else None))
    referenced = [h for h in heads if h[1] is not None]
    styles = Counter(_block_style(b) for b, _ in referenced)
    if len(referenced) < 2:
        restarts = _restarting_sections(blocks, heads)
        if restarts is None:
            return None
        styles = Counter({restarts: 1})
    style = styles.most_common(1)[0][0]
    first = min(at[id(b.first)] for b, _ in heads if _block_style(b) == style)
    out: list[_Heading] = []
    for b, ref in heads:
        if _block_style(b) != style or at[id(b.first)] < first:
            continue
        last = at[id((ref or b).lines[-1])]
        out.append(_Heading(index=at[id(b.first)], number="", title=_TRAILING_SEP.sub("", b.text), last=last,
                            rest="", rest_x=b.x0, page=b.pdf_page, agenda_item=ref.reference if ref else None))
    return out if len(out) >= 2 else None


def _block_style(block: Block) -> tuple[float, bool, float]:
    return (round(block.first.size * 2) / 2, block.first.bold, round(block.x0 / 6))


def _restarting_sections(blocks: list[Block], heads: list[tuple[Block, Block | None]]
                         ) -> tuple[float, bool, float] | None:
    """The style of headings under which numbered paragraphs start again at 1 (two or more of them)."""
    by_style: dict[tuple[float, bool, float], int] = {}
    current: tuple[float, bool, float] | None = None
    seen_one = False
    heading_ids = {id(b) for b, _ in heads}
    for b in blocks:
        if id(b) in heading_ids:
            current, seen_one = _block_style(b), False
        elif (current is not None and b.number is not None and b.number.decimal and b.number.key == (1,)
              and not seen_one):
            by_style[current] = by_style.get(current, 0) + 1
            seen_one = True
    best = max(by_style.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best is not None and best[1] >= 2 else None


def _find_headings(lines: list[Line]) -> list[_Heading]:
    cands = _candidates(lines)
    if not cands:
        return []
    # Headings share one left edge; numbered paragraphs inside minutes are indented further.
    clusters: list[list[_Candidate]] = []
    for c in sorted(cands, key=lambda c: c.x0):
        if clusters and c.x0 - clusters[-1][0].x0 <= MARGIN_TOLERANCE:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    chains: list[list[_Candidate]] = []
    for cl in clusters:
        cl.sort(key=lambda c: c.index)
        bold = [c for c in cl if c.bold]
        if len(bold) >= 2 and len(bold) * 3 >= len(cl) * 2:
            cl = bold
        chains.append(_misnumbered(_best_chain(cl), cl))
    # The leftmost run wins: minute numbers hang in (or sit at) the margin, paragraphs are indented.
    longest = max(len(ch) for ch in chains)
    chain = next(ch for ch in chains if len(ch) >= min(2, longest))
    right = sorted(ln.x1 for ln in lines)[int(len(lines) * 0.9)]
    headings: list[_Heading] = []
    for n, c in enumerate(chain):
        stop = chain[n + 1].index if n + 1 < len(chain) else len(lines)
        h = _heading(lines, c, stop, right)
        for k in range(h.last + 1, min(h.last + 3, stop)):  # "(Item 4)" printed under the heading
            if (ref := read_reference(lines[k].text)) is not None:
                h.agenda_item, h.last = ref, k
                break
            if lines[k].text.strip():
                break
        headings.append(h)
    return headings


def _heading(lines: list[Line], cand: _Candidate, stop: int, right: float) -> _Heading:
    """Read the title of a minute: a whole bold heading, a bold or plain run-in heading."""
    line = lines[cand.index]
    words = line.words[cand.skip:]
    last = cand.index
    rest, rest_x = "", line.x1
    if words and all(w.bold for w in words):
        title = " ".join(w.text for w in words)
        # A long bold heading wraps onto further bold lines.
        j = cand.index + 1
        while (j < stop and not title.rstrip().endswith((":", ":-")) and lines[j].words
               and all(w.bold for w in lines[j].words) and lines[j].pdf_page == line.pdf_page
               and not _ITEM_REF.match(lines[j].text.strip())
               and lines[j].top - lines[j - 1].bottom < 1.2 * max(lines[j].size, 1)
               and (lines[j - 1].x1 > right - 0.25 * (right - line.x0) or _RUN_ON_END.search(lines[j - 1].text))):
            # ... only where the line above ran on towards the margin (or broke after "and", "of")
            title += " " + lines[j].text
            last = j
            j += 1
    elif words and words[0].bold:
        n = 0
        while n < len(words) and words[n].bold:
            n += 1
        bold_text = " ".join(w.text for w in words[:n])
        cut = _colon_cut(bold_text)
        title = bold_text[:cut]
        rest = bold_text[cut:] + " " + " ".join(w.text for w in words[n:])
        rest_x = line.x0  # run-in text belongs to the paragraph the heading opens
    else:
        text = " ".join(w.text for w in words)
        cut = _separator_cut(text)
        nxt = lines[cand.index + 1] if cand.index + 1 < stop else None
        if (cut is None and nxt is not None and nxt.x0 > line.x0 + 10
                and line.x1 > right - 0.15 * (right - line.x0)):
            # A plain heading that wraps under a hanging indent, ended by ':' or a dash.
            joined = text + " " + nxt.text
            cut2 = _separator_cut(joined)
            if cut2 is not None and cut2 > len(text):
                title, rest, last = joined[:cut2], joined[cut2:], cand.index + 1
                rest_x = nxt.x0
                return _make_heading(cand, title, last, rest, rest_x, line.pdf_page)
        if cut is None:
            title = text
        else:
            title, rest = text[:cut], text[cut:]
            rest_x = line.x0
    return _make_heading(cand, title, last, rest, rest_x, line.pdf_page)


def _make_heading(cand: _Candidate, title: str, last: int, rest: str, rest_x: float, page: int) -> _Heading:
    title = _TRAILING_SEP.sub("", _clean(title))
    title = _TRAILING_SEP.sub("", title)
    rest = _LEADING_SEP.sub("", _clean(rest))
    return _Heading(cand.index, cand.number, title, last, rest, rest_x, page)


def _colon_cut(text: str) -> int:
    """Where a run-in title ends: at its first colon, else the whole text."""
    m = _COLON.search(text)
    return m.start() if m else len(text)


def _separator_cut(text: str) -> int | None:
    """Where a plain run-in title ends: at a colon or a spaced dash; None when neither is printed."""
    m = _RUN_IN_SEP.search(text)
    return m.start() if m else None


# ------------------------------------------------------------------------------------------------
# Header: meeting details and attendance


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
                visitors = visitors or (councillors and not titled and _HONORIFIC_START.match(person.name) is not None)
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


def _meeting_details(lines: list[Line], minutes: Minutes, body_size: float) -> None:
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
    date = find_date(sentence) or find_date(text)
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


# ------------------------------------------------------------------------------------------------
# Items and decisions


def _resolution_spans(body: _Text) -> list[tuple[int, int]]:
    """(start, end) of each decision block in a minute's text: one per `resolutions` entry.

    A decision that opens its paragraph ("RESOLVED that ...", "Resolved:") runs on, with its
    indented sub-list, to the next paragraph at its own level; one inside prose ("... and it was
    resolved that ...") is the sentence that carries it.
    """
    text = body.text
    marks = list(_RESOLUTION.finditer(text))
    out: list[tuple[int, int]] = []
    for k, m in enumerate(marks):
        li = body.line_at(m.start())
        line_start = body.starts[li] if body.starts else 0
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        lead_in = False  # "Resolved:" alone on its line: the list under it belongs to it
        if _PARA_PREFIX.match(text[line_start:m.start()]):
            start = m.start()
            line_end = body.starts[li + 1] if li + 1 < len(body.starts) else len(text)
            lead_in = not text[line_start:m.start()].strip() and text[start:min(line_end, end)].rstrip().endswith(":")
        else:
            base = line_start if _LIST_MARK.match(text[line_start:m.start()]) else 0
            start = base
            for sep in (". ", ": "):
                at = text.rfind(sep, base, m.start())
                if at >= 0:
                    start = max(start, at + len(sep))
            end_m = _SENTENCE_END.search(text, m.end(), end)
            end = end_m.end() if end_m else end
        end = _list_end(body, li, body.xs[li] if body.xs else 0.0, end, lead_in)
        if _clean(text[start:end]):
            out.append((start, end))
    return out


def _resolutions(body: _Text) -> list[str]:
    """One entry per decision block in a minute's text (see `_resolution_spans`)."""
    return [_clean(body.text[a:b]) for a, b in _resolution_spans(body)]


def _list_end(body: _Text, li: int, x: float, end: int, lead_in: bool = False) -> int:
    """Where a block opened on line `li` at indent `x` stops: at a line left of it or a new paragraph
    at its own level (its indented sub-list stays in; with `lead_in`, a list at its own level too)."""
    text = body.text
    for lj in range(li + 1, len(body.starts)):
        s = body.starts[lj]
        if s >= end:
            break
        if body.xs[lj] < x - 5 or (not lead_in and body.xs[lj] <= x + 1 and _NEW_PARA.match(text[s:s + 12])):
            return s
    return end


def _sentence_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence holding `pos`, not before `floor` ("Mr." and "No." do not end one)."""
    start = floor
    at = text.rfind(". ", floor, pos)
    while at >= 0:
        before = text[max(floor, at - 12):at].split()
        word = before[-1].lstrip("([{'\"‘“") if before else ""
        if not (word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            start = at + 2
            break
        at = text.rfind(". ", floor, at)
    colon = text.rfind(": ", floor, pos)
    return max(start, colon + 2) if colon >= 0 else start


def _sentence_stop(text: str, pos: int, limit: int) -> int:
    m = _SENTENCE_END.search(text, pos, limit)
    return m.end() if m else limit


def _para_bounds(body: _Text, pos: int) -> tuple[int, int, int]:
    """(first line index, start, end) of the paragraph holding `pos`."""
    li = body.para_start(pos)
    nxt = next((j for j in range(body.line_at(pos) + 1, len(body.starts)) if body.breaks[j]), None)
    return li, body.starts[li], body.starts[nxt] if nxt is not None else len(body.text)


def _skip_marker(text: str, start: int) -> int:
    m = _LEAD_MARK.match(text, start)
    return m.end() if m else start


@dataclass(slots=True)
class _Proposal:
    pos: int
    end: int
    proposer: str | None
    seconder: str | None
    backward: bool  # an abbreviated "Proposed: AB 2nd: CD" that records the decision before it
    records: bool  # passive wording that records a carried motion on its own
    used: bool = False
    lost: bool = False


@dataclass(slots=True)
class _Votes:
    pos: int
    end: int
    counts: tuple[int | None, int | None, int | None]
    used: bool = False


def _who(text: str | None) -> str | None:
    if not text:
        return None
    text = _clean(text).strip(" ,;")
    text = _LEADING_AND.sub("", text)
    return text or None


def _proposals(text: str) -> list[_Proposal]:
    """Who proposed and seconded, in text order; the first pattern to claim a stretch of text wins."""
    found: list[_Proposal] = []
    taken: list[tuple[int, int]] = []
    for rx, backward, records in _PROPOSAL_PATTERNS:
        for m in rx.finditer(text):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in taken):
                continue
            seconder = m.groupdict().get("s")
            found.append(_Proposal(a, b, _who(m["p"]), _who(seconder), backward, records))
            taken.append((a, b))
    found.sort(key=lambda p: p.pos)
    return found


def _vote_count(m: re.Match[str] | None) -> int | None:
    if m is None:
        return None
    value = m["a"] or m["b"] or m["c"]
    return int(value) if value else None


def _votes(text: str) -> list[_Votes]:
    """Printed vote counts: "For (51) ... Against (6) ... Abstain (2)", "For: 5, Against: 2",
    "5 votes for and 2 against", "by 7 votes to 2"."""
    out: list[_Votes] = []
    if "gainst" in text or "bstain" in text or "bstention" in text:
        fors = list(_V_FOR.finditer(text))
        for k, f in enumerate(fors):
            limit = min(fors[k + 1].start() if k + 1 < len(fors) else len(text), f.end() + VOTE_WINDOW)
            against = _V_AGAINST.search(text, f.end(), limit)
            abstain = _V_ABSTAIN.search(text, against.end() if against else f.end(), limit)
            if against is None and abstain is None:
                continue
            end = max(x.end() for x in (f, against, abstain) if x is not None)
            out.append(_Votes(f.start(), end, (_vote_count(f), _vote_count(against), _vote_count(abstain))))
    for rx in (_V_PROSE, _V_BY):
        for m in rx.finditer(text):
            if any(v.pos <= m.start() < v.end for v in out):
                continue
            x = m["x"]
            out.append(_Votes(m.start(), m.end(), (int(m["f"]), int(m["a"]), int(x) if x else None)))
    out.sort(key=lambda v: v.pos)
    return out


def _para_numbers(body: _Text) -> list[tuple[int, str]]:
    """(position, number) of the numbered paragraphs of a minute ("15) Mr X proposed ...")."""
    if not body.xs:
        return []
    left = min(body.xs)
    out = []
    for s, x in zip(body.starts, body.xs, strict=True):
        if x <= left + 3:
            m = _PARA_NUMBER.match(body.text, s)
            if m:
                out.append((s, m["n"]))
    return out


def _parts(body: _Text, start: int, end: int) -> list[str]:
    """The numbered or lettered parts of a decision ((a), (i), 1.): one per marker at the outer level."""
    text = body.text
    marked = [lj for lj in range(body.line_at(start) + 1, len(body.starts))
              if start < body.starts[lj] < end and _PART_MARK.match(text, body.starts[lj])]
    if not marked:
        marked = [lj for lj in range(body.line_at(start) + 1, len(body.starts))
                  if start < body.starts[lj] < end and _BULLET_MARK.match(text, body.starts[lj])]
    if marked:
        left = min(body.xs[lj] for lj in marked)
        tops = [lj for lj in marked if body.xs[lj] <= left + 3]
        out = []
        for k, lj in enumerate(tops):
            s = body.starts[lj]
            e = body.starts[tops[k + 1]] if k + 1 < len(tops) else end
            m = _PART_MARK.match(text, s) or _BULLET_MARK.match(text, s)
            out.append(_part_text(text[m.end() if m else s:e]))
        return [p for p in out if p]
    inline = list(_INLINE_PART.finditer(text, start, end))
    if len(inline) >= 2 and inline[0]["m"] in ("a", "i", "1"):
        return [p for p in (_part_text(text[m.end():inline[k + 1].start() if k + 1 < len(inline) else end])
                             for k, m in enumerate(inline)) if p]
    return []


def _part_text(text: str) -> str:
    return _PART_TAIL.sub("", _clean(text))


def _prose_span(body: _Text, m: re.Match[str], proposals: list[_Proposal]) -> tuple[int, int]:
    """The sentence recording a decision worded in prose ("It was agreed that ...", "Agreed unanimously.").

    A short one ("All councillors agreed.") takes the sentence before it, or the motion it follows
    from the proposal on; one ending in ':' takes the indented list under it.
    """
    text = body.text
    pli, pstart, pend = _para_bounds(body, m.start())
    pstart = _skip_marker(text, pstart)
    start = _sentence_start(text, m.start(), pstart)
    end = _sentence_stop(text, m.end(), pend)
    if len(text[start:end].split()) <= SHORT_DECISION_WORDS and start > pstart:
        earlier = [p for p in proposals if pstart <= p.pos < start]
        anchor = earlier[-1].pos if earlier else start - 2
        start = _sentence_start(text, anchor, pstart)
    if text[start:end].rstrip().endswith(":"):
        end = _list_end(body, body.line_at(m.start()), body.xs[pli], len(text))
    return start, end


def _decisions(body: _Text, spans: list[tuple[int, int]], actions: list[ActionBlock] = ()) -> list[Decision]:
    """Every decision in a minute: the resolution blocks (kind 'resolved', one per `resolutions` entry), the
    vote blocks of action minutes, and decisions worded in prose, each with its parts, proposer and seconder
    and the printed votes."""
    text = body.text
    if not text:
        return []
    proposals = _proposals(text) if _PROPOSAL_CUE.search(text) else []
    found: list[tuple[int, int, str]] = [(a, b, "resolved") for a, b in spans]
    found += [(b.start, b.end, "action") for b in actions]
    for m in _PROSE_DECISION.finditer(text):
        if any(a <= m.start() < b for a, b, _ in found):
            continue
        a, b = _prose_span(body, m, proposals)
        if any(a < y and x < b for x, y, _ in found):
            continue
        found.append((a, b, m.lastgroup or "agreed"))
    if not found and not proposals:
        return []
    votes = _votes(text)
    decisions: list[tuple[int, int, Decision]] = []
    voted = {b.start: b.decision for b in actions}
    for a, b, kind in sorted(found):
        if kind == "action":
            voted[a].pdf_page = body.page_at(a)
            decisions.append((a, b, voted[a]))
            continue
        d = Decision(text=_clean(text[a:b]), kind=kind, parts=_parts(body, a, b), pdf_page=body.page_at(a),
                     unanimous=bool(_UNANIMOUS.search(text, a, b)))
        decisions.append((a, b, d))
        for p in proposals:
            if a <= p.pos < b and not p.used and d.proposer is None:
                d.proposer, d.seconder, p.used = p.proposer, p.seconder, True
        for v in votes:
            if a <= v.pos < b and not v.used and d.votes_for is None:
                d.votes_for, d.votes_against, d.votes_abstain = v.counts
                v.used = True
    _link(body, decisions, proposals, votes)
    decisions.sort(key=lambda x: x[0])
    return [d for _, _, d in decisions]


def _link(body: _Text, decisions: list[tuple[int, int, Decision]], proposals: list[_Proposal],
          votes: list[_Votes]) -> None:
    """Give each decision the motion and the vote printed before it; a seconded motion that no decision
    takes up (and that was not lost) is a decision of its own: "Cllr A, proposed by Cllr B, seconded by
    Cllr C."."""
    text = body.text
    by_para: dict[str, _Proposal] = {}
    paras = _para_numbers(body)
    for p in proposals:
        k = bisect_right([s for s, _ in paras], p.pos) - 1
        if k >= 0:
            by_para.setdefault(paras[k][1], p)
    ends = {id(d): b for _, b, d in decisions}
    events: list[tuple[int, int, object]] = [(a, 1, d) for a, _, d in decisions]
    events += [(p.pos, 0, p) for p in proposals if not p.used]
    events += [(v.pos, 0, v) for v in votes if not v.used]
    events += [(m.start(), 0, m["o"].lower()) for m in _OUTCOME.finditer(text)]
    events += [(m.start(), 0, int(m["n"])) for m in _PARA_REF.finditer(text)]
    events.sort(key=lambda e: (e[0], e[1]))
    pending: _Proposal | None = None
    pending_votes: _Votes | None = None
    last: tuple[int, Decision] | None = None  # the latest decision and where it ends
    implicit: list[tuple[int, int, Decision]] = []

    def flush(p: _Proposal | None) -> None:
        if p is not None and not p.used and not p.lost and p.seconder and p.records:
            p.used = True
            implicit.append(_motion_decision(body, p))

    for pos, _, ev in events:
        if isinstance(ev, _Proposal):
            if ev.used:
                continue
            if ev.backward and last is not None and last[1].proposer is None and pos - last[0] < BACKWARD_REACH:
                last[1].proposer, last[1].seconder, ev.used = ev.proposer, ev.seconder, True
                continue
            flush(pending)
            pending, pending_votes = ev, None
        elif isinstance(ev, _Votes):
            after = last[1] if last is not None and pending is None and pos - last[0] < BACKWARD_REACH else None
            if after is not None and after.votes_for is None and after.votes_against is None:
                after.votes_for, after.votes_against, after.votes_abstain = ev.counts  # "RESOLVED ... (For 5 ...)"
            else:
                pending_votes = ev
        elif isinstance(ev, str):
            if ev != "carried" and pending is not None:
                pending.lost = True
                pending, pending_votes = None, None
        elif isinstance(ev, int):
            target = by_para.get(str(ev))
            if target is not None and target is not pending:
                flush(pending)
                pending = target
        elif isinstance(ev, Decision):
            if ev.proposer is None and pending is not None:
                ev.proposer, ev.seconder = pending.proposer, pending.seconder
                pending.used = True
                pending = None
            if ev.votes_for is None and ev.votes_against is None and pending_votes is not None:
                ev.votes_for, ev.votes_against, ev.votes_abstain = pending_votes.counts
                pending_votes = None
            last = (ends[id(ev)], ev)
    flush(pending)
    decisions.extend(implicit)


def _motion_decision(body: _Text, p: _Proposal) -> tuple[int, int, Decision]:
    """A proposed and seconded motion recorded without a decision word: carried, kind 'agreed'."""
    text = body.text
    _, pstart, pend = _para_bounds(body, p.pos)
    start = _skip_marker(text, pstart)
    end = _sentence_stop(text, p.end, pend)
    decision = Decision(text=_clean(text[start:end]), kind="agreed", proposer=p.proposer, seconder=p.seconder,
                        pdf_page=body.page_at(start), unanimous=bool(_UNANIMOUS.search(text, start, end)))
    return start, end, decision


def _fill(body: _Text, lines: list[Line], prev: Line | None) -> None:
    """Add minute lines to `body`, marking where a printed paragraph starts (a gap or a list marker)."""
    for ln in lines:
        t = ln.text.strip()
        if not t or _SIGNATURE.match(t):
            continue
        new = prev is None or bool(_PARA_BREAK.match(t)) or (
            ln.pdf_page == prev.pdf_page and ln.top - prev.bottom > PARA_GAP * max(ln.size, 1.0))
        body.add(ln.text, ln.pdf_page, ln.x0, new_para=new)
        prev = ln


def _build_item(number: str, title: str, page: int | None, body: _Text) -> MinuteItem:
    actions = action_blocks(body.text, body.starts)
    spans = [sp for sp in _resolution_spans(body) if not any(b.start <= sp[0] < b.end for b in actions)]
    decisions = _decisions(body, spans, actions)
    spans = sorted([*spans, *((b.start, b.end) for b in actions)])
    voted = {b.start: b.decision.text for b in actions}
    for d in decisions:
        if title and _BARE_MOTION.match(d.text):
            d.text = f"{title}: {d.text}"  # "Approve the Annual Governance Statement: Proposed by A, ..."
    return MinuteItem(
        number=number, title=title, text=_clean(body.text),
        resolutions=[voted[a] if a in voted else _clean(body.text[a:b]) for a, b in spans], pdf_page=page,
        paragraphs=[p for p in (_clean(body.text[a:b]) for a, b in body.paragraphs()) if p],
        decisions=decisions,
    )


def _item(lines: list[Line], h: _Heading, stop: int) -> tuple[MinuteItem, _Text]:
    body = _Text()
    if h.rest:
        body.add(h.rest, h.page, h.rest_x, new_para=True)
    _fill(body, lines[h.last + 1: stop], lines[h.last])
    item = _build_item(h.number, h.title, h.page, body)
    item.agenda_item = h.agenda_item
    return item, body


def _sentence_end(text: str, start: int) -> int:
    """End of the sentence from `start`: a full stop that is not an initial ("J.") or "Mr."."""
    for m in _FULL_STOP.finditer(text, start):
        i = m.start()
        before = text[max(0, i - 24):i].split()
        word = before[-1] if before else ""
        if len(word) == 1 and word.isupper():
            continue
        if word.lower() in ("mr", "mrs", "ms", "dr", "cllr", "st", "no"):
            continue
        return i
    return len(text)


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


# ------------------------------------------------------------------------------------------------
# Declarations of interest, remote attendance, substitutions, close time


def _declarations(item: MinuteItem, body: _Text) -> list[Declaration]:
    """Declarations of interest: every sentence of a "Declarations of Interest" minute that names who
    declared ("Cllr Hayward re No 2608."), and "X declared an interest" anywhere else."""
    text = body.text
    is_decl_item = bool(_DECL_TITLE.search(item.title))
    if not is_decl_item and "declared" not in text:
        return []
    out: list[Declaration] = []
    for a, b in body.paragraphs():
        a = _skip_marker(text, a)
        pos = a
        while pos < b:
            end = min(b, _sentence_end(text, pos) + 1)
            sentence = _clean(text[pos:end])
            page = body.page_at(pos)
            pos = end
            if not sentence or _NO_DECLARATION.search(sentence):
                continue
            declared = _DECLARED.search(sentence)
            listed = None if declared or not is_decl_item else _DECL_RE.search(sentence)
            if declared:
                who, rest = declared["who"], declared["rest"]
                nature = _clean(declared["nature"]).lower() or None
            elif listed:
                who, rest, nature = listed["who"], sentence[listed.start("ref"):], None
            else:
                continue
            ref = _ITEM_NUMBER.search(rest)
            number = (ref["n"] or ref["n2"]).rstrip(".") if ref else (None if is_decl_item else item.number or None)
            names = [parse_person(f) for f in split_name_list(who)]
            members: list[str | None] = [n[0] for n in names if n] if names and all(names) else []
            if not members and listed:
                continue  # "... re No 5" without a name before it
            for member in members or [None]:
                out.append(Declaration(member=member, item=number, nature=nature, text=sentence, pdf_page=page))
    return out


def _remote_in(text: str) -> list[str]:
    """Names recorded as attending remotely: "Ms Grehan ... was attending the meeting virtually"."""
    if not _REMOTE_CUE.search(text):
        return []
    return [_clean(m["name"]) for m in _REMOTE.finditer(text)]


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


def _substitutions(att: Attendance) -> list[Substitution]:
    out = []
    for p in att.substitutes:
        m = _SUB_ROLE.match(p.role or "")
        out.append(Substitution(member=p.name, substitute_for=_clean(m[1]) if m else None, pdf_page=p.pdf_page))
    return out


# ------------------------------------------------------------------------------------------------
# Entry point


def parse_minutes(lines: list[Line]) -> Minutes:
    """Parse one set of minutes: lines in reading order, pages concatenated, furniture removed."""
    lines = [ln for ln in lines if ln.text.strip()]
    minutes = Minutes()
    if not lines:
        return minutes
    headings = _block_headings(lines) or _find_headings(lines)
    first = headings[0].index if headings else len(lines)
    header = lines[:first]

    label_at = next((i for i, ln in enumerate(header) if _is_label_line(ln)), None)
    intro = header if label_at is None else header[:label_at]
    body_size = median(ln.size for ln in lines)
    _meeting_details(intro, minutes, body_size)

    preamble: list[tuple[MinuteItem, _Text]] = []
    if label_at is not None:
        block = header[label_at:]
        end = len(block)
        for i, ln in enumerate(block):
            t = ln.text.strip()
            if i and ln.words and all(w.bold for w in ln.words) and not _is_label_line(ln) \
                    and not _person_like(t):
                end = i
                break
        units = _column_units(block[:end]) or [(ln.text, ln.pdf_page, ln.x0) for ln in block[:end]]
        minutes.attendance = _attendance(units, minutes.body)
        preamble = _preamble_items(block[end:])

    parsed = list(preamble)
    for n, h in enumerate(headings):
        stop = headings[n + 1].index if n + 1 < len(headings) else len(lines)
        parsed.append(_item(lines, h, stop))
    minutes.items = [item for item, _ in parsed]
    if not minutes.attendance.present:
        _attendance_from_roll_call(lines, minutes.attendance)
    _attendance_from_items(parsed, minutes.attendance)
    minutes.declarations = [d for item, body in parsed for d in _declarations(item, body)]
    minutes.close_time = _close_time(minutes.items, minutes.start_time)
    return minutes


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


def _preamble_items(lines: list[Line]) -> list[tuple[MinuteItem, _Text]]:
    """Sections under an unnumbered bold heading between the attendance and the first minute."""
    sections: list[tuple[str, int, list[Line]]] = []
    current: tuple[str, int, list[Line]] | None = None
    for ln in lines:
        t = ln.text.strip()
        if ln.words and all(w.bold for w in ln.words) and not _person_like(t):
            if current:
                sections.append(current)
            current = None if (t.isupper() or _PART_HEADING.match(t)) else (t, ln.pdf_page, [ln])
            continue
        if current:
            current[2].append(ln)
    if current:
        sections.append(current)
    out = []
    for title, page, group in sections:
        body = _Text()
        _fill(body, group[1:], group[0])
        item = _build_item("", _TRAILING_SEP.sub("", _clean(title)), page, body)
        if item.text:
            out.append((item, body))
    return out


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
