"""`agenda_items` and `agenda_sequence`: the numbered lines of the agenda text and their numbering runs
against the parsed items, and the order of the item numbers."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from packparse.evaluation.selfchecks.base import CheckResult, _Context
from packparse.evaluation.selfchecks.text import _AGENDA_LINE, _AGENDA_NOT, _MON, _ROMAN, _clean, _mask

Comp = tuple[str, int]  # ("n", 3) a number, ("A", 4) an upper-case letter D, ("a", 1) lower-case a


def parse_number(number: str) -> tuple[Comp, ...] | None:
    """A printed item number as components; None for what the grammar does not read."""
    s = number.strip().strip(".").strip()
    s = re.sub(r"^(?:item|minute|min|no\.?)\s*", "", s, flags=re.IGNORECASE)
    s = s.strip("()")
    if not s:
        return None
    parts = re.findall(r"\d+|[A-Za-z]+", s)
    if not parts or "".join(parts) != re.sub(r"[.\-/()\s]", "", s):
        return None
    comps: list[Comp] = []
    for p in parts:
        if p.isdigit():
            comps.append(("n", int(p)))
        elif len(p) == 1:
            comps.append(("A" if p.isupper() else "a", ord(p.lower()) - 96))
        else:
            return None
    return tuple(comps)


def _fmt_comps(c: Sequence[Comp]) -> str:
    out = []
    for kind, v in c:
        out.append(str(v) if kind == "n" else chr(96 + v).upper() if kind == "A" else chr(96 + v))
    return ".".join(out)


# A numbered line: number, then '.', ')' or a space, then what looks like a title.
_NUMBERED = re.compile(
    r"^(?:item\s+)?(?P<num>\d{1,4}(?:\.\d{1,3}){0,3}|[A-Z]\d{1,2}|\d{1,2}\.[A-Z]|[A-Z])(?P<punct>[.):]?)"
    r"\s+(?P<rest>[\"'‘“(]?[A-Z0-9].*)$")  # a title starts with a capital or a figure, never mid-sentence
_ROMAN_LINE = re.compile(r"^(?P<num>[IVX]{1,5})[.)]\s+(?P<rest>[A-Z].*)$")
_MONTH_START = re.compile(rf"^(?:{_MON}\b|(?:st|nd|rd|th)\b)", re.IGNORECASE)
_CLOCK_START = re.compile(r"^(?:a\.?m|p\.?m)\b", re.IGNORECASE)
_UNIT_START = re.compile(r"^(?:hours?|mins?|minutes|days?|weeks?|years?|per\s?cent|percent|pages?|members|"
                         r"councillors|people)\b", re.IGNORECASE)


@dataclass
class NumberedLine:
    number: str
    comps: tuple[Comp, ...]
    line: str
    section: int = 0


def numbered_lines(text: str) -> list[NumberedLine]:
    """Candidate numbered lines of an agenda text, in order, tagged with the section they fall
    under when the text has sections: roman numerals ("I. CALL TO ORDER", "II. OPEN SESSION") or
    two agenda headings each followed by its own list from 1."""
    lines = [ln for ln in (_clean(x) for x in text.splitlines()) if ln]
    romans = [(i, _ROMAN.get(m.group("num").lower(), 0)) for i, ln in enumerate(lines)
              if (m := _ROMAN_LINE.match(ln))]
    section_starts = _roman_sections(romans)
    heads = _agenda_heads(lines)
    if len(heads) >= 2 and not section_starts:
        section_starts = {i: k + 1 for k, i in enumerate(heads)}
    out: list[NumberedLine] = []
    section = 0
    for i, ln in enumerate(lines):
        if i in section_starts:
            section = section_starts[i]
            continue
        m = _NUMBERED.match(ln)
        if not m:
            continue
        comps = _item_number(m, many_romans=bool(romans) and len(romans) >= 2)
        if comps is not None:
            out.append(NumberedLine(m.group("num"), comps, ln, section))
    return out


def _roman_sections(romans: list[tuple[int, int]]) -> dict[int, int]:
    """Roman sections count only as a run I, II, III ... (a lone "I." is a letter item or a pronoun)."""
    section_starts: dict[int, int] = {}
    expect = 1
    for i, v in romans:
        if v == expect:
            section_starts[i] = v
            expect += 1
    return section_starts if len(section_starts) >= 2 else {}


def _agenda_heads(lines: list[str]) -> list[int]:
    """Two agendas in one ("Annual Parish Meeting Agenda" 1-4, then "A.G.M. Agenda" 1-16): each heading
    that is printed once and is followed by a list starting at 1 opens a section."""
    masked = Counter(_mask(ln) for ln in lines)
    heads = []
    for i, ln in enumerate(lines):
        if masked[_mask(ln)] == 1 and len(ln.split()) <= 6 and not re.search(r"\d", ln) \
                and _AGENDA_LINE.match(ln) and not _AGENDA_NOT.search(ln):
            nxt = next((m for ln2 in lines[i + 1: i + 3] if (m := _NUMBERED.match(ln2))), None)
            if nxt and parse_number(nxt.group("num")) in ((("n", 1),), (("A", 1),)):
                heads.append(i)
    return heads


def _item_number(m: re.Match[str], many_romans: bool) -> tuple[Comp, ...] | None:
    """The components of a numbered line's number, or None when the line is no item: a date, a time, a
    quantity, a name's initial, a roman section number."""
    num, punct, rest = m.group("num"), m.group("punct"), m.group("rest")
    if rest[:1].isdigit():
        # "5. 24/00108 - Revenue ...", "4.3 600 Ellis Street ...", "2 16-0046 Introduce ..."
        if not ((punct or "." in num) and re.search(r"[A-Za-z]{3}", rest[:25])) \
                and not re.match(r"\d{2}-\d{3,4}\s+[A-Za-z]", rest):
            return None
    elif not punct and (_CLOCK_START.match(rest) or ("." not in num and (
            _UNIT_START.match(rest) or _MONTH_START.match(rest)))):
        return None  # "10 January 2019", "7.30 pm", "3 minutes each" (not "8.3 May Revise", "15.11.2 Minutes")
    if num.isalpha() and not punct:
        return None  # "A Smith", "I think": a letter needs its '.' or ')'
    if num.isalpha() and num in "IVX" and many_romans:
        return None
    comps = parse_number(num)
    if comps is None or (comps[0][0] == "n" and comps[0][1] == 0):
        return None
    return comps


def numbering_runs(lines: Sequence[NumberedLine]) -> list[list[NumberedLine]]:
    """Runs of numbers that count: same prefix, last component +1 (a printed skip of one or two is
    tolerated). A lone number is no run: "12 High Street" is not an item, nor are years starting
    wrapped lines. A sub-number run ("5.1", "5.2") counts under a parent that is in a run, as does a
    lone "10.1"; without one it needs three in a row ("2.01" ... "2.07"), so that minute references
    quoted in an agenda ("07.17.02", "07.17.04") are not taken for items."""
    open_runs: list[list[NumberedLine]] = []
    for nl in lines:
        prefix, last = nl.comps[:-1], nl.comps[-1]
        best = None
        for step in (1, 2, 3):
            for run in reversed(open_runs):
                tail = run[-1]
                if (tail.section == nl.section and tail.comps[:-1] == prefix
                        and tail.comps[-1][0] == last[0] and last[1] - tail.comps[-1][1] == step):
                    best = run
                    break
            if best is not None:
                break
        if best is not None:
            best.append(nl)
        else:
            open_runs.append([nl])
    def counts(r: list[NumberedLine]) -> bool:
        if len(r) < 2:
            return False
        if r[0].comps[-1][0] != "n" and len(r) < 3:
            return False  # "A. Smith", "B. Jones": letters need three in a row
        # "2012 Issue ...", "2013 winter season": years at the start of wrapped lines
        return not (len(r) < 3 and all(len(c.comps) == 1 and 1950 <= c.comps[0][1] <= 2099 for c in r))

    runs = [r for r in open_runs if counts(r) and len(r[0].comps) == 1]
    top = {(nl.section, nl.comps) for r in runs for nl in r}
    for r in open_runs:
        if len(r[0].comps) == 1:
            continue
        under = (r[0].section, r[0].comps[:-1]) in top
        steps = all(b.comps[-1][1] - a.comps[-1][1] == 1 for a, b in itertools.pairwise(r))
        if under and (counts(r) or (len(r) == 1 and r[0].comps[-1][1] in (0, 1))):
            runs.append(r)  # "5.1", "5.2" under 5; "10.1" alone under 10
        elif not under and len(r) >= 3 and steps:
            runs.append(r)  # "2.01" ... "2.07" printed under an unnumbered heading
    return runs


def _item_comps(item: Mapping[str, Any], by_number: Mapping[str, tuple[Comp, ...] | None]
                ) -> tuple[Comp, ...] | None:
    """An item's full number: "(a)" under "5" is 5.a; a roman section prefix ("II.3") is dropped."""
    comps = parse_number(str(item.get("number", "")))
    if comps is None:
        return None
    parent = item.get("parent")
    if parent and str(parent) in by_number:
        pc = by_number[str(parent)]
        if pc and comps[: len(pc)] != pc:
            comps = pc + comps
    return comps


def check_agenda_items(ctx: _Context) -> CheckResult:
    res = CheckResult()
    docs = ctx.docs_of("agenda", "front_sheet")
    if not docs:
        return res
    items = list((ctx.out.get("agenda") or {}).get("items") or [])
    by_number = {str(i.get("number")): parse_number(str(i.get("number", ""))) for i in items}
    have: Counter[tuple[Comp, ...]] = Counter()
    for it in items:
        num = str(it.get("number", ""))
        c = parse_number(re.sub(r"^[IVX]{1,5}[.\-]", "", num)) if re.match(r"^[IVX]{1,5}[.\-]\w", num) \
            else parse_number(num)
        if c is not None:
            have[c] += 1
        full = _item_comps(it, by_number)
        if full is not None and full != c:
            have[full] += 1
    any_runs = False
    for d in docs:
        runs = numbering_runs(numbered_lines(str(d.get("text") or "")))
        if not runs:
            continue
        any_runs = True
        # each section counts a number once: a list repeated inside an item's text is not two items
        want: dict[tuple[int, tuple[Comp, ...]], NumberedLine] = {}
        for r in runs:
            for nl in r:
                want.setdefault((nl.section, nl.comps), nl)
        occurrences: dict[tuple[Comp, ...], list[NumberedLine]] = {}
        for (_, comps), nl in want.items():
            occurrences.setdefault(comps, []).append(nl)
        for comps, nls in occurrences.items():
            got = have.get(comps, 0)
            if len(nls) > got:
                nl = nls[got]  # the first printed occurrence with no item for it
                res.fail(ctx.line_page(d, nl.line), nl.line,
                         f"numbered line {nl.number} is printed {len(nls)}x but is {got}x in agenda.items")
    if not any_runs:
        return res if not items else res.passed("no numbering run in the agenda text")
    return res.passed()


def check_agenda_sequence(ctx: _Context) -> CheckResult:
    res = CheckResult()
    items = list((ctx.out.get("agenda") or {}).get("items") or [])
    if len(items) < 2:
        return res if not items else res.passed()
    by_number = {str(i.get("number")): parse_number(str(i.get("number", ""))) for i in items}
    texts = "\n".join(str(d.get("text") or "") for d in ctx.docs_of("agenda", "front_sheet"))
    printed = Counter(nl.comps for nl in numbered_lines(texts))
    printed_loose = {m.group(1) for m in re.finditer(r"(?m)^\s*(?:item\s+)?(\d{1,4}(?:\.\d{1,3})*)\b",
                                                     texts, re.IGNORECASE)}
    seen: Counter[tuple[Comp, ...]] = Counter()
    prev: tuple[Comp, ...] | None = None
    prev_item: Mapping[str, Any] | None = None
    for it in items:
        comps = _item_comps(it, by_number)
        page = it.get("pdf_page") if isinstance(it.get("pdf_page"), int) else None
        label = f"{it.get('number')} {it.get('title') or ''}".strip()
        if comps is None:
            prev = None
            continue
        # nesting: the parent is the nearest earlier item whose number is a prefix of this one
        parent = it.get("parent")
        level = it.get("level")
        pref = [c for c in (by_number.get(str(p.get("number"))) for p in items[: items.index(it)])
                if c and len(c) < len(comps) and comps[: len(c)] == c]
        if pref:
            want_parent = max(pref, key=len)
            pc = by_number.get(str(parent)) if parent is not None else None
            if pc != want_parent:
                res.fail(page, label, f"item {it.get('number')} should nest under "
                                      f"{_fmt_comps(want_parent)}, has parent {parent!r}")
        if isinstance(level, int) and parent is None and level != 1 and not pref and len(comps) == 1:
            res.fail(page, label, f"item {it.get('number')} has level {level} but no parent")
        seen[comps] += 1
        if seen[comps] > max(1, printed.get(comps, 0)):
            res.fail(page, label, f"number {it.get('number')} is given to {seen[comps]} items, "
                                  f"printed {printed.get(comps, 0)}x")
        if prev is not None and prev_item is not None:
            why = _step_problem(prev, comps, printed_loose)
            if why == "the number repeats" and printed.get(comps, 0) >= seen[comps]:
                why = None  # printed twice: the agenda's own slip, kept as printed
            if why and not (it.get("section") and it.get("section") != prev_item.get("section")):
                res.fail(page, label, f"after {prev_item.get('number')} comes {it.get('number')}: {why}")
        prev, prev_item = comps, it
    return res.passed()


def _step_problem(prev: tuple[Comp, ...], cur: tuple[Comp, ...], printed: set[str]) -> str | None:
    """Why `cur` cannot follow `prev`; None when it is the next number, a first child, a restart
    (a new list: 1, A, a) or a jump over numbers the text does not print."""
    first = cur[-1][1] in (0, 1)
    if len(cur) == len(prev) + 1 and cur[:-1] == prev and first:
        return None  # first child
    if first and (len(cur) == 1 or cur[:-1] != prev[: len(cur) - 1]):
        return None  # a new list starts
    if len(cur) <= len(prev) and cur[:-1] == prev[: len(cur) - 1]:
        a, b = prev[len(cur) - 1], cur[-1]
        if a[0] != b[0]:
            return None if first else "the numbering changes style"
        if b[1] == a[1] + 1:
            return None
        if b[1] <= a[1]:
            return "numbers go backwards" if b[1] < a[1] else "the number repeats"
        skipped = [(*cur[:-1], (b[0], v)) for v in range(a[1] + 1, b[1])]
        shown = [_fmt_comps(s) for s in skipped if _fmt_comps(s) in printed and b[0] == "n"]
        if shown:
            return f"{', '.join(shown)} printed in the agenda but not an item"
        return None
    if len(cur) > len(prev) + 0 and cur[: len(prev)] != prev and not first:
        return None if cur[:-1] != prev[: len(cur) - 1] else "nesting skips a level"
    return None
