"""One test per house style the structure stage must read (issue 14), on real corpus files where the corpus
has one and on generated pages (invented text, tests/pdfmaker.py) where it does not."""

from __future__ import annotations

from pathlib import Path

import pytest

import packparse
from tests.corpus import needs_corpus, pdf_path, wild_path
from tests.pdfmaker import Gap, L, make_pdf, para

# --------------------------------------------------------------------------------------------------
# Generated layouts


def _headed_minutes(path: Path, with_references: bool) -> Path:
    """Committee minutes whose items are bold headings, "(Item N)" beneath, numbered paragraphs inside."""
    head = [L("WESTBROOK DISTRICT COUNCIL", size=14, bold=True), Gap(6),
            *para("MINUTES of a meeting of the Planning Committee held at the Council Offices, Westbrook on "
                  "Tuesday 4 March 2025 at 7.00 pm"), Gap(),
            *para("Present: Councillor A Smith (Chair), Councillors B Jones, C Brown and D White"),
            *para("Also present: Mrs E Green (Democratic Services Officer)"), Gap(14)]
    items = [
        ("Apologies for Absence", ["Apologies for absence were received from Councillor F Black."]),
        ("Declarations of Interest", ["There were no declarations of interest."]),
        ("Minutes of the Previous Meeting", ["RESOLVED that the minutes of the meeting held on 4 February 2025 "
                                             "be approved as a correct record."]),
        ("Land at Mill Lane, Westbrook - 24/01234/FUL", [
            "The Committee considered the report of the Head of Planning on the application.",
            "Mr G Field addressed the Committee in objection to the application.",
            "RESOLVED that planning permission be granted subject to the conditions set out in the report."]),
        ("Revenue Budget Monitoring 2024/25", ["The Chief Finance Officer introduced the report on the outturn.",
                                               "RESOLVED that the report be noted."]),
    ]
    body: list = []
    for n, (title, paras) in enumerate(items, 1):
        body += [L(title, bold=True)] + ([L(f"(Item {n})")] if with_references else []) + [Gap(4)]
        for k, text in enumerate(paras, 1):
            lines = para(text, width=80)
            body += [L(f"{k}.", rest=lines[0].text, hang=24), *(L(x.text, x=96) for x in lines[1:]), Gap(4)]
        body.append(Gap(8))
    return make_pdf(path, [head + body[:30], body[30:]])


@pytest.mark.parametrize("with_references", [True, False], ids=["item-references", "restarting-paragraphs"])
def test_minutes_headed_by_titles(tmp_path: Path, with_references: bool) -> None:
    pack = packparse.extract(_headed_minutes(tmp_path / "m.pdf", with_references))
    (doc,) = pack.documents
    assert doc.kind == "minutes"
    minutes = doc.minutes
    assert minutes is not None and minutes.body == "Planning Committee" and minutes.date == "2025-03-04"
    assert [i.title for i in minutes.items] == [
        "Apologies for Absence", "Declarations of Interest", "Minutes of the Previous Meeting",
        "Land at Mill Lane, Westbrook - 24/01234/FUL", "Revenue Budget Monitoring 2024/25"]
    assert [i.number for i in minutes.items] == [""] * 5  # no minute numbers are printed
    if with_references:
        assert [i.agenda_item for i in minutes.items] == ["1", "2", "3", "4", "5"]
    assert sum(len(i.resolutions) for i in minutes.items) == 3
    land = minutes.items[3]
    assert len(land.paragraphs) == 3 and land.paragraphs[1].startswith("2. Mr G Field")
    assert [p.name for p in minutes.attendance.present] == [
        "Councillor A Smith", "Councillor B Jones", "Councillor C Brown", "Councillor D White"]


def _action_minutes(path: Path) -> Path:
    """US action minutes: a roll-call table and RESULT / MOTION BY / SECOND / AYES / NAYS / ABSENT blocks."""
    def block(result: str, mover: str, second: str, ayes: str, nays: str) -> list:
        return [L("RESULT:", rest=result, x=132, hang=80, bold=True), L("MOTION BY:", rest=mover, x=132, hang=80),
                L("SECOND:", rest=second, x=132, hang=80), L("AYES:", rest=ayes, x=132, hang=80),
                L("NAYS:", rest=nays, x=132, hang=80), L("ABSENT:", rest="Lee", x=132, hang=80), Gap()]
    page = [L("CITY OF FAIRVIEW", size=14, bold=True, x=230), L("CITY COUNCIL", size=13, bold=True, x=250),
            L("ACTION MINUTES", size=13, bold=True, x=240), L("Regular Meeting", x=255),
            L("Tuesday, March 4, 2025", x=240), L("6:00 PM", x=275), Gap(14),
            L("1.", rest="CALL TO ORDER", bold=True, hang=24),
            L("Mayor Rivera called the meeting to order at 6:00 p.m.", x=96), Gap(),
            L("2.", rest="ROLL CALL", bold=True, hang=24),
            L(cells=[(96, "Attendee Name"), (230, "Title"), (360, "Status"), (450, "Arrived")], bold=True),
            L(cells=[(96, "Ana Rivera"), (230, "Mayor"), (360, "Present")]),
            L(cells=[(96, "Ben Ortiz"), (230, "Vice Mayor"), (360, "Present")]),
            L(cells=[(96, "Cara Lee"), (230, "Councilmember"), (360, "Absent")]),
            L(cells=[(96, "Dan Wu"), (230, "Councilmember"), (360, "Late"), (450, "6:15 PM")]), Gap(),
            L("3.", rest="CONSENT CALENDAR", bold=True, hang=24),
            L("3.1", rest="Approval of the Minutes of February 18, 2025", hang=24, x=96),
            *block("APPROVED [3-0]", "Ben Ortiz, Vice Mayor", "Dan Wu, Councilmember", "Rivera, Ortiz, Wu", "None"),
            L("3.2", rest="Award of Contract for Street Resurfacing Project 2025-01", hang=24, x=96),
            *block("ADOPTED [2-1]", "Dan Wu, Councilmember", "Ana Rivera, Mayor", "Rivera, Wu", "Ortiz"),
            L("4.", rest="ADJOURNMENT", bold=True, hang=24), L("The meeting adjourned at 7:42 p.m.", x=96)]
    return make_pdf(path, [page])


def test_us_action_minutes(tmp_path: Path) -> None:
    pack = packparse.extract(_action_minutes(tmp_path / "a.pdf"))
    (doc,) = pack.documents
    assert doc.kind == "minutes"
    assert pack.meeting.body == "City Council" and pack.meeting.date == "2025-03-04"
    minutes = doc.minutes
    assert minutes is not None
    att = minutes.attendance
    assert [p.name for p in att.present] == ["Ana Rivera", "Ben Ortiz", "Dan Wu"]
    assert [p.name for p in att.absent] == ["Cara Lee"]
    assert att.chair is not None and att.chair.name == "Ana Rivera"
    assert [i.number for i in minutes.items] == ["1", "2", "3", "4"]
    consent = minutes.items[2]
    assert consent.resolutions == ["3.1 Approval of the Minutes of February 18, 2025: APPROVED [3-0]",
                                   "3.2 Award of Contract for Street Resurfacing Project 2025-01: ADOPTED [2-1]"]
    first, second = consent.decisions
    assert (first.outcome, first.proposer, first.seconder, first.votes_for, first.votes_against) == (
        "APPROVED", "Ben Ortiz", "Dan Wu", 3, 0)
    assert first.ayes == ["Rivera", "Ortiz", "Wu"] and first.nays == [] and first.absent == ["Lee"]
    assert (second.outcome, second.votes_for, second.votes_against, second.nays) == ("ADOPTED", 2, 1, ["Ortiz"])


def _questions_pack(path: Path, numbered: bool = True) -> Path:
    """Members' questions, one per page: "Question N" / "Question by X to Y" / the question / "Answer"."""
    questions = [("Mr A Smith", "Mrs B Jones, Cabinet Member for Highways", "potholes repaired last year"),
                 ("Mrs C Brown", "Mr D White, Leader of the Council", "the cost of the new council offices"),
                 ("Ms E Green", "Mrs B Jones, Cabinet Member for Highways", "the Mill Lane crossing")]
    pages = []
    for k, (who, to, about) in enumerate(questions, 1):
        pages.append([L("COUNTY COUNCIL MEETING - 13 MARCH 2025", size=12, bold=True), Gap(),
                      *([L(f"Question {k}", size=12, bold=True), Gap(6)] if numbered else []),
                      L(f"Question by {who} to {to}", bold=True),
                      Gap(6), *para(f"Would the Cabinet Member tell the Council what is being done about {about}, "
                                    "and when residents can expect to see progress on it?"), Gap(),
                      L("Answer", bold=True), Gap(6),
                      *para("I thank the member for the question. Funding for this work is in next year's budget "
                            "and the programme will be published in the spring.")])
    return make_pdf(path, pages)


@pytest.mark.parametrize("numbered", [True, False], ids=["question-n", "question-by-only"])
def test_members_questions_pack_one_document_per_question(tmp_path: Path, numbered: bool) -> None:
    pack = packparse.extract(_questions_pack(tmp_path / "q.pdf", numbered))
    assert [(d.kind, d.pdf_pages.first, d.pdf_pages.last) for d in pack.documents] == [
        ("questions", 1, 1), ("questions", 2, 2), ("questions", 3, 3)]
    assert [d.title for d in pack.documents] == [
        "Question by Mr A Smith to Mrs B Jones, Cabinet Member for Highways",
        "Question by Mrs C Brown to Mr D White, Leader of the Council",
        "Question by Ms E Green to Mrs B Jones, Cabinet Member for Highways"]
    assert all(d.split_by in ("repeated_form", "next_question") for d in pack.documents[1:])


# --------------------------------------------------------------------------------------------------
# Real corpus layouts


@needs_corpus
def test_agenda_numbered_with_running_minute_numbers() -> None:
    pack = packparse.extract(wild_path("tintern_cc_2018-11-26_agenda"))
    assert [i.number for i in pack.agenda.items] == [str(n) for n in range(2599, 2614)]
    titles = {i.number: i.title for i in pack.agenda.items}
    assert titles["2599"] == "Police Report" and titles["2612"] == "Any Other Business"
    assert titles["2605"] == "Accounts for payment:-"  # the payees listed under it are not its title
    assert pack.meeting.body == "Tintern Community Council"  # "a meeting of the above Council"


@needs_corpus
def test_agenda_nested_numbering_past_nine() -> None:
    pack = packparse.extract(wild_path("cupertino_usd_10-22-2013_agenda"))
    numbers = [i.number for i in pack.agenda.items]
    assert numbers[:15] == ["1", "2", "3", "4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9",
                            "4.10", "4.11"]
    item = next(i for i in pack.agenda.items if i.number == "4.10")
    assert item.level == 2 and item.parent == "4"


@needs_corpus
def test_agenda_roman_sections_and_lettered_sub_items() -> None:
    pack = packparse.extract(wild_path("gavilan_ccd_12-08-2015_agenda"))
    numbers = [i.number for i in pack.agenda.items]
    assert numbers[:9] == ["I", "1", "2", "3", "II", "1", "2", "3", "4"]
    assert [i.title for i in pack.agenda.items[:2]] == ["CALL TO ORDER", "Roll Call"]  # time kept out
    assert pack.agenda.items[3].title == "Recess to Closed Session"  # the side note is not the title
    sub = pack.agenda.items[9]
    assert (sub.number, sub.parent, sub.level) == ("(a)", "4", 3)


@needs_corpus
def test_printed_minutes_keep_their_item_references() -> None:
    pack = packparse.extract(pdf_path("kent_cabinet_2025-01-30_printed_minutes"))
    minutes = next(d.minutes for d in pack.documents if d.minutes is not None)
    assert [(i.number, i.agenda_item) for i in minutes.items[:3]] == [("84", "1"), ("85", "2"), ("86", "3")]
    assert minutes.items[0].title == "Apologies"


@needs_corpus
def test_attendance_in_columns_under_a_row_of_labels() -> None:
    pack = packparse.extract(wild_path("souldern_pc_2024-06-27_minutes"))
    att = next(d.minutes for d in pack.documents if d.minutes is not None).attendance
    assert [p.name for p in att.present] == ["Nick Oakhill", "Heidi Dennison", "Neal Ship"]
    assert att.chair is not None and att.chair.name == "Nick Oakhill"
    assert [p.name for p in att.also_present] == ["Cathy Fleet", "Cllr Andrew McHugh", "Joanna Carlisle"]


@needs_corpus
def test_minutes_misprinted_number_kept_and_visitors_apart() -> None:
    pack = packparse.extract(wild_path("milburn_pc_2016-03-01_minutes"))
    minutes = next(d.minutes for d in pack.documents if d.minutes is not None)
    assert "6.3.14" in [i.number for i in minutes.items]  # printed for 16.03.14
    pack = packparse.extract(wild_path("tintern_cc_2018-06-25_minutes"))
    att = next(d.minutes for d in pack.documents if d.minutes is not None).attendance
    assert [p.name for p in att.also_present] == ["County Councillor Webb", "Mr David James", "Katie Knill",
                                                  "Mr Ashey Eley"]


@needs_corpus
def test_text_drawn_as_outlines_is_never_blank() -> None:
    pack = packparse.extract(wild_path("souldern_pc_2019-01-15_minutes"))
    assert [p.kind for p in pack.pages] == ["image_only", "image_only"]
    assert all(p.needs_ocr for p in pack.pages)
    assert any(w.code == "image_only_pages" and "outlines" in w.message for w in pack.warnings)


@needs_corpus
def test_overprinted_fake_bold_reads_once() -> None:
    pack = packparse.extract(wild_path("souldern_pc_2025-05-20_annual_parish_meeting_agenda"))
    assert pack.meeting.body is not None and pack.meeting.body.upper() == "SOULDERN PARISH COUNCIL"
