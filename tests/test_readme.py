"""The README's Python examples run as printed (against the bundled sample pack), so they stay true."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [m.group(1) for m in re.finditer(r"^```python\n(.*?)^```", text, flags=re.S | re.M)]


def test_readme_has_python_examples() -> None:
    blocks = python_blocks()
    assert len(blocks) >= 3
    assert all("samples" in b or "Pack.model_validate_json" in b for b in blocks)


def test_readme_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Every ```python block, in order, in one scratch folder holding a copy of samples/ (so the examples'
    relative paths work and what they write stays out of the repository)."""
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    for i, block in enumerate(python_blocks()):
        try:
            exec(compile(block, f"README.md python block {i + 1}", "exec"), {"__name__": f"readme_{i}"})
        except Exception as exc:  # name the block that broke
            pytest.fail(f"README python block {i + 1} failed: {type(exc).__name__}: {exc}\n{block}")
    out = capsys.readouterr().out
    assert "borsetshire-county-council/" in out  # the ids printed by the first example
    assert (tmp_path / "out" / "example_pack.oparl.json").exists()
    assert (tmp_path / "packs.db").exists()
