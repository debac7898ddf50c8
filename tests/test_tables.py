"""Tables: the finders in `pdftables` on real corpus PDFs, and `parsers.tables` on hand-made grids.

Corpus tests read the shared corpus in place and check values a person wrote down in the gold
files (`shared/corpus/gold/*.gold.json`); they are skipped when the corpus is not there.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from packparse.models import BBox, Table
from packparse.pagemodel import Line, RawTable
from packparse.parsers.continued import join_continued
from packparse.parsers.tables import (
    clean_cell,
    header_row_count,
    is_numeric,
    merge_unsplit_columns,
    to_table,
)
from packparse.pdftables import DEFAULT, FoundTable, TableSettings, aligned_tables, is_white, looks_like_table
from tests.pages import content, placed

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
BOX = BBox(x0=0, top=0, x1=100, bottom=100)

needs_corpus = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shared corpus not present")


@cache
def _tables(stem: str) -> dict[int, list[Table]]:
    """Output tables by page for one corpus PDF, read once per test session."""
    from packparse.reader import read_pdf

    path = CORPUS / "real" / f"{stem}.pdf"
    if not path.exists():
        path = CORPUS / "packs" / f"{stem}.pdf"
    if not path.exists():
        pytest.skip(f"{path.name} not in the corpus")
    out: dict[int, list[Table]] = {}
    for page in read_pdf(path).pages:
        for raw in page.tables:
            table = to_table(raw, page.pdf_page)
            if table is not None:
                out.setdefault(page.pdf_page, []).append(table)
    return out


@cache
def _gold(stem: str) -> dict:
    return json.loads((CORPUS / "gold" / f"{stem}.gold.json").read_text())


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _check_page(stem: str, page: int) -> None:
    """Every gold table on `page` has an output table with the same header, first column,
    column count and row count (gold counts one header row in `rows`), and there is no other."""
    gold = [t for t in _gold(stem)["tables"] if t["pdf_page"] == page]
    found = list(_tables(stem).get(page, []))
    assert len(found) == len(gold), f"p{page}: {len(found)} tables found, gold has {len(gold)}"
    for g in gold:
        header = g["header"] or []
        first = g["first_column"]
        match = [
            t for t in found
            if len(t.header) == len(header)
            and all(_same(a, b) for a, b in zip(t.header, header, strict=True))
            and len(t.rows) >= len(first)
            and all(_same(r[0], f) for r, f in zip(t.rows, first, strict=False))
        ]
        assert match, f"p{page}: no table with header {header} and first column {first}"
        t = match[0]
        assert t.n_cols == g["cols"]
        assert len(t.rows) + (1 if t.header else 0) == g["rows"]
        found.remove(t)


# --- Durham agenda pack: scorecard (italic header rows) and slide tables ---------------------

DURHAM = "durham_cpp_2022-12-16_agenda_pack"
SCORECARD_HEADER = ["Measure", "2018/19", "2019/20", "2020/21", "2021/22", "Q2 2022/23", "England",
                    "North East"]


@needs_corpus
@pytest.mark.parametrize("page", [30, 31, 32, 33])
def test_durham_scorecard_pages_match_gold(page: int) -> None:
    _check_page(DURHAM, page)


@needs_corpus
def test_durham_scorecard_values() -> None:
    tables = _tables(DURHAM)
    p30 = tables[30][0]
    assert p30.header == SCORECARD_HEADER
    assert p30.n_cols == 8 and len(p30.rows) == 7
    assert p30.rows[0] == ["Rate of CLA per 10,000 u18 population [Number]", "82.9 [833]", "90 [914]",
                           "93 [949]", "96 [982]", "100.7 [1027]", "70 (2021/22)", "110 (2021/22)"]
    # Two tables on p31; the second, two rows only, has a wrapped header cell.
    first, second = tables[31]
    assert first.header == SCORECARD_HEADER and len(first.rows) == 4
    assert second.header[3] == "2020/21 [Provisional]"
    assert [r[0] for r in second.rows] == ["Number of CLA accessing an independent visitor"]
    assert [len(t.rows) for t in tables[33]] == [9, 7]
    assert tables[33][1].rows[0][0] == (
        "Percentage of care leavers age 18-21 who have stayed with their foster carer")


@needs_corpus
@pytest.mark.parametrize("page", [36, 38, 40, 41, 50])  # p37: see the two-row header test
def test_durham_slide_tables_match_gold(page: int) -> None:
    _check_page(DURHAM, page)


@needs_corpus
def test_durham_two_row_header_with_spanning_years() -> None:
    ages, placements = _tables(DURHAM)[37]
    assert ages.header == ["CiC at date", "2019/20", "2022/23 YTD"]  # spanning cells listed once
    assert ages.n_cols == 5
    assert ages.rows[0] == ["0", "79", "9%", "66", "6%"]  # 'No. | %' header row is not a body row
    assert placements.header == ["Placement type (open CLA)", "Own LA", "Private", "Other", "Total"]
    assert placements.rows[-1][0] == "Total placements"


@needs_corpus
def test_durham_no_tables_elsewhere() -> None:
    """Page-header boxes, chart bars and text pages give nothing: 16 tables in the pack, as gold."""
    tables = _tables(DURHAM)
    assert sum(len(ts) for ts in tables.values()) == len(_gold(DURHAM)["tables"]) == 16
    assert set(tables) == {t["pdf_page"] for t in _gold(DURHAM)["tables"]}


# --- other councils ----------------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    ("stem", "page"),
    [
        ("york_cc_2019_strensall_sopn", 1),
        ("york_cc_2019_strensall_sopn", 2),
        ("gloucester_cabinet_2025-12-10_cts_scheme_report", 4),
        ("sutton_coldfield_tc_2017-18_q2_payments_table", 1),
        ("kent_cabinet_2025-01-30_finance_monitoring_report", 1),
        ("kent_cabinet_2025-01-30_finance_monitoring_report", 6),
        ("kent_cabinet_2025-01-30_finance_monitoring_report", 12),
        ("kent_cabinet_2025-01-30_ics_measures_appendix", 5),
        ("menlo_park_staff_report_g4", 2),
        ("menlo_park_staff_report_g4", 3),
        ("menlo_park_staff_report_g4", 5),
        ("san_jose_memo_2021-08-24_item10-3", 2),
        ("san_jose_memo_2021-08-24_item10-3", 4),
        ("souldern_pc_2023-10-26_agenda", 1),
        ("souldern_pc_2013-12-05_minutes", 2),
        ("milburn_pc_2016-07-05_minutes", 2),
        ("sutton_coldfield_tc_2017-02-21_item166_report", 4),
    ],
)
def test_page_matches_gold(stem: str, page: int) -> None:
    _check_page(stem, page)


@needs_corpus
def test_halton_white_cell_fills_do_not_split_the_header() -> None:
    candidates, stations = _tables("halton_bc_2019_sopn_notice_of_poll")[1]
    assert candidates.header[-1] == "Names of Signatories Proposers(+), Seconders(++) & Assentors"
    assert [r[0] for r in candidates.rows] == ["HARPER Duncan James Robert", "PHILBIN Ged"]
    assert stations.header == ["Situation of Polling Station", "Station Number",
                               "Ranges of electoral register numbers of persons entitled to vote thereat"]
    assert stations.rows[0] == ["Mobile Polling Station, Victoria Park, (Lockett Road Entrance), Widnes", "7",
                                "BA-1 to BA-1432"]


@needs_corpus
def test_sutton_payments_continuation_page_has_no_header() -> None:
    tables = _tables("sutton_coldfield_tc_2017-18_q2_payments_table")
    assert len(tables[1][0].rows) == 34
    cont = tables[2][0]
    assert cont.header == [] and len(cont.rows) == 14
    assert cont.rows[0][:3] == ["25/08/2017", "CC 40", "Strawberry Print"]


@needs_corpus
def test_rule_row_table_takes_header_above_and_row_below_the_rules() -> None:
    """Kent's finance tables have horizontal rules only; header and last row lie outside them."""
    t = _tables("kent_cabinet_2025-01-30_finance_monitoring_report")[6][0]
    assert t.method == "rules"
    assert t.header == ["", "Budget", "Forecast", "Variance", "Variance"]
    assert t.rows[0] == ["Adult Social Care & Health", "586.1", "621.6", "+35.4", "+6.0%"]
    assert t.rows[-1] == ["Overall Position", "1,432.3", "1,486.0", "+53.7", ""]


@needs_corpus
def test_broken_words_in_narrow_header_cells_are_joined() -> None:
    """The text layer breaks 'Revenue' as 'Revenu' / 'e' in Kent's narrow header cells."""
    t = _tables("kent_cabinet_2025-01-30_finance_monitoring_report")[8][0]
    assert t.header == ["Key Service", "Revenue Budget", "Revenue Forecast", "Revenue Variance", "Summary", "Detail"]


@needs_corpus
def test_framed_finance_table_columns_come_from_text_alignment() -> None:
    """Appendix D rules only its year blocks; Core / External / Total are aligned by spaces."""
    tables = _tables("kent_cc_2025-02-13_budget_amendments_pack")
    for page in (9, 10, 11):
        (t,) = tables[page]
        assert t.method == "frame"
        assert t.header == ["2024-25", "", "2025-26", "2026-27", "2027-28"]  # year cells span 3 columns
        assert t.n_cols == 13
    p9 = tables[9][0]
    assert p9.rows[0] == ["£000s"] * 3 + [""] + ["£000s"] * 9  # 'Core | External | Total' row is header
    assert p9.rows[3][:5] == ["1,315,610.6", "", "1,315,610.6", "Revised Base", "1,428,670.2"]
    assert 3 not in tables  # the Budget Amendment Form is a form, not a table


@needs_corpus
def test_unruled_payments_table_with_wrapped_cells() -> None:
    t = _tables("souldern_pc_2013-12-05_minutes")[2][0]
    assert t.method == "aligned"
    assert t.header == ["Payments", "Date", "Amount", "Power"]
    assert t.rows[1] == ["B McGarry: salary after tax", "18/07/13", "£330.10", "LGA 1972: s. 112"]


@needs_corpus
@pytest.mark.parametrize(
    "stem",
    [
        "aliso_viejo_cc_2021-01-20_agenda",  # agenda laid out in ruled boxes
        "cupertino_usd_2015-12-15_board_agenda",
        "kent_cabinet_2025-01-30_agenda_frontsheet",  # 'Ask for / Telephone' layout grid
        "kent_cabinet_2025-01-30_printed_minutes",
        "morgan_hill_staff_report_2020-05-06",  # unruled two-column list
        "sunnyvale_cc_2021-01-26_agenda",  # file numbers in a second column
        "mountain_view_cc_2020-12-08_agenda",
        "tintern_cc_2018-11-26_minutes",
    ],
)
def test_no_tables_where_gold_has_none(stem: str) -> None:
    assert _gold(stem)["tables"] == []
    assert _tables(stem) == {}


@needs_corpus
def test_layout_boxes_are_not_tables() -> None:
    assert 1 not in _tables("gloucester_cabinet_2025-12-10_cts_scheme_report")  # boxed header grid
    ics = _tables("kent_cabinet_2025-01-30_ics_measures_appendix")
    assert 1 not in ics and 3 not in ics  # title slide; box diagram ruled with horizontal rules


@needs_corpus
def test_spanning_heading_over_unlabelled_sub_columns_is_one_column() -> None:
    """'Names of Signatories' spans two ruled sub-columns of names that no header row names apart: one
    column (4 in all, as the gold counts), its names in one cell."""
    for page, tables in _tables("halton_bc_2019_sopn_notice_of_poll").items():
        assert [t.n_cols for t in tables] == [4, 3], page
        gold = [t for t in _gold("halton_bc_2019_sopn_notice_of_poll")["tables"] if t["pdf_page"] == page]
        assert [t.header for t in tables] == [g["header"] for g in gold]
        assert [[r[0] for r in t.rows][:5] for t in tables] == [g["first_column"] for g in gold]
        assert [len(t.rows) + 1 for t in tables] == [g["rows"] for g in gold]
    first = _tables("halton_bc_2019_sopn_notice_of_poll")[1][0]
    assert first.rows[0][3].startswith("John J Mcmullen (+)") and "Cecilia A Mcmullen" in first.rows[0][3]


# --- to_table on hand-made grids -----------------------------------------------------------------


def test_cells_are_cleaned_and_empty_rows_and_columns_dropped() -> None:
    raw = RawTable(bbox=BOX, rows=[
        ["Item", "", "Amount\n(£)"],
        ["Hello  Housing\n(7/1/20-1/31/21)", "", "$58,148"],
        ["", "", ""],
        ["Total", None, "$60,000"],
    ])
    t = to_table(raw, 4)
    assert t is not None
    assert t.header == ["Item", "Amount (£)"]
    assert t.rows == [["Hello Housing (7/1/20-1/31/21)", "$58,148"], ["Total", "$60,000"]]
    assert t.n_cols == 2 and t.pdf_page == 4 and t.bbox == BOX


def test_labels_over_figures_make_a_header() -> None:
    raw = RawTable(bbox=BOX, rows=[["Partner", "Contribution 2020/21 (£)"],
                                   ["Durham County Council", "191,604"], ["Durham Constabulary", "39,285"]])
    t = to_table(raw, 1)
    assert t is not None and t.header == ["Partner", "Contribution 2020/21 (£)"] and len(t.rows) == 2


def test_no_header_when_first_row_is_data() -> None:
    rows = [["25/08/2017", "CC 40", "Strawberry Print", "375.00"],
            ["29/08/2017", "DP 30", "Moor Hall Hotel", "416.67"]]
    t = to_table(RawTable(bbox=BOX, rows=rows), 2)
    assert t is not None and t.header == [] and len(t.rows) == 2


def test_no_header_for_label_value_table() -> None:
    rows = [["Applicant", "UC Keystone Owner, LLC"], ["Type of Permit", "Vesting Tentative Map"],
            ["Proposed Land Use", "Hotel"]]
    t = to_table(RawTable(bbox=BOX, rows=rows), 2)
    assert t is not None and t.header == []


def test_styled_first_row_is_a_header() -> None:
    rows = [["Surname", "Other Names", "Home Address"], ["Bennett", "Ross", "Resides in York"],
            ["Clarke", "Paul", "Resides in York"]]
    bold_header = FoundTable(bbox=BOX, rows=rows, cell_styles=[["b", "b", "b"], ["", "", ""], ["", "", ""]])
    assert to_table(bold_header, 1).header == ["Surname", "Other Names", "Home Address"]
    # York: plain header row above a bold surname column.
    bold_labels = FoundTable(bbox=BOX, rows=rows, cell_styles=[["", "", ""], ["b", "", ""], ["b", "", ""]])
    assert to_table(bold_labels, 1).header == ["Surname", "Other Names", "Home Address"]
    plain = FoundTable(bbox=BOX, rows=rows, cell_styles=[["", "", ""]] * 3)
    assert to_table(plain, 1).header == []


def test_spanning_header_cells_listed_once_and_second_header_row_kept_out_of_body() -> None:
    raw = RawTable(bbox=BOX, rows=[
        ["CiC at date", "2019/20", None, "2022/23 YTD", None],
        ["", "No.", "%", "No.", "%"],
        ["0", "79", "9%", "66", "6%"],
        ["1", "46", "5%", "48", "5%"],
    ])
    t = to_table(raw, 37)
    assert t is not None
    assert t.header == ["CiC at date", "2019/20", "2022/23 YTD"]
    assert t.rows == [["0", "79", "9%", "66", "6%"], ["1", "46", "5%", "48", "5%"]]
    assert t.n_cols == 5


def test_caption_row_is_not_the_header() -> None:
    raw = RawTable(bbox=BOX, rows=[["Table 2: Proposals", None, None], ["Contractor", "Fixed", "Variable"],
                                   ["Hello Housing", "$135,665", "$57,815"],
                                   ["HouseKeys", "$85,000", "$11,250"]])
    t = to_table(raw, 3)
    assert t is not None and t.header == ["Contractor", "Fixed", "Variable"] and len(t.rows) == 2


def test_sliver_column_from_misaligned_rules_is_merged() -> None:
    rows = [["What", "Led by", "Shared Outcome", None], ["Develop", "DPH", None, "SO1"],
            ["Support", "CPH", None, "SO2"]]
    merged, _ = merge_unsplit_columns([list(r) for r in rows], [[None] * 4 for _ in rows])
    assert merged == [["What", "Led by", "Shared Outcome"], ["Develop", "DPH", "SO1"],
                      ["Support", "CPH", "SO2"]]
    t = to_table(RawTable(bbox=BOX, rows=rows), 7)
    assert t is not None and t.n_cols == 3 and t.rows[-1] == ["Support", "CPH", "SO2"]


def test_too_small_grids_are_not_tables() -> None:
    assert to_table(RawTable(bbox=BOX, rows=[["a", "b", "c"]]), 1) is None
    assert to_table(RawTable(bbox=BOX, rows=[["a"], ["b"], ["c"]]), 1) is None
    assert to_table(RawTable(bbox=BOX, rows=[["a", ""], ["b", None], ["", ""]]), 1) is None


def test_small_helpers() -> None:
    assert clean_cell(" Revenue\nBudget ") == "Revenue Budget" and clean_cell(None) is None
    assert clean_cell("Revenu\ne\nForecas\nt") == "Revenue Forecast"
    assert clean_cell("Number\nof\nYears") == "Number of Years"
    assert is_numeric("£1,432.3") and is_numeric("15% [182/1206]") and is_numeric("19/09/13")
    assert not is_numeric("2019/20") and not is_numeric("Q2 2022/23") and not is_numeric("Total")
    assert header_row_count([["a", "b"]]) == 0
    assert is_white(1.0) and is_white((1, 1, 1)) and is_white((0, 0, 0, 0)) and not is_white(0.5)
    assert not is_white(None) and not is_white((0.855, 0.906, 0.929))


def test_join_continued_joins_page_parts() -> None:
    def t(page: int, header: list[str], first: str) -> Table:
        return Table(pdf_page=page, header=header, rows=[[first, "1"]], n_cols=2)

    out = join_continued([t(1, ["Date", "Amount"], "a"), t(2, [], "b"), t(3, ["Date", "Amount"], "c"),
                          t(4, ["Other", "Thing"], "d"), t(6, [], "e")])
    assert [(x.pdf_page, x.pdf_pages.last if x.pdf_pages else None, [r[0] for r in x.rows]) for x in out] == [
        (1, 3, ["a", "b", "c"]), (4, None, ["d"]), (6, None, ["e"])]
    assert out[0].header == ["Date", "Amount"]


def test_join_continued_stops_at_a_new_heading() -> None:
    """A part with its own heading above it (a scorecard section, a new slide title) is a new table;
    a repeat of the first page's heading is not a new one. Typed values follow the rows."""
    def t(page: int, first: str) -> Table:
        return to_table(RawTable(bbox=BOX, rows=[["Measure", "2021/22"], [first, "12%"]]), page)

    parts = [t(30, "a"), t(31, "b"), t(32, "c"), t(33, "d")]
    heads = {30: ["Appendix F", "What are the characteristics?"], 31: ["Appendix F", "Do partners understand?"],
             32: ["Appendix F"], 33: []}
    out = join_continued(parts, heads)
    assert [(x.pdf_page, x.pdf_pages.last if x.pdf_pages else None) for x in out] == [(30, None), (31, 33)]
    assert [r[0] for r in out[1].rows] == ["b", "c", "d"]
    assert len(out[1].values) == 3 and out[1].values[2][1].value == 12.0
    assert len(join_continued(parts)) == 1  # without heads: columns alone decide


# --- finder checks on hand-made input -----------------------------------------------------------


def test_looks_like_table_rejects_charts_forms_and_single_columns() -> None:
    page = (595.0, 842.0)
    good = [["Name", "Amount"], ["A", "1"], ["B", "2"]]
    assert looks_like_table(good, *page, BOX)
    chart = [["", "", "", ""], ["", "", "", ""], ["12", "", "", ""], ["", "", "", "7"]]
    assert not looks_like_table(chart, *page, BOX)
    form = [["Amendment Name:", "Budget"], ["Directorate:", "All"], ["Proposer:", "Mr A"],
            ["Seconder:", "Mrs B"]]
    assert not looks_like_table(form, *page, BOX)
    assert not looks_like_table([["Title"], ["Text"]], *page, BOX)
    assert not looks_like_table([["Report Authors: A", "Lead Director: B"]], *page, BOX)


def _line(top: float, *cells: tuple[float, str]) -> Line:
    return placed(top, *cells, page=0, size=12, char=6, space=3, font="")


def test_aligned_table_needs_a_column_of_figures() -> None:
    payments = content(n=2, lines=[
        _line(100, (72, "The Councillors resolved to pay:")),
        _line(120, (108, "Metcalfes"), (216, "£ 205.88"), (288, "Scalpings")),
        _line(136, (108, "Martin Joyce"), (216, "£ 250.00"), (288, "Website Training")),
        _line(152, (108, "G & AM Johnston"), (216, "£ 864.00"), (288, "Grass Cutting")),
    ])
    found = aligned_tables(payments)
    assert len(found) == 1 and found[0].method == "aligned"
    assert found[0].rows[0] == ["Metcalfes", "£ 205.88", "Scalpings"]
    listing = content(n=2, lines=[
        _line(120, (72, "Glasdon Brochure"), (288, "HAGS Brochure")),
        _line(136, (72, "Centenary Fields Letter"), (288, "CCC Appleby Fair Mtg")),
        _line(152, (72, "EDC Notice of Referendum"), (288, "Clerks & Councils Direct")),
    ])
    assert aligned_tables(listing) == []


def test_the_finders_read_their_thresholds_from_table_settings() -> None:
    payments = content(n=2, lines=[
        _line(120, (108, "Metcalfes"), (216, "£ 205.88"), (288, "Scalpings")),
        _line(136, (108, "Martin Joyce"), (216, "£ 250.00"), (288, "Website Training")),
        _line(152, (108, "G & AM Johnston"), (216, "£ 864.00"), (288, "Grass Cutting")),
    ])
    assert TableSettings() == DEFAULT and len(aligned_tables(payments, settings=DEFAULT)) == 1
    assert aligned_tables(payments, settings=TableSettings(max_columns=2)) == []  # three columns
    assert aligned_tables(payments, settings=TableSettings(aligned_gap_em=10)) == []  # no gap is wide enough
    assert is_white(0.95) is False and is_white(0.95, white=0.9) is True
