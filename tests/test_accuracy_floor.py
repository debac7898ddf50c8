"""Corpus-wide accuracy must not fall below the floors in `accuracy_floor.json`.

The floors ratchet: raise a field's floor when the pipeline improves so a later change cannot
silently lose the gain. Runs the full harness (slow: extraction of the whole corpus), hence the
`corpus` marker: deselect with `-m "not corpus"` for a quick run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from packparse.evaluation import evaluate

ROOT = Path(__file__).parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"
FLOORS = Path(__file__).with_name("accuracy_floor.json")


@pytest.mark.corpus
def test_accuracy_floor() -> None:
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"gold corpus not found at {CORPUS.resolve()} (../shared/corpus from the repo root)")
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))
    results = evaluate(CORPUS, jobs=os.cpu_count())
    assert results["n_files"] > 0, "no corpus PDF has a gold file"
    totals = results["totals"]
    below = []
    for field, floor in floors.items():
        f1 = totals.get(field, {}).get("f1")
        if f1 is None and floor > 0:
            below.append(f"{field}: not scored (no gold and no output items), floor {floor:.3f}")
        elif f1 is not None and f1 + 1e-9 < floor:
            below.append(f"{field}: F1 {f1:.3f} < floor {floor:.3f}")
    errors = [f"{name}: {r['error']}" for name, r in results["files"].items() if r["error"]]
    detail = ("\nfiles that failed to extract:\n  " + "\n  ".join(errors)) if errors else ""
    assert not below, "fields below their accuracy floor:\n  " + "\n  ".join(below) + detail
