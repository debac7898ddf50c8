"""Restricted stubs ("Document is Restricted"): text beyond the notice is warned about (`exempt_content`)."""

from __future__ import annotations

from pathlib import Path

import pytest

import packparse

STUB = ["Document is Restricted", "By virtue of paragraph(s) 3 of Part 1 of Schedule 12A",
        "of the Local Government Act 1972."]
LEAK = ["The bid from Acme Holdings is 2.4 million pounds and the reserve", "price agreed with the owner is lower."]


def _pdf(path: Path, pages: list[list[str]]) -> Path:
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab comes with the dev extra")
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for lines in pages:
        y = 700
        for line in lines:
            c.setFont("Helvetica", 12)
            c.drawString(72, y, line)
            y -= 18
        c.showPage()
    c.save()
    return path


def test_text_on_a_restricted_page_is_warned_about(tmp_path: Path) -> None:
    pdf = _pdf(tmp_path / "pack.pdf", [
        ["Report to Cabinet", "Purchase of the depot site", "1. Summary", "The council proposes to buy the depot."],
        STUB,
        [*STUB, *LEAK],
    ])
    pack = packparse.extract(pdf)
    assert [p.kind for p in pack.pages] == ["content", "restricted", "restricted"]
    warned = [w for w in pack.warnings if w.code == "exempt_content"]
    assert [w.pdf_page for w in warned] == [3], pack.warnings
    assert "restricted notice" in warned[0].message and "Acme" not in warned[0].message
    assert any("Acme Holdings" in d.text for d in pack.documents)  # kept, but no longer silently


def test_a_stub_alone_is_not_warned_about(tmp_path: Path) -> None:
    variants = [STUB, ["Document is Restricted", "This report is exempt from publication under paragraph 1 of",
                       "Part 1 of Schedule 12A to the Local Government Act 1972 (information relating",
                       "to any individual)."]]
    pdf = _pdf(tmp_path / "stubs.pdf", [["Report to Cabinet", "Summary of the item."], *variants])
    pack = packparse.extract(pdf)
    assert [p.kind for p in pack.pages][1:] == ["restricted", "restricted"]
    assert not [w for w in pack.warnings if w.code == "exempt_content"], pack.warnings
