"""Typed cells: `parse_cell` on the forms council tables print, the words it must leave alone, and
how much of the Durham scorecard (read in place from the shared corpus) gets a typed value."""

from __future__ import annotations

import pytest

from packparse.layout import RawTable
from packparse.models import BBox, CellValue
from packparse.parsers.cellvalues import parse_cell, parse_header
from packparse.parsers.tables import to_table
from tests.corpus import extracted, needs_corpus


def _v(text: str) -> dict[str, object] | None:
    value = parse_cell(text)
    return None if value is None else value.model_dump(exclude_none=True)


@pytest.mark.parametrize(("text", "want"), [
    ("£84,922.50", {"kind": "currency", "value": 84922.5, "unit": "GBP"}),
    ("$85,000*", {"kind": "currency", "value": 85000.0, "unit": "USD"}),  # footnote mark dropped
    ("(£1,234)", {"kind": "currency", "value": -1234.0, "unit": "GBP"}),
    ("£1.2m", {"kind": "currency", "value": 1_200_000.0, "unit": "GBP"}),
    ("12% [126/1030]", {"kind": "percent", "value": 12.0, "unit": "%", "numerator": 126.0, "denominator": 1030.0}),
    ("10.7% [90 of 840]", {"kind": "percent", "value": 10.7, "unit": "%", "numerator": 90.0, "denominator": 840.0}),
    ("89% (70/79)", {"kind": "percent", "value": 89.0, "unit": "%", "numerator": 70.0, "denominator": 79.0}),
    ("0.4% [3]", {"kind": "percent", "value": 0.4, "unit": "%", "count": 3.0}),
    ("-3.5%", {"kind": "percent", "value": -3.5, "unit": "%"}),
    ("82.9 [833]", {"kind": "number_count", "value": 82.9, "count": 833.0}),
    ("12.3 [39 of 316]", {"kind": "number_count", "value": 12.3, "numerator": 39.0, "denominator": 316.0}),
    ("(1,234)", {"kind": "number", "value": -1234.0}),
    ("(66.9)", {"kind": "number", "value": -66.9}),  # Kent's finance tables print negatives in brackets
    ("£(1,234)", {"kind": "currency", "value": -1234.0, "unit": "GBP"}),
    ("(£2,304.2)", {"kind": "currency", "value": -2304.2, "unit": "GBP"}),
    ("– 1.5 million", {"kind": "number", "value": -1_500_000.0}),  # a sum in words, a spaced minus
    ("$2.56 million", {"kind": "currency", "value": 2_560_000.0, "unit": "USD"}),
    ("1,315,610.6", {"kind": "number", "value": 1315610.6}),
    ("−5", {"kind": "number", "value": -5.0}),
    ("0", {"kind": "number", "value": 0.0}),
    ("70 (2021/22)", {"kind": "number", "value": 70.0, "period": "2021/22"}),
    ("16% (2021/22)", {"kind": "percent", "value": 16.0, "unit": "%", "period": "2021/22"}),
    ("454 (Q1 2022/23)", {"kind": "number", "value": 454.0, "period": "Q1 2022/23"}),
    ("430 [2015-18]", {"kind": "number", "value": 430.0, "period": "2015-18"}),
    ("182 of 1206", {"kind": "count_fraction", "value": 182.0, "numerator": 182.0, "denominator": 1206.0}),
    ("1/914", {"kind": "count_fraction", "value": 1.0, "numerator": 1.0, "denominator": 914.0}),
    ("2021/22", {"kind": "period", "period": "2021/22"}),
    ("Q2 2022/23", {"kind": "period", "period": "Q2 2022/23"}),
    ("Q2 2022-23", {"kind": "period", "period": "Q2 2022/23"}),
    ("2022/23 YTD", {"kind": "period", "period": "2022/23 YTD"}),
    ("2018-2021", {"kind": "period", "period": "2018-2021"}),
    ("March 2026", {"kind": "period", "period": "March 2026"}),
])
def test_values(text: str, want: dict[str, object]) -> None:
    assert _v(text) == want


@pytest.mark.parametrize(("text", "status"), [
    ("N/A", "N/A"), ("n/a", "N/A"), ("NND", "NND"), ("TBC", "TBC"), ("Data not available", "Data not available"),
    ("Reported annually", "Reported annually"), ("Data Error", "Data error"), ("See presentation", "See presentation"),
    ("", "empty"), ("  ", "empty"), ("-", "-"), ("–", "-"), ("nil", "Nil"), ("NIL", "Nil"), ("Nil.", "Nil"),
])
def test_statuses_are_never_numbers(text: str, status: str) -> None:
    assert _v(text) == {"kind": "status", "status": status}


@pytest.mark.parametrize("text", [
    "Item 3", "2.1 Background", "01622 694094", "03000 416 877", "01622694094", "(01622) 694094",
    "+44 1622 694094", "18/07/13", "7/1", "£000s", "1,02", "SO1, SO2", "1-2 years",
    "69 (59 CDYJS, 10 AFC) 15 waiting for match", "12 %%", "Rate of CLA per 10,000 u18 population",
])
def test_figures_among_words_are_text(text: str) -> None:
    """Numbers inside labels, codes, dates and phone numbers are not values: kind text, no value."""
    assert _v(text) == {"kind": "text"}


@pytest.mark.parametrize("text", ["Foster placement", "Measure", "Total", "No.", "£-"])
def test_words_only_is_none(text: str) -> None:
    assert parse_cell(text) is None


def test_header_cells_give_periods_only() -> None:
    assert parse_header("2019") == CellValue(kind="period", period="2019")
    assert parse_header("22/23") == CellValue(kind="period", period="22/23")
    assert parse_header("2020/21 [Provisional]") == CellValue(kind="period", period="2020/21", status="Provisional")
    assert parse_header("Q2 2022/23") == CellValue(kind="period", period="Q2 2022/23")
    for text in ("Measure", "Under 6 Months", "0-17", "%", "", "1,027"):
        assert parse_header(text) is None, text


def test_to_table_fills_parallel_values_and_keeps_every_header_row() -> None:
    raw = RawTable(bbox=BBox(x0=0, top=0, x1=100, bottom=100), rows=[
        ["CiC at date", "2019/20", None, "2022/23 YTD", None],
        ["", "No.", "%", "No.", "%"],
        ["0", "79", "9%", "66", "N/A"],
        ["1", "46", "5%", "", "5%"],
    ])
    t = to_table(raw, 37)
    assert t is not None
    assert t.header == ["CiC at date", "2019/20", "2022/23 YTD"]  # the contract's first row, spans once
    assert t.header_rows == [["CiC at date", "2019/20", "", "2022/23 YTD", ""], ["", "No.", "%", "No.", "%"]]
    assert [v.period if v else None for v in t.header_values] == [None, "2019/20", "2022/23 YTD"]
    assert [len(r) for r in t.values] == [len(r) for r in t.rows]
    assert t.rows[0] == ["0", "79", "9%", "66", "N/A"]  # strings stay as printed
    assert [v.value if v else None for v in t.values[0][:4]] == [0.0, 79.0, 9.0, 66.0]
    assert t.values[0][4] == CellValue(kind="status", status="N/A")
    assert t.values[1][3] == CellValue(kind="status", status="empty")


# --- the Durham scorecard, read in place ---------------------------------------------------------

DURHAM = "durham_cpp_2022-12-16_agenda_pack"


def _scorecard_coverage() -> tuple[int, int]:
    """(typed, non-empty) over the scorecard's data cells: every body cell but the row-label column."""
    tables = [t for d in extracted(DURHAM).documents for t in d.tables if 30 <= t.pdf_page <= 33]
    typed = total = 0
    for t in tables:
        for row, values in zip(t.rows, t.values, strict=True):
            for text, value in list(zip(row, values, strict=True))[1:]:
                if text:
                    total += 1
                    typed += value is not None and (value.value is not None or value.status is not None)
    return typed, total


@needs_corpus
def test_durham_scorecard_cells_are_typed() -> None:
    typed, total = _scorecard_coverage()
    print(f"typed-cell coverage, Durham scorecard pdf 30-33: {typed}/{total} = {typed / total:.3f}")
    assert total > 200
    assert typed / total >= 0.9


@needs_corpus
def test_durham_scorecard_values() -> None:
    p30 = next(t for d in extracted(DURHAM).documents for t in d.tables if t.pdf_page == 30)
    assert [v.period if v else None for v in p30.header_values] == [
        None, "2018/19", "2019/20", "2020/21", "2021/22", "Q2 2022/23", None, None]
    first = p30.values[0]
    assert first[0] == CellValue(kind="text")  # 'Rate of CLA per 10,000 u18 population [Number]': a label
    assert (first[1].kind, first[1].value, first[1].count) == ("number_count", 82.9, 833.0)
    assert (first[6].value, first[6].period) == (70.0, "2021/22")
    over_20_miles = p30.values[3]
    assert (over_20_miles[5].value, over_20_miles[5].numerator, over_20_miles[5].denominator) == (12.0, 126.0, 1030.0)
    assert p30.values[1][5] == CellValue(kind="status", status="See presentation")
