"""Unit tests for the accuracy scorer: hand-written gold/output pairs with known answers."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from packparse.evaluation.scoring import (
    FIELDS,
    metrics,
    normalise_name,
    pool,
    same_text,
    score,
    table_similarity,
    tokens,
)

CORPUS_GOLD = Path(__file__).parents[1] / ".." / "shared" / "corpus" / "gold"


def _r(pair: list[int] | None) -> dict[str, int] | None:
    return None if pair is None else {"first": pair[0], "last": pair[1]}


def gold_to_output(gold: dict[str, Any]) -> dict[str, Any]:
    """The output a perfect parser would write for `gold`, following the contract's mapping.

    Gold minutes attach to the gold's minutes documents in order, reports to the report document with
    the same pages, tables to the document covering their page (the corpus gold is consistent so).
    """
    docs: list[dict[str, Any]] = [
        {"kind": d["kind"], "title": d["title"], "pdf_pages": _r(d["pdf_pages"]),
         "agenda_item": d.get("agenda_item"), "tables": []}
        for d in gold.get("documents", [])
    ]
    minutes_docs = [d for d in docs if d["kind"] == "minutes"]
    for doc, m in zip(minutes_docs, gold.get("minutes", []), strict=True):
        chair = m.get("chair")
        items = [{"number": i["number"], "title": i["title"], "resolutions": []} for i in m["items"]]
        resolutions = ["RESOLVED that ..."] * m["resolutions"]
        if items:
            items[0]["resolutions"] = resolutions
        doc["minutes"] = {
            "body": m["body"], "date": m["date"], "items": items,
            "attendance": {"present": [{"name": n} for n in m["present"] if n != chair],
                           "chair": {"name": chair, "role": "Chair"} if chair else None,
                           "apologies": [{"name": n} for n in m["apologies"]],
                           "also_present": [{"name": n} for n in m["also_present"]]},
        }
    for r in gold.get("reports", []):
        doc = next(d for d in docs if d["kind"] == "report" and d["pdf_pages"] == _r(r["pdf_pages"]))
        doc["report"] = {"title": r["title"], "report_of": r["report_of"],
                         "recommendations": ["do it"] * r["recommendations"]}
    for t in gold.get("tables", []):
        doc = next(d for d in docs if d["pdf_pages"]["first"] <= t["pdf_page"] <= d["pdf_pages"]["last"])
        doc["tables"].append({"pdf_page": t["pdf_page"], "header": t["header"] or [], "n_cols": t["cols"],
                              "rows": [[c] + [""] * (t["cols"] - 1) for c in t["first_column"]]})
    meeting = gold.get("meeting") or {}
    return {
        "meeting": {k: meeting.get(k) for k in ("body", "date", "start_time", "venue")},
        "agenda": {"items": [{"number": i["number"], "title": i["title"],
                              "printed_pages": _r(i["printed_pages"]), "exempt": i["exempt"]}
                             for i in gold.get("agenda_items", [])]},
        "documents": docs,
        "pages": [{"pdf_page": p, "kind": "blank"} for p in gold.get("blank_pages", [])],
    }


GOLD: dict[str, Any] = {
    "format": "packparse-gold/1",
    "file": "x.pdf",
    "kind": "pack",
    "pdf_page_count": 12,
    "meeting": {"body": "Corporate Parenting Panel", "date": "2022-12-16", "start_time": "09:30",
                "venue": "Committee Room 1A, County Hall, Durham"},
    "agenda_items": [
        {"number": "1", "title": "Apologies for Absence", "printed_pages": None, "exempt": False},
        {"number": "2", "title": "Minutes of the meeting.", "printed_pages": [3, 5], "exempt": False},
        {"number": "3", "title": "Performance Update", "printed_pages": [6, 9], "exempt": False},
        {"number": "4", "title": "Regulation 44 Visits", "printed_pages": [11, 12], "exempt": True},
    ],
    "documents": [
        {"kind": "front_sheet", "title": "Panel", "pdf_pages": [1, 2], "printed_pages": None,
         "agenda_item": None},
        {"kind": "minutes", "title": "DURHAM", "pdf_pages": [3, 5], "printed_pages": None,
         "agenda_item": "2"},
        {"kind": "report", "title": "Performance Update", "pdf_pages": [6, 9], "printed_pages": None,
         "agenda_item": "3"},
        {"kind": "exempt_stub", "title": "Restricted", "pdf_pages": [11, 11], "printed_pages": None,
         "agenda_item": "4"},
    ],
    "blank_pages": [10, 12],
    "minutes": [{
        "body": "Corporate Parenting Panel", "date": "2022-11-25",
        "present": ["M Simmons", "M Walton", "R Adcock-Forster"], "chair": "M Simmons",
        "apologies": ["C Bell"], "also_present": ["Laura Counce"],
        "items": [{"number": "1", "title": "Apologies for Absence"}, {"number": "2", "title": "Minutes"}],
        "resolutions": 2,
    }],
    "reports": [{"title": "Performance Update", "pdf_pages": [6, 9], "report_of": "Stephen Tracey, Manager",
                 "recommendations": 1, "numbered_paragraphs": True}],
    "text_layer": True,
    "tables_scope": [1, 12],
    "tables": [
        {"pdf_page": 7, "rows": 3, "cols": 3, "header": ["Measure", "2021/22", "England"],
         "first_column": ["Rate of CLA", "Placements"]},
        {"pdf_page": 7, "rows": 2, "cols": 2, "header": ["Team", "Staff"], "first_column": ["North"]},
    ],
}


def _f1(scores: dict[str, Any], name: str) -> float | None:
    s = scores[name]
    return metrics(s.gold, s.got, s.tp)["f1"]


# --- whole-file cases ---------------------------------------------------------------------------------


def test_perfect_output_scores_one_everywhere() -> None:
    scores = score(gold_to_output(GOLD), GOLD)
    assert list(scores) == list(FIELDS)
    for name, s in scores.items():
        assert _f1(scores, name) == 1.0, (name, s)
        assert not s.missed and not s.extra, name


@pytest.mark.parametrize(
    "output", [None, {}, {"meeting": None, "agenda": None, "documents": None, "pages": None}])
def test_empty_output_scores_zero(output: dict[str, Any] | None) -> None:
    scores = score(output, GOLD)
    for name, s in scores.items():
        assert s.gold > 0 and s.got == 0 and s.tp == 0, name
        assert _f1(scores, name) == 0.0
        assert s.missed, name


def test_wrong_titles_score_zero() -> None:
    out = gold_to_output(GOLD)
    for item in out["agenda"]["items"]:
        item["title"] = "Something else entirely"
    for doc in out["documents"]:
        if doc["kind"] == "minutes":
            for item in doc["minutes"]["items"]:
                item["title"] += " extra words"
    scores = score(out, GOLD)
    assert scores["agenda.items"].tp == 0 and _f1(scores, "agenda.items") == 0.0
    assert scores["minutes.items"].tp == 0
    assert len(scores["agenda.items"].missed) == 4 and len(scores["agenda.items"].extra) == 4
    # the other agenda fields pair by number, so they are unaffected
    assert _f1(scores, "agenda.printed_pages") == 1.0 and _f1(scores, "agenda.exempt") == 1.0


def test_wrong_numbers_score_zero_for_items() -> None:
    out = gold_to_output(GOLD)
    for item in out["agenda"]["items"]:
        item["number"] = item["number"] + "0"
    assert score(out, GOLD)["agenda.items"].tp == 0


def test_wrong_dates_score_zero() -> None:
    out = gold_to_output(GOLD)
    out["meeting"]["date"] = "2022-12-17"
    out["meeting"]["start_time"] = "9:30"
    scores = score(out, GOLD)
    assert _f1(scores, "meeting.date") == 0.0 and scores["meeting.date"].extra == ["2022-12-17"]
    assert _f1(scores, "meeting.start_time") == 0.0  # times compare exactly as HH:MM


def test_gold_null_meeting_counts_output_values_as_extra() -> None:
    gold = copy.deepcopy(GOLD)
    gold["meeting"] = None
    scores = score(gold_to_output(GOLD), gold)
    assert scores["meeting.body"].gold == 0 and scores["meeting.body"].got == 1
    assert _f1(scores, "meeting.body") == 0.0
    scores = score({}, gold)
    assert metrics(scores["meeting.date"].gold, scores["meeting.date"].got, 0)["f1"] is None


def test_body_and_venue_are_token_matched() -> None:
    out = gold_to_output(GOLD)
    out["meeting"]["body"] = "CORPORATE PARENTING PANEL"
    out["meeting"]["venue"] = "Committee Room 1A,  County Hall,\nDurham."
    scores = score(out, GOLD)
    assert scores["meeting.body"].tp == 1 and scores["meeting.venue"].tp == 1


def test_unannotated_fields_are_skipped() -> None:
    gold = copy.deepcopy(GOLD)
    gold["tables_scope"] = None
    del gold["reports"]
    scores = score({}, gold)
    assert not any(name.startswith(("tables.", "reports.")) for name in scores)


# --- agenda ---------------------------------------------------------------------------------------------


def test_agenda_title_token_tolerance_and_printed_pages() -> None:
    out = gold_to_output(GOLD)
    out["agenda"]["items"][1]["title"] = "minutes of the  meeting"
    out["agenda"]["items"][1]["number"] = "2."
    out["agenda"]["items"][2]["printed_pages"] = {"first": 6, "last": 10}
    out["agenda"]["items"][0]["printed_pages"] = {"first": 1, "last": 1}  # gold has none: an extra
    scores = score(out, GOLD)
    assert scores["agenda.items"].tp == 4
    pp = scores["agenda.printed_pages"]
    assert (pp.gold, pp.got, pp.tp) == (3, 4, 2)
    assert pp.missed == ["3: 6-9 (got 6-10)"]
    assert sorted(pp.extra) == ["1: 1", "3: 6-10"]


def test_agenda_exempt_is_a_set_of_numbers() -> None:
    out = gold_to_output(GOLD)
    out["agenda"]["items"][0]["exempt"] = True
    s = score(out, GOLD)["agenda.exempt"]
    assert (s.gold, s.got, s.tp) == (1, 2, 1) and s.extra == ["1"]


# --- documents and pages ----------------------------------------------------------------------------------


def test_documents_start_and_range() -> None:
    out = gold_to_output(GOLD)
    out["documents"] = [
        {"kind": "front_sheet", "pdf_pages": {"first": 1, "last": 2}},
        {"kind": "minutes", "pdf_pages": {"first": 3, "last": 4}},  # right start, wrong end
        {"kind": "report", "pdf_pages": {"first": 5, "last": 9}},  # wrong start, right end
    ]
    scores = score(out, GOLD)
    start, rng = scores["documents.start"], scores["documents.range"]
    assert (start.gold, start.got, start.tp) == (4, 3, 2)
    assert (rng.gold, rng.got, rng.tp) == (4, 3, 1)
    assert rng.missed == ["3-5", "6-9", "11"] and rng.extra == ["3-4", "5-9"]


def test_blank_pages() -> None:
    out = {"pages": [{"pdf_page": p, "kind": "blank" if p in (10, 11) else "content"} for p in range(1, 13)]}
    s = score(out, GOLD)["blank_pages"]
    assert (s.gold, s.got, s.tp) == (2, 2, 1) and s.missed == ["12"] and s.extra == ["11"]


# --- minutes ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("printed", "plain"), [
    ("Councillor M Simmons (Chair)", "M Simmons"),
    ("Mr R Gough", "R Gough"),
    ("Mr R W Gough", "r w gough"),
    ("Cllr Mrs Shewell", "Shewell"),
    ("County Cllr Webb", "Webb"),
    ("County Councillor J Webb", "J Webb"),
    ("Mr R C Love, OBE", "R C Love"),
    ("Mr R C Love OBE", "R C Love"),
    ("Sir Paul Carter", "Paul Carter"),
    ("Dr A Ghosh - Director of Public Health", "A Ghosh"),
    ("Jodie Henderson – Practice Lead", "Jodie Henderson"),
    ("Rhonda Coffman, Deputy Community Development Director", "Rhonda Coffman"),
    ("Councillors M. Simmons", "M Simmons"),
    ("  baroness   JONES ", "Jones"),
    ("Olive O’Sullivan", "Olive O'Sullivan"),
    ("R Adcock-Forster", "r adcock-forster"),
])
def test_name_normalisation(printed: str, plain: str) -> None:
    assert normalise_name(printed) == normalise_name(plain)


def test_name_normalisation_keeps_different_people_apart() -> None:
    assert normalise_name("Mr R Gough") != normalise_name("Mrs R Gough-Smith")
    assert normalise_name("M Simmons") != normalise_name("M Simmonds")
    assert normalise_name("County Hall") == "county hall"  # 'County' alone is not an honorific


def test_minutes_attendance_adds_chair_to_present_and_normalises_names() -> None:
    out = gold_to_output(GOLD)
    mins = next(d for d in out["documents"] if d["kind"] == "minutes")["minutes"]
    mins["attendance"] = {
        "chair": {"name": "Councillor M Simmons", "role": "Chair"},
        "present": [{"name": "Councillor M Walton"}, {"name": "Cllr R Adcock-Forster (Vice-Chair)"},
                    {"name": "Councillor X Stranger"}],
        "apologies": [{"name": "Councillor C Bell"}],
        "also_present": [{"name": "Laura Counce - Democratic Services"}],
    }
    scores = score(out, GOLD)
    p = scores["minutes.present"]
    assert (p.gold, p.got, p.tp) == (3, 4, 3) and p.extra == ["Councillor X Stranger"]
    assert _f1(scores, "minutes.apologies") == 1.0
    assert _f1(scores, "minutes.also_present") == 1.0


def test_minutes_matched_by_date_else_by_order() -> None:
    gold = copy.deepcopy(GOLD)
    second = copy.deepcopy(gold["minutes"][0]) | {"date": "2022-10-01", "resolutions": 0, "apologies": []}
    gold["minutes"].append(second)
    out_first = {"kind": "minutes", "pdf_pages": {"first": 3, "last": 5},
                 "minutes": {"date": None, "items": [], "attendance": {"apologies": [{"name": "Mr C Bell"}]}}}
    out_second = {"kind": "minutes", "pdf_pages": {"first": 6, "last": 8},
                  "minutes": {"date": "2022-11-25", "items": [{"number": "1", "title": "x",
                                                               "resolutions": ["a", "b"]}]}}
    scores = score({"documents": [out_first, out_second]}, gold)
    found = scores["minutes.found"]
    assert (found.gold, found.got, found.tp) == (2, 2, 2)
    # gold #1 (2022-11-25) pairs with the dated output; gold #2 with the undated one by order.
    res = scores["minutes.resolutions"]
    assert (res.gold, res.got, res.tp) == (2, 2, 2)  # #1: 2 == 2 entries; #2: 0 == 0
    ap = scores["minutes.apologies"]
    assert (ap.gold, ap.got, ap.tp) == (1, 1, 0)  # 'C Bell' sits in the other minutes


def test_minutes_resolution_count() -> None:
    out = gold_to_output(GOLD)
    mins = next(d for d in out["documents"] if d["kind"] == "minutes")["minutes"]
    mins["items"][0]["resolutions"] = ["RESOLVED that ..."]
    mins["items"][1]["resolutions"] = ["Resolved: (a) ... (b) ..."]
    assert score(out, GOLD)["minutes.resolutions"].tp == 1
    mins["items"][1]["resolutions"] = []
    s = score(out, GOLD)["minutes.resolutions"]
    assert (s.gold, s.got, s.tp) == (1, 1, 0)


def test_output_minutes_without_gold_are_extras() -> None:
    gold = copy.deepcopy(GOLD)
    gold["minutes"] = []
    scores = score(gold_to_output(GOLD), gold)
    assert scores["minutes.found"].got == 1 and scores["minutes.found"].tp == 0
    assert scores["minutes.present"].gold == 0 and scores["minutes.present"].got == 3
    assert scores["minutes.resolutions"].extra


# --- reports ------------------------------------------------------------------------------------------------


def test_reports_matched_by_title_then_first_page() -> None:
    report = {"kind": "report", "title": "Agenda Item 3", "pdf_pages": {"first": 6, "last": 8},
              "report": {"title": None, "report_of": "Stephen Tracey , Manager.", "recommendations": ["a"]}}
    scores = score({"documents": [report]}, GOLD)
    assert scores["reports.found"].tp == 1
    assert scores["reports.report_of"].tp == 1
    assert scores["reports.recommendations"].tp == 1
    report["pdf_pages"] = {"first": 7, "last": 9}
    scores = score({"documents": [report]}, GOLD)
    assert scores["reports.found"].tp == 0 and scores["reports.found"].extra
    assert (scores["reports.report_of"].gold, scores["reports.report_of"].got) == (1, 0)


def test_report_of_only_where_gold_has_one() -> None:
    gold = copy.deepcopy(GOLD)
    gold["reports"][0]["report_of"] = None
    s = score(gold_to_output(gold), gold)["reports.report_of"]
    assert (s.gold, s.got, s.tp) == (0, 0, 0)


# --- tables -------------------------------------------------------------------------------------------------


def _table(page: int, header: list[str], first: list[str], cols: int, **extra: Any) -> dict[str, Any]:
    return {"pdf_page": page, "header": header, "rows": [[c] + [""] * (cols - 1) for c in first],
            "n_cols": cols, **extra}


def test_tables_greedy_match_by_similarity_not_order() -> None:
    tables = [_table(7, ["Team", "Staff"], ["North"], 2),
              _table(7, ["Measure", "2021 / 22", "ENGLAND"], ["Rate of CLA", "Placements"], 3)]
    doc = {"kind": "report", "pdf_pages": {"first": 6, "last": 9}, "tables": tables}
    scores = score({"documents": [doc]}, GOLD)
    assert scores["tables.detected"].tp == 2
    assert _f1(scores, "tables.header") == 1.0
    assert _f1(scores, "tables.columns") == 1.0


def test_tables_partial_header_and_wrong_columns() -> None:
    tables = [_table(7, ["Measure", "2021/22"], ["Rate of CLA"], 2), _table(3, ["A", "B"], ["x"], 2)]
    doc = {"kind": "report", "pdf_pages": {"first": 1, "last": 9}, "tables": tables}
    scores = score({"documents": [doc]}, GOLD)
    det, head, cols = scores["tables.detected"], scores["tables.header"], scores["tables.columns"]
    assert (det.gold, det.got, det.tp) == (2, 2, 1)
    assert det.extra == ["p3 [A | B]"]
    assert (head.gold, head.got, head.tp) == (5, 4, 2)
    assert (cols.gold, cols.got, cols.tp) == (2, 2, 0)


def test_table_spanning_pages_matches_on_each_page() -> None:
    gold = copy.deepcopy(GOLD)
    header = ["Measure", "2021/22", "England"]
    gold["tables"] = [{"pdf_page": p, "rows": 3, "cols": 3, "header": header, "first_column": [f"m{p}"]}
                      for p in (7, 8)]
    span = _table(7, header, ["m7", "m8"], 3, pdf_pages={"first": 7, "last": 8})
    scores = score({"documents": [{"kind": "table", "pdf_pages": {"first": 7, "last": 8}, "tables": [span]}]},
                   gold)
    assert (scores["tables.detected"].got, scores["tables.detected"].tp) == (2, 2)
    assert _f1(scores, "tables.header") == 1.0


def test_continued_table_header_counts_only_where_the_gold_prints_it() -> None:
    """A table joined over pages has one header, printed on its first page: on a later page the gold lists
    without a header it is neither extra nor missed; where the gold lists the header repeated it counts."""
    gold = copy.deepcopy(GOLD)
    header = ["Measure", "2021/22", "England"]
    gold["tables"] = [{"pdf_page": 7, "rows": 3, "cols": 3, "header": header, "first_column": ["m7"]},
                      {"pdf_page": 8, "rows": 1, "cols": 3, "header": None, "first_column": ["m8"]}]
    span = _table(7, header, ["m7", "m8"], 3, pdf_pages={"first": 7, "last": 8})
    out = {"documents": [{"kind": "table", "pdf_pages": {"first": 7, "last": 8}, "tables": [span]}]}
    head = score(out, gold)["tables.header"]
    assert (head.gold, head.got, head.tp, head.extra) == (3, 3, 3, [])
    gold["tables"][1]["header"] = header  # the header printed again on page 8
    head = score(out, gold)["tables.header"]
    assert (head.gold, head.got, head.tp) == (6, 6, 6)


def test_tables_outside_scope_and_scanned_files() -> None:
    gold = copy.deepcopy(GOLD)
    gold["tables_scope"] = [1, 6]  # the gold tables on page 7 are out of scope
    scores = score(gold_to_output(GOLD), gold)
    assert (scores["tables.detected"].gold, scores["tables.detected"].got) == (0, 0)
    gold = copy.deepcopy(GOLD)
    gold["text_layer"] = False
    assert "tables.detected" not in score({}, gold)
    assert score({}, gold, ocr=True)["tables.detected"].gold == 2


def test_table_similarity() -> None:
    g = {"header": ["Measure", "2021/22"], "first_column": ["Rate", "Count"]}
    assert table_similarity(g, _table(1, ["measure", "2021/22"], ["Rate", "Count"], 2)) == 1.0
    assert table_similarity(g, _table(1, ["x", "y"], ["z"], 2)) == 0.0
    assert 0 < table_similarity(g, _table(1, ["Measure", "y"], ["Rate"], 2)) < 1


# --- helpers and pooling ------------------------------------------------------------------------------------


def test_title_tokens() -> None:
    assert same_text("Minutes of the meeting.", "minutes of the  meeting")
    assert same_text("24/00108 - Revenue  Budget – Nov", "24 00108 revenue budget nov")
    assert not same_text("Minutes of the meeting", "Minutes of meeting")
    assert tokens(None) == ()


def test_metrics_and_pool() -> None:
    assert metrics(4, 2, 2) == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}
    assert metrics(3, 0, 0)["f1"] == 0.0
    assert metrics(0, 0, 0)["f1"] is None
    totals = pool([{"agenda.items": {"gold": 4, "got": 4, "tp": 2}},
                   {"agenda.items": {"gold": 6, "got": 2, "tp": 2},
                    "blank_pages": {"gold": 1, "got": 1, "tp": 1}}])
    assert totals["agenda.items"]["tp"] == 4 and totals["agenda.items"]["f1"] == pytest.approx(8 / 16)
    assert list(totals) == ["agenda.items", "blank_pages"]


# --- every corpus gold file, scored against itself, is perfect ----------------------------------------------


@pytest.mark.skipif(not CORPUS_GOLD.is_dir(), reason="shared/corpus/gold not present")
def test_corpus_gold_scores_perfectly_against_itself() -> None:
    failures = []
    for path in sorted(CORPUS_GOLD.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for name, s in score(gold_to_output(gold), gold, ocr=True).items():
            f1 = metrics(s.gold, s.got, s.tp)["f1"]
            if f1 not in (None, 1.0):
                failures.append(f"{path.name} {name}: gold={s.gold} got={s.got} tp={s.tp} {s.missed[:2]}")
    assert not failures, "\n".join(failures)


def test_tables_pooled_over_both_gold_sets_per_family() -> None:
    """`make eval` reports the table fields over every gold file, shared and new together, per family."""
    from rich.console import Console

    from packparse.evaluation.printing import tables_table
    from packparse.evaluation.runner import tables_summary

    def result(family: str, detected: tuple[int, int, int]) -> dict:
        counts = {"tables.detected": dict(zip(("gold", "got", "tp"), detected, strict=True)),
                  "meeting.date": {"gold": 1, "got": 1, "tp": 1}}
        return {"family": family, "counts": counts}

    summary = tables_summary([result("us", (2, 2, 2)), result("uk_local", (3, 2, 2)), result("us", (1, 2, 1))])
    assert summary["n_files"] == 3 and set(summary["totals"]) == {"tables.detected"}
    assert summary["totals"]["tables.detected"]["tp"] == 5
    assert summary["families"]["us"]["tables.detected"]["gold"] == 3
    console = Console(width=120, record=True)
    console.print(tables_table(summary))
    text = console.export_text()
    assert "all gold files together" in text and "uk_local" in text and "0.800 (2/3/2)" in text
