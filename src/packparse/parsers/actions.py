"""Action minutes: the labelled vote blocks US clerks' systems print under each motion.

    3.1 Approval of the Minutes of February 18, 2025
        RESULT:     APPROVED [3-0]
        MOVER:      Ben Ortiz, Vice Mayor          (also MOTION BY / MOVED BY)
        SECONDER:   Dan Wu, Councilmember          (also SECOND / SECONDED BY)
        AYES:       Rivera, Ortiz, Wu
        NAYS:       None
        ABSENT:     Lee

Each block is one decision (a `resolutions` entry of the minute): its outcome, mover, seconder, the names
voting each way and the tally printed in brackets. A block opens at "RESULT:" (or "MOTION:" where no result is
printed) and takes the labelled lines that follow it; the line just above it names what was decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from packparse.models import Decision

_FIELD = re.compile(
    r"(?:(?<=\s)|^)(?P<label>RESULT|MOVER|MOTION\s+BY|MOVED\s+BY|MOVED|SECONDER|SECONDED\s+BY|SECOND|AYES|AYE|YEAS"
    r"|NAYS|NAY|NOES|ABSTAIN(?:ED|ING)?|ABSTENTIONS?|ABSENT|RECUSED|EXCUSED|MOTION)\s*:\s*")
_KIND = {
    "RESULT": "result", "MOVER": "mover", "MOTION BY": "mover", "MOVED BY": "mover", "MOVED": "mover",
    "SECONDER": "seconder", "SECONDED BY": "seconder", "SECOND": "seconder", "AYES": "ayes", "AYE": "ayes",
    "YEAS": "ayes", "NAYS": "nays", "NAY": "nays", "NOES": "nays", "ABSTAIN": "abstained", "ABSTAINED": "abstained",
    "ABSTAINING": "abstained", "ABSTENTION": "abstained", "ABSTENTIONS": "abstained", "ABSENT": "absent",
    "RECUSED": "absent", "EXCUSED": "absent", "MOTION": "motion",
}
_TALLY = re.compile(r"\[\s*(?P<for>\d{1,2})\s*[-–:to]+\s*(?P<against>\d{1,2})(?:\s*[-–:]\s*(?P<other>\d{1,2}))?\s*\]")
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b", re.I)
_NONE = re.compile(r"^(?:none|n/?a|-+|—)\.?$", re.I)


@dataclass(slots=True)
class ActionBlock:
    """One vote block: where it is in the minute's text, and the decision it records."""

    start: int
    end: int
    decision: Decision
    fields: dict[str, str] = field(default_factory=dict)


def action_blocks(text: str, line_starts: list[int]) -> list[ActionBlock]:
    """The vote blocks in a minute's text (lines joined by spaces; `line_starts` where each line begins)."""
    if "RESULT" not in text and "MOTION" not in text:
        return []
    fields = list(_FIELD.finditer(text))
    blocks: list[ActionBlock] = []
    k = 0
    while k < len(fields):
        m = fields[k]
        kind = _KIND[" ".join(m["label"].split())]
        if kind not in ("result", "motion") or (kind == "motion" and _result_follows(fields, k)):
            k += 1
            continue
        values: dict[str, str] = {}
        j = k
        end = m.end()
        while j < len(fields) and (j == k or _KIND[" ".join(fields[j]["label"].split())] not in ("result", "motion")):
            f = fields[j]
            stop = fields[j + 1].start() if j + 1 < len(fields) else _line_end(text, line_starts, f.end())
            stop = min(stop, _line_end(text, line_starts, f.end()))
            values.setdefault(_KIND[" ".join(f["label"].split())], text[f.end():stop].strip(" ;,"))
            end = stop
            j += 1
        subject = _subject(text, line_starts, m.start())
        blocks.append(ActionBlock(start=m.start(), end=end, decision=_decision(subject, values), fields=values))
        k = j
    return blocks


_STATUS = re.compile(r"^(?:present|absent|late|excused|remote|arrived\s+late|absent\s+\(?excused\)?|teleconference"
                     r"|virtual|in\s+person)$", re.I)


def roll_call(rows: list[list[str]]) -> list[tuple[str, str | None, str]]:
    """(name, title, status) for each row of a roll-call table ("Ana Rivera | Mayor | Present | 6:15 PM"):
    rows of cells where one cell is a status word and the first cell is the name."""
    out = []
    for cells in rows:
        cells = [c.strip() for c in cells if c.strip()]
        status_at = next((i for i, c in enumerate(cells) if _STATUS.match(c)), None)
        if status_at is None or status_at == 0:
            continue
        title = cells[1] if status_at >= 2 else None
        out.append((cells[0], title, cells[status_at].lower()))
    return out if len(out) >= 2 else []


def _result_follows(fields: list[re.Match[str]], k: int) -> bool:
    return any(_KIND[" ".join(f["label"].split())] == "result" for f in fields[k + 1:k + 4])


def _line_end(text: str, line_starts: list[int], pos: int) -> int:
    return next((s for s in line_starts if s > pos), len(text))


def _subject(text: str, line_starts: list[int], pos: int) -> str:
    """The line just above the block: the motion or sub-item it records."""
    before = [s for s in line_starts if s <= pos]
    if len(before) < 2:
        return ""
    line = text[before[-2]:before[-1]].strip()
    return "" if _FIELD.search(line) else line


def _names(value: str | None) -> list[str]:
    if not value or _NONE.match(value.strip()):
        return []
    return [n.strip(" .") for n in re.split(r"\s*(?:,|;|\band\b|&)\s*", value) if n.strip(" .")]


def _person(value: str | None) -> str | None:
    """"Ben Ortiz, Vice Mayor" -> "Ben Ortiz"."""
    if not value or _NONE.match(value.strip()):
        return None
    return value.split(",")[0].strip() or None


def _decision(subject: str, values: dict[str, str]) -> Decision:
    outcome = values.get("result") or values.get("motion") or ""
    ayes, nays = _names(values.get("ayes")), _names(values.get("nays"))
    abstained, absent = _names(values.get("abstained")), _names(values.get("absent"))
    tally = _TALLY.search(outcome)
    votes_for = int(tally["for"]) if tally else (len(ayes) if ayes else None)
    votes_against = int(tally["against"]) if tally else (len(nays) if ayes else None)
    text = f"{subject}: {outcome}" if subject and outcome else subject or outcome
    return Decision(
        text=" ".join(text.split()), kind="resolved", outcome=_TALLY.sub("", outcome).strip(" :") or None,
        proposer=_person(values.get("mover")), seconder=_person(values.get("seconder")),
        votes_for=votes_for, votes_against=votes_against,
        votes_abstain=len(abstained) if abstained else (0 if ayes else None),
        unanimous=bool(_UNANIMOUS.search(outcome)) or (votes_against == 0 and bool(votes_for)),
        ayes=ayes, nays=nays, abstained=abstained, absent=absent,
    )
