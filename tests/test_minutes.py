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
from packparse.models import Minutes
from packparse.pagemodel import Line, PageContent
from packparse.parsers.minutes import parse_minutes
from packparse.parsers.people import name_key, parse_person, split_name_list
from packparse.textparse import parse_date, parse_time
from tests.pages import line

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
_FURNITURE = re.compile(r"^(?:Page \d+(?: of \d+)?(?: \d+)?|Agenda Item \d+|!?\s*\d+)$")

# ------------------------------------------------------------------------------------------------
# Hand-made lines


def _line(text: str, x0: float = 72.0, top: float = 0.0, bold: bool | list[bool] = False,
          page: int = 1, size: float = 12.0) -> Line:
    """A line of words laid out left to right; `bold` may be given per word; a double space is a wide gap."""
    return line(text, x0, top, page=page, size=size, bold=bold, char=6.0, space=3, gap=30)


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
    ("5/6/2020", "2020-06-05"),  # day first, as UK councils print it
    ("COUNCIL AGENDA: 8/24/21", "2021-08-24"),  # month first only where day first is no date
    ("32/13/2021", None), ("no date here", None),
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
    """Read only pages first..last (1-based) with the reader."""
    from packparse.reader import read_pages

    return read_pages(pdf, list(range(first, last + 1))).pages


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


# ------------------------------------------------------------------------------------------------
# Decisions, declarations, remote attendance, substitutions and the close of the meeting


def test_decisions_with_parts_movers_and_votes() -> None:
    lines = _lines(
        ("At a meeting of the County Council held in the Chamber on Thursday 5 May 2022 at 10.00 am",),
        ("Present: Mr A Smith (Chairman), Mr B Jones and Mrs C Brown",),
        ("In attendance virtually: Ms D Green (Head of Finance)",),
        ("1.  Local Transport Plan", {"bold": True, "x0": 54}),
        ("1)  Mr Jones proposed, and Mrs Brown seconded the motion that the plan be adopted.", {"x0": 90}),
        ("2)  The Chairman put the motion set out in paragraph 1 to the vote.", {"x0": 90}),
        ("For (5)", {"x0": 90}),
        ("Against (2)", {"x0": 90}),
        ("Abstain (1)", {"x0": 90}),
        ("3)  RESOLVED that the County Council:", {"x0": 90}),
        ("(a) adopts the plan; and", {"x0": 118}),
        ("(b) publishes it.", {"x0": 118}),
        ("2.  Correspondence", {"bold": True, "x0": 54}),
        ("The letters were noted. It was agreed that the Clerk reply.", {"x0": 90}),
        ("3.  Declarations of Interest", {"bold": True, "x0": 54}),
        ("Mr Jones declared a personal interest in item 1 as a bus user.", {"x0": 90}),
        ("The meeting closed at 11.45 am", {"x0": 54}),
    )
    m = parse_minutes(lines)
    plan = m.items[0]
    assert plan.resolutions == ["RESOLVED that the County Council: (a) adopts the plan; and (b) publishes it."]
    [d] = plan.decisions
    assert (d.kind, d.text) == ("resolved", plan.resolutions[0])
    assert d.parts == ["adopts the plan", "publishes it."]
    assert (d.proposer, d.seconder) == ("Mr Jones", "Mrs Brown")
    assert (d.votes_for, d.votes_against, d.votes_abstain) == (5, 2, 1)
    assert d.pdf_page == 1
    assert [(d.kind, d.text) for d in m.items[1].decisions] == [
        ("noted", "The letters were noted."), ("agreed", "It was agreed that the Clerk reply.")]
    assert m.items[1].resolutions == []
    assert [(d.member, d.item, d.nature) for d in m.declarations] == [("Mr Jones", "1", "personal")]
    assert m.close_time == "11:45"
    assert [p.name for p in m.attendance.remote] == ["Ms D Green"]
    assert [p.name for p in m.attendance.also_present] == ["Ms D Green"]
    # Evenly spaced lines: a paragraph starts at each number or letter, the vote lines run on.
    assert [p[:12] for p in plan.paragraphs] == ["1) Mr Jones ", "2) The Chair", "3) RESOLVED ",
                                                 "(a) adopts t", "(b) publishe"]


def test_motion_recorded_by_mover_and_seconder() -> None:
    """A parish minute that only records who proposed and seconded is a decision of its own."""
    def run_in(text: str, n: int) -> tuple[str, dict]:
        """A run-in heading: the number and the first n - 1 words bold."""
        return text, {"bold": [k < n for k in range(len(text.split(" ")))]}

    lines = _lines(
        ("Minutes of the meeting of the Parish Council held on Monday 6 May 2019 at 7.00pm",),
        ("Present: Cllrs Hayward (in the chair), Evans and Cobb",),
        run_in("101. Election of Chairman: Cllr Shewell, proposed by Cllr Hayward, seconded by Cllr Evans.", 4),
        run_in("102. Minutes: The minutes were approved and signed. Proposed: CE 2nd: AH", 2),
        run_in("103. Any other business: None. The meeting closed at 8.15.", 4),
    )
    m = parse_minutes(lines)
    [chair] = m.items[0].decisions
    assert (chair.kind, chair.proposer, chair.seconder) == ("agreed", "Cllr Hayward", "Cllr Evans")
    assert chair.text == "Cllr Shewell, proposed by Cllr Hayward, seconded by Cllr Evans."
    [minutes] = m.items[1].decisions
    assert (minutes.kind, minutes.proposer, minutes.seconder) == ("approved", "CE", "AH")
    assert sum(len(i.resolutions) for i in m.items) == 0
    assert m.close_time == "20:15"  # after a 7pm start


def test_substitutes_listed_for_whom() -> None:
    lines = _lines(
        ("Present: Councillors A Smith (Chair) and B Jones",),
        ("Substitutes: Councillor C Brown for Councillor D Green",),
        ("1  Apologies", {"bold": True}),
        ("None.",),
    )
    att = parse_minutes(lines).attendance
    assert [(p.name, p.role) for p in att.substitutes] == [
        ("Councillor C Brown", "substitute for Councillor D Green")]
    assert [(s.member, s.substitute_for) for s in att.substitutions] == [
        ("Councillor C Brown", "Councillor D Green")]


def test_corpus_decisions_match_resolutions() -> None:
    """Every `resolutions` entry has its Decision of kind 'resolved'; everything keeps its page."""
    for case in CASES:
        gold, m = _parsed(*case)
        for item in m.items:
            resolved = [d.text for d in item.decisions if d.kind == "resolved"]
            assert resolved == item.resolutions, (case, item.number)
            assert all(d.pdf_page for d in item.decisions), (case, item.number)
            assert " ".join(item.paragraphs) == item.text, (case, item.number)
        assert all(d.pdf_page and d.text for d in m.declarations), case
        assert sum(len(i.resolutions) for i in m.items) == gold["resolutions"]


def test_corpus_structure() -> None:
    """Declarations, movers, votes, parts, remote attendance and close times read from the real minutes."""
    _, durham = _parsed(*CASES[0])
    assert durham.declarations == []  # "There were no declarations of interest."
    assert [(s.member, s.substitute_for) for s in durham.attendance.substitutions] == [
        ("Councillor A Bell", "Councillor A Reed")]
    assert [(d.kind, d.text) for d in durham.items[2].decisions] == [
        ("agreed", "The minutes of the meeting held on 21 October were agreed as a correct record and signed "
                   "by the Chair.")]
    assert durham.items[10].decisions[0].kind == "resolved"
    assert durham.close_time is None

    _, cabinet = _parsed(*CASES[1])
    assert [p.name for p in cabinet.attendance.remote] == ["Mr S Jones", "Mr M Albiston", "Dr M Gogarty",
                                                           "Mrs L Gannon"]
    assert cabinet.declarations == []  # "No declarations of interest were received"
    ics = next(i for i in cabinet.items if i.number == "91")
    assert [p[:28] for p in ics.decisions[0].parts] == [
        "Adopt the Integrated Care St", "Delegate authority to the Di", "Delegate authority to the Di"]

    _, pack = _parsed(*CASES[2])
    devolution = next(i for i in pack.items if i.number == "83")
    agreed, resolved = devolution.decisions
    assert agreed.kind == "agreed" and len(agreed.parts) == 3  # "the Leader and Cabinet agreed to ...:"
    assert (resolved.kind, resolved.proposer, resolved.seconder) == ("resolved", "the Leader", "Mr Oakford")
    assert len(resolved.parts) == 3

    _, december = _parsed(*CASES[3])
    assert [(d.member, d.item, d.nature) for d in december.declarations] == [
        ("Mrs Chandler", "12", "pecuniary"), ("Mr Rayner", "12", "pecuniary"), ("Mr Lehmann", "6", None),
        ("Mr Streatfield", "6", None), ("Mr Jeffrey", "12", None)]
    assert all(d.pdf_page in (5, 6) for d in december.declarations)
    tributes = next(i for i in december.items if i.number == "274").decisions
    assert [(d.kind, d.proposer, d.seconder, d.unanimous) for d in tributes] == [
        ("agreed", "Mr Sweetland", "Mr Ridgers", True)]
    [transport] = next(i for i in december.items if i.number == "278").decisions
    assert (transport.proposer, transport.seconder) == ("Mr Baker", "Mr Robey")
    assert (transport.votes_for, transport.votes_against, transport.votes_abstain) == (51, 6, 2)
    motions = next(i for i in december.items if i.number == "281").decisions
    assert [(d.kind, d.proposer, d.votes_for, len(d.parts)) for d in motions] == [
        ("resolved", "Mr Meade", 35, 6), ("agreed", "The Chairman", None, 0)]  # the lost motions decide nothing
    consultation = next(i for i in december.items if i.number == "282").decisions[0]
    assert consultation.parts == [
        "Notes the report", "Comments on the key points for a response to the government consultation",
        "Delegates to the Monitoring Officer the submission of the response to the Consultation in consultation "
        "with the Leader of the Council."]

    _, january = _parsed(*CASES[4])
    assert [p.name for p in january.attendance.remote] == ["Ms Grehan"]  # "... was attending the meeting virtually"
    assert [(d.member, d.item) for d in january.declarations] == [(None, None)]  # "Members who were ..."
    chair = january.items[0]
    assert [(d.kind, d.proposer, d.seconder, d.unanimous) for d in chair.decisions] == [
        ("agreed", "Mr Gough", "Mr Brady", True), ("resolved", None, None, False)]
    devolution = next(i for i in january.items if i.number == "285").decisions
    assert [(d.kind, d.proposer) for d in devolution] == [("agreed", "Mr Streatfeild"), ("resolved", "Mr Streatfeild")]
    assert (devolution[1].votes_for, devolution[1].votes_against, devolution[1].votes_abstain) == (39, 19, 1)

    _, milburn = _parsed(*CASES[5])
    assert milburn.close_time == "20:40"
    assert milburn.items[1].decisions[0].kind == "agreed"

    _, souldern = _parsed(*CASES[6])
    first = souldern.items[0].decisions
    assert [(d.kind, d.proposer, d.seconder) for d in first] == [
        ("approved", "CR", "KD"), ("resolved", None, None), ("resolved", "RD", "CR"), ("agreed", None, None)]

    _, tintern = _parsed(*CASES[7])
    assert tintern.close_time == "20:36"
    assert [(d.member, d.item) for d in tintern.declarations] == [
        ("Cllr Hayward", "2608"), ("Cllr Hoskins", "2610"), ("Cllr Cobb", "2610"), ("Cllr Shewell", "2610")]

    _, agm = _parsed(*CASES[8])
    assert agm.close_time == "18:51"
    election = agm.items[3]
    assert (election.number, election.title) == ("808", "Election of Chairman for 2019/20")
    assert [(d.kind, d.proposer, d.seconder) for d in election.decisions] == [("agreed", "Cllr Hayward", "Cllr Evans")]
    representatives = agm.items[8].decisions
    assert len(representatives) == 11  # (4) needs no representative
    assert representatives[0].text == "Village Hall – Cllr Cobb. Proposed by Cllr Richards, seconded by Cllr Hayward."

    _, ordinary = _parsed(*CASES[9])
    assert ordinary.close_time == "20:08"  # "closed at 8.08" after a 7pm start
    payments = next(i for i in ordinary.items if i.number == "2697").decisions
    assert [(d.kind, d.proposer, d.seconder, d.unanimous) for d in payments] == [
        ("agreed", "Cllr Richards", "Cllr Evans", True), ("approved", None, None, False)]


def test_vote_forms() -> None:
    lines = _lines(
        ("1.  Budget", {"bold": True, "x0": 54}),
        ("RESOLVED that the budget be approved.", {"x0": 90}),
        ("(For: 7, Against: 2, Abstentions: 1)", {"x0": 90}),
        ("2.  Hall", {"bold": True, "x0": 54}),
        ("It was agreed by 6 votes to 3 that the hall be let.", {"x0": 90}),
        ("3.  Grants", {"bold": True, "x0": 54}),
        ("A grant of £500 was approved with 5 votes for and 1 against.", {"x0": 90}),
    )
    m = parse_minutes(lines)
    votes = [(d.kind, d.votes_for, d.votes_against, d.votes_abstain) for i in m.items for d in i.decisions]
    assert votes == [("resolved", 7, 2, 1), ("agreed", 6, 3, None), ("approved", 5, 1, None)]
