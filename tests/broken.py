"""Broken and hostile PDFs, made here from raw bytes and pypdf (never committed), shared by the CLI,
robustness and batch tests. `BROKEN` lists each with the exit code and the words its one-line error must hold.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

from packparse.errors import ExitCode

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
HELLO = b"BT /F1 12 Tf 72 700 Td (Hello council) Tj ET"


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


def slow_page(paths: int = 140_000) -> bytes:
    """One page drawing `paths` short rules from 0.7 MB: legal (under the object cap) but slow for any
    engine (seconds with PDFium, longer with pdfplumber), for testing time limits."""
    body = b"".join(b"%d %d m %d %d l S\n" % (i % 500, i % 700, i % 500 + 3, i % 700) for i in range(paths))
    return one_page(stream(zlib.compress(body, 9), b"/Filter /FlateDecode "))


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


def write_encrypted(path: Path) -> Path:
    """The sample's first two pages, encrypted with the user password 'secret'."""
    path.write_bytes(sample_copy(user="secret", owner="owner"))
    return path
