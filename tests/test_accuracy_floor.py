"""Corpus-wide accuracy must not fall below the floors: `accuracy_floor.json` for the 40 shared gold files,
`wild_gold_floor.json` for the project's own gold on wild/ files (tests/gold/wild, councils and layouts the
rules were not first written on; outlined-text files scored with OCR).

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
WILD_FLOORS = Path(__file__).with_name("wild_gold_floor.json")
WILD_GOLD = Path(__file__).with_name("gold") / "wild"


@pytest.mark.corpus
def test_accuracy_floor() -> None:
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"gold corpus not found at {CORPUS.resolve()} (../shared/corpus from the repo root)")
    floors: dict[str, float] = json.loads(FLOORS.read_text(encoding="utf-8"))
    results = evaluate(CORPUS, jobs=os.cpu_count())
    assert results["n_files"] > 0, "no corpus PDF has a gold file"
    below = _below(floors, results["totals"])
    errors = [f"{name}: {r['error']}" for name, r in results["files"].items() if r["error"]]
    detail = ("\nfiles that failed to extract:\n  " + "\n  ".join(errors)) if errors else ""
    assert not below, "fields below their accuracy floor:\n  " + "\n  ".join(below) + detail


def _below(floors: dict[str, float], totals: dict) -> list[str]:
    out = []
    for field, floor in floors.items():
        f1 = totals.get(field, {}).get("f1")
        if f1 is None and floor > 0:
            out.append(f"{field}: not scored (no gold and no output items), floor {floor:.3f}")
        elif f1 is not None and f1 + 1e-9 < floor:
            out.append(f"{field}: F1 {f1:.3f} < floor {floor:.3f}")
    return out


@pytest.mark.corpus
def test_new_gold_floor() -> None:
    if not (CORPUS / "wild").is_dir():
        pytest.skip(f"wild corpus not found at {(CORPUS / 'wild').resolve()}")
    results = evaluate(CORPUS, jobs=os.cpu_count(), gold=False, wild_gold=WILD_GOLD)
    wild = results["wild_gold"]
    assert wild["n_files"] >= 40 and wild["n_errors"] == 0, wild.get("notes")
    below = _below(json.loads(WILD_FLOORS.read_text(encoding="utf-8")), wild["totals"])
    assert not below, "new-gold fields below their floor:\n  " + "\n  ".join(below)
