"""Fuzz: mutated bytes of small real PDFs must give a Pack or a PackparseError, nothing else.

Each input runs under the worker's limits (`run_limited`), so a hang or a blow-up is caught and
reported as a failure here rather than stalling the suite. The default run is seeded and bounded
(`derandomize=True`, 60 examples, well under a minute); `PACKPARSE_FUZZ_LONG=1` runs an unseeded
search for as many examples as `PACKPARSE_FUZZ_EXAMPLES` (default 2000). Every crash found is kept
below as an `@example` so it stays fixed.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from functools import cache
from pathlib import Path

import pytest

from packparse.api import extract
from packparse.errors import InputTooLarge, PackparseError
from packparse.limits import WorkerCrashed, run_limited
from packparse.models import Pack
from tests.corpus import CORPUS, pdf_path

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is not installed (pip install -e '.[dev]')")
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"
CORPUS_SEEDS = ("kent_cabinet_2025-01-30_agenda_frontsheet", "milburn_pc_2019-07-02_agenda")
LONG = os.environ.get("PACKPARSE_FUZZ_LONG") == "1"
TIMEOUT_S = 20.0  # each seed parses in about a second: 20 s is a hang
MAX_MEMORY_MB = 1024

NUMBERS = (b"0", b"-1", b"1", b"2147483648", b"99999999999999999999", b"-0.0", b"1e9", b"3.4e38", b"00000")
NAMES = (b"/Page", b"/Pages", b"/Kids", b"/Count", b"/Length", b"/Filter", b"/FlateDecode", b"/LZWDecode",
         b"/XObject", b"/Form", b"/Font", b"/Type3", b"/Encrypt", b"/ObjStm", b"/Parent", b"/Contents")
KEYWORDS = (b"obj", b"endobj", b"stream", b"endstream", b"R", b"xref", b"trailer", b"startxref", b"BT", b"ET",
            b"Tj", b"TJ", b"Do", b"q", b"Q", b"cm", b"[", b"]", b"<<", b">>", b"(", b")", b"")
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_NAME = re.compile(rb"/[A-Za-z][\w.+-]*")
_KEYWORD = re.compile(rb"\b(?:obj|endobj|stream|endstream|R|xref|trailer|startxref|BT|ET|Tj|TJ|Do|cm)\b|<<|>>")


@cache
def seeds() -> dict[str, bytes]:
    """Small PDFs to mutate: two real ones read in place, and the sample's first pages with its
    content streams uncompressed (so byte mutations reach the page operators, not only zlib)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    for page in PdfReader(SAMPLE).pages[:4]:
        writer.add_page(page)
    for page in writer.pages:
        plain = DecodedStreamObject()
        plain.set_data(page.get_contents().get_data())
        page[NameObject("/Contents")] = writer._add_object(plain)
    buf = io.BytesIO()
    writer.write(buf)
    out = {"sample": SAMPLE.read_bytes(), "sample_uncompressed": buf.getvalue()}
    if CORPUS.is_dir():
        out.update({stem: pdf_path(stem).read_bytes() for stem in CORPUS_SEEDS})
    return out


@st.composite
def mutated_pdfs(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(seeds())))
    data = bytearray(seeds()[name])
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("flip", "overwrite", "delete", "insert", "duplicate", "truncate",
                                   "number", "name", "keyword")))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[pos:pos + len(chunk)] = chunk
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 512))]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "duplicate":
            span = bytes(data[pos:pos + draw(st.integers(1, 4096))])
            data[pos:pos] = span * draw(st.integers(1, 4))
        elif op == "truncate":
            del data[max(pos, 16):]
        else:
            pattern, values = {"number": (_NUMBER, NUMBERS), "name": (_NAME, NAMES),
                               "keyword": (_KEYWORD, KEYWORDS)}[op]
            hits = list(pattern.finditer(data))
            if hits:
                hit = hits[draw(st.integers(0, len(hits) - 1))]
                data[hit.start():hit.end()] = draw(st.sampled_from(values))
    return name, bytes(data)


def check(data: bytes) -> None:
    """Pack or PackparseError; a crash, a hang or a blow-up fails."""
    with tempfile.TemporaryDirectory(prefix="packparse-fuzz-") as tmp:
        path = Path(tmp) / "fuzz.pdf"
        path.write_bytes(data)
        try:
            pack = run_limited(extract, (path,), TIMEOUT_S, MAX_MEMORY_MB)
        except WorkerCrashed as exc:
            pytest.fail(f"the worker crashed: {exc}")
        except InputTooLarge as exc:
            if "--timeout" in exc.reason or "--max-memory" in exc.reason:
                pytest.fail(f"a small mutated file hit a worker limit: {exc.reason}")
            return
        except PackparseError:
            return
    assert isinstance(pack, Pack)


def _mediabox(value: bytes) -> tuple[str, bytes]:
    return "sample", SAMPLE.read_bytes().replace(b"/MediaBox [ 0 0 595.2756", b"/MediaBox [ 0 0 " + value, 1)


# Crashes found while building the reader's checks, kept fixed (see also tests/test_robustness.py):
# a MediaBox number pdfplumber cannot parse was an internal error, raised again by pdf.close().
@example(_mediabox(b"1e9"))
@example(_mediabox(b"/Name"))
@example(_mediabox(b"99999999999999999999"))
@settings(max_examples=int(os.environ.get("PACKPARSE_FUZZ_EXAMPLES", "2000")) if LONG else 60,
          deadline=None, derandomize=not LONG, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_pdfs())
def test_mutated_pdfs_parse_or_fail_cleanly(case: tuple[str, bytes]) -> None:
    check(case[1])
