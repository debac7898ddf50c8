"""`packparse inspect`: the tree names what was found; the PNG shows the boxes on the page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from packparse.api import analyse
from packparse.inspect import page_boxes

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "example_pack.pdf"


def test_page_boxes_name_furniture_lines_and_document_start() -> None:
    analysis = analyse(SAMPLE)
    labels = [label for _box, _colour, label in page_boxes(analysis, 3)]
    assert "stamp" in labels and "page_number" in labels
    assert any(label.startswith("minutes starts") for label in labels)
    assert sum(1 for label in labels if label == "") > 10  # content lines
    table_page = next(t.pdf_page for d in analysis.pack.documents for t in d.tables)
    assert "table" in [label for _b, _c, label in page_boxes(analysis, table_page)]


def test_cli_inspect_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "p3.png"
    result = subprocess.run([sys.executable, "-m", "packparse", "inspect", str(SAMPLE), "--page", "3",
                             "--png", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "minutes" in result.stdout and "removed stamp" in result.stdout
    with Image.open(out) as image:
        assert image.size[0] > 500
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
        assert any(r > 150 and g < 80 and b < 80 for _n, (r, g, b) in colours)  # red furniture boxes


def test_cli_inspect_page_out_of_range(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "packparse", "inspect", str(SAMPLE), "--page", "99"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "not in this PDF" in result.stderr
