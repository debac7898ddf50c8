"""Minutes parsing: hand-made layouts, and the real minutes of the shared corpus against their gold files.

The corpus tests read only the pages of each gold minutes document (a pack can run to 460 pages) and
drop the page furniture with a small regex, standing in for the furniture stage that runs before
`parse_minutes` in the pipeline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from packparse.evaluation.scoring import normalise_name, tokens
from packparse.layout import Line, PageContent, Word
from packparse.models import Minutes
from packparse.parsers.minutes import parse_minutes
from packparse.parsers.people import name_key, parse_person, split_name_list
from packparse.textparse import parse_date, parse_time

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
_FURNITURE = re.compile(r"^(?:Page \d+(?: of \d+)?(?: \d+)?|Agenda Item \d+|!?\s*\d+)$")

# ------------------------------------------------------------------------------------------------
# Hand-made lines


def _line(text: str, x0: float = 72.0, top: float = 0.0, bold: bool | list[bool] = False,
          page: int = 1, size: float = 12.0) -> Line:
    """A line of words laid out left to right; `bold` may be given per word."""
    words: list[Word] = []
    x = x0
    parts = text.split(" ")
    flags = bold if isinstance(bold, list) else [bold] * len(parts)
    for part, b in zip(parts, flags, strict=True):
        if part == "":  # a double space in `text` is a wide gap
            x += 30
            continue
        width = 6.0 * len(part)
        words.append(Word(part, x, top, x + width, top + size, "Arial-BoldMT" if b else "ArialMT", size))
        x += width + 3
    return Line(words=words, pdf_page=page)


def _lines(*specs: tuple) -> list[Line]:
    out = []
    for i, spec in enumerate(specs):
        text, *rest = spec
        kw = rest[0] if rest else {}
        out.append(_line(text, top=100 + 15 * i, **kw))
    return out


def test_margin_headings_and_labelled_attendance() -> None:
    lines = _lines(
        ("At a meeting of the Audit Committee held in Room 2, Town Hall on Tuesday 3 May 2022 at 10.00 am",),
        ("Present:", {"bold": True}),
        ("Councillor A Smith (Chair)", {"bold": True}),
        ("Councillors B Jones (Vice-Chair), C Brown and D Green",),
        ("Also Present:", {"bold": True}),
        ("Jane Doe - Head of Audit, Finance",),
        ("John Roe – Solicitor",),
        ("1  Apologies for Absence", {"bold": True, "x0": 50}),
        ("Apologies for absence were received from Councillors E White and F Black.", {"x0": 90}),
        ("2  Accounts", {"bold": True, "x0": 50}),
        ("1. The Committee considered the accounts for 2021 and noted them.", {"x0": 90}),
        ("Resolved:", {"bold": True, "x0": 90}),
        ("(a) That the accounts be approved;", {"x0": 108}),
        ("(b) That they be published.", {"x0": 108}),
        ("3  Work Programme", {"bold": True, "x0": 50}),
        ("RESOLVED that the programme be noted.", {"x0": 90}),
    )
    m = parse_minutes(lines)
    assert m.body == "Audit Committee"
    assert (m.date, m.start_time, m.venue) == ("2022-05-03", "10:00", "Room 2, Town Hall")
    att = m.attendance
    assert [p.name for p in att.present] == ["Councillor A Smith", "Councillor B Jones", "Councillor C Brown",
                                             "Councillor D Green"]
    assert att.chair is not None and att.chair.name == "Councillor A Smith"
    assert att.present[1].role == "Vice-Chair"
    assert [(p.name, p.role) for p in att.also_present] == [("Jane Doe", "Head of Audit, Finance"),
                                                           ("John Roe", "Solicitor")]
    assert [name_key(p.name) for p in att.apologies] == ["e white", "f black"]
    assert [(i.number, i.title) for i in m.items] == [("1", "Apologies for Absence"), ("2", "Accounts"),
                                                      ("3", "Work Programme")]
    assert m.items[1].resolutions == [
        "Resolved: (a) That the accounts be approved; (b) That they be published."]
    assert len(m.items[2].resolutions) == 1


def test_run_in_headings_and_inline_present() -> None:
    bold_head = [True, True, True, False, False, False, False]
    lines = _lines(
        ("Minutes of a meeting of the above Council held on Monday 7th January 2019 at 7pm in the Hall.",),
        ("Present: Cllr Hayward (in the chair), Cllrs Hoskins, Cobb & Evans, County Cllr Webb and the Clerk",
         ),
        ("101. Police Report: No report this month.", {"bold": bold_head}),
        ("102. Apologies for absence: Cllr Shewell.", {"bold": [True, True, True, True, False, False]}),
        ("103. Planning: Two applications were considered and it was", {"bold": [True, True] + [False] * 7}),
        ("resolved that both be supported. The Clerk will write.",),
        ("2 nd of the month is the next date.",),
    )
    m = parse_minutes(lines)
    att = m.attendance
    assert [name_key(p.name) for p in att.present] == ["hayward", "hoskins", "cobb", "evans"]
    assert att.chair is not None and name_key(att.chair.name) == "hayward"
    assert [p.name for p in att.also_present] == ["County Cllr Webb"]
    assert [p.name for p in att.apologies] == ["Cllr Shewell"]
    assert [(i.number, i.title) for i in m.items] == [
        ("101", "Police Report"), ("102", "Apologies for absence"), ("103", "Planning")]
    assert m.items[0].text == "No report this month."
    assert m.items[2].resolutions == [
        "Two applications were considered and it was resolved that both be supported."]
    assert (m.date, m.start_time, m.venue) == ("2019-01-07", "19:00", "Hall")


def test_numbered_paragraphs_inside_minutes_are_not_headings() -> None:
    lines = _lines(
        ("5.  Budget", {"bold": True, "x0": 54}),
        ("1)  The Leader introduced the report.", {"x0": 90}),
        ("2)  Members asked questions.", {"x0": 90}),
        ("3)  RESOLVED that the budget be approved.", {"x0": 90}),
        ("4)  Mr A proposed a motion that was lost.", {"x0": 90}),
        ("6.  Questions", {"bold": True, "x0": 54}),
        ("25 November 2022 was the closing date.", {"x0": 54}),
    )
    m = parse_minutes(lines)
    assert [i.number for i in m.items] == ["5", "6"]
    assert m.items[0].resolutions == ["RESOLVED that the budget be approved."]


def test_two_column_attendance_table() -> None:
    def row(left: str, right: str, top: float, bold: bool = False) -> Line:
        a = _line(left, x0=150, top=top, bold=bold)
        b = _line(right, x0=390, top=top, bold=bold) if right else None
        return Line(words=a.words + (b.words if b else []), pdf_page=1)

    lines = [
        _line("MINUTES OF THE ANYTOWN PARISH COUNCIL MEETING HELD IN THE VILLAGE HALL ON 5th DECEMBER 2013",
              top=60, bold=True),
        row("Present:", "Also in attendance:", 100, bold=True),
        row("Mr A Martin (Chairman)", "Mr I Porteus", 115),
        row("Ms K Draper", "Mrs R Summers", 130),
        row("Mrs B McGarry (Clerk)", "Apologies:", 145),
        Line(words=_line("Cllr A Fatemian", x0=390, top=160).words, pdf_page=1),
        _line("1  Minutes of previous meeting", x0=72, top=190, bold=True),
        _line("Approved.", x0=105, top=205),
    ]
    m = parse_minutes(lines)
    att = m.attendance
    assert m.body == "Anytown Parish Council"
    assert m.venue == "THE VILLAGE HALL"
    assert [p.name for p in att.present] == ["Mr A Martin", "Ms K Draper"]
    assert [p.name for p in att.also_present] == ["Mrs B McGarry", "Mr I Porteus", "Mrs R Summers"]
    assert [p.name for p in att.apologies] == ["Cllr A Fatemian"]


def test_substitute_and_elected_chair() -> None:
    lines = _lines(
        ("PRESENT: Mr G Cooke, Mr N Baker and Mrs C Bell",),
        ("Election of Chair", {"bold": True}),
        ("RESOLVED that Mr Cooke be elected to Chair the meeting.",),
        ("1.  Substitutes", {"bold": True}),
        ("Councillor A Bell was in attendance, substituting for Councillor A Reed.",),
    )
    m = parse_minutes(lines)
    assert m.attendance.chair is not None and m.attendance.chair.name == "Mr G Cooke"
    assert [(p.name, p.role) for p in m.attendance.substitutes] == [
        ("Councillor A Bell", "substitute for Councillor A Reed")]
    assert [(i.number, i.title, len(i.resolutions)) for i in m.items] == [("", "Election of Chair", 1),
                                                                        ("1", "Substitutes", 0)]


def test_empty_input() -> None:
    assert parse_minutes([]) == Minutes()


def test_name_lists() -> None:
    assert split_name_list("Mr R C Love, OBE, Mr & Mrs Godfrey and Rich Lehmann") == [
        "Mr R C Love, OBE", "Mr & Mrs Godfrey", "Rich Lehmann"]
    assert split_name_list("Councillors C Bell, J Charlton and Co-opted Members, J Bell") == [
        "Councillor C Bell", "Councillor J Charlton", "Co-opted Members", "J Bell"]
    assert split_name_list("Mrs S Hammond (Director Children, Young People and Education) and Mr Sandhu") == [
        "Mrs S Hammond (Director Children, Young People and Education)", "Mr Sandhu"]
    assert parse_person("Chairman Cllr Mrs Shewell") == ("Cllr Mrs Shewell", "Chair")
    assert parse_person("Laura Counce - Service Manager", dash_role=True) == (
        "Laura Counce", "Service Manager")
    assert parse_person("the Clerk") is None
    assert parse_person("Co-opted Members") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("Friday 25 November 2022", "2022-11-25"), ("Thursday, 30th January, 2025", "2025-01-30"),
    ("5th July 2016", "2016-07-05"), ("ON 5 th DECEMBER 2013", "2013-12-05"), ("25/11/2022", "2022-11-25"),
    ("no date here", None),
])
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(("text", "hhmm"), [
    ("9.30 am", "09:30"), ("10.00 am", "10:00"), ("7pm", "19:00"), ("19:00", "19:00"), ("6.30pm", "18:30"),
    ("10.00 a.m.", "10:00"), ("£4.50", None), ("paragraph 4.5", None),
])
def test_times(text: str, hhmm: str | None) -> None:
    assert parse_time(text) == hhmm


# ------------------------------------------------------------------------------------------------
# The real minutes of the corpus

# (gold file stem, index in its `minutes` list, folder of the PDF)
CASES = [
    ("durham_cpp_2022-12-16_agenda_pack", 0, "packs"),
    ("kent_cabinet_2025-01-30_printed_minutes", 0, "real"),
    ("kent_cabinet_2025-01-30_public_reports_pack", 0, "packs"),
    ("kent_cc_2025-02-13_public_reports_pack", 0, "packs"),
    ("kent_cc_2025-02-13_public_reports_pack", 1, "packs"),
    ("milburn_pc_2016-07-05_minutes", 0, "real"),
    ("souldern_pc_2013-12-05_minutes", 0, "real"),
    ("tintern_cc_2018-11-26_minutes", 0, "real"),
    ("tintern_cc_2019-05-20_agm_minutes", 0, "real"),
    ("tintern_cc_2019-05-20_agm_minutes", 1, "real"),
]
EXACT = {"durham", "kent"}  # house styles expected to parse exactly; the parish ones by overlap


def _read_pages(pdf: Path, first: int, last: int) -> list[PageContent]:
    """Read only pages first..last (1-based) with the reader's own page reader."""
    import pdfplumber

    from packparse import reader

    with pdfplumber.open(pdf) as doc:
        return [reader._read_page(doc.pages[n - 1], n) for n in range(first, last + 1)]


@cache
def _parsed(stem: str, index: int, folder: str) -> tuple[dict, Minutes]:
    gold_path = CORPUS / "gold" / f"{stem}.gold.json"
    pdf = CORPUS / folder / f"{stem}.pdf"
    if not gold_path.exists() or not pdf.exists():
        pytest.skip("shared corpus not available")
    gold = json.loads(gold_path.read_text())
    docs = [d for d in gold["documents"] if d["kind"] == "minutes"]
    first, last = docs[index]["pdf_pages"]
    lines = [ln for page in _read_pages(pdf, first, last) for ln in page.lines
             if not _FURNITURE.match(ln.text.strip())]
    return gold["minutes"][index], parse_minutes(lines)


def _names(values: list) -> set[str]:
    out = {normalise_name(v if isinstance(v, str) else v.name) for v in values}
    out.discard("")
    return out


def _scores(gold: dict, m: Minutes) -> dict[str, tuple[int, int, int]]:
    """(gold, got, matched) per field, compared the way the project's scorer does."""
    att = m.attendance
    present = att.present + ([att.chair] if att.chair else [])
    out = {}
    for key, got in (("present", present), ("apologies", att.apologies), ("also_present", att.also_present)):
        g, o = _names(gold[key]), _names(got)
        out[key] = (len(g), len(o), len(g & o))
    g_items = {(i["number"], tokens(i["title"])) for i in gold["items"]}
    o_items = {(i.number, tokens(i.title)) for i in m.items}
    out["items"] = (len(g_items), len(o_items), len(g_items & o_items))
    return out


def _f1(gold: int, got: int, tp: int) -> float:
    if gold == got == 0:
        return 1.0
    return 2 * tp / (gold + got) if gold + got else 0.0


@pytest.mark.parametrize(("stem", "index", "folder"), CASES, ids=[f"{c[0]}#{c[1]}" for c in CASES])
def test_corpus_minutes(stem: str, index: int, folder: str) -> None:
    gold, m = _parsed(stem, index, folder)
    assert m.date == gold["date"]
    assert tokens(m.body) == tokens(gold["body"])
    assert m.attendance.chair is not None
    assert normalise_name(m.attendance.chair.name) == normalise_name(gold["chair"])
    assert sum(len(i.resolutions) for i in m.items) == gold["resolutions"]
    scores = _scores(gold, m)
    if stem.split("_")[0] in EXACT:
        for key in ("present", "apologies", "also_present"):
            assert _names(gold[key]) == _names(getattr(m.attendance, key) + (
                [m.attendance.chair] if key == "present" else [])), key
        numbered = [(i.number, i.title) for i in m.items if i.number]
        assert [(i["number"], tokens(i["title"])) for i in gold["items"]] == [
            (n, tokens(t)) for n, t in numbered]
    else:
        for key, counts in scores.items():
            assert _f1(*counts) >= 0.9, (key, counts)


def test_corpus_totals() -> None:
    """The project's targets, pooled over every gold minutes document."""
    totals: dict[str, list[int]] = {}
    right = 0
    for case in CASES:
        gold, m = _parsed(*case)
        for key, counts in _scores(gold, m).items():
            t = totals.setdefault(key, [0, 0, 0])
            for i in range(3):
                t[i] += counts[i]
        right += sum(len(i.resolutions) for i in m.items) == gold["resolutions"]
    assert _f1(*totals["present"]) >= 0.95
    assert _f1(*totals["apologies"]) >= 0.95
    assert _f1(*totals["also_present"]) >= 0.90
    assert _f1(*totals["items"]) >= 0.95
    assert right >= 0.9 * len(CASES)


def test_corpus_specifics() -> None:
    """Spot checks of values the gold files do not cover: venues, times, roles, substitutes, texts."""
    _, durham = _parsed(*CASES[0])
    assert (durham.start_time, durham.venue) == ("09:30", "Committee Room 2, County Hall, Durham")
    assert [(p.name, p.role) for p in durham.attendance.substitutes] == [
        ("Councillor A Bell", "substitute for Councillor A Reed")]
    counce = durham.attendance.also_present[0]
    assert (counce.name, counce.role) == ("Laura Counce", "Service Manager, Children and Young People")
    assert durham.items[10].resolutions == ["Resolved: That the report be noted."]
    assert durham.items[11].title == (
        "Regulation 44 Visits and Regulatory Body Ratings of Children's Residential Homes")

    _, kent = _parsed(*CASES[1])
    assert kent.venue == "Council Chamber, Sessions House, County Hall, Maidstone"
    mckay = [p for p in kent.attendance.also_present if p.name == "McKay"]
    assert mckay and mckay[0].role == "Acting Chief Accountant"
    assert all(i.pdf_page for i in kent.items)

    _, tintern = _parsed(*CASES[7])
    assert (tintern.start_time, tintern.venue) == ("19:00", "Tintern Village Hall")
    assert tintern.items[0].text.startswith("Attached. No Police presence.")


def test_minute_prefix_and_labels_with_colons() -> None:
    lines = _lines(
        ("Present: Councillors: A Smith (Chair), B Jones",),
        ("Also attending: Mr C Clerk",),
        ("Minute 12 - Apologies", {"bold": True}),
        ("None.",),
        ("Minute 13 - Finance", {"bold": True}),
        ("AGREED that the payments be made.",),
    )
    m = parse_minutes(lines)
    assert [p.name for p in m.attendance.present] == ["Councillor A Smith", "Councillor B Jones"]
    assert [p.name for p in m.attendance.also_present] == ["Mr C Clerk"]
    assert [(i.number, i.title) for i in m.items] == [("12", "Apologies"), ("13", "Finance")]
    assert m.items[1].resolutions == ["AGREED that the payments be made."]


def test_year_style_numbers() -> None:
    lines = _lines(("22/045 Planning", {"bold": True}), ("Noted.",), ("22/046 Highways", {"bold": True}),
                   ("22/047 Finance", {"bold": True}))
    assert [i.number for i in parse_minutes(lines).items] == ["22/045", "22/046", "22/047"]
