"""Hostile and broken PDFs (made by tests/broken.py from raw bytes and pypdf, never committed).

Every one must end as one line on stderr naming the file and the reason, the documented exit code, no
traceback and no output file, within the worker's limits (30 s, 1 GB). Files that are odd but readable
(owner-only encryption, JavaScript, attachments, a page tree that loops or lies) must read normally.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import packparse
from packparse.errors import ExitCode, InputTooLarge, UnreadableInput
from packparse.limits import WorkerCrashed, run_limited
from tests.broken import BROKEN, SAMPLE, looping_tree_with_page, lying_count, sample_copy, slow_page

LIMITS = ("--timeout", "30", "--max-memory", "1024")


def cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packparse", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def assert_clean_failure(result: subprocess.CompletedProcess[str], path: Path, code: int, reason: str,
                         out: Path) -> str:
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    assert result.returncode == code, result.stderr
    assert str(path) in lines[0] and reason in lines[0], lines[0]
    assert not out.exists()
    assert not list(out.parent.glob(f".{out.name}.*")), "a temporary output file was left behind"
    return lines[0]


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_input_fails_cleanly(kind: str, tmp_path: Path) -> None:
    make, code, reason = BROKEN[kind]
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(make())
    out = tmp_path / "out.json"
    result = cli("extract", str(path), "-o", str(out), *LIMITS, cwd=tmp_path)
    assert_clean_failure(result, path, code, reason, out)


def test_wrong_password_says_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(sample_copy(user="secret", owner="owner"))
    out = tmp_path / "out.json"
    result = cli("extract", str(path), "-o", str(out), "--password", "nope", *LIMITS, cwd=tmp_path)
    assert_clean_failure(result, path, ExitCode.UNREADABLE, "wrong password", out)
    result = cli("extract", str(path), "-o", str(out), "--password", "secret", "-q", *LIMITS, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.exists()


@pytest.mark.parametrize("extras", [{"owner": "owner-only"}, {"extras": True}])
def test_odd_but_readable_files_read_normally(extras: dict, tmp_path: Path) -> None:
    """Owner-only encryption opens without a password; JavaScript and attachments are ignored."""
    path, plain_path = tmp_path / "odd.pdf", tmp_path / "plain.pdf"
    path.write_bytes(sample_copy(**extras))
    plain_path.write_bytes(sample_copy())
    plain = packparse.extract(plain_path)
    pack = packparse.extract(path)
    assert pack.source.pdf_pages == 2
    assert pack.meeting.date == plain.meeting.date
    dumped = pack.model_dump_json()
    assert "packparse-js-marker" not in dumped and "packparse-attachment-marker" not in dumped


@pytest.mark.parametrize("make", [looping_tree_with_page, lying_count])
def test_page_tree_that_loops_or_lies_reads_the_real_pages(make: Callable[[], bytes], tmp_path: Path) -> None:
    path = tmp_path / "tree.pdf"
    path.write_bytes(make())
    pack = packparse.extract(path)
    assert pack.source.pdf_pages == 1
    assert "Hello council" in pack.documents[0].text
    assert any("page tree claims" in w.message for w in pack.warnings)


def test_max_pages_option(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = cli("extract", str(SAMPLE), "-o", str(out), "--max-pages", "5", cwd=tmp_path)
    assert_clean_failure(result, SAMPLE, ExitCode.TOO_LARGE, "over the 5-page limit", out)


def test_timeout_option(tmp_path: Path) -> None:
    path = tmp_path / "slow.pdf"
    path.write_bytes(slow_page())  # legal, but seconds to read with either engine
    out = tmp_path / "out.json"
    result = cli("extract", str(path), "-o", str(out), "--timeout", "0.5", cwd=tmp_path)
    assert_clean_failure(result, path, ExitCode.TOO_LARGE, "over the time limit (0.5 s; raise it with --timeout)", out)


# -- run_limited ---------------------------------------------------------------------------------------

def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


def _allocate(mb: int) -> int:
    blocks = [bytearray(2**20) for _ in range(mb)]
    return len(blocks)


def _raise(exc: BaseException) -> None:
    raise exc


def _die(sig: int) -> None:
    os.kill(os.getpid(), sig)


def _spawn_helper_and_hang(pid_file: str) -> None:
    helper = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(helper.pid))
    time.sleep(60)


def test_run_limited_returns_the_result() -> None:
    assert run_limited(_sleep, (0,), 10, 512) == "slept"
    assert run_limited(packparse.extract, (SAMPLE,), 60, 1024) == packparse.extract(SAMPLE)


def test_run_limited_times_out() -> None:
    with pytest.raises(InputTooLarge, match=r"x\.pdf: over the time limit \(0.5 s; raise it with --timeout\)"):
        run_limited(_sleep, (30,), 0.5, 512, name="x.pdf")


def test_run_limited_caps_memory() -> None:
    with pytest.raises(InputTooLarge, match=r"over the memory limit \(512 MB; raise it with --max-memory\)"):
        run_limited(_allocate, (2048,), 30, 512, name="x.pdf")
    assert run_limited(_allocate, (64,), 30, 512) == 64


def test_run_limited_passes_errors_through() -> None:
    with pytest.raises(UnreadableInput, match=r"a\.pdf: broken") as exc:
        run_limited(_raise, (UnreadableInput("a.pdf", "broken"),), 10, 512)
    assert exc.value.reason == "broken" and exc.value.exit_code == ExitCode.UNREADABLE
    with pytest.raises(ValueError, match="a bug"):
        run_limited(_raise, (ValueError("a bug"),), 10, 512)


def test_run_limited_reports_a_crash() -> None:
    with pytest.raises(WorkerCrashed, match="SIGSEGV") as exc:
        run_limited(_die, (signal.SIGSEGV,), 10, 512, name="x.pdf")
    assert exc.value.exit_code == ExitCode.INTERNAL


def test_run_limited_kills_helpers_on_timeout(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    with pytest.raises(InputTooLarge):
        run_limited(_spawn_helper_and_hang, (str(pid_file),), 1.5, 512)
    stat = Path(f"/proc/{int(pid_file.read_text())}/stat")
    for _ in range(50):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return  # killed, waiting to be reaped by init
        except (FileNotFoundError, ProcessLookupError):
            return
        time.sleep(0.1)
    pytest.fail("the helper process outlived the timeout")


@pytest.mark.parametrize("command", [["inspect"], ["tables", "--csv", "csv"]])
def test_inspect_and_tables_run_under_the_limits_too(command: list[str], tmp_path: Path) -> None:
    path = tmp_path / "slow.pdf"
    path.write_bytes(slow_page())
    result = cli(command[0], str(path), *command[1:], "--timeout", "0.5", cwd=tmp_path)
    assert_clean_failure(result, path, ExitCode.TOO_LARGE, "over the time limit (0.5 s", tmp_path / "csv")
