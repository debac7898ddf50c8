"""`packparse batch`: good and broken files together, limits, resume, kill -9 and resume, SQLite, Ray.

Inputs are symlinks to small corpus PDFs (read in place, never copied into the repo), the bundled sample
and broken files generated here.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

import packparse
from packparse.batch import BatchOptions, BatchUsageError, run_batch
from packparse.batch.executors import LocalExecutor, Task
from packparse.batch.manifest import MANIFEST, read_manifest
from packparse.errors import PackparseError
from packparse.models import Pack
from packparse.writers import pack_json
from tests.broken import BROKEN, SAMPLE, looping_tree_with_page, lying_count, write_encrypted
from tests.corpus import CORPUS

SMALL = ("real/kent_cabinet_2025-01-30_agenda_frontsheet.pdf", "real/milburn_pc_2019-07-02_agenda.pdf",
         "real/kent_cabinet_2025-01-30_prod_supplement_pack.pdf")
BAD_REASONS = {"empty.pdf": "empty file", "notes.PDF": "not a PDF", "truncated.pdf": "truncated",
               "locked.pdf": "encrypted"}


def _good_files(folder: Path) -> list[Path]:
    """Symlinks to the sample and, when the shared corpus is there, a few small real PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    links = [folder / SAMPLE.name]
    links[0].symlink_to(SAMPLE)
    for rel in SMALL:
        src = CORPUS / rel
        if src.exists():
            link = folder / src.name
            link.symlink_to(src)
            links.append(link)
    return links


def _bad_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.PDF").write_text("Minutes of the meeting\n" * 20)  # upper-case suffix is still a PDF name
    (folder / "truncated.pdf").write_bytes(SAMPLE.read_bytes()[: SAMPLE.stat().st_size // 3])
    write_encrypted(folder / "locked.pdf")
    (folder / "readme.txt").write_text("not an input: folders give only *.pdf")
    return [folder / name for name in BAD_REASONS]


def _run(inputs: list[Path | str], out: Path, **kw: object) -> tuple[object, list[dict]]:
    options = BatchOptions(inputs=[str(i) for i in inputs], outdir=out, quiet=True, **kw)  # type: ignore[arg-type]
    report = run_batch(options, console=Console(file=io.StringIO()))
    return report, report.records  # type: ignore[attr-defined]


def _by_name(records: list[dict]) -> dict[str, dict]:
    return {Path(r["path"]).name: r for r in records}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One batch over a folder of good files and a sub-folder of broken ones, with a database."""
    root = tmp_path_factory.mktemp("batch")
    good = _good_files(root / "in")
    bad = _bad_files(root / "in" / "broken")
    out, db = root / "out", root / "packs.sqlite"
    report, records = _run([root / "in"], out, db=db, jobs=2)
    return {"root": root, "good": good, "bad": bad, "out": out, "db": db, "report": report, "records": records}


def test_every_good_file_has_json_and_every_bad_file_a_reason(first_run: dict) -> None:
    records = _by_name(first_run["records"])
    assert set(records) == {p.name for p in first_run["good"]} | set(BAD_REASONS)  # readme.txt not taken
    for path in first_run["good"]:
        rec = records[path.name]
        assert rec["status"] in ("ok", "ok_with_warnings"), rec
        out = first_run["out"] / rec["output"]
        pack = Pack.model_validate_json(out.read_text(encoding="utf-8"))
        assert pack.source.file == path.name and rec["sha256"] == pack.source.sha256
        assert rec["pages"] == pack.source.pdf_pages and rec["packparse_version"] == packparse.__version__
    for name, words in BAD_REASONS.items():
        rec = records[name]
        assert rec["status"] == "failed" and words in rec["reason"], rec
        assert rec["output"] is None
    assert first_run["report"].exit_code == 1
    assert not list(first_run["out"].glob(".*.tmp"))


def test_every_hostile_input_inside_a_batch(tmp_path: Path) -> None:
    """Each broken or hostile input of the robustness tests, side by side in one batch under 30 s and 1 GB
    per file: each fails with its exit code and reason and leaves no output, the odd-but-readable page
    trees come out with a warning, and the good file among them is done."""
    folder = tmp_path / "in"
    folder.mkdir()
    for kind, (make, _code, _reason) in BROKEN.items():
        (folder / f"{kind}.pdf").write_bytes(make())
    (folder / "looping_tree_with_page.pdf").write_bytes(looping_tree_with_page())
    (folder / "lying_count.pdf").write_bytes(lying_count())
    (folder / SAMPLE.name).symlink_to(SAMPLE)
    out = tmp_path / "out"
    report, records = _run([folder], out, jobs=2, timeout=30, max_memory_mb=1024)
    by_name = _by_name(records)
    assert len(by_name) == len(BROKEN) + 3
    for kind, (_make, code, reason) in BROKEN.items():
        rec = by_name[f"{kind}.pdf"]
        assert rec["status"] == "failed" and reason in rec["reason"] and rec["exit_code"] == code, rec
        assert rec["output"] is None and rec["seconds"] < 30
    for name in ("looping_tree_with_page.pdf", "lying_count.pdf"):
        rec = by_name[name]
        assert rec["status"] == "ok_with_warnings" and rec["pages"] == 1, rec
    assert by_name[SAMPLE.name]["status"] in ("ok", "ok_with_warnings")
    assert sorted(p.name for p in out.glob("*.json")) == sorted(
        by_name[n]["output"] for n in ("looping_tree_with_page.pdf", "lying_count.pdf", SAMPLE.name))
    assert not list(out.glob(".*.tmp")) and report.exit_code == 1


def test_json_is_what_extract_writes(first_run: dict) -> None:
    rec = _by_name(first_run["records"])[SAMPLE.name]
    text = (first_run["out"] / rec["output"]).read_text(encoding="utf-8")
    assert text == pack_json(packparse.extract(first_run["root"] / "in" / SAMPLE.name)) + "\n"


def test_manifest_has_one_line_per_file(first_run: dict) -> None:
    lines = (first_run["out"] / MANIFEST).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(first_run["good"]) + len(BAD_REASONS)
    for rec in records:
        assert {"path", "sha256", "status", "reason", "output", "pages", "seconds", "packparse_version"} <= set(rec)


def test_database_rows(first_run: dict) -> None:
    conn = sqlite3.connect(first_run["db"])
    conn.execute("PRAGMA foreign_keys = ON")
    files = {row[0] for row in conn.execute("SELECT file FROM packs")}
    assert files == {p.name for p in first_run["good"]}
    for path in first_run["good"]:
        pack = Pack.model_validate_json(
            (first_run["out"] / _by_name(first_run["records"])[path.name]["output"]).read_text(encoding="utf-8"))
        pack_id, = conn.execute("SELECT pack_id FROM packs WHERE sha256 = ?", (pack.source.sha256,)).fetchone()
        count = conn.execute("SELECT count(*) FROM agenda_items WHERE pack_id = ?", (pack_id,)).fetchone()[0]
        assert count == len(pack.agenda.items)
        count = conn.execute("SELECT count(*) FROM documents WHERE pack_id = ?", (pack_id,)).fetchone()[0]
        assert count == len(pack.documents)
        n_tables = sum(len(d.tables) for d in pack.documents)
        assert conn.execute("SELECT count(*) FROM tables WHERE pack_id = ?", (pack_id,)).fetchone()[0] == n_tables
        n_cells = sum(len(r) for d in pack.documents for t in d.tables for r in t.rows)
        got = conn.execute("SELECT count(*) FROM cells JOIN tables USING (table_id) WHERE pack_id = ? "
                           "AND part = 'body'", (pack_id,)).fetchone()[0]
        assert got == n_cells
        minutes = [i for d in pack.documents if d.minutes for i in d.minutes.items]
        got = conn.execute("SELECT count(*) FROM minute_items WHERE pack_id = ?", (pack_id,)).fetchone()[0]
        assert got == len(minutes)
        got = conn.execute("SELECT count(*) FROM decisions WHERE pack_id = ?", (pack_id,)).fetchone()[0]
        assert got == sum(len(i.decisions) or len(i.resolutions) for i in minutes)
    # the sample's minutes: attendance and decisions are there
    assert conn.execute("SELECT count(*) FROM attendance").fetchone()[0] > 0
    assert conn.execute("SELECT count(*) FROM decisions").fetchone()[0] > 0
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.skipif(not (CORPUS / SMALL[0]).exists(), reason=f"shared corpus not found at {CORPUS}")
def test_files_of_one_meeting_share_a_meetings_row(first_run: dict) -> None:
    conn = sqlite3.connect(first_run["db"])
    rows = conn.execute("SELECT file, meeting_id FROM packs WHERE file LIKE 'kent_cabinet_2025-01-30_%'").fetchall()
    assert len(rows) == 2 and len({mid for _f, mid in rows}) == 1, rows
    date, = conn.execute("SELECT date FROM meetings WHERE meeting_id = ?", (rows[0][1],)).fetchone()
    assert date == "2025-01-30"


def test_rerun_skips_unchanged_and_force_redoes(first_run: dict) -> None:
    out, db = first_run["out"], first_run["db"]
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    packs_before = sqlite3.connect(db).execute("SELECT count(*) FROM packs").fetchone()[0]
    _report, records = _run([first_run["root"] / "in"], out, db=db)
    by_name = _by_name(records)
    for path in first_run["good"]:
        assert by_name[path.name]["status"] == "skipped_unchanged"
    for name in BAD_REASONS:  # failures are tried again
        assert by_name[name]["status"] == "failed"
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} == mtimes
    assert sqlite3.connect(db).execute("SELECT count(*) FROM packs").fetchone()[0] == packs_before

    one = first_run["root"] / "in" / SAMPLE.name
    _report, records = _run([one], out, db=db, force=True)
    assert [r["status"] for r in records] == ["ok"]
    assert (out / records[0]["output"]).stat().st_mtime_ns != mtimes[records[0]["output"]]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM packs").fetchone()[0] == packs_before  # upserted, not added
    assert conn.execute("SELECT count(*) FROM meetings WHERE meeting_id NOT IN (SELECT meeting_id FROM packs)"
                        ).fetchone()[0] == 0


def test_limits_time_and_memory(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _good_files(src)
    sample = src / SAMPLE.name
    _r, records = _run([sample], tmp_path / "t", timeout=0.01)
    assert records[0]["status"] == "failed" and records[0]["reason"] == "over the time limit (0.01 s)"
    _r, records = _run([sample], tmp_path / "m", max_memory_mb=50)
    assert records[0]["status"] == "failed" and records[0]["reason"] == "over the memory limit"
    for folder in ("t", "m"):
        assert not list((tmp_path / folder).glob("*.json")) and not list((tmp_path / folder).glob(".*.tmp"))


def _abort(conn: object, pdf: str, output: str, max_memory_mb: int | None, options: object = None) -> None:
    os.abort()  # a worker that crashes in C code


def test_a_crashing_worker_fails_only_its_file(tmp_path: Path) -> None:
    tasks = [Task(pdf=f"{n}.pdf", output=str(tmp_path / f"{n}.json"), size=1, timeout=60, max_memory_mb=None)
             for n in ("a", "b")]
    results: list[tuple[Task, dict]] = []
    LocalExecutor(2, target=_abort).run(tasks, lambda t, r: results.append((t, r)))
    assert sorted(t.pdf for t, _r in results) == ["a.pdf", "b.pdf"]
    assert all(r["status"] == "failed" and r["reason"] == "worker process died (SIGABRT)" for _t, r in results)


def test_inputs_globs_and_colliding_stems(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "pack.pdf").symlink_to(SAMPLE)
    (tmp_path / "b" / "pack.pdf").unlink()
    (tmp_path / "b" / "pack.pdf").write_bytes(SAMPLE.read_bytes() + b"\n%% a different file\n")
    _r, records = _run([str(tmp_path / "*" / "*.pdf")], tmp_path / "out")
    outputs = sorted(r["output"] for r in records)
    assert len(outputs) == 2 and all(o.startswith("pack-") and o.endswith(".json") for o in outputs), outputs
    with pytest.raises(BatchUsageError):
        _run([str(tmp_path / "nothing-*.pdf")], tmp_path / "out2")


def test_torn_manifest_line_is_ignored(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _good_files(src)
    out = tmp_path / "out"
    _run([src / SAMPLE.name], out)
    with (out / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write('{"path": "/x.pdf", "sha256": "ab')  # a line cut short by a kill
    (out / f".{SAMPLE.stem}.json.abc123.tmp").write_text("{half a fi")  # a kill mid-write
    _r, records = _run([src / SAMPLE.name], out)
    assert [r["status"] for r in records] == ["skipped_unchanged"]
    assert len(list(read_manifest(out / MANIFEST))) == 2
    assert not list(out.glob(".*.tmp"))


def _cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packparse", "batch", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def test_cli_exit_codes_and_quiet(tmp_path: Path) -> None:
    src = tmp_path / "in"
    _good_files(src)
    result = _cli(str(src / SAMPLE.name), "-o", str(tmp_path / "out"), "--quiet", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "" and result.stdout == ""
    (src / "empty.pdf").write_bytes(b"")
    result = _cli(str(src), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 1
    assert "empty.pdf: empty file" in result.stderr and "skipped_unchanged" in result.stderr
    result = _cli(str(tmp_path / "none"), "-o", str(tmp_path / "out"), "--quiet", cwd=tmp_path)
    assert result.returncode == 1 and "no such file" in result.stderr
    result = _cli(str(tmp_path / "no-*.pdf"), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 2


def test_kill_9_then_rerun_finishes_the_rest(tmp_path: Path) -> None:
    src = tmp_path / "in"
    good = _good_files(src)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "packparse", "batch", str(src), "-o", str(out), "--jobs", "1", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    try:
        while not list(out.glob("*.json")):
            assert proc.poll() is None, "the batch ended before any output appeared"
            assert time.monotonic() < deadline, "no output within 90 s"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    finished = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert finished
    for line in (out / MANIFEST).read_text(encoding="utf-8").splitlines():
        json.loads(line)  # whatever the kill left is whole lines (a torn last line is ignored by readers)
    time.sleep(0.3)  # the killed batch's worker dies with its fork server (PR_SET_PDEATHSIG)

    result = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    records = list(read_manifest(out / MANIFEST))
    last_run = {Path(r["path"]).name: r for r in records[-len(good):]}
    assert set(last_run) == {p.name for p in good}
    for name, mtime in finished.items():
        rec = next(r for r in last_run.values() if r["output"] == name)
        assert rec["status"] == "skipped_unchanged", rec
        assert (out / name).stat().st_mtime_ns == mtime  # not redone
    for rec in last_run.values():
        assert rec["status"] in ("ok", "ok_with_warnings", "skipped_unchanged")
        Pack.model_validate_json((out / rec["output"]).read_text(encoding="utf-8"))
    assert not list(out.glob(".*.tmp"))


def test_ray_executor_gives_the_same_results(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="Ray is not installed (it comes with the dev extra: make install)")
    src = tmp_path / "in"
    good = _good_files(src)[:2]
    (src / "empty.pdf").write_bytes(b"")
    inputs = [*good, src / "empty.pdf"]
    _r, local = _run(inputs, tmp_path / "local", jobs=2)
    _r, remote = _run(inputs, tmp_path / "ray", jobs=2, executor="ray", db=tmp_path / "ray.sqlite")
    local_by, ray_by = _by_name(local), _by_name(remote)
    assert set(local_by) == set(ray_by)
    for name, rec in local_by.items():
        other = ray_by[name]
        assert other["executor"] == "ray"
        assert (other["status"], other["reason"], other["output"], other["pages"]) == \
            (rec["status"], rec["reason"], rec["output"], rec["pages"])
        if rec["output"]:
            assert (tmp_path / "ray" / other["output"]).read_bytes() == \
                (tmp_path / "local" / rec["output"]).read_bytes()
    assert sqlite3.connect(tmp_path / "ray.sqlite").execute("SELECT count(*) FROM packs").fetchone()[0] == len(good)


def test_fifo_socket_and_dangling_link_never_hang_a_batch(tmp_path: Path) -> None:
    """Special files named *.pdf beside good corpus files: each is failed with its reason, never opened;
    every good file is ok."""
    from tests.nodes import fifo, unix_socket

    folder = tmp_path / "in"
    good = _good_files(folder)
    (folder / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    with fifo(folder / "fifo.pdf") as seen, unix_socket(folder / "socket.pdf"):
        report, records = _run([folder], tmp_path / "out", jobs=2)
        assert not seen["opened"]
    by_name = _by_name(records)
    assert by_name["fifo.pdf"]["reason"] == "not a regular file (a FIFO)"
    assert by_name["socket.pdf"]["reason"] == "not a regular file (a socket)"
    assert by_name["dangling.pdf"]["reason"] == "no such file (a symbolic link to a missing file)"
    for name in ("fifo.pdf", "socket.pdf", "dangling.pdf"):
        assert by_name[name]["status"] == "failed" and by_name[name]["exit_code"] == 3
    assert all(by_name[p.name]["status"] in ("ok", "ok_with_warnings") for p in good)
    assert report.exit_code == 1  # type: ignore[attr-defined]
    result = _cli(str(folder / "dangling.pdf"), "-o", str(tmp_path / "out2"), "--quiet", cwd=tmp_path)
    assert result.returncode == 1 and "symbolic link to a missing file" in result.stderr


def test_batch_never_writes_over_its_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = folder / "pack.pdf"
    pdf.write_bytes(SAMPLE.read_bytes())
    other = folder / "other.pdf"
    other.write_bytes(SAMPLE.read_bytes() + b"\n% another file\n")
    (folder / "other.json").symlink_to(pdf)  # other.pdf's output name, a link to an input
    _report, records = _run([folder], folder)  # OUTDIR is the input folder: fine while no PDF is touched
    by_name = _by_name(records)
    assert by_name["pack.pdf"]["status"] in ("ok", "ok_with_warnings")
    assert by_name["other.pdf"]["status"] == "failed" and by_name["other.pdf"]["exit_code"] == 2
    assert "refusing to write over the input file" in by_name["other.pdf"]["reason"]
    assert pdf.read_bytes() == SAMPLE.read_bytes() and (folder / "other.json").is_symlink()
    with pytest.raises(PackparseError, match="refusing to write over the input file") as caught:
        _run([pdf], tmp_path / "out", db=pdf)
    assert caught.value.exit_code == 2
    (tmp_path / "out2").mkdir()
    (tmp_path / "out2" / MANIFEST).symlink_to(other)
    with pytest.raises(PackparseError, match="refusing to write over the input file"):
        _run([folder], tmp_path / "out2")
    assert pdf.read_bytes() == SAMPLE.read_bytes() and other.read_bytes().startswith(SAMPLE.read_bytes())
    result = _cli(str(pdf), "-o", str(tmp_path / "out3"), "--db", str(other), cwd=tmp_path)
    assert result.returncode == 2 and "refusing to write over a PDF" in result.stderr


def test_per_file_options_and_resume_by_options(tmp_path: Path) -> None:
    """--max-pages, --redact and the rest reach the workers (one ExtractOptions); a re-run with different
    output options redoes a file, the same options skip it."""
    from packparse.options import ExtractOptions

    folder = tmp_path / "in"
    _good_files(folder)
    sample = folder / SAMPLE.name
    out = tmp_path / "out"
    _r, records = _run([sample], out, extract=ExtractOptions(max_pages=3))
    assert records[0]["status"] == "failed" and "over the 3-page limit" in records[0]["reason"]
    _r, records = _run([sample], out)
    assert records[0]["status"] in ("ok", "ok_with_warnings") and "options" not in records[0]
    assert "01234 567890" in (out / records[0]["output"]).read_text(encoding="utf-8")
    redacted = ExtractOptions(redact=True, timezone="Europe/London")
    _r, records = _run([sample], out, extract=redacted)
    assert records[0]["status"] in ("ok", "ok_with_warnings"), records  # redone: not skipped
    assert records[0]["options"] == {"redact": True, "timezone": "Europe/London"}
    text = (out / records[0]["output"]).read_text(encoding="utf-8")
    assert "01234 567890" not in text and "[phone]" in text
    _r, records = _run([sample], out, extract=redacted)
    assert records[0]["status"] == "skipped_unchanged" and records[0]["options"]["redact"] is True
    _r, records = _run([sample], out)
    assert records[0]["status"] in ("ok", "ok_with_warnings")  # back to the defaults: redone
    result = _cli(str(sample), "-o", str(tmp_path / "cli"), "--max-pages", "3", "--redact", "--ocr",
                  "--timezone", "Europe/London", "--password", "x", "--quiet", cwd=tmp_path)
    assert result.returncode == 1 and "over the 3-page limit" in result.stderr
    result = _cli(str(sample), "-o", str(tmp_path / "cli"), "--timezone", "Mars/Base", cwd=tmp_path)
    assert result.returncode == 2 and "unknown time zone" in result.stderr
