"""The numbering grammar: how councils number agenda items, minutes and paragraphs.

One grammar for every parser, so that "2.13 follows 2.12", "2780 follows 2779", "(b) follows (a)" and
"5.1 may follow 4.4" are decided in one place:

* decimal numbers with up to four levels: "3", "10.3", "2.13", "16.07.4", "18.09.10", running minute
  numbers "2779" (up to five digits), a letter suffix "9a";
* letters: "A", "A.", "G-4", "D1", "CC1", "1.A";
* bracketed and closing-bracket markers, counted under the item before them: "(a)", "a)", "(iv)", "(2)";
* prefixed forms: "Item 4", "Agenda Item 4.1", "Minute 12", "Min. 12", "No. 3", and the cross-reference
  "(Item 4)" that minutes print under a heading;
* a slashed minute reference "12/34";
* a flag printed before the number ("* (d)": an item needing a roll-call vote) is read past.

A number is read from the start of a line's text with the separator after it ("." ")" ":" or a spaced
dash) and the gap before the text; `follows` says whether and at what cost one number can come after
another, which is what the parsers' "best run" searches use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
          "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15}

_PREFIX = r"(?P<prefix>(?:Agenda\s+)?Item\b|Minute\b|Min\b\.?|No\b\.?)\s*(?:No\b\.?\s*)?"
_CORE = (
    r"(?P<num>\d{1,5}(?:\.\d{1,3}){0,3}[a-z]?(?![\d/])"  # 3, 10.3, 2.13, 18.09.10, 2779, 9a
    r"|\d{1,4}/\d{1,4}(?!/)"  # 12/34
    r"|\d{1,3}\.[A-Z](?!\w)"  # 1.A
    r"|[A-Z]{1,2}-?\d{1,3}(?:\.\d{1,2})?(?![\d/])"  # G-4, D1, CC1, A-1.2
    r"|\(?[a-z]\)|\((?:[ivx]{2,4}|\d{1,2})\)"  # (a) a) (iv) (2)
    r"|(?-i:[IVX]{2,5})(?![\w'’])"  # II, IV, XII: capital roman numerals
    r"|[A-Z](?![\w'’])"  # A (and I, V, X: a letter or a roman numeral, the sequence decides)
    r")"
)
_NUMBER_AT_START = re.compile(
    rf"^(?:[*†‡]\s*)?(?:{_PREFIX})?{_CORE}(?P<sep>[.):]?|,(?=\s))(?P<gap>\s*[-–—]\s+|\s+)(?P<rest>\S.*)$", re.I)
_PREFIXED = re.compile(rf"^{_PREFIX}{_CORE}\s*[.:]?$", re.I)
ITEM_REFERENCE = re.compile(
    r"^\(\s*(?:Agenda\s+)?(?:Item|Minute)s?\s+(?:No\.?\s*)?(?P<num>\d{1,4}(?:\.\d{1,3}){0,2}[a-z]?"
    r"|[A-Z]{1,2}-?\d{1,3})\s*\)\.?$", re.I)


@dataclass(frozen=True, slots=True)
class Part:
    """One component of a number: kind 'n' a number, 'U'/'l' a capital/small letter, 's' letters,
    'pn'/'pl'/'pr' a bracketed number/letter/roman numeral."""

    kind: str
    value: int
    letter: int = 0  # for a roman numeral that is also a letter ("I", "V", "X"): its place in the alphabet


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A number printed at the start of a line, and how it was printed."""

    text: str  # as printed, without prefix and trailing separator: "2.13", "(a)", "G-4", "2779"
    parts: tuple[Part, ...]
    relative: bool  # "(a)": counted under the number before it
    sep: str  # ".", ")", ":", "-" (a spaced dash) or ""
    gap: str  # the white space (and dash) between the number and the text
    prefix: str | None  # "Item", "Minute", "Min.", "No." when printed
    rest: str  # the text after the number
    rest_offset: int  # where `rest` starts in the line's text

    @property
    def depth(self) -> int:
        return len(self.parts)

    @property
    def key(self) -> tuple[int, ...]:
        return tuple(p.value for p in self.parts)

    @property
    def decimal(self) -> bool:
        return all(p.kind == "n" for p in self.parts)

    @property
    def wide_gap(self) -> bool:
        """Set off by a tab stop (two or more spaces) rather than one space."""
        return len(self.gap) >= 2 or "-" in self.gap or "–" in self.gap or "—" in self.gap


def parts_of(number: str) -> tuple[tuple[Part, ...], bool]:
    """The components of `number` and whether it is relative ("(a)" counts under the item before it)."""
    if m := re.fullmatch(r"\(?([a-z]|[ivx]{2,4}|\d{1,2})\)|([a-z])", number):  # "(a)", "a)", "a."
        inner = m.group(1) or m.group(2)
        if inner.isdigit():
            return (Part("pn", int(inner)),), True
        if len(inner) == 1:
            return (Part("pl", ord(inner) - 96),), True
        return (Part("pr", _ROMAN.get(inner, 0)),), True
    out = []
    for piece in re.findall(r"\d+|[A-Za-z]+", number):
        if piece.isdigit():
            out.append(Part("n", int(piece)))
        elif piece in ("I", "V", "X"):
            out.append(Part("R", _ROMAN[piece.lower()], letter=ord(piece) - 64))
        elif len(piece) == 1:
            out.append(Part("U" if piece.isupper() else "l", ord(piece.lower()) - 96))
        elif piece.isupper() and piece.lower() in _ROMAN:
            out.append(Part("R", _ROMAN[piece.lower()]))
        else:
            out.append(Part("s", 0))
    return tuple(out), False


def read_number(text: str) -> NumberToken | None:
    """The number at the start of `text` (leading white space ignored), or None.

    Only the grammar is checked here; whether the number is an item, a date or an amount is for the
    caller, which knows the layout (see `plausible_item`)."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    m = _NUMBER_AT_START.match(stripped)
    if not m:
        return None
    number = m["num"]
    prefix = m["prefix"]
    if prefix is None and len(number) == 1 and number.isalpha() and number.islower() and not m["sep"]:
        return None  # a lone lower-case letter without a stop or brackets is a word ("a new ...")
    parts, relative = parts_of(number)
    gap = m["gap"]
    sep = m["sep"] or ("-" if gap.strip() else "")
    return NumberToken(text=number, parts=parts, relative=relative, sep=sep, gap=gap, prefix=prefix,
                       rest=m["rest"], rest_offset=offset + m.start("rest"))


def read_reference(text: str) -> str | None:
    """The item number of a cross-reference line such as "(Item 4)" or "(Agenda Item 5.1)"."""
    m = ITEM_REFERENCE.match(" ".join(text.split()))
    return m["num"] if m else None


def prefixed_number(text: str) -> str | None:
    """The number of a line that is only a prefixed number ("Item 4", "Minute 12.")."""
    m = _PREFIXED.match(" ".join(text.split()))
    return m["num"] if m else None


def follows(prev: tuple[Part, ...], parts: tuple[Part, ...], relative: bool, max_step: int = 3
            ) -> tuple[tuple[Part, ...], float] | None:
    """Where a number with `parts` sits when it comes after the number at `prev`, with the cost of the step
    (skipped numbers, unprinted parents, a repeated number); None when it cannot follow it.

    "4.4" -> "4.5" / "5" / "4.4.1" / "(a)"; "2.9" -> "2.10"; "2779" -> "2780"; "5.1" straight after "4.4"
    (heading 5 not printed) at a small cost; "A" then "1.A" (a new numbering style) at a small cost."""
    if relative:
        return _under(prev, parts[0], max_step)
    if len(parts) == 1 and prev and any(_kind(p) != _kind(parts[0]) for p in prev):
        # "I", then "1", "2", then "II": a number of another kind than the item before it counts under it (or
        # under the level of its own kind further up), unless it is of a higher kind ("I" under "5": no).
        found = _under(prev, parts[0], max_step)
        if found is not None and (len(found[0]) <= len(prev) or _rank(parts[0]) > _rank(prev[-1])):
            return found
        if _kind(prev[0]) != _kind(parts[0]):
            return (parts, 0.3) if parts[0].value == 1 else None  # a new numbering style from here
    if parts == prev:
        return prev, 0.1  # the same number printed twice
    for d, part in enumerate(parts):
        if d < len(prev):
            before = prev[d]
            part, before = _same_kind(part, before)
            if part == before:
                continue
            if part.kind != before.kind:
                if d == 0 and all(p.value == 1 for p in parts):
                    return parts, 0.3  # a new numbering style: "A" (special order) then "1.A"
                return None
            step = part.value - before.value
            if not 1 <= step <= max_step:
                return None
            cost = 0.5 * (step - 1)
        else:
            if part.value != 1:
                return None  # a first child is numbered 1, a or A
            cost = 0.0
        rest = parts[d + 1:]
        if any(p.value != 1 for p in rest):
            return None
        return parts, cost + 0.2 * len(rest)
    return None  # a parent printed again after its children


# Numbering kinds from sections down to sub-items: "I"/"A" above "1" above "a"/"(a)" above "(i)".
_RANKS = {"R": 0, "U": 0, "n": 1, "s": 1, "l": 2, "pl": 2, "pn": 2, "pr": 3}


def _kind(part: Part) -> str:
    return "U" if part.kind == "R" and part.letter else part.kind


def _rank(part: Part) -> int:
    return _RANKS.get(part.kind, 1)


def _under(prev: tuple[Part, ...], part: Part, max_step: int) -> tuple[tuple[Part, ...], float] | None:
    """A number counted under the item before it: the next at the deepest level of its kind, else a first
    child ("(a)" under "5")."""
    for depth in range(len(prev), 0, -1):
        before = prev[depth - 1]
        if part.kind == "n" and any(p.kind == "n" for p in prev[:depth - 1]):
            continue  # under "10.1" a bare "2" is not 10.2: dotted numbers print their parents
        if before.kind == part.kind or (part.letter and before.kind == "U") or (before.letter and part.kind == "U"):
            value = part.letter if part.kind == "R" and before.kind == "U" else part.value
            base = before.letter if before.kind == "R" and part.kind == "U" else before.value
            step = value - base
            return ((*prev[:depth - 1], part), 0.5 * (step - 1)) if 1 <= step <= max_step else None
    return ((*prev, part), 0.0) if part.value == 1 else None


def _same_kind(part: Part, before: Part) -> tuple[Part, Part]:
    """Read "I", "V" or "X" as the letter it also is when the number it follows is a letter ("H" -> "I")."""
    if part.kind == "R" and part.letter and before.kind == "U":
        return Part("U", part.letter), before
    if before.kind == "R" and before.letter and part.kind == "U":
        return part, Part("U", before.letter)
    return part, before
