"""Tables as councils print them, on real corpus pages: borderless tables read from alignment, tables
continued across pages (with the header repeated, without it, a row or two left over), schedules and
action tables in parish minutes, cross tables, figures in words, negatives in brackets; and no table in
prose where the gold says a page has none.

A US roll call (name / title / status / arrived) has no page in the corpus, so it is tested on a page
made by hand with the geometry such a table has.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

import pytest

import packparse
from packparse.models import Table
from packparse.parsers.tables import read_tables
from packparse.pdftables import aligned_tables
from tests.corpus import CORPUS, needs_corpus, pdf_path, wild_path
from tests.pages import content, placed

WILD_GOLD = Path(__file__).parent / "gold" / "wild"


def _path(stem: str) -> Path:
    return wild_path(stem) if wild_path(stem).exists() else pdf_path(stem)


@cache
def _extracted(stem: str) -> list[Table]:
    """Every table of a corpus PDF after the whole pipeline (continued tables joined), in page order."""
    pack = packparse.extract(_path(stem))
    return [t for d in pack.documents for t in d.tables]


def _on(stem: str, page: int) -> list[Table]:
    return [t for t in _extracted(stem) if _span(t)[0] <= page <= _span(t)[1]]


def _span(t: Table) -> tuple[int, int]:
    return (t.pdf_pages.first, t.pdf_pages.last) if t.pdf_pages else (t.pdf_page, t.pdf_page)


# --- borderless tables, columns from alignment --------------------------------------------------


@needs_corpus
def test_borderless_schedule_of_meeting_dates() -> None:
    """Two columns of dates under 'PC Meeting | Planning meeting', no rules: dates are what makes it a table."""
    dates = [t for t in _on("souldern_pc_2023-02-23_agenda", 1) if t.method == "aligned"]
    assert len(dates) == 1
    t = dates[0]
    assert t.header == ["PC Meeting", "Planning meeting"] and t.n_cols == 2
    assert [r[0] for r in t.rows] == ["30 th March", "25 th May", "27 th July", "28 th September 29,", "23 rd November"]


@needs_corpus
def test_borderless_figures_in_words_and_long_row_labels() -> None:
    """A US staff report's funding sums: '$2.56 million', '– 1.5 million', row labels wrapped over lines."""
    (t,) = _on("us_staff_report_sunnyvale_legistar2", 3)
    assert t.method == "aligned" and t.n_cols == 2 and t.header == []
    assert t.rows[0] == ["SummerHill’s Minimum School Strategy Funding Gap (1 x School Fee)", "$2.56 million"]
    assert [v[1].value if v[1] else None for v in t.values] == [2_560_000.0, -1_500_000.0, 1_060_000.0]


@needs_corpus
def test_borderless_header_set_over_two_lines_and_label_rows() -> None:
    """'Annual / Minimum' headings printed over two lines are one header row; 'Proposed / Effective ...'
    label lines between blank lines are rows of the same table, not the end of it."""
    (p3,) = _on("us_staff_report_alisaviejo_granicus2", 3)
    assert p3.header == ["Current Salary Ranges", "Hourly Minimum", "Hourly Point", "Hourly Maximum"]
    assert [r[0] for r in p3.rows] == ["Recreation Leader", "Senior Recreation Leader",
                                       "Proposed Effective January 20, 2020", "Recreation Leader",
                                       "Senior Recreation Leader", "Proposed Effective January 1, 2022",
                                       "Recreation Leader", "Senior Recreation Leader"]
    (p4,) = _on("us_staff_report_alisaviejo_granicus2", 4)
    assert p4.header == ["Current Salary Range", "Annual Minimum", "Control Point", "Annual Maximum"]


@needs_corpus
def test_borderless_payments_with_bullets_and_a_column_mostly_empty() -> None:
    """Bulleted payment lines: the bullet is no column. A column with a heading ('Power') may be filled in a
    few rows only; a bold 'Receipts' label inside the first column does not end the table."""
    (pay, receipts) = [t for t in _on("souldern_pc_2012-06-28_minutes", 2)]
    assert pay.n_cols == 3 and pay.rows[0] == ["9 th May 2012", "SVH rent for PC meeting May", "£14.00"]
    assert receipts.n_cols == 3 and len(receipts.rows) == 2  # two rows ending in money make a table
    (t,) = _on("souldern_pc_2017-09-14_minutes", 3)
    assert t.header == ["Payments", "Date", "Amount", "Power"] and len(t.rows) == 13  # as the gold counts
    assert t.rows[-2:] == [["Receipts", "", "", ""], ["It’s a knockout (playground)", "11.09.2017", "£400.00", ""]]


# --- parish minutes: schedules and action tables ---------------------------------------------------


@needs_corpus
def test_schedule_in_minutes_with_a_column_of_decisions() -> None:
    """'Asset Register ... | Resolved to Sign' down five rows: a schedule decided item by item."""
    (t,) = [t for t in _on("milburn_pc_2017-03-17_minutes", 2) if t.n_cols == 2]
    assert [r[1] for r in t.rows] == ["Resolved to Sign"] * 5
    assert t.rows[0][0] == "Asset Register - Insurance and Audit Purposes"


@needs_corpus
def test_schedule_of_payments_with_amounts_and_notes_set_close() -> None:
    """'Invoice for Zurich Insurance £ 689.62 resolved to pay': the first row sets its amount a little
    closer than the rows below it (cut where they start a column), and each amount is followed by its
    decision one space on (two columns: the amounts end before every note starts)."""
    (t,) = [t for t in _on("milburn_pc_2017-03-17_minutes", 2) if t.n_cols == 3]
    assert t.rows[0] == ["Invoice for Zurich Insurance", "£ 689.62", "resolved to pay"]
    assert [r[1] for r in t.rows] == ["£ 689.62", "£ 40.00", "£ 250.00", "£ 81.11"]
    (fees,) = [t for t in _on("milburn_pc_2018-03-06_minutes", 2) if "pay" in t.rows[0][1]]
    assert fees.rows[0] == ["The Village Hall fees for the past year is £40", "Councillors resolved to pay"]


@needs_corpus
def test_parish_action_table_beside_a_dotted_signature_line() -> None:
    """The action list's column rules sit near a dotted 'Signed ......' line: the dots' tiny edges must not
    pull the rules together (four columns: NO | ACTION | OWNER | Update)."""
    action = [t for t in _on("souldern_pc_2021-11-25_minutes", 4) if t.header and t.header[0] == "NO"]
    assert len(action) == 1
    t = action[0]
    assert t.header == ["NO", "ACTION", "OWNER", "Update"] and t.n_cols == 4
    assert [r[0] for r in t.rows] == ["Sept21.01", "Sept21.02", "Nov21.01", "Nov21.02", "Nov21.03", "Nov21.04"]
    dates = [t for t in _on("souldern_pc_2021-11-25_minutes", 4) if t.header == ["PC meeting", "Planning meeting"]]
    assert len(dates) == 1 and len(dates[0].rows) == 6


@needs_corpus
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed (make install-ocr)")
def test_ruled_action_table_on_a_page_of_outlined_text() -> None:
    """Text drawn as outlines is read by OCR; the page's ruling is kept from the reading for the ruled
    finder (the letters' own shapes are no ruling), so the action table keeps its ruled columns."""
    pack = packparse.extract(wild_path("souldern_pc_2019-01-15_minutes"), ocr=True)
    (t,) = [t for d in pack.documents for t in d.tables if t.pdf_page == 1]
    assert t.method == "lines" and t.n_cols == 4
    assert t.header == ["NO", "ACTION", "Update", "OWNER"]
    assert [r[0] for r in t.rows][:3] == ["10.18.04", "10.18.10", "11.18.04"]


# --- continued across pages -----------------------------------------------------------------------


@needs_corpus
def test_continued_with_the_header_repeated_on_every_page() -> None:
    """A six-page comparison (Detail | Foundation | Mayoral | Established) is one table."""
    (t,) = [t for t in _extracted("kent_cc_2025-01-09_item3_supplement_pack") if t.pdf_pages]
    assert _span(t) == (15, 20) and t.n_cols == 4
    assert t.header == ["Detail", "Foundation", "Mayoral", "Established"]
    assert "Detail" not in [r[0] for r in t.rows]  # the repeats are not rows


@needs_corpus
def test_continued_without_header_and_an_empty_ruled_column() -> None:
    """The payments' second page has no header and its 'Unrecoverable VAT' column is empty there: its six
    filled columns go under the first page's seven by position."""
    (t,) = _extracted("sutton_coldfield_tc_2017-18_q2_payments_table")
    assert _span(t) == (1, 2) and t.n_cols == 7
    assert t.rows[34] == ["25/08/2017", "CC 40", "Strawberry Print", "Strategic Report", "375.00", "",
                          "PR and Marketing"]


@needs_corpus
def test_continued_by_a_row_left_over_on_the_next_page() -> None:
    """One payment printed at the top of the next page (a cell wrapped below the table's last line on the
    way) joins the table above it."""
    (t,) = [t for t in _extracted("souldern_pc_2013-12-05_minutes") if t.header]
    assert _span(t) == (2, 3)
    assert t.rows[-2][3] == "LGA 1972: s. 111"
    assert t.rows[-1] == ["MR Cross: mowing Oct 2013", "03/11/13", "£324.00", "OSA 1906: s10"]


@needs_corpus
def test_continued_from_a_row_at_the_foot_of_the_page_before() -> None:
    """A cost summary's first row (its label wrapped over three lines) is at the foot of one page, the rest
    of the table on the next."""
    (t,) = _extracted("sutton_coldfield_tc_2017-02-21_item166_report")
    assert _span(t) == (3, 4) and t.pdf_page == 3
    assert t.rows[0] == ["Insurance, Technical & Production Costs (including 5% contingency)", "£95,200"]
    assert [r[0] for r in t.rows[1:]] == ["CBSO professional fees", "Other Artists Fees",
                                          "Box Office, Marketing Press & PR", "Total"]


# --- columns from header and body together ------------------------------------------------------


@needs_corpus
def test_grid_cut_at_a_caption_row_where_the_columns_change() -> None:
    """One ruled grid holding a label/value block and, under a 'SURROUNDING USES' bar, a cross table with
    a blank corner cell: two tables, with the columns each really has."""
    first, second, third = _on("us_staff_report_sanjose19", 3)
    assert first.n_cols == 2 and [r[0] for r in first.rows] == [
        "General Plan Designation", "Consistent Policies", "Inconsistent Policies"]
    assert second.n_cols == 4 and second.header == ["", "General Plan Land Use", "Zoning", "Existing Use"]
    assert [r[0] for r in second.rows] == ["North", "South", "East", "West"]
    assert third.rows[0] == ["3/27/1850", "Original City"]


# --- typed values -------------------------------------------------------------------------------


@needs_corpus
def test_negatives_in_brackets_on_a_finance_table() -> None:
    """Kent's savings table prints negatives in brackets, '0.0' for nothing."""
    from packparse.reader import read_pdf

    page = read_pdf(pdf_path("kent_cabinet_2025-01-30_finance_monitoring_report")).pages[29]
    (t, _), = [r for raw in page.tables for r in read_tables(raw, 30)]
    row = t.rows[0]
    assert row[:3] == ["Adult Social Care & Health", "(66.9)", "(38.4)"]
    assert [v.value for v in t.values[0][1:4]] == [-66.9, -38.4, 0.0]


# --- roll call (hand-made: none in the corpus) --------------------------------------------------


def _row(top: float, *cells: tuple[float, str]):
    return placed(top, *cells, page=0, size=10, char=5, space=2.5, font="")


def test_roll_call_read_from_alignment() -> None:
    """Name | Title | Status | Arrived: statuses are what makes a roll call a table (no figures in it but
    an arrival time in one row)."""
    page = content(n=1, lines=[
        _row(100, (72, "Councilmember"), (220, "Title"), (340, "Status"), (430, "Arrived")),
        _row(114, (72, "Jane Smith"), (220, "Mayor"), (340, "Present")),
        _row(128, (72, "Robert Jones"), (220, "Vice Mayor"), (340, "Absent")),
        _row(142, (72, "Ann Lee"), (220, "Councilmember"), (340, "Present"), (430, "6:05 p.m.")),
        _row(156, (72, "Luis Ortega"), (220, "Councilmember"), (340, "Present")),
    ])
    (t,) = aligned_tables(page)
    assert t.rows[0] == ["Councilmember", "Title", "Status", "Arrived"]
    assert t.rows[3] == ["Ann Lee", "Councilmember", "Present", "6:05 p.m."]
    roster = content(n=1, lines=[  # names and titles alone: a list, no table
        _row(100, (72, "Jane Smith"), (220, "Mayor")),
        _row(114, (72, "Robert Jones"), (220, "Council Member")),
        _row(128, (72, "Ann Lee"), (220, "Council Member")),
        _row(142, (72, "Luis Ortega"), (220, "Council Member")),
    ])
    assert aligned_tables(roster) == []


# --- no table in prose --------------------------------------------------------------------------


# Pages whose gold lists no table though the PDF prints one, with the gold's own reason.
GOLD_LEAVES_OUT = {
    ("kent_cabinet_2025-01-30_prod_supplement_pack", 4):
        "three ruled grids of a header row and one data row: its notes put them below a 3-row threshold",
}


def _no_table_golds() -> list[tuple[str, Path, list[int]]]:
    """(name, pdf, pages in scope) of every gold file, shared and new, that annotates tables and has none."""
    out = []
    for gold_dir, folders in ((CORPUS / "gold", ("real", "packs")), (WILD_GOLD, ("wild",))):
        for g in sorted(gold_dir.glob("*.gold.json")) if gold_dir.is_dir() else []:
            data = json.loads(g.read_text(encoding="utf-8"))
            scope = data.get("tables_scope")
            if scope is None or data.get("tables") != []:
                continue
            stem = g.name[: -len(".gold.json")]
            pdf = next((CORPUS / f / f"{stem}.pdf" for f in folders if (CORPUS / f / f"{stem}.pdf").exists()), None)
            if pdf is not None:
                out.append((stem, pdf, list(range(scope[0], scope[1] + 1))))
    return out


@needs_corpus
def test_no_table_in_prose_where_the_gold_has_none() -> None:
    """Every page of every gold file (shared and new) whose gold lists no table has none after the whole
    pipeline: agendas, minutes, attendance lists, numbered paragraphs and two-column layouts stay prose."""
    cases = _no_table_golds()
    assert len(cases) >= 40
    found = []
    for stem, pdf, pages in cases:
        pack = packparse.extract(pdf)
        for d in pack.documents:
            for t in d.tables:
                first, last = _span(t)
                if any(first <= p <= last and (stem, p) not in GOLD_LEAVES_OUT for p in pages):
                    found.append(f"{stem} p{t.pdf_page} {t.header or t.rows[0]}")
    assert found == []


@pytest.mark.parametrize("stem", ["milburn_pc_2018-03-06_minutes"])
@needs_corpus
def test_two_column_list_of_correspondence_is_no_table(stem: str) -> None:
    """'Barclays closing at Appleby | Glasdon Brochure': a list laid out in two columns, two lines."""
    assert not [t for t in _on(stem, 2) if any("Brochure" in c for r in t.rows for c in r)]
