"""Tests for `packparse.parsers.report.parse_report`.

Unit tests build small pages of `Line`s by hand (one per layout family); the corpus tests read the
real PDFs in `shared/corpus` in place, take each gold report's pages and compare title, report_of and
the number of recommendations with the gold annotation, as the accuracy scorer does.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from packparse.models import Report
from packparse.pagemodel import Line
from packparse.parsers.report import parse_report
from tests.corpus import extracted
from tests.corpus import gold as gold_of_file
from tests.pages import placed as line  # a line from (x, text) segments, words a normal space apart

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
# Page furniture the caller normally removes; the test driver drops the two stamps itself.
FURNITURE = re.compile(r"^(?:Page \d+|Agenda Item \d+)$")
_NON_WORD = re.compile(r"[^\w\s]|_")


def tokens(text: object) -> tuple[str, ...]:
    """Title tokens as the scorer compares them: case, punctuation and spacing ignored."""
    return () if text is None else tuple(_NON_WORD.sub(" ", str(text).lower()).split())


# ---------------------------------------------------------------------------------------------------
# Hand-made lines


def stack(x: float, top: float, texts: list[str], pitch: float = 14.0, **kw: Any) -> list[Line]:
    return [line(top + k * pitch, (x, t), **kw) for k, t in enumerate(texts)]


def test_empty_input_gives_empty_report() -> None:
    assert parse_report([]) == Report()


def test_county_cover_sheet() -> None:
    """Durham-style: big title, 'Report of' run on over two lines, numbered paragraphs, Author box."""
    lines = [
        line(70, (72, "Corporate Parenting Panel"), bold=True),
        line(90, (72, "16 December 2022"), bold=True),
        line(125, (72, "Annual Report on the Adoption Service"), size=15, bold=True),
        line(144, (72, "2021/2022"), size=15, bold=True),
        line(185, (72, "Report of Jane Smith, Practice Lead, Children in Care,")),
        line(203, (72, "Durham County Council")),
        line(250, (72, "Electoral division(s) affected:"), bold=True),
        line(277, (72, "None.")),
        line(307, (72, "Purpose of the Report"), bold=True),
        line(334, (72, "1"), (114, "To provide a review of the Adoption Service.")),
        line(382, (72, "Executive summary"), bold=True),
        line(408, (72, "2"), (114, "This report sets out the performance of the service")),
        line(426, (114, "and the direction of travel.")),
        line(474, (72, "Recommendation"), bold=True),
        line(501, (72, "3"), (114, "Corporate Parenting Panel is requested to:")),
        line(531, (114, "(a)"), (140, "Note the contents and agree the proposed priorities.")),
        line(558, (72, "Background"), bold=True),
        line(585, (72, "4"), (114, "From August 2022 the service received 97 enquiries.")),
        line(640, (72, "Author"), bold=True),
        line(672, (78, "Lesley Baldry, Operations Manager")),
        line(690, (78, "Tel: 03000 265363")),
    ]
    r = parse_report(lines)
    assert r.title == "Annual Report on the Adoption Service 2021/2022"
    assert r.report_of == "Jane Smith, Practice Lead, Children in Care, Durham County Council"
    assert r.divisions_affected == "None"
    assert r.recommendations == ["Note the contents and agree the proposed priorities."]
    assert [p.number for p in r.paragraphs] == ["1", "2", "3", "4"]
    assert r.paragraphs[1].text == ("This report sets out the performance of the service "
                                    "and the direction of travel.")
    assert r.author is not None and r.author.name == "Lesley Baldry"
    assert r.author.role == "Operations Manager"
    assert r.contact is not None and r.contact.phone == "03000 265363"


def test_header_grid_with_lettered_recommendations() -> None:
    """Kent-style: From:/To:/Subject: grid with values in a column, 'Recommendation(s):' a)-c)."""
    lines = [
        line(72, (70, "From:"), (227, "Sue Chandler, Cabinet Member for")),
        line(86, (227, "Integrated Children's Services")),
        line(113, (227, "Dan Watkins, Corporate Director")),
        line(140, (70, "To:"), (227, "Cabinet - 30 January 2025")),
        line(168, (70, "Subject:"), (227, "Transfer the 18-25 section of the Service"), bold=True),
        line(182, (227, "to the Adult Directorate"), bold=True),
        line(210, (70, "Classification:"), (227, "Unrestricted")),
        line(238, (70, "Electoral Division :"), (227, "All"), bold=True),
        line(280, (70, "Summary: The service oversees transitions between 0-25.")),
        line(320, (70, "Recommendation(s):"), bold=True),
        line(334, (70, "Cabinet is asked to:")),
        line(362, (70, "a) NOTE the forecast revenue overspend of £23.3m and the actions")),
        line(376, (70, "being taken to mitigate it")),
        line(404, (70, "b) NOTE the forecast capital underspend.")),
        line(432, (70, "c) AGREE the Capital budget changes.")),
        line(470, (70, "1."), (99, "Introduction"), bold=True),
        line(498, (70, "1.1"), (99, "Transitions is the process of a young person moving into adulthood.")),
        line(526, (70, "1.2"), (99, "The service currently oversees transitions.")),
    ]
    r = parse_report(lines)
    assert r.title == "Transfer the 18-25 section of the Service to the Adult Directorate"
    assert r.report_of == ("Sue Chandler, Cabinet Member for Integrated Children's Services "
                           "Dan Watkins, Corporate Director")
    assert r.divisions_affected == "All"
    assert len(r.recommendations) == 3
    assert r.recommendations[0] == ("NOTE the forecast revenue overspend of £23.3m and the actions "
                                    "being taken to mitigate it")
    assert [p.number for p in r.paragraphs] == ["1", "1.1", "1.2"]


def test_us_staff_report() -> None:
    """Banner and meeting date are not the title; PREPARED BY is report_of; one-sentence recommendation."""
    lines = [
        line(70, (72, "CITY COUNCIL STAFF REPORT"), size=16, bold=True),
        line(88, (72, "MEETING DATE: May 6, 2020"), size=16, bold=True),
        line(126, (72, "PREPARED BY: Donald Larkin, City Attorney")),
        line(140, (72, "APPROVED BY: City Manager")),
        line(168, (72, "REVIEW THE NEED TO CONTINUE THE LOCAL EMERGENCY DUE TO"), size=14, bold=True),
        line(184, (72, "COVID-19 RESPONSE"), size=14, bold=True),
        line(216, (72, "RECOMMENDATION(S)"), bold=True),
        line(230, (72, "Review current conditions and continue the March 13, 2020 emergency")),
        line(244, (72, "proclamation due to pandemic response.")),
        line(271, (72, "REPORT NARRATIVE:"), bold=True),
        line(285, (72, "On Friday, March 13, 2020, the City Manager proclaimed a local emergency.")),
        line(320, (72, "Attachments"), bold=True),
        line(334, (72, "1. Proclamation of Emergency")),
        line(348, (72, "2. Presentation")),
    ]
    r = parse_report(lines)
    assert r.title == "REVIEW THE NEED TO CONTINUE THE LOCAL EMERGENCY DUE TO COVID-19 RESPONSE"
    assert r.report_of == "Donald Larkin, City Attorney"
    assert len(r.recommendations) == 1
    assert r.paragraphs == []  # a short numbered list is not paragraph numbering
    assert r.author is not None and r.author.name == "Donald Larkin"


def test_memo_from_in_second_column_and_see_below_subject() -> None:
    lines = [
        line(180, (108, "TO: HONORABLE MAYOR"), (330, "FROM: Chris Burton")),
        line(194, (135, "AND CITY COUNCIL")),
        line(222, (72, "SUBJECT: SEE BELOW"), (330, "DATE: August 2, 2021"), bold=True),
        line(280, (261, "TRANSMITTAL"), bold=True),
        line(308, (72, "SUBJECT: H19-053. SITE DEVELOPMENT PERMIT FOR"), bold=True),
        line(322, (123, "A HOTEL"), bold=True),
        line(405, (72, "REASON FOR TRANSMITTAL"), bold=True),
        line(432, (72, "The Planning Commission will hear this item on August 11, 2021.")),
    ]
    r = parse_report(lines)
    assert r.report_of == "Chris Burton"
    assert r.title == "H19-053. SITE DEVELOPMENT PERMIT FOR A HOTEL"
    assert r.recommendations == []


def test_directive_paragraphs_without_heading() -> None:
    """'... is asked to agree the following:' then 'To replace ... with' + its text, bullets inside."""
    lines = [
        line(73, (150, "Labour Group - Alternative Budget"), size=11, bold=True),
        line(116, (72, "Amendment to the Revenue Budget 2025-26"), size=11, bold=True),
        line(175, (72, "Proposed by Mr A Brady"), size=11),
        line(215, (72, "County Council is asked to agree the following:"), size=11),
        line(240, (72, "To replace Recommendation (d) by making changes to the revenue budget."), size=11),
        line(265, (72, "To replace Recommendation (h) with"), size=11),
        line(290, (72, "Agree provision for pay uplifts applied from April 2025:"), size=11),
        line(303, (90, "• Increase the minimum rate by 5%."), size=11),
        line(316, (90, "• Increase all other points by 5%."), size=11),
        line(341, (72, "To replace Recommendation (o) with"), size=11),
        line(366, (72, "To note that the Cabinet Member will determine the final pay increases."), size=11),
        line(391, (72, "All other recommendations to remain the same."), size=11),
        line(430, (44, "1"), (72, "Introduction"), size=11, bold=True),
        line(452, (44, "1.1"), (72, "The recommendations above reflect a revised budget."), size=11),
    ]
    r = parse_report(lines)
    assert r.title == "Labour Group - Alternative Budget"
    assert r.report_of is None
    assert len(r.recommendations) == 3
    assert r.recommendations[1].startswith("To replace Recommendation (h) with Agree provision")


def test_inline_recommendation_and_numbered_sub_items() -> None:
    """'Recommendations: Cabinet is asked to ...' on one line counts once; (1)-(3) under 2.1 count three."""
    inline = [
        line(72, (70, "Subject:"), (198, "Integrated Care Strategy Delivery Plan"), bold=True),
        line(685, (70, "Recommendations: Cabinet is asked to consider and agree to the proposed")),
        line(699, (70, "decision, as detailed in the attached PROD.")),
        line(755, (70, "1."), (99, "Summary of Approach"), bold=True),
    ]
    assert len(parse_report(inline).recommendations) == 1
    grid = [
        line(186, (62, "Subject:"), (168, "Local Council Tax Support Scheme 2026/27"), bold=True),
        line(206, (62, "Report Of:"), (168, "Cabinet Member for Resources"), bold=True),
        line(226, (62, "Wards Affected:"), (168, "All"), bold=True),
        line(449, (57, "2.0"), (93, "Recommendations"), bold=True),
        line(477, (57, "2.1"), (93, "Cabinet is asked to RECOMMEND that:")),
        line(505, (129, "(1) the current scheme be adopted for 2026/27;")),
        line(546, (129, "(2) the scheme be updated to align with any legislation changes;")),
        line(601, (129, "(3) any urgent amendments be adopted.")),
        line(656, (57, "3.0"), (93, "Background and Key Issues"), bold=True),
        line(684, (57, "3.1"), (93, "Prior to each financial year the Council must decide.")),
    ]
    r = parse_report(grid)
    assert r.title == "Local Council Tax Support Scheme 2026/27"
    assert r.report_of == "Cabinet Member for Resources"
    assert r.divisions_affected == "All"
    assert len(r.recommendations) == 3


def test_sign_off_gives_report_of_without_label() -> None:
    lines = [
        line(171, (158, "Royal Sutton Coldfield Town Council Meeting 21 February 2017"), bold=True),
        line(222, (229, "Summer in Sutton Coldfield"), bold=True),
        line(266, (91, "Council is recommended to approve events to be delivered in the park.")),
        line(300, (72, "Council is recommended to approve the recommendations in section 2.")),
        line(350, (72, "Olive O'Sullivan"), bold=True),
        line(374, (72, "Acting Town Clerk"), bold=True),
        line(400, (295, "4"), size=11),
    ]
    r = parse_report(lines)
    assert r.title == "Summer in Sutton Coldfield"
    assert r.report_of == "Olive O'Sullivan, Acting Town Clerk"
    assert r.recommendations == []


def test_sign_off_drops_an_organisation_line() -> None:
    lines = [
        line(83, (169, "Cherwell District Council - March 2026"), size=16, bold=True),
        line(137, (72, "Planning at CDC is extraordinarily busy at the moment.")),
        line(217, (72, "Cllr David Rogers"), size=14),
        line(237, (72, "Cherwell District Council"), size=14),
    ]
    assert parse_report(lines).report_of == "Cllr David Rogers"


def test_restarting_numbered_lists_are_not_paragraphs() -> None:
    body = [
        line(100, (54, "RECOMMENDATION"), bold=True),
        line(120, (54, "Staff recommends that the Council take all of the following actions:")),
        line(140, (54, "1. Adopt a resolution certifying the report.")),
        line(160, (54, "2. Adopt a resolution approving the map.")),
        line(200, (54, "FINDINGS"), bold=True),
        line(220, (54, "1. That the condition of the tree is poor.")),
        line(240, (54, "2. That the location of the tree restricts use.")),
    ]
    r = parse_report(body)
    assert len(r.recommendations) == 2
    assert r.paragraphs == []


def test_inline_contact_line() -> None:
    lines = [
        line(80, (72, "Budget Update"), size=16, bold=True),
        line(120, (72, "Report of Corporate Director of Resources")),
        line(160, (72, "The budget is on track.")),
        line(200, (72, "Contact: Jane Smith  Tel: 03000 123456")),
        line(214, (72, "Email: jane.smith@example.gov.uk")),
    ]
    r = parse_report(lines)
    assert r.report_of == "Corporate Director of Resources"
    assert r.contact is not None
    assert (r.contact.name, r.contact.phone, r.contact.email) == (
        "Jane Smith", "03000 123456", "jane.smith@example.gov.uk")


SAMPLE = Path(__file__).parents[1] / "samples"


@pytest.mark.skipif(not (SAMPLE / "example_pack.pdf").exists(), reason="sample pack not present")
def test_example_pack_report() -> None:
    """The invented sample pack's report against its expected output."""
    from packparse.reader import read_pdf

    expected = json.loads((SAMPLE / "example_pack.expected.json").read_text(encoding="utf-8"))
    doc = next(d for d in expected["documents"] if d["kind"] == "report")
    first, last = doc["pdf_pages"]
    pages = read_pdf(SAMPLE / "example_pack.pdf").pages[first - 1:last]
    r = parse_report([ln for p in pages for ln in p.lines if not FURNITURE.match(ln.text.strip())])
    want = expected["report"]
    assert r.title == want["title"]
    assert r.report_of == want["report_of"]
    assert r.divisions_affected == want["divisions_affected"]
    assert r.recommendations == want["recommendations"]
    assert [p.number for p in r.paragraphs] == want["paragraph_numbers"]
    assert r.contact is not None
    assert (r.contact.name, r.contact.phone) == (want["contact"]["name"], want["contact"]["phone"])


# ---------------------------------------------------------------------------------------------------
# The real corpus


def _gold_reports() -> list[tuple[str, dict[str, Any]]]:
    if not (CORPUS / "gold").is_dir():
        return []
    out = []
    for path in sorted((CORPUS / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.extend((gold["file"], r) for r in gold.get("reports") or [])
    return out


GOLD_REPORTS = _gold_reports()


def _pdf_path(name: str) -> Path:
    for folder in ("real", "packs"):
        if (CORPUS / folder / name).exists():
            return CORPUS / folder / name
    raise FileNotFoundError(name)


@cache
def _file_lines(name: str) -> dict[int, list[Line]]:
    """The lines of every gold-report page of one PDF, read the way the reader reads them, with the
    'Page N' / 'Agenda Item N' stamps dropped. Only those pages are read, so big packs stay quick."""
    from packparse.reader import read_pages

    wanted = sorted({n for f, g in GOLD_REPORTS if f == name
                     for n in range(g["pdf_pages"][0], g["pdf_pages"][1] + 1)})
    return {page.pdf_page: [ln for ln in page.lines if not FURNITURE.match(ln.text.strip())]
            for page in read_pages(_pdf_path(name), wanted).pages}


def _report_lines(name: str, first: int, last: int) -> list[Line]:
    pages = _file_lines(name)
    return [ln for n in range(first, last + 1) for ln in pages[n]]


@cache
def _parsed(name: str, first: int, last: int) -> Report:
    return parse_report(_report_lines(name, first, last))


needs_corpus = pytest.mark.skipif(not GOLD_REPORTS, reason="shared corpus not present")


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize(("name", "gold"), GOLD_REPORTS,
                         ids=[f"{n.removesuffix('.pdf')}-p{g['pdf_pages'][0]}" for n, g in GOLD_REPORTS])
def test_gold_report(name: str, gold: dict[str, Any]) -> None:
    r = _parsed(name, *gold["pdf_pages"])
    assert tokens(r.title) == tokens(gold["title"])
    if gold["report_of"] is not None:
        assert tokens(r.report_of) == tokens(gold["report_of"])
    assert len(r.recommendations) == gold["recommendations"]
    assert bool(r.paragraphs) == gold["numbered_paragraphs"]


@needs_corpus
@pytest.mark.corpus
def test_corpus_targets() -> None:
    """The project's targets over all gold reports: report_of F1 >= 0.90, recommendation count >= 90%."""
    gold_of = got_of = tp_of = rec_ok = 0
    for name, gold in GOLD_REPORTS:
        r = _parsed(name, *gold["pdf_pages"])
        rec_ok += len(r.recommendations) == gold["recommendations"]
        if gold["report_of"] is None:
            continue
        gold_of += 1
        got_of += r.report_of is not None
        tp_of += tokens(r.report_of) == tokens(gold["report_of"])
    assert 2 * tp_of / (gold_of + got_of) >= 0.90
    assert rec_ok / len(GOLD_REPORTS) >= 0.90


# ---------------------------------------------------------------------------------------------------
# Header fields, sections, sub-items, listed documents and implications


def test_header_grid_fields_sections_and_implications() -> None:
    lines = [
        line(72, (70, "From:"), (227, "Jane Smith, Cabinet Member for Roads")),
        line(100, (70, "To:"), (227, "Cabinet - 30 January 2025")),
        line(128, (70, "Subject:"), (227, "Highways Plan"), bold=True),
        line(156, (70, "Decision no :"), (227, "24/00108")),
        line(184, (70, "Key Decision:"), (227, "Yes - It affects more than 2 Electoral Divisions")),
        line(212, (70, "Classification:"), (227, "Unrestricted")),
        line(260, (70, "Recommendation(s):"), bold=True),
        line(274, (70, "a) AGREE the plan.")),
        line(310, (70, "1."), (99, "Introduction"), bold=True),
        line(338, (70, "1.1"), (99, "The plan covers:")),
        line(352, (106, "(a)"), (130, "main roads; and")),
        line(366, (106, "(b)"), (130, "bridges, including")),
        line(380, (124, "(i)"), (150, "footbridges.")),
        line(394, (70, "1.2"), (99, "It runs to 2030.")),
        line(430, (70, "2."), (99, "Financial Implications"), bold=True),
        line(458, (70, "2.1"), (99, "The cost is £2m.")),
        line(494, (70, "3."), (99, "Legal implications"), bold=True),
        line(522, (70, "3.1"), (99, "None.")),
        line(558, (70, "4."), (99, "Background Documents"), bold=True),
        line(586, (106, "Local Transport Plan 4")),
        line(600, (106, "Highways Asset Management Policy")),
        line(636, (70, "5."), (99, "Appendices"), bold=True),
        line(664, (106, "• Appendix A – Proposed Record of Decision")),
        line(678, (106, "• Appendix B – EqIA")),
    ]
    r = parse_report(lines)
    assert (r.meeting, r.meeting_date, r.report_to) == ("Cabinet", "2025-01-30", "Cabinet - 30 January 2025")
    assert (r.decision_reference, r.key_decision, r.classification) == ("24/00108", True, "Unrestricted")
    assert [(s.number, s.heading, s.paragraphs) for s in r.sections] == [
        (None, "Recommendation(s)", []), ("1", "Introduction", ["1.1", "1.2"]),
        ("2", "Financial Implications", ["2.1"]), ("3", "Legal implications", ["3.1"]),
        ("4", "Background Documents", []), ("5", "Appendices", [])]
    p11 = next(p for p in r.paragraphs if p.number == "1.1")
    assert p11.parent == "1"
    assert [(i.marker, i.text, [(s.marker, s.text) for s in i.items]) for i in p11.items] == [
        ("(a)", "main roads; and", []), ("(b)", "bridges, including", [("(i)", "footbridges.")])]
    assert r.implications == {"finance": "The cost is £2m.", "legal": "None."}
    assert r.background_papers == ["Local Transport Plan 4", "Highways Asset Management Policy"]
    assert r.appendices == ["Appendix A – Proposed Record of Decision", "Appendix B – EqIA"]


def test_cover_sheet_meeting_and_implications_appendix() -> None:
    """Durham-style: the meeting and its date above the title; 'Appendix 1: Implications' with sub-headings."""
    lines = [
        line(70, (72, "Corporate Parenting Panel"), bold=True),
        line(90, (72, "16 December 2022"), bold=True),
        line(125, (72, "Annual Report"), size=15, bold=True),
        line(165, (72, "Report of Jane Smith, Practice Lead")),
        line(210, (72, "Purpose of the Report"), bold=True),
        line(237, (72, "1"), (114, "To report on the year.")),
        line(272, (72, "Other useful documents"), bold=True),
        line(299, (114, "• Quarterly Performance Scorecard")),
        line(334, (72, "Author"), bold=True),
        line(361, (78, "Lesley Baldry, Operations Manager")),
        line(75, (72, "Appendix 1: Implications"), size=14, bold=True, page=2),
        line(108, (72, "Legal Implications"), bold=True, page=2),
        line(135, (72, "None."), page=2),
        line(165, (72, "Equality and Diversity / Public Sector Equality Duty"), bold=True, page=2),
        line(192, (72, "N/A"), page=2),
        line(222, (72, "Crime and Disorder"), bold=True, page=2),
        line(249, (72, "None."), page=2),
    ]
    r = parse_report(lines)
    assert (r.meeting, r.meeting_date, r.report_to) == ("Corporate Parenting Panel", "2022-12-16", None)
    assert r.background_papers == ["Quarterly Performance Scorecard"]
    assert r.appendices == ["Appendix 1: Implications"]
    assert r.implications == {"legal": "None.", "equality": "N/A", "crime_and_disorder": "None."}
    assert [s.heading for s in r.sections][:2] == ["Purpose of the Report", "Other useful documents"]


def test_us_meeting_date_reads_month_first() -> None:
    lines = [
        line(85, (151, "STAFF REPORT"), bold=True),
        line(108, (151, "City Council"), bold=True),
        line(121, (151, "Meeting Date:"), (295, "1/12/2021"), bold=True),
        line(159, (151, "Regular Business:"), (295, "Approve a budget amendment of $15,000"), bold=True),
        line(247, (43, "Recommendation"), bold=True),
        line(261, (43, "Staff recommends the City Council approve the amendment.")),
    ]
    r = parse_report(lines)
    assert (r.meeting, r.meeting_date) == ("City Council", "2021-01-12")


def test_us_staff_report_names_its_body_by_banner_addressee_and_agenda_label() -> None:
    banner = parse_report([
        line(60, (72, "CITY COUNCIL STAFF REPORT"), bold=True),
        line(80, (72, "MEETING DATE:"), (200, "May 6, 2020")),
        line(110, (72, "REVIEW THE NEED TO CONTINUE THE LOCAL EMERGENCY"), bold=True),
        line(140, (72, "RECOMMENDATION(S)"), bold=True),
        line(154, (72, "Review current conditions.")),
    ])
    assert (banner.meeting, banner.meeting_date) == ("City Council", "2020-05-06")
    memo = parse_report([
        line(40, (400, "COUNCIL AGENDA: 8/24/21")),
        line(54, (400, "FILE: 21-1827")),
        line(90, (72, "TO:"), (150, "HONORABLE MAYOR"), (300, "FROM:"), (360, "Chris Burton")),
        line(102, (150, "AND CITY COUNCIL")),
        line(120, (72, "SUBJECT:"), (150, "SEE BELOW"), (300, "DATE:"), (360, "August 2, 2021")),
        line(150, (72, "REASON FOR TRANSMITTAL"), bold=True),
        line(164, (72, "The City Council hearing is scheduled for August 24, 2021.")),
    ])
    assert (memo.meeting, memo.meeting_date) == ("City Council", "2021-08-24")


@needs_corpus
def test_us_staff_reports_in_the_corpus_name_their_meeting() -> None:
    for stem, date in (("san_jose_memo_2021-08-24_item10-3", "2021-08-24"),
                       ("morgan_hill_staff_report_2020-05-06", "2020-05-06")):
        meeting = extracted(stem).meeting
        assert (meeting.body, meeting.date) == ("City Council", date)
        assert gold_of_file(stem)["meeting"]["body"] == "City Council" and gold_of_file(stem)["meeting"]["date"] == date


@needs_corpus
@pytest.mark.corpus
def test_corpus_report_structure() -> None:
    """Header fields, implications, listed documents and nesting read from the real reports."""
    clasp = _parsed("durham_cpp_2022-12-16_agenda_pack.pdf", 9, 15)
    assert (clasp.meeting, clasp.meeting_date) == ("Corporate Parenting Panel", "2022-12-16")
    assert list(clasp.implications) == [
        "legal", "finance", "consultation", "equality", "climate", "human_rights", "crime_and_disorder",
        "staffing", "accommodation", "risk", "procurement"]
    assert clasp.implications["finance"] == "There are no financial implications linked to this report."
    assert clasp.implications["legal"] == "None."
    assert clasp.implications["risk"].startswith("The risk of failing to develop productive working relationships")
    assert clasp.appendices == ["Appendix 1: Implications"]
    assert [(s.heading, len(s.paragraphs)) for s in clasp.sections[1:5]] == [
        ("Purpose of the Report", 1), ("Executive Summary", 4), ("Governance", 8), ("Recommendation", 1)]

    transfer = _parsed("kent_cabinet_2025-01-30_item7_supplement_pack.pdf", 3, 11)
    assert (transfer.decision_reference, transfer.key_decision, transfer.classification) == (
        "24/00109", True, "Unrestricted")
    assert (transfer.meeting, transfer.meeting_date, transfer.report_to) == (
        "Cabinet", "2025-01-30", "Cabinet - 30 January 2025")
    assert list(transfer.implications) == ["finance", "legal", "equality", "data_protection"]
    assert transfer.implications["finance"].startswith("The budget for the statutory functions")
    assert transfer.appendices == ["Appendix A – Proposed Record Of Decision", "Appendix B – EqIA",
                                   "Appendix C – DPIA Screening Tool Outcome"]
    assert len(transfer.background_papers) == 7 and transfer.background_papers[1] == "ADASS Roadmap"
    intro = next(s for s in transfer.sections if s.number == "1")
    assert (intro.heading, intro.paragraphs[0], intro.paragraphs[-1]) == ("Introduction", "1.1", "1.9")
    p11 = next(p for p in transfer.paragraphs if p.number == "1.1")
    assert p11.parent == "1"
    assert [i.marker for i in p11.items] == ["•", "•", "•", "•"]
    assert [s.text for s in p11.items[0].items] == ["Multi-Agency Collaboration",
                                                    "Include a Sensory and Young People’s Team"]

    ics = _parsed("kent_cabinet_2025-01-30_public_reports_pack.pdf", 329, 337)
    assert (ics.decision_reference, ics.key_decision, ics.classification) == ("24/00115", None, "Unrestricted")

    monitoring = _parsed("kent_cabinet_2025-01-30_finance_monitoring_report.pdf", 1, 54)
    assert (monitoring.meeting, monitoring.meeting_date, monitoring.report_to) == (
        "Cabinet", "2025-01-30", "Cabinet – 30 January 2025")  # 'To' with no colon; 'Unrestricted' below it
    assert monitoring.classification == "Unrestricted"

    cts = _parsed("gloucester_cabinet_2025-12-10_cts_scheme_report.pdf", 1, 8)
    assert (cts.meeting, cts.meeting_date, cts.key_decision) == ("Cabinet", "2025-12-10", True)
    assert cts.implications == {
        "environmental": "There are no environmental implications associated with this report",
        "finance": cts.implications["finance"], "legal": cts.implications["legal"], "risk": cts.implications["risk"],
        "community_safety": "None", "staffing": "None"}
    assert cts.background_papers == ["Local Council Tax Support Policy 2026"]
    assert cts.appendices == ["1. Council Tax Support Scheme – Gloucester City Council"]
    recommend = next(p for p in cts.paragraphs if p.number == "2.1")
    assert (recommend.parent, [i.marker for i in recommend.items]) == ("2.0", ["(1)", "(2)", "(3)"])
