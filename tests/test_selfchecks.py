"""The gold-free self-checks on hand-made outputs: a check that must fail fails, with its evidence;
one that must pass passes; what a check cannot judge is n/a."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from packparse.evaluation.selfchecks import (
    CHECKS,
    PageFacts,
    PdfFacts,
    body_problem,
    decision_markers,
    numbered_lines,
    numbering_runs,
    printed_dates,
    rates,
    read_facts,
    run_checks,
    title_problem,
)

from .corpus import CORPUS, needs_corpus


def page(n: int, text: str = "", *, chars: int | None = None, paths: int = 0, images: int = 0,
         cover: float = 0.0) -> PageFacts:
    count = sum(1 for ch in text if not ch.isspace()) if chars is None else chars
    return PageFacts(pdf_page=n, chars=count, text_objects=1 if text else 0, paths=paths, images=images,
                     image_cover=cover, text=text)


def facts(*pages: PageFacts) -> PdfFacts:
    return PdfFacts(pages=list(pages))


def output(n_pages: int = 1, **over: Any) -> dict[str, Any]:
    """A minimal packparse output: every page content, one document of kind `other` over them all."""
    out: dict[str, Any] = {
        "meeting": {"body": "Parish Council", "date": "2018-01-08", "pdf_page": 1},
        "agenda": {"items": []},
        "documents": [doc("other", 1, n_pages)],
        "pages": [{"pdf_page": i, "kind": "content", "needs_ocr": False} for i in range(1, n_pages + 1)],
        "warnings": [],
    }
    out.update(over)
    return out


def doc(kind: str, first: int, last: int, text: str = "", **more: Any) -> dict[str, Any]:
    return {"kind": kind, "title": more.pop("title", None), "pdf_pages": {"first": first, "last": last},
            "text": text, **more}


def item(number: str, title: str = "Item", **more: Any) -> dict[str, Any]:
    return {"number": number, "title": title, "level": more.pop("level", number.count(".") + 1),
            "parent": more.pop("parent", None), **more}


def check(out: dict[str, Any] | None, f: PdfFacts | None, name: str) -> dict[str, Any]:
    return run_checks(out, f)[name]


def status(out: dict[str, Any] | None, f: PdfFacts | None, name: str) -> str:
    return check(out, f, name)["status"]


HEAD = "TINTERN COMMUNITY COUNCIL\nYou are summoned to a meeting on Monday 8th January 2018 at 7.00pm\n"


# --------------------------------------------------------------------------------------------------
# silent_loss


def test_outlined_page_called_blank_fails_with_the_counts() -> None:
    f = facts(page(1, "", chars=0, paths=1297))
    out = output(1, pages=[{"pdf_page": 1, "kind": "blank", "needs_ocr": False}], documents=[])
    res = check(out, f, "silent_loss")
    assert res["status"] == "fail"
    ev = res["evidence"][0]
    assert ev["page"] == 1 and "vector outlines" in ev["why"] and "1297 paths" in ev["why"]


def test_outlined_page_flagged_for_ocr_with_a_warning_passes() -> None:
    f = facts(page(1, "", chars=0, paths=1297), page(2, "", chars=0, images=1, cover=0.98))
    out = output(2, documents=[], pages=[{"pdf_page": n, "kind": "image_only", "needs_ocr": True} for n in (1, 2)],
                 warnings=[{"code": "image_only_pages", "pdf_page": 1,
                            "message": "2 page(s) are images with no text layer and need OCR: [1, 2]"}])
    assert status(out, f, "silent_loss") == "pass"


def test_image_only_without_a_warning_or_needs_ocr_fails() -> None:
    f = facts(page(1, "", chars=0, images=1, cover=1.0))
    flagged = output(1, documents=[], pages=[{"pdf_page": 1, "kind": "image_only", "needs_ocr": True}])
    assert "no warning" in check(flagged, f, "silent_loss")["evidence"][0]["why"]
    unflagged = output(1, documents=[], pages=[{"pdf_page": 1, "kind": "image_only", "needs_ocr": False}],
                       warnings=[{"code": "image_only_pages", "pdf_page": 1, "message": "need OCR: [1]"}])
    assert status(unflagged, f, "silent_loss") == "fail"


def test_page_read_by_ocr_passes_when_the_ocr_warning_names_it() -> None:
    f = facts(page(1, "", chars=0, paths=900), page(2, "", chars=0, paths=900))
    out = output(2, warnings=[{"code": "ocr", "pdf_page": 1, "message": "text of 2 of 2 scanned page(s) read by "
                               "OCR (tesseract 5); check it against the page: 1, 2"}])
    assert status(out, f, "silent_loss") == "pass"


@pytest.mark.parametrize("text", ["Page 16", "This page is intentionally left blank\nPage 16", "", "P a g e | 4"])
def test_blank_page_with_only_furniture_passes(text: str) -> None:
    f = facts(page(1, "Minutes of the meeting\nPresent: Cllr A"), page(2, text))
    out = output(2, documents=[doc("minutes", 1, 1)], pages=[
        {"pdf_page": 1, "kind": "content", "needs_ocr": False}, {"pdf_page": 2, "kind": "blank", "needs_ocr": False}])
    assert status(out, f, "silent_loss") == "pass"


def test_running_footer_alone_on_a_blank_page_is_furniture() -> None:
    footer = "Parish Clerk : Cathy Fleet\nWestfield Farm Cottage, Fenway, Steeple Aston"
    f = facts(page(1, "MINUTES OF THE MEETING\nPresent: Cllr A\n" + footer), page(2, footer))
    out = output(2, documents=[doc("minutes", 1, 1)], pages=[
        {"pdf_page": 1, "kind": "content", "needs_ocr": False}, {"pdf_page": 2, "kind": "blank", "needs_ocr": False}])
    assert status(out, f, "silent_loss") == "pass"


def test_blank_page_with_text_and_page_outside_every_document_fail() -> None:
    f = facts(page(1, "Minutes"), page(2, "Planning applications were discussed at length."),
              page(3, "Correspondence from the county council was noted."))
    out = output(3, documents=[doc("minutes", 1, 1)], pages=[
        {"pdf_page": 1, "kind": "content", "needs_ocr": False},
        {"pdf_page": 2, "kind": "blank", "needs_ocr": False},
        {"pdf_page": 3, "kind": "content", "needs_ocr": False}])
    ev = check(out, f, "silent_loss")["evidence"]
    assert [(e["page"], e["text"]) for e in ev] == [
        (2, "Planning applications were discussed at length."),
        (3, "Correspondence from the county council was noted.")]
    assert "blank" in ev[0]["why"] and "no document" in ev[1]["why"]


def test_a_blank_page_drawing_a_picture_fails() -> None:
    f = facts(page(1, "x" * 40), page(2, "", chars=0, images=1, cover=0.1))
    out = output(2, pages=[{"pdf_page": 1, "kind": "content", "needs_ocr": False},
                           {"pdf_page": 2, "kind": "blank", "needs_ocr": False}])
    assert status(out, f, "silent_loss") == "fail"


# --------------------------------------------------------------------------------------------------
# meeting_date / meeting_body


def test_printed_dates_reads_uk_us_and_numeric_forms() -> None:
    text = "Monday 8 th January 2018\nTuesday, January 26, 2021 7:00 PM\nDate: 2/9/2021\n24th May 2023\n2025-01-30"
    got = printed_dates(text)
    assert {"2018-01-08", "2021-01-26", "2021-02-09", "2021-09-02", "2023-05-24", "2025-01-30"} <= got


def test_meeting_date_must_be_printed_at_the_head() -> None:
    f = facts(page(1, HEAD + "AGENDA"), page(2, "Date of next meeting: 5th February 2018"))
    assert status(output(2), f, "meeting_date") == "pass"
    wrong = output(2, meeting={"body": "Council", "date": "2018-02-05", "pdf_page": 1})
    assert "only on page 2" in check(wrong, f, "meeting_date")["evidence"][0]["why"]
    invented = output(2, meeting={"body": "Council", "date": "2019-03-04", "pdf_page": 1})
    assert "anywhere" in check(invented, f, "meeting_date")["evidence"][0]["why"]


def test_missing_date_or_body_needs_a_warning() -> None:
    f = facts(page(1, "STATEMENT OF PERSONS NOMINATED"))
    out = output(1, meeting={"body": None, "date": None})
    assert status(out, f, "meeting_date") == "fail" and status(out, f, "meeting_body") == "fail"
    out["warnings"] = [{"code": "no_meeting", "message": "no meeting date or body: an election notice"}]
    assert status(out, f, "meeting_date") == "pass" and status(out, f, "meeting_body") == "pass"


def test_missing_date_is_explained_when_every_page_needs_ocr() -> None:
    f = facts(page(1, "", chars=0, paths=1500))
    out = output(1, meeting={"body": None, "date": None}, documents=[],
                 pages=[{"pdf_page": 1, "kind": "image_only", "needs_ocr": True}],
                 warnings=[{"code": "image_only_pages", "pdf_page": 1, "message": "need OCR: [1]"}])
    assert status(out, f, "meeting_date") == "pass"
    # the head needs OCR, a later page has text (a signature): still explained
    f2 = facts(page(1, "", chars=0, paths=1500), page(2, "Signed: Chairman"))
    out2 = output(2, meeting={"body": None, "date": None}, documents=[doc("other", 2, 2)],
                  pages=[{"pdf_page": 1, "kind": "image_only", "needs_ocr": True},
                         {"pdf_page": 2, "kind": "content", "needs_ocr": False}],
                  warnings=[{"code": "image_only_pages", "pdf_page": 1, "message": "need OCR: [1]"}])
    assert status(out2, f2, "meeting_body") == "pass"
    out2["pages"][0] = {"pdf_page": 1, "kind": "content", "needs_ocr": False}
    assert status(out2, f2, "meeting_body") == "fail"


@pytest.mark.parametrize("body", [
    "above Council", "above Council held", "Present", "the", "Extraordinary", "Souldern",
    "SSSOOOUUULLLDDDEEERRRNNN PPPAAARRRIIISSSHHH CCCOOOUUUNNNCCCIIILLL",
    "Parish Council Thursday 23rd May 2019 7.30 pm", "Parish Council 24th May 2023 7.15 pm",
    "Board of Trustees 830 N. Capitol Avenue San Jose, CA 95133",
    "5055 Santa Teresa Blvd., Gilroy, CA 95020", "AMENDED AGENDA",
    "Agenda & Summons to Councillors and Invitation to Members of the Public",
    "GAVILAN JOINT COMMUNITY COLLEGE DISTRICT", "Members of the Council were summoned.",
])
def test_bad_bodies(body: str) -> None:
    assert body_problem(body), body
    f = facts(page(1, HEAD))
    res = check(output(1, meeting={"body": body, "date": "2018-01-08", "pdf_page": 1}), f, "meeting_body")
    assert res["status"] == "fail" and res["evidence"][0]["text"] is not None


@pytest.mark.parametrize("body", [
    "Cabinet", "County Council", "Corporate Parenting Panel", "Board of Education", "Milburn Parish Council",
    "City Council", "Annual Parish Meeting", "Planning Commission", "Board of Trustees", "CABINET",
    "Children's Services Scrutiny Sub-Committee", "Council", "Health and Wellbeing Board",
])
def test_good_bodies(body: str) -> None:
    assert body_problem(body) is None, body


# --------------------------------------------------------------------------------------------------
# Kinds from text cues


def test_agenda_page_inside_another_kind_fails_and_other_is_questioned() -> None:
    f = facts(page(1, HEAD + "AGENDA\n2399. Police Report\n2400. Public Forum"))
    out = output(1)  # one document of kind `other`
    res = check(out, f, "agenda_found")
    assert res["status"] == "fail" and res["evidence"][0]["page"] == 1
    assert res["evidence"][0]["why"] == "page reads as an agenda but is inside `other`"
    assert status(out, f, "other_kind") == "fail"
    out["documents"][0]["kind"] = "agenda"
    assert status(out, f, "agenda_found") == "pass" and status(out, f, "other_kind") == "n/a"


def test_minutes_page_inside_an_agenda_fails() -> None:
    f = facts(page(1, "TINTERN COMMUNITY COUNCIL\nMinutes of a meeting of the above Council held on Monday\n"
                      "Present: Chairman Cllr Mrs Shewell, Cllrs Hayward\n2503. Police Report"))
    out = output(1, documents=[doc("agenda", 1, 1)])
    assert status(out, f, "minutes_found") == "fail"
    out["documents"][0]["kind"] = "minutes"
    assert status(out, f, "minutes_found") == "pass"


@pytest.mark.parametrize("line", ["Agenda Item 5", "3. Minutes of the previous meeting", "agenda",
                                  "COUNCIL AGENDA: 8/24/21", "Minutes of October 8, 2020.",
                                  "Presentations", "to approve the minutes of the last meeting"])
def test_words_that_are_no_kind_cue(line: str) -> None:
    f = facts(page(1, f"Report to Cabinet\n{line}\nSome text"))
    out = output(1, documents=[doc("report", 1, 1)])
    assert status(out, f, "agenda_found") == "n/a" and status(out, f, "minutes_found") == "n/a"


def test_no_cue_no_judgement() -> None:
    f = facts(page(1, "Statement of accounts 2019/20\nIncome 1,000"))
    assert status(output(1), f, "agenda_found") == "n/a"
    assert status(output(1), f, "other_kind") == "pass"


# --------------------------------------------------------------------------------------------------
# agenda_items / agenda_sequence

TINTERN = HEAD + "AGENDA\n2399. Police Report\n2400. Public Forum\n2401. Apologies for absence\n2402. Declarations"


def _agenda(text: str, items: list[dict[str, Any]]) -> tuple[dict[str, Any], PdfFacts]:
    out = output(1, documents=[doc("agenda", 1, 1, text)], agenda={"items": items})
    return out, facts(page(1, text))


def test_running_minute_numbers_must_all_be_items() -> None:
    out, f = _agenda(TINTERN, [])
    res = check(out, f, "agenda_items")
    assert res["status"] == "fail" and len(res["evidence"]) == 4
    assert res["evidence"][0] == {"page": 1, "text": "2399. Police Report",
                                  "why": "numbered line 2399 is printed 1x but is 0x in agenda.items"}
    out["agenda"]["items"] = [item(n) for n in ("2399", "2400", "2401", "2402")]
    assert status(out, f, "agenda_items") == "pass"
    assert status(out, f, "agenda_sequence") == "pass"


def test_nested_numbers_past_nine() -> None:
    lines = ["AGENDA", "1. Call to order", "2. Consent calendar"] + [f"2.{k} Approve thing {k}" for k in range(1, 14)] \
        + ["10. Adjourn"]
    text = "\n".join(lines)
    items = [item("1"), item("2")] + [item(f"2.{k}", parent="2") for k in range(1, 14)] + [item("10")]
    out, f = _agenda(text, items)
    assert status(out, f, "agenda_items") == "pass"
    assert status(out, f, "agenda_sequence") == "pass"
    dropped = copy.deepcopy(out)
    dropped["agenda"]["items"] = [i for i in items if i["number"] not in ("2.10", "2.11")]
    res = check(dropped, f, "agenda_items")
    assert [e["text"] for e in res["evidence"]] == ["2.10 Approve thing 10", "2.11 Approve thing 11"]
    seq = check(dropped, f, "agenda_sequence")
    assert seq["status"] == "fail" and "2.10, 2.11 printed" in seq["evidence"][0]["why"]


def test_lines_that_only_look_numbered_are_not_expected() -> None:
    text = ("AGENDA\n1. Apologies\n2. Minutes\n3. Planning\n12 High Street, Souldern - extension\n"
            "10 January 2019 was the last meeting\n7.30 pm start\n2012 Issue Transportation Bonds\n"
            "2013 winter season, are hereby accepted\n07.17.02 NO to follow up borrowing\n07.17.04 NO to arrange\n"
            "4. as they are considered routine (a wrapped sentence)\n"
            "A. Smith and B. Jones attended")
    out, f = _agenda(text, [item("1"), item("2"), item("3")])
    assert status(out, f, "agenda_items") == "pass"


def test_roman_sections_and_two_agendas_count_each_list() -> None:
    text = ("AGENDA\nI. CALL TO ORDER\n1. Roll Call\n2. Comments from the Public\nII. OPEN SESSION\n"
            "1. Call to Order\n2. Roll Call\n3. Pledge of Allegiance")
    out, f = _agenda(text, [item("1"), item("2"), item("3")])
    res = check(out, f, "agenda_items")
    assert res["status"] == "fail" and res["evidence"][0]["text"] == "1. Call to Order"
    out["agenda"]["items"] = [item("1", section="I"), item("2", section="I"), item("1", section="II"),
                              item("2", section="II"), item("3", section="II")]
    assert status(out, f, "agenda_items") == "pass"
    assert status(out, f, "agenda_sequence") == "pass"

    two = ("Annual Parish Meeting Agenda\n1. To approve minutes\n2. Matters arising\nA.G.M. Agenda\n"
           "1. To elect a Chairperson\n2. To receive apologies\n3. Interests")
    out, f = _agenda(two, [item("1"), item("2"), item("3")])
    assert status(out, f, "agenda_items") == "fail"


def test_a_numbered_list_in_the_preamble_is_counted_once() -> None:
    text = ("CITY COUNCIL AGENDA\nMembers of the public may comment in the following ways:\n"
            "1. Email comments to the clerk\n2. Provide oral comments\n4:00 P.M.-CLOSED SESSION\n"
            "1. CLOSED SESSION ANNOUNCEMENT\n2. CLOSED SESSION\n3. ADJOURNMENT")
    out, f = _agenda(text, [item("1"), item("2"), item("3")])
    assert status(out, f, "agenda_items") == "pass"


def test_sequence_duplicates_gaps_and_nesting() -> None:
    text = "AGENDA\n1. Apologies\n2. Minutes\n3. Finance\n4. Planning"
    out, f = _agenda(text, [item("1"), item("2"), item("4")])
    assert "3 printed in the agenda" in check(out, f, "agenda_sequence")["evidence"][0]["why"]
    out, f = _agenda("AGENDA\n1. Apologies\n2. Minutes\n4. Planning", [item("1"), item("2"), item("4")])
    assert status(out, f, "agenda_sequence") == "pass"  # the agenda itself skips 3
    out, f = _agenda(text, [item("1"), item("2"), item("2"), item("3")])
    assert any("repeats" in e["why"] for e in check(out, f, "agenda_sequence")["evidence"])
    out, f = _agenda("AGENDA\n1. A\n2. B\n2. C\n3. D", [item("1"), item("2"), item("2"), item("3")])
    assert status(out, f, "agenda_sequence") == "pass"  # printed twice, kept as printed
    out, f = _agenda("AGENDA\n1. A\n2. B\n2.1 C\n3. D", [item("1"), item("2"), item("2.1", parent=None), item("3")])
    assert "nest under 2" in check(out, f, "agenda_sequence")["evidence"][0]["why"]


def test_numbering_grammar() -> None:
    lines = numbered_lines("1.A 21-0109 Approve minutes\n1.B 21-0171 Approve claims\n1.C 21-0194 Award\n"
                           "B. Roll call\nC. Presentations\nD. Consent calendar\nD1. Consent item\nD2. Another\n"
                           "15.11.1 Apologies\n15.11.2 Minutes\n15.11.3 Planning\n8.3 May Revise and Budget")
    got = {nl.number for run in numbering_runs(lines) for nl in run}
    assert got == {"1.A", "1.B", "1.C", "B", "C", "D", "D1", "D2", "15.11.1", "15.11.2", "15.11.3"}
    assert "8.3" in {nl.number for nl in lines}  # a line, but alone: no run


# --------------------------------------------------------------------------------------------------
# Minutes


def _minutes(text: str, items: list[dict[str, Any]]) -> tuple[dict[str, Any], PdfFacts]:
    out = output(1, documents=[doc("minutes", 1, 1, text, minutes={"items": items})])
    return out, facts(page(1, text))


def minute(number: str, title: str, text: str = "", decisions: tuple[str, ...] = (), **more: Any) -> dict[str, Any]:
    return {"number": number, "title": title, "text": text, "resolutions": [],
            "decisions": [{"text": d, "kind": "resolved"} for d in decisions], **more}


def test_decision_markers() -> None:
    text = ("RESOLVED that the minutes be signed. It was unanimously resolved to adopt. Resolved: to note.\n"
            "AGREED to write. RESULT: Approved 5-0\nMOTION: Smith\nThe matter remains unresolved. "
            "Councillors resolved nothing. It was agreed to wait.")
    assert [m for _, m in decision_markers(text)] == [
        "RESOLVED", "It was unanimously resolved", "Resolved:", "AGREED", "RESULT:", "MOTION:"]


def test_every_decision_marker_is_in_a_parsed_decision() -> None:
    text = ("MINUTES\n84. Minutes of the last meeting\nRESOLVED that the minutes be signed as a correct record.\n"
            "85. Finance\nAfter discussion it was resolved to adopt the budget.")
    items = [minute("84", "Minutes of the last meeting", decisions=("RESOLVED that the minutes be signed as a "
                                                                     "correct record.",)),
             minute("85", "Finance", decisions=("resolved to adopt the budget.",))]
    out, f = _minutes(text, items)
    assert status(out, f, "minutes_decisions") == "pass"
    out["documents"][0]["minutes"]["items"][1]["decisions"] = []
    res = check(out, f, "minutes_decisions")
    assert res["status"] == "fail" and res["evidence"][0] == {
        "page": 1, "text": "After discussion it was resolved to adopt the budget.",
        "why": "decision marker 'it was resolved' is in no parsed decision"}


def test_minute_numbers_must_increase() -> None:
    out, f = _minutes("MINUTES", [minute("84", "A"), minute("85", "B"), minute("83", "C")])
    assert "must not go down" in check(out, f, "minutes_numbers")["evidence"][0]["why"]
    out, f = _minutes("MINUTES", [minute("84", "A"), minute("85", "B"), minute("85", "C")])
    assert status(out, f, "minutes_numbers") == "pass"  # a number printed twice, as printed
    out, f = _minutes("MINUTES", [minute("15.11.1", "A"), minute("15.11.2", "B"), minute("15.11.10", "C")])
    assert status(out, f, "minutes_numbers") == "pass"


@pytest.mark.parametrize("title,bad", [
    ("Minutes of the Meeting held on 9th January 2025", False),
    ("24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the Children Young "
     "People and Education directorate to the Adult Social Care and Health directorate", False),
    ("All councillors confirmed that there are no changes to their Register of Interests", False),
    ("20mph limit", False),
    ("Planning applications The following applications were discussed", True),
    ("the Clerk reported that the grass had been cut", True),
    ("The minutes of the meeting held on 17th March were approved and signed by the chair.", True),
])
def test_minute_titles(title: str, bad: bool) -> None:
    assert bool(title_problem(title)) is bad


def test_minute_title_running_past_its_line_fails() -> None:
    text = "MINUTES\n11.19.05 Clerks Report and Actions\nNO ACTION OWNER Update on the verges"
    out, f = _minutes(text, [minute("11.19.05", "Clerks Report and Actions NO ACTION OWNER Update on the verges")])
    assert "past its heading line" in check(out, f, "minutes_titles")["evidence"][0]["why"]
    out, f = _minutes(text, [minute("11.19.05", "Clerks Report and Actions")])
    assert status(out, f, "minutes_titles") == "pass"


def test_item_references_map_to_minute_items() -> None:
    text = "MINUTES\n84. Apologies\n(Item 1)\nApologies were received.\n85. Declarations\n(Item 2)\nNone."
    out, f = _minutes(text, [minute("84", "Apologies", "(Item 1) Apologies were received."),
                             minute("85", "Declarations", "(Item 2) None.")])
    assert status(out, f, "minutes_item_refs") == "pass"
    out, f = _minutes(text, [minute("1", "Apologies (Item 1) Apologies were received. 85. Declarations")])
    res = check(out, f, "minutes_item_refs")
    assert res["status"] == "fail" and res["evidence"][0]["text"] == "(Item 2)"


# --------------------------------------------------------------------------------------------------
# Reports


def test_report_title_and_recommendations() -> None:
    text = "Report of the Director\nSubject: Budget\n1. RECOMMENDATIONS\n1.1 Cabinet is asked to agree the budget."
    out = output(1, documents=[doc("report", 1, 1, text, report={"title": None, "recommendations": []})])
    f = facts(page(1, text))
    assert status(out, f, "report_title") == "fail"
    res = check(out, f, "report_recommendations")
    assert res["status"] == "fail" and res["evidence"][0]["text"] == "1. RECOMMENDATIONS"
    out["documents"][0]["report"] = {"title": "Budget", "recommendations": ["agree the budget"]}
    assert status(out, f, "report_title") == "pass" and status(out, f, "report_recommendations") == "pass"
    plain = output(1, documents=[doc("report", 1, 1, "Report\nThe recommendations of the review were ...",
                                     report={"title": "Review", "recommendations": []})])
    assert status(plain, facts(page(1, "Report")), "report_recommendations") == "n/a"


# --------------------------------------------------------------------------------------------------
# Whole file, pooling, independent read


def test_no_output_fails_every_check() -> None:
    res = run_checks(None, None, "PackparseError: corrupt PDF")
    assert set(res) == set(CHECKS)
    assert all(r["status"] == "fail" and "corrupt PDF" in r["evidence"][0]["why"] for r in res.values())


def test_rates_pool_per_group() -> None:
    files = [{"council": "A", "checks": {"silent_loss": {"status": "pass"}, "meeting_body": {"status": "fail"}}},
             {"council": "A", "checks": {"silent_loss": {"status": "pass"}, "meeting_body": {"status": "n/a"}}},
             {"council": "B", "checks": {"silent_loss": {"status": "fail"}, "meeting_body": {"status": "pass"}}}]
    per = rates(files, "council")
    assert per["A"]["all"] == {"pass": 2, "fail": 1, "na": 1, "rate": round(2 / 3, 4)}
    assert per["B"]["silent_loss"]["rate"] == 0.0
    assert rates(files)["meeting_body"] == {"pass": 1, "fail": 1, "na": 1, "rate": 0.5}


def test_read_facts_counts_text_paths_and_blank_pages(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "f.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    c.drawString(72, 770, "MINUTES OF THE MEETING")
    c.drawString(72, 750, "Present: Councillor A Smith")
    c.showPage()
    for k in range(150):  # text drawn as shapes: many small paths, no characters
        c.rect(72 + (k % 30) * 12, 700 - (k // 30) * 14, 8, 10, stroke=1, fill=1)
    c.showPage()
    c.showPage()
    c.save()
    f = read_facts(pdf)
    assert f.error is None and [p.pdf_page for p in f.pages] == [1, 2, 3]
    assert f.pages[0].chars > 20 and "Present: Councillor A Smith" in f.pages[0].lines
    assert f.pages[1].chars == 0 and f.pages[1].paths >= 150 and f.pages[1].outlined
    assert f.pages[2].chars == 0 and f.pages[2].paths == 0 and not f.pages[2].outlined
    assert PdfFacts.from_dict(json.loads(json.dumps(f.to_dict()))).pages[1].paths == f.pages[1].paths


@needs_corpus
def test_outlined_souldern_file_reads_as_outlines() -> None:
    f = read_facts(CORPUS / "wild" / "souldern_pc_2019-01-15_minutes.pdf")
    assert f.pages and all(p.outlined for p in f.pages)


@needs_corpus
def test_gold_bodies_and_minute_titles_pass() -> None:
    for path in sorted((CORPUS / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        body = (gold.get("meeting") or {}).get("body")
        assert body is None or body_problem(body) is None, (path.name, body)
        for m in gold.get("minutes") or []:
            for it in m.get("items") or []:
                assert title_problem(it["title"]) is None, (path.name, it["title"])
