"""Broken-input fixtures shared by the CLI and batch tests, generated from the sample pack."""

from __future__ import annotations

import io
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"


def write_encrypted(path: Path) -> Path:
    """The sample's first two pages, encrypted with the user password 'secret'."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(SAMPLE).pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())
    return path
