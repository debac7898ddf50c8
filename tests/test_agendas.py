"""Agendas beyond ModernGov: US city agendas (Legistar, Granicus, CivicPlus, IQM2) and parish agendas.

Hand-made layouts check the numbering rules (nesting, recommendation clauses, closed sessions); the real
agendas of the shared corpus are checked against their gold files, read in place.
"""

from __future__ import annotations

import pytest

from packparse.evaluation.scoring import same_text, tokens
from packparse.models import AgendaItem
from packparse.pagemodel import Line, PageFurniture
from packparse.parsers.frontsheet import parse_agenda_items, parse_meeting
from tests.corpus import extracted, families, gold, needs_corpus
from tests.pages import LETTER, page, placed

# ------------------------------------------------------------------------------------------------
# Hand-made layouts


def _line(text: str, x0: float, top: float, bold: bool = False, size: float = 11.0) -> Line:
    """Words left to right; "|" in `text` is a tab stop 36 points on from `x0` (item number | title)."""
    return placed(top, *((x0 + 36 * k, chunk) for k, chunk in enumerate(text.split("|"))), size=size, bold=bold,
                  char=5.5, space=3)


def _page(*specs: tuple) -> list[PageFurniture]:
    """One page of lines, each (text, x0[, bold]) set 15 points below the one before; a None spec is a gap."""
    lines, top = [], 60.0
    for spec in specs:
        if spec is None:
            top += 15
            continue
        text, x0, *bold = spec
        lines.append(_line(text, x0, top, bool(bold and bold[0])))
        top += 15
    return [page(lines, size=LETTER)]


def _by_number(items: list[AgendaItem]) -> dict[str, AgendaItem]:
    return {i.number: i for i in items}


US_AGENDA = _page(
    ("CITY COUNCIL REGULAR MEETING AGENDA", 200, True),
    ("Tuesday, March 3, 2020  6:00 PM", 200),
    ("Council Chambers, 100 Main Street", 200),
    None,
    ("1.|CALL TO ORDER", 54, True),
    None,
    ("2.|CONSENT CALENDAR", 54, True),
    ("2.1|Approve the minutes of the meeting of February 18, 2020", 54),
    ("Recommendation: 1. Approve the minutes as submitted; and", 72),
    ("2. Authorize the City Clerk to publish them.", 160),
    ("2.2|Award a contract for the resurfacing of Elm Street, Oak Avenue and Pine Road in the", 54),
    ("amount of $1,250,000 to Acme Paving", 90),
    ("Staff Report", 90),
    None,
    ("CLOSED SESSION", 54, True),
    ("3.|CONFERENCE WITH LEGAL COUNSEL - EXISTING LITIGATION", 54),
    ("Property: 12 Main Street", 90),
    None,
    ("4.|REPORT FROM CLOSED SESSION", 54, True),
    ("5.|ADJOURNMENT", 54, True),
)


def test_us_agenda_nesting_sections_and_closed_session() -> None:
    items = parse_agenda_items(US_AGENDA)
    assert [i.number for i in items] == ["1", "2", "2.1", "2.2", "3", "4", "5"]  # no "1."/"2." clauses
    by = _by_number(items)
    assert by["2.1"].title == "Approve the minutes of the meeting of February 18, 2020"
    assert by["2.2"].title == ("Award a contract for the resurfacing of Elm Street, Oak Avenue and Pine Road in the "
                               "amount of $1,250,000 to Acme Paving")  # "Staff Report" is a link, not title
    assert (by["2.1"].parent, by["2.1"].level, by["2.1"].section) == ("2", 2, "CONSENT CALENDAR")
    assert (by["2"].parent, by["2"].level) == (None, 1)
    assert by["3"].title == "CONFERENCE WITH LEGAL COUNSEL - EXISTING LITIGATION"
    assert by["3"].exempt and by["3"].section == "CLOSED SESSION"
    assert not by["4"].exempt and not by["5"].exempt  # "REPORT FROM CLOSED SESSION" reopens the meeting


def test_us_agenda_meeting_details() -> None:
    meeting = parse_meeting(US_AGENDA)
    assert meeting.body == "CITY COUNCIL"
    assert (meeting.date, meeting.start_time) == ("2020-03-03", "18:00")
    assert meeting.venue == "Council Chambers, 100 Main Street"


def test_lettered_sections_and_letter_number_items() -> None:
    items = parse_agenda_items(_page(
        ("A.|Call To Order", 43, True),
        ("B.|Consent Calendar", 43, True),
        ("B1.|Accept the minutes (Attachment)", 43),
        ("B2.|Adopt Ordinance No. 1074 (Staff Report #21-002-CC)", 43),
        ("C.|Adjournment", 43, True),
    ))
    assert [(i.number, i.parent, i.level) for i in items] == [
        ("A", None, 1), ("B", None, 1), ("B1", "B", 2), ("B2", "B", 2), ("C", None, 1)]
    assert _by_number(items)["B2"].section == "Consent Calendar"


def test_bracketed_sub_items_and_a_numbered_closed_session() -> None:
    items = parse_agenda_items(_page(
        ("5.|Ord. to rezone property located East of 99th Street", 72),
        ("(a)|Planning Board recommends approval", 144),
        ("(b)|Communication from the Planning Director", 144),
        ("6.|Res. that the plat is approved", 72),
        ("7.|CLOSED SESSION", 72, True),
        ("7.1|Conference with real property negotiators", 100),
        ("7.2|Public employee performance evaluation", 100),
        ("8.|ADJOURNMENT", 72, True),
    ))
    assert [(i.number, i.parent) for i in items] == [
        ("5", None), ("(a)", "5"), ("(b)", "5"), ("6", None), ("7", None), ("7.1", "7"), ("7.2", "7"), ("8", None)]
    assert [i.number for i in items if i.exempt] == ["7", "7.1", "7.2"]


def test_parish_agenda_wraps_and_sub_lines() -> None:
    items = parse_agenda_items(_page(
        ("AGENDA", 90),
        ("1.|To receive apologies for absence", 90),
        ("2.|Planning Application amendments Cobble Courtyard, Milburn", 90),
        ("Numbers 19/0403 and 19/0404", 162),
        ("3.|Finance", 90),
        ("To approve monthly accounts payable", 126),
        ("3a|Bank reconciliation", 90),
        ("4.|Any Other Business", 90),
    ))
    assert [(i.number, i.title) for i in items] == [
        ("1", "To receive apologies for absence"),
        ("2", "Planning Application amendments Cobble Courtyard, Milburn Numbers 19/0403 and 19/0404"),
        ("3", "Finance"),
        ("3a", "Bank reconciliation"),
        ("4", "Any Other Business"),
    ]
    assert _by_number(items)["3a"].parent == "3"


# ------------------------------------------------------------------------------------------------
# The real agendas of the shared corpus


def _agendas(family: str) -> list[str]:
    return sorted(stem for stem, fam in families().items() if fam == family and gold(stem)["agenda_items"])


AGENDAS = _agendas("us") + _agendas("uk_local")


def _f1(stem: str) -> tuple[float, list, list]:
    want = {(i["number"], tokens(i["title"])) for i in gold(stem)["agenda_items"]}
    got = {(i.number, tokens(i.title)) for i in extracted(stem).agenda.items}
    tp = len(want & got)
    return 2 * tp / (len(want) + len(got)), sorted(want - got), sorted(got - want)


@needs_corpus
@pytest.mark.parametrize("stem", AGENDAS)
def test_agenda_items_match_gold(stem: str) -> None:
    f1, missed, extra = _f1(stem)
    assert f1 >= 0.95, f"F1 {f1:.3f} missed {missed} extra {extra}"
    numbers = [i["number"] for i in gold(stem)["agenda_items"]]
    assert [i.number for i in extracted(stem).agenda.items] == numbers  # in order, numbered as printed


@needs_corpus
@pytest.mark.parametrize("stem", AGENDAS)
def test_agenda_exempt_items_match_gold(stem: str) -> None:
    want = [i["number"] for i in gold(stem)["agenda_items"] if i["exempt"]]
    assert [i.number for i in extracted(stem).agenda.items if i.exempt] == want


@needs_corpus
@pytest.mark.parametrize("stem", AGENDAS)
def test_agenda_meeting_matches_gold(stem: str) -> None:
    want, got = gold(stem)["meeting"], extracted(stem).meeting
    assert (got.date, got.start_time) == (want["date"], want["start_time"])
    assert same_text(got.body, want["body"]), got.body
    assert same_text(got.venue, want["venue"]), got.venue


@needs_corpus
def test_legistar_sub_items_sections_and_report_from_closed_session() -> None:
    items = _by_number(extracted("mountain_view_cc_2020-12-08_agenda").agenda.items)
    assert items["1"].title == "CALL TO ORDER/PLEDGE OF ALLEGIANCE"  # not "1. Email comments ..." on page 1
    assert items["4.12"].title == ("East Whisman Area Transit-Oriented Development Improvements, Phase II: Ellis "
                                   "Street Improvements, Project 16-48-Amend Professional Services Agreement")
    assert (items["4.12"].parent, items["4.12"].level, items["4.12"].section) == ("4", 2, "CONSENT CALENDAR")
    assert not items["10"].exempt  # "CLOSED SESSION REPORT" is reported in open session


@needs_corpus
def test_file_numbers_and_unprinted_parents() -> None:
    items = extracted("sunnyvale_cc_2021-01-26_agenda").agenda.items
    by = _by_number(items)
    assert by["1.A"].title == "Approve City Council Meeting Minutes of January 12, 2021"  # "21-0109" dropped
    assert (by["1.A"].section, by["1.A"].level, by["1.A"].parent) == ("CONSENT CALENDAR", 2, None)
    assert by["A"].section == "SPECIAL ORDER OF THE DAY"


@needs_corpus
def test_closed_session_items_and_details() -> None:
    by = _by_number(extracted("cupertino_usd_2015-12-15_board_agenda").agenda.items)
    assert by["11.1"].title == "GOV. CODE 54956.8 CONFERENCE WITH REAL PROPERTY NEGOTIATORS"  # no Property: line
    assert (by["11.1"].parent, by["11.1"].section) == ("11", "CLOSED SESSION")
    pa = _by_number(extracted("palo_alto_cc_2016-04-18_agenda").agenda.items)
    assert pa["1"].title == "CONFERENCE WITH REAL PROPERTY NEGOTIATORS" and pa["1"].section == "Closed Session"
    assert pa["2"].section == "Minutes Approval"
    assert pa["9"].title.endswith("Budget (WC-14001) in the Amount of $700,000")  # continued overleaf


@needs_corpus
def test_bracketed_sub_items_and_executive_session() -> None:
    items = extracted("omaha_cc_2012-10-16_agenda").agenda.items
    subs = [i for i in items if i.number.startswith("(")]
    assert len(subs) == 16 and all(i.level == 2 and i.parent is not None for i in subs)
    by = _by_number(items)
    assert by["5"].title.startswith("Ord. to rezone property located East of 99th Street")  # superscript joined
    assert by["72"].exempt and by["72"].section == "EXECUTIVE SESSION"


@needs_corpus
def test_recommendation_clauses_are_not_items() -> None:
    items = extracted("morgan_hill_cc_2021-01-20_agenda").agenda.items
    assert [i.number for i in items] == [str(n) for n in range(1, 11)]
    assert _by_number(items)["8"].section == "PUBLIC HEARING"
    aliso = _by_number(extracted("aliso_viejo_cc_2021-01-20_agenda").agenda.items)
    assert aliso["4.3"].title == "ACCOUNTS PAYABLE"  # not "Recommended Action: 1. Ratify ..."
    assert aliso["1.2"].title == "PROCLAMATION - BLACK HISTORY MONTH (HURT)"  # not its "Proclamation" link


@needs_corpus
def test_parish_agendas() -> None:
    milburn = _by_number(extracted("milburn_pc_2021-01-26_agenda").agenda.items)
    assert milburn["9"].title == "Finance - Website Fees 2020/2021 £ 45.00 Draft Budget 2020/2021 2021/2022 Precept"
    assert milburn["11"].title == "Public Participation (at the Chairman’s Discretion)"
    assert milburn["3"].title == "To approve the minutes of the last meeting held on 14th July 2020"
    souldern = extracted("souldern_pc_2023-10-26_agenda").agenda.items
    assert [i.number for i in souldern].count("9") == 2
    assert _by_number(souldern)["11"].title == "Finance"  # its sub-line is not part of the title
