"""Splitting printed lists of people into names and roles.

Attendance is printed as running prose: "Councillors M Walton (Vice-chair), R Adcock-Forster and
S Townsend", "Mr R C Love, OBE, Mr D Murphy", "Cllrs Hayward, Hoskins, Cobb & Evans & the Clerk",
"Mr & Mrs Godfrey". These helpers split such lists at commas, "and" and "&" outside parentheses, keep
post-nominals and shared honorifics with their name, and hand a plural honorific ("Councillors",
"Cllrs") on to the names that follow it. They know nothing about any council.
"""

from __future__ import annotations

import re

from packparse.lexicon import (
    GROUP_WORDS,
    HONORIFICS,
    PLURAL_HONORIFICS,
    POSTNOMINALS,
    is_honorific,
)

_LEADING_ROLE = re.compile(
    r"^(?P<role>(?:Deputy\s+|Vice[-\s]?)?(?:Chairman|Chairwoman|Chairperson|Chair|Mayor|Leader))\s+"
    r"(?=(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\b|[A-Z][a-z])"
)
_IN_THE_CHAIR = re.compile(r"[\s,]*\(?\b(?:in|took)\s+the\s+chair\b\)?", re.I)
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_DASH_ROLE = re.compile(r"\s+[-–—]\s+")
_SEP = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
_AFTER_PAREN = re.compile(r"\s+(?=[A-Z])")
_CHAIR_ROLE = re.compile(
    r"^(?:the\s+)?(?:chair|chairman|chairwoman|chairperson|in the chair|presiding)$", re.I
)
_TOKEN_OK = re.compile(
    r"^(?:[A-Z][\w'’.-]*|Mc[\w'’-]+|Mac[\w'’-]+|O['’][A-Z][\w'’-]*|de|da|van|von|der|le|la|du|&)$"
)
_WS = re.compile(r"\s+")
# A post printed in capitals after a name: "Nick Oakhill (NO) CHAIR", "Cathy Fleet CLERK".
_CAPITAL_ROLE = re.compile(
    r"(?<=[\w)])\s+(?P<role>(?:VICE[- ])?CHAIR(?:MAN|WOMAN|PERSON)?|CLERK|RFO|TREASURER|SECRETARY|(?:DEPUTY\s+)?MAYOR"
    r"|PROPER\s+OFFICER)(?=\s|,|;|$)")
# An organisation's initials after a name: "Alan Armstrong, EDC" (Eden District Council), "Mr A Eley, MHA".
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")


def _split_top(text: str) -> list[str]:
    """Split at commas, ';', 'and', '&' and after a closing ')' - never inside parentheses."""
    return [frag for frag, _ in _split_with_separators(text)]


def _split_with_separators(text: str) -> list[tuple[str, str]]:
    """`_split_top` with the separator printed before each fragment ("" for the first, ",", "and", ")")."""
    parts: list[tuple[str, str]] = []
    sep = ""
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
            if depth == 0:
                m = _AFTER_PAREN.match(text, i + 1)
                if m:
                    parts.append((text[start:i + 1], sep))
                    sep = ")"
                    start = i = m.end()
                    continue
        elif depth == 0 and (ch in ",;&" or ch.isspace()):
            m = _SEP.match(text, i)
            if m:
                parts.append((text[start:i], sep))
                sep = "and" if re.search(r"&|\band\b", m.group(0)) else ","
                start = i = m.end()
                continue
        i += 1
    parts.append((text[start:], sep))
    return [(p.strip(" .:;"), sep) for p, sep in parts if p.strip(" .:;")]


def _words(text: str) -> list[str]:
    return text.replace(".", " ").split()


def split_name_list(text: str) -> list[str]:
    """Split a printed list of people into one string per person, roles in parentheses kept.

    "Councillors A Bell, J Charlton and C Hunt" -> ["Councillor A Bell", "Councillor J Charlton",
    "Councillor C Hunt"]; "Mr R C Love, OBE, Mr D Murphy" -> ["Mr R C Love, OBE", "Mr D Murphy"];
    "Mr & Mrs Godfrey" stays one entry. Group labels ("Co-opted Members") end a plural honorific.
    """
    text = _CAPITAL_ROLE.sub(lambda m: f" ({m['role'].title()})", _WS.sub(" ", text).strip())
    out: list[str] = []
    plural: str | None = None
    pending_honorific: str | None = None
    last_sep = ""
    for frag, sep in _split_with_separators(text):
        if plural and sep == "," and last_sep == "and":
            plural = None  # "Councillors A, B and C, D Smith": the list of councillors ended with "and C"
        last_sep = sep
        words = frag.split()
        if not words:
            continue
        low = words[0].lower().rstrip(".:")
        if len(words) == 1 and low in POSTNOMINALS and out and words[0].isupper():
            out[-1] = f"{out[-1]}, {words[0]}"
            continue
        if len(words) == 1 and _ACRONYM.match(words[0]) and out and not _has_role(out[-1]):
            out[-1] = f"{out[-1]} ({words[0]})"  # the organisation the person before it comes from
            continue
        if all(is_honorific(w) for w in words):  # "Mr" of "Mr & Mrs Godfrey"
            pending_honorific = frag if pending_honorific is None else f"{pending_honorific} & {frag}"
            continue
        if low in PLURAL_HONORIFICS:
            plural = PLURAL_HONORIFICS[low]
            frag = " ".join([plural, *words[1:]]) if len(words) > 1 else ""
            if not frag:
                continue
        elif plural and _has_honorific(words) and not any(w.lower().rstrip(".") in ("councillor", "cllr")
                                                           for w in words[:3]):
            plural = None  # "Councillors A, B, Mr C, D": a name with its own honorific ends the list of councillors
        elif plural and not _has_honorific(words) and not _LEADING_ROLE.match(frag):
            if _is_group_label(frag):
                plural = None
            else:
                frag = f"{plural} {frag}"
        elif _is_group_label(frag):
            plural = None
        if pending_honorific:
            frag = f"{pending_honorific} & {frag}"
            pending_honorific = None
        out.append(frag)
    return out


def _has_role(entry: str) -> bool:
    return "(" in entry


def _has_honorific(words: list[str]) -> bool:
    return any(is_honorific(w) for w in words[:3])


def _is_group_label(frag: str) -> bool:
    words = [w.lower().strip(".:") for w in _PARENS.sub(" ", frag).split()]
    return bool(words) and all(w in GROUP_WORDS for w in words)


def parse_person(fragment: str, dash_role: bool = False) -> tuple[str, str | None] | None:
    """(name, role) from one list entry such as "Mr R W Gough (Chairman)" or "Chairman Cllr X".

    With `dash_role`, "Laura Counce - Service Manager" is read as a name and a role. Returns None
    when the entry names nobody ("the Clerk", "Co-opted Members", "None").
    """
    text = _WS.sub(" ", fragment).strip(" .,;:")
    role: str | None = None
    if dash_role:
        parts = _DASH_ROLE.split(text, maxsplit=1)
        if len(parts) == 2:
            text, role = parts[0].strip(), parts[1].strip(" .")
    m = _IN_THE_CHAIR.search(text)
    if m:
        text = (text[:m.start()] + text[m.end():]).strip(" ,")
        role = "Chair"
    roles = [r.strip() for r in _PARENS.findall(text)]
    if roles:
        text = _PARENS.sub("", text).strip(" ,")
        roles = [r for r in roles if not _initials_of(r, text)]  # "Nick Oakhill (NO)": initials, not a role
        role = "; ".join(r for r in [role, *roles] if r) or None
    m = _LEADING_ROLE.match(text)
    if m:
        role = m["role"] if role is None else f"{m['role']}; {role}"
        text = text[m.end():]
    text = text.strip(" ,.;:-–")
    if not looks_like_name(text):
        return None
    if role and _CHAIR_ROLE.match(role):
        role = "Chair"
    return text, role


def _initials_of(token: str, name: str) -> bool:
    letters = [w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper() and not is_honorific(w)]
    return bool(re.fullmatch(r"[A-Z]{2,4}", token)) and token == "".join(letters)


def organisation_role(role: str | None) -> bool:
    """A role that is an organisation's initials ("EDC", "MHA"): someone attending for another body."""
    return bool(role and _ACRONYM.match(role))


def looks_like_name(text: str) -> bool:
    """A person's name as printed: capitalised words, at most a few, no digits, not a group label."""
    if not text or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    words = text.split()
    core = [w for w in words if not is_honorific(w) and w.lower().rstrip(",") not in POSTNOMINALS]
    if not core or len(core) > 6:
        return False
    if _is_group_label(" ".join(core)):
        return False
    return all(_TOKEN_OK.match(w.rstrip(",")) for w in core)


def name_key(name: str) -> str:
    """What identifies a person across lists: no honorifics, post-nominals, dots or case."""
    words = [w.lower().strip(",'\"") for w in _words(_PARENS.sub(" ", name).split(",")[0])]
    while words and (words[0] in HONORIFICS or words[0] in PLURAL_HONORIFICS or words[0] == "&"
                     or (words[0] in {"county", "district", "borough", "town"} and len(words) > 1)):
        words.pop(0)
    while words and words[-1] in POSTNOMINALS:
        words.pop()
    return " ".join(words)


def surname(name: str) -> str:
    """The last word of the name, lower case: enough to match "Mr Cooke" with "Mr G Cooke"."""
    key = name_key(name)
    return key.split()[-1] if key else ""
