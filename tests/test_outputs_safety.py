"""Outputs never clobber what they should not; inputs that are not regular files are never opened.

Every output form (extract JSON/OCD/OParl, inspect --png, tables --csv, batch outputs, manifest and
database) refuses the input and any PDF with exit 2; outputs go only to regular files or new paths (a FIFO,
socket, directory or device node is refused, a symlink is written through, a hard-linked file is refused);
a replaced file keeps its mode (and owner, as root). Device nodes are made with mknod in a temp folder, only
as root (CI runs as root); FIFOs are watched by a thread that would notice being opened, so a regression
fails instead of hanging.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from packparse.cli import app
from packparse.fileguard import OutputRefused, check_input, output_target
from tests.nodes import fifo, needs_root, unix_socket

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the sample pack: these tests try to overwrite it."""
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(SAMPLE.read_bytes())
    return pdf


# -- never over the input, never over a PDF ------------------------------------------------------------


def test_extract_refuses_to_write_over_its_input(pack: Path, tmp_path: Path) -> None:
    before = pack.read_bytes()
    (tmp_path / "link.json").symlink_to(pack)
    os.link(pack, tmp_path / "hard.json")
    for out in (pack, tmp_path / "link.json", tmp_path / "hard.json", tmp_path / "sub" / ".." / "pack.pdf"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        code, output = _cli("extract", str(pack), "-o", str(out), "--quiet")
        assert code == 2, (out, output)
        assert "refusing to write over the input file" in output and output.count("\n") == 1, output
        assert pack.read_bytes() == before
    assert (tmp_path / "link.json").is_symlink()


@pytest.mark.parametrize("fmt", ["json", "ocd", "oparl"])
def test_extract_refuses_any_existing_pdf(fmt: str, pack: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_bytes(b"\n\n%PDF-1.4 a PDF whatever its name\n")
    code, output = _cli("extract", str(pack), "-f", fmt, "-o", str(other), "--quiet",
                        "--source-url", "https://example.org/pack.pdf")
    assert code == 2 and "refusing to write over a PDF" in output and str(other) in output
    assert other.read_bytes().startswith(b"\n\n%PDF")


def test_inspect_png_never_over_the_input(pack: Path, tmp_path: Path) -> None:
    before = pack.read_bytes()
    code, output = _cli("inspect", str(pack), "--page", "1", "--png", str(pack))
    assert code == 2 and "refusing to write over the input file" in output
    assert pack.read_bytes() == before
    code, output = _cli("inspect", str(pack), "--page", "1", "--png", str(tmp_path / "p1.png"))
    assert code == 0, output
    assert (tmp_path / "p1.png").read_bytes().startswith(b"\x89PNG")


def test_tables_csv_never_over_a_pdf(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    out.mkdir()
    (out / "p013_t0.csv").symlink_to(pack)  # the name the sample's table gets, linked to the input
    code, output = _cli("tables", str(pack), "--csv", str(out))
    assert code == 2 and "refusing to write over the input file" in output
    assert pack.read_bytes() == SAMPLE.read_bytes()
    code, output = _cli("tables", str(pack), "--csv", str(pack))
    assert code == 2 and "output folder" in output


def test_stdout_still_works(pack: Path) -> None:
    code, output = _cli("extract", str(pack), "-o", "-", "--quiet")
    assert code == 0 and '"packparse_version"' in output


# -- outputs only to regular files or new paths --------------------------------------------------------


def test_fifo_socket_and_directory_outputs_are_refused(pack: Path, tmp_path: Path) -> None:
    with fifo(tmp_path / "out.fifo") as seen:
        code, output = _cli("extract", str(pack), "-o", str(tmp_path / "out.fifo"), "--quiet")
        assert code == 2 and "refusing to write to a FIFO" in output, output
        assert stat.S_ISFIFO(os.lstat(tmp_path / "out.fifo").st_mode) and not seen["opened"]
    with unix_socket(tmp_path / "out.sock"):
        code, output = _cli("extract", str(pack), "-o", str(tmp_path / "out.sock"), "--quiet")
        assert code == 2 and "refusing to write to a socket" in output
        assert stat.S_ISSOCK(os.lstat(tmp_path / "out.sock").st_mode)
    (tmp_path / "folder").mkdir()
    code, output = _cli("extract", str(pack), "-o", str(tmp_path / "folder"), "--quiet")
    assert code == 2 and "refusing to write over a directory" in output
    assert (tmp_path / "folder").is_dir()


@needs_root
def test_device_node_output_is_refused(pack: Path, tmp_path: Path) -> None:
    """The /dev/full case, on a node made here (never under /dev): the node stays a device."""
    node = tmp_path / "full"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    for args in (["extract", str(pack), "-o", str(node)], ["inspect", str(pack), "--png", str(node)]):
        code, output = _cli(*args, "--quiet") if args[0] == "extract" else _cli(*args)
        assert code == 2 and "refusing to write to a character device" in output, output
        assert stat.S_ISCHR(os.lstat(node).st_mode)
    with pytest.raises(OutputRefused):
        output_target(node)


def test_symlink_output_is_written_through(pack: Path, tmp_path: Path) -> None:
    target = tmp_path / "real" / "out.json"
    target.parent.mkdir()
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, output = _cli("extract", str(pack), "-o", str(link), "--quiet")
    assert code == 0, output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert '"packparse_version"' in target.read_text(encoding="utf-8")
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "new" / "made.json")
    assert _cli("extract", str(pack), "-o", str(dangling), "--quiet")[0] == 0
    assert dangling.is_symlink() and (tmp_path / "new" / "made.json").is_file()


def test_hardlinked_output_is_refused(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("{}")
    os.link(out, tmp_path / "other-name.json")
    code, output = _cli("extract", str(pack), "-o", str(out), "--quiet")
    assert code == 2 and "2 hard links" in output
    assert out.read_text() == "{}" and os.stat(out).st_nlink == 2


def test_replacing_a_file_keeps_its_mode(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("{}")
    out.chmod(0o600)
    assert _cli("extract", str(pack), "-o", str(out), "--quiet")[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.stat().st_size > 1000
    new = tmp_path / "new.json"
    assert _cli("extract", str(pack), "-o", str(new), "--quiet")[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


@needs_root
def test_replacing_a_file_keeps_its_owner_as_root(pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("{}")
    os.chown(out, 12345, 23456)
    out.chmod(0o640)
    assert _cli("extract", str(pack), "-o", str(out), "--quiet")[0] == 0
    st = out.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o640) and st.st_size > 1000


# -- inputs: stat first, never open anything but a regular file -----------------------------------------

COMMANDS = {
    "extract": lambda pdf, tmp: ["extract", str(pdf), "-o", str(tmp / "x.json"), "--quiet"],
    "tables": lambda pdf, tmp: ["tables", str(pdf), "--csv", str(tmp / "csv")],
    "inspect": lambda pdf, tmp: ["inspect", str(pdf)],
    "validate": lambda pdf, tmp: ["validate", str(pdf)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_non_regular_inputs_are_never_opened(command: str, tmp_path: Path) -> None:
    args = COMMANDS[command]
    with fifo(tmp_path / "fifo.pdf") as seen:
        code, output = _cli(*args(tmp_path / "fifo.pdf", tmp_path))
        assert code == 3 and "not a regular file (a FIFO)" in output, output
        assert not seen["opened"]
    with unix_socket(tmp_path / "sock.pdf"):
        code, output = _cli(*args(tmp_path / "sock.pdf", tmp_path))
        assert code == 3 and "not a regular file (a socket)" in output, output
    (tmp_path / "dir.pdf").mkdir()
    code, output = _cli(*args(tmp_path / "dir.pdf", tmp_path))
    assert code == 3 and "is a directory" in output, output
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    code, output = _cli(*args(tmp_path / "dangling.pdf", tmp_path))
    assert code == 3 and "no such file (a symbolic link to a missing file)" in output, output
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "csv").exists()


@needs_root
def test_device_input_is_never_opened(tmp_path: Path) -> None:
    node = tmp_path / "zero.pdf"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 5))  # /dev/zero: reading it never ends
    for command in sorted(COMMANDS):
        code, output = _cli(*COMMANDS[command](node, tmp_path))
        assert code == 3 and "not a regular file (a character device)" in output, (command, output)
    with pytest.raises(Exception, match="not a regular file"):
        check_input(node)
