"""The evaluation runner's new parts on a tiny made-up corpus: discovery of the new gold and the
self-checked folders, one extraction per file for gold and self-checks, summaries, printing, floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packparse.evaluation import evaluate
from packparse.evaluation.__main__ import main
from packparse.evaluation.runner import (
    discover_all,
    print_compare,
    print_report,
    run_job,
    selfcheck_summary,
    write_selfcheck_floor,
)


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for line in lines:
        c.drawString(72, y, line)
        y -= 18
    c.showPage()
    c.save()


AGENDA = ["TINTERN COMMUNITY COUNCIL", "You are summoned to a meeting of the Council",
          "on Monday 8th January 2018 at 7.00pm", "AGENDA", "2399. Police Report", "2400. Public Forum",
          "2401. Apologies for absence", "2402. Declarations of interest"]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for folder in ("real", "packs", "wild", "gold"):
        (root / folder).mkdir(parents=True)
    _pdf(root / "wild" / "tintern_cc_2018-01-08_agenda.pdf", AGENDA)
    _pdf(root / "wild" / "tintern_cc_2018-01-29_agenda.pdf", AGENDA)
    (root / "wild" / "PROVENANCE.tsv").write_text(
        "file\trepo\tpath_in_repo\tcommit\tsha256\tpages\tcouncil_or_body\tcountry\tfamily\n"
        "tintern_cc_2018-01-08_agenda.pdf\tr\tp\tc\ts\t1\tTintern Community Council (Monmouthshire)\tUK\tuk_local\n"
        "tintern_cc_2018-01-29_agenda.pdf\tr\tp\tc\ts\t1\tTintern Community Council (Monmouthshire)\tUK\tuk_local\n",
        encoding="utf-8")
    return root


@pytest.fixture()
def wild_gold(tmp_path: Path) -> Path:
    d = tmp_path / "gold_wild"
    d.mkdir()
    gold = {"format": "packparse-gold/1", "file": "tintern_cc_2018-01-08_agenda.pdf", "kind": "agenda",
            "pdf_page_count": 1, "meeting": {"body": "Tintern Community Council", "date": "2018-01-08",
                                             "start_time": "19:00", "venue": None},
            "agenda_items": [{"number": n, "title": t, "printed_pages": None, "exempt": False} for n, t in
                             (("2399", "Police Report"), ("2400", "Public Forum"),
                              ("2401", "Apologies for absence"), ("2402", "Declarations of interest"))],
            "documents": [{"kind": "agenda", "title": None, "pdf_pages": [1, 1], "printed_pages": None,
                           "agenda_item": None}], "blank_pages": [], "text_layer": True}
    (d / "tintern_cc_2018-01-08_agenda.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (d / "tintern_cc_2018-01-29_agenda.gold.json").write_text('{"format": "packparse-gold/1", "fi', encoding="utf-8")
    (d / "no_such_file.gold.json").write_text("{}", encoding="utf-8")
    return d


def test_discover_all_merges_gold_and_selfchecks_per_pdf(corpus: Path, wild_gold: Path) -> None:
    jobs, notes = discover_all(corpus, wild_gold=wild_gold, selfcheck_folders=("wild",))
    by = {j.name: j for j in jobs}
    assert set(by) == {"tintern_cc_2018-01-08_agenda.pdf", "tintern_cc_2018-01-29_agenda.pdf"}
    done = by["tintern_cc_2018-01-08_agenda.pdf"]
    assert done.gold_set == "wild" and done.selfcheck and not done.score_ocr
    assert done.council == "Tintern Community Council (Monmouthshire)" and done.family == "uk_local"
    assert by["tintern_cc_2018-01-29_agenda.pdf"].gold is None  # its gold is still being written
    assert any("not readable" in n for n in notes) and any("no wild/no_such_file.pdf" in n for n in notes)
    assert discover_all(corpus, wild_gold=wild_gold, selfcheck_folders=(), pattern="*01-29*")[0] == []


def test_run_job_extracts_once_for_gold_and_selfchecks(corpus: Path, wild_gold: Path) -> None:
    jobs, _ = discover_all(corpus, wild_gold=wild_gold, selfcheck_folders=("wild",))
    job = next(j for j in jobs if j.gold is not None)
    r = run_job(job.spec(ocr=False))
    assert r["error"] is None and r["gold_set"] == "wild"
    assert set(r["checks"]) >= {"silent_loss", "agenda_items"}
    assert r["checks"]["silent_loss"]["status"] == "pass"
    assert r["gold"]["counts"]["meeting.date"]["tp"] == 1


def test_evaluate_reports_new_gold_apart_and_selfchecks(corpus: Path, wild_gold: Path, tmp_path: Path) -> None:
    results = evaluate(corpus, jobs=1, gold=False, wild_gold=wild_gold, selfchecks=("wild",))
    assert results["n_files"] == 0 and results["files"] == {}
    assert results["wild_gold"]["n_files"] == 1 and len(results["wild_gold"]["notes"]) == 2
    sc = results["selfchecks"]
    assert sc["n_files"] == 2 and set(sc["councils"]) == {"Tintern Community Council (Monmouthshire)"}
    assert sc["checks"]["silent_loss"]["pass"] == 2
    for f in sc["failing"]:
        assert f["checks"] and all(f["evidence"][c]["why"] for c in f["checks"])
    floor = json.loads(write_selfcheck_floor(sc, tmp_path / "floor.json").read_text(encoding="utf-8"))
    rate = sc["councils"]["Tintern Community Council (Monmouthshire)"]["all"]["rate"]
    assert 0 <= rate - floor["councils"]["Tintern Community Council (Monmouthshire)"] < 0.001
    assert floor["max_failing_files"]["silent_loss"] == 0
    print_report(results)
    print_compare(results, results)


def test_selfcheck_summary_lists_failing_files_with_evidence() -> None:
    checked = {"a.pdf": {"council": "C", "family": "f", "folder": "wild", "error": None,
                         "checks": {"silent_loss": {"status": "fail", "evidence": [
                             {"page": 2, "text": None, "why": "page is `blank` but draws 1297 paths"}]},
                                    "meeting_body": {"status": "pass"}}},
               "b.pdf": {"council": "C", "family": "f", "folder": "wild", "error": None,
                         "checks": {"silent_loss": {"status": "pass"}, "meeting_body": {"status": "n/a"}}}}
    sc = selfcheck_summary(checked, ("wild",))
    assert sc["failing"] == [{"file": "a.pdf", "council": "C", "family": "f", "checks": ["silent_loss"],
                              "evidence": {"silent_loss": {"page": 2, "text": None,
                                                           "why": "page is `blank` but draws 1297 paths"}}}]
    assert sc["councils"]["C"]["all"] == {"pass": 2, "fail": 1, "na": 1, "rate": 0.6667}


def test_cli_selfcheck_only(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.json"
    assert main([str(corpus), "-o", str(out), "-j", "1", "--selfcheck-only", "--write-floor",
                 str(tmp_path / "floor.json")]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert "wild_gold" not in results and results["selfchecks"]["folders"] == ["wild"]
    assert "Self-checks per council" in capsys.readouterr().out
    assert json.loads((tmp_path / "floor.json").read_text(encoding="utf-8"))["councils"]
    assert main([str(corpus), "--selfcheck-only", "--no-selfchecks"]) == 2
    assert main([str(corpus), "--selfcheck-only", "--folders", "nowhere"]) == 2
