"""`--redact`: e-mail addresses and UK/US phone numbers out of every text field, nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import packparse
from packparse.models import (
    CellValue,
    Contact,
    Document,
    Meeting,
    Pack,
    PageRange,
    Person,
    Report,
    Source,
    Table,
)
from packparse.redact import redact_pack, redact_text

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"


@pytest.mark.parametrize("text", [
    "01622 694002", "(01622) 694002", "01622 694 002", "020 7946 0000", "0300 041 4141", "03000 416000",
    "07700 900123", "0800 123 4567", "+44 (0)20 7946 0000", "+44 20 7946 0000", "+441622694002", "0044 1622 694002",
    "(408) 555-0123", "408-555-0123", "408.555.0123", "1-800-555-0199", "+1 408 555 0123", "+1-408-555-0123",
])
def test_phone_numbers(text: str) -> None:
    assert redact_text(f"Tel: {text}.") == "Tel: [phone]."


@pytest.mark.parametrize("text", [
    "clerk@milburnparishcouncil.com", "joanna.lee@kent.gov.uk", "first.o'neil+agenda@example.co.uk",
])
def test_email_addresses(text: str) -> None:
    assert redact_text(f"Contact {text}, or write.") == "Contact [email], or write."


@pytest.mark.parametrize("text", [
    "2025-01-30", "30/01/2025", "24/00108", "£1,234,567", "2021/22", "0.5%", "pages 12-34", "10:00 am",
    "12 345 678", "01 02 2023", "0123 4567", "95014-1234", "ISBN 978-0-12-345678-9", "1,234.56", "2023 - 2026",
    "Agenda Item 7.1", "25/00012/FUL", "07/03/2025 14:00", "@kent_cc",
])
def test_leaves_other_numbers_alone(text: str) -> None:
    assert redact_text(f"see {text} here") == f"see {text} here"


def test_walks_every_text_field() -> None:
    table = Table(pdf_page=3, header=["Name", "Telephone"], rows=[["J Smith", "01622 694002"], ["Total", "12"]],
                  n_cols=2, values=[[None, CellValue(kind="number", value=1622694002)],
                                    [None, CellValue(kind="number", value=12)]])
    pack = Pack(
        source=Source(file="pack.pdf", sha256="0" * 64, pdf_pages=3, bytes=1),
        meeting=Meeting(council="Kent", contact=Contact(name="A Clerk", phone="ext 4412", email="a.clerk@x.gov.uk")),
        documents=[Document(kind="report", pdf_pages=PageRange(first=2, last=3),
                            text="Contact Joe on 03000 416 934 or joe.mckay@kent.gov.uk",
                            tables=[table],
                            report=Report(author=Person(name="Joe McKay", role="joe.mckay@kent.gov.uk"),
                                          implications={"legal": "Call 020 7946 0000 about it."}))],
    )
    counts = redact_pack(pack)
    assert pack.meeting.contact is not None
    assert (pack.meeting.contact.phone, pack.meeting.contact.email) == ("[phone]", "[email]")
    assert pack.meeting.contact.name == "A Clerk" and pack.meeting.council == "Kent"
    doc = pack.documents[0]
    assert doc.text == "Contact Joe on [phone] or [email]"
    assert doc.report is not None and doc.report.author is not None
    assert doc.report.author.role == "[email]" and doc.report.author.name == "Joe McKay"
    assert doc.report.implications == {"legal": "Call [phone] about it."}
    assert doc.tables[0].rows == [["J Smith", "[phone]"], ["Total", "12"]]
    assert doc.tables[0].values[0][1] is None  # the typed reading of the number goes too
    assert doc.tables[0].values[1][1] is not None
    assert (counts.emails, counts.phones) == (3, 4)
    Pack.model_validate(json.loads(pack.model_dump_json()))  # still a valid pack


def test_cli_redact(tmp_path: Path) -> None:
    plain = packparse.extract(SAMPLE).model_dump_json()
    assert "01234 567890" in plain  # the sample's contact line
    out = tmp_path / "redacted.json"
    result = subprocess.run([sys.executable, "-m", "packparse", "extract", str(SAMPLE), "-o", str(out), "--redact",
                             "--quiet"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "01234 567890" not in text and "01234 567123" not in text and "[phone]" in text
    assert json.loads(text)["meeting"]["contact"]["phone"] == "[phone]"
