"""Unreadable input: one line naming the file and the reason, a documented exit code, no output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import packparse
from packparse.errors import EncryptedInput, ExitCode, UnreadableInput
from tests.broken import SAMPLE, write_encrypted


@pytest.fixture()
def bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": tmp_path / "empty.pdf",
        "not_pdf": tmp_path / "notes.pdf",
        "truncated": tmp_path / "truncated.pdf",
    }
    files["empty"].write_bytes(b"")
    files["not_pdf"].write_text("Minutes of the meeting\n" * 20)
    files["truncated"].write_bytes(SAMPLE.read_bytes()[: SAMPLE.stat().st_size // 3])
    files["encrypted"] = write_encrypted(tmp_path / "locked.pdf")
    return files


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packparse", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.mark.parametrize("kind", ["empty", "not_pdf", "truncated", "encrypted"])
def test_cli_one_line_error_and_no_output(kind: str, bad_files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = _cli("extract", str(bad_files[kind]), "-o", str(out), cwd=tmp_path)
    assert result.returncode == ExitCode.UNREADABLE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad_files[kind]) in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".out.json.*"))


def test_encrypted_names_password(bad_files: dict[str, Path]) -> None:
    with pytest.raises(EncryptedInput, match="password"):
        packparse.extract(bad_files["encrypted"])
    pack = packparse.extract(bad_files["encrypted"], password="secret")
    assert pack.source.pdf_pages == 2


def test_reasons_are_specific(bad_files: dict[str, Path]) -> None:
    reasons = {}
    for kind in ("empty", "not_pdf", "truncated"):
        with pytest.raises(UnreadableInput) as exc:
            packparse.extract(bad_files[kind])
        reasons[kind] = exc.value.reason
    assert "empty" in reasons["empty"]
    assert "not a PDF" in reasons["not_pdf"]
    assert "truncated" in reasons["truncated"]


def test_missing_file_exit_code(tmp_path: Path) -> None:
    result = _cli("extract", str(tmp_path / "nope.pdf"), cwd=tmp_path)
    assert result.returncode == ExitCode.UNREADABLE
    assert "no such file" in result.stderr


def test_strict_exits_1_on_warnings(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()  # the front sheet alone: its items' pages are not in the file
    for page in PdfReader(SAMPLE).pages[:2]:
        writer.add_page(page)
    path = tmp_path / "front.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    result = _cli("extract", str(path), "-o", "-", "--strict", "--quiet", cwd=tmp_path)
    assert result.returncode == ExitCode.WARNINGS
    assert '"item_not_in_pdf"' in result.stdout
