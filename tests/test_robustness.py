"""Hostile and broken PDFs: each is made here (raw bytes, pypdf), never committed.

Every one must end as one line on stderr naming the file and the reason, the documented exit code, no
traceback and no output file, within the worker's limits (30 s, 1 GB). Files that are odd but readable
(owner-only encryption, JavaScript, attachments, a page tree that loops or lies) must read normally.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

import packparse
from packparse.errors import ExitCode, InputTooLarge, UnreadableInput
from packparse.limits import WorkerCrashed, run_limited

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
LIMITS = ("--timeout", "30", "--max-memory", "1024")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
HELLO = b"BT /F1 12 Tf 72 700 Td (Hello council) Tj ET"


# -- building PDFs by hand ---------------------------------------------------------------------------

def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF whose object i+1 is objects[i], with a correct xref table; object 1 is the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def one_page(content: bytes, mediabox: bytes = b"[0 0 612 792]", resources: bytes = b"",
             more: tuple[bytes, ...] = ()) -> bytes:
    """Catalog, page tree, one page (objects 1-3), its content (4), Helvetica (5), then `more` (6...)."""
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox
        + b" /Resources << /Font << /F1 5 0 R >> " + resources + b">> /Contents 4 0 R >>",
        content, FONT, *more])


def form(body: bytes, next_form: int | None) -> bytes:
    """A form XObject drawing `body`, whose /X is object `next_form`."""
    xobj = b"/XObject << /X %d 0 R >> " % next_form if next_form else b""
    return stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                        b"/Resources << /Font << /F1 5 0 R >> " + xobj + b">> ")


def zero_pages() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def looping_tree_without_pages() -> bytes:
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def looping_tree_with_page() -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>", stream(HELLO), FONT])


def lying_count() -> bytes:
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 2000000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>", stream(HELLO), FONT])


def corrupt_streams() -> bytes:
    return one_page(stream(b"x\x9c" + bytes(range(256)), b"/Filter /FlateDecode "))


def corrupt_structure() -> bytes:
    return b"%PDF-1.4\n" + b"obj << /Type garbage " * 50 + b"\n%%EOF\n"


def decompression_bomb(gigabytes: int = 1) -> bytes:
    """A content stream of ~1 MB that inflates to `gigabytes` GB of zeros (a valid zlib stream)."""
    co = zlib.compressobj(9)
    block = co.compress(b"\0" * 2**20) + co.flush(zlib.Z_FULL_FLUSH)  # byte-aligned, self-contained
    count = 1024 * gigabytes
    check = 1
    for _ in range(count):
        check = zlib.adler32(b"\0" * 2**20, check)
    data = block[:2] + block[2:] * count + b"\x03\x00" + check.to_bytes(4, "big")
    return one_page(stream(data, b"/Filter /FlateDecode "))


def glyph_bomb(depth: int = 8, fan_out: int = 10) -> bytes:
    """Nested forms, each drawing the next `fan_out` times: 10 glyphs x 10^7 draws from 2 KB."""
    forms = [form(b"/X Do " * fan_out, 7 + i) for i in range(depth - 1)]
    forms.append(form(b"BT /F1 12 Tf 72 700 Td (aaaaaaaaaa) Tj ET", None))
    return one_page(stream(b"/X Do"), resources=b"/XObject << /X 6 0 R >> ", more=tuple(forms))


def huge_page() -> bytes:
    return one_page(stream(HELLO), mediabox=b"[0 0 100000000000000000000 5]")


def malformed_page_box() -> bytes:
    return one_page(stream(HELLO), mediabox=b"[0 0 1e9 1e9]")  # not PDF number syntax


def deep_forms(depth: int = 5000) -> bytes:
    """A chain of `depth` distinct forms, each drawing the next: deeper than any reader recurses."""
    forms = [form(b"/X Do BT /F1 12 Tf 72 700 Td (a) Tj ET", 7 + i) for i in range(depth - 1)]
    forms.append(form(b"BT /F1 12 Tf 72 700 Td (a) Tj ET", None))
    return one_page(stream(b"/X Do"), resources=b"/XObject << /X 6 0 R >> ", more=tuple(forms))


def deep_page_tree(depth: int = 3000) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + i) for i in range(depth)]
    page = 2 + depth
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> "
                   b"/Contents %d 0 R >>" % (page + 1, page + 2))
    objects += [FONT, stream(HELLO)]
    return raw_pdf(objects)


def sample_copy(*, user: str | None = None, owner: str | None = None, extras: bool = False) -> bytes:
    """The first two pages of the sample, encrypted and/or with JavaScript and an attachment."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    for page in PdfReader(SAMPLE).pages[:2]:
        writer.add_page(page)
    if extras:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('packparse-js-marker');")})
        writer.add_attachment("payload.exe", b"MZ packparse-attachment-marker" + b"\0" * 64)
    if user is not None or owner is not None:
        writer.encrypt(user_password=user or "", owner_password=owner, algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


BROKEN: dict[str, tuple[Callable[[], bytes], ExitCode, str]] = {
    # name: (maker, exit code, words the one-line reason must contain)
    "empty": (lambda: b"", ExitCode.UNREADABLE, "empty file"),
    "not_a_pdf": (lambda: b"Minutes of the meeting\n" * 40, ExitCode.UNREADABLE, "not a PDF"),
    "truncated": (lambda: SAMPLE.read_bytes()[: SAMPLE.stat().st_size // 3], ExitCode.UNREADABLE, "truncated"),
    "corrupt_structure": (corrupt_structure, ExitCode.UNREADABLE, "not a readable PDF"),
    "corrupt_streams": (corrupt_streams, ExitCode.UNREADABLE, "content streams are damaged"),
    "malformed_page_box": (malformed_page_box, ExitCode.UNREADABLE, "corrupt PDF"),
    "zero_pages": (zero_pages, ExitCode.UNREADABLE, "no pages"),
    "page_tree_loop": (looping_tree_without_pages, ExitCode.UNREADABLE, "no pages"),
    "password": (lambda: sample_copy(user="secret", owner="owner"), ExitCode.UNREADABLE, "--password"),
    "decompression_bomb": (decompression_bomb, ExitCode.TOO_LARGE, "decompression bomb"),
    "glyph_bomb": (glyph_bomb, ExitCode.TOO_LARGE, "glyph bomb"),
    "absurd_page_size": (huge_page, ExitCode.TOO_LARGE, "page-size limit"),
    "deep_forms": (deep_forms, ExitCode.TOO_LARGE, "nests too deeply"),
    "deep_page_tree": (deep_page_tree, ExitCode.TOO_LARGE, "nests too deeply"),
}


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
    path.write_bytes(glyph_bomb(depth=9))  # 10^8 draws: slow long before the object cap trips
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
