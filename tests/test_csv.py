"""`packparse tables PACK.pdf --csv DIR`: one CSV per table, named by page and position, header first."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from packparse.cli import app
from packparse.csvout import named_tables, table_csv
from tests.corpus import extracted, needs_corpus

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_tables_command_writes_one_csv_per_table(tmp_path: Path) -> None:
    out = tmp_path / "csv"
    result = CliRunner().invoke(app, ["tables", str(SAMPLE), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["p013_t0.csv"]
    assert str(out / "p013_t0.csv") in result.output
    rows = _read(out / "p013_t0.csv")
    assert rows[0] == ["Measure", "2020/21", "2021/22", "Q2 2022/23", "England"]
    assert len(rows) == 6 and all(len(r) == 5 for r in rows)


def test_tables_command_unreadable_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    result = CliRunner().invoke(app, ["tables", str(bad), "--csv", str(tmp_path / "csv")])
    assert result.exit_code == 3
    assert not (tmp_path / "csv").exists()


@needs_corpus
def test_durham_csv_files(tmp_path: Path) -> None:
    """Files named by page and top-to-bottom index; the first line is the header, spanning cells aligned."""
    named = named_tables(extracted("durham_cpp_2022-12-16_agenda_pack"))
    for name, table in named:
        (tmp_path / name).write_text(table_csv(table), encoding="utf-8")
    names = [n for n, _ in named]
    assert names[:6] == ["p030_t0.csv", "p031_t0.csv", "p031_t1.csv", "p032_t0.csv", "p033_t0.csv", "p033_t1.csv"]
    assert len(names) == len(set(names)) == 16
    p30 = _read(tmp_path / "p030_t0.csv")
    assert p30[0] == ["Measure", "2018/19", "2019/20", "2020/21", "2021/22", "Q2 2022/23", "England", "North East"]
    assert p30[1][:2] == ["Rate of CLA per 10,000 u18 population [Number]", "82.9 [833]"]
    assert len(p30) == 1 + 7
    ages = _read(tmp_path / "p037_t0.csv")
    assert ages[:3] == [["CiC at date", "2019/20", "", "2022/23 YTD", ""], ["", "No.", "%", "No.", "%"],
                        ["0", "79", "9%", "66", "6%"]]


def test_tables_command_removes_its_own_earlier_csvs_only(tmp_path: Path) -> None:
    """CSVs of an earlier run (p###_t#.csv) go before the new ones are written; nothing else is touched:
    other CSVs, other names, links, folders, a PDF under such a name, the input."""
    out = tmp_path / "csv"
    out.mkdir()
    stale = [out / "p099_t0.csv", out / "p013_t1.csv", out / "p1000_t2.csv"]
    for path in stale:
        path.write_text("old,table\n")
    kept = {out / "notes.csv": "mine\n", out / "p5_t0.csv": "not the pattern\n", out / "p013_t0.csv.bak": "backup\n",
            out / "P014_T0.CSV": "other case\n", out / "p098_t0.csv": "%PDF-1.4 not a CSV\n"}
    for path, text in kept.items():
        path.write_text(text)
    (out / "p097_t0.csv").symlink_to(out / "notes.csv")
    (out / "p096_t0.csv").mkdir()
    result = CliRunner().invoke(app, ["tables", str(SAMPLE), "--csv", str(out)])
    assert result.exit_code == 0, result.output
    assert not any(p.exists() for p in stale)
    assert all(path.read_text() == text for path, text in kept.items())
    assert (out / "p097_t0.csv").is_symlink() and (out / "p096_t0.csv").is_dir()
    assert _read(out / "p013_t0.csv")[0][0] == "Measure"


def test_tables_command_redacts(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["tables", str(SAMPLE), "--csv", str(tmp_path / "csv"), "--redact"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csv" / "p013_t0.csv").exists()
