"""`--redact`: e-mail addresses and UK/US phone numbers out of every text field, nothing else."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

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
from tests.corpus import CORPUS, needs_corpus

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"


@pytest.mark.parametrize("text", [
    "01622 694002", "(01622) 694002", "01622 694 002", "020 7946 0000", "0300 041 4141", "03000 416000",
    "07700 900123", "0800 123 4567", "+44 (0)20 7946 0000", "+44 20 7946 0000", "+441622694002", "0044 1622 694002",
    "(408) 555-0123", "408-555-0123", "408.555.0123", "1-800-555-0199", "+1 408 555 0123", "+1-408-555-0123",
    # UK 4+6, 5+6, 5+5, 6+5, 3+4+4, 4+3+4, unbroken, hyphens, +44 forms
    "0161 234567", "01622 694002", "01539 36123", "017683 52469", "015394 36123", "020 7946 0000", "0113 222 3333",
    "07817367076", "07989 398 838", "020-7946-0000", "+44 1622 694002", "+44 (0) 1622 694002", "+44 17683 52469",
    # US: brackets then spaces, letters (vanity) with the digits after them, extensions, "1 (800)"
    "(888) 475 4499", "(408)535-1260", "1 (800) 555-0199", "+1 (408) 555-0123", "1-877-460-KEYS (5397)",
    "1-877-460-KEYS", "1-800-FLOWERS", "(408) 252-3000, ext. 216", "408-555-0123 x 204",
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
    # money, page ranges, planning references, minute numbers, dates, table figures, meeting ids
    "£12,345,678", "$1,234,567.89", "Pages 101 - 120", "pages 1-20, 21-40", "22/01234/FUL", "Minute 042/23",
    "2020-2021", "01/04/2024 - 31/03/2025", "250 300 1000", "10 000 000", "0 20 40 60 80 100", "05 06 2023",
    "SCH #2019120341", "Section 20.70.450.B", "Meeting ID: 961 1158 0540", "(2024) 12345", "ref 0044/2023",
    "123-ABC-4567 units",
])
def test_leaves_other_numbers_alone(text: str) -> None:
    assert redact_text(f"see {text} here") == f"see {text} here"


def test_numbers_side_by_side() -> None:
    """A run of digits is cut back to the number; the next number is found on its own."""
    assert redact_text("03000 419601 03000 410066") == "[phone] [phone]"
    assert redact_text("Call 01622 694002 2023 budget") == "Call [phone] 2023 budget"
    assert redact_text("Phone: (408) 555-0123 (2024) budget") == "Phone: [phone] (2024) budget"


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


CONTACTS = ("julius@housekeys.org", "programs@housekeys.org", "tech@housekeys.org", "408-684-8202",
            "415-846-8004", "650-330-6600", "877-460-KEYS", "(5397)")
LEFTOVER = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+|\(?\b[2-9]\d{2}\)?[ .-]\d{3}[ .-]\d{4}\b|\b\d{5,6} \d{5,6}\b")


def _leftovers(name: str, text: str) -> list[str]:
    found = [c for c in CONTACTS if c in text]
    found += [m.group(0) for m in LEFTOVER.finditer(text)]
    return [f"{name}: {x}" for x in found]


def _database_text(db: Path) -> str:
    conn = sqlite3.connect(db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return "\n".join(str(value) for t in tables for row in conn.execute(f'SELECT * FROM "{t}"')
                     for value in row if value is not None)


@needs_corpus
def test_every_output_form_is_redacted(tmp_path: Path) -> None:
    """A US staff report with staff e-mail addresses, direct lines and a vanity number: JSON, OCD, OParl,
    the CSV of every table, and batch JSON and database, all with --redact, hold none of them."""
    from typer.testing import CliRunner

    from packparse.batch import BatchOptions, run_batch
    from packparse.cli import app
    from packparse.options import ExtractOptions

    pdf = CORPUS / "real" / "menlo_park_staff_report_g4.pdf"
    plain = packparse.extract(pdf).model_dump_json()
    assert all(c in plain for c in CONTACTS)  # the file does hold them
    runner = CliRunner()
    outputs: dict[str, str] = {}
    for fmt in ("json", "ocd", "oparl"):
        out = tmp_path / f"pack.{fmt}.json"
        result = runner.invoke(app, ["extract", str(pdf), "-f", fmt, "-o", str(out), "--redact", "--quiet",
                                     "--source-url", "https://example.org/report.pdf"])
        assert result.exit_code == 0, result.output
        outputs[fmt] = out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["tables", str(pdf), "--csv", str(tmp_path / "csv"), "--redact"])
    assert result.exit_code == 0, result.output
    csvs = sorted((tmp_path / "csv").glob("*.csv"))
    assert len(csvs) >= 3
    outputs.update({f"csv {p.name}": p.read_text(encoding="utf-8") for p in csvs})
    report = run_batch(BatchOptions(inputs=[str(pdf)], outdir=tmp_path / "batch", db=tmp_path / "packs.sqlite",
                                    quiet=True, extract=ExtractOptions(redact=True)),
                       console=Console(file=io.StringIO()))
    assert report.exit_code == 0
    outputs["batch json"] = (tmp_path / "batch" / report.records[0]["output"]).read_text(encoding="utf-8")
    outputs["batch database"] = _database_text(tmp_path / "packs.sqlite")
    assert "[email]" in outputs["csv p006_t0.csv"] and "[phone]" in outputs["batch database"]
    leftovers = [x for name, text in outputs.items() for x in _leftovers(name, text)]
    assert not leftovers, leftovers
