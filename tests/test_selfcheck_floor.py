"""The gold-free self-checks over the whole corpus (real/, packs/, wild/) must not fall below the
floors in `selfcheck_floor.json`: the pass rate of every council (all its files' checks pooled), and
for every check the number of files failing it. And no file may lose a page silently.

The floors ratchet: when a change makes a council or a check pass more often, raise (lower) it
(`python -m packparse.evaluation --selfcheck-only --folders real,packs,wild --write-floor
tests/selfcheck_floor.json` writes today's figures, rounded down), so a rule added for one council
cannot quietly break another. Runs packparse over every corpus PDF (slow), hence the `corpus` marker.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from packparse.evaluation import evaluate
from packparse.evaluation.runner import ALL_FOLDERS

from .corpus import CORPUS

FLOORS = Path(__file__).with_name("selfcheck_floor.json")


@pytest.fixture(scope="module")
def selfchecks() -> dict[str, Any]:
    if not all((CORPUS / folder).is_dir() for folder in ALL_FOLDERS):
        pytest.skip(f"corpus with {', '.join(ALL_FOLDERS)} not found at {CORPUS}")
    results = evaluate(CORPUS, jobs=os.cpu_count(), gold=False, selfchecks=ALL_FOLDERS)
    sc = results["selfchecks"]
    assert sc["n_files"] > 0, "no corpus PDF was self-checked"
    return sc


def _evidence(sc: dict[str, Any], check: str, council: str | None = None, n: int = 6) -> str:
    lines = []
    for f in sc["failing"]:
        if check in f["checks"] and (council is None or f["council"] == council):
            e = f["evidence"].get(check) or {}
            lines.append(f"    {f['file']}: {check} p.{e.get('page')} {e.get('text')!r}: {e.get('why')}")
    return "\n".join(lines[:n]) + (f"\n    ... {len(lines) - n} more" if len(lines) > n else "")


@pytest.mark.corpus
def test_selfcheck_floor(selfchecks: dict[str, Any]) -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    below = []
    for council, floor in floors.get("councils", {}).items():
        per = selfchecks["councils"].get(council)
        rate = (per or {}).get("all", {}).get("rate")
        if rate is None:
            below.append(f"council {council!r}: not checked (no file), floor {floor:.3f}")
        elif rate + 1e-9 < floor:
            fails = {c: r["fail"] for c, r in per.items() if c != "all" and r["fail"]}
            worst = sorted(fails, key=lambda c: -fails[c])[:3]
            below.append(f"council {council!r}: pass rate {rate:.3f} < floor {floor:.3f}; failing most: "
                         + ", ".join(f"{c} {fails[c]}" for c in worst) + "\n"
                         + "\n".join(_evidence(selfchecks, c, council, 3) for c in worst))
    for check, ceiling in floors.get("max_failing_files", {}).items():
        failing = selfchecks["checks"].get(check, {}).get("fail", 0)
        if failing > ceiling:
            below.append(f"check {check}: {failing} files fail it, at most {ceiling} did\n"
                         f"{_evidence(selfchecks, check)}")
    errors = [f"{name}: {f['error']}" for name, f in selfchecks["files"].items() if f.get("error")]
    detail = ("\nfiles that failed to extract:\n  " + "\n  ".join(errors)) if errors else ""
    assert not below, "self-check pass rates below their floor:\n  " + "\n  ".join(below) + detail


@pytest.mark.corpus
def test_no_file_loses_a_page_silently(selfchecks: dict[str, Any]) -> None:
    lost = [f for f in selfchecks["failing"] if "silent_loss" in f["checks"]]
    assert not lost, f"{len(lost)} files lose pages silently:\n" + _evidence(selfchecks, "silent_loss", n=20)
